// The page's two message areas: a polite notice (`role=status`) and an alert
// (`role=alert`). Commands fail with `{ code, message }`; only `message` is ever shown.

import type { IpcError } from "../bindings";
import { element } from "./dom";

const notice = (): HTMLElement => element("notice", HTMLElement);
const alertArea = (): HTMLElement => element("error", HTMLElement);

/** Shows a notice (and clears any alert). */
export function say(text: string): void {
  alertArea().textContent = "";
  notice().textContent = text;
}

/** Shows an alert (and clears any notice). */
export function alertText(message: string): void {
  notice().textContent = "";
  // Core messages start in lower case (they also follow "error:" in the CLI).
  alertArea().textContent = message.charAt(0).toUpperCase() + message.slice(1);
}

/** Shows a command's failure. */
export function fail(error: IpcError): void {
  alertText(error.message);
}

export function clearMessages(): void {
  notice().textContent = "";
  alertArea().textContent = "";
}

/** Reports a failure that is not a command error (a bug or a broken bridge) in the alert. */
export function report(problem: unknown): void {
  if (problem instanceof CommandError) {
    fail(problem.error);
    return;
  }
  alertText(problem instanceof Error ? problem.message : "Something went wrong in the window.");
}

/** A command's failure, thrown by `call` so screens can use plain `await`. */
export class CommandError extends Error {
  readonly error: IpcError;
  constructor(error: IpcError) {
    super(error.message);
    this.error = error;
  }
}

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: IpcError };

/** Awaits a generated command and returns its data, or throws a `CommandError`. */
export async function call<T>(result: Promise<Result<T>>): Promise<T> {
  const settled = await result;
  if (settled.status === "error") throw new CommandError(settled.error);
  return settled.data;
}

/** Runs one piece of work while `controls` are disabled, so it cannot be sent twice. */
export async function busy<T>(controls: readonly Element[], work: () => Promise<T>): Promise<T> {
  for (const control of controls) control.setAttribute("disabled", "");
  try {
    return await work();
  } finally {
    for (const control of controls) control.removeAttribute("disabled");
  }
}
