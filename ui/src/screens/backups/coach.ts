// "For coaches": an athlete's backup opened with the coach's own kit and shown read-only
// (manifest, newest sessions, records); nothing of it is added to this vault.

import { commands, type AthleteBackup_Serialize } from "../../bindings";
import { h } from "../../lib/dom";
import { CommandError, call, report, say } from "../../lib/messages";
import { formatDate, rowsOf } from "./describe";

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
export function coachSection(): HTMLElement {
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
