/* chc-cli-template.c — `chc-cli template`: an Excel/WPS entry template a
 * centre fills in, which `chc-cli import` reads back as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <glib/gi18n.h>

#include "chc-cli.h"
#include "core/chc-signing.h"
#include "io/chc-export-format.h"
#include "io/chc-template.h"

int
chc_cli_template (ChcCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autofree char *data_set = NULL;
  g_autofree char *centre_name = NULL;
  g_autofree char *period = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "dataset", 's', 0, G_OPTION_ARG_STRING, &data_set, N_("The data set: signing (the family-doctor signing figures)"), N_("SET") },
    { "centre", 'c', 0, G_OPTION_ARG_STRING, &centre_name, N_("The centre (code or name); its branch centres are included"), N_("CENTRE") },
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period, N_("The month, as YYYY-MM"), N_("YYYY-MM") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The Excel file to write (.xlsx)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcFacility) centre = NULL;
  g_autoptr(GError) error = NULL;
  ChcExportFormat format;
  guint n_rows = 0;

  if (!chc_cli_parse ("template", NULL,
                      _("Writes an Excel/WPS entry template for a centre and a month: its facilities as rows, the "
                        "data set's figures as columns to fill in (with Excel's checks of the bounds), headers "
                        "and keys locked. The filled-in file imports back as it is with “chc-cli import signing FILE”."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (data_set == NULL || centre_name == NULL || period == NULL || output == NULL)
    {
      g_printerr (_("chc-cli template: give --dataset, --centre, --period and --output.\n"));
      return CHC_CLI_USAGE;
    }
  if (!chc_template_data_set_from_nick (data_set))
    {
      g_printerr (_("chc-cli template: unknown data set “%s”; the data set with a template is signing.\n"), data_set);
      return CHC_CLI_USAGE;
    }
  if (!chc_signing_period_parse (period, NULL, NULL))
    {
      g_printerr (_("chc-cli template: “%s” is not a month: write it as YYYY-MM, for example 2025-06.\n"), period);
      return CHC_CLI_USAGE;
    }
  if (!chc_export_format_resolve ("xlsx", output, &format, &error))
    {
      g_printerr ("chc-cli template: %s\n", error->message);
      return CHC_CLI_USAGE;
    }

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  centre = chc_cli_find_centre (database, centre_name, 0);
  if (centre == NULL)
    return CHC_CLI_USAGE;
  if (!chc_template_write_signing (database, centre, period, output, &n_rows, &error))
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Wrote the template of %u facility to %s.\n",
                           "Wrote the template of %u facilities to %s.\n", n_rows),
              n_rows, output);
  return CHC_CLI_OK;
}
