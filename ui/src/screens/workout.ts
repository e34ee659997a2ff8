// The workout logger: the session in progress, exercise by exercise, with one row per set
// (weight, reps, RPE, kind, done), last time's numbers inline, a record badge the moment
// a set beats a record, a rest timer that keeps running on other screens, and Finish →
// a summary. Made for the keyboard: Enter in a row logs that set and moves to the next.

import { commands, type SessionDetail_Serialize, type SetKind, type Unit } from "../bindings";
import { append, h } from "../lib/dom";
import { busy, call, report, say } from "../lib/messages";
import { navigate, type Screen } from "../lib/router";
import { startRest, restSeconds, setRestSeconds } from "./rest-timer";
import {
  amount,
  confirmDestroy,
  describeSet,
  exerciseList,
  exerciseNames,
  exercisePicker,
  inputOf,
  parseCount,
  parseRpe,
  parseWeight,
  pickedExercise,
  recordNames,
  setARecord,
  setVolumeKg,
  showDuration,
  showKg,
  showRpe,
  showTime,
  type NewSet,
  type SetRow,
  setCount,
} from "./training-kit";

const KINDS: readonly { kind: SetKind; label: string }[] = [
  { kind: "warmup", label: "Warm-up" },
  { kind: "working", label: "Working" },
  { kind: "drop", label: "Drop" },
  { kind: "failure", label: "Failure" },
];

/** The order the lifter arranged the exercises in, and exercises added but not logged yet. */
let arranged: { sessionId: number; exerciseIds: number[] } | null = null;

/** The usable exercises, for the "add exercise" search. */
let exerciseListCache: Awaited<ReturnType<typeof exerciseList>> = [];

/** Superset groups chosen for exercises that have no sets yet (their sets carry it after). */
const chosenGroups = new Map<number, number | null>();

/** The superset group of an exercise in this session (its sets', or the one chosen). */
function groupOf(logger: Logger, exerciseId: number): number | null {
  const set = logger.detail.sets.find((s) => s.exercise_id === exerciseId);
  return set ? set.superset : (chosenGroups.get(exerciseId) ?? null);
}

/**
 * Where the focus goes after a set of `exerciseId` is logged: in a superset, to the next
 * exercise of the group (the sets alternate); otherwise to this exercise's next row.
 */
function nextFocus(logger: Logger, exerciseId: number, row: number): { exerciseId: number; row: number } {
  const group = groupOf(logger, exerciseId);
  const ids = exerciseOrder(logger);
  const partners = group === null ? [] : ids.filter((id) => groupOf(logger, id) === group);
  if (partners.length < 2) return { exerciseId, row };
  const next = partners[(partners.indexOf(exerciseId) + 1) % partners.length] ?? exerciseId;
  const sets = logger.detail.sets.filter((s) => s.exercise_id === next);
  const open = sets.findIndex((s) => !s.done);
  return { exerciseId: next, row: (open < 0 ? sets.length : open) + 1 };
}

/** What the logger shows for the session in progress. */
interface Logger {
  detail: SessionDetail_Serialize;
  names: Map<number, string>;
  unit: Unit;
  previous: Map<number, SetRow[]>;
  /** The rest the routine plans after each exercise's sets, where it says. */
  plannedRest: Map<number, number>;
  host: HTMLElement;
}

/** The logged exercises in their stored order: that of each one's first set. */
function storedOrder(logger: Logger): number[] {
  const ids: number[] = [];
  for (const set of logger.detail.sets) {
    if (!ids.includes(set.exercise_id)) ids.push(set.exercise_id);
  }
  return ids;
}

/**
 * Exercise ids in display order. Logged exercises follow the stored order (the vault is
 * the truth); exercises added but not logged yet keep the place the lifter gave them.
 */
