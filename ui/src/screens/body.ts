// Body: the body weight (which also loads bodyweight lifts such as pull-ups) and tape
// measurements with body fat, each typed in the unit at hand and charted over time. The
// vault keeps every number exactly as typed; charts show them in one unit. The screen
// draws from its store (the vault's entries) and asks the vault again after each one.

import {
  commands,
  type BodyMeasurement_Serialize,
  type BodyWeight_Serialize,
  type LengthUnit,
  type Measurements_Deserialize,
  type Unit,
} from "../bindings";
import type { ChartSpec } from "../lib/chart";
import { drawChart, type Drawn } from "../lib/chart-load";
import { field, h, markWhenEmpty } from "../lib/dom";
import { busy, call, report } from "../lib/messages";
import type { Screen } from "../lib/router";
import { showFromVault } from "../lib/store";
import { kgIn, kgOf, showDate, showWeight } from "./training-kit";
import { weightField } from "./weight-field";

const CM_PER_IN = 2.54;
const PARTS = [
  { key: "waist_milli", label: "Waist" },
  { key: "chest_milli", label: "Chest" },
  { key: "arms_milli", label: "Arms" },
  { key: "thighs_milli", label: "Thighs" },
] as const;

let charts: Drawn[] = [];

/** Reads a typed number ("84.5", "84,5") as thousandths; null when blank, undefined when not a number. */
function milli(text: string): number | null | undefined {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return null;
  return /^\d{1,4}(\.\d{1,3})?$/.test(trimmed) ? Math.round(Number(trimmed) * 1000) : undefined;
}

/** A length stored in `from`, in `to`, rounded for reading. */
function length(value: number, from: LengthUnit, to: LengthUnit): number {
  const typed = value / 1000;
  const converted = from === to ? typed : from === "in" ? typed * CM_PER_IN : typed / CM_PER_IN;
  return Math.round(converted * 10) / 10;
}

/** An optional date-and-time field: blank means now. */
function whenField(testid: string): HTMLInputElement {
  return markWhenEmpty(h("input", { attrs: { type: "datetime-local" }, class: "when", testid }));
}

function stampOf(input: HTMLInputElement): string | null {
  return input.value ? new Date(input.value).toISOString() : null;
}

const seconds = (stamp: string): number => Math.floor(new Date(stamp).getTime() / 1000);

/** A card and the chart to draw once it is on the page (a chart sizes itself to its place). */
interface Card {
  card: HTMLElement;
  draw: () => Promise<void>;
}

/** Draws `spec`'s chart into `host` when there are two points or more (one is a table row). */
async function chartOf(host: HTMLElement, spec: ChartSpec): Promise<void> {
  if (spec.x.length < 2) return;
  const drawn = await drawChart(host, spec);
  if (drawn) charts.push(drawn);
}

/** What the Body screen shows, as the vault answered. */
interface BodyState {
  weights: BodyWeight_Serialize[];
  entries: BodyMeasurement_Serialize[];
  unit: Unit;
}

async function load(): Promise<BodyState> {
  const [weights, entries, { unit }] = await Promise.all([
    call(commands.bodyWeights()),
    call(commands.bodyMeasurements()),
    call(commands.trainingPrefs()),
  ]);
  return { weights, entries, unit };
}

/** Drops the charts drawn for the last state. */
function dropCharts(): void {
  for (const chart of charts) chart.destroy();
  charts = [];
}

function weightCard(weights: BodyWeight_Serialize[], unit: Unit, changed: (text: string) => Promise<void>): Card {
  const weight = weightField(null, unit, (u) => `Body weight (${u})`, "body-weight");
  const at = whenField("body-weight-at");
  const save = h("button", { attrs: { type: "submit" }, testid: "body-weight-save" }, "Log weight");
  const form = h(
    "form",
    { class: "row", attrs: { "aria-label": "Log body weight" } },
    h("div", { class: "field" }, h("span", { class: "label" }, "Weight"), h("span", { class: "weight-cell" }, weight.input, weight.unitButton)),
    field("When (blank: now)", at),
    save,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy([save], async () => {
      const typed = weight.read();
      if (!typed) throw new Error("The body weight must be a number like 82.4.");
      await call(commands.bodyWeightLog(typed, stampOf(at)));
      await changed(`Logged ${showWeight(typed, typed.unit)}.`);
    }).catch(report);
  });
  const chartHost = h("div", { class: "chart-host" });
  const oldestFirst = [...weights].reverse();
  const spec: ChartSpec = {
      x: oldestFirst.map((w) => seconds(w.measured_at)),
      series: [{ label: `Body weight (${unit})`, values: oldestFirst.map((w) => Math.round(kgIn(kgOf(w.weight), unit) * 10) / 10) }],
      yLabel: unit,
      summary: `Body weight: ${String(weights.length)} entries; latest ${showWeight(weights[0]?.weight ?? { milli: 0, unit }, unit)}.`,
      testid: "body-weight-chart",
    };
  const table =
    weights.length === 0
      ? h("p", { class: "hint" }, "No body weight yet. Pull-ups and dips count it in their volume and charts.")
      : h(
          "table",
          { class: "data", testid: "body-weight-table" },
          h("caption", {}, "Latest entries"),
          h("tbody", {}, ...weights.slice(0, 8).map((w) => h("tr", {}, h("th", { attrs: { scope: "row" } }, showDate(w.measured_at)), h("td", {}, showWeight(w.weight, unit)), h("td", { class: "hint" }, w.source === "whoop" ? "from WHOOP" : "")))),
        );
  return {
    card: h("section", { class: "card body-card", testid: "body-weight-card", attrs: { "aria-label": "Body weight" } }, h("h3", {}, "Body weight"), form, chartHost, table),
    draw: () => chartOf(chartHost, spec),
  };
}

