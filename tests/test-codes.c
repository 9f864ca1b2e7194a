/* test-codes.c — national codes (issue 17, item 7): the 16 districts of
 * Shanghai with their 行政区划代码, a town's 乡镇级代码, a facility's
 * 统一社会信用代码 (its check character) and 医疗机构执业许可证登记号;
 * schema 5 from a populated schema 4; the facilities kind's new columns
 * in CSV and Excel; chc-cli facilities; DHIS2 org units by credit code.
 * (Packages: test-package.c, /package/codes-*.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "chc-test-util.h"
#include "core/chc-codes.h"
#include "core/chc-validate.h"
#include "io/chc-csv-export.h"
#include "io/chc-csv-import.h"
#include "io/chc-demo.h"
#include "io/chc-dhis2.h"
#include "store/chc-row-rules.h"

/* GB 32100-2015's own example, and two codes of the real form (a public
 * institution of Qingpu and of Pudong, their organisation codes with
 * GB 11714 check digits). */
#define CREDIT_EXAMPLE "91350100M000100Y43"
#define CREDIT_QINGPU  "12310118425028519C"
#define CREDIT_PUDONG  "123101154250285191"
#define LICENSE_QINGPU "42502851931011811A1001"

static void
test_credit_code (void)
{
  const char *good[] = { CREDIT_EXAMPLE, CREDIT_QINGPU, CREDIT_PUDONG, "91310118MA1FL2K34Q" };
  struct { const char *code; const char *in_reason; } bad[] = {
    { "91350100M000100Y44", "“3”" },          /* the check character */
    { "12310118425028519D", "“C”" },
    { "91350100M000100Y4", "17" },            /* too short */
    { "91350100MI00100Y43", "“I”" },          /* not of the charset */
    { "913501A0M000100Y43", "3 to 8" },       /* letters where digits are */
    { "91350100m000100y43", "capitals" },
    { "91350100M000100Y4 ", "spaces" },
    { "91350100M000\x1b[31m", "control" },
    { "９1350100M000100Y43", "full-width" },
  };

  g_assert_cmpint (chc_credit_code_check_char (CREDIT_EXAMPLE), ==, '3');
  g_assert_cmpint (chc_credit_code_check_char (CREDIT_QINGPU), ==, 'C');
  g_assert_cmpint (chc_credit_code_check_char ("91350100MI00100Y4"), ==, '\0');
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *reason = NULL;

      g_assert_true (chc_credit_code_check (good[i], &reason));
      g_assert_null (reason);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *reason = NULL;

      g_assert_false (chc_credit_code_check (bad[i].code, &reason));
      g_test_message ("%s: %s", bad[i].code, reason);
      g_assert_nonnull (strstr (reason, bad[i].in_reason));
    }

  /* The facility's rule names the field and the expected character. */
  {
    g_autoptr(ChcFacility) f = chc_facility_new ();
    g_autoptr(GPtrArray) violations = chc_violations_new ();
    ChcFacilityContext context = { 0 };
    const ChcViolation *v;

    chc_facility_set_code (f, "X1");
    chc_facility_set_name (f, "测试中心");
    chc_facility_set_district_id (f, 1);
    chc_facility_set_credit_code (f, "91350100M000100Y44");
    chc_validate_facility (f, &context, violations);
    v = chc_violations_find (violations, "credit_code");
    g_assert_nonnull (v);
    g_assert_true (g_str_has_prefix (v->message, "Unified social credit code: "));
    g_assert_nonnull (strstr (v->message, "“3”"));
    g_assert_cmpuint (violations->len, ==, 1);
  }
}

