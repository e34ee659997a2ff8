// Exercises: the built-in catalog and the lifter's own lifts. Search, add a custom one,
// rename, archive (hide) or merge one into another (after a confirmation), and for each
// exercise its progress over time (estimated 1RM, top set, volume) and its records.
//
// The screen draws from its store (the vault's exercises, suggestions and the chosen
// exercise's records and progress) and asks the vault again after every change; only the
// search box and its matches, which the lifter is typing into, live outside it.

import {
  commands,
  type Equipment,
  type ExerciseKind,
  type ExerciseRecords_Serialize,
  type Muscle,
  type ProgressPoint_Serialize,
  type RepMax_Serialize,
  type Suggestion_Serialize,
  type Unit,
} from "../bindings";
import { drawChart, type Drawn } from "../lib/chart-load";
import { confirmDialog } from "../lib/confirm";
import { field, h, type Child } from "../lib/dom";
import { busy, call, report } from "../lib/messages";
import { navigate, type Screen } from "../lib/router";
import { showFromVault, type VaultView } from "../lib/store";
import { recordsTable, repMaxTable } from "./exercise-records";
import { loadSuggestions, suggestionsCard } from "./exercise-suggestions";
import { forgetExercises, kgIn, showKg, type Exercise } from "./training-kit";

const KINDS: readonly ExerciseKind[] = ["weight_reps", "bodyweight", "timed", "cardio"];
const MUSCLES: readonly Muscle[] = [
  "chest",
  "back",
  "shoulders",
  "biceps",
  "triceps",
  "forearms",
  "quads",
  "hamstrings",
  "glutes",
  "calves",
  "core",
  "full_body",
  "cardio",
];
const EQUIPMENT: readonly Equipment[] = ["barbell", "dumbbell", "machine", "cable", "bodyweight", "kettlebell", "band", "other"];

/** A kind, muscle group or equipment as people write it: "Weight and reps", "Full body". */
const LABELS: Record<string, string> = { weight_reps: "Weight and reps", full_body: "Full body" };
const words = (text: string): string => LABELS[text] ?? text.charAt(0).toUpperCase() + text.slice(1);

let chart: Drawn | null = null;

/** The progress chart's ranges, in days (null: everything); the choice is kept. */
const RANGES: readonly (readonly [string, number | null])[] = [
  ["3 months", 92],
  ["1 year", 366],
  ["All", null],
];
let range: number | null = 366;

/** The search and its archived switch, kept while the lifter opens an exercise and comes back. */
const remembered = { query: "", archived: false };

/** What the "•" beside an exercise means. */
const REVIEW = "Imported with a name the catalog did not know: choose its muscle group or merge it into a catalog lift.";

function options(select: HTMLSelectElement, values: readonly string[]): HTMLSelectElement {
  for (const value of values) select.append(h("option", { attrs: { value } }, words(value)));
  return select;
}

function addForm(): HTMLElement {
  const name = h("input", { attrs: { type: "text", required: true, maxlength: 80 }, testid: "exercise-new-name" });
  const kind = options(h("select", { testid: "exercise-new-kind" }), KINDS);
  const muscle = options(h("select", { testid: "exercise-new-muscle" }), MUSCLES);
  const equipment = options(h("select", { testid: "exercise-new-equipment" }), EQUIPMENT);
  const add = h("button", { attrs: { type: "submit" }, testid: "exercise-add" }, "Add exercise");
  const form = h(
    "form",
    { class: "row add-exercise-form", attrs: { "aria-label": "Add a custom exercise" } },
    field("New exercise", name),
    field("Kind", kind),
    field("Muscle group", muscle),
    field("Equipment", equipment),
    add,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy([add], async () => {
      const created = await call(
        commands.exerciseAdd({
          name: name.value,
          kind: kind.value as ExerciseKind,
          muscle: muscle.value as Muscle,
          equipment: equipment.value as Equipment,
        }),
      );
      forgetExercises();
      navigate("exercises", { id: String(created.id) }, `Added “${created.name}”.`);
    }).catch(report);
  });
  return form;
}

