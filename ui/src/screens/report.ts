// The weekly report: one week's sessions, volume per muscle group, records, WHOOP strain,
// recovery and sleep, and the journal's tags, each beside the mean of the four weeks before.
// The core computes every figure (`report::week`); this screen draws them from its store (the vault's answer),
// steps between weeks, and prints (the print style sheet leaves out the navigation and the
// buttons).

import { commands, type Compared_Serialize as Compared, type WeekReport_Serialize as WeekReport } from "../bindings";
import { h, type Child } from "../lib/dom";
import { call } from "../lib/messages";
import { navigate, type Screen } from "../lib/router";
import { showFromVault } from "../lib/store";
import { muscleLabel, setCount, showKg, showTime } from "./training-kit";

/** `YYYY-MM-DD` of the day `days` after `day`. */
function shift(day: string, days: number): string {
  const at = new Date(`${day}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

function longDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** "+12 %" / "−8 %" / "same" against the previous weeks, or "" when either is missing. */
function change(value: Compared): string {
  const { this_week: now, previous } = value;
  if (now === null || previous === null || previous === 0) return "";
  const pct = Math.round(((now - previous) / previous) * 100);
  if (pct === 0) return "same";
  return pct > 0 ? `+${String(pct)} %` : `−${String(-pct)} %`;
}

function row(label: string, value: Compared, show: (v: number) => string, testid: string): HTMLElement {
  const cell = (v: number | null): string => (v === null ? "–" : show(v));
  return h(
    "tr",
    { testid },
    h("th", { attrs: { scope: "row" } }, label),
    h("td", { class: "number" }, cell(value.this_week)),
    h("td", { class: "number" }, cell(value.previous)),
    h("td", { class: "number" }, change(value)),
  );
}

function table(testid: string, first: string, rows: HTMLElement[]): HTMLElement {
  return h(
    "table",
    { class: "data", testid },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { attrs: { scope: "col" } }, first),
        h("th", { attrs: { scope: "col" }, class: "number" }, "This week"),
        h("th", { attrs: { scope: "col" }, class: "number" }, "4 weeks before (mean)"),
        h("th", { attrs: { scope: "col" }, class: "number" }, "Change"),
      ),
    ),
    h("tbody", {}, ...rows),
  );
}

const RECORD_NAMES: Record<string, string> = {
  e1rm: "estimated 1RM",
  heaviest: "heaviest",
  reps_at_weight: "most reps at weight",
  set_volume: "set volume",
};

/** The report as the vault answered it, and the unit to show weights in. */
interface ReportState {
  report: WeekReport;
  unit: "kg" | "lb";
}

function draw({ report: r, unit }: ReportState): Child[] {
  const previous = h("button", { attrs: { type: "button" }, testid: "report-previous" }, "← Week before");
  const next = h("button", { attrs: { type: "button" }, testid: "report-next" }, "Week after →");
  const print = h("button", { attrs: { type: "button" }, class: "primary", testid: "report-print" }, "Print");
  previous.addEventListener("click", () => {
    navigate("report", { week: shift(r.week, -7) });
  });
  next.addEventListener("click", () => {
    navigate("report", { week: shift(r.week, 7) });
  });
  print.addEventListener("click", () => {
    window.print();
  });
  const kg = (v: number): string => showKg(v, unit, 0);
  const sessions = r.sessions.map((s) =>
    h(
      "li",
      { testid: "report-session" },
      h("a", { attrs: { href: `#/history?session=${String(s.id)}` } }, s.name || "Workout"),
      h(
        "span",
        { class: "hint" },
        ` ${showTime(s.started_at)} · ${setCount(s.sets)} · ${kg(s.volume_kg ?? 0)}${s.whoop_strain === null ? "" : ` · strain ${s.whoop_strain.toFixed(1)}`}`,
      ),
    ),
  );
  const whoopRows = [
    row("Day strain", r.strain, (v) => v.toFixed(1), "report-strain"),
    row("Recovery", r.recovery, (v) => `${v.toFixed(0)} %`, "report-recovery"),
    row("Sleep performance", r.sleep_performance, (v) => `${v.toFixed(0)} %`, "report-sleep-performance"),
    row("Sleep a night", r.sleep_hours, (v) => `${v.toFixed(1)} h`, "report-sleep"),
  ];
  const days = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  const journalRows = [
    row("Days journaled", r.journal_days, days, "report-journal-days"),
    ...r.tags.map((t) => row(t.tag, t.days, days, "report-tag")),
  ];
  const hasWhoop = [r.strain, r.recovery, r.sleep_performance, r.sleep_hours].some((c) => c.this_week !== null || c.previous !== null);
  return [
    h("div", { class: "row no-print" }, previous, next, print),
    h("h3", { testid: "report-week" }, `Week of ${longDay(r.week)}`),
    h(
      "section",
      { class: "report-part", attrs: { "aria-label": "Training" } },
      h("h4", {}, "Training"),
      table("report-training", "", [
        row("Sessions", r.session_count, (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)), "report-sessions"),
        row("Volume", r.volume_kg, kg, "report-volume"),
      ]),
      sessions.length > 0 ? h("ul", { class: "report-sessions" }, ...sessions) : h("p", { class: "hint" }, "No sessions this week."),
    ),
    h(
      "section",
      { class: "report-part", attrs: { "aria-label": "Volume per muscle group" } },
      h("h4", {}, "Volume per muscle group"),
      r.muscles.length > 0
        ? table(
            "report-muscles",
            "Muscle group",
            r.muscles.map((m) => row(muscleLabel(m.muscle), m.volume_kg, kg, "report-muscle")),
          )
        : h("p", { class: "hint" }, "Nothing logged in these five weeks."),
    ),
    h(
      "section",
      { class: "report-part", attrs: { "aria-label": "Records" } },
      h("h4", {}, `Records (${String(r.records.length)})`),
      r.records.length > 0
        ? h(
            "ul",
            { testid: "report-records" },
            ...r.records.map((rec) =>
              h(
                "li",
                {},
                `${rec.exercise}: ${rec.weight === null ? "–" : `${String(rec.weight.milli / 1000)} ${rec.weight.unit}`} × ${rec.reps === null ? "–" : String(rec.reps)} — ${rec.kinds.map((k) => RECORD_NAMES[k] ?? k).join(", ")}`,
              ),
            ),
          )
        : h("p", { class: "hint" }, "No records this week."),
    ),
    h(
      "section",
      { class: "report-part", attrs: { "aria-label": "WHOOP" } },
      h("h4", {}, "Strain, recovery and sleep"),
      hasWhoop ? table("report-whoop", "", whoopRows) : h("p", { class: "hint" }, "No WHOOP data in these five weeks."),
    ),
    h(
      "section",
      { class: "report-part", attrs: { "aria-label": "Journal" } },
      h("h4", {}, "Journal"),
      r.tags.length > 0 || r.journal_days.this_week !== 0 || r.journal_days.previous !== 0
        ? table("report-journal", "Days with", journalRows)
        : h("p", { class: "hint" }, "Nothing journaled in these five weeks."),
    ),
  ];
}

export const reportScreen: Screen = {
  id: "report",
  title: "Weekly report",
  // Reached from Insights and Today: the navigation column stays short enough for 700 px.
  linkedOnly: true,
  async render(host, params) {
    const week = params.get("week");
    const load = async (): Promise<ReportState> => {
      const [report, prefs] = await Promise.all([
        call(commands.reportWeek(week !== null && /^\d{4}-\d{2}-\d{2}$/.test(week) ? week : null)),
        call(commands.trainingPrefs()),
      ]);
      return { report, unit: prefs.unit };
    };
    await showFromVault(host, load, draw);
  },
};
