// The WHOOP charts: recovery, HRV with resting heart rate, SpO₂, skin temperature against
// the lifter's own baseline, respiratory rate, sleep performance, efficiency and stages,
// sleep need against sleep obtained, and day strain over 7, 30, 90 or 365 days or all time, each with a plain-language
// caption of its numbers (so the figures are there even where a chart cannot be drawn).
// uPlot loads with the first chart, not with the app.

import { commands } from "../bindings";
import { h } from "../lib/dom";
import { call, report } from "../lib/messages";

/** The chart ranges: days back from today, or all time. */
const RANGES: readonly { label: string; days: number | null }[] = [
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
  { label: "All time", days: null },
];

let charts: { destroy(): void }[] = [];
let chosenRange: number | null = 30;

/** Destroys the charts on screen (leaving the screen, or redrawing). */
export function dropCharts(): void {
  for (const chart of charts) chart.destroy();
  charts = [];
}

export function rangeSwitcher(chartsHost: HTMLElement): HTMLElement {
  const buttons = RANGES.map((range) => {
    const button = h(
      "button",
      {
        attrs: { type: "button", "aria-pressed": String(range.days === chosenRange) },
        testid: `range-${range.days === null ? "all" : String(range.days)}`,
      },
      range.label,
    );
    button.addEventListener("click", () => {
      chosenRange = range.days;
      for (const other of buttons) other.setAttribute("aria-pressed", String(other === button));
      drawCharts(chartsHost).catch(report);
    });
    return button;
  });
  return h("div", { class: "row ranges", attrs: { role: "group", "aria-label": "Chart range" } }, ...buttons);
}

function stats(values: (number | null)[]): { mean: number; min: number; max: number; n: number } | null {
  const present = values.filter((v): v is number => v !== null);
  if (!present.length) return null;
  return {
    mean: present.reduce((a, b) => a + b, 0) / present.length,
    min: Math.min(...present),
    max: Math.max(...present),
    n: present.length,
  };
}

function describe(name: string, unit: string, values: (number | null)[], period: string, digits = 0): string {
  const s = stats(values);
  if (!s) return `${name}: no data ${period}.`;
  return `${name} ${period}: average ${s.mean.toFixed(digits)}${unit}, from ${s.min.toFixed(digits)}${unit} to ${s.max.toFixed(digits)}${unit}.`;
}

/** "Sleep debt: 0.6 h a night on average (needed minus obtained)." over the nights with both. */
function debtSentence(need: (number | null)[], obtained: (number | null)[]): string {
  const gaps = need.flatMap((n, i) => {
    const o = obtained[i];
    return n !== null && o !== null && o !== undefined ? [n - o] : [];
  });
  if (gaps.length === 0) return "";
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  return mean > 0
    ? `Sleep debt: ${mean.toFixed(1)} h a night on average (needed minus obtained).`
    : `No sleep debt: ${(-mean).toFixed(1)} h a night more than needed on average.`;
}

