/* chc-csv-reader.h — streaming CSV reader over libcsv: encoding and
 * delimiter detection, line and column of every cell, hard limits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CHC_CSV_ERROR (chc_csv_error_quark ())

typedef enum
{
  CHC_CSV_ERROR_ENCODING,  /* bytes that are invalid in the file's encoding */
  CHC_CSV_ERROR_FORMAT,    /* a NUL byte, an unbalanced quote */
  CHC_CSV_ERROR_TOO_BIG,   /* a field, a row or a column count beyond the limits */
  CHC_CSV_ERROR_DATA,      /* the importer found data problems: nothing written */
} ChcCsvError;

typedef enum
{
  CHC_CSV_ENCODING_AUTO,     /* UTF-8 (with or without BOM), else GB18030 */
  CHC_CSV_ENCODING_UTF8,
  CHC_CSV_ENCODING_GB18030,  /* also reads GBK and GB2312 */
  CHC_CSV_ENCODING_UTF16LE,  /* detected from a BOM only ("Unicode text") */
  CHC_CSV_ENCODING_UTF16BE,
} ChcCsvEncoding;

/* Limits: beyond them the file is refused with CHC_CSV_ERROR_TOO_BIG. */
#define CHC_CSV_MAX_FIELD_BYTES (1024 * 1024)
#define CHC_CSV_MAX_ROW_BYTES   (4 * 1024 * 1024)
#define CHC_CSV_MAX_COLUMNS     1000

GQuark          chc_csv_error_quark           (void);

/* "auto", "utf-8", "gb18030", "utf-16le", "utf-16be". */
const char     *chc_csv_encoding_to_nick      (ChcCsvEncoding  encoding);
/* Accepts the nicks, any case, "utf8", and "gbk" / "gb2312" (read as
 * GB18030, their superset). */
gboolean        chc_csv_encoding_from_nick    (const char     *nick,
                                               ChcCsvEncoding *encoding);

typedef struct _ChcCsvReader ChcCsvReader;

/* Reads @stream (not closed by the reader) as CSV.  @file_name names the
 * file in messages.  @encoding AUTO detects it; @delimiter 0 detects
 * comma, tab or semicolon from the first line. */
ChcCsvReader   *chc_csv_reader_new            (GInputStream   *stream,
                                               const char     *file_name,
                                               ChcCsvEncoding  encoding,
                                               char            delimiter);
/* Reads the sheet @sheet_name (NULL: the first) of the Excel workbook
 * @path (chc-xlsx-reader.h) as the rows of a CSV file: the same cells,
 * lines being the sheet's row numbers; its file name (in messages) is
 * "@file_name:SHEET".  Title rows above the header (a
 * single cell) are skipped; merged cells at or below the header are an
 * error at their first cell.  Returns NULL with @error when the file is
 * no workbook, has no such sheet or is beyond the limits. */
ChcCsvReader   *chc_csv_reader_new_for_xlsx   (const char     *path,
                                               const char     *sheet_name,
                                               const char     *file_name,
                                               GError        **error);
void            chc_csv_reader_free           (ChcCsvReader   *self);

/* Advances to the next row that is not blank (blank lines and lines of
 * empty cells are skipped).  Returns TRUE when a row is available; FALSE
 * at the end (no error) or on an error (CHC_CSV_ERROR, whose message
 * does not name the file: see chc_csv_reader_get_error_position(), or a
 * GIOError).  After an error it keeps failing with the same error. */
gboolean        chc_csv_reader_next_row       (ChcCsvReader   *self,
                                               GCancellable   *cancellable,
                                               GError        **error);

/* The current row: its cells (UTF-8, NUL-terminated, unquoted), the line
 * each begins on (1-based) and its column (index + 1). */
guint           chc_csv_reader_get_n_cells    (ChcCsvReader   *self);
const char     *chc_csv_reader_get_cell       (ChcCsvReader   *self,
                                               guint           index);
gsize           chc_csv_reader_get_cell_length (ChcCsvReader  *self,
                                               guint           index);
guint           chc_csv_reader_get_cell_line  (ChcCsvReader   *self,
                                               guint           index);
/* The line the current row begins on. */
guint           chc_csv_reader_get_line       (ChcCsvReader   *self);
/* Rows returned so far (the header included). */
guint64         chc_csv_reader_get_n_rows     (ChcCsvReader   *self);

/* Where the last CHC_CSV_ERROR happened (line and column, 1-based). */
void            chc_csv_reader_get_error_position (ChcCsvReader *self,
                                               guint          *line,
                                               guint          *column);

const char     *chc_csv_reader_get_file_name  (ChcCsvReader   *self);
/* The encoding read (AUTO until it is known: after the first row it is). */
ChcCsvEncoding  chc_csv_reader_get_encoding   (ChcCsvReader   *self);
gboolean        chc_csv_reader_get_had_bom    (ChcCsvReader   *self);
/* The delimiter used (0 until the first row was read). */
char            chc_csv_reader_get_delimiter  (ChcCsvReader   *self);
guint64         chc_csv_reader_get_bytes_read (ChcCsvReader   *self);
/* An Excel workbook's sheets (chc_csv_reader_new_for_xlsx()), else NULL. */
const char *const *chc_csv_reader_get_sheet_names (ChcCsvReader *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcCsvReader, chc_csv_reader_free)

/* The first rows of a file as the import would read them (the import
 * assistant's preview): rows[0] is the header. */
typedef struct
{
  ChcCsvEncoding  encoding;    /* as read (detected when AUTO was asked) */
  char            delimiter;   /* as read */
  GPtrArray      *rows;        /* (element-type GStrv) */
  char          **sheet_names; /* an Excel workbook: its sheets; NULL for CSV */
  char           *sheet;       /* an Excel workbook: the sheet read */
} ChcCsvPreview;

ChcCsvPreview  *chc_csv_preview_read          (GFile          *file,
                                               ChcCsvEncoding  encoding,
                                               char            delimiter,
                                               guint           max_rows,
                                               GError        **error);
/* The same, for an Excel workbook (a .xlsx or zip file) the sheet
 * @sheet (NULL: the first); @encoding and @delimiter are for CSV. */
ChcCsvPreview  *chc_csv_preview_read_sheet    (GFile          *file,
                                               ChcCsvEncoding  encoding,
                                               char            delimiter,
                                               const char     *sheet,
                                               guint           max_rows,
                                               GError        **error);
void            chc_csv_preview_free          (ChcCsvPreview  *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcCsvPreview, chc_csv_preview_free)

G_END_DECLS
