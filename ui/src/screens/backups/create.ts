// "Make a backup": protected by this vault's kit (plus coaches' public keys) or by a
// passphrase alone, saved to a chosen file or into the backups folder. The passphrase
// fields are cleared as soon as the backup is made.

import { commands } from "../../bindings";
import { field, h } from "../../lib/dom";
import { CommandError, report, say } from "../../lib/messages";
import { withProgress } from "../../lib/progress";
import { checkbox, radios } from "./controls";
import { describeStep, formatBytes } from "./describe";

/** "Make a backup": protection, coach recipients, where it goes. */
export function createSection(afterCreate: () => Promise<void>): HTMLElement {
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
