// Today's program card: the running program's next day with its weights in the lifter's
// unit and a Start button that opens the logger pre-filled from it, and a Steer section to
// set a training max by hand, skip the day or stop the program; with no program running,
// a short line and a picker (the built-ins and the lifter's own, each with a form for its
// training maxes). Both end with the programs panel (program-panel.ts). The core decides
// every weight; this only shows them.

import {
  commands,
  type IpcError,
  type PlannedSet_Serialize as PlannedSet,
  type ProgramChoice_Serialize as ProgramChoice,
  type ProgramToday_Serialize as ProgramToday,
  type TrainingMax_Deserialize as TrainingMax,
  type Unit,
} from "../bindings";
import { field, h } from "../lib/dom";
import { programsPanel } from "./program-panel";
import { busy, call, report } from "../lib/messages";
import { navigate } from "../lib/router";
import { parseWeight, showWeight } from "./training-kit";

/** "65 kg × 5, 75 kg × 5, 85 kg × 5+", equal neighbours folded ("3 × 5 at 60 kg"). */
export function describeSets(sets: readonly PlannedSet[], unit: Unit): string {
  const same = sets.every((s) => s.reps === sets[0]?.reps && s.amrap === sets[0].amrap && s.weight.milli === sets[0].weight.milli);
  const first = sets[0];
  if (first && same && sets.length > 1) {
    return `${String(sets.length)} × ${String(first.reps)}${first.amrap ? "+" : ""} at ${showWeight(first.weight, unit)}`;
  }
  return sets.map((s) => `${showWeight(s.weight, unit)} × ${String(s.reps)}${s.amrap ? "+" : ""}`).join(", ");
}

/** Set a training max by hand, skip the day, stop the program. */
function steer(today: ProgramToday, unit: Unit, changed: (text: string) => Promise<void>): HTMLElement {
  const lifts = today.plan.exercises
    .map((exercise, i) => ({ exercise, name: today.names[i] ?? exercise.exercise }))
    .filter(({ exercise }, i, all) => all.findIndex((other) => other.exercise.lift === exercise.lift) === i);
  const forms = lifts.map(({ exercise, name }) => {
    const input = h("input", {
      attrs: { inputmode: "decimal", autocomplete: "off", "aria-label": `${name}: training max (${unit})` },
      testid: `program-set-tm-${exercise.lift}`,
    });
    const set = h("button", { attrs: { type: "submit" }, testid: `program-set-tm-save-${exercise.lift}` }, "Set");
    const form = h(
      "form",
      { class: "program-set-tm" },
      h("span", {}, `${name}: training max ${showWeight(exercise.training_max, unit)} → `),
      input,
      ` ${unit} `,
      set,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const weight = parseWeight(input.value, unit);
      input.setCustomValidity(weight ? "" : `${name}: type a training max such as 100 or 102.5.`);
      if (!weight) {
        input.reportValidity();
        return;
      }
      busy([set], async () => {
        await call(commands.programSetTrainingMax({ lift: exercise.lift, weight }));
        await changed(`Training max of ${name} set to ${showWeight(weight, unit)}.`);
      }).catch(report);
    });
    return form;
  });
  const skip = h("button", { attrs: { type: "button" }, testid: "program-skip" }, `Skip ${today.plan.name}`);
  skip.addEventListener("click", () => {
    busy([skip], async () => {
      await call(commands.programSkip());
      await changed(`Skipped ${today.plan.name}.`);
    }).catch(report);
  });
  const stop = h("button", { attrs: { type: "button" }, testid: "program-stop" }, `Stop ${today.program}…`);
  const sure = h("button", { attrs: { type: "button" }, class: "danger", testid: "program-stop-confirm" }, `Yes, stop ${today.program}`);
  sure.hidden = true;
  stop.addEventListener("click", () => {
    sure.hidden = false;
    sure.focus();
  });
  sure.addEventListener("click", () => {
    busy([stop, sure], async () => {
      const name = await call(commands.programStop());
      await changed(`Stopped ${name}; its sessions stay in your log.`);
    }).catch(report);
  });
  return h(
    "details",
    { class: "program-steer", testid: "program-steer" },
    h("summary", { testid: "program-steer-open" }, "Steer: training maxes, skip, stop"),
    h("p", { class: "hint" }, "A training max set here counts from now on; your earlier sessions keep theirs."),
    ...forms,
    h("p", { class: "program-steer-actions" }, skip, " ", stop, " ", sure),
  );
}

