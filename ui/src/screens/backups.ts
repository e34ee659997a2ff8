// Backups: make an encrypted backup (to this vault's kit plus coaches, or a passphrase),
// list the backups folder, verify or restore a backup, automatic backups and their
// retention, and a coach's read-only view of an athlete's backup. Files are chosen in
// native dialogs opened by the app; this screen never sees or sends a path. Each section
// lives in screens/backups/; this file puts them together.

import { commands } from "../bindings";
import { h } from "../lib/dom";
import { call } from "../lib/messages";
import { refresh, type Screen } from "../lib/router";
import { automaticSection } from "./backups/automatic";
import { coachSection } from "./backups/coach";
import { createSection } from "./backups/create";
import { listSection } from "./backups/list";
import { verifySection } from "./backups/restore";

export { describeStep } from "./backups/describe";
export { NOTICE_AFTER_RELOAD } from "./backups/restore";

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
