// The WHOOP sync in the background. One runs at a time; its progress sits in the
// navigation column (like the rest timer), so it stays in view, and can be cancelled, while
// the lifter moves between screens and keeps logging: the sync runs on a vault handle of
// its own in Rust and never makes another command wait. When it ends, a `whoop-synced`
// event lets Today's card and the WHOOP screen redraw without a reload; so does a
// `whoop-newest` event as soon as the newest days are in (a first sync reads them first).

import { Channel } from "@tauri-apps/api/core";

import { commands, type Collection, type Progress, type SyncReport } from "../bindings";
import { h } from "../lib/dom";
import { CommandError, call } from "../lib/messages";

/** The event sent on `window` when a sync ended (its detail: the report, or null). */
export const SYNCED_EVENT = "whoop-synced";

/** The event sent on `window` once a sync has the newest days of every collection in. */
export const NEWEST_EVENT = "whoop-newest";

/** The collections in the order Rust syncs them. */
export const SYNC_ORDER: readonly Collection[] = ["profile", "body", "cycles", "recoveries", "sleeps", "workouts"];

export const COLLECTION_NAMES: Record<Collection, string> = {
  profile: "Profile",
  body: "Body measurements",
  cycles: "Cycles (days)",
  recoveries: "Recoveries",
  sleeps: "Sleeps",
  workouts: "Workouts",
};

let running: Promise<SyncReport | null> | null = null;

/** Whether a sync is running now. */
export function syncRunning(): boolean {
  return running !== null;
}

/** A whole number with thousands separators, the same whatever the system locale. */
export function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function panel(): { root: HTMLElement; bar: HTMLProgressElement; label: HTMLElement } {
  const bar = h("progress", { attrs: { max: 1, "aria-label": "WHOOP sync progress" }, testid: "sync-bar" });
  const label = h("span", { class: "sync-label", attrs: { role: "status" }, testid: "sync-label" }, "Starting…");
  const cancel = h("button", { class: "quiet", attrs: { type: "button" }, testid: "sync-cancel" }, "Cancel");
  cancel.addEventListener("click", () => {
    cancel.setAttribute("disabled", "");
    label.textContent = "Stopping…";
    commands.workCancel("sync").catch(() => undefined);
  });
  const root = h(
    "div",
    { class: "sync-panel", attrs: { "aria-label": "WHOOP sync" }, testid: "sync-panel" },
    h("strong", {}, "WHOOP sync"),
    bar,
    label,
    cancel,
  );
  return { root, bar, label };
}

/**
 * Starts a sync, or joins the one running. `manual` is Sync now; `auto` is the automatic
 * sync at start, which Rust runs only when one is due (its panel shows once data flows).
 * Resolves with the report, or null when nothing was due or the sync was cancelled.
 */
export function startSync(kind: "manual" | "auto"): Promise<SyncReport | null> {
  if (running) return running;
  const shown = panel();
  const dock = (): void => {
    if (!shown.root.isConnected) (document.getElementById("nav") ?? document.body).append(shown.root);
  };
  if (kind === "manual") dock();
  const channel = new Channel<Progress>();
  let newestSaid = false;
  channel.onmessage = (p) => {
    dock();
    if (p.newest_in && !newestSaid) {
      newestSaid = true;
      window.dispatchEvent(new CustomEvent(NEWEST_EVENT));
    }
    const index = SYNC_ORDER.indexOf(p.collection);
    shown.bar.value = Math.min(1, (Math.max(0, index) + (p.fraction ?? 0)) / SYNC_ORDER.length);
    shown.label.textContent = `${COLLECTION_NAMES[p.collection]}: ${grouped(p.fetched)} fetched`;
  };
  const work = kind === "manual" ? commands.whoopSync(channel) : commands.whoopAutoSync(channel);
  const run = call(work)
    .catch((problem: unknown) => {
      if (problem instanceof CommandError && problem.error.code === "cancelled") return null;
      throw problem;
    })
    .finally(() => {
      shown.root.remove();
      running = null;
    });
  running = run;
  run
    .then((report) => window.dispatchEvent(new CustomEvent(SYNCED_EVENT, { detail: report })))
    .catch(() => window.dispatchEvent(new CustomEvent(SYNCED_EVENT, { detail: null })));
  return run;
}
