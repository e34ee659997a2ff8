// Backups: make an encrypted backup (to this vault's kit plus coaches, or a passphrase),
// list the backups folder, verify or restore a backup, automatic backups and their
// retention, and a coach's read-only view of an athlete's backup. Files are chosen in
// native dialogs opened by the app; this screen never sees or sends a path. Each section
// lives in screens/backups/; this file puts them together. The list and the automatic
// backups draw from the screen's store (the vault's answers) and are asked again after
// every backup or change; the forms keep what the person is typing meanwhile.

import { commands, type BackupFile_Serialize, type BackupSettings, type VaultStatus } from "../bindings";
import { h } from "../lib/dom";
import { call } from "../lib/messages";
import type { Screen } from "../lib/router";
import { showFromVault } from "../lib/store";
import { automaticSection } from "./backups/automatic";
import { coachSection } from "./backups/coach";
import { createSection } from "./backups/create";
import { listSection } from "./backups/list";
import { verifySection } from "./backups/restore";

export { describeStep } from "./backups/describe";
export { NOTICE_AFTER_RELOAD } from "./backups/restore";

/** What the Backups screen shows, as the vault answered. */
interface BackupsState {
  status: VaultStatus;
  settings: BackupSettings;
  files: BackupFile_Serialize[];
}

async function load(): Promise<BackupsState> {
  const [status, settings, files] = await Promise.all([
    call(commands.vaultStatus()),
    call(commands.backupSettings()),
    call(commands.backupList()),
  ]);
  return { status, settings, files };
}

export const backupsScreen: Screen = {
  id: "backups",
  title: "Backups",
  async render(host) {
    // The forms and the checks' results are made once per showing and kept across redraws.
    let checks: ReturnType<typeof verifySection> | null = null;
    let create: HTMLElement | null = null;
    const coach = coachSection();
    await showFromVault(host, load, ({ status, settings, files }, view) => {
      checks ??= verifySection(status.key_mode);
      create ??= createSection(() => view.changed());
      return [
        h(
          "div",
          { class: "backups-grid" },
          create,
          h("div", {}, listSection(files, checks)),
          checks.section,
          automaticSection(settings, () => view.changed()),
          coach,
        ),
      ];
    });
  },
};
