// Desktop benchmarks (BENCHMARKS.md, "Desktop app"), run with
//   (cd ui && npm run tauri -- build --no-bundle) && cargo build --release --bin ironkeep
//   IRONKEEP_E2E_BENCH=1 sh ui/e2e/run.sh
// against the release app (no test seams: the vault is made with the release CLI) and a
// keychain vault filled with the generated ten-year training history:
//   - cold start to an interactive Today screen (process start → Today rendered, and the
//     whole WebDriver launch for comparison), five launches;
//   - memory of the app and its WebKit processes at idle (PSS summed, and RSS), beside the
//     smallest Tauri 2 app with the same web view settings (src-tauri/examples/
//     empty_window.rs, built here the way the release app is built), launched the same way
//     after Ironkeep has quit: Ironkeep's own cost is the difference, and the mappings
//     that differ most say where it goes, and where each binary is resident, segment by
//     segment and section by section (its smaps and pagemap);
//   - opening History and scrolling its virtualized list far down; drawing an exercise's
//     progress chart.
// It prints figures; it asserts only that each step happened.

import assert from "node:assert/strict";
import { closeSync, openSync, readdirSync, readFileSync, readlinkSync, readSync } from "node:fs";
import { test } from "node:test";

import { cargo, load, TARGET, tenYearVault } from "./bench-lib.mjs";
import { App, eventually, required } from "./webdriver.mjs";

