// The WHOOP screen: a three-step connect wizard (the person's own WHOOP app credentials,
// the redirect URI to register, sign-in in the browser), then the connection's status,
// Sync now with progress, the automatic sync at start, disconnect, and charts of the
// synced data over a chosen range. The client secret goes to Rust once and never comes
// back; the window only ever learns whether credentials are configured.

import { Channel } from "@tauri-apps/api/core";

import {
  commands,
  type AutoSync,
  type Collection,
  type CollectionStatus_Serialize as CollectionStatus,
  type Progress,
  type SignInStarted,
  type SyncReport,
  type WhoopStatus_Serialize as WhoopStatus,
} from "../bindings";
import { append, field, h } from "../lib/dom";
import { CommandError, busy, call, clearMessages, fail, report, say } from "../lib/messages";
import { withProgress } from "../lib/progress";
import { refresh, type Screen } from "../lib/router";
import { kickAutoSync } from "./whoop-card";

const COLLECTION_NAMES: Record<Collection, string> = {
  profile: "Profile",
  body: "Body measurements",
  cycles: "Cycles (days)",
  recoveries: "Recoveries",
  sleeps: "Sleeps",
  workouts: "Workouts",
};
const ORDER: readonly Collection[] = ["profile", "body", "cycles", "recoveries", "sleeps", "workouts"];

/** The chart ranges: days back from today, or all time. */
const RANGES: readonly { label: string; days: number | null }[] = [
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
  { label: "All time", days: null },
];

let charts: { destroy(): void }[] = [];
let chosenRange: number | null = 30;

function dropCharts(): void {
  for (const chart of charts) chart.destroy();
  charts = [];
}

/** A whole number with thousands separators (not `toLocaleString`: WebKit rejects the
 * "C" locale some Linux sessions run with). */
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

function stepHeading(step: number, title: string): HTMLElement {
  return h("h3", { testid: `whoop-step-${String(step)}` }, `Step ${String(step)} of 3: ${title}`);
}

/** Step 1: the client id and secret of the person's own WHOOP app. */
function renderCredentials(host: HTMLElement): void {
  const clientId = h("input", { attrs: { type: "text", autocomplete: "off", spellcheck: "false", required: true }, testid: "client-id" });
  const secret = h("input", {
    attrs: { type: "password", autocomplete: "off", spellcheck: "false", required: true },
    testid: "client-secret",
  });
  const save = h("button", { class: "primary", attrs: { type: "submit" }, testid: "save-credentials" }, "Continue");
  const form = h(
    "form",
    { class: "stack", attrs: { "aria-label": "WHOOP app credentials" } },
    field("Client ID", clientId, "From your app at developer.whoop.com."),
    field("Client secret", secret, "Stored only inside your encrypted vault; Ironkeep never shows it again."),
    save,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearMessages();
    busy([save], async () => {
      const status = await call(commands.whoopSetup(clientId.value, secret.value, null));
      secret.value = "";
      host.replaceChildren();
      renderSignIn(host, status);
    }).catch(report);
  });
  host.append(
    h(
      "p",
      {},
      "Ironkeep talks to WHOOP with your own WHOOP developer app, so your data goes straight from WHOOP into this vault.",
    ),
    stepHeading(1, "your WHOOP app"),
    form,
  );
  clientId.focus();
}

/** Steps 2 and 3: the redirect URI to register, then sign-in in the browser. */
function renderSignIn(host: HTMLElement, status: WhoopStatus): void {
  const redirect = status.redirect_uri ?? "";
  const start = h("button", { class: "primary", attrs: { type: "button" }, testid: "sign-in" }, "Sign in with WHOOP");
  const waiting = h("div", { class: "card whoop-waiting", attrs: { hidden: true }, testid: "sign-in-waiting" });
  const again = status.state === "needs_sign_in";
  start.addEventListener("click", () => {
    clearMessages();
    signIn(start, waiting).catch(report);
  });
  const change = h("button", { attrs: { type: "button" }, testid: "change-credentials" }, "Use other app credentials");
  change.addEventListener("click", () => {
    host.replaceChildren();
    renderCredentials(host);
  });
  append(
    host,
    again ? h("p", { class: "warning" }, "WHOOP needs you to sign in again. Your WHOOP data is kept.") : null,
    stepHeading(2, "register the redirect URI"),
    h("p", {}, "In the WHOOP developer dashboard, add exactly this redirect URI to your app:"),
    h("p", { class: "path selectable", testid: "redirect-uri" }, redirect),
    stepHeading(3, "sign in"),
    h(
      "p",
      {},
      "Ironkeep opens your browser at WHOOP's sign-in page and waits here until WHOOP sends you back.",
    ),
    h("div", { class: "row" }, start, change),
    waiting,
  );
}

async function signIn(start: HTMLButtonElement, waiting: HTMLElement): Promise<void> {
  const cancel = h("button", { attrs: { type: "button" }, testid: "sign-in-cancel" }, "Cancel sign-in");
  cancel.addEventListener("click", () => {
    cancel.setAttribute("disabled", "");
    commands.workCancel("sign_in").catch(report);
  });
  const channel = new Channel<SignInStarted>();
  channel.onmessage = (started) => {
    waiting.replaceChildren(
      h(
        "p",
        { attrs: { role: "status" } },
        started.browser_opened
          ? "Your browser should now show WHOOP's sign-in. Waiting for WHOOP…"
          : "Open this address in a browser to sign in to WHOOP. Waiting for WHOOP…",
      ),
      h("p", { class: "hint" }, "If no browser opened, copy this address into one:"),
      h("p", { class: "path selectable", testid: "auth-url" }, started.authorization_url),
      cancel,
    );
    waiting.hidden = false;
  };
  start.setAttribute("disabled", "");
  try {
    await call(commands.whoopSignIn(channel));
    await refresh();
    say("Connected to WHOOP. Sync now to fetch your data.");
  } catch (problem) {
    if (problem instanceof CommandError && problem.error.code === "cancelled") {
      say(problem.error.message);
    } else {
      report(problem);
    }
    waiting.hidden = true;
    waiting.replaceChildren();
  } finally {
    start.removeAttribute("disabled");
  }
}

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

