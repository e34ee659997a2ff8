// The offer, on the Routines screen, to turn workouts that repeat into routines: an
// import brings in months of Strong's "Upper A" and "Lower A", and the lifter should not
// type them again. Each name seen three times or more that is no routine yet gets a
// button; the routine is built (in the core) from its most recent workout.

import { commands, type RepeatedWorkout } from "../bindings";
import { h } from "../lib/dom";
import { busy, call, report } from "../lib/messages";

/** The workouts the vault offers as routines. */
export function loadRepeatedWorkouts(): Promise<RepeatedWorkout[]> {
  return call(commands.routineSuggestions());
}

/**
 * The offer, or null when no workout name repeats without a routine; `made` asks the
 * vault again once a routine is made.
 */
export function repeatedWorkoutsOffer(repeated: readonly RepeatedWorkout[], made: (text: string) => Promise<void>): HTMLElement | null {
  if (repeated.length === 0) return null;
  const items = repeated.map((workout) => {
    const make = h(
      "button",
      { attrs: { type: "button", "aria-label": `Make a routine of ${workout.name}` }, testid: "routine-adopt" },
      "Make a routine",
    );
    make.addEventListener("click", () => {
      busy([make], async () => {
        const routine = await call(commands.routineFromWorkout(workout.latest_session_id));
        await made(`Made the routine “${routine.name}” from your last ${routine.name} workout.`);
      }).catch(report);
    });
    return h(
      "li",
      { class: "row", testid: "routine-offer-item" },
      h("span", { class: "offer-name" }, `${workout.name} — ${String(workout.sessions)} workouts`),
      h("span", { class: "spacer" }),
      make,
    );
  });
  return h(
    "section",
    { class: "card routine-offer", testid: "routine-offer", attrs: { "aria-label": "Workouts to make routines of" } },
    h("h3", {}, "Workouts you repeat"),
    h("p", { class: "hint" }, "These workout names come back in your log. Make one a routine to start it in one click; it is planned from your most recent workout of that name."),
    h("ul", { class: "offer-list" }, ...items),
  );
}
