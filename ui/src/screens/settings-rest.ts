// Settings: the rest timer's defaults. The logger times them after a set whenever the
// workout's routine plans no rest for its exercise (a routine's plan wins, and so does a
// rest the lifter picks in the logger for that workout).

import { commands, type RestDefaults } from "../bindings";
import { field, h } from "../lib/dom";
import { busy, call, report } from "../lib/messages";
import { clock } from "./rest-timer";

/** A rest as typed back into its field: "2:30", or empty for none. */
function typed(seconds: number): string {
  return seconds === 0 ? "" : clock(seconds);
}

/** The two defaults with their Save; `saved` asks the vault again. */
export function restSection(rest: RestDefaults, saved: (text: string) => Promise<void>): HTMLElement {
  const working = h("input", { attrs: { type: "text", inputmode: "numeric", size: 6, value: clock(rest.working_seconds), spellcheck: "false" }, testid: "rest-working" });
  const warmup = h("input", { attrs: { type: "text", inputmode: "numeric", size: 6, value: typed(rest.warmup_seconds), placeholder: "none", spellcheck: "false" }, testid: "rest-warmup" });
  const save = h("button", { attrs: { type: "submit" }, testid: "rest-save" }, "Save");
  const form = h(
    "form",
    { class: "stack", attrs: { "aria-label": "Rest timer" } },
    h(
      "fieldset",
      { class: "choices stack", testid: "rest-defaults" },
      h("legend", {}, "Rest timer"),
      h("p", { class: "hint" }, "Minutes:seconds, e.g. 2:30. Used when a routine plans no rest; 0 starts no timer."),
      h("div", { class: "row inline-fields" }, field("After a working set", working), field("After a warm-up", warmup), save),
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy([save], async () => {
      const stored = await call(commands.trainingSetRest(working.value, warmup.value));
      const after = stored.warmup_seconds === 0 ? "no timer after warm-ups" : `${clock(stored.warmup_seconds)} after warm-ups`;
      await saved(`Rest saved: ${stored.working_seconds === 0 ? "no timer" : clock(stored.working_seconds)} after working sets, ${after}.`);
    }).catch(report);
  });
  return form;
}
