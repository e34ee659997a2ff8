// Moving exercises in the workout logger is saved: the order survives leaving the screen
// and shows in History, an exercise added but not logged yet keeps the place it was moved
// to once its first set is logged, and a superset group moves (and is passed) as one.

import assert from "node:assert/strict";
import { test } from "node:test";

import { App, eventually } from "./webdriver.mjs";

const ENTER = "\uE007";
const block = (name) => `[data-testid=exercise-block][data-exercise='${name}']`;

/** The logger's exercise blocks, top to bottom. */
function loggerOrder(app) {
  return app.run(`return [...document.querySelectorAll("[data-testid=exercise-block]")].map((b) => b.dataset.exercise);`);
}

/** Adds an exercise by name and logs its first set (weight × reps) with Enter. */
async function addAndLog(app, name, weight, reps) {
  await addOnly(app, name);
  await logFirst(app, name, weight, reps);
}

async function addOnly(app, name) {
  await app.type("[data-testid=add-exercise-input]", name);
  await app.click("[data-testid=add-exercise]");
  await app.waitFor(block(name));
}

async function logFirst(app, name, weight, reps) {
  const row = `${block(name)} tr[data-row='1']`;
  await app.clear(`${row} [data-testid=set-weight]`);
  await app.type(`${row} [data-testid=set-weight]`, weight);
  await app.clear(`${row} [data-testid=set-reps]`);
  await app.type(`${row} [data-testid=set-reps]`, `${reps}${ENTER}`);
  await eventually(`${name}'s set`, async () => (await app.count(`${block(name)} tr.done`)) === 1);
}

test("moving exercises in the logger is saved and shows in History", async () => {
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");

    await app.goto("workout");
    await app.click("[data-testid=start-empty]");
    await app.waitFor("[data-testid=add-exercise-input]");
    await addAndLog(app, "Squat (Barbell)", "100", "5");
    await addAndLog(app, "Bench Press (Barbell)", "60", "8");
    await addOnly(app, "Deadlift (Barbell)");
    assert.deepEqual(await loggerOrder(app), ["Squat (Barbell)", "Bench Press (Barbell)", "Deadlift (Barbell)"]);

    // Bench up, above squat: the move is saved.
    await app.click(`${block("Bench Press (Barbell)")} [data-testid=move-up]`);
    await eventually("bench on top", async () => (await loggerOrder(app))[0] === "Bench Press (Barbell)");
    assert.deepEqual(await loggerOrder(app), ["Bench Press (Barbell)", "Squat (Barbell)", "Deadlift (Barbell)"]);

    // Deadlift, not logged yet, moves above squat on screen only, then its first set
    // stores it there.
    await app.click(`${block("Deadlift (Barbell)")} [data-testid=move-up]`);
    await eventually("deadlift second", async () => (await loggerOrder(app))[1] === "Deadlift (Barbell)");
    await logFirst(app, "Deadlift (Barbell)", "140", "3");
    assert.deepEqual(await loggerOrder(app), ["Bench Press (Barbell)", "Deadlift (Barbell)", "Squat (Barbell)"]);
    await app.screenshot("training-reorder-1-logger");

    // Leave the logger and come back: the vault's order is shown.
    await app.goto("today");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    await app.goto("workout");
    await app.waitFor(`#screen[data-screen=workout][aria-busy=false] ${block("Squat (Barbell)")}`);
    assert.deepEqual(await loggerOrder(app), ["Bench Press (Barbell)", "Deadlift (Barbell)", "Squat (Barbell)"]);

    // History's detail of the finished session reads the stored sets in their order.
    await app.click("[data-testid=finish-workout]");
    await app.waitFor("[data-testid=workout-summary]");
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    await app.click("[data-testid=history-row]");
    await app.waitFor("[data-testid=session-detail]");
    const detail = await app.run(
      `return [...document.querySelectorAll("[data-testid=detail-exercise]")].map((s) => s.getAttribute("aria-label"));`,
    );
    assert.deepEqual(detail, ["Bench Press (Barbell)", "Deadlift (Barbell)", "Squat (Barbell)"]);
    await app.screenshot("training-reorder-2-history");

    // A second workout with a superset: a move passes the whole group, and the group
    // moves as one.
    await app.goto("workout");
    await app.click("[data-testid=start-empty]");
    await app.waitFor("[data-testid=add-exercise-input]");
    await addOnly(app, "Pull Up");
    await addOnly(app, "Push Up");
    for (const name of ["Pull Up", "Push Up"]) {
      await app.click(`${block(name)} [data-testid=superset] option[value='1']`);
      await eventually(`${name} in the superset`, async () =>
        (await app.run("return document.querySelector(arguments[0]).value;", [`${block(name)} [data-testid=superset]`])) === "1",
      );
    }
    await logFirst(app, "Pull Up", "0", "8");
    await logFirst(app, "Push Up", "0", "20");
    await addAndLog(app, "Bench Press (Barbell)", "60", "5");
    assert.deepEqual(await loggerOrder(app), ["Pull Up", "Push Up", "Bench Press (Barbell)"]);
    await app.click(`${block("Bench Press (Barbell)")} [data-testid=move-up]`);
    await eventually("bench past the superset", async () => (await loggerOrder(app))[0] === "Bench Press (Barbell)");
    assert.deepEqual(await loggerOrder(app), ["Bench Press (Barbell)", "Pull Up", "Push Up"]);
    await app.goto("today");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    await app.goto("workout");
    await app.waitFor(`#screen[data-screen=workout][aria-busy=false] ${block("Push Up")}`);
    assert.deepEqual(await loggerOrder(app), ["Bench Press (Barbell)", "Pull Up", "Push Up"], "saved");
    await app.click(`${block("Push Up")} [data-testid=move-up]`);
    await eventually("the superset back on top", async () => (await loggerOrder(app))[0] === "Pull Up");
    assert.deepEqual(await loggerOrder(app), ["Pull Up", "Push Up", "Bench Press (Barbell)"]);
    await app.screenshot("training-reorder-3-superset");
  } finally {
    await app.quit();
  }
});