async function progressChart(
  container: HTMLElement,
  points: ProgressPoint_Serialize[],
  unit: Unit,
  name: string,
  bodyweight: boolean,
): Promise<void> {
  chart?.destroy();
  chart = null;
  if (points.length === 0) {
    container.replaceChildren(h("p", { class: "hint" }, "No sets logged for this exercise yet."));
    return;
  }
  const scale = (kg: number | null): number | null => (kg === null ? null : Math.round(kgIn(kg, unit) * 10) / 10);
  const best = points.reduce((top, p) => Math.max(top, p.best_e1rm_kg ?? 0), 0);
  const x = points.map((p) => Math.floor(new Date(p.at).getTime() / 1000));
  if (bodyweight) {
    // A bodyweight lift is charted by its reps, and by its load (body weight then plus
    // added weight) once a body weight is logged: never as a flat 0 kg line.
    const mostReps = points.reduce((top, p) => Math.max(top, p.top_reps ?? 0), 0);
    const loaded = points.some((p) => p.top_weight_kg !== null);
    chart = await drawChart(container, {
      x,
      series: [
        { label: "Most reps in a set", values: points.map((p) => p.top_reps) },
        ...(loaded ? [{ label: `Load: body weight + added (${unit})`, values: points.map((p) => scale(p.top_weight_kg)), scale: "y2" as const }] : []),
      ],
      yLabel: "reps",
      ...(loaded ? { y2Label: unit } : {}),
      summary: `${name}: ${String(points.length)} sessions; most reps in a set ${String(mostReps)}.`,
      testid: "exercise-progress",
    });
    return;
  }
  chart = await drawChart(container, {
    x,
    // Volume first, so its bars are drawn under the lines.
    series: [
      { label: `Volume (${unit} × reps)`, values: points.map((p) => scale(p.volume_kg)), bars: true, scale: "y2", color: "--series-3" },
      { label: `Estimated 1RM (${unit})`, values: points.map((p) => scale(p.best_e1rm_kg)), color: "--series-1" },
      { label: `Top set (${unit})`, values: points.map((p) => scale(p.top_weight_kg)), color: "--series-2" },
    ],
    yLabel: unit,
    y2Label: "volume",
    summary: `${name}: ${String(points.length)} sessions; best estimated one-rep max ${showKg(best, unit)}.`,
    testid: "exercise-progress",
  });
}

/** The chosen exercise, with its records and progress, as the vault answered. */
interface Detail {
  exercise: Exercise;
  records: ExerciseRecords_Serialize;
  maxes: RepMax_Serialize[];
  points: ProgressPoint_Serialize[];
}

/** What the Exercises screen shows, as the vault answered. */
interface ExercisesState {
  all: Exercise[];
  unit: Unit;
  suggestions: Suggestion_Serialize[];
  detail: Detail | null;
}

type View = VaultView<ExercisesState>;

async function load(selected: number): Promise<ExercisesState> {
  const [all, { unit }, suggestions] = await Promise.all([
    call(commands.exerciseList(true)),
    call(commands.trainingPrefs()),
    loadSuggestions(),
  ]);
  const exercise = all.find((e) => e.id === selected);
  if (!exercise) return { all, unit, suggestions, detail: null };
  const [records, maxes, points] = await Promise.all([
    call(commands.exerciseRecords(exercise.id)),
    call(commands.exerciseRepMaxes(exercise.id)),
    call(commands.exerciseProgress(exercise.id)),
  ]);
  return { all, unit, suggestions, detail: { exercise, records, maxes, points } };
}

