// One exercise in the workout logger: its name, superset group and move up/down controls,
// last time's numbers, and a table of set rows. Moving saves the new order; last time's
// sets load in the background and fill the block in when they arrive.

import { commands } from "../bindings";
import { h } from "../lib/dom";
import { busy, call, report, say } from "../lib/messages";
import { amount, describeSet, inputOf } from "./training-kit";
import { chooseGroup, groupOf, moveExercise, saveOrder, type Logger } from "./workout-state";
import { proposal } from "./weight-field";
import { setRow } from "./workout-set-row";

/** The block of exercise `exerciseId`, shown at `index` of `count` exercises. */
export function exerciseBlock(logger: Logger, exerciseId: number, index: number, count: number): HTMLElement {
  const name = logger.names.get(exerciseId) ?? "Exercise";
  const sets = logger.detail.sets.filter((set) => set.exercise_id === exerciseId);
  const previous = logger.previous.get(exerciseId);
  const group = groupOf(logger, exerciseId);
  const superset = h("select", { attrs: { "aria-label": `${name} superset group` }, class: "superset", testid: "superset" });
  superset.append(h("option", { attrs: { value: "" } }, "No superset"));
  for (const n of [1, 2, 3, 4, 5]) {
    superset.append(h("option", { attrs: { value: n, selected: n === group } }, `Superset ${String(n)}`));
  }
  superset.addEventListener("change", () => {
    const chosen = superset.value === "" ? null : Number(superset.value);
    busy([superset], async () => {
      chooseGroup(logger, exerciseId, chosen);
      // Every set of the exercise in this session joins the group, so they alternate.
      for (const set of sets) {
        const saved = await call(commands.setEdit(set.id, { ...inputOf(set), superset: chosen }));
        const at = logger.detail.sets.findIndex((s) => s.id === saved.id);
        if (at >= 0) logger.detail.sets[at] = saved;
      }
      logger.redraw();
    }).catch(report);
  });
  const up = h("button", { attrs: { type: "button", "aria-label": `Move ${name} up`, disabled: index === 0 }, class: "quiet move-up", testid: "move-up" }, "↑");
  const down = h(
    "button",
    { attrs: { type: "button", "aria-label": `Move ${name} down`, disabled: index === count - 1 }, class: "quiet move-down", testid: "move-down" },
    "↓",
  );
  const move = (by: -1 | 1): void => {
    moveExercise(logger, index, by);
    busy([up, down], async () => {
      if (!(await saveOrder(logger))) say("Exercises in a superset move together.");
    })
      .catch(report)
      .finally(() => {
        // On failure the stored order wins again when the logger redraws.
        logger.redraw();
        logger.host.querySelector<HTMLButtonElement>(`[data-exercise="${CSS.escape(name)}"] button.move-${by < 0 ? "up" : "down"}`)?.focus();
      });
  };
  up.addEventListener("click", () => {
    move(-1);
  });
  down.addEventListener("click", () => {
    move(1);
  });
  const last = sets.at(-1) ?? previous?.[0];
  const rows = sets.map((set, i) => setRow(logger, exerciseId, set, i + 1, undefined));
  rows.push(setRow(logger, exerciseId, null, sets.length + 1, last));
  return h(
    "section",
    { class: "exercise-block card", testid: "exercise-block", attrs: { "aria-label": name, "data-exercise": name } },
    h(
      "header",
      { class: "row" },
      h("h3", {}, name),
      h("span", { class: "spacer" }),
      superset,
      up,
      down,
    ),
    h(
      "p",
      { class: "hint previous", testid: "previous" },
      previous === undefined
        ? "Last time: …"
        : previous.length === 0
          ? "First time logging this exercise."
          : `Last time: ${previous.map((set) => describeSet(set, logger.unit)).join(", ")}`,
    ),
    h(
      "table",
      { class: "data sets" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...["Set", "Kind", "Weight", "Reps", "RPE", "Done", "Last time", ""].map((text) =>
            h("th", { attrs: { scope: "col" } }, text),
          ),
        ),
      ),
      h("tbody", {}, ...rows),
    ),
  );
}

/** Loads last time's sets of these exercises and fills them into their blocks. */
export function loadPrevious(logger: Logger, ids: number[]): void {
  for (const id of ids) {
    if (logger.previous.has(id)) continue;
    call(commands.sessionPrevious(id, logger.detail.session.started_at))
      .then((sets) => {
        logger.previous.set(id, sets);
        const line = logger.host.querySelector(`[data-exercise="${CSS.escape(logger.names.get(id) ?? "")}"] [data-testid=previous]`);
        const block = line?.closest("[data-exercise]");
        for (const cell of block?.querySelectorAll<HTMLElement>("tr[data-row] [data-testid=set-previous]") ?? []) {
          const row = Number(cell.closest("tr")?.dataset.row ?? "0");
          const before = sets[row - 1];
          cell.textContent = before ? describeSet(before, logger.unit) : "";
        }
        if (line) {
          line.textContent =
            sets.length === 0
              ? "First time logging this exercise."
              : `Last time: ${sets.map((set) => describeSet(set, logger.unit)).join(", ")}`;
        }
        // The blank first row of an exercise not logged yet takes last time's first set
        // (its weight proposed in the unit this row reads).
        const first = sets[0];
        const blank = block?.querySelector("tr[data-testid=set-row-next][data-row='1']");
        if (first && blank && !logger.detail.sets.some((set) => set.exercise_id === id)) {
          const weight = blank.querySelector<HTMLInputElement>("[data-testid=set-weight]");
          const reps = blank.querySelector<HTMLInputElement>("[data-testid=set-reps]");
          const unit = blank.querySelector<HTMLButtonElement>("[data-testid=set-weight-unit]")?.textContent;
          if (weight?.value === "" && first.weight && (unit === "kg" || unit === "lb")) {
            weight.value = amount(proposal(first.weight, unit, logger.stepMilli));
          }
          if (reps?.value === "" && first.reps !== null) reps.value = String(first.reps);
          // The lifter may already be in the field: what arrived is selected, so typing
          // replaces it ("135", not "130135").
          if (document.activeElement === weight) weight?.select();
        }
      })
      .catch(report);
  }
}
