// The Routines screen. (Placeholder in the shared base: its owner replaces this file.)

import { h } from "../lib/dom";
import type { Screen } from "../lib/router";

export const routinesScreen: Screen = {
  id: "routines",
  title: "Routines",
  render(host) {
    host.append(h("p", {}, "Routines is being built."));
  },
};
