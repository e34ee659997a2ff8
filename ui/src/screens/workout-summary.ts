// The summary shown when a workout is finished: duration, sets, volume and the records
// it set, what the running program changes next time (for a session started from it),
// with a link to the session in History.

import { commands } from "../bindings";
import { h } from "../lib/dom";
import { call } from "../lib/messages";
import { sessionWhoop } from "./session-whoop";
import { bodyweightIds, describeSet, exerciseNames, recordNames, setARecord, setVolumeKg, showDuration, showKg } from "./training-kit";

/** Shows the summary of finished session `id`. */
export async function renderSummary(host: HTMLElement, id: number): Promise<void> {
  const [detail, names, bodyweight, { unit }, whoop, program] = await Promise.all([
    call(commands.sessionDetail(id)),
    exerciseNames(),
    bodyweightIds(),
    call(commands.trainingPrefs()),
    sessionWhoop(id),
    call(commands.programFinished(id)),
  ]);
  const done = detail.sets.filter((set) => set.done);
  const volume = done.reduce((sum, set) => sum + setVolumeKg(set), 0);
  const records = done.filter(setARecord);
  const history = h("a", { attrs: { href: `#/history?session=${String(id)}` }, testid: "summary-history" }, "See it in History");
  host.append(
    h(
      "section",
      { class: "card summary", testid: "workout-summary", attrs: { "aria-label": "Workout summary" } },
      h("h3", {}, `${detail.session.name || "Workout"} — done`),
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, "Duration"),
        h("dd", { testid: "summary-duration" }, showDuration(detail.session)),
        h("dt", {}, "Sets"),
        h("dd", { testid: "summary-sets" }, String(done.length)),
        h("dt", {}, "Volume"),
        h("dd", { testid: "summary-volume" }, showKg(volume, unit, 0)),
        h("dt", {}, "Records"),
        h("dd", { testid: "summary-records" }, String(records.length)),
      ),
      records.length > 0
        ? h(
            "ul",
            { class: "records" },
            ...records.map((set) =>
              h("li", {}, `${names.get(set.exercise_id) ?? "?"}: ${describeSet(set, unit, bodyweight.has(set.exercise_id))} — ${recordNames(set).join(", ")}`),
            ),
          )
        : null,
      program.length > 0
        ? h(
            "section",
            { class: "program-next", testid: "summary-program", attrs: { "aria-labelledby": "summary-next-time" } },
            h("h4", { attrs: { id: "summary-next-time" } }, "Next time"),
            h("ul", {}, ...program.map((change) => h("li", { testid: "next-time" }, `${change.exercise}: ${change.message}`))),
          )
        : null,
      whoop,
      history,
    ),
  );
}
