// What the lifter typed in the logger and has not logged yet, kept so that a redraw (after
// another set is logged), a visit to another screen or a relaunch never throws it away.
// The logger is drawn from the vault's answers plus these drafts. They are training data,
// so they live in the encrypted vault (the core's training::drafts checks and stores
// them), never in the web view's storage: only the numbers and their unit, for the one
// session in progress, named by its id and start (the vault reuses the id of a deleted
// session); other sessions' drafts are replaced as soon as the logger saves a new one.
//
// The renderer reads and writes an in-memory copy synchronously; `loadDrafts` fills it
// once when the logger opens, and changes reach the vault ~300 ms after the last one, or
// at once on `flushDrafts` (leaving the logger, finishing, discarding, and closing the
// window: the app holds a close until the page has saved, see `saveDraftsOnClose`).

import { Channel } from "@tauri-apps/api/core";

import { commands, type Draft } from "../bindings";
import { call, report } from "../lib/messages";

export type { Draft } from "../bindings";

/** Waits this long after the last change before saving (typing stays quiet on the IPC). */
const SAVE_DELAY_MS = 300;

/** The in-memory copy: one session's drafts by row name. */
let copy: { session: string; rows: Map<string, Draft> } = { session: "", rows: new Map() };
let timer: ReturnType<typeof setTimeout> | undefined;
/** The save in flight, so a flush waits for it (saves go out one after the other). */
let saving: Promise<void> = Promise.resolve();

/** The session a logger shows, as the name its drafts are kept under. */
export function sessionKey(session: { id: number; started_at: string }): string {
  return `${String(session.id)}@${session.started_at}`;
}

/** Where an earlier version kept drafts, in the clear: emptied, never read. */
const PLAINTEXT_PREFIX = "ironkeep.logger-drafts.";

/**
 * Loads the vault's drafts of `session` (null: no workout in progress) into memory. The
 * vault's drafts of any other session are stale (that workout was finished or deleted)
 * and are deleted.
 */
export async function loadDrafts(session: string | null): Promise<void> {
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(PLAINTEXT_PREFIX)) localStorage.removeItem(key);
  }
  await flushDrafts();
  const stored = await call(commands.workoutDrafts());
  if (stored && stored.session !== session) await call(commands.workoutSaveDrafts({ session: stored.session, rows: {} }));
  copy = { session: session ?? "", rows: new Map(stored?.session === session ? Object.entries(stored.rows) : []) };
}

/** Saves the in-memory copy now, when a save is waiting. */
export function flushDrafts(): Promise<void> {
  if (timer !== undefined) {
    clearTimeout(timer);
    timer = undefined;
    const drafts = { session: copy.session, rows: Object.fromEntries(copy.rows) };
    if (drafts.session !== "") {
      saving = saving
        .then(async () => {
          await call(commands.workoutSaveDrafts(drafts));
        })
        .catch(report);
    }
  }
  return saving;
}

function saveSoon(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(() => {
    flushDrafts().catch(report);
  }, SAVE_DELAY_MS);
}

/** The copy for `session`, anew when it held another session's drafts. */
function of(session: string): Map<string, Draft> {
  if (copy.session !== session) copy = { session, rows: new Map() };
  return copy.rows;
}

/** The draft of row `row` of `session`, if the lifter typed one. */
export function draftOf(session: string, row: string): Draft | undefined {
  return copy.session === session ? copy.rows.get(row) : undefined;
}

/** Keeps what row `row` holds now (the vault's bounds: weight 12 characters, reps and RPE 6). */
export function keepDraft(session: string, row: string, draft: Draft): void {
  of(session).set(row, { weight: draft.weight.slice(0, 12), unit: draft.unit, reps: draft.reps.slice(0, 6), rpe: draft.rpe.slice(0, 6) });
  saveSoon();
}

/** Forgets row `row`'s draft (it was logged, or the set deleted). */
export function dropDraft(session: string, row: string): void {
  if (of(session).delete(row)) saveSoon();
}

/** Forgets every draft (the workout was finished or discarded) and saves that at once. */
export function dropDrafts(): Promise<void> {
  copy.rows.clear();
  saveSoon();
  return flushDrafts();
}

/**
 * Saves waiting drafts when the window is asked to close, then lets it close. The app
 * holds the close request until then (src-tauri's `closing`): the page is destroyed with
 * the window, before a save still waiting on its timer would go out.
 */
export function saveDraftsOnClose(): void {
  const closing = new Channel<null>();
  closing.onmessage = () => {
    flushDrafts()
      .catch(report)
      .finally(() => {
        commands.windowClose().catch(() => undefined);
      });
  };
  commands.windowOnClose(closing).catch(report);
}
