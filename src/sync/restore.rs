//! What a restore does to sync (docs/sync.md, "Devices"). A backup holds the sync state of
//! the device that made it; restoring must never make this vault that device, nor make a
//! member forget which files it wrote. So a restore keeps this device's own sync state (its
//! id, family, folder, the last file it wrote, a clock never behind either side), and reads
//! the logs again from where the backup had read them — its own log included, since the
//! backup predates some of its own files — so that the restored vault catches up with the
//! family instead of sending the family back in time. A backup of another family (or of a
//! vault that never synced) brings no clocks or cursors of its own: the logs are read from
//! their first files. A vault that does not sync takes no sync state from a backup, only
//! a cursor for the backup's writer (joining a family from a snapshot adds its own state
//! afterwards and reads that writer's log from there).
//!
//! Runs inside the restore's transaction on the new database (`main`), with the vault
//! being replaced attached as `old`.

use rusqlite::{Connection, OptionalExtension};

/// The restored backup's sync state: family, device, sequence, last file's hash.
type Restored = (Vec<u8>, Vec<u8>, i64, Option<Vec<u8>>);

/// Carries this device's sync state over a restore (see the module's documentation).
pub(crate) fn carry_over(tx: &Connection) -> rusqlite::Result<()> {
    let own: Option<(Vec<u8>, Vec<u8>)> = tx
        .query_row("SELECT family, device FROM old.sync_state", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let restored: Option<Restored> = tx
        .query_row(
            "SELECT family, device, sequence, last_hash FROM main.sync_state",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((family, device)) = own else {
        // Not this device's place: the backup's writer becomes a device whose log was
        // read up to the backup (what joining a family from a snapshot starts from).
        return tx.execute_batch(
            "INSERT INTO main.sync_cursor (device, sequence, hash)
                 SELECT device, sequence, last_hash FROM main.sync_state WHERE sequence > 0
                 ON CONFLICT (device) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash;
             DELETE FROM main.sync_state;
             DELETE FROM main.sync_dirty;",
        );
    };
    match restored {
        Some((their_family, writer, sequence, hash)) if their_family == family => {
            // The backup's writer's own log, read up to where the backup was made.
            tx.execute(
                "INSERT INTO main.sync_cursor (device, sequence, hash) VALUES (?1, ?2, ?3)
                 ON CONFLICT (device) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash",
                (&writer, sequence, hash),
            )?;
        }
        _ => tx.execute_batch(
            "DELETE FROM main.sync_cursor; DELETE FROM main.sync_clock; DELETE FROM main.sync_held;
             DELETE FROM main.sync_device; INSERT INTO main.sync_device SELECT * FROM old.sync_device;",
        )?,
    }
    // This device reads its own log again from the start unless the backup had read it.
    tx.execute(
        "INSERT INTO main.sync_cursor (device, sequence, hash) VALUES (?1, 0, NULL)
         ON CONFLICT (device) DO NOTHING",
        [&device],
    )?;
    tx.execute_batch(
        "CREATE TEMP TABLE restored_clock AS SELECT coalesce((SELECT clock FROM main.sync_state), 0) AS clock;
         DELETE FROM main.sync_state;
         INSERT INTO main.sync_state (id, capturing, device, clock, family, sequence, last_hash, folder)
             SELECT 1, 1, o.device, max(o.clock, (SELECT clock FROM temp.restored_clock)),
                    o.family, o.sequence, o.last_hash, o.folder
             FROM old.sync_state o;
         DROP TABLE temp.restored_clock;
         DELETE FROM main.sync_dirty;",
    )
}
