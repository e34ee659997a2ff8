// Everyday screens with a real history (issue 11): a lifter imports five months of squats,
// bench presses and pull-ups (which Strong exports as "0 kg"), sees pull-ups as reps and
// "BW", logs a body weight and tape measurements on the Body screen (a waist typed in mm
// is refused, with the sentence why), finds sessions in History by typing, reads the
// rep-max table, finds Settings' units first and the vault's facts under "About this
// vault", and gets training insights without WHOOP. Screenshots in light and dark, kg and
// lb, at the minimum window size.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { test } from "node:test";

import { cli, staged } from "./backup-lib.mjs";
import { App, eventually } from "./webdriver.mjs";

const HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE";

/** Two sessions a week for 20 weeks up to yesterday (skipping weeks 6 and 7), as a Strong export. */
function strongHistory() {
  const rows = [HEADER];
  const day = 86_400_000;
  const start = Date.now() - 20 * 7 * day;
  for (let week = 0; week < 20; week += 1) {
    if (week === 6 || week === 7) continue;
    for (const [offset, name] of [
      [0, "Legs"],
      [3, "Upper"],
    ]) {
      const at = new Date(Math.min(start + (week * 7 + offset) * day, Date.now() - day));
      const stamp = at.toISOString().slice(0, 10);
      if (name === "Legs") {
        // Float noise as exports carry it.
        rows.push(`${stamp} 07:00:00,${name},50m,Squat (Barbell),1,${String(100 + week * 1.25 + 1e-10)},5,0,0,,,`);
        rows.push(`${stamp} 07:00:00,${name},50m,Squat (Barbell),2,${90 + week},8,0,0,,,`);
      } else {
        rows.push(`${stamp} 18:00:00,${name},45m,Bench Press (Barbell),1,${70 + week},5,0,0,,,`);
        rows.push(`${stamp} 18:00:00,${name},45m,Pull Up,1,0,${6 + Math.floor(week / 4)},0,0,,,`);
      }
    }
  }
  const file = staged("history.csv");
  writeFileSync(file, `${rows.join("\n")}\n`);
  execFileSync(cli(), ["import", file, "--format", "strong", "--unit", "kg", "--tz", "UTC"], { stdio: "pipe" });
  return rows.length - 1;
}

async function textNow(app, css) {
  return (await app.exists(css)) ? app.text(css) : "";
}

async function openExercise(app, query, name) {
  await app.goto("exercises");
  await app.waitFor("[data-testid=exercise-search]");
  await app.clear("[data-testid=exercise-search]");
  await app.type("[data-testid=exercise-search]", query);
  const link = `[data-testid=exercise-list][data-query='${query}'] li:first-child [data-testid=exercise-link]`;
  await app.waitFor(link);
  const first = await app.run("return document.querySelector(arguments[0])?.textContent;", [link]);
  assert.equal(first, name, `“${query}” finds ${name} first`);
  await app.click(link);
  await eventually(`${name} opens`, async () => (await textNow(app, "[data-testid=exercise-title]")) === name);
}

