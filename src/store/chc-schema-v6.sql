-- CHC Monitor schema, version 6 (issue 13): data elements.
--
-- The built-in data elements are declared in data/elements.ini (read by
-- core/chc-element.c); the elements a commission adds are rows of
-- data_element.  Values of the elements without a family table of their own
-- are rows of element_value (a facility's) and district_value (a
-- district's).  A value that was not reported has no row: never 0.  All
-- three are tracked (row versions, audit log, exchange packages).
--
-- The kinds of service capability are data elements too: the CHECK that
-- froze them in schema 1 goes (the store checks them against the
-- declarations).

CREATE TABLE data_element (
  code         TEXT PRIMARY KEY CHECK (length (code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^a-z0-9_]*'),
  name_zh      TEXT NOT NULL CHECK (name_zh <> ''),
  name_en      TEXT NOT NULL DEFAULT '',
  unit         TEXT NOT NULL DEFAULT '',
  value_type   TEXT NOT NULL CHECK (value_type IN ('integer', 'decimal', 'percent', 'yes-no')),
  level        TEXT NOT NULL CHECK (level IN ('facility', 'centre', 'district')),
  period_type  TEXT NOT NULL CHECK (period_type IN ('month', 'quarter', 'year')),
  aggregation  TEXT NOT NULL CHECK (aggregation IN ('sum', 'stock', 'any', 'count')),
  min_value    REAL,
  max_value    REAL,
  created_tick INTEGER
) WITHOUT ROWID;

-- period: 'YYYY-MM', 'YYYYQn' or 'YYYY', as the element's period type.
CREATE TABLE element_value (
  facility_id  INTEGER NOT NULL REFERENCES facility (id),
  element      TEXT NOT NULL CHECK (element <> ''),
  period       TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]'
                                    OR period GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'
                                    OR (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'
                                        AND substr (period, 6, 2) BETWEEN '01' AND '12')),
  value        REAL NOT NULL,
  created_tick INTEGER,
  PRIMARY KEY (facility_id, element, period)
) WITHOUT ROWID;
CREATE INDEX element_value_element ON element_value (element, period);

CREATE TABLE district_value (
  district_id  INTEGER NOT NULL REFERENCES district (id),
  element      TEXT NOT NULL CHECK (element <> ''),
  period       TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]'
                                    OR period GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'
                                    OR (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'
                                        AND substr (period, 6, 2) BETWEEN '01' AND '12')),
  value        REAL NOT NULL,
  created_tick INTEGER,
  PRIMARY KEY (district_id, element, period)
) WITHOUT ROWID;

-- capability without its frozen list of kinds
CREATE TABLE capability_v6 (
  facility_id  INTEGER NOT NULL REFERENCES facility (id),
  kind         TEXT NOT NULL CHECK (length (kind) BETWEEN 1 AND 64 AND kind NOT GLOB '*[^a-z0-9_]*'),
  year         INTEGER NOT NULL,
  created_tick INTEGER,
  PRIMARY KEY (facility_id, kind)
) WITHOUT ROWID;
INSERT INTO capability_v6 (facility_id, kind, year, created_tick)
  SELECT facility_id, kind, year, created_tick FROM capability;
DROP TABLE capability;
ALTER TABLE capability_v6 RENAME TO capability;
