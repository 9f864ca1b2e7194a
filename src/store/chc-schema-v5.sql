-- CHC Monitor schema, version 5 (issue 17): national codes.
--
-- Every district carries its 行政区划代码 (GB/T 2260) and all 16 districts
-- of Shanghai are present, so that a facility of any of them can be
-- registered; a district already here gets its code (matched by its name,
-- its name without 区/新区, or its English name).  The three districts
-- whose plans are built in (data/plans.ini) come first, as older versions
-- created them, so that their ids are the same in a new database and in
-- an upgraded one; the others follow in the order of their codes.
--
-- A town may carry its 乡镇级代码 (nine digits, its district's code first;
-- chc_database_set_town_code checks it).  A facility may carry its
-- 统一社会信用代码 (GB 32100-2015) and its 医疗机构执业许可证登记号;
-- both optional, checked for form by core/chc-codes.c, not unique (a branch
-- centre or station is often part of its centre's legal person), and
-- tracked (row versions, audit log, exchange packages).

ALTER TABLE district ADD COLUMN code TEXT
  CHECK (code IS NULL OR (length (code) = 6 AND code NOT GLOB '*[^0-9]*'));
ALTER TABLE town ADD COLUMN code TEXT
  CHECK (code IS NULL OR (length (code) = 9 AND code NOT GLOB '*[^0-9]*'));
ALTER TABLE facility ADD COLUMN credit_code TEXT
  CHECK (credit_code IS NULL OR length (credit_code) = 18);
ALTER TABLE facility ADD COLUMN license_no TEXT
  CHECK (license_no IS NULL OR length (license_no) BETWEEN 1 AND 64);

CREATE TEMP TABLE shanghai_district (
  position INTEGER PRIMARY KEY,
  code     TEXT NOT NULL,
  name     TEXT NOT NULL,
  short    TEXT NOT NULL,
  name_en  TEXT NOT NULL
);
INSERT INTO temp.shanghai_district (position, code, name, short, name_en) VALUES
  (1, '310118', '青浦区', '青浦', 'Qingpu'),
  (2, '310105', '长宁区', '长宁', 'Changning'),
  (3, '310117', '松江区', '松江', 'Songjiang'),
  (4, '310101', '黄浦区', '黄浦', 'Huangpu'),
  (5, '310104', '徐汇区', '徐汇', 'Xuhui'),
  (6, '310106', '静安区', '静安', 'Jing''an'),
  (7, '310107', '普陀区', '普陀', 'Putuo'),
  (8, '310109', '虹口区', '虹口', 'Hongkou'),
  (9, '310110', '杨浦区', '杨浦', 'Yangpu'),
  (10, '310112', '闵行区', '闵行', 'Minhang'),
  (11, '310113', '宝山区', '宝山', 'Baoshan'),
  (12, '310114', '嘉定区', '嘉定', 'Jiading'),
  (13, '310115', '浦东新区', '浦东', 'Pudong'),
  (14, '310116', '金山区', '金山', 'Jinshan'),
  (15, '310120', '奉贤区', '奉贤', 'Fengxian'),
  (16, '310151', '崇明区', '崇明', 'Chongming');

UPDATE district SET code = (
  SELECT s.code FROM temp.shanghai_district s
   WHERE s.name = district.name OR s.short = district.name
      OR lower (s.name_en) = lower (district.name_en)
   ORDER BY s.position LIMIT 1)
 WHERE code IS NULL;

INSERT INTO district (name, name_en, code)
  SELECT s.name, s.name_en, s.code FROM temp.shanghai_district s
   WHERE NOT EXISTS (SELECT 1 FROM district d WHERE d.code = s.code)
   ORDER BY s.position;

DROP TABLE temp.shanghai_district;

CREATE UNIQUE INDEX district_code ON district (code);
CREATE UNIQUE INDEX town_code ON town (code);
