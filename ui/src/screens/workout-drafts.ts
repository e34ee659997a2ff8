// What the lifter typed in the logger and has not logged yet, kept so that a redraw (after
// another set is logged), a visit to another screen or a relaunch never throws it away.
// The logger is drawn from the vault's answers plus these drafts. They live in the web
// view's localStorage, which is not encrypted: only the numbers and their unit are kept
// (never a note, a name or anything else), for the one session in progress, named by its
// id and start (the vault reuses the id of a deleted session); other sessions' drafts are
// dropped as soon as the logger shows a new one.

import type { Unit } from "../bindings";

/** The typed fields of one row. */
export interface Draft {
  weight: string;
  unit: Unit;
  reps: string;
  rpe: string;
}

const PREFIX = "ironkeep.logger-drafts.";

/** The session a logger shows, as the name its drafts are kept under. */
export function sessionKey(session: { id: number; started_at: string }): string {
  return `${String(session.id)}@${session.started_at}`;
}

/** A stored draft, checked field by field (the storage is outside the app's control). */
function checked(value: unknown): Draft | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { weight, unit, reps, rpe } = value as Record<string, unknown>;
  if (typeof weight !== "string" || typeof reps !== "string" || typeof rpe !== "string") return undefined;
  if (unit !== "kg" && unit !== "lb") return undefined;
  return { weight, unit, reps, rpe };
}

function load(session: string): Map<string, Draft> {
  const drafts = new Map<string, Draft>();
  try {
    const text = localStorage.getItem(PREFIX + session);
    const parsed: unknown = text === null ? {} : JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null) return drafts;
    for (const [row, value] of Object.entries(parsed)) {
      const draft = checked(value);
      if (draft) drafts.set(row, draft);
    }
  } catch {
    // Unreadable: no drafts.
  }
  return drafts;
}

function save(session: string, drafts: Map<string, Draft>): void {
  try {
    // Drafts of any other session are stale: that workout was finished or deleted.
    for (const stored of Object.keys(localStorage)) {
      if (stored.startsWith(PREFIX) && stored !== PREFIX + session) localStorage.removeItem(stored);
    }
    if (drafts.size === 0) localStorage.removeItem(PREFIX + session);
    else localStorage.setItem(PREFIX + session, JSON.stringify(Object.fromEntries(drafts)));
  } catch {
    // Storage full or refused: drafts then last until the window closes, no longer.
  }
}

/** The draft of row `row` of `session`, if the lifter typed one. */
export function draftOf(session: string, row: string): Draft | undefined {
  return load(session).get(row);
}

/** Keeps what row `row` holds now. */
export function keepDraft(session: string, row: string, draft: Draft): void {
  const drafts = load(session);
  drafts.set(row, { weight: draft.weight.slice(0, 12), unit: draft.unit, reps: draft.reps.slice(0, 6), rpe: draft.rpe.slice(0, 6) });
  save(session, drafts);
}

/** Forgets row `row`'s draft (it was logged, or the set deleted). */
export function dropDraft(session: string, row: string): void {
  const drafts = load(session);
  if (drafts.delete(row)) save(session, drafts);
}

/** Forgets every draft (the workout was finished or discarded). */
export function dropDrafts(): void {
  save("", new Map());
}
