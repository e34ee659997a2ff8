// The routine editor: a routine's name, notes and entries (exercise, target sets, rep
// range, weight, rest and superset group), reordered with ↑/↓, checked here before the
// core checks them again on save. An entry's exercise is chosen with the app's type-ahead
// (exercise-typeahead: the core's ranking); a name wider than its field shows whole
// beneath it.

import { commands, type RoutineEntry_Deserialize, type Routine_Serialize, type Unit } from "../bindings";
import { field, h } from "../lib/dom";
import { busy, call, report } from "../lib/messages";
import { navigate } from "../lib/router";
import { weightField } from "./weight-field";
import { exerciseTypeahead, type ExerciseTypeahead } from "./exercise-typeahead";
import { amount, exerciseList, parseCount, parseWeight, pickedExercise, type Exercise } from "./training-kit";

type Routine = Routine_Serialize;

/** One entry row being edited. */
interface EntryDraft {
  exercise: string;
  sets: string;
  repsMin: string;
  repsMax: string;
  weight: string;
  /** The unit `weight` is typed in: the entry's own, or the display unit for a new one. */
  weightUnit: Unit;
  rest: string;
  superset: string;
}

function blankDraft(unit: Unit): EntryDraft {
  return { exercise: "", sets: "3", repsMin: "", repsMax: "", weight: "", weightUnit: unit, rest: "", superset: "" };
}

function draftOf(entry: Routine["entries"][number], names: Map<number, string>, unit: Unit): EntryDraft {
  const text = (n: number | null): string => (n === null ? "" : String(n));
  return {
    exercise: names.get(entry.exercise_id) ?? "",
    sets: String(entry.target_sets),
    repsMin: text(entry.reps_min),
    repsMax: text(entry.reps_max),
    weight: entry.weight ? amount(entry.weight) : "",
    weightUnit: entry.weight?.unit ?? unit,
    rest: text(entry.rest_seconds),
    superset: text(entry.superset),
  };
}

function readEntries(drafts: EntryDraft[], exercises: readonly Exercise[]): RoutineEntry_Deserialize[] {
  return drafts.map((draft, index) => {
    const where = `Entry ${String(index + 1)}`;
    const exercise = pickedExercise(exercises, draft.exercise);
    if (!exercise) throw new Error(`${where}: choose an exercise from the list.`);
    const sets = parseCount(draft.sets);
    const repsMin = parseCount(draft.repsMin);
    const repsMax = parseCount(draft.repsMax);
    const rest = parseCount(draft.rest);
    const superset = parseCount(draft.superset);
    const weight = parseWeight(draft.weight, draft.weightUnit);
    if (sets === undefined || sets === null) throw new Error(`${where}: give the number of sets.`);
    if (repsMin === undefined || repsMax === undefined) throw new Error(`${where}: reps must be whole numbers.`);
    if (rest === undefined) throw new Error(`${where}: rest is a number of seconds.`);
    if (superset === undefined) throw new Error(`${where}: the superset group is a number.`);
    if (weight === undefined) throw new Error(`${where}: the weight must be a number like 60 or 62.5.`);
    return {
      exercise_id: exercise.id,
      target_sets: sets,
      reps_min: repsMin,
      reps_max: repsMax,
      weight,
      rest_seconds: rest,
      superset,
    };
  });
}

/**
 * An entry's exercise field, with the whole name beneath it (wrapped) when the name is
 * wider than the field, and as its tooltip: a long name is never cut off.
 */
function exerciseCell(typeahead: ExerciseTypeahead): { element: HTMLElement; fit: () => void } {
  const picker = typeahead.input;
  const full = h("span", { class: "hint full-name", testid: "entry-exercise-full" });
  const fit = (): void => {
    picker.title = picker.value;
    full.textContent = picker.value;
    full.hidden = picker.scrollWidth <= picker.clientWidth;
  };
  picker.addEventListener("input", fit);
  // The widths are known once the row is laid out.
  requestAnimationFrame(fit);
  return { element: h("div", { class: "entry-exercise" }, typeahead.element, full), fit };
}

/** An entry's weight with its unit switch; the draft follows both. */
function weightCell(draft: EntryDraft, label: (what: string) => string): HTMLElement {
  const field = weightField(null, draft.weightUnit, (unit) => label(`weight (${unit})`), "entry-weight");
  field.input.value = draft.weight;
  field.input.placeholder = "weight";
  field.input.size = 4;
  field.input.addEventListener("input", () => {
    draft.weight = field.input.value;
  });
  field.unitButton.addEventListener("click", () => {
    draft.weightUnit = field.unit();
  });
  return h("span", { class: "weight-cell" }, field.input, field.unitButton);
}

