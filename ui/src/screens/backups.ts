// Backups: make an encrypted backup (to this vault's kit plus coaches, or a passphrase),
// list the backups folder, verify or restore a backup, automatic backups and their
// retention, and a coach's read-only view of an athlete's backup. Files are chosen in
// native dialogs opened by the app; this screen never sees or sends a path.

import {
  commands,
  type AthleteBackup_Serialize,
  type BackupChoice,
  type BackupFile_Serialize,
  type BackupSettings,
  type BackupStep,
  type BackupUnlock,
  type KeyMode,
  type Manifest,
} from "../bindings";
import { confirmDialog } from "../lib/confirm";
import { field, h, uniqueId } from "../lib/dom";
import { CommandError, call, fail, report, say } from "../lib/messages";
import { withProgress } from "../lib/progress";
import { refresh, type Screen } from "../lib/router";

/** Where a notice waits across a window reload (read by main.ts). */
export const NOTICE_AFTER_RELOAD = "ironkeep.notice";

const STEP_LABELS: Record<BackupStep, string> = {
  choosing: "Waiting for you to choose a file…",
  writing: "Encrypting and writing the backup…",
  checking: "Decrypting and checking the backup…",
  creating: "Creating the new vault…",
  restoring: "Replacing the vault's contents…",
  reopening: "Opening the restored vault…",
};

/** The progress label of a backup or restore step (shared with the first-run restore). */
export function describeStep(step: BackupStep): { fraction: null; label: string } {
  return { fraction: null, label: STEP_LABELS[step] };
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "?";
  if (bytes < 1024) return `${String(bytes)} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit] ?? "GB"}`;
}

export function formatDate(rfc3339: string): string {
  const date = new Date(rfc3339);
  return Number.isNaN(date.getTime()) ? rfc3339 : date.toLocaleString();
}

function rowsOf(manifest: Manifest, table: string): number {
  return manifest.counts.find((c) => c.table === table)?.rows ?? 0;
}

/** A one-line description of a backup's manifest. */
function manifestLine(manifest: Manifest): string {
  return (
    `made ${formatDate(manifest.created_at)} by Ironkeep ${manifest.app_version}, ` +
    `schema version ${String(manifest.schema_version)}, ` +
    `${String(rowsOf(manifest, "session"))} sessions`
  );
}

/** The GUI sentence for a failure whose core message names CLI flags; else the message. */
function explain(error: CommandError): string {
  switch (error.error.code) {
    case "passphrase_required":
      return "This backup is protected by a passphrase: choose “Its passphrase” below, type it, and try again.";
    case "kit_required":
      return "This backup is encrypted to recovery kits, not a passphrase: choose this vault's kits or a kit file.";
    default:
      return error.error.message;
  }
}

/** A labelled checkbox. */
function checkbox(label: string, testid: string, checked = false): { box: HTMLInputElement; row: HTMLElement } {
  const box = h("input", { attrs: { type: "checkbox", id: uniqueId("check") }, testid });
  box.checked = checked;
  return { box, row: h("div", { class: "check" }, box, h("label", { attrs: { for: box.id } }, label)) };
}

/** A group of radio buttons; returns the group and a reader of the chosen value. */
function radios<V extends string>(
  legend: string,
  name: string,
  options: readonly { value: V; label: string; testid: string }[],
): { group: HTMLElement; value: () => V; inputs: HTMLInputElement[] } {
  const inputs = options.map((option, i) => {
    const input = h("input", {
      attrs: { type: "radio", name, value: option.value, id: uniqueId(name) },
      testid: option.testid,
    });
    input.checked = i === 0;
    return input;
  });
  const group = h(
    "fieldset",
    { class: "choices" },
    h("legend", {}, legend),
    ...inputs.map((input, i) =>
      h("div", { class: "check" }, input, h("label", { attrs: { for: input.id } }, options[i]?.label ?? "")),
    ),
  );
  const value = (): V => (inputs.find((input) => input.checked)?.value ?? options[0]?.value) as V;
  return { group, value, inputs };
}

