// Choosing an exercise from a few typed letters: a search field whose list shows the
// vault's ranked matches as the lifter types ("squ" → Squat (Barbell) first; the ranking
// is the core's, training::search, shared by every picker). ↑/↓ move the highlight,
// Enter chooses the highlighted match (the first unless moved), Escape closes the list,
// and a click chooses too. It follows the ARIA combobox pattern, so a screen reader reads
// the highlighted match.

import { commands } from "../bindings";
import { h, uniqueId } from "../lib/dom";
import { call, report } from "../lib/messages";
import type { Exercise } from "./training-kit";

/** How many matches the list shows. */
const MATCHES = 8;

/** The field (`input`, to focus) and the element to place (the field with its list). */
export interface ExerciseTypeahead {
  input: HTMLInputElement;
  element: HTMLElement;
  /** Chooses the highlighted match, once the latest search has answered. */
  choose: () => Promise<void>;
}

/** A type-ahead over the usable exercises; `chosen` gets the exercise picked. */
export function exerciseTypeahead(label: string, testid: string, chosen: (exercise: Exercise) => void): ExerciseTypeahead {
  const list = h("ul", { attrs: { id: uniqueId("exercise-matches"), role: "listbox", "aria-label": `${label}: matches` }, class: "typeahead-list", testid: `${testid}-matches` });
  const input = h("input", {
    attrs: {
      type: "text",
      role: "combobox",
      "aria-label": label,
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": list.id,
      autocomplete: "off",
      spellcheck: "false",
      placeholder: "Type a few letters",
    },
    testid,
  });
  list.hidden = true;
  let matches: Exercise[] = [];
  let highlighted = 0;
  /** The search for what the field holds now; older answers are dropped. */
  let latest: Promise<Exercise[]> = Promise.resolve([]);

  const show = (): void => {
    list.replaceChildren(
      ...matches.map((exercise, index) => {
        const option = h(
          "li",
          { attrs: { id: `${list.id}-${String(index)}`, role: "option", "aria-selected": index === highlighted ? "true" : "false" }, testid: "exercise-match" },
          exercise.name,
        );
        // The field keeps the focus; the click chooses.
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
        });
        option.addEventListener("click", () => {
          pick(index);
        });
        return option;
      }),
    );
    // The list shows while the field has the focus (a click on "Add" keeps the matches).
    const open = matches.length > 0 && document.activeElement === input;
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    if (open) {
      // Beneath the field when the window has room there, above it otherwise (the
      // logger's field is at the foot of the page).
      const field = input.getBoundingClientRect();
      list.classList.toggle("above", field.bottom + list.offsetHeight > window.innerHeight && field.top > list.offsetHeight);
      input.setAttribute("aria-activedescendant", `${list.id}-${String(highlighted)}`);
      list.children[highlighted]?.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };
  const close = (): void => {
    matches = [];
    show();
  };
  const pick = (index: number): void => {
    const exercise = matches[index];
    if (!exercise) return;
    input.value = exercise.name;
    close();
    chosen(exercise);
  };
  const search = (): void => {
    const text = input.value.trim();
    const asked: Promise<Exercise[]> = text === "" ? Promise.resolve([]) : call(commands.exerciseSearch(text, false, MATCHES));
    latest = asked;
    asked
      .then((found) => {
        if (latest !== asked) return;
        matches = found;
        highlighted = 0;
        show();
      })
      .catch(report);
  };
  const choose = async (): Promise<void> => {
    const asked = latest;
    await asked;
    if (latest !== asked) return;
    if (matches.length === 0) {
      const text = input.value.trim();
      throw new Error(text === "" ? "Type a few letters of the exercise's name." : `No exercise matches “${text}”; add it on the Exercises screen.`);
    }
    pick(highlighted);
  };

  input.addEventListener("input", search);
  input.addEventListener("blur", show);
  input.addEventListener("focus", search);
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (matches.length === 0) {
        search();
        return;
      }
      const by = event.key === "ArrowDown" ? 1 : -1;
      highlighted = (highlighted + by + matches.length) % matches.length;
      show();
    } else if (event.key === "Enter") {
      event.preventDefault();
      choose().catch(report);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });
  return { input, element: h("div", { class: "typeahead" }, input, list), choose };
}
