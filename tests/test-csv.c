/* test-csv.c — CSV import and export: values, headers, the reader,
 * all-or-nothing imports, hostile files, round trips, chc-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "chc-test-util.h"
#include "core/chc-validate.h"
#include "io/chc-csv-export.h"
#include "io/chc-csv-import.h"
#include "io/chc-csv-values.h"
#include "store/chc-database-projects.h"
#include "store/chc-database-signing.h"
#include "store/chc-database-tcm.h"

/* ---- helpers ------------------------------------------------------------ */

static char *
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static char *
to_gb18030 (const char *utf8)
{
  g_autoptr(GError) error = NULL;
  char *converted = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, NULL, &error);

  g_assert_no_error (error);
  return converted;
}

/* Imports @path; returns the report (never NULL). */
static ChcCsvReport *
import_file (ChcDatabase *database,
             ChcCsvKind   kind,
             const char  *path,
             gboolean     accept_warnings)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);
  ChcCsvImportOptions options;
  ChcCsvReport *report;

  chc_csv_import_options_init (&options);
  options.accept_warnings = accept_warnings;
  options.file_name = base;
  report = chc_csv_import (database, kind, file, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static char *
problems_text (ChcCsvReport *report)
{
  return chc_csv_report_format_problems (report);
}

static gint64
district_id (ChcDatabase *database,
             const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDistrict) district = chc_database_find_district (database, name, &error);

  g_assert_no_error (error);
  return chc_district_get_id (district);
}

static ChcFacility *
find_facility (ChcDatabase *database,
               const char  *code)
{
  return chc_database_find_facility (database, code, 0, NULL);
}

/* A database file with the demo registry, closed, and its bytes. */
static char *
closed_demo_database (GBytes **bytes)
{
  g_autoptr(ChcDatabase) database = chc_test_new_demo ();
  char *path = g_strdup (chc_database_get_path (database));

  g_clear_object (&database);
  if (bytes != NULL)
    *bytes = chc_test_read_file (path);
  return path;
}

static void
assert_file_unchanged (const char *path,
                       GBytes     *before)
{
  g_autoptr(GBytes) after = chc_test_read_file (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_bytes_equal (before, after));
}

/* ---- values ------------------------------------------------------------- */

static void
test_values_period (void)
{
  static const char *const good[] = {
    "2024-03", "2024-3", "202403", "2024/03", "2024/3", "2024.03", "2024年3月",
    "2024年03月", " 2024-03 ", "２０２４年３月", "２０２４－０３", "2024 年 3 月",
    "2024-03-01", "2024/3/1", "2024年3月1日",
  };
  static const char *const bad[] = {
    "2024-13", "2024-00", "24-03", "2024", "March 2024", "2024-03-15", "",
    "2024/03/", "1800-01", "20240", "2024-03x", "9999-12", "2024-03-01T10:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *period = chc_csv_parse_period (good[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (period, ==, "2024-03");
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *period = chc_csv_parse_period (bad[i], &error);

      g_assert_null (period);
      g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *period = chc_csv_parse_period ("2024-03-15", &error);
    g_assert_null (period);
    g_assert_nonnull (strstr (error->message, "not a month"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *period = chc_csv_parse_period ("9999-12", &error);
    g_assert_null (period);
    g_assert_nonnull (strstr (error->message, "1900–2100"));
  }
}

static void
test_values_date (void)
{
  static const char *const good[] = {
    "2024-03-15", "2024/3/15", "2024年3月15日", "２０２４年３月１５日", " 2024-3-15 ",
    "2024-03-15 00:00:00",
  };
  static const char *const bad[] = {
    "2024-02-30", "15/03/2024x", "tomorrow", "", "2024-03-15T10:00", "9999-12-31",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *date = chc_csv_parse_date (good[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (date, ==, "2024-03-15");
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *date = chc_csv_parse_date (bad[i], &error);

      g_assert_null (date);
      g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
    }

  /* Each refused for what it is (issue 18). */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *date = chc_csv_parse_date ("9999-12-31", &error);

    g_assert_null (date);
    g_assert_null (strstr (error->message, "no such day"));
    g_assert_nonnull (strstr (error->message, "1900–2100"));
    g_clear_error (&error);
    g_free (chc_csv_parse_date ("2024-12-31T10:00", &error));
    g_assert_nonnull (strstr (error->message, "time of day"));
  }
}

static void
test_values_count (void)
{
  static const struct { const char *text; gint64 value; } good[] = {
    { "1234", 1234 }, { "1,234", 1234 }, { "1，234", 1234 }, { " 12,345 ", 12345 },
    { "１２３４", 1234 }, { "1234.00", 1234 }, { "0", 0 }, { "1,234,567", 1234567 },
    { "+5", 5 }, { "-0", 0 }, { "999999999999999", G_GINT64_CONSTANT (999999999999999) },
    { "　７　", 7 },
  };
  static const struct { const char *text; const char *fragment; } bad[] = {
    { "12.5", "fraction" }, { "-5", "negative" }, { "-1,234", "negative" },
    { "1,23", "separators" }, { "12,3456", "separators" }, { ",123", "not a whole number" },
    { "1,", "separators" }, { "abc", "not a whole number" }, { "1e5", "not a whole number" },
    { "1 234", "not a whole number" }, { "", "not a whole number" },
    { "1234567890123456", "too large" }, { "12.", "not a whole number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = -1;

      g_assert_true (chc_csv_parse_count (good[i].text, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, good[i].value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = -1;

      g_assert_false (chc_csv_parse_count (bad[i].text, &value, &error));
      g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
      if (strstr (error->message, bad[i].fragment) == NULL)
        g_error ("“%s”: “%s” does not say “%s”", bad[i].text, error->message, bad[i].fragment);
      g_assert_cmpint (value, ==, -1);
    }

  {
    double area = 0;
    g_assert_true (chc_csv_parse_number ("1,234.5", &area, NULL));
    g_assert_cmpfloat (area, ==, 1234.5);
    g_assert_true (chc_csv_parse_number ("１２.２５", &area, NULL));
    g_assert_cmpfloat (area, ==, 12.25);
    g_assert_false (chc_csv_parse_number ("-0.5", &area, NULL));
  }
}

static void
test_values_other (void)
{
  static const char *const yes[] = { "是", "yes", "YES", "Y", "true", "1", "１" };
  static const char *const no[] = { "否", "no", "No", "n", "FALSE", "0" };
  gboolean value;
  int year;
  ChcFacilityType type;
  ChcFacilityStatus status;
  ChcProjectKind kind;

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      value = FALSE;
      g_assert_true (chc_csv_parse_boolean (yes[i], &value, NULL));
      g_assert_true (value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    {
      value = TRUE;
      g_assert_true (chc_csv_parse_boolean (no[i], &value, NULL));
      g_assert_false (value);
    }
  g_assert_false (chc_csv_parse_boolean ("maybe", &value, NULL));

  g_assert_true (chc_csv_parse_year ("2024", &year, NULL));
  g_assert_cmpint (year, ==, 2024);
  g_assert_true (chc_csv_parse_year ("２０２３年", &year, NULL));
  g_assert_cmpint (year, ==, 2023);
  g_assert_false (chc_csv_parse_year ("24", &year, NULL));
  g_assert_false (chc_csv_parse_year ("3000", &year, NULL));

  g_assert_true (chc_csv_parse_facility_type ("社区卫生服务中心", &type, NULL));
  g_assert_cmpint (type, ==, CHC_FACILITY_CENTRE);
  g_assert_true (chc_csv_parse_facility_type ("分中心", &type, NULL));
  g_assert_cmpint (type, ==, CHC_FACILITY_BRANCH);
  g_assert_true (chc_csv_parse_facility_type ("社区卫生服务站", &type, NULL));
  g_assert_cmpint (type, ==, CHC_FACILITY_STATION);
  g_assert_true (chc_csv_parse_facility_type ("村卫生室", &type, NULL));
  g_assert_cmpint (type, ==, CHC_FACILITY_VILLAGE_CLINIC);
  g_assert_true (chc_csv_parse_facility_type ("Village_Clinic", &type, NULL));
  g_assert_cmpint (type, ==, CHC_FACILITY_VILLAGE_CLINIC);
  g_assert_true (chc_csv_parse_facility_type ("Health station", &type, NULL));
  g_assert_cmpint (type, ==, CHC_FACILITY_STATION);
  g_assert_false (chc_csv_parse_facility_type ("clinic", &type, NULL));
  g_assert_cmpstr (chc_csv_facility_type_to_chinese (CHC_FACILITY_STATION), ==, "社区卫生服务站");

  g_assert_true (chc_csv_parse_facility_status ("筹建", &status, NULL));
  g_assert_cmpint (status, ==, CHC_FACILITY_PLANNED);
  g_assert_true (chc_csv_parse_facility_status ("closed", &status, NULL));
  g_assert_cmpint (status, ==, CHC_FACILITY_CLOSED);

  g_assert_true (chc_csv_parse_project_kind ("改扩建", &kind, NULL));
  g_assert_cmpint (kind, ==, CHC_PROJECT_RENOVATION);
  g_assert_true (chc_csv_parse_project_kind ("new_build", &kind, NULL));
  g_assert_cmpint (kind, ==, CHC_PROJECT_NEW_BUILD);
}

/* ---- headers -------------------------------------------------------------- */

/* ASCII letters, digits and '_' as their full-width forms. */
static char *
full_width (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c > 0x20 && c < 0x7f)
        c += 0xFEE0;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
collect_mapping_problem (gboolean    warning,
                         guint       column,
                         const char *message,
                         gpointer    user_data)
{
  g_string_append_printf (user_data, "%c%u %s\n", warning ? 'W' : 'E', column, message);
}

static void
test_columns_headers (void)
{
  for (guint k = 0; k < CHC_CSV_N_KINDS; k++)
    {
      guint n_columns;
      const ChcCsvColumn *columns = chc_csv_kind_get_columns (k, &n_columns);

      for (guint c = 0; c < n_columns; c++)
        {
          g_auto(GStrv) aliases = g_strsplit (columns[c].aliases, "|", -1);
          g_autoptr(GPtrArray) spellings = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *upper = g_ascii_strup (columns[c].name, -1);
          g_autofree char *spaced = g_strdelimit (g_strdup (columns[c].name), "_", ' ');

          g_ptr_array_add (spellings, g_strdup (columns[c].name));
          g_ptr_array_add (spellings, g_strdup_printf ("  %s\t", upper));
          g_ptr_array_add (spellings, full_width (columns[c].name));
          g_ptr_array_add (spellings, g_strdup (spaced));
          for (guint a = 0; aliases[a] != NULL; a++)
            {
              g_ptr_array_add (spellings, g_strdup (aliases[a]));
              g_ptr_array_add (spellings, g_strdup_printf ("\u3000%s ", aliases[a]));
              g_ptr_array_add (spellings, g_strdup_printf ("%s（单位）", aliases[a]));
              g_ptr_array_add (spellings, g_strdup_printf ("%s(m²)", aliases[a]));
            }

          for (guint s = 0; s < spellings->len; s++)
            {
              const char *spelling = g_ptr_array_index (spellings, s);
              int found = chc_csv_kind_find_column (k, spelling);

              if (found != (int) c)
                g_error ("%s: header “%s” matched column %d, not %u (%s)",
                         chc_csv_kind_to_nick (k), spelling, found, c, columns[c].name);
            }
        }
      g_assert_cmpint (chc_csv_kind_find_column (k, "no such column"), ==, -1);
      g_assert_cmpint (chc_csv_kind_find_column (k, ""), ==, -1);
    }

  /* The mapping: unknown columns warn, missing and doubled columns are errors. */
  {
    const char *headers[] = { "机构名称", "统计月份", "常住人口", "备注", "月份" };
    g_autoptr(ChcCsvMapping) mapping = chc_csv_mapping_new (CHC_CSV_KIND_SIGNING, headers, G_N_ELEMENTS (headers));

    g_assert_cmpint (chc_csv_mapping_get_column (mapping, 0), ==, CHC_CSV_OF_FACILITY_NAME);
    g_assert_cmpint (chc_csv_mapping_get_column (mapping, 3), ==, -1);
    g_assert_cmpint (chc_csv_mapping_get_file_column (mapping, CHC_CSV_SIGNING_RESIDENT_POPULATION), ==, 2);
    /* missing signed_residents; 月份 twice; 备注 unknown */
    g_autoptr(GString) found = g_string_new (NULL);
    g_assert_cmpuint (chc_csv_mapping_check (mapping, collect_mapping_problem, found), ==, 3);
    g_assert_cmpstr (found->str, ==,
                     "W4 unknown column “备注”; it is ignored (see “chc-cli import --help” for the columns of signing).\n"
                     "E5 the column period (统计月份, 月份) is given twice (also in column 2).\n"
                     "E1 the required column signed_residents (签约人数, 签约居民数) is missing.\n");
  }
}

/* docs/csv-columns.md has the tables of chc_csv_describe_columns(). */
static void
test_columns_docs (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "docs", "csv-columns.md", NULL);
  g_autofree char *doc = NULL;
  g_autofree char *tables = chc_csv_describe_columns (TRUE);
  g_autofree char *text = chc_csv_describe_columns (FALSE);
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &doc, NULL, &error);
  g_assert_no_error (error);
  g_strchomp (tables);
  if (strstr (doc, tables) == NULL)
    g_error ("docs/csv-columns.md is out of date; its tables must read:\n%s", tables);
  g_assert_nonnull (strstr (text, "signed_visits_in_community"));
  g_assert_nonnull (strstr (text, "签约居民社区就诊人次"));
}

/* ---- the reader ------------------------------------------------------------ */

typedef struct
{
  GPtrArray *rows;    /* GStrv */
  GArray    *lines;   /* guint: line of each row */
  ChcCsvEncoding encoding;
  char       delimiter;
  GError    *error;
  guint      error_line;
  guint      error_column;
} ReadResult;

static void
read_result_clear (ReadResult *result)
{
  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_clear_pointer (&result->lines, g_array_unref);
  g_clear_error (&result->error);
}

static void
read_bytes (const char     *data,
            gssize          length,
            ChcCsvEncoding  encoding,
            ReadResult     *result)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(ChcCsvReader) reader = NULL;

  if (length < 0)
    length = strlen (data);
  memset (result, 0, sizeof *result);
  result->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  result->lines = g_array_new (FALSE, FALSE, sizeof (guint));

  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, length), length, g_free);
  reader = chc_csv_reader_new (stream, "test.csv", encoding, 0);
  while (chc_csv_reader_next_row (reader, NULL, &result->error))
    {
      GStrv cells = g_new0 (char *, chc_csv_reader_get_n_cells (reader) + 1);
      guint line = chc_csv_reader_get_line (reader);

      for (guint i = 0; i < chc_csv_reader_get_n_cells (reader); i++)
        cells[i] = g_strdup (chc_csv_reader_get_cell (reader, i));
      g_ptr_array_add (result->rows, cells);
      g_array_append_val (result->lines, line);
    }
  result->encoding = chc_csv_reader_get_encoding (reader);
  result->delimiter = chc_csv_reader_get_delimiter (reader);
  if (result->error != NULL)
    chc_csv_reader_get_error_position (reader, &result->error_line, &result->error_column);
}

#define SAMPLE_UTF8 \
  "机构名称,统计月份,常住人口\n" \
  "白鹤社区卫生服务中心,2024年3月,\"12,345\"\n" \
  "\"徐泾, 北\",2024-03,67890\n"

static void
assert_sample (ReadResult *result)
{
  g_assert_no_error (result->error);
  g_assert_cmpuint (result->rows->len, ==, 3);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (result->rows, 0))[0], ==, "机构名称");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (result->rows, 1))[0], ==, "白鹤社区卫生服务中心");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (result->rows, 1))[2], ==, "12,345");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (result->rows, 2))[0], ==, "徐泾, 北");
  g_assert_cmpuint (g_strv_length (g_ptr_array_index (result->rows, 2)), ==, 3);
  g_assert_cmpuint (g_array_index (result->lines, guint, 2), ==, 3);
}

