/* chc-xlsx-writer.h — Excel/WPS workbooks (.xlsx) of tables, over
 * libxlsxwriter: a title row, a bold header row that stays in view,
 * number formats, column widths that fit Chinese text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  CHC_XLSX_CELL_TEXT,      /* a string cell, never a formula */
  CHC_XLSX_CELL_COUNT,     /* whole number, thousands separators: 12,345 */
  CHC_XLSX_CELL_NUMBER,    /* number with one or two decimals: 1,234.5 */
  CHC_XLSX_CELL_PERCENT,   /* a fraction shown as a one-decimal percent: 85.3% */
  CHC_XLSX_CELL_YEAR,      /* a year, without separator: 2025 */
  CHC_XLSX_CELL_DATE,      /* a date cell shown as yyyy-mm-dd */
} ChcXlsxCellType;

typedef struct _ChcXlsxWriter ChcXlsxWriter;

/* A new workbook written to @path when closed (through a temporary file
 * beside it: on failure @path is left as it was). */
ChcXlsxWriter *chc_xlsx_writer_new        (const char          *path,
                                           GError             **error);
/* Starts a sheet: @name (cut to Excel's 31 characters, characters Excel
 * refuses replaced), @title (may be NULL: no title row) written in the
 * first row, then the header row (@headers, frozen). */
gboolean       chc_xlsx_writer_add_sheet  (ChcXlsxWriter       *self,
                                           const char          *name,
                                           const char          *title,
                                           guint                n_columns,
                                           const char *const   *headers,
                                           GError             **error);
/* Cells of the current row, left to right.  NULL text is an empty cell. */
void           chc_xlsx_writer_text       (ChcXlsxWriter       *self,
                                           const char          *text);
void           chc_xlsx_writer_number     (ChcXlsxWriter       *self,
                                           double               value,
                                           ChcXlsxCellType      type);
void           chc_xlsx_writer_date       (ChcXlsxWriter       *self,
                                           int                  year,
                                           int                  month,
                                           int                  day);
/* @text (as a CSV or TSV cell would hold it) written as @type: a number
 * or date when it reads as one, else as text. */
void           chc_xlsx_writer_typed_text (ChcXlsxWriter       *self,
                                           const char          *text,
                                           ChcXlsxCellType      type);
gboolean       chc_xlsx_writer_end_row    (ChcXlsxWriter       *self,
                                           GError             **error);

/* Entry sheets: the cells written while @input is TRUE are unlocked and
 * shaded (empty ones too), for chc_xlsx_writer_protect(). */
void           chc_xlsx_writer_set_input  (ChcXlsxWriter       *self,
                                           gboolean             input);
/* The 0-based row the next cells go to. */
guint          chc_xlsx_writer_get_row    (ChcXlsxWriter       *self);
/* Excel data validation of the 0-based rows @first_row–@last_row of
 * @column: a whole number from 0, and at most the value of column
 * @at_most_column of the same row (-1: no such limit); @title and
 * @message are shown when a cell is chosen and when a value is refused. */
gboolean       chc_xlsx_writer_validate_count (ChcXlsxWriter   *self,
                                           guint                first_row,
                                           guint                last_row,
                                           guint                column,
                                           int                  at_most_column,
                                           const char          *title,
                                           const char          *message,
                                           GError             **error);
/* Protects the current sheet: only the input cells can be changed. */
void           chc_xlsx_writer_protect    (ChcXlsxWriter       *self);
/* Writes the file.  Frees nothing: call chc_xlsx_writer_free(). */
gboolean       chc_xlsx_writer_close      (ChcXlsxWriter       *self,
                                           GError             **error);
/* Frees the writer; a workbook not closed is discarded. */
void           chc_xlsx_writer_free       (ChcXlsxWriter       *self);

/* The display width of @text in Excel's character units (a CJK or
 * full-width character counts two). */
guint          chc_xlsx_text_width        (const char          *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcXlsxWriter, chc_xlsx_writer_free)

G_END_DECLS
