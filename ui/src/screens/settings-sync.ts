// Settings → Sync: your computers share one training log through a folder your file
// syncer already replicates (Syncthing, Nextcloud, Dropbox…), with no server. Off, the
// section explains and offers the folder choice; on, it shows the folder, this device and
// the others (with the last file read from each and which one holds WHOOP), what waits,
// and the last merge, with Sync now and Remove. Merging also runs by itself: `listenForSync`
// (called once the vault is open) redraws the screen in view when another computer's
// changes arrive, unless the person is typing, then as soon as they leave the field.

import { Channel } from "@tauri-apps/api/core";

import { commands, type Device, type SyncNews, type SyncNote, type SyncView } from "../bindings";
import { confirmDialog } from "../lib/confirm";
import { field, h } from "../lib/dom";
import { CommandError, busy, call, report, say } from "../lib/messages";
import { refresh } from "../lib/router";

/** The event sent on `window` after a run that merged other devices' changes. */
export const MERGED_EVENT = "devices-merged";

let listening = false;

function typing(): boolean {
  const active = document.activeElement;
  return active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement;
}

/** Listens for sync runs for the life of the page; redraws after a merge. */
export function listenForSync(): void {
  if (listening) return;
  listening = true;
  let waiting = false;
  const redraw = (): void => {
    if (typing()) {
      if (!waiting) {
        waiting = true;
        document.addEventListener(
          "focusout",
          () => {
            waiting = false;
            setTimeout(redraw, 0);
          },
          { once: true },
        );
      }
      return;
    }
    window.dispatchEvent(new CustomEvent(MERGED_EVENT));
    refresh().catch(report);
  };
  const channel = new Channel<SyncNews>();
  channel.onmessage = (news) => {
    if (news.applied > 0) redraw();
  };
  commands.syncListen(channel).catch(() => undefined);
}

function when(rfc3339: string | null | undefined): string {
  if (!rfc3339) return "not yet";
  const at = new Date(rfc3339);
  return Number.isNaN(at.getTime()) ? rfc3339 : at.toLocaleString();
}

function deviceRow(device: Device, changed: (text: string) => Promise<void>): HTMLElement {
  const state = device.removed_at
    ? `removed ${when(device.removed_at)}`
    : device.this_device
      ? `this computer · wrote ${String(device.last_file)} file(s)`
      : `read up to file ${String(device.last_file)}`;
  const actions: HTMLElement[] = [];
  if (!device.this_device && !device.removed_at) {
    const remove = h("button", { attrs: { type: "button" }, class: "quiet", testid: `sync-remove-${device.id}` }, "Remove…");
    remove.addEventListener("click", () => {
      confirmDialog({
        title: `Remove ${device.name} from sync?`,
        body: [
          "Its later changes are ignored by every computer of this family. It still holds your recovery kit: " +
            "make a new recovery kit next (Keys, below), so that it can no longer read new backups.",
        ],
        confirm: "Remove it",
        keep: "Keep it",
        testid: "sync-remove",
      })
        .then(async (confirmed) => {
          if (!confirmed) return;
          await busy([remove], () => call(commands.syncRemoveDevice(device.id)));
          await changed(`${device.name} was removed; make a new recovery kit next.`);
        })
        .catch(report);
    });
    actions.push(remove);
  }
  return h(
    "tr",
    { testid: "sync-device" },
    h("th", { attrs: { scope: "row" } }, device.name, device.whoop ? h("span", { class: "tag", testid: "sync-whoop" }, "WHOOP") : ""),
    h("td", { class: "path" }, device.id.slice(0, 8)),
    h("td", {}, state),
    h("td", {}, ...actions),
  );
}

/** What a merge settled by itself, with what was not kept, and Dismiss. */
function noteItem(note: SyncNote, changed: (text: string) => Promise<void>): HTMLElement {
  const dismiss = h("button", { attrs: { type: "button" }, class: "quiet", testid: "sync-note-dismiss" }, "Dismiss");
  dismiss.addEventListener("click", () => {
    busy([dismiss], async () => {
      await call(commands.syncDismissNote(note.id));
      await changed("The note is dismissed.");
    }).catch(report);
  });
  const lost = note.lost ? [h("p", { class: "hint path" }, `Not kept: ${note.lost}`)] : [];
  return h("li", { testid: "sync-note" }, h("p", {}, `${when(note.at)}: ${note.text}`), ...lost, dismiss);
}

