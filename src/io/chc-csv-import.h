/* chc-csv-import.h — all-or-nothing import of a CSV file of one kind.
 *
 * The whole file is checked first: its format, the facility of every row,
 * every rule of the kind (the same rule functions as on-screen entry).  If
 * anything is wrong nothing is written and the report lists the problems
 * (FILE:LINE:COLUMN: message).  Otherwise the file is applied in one
 * transaction as an upsert: a row equal to the stored one is "unchanged",
 * so importing the same file twice changes nothing the second time.
 * Warnings stop the import too unless accept_warnings is set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/chc-database.h"
#include "chc-csv-columns.h"
#include "chc-csv-reader.h"
#include "chc-csv-report.h"

G_BEGIN_DECLS

typedef struct
{
  ChcCsvEncoding  encoding;         /* AUTO: detect */
  char            delimiter;        /* 0: detect (comma, tab or semicolon) */
  gboolean        accept_warnings;  /* write even when there are warnings */
  gboolean        check_only;       /* check everything, write nothing */
  const char     *file_name;        /* the name in messages; NULL: the file's path */
  const char     *sheet;            /* an Excel workbook (.xlsx): the sheet to
                                       read; NULL: the first */
  const ChcCsvMapping *mapping;     /* the columns as the user mapped them (the
                                       import assistant), for a header of as
                                       many columns; NULL: match the headers */
  /* chc_csv_import_async(): called in the caller's main context, with the
   * progress function's user data, about once a second while the import
   * waits for another program to finish writing to the database (it
   * waits until then, or until cancelled); NULL: not told. */
  void          (*waiting) (guint waited_s, gpointer user_data);
} ChcCsvImportOptions;

/* Called every few thousand rows: rows read (header included), bytes read
 * and the file's size (0 when unknown).  From chc_csv_import_async() it is
 * called in the caller's main context. */
typedef void (*ChcCsvProgressFunc) (guint64  rows,
                                    guint64  bytes_read,
                                    guint64  bytes_total,
                                    gpointer user_data);

void           chc_csv_import_options_init (ChcCsvImportOptions *options);

/* Imports @file into @database (blocking; chc-cli uses it).  A file named
 * .xlsx (or a zip file) is read as an Excel workbook: the rows of one
 * sheet, through the same mapping and checks, problems told as
 * FILE:SHEET:ROW:COLUMN.  Returns the
 * report — check report->n_errors, n_warnings and written — or NULL with
 * @error when the file or the database cannot be read or written, or when
 * @cancellable was cancelled (G_IO_ERROR_CANCELLED); in every one of those
 * cases nothing was written. */
ChcCsvReport  *chc_csv_import              (ChcDatabase               *database,
                                            ChcCsvKind                 kind,
                                            GFile                     *file,
                                            const ChcCsvImportOptions *options,
                                            GCancellable              *cancellable,
                                            ChcCsvProgressFunc         progress,
                                            gpointer                   progress_data,
                                            GError                   **error);
/* The same from a stream (@size: its length for progress, or 0). */
ChcCsvReport  *chc_csv_import_stream       (ChcDatabase               *database,
                                            ChcCsvKind                 kind,
                                            GInputStream              *stream,
                                            guint64                    size,
                                            const ChcCsvImportOptions *options,
                                            GCancellable              *cancellable,
                                            ChcCsvProgressFunc         progress,
                                            gpointer                   progress_data,
                                            GError                   **error);

/* Runs chc_csv_import() in a worker thread with its own connection to
 * @database's file (SQLite connections are not shared across threads).
 * @progress (may be NULL) and @callback get @user_data; @progress is
 * called in the thread-default main context of the caller, never after
 * chc_csv_import_finish(). */
void           chc_csv_import_async        (ChcDatabase               *database,
                                            ChcCsvKind                 kind,
                                            GFile                     *file,
                                            const ChcCsvImportOptions *options,
                                            GCancellable              *cancellable,
                                            ChcCsvProgressFunc         progress,
                                            GAsyncReadyCallback        callback,
                                            gpointer                   user_data);
/* When the import wrote something, emits ChcDatabase::changed on
 * @database for the table written (the worker's connection is another
 * object), so that models over @database reload. */
ChcCsvReport  *chc_csv_import_finish       (ChcDatabase               *database,
                                            GAsyncResult              *result,
                                            GError                   **error);

/* The table a kind writes ("facility", "signing", "tcm", "project"). */
const char    *chc_csv_kind_get_table      (ChcCsvKind                 kind);

G_END_DECLS
