// One row of the workout logger: a stored set to edit, or the blank row for the next one,
// kept to one line at the app's smallest window. It parses what was typed, logs or saves
// the set (a first set of an exercise also saves where the exercise was placed), announces
// a record, starts the rest timer and moves the focus on. Keys in any of its fields: Enter
// logs the row, W adds the exercise's warm-ups, P shows the plates for its weight, N opens
// its note, U switches the weight's unit, A goes to "add an exercise", Alt+↑/↓ moves a
// stored set within its exercise. (The unit and plates buttons are left out of the Tab
// order, so Tab goes from the weight straight to the reps.) What is typed and not logged
// is kept as a draft (workout-drafts); a note and the plates open in a row beneath
// (workout-set-extras).

import { commands, type SetKind, type Weight_Serialize } from "../bindings";
import { h } from "../lib/dom";
import { busy, call, clearMessages, report, say } from "../lib/messages";
import { startRest } from "./rest-timer";
import { kindSelect, recordNames, setARecord, showRpe, type NewSet, type SetRow } from "./training-kit";
import { proposal, readSetNumbers, weightField } from "./weight-field";
import { dropDraft, draftOf, keepDraft } from "./workout-drafts";
import { lastTimeAt, lastTimeText, placeLabel, placeWords, type Place } from "./workout-last-time";
import { extraRows, rowKey, toggle } from "./workout-set-extras";
import { groupOf, nextFocus, restAfter, saveOrder, type Logger } from "./workout-state";
import { addWarmups, moveSet } from "./workout-tools";

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

/** Where a row is: its exercise, its place among the exercise's rows (from 1), and its sort and number. */
export interface RowAt {
  exerciseId: number;
  position: number;
  place: Place;
}

