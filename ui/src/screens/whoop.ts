// The WHOOP screen: the connect wizard until WHOOP is connected (whoop-connect.ts), then
// the connection's status, Sync now with progress, the automatic sync at start,
// disconnect, and charts of the synced data over a chosen range (whoop-charts.ts). The
// window only ever learns whether credentials are configured, never the secret or tokens.

import {
  commands,
  type AutoSync,
  type Collection,
  type CollectionStatus_Serialize as CollectionStatus,
  type Progress,
  type SyncReport,
  type WhoopStatus_Serialize as WhoopStatus,
} from "../bindings";
import { append, field, h } from "../lib/dom";
import { CommandError, busy, call, clearMessages, fail, report, say } from "../lib/messages";
import { withProgress } from "../lib/progress";
import { refresh, type Screen } from "../lib/router";
import { kickAutoSync } from "./whoop-card";
import { drawCharts, dropCharts, rangeSwitcher } from "./whoop-charts";
import { renderCredentials, renderSignIn } from "./whoop-connect";

const COLLECTION_NAMES: Record<Collection, string> = {
  profile: "Profile",
  body: "Body measurements",
  cycles: "Cycles (days)",
  recoveries: "Recoveries",
  sleeps: "Sleeps",
  workouts: "Workouts",
};
const ORDER: readonly Collection[] = ["profile", "body", "cycles", "recoveries", "sleeps", "workouts"];


/** A whole number with thousands separators, the same whatever the system locale (the
 * tests read these counts). */
export function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function when(rfc3339: string | null): string {
  if (!rfc3339) return "never";
  const at = new Date(rfc3339);
  return Number.isNaN(at.getTime()) ? rfc3339 : at.toLocaleString();
}

export const whoopScreen: Screen = {
  id: "whoop",
  title: "WHOOP",
  async render(host) {
    dropCharts();
    const status = await call(commands.whoopStatus());
    if (status.state === "connected") {
      await renderConnected(host, status);
      // After the screen's own reads: the sync holds the vault while it runs.
      kickAutoSync();
    } else if (status.state === "not_set_up") {
      renderCredentials(host);
    } else {
      renderSignIn(host, status);
    }
  },
  leave() {
    dropCharts();
  },
};


function statusTable(status: WhoopStatus): HTMLElement {
  const byName = new Map<Collection, CollectionStatus>(status.collections.map((c) => [c.collection, c]));
  const rows = ORDER.map((name) => {
    const c = byName.get(name);
    return h(
      "tr",
      { testid: `count-${name}` },
      h("th", { attrs: { scope: "row" } }, COLLECTION_NAMES[name]),
      h("td", { class: "number", testid: `count-${name}-value` }, grouped(c?.count ?? 0)),
      h("td", {}, when(c?.last_sync_at ?? null)),
      h("td", { class: c?.last_error ? "error-text" : "" }, c?.last_error ?? ""),
    );
  });
  return h(
    "table",
    { class: "data", testid: "whoop-counts" },
    h("caption", {}, "What is stored"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { attrs: { scope: "col" } }, "Data"),
        h("th", { attrs: { scope: "col" } }, "Records"),
        h("th", { attrs: { scope: "col" } }, "Last sync"),
        h("th", { attrs: { scope: "col" } }, "Problem"),
      ),
    ),
    h("tbody", {}, ...rows),
  );
}

async function renderConnected(host: HTMLElement, status: WhoopStatus): Promise<void> {
  const sync = h("button", { class: "primary", attrs: { type: "button" }, testid: "whoop-sync" }, "Sync now");
  const disconnect = h("button", { attrs: { type: "button" }, testid: "whoop-disconnect" }, "Disconnect…");
  sync.addEventListener("click", () => {
    clearMessages();
    busy([sync], syncNow).catch(report);
  });
  disconnect.addEventListener("click", () => {
    confirmDisconnect().catch(report);
  });
  const synced = status.collections.filter((c) => c.last_sync_at).map((c) => c.last_sync_at ?? "");
  const last = synced.length ? synced.sort().at(-1) ?? null : null;
  const auto = await call(commands.whoopAutoSetting());
  const chartsHost = h("section", { class: "whoop-charts", attrs: { "aria-label": "WHOOP charts" }, testid: "whoop-charts" });
  append(
    host,
    h("p", { testid: "whoop-state" }, "Connected to WHOOP."),
    h("p", { testid: "whoop-last-sync" }, `Last sync: ${when(last)}.`),
    h("div", { class: "row" }, sync, disconnect),
    statusTable(status),
    autoSyncForm(auto),
    h("h3", {}, "Charts"),
    rangeSwitcher(chartsHost),
    chartsHost,
  );
  await drawCharts(chartsHost);
}

