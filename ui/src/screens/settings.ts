// Settings, in the order people need them: units, plates, rest and theme first, then
// import and export, sync between computers (`settings-sync.ts`), where the data lives, the public key, keys, the facts about the vault
// (id, schema, what it holds) under "About this vault", and erasing it last. Import, export
// and the unit field come from `transfer.ts`.
//
// The screen draws from its store (the vault's status and training preferences); every
// change asks the vault again, so the facts and counts always say what the vault holds.

import { commands, type KeyMode, type PlateSet, type SyncView, type TrainingPrefs, type VaultStatus } from "../bindings";
import { confirmDialog } from "../lib/confirm";
import { field, h, uniqueId } from "../lib/dom";
import { CommandError, busy, call, report, say } from "../lib/messages";
import type { Screen } from "../lib/router";
import { showFromVault, type VaultView } from "../lib/store";
import { chooseTheme, storedTheme, type Theme } from "../lib/theme";
import { NOTICE_AFTER_RELOAD } from "./backups";
import { loadPlates, platesSection } from "./settings-plates";
import { restSection } from "./settings-rest";
import { loadSync, syncSection } from "./settings-sync";
import { renderTransfer, unitSection } from "./transfer";

/** What Settings shows, as the vault answered. */
interface SettingsState {
  status: VaultStatus;
  prefs: TrainingPrefs;
  plates: PlateSet[];
  sync: SyncView;
}

type View = VaultView<SettingsState>;

async function load(): Promise<SettingsState> {
  const [status, prefs, plates, sync] = await Promise.all([
    call(commands.vaultStatus()),
    call(commands.trainingPrefs()),
    loadPlates(),
    loadSync(),
  ]);
  return { status, prefs, plates, sync };
}

function vaultFacts(status: VaultStatus): HTMLElement {
  const created = new Date(status.created_at);
  const fact = (term: string, testid: string, value: string, cls?: string): HTMLElement[] => [
    h("dt", {}, term),
    h("dd", { testid, class: cls }, value),
  ];
  const counts = status.counts.map(({ kind, count }) =>
    h("tr", {}, h("th", { attrs: { scope: "row" } }, kind), h("td", { class: "number" }, String(count))),
  );
  return h(
    "section",
    { class: "card", attrs: { "aria-labelledby": "vault-title" }, testid: "vault-status" },
    h("h3", { attrs: { id: "vault-title" } }, "About this vault"),
    h(
      "dl",
      { class: "facts" },
      ...fact("Vault ID", "vault-id", status.vault_id, "path"),
      ...fact("Unlocked with", "key-mode", status.key_mode),
      ...fact("Keychain", "keychain", status.keychain),
      ...fact("Schema version", "schema-version", String(status.schema_version)),
      ...fact(
        "Created",
        "created-at",
        Number.isNaN(created.getTime()) ? status.created_at : created.toLocaleString(),
      ),
      ...fact("Public key for backups", "recipient", status.recipient, "path"),
      ...fact("Data folder", "data-dir", status.data_dir, "path"),
    ),
    h(
      "table",
      { class: "counts", testid: "counts" },
      h("caption", {}, "What the vault holds"),
      h(
        "thead",
        {},
        h("tr", {}, h("th", { attrs: { scope: "col" } }, "Kind"), h("th", { attrs: { scope: "col" }, class: "number" }, "How many")),
      ),
      h("tbody", {}, ...counts),
    ),
  );
}

/** Units, bar and plates, rest and theme: what people change first. */
function preferencesSection(state: SettingsState, view: View): HTMLElement {
  return h(
    "section",
    { class: "card stack", attrs: { "aria-labelledby": "prefs-title" }, testid: "preferences" },
    h("h3", { attrs: { id: "prefs-title" } }, "Units, rest and appearance"),
    unitSection(state.prefs.unit, view.changed),
    platesSection(state.plates, view.changed),
    restSection(state.prefs.rest, view.changed),
    themeChoice(),
  );
}

