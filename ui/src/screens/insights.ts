// The Insights screen: training joined with WHOOP recovery, the journal's tags against
// next-day recovery (insights-journal.ts), and the training log's own
// story (insights-training.ts) for everyone, WHOOP or not. The core computes every number
// and caption (recovery after the heaviest sessions, weekly volume against HRV, the last
// seven days' load per muscle group beside today's recovery, weekly volume beside WHOOP
// strain and recovery, strain per tonne per kind of session); this screen lays them out,
// charts them, and says plainly what is missing when data is thin. The
// screen draws from its store (the vault's answers for the chosen range); choosing
// another range asks the vault again.

import { commands, type Insights_Serialize, type JournalInsights_Serialize as JournalInsights, type TrainingInsights, type Unit } from "../bindings";
import { h, type Child } from "../lib/dom";
import { call, report } from "../lib/messages";
import type { Screen } from "../lib/router";
import { showFromVault, type VaultView } from "../lib/store";
import type { Drawn } from "../lib/chart-load";
import { journalSection } from "./insights-journal";
import { trainingInsights, whoopWouldAdd } from "./insights-training";
import { grouped } from "./whoop-sync";

const RANGES: readonly { label: string; days: number | null }[] = [
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
  { label: "All time", days: null },
];

let chosen: number | null = 365;
let charts: Drawn[] = [];

function dropChart(): void {
  for (const chart of charts) chart.destroy();
  charts = [];
}

/** What Insights shows for the chosen range, as the vault answered. */
interface InsightsState {
  insights: Insights_Serialize;
  found: TrainingInsights;
  journal: JournalInsights;
  unit: Unit;
  charting: typeof import("../lib/chart") | null;
}

async function load(): Promise<InsightsState> {
  // uPlot loads with the first chart, not with the app.
  const [insights, found, journal, { unit }, charting] = await Promise.all([
    call(commands.insightsOverview(chosen)),
    call(commands.insightsTraining(chosen)),
    call(commands.journalInsights()),
    call(commands.trainingPrefs()),
    import("../lib/chart").catch(() => null),
  ]);
  return { insights, found, journal, unit, charting };
}

export const insightsScreen: Screen = {
  id: "insights",
  title: "Insights",
  async render(host) {
    const content = h("div", { testid: "insights" });
    let view: VaultView<InsightsState> | null = null;
    const buttons = RANGES.map((range) => {
      const button = h(
        "button",
        {
          attrs: { type: "button", "aria-pressed": String(range.days === chosen) },
          testid: `insights-range-${range.days === null ? "all" : String(range.days)}`,
        },
        range.label,
      );
      button.addEventListener("click", () => {
        chosen = range.days;
        for (const other of buttons) other.setAttribute("aria-pressed", String(other === button));
        view?.reload().catch(report);
      });
      return button;
    });
    const ranges = h("div", { class: "row ranges", attrs: { role: "group", "aria-label": "Insights range" } }, ...buttons);
    const weekly = h("a", { attrs: { href: "#/report" }, testid: "open-report" }, "This week's report →");
    host.append(h("div", { class: "row" }, ranges, weekly), content);
    view = await showFromVault(content, load, draw);
  },
  leave() {
    dropChart();
  },
};

