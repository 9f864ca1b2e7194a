/* chc-xlsx-reader.h — one sheet of an Excel/WPS workbook (.xlsx) as rows
 * of text cells, for the import: the zip container read by libgsf, the
 * sheet, shared strings and styles by libxml2.  The file is untrusted:
 * sizes are limited before anything is decompressed or parsed (a "zip
 * bomb" is refused), no DTD, no network, no entity expansion.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Limits: beyond them the file is refused (CHC_CSV_ERROR_TOO_BIG). */
#define CHC_XLSX_MAX_PART_BYTES    (256 * 1024 * 1024)  /* a sheet or the shared strings, decompressed */
#define CHC_XLSX_MAX_SMALL_PART    (4 * 1024 * 1024)    /* workbook, relations, styles */
#define CHC_XLSX_MAX_STRINGS       (4 * 1024 * 1024)    /* shared strings */
#define CHC_XLSX_MAX_ROWS          1048576              /* Excel's own limit */

typedef struct
{
  guint      number;   /* the sheet's row number (1-based, as Excel shows it) */
  GPtrArray *cells;    /* (element-type utf8): index = column - 1; NULL: empty */
} ChcXlsxRow;

typedef struct
{
  guint first_row, first_column, last_row, last_column;   /* 1-based */
} ChcXlsxRange;

typedef struct
{
  char      *name;         /* the sheet read */
  char     **sheet_names;  /* every sheet of the workbook, in order */
  GPtrArray *rows;         /* (element-type ChcXlsxRow): rows with a cell, in order */
  GArray    *merges;       /* (element-type ChcXlsxRange): merged cells */
} ChcXlsxSheet;

/* Reads the sheet @sheet_name of the workbook @path (NULL: the first).
 * Cells are the text Excel shows for a General cell: strings as written,
 * numbers in their shortest form ("36233", "0.467"), dates (a number
 * cell with a date format) as YYYY-MM-DD, booleans as 1 and 0, errors as
 * "#N/A".  Errors: CHC_CSV_ERROR_FORMAT (not a workbook, no such sheet,
 * damaged XML), CHC_CSV_ERROR_TOO_BIG, G_IO_ERROR. */
ChcXlsxSheet *chc_xlsx_sheet_read       (const char    *path,
                                         const char    *sheet_name,
                                         GError       **error);
/* The same, handing each row to @row_func as it is read (it must not keep
 * @row): the sheet's rows stay empty, its merges are there at the end.
 * For large sheets. */
typedef void (*ChcXlsxRowFunc) (ChcXlsxRow *row,
                                gpointer    user_data);
ChcXlsxSheet *chc_xlsx_sheet_read_rows  (const char     *path,
                                         const char     *sheet_name,
                                         ChcXlsxRowFunc  row_func,
                                         gpointer        user_data,
                                         GError        **error);
void          chc_xlsx_sheet_free       (ChcXlsxSheet  *sheet);

/* A sheet read row by row, as the import asks for them (a large sheet is
 * never held whole).  chc_xlsx_stream_open() reads the workbook, its
 * shared strings and styles and finds the sheet (errors as above);
 * chc_xlsx_stream_next_row() gives the next row (transfer full), NULL at
 * the end or with @error (which it keeps giving).  The stream's sheet has
 * the name and sheet names from the start, the merged ranges once the
 * rows are all read (the XML lists them after the rows). */
typedef struct _ChcXlsxStream ChcXlsxStream;

ChcXlsxStream      *chc_xlsx_stream_open      (const char     *path,
                                               const char     *sheet_name,
                                               GError        **error);
ChcXlsxRow         *chc_xlsx_stream_next_row  (ChcXlsxStream  *self,
                                               GError        **error);
const ChcXlsxSheet *chc_xlsx_stream_get_sheet (ChcXlsxStream  *self);
void                chc_xlsx_stream_free      (ChcXlsxStream  *self);
void          chc_xlsx_row_free         (ChcXlsxRow    *row);

/* TRUE when @file is named .xlsx or begins as a zip file does. */
gboolean      chc_xlsx_file_is_xlsx     (GFile         *file);

/* The serial day number of Excel's 1900 (or 1904) date system as a date,
 * "YYYY-MM-DD"; NULL out of 1900–9999. */
char         *chc_xlsx_serial_to_date   (double         serial,
                                         gboolean       date1904);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcXlsxSheet, chc_xlsx_sheet_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcXlsxRow, chc_xlsx_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcXlsxStream, chc_xlsx_stream_free)

G_END_DECLS
