/* chc-cli-tcm.c — chc-cli tcm: the TCM rollout of a district as TSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <glib/gi18n.h>

#include "chc-cli.h"
#include "core/chc-tcm.h"
#include "store/chc-database-tcm.h"

/* Percent with one decimal ("12.5"), locale-independent; NULL when -1. */
static char *
format_share (double share)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (share < 0)
    return NULL;
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", share));
}

int
chc_cli_tcm (ChcCli  *cli,
             int      argc,
             char   **argv)
{
  g_autofree char *district_name = NULL;
  int year = 0;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("The district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year (default: this year); states and clinics at its end"), N_("YEAR") },
    { NULL }
  };
  static const char *const header[] = {
    "facility_code", "facility_name", "type", "town", "tcm_site_state",
    "specialty_clinics", "demo_status", "demo_year", "tcm_visits",
    "all_visits", "tcm_share",
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *district_share = NULL;

  if (!chc_cli_parse ("tcm", NULL,
                      _("Prints the TCM rollout of a district as TSV: per facility its TCM hall or corner at the end of the year, the specialty clinics open then, its demonstration status and the year’s visits."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;

  if (district_name == NULL)
    {
      g_printerr (_("chc-cli: tcm needs --district.\n"));
      return CHC_CLI_USAGE;
    }
  if (year == 0)
    year = g_date_time_get_year (now);
  if (year < CHC_TCM_EARLIEST_YEAR || year > 2100)
    {
      g_printerr (_("chc-cli: --year %d is not a plausible year.\n"), year);
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

  statuses = chc_database_list_tcm_status (database, chc_district_get_id (district), year, &error);
  if (statuses == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }

  chc_cli_print_row (G_N_ELEMENTS (header), header);
  for (guint i = 0; i < statuses->len; i++)
    {
      ChcTcmStatus *s = g_ptr_array_index (statuses, i);
      ChcFacility *f = chc_tcm_status_get_facility (s);
      g_autofree char *demo_year = NULL;
      g_autofree char *tcm_visits = NULL;
      g_autofree char *all_visits = NULL;
      g_autofree char *share = NULL;
      const char *row[G_N_ELEMENTS (header)];

      if (chc_tcm_status_get_demo_year (s) > 0)
        demo_year = g_strdup_printf ("%d", chc_tcm_status_get_demo_year (s));
      tcm_visits = g_strdup_printf ("%" G_GINT64_FORMAT, chc_tcm_status_get_tcm_visits (s));
      all_visits = g_strdup_printf ("%" G_GINT64_FORMAT, chc_tcm_status_get_all_visits (s));
      share = format_share (chc_tcm_status_get_tcm_share (s));

      row[0] = chc_facility_get_code (f);
      row[1] = chc_facility_get_name (f);
      row[2] = chc_facility_type_to_nick (chc_facility_get_facility_type (f));
      row[3] = chc_facility_get_town_name (f);
      row[4] = chc_tcm_site_state_to_nick (chc_tcm_status_get_site_state (s));
      row[5] = chc_tcm_status_get_specialty_clinics (s);
      row[6] = chc_tcm_demo_status_to_nick (chc_tcm_status_get_demo_status (s));
      row[7] = demo_year;
      row[8] = tcm_visits;
      row[9] = all_visits;
      row[10] = share;
      chc_cli_print_row (G_N_ELEMENTS (row), row);
    }

  district_share = format_share (chc_tcm_district_share (statuses, NULL, NULL));
  if (district_share != NULL)
    g_printerr (_("TCM share of visits in %s, %d: %s%% (sum of TCM visits / sum of all visits).\n"),
                chc_district_get_name (district), year, district_share);
  if (chc_database_get_demo (database))
    g_printerr (_("Demo data: the figures are invented.\n"));
  return CHC_CLI_OK;
}
