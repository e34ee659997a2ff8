// The Today screen, where the app opens: resume the workout in progress or start one
// (from a routine or empty), the latest sessions, this week's volume per muscle group,
// today's WHOOP card, the journal (journal-card.ts) and the running program's day
// (program-card.ts). Two commands read everything, side by side, so the landing screen
// is fast; the screen draws from its store, which holds their answers.

import { commands, type Today_Serialize } from "../bindings";
import { field, h } from "../lib/dom";
import { busy, call, report } from "../lib/messages";
import { navigate, type Screen } from "../lib/router";
import { showFromVault } from "../lib/store";
import { muscleLabel, setCount, showDuration, showKg, showTime } from "./training-kit";
import { renderJournal } from "./journal-card";
import { programCard } from "./program-card";
import { renderWhoopToday } from "./whoop-card";

function startSection(today: Today_Serialize): HTMLElement {
  const session = today.in_progress;
  if (session) {
    const resume = h("button", { attrs: { type: "button" }, class: "primary", testid: "resume-workout" }, "Resume");
    resume.addEventListener("click", () => {
      navigate("workout");
    });
    return h(
      "section",
      { class: "card", attrs: { "aria-labelledby": "today-workout" }, testid: "in-progress" },
      h("h3", { attrs: { id: "today-workout" } }, "Workout in progress"),
      h("p", {}, `${session.name || "Workout"} — started ${showTime(session.started_at)}`),
      resume,
    );
  }
  const routine = h("select", { testid: "start-routine" }, h("option", { attrs: { value: "" } }, "Empty workout"));
  for (const r of today.routines) routine.append(h("option", { attrs: { value: String(r.id) } }, r.name));
  const start = h("button", { attrs: { type: "submit" }, class: "primary", testid: "start-workout" }, "Start workout");
  const form = h(
    "form",
    { class: "row start", attrs: { "aria-labelledby": "today-workout" } },
    field("Routine", routine),
    start,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy([start], async () => {
      const routineId = routine.value === "" ? null : Number(routine.value);
      await call(commands.sessionStart(routineId, null));
      navigate("workout");
    }).catch(report);
  });
  return h(
    "section",
    { class: "card", testid: "start-section" },
    h("h3", { attrs: { id: "today-workout" } }, "Start a workout"),
    today.routines.length === 0
      ? h("p", { class: "hint" }, "Tip: build a routine in Routines to pre-fill a workout.")
      : null,
    form,
  );
}

function recentSection(today: Today_Serialize): HTMLElement {
  // Rows like History's, not a bulleted list of browser-blue links.
  const items = today.recent.map((session) =>
    h(
      "li",
      {},
      h(
        "a",
        { class: "recent-row", attrs: { href: `#/history?session=${String(session.id)}` } },
        h("span", { class: "history-name", testid: "recent-session" }, session.name || "Workout"),
        h(
          "span",
          { class: "hint" },
          `${showTime(session.started_at)} · ${setCount(session.sets)} · ${showKg(session.volume_kg, today.unit, 0)} · ${showDuration(session)}${session.whoop_strain === null ? "" : ` · strain ${session.whoop_strain.toFixed(1)}`}`,
        ),
      ),
    ),
  );
  return h(
    "section",
    { attrs: { "aria-labelledby": "today-recent" } },
    h("h3", { attrs: { id: "today-recent" } }, "Recent workouts"),
    h("p", {}, h("a", { attrs: { href: "#/report" }, testid: "today-report" }, "This week beside the four before →")),
    items.length === 0 ? h("p", { class: "hint" }, "No workouts logged yet.") : h("ul", { class: "recent" }, ...items),
  );
}

function volumeSection(today: Today_Serialize): HTMLElement {
  // The range covers this week only, so rows are per muscle group.
  const rows = [...today.week_volume].sort((a, b) => (b.volume_kg ?? 0) - (a.volume_kg ?? 0));
  const top = Math.max(1, ...rows.map((row) => row.volume_kg ?? 0));
  const body = rows.map((row) => {
    const bar = h("span", { class: "bar", attrs: { "aria-hidden": "true" } });
    bar.style.width = `${String(Math.round(((row.volume_kg ?? 0) / top) * 100))}%`;
    return h(
      "tr",
      { testid: "volume-row" },
      h("th", { attrs: { scope: "row" } }, muscleLabel(row.muscle)),
      h("td", { class: "number" }, String(row.sets)),
      h("td", { class: "number" }, showKg(row.volume_kg, today.unit, 0)),
      h("td", { class: "bar-cell" }, bar),
    );
  });
  return h(
    "section",
    { attrs: { "aria-labelledby": "today-volume" } },
    h("h3", { attrs: { id: "today-volume" } }, "This week's volume"),
    rows.length === 0
      ? h("p", { class: "hint" }, "Nothing logged this week yet.")
      : h(
          "table",
          { class: "data volume", testid: "week-volume" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { attrs: { scope: "col" } }, "Muscle group"),
              h("th", { attrs: { scope: "col" }, class: "number" }, "Sets"),
              h("th", { attrs: { scope: "col" }, class: "number" }, "Volume"),
              h("th", { attrs: { scope: "col" } }, h("span", { class: "visually-hidden" }, "Share")),
            ),
          ),
          h("tbody", {}, ...body),
        ),
  );
}

export const todayScreen: Screen = {
  id: "today",
  title: "Today",
  async render(host) {
    // The WHOOP card and the journal draw themselves (the card again after each sync).
    const whoop = h("section", { class: "whoop-today", attrs: { "aria-label": "WHOOP today" } });
    const journal = h("div", { class: "journal-slot" });
    await showFromVault(
      host,
      // The program's day is read beside the rest; its failure (a program whose lift is
      // gone from the log) shows in its card instead of taking Today down.
      () => Promise.all([call(commands.trainingToday()), commands.programToday()]),
      ([today, program], view) => [
        h("div", { class: "today-grid" }, startSection(today), whoop),
        // A workout in progress is Resume's; the program's next day waits until it ends.
        today.in_progress ? null : programCard(program, today.unit, view.changed),
        journal,
        recentSection(today),
        volumeSection(today),
      ],
    );
    // The WHOOP and journal cards are other areas'; their failure must not take Today down.
    renderWhoopToday(whoop).catch(report);
    renderJournal(journal).catch(report);
  },
};
