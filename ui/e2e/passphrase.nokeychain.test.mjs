// First run and relaunch of the real app where no keychain can be reached (run by
// e2e/run.sh with no D-Bus session): the app must fail closed, offer passphrase mode,
// and later ask for the passphrase, refusing a wrong one.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { test } from "node:test";

import { App, eventually, required } from "./webdriver.mjs";

const KIT = required("IRONKEEP_E2E_KIT_PATH");
const PASSPHRASE = "quartz lantern otter mapped 91 velvet";

let firstVaultId = "";

test("without a keychain, first run offers and creates a passphrase vault", async () => {
  assert.equal(existsSync(KIT), false, "the run must start without a recovery kit");
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    const alert = await eventually("the keychain error", () => app.alert());
    assert.match(alert, /keychain/i, "the alert says the keychain is the problem");
    assert.equal(existsSync(KIT), false, "nothing is saved when the vault cannot be created");
    assert.equal(await app.isShown("#passphrase-option"), true, "passphrase mode is offered");
    await app.screenshot("passphrase-1-no-keychain");

    await app.type("#new-passphrase", PASSPHRASE);
    await app.type("#confirm-passphrase", PASSPHRASE);
    await app.click("[data-testid=create-passphrase-form] button[type=submit]");
    await app.waitFor("#screen[data-screen=today]");
    await app.goto("settings");
    assert.equal(await app.text("[data-testid=key-mode]"), "passphrase");
    firstVaultId = await app.text("[data-testid=vault-id]");
    assert.match(firstVaultId, /^[0-9a-f]{8,}$/);

    assert.equal(statSync(KIT).mode & 0o777, 0o600);
    assert.match(readFileSync(KIT, "utf8"), /^AGE-SECRET-KEY-1[0-9A-Z]{58}$/m);
  } finally {
    await app.quit();
  }
});

test("a relaunch asks for the passphrase and refuses a wrong one", async () => {
  assert.notEqual(firstVaultId, "", "the first test must have created a vault");
  const app = await App.launch();
  try {
    await app.waitForScreen("#unlock");
    await app.type("#passphrase", "not the passphrase");
    await app.click("[data-testid=unlock-form] button[type=submit]");
    const alert = await eventually("the wrong-passphrase error", () => app.alert());
    assert.notEqual(alert, "");
    assert.equal(await app.isShown("#shell"), false, "a wrong passphrase opens nothing");
    await app.screenshot("passphrase-2-wrong");

    await app.type("#passphrase", PASSPHRASE);
    await app.click("[data-testid=unlock-form] button[type=submit]");
    await app.waitFor("#screen[data-screen=today]");
    await app.goto("settings");
    assert.equal(await app.text("[data-testid=vault-id]"), firstVaultId, "the same vault opens");
    assert.equal(await app.text("[data-testid=key-mode]"), "passphrase");

    // Without a session bus, the data dir's lock keeps a second launch from opening it.
    const second = spawnSync(required("IRONKEEP_E2E_APP"), [], { encoding: "utf8", timeout: 20_000 });
    assert.equal(second.status, 0, `the second launch ended at once: ${second.stderr}`);
    assert.match(second.stderr, /Ironkeep is already open on .+; switch to its window\./);
  } finally {
    await app.quit();
  }
});