function dayCard(today: ProgramToday, unit: Unit, changed: (text: string) => Promise<void>): HTMLElement {
  const { plan } = today;
  const start = h("button", { attrs: { type: "button" }, class: "primary", testid: "program-start-session" }, `Start ${plan.name}`);
  start.addEventListener("click", () => {
    busy([start], async () => {
      await call(commands.programStartSession());
      navigate("workout");
    }).catch(report);
  });
  return h(
    "section",
    { class: "card program-today", testid: "program-today", attrs: { "aria-labelledby": "today-program" } },
    h("h3", { attrs: { id: "today-program" } }, `Program: ${today.program} — Week ${String(plan.week)}, Day ${String(plan.day)}`),
    h("p", { class: "hint" }, plan.cycle > 1 ? `${plan.name} · cycle ${String(plan.cycle)}` : plan.name),
    h(
      "ul",
      { class: "program-lifts" },
      ...plan.exercises.map((exercise, i) =>
        h(
          "li",
          { testid: "program-lift" },
          h("strong", {}, today.names[i] ?? exercise.exercise),
          `: ${describeSets(exercise.sets, unit)}`,
          exercise.warmups.length > 0 ? h("span", { class: "hint" }, ` (${String(exercise.warmups.length)} warm-ups first)`) : null,
        ),
      ),
    ),
    start,
    steer(today, unit, changed),
    programsPanel(unit, changed),
  );
}

function maxesForm(choice: ProgramChoice, unit: Unit, changed: (text: string) => Promise<void>): HTMLElement {
  const inputs = choice.lifts.map((lift) => {
    const input = h("input", { attrs: { inputmode: "decimal", autocomplete: "off" }, testid: `program-tm-${lift.id}` });
    return { lift, input };
  });
  const go = h("button", { attrs: { type: "submit" }, class: "primary", testid: "program-begin" }, `Start ${choice.name}`);
  const form = h(
    "form",
    { class: "program-maxes", testid: "program-maxes", attrs: { "aria-label": `Training maxes for ${choice.name}` } },
    h("p", { class: "hint" }, `Training maxes in ${unit}. Leave one blank to start it from your best estimated one-rep max in the log.`),
    ...inputs.map(({ lift, input }) => field(lift.exercise, input)),
    go,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const maxes: TrainingMax[] = [];
    for (const { lift, input } of inputs) {
      const weight = parseWeight(input.value, unit);
      if (weight === undefined) {
        input.setCustomValidity(`${lift.exercise}: type a weight such as 100 or 102.5.`);
        input.reportValidity();
        return;
      }
      input.setCustomValidity("");
      if (weight !== null) maxes.push({ lift: lift.id, weight });
    }
    busy([go], async () => {
      await call(commands.programStart(choice.name, maxes));
      await changed("Program started.");
    }).catch(report);
  });
  return form;
}

function picker(unit: Unit, changed: (text: string) => Promise<void>): HTMLElement {
  const open = h("button", { attrs: { type: "button" }, testid: "program-pick" }, "Pick a program");
  const body = h("div", { class: "program-picker" });
  const card = h(
    "section",
    { class: "card", testid: "program-none", attrs: { "aria-labelledby": "today-program" } },
    h("h3", { attrs: { id: "today-program" } }, "Program"),
    h("p", {}, "No program is running: Ironkeep can decide every weight for you. ", open),
    body,
    programsPanel(unit, changed),
  );
  open.addEventListener("click", () => {
    busy([open], async () => {
      const choices = await call(commands.programList());
      body.replaceChildren(
        h(
          "ul",
          { class: "program-choices" },
          ...choices.map((choice) => {
            const pick = h("button", { attrs: { type: "button", "data-program": choice.name }, testid: "program-choice" }, choice.name);
            const item = h(
              "li",
              {},
              pick,
              choice.author ? h("span", { class: "hint" }, ` by ${choice.author}`) : null,
              choice.description ? h("p", { class: "hint" }, choice.description) : null,
            );
            pick.addEventListener("click", () => {
              body.querySelector("[data-testid=program-maxes]")?.remove();
              const form = maxesForm(choice, unit, changed);
              item.append(form);
              form.querySelector("input")?.focus();
            });
            return item;
          }),
        ),
      );
      open.hidden = true;
      body.querySelector("button")?.focus();
    }).catch(report);
  });
  return card;
}

/**
 * The program card from the vault's answer: today's day, the picker when no program
 * runs, or why the day could not be planned.
 */
export function programCard(
  answer: { status: "ok"; data: ProgramToday | null } | { status: "error"; error: IpcError },
  unit: Unit,
  changed: (text: string) => Promise<void>,
): HTMLElement {
  if (answer.status === "error") {
    return h(
      "section",
      { class: "card", testid: "program-problem", attrs: { "aria-labelledby": "today-program" } },
      h("h3", { attrs: { id: "today-program" } }, "Program"),
      h("p", { class: "error" }, `Today's program day could not be planned: ${answer.error.message}`),
    );
  }
  return answer.data ? dayCard(answer.data, unit, changed) : picker(unit, changed);
}
