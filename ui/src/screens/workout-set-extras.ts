// The rows that open beneath a set's row in the logger, so the row itself stays one line:
// the set's note (shown, added or edited; a blank row's note goes with the set when it is
// logged) and the plates to load for its weight. Which ones are open is part of the
// logger's state, so they stay open when the logger redraws after another set is logged.

import { commands, type Weight_Serialize } from "../bindings";
import { h } from "../lib/dom";
import { busy, call } from "../lib/messages";
import { inputOf, type SetRow } from "./training-kit";
import { platesText } from "./workout-tools";
import type { Focus, Logger } from "./workout-state";

/** Columns a set row has (an extra row spans them). */
const COLUMNS = 7;

/** The name of a row in the logger's state: a stored set's id, or the exercise's blank row. */
export function rowKey(set: SetRow | null, exerciseId: number): string {
  return set ? `set:${String(set.id)}` : `next:${String(exerciseId)}`;
}

/** Opens or closes an extra row (`note:…` or `plates:…`); an opened note takes the focus. */
export function toggle(logger: Logger, what: string, focus: Focus, focusNote = false): void {
  const opening = !logger.open.has(what);
  if (opening) logger.open.add(what);
  else logger.open.delete(what);
  logger.redraw(focus);
  if (opening && focusNote) logger.host.querySelector<HTMLInputElement>(`[data-extra="${CSS.escape(what)}"] input`)?.focus();
}

/** What an extra row needs to know of its set's row. */
export interface RowInfo {
  set: SetRow | null;
  exerciseId: number;
  row: number;
  /** Names a control of the row for a screen reader ("Squat set 2 note"). */
  label: (what: string) => string;
  note: string;
  weight: () => Weight_Serialize | null | undefined;
}

/** The rows open beneath a set's row. */
export function extraRows(logger: Logger, info: RowInfo): HTMLTableRowElement[] {
  const key = rowKey(info.set, info.exerciseId);
  const rows: HTMLTableRowElement[] = [];
  if (logger.open.has(`note:${key}`)) rows.push(noteRow(logger, info, `note:${key}`));
  if (logger.open.has(`plates:${key}`)) rows.push(platesRow(info, `plates:${key}`));
  return rows;
}

function extraRow(what: string, testid: string, ...content: (Node | null)[]): HTMLTableRowElement {
  return h("tr", { class: "extra", testid, attrs: { "data-extra": what } }, h("td", { attrs: { colspan: COLUMNS } }, ...content));
}

function noteRow(logger: Logger, info: RowInfo, what: string): HTMLTableRowElement {
  const { set, exerciseId } = info;
  const input = h("input", {
    attrs: { type: "text", maxlength: 500, "aria-label": info.label("note"), placeholder: "A note for this set" },
    class: "note-input",
    testid: "set-note-input",
  });
  input.value = info.note;
  const save = h("button", { attrs: { type: "button" }, testid: "set-note-save" }, "Save note");
  const problem = h("span", { class: "row-error", attrs: { role: "alert" } });
  const close = (): void => {
    logger.open.delete(what);
    logger.redraw({ exerciseId, row: info.row });
  };
  const store = (): void => {
    problem.textContent = "";
    busy([save], async () => {
      const notes = input.value.trim();
      if (set) {
        const saved = await call(commands.setEdit(set.id, { ...inputOf(set), notes }));
        const at = logger.detail.sets.findIndex((s) => s.id === saved.id);
        if (at >= 0) logger.detail.sets[at] = saved;
      } else if (notes === "") logger.pendingNotes.delete(exerciseId);
      else logger.pendingNotes.set(exerciseId, notes);
      close();
    }).catch((error: unknown) => {
      const text = error instanceof Error ? error.message : "The note could not be saved.";
      problem.textContent = text.charAt(0).toUpperCase() + text.slice(1);
    });
  };
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      store();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  save.addEventListener("click", store);
  const hint = set ? null : h("span", { class: "hint" }, " Saved with the set when it is logged.");
  return extraRow(what, "set-note-row", input, save, hint, problem);
}

function platesRow(info: RowInfo, what: string): HTMLTableRowElement {
  const text = h("span", { testid: "set-plates-text" }, "Working out the plates…");
  const weight = info.weight();
  if (!weight) text.textContent = "Type a weight to see the plates it takes.";
  else {
    platesText(weight)
      .then((words) => {
        text.textContent = words;
      })
      .catch((error: unknown) => {
        const words = error instanceof Error ? error.message : "The plates could not be worked out.";
        text.textContent = words.charAt(0).toUpperCase() + words.slice(1);
      });
  }
  return extraRow(what, "set-plates-row", text);
}
