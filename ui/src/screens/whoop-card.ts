// Today's WHOOP card (recovery, last night's sleep, strain), shown on the Today screen,
// and the automatic WHOOP sync at start: the first time the card (or the WHOOP screen)
// is shown in this window, it asks Rust to sync if the last sync is old enough, in the
// background (whoop-sync.ts), so Today never waits for WHOOP; the card redraws whenever a
// sync ends, and as soon as a first sync has brought the newest days, without a reload.

import { commands } from "../bindings";
import { h } from "../lib/dom";
import { call } from "../lib/messages";
import { NEWEST_EVENT, SYNCED_EVENT, startSync } from "./whoop-sync";

let autoSyncStarted = false;
let lastCard: HTMLElement | null = null;

/**
 * Starts the automatic sync once per window (Rust decides whether one is due: the setting
 * is on, WHOOP is connected and the last sync is older than the chosen hours). Failures
 * are not shown here: the WHOOP screen's status names them.
 */
export function kickAutoSync(): void {
  if (autoSyncStarted) return;
  autoSyncStarted = true;
  startSync("auto").catch(() => undefined);
}

for (const event of [NEWEST_EVENT, SYNCED_EVENT]) {
  window.addEventListener(event, () => {
    if (lastCard?.isConnected) renderWhoopToday(lastCard).catch(() => undefined);
  });
}

function fixed(value: number | null, digits: number, unit: string): string {
  return value === null ? "not scored yet" : `${value.toFixed(digits)}${unit}`;
}

function fact(label: string, value: string, testid: string): HTMLElement {
  return h("div", { class: "whoop-fact" }, h("dt", {}, label), h("dd", { testid }, value));
}

/** Draws the card into `container`: the latest WHOOP day, or a link to connect WHOOP. */
export async function renderWhoopToday(container: HTMLElement): Promise<void> {
  lastCard = container;
  const status = await call(commands.whoopStatus());
  if (status.state !== "connected") {
    container.replaceChildren(
      h(
        "p",
        { class: "whoop-card", testid: "whoop-today-connect" },
        h("a", { attrs: { href: "#/whoop" } }, "Connect WHOOP"),
        " to see your recovery, sleep and strain here.",
      ),
    );
    return;
  }
  const day = await call(commands.whoopToday());
  kickAutoSync();
  if (day.day === null) {
    container.replaceChildren(
      h(
        "p",
        { class: "whoop-card", testid: "whoop-today-empty" },
        "No WHOOP data yet. ",
        h("a", { attrs: { href: "#/whoop" } }, "Sync WHOOP"),
      ),
    );
    return;
  }
  const sleep =
    day.sleep_performance === null
      ? "not scored yet"
      : `${day.sleep_performance.toFixed(0)} %${day.sleep_hours === null ? "" : `, ${day.sleep_hours.toFixed(1)} h asleep`}`;
  container.replaceChildren(
    h(
      "section",
      { class: "card whoop-card", attrs: { "aria-label": "WHOOP today" }, testid: "whoop-today" },
      h("h3", {}, `WHOOP, ${day.day}`),
      h(
        "dl",
        { class: "whoop-facts" },
        fact("Recovery", fixed(day.recovery, 0, " %"), "whoop-today-recovery"),
        fact("Last night's sleep", sleep, "whoop-today-sleep"),
        fact("Strain", fixed(day.strain, 1, ""), "whoop-today-strain"),
        fact("HRV", fixed(day.hrv, 0, " ms"), "whoop-today-hrv"),
      ),
    ),
  );
}
