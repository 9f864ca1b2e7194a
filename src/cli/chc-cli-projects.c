/* chc-cli-projects.c — `chc-cli projects`: construction projects as TSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <glib/gi18n.h>

#include "chc-cli.h"
#include "core/chc-date.h"
#include "core/chc-project.h"
#include "store/chc-database-projects.h"

int
chc_cli_projects (ChcCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autofree char *district_name = NULL;
  g_autofree char *as_of_text = NULL;
  gboolean late_only = FALSE;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("Only this district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { "late", 0, 0, G_OPTION_ARG_NONE, &late_only, N_("Only projects that are late"), NULL },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Stage and lateness as of this date (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  static const char *const header[] = {
    "project_id", "facility_name", "district", "town", "kind", "plan_year",
    "stage", "late", "days_late", "next_milestone", "next_planned_date",
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GError) error = NULL;
  ChcProjectFilter filter;

  if (!chc_cli_parse ("projects", NULL,
                      _("Prints the construction projects as TSV with a header row: stage, lateness and the next milestone as of a date."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;

  chc_project_filter_init (&filter);
  filter.late_only = late_only;
  if (as_of_text != NULL)
    {
      GDate as_of;

      if (!chc_date_parse (as_of_text, &as_of, &error))
        {
          g_prefix_error (&error, "--as-of: ");
          chc_cli_print_error (error);
          return CHC_CLI_USAGE;
        }
      filter.as_of = g_date_get_julian (&as_of);
    }
  else
    {
      GDate today;

      chc_date_today (&today);
      filter.as_of = g_date_get_julian (&today);
    }

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;

  if (district_name != NULL &&
      (district = chc_cli_find_district (database, district_name)) == NULL)
    return CHC_CLI_USAGE;

  projects = chc_database_list_projects (database,
                                         district ? chc_district_get_id (district) : 0,
                                         &filter, &error);
  if (projects == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }

  chc_cli_print_row (G_N_ELEMENTS (header), header);
  for (guint i = 0; i < projects->len; i++)
    {
      ChcProject *p = g_ptr_array_index (projects, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, chc_project_get_id (p));
      g_autofree char *year = g_strdup_printf ("%d", chc_project_get_plan_year (p));
      g_autofree char *days = NULL;
      g_autofree char *next_date = NULL;
      const char *row[G_N_ELEMENTS (header)];
      ChcProjectStatus status;

      chc_project_evaluate (p, filter.as_of, &status);
      days = g_strdup_printf ("%u", status.days_late);
      if (status.has_next && status.next_planned != 0)
        {
          GDate date;

          g_date_clear (&date, 1);
          g_date_set_julian (&date, status.next_planned);
          next_date = chc_date_to_iso (&date);
        }

      row[0] = id;
      row[1] = chc_project_get_facility_name (p);
      row[2] = chc_project_get_district_name (p);
      row[3] = chc_project_get_town_name (p);
      row[4] = chc_project_kind_to_nick (chc_project_get_kind (p));
      row[5] = year;
      row[6] = chc_project_stage_to_nick (status.stage);
      row[7] = status.late ? "yes" : "no";
      row[8] = days;
      row[9] = status.has_next ? chc_milestone_kind_to_nick (status.next) : NULL;
      row[10] = next_date;
      chc_cli_print_row (G_N_ELEMENTS (row), row);
    }
  return CHC_CLI_OK;
}
