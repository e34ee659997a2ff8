// The catalog's suggestions for the lifter's own exercises, on the Exercises screen: an
// exercise the catalog knows under another spelling (merge it, so its sets count with the
// catalog lift's), or one whose name a newer catalog brought (take the catalog's muscle
// group and equipment). Each is accepted or dismissed; a dismissed one is not offered again.

import { commands, type Suggestion_Serialize } from "../bindings";
import { h } from "../lib/dom";
import { busy, call, report } from "../lib/messages";
import { forgetExercises } from "./training-kit";

/** What accepting one suggestion does, in words. */
function offer(suggestion: Suggestion_Serialize): string {
  const { exercise, lift } = suggestion;
  return suggestion.action === "merge"
    ? `“${exercise.name}” looks like the catalog's “${lift.name}”: merge it, and its sets and routines move there.`
    : `“${exercise.name}” is now in the catalog: take its muscle group (${lift.muscle.replace(/_/g, " ")}) and equipment (${lift.equipment}).`;
}

/** The catalog's suggestions, as the vault makes them. */
export function loadSuggestions(): Promise<Suggestion_Serialize[]> {
  return call(commands.exerciseSuggestions());
}

/**
 * The card of suggestions, or null when there are none; `changed` asks the vault again
 * after one is accepted or dismissed.
 */
export function suggestionsCard(suggestions: readonly Suggestion_Serialize[], changed: (text: string) => Promise<void>): HTMLElement | null {
  if (suggestions.length === 0) return null;
  const items = suggestions.map((suggestion) => {
    const { exercise } = suggestion;
    const accept = h(
      "button",
      { attrs: { type: "button", "aria-label": `Accept the suggestion for ${exercise.name}` }, class: "primary", testid: "suggestion-accept" },
      suggestion.action === "merge" ? "Merge" : "Use the catalog's",
    );
    const dismiss = h(
      "button",
      { attrs: { type: "button", "aria-label": `Dismiss the suggestion for ${exercise.name}` }, testid: "suggestion-dismiss" },
      "Keep as it is",
    );
    accept.addEventListener("click", () => {
      busy([accept, dismiss], async () => {
        const kept = await call(commands.exerciseSuggestionAccept(exercise.id));
        forgetExercises();
        await changed(`Done: “${exercise.name}” is now “${kept.name}”.`);
      }).catch(report);
    });
    dismiss.addEventListener("click", () => {
      busy([accept, dismiss], async () => {
        await call(commands.exerciseSuggestionDismiss(exercise.id));
        await changed(`“${exercise.name}” stays as it is.`);
      }).catch(report);
    });
    return h("li", { testid: "suggestion" }, h("span", {}, offer(suggestion)), " ", accept, " ", dismiss);
  });
  return h(
    "section",
    { class: "card stack", testid: "suggestions", attrs: { "aria-label": "Catalog suggestions" } },
    h("h3", {}, `The catalog knows ${String(suggestions.length)} of your exercises`),
    h("ul", { class: "suggestions" }, ...items),
  );
}
