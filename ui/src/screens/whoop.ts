// The WHOOP screen. (Placeholder in the shared base: its owner replaces this file.)

import { h } from "../lib/dom";
import type { Screen } from "../lib/router";

export const whoopScreen: Screen = {
  id: "whoop",
  title: "WHOOP",
  render(host) {
    host.append(h("p", {}, "WHOOP is being built."));
  },
};
