// A weight input that always says which unit its number is in. The number is read in the
// unit shown beside it, and that unit is stored with the set: typing 225 under "lb" saves
// 225 lb. The unit starts as the lifter's display unit; a click switches it for this one
// field (a 24 kg kettlebell in an lb gym). A pre-fill stored in the other unit is
// converted to the display unit and rounded to what the plates can load, because it is
// only a proposal; a weight the lifter logged keeps the unit it was typed in.

import type { Unit, Weight_Serialize } from "../bindings";
import { h } from "../lib/dom";
import { amount, kgOf, parseCount, parseRpe, parseWeight } from "./training-kit";

/** Kilograms in one pound, exactly (as the core uses). */
const KG_PER_LB = 0.45359237;

/** The other unit. */
function other(unit: Unit): Unit {
  return unit === "kg" ? "lb" : "kg";
}

/**
 * A proposed weight in `unit`: as stored when it is in `unit` already, otherwise converted
 * and rounded to the nearest multiple of `stepMilli` (thousandths of `unit`).
 */
export function proposal(weight: Weight_Serialize, unit: Unit, stepMilli: number): Weight_Serialize {
  if (weight.unit === unit) return weight;
  const milli = (kgOf(weight) / (unit === "lb" ? KG_PER_LB : 1)) * 1000;
  const step = stepMilli > 0 ? stepMilli : 1;
  return { milli: Math.round(milli / step) * step, unit };
}

/** A weight input with its unit switch. */
export interface WeightField {
  input: HTMLInputElement;
  /** The button that shows the unit and switches it. */
  unitButton: HTMLButtonElement;
  /** The unit the number is read in now. */
  unit: () => Unit;
  /** The typed weight: null when blank, undefined when not a number. */
  read: () => Weight_Serialize | null | undefined;
  /** Reads the number in `unit` from now on (a draft typed in that unit). */
  setUnit: (unit: Unit) => void;
}

/**
 * A weight field showing `value` (in its own unit) or blank in `unit`; `label` names the
 * field for a unit ("Squat set 2 weight (lb)").
 */
export function weightField(
  value: Weight_Serialize | null,
  unit: Unit,
  label: (unit: Unit) => string,
  testid: string,
): WeightField {
  let current = value?.unit ?? unit;
  const input = h("input", { attrs: { type: "text", inputmode: "decimal", size: 5 }, class: "weight", testid });
  input.value = value ? amount(value) : "";
  const unitButton = h("button", { attrs: { type: "button" }, class: "quiet unit-switch", testid: `${testid}-unit` });
  const show = (): void => {
    input.setAttribute("aria-label", label(current));
    unitButton.textContent = current;
    unitButton.setAttribute("aria-label", `${label(current)}: switch to ${other(current)}`);
    unitButton.classList.toggle("other-unit", current !== unit);
  };
  unitButton.addEventListener("click", () => {
    current = other(current);
    show();
    input.focus();
  });
  show();
  return {
    input,
    unitButton,
    unit: () => current,
    read: () => parseWeight(input.value, current),
    setUnit: (chosen) => {
      current = chosen;
      show();
    },
  };
}

/**
 * A set's typed numbers: the weight from its field, reps and RPE from their text. Throws
 * the sentence the lifter reads beside the row when one is not a number.
 */
export function readSetNumbers(
  weight: WeightField,
  reps: string,
  rpe: string,
): { weight: Weight_Serialize | null; reps: number | null; rpe: number | null } {
  const numbers = { weight: weight.read(), reps: parseCount(reps), rpe: parseRpe(rpe) };
  if (numbers.weight === undefined) throw new Error("The weight must be a number like 60 or 62.5.");
  if (numbers.reps === undefined) throw new Error("Reps must be a whole number.");
  if (numbers.rpe === undefined) throw new Error("RPE goes from 1 to 10 in steps of 0.5.");
  return { weight: numbers.weight, reps: numbers.reps, rpe: numbers.rpe };
}
