// The History screen. (Placeholder in the shared base: its owner replaces this file.)

import { h } from "../lib/dom";
import type { Screen } from "../lib/router";

export const historyScreen: Screen = {
  id: "history",
  title: "History",
  render(host) {
    host.append(h("p", {}, "History is being built."));
  },
};
