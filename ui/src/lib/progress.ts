// Progress of long work (import, sync, backup, restore): a modal dialog with a progress
// bar fed by a Tauri channel from the core, and a Cancel button that asks the core to stop.

import { Channel } from "@tauri-apps/api/core";

import { commands, type IpcError, type Work } from "../bindings";
import { h } from "./dom";
import { call } from "./messages";

export interface Step {
  /** 0.0 to 1.0, or null while the amount of work is not known yet. */
  fraction: number | null;
  /** One line saying what is happening. */
  label: string;
}

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: IpcError };

/**
 * Runs a long command with a progress dialog. `start` receives the channel to pass to the
 * command; `describe` turns each progress message into a step. Resolves with the
 * command's result; a cancelled job rejects with its `cancelled` CommandError.
 */
export async function withProgress<T, P>(options: {
  title: string;
  work: Work;
  start: (channel: Channel<P>) => Promise<Result<T>>;
  describe: (message: P) => Step;
}): Promise<T> {
  const bar = h("progress", { attrs: { max: 1, "aria-label": `${options.title} progress` }, testid: "progress-bar" });
  const label = h("p", { attrs: { role: "status" }, testid: "progress-label" }, "Starting…");
  const cancel = h("button", { attrs: { type: "button" }, testid: "progress-cancel" }, "Cancel");
  const dialog = h(
    "dialog",
    { class: "progress", attrs: { "aria-label": options.title }, testid: "progress" },
    h("h3", {}, options.title),
    bar,
    label,
    cancel,
  );
  cancel.addEventListener("click", () => {
    cancel.setAttribute("disabled", "");
    label.textContent = "Stopping…";
    commands.workCancel(options.work).catch(() => undefined);
  });
  // Escape would close the dialog while the work goes on: make it cancel instead.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    cancel.click();
  });
  document.body.append(dialog);
  dialog.showModal();

  const channel = new Channel<P>();
  channel.onmessage = (message) => {
    const step = options.describe(message);
    if (step.fraction === null) {
      bar.removeAttribute("value");
    } else {
      bar.value = Math.min(1, Math.max(0, step.fraction));
    }
    label.textContent = step.label;
  };
  try {
    return await call(options.start(channel));
  } finally {
    dialog.close();
    dialog.remove();
  }
}
