// The logger's screen state as a lifter meets it, each check one that failed before:
// the rest selector says the rest the timer runs (the routine's plan, which wins over the
// default rest chosen in Settings; without a plan, that default); saving an edit to a
// logged set does not restart the rest; a 0-rep working set is refused beside its row; a
// record banner goes when its set is deleted; an exercise added mid-workout has its
// pre-filled weight selected, so typing replaces it; finishing stops the rest timer; and a
// new workout after a deleted one (the vault reuses its id) starts empty; finishing an
// empty workout asks first, and a workout can be discarded.

import assert from "node:assert/strict";
import { test } from "node:test";

import { importSessions } from "./backup-lib.mjs";
import { App, eventually } from "./webdriver.mjs";

const ENTER = "\uE007";
const DEADLIFT = "[data-testid=exercise-block][data-exercise='Deadlift (Barbell)']";
const SQUAT = "[data-testid=exercise-block][data-exercise='Squat (Barbell)']";
const row = (block, n, what) => `${block} tr[data-row="${n}"] [data-testid=${what}]`;

/** The value of an input right now. */
async function valueOf(app, css) {
  return app.run("const n = document.querySelector(arguments[0]); return n ? n.value : null;", [css]);
}

test("the logger's messages, rest timer and cards follow what the lifter did", async () => {
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    // Last week's squats (100-102 kg × 5), so an added squat has something to pre-fill.
    importSessions("Legs", 3, "2026-11-01");

    // Settings: 2:30 of rest after a working set, unless a routine plans another, and 0:45
    // after a warm-up.
    await app.goto("settings");
    assert.equal(await valueOf(app, "[data-testid=rest-working]"), "1:30", "90 s until changed");
    await app.clear("[data-testid=rest-working]");
    await app.type("[data-testid=rest-working]", "2:30");
    await app.type("[data-testid=rest-warmup]", "0:45");
    await app.click("[data-testid=rest-save]");
    await eventually("the rest saved", async () => /^Rest saved: 2:30 after working sets/.test(await app.textNow("#notice")));
    assert.equal(await valueOf(app, "[data-testid=rest-working]"), "2:30", "Settings shows the vault's rest");

    // A routine that plans 180 s of rest after its deadlifts.
    await app.goto("routines");
    await app.click("[data-testid=routine-new]");
    await app.waitFor("[data-testid=routine-form]");
    await app.type("[data-testid=routine-name]", "Pull");
    await app.type("[data-testid=entry-exercise]", "Deadlift (Barbell)");
    await app.clear("[data-testid=entry-sets]");
    await app.type("[data-testid=entry-sets]", "1");
    await app.type("[data-testid=entry-reps-max]", "5");
    await app.type("[data-testid=entry-weight]", "140");
    await app.type("[data-testid=entry-rest]", "180");
    await app.click("[data-testid=routine-save]");
    await app.waitFor("[data-testid=routine-card]");

    await app.goto("today");
    await app.click("[data-testid=start-routine] option:nth-child(2)");
    await app.click("[data-testid=start-workout]");
    await app.waitFor(`#screen[data-screen=workout][aria-busy=false] ${DEADLIFT}`);
    assert.equal(
      await app.run("const s = document.querySelector('[data-testid=rest-choice]'); return s.options[s.selectedIndex].text;"),
      "Rest as planned (3:00)",
      "the selector shows the rest the timer will run: the routine's, over the default",
    );

    // Set 1 is the first deadlift ever: a record. Deleting it takes its banner away.
    await app.keys(ENTER);
    await eventually("set 1 logged", async () => (await app.count(`${DEADLIFT} tr.done`)) === 1);
    assert.match(await app.text("#notice"), /New record on Deadlift/);
    assert.match(await app.textNow("[data-testid=rest-remaining]"), /^(3:00|2:5\d)$/, "the planned 180 s");
    await app.click(row(DEADLIFT, 1, "set-delete"));
    await eventually("set 1 deleted", async () => (await app.count(`${DEADLIFT} [data-testid=set-row]`)) === 0);
    assert.equal(await app.textNow("#notice"), "", "the banner of a deleted set goes with it");

    // 0 reps on a working set is refused, beside the row, and nothing is logged.
    await app.clear(row(DEADLIFT, 1, "set-weight"));
    await app.type(row(DEADLIFT, 1, "set-weight"), "140");
    await app.type(row(DEADLIFT, 1, "set-reps"), "0");
    await app.keys(ENTER);
    await eventually("the row's error", async () => /at least 1 rep/.test(await app.textNow(row(DEADLIFT, 1, "set-error"))));
    assert.equal(await app.count(`${DEADLIFT} tr.done`), 0, "nothing logged");
    assert.equal(await app.textNow("#error"), "", "the error is beside the row, not at the top");

    // Fixed, it logs; then the rest is skipped, and saving an edit to the logged set does
    // not start it again.
    await app.clear(row(DEADLIFT, 1, "set-reps"));
    await app.type(row(DEADLIFT, 1, "set-reps"), "5");
    await app.keys(ENTER);
    await eventually("set 1 logged", async () => (await app.count(`${DEADLIFT} tr.done`)) === 1);
    assert.equal(await app.isShown("[data-testid=rest-timer]"), true);
    await app.click("[data-testid=rest-skip]");
    assert.equal(await app.isShown("[data-testid=rest-timer]"), false);
    await app.clear(row(DEADLIFT, 1, "set-reps"));
    await app.type(row(DEADLIFT, 1, "set-reps"), "6");
    await app.click(row(DEADLIFT, 1, "set-log"));
    // Saved, the logger redraws and moves the focus to the next row.
    await eventually("the edit saved", async () =>
      app.run(`const el = document.activeElement; const tr = el && el.closest("tr[data-row]"); return tr ? tr.dataset.row : "";`).then((r) => r === "2"),
    );
    assert.equal(await valueOf(app, row(DEADLIFT, 1, "set-reps")), "6");
    assert.equal(await app.isShown("[data-testid=rest-timer]"), false, "an edit is not a new set: no rest");

    // Squats added mid-workout: last time's 102 kg arrives in the focused weight field,
    // selected, so typing 135 gives 135 (not 102135).
    await app.type("[data-testid=add-exercise-input]", "Squat (Barbell)");
    await app.click("[data-testid=add-exercise]");
    await app.waitFor(SQUAT);
    await eventually("last time's squats", async () => /102 kg/.test(await app.textNow(row(SQUAT, 1, "set-previous"))));
    assert.equal(await valueOf(app, row(SQUAT, 1, "set-weight")), "102");
    assert.equal(
      await app.run("return document.activeElement && document.activeElement.dataset.testid;"),
      "set-weight",
      "the new exercise's weight has the focus",
    );
    await app.keys("135");
    assert.equal(await valueOf(app, row(SQUAT, 1, "set-weight")), "135");
    await app.keys(ENTER);
    await eventually("the squat logged", async () => (await app.count(`${SQUAT} tr.done`)) === 1);
    assert.equal(await app.isShown("[data-testid=rest-timer]"), true);

    // Finishing ends the rest.
    await app.click("[data-testid=finish-workout]");
    await app.waitFor("[data-testid=workout-summary]");
    assert.equal(await app.isShown("[data-testid=rest-timer]"), false, "no rest runs after the workout");

    // Delete it in History; a new empty workout (which gets the deleted one's id) is empty.
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    await app.click("[data-testid=history-row]");
    await app.waitFor("[data-testid=session-detail]");
    assert.equal(await app.text("[data-testid=detail-name]"), "Pull");
    await app.click("[data-testid=session-delete]");
    await app.waitFor("[data-testid=delete-session-dialog]");
    await app.click("[data-testid=delete-session-confirm]");
    await app.waitFor("#screen[data-screen=history][aria-busy=false] [data-testid=history-list]");
    await app.goto("workout");
    await app.click("[data-testid=start-empty]");
    await app.waitFor("#screen[data-screen=workout][aria-busy=false] [data-testid=workout-status]");
    assert.equal(await app.count("[data-testid=exercise-block]"), 0, "a new workout shows no deleted workout's cards");

    // Finishing a workout with nothing logged asks first; discarding one deletes it.
    await app.click("[data-testid=finish-workout]");
    await app.waitFor("[data-testid=finish-empty-dialog]");
    await app.click("[data-testid=finish-empty-cancel]");
    assert.equal(await app.exists("[data-testid=workout-summary]"), false, "kept logging");
    await app.click("[data-testid=discard-workout]");
    await app.waitFor("[data-testid=discard-workout-dialog]");
    await app.click("[data-testid=discard-workout-confirm]");
    await app.waitFor("[data-testid=no-workout]");
    assert.match(await app.text("#notice"), /Workout discarded/);

    // Without a routine, the default from Settings: the selector and the timer say 2:30.
    await app.click("[data-testid=start-empty]");
    await app.waitFor("#screen[data-screen=workout][aria-busy=false] [data-testid=workout-status]");
    assert.equal(
      await app.run("const s = document.querySelector('[data-testid=rest-choice]'); return s.options[s.selectedIndex].text;"),
      "Rest 2:30",
      "the selector shows the default rest",
    );
    await app.type("[data-testid=add-exercise-input]", "Squat (Barbell)");
    await app.click("[data-testid=add-exercise]");
    await app.waitFor(SQUAT);
    await eventually("last time's squats", async () => /102 kg/.test(await app.textNow(row(SQUAT, 1, "set-previous"))));
    // A warm-up first (W, then Enter): the warm-up rest.
    await app.keys("w");
    await eventually("the warm-ups", async () => (await app.count(`${SQUAT} tr.warmup`)) > 0);
    const warmups = await app.count(`${SQUAT} tr.warmup`);
    await app.keys(ENTER);
    await eventually("the warm-up logged", async () => (await app.count(`${SQUAT} tr.done`)) === 1);
    assert.match(await app.textNow("[data-testid=rest-remaining]"), /^0:4[0-5]$/, "after a warm-up, the warm-up rest");
    // Then the working set: the default rest.
    await app.click(row(SQUAT, warmups + 1, "set-weight"));
    await app.keys(ENTER);
    await eventually("the squat logged", async () => (await app.count(`${SQUAT} tr.done`)) === 2);
    assert.match(await app.textNow("[data-testid=rest-remaining]"), /^(2:30|2:2\d)$/, "the timer runs the default rest");
    await app.click("[data-testid=discard-workout]");
    await app.waitFor("[data-testid=discard-workout-dialog]");
    await app.click("[data-testid=discard-workout-confirm]");
    await app.waitFor("[data-testid=no-workout]");
    assert.equal(await app.isShown("[data-testid=rest-timer]"), false, "discarding ends the rest");
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    assert.equal(await app.count("[data-testid=history-row]"), 3, "only the imported sessions are left");
  } finally {
    await app.quit();
  }
});
