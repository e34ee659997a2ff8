// The Exercises screen. (Placeholder in the shared base: its owner replaces this file.)

import { h } from "../lib/dom";
import type { Screen } from "../lib/router";

export const exercisesScreen: Screen = {
  id: "exercises",
  title: "Exercises",
  render(host) {
    host.append(h("p", {}, "Exercises is being built."));
  },
};
