// History's session list: every session, newest first, in a virtualized list that fetches
// the core's keyset pages as the lifter scrolls (ten years of workouts cost the same as
// ten), under month headings with each month's real count, filtered as the lifter types
// (an exercise by name, a date range). The filter is a store, kept while a session is
// open: the fields show it, and every change of it asks the vault for the list again.

import {
  Virtualizer,
  elementScroll,
  observeElementOffset,
  observeElementRect,
} from "@tanstack/virtual-core";

import { commands, type HistoryQuery_Deserialize, type SessionSummary_Serialize, type Unit } from "../bindings";
import { field, h, markWhenEmpty } from "../lib/dom";
import { call, report } from "../lib/messages";
import { createStore } from "../lib/store";
import { exerciseTypeahead } from "./exercise-typeahead";
import { exerciseList, pickedExercise, setCount, showDuration, showKg, showTime } from "./training-kit";

const PAGE = 50;
const ROW_HEIGHT = 52;

/** The list's filter, kept while the lifter opens a session and comes back. */
interface Filter {
  exerciseId: string;
  from: string;
  to: string;
}
const NO_FILTER: Filter = { exerciseId: "", from: "", to: "" };
const filter = createStore<Filter>(NO_FILTER);

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
      `${setCount(session.sets)} · ${showKg(session.volume_kg, unit, 0)} · ${showDuration(session)}${session.whoop_strain === null ? "" : ` · strain ${session.whoop_strain.toFixed(1)}`}`,
    ),
  );
}

/** "October 2026" for "2026-10" (months are UTC, as the vault counts them). */
function monthName(month: string): string {
  const at = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(at.getTime()) ? month : at.toLocaleDateString(undefined, { month: "long", year: "numeric", timeZone: "UTC" });
}

/** A date input that looks empty while it is (WebKit draws "mm/dd/yyyy" like a value). */
function dateInput(testid: string, value: string): HTMLInputElement {
  const input = h("input", { attrs: { type: "date" }, class: "date", testid });
  input.value = value;
  return markWhenEmpty(input);
}

/** One line of the virtual list: a month heading or a session. */
type Line = { month: string } | { session: SessionSummary_Serialize };

