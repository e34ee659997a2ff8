// The training part of Settings: the display unit field, importing a Strong, Hevy, FitNotes or
// Ironkeep JSON export (with progress, Cancel and a clear account of what happened), and
// exporting the log as JSON or Strong-style CSV. Files are chosen in native dialogs the
// app opens itself; this page never sees a path.

import {
  commands,
  type ImportFormat,
  type ImportProgress,
  type ImportRequest_Deserialize,
  type ImportSummary,
  type Unit,
} from "../bindings";
import { append, field, h } from "../lib/dom";
import { busy, call, CommandError, report, say } from "../lib/messages";
import { withProgress } from "../lib/progress";
import { mapColumns } from "./import-columns";
import { forgetExercises } from "./training-kit";

const FORMATS: readonly { value: ImportFormat; label: string }[] = [
  { value: "auto", label: "Detect from the file" },
  { value: "strong", label: "Strong (CSV)" },
  { value: "hevy", label: "Hevy (CSV)" },
  { value: "fitnotes", label: "FitNotes (CSV)" },
  { value: "json", label: "Ironkeep (JSON)" },
];

/** The unit weights are shown in; saved at once, then `saved` asks the vault again. */
export function unitSection(unit: Unit, saved: (text: string) => Promise<void>): HTMLElement {
  const select = h("select", { testid: "pref-unit" });
  for (const value of ["kg", "lb"] as const) {
    select.append(h("option", { attrs: { value, selected: value === unit } }, value === "kg" ? "Kilograms (kg)" : "Pounds (lb)"));
  }
  select.addEventListener("change", () => {
    busy([select], async () => {
      const chosen = select.value === "lb" ? "lb" : "kg";
      await call(commands.trainingSetUnit(chosen));
      await saved(`Weights now show in ${chosen}. What you logged stays exactly as you typed it.`);
    }).catch(report);
  });
  return field("Show weights in", select, "Each set keeps the unit it was typed in; this only changes how weights are shown.");
}

function showResult(target: HTMLElement, summary: ImportSummary): void {
  const fact = (term: string, value: number, testid: string): HTMLElement[] => [
    h("dt", {}, term),
    h("dd", { testid }, String(value)),
  ];
  target.replaceChildren();
  append(
    target,
    h(
      "h4",
      { testid: "import-headline" },
      summary.dry_run
        ? `Preview of the ${summary.format} file — nothing was written`
        : `Imported the ${summary.format} file`,
    ),
    h(
      "dl",
      { class: "facts" },
      ...fact(summary.dry_run ? "Sessions it would add" : "Sessions added", summary.sessions_added, "import-sessions"),
      ...fact(summary.dry_run ? "Sets it would add" : "Sets added", summary.sets_added, "import-sets"),
      ...fact("Sets already in the vault", summary.sets_already_present, "import-present"),
      ...(summary.sessions_already_present > 0
        ? fact("Sessions already in the vault", summary.sessions_already_present, "import-sessions-present")
        : []),
      ...(summary.routines_added > 0 ? fact("Routines added", summary.routines_added, "import-routines") : []),
      // Rows are a CSV notion: a JSON export has none to skip.
      ...(summary.format === "json"
        ? []
        : [
            ...fact("Other rows skipped (rest timers…)", summary.non_set_rows_skipped, "import-skipped"),
            ...fact("Empty sets skipped (planned, never filled in)", summary.empty_sets_skipped, "import-empty"),
            ...fact("Sessions whose end the file did not say", summary.sessions_end_unknown, "import-end-unknown"),
            ...fact("Bad rows skipped", summary.invalid_rows_skipped, "import-invalid"),
          ]),
    ),
    summary.exercises_created.length > 0
      ? h(
          "p",
          { testid: "import-new-exercises" },
          `New exercises to review in Exercises (give each a muscle group or merge it): ${summary.exercises_created.join(", ")}`,
        )
      : null,
    summary.problems.length > 0
      ? h(
          "details",
          { testid: "import-problems", attrs: { open: true } },
          h("summary", {}, `${String(summary.invalid_rows_skipped)} problem row(s), by kind`),
          h("ul", {}, ...summary.problems.map((p) => h("li", {}, p.summary))),
        )
      : null,
  );
}

