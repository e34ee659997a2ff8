// The Insights screen. (Placeholder in the shared base: its owner replaces this file.)

import { h } from "../lib/dom";
import type { Screen } from "../lib/router";

export const insightsScreen: Screen = {
  id: "insights",
  title: "Insights",
  render(host) {
    host.append(h("p", {}, "Insights is being built."));
  },
};
