// The app's entry: the vault gate (first run — new or restored from a backup —, unlock,
// problems), then the shell with its screens. It talks to the app only through the generated `commands` (src/bindings.ts),
// branches on `error.code` only, and writes text with `textContent` only.

import { commands, type BackupUnlock, type ErrorCode, type IpcError } from "./bindings";
import { element } from "./lib/dom";
import { CommandError, alertText, busy, clearMessages, fail, report, say } from "./lib/messages";
import { withProgress } from "./lib/progress";
import * as router from "./lib/router";
import { applyTheme, storedTheme } from "./lib/theme";
import { NOTICE_AFTER_RELOAD, backupsScreen, describeStep } from "./screens/backups";
import { bodyScreen } from "./screens/body";
import { exercisesScreen } from "./screens/exercises";
import { historyScreen } from "./screens/history";
import { insightsScreen } from "./screens/insights";
import { reportScreen } from "./screens/report";
import { routinesScreen } from "./screens/routines";
import { settingsScreen } from "./screens/settings";
import { listenForSync } from "./screens/settings-sync";
import { todayScreen } from "./screens/today";
import { whoopScreen } from "./screens/whoop";
import { workoutScreen } from "./screens/workout";
import { saveDraftsOnClose } from "./screens/workout-drafts";

type Gate = "loading" | "first-run" | "unlock" | "problem" | "shell";
const GATES: readonly Gate[] = ["loading", "first-run", "unlock", "problem", "shell"];

/** Codes after which creating a keychain vault cannot work, so a passphrase is offered. */
const NO_KEYCHAIN: readonly ErrorCode[] = ["keychain_unavailable", "keychain_locked"];

const ui = {
  app: element("app", HTMLElement),
  nav: element("nav", HTMLElement),
  screen: element("screen", HTMLElement),
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
  restoreForm: element("restore-first-run-form", HTMLFormElement),
  restoreWithPassphrase: element("restore-with-passphrase", HTMLInputElement),
  restoreWithKit: element("restore-with-kit", HTMLInputElement),
  restoreBackupPassphraseField: element("restore-backup-passphrase-field", HTMLElement),
  restoreBackupPassphrase: element("restore-backup-passphrase", HTMLInputElement),
  restoreVaultPassphraseFields: element("restore-vault-passphrase-fields", HTMLElement),
  restoreVaultPassphrase: element("restore-vault-passphrase", HTMLInputElement),
  restoreVaultPassphraseRepeat: element("restore-vault-passphrase-repeat", HTMLInputElement),
  joinForm: element("join-first-run-form", HTMLFormElement),
  joinName: element("join-name", HTMLInputElement),
};

/**
 * Shows a failure; the keychain ones in the window's own terms (the core's message names
 * the command line's `init --passphrase`), offering the passphrase forms instead.
 */
function failGate(error: IpcError): void {
  switch (error.code) {
    case "keychain_unavailable":
      alertText(
        "This computer has no system keychain Ironkeep can use, so the vault's key cannot be kept there. " +
          "Protect the vault with a passphrase instead: choose one below.",
      );
      break;
    case "keychain_locked":
      alertText(
        "The system keychain is locked or did not answer. Unlock it (for example by logging in again) and try " +
          "again, or protect the vault with a passphrase instead: choose one below.",
      );
      break;
    default:
      fail(error);
      return;
  }
  ui.passphraseOption.hidden = false;
  ui.restoreVaultPassphraseFields.hidden = false;
  ui.restoreVaultPassphrase.required = true;
  ui.restoreVaultPassphraseRepeat.required = true;
}

/** Shows the notice a screen left before it reloaded the window (after a restore or a wipe). */
function sayPendingNotice(): void {
  const pending = sessionStorage.getItem(NOTICE_AFTER_RELOAD);
  if (pending === null) return;
  sessionStorage.removeItem(NOTICE_AFTER_RELOAD);
  say(pending);
}

function show(gate: Gate): void {
  for (const id of GATES) {
    element(id, HTMLElement).hidden = id !== gate;
  }
  ui.nav.hidden = gate !== "shell";
  ui.app.setAttribute("aria-busy", String(gate === "loading"));
}

let shellMounted = false;

/** The vault is open: show the screens, starting at Today. */
async function enterShell(): Promise<void> {
  show("shell");
  if (!shellMounted) {
    router.mount(ui.nav, ui.screen, [
      todayScreen,
      workoutScreen,
      historyScreen,
      exercisesScreen,
      routinesScreen,
      bodyScreen,
      whoopScreen,
      insightsScreen,
      reportScreen,
      backupsScreen,
      settingsScreen,
    ]);
    shellMounted = true;
  }
  listenForSync();
  // Name Today in place (no hashchange): a second render from the event would clear the
  // notice said right after entering.
  if (!location.hash.startsWith("#/")) history.replaceState(null, "", "#/today");
  await router.start("today");
}

