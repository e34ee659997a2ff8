// What a lifter waits for at the release app's IPC boundary while long work runs (issue 13;
// BENCHMARKS.md, "Beside long work"). Run with
//   (cd ui && npm run tauri -- build --no-bundle) && cargo build --release --bin ironkeep
//   IRONKEEP_E2E_BENCH=1 IRONKEEP_E2E_ONLY=beside sh ui/e2e/run.sh
// Inside the web view, on the ten-year vault, it times (performance.now around the IPC
// invoke, with the command names and arguments the UI's generated bindings send) the
// commands the UI uses most, in rounds every 20 ms: log a set (`set_log`), the first
// History page (`history_sessions`, 50 sessions), Today's reads (`training_today` beside
// `program_today`, as Today asks them). First with nothing running, then while the app
// runs each kind of long work: the WHOOP backfill the wizard starts on connecting (three
// years from the fake WHOOP at 10 requests a second), a 100,000-row Strong import
// (`training_import`), backups back to back for 3 s (`backup_create`). A probe counts for
// a work when that work was running as it started. The import grows the vault, so idle is
// measured again after it and the backups are compared with that.
//
// The app: the import and a backup to a file ask for the file in a native dialog, which
// WebDriver cannot answer, and the release app has no seam. So the bench builds the app in
// the release profile with the e2e seam that answers dialogs from files
// (src-tauri/src/dialogs.rs), as a binary apart (`bench_app`, `--features e2e-release`);
// the release app the other benchmarks measure stays without it. Everything measured runs
// the same code in both: only where the chosen path comes from differs. (A backup into
// the backups folder needs no dialog, but its file is named to the second, and backups
// back to back come two or three a second.)
// WebKit's performance.now counts whole milliseconds, so the figures are whole ms.
// It prints figures; it asserts only that each step happened and that no probe failed.

import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, test } from "node:test";

import { answerDialog, staged } from "./backup-lib.mjs";
import { cargo, load, percentile, TARGET, tenYearVault } from "./bench-lib.mjs";
import { App, eventually, required } from "./webdriver.mjs";
import { connectWhoop, startFake } from "./whoop-lib.mjs";

const APP = `${TARGET}/release/examples/bench_app`;
const STAGE = required("IRONKEEP_E2E_STAGE");
const IDLE_ROUNDS = 60;
const BACKUPS_FOR_MS = 3000;
const IMPORT_ROWS = 100_000;
const WHOOP_DAYS = 3 * 365;
const WHOOP_QUOTA = "10/1";
const PROBES = ["log a set", "first History page", "Today"];

/* global window, document, performance */
/**
 * Runs in the page: probes in rounds until stopped, each sample tagged with the phase
 * it was taken in and whether the phase's work was running as it started. Returns nothing;
 * the bench reads `window.ipcBench`.
 */