function measureCard(entries: BodyMeasurement_Serialize[], preferred: LengthUnit, changed: (text: string) => Promise<void>): Card {
  let unit: LengthUnit = preferred;
  const unitButton = h("button", { attrs: { type: "button" }, class: "quiet unit-switch", testid: "body-measure-unit" }, unit);
  const inputs = PARTS.map(({ key, label }) => ({
    key,
    input: h("input", { attrs: { type: "text", inputmode: "decimal", size: 5 }, class: "weight", testid: `body-${key.replace("_milli", "")}` }),
    label,
  }));
  const labelAll = (): void => {
    unitButton.textContent = unit;
    unitButton.setAttribute("aria-label", `Lengths in ${unit}: switch to ${unit === "cm" ? "in" : "cm"}`);
    for (const { input, label } of inputs) input.setAttribute("aria-label", `${label} (${unit})`);
  };
  unitButton.addEventListener("click", () => {
    unit = unit === "cm" ? "in" : "cm";
    labelAll();
  });
  labelAll();
  const fat = h("input", { attrs: { type: "text", inputmode: "decimal", size: 4 }, class: "weight", testid: "body-fat" });
  const note = h("input", { attrs: { type: "text", maxlength: 500, placeholder: "e.g. morning, fasted" }, testid: "body-note" });
  const at = whenField("body-measure-at");
  const save = h("button", { attrs: { type: "submit" }, testid: "body-measure-save" }, "Save measurements");
  const form = h(
    "form",
    { class: "row measure-form", attrs: { "aria-label": "Log body measurements" } },
    ...inputs.map(({ input, label }) => field(label, input)),
    h("div", { class: "field" }, h("span", { class: "label" }, "Unit"), unitButton),
    field("Body fat %", fat),
    field("Note", note),
    field("When (blank: now)", at),
    save,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy([save], async () => {
      const values: Measurements_Deserialize = {
        unit,
        waist_milli: null,
        chest_milli: null,
        arms_milli: null,
        thighs_milli: null,
        body_fat_milli: null,
        note: note.value,
      };
      for (const { key, input, label } of [...inputs, { key: "body_fat_milli" as const, input: fat, label: "Body fat" }]) {
        const value = milli(input.value);
        if (value === undefined) throw new Error(`${label} must be a number like 84.5.`);
        values[key] = value;
      }
      await call(commands.bodyMeasureLog(values, stampOf(at)));
      await changed("Measurements saved.");
    }).catch(report);
  });
  const chartHost = h("div", { class: "chart-host" });
  const oldestFirst = [...entries].reverse();
  const spec: ChartSpec = {
      x: oldestFirst.map((m) => seconds(m.measured_at)),
      series: [
        ...PARTS.map(({ key, label }) => ({
          label: `${label} (${preferred})`,
          values: oldestFirst.map((m) => {
            const value = m.values[key];
            return value === null ? null : length(value, m.values.unit, preferred);
          }),
        })),
        { label: "Body fat (%)", values: oldestFirst.map((m) => (m.values.body_fat_milli === null ? null : m.values.body_fat_milli / 1000)), scale: "y2" },
      ],
      yLabel: preferred,
      y2Label: "%",
      summary: `Body measurements: ${String(entries.length)} entries.`,
      testid: "body-measure-chart",
    };
  const cell = (value: number | null, from: LengthUnit): string => (value === null ? "—" : `${String(value / 1000)} ${from}`);
  const table =
    entries.length === 0
      ? h("p", { class: "hint" }, "No measurements yet. Any one of them is enough for an entry.")
      : h(
          "table",
          { class: "data", testid: "body-measure-table" },
          h("caption", {}, "Latest entries, as typed"),
          h(
            "thead",
            {},
            h("tr", {}, h("th", { attrs: { scope: "col" } }, "Date"), ...PARTS.map(({ label }) => h("th", { attrs: { scope: "col" } }, label)), h("th", { attrs: { scope: "col" } }, "Body fat"), h("th", { attrs: { scope: "col" } }, "Note")),
          ),
          h(
            "tbody",
            {},
            ...entries.slice(0, 8).map((m) =>
              h(
                "tr",
                { testid: "body-measure-row" },
                h("th", { attrs: { scope: "row" } }, showDate(m.measured_at)),
                ...PARTS.map(({ key }) => h("td", {}, cell(m.values[key], m.values.unit))),
                h("td", {}, m.values.body_fat_milli === null ? "—" : `${String(m.values.body_fat_milli / 1000)} %`),
                h("td", { class: "hint" }, m.values.note),
              ),
            ),
          ),
        );
  return {
    card: h("section", { class: "card body-card", testid: "body-measure-card", attrs: { "aria-label": "Measurements" } }, h("h3", {}, "Measurements"), form, chartHost, table),
    draw: () => chartOf(chartHost, spec),
  };
}

export const bodyScreen: Screen = {
  id: "body",
  title: "Body",
  async render(host) {
    await showFromVault(host, load, ({ weights, entries, unit }, view) => {
      dropCharts();
      // Lengths follow the weight preference: lb users measure in inches.
      const lengthUnit: LengthUnit = unit === "lb" ? "in" : "cm";
      const cards = [weightCard(weights, unit, view.changed), measureCard(entries, entries[0]?.values.unit ?? lengthUnit, view.changed)];
      // The charts are drawn once their cards are in the page (a chart sizes itself to its place).
      queueMicrotask(() => {
        (async () => {
          for (const { draw } of cards) await draw();
        })().catch(report);
      });
      return cards.map(({ card }) => card);
    });
  },
  leave: dropCharts,
};
