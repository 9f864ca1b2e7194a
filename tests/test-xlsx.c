/* test-xlsx.c — Excel/WPS files (issue 17): xlsx out for every kind and
 * listing, the format from --format or the suffix, formula guards,
 * control characters, GB18030 warnings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "chc-test-util.h"
#include "core/chc-text.h"
#include "core/chc-validate.h"
#include "io/chc-csv-export.h"
#include "io/chc-csv-import.h"
#include "store/chc-row-rules.h"
#include "io/chc-export-format.h"
#include "io/chc-xlsx-writer.h"

static void
assert_is_xlsx (const char *path)
{
  g_autoptr(GBytes) bytes = chc_test_read_file (path);
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_cmpuint (size, >, 1000);
  g_assert_cmpmem (data, 4, "PK\x03\x04", 4);
}

static void
test_format_resolve (void)
{
  ChcExportFormat format = -1;
  g_autoptr(GError) error = NULL;

  g_assert_true (chc_export_format_resolve (NULL, "/x/out.xlsx", &format, &error));
  g_assert_cmpint (format, ==, CHC_EXPORT_FORMAT_XLSX);
  g_assert_true (chc_export_format_resolve (NULL, "out.CSV", &format, &error));
  g_assert_cmpint (format, ==, CHC_EXPORT_FORMAT_CSV);
  g_assert_true (chc_export_format_resolve (NULL, "out", &format, &error));
  g_assert_cmpint (format, ==, CHC_EXPORT_FORMAT_CSV);
  g_assert_true (chc_export_format_resolve ("xlsx", "out", &format, &error));
  g_assert_cmpint (format, ==, CHC_EXPORT_FORMAT_XLSX);
  g_assert_true (chc_export_format_resolve ("csv", "out.csv", &format, &error));
  g_assert_cmpint (format, ==, CHC_EXPORT_FORMAT_CSV);

  /* a suffix that does not match, an unknown format, a format never written */
  g_assert_false (chc_export_format_resolve ("xlsx", "out.csv", &format, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (chc_export_format_resolve ("csv", "out.xlsx", &format, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (chc_export_format_resolve ("pdf", "out", &format, &error));
  g_clear_error (&error);
  g_assert_false (chc_export_format_resolve (NULL, "out.xls", &format, &error));
  g_clear_error (&error);
}

static void
test_text_width (void)
{
  g_assert_cmpuint (chc_xlsx_text_width ("abc"), ==, 3);
  g_assert_cmpuint (chc_xlsx_text_width ("签约人数"), ==, 8);
  g_assert_cmpuint (chc_xlsx_text_width ("Ａ1"), ==, 3);
}

static void
test_export_every_kind (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();

  for (guint k = 0; k < CHC_CSV_N_KINDS; k++)
    {
      g_autofree char *name = g_strdup_printf ("%s.xlsx", chc_csv_kind_to_nick (k));
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      ChcCsvExportOptions options;
      guint64 n_rows = 0;

      chc_csv_export_options_init (&options);
      options.format = CHC_EXPORT_FORMAT_XLSX;
      g_assert_true (chc_csv_export (database, k, file, &options, NULL, &n_rows, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_rows, >, 10);
      assert_is_xlsx (path);
    }

  /* no temporary file left beside them */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *entry;
    guint n = 0;

    while ((entry = g_dir_read_name (d)) != NULL)
      {
        g_assert_false (g_str_has_prefix (entry, ".chc-xlsx"));
        n++;
      }
    g_assert_cmpuint (n, ==, CHC_CSV_N_KINDS);
  }
}

static void
test_writer_limits (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "big.xlsx", NULL);
  g_autoptr(ChcXlsxWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (40000, 'x');
  const char *headers[] = { "a" };

  writer = chc_xlsx_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (chc_xlsx_writer_add_sheet (writer, "s", NULL, 1, headers, &error));
  chc_xlsx_writer_text (writer, huge);
  g_assert_false (chc_xlsx_writer_end_row (writer, &error));
  g_assert_nonnull (error);
  g_clear_pointer (&writer, chc_xlsx_writer_free);
  /* the failed workbook leaves nothing behind */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_cli (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "out.xlsx", NULL);
  g_autofree char *csv = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *listing = g_build_filename (dir, "listing.xlsx", NULL);
  g_autofree char *listing_csv = g_build_filename (dir, "listing.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

#define RUN(status, ...) \
  G_STMT_START { \
    g_clear_pointer (&out, g_free); \
    g_clear_pointer (&err, g_free); \
    g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, __VA_ARGS__, NULL }, &out, &err), ==, status); \
  } G_STMT_END

  RUN (0, "init", "--demo");
  RUN (0, "export", "signing", xlsx);
  assert_is_xlsx (xlsx);
  RUN (2, "export", "signing", csv, "--format", "xlsx");
  g_assert_nonnull (strstr (err, "does not end in .xlsx"));
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  RUN (2, "export", "signing", xlsx, "--format", "csv");
  RUN (2, "export", "signing", xlsx, "--encoding", "gb18030");
  RUN (0, "export", "tcm", csv, "--format", "csv");
  g_assert_false (g_str_has_prefix (err, "chc-cli"));

  /* listings: the TSV unchanged on standard output, or a file */
  RUN (0, "signing", "-d", "青浦", "-p", "2025-06");
  g_assert_true (g_str_has_prefix (out, "facility_code\tfacility_name\tperiod\t"));
  RUN (0, "signing", "-d", "青浦", "-p", "2025-06", "--output", listing);
  g_assert_cmpstr (out, ==, "");
  assert_is_xlsx (listing);
  RUN (0, "signing", "-d", "青浦", "-p", "2025-06", "--output", listing_csv);
  {
    g_autoptr(GBytes) bytes = chc_test_read_file (listing_csv);
    const char *text = g_bytes_get_data (bytes, NULL);

    g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF机构编码,机构名称,统计月份,常住人口,"));
  }
  RUN (2, "signing", "-d", "青浦", "-p", "2025-06", "--output", listing, "--format", "csv");
  RUN (2, "tcm", "-d", "青浦", "--format", "xlsx");
  for (guint i = 0; i < 5; i++)
    {
      static const char *const commands[][5] = {
        { "facilities", NULL },
        { "tcm", "-d", "青浦", "-y", "2025" },
        { "projects", NULL },
        { "indicators", "-d", "青浦", "-y", "2025" },
        { "audit", NULL },
      };
      const char *argv[12] = { "--db", db };
      guint n = 2;

      g_remove (listing);
      for (guint j = 0; j < 5 && commands[i][j] != NULL; j++)
        argv[n++] = commands[i][j];
      argv[n++] = "-o";
      argv[n++] = listing;
      chc_test_run_cli_expect (0, &out, &err, argv);
      assert_is_xlsx (listing);
    }
#undef RUN
}

/* Values a spreadsheet would run as formulas (issue 17's examples and
 * their relatives), and ones that look guarded already. */
static const char *const formula_names[] = {
  "=HYPERLINK(\"http://example.com\",\"点击\")",
  "+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(A1:A2)",
  "＝1+1社区",
  "＋中心",
  "'=already guarded",
  "''+twice",
  "'plain quote",
};

static void
test_text_guard (void)
{
  static const struct { const char *text; const char *guarded; } cases[] = {
    { "=1+1", "'=1+1" }, { "+1", "'+1" }, { "-1", "'-1" }, { "@x", "'@x" },
    { "\tx", "'\tx" }, { "\rx", "'\rx" }, { "＝x", "'＝x" }, { "＠x", "'＠x" },
    { "'=x", "''=x" }, { "'x", "'x" }, { "x=1", "x=1" }, { "", "" }, { "白鹤", "白鹤" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *guarded = chc_text_guard (cases[i].text);
      g_autofree char *back = chc_text_unguard (guarded);

      g_assert_cmpstr (guarded, ==, cases[i].guarded);
      g_assert_cmpstr (back, ==, cases[i].text);
    }
  g_assert_null (chc_text_unguard (NULL));
}

static void
test_text_controls (void)
{
  static const char *const refused[] = {
    "a\x1b[31mb", "a\x01", "a\x7f", "a\xc2\x9b" "31m", "evil\xe2\x80\xae" "txt.exe", "a\xe2\x81\xa6" "b", "a\rb",
  };
  g_autofree char *reason = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (chc_text_check_controls (refused[i], TRUE, NULL));
      g_assert_false (chc_text_check_controls (refused[i], FALSE, NULL));
    }
  g_assert_true (chc_text_check_controls ("白鹤社区\t卫生\r\n服务中心\n", TRUE, NULL));
  g_assert_false (chc_text_check_controls ("a\tb", FALSE, &reason));
  g_assert_nonnull (strstr (reason, "U+0009"));
  g_assert_true (chc_text_check_controls ("A·B（分中心）", FALSE, NULL));
  g_assert_false (chc_text_check_controls ("\xff", FALSE, NULL));

  /* one rule for entry and for package rows */
  {
    ChcRowValue value = { CHC_ROW_VALUE_TEXT, "白鹤\xe2\x80\xae" };
    g_autofree char *why = NULL;
    g_autoptr(ChcFacility) facility = chc_facility_new ();
    g_autoptr(GPtrArray) violations = chc_violations_new ();
    ChcFacilityContext context = { 0 };

    g_assert_false (chc_row_rules_check_value ("facility", "name", &value, &why));
    value.text = "白鹤";
    g_clear_pointer (&why, g_free);
    g_assert_true (chc_row_rules_check_value ("facility", "name", &value, &why));

    chc_facility_set_code (facility, "X1");
    chc_facility_set_name (facility, "白鹤\x1b[2J");
    chc_facility_set_district_id (facility, 1);
    chc_validate_facility (facility, &context, violations);
    g_assert_nonnull (chc_violations_find (violations, "name"));
  }
}

static char *
export_csv (ChcDatabase    *database,
            ChcCsvKind      kind,
            const char     *path,
            ChcCsvEncoding  encoding,
            GPtrArray      *outside_gbk)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  ChcCsvExportOptions options;

  chc_csv_export_options_init (&options);
  options.encoding = encoding;
  options.outside_gbk = outside_gbk;
  g_assert_true (chc_csv_export (database, kind, file, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  bytes = chc_test_read_file (path);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static ChcCsvReport *
import_csv (ChcDatabase *database,
            ChcCsvKind   kind,
            const char  *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChcCsvImportOptions options;
  ChcCsvReport *report;

  chc_csv_import_options_init (&options);
  options.file_name = "in.csv";
  report = chc_csv_import (database, kind, file, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static gint64
qingpu (ChcDatabase *database)
{
  g_autoptr(ChcDistrict) district = chc_database_find_district (database, "青浦", NULL);

  g_assert_nonnull (district);
  return chc_district_get_id (district);
}

static void
test_guard_csv_round_trip (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(ChcDatabase) other = chc_test_new_database (TRUE);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *first = g_build_filename (dir, "first.csv", NULL);
  g_autofree char *second = g_build_filename (dir, "second.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  gint64 district = qingpu (database);

  for (guint i = 0; i < G_N_ELEMENTS (formula_names); i++)
    {
      g_autofree char *code = g_strdup_printf ("F%u", i);
      g_autoptr(ChcFacility) f = chc_test_add_centre (database, district, code, formula_names[i]);
    }
  text = export_csv (database, CHC_CSV_KIND_FACILITIES, first, CHC_CSV_ENCODING_UTF8, NULL);
  /* guarded in the file: no cell begins with a formula character */
  g_assert_nonnull (strstr (text, ",\"'=HYPERLINK(\"\"http://example.com\"\",\"\"点击\"\")\","));
  g_assert_nonnull (strstr (text, ",'-2+3,"));
  g_assert_nonnull (strstr (text, ",'＝1+1社区,"));
  g_assert_nonnull (strstr (text, ",'''+twice,"));
  g_assert_nonnull (strstr (text, ",'plain quote,"));
  g_assert_null (strstr (text, ",=HYPERLINK"));
  g_assert_null (strstr (text, ",-2+3"));

  /* the same file back: every row unchanged (the guard is taken away) */
  {
    g_autoptr(ChcCsvReport) report = import_csv (database, CHC_CSV_KIND_FACILITIES, first);

    g_assert_cmpuint (report->n_errors, ==, 0);
    g_assert_cmpuint (report->unchanged, ==, G_N_ELEMENTS (formula_names));
  }
  /* into another database, and out again: byte-identical */
  {
    g_autoptr(ChcCsvReport) report = import_csv (other, CHC_CSV_KIND_FACILITIES, first);
    g_autofree char *name = chc_test_query_text (other, "SELECT name FROM facility WHERE code = 'F0'");

    g_assert_cmpuint (report->inserted, ==, G_N_ELEMENTS (formula_names));
    g_assert_cmpstr (name, ==, formula_names[0]);
  }
  again = export_csv (other, CHC_CSV_KIND_FACILITIES, second, CHC_CSV_ENCODING_UTF8, NULL);
  g_assert_cmpstr (again, ==, text);
}

static void
test_controls_import (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr(ChcCsvReport) report = NULL;
  g_autofree char *problems = NULL;
  const char *csv = "code,name,type,district\r\n"
                    "C1,白鹤\x1b[31m社区,centre,青浦\r\n"
                    "C2,好的名字,centre,青浦\r\n"
                    "C3,\xe2\x80\xae" "gpj.exe,centre,青浦\r\n";

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  report = import_csv (database, CHC_CSV_KIND_FACILITIES, path);
  g_assert_cmpuint (report->n_errors, ==, 2);
  g_assert_false (report->written);
  problems = chc_csv_report_format_problems (report);
  g_assert_nonnull (strstr (problems, "in.csv:2:2:"));
  g_assert_nonnull (strstr (problems, "U+001B"));
  g_assert_nonnull (strstr (problems, "in.csv:4:2:"));
  g_assert_nonnull (strstr (problems, "U+202E"));
  g_assert_cmpint (chc_test_query_int (database, "SELECT count(*) FROM facility"), ==, 0);
}

static void
test_gb18030_warning (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "gb.csv", NULL);
  g_autofree char *in = g_build_filename (dir, "in.csv", NULL);
  g_autofree char *db = g_build_filename (dir, "gb.db", NULL);
  g_autoptr(GPtrArray) outside = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 district = qingpu (database);
  g_autoptr(ChcFacility) a = chc_test_add_centre (database, district, "A1", "白鹤社区卫生服务中心");
  g_autoptr(ChcFacility) b = chc_test_add_centre (database, district, "B2", "𠀀社区卫生服务中心");
  g_autoptr(ChcFacility) c = chc_test_add_centre (database, district, "C3", "€中心");

  text = export_csv (database, CHC_CSV_KIND_FACILITIES, path, CHC_CSV_ENCODING_GB18030, outside);
  /* GB18030 keeps it (the file is right), GBK readers would not */
  g_assert_cmpuint (outside->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (outside, 0), "line 3"));
  g_assert_nonnull (strstr (g_ptr_array_index (outside, 0), "𠀀社区"));

  /* chc-cli says so and suggests UTF-8 */
  g_assert_true (g_file_set_contents (in, "code,name,type,district\nB2,𠀀社区卫生服务中心,centre,青浦\n", -1, NULL));
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "init", NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "import", "facilities", in, NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "export", "facilities", path, "--encoding", "gb18030", NULL });
  g_assert_nonnull (strstr (err, "outside GBK"));
  g_assert_nonnull (strstr (err, "UTF-8 with a BOM"));
  g_assert_nonnull (strstr (err, "line 2"));
  g_assert_nonnull (strstr (err, "𠀀社区"));
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "export", "facilities", path, NULL });
  g_assert_null (strstr (err, "outside GBK"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xlsx/format/resolve", test_format_resolve);
  g_test_add_func ("/xlsx/writer/width", test_text_width);
  g_test_add_func ("/xlsx/writer/limits", test_writer_limits);
  g_test_add_func ("/xlsx/export/every-kind", test_export_every_kind);
  g_test_add_func ("/xlsx/cli", test_cli);
  g_test_add_func ("/xlsx/text/guard", test_text_guard);
  g_test_add_func ("/xlsx/text/controls", test_text_controls);
  g_test_add_func ("/xlsx/guard/csv-round-trip", test_guard_csv_round_trip);
  g_test_add_func ("/xlsx/controls/import", test_controls_import);
  g_test_add_func ("/xlsx/gb18030/warning", test_gb18030_warning);
  return g_test_run ();
}
