// The webview never receives a secret: every read-only command the UI can call is invoked
// from the page, and neither its answers, nor the page's markup, nor its storage may hold
// the vault's database key (read from the real keychain) or the recovery kit's identity.
// The commands come from the generated bindings, so a new read command is covered the
// day it is added.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test } from "node:test";

import { App, required } from "./webdriver.mjs";

const KIT = required("IRONKEEP_E2E_KIT_PATH");
const BINDINGS = fileURLToPath(new URL("../src/bindings.ts", import.meta.url));

/** Commands that take no argument and only read (the bindings' zero-argument commands,
 *  minus those that open a dialog, start work or change something). */
function readCommands() {
  const text = readFileSync(BINDINGS, "utf8");
  const changes = /create|save|sync|wipe|rotate|restore|delete|connect|cancel|start|finish|prune|export|import|open|unlock|begin|set_|add|edit|remove|log|undo|close|skip|stop/;
  return [...text.matchAll(/^\s+\w+: \(\) => typedError<[^>]+>\(__TAURI_INVOKE\("(\w+)"\)\)/gm)]
    .map((match) => match[1])
    .filter((name) => !changes.test(name));
}

test("no command answer, markup or storage holds the database key or the kit", async () => {
  const app = await App.launch();
  try {
    await app.waitFor("[data-testid=create-vault]");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today]");
    await app.goto("settings");
    const vaultId = await app.text("[data-testid=vault-id]");

    const kitIdentity = /^(AGE-SECRET-KEY-1[0-9A-Z]{58})$/m.exec(readFileSync(KIT, "utf8"))?.[1];
    assert.ok(kitIdentity, "the kit file holds an identity");
    const dbKey = execFileSync("secret-tool", ["lookup", "service", "ironkeep", "username", `vault-${vaultId}`], {
      encoding: "utf8",
    }).trim();
    assert.match(dbKey, /^[0-9a-f]{64}$/, "the keychain holds the vault's raw key as hex");

    const commands = readCommands();
    assert.ok(commands.includes("vault_status"), `read commands found: ${commands.join(", ")}`);
    const answers = await app.run(
      `const names = arguments[0];
       return Promise.all(names.map((name) =>
         window.__TAURI_INTERNALS__.invoke(name).then(
           (ok) => [name, JSON.stringify(ok)],
           (err) => [name, JSON.stringify(err)])));`,
      [commands],
    );
    assert.equal(answers.length, commands.length);
    const page = await app.run(
      "return document.documentElement.outerHTML + JSON.stringify(Object.entries(localStorage)) + JSON.stringify(Object.entries(sessionStorage));",
    );

    const secrets = [kitIdentity, kitIdentity.toLowerCase(), dbKey, dbKey.toUpperCase()];
    for (const [name, answer] of answers) {
      for (const secret of secrets) {
        assert.ok(!answer.includes(secret), `${name} returned a secret to the webview`);
      }
    }
    for (const secret of secrets) {
      assert.ok(!page.includes(secret), "the page's markup or storage holds a secret");
    }
    // A control that the check can see what it looks for: the vault's public key is shown.
    assert.ok(page.includes((await app.text("[data-testid=recipient]")).slice(0, 20)));
  } finally {
    await app.quit();
  }
});
