/* test-xlsx.c — Excel/WPS files (issue 17): xlsx out for every kind and
 * listing, the format from --format or the suffix, formula guards,
 * control characters, GB18030 warnings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-output-stdio.h>

#include "chc-test-util.h"
#include "core/chc-text.h"
#include "core/chc-validate.h"
#include "io/chc-csv-export.h"
#include "io/chc-csv-import.h"
#include "store/chc-row-rules.h"
#include "io/chc-export-format.h"
#include "io/chc-template.h"
#include "io/chc-xlsx-reader.h"
#include "io/chc-xlsx-writer.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

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


/* ---- xlsx in ------------------------------------------------------------ */

/* Writes a workbook of @parts (name, XML, …, NULL) with libgsf: the
 * hand-made files of Excel and WPS, down to the XML. */
static void
write_zip (const char        *path,
           const char *const *parts)
{
  g_autoptr(GError) error = NULL;
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip;

  g_assert_no_error (error);
  zip = gsf_outfile_zip_new (sink, &error);
  g_assert_no_error (error);
  for (guint i = 0; parts[i] != NULL; i += 2)
    {
      g_auto(GStrv) names = g_strsplit (parts[i], "/", -1);
      GsfOutfile *dir = zip;
      g_autoptr(GPtrArray) dirs = g_ptr_array_new ();
      GsfOutput *child;

      for (guint j = 0; names[j + 1] != NULL; j++)
        {
          dir = GSF_OUTFILE (gsf_outfile_new_child (dir, names[j], TRUE));
          g_ptr_array_add (dirs, dir);
        }
      child = gsf_outfile_new_child (dir, names[g_strv_length (names) - 1], FALSE);
      g_assert_true (gsf_output_write (child, strlen (parts[i + 1]), (const guint8 *) parts[i + 1]));
      gsf_output_close (child);
      g_object_unref (child);
      for (guint j = dirs->len; j > 0; j--)
        {
          gsf_output_close (g_ptr_array_index (dirs, j - 1));
          g_object_unref (g_ptr_array_index (dirs, j - 1));
        }
    }
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  g_object_unref (sink);
}

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static const char workbook_xml[] =
  XML_HEAD "<workbook " NS "><workbookPr/><sheets>"
  "<sheet name=\"说明\" sheetId=\"1\" r:id=\"rId1\"/>"
  "<sheet name=\"签约\" sheetId=\"2\" r:id=\"rId2\"/>"
  "</sheets></workbook>";
static const char rels_xml[] =
  XML_HEAD "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
  "</Relationships>";
/* xf 0: General; 1: built-in date 14; 2: a custom month format; 3: a
 * thousands format (not a date) */
static const char styles_xml[] =
  XML_HEAD "<styleSheet " NS "><numFmts count=\"2\">"
  "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;\"/>"
  "<numFmt numFmtId=\"165\" formatCode=\"#,##0;[Red]\\-#,##0\"/></numFmts>"
  "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
  "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs>"
  "</styleSheet>";
/* rich text runs, a phonetic guide (not the text), a number stored as text */
static const char strings_xml[] =
  XML_HEAD "<sst " NS " count=\"9\" uniqueCount=\"9\">"
  "<si><t>青浦区家庭医生签约情况（2025年6月）</t></si>"
  "<si><t>机构编码</t></si><si><t>机构名称</t></si><si><t>统计月份</t></si>"
  "<si><t>常住人口</t></si><si><t>签约人数</t></si>"
  "<si><r><rPr><b/></rPr><t>白鹤社区</t></r><r><t>卫生服务中心</t></r><rPh sb=\"0\" eb=\"2\"><t>ハク</t></rPh></si>"
  "<si><t>77,506</t></si>"
  "<si><t xml:space=\"preserve\"> Q2 </t></si>"
  "</sst>";
static const char notes_sheet_xml[] =
  XML_HEAD "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>填表说明</t></is></c></row></sheetData></worksheet>";

