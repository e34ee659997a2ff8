// The form controls the Backups screen's sections share: a labelled checkbox and a group
// of radio buttons with a reader of the chosen value.

import { h, uniqueId } from "../../lib/dom";

/** A labelled checkbox. */
export function checkbox(label: string, testid: string, checked = false): { box: HTMLInputElement; row: HTMLElement } {
  const box = h("input", { attrs: { type: "checkbox", id: uniqueId("check") }, testid });
  box.checked = checked;
  return { box, row: h("div", { class: "check" }, box, h("label", { attrs: { for: box.id } }, label)) };
}

/** A group of radio buttons; returns the group and a reader of the chosen value. */
export function radios<V extends string>(
  legend: string,
  name: string,
  options: readonly { value: V; label: string; testid: string }[],
): { group: HTMLElement; value: () => V; inputs: HTMLInputElement[] } {
  const inputs = options.map((option, i) => {
    const input = h("input", {
      attrs: { type: "radio", name, value: option.value, id: uniqueId(name) },
      testid: option.testid,
    });
    input.checked = i === 0;
    return input;
  });
  const group = h(
    "fieldset",
    { class: "choices" },
    h("legend", {}, legend),
    ...inputs.map((input, i) =>
      h("div", { class: "check" }, input, h("label", { attrs: { for: input.id } }, options[i]?.label ?? "")),
    ),
  );
  const value = (): V => (inputs.find((input) => input.checked)?.value ?? options[0]?.value) as V;
  return { group, value, inputs };
}
