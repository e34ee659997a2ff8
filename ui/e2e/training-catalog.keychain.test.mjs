// The catalog and the plans in the real app: add a custom exercise, rename it, use it in a
// routine, duplicate and delete routines (deleting asks first), then merge the exercise
// into a catalog lift (after a confirmation) and see the routine follow it.

import assert from "node:assert/strict";
import { test } from "node:test";

import { App, eventually } from "./webdriver.mjs";

const card = (name) => `[data-testid=routine-card][aria-label='${name}']`;

test("custom exercises, routines, duplicate, delete and merge", async () => {
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");

    // A custom exercise, then a new name for it.
    await app.goto("exercises");
    await app.type("[data-testid=exercise-new-name]", "Garage Press");
    await app.click("[data-testid=exercise-new-muscle] option[value=shoulders]");
    await app.click("[data-testid=exercise-add]");
    await eventually("the new exercise", async () => (await app.textNow("[data-testid=exercise-title]")) === "Garage Press");
    await app.clear("[data-testid=exercise-rename-input]");
    await app.type("[data-testid=exercise-rename-input]", "Garage Press (1 arm)\uE007");
    await eventually("the new name", async () => (await app.textNow("[data-testid=exercise-title]")) === "Garage Press (1 arm)");
    await app.screenshot("training-8-exercises");

    // A routine with it; a duplicate; the duplicate deleted after confirming.
    await app.goto("routines");
    assert.equal(await app.exists("[data-testid=routines-empty]"), true);
    await app.click("[data-testid=routine-new]");
    await app.waitFor("[data-testid=routine-form]");
    await app.type("[data-testid=routine-name]", "Shoulders");
    await app.type("[data-testid=entry-exercise]", "garage press (1 arm)");
    await app.type("[data-testid=entry-reps-min]", "8");
    await app.type("[data-testid=entry-reps-max]", "12");
    await app.click("[data-testid=routine-save]");
    await app.waitFor(card("Shoulders"));
    assert.match(await app.text(card("Shoulders")), /Garage Press \(1 arm\): 3 × 8–12/);

    await app.click(`${card("Shoulders")} [data-testid=routine-duplicate]`);
    await app.waitFor(card("Shoulders (copy)"));
    assert.equal(await app.count("[data-testid=routine-card]"), 2);
    await app.click(`${card("Shoulders (copy)")} [data-testid=routine-delete]`);
    await app.waitFor("[data-testid=delete-routine-dialog]");
    await app.click("[data-testid=delete-routine-confirm]");
    await eventually("one routine left", async () => (await app.count("[data-testid=routine-card]")) === 1);
    assert.equal(await app.exists(card("Shoulders")), true);

    // Merge the custom exercise into a catalog lift: the routine follows.
    await app.goto("exercises");
    await app.type("[data-testid=exercise-search]", "garage");
    await app.waitFor("[data-testid=exercise-list][data-query=garage] [data-testid=exercise-link]");
    assert.equal(await app.count("[data-testid=exercise-link]"), 1, "search narrows the list");
    await app.click("[data-testid=exercise-link]");
    await app.waitFor("[data-testid=exercise-merge-into]");
    await app.click("[data-testid=exercise-merge-into] option:nth-child(2)");
    const target = await app.run(
      `const s = document.querySelector("[data-testid=exercise-merge-into]"); return s.options[s.selectedIndex].text;`,
    );
    await app.click("[data-testid=exercise-merge-into] ~ button, form[aria-label='Merge into another exercise'] button");
    await app.waitFor("[data-testid=merge-exercise-dialog]");
    assert.match(await app.text("[data-testid=merge-exercise-dialog]"), /Merge “Garage Press \(1 arm\)” into/);
    await app.click("[data-testid=merge-exercise-confirm]");
    await eventually("the merge", async () => (await app.textNow("[data-testid=exercise-title]")) === target);

    await app.goto("routines");
    await app.waitFor(card("Shoulders"));
    assert.match(await app.text(card("Shoulders")), new RegExp(`${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: 3 × 8–12`));
    await app.screenshot("training-9-routines");

    // An empty workout: add two exercises by search, pair them as a superset, and Enter
    // alternates between them.
    await app.goto("workout");
    await app.click("[data-testid=start-empty]");
    await app.waitFor("[data-testid=add-exercise-input]");
    await app.type("[data-testid=add-exercise-input]", "pull up");
    await app.click("[data-testid=add-exercise]");
    await app.waitFor("[data-testid=exercise-block][data-exercise='Pull Up']");
    await app.type("[data-testid=add-exercise-input]", "Push Up");
    await app.click("[data-testid=add-exercise]");
    await app.waitFor("[data-testid=exercise-block][data-exercise='Push Up']");
    for (const name of ["Pull Up", "Push Up"]) {
      await app.click(`[data-testid=exercise-block][data-exercise='${name}'] [data-testid=superset] option[value='1']`);
    }
    const where = () =>
      app.run(`const el = document.activeElement;
        return el.closest("[data-exercise]")?.dataset.exercise + " " + el.closest("tr[data-row]")?.dataset.row;`);
    await app.type("[data-testid=exercise-block][data-exercise='Pull Up'] tr[data-row='1'] [data-testid=set-reps]", "8\uE007");
    await eventually("the pull-up set", async () => (await app.count("tr.done")) === 1);
    assert.equal(await where(), "Push Up 1", "a superset moves on to its partner");
    await app.type("[data-testid=exercise-block][data-exercise='Push Up'] tr[data-row='1'] [data-testid=set-reps]", "20\uE007");
    await eventually("the push-up set", async () => (await app.count("tr.done")) === 2);
    assert.equal(await where(), "Pull Up 2", "and back");
    assert.match(await app.text("[data-testid=workout-status]"), /2 sets/);
    await app.screenshot("training-10-superset");

    // Today offers to resume the workout in progress, and Resume lands back in it.
    await app.goto("today");
    await app.waitFor("[data-testid=resume-workout]");
    assert.equal(await app.exists("[data-testid=start-workout]"), false, "no second workout while one runs");
    await app.click("[data-testid=resume-workout]");
    await app.waitFor("#screen[data-screen=workout][aria-busy=false] [data-testid=exercise-block][data-exercise='Push Up']");
    assert.match(await app.text("[data-testid=workout-status]"), /2 sets/);
  } finally {
    await app.quit();
  }
});