static char *
signing_sheet (const char *rows,
               const char *merges)
{
  return g_strconcat (XML_HEAD "<worksheet " NS "><sheetData>"
                      /* a title row, merged across: above the header, skipped */
                      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>2</v></c>"
                      "<c r=\"C2\" t=\"s\"><v>3</v></c><c r=\"D2\" t=\"s\"><v>4</v></c><c r=\"E2\" t=\"s\"><v>5</v></c></row>",
                      rows, "</sheetData>", merges != NULL ? merges : "", "</worksheet>", NULL);
}

static void
write_hand_made (const char *path,
                 const char *sheet)
{
  const char *parts[] = {
    "[Content_Types].xml", XML_HEAD "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
    "xl/workbook.xml", workbook_xml,
    "xl/_rels/workbook.xml.rels", rels_xml,
    "xl/styles.xml", styles_xml,
    "xl/sharedStrings.xml", strings_xml,
    "xl/worksheets/sheet1.xml", notes_sheet_xml,
    "xl/worksheets/sheet2.xml", sheet,
    NULL,
  };

  write_zip (path, parts);
}

/* Two facilities; the rows of the hand-made sheet: row 3 with a month
 * cell (45809 = 2025-06-01 in a 年月 format), a text number "77,506",
 * a number from a formula; row 5 (row 4 empty) by code with an inline
 * string and a built-in date format. */
static const char good_rows[] =
  "<row r=\"3\"><c r=\"A3\" t=\"str\"><v>Q1</v></c><c r=\"B3\" t=\"s\"><v>6</v></c>"
  "<c r=\"C3\" s=\"2\"><v>45809</v></c><c r=\"D3\" t=\"s\"><v>7</v></c>"
  "<c r=\"E3\" s=\"3\"><f>30000+6233</f><v>36233</v></c></row>"
  "<row r=\"4\"/>"
  "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>8</v></c>"
  "<c r=\"C5\" s=\"1\"><v>45809</v></c><c r=\"D5\" t=\"inlineStr\"><is><t>43151</t></is></c>"
  "<c r=\"E5\"><v>1.9827E4</v></c></row>";

static void
test_import_hand_made (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "hand.xlsx", NULL);
  g_autofree char *sheet = signing_sheet (good_rows, "<mergeCells count=\"1\"><mergeCell ref=\"A1:E1\"/></mergeCells>");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcCsvReport) report = NULL;
  g_autoptr(ChcXlsxSheet) read = NULL;
  g_autofree char *problems = NULL;
  ChcCsvImportOptions options;
  gint64 district = qingpu (database);
  g_autoptr(ChcFacility) a = chc_test_add_centre (database, district, "Q1", "白鹤社区卫生服务中心");
  g_autoptr(ChcFacility) b = chc_test_add_centre (database, district, "Q2", "赵屯社区卫生服务中心");

  write_hand_made (path, sheet);

  /* the cells as read */
  read = chc_xlsx_sheet_read (path, "签约", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->name, ==, "签约");
  g_assert_cmpstr (read->sheet_names[0], ==, "说明");
  g_assert_cmpuint (read->rows->len, ==, 5);
  {
    ChcXlsxRow *row = g_ptr_array_index (read->rows, 2);

    g_assert_cmpuint (row->number, ==, 3);
    g_assert_cmpstr (g_ptr_array_index (row->cells, 1), ==, "白鹤社区卫生服务中心");
    g_assert_cmpstr (g_ptr_array_index (row->cells, 2), ==, "2025-06-01");
    g_assert_cmpstr (g_ptr_array_index (row->cells, 3), ==, "77,506");
    g_assert_cmpstr (g_ptr_array_index (row->cells, 4), ==, "36233");
    row = g_ptr_array_index (read->rows, 4);
    g_assert_cmpstr (g_ptr_array_index (row->cells, 4), ==, "19827");
  }

  /* the first sheet has no header: that is what a wrong sheet looks like */
  chc_csv_import_options_init (&options);
  options.file_name = "hand.xlsx";
  report = chc_csv_import (database, CHC_CSV_KIND_SIGNING, file, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, >, 0);
  g_assert_false (report->written);
  g_clear_pointer (&report, chc_csv_report_free);

  options.sheet = "签约";
  report = chc_csv_import (database, CHC_CSV_KIND_SIGNING, file, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  problems = chc_csv_report_format_problems (report);
  g_assert_cmpstr (problems, ==, "");
  g_assert_true (report->written);
  g_assert_cmpuint (report->inserted, ==, 2);
  g_assert_cmpstr (report->file_name, ==, "hand.xlsx:签约");
  g_assert_cmpint (chc_test_query_int (database, "SELECT resident_population FROM signing JOIN facility ON facility.id = facility_id "
                                                 "WHERE code = 'Q1' AND period = '2025-06'"), ==, 77506);
  g_assert_cmpint (chc_test_query_int (database, "SELECT signed_residents FROM signing JOIN facility ON facility.id = facility_id "
                                                 "WHERE code = 'Q2' AND period = '2025-06'"), ==, 19827);

  /* no such sheet */
  g_clear_pointer (&report, chc_csv_report_free);
  options.sheet = "Sheet9";
  report = chc_csv_import (database, CHC_CSV_KIND_SIGNING, file, &options, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "“说明”, “签约”"));
}

