// A whole routine logged by keyboard alone — 3 exercises × 4 sets, each with its warm-ups
// added in one key — at the app's smallest window (1024×700), counting the keys each task
// takes (the table in BENCHMARKS.md comes from this run). On the way: every set row is one
// line that does not grow when logged, and at least 8 fit on screen; warm-ups show "W"
// beside last time's warm-ups, working sets beside last time's working sets; a note from
// a Strong export shows, and a set gets a note of its own; Enter on an exercise's last set
// goes on to the next exercise; a record's banner floats instead of pushing the sets; the
// plates for a weight; a set moved within its exercise; an exercise added by type-ahead (a
// few letters, the ranked matches, Enter) and logged by keyboard comes into view; and what was typed but not logged survives another screen and
// a relaunch, as does the rest timer.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { test } from "node:test";

import { cli, staged } from "./backup-lib.mjs";
import { App, eventually } from "./webdriver.mjs";

const ENTER = "\uE007";
const TAB = "\uE004";
const ALT = "\uE00A";
const UP = "\uE013";
const DOWN = "\uE015";
const ESCAPE = "\uE00C";
const block = (name) => `[data-testid=exercise-block][data-exercise='${name}']`;
const SQUAT = block("Squat (Barbell)");
const BENCH = block("Bench Press (Barbell)");
const ROW = block("Bent Over Row (Barbell)");
const PRESS = block("Overhead Press (Barbell)");
const cell = (blockCss, n, what) => `${blockCss} tr[data-row="${n}"] [data-testid=${what}]`;

/** Keys pressed per task, to write down (one per character; a chord counts each key). */
const tally = new Map();

/** Types `text` into the focused element and counts its keys under `task`. */
async function press(app, task, text) {
  tally.set(task, (tally.get(task) ?? 0) + [...text].length);
  await app.keys(text);
}

/** The value of the first match right now (null when none). */
async function valueOf(app, css) {
  return app.run("const n = document.querySelector(arguments[0]); return n ? n.value : null;", [css]);
}

/** "exercise:row:testid" of the focused element. */
async function focused(app) {
  return app.run(`const el = document.activeElement;
    const tr = el && el.closest("tr[data-row]"); const b = el && el.closest("[data-exercise]");
    return (b ? b.dataset.exercise : "") + ":" + (tr ? tr.dataset.row : "") + ":" + (el ? el.dataset.testid : "");`);
}

/** Whether the focused element is wholly inside the window. */
async function focusInView(app) {
  return app.run(`const r = document.activeElement.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;`);
}

/** Logs `count` pre-filled sets with Enter, one at a time. */
async function logWithEnter(app, css, count, task) {
  for (let i = 0; i < count; i += 1) {
    const before = await app.count(`${css} tr.done`);
    await press(app, task, ENTER);
    await eventually(`set ${before + 1} logged`, async () => (await app.count(`${css} tr.done`)) === before + 1);
  }
}

