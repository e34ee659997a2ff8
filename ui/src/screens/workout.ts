// The workout logger: the session in progress, exercise by exercise, with one row per set
// (weight, reps, RPE, kind, done), last time's numbers inline, a record badge the moment
// a set beats a record, a rest timer that keeps running on other screens, and Finish →
// a summary. Made for the keyboard: Enter in a row logs that set and moves to the next.
//
// This module draws the logger and runs the screen; the parts live beside it: the
// session's state and exercise order (workout-state), an exercise's block
// (workout-exercise), a set's row (workout-set-row), the finished summary
// (workout-summary) and the rest timer (rest-timer).

import { commands } from "../bindings";
import { confirmDialog } from "../lib/confirm";
import { append, h } from "../lib/dom";
import { busy, call, report } from "../lib/messages";
import { navigate, type Screen } from "../lib/router";
import { restSeconds, setRestSeconds } from "./rest-timer";
import {
  exerciseList,
  exerciseNames,
  exercisePicker,
  pickedExercise,
  setCount,
  setVolumeKg,
  showKg,
  showTime,
} from "./training-kit";
import { exerciseBlock, loadPrevious } from "./workout-exercise";
import { exerciseOrder, placeAdded, type Focus, type Logger } from "./workout-state";
import { renderSummary } from "./workout-summary";

/** The usable exercises, for the "add exercise" search. */
let exerciseListCache: Awaited<ReturnType<typeof exerciseList>> = [];

/** Redraws the logger from its state, then puts the focus on a row's weight. */
function draw(logger: Logger, focus?: Focus): void {
  const ids = exerciseOrder(logger);
  const { session } = logger.detail;
  const done = logger.detail.sets.filter((set) => set.done);
  const volume = done.reduce((sum, set) => sum + setVolumeKg(set), 0);

  const all = exerciseListCache;
  const picker = exercisePicker(all, "Exercise to add", "add-exercise-input");
  const add = h("button", { attrs: { type: "submit" }, testid: "add-exercise" }, "Add exercise");
  const addForm = h("form", { class: "row add-exercise", attrs: { "aria-label": "Add an exercise" } }, picker, add);
  addForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const exercise = pickedExercise(all, picker.value);
    if (!exercise) {
      report(new Error("Choose an exercise from the list (type to search)."));
      return;
    }
    logger.names.set(exercise.id, exercise.name);
    placeAdded(exercise.id);
    loadPrevious(logger, [exercise.id]);
    draw(logger, { exerciseId: exercise.id, row: 1 });
  });

  const rest = h("select", { attrs: { "aria-label": "Rest between sets" }, testid: "rest-choice" });
  for (const seconds of [30, 60, 90, 120, 180, 240]) {
    rest.append(h("option", { attrs: { value: seconds, selected: seconds === restSeconds() } }, `Rest ${String(seconds)} s`));
  }
  rest.addEventListener("change", () => {
    setRestSeconds(Number(rest.value));
    // The lifter's choice now wins over the routine's plan.
    logger.plannedRest.clear();
  });
  const finish = h("button", { attrs: { type: "button" }, class: "primary", testid: "finish-workout" }, "Finish workout");
  finish.addEventListener("click", () => {
    finishWorkout(logger, finish).catch(report);
  });

  logger.host.replaceChildren();
  append(
    logger.host,
    h(
      "div",
      { class: "row workout-head" },
      h(
        "p",
        { testid: "workout-status" },
        `${session.name || "Workout"} · started ${showTime(session.started_at)} · ${setCount(done.length)} · ${showKg(volume, logger.unit, 0)}`,
      ),
      h("span", { class: "spacer" }),
      rest,
      finish,
    ),
    ...ids.map((id, index) => exerciseBlock(logger, id, index, ids.length)),
    ids.length === 0 ? h("p", { class: "hint" }, "Add an exercise to log your first set.") : null,
    addForm,
  );
  if (focus) {
    const block = logger.host.querySelector(`[data-exercise="${CSS.escape(logger.names.get(focus.exerciseId) ?? "")}"]`);
    const target = block?.querySelector<HTMLInputElement>(`tr[data-row="${String(focus.row)}"] input.weight`);
    target?.focus();
    target?.select();
  }
}

async function finishWorkout(logger: Logger, button: HTMLButtonElement): Promise<void> {
  const undone = logger.detail.sets.filter((set) => !set.done).length;
  if (undone > 0) {
    const sure = await confirmDialog({
      title: "Finish with planned sets not done?",
      body: [`${String(undone)} planned set(s) were not logged; finishing drops them from this workout.`],
      confirm: "Finish and drop them",
      keep: "Keep logging",
      testid: "finish-undone",
    });
    if (!sure) return;
  }
  await busy([button], () => call(commands.sessionFinish(logger.detail.session.id, true)));
  navigate("workout", { summary: String(logger.detail.session.id) });
}

async function renderIdle(host: HTMLElement): Promise<void> {
  const start = h("button", { attrs: { type: "button" }, class: "primary", testid: "start-empty" }, "Start an empty workout");
  start.addEventListener("click", () => {
    busy([start], async () => {
      await call(commands.sessionStart(null, null));
      navigate("workout");
    }).catch(report);
  });
  host.append(
    h("p", { testid: "no-workout" }, "No workout in progress. Start one here, or from a routine on Today."),
    start,
  );
  return Promise.resolve();
}

export const workoutScreen: Screen = {
  id: "workout",
  title: "Workout",
  async render(host, params) {
    const summary = params.get("summary");
    if (summary !== null) {
      await renderSummary(host, Number(summary));
      return;
    }
    const session = await call(commands.sessionInProgress());
    if (!session) {
      await renderIdle(host);
      return;
    }
    const [detail, names, all, prefs] = await Promise.all([
      call(commands.sessionDetail(session.id)),
      exerciseNames(),
      exerciseList(),
      call(commands.trainingPrefs()),
    ]);
    exerciseListCache = all;
    const plannedRest = new Map<number, number>();
    if (session.routine_id !== null) {
      const routine = (await call(commands.routineList())).find((r) => r.id === session.routine_id);
      for (const entry of routine?.entries ?? []) {
        if (entry.rest_seconds !== null) plannedRest.set(entry.exercise_id, entry.rest_seconds);
      }
    }
    const logger: Logger = {
      detail,
      names,
      unit: prefs.unit,
      previous: new Map(),
      plannedRest,
      host,
      redraw: (focus) => {
        draw(logger, focus);
      },
    };
    const ids = exerciseOrder(logger);
    loadPrevious(logger, ids);
    const firstOpen = detail.sets.find((set) => !set.done);
    const focusExercise = firstOpen?.exercise_id ?? ids[0];
    const row = firstOpen ? detail.sets.filter((s) => s.exercise_id === firstOpen.exercise_id).indexOf(firstOpen) + 1 : 1;
    draw(logger, focusExercise === undefined ? undefined : { exerciseId: focusExercise, row });
  },
};