const APP = `${TARGET}/release/ironkeep-desktop`;
const EMPTY = `${TARGET}/release/examples/empty_window`;
const STAGE = required("IRONKEEP_E2E_STAGE");
const TODAY = "#screen[data-screen=today][aria-busy=false]";
const TICKS = 100; // USER_HZ on Linux

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function appPid(exe = APP) {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/exe`) === exe) return Number(entry);
    } catch {
      // not ours, or gone
    }
  }
  return null;
}

/** How long ago a process started, in ms (10 ms resolution), from the uptime clock. */
function ageMs(pid) {
  const uptime = Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]);
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
  return uptime * 1000 - (ticks * 1000) / TICKS;
}

function tree(root) {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone
    }
  }
  const pids = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (pids.has(ppid) && !pids.has(pid)) {
        pids.add(pid);
        grew = true;
      }
    }
  }
  return pids;
}

/** A process's PSS in KiB per mapping, grouped by file (or [heap], [anon]…), added to `totals`. */
function pssByMapping(pid, totals = new Map()) {
  let current = "[anon]";
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      current = header[1].trim().split("/").pop() || "[anon]";
      continue;
    }
    const pss = /^Pss:\s+(\d+)/.exec(line);
    if (pss) totals.set(current, (totals.get(current) ?? 0) + Number(pss[1]));
  }
  return totals;
}

/** The mappings holding most of a process's PSS. */
function largestMappings(pid, count) {
  return [...pssByMapping(pid)]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, kib]) => `${name} ${(kib / 1024).toFixed(1)}`);
}

/** The ELF file's sections that are loaded (name, file offset, size), from its section headers. */
function loadedSections(exe) {
  const elf = readFileSync(exe);
  const shoff = Number(elf.readBigUInt64LE(0x28));
  const entry = elf.readUInt16LE(0x3a);
  const count = elf.readUInt16LE(0x3c);
  const header = (i) => shoff + i * entry;
  const names = Number(elf.readBigUInt64LE(header(elf.readUInt16LE(0x3e)) + 0x18));
  const sections = [];
  for (let i = 1; i < count; i += 1) {
    const at = header(i);
    const flags = Number(elf.readBigUInt64LE(at + 0x08));
    const type = elf.readUInt32LE(at + 0x04);
    if (!(flags & 0x2) || type === 8) continue; // not loaded, or NOBITS (.bss: anonymous)
    const nameAt = names + elf.readUInt32LE(at);
    sections.push({
      name: elf.toString("latin1", nameAt, elf.indexOf(0, nameAt)),
      offset: Number(elf.readBigUInt64LE(at + 0x18)),
      size: Number(elf.readBigUInt64LE(at + 0x20)),
    });
  }
  return sections;
}

/**
 * Where a process's own binary is resident: per mapping of `exe` (its segments: r--p,
 * r-xp, rw-p), the PSS and the private dirty part from smaps, and per loaded section in it
 * the resident pages (present in /proc/PID/pagemap; a page two sections share counts for
 * both). Lines, in KiB, for the report.
 */
function binarySegments(pid, exe) {
  const mappings = [];
  let current = null;
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) ([0-9a-f]+) \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      current = header[5].trim() === exe
        ? { start: parseInt(header[1], 16), end: parseInt(header[2], 16), perms: header[3], offset: parseInt(header[4], 16) }
        : null;
      if (current) mappings.push(current);
      continue;
    }
    const field = /^(Pss|Private_Dirty):\s+(\d+)/.exec(line);
    if (current && field) current[field[1]] = Number(field[2]);
  }
  const sections = loadedSections(exe);
  const pagemap = openSync(`/proc/${pid}/pagemap`, "r");
  const entry = Buffer.alloc(8);
  const present = (address) => {
    readSync(pagemap, entry, 0, 8, Math.floor(address / 4096) * 8);
    return (entry.readBigUInt64LE(0) >> 63n) === 1n;
  };
  const lines = [];
  try {
    for (const map of mappings) {
      const parts = [];
      for (const section of sections) {
        const from = Math.max(section.offset, map.offset);
        const to = Math.min(section.offset + section.size, map.offset + (map.end - map.start));
        if (from >= to) continue;
        let pages = 0;
        let resident = 0;
        for (let page = Math.floor(from / 4096); page * 4096 < to; page += 1) {
          pages += 1;
          if (present(map.start + page * 4096 - map.offset)) resident += 1;
        }
        parts.push(`${section.name} ${resident * 4}/${pages * 4}`);
      }
      lines.push(`${map.perms} PSS ${map.Pss} (private dirty ${map.Private_Dirty}): ${parts.join(", ")}`);
    }
  } finally {
    closeSync(pagemap);
  }
  return lines;
}

/** Prints where the binary `exe` of process `pid` is resident, segment by segment. */
function printSegments(pid, exe) {
  console.log(`  ${exe.split("/").pop()}, per segment (KiB; per section: resident/size):`);
  for (const line of binarySegments(pid, exe)) console.log(`    ${line}`);
}

/** How many WebKit processes outside `ours` are running. */
function otherWebKitProcesses(ours) {
  let count = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || ours.has(Number(entry))) continue;
    try {
      if (readlinkSync(`/proc/${entry}/exe`).includes("/webkit2gtk-")) count += 1;
    } catch {
      // not ours to read, or gone
    }
  }
  return count;
}

function memoryKiB(pids) {
  let pss = 0;
  let rss = 0;
  const names = [];
  const mappings = new Map();
  for (const pid of pids) {
    try {
      pssByMapping(pid, mappings);
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      const name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
      const own = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      names.push(`${name} ${(own / 1024).toFixed(0)} MiB`);
      console.log(`  ${name}: ${largestMappings(pid, 8).join(", ")} (MiB)`);
    } catch {
      // gone
    }
  }
  return { pss, rss, names, mappings };
}

/** The mappings whose PSS (summed over all processes) differs most between two apps. */
function largestDifferences(ours, empty, count) {
  const names = new Set([...ours.keys(), ...empty.keys()]);
  return [...names]
    .map((name) => [name, (ours.get(name) ?? 0) - (empty.get(name) ?? 0)])
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, count)
    .map(([name, kib]) => `${name} ${kib >= 0 ? "+" : ""}${(kib / 1024).toFixed(1)}`);
}

/** Launches `exe` through WebDriver as the app is launched, waits for its page and `ms` more, and measures it. */
async function idleMemoryOf(exe, ms) {
  const app = await App.launch(exe);
  try {
    await eventually("the page", async () => (await app.run("return document.readyState;")) === "complete", 30_000, 10);
    await new Promise((resolve) => setTimeout(resolve, ms));
    const pid = appPid(exe);
    assert.ok(pid, `the process of ${exe} is found`);
    const memory = memoryKiB(tree(pid));
    printSegments(pid, exe);
    return memory;
  } finally {
    await app.quit();
  }
}

test("desktop: cold start, idle memory, history scrolling and chart drawing (10-year vault)", async () => {
  console.log(`load average before: ${load()}`);
  tenYearVault(STAGE);
  // The smallest Tauri 2 app, from the same tauri build as the release app
  // (`tauri build` enables tauri's custom-protocol feature: pages are served from the binary).
  cargo(["build", "--release", "-p", "ironkeep-desktop", "--example", "empty_window", "--features", "tauri/custom-protocol"]);

  const fromProcess = [];
  const fromLaunch = [];
  let app = null;
  let ironkeepMemory;
  for (let run = 0; run < 5; run += 1) {
    const launched = Date.now();
    app = await App.launch(APP);
    await eventually("Today", () => app.exists(TODAY), 30_000, 10);
    const ready = Number(await app.run("return Date.now();"));
    const pid = appPid();
    assert.ok(pid, "the app process is found");
    // The page's clock and ours are the same wall clock; the process age is from uptime.
    fromProcess.push(ageMs(pid) - (Date.now() - ready));
    fromLaunch.push(ready - launched);
    if (run < 4) await app.quit();
  }
  console.log(`cold start → Today (process start): median ${median(fromProcess).toFixed(0)} ms, runs ${fromProcess.map((v) => v.toFixed(0)).join(", ")}`);
  console.log(`cold start → Today (WebDriver launch): median ${median(fromLaunch).toFixed(0)} ms, runs ${fromLaunch.map((v) => v.toFixed(0)).join(", ")}`);

  try {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const ours = tree(appPid());
    const memory = memoryKiB(ours);
    printSegments(appPid(), APP);
    ironkeepMemory = memory;
    console.log(`idle memory: PSS ${(memory.pss / 1024).toFixed(1)} MiB, RSS ${(memory.rss / 1024).toFixed(1)} MiB over ${memory.names.join(", ")}`);
    // PSS divides shared pages among every process mapping them: another WebKit app running
    // at the same time would make ours look smaller.
    const others = otherWebKitProcesses(ours);
    if (others > 0) console.log(`  WARNING: ${others} other WebKit processes share the libraries; this PSS is understated`);

    // Screen timings, measured in the page: navigation to rendered, and scroll to painted.
    const timings = await app.run(`return (async () => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const rendered = (id) => new Promise((resolve) => {
        const host = document.getElementById("screen");
        const check = () => host.dataset.screen === id && host.getAttribute("aria-busy") === "false";
        if (check()) return resolve();
        const observer = new MutationObserver(() => { if (check()) { observer.disconnect(); resolve(); } });
        observer.observe(host, { attributes: true });
      });
      const out = {};
      let t = performance.now();
      location.hash = "#/history";
      await rendered("history");
      await frame();
      out.historyOpen = performance.now() - t;
      const list = document.querySelector("[data-testid=history-list]");
      if (list) {
        const scrolls = [];
        for (const part of [0.25, 0.5, 0.75, 1]) {
          t = performance.now();
          list.scrollTop = list.scrollHeight * part;
          await frame();
          scrolls.push(performance.now() - t);
        }
        out.scrolls = scrolls;
      }
      t = performance.now();
      location.hash = "#/exercises";
      await rendered("exercises");
      await frame();
      out.exercisesOpen = performance.now() - t;
      return out;
    })();`);
    console.log(`history open: ${timings.historyOpen.toFixed(1)} ms; scroll jumps: ${(timings.scrolls ?? []).map((v) => v.toFixed(1)).join(", ")} ms; exercises open: ${timings.exercisesOpen.toFixed(1)} ms`);
    assert.ok(memory.pss > 0);
  } finally {
    await app.quit();
  }

  // The empty app, alone on the display as Ironkeep was, idle as long after its page loaded.
  console.log("the empty Tauri app (src-tauri/examples/empty_window.rs):");
  const empty = await idleMemoryOf(EMPTY, 5000);
  console.log(`empty app idle memory: PSS ${(empty.pss / 1024).toFixed(1)} MiB, RSS ${(empty.rss / 1024).toFixed(1)} MiB over ${empty.names.join(", ")}`);
  const own = (ironkeepMemory.pss - empty.pss) / 1024;
  console.log(`side by side: Ironkeep ${(ironkeepMemory.pss / 1024).toFixed(1)} MiB, the empty Tauri app ${(empty.pss / 1024).toFixed(1)} MiB: Ironkeep's own cost ${own.toFixed(1)} MiB (goal ≤ 30 MiB)`);
  console.log(`  where it differs (PSS over all processes, MiB): ${largestDifferences(ironkeepMemory.mappings, empty.mappings, 12).join(", ")}`);
  assert.ok(empty.pss > 0);
  console.log(`load average after: ${load()}`);
});
