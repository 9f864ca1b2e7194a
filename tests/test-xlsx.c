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
#include "io/chc-csv-export.h"
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xlsx/format/resolve", test_format_resolve);
  g_test_add_func ("/xlsx/writer/width", test_text_width);
  g_test_add_func ("/xlsx/writer/limits", test_writer_limits);
  g_test_add_func ("/xlsx/export/every-kind", test_export_every_kind);
  g_test_add_func ("/xlsx/cli", test_cli);
  return g_test_run ();
}
