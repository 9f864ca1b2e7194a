/* chc-cli-indicators.c — chc-cli indicators: a district's plan evaluated
 * for a year.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <glib/gi18n.h>

#include "chc-cli.h"
#include "store/chc-database-plans.h"

/* Each facility's row of the indicators with a target for each facility. */
static int
print_by_facility (ChcDatabase        *database,
                   GPtrArray          *results,
                   guint               n_columns,
                   const char * const *header)
{
  chc_cli_print_row (n_columns, header);
  for (guint i = 0; i < results->len; i++)
    {
      ChcIndicatorResult *result = g_ptr_array_index (results, i);
      ChcIndicator *indicator = chc_indicator_result_get_indicator (result);
      GArray *values = chc_indicator_result_get_facility_values (result);
      g_autofree char *target = chc_indicator_result_dup_target_text (result);

      for (guint f = 0; values != NULL && f < values->len; f++)
        {
          const ChcFacilityResult *r = &g_array_index (values, ChcFacilityResult, f);
          g_autoptr(ChcFacility) facility = chc_database_get_facility (database, r->facility_id, NULL);
          g_autofree char *value = chc_format_value (chc_indicator_get_unit (indicator), r->value);
          const char *row[7];

          row[0] = chc_indicator_get_code (indicator);
          row[1] = facility != NULL ? chc_facility_get_code (facility) : "";
          row[2] = facility != NULL ? chc_facility_get_name (facility) : "";
          row[3] = chc_indicator_unit_to_nick (chc_indicator_get_unit (indicator));
          row[4] = value;
          row[5] = target;
          row[6] = chc_indicator_status_to_nick (r->status);
          chc_cli_print_row (G_N_ELEMENTS (row), row);
        }
    }
  return CHC_CLI_OK;
}

int
chc_cli_indicators (ChcCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autofree char *district_name = NULL;
  int year = 0;
  gboolean by_facility = FALSE;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("The district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The plan year"), N_("YEAR") },
    { "by-facility", 0, 0, G_OPTION_ARG_NONE, &by_facility,
      N_("For the indicators whose target holds for each facility, list each facility’s value and status"), NULL },
    { NULL }
  };
  static const char *const header[] = {
    "code", "name", "unit", "value", "target", "status", "source", "note",
  };
  static const char *const facility_header[] = {
    "code", "facility_code", "facility_name", "unit", "value", "target", "status",
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  if (!chc_cli_parse ("indicators", NULL,
                      _("Prints every indicator of the district’s plan for the year as TSV: "
                        "value, target and status (met, behind, no-data; no-target when the "
                        "plan sets no target for that year), where it comes from (the seed "
                        "file and clause) and why an indicator has no value.  With --by-facility: "
                        "each facility’s value of the indicators whose target holds for each "
                        "facility."),
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

  if (by_facility)
    return print_by_facility (database, results, G_N_ELEMENTS (facility_header), facility_header);

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
      row[6] = chc_indicator_get_source (indicator);
      row[7] = chc_indicator_result_get_note (result);
      chc_cli_print_row (G_N_ELEMENTS (row), row);
    }
  return CHC_CLI_OK;
}
