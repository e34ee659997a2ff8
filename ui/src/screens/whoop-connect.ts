// The WHOOP connect wizard: step 1 says how to make the person's own WHOOP developer app
// (the fields, the scopes to tick, the redirect URI to paste, with a copy button) and takes
// its client id and secret, which Rust checks at WHOOP before storing them (the secret goes
// to Rust once and never comes back); step 2 shows the redirect URI again; step 3 opens the
// browser at WHOOP's sign-in from Rust and waits, showing the authorization URL too for a
// machine without a browser. Once connected, the first sync starts by itself and brings the
// newest days first, so today's figures show within seconds.

import { Channel } from "@tauri-apps/api/core";

import { commands, type SignInStarted, type WhoopStatus_Serialize as WhoopStatus } from "../bindings";
import { append, field, h } from "../lib/dom";
import { CommandError, busy, call, clearMessages, report, say } from "../lib/messages";
import { startSync } from "./whoop-sync";

function stepHeading(step: number, title: string): HTMLElement {
  return h("h3", { testid: `whoop-step-${String(step)}` }, `Step ${String(step)} of 3: ${title}`);
}

/** After a step the vault answered: the screen asks it again, draws, then says `text`. */
export type Changed = (text?: string) => Promise<void>;

/** The redirect URI with a button that copies it. */
function copyable(text: string, testid: string): HTMLElement {
  const copy = h("button", { attrs: { type: "button" }, testid: `${testid}-copy` }, "Copy");
  copy.addEventListener("click", () => {
    navigator.clipboard
      .writeText(text)
      .then(() => {
        say("Copied.");
      })
      .catch(() => {
        say("Select the address and copy it by hand.");
      });
  });
  return h("div", { class: "row" }, h("code", { class: "path selectable", testid }, text), copy);
}

/** What to do at developer.whoop.com, field by field. */
function appGuide(status: WhoopStatus): HTMLElement {
  const scopes = status.scopes.split(" ").filter((scope) => scope.startsWith("read:"));
  return h(
    "details",
    { class: "card", testid: "whoop-app-guide", attrs: { open: true } },
    h("summary", {}, "How to make your WHOOP app (about 3 minutes, once)"),
    h(
      "ol",
      {},
      h("li", {}, "Open developer-dashboard.whoop.com and sign in with your WHOOP account; create a team if it asks."),
      h("li", {}, "Choose Create App and fill in:"),
      h(
        "ul",
        {},
        h("li", {}, "Name: anything, for example “Ironkeep for me”. Only you will see it."),
        h("li", {}, "Contact email: yours."),
        h("li", {}, "Privacy policy: any page of yours; the app is used by you alone."),
        h("li", {}, "Redirect URI: exactly this address:", copyable(status.redirect_to_register, "guide-redirect-uri")),
        h("li", {}, `Scopes: tick ${scopes.join(", ")}.`),
      ),
      h("li", {}, "Save the app, then copy its Client ID and Client Secret into the form below."),
    ),
  );
}

/** Step 1: the client id and secret of the person's own WHOOP app. */
export function renderCredentials(host: HTMLElement, status: WhoopStatus, changed: Changed): void {
  const clientId = h("input", { attrs: { type: "text", autocomplete: "off", spellcheck: "false", required: true }, testid: "client-id" });
  const secret = h("input", {
    attrs: { type: "password", autocomplete: "off", spellcheck: "false", required: true },
    testid: "client-secret",
  });
  const save = h("button", { class: "primary", attrs: { type: "submit" }, testid: "save-credentials" }, "Continue");
  const form = h(
    "form",
    { class: "stack", attrs: { "aria-label": "WHOOP app credentials" } },
    field("Client ID", clientId, "From your app in WHOOP's developer dashboard."),
    field("Client secret", secret, "Checked with WHOOP, then stored only inside your encrypted vault; Ironkeep never shows it again."),
    save,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearMessages();
    busy([save], async () => {
      await call(commands.whoopSetup(clientId.value, secret.value, null));
      secret.value = "";
      await changed();
    }).catch(report);
  });
  host.append(
    h(
      "p",
      {},
      "Ironkeep talks to WHOOP with your own WHOOP developer app, so your data goes straight from WHOOP into this vault.",
    ),
    stepHeading(1, "your WHOOP app"),
    appGuide(status),
    form,
  );
  // Focused once the step is in the page.
  queueMicrotask(() => {
    clientId.focus();
  });
}

/** Steps 2 and 3: the redirect URI to register, then sign-in in the browser. */
export function renderSignIn(host: HTMLElement, status: WhoopStatus, changed: Changed): void {
  const redirect = status.redirect_uri ?? "";
  const start = h("button", { class: "primary", attrs: { type: "button" }, testid: "sign-in" }, "Sign in with WHOOP");
  const waiting = h("div", { class: "card whoop-waiting", attrs: { hidden: true }, testid: "sign-in-waiting" });
  const again = status.state === "needs_sign_in";
  start.addEventListener("click", () => {
    clearMessages();
    signIn(start, waiting, changed).catch(report);
  });
  const change = h("button", { attrs: { type: "button" }, testid: "change-credentials" }, "Use other app credentials");
  change.addEventListener("click", () => {
    host.replaceChildren();
    renderCredentials(host, status, changed);
  });
  append(
    host,
    again ? h("p", { class: "warning" }, "WHOOP needs you to sign in again. Your WHOOP data is kept.") : null,
    stepHeading(2, "register the redirect URI"),
    h("p", {}, "In the WHOOP developer dashboard, add exactly this redirect URI to your app:"),
    copyable(redirect, "redirect-uri"),
    stepHeading(3, "sign in"),
    h(
      "p",
      {},
      "Ironkeep opens your browser at WHOOP's sign-in page and waits here until WHOOP sends you back.",
    ),
    h("div", { class: "row" }, start, change),
    waiting,
  );
}

async function signIn(start: HTMLButtonElement, waiting: HTMLElement, changed: Changed): Promise<void> {
  const cancel = h("button", { attrs: { type: "button" }, testid: "sign-in-cancel" }, "Cancel sign-in");
  cancel.addEventListener("click", () => {
    cancel.setAttribute("disabled", "");
    commands.workCancel("sign_in").catch(report);
  });
  const channel = new Channel<SignInStarted>();
  channel.onmessage = (started) => {
    waiting.replaceChildren(
      h(
        "p",
        { attrs: { role: "status" } },
        started.browser_opened
          ? "Your browser should now show WHOOP's sign-in. Waiting for WHOOP…"
          : "Open this address in a browser to sign in to WHOOP. Waiting for WHOOP…",
      ),
      h("p", { class: "hint" }, "If no browser opened, copy this address into one:"),
      h("p", { class: "path selectable", testid: "auth-url" }, started.authorization_url),
      cancel,
    );
    waiting.hidden = false;
  };
  start.setAttribute("disabled", "");
  try {
    await call(commands.whoopSignIn(channel));
    // The first sync starts now and brings the newest days first; Today fills in as they land.
    startSync("manual").catch(report);
    await changed("Connected to WHOOP. Your newest days arrive first; the rest of your history follows in the background.");
  } catch (problem) {
    if (problem instanceof CommandError && problem.error.code === "cancelled") {
      say(problem.error.message);
    } else {
      report(problem);
    }
    waiting.hidden = true;
    waiting.replaceChildren();
  } finally {
    start.removeAttribute("disabled");
  }
}
