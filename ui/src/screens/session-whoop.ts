// The WHOOP side of one session: the strain, heart rate, energy and heart-rate zones WHOOP
// measured while the lifter trained, from the workouts matched to it. In History the lifter
// can keep a match, say a workout is not this session, or match another one nearby (then
// History asks the vault again and redraws); the finish summary shows the same figures
// without the choices. Nothing is shown to a lifter without WHOOP data around the session.

import { commands, type SessionEffort_Serialize as SessionEffort, type SessionWhoop_Serialize as SessionWhoop } from "../bindings";
import { h } from "../lib/dom";
import { busy, call, report } from "../lib/messages";

const ZONE_NAMES = ["Zone 0", "Zone 1", "Zone 2", "Zone 3", "Zone 4", "Zone 5"];

/** "weightlifting" → "Weightlifting", "functional-fitness" → "Functional fitness". */
function sportName(name: string): string {
  const words = name.replace(/[-_]/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function clock(stamp: string): string {
  const at = new Date(stamp);
  return Number.isNaN(at.getTime()) ? stamp : at.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

/** "Strain 9.4 · HR 118 avg, 171 max · 1,451 kJ", from what WHOOP scored. */
export function effortFacts(effort: SessionEffort): string {
  const facts: string[] = [];
  if (effort.strain !== null) facts.push(`Strain ${effort.strain.toFixed(1)}`);
  if (effort.average_heart_rate !== null && effort.max_heart_rate !== null) {
    facts.push(`HR ${String(effort.average_heart_rate)} avg, ${String(effort.max_heart_rate)} max`);
  }
  if (effort.kilojoule !== null) facts.push(`${Math.round(effort.kilojoule).toLocaleString()} kJ`);
  return facts.length > 0 ? facts.join(" · ") : "not scored yet";
}

/** A bar of the six heart-rate zones, each segment as wide as its share of the time. */
/** "12 min", or "45 s" under a minute. */
function span(ms: number): string {
  return ms >= 60_000 ? `${String(Math.round(ms / 60_000))} min` : `${String(Math.round(ms / 1000))} s`;
}

function zonesBar(ms: number[]): HTMLElement[] {
  const total = ms.reduce((sum, value) => sum + value, 0) || 1;
  const minutes = span;
  const bar = h("div", { class: "zones", testid: "whoop-zones", attrs: { role: "img" } });
  bar.setAttribute(
    "aria-label",
    `Heart-rate zones: ${ms.map((value, zone) => `${ZONE_NAMES[zone] ?? ""} ${minutes(value)}`).join(", ")}`,
  );
  ms.forEach((value, zone) => {
    const part = h("span", { class: `zone zone-${String(zone)}`, attrs: { title: `${ZONE_NAMES[zone] ?? ""}: ${minutes(value)}` } });
    part.style.flexGrow = String(value / total);
    bar.append(part);
  });
  const legend = h("p", { class: "hint", testid: "whoop-zones-legend" }, `Heart-rate zones 0–5: ${ms.map(span).join(" · ")}`);
  return [bar, legend];
}

function effortRow(effort: SessionEffort, actions: HTMLElement[]): HTMLElement {
  const undone = effort.decision === "rejected";
  const state = undone
    ? "not this session"
    : effort.decision === "confirmed"
      ? "kept"
      : "matched by time";
  return h(
    "li",
    { class: undone ? "whoop-effort undone" : "whoop-effort", testid: "whoop-effort", attrs: { "data-workout": effort.workout_id } },
    h(
      "div",
      { class: "row" },
      h("strong", {}, `${sportName(effort.sport_name)} ${clock(effort.start)}–${clock(effort.end)}`),
      h("span", { class: "hint" }, effort.deleted_on_whoop ? `${state} · deleted on WHOOP (last figures seen)` : state),
    ),
    h("p", { testid: "whoop-facts" }, effortFacts(effort)),
    ...(!undone && effort.zone_ms !== null && effort.zone_ms.length === 6 ? zonesBar(effort.zone_ms) : []),
    actions.length > 0 ? h("div", { class: "row" }, ...actions) : null,
  );
}

function button(label: string, testid: string, work: () => Promise<void>): HTMLButtonElement {
  const node = h("button", { attrs: { type: "button" }, testid }, label);
  node.addEventListener("click", () => {
    busy([node], work).catch(report);
  });
  return node;
}

/** What WHOOP recorded around session `id`: its matches and the workouts nearby. */
export async function loadSessionWhoop(id: number): Promise<SessionWhoop> {
  return call(commands.sessionWhoop(id));
}

/**
 * The WHOOP section of session `id` from `data`, or null when WHOOP recorded nothing near
 * it. With `changed`, the lifter can keep, undo or add matches; after each, `changed`
 * asks the vault again and the screen redraws.
 */
export function drawSessionWhoop(
  id: number,
  data: SessionWhoop,
  changed?: (text?: string) => Promise<void>,
): HTMLElement | null {
  if (data.matched.length === 0 && data.nearby.length === 0) return null;
  const choices = changed !== undefined;
  const decide = (workout: string, choice: "confirm" | "assign" | "undo", done: string) => async () => {
    await call(commands.sessionWhoopDecide(id, workout, choice));
    await changed?.(done);
  };
  const matched = data.matched.map((effort) =>
    effortRow(
      effort,
      !choices
        ? []
        : effort.decision === "rejected"
          ? [button("Match it again", "whoop-assign", decide(effort.workout_id, "assign", "WHOOP workout matched."))]
          : [
              effort.decision === "auto" ? button("Keep", "whoop-confirm", decide(effort.workout_id, "confirm", "Match kept.")) : null,
              button("Not this session", "whoop-undo", decide(effort.workout_id, "undo", "Match undone.")),
            ].filter((node): node is HTMLButtonElement => node !== null),
    ),
  );
  const others = data.nearby.filter((c) => !data.matched.some((e) => e.workout_id === c.workout_id));
  const nearby =
    choices && others.length > 0
      ? h(
          "details",
          { testid: "whoop-nearby" },
          h("summary", {}, `Other WHOOP workouts within 12 hours (${String(others.length)})`),
          h(
            "ul",
            {},
            ...others.map((c) =>
              h(
                "li",
                { class: "row" },
                h(
                  "span",
                  {},
                  `${sportName(c.sport_name)} ${clock(c.start)}–${clock(c.end)}${c.strain === null ? "" : ` · strain ${c.strain.toFixed(1)}`}${c.session_id === null ? "" : " · matched to another session"}`,
                ),
                button("Match to this session", "whoop-assign", decide(c.workout_id, "assign", "WHOOP workout matched.")),
              ),
            ),
          ),
        )
      : null;
  return h(
    "section",
    { class: choices ? "card session-whoop" : "session-whoop", testid: "session-whoop", attrs: { "aria-label": "WHOOP" } },
    h("h3", {}, "WHOOP"),
    matched.length > 0 ? h("ul", { class: "whoop-efforts" }, ...matched) : h("p", { class: "hint" }, "No WHOOP workout is matched to this session."),
    nearby,
  );
}

/** The WHOOP section of session `id` without choices (the finish summary), or null. */
export async function sessionWhoop(id: number): Promise<HTMLElement | null> {
  return drawSessionWhoop(id, await loadSessionWhoop(id));
}
