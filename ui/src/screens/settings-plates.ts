// Settings: the bar and the plates of each unit, as the lifter's gym has them. The logger's
// plate calculator loads from them, and a weight converted from the other unit is rounded
// to what they can add (a pair of the lightest plates).

import { commands, type PlateSet, type Unit } from "../bindings";
import { field, h } from "../lib/dom";
import { busy, call, report } from "../lib/messages";

/** The units whose bar and plates Settings shows, in order. */
export const UNITS: readonly Unit[] = ["kg", "lb"];

/** Reads the bar and plates of every unit, for the Settings store. */
export function loadPlates(): Promise<PlateSet[]> {
  return Promise.all(UNITS.map((unit) => call(commands.trainingPlates(unit))));
}

function number(milli: number): string {
  return String(milli / 1000);
}

/** One unit's bar and plates, with its Save; `saved` asks the vault again. */
function plateRow(set: PlateSet, saved: (text: string) => Promise<void>): HTMLElement {
  const { unit } = set;
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
      await call(commands.trainingSetPlates(unit, bar.value, plates.value));
      await saved(`Bar and plates in ${unit} saved.`);
    }).catch(report);
  });
  return form;
}

/** The bar and plates of both units, as the vault holds them. */
export function platesSection(sets: readonly PlateSet[], saved: (text: string) => Promise<void>): HTMLElement {
  return h(
    "fieldset",
    { class: "choices stack", testid: "plates" },
    h("legend", {}, "Bar and plates"),
    h("p", { class: "hint" }, "Plates separated by spaces, decimals with a point, e.g. 25 20 15 10 5 2.5 1.25."),
    ...sets.map((set) => plateRow(set, saved)),
  );
}
