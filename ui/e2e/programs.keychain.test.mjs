// A lifter starts a program in the real app: pick 5/3/1 from the picker on Today, type
// the training maxes, start today's day, find its weights pre-filled in the logger (in
// the lifter's unit), log it, finish, read what changes next time, and see Today move on
// to the next day, in pounds once the lifter switches to them. Then the rest of the week
// is trained from Today, and Today plans the next week. Weights come from the program's
// published rule (week 1: 65/75/85 % of the training max, week 2: 70/80/90 %), rounded to
// what the default plates load on a 20 kg bar.

import assert from "node:assert/strict";
import { test } from "node:test";

import { App, eventually } from "./webdriver.mjs";

const block = (exercise) => `[data-testid=exercise-block][data-exercise='${exercise}']`;
const PRESS = block("Overhead Press (Barbell)");

/** Logs every planned set of the exercise `selector` as prescribed, then finishes. */
async function logEverySetAndFinish(app, selector) {
  const open = `${selector} tr[data-testid=set-row]:not(.done) [data-testid=set-log]`;
  const planned = await app.count(`${selector} tr[data-testid=set-row]`);
  for (let logged = 1; logged <= planned; logged++) {
    await app.click(open);
    await eventually(`set ${String(logged)} logged`, async () => (await app.count(`${selector} tr.done`)) === logged);
  }
  await app.click("[data-testid=finish-workout]");
  await app.waitFor("[data-testid=workout-summary]");
}

test("pick 5/3/1, train its first week from Today, and see the next week's weights", async () => {
  const app = await App.launch();
  try {
    await app.setWindowSize(1024, 700);
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");

    // No program yet: a short line and the picker.
    assert.match(await app.text("[data-testid=program-none]"), /No program is running/);
    await app.click("[data-testid=program-pick]");
    await app.waitFor("[data-testid=program-choice][data-program='5/3/1']");
    const offered = await app.run(
      `return [...document.querySelectorAll("[data-testid=program-choice]")].map((b) => b.dataset.program);`,
    );
    assert.ok(offered.length >= 4, `the built-ins are offered: ${offered.join(", ")}`);
    await app.click("[data-testid=program-choice][data-program='5/3/1']");
    await app.waitFor("[data-testid=program-maxes]");
    await app.screenshot("programs-1-picker");

    // Training maxes: press 60, deadlift 140, bench 80, squat 120 (kg, the default unit).
    for (const [lift, kg] of [["press", "60"], ["deadlift", "140"], ["bench", "80"], ["squat", "120"]]) {
      await app.type(`[data-testid=program-tm-${lift}]`, kg);
    }
    await app.click("[data-testid=program-begin]");
    await app.waitFor("[data-testid=program-today]");
    const card = await app.text("[data-testid=program-today]");
    assert.match(card, /Program: 5\/3\/1 — Week 1, Day 1/);
    // 65/75/85 % of 60 kg = 39/45/51 kg, loadable as 40/45/50 kg.
    assert.match(card, /Overhead Press \(Barbell\): 40 kg × 5, 45 kg × 5, 50 kg × 5\+/);
    await app.screenshot("programs-2-today");

    // Start it: the logger opens with the working sets pre-filled, after the warm-ups.
    await app.click("[data-testid=program-start-session]");
    await app.waitFor(`#screen[data-screen=workout][aria-busy=false] ${PRESS}`);
    const weights = await app.run(
      `return [...document.querySelectorAll("${PRESS.replaceAll('"', '\\"')} tr[data-testid=set-row] [data-testid=set-weight]")].map((i) => i.value);`,
    );
    assert.deepEqual(weights.slice(-3), ["40", "45", "50"], `pre-filled working weights: ${weights.join(", ")}`);
    assert.match(await app.text("[data-testid=workout-status]"), /5\/3\/1: Press/);
    await app.screenshot("programs-3-logger");

    // Log every planned set as prescribed, then finish.
    await logEverySetAndFinish(app, PRESS);
    assert.match(
      await app.text("[data-testid=summary-program]"),
      /Next time[\s\S]*Overhead Press \(Barbell\): training max stays until the cycle ends/,
    );
    await app.screenshot("programs-4-summary");

    // Today moves on to the next day: deadlift, from its own training max.
    await app.goto("today");
    await app.waitFor("[data-testid=program-today]");
    const next = await app.text("[data-testid=program-today]");
    assert.match(next, /Program: 5\/3\/1 — Week 1, Day 2/);
    // 65/75/85 % of 140 kg = 91/105/119 kg, loadable as 90/105/120 kg.
    assert.match(next, /Deadlift \(Barbell\): 90 kg × 5, 105 kg × 5, 120 kg × 5\+/);
    await app.screenshot("programs-5-next-day");

    // The logger's unit rule: in pounds the same day is planned and shown in lb, rounded to
    // the pound plates (91/105/119 kg = 200.6/231.5/262.3 lb, loadable as 200/230/260 lb).
    await app.goto("settings");
    await app.click("[data-testid=pref-unit] option[value='lb']");
    await eventually("the unit saved", async () => /Weights now show in lb/.test(await app.textNow("#notice")));
    await app.goto("today");
    await app.waitFor("[data-testid=program-today]");
    assert.match(await app.text("[data-testid=program-today]"), /Deadlift \(Barbell\): 200 lb × 5, 230 lb × 5, 260 lb × 5\+/);

    // Back in kilograms, the rest of week 1 is trained from Today, day by day.
    await app.goto("settings");
    await app.click("[data-testid=pref-unit] option[value='kg']");
    await eventually("the unit saved", async () => /Weights now show in kg/.test(await app.textNow("#notice")));
    for (const [day, exercise] of [
      [2, "Deadlift (Barbell)"],
      [3, "Bench Press (Barbell)"],
      [4, "Squat (Barbell)"],
    ]) {
      await app.goto("today");
      await app.waitFor("[data-testid=program-today]");
      assert.match(await app.text("[data-testid=program-today]"), new RegExp(`Week 1, Day ${String(day)}`));
      await app.click("[data-testid=program-start-session]");
      await app.waitFor(`#screen[data-screen=workout][aria-busy=false] ${block(exercise)}`);
      await logEverySetAndFinish(app, block(exercise));
    }

    // Week 2 starts with the press again, at 70/80/90 % of 60 kg = 42/48/54 kg, loadable
    // as 42.5/47.5/55 kg (the training max stays until the cycle ends).
    await app.goto("today");
    await app.waitFor("[data-testid=program-today]");
    const week2 = await app.text("[data-testid=program-today]");
    assert.match(week2, /Program: 5\/3\/1 — Week 2, Day 1/);
    assert.match(week2, /Overhead Press \(Barbell\): 42\.5 kg × 3, 47\.5 kg × 3, 55 kg × 3\+/);
    await app.screenshot("programs-6-week-2");
  } finally {
    await app.quit();
  }
});
