-- CHC Monitor schema, version 7 (issue 15): the monthly reporting cycle.
--
-- A data set (data/elements.ini, [dataset CODE]) is reported by each
-- facility of the types its schedule names, for each period, by a due day.
-- report_schedule holds a district's changes to the built-in schedule (the
-- defaults are declared with the data sets); it is the commission's own
-- setting and is not exchanged.
--
-- report_state is the state of one facility's report of one data set and
-- period, once it has been submitted: 'submitted' (by the centre, in the
-- window or by its package arriving), then 'approved' or 'returned' (with
-- a comment) by the commission.  "Not started" and "entered" have no row:
-- they are read from the values themselves.  Tracked: the states travel in
-- packages with their audit entries.
--
-- period_lock: a whole district-period locked by the commission.  An
-- approved report locks that facility's figures of its data set and
-- period; a period lock locks every figure of the district's facilities
-- (and the district's own figures) for that period.  The locks are
-- enforced by TEMP triggers of the store (chc-database-reporting.c) on
-- every write: entry, import and merge alike.  Tracked.
--
-- bulletin_issue gains what reproduces an issued bulletin exactly: the
-- issuing body, the figures it used (JSON) and their SHA-256.

CREATE TABLE report_schedule (
  district_id   INTEGER NOT NULL REFERENCES district (id),
  dataset       TEXT NOT NULL CHECK (length (dataset) BETWEEN 1 AND 64 AND dataset NOT GLOB '*[^a-z0-9_]*'),
  due_day       INTEGER NOT NULL CHECK (due_day BETWEEN 1 AND 31),
  due_months    INTEGER NOT NULL DEFAULT 1 CHECK (due_months BETWEEN 0 AND 12),
  reporters     TEXT NOT NULL,      -- facility types: 'centre,branch'
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  PRIMARY KEY (district_id, dataset)
) WITHOUT ROWID;

CREATE TABLE report_state (
  facility_id   INTEGER NOT NULL REFERENCES facility (id),
  dataset       TEXT NOT NULL CHECK (length (dataset) BETWEEN 1 AND 64 AND dataset NOT GLOB '*[^a-z0-9_]*'),
  period        TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]'
                                     OR period GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'
                                     OR (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'
                                         AND substr (period, 6, 2) BETWEEN '01' AND '12')),
  state         TEXT NOT NULL CHECK (state IN ('submitted', 'approved', 'returned')),
  submitted_at  TEXT,               -- local time YYYY-MM-DD HH:MM:SS
  decided_at    TEXT,               -- approved or returned at, local time
  comment       TEXT NOT NULL DEFAULT '',
  created_tick  INTEGER,
  PRIMARY KEY (facility_id, dataset, period)
) WITHOUT ROWID;
CREATE INDEX report_state_period ON report_state (period, dataset);

CREATE TABLE period_lock (
  district_id   INTEGER NOT NULL REFERENCES district (id),
  period        TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]'
                                     OR period GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'
                                     OR (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'
                                         AND substr (period, 6, 2) BETWEEN '01' AND '12')),
  locked_at     TEXT NOT NULL,      -- local time YYYY-MM-DD HH:MM:SS
  created_tick  INTEGER,
  PRIMARY KEY (district_id, period)
) WITHOUT ROWID;
CREATE INDEX period_lock_period ON period_lock (period);

ALTER TABLE bulletin_issue ADD COLUMN issuer TEXT;     -- the issuing body (发文机关)
ALTER TABLE bulletin_issue ADD COLUMN figures TEXT;    -- JSON: what the bulletin showed
ALTER TABLE bulletin_issue ADD COLUMN checksum TEXT;   -- SHA-256 (hex) of figures

-- An indicator's area may be 'reporting' (completeness and timeliness):
-- indicator and target are rebuilt together (target refers to indicator;
-- dropping target first keeps its rows from the cascade).
CREATE TABLE indicator_v7 (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
  code        TEXT NOT NULL CHECK (code <> ''),
  area        TEXT NOT NULL CHECK (area IN ('construction', 'signing', 'tcm', 'capability', 'reporting')),
  name_zh     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  unit        TEXT NOT NULL CHECK (unit IN ('percent', 'count', 'number')),
  scope       TEXT NOT NULL DEFAULT '', -- comma-separated facility types
  method      TEXT NOT NULL CHECK (method IN ('none', 'share', 'count', 'town_share', 'ratio')),
  condition   TEXT NOT NULL DEFAULT '', -- a condition name, or numerator/denominator figures (ratio)
  position    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (plan_id, code)
);
CREATE TABLE target_v7 (
  indicator_id INTEGER NOT NULL REFERENCES indicator_v7 (id) ON DELETE CASCADE,
  year         INTEGER NOT NULL,
  op           TEXT NOT NULL DEFAULT '>=' CHECK (op IN ('>=', '<=')),
  min_value    REAL NOT NULL,
  max_value    REAL,                   -- NULL unless a range (7-10)
  PRIMARY KEY (indicator_id, year)
) WITHOUT ROWID;
INSERT INTO indicator_v7 SELECT id, plan_id, code, area, name_zh, name_en, unit, scope, method, condition, position
  FROM indicator;
INSERT INTO target_v7 SELECT indicator_id, year, op, min_value, max_value FROM target;
DROP TABLE target;
DROP TABLE indicator;
ALTER TABLE indicator_v7 RENAME TO indicator;
ALTER TABLE target_v7 RENAME TO target;
