// One exercise in the workout logger: its name, a button for its warm-ups, its superset
// group and move up/down controls, and a table of set rows with last time's numbers in
// their column, like beside like. Moving saves the new order; last time's sets load in
// the background and fill the block in when they arrive.

import { commands } from "../bindings";
import { h } from "../lib/dom";
import { busy, call, report, say } from "../lib/messages";
import { amount, inputOf, parseWeight, type SetRow } from "./training-kit";
import { chooseGroup, groupOf, moveExercise, saveOrder, type Logger } from "./workout-state";
import { proposal } from "./weight-field";
import { blankTemplate, lastTimeAt, lastTimeText, places } from "./workout-last-time";
import { setRows } from "./workout-set-row";
import { addWarmups } from "./workout-tools";

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
  const warmups = h(
    "button",
    { attrs: { type: "button", "aria-label": `Add warm-ups to ${name}`, title: "Add warm-up sets (W in a set's field)" }, class: "quiet", testid: "add-warmups" },
    "+ Warm-ups",
  );
  warmups.addEventListener("click", () => {
    const typed = logger.host.querySelector<HTMLInputElement>(`[data-exercise="${CSS.escape(name)}"] tr[data-testid=set-row-next] input.weight`);
    const unit = typed?.nextElementSibling?.textContent;
    const weight = typed && (unit === "kg" || unit === "lb") ? parseWeight(typed.value, unit) : null;
    busy([warmups], () => addWarmups(logger, exerciseId, weight)).catch(report);
  });
  const at = places(sets);
  const rows = sets.flatMap((set, i) => setRows(logger, { exerciseId, position: i + 1, place: at[i] ?? { warmup: false, nth: i + 1 } }, set, undefined));
  const blank = at.at(-1) ?? { warmup: false, nth: 1 };
  rows.push(...setRows(logger, { exerciseId, position: sets.length + 1, place: blank }, null, blankTemplate(sets, previous)));
  return h(
    "section",
    { class: "exercise-block card", testid: "exercise-block", attrs: { "aria-label": name, "data-exercise": name } },
    h(
      "header",
      { class: "row" },
      h("h3", {}, name),
      h("span", { class: "hint previous", testid: "previous" }, previousHint(previous)),
      h("span", { class: "spacer" }),
      warmups,
      superset,
      up,
      down,
    ),
    h(
      "table",
      { class: "data sets" },
      h(
        "thead",
        {},
        h("tr", {}, ...["Set", "Kind", "Weight", "Reps", "RPE", "Last time", ""].map((text) => h("th", { attrs: { scope: "col" } }, text))),
      ),
      h("tbody", {}, ...rows),
    ),
  );
}

/** The word beside an exercise's name about last time: only when there is none, or it is loading. */
function previousHint(previous: readonly SetRow[] | undefined): string {
  if (previous === undefined) return "…";
  return previous.length === 0 ? "First time logging this exercise." : "";
}

/** Loads last time's sets of these exercises and fills them into their blocks. */
export function loadPrevious(logger: Logger, ids: number[]): void {
  for (const id of ids) {
    if (logger.previous.has(id)) continue;
    call(commands.sessionPrevious(id, logger.detail.session.started_at))
      .then((sets) => {
        logger.previous.set(id, sets);
        const block = logger.host.querySelector(`[data-exercise="${CSS.escape(logger.names.get(id) ?? "")}"]`);
        if (!block) return;
        const today = logger.detail.sets.filter((set) => set.exercise_id === id);
        const at = places(today);
        for (const cell of block.querySelectorAll<HTMLElement>("tr[data-row] [data-testid=set-previous]")) {
          const place = at[Number(cell.closest("tr")?.dataset.row ?? "0") - 1];
          const before = place ? lastTimeAt(sets, place) : undefined;
          cell.textContent = lastTimeText(before, logger);
          cell.title = before?.notes ?? "";
        }
        const line = block.querySelector("[data-testid=previous]");
        if (line) line.textContent = previousHint(sets);
        // The blank first row of an exercise not logged yet takes last time's first
        // working set (its weight proposed in the unit this row reads), unless the lifter
        // typed there already.
        const first = lastTimeAt(sets, { warmup: false, nth: 1 });
        const row = block.querySelector("tr[data-testid=set-row-next][data-row='1']");
        if (first && row && today.length === 0) {
          const weight = row.querySelector<HTMLInputElement>("[data-testid=set-weight]");
          const reps = row.querySelector<HTMLInputElement>("[data-testid=set-reps]");
          const unit = row.querySelector<HTMLButtonElement>("[data-testid=set-weight-unit]")?.textContent;
          if (weight?.value === "" && first.weight && (unit === "kg" || unit === "lb")) {
            weight.value = amount(proposal(first.weight, unit, logger.stepMilli));
          }
          if (reps?.value === "" && first.reps !== null) reps.value = String(first.reps);
          // The lifter may already be in the field: what arrived is selected, so typing
          // replaces it ("135", not "130135").
          if (document.activeElement === weight) weight?.select();
        }
        // What arrived may have moved the row being typed in: keep it in view.
        if (document.activeElement && block.contains(document.activeElement)) {
          document.activeElement.closest("tr")?.scrollIntoView({ block: "nearest" });
        }
      })
      .catch(report);
  }
}
