// A modal confirmation before destroying data: a <dialog> that says what will happen and
// has explicit buttons (the safe one focused first), optional extra fields, and an
// optional check that keeps the confirm button disabled until it passes (a typed
// confirmation, a passphrase). Every screen asks through this one helper.

import { h, type Child } from "./dom";

export interface Confirmation {
  title: string;
  /** What will happen, in plain sentences. */
  body: Child[];
  /** The label of the destructive button. */
  confirm: string;
  /** The label of the safe button. */
  keep: string;
  /** The data-testid prefix: `<testid>-dialog`, `<testid>-confirm`, `<testid>-cancel`. */
  testid: string;
  /** Fields shown above the buttons (typed confirmations, passphrases). */
  fields?: Child[];
  /** Whether the confirm button may be pressed now; re-checked on every input. */
  ready?: () => boolean;
}

/** Shows the dialog; resolves true when the person confirmed, false otherwise. */
export function confirmDialog(options: Confirmation): Promise<boolean> {
  const confirm = h(
    "button",
    { attrs: { type: "submit" }, class: "primary danger", testid: `${options.testid}-confirm` },
    options.confirm,
  );
  const keep = h("button", { attrs: { type: "button" }, testid: `${options.testid}-cancel` }, options.keep);
  const form = h(
    "form",
    { attrs: { method: "dialog" }, class: "stack" },
    h("h3", {}, options.title),
    ...options.body.map((part) => (typeof part === "string" ? h("p", {}, part) : part)),
    ...(options.fields ?? []),
    h("div", { class: "actions" }, keep, confirm),
  );
  const dialog = h(
    "dialog",
    { class: "confirm", attrs: { "aria-label": options.title }, testid: `${options.testid}-dialog` },
    form,
  );
  const sync = (): void => {
    if (!options.ready || options.ready()) confirm.removeAttribute("disabled");
    else confirm.setAttribute("disabled", "");
  };
  form.addEventListener("input", sync);
  form.addEventListener("change", sync);
  sync();
  document.body.append(dialog);
  return new Promise((resolve) => {
    let confirmed = false;
    form.addEventListener("submit", (event) => {
      if (options.ready && !options.ready()) {
        event.preventDefault();
        return;
      }
      confirmed = true;
    });
    keep.addEventListener("click", () => {
      dialog.close();
    });
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(confirmed);
    });
    dialog.showModal();
    keep.focus();
  });
}
