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
import { clock, resumeRest, stopRest } from "./rest-timer";
import { exerciseTypeahead } from "./exercise-typeahead";
import { bodyweightIds, exerciseNames, setCount, setVolumeKg, showKg, showTime } from "./training-kit";
import { exerciseBlock, loadPrevious } from "./workout-exercise";
import { dropDrafts, flushDrafts, loadDrafts, sessionKey } from "./workout-drafts";
import { chooseRest, exerciseOrder, placeAdded, remembered, restChoice, type Focus, type Logger } from "./workout-state";
import { renderSummary } from "./workout-summary";

/** Redraws the logger from its state, then puts the focus on a row's weight. */
function draw(logger: Logger, focus?: Focus): void {
  const ids = exerciseOrder(logger);
  const { session } = logger.detail;
  const done = logger.detail.sets.filter((set) => set.done);
  const volume = done.reduce((sum, set) => sum + setVolumeKg(set), 0);

  // A few letters show the vault's ranked matches; Enter adds the highlighted one and
  // puts the focus on its first set.
  const typeahead = exerciseTypeahead("Exercise to add", "add-exercise-input", (exercise) => {
    logger.names.set(exercise.id, exercise.name);
    placeAdded(logger, exercise.id);
    loadPrevious(logger, [exercise.id]);
    draw(logger, { exerciseId: exercise.id, row: 1 });
  });
  const add = h("button", { attrs: { type: "submit" }, testid: "add-exercise" }, "Add exercise");
  const addForm = h("form", { class: "row add-exercise", attrs: { "aria-label": "Add an exercise" } }, typeahead.element, add);
  addForm.addEventListener("submit", (event) => {
    event.preventDefault();
    typeahead.choose().catch(report);
  });

  const rest = restSelect(logger);
  const finish = h("button", { attrs: { type: "button" }, class: "primary", testid: "finish-workout" }, "Finish workout");
  finish.addEventListener("click", () => {
    finishWorkout(logger, finish).catch(report);
  });
  const discard = h("button", { attrs: { type: "button" }, class: "danger", testid: "discard-workout" }, "Discard…");
  discard.addEventListener("click", () => {
    discardWorkout(logger, discard).catch(report);
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
      discard,
    ),
    h(
      "p",
      { class: "hint keys", testid: "logger-keys" },
      "In a set: Enter logs it · W adds warm-ups · P plates · N note · U kg/lb · A add an exercise · Alt+↑/↓ moves the set",
    ),
    ...ids.map((id, index) => exerciseBlock(logger, id, index, ids.length)),
    ids.length === 0 ? h("p", { class: "hint" }, "Add an exercise to log your first set.") : null,
    addForm,
  );
  if (focus) {
    const block = logger.host.querySelector(`[data-exercise="${CSS.escape(logger.names.get(focus.exerciseId) ?? "")}"]`);
    const target = block?.querySelector<HTMLInputElement>(`tr[data-row="${String(focus.row)}"] input.weight`);
    // The exercise comes into view (its name too, when the window has room), then its row.
    block?.scrollIntoView({ block: "nearest" });
    target?.focus({ preventScroll: true });
    target?.closest("tr")?.scrollIntoView({ block: "nearest" });
    target?.select();
  }
}

/** Deletes the workout in progress and its sets, after a confirmation. */
async function discardWorkout(logger: Logger, button: HTMLButtonElement): Promise<void> {
  const { session, sets } = logger.detail;
  const done = sets.filter((set) => set.done).length;
  const sure = await confirmDialog({
    title: "Discard this workout?",
    body: [
      done > 0
        ? `This deletes the workout started ${showTime(session.started_at)} and the ${setCount(done)} logged in it. Records are recalculated.`
        : `This deletes the workout started ${showTime(session.started_at)}; nothing was logged in it.`,
    ],
    confirm: "Discard workout",
    keep: "Keep it",
    testid: "discard-workout",
  });
  if (!sure) return;
  await busy([button], () => call(commands.sessionDelete(session.id)));
  stopRest();
  await dropDrafts();
  navigate("workout", {}, "Workout discarded.");
}

/** A rest in the selector's words: "Rest 2:30", or "No rest timer". */
function restLabel(seconds: number): string {
  return seconds === 0 ? "No rest timer" : `Rest ${clock(seconds)}`;
}

/**
 * The routine's planned rests, as "3:00" or "1:30–3:00", with the default from Settings
 * for the exercises the routine plans no rest for ("3:00, else 2:30").
 */