function exerciseOrder(logger: Logger): number[] {
  const id = logger.detail.session.id;
  if (arranged?.sessionId !== id) arranged = { sessionId: id, exerciseIds: [] };
  const stored = storedOrder(logger);
  const queue = stored.filter((exercise) => arranged?.exerciseIds.includes(exercise));
  const ids = arranged.exerciseIds.map((exercise) => (stored.includes(exercise) ? (queue.shift() ?? exercise) : exercise));
  for (const exercise of stored) if (!ids.includes(exercise)) ids.push(exercise);
  arranged.exerciseIds = ids;
  return ids;
}

/** The logged exercises in display order. */
function loggedInDisplayOrder(logger: Logger): number[] {
  const stored = storedOrder(logger);
  return (arranged?.exerciseIds ?? []).filter((id) => stored.includes(id));
}

/**
 * Saves the display order of the logged exercises when it differs from the stored one;
 * returns false when the vault kept another order (a superset group moves as one).
 */
async function saveOrder(logger: Logger): Promise<boolean> {
  const wanted = loggedInDisplayOrder(logger);
  if (wanted.join() === storedOrder(logger).join()) return true;
  logger.detail = await call(commands.sessionReorder(logger.detail.session.id, wanted));
  return wanted.join() === storedOrder(logger).join();
}

function kindSelect(value: SetKind, label: string): HTMLSelectElement {
  const select = h("select", { attrs: { "aria-label": label }, class: "kind", testid: "set-kind" });
  for (const { kind, label: text } of KINDS) {
    select.append(h("option", { attrs: { value: kind, selected: kind === value } }, text));
  }
  return select;
}

