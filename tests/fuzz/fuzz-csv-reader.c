/* fuzz-csv-reader.c — libFuzzer target: the CSV reader, the header matcher
 * and the import checker of every kind against a demo database.
 *
 * The first byte of an input picks the kind (bits 0–1; bit 6 set: the
 * values kind, one value of a data element a row), the encoding (bits
 * 2–3: auto, utf-8, gb18030) and whether the delimiter is detected or
 * given (bits 4–5); the rest is the file.  Imports run with
 * check_only, so the database never changes between inputs.
 *
 * Build: CC=clang meson setup build-fuzz -Dfuzz=true -Dgui=false \
 *          -Db_sanitize=address,undefined -Db_lundef=false
 * Run:   build-fuzz/tests/fuzz/fuzz-csv-reader tests/fuzz/corpus -max_total_time=600
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <gio/gio.h>

#include "io/chc-csv-import.h"
#include "io/chc-demo.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static ChcDatabase *database;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chc-fuzz-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "fuzz.db", NULL);
  database = chc_database_open (path, &error);
  g_assert_no_error (error);
  chc_demo_populate (database, &error);
  g_assert_no_error (error);
  return 0;
}

/* The reader alone, with the header matcher on every cell. */
static void
read_all (const uint8_t  *data,
          size_t          size,
          ChcCsvEncoding  encoding,
          char            delimiter,
          ChcCsvKind      kind)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(ChcCsvReader) reader = chc_csv_reader_new (stream, "fuzz.csv", encoding, delimiter);
  g_autoptr(GError) error = NULL;
  guint rows = 0;

  while (chc_csv_reader_next_row (reader, NULL, &error))
    {
      g_assert_true (chc_csv_reader_get_n_cells (reader) <= CHC_CSV_MAX_COLUMNS);
      for (guint i = 0; i < chc_csv_reader_get_n_cells (reader); i++)
        {
          const char *cell = chc_csv_reader_get_cell (reader, i);

          g_assert_true (g_utf8_validate (cell, chc_csv_reader_get_cell_length (reader, i), NULL));
          g_assert_true (chc_csv_reader_get_cell_line (reader, i) >= chc_csv_reader_get_line (reader));
          if (rows == 0)
            chc_csv_kind_find_column (kind, cell);
        }
      rows++;
    }
  if (error != NULL)
    {
      guint line = 0, column = 0;

      chc_csv_reader_get_error_position (reader, &line, &column);
      g_assert_true (error->domain == CHC_CSV_ERROR);
      g_assert_true (line >= 1 && column >= 1);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char delimiters[] = { 0, ',', '\t', ';' };
  static const ChcCsvEncoding encodings[] = {
    CHC_CSV_ENCODING_AUTO, CHC_CSV_ENCODING_UTF8, CHC_CSV_ENCODING_GB18030, CHC_CSV_ENCODING_AUTO,
  };
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(ChcCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  ChcCsvImportOptions options;
  ChcCsvKind kind;

  if (size < 1)
    return 0;

  kind = (data[0] & 0x40) ? CHC_CSV_KIND_VALUES : (ChcCsvKind) (data[0] & 3);
  chc_csv_import_options_init (&options);
  options.encoding = encodings[(data[0] >> 2) & 3];
  options.delimiter = delimiters[(data[0] >> 4) & 3];
  options.check_only = TRUE;
  options.accept_warnings = TRUE;
  options.file_name = "fuzz.csv";
  data++;
  size--;

  read_all (data, size, options.encoding, options.delimiter, kind);

  stream = g_memory_input_stream_new_from_data (data, size, NULL);
  report = chc_csv_import_stream (database, kind, stream, size, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_false (report->written);
  g_assert_true (report->problems->len <= 2 * CHC_CSV_MAX_PROBLEMS);
  g_free (chc_csv_report_format_problems (report));
  return 0;
}