/** Renders the session list into `host`; returns what stops its virtualizer. */
export async function renderList(host: HTMLElement): Promise<() => void> {
  const [exercises, { unit }] = await Promise.all([exerciseList(), call(commands.trainingPrefs())]);
  // The same type-ahead as every picker; choosing a match (Enter or a click) filters, and
  // so does a whole name typed out (the input listener below).
  const picker = exerciseTypeahead("Exercise", "history-exercise", (chosen) => {
    exercise.value = chosen.name;
    exercise.dispatchEvent(new Event("input"));
  });
  const exercise = picker.input;
  exercise.placeholder = "Any exercise";
  // The label names the field itself; the list travels beside it.
  const exerciseField = field("Exercise", exercise);
  exercise.replaceWith(picker.element);
  picker.element.prepend(exercise);
  const from = dateInput("history-from", "");
  const to = dateInput("history-to", "");
  /** The fields show the filter (a field the lifter is typing in keeps what is typed). */
  const showFilter = (shown: Filter): void => {
    const name = exercises.find((e) => String(e.id) === shown.exerciseId)?.name ?? "";
    const typed = pickedExercise(exercises, exercise.value);
    if (shown.exerciseId === "" ? typed !== undefined : String(typed?.id) !== shown.exerciseId) exercise.value = name;
    for (const [input, value] of [
      [from, shown.from],
      [to, shown.to],
    ] as const) {
      if (input.value !== value) input.value = value;
      input.classList.toggle("empty", input.value === "");
    }
  };
  showFilter(filter.get());
  const clear = h("button", { attrs: { type: "button" }, class: "quiet", testid: "history-clear" }, "Clear filters");
  const form = h(
    "form",
    { class: "row filters", attrs: { "aria-label": "Filter sessions" } },
    exerciseField,
    field("From", from),
    field("To", to),
    clear,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
  });

  const lines: Line[] = [];
  let next: string | null = null;
  let loading = false;
  let ended = false;
  let generation = 0;
  let lastMonth = "";
  const status = h("p", { class: "hint", attrs: { role: "status" }, testid: "history-count" });
  const scroller = h("div", { class: "history-scroll", testid: "history-list", attrs: { tabindex: 0, "aria-label": "Sessions" } });
  const inner = h("div", { class: "history-inner", attrs: { role: "list" } });
  scroller.append(inner);
  host.append(form, status, scroller);
  let counts = new Map<string, number>();

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

  const heading = (month: string): HTMLElement => {
    const count = counts.get(month) ?? 0;
    return h(
      "h3",
      { class: "history-month", testid: "history-month", attrs: { "data-month": month } },
      monthName(month),
      h("span", { class: "hint" }, ` · ${String(count)} session${count === 1 ? "" : "s"}`),
    );
  };

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
      const line = lines[item.index];
      if (!line) continue;
      let node = rendered.get(item.index);
      if (!node) {
        node = "month" in line ? heading(line.month) : row(line.session, unit);
        node.setAttribute("role", "listitem");
        node.style.height = `${String(ROW_HEIGHT)}px`;
        inner.append(node);
        rendered.set(item.index, node);
      }
      node.style.transform = `translateY(${String(item.start)}px)`;
    }
    const last = items.at(-1);
    if (last && last.index >= lines.length - 10 && !ended) loadMore().catch(report);
  };

  const query = (): HistoryQuery_Deserialize => {
    const { exerciseId, from: since, to: until } = filter.get();
    return { exercise_id: exerciseId === "" ? null : Number(exerciseId), from: since || null, to: until || null };
  };

  const loadMore = async (): Promise<void> => {
    if (loading || ended) return;
    loading = true;
    const mine = generation;
    try {
      const page = await call(commands.historySessions(query(), next, PAGE));
      if (mine !== generation) return;
      for (const session of page.items) {
        const month = session.started_at.slice(0, 7);
        if (month !== lastMonth) lines.push({ month });
        lastMonth = month;
        lines.push({ session });
      }
      next = page.next;
      ended = next === null;
      virtualizer.setOptions({ ...virtualizer.options, count: lines.length });
      virtualizer.measure();
      paint();
    } finally {
      loading = false;
    }
  };

  /** Starts the list again from the top for the current filter. */
  const reload = async (): Promise<void> => {
    generation += 1;
    lines.length = 0;
    lastMonth = "";
    next = null;
    ended = false;
    loading = false;
    for (const node of rendered.values()) node.remove();
    rendered.clear();
    scroller.scrollTop = 0;
    const months = await call(commands.historyMonths(query()));
    counts = new Map(months.map((m) => [m.month, m.sessions]));
    const total = months.reduce((sum, m) => sum + m.sessions, 0);
    status.textContent = total === 0 ? "No sessions match." : `${total.toLocaleString()} session${total === 1 ? "" : "s"}`;
    virtualizer.setOptions({ ...virtualizer.options, count: 0 });
    await loadMore();
  };

  // The filter applies as the lifter types: an exercise as soon as its name is complete
  // (or the field is emptied), dates as soon as they are whole.
  exercise.addEventListener("input", () => {
    const picked = pickedExercise(exercises, exercise.value);
    const id = picked ? String(picked.id) : exercise.value.trim() === "" ? "" : null;
    if (id === null || id === filter.get().exerciseId) return;
    filter.update((shown) => ({ ...shown, exerciseId: id }));
  });
  for (const [input, key] of [
    [from, "from"],
    [to, "to"],
  ] as const) {
    input.addEventListener("change", () => {
      if (input.value === filter.get()[key] || (input.value !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(input.value))) return;
      filter.update((shown) => ({ ...shown, [key]: input.value }));
    });
  }
  clear.addEventListener("click", () => {
    exercise.value = "";
    filter.set(NO_FILTER);
  });
  const stopFilter = filter.subscribe((shown) => {
    showFilter(shown);
    reload().catch(report);
  });

  const unmount = virtualizer._didMount();
  virtualizer._willUpdate();
  // The virtualizer and the filter's listener stop when the screen goes, even if the
  // first page failed.
  await reload().catch(report);
  return () => {
    stopFilter();
    unmount();
  };
}