/** Draws the editor of `routine` (a new one when null) into `host`. */
export async function renderEditor(host: HTMLElement, routine: Routine | null): Promise<void> {
  const exercises = await exerciseList();
  const { unit } = await call(commands.trainingPrefs());
  const names = new Map(exercises.map((exercise) => [exercise.id, exercise.name]));
  const drafts: EntryDraft[] = routine
    ? routine.entries.map((entry) => draftOf(entry, names, unit))
    : [blankDraft(unit)];
  const name = h("input", { attrs: { type: "text", required: true, maxlength: 80 }, testid: "routine-name" });
  name.value = routine?.name ?? "";
  const notes = h("textarea", { attrs: { rows: 2, maxlength: 2000 }, testid: "routine-notes" });
  notes.value = routine?.notes ?? "";
  const list = h("ol", { class: "entry-editor", testid: "routine-entries" });

  const draw = (focusIndex?: number): void => {
    list.replaceChildren(
      ...drafts.map((draft, index) => {
        const label = (what: string): string => `Entry ${String(index + 1)} ${what}`;
        // The type-ahead's choice goes in whole; the entry's sets come next.
        const typeahead = exerciseTypeahead(label("exercise"), "entry-exercise", (chosen) => {
          draft.exercise = chosen.name;
          cell.fit();
          cell.element.closest("li")?.querySelector<HTMLInputElement>("[data-testid=entry-sets]")?.focus();
        });
        const picker = typeahead.input;
        picker.value = draft.exercise;
        const cell = exerciseCell(typeahead);
        picker.addEventListener("input", () => {
          draft.exercise = picker.value;
        });
        const number = (key: Exclude<keyof EntryDraft, "exercise" | "weightUnit">, what: string, testid: string, size = 4): HTMLInputElement => {
          const input = h("input", {
            attrs: { type: "text", inputmode: "decimal", "aria-label": label(what), size, placeholder: what },
            testid,
          });
          input.value = draft[key];
          input.addEventListener("input", () => {
            draft[key] = input.value;
          });
          return input;
        };
        const up = h("button", { attrs: { type: "button", "aria-label": label("move up"), disabled: index === 0 } }, "↑");
        const down = h(
          "button",
          { attrs: { type: "button", "aria-label": label("move down"), disabled: index === drafts.length - 1 } },
          "↓",
        );
        const remove = h("button", { attrs: { type: "button", "aria-label": label("remove") } }, "✕");
        const move = (by: number): void => {
          const [moved] = drafts.splice(index, 1);
          if (moved) drafts.splice(index + by, 0, moved);
          draw(index + by);
        };
        up.addEventListener("click", () => {
          move(-1);
        });
        down.addEventListener("click", () => {
          move(1);
        });
        remove.addEventListener("click", () => {
          drafts.splice(index, 1);
          draw();
        });
        const row = h(
          "li",
          { class: "entry-row", testid: "routine-entry" },
          cell.element,
          number("sets", "sets", "entry-sets", 2),
          number("repsMin", "min reps", "entry-reps-min", 3),
          number("repsMax", "max reps", "entry-reps-max", 3),
          weightCell(draft, label),
          number("rest", "rest s", "entry-rest", 4),
          number("superset", "superset", "entry-superset", 3),
          up,
          down,
          remove,
        );
        if (index === focusIndex) queueMicrotask(() => {
          picker.focus();
        });
        return row;
      }),
    );
  };
  draw();

  const add = h("button", { attrs: { type: "button" }, testid: "routine-add-entry" }, "Add exercise");
  add.addEventListener("click", () => {
    drafts.push(blankDraft(unit));
    draw(drafts.length - 1);
  });
  const save = h("button", { attrs: { type: "submit" }, testid: "routine-save" }, "Save routine");
  const cancel = h("button", { attrs: { type: "button" } }, "Cancel");
  cancel.addEventListener("click", () => {
    navigate("routines");
  });
  const form = h(
    "form",
    { class: "stack routine-form", testid: "routine-form", attrs: { "aria-label": routine ? "Edit routine" : "New routine" } },
    h("h3", {}, routine ? `Edit “${routine.name}”` : "New routine"),
    field("Name", name),
    field("Notes", notes),
    h("p", { class: "hint" }, "Entries with the same superset number alternate."),
    h(
      "div",
      { class: "entry-row entry-head", attrs: { "aria-hidden": "true" } },
      ...["Exercise", "Sets", "Min reps", "Max reps", "Weight", "Rest (s)", "Superset", "", "", ""].map((text) => h("span", {}, text)),
    ),
    list,
    h("div", { class: "row" }, add, save, cancel),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy([save], async () => {
      const input = { name: name.value, notes: notes.value, entries: readEntries(drafts, exercises) };
      const saved = routine
        ? await call(commands.routineEdit(routine.id, input))
        : await call(commands.routineCreate(input));
      navigate("routines", {}, `Saved “${saved.name}”.`);
    }).catch(report);
  });
  host.append(form);
  name.focus();
}
