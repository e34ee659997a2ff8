// Time-series charts with uPlot: small, fast (canvas), and styled from the theme's CSS
// variables. A chart is an image to screen readers, so each one takes a plain-language
// `summary` that becomes its accessible name; the numbers stay available in the screens'
// tables and captions.

import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

import { h } from "./dom";

export interface Series {
  label: string;
  /** One value per x, or null for a gap. */
  values: (number | null)[];
  /** The theme variable holding its colour ("--series-2"); defaults to the series colours in order. */
  color?: string;
  /** Draw bars instead of a line. */
  bars?: boolean;
  /** Which y axis: "y" (left, default), "y2" (right) or "y3" (a second one on the right). */
  scale?: "y" | "y2" | "y3";
}

export interface ChartSpec {
  /** Times as Unix seconds, ascending. */
  x: number[];
  series: Series[];
  /** The accessible name: what the chart shows, in a sentence. */
  summary: string;
  /** Label of the left axis, and of the right one when a series uses it. */
  yLabel?: string;
  y2Label?: string;
  y3Label?: string;
  height?: number;
  testid?: string;
}

const PALETTE = ["--series-1", "--series-2", "--series-3", "--series-4", "--series-5"];

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** A `#rrggbb` colour at 30 % opacity (the canvas takes `#rrggbbaa`); others as they are. */
function translucent(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}4d` : color;
}

/** Bars must grow from zero, or a small difference looks like a large one. */
function barScales(series: Series[]): Record<string, uPlot.Scale> {
  const scales: Record<string, uPlot.Scale> = {};
  for (const one of series) {
    if (!one.bars) continue;
    scales[one.scale ?? "y"] = {
      range: (_plot, _min, max) => [0, max > 0 ? max * 1.05 : 1],
    };
  }
  return scales;
}

/** Draws a chart into `container` (replacing its content); returns a handle to drop it. */
export function timeChart(container: HTMLElement, spec: ChartSpec): { destroy(): void } {
  const figure = h("figure", {
    class: "chart",
    attrs: { role: "img", "aria-label": spec.summary },
    testid: spec.testid,
  });
  container.replaceChildren(figure);
  const text = cssVar("--text", "#0f172a");
  const grid = cssVar("--border", "#cbd5e1");
  // The canvas does not inherit the page's font: axes get the app's explicitly.
  const family = getComputedStyle(document.body).fontFamily || "system-ui, sans-serif";
  const axis = (label: string | undefined, scale: string, right = false): uPlot.Axis => ({
    font: `12px ${family}`,
    labelFont: `600 12px ${family}`,
    scale,
    // uPlot's `Axis.Side` is a const enum, which isolated modules cannot import; 1 = right.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
    ...(right ? { side: 1 } : {}),
    ...(label === undefined ? {} : { label }),
    stroke: text,
    grid: { stroke: grid, width: 1, show: scale === "y" },
    ticks: { stroke: grid },
  });
  const uses = (scale: string): boolean => spec.series.some((series) => series.scale === scale);
  const options: uPlot.Options = {
    width: Math.max(320, container.clientWidth || 640),
    height: spec.height ?? 220,
    scales: { x: { time: true }, ...barScales(spec.series) },
    axes: [
      axis(undefined, "x"),
      axis(spec.yLabel, "y"),
      ...(uses("y2") ? [axis(spec.y2Label, "y2", true)] : []),
      ...(uses("y3") ? [axis(spec.y3Label, "y3", true)] : []),
    ],
    legend: { show: true },
    series: [
      {},
      ...spec.series.map((series, index): uPlot.Series => {
        const color = cssVar(series.color ?? PALETTE[index % PALETTE.length] ?? "--series-1", "#b45309");
        const bars = series.bars ? uPlot.paths.bars?.({ size: [0.6, 24] }) : undefined;
        return {
          label: series.label,
          scale: series.scale ?? "y",
          stroke: color,
          width: bars ? 1 : 2.5,
          spanGaps: false,
          points: { show: spec.x.length < 60 },
          // Bars are translucent so the lines over them stay readable.
          ...(bars ? { fill: translucent(color), paths: bars } : {}),
        };
      }),
    ],
  };
  const data: uPlot.AlignedData = [spec.x, ...spec.series.map((series) => series.values)];
  const plot = new uPlot(options, data, figure);
  const resize = (): void => {
    plot.setSize({ width: Math.max(320, container.clientWidth), height: options.height });
  };
  window.addEventListener("resize", resize);
  return {
    destroy(): void {
      window.removeEventListener("resize", resize);
      plot.destroy();
    },
  };
}
