// History: the session list (history-list.ts), and `#/history?session=ID`, one session's
// sets, where its name, notes and times can be edited and the session deleted (after a
// confirmation). The session draws from its store (the vault's answer) and asks the vault
// again after every change.

import { commands } from "../bindings";
import { confirmDialog } from "../lib/confirm";
import { field, h, type Child } from "../lib/dom";
import { busy, call, report } from "../lib/messages";
import { navigate, type Screen } from "../lib/router";
import { showFromVault, type VaultView } from "../lib/store";
import { renderList } from "./history-list";
import { sessionSets, type SetsView } from "./history-sets";
import { drawSessionWhoop, loadSessionWhoop } from "./session-whoop";
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

/** One session as the vault answered, without the screen's `changed`, and its WHOOP side. */
type Detail = Omit<SetsView, "changed"> & { whoop: Awaited<ReturnType<typeof loadSessionWhoop>> };

async function loadDetail(id: number): Promise<Detail> {
  const [detail, names, bodyweight, { unit, step_milli: stepMilli }, whoop] = await Promise.all([
    call(commands.sessionDetail(id)),
    exerciseNames(),
    bodyweightIds(),
    call(commands.trainingPrefs()),
    loadSessionWhoop(id),
  ]);
  return { detail, names, bodyweight, unit, stepMilli, whoop };
}

function drawDetail(state: Detail, view: VaultView<Detail>): Child[] {
  const { detail, unit } = state;
  const { session } = detail;
  const id = session.id;
  const back = h("a", { attrs: { href: "#/history" }, testid: "history-back" }, "← All sessions");

  const done = detail.sets.filter((set) => set.done);
  const volume = done.reduce((sum, set) => sum + setVolumeKg(set), 0);
  const groups = sessionSets({ ...state, changed: view.changed });

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
      await view.changed("Session saved.");
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
      navigate("history", {}, "Session deleted.");
    })().catch(report);
  });

  return [
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
    drawSessionWhoop(id, state.whoop, view.changed),
    edit,
    h("div", { class: "row danger-zone" }, remove),
  ];
}

export const historyScreen: Screen = {
  id: "history",
  title: "History",
  async render(host, params) {
    const session = params.get("session");
    if (session !== null && /^\d+$/.test(session)) {
      const id = Number(session);
      await showFromVault(host, () => loadDetail(id), drawDetail);
    } else {
      cleanup = await renderList(host);
    }
  },
  leave() {
    cleanup?.();
    cleanup = null;
  },
};
