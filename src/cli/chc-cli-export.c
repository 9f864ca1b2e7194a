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
  gboolean english = FALSE;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("Only this district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding_name,
      N_("utf-8 (default, with a BOM for Excel) or gb18030"), N_("ENCODING") },
    { "english-headers", 0, 0, G_OPTION_ARG_NONE, &english,
      N_("Write the English column names and values (default: Chinese)"), NULL },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  ChcCsvExportOptions options;
  ChcCsvKind kind;
  guint64 n_rows = 0;

  if (!chc_cli_parse ("export", _("KIND FILE"),
                      _("Writes the rows of KIND (facilities, signing, tcm or projects) to FILE as CSV: "
                        "comma-separated, UTF-8 with a BOM so that Excel shows Chinese, Chinese headers. "
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
      g_printerr (_("chc-cli export: unknown kind “%s”; the kinds are facilities, signing, tcm and projects.\n"),
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
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Exported %llu row to %s.\n",
                           "Exported %llu rows to %s.\n", n_rows),
              (unsigned long long) n_rows, argv[2]);
  return CHC_CLI_OK;
}