static void
test_reader_encodings (void)
{
  g_autofree char *gb = to_gb18030 (SAMPLE_UTF8);
  g_autofree char *bom = g_strconcat ("\xEF\xBB\xBF", SAMPLE_UTF8, NULL);
  g_autofree char *crlf = NULL;
  g_autofree char *utf16 = NULL;
  gsize utf16_length = 0;
  ReadResult result;

  read_bytes (SAMPLE_UTF8, -1, CHC_CSV_ENCODING_AUTO, &result);
  assert_sample (&result);
  g_assert_cmpint (result.encoding, ==, CHC_CSV_ENCODING_UTF8);
  g_assert_cmpint (result.delimiter, ==, ',');
  read_result_clear (&result);

  read_bytes (bom, -1, CHC_CSV_ENCODING_AUTO, &result);
  assert_sample (&result);
  g_assert_cmpint (result.encoding, ==, CHC_CSV_ENCODING_UTF8);
  read_result_clear (&result);

  read_bytes (gb, -1, CHC_CSV_ENCODING_AUTO, &result);
  assert_sample (&result);
  g_assert_cmpint (result.encoding, ==, CHC_CSV_ENCODING_GB18030);
  read_result_clear (&result);

  read_bytes (gb, -1, CHC_CSV_ENCODING_GB18030, &result);
  assert_sample (&result);
  read_result_clear (&result);

  /* forcing UTF-8 on a GB18030 file: a clear error with the position */
  read_bytes (gb, -1, CHC_CSV_ENCODING_UTF8, &result);
  g_assert_error (result.error, CHC_CSV_ERROR, CHC_CSV_ERROR_ENCODING);
  g_assert_cmpuint (result.error_line, ==, 1);
  g_assert_cmpuint (result.error_column, ==, 1);
  read_result_clear (&result);

  /* Excel's "Unicode text": UTF-16LE with a BOM */
  {
    g_autofree char *body = g_convert (SAMPLE_UTF8, -1, "UTF-16LE", "UTF-8", NULL, &utf16_length, NULL);
    utf16 = g_malloc (utf16_length + 2);
    memcpy (utf16, "\xFF\xFE", 2);
    memcpy (utf16 + 2, body, utf16_length);
  }
  read_bytes (utf16, utf16_length + 2, CHC_CSV_ENCODING_AUTO, &result);
  assert_sample (&result);
  g_assert_cmpint (result.encoding, ==, CHC_CSV_ENCODING_UTF16LE);
  read_result_clear (&result);

  /* CRLF, and blank trailing lines */
  {
    g_autoptr(GString) s = g_string_new (SAMPLE_UTF8);
    g_string_replace (s, "\n", "\r\n", 0);
    g_string_append (s, "\r\n\r\n,,\r\n  \r\n");
    crlf = g_string_free (g_steal_pointer (&s), FALSE);
  }
  read_bytes (crlf, -1, CHC_CSV_ENCODING_AUTO, &result);
  assert_sample (&result);
  read_result_clear (&result);
}

static void
test_reader_delimiters (void)
{
  static const struct { const char *text; char delimiter; } cases[] = {
    { "a,b;c\n1,2;3\n", ',' },
    { "a\tb\tc\n1\t2\t3\n", '\t' },
    { "a;b;c\n1;2;3\n", ';' },
    { "\"x;y;z\",b\n1,2\n", ',' },         /* delimiters inside quotes do not count */
    { "a\tb\t\"c,d,e\"\n1\t2\t3\n", '\t' },
    { "single\nrow\n", ',' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ReadResult result;

      read_bytes (cases[i].text, -1, CHC_CSV_ENCODING_AUTO, &result);
      g_assert_no_error (result.error);
      g_assert_cmpint (result.delimiter, ==, cases[i].delimiter);
      g_assert_cmpuint (result.rows->len, ==, 2);
      if (cases[i].delimiter != ',')
        g_assert_cmpuint (g_strv_length (g_ptr_array_index (result.rows, 1)), ==, 3);
      read_result_clear (&result);
    }
}

static void
test_reader_lines (void)
{
  /* a quoted field over three lines, a blank line, CRLF, a last line
   * without its newline */
  const char *text = "h1,h2\r\n\"a\nb\nc\",x\r\n\r\ny,\"q\"\"uote\"\nlast,1";
  ReadResult result;

  read_bytes (text, -1, CHC_CSV_ENCODING_AUTO, &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.rows->len, ==, 4);
  g_assert_cmpuint (g_array_index (result.lines, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (result.lines, guint, 1), ==, 2);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (result.rows, 1))[0], ==, "a\nb\nc");
  g_assert_cmpuint (g_array_index (result.lines, guint, 2), ==, 6);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (result.rows, 2))[1], ==, "q\"uote");
  g_assert_cmpuint (g_array_index (result.lines, guint, 3), ==, 7);
  read_result_clear (&result);

  /* an error after the multi-line field names the right line */
  read_bytes ("h1,h2\n\"a\nb\",x\ny,\"unclosed\n", -1, CHC_CSV_ENCODING_AUTO, &result);
  g_assert_error (result.error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT);
  g_assert_cmpuint (result.error_line, ==, 4);
  g_assert_cmpuint (result.error_column, ==, 2);
  read_result_clear (&result);
}

