-- The family's devices, and what sync needs to remember on this device (docs/sync.md).
--
-- `sync_device` travels like any synced table: a device adds its own row when it turns
-- sync on or joins, so every member learns its name; removing a device sets its
-- `removed_at` and the last of its files the family keeps reading (`last_kept`), and every
-- member then ignores its later files. Only one device of a family holds the WHOOP
-- connection (`whoop`): WHOOP's refresh tokens are single-use and never leave that device;
-- its WHOOP records reach the others as changes. The capture triggers are generated from
-- src/sync/tables.rs, as in migration 12.
CREATE TABLE sync_device (
    id         INTEGER PRIMARY KEY,
    -- The device's id, which names its directory in the sync folder.
    gid        BLOB NOT NULL UNIQUE CHECK (length(gid) = 16),
    -- What the person calls it (the computer's name when it joined).
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    joined_at  TEXT NOT NULL CHECK (length(joined_at) BETWEEN 1 AND 40),
    removed_at TEXT CHECK (removed_at IS NULL OR length(removed_at) BETWEEN 1 AND 40),
    last_kept  INTEGER CHECK (last_kept IS NULL OR last_kept >= 0),
    -- 1 while this device holds the family's WHOOP connection.
    whoop      INTEGER NOT NULL DEFAULT 0 CHECK (whoop IN (0, 1)),
    CHECK ((removed_at IS NULL) = (last_kept IS NULL))
) STRICT;

-- What a merge settled by itself that the person should know, kept on each device until
-- dismissed: two computers added the same name (the row with the larger global id was
-- renamed, everywhere alike), or filled the same slot (a day's journal entry, a weighing at
-- one time) and the row with the smaller global id was kept, everywhere alike; the other's
-- values are kept here, so nothing typed is lost unseen. Also a field two computers changed
-- beside each other ('concurrent'): the later change is kept, the other value is kept here.
CREATE TABLE sync_note (
    id   INTEGER PRIMARY KEY,
    at   TEXT NOT NULL CHECK (length(at) BETWEEN 1 AND 40),
    tbl  TEXT NOT NULL CHECK (length(tbl) BETWEEN 1 AND 40),
    kind TEXT NOT NULL CHECK (kind IN ('renamed', 'replaced', 'concurrent')),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    -- The row not kept, its columns as they were (JSON), for 'replaced'.
    lost TEXT CHECK (lost IS NULL OR json_valid(lost))
) STRICT;

-- The sync folder on this computer (a path is this device's own).
ALTER TABLE sync_state ADD COLUMN folder TEXT CHECK (folder IS NULL OR length(folder) BETWEEN 1 AND 4096);

-- A cursor may now start before a device's first file: after a restore, this device reads
-- the logs again from where the restored backup had read them, its own log included (a row
-- for its own id, sequence 0 when the backup predates its first file).
CREATE TABLE sync_cursor_new (
    device   BLOB PRIMARY KEY NOT NULL CHECK (length(device) = 16),
    sequence INTEGER NOT NULL CHECK (sequence >= 0),
    hash     BLOB CHECK ((sequence = 0) = (hash IS NULL) AND (hash IS NULL OR length(hash) = 32))
) STRICT, WITHOUT ROWID;
INSERT INTO sync_cursor_new (device, sequence, hash) SELECT device, sequence, hash FROM sync_cursor;
DROP TABLE sync_cursor;
ALTER TABLE sync_cursor_new RENAME TO sync_cursor;

CREATE TRIGGER sync_sync_device_insert AFTER INSERT ON sync_device WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('sync_device', new.gid, '+');
END;
CREATE TRIGGER sync_sync_device_update AFTER UPDATE ON sync_device WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'sync_device', new.gid, field FROM (
            SELECT 'name' AS field WHERE old.name IS NOT new.name
            UNION ALL SELECT 'joined_at' AS field WHERE old.joined_at IS NOT new.joined_at
            UNION ALL SELECT 'removed' AS field WHERE old.removed_at IS NOT new.removed_at OR old.last_kept IS NOT new.last_kept
            UNION ALL SELECT 'whoop' AS field WHERE old.whoop IS NOT new.whoop
        );
END;
CREATE TRIGGER sync_sync_device_delete AFTER DELETE ON sync_device WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('sync_device', old.gid, '-');
END;
