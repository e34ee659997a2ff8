// Every control on every screen has an accessible name, and every screen fits the app's
// smallest window (1024×700) without scrolling sideways. The names are the ones WebKit's
// accessibility tree computes (WebDriver's "computed label"), read for each visible
// button, field, select and link: first run, each screen of the shell, the workout
// logger with an exercise in it, and the WHOOP wizard.

import assert from "node:assert/strict";
import { test } from "node:test";

import { App } from "./webdriver.mjs";

const CONTROLS = "button, input:not([type=hidden]), select, textarea, a[href], [role=button], [tabindex='0']";

/**
 * Marks the controls a person can see with `data-a11y` (their page order) and returns a
 * description of each, to name the unnamed ones in a failure.
 */
async function markVisibleControls(app) {
  return app.run(
    `document.querySelectorAll("[data-a11y]").forEach((el) => el.removeAttribute("data-a11y"));
     const seen = [];
     for (const el of document.querySelectorAll(arguments[0])) {
       if (!el.getClientRects().length || getComputedStyle(el).visibility === "hidden") continue;
       if (el.closest("[hidden], dialog:not([open]), details:not([open]) > :not(summary)")) continue;
       el.setAttribute("data-a11y", String(seen.length));
       const id = el.dataset.testid ? "[data-testid=" + el.dataset.testid + "]" : "";
       seen.push(el.tagName.toLowerCase() + (el.type ? "[type=" + el.type + "]" : "") + id);
     }
     return seen;`,
    [CONTROLS],
  );
}

/** Fails with the unnamed controls of `where`, if any; returns how many were checked. */
async function checkNames(app, where) {
  const described = await markVisibleControls(app);
  const names = await app.accessibleNames("[data-a11y]");
  assert.equal(names.length, described.length, `${where}: every marked control was read`);
  const unnamed = described.filter((_, i) => !String(names[i] ?? "").trim());
  assert.deepEqual(unnamed, [], `${where}: controls without an accessible name`);
  return described.length;
}

/** Fails if the page is wider than the window (something would need sideways scrolling). */
async function checkFits(app, where) {
  const size = await app.run(
    `return { page: document.documentElement.scrollWidth, window: window.innerWidth, height: window.innerHeight };`,
  );
  assert.ok(size.window <= 1024 && size.height <= 700, `${where}: the window is ${size.window}×${size.height}`);
  assert.ok(size.page <= size.window, `${where}: the page is ${size.page} px wide in a ${size.window} px window`);
}

test("every control has an accessible name and every screen fits 1024×700", async () => {
  const app = await App.launch();
  try {
    await app.setWindowSize(1024, 700);
    await app.waitForScreen("#first-run");
    let checked = await checkNames(app, "first run");
    await checkFits(app, "first run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");

    for (const screen of ["today", "history", "exercises", "routines", "whoop", "insights", "backups", "settings"]) {
      await app.goto(screen);
      checked += await checkNames(app, screen);
      await checkFits(app, screen);
    }

    // The logger, with one exercise in it.
    await app.goto("today");
    await app.click("[data-testid=start-workout]");
    await app.waitFor("#screen[data-screen=workout][aria-busy=false]");
    checked += await checkNames(app, "the empty logger");
    await app.type("[data-testid=add-exercise-input]", "Push Up");
    await app.click("[data-testid=add-exercise]");
    await app.waitFor("[data-testid=exercise-block][data-exercise='Push Up']");
    checked += await checkNames(app, "the logger with an exercise");
    await checkFits(app, "the logger with an exercise");

    assert.ok(checked > 60, `checked ${checked} controls`);
    await app.screenshot("a11y-logger-1024x700");
  } finally {
    await app.quit();
  }
});
