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

function muscles(found: TrainingInsights, unit: Unit): HTMLElement {
  return h(
    "section",
    { class: "insight", attrs: { "aria-labelledby": "insight-muscle-trend" } },
    h("h3", { attrs: { id: "insight-muscle-trend" } }, "Volume by muscle group"),
    found.muscles.length === 0
      ? h("p", { class: "caption" }, "No sets in the last eight weeks.")
      : h(
          "table",
          { class: "data", testid: "muscle-trend" },
          h("caption", { class: "hint" }, "The last four weeks against the four before."),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { attrs: { scope: "col" } }, "Muscle group"),
              h("th", { attrs: { scope: "col" }, class: "number" }, "Last 4 weeks"),
              h("th", { attrs: { scope: "col" }, class: "number" }, "4 weeks before"),
              h("th", { attrs: { scope: "col" }, class: "number" }, "Change"),
            ),
          ),
          h(
            "tbody",
            {},
            ...found.muscles.map((m) =>
              h(
                "tr",
                {},
                h("th", { attrs: { scope: "row" } }, muscleLabel(m.muscle)),
                h("td", { class: "number" }, showKg(m.recent_kg, unit, 0)),
                h("td", { class: "number" }, showKg(m.before_kg, unit, 0)),
                h("td", { class: "number" }, change(m.before_kg, m.recent_kg)),
              ),
            ),
          ),
        ),
  );
}

function lifts(found: TrainingInsights, unit: Unit): HTMLElement {
  return h(
    "section",
    { class: "insight", attrs: { "aria-labelledby": "insight-strength" } },
    h("h3", { attrs: { id: "insight-strength" } }, "Strength of your main lifts"),
    found.lifts.length === 0
      ? h("p", { class: "caption" }, "A lift shows here once it has two sessions with sets of 1 to 12 reps.")
      : h(
          "table",
          { class: "data", testid: "strength-trend" },
          h("caption", { class: "hint" }, "Estimated one-rep max: your first sessions in this range against your latest."),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { attrs: { scope: "col" } }, "Lift"),
              h("th", { attrs: { scope: "col" }, class: "number" }, "Sessions"),
              h("th", { attrs: { scope: "col" }, class: "number" }, "At first"),
              h("th", { attrs: { scope: "col" }, class: "number" }, "Lately"),
              h("th", { attrs: { scope: "col" }, class: "number" }, "Change"),
            ),
          ),
          h(
            "tbody",
            {},
            ...found.lifts.map((lift) =>
              h(
                "tr",
                {},
                h("th", { attrs: { scope: "row" } }, h("a", { attrs: { href: `#/exercises?id=${String(lift.exercise_id)}` } }, lift.exercise)),
                h("td", { class: "number" }, String(lift.sessions)),
                h("td", { class: "number" }, showKg(lift.first_e1rm_kg, unit)),
                h("td", { class: "number" }, showKg(lift.last_e1rm_kg, unit)),
                h("td", { class: "number" }, change(lift.first_e1rm_kg, lift.last_e1rm_kg)),
              ),
            ),
          ),
        ),
  );
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