/** One row: a stored set (`set`) or the blank row for the next one (`set` null). */
function setRow(
  logger: Logger,
  exerciseId: number,
  set: SetRow | null,
  number: number,
  template: SetRow | undefined,
): HTMLTableRowElement {
  const name = logger.names.get(exerciseId) ?? "exercise";
  const label = (what: string): string => `${name} set ${String(number)} ${what}`;
  const source = set ?? template;
  const unit = source?.weight?.unit ?? logger.unit;
  const weight = h("input", {
    attrs: { type: "text", inputmode: "decimal", size: 5, "aria-label": label(`weight (${unit})`) },
    class: "weight",
    testid: "set-weight",
  });
  weight.value = source?.weight ? amount(source.weight) : "";
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
    const parsedWeight = parseWeight(weight.value, unit);
    const parsedReps = parseCount(reps.value);
    const parsedRpe = parseRpe(rpe.value);
    if (parsedWeight === undefined) throw new Error("The weight must be a number like 60 or 62.5.");
    if (parsedReps === undefined) throw new Error("Reps must be a whole number.");
    if (parsedRpe === undefined) throw new Error("RPE goes from 1 to 10 in steps of 0.5.");
    const input: NewSet = {
      exercise_id: exerciseId,
      weight: parsedWeight,
      reps: parsedReps,
      rpe: parsedRpe,
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
    // An exercise's first set is stored last: move it to where the lifter placed it.
    if (!logger.detail.sets.some((s) => s.exercise_id === exerciseId && s.id !== saved.id)) await saveOrder(logger);
    if (saved.done && setARecord(saved)) {
      say(`New record on ${name}: ${recordNames(saved).join(", ")}!`);
    }
    if (saved.done && saved.kind !== "warmup") startRest(logger.plannedRest.get(exerciseId) ?? restSeconds());
    draw(logger, saved.done && !set?.done ? nextFocus(logger, exerciseId, number + 1) : { exerciseId, row: number + 1 });
  };
  const submit = (): void => {
    busy([log], () => commit(true)).catch(report);
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
    busy([done], () => commit(done.checked)).catch(report);
  });
  remove?.addEventListener("click", () => {
    if (!set) return;
    busy([remove], async () => {
      await call(commands.setDelete(set.id));
      logger.detail.sets = logger.detail.sets.filter((s) => s.id !== set.id);
      draw(logger, { exerciseId, row: number });
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
    h("td", {}, weight, unit === logger.unit ? null : h("span", { class: "hint" }, ` ${unit}`)),
    h("td", {}, reps),
    h("td", {}, rpe),
    h("td", {}, set ? done : null),
    last,
    h("td", { class: "actions" }, log, remove, badge),
  );
  return row;
}

function exerciseBlock(logger: Logger, exerciseId: number, index: number, count: number): HTMLElement {
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
      chosenGroups.set(exerciseId, chosen);
      // Every set of the exercise in this session joins the group, so they alternate.
      for (const set of sets) {
        const saved = await call(commands.setEdit(set.id, { ...inputOf(set), superset: chosen }));
        const at = logger.detail.sets.findIndex((s) => s.id === saved.id);
        if (at >= 0) logger.detail.sets[at] = saved;
      }
      draw(logger);
    }).catch(report);
  });
  const up = h("button", { attrs: { type: "button", "aria-label": `Move ${name} up`, disabled: index === 0 }, class: "quiet move-up", testid: "move-up" }, "↑");
  const down = h(
    "button",
    { attrs: { type: "button", "aria-label": `Move ${name} down`, disabled: index === count - 1 }, class: "quiet move-down", testid: "move-down" },
    "↓",
  );
  const move = (by: number): void => {
    if (!arranged) return;
    const ids = arranged.exerciseIds;
    const [moved] = ids.splice(index, 1);
    if (moved !== undefined) ids.splice(index + by, 0, moved);
    busy([up, down], async () => {
      if (!(await saveOrder(logger))) say("Exercises in a superset move together.");
    })
      .catch(report)
      .finally(() => {
        // On failure the stored order wins again when the logger redraws.
        draw(logger);
        logger.host.querySelector<HTMLButtonElement>(`[data-exercise="${CSS.escape(name)}"] button.move-${by < 0 ? "up" : "down"}`)?.focus();
      });
  };
  up.addEventListener("click", () => {
    move(-1);
  });
  down.addEventListener("click", () => {
    move(1);
  });
  const last = sets.at(-1) ?? previous?.[0];
  const rows = sets.map((set, i) => setRow(logger, exerciseId, set, i + 1, undefined));
  rows.push(setRow(logger, exerciseId, null, sets.length + 1, last));
  return h(
    "section",
    { class: "exercise-block card", testid: "exercise-block", attrs: { "aria-label": name, "data-exercise": name } },
    h(
      "header",
      { class: "row" },
      h("h3", {}, name),
      h("span", { class: "spacer" }),
      superset,
      up,
      down,
    ),
    h(
      "p",
      { class: "hint previous", testid: "previous" },
      previous === undefined
        ? "Last time: …"
        : previous.length === 0
          ? "First time logging this exercise."
          : `Last time: ${previous.map((set) => describeSet(set, logger.unit)).join(", ")}`,
    ),
    h(
      "table",
      { class: "data sets" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...["Set", "Kind", `Weight (${logger.unit})`, "Reps", "RPE", "Done", "Last time", ""].map((text) =>
            h("th", { attrs: { scope: "col" } }, text),
          ),
        ),
      ),
      h("tbody", {}, ...rows),
    ),
  );
}

