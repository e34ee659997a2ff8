// A WHOOP lifter's sessions show what WHOOP measured while they trained. The fake WHOOP
// serves 30 days with a workout every few days; the lifter logged a session (through the
// CLI, beside the app) around each of the last two weightlifting ones and a session on a day
// WHOOP recorded nothing. After connecting and the first sync, History shows each matched
// session's strain in the list and, in the session, its strain, heart rate, energy and
// heart-rate zones; the lifter undoes a match ("not this session") and matches it again, and
// the CLI and Today's recent workouts show the same. Then every stored WHOOP metric is
// charted, Insights shows weekly load and strain per tonne, and the weekly report lists the
// week's sessions with their strain and the journal's tags beside the four weeks before.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, test } from "node:test";

import { App, eventually, required } from "./webdriver.mjs";
import { connectWhoop, startFake } from "./whoop-lib.mjs";

const CLI = required("IRONKEEP_E2E_CLI");
const DAYS = 30;

let fake;

before(async () => {
  fake = await startFake(DAYS);
});

after(() => {
  fake?.kill("SIGTERM");
});

const cli = (...args) => execFileSync(CLI, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const shift = (stamp, minutes) => new Date(new Date(stamp).getTime() + minutes * 60_000).toISOString().replace(/\.\d+Z$/, "Z");

/** Logs a finished session through the CLI from `start` for `minutes`; returns its id. */
function logSession(name, start, minutes) {
  const started = JSON.parse(cli("session", "start", "--name", name, "--at", start, "--json"));
  const id = started.session.id;
  cli("session", "log", "--session", String(id), "-e", "Squat (Barbell)", "-w", "100kg", "-r", "5");
  cli("session", "finish", "--session", String(id), "--at", shift(start, minutes));
  return id;
}

test("each lifting session shows the strain and heart-rate zones WHOOP measured", async () => {
  const lifting = fake.workouts.filter((w) => w.sport_name === "weightlifting").slice(-2);
  assert.equal(lifting.length, 2, "the fake serves weightlifting workouts");
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    // The lifter strapped on five minutes before opening the app and finished 80 min later.
    const sessions = lifting.map((w, i) => logSession(`Heavy ${String(i + 1)}`, shift(w.start, 5), 80));
    const quiet = logSession("Quiet day", shift(lifting[1].start, -24 * 60 * 2 - 7 * 60), 60);

    await connectWhoop(app);
    // Connecting starts the first sync; it has ended when every workout is in and the panel is gone.
    const workouts = async () => Number((await app.text("[data-testid=count-workouts-value]")).replace(/[^\d]/g, ""));
    await eventually(
      "the first sync to end",
      async () => {
        await app.goto("whoop");
        await app.waitFor("[data-testid=count-workouts-value]");
        return (await workouts()) === fake.workouts.length && !(await app.exists("[data-testid=sync-panel]"));
      },
      120_000,
      500,
    );

    await app.goto("history");
    await app.waitFor(`[data-testid=history-row][data-session="${String(sessions[1])}"]`);
    const rowText = async (id) => app.text(`[data-testid=history-row][data-session="${String(id)}"]`);
    assert.match(await rowText(sessions[1]), new RegExp(`strain ${lifting[1].strain.toFixed(1)}`), "the list shows the strain");
    assert.doesNotMatch(await rowText(quiet), /strain/, "a session WHOOP recorded nothing near has none");

    await app.click(`[data-testid=history-row][data-session="${String(sessions[1])}"]`);
    await app.waitFor("[data-testid=session-whoop] [data-testid=whoop-effort]");
    assert.equal(await app.count("[data-testid=session-whoop] [data-testid=whoop-effort]"), 1);
    const facts = await app.text("[data-testid=whoop-facts]");
    assert.match(facts, new RegExp(`Strain ${lifting[1].strain.toFixed(1)}`));
    assert.match(facts, /HR \d+ avg, \d+ max/);
    assert.match(facts, /kJ/);
    assert.equal(await app.count("[data-testid=whoop-zones] .zone"), 6, "six heart-rate zones");
    await app.run(`document.querySelector("[data-testid=session-whoop]").scrollIntoView({ block: "center" });`);
    await app.screenshot("whoop-sessions-0-detail");

    // Not this session: the match is undone and stays so; then matched again from nearby.
    await app.click("[data-testid=whoop-undo]");
    await eventually("the match undone", async () => /not this session/.test(await app.text("[data-testid=whoop-effort]")));
    assert.equal(await app.exists("[data-testid=whoop-zones]"), false);
    await app.goto("history");
    await app.waitFor(`[data-testid=history-row][data-session="${String(sessions[1])}"]`);
    assert.doesNotMatch(await rowText(sessions[1]), /strain/, "an undone match shows no strain");
    await app.click(`[data-testid=history-row][data-session="${String(sessions[1])}"]`);
    await app.waitFor("[data-testid=whoop-assign]");
    await app.click("[data-testid=whoop-assign]");
    await eventually("matched again, as the lifter's choice", async () => /kept/.test(await app.text("[data-testid=whoop-effort]")));
    assert.match(cli("session", "show", String(sessions[1])), new RegExp(`WHOOP weightlifting \\(${lifting[1].id}\\), strain ${lifting[1].strain.toFixed(1)}`));
    const shown = JSON.parse(cli("session", "show", String(sessions[1]), "--json"));
    assert.equal(shown.whoop[0].workout_id, lifting[1].id);
    assert.equal(shown.whoop[0].decision, "confirmed");

    // Today's recent workouts show it too.
    await app.goto("today");
    await app.waitFor("#screen[data-screen=today][aria-busy=false] .recent-row");
    const recent = await app.run("return [...document.querySelectorAll('.recent-row')].map((n) => n.textContent);");
    assert.ok(recent.some((text) => text.includes("Heavy 2") && text.includes(`strain ${lifting[1].strain.toFixed(1)}`)), recent.join(" | "));

    // Every stored WHOOP metric is charted.
    await app.goto("whoop");
    for (const chart of ["recovery", "hrv", "sleep", "stages", "sleep-need", "efficiency", "respiratory", "spo2", "skin-temp", "strain"]) {
      await app.waitFor(`[data-testid=chart-${chart}]`);
    }
    assert.match(await app.run("return document.body.textContent;"), /Sleep debt: |No sleep debt: /);
    await app.run(`document.querySelector("[data-testid=chart-spo2]").scrollIntoView({ block: "start" });`);
    await app.screenshot("whoop-sessions-1-metrics");

    // Insights: weekly volume beside strain and recovery, and strain per tonne.
    await app.goto("insights");
    await app.waitFor("[data-testid=chart-load]");
    assert.match(await app.text("[data-testid=tonne-caption]"), /2 sessions with WHOOP strain/);

    // The weekly report opens from Insights; then the last heavy session's week.
    await app.click("[data-testid=open-report]");
    await app.waitFor("#screen[data-screen=report][aria-busy=false] [data-testid=report-week]");
    // The lifter journaled that week (through the CLI): the report counts the tag's days.
    const heavyDay = lifting[1].start.slice(0, 10);
    cli("journal", "add", "--date", heavyDay, "--tag", "sauna", "--tag", "alcohol");
    await app.run("location.hash = arguments[0];", [`#/report?week=${heavyDay}`]);
    await app.waitFor("#screen[data-screen=report][aria-busy=false] [data-testid=report-week]");
    const reported = await app.run("return [...document.querySelectorAll('[data-testid=report-session]')].map((n) => n.textContent);");
    assert.ok(reported.some((text) => text.includes("Heavy 2") && text.includes(`strain ${lifting[1].strain.toFixed(1)}`)), reported.join(" | "));
    assert.match(await app.text("[data-testid=report-recovery]"), /Recovery\s*\d+ %\s*\d+ %/);
    const tags = await app.run("return [...document.querySelectorAll('[data-testid=report-tag]')].map((n) => [...n.cells].map((c) => c.textContent).join(' '));");
    assert.deepEqual(tags.map((t) => t.replace(/\s+/g, " ").trim()).sort(), ["alcohol 1 0", "sauna 1 0"], tags.join(" | "));
    await app.screenshot("whoop-sessions-2-report");
    await app.click("[data-testid=report-previous]");
    await app.waitFor("#screen[data-screen=report][aria-busy=false] [data-testid=report-week]");
  } finally {
    await app.quit();
  }
});
