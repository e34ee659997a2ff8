// Importing a Strong export in the real app: the file is answered to the `open-import`
// dialog, previewed (nothing written), imported from Settings with its result counts, then
// found in History; importing it again adds nothing (exports are cumulative).

import assert from "node:assert/strict";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { App, eventually, required } from "./webdriver.mjs";

const STAGE = required("IRONKEEP_E2E_STAGE");
const DIALOGS = required("IRONKEEP_E2E_DIALOGS");

// Strong's classic layout (as in tests/it/training/fixtures): no unit column, so the unit
// is chosen in the form; one "Rest Timer" row that is not a set.
const STRONG_CSV = `Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE
2024-03-04 18:02:11,Evening Push,1h 17m,Bench Press (Barbell),1,60,8,0,0,,,
2024-03-04 18:02:11,Evening Push,1h 17m,Bench Press (Barbell),2,80,5,0,0,"paused, 1s",,8.5
2024-03-04 18:02:11,Evening Push,1h 17m,Bench Press (Barbell),Rest Timer,0,0,0,90,,,
2024-03-06 07:15:00,Morning Legs,38min,Squat (Barbell),1,100,5,0,0,,Felt good,
2024-03-06 07:15:00,Morning Legs,38min,Squat (Barbell),2,100,5,0,0,,Felt good,
`;

async function importOnce(app) {
  await app.click("[data-testid=import-start]");
  await app.waitFor("[data-testid=import-result]");
  await eventually("the import to finish", async () => !(await app.exists("[data-testid=progress]")));
}