/** Redraws the logger from its state, then puts the focus on a row's weight. */
function draw(logger: Logger, focus?: { exerciseId: number; row: number }): void {
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
    if (arranged && !arranged.exerciseIds.includes(exercise.id)) arranged.exerciseIds.push(exercise.id);
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

function loadPrevious(logger: Logger, ids: number[]): void {
  for (const id of ids) {
    if (logger.previous.has(id)) continue;
    call(commands.sessionPrevious(id, logger.detail.session.started_at))
      .then((sets) => {
        logger.previous.set(id, sets);
        const line = logger.host.querySelector(`[data-exercise="${CSS.escape(logger.names.get(id) ?? "")}"] [data-testid=previous]`);
        const block = line?.closest("[data-exercise]");
        for (const cell of block?.querySelectorAll<HTMLElement>("tr[data-row] [data-testid=set-previous]") ?? []) {
          const row = Number(cell.closest("tr")?.dataset.row ?? "0");
          const before = sets[row - 1];
          cell.textContent = before ? describeSet(before, logger.unit) : "";
        }
        if (line) {
          line.textContent =
            sets.length === 0
              ? "First time logging this exercise."
              : `Last time: ${sets.map((set) => describeSet(set, logger.unit)).join(", ")}`;
        }
        // The blank first row of an exercise not logged yet takes last time's first set
        // (the weight only when it was typed in the unit this row reads).
        const first = sets[0];
        const blank = block?.querySelector("tr[data-testid=set-row-next][data-row='1']");
        if (first && blank && !logger.detail.sets.some((set) => set.exercise_id === id)) {
          const weight = blank.querySelector<HTMLInputElement>("[data-testid=set-weight]");
          const reps = blank.querySelector<HTMLInputElement>("[data-testid=set-reps]");
          if (weight?.value === "" && first.weight?.unit === logger.unit) weight.value = amount(first.weight);
          if (reps?.value === "" && first.reps !== null) reps.value = String(first.reps);
        }
      })
      .catch(report);
  }
}

async function finishWorkout(logger: Logger, button: HTMLButtonElement): Promise<void> {
  const undone = logger.detail.sets.filter((set) => !set.done).length;
  if (undone > 0) {
    const sure = await confirmDestroy(
      "Finish with planned sets not done?",
      `${String(undone)} planned set(s) were not logged; finishing drops them from this workout.`,
      "Finish and drop them",
    );
    if (!sure) return;
  }
  await busy([button], () => call(commands.sessionFinish(logger.detail.session.id, true)));
  navigate("workout", { summary: String(logger.detail.session.id) });
}

async function renderSummary(host: HTMLElement, id: number): Promise<void> {
  const [detail, names, { unit }] = await Promise.all([
    call(commands.sessionDetail(id)),
    exerciseNames(),
    call(commands.trainingPrefs()),
  ]);
  const done = detail.sets.filter((set) => set.done);
  const volume = done.reduce((sum, set) => sum + setVolumeKg(set), 0);
  const records = done.filter(setARecord);
  const history = h("a", { attrs: { href: `#/history?session=${String(id)}` }, testid: "summary-history" }, "See it in History");
  host.append(
    h(
      "section",
      { class: "card summary", testid: "workout-summary", attrs: { "aria-label": "Workout summary" } },
      h("h3", {}, `${detail.session.name || "Workout"} — done`),
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, "Duration"),
        h("dd", { testid: "summary-duration" }, showDuration(detail.session.started_at, detail.session.ended_at)),
        h("dt", {}, "Sets"),
        h("dd", { testid: "summary-sets" }, String(done.length)),
        h("dt", {}, "Volume"),
        h("dd", { testid: "summary-volume" }, showKg(volume, unit, 0)),
        h("dt", {}, "Records"),
        h("dd", { testid: "summary-records" }, String(records.length)),
      ),
      records.length > 0
        ? h(
            "ul",
            { class: "records" },
            ...records.map((set) =>
              h("li", {}, `${names.get(set.exercise_id) ?? "?"}: ${describeSet(set, unit)} — ${recordNames(set).join(", ")}`),
            ),
          )
        : null,
      history,
    ),
  );
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
    const logger: Logger = { detail, names, unit: prefs.unit, previous: new Map(), plannedRest, host };
    const ids = exerciseOrder(logger);
    loadPrevious(logger, ids);
    const firstOpen = detail.sets.find((set) => !set.done);
    const focusExercise = firstOpen?.exercise_id ?? ids[0];
    const row = firstOpen ? detail.sets.filter((s) => s.exercise_id === firstOpen.exercise_id).indexOf(firstOpen) + 1 : 1;
    draw(logger, focusExercise === undefined ? undefined : { exerciseId: focusExercise, row });
  },
};
