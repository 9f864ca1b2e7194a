/* test-bulletin.c — the bulletin as an official document (issue 16): the
 * GB/T 9704 layout read back with poppler's pdftotext and pdffonts, the
 * drafted text, the register of issued bulletins and the remembered
 * settings (schema 4, with its migration from a populated schema 3), and
 * chc-cli report's options.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "chc-test-util.h"
#include "io/chc-report-sections.h"
#include "store/chc-database-bulletins.h"

static char *
run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return out;
}

/* The text of every page with every space and line break removed (a
 * title or sentence across two lines reads as one). */
static char *
squeezed_text (const char *path)
{
  g_autofree char *raw = run_tool ((const char *[]) { "pdftotext", "-raw", path, "-", NULL });
  GString *s = g_string_new (NULL);

  for (const char *c = raw; *c; c++)
    if (!g_ascii_isspace (*c))
      g_string_append_c (s, *c);
  return g_string_free (s, FALSE);
}

static void
assert_has (const char *text,
            const char *what)
{
  if (strstr (text, what) == NULL)
    g_error ("“%s” is not in the bulletin:\n%s", what, text);
}

static int
n_pages (const char *path)
{
  g_autofree char *info = run_tool ((const char *[]) { "pdfinfo", path, NULL });
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return atoi (line + strlen ("\nPages:"));
}

/* A populated schema-3 database is upgraded to 4: every row kept, the
 * two bulletin tables added, empty and untracked. */
