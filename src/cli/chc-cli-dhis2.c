/* chc-cli-dhis2.c — `chc-cli export dhis2` and `chc-cli import dhis2`:
 * the monthly counts for a DHIS2 server (dataValueSets JSON, DHIS2 CSV,
 * ADX), and a server's dataValueSets back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <string.h>
#include <glib/gi18n.h>

#include "chc-cli.h"
#include "io/chc-dhis2.h"

int
chc_cli_export_dhis2 (ChcCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *district_name = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *mapping_path = NULL;
  g_autofree char *output = NULL;
  int year = 0;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("json (dataValueSets, the default), csv (DHIS2 CSV) or adx (ADX XML); default: from the suffix"), N_("FORMAT") },
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("Only this district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period_text,
      N_("A month (2024-12 or 202412), a quarter (2024Q4) or a year (2024)"), N_("PERIOD") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The whole year (as --period YEAR)"), N_("YEAR") },
    { "mapping", 'm', 0, G_OPTION_ARG_FILENAME, &mapping_path,
      N_("The mapping to DHIS2's data elements, category option combos and org units (default: our own codes)"), N_("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("FILE") },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(ChcDhis2Mapping) mapping = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *period_id = NULL;
  ChcDhis2Format format = CHC_DHIS2_FORMAT_JSON;
  ChcDhis2Period period;
  guint n_values = 0;

  if (!chc_cli_parse ("export dhis2", NULL,
                      _("Writes the monthly counts (family-doctor signing figures, TCM visits; never rates) of a "
                        "period for DHIS2: dataValueSets JSON, DHIS2 CSV or ADX. Over a quarter or a year, counts "
                        "of people are the last reported month's and visits are summed. Without --mapping the data "
                        "elements and org units are our own codes (import them in DHIS2 with idScheme=CODE)."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;

  if (argc == 2 && output == NULL)
    output = g_strdup (argv[1]);
  else if (argc != 1)
    {
      g_printerr (_("chc-cli export dhis2: unexpected argument “%s”.\n"), argv[argc - 1]);
      return CHC_CLI_USAGE;
    }
  if (output == NULL || (period_text == NULL) == (year == 0))
    {
      g_printerr (_("chc-cli export dhis2: give --output and either --period or --year.\n"));
      return CHC_CLI_USAGE;
    }
  if (format_name != NULL && !chc_dhis2_format_from_nick (format_name, &format))
    {
      g_printerr (_("chc-cli export dhis2: --format must be json, csv or adx, not “%s”.\n"), format_name);
      return CHC_CLI_USAGE;
    }
  /* the format follows the suffix when not given; never a mislabelled file */
  {
    const char *dot = strrchr (output, '.');
    ChcDhis2Format by_suffix;

    if (dot != NULL && chc_dhis2_format_from_nick (dot + 1, &by_suffix))
      {
        if (format_name == NULL)
          format = by_suffix;
        else if (by_suffix != format)
          {
            g_printerr (_("chc-cli export dhis2: “%s” does not end in the suffix of the format asked (%s).\n"),
                        output, format_name);
            return CHC_CLI_USAGE;
          }
      }
  }
  if (year != 0)
    period_text = g_strdup_printf ("%d", year);
  if (!chc_dhis2_period_parse (period_text, &period, &error))
    {
      g_printerr ("chc-cli export dhis2: %s\n", error->message);
      return CHC_CLI_USAGE;
    }
  if (mapping_path != NULL && (mapping = chc_dhis2_mapping_load (mapping_path, &error)) == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  if (district_name != NULL &&
      (district = chc_cli_find_district (database, district_name)) == NULL)
    return CHC_CLI_USAGE;

  file = g_file_new_for_commandline_arg (output);
  if (!chc_dhis2_export (database, district != NULL ? chc_district_get_id (district) : 0, &period,
                         mapping, format, file, &n_values, &error))
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  period_id = chc_dhis2_period_to_id (&period);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Exported %u data value of %s to %s.\n",
                           "Exported %u data values of %s to %s.\n", n_values),
              n_values, period_id, output);
  if (mapping == NULL)
    g_printerr (_("The data elements and org units are CHC Monitor's codes: import with idScheme=CODE, "
                  "or give --mapping.\n"));
  if (chc_database_get_demo (database))
    g_printerr (_("Demo data: the figures are invented.\n"));
  return CHC_CLI_OK;
}

int
chc_cli_import_dhis2 (ChcCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autofree char *mapping_path = NULL;
  gboolean check_only = FALSE;
  const GOptionEntry entries[] = {
    { "mapping", 'm', 0, G_OPTION_ARG_FILENAME, &mapping_path,
      N_("The mapping from DHIS2's data elements, category option combos and org units (default: our own codes)"), N_("FILE") },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check_only,
      N_("Check the file and report what would change; write nothing"), NULL },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDhis2Mapping) mapping = NULL;
  g_autoptr(ChcDhis2ImportReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (!chc_cli_parse ("import dhis2", _("FILE.json"),
                      _("Imports a DHIS2 dataValueSets JSON file (monthly values of the signing figures and TCM "
                        "visits, as “chc-cli export dhis2” writes them) through the same checks as a CSV import: "
                        "all or nothing."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (argc != 2)
    {
      g_printerr (_("chc-cli import dhis2: give the FILE.\n"));
      return CHC_CLI_USAGE;
    }
  if (mapping_path != NULL && (mapping = chc_dhis2_mapping_load (mapping_path, &error)) == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  file = g_file_new_for_commandline_arg (argv[1]);
  report = chc_dhis2_import (database, file, mapping, check_only, &error);
  if (report == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  for (guint i = 0; i < report->problems->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (report->problems, i));
  if (report->problems->len > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s: %u problem; nothing was imported.\n",
                               "%s: %u problems; nothing was imported.\n", report->problems->len),
                  argv[1], report->problems->len);
      return CHC_CLI_DATA_PROBLEMS;
    }
  g_printerr (report->written
              ? _("%s: %u data values: %llu rows inserted, %llu updated, %llu unchanged.\n")
              : _("%s: %u data values checked, nothing written: %llu rows would be inserted, %llu updated, %llu unchanged.\n"),
              argv[1], report->n_values, (unsigned long long) report->inserted,
              (unsigned long long) report->updated, (unsigned long long) report->unchanged);
  return CHC_CLI_OK;
}
