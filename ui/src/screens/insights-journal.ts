// The journal's part of Insights: for each tag, next-day recovery, HRV and sleep
// performance after the days it was ticked against the other journal days, with the
// sample sizes and the core's own sentences (which never claim a cause and say when a gap
// is within the day-to-day spread or the days are too few).

import type {
  JournalInsights_Serialize as JournalInsights,
  MetricComparison_Serialize as MetricComparison,
  TagComparison_Serialize as TagComparison,
} from "../bindings";
import { h } from "../lib/dom";

const VERDICT: Record<MetricComparison["verdict"], string> = {
  too_few: "too few days",
  no_clear_difference: "no clear difference",
  higher: "higher",
  lower: "lower",
};

function number(metric: MetricComparison, value: number | null): string {
  if (value === null) return "–";
  return metric.metric === "hrv" ? `${value.toFixed(0)} ms` : `${value.toFixed(0)} %`;
}

function gap(metric: MetricComparison): string {
  if (metric.difference === null) return "–";
  const size = Math.abs(metric.difference).toFixed(0);
  const sign = size === "0" ? "±" : metric.difference > 0 ? "+" : "−";
  return metric.metric === "hrv" ? `${sign}${size} ms` : `${sign}${size} pts`;
}

const LABEL: Record<MetricComparison["metric"], string> = {
  recovery: "Recovery",
  hrv: "HRV",
  sleep_performance: "Sleep performance",
};

function tagBlock(tag: TagComparison, index: number): HTMLElement {
  const rows = tag.metrics.map((m) =>
    h(
      "tr",
      {},
      h("th", { attrs: { scope: "row" } }, LABEL[m.metric]),
      h("td", { class: "number" }, `${number(m, m.with_mean)} (${String(m.with_days)})`),
      h("td", { class: "number" }, `${number(m, m.without_mean)} (${String(m.without_days)})`),
      h("td", { class: "number" }, gap(m)),
      h("td", { testid: `journal-verdict-${String(index)}-${m.metric}` }, VERDICT[m.verdict]),
    ),
  );
  const headingId = `journal-tag-${String(index)}`;
  return h(
    "div",
    { class: "journal-tag", attrs: { role: "group", "aria-labelledby": headingId }, testid: "journal-tag" },
    h(
      "h4",
      { attrs: { id: headingId } },
      tag.tag,
      h("span", { class: "hint" }, ` — ${String(tag.days_with)} days with it, ${String(tag.days_without)} without`),
    ),
    h("p", { class: "caption", testid: `journal-sentence-${String(index)}` }, tag.metrics[0]?.sentence ?? ""),
    h(
      "table",
      { class: "data journal-compare" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { attrs: { scope: "col" } }, "Next day"),
          h("th", { attrs: { scope: "col" }, class: "number" }, `After ${tag.tag} (days)`),
          h("th", { attrs: { scope: "col" }, class: "number" }, "Without (days)"),
          h("th", { attrs: { scope: "col" }, class: "number" }, "Gap"),
          h("th", { attrs: { scope: "col" } }, "Reading"),
        ),
      ),
      h("tbody", {}, ...rows),
    ),
  );
}

/** The journal section of Insights. */
export function journalSection(insights: JournalInsights): HTMLElement {
  const compared = insights.tags.filter((t) => t.metrics[0]?.verdict !== "too_few");
  const waiting = insights.tags.filter((t) => t.metrics[0]?.verdict === "too_few");
  return h(
    "section",
    { class: "insight", attrs: { "aria-labelledby": "insight-journal" }, testid: "journal-insights" },
    h("h3", { attrs: { id: "insight-journal" } }, "Your journal and next-day recovery"),
    h("p", { class: "caption", testid: "journal-caption" }, insights.caption),
    ...compared.map(tagBlock),
    waiting.length
      ? h(
          "p",
          { class: "hint", testid: "journal-waiting" },
          `Not enough days yet (at least 10 with a tag and 10 without): ${waiting
            .map((t) => `${t.tag} (${String(t.metrics[0]?.with_days ?? 0)} with, ${String(t.metrics[0]?.without_days ?? 0)} without)`)
            .join(", ")}.`,
        )
      : null,
  );
}