/* Imports the hand-made @sheet written to @path: it must be refused with
 * nothing written; its problems as the user reads them. */
static char *
refused_problems (ChcDatabase               *database,
                  const char                *path,
                  const ChcCsvImportOptions *options,
                  const char                *sheet)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChcCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;

  write_hand_made (path, sheet);
  report = chc_csv_import (database, CHC_CSV_KIND_SIGNING, file, options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_errors, >, 0);
  g_assert_false (report->written);
  return chc_csv_report_format_problems (report);
}

static void
test_import_problems (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bad.xlsx", NULL);
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gint64 district = qingpu (database);
  g_autoptr(ChcFacility) a = chc_test_add_centre (database, district, "Q1", "白鹤社区卫生服务中心");
  g_autoptr(ChcFacility) b = chc_test_add_centre (database, district, "Q2", "赵屯社区卫生服务中心");
  ChcCsvImportOptions options;

  chc_csv_import_options_init (&options);
  options.file_name = "bad.xlsx";
  options.sheet = "签约";

  /* a bad value: FILE:SHEET:ROW:COLUMN, nothing written */
  {
    g_autofree char *sheet = signing_sheet ("<row r=\"3\"><c r=\"A3\" t=\"str\"><v>Q1</v></c><c r=\"C3\" s=\"1\"><v>45809</v></c>"
                                            "<c r=\"D3\"><v>100</v></c><c r=\"E3\"><v>200</v></c></row>"
                                            "<row r=\"7\"><c r=\"A7\" t=\"str\"><v>Q2</v></c><c r=\"C7\" s=\"1\"><v>45810</v></c>"
                                            "<c r=\"D7\"><v>100</v></c><c r=\"E7\"><v>-5</v></c></row>", NULL);
    g_autofree char *problems = refused_problems (database, path, &options, sheet);

    g_assert_nonnull (strstr (problems, "bad.xlsx:签约:7:3:"));   /* 2025-06-02: a day, not a month */
    g_assert_nonnull (strstr (problems, "bad.xlsx:签约:7:5:"));
    g_assert_nonnull (strstr (problems, "bad.xlsx:签约:3:"));      /* more signed than residents */
    g_assert_cmpint (chc_test_query_int (database, "SELECT count(*) FROM signing"), ==, 0);
  }

  /* merged header cells: refused, saying so */
  {
    g_autofree char *sheet = signing_sheet (good_rows, "<mergeCells count=\"2\"><mergeCell ref=\"A1:E1\"/><mergeCell ref=\"D2:E2\"/></mergeCells>");
    g_autofree char *problems = refused_problems (database, path, &options, sheet);

    g_assert_nonnull (strstr (problems, "bad.xlsx:签约:2:4: the header has merged cells"));
  }
  /* merged data cells (a district written once for several rows) */
  {
    g_autofree char *sheet = signing_sheet (good_rows, "<mergeCells count=\"1\"><mergeCell ref=\"C3:C5\"/></mergeCells>");
    g_autofree char *problems = refused_problems (database, path, &options, sheet);

    g_assert_nonnull (strstr (problems, "bad.xlsx:签约:3:3: merged cells"));
  }
  /* a DTD (entity expansion), damaged XML, a text file named .xlsx, an old .xls */
  {
    static const char *const sheets[] = {
      XML_HEAD "<!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
      "<worksheet " NS "><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>",
      XML_HEAD "<worksheet " NS "><sheetData><row r=\"1\"><c>",
      XML_HEAD "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"ZZZ1\"><v>1</v></c></row></sheetData></worksheet>",
      XML_HEAD "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>99</v></c></row></sheetData></worksheet>",
    };

    for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
      {
        /* the sheet is read as the rows are asked for: its damage is a
         * problem of the import at the row reached, and nothing is written */
        g_autofree char *problems = refused_problems (database, path, &options, sheets[i]);

        g_assert_true (g_str_has_prefix (problems, "bad.xlsx:签约:"));
        g_assert_nonnull (strstr (problems, "the workbook is damaged"));
      }
    g_assert_true (g_file_set_contents (path, "code,name\nQ1,x\n", -1, NULL));
    g_assert_null (chc_csv_import (database, CHC_CSV_KIND_SIGNING, file, &options, NULL, NULL, NULL, &error));
    g_assert_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT);
    g_assert_nonnull (strstr (error->message, "not an Excel workbook"));
    g_clear_error (&error);
  }

  /* chc-cli import KIND FILE.xlsx --sheet NAME */
  {
    g_autofree char *sheet = signing_sheet (good_rows, NULL);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    write_hand_made (path, sheet);
    chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "init", NULL });
    chc_test_run_cli_expect (1, &out, &err, (const char *[]) { "--db", db, "import", "signing", path, "--sheet", "签约", NULL });
    g_assert_nonnull (strstr (err, "bad.xlsx:签约:3:1:"));   /* no facility Q1 in that database */
    chc_test_run_cli_expect (2, &out, &err, (const char *[]) { "--db", db, "import", "signing", path, "--sheet", "nope", NULL });
    g_assert_nonnull (strstr (err, "no sheet “nope”"));
  }
}

