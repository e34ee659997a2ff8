// The Workout screen. (Placeholder in the shared base: its owner replaces this file.)

import { h } from "../lib/dom";
import type { Screen } from "../lib/router";

export const workoutScreen: Screen = {
  id: "workout",
  title: "Workout",
  render(host) {
    host.append(h("p", {}, "Workout is being built."));
  },
};
