// A lifter keeps training while WHOOP backfills. The fake WHOOP allows 8 requests every
// 5 s, so the first sync of 400 days takes well over 30 s; meanwhile the lifter starts a
// workout, logs sets, opens History and Exercises. Every action completes while the sync
// is still running (its progress still in the navigation), and at the end the sync's data
// is complete. Before the vault had connections by role, each of these waited for the
// whole sync.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { App, eventually } from "./webdriver.mjs";
import { connectWhoop, startFake } from "./whoop-lib.mjs";

const DAYS = 400;
const QUOTA = "8/5";
const ENTER = "\uE007";
const SQUAT = "[data-testid=exercise-block][data-exercise='Squat (Barbell)']";

let fake;

before(async () => {
  fake = await startFake(DAYS, QUOTA);
});

after(() => {
  fake?.kill("SIGTERM");
});

test("the lifter logs, browses History and Exercises while a slow WHOOP sync runs", async () => {
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    await app.goto("routines");
    await app.click("[data-testid=routine-new]");
    await app.waitFor("[data-testid=routine-form]");
    await app.type("[data-testid=routine-name]", "Legs");
    await app.type("[data-testid=entry-exercise]", "Squat (Barbell)");
    for (const [field, value] of [["entry-sets", "3"], ["entry-reps-max", "5"], ["entry-weight", "100"]]) {
      await app.clear(`[data-testid=${field}]`);
      await app.type(`[data-testid=${field}]`, value);
    }
    await app.click("[data-testid=routine-save]");
    await app.waitFor("[data-testid=routine-card]");

    await connectWhoop(app);
    const started = Date.now();
    // Connecting starts the automatic sync (none was ever made); Sync now joins it.
    await app.click("[data-testid=whoop-sync]");
    await app.waitFor("[data-testid=sync-panel]");
    const stillSyncing = async (what) =>
      assert.equal(await app.exists("[data-testid=sync-panel]"), true, `${what} finished while the sync still ran`);

    await app.goto("today");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    await stillSyncing("Today");
    await app.click("[data-testid=start-routine] option:nth-child(2)");
    await app.click("[data-testid=start-workout]");
    await app.waitFor(`#screen[data-screen=workout][aria-busy=false] ${SQUAT}`);
    await stillSyncing("starting a workout");
    for (const logged of [1, 2]) {
      await app.click(`${SQUAT} tr[data-row="${logged}"] [data-testid=set-reps]`);
      await app.keys(ENTER);
      await eventually(`set ${logged} logged`, async () => (await app.count(`${SQUAT} tr.done`)) === logged);
      await stillSyncing(`logging set ${logged}`);
    }
    await app.screenshot("whoop-beside-0-logging");

    await app.goto("history");
    await app.waitFor("#screen[data-screen=history][aria-busy=false] [data-testid=history-count]");
    await stillSyncing("opening History");
    await app.goto("exercises");
    await app.waitFor("#screen[data-screen=exercises][aria-busy=false]");
    await stillSyncing("opening Exercises");
    await app.screenshot("whoop-beside-1-exercises");

    await eventually("the sync to end", async () => !(await app.exists("[data-testid=sync-panel]")), 240_000, 500);
    const seconds = (Date.now() - started) / 1000;
    assert.ok(seconds > 30, `the throttled sync took ${seconds.toFixed(0)} s, over 30 s`);

    await app.goto("whoop");
    await app.waitFor("[data-testid=count-cycles-value]");
    const count = async (name) => Number((await app.text(`[data-testid=count-${name}-value]`)).replace(/[^\d]/g, ""));
    assert.equal(await count("cycles"), DAYS, "one cycle a day");
    assert.equal(await count("recoveries"), DAYS, "one recovery a day");
    assert.equal(await count("sleeps"), DAYS + DAYS / 4, "a sleep a day plus a nap every fourth day");
    assert.equal(await count("workouts"), (DAYS / 10) * 4, "four workouts every ten days");

    // The workout logged meanwhile is whole.
    await app.goto("workout");
    await app.waitFor(`#screen[data-screen=workout][aria-busy=false] ${SQUAT}`);
    assert.equal(await app.count(`${SQUAT} tr.done`), 2);
  } finally {
    await app.quit();
  }
});