function importSection(imported: () => Promise<void>): HTMLElement {
  const format = h("select", { testid: "import-format" });
  for (const { value, label } of FORMATS) format.append(h("option", { attrs: { value } }, label));
  const unit = h(
    "select",
    { testid: "import-unit" },
    h("option", { attrs: { value: "" } }, "As the file says"),
    h("option", { attrs: { value: "kg" } }, "kg"),
    h("option", { attrs: { value: "lb" } }, "lb"),
  );
  const dryRun = h("input", { attrs: { type: "checkbox" }, testid: "import-dry-run" });
  const skipInvalid = h("input", { attrs: { type: "checkbox" }, testid: "import-skip-invalid" });
  const start = h("button", { attrs: { type: "submit" }, class: "primary", testid: "import-start" }, "Choose a file and import…");
  const result = h("div", { class: "card import-result", testid: "import-result", attrs: { "aria-live": "polite" } });
  result.hidden = true;
  const form = h(
    "form",
    { class: "stack", attrs: { "aria-labelledby": "import-title" } },
    h("h3", { attrs: { id: "import-title" } }, "Import from another app"),
    h("div", { class: "row" }, field("Format", format), field("Weights without a unit are in", unit)),
    h("label", { class: "check" }, dryRun, " Preview only (write nothing)"),
    h("label", { class: "check" }, skipInvalid, " Skip rows that cannot be read (instead of refusing the file)"),
    start,
    result,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy([start], async () => {
      const chosenUnit = unit.value === "kg" || unit.value === "lb" ? unit.value : null;
      result.hidden = true;
      result.replaceChildren();
      const request: ImportRequest_Deserialize = {
        format: format.value as ImportFormat,
        unit: chosenUnit,
        dry_run: dryRun.checked,
        skip_invalid: skipInvalid.checked,
      };
      const finished = (summary: ImportSummary): void => {
        result.hidden = false;
        showResult(result, summary);
        forgetExercises();
        const done = summary.dry_run ? Promise.resolve() : imported();
        done
          .then(() => {
            result.scrollIntoView({ block: "nearest" });
            say(summary.dry_run ? "Preview ready: nothing was written." : "Import finished.");
          })
          .catch(report);
      };
      try {
        const summary = await withProgress<ImportSummary, ImportProgress>({
          title: "Importing",
          work: "import",
          start: (channel) => commands.trainingImport(request, channel),
          describe: (p) => ({
            fraction: p.rows_total > 0 ? p.rows_done / p.rows_total : null,
            label: `${String(p.rows_done)} of ${String(p.rows_total)} sets`,
          }),
        });
        finished(summary);
      } catch (problem) {
        if (problem instanceof CommandError && problem.error.code === "cancelled") {
          say(problem.error.message);
          return;
        }
        if (problem instanceof CommandError && problem.error.code === "columns_unknown") {
          // Not a dead end: the person says which column holds what.
          result.hidden = false;
          await mapColumns(result, request, finished);
          result.scrollIntoView({ block: "nearest" });
          return;
        }
        throw problem;
      }
    }).catch(report);
  });
  return form;
}

function exportSection(): HTMLElement {
  const outcome = h("p", { attrs: { role: "status" }, testid: "export-result" });
  const button = (format: "json" | "csv", label: string): HTMLButtonElement => {
    const node = h("button", { attrs: { type: "button" }, testid: `export-${format}` }, label);
    node.addEventListener("click", () => {
      busy([node], async () => {
        try {
          const receipt = await call(commands.trainingExport(format));
          outcome.textContent = `Saved ${receipt.file_name} (${receipt.bytes.toLocaleString()} bytes, readable only by you).`;
        } catch (problem) {
          if (problem instanceof CommandError && problem.error.code === "cancelled") {
            outcome.textContent = problem.error.message;
            return;
          }
          throw problem;
        }
      }).catch(report);
    });
    return node;
  };
  return h(
    "section",
    { class: "stack", attrs: { "aria-labelledby": "export-title" } },
    h("h3", { attrs: { id: "export-title" } }, "Export your training log"),
    h(
      "div",
      { class: "row" },
      button("json", "Export everything (JSON)…"),
      button("csv", "Export sets (Strong-style CSV)…"),
    ),
    outcome,
  );
}

/** Import and export into `container`; `imported` runs after an import wrote to the vault. */
export function renderTransfer(container: HTMLElement, imported: () => Promise<void>): void {
  container.replaceChildren(importSection(imported), exportSection());
}
