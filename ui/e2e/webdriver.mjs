// A minimal WebDriver client for the end-to-end tests: plain HTTP calls to tauri-driver,
// which launches the real app binary for each session. No dependencies beyond Node.

import { execFileSync } from "node:child_process";
import { readdirSync, readlinkSync } from "node:fs";
import { join } from "node:path";

const DRIVER = `http://127.0.0.1:${process.env.IRONKEEP_E2E_DRIVER_PORT ?? "4444"}`;
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
// Optional: a folder where screenshots are saved, for a person to look at.
const SCREENSHOTS = process.env.IRONKEEP_E2E_SCREENSHOTS;

/** An environment variable that e2e/run.sh sets. */
export function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests through e2e/run.sh`);
  return value;
}

const APP = required("IRONKEEP_E2E_APP");

async function webdriver(method, path, body) {
  const response = await fetch(`${DRIVER}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const reply = await response.json();
  if (!response.ok) {
    throw new Error(`${method} ${path} failed (${response.status}): ${JSON.stringify(reply.value)}`);
  }
  return reply.value;
}

/** Polls `check` until it returns something truthy, and returns that. */
export async function eventually(what, check, timeoutMs = 30_000, pollMs = 200) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** The ids of the running processes of `application`. */
function appPids(application) {
  return readdirSync("/proc")
    .filter((pid) => {
      try {
        return /^\d+$/.test(pid) && readlinkSync(`/proc/${pid}/exe`) === application;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function appIsRunning(application) {
  return appPids(application).length > 0;
}

/** One launch of the app, as a WebDriver session. */
export class App {
  /** Launches the app under test, or another build of it (the benchmarks' release build). */
  static async launch(application = APP) {
    const session = await webdriver("POST", "/session", {
      capabilities: {
        alwaysMatch: { browserName: "wry", "tauri:options": { application } },
      },
    });
    return new App(session.sessionId, application);
  }

  constructor(id, application) {
    this.base = `/session/${id}`;
    this.application = application;
  }

  async find(css) {
    const found = await webdriver("POST", `${this.base}/element`, { using: "css selector", value: css });
    if (typeof found?.[ELEMENT] !== "string") {
      throw new Error(`no element for ${css}: ${JSON.stringify(found)}`);
    }
    return found[ELEMENT];
  }

  /** Whether at least one element matches. */
  async exists(css) {
    const found = await webdriver("POST", `${this.base}/elements`, { using: "css selector", value: css });
    return Array.isArray(found) && found.length > 0;
  }

  /** Waits until an element exists and is displayed, failing early on an alert. */
  async waitFor(css, timeoutMs = 30_000) {
    await eventually(
      css,
      async () => {
        const alert = await this.alert();
        if (alert) throw new Error(`the app shows an error while waiting for ${css}: ${alert}`);
        if (!(await this.exists(css))) return false;
        try {
          return await this.onElement(css, "GET", "/displayed");
        } catch (error) {
          // Gone again between the two requests: the screen re-rendered (e.g. when a
          // background sync ended). Look again on the next poll.
          if (String(error?.message).includes("no such element")) return false;
          throw error;
        }
      },
      timeoutMs,
    );
  }

  /** Opens a screen from the navigation and waits until it has rendered. */
  async goto(screen) {
    await this.click(`[data-testid=nav-${screen}]`);
    await this.waitFor(`#screen[data-screen=${screen}][aria-busy=false]`);
  }

  /** Runs a script in the page and returns its result (for reading state, not for acting). */
  async run(script, args = []) {
    return webdriver("POST", `${this.base}/execute/sync`, { script, args });
  }

  /**
   * Sends one request about the element `css` names. A screen that re-renders between
   * finding the element and using it makes the reference stale: find it again, twice at most.
   */
  async onElement(css, method, suffix, body) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await webdriver(method, `${this.base}/element/${await this.find(css)}${suffix}`, body);
      } catch (error) {
        if (attempt >= 3 || !String(error?.message).includes("stale element reference")) throw error;
      }
    }
  }

  /** Resizes the window (the app's minimum is 1024×700). */
  async setWindowSize(width, height) {
    await webdriver("POST", `${this.base}/window/rect`, { width, height });
  }

  /** The accessible name WebKit computes for each element `css` matches, in page order. */
  async accessibleNames(css) {
    const found = await webdriver("POST", `${this.base}/elements`, { using: "css selector", value: css });
    const names = [];
    for (const element of found) {
      names.push(await webdriver("GET", `${this.base}/element/${element[ELEMENT]}/computedlabel`));
    }
    return names;
  }

  /** The text of the first match right now, or "" (safe while the screen re-renders). */
  async textNow(css) {
    return this.run("const n = document.querySelector(arguments[0]); return n ? n.textContent : '';", [css]);
  }

  async text(css) {
    return this.onElement(css, "GET", "/text");
  }

  async isShown(css) {
    const hidden = await this.onElement(css, "GET", "/property/hidden");
    return hidden === false;
  }

  async click(css) {
    await this.onElement(css, "POST", "/click", {});
  }

  async type(css, text) {
    await this.onElement(css, "POST", "/value", { text });
  }

  /** Empties an input or textarea. */
  async clear(css) {
    await this.onElement(css, "POST", "/clear", {});
  }

  /** Types into whatever element has the keyboard focus (e.g. "\uE007" is Enter). */
  async keys(text) {
    const active = await webdriver("GET", `${this.base}/element/active`);
    await webdriver("POST", `${this.base}/element/${active[ELEMENT]}/value`, { text });
  }

  /** How many elements match. */
  async count(css) {
    const found = await webdriver("POST", `${this.base}/elements`, { using: "css selector", value: css });
    return Array.isArray(found) ? found.length : 0;
  }

  /** The text of the page's alert, or "" when it shows none. */
  async alert() {
    return this.text("[role=alert]");
  }

  /** Waits for a section to show, failing early with the page's alert text if one appears. */
  async waitForScreen(css) {
    await eventually(css, async () => {
      const alert = await this.alert();
      if (alert) throw new Error(`the app shows an error instead of ${css}: ${alert}`);
      return this.isShown(css);
    });
  }

  /**
   * Saves a PNG of the window, read from the X display (ImageMagick's `import`), when
   * IRONKEEP_E2E_SCREENSHOTS names a folder. Not WebDriver's screenshot: WebKit's snapshot
   * of a web view that draws without GPU compositing (as the app does) can wait forever.
   */
  async screenshot(name) {
    if (!SCREENSHOTS) return;
    // Let the last change paint before the display is read.
    await this.run("return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));");
    const { x, y, width, height } = await webdriver("GET", `${this.base}/window/rect`);
    execFileSync("import", [
      "-window", "root",
      "-crop", `${width}x${height}+${x}+${y}`, "+repage",
      `${SCREENSHOTS}/${name}.png`,
    ]);
  }

  /**
   * Closes the window as a person does with its close button: the window manager's close
   * request (wm-close.py; the test display has no window manager), which the app hears as
   * such. Then waits until the app has exited and ends the session. An app that does not
   * exit is killed before the error.
   */
  async closeWindow() {
    execFileSync("python3", [join(import.meta.dirname, "wm-close.py"), "Ironkeep"], { stdio: "pipe" });
    try {
      await eventually("the app to exit after its window closed", () => !appIsRunning(this.application), 15_000);
    } catch (error) {
      for (const pid of appPids(this.application)) process.kill(pid, "SIGKILL");
      throw error;
    }
    await webdriver("DELETE", this.base).catch(() => undefined);
  }

  /**
   * Ends the session and waits until the app process is gone (it holds the vault). An app
   * that does not exit is killed before the error, so it cannot hold the next test's vault.
   */
  async quit() {
    await webdriver("DELETE", this.base);
    try {
      await eventually("the app to exit", () => !appIsRunning(this.application), 15_000);
    } catch (error) {
      for (const pid of appPids(this.application)) process.kill(pid, "SIGKILL");
      throw error;
    }
  }
}
