// What the desktop benchmarks share: the release builds they measure, the keychain vault
// filled with the generated ten-year history they measure them on, the machine's load to
// print beside every figure, and percentiles.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { required } from "./webdriver.mjs";

export const TARGET = required("CARGO_TARGET_DIR");
export const REPO = fileURLToPath(new URL("../..", import.meta.url));
const CLI = `${TARGET}/release/ironkeep`;

/** Runs `cargo` in the repository, quietly, with its output shown; returns stdout when asked. */
export function cargo(args, { output = false } = {}) {
  return execFileSync("cargo", ["-q", ...args], {
    cwd: REPO,
    encoding: "utf8",
    stdio: ["ignore", output ? "pipe" : "inherit", "inherit"],
  });
}

/**
 * Creates a keychain vault in the run's data dir with the release CLI and fills it with
 * the generated ten-year history (examples/ten_year_vault.rs: 3,000 sessions, 75,000 sets).
 */
export function tenYearVault(stage) {
  execFileSync(CLI, ["init", "--kit-out", `${stage}/bench-kit.txt`], { stdio: "inherit" });
  const filled = cargo(["run", "--release", "--example", "ten_year_vault"], { output: true });
  console.log(`vault: ${filled.trim()}`);
}

/** The load average over 1, 5 and 15 minutes, as `uptime` says it. */
export function load() {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(", ");
}

/** The `p`-th percentile (0..1) of `values`, the nearest rank (as benches/beside.rs). */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.round((sorted.length - 1) * p)];
}
