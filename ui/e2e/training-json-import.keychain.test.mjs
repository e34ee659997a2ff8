// Importing Ironkeep's own JSON export in the real app shows the progress dialog with a
// count of sets (as a CSV import does), then the imported sessions. The export is made by
// the `ironkeep` CLI from a second vault in this journey's stage folder.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { App, eventually, required } from "./webdriver.mjs";

const CLI = required("IRONKEEP_E2E_CLI");
const STAGE = required("IRONKEEP_E2E_STAGE");
const DIALOGS = required("IRONKEEP_E2E_DIALOGS");

/** Sets in the export: enough for several progress reports (one per 1,000 sets). */
const SETS = 4000;
const PER_SESSION = 10;

/** A Strong semicolon export (with units) of SETS squat sets, ten per daily session. */
function strongCsv() {
  const rows = ["Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration"];
  const first = Date.parse("2020-01-06T07:00:00Z");
  for (let i = 0; i < SETS; i += 1) {
    const session = Math.floor(i / PER_SESSION);
    const at = new Date(first + session * 86_400_000).toISOString().replace("T", " ").slice(0, 19);
    rows.push(`${at};Block ${String(session + 1)};Squat (Barbell);${String((i % PER_SESSION) + 1)};${String(60 + (i % 50))};kg;5;;;;0;;;1h`);
  }
  return `${rows.join("\n")}\n`;
}

/** Makes the JSON export with the CLI, from a vault of its own; returns its path. */
function makeExport() {
  const env = { ...process.env, IRONKEEP_DATA_DIR: join(STAGE, "source-vault") };
  const run = (...args) => execFileSync(CLI, args, { env, stdio: "pipe" });
  run("init", "--kit-out", join(STAGE, "source-kit.txt"));
  const csv = join(STAGE, "source.csv");
  writeFileSync(csv, strongCsv());
  run("import", csv, "--format", "strong", "--tz", "UTC");
  const out = join(STAGE, "ironkeep-export.json");
  run("export", "json", "--out", out);
  const sessions = JSON.parse(readFileSync(out, "utf8")).sessions;
  assert.equal(sessions.length, SETS / PER_SESSION, "the CLI exported every session");
  return out;
}

test("a JSON export imports from Settings with progress, then shows in History", async () => {
  const file = makeExport();
  writeFileSync(join(DIALOGS, "open-import"), file);

  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");

    await app.goto("settings");
    await app.waitFor("[data-testid=import-start]");
    await app.click("[data-testid=import-format] option[value=json]");
    // Record what the progress dialog shows, also after it has closed.
    await app.run(`
      window.__progress = { opened: 0, labels: [] };
      new MutationObserver((changes) => {
        for (const change of changes) for (const node of change.addedNodes) {
          if (!(node instanceof HTMLDialogElement) || node.dataset.testid !== "progress") continue;
          window.__progress.opened += 1;
          const label = node.querySelector("[data-testid=progress-label]");
          new MutationObserver(() => window.__progress.labels.push(label.textContent))
            .observe(label, { childList: true, characterData: true, subtree: true });
        }
      }).observe(document.body, { childList: true });
    `);
    await app.click("[data-testid=import-start]");
    if (await app.exists("[data-testid=progress][open]")) await app.screenshot("training-json-import-1-progress");
    await app.waitFor("[data-testid=import-result]:not([hidden]) [data-testid=import-headline]");
    await eventually("the dialog to close", async () => !(await app.exists("[data-testid=progress]")));

    await eventually("the last progress report", async () => {
      const seen = await app.run("return window.__progress;");
      return seen.opened === 1 && seen.labels.includes(`${String(SETS)} of ${String(SETS)} sets`);
    });
    const { labels } = await app.run("return window.__progress;");
    assert.ok(
      labels.every((label) => new RegExp(`^\\d+ of ${String(SETS)} sets$`).test(label)),
      `every step counts the export's sets: ${JSON.stringify(labels)}`,
    );
    assert.ok(labels.length >= 2, `progress is reported along the way: ${JSON.stringify(labels)}`);

    assert.equal(await app.text("[data-testid=import-headline]"), "Imported the json file");
    assert.equal(await app.text("[data-testid=import-sessions]"), String(SETS / PER_SESSION));
    assert.equal(await app.text("[data-testid=import-sets]"), String(SETS));
    assert.equal(await app.exists("[data-testid=import-skipped]"), false, "a JSON export has no rows to skip");
    assert.match(await app.text("#notice"), /Import finished/);
    await app.screenshot("training-json-import-2-result");

    // History lists the imported sessions, newest first.
    await app.goto("history");
    await app.waitFor("[data-testid=history-row]");
    assert.equal(await app.text("[data-testid=history-row] .history-name"), `Block ${String(SETS / PER_SESSION)}`);
    await app.click("[data-testid=history-row]");
    await app.waitFor("[data-testid=session-detail]");
    assert.equal(await app.count("[data-testid=detail-set]"), PER_SESSION);
    assert.match(await app.text("[data-testid=detail-facts]"), /imported from Strong/);
    await app.screenshot("training-json-import-3-history");
  } finally {
    await app.quit();
  }
});