static void
test_reader_hostile (void)
{
  static const struct { const char *text; gssize length; int code; guint line; guint column; } cases[] = {
    { "a,b\n1,\xff\xfe\n", -1, CHC_CSV_ERROR_ENCODING, 2, 2 },
    { "a,b\n1,2\n3,x\0y\n", 14, CHC_CSV_ERROR_FORMAT, 3, 2 },
    { "a,b\n1,\"2\n3,4\n", -1, CHC_CSV_ERROR_FORMAT, 2, 2 },
    { "a,b\n1,2\"3\n", -1, CHC_CSV_ERROR_FORMAT, 2, 2 },
    { "a,b\n\"1\"x,2\n", -1, CHC_CSV_ERROR_FORMAT, 2, 1 },
    { "名称,b\n名字,中文\n中,\xe4\xb8\n", -1, CHC_CSV_ERROR_ENCODING, 3, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ReadResult result;

      read_bytes (cases[i].text, cases[i].length, CHC_CSV_ENCODING_AUTO, &result);
      g_assert_error (result.error, CHC_CSV_ERROR, cases[i].code);
      if (result.error_line != cases[i].line || result.error_column != cases[i].column)
        g_error ("case %u: error at %u:%u, expected %u:%u (%s)", i, result.error_line,
                 result.error_column, cases[i].line, cases[i].column, result.error->message);
      read_result_clear (&result);
    }

  /* invalid GB18030 */
  {
    ReadResult result;

    read_bytes ("a,b\n1,\x81\x20\n", -1, CHC_CSV_ENCODING_GB18030, &result);
    g_assert_error (result.error, CHC_CSV_ERROR, CHC_CSV_ERROR_ENCODING);
    g_assert_cmpuint (result.error_line, ==, 2);
    g_assert_cmpuint (result.error_column, ==, 2);
    read_result_clear (&result);

    read_bytes ("a,b\n1,\xff\n", -1, CHC_CSV_ENCODING_GB18030, &result);
    g_assert_error (result.error, CHC_CSV_ERROR, CHC_CSV_ERROR_ENCODING);
    read_result_clear (&result);
  }

  /* limits: a 10 MB field (quoted or not), 10,000 columns */
  {
    g_autoptr(GString) big = g_string_new ("a,b\n1,");
    ReadResult result;

    g_autofree char *x = g_strnfill (10 * 1024 * 1024, 'x');

    g_string_append_len (big, x, 10 * 1024 * 1024);
    g_string_append (big, "\n");
    read_bytes (big->str, big->len, CHC_CSV_ENCODING_AUTO, &result);
    g_assert_error (result.error, CHC_CSV_ERROR, CHC_CSV_ERROR_TOO_BIG);
    g_assert_cmpuint (result.error_line, ==, 2);
    g_assert_cmpuint (result.error_column, ==, 2);
    read_result_clear (&result);
  }
  {
    g_autoptr(GString) wide = g_string_new ("x");
    ReadResult result;

    for (guint i = 1; i < 10000; i++)
      g_string_append_printf (wide, ",c%u", i);
    g_string_append (wide, "\n");
    read_bytes (wide->str, wide->len, CHC_CSV_ENCODING_AUTO, &result);
    g_assert_error (result.error, CHC_CSV_ERROR, CHC_CSV_ERROR_TOO_BIG);
    g_assert_cmpuint (result.error_line, ==, 1);
    g_assert_cmpuint (result.error_column, ==, CHC_CSV_MAX_COLUMNS + 1);
    read_result_clear (&result);
  }
}

/* ---- facilities ------------------------------------------------------------ */

#define FACILITIES_CSV \
  "机构编码,机构名称,机构类型,区,街镇,上级中心,业务用房面积,是否标准化,标准化年份,状态\n" \
  "T001,测试社区卫生服务中心,社区卫生服务中心,青浦,白鹤镇,,\"5,000.5\",是,2020,运行\n" \
  "T002,测试服务站,社区卫生服务站,青浦区,白鹤镇,测试社区卫生服务中心,320,否,,筹建\n" \
  "T003,测试村卫生室,村卫生室,Qingpu,,T001,150,yes,2023,operating\n"

static void
test_import_facilities (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = write_file (dir, "fac.csv", FACILITIES_CSV, -1);
  g_autoptr(ChcCsvReport) report = NULL;
  g_autoptr(ChcFacility) centre = NULL;
  g_autoptr(ChcFacility) station = NULL;
  g_autoptr(ChcFacility) clinic = NULL;
  g_autofree char *text = NULL;

  report = import_file (database, CHC_CSV_KIND_FACILITIES, path, FALSE);
  text = problems_text (report);
  g_assert_cmpstr (text, ==, "");
  g_assert_true (report->written);
  g_assert_cmpuint (report->n_rows, ==, 3);
  g_assert_cmpuint (report->inserted, ==, 3);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->unchanged, ==, 0);

  centre = find_facility (database, "T001");
  station = find_facility (database, "T002");
  clinic = find_facility (database, "T003");
  g_assert_cmpstr (chc_facility_get_name (centre), ==, "测试社区卫生服务中心");
  g_assert_cmpint (chc_facility_get_facility_type (centre), ==, CHC_FACILITY_CENTRE);
  g_assert_cmpstr (chc_facility_get_town_name (centre), ==, "白鹤镇");
  g_assert_cmpfloat (chc_facility_get_floor_area (centre), ==, 5000.5);
  g_assert_true (chc_facility_get_standardized (centre));
  g_assert_cmpint (chc_facility_get_standardized_year (centre), ==, 2020);
  g_assert_cmpint (chc_facility_get_parent_id (station), ==, chc_facility_get_id (centre));
  g_assert_cmpint (chc_facility_get_status (station), ==, CHC_FACILITY_PLANNED);
  g_assert_cmpint (chc_facility_get_parent_id (clinic), ==, chc_facility_get_id (centre));
  g_assert_cmpint (chc_facility_get_town_id (clinic), ==, 0);
  g_assert_cmpint (chc_facility_get_facility_type (clinic), ==, CHC_FACILITY_VILLAGE_CLINIC);

  /* the same file again: nothing changes */
  g_clear_pointer (&report, chc_csv_report_free);
  report = import_file (database, CHC_CSV_KIND_FACILITIES, path, FALSE);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->inserted, ==, 0);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->unchanged, ==, 3);

  /* an update of one row, a file without the optional columns */
  g_clear_pointer (&path, g_free);
  path = write_file (dir, "upd.csv",
                     "code,name,type,district\r\n"
                     "T002,测试服务站（新）,station,青浦\r\n"
                     "T001,测试社区卫生服务中心,centre,青浦\r\n", -1);
  g_clear_pointer (&report, chc_csv_report_free);
  report = import_file (database, CHC_CSV_KIND_FACILITIES, path, FALSE);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->unchanged, ==, 1);
  g_clear_object (&station);
  station = find_facility (database, "T002");
  g_assert_cmpstr (chc_facility_get_name (station), ==, "测试服务站（新）");
  /* the columns the file does not have keep their values */
  g_assert_cmpfloat (chc_facility_get_floor_area (station), ==, 320);
  g_assert_cmpint (chc_facility_get_parent_id (station), ==, chc_facility_get_id (centre));
}

/* The same registry file in every encoding, delimiter and line end. */
static void
test_import_facilities_encodings (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  const char *variants[] = { "utf8", "bom", "gb18030", "crlf", "tab", "semicolon" };
  g_autofree char *expected = NULL;

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
      g_autoptr(ChcCsvReport) report = NULL;
      g_autoptr(GString) text = g_string_new (FACILITIES_CSV);
      g_autofree char *contents = NULL;
      g_autofree char *path = NULL;
      g_autofree char *name = g_strdup_printf ("%s.csv", variants[v]);
      g_autoptr(GPtrArray) facilities = NULL;
      g_autoptr(GString) summary = g_string_new (NULL);
      gsize length;

      if (g_str_equal (variants[v], "crlf"))
        g_string_replace (text, "\n", "\r\n", 0);
      else if (g_str_equal (variants[v], "tab") || g_str_equal (variants[v], "semicolon"))
        {
          const char *delimiter = g_str_equal (variants[v], "tab") ? "\t" : ";";
          g_string_replace (text, ",", delimiter, 0);
          g_string_replace (text, "\"5" "\t" "000.5\"", "5000.5", 0);
          g_string_replace (text, "\"5;000.5\"", "\"5,000.5\"", 0);
        }

      if (g_str_equal (variants[v], "bom"))
        g_string_prepend (text, "\xEF\xBB\xBF");
      if (g_str_equal (variants[v], "gb18030"))
        contents = to_gb18030 (text->str);
      else
        contents = g_strdup (text->str);
      length = strlen (contents);
      path = write_file (dir, name, contents, length);

      report = import_file (database, CHC_CSV_KIND_FACILITIES, path, FALSE);
      if (report->n_errors > 0 || report->n_warnings > 0)
        g_error ("%s: %s", variants[v], problems_text (report));
      g_assert_cmpuint (report->inserted, ==, 3);

      facilities = chc_database_list_facilities (database, 0, NULL);
      for (guint i = 0; i < facilities->len; i++)
        {
          ChcFacility *f = g_ptr_array_index (facilities, i);
          g_string_append_printf (summary, "%s|%s|%d|%s|%s|%g|%d|%d|%d\n",
                                  chc_facility_get_code (f), chc_facility_get_name (f),
                                  chc_facility_get_facility_type (f),
                                  chc_facility_get_town_name (f), chc_facility_get_parent_name (f),
                                  chc_facility_get_floor_area (f), chc_facility_get_standardized (f),
                                  chc_facility_get_standardized_year (f), chc_facility_get_status (f));
        }
      if (expected == NULL)
        expected = g_strdup (summary->str);
      else
        g_assert_cmpstr (summary->str, ==, expected);
    }
}

/* One bad row: nothing written, every problem with FILE:LINE:COLUMN, the
 * file byte for byte as it was. */
static void
test_import_all_or_nothing (void)
{
  g_autoptr(GBytes) before = NULL;
  g_autofree char *db_path = closed_demo_database (&before);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcCsvReport) report = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  path = write_file (dir, "bad.csv",
                     "机构编码,机构名称,机构类型,区,上级中心,业务用房面积\n"
                     "N001,新中心,社区卫生服务中心,青浦,,100\n"
                     "N002,新站,社区卫生服务站,青浦,N001,12.5.1\n"
                     "N003,孤站,社区卫生服务站,青浦,,100\n"
                     "N004,外区站,社区卫生服务站,长宁,N001,100\n"
                     "N001,重复,社区卫生服务中心,青浦,,100\n", -1);

  database = chc_database_open (db_path, &error);
  g_assert_no_error (error);
  report = import_file (database, CHC_CSV_KIND_FACILITIES, path, TRUE);
  text = problems_text (report);
  g_test_message ("%s", text);
  g_assert_false (report->written);
  g_assert_cmpuint (report->n_errors, ==, 4);
  g_assert_nonnull (strstr (text, "bad.csv:3:6: 业务用房面积: “12.5.1” is not a number."));
  g_assert_nonnull (strstr (text, "bad.csv:4:5: Parent centre: a Health station must belong to a community health centre."));
  g_assert_nonnull (strstr (text, "bad.csv:5:5: Parent centre: “新中心” is in another district."));
  g_assert_nonnull (strstr (text, "bad.csv:6:1: 机构编码: the code “N001” is also on line 2"));
  g_assert_null (find_facility (database, "N001"));
  g_clear_object (&database);
  assert_file_unchanged (db_path, before);
}

