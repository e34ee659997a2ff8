// What the WHOOP journeys share: the fake WHOOP as a process (examples/fake_whoop.rs, the
// Rust tests' fake), its test app's credentials, a browser played by the test, and
// connecting the app through the wizard.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";

import { required } from "./webdriver.mjs";

const FAKE = required("IRONKEEP_E2E_FAKE_WHOOP");
export const BASE = required("IRONKEEP_WHOOP_BASE_URL");

// The fake's test app (tests/it/whoop/fake.rs).
export const CLIENT_ID = "ironkeep-test-client";
export const CLIENT_SECRET = "fake-client-secret-9f8e7d6c5b4a39281706";
export const REDIRECT = "http://127.0.0.1:47235/callback";

/**
 * Starts the fake WHOOP on the run's port with `days` of history, and with a quota
 * ("LIMIT/SECONDS", e.g. "10/5") when given; resolves once it accepts connections. The
 * process gets `workouts`: what the fake serves (id, sport_name, start, end, strain).
 */
export async function startFake(days, quota) {
  const args = [new URL(BASE).port, String(days), ...(quota ? [quota] : [])];
  const fake = spawn(FAKE, args, { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  await new Promise((resolve, reject) => {
    fake.once("error", reject);
    fake.once("exit", (code) => reject(new Error(`the fake WHOOP exited (${code})`)));
    fake.stdout.on("data", (chunk) => {
      out += String(chunk);
      if (out.includes("fake WHOOP ready")) resolve();
    });
  });
  const listed = /^fake WHOOP workouts (.*)$/m.exec(out);
  fake.workouts = listed ? JSON.parse(listed[1]) : [];
  return fake;
}

/** Plays the browser: follows redirects from `url` until WHOOP sends it to the app. */
export async function signInAsBrowser(url) {
  const hops = [];
  let next = url;
  for (let hop = 0; hop < 5; hop += 1) {
    const response = await fetch(next, { redirect: "manual" });
    hops.push(`${response.status} ${next.split("?")[0]}`);
    const location = response.headers.get("location");
    if (next.startsWith(REDIRECT)) {
      assert.equal(response.status, 200, `the app's listener accepts the callback (${hops.join(" → ")})`);
      return await response.text();
    }
    assert.ok(location, `WHOOP redirects onwards (${hops.join(" → ")})`);
    next = new URL(location, next).toString();
  }
  throw new Error(`too many redirects: ${hops.join(" → ")}`);
}

/** Connects the app to the fake through the wizard: credentials, then sign-in. */
export async function connectWhoop(app) {
  await app.goto("whoop");
  await app.waitFor("[data-testid=whoop-step-1]");
  await app.type("[data-testid=client-id]", CLIENT_ID);
  await app.type("[data-testid=client-secret]", CLIENT_SECRET);
  await app.click("[data-testid=save-credentials]");
  await app.waitFor("[data-testid=redirect-uri]");
  await app.click("[data-testid=sign-in]");
  await app.waitFor("[data-testid=auth-url]");
  await signInAsBrowser(await app.text("[data-testid=auth-url]"));
  await app.waitFor("[data-testid=whoop-sync]");
}
