// "Verify or restore a backup": what opens it (this vault's kits, a kit file, or its
// passphrase), the verdict of a verification, and a restore behind a confirmation that
// says what is replaced and how to undo it. After a restore in keychain mode the window reloads, carrying its
// notice across in session storage.

import { commands, type BackupChoice, type BackupUnlock, type KeyMode } from "../../bindings";
import { confirmDialog } from "../../lib/confirm";
import { field, h } from "../../lib/dom";
import { CommandError, call, fail, report, say } from "../../lib/messages";
import { withProgress } from "../../lib/progress";
import { refresh } from "../../lib/router";
import { radios } from "./controls";
import { describeStep, explain, formatDate, manifestLine } from "./describe";

/** Where a notice waits across a window reload (read by main.ts). */
export const NOTICE_AFTER_RELOAD = "ironkeep.notice";

/** Verifying and restoring a backup, as the list's rows use them. */
export interface BackupActions {
  verify: (choice: BackupChoice) => Promise<void>;
  restore: (choice: BackupChoice, what: string) => Promise<void>;
}

/** The confirmation before a restore; resolves to the vault passphrase ("" in keychain mode) or null. */
async function confirmRestore(what: string, keyMode: KeyMode): Promise<string | null> {
  const pass = h("input", { attrs: { type: "password", autocomplete: "current-password" }, testid: "restore-vault-passphrase" });
  const confirmed = await confirmDialog({
    title: "Restore this backup?",
    body: [
      `Restoring ${what} replaces everything in this vault — every session, exercise, routine and setting ` +
        "logged on this computer — with the backup's contents.",
      "What the vault holds now is first saved as a backup in the backups folder, so you can undo the restore " +
        "by restoring that file.",
      "The vault keeps its own recovery kit — also when a different kit file opens the backup, so that kit " +
        "cannot read this vault or its future backups — and its WHOOP connection, and gets a new key.",
    ],
    fields: keyMode === "passphrase" ? [field("This vault's passphrase", pass, "Needed to reopen the vault after the restore.")] : [],
    ready: () => keyMode !== "passphrase" || pass.value !== "",
    confirm: "Replace local data with the backup",
    keep: "Keep my data",
    testid: "restore",
  });
  const typed = pass.value;
  pass.value = "";
  return confirmed ? typed : null;
}

/** "Check or restore a backup": what opens it, and the verdict. */
export function verifySection(keyMode: KeyMode): BackupActions & { section: HTMLElement } {
  const opener = radios("Open it with", "opener", [
    { value: "vault", label: "This vault's recovery kits", testid: "open-with-vault" },
    { value: "kit_file", label: "A recovery kit file (chosen next)", testid: "open-with-kit" },
    { value: "passphrase", label: "Its passphrase", testid: "open-with-passphrase" },
  ] as const);
  const pass = h("input", { attrs: { type: "password", autocomplete: "off" }, testid: "open-passphrase" });
  const passField = field("Backup passphrase", pass);
  const sync = (): void => {
    passField.hidden = opener.value() !== "passphrase";
  };
  for (const input of opener.inputs) input.addEventListener("change", sync);
  sync();
  const verdict = h("div", { class: "verdict", attrs: { role: "status" }, testid: "backup-verdict" });
  const unlock = (): BackupUnlock => {
    const kind = opener.value();
    return kind === "passphrase" ? { kind, passphrase: pass.value } : { kind };
  };

  const verify = async (choice: BackupChoice): Promise<void> => {
    verdict.replaceChildren();
    verdict.className = "verdict";
    try {
      const checked = await call(commands.backupVerify(choice, unlock()));
      verdict.classList.add("ok");
      verdict.append(
        h("strong", { testid: "verdict-title" }, "Verified: this backup is intact and can be restored."),
        h("p", {}, `${checked.file_name}: ${manifestLine(checked.manifest)}.`),
      );
      say(`${checked.file_name} is intact.`);
    } catch (problem) {
      if (!(problem instanceof CommandError)) throw problem;
      if (problem.error.code === "cancelled") {
        say(problem.error.message);
        return;
      }
      verdict.classList.add("bad");
      verdict.append(h("strong", { testid: "verdict-title" }, "Not verified."), h("p", {}, explain(problem)));
    }
  };

  const restore = async (choice: BackupChoice, what: string): Promise<void> => {
    const vaultPass = await confirmRestore(what, keyMode);
    if (vaultPass === null) return;
    try {
      const receipt = await withProgress({
        title: "Restoring a backup",
        work: "restore",
        start: (channel) =>
          commands.backupRestore(choice, unlock(), keyMode === "passphrase" ? vaultPass : null, channel),
        describe: describeStep,
      });
      const text =
        `Restored the backup made ${formatDate(receipt.manifest.created_at)}; ` +
        `the vault is at schema version ${String(receipt.schema_version)} under a new key.` +
        (receipt.kept_whoop_connection ? " The WHOOP connection was kept." : "") +
        (receipt.undo_backup
          ? ` What the vault held before is saved as ${baseName(receipt.undo_backup)} in the backups folder; restore it to undo this.`
          : "");
      if (keyMode === "keychain") {
        // Reload the whole window so every screen starts from the restored vault.
        sessionStorage.setItem(NOTICE_AFTER_RELOAD, text);
        location.hash = "#/settings";
        location.reload();
      } else {
        await refresh();
        say(text);
      }
    } catch (problem) {
      if (problem instanceof CommandError) {
        if (problem.error.code === "cancelled") say(problem.error.message);
        else fail({ code: problem.error.code, message: explain(problem) });
        return;
      }
      throw problem;
    }
  };

  const verifyButton = h("button", { attrs: { type: "button" }, testid: "backup-verify" }, "Verify a backup file…");
  const restoreButton = h("button", { attrs: { type: "button" }, class: "danger", testid: "backup-restore" }, "Restore from a backup file…");
  verifyButton.addEventListener("click", () => {
    verify({ kind: "chosen" }).catch(report);
  });
  restoreButton.addEventListener("click", () => {
    restore({ kind: "chosen" }, "the chosen backup").catch(report);
  });
  const section = h(
    "section",
    { class: "card", attrs: { "aria-labelledby": "check-backup" } },
    h("h3", { attrs: { id: "check-backup" } }, "Verify or restore a backup"),
    h("p", { class: "hint" }, "Verifying decrypts the backup and checks it completely; nothing is changed."),
    opener.group,
    passField,
    h("div", { class: "actions" }, verifyButton, restoreButton),
    verdict,
  );
  return { section, verify, restore };
}

/** The last component of a path, for messages. */
function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