/* Hostile files: a clear error each, the database file unchanged. */
static void
test_import_hostile (void)
{
  g_autoptr(GBytes) before = NULL;
  g_autofree char *db_path = closed_demo_database (&before);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autoptr(GString) big = g_string_new ("code,name,type,district\nH1,\"");
  g_autoptr(GString) wide = g_string_new ("code");
  struct { const char *name; const char *contents; gssize length; const char *message; } cases[] = {
    { "utf8.csv", "code,name,type,district\nH1,名字,centre,青浦\nH2,\xff\xfe\xfd,centre,青浦\n", -1,
      "utf8.csv:3:2: invalid UTF-8" },
    { "gb.csv", NULL, -1, "gb.csv:3:2: bytes that are not valid GB18030" },
    { "nul.csv", "code,name,type,district\nH1,a\0b,centre,青浦\n", 39, "nul.csv:2:2: the file contains a NUL byte" },
    { "quote.csv", "code,name,type,district\nH1,\"open,centre,青浦\nH2,b,centre,青浦\n", -1,
      "quote.csv:2:2: the quoted field starting here is never closed" },
    { "big.csv", NULL, -1, "big.csv:2:2: the quoted field starting here is longer than" },
    { "wide.csv", NULL, -1, "wide.csv:1:1001: the row has more than 1000 columns" },
    { "empty.csv", "", 0, "empty.csv:1:1: the file is empty" },
    { "header.csv", "code,name,type,district\r\n\r\n", -1, "header.csv:3:1: there are no rows of data" },
    { "binary.csv", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "binary.csv:" },
  };
  g_autofree char *gb_body = NULL;

  gb_body = to_gb18030 ("code,name,type,district\nH1,名字,centre,青浦\n");
  cases[1].contents = g_strconcat (gb_body, "H2,\x81\x20,centre,青浦\n", NULL);
  g_autofree char *x = g_strnfill (10 * 1024 * 1024, 'x');

  g_string_append_len (big, x, 10 * 1024 * 1024);
  g_string_append (big, "\",centre,青浦\n");
  cases[4].contents = big->str;
  cases[4].length = big->len;
  for (guint i = 1; i < 10000; i++)
    g_string_append_printf (wide, ",c%u", i);
  g_string_append (wide, "\nH1\n");
  cases[5].contents = wide->str;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_file (dir, cases[i].name, cases[i].contents, cases[i].length);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChcDatabase) database = chc_database_open (db_path, &error);
      g_autoptr(ChcCsvReport) report = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      report = import_file (database, CHC_CSV_KIND_FACILITIES, path, TRUE);
      text = problems_text (report);
      if (report->n_errors == 0 || strstr (text, cases[i].message) == NULL)
        g_error ("%s: expected “%s”, got “%s”", cases[i].name, cases[i].message, text);
      g_assert_false (report->written);
      g_clear_object (&database);
      assert_file_unchanged (db_path, before);
    }
  g_free ((char *) cases[1].contents);
}

/* SQL-looking text is stored literally. */
static void
test_import_sql_text (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = write_file (dir, "sql.csv",
                                      "code,name,type,district\n"
                                      "X'1,\"'); DROP TABLE facility; --\",centre,青浦\n"
                                      "\"X\"\"2\",Robert'); DELETE FROM district;--,centre,青浦\n", -1);
  g_autoptr(ChcCsvReport) report = import_file (database, CHC_CSV_KIND_FACILITIES, path, FALSE);
  g_autoptr(ChcFacility) one = NULL;
  g_autoptr(ChcFacility) two = NULL;
  g_autoptr(GPtrArray) districts = NULL;

  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->inserted, ==, 2);
  one = find_facility (database, "X'1");
  two = find_facility (database, "X\"2");
  g_assert_cmpstr (chc_facility_get_name (one), ==, "'); DROP TABLE facility; --");
  g_assert_cmpstr (chc_facility_get_name (two), ==, "Robert'); DELETE FROM district;--");
  districts = chc_database_list_districts (database, NULL);
  g_assert_cmpuint (districts->len, ==, 16);
}

/* ---- export ------------------------------------------------------------------ */

static char *
export_to (ChcDatabase *database,
           ChcCsvKind   kind,
           const char  *dir,
           const char  *name,
           ChcCsvExportOptions *options,
           guint64     *n_rows)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  chc_csv_export (database, kind, file, options, NULL, n_rows, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_export_round_trip_facilities (void)
{
  g_autoptr(ChcDatabase) source = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();
  g_autoptr(GPtrArray) all = chc_database_list_facilities (source, 0, NULL);

  for (guint variant = 0; variant < 4; variant++)
    {
      g_autoptr(ChcDatabase) target = chc_test_new_database (TRUE);
      g_autoptr(ChcCsvReport) report = NULL;
      g_autoptr(ChcCsvReport) again = NULL;
      g_autoptr(GPtrArray) copied = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *path = NULL;
      g_autofree char *name = g_strdup_printf ("export-%u.csv", variant);
      ChcCsvExportOptions options;
      guint64 n_rows = 0;

      chc_csv_export_options_init (&options);
      options.english_headers = (variant & 1) != 0;
      options.encoding = (variant & 2) ? CHC_CSV_ENCODING_GB18030 : CHC_CSV_ENCODING_UTF8;
      path = export_to (source, CHC_CSV_KIND_FACILITIES, dir, name, &options, &n_rows);
      g_assert_cmpuint (n_rows, ==, all->len);

      bytes = chc_test_read_file (path);
      if (options.encoding == CHC_CSV_ENCODING_UTF8)
        g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 3, "\xEF\xBB\xBF", 3);
      else
        g_assert_false (memcmp (g_bytes_get_data (bytes, NULL), "\xEF\xBB\xBF", 3) == 0);

      /* into an empty registry: every facility comes back */
      report = import_file (target, CHC_CSV_KIND_FACILITIES, path, FALSE);
      if (report->n_errors > 0 || report->n_warnings > 0)
        g_error ("%s", problems_text (report));
      g_assert_cmpuint (report->inserted, ==, all->len);
      copied = chc_database_list_facilities (target, 0, NULL);
      g_assert_cmpuint (copied->len, ==, all->len);
      for (guint i = 0; i < all->len; i++)
        {
          ChcFacility *a = g_ptr_array_index (all, i);
          g_autoptr(ChcFacility) b = find_facility (target, chc_facility_get_code (a));

          g_assert_cmpstr (chc_facility_get_name (a), ==, chc_facility_get_name (b));
          g_assert_cmpint (chc_facility_get_facility_type (a), ==, chc_facility_get_facility_type (b));
          g_assert_cmpstr (chc_facility_get_district_name (a), ==, chc_facility_get_district_name (b));
          g_assert_cmpstr (chc_facility_get_town_name (a), ==, chc_facility_get_town_name (b));
          g_assert_cmpstr (chc_facility_get_parent_name (a), ==, chc_facility_get_parent_name (b));
          g_assert_cmpfloat (chc_facility_get_floor_area (a), ==, chc_facility_get_floor_area (b));
          g_assert_cmpint (chc_facility_get_standardized (a), ==, chc_facility_get_standardized (b));
          g_assert_cmpint (chc_facility_get_standardized_year (a), ==, chc_facility_get_standardized_year (b));
          g_assert_cmpint (chc_facility_get_status (a), ==, chc_facility_get_status (b));
        }

      /* into the database it came from: all unchanged */
      again = import_file (source, CHC_CSV_KIND_FACILITIES, path, FALSE);
      g_assert_cmpuint (again->n_errors, ==, 0);
      g_assert_cmpuint (again->unchanged, ==, all->len);
      g_assert_cmpuint (again->inserted + again->updated, ==, 0);
    }

  /* --district */
  {
    ChcCsvExportOptions options;
    guint64 n_rows = 0;
    g_autofree char *path = NULL;
    g_autofree char *contents = NULL;

    chc_csv_export_options_init (&options);
    options.district_id = district_id (source, "长宁");
    path = export_to (source, CHC_CSV_KIND_FACILITIES, dir, "changning.csv", &options, &n_rows);
    g_assert_cmpuint (n_rows, >, 10);
    g_assert_cmpuint (n_rows, <, all->len);
    g_file_get_contents (path, &contents, NULL, NULL);
    g_assert_null (strstr (contents, "青浦区"));
    g_assert_nonnull (strstr (contents, "长宁区"));
  }
}


/* ---- signing ------------------------------------------------------------------- */

typedef struct
{
  ChcDatabase *db;
  char        *dir;
  gint64       a_qingpu;     /* 甲中心, Qingpu */
  gint64       a_changning;  /* 甲中心, Changning: the same name */
  gint64       b_qingpu;     /* 乙中心 */
} SigningFixture;

static void
signing_set_up (SigningFixture *fx,
                gconstpointer   data)
{
  g_autoptr(ChcFacility) a = NULL;
  g_autoptr(ChcFacility) a2 = NULL;
  g_autoptr(ChcFacility) b = NULL;

  fx->db = chc_test_new_database (TRUE);
  fx->dir = chc_test_tmpdir ();
  a = chc_test_add_centre (fx->db, district_id (fx->db, "青浦"), "QP01", "甲中心");
  a2 = chc_test_add_centre (fx->db, district_id (fx->db, "长宁"), "CN01", "甲中心");
  b = chc_test_add_centre (fx->db, district_id (fx->db, "青浦"), "QP02", "乙中心");
  fx->a_qingpu = chc_facility_get_id (a);
  fx->a_changning = chc_facility_get_id (a2);
  fx->b_qingpu = chc_facility_get_id (b);
}

static void
signing_tear_down (SigningFixture *fx,
                   gconstpointer   data)
{
  g_clear_object (&fx->db);
  g_clear_pointer (&fx->dir, g_free);
}

/* "period:p,s,k,ks,o,vt,vc;…" of a facility's stored figures. */
static char *
series_text (ChcDatabase *database,
             gint64       facility_id)
{
  g_autoptr(GPtrArray) series = chc_database_get_signing_series (database, facility_id, NULL, NULL, NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < series->len; i++)
    {
      ChcSigningRecord *record = g_ptr_array_index (series, i);
      ChcSigningFigures figures;

      chc_signing_record_get_figures (record, &figures);
      g_string_append_printf (text, "%s:", chc_signing_record_get_period (record));
      for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
        g_string_append_printf (text, f ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, figures.value[f]);
      g_string_append_c (text, ';');
    }
  return g_string_free (text, FALSE);
}

static ChcCsvReport *
import_kind (SigningFixture *fx,
             ChcCsvKind      kind,
             const char     *name,
             const char     *text,
             gboolean        accept_warnings)
{
  g_autofree char *path = write_file (fx->dir, name, text, -1);

  return import_file (fx->db, kind, path, accept_warnings);
}

#define import_text(fx, name, text, accept) import_kind (fx, CHC_CSV_KIND_SIGNING, name, text, accept)

