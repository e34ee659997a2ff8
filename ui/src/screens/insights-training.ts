// The training half of Insights: what the log says without WHOOP (consistency, each muscle
// group's volume trend, the main lifts' strength trend), and, when WHOOP is not connected,
// what connecting it would add. The core computes the numbers; this lays them out in the
// lifter's unit.

import type { TrainingInsights, Unit } from "../bindings";
import { drawChart, type Drawn } from "../lib/chart-load";
import { h } from "../lib/dom";
import { muscleLabel, showKg } from "./training-kit";

/** "+12 %", "−5 %", or "new" when there was nothing before. (A float crosses IPC as null
 * only when it is not a number, which these sums never are.) */
function change(was: number | null, now: number | null): string {
  const before = was ?? 0;
  const after = now ?? 0;
  if (before <= 0) return after > 0 ? "new" : "–";
  const percent = Math.round(((after - before) / before) * 100);
  return percent === 0 ? "no change" : `${percent > 0 ? "+" : "−"}${String(Math.abs(percent))} %`;
}

function consistency(found: TrainingInsights): HTMLElement {
  const weeks = found.weeks.length;
  const perWeek = weeks === 0 ? 0 : found.sessions / weeks;
  return h(
    "section",
    { class: "insight", attrs: { "aria-labelledby": "insight-consistency" }, testid: "insight-consistency" },
    h("h3", { attrs: { id: "insight-consistency" } }, "Consistency"),
    h(
      "div",
      { class: "insight-numbers" },
      h(
        "p",
        { class: "big-number" },
        h("span", { testid: "weeks-trained" }, `${String(found.weeks_trained)} of ${String(weeks)}`),
        h("span", { class: "hint" }, " weeks trained"),
      ),
      h("p", { class: "big-number" }, h("span", {}, perWeek.toFixed(1)), h("span", { class: "hint" }, " sessions a week")),
      h(
        "p",
        { class: "big-number" },
        h("span", {}, String(found.longest_streak)),
        h("span", { class: "hint" }, ` week${found.longest_streak === 1 ? "" : "s"} in a row at best`),
      ),
    ),
  );
}

/** One trend section: a heading, then a table (a row heading and numbers per row) or a
 * sentence when there are no rows. */
function trendSection(spec: {
  id: string;
  title: string;
  empty: string;
  testid: string;
  caption: string;
  columns: readonly string[];
  rows: readonly (readonly [Node | string, ...string[]])[];
}): HTMLElement {
  const [first, ...numbers] = spec.columns;
  return h(
    "section",
    { class: "insight", attrs: { "aria-labelledby": spec.id } },
    h("h3", { attrs: { id: spec.id } }, spec.title),
    spec.rows.length === 0
      ? h("p", { class: "caption" }, spec.empty)
      : h(
          "table",
          { class: "data", testid: spec.testid },
          h("caption", { class: "hint" }, spec.caption),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { attrs: { scope: "col" } }, first ?? ""),
              ...numbers.map((column) => h("th", { attrs: { scope: "col" }, class: "number" }, column)),
            ),
          ),
          h(
            "tbody",
            {},
            ...spec.rows.map(([heading, ...cells]) =>
              h("tr", {}, h("th", { attrs: { scope: "row" } }, heading), ...cells.map((cell) => h("td", { class: "number" }, cell))),
            ),
          ),
        ),
  );
}

function muscles(found: TrainingInsights, unit: Unit): HTMLElement {
  return trendSection({
    id: "insight-muscle-trend",
    title: "Volume by muscle group",
    empty: "No sets in the last eight weeks.",
    testid: "muscle-trend",
    caption: "The last four weeks against the four before.",
    columns: ["Muscle group", "Last 4 weeks", "4 weeks before", "Change"],
    rows: found.muscles.map((m) => [
      muscleLabel(m.muscle),
      showKg(m.recent_kg, unit, 0),
      showKg(m.before_kg, unit, 0),
      change(m.before_kg, m.recent_kg),
    ]),
  });
}

function lifts(found: TrainingInsights, unit: Unit): HTMLElement {
  return trendSection({
    id: "insight-strength",
    title: "Strength of your main lifts",
    empty: "A lift shows here once it has two sessions with sets of 1 to 12 reps.",
    testid: "strength-trend",
    caption: "Estimated one-rep max: your first sessions in this range against your latest.",
    columns: ["Lift", "Sessions", "At first", "Lately", "Change"],
    rows: found.lifts.map((lift) => [
      h("a", { attrs: { href: `#/exercises?id=${String(lift.exercise_id)}` } }, lift.exercise),
      String(lift.sessions),
      showKg(lift.first_e1rm_kg, unit),
      showKg(lift.last_e1rm_kg, unit),
      change(lift.first_e1rm_kg, lift.last_e1rm_kg),
    ]),
  });
}

/** What connecting WHOOP would add, for a log without WHOOP data. */
export function whoopWouldAdd(): HTMLElement {
  return h(
    "section",
    { class: "card", testid: "insights-whoop-adds" },
    h(
      "p",
      {},
      "With WHOOP connected, Insights also shows your recovery after your heaviest sessions, weekly volume beside your HRV, " +
        "and today's recovery beside each muscle group's load. ",
      h("a", { attrs: { href: "#/whoop" } }, "Connect WHOOP"),
    ),
  );
}

/** The training insights, and a function that draws their weekly chart once they are on the page. */
export function trainingInsights(found: TrainingInsights, unit: Unit): { section: HTMLElement; draw: () => Promise<Drawn | null> } {
  const chartSlot = h("div", { class: "chart-host" });
  const section = h(
    "div",
    { class: "training-insights", testid: "insights-training" },
    consistency(found),
    chartSlot,
    muscles(found, unit),
    lifts(found, unit),
  );
  const recent = found.weeks.slice(-104);
  const draw = async (): Promise<Drawn | null> =>
    recent.length > 1
      ? drawChart(chartSlot, {
          x: recent.map((w) => w.x),
          series: [{ label: "Sessions", values: recent.map((w) => w.sessions), bars: true }],
          summary: `Sessions per week: ${String(found.weeks_trained)} of ${String(found.weeks.length)} weeks trained.`,
          yLabel: "sessions",
          height: 160,
          testid: "chart-sessions",
        })
      : null;
  return { section, draw };
}
