// The WHOOP screen: the connect wizard until WHOOP is connected (whoop-connect.ts), then
// the connection's status, Sync now with progress, the automatic sync at start,
// disconnect, and charts of the synced data over a chosen range (whoop-charts.ts). The
// window only ever learns whether credentials are configured, never the secret or tokens.
// The screen draws from its store (the vault's WHOOP status) and asks the vault again
// after each step, each change and each sync.

import {
  commands,
  type AutoSync,
  type Collection,
  type CollectionStatus_Serialize as CollectionStatus,
  type WhoopStatus_Serialize as WhoopStatus,
} from "../bindings";
import { field, h, type Child } from "../lib/dom";
import { call, clearMessages, fail, report, say } from "../lib/messages";
import type { Screen } from "../lib/router";
import { showFromVault, type VaultView } from "../lib/store";
import { kickAutoSync } from "./whoop-card";
import { COLLECTION_NAMES, SYNCED_EVENT, SYNC_ORDER as ORDER, grouped, startSync, syncRunning } from "./whoop-sync";
import { drawCharts, dropCharts, rangeSwitcher } from "./whoop-charts";
import { renderCredentials, renderSignIn } from "./whoop-connect";

function when(rfc3339: string | null): string {
  if (!rfc3339) return "never";
  const at = new Date(rfc3339);
  return Number.isNaN(at.getTime()) ? rfc3339 : at.toLocaleString();
}

/** What the WHOOP screen shows, as the vault answered (the automatic sync once connected). */
interface WhoopState {
  status: WhoopStatus;
  auto: AutoSync | null;
}

type View = VaultView<WhoopState>;

/** The screen while it is shown, so a sync that ends redraws it. */
let shownView: View | null = null;

async function load(): Promise<WhoopState> {
  const status = await call(commands.whoopStatus());
  const auto = status.state === "connected" ? await call(commands.whoopAutoSetting()) : null;
  return { status, auto };
}

function draw({ status, auto }: WhoopState, view: View): Child[] {
  dropCharts();
  const part = h("div", {});
  if (status.state === "connected" && auto) {
    kickAutoSync();
    return connected(status, auto, view);
  }
  if (status.state === "not_set_up") renderCredentials(part, status, view.changed);
  else renderSignIn(part, status, view.changed);
  return [part];
}

export const whoopScreen: Screen = {
  id: "whoop",
  title: "WHOOP",
  async render(host) {
    shownView = await showFromVault(host, load, draw);
  },
  leave() {
    shownView = null;
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

function connected(status: WhoopStatus, auto: AutoSync, view: View): Child[] {
  const sync = h("button", { class: "primary", attrs: { type: "button" }, testid: "whoop-sync" }, "Sync now");
  const disconnect = h("button", { attrs: { type: "button" }, testid: "whoop-disconnect" }, "Disconnect…");
  if (syncRunning()) sync.setAttribute("disabled", "");
  sync.addEventListener("click", () => {
    clearMessages();
    sync.setAttribute("disabled", "");
    syncNow().catch(report);
  });
  disconnect.addEventListener("click", () => {
    confirmDisconnect(view).catch(report);
  });
  const synced = status.collections.filter((c) => c.last_sync_at).map((c) => c.last_sync_at ?? "");
  const last = synced.length ? synced.sort().at(-1) ?? null : null;
  const chartsHost = h("section", { class: "whoop-charts", attrs: { "aria-label": "WHOOP charts" }, testid: "whoop-charts" });
  // The charts are drawn once their host is in the page (a chart sizes itself to its place).
  queueMicrotask(() => {
    if (chartsHost.isConnected) drawCharts(chartsHost).catch(report);
  });
  return [
    h("p", { testid: "whoop-state" }, "Connected to WHOOP."),
    h("p", { testid: "whoop-last-sync" }, `Last sync: ${when(last)}.`),
    h("div", { class: "row" }, sync, disconnect),
    statusTable(status),
    autoSyncForm(auto),
    h("h3", {}, "Charts"),
    rangeSwitcher(chartsHost),
    chartsHost,
  ];
}

/** Sync now: runs in the background (its progress in the navigation); the lifter may
 * leave this screen meanwhile. The screen redraws when the sync ends, if still shown. */
async function syncNow(): Promise<void> {
  const done = await startSync("manual");
  if (done) {
    const fetched = done.collections.reduce((sum, c) => sum + c.fetched, 0);
    say(`WHOOP sync complete: ${grouped(fetched)} records fetched.`);
  } else {
    say("The WHOOP sync was cancelled; what it fetched is kept.");
  }
}

// Whatever started the sync (this screen, or the automatic one at start), the WHOOP
// screen asks the vault for the new counts when it ends, if it is the screen in view.
window.addEventListener(SYNCED_EVENT, () => {
  if (shownView?.shown()) shownView.reload().catch(report);
});

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


async function confirmDisconnect(view: View): Promise<void> {
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
  await view.changed(
    `Disconnected from WHOOP${done.revoked ? "" : " (WHOOP already considered the sign-in invalid)"}${done.forgot_data ? "; WHOOP data deleted" : ""}.`,
  );
}
