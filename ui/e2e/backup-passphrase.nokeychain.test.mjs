// Backups without a keychain, in the real app: the first-run keychain failure is
// explained in the window's terms, a passphrase vault restores a backup (the vault's
// passphrase is asked in the confirmation) and still unlocks after a relaunch, and after
// a wipe first run restores the backup into a new passphrase vault.

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { test } from "node:test";

import { App, eventually, required } from "./webdriver.mjs";
import { answerDialog, importSessions, settingsCount, shownAfterReload, staged, waitForText } from "./backup-lib.mjs";

const KIT = required("IRONKEEP_E2E_KIT_PATH");
const PASSPHRASE = "copper meadow lantern ninety orbit";
const SECOND = "granite willow compass eighty tide";

const disabled = (app, css) => app.run(`return document.querySelector(arguments[0]).disabled;`, [css]);

test("a passphrase vault restores a backup and unlocks afterwards", async () => {
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    const alert = await eventually("the keychain error", () => app.alert());
    assert.match(alert, /no system keychain/, "the window explains the keychain in its own terms");
    assert.doesNotMatch(alert, /--passphrase|init/, "no command-line advice in the window");
    assert.equal(await app.isShown("#restore-vault-passphrase-fields"), true, "restoring offers a vault passphrase too");

    await app.type("#new-passphrase", PASSPHRASE);
    await app.type("#confirm-passphrase", PASSPHRASE);
    await app.click("[data-testid=create-passphrase-form] button[type=submit]");
    await app.waitFor("#screen[data-screen=today]");
    importSessions("Solo", 3, "2026-07-01", PASSPHRASE);
    assert.equal(await settingsCount(app, "sessions"), 3);

    await app.goto("backups");
    await app.click("[data-testid=backup-into-folder]");
    await waitForText(app, "[data-testid=backup-result]", /Backup saved/);
    importSessions("Later", 2, "2026-08-01", PASSPHRASE);
    assert.equal(await settingsCount(app, "sessions"), 5);

    await app.goto("backups");
    await app.click("[data-testid=backup-row] [data-testid=row-restore]");
    await app.waitFor("[data-testid=restore-dialog]");
    assert.equal(await disabled(app, "[data-testid=restore-confirm]"), true, "the vault passphrase is needed first");
    await app.type("[data-testid=restore-vault-passphrase]", PASSPHRASE);
    assert.equal(await disabled(app, "[data-testid=restore-confirm]"), false);
    await app.click("[data-testid=restore-confirm]");
    await waitForText(app, "[data-testid=notice]", /Restored/);
    assert.equal(await settingsCount(app, "sessions"), 3, "the backup's sessions, not the later ones");
  } finally {
    await app.quit();
  }
});

test("after a relaunch the restored vault unlocks with its passphrase; wiped, first run restores it", async () => {
  const app = await App.launch();
  try {
    await app.waitForScreen("#unlock");
    await app.type("#passphrase", PASSPHRASE);
    await app.click("[data-testid=unlock-form] button[type=submit]");
    await app.waitFor("#screen[data-screen=today]");
    assert.equal(await settingsCount(app, "sessions"), 3);

    await app.click("[data-testid=wipe-open]");
    await app.type("[data-testid=wipe-confirmation]", "wipe");
    assert.equal(await disabled(app, "[data-testid=wipe-confirm]"), true, "the vault passphrase is needed first");
    await app.type("[data-testid=wipe-vault-passphrase]", PASSPHRASE);
    await app.click("[data-testid=wipe-confirm]");
    await shownAfterReload(app, "#first-run");

    // The backup kept in the backups folder, opened with the first vault's kit.
    const folder = staged("data/backups");
    const [backup] = readdirSync(folder);
    assert.ok(backup, "the wipe left the backups folder alone");
    answerDialog("open-backup", `${folder}/${backup}`);
    answerDialog("open-kit", KIT);
    await app.click("[data-testid=restore-first-run]");
    assert.match(await eventually("the keychain error", () => app.alert()), /no system keychain/);
    await app.type("#restore-vault-passphrase", SECOND);
    await app.type("#restore-vault-passphrase-repeat", SECOND);
    await app.screenshot("backup-7-first-run-restore");
    await app.click("[data-testid=restore-first-run]");
    await app.waitFor("#screen[data-screen=today]");
    assert.equal(await settingsCount(app, "sessions"), 3, "the backup's sessions are back");
    assert.equal(await app.text("[data-testid=key-mode]"), "passphrase");
  } finally {
    await app.quit();
  }
});
