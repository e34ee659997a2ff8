// What the lifter typed in the logger just before closing the window is there after a
// relaunch (issue 11). The logger saves drafts ~300 ms after the last key; the window is
// closed at once after typing, well inside that pause, so only the save the app makes on
// its close request (the page is told, saves, then lets the window close) can keep it.
// The window is closed as by its close button: the window manager's request (wm-close.py).

import assert from "node:assert/strict";
import { test } from "node:test";

import { App, eventually } from "./webdriver.mjs";

const SQUAT = "[data-testid=exercise-block][data-exercise='Squat (Barbell)']";
const row = (n, what) => `${SQUAT} tr[data-row="${n}"] [data-testid=${what}]`;

/** The value of an input right now. */
async function valueOf(app, css) {
  return app.run("const n = document.querySelector(arguments[0]); return n ? n.value : null;", [css]);
}

test("a draft typed just before the window closes survives the relaunch", async () => {
  let app = await App.launch();
  try {
    await app.waitForScreen("#first-run");
    await app.click("[data-testid=create-vault]");
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    await app.goto("workout");
    await app.click("[data-testid=start-empty]");
    await app.waitFor("#screen[data-screen=workout][aria-busy=false] [data-testid=add-exercise-input]");
    await app.type("[data-testid=add-exercise-input]", "Squat (Barbell)");
    await app.click("[data-testid=add-exercise]");
    await app.waitFor(SQUAT);

    // One set logged, so the exercise is in the vault; the next one typed, then the window
    // closed at once.
    await app.clear(row(1, "set-weight"));
    await app.type(row(1, "set-weight"), "60");
    await app.type(row(1, "set-reps"), "5");
    await app.keys("\uE007");
    await eventually("set 1 logged", async () => (await app.count(`${SQUAT} tr.done`)) === 1);
    await app.clear(row(2, "set-weight"));
    await app.type(row(2, "set-weight"), "77.5");
    await app.clear(row(2, "set-reps"));
    await app.type(row(2, "set-reps"), "8");
    await app.closeWindow();

    app = await App.launch();
    await app.waitFor("#screen[aria-busy=false]");
    await app.goto("workout");
    await app.waitFor(SQUAT);
    assert.equal(await valueOf(app, row(2, "set-weight")), "77.5", "the weight typed before the close");
    assert.equal(await valueOf(app, row(2, "set-reps")), "8", "the last key before the close");
  } finally {
    await app.quit();
  }
});
