// Routines: the plans a workout starts from. Create, edit (entries with target sets, rep
// range, rest and superset group), reorder entries, duplicate and delete (after a
// confirmation), start a workout from one, and make routines of workouts that repeat
// (routines-offer).

import { commands, type RoutineEntry_Deserialize, type Routine_Serialize, type Unit } from "../bindings";
import { confirmDialog } from "../lib/confirm";
import { field, h } from "../lib/dom";
import { busy, call, report, say } from "../lib/messages";
import { navigate, refresh, type Screen } from "../lib/router";
import { repeatedWorkoutsOffer } from "./routines-offer";
import { weightField } from "./weight-field";
import {
  amount,
  exerciseList,
  exercisePicker,
  parseCount,
  parseWeight,
  pickedExercise,
  showWeight,
  type Exercise,
} from "./training-kit";

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

function routineCard(routine: Routine, names: Map<number, string>): HTMLElement {
  const entries = routine.entries.map((entry) => {
    const reps =
      entry.reps_min !== null && entry.reps_max !== null && entry.reps_min !== entry.reps_max
        ? `${String(entry.reps_min)}–${String(entry.reps_max)}`
        : String(entry.reps_max ?? entry.reps_min ?? "?");
    const weight = entry.weight ? ` @ ${showWeight(entry.weight, entry.weight.unit)}` : "";
    const group = entry.superset === null ? "" : ` · superset ${String(entry.superset)}`;
    return h(
      "li",
      {},
      `${names.get(entry.exercise_id) ?? "?"}: ${String(entry.target_sets)} × ${reps}${weight}${group}`,
    );
  });
  const start = h("button", { attrs: { type: "button", "aria-label": `Start ${routine.name}` }, class: "primary", testid: "routine-start" }, "Start");
  start.addEventListener("click", () => {
    busy([start], async () => {
      if (await call(commands.sessionInProgress())) {
        navigate("workout");
        say("A workout is already in progress: finish or discard it before starting another.");
        return;
      }
      await call(commands.sessionStart(routine.id, null));
      navigate("workout");
    }).catch(report);
  });
  const edit = h("button", { attrs: { type: "button" }, testid: "routine-edit" }, "Edit");
  const duplicate = h("button", { attrs: { type: "button" }, testid: "routine-duplicate" }, "Duplicate");
  const remove = h("button", { attrs: { type: "button" }, class: "danger", testid: "routine-delete" }, "Delete");
  edit.addEventListener("click", () => {
    navigate("routines", { edit: String(routine.id) });
  });
  duplicate.addEventListener("click", () => {
    busy([duplicate], async () => {
      const copy = await call(commands.routineDuplicate(routine.id, `${routine.name} (copy)`.slice(0, 80)));
      await refresh();
      say(`Duplicated as “${copy.name}”.`);
    }).catch(report);
  });
  remove.addEventListener("click", () => {
    (async () => {
      const sure = await confirmDialog({
        title: `Delete “${routine.name}”?`,
        body: ["The routine goes; workouts you already logged from it keep all their sets."],
        confirm: "Delete routine",
        keep: "Keep it",
        testid: "delete-routine",
      });
      if (!sure) return;
      await call(commands.routineDelete(routine.id));
      await refresh();
      say(`Deleted “${routine.name}”.`);
    })().catch(report);
  });
  return h(
    "article",
    { class: "card routine", testid: "routine-card", attrs: { "aria-label": routine.name } },
    h("h3", {}, routine.name),
    routine.notes ? h("p", { class: "hint" }, routine.notes) : null,
    h("ul", { class: "entries" }, ...entries),
    h("div", { class: "row" }, start, edit, duplicate, remove),
  );
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

async function renderEditor(host: HTMLElement, routine: Routine | null): Promise<void> {
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
        const picker = exercisePicker(exercises, label("exercise"), "entry-exercise");
        picker.value = draft.exercise;
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
          picker,
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
      navigate("routines");
      say(`Saved “${saved.name}”.`);
    }).catch(report);
  });
  host.append(form);
  name.focus();
}

export const routinesScreen: Screen = {
  id: "routines",
  title: "Routines",
  async render(host, params) {
    const editing = params.get("edit");
    if (editing !== null) {
      const routines = await call(commands.routineList());
      const routine = editing === "new" ? null : (routines.find((r) => String(r.id) === editing) ?? null);
      await renderEditor(host, routine);
      return;
    }
    const [routines, exercises, offer] = await Promise.all([call(commands.routineList()), exerciseList(), repeatedWorkoutsOffer()]);
    const names = new Map(exercises.map((exercise) => [exercise.id, exercise.name]));
    const create = h("button", { attrs: { type: "button" }, testid: "routine-new" }, "New routine");
    create.addEventListener("click", () => {
      navigate("routines", { edit: "new" });
    });
    host.append(
      h("div", { class: "row" }, create),
      routines.length === 0
        ? h("p", { class: "hint", testid: "routines-empty" }, "No routines yet. A routine pre-fills a workout with its exercises and targets.")
        : h("div", { class: "routine-list" }, ...routines.map((routine) => routineCard(routine, names))),
      offer ?? "",
    );
  },
};
