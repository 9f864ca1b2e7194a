/* fuzz-xlsx.c — libFuzzer target: the Excel workbook reader (issue 17),
 * an untrusted file.
 *
 * An input that begins with "PK" is read as a whole .xlsx file (the zip
 * container as libgsf sees it).  Any other input is split at its 0xFF
 * bytes into the XML of the shared strings, the styles and the first
 * sheet, which are zipped into a workbook with a fixed workbook.xml and
 * relations, so that the fuzzer works on the XML the reader parses
 * rather than on deflate streams.  Each workbook is read as a sheet
 * (chc_xlsx_sheet_read) and as import rows (chc_csv_reader_new_for_xlsx).
 *
 * Build: CC=clang meson setup build-fuzz -Dfuzz=true -Dgui=false \
 *          -Db_sanitize=address,undefined -Db_lundef=false
 * Run:   build-fuzz/tests/fuzz/fuzz-xlsx tests/fuzz/corpus-xlsx \
 *          -max_total_time=600 -rss_limit_mb=2048
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-output-stdio.h>

#include "io/chc-csv-reader.h"
#include "io/chc-xlsx-reader.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *path;

static const char workbook_xml[] =
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
  "<workbookPr date1904=\"0\"/><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels_xml[] =
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  int fd = g_file_open_tmp ("fuzz-XXXXXX.xlsx", &path, NULL);

  g_assert_true (fd >= 0);
  close (fd);
  return 0;
}

static void
add_part (GsfOutfile    *zip,
          const char    *dir_name,
          const char    *sub_name,
          const char    *name,
          const guint8  *data,
          gsize          size)
{
  GsfOutfile *dir = GSF_OUTFILE (gsf_outfile_new_child (zip, dir_name, TRUE));
  GsfOutfile *sub = sub_name != NULL ? GSF_OUTFILE (gsf_outfile_new_child (dir, sub_name, TRUE)) : NULL;
  GsfOutput *part = gsf_outfile_new_child (sub != NULL ? sub : dir, name, FALSE);

  gsf_output_write (part, size, data);
  gsf_output_close (part);
  g_object_unref (part);
  if (sub != NULL)
    {
      gsf_output_close (GSF_OUTPUT (sub));
      g_object_unref (sub);
    }
  gsf_output_close (GSF_OUTPUT (dir));
  g_object_unref (dir);
}

static void
write_workbook (const uint8_t *data,
                size_t         size)
{
  const guint8 *parts[3] = { NULL };
  gsize sizes[3] = { 0 };
  guint n = 0;
  GsfOutput *sink = gsf_output_stdio_new (path, NULL);
  GsfOutfile *zip = gsf_outfile_zip_new (sink, NULL);

  parts[0] = data;
  for (size_t i = 0; i < size; i++)
    if (data[i] == 0xFF && n < 2)
      {
        sizes[n] = data + i - parts[n];
        parts[++n] = data + i + 1;
      }
  sizes[n] = data + size - parts[n];

  add_part (zip, "xl", NULL, "workbook.xml", (const guint8 *) workbook_xml, strlen (workbook_xml));
  add_part (zip, "xl", "_rels", "workbook.xml.rels", (const guint8 *) rels_xml, strlen (rels_xml));
  if (parts[0] != NULL)
    add_part (zip, "xl", NULL, "sharedStrings.xml", parts[0], sizes[0]);
  if (parts[1] != NULL)
    add_part (zip, "xl", NULL, "styles.xml", parts[1], sizes[1]);
  add_part (zip, "xl", "worksheets", "sheet1.xml", parts[2] != NULL ? parts[2] : (const guint8 *) "", sizes[2]);
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  g_object_unref (sink);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ChcXlsxSheet) sheet = NULL;
  g_autoptr(ChcCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  if (size >= 2 && data[0] == 'P' && data[1] == 'K')
    g_assert_true (g_file_set_contents (path, (const char *) data, size, NULL));
  else
    write_workbook (data, size);

  sheet = chc_xlsx_sheet_read (path, NULL, &error);
  g_assert_true ((sheet == NULL) == (error != NULL));
  if (sheet != NULL)
    for (guint i = 0; i < sheet->rows->len; i++)
      {
        ChcXlsxRow *row = g_ptr_array_index (sheet->rows, i);

        g_assert_true (row->number >= 1 && row->number <= CHC_XLSX_MAX_ROWS);
        g_assert_true (row->cells->len <= CHC_CSV_MAX_COLUMNS);
        for (guint c = 0; c < row->cells->len; c++)
          if (g_ptr_array_index (row->cells, c) != NULL)
            g_assert_true (g_utf8_validate (g_ptr_array_index (row->cells, c), -1, NULL));
      }
  g_clear_error (&error);

  reader = chc_csv_reader_new_for_xlsx (path, NULL, "fuzz.xlsx", &error);
  if (reader != NULL)
    while (chc_csv_reader_next_row (reader, NULL, &error))
      for (guint i = 0; i < chc_csv_reader_get_n_cells (reader); i++)
        g_assert_nonnull (chc_csv_reader_get_cell (reader, i));
  return 0;
}