static void
test_license_no (void)
{
  const char *good[] = { LICENSE_QINGPU, "PDY00001331011812A1001", "PDY000013310118121A1001" };
  struct { const char *number; const char *in_reason; } bad[] = {
    { "PDY0000133101181A1001", "21" },             /* 21 characters */
    { "PDY00001331011812A100111", "24" },          /* 24 */
    { "PDY 0001331011812A1001", "spaces" },
    { "PDY00001331011812A100\t", "control" },
    { "PDY00001331011812A100-", "“-”" },
    { "PDY00001331011812A10０", "full-width" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (chc_license_no_check (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *reason = NULL;

      g_assert_false (chc_license_no_check (bad[i].number, &reason));
      g_test_message ("%s: %s", bad[i].number, reason);
      g_assert_nonnull (strstr (reason, bad[i].in_reason));
    }

  /* The rules of package rows say the same. */
  {
    ChcRowValue value = { CHC_ROW_VALUE_TEXT, (char *) "PDY 0001331011812A1001" };
    g_autofree char *reason = NULL;

    g_assert_false (chc_row_rules_check_value ("facility", "license_no", &value, &reason));
    g_assert_nonnull (reason);
    g_clear_pointer (&reason, g_free);
    value.text = (char *) CREDIT_QINGPU;
    g_assert_true (chc_row_rules_check_value ("facility", "credit_code", &value, &reason));
    value.type = CHC_ROW_VALUE_NULL;
    value.text = NULL;
    g_assert_true (chc_row_rules_check_value ("facility", "credit_code", &value, &reason));
  }
}

/* Every database has the 16 districts with their codes; a 浦东新区
 * facility can be registered; towns take a code of their district. */
static void
test_districts_and_towns (void)
{
  static const struct { const char *name; const char *code; } shanghai[] = {
    { "黄浦区", "310101" }, { "徐汇区", "310104" }, { "长宁区", "310105" }, { "静安区", "310106" },
    { "普陀区", "310107" }, { "虹口区", "310109" }, { "杨浦区", "310110" }, { "闵行区", "310112" },
    { "宝山区", "310113" }, { "嘉定区", "310114" }, { "浦东新区", "310115" }, { "金山区", "310116" },
    { "松江区", "310117" }, { "青浦区", "310118" }, { "奉贤区", "310120" }, { "崇明区", "310151" },
  };
  g_autoptr(ChcDatabase) db = chc_test_new_database (FALSE);
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GPtrArray) towns = NULL;
  g_autoptr(ChcDistrict) pudong = NULL;
  g_autoptr(ChcFacility) centre = NULL;
  g_autoptr(ChcFacility) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 town_id;

  districts = chc_database_list_districts (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (districts->len, ==, 16);
  /* the demo's three first, with the ids older versions gave them */
  g_assert_cmpstr (chc_district_get_name (g_ptr_array_index (districts, 0)), ==, "青浦区");
  g_assert_cmpstr (chc_district_get_name (g_ptr_array_index (districts, 1)), ==, "长宁区");
  g_assert_cmpstr (chc_district_get_name (g_ptr_array_index (districts, 2)), ==, "松江区");
  for (guint i = 0; i < G_N_ELEMENTS (shanghai); i++)
    {
      g_autoptr(ChcDistrict) d = chc_database_find_district (db, shanghai[i].code, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (chc_district_get_name (d), ==, shanghai[i].name);
      g_assert_cmpstr (chc_district_get_code (d), ==, shanghai[i].code);
    }

  /* Setting the database up (as chc-cli init and the window do) keeps
   * them and adds the towns. */
  g_assert_true (chc_demo_add_districts (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM district"), ==, 16);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM town"), >, 30);
  g_assert_true (chc_demo_add_districts (db, &error));
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM plan"), ==, 3);

  pudong = chc_database_find_district (db, "浦东", &error);
  g_assert_no_error (error);
  centre = chc_facility_new ();
  chc_facility_set_code (centre, "310115C01");
  chc_facility_set_name (centre, "浦东测试社区卫生服务中心");
  chc_facility_set_district_id (centre, chc_district_get_id (pudong));
  chc_facility_set_credit_code (centre, CREDIT_PUDONG);
  g_assert_true (chc_database_add_facility (db, centre, &error));
  g_assert_no_error (error);
  stored = chc_database_find_facility (db, "310115C01", 0, &error);
  g_assert_cmpstr (chc_facility_get_district_name (stored), ==, "浦东新区");
  g_assert_cmpstr (chc_facility_get_credit_code (stored), ==, CREDIT_PUDONG);
  g_assert_null (chc_facility_get_license_no (stored));

  /* A wrong check character is refused by the store, naming the field. */
  chc_facility_set_credit_code (stored, "123101154250285192");
  g_assert_false (chc_database_update_facility (db, stored, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Unified social credit code"));
  g_assert_nonnull (strstr (error->message, "“1”"));
  g_clear_error (&error);

  /* Towns: nine digits, beginning with the district's code, unique. */
  towns = chc_database_list_towns (db, 1, &error);
  town_id = chc_town_get_id (g_ptr_array_index (towns, 0));
  g_assert_true (chc_database_set_town_code (db, town_id, " 310118001 ", &error));
  g_assert_no_error (error);
  g_assert_false (chc_database_set_town_code (db, town_id, "310115001", &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "310118"));
  g_clear_error (&error);
  g_assert_false (chc_database_set_town_code (db, town_id, "31011800", &error));
  g_clear_error (&error);
  g_assert_false (chc_database_set_town_code (db, chc_town_get_id (g_ptr_array_index (towns, 1)),
                                              "310118001", &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&towns, g_ptr_array_unref);
  towns = chc_database_list_towns (db, 1, &error);
  g_assert_cmpstr (chc_town_get_code (g_ptr_array_index (towns, 0)), ==, "310118001");
  g_assert_null (chc_town_get_code (g_ptr_array_index (towns, 1)));
  g_assert_true (chc_database_set_town_code (db, town_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (code) FROM town"), ==, 0);
}

/* A populated schema-4 database (the demo, one district a user added
 * by its short name) is upgraded to 5: every row kept, the districts
 * given their codes, the missing ones added, the facilities' codes
 * empty; a code then set is in the audit log. */
static void
test_migration_v4_to_v5 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autofree char *path = g_strdup (chc_database_get_path (db));
  g_autoptr(ChcFacility) centre = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gint64 n_facilities, n_signing, n_towns, n_audit, n_versions, n_plans;
  sqlite3 *raw = NULL;

  n_facilities = chc_test_query_int (db, "SELECT count (*) FROM facility");
  n_signing = chc_test_query_int (db, "SELECT count (*) FROM signing");
  n_towns = chc_test_query_int (db, "SELECT count (*) FROM town");
  n_plans = chc_test_query_int (db, "SELECT count (*) FROM plan");
  n_audit = chc_test_query_int (db, "SELECT count (*) FROM audit");
  n_versions = chc_test_query_int (db, "SELECT count (*) FROM row_version");
  g_assert_cmpint (n_facilities, >, 10);
  g_assert_cmpint (n_signing, >, 100);
  g_clear_object (&db);

  /* What a schema-4 build wrote, with a district 浦东 added by hand. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, CHC_TEST_SQL_BACK_TO_V4
                                      " INSERT INTO district (name, name_en) VALUES ('浦东', 'Pudong New Area');"
                                      " PRAGMA user_version = 4;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = chc_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chc_database_get_schema_version (db), ==, CHC_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM facility"), ==, n_facilities);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM signing"), ==, n_signing);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM town"), ==, n_towns);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM plan"), ==, n_plans);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM audit"), ==, n_audit);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM row_version"), ==, n_versions);

  /* the demo's districts keep their ids and get their codes; 浦东 is
   * 浦东新区's row; 16 in all */
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM district"), ==, 16);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM district WHERE code IS NULL"), ==, 0);
  g_assert_cmpint (chc_test_query_int (db, "SELECT id FROM district WHERE code = '310118'"), ==, 1);
  g_assert_cmpint (chc_test_query_int (db, "SELECT id FROM district WHERE code = '310105'"), ==, 2);
  g_assert_cmpint (chc_test_query_int (db, "SELECT id FROM district WHERE code = '310117'"), ==, 3);
  g_assert_cmpint (chc_test_query_int (db, "SELECT id FROM district WHERE name = '浦东'"), ==, 4);
  g_assert_cmpint (chc_test_query_int (db, "SELECT code FROM district WHERE name = '浦东'"), ==, 310115);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM facility WHERE credit_code IS NOT NULL"
                                           " OR license_no IS NOT NULL"), ==, 0);
  problems = chc_database_check (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* the new fields are tracked */
  centre = chc_database_find_facility (db, "310118C01", 0, &error);
  g_assert_no_error (error);
  chc_facility_set_credit_code (centre, CREDIT_QINGPU);
  chc_facility_set_license_no (centre, LICENSE_QINGPU);
  g_assert_true (chc_database_update_facility (db, centre, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM audit WHERE tbl = 'facility'"
                                           " AND field IN ('credit_code', 'license_no')"
                                           " AND row_key = '310118C01'"), ==, 2);
  {
    g_autofree char *logged = chc_test_query_text (db, "SELECT new FROM audit WHERE field = 'credit_code'");
    g_assert_cmpstr (logged, ==, CREDIT_QINGPU);
  }
}

static char *
read_text (const char *path)
{
  g_autoptr(GBytes) bytes = chc_test_read_file (path);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
export_facilities (ChcDatabase     *db,
                   const char      *path,
                   ChcExportFormat  format)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChcCsvExportOptions options;

  chc_csv_export_options_init (&options);
  options.format = format;
  g_assert_true (chc_csv_export (db, CHC_CSV_KIND_FACILITIES, file, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  return format == CHC_EXPORT_FORMAT_CSV ? read_text (path) : NULL;
}

static ChcCsvReport *
import_facilities (ChcDatabase *db,
                   const char  *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChcCsvImportOptions options;
  ChcCsvReport *report;

  chc_csv_import_options_init (&options);
  report = chc_csv_import (db, CHC_CSV_KIND_FACILITIES, file, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static void
set_codes (ChcDatabase *db,
           const char  *code,
           const char  *credit,
           const char  *license)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcFacility) f = chc_database_find_facility (db, code, 0, &error);

  g_assert_no_error (error);
  chc_facility_set_credit_code (f, credit);
  chc_facility_set_license_no (f, license);
  g_assert_true (chc_database_update_facility (db, f, &error));
  g_assert_no_error (error);
}

/* The two columns come last with their Chinese headers; CSV and Excel
 * carry them to another database and back byte for byte; a wrong check
 * character is refused at FILE:ROW:COLUMN; a file without the columns
 * leaves the codes alone. */
static void
test_csv_xlsx_round_trip (void)
{
  g_autoptr(ChcDatabase) demo = chc_test_new_demo ();
  g_autoptr(ChcDatabase) copy = chc_test_new_database (TRUE);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "facilities.csv", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "facilities.xlsx", NULL);
  g_autofree char *again = g_build_filename (dir, "again.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *old = g_build_filename (dir, "old.csv", NULL);
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autoptr(ChcCsvReport) report = NULL;
  g_autoptr(ChcFacility) stored = NULL;
  g_auto(GStrv) lines = NULL;

  set_codes (demo, "310118C01", CREDIT_QINGPU, LICENSE_QINGPU);
  set_codes (demo, "310118B01", CREDIT_QINGPU, NULL);   /* a branch: its centre's legal person */
  /* all digits: a text cell in Excel, never a number (18 digits are more
   * than a spreadsheet's number keeps) */
  set_codes (demo, "310118C03", CREDIT_PUDONG, "425028519310118121A1001");

  one = export_facilities (demo, csv, CHC_EXPORT_FORMAT_CSV);
  lines = g_strsplit (one, "\r\n", -1);
  g_test_message ("%s", lines[0]);
  g_assert_true (g_str_has_suffix (lines[0], ",状态,统一社会信用代码,医疗机构执业许可证登记号,开业日期,停业日期"));
  g_assert_nonnull (strstr (one, "," CREDIT_QINGPU "," LICENSE_QINGPU ",,\r\n"));

  export_facilities (demo, xlsx, CHC_EXPORT_FORMAT_XLSX);
  report = import_facilities (copy, xlsx);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_true (report->written);
  stored = chc_database_find_facility (copy, "310118C01", 0, NULL);
  g_assert_cmpstr (chc_facility_get_credit_code (stored), ==, CREDIT_QINGPU);
  g_assert_cmpstr (chc_facility_get_license_no (stored), ==, LICENSE_QINGPU);
  g_clear_object (&stored);
  stored = chc_database_find_facility (copy, "310118C03", 0, NULL);
  g_assert_cmpstr (chc_facility_get_credit_code (stored), ==, CREDIT_PUDONG);
  two = export_facilities (copy, again, CHC_EXPORT_FORMAT_CSV);
  g_assert_cmpstr (one, ==, two);
  g_clear_pointer (&report, chc_csv_report_free);

  /* a wrong check character (lower case and spaces are not wrong) */
  g_assert_true (g_file_set_contents (bad,
                                      "机构编码,机构名称,机构类型,区,统一社会信用代码,医疗机构执业许可证登记号\n"
                                      "310118C01,白鹤社区卫生服务中心,社区卫生服务中心,青浦区, 91310118ma1fl2k34q ,\n"
                                      "310118C02,金泽社区卫生服务中心,社区卫生服务中心,青浦区,91310118MA1FL2K34R,\n",
                                      -1, NULL));
  report = import_facilities (copy, bad);
  g_assert_cmpuint (report->n_errors, ==, 1);
  g_assert_false (report->written);
  {
    g_autofree char *text = chc_csv_report_format_problems (report);

    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, ":3:5: Unified social credit code: "));
    g_assert_nonnull (strstr (text, "“Q”"));
  }
  g_clear_pointer (&report, chc_csv_report_free);
  g_clear_object (&stored);
  stored = chc_database_find_facility (copy, "310118C01", 0, NULL);
  g_assert_cmpstr (chc_facility_get_credit_code (stored), ==, CREDIT_QINGPU);

  /* a file of before (no such columns) changes the area, not the codes */
  g_assert_true (g_file_set_contents (old,
                                      "机构编码,机构名称,机构类型,区,业务用房面积\n"
                                      "310118C01,白鹤社区卫生服务中心,社区卫生服务中心,青浦区,9900\n",
                                      -1, NULL));
  report = import_facilities (copy, old);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->updated, ==, 1);
  g_clear_object (&stored);
  stored = chc_database_find_facility (copy, "310118C01", 0, NULL);
  g_assert_cmpfloat (chc_facility_get_floor_area (stored), ==, 9900);
  g_assert_cmpstr (chc_facility_get_credit_code (stored), ==, CREDIT_QINGPU);
  g_assert_cmpstr (chc_facility_get_license_no (stored), ==, LICENSE_QINGPU);
}

/* chc-cli facilities: the contract's ten columns, then the two codes. */
static void
test_cli_facilities (void)
{
  g_autoptr(ChcDatabase) demo = chc_test_new_demo ();
  g_autofree char *db = g_strdup (chc_database_get_path (demo));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  set_codes (demo, "310118C01", CREDIT_QINGPU, LICENSE_QINGPU);
  g_clear_object (&demo);
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "facilities", "--district", "310118", NULL });
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "code\tname\ttype\tdistrict\ttown\tparent\tfloor_area\tstandardized\t"
                                 "standardized_year\tstatus\tcredit_code\tlicense_no\topened_on\tclosed_on\tcode_provisional");
  g_assert_nonnull (strstr (out, "\t" CREDIT_QINGPU "\t" LICENSE_QINGPU "\t\t\tno\n"));
  g_clear_pointer (&out, g_free);
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "facilities", "--district", "浦东新区", NULL });
  g_assert_true (g_str_has_suffix (lines[0], "code_provisional"));
}