/** A Strong export of last week's session: warm-ups marked W, a note on a set. */
function strongExport() {
  const rows = ["Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes"];
  const at = "2026-11-30 07:00:00;Upper A";
  rows.push(`${at};Squat (Barbell);W;20;kg;10;;;;0;;`);
  rows.push(`${at};Squat (Barbell);1;100;kg;5;;;;0;Belt on, felt solid;`);
  for (const n of [2, 3, 4]) rows.push(`${at};Squat (Barbell);${n};100;kg;5;;;;0;;`);
  rows.push(`${at};Bench Press (Barbell);W;20;kg;10;;;;0;;`);
  for (const n of [1, 2, 3, 4]) rows.push(`${at};Bench Press (Barbell);${n};70;kg;8;;;;0;;`);
  for (const n of [1, 2, 3, 4]) rows.push(`${at};Bent Over Row (Barbell);${n};60;kg;8;;;;0;;`);
  // Three lower-body days before it, under one name: a routine to offer.
  for (const day of ["24", "26", "28"]) {
    for (const n of [1, 2, 3, 4]) rows.push(`2026-11-${day} 07:00:00;Lower A;Squat (Barbell);${n};90;kg;5;;;;0;;`);
  }
  const file = staged("strong.csv");
  writeFileSync(file, `${rows.join("\n")}\n`);
  execFileSync(cli(), ["import", file, "--format", "strong", "--tz", "UTC"], { stdio: "pipe" });
  execFileSync(
    cli(),
    ["routine", "create", "Upper A", "--entry", "Squat (Barbell): 4x5 100kg", "--entry", "Bench Press (Barbell): 4x8 70kg", "--entry", "Bent Over Row (Barbell): 4x8 60kg"],
    { stdio: "pipe" },
  );
  execFileSync(cli(), ["routine", "create", LONG, "--entry", "Deadlift (Barbell): 1x5 140kg", "--entry", `${SHRUG}: 3x10`], { stdio: "pipe" });
}

/** A routine name as long as names go (80 characters), to be shown whole. */
const LONG = "Saturday heavy singles, doubles and back-off triples before the meet in March!!!";
/** A catalog lift whose name is wider than the routine editor's exercise field. */
const SHRUG = "Behind the Back Shrug (Smith Machine)";

