// Routines: the plans a workout starts from. Each card shows a routine's entries and
// starts, edits (routine-editor), duplicates or deletes it (after a confirmation); the
// screen also offers routines made of workouts that repeat (routines-offer). The list
// draws from its store (the vault's routines and offers) and asks the vault again after
// every change.

import { commands, type RepeatedWorkout, type Routine_Serialize } from "../bindings";
import { confirmDialog } from "../lib/confirm";
import { h } from "../lib/dom";
import { busy, call, report } from "../lib/messages";
import { navigate, type Screen } from "../lib/router";
import { showFromVault, type VaultView } from "../lib/store";
import { renderEditor } from "./routine-editor";
import { loadRepeatedWorkouts, repeatedWorkoutsOffer } from "./routines-offer";
import { exerciseList, showWeight } from "./training-kit";

type Routine = Routine_Serialize;

/** What the Routines list shows, as the vault answered. */
interface RoutinesState {
  routines: Routine[];
  names: Map<number, string>;
  repeated: RepeatedWorkout[];
}

type View = VaultView<RoutinesState>;

async function load(): Promise<RoutinesState> {
  const [routines, exercises, repeated] = await Promise.all([call(commands.routineList()), exerciseList(), loadRepeatedWorkouts()]);
  return { routines, names: new Map(exercises.map((exercise) => [exercise.id, exercise.name])), repeated };
}

function routineCard(routine: Routine, names: Map<number, string>, view: View): HTMLElement {
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
        navigate("workout", {}, "A workout is already in progress: finish or discard it before starting another.");
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
      await view.changed(`Duplicated as “${copy.name}”.`);
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
      await view.changed(`Deleted “${routine.name}”.`);
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
    const create = h("button", { attrs: { type: "button" }, testid: "routine-new" }, "New routine");
    create.addEventListener("click", () => {
      navigate("routines", { edit: "new" });
    });
    await showFromVault(host, load, ({ routines, names, repeated }, view) => [
      h("div", { class: "row" }, create),
      routines.length === 0
        ? h("p", { class: "hint", testid: "routines-empty" }, "No routines yet. A routine pre-fills a workout with its exercises and targets.")
        : h("div", { class: "routine-list" }, ...routines.map((routine) => routineCard(routine, names, view))),
      repeatedWorkoutsOffer(repeated, view.changed),
    ]);
  },
};
