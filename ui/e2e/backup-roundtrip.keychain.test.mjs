// A backup's whole life in the real app: make one into a chosen file and one into the
// backups folder, check the file with the stock `age` and `sqlite3` tools and the kit,
// verify it in the app (and see a damaged copy refused), log more, restore the backup,
// see the vault hold exactly what the backup held again, and undo the restore with the
// backup it kept.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { App, required } from "./webdriver.mjs";
import { answerDialog, importSessions, settingsCount, shownAfterReload, staged, waitForText } from "./backup-lib.mjs";

const KIT = required("IRONKEEP_E2E_KIT_PATH");
const DATA_DIR = required("IRONKEEP_DATA_DIR");

test("a backup is made, checked by age, verified, and restored", async () => {
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today]");
    importSessions("Before", 3, "2026-03-02");
    assert.equal(await settingsCount(app, "sessions"), 3, "the vault holds the imported sessions");
    const schema = await app.text("[data-testid=schema-version]");

    // A backup into a chosen file.
    const file = staged("roundtrip.age");
    answerDialog("save-backup", file);
    await app.goto("backups");
    await app.screenshot("backup-1-screen");
    await app.click("[data-testid=backup-save-file]");
    const result = await waitForText(app, "[data-testid=backup-result]", /Backup saved/);
    assert.match(result, /roundtrip\.age/, "the result names the file");
    assert.match(result, /1 recovery kit/, "the backup opens with the vault's own kit");
    assert.equal(statSync(file).mode & 0o777, 0o600, "the backup is readable by its owner only");

    // The stock tools read it with the recovery kit: a plain SQLite image with the sessions.
    const plain = execFileSync("age", ["-d", "-i", KIT, file]);
    assert.equal(plain.subarray(0, 16).toString("latin1"), "SQLite format 3\0", "age decrypts it to SQLite");
    const image = staged("roundtrip.sqlite");
    writeFileSync(image, plain);
    const sessions = execFileSync("sqlite3", [image, "SELECT count(*) FROM session;"]).toString().trim();
    assert.equal(sessions, "3", "sqlite3 finds the sessions in the image");

    // A backup into the backups folder is listed, with its schema version.
    await app.click("[data-testid=backup-into-folder]");
    await waitForText(app, "[data-testid=backup-result]", /Backup saved.*ironkeep-/);
    await app.waitFor("[data-testid=backups-list] [data-testid=backup-row]");
    assert.equal(await app.text("[data-testid=backup-row] [data-testid=row-schema]"), schema);
    await app.click("[data-testid=backup-row] [data-testid=row-verify]");
    await waitForText(app, "[data-testid=verdict-title]", /^Verified/);

    // Verify the chosen file; a damaged copy is refused.
    answerDialog("open-backup", file);
    await app.click("[data-testid=backup-verify]");
    const verdict = await waitForText(app, "[data-testid=backup-verdict]", /Verified/);
    assert.match(verdict, /roundtrip\.age/);
    assert.match(verdict, /3 sessions/, "the verdict shows what the backup holds");
    await app.run(`document.querySelector("[data-testid=backup-verdict]").scrollIntoView({ block: "center" });`);
    await app.screenshot("backup-2-verified");

    const bytes = readFileSync(file);
    bytes[bytes.length - 100] ^= 0xff;
    const damaged = staged("damaged.age");
    writeFileSync(damaged, bytes);
    answerDialog("open-backup", damaged);
    await app.click("[data-testid=backup-verify]");
    const refused = await waitForText(app, "[data-testid=backup-verdict]", /Not verified/);
    assert.match(refused, /damaged|altered/i, "the verdict says the file was altered");

    // Log more, then restore the backup: the later sessions are gone again.
    importSessions("After", 2, "2026-04-01");
    assert.equal(await settingsCount(app, "sessions"), 5);
    await app.goto("backups");
    answerDialog("open-backup", file);
    await app.click("[data-testid=backup-restore]");
    await app.waitFor("[data-testid=restore-dialog]");
    await app.screenshot("backup-3-restore-confirm");
    await app.click("[data-testid=restore-confirm]");
    await shownAfterReload(app, "#screen[data-screen=settings][aria-busy=false]");
    const notice = await waitForText(app, "[data-testid=notice]", /Restored/);
    assert.match(notice, /new key/);
    const undoName = /saved as (ironkeep-\S+-before-restore-\S+\.age) in the backups folder/.exec(notice)?.[1];
    assert.ok(undoName, `the notice names the undo backup: ${notice}`);
    assert.equal(await settingsCount(app, "sessions"), 3, "the restored vault holds the backup's sessions");
    await app.screenshot("backup-4-restored");

    // Undo: restoring the kept backup brings the later sessions back.
    const undoFile = join(DATA_DIR, "backups", undoName);
    assert.ok(existsSync(undoFile), `${undoFile} exists`);
    await app.goto("backups");
    answerDialog("open-backup", undoFile);
    await app.click("[data-testid=backup-restore]");
    await app.waitFor("[data-testid=restore-dialog]");
    await app.click("[data-testid=restore-confirm]");
    await shownAfterReload(app, "#screen[data-screen=settings][aria-busy=false]");
    await waitForText(app, "[data-testid=notice]", /Restored/);
    assert.equal(await settingsCount(app, "sessions"), 5, "the undo brought back what the restore replaced");
    // Back to the backup's state for the relaunch test below.
    await app.goto("backups");
    answerDialog("open-backup", file);
    await app.click("[data-testid=backup-restore]");
    await app.waitFor("[data-testid=restore-dialog]");
    await app.click("[data-testid=restore-confirm]");
    await shownAfterReload(app, "#screen[data-screen=settings][aria-busy=false]");
    await waitForText(app, "[data-testid=notice]", /Restored/);
    assert.equal(await settingsCount(app, "sessions"), 3);
  } finally {
    await app.quit();
  }
});

test("after a relaunch the restored vault opens from the keychain", async () => {
  const app = await App.launch();
  try {
    await app.waitFor("#screen[data-screen=today]");
    assert.equal(await settingsCount(app, "sessions"), 3);
  } finally {
    await app.quit();
  }
});
