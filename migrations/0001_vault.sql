-- The vault itself: metadata, the recovery identity, and the audit log.

CREATE TABLE vault_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- The recovery kit's identity, kept so the app can verify and restore its own backups and
-- export the kit again. Retired identities stay: older backups were made to them.
CREATE TABLE recovery_identity (
    id         INTEGER PRIMARY KEY,
    identity   TEXT NOT NULL CHECK (identity LIKE 'AGE-SECRET-KEY-1%'),
    recipient  TEXT NOT NULL UNIQUE CHECK (recipient LIKE 'age1%'),
    created_at TEXT NOT NULL,
    retired_at TEXT
) STRICT;

CREATE UNIQUE INDEX recovery_identity_one_active
    ON recovery_identity ((retired_at IS NULL)) WHERE retired_at IS NULL;

-- Security events. Never a key, token, secret or health value.
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    event  TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX audit_log_at ON audit_log (at);
