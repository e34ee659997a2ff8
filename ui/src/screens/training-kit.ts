// Pieces the training screens share: weights shown in the lifter's preferred unit (the
// vault keeps each weight exactly as typed), set volume, the exercise list and dates.
// Confirmations before destroying data use lib/confirm.ts.

import {
  commands,
  type Exercise_Serialize,
  type SetInput_Deserialize,
  type SetInput_Serialize,
  type SetKind,
  type SetRow_Serialize,
  type Unit,
  type Weight_Serialize,
} from "../bindings";
import { h } from "../lib/dom";
import { call } from "../lib/messages";

export type Exercise = Exercise_Serialize;
export type SetRow = SetRow_Serialize;
/** A set as stored (every field present). */
export type SetInput = SetInput_Serialize;
/** A set as sent to the core. */
export type NewSet = SetInput_Deserialize;

/** Kilograms in one pound, exactly (as the core uses). */
const KG_PER_LB = 0.45359237;

/** A weight in kilograms (derived, for sums and charts). */
export function kgOf(weight: Weight_Serialize): number {
  return (weight.milli / 1000) * (weight.unit === "lb" ? KG_PER_LB : 1);
}

/** Kilograms as a number of `unit`. */
export function kgIn(kg: number, unit: Unit): number {
  return kg / (unit === "lb" ? KG_PER_LB : 1);
}

/** Kilograms shown in `unit`, rounded for reading. */
export function showKg(kg: number | null, unit: Unit, digits = 1): string {
  // A float crosses IPC as null only when it is not a number, which no sum here produces.
  const value = kgIn(kg ?? 0, unit);
  return `${value.toLocaleString(undefined, { maximumFractionDigits: digits })} ${unit}`;
}

/** The number a weight was typed as, without trailing zeros ("102.5"). */
export function amount(weight: Weight_Serialize): string {
  return String(weight.milli / 1000);
}

/** A weight for display: as typed when it is in `unit`, converted otherwise. */
export function showWeight(weight: Weight_Serialize, unit: Unit): string {
  if (weight.unit === unit) return `${amount(weight)} ${unit}`;
  return showKg(kgOf(weight), unit);
}

/** Reads a typed weight ("102.5", "102,5") in `unit`; null when blank, undefined when not a number. */
export function parseWeight(text: string, unit: Unit): Weight_Serialize | null | undefined {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return null;
  if (!/^\d{1,4}(\.\d{1,3})?$/.test(trimmed)) return undefined;
  return { milli: Math.round(Number(trimmed) * 1000), unit };
}

