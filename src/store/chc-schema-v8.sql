-- CHC Monitor schema, version 8 (issue 14): a facility's history, hospitals,
-- where each indicator comes from, strict and per-facility targets, and the
-- seeds' named items (feasibility studies, TCM itinerant stations).
--
-- chc_database_migrate() runs every migration with foreign keys off and
-- checks them (PRAGMA foreign_key_check) before committing, so tables others
-- refer to may be rebuilt here.

-- A facility may be a hospital (二级及以上医疗机构: where centres refer
-- patients and book tests); it carries the dates it opened and closed, and
-- whether its code was assigned by the program (provisional until the user
-- sets the real one).
CREATE TABLE facility_v8 (
  id                INTEGER PRIMARY KEY,
  code              TEXT NOT NULL UNIQUE CHECK (code <> ''),
  name              TEXT NOT NULL CHECK (name <> ''),
  type              TEXT NOT NULL CHECK (type IN ('centre', 'branch', 'station', 'village_clinic', 'hospital')),
  district_id       INTEGER NOT NULL REFERENCES district (id),
  town_id           INTEGER REFERENCES town (id),
  parent_id         INTEGER REFERENCES facility (id),
  floor_area        REAL NOT NULL DEFAULT 0 CHECK (floor_area >= 0),
  standardized      INTEGER NOT NULL DEFAULT 0 CHECK (standardized IN (0, 1)),
  standardized_year INTEGER,
  status            TEXT NOT NULL DEFAULT 'operating' CHECK (status IN ('operating', 'planned', 'closed')),
  created_tick      INTEGER,
  credit_code       TEXT CHECK (credit_code IS NULL OR length (credit_code) = 18),
  license_no        TEXT CHECK (license_no IS NULL OR length (license_no) BETWEEN 1 AND 64),
  opened_on         TEXT CHECK (opened_on IS NULL OR opened_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  closed_on         TEXT CHECK (closed_on IS NULL OR closed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  code_provisional  INTEGER NOT NULL DEFAULT 0 CHECK (code_provisional IN (0, 1)),
  CHECK (closed_on IS NULL OR opened_on IS NULL OR closed_on >= opened_on)
);
INSERT INTO facility_v8 (id, code, name, type, district_id, town_id, parent_id, floor_area, standardized,
                         standardized_year, status, created_tick, credit_code, license_no)
  SELECT id, code, name, type, district_id, town_id, parent_id, floor_area, standardized,
         standardized_year, status, created_tick, credit_code, license_no FROM facility;
DROP TABLE facility;
ALTER TABLE facility_v8 RENAME TO facility;
CREATE INDEX facility_district ON facility (district_id);
CREATE INDEX facility_parent ON facility (parent_id);

-- The type a facility had before a date (a station that became a branch
-- centre): the registry as it stood at the end of a past period.
CREATE TABLE facility_type_change (
  facility_id  INTEGER NOT NULL REFERENCES facility (id),
  changed_on   TEXT NOT NULL CHECK (changed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  old_type     TEXT NOT NULL CHECK (old_type IN ('centre', 'branch', 'station', 'village_clinic', 'hospital')),
  created_tick INTEGER,
  PRIMARY KEY (facility_id, changed_on)
) WITHOUT ROWID;

-- Two kinds of project the seeds name: a feasibility study (仙霞, 天山) and
-- a TCM itinerant station (练塘东团村, 白鹤响新村); neither changes the
-- facility when it finishes.
CREATE TABLE project_v8 (
  id            INTEGER PRIMARY KEY,
  facility_id   INTEGER NOT NULL REFERENCES facility (id),
  kind          TEXT NOT NULL CHECK (kind IN ('new_build', 'relocation', 'renovation', 'standardization', 'opening',
                                              'feasibility_study', 'tcm_itinerant')),
  plan_year     INTEGER NOT NULL,
  budget        REAL CHECK (budget >= 0),          -- 10,000 yuan
  area_before   REAL CHECK (area_before >= 0),
  area_after    REAL CHECK (area_after >= 0),
  units         TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT '',
  created_facility INTEGER NOT NULL DEFAULT 0 CHECK (created_facility IN (0, 1)),
  prev_standardized      INTEGER CHECK (prev_standardized IN (0, 1)),
  prev_standardized_year INTEGER,
  prev_status            TEXT CHECK (prev_status IN ('operating', 'planned', 'closed')),
  prev_floor_area        REAL,
  uid           TEXT,
  created_tick  INTEGER
);
INSERT INTO project_v8 SELECT id, facility_id, kind, plan_year, budget, area_before, area_after, units, notes,
                              created_facility, prev_standardized, prev_standardized_year, prev_status,
                              prev_floor_area, uid, created_tick FROM project;
DROP TABLE project;
ALTER TABLE project_v8 RENAME TO project;
CREATE INDEX project_facility ON project (facility_id);
CREATE UNIQUE INDEX project_uid ON project (uid);

-- Indicators: more areas, where each comes from (the seed file and clause),
-- and targets that hold for each facility separately; targets may be strict.
CREATE TABLE indicator_v8 (
  id           INTEGER PRIMARY KEY,
  plan_id      INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
  code         TEXT NOT NULL CHECK (code <> ''),
  area         TEXT NOT NULL CHECK (area IN ('construction', 'signing', 'tcm', 'capability', 'reporting',
                                             'referral', 'workforce', 'outcome')),
  name_zh      TEXT NOT NULL,
  name_en      TEXT NOT NULL,
  unit         TEXT NOT NULL CHECK (unit IN ('percent', 'count', 'number')),
  scope        TEXT NOT NULL DEFAULT '', -- comma-separated facility types
  method       TEXT NOT NULL CHECK (method IN ('none', 'share', 'count', 'town_share', 'ratio')),
  condition    TEXT NOT NULL DEFAULT '', -- a condition name, or numerator/denominator figures (ratio)
  position     INTEGER NOT NULL DEFAULT 0,
  source       TEXT NOT NULL DEFAULT '', -- the seed file and clause ("000_….txt 附件 四")
  per_facility INTEGER NOT NULL DEFAULT 0 CHECK (per_facility IN (0, 1)),
  UNIQUE (plan_id, code)
);
CREATE TABLE target_v8 (
  indicator_id INTEGER NOT NULL REFERENCES indicator_v8 (id) ON DELETE CASCADE,
  year         INTEGER NOT NULL,
  op           TEXT NOT NULL DEFAULT '>=' CHECK (op IN ('>=', '<=', '>', '<')),
  min_value    REAL NOT NULL,
  max_value    REAL,                   -- NULL unless a range (7-10)
  PRIMARY KEY (indicator_id, year)
) WITHOUT ROWID;
INSERT INTO indicator_v8 (id, plan_id, code, area, name_zh, name_en, unit, scope, method, condition, position)
  SELECT id, plan_id, code, area, name_zh, name_en, unit, scope, method, condition, position FROM indicator;
INSERT INTO target_v8 SELECT indicator_id, year, op, min_value, max_value FROM target;
DROP TABLE target;
DROP TABLE indicator;
ALTER TABLE indicator_v8 RENAME TO indicator;
ALTER TABLE target_v8 RENAME TO target;