test("a routine with warm-ups, logged by keyboard alone at 1024×700", async () => {
  let app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    strongExport();
    await app.setWindowSize(1024, 700);

    // Routines offers the imported "Lower A" (three times in the log) as a routine, not
    // "Upper A" (a routine already); one click makes it, from its latest workout.
    await app.goto("routines");
    await app.waitFor("[data-testid=routine-offer]");
    assert.deepEqual(
      await app.run("return [...document.querySelectorAll('[data-testid=routine-offer-item] .offer-name')].map((n) => n.textContent);"),
      ["Lower A — 3 workouts"],
    );
    await app.click("[data-testid=routine-adopt]");
    await eventually("the new routine", async () => /Squat \(Barbell\): 4 × 5 @ 90 kg/.test(await app.textNow("[data-testid=routine-card][aria-label='Lower A']")));
    assert.equal(await app.exists("[data-testid=routine-offer]"), false, "nothing left to offer");
    // A long name wraps on its card, whole.
    const long = `[data-testid=routine-card][aria-label='${LONG}'] h3`;
    assert.equal(await app.textNow(long), LONG);
    assert.equal(await app.run("const n = document.querySelector(arguments[0]); return n.scrollWidth <= n.clientWidth;", [long]), true, "not cut");
    await app.screenshot("routines-light-kg");
    // The editor labels its columns.
    await app.click("[data-testid=routine-card][aria-label='Upper A'] [data-testid=routine-edit]");
    await app.waitFor("[data-testid=routine-form]");
    assert.match(await app.textNow(".entry-head"), /^ExerciseSetsMin repsMax repsWeightRest \(s\)Superset$/);
    await app.screenshot("routine-editor-light-kg");
    await app.goto("routines");
    // An exercise name wider than its field is shown whole beneath it, and as its tooltip.
    await app.click(`[data-testid=routine-card][aria-label='${LONG}'] [data-testid=routine-edit]`);
    await app.waitFor("[data-testid=routine-form]");
    const shrug = "[data-testid=routine-entry]:nth-child(2)";
    assert.equal(await valueOf(app, `${shrug} [data-testid=entry-exercise]`), SHRUG);
    assert.equal(await app.run("return document.querySelector(arguments[0]).title;", [`${shrug} [data-testid=entry-exercise]`]), SHRUG);
    await eventually("the whole name shown", async () => (await app.isShown(`${shrug} [data-testid=entry-exercise-full]`)) && (await app.textNow(`${shrug} [data-testid=entry-exercise-full]`)) === SHRUG);
    assert.equal(await app.run("const n = document.querySelector(arguments[0]); const r = n.getBoundingClientRect(); return n.scrollWidth <= n.clientWidth && r.right <= window.innerWidth;", [`${shrug} [data-testid=entry-exercise-full]`]), true, "not cut");
    // A name that fits has no second line.
    assert.equal(await app.isShown("[data-testid=routine-entry]:nth-child(1) [data-testid=entry-exercise-full]"), false);
    await app.screenshot("routine-editor-long-name-light-kg");
    // The editor's exercise field is the same type-ahead: "dead", Enter puts the deadlift
    // in whole, and the entry's sets come next.
    await app.click("[data-testid=routine-add-entry]");
    const third = "[data-testid=routine-entry]:nth-child(3)";
    await eventually("the new entry focused", async () => (await app.run("return document.activeElement.dataset.testid;")) === "entry-exercise");
    await app.keys("dead");
    await eventually("deadlift matches", async () => (await app.textNow(`${third} [data-testid=exercise-match][aria-selected=true]`)) === "Deadlift (Barbell)");
    await app.keys(ENTER);
    assert.equal(await valueOf(app, `${third} [data-testid=entry-exercise]`), "Deadlift (Barbell)");
    assert.equal(await app.run("return document.activeElement.dataset.testid;"), "entry-sets", "Enter chose, and did not save the routine");
    assert.equal(await app.exists("[data-testid=routine-form]"), true);
    await app.goto("routines");
    // Each card starts its workout.
    await app.click("[data-testid=routine-card][aria-label='Upper A'] [data-testid=routine-start]");
    await app.waitFor(`#screen[data-screen=workout][aria-busy=false] ${SQUAT}`);
    assert.equal(await focused(app), "Squat (Barbell):1:set-weight", "the logger opens on the first set");

    // W: the squat's warm-ups, before its working sets, in one key.
    await press(app, "add warm-ups", "w");
    await eventually("the warm-ups", async () => (await app.count(`${SQUAT} tr.warmup`)) === 4);
    const labels = await app.run(`return [...document.querySelectorAll(arguments[0] + " [data-testid=set-label]")].map((n) => n.textContent).join(",");`, [SQUAT]);
    assert.equal(labels, "W,W,W,W,1,2,3,4,5", "warm-ups are marked W, working sets numbered");
    const weights = [];
    for (const n of [1, 2, 3, 4]) weights.push(await valueOf(app, cell(SQUAT, n, "set-weight")));
    assert.deepEqual(weights, ["20", "40", "60", "80"], "the bar, then 40, 60 and 80 % of 100 kg");
    assert.equal(await focused(app), "Squat (Barbell):1:set-weight");
    // Like with like: warm-up 1 beside last time's warm-up, set 1 beside last time's set 1,
    // whose note (from Strong) is marked and readable.
    await eventually("last time's sets", async () => (await app.textNow(cell(SQUAT, 1, "set-previous"))) === "20 kg × 10 reps");
    assert.equal(await app.textNow(cell(SQUAT, 2, "set-previous")), "", "last time had one warm-up");
    assert.equal(await app.textNow(cell(SQUAT, 5, "set-previous")), "100 kg × 5 reps ✎");
    assert.equal(await app.run("return document.querySelector(arguments[0]).title;", [cell(SQUAT, 5, "set-previous")]), "Belt on, felt solid");

    // One line per set, at least 8 on screen.
    const rows = await app.run(`return [...document.querySelectorAll("table.sets tr[data-row]")].map((r) => {
      const b = r.getBoundingClientRect(); return [b.height, b.top >= 0 && b.bottom <= window.innerHeight]; });`);
    const tallest = Math.max(...rows.map(([height]) => height));
    const shown = rows.filter(([, inView]) => inView).length;
    console.log(`row height ${tallest.toFixed(1)} px; ${shown} set rows on screen at 1024×700`);
    await app.screenshot("keyboard-warmups-light-kg");
    assert.ok(tallest <= 40, `a set row is one line (${tallest} px)`);
    assert.ok(shown >= 8, `at least 8 set rows fit (${shown})`);

    // The warm-ups and set 1, as pre-filled: one Enter each; a row keeps its height.
    const heightOf = (n) => app.run("return document.querySelector(arguments[0]).getBoundingClientRect().height;", [`${SQUAT} tr[data-row="${n}"]`]);
    const before = await heightOf(1);
    await logWithEnter(app, SQUAT, 4, "log warm-ups");
    assert.equal(await heightOf(1), before, "a logged row is as tall as before");
    await logWithEnter(app, SQUAT, 1, "log a pre-filled set");

    // Set 2: 4 reps (Tab goes from the weight straight to the reps).
    assert.equal(await focused(app), "Squat (Barbell):6:set-weight");
    await press(app, "change reps", TAB);
    assert.equal(await focused(app), "Squat (Barbell):6:set-reps");
    await press(app, "change reps", "4");
    await press(app, "change reps", ENTER);
    await eventually("set 2 logged", async () => (await app.count(`${SQUAT} tr.done`)) === 6);
    assert.equal(await valueOf(app, cell(SQUAT, 6, "set-reps")), "4");

    // Set 3: 105 × 4.
    await press(app, "change weight and reps", "105");
    await press(app, "change weight and reps", TAB);
    await press(app, "change weight and reps", "4");
    await press(app, "change weight and reps", ENTER);
    await eventually("set 3 logged", async () => (await app.count(`${SQUAT} tr.done`)) === 7);
    assert.equal(await valueOf(app, cell(SQUAT, 7, "set-weight")), "105");
    // 105 × 4 beats last time's best: a record, whose banner floats over the page instead
    // of pushing the sets down under the lifter's eyes.
    assert.match(await app.textNow("#notice"), /New record on Squat/);
    assert.equal(await app.run("return getComputedStyle(document.getElementById('notice')).position;"), "fixed", "the banner does not push the sets");

    // Set 4 gets a note (N, type, Enter), then Enter logs it and the focus moves on to
    // the bench, in view.
    await press(app, "note", "n");
    await app.waitFor(`${SQUAT} [data-testid=set-note-input]`);
    await press(app, "note", "Last rep slow");
    await press(app, "note", ENTER);
    await eventually("the note saved", async () =>
      /Last rep slow/.test(await app.run("const n = document.querySelector(arguments[0]); return n ? n.getAttribute('aria-label') : '';", [cell(SQUAT, 8, "set-note")])),
    );
    assert.equal(await focused(app), "Squat (Barbell):8:set-weight", "back in the row after the note");
    await logWithEnter(app, SQUAT, 1, "log a pre-filled set");
    await eventually("on to the bench", async () => (await focused(app)) === "Bench Press (Barbell):1:set-weight");
    tally.set("next exercise", 0);
    assert.equal(await focusInView(app), true, "the next exercise's first set is in view");

    // Bench and rows: W, then Enter for each warm-up and each set.
    for (const [css, next] of [
      [BENCH, "Bent Over Row (Barbell):1:set-weight"],
      [ROW, "Bent Over Row (Barbell)"],
    ]) {
      await press(app, "add warm-ups", "w");
      await eventually("the warm-ups", async () => (await app.count(`${css} tr.warmup`)) > 0);
      const warmups = await app.count(`${css} tr.warmup`);
      await logWithEnter(app, css, warmups, "log warm-ups");
      await logWithEnter(app, css, 4, "log a pre-filled set");
      assert.ok((await focused(app)).startsWith(next), `then ${next}`);
      assert.equal(await focusInView(app), true, "the focused field is in view");
    }
    assert.equal(await app.count("tr.done"), 12 + (await app.count("tr.done.warmup")), "12 working sets and the warm-ups");

    // The plates for the row's next set (60 kg): P.
    assert.equal(await focused(app), "Bent Over Row (Barbell):9:set-weight");
    await press(app, "plates", "p");
    await eventually("the plates", async () => /Per side: 20 kg; loaded 60 kg\./.test(await app.textNow(`${ROW} [data-testid=set-plates-text]`)));

    // Alt+↑ moves the last row set up within its exercise (its 60 × 8 trades places).
    await app.click(cell(ROW, 8, "set-reps"));
    await app.clear(cell(ROW, 8, "set-reps"));
    await app.type(cell(ROW, 8, "set-reps"), "7");
    await app.keys(ENTER);
    await eventually("the edit saved", async () => (await valueOf(app, cell(ROW, 8, "set-reps"))) === "7");
    await app.click(cell(ROW, 8, "set-reps"));
    await press(app, "move a set", `${ALT}${UP}`);
    await eventually("the set moved up", async () => (await valueOf(app, cell(ROW, 7, "set-reps"))) === "7");
    assert.equal(await valueOf(app, cell(ROW, 8, "set-reps")), "8");
    assert.equal(await focused(app), "Bent Over Row (Barbell):7:set-weight", "the focus follows the set");

    // The add-exercise field is a type-ahead: a few letters list the vault's ranked
    // matches, ↓/↑ move the highlight, Escape closes the list (not counted: a look around).
    const ADD = "[data-testid=add-exercise-input]";
    const matches = () => app.run("return [...document.querySelectorAll('[data-testid=exercise-match]')].map((n) => (n.getAttribute('aria-selected') === 'true' ? '>' : '') + n.textContent);");
    await app.click(ADD);
    await app.keys("squ");
    await eventually("squat matches", async () => (await matches())[0] === ">Squat (Barbell)");
    const listInView = () => app.run(`const r = document.querySelector("[data-testid=add-exercise-input-matches]").getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;`);
    assert.equal(await listInView(), true, "the matches show whole, at the foot of the page too");
    await app.screenshot("keyboard-typeahead-light-kg");
    await app.keys(DOWN);
    assert.equal((await matches())[1]?.startsWith(">"), true, "↓ highlights the second match");
    await app.keys(UP);
    assert.equal((await matches())[0], ">Squat (Barbell)", "↑ goes back");
    assert.equal(await app.run("return document.activeElement.getAttribute('aria-activedescendant') === document.querySelector('[data-testid=exercise-match][aria-selected=true]').id;"), true);
    await app.clear(ADD);
    await app.click(ADD);
    await app.keys("bench");
    await eventually("bench matches", async () => (await matches())[0] === ">Bench Press (Barbell)");
    await app.keys(ESCAPE);
    assert.equal(await app.run("return document.activeElement.getAttribute('aria-expanded');"), "false", "Escape closes the list");
    assert.equal(await app.isShown("[data-testid=add-exercise-input-matches]"), false);
    await app.clear(ADD);

    // An exercise added by keyboard (A, two letters, Enter) comes into view with the focus
    // on its first set, which is typed and logged.
    await app.click(cell(ROW, 9, "set-weight"));
    await press(app, "add an exercise", "a");
    assert.equal(await app.run("return document.activeElement.dataset.testid;"), "add-exercise-input");
    await press(app, "add an exercise", "ov");
    await eventually("the press highlighted", async () => (await matches())[0] === ">Overhead Press (Barbell)");
    await press(app, "add an exercise", ENTER);
    await app.waitFor(PRESS);
    await eventually("the press focused", async () => (await focused(app)) === "Overhead Press (Barbell):1:set-weight");
    await app.screenshot("keyboard-added");
    assert.equal(await focusInView(app), true, "the new exercise is in view");
    await press(app, "log the added exercise's first set", "40");
    await press(app, "log the added exercise's first set", TAB);
    await press(app, "log the added exercise's first set", "5");
    await press(app, "log the added exercise's first set", ENTER);
    await eventually("the press logged", async () => (await app.count(`${PRESS} tr.done`)) === 1);

    // Typed, not logged: 42.5 in the press's next row, kept across another screen…
    await app.clear(cell(PRESS, 2, "set-weight"));
    await app.type(cell(PRESS, 2, "set-weight"), "42.5");
    await app.goto("history");
    // The draft is kept in the vault: the web view's storage (a file in the clear) holds
    // nothing but the theme and the rest's end time.
    assert.deepEqual(
      await app.run("return Object.keys(localStorage).filter((k) => k !== 'ironkeep.theme' && k !== 'ironkeep.rest-ends-at');"),
      [],
      "no draft in the web view's storage",
    );
    await app.goto("workout");
    await app.waitFor(PRESS);
    assert.equal(await valueOf(app, cell(PRESS, 2, "set-weight")), "42.5", "kept across screens");
    await app.screenshot("keyboard-logged-light-kg");
    const tallyText = [...tally].map(([task, keys]) => `${task}: ${keys}`).join("; ");
    console.log(`keys per task: ${tallyText}`);
    assert.equal(tally.get("log a pre-filled set"), 10, "one Enter for each of the 10 pre-filled working sets");
    assert.equal(tally.get("add an exercise"), 4, "A, two letters, Enter");

    // …and a relaunch, with the rest timer still running: the draft comes back from the
    // vault, as the web view's storage still holds none.
    assert.equal(await app.isShown("[data-testid=rest-timer]"), true);
    assert.deepEqual(await app.run("return Object.keys(localStorage).filter((k) => k.startsWith('ironkeep.logger'));"), []);
    await app.quit();
    app = await App.launch();
    await app.waitFor("#screen[aria-busy=false]");
    await app.goto("workout");
    await app.waitFor(PRESS);
    assert.equal(await valueOf(app, cell(PRESS, 2, "set-weight")), "42.5", "kept across a relaunch");
    assert.equal(await focused(app), "Overhead Press (Barbell):2:set-weight", "the logger opens where the lifter goes on");
    assert.equal(await app.count("tr.done"), 12 + 1 + (await app.count("tr.done.warmup")));
    assert.equal(await app.isShown("[data-testid=rest-timer]"), true, "the rest goes on after a relaunch");

    // The same logger in the dark theme and in pounds.
    await app.goto("settings");
    await app.click("[data-testid=pref-unit] option[value='lb']");
    await app.click("[data-testid=theme-dark]");
    await eventually("the unit saved", async () => /Weights now show in lb/.test(await app.textNow("#notice")));
    await app.goto("workout");
    await app.waitFor(SQUAT);
    await app.screenshot("keyboard-dark-lb");
    await app.click(ADD);
    await app.keys("bench");
    await eventually("bench matches", async () => (await matches())[0] === ">Bench Press (Barbell)");
    assert.equal(await listInView(), true);
    await app.screenshot("keyboard-typeahead-dark-lb");
    await app.keys(ESCAPE);
    await app.goto("routines");
    await app.click(`[data-testid=routine-card][aria-label='${LONG}'] [data-testid=routine-edit]`);
    await eventually("the whole name shown", async () => (await app.textNow(`${shrug} [data-testid=entry-exercise-full]`)) === SHRUG);
    await app.screenshot("routine-editor-long-name-dark-lb");
    await app.goto("workout");
    await app.waitFor(SQUAT);

    // Finishing forgets the drafts and the rest's end: nothing of the workout stays in
    // the web view's storage.
    await app.click("[data-testid=finish-workout]");
    await app.waitFor("[data-testid=workout-summary]");
    assert.deepEqual(await app.run("return Object.keys(localStorage).filter((k) => k.startsWith('ironkeep.logger') || k.startsWith('ironkeep.rest'));"), []);
  } finally {
    await app.quit();
  }
});
