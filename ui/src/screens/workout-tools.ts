// The logger's gym-floor tools: warm-ups in one action, a set moved within its exercise,
// and the plate calculator beside a weight. Each asks the vault (which knows the lifter's
// bar and plates), then the logger redraws from the session as stored.

import { commands, type Weight_Serialize } from "../bindings";
import { call } from "../lib/messages";
import { isWarmup } from "./workout-last-time";
import type { Logger } from "./workout-state";

/** Reloads the session as stored (set positions change when sets move or are added before others). */
async function reload(logger: Logger): Promise<void> {
  logger.detail = await call(commands.sessionDetail(logger.detail.session.id));
}

/**
 * Adds warm-ups before the working sets of `exerciseId`, ramping up to its first working
 * set's weight (or `typed`, the weight in the row the lifter is in when it has none yet),
 * and puts the focus on the first warm-up.
 */
export async function addWarmups(logger: Logger, exerciseId: number, typed: Weight_Serialize | null | undefined): Promise<void> {
  const sets = logger.detail.sets.filter((set) => set.exercise_id === exerciseId);
  const working = sets.find((set) => !isWarmup(set.kind) && set.weight)?.weight ?? typed;
  if (!working) throw new Error("Type the working weight first: the warm-ups ramp up to it.");
  await call(commands.setAddWarmups(logger.detail.session.id, exerciseId, working));
  await reload(logger);
  logger.redraw({ exerciseId, row: 1 });
}

/** Moves the set at `row` of `exerciseId` one place up or down among the exercise's sets; the focus follows it. */
export async function moveSet(logger: Logger, setId: number, exerciseId: number, row: number, up: boolean): Promise<void> {
  await call(commands.setMove(setId, up));
  await reload(logger);
  logger.redraw({ exerciseId, row: up ? row - 1 : row + 1 });
}

/** What to load for `weight`: "Per side: 20, 10, 2.5 kg (bar 20 kg: 85 kg)", or why not. */
export async function platesText(weight: Weight_Serialize): Promise<string> {
  const load = await call(commands.platesLoad(weight));
  const unit = load.unit;
  const plates = load.per_side.length === 0 ? "nothing (the bar alone)" : `${load.per_side.join(", ")} ${unit}`;
  const short = load.short_by === "0" ? "" : ` — ${load.short_by} ${unit} short of the target`;
  return `Per side: ${plates}; loaded ${load.total} ${unit}${short}.`;
}