function installProbes(squat) {
  const tauri = window.__TAURI_INTERNALS__;
  const invoke = (command, args) => tauri.invoke(command, args);
  // A progress channel nobody listens to, sent as the bindings' `Channel` sends itself.
  const channel = () => {
    const id = tauri.transformCallback(() => undefined);
    return { toJSON: () => `__CHANNEL__:${String(id)}` };
  };
  const set = {
    exercise_id: squat, weight: { milli: 100_000, unit: "kg" }, reps: 5, rpe: null,
    kind: "working", done: true, duration_s: null, distance: null, superset: null, notes: "",
  };
  let session = null;
  const probes = [
    ["log a set", () => invoke("set_log", { sessionId: session, set })],
    ["first History page", () => invoke("history_sessions", { query: { exercise_id: null, from: null, to: null }, cursor: null, limit: 50 })],
    ["Today", () => Promise.all([invoke("training_today"), invoke("program_today")])],
  ];
  const bench = { phase: "setup", running: () => false, samples: [], error: null, stopped: false };
  // Starts long work: `running` holds until its command settles; with `wait`, resolves then
  // with its error (null when it succeeded).
  bench.run = (command, args, wait) => {
    const work = { running: true, ms: 0, result: null, error: null };
    const started = performance.now();
    bench.running = () => work.running;
    work.done = invoke(command, { ...args, progress: channel() })
      .then((result) => { work.result = result; }, (error) => { work.error = JSON.stringify(error); })
      .finally(() => { work.running = false; work.ms = performance.now() - started; });
    bench.work = work;
    return wait ? work.done.then(() => work.error) : null;
  };
  bench.phaseOf = (phase, running) => {
    bench.phase = phase;
    bench.running = running === "sync" ? () => document.querySelector("[data-testid=sync-panel]") !== null : () => false;
  };
  bench.loop = (async () => {
    for (let sets = 0; !bench.stopped; sets += 1) {
      // A new workout every 25 sets, as in the generated history (untimed).
      if (sets % 25 === 0) {
        if (session !== null) await invoke("session_finish", { id: session, discardUndone: false });
        session = (await invoke("session_start", { routineId: null, name: null })).session.id;
      }
      for (const [name, probe] of probes) {
        const busy = bench.running();
        const at = performance.now();
        await probe();
        bench.samples.push({ name, phase: bench.phase, busy, ms: performance.now() - at });
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })().catch((error) => { bench.error = JSON.stringify(error?.message ?? error); });
  window.ipcBench = bench;
}

/** Calls `window.ipcBench.<method>(...args)` in the page and returns what it resolves to. */
function bench(app, method, ...args) {
  return app.run(`return window.ipcBench.${method}(...arguments);`, args);
}

/** The samples of one phase, per probe: all of them, or only those taken while its work ran. */
function durations(samples, phase, busyOnly) {
  return PROBES.map((name) =>
    samples.filter((s) => s.name === name && s.phase === phase && (!busyOnly || s.busy)).map((s) => s.ms),
  );
}

let fake;
before(async () => {
  fake = await startFake(WHOOP_DAYS, WHOOP_QUOTA);
});
after(() => fake?.kill("SIGTERM"));

test("desktop: IPC latency of the most used commands beside a WHOOP backfill, an import and backups (10-year vault)", async () => {
  console.log(`load average before: ${load()}`);
  cargo(["build", "--release", "-p", "ironkeep-desktop", "--example", "bench_app", "--features", "e2e-release,tauri/custom-protocol"]);
  tenYearVault(STAGE);
  const csv = staged("strong-100k.csv");
  cargo(["run", "--release", "--example", "strong_export", "--", String(IMPORT_ROWS), csv]);
  answerDialog("open-import", csv);

  const app = await App.launch(APP);
  const rows = [];
  try {
    await app.waitFor("#screen[data-screen=today][aria-busy=false]");
    const squat = await app.run(
      `return window.__TAURI_INTERNALS__.invoke("exercise_search", { text: "Squat (Barbell)", includeArchived: false, limit: 5 })
         .then((found) => found.find((e) => e.name === "Squat (Barbell)").id);`,
    );
    await app.run(`(${installProbes.toString()})(arguments[0]);`, [squat]);
    const failed = () => app.run("return window.ipcBench.error;");
    const idle = async (phase, label) => {
      await bench(app, "phaseOf", phase, "idle");
      await eventually(`${IDLE_ROUNDS} idle rounds`, async () => {
        assert.equal(await failed(), null, "no probe failed");
        return (await app.run(`return window.ipcBench.samples.filter((s) => s.phase === arguments[0]).length;`, [phase])) >= IDLE_ROUNDS * PROBES.length;
      }, 120_000, 250);
      rows.push({ label, phase, busyOnly: false });
    };

    await idle("idle", "nothing");

    await bench(app, "phaseOf", "sync", "sync");
    await connectWhoop(app);
    let began = Date.now();
    await app.waitFor("[data-testid=sync-panel]");
    await eventually("the backfill to end", async () => !(await app.exists("[data-testid=sync-panel]")), 600_000, 100);
    rows.push({ label: `the WHOOP backfill (${WHOOP_DAYS.toLocaleString("en")} days, 10 requests/s)`, took: Date.now() - began, phase: "sync", busyOnly: true });

    await bench(app, "phaseOf", "import", "work");
    // Longer than WebDriver lets a script wait: started, then polled.
    await bench(app, "run", "training_import", { request: { format: "strong", unit: null, dry_run: false, skip_invalid: false } }, false);
    await eventually("the import to end", async () => !(await app.run("return window.ipcBench.work.running;")), 600_000, 250);
    const work = await app.run("return { ms: window.ipcBench.work.ms, error: window.ipcBench.work.error, sets: window.ipcBench.work.result?.sets_added };");
    assert.equal(work.error, null, "the import succeeded");
    assert.equal(work.sets, IMPORT_ROWS, "the import added every row");
    rows.push({ label: `a ${IMPORT_ROWS.toLocaleString("en")}-row import`, took: work.ms, phase: "import", busyOnly: true });

    await idle("idle after", "nothing, the vault now holding the import too");

    await bench(app, "phaseOf", "backups", "work");
    const out = staged("bench-backup.age");
    let made = 0;
    began = Date.now();
    while (Date.now() - began < BACKUPS_FOR_MS) {
      answerDialog("save-backup", out);
      const error = await bench(app, "run", "backup_create", { backup: { recipients: [], passphrase: null, into_folder: false, for_coach: false } }, true);
      assert.equal(error, null, "the backup succeeded");
      rmSync(out);
      made += 1;
    }
    const took = Date.now() - began;
    rows.push({ label: `backups back to back (${String(made)}, ${(took / made / 1000).toFixed(2)} s each)`, took, phase: "backups", busyOnly: true });

    await app.run("window.ipcBench.stopped = true; return window.ipcBench.loop;");
    assert.equal(await failed(), null, "no probe failed");
    const samples = await app.run("return window.ipcBench.samples;");

    console.log(`load average after: ${load()}`);
    console.log("| while | it took | command | n | p50 ms | p95 ms | max ms | p95 ÷ idle p95 |");
    console.log("|---|---|---|---|---|---|---|---|");
    let baseline = null;
    for (const row of rows) {
      const measured = durations(samples, row.phase, row.busyOnly);
      if (!row.busyOnly) baseline = measured;
      measured.forEach((values, i) => {
        assert.ok(values.length > 0, `${PROBES[i]} was probed during ${row.label}`);
        const p95 = percentile(values, 0.95);
        console.log(
          `| ${i === 0 ? row.label : ""} | ${i === 0 && row.took ? `${(row.took / 1000).toFixed(1)} s` : "—"} | ${PROBES[i]} | ${String(values.length)} | ` +
            `${percentile(values, 0.5).toFixed(0)} | ${p95.toFixed(0)} | ${Math.max(...values).toFixed(0)} | ${(p95 / percentile(baseline[i], 0.95)).toFixed(2)}× |`,
        );
      });
    }
  } finally {
    await app.quit();
  }
});
