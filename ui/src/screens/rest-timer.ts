// The rest timer between sets. Its state lives here, at module level, and it shows in a
// small element appended to the navigation, so it keeps counting (and stays visible)
// while the lifter looks at History or Exercises. At the end it beeps (a WebAudio
// oscillator; the app ships no audio files) and asks the app for a desktop notification.
// Its end time is kept in localStorage (a time, nothing about the workout), so the rest
// goes on across a relaunch: the logger resumes it. How long a rest is comes from the
// logger (workout-state's `restAfter`: the lifter's choice, the routine's plan, or the
// defaults from Settings).

import { commands } from "../bindings";
import { h } from "../lib/dom";

let endsAt = 0;
let ticker: number | undefined;
let panel: HTMLElement | null = null;
const ENDS_AT = "ironkeep.rest-ends-at";

/** Keeps the end time for a relaunch (or forgets it, with 0). */
function remember(at: number): void {
  try {
    if (at > 0) localStorage.setItem(ENDS_AT, String(at));
    else localStorage.removeItem(ENDS_AT);
  } catch {
    // Storage refused: the rest then ends with the window.
  }
}
let readout: HTMLElement | null = null;

/** A rest as the timer shows it: "2:30" for 150 seconds. */
export function clock(seconds: number): string {
  return `${String(Math.floor(seconds / 60))}:${String(seconds % 60).padStart(2, "0")}`;
}

function ensurePanel(): { panel: HTMLElement; readout: HTMLElement } {
  if (panel && readout && panel.isConnected) return { panel, readout };
  readout = h("span", { class: "rest-readout", testid: "rest-remaining" });
  const more = h("button", { attrs: { type: "button", "aria-label": "Add 15 seconds of rest" }, class: "quiet" }, "+15 s");
  const skip = h("button", { attrs: { type: "button", "aria-label": "Skip the rest" }, class: "quiet", testid: "rest-skip" }, "Skip");
  more.addEventListener("click", () => {
    endsAt += 15_000;
    remember(endsAt);
    tick();
  });
  skip.addEventListener("click", () => {
    stopRest();
  });
  panel = h(
    "div",
    { class: "rest-timer", testid: "rest-timer", attrs: { role: "timer", "aria-label": "Rest timer", "aria-live": "off" } },
    h("span", {}, "Rest "),
    readout,
    more,
    skip,
  );
  panel.hidden = true;
  // The navigation stays on screen while screens change, so the timer lives there.
  (document.getElementById("nav") ?? document.body).append(panel);
  return { panel, readout };
}

/** Stops the rest timer and hides it (the workout it timed was finished or deleted). */
export function stopRest(): void {
  if (ticker !== undefined) window.clearInterval(ticker);
  ticker = undefined;
  if (panel) panel.hidden = true;
  remember(0);
}

function tick(): void {
  const { readout: text } = ensurePanel();
  const left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
  text.textContent = clock(left);
  if (left === 0) {
    stopRest();
    beep();
    commands.restOverNotify().catch(() => undefined);
  }
}

/** Starts (or restarts) the rest timer; a rest of 0 starts none. */
export function startRest(seconds: number): void {
  if (seconds > 0) runUntil(Date.now() + seconds * 1000);
}

/** Resumes a rest that was running when the app last closed, if it has not ended. */
export function resumeRest(): void {
  if (ticker !== undefined) return;
  let stored: number;
  try {
    stored = Number(localStorage.getItem(ENDS_AT) ?? "0");
  } catch {
    return;
  }
  if (Number.isFinite(stored) && stored > Date.now()) runUntil(stored);
  else remember(0);
}

function runUntil(at: number): void {
  endsAt = at;
  remember(at);
  const { panel: shown } = ensurePanel();
  shown.hidden = false;
  ticker ??= window.setInterval(tick, 250);
  tick();
}

/** A short two-tone beep, made on the spot. */
function beep(): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.type = "sine";
    tone.frequency.setValueAtTime(880, audio.currentTime);
    tone.frequency.setValueAtTime(1320, audio.currentTime + 0.15);
    gain.gain.setValueAtTime(0.2, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.4);
    tone.addEventListener("ended", () => {
      audio.close().catch(() => undefined);
    });
  } catch {
    // No audio device: the notification and the timer itself still tell the lifter.
  }
}