test("a Strong export imports from Settings and shows up in History", async () => {
  const file = join(STAGE, "strong.csv");
  writeFileSync(file, STRONG_CSV);
  writeFileSync(join(DIALOGS, "open-import"), file);

  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");

    await app.goto("settings");
    await app.waitFor("[data-testid=import-start]");
    await app.click("[data-testid=import-unit] option[value=kg]");

    // A preview writes nothing but says exactly what would happen.
    await app.click("[data-testid=import-dry-run]");
    await importOnce(app);
    assert.match(await app.text("[data-testid=import-headline]"), /Preview of the strong file — nothing was written/);
    assert.equal(await app.text("[data-testid=import-sessions]"), "2");
    assert.equal(await app.text("[data-testid=import-sets]"), "4");

    // The real import.
    await app.click("[data-testid=import-dry-run]");
    await importOnce(app);
    assert.equal(await app.text("[data-testid=import-headline]"), "Imported the strong file");
    assert.equal(await app.text("[data-testid=import-sessions]"), "2");
    assert.equal(await app.text("[data-testid=import-sets]"), "4");
    assert.equal(await app.text("[data-testid=import-present]"), "0");
    assert.equal(await app.text("[data-testid=import-skipped]"), "1", "the rest-timer row is not a set");
    await eventually("the notice", async () => /Import finished/.test(await app.textNow("#notice")));
    // Settings asked the vault again: "About this vault" counts the imported sessions
    // without leaving the screen.
    const sessions = await app.run(
      `const row = [...document.querySelectorAll("[data-testid=counts] tbody tr")].find((r) => r.querySelector("th").textContent === "sessions");
       return row ? row.querySelector("td").textContent : null;`,
    );
    assert.equal(sessions, "2", "the vault's facts follow the import");
    assert.equal(await app.text("[data-testid=import-headline]"), "Imported the strong file", "the import's result stays");
    await app.screenshot("training-6-import");

    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    const rows = await app.run(
      `return [...document.querySelectorAll("[data-testid=history-row] .history-name")].map((n) => n.textContent);`,
    );
    assert.deepEqual(rows, ["Morning Legs", "Evening Push"], "newest first");
    await app.click("[data-testid=history-row][data-session]:last-child");
    await app.waitFor("[data-testid=session-detail]");
    assert.equal(await app.count("[data-testid=detail-set]"), 2);
    assert.match(await app.text("[data-testid=detail-facts]"), /imported from Strong/);
    await app.screenshot("training-7-imported-history");

    // Filtering by exercise leaves the one session with squats, as soon as its name is typed.
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    await app.type("[data-testid=history-exercise]", "squat (barbell)");
    await eventually("the filtered list", async () => (await app.count("[data-testid=history-row]")) === 1);
    assert.match(await app.text("[data-testid=history-row]"), /Morning Legs/);
    assert.equal(await app.text("[data-testid=history-count]"), "1 session");

    // Exports are cumulative: the same file again adds nothing.
    await app.goto("settings");
    await app.waitFor("[data-testid=import-start]");
    await app.click("[data-testid=import-unit] option[value=kg]");
    await importOnce(app);
    assert.equal(await app.text("[data-testid=import-sets]"), "0");
    assert.equal(await app.text("[data-testid=import-present]"), "4");

    // Export as Strong-style CSV to the file the save dialog answers with.
    const exported = join(STAGE, "export.csv");
    writeFileSync(join(DIALOGS, "save-export"), exported);
    await app.click("[data-testid=export-csv]");
    await eventually("the export", async () => /^Saved export\.csv/.test(await app.text("[data-testid=export-result]")));
    assert.equal(statSync(exported).mode & 0o777, 0o600, "the export is readable by its owner only");
    const csv = readFileSync(exported, "utf8");
    assert.match(csv, /Squat \(Barbell\)/);
    assert.equal(csv.trim().split("\n").length, 5, "a header and the four sets");

    // A new workout shows last time's bench sets from the import, once, in their column.
    await app.goto("workout");
    await app.click("[data-testid=start-empty]");
    await app.waitFor("[data-testid=add-exercise-input]");
    await app.type("[data-testid=add-exercise-input]", "Bench Press (Barbell)");
    await app.click("[data-testid=add-exercise]");
    const bench = "[data-testid=exercise-block][data-exercise='Bench Press (Barbell)']";
    await eventually("last time's sets", async () =>
      (await app.textNow(`${bench} tr[data-row='1'] [data-testid=set-previous]`)) === "60 kg × 8 reps",
    );
    assert.equal(await app.textNow(`${bench} [data-testid=previous]`), "", "no second copy of last time beside the name");
    const prefilled = await app.run(
      `const row = document.querySelector(arguments[0] + " tr[data-row='1']");
       return row.querySelector("[data-testid=set-weight]").value + "×" + row.querySelector("[data-testid=set-reps]").value;`,
      [bench],
    );
    assert.equal(prefilled, "60×8", "the blank row starts from last time's first set");
    await app.screenshot("training-12-previous");
    // An empty workout is deleted again from History (after confirming); the exercise
    // filter set above is still there, so it is cleared first.
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    await app.click("[data-testid=history-clear]");
    await eventually("the whole list", async () => (await app.textNow("[data-testid=history-count]")) === "3 sessions");
    await app.click("[data-testid=history-row]");
    await app.waitFor("[data-testid=session-detail]");
    assert.match(await app.text("[data-testid=detail-facts]"), /in progress · 0 sets/);
    await app.click("[data-testid=session-delete]");
    await app.waitFor("[data-testid=delete-session-dialog]");
    await app.click("[data-testid=delete-session-confirm]");
    await app.waitFor("#screen[data-screen=history][aria-busy=false] [data-testid=history-list]");
    await eventually("two sessions again", async () => (await app.textNow("[data-testid=history-count]")) === "2 sessions");

    // Pounds as the display unit: History shows the same sessions in lb.
    await app.goto("settings");
    await app.waitFor("[data-testid=pref-unit]");
    await app.click("[data-testid=pref-unit] option[value=lb]");
    await eventually("the unit saved", async () => /Weights now show in lb/.test(await app.text("#notice")));
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    assert.match(await app.text("[data-testid=history-row]"), /2 sets · 2.?205 lb/);
  } finally {
    await app.quit();
  }
});

