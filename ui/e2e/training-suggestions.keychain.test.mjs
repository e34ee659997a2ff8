// The catalog's suggestions in the app: an exercise the lifter added under another
// spelling ("Barbell Bench Press") is offered a merge into the catalog lift, which moves
// it; another ("Barbell Deadlift") is kept as it is, and not offered again.

import assert from "node:assert/strict";
import { test } from "node:test";

import { App, eventually } from "./webdriver.mjs";

async function addExercise(app, name, muscle) {
  await app.type("[data-testid=exercise-new-name]", name);
  await app.click(`[data-testid=exercise-new-muscle] option[value=${muscle}]`);
  await app.click("[data-testid=exercise-add]");
  await eventually(`“${name}” added`, async () => (await app.textNow("[data-testid=exercise-title]")) === name);
}

test("catalog suggestions are shown, accepted and dismissed on the Exercises screen", async () => {
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    await app.goto("exercises");
    assert.equal(await app.exists("[data-testid=suggestions]"), false, "a new vault has nothing to suggest");

    await addExercise(app, "Barbell Bench Press", "chest");
    await addExercise(app, "Barbell Deadlift", "back");
    await app.waitFor("[data-testid=suggestions]");
    assert.equal(await app.count("[data-testid=suggestion]"), 2);
    assert.match(await app.text("[data-testid=suggestions]"), /“Barbell Bench Press” looks like the catalog's “Bench Press \(Barbell\)”/);
    await app.screenshot("exercises-suggestions");

    // Merge the bench press; keep the deadlift as it is.
    await app.click("[data-testid=suggestion]:nth-child(1) [data-testid=suggestion-accept]");
    await eventually("the merge", async () => /is now “Bench Press \(Barbell\)”/.test(await app.textNow("#notice")));
    assert.equal(await app.count("[data-testid=suggestion]"), 1);
    await app.click("[data-testid=suggestion-dismiss]");
    await eventually("the dismissal", async () => /stays as it is/.test(await app.textNow("#notice")));
    assert.equal(await app.exists("[data-testid=suggestions]"), false, "a dismissed suggestion is not offered again");
    await app.type("[data-testid=exercise-search]", "barbell");
    await app.waitFor("[data-testid=exercise-list][data-query=barbell]");
    const names = await app.run(`return [...document.querySelectorAll("[data-testid=exercise-link]")].map((a) => a.textContent);`);
    assert.ok(!names.includes("Barbell Bench Press"), `merged away: ${names}`);
    assert.ok(names.includes("Barbell Deadlift"), `kept: ${names}`);
  } finally {
    await app.quit();
  }
});
