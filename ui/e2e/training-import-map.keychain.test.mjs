// An export whose header Ironkeep does not know is not a dead end: the import shows each
// column with its first values and what it will be read as (date, exercise and set number
// guessed from the values), the lifter says which column is the weight and which the
// reps, imports, and finds the sets in History.

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { App, eventually, required } from "./webdriver.mjs";

const STAGE = required("IRONKEEP_E2E_STAGE");
const DIALOGS = required("IRONKEEP_E2E_DIALOGS");

// A layout no app we know writes: German words, weight and reps indistinguishable by value.
const UNKNOWN_CSV = `Tag,Übung,Satz,Last,Wdh
2024-06-03 18:00:00,Kniebeuge,1,100,5
2024-06-03 18:00:00,Kniebeuge,2,102.5,5
2024-06-05 18:00:00,Bankdrücken,1,80,8
`;

const column = (n) => `[data-testid=import-column]:nth-child(${n})`;

/** The value of the select of column `n` right now. */
async function fieldOf(app, n) {
  return app.run("const s = document.querySelector(arguments[0]); return s ? s.value : null;", [
    `${column(n)} [data-testid=import-column-field]`,
  ]);
}

test("an unknown layout is mapped by hand and its sets land in History", async () => {
  const file = join(STAGE, "unknown.csv");
  writeFileSync(file, UNKNOWN_CSV);
  writeFileSync(join(DIALOGS, "open-import"), file);

  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");

    await app.goto("settings");
    await app.waitFor("[data-testid=import-start]");
    await app.click("[data-testid=import-unit] option[value=kg]");
    await app.click("[data-testid=import-start]");

    // The mapping step, with the guesses from the values.
    await app.waitFor("[data-testid=import-columns] [data-testid=import-column]");
    assert.equal(await app.count("[data-testid=import-column]"), 5);
    assert.equal(await fieldOf(app, 1), "date", "a column of dates is guessed");
    assert.equal(await fieldOf(app, 2), "exercise", "the names are guessed");
    assert.equal(await fieldOf(app, 4), "", "weight and reps cannot be told apart by value");
    assert.match(await app.text(column(4)), /100 · 102\.5 · 80/, "its first values show");
    assert.equal(await app.text("[role=alert]"), "", "no error at the top: a step, not a failure");
    await app.screenshot("import-map-1-columns");

    await app.click(`${column(4)} [data-testid=import-column-field] option[value=weight]`);
    await eventually("the weight choice", async () => (await fieldOf(app, 4)) === "weight");
    await app.click(`${column(5)} [data-testid=import-column-field] option[value=reps]`);
    await eventually("the reps choice", async () => (await fieldOf(app, 5)) === "reps");
    await app.click("[data-testid=import-mapped]");
    await app.waitFor("[data-testid=import-headline]");
    await eventually("the import to finish", async () => !(await app.exists("[data-testid=progress]")));
    assert.match(await app.text("[data-testid=import-headline]"), /Imported the strong file/);
    assert.equal(await app.text("[data-testid=import-sessions]"), "2");
    assert.equal(await app.text("[data-testid=import-sets]"), "3");

    // History has both sessions; the newest holds the bench press as the file wrote it.
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    assert.equal(await app.count("[data-testid=history-row]"), 2);
    await app.click("[data-testid=history-row]");
    await app.waitFor("[data-testid=session-detail]");
    const sets = await app.run(
      `return [...document.querySelectorAll("[data-testid=detail-set]")].map((li) => li.textContent);`,
    );
    assert.equal(sets.length, 1, String(sets));
    assert.match(sets[0], /^80 kg × 8 reps/);
  } finally {
    await app.quit();
  }
});
