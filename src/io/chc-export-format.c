/* chc-export-format.c — the format of an exported file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-io"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "chc-export-format.h"

const char *
chc_export_format_to_nick (ChcExportFormat format)
{
  return format == CHC_EXPORT_FORMAT_XLSX ? "xlsx" : "csv";
}

gboolean
chc_export_format_from_nick (const char      *nick,
                             ChcExportFormat *format)
{
  if (nick == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (nick, "csv") == 0)
    *format = CHC_EXPORT_FORMAT_CSV;
  else if (g_ascii_strcasecmp (nick, "xlsx") == 0 || g_ascii_strcasecmp (nick, "excel") == 0)
    *format = CHC_EXPORT_FORMAT_XLSX;
  else
    return FALSE;
  return TRUE;
}

gboolean
chc_export_format_resolve (const char      *nick,
                           const char      *path,
                           ChcExportFormat *format,
                           GError         **error)
{
  g_autofree char *base = path != NULL ? g_path_get_basename (path) : NULL;
  const char *dot = base != NULL ? strrchr (base, '.') : NULL;
  ChcExportFormat asked = CHC_EXPORT_FORMAT_CSV;
  ChcExportFormat by_suffix = CHC_EXPORT_FORMAT_CSV;
  gboolean known_suffix = FALSE;

  if (nick != NULL && !chc_export_format_from_nick (nick, &asked))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown format “%s”: the formats are csv and xlsx."), nick);
      return FALSE;
    }

  if (dot != NULL && dot != base)
    {
      const char *suffix = dot + 1;

      if (g_ascii_strcasecmp (suffix, "xlsx") == 0)
        {
          by_suffix = CHC_EXPORT_FORMAT_XLSX;
          known_suffix = TRUE;
        }
      else if (g_ascii_strcasecmp (suffix, "csv") == 0 || g_ascii_strcasecmp (suffix, "txt") == 0 ||
               g_ascii_strcasecmp (suffix, "tsv") == 0)
        {
          by_suffix = CHC_EXPORT_FORMAT_CSV;
          known_suffix = TRUE;
        }
      else if (g_ascii_strcasecmp (suffix, "xls") == 0 || g_ascii_strcasecmp (suffix, "et") == 0 ||
               g_ascii_strcasecmp (suffix, "ods") == 0 || g_ascii_strcasecmp (suffix, "xlsm") == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s”: this format cannot be written; name the file .xlsx (Excel and WPS open it) or .csv."),
                       base);
          return FALSE;
        }
    }

  if (nick != NULL && known_suffix && asked != by_suffix)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” does not end in .%s, the format asked (%s): a file must be named for what it holds."),
                   base, chc_export_format_to_nick (asked), chc_export_format_to_nick (asked));
      return FALSE;
    }
  *format = nick != NULL ? asked : by_suffix;
  return TRUE;
}
