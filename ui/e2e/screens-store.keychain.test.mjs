// Every screen draws from its own store, fed only by the vault's answers (issue 11): after
// a change on one screen, that screen and the others show what the vault holds, and a
// message belongs to the screen it was said on. One step per kind of screen: a list
// (Routines), a session's detail and the list it returns to (History), a dashboard
// (Today), a detail with a search beside it (Exercises), a status screen (Backups), and a
// form (Body).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";

import { cli, importSessions } from "./backup-lib.mjs";
import { App, eventually } from "./webdriver.mjs";

/** The texts of every match right now. */
async function textsNow(app, css) {
  return app.run("return [...document.querySelectorAll(arguments[0])].map((n) => n.textContent);", [css]);
}

test("each screen shows what the vault holds after a change, and its messages stay its own", async () => {
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    importSessions("Legs", 3, "2026-11-01");

    // A list: the routine saved in the editor is on the list, and the list says so; a
    // deleted one is gone from it at once.
    await app.goto("routines");
    await app.click("[data-testid=routine-new]");
    await app.waitFor("[data-testid=routine-form]");
    await app.type("[data-testid=routine-name]", "Pull");
    await app.type("[data-testid=entry-exercise]", "Deadlift (Barbell)");
    await app.type("[data-testid=entry-reps-max]", "5");
    await app.click("[data-testid=routine-save]");
    await app.waitFor("#screen[data-screen=routines][aria-busy=false] [data-testid=routine-card]");
    assert.equal(await app.textNow("#notice"), "Saved “Pull”.", "the list announces the routine it now shows");
    await app.click("[data-testid=routine-duplicate]");
    await eventually("the copy listed", async () => (await app.count("[data-testid=routine-card]")) === 2);
    assert.equal(await app.textNow("#notice"), "Duplicated as “Pull (copy)”.");
    await app.click("[data-testid=routine-card][aria-label='Pull (copy)'] [data-testid=routine-delete]");
    await app.waitFor("[data-testid=delete-routine-dialog]");
    await app.click("[data-testid=delete-routine-confirm]");
    await eventually("the copy gone", async () => (await app.count("[data-testid=routine-card]")) === 1);
    assert.equal(await app.textNow("#notice"), "Deleted “Pull (copy)”.");

    // A message belongs to its screen: it is gone once the lifter moves on.
    await app.goto("today");
    assert.equal(await app.textNow("#notice"), "", "Routines' message does not follow the lifter to Today");
    assert.deepEqual(await textsNow(app, "[data-testid=start-routine] option"), ["Empty workout", "Pull"], "Today offers the routines that exist");

    // A session's detail and the list it returns to: the deleted session is gone from
    // History, and the list says it was deleted; Today no longer shows it either.
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    assert.equal(await app.text("[data-testid=history-count]"), "3 sessions");
    await app.click("[data-testid=history-row]");
    await app.waitFor("[data-testid=session-detail]");
    const deleted = await app.text("[data-testid=detail-name]");
    await app.click("[data-testid=session-delete]");
    await app.waitFor("[data-testid=delete-session-dialog]");
    await app.click("[data-testid=delete-session-confirm]");
    await app.waitFor("#screen[data-screen=history][aria-busy=false] [data-testid=history-list]");
    await eventually("the list without it", async () => (await app.textNow("[data-testid=history-count]")) === "2 sessions");
    assert.equal(await app.textNow("#notice"), "Session deleted.", "the list announces what it no longer shows");
    await app.goto("today");
    const recent = await textsNow(app, "[data-testid=recent-session]");
    assert.equal(recent.length, 2, `Today's recent workouts: ${recent}`);
    assert.ok(!recent.includes(deleted), `${deleted} is gone from Today: ${recent}`);

    // A session's detail after an edit shows the vault's answer: a set added there counts
    // in the session's facts at once.
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    await app.click("[data-testid=history-row]");
    await app.waitFor("[data-testid=session-detail]");
    assert.match(await app.text("[data-testid=detail-facts]"), /· 1 set ·/);
    await app.click("[data-testid=detail-add-set]");
    await app.waitFor("[data-testid=set-editor]");
    await app.type("[data-testid=edit-set-reps]", "3");
    await app.click("[data-testid=edit-set-save]");
    await eventually("the set added", async () => /· 2 sets ·/.test(await app.textNow("[data-testid=detail-facts]")));
    assert.equal(await app.textNow("#notice"), "Set added.");

    // A detail with a search beside it: a rename shows in the heading and in the matches.
    execFileSync(cli(), ["exercise", "add", "Backyard Log Press", "--kind", "weight_reps", "--muscle", "quads", "--equipment", "other"], { stdio: "pipe" });
    await app.goto("exercises");
    await app.clear("[data-testid=exercise-search]");
    await app.type("[data-testid=exercise-search]", "backyard");
    await eventually("the match", async () => (await app.textNow("[data-testid=exercise-link]")) === "Backyard Log Press");
    await app.click("[data-testid=exercise-link]");
    await eventually("it opens", async () => (await app.textNow("[data-testid=exercise-title]")) === "Backyard Log Press");
    await app.clear("[data-testid=exercise-rename-input]");
    await app.type("[data-testid=exercise-rename-input]", "Backyard Log Drive");
    await app.click("form[aria-label=Rename] button[type=submit]");
    await eventually("the new name", async () => (await app.textNow("[data-testid=exercise-title]")) === "Backyard Log Drive");
    await eventually("the matches renamed", async () => (await textsNow(app, "[data-testid=exercise-link]")).includes("Backyard Log Drive"));
    assert.equal(await app.textNow("#notice"), "Renamed.");

    // A status screen: a backup made there is listed at once, while the form that made it
    // keeps its result.
    await app.goto("backups");
    assert.equal(await app.count("[data-testid=backups-list] [data-testid=backup-row]"), 0);
    await app.click("[data-testid=backup-into-folder]");
    await eventually("the backup listed", async () => (await app.count("[data-testid=backups-list] [data-testid=backup-row]")) === 1);
    assert.match(await app.textNow("[data-testid=backup-result]"), /Backup saved/, "the form's result stays while the list redraws");

    // A form: the logged weight is in the table below it; the message goes with the screen.
    await app.goto("body");
    await app.type("[data-testid=body-weight]", "81");
    await app.click("[data-testid=body-weight-save]");
    await eventually("the weight listed", async () => /81 kg/.test(await app.textNow("[data-testid=body-weight-table]")));
    assert.equal(await app.textNow("#notice"), "Logged 81 kg.");
    await app.goto("settings");
    assert.equal(await app.textNow("#notice"), "", "Body's message does not follow the lifter to Settings");
  } finally {
    await app.quit();
  }
});
