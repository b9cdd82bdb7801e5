// The first schema: device facts, the staff roster with PIN hashes, and the two append-only,
// hash-chained logs. Nothing here may hold a citizen's identity.
export const up = /* sql */ `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE staff (
  id                    INTEGER PRIMARY KEY,
  display_name          TEXT NOT NULL,
  role                  TEXT NOT NULL CHECK (role IN ('lead', 'staff', 'office')),
  handles_personal_data INTEGER NOT NULL DEFAULT 1 CHECK (handles_personal_data IN (0, 1)),
  pin_hash              BLOB NOT NULL,
  pin_salt              BLOB NOT NULL,
  pin_cost              TEXT NOT NULL,
  failed_attempts       INTEGER NOT NULL DEFAULT 0,
  locked_until          TEXT,
  active                INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at            TEXT NOT NULL
) STRICT;

CREATE TABLE access_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
) STRICT;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;

CREATE TABLE deletion_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
) STRICT;
CREATE TRIGGER deletion_log_no_update BEFORE UPDATE ON deletion_log BEGIN SELECT RAISE(ABORT, 'deletion_log is append-only'); END;
CREATE TRIGGER deletion_log_no_delete BEFORE DELETE ON deletion_log BEGIN SELECT RAISE(ABORT, 'deletion_log is append-only'); END;
`;
