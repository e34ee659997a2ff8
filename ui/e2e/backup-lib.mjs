// Helpers shared by the backup and settings journeys: seeding the vault with sessions
// through the real `ironkeep` CLI (the app holds the vault shared, so the CLI can write
// beside it), reading the Settings counts, and answering file dialogs.

import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { eventually, required } from "./webdriver.mjs";

const STAGE = required("IRONKEEP_E2E_STAGE");
const DIALOGS = required("IRONKEEP_E2E_DIALOGS");

/** The ironkeep CLI built from this tree (`cargo build -p ironkeep --bin ironkeep`). */
export function cli() {
  const path =
    process.env.IRONKEEP_E2E_CLI ??
    join(process.env.CARGO_TARGET_DIR ?? join(import.meta.dirname, "../../target"), "debug/ironkeep");
  if (!existsSync(path)) throw new Error(`no ironkeep CLI at ${path}; build it or set IRONKEEP_E2E_CLI`);
  return path;
}

/** Answers the next dialog of a purpose (its slug) with a path. */
export function answerDialog(slug, path) {
  writeFileSync(join(DIALOGS, slug), path);
}

/** A path in this journey's stage folder. */
export function staged(name) {
  return join(STAGE, name);
}

/**
 * Imports `sessions` one-set Hevy sessions, a day apart, starting at `firstDay` (UTC,
 * YYYY-MM-DD); a passphrase vault's passphrase goes to the CLI on standard input.
 */
export function importSessions(name, sessions, firstDay, passphrase = undefined) {
  const rows = ['"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"'];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  for (let i = 0; i < sessions; i += 1) {
    const day = new Date(Date.parse(`${firstDay}T00:00:00Z`) + i * 86_400_000);
    const stamp = `${String(day.getUTCDate()).padStart(2, "0")} ${months[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
    rows.push(
      `"${name} ${i + 1}","${stamp}, 07:00","${stamp}, 08:00","","Squat (Barbell)","","","0","normal","${100 + i}","5","","",""`,
    );
  }
  const file = staged(`${name}.csv`);
  writeFileSync(file, `${rows.join("\n")}\n`);
  const input = passphrase === undefined ? "" : `${passphrase}\n`;
  execFileSync(cli(), ["import", file, "--format", "hevy", "--tz", "UTC"], { input, stdio: "pipe" });
}

/** The Settings screen's count of one kind ("sessions", …), read from the window. */
export async function settingsCount(app, kind) {
  await app.goto("settings");
  const value = await app.run(
    `const row = [...document.querySelectorAll("[data-testid=counts] tbody tr")]
       .find((r) => r.querySelector("th").textContent === arguments[0]);
     return row ? Number(row.querySelector("td").textContent) : null;`,
    [kind],
  );
  if (typeof value !== "number") throw new Error(`Settings shows no count of ${kind}`);
  return value;
}

/** Waits until an element's text matches (also while the window reloads). */
export async function waitForText(app, css, pattern) {
  let last = "";
  await eventually(`${css} to match ${pattern}`, () =>
    acrossReload(async () => {
      if (!(await app.exists(css))) return false;
      last = await app.text(css);
      return pattern.test(last);
    }),
  );
  return last;
}

/** Runs a check, counting an element that went stale in a reload as "not yet". */
async function acrossReload(check) {
  try {
    return await check();
  } catch (problem) {
    if (/stale element|no such element|no element for|not found/i.test(String(problem))) return false;
    throw problem;
  }
}

/** Waits for an element to show while the window reloads (element handles go stale then). */
export async function shownAfterReload(app, css) {
  await eventually(`${css} after the reload`, () =>
    acrossReload(async () => (await app.exists(css)) && (await app.isShown(css))),
  );
}
