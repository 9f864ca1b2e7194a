-- CHC Monitor schema, version 4 (issue 16): the bulletin (通报) as an
-- official document.  Both tables are the district office's own records,
-- not figures reported by the centres: they are not tracked (no row
-- versions, no audit log, never in an exchange package), so a merged
-- package can neither renumber nor re-address this office's documents.

-- What the district remembers for its bulletins: the 发文机关标志, the
-- prefix of the 发文字号, the signing body, 抄送, 印发机关 and the template
-- of 下一步工作要求, one row per key.
CREATE TABLE bulletin_setting (
  district_id INTEGER NOT NULL REFERENCES district (id),
  key         TEXT NOT NULL CHECK (key <> ''),
  value       TEXT NOT NULL,
  PRIMARY KEY (district_id, key)
) WITHOUT ROWID;

-- The register of issued bulletins: every number given, one more each time
-- per district, prefix and year (青卫健基层〔2024〕3号).
CREATE TABLE bulletin_issue (
  id          INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district (id),
  prefix      TEXT NOT NULL,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  number      INTEGER NOT NULL CHECK (number > 0),
  title       TEXT NOT NULL,
  period      TEXT NOT NULL,          -- 2024 or 2024-06
  issue_date  TEXT NOT NULL,          -- 成文日期, YYYY-MM-DD
  editions    INTEGER NOT NULL DEFAULT 1,
  issued_at   TEXT NOT NULL,          -- local time YYYY-MM-DD HH:MM:SS
  issued_by   TEXT NOT NULL,          -- OS user
  UNIQUE (district_id, prefix, year, number)
);
