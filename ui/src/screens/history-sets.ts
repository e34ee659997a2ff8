// Correcting the past: the sets of a session in History, each with its note, and an
// editor to change one (weight with its unit, reps, RPE, kind, note), delete it (after a
// confirmation), or add a set to an exercise. Records are recalculated by the vault after
// every change; the screen then asks the vault again and draws the session from its answer.

import { commands, type SessionDetail_Serialize, type SetKind, type Unit } from "../bindings";
import { confirmDialog } from "../lib/confirm";
import { append, h } from "../lib/dom";
import { busy, call, report } from "../lib/messages";
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

/** What the editor needs to know about the screen. */
export interface SetsView {
  detail: SessionDetail_Serialize;
  names: Map<number, string>;
  /** The bodyweight exercises, whose sets show "BW + 10 kg". */
  bodyweight: ReadonlySet<number>;
  unit: Unit;
  stepMilli: number;
  /** After a change: asks the vault again, draws the session, then says `text`. */
  changed: (text: string) => Promise<void>;
}

/** Shows one set in `item`: numbers, RPE, note, not-done mark and record badge, plus Edit. */
function showSet(view: SetsView, set: SetRow, item: HTMLLIElement): void {
  const edit = h("button", { attrs: { type: "button", "aria-label": "Edit this set" }, class: "quiet", testid: "detail-set-edit" }, "Edit");
  edit.addEventListener("click", () => {
    item.replaceChildren(setForm(view, set.exercise_id, set, item));
    item.querySelector<HTMLInputElement>("input.weight")?.focus();
  });
  item.replaceChildren();
  append(
    item,
    describeSet(set, view.unit, view.bodyweight.has(set.exercise_id)),
    set.rpe === null ? "" : ` @ RPE ${String(set.rpe / 2)}`,
    set.done ? "" : " (not done)",
    set.notes ? h("span", { class: "set-note", testid: "detail-set-note" }, ` — ${set.notes}`) : null,
    setARecord(set) ? h("span", { class: "record-badge", attrs: { title: recordNames(set).join(", ") } }, "Record") : null,
    " ",
    edit,
  );
}

/** The editor of one set (`set`), or of a new one for `exerciseId` (`set` null). */
function setForm(view: SetsView, exerciseId: number, set: SetRow | null, item: HTMLLIElement): HTMLFormElement {
  const name = view.names.get(exerciseId) ?? "exercise";
  const label = (what: string): string => `${name} ${set ? "set" : "new set"} ${what}`;
  const siblings = view.detail.sets.filter((s) => s.exercise_id === exerciseId);
  const template = siblings.at(-1)?.weight ?? null;
  const weight = weightField(
    set ? set.weight : template && proposal(template, view.unit, view.stepMilli),
    view.unit,
    (unit) => label(`weight (${unit})`),
    "edit-set-weight",
  );
  const reps = h("input", { attrs: { type: "text", inputmode: "numeric", size: 3, "aria-label": label("reps") }, testid: "edit-set-reps" });
  reps.value = set?.reps === null || set?.reps === undefined ? "" : String(set.reps);
  const rpe = h("input", { attrs: { type: "text", inputmode: "decimal", size: 3, "aria-label": label("RPE") }, testid: "edit-set-rpe" });
  rpe.value = set ? showRpe(set.rpe) : "";
  const kind = kindSelect(set?.kind ?? "working", label("kind"));
  const note = h("input", { attrs: { type: "text", maxlength: 500, "aria-label": label("note"), placeholder: "Note" }, testid: "edit-set-note" });
  note.value = set?.notes ?? "";
  const save = h("button", { attrs: { type: "submit" }, testid: "edit-set-save" }, set ? "Save set" : "Add set");
  const cancel = h("button", { attrs: { type: "button" }, testid: "edit-set-cancel" }, "Cancel");
  const remove = set ? h("button", { attrs: { type: "button" }, class: "danger", testid: "edit-set-delete" }, "Delete set") : null;
  const problem = h("span", { class: "row-error", testid: "edit-set-error", attrs: { role: "alert" } });

  const form = h(
    "form",
    { class: "row set-editor", testid: "set-editor", attrs: { "aria-label": label("editor") } },
    h("span", { class: "weight-cell" }, weight.input, weight.unitButton),
    reps,
    rpe,
    kind,
    note,
    save,
    cancel,
    remove,
    problem,
  );
  cancel.addEventListener("click", () => {
    if (set) showSet(view, set, item);
    else item.remove();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    problem.textContent = "";
    busy([save], async () => {
      const numbers = readSetNumbers(weight, reps.value, rpe.value);
      const input: NewSet = {
        exercise_id: exerciseId,
        ...numbers,
        kind: kind.value as SetKind,
        done: set?.done ?? true,
        duration_s: set?.duration_s ?? null,
        distance: set?.distance ?? null,
        superset: set?.superset ?? siblings.at(-1)?.superset ?? null,
        notes: note.value,
      };
      if (set) await call(commands.setEdit(set.id, input));
      else await call(commands.setLog(view.detail.session.id, input));
      await view.changed(set ? "Set saved." : "Set added.");
    }).catch((error: unknown) => {
      const text = error instanceof Error ? error.message : "Something went wrong in the window.";
      problem.textContent = text.charAt(0).toUpperCase() + text.slice(1);
    });
  });
  remove?.addEventListener("click", () => {
    if (!set) return;
    (async () => {
      const sure = await confirmDialog({
        title: "Delete this set?",
        body: [`${name}: ${describeSet(set, view.unit, view.bodyweight.has(set.exercise_id))}. Records are recalculated.`],
        confirm: "Delete set",
        keep: "Keep it",
        testid: "delete-set",
      });
      if (!sure) return;
      await call(commands.setDelete(set.id));
      await view.changed("Set deleted.");
    })().catch(report);
  });
  return form;
}

/** The session's sets, exercise by exercise, each editable, with "Add a set" per exercise. */
export function sessionSets(view: SetsView): HTMLElement[] {
  const byExercise = new Map<number, SetRow[]>();
  for (const set of view.detail.sets) {
    const list = byExercise.get(set.exercise_id) ?? [];
    list.push(set);
    byExercise.set(set.exercise_id, list);
  }
  return [...byExercise].map(([exerciseId, sets]) => {
    const name = view.names.get(exerciseId) ?? "Exercise";
    const list = h("ol", { class: "detail-sets" });
    for (const set of sets) {
      const item = h("li", { testid: "detail-set", class: set.done ? "" : "hint" });
      showSet(view, set, item);
      list.append(item);
    }
    const add = h("button", { attrs: { type: "button", "aria-label": `Add a set of ${name}` }, class: "quiet", testid: "detail-add-set" }, "Add a set");
    add.addEventListener("click", () => {
      const item = h("li", { testid: "detail-set-new" });
      item.append(setForm(view, exerciseId, null, item));
      list.append(item);
      item.querySelector<HTMLInputElement>("input.weight")?.focus();
    });
    return h(
      "section",
      { class: "card", testid: "detail-exercise", attrs: { "aria-label": name } },
      h("h4", {}, name),
      list,
      add,
    );
  });
}
