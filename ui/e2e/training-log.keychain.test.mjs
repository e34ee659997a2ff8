// A lifter's day in the real app: build a routine, start a workout from it on Today, log
// the sets with the keyboard (Enter logs a row and moves to the next), see the record
// badge when a set beats a record, finish, read the summary, and find the session with
// its sets in History. A real notification daemon (dunst) runs in the test's D-Bus
// session, so the "rest is over" notification is checked where the desktop shows it.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { test } from "node:test";

import { App, eventually } from "./webdriver.mjs";

const ENTER = "\uE007";
const BLOCK = "[data-testid=exercise-block][data-exercise='Bench Press (Barbell)']";
const row = (n, what) => `${BLOCK} tr[data-row="${n}"] [data-testid=${what}]`;

/** The logger row (1-based) and field that has the keyboard focus. */
async function focusedRow(app) {
  return app.run(
    `const el = document.activeElement;
     const tr = el && el.closest("tr[data-row]");
     return tr ? tr.dataset.row + ":" + el.dataset.testid : "";`,
  );
}

/** Starts dunst on this session bus and display; resolves once it answers dunstctl. */
async function startNotificationDaemon() {
  const daemon = spawn("dunst", [], { stdio: "ignore" });
  await eventually("dunst to answer", async () => {
    try {
      execFileSync("dunstctl", ["count", "displayed"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  });
  return daemon;
}

/** The summaries of every notification dunst has shown (closing the ones on screen). */
function notificationsShown() {
  execFileSync("dunstctl", ["close-all"]);
  const history = JSON.parse(execFileSync("dunstctl", ["history"], { encoding: "utf8" }));
  return history.data.flat().map((n) => `${n.appname.data}: ${n.summary.data} ${n.body.data}`);
}

test("build a routine, log a workout from it by keyboard, and find it in History", async () => {
  const daemon = await startNotificationDaemon();
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    assert.equal(await app.exists("[data-testid=in-progress]"), false, "a new vault has no workout running");

    // Routines: one entry, 2 sets of 5 at 60 kg.
    await app.goto("routines");
    await app.click("[data-testid=routine-new]");
    await app.waitFor("[data-testid=routine-form]");
    await app.type("[data-testid=routine-name]", "Push Day");
    await app.type("[data-testid=entry-exercise]", "Bench Press (Barbell)");
    await app.clear("[data-testid=entry-sets]");
    await app.type("[data-testid=entry-sets]", "2");
    await app.type("[data-testid=entry-reps-max]", "5");
    await app.type("[data-testid=entry-weight]", "60");
    await app.type("[data-testid=entry-rest]", "45");
    await app.click("[data-testid=routine-save]");
    await app.waitFor("[data-testid=routine-card]");
    assert.match(await app.text("[data-testid=routine-card]"), /Bench Press \(Barbell\): 2 × 5 @ 60 kg/);

    // Today: start from the routine.
    await app.goto("today");
    await app.click("[data-testid=start-routine] option:nth-child(2)");
    await app.click("[data-testid=start-workout]");
    await app.waitFor(`#screen[data-screen=workout][aria-busy=false] ${BLOCK}`);
    assert.equal(await app.count(`${BLOCK} [data-testid=set-row]`), 2, "the routine pre-fills two planned sets");
    await eventually("last time's line", async () => /First time/.test(await app.textNow(`${BLOCK} [data-testid=previous]`)));
    assert.equal(await focusedRow(app), "1:set-weight", "the logger opens on the first open set");

    // Set 1 as planned (60 × 5): Enter logs it; the first set ever is a record.
    await app.keys(ENTER);
    await eventually("set 1 logged", async () => (await app.count(`${BLOCK} tr.done`)) === 1);
    assert.equal(await focusedRow(app), "2:set-weight", "Enter moves the focus to the next row");
    assert.equal(await app.exists(`${BLOCK} tr[data-row="1"] [data-testid=record-badge]`), true);
    assert.equal(await app.isShown("[data-testid=rest-timer]"), true, "logging a set starts the rest timer");
    assert.match(await app.textNow("[data-testid=rest-remaining]"), /^0:4[0-5]$/, "with the routine's planned rest");

    // Set 2: 60 × 3 beats nothing, so no badge.
    await app.clear(row(2, "set-reps"));
    await app.type(row(2, "set-reps"), "3");
    await app.keys(ENTER);
    await eventually("set 2 logged", async () => (await app.count(`${BLOCK} tr.done`)) === 2);
    assert.equal(await app.exists(`${BLOCK} tr[data-row="2"] [data-testid=record-badge]`), false);
    assert.equal(await focusedRow(app), "3:set-weight", "after the last planned set comes the blank row");

    // A shorter rest from here on, to see the timer run out below.
    await app.click("[data-testid=rest-choice] option[value='30']");

    // Set 3: 70 × 5 is the heaviest yet (volume 300 + 180 + 350 = 830 kg) — the badge shows at once.
    await app.clear(row(3, "set-weight"));
    await app.type(row(3, "set-weight"), "70");
    await app.clear(row(3, "set-reps"));
    await app.type(row(3, "set-reps"), "5");
    await app.type(row(3, "set-rpe"), "8.5");
    await app.keys(ENTER);
    await eventually("set 3 logged", async () => (await app.count(`${BLOCK} tr.done`)) === 3);
    assert.equal(await app.exists(`${BLOCK} tr[data-row="3"] [data-testid=record-badge]`), true, "a heavier set is a record");
    assert.match(
      await app.text("#notice"),
      /New record on Bench Press \(Barbell\): best estimated 1RM, heaviest/,
      "the banner names the e1RM record too",
    );
    assert.match(await app.text("[data-testid=workout-status]"), /3 sets · 830 kg/);
    await app.screenshot("training-1-logger");

    // The rest keeps running on other screens while the workout goes on; when the 30 s run
    // out it beeps and asks for a desktop notification, then hides.
    await app.goto("history");
    assert.equal(await app.isShown("[data-testid=rest-timer]"), true, "the rest timer keeps running on other screens");
    assert.match(await app.textNow("[data-testid=rest-remaining]"), /^0:[0-3]\d$/);
    await eventually("the rest to end", async () => !(await app.isShown("[data-testid=rest-timer]")), 45_000);
    await eventually("the notification", async () =>
      notificationsShown().some((n) => /: Rest is over Time for your next set\.$/.test(n)),
    );
    await app.goto("workout");
    await app.waitFor(`#screen[data-screen=workout][aria-busy=false] ${BLOCK}`);

    // Finish → summary.
    await app.click("[data-testid=finish-workout]");
    await app.waitFor("[data-testid=workout-summary]");
    assert.equal(await app.text("[data-testid=summary-sets]"), "3");
    assert.equal(await app.text("[data-testid=summary-volume]"), "830 kg");
    assert.equal(await app.text("[data-testid=summary-records]"), "2");
    assert.match(await app.text("[data-testid=workout-summary]"), /70 kg × 5 reps.*— best estimated 1RM, heaviest/);
    assert.match(await app.text("[data-testid=summary-duration]"), /^\d+ min$/);
    await app.screenshot("training-2-summary");

    // History lists it; its detail shows the three sets.
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    assert.equal(await app.count("[data-testid=history-row]"), 1);
    assert.match(await app.text("[data-testid=history-row]"), /Push Day[\s\S]*3 sets · 830 kg/);
    await app.screenshot("training-3-history");
    await app.click("[data-testid=history-row]");
    await app.waitFor("[data-testid=session-detail]");
    const sets = await app.run(
      `return [...document.querySelectorAll("[data-testid=detail-set]")].map((li) => li.textContent);`,
    );
    assert.equal(sets.length, 3);
    assert.match(sets[0], /^60 kg × 5 reps/);
    assert.match(sets[1], /^60 kg × 3 reps/);
    assert.match(sets[2], /^70 kg × 5 reps @ RPE 8\.5/);
    assert.equal(await app.text("[data-testid=detail-name]"), "Push Day");
    await app.screenshot("training-4-history-detail");

    // Edit the name, then delete the session after confirming.
    await app.clear("[data-testid=session-name]");
    await app.type("[data-testid=session-name]", "Push Day A");
    await app.click("[data-testid=session-save]");
    await eventually("the new name", async () => (await app.textNow("[data-testid=detail-name]")) === "Push Day A");

    // Today now offers no "Resume" and lists the session.
    await app.goto("today");
    assert.equal(await app.exists("[data-testid=in-progress]"), false);
    assert.equal(await app.text("[data-testid=recent-session]"), "Push Day A");
    assert.equal(await app.exists("[data-testid=volume-row]"), true, "this week's volume shows the chest work");
    await app.screenshot("training-5-today");

    // Deleting asks first; "Keep it" keeps it, "Delete session" deletes it.
    await app.click("[data-testid=recent-session]");
    await app.waitFor("[data-testid=session-detail]");
    await app.click("[data-testid=session-delete]");
    await app.waitFor("[data-testid=delete-session-dialog]");
    await app.click("[data-testid=delete-session-cancel]");
    assert.equal(await app.exists("[data-testid=delete-session-dialog]"), false);
    assert.equal(await app.exists("[data-testid=session-detail]"), true, "keeping it changes nothing");
    await app.click("[data-testid=session-delete]");
    await app.waitFor("[data-testid=delete-session-dialog]");
    await app.click("[data-testid=delete-session-confirm]");
    await app.waitFor("#screen[data-screen=history][aria-busy=false] [data-testid=history-list]");
    await eventually("the empty list", async () => (await app.textNow("[data-testid=history-count]")) === "No sessions match.");
    assert.equal(await app.count("[data-testid=history-row]"), 0);
  } finally {
    daemon.kill();
    await app.quit();
  }
});
