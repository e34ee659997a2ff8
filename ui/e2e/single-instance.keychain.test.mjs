// One app per data directory: a second launch on the same data dir shows the running
// window and exits instead of opening the vault twice; a launch on another data dir runs
// as an app of its own. (Run with a session bus; without one, see the nokeychain test.)

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { clearTimeout, setTimeout } from "node:timers";
import { chmodSync, copyFileSync, mkdirSync } from "node:fs";
import { test } from "node:test";

import { App, required } from "./webdriver.mjs";

const APP = required("IRONKEEP_E2E_APP");
const STAGE = required("IRONKEEP_E2E_STAGE");

/**
 * Launches a copy of the app binary directly (a copy, so that ending the WebDriver
 * session waits for the first app only); resolves with its exit code, or null if it is
 * still running after `ms`.
 */
function launch(name, env, ms) {
  const binary = `${STAGE}/${name}`;
  copyFileSync(APP, binary);
  chmodSync(binary, 0o755);
  const child = spawn(binary, [], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += String(chunk);
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ code: null, child, stderr }), ms);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, child, stderr });
    });
  });
}

test("a second launch on the same data dir shows the first; another data dir runs beside it", async () => {
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");

    const second = await launch("ironkeep-desktop-second", {}, 20_000);
    assert.equal(second.code, 0, `the second launch ended at once, quietly: ${second.stderr}`);
    // The first app still answers.
    await app.goto("history");
    await app.waitFor("#screen[data-screen=history][aria-busy=false]");

    const other = `${STAGE}/other-data-dir`;
    mkdirSync(other, { recursive: true });
    const beside = await launch("ironkeep-desktop-beside", { IRONKEEP_DATA_DIR: other }, 5_000);
    assert.equal(beside.code, null, `a launch on another data dir keeps running: ${beside.stderr}`);
    beside.child.kill("SIGKILL");
  } finally {
    await app.quit();
  }
});
