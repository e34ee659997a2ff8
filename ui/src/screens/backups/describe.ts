// How the Backups screen and the first-run restore describe backups to the person:
// progress steps, sizes, dates, a manifest in one line, and failures whose core message
// names command-line flags.

import type { BackupStep, Manifest } from "../../bindings";
import type { CommandError } from "../../lib/messages";

const STEP_LABELS: Record<BackupStep, string> = {
  choosing: "Waiting for you to choose a file…",
  writing: "Encrypting and writing the backup…",
  checking: "Decrypting and checking the backup…",
  creating: "Creating the new vault…",
  restoring: "Replacing the vault's contents…",
  reopening: "Opening the restored vault…",
};

/** The progress label of a backup or restore step (shared with the first-run restore). */
export function describeStep(step: BackupStep): { fraction: null; label: string } {
  return { fraction: null, label: STEP_LABELS[step] };
}

/** A size in bytes as people read it ("?" when unknown). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "?";
  if (bytes < 1024) return `${String(bytes)} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit] ?? "GB"}`;
}

/** An RFC 3339 time in the person's locale (the text itself if it does not parse). */
export function formatDate(rfc3339: string): string {
  const date = new Date(rfc3339);
  return Number.isNaN(date.getTime()) ? rfc3339 : date.toLocaleString();
}

/** How many rows a table of the backup holds, from its manifest. */
export function rowsOf(manifest: Manifest, table: string): number {
  return manifest.counts.find((c) => c.table === table)?.rows ?? 0;
}

/** A one-line description of a backup's manifest. */
export function manifestLine(manifest: Manifest): string {
  return (
    `made ${formatDate(manifest.created_at)} by Ironkeep ${manifest.app_version}, ` +
    `schema version ${String(manifest.schema_version)}, ` +
    `${String(rowsOf(manifest, "session"))} sessions`
  );
}

/** The GUI sentence for a failure whose core message names CLI flags; else the message. */
export function explain(error: CommandError): string {
  switch (error.error.code) {
    case "passphrase_required":
      return "This backup is protected by a passphrase: choose “Its passphrase” below, type it, and try again.";
    case "kit_required":
      return "This backup is encrypted to recovery kits, not a passphrase: choose this vault's kits or a kit file.";
    default:
      return error.error.message;
  }
}
