// The Today screen. (Placeholder in the shared base: its owner replaces this file.)

import { h } from "../lib/dom";
import type { Screen } from "../lib/router";

export const todayScreen: Screen = {
  id: "today",
  title: "Today",
  render(host) {
    host.append(h("p", {}, "Today is being built."));
  },
};