function rangeSwitcher(chartsHost: HTMLElement): HTMLElement {
  const buttons = RANGES.map((range) => {
    const button = h(
      "button",
      {
        attrs: { type: "button", "aria-pressed": String(range.days === chosenRange) },
        testid: `range-${range.days === null ? "all" : String(range.days)}`,
      },
      range.label,
    );
    button.addEventListener("click", () => {
      chosenRange = range.days;
      for (const other of buttons) other.setAttribute("aria-pressed", String(other === button));
      drawCharts(chartsHost).catch(report);
    });
    return button;
  });
  return h("div", { class: "row ranges", attrs: { role: "group", "aria-label": "Chart range" } }, ...buttons);
}

function stats(values: (number | null)[]): { mean: number; min: number; max: number; n: number } | null {
  const present = values.filter((v): v is number => v !== null);
  if (!present.length) return null;
  return {
    mean: present.reduce((a, b) => a + b, 0) / present.length,
    min: Math.min(...present),
    max: Math.max(...present),
    n: present.length,
  };
}

function describe(name: string, unit: string, values: (number | null)[], period: string, digits = 0): string {
  const s = stats(values);
  if (!s) return `${name}: no data ${period}.`;
  return `${name} ${period}: average ${s.mean.toFixed(digits)}${unit}, from ${s.min.toFixed(digits)}${unit} to ${s.max.toFixed(digits)}${unit}.`;
}

async function drawCharts(chartsHost: HTMLElement): Promise<void> {
  dropCharts();
  // uPlot loads with the first chart, not with the app.
  const [series, chart] = await Promise.all([
    call(commands.whoopSeries(chosenRange)),
    import("../lib/chart").catch(() => null),
  ]);
  const period = chosenRange === null ? "over all time" : `over the last ${String(chosenRange)} days`;
  if (series.days_with_data === 0) {
    chartsHost.replaceChildren(
      h("p", { class: "card", testid: "whoop-charts-empty" }, `No WHOOP data ${period}. Sync now to fetch it.`),
    );
    return;
  }
  const perPoint = series.bucket_days > 1 ? ` Each point averages ${String(series.bucket_days)} days.` : "";
  const specs = [
    {
      title: "Recovery",
      id: "recovery",
      summary: describe("Recovery score", " %", series.recovery, period),
      yLabel: "%",
      series: [{ label: "Recovery %", values: series.recovery }],
    },
    {
      title: "Heart rate variability and resting heart rate",
      id: "hrv",
      summary: `${describe("HRV", " ms", series.hrv, period)} ${describe("Resting heart rate", " bpm", series.resting_heart_rate, period)}`,
      yLabel: "HRV, ms",
      y2Label: "RHR, bpm",
      series: [
        { label: "HRV ms", values: series.hrv },
        { label: "Resting HR bpm", values: series.resting_heart_rate, scale: "y2" as const },
      ],
    },
    {
      title: "Sleep performance",
      id: "sleep",
      summary: describe("Sleep performance", " %", series.sleep_performance, period),
      yLabel: "%",
      series: [{ label: "Sleep performance %", values: series.sleep_performance }],
    },
    {
      title: "Sleep stages",
      id: "stages",
      summary: `Sleep stages ${period}, in hours a night: ${describe("light", " h", series.sleep_light_hours, "", 1)} ${describe("deep", " h", series.sleep_deep_hours, "", 1)} ${describe("REM", " h", series.sleep_rem_hours, "", 1)}`,
      yLabel: "hours",
      series: [
        { label: "Light h", values: series.sleep_light_hours },
        { label: "Deep h", values: series.sleep_deep_hours },
        { label: "REM h", values: series.sleep_rem_hours },
        { label: "Awake h", values: series.sleep_awake_hours },
      ],
    },
    {
      title: "Day strain",
      id: "strain",
      summary: describe("Day strain", "", series.strain, period, 1),
      yLabel: "strain",
      series: [{ label: "Strain", values: series.strain, bars: series.x.length <= 120 }],
    },
  ];
  chartsHost.replaceChildren(
    h("p", { class: "hint", testid: "whoop-charts-summary" }, `${String(series.days_with_data)} days with WHOOP data ${period}.${perPoint}`),
  );
  for (const spec of specs) {
    const slot = h("div", {});
    chartsHost.append(h("h4", {}, spec.title), h("p", { class: "caption" }, spec.summary), slot);
    if (!chart) {
      slot.append(h("p", { class: "hint" }, "The chart could not be drawn in this window; the numbers above are complete."));
      continue;
    }
    const { timeChart } = chart;
    charts.push(
      timeChart(slot, {
        x: series.x,
        series: spec.series,
        summary: spec.summary,
        yLabel: spec.yLabel,
        ...(spec.y2Label ? { y2Label: spec.y2Label } : {}),
        height: 180,
        testid: `chart-${spec.id}`,
      }),
    );
  }
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
