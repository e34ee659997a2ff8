// The app listens on no socket (SECURITY.md: no server, no listening port). Checked with
// `ss` on a plain launch — not through WebDriver, whose WebKit inspector opens a socket of
// its own — once the vault is open (its start-up automatic backup has been written).
// The loopback WHOOP listener exists only during a sign-in, which this launch never starts.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { App, eventually, required } from "./webdriver.mjs";

const APP = required("IRONKEEP_E2E_APP");
const DATA_DIR = required("IRONKEEP_DATA_DIR");

/** The pids of a process and all its descendants (WebKit's web and network processes). */
function processTree(root) {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Field 4 (ppid) follows the command name in parentheses, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return tree;
}

/** Every listening TCP, UDP, raw and Unix socket on the machine, with its owners. */
function listeningSockets() {
  return execFileSync("ss", ["-H", "-l", "-n", "-p", "-t", "-u", "-w", "-x"], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.trim() !== "");
}

function ownedBy(line, pids) {
  return [...line.matchAll(/pid=(\d+)/g)].some((match) => pids.has(Number(match[1])));
}

test("a plain launch with an open vault listens on no socket", async () => {
  // First launch through WebDriver, only to create the vault.
  const setup = await App.launch();
  try {
    await setup.waitFor("[data-testid=create-vault]");
    await setup.click("[data-testid=create-vault]");
    await setup.waitFor("#screen[data-screen=today]");
  } finally {
    await setup.quit();
  }

  const backups = join(DATA_DIR, "backups");
  const child = spawn(APP, [], { stdio: "ignore", env: process.env });
  try {
    // Opening the vault at start writes the day's automatic backup: the vault is open then.
    await eventually(
      "the app to open the vault",
      () => existsSync(backups) && readdirSync(backups).some((name) => name.endsWith(".age")),
      30_000,
    );
    const tree = await eventually("WebKit's processes", () => {
      const pids = processTree(child.pid);
      return pids.size >= 3 ? pids : null;
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const all = listeningSockets();
    // `ss` sees owners at all: tauri-driver (the test's own WebDriver server) is listening.
    assert.ok(
      all.some((line) => line.includes(`:${process.env.IRONKEEP_E2E_DRIVER_PORT ?? "4444"}`)),
      `ss must list the WebDriver port as a control; it listed:\n${all.join("\n")}`,
    );
    const ours = all.filter((line) => ownedBy(line, processTree(child.pid)));
    assert.deepEqual(ours, [], `the app (pids ${[...tree].join(", ")}) must not listen on any socket`);
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
});
