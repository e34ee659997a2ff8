// What the workout logger holds for the session in progress, and the order of its
// exercises. The vault keeps the order of logged exercises (their first sets' order); this
// module keeps where the lifter placed exercises not logged yet, saves moves, and decides
// where the focus goes next (in a superset, to the partner exercise).

import { commands, type RestDefaults, type SessionDetail_Serialize, type SetKind, type Unit } from "../bindings";
import { call } from "../lib/messages";
import type { SetRow } from "./training-kit";
import { sessionKey } from "./workout-drafts";

/** A row of an exercise to put the keyboard focus on (rows count from 1). */
export interface Focus {
  exerciseId: number;
  row: number;
}

/**
 * What the lifter arranged in one session and the vault does not hold yet: the order of
 * the exercises (with those added but not logged) and the superset groups chosen for
 * exercises with no sets. It belongs to one session, named by its id and start: the vault
 * reuses the id of a deleted session, and the next workout must not inherit its cards.
 */
interface Arranged {
  session: string;
  exerciseIds: number[];
  groups: Map<number, number | null>;
  /** The extra rows open beneath set rows (`note:…`, `plates:…`). */
  open: Set<string>;
  /** Notes typed for exercises' next sets, sent when the set is logged. */
  pendingNotes: Map<number, string>;
  /** The rest the lifter chose in this workout (seconds), over the plan and the defaults. */
  restChoice: number | null;
}

let arranged: Arranged | null = null;

/** What the lifter arranged in this session, anew when the logger shows another session. */
export function remembered(detail: SessionDetail_Serialize): Arranged {
  const session = sessionKey(detail.session);
  if (arranged?.session !== session) {
    arranged = { session, exerciseIds: [], groups: new Map(), open: new Set(), pendingNotes: new Map(), restChoice: null };
  }
  return arranged;
}

function arrangement(logger: Logger): Arranged {
  return remembered(logger.detail);
}

/** Puts an exercise with no sets yet in a superset group (its sets carry it after). */
export function chooseGroup(logger: Logger, exerciseId: number, group: number | null): void {
  arrangement(logger).groups.set(exerciseId, group);
}

/** The superset group of an exercise in this session (its sets', or the one chosen). */
export function groupOf(logger: Logger, exerciseId: number): number | null {
  const set = logger.detail.sets.find((s) => s.exercise_id === exerciseId);
  return set ? set.superset : (arrangement(logger).groups.get(exerciseId) ?? null);
}

/** The first row of an exercise not done yet (its blank row when every set is done). */
function firstOpenRow(logger: Logger, exerciseId: number): number {
  const sets = logger.detail.sets.filter((s) => s.exercise_id === exerciseId);
  const open = sets.findIndex((s) => !s.done);
  return (open < 0 ? sets.length : open) + 1;
}

/**
 * Where the focus goes after a set of `exerciseId` is logged from row `row - 1`: in a
 * superset, to the next exercise of the group (the sets alternate); after the last
 * planned set of an exercise (`planned`: the row was a stored set), to the next
 * exercise's first open row; otherwise to this exercise's next row.
 */
export function nextFocus(logger: Logger, exerciseId: number, row: number, planned: boolean): Focus {
  const group = groupOf(logger, exerciseId);
  const ids = exerciseOrder(logger);
  const partners = group === null ? [] : ids.filter((id) => groupOf(logger, id) === group);
  if (partners.length < 2) {
    const count = logger.detail.sets.filter((s) => s.exercise_id === exerciseId).length;
    const following = ids[ids.indexOf(exerciseId) + 1];
    if (planned && row > count && following !== undefined) return { exerciseId: following, row: firstOpenRow(logger, following) };
    return { exerciseId, row };
  }
  const next = partners[(partners.indexOf(exerciseId) + 1) % partners.length] ?? exerciseId;
  return { exerciseId: next, row: firstOpenRow(logger, next) };
}

