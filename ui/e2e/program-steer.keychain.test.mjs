// A lifter steers programs in the real app. A coach's program (hand-written JSON sealed
// with the stock `age` to the vault's recipient) opens from Today's programs panel with
// the vault's own kit, its author shown "not verified" before and after import; one
// sealed to another key is refused, then opens with that key's file; a plain JSON file
// opens as it is. 5/3/1 is
// copied as "My 5/3/1" and edited (the press adds 1.25 kg, the squat is capped at 100 kg);
// a bad JSON edit lists its problems beside the text and changes nothing. The copy is
// started; a training max set by hand changes Today's weights, a day is skipped, and the
// program is stopped. Screenshots at 1024×700 in light and dark.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { test } from "node:test";

import { App, eventually, required } from "./webdriver.mjs";
import { answerDialog, staged } from "./backup-lib.mjs";

const KIT = required("IRONKEEP_E2E_KIT_PATH");

/** A coach's hand-written program: one squat day, linear progression. */
const COACH_PROGRAM = {
  version: 1,
  name: "Squat focus",
  author: "Coach Kim",
  description: "Three heavy fives of squats, twice a week.",
  lifts: [
    {
      id: "squat",
      exercise: "squat-barbell",
      group: "lower",
      progression: { type: "linear", increment: { upper: { kg: 2.5, lb: 5 }, lower: { kg: 5, lb: 10 } } },
    },
  ],
  weeks: [{ days: [{ name: "Heavy squat", exercises: [{ lift: "squat", sets: [{ count: 3, reps: 5, load: { percent: 100 } }] }] }] }],
};

async function show(app, css) {
  await app.run(`document.querySelector(${JSON.stringify(css)}).scrollIntoView({ block: "start" })`);
}