function detailPanel(state: ExercisesState, detail: Detail, view: View): Child[] {
  const { exercise, records, maxes, points } = detail;
  const { unit } = state;
  const all = state.all.filter((e) => !e.archived && e.merged_into === null);
  const bodyweight = exercise.kind === "bodyweight";
  const rename = h("input", { attrs: { type: "text", maxlength: 80 }, testid: "exercise-rename-input" });
  rename.value = exercise.name;
  const renameButton = h("button", { attrs: { type: "submit" } }, "Rename");
  const renameForm = h("form", { class: "row", attrs: { "aria-label": "Rename" } }, field("Name", rename), renameButton);
  renameForm.addEventListener("submit", (event) => {
    event.preventDefault();
    busy([renameButton], async () => {
      await call(commands.exerciseRename(exercise.id, rename.value));
      forgetExercises();
      await view.changed("Renamed.");
    }).catch(report);
  });
  const muscle = h("select", { testid: "exercise-muscle" });
  if (exercise.muscle === null) muscle.append(h("option", { attrs: { value: "", selected: true } }, "Choose…"));
  for (const value of MUSCLES) {
    muscle.append(h("option", { attrs: { value, selected: value === exercise.muscle } }, words(value)));
  }
  muscle.addEventListener("change", () => {
    if (muscle.value === "") return;
    busy([muscle], async () => {
      await call(commands.exerciseSetMuscle(exercise.id, muscle.value as Muscle));
      forgetExercises();
      await view.changed("Muscle group saved; its volume now counts there.");
    }).catch(report);
  });
  const archive = h("button", { attrs: { type: "button" }, testid: "exercise-archive" }, exercise.archived ? "Unarchive" : "Archive");
  archive.addEventListener("click", () => {
    busy([archive], async () => {
      await call(commands.exerciseArchive(exercise.id, !exercise.archived));
      forgetExercises();
      await view.changed(exercise.archived ? "Back in the list." : "Archived: hidden from pickers, its history stays.");
    }).catch(report);
  });
  const into = h("select", { testid: "exercise-merge-into" }, h("option", { attrs: { value: "" } }, "Choose…"));
  for (const other of all) {
    if (other.id !== exercise.id) into.append(h("option", { attrs: { value: String(other.id) } }, other.name));
  }
  const merge = h("button", { attrs: { type: "submit" }, class: "danger" }, "Merge");
  const mergeForm = h("form", { class: "row", attrs: { "aria-label": "Merge into another exercise" } }, field("Merge into", into), merge);
  mergeForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const target = all.find((other) => String(other.id) === into.value);
    if (!target) return;
    (async () => {
      const sure = await confirmDialog({
        title: `Merge “${exercise.name}” into “${target.name}”?`,
        body: [
          `Every set and routine entry of “${exercise.name}” moves to “${target.name}”; the old name is kept as an alias for later imports. This cannot be undone.`,
        ],
        confirm: "Merge",
        keep: "Keep them apart",
        testid: "merge-exercise",
      });
      if (!sure) return;
      const moved = await call(commands.exerciseMerge(exercise.id, target.id));
      forgetExercises();
      navigate("exercises", { id: String(target.id) }, `Merged: ${String(moved)} set(s) moved.`);
    })().catch(report);
  });
  const chartHost = h("div", { class: "chart-host" });
  const ranges = h("div", { class: "chart-ranges", attrs: { role: "group", "aria-label": "Chart range" }, testid: "chart-ranges" });
  const drawRange = async (days: number | null): Promise<void> => {
    for (const button of ranges.querySelectorAll("button")) button.setAttribute("aria-pressed", String(button.dataset.days === String(days)));
    const since = days === null ? 0 : Date.now() - days * 86_400_000;
    const shown = points.filter((p) => new Date(p.at).getTime() >= since);
    if (shown.length === 0 && points.length > 0) {
      chart?.destroy();
      chart = null;
      chartHost.replaceChildren(h("p", { class: "hint" }, "No sessions in this range; choose a longer one."));
      return;
    }
    await progressChart(chartHost, shown, unit, exercise.name, bodyweight);
  };
  for (const [label, days] of RANGES) {
    const button = h("button", { attrs: { type: "button", "data-days": String(days) }, class: "quiet", testid: "chart-range" }, label);
    button.addEventListener("click", () => {
      range = days;
      drawRange(days).catch(report);
    });
    ranges.append(button);
  }
  // The chart is drawn once its host is in the page (uPlot measures it).
  queueMicrotask(() => {
    if (chartHost.isConnected) drawRange(range).catch(report);
  });
  return [
    h("h3", { testid: "exercise-title" }, exercise.name),
    h(
      "p",
      { class: "hint" },
      `${words(exercise.kind)} · ${exercise.muscle ? words(exercise.muscle) : "No muscle group yet"} · ${words(exercise.equipment)}${exercise.builtin ? " · From the catalog" : " · Your own"}${exercise.needs_review ? " · Imported, needs review" : ""}`,
    ),
    points.length > 0 ? ranges : "",
    chartHost,
    recordsTable(records, unit, bodyweight) ?? "",
    repMaxTable(maxes, unit, bodyweight),
    h(
      "div",
      { class: "stack manage" },
      renameForm,
      field("Muscle group", muscle, "Weekly volume on Today counts the work per muscle group."),
      h("div", { class: "row" }, archive),
      mergeForm,
    ),
  ];
}

