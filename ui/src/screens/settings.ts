// Settings: the vault (where it lives, how it is unlocked, what it holds), and the
// person's preferences. Import and export come from `transfer.ts`.

import { commands, type VaultStatus } from "../bindings";
import { h } from "../lib/dom";
import { call } from "../lib/messages";
import type { Screen } from "../lib/router";
import { renderTransfer } from "./transfer";

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
    { attrs: { "aria-labelledby": "vault-title" }, testid: "vault-status" },
    h("h3", { attrs: { id: "vault-title" } }, "Your vault"),
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
      h("caption", {}, "Records in the vault"),
      h(
        "thead",
        {},
        h("tr", {}, h("th", { attrs: { scope: "col" } }, "Kind"), h("th", { attrs: { scope: "col" }, class: "number" }, "Count")),
      ),
      h("tbody", {}, ...counts),
    ),
  );
}

export const settingsScreen: Screen = {
  id: "settings",
  title: "Settings",
  async render(host) {
    const status = await call(commands.vaultStatus());
    const transfer = h("section", { attrs: { "aria-label": "Import and export" } });
    host.append(vaultFacts(status), transfer);
    await renderTransfer(transfer);
  },
};