static void
test_migration_v3_to_v4 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autofree char *path = g_strdup (chc_database_get_path (db));
  gint64 n_facilities, n_signing, n_projects, n_audit, n_versions, n_keys;
  sqlite3 *raw = NULL;

  n_facilities = chc_test_query_int (db, "SELECT count (*) FROM facility");
  n_signing = chc_test_query_int (db, "SELECT count (*) FROM signing");
  n_projects = chc_test_query_int (db, "SELECT count (*) FROM project");
  n_audit = chc_test_query_int (db, "SELECT count (*) FROM audit");
  n_versions = chc_test_query_int (db, "SELECT count (*) FROM row_version");
  n_keys = chc_test_query_int (db, "SELECT count (*) FROM meta WHERE key LIKE 'package_key%'");
  g_assert_cmpint (n_facilities, >, 10);
  g_assert_cmpint (n_signing, >, 100);
  g_clear_object (&db);

  /* Back to schema 3: what a schema-3 build wrote. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, CHC_TEST_SQL_BACK_TO_V4 " DROP TABLE bulletin_setting; DROP TABLE bulletin_issue;"
                                      " PRAGMA user_version = 3;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = chc_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chc_database_get_schema_version (db), ==, CHC_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM facility"), ==, n_facilities);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM signing"), ==, n_signing);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM project"), ==, n_projects);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM audit"), ==, n_audit);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM row_version"), ==, n_versions);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM meta WHERE key LIKE 'package_key%'"), ==, n_keys);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM bulletin_issue"), ==, 0);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM bulletin_setting"), ==, 0);

  /* Registering writes no audit entry: the register is not tracked. */
  g_assert_cmpint (chc_database_register_bulletin (db, 1, "青卫健基层", 2025, "T", "2024", "2025-01-02", 1, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM audit"), ==, n_audit);
  {
    g_autoptr(GPtrArray) problems = chc_database_check (db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

/* Numbers: one more each time, per prefix and year; settings remembered
 * per district. */
static void
test_register_and_settings (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_assert_cmpint (chc_database_next_bulletin_number (db, 1, "青卫健基层", 2025, &error), ==, 1);
  g_assert_cmpint (chc_database_register_bulletin (db, 1, "青卫健基层", 2025, "a", "2024", "2025-01-02", 1, &error), ==, 1);
  g_assert_cmpint (chc_database_register_bulletin (db, 1, "青卫健基层", 2025, "b", "2024", "2025-01-02", 12, &error), ==, 2);
  g_assert_cmpint (chc_database_register_bulletin (db, 1, "青卫健基层", 2026, "c", "2025", "2026-01-05", 1, &error), ==, 1);
  g_assert_cmpint (chc_database_register_bulletin (db, 1, "青卫健", 2025, "d", "2024", "2025-01-02", 1, &error), ==, 1);
  g_assert_cmpint (chc_database_register_bulletin (db, 2, "青卫健基层", 2025, "e", "2024", "2025-01-02", 1, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (chc_database_next_bulletin_number (db, 1, "青卫健基层", 2025, &error), ==, 3);

  g_assert_null (chc_database_get_bulletin_setting (db, 1, CHC_BULLETIN_DOC_PREFIX));
  g_assert_true (chc_database_set_bulletin_setting (db, 1, CHC_BULLETIN_DOC_PREFIX, "青卫基", &error));
  value = chc_database_get_bulletin_setting (db, 1, CHC_BULLETIN_DOC_PREFIX);
  g_assert_cmpstr (value, ==, "青卫基");
  g_assert_null (chc_database_get_bulletin_setting (db, 2, CHC_BULLETIN_DOC_PREFIX));
  g_assert_true (chc_database_set_bulletin_setting (db, 1, CHC_BULLETIN_DOC_PREFIX, NULL, &error));
  g_assert_null (chc_database_get_bulletin_setting (db, 1, CHC_BULLETIN_DOC_PREFIX));
}

static void
test_text_round_trip (void)
{
  g_autoptr(ChcReportText) text = chc_report_text_new ();
  g_autoptr(ChcReportText) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *string = NULL;

  text->sections[CHC_REPORT_TEXT_BASIC] = g_strdup ("第一段。\n第二段。");
  text->sections[CHC_REPORT_TEXT_REQUIREMENTS] = g_strdup ("（一）要求。");
  string = chc_report_text_to_string (text);
  parsed = chc_report_text_parse (string, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->sections[CHC_REPORT_TEXT_BASIC], ==, "第一段。\n第二段。");
  g_assert_cmpstr (parsed->sections[CHC_REPORT_TEXT_REQUIREMENTS], ==, "（一）要求。");
  g_assert_null (parsed->sections[CHC_REPORT_TEXT_PROBLEMS]);
  g_clear_pointer (&parsed, chc_report_text_free);

  parsed = chc_report_text_parse ("【别的】\n文字\n", &error);
  g_assert_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_TEXT);
  g_assert_null (parsed);
}

/* The Chinese district edition through chc-cli, as issue 16 item 7 asks. */
static void
test_cli_district_edition (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "qingpu.pdf", NULL);
  g_autofree char *pdf2 = g_build_filename (dir, "qingpu2.pdf", NULL);
  g_autofree char *text_file = g_build_filename (dir, "text.txt", NULL);
  g_autofree char *each = g_build_filename (dir, "each", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *layout = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *info = NULL;
  const char *problems, *requirements;

  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "init", "--demo", NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
                             "--db", db, "report", "--district", "青浦", "--year", "2024",
                             "--doc-number-prefix", "青卫健基层", "--date", "2025-01-15",
                             "--as-of", "2024-12-31", "--output", pdf, NULL });
  text = squeezed_text (pdf);
  assert_has (text, "上海市青浦区卫生健康委员会文件");
  assert_has (text, "青卫健基层〔2025〕1号");
  assert_has (text, "关于2024年度青浦区社区卫生服务能力提升工作情况的通报");
  assert_has (text, "各社区卫生服务中心：");
  assert_has (text, "一、基本情况");
  assert_has (text, "二、主要指标完成情况");
  assert_has (text, "（一）");
  assert_has (text, "三、存在问题");
  assert_has (text, "四、下一步工作要求");
  assert_has (text, "青浦区卫生健康委员会2025年1月15日");
  assert_has (text, "附件1");
  assert_has (text, "抄送：");
  assert_has (text, "2025年1月15日印发");
  assert_has (text, "—1—");
  /* Centres below the 45% target are named among the problems, late
   * projects with their days late as of the printed date. */
  problems = strstr (text, "三、存在问题");
  requirements = strstr (text, "四、下一步工作要求");
  g_assert_true (problems != NULL && requirements > problems);
  g_assert_nonnull (g_strstr_len (problems, requirements - problems, "香花桥社区卫生服务中心（41.5%）"));
  g_assert_nonnull (g_strstr_len (problems, requirements - problems, "截至2024年12月31日"));
  g_assert_nonnull (g_strstr_len (problems, requirements - problems, "滞后121天"));
  /* The text comes before the signature, the tables after it. */
  g_assert_true (strstr (text, "2025年1月15日印发") > strstr (text, "附件1"));
  g_assert_true (strstr (text, "附件1") > requirements);
  /* "个百分点" is never broken across lines. */
  layout = run_tool ((const char *[]) { "pdftotext", "-layout", pdf, "-", NULL });
  assert_has (text, "2.2个百分点");    /* 徐泾, the largest rise */
  {
    g_auto(GStrv) lines = g_strsplit (layout, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_autofree char *line = g_strstrip (g_strdup (lines[i]));

        g_assert_false (g_str_has_suffix (line, "个") || g_str_has_suffix (line, "个百") ||
                        g_str_has_suffix (line, "个百分") || g_str_has_prefix (line, "百分点") ||
                        g_str_has_prefix (line, "分点") || g_str_has_prefix (line, "点"));
      }
  }
  /* A serif (Song/FangSong) face and a sans one, named in the properties. */
  fonts = run_tool ((const char *[]) { "pdffonts", pdf, NULL });
  g_assert_true (strstr (fonts, "Serif") != NULL || strstr (fonts, "Song") != NULL ||
                 strstr (fonts, "Ming") != NULL);
  g_assert_true (strstr (fonts, "Sans") != NULL || strstr (fonts, "Hei") != NULL);
  info = run_tool ((const char *[]) { "pdfinfo", pdf, NULL });
  g_assert_nonnull (strstr (info, "正文（仿宋）"));
  g_clear_pointer (&text, g_free);

  /* The next bulletin takes the next number; the prefix is remembered. */
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
                             "--db", db, "report", "--district", "青浦", "--year", "2024",
                             "--date", "2025-01-15", "--output", pdf2, NULL });
  text = squeezed_text (pdf2);
  assert_has (text, "青卫健基层〔2025〕2号");
  g_clear_pointer (&text, g_free);

  /* 抄送 none and another 印发机关, remembered for the next one. */
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
                             "--db", db, "report", "--district", "青浦", "--year", "2024", "--month", "6",
                             "--copy-to", "", "--printer", "青浦区卫生健康委员会基层卫生健康科",
                             "--output", pdf2, NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
                             "--db", db, "report", "--district", "青浦", "--year", "2024", "--month", "6",
                             "--output", pdf2, NULL });
  text = squeezed_text (pdf2);
  g_assert_null (strstr (text, "抄送"));
  assert_has (text, "青浦区卫生健康委员会基层卫生健康科2024年7月1日印发");
  assert_has (text, "关于2024年6月青浦区");
  g_clear_pointer (&text, g_free);

  /* --draft-text, edited, given back with --text. */
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
                             "--db", db, "report", "--district", "青浦", "--year", "2024", "--draft-text", NULL });
  g_assert_nonnull (strstr (out, "【基本情况】"));
  g_assert_nonnull (strstr (out, "【存在问题】"));
  g_assert_nonnull (strstr (out, "香花桥社区卫生服务中心"));
  g_assert_true (g_file_set_contents (text_file, "【存在问题】\n（一）本段由科室改写。各中心要高度重视。\n", -1, NULL));
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
                             "--db", db, "report", "--district", "青浦", "--year", "2024",
                             "--text", text_file, "--without", "chart", "--output", pdf2, NULL });
  text = squeezed_text (pdf2);
  assert_has (text, "本段由科室改写");
  assert_has (text, "一、基本情况");   /* the other sections stay drafted */
  g_assert_null (strstr (text, "各中心家庭医生签约覆盖率图"));
  g_clear_pointer (&text, g_free);

  /* The per-centre editions: addressed to each centre, one number. */
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
                             "--db", db, "report", "--district", "青浦", "--year", "2024",
                             "--each-centre", each, NULL });
  {
    g_autofree char *one = g_build_filename (each, "青浦区-2024-香花桥社区卫生服务中心.pdf", NULL);

    text = squeezed_text (one);
    assert_has (text, "香花桥社区卫生服务中心：");
    assert_has (text, "你中心签约覆盖率为41.5%");
    assert_has (text, "排名第12位");
    assert_has (text, "青卫健基层〔2025〕4号");   /* 2024-06's two took 〔2024〕1号 and 2号 */
  }

  /* Bad dates and a bad text file are usage errors. */
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) {
                             "--db", db, "report", "--district", "青浦", "--year", "2024",
                             "--as-of", "2024-13-40", "--output", pdf2, NULL });
  g_assert_true (g_file_set_contents (text_file, "【结语】\n文字\n", -1, NULL));
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) {
                             "--db", db, "report", "--district", "青浦", "--year", "2024",
                             "--text", text_file, "--output", pdf2, NULL });
}

