// Charts are loaded on demand: uPlot reads the system locale when it loads, and a locale
// the browser rejects (LANG=C gives "C") must cost the chart, not the whole screen.

import type { ChartSpec } from "./chart";
import { h } from "./dom";

/** A drawn chart, to drop when the screen goes. */
export interface Drawn {
  destroy(): void;
}

/** Draws `spec` into `container`, or says there that it cannot (the numbers stay in the tables). */
export async function drawChart(container: HTMLElement, spec: ChartSpec): Promise<Drawn | null> {
  try {
    const { timeChart } = await import("./chart");
    return timeChart(container, spec);
  } catch {
    container.replaceChildren(h("p", { class: "hint" }, "The chart cannot be drawn here; the tables below still hold the numbers."));
    return null;
  }
}