static void
test_import_zip_bomb (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bomb.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  gsize size = CHC_XLSX_MAX_PART_BYTES + 1024;
  g_autofree char *big = g_malloc (size + 1);
  g_autoptr(ChcXlsxSheet) sheet = NULL;
  GStatBuf st;

  /* a shared-strings part of 256 MB of spaces: a few hundred kB zipped */
  memset (big, ' ', size);
  big[size] = '\0';
  {
    const char *parts[] = {
      "xl/workbook.xml", workbook_xml,
      "xl/_rels/workbook.xml.rels", rels_xml,
      "xl/sharedStrings.xml", big,
      "xl/worksheets/sheet1.xml", notes_sheet_xml,
      NULL,
    };
    write_zip (path, parts);
  }
  g_clear_pointer (&big, g_free);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, 2 * 1024 * 1024);

  sheet = chc_xlsx_sheet_read (path, NULL, &error);
  g_assert_null (sheet);
  g_assert_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_TOO_BIG);
}

static void
test_serial_dates (void)
{
  static const struct { double serial; gboolean date1904; const char *date; } cases[] = {
    { 1, FALSE, "1900-01-01" }, { 59, FALSE, "1900-02-28" }, { 61, FALSE, "1900-03-01" },
    { 45809, FALSE, "2025-06-01" }, { 45809.75, FALSE, "2025-06-01" }, { 36526, FALSE, "2000-01-01" },
    { 0, TRUE, NULL }, { 1, TRUE, "1904-01-02" }, { 44347, TRUE, "2025-06-01" },
    { 60, FALSE, NULL }, { 0, FALSE, NULL }, { -3, FALSE, NULL }, { 3e6, FALSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = chc_xlsx_serial_to_date (cases[i].serial, cases[i].date1904);

      g_assert_cmpstr (date, ==, cases[i].date);
    }
}

static void
test_import_round_trip (void)
{
  g_autoptr(ChcDatabase) demo = chc_test_new_demo ();
  g_autoptr(ChcDatabase) copy = chc_test_new_database (TRUE);
  g_autofree char *dir = chc_test_tmpdir ();

  /* facilities first: the other kinds name them */
  for (guint k = 0; k < CHC_CSV_N_KINDS; k++)
    {
      g_autofree char *name = g_strdup_printf ("%s.xlsx", chc_csv_kind_to_nick (k));
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *csv1 = g_build_filename (dir, "one.csv", NULL);
      g_autofree char *csv2 = g_build_filename (dir, "two.csv", NULL);
      g_autofree char *one = NULL;
      g_autofree char *two = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChcCsvReport) report = NULL;
      g_autoptr(ChcCsvReport) again = NULL;
      ChcCsvExportOptions options;

      chc_csv_export_options_init (&options);
      options.format = CHC_EXPORT_FORMAT_XLSX;
      g_assert_true (chc_csv_export (demo, k, file, &options, NULL, NULL, &error));
      g_assert_no_error (error);

      report = import_csv (copy, k, path);
      g_assert_cmpuint (report->n_errors, ==, 0);
      g_assert_cmpuint (report->n_warnings, ==, 0);
      g_assert_true (report->written);
      g_assert_cmpuint (report->inserted, >, 10);
      again = import_csv (demo, k, path);
      g_assert_cmpuint (again->inserted + again->updated, ==, 0);

      one = export_csv (demo, k, csv1, CHC_CSV_ENCODING_UTF8, NULL);
      two = export_csv (copy, k, csv2, CHC_CSV_ENCODING_UTF8, NULL);
      g_assert_cmpstr (one, ==, two);
    }
}

