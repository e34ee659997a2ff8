// Automatic backups: on or off, the backups folder (moved in a native dialog), and the
// vault's retention policy, saved when a count changes, with a preview of what pruning
// would delete before anything is deleted.

import { commands, type BackupSettings } from "../../bindings";
import { field, h } from "../../lib/dom";
import { CommandError, call, report, say } from "../../lib/messages";
import { checkbox } from "./controls";

/** Automatic backups, the backups folder, and pruning with a preview first. */
export function automaticSection(settings: BackupSettings, changed: () => Promise<void>): HTMLElement {
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
