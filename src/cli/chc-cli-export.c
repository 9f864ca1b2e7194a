/* chc-cli-export.c — `chc-cli export KIND FILE`: CSV for Excel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <glib/gi18n.h>

#include "chc-cli.h"
#include "io/chc-csv-export.h"

int
chc_cli_export (ChcCli  *cli,
                int      argc,
                char   **argv)
{
  g_autofree char *district_name = NULL;
  g_autofree char *encoding_name = NULL;
  g_autofree char *format_name = NULL;
  gboolean english = FALSE;
  g_autofree char *element = NULL;
  const GOptionEntry entries[] = {
    { "element", 0, 0, G_OPTION_ARG_STRING, &element,
      N_("Kind values: only this data element (its code)"), N_("CODE") },
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("Only this district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding_name,
      N_("utf-8 (default, with a BOM for Excel) or gb18030"), N_("ENCODING") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("csv or xlsx (Excel and WPS); default: from the FILE's suffix (.xlsx or .csv)"), N_("FORMAT") },
    { "english-headers", 0, 0, G_OPTION_ARG_NONE, &english,
      N_("Write the English column names and values (default: Chinese)"), NULL },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outside_gbk = g_ptr_array_new_with_free_func (g_free);
  ChcCsvExportOptions options;
  ChcCsvKind kind;
  guint64 n_rows = 0;

  if (argc >= 2 && g_str_equal (argv[1], "dhis2"))
    return chc_cli_export_dhis2 (cli, argc - 1, argv + 1);

  if (!chc_cli_parse ("export", _("KIND FILE"),
                      _("Writes the rows of KIND (facilities, signing, tcm, projects or values) to FILE as CSV: "
                        "comma-separated, UTF-8 with a BOM so that Excel shows Chinese, Chinese headers; "
                        "or, for a FILE named .xlsx or with --format xlsx, as an Excel workbook with a title row. "
                        "The file imports back unchanged with “chc-cli import”."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;

  if (argc != 3)
    {
      g_printerr (_("chc-cli export: give the KIND and the FILE (see chc-cli export --help).\n"));
      return CHC_CLI_USAGE;
    }
  if (!chc_csv_kind_from_nick (argv[1], &kind))
    {
      g_printerr (_("chc-cli export: unknown kind “%s”; the kinds are facilities, signing, tcm, projects and values.\n"),
                  argv[1]);
      return CHC_CLI_USAGE;
    }

  chc_csv_export_options_init (&options);
  if (encoding_name != NULL &&
      (!chc_csv_encoding_from_nick (encoding_name, &options.encoding) ||
       (options.encoding != CHC_CSV_ENCODING_UTF8 && options.encoding != CHC_CSV_ENCODING_GB18030)))
    {
      g_printerr (_("chc-cli export: --encoding must be utf-8 or gb18030, not “%s”.\n"), encoding_name);
      return CHC_CLI_USAGE;
    }
  options.english_headers = english;
  options.element = element;
  options.outside_gbk = outside_gbk;
  if (!chc_export_format_resolve (format_name, argv[2], &options.format, &error))
    {
      g_printerr ("chc-cli export: %s\n", error->message);
      return CHC_CLI_USAGE;
    }
  if (options.format == CHC_EXPORT_FORMAT_XLSX && encoding_name != NULL)
    {
      g_printerr (_("chc-cli export: --encoding is for CSV files; an Excel file is always Unicode.\n"));
      return CHC_CLI_USAGE;
    }

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  if (district_name != NULL)
    {
      district = chc_cli_find_district (database, district_name);
      if (district == NULL)
        return CHC_CLI_USAGE;
      options.district_id = chc_district_get_id (district);
    }

  file = g_file_new_for_commandline_arg (argv[2]);
  if (!chc_csv_export (database, kind, file, &options, NULL, &n_rows, &error))
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  if (outside_gbk->len > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "Warning: %u value has a character outside GBK; software that reads the file as GBK "
                               "will show it wrong. Export as UTF-8 with a BOM (the default) to keep it:\n",
                               "Warning: %u values have a character outside GBK; software that reads the file as GBK "
                               "will show them wrong. Export as UTF-8 with a BOM (the default) to keep them:\n",
                               outside_gbk->len),
                  outside_gbk->len);
      for (guint i = 0; i < outside_gbk->len; i++)
        g_printerr ("  %s\n", (const char *) g_ptr_array_index (outside_gbk, i));
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Exported %llu row to %s.\n",
                           "Exported %llu rows to %s.\n", n_rows),
              (unsigned long long) n_rows, argv[2]);
  return CHC_CLI_OK;
}