/** What the logger shows for the session in progress. */
export interface Logger {
  detail: SessionDetail_Serialize;
  names: Map<number, string>;
  /** The bodyweight exercises, whose sets read "BW" or "BW + 10 kg", never "0 kg". */
  bodyweight: Set<number>;
  unit: Unit;
  /** What the plates of `unit` can add (thousandths of `unit`): converted pre-fills round to it. */
  stepMilli: number;
  previous: Map<number, SetRow[]>;
  /** The rest the routine plans after each exercise's sets, where it says. */
  plannedRest: Map<number, number>;
  /** The rest defaults from Settings, for what the routine does not plan. */
  rest: RestDefaults;
  host: HTMLElement;
  /** The name this session's drafts are kept under (workout-drafts). */
  draftKey: string;
  /** The extra rows open beneath set rows (`note:…`, `plates:…`), kept across redraws. */
  open: Set<string>;
  /** Notes typed for exercises' next sets, sent when the set is logged. */
  pendingNotes: Map<number, string>;
  /** Draws the logger again from this state, then focuses a row's weight. */
  redraw: (focus?: Focus) => void;
}

/** The rest the lifter chose in this workout, or null to follow the plan and the defaults. */
export function restChoice(logger: Logger): number | null {
  return arrangement(logger).restChoice;
}

/** Chooses the rest after working sets for the rest of this workout (null: as planned). */
export function chooseRest(logger: Logger, seconds: number | null): void {
  arrangement(logger).restChoice = seconds;
}

/**
 * The rest to time after a set of `kind` of `exerciseId`: after a warm-up, the warm-up
 * default; otherwise the lifter's choice in this workout, else the routine's plan for the
 * exercise, else the default from Settings. 0 times no rest.
 */
export function restAfter(logger: Logger, exerciseId: number, kind: SetKind): number {
  if (kind === "warmup") return logger.rest.warmup_seconds;
  return restChoice(logger) ?? logger.plannedRest.get(exerciseId) ?? logger.rest.working_seconds;
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
export function exerciseOrder(logger: Logger): number[] {
  const arranged = arrangement(logger);
  const stored = storedOrder(logger);
  const queue = stored.filter((exercise) => arranged.exerciseIds.includes(exercise));
  const ids = arranged.exerciseIds.map((exercise) => (stored.includes(exercise) ? (queue.shift() ?? exercise) : exercise));
  for (const exercise of stored) if (!ids.includes(exercise)) ids.push(exercise);
  arranged.exerciseIds = ids;
  return ids;
}

/** The logged exercises in display order. */
function loggedInDisplayOrder(logger: Logger): number[] {
  const stored = storedOrder(logger);
  return arrangement(logger).exerciseIds.filter((id) => stored.includes(id));
}

/**
 * Saves the display order of the logged exercises when it differs from the stored one;
 * returns false when the vault kept another order (a superset group moves as one).
 */
export async function saveOrder(logger: Logger): Promise<boolean> {
  const wanted = loggedInDisplayOrder(logger);
  if (wanted.join() === storedOrder(logger).join()) return true;
  logger.detail = await call(commands.sessionReorder(logger.detail.session.id, wanted));
  return wanted.join() === storedOrder(logger).join();
}

/** Places an exercise just added (not logged yet) after the others. */
export function placeAdded(logger: Logger, exerciseId: number): void {
  const { exerciseIds } = arrangement(logger);
  if (!exerciseIds.includes(exerciseId)) exerciseIds.push(exerciseId);
}

/**
 * Moves the exercise at `index` one place up (`by` -1) or down (1) on screen; `saveOrder`
 * saves it. A superset group moves as one, and an exercise passes a whole group at once,
 * so no move asks the vault to split a group (whose sets alternate).
 */
export function moveExercise(logger: Logger, index: number, by: -1 | 1): void {
  const arranged = arrangement(logger);
  const ids = arranged.exerciseIds;
  const unitOf = (id: number): number[] => {
    const group = groupOf(logger, id);
    return group === null ? [id] : ids.filter((other) => groupOf(logger, other) === group);
  };
  const at = (id: number): number => ids.indexOf(id);
  const start = ids[index];
  if (start === undefined) return;
  const moving = unitOf(start);
  const edge = by < 0 ? Math.min(...moving.map(at)) - 1 : Math.max(...moving.map(at)) + 1;
  const neighbour = ids[edge];
  if (neighbour === undefined) return;
  const passing = unitOf(neighbour);
  const both = [...moving, ...passing];
  const first = Math.min(...both.map(at));
  // Every exercise before `first` stays where it is; the two units swap there.
  const rest = ids.filter((id) => !both.includes(id));
  rest.splice(first, 0, ...(by < 0 ? [...moving, ...passing] : [...passing, ...moving]));
  arranged.exerciseIds = rest;
}
