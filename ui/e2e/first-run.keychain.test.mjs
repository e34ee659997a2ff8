// First run and relaunch of the real app with a working keychain (run by e2e/run.sh,
// inside a private D-Bus session with an unlocked gnome-keyring).

import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { test } from "node:test";

import { App, required } from "./webdriver.mjs";

const KIT = required("IRONKEEP_E2E_KIT_PATH");
const DATA_DIR = required("IRONKEEP_DATA_DIR");

let firstVaultId = "";

test("first run creates a keychain vault and saves its recovery kit", async () => {
  assert.equal(existsSync(KIT), false, "the run must start without a recovery kit");
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    assert.equal(await app.isShown("#shell"), false, "no screens before a vault exists");
    await app.screenshot("keychain-1-first-run");

    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today]");
    await app.goto("settings");
    await app.screenshot("keychain-2-created");

    assert.equal(await app.text("[data-testid=key-mode]"), "keychain");
    firstVaultId = await app.text("[data-testid=vault-id]");
    assert.match(firstVaultId, /^[0-9a-f]{8,}$/, "the status shows the new vault's id");
    assert.match(await app.text("[data-testid=schema-version]"), /^[1-9]\d*$/);
    assert.equal(await app.text("[data-testid=keychain]"), "reachable, key present");
    assert.equal(await app.text("[data-testid=data-dir]"), DATA_DIR);
    assert.equal(await app.isShown("[data-testid=kit-pending]"), false, "the kit was saved");
    const recipient = await app.text("[data-testid=recipient]");
    assert.match(recipient, /^age1[0-9a-z]{58}$/, "the status shows the vault's public key");

    const kit = statSync(KIT);
    assert.equal(kit.mode & 0o777, 0o600, "the recovery kit is readable by its owner only");
    const kitText = readFileSync(KIT, "utf8");
    assert.match(kitText, /^AGE-SECRET-KEY-1[0-9A-Z]{58}$/m, "the kit holds one age identity line");
    assert.match(kitText, new RegExp(`^# vault: ${firstVaultId}$`, "m"), "the kit names this vault");
    assert.match(kitText, new RegExp(`^# public key: ${recipient}$`, "m"), "the kit matches the vault");
  } finally {
    await app.quit();
  }
});

test("a relaunch opens the same vault straight from the keychain", async () => {
  assert.notEqual(firstVaultId, "", "the first-run test must have created a vault");
  const app = await App.launch();
  try {
    await app.waitFor("#screen[data-screen=today]");
    await app.screenshot("keychain-3-relaunched");
    await app.goto("settings");
    assert.equal(await app.isShown("#first-run"), false, "no first-run screen once a vault exists");
    assert.equal(await app.text("[data-testid=vault-id]"), firstVaultId, "the same vault opens");
    assert.equal(await app.text("[data-testid=key-mode]"), "keychain");
  } finally {
    await app.quit();
  }
});