/** Light, dark, or the system's theme; applied at once. */
function themeChoice(): HTMLElement {
  const current = storedTheme();
  const options: readonly { value: Theme; label: string }[] = [
    { value: "system", label: "Same as the system" },
    { value: "light", label: "Light" },
    { value: "dark", label: "Dark" },
  ];
  const choices = options.map(({ value, label }) => {
    const input = h("input", { attrs: { type: "radio", name: "theme", value, id: uniqueId("theme") }, testid: `theme-${value}` });
    input.checked = value === current;
    input.addEventListener("change", () => {
      if (input.checked) chooseTheme(value);
    });
    return h("div", { class: "check" }, input, h("label", { attrs: { for: input.id } }, label));
  });
  return h("fieldset", { class: "choices" }, h("legend", {}, "Theme"), ...choices);
}

/** Where the data lives and how to move it. */
function locationSection(status: VaultStatus): HTMLElement {
  return h(
    "section",
    { class: "card", attrs: { "aria-labelledby": "location-title" } },
    h("h3", { attrs: { id: "location-title" } }, "Where your data lives"),
    h("p", { class: "path", testid: "data-location" }, status.data_dir),
    h(
      "p",
      { class: "hint" },
      "To move it: quit Ironkeep, move this whole folder (for example to another disk), then start Ironkeep with " +
        "the environment variable IRONKEEP_DATA_DIR set to the folder's new place. Everything in it is encrypted; " +
        "a synced folder is better used as the backups folder (see Backups) than for the vault itself.",
    ),
  );
}

/** The vault's public key, to share with an athlete's or a coach's counterpart. */
function shareSection(status: VaultStatus): HTMLElement {
  const key = h("input", { attrs: { type: "text", readonly: true, value: status.recipient, spellcheck: "false" }, testid: "share-recipient" });
  key.addEventListener("focus", () => {
    key.select();
  });
  return h(
    "section",
    { class: "card", attrs: { "aria-labelledby": "share-title" } },
    h("h3", { attrs: { id: "share-title" } }, "Your public key"),
    field(
      "Public key (safe to share)",
      key,
      "A coach gives this to their athletes: an athlete adds it when making a backup, and the coach can then open " +
        "that backup with their own recovery kit. It opens nothing by itself.",
    ),
  );
}

/** The vault passphrase field shown in passphrase mode, for work that reopens the vault. */
function vaultPassphraseField(keyMode: KeyMode, testid: string): { input: HTMLInputElement; fields: HTMLElement[] } {
  const input = h("input", { attrs: { type: "password", autocomplete: "current-password" }, testid });
  return {
    input,
    fields: keyMode === "passphrase" ? [field("This vault's passphrase", input, "Needed to reopen the vault.")] : [],
  };
}

/** Key rotation and a new recovery kit. */
function keysSection(status: VaultStatus, view: View): HTMLElement {
  const rotating = h("progress", { attrs: { "aria-label": "Rotating the key" }, testid: "key-rotate-progress" });
  rotating.hidden = true;
  const rotate = h("button", { attrs: { type: "button" }, testid: "key-rotate" }, "Rotate the database key…");
  rotate.addEventListener("click", () => {
    const pass = vaultPassphraseField(status.key_mode, "rotate-vault-passphrase");
    confirmDialog({
      title: "Rotate the database key?",
      body: [
        "The vault is re-encrypted under a new random key, stored where the old one was. Your recovery kit and " +
          "backups keep working. Do this if you think the key may have been exposed.",
      ],
      fields: pass.fields,
      ready: () => status.key_mode !== "passphrase" || pass.input.value !== "",
      confirm: "Rotate the key",
      keep: "Cancel",
      testid: "rotate",
    })
      .then(async (confirmed) => {
        if (!confirmed) return;
        const typed = status.key_mode === "passphrase" ? pass.input.value : null;
        pass.input.value = "";
        rotating.hidden = false;
        try {
          await busy([rotate], () => call(commands.keyRotate(typed)));
          say("The database key was rotated.");
        } finally {
          rotating.hidden = true;
        }
      })
      .catch(report);
  });

  const newKit = h("button", { attrs: { type: "button" }, testid: "kit-rotate" }, "Make a new recovery kit…");
  newKit.addEventListener("click", () => {
    confirmDialog({
      title: "Make a new recovery kit?",
      body: [
        "A new kit is saved where you choose next, and new backups are encrypted to it. The old kit stops working " +
          "for new backups — but backups made before still need the old kit, so keep it as long as you keep them.",
      ],
      confirm: "Make a new kit",
      keep: "Cancel",
      testid: "kit",
    })
      .then(async (confirmed) => {
        if (!confirmed) return;
        try {
          const recipient = await busy([newKit], () => call(commands.kitRotate()));
          await view.changed(`The new recovery kit is saved; its public key is ${recipient}.`);
        } catch (problem) {
          if (problem instanceof CommandError && problem.error.code === "cancelled") say(problem.error.message);
          else throw problem;
        }
      })
      .catch(report);
  });

  return h(
    "section",
    { class: "card", attrs: { "aria-labelledby": "keys-title" } },
    h("h3", { attrs: { id: "keys-title" } }, "Keys"),
    h("div", { class: "actions" }, rotate, rotating),
    h(
      "p",
      { class: "hint" },
      "The recovery kit opens this vault and its backups if the keychain is lost. Make a new one if the old one " +
        "may have been seen by someone else.",
    ),
    newKit,
  );
}

