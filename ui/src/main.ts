// The vault screen: first run, unlock, status. It talks to the app only through the
// generated `commands` (src/bindings.ts), branches on `error.code` only, and writes text
// with `textContent` only, so nothing the vault holds can become markup.

import { commands, type ErrorCode, type IpcError, type VaultStatus } from "./bindings";

type Screen = "loading" | "first-run" | "unlock" | "problem" | "vault-status";
const SCREENS: readonly Screen[] = ["loading", "first-run", "unlock", "problem", "vault-status"];

/** Codes after which creating a keychain vault cannot work, so a passphrase is offered. */
const NO_KEYCHAIN: readonly ErrorCode[] = ["keychain_unavailable", "keychain_locked"];

function element<T extends HTMLElement>(id: string, kind: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof kind)) {
    throw new Error(`The page has no #${id} ${kind.name}.`);
  }
  return found;
}

const ui = {
  app: element("app", HTMLElement),
  notice: element("notice", HTMLElement),
  error: element("error", HTMLElement),
  createVault: element("create-vault", HTMLButtonElement),
  passphraseOption: element("passphrase-option", HTMLElement),
  createPassphraseForm: element("create-passphrase-form", HTMLFormElement),
  newPassphrase: element("new-passphrase", HTMLInputElement),
  confirmPassphrase: element("confirm-passphrase", HTMLInputElement),
  unlockForm: element("unlock-form", HTMLFormElement),
  passphrase: element("passphrase", HTMLInputElement),
  retry: element("retry", HTMLButtonElement),
  kitPending: element("kit-pending", HTMLElement),
  saveKit: element("save-kit", HTMLButtonElement),
  vaultId: element("vault-id", HTMLElement),
  keyMode: element("key-mode", HTMLElement),
  keychain: element("keychain", HTMLElement),
  schemaVersion: element("schema-version", HTMLElement),
  createdAt: element("created-at", HTMLTimeElement),
  recipient: element("recipient", HTMLElement),
  dataDir: element("data-dir", HTMLElement),
  countsBody: element("counts-body", HTMLTableSectionElement),
};

function show(screen: Screen): void {
  for (const id of SCREENS) {
    element(id, HTMLElement).hidden = id !== screen;
  }
  ui.app.setAttribute("aria-busy", String(screen === "loading"));
}

function say(notice: string): void {
  ui.notice.textContent = notice;
}

function alertText(message: string): void {
  say("");
  // Core messages start in lower case (they also follow "error:" in the CLI).
  ui.error.textContent = message.charAt(0).toUpperCase() + message.slice(1);
}

function fail(error: IpcError): void {
  alertText(error.message);
}

function clearMessages(): void {
  say("");
  ui.error.textContent = "";
}

/** Runs one command while its controls are disabled, so it cannot be sent twice. */
async function busy<T>(controls: readonly HTMLElement[], work: () => Promise<T>): Promise<T> {
  for (const control of controls) control.setAttribute("disabled", "");
  try {
    return await work();
  } finally {
    for (const control of controls) control.removeAttribute("disabled");
  }
}

function renderStatus(status: VaultStatus): void {
  ui.vaultId.textContent = status.vault_id;
  ui.keyMode.textContent = status.key_mode;
  ui.keychain.textContent = status.keychain;
  ui.schemaVersion.textContent = String(status.schema_version);
  ui.createdAt.dateTime = status.created_at;
  const created = new Date(status.created_at);
  ui.createdAt.textContent = Number.isNaN(created.getTime())
    ? status.created_at
    : created.toLocaleString();
  ui.recipient.textContent = status.recipient;
  ui.dataDir.textContent = status.data_dir;

  const rows = status.counts.map(({ kind, count }) => {
    const row = document.createElement("tr");
    const name = document.createElement("th");
    name.scope = "row";
    name.textContent = kind;
    const value = document.createElement("td");
    value.className = "number";
    value.textContent = String(count);
    row.append(name, value);
    return row;
  });
  ui.countsBody.replaceChildren(...rows);
  show("vault-status");
}

async function openWithKeychain(): Promise<void> {
  show("loading");
  const result = await commands.vaultStatus();
  if (result.status === "error") {
    fail(result.error);
    show("problem");
    return;
  }
  renderStatus(result.data);
}

async function start(): Promise<void> {
  clearMessages();
  show("loading");
  const presence = await commands.vaultPresence();
  if (presence.status === "error") {
    fail(presence.error);
    show("problem");
    return;
  }
  if (presence.data.kind === "empty") {
    show("first-run");
    ui.createVault.focus();
  } else if (presence.data.key_mode === "passphrase") {
    show("unlock");
    ui.passphrase.focus();
  } else {
    await openWithKeychain();
  }
}

async function create(passphrase: string | null): Promise<void> {
  clearMessages();
  const controls = [ui.createVault, ...ui.createPassphraseForm.querySelectorAll("button")];
  const result = await busy(controls, () => commands.vaultCreate(passphrase));
  if (result.status === "ok") {
    ui.createPassphraseForm.reset();
    renderStatus(result.data);
    say("Your vault is ready and its recovery kit is saved.");
    return;
  }
  const { error } = result;
  switch (error.code) {
    case "cancelled":
      say(error.message);
      return;
    case "kit_not_saved": {
      // The vault exists and is open in the app; only its kit still needs a home.
      fail(error);
      ui.kitPending.hidden = false;
      const status = await commands.vaultStatus();
      if (status.status === "ok") renderStatus(status.data);
      return;
    }
    default:
      fail(error);
      if (NO_KEYCHAIN.includes(error.code)) {
        ui.passphraseOption.hidden = false;
        ui.newPassphrase.focus();
      }
  }
}

async function unlock(): Promise<void> {
  clearMessages();
  const controls = [...ui.unlockForm.querySelectorAll("button")];
  const result = await busy(controls, () => commands.vaultUnlock(ui.passphrase.value));
  ui.passphrase.value = "";
  if (result.status === "ok") {
    renderStatus(result.data);
    return;
  }
  fail(result.error);
  ui.passphrase.focus();
}

async function saveKit(): Promise<void> {
  clearMessages();
  const result = await busy([ui.saveKit], () => commands.vaultSaveKit());
  if (result.status === "ok") {
    ui.kitPending.hidden = true;
    say("The recovery kit is saved.");
  } else if (result.error.code === "cancelled") {
    say(result.error.message);
  } else {
    fail(result.error);
  }
}

/** Reports a failure that is not a command error (a bug or a broken bridge) in the alert. */
function report(problem: unknown): void {
  alertText(problem instanceof Error ? problem.message : "Something went wrong in the window.");
}

ui.createVault.addEventListener("click", () => {
  create(null).catch(report);
});

function checkRepeatedPassphrase(): void {
  const same = ui.confirmPassphrase.value === ui.newPassphrase.value;
  ui.confirmPassphrase.setCustomValidity(same ? "" : "Type the same passphrase twice.");
}
ui.newPassphrase.addEventListener("input", checkRepeatedPassphrase);
ui.confirmPassphrase.addEventListener("input", checkRepeatedPassphrase);

ui.createPassphraseForm.addEventListener("submit", (event) => {
  event.preventDefault();
  create(ui.newPassphrase.value).catch(report);
});

ui.unlockForm.addEventListener("submit", (event) => {
  event.preventDefault();
  unlock().catch(report);
});

ui.retry.addEventListener("click", () => {
  start().catch(report);
});

ui.saveKit.addEventListener("click", () => {
  saveKit().catch(report);
});

start().catch(report);
