// An exercise's records as lifters read them: the few headline records (best estimated
// 1RM, heaviest, best set and session volume) and the rep-max table, the heaviest weight
// for at least 1 to 12 reps. Bodyweight lifts show their load as "BW" or "BW + 10 kg"
// and leave out the estimates their added weight alone would mislead.

import type { ExerciseRecords_Serialize, RepMax_Serialize, Unit, Weight_Serialize } from "../bindings";
import { h } from "../lib/dom";
import { bodyweightLoad, showDate, showKg, showWeight } from "./training-kit";

/** The headline records, or null when there are none. */
export function recordsTable(records: ExerciseRecords_Serialize, unit: Unit, bodyweight: boolean): HTMLElement | null {
  const line = (what: string, value: string, at: string | undefined): HTMLElement =>
    h("tr", {}, h("th", { attrs: { scope: "row" } }, what), h("td", {}, value), h("td", { class: "hint" }, at ? showDate(at) : ""));
  const load = (weight: Weight_Serialize): string => (bodyweight ? bodyweightLoad(weight, unit) : showWeight(weight, unit));
  const rows: HTMLElement[] = [];
  // A bodyweight lift's estimate from its added weight alone would mislead.
  if (records.best_e1rm && !bodyweight) {
    const from = records.best_e1rm.weight ? ` (from ${showWeight(records.best_e1rm.weight, unit)} × ${String(records.best_e1rm.reps ?? 0)})` : "";
    rows.push(line("Best estimated 1RM", `${showKg(records.best_e1rm.value, unit)}${from}`, records.best_e1rm.at));
  }
  if (records.heaviest?.weight) {
    rows.push(line(bodyweight ? "Most added weight" : "Heaviest", `${load(records.heaviest.weight)} × ${String(records.heaviest.reps ?? 0)}`, records.heaviest.at));
  }
  if (!bodyweight && records.best_set_volume) rows.push(line("Best set volume", showKg(records.best_set_volume.value, unit, 0), records.best_set_volume.at));
  if (!bodyweight && records.best_session_volume) {
    rows.push(line("Best session volume", showKg(records.best_session_volume.value, unit, 0), records.best_session_volume.at));
  }
  if (rows.length === 0) return null;
  return h("table", { class: "data", testid: "exercise-records" }, h("caption", {}, "Records"), h("tbody", {}, ...rows));
}

/** The heaviest weight for at least 1 to 12 reps, with its estimated 1RM and date. */
export function repMaxTable(maxes: RepMax_Serialize[], unit: Unit, bodyweight: boolean): HTMLElement {
  if (maxes.length === 0) return h("p", { class: "hint" }, "No records yet.");
  return h(
    "table",
    { class: "data rep-max", testid: "exercise-rep-max" },
    h("caption", {}, "Best for each rep count"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { attrs: { scope: "col" } }, "Reps"),
        h("th", { attrs: { scope: "col" } }, bodyweight ? "Load" : "Weight"),
        bodyweight ? null : h("th", { attrs: { scope: "col" } }, "Estimated 1RM"),
        h("th", { attrs: { scope: "col" } }, "Date"),
      ),
    ),
    h(
      "tbody",
      {},
      ...maxes.map((max) =>
        h(
          "tr",
          { testid: "rep-max-row" },
          h("th", { attrs: { scope: "row" } }, String(max.reps)),
          h(
            "td",
            {},
            bodyweight ? bodyweightLoad(max.weight, unit) : showWeight(max.weight, unit),
            max.set_reps > max.reps ? h("span", { class: "hint" }, ` (done for ${String(max.set_reps)})`) : null,
          ),
          bodyweight ? null : h("td", {}, max.e1rm_kg === null ? "—" : showKg(max.e1rm_kg, unit)),
          h("td", { class: "hint" }, showDate(max.at)),
        ),
      ),
    ),
  );
}