async function openWithKeychain(): Promise<void> {
  show("loading");
  const result = await commands.vaultStatus();
  if (result.status === "error") {
    fail(result.error);
    show("problem");
    return;
  }
  await enterShell();
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
  sayPendingNotice();
}

async function create(passphrase: string | null): Promise<void> {
  clearMessages();
  const controls = [ui.createVault, ...ui.createPassphraseForm.querySelectorAll("button")];
  const result = await busy(controls, () => commands.vaultCreate(passphrase));
  if (result.status === "ok") {
    ui.createPassphraseForm.reset();
    await enterShell();
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
      ui.kitPending.hidden = false;
      await enterShell();
      fail(error);
      return;
    }
    default:
      failGate(error);
      if (NO_KEYCHAIN.includes(error.code)) ui.newPassphrase.focus();
  }
}

/** First run from a backup: the app creates the vault and restores the chosen backup into it. */
async function restoreFirstRun(): Promise<void> {
  clearMessages();
  const unlock: BackupUnlock = ui.restoreWithPassphrase.checked
    ? { kind: "passphrase", passphrase: ui.restoreBackupPassphrase.value }
    : { kind: "kit_file" };
  const vaultPassphrase = ui.restoreVaultPassphraseFields.hidden ? null : ui.restoreVaultPassphrase.value;
  try {
    await withProgress({
      title: "Restoring from a backup",
      work: "restore",
      start: (channel) => commands.vaultCreateFromBackup(unlock, vaultPassphrase, channel),
      describe: describeStep,
    });
  } catch (problem) {
    if (!(problem instanceof CommandError)) throw problem;
    const { error } = problem;
    if (error.code === "cancelled") {
      say(error.message);
    } else if (error.code === "kit_not_saved") {
      ui.kitPending.hidden = false;
      await enterShell();
      fail(error);
    } else if (error.code === "passphrase_required") {
      alertText("This backup is protected by a passphrase: choose “Its passphrase”, type it, and try again.");
    } else if (error.code === "kit_required") {
      alertText("This backup is encrypted to a recovery kit, not a passphrase: choose “Its recovery kit file”.");
    } else {
      failGate(error);
    }
    return;
  }
  ui.restoreForm.reset();
  syncRestoreForm();
  await enterShell();
  say("Your vault is restored from the backup.");
}

/** First run by joining a sync family: a vault made from the folder's newest snapshot. */
async function joinFirstRun(): Promise<void> {
  clearMessages();
  const result = await commands.syncJoin(ui.joinName.value);
  if (result.status === "error") {
    if (result.error.code === "cancelled") say(result.error.message);
    else failGate(result.error);
    return;
  }
  ui.joinForm.reset();
  await enterShell();
  say(`This computer joined its sync family; ${String(result.data.report.files_read)} file(s) merged after the snapshot.`);
}

function syncRestoreForm(): void {
  const withPassphrase = ui.restoreWithPassphrase.checked;
  ui.restoreBackupPassphraseField.hidden = !withPassphrase;
  ui.restoreBackupPassphrase.required = withPassphrase;
}

async function unlock(): Promise<void> {
  clearMessages();
  const controls = [...ui.unlockForm.querySelectorAll("button")];
  const result = await busy(controls, () => commands.vaultUnlock(ui.passphrase.value));
  ui.passphrase.value = "";
  if (result.status === "ok") {
    await enterShell();
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

for (const radio of [ui.restoreWithKit, ui.restoreWithPassphrase]) {
  radio.addEventListener("change", syncRestoreForm);
}

function checkRepeatedVaultPassphrase(): void {
  const same = ui.restoreVaultPassphraseRepeat.value === ui.restoreVaultPassphrase.value;
  ui.restoreVaultPassphraseRepeat.setCustomValidity(same ? "" : "Type the same passphrase twice.");
}
ui.restoreVaultPassphrase.addEventListener("input", checkRepeatedVaultPassphrase);
ui.restoreVaultPassphraseRepeat.addEventListener("input", checkRepeatedVaultPassphrase);

ui.restoreForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const controls = [...ui.restoreForm.querySelectorAll("button")];
  busy(controls, restoreFirstRun).catch(report);
});

ui.joinForm.addEventListener("submit", (event) => {
  event.preventDefault();
  busy([...ui.joinForm.querySelectorAll("button")], joinFirstRun).catch(report);
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

applyTheme(storedTheme());
saveDraftsOnClose();
start().catch(report);
