-- index audit_log_at
CREATE INDEX audit_log_at ON audit_log (at);
-- index recovery_identity_one_active
CREATE UNIQUE INDEX recovery_identity_one_active
    ON recovery_identity ((retired_at IS NULL)) WHERE retired_at IS NULL;
-- table audit_log
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    event  TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
) STRICT;
-- table recovery_identity
CREATE TABLE recovery_identity (
    id         INTEGER PRIMARY KEY,
    identity   TEXT NOT NULL CHECK (identity LIKE 'AGE-SECRET-KEY-1%'),
    recipient  TEXT NOT NULL UNIQUE CHECK (recipient LIKE 'age1%'),
    created_at TEXT NOT NULL,
    retired_at TEXT
) STRICT;
-- table vault_meta
CREATE TABLE vault_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