test("everyday screens read like a lifter's, with or without WHOOP", async () => {
  const app = await App.launch();
  try {
    await app.setWindowSize(1024, 700);
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    strongHistory();

    // Pull-ups before any body weight: reps, never a flat 0 kg line or "0 kg × 7 reps".
    await openExercise(app, "pull up", "Pull Up");
    await app.waitFor("[data-testid=exercise-progress]");
    const summary = await app.run(`return document.querySelector("[data-testid=exercise-progress]").getAttribute("aria-label");`);
    assert.match(summary, /most reps in a set 10/, summary);
    const repMax = await app.text("[data-testid=exercise-rep-max]");
    assert.match(repMax, /BW/);
    assert.doesNotMatch(repMax, /0 kg/);

    // History: the real count, month headings, and the exercise filter applies as typed.
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    assert.equal(await app.text("[data-testid=history-count]"), "36 sessions");
    assert.match(await app.text("[data-testid=history-month]"), /^\S+ \d{4} · \d+ sessions?$/);
    assert.equal(
      await app.run(`return document.querySelector("[data-testid=history-from]").classList.contains("empty");`),
      true,
      "an empty date field is marked empty",
    );
    await app.type("[data-testid=history-exercise]", "Pull Up");
    await eventually("the filter applied", async () => (await textNow(app, "[data-testid=history-count]")) === "18 sessions");
    // The type-ahead's matches cover the first rows; Escape closes them, as a lifter would.
    await app.keys("\uE00C");
    await app.screenshot("everyday-1-history");
    await app.click("[data-testid=history-row]");
    await app.waitFor("[data-testid=session-detail]");
    const sets = await app.run(`return [...document.querySelectorAll("[data-testid=detail-set]")].map((li) => li.textContent);`);
    assert.ok(sets.some((text) => /^BW × \d+ reps/.test(text)), `a pull-up set reads BW: ${sets}`);
    assert.ok(!sets.some((text) => /^0 kg/.test(text)), `no 0 kg: ${sets}`);

    // In the logger too: last time's pull-ups read BW, never 0 kg.
    await app.goto("today");
    await app.click("[data-testid=start-workout]");
    await app.waitFor("#screen[data-screen=workout][aria-busy=false] [data-testid=add-exercise-input]");
    await app.click("[data-testid=add-exercise-input]");
    await app.keys("pull up");
    await eventually("the pull-up matched", async () => /^Pull Up/.test(await textNow(app, "[data-testid=exercise-match]")));
    await app.keys("\uE007");
    const PULL = "[data-testid=exercise-block][data-exercise='Pull Up']";
    const lastTime = () => app.run("return document.querySelector(arguments[0])?.textContent ?? '';", [`${PULL} [data-testid=set-previous]`]);
    await eventually("last time shown", async () => /\d/.test(await lastTime()));
    assert.match(await lastTime(), /^BW × \d+ reps/);
    await app.click("[data-testid=discard-workout]");
    await app.waitFor("[data-testid=discard-workout-dialog]");
    await app.click("[data-testid=discard-workout-confirm]");
    await app.waitFor("[data-testid=no-workout]");

    // The Body screen: a body weight, then measurements; a waist typed in mm is refused.
    await app.goto("body");
    await app.type("[data-testid=body-weight]", "80,5");
    await app.click("[data-testid=body-weight-save]");
    await eventually("the weight logged", async () => /80\.5 kg/.test(await textNow(app, "[data-testid=body-weight-table]")));
    assert.equal(await app.exists("[data-testid=body-weight-chart]"), false, "one entry is a table row, not a chart");
    await app.type("[data-testid=body-waist]", "845");
    await app.click("[data-testid=body-measure-save]");
    await eventually("the refusal", async () => /waist must be between 10 and 300 cm; got 845 cm/.test(await app.alert()));
    assert.equal(await app.exists("[data-testid=body-measure-row]"), false, "nothing was saved");
    await app.clear("[data-testid=body-waist]");
    await app.type("[data-testid=body-waist]", "84.5");
    await app.type("[data-testid=body-arms]", "38");
    await app.type("[data-testid=body-fat]", "18.2");
    await app.click("[data-testid=body-measure-save]");
    await eventually("the measurements saved", async () => (await app.count("[data-testid=body-measure-row]")) === 1);
    assert.match(await app.text("[data-testid=body-measure-row]"), /84\.5 cm[\s\S]*38 cm[\s\S]*18\.2 %/);

    // Entries from before the history, through the CLI beside the app: both cards chart.
    const before = new Date(Date.now() - 22 * 7 * 86_400_000).toISOString().slice(0, 19) + "Z";
    execFileSync(cli(), ["body", "79kg", "--at", before], { stdio: "pipe" });
    execFileSync(cli(), ["measure", "--waist", "33.5", "--unit", "in", "--body-fat", "20.1", "--at", before], { stdio: "pipe" });
    await app.goto("today");
    await app.goto("body");
    await app.waitFor("[data-testid=body-weight-chart]");
    await app.waitFor("[data-testid=body-measure-chart]");
    assert.match(await app.text("[data-testid=body-measure-table]"), /33\.5 in/, "as typed, in inches");
    await app.screenshot("everyday-2-body");

    // Pull-ups now also chart their load, body weight plus added weight; the search was kept.
    await app.goto("exercises");
    assert.equal(await app.run(`return document.querySelector("[data-testid=exercise-search]").value;`), "pull up");
    await openExercise(app, "pull up", "Pull Up");
    await app.waitFor("[data-testid=exercise-progress]");
    assert.match(await app.text("[data-testid=exercise-progress]"), /Load: body weight \+ added/);

    // Squats: the rep-max table and chart ranges.
    await openExercise(app, "squat", "Squat (Barbell)");
    await app.waitFor("[data-testid=exercise-rep-max]");
    const maxes = await app.run(
      `return [...document.querySelectorAll("[data-testid=rep-max-row]")].map((r) => r.textContent);`,
    );
    assert.equal(maxes.length, 8, `one row per rep count up to the most reps done: ${maxes}`);
    assert.match(maxes[0], /^1123\.75 kg \(done for 5\)/, "1 rep: the heaviest set, as typed");
    await app.click("[data-testid=chart-range][data-days='92']");
    await eventually("the 3-month range", async () =>
      (await app.run(`return document.querySelector("[data-testid=chart-range][data-days='92']").getAttribute("aria-pressed");`)) === "true",
    );
    await app.screenshot("everyday-3-exercises");

    // Settings: units, rest and theme first, the vault's facts under "About this vault".
    await app.goto("settings");
    const headings = await app.run(`return [...document.querySelectorAll("#screen h3")].map((h) => h.textContent);`);
    assert.equal(headings[0], "Units, rest and appearance", `${headings}`);
    assert.ok(headings.indexOf("About this vault") > headings.indexOf("Keys"), `${headings}`);
    await app.screenshot("everyday-4-settings");

    // The bar and plates of the lifter's gym: a bad set is refused and changes nothing; a
    // good one is kept, as the CLI reads it too.
    await app.waitFor("[data-testid=plates-lb]");
    assert.equal(await app.run(`return document.querySelector("[data-testid=plates-lb]").value;`), "45 35 25 10 5 2.5");
    await app.clear("[data-testid=plates-lb]");
    await app.type("[data-testid=plates-lb]", "45 0");
    await app.click("[data-testid=plates-save-lb]");
    await eventually("the refusal", async () => (await app.alert()) !== "");
    await app.clear("[data-testid=plates-lb]");
    await app.type("[data-testid=plates-lb]", "45, 35 25 10 5");
    await app.clear("[data-testid=bar-lb]");
    await app.type("[data-testid=bar-lb]", "35");
    await app.click("[data-testid=plates-save-lb]");
    await eventually("the plates saved", async () => /Bar and plates in lb saved/.test(await textNow(app, "#notice")));
    assert.match(execFileSync(cli(), ["prefs"], { encoding: "utf8" }), /bar 35 lb, plates 45, 35, 25, 10, 5\b/);

    // Insights without WHOOP: the training log's own story, and what WHOOP would add.
    await app.goto("insights");
    await app.waitFor("[data-testid=insights-training]");
    assert.match(await app.text("[data-testid=weeks-trained]"), /^18 of 2\d$/);
    assert.match(await app.text("[data-testid=strength-trend]"), /Squat \(Barbell\)/);
    assert.match(await app.text("[data-testid=insights-whoop-adds]"), /recovery after your heaviest sessions/);
    assert.equal(await app.exists("[data-testid=insights-empty]"), false);
    await app.screenshot("everyday-5-insights");
    await app.goto("today");
    await app.screenshot("everyday-6-today");

    // Pounds and a dark theme.
    await app.goto("settings");
    await app.click("[data-testid=pref-unit] option[value='lb']");
    await eventually("the unit saved", async () => /Weights now show in lb/.test(await textNow(app, "#notice")));
    await app.click("[data-testid=theme-dark]");
    await app.screenshot("everyday-7-settings-dark");
    await app.goto("body");
    await eventually("the weight in lb", async () => /177\.5 lb[\s\S]*174\.2 lb/.test(await textNow(app, "[data-testid=body-weight-table]")));
    await app.screenshot("everyday-8-body-dark-lb");
    await openExercise(app, "squat", "Squat (Barbell)");
    await app.waitFor("[data-testid=exercise-progress]");
    await app.screenshot("everyday-9-exercises-dark-lb");
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    await app.screenshot("everyday-10-history-dark-lb");
    await app.goto("insights");
    await app.waitFor("[data-testid=insights-training]");
    await app.screenshot("everyday-11-insights-dark-lb");
    await app.goto("today");
    await app.screenshot("everyday-12-today-dark-lb");
  } finally {
    await app.quit();
  }
});