/** Erasing the vault, with a typed confirmation. */
function wipeSection(status: VaultStatus): HTMLElement {
  const open = h("button", { attrs: { type: "button" }, class: "danger", testid: "wipe-open" }, "Erase this vault…");
  open.addEventListener("click", () => {
    const typed = h("input", { attrs: { type: "text", autocomplete: "off", spellcheck: "false" }, testid: "wipe-confirmation" });
    const backups = h("input", { attrs: { type: "checkbox", id: uniqueId("wipe-backups") }, testid: "wipe-backups" });
    const pass = vaultPassphraseField(status.key_mode, "wipe-vault-passphrase");
    const matches = (): boolean => {
      const text = typed.value.trim();
      return text === "wipe" || text === status.vault_id;
    };
    confirmDialog({
      title: "Erase this vault for good?",
      body: [
        "Its database, keys and keychain entries are deleted from this computer; nothing can bring them back " +
          "except a backup and its recovery kit. Ironkeep then starts as on first run.",
        h("p", {}, "Type ", h("strong", {}, "wipe"), " or the vault ID ", h("strong", { class: "path" }, status.vault_id), " to confirm."),
      ],
      fields: [
        field("Confirmation", typed),
        h("div", { class: "check" }, backups, h("label", { attrs: { for: backups.id } }, "Also delete this vault's backups in the backups folder")),
        ...pass.fields,
      ],
      ready: () => matches() && (status.key_mode !== "passphrase" || pass.input.value !== ""),
      confirm: "Erase for good",
      keep: "Keep my vault",
      testid: "wipe",
    })
      .then(async (confirmed) => {
        if (!confirmed) return;
        const vaultPass = status.key_mode === "passphrase" ? pass.input.value : null;
        pass.input.value = "";
        const erased = await busy([open], () => call(commands.vaultWipe(typed.value, backups.checked, vaultPass)));
        sessionStorage.setItem(
          NOTICE_AFTER_RELOAD,
          `Vault ${erased.vault_id} was erased (${String(erased.files_deleted)} file(s), ` +
            `${String(erased.backups_deleted)} backup(s)). ${erased.remaining_copies}`,
        );
        location.hash = "";
        location.reload();
      })
      .catch(report);
  });
  return h(
    "section",
    { class: "card danger-zone", attrs: { "aria-labelledby": "wipe-title" } },
    h("h3", { attrs: { id: "wipe-title" } }, "Erase the vault"),
    h("p", { class: "hint" }, "Deletes everything Ironkeep keeps on this computer. Copies of backups elsewhere stay readable with the recovery kit."),
    open,
  );
}

export const settingsScreen: Screen = {
  id: "settings",
  title: "Settings",
  async render(host) {
    // Import and export keep their own progress and result while the rest redraws; an
    // import changes what the vault holds, so the screen asks the vault again after one.
    const transfer = h("section", { attrs: { "aria-label": "Import and export" } });
    let view: View | null = null;
    renderTransfer(transfer, () => view?.reload() ?? Promise.resolve());
    view = await showFromVault(host, load, (state, shown) => [
      preferencesSection(state, shown),
      transfer,
      syncSection(state.sync, shown.changed),
      locationSection(state.status),
      shareSection(state.status),
      keysSection(state.status, shown),
      vaultFacts(state.status),
      wipeSection(state.status),
    ]);
  },
};
