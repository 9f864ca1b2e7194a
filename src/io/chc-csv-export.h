/* chc-csv-export.h — CSV files that Excel opens and that import back
 * unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/chc-database.h"
#include "chc-csv-columns.h"
#include "chc-csv-reader.h"

G_BEGIN_DECLS

typedef struct
{
  ChcCsvEncoding  encoding;         /* UTF8 (with a BOM, for Excel; the default) or GB18030 */
  gint64          district_id;      /* 0: every district */
  gboolean        english_headers;  /* the English column names and the
                                       enumerations' nicks; default: the
                                       Chinese headers and names */
  /* A view's filters (the application's Export CSV…); NULL / 0: all. */
  GHashTable     *facility_ids;     /* gint64 ids (g_int64_hash) of the facilities */
  GHashTable     *project_ids;      /* gint64 ids of the projects (kind projects) */
  int             year;             /* monthly kinds: that year's months only */
} ChcCsvExportOptions;

void      chc_csv_export_options_init (ChcCsvExportOptions       *options);

/* Writes the rows of @kind to @file (replaced atomically: on failure the
 * old file stays).  Comma-separated, CRLF line ends, quoted where needed.
 * @n_rows (optional) receives the number of data rows written. */
gboolean  chc_csv_export              (ChcDatabase               *database,
                                       ChcCsvKind                 kind,
                                       GFile                     *file,
                                       const ChcCsvExportOptions *options,
                                       GCancellable              *cancellable,
                                       guint64                   *n_rows,
                                       GError                   **error);
gboolean  chc_csv_export_stream       (ChcDatabase               *database,
                                       ChcCsvKind                 kind,
                                       GOutputStream             *stream,
                                       const ChcCsvExportOptions *options,
                                       GCancellable              *cancellable,
                                       guint64                   *n_rows,
                                       GError                   **error);

G_END_DECLS