/** "Make a backup": protection, coach recipients, where it goes. */
function createSection(afterCreate: () => Promise<void>): HTMLElement {
  const protection = radios("Protect it with", "protection", [
    { value: "kit", label: "This vault's recovery kit (and any coaches below)", testid: "protect-kit" },
    { value: "passphrase", label: "A passphrase only", testid: "protect-passphrase" },
  ] as const);
  const recipients = h("textarea", {
    attrs: { rows: 2, spellcheck: "false", placeholder: "age1…" },
    testid: "backup-recipients",
  });
  const recipientsField = field(
    "Coaches' public keys (optional)",
    recipients,
    "One age1… key a line; each coach can then open this backup with their own kit.",
  );
  const pass = h("input", { attrs: { type: "password", autocomplete: "new-password" }, testid: "backup-passphrase" });
  const repeat = h("input", { attrs: { type: "password", autocomplete: "new-password" }, testid: "backup-passphrase-repeat" });
  const passFields = h(
    "div",
    { class: "stack" },
    field("Backup passphrase", pass, "Long and used nowhere else; without it the backup cannot be read."),
    field("Repeat the passphrase", repeat),
  );
  const forCoach = checkbox("Leave out the security log (for a backup you hand to a coach)", "backup-for-coach");
  const result = h("p", { class: "result", attrs: { role: "status" }, testid: "backup-result" });
  const toFile = h("button", { attrs: { type: "submit" }, class: "primary", testid: "backup-save-file" }, "Save backup as…");
  const toFolder = h("button", { attrs: { type: "button" }, testid: "backup-into-folder" }, "Back up into the backups folder");

  const sync = (): void => {
    const withPass = protection.value() === "passphrase";
    passFields.hidden = !withPass;
    recipientsField.hidden = withPass;
    pass.required = withPass;
    repeat.required = withPass;
  };
  for (const input of protection.inputs) input.addEventListener("change", sync);
  sync();
  const checkRepeat = (): void => { repeat.setCustomValidity(repeat.value === pass.value ? "" : "Type the same passphrase twice."); };
  pass.addEventListener("input", checkRepeat);
  repeat.addEventListener("input", checkRepeat);

  const form = h("form", { class: "stack", testid: "backup-form" }, protection.group, recipientsField, passFields, forCoach.row, h("div", { class: "actions" }, toFile, toFolder), result);

  const make = async (intoFolder: boolean): Promise<void> => {
    if (!form.reportValidity()) return;
    const withPass = protection.value() === "passphrase";
    const list = withPass
      ? []
      : recipients.value
          .split(/\s+/)
          .map((line) => line.trim())
          .filter((line) => line !== "");
    result.textContent = "";
    try {
      const made = await withProgress({
        title: "Making a backup",
        work: "backup",
        start: (channel) =>
          commands.backupCreate(
            { recipients: list, passphrase: withPass ? pass.value : null, into_folder: intoFolder, for_coach: forCoach.box.checked },
            channel,
          ),
        describe: describeStep,
      });
      pass.value = "";
      repeat.value = "";
      const readers = made.recipients === 0 ? "its passphrase" : `${String(made.recipients)} recovery kit(s)`;
      result.textContent = `Backup saved to ${made.path} (${formatBytes(made.bytes)}); it opens with ${readers}.`;
      say("The backup is saved.");
      await afterCreate();
    } catch (problem) {
      if (problem instanceof CommandError && problem.error.code === "cancelled") say(problem.error.message);
      else report(problem);
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    make(false).catch(report);
  });
  toFolder.addEventListener("click", () => {
    make(true).catch(report);
  });
  return h("section", { class: "card", attrs: { "aria-labelledby": "make-backup" } }, h("h3", { attrs: { id: "make-backup" } }, "Make a backup"), form);
}