#define SIGNING_CSV \
  "机构名称,所属区,月份,常住人口数,签约居民数,重点人群数,重点人群签约数,互联网签约数,签约居民就诊人次,签约居民社区就诊人次\n" \
  "甲中心,青浦,2024-01,\"10,000\",4500,3000,2000,100,1000,850\n" \
  "甲中心,青浦区,202402,10，050,4520,3000,2010,110,1010,860\n" \
  "甲中心,Qingpu,2024/03,10100,4550,3010,2020,120,1020,870\n" \
  "甲中心,青浦,2024年4月,10150,4580,3010,2030,130,1030,880\n" \
  "甲中心,青浦,2024年05月,１０２００,4600,3020,2040,140,1040,890\n" \
  "甲中心,长宁,2024-01,20000,9000,6000,4800,300,2000,1500\n" \
  " 乙中心 ,,2024-01,8000,3000,2000,1500,80,700,600\n"

#define SIGNING_A_SERIES \
  "2024-01:10000,4500,3000,2000,100,1000,850;2024-02:10050,4520,3000,2010,110,1010,860;" \
  "2024-03:10100,4550,3010,2020,120,1020,870;2024-04:10150,4580,3010,2030,130,1030,880;" \
  "2024-05:10200,4600,3020,2040,140,1040,890;"

static void
test_signing_import (SigningFixture *fx,
                     gconstpointer   data)
{
  g_autoptr(ChcCsvReport) report = import_text (fx, "sig.csv", SIGNING_CSV, FALSE);
  g_autofree char *a = NULL;
  g_autofree char *a2 = NULL;
  g_autofree char *b = NULL;
  g_autofree char *problems = problems_text (report);

  g_assert_cmpstr (problems, ==, "");
  g_assert_true (report->written);
  g_assert_cmpuint (report->inserted, ==, 7);
  a = series_text (fx->db, fx->a_qingpu);
  a2 = series_text (fx->db, fx->a_changning);
  b = series_text (fx->db, fx->b_qingpu);
  g_assert_cmpstr (a, ==, SIGNING_A_SERIES);
  g_assert_cmpstr (a2, ==, "2024-01:20000,9000,6000,4800,300,2000,1500;");
  g_assert_cmpstr (b, ==, "2024-01:8000,3000,2000,1500,80,700,600;");

  /* again: every row unchanged, nothing written */
  g_clear_pointer (&report, chc_csv_report_free);
  report = import_text (fx, "sig.csv", SIGNING_CSV, FALSE);
  g_assert_cmpuint (report->n_errors + report->n_warnings, ==, 0);
  g_assert_cmpuint (report->unchanged, ==, 7);
  g_assert_cmpuint (report->inserted + report->updated, ==, 0);

  /* by code, English headers, CRLF, one figure changed; the columns the
   * file lacks keep their stored values */
  g_clear_pointer (&report, chc_csv_report_free);
  report = import_text (fx, "upd.csv",
                        "Facility_Code,PERIOD,resident population,signed-residents\r\n"
                        "QP01,2024-03,10100,4560\r\n"
                        "QP01,2024-04,10150,4580\r\n", FALSE);
  g_clear_pointer (&problems, g_free);
  problems = problems_text (report);
  g_assert_cmpstr (problems, ==, "");
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->unchanged, ==, 1);
  g_clear_pointer (&a, g_free);
  a = series_text (fx->db, fx->a_qingpu);
  g_assert_nonnull (strstr (a, "2024-03:10100,4560,3010,2020,120,1020,870;"));
}

static void
test_signing_problems (SigningFixture *fx,
                       gconstpointer   data)
{
  g_autoptr(ChcCsvReport) report = NULL;
  g_autofree char *problems = NULL;

  report = import_text (fx, "bad.csv",
                        "机构编码,机构名称,区,统计月份,常住人口,签约人数\n"
                        ",甲中心,,2024-01,100,50\n"              /* two 甲中心 */
                        "QP01,,,2024-13,100,50\n"                /* no such month */
                        "QP01,,,2024-01,100,50.5\n"              /* a fraction */
                        "QP01,,,2024-02,-100,50\n"               /* negative */
                        "QP01,,,2024-03,100,150\n"               /* signed > population */
                        "QP99,,,2024-04,100,50\n"                /* no such code */
                        "QP02,,苏州,2024-04,100,50\n"            /* no such district */
                        "QP02,,长宁,2024-04,100,50\n"            /* another district */
                        "QP02,,,2024-05,,50\n"                   /* required figure empty */
                        "QP02,,,2024-06,100,50\n"
                        "QP02,,,2024-06,100,51\n"                /* the same month twice */
                        "QP02,丙中心,,2024-07,100,50\n", FALSE); /* code and name disagree: a warning */
  problems = problems_text (report);
  g_test_message ("%s", problems);
  g_assert_false (report->written);
  g_assert_nonnull (strstr (problems, "bad.csv:2:2: 机构名称: several facilities are named “甲中心”"));
  g_assert_nonnull (strstr (problems, "bad.csv:3:4: 统计月份: “2024-13” is not a month"));
  g_assert_nonnull (strstr (problems, "bad.csv:4:6: 签约人数: “50.5” has a fraction"));
  g_assert_nonnull (strstr (problems, "bad.csv:5:5: 常住人口: “-100” is negative"));
  g_assert_nonnull (strstr (problems, "bad.csv:6:6: Signed residents: 150 is more than the resident population (100)."));
  g_assert_nonnull (strstr (problems, "bad.csv:7:1: 机构编码: no facility has the code “QP99”."));
  g_assert_nonnull (strstr (problems, "bad.csv:8:3: 区: there is no district “苏州”."));
  g_assert_nonnull (strstr (problems, "bad.csv:9:3: 区: “乙中心” is in 青浦区, not in “长宁”."));
  g_assert_nonnull (strstr (problems, "bad.csv:10:5: 常住人口: the cell is empty; a value is required."));
  g_assert_nonnull (strstr (problems, "bad.csv:12:4: Period: the facility’s figures of 2024-06 are also on line 11."));
  g_assert_nonnull (strstr (problems, "bad.csv:13:2: warning: 机构名称: the facility with the code “QP02” is named “乙中心”"));
  g_assert_cmpuint (report->n_errors, ==, 10);
  g_assert_cmpuint (report->n_warnings, >=, 1);
  g_assert_null (chc_database_get_previous_signing (fx->db, fx->b_qingpu, "2099-01", NULL));
  g_assert_null (chc_database_get_previous_signing (fx->db, fx->a_qingpu, "2099-01", NULL));

  /* a required column missing */
  g_clear_pointer (&report, chc_csv_report_free);
  g_clear_pointer (&problems, g_free);
  report = import_text (fx, "cols.csv", "机构编码,常住人口,签约人数\nQP01,100,50\n", FALSE);
  problems = problems_text (report);
  g_assert_cmpstr (problems, ==, "cols.csv:1:1: the required column period (统计月份, 月份) is missing.\n");
  g_clear_pointer (&report, chc_csv_report_free);
  g_clear_pointer (&problems, g_free);
  report = import_text (fx, "cols.csv", "区,月份,常住人口,签约人数\n青浦,2024-01,100,50\n", FALSE);
  problems = problems_text (report);
  g_assert_nonnull (strstr (problems, "cols.csv:1:1: a column facility_code (机构编码, 机构代码) or facility_name (机构名称) is required."));
}

static void
test_signing_warnings (SigningFixture *fx,
                       gconstpointer   data)
{
  g_autoptr(ChcCsvReport) report = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *series = NULL;

  report = import_text (fx, "base.csv",
                        "facility_code,period,resident_population,signed_residents\n"
                        "QP01,2024-01,10000,4500\n"
                        "QP01,2024-03,10000,4500\n", TRUE);
  g_assert_cmpuint (report->n_errors, ==, 0);
  /* a month skipped */
  problems = problems_text (report);
  g_assert_nonnull (strstr (problems, "base.csv:3:2: warning: No figures for 2024-02: the previous figures are from 2024-01."));
  g_assert_true (report->written);

  /* a jump of coverage from the month before (in the store), and to the
   * stored month after: warnings, nothing written without accepting */
  g_clear_pointer (&report, chc_csv_report_free);
  g_clear_pointer (&problems, g_free);
  report = import_text (fx, "jump.csv",
                        "facility_code,period,resident_population,signed_residents\n"
                        "QP01,2024-02,10000,5200\n", FALSE);
  problems = problems_text (report);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->n_warnings, ==, 2);
  g_assert_nonnull (strstr (problems, "jump.csv:2:4: warning: Coverage moves from 45.0% in 2024-01 to 52.0% in 2024-02, more than 5 percentage points."));
  g_assert_nonnull (strstr (problems, "jump.csv:2:4: warning: Coverage moves from 52.0% in 2024-02 to 45.0% in 2024-03, more than 5 percentage points."));
  g_assert_false (report->written);
  series = series_text (fx->db, fx->a_qingpu);
  g_assert_null (strstr (series, "2024-02"));

  g_clear_pointer (&report, chc_csv_report_free);
  report = import_text (fx, "jump.csv",
                        "facility_code,period,resident_population,signed_residents\n"
                        "QP01,2024-02,10000,5200\n", TRUE);
  g_assert_true (report->written);
  g_assert_cmpuint (report->inserted, ==, 1);

  /* the month before in the same file counts, in any order of rows */
  g_clear_pointer (&report, chc_csv_report_free);
  g_clear_pointer (&problems, g_free);
  report = import_text (fx, "order.csv",
                        "facility_code,period,resident_population,signed_residents\n"
                        "QP02,2024-02,20000,3000\n"
                        "QP02,2024-01,10000,3000\n", FALSE);
  problems = problems_text (report);
  g_assert_nonnull (strstr (problems, "order.csv:2:3: warning: Resident population moves from 10,000 in 2024-01 to 20,000 in 2024-02"));
  g_assert_false (report->written);
}

/* The same file in UTF-8, UTF-8 with BOM, GB18030, with CRLF, tabs,
 * semicolons: the same figures stored. */