/** Reads whole reps; null when blank, undefined when not a whole number. */
export function parseCount(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** Reads an RPE ("8", "8.5") as half steps (16, 17); null when blank, undefined when invalid. */
export function parseRpe(text: string): number | null | undefined {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return null;
  const halves = Number(trimmed) * 2;
  return Number.isInteger(halves) && halves >= 2 && halves <= 20 ? halves : undefined;
}

/** An RPE in half steps, for an input. */
export function showRpe(halves: number | null): string {
  return halves === null ? "" : String(halves / 2);
}

const KINDS: readonly { kind: SetKind; label: string }[] = [
  { kind: "warmup", label: "Warm-up" },
  { kind: "working", label: "Working" },
  { kind: "drop", label: "Drop" },
  { kind: "failure", label: "Failure" },
];

/** A choice of set kind (warm-up, working, drop, failure). */
export function kindSelect(value: SetKind, label: string): HTMLSelectElement {
  const select = h("select", { attrs: { "aria-label": label }, class: "kind", testid: "set-kind" });
  for (const { kind, label: text } of KINDS) {
    select.append(h("option", { attrs: { value: kind, selected: kind === value } }, text));
  }
  return select;
}

/** The volume a set adds (done, not a warm-up), in kg × reps. */
export function setVolumeKg(set: SetInput): number {
  if (!set.done || set.kind === "warmup" || !set.weight || set.reps === null) return 0;
  return kgOf(set.weight) * set.reps;
}

/** What a stored set holds, as the input that would store it again. */
export function inputOf(set: SetRow): NewSet {
  return {
    exercise_id: set.exercise_id,
    weight: set.weight,
    reps: set.reps,
    rpe: set.rpe,
    kind: set.kind,
    done: set.done,
    duration_s: set.duration_s,
    distance: set.distance,
    superset: set.superset,
    notes: set.notes,
  };
}

/** Whether a logged set beat any record when it was logged. */
export function setARecord(set: SetRow): boolean {
  return set.records.e1rm || set.records.heaviest || set.records.reps_at_weight || set.records.set_volume;
}

/** The names of the records a set beat. */
export function recordNames(set: SetRow): string[] {
  const names: string[] = [];
  if (set.records.e1rm) names.push("best estimated 1RM");
  if (set.records.heaviest) names.push("heaviest");
  if (set.records.reps_at_weight) names.push("most reps at this weight");
  if (set.records.set_volume) names.push("best set volume");
  return names;
}

/** A muscle group as people write it: "Chest", "Full body", or "No muscle group yet". */
export function muscleLabel(muscle: string): string {
  if (muscle === "unassigned") return "No muscle group yet";
  const words = muscle.replace("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "1 set", "3 sets". */
export function setCount(count: number): string {
  return `${String(count)} ${count === 1 ? "set" : "sets"}`;
}

/** A weight as typed, with its value in `unit` beside it when typed in the other unit. */
function typedWeight(weight: Weight_Serialize, unit: Unit): string {
  const typed = `${amount(weight)} ${weight.unit}`;
  return weight.unit === unit ? typed : `${typed} (${showWeight(weight, unit)})`;
}

/**
 * The load of a bodyweight exercise's set: "BW", or "BW + 10 kg" with added weight (an
 * import's "0 kg" is no added weight).
 */
export function bodyweightLoad(weight: Weight_Serialize | null, unit: Unit): string {
  return weight && weight.milli > 0 ? `BW + ${typedWeight(weight, unit)}` : "BW";
}

/**
 * A set as "100 kg × 5 reps": the weight as it was typed, with its value in `unit` beside
 * it when it was typed in the other unit ("24 kg (52.9 lb) × 5 reps"). A set of a
 * `bodyweight` exercise shows its load as "BW" or "BW + 10 kg", never "0 kg".
 */
export function describeSet(set: SetInput, unit: Unit, bodyweight = false): string {
  const parts: string[] = [];
  if (bodyweight) parts.push(bodyweightLoad(set.weight, unit));
  else if (set.weight) parts.push(typedWeight(set.weight, unit));
  if (set.reps !== null) parts.push(`${String(set.reps)} reps`);
  if (set.duration_s !== null) parts.push(`${String(set.duration_s)} s`);
  if (set.distance) parts.push(`${String(set.distance.milli / 1000)} ${set.distance.unit}`);
  const text = parts.join(" × ");
  return set.kind === "working" ? text : `${text} (${set.kind})`;
}

let exerciseCache: Exercise[] | null = null;

/** The usable exercises (catalog and custom), cached until a screen changes them. */
export async function exerciseList(): Promise<Exercise[]> {
  exerciseCache ??= await call(commands.exerciseList(false));
  return exerciseCache;
}

/** Drops the cached exercise list after an exercise was added, renamed, archived or merged. */
export function forgetExercises(): void {
  exerciseCache = null;
}

/** The ids of the bodyweight exercises, whose sets show "BW + 10 kg" rather than a weight. */
export async function bodyweightIds(): Promise<Set<number>> {
  const all = await call(commands.exerciseList(true));
  return new Set(all.filter((exercise) => exercise.kind === "bodyweight").map((exercise) => exercise.id));
}

/** The exercise names by id, for showing sets. */
export async function exerciseNames(): Promise<Map<number, string>> {
  const all = await call(commands.exerciseList(true));
  return new Map(all.map((exercise) => [exercise.id, exercise.name]));
}

/** The exercise a picker names (ignoring case), if any. */
export function pickedExercise(exercises: readonly Exercise[], text: string): Exercise | undefined {
  const wanted = text.trim().toLowerCase();
  return exercises.find((exercise) => exercise.name.toLowerCase() === wanted);
}

/** A stored time's date for reading: "4 Mar 2024". */
export function showDate(stamp: string): string {
  const at = new Date(stamp);
  if (Number.isNaN(at.getTime())) return stamp;
  return at.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
}

/** A stored time for reading: "Mon 4 Mar 2024, 18:02". */
export function showTime(stamp: string): string {
  const at = new Date(stamp);
  if (Number.isNaN(at.getTime())) return stamp;
  return at.toLocaleString(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** A session's length: "1 h 12 min", "38 min", "in progress", or "end unknown" for an
 * imported session whose file did not say when it ended. */
export function showDuration(session: { started_at: string; ended_at: string | null; in_progress: boolean }): string {
  const { started_at: from, ended_at: to } = session;
  if (to === null) return session.in_progress ? "in progress" : "end unknown";
  const minutes = Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000));
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${String(hours)} h ${String(minutes % 60)} min` : `${String(minutes)} min`;
}

/** A stored time as the value of a `datetime-local` input (local time). */
export function toLocalInput(stamp: string): string {
  const at = new Date(stamp);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${String(at.getFullYear())}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