/* A remarks section without text takes no page, nor a heading. */
static void
test_remarks_only_with_text (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_demo ();
  g_autoptr(ChcDistrict) qingpu = NULL;
  g_autoptr(GError) error = NULL;
  ChcReportOptions options = { 0 };
  int pages[2];

  qingpu = chc_database_find_district (database, "青浦", &error);
  g_assert_no_error (error);
  options.district_id = chc_district_get_id (qingpu);
  options.year = 2024;
  options.sections = CHC_REPORT_SECTION_REMARKS | CHC_REPORT_SECTION_INDICATORS;
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(ChcReport) report = NULL;
      g_autofree char *dir = chc_test_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "r.pdf", NULL);
      g_autofree char *text = NULL;

      options.remarks = i == 0 ? "  \n " : "请于1月20日前报送整改情况。";
      report = chc_report_build (database, &options, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (chc_report_write_pdf (report, path, &error));
      pages[i] = n_pages (path);
      text = squeezed_text (path);
      if (i == 0)
        g_assert_null (strstr (text, "其他事项"));
      else
        assert_has (text, "五、其他事项请于1月20日前报送整改情况。");
    }
  g_assert_cmpint (pages[0], <=, pages[1]);
}

/* Wherever a line ends, "1.2个百分点" stays on one line: paragraphs
 * where it falls at every position around the end of the first line. */
