// Last time's sets beside today's, like with like: today's second warm-up beside last
// time's second warm-up, today's working set n beside last time's working set n (drops
// and failure sets count as working sets, as the lifter numbers them). The vault answers
// with last time's done sets in order, warm-ups included; this module pairs them, names
// each row ("W" for a warm-up, 1, 2, 3… for the others) and picks what a blank row starts
// with.

import type { SetKind } from "../bindings";
import { describeSet, type SetRow } from "./training-kit";
import type { Logger } from "./workout-state";

/** Whether a set of this kind is a warm-up (numbered apart from the working sets). */
export function isWarmup(kind: SetKind): boolean {
  return kind === "warmup";
}

/** Where a row stands among its exercise's rows of the same sort: the nth warm-up or working set (from 1). */
export interface Place {
  warmup: boolean;
  nth: number;
}

/** The place of each of `sets` (in order), then of one more row of `nextKind`. */
export function places(sets: readonly { kind: SetKind }[], nextKind: SetKind = "working"): Place[] {
  let warmups = 0;
  let working = 0;
  return [...sets.map((set) => set.kind), nextKind].map((kind) =>
    isWarmup(kind) ? { warmup: true, nth: (warmups += 1) } : { warmup: false, nth: (working += 1) },
  );
}

/** What a row is called on screen: "W" for a warm-up, else its working number. */
export function placeLabel(place: Place): string {
  return place.warmup ? "W" : String(place.nth);
}

/** The words for a row in labels read aloud: "warm-up 2", "set 3". */
export function placeWords(place: Place): string {
  return place.warmup ? `warm-up ${String(place.nth)}` : `set ${String(place.nth)}`;
}

/** Last time's set in the same place, if it had one. */
export function lastTimeAt(previous: readonly SetRow[] | undefined, place: Place): SetRow | undefined {
  return previous?.filter((set) => isWarmup(set.kind) === place.warmup)[place.nth - 1];
}

/**
 * Last time's set as the "Last time" column shows it (a note marked with ✎); a warm-up
 * sits beside a warm-up row, so its kind goes without saying.
 */
export function lastTimeText(set: SetRow | undefined, logger: Logger): string {
  if (!set) return "";
  const shown = isWarmup(set.kind) ? { ...set, kind: "working" as const } : set;
  return describeSet(shown, logger.unit, logger.bodyweight.has(set.exercise_id)) + (set.notes === "" ? "" : " ✎");
}

/**
 * What the blank row of an exercise starts from: this workout's last working set (its
 * weight as typed), else last time's first working set, else this workout's last set.
 */
export function blankTemplate(sets: readonly SetRow[], previous: readonly SetRow[] | undefined): SetRow | undefined {
  const working = sets.filter((set) => !isWarmup(set.kind));
  return working.at(-1) ?? lastTimeAt(previous, { warmup: false, nth: 1 }) ?? sets.at(-1);
}
