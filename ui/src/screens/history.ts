// History: the session list (history-list.ts), and `#/history?session=ID`, one session's
// sets, where its name, notes and times can be edited and the session deleted (after a
// confirmation).

import { commands } from "../bindings";
import { confirmDialog } from "../lib/confirm";
import { field, h } from "../lib/dom";
import { busy, call, report, say } from "../lib/messages";
import { navigate, refresh, type Screen } from "../lib/router";
import { renderList } from "./history-list";
import { sessionSets } from "./history-sets";
import { sessionWhoop } from "./session-whoop";
import { stopRest } from "./rest-timer";
import {
  bodyweightIds,
  exerciseNames,
  setVolumeKg,
  showDuration,
  showKg,
  showTime,
  toLocalInput,
  setCount,
} from "./training-kit";

let cleanup: (() => void) | null = null;

/** Where a session came from, in words: "logged here", "imported from Strong". */
function whereFrom(source: string): string {
  const apps: Record<string, string> = { strong: "Strong", hevy: "Hevy", fitnotes: "FitNotes", json: "an Ironkeep export" };
  const app = apps[source];
  return app === undefined ? "logged here" : `imported from ${app}`;
}

async function renderDetail(host: HTMLElement, id: number): Promise<void> {
  const [detail, names, bodyweight, { unit, step_milli: stepMilli }, whoop] = await Promise.all([
    call(commands.sessionDetail(id)),
    exerciseNames(),
    bodyweightIds(),
    call(commands.trainingPrefs()),
    sessionWhoop(id, true),
  ]);
  const { session } = detail;
  const back = h("a", { attrs: { href: "#/history" }, testid: "history-back" }, "← All sessions");

  const done = detail.sets.filter((set) => set.done);
  const volume = done.reduce((sum, set) => sum + setVolumeKg(set), 0);
  const groups = sessionSets({ detail, names, bodyweight, unit, stepMilli });

  const name = h("input", { attrs: { type: "text", maxlength: 80 }, testid: "session-name" });
  name.value = session.name;
  const notes = h("textarea", { attrs: { rows: 2, maxlength: 2000 }, testid: "session-notes" });
  notes.value = session.notes;
  const started = h("input", { attrs: { type: "datetime-local" }, testid: "session-start" });
  started.value = toLocalInput(session.started_at);
  const ended = h("input", { attrs: { type: "datetime-local" }, testid: "session-end" });
  ended.value = session.ended_at === null ? "" : toLocalInput(session.ended_at);
  const save = h("button", { attrs: { type: "submit" }, testid: "session-save" }, "Save changes");
  const edit = h(
    "form",
    { class: "stack session-edit", attrs: { "aria-label": "Edit session" } },
    h("h3", {}, "Edit"),
    field("Name", name),
    field("Notes", notes),
    field("Started", started),
    session.ended_at === null ? null : field("Ended", ended),
    save,
  );
  edit.addEventListener("submit", (event) => {
    event.preventDefault();
    busy([save], async () => {
      const toStamp = (local: string): string | null => (local ? new Date(local).toISOString() : null);
      await call(
        commands.sessionEdit(id, {
          name: name.value,
          notes: notes.value,
          started_at: toStamp(started.value),
          ended_at: session.ended_at === null ? null : toStamp(ended.value),
        }),
      );
      await refresh();
      say("Session saved.");
    }).catch(report);
  });
  const remove = h("button", { attrs: { type: "button" }, class: "danger", testid: "session-delete" }, "Delete session");
  remove.addEventListener("click", () => {
    (async () => {
      const sure = await confirmDialog({
        title: `Delete “${session.name || "Workout"}”?`,
        body: [`This deletes the session of ${showTime(session.started_at)} and its ${String(detail.sets.length)} set(s). Records are recalculated.`],
        confirm: "Delete session",
        keep: "Keep it",
        testid: "delete-session",
      });
      if (!sure) return;
      await call(commands.sessionDelete(id));
      // Deleting the workout in progress ends its rest too.
      if (session.in_progress) stopRest();
      navigate("history");
      say("Session deleted.");
    })().catch(report);
  });

  host.append(
    back,
    h(
      "section",
      { testid: "session-detail", attrs: { "aria-label": "Session" } },
      h("h3", { testid: "detail-name" }, session.name || "Workout"),
      h(
        "p",
        { testid: "detail-facts" },
        `${showTime(session.started_at)} · ${showDuration(session)} · ${setCount(done.length)} · ${showKg(volume, unit, 0)} · ${whereFrom(session.source)}`,
      ),
      session.notes ? h("p", { class: "notes" }, session.notes) : null,
      ...groups,
    ),
    ...(whoop ? [whoop] : []),
    edit,
    h("div", { class: "row danger-zone" }, remove),
  );
}

export const historyScreen: Screen = {
  id: "history",
  title: "History",
  async render(host, params) {
    const session = params.get("session");
    if (session !== null && /^\d+$/.test(session)) {
      await renderDetail(host, Number(session));
    } else {
      cleanup = await renderList(host);
    }
  },
  leave() {
    cleanup?.();
    cleanup = null;
  },
};
