/* chc-export-format.h — the file formats of exports and listings (CSV,
 * Excel), chosen by --format or by the file's suffix, never mislabelled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CHC_EXPORT_FORMAT_CSV,
  CHC_EXPORT_FORMAT_XLSX,
} ChcExportFormat;

/* "csv", "xlsx". */
const char *chc_export_format_to_nick   (ChcExportFormat  format);
gboolean    chc_export_format_from_nick (const char      *nick,
                                         ChcExportFormat *format);
/* The format of @path: given by @nick (--format, may be NULL) or, without
 * it, by the suffix (.xlsx: Excel; .csv, .txt or none: CSV).  A suffix
 * that names another format than @nick (file.csv with xlsx, file.xlsx
 * with csv), an unknown @nick or a spreadsheet suffix that cannot be
 * written (.xls, .et, .ods) is an error (G_IO_ERROR_INVALID_ARGUMENT). */
gboolean    chc_export_format_resolve   (const char      *nick,
                                         const char      *path,
                                         ChcExportFormat *format,
                                         GError         **error);

G_END_DECLS