/* chc-cli towns: every district with its code, its towns; --set-code
 * checks the form and changes nothing on a problem. */
static void
test_cli_towns (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autofree char *db = g_strdup (chc_database_get_path (database));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_clear_object (&database);
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "towns", NULL });
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "district\tdistrict_code\ttown\ttown_code");
  g_assert_cmpstr (lines[1], ==, "青浦区\t310118\t\t");
  g_assert_nonnull (strstr (out, "\n浦东新区\t310115\t\t\n"));
  g_assert_nonnull (strstr (out, "\n崇明区\t310151\t\t\n"));

  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "towns", "--district", "青浦",
                                                             "--set-code", "夏阳街道=310118001", NULL });
  g_assert_nonnull (strstr (out, "\n青浦区\t310118\t夏阳街道\t310118001\n"));
  /* a code of another district: refused, the first one not written either */
  chc_test_run_cli_expect (1, &out, &err, (const char *[]) { "--db", db, "towns", "--district", "青浦",
                                                             "--set-code", "盈浦街道=310118002",
                                                             "--set-code", "朱家角镇=310115101", NULL });
  g_assert_nonnull (strstr (err, "310118"));
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "towns", "--district", "310118", NULL });
  g_assert_nonnull (strstr (out, "\t盈浦街道\t\n"));
  g_assert_nonnull (strstr (out, "\t夏阳街道\t310118001\n"));
}

