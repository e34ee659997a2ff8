// The mapping step of an import whose columns Ironkeep did not understand: each column of
// the file with its first values and what it will be read as (the guesses from its values
// first), a choice per column, a fresh preview after every choice, and the import with
// the person's map. The file itself stays in the app (the window never sees its path).

import {
  commands,
  type ColumnMap,
  type ImportProgress,
  type ImportRequest_Deserialize,
  type ImportSummary,
  type Preview_Serialize,
} from "../bindings";
import { h } from "../lib/dom";
import { busy, call, report } from "../lib/messages";
import { withProgress } from "../lib/progress";

/** The fields a column can hold, as the core names them, with words for people. */
const FIELDS: readonly { field: string; label: string }[] = [
  { field: "", label: "Not used" },
  { field: "date", label: "Date (and time)" },
  { field: "end", label: "End time" },
  { field: "workout", label: "Workout name" },
  { field: "workout_notes", label: "Workout notes" },
  { field: "duration", label: "Workout duration" },
  { field: "exercise", label: "Exercise name" },
  { field: "set_order", label: "Set number (W, D, F…)" },
  { field: "set_type", label: "Set type (warm-up, drop…)" },
  { field: "weight", label: "Weight" },
  { field: "weight_kg", label: "Weight in kg" },
  { field: "weight_lb", label: "Weight in lb" },
  { field: "weight_unit", label: "Weight unit" },
  { field: "reps", label: "Reps" },
  { field: "rpe", label: "RPE" },
  { field: "distance", label: "Distance" },
  { field: "distance_m", label: "Distance in m" },
  { field: "distance_km", label: "Distance in km" },
  { field: "distance_mi", label: "Distance in miles" },
  { field: "distance_unit", label: "Distance unit" },
  { field: "seconds", label: "Time (seconds)" },
  { field: "notes", label: "Set notes" },
  { field: "superset", label: "Superset" },
];

/** Shows the mapping step in `host`; `done` gets the import's summary. */
export async function mapColumns(
  host: HTMLElement,
  request: ImportRequest_Deserialize,
  done: (summary: ImportSummary) => void,
): Promise<void> {
  // Every column the person set, by its 1-based number (headers may repeat or be empty).
  const chosen = new Map<number, string>();
  const map = (): ColumnMap =>
    [...chosen].map(([number, field]) => ({ column: String(number), field: field === "" ? "ignore" : field }));
  const table = h("table", { class: "data column-map", testid: "import-columns" });
  const problem = h("p", { class: "row-error", testid: "import-columns-error", attrs: { role: "alert" } });
  const go = h("button", { attrs: { type: "button" }, class: "primary", testid: "import-mapped" }, "Import with these columns");

  const draw = (preview: Preview_Serialize): void => {
    const rows = preview.columns.map((column, index) => {
      const select = h("select", { attrs: { "aria-label": `What column “${column.header}” holds` }, testid: "import-column-field" });
      for (const { field, label } of FIELDS) {
        select.append(h("option", { attrs: { value: field, selected: field === (column.field ?? "") } }, label));
      }
      select.addEventListener("change", () => {
        chosen.set(index + 1, select.value);
        refresh().catch(report);
      });
      return h(
        "tr",
        { testid: "import-column" },
        h("th", { attrs: { scope: "row" } }, column.header || `Column ${String(index + 1)}`),
        h("td", {}, select, column.guessed ? h("span", { class: "hint" }, " guessed") : null),
        h("td", { class: "hint" }, column.values.filter((v) => v !== "").slice(0, 3).join(" · ")),
      );
    });
    table.replaceChildren(
      h("thead", {}, h("tr", {}, ...["Column", "Holds", "First values"].map((t) => h("th", { attrs: { scope: "col" } }, t)))),
      h("tbody", {}, ...rows),
    );
  };
  const refresh = async (): Promise<void> => {
    problem.textContent = "";
    try {
      draw(await call(commands.trainingImportPreview(map())));
    } catch (error) {
      problem.textContent = error instanceof Error ? error.message : "The columns could not be read.";
    }
  };

  go.addEventListener("click", () => {
    problem.textContent = "";
    busy([go], async () => {
      const summary = await withProgress<ImportSummary, ImportProgress>({
        title: "Importing",
        work: "import",
        start: (channel) => commands.trainingImportMapped(request, map(), channel),
        describe: (p) => ({
          fraction: p.rows_total > 0 ? p.rows_done / p.rows_total : null,
          label: `${String(p.rows_done)} of ${String(p.rows_total)} sets`,
        }),
      });
      done(summary);
    }).catch((error: unknown) => {
      const text = error instanceof Error ? error.message : "The import failed.";
      problem.textContent = text.charAt(0).toUpperCase() + text.slice(1);
    });
  });

  host.replaceChildren(
    h("h4", { testid: "import-columns-title" }, "Which column holds what?"),
    h(
      "p",
      { class: "hint" },
      "Ironkeep did not recognise all of this file's columns. Each column is shown with its first values and what it will be read as; change any that is wrong, then import.",
    ),
    table,
    problem,
    go,
  );
  await refresh();
}
