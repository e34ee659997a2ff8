// The lifter's programs panel under Today's program card: open a program file (a coach's
// age file, decrypted with this vault's kits or a kit file, or a JSON program), shown
// with its stated author marked "not verified" before and after import; copy a program
// under a new name; and edit one: its name, what each lift's rule adds and the heaviest
// weight to prescribe (in the lifter's unit), or its whole JSON document, which the core
// checks, every problem listed beside the text. The core decides; this only asks.

import {
  commands,
  type IpcError,
  type LiftMaximum_Deserialize as LiftMaximum,
  type ProgramChoice_Serialize as ProgramChoice,
  type ProgramEditor_Serialize as ProgramEditor,
  type ProgramPreview_Serialize as ProgramPreview,
  type TrainingMax_Deserialize as TrainingMax,
  type Unit,
} from "../bindings";
import { field, h } from "../lib/dom";
import { busy, call, CommandError, report, say } from "../lib/messages";
import { parseWeight, showWeight } from "./training-kit";

/** "1 lift", "4 lifts". */
function counted(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? "" : "s"}`;
}

/** A typed weight as the input shows it: the number only, in `unit`. */
function typed(weight: { milli: number; unit: Unit } | null, unit: Unit): string {
  return weight ? showWeight(weight, unit).replace(` ${unit}`, "") : "";
}

/** The editor of one of the lifter's programs: the form, and the JSON with its problems. */
function editorView(editor: ProgramEditor, unit: Unit, changed: (text: string) => Promise<void>): HTMLElement {
  const name = h("input", { attrs: { autocomplete: "off", value: editor.name }, testid: "program-edit-name" });
  const rows = editor.lifts.map((lift) => {
    const increment = h("input", {
      attrs: { inputmode: "decimal", autocomplete: "off", value: typed(lift.increment, unit), "aria-label": `${lift.exercise}: adds (${unit})` },
      testid: `program-edit-increment-${lift.id}`,
    });
    const maximum = h("input", {
      attrs: { inputmode: "decimal", autocomplete: "off", value: typed(lift.maximum, unit), "aria-label": `${lift.exercise}: maximum (${unit})` },
      testid: `program-edit-maximum-${lift.id}`,
    });
    // A trained program's rules stay (its runs replay them); its maximums are the
    // exercises' and can still change.
    increment.disabled = editor.trained;
    return { lift, increment, maximum, was: { increment: increment.value, maximum: maximum.value } };
  });
  const save = h("button", { attrs: { type: "submit" }, class: "primary", testid: "program-edit-save" }, "Save");
  const form = h(
    "form",
    { class: "program-edit", testid: "program-edit", attrs: { "aria-label": `Edit ${editor.name}` } },
    field("Name", name),
    editor.trained ? h("p", { class: "hint" }, "You have trained this program: its lifts, rules and days stay as they were (copy it to change them).") : null,
    h(
      "table",
      { class: "program-edit-lifts" },
      h("thead", {}, h("tr", {}, h("th", {}, "Lift"), h("th", {}, `Adds (${unit})`), h("th", {}, `Maximum (${unit})`))),
      h(
        "tbody",
        {},
        ...rows.map(({ lift, increment, maximum }) => h("tr", {}, h("th", { attrs: { scope: "row" } }, lift.exercise), h("td", {}, increment), h("td", {}, maximum))),
      ),
    ),
    save,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const increments: TrainingMax[] = [];
    const maximums: LiftMaximum[] = [];
    // Only what the lifter changed is sent, so a weight shown in the other unit is never
    // saved back converted.
    for (const { lift, increment, maximum, was } of rows) {
      const add = parseWeight(increment.value, unit);
      const max = parseWeight(maximum.value, unit);
      for (const [input, value] of [[increment, add], [maximum, max]] as const) {
        input.setCustomValidity(value === undefined ? `${lift.exercise}: type a weight such as 2.5.` : "");
      }
      if (add === undefined || max === undefined) {
        form.reportValidity();
        return;
      }
      if (add !== null && increment.value !== was.increment) increments.push({ lift: lift.id, weight: add });
      if (maximum.value !== was.maximum) maximums.push({ lift: lift.id, maximum: max });
    }
    busy([save], async () => {
      const saved = await call(commands.programEdit(editor.name, { name: name.value, increments, maximums }));
      view.replaceWith(editorView(saved, unit, changed));
      await changed(`Saved ${saved.name}.`);
    }).catch(report);
  });

  const json = h("textarea", { attrs: { rows: 14, spellcheck: "false", "aria-label": `${editor.name} as JSON` }, testid: "program-json" });
  json.value = editor.document;
  const problems = h("pre", { class: "error program-problems", testid: "program-json-problems", attrs: { "aria-live": "polite" } });
  problems.hidden = true;
  const saveJson = h("button", { attrs: { type: "button" }, testid: "program-json-save" }, "Save JSON");
  saveJson.addEventListener("click", () => {
    busy([saveJson], async () => {
      try {
        const saved = await call(commands.programSaveDocument(editor.name, json.value));
        view.replaceWith(editorView(saved, unit, changed));
        await changed(`Saved ${saved.name}.`);
      } catch (problem) {
        if (!(problem instanceof CommandError)) throw problem;
        problems.textContent = problem.error.message;
        problems.hidden = false;
      }
    }).catch(report);
  });
  const view = h(
    "div",
    { class: "program-editor", testid: "program-editor", attrs: { "data-program": editor.name } },
    h("h4", {}, `Editing ${editor.name}`, editor.author ? h("span", { class: "hint" }, ` by ${editor.author}`) : null),
    form,
    h(
      "details",
      { class: "program-json" },
      h("summary", { testid: "program-json-open" }, "Edit as JSON (docs/programs.md)"),
      h("div", { class: "program-json-body" }, json, problems),
      saveJson,
    ),
  );
  return view;
}

/** A program file opened and checked: what it is and who it says wrote it, and Import. */
function previewView(preview: ProgramPreview, unit: Unit, opened: (editor: ProgramEditor) => Promise<void>): HTMLElement {
  const take = h("button", { attrs: { type: "button" }, class: "primary", testid: "program-file-import" }, `Import ${preview.name}`);
  take.addEventListener("click", () => {
    busy([take], async () => {
      await opened(await call(commands.programImport(preview.document, preview.sealed)));
    }).catch(report);
  });
  return h(
    "div",
    { class: "program-preview", testid: "program-preview" },
    h("h4", {}, preview.name),
    h("p", { testid: "program-preview-author" }, preview.author ? `By ${preview.author}.` : "No author stated."),
    h("p", { class: "hint" }, preview.sealed ? "Encryption says only that this file was sealed to you, not who sent it: check with the sender." : "A file does not say who wrote it."),
    preview.description ? h("p", { class: "hint" }, preview.description) : null,
    h("p", {}, `${counted(preview.lifts.length, "lift")}: ${preview.lifts.map((l) => l.exercise).join(", ")}; ${counted(preview.days, "day")} a cycle. Weights in ${unit}.`),
    take,
  );
}

/** The panel of this visit to Today (its `changed` is the visit's), kept across redraws. */
let kept: { unit: Unit; changed: (text: string) => Promise<void>; node: HTMLElement } | undefined;

/**
 * The "Your programs" panel: open a file, copy a program, edit one. Within one visit to
 * Today (one `changed`) the same panel is given back, so Today can draw the weights an
 * edit changed without closing the editor the lifter is in.
 */
export function programsPanel(unit: Unit, changed: (text: string) => Promise<void>): HTMLElement {
  if (kept?.unit === unit && kept.changed === changed) return kept.node;
  const node = newPanel(unit, changed);
  kept = { unit, changed, node };
  return node;
}

function newPanel(unit: Unit, changed: (text: string) => Promise<void>): HTMLElement {
  const body = h("div", { class: "program-panel-body" });
  const show = (node: HTMLElement): void => {
    body.replaceChildren(node);
    node.querySelector<HTMLElement>("input, button")?.focus();
  };
  const edit = async (editor: ProgramEditor): Promise<void> => {
    show(editorView(editor, unit, changed));
    await changed(`${editor.name} is in your programs.`);
  };

  const openFile = h("button", { attrs: { type: "button" }, testid: "program-file-open" }, "Open a program file…");
  const withKit = h("button", { attrs: { type: "button" }, testid: "program-file-kit" }, "Open with a kit file…");
  const open = (button: HTMLButtonElement, unlock: "vault" | "kit_file"): void => {
    button.addEventListener("click", () => {
      busy([openFile, withKit], async () => {
        const preview = await call(commands.programOpenFile(unlock));
        show(previewView(preview, unit, edit));
      }).catch(report);
    });
  };
  open(openFile, "vault");
  open(withKit, "kit_file");

  const from = h("select", { testid: "program-copy-from" });
  const copyName = h("input", { attrs: { autocomplete: "off" }, testid: "program-copy-name" });
  const copy = h("button", { attrs: { type: "submit" }, testid: "program-copy" }, "Copy");
  const copyForm = h("form", { class: "program-copy", attrs: { "aria-label": "Copy a program" } }, field("Copy", from), field("as", copyName), copy);
  copyForm.addEventListener("submit", (event) => {
    event.preventDefault();
    busy([copy], async () => {
      show(editorView(await call(commands.programCopy(from.value, copyName.value)), unit, changed));
      say(`Copied ${from.value} as ${copyName.value}.`);
    }).catch(report);
  });
  const editWhich = h("select", { testid: "program-edit-which", attrs: { "aria-label": "Program to edit" } });
  const editOpen = h("button", { attrs: { type: "button" }, testid: "program-edit-open" }, "Edit");
  editWhich.hidden = true;
  editOpen.hidden = true;
  editOpen.addEventListener("click", () => {
    busy([editOpen], async () => {
      show(editorView(await call(commands.programEditor(editWhich.value)), unit, changed));
    }).catch(report);
  });

  const fill = (choices: ProgramChoice[]): void => {
    from.replaceChildren(...choices.map((c) => h("option", { attrs: { value: c.name } }, c.name)));
    const mine = choices.filter((c) => c.mine);
    editWhich.replaceChildren(...mine.map((c) => h("option", { attrs: { value: c.name } }, c.name)));
    editWhich.hidden = mine.length === 0;
    editOpen.hidden = mine.length === 0;
  };
  const panel = h(
    "details",
    { class: "program-panel", testid: "program-panel" },
    h("summary", { testid: "program-panel-open" }, "Your programs: open a file, copy, edit"),
    h("div", { class: "program-panel-tools" }, h("p", {}, openFile, " ", withKit), copyForm, h("p", {}, editWhich, " ", editOpen)),
    body,
  );
  panel.addEventListener("toggle", () => {
    if (!panel.open) return;
    commands
      .programList()
      .then((answer: { status: "ok"; data: ProgramChoice[] } | { status: "error"; error: IpcError }) => {
        if (answer.status === "ok") fill(answer.data);
        else report(new CommandError(answer.error));
      })
      .catch(report);
  });
  return panel;
}