export async function drawCharts(chartsHost: HTMLElement): Promise<void> {
  dropCharts();
  // uPlot loads with the first chart, not with the app.
  const [series, chart] = await Promise.all([
    call(commands.whoopSeries(chosenRange)),
    import("../lib/chart").catch(() => null),
  ]);
  const period = chosenRange === null ? "over all time" : `over the last ${String(chosenRange)} days`;
  if (series.days_with_data === 0) {
    chartsHost.replaceChildren(
      h("p", { class: "card", testid: "whoop-charts-empty" }, `No WHOOP data ${period}. Sync now to fetch it.`),
    );
    return;
  }
  const perPoint = series.bucket_days > 1 ? ` Each point averages ${String(series.bucket_days)} days.` : "";
  const specs = [
    {
      title: "Recovery",
      id: "recovery",
      summary: describe("Recovery score", " %", series.recovery, period),
      yLabel: "%",
      series: [{ label: "Recovery %", values: series.recovery }],
    },
    {
      title: "Heart rate variability and resting heart rate",
      id: "hrv",
      summary: `${describe("HRV", " ms", series.hrv, period)} ${describe("Resting heart rate", " bpm", series.resting_heart_rate, period)}`,
      yLabel: "HRV, ms",
      y2Label: "RHR, bpm",
      series: [
        { label: "HRV ms", values: series.hrv },
        { label: "Resting HR bpm", values: series.resting_heart_rate, scale: "y2" as const },
      ],
    },
    {
      title: "Sleep performance",
      id: "sleep",
      summary: describe("Sleep performance", " %", series.sleep_performance, period),
      yLabel: "%",
      series: [{ label: "Sleep performance %", values: series.sleep_performance }],
    },
    {
      title: "Sleep stages",
      id: "stages",
      summary: `Sleep stages ${period}, in hours a night: ${describe("light", " h", series.sleep_light_hours, "", 1)} ${describe("deep", " h", series.sleep_deep_hours, "", 1)} ${describe("REM", " h", series.sleep_rem_hours, "", 1)}`,
      yLabel: "hours",
      series: [
        { label: "Light h", values: series.sleep_light_hours },
        { label: "Deep h", values: series.sleep_deep_hours },
        { label: "REM h", values: series.sleep_rem_hours },
        { label: "Awake h", values: series.sleep_awake_hours },
      ],
    },
    {
      title: "Sleep need and sleep obtained",
      id: "sleep-need",
      summary: `${describe("Sleep needed", " h", series.sleep_need_hours, period, 1)} ${describe("Sleep obtained", " h", series.sleep_obtained_hours, "", 1)} ${debtSentence(series.sleep_need_hours, series.sleep_obtained_hours)}`,
      yLabel: "hours",
      series: [
        { label: "Needed h", values: series.sleep_need_hours },
        { label: "Obtained h", values: series.sleep_obtained_hours },
      ],
    },
    {
      title: "Sleep efficiency",
      id: "efficiency",
      summary: describe("Sleep efficiency", " %", series.sleep_efficiency, period),
      yLabel: "%",
      series: [{ label: "Sleep efficiency %", values: series.sleep_efficiency }],
    },
    {
      title: "Respiratory rate",
      id: "respiratory",
      summary: describe("Respiratory rate during sleep", " breaths/min", series.respiratory_rate, period, 1),
      yLabel: "breaths/min",
      series: [{ label: "Respiratory rate", values: series.respiratory_rate }],
    },
    {
      title: "Blood oxygen (SpO₂)",
      id: "spo2",
      summary: describe("SpO₂ during sleep", " %", series.spo2, period, 1),
      yLabel: "%",
      series: [{ label: "SpO₂ %", values: series.spo2 }],
    },
    {
      title: "Skin temperature against your baseline",
      id: "skin-temp",
      summary: `${describe("Skin temperature against your baseline", " °C", series.skin_temp_deviation, period, 2)} Each day's baseline is the mean of the 30 days before it (at least 7 with a reading).`,
      yLabel: "°C from baseline",
      series: [{ label: "Skin temp Δ °C", values: series.skin_temp_deviation }],
    },
    {
      title: "Day strain",
      id: "strain",
      summary: describe("Day strain", "", series.strain, period, 1),
      yLabel: "strain",
      series: [{ label: "Strain", values: series.strain, bars: series.x.length <= 120 }],
    },
  ];
  chartsHost.replaceChildren(
    h("p", { class: "hint", testid: "whoop-charts-summary" }, `${String(series.days_with_data)} days with WHOOP data ${period}.${perPoint}`),
  );
  for (const spec of specs) {
    const slot = h("div", {});
    chartsHost.append(h("h4", {}, spec.title), h("p", { class: "caption" }, spec.summary), slot);
    if (!chart) {
      slot.append(h("p", { class: "hint" }, "The chart could not be drawn in this window; the numbers above are complete."));
      continue;
    }
    const { timeChart } = chart;
    charts.push(
      timeChart(slot, {
        x: series.x,
        series: spec.series,
        summary: spec.summary,
        yLabel: spec.yLabel,
        ...(spec.y2Label ? { y2Label: spec.y2Label } : {}),
        height: 180,
        testid: `chart-${spec.id}`,
      }),
    );
  }
}
