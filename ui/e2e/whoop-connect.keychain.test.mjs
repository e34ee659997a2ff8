// Connecting WHOOP in the real app against the fake WHOOP (examples/fake_whoop.rs, the
// Rust tests' fake as a process), then syncing, charting, and Insights over a training
// history imported with the CLI. The test plays the browser: it reads the authorization
// URL the window shows and follows WHOOP's redirects itself to the app's loopback listener.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { after, before, test } from "node:test";

import { App, eventually, required } from "./webdriver.mjs";
import { BASE, CLIENT_ID, CLIENT_SECRET, REDIRECT, signInAsBrowser, startFake } from "./whoop-lib.mjs";

const CLI = required("IRONKEEP_E2E_CLI");
const STAGE = required("IRONKEEP_E2E_STAGE");
const DATA_DIR = required("IRONKEEP_DATA_DIR");
// Days of history the fake serves: long enough that "all time" is averaged into weeks.
const DAYS = 1500;

let fake;

before(async () => {
  fake = await startFake(DAYS);
});

after(() => {
  fake?.kill("SIGTERM");
});

/** A Strong CSV of 30 sessions over the last 60 days; every fourth one is heavy. */
function strongCsv() {
  const lines = ["Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"];
  const pad = (n) => String(n).padStart(2, "0");
  for (let i = 1; i <= 30; i += 1) {
    const at = new Date(Date.now() - i * 2 * 86_400_000);
    const date = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} 18:00:00`;
    const heavy = i % 4 === 0;
    for (const [exercise, weight] of [
      ["Squat (Barbell)", heavy ? 140 : 80],
      ["Bench Press (Barbell)", heavy ? 100 : 60],
    ]) {
      for (let set = 1; set <= (heavy ? 5 : 3); set += 1) {
        lines.push(`${date},Session ${i},1h,${exercise},${set},${weight},5,0,0,,,`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

test("connect WHOOP, sync with progress, chart it, and see Insights", async () => {
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today]");

    await app.goto("whoop");
    await app.waitFor("[data-testid=whoop-step-1]");
    // The wizard says how to make the WHOOP app, with the redirect URI to paste and the scopes.
    assert.equal(await app.text("[data-testid=guide-redirect-uri]"), REDIRECT);
    assert.ok(await app.exists("[data-testid=guide-redirect-uri-copy]"), "a copy button beside it");
    assert.match(await app.text("[data-testid=whoop-app-guide]"), /read:recovery.*read:cycles.*read:workout.*read:sleep/);
    await app.screenshot("whoop-0-wizard");
    // A wrong secret is refused before anyone is sent to sign in, and nothing is stored.
    await app.type("[data-testid=client-id]", CLIENT_ID);
    await app.type("[data-testid=client-secret]", "not-the-secret");
    await app.click("[data-testid=save-credentials]");
    await eventually("the refusal", async () => /did not accept this client ID and secret/.test(await app.text("#error")));
    assert.equal(await app.exists("[data-testid=redirect-uri]"), false, "still at step 1");
    await app.clear("[data-testid=client-secret]");
    await app.type("[data-testid=client-secret]", CLIENT_SECRET);
    await app.click("[data-testid=save-credentials]");
    await app.waitFor("[data-testid=redirect-uri]");
    assert.equal(await app.text("[data-testid=redirect-uri]"), REDIRECT, "the exact redirect URI to register");
    assert.equal(await app.text("[data-testid=whoop-step-3]"), "Step 3 of 3: sign in");

    // A sign-in can be cancelled while the app waits for the browser, and started again.
    await app.click("[data-testid=sign-in]");
    await app.waitFor("[data-testid=sign-in-cancel]");
    await app.click("[data-testid=sign-in-cancel]");
    await eventually("the cancelled sign-in", async () => (await app.text("#notice")) === "The WHOOP sign-in was cancelled.");
    assert.equal(await app.exists("[data-testid=auth-url]"), false, "the old address is gone");

    await app.click("[data-testid=sign-in]");
    await app.waitFor("[data-testid=auth-url]");
    const authUrl = await app.text("[data-testid=auth-url]");
    assert.ok(authUrl.startsWith(`${BASE}/oauth/oauth2/auth?`), `the authorization URL is the fake's: ${authUrl}`);
    const query = new URL(authUrl).searchParams;
    assert.equal(query.get("client_id"), CLIENT_ID);
    assert.equal(query.get("redirect_uri"), REDIRECT);
    assert.equal(query.get("code_challenge_method"), "S256");
    // Watch the first sync's progress in the navigation from inside the page (it starts
    // by itself once connected), so a fast sync cannot slip by.
    await app.run(`
      window.__progress = { seen: false, labels: [] };
      const watch = () => {
        const label = document.querySelector("[data-testid=sync-label]");
        if (label) {
          window.__progress.seen = true;
          const text = label.textContent;
          if (window.__progress.labels.at(-1) !== text) window.__progress.labels.push(text);
        }
      };
      new MutationObserver(watch).observe(document.body, { childList: true, subtree: true, characterData: true });
    `);
    const page = await signInAsBrowser(authUrl);
    assert.match(page, /sign-in received/, "the listener tells the browser to go back to the app");

    await app.waitFor("[data-testid=whoop-sync]");
    assert.equal(await app.text("[data-testid=whoop-state]"), "Connected to WHOOP.");
    // The first sync starts by itself; once it ends, Sync now runs another.
    await eventually("the first sync to end", async () => !(await app.exists("[data-testid=sync-panel]")), 120_000, 200);

    await app.click("[data-testid=whoop-sync]");
    await eventually("the sync to finish", async () => (await app.text("#notice")).startsWith("WHOOP sync complete"), 120_000);
    const progress = await app.run("return window.__progress");
    assert.equal(progress.seen, true, "the sync showed its progress in the navigation");
    assert.ok(
      progress.labels.some((label) => /^(Cycles \(days\)|Recoveries|Sleeps|Workouts): [\d,]+ fetched$/.test(label)),
      `the progress named collections and counts: ${JSON.stringify(progress.labels.slice(0, 8))}`,
    );

    const count = async (name) => Number((await app.text(`[data-testid=count-${name}-value]`)).replace(/[^\d]/g, ""));
    assert.equal(await count("cycles"), DAYS, "one cycle a day");
    assert.equal(await count("recoveries"), DAYS, "one recovery a day");
    assert.equal(await count("sleeps"), DAYS + DAYS / 4, "a sleep a day plus a nap every fourth day");
    assert.equal(await count("workouts"), (DAYS / 10) * 4, "four workouts every ten days");
    assert.equal(await count("profile"), 1);
    assert.doesNotMatch(await app.text("[data-testid=whoop-last-sync]"), /never/);
    assert.equal(await app.run("return document.querySelector('[data-testid=auto-sync]').checked"), true, "automatic sync is on by default");
    assert.equal(await app.run("return document.querySelector('[data-testid=auto-sync-hours]').value"), "6");

    await app.waitFor("[data-testid=chart-recovery] canvas");
    assert.ok(await app.exists("[data-testid=whoop-charts] figure.chart canvas"), "uPlot drew on a canvas");
    // run.sh runs the app under C.UTF-8, which WebKit would report as the invalid tag "C".
    assert.equal(await app.run("return navigator.language;"), "en-US");
    const summary = await app.run(
      "return document.querySelector('[data-testid=chart-recovery]').getAttribute('aria-label')",
    );
    assert.match(summary, /^Recovery score over the last 30 days: average \d+ %, from \d+ % to \d+ %\.$/);
    assert.match(await app.text("[data-testid=whoop-charts-summary]"), /^(29|30) days with WHOOP data over the last 30 days\.$/);
    await app.run("document.querySelector('[data-testid=whoop-charts]').scrollIntoView()");
    await app.screenshot("whoop-1-connected-charts");


    await app.click("[data-testid=range-all]");
    await eventually("the all-time charts", async () =>
      (await app.text("[data-testid=whoop-charts-summary]")).includes("over all time"),
    );
    assert.match(
      await app.text("[data-testid=whoop-charts-summary]"),
      /^1500 days with WHOOP data over all time\. Each point averages 7 days\.$/,
      "ten-year-scale ranges are averaged into weeks",
    );
    assert.ok(await app.exists("[data-testid=chart-sleep] canvas"));

    const html = await app.run("return document.documentElement.outerHTML");
    assert.ok(!html.includes(CLIENT_SECRET), "the client secret never reaches the page");
    assert.doesNotMatch(html, /fake-(access|refresh)-\d+/, "no WHOOP token the fake issued reaches the page");
    assert.doesNotMatch(html, /code-\d+-/, "no authorization code reaches the page");

    await app.goto("insights");
    await app.waitFor("[data-testid=insights-empty]");
    assert.match(await app.text("[data-testid=insights-empty]"), /No training sessions/);
  } catch (problem) {
    await app.screenshot("whoop-failure-1");
    throw problem;
  } finally {
    await app.quit();
  }

  // A training history, imported with the CLI while the app is closed (it holds the vault).
  const csv = `${STAGE}/strong.csv`;
  writeFileSync(csv, strongCsv());
  const imported = spawnSync(
    CLI,
    ["--data-dir", DATA_DIR, "import", csv, "--format", "strong", "--unit", "kg", "--tz", "UTC"],
    { encoding: "utf8" },
  );
  assert.equal(imported.status, 0, `the CLI imported the sessions: ${imported.stderr}`);
  assert.match(imported.stdout, /208 set\(s\) added in 30 new session\(s\)/);

  const again = await App.launch();
  try {
    await again.waitFor("#screen[data-screen=today]");
    await again.goto("insights");
    await again.waitFor("[data-testid=heavy-after]");
    assert.match(await again.text("[data-testid=heavy-after]"), /^\d+ %$/);
    assert.match(await again.text("[data-testid=heavy-otherwise]"), /^\d+ %$/);
    assert.match(
      await again.text("[data-testid=heavy-caption]"),
      /^On days after your heaviest sessions your recovery averaged \d+ %, vs \d+ % otherwise \(7 sessions above 2100 kg\)\.$/,
    );
    assert.match(await again.text("[data-testid=insights-basis]"), /^30 sessions and \d+ WHOOP recoveries in this range\.$/);
    assert.match(await again.text("[data-testid=weeks-caption]"), /^In your higher-volume weeks your HRV averaged \d+ ms/);
    await again.waitFor("[data-testid=chart-weeks] canvas");
    assert.match(await again.text("[data-testid=muscles-caption]"), /sets in the last 7 days, most for (quads|chest)/);
    await again.screenshot("whoop-2-insights");

    await again.goto("whoop");
    await again.waitFor("[data-testid=chart-recovery] canvas");
    assert.equal(await again.text("[data-testid=whoop-state]"), "Connected to WHOOP.", "the connection survives a relaunch");

    // Disconnecting asks first, revokes at WHOOP, and keeps the data when asked to.
    await again.click("[data-testid=whoop-disconnect]");
    await again.waitFor("[data-testid=disconnect-dialog]");
    await again.click("[data-testid=disconnect-keep-data]");
    await again.waitFor("[data-testid=sign-in]");
    assert.equal(await again.text("#notice"), "Disconnected from WHOOP.");
    assert.equal(await again.text("[data-testid=redirect-uri]"), REDIRECT, "the app credentials stay");
  } catch (problem) {
    await again.screenshot("whoop-failure-2");
    throw problem;
  } finally {
    await again.quit();
  }
});