test("open a coach's program, copy and edit 5/3/1, steer it from Today, stop it", async () => {
  // The coach seals the file to this vault's recipient with stock age, once the vault (and
  // its kit) exists.
  const app = await App.launch();
  try {
    await app.setWindowSize(1024, 700);
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    const recipient = execFileSync("age-keygen", ["-y", KIT], { encoding: "utf8" }).trim();
    assert.match(recipient, /^age1[0-9a-z]+$/);
    const plain = staged("coach.json");
    writeFileSync(plain, JSON.stringify(COACH_PROGRAM));
    const sealed = staged("coach.age");
    execFileSync("age", ["-a", "-r", recipient, "-o", sealed, plain]);

    // Open it from the panel: decrypted with the vault's own kit, author not verified.
    await app.click("[data-testid=program-panel-open]");
    answerDialog("open-program", sealed);
    await app.click("[data-testid=program-file-open]");
    await app.waitFor("[data-testid=program-preview]");
    assert.equal(await app.text("[data-testid=program-preview-author]"), "By Coach Kim (not verified).");
    assert.match(await app.text("[data-testid=program-preview]"), /1 lift: Squat \(Barbell\); 1 day a cycle/);
    await show(app, "[data-testid=program-panel]");
    await app.screenshot("programs-7-coach-file");
    await app.click("[data-testid=program-file-import]");
    await app.waitFor("[data-testid=program-editor][data-program='Squat focus']");
    assert.match(await app.text("[data-testid=program-editor] h4"), /Editing Squat focus by Coach Kim \(not verified\)/);

    // A file sealed to another key: the vault's kits cannot open it, that key's file can.
    const otherKit = staged("other-kit.txt");
    execFileSync("age-keygen", ["-o", otherKit], { stdio: "pipe" });
    const otherRecipient = execFileSync("age-keygen", ["-y", otherKit], { encoding: "utf8" }).trim();
    const otherPlain = staged("other.json");
    writeFileSync(otherPlain, JSON.stringify({ ...COACH_PROGRAM, name: "Squat focus, other key" }));
    const otherSealed = staged("other.age");
    execFileSync("age", ["-a", "-r", otherRecipient, "-o", otherSealed, otherPlain]);
    answerDialog("open-program", otherSealed);
    await app.click("[data-testid=program-file-open]");
    assert.match(await eventually("the refusal", () => app.alert()), /not sealed to your recipient/);
    await app.goto("settings");
    await app.goto("today");
    await app.click("[data-testid=program-panel-open]");
    answerDialog("open-kit", otherKit);
    await app.click("[data-testid=program-file-kit]");
    await app.waitFor("[data-testid=program-preview]");
    assert.match(await app.text("[data-testid=program-preview] h4"), /Squat focus, other key/);

    // A plain JSON program opens as it is, its author not verified either.
    answerDialog("open-program", plain);
    await app.click("[data-testid=program-file-open]");
    await eventually("the plain file", async () => /A file does not say who wrote it/.test(await app.textNow("[data-testid=program-preview]")));
    assert.equal(await app.text("[data-testid=program-preview-author]"), "By Coach Kim (not verified).");

    // Copy 5/3/1 and edit it: the press adds 1.25 kg, the squat is capped at 100 kg.
    await eventually("the programs listed", () => app.exists("[data-testid=program-copy-from] option[value='5/3/1']"));
    await app.click("[data-testid=program-copy-from] option[value='5/3/1']");
    await app.type("[data-testid=program-copy-name]", "My 5/3/1");
    await app.click("[data-testid=program-copy]");
    await app.waitFor("[data-testid=program-editor][data-program='My 5/3/1']");
    assert.equal(await app.run("return document.querySelector('[data-testid=program-edit-increment-press]').value"), "2.5");
    await app.clear("[data-testid=program-edit-increment-press]");
    await app.type("[data-testid=program-edit-increment-press]", "1.25");
    await app.type("[data-testid=program-edit-maximum-squat]", "100");
    await app.click("[data-testid=program-edit-save]");
    await eventually("the edit saved", async () => /Saved My 5\/3\/1/.test(await app.textNow("#notice")));
    await app.waitFor("[data-testid=program-editor][data-program='My 5/3/1']");
    const saved = await app.run(`return document.querySelector("[data-testid=program-json]").value`);
    const doc = JSON.parse(saved);
    assert.deepEqual(doc.lifts.find((l) => l.id === "press").progression.increment.upper, { kg: 1.25, lb: 5 });
    assert.equal(await app.run("return document.querySelector('[data-testid=program-edit-maximum-squat]').value"), "100");

    // A bad JSON edit: every problem beside the text, nothing changed.
    const bad = JSON.parse(saved);
    bad.lifts[0].id = "Press!";
    bad.weeks[0].days[1].name = "";
    await app.click("[data-testid=program-json-open]");
    await app.run(`document.querySelector("[data-testid=program-json]").value = arguments[0]`, [JSON.stringify(bad, null, 2)]);
    await app.click("[data-testid=program-json-save]");
    await eventually("the problems shown", async () => (await app.textNow("[data-testid=program-json-problems]")) !== "");
    const problems = await app.text("[data-testid=program-json-problems]");
    assert.match(problems, /^the program has \d+ problems:/);
    assert.match(problems, /lifts\[0\]: id must be 1 to 40 lowercase letters/);
    assert.match(problems, /weeks\[0\]\.days\[1\]: name is empty or too long/);
    await show(app, "[data-testid=program-editor]");
    await app.screenshot("programs-8-editor");

    // Start the edited copy from the picker.
    await app.click("[data-testid=program-pick]");
    await app.waitFor("[data-testid=program-choice][data-program='My 5/3/1']");
    await app.click("[data-testid=program-choice][data-program='My 5/3/1']");
    await app.waitFor("[data-testid=program-maxes]");
    for (const [lift, kg] of [["press", "60"], ["deadlift", "140"], ["bench", "80"], ["squat", "120"]]) {
      await app.type(`[data-testid=program-tm-${lift}]`, kg);
    }
    await show(app, "[data-testid=program-maxes]");
    await app.screenshot("programs-9-picker");
    await app.click("[data-testid=program-begin]");
    await app.waitFor("[data-testid=program-today]");
    assert.match(await app.text("[data-testid=program-today]"), /Overhead Press \(Barbell\): 40 kg × 5, 45 kg × 5, 50 kg × 5\+/);

    // A training max by hand: 70 kg, so 65/75/85 % = 45.5/52.5/59.5 kg, loadable as 45/52.5/60.
    await app.click("[data-testid=program-steer-open]");
    await app.type("[data-testid=program-set-tm-press]", "70");
    await app.click("[data-testid=program-set-tm-save-press]");
    await eventually("the new weights", async () =>
      /Overhead Press \(Barbell\): 45 kg × 5, 52\.5 kg × 5, 60 kg × 5\+/.test(await app.textNow("[data-testid=program-today]")),
    );
    await app.click("[data-testid=program-steer-open]");
    assert.match(await app.text("[data-testid=program-steer]"), /Overhead Press \(Barbell\): training max 70 kg/);
    await show(app, "[data-testid=program-today]");
    await app.screenshot("programs-10-steer");

    // Skip the press day: the deadlift day is next.
    await app.click("[data-testid=program-skip]");
    await eventually("the next day", async () => /Week 1, Day 2/.test(await app.textNow("[data-testid=program-today]")));
    assert.match(await app.text("[data-testid=program-today]"), /Deadlift \(Barbell\): 90 kg × 5, 105 kg × 5, 120 kg × 5\+/);

    // Dark: the day card with its steering, the panel's editor.
    await app.goto("settings");
    await app.click("[data-testid=theme-dark]");
    await app.goto("today");
    await app.waitFor("[data-testid=program-today]");
    await app.click("[data-testid=program-steer-open]");
    await show(app, "[data-testid=program-today]");
    await app.screenshot("programs-10-steer-dark");
    await app.click("[data-testid=program-panel-open]");
    await eventually("the programs listed", () => app.exists("[data-testid=program-edit-which] option[value='Squat focus']"));
    await app.click("[data-testid=program-edit-which] option[value='Squat focus']");
    await app.click("[data-testid=program-edit-open]");
    await app.waitFor("[data-testid=program-editor][data-program='Squat focus']");
    await show(app, "[data-testid=program-panel]");
    await app.screenshot("programs-8-editor-dark");

    // Stop: asked once more, then the picker is back.
    await app.click("[data-testid=program-stop]");
    await app.click("[data-testid=program-stop-confirm]");
    await app.waitFor("[data-testid=program-none]");
    await eventually("the stop said", async () => /Stopped My 5\/3\/1/.test(await app.textNow("#notice")));
    await app.click("[data-testid=program-pick]");
    await app.waitFor("[data-testid=program-choice][data-program='Squat focus']");
    await show(app, "[data-testid=program-none]");
    await app.screenshot("programs-9-picker-dark");

    // The theme is the window's (kept in its storage across launches): back to the system's,
    // so the journeys after this one start as they expect.
    await app.goto("settings");
    await app.click("[data-testid=theme-system]");
  } finally {
    await app.quit();
  }
});
