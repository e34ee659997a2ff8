// History: every session, newest first, in a virtualized list that fetches the core's
// keyset pages as the lifter scrolls (ten years of workouts cost the same as ten), with
// filters by exercise and date range. `#/history?session=ID` shows one session's sets,
// where its name, notes and times can be edited and the session deleted (after a
// confirmation).

import {
  Virtualizer,
  elementScroll,
  observeElementOffset,
  observeElementRect,
} from "@tanstack/virtual-core";

import { commands, type SessionSummary_Serialize, type Unit } from "../bindings";
import { confirmDialog } from "../lib/confirm";
import { field, h } from "../lib/dom";
import { busy, call, report, say } from "../lib/messages";
import { navigate, refresh, type Screen } from "../lib/router";
import { sessionSets } from "./history-sets";
import { stopRest } from "./rest-timer";
import {
  bodyweightIds,
  exerciseList,
  exerciseNames,
  setVolumeKg,
  showDuration,
  showKg,
  showTime,
  toLocalInput,
  setCount,
} from "./training-kit";

const PAGE = 50;
const ROW_HEIGHT = 52;

/** The list's filter, kept while the lifter opens a session and comes back. */
const filter = { exerciseId: "", from: "", to: "" };

let cleanup: (() => void) | null = null;

function row(session: SessionSummary_Serialize, unit: Unit): HTMLElement {
  return h(
    "a",
    {
      class: "history-row",
      testid: "history-row",
      attrs: { href: `#/history?session=${String(session.id)}`, "data-session": session.id },
    },
    h("span", { class: "history-name" }, session.name || "Workout"),
    h("span", { class: "hint" }, showTime(session.started_at)),
    h(
      "span",
      { class: "hint" },
      `${setCount(session.sets)} · ${showKg(session.volume_kg, unit, 0)} · ${showDuration(session)}`,
    ),
  );
}

async function renderList(host: HTMLElement): Promise<void> {
  const [exercises, { unit }] = await Promise.all([exerciseList(), call(commands.trainingPrefs())]);
  const exercise = h("select", { testid: "history-exercise" }, h("option", { attrs: { value: "" } }, "Any exercise"));
  for (const e of exercises) {
    exercise.append(h("option", { attrs: { value: String(e.id), selected: String(e.id) === filter.exerciseId } }, e.name));
  }
  const from = h("input", { attrs: { type: "date" }, testid: "history-from" });
  const to = h("input", { attrs: { type: "date" }, testid: "history-to" });
  from.value = filter.from;
  to.value = filter.to;
  const apply = h("button", { attrs: { type: "submit" } }, "Filter");
  const form = h(
    "form",
    { class: "row filters", attrs: { "aria-label": "Filter sessions" } },
    field("Exercise", exercise),
    field("From", from),
    field("To", to),
    apply,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    filter.exerciseId = exercise.value;
    filter.from = from.value;
    filter.to = to.value;
    refresh().catch(report);
  });

  const sessions: SessionSummary_Serialize[] = [];
  let next: string | null = null;
  let loading = false;
  let ended = false;
  const status = h("p", { class: "hint", attrs: { role: "status" }, testid: "history-count" });
  const scroller = h("div", { class: "history-scroll", testid: "history-list", attrs: { tabindex: 0, "aria-label": "Sessions" } });
  const inner = h("div", { class: "history-inner", attrs: { role: "list" } });
  scroller.append(inner);
  host.append(form, status, scroller);

  const virtualizer = new Virtualizer<HTMLDivElement, HTMLElement>({
    count: 0,
    getScrollElement: () => scroller,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    onChange: () => {
      paint();
    },
  });

  // Rows stay in place while they are in range, so scrolling never drops the focus.
  const rendered = new Map<number, HTMLElement>();
  const paint = (): void => {
    inner.style.height = `${String(virtualizer.getTotalSize())}px`;
    const items = virtualizer.getVirtualItems();
    const wanted = new Set(items.map((item) => item.index));
    for (const [index, node] of rendered) {
      if (!wanted.has(index)) {
        node.remove();
        rendered.delete(index);
      }
    }
    for (const item of items) {
      const session = sessions[item.index];
      if (!session) continue;
      let node = rendered.get(item.index);
      if (!node) {
        node = row(session, unit);
        node.setAttribute("role", "listitem");
        node.style.height = `${String(ROW_HEIGHT)}px`;
        inner.append(node);
        rendered.set(item.index, node);
      }
      node.style.transform = `translateY(${String(item.start)}px)`;
    }
    const last = items.at(-1);
    if (last && last.index >= sessions.length - 10 && !ended) loadMore().catch(report);
  };

  const loadMore = async (): Promise<void> => {
    if (loading || ended) return;
    loading = true;
    try {
      const page = await call(
        commands.historySessions(
          {
            exercise_id: filter.exerciseId === "" ? null : Number(filter.exerciseId),
            from: filter.from || null,
            to: filter.to || null,
          },
          next,
          PAGE,
        ),
      );
      sessions.push(...page.items);
      next = page.next;
      ended = next === null;
      status.textContent =
        sessions.length === 0
          ? "No sessions match."
          : `${String(sessions.length)}${ended ? "" : "+"} session${sessions.length === 1 ? "" : "s"}`;
      virtualizer.setOptions({ ...virtualizer.options, count: sessions.length });
      virtualizer.measure();
      paint();
    } finally {
      loading = false;
    }
  };

  const unmount = virtualizer._didMount();
  virtualizer._willUpdate();
  cleanup = unmount;
  await loadMore();
}

/** Where a session came from, in words: "logged here", "imported from Strong". */
function whereFrom(source: string): string {
  const apps: Record<string, string> = { strong: "Strong", hevy: "Hevy", fitnotes: "FitNotes", json: "an Ironkeep export" };
  const app = apps[source];
  return app === undefined ? "logged here" : `imported from ${app}`;
}

async function renderDetail(host: HTMLElement, id: number): Promise<void> {
  const [detail, names, bodyweight, { unit, step_milli: stepMilli }] = await Promise.all([
    call(commands.sessionDetail(id)),
    exerciseNames(),
    bodyweightIds(),
    call(commands.trainingPrefs()),
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
      await renderList(host);
    }
  },
  leave() {
    cleanup?.();
    cleanup = null;
  },
};
