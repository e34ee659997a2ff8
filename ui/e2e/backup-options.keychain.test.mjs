// The Backups screen's other paths in the real app: a passphrase-only backup (refused
// without its passphrase, refused with a wrong one, verified with the right one), moving
// the backups folder, turning automatic backups off, pruning automatic backups with a
// preview first, and the retention counts saved as the vault's policy (shown again after
// leaving the screen and after a relaunch, refused when out of bounds, kept by the CLI).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { App } from "./webdriver.mjs";
import { answerDialog, cli, staged, waitForText } from "./backup-lib.mjs";

const PASSPHRASE = "harbor violet anvil seventeen kettle drum";

/** The retention counts the Backups screen shows. */
async function shownRetention(app) {
  await app.goto("today");
  await app.goto("backups");
  return app.run(
    `return ["keep-daily", "keep-weekly", "keep-monthly"]
       .map((id) => document.querySelector("[data-testid=" + id + "]").value);`,
  );
}

test("passphrase backups, the backups folder, automatic backups and pruning", async () => {
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today]");
    await app.goto("settings");
    const vaultId = await app.text("[data-testid=vault-id]");

    // Move the backups folder first, so every file below lands in a known place.
    const synced = staged("synced");
    mkdirSync(synced, { mode: 0o700 });
    answerDialog("backups-folder", synced);
    await app.goto("backups");
    await app.click("[data-testid=backup-choose-folder]");
    await waitForText(app, "[data-testid=backup-folder]", new RegExp(`^${synced}$`));

    // A passphrase-only backup into the folder.
    await app.click("[data-testid=protect-passphrase]");
    await app.type("[data-testid=backup-passphrase]", PASSPHRASE);
    await app.type("[data-testid=backup-passphrase-repeat]", PASSPHRASE);
    await app.click("[data-testid=backup-into-folder]");
    assert.match(await waitForText(app, "[data-testid=backup-result]", /Backup saved/), /opens with its passphrase/);
    const made = readdirSync(synced).filter((name) => name.startsWith(`ironkeep-${vaultId}-`));
    assert.equal(made.length, 1, "the backup went into the chosen folder");
    await app.waitFor("[data-testid=backup-row]");
    assert.match(await app.text("[data-testid=backup-row]"), /a passphrase/);

    // The vault's kits cannot open it; a wrong passphrase neither; the right one can.
    await app.click("[data-testid=backup-row] [data-testid=row-verify]");
    assert.match(await waitForText(app, "[data-testid=backup-verdict]", /Not verified/), /protected by a passphrase/);
    await app.click("[data-testid=open-with-passphrase]");
    await app.type("[data-testid=open-passphrase]", "not the passphrase at all");
    await app.click("[data-testid=backup-row] [data-testid=row-verify]");
    assert.match(await waitForText(app, "[data-testid=backup-verdict]", /Not verified/), /wrong passphrase/i);
    await app.run(`document.querySelector("[data-testid=open-passphrase]").value = "";`);
    await app.type("[data-testid=open-passphrase]", PASSPHRASE);
    await app.click("[data-testid=backup-row] [data-testid=row-verify]");
    await waitForText(app, "[data-testid=backup-verdict]", /^Verified/);

    // Automatic backups off, and it sticks.
    assert.equal(await app.run(`return document.querySelector("[data-testid=backup-auto]").checked;`), true);
    await app.click("[data-testid=backup-auto]");
    await waitForText(app, "[data-testid=notice]", /Automatic backups are off/);
    await app.goto("today");
    await app.goto("backups");
    assert.equal(await app.run(`return document.querySelector("[data-testid=backup-auto]").checked;`), false);

    // Ten daily automatic backups; keep 2 daily and no weekly or monthly ones.
    for (let day = 1; day <= 10; day += 1) {
      const stamp = `202601${String(day).padStart(2, "0")}T060000Z`;
      copyFileSync(join(synced, made[0]), join(synced, `ironkeep-${vaultId}-auto-${stamp}.age`));
    }
    await app.goto("today");
    await app.goto("backups");
    assert.deepEqual(await shownRetention(app), ["7", "4", "12"], "the default policy until one is saved");
    for (const [testid, value] of [["keep-daily", "2"], ["keep-weekly", "0"], ["keep-monthly", "0"]]) {
      await app.run(`document.querySelector("[data-testid=${testid}]").value = "";`);
      await app.type(`[data-testid=${testid}]`, value);
    }
    assert.equal(await app.run(`return document.querySelector("[data-testid=prune-confirm]").disabled;`), true);
    await app.click("[data-testid=prune-preview]");
    await waitForText(app, "[data-testid=notice]", /Saved: keep 2 daily, 0 weekly and 0 monthly automatic backups/);
    const plan = await waitForText(app, "[data-testid=prune-plan]", /Would delete/);
    assert.match(plan, /Would delete 8 automatic backup\(s\) and keep 2/);
    assert.ok(plan.includes(`ironkeep-${vaultId}-auto-20260108T060000Z.age`), "the plan names the files");
    assert.ok(!plan.includes(`auto-20260110T060000Z`), "the newest is kept");
    assert.equal(readdirSync(synced).length, 11, "a preview deletes nothing");
    await app.run(`document.querySelector("[data-testid=prune-plan]").scrollIntoView({ block: "center" });`);
    await app.screenshot("backup-6-prune-preview");
    await app.click("[data-testid=prune-confirm]");
    await waitForText(app, "[data-testid=notice]", /Deleted 8 automatic backup/);
    const left = readdirSync(synced).sort();
    assert.deepEqual(left, [
      made[0],
      `ironkeep-${vaultId}-auto-20260109T060000Z.age`,
      `ironkeep-${vaultId}-auto-20260110T060000Z.age`,
    ].sort(), "the manual backup and the two newest automatic ones remain");

    // The counts are the vault's retention policy now: shown again after leaving the screen.
    assert.deepEqual(await shownRetention(app), ["2", "0", "0"], "the saved counts are shown again");
    // An out-of-bounds policy is refused with a typed error and changes nothing.
    const refused = await app.run(
      `return window.__TAURI_INTERNALS__.invoke("backup_set_retention", { keep: { daily: 2, weekly: 521, monthly: 0 } })
         .then(() => null, (err) => err);`,
    );
    assert.equal(refused?.code, "invalid_input", JSON.stringify(refused));
    assert.match(refused.message, /at most 520/);
    // The UI refuses it too, without sending it.
    await app.run(`document.querySelector("[data-testid=keep-weekly]").value = "";`);
    await app.type("[data-testid=keep-weekly]", "9999");
    await app.click("[data-testid=keep-daily]");
    assert.equal(await app.run(`return document.querySelector("[data-testid=keep-weekly]").validity.valid;`), false);
    assert.deepEqual(await shownRetention(app), ["2", "0", "0"], "refused counts change nothing");
    await app.run(`document.querySelector("[data-testid=prune-form]").scrollIntoView({ block: "center" });`);
    await app.screenshot("backup-8-retention-saved");
  } finally {
    await app.quit();
  }
});

test("after a relaunch the saved retention policy is shown, and the CLI keeps it", async () => {
  const app = await App.launch();
  try {
    await app.waitFor("#screen[data-screen=today]");
    assert.deepEqual(await shownRetention(app), ["2", "0", "0"]);
    const dry = JSON.parse(execFileSync(cli(), ["--json", "backup", "prune", "--dry-run"], { encoding: "utf8" }));
    assert.deepEqual(dry.retention, { daily: 2, weekly: 0, monthly: 0 }, "backup prune without flags keeps the saved policy");
    assert.equal(dry.delete.length, 0, "nothing more to delete under the same policy");
  } finally {
    await app.quit();
  }
});