static void
test_points_unbroken (void)
{
  g_autoptr(ChcReport) report = chc_report_new ("points");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "points.pdf", NULL);
  g_autofree char *layout = NULL;
  g_auto(GStrv) lines = NULL;
  guint whole = 0;

  chc_report_set_official (report, TRUE);
  for (int n = 16; n <= 28; n++)
    {
      GString *text = g_string_new (NULL);

      for (int i = 0; i < n; i++)
        g_string_append (text, "甲");
      g_string_append (text, "提高1.2个百分点，");
      for (int i = 0; i < 30; i++)
        g_string_append (text, "乙");
      chc_report_add_body (report, text->str, 2);
      g_string_free (text, TRUE);
    }
  g_assert_true (chc_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  layout = run_tool ((const char *[]) { "pdftotext", "-layout", path, "-", NULL });
  lines = g_strsplit (layout, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* Any piece of it on a line is the whole of it. */
      if (strstr (lines[i], "1.2") || strstr (lines[i], "个") || strstr (lines[i], "百") ||
          strstr (lines[i], "分点"))
        {
          if (strstr (lines[i], "1.2个百分点") == NULL)
            g_error ("“1.2个百分点” broken: “%s”", lines[i]);
          whole++;
        }
    }
  g_assert_cmpuint (whole, ==, 13);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bulletin/store/migration-v3-v4", test_migration_v3_to_v4);
  g_test_add_func ("/bulletin/store/register-and-settings", test_register_and_settings);
  g_test_add_func ("/bulletin/text/round-trip", test_text_round_trip);
  g_test_add_func ("/bulletin/cli/district-edition", test_cli_district_edition);
  g_test_add_func ("/bulletin/build/remarks-only-with-text", test_remarks_only_with_text);
  g_test_add_func ("/bulletin/layout/points-unbroken", test_points_unbroken);

  return g_test_run ();
}