async function syncNow(): Promise<void> {
  const done = await withProgress<SyncReport, Progress>({
    title: "Syncing WHOOP",
    work: "sync",
    start: (channel) => commands.whoopSync(channel),
    describe: (p) => {
      const index = ORDER.indexOf(p.collection);
      return {
        fraction: (Math.max(0, index) + (p.fraction ?? 0)) / ORDER.length,
        label: `${COLLECTION_NAMES[p.collection]}: ${grouped(p.fetched)} fetched`,
      };
    },
  }).catch((problem: unknown) => {
    if (problem instanceof CommandError && problem.error.code === "cancelled") {
      say(problem.error.message);
      return null;
    }
    throw problem;
  });
  if (done) {
    const fetched = done.collections.reduce((sum, c) => sum + c.fetched, 0);
    await refresh();
    say(`WHOOP sync complete: ${grouped(fetched)} records fetched.`);
  } else {
    await refresh();
  }
}

function autoSyncForm(auto: AutoSync): HTMLElement {
  const enabled = h("input", { attrs: { type: "checkbox", checked: auto.enabled }, testid: "auto-sync" });
  const hours = h("input", {
    attrs: { type: "number", min: 1, max: 744, step: 1, value: auto.hours, inputmode: "numeric" },
    testid: "auto-sync-hours",
  });
  const save = (): void => {
    const value = Number.parseInt(hours.value, 10);
    commands
      .whoopSetAutoSetting({ enabled: enabled.checked, hours: Number.isFinite(value) ? value : 6 })
      .then((result) => {
        if (result.status === "error") {
          fail(result.error);
          return;
        }
        hours.value = String(result.data.hours);
        say(result.data.enabled ? `Ironkeep syncs WHOOP at start when the last sync is ${String(result.data.hours)} hours old.` : "Automatic WHOOP sync is off.");
      })
      .catch(report);
  };
  enabled.addEventListener("change", save);
  hours.addEventListener("change", save);
  const enabledId = "whoop-auto-sync";
  enabled.id = enabledId;
  return h(
    "fieldset",
    { class: "whoop-auto" },
    h("legend", {}, "Automatic sync"),
    h("div", { class: "row" }, enabled, h("label", { attrs: { for: enabledId } }, "Sync when Ironkeep starts")),
    field("…when the last sync is older than (hours)", hours),
  );
}


async function confirmDisconnect(): Promise<void> {
  const keep = h("button", { class: "primary", attrs: { type: "button", value: "keep" }, testid: "disconnect-keep-data" }, "Disconnect, keep my WHOOP data");
  const forget = h("button", { attrs: { type: "button", value: "forget" }, testid: "disconnect-forget-data" }, "Disconnect and delete WHOOP data");
  const stay = h("button", { attrs: { type: "button", value: "stay" }, testid: "disconnect-cancel" }, "Stay connected");
  const dialog = h(
    "dialog",
    { class: "confirm", attrs: { "aria-label": "Disconnect WHOOP" }, testid: "disconnect-dialog" },
    h("h3", {}, "Disconnect WHOOP?"),
    h("p", {}, "Ironkeep revokes its access at WHOOP and forgets the sign-in. You can keep the WHOOP data already in this vault, or delete it."),
    h("div", { class: "row" }, keep, forget, stay),
  );
  document.body.append(dialog);
  const choice = await new Promise<string>((resolve) => {
    for (const button of [keep, forget, stay]) {
      button.addEventListener("click", () => {
        resolve(button.value);
      });
    }
    dialog.addEventListener("cancel", () => {
      resolve("stay");
    });
    dialog.showModal();
    stay.focus();
  });
  dialog.close();
  dialog.remove();
  if (choice === "stay") return;
  const done = await call(commands.whoopDisconnect(choice === "forget"));
  await refresh();
  say(
    `Disconnected from WHOOP${done.revoked ? "" : " (WHOOP already considered the sign-in invalid)"}${done.forgot_data ? "; WHOOP data deleted" : ""}.`,
  );
}
