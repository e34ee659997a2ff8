// A second computer joins from the app's first run: the laptop (the real CLI on its own
// data dir) has a year of workouts and sync on; on the new computer the app's first run
// offers "join your other computer", the lifter picks the synced folder and the recovery
// kit, and the app opens on the laptop's history. A workout the laptop logs afterwards
// appears in the app's History by itself.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { test } from "node:test";

import { answerDialog, cli, staged } from "./backup-lib.mjs";
import { App, eventually } from "./webdriver.mjs";

/** The CLI on the laptop's own data dir. */
function laptop(...args) {
  return execFileSync(cli(), ["--data-dir", staged("laptop"), ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

async function historyNames(app) {
  return app.run(`return [...document.querySelectorAll("[data-testid=history-row]")].map((r) => r.textContent);`);
}

function logSession(name, at) {
  const started = JSON.parse(laptop("--json", "session", "start", "--name", name, "--at", at));
  laptop("session", "log", "--session", String(started.session.id), "-e", "Squat (Barbell)", "-w", "100kg", "-r", "5");
  laptop("session", "finish", "--session", String(started.session.id));
}

test("the app's first run joins the other computer's sync family", async () => {
  const folder = staged("Sync");
  mkdirSync(folder);
  const kit = staged("laptop-kit.txt");
  laptop("init", "--kit-out", kit);
  logSession("Laptop Monday", "2026-11-30T07:00:00Z");
  logSession("Laptop Wednesday", "2026-12-02T07:00:00Z");
  laptop("sync", "folder", folder, "--name", "Laptop");

  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.run(`document.querySelector("#join-option").scrollIntoView({ block: "center" });`);
    await app.screenshot("sync-join-1-first-run");
    await app.type("[data-testid=join-name]", "Desktop");
    answerDialog("sync-folder", folder);
    answerDialog("open-kit", kit);
    await app.click("[data-testid=join-first-run]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    assert.match(await app.text("[data-testid=notice]"), /joined its sync family/);

    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    const names = await historyNames(app);
    assert.ok(names.some((t) => /Laptop Monday/.test(t)) && names.some((t) => /Laptop Wednesday/.test(t)), String(names));

    logSession("Laptop Friday", "2026-12-04T07:00:00Z");
    laptop("sync", "now");
    await eventually("the laptop's new workout in History", async () => (await historyNames(app)).some((t) => /Laptop Friday/.test(t)), 30_000, 500);
    await app.screenshot("sync-join-2-history");
    laptop("sync", "now");
    const status = JSON.parse(laptop("--json", "sync", "status"));
    assert.deepEqual(
      status.devices.map((d) => d.name),
      ["Laptop", "Desktop"],
      "the laptop knows the new computer by its name",
    );
  } finally {
    await app.quit();
  }
});
