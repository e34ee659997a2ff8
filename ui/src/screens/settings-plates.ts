// Settings: the bar and the plates of each unit, as the lifter's gym has them. The logger's
// plate calculator loads from them, and a weight converted from the other unit is rounded
// to what they can add (a pair of the lightest plates).

import { commands, type PlateSet, type Unit } from "../bindings";
import { field, h } from "../lib/dom";
import { busy, call, report, say } from "../lib/messages";

const UNITS: readonly Unit[] = ["kg", "lb"];

function number(milli: number): string {
  return String(milli / 1000);
}

/** One unit's bar and plates, with its Save. */
function plateRow(unit: Unit, set: PlateSet): HTMLElement {
  const bar = h("input", { attrs: { type: "text", inputmode: "decimal", value: number(set.bar_milli), size: 5 }, testid: `bar-${unit}` });
  const plates = h("input", {
    attrs: { type: "text", value: set.plates_milli.map(number).join(" "), size: 28, spellcheck: "false" },
    testid: `plates-${unit}`,
  });
  const save = h("button", { attrs: { type: "submit" }, testid: `plates-save-${unit}` }, "Save");
  const form = h(
    "form",
    { class: "row", attrs: { "aria-label": `Bar and plates in ${unit}` } },
    field(`Bar (${unit})`, bar),
    field(`Plates (${unit}), heaviest first`, plates),
    save,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy([save], async () => {
      const saved = await call(commands.trainingSetPlates(unit, bar.value, plates.value));
      bar.value = number(saved.bar_milli);
      plates.value = saved.plates_milli.map(number).join(" ");
      say(`Bar and plates in ${unit} saved.`);
    }).catch(report);
  });
  return form;
}

/** The bar and plates of both units; filled in once the vault answers. */
export function platesSection(): HTMLElement {
  const host = h(
    "fieldset",
    { class: "stack", testid: "plates" },
    h("legend", {}, "Bar and plates"),
    h("p", { class: "hint" }, "Plates separated by spaces, decimals with a point, e.g. 25 20 15 10 5 2.5 1.25."),
  );
  Promise.all(UNITS.map((unit) => call(commands.trainingPlates(unit))))
    .then((sets) => {
      host.append(...sets.map((set, i) => plateRow(UNITS[i] ?? set.unit, set)));
    })
    .catch(report);
  return host;
}