/* DHIS2: an [orgUnits] line may name a facility by its credit code; a
 * facility code line comes first; two facilities on one org unit are
 * refused; the values come back through the same mapping. */
static void
test_dhis2_credit_code (void)
{
  g_autoptr(ChcDatabase) demo = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *map_path = g_build_filename (dir, "mapping.ini", NULL);
  g_autofree char *json_path = g_build_filename (dir, "out.json", NULL);
  g_autoptr(GFile) json_file = g_file_new_for_path (json_path);
  g_autoptr(ChcDhis2Mapping) mapping = NULL;
  g_autoptr(ChcDhis2ImportReport) report = NULL;
  g_autoptr(ChcDistrict) qingpu = chc_database_find_district (demo, "青浦", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  ChcDhis2Period period;
  gint64 before;

  set_codes (demo, "310118C01", CREDIT_QINGPU, NULL);
  set_codes (demo, "310118C02", "91310118MA1FL2K34Q", NULL);
  g_assert_true (g_file_set_contents (map_path,
                                      "[orgUnits]\n"
                                      CREDIT_QINGPU " = OrgBaihe001\n"
                                      "91310118MA1FL2K34Q = OrgJinze001\n"
                                      "310118C02 = OrgJinze002\n", -1, NULL));
  mapping = chc_dhis2_mapping_load (map_path, &error);
  g_assert_no_error (error);
  g_assert_true (chc_dhis2_period_parse ("202406", &period, NULL));
  g_assert_true (chc_dhis2_export (demo, chc_district_get_id (qingpu), &period, mapping,
                                   CHC_DHIS2_FORMAT_JSON, json_file, NULL, &error));
  g_assert_no_error (error);
  text = read_text (json_path);
  g_assert_nonnull (strstr (text, "\"orgUnit\" : \"OrgBaihe001\""));
  g_assert_nonnull (strstr (text, "\"orgUnit\" : \"OrgJinze002\""));
  g_assert_null (strstr (text, "OrgJinze001"));
  g_assert_null (strstr (text, "\"orgUnit\" : \"310118C01\""));
  g_assert_nonnull (strstr (text, "\"orgUnit\" : \"310118C03\""));   /* no line: its own code */

  /* back: OrgBaihe001 is 310118C01 through its credit code (the file as
   * exported, one value changed) */
  before = chc_test_query_int (demo, "SELECT signed_residents FROM signing JOIN facility f ON f.id = facility_id"
                                     " WHERE f.code = '310118C01' AND period = '2024-06'");
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    JsonArray *values;
    guint n_changed = 0;

    g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
    values = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "dataValues");
    for (guint i = 0; i < json_array_get_length (values); i++)
      {
        JsonObject *value = json_array_get_object_element (values, i);

        if (g_str_equal (json_object_get_string_member (value, "orgUnit"), "OrgBaihe001") &&
            g_str_equal (json_object_get_string_member (value, "dataElement"), "CHC_SIGNING_SIGNED_RESIDENTS"))
          {
            g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, before + 7);

            json_object_set_string_member (value, "value", number);
            n_changed++;
          }
      }
    g_assert_cmpuint (n_changed, ==, 1);
    json_generator_set_root (generator, json_parser_get_root (parser));
    changed = json_generator_to_data (generator, NULL);
  }
  g_assert_true (g_file_set_contents (json_path, changed, -1, NULL));
  report = chc_dhis2_import (demo, json_file, mapping, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (report->problems, i));
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpint (chc_test_query_int (demo, "SELECT signed_residents FROM signing JOIN facility f ON f.id = facility_id"
                                             " WHERE f.code = '310118C01' AND period = '2024-06'"), ==, before + 7);

  /* a branch centre with its centre's credit code and no line of its own */
  set_codes (demo, "310118B03", CREDIT_QINGPU, NULL);
  g_assert_false (chc_dhis2_export (demo, chc_district_get_id (qingpu), &period, mapping,
                                    CHC_DHIS2_FORMAT_JSON, json_file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "OrgBaihe001"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codes/credit-code", test_credit_code);
  g_test_add_func ("/codes/license-no", test_license_no);
  g_test_add_func ("/codes/districts-and-towns", test_districts_and_towns);
  g_test_add_func ("/codes/migration-v4-v5", test_migration_v4_to_v5);
  g_test_add_func ("/codes/csv-xlsx-round-trip", test_csv_xlsx_round_trip);
  g_test_add_func ("/codes/cli-facilities", test_cli_facilities);
  g_test_add_func ("/codes/cli-towns", test_cli_towns);
  g_test_add_func ("/codes/dhis2-credit-code", test_dhis2_credit_code);

  return g_test_run ();
}
