/* bench-projects.c — construction projects at city scale: adding a yearly
 * batch in one transaction, listing a district's projects with stage and
 * lateness, and the "late only" filter.
 *
 *   bench-projects [N_FACILITIES_PER_DISTRICT] [ROUNDS]
 *
 * Creates a temporary database with the demo districts, N stations and
 * village clinics in each (default 800) and one standardization project
 * per facility, then prints the median of ROUNDS (default 20) timings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "core/chc-date.h"
#include "core/chc-project.h"
#include "io/chc-demo.h"
#include "store/chc-database-projects.h"

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_double);
  return g_array_index (times, double, times->len / 2);
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 800;
  guint rounds = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 20;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chc-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(ChcDatabase) db = chc_database_open (path, &error);
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GArray) t_list = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_late = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_set = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 first_district = 0, some_project = 0;
  guint total = 0, late = 0;
  double t_add = 0;

  g_assert_no_error (error);
  chc_demo_add_districts (db, &error);
  g_assert_no_error (error);
  districts = chc_database_list_districts (db, &error);

  for (guint d = 0; d < districts->len; d++)
    {
      ChcDistrict *district = g_ptr_array_index (districts, d);
      g_autoptr(GPtrArray) towns = chc_database_list_towns (db, chc_district_get_id (district), &error);
      g_autoptr(ChcFacility) centre = chc_facility_new ();
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *centre_code = g_strdup_printf ("B%uC", d);
      gint64 start;

      if (first_district == 0)
        first_district = chc_district_get_id (district);
      chc_facility_set_code (centre, centre_code);
      chc_facility_set_name (centre, centre_code);
      chc_facility_set_district_id (centre, chc_district_get_id (district));
      chc_database_add_facility (db, centre, &error);
      g_assert_no_error (error);

      chc_database_begin (db, &error);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ChcFacility) f = chc_facility_new ();
          g_autofree char *code = g_strdup_printf ("B%uF%u", d, i);
          ChcProject *p = chc_project_new ();
          int year = 2023 + (int) (i % 3);
          g_autofree char *approved = g_strdup_printf ("%d-02-%02u", year, 1 + i % 28);
          g_autofree char *started = g_strdup_printf ("%d-04-%02u", year, 1 + i % 28);
          g_autofree char *completed = g_strdup_printf ("%d-10-%02u", year, 1 + i % 28);

          chc_facility_set_code (f, code);
          chc_facility_set_name (f, code);
          chc_facility_set_facility_type (f, i % 2 ? CHC_FACILITY_STATION : CHC_FACILITY_VILLAGE_CLINIC);
          chc_facility_set_district_id (f, chc_district_get_id (district));
          chc_facility_set_town_id (f, chc_town_get_id (g_ptr_array_index (towns, i % towns->len)));
          chc_facility_set_parent_id (f, chc_facility_get_id (centre));
          chc_facility_set_floor_area (f, 150 + i % 120);
          chc_database_add_facility (db, f, &error);
          g_assert_no_error (error);

          chc_project_set_facility_id (p, chc_facility_get_id (f));
          chc_project_set_kind (p, CHC_PROJECT_STANDARDIZATION);
          chc_project_set_plan_year (p, year);
          chc_project_set_planned (p, CHC_MILESTONE_APPROVED, approved);
          chc_project_set_planned (p, CHC_MILESTONE_STARTED, started);
          chc_project_set_planned (p, CHC_MILESTONE_COMPLETED, completed);
          chc_project_set_actual (p, CHC_MILESTONE_APPROVED, approved);
          if (i % 4 != 0)
            chc_project_set_actual (p, CHC_MILESTONE_STARTED, started);
          if (i % 4 == 1 || i % 4 == 2)
            chc_project_set_actual (p, CHC_MILESTONE_COMPLETED, completed);
          g_ptr_array_add (batch, p);
        }
      chc_database_commit (db, &error);
      g_assert_no_error (error);

      /* One yearly batch per district: every project in one transaction. */
      start = g_get_monotonic_time ();
      chc_database_add_projects (db, batch, &error);
      g_assert_no_error (error);
      t_add += (g_get_monotonic_time () - start) / 1000.0;
      total += batch->len;
      some_project = chc_project_get_id (g_ptr_array_index (batch, 0));
    }

  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(GPtrArray) all = NULL;
      g_autoptr(GPtrArray) late_list = NULL;
      ChcProjectFilter filter;
      gint64 start = g_get_monotonic_time ();
      double ms;

      all = chc_database_list_projects (db, first_district, NULL, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (t_list, ms);

      chc_project_filter_init (&filter);
      filter.late_only = TRUE;
      filter.as_of = chc_date_julian ("2026-11-24");
      start = g_get_monotonic_time ();
      late_list = chc_database_list_projects (db, first_district, &filter, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (t_late, ms);
      late = late_list->len;

      /* Recording one milestone (with the facility update) and undoing it. */
      start = g_get_monotonic_time ();
      chc_database_set_milestone (db, some_project, CHC_MILESTONE_COMPLETED, NULL,
                                  r % 2 ? NULL : "2025-10-31", &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (t_set, ms);
    }

  g_print ("projects: %u in %u districts (%u per district)\n", total, districts->len, n);
  g_print ("add_projects, one batch per district: %.1f ms in all (%.3f ms per project)\n",
           t_add, t_add / total);
  g_print ("list_projects, one district (%u projects): median %.2f ms\n", n, median (t_list));
  g_print ("list_projects, late only (%u late): median %.2f ms\n", late, median (t_late));
  g_print ("set_milestone with facility update: median %.2f ms\n", median (t_set));

  g_clear_object (&db);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }
  return 0;
}