static void
test_signing_encodings (void)
{
  const char *variants[] = { "utf8", "bom", "gb18030", "gb18030-crlf", "tab", "semicolon" };
  g_autofree char *expected = NULL;

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      SigningFixture fx = { 0 };
      g_autoptr(GString) text = g_string_new (SIGNING_CSV);
      g_autoptr(ChcCsvReport) report = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *path = NULL;
      g_autofree char *all = NULL;
      g_autofree char *name = g_strdup_printf ("%s.csv", variants[v]);

      signing_set_up (&fx, NULL);
      if (g_str_has_suffix (variants[v], "crlf"))
        g_string_replace (text, "\n", "\r\n", 0);
      if (g_str_equal (variants[v], "tab") || g_str_equal (variants[v], "semicolon"))
        {
          g_string_replace (text, "\"10,000\"", "10000", 0);
          g_string_replace (text, ",", g_str_equal (variants[v], "tab") ? "\t" : ";", 0);
        }
      if (g_str_equal (variants[v], "bom"))
        g_string_prepend (text, "\xEF\xBB\xBF");
      contents = g_str_has_prefix (variants[v], "gb18030") ? to_gb18030 (text->str) : g_strdup (text->str);
      path = write_file (fx.dir, name, contents, -1);

      report = import_file (fx.db, CHC_CSV_KIND_SIGNING, path, FALSE);
      if (report->n_errors + report->n_warnings > 0)
        g_error ("%s: %s", variants[v], problems_text (report));
      g_assert_cmpint (report->encoding, ==, g_str_has_prefix (variants[v], "gb18030")
                                             ? CHC_CSV_ENCODING_GB18030 : CHC_CSV_ENCODING_UTF8);
      {
        g_autofree char *a = series_text (fx.db, fx.a_qingpu);
        g_autofree char *a2 = series_text (fx.db, fx.a_changning);
        g_autofree char *b = series_text (fx.db, fx.b_qingpu);

        all = g_strconcat (a, a2, b, NULL);
      }
      if (expected == NULL)
        expected = g_strdup (all);
      g_assert_cmpstr (all, ==, expected);
      g_assert_nonnull (strstr (all, SIGNING_A_SERIES));
      signing_tear_down (&fx, NULL);
    }
}

/* The demo's figures: export → import into a fresh database → export
 * again gives the same bytes; into the database they came from, all
 * unchanged. */
static void
test_signing_round_trip (void)
{
  g_autoptr(ChcDatabase) demo = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();

  for (guint variant = 0; variant < 2; variant++)
    {
      g_autoptr(ChcDatabase) copy = chc_test_new_database (TRUE);
      g_autoptr(ChcCsvReport) report = NULL;
      g_autoptr(GBytes) first = NULL;
      g_autoptr(GBytes) second = NULL;
      g_autofree char *facilities = NULL;
      g_autofree char *signing = NULL;
      g_autofree char *again = NULL;
      ChcCsvExportOptions options;
      guint64 n_rows = 0;

      chc_csv_export_options_init (&options);
      options.english_headers = variant == 1;
      options.encoding = variant == 1 ? CHC_CSV_ENCODING_GB18030 : CHC_CSV_ENCODING_UTF8;
      facilities = export_to (demo, CHC_CSV_KIND_FACILITIES, dir, "f.csv", &options, NULL);
      signing = export_to (demo, CHC_CSV_KIND_SIGNING, dir, "s.csv", &options, &n_rows);
      g_assert_cmpuint (n_rows, >, 1000);

      report = import_file (copy, CHC_CSV_KIND_FACILITIES, facilities, FALSE);
      g_assert_true (report->written);
      g_clear_pointer (&report, chc_csv_report_free);
      /* accepting the warnings the demo's own figures may raise, as their
       * entry did */
      report = import_file (copy, CHC_CSV_KIND_SIGNING, signing, TRUE);
      if (report->n_errors > 0)
        g_error ("%s", problems_text (report));
      g_assert_true (report->written);
      g_assert_cmpuint (report->inserted, ==, n_rows);

      again = export_to (copy, CHC_CSV_KIND_SIGNING, dir, "s2.csv", &options, NULL);
      first = chc_test_read_file (signing);
      second = chc_test_read_file (again);
      g_assert_true (g_bytes_equal (first, second));

      g_clear_pointer (&report, chc_csv_report_free);
      report = import_file (demo, CHC_CSV_KIND_SIGNING, signing, FALSE);
      g_assert_cmpuint (report->n_errors + report->n_warnings, ==, 0);
      g_assert_cmpuint (report->unchanged, ==, n_rows);
      g_assert_false (report->inserted + report->updated > 0);
    }
}

/* A large file: the secondary index is dropped and rebuilt in the
 * transaction; the table reads the same through it afterwards. */
