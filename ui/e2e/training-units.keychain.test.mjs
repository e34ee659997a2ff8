// A lifter in pounds, from first run to a logged set and the CSV export: a routine written
// in kilograms keeps its kilograms when it is edited in an lb app; starting it proposes
// its weight converted to pounds (rounded to what the plates load); typing 225 in a
// weight field saves 225 lb, not 225 kg; one set's unit can be switched for a 24 kg
// kettlebell; History and the CSV export show each set in the unit it was typed in.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { cli, staged } from "./backup-lib.mjs";
import { App, eventually } from "./webdriver.mjs";

const ENTER = "\uE007";
const SQUAT = "[data-testid=exercise-block][data-exercise='Squat (Barbell)']";
const row = (n, what) => `${SQUAT} tr[data-row="${n}"] [data-testid=${what}]`;

/** The value of an input right now. */
async function valueOf(app, css) {
  return app.run("const n = document.querySelector(arguments[0]); return n ? n.value : null;", [css]);
}

test("an lb lifter's weights are saved in lb, a kg routine stays kg, one set can be kg", async () => {
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");

    // A routine written while the app showed kilograms: 2 × 5 squats at 100 kg.
    await app.goto("routines");
    await app.click("[data-testid=routine-new]");
    await app.waitFor("[data-testid=routine-form]");
    await app.type("[data-testid=routine-name]", "Legs");
    await app.type("[data-testid=entry-exercise]", "Squat (Barbell)");
    await app.clear("[data-testid=entry-sets]");
    await app.type("[data-testid=entry-sets]", "2");
    await app.type("[data-testid=entry-reps-max]", "5");
    assert.equal(await app.text("[data-testid=entry-weight-unit]"), "kg", "a new entry reads the display unit");
    await app.type("[data-testid=entry-weight]", "100");
    await app.click("[data-testid=routine-save]");
    await app.waitFor("[data-testid=routine-card]");
    assert.match(await app.text("[data-testid=routine-card]"), /Squat \(Barbell\): 2 × 5 @ 100 kg/);

    // The lifter switches to pounds and a dark theme.
    await app.goto("settings");
    await app.click("[data-testid=pref-unit] option[value='lb']");
    await app.click("[data-testid=theme-dark]");
    await eventually("the unit to be saved", async () => /Weights now show in lb/.test(await app.text("#notice")));

    // Editing the routine in lb shows its weight in the unit it was written in, and
    // saving it unchanged keeps 100 kg (it used to become 100 lb).
    await app.goto("routines");
    await app.click("[data-testid=routine-edit]");
    await app.waitFor("[data-testid=routine-form]");
    assert.equal(await valueOf(app, "[data-testid=entry-weight]"), "100");
    assert.equal(await app.text("[data-testid=entry-weight-unit]"), "kg", "the entry says its own unit");
    await app.click("[data-testid=routine-save]");
    await app.waitFor("[data-testid=routine-card]");
    assert.match(await app.text("[data-testid=routine-card]"), /Squat \(Barbell\): 2 × 5 @ 100 kg/, "unchanged");

    // Start it: the planned 100 kg is proposed as 220 lb (220.46 rounded to 5 lb).
    await app.goto("today");
    await app.click("[data-testid=start-routine] option:nth-child(2)");
    await app.click("[data-testid=start-workout]");
    await app.waitFor(`#screen[data-screen=workout][aria-busy=false] ${SQUAT}`);
    assert.equal(await valueOf(app, row(1, "set-weight")), "220");
    assert.equal(await app.text(row(1, "set-weight-unit")), "lb");
    assert.equal(await app.exists(`${SQUAT} th:nth-child(3)`), true);

    // Typing 225 means 225 lb: stored as such, volume 1,125 lb, no 2,480 lb.
    await app.clear(row(1, "set-weight"));
    await app.type(row(1, "set-weight"), "225");
    await app.keys(ENTER);
    await eventually("set 1 logged", async () => (await app.count(`${SQUAT} tr.done`)) === 1);
    assert.match(await app.text("[data-testid=workout-status]"), /1 set · 1,125 lb/);
    assert.equal(await valueOf(app, row(1, "set-weight")), "225");
    assert.equal(await app.text(row(1, "set-weight-unit")), "lb");

    // Set 2: a 24 kg kettlebell in an lb gym — switch this set's unit, type 24.
    await app.click(row(2, "set-weight-unit"));
    assert.equal(await app.text(row(2, "set-weight-unit")), "kg");
    await app.clear(row(2, "set-weight"));
    await app.type(row(2, "set-weight"), "24");
    await app.keys(ENTER);
    await eventually("set 2 logged", async () => (await app.count(`${SQUAT} tr.done`)) === 2);
    assert.equal(await app.text(row(2, "set-weight-unit")), "kg", "a logged set keeps the unit it was typed in");
    assert.equal(await valueOf(app, row(3, "set-weight")), "24", "the next row proposes the same kettlebell");
    assert.equal(await app.text(row(3, "set-weight-unit")), "kg");
    await app.screenshot("units-1-logger-lb-dark");

    await app.click("[data-testid=finish-workout]");
    await app.waitFor("[data-testid=workout-summary]");

    // History: each set as typed.
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    await app.click("[data-testid=history-row]");
    await app.waitFor("[data-testid=session-detail]");
    const sets = await app.run(
      `return [...document.querySelectorAll("[data-testid=detail-set]")].map((li) => li.textContent);`,
    );
    assert.equal(sets.length, 2);
    assert.match(sets[0], /^225 lb × 5 reps/);
    assert.match(sets[1], /^24 kg \(52\.9 lb\) × 5 reps/, "as typed, with its value in lb");

    // The CSV export carries each weight with its unit.
    const out = staged("export.csv");
    execFileSync(cli(), ["export", "csv", "--out", out, "--tz", "UTC"], { stdio: "pipe" });
    const lines = readFileSync(out, "utf8").trim().split(/\r?\n/);
    const header = lines[0].split(";");
    const weight = header.indexOf("Weight");
    const unit = header.indexOf("Weight Unit");
    const body = lines.slice(1).map((line) => line.split(";"));
    assert.deepEqual(
      body.map((cells) => `${cells[weight]} ${cells[unit]}`),
      ["225 lb", "24 kg"],
    );

    // Correcting the past in History: set 1 was 230 lb with a belt; a third set is added
    // (proposed at the last set's weight, in its own unit) and the kettlebell set deleted.
    const detailSets = () =>
      app.run(`return [...document.querySelectorAll("[data-testid=detail-set]")].map((li) => li.textContent);`);
    await app.click("[data-testid=detail-set]:nth-child(1) [data-testid=detail-set-edit]");
    await app.waitFor("[data-testid=set-editor]");
    assert.equal(await valueOf(app, "[data-testid=edit-set-weight]"), "225");
    assert.equal(await app.text("[data-testid=edit-set-weight-unit]"), "lb");
    await app.clear("[data-testid=edit-set-weight]");
    await app.type("[data-testid=edit-set-weight]", "230");
    await app.type("[data-testid=edit-set-note]", "belt");
    await app.click("[data-testid=edit-set-save]");
    await eventually("the edited set", async () => /^230 lb × 5 reps — belt/.test((await detailSets())[0] ?? ""));
    await app.click("[data-testid=detail-add-set]");
    await app.waitFor("[data-testid=detail-set-new] [data-testid=set-editor]");
    assert.equal(await app.text("[data-testid=detail-set-new] [data-testid=edit-set-weight-unit]"), "lb", "a new set reads the display unit");
    assert.equal(await valueOf(app, "[data-testid=detail-set-new] [data-testid=edit-set-weight]"), "55", "24 kg proposed as 55 lb");
    await app.clear("[data-testid=detail-set-new] [data-testid=edit-set-weight]");
    await app.type("[data-testid=detail-set-new] [data-testid=edit-set-weight]", "235");
    await app.type("[data-testid=detail-set-new] [data-testid=edit-set-reps]", "3");
    await app.click("[data-testid=detail-set-new] [data-testid=edit-set-save]");
    await eventually("the added set", async () => (await detailSets()).length === 3);
    await app.click("[data-testid=detail-set]:nth-child(2) [data-testid=detail-set-edit]");
    await app.click("[data-testid=edit-set-delete]");
    await app.waitFor("[data-testid=delete-set-dialog]");
    await app.click("[data-testid=delete-set-confirm]");
    await eventually("the deleted set", async () => (await detailSets()).length === 2);
    const corrected = await detailSets();
    assert.match(corrected[0], /^230 lb × 5 reps — belt/);
    assert.match(corrected[1], /^235 lb × 3 reps/);
    await app.screenshot("units-2-history-edit-lb-dark");
  } finally {
    await app.quit();
  }
});
