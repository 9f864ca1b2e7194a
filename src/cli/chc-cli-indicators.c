/* chc-cli-indicators.c — chc-cli indicators: a district's plan evaluated
 * for a year.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <glib/gi18n.h>

#include "chc-cli.h"
#include "store/chc-database-plans.h"

int
chc_cli_indicators (ChcCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autofree char *district_name = NULL;
  int year = 0;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("The district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The plan year"), N_("YEAR") },
    { NULL }
  };
  static const char *const header[] = {
    "code", "name", "unit", "value", "target", "status",
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  if (!chc_cli_parse ("indicators", NULL,
                      _("Prints every indicator of the district’s plan for the year as TSV: "
                        "value, target and status (met, behind, no-data; no-target when the "
                        "plan sets no target for that year)."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;

  if (district_name == NULL || year == 0)
    {
      g_printerr (_("chc-cli: indicators needs --district and --year.\n"));
      return CHC_CLI_USAGE;
    }
  if (year < 1990 || year > 2100)
    {
      g_printerr (_("chc-cli: %d is not a plausible year.\n"), year);
      return CHC_CLI_USAGE;
    }

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;

  district = chc_cli_find_district (database, district_name);
  {
    g_autofree char *year_text = g_strdup_printf ("%d", year);

    chc_cli_listing_set_period (year_text);
  }
  if (district == NULL)
    return CHC_CLI_USAGE;

  results = chc_database_evaluate_plan (database, chc_district_get_id (district), year, &error);
  if (results == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }

  if (chc_database_get_demo (database))
    g_printerr (_("Demo data: the figures are invented.\n"));
  if (results->len == 0)
    g_printerr (_("No plan of %s covers %d.\n"), chc_district_get_name (district), year);

  chc_cli_print_row (G_N_ELEMENTS (header), header);
  for (guint i = 0; i < results->len; i++)
    {
      ChcIndicatorResult *result = g_ptr_array_index (results, i);
      ChcIndicator *indicator = chc_indicator_result_get_indicator (result);
      g_autofree char *value = chc_indicator_result_dup_value_text (result);
      g_autofree char *target = chc_indicator_result_dup_target_text (result);
      const char *row[G_N_ELEMENTS (header)];

      row[0] = chc_indicator_get_code (indicator);
      row[1] = chc_indicator_get_display_name (indicator);
      row[2] = chc_indicator_unit_to_nick (chc_indicator_get_unit (indicator));
      row[3] = value;
      row[4] = target;
      row[5] = chc_indicator_status_to_nick (chc_indicator_result_get_status (result));
      chc_cli_print_row (G_N_ELEMENTS (row), row);
    }
  return CHC_CLI_OK;
}