/** The insights of one range; their charts are drawn once they are in the page. */
function draw({ insights, found, journal, unit, charting }: InsightsState): Child[] {
  dropChart();
  if (found.sessions === 0) {
    return [
      h(
        "div",
        { class: "card", testid: "insights-empty" },
        h("p", {}, "No training sessions in this range yet. Log a few workouts and your insights appear here."),
      ),
      // The journal needs no training, only days and WHOOP recoveries.
      journal.entries > 0 ? journalSection(journal) : null,
    ];
  }
  const training = trainingInsights(found, unit);
  const drawTraining = (): void => {
    queueMicrotask(() => {
      training
        .draw()
        .then((drawn) => {
          if (drawn) charts.push(drawn);
        })
        .catch(report);
    });
  };
  // Without WHOOP data the training log still speaks for itself.
  if (insights.recovery_days === 0) {
    drawTraining();
    return [training.section, journal.entries > 0 ? journalSection(journal) : null, whoopWouldAdd()];
  }
  const heavy = insights.heavy;
  const heavySection = h(
    "section",
    { class: "insight", attrs: { "aria-labelledby": "insight-heavy" } },
    h("h3", { attrs: { id: "insight-heavy" } }, "Recovery after your heaviest sessions"),
    heavy
      ? h(
          "div",
          { class: "insight-numbers" },
          h(
            "p",
            { class: "big-number" },
            h("span", { testid: "heavy-after" }, `${(heavy.after_heavy ?? 0).toFixed(0)} %`),
            h("span", { class: "hint" }, ` after heavy days (${String(heavy.after_heavy_days)})`),
          ),
          h(
            "p",
            { class: "big-number" },
            h("span", { testid: "heavy-otherwise" }, `${(heavy.otherwise ?? 0).toFixed(0)} %`),
            h("span", { class: "hint" }, ` other days (${String(heavy.otherwise_days)})`),
          ),
        )
      : null,
    h("p", { class: "caption", testid: "heavy-caption" }, insights.heavy_caption),
  );
  const chartSlot = h("div", {});
  const weeksSection = h(
    "section",
    { class: "insight", attrs: { "aria-labelledby": "insight-weeks" } },
    h("h3", { attrs: { id: "insight-weeks" } }, "Weekly volume and HRV"),
    h("p", { class: "caption", testid: "weeks-caption" }, insights.weeks_caption),
    chartSlot,
  );
  const loadSlot = h("div", {});
  const hasWhoopWeeks = insights.weeks.some((w) => w.mean_strain !== null || w.mean_recovery !== null);
  const loadSection = h(
    "section",
    { class: "insight", attrs: { "aria-labelledby": "insight-load" } },
    h("h3", { attrs: { id: "insight-load" } }, "Weekly volume, strain and recovery"),
    hasWhoopWeeks ? loadSlot : h("p", { class: "caption" }, "WHOOP's day strain and recovery appear here beside your weekly volume once WHOOP is synced."),
  );
  const tonneGroups = insights.strain_per_tonne.slice(0, 3);
  const tonneSlots = tonneGroups.map(() => h("div", {}));
  const tonneSection = h(
    "section",
    { class: "insight", attrs: { "aria-labelledby": "insight-tonne" } },
    h("h3", { attrs: { id: "insight-tonne" } }, "Strain per tonne"),
    h("p", { class: "caption", testid: "tonne-caption" }, insights.strain_per_tonne_caption),
    ...tonneGroups.flatMap((group, i) => [
      h("h4", {}, group.name || "Unnamed sessions"),
      h("p", { class: "caption", testid: "tonne-group-caption" }, group.caption),
      tonneSlots[i] ?? null,
    ]),
  );
  const muscleRows = insights.muscles.map((m) =>
    h(
      "tr",
      {},
      h("th", { attrs: { scope: "row" } }, m.muscle.replace("_", " ")),
      h("td", { class: "number" }, String(m.sets)),
      h("td", { class: "number" }, `${grouped(m.volume_kg ?? 0)} kg`),
    ),
  );
  const muscleSection = h(
    "section",
    { class: "insight", attrs: { "aria-labelledby": "insight-muscles" } },
    h("h3", { attrs: { id: "insight-muscles" } }, "Last 7 days by muscle group"),
    h(
      "p",
      { class: "big-number" },
      h("span", { testid: "today-recovery" }, insights.today_recovery === null ? "–" : `${insights.today_recovery.toFixed(0)} %`),
      h("span", { class: "hint" }, " today's recovery"),
    ),
    h("p", { class: "caption", testid: "muscles-caption" }, insights.muscles_caption),
    muscleRows.length
      ? h(
          "table",
          { class: "data", testid: "muscle-load" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { attrs: { scope: "col" } }, "Muscle group"),
              h("th", { attrs: { scope: "col" } }, "Sets"),
              h("th", { attrs: { scope: "col" } }, "Volume"),
            ),
          ),
          h("tbody", {}, ...muscleRows),
        )
      : null,
  );
  const drawWeeks = (): void => {
    if (!insights.weeks.length || !charting) return;
    charts.push(charting.timeChart(chartSlot, {
      x: insights.weeks.map((w) => w.x),
      series: [
        { label: "Volume kg", values: insights.weeks.map((w) => (w.volume_kg === 0 ? null : w.volume_kg)), bars: true },
        { label: "Mean HRV ms", values: insights.weeks.map((w) => w.mean_hrv), scale: "y2" },
      ],
      summary: `Weekly training volume (bars, left axis) and mean HRV (line, right axis). ${insights.weeks_caption}`,
      yLabel: "volume, kg",
      y2Label: "HRV, ms",
      height: 200,
      testid: "chart-weeks",
    }));
    if (hasWhoopWeeks) {
      charts.push(charting.timeChart(loadSlot, {
        x: insights.weeks.map((w) => w.x),
        series: [
          { label: "Volume kg", values: insights.weeks.map((w) => (w.volume_kg === 0 ? null : w.volume_kg)), bars: true },
          { label: "Mean day strain", values: insights.weeks.map((w) => w.mean_strain), scale: "y2" },
          { label: "Mean recovery %", values: insights.weeks.map((w) => w.mean_recovery), scale: "y3" },
        ],
        summary: "Weekly training volume (bars, left axis), WHOOP's mean day strain and mean recovery (lines, right axes).",
        yLabel: "volume, kg",
        y2Label: "strain",
        y3Label: "recovery, %",
        height: 200,
        testid: "chart-load",
      }));
    }
    tonneGroups.forEach((group, i) => {
      const slot = tonneSlots[i];
      if (!slot || group.values.length < 2) return;
      charts.push(charting.timeChart(slot, {
        x: group.x,
        series: [{ label: "Strain per tonne", values: group.values }],
        summary: `${group.name || "Unnamed sessions"}: WHOOP strain per tonne lifted, per session. ${group.caption}`,
        yLabel: "strain / t",
        height: 160,
        testid: "chart-tonne",
      }));
    });
  };
  queueMicrotask(drawWeeks);
  drawTraining();
  return [
    h("p", { class: "hint", testid: "insights-basis" }, `${String(insights.sessions)} sessions and ${String(insights.recovery_days)} WHOOP recoveries in this range.`),
    heavySection,
    journalSection(journal),
    weeksSection,
    loadSection,
    tonneSection,
    muscleSection,
    training.section,
  ];
}
