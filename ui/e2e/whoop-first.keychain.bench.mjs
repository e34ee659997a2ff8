// How soon a new WHOOP user sees today (BENCHMARKS.md, "WHOOP sync"). Run with
//   IRONKEEP_E2E_BENCH=1 IRONKEEP_E2E_ONLY=whoop-first sh ui/e2e/run.sh
// The fake WHOOP serves ten years (3,650 days) with WHOOP's real quota, 100 requests a
// minute. The lifter connects through the wizard; the clock starts when the app says
// "Connected" and stops when Today's WHOOP card shows the newest WHOOP day, with last
// night's sleep, while the backfill of ten years goes on. It also reports when the backfill
// ended. It prints figures; it asserts only that each step happened. The app is the e2e
// build (no file dialog is involved; the time is WHOOP's and the network's).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { App, eventually } from "./webdriver.mjs";
import { connectWhoop, startFake } from "./whoop-lib.mjs";

const DAYS = 3650;
const QUOTA = "100/60";

let fake;
before(async () => {
  fake = await startFake(DAYS, QUOTA);
});
after(() => fake?.kill("SIGTERM"));

test("desktop: from connected to today's WHOOP figures on Today (ten years at 100 requests a minute)", async () => {
  const app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    await connectWhoop(app);
    const connected = Date.now();
    await app.goto("today");
    await eventually(
      "today's WHOOP card",
      async () => (await app.exists("[data-testid=whoop-today-sleep]")) && !/not scored/.test(await app.text("[data-testid=whoop-today-sleep]")),
      120_000,
      20,
    );
    const shown = Date.now();
    const card = await app.text("[data-testid=whoop-today]");
    assert.ok(await app.exists("[data-testid=sync-panel]"), "the backfill still runs");
    await app.screenshot("whoop-first-0-today");
    await eventually("the backfill to end", async () => !(await app.exists("[data-testid=sync-panel]")), 900_000, 500);
    const ended = Date.now();
    console.log(`connected → Today's WHOOP card: ${String(shown - connected)} ms (${card.replace(/\s+/g, " ").trim()})`);
    console.log(`connected → ten-year backfill done: ${((ended - connected) / 1000).toFixed(1)} s`);
  } finally {
    await app.quit();
  }
});
