-- CHC Monitor schema, version 1.  Applied by chc-database.c (migrate_to_1).
-- Enumerations are stored as their stable English nicks (see model/chc-enums.h).

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE district (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE CHECK (name <> ''),     -- 青浦区
  name_en TEXT NOT NULL UNIQUE CHECK (name_en <> '')   -- Qingpu
);

CREATE TABLE town (
  id          INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district (id),
  name        TEXT NOT NULL CHECK (name <> ''),
  UNIQUE (district_id, name)
);

CREATE TABLE facility (
  id                INTEGER PRIMARY KEY,
  code              TEXT NOT NULL UNIQUE CHECK (code <> ''),
  name              TEXT NOT NULL CHECK (name <> ''),
  type              TEXT NOT NULL CHECK (type IN ('centre', 'branch', 'station', 'village_clinic')),
  district_id       INTEGER NOT NULL REFERENCES district (id),
  town_id           INTEGER REFERENCES town (id),
  parent_id         INTEGER REFERENCES facility (id),
  floor_area        REAL NOT NULL DEFAULT 0 CHECK (floor_area >= 0),
  standardized      INTEGER NOT NULL DEFAULT 0 CHECK (standardized IN (0, 1)),
  standardized_year INTEGER,
  status            TEXT NOT NULL DEFAULT 'operating' CHECK (status IN ('operating', 'planned', 'closed'))
);
CREATE INDEX facility_district ON facility (district_id);
CREATE INDEX facility_parent ON facility (parent_id);

-- Plans (issue 3).  The built-in plans come from data/plans.ini.
CREATE TABLE plan (
  id          INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district (id),
  name        TEXT NOT NULL CHECK (name <> ''),
  first_year  INTEGER NOT NULL,
  last_year   INTEGER NOT NULL CHECK (last_year >= first_year),
  source      TEXT,
  UNIQUE (district_id, name)
);

CREATE TABLE indicator (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
  code        TEXT NOT NULL CHECK (code <> ''),
  area        TEXT NOT NULL CHECK (area IN ('construction', 'signing', 'tcm', 'capability')),
  name_zh     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  unit        TEXT NOT NULL CHECK (unit IN ('percent', 'count', 'number')),
  scope       TEXT NOT NULL DEFAULT '', -- comma-separated facility types
  method      TEXT NOT NULL CHECK (method IN ('none', 'share', 'count', 'town_share', 'ratio')),
  condition   TEXT NOT NULL DEFAULT '', -- a condition name, or numerator/denominator figures (ratio)
  position    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (plan_id, code)
);

CREATE TABLE target (
  indicator_id INTEGER NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
  year         INTEGER NOT NULL,
  op           TEXT NOT NULL DEFAULT '>=' CHECK (op IN ('>=', '<=')),
  min_value    REAL NOT NULL,
  max_value    REAL,                   -- NULL unless a range (7-10)
  PRIMARY KEY (indicator_id, year)
) WITHOUT ROWID;

-- Service capabilities of a centre (issue 3)
CREATE TABLE capability (
  facility_id INTEGER NOT NULL REFERENCES facility (id),
  kind        TEXT NOT NULL CHECK (kind IN ('rehab_standard', 'rehab_demo', 'nursing',
                                            'health_management', 'chronic_support',
                                            'fever_sentinel', 'dental', 'minor_surgery', 'ct')),
  year        INTEGER NOT NULL,   -- the year it was reached
  PRIMARY KEY (facility_id, kind)
) WITHOUT ROWID;

-- Family-doctor signing (issue 4): one row per reporting facility (a centre,
-- or a branch centre that reports separately) and month.  The rules of
-- core/chc-signing.c are checked by the store before writing; the CHECKs
-- repeat them so that no other writer can break them.
CREATE TABLE signing (
  facility_id                INTEGER NOT NULL REFERENCES facility (id),
  period                     TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'
                                                  AND substr (period, 6, 2) BETWEEN '01' AND '12'),
  resident_population        INTEGER NOT NULL CHECK (resident_population >= 0),
  signed_residents           INTEGER NOT NULL CHECK (signed_residents >= 0),
  key_population             INTEGER NOT NULL DEFAULT 0 CHECK (key_population >= 0),
  key_population_signed      INTEGER NOT NULL DEFAULT 0 CHECK (key_population_signed >= 0),
  online_signed              INTEGER NOT NULL DEFAULT 0 CHECK (online_signed >= 0),
  signed_visits_total        INTEGER NOT NULL DEFAULT 0 CHECK (signed_visits_total >= 0),
  signed_visits_in_community INTEGER NOT NULL DEFAULT 0 CHECK (signed_visits_in_community >= 0),
  PRIMARY KEY (facility_id, period),
  CHECK (signed_residents <= resident_population),
  CHECK (key_population <= resident_population),
  CHECK (key_population_signed <= key_population),
  CHECK (online_signed <= signed_residents),
  CHECK (signed_visits_in_community <= signed_visits_total)
) WITHOUT ROWID;
CREATE INDEX signing_period ON signing (period);

-- TCM rollout (issue 5)
CREATE TABLE tcm_site_event (
  facility_id INTEGER NOT NULL REFERENCES facility (id),
  date        TEXT NOT NULL,   -- YYYY-MM-DD
  state       TEXT NOT NULL CHECK (state IN ('none', 'building', 'in_service', 'up_to_standard')),
  PRIMARY KEY (facility_id, date)
) WITHOUT ROWID;

CREATE TABLE tcm_specialty_clinic (
  id          INTEGER PRIMARY KEY,
  facility_id INTEGER NOT NULL REFERENCES facility (id),
  name        TEXT NOT NULL CHECK (name <> ''),
  opened      TEXT NOT NULL,
  closed      TEXT,
  UNIQUE (facility_id, name)
);

CREATE TABLE tcm_demo (
  facility_id INTEGER PRIMARY KEY REFERENCES facility (id),
  status      TEXT NOT NULL CHECK (status IN ('none', 'applying', 'awarded')),
  year        INTEGER
);

CREATE TABLE tcm_visits (
  facility_id INTEGER NOT NULL REFERENCES facility (id),
  period      TEXT NOT NULL,
  tcm_visits  INTEGER NOT NULL CHECK (tcm_visits >= 0),
  all_visits  INTEGER NOT NULL CHECK (all_visits >= 0),
  PRIMARY KEY (facility_id, period)
) WITHOUT ROWID;

CREATE TABLE tcm_training (
  facility_id INTEGER NOT NULL REFERENCES facility (id),
  year        INTEGER NOT NULL,
  trained     INTEGER NOT NULL CHECK (trained >= 0),
  PRIMARY KEY (facility_id, year)
) WITHOUT ROWID;

-- Construction projects (issue 6)
CREATE TABLE project (
  id            INTEGER PRIMARY KEY,
  facility_id   INTEGER NOT NULL REFERENCES facility (id),
  kind          TEXT NOT NULL CHECK (kind IN ('new_build', 'relocation', 'renovation', 'standardization', 'opening')),
  plan_year     INTEGER NOT NULL,
  budget        REAL CHECK (budget >= 0),          -- 10,000 yuan
  area_before   REAL CHECK (area_before >= 0),
  area_after    REAL CHECK (area_after >= 0),
  units         TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX project_facility ON project (facility_id);

CREATE TABLE milestone (
  project_id INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  milestone  TEXT NOT NULL CHECK (milestone IN ('approved', 'site_selected', 'started', 'topped_out', 'completed', 'opened')),
  planned    TEXT,
  actual     TEXT,
  PRIMARY KEY (project_id, milestone)
) WITHOUT ROWID;