function onSection(view: SyncView, changed: (text: string) => Promise<void>): HTMLElement[] {
  const { status } = view;
  const now = h("button", { attrs: { type: "button" }, testid: "sync-now" }, "Sync now");
  now.addEventListener("click", () => {
    busy([now], async () => {
      const run = await call(commands.syncNow());
      await changed(
        `Synced: ${run.sent === null ? "nothing new to send" : `sent file ${String(run.sent)}`}, ` +
          `${String(run.files_read)} file(s) merged from other computers.`,
      );
    }).catch(report);
  });
  const last = view.last_error
    ? h("p", { class: "error-text", testid: "sync-last-error" }, `The last sync failed: ${view.last_error}`)
    : h(
        "p",
        { testid: "sync-last" },
        `Last merge: ${when(view.last_run_at)}` +
          (view.last_report ? ` · ${String(view.last_report.files_read)} file(s) from other computers` : ""),
      );
  const refused = (view.last_report?.refused ?? []).map((r) => h("li", {}, `${r.file}: ${r.reason}`));
  return [
    h("p", {}, "Sync is on. Changes are sent and merged by themselves a few seconds after you make them or after they arrive."),
    h("dl", { class: "facts" }, h("dt", {}, "Folder"), h("dd", { class: "path", testid: "sync-folder" }, status.folder ?? "")),
    h(
      "table",
      { class: "counts", testid: "sync-devices" },
      h("caption", {}, "Computers in this family"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { attrs: { scope: "col" } }, "Name"),
          h("th", { attrs: { scope: "col" } }, "ID"),
          h("th", { attrs: { scope: "col" } }, "State"),
          h("th", { attrs: { scope: "col" } }, h("span", { class: "visually-hidden" }, "Actions")),
        ),
      ),
      h("tbody", {}, ...status.devices.map((d) => deviceRow(d, changed))),
    ),
    h(
      "p",
      { testid: "sync-pending" },
      `${String(status.pending)} change(s) here not sent yet · ${String(status.waiting)} from other computers waiting for what they need.`,
    ),
    last,
    ...(refused.length ? [h("ul", { testid: "sync-refused" }, ...refused)] : []),
    ...(status.notes.length
      ? [h("h4", {}, "Settled by the merge"), h("ul", { testid: "sync-notes" }, ...status.notes.map((n) => noteItem(n, changed)))]
      : []),
    h("div", { class: "actions" }, now),
  ];
}

function offSection(changed: (text: string) => Promise<void>): HTMLElement[] {
  const name = h("input", { attrs: { type: "text", autocomplete: "off", maxlength: 100, placeholder: "this computer's name" }, testid: "sync-name" });
  const choose = h("button", { attrs: { type: "button" }, testid: "sync-turn-on" }, "Choose the sync folder…");
  choose.addEventListener("click", () => {
    busy([choose], async () => {
      try {
        await call(commands.syncTurnOn(name.value));
        await changed("Sync is on. On your other computer, run: ironkeep sync join FOLDER --kit YOUR-KIT-FILE");
      } catch (problem) {
        if (problem instanceof CommandError && problem.error.code === "cancelled") say(problem.error.message);
        else throw problem;
      }
    }).catch(report);
  });
  return [
    h(
      "p",
      { class: "hint" },
      "Use one training log on several computers, with no server: choose a folder your file syncer already shares " +
        "between them (Syncthing, Nextcloud, Dropbox, iCloud Drive, even a USB stick). Ironkeep writes only encrypted " +
        "files there, readable with your recovery kit; the vault itself never goes there.",
    ),
    field("This computer's name (shown on your other computers)", name),
    h("div", { class: "actions" }, choose),
  ];
}

/** Sync as the vault holds it and the last run, for Settings to draw. */
export function loadSync(): Promise<SyncView> {
  return call(commands.syncStatus());
}

/** The Sync card of Settings; `changed` asks the vault again and says `text`. */
export function syncSection(view: SyncView, changed: (text: string) => Promise<void>): HTMLElement {
  return h(
    "section",
    { class: "card", attrs: { "aria-labelledby": "sync-title" }, testid: "sync" },
    h("h3", { attrs: { id: "sync-title" } }, "Sync between your computers"),
    ...(view.status.on ? onSection(view, changed) : offSection(changed)),
  );
}