/** The search box and its matches: what the lifter types, answered by the vault. */
function searchColumn(selected: number): { column: HTMLElement; search: () => Promise<void> } {
  const search = h("input", { attrs: { type: "search", "aria-label": "Search exercises", placeholder: "Search" }, testid: "exercise-search" });
  search.value = remembered.query;
  const showArchived = h("input", { attrs: { type: "checkbox" } });
  showArchived.checked = remembered.archived;
  const list = h("ul", { class: "exercise-list", testid: "exercise-list" });
  const link = (e: Exercise): HTMLElement =>
    h(
      "li",
      {},
      h(
        "a",
        {
          attrs: { href: `#/exercises?id=${String(e.id)}`, "aria-current": e.id === selected ? "true" : false },
          testid: "exercise-link",
        },
        e.name,
        e.archived ? " (archived)" : "",
        e.needs_review ? h("span", { class: "review-mark", attrs: { title: REVIEW } }, " •") : null,
      ),
    );
  // The vault ranks the matches (exact name, your lifts and the staples, then the rest);
  // the query is kept for when the lifter comes back from an exercise.
  let asked = 0;
  const draw = async (): Promise<void> => {
    remembered.query = search.value;
    remembered.archived = showArchived.checked;
    const mine = ++asked;
    const found = await call(commands.exerciseSearch(search.value, showArchived.checked, 300));
    if (mine !== asked) return;
    list.replaceChildren(...found.map(link));
    list.dataset.query = search.value;
  };
  search.addEventListener("input", () => {
    draw().catch(report);
  });
  showArchived.addEventListener("change", () => {
    draw().catch(report);
  });
  return { column: h("div", { class: "stack" }, search, h("label", { class: "check" }, showArchived, " Show archived"), list), search: draw };
}

export const exercisesScreen: Screen = {
  id: "exercises",
  title: "Exercises",
  async render(host, params) {
    const selected = Number(params.get("id") ?? "0");
    // The search keeps what the lifter typed while the rest redraws from the vault; its
    // matches are asked again with every answer (a rename shows in them too).
    const { column, search } = searchColumn(selected);
    const form = addForm();
    await search();
    let drawn = false;
    await showFromVault(host, () => load(selected), (state, view) => {
      const anyReview = state.all.some((e) => e.needs_review && !e.archived);
      const legend = column.querySelector("[data-testid=review-legend]");
      legend?.remove();
      if (anyReview) column.append(h("p", { class: "hint", testid: "review-legend" }, h("span", { class: "review-mark" }, "•"), ` ${REVIEW}`));
      if (drawn) search().catch(report);
      drawn = true;
      return [
        form,
        suggestionsCard(state.suggestions, view.changed),
        h(
          "div",
          { class: "exercise-layout" },
          column,
          h(
            "section",
            { class: "exercise-detail", attrs: { "aria-label": "Exercise" } },
            ...(state.detail
              ? detailPanel(state, state.detail, view)
              : [h("p", { class: "hint" }, "Choose an exercise to see its progress and records.")]),
          ),
        ),
      ];
    });
  },
  leave() {
    chart?.destroy();
    chart = null;
  },
};