static void
test_guard_xlsx_round_trip (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(ChcDatabase) other = chc_test_new_database (TRUE);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "guard.xlsx", NULL);
  g_autofree char *csv1 = g_build_filename (dir, "one.csv", NULL);
  g_autofree char *csv2 = g_build_filename (dir, "two.csv", NULL);
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcCsvReport) report = NULL;
  g_autoptr(ChcXlsxSheet) sheet = NULL;
  ChcCsvExportOptions options;
  gint64 district = qingpu (database);

  for (guint i = 0; i < G_N_ELEMENTS (formula_names); i++)
    {
      g_autofree char *code = g_strdup_printf ("F%u", i);
      g_autoptr(ChcFacility) f = chc_test_add_centre (database, district, code, formula_names[i]);
    }
  chc_csv_export_options_init (&options);
  options.format = CHC_EXPORT_FORMAT_XLSX;
  g_assert_true (chc_csv_export (database, CHC_CSV_KIND_FACILITIES, file, &options, NULL, NULL, &error));

  /* string cells with the text as it is: no formula, no guard */
  sheet = chc_xlsx_sheet_read (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (((ChcXlsxRow *) g_ptr_array_index (sheet->rows, 2))->cells, 1), ==,
                   formula_names[0]);
  /* a text that looks guarded keeps its "'" through the guard */
  g_assert_cmpstr (g_ptr_array_index (((ChcXlsxRow *) g_ptr_array_index (sheet->rows, 8))->cells, 1), ==,
                   "''=already guarded");
  g_assert_cmpstr (g_ptr_array_index (((ChcXlsxRow *) g_ptr_array_index (sheet->rows, 10))->cells, 1), ==,
                   "'plain quote");
  {
    g_autoptr(GsfInput) input = gsf_input_stdio_new (path, NULL);
    g_autoptr(GsfInfile) zip = GSF_INFILE (gsf_infile_zip_new (input, NULL));
    g_autoptr(GsfInput) part = gsf_infile_child_by_vname (zip, "xl", "worksheets", "sheet1.xml", NULL);
    g_autofree char *xml = g_strndup ((const char *) gsf_input_read (part, gsf_input_size (part), NULL),
                                      gsf_input_size (part));

    g_assert_null (strstr (xml, "<f>"));
  }

  report = import_csv (other, CHC_CSV_KIND_FACILITIES, path);
  g_assert_cmpuint (report->inserted, ==, G_N_ELEMENTS (formula_names));
  one = export_csv (database, CHC_CSV_KIND_FACILITIES, csv1, CHC_CSV_ENCODING_UTF8, NULL);
  two = export_csv (other, CHC_CSV_KIND_FACILITIES, csv2, CHC_CSV_ENCODING_UTF8, NULL);
  g_assert_cmpstr (one, ==, two);
}


