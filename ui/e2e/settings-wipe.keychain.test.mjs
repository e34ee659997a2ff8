// Settings in the real app: the theme switches and sticks, a new recovery kit is saved,
// the key rotates, and erasing the vault (typed confirmation) leaves no database and
// returns to first run — from which the vault comes back out of a backup with its kit.

import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { App, required } from "./webdriver.mjs";
import { answerDialog, importSessions, settingsCount, shownAfterReload, staged, waitForText } from "./backup-lib.mjs";

const DATA_DIR = required("IRONKEEP_DATA_DIR");

const theme = (app) => app.run(`return document.documentElement.getAttribute("data-theme");`);
const background = (app) => app.run(`return getComputedStyle(document.body).backgroundColor;`);

test("theme, key rotation, a new kit, then wipe and first-run restore", async () => {
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today]");
    importSessions("Lifted", 2, "2026-06-01");
    assert.equal(await settingsCount(app, "sessions"), 2);
    const firstId = await app.text("[data-testid=vault-id]");

    // Theme: dark, then light, applied at once to <html>.
    await app.run(`document.querySelector("[data-testid=theme-dark]").scrollIntoView({ block: "center" });`);
    await app.click("[data-testid=theme-dark]");
    assert.equal(await theme(app), "dark");
    assert.equal(await background(app), "rgb(15, 23, 42)");
    await app.screenshot("settings-1-dark");
    await app.click("[data-testid=theme-light]");
    assert.equal(await theme(app), "light");
    assert.equal(await background(app), "rgb(248, 250, 252)");
    await app.screenshot("settings-2-light");

    // Key rotation keeps the data.
    await app.click("[data-testid=key-rotate]");
    await app.click("[data-testid=rotate-confirm]");
    await waitForText(app, "[data-testid=notice]", /key was rotated/);
    assert.equal(await settingsCount(app, "sessions"), 2);

    // A new recovery kit: saved 0600, and the vault's public key changes to it.
    const oldRecipient = await app.text("[data-testid=recipient]");
    const newKit = staged("new-kit.txt");
    answerDialog("save-kit", newKit);
    await app.click("[data-testid=kit-rotate]");
    await app.waitFor("[data-testid=kit-dialog]");
    await app.click("[data-testid=kit-confirm]");
    await waitForText(app, "[data-testid=notice]", /new recovery kit is saved/);
    assert.equal(statSync(newKit).mode & 0o777, 0o600);
    const newRecipient = await app.text("[data-testid=recipient]");
    assert.notEqual(newRecipient, oldRecipient);
    assert.match(readFileSync(newKit, "utf8"), new RegExp(`^# public key: ${newRecipient}$`, "m"));

    // A backup to the new kit, for after the wipe.
    const backup = staged("before-wipe.age");
    answerDialog("save-backup", backup);
    await app.goto("backups");
    await app.click("[data-testid=backup-save-file]");
    await waitForText(app, "[data-testid=backup-result]", /Backup saved/);

    // Wipe: the button stays disabled until the confirmation matches.
    await app.goto("settings");
    await app.click("[data-testid=wipe-open]");
    await app.type("[data-testid=wipe-confirmation]", "wip");
    assert.equal(await app.run(`return document.querySelector("[data-testid=wipe-confirm]").disabled;`), true);
    await app.type("[data-testid=wipe-confirmation]", "e");
    await app.screenshot("settings-3-wipe-confirm");
    assert.equal(await app.run(`return document.querySelector("[data-testid=wipe-confirm]").disabled;`), false);
    await app.click("[data-testid=wipe-confirm]");
    await shownAfterReload(app, "#first-run");
    assert.match(await app.text("[data-testid=notice]"), new RegExp(`Vault ${firstId} was erased`));
    assert.equal(existsSync(join(DATA_DIR, "vault.db")), false, "the database is gone");
    assert.equal(existsSync(join(DATA_DIR, "vault.json")), false);
    assert.equal(await theme(app), "light", "the theme survives the reload");
    await app.screenshot("settings-4-first-run-after-wipe");

    // First run: restore the backup with its kit.
    answerDialog("open-backup", backup);
    answerDialog("open-kit", newKit);
    await app.click("[data-testid=restore-first-run]");
    await app.waitFor("#screen[data-screen=today]");
    await waitForText(app, "[data-testid=notice]", /restored/);
    assert.equal(await settingsCount(app, "sessions"), 2, "the sessions are back");
    assert.equal(await app.text("[data-testid=recipient]"), newRecipient, "the backup's kit stays the vault's kit");
    assert.equal(await app.text("[data-testid=key-mode]"), "keychain");
  } finally {
    await app.quit();
  }
});
