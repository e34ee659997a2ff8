// A coach opens an athlete's backup in the real app: the athlete makes a backup to the
// coach's `age` recipient (made with the stock `age-keygen`), the vault is erased and the
// coach's own vault created, and the coach opens the backup with their own identity file:
// a read-only view of its manifest, sessions and records, with nothing merged.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { App, eventually } from "./webdriver.mjs";
import { answerDialog, importSessions, settingsCount, shownAfterReload, staged, waitForText } from "./backup-lib.mjs";

test("a coach opens an athlete's backup read-only with their own kit", async () => {
  const coachKit = staged("coach.txt");
  execFileSync("age-keygen", ["-o", coachKit], { stdio: "pipe" });
  const coachRecipient = /^# public key: (age1[0-9a-z]+)$/m.exec(readFileSync(coachKit, "utf8"))?.[1];
  assert.ok(coachRecipient, "age-keygen wrote a public key");

  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today]");
    importSessions("Athlete", 4, "2026-05-04");
    assert.equal(await settingsCount(app, "sessions"), 4);
    const athleteId = await app.text("[data-testid=vault-id]");

    // A recipient that is not an age key is refused by the core.
    await app.goto("backups");
    await app.type("[data-testid=backup-recipients]", "age1notakey");
    answerDialog("save-backup", staged("never.age"));
    await app.click("[data-testid=backup-save-file]");
    const refused = await eventually("the bad-recipient error", () => app.alert());
    assert.match(refused, /not an age recipient/);

    // The athlete's backup for the coach (leaving and coming back resets the form).
    await app.goto("today");
    await app.goto("backups");
    await app.type("[data-testid=backup-recipients]", coachRecipient);
    await app.click("[data-testid=backup-for-coach]");
    const backup = staged("athlete.age");
    answerDialog("save-backup", backup);
    await app.click("[data-testid=backup-save-file]");
    assert.match(await waitForText(app, "[data-testid=backup-result]", /Backup saved/), /2 recovery kit/);
    const plain = execFileSync("age", ["-d", "-i", coachKit, backup]);
    assert.equal(plain.subarray(0, 16).toString("latin1"), "SQLite format 3\0", "the coach's identity opens it");

    // The athlete's vault goes; the coach's own, empty vault takes its place.
    await app.goto("settings");
    await app.click("[data-testid=wipe-open]");
    await app.type("[data-testid=wipe-confirmation]", "wipe");
    await app.click("[data-testid=wipe-confirm]");
    await shownAfterReload(app, "#first-run");
    answerDialog("save-kit", staged("coach-vault-kit.txt"));
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today]");
    assert.equal(await settingsCount(app, "sessions"), 0, "the coach's vault starts empty");
    const coachId = await app.text("[data-testid=vault-id]");
    assert.notEqual(coachId, athleteId);

    // The coach opens the athlete's backup.
    await app.goto("backups");
    answerDialog("open-backup", backup);
    answerDialog("open-kit", coachKit);
    await app.click("[data-testid=athlete-open]");
    await app.waitFor("[data-testid=athlete-view]");
    assert.equal(await app.text("[data-testid=athlete-banner]"), "Read-only view of athlete.age — nothing from it is added to your vault.");
    assert.equal(await app.text("[data-testid=athlete-vault-id]"), athleteId, "the manifest names the athlete's vault");
    assert.equal(await app.text("[data-testid=athlete-session-count]"), "4");
    const rows = await app.run(
      `return [...document.querySelectorAll("[data-testid=athlete-session]")].map((r) => r.textContent);`,
    );
    assert.equal(rows.length, 4, "every session is listed");
    assert.match(rows[0], /Athlete 4/, "newest first");
    assert.match(rows[0], /515 kg/, "with its volume (103 kg × 5)");
    const records = await app.run(
      `return [...document.querySelectorAll("[data-testid=athlete-record]")].map((r) => r.textContent);`,
    );
    assert.equal(records.length, 1);
    assert.match(records[0], /Squat/);
    await app.run(`document.querySelector("[data-testid=athlete-view]").scrollIntoView();`);
    await app.screenshot("backup-5-coach-view");

    // The wrong kit opens nothing.
    answerDialog("open-kit", staged("coach-vault-kit.txt"));
    await app.click("[data-testid=athlete-open]");
    assert.match(await eventually("the wrong-kit error", () => app.alert()), /not encrypted to the given recovery kit/);

    assert.equal(await settingsCount(app, "sessions"), 0, "nothing was merged into the coach's vault");
    assert.equal(await app.text("[data-testid=vault-id]"), coachId);
  } finally {
    await app.quit();
  }
});
