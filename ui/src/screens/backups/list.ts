// The backups folder's files as a table, newest first, each with Verify and Restore.
// Rows name a backup by its bare file name; the app resolves it inside the folder.

import type { BackupFile_Serialize } from "../../bindings";
import { h } from "../../lib/dom";
import { report } from "../../lib/messages";
import { formatBytes, formatDate } from "./describe";
import type { BackupActions } from "./restore";

/** The backups folder's files, each with Verify and Restore. */
export function listSection(
  files: readonly BackupFile_Serialize[],
  actions: BackupActions,
): HTMLElement {
  const head = h(
    "tr",
    {},
    ...["Made", "Size", "Schema", "Opens with", "Kind", ""].map((label) => h("th", { attrs: { scope: "col" } }, label)),
  );
  const rows = files.map((file) => {
    const verify = h("button", { attrs: { type: "button", "aria-label": `Verify ${file.name}` }, testid: "row-verify" }, "Verify");
    const restore = h("button", { attrs: { type: "button", "aria-label": `Restore ${file.name}` }, class: "danger", testid: "row-restore" }, "Restore");
    verify.addEventListener("click", () => {
      actions.verify({ kind: "listed", name: file.name }).catch(report);
    });
    restore.addEventListener("click", () => {
      actions.restore({ kind: "listed", name: file.name }, `the backup made ${formatDate(file.created_at)}`).catch(report);
    });
    return h(
      "tr",
      { testid: "backup-row", attrs: { title: file.name } },
      h("td", {}, formatDate(file.created_at)),
      h("td", { class: "number" }, formatBytes(file.bytes)),
      h("td", { class: "number", testid: "row-schema" }, file.schema_version === null ? "?" : String(file.schema_version)),
      h("td", {}, file.passphrase ? "a passphrase" : `${String(file.recipients)} kit(s)`),
      h("td", {}, file.automatic ? "automatic" : "manual"),
      h("td", { class: "row-actions" }, verify, restore),
    );
  });
  return h(
    "section",
    { class: "card", attrs: { "aria-labelledby": "backup-list-title" } },
    h("h3", { attrs: { id: "backup-list-title" } }, "Backups in the backups folder"),
    files.length === 0
      ? h("p", { testid: "backups-empty" }, "No backups in the backups folder yet.")
      : h("table", { class: "data", testid: "backups-list" }, h("thead", {}, head), h("tbody", {}, ...rows)),
  );
}