static void
test_signing_bulk (SigningFixture *fx,
                   gconstpointer   data)
{
  g_autoptr(GString) text = g_string_new ("facility_code,period,resident_population,signed_residents\n");
  g_autoptr(ChcCsvReport) report = NULL;
  g_autoptr(GPtrArray) month = NULL;
  g_autofree char *path = NULL;

  /* 30 centres × 1,800 months: 54,000 rows */
  for (int f = 0; f < 30; f++)
    {
      g_autofree char *code = g_strdup_printf ("BK%02d", f);
      g_autofree char *name = g_strdup_printf ("批量中心%02d", f);
      g_autoptr(ChcFacility) centre = chc_test_add_centre (fx->db, district_id (fx->db, "青浦"), code, name);

      g_assert_cmpint (chc_facility_get_id (centre), >, 0);
    }
  for (int f = 0; f < 30; f++)
    for (int m = 0; m < 1800; m++)
      g_string_append_printf (text, "BK%02d,%04d-%02d,%d,%d\n", f, 1950 + m / 12, m % 12 + 1,
                              10000 + f, 4000 + f);
  path = write_file (fx->dir, "bulk.csv", text->str, text->len);
  report = import_file (fx->db, CHC_CSV_KIND_SIGNING, path, FALSE);
  g_assert_cmpuint (report->n_errors + report->n_warnings, ==, 0);
  g_assert_cmpuint (report->inserted, ==, 54000);

  /* the month's list (through the period index) has every centre */
  month = chc_database_list_signing_month (fx->db, district_id (fx->db, "青浦"), "2000-06", NULL);
  g_assert_cmpuint (month->len, ==, 32);
  for (guint i = 0; i < month->len; i++)
    {
      ChcSigningRecord *record = g_ptr_array_index (month, i);
      gboolean bulk = g_str_has_prefix (chc_signing_record_get_facility_code (record), "BK");

      g_assert_cmpint (chc_signing_record_get_saved (record), ==, bulk);
    }
  {
    g_autoptr(GPtrArray) problems = chc_database_check (fx->db, NULL);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

/* ---- TCM visits ----------------------------------------------------------------- */

static void
test_tcm_import (SigningFixture *fx,
                 gconstpointer   data)
{
  g_autoptr(ChcCsvReport) report = NULL;
  g_autofree char *problems = NULL;
  gint64 tcm = 0, all = 0;

  report = import_kind (fx, CHC_CSV_KIND_TCM, "tcm.csv",
                        "机构编码,统计月份,中医诊疗量,门急诊人次\r\n"
                        "QP01,2024年3月,\"1,200\",\"8,000\"\r\n"
                        "QP01,2024-04,1300,8100\r\n"
                        "QP02,202403,０,500\r\n", FALSE);
  problems = problems_text (report);
  g_assert_cmpstr (problems, ==, "");
  g_assert_cmpuint (report->inserted, ==, 3);
  g_assert_true (chc_database_get_tcm_visits (fx->db, fx->a_qingpu, "2024-03", &tcm, &all, NULL));
  g_assert_cmpint (tcm, ==, 1200);
  g_assert_cmpint (all, ==, 8000);

  /* again: unchanged; one month changed */
  g_clear_pointer (&report, chc_csv_report_free);
  report = import_kind (fx, CHC_CSV_KIND_TCM, "tcm2.csv",
                        "facility_code,period,tcm_visits,all_visits\n"
                        "QP01,2024-03,1200,8000\n"
                        "QP01,2024-04,1350,8100\n", FALSE);
  g_assert_cmpuint (report->unchanged, ==, 1);
  g_assert_cmpuint (report->updated, ==, 1);

  /* the rules of the TCM view: TCM visits ≤ all visits, no future month */
  g_clear_pointer (&report, chc_csv_report_free);
  g_clear_pointer (&problems, g_free);
  report = import_kind (fx, CHC_CSV_KIND_TCM, "bad.csv",
                        "facility_code,period,tcm_visits,all_visits\n"
                        "QP01,2024-05,900,800\n"
                        "QP01,2099-01,1,2\n"
                        "QP01,2024-06,1.5,2\n", FALSE);
  problems = problems_text (report);
  g_assert_false (report->written);
  g_assert_nonnull (strstr (problems, "bad.csv:2:3: TCM visits: 900 is more than all visits (800)."));
  g_assert_nonnull (strstr (problems, "bad.csv:3:2: Month: 2099-01 has not begun yet"));
  g_assert_nonnull (strstr (problems, "bad.csv:4:3: tcm_visits: “1.5” has a fraction"));
  g_assert_false (chc_database_get_tcm_visits (fx->db, fx->a_qingpu, "2024-05", &tcm, &all, NULL));
}

/* ---- construction projects -------------------------------------------------------- */

static void
test_projects_import (SigningFixture *fx,
                      gconstpointer   data)
{
  g_autoptr(ChcCsvReport) report = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autofree char *problems = NULL;
  ChcProject *project;

  report = import_kind (fx, CHC_CSV_KIND_PROJECTS, "p.csv",
                        "机构编码,项目类型,计划年度,投资额（万元）,建成后面积,备注,计划立项日期,立项日期,计划开工日期,实际开工日期\n"
                        "QP01,改扩建,2024,\"1,500.5\",3200,扩建门诊楼,2024-01-31,2024年1月15日,2024/6/30,\n"
                        "QP02,standardization,2025,,,,2025-03-31,,,\n", FALSE);
  problems = problems_text (report);
  g_assert_cmpstr (problems, ==, "");
  g_assert_cmpuint (report->inserted, ==, 2);

  projects = chc_database_list_projects (fx->db, 0, NULL, NULL);
  g_assert_cmpuint (projects->len, ==, 2);
  project = g_ptr_array_index (projects, 0);
  if (chc_project_get_facility_id (project) != fx->a_qingpu)
    project = g_ptr_array_index (projects, 1);
  g_assert_cmpint (chc_project_get_kind (project), ==, CHC_PROJECT_RENOVATION);
  g_assert_cmpint (chc_project_get_plan_year (project), ==, 2024);
  g_assert_cmpfloat (chc_project_get_budget (project), ==, 1500.5);
  g_assert_true (isnan (chc_project_get_area_before (project)));
  g_assert_cmpfloat (chc_project_get_area_after (project), ==, 3200);
  g_assert_cmpstr (chc_project_get_notes (project), ==, "扩建门诊楼");
  g_assert_cmpstr (chc_project_get_actual (project, CHC_MILESTONE_APPROVED), ==, "2024-01-15");
  g_assert_cmpstr (chc_project_get_planned (project, CHC_MILESTONE_STARTED), ==, "2024-06-30");
  g_assert_null (chc_project_get_actual (project, CHC_MILESTONE_STARTED));

  /* the same again: unchanged; a date reached: updated */
  g_clear_pointer (&report, chc_csv_report_free);
  report = import_kind (fx, CHC_CSV_KIND_PROJECTS, "p2.csv",
                        "facility_code,kind,plan_year,started_actual\n"
                        "QP01,renovation,2024,2024-07-02\n"
                        "QP02,标准化建设,2025,\n", FALSE);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->unchanged, ==, 1);

  /* the rules of the project dialog, and file problems */
  g_clear_pointer (&report, chc_csv_report_free);
  g_clear_pointer (&problems, g_free);
  report = import_kind (fx, CHC_CSV_KIND_PROJECTS, "bad.csv",
                        "facility_code,kind,plan_year,approved_actual,started_actual\n"
                        "QP01,renovation,2026,2026-03-01,2026-02-01\n"
                        "QP01,renovation,2026,,\n"
                        "QP02,clinic,2025,,\n"
                        "QP02,opening,2025,2099-01-01,\n"
                        "QP02,opening,2030,2024-02-30,\n", FALSE);
  problems = problems_text (report);
  g_test_message ("%s", problems);
  g_assert_false (report->written);
  g_assert_nonnull (strstr (problems, "bad.csv:2:5: Construction started, actual date: it is before the actual date of"));
  g_assert_nonnull (strstr (problems, "bad.csv:3:3: plan_year: the facility’s "));
  g_assert_nonnull (strstr (problems, "bad.csv:4:2: kind: “clinic” is not a kind of project"));
  g_assert_nonnull (strstr (problems, "bad.csv:5:4: Approved, actual date: 2099-01-01 is in the future"));
  g_assert_nonnull (strstr (problems, "bad.csv:6:4: approved_actual: “2024-02-30” is not a valid date"));
  g_clear_pointer (&projects, g_ptr_array_unref);
  projects = chc_database_list_projects (fx->db, 0, NULL, NULL);
  g_assert_cmpuint (projects->len, ==, 2);
}

/* Every kind of the demo: export → import into a fresh database → export
 * gives the same bytes; importing into the demo itself changes nothing. */
static void
test_round_trip_all_kinds (void)
{
  g_autoptr(ChcDatabase) demo = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();
  g_autoptr(ChcDatabase) copy = chc_test_new_database (TRUE);
  const ChcCsvKind kinds[] = { CHC_CSV_KIND_FACILITIES, CHC_CSV_KIND_SIGNING, CHC_CSV_KIND_TCM, CHC_CSV_KIND_PROJECTS };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(ChcCsvReport) report = NULL;
      g_autoptr(ChcCsvReport) again = NULL;
      g_autofree char *name = g_strdup_printf ("%s.csv", chc_csv_kind_to_nick (kinds[k]));
      g_autofree char *name2 = g_strdup_printf ("%s-2.csv", chc_csv_kind_to_nick (kinds[k]));
      g_autofree char *path = NULL;
      g_autofree char *path2 = NULL;
      g_autoptr(GBytes) first = NULL;
      g_autoptr(GBytes) second = NULL;
      guint64 n_rows = 0;

      path = export_to (demo, kinds[k], dir, name, NULL, &n_rows);
      g_assert_cmpuint (n_rows, >, 0);
      report = import_file (copy, kinds[k], path, TRUE);
      if (report->n_errors > 0)
        g_error ("%s: %s", name, problems_text (report));
      g_assert_cmpuint (report->inserted, ==, n_rows);

      if (kinds[k] != CHC_CSV_KIND_FACILITIES)   /* its order follows the ids */
        {
          path2 = export_to (copy, kinds[k], dir, name2, NULL, NULL);
          first = chc_test_read_file (path);
          second = chc_test_read_file (path2);
          if (!g_bytes_equal (first, second))
            g_error ("%s: the second export differs", name);
        }

      again = import_file (demo, kinds[k], path, FALSE);
      if (again->n_errors + again->n_warnings > 0)
        g_error ("%s: %s", name, problems_text (again));
      g_assert_cmpuint (again->unchanged, ==, n_rows);
      g_assert_false (again->written && again->inserted + again->updated > 0);
    }

  {
    g_autoptr(GPtrArray) problems = chc_database_check (copy, NULL);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

/* The assistant's mapping: a header the matcher does not know, mapped by
 * hand. */
static void
test_import_mapping (SigningFixture *fx,
                     gconstpointer   data)
{
  const char *headers[] = { "编号", "时间", "人口", "签约", "备注" };
  g_autoptr(ChcCsvMapping) mapping = chc_csv_mapping_new (CHC_CSV_KIND_SIGNING, headers, G_N_ELEMENTS (headers));
  g_autofree char *path = write_file (fx->dir, "own.csv",
                                      "编号,时间,人口,签约,备注\nQP01,2024-03,100,40,x\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChcCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *series = NULL;
  ChcCsvImportOptions options;

  chc_csv_mapping_set (mapping, 0, CHC_CSV_OF_FACILITY_CODE);
  chc_csv_mapping_set (mapping, 1, CHC_CSV_SIGNING_PERIOD);
  chc_csv_mapping_set (mapping, 2, CHC_CSV_SIGNING_RESIDENT_POPULATION);
  chc_csv_mapping_set (mapping, 3, CHC_CSV_SIGNING_SIGNED_RESIDENTS);
  chc_csv_import_options_init (&options);
  options.mapping = mapping;
  options.accept_warnings = TRUE;   /* the unknown 备注 */
  report = chc_csv_import (fx->db, CHC_CSV_KIND_SIGNING, file, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (report->inserted, ==, 1);
  series = series_text (fx->db, fx->a_qingpu);
  g_assert_cmpstr (series, ==, "2024-03:100,40,0,0,0,0,0;");

  /* a mapping made for another header */
  g_clear_pointer (&report, chc_csv_report_free);
  g_clear_pointer (&path, g_free);
  path = write_file (fx->dir, "own2.csv", "编号,时间,人口\nQP01,2024-04,100\n", -1);
  g_clear_object (&file);
  file = g_file_new_for_path (path);
  report = chc_csv_import (fx->db, CHC_CSV_KIND_SIGNING, file, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, ==, 1);
  g_assert_false (report->written);
}

/* ---- threads, progress, cancellation -------------------------------------- */

typedef struct
{
  GMainLoop    *loop;
  ChcCsvReport *report;
  GError       *error;
  guint         progress_calls;
  guint         changed;
  GCancellable *cancellable;
} AsyncData;

static void
on_async_progress (guint64  rows,
                   guint64  bytes_read,
                   guint64  bytes_total,
                   gpointer user_data)
{
  AsyncData *data = user_data;

  g_assert_cmpuint (bytes_read, <=, bytes_total);
  data->progress_calls++;
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncData *data = user_data;

  data->report = chc_csv_import_finish (CHC_DATABASE (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
on_changed (ChcDatabase *database,
            const char  *table,
            AsyncData   *data)
{
  if (g_str_equal (table, "facility"))
    data->changed++;
}

static char *
big_registry (const char *dir,
              guint       n_rows)
{
  g_autoptr(GString) text = g_string_new ("code,name,type,district,floor_area\n");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "B%06u,大型登记中心%06u,centre,松江,%u\n", i, i, i % 997);
  return write_file (dir, "big-registry.csv", text->str, text->len);
}

static void
test_import_async (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = big_registry (dir, 20000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GPtrArray) facilities = NULL;
  AsyncData data = { loop, NULL, NULL, 0, 0 };

  g_signal_connect (database, "changed", G_CALLBACK (on_changed), &data);
  chc_csv_import_async (database, CHC_CSV_KIND_FACILITIES, file, NULL, NULL,
                        on_async_progress, on_async_done, &data);
  g_main_loop_run (loop);

  g_assert_no_error (data.error);
  g_assert_nonnull (data.report);
  g_assert_true (data.report->written);
  g_assert_cmpuint (data.report->inserted, ==, 20000);
  g_assert_cmpuint (data.changed, ==, 1);
  g_assert_cmpuint (data.progress_calls, >=, 1);
  facilities = chc_database_list_facilities (database, 0, NULL);
  g_assert_cmpuint (facilities->len, ==, 20000);
  g_clear_pointer (&data.report, chc_csv_report_free);
}

static void
test_import_cancel (void)
{
  g_autoptr(GBytes) before = NULL;
  g_autofree char *db_path = closed_demo_database (&before);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = big_registry (dir, 20000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData data = { loop, NULL, NULL, 0, 0 };
  g_autoptr(GError) error = NULL;

  ChcDatabase *database = chc_database_open (db_path, &error);

  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  chc_csv_import_async (database, CHC_CSV_KIND_FACILITIES, file, NULL, cancellable,
                        NULL, on_async_done, &data);
  g_main_loop_run (loop);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (data.report);
  g_clear_error (&data.error);

  /* The task may hold the database a moment longer, in its thread. */
  g_object_add_weak_pointer (G_OBJECT (database), (gpointer *) &database);
  g_object_unref (database);
  while (database != NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  assert_file_unchanged (db_path, before);
}

/* Cancelled while it runs (from the progress callback, in the main
 * context): nothing written. */
static void
on_progress_cancel (guint64  rows,
                    guint64  bytes_read,
                    guint64  bytes_total,
                    gpointer user_data)
{
  AsyncData *data = user_data;

  data->progress_calls++;
  g_cancellable_cancel (data->cancellable);
}

static void
test_import_cancel_running (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = big_registry (dir, 60000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GPtrArray) facilities = NULL;
  AsyncData data = { loop, NULL, NULL, 0, 0, cancellable };

  chc_csv_import_async (database, CHC_CSV_KIND_FACILITIES, file, NULL, cancellable,
                        on_progress_cancel, on_async_done, &data);
  g_main_loop_run (loop);
  g_assert_cmpuint (data.progress_calls, >=, 1);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (data.report);
  g_clear_error (&data.error);
  facilities = chc_database_list_facilities (database, 0, NULL);
  g_assert_cmpuint (facilities->len, ==, 0);
}

/* ---- chc-cli ------------------------------------------------------------------- */

static void
test_cli (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *good = write_file (dir, "good.csv", FACILITIES_CSV, -1);
  g_autofree char *bad = write_file (dir, "bad.csv", "code,name,type,district\nZ1,x,clinic,青浦\n", -1);
  g_autofree char *warn = write_file (dir, "warn.csv", "code,name,type,district,序号\nZ2,x,centre,青浦,1\n", -1);
  g_autofree char *out_path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

#define RUN(status, ...) \
  G_STMT_START { \
    g_clear_pointer (&out, g_free); \
    g_clear_pointer (&err, g_free); \
    g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, __VA_ARGS__, NULL }, &out, &err), ==, status); \
  } G_STMT_END

  RUN (0, "init");
  RUN (0, "import", "facilities", good);
  g_assert_nonnull (strstr (err, "3 inserted, 0 updated, 0 unchanged"));
  RUN (0, "import", "facilities", good, "--encoding", "utf-8");
  g_assert_nonnull (strstr (err, "0 inserted, 0 updated, 3 unchanged"));
  RUN (1, "import", "facilities", bad);
  g_assert_nonnull (strstr (err, ":2:3: type: “clinic” is not a facility type"));
  g_assert_nonnull (strstr (err, "nothing was imported"));
  RUN (1, "import", "facilities", warn);
  g_assert_nonnull (strstr (err, ":1:5: warning: unknown column “序号”"));
  RUN (0, "import", "facilities", warn, "--accept-warnings");
  g_assert_nonnull (strstr (err, "1 inserted"));
  RUN (0, "import", "facilities", warn, "--accept-warnings", "--check");
  RUN (1, "import", "facilities", good, "--encoding", "gb18030");
  RUN (2, "import", "facilities");
  RUN (2, "import", "nonsense", good);
  RUN (2, "import", "facilities", good, "--encoding", "latin1");
  RUN (2, "import", "facilities", "/nonexistent/file.csv");
  RUN (0, "import", "--help");
  g_assert_nonnull (strstr (out, "签约居民社区就诊人次"));
  g_assert_nonnull (strstr (out, "signed_visits_in_community"));
  g_assert_nonnull (strstr (out, "--accept-warnings"));

  RUN (0, "export", "facilities", out_path, "--district", "青浦");
  g_assert_nonnull (strstr (err, "Exported 4 rows"));
  RUN (0, "import", "facilities", out_path);
  g_assert_nonnull (strstr (err, "4 unchanged"));
  RUN (0, "export", "facilities", out_path, "--encoding", "gb18030", "--english-headers");
  RUN (0, "import", "facilities", out_path, "--encoding", "gb18030");
  RUN (2, "export", "facilities", out_path, "--district", "苏州");
  RUN (2, "export", "facilities", "/nonexistent/dir/out.csv");
  RUN (2, "export", "facilities", out_path, "--encoding", "utf-16le");

  /* the other kinds, on the demo database */
  g_free (db);
  db = g_build_filename (dir, "demo.db", NULL);
  RUN (0, "init", "--demo");
  for (guint k = CHC_CSV_KIND_SIGNING; k <= CHC_CSV_KIND_PROJECTS; k++)
    {
      const char *kind = chc_csv_kind_to_nick (k);

      RUN (0, "export", kind, out_path, "--district", "Changning");
      g_assert_nonnull (strstr (err, "Exported"));
      RUN (0, "import", kind, out_path);
      g_assert_nonnull (strstr (err, " 0 inserted, 0 updated,"));
    }
  {
    g_autofree char *bad_signing = write_file (dir, "bad-signing.csv",
                                               "机构名称,区,统计月份,常住人口,签约人数\n"
                                               "新华社区卫生服务中心,长宁,2024-03,1000,2000\n", -1);
    RUN (1, "import", "signing", bad_signing);
    g_assert_nonnull (strstr (err, "bad-signing.csv:2:5: Signed residents: 2,000 is more than the resident population (1,000)."));
  }
#undef RUN
}

/* The import assistant's memory of a mapping: the key ignores how the
 * headers are written; the text round-trips; a text of another shape or
 * naming an unknown column changes nothing. */
static void
test_mapping_memory (void)
{
  const char *headers[] = { "代码", "月", "常住人口", "签约人数" };
  const char *same[] = { " 代码 ", "月", "常住人口", "签约人数" };
  g_autoptr(ChcCsvMapping) mapping = chc_csv_mapping_new (CHC_CSV_KIND_SIGNING, headers, 4);
  g_autoptr(ChcCsvMapping) other = chc_csv_mapping_new (CHC_CSV_KIND_SIGNING, same, 4);
  g_autoptr(ChcCsvMapping) tcm = chc_csv_mapping_new (CHC_CSV_KIND_TCM, headers, 4);
  g_autofree char *key = chc_csv_mapping_dup_key (mapping);
  g_autofree char *other_key = chc_csv_mapping_dup_key (other);
  g_autofree char *tcm_key = chc_csv_mapping_dup_key (tcm);
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;

  g_assert_cmpstr (key, ==, other_key);
  g_assert_cmpstr (key, !=, tcm_key);

  /* 代码 and 月 are no aliases: mapped by hand. */
  g_assert_cmpint (chc_csv_mapping_get_column (mapping, 0), ==, -1);
  g_assert_cmpint (chc_csv_mapping_get_column (mapping, 2), ==, CHC_CSV_SIGNING_RESIDENT_POPULATION);
  chc_csv_mapping_set (mapping, 0, CHC_CSV_OF_FACILITY_CODE);
  chc_csv_mapping_set (mapping, 1, CHC_CSV_SIGNING_PERIOD);
  text = chc_csv_mapping_to_string (mapping);
  g_assert_cmpstr (text, ==, "facility_code,period,resident_population,signed_residents");

  g_assert_true (chc_csv_mapping_apply_string (other, text));
  g_assert_cmpint (chc_csv_mapping_get_column (other, 0), ==, CHC_CSV_OF_FACILITY_CODE);
  g_assert_cmpint (chc_csv_mapping_get_column (other, 1), ==, CHC_CSV_SIGNING_PERIOD);
  again = chc_csv_mapping_to_string (other);
  g_assert_cmpstr (again, ==, text);

  g_assert_false (chc_csv_mapping_apply_string (tcm, "facility_code,period"));
  g_assert_false (chc_csv_mapping_apply_string (tcm, "facility_code,period,no_such_column,"));
  g_assert_cmpint (chc_csv_mapping_get_column (tcm, 0), ==, -1);
  g_assert_true (chc_csv_mapping_apply_string (tcm, ",,,"));
  g_assert_cmpint (chc_csv_mapping_get_column (tcm, 2), ==, -1);
}

/* The preview reads as the import does: GB18030 and tabs detected. */
static void
test_preview (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "preview.txt", NULL);
  g_autofree char *gb = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ChcCsvPreview) preview = NULL;
  GString *text = g_string_new ("机构编码\t统计月份\t常住人口\n");
  gsize length = 0;

  for (int i = 0; i < 30; i++)
    g_string_append_printf (text, "310118C02\t2027-%02d\t80000\n", 1 + i % 12);
  gb = g_convert (text->str, -1, "GB18030", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_string_free (text, TRUE);
  g_file_set_contents (path, gb, (gssize) length, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  preview = chc_csv_preview_read (file, CHC_CSV_ENCODING_AUTO, 0, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->encoding, ==, CHC_CSV_ENCODING_GB18030);
  g_assert_cmpint (preview->delimiter, ==, '\t');
  g_assert_cmpuint (preview->rows->len, ==, 6);   /* the header and 5 rows */
  g_assert_cmpstr (((char **) g_ptr_array_index (preview->rows, 0))[1], ==, "统计月份");
  g_assert_cmpstr (((char **) g_ptr_array_index (preview->rows, 1))[1], ==, "2027-01");

  /* An empty file: an error, no preview. */
  g_file_set_contents (path, "", 0, &error);
  g_clear_pointer (&preview, chc_csv_preview_free);
  preview = chc_csv_preview_read (file, CHC_CSV_ENCODING_AUTO, 0, 5, &error);
  g_assert_true (preview == NULL || preview->rows->len == 0);
  g_clear_error (&error);
}

/* A view's filters: only the facilities it lists, only its year. */
static void
test_export_filters (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_demo ();
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  ChcCsvExportOptions options;
  guint64 n_all = 0;
  guint64 n_year = 0;
  guint64 n_one = 0;
  gint64 id = chc_test_query_int (database, "SELECT id FROM facility WHERE code = '310118C02'");

  chc_csv_export_options_init (&options);
  g_free (export_to (database, CHC_CSV_KIND_SIGNING, dir, "all.csv", &options, &n_all));

  options.year = 2024;
  path = export_to (database, CHC_CSV_KIND_SIGNING, dir, "2024.csv", &options, &n_year);
  g_assert_cmpuint (n_year, >, 0);
  g_assert_cmpuint (n_year, <, n_all);
  g_assert_cmpint (n_year, ==, chc_test_query_int (database, "SELECT count (*) FROM signing WHERE period LIKE '2024-%'"));
  g_file_get_contents (path, &text, NULL, NULL);
  g_assert_null (strstr (text, ",2023-"));

  g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
  options.facility_ids = ids;
  g_free (export_to (database, CHC_CSV_KIND_SIGNING, dir, "one.csv", &options, &n_one));
  g_assert_cmpuint (n_one, ==, 12);

  g_free (export_to (database, CHC_CSV_KIND_FACILITIES, dir, "f.csv", &options, &n_one));
  g_assert_cmpuint (n_one, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/values/period", test_values_period);
  g_test_add_func ("/csv/values/date", test_values_date);
  g_test_add_func ("/csv/values/count", test_values_count);
  g_test_add_func ("/csv/values/other", test_values_other);
  g_test_add_func ("/csv/columns/headers", test_columns_headers);
  g_test_add_func ("/csv/columns/docs", test_columns_docs);
  g_test_add_func ("/csv/reader/encodings", test_reader_encodings);
  g_test_add_func ("/csv/reader/delimiters", test_reader_delimiters);
  g_test_add_func ("/csv/reader/lines", test_reader_lines);
  g_test_add_func ("/csv/reader/hostile", test_reader_hostile);
  g_test_add_func ("/csv/facilities/import", test_import_facilities);
  g_test_add_func ("/csv/facilities/encodings", test_import_facilities_encodings);
  g_test_add_func ("/csv/facilities/all-or-nothing", test_import_all_or_nothing);
  g_test_add_func ("/csv/facilities/hostile", test_import_hostile);
  g_test_add_func ("/csv/facilities/sql-text", test_import_sql_text);
  g_test_add_func ("/csv/facilities/round-trip", test_export_round_trip_facilities);
  g_test_add ("/csv/signing/import", SigningFixture, NULL, signing_set_up, test_signing_import, signing_tear_down);
  g_test_add ("/csv/signing/problems", SigningFixture, NULL, signing_set_up, test_signing_problems, signing_tear_down);
  g_test_add ("/csv/signing/warnings", SigningFixture, NULL, signing_set_up, test_signing_warnings, signing_tear_down);
  g_test_add ("/csv/signing/bulk", SigningFixture, NULL, signing_set_up, test_signing_bulk, signing_tear_down);
  g_test_add_func ("/csv/signing/encodings", test_signing_encodings);
  g_test_add_func ("/csv/signing/round-trip", test_signing_round_trip);
  g_test_add ("/csv/tcm/import", SigningFixture, NULL, signing_set_up, test_tcm_import, signing_tear_down);
  g_test_add ("/csv/projects/import", SigningFixture, NULL, signing_set_up, test_projects_import, signing_tear_down);
  g_test_add_func ("/csv/round-trip/all-kinds", test_round_trip_all_kinds);
  g_test_add ("/csv/import/mapping", SigningFixture, NULL, signing_set_up, test_import_mapping, signing_tear_down);
  g_test_add_func ("/csv/import/async", test_import_async);
  g_test_add_func ("/csv/import/cancel", test_import_cancel);
  g_test_add_func ("/csv/import/cancel-running", test_import_cancel_running);
  g_test_add_func ("/csv/cli", test_cli);
  g_test_add_func ("/csv/mapping-memory", test_mapping_memory);
  g_test_add_func ("/csv/preview", test_preview);
  g_test_add_func ("/csv/export/filters", test_export_filters);

  return g_test_run ();
}
