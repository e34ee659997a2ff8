// Two computers, one training log, no server: the app on one data dir (the laptop) and the
// real `ironkeep` CLI on another (the desktop), sharing only a folder, as a file syncer
// would. The lifter turns sync on in Settings; the desktop joins from the folder with the
// recovery kit and has the laptop's history; a workout logged on the desktop shows in the
// app's History within seconds, without a click (the background merge); a set logged in
// the app's logger reaches the desktop; an exercise both added is renamed on one, and
// Settings says so until dismissed; Settings lists both computers.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { test } from "node:test";

import { answerDialog, cli, importSessions, staged } from "./backup-lib.mjs";
import { App, eventually, required } from "./webdriver.mjs";

const KIT = required("IRONKEEP_E2E_KIT_PATH");
const ENTER = "\uE007";
const SQUAT = "[data-testid=exercise-block][data-exercise='Squat (Barbell)']";
const row = (n, what) => `${SQUAT} tr[data-row="${n}"] [data-testid=${what}]`;

/** The CLI on the desktop's own data dir. */
function desktop(...args) {
  return execFileSync(cli(), ["--data-dir", staged("desktop"), ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The desktop's sessions, newest first, as (name, sets). */
function desktopSessions() {
  const page = JSON.parse(desktop("--json", "session", "list", "--limit", "50"));
  return page.items.map((s) => `${s.name}: ${String(s.sets)}`);
}

/** The History list's session names, as drawn now. */
async function historyNames(app) {
  return app.run(`return [...document.querySelectorAll("[data-testid=history-row]")].map((r) => r.textContent);`);
}

test("a set logged on one computer shows on the other through a shared folder", async () => {
  const folder = staged("Sync");
  mkdirSync(folder);
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    importSessions("Laptop lift", 3, "2026-11-01");

    // Settings → Sync: off, then on with a folder and a name.
    await app.goto("settings");
    await app.waitFor("[data-testid=sync-turn-on]");
    await app.run(`document.querySelector("[data-testid=sync]").scrollIntoView({ block: "start" });`);
    await app.screenshot("sync-1-off");
    await app.type("[data-testid=sync-name]", "Laptop");
    answerDialog("sync-folder", folder);
    await app.click("[data-testid=sync-turn-on]");
    await app.waitFor("[data-testid=sync-folder]");
    assert.equal(await app.text("[data-testid=sync-folder]"), folder);
    assert.match(await app.text("[data-testid=sync-devices]"), /Laptop.*this computer/);

    // The desktop joins from the folder with the kit: it has the laptop's history.
    const joined = JSON.parse(desktop("--json", "sync", "join", folder, "--kit", KIT, "--name", "Desktop"));
    assert.equal(joined.report.sent, 1, "the desktop announces itself");
    assert.deepEqual(desktopSessions().sort(), ["Laptop lift 1: 1", "Laptop lift 2: 1", "Laptop lift 3: 1"]);

    // A workout logged on the desktop appears in the app's History by itself.
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    const started = JSON.parse(desktop("--json", "session", "start", "--name", "Desktop deadlifts", "--at", "2026-12-06T18:00:00Z"));
    desktop("session", "log", "--session", String(started.session.id), "-e", "Deadlift (Barbell)", "-w", "180kg", "-r", "3");
    desktop("session", "finish", "--session", String(started.session.id), "--at", "2026-12-06T19:00:00Z");
    desktop("sync", "now");
    await eventually(
      "the desktop's workout in the app's History",
      async () => (await historyNames(app)).some((text) => /Desktop deadlifts/.test(text)),
      30_000,
      500,
    );
    await app.screenshot("sync-2-history-merged");

    // A set logged in the app's logger reaches the desktop.
    await app.goto("today");
    await app.click("[data-testid=start-workout]");
    await app.waitFor("#screen[data-screen=workout][aria-busy=false] [data-testid=add-exercise-input]");
    await app.click("[data-testid=add-exercise-input]");
    await app.keys("squat barbell");
    await eventually("the squat matched", async () =>
      /^Squat \(Barbell\)/.test(await app.run(`return document.querySelector("[data-testid=exercise-match]")?.textContent ?? "";`)),
    );
    await app.keys(ENTER);
    await app.waitFor(row(1, "set-weight"));
    await app.clear(row(1, "set-weight"));
    await app.type(row(1, "set-weight"), "140");
    await app.clear(row(1, "set-reps"));
    await app.type(row(1, "set-reps"), "2");
    await app.keys(ENTER);
    await eventually("the set logged", async () => (await app.count(`${SQUAT} tr.done`)) === 1);
    await eventually(
      "the app's set on the desktop",
      async () => {
        desktop("sync", "now");
        const items = JSON.parse(desktop("--json", "session", "list", "--limit", "50")).items;
        return items.some((s) => s.sets === 1 && s.volume_kg === 280);
      },
      30_000,
      1_000,
    );

    // Both computers add the same exercise before they sync: Settings says one was renamed.
    await app.goto("settings");
    await app.waitFor("[data-testid=sync-devices]");
    execFileSync(cli(), ["exercise", "add", "Tire Drag Hold", "--equipment", "machine"], { stdio: "pipe" });
    desktop("exercise", "add", "Tire Drag Hold", "--equipment", "machine");
    desktop("sync", "now");
    await eventually("the note in Settings", async () => (await app.count("[data-testid=sync-note]")) === 1, 30_000, 500);
    assert.match(await app.text("[data-testid=sync-note]"), /Two computers added “Tire Drag Hold”.*“Tire Drag Hold \(2\)”/);
    await app.run(`document.querySelector("[data-testid=sync-notes]").scrollIntoView({ block: "center" });`);
    await app.screenshot("sync-3-note");
    await app.click("[data-testid=sync-note-dismiss]");
    await eventually("the note dismissed", async () => (await app.count("[data-testid=sync-note]")) === 0);

    // Settings lists both computers, and when it last merged.
    await app.goto("settings");
    await app.waitFor("[data-testid=sync-devices]");
    await eventually("the desktop in the list", async () => /Desktop/.test(await app.text("[data-testid=sync-devices]")));
    assert.equal(await app.count("[data-testid=sync-device]"), 2);
    assert.match(await app.text("[data-testid=sync-last]"), /Last merge: (?!not yet)/);
    await app.run(`document.querySelector("[data-testid=sync]").scrollIntoView({ block: "start" });`);
    await app.screenshot("sync-4-devices");
    await app.run(`document.documentElement.setAttribute("data-theme", "dark");`);
    await app.screenshot("sync-5-devices-dark");
  } finally {
    await app.quit();
  }
});
