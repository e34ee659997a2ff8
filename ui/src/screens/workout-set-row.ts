// One row of the workout logger: a stored set to edit, or the blank row for the next one.
// It parses what was typed, logs or saves the set (a first set of an exercise also saves
// where the exercise was placed), announces a record, starts the rest timer, and moves
// the focus on: Enter in any field logs the row.

import { commands, type SetKind, type Weight_Serialize } from "../bindings";
import { h } from "../lib/dom";
import { busy, call, clearMessages, report, say } from "../lib/messages";
import { startRest, restSeconds } from "./rest-timer";
import {
  describeSet,
  kindSelect,
  recordNames,
  setARecord,
  showRpe,
  type NewSet,
  type SetRow,
} from "./training-kit";
import { proposal, readSetNumbers, weightField } from "./weight-field";
import { groupOf, nextFocus, saveOrder, type Logger } from "./workout-state";

/**
 * The weight a row starts with: a logged set's as typed; this workout's previous set's as
 * typed (the lifter chose its unit); any other pre-fill (a routine's plan, last time's
 * set) as a proposal in the display unit.
 */
function prefill(logger: Logger, set: SetRow | null, template: SetRow | undefined): Weight_Serialize | null {
  if (set?.done) return set.weight;
  const weight = (set ?? template)?.weight ?? null;
  if (!weight) return null;
  if (!set && template?.session_id === logger.detail.session.id) return weight;
  return proposal(weight, logger.unit, logger.stepMilli);
}

/** One row: a stored set (`set`) or the blank row for the next one (`set` null). */
export function setRow(
  logger: Logger,
  exerciseId: number,
  set: SetRow | null,
  number: number,
  template: SetRow | undefined,
): HTMLTableRowElement {
  const name = logger.names.get(exerciseId) ?? "exercise";
  const label = (what: string): string => `${name} set ${String(number)} ${what}`;
  const source = set ?? template;
  const field = weightField(prefill(logger, set, template), logger.unit, (unit) => label(`weight (${unit})`), "set-weight");
  const weight = field.input;
  const reps = h("input", {
    attrs: { type: "text", inputmode: "numeric", size: 3, "aria-label": label("reps") },
    testid: "set-reps",
  });
  reps.value = source?.reps === null || source?.reps === undefined ? "" : String(source.reps);
  const rpe = h("input", {
    attrs: { type: "text", inputmode: "decimal", size: 3, "aria-label": label("RPE") },
    testid: "set-rpe",
  });
  rpe.value = set ? showRpe(set.rpe) : "";
  const kind = kindSelect(set?.kind ?? "working", label("kind"));
  const done = h("input", { attrs: { type: "checkbox", "aria-label": label("done"), checked: set?.done ?? false }, testid: "set-done" });
  const log = h("button", { attrs: { type: "button", "aria-label": label(set?.done ? "save" : "log") }, testid: "set-log" }, set?.done ? "Save" : "Log");
  const remove = set
    ? h("button", { attrs: { type: "button", "aria-label": label("delete") }, class: "quiet", testid: "set-delete" }, "✕")
    : null;
  const before = logger.previous.get(exerciseId)?.[number - 1];
  const last = h("td", { class: "hint prev", testid: "set-previous" }, before ? describeSet(before, logger.unit) : "");
  const badge = set && set.done && setARecord(set)
    ? h("span", { class: "record-badge", testid: "record-badge", attrs: { title: recordNames(set).join(", ") } }, "Record")
    : null;

  const commit = async (markDone: boolean): Promise<void> => {
    const numbers = readSetNumbers(field, reps.value, rpe.value);
    if (markDone && numbers.reps === 0 && (kind.value === "working" || kind.value === "drop")) {
      throw new Error("A done set needs at least 1 rep; log a missed lift as a Failure set.");
    }
    const input: NewSet = {
      exercise_id: exerciseId,
      ...numbers,
      kind: kind.value as SetKind,
      done: markDone,
      duration_s: set?.duration_s ?? null,
      distance: set?.distance ?? null,
      superset: set ? set.superset : groupOf(logger, exerciseId),
      notes: set?.notes ?? "",
    };
    const saved = set
      ? await call(commands.setEdit(set.id, input))
      : await call(commands.setLog(logger.detail.session.id, input));
    const at = logger.detail.sets.findIndex((s) => s.id === saved.id);
    if (at >= 0) logger.detail.sets[at] = saved;
    else logger.detail.sets.push(saved);
    // An exercise's first set is stored last: move it to where the lifter placed it (the
    // set is logged either way; if the move fails, the stored order shows).
    if (!logger.detail.sets.some((s) => s.exercise_id === exerciseId && s.id !== saved.id)) {
      await saveOrder(logger).catch(report);
    }
    // A new record is announced; any older message (a record or an error about another
    // row) no longer describes the screen.
    if (saved.done && setARecord(saved)) say(`New record on ${name}: ${recordNames(saved).join(", ")}!`);
    else clearMessages();
    // Only a set just done starts the rest; saving an edit to a logged set does not.
    if (saved.done && !set?.done && saved.kind !== "warmup") startRest(logger.plannedRest.get(exerciseId) ?? restSeconds());
    logger.redraw(saved.done && !set?.done ? nextFocus(logger, exerciseId, number + 1) : { exerciseId, row: number + 1 });
  };
  // A problem with this row is said beside it, where the lifter is looking.
  const problem = h("span", { class: "row-error", testid: "set-error", attrs: { role: "alert" } });
  const fail = (error: unknown): void => {
    // Core messages start in lower case (they also follow "error:" in the CLI).
    const text = error instanceof Error ? error.message : "Something went wrong in the window.";
    problem.textContent = text.charAt(0).toUpperCase() + text.slice(1);
    weight.focus();
  };
  const submit = (): void => {
    problem.textContent = "";
    busy([log], () => commit(true)).catch(fail);
  };
  for (const input of [weight, reps, rpe, kind] as HTMLElement[]) {
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        submit();
      }
    });
  }
  log.addEventListener("click", submit);
  done.addEventListener("change", () => {
    problem.textContent = "";
    busy([done], () => commit(done.checked)).catch(fail);
  });
  remove?.addEventListener("click", () => {
    if (!set) return;
    busy([remove], async () => {
      await call(commands.setDelete(set.id));
      clearMessages();
      logger.detail.sets = logger.detail.sets.filter((s) => s.id !== set.id);
      logger.redraw({ exerciseId, row: number });
    }).catch(report);
  });

  const row = h(
    "tr",
    {
      class: set ? (set.done ? "done" : "planned") : "next",
      testid: set ? "set-row" : "set-row-next",
      attrs: { "data-row": number },
    },
    h("th", { attrs: { scope: "row" } }, String(number)),
    h("td", {}, kind),
    h("td", { class: "weight-cell" }, weight, field.unitButton),
    h("td", {}, reps),
    h("td", {}, rpe),
    h("td", {}, set ? done : null),
    last,
    h("td", { class: "actions" }, log, remove, badge, problem),
  );
  return row;
}
