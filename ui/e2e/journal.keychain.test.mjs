// The journal in the real app: tick tags for today and yesterday on Today, see them stay
// after navigating and after a relaunch, then — with WHOOP synced from the fake and sixty
// journal days seeded with the CLI while the app is closed — see Insights compare the
// next-day recovery, HRV and sleep with and without a tag, with the sample sizes.
// Screenshots in light and dark at 1024×700.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, test } from "node:test";

import { App, eventually, required } from "./webdriver.mjs";
import { connectWhoop, startFake } from "./whoop-lib.mjs";

const CLI = required("IRONKEEP_E2E_CLI");
const DATA_DIR = required("IRONKEEP_DATA_DIR");
const DAYS = 90;

let fake;

before(async () => {
  fake = await startFake(DAYS);
});

after(() => {
  fake?.kill("SIGTERM");
});

/** The local calendar date `ago` days before today, YYYY-MM-DD (as the app and CLI use). */
function localDay(ago) {
  const at = new Date();
  at.setDate(at.getDate() - ago);
  const pad = (n) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The chips pressed in a day block (0 today, 1 yesterday). */
async function pressed(app, index) {
  return app.run(
    `return [...document.querySelectorAll("[data-testid=journal-day-${index}] button.chip[aria-pressed=true]")].map((b) => b.textContent);`,
  );
}

async function chip(app, index, name) {
  await app.click(`[data-testid=journal-chip-${index}-${name.replace(/\s+/g, "-")}]`);
}

test("tick tags on Today, keep them, and see the journal in Insights", async () => {
  const app = await App.launch();
  try {
    await app.setWindowSize(1024, 700);
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("[data-testid=journal-card]");
    assert.equal(await app.text("[data-testid=journal-day-0] h4"), `Today ${localDay(0)}`);

    await chip(app, 0, "alcohol");
    await eventually("alcohol ticked", async () => (await pressed(app, 0)).join() === "alcohol");
    await chip(app, 0, "late meal");
    await eventually("late meal ticked", async () => (await pressed(app, 0)).join() === "alcohol,late meal");
    await chip(app, 1, "sauna");
    await eventually("sauna ticked yesterday", async () => (await pressed(app, 1)).join() === "sauna");
    await app.type("[data-testid=journal-note-0]", "friend's birthday");
    await app.type("[data-testid=journal-own-tag]", "Cold plunge");
    await app.click("[data-testid=journal-own-tag-add]");
    await app.waitFor("[data-testid=journal-chip-1-Cold-plunge]");
    assert.equal(
      await app.run("return document.querySelector('[data-testid=journal-note-0]').value"),
      "friend's birthday",
      "the note typed before adding a tag is kept",
    );
    await chip(app, 1, "Cold plunge");
    await eventually("the own tag ticked", async () => (await pressed(app, 1)).join() === "sauna,Cold plunge");
    // Unticking works as a toggle.
    await chip(app, 0, "late meal");
    await eventually("late meal unticked", async () => (await pressed(app, 0)).join() === "alcohol");
    await app.run("document.querySelector('[data-testid=journal-card]').scrollIntoView()");
    await app.screenshot("journal-1-today");

    await app.goto("history");
    await app.goto("today");
    await app.waitFor("[data-testid=journal-card]");
    assert.deepEqual(await pressed(app, 0), ["alcohol"], "today's tags stay after navigating");
    assert.deepEqual(await pressed(app, 1), ["sauna", "Cold plunge"]);
    assert.equal(await app.run("return document.querySelector('[data-testid=journal-note-0]').value"), "friend's birthday");

    // Connecting starts the first sync; it has ended when the WHOOP screen shows a last sync
    // and the progress panel is gone (a notice would be too fleeting to wait on).
    await connectWhoop(app);
    await eventually(
      "the first sync to finish",
      async () => !(await app.exists("[data-testid=sync-panel]")) && !/never/.test(await app.text("[data-testid=whoop-last-sync]")),
      120_000,
      200,
    );
  } catch (problem) {
    await app.screenshot("journal-failure-1");
    throw problem;
  } finally {
    await app.quit();
  }

  // Sixty earlier journal days, typed with the CLI while the app is closed (it holds the
  // vault): alcohol every third day, stretching on the others.
  for (let ago = 2; ago < 62; ago += 1) {
    const tag = ago % 3 === 0 ? "alcohol" : "stretching";
    const run = spawnSync(CLI, ["--data-dir", DATA_DIR, "journal", "add", "--date", localDay(ago), "--tag", tag], {
      encoding: "utf8",
    });
    assert.equal(run.status, 0, `the CLI added ${localDay(ago)}: ${run.stderr}`);
  }
  const shown = spawnSync(CLI, ["--data-dir", DATA_DIR, "--json", "journal", "show", "--date", localDay(0)], {
    encoding: "utf8",
  });
  assert.deepEqual(JSON.parse(shown.stdout).entry.tags, ["alcohol"], "the CLI reads what the window ticked");

  const again = await App.launch();
  try {
    await again.setWindowSize(1024, 700);
    await again.waitFor("[data-testid=journal-card] [data-testid=journal-day-1]");
    assert.deepEqual(await pressed(again, 0), ["alcohol"], "today's tags stay after a relaunch");
    assert.deepEqual(await pressed(again, 1), ["sauna", "Cold plunge"]);

    await again.goto("insights");
    await again.waitFor("[data-testid=journal-insights]");
    assert.match(
      await again.text("[data-testid=journal-caption]"),
      /^62 days from your first journal entry to your last \(62 with an entry\), \d+ of them followed by a scored WHOOP recovery;/,
    );
    // Alcohol: today and 20 CLI days (today has no next day yet); stretching on 40.
    const blocks = await again.run(
      `return [...document.querySelectorAll("[data-testid=journal-tag]")].map((b) => [b.querySelector("h4").textContent, b.querySelector("p").textContent]);`,
    );
    const alcohol = blocks.find(([heading]) => heading.startsWith("alcohol"));
    assert.ok(alcohol, `alcohol is compared: ${JSON.stringify(blocks)}`);
    assert.match(alcohol[0], /^alcohol — 21 days with it, 41 without$/);
    assert.match(alcohol[1], /^On the \d+ days after you logged alcohol, your recovery averaged /);
    assert.ok(blocks.some(([heading]) => heading.startsWith("stretching")), "stretching is compared too");
    assert.match(await again.text("[data-testid=journal-waiting]"), /late meal|sauna|Cold plunge/);
    assert.doesNotMatch(await again.text("[data-testid=journal-insights]"), /\bcauses\b|because of/, "never a claim of cause");
    await again.run("document.querySelector('[data-testid=journal-insights]').scrollIntoView()");
    await again.screenshot("journal-2-insights");

    await again.goto("settings");
    await again.click("[data-testid=theme-dark]");
    await again.goto("today");
    await again.waitFor("[data-testid=journal-card]");
    await again.run("document.querySelector('[data-testid=journal-card]').scrollIntoView()");
    await again.screenshot("journal-3-today-dark");
    await again.goto("insights");
    await again.waitFor("[data-testid=journal-insights]");
    await again.run("document.querySelector('[data-testid=journal-insights]').scrollIntoView()");
    await again.screenshot("journal-4-insights-dark");
    const wide = await again.run("return document.documentElement.scrollWidth <= window.innerWidth");
    assert.equal(wide, true, "Insights fits 1024 px without scrolling sideways");
  } catch (problem) {
    await again.screenshot("journal-failure-2");
    throw problem;
  } finally {
    await again.quit();
  }
});