/* A guarded CSV opened in Excel and saved as a workbook keeps the "'" as
 * text: import takes it away as from CSV. */
static void
test_guard_csv_saved_as_xlsx (void)
{
  static const char *const headers[] = { "机构编码", "机构名称", "机构类型", "区" };
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "resaved.xlsx", NULL);
  g_autoptr(ChcXlsxWriter) writer = NULL;
  g_autoptr(ChcCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  writer = chc_xlsx_writer_new (path, &error);
  g_assert_true (chc_xlsx_writer_add_sheet (writer, "facilities", NULL, 4, headers, &error));
  chc_xlsx_writer_text (writer, "F1");
  chc_xlsx_writer_text (writer, "'=HYPERLINK(\"http://example.com\")");
  chc_xlsx_writer_text (writer, "社区卫生服务中心");
  chc_xlsx_writer_text (writer, "青浦区");
  g_assert_true (chc_xlsx_writer_end_row (writer, &error));
  g_assert_true (chc_xlsx_writer_close (writer, &error));
  g_assert_no_error (error);

  report = import_csv (database, CHC_CSV_KIND_FACILITIES, path);
  g_assert_true (report->written);
  name = chc_test_query_text (database, "SELECT name FROM facility WHERE code = 'F1'");
  g_assert_cmpstr (name, ==, "=HYPERLINK(\"http://example.com\")");
}

/* ---- entry templates ------------------------------------------------------ */

static void
test_template (void)
{
  g_autoptr(ChcDatabase) demo = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *saved = g_build_filename (dir, "saved.xlsx", NULL);
  g_autofree char *blank = g_build_filename (dir, "blank.xlsx", NULL);
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(ChcFacility) centre = chc_database_find_facility (demo, "310118C01", 0, NULL);
  g_autoptr(ChcXlsxSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  /* a month with saved figures: filled in, imports back unchanged */
  g_assert_true (chc_template_write_signing (demo, centre, "2025-06", saved, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, >=, 2);   /* the centre and its branch centres */
  sheet = chc_xlsx_sheet_read (saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheet->rows->len, ==, n_rows + 2);   /* the title, the header */
  {
    ChcXlsxRow *header = g_ptr_array_index (sheet->rows, 1);
    ChcXlsxRow *first = g_ptr_array_index (sheet->rows, 2);

    g_assert_cmpstr (g_ptr_array_index (header->cells, 0), ==, "机构编码");
    g_assert_cmpstr (g_ptr_array_index (first->cells, 0), ==, "310118C01");
    g_assert_cmpstr (g_ptr_array_index (first->cells, 3), ==, "2025-06");
  }
  {
    g_autoptr(GsfInput) input = gsf_input_stdio_new (saved, NULL);
    g_autoptr(GsfInfile) zip = GSF_INFILE (gsf_infile_zip_new (input, NULL));
    g_autoptr(GsfInput) part = gsf_infile_child_by_vname (zip, "xl", "worksheets", "sheet1.xml", NULL);
    g_autofree char *xml = g_strndup ((const char *) gsf_input_read (part, gsf_input_size (part), NULL),
                                      gsf_input_size (part));

    /* protected, with the bounds as Excel data validation */
    g_assert_nonnull (strstr (xml, "<sheetProtection"));
    g_assert_nonnull (strstr (xml, "<dataValidations count=\"7\">"));
    g_assert_nonnull (strstr (xml, "<formula2>E3</formula2>"));   /* signed at most the residents of its row */
  }
  {
    g_autoptr(ChcCsvReport) report = import_csv (demo, CHC_CSV_KIND_SIGNING, saved);

    g_assert_cmpuint (report->n_errors, ==, 0);
    g_assert_cmpuint (report->unchanged, ==, n_rows);
  }

  /* a new month: blank figures, which the import asks for */
  g_assert_true (chc_template_write_signing (demo, centre, "2027-01", blank, &n_rows, &error));
  {
    g_autoptr(ChcCsvReport) report = import_csv (demo, CHC_CSV_KIND_SIGNING, blank);
    g_autofree char *problems = chc_csv_report_format_problems (report);

    g_assert_false (report->written);
    /* the first row's resident population (row 3, column 5) is empty */
    g_assert_nonnull (strstr (problems, "in.csv:2027-01:3:5: "));
  }

  /* chc-cli template */
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "init", "--demo", NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "template", "--dataset", "signing",
                                                               "--centre", "白鹤", "--period", "2025-06", "--output", blank, NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "import", "signing", blank, NULL });
  g_assert_nonnull (strstr (err, "0 inserted, 0 updated"));
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) { "--db", db, "template", "--dataset", "signing",
                                                               "--centre", "白鹤", "--period", "2025-06", "--output", "t.csv", NULL });
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) { "--db", db, "template", "--dataset", "tcm",
                                                               "--centre", "白鹤", "--period", "2025-06", "--output", blank, NULL });
}

