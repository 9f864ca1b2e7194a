-- CHC Monitor schema, version 2 (issue 9): row versions, the audit log and
-- the package bookkeeping.  Applied by chc-database.c (migrate_to_2), which
-- then gives every existing row its version.  The triggers that keep these
-- tables are TEMP triggers created on every connection (chc-database-sync.c).

-- A project is matched across databases by this id.
ALTER TABLE project ADD COLUMN uid TEXT;
UPDATE project SET uid = lower (hex (randomblob (16)));
CREATE UNIQUE INDEX project_uid ON project (uid);

-- The tick at which a row was created, when it was written in bulk (a CSV
-- import) without a row_version of its own: its creator is the
-- installation of that tick (epoch) until it changes.
ALTER TABLE facility ADD COLUMN created_tick INTEGER;
ALTER TABLE capability ADD COLUMN created_tick INTEGER;
ALTER TABLE signing ADD COLUMN created_tick INTEGER;
ALTER TABLE tcm_site_event ADD COLUMN created_tick INTEGER;
ALTER TABLE tcm_specialty_clinic ADD COLUMN created_tick INTEGER;
ALTER TABLE tcm_demo ADD COLUMN created_tick INTEGER;
ALTER TABLE tcm_visits ADD COLUMN created_tick INTEGER;
ALTER TABLE tcm_training ADD COLUMN created_tick INTEGER;
ALTER TABLE project ADD COLUMN created_tick INTEGER;
ALTER TABLE milestone ADD COLUMN created_tick INTEGER;
UPDATE facility SET created_tick = 1;
UPDATE capability SET created_tick = 1;
UPDATE signing SET created_tick = 1;
UPDATE tcm_site_event SET created_tick = 1;
UPDATE tcm_specialty_clinic SET created_tick = 1;
UPDATE tcm_demo SET created_tick = 1;
UPDATE tcm_visits SET created_tick = 1;
UPDATE tcm_training SET created_tick = 1;
UPDATE project SET created_tick = 1;
UPDATE milestone SET created_tick = 1;

-- The installation id in effect from a tick of this file's clock on (a
-- copied or restored file becomes a new installation).
CREATE TABLE epoch (
  from_tick    INTEGER PRIMARY KEY,
  installation TEXT NOT NULL
);

-- The version of a row of a tracked table, by its natural key, once it was
-- typed, changed, merged or deleted (a row written in bulk has none until
-- then: see created_tick).  A deleted row stays as a tombstone
-- (deleted = 1) so that the deletion travels in packages.
CREATE TABLE row_version (
  tbl          TEXT NOT NULL,
  row_key      TEXT NOT NULL,
  uid          TEXT NOT NULL,              -- stable id of the row
  created_by   TEXT NOT NULL,              -- installation that created it …
  created_tick INTEGER NOT NULL,           -- … at this tick of its clock
  changed_by   TEXT NOT NULL,              -- installation that last changed it
  changed_at   TEXT NOT NULL,
  tick         INTEGER NOT NULL,           -- this database's clock at the last write
  version      INTEGER NOT NULL DEFAULT 1, -- change counter
  vv           TEXT NOT NULL DEFAULT '{}', -- version vector {installation: tick}
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  PRIMARY KEY (tbl, row_key)
) WITHOUT ROWID;
CREATE INDEX row_version_tick ON row_version (tick);

-- The stamp (installation, tick) of the last change of a field, for fields
-- changed after their row was created (else the row's created stamp).
CREATE TABLE field_stamp (
  tbl          TEXT NOT NULL,
  row_key      TEXT NOT NULL,
  field        TEXT NOT NULL,
  installation TEXT NOT NULL,
  tick         INTEGER NOT NULL,
  PRIMARY KEY (tbl, row_key, field)
) WITHOUT ROWID;

-- One row per changed field; an inserted or deleted row is one row with
-- field '*' and the row as JSON in new / old.  The rows of a bulk import
-- are one row with row_key '*' and their number: each of them has its
-- tick in created_tick.
CREATE TABLE audit (
  id           INTEGER PRIMARY KEY,
  tick         INTEGER NOT NULL,
  at           TEXT NOT NULL,              -- local time YYYY-MM-DD HH:MM:SS
  os_user      TEXT NOT NULL,
  installation TEXT NOT NULL,
  origin       TEXT NOT NULL,              -- entry | import FILE | merge FILE | restore FILE
  tbl          TEXT NOT NULL,
  row_key      TEXT NOT NULL,
  field        TEXT NOT NULL,
  old,
  new
);
CREATE INDEX audit_row ON audit (tbl, row_key);
CREATE INDEX audit_at ON audit (at);

-- The last package made for a recipient (and a centre, or '' for all).
CREATE TABLE package_log (
  recipient TEXT NOT NULL,
  scope     TEXT NOT NULL,
  tick      INTEGER NOT NULL,
  at        TEXT NOT NULL,
  sha256    TEXT NOT NULL,
  PRIMARY KEY (recipient, scope)
) WITHOUT ROWID;

-- Packages merged here.
CREATE TABLE merge_log (
  id                  INTEGER PRIMARY KEY,
  at                  TEXT NOT NULL,
  source_installation TEXT NOT NULL,
  sha256              TEXT NOT NULL,
  file                TEXT NOT NULL,
  n_applied           INTEGER NOT NULL
);