test("ten years of sessions scroll in pages through a virtualized list", async () => {
  // 120 more sessions, one a month, in the same vault as the test above.
  const lines = [STRONG_CSV.split("\n")[0]];
  for (let month = 0; month < 120; month += 1) {
    const year = 2014 + Math.floor(month / 12);
    const mm = String((month % 12) + 1).padStart(2, "0");
    lines.push(`${year}-${mm}-10 10:00:00,Month ${month + 1},45m,Deadlift (Barbell),1,${100 + month},5,0,0,,,`);
  }
  const file = join(STAGE, "years.csv");
  writeFileSync(file, `${lines.join("\n")}\n`);
  writeFileSync(join(DIALOGS, "open-import"), file);

  const app = await App.launch();
  try {
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    await app.goto("settings");
    await app.waitFor("[data-testid=import-start]");
    await app.click("[data-testid=import-unit] option[value=kg]");
    await importOnce(app);
    assert.equal(await app.text("[data-testid=import-sessions]"), "120");

    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    assert.equal(await app.text("[data-testid=history-count]"), "122 sessions", "the real count, before every page is loaded");
    assert.match(
      await app.text("[data-testid=history-month]"),
      /^March 2024 · 2 sessions$/,
      "sessions are grouped by month, each heading with its count",
    );
    const rendered = await app.count("[data-testid=history-row]");
    assert.ok(rendered > 0 && rendered < 40, `only the visible rows are in the page (${rendered})`);
    // End (the keyboard) scrolls to the bottom; each time the next page comes in.
    const names = () =>
      app.run(`return [...document.querySelectorAll("[data-testid=history-row] .history-name")].map((n) => n.textContent);`);
    await eventually("the oldest session", async () => {
      await app.type("[data-testid=history-list]", "\uE010");
      return (await names()).includes("Month 1");
    });
    assert.ok((await names()).length < 40, "still only the visible rows");
    await app.screenshot("training-11-history-years");
  } finally {
    await app.quit();
  }
});

test("a long import can be cancelled and writes nothing", async () => {
  // 600 sessions of 100 sets: long enough in a debug build to press Cancel mid-way.
  const lines = [STRONG_CSV.split("\n")[0]];
  for (let day = 0; day < 600; day += 1) {
    const at = new Date(Date.UTC(2000, 0, 1 + day, 9)).toISOString().slice(0, 19).replace("T", " ");
    for (let set = 1; set <= 100; set += 1) {
      lines.push(`${at},Volume Day ${day},1h,Squat (Barbell),${set},${60 + (set % 40)},5,0,0,,,`);
    }
  }
  const file = join(STAGE, "huge.csv");
  writeFileSync(file, `${lines.join("\n")}\n`);
  writeFileSync(join(DIALOGS, "open-import"), file);

  const app = await App.launch();
  try {
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    await app.goto("settings");
    await app.waitFor("[data-testid=import-start]");
    await app.click("[data-testid=import-unit] option[value=kg]");
    await app.click("[data-testid=import-start]");
    await app.waitFor("[data-testid=progress]");
    await app.click("[data-testid=progress-cancel]");
    await eventually("the import to stop", async () => !(await app.exists("[data-testid=progress]")), 120_000);
    assert.match(await app.text("#notice"), /cancelled; nothing was written/);
    assert.equal(await app.isShown("[data-testid=import-result]"), false, "no result for a cancelled import");

    // Squats are only in the first file's "Morning Legs": the cancelled file kept none.
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    await app.clear("[data-testid=history-exercise]");
    await app.type("[data-testid=history-exercise]", "Squat (Barbell)");
    await eventually("the filtered list", async () => (await app.textNow("[data-testid=history-count]")) === "1 session");
    assert.match(await app.text("[data-testid=history-row]"), /Morning Legs/, "none of the cancelled file was kept");
  } finally {
    await app.quit();
  }
});