/* The bulletin's tables as a workbook: one sheet per table of the PDF,
 * under their attachments' titles, percentages as numbers; no document
 * number taken; a name that is not .xlsx refused. */
static void
test_report_tables (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "tables.db", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "tables.xlsx", NULL);
  g_autofree char *csv = g_build_filename (dir, "tables.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(ChcXlsxSheet) signing = NULL;
  g_autoptr(GError) error = NULL;
  gboolean percent = FALSE;

  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "init", "--demo", NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "report", "-d", "青浦", "-y", "2025",
                                                               "--tables", xlsx, NULL });
  assert_is_xlsx (xlsx);
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) { "--db", db, "report", "-d", "青浦", "-y", "2025",
                                                               "--tables", csv, NULL });
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));

  signing = chc_xlsx_sheet_read (xlsx, "各中心家庭医生签约服务情况", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (signing->sheet_names), >=, 4);
  g_assert_cmpstr (signing->sheet_names[0], ==, "2025年度规划指标完成情况");
  g_assert_true (g_strv_contains ((const char *const *) signing->sheet_names, "基础设施建设项目进展情况"));
  /* Title row, header row, then the ranked centres: rank 1, a name, a
   * coverage stored as a fraction (0.477, shown 47.7%). */
  g_assert_cmpuint (signing->rows->len, >=, 3 + 11);
  {
    ChcXlsxRow *first = g_ptr_array_index (signing->rows, 2);
    const char *rank = g_ptr_array_index (first->cells, 0);
    const char *coverage = g_ptr_array_index (first->cells, 2);

    g_assert_cmpstr (rank, ==, "1");
    percent = g_ascii_strtod (coverage, NULL) > 0 && g_ascii_strtod (coverage, NULL) < 1;
  }
  g_assert_true (percent);
  /* Writing the tables alone issues nothing: the register is empty. */
  {
    g_autoptr(ChcDatabase) database = chc_database_open (db, &error);

    g_assert_no_error (error);
    g_assert_cmpint (chc_test_query_int (database, "SELECT count(*) FROM bulletin_issue"), ==, 0);
  }
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
  g_test_add_func ("/xlsx/report-tables", test_report_tables);
  g_test_add_func ("/xlsx/text/guard", test_text_guard);
  g_test_add_func ("/xlsx/text/controls", test_text_controls);
  g_test_add_func ("/xlsx/guard/csv-round-trip", test_guard_csv_round_trip);
  g_test_add_func ("/xlsx/controls/import", test_controls_import);
  g_test_add_func ("/xlsx/gb18030/warning", test_gb18030_warning);
  g_test_add_func ("/xlsx/import/serial-dates", test_serial_dates);
  g_test_add_func ("/xlsx/import/hand-made", test_import_hand_made);
  g_test_add_func ("/xlsx/import/problems", test_import_problems);
  g_test_add_func ("/xlsx/import/zip-bomb", test_import_zip_bomb);
  g_test_add_func ("/xlsx/import/round-trip-every-kind", test_import_round_trip);
  g_test_add_func ("/xlsx/guard/xlsx-round-trip", test_guard_xlsx_round_trip);
  g_test_add_func ("/xlsx/guard/csv-saved-as-xlsx", test_guard_csv_saved_as_xlsx);
  g_test_add_func ("/xlsx/template/signing", test_template);
  return g_test_run ();
}