function plannedText(logger: Logger, ids: readonly number[]): string {
  const values = [...logger.plannedRest.values()];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const plan = low === high ? clock(low) : `${clock(low)}–${clock(high)}`;
  const unplanned = ids.some((id) => !logger.plannedRest.has(id));
  const fallback = logger.rest.working_seconds;
  return unplanned ? `${plan}, else ${fallback === 0 ? "none" : clock(fallback)}` : plan;
}

/**
 * The rest selector, showing the rest the timer will run after a working set: the
 * lifter's choice in this workout; else the routine's plan while it has one (each
 * exercise its own); else the default from Settings. A choice wins over the plan.
 */
function restSelect(logger: Logger): HTMLSelectElement {
  const select = h("select", { attrs: { "aria-label": "Rest between sets" }, testid: "rest-choice" });
  const chosen = restChoice(logger);
  const planned = logger.plannedRest.size > 0;
  const shown = chosen ?? (planned ? null : logger.rest.working_seconds);
  if (planned) {
    select.append(h("option", { attrs: { value: "", selected: shown === null } }, `Rest as planned (${plannedText(logger, exerciseOrder(logger))})`));
  }
  const choices = new Set([0, 30, 60, 90, 120, 180, 240, logger.rest.working_seconds]);
  if (chosen !== null) choices.add(chosen);
  for (const seconds of [...choices].sort((a, b) => a - b)) {
    select.append(h("option", { attrs: { value: seconds, selected: seconds === shown } }, restLabel(seconds)));
  }
  select.addEventListener("change", () => {
    chooseRest(logger, select.value === "" ? null : Number(select.value));
    logger.redraw();
  });
  return select;
}

async function finishWorkout(logger: Logger, button: HTMLButtonElement): Promise<void> {
  const undone = logger.detail.sets.filter((set) => !set.done).length;
  if (!logger.detail.sets.some((set) => set.done)) {
    const sure = await confirmDialog({
      title: "Finish a workout with no sets?",
      body: ["Nothing was logged in this workout. Finish it anyway (it stays in History, empty), or keep logging."],
      confirm: "Finish it empty",
      keep: "Keep logging",
      testid: "finish-empty",
    });
    if (!sure) return;
  } else if (undone > 0) {
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
  stopRest();
  await dropDrafts();
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
  leave() {
    flushDrafts().catch(report);
  },
  async render(host, params) {
    const summary = params.get("summary");
    if (summary !== null) {
      await renderSummary(host, Number(summary));
      return;
    }
    const session = await call(commands.sessionInProgress());
    await loadDrafts(session ? sessionKey(session) : null);
    if (!session) {
      await renderIdle(host);
      return;
    }
    const [detail, names, bodyweight, prefs] = await Promise.all([
      call(commands.sessionDetail(session.id)),
      exerciseNames(),
      bodyweightIds(),
      call(commands.trainingPrefs()),
    ]);
    const plannedRest = new Map<number, number>();
    if (session.routine_id !== null) {
      const routine = (await call(commands.routineList())).find((r) => r.id === session.routine_id);
      for (const entry of routine?.entries ?? []) {
        if (entry.rest_seconds !== null) plannedRest.set(entry.exercise_id, entry.rest_seconds);
      }
    }
    resumeRest();
    const memory = remembered(detail);
    const logger: Logger = {
      detail,
      draftKey: sessionKey(detail.session),
      open: memory.open,
      pendingNotes: memory.pendingNotes,
      names,
      bodyweight,
      unit: prefs.unit,
      stepMilli: prefs.step_milli,
      previous: new Map(),
      plannedRest,
      rest: prefs.rest,
      host,
      redraw: (focus) => {
        draw(logger, focus);
      },
    };
    const ids = exerciseOrder(logger);
    loadPrevious(logger, ids);
    // The focus goes where the lifter goes on: the first set not done, or, with every set
    // done, the next row of the exercise logged last.
    const firstOpen = detail.sets.find((set) => !set.done);
    const focusExercise = firstOpen?.exercise_id ?? detail.sets.at(-1)?.exercise_id ?? ids[0];
    const sets = detail.sets.filter((s) => s.exercise_id === focusExercise);
    const row = (firstOpen ? sets.indexOf(firstOpen) : sets.length) + 1;
    draw(logger, focusExercise === undefined ? undefined : { exerciseId: focusExercise, row });
  },
};
