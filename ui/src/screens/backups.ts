// The Backups screen. (Placeholder in the shared base: its owner replaces this file.)

import { h } from "../lib/dom";
import type { Screen } from "../lib/router";

export const backupsScreen: Screen = {
  id: "backups",
  title: "Backups",
  render(host) {
    host.append(h("p", {}, "Backups is being built."));
  },
};