/** The confirmation before a restore; resolves to the vault passphrase ("" in keychain mode) or null. */
async function confirmRestore(what: string, keyMode: KeyMode): Promise<string | null> {
  const pass = h("input", { attrs: { type: "password", autocomplete: "current-password" }, testid: "restore-vault-passphrase" });
  const confirmed = await confirmDialog({
    title: "Restore this backup?",
    body: [
      `Restoring ${what} replaces everything in this vault — every session, exercise, routine and setting ` +
        "logged on this computer — with the backup's contents. Anything logged after the backup was made is lost.",
      "The vault keeps its recovery kit and WHOOP connection, and gets a new key.",
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
function verifySection(keyMode: KeyMode): {
  section: HTMLElement;
  verify: (choice: BackupChoice) => Promise<void>;
  restore: (choice: BackupChoice, what: string) => Promise<void>;
} {
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
        (receipt.kept_whoop_connection ? " The WHOOP connection was kept." : "");
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

/** The backups folder's files, each with Verify and Restore. */
function listSection(
  files: readonly BackupFile_Serialize[],
  actions: { verify: (c: BackupChoice) => Promise<void>; restore: (c: BackupChoice, what: string) => Promise<void> },
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

/** Automatic backups, the backups folder, and pruning with a preview first. */
function automaticSection(settings: BackupSettings, changed: () => Promise<void>): HTMLElement {
  const auto = checkbox("Make an automatic backup when the app starts and after a session (at most one a day)", "backup-auto", settings.automatic);
  auto.box.addEventListener("change", () => {
    call(commands.backupSetAutomatic(auto.box.checked))
      .then((now) => { say(now.automatic ? "Automatic backups are on." : "Automatic backups are off."); })
      .catch(report);
  });
  const chooseFolder = h("button", { attrs: { type: "button" }, testid: "backup-choose-folder" }, "Choose another folder…");
  const resetFolder = h("button", { attrs: { type: "button" } }, "Use the default folder");
  chooseFolder.addEventListener("click", () => {
    call(commands.backupChooseFolder())
      .then(changed)
      .catch((problem: unknown) => {
        if (problem instanceof CommandError && problem.error.code === "cancelled") say(problem.error.message);
        else report(problem);
      });
  });
  resetFolder.addEventListener("click", () => {
    call(commands.backupResetFolder()).then(changed).catch(report);
  });

  const number = (label: string, value: number, max: number, testid: string): { input: HTMLInputElement; row: HTMLElement } => {
    const input = h("input", { attrs: { type: "number", min: 0, max, step: 1, required: true, value }, testid });
    return { input, row: field(label, input) };
  };
  const policy = settings.retention;
  const daily = number("Daily backups to keep", policy.daily, 3650, "keep-daily");
  const weekly = number("Weekly backups to keep", policy.weekly, 520, "keep-weekly");
  const monthly = number("Monthly backups to keep", policy.monthly, 1200, "keep-monthly");
  const plan = h("div", { attrs: { role: "status" }, testid: "prune-plan" });
  const preview = h("button", { attrs: { type: "submit" }, testid: "prune-preview" }, "Preview what would be deleted");
  const confirm = h("button", { attrs: { type: "button", disabled: true }, class: "danger", testid: "prune-confirm" }, "Delete them");
  const form = h(
    "form",
    { class: "stack", testid: "prune-form" },
    h("div", { class: "inline-fields" }, daily.row, weekly.row, monthly.row),
    h("div", { class: "actions" }, preview, confirm),
    plan,
  );
  const keep = (): { daily: number; weekly: number; monthly: number } => ({
    daily: daily.input.valueAsNumber,
    weekly: weekly.input.valueAsNumber,
    monthly: monthly.input.valueAsNumber,
  });
  // A committed change is saved as the vault's retention policy (what `ironkeep backup
  // prune` keeps too); an invalid count is shown, not sent.
  const save = (event: Event): void => {
    if (!form.checkValidity()) {
      if (event.target instanceof HTMLInputElement) event.target.reportValidity();
      return;
    }
    call(commands.backupSetRetention(keep()))
      .then((saved) => {
        const { daily: d, weekly: w, monthly: m } = saved.retention;
        say(`Saved: keep ${String(d)} daily, ${String(w)} weekly and ${String(m)} monthly automatic backups.`);
      })
      .catch(report);
  };
  for (const input of [daily.input, weekly.input, monthly.input]) {
    input.addEventListener("input", () => { confirm.setAttribute("disabled", ""); });
    input.addEventListener("change", save);
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    call(commands.backupPrune(keep(), true))
      .then((dry) => {
        plan.replaceChildren(
          h("p", {}, `Would delete ${String(dry.delete.length)} automatic backup(s) and keep ${String(dry.keep.length)}. Manual backups are never deleted.`),
          h("ul", { class: "names" }, ...dry.delete.map((path) => h("li", {}, path.split(/[\\/]/).pop() ?? path))),
        );
        if (dry.delete.length > 0) confirm.removeAttribute("disabled");
        else confirm.setAttribute("disabled", "");
      })
      .catch(report);
  });
  confirm.addEventListener("click", () => {
    call(commands.backupPrune(keep(), false))
      .then(async (done) => {
        await changed();
        say(`Deleted ${String(done.delete.length)} automatic backup(s); kept ${String(done.keep.length)}.`);
      })
      .catch(report);
  });

  return h(
    "section",
    { class: "card", attrs: { "aria-labelledby": "auto-title" } },
    h("h3", { attrs: { id: "auto-title" } }, "Automatic backups"),
    auto.row,
    h("dl", { class: "facts" }, h("dt", {}, "Backups folder"), h("dd", { class: "path", testid: "backup-folder" }, settings.folder)),
    h("p", { class: "hint" }, "Put it in a folder that Syncthing or a cloud drive already syncs to keep copies off this computer: backups are encrypted."),
    h("div", { class: "actions" }, chooseFolder, resetFolder),
    h("h4", {}, "Keep old automatic backups"),
    h("p", { class: "hint" }, "These counts are saved for this vault; ironkeep backup prune keeps them too."),
    form,
  );
}

/** The read-only view of an athlete's backup. */
function athleteView(backup: AthleteBackup_Serialize, close: () => void): HTMLElement {
  const m = backup.manifest;
  const sessionRows = backup.sessions.map((s) =>
    h(
      "tr",
      { testid: "athlete-session" },
      h("td", {}, formatDate(s.started_at)),
      h("td", {}, s.name),
      h("td", { class: "number" }, String(s.sets)),
      h("td", { class: "number" }, s.volume_kg === null ? "?" : `${Math.round(s.volume_kg).toLocaleString()} kg`),
    ),
  );
  const kg = (value: number | null | undefined): string => (value === null || value === undefined ? "—" : `${value.toFixed(1)} kg`);
  const recordRows = backup.records.map((r) =>
    h(
      "tr",
      { testid: "athlete-record" },
      h("td", {}, r.exercise),
      h("td", { class: "number" }, kg(r.best_e1rm?.value)),
      h("td", { class: "number" }, kg(r.heaviest?.value)),
      h("td", { class: "number" }, kg(r.best_set_volume?.value)),
    ),
  );
  const closeButton = h("button", { attrs: { type: "button" }, testid: "athlete-close" }, "Close this view");
  closeButton.addEventListener("click", close);
  const th = (label: string): HTMLElement => h("th", { attrs: { scope: "col" } }, label);
  return h(
    "section",
    { class: "card athlete", attrs: { "aria-labelledby": "athlete-title" }, testid: "athlete-view" },
    h("p", { class: "banner", testid: "athlete-banner" }, `Read-only view of ${backup.file_name} — nothing from it is added to your vault.`),
    h("h3", { attrs: { id: "athlete-title" } }, "An athlete's backup"),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Vault ID"),
      h("dd", { class: "path", testid: "athlete-vault-id" }, m.vault_id),
      h("dt", {}, "Made"),
      h("dd", {}, `${formatDate(m.created_at)} by Ironkeep ${m.app_version}`),
      h("dt", {}, "Schema version"),
      h("dd", {}, String(m.schema_version)),
      h("dt", {}, "Sessions"),
      h("dd", { testid: "athlete-session-count" }, String(rowsOf(m, "session"))),
      h("dt", {}, "Sets"),
      h("dd", {}, String(rowsOf(m, "session_set"))),
    ),
    h("h4", {}, backup.more_sessions ? `Newest ${String(backup.sessions.length)} sessions` : "Sessions"),
    backup.sessions.length === 0
      ? h("p", {}, "No sessions.")
      : h("table", { class: "data", testid: "athlete-sessions" }, h("thead", {}, h("tr", {}, th("Date"), th("Session"), th("Sets"), th("Volume"))), h("tbody", {}, ...sessionRows)),
    h("h4", {}, "Records"),
    backup.records.length === 0
      ? h("p", {}, "No records.")
      : h("table", { class: "data", testid: "athlete-records" }, h("thead", {}, h("tr", {}, th("Exercise"), th("Best e1RM"), th("Heaviest"), th("Best set volume"))), h("tbody", {}, ...recordRows)),
    closeButton,
  );
}

/** "For coaches": open an athlete's backup with the coach's own kit. */
function coachSection(): HTMLElement {
  const holder = h("div", {});
  const open = h("button", { attrs: { type: "button" }, testid: "athlete-open" }, "Open an athlete's backup…");
  open.addEventListener("click", () => {
    call(commands.backupOpenAthlete())
      .then((backup) => {
        holder.replaceChildren(athleteView(backup, () => { holder.replaceChildren(); }));
        say(`Showing ${backup.file_name} read-only.`);
      })
      .catch((problem: unknown) => {
        if (problem instanceof CommandError && problem.error.code === "cancelled") say(problem.error.message);
        else report(problem);
      });
  });
  return h(
    "section",
    { class: "card", attrs: { "aria-labelledby": "coach-title" } },
    h("h3", { attrs: { id: "coach-title" } }, "For coaches"),
    h(
      "p",
      { class: "hint" },
      "An athlete can make a backup to your public key (Settings shows it). Open it here with your own recovery kit, " +
        "chosen next: you see it read-only, and it is never merged into your vault.",
    ),
    open,
    holder,
  );
}

export const backupsScreen: Screen = {
  id: "backups",
  title: "Backups",
  async render(host) {
    const [status, settings, files] = await Promise.all([
      call(commands.vaultStatus()),
      call(commands.backupSettings()),
      call(commands.backupList()),
    ]);
    const checks = verifySection(status.key_mode);
    const list = h("div", {}, listSection(files, checks));
    const reloadList = async (): Promise<void> => {
      list.replaceChildren(listSection(await call(commands.backupList()), checks));
    };
    host.append(
      h(
        "div",
        { class: "backups-grid" },
        createSection(reloadList),
        list,
        checks.section,
        automaticSection(settings, refresh),
        coachSection(),
      ),
    );
  },
};