/** A row (a stored `set`, or the blank row for the next one when null) and the rows open beneath it. */
export function setRows(logger: Logger, at: RowAt, set: SetRow | null, template: SetRow | undefined): HTMLTableRowElement[] {
  const { exerciseId, position: number } = at;
  const name = logger.names.get(exerciseId) ?? "exercise";
  const label = (what: string): string => `${name} ${placeWords(at.place)} ${what}`;
  const key = rowKey(set, exerciseId);
  const source = set ?? template;
  const field = weightField(prefill(logger, set, template), logger.unit, (unit) => label(`weight (${unit})`), "set-weight");
  const weight = field.input;
  field.unitButton.tabIndex = -1;
  const reps = h("input", { attrs: { type: "text", inputmode: "numeric", size: 3, "aria-label": label("reps") }, testid: "set-reps" });
  reps.value = source?.reps === null || source?.reps === undefined ? "" : String(source.reps);
  const rpe = h("input", { attrs: { type: "text", inputmode: "decimal", size: 3, "aria-label": label("RPE") }, testid: "set-rpe" });
  rpe.value = set ? showRpe(set.rpe) : "";
  const draft = set?.done ? undefined : draftOf(logger.draftKey, key);
  if (draft) {
    field.setUnit(draft.unit);
    weight.value = draft.weight;
    reps.value = draft.reps;
    rpe.value = draft.rpe;
  }
  const kind = kindSelect(set?.kind ?? "working", label("kind"));
  const done = h("input", { attrs: { type: "checkbox", "aria-label": label("done"), checked: set?.done ?? false }, testid: "set-done" });
  const log = h("button", { attrs: { type: "button", "aria-label": label(set?.done ? "save" : "log") }, class: "log", testid: "set-log" }, set?.done ? "Save" : "Log");
  const note = set?.notes ?? logger.pendingNotes.get(exerciseId) ?? "";
  const noteButton = h(
    "button",
    {
      attrs: { type: "button", "aria-label": note === "" ? label("note") : `${label("note")}: ${note}`, title: note === "" ? "Add a note (N)" : note, "aria-expanded": logger.open.has(`note:${key}`) },
      class: note === "" ? "quiet icon" : "quiet icon has-note",
      testid: "set-note",
    },
    "✎",
  );
  const platesButton = h(
    "button",
    {
      attrs: { type: "button", tabindex: -1, "aria-label": label("plates"), title: "Plates per side (P)", "aria-expanded": logger.open.has(`plates:${key}`) },
      class: "quiet icon",
      testid: "set-plates",
    },
    "⚖",
  );
  const up = set ? h("button", { attrs: { type: "button", "aria-label": label("move up"), title: "Move up (Alt+↑)" }, class: "quiet icon", testid: "set-move-up" }, "↑") : null;
  const down = set ? h("button", { attrs: { type: "button", "aria-label": label("move down"), title: "Move down (Alt+↓)" }, class: "quiet icon", testid: "set-move-down" }, "↓") : null;
  const remove = set ? h("button", { attrs: { type: "button", "aria-label": label("delete") }, class: "quiet icon", testid: "set-delete" }, "✕") : null;
  const before = lastTimeAt(logger.previous.get(exerciseId), at.place);
  const last = h("td", { class: "hint prev", testid: "set-previous", attrs: { title: before?.notes ?? "" } }, lastTimeText(before, logger));
  const badge = set && set.done && setARecord(set)
    ? h("span", { class: "record-badge", testid: "record-badge", attrs: { title: `Record: ${recordNames(set).join(", ")}`, "aria-label": `Record: ${recordNames(set).join(", ")}` } }, "PR")
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
      notes: note,
    };
    const saved = set ? await call(commands.setEdit(set.id, input)) : await call(commands.setLog(logger.detail.session.id, input));
    dropDraft(logger.draftKey, key);
    if (!set) logger.pendingNotes.delete(exerciseId);
    const stored = logger.detail.sets.findIndex((s) => s.id === saved.id);
    if (stored >= 0) logger.detail.sets[stored] = saved;
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
    const justDone = saved.done && !set?.done;
    // Only a set just done starts the rest; saving an edit to a logged set does not.
    if (justDone) startRest(restAfter(logger, exerciseId, saved.kind));
    logger.redraw(justDone ? nextFocus(logger, exerciseId, number + 1, set !== null) : { exerciseId, row: number + 1 });
  };
  // A problem with this row is said beside it, where the lifter is looking.
  const problem = h("span", { class: "row-error", testid: "set-error", attrs: { role: "alert" } });
  const fail = (error: unknown): void => {
    // Core messages start in lower case (they also follow "error:" in the CLI).
    const text = error instanceof Error ? error.message : "Something went wrong in the window.";
    problem.textContent = text.charAt(0).toUpperCase() + text.slice(1);
    weight.focus();
  };
  const act = (buttons: HTMLElement[], work: () => Promise<void>): void => {
    problem.textContent = "";
    busy(buttons as HTMLButtonElement[], work).catch(fail);
  };
  const submit = (): void => {
    act([log], () => commit(true));
  };
  const keep = (): void => {
    if (set?.done) return;
    keepDraft(logger.draftKey, key, { weight: weight.value, unit: field.unit(), reps: reps.value, rpe: rpe.value });
  };
  const keys: Record<string, () => void> = {
    Enter: submit,
    w: () => {
      act([], () => addWarmups(logger, exerciseId, field.read()));
    },
    p: () => {
      toggle(logger, `plates:${key}`, { exerciseId, row: number });
    },
    n: () => {
      toggle(logger, `note:${key}`, { exerciseId, row: number }, true);
    },
    u: () => {
      field.unitButton.click();
    },
    a: () => {
      logger.host.querySelector<HTMLInputElement>("[data-testid=add-exercise-input]")?.focus();
    },
  };
  for (const input of [weight, reps, rpe, kind] as HTMLElement[]) {
    input.addEventListener("keydown", (event) => {
      if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown") && set) {
        event.preventDefault();
        act([], () => moveSet(logger, set.id, exerciseId, number, event.key === "ArrowUp"));
        return;
      }
      const action = event.ctrlKey || event.metaKey || event.altKey ? undefined : keys[event.key === "Enter" ? "Enter" : event.key.toLowerCase()];
      if (action) {
        event.preventDefault();
        action();
      }
    });
  }
  for (const input of [weight, reps, rpe]) input.addEventListener("input", keep);
  field.unitButton.addEventListener("click", keep);
  log.addEventListener("click", submit);
  done.addEventListener("change", () => {
    act([done], () => commit(done.checked));
  });
  noteButton.addEventListener("click", () => {
    toggle(logger, `note:${key}`, { exerciseId, row: number }, true);
  });
  platesButton.addEventListener("click", () => {
    toggle(logger, `plates:${key}`, { exerciseId, row: number });
  });
  up?.addEventListener("click", () => {
    if (set) act([up], () => moveSet(logger, set.id, exerciseId, number, true));
  });
  down?.addEventListener("click", () => {
    if (set) act([down], () => moveSet(logger, set.id, exerciseId, number, false));
  });
  remove?.addEventListener("click", () => {
    if (!set) return;
    busy([remove], async () => {
      await call(commands.setDelete(set.id));
      dropDraft(logger.draftKey, key);
      clearMessages();
      logger.detail.sets = logger.detail.sets.filter((s) => s.id !== set.id);
      logger.redraw({ exerciseId, row: number });
    }).catch(report);
  });

  const row = h(
    "tr",
    {
      class: `${set ? (set.done ? "done" : "planned") : "next"}${at.place.warmup ? " warmup" : ""}`,
      testid: set ? "set-row" : "set-row-next",
      attrs: { "data-row": number },
    },
    h("th", { attrs: { scope: "row", title: placeWords(at.place) }, testid: "set-label" }, placeLabel(at.place)),
    h("td", {}, kind),
    h("td", { class: "weight-cell" }, weight, field.unitButton, platesButton),
    h("td", {}, reps),
    h("td", {}, rpe),
    last,
    h(
      "td",
      { class: "actions" },
      h("div", { class: "set-actions" }, set ? done : null, log, noteButton, up && down ? h("span", { class: "move" }, up, down) : null, remove, badge),
      problem,
    ),
  );
  return [row, ...extraRows(logger, { set, exerciseId, row: number, label, note, weight: () => field.read() })];
}
