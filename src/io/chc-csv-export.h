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
#include "chc-export-format.h"

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
  ChcExportFormat format;           /* CSV (the default) or XLSX: one sheet with
                                       a title row (kind, district, period,
                                       demo data) above the header; @encoding
                                       is then unused */
  /* GB18030 only: when not NULL, receives (char *) one line per value
   * that has a character outside GBK (software that reads the file as
   * GBK cannot read it): "row N, column: “value”". */
  GPtrArray      *outside_gbk;
  /* Kind values: only this data element (its code); NULL: every one. */
  const char     *element;
} ChcCsvExportOptions;

void      chc_csv_export_options_init (ChcCsvExportOptions       *options);

/* Writes the rows of @kind to @file (replaced atomically: on failure the
 * old file stays).  Comma-separated, CRLF line ends, quoted where needed;
 * a text a spreadsheet would take for a formula ("=…", "+…", "-…", "@…")
 * gets a "'" before it, which import takes away (chc_text_guard()).
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

/* A short title of @kind (an Excel sheet's name): "Family-doctor signing". */
const char *chc_csv_kind_title        (ChcCsvKind                 kind);
/* The title row of an Excel export: the kind, the district (or all), the
 * year when one is chosen, and "demo data" for the demo database. */
char     *chc_csv_export_title        (ChcDatabase               *database,
                                       ChcCsvKind                 kind,
                                       const ChcCsvExportOptions *options);

G_END_DECLS
