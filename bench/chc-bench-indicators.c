/* chc-bench-indicators.c — times the evaluation of plan indicators on a
 * database made by chc-bench-gen: every indicator of one district for one
 * year, of all districts for one year, and (for the Dashboard) all
 * districts with the trend over the plan's years.  Monotonic clock; the
 * median of repeated runs after one warm-up run is reported.
 *
 *   chc-bench-indicators [--runs N] [--year Y] [--district D] DATABASE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "store/chc-database-plans.h"

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef guint (*BenchFunc) (ChcDatabase *database, GPtrArray *districts, gint64 district_id, int year);

static guint
evaluate_one (ChcDatabase *database,
              GPtrArray   *districts,
              gint64       district_id,
              int          year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = chc_database_evaluate_plan (database, district_id, year, &error);

  if (results == NULL)
    g_error ("%s", error->message);
  return results->len;
}

static guint
evaluate_all (ChcDatabase *database,
              GPtrArray   *districts,
              gint64       district_id,
              int          year)
{
  guint n = 0;

  for (guint i = 0; i < districts->len; i++)
    n += evaluate_one (database, districts, chc_district_get_id (g_ptr_array_index (districts, i)), year);
  return n;
}

static guint
evaluate_all_with_trend (ChcDatabase *database,
                         GPtrArray   *districts,
                         gint64       district_id,
                         int          year)
{
  guint n = 0;

  for (guint i = 0; i < districts->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results =
        chc_database_evaluate_plan_with_trend (database,
                                               chc_district_get_id (g_ptr_array_index (districts, i)),
                                               year, &error);
      if (results == NULL)
        g_error ("%s", error->message);
      n += results->len;
    }
  return n;
}

/* Opens a new connection each run, as the Dashboard's worker does. */
static guint
open_and_evaluate_one (ChcDatabase *database,
                       GPtrArray   *districts,
                       gint64       district_id,
                       int          year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) fresh = chc_database_open (chc_database_get_path (database), &error);
  g_autoptr(GPtrArray) results = NULL;

  if (fresh == NULL)
    g_error ("%s", error->message);
  results = chc_database_evaluate_plan_with_trend (fresh, district_id, year, &error);
  if (results == NULL)
    g_error ("%s", error->message);
  return results->len;
}

static void
run (const char  *label,
     BenchFunc    func,
     ChcDatabase *database,
     GPtrArray   *districts,
     gint64       district_id,
     int          year,
     int          runs)
{
  g_autofree double *times = g_new (double, runs);
  double first, start;
  guint n = 0;

  start = now_ms ();
  func (database, districts, district_id, year);
  first = now_ms () - start;

  for (int r = 0; r < runs; r++)
    {
      start = now_ms ();
      n = func (database, districts, district_id, year);
      times[r] = now_ms () - start;
    }
  qsort (times, runs, sizeof (double), compare_doubles);
  g_print ("%-46s %4u indicators  first %7.2f ms  median %7.2f ms  min %7.2f  max %7.2f  (%d runs)\n",
           label, n, first, times[runs / 2], times[0], times[runs - 1], runs);
}

int
main (int    argc,
      char **argv)
{
  int runs = 21;
  int year = 2024;
  g_autofree char *district_name = NULL;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs (after one warm-up)", "N" },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, "The year", "YEAR" },
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, "The district of the one-district timing", "D" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DATABASE");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autofree char *one = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1)
    {
      g_printerr ("Usage: chc-bench-indicators [--runs N] [--year Y] [--district D] DATABASE\n");
      return 2;
    }

  database = chc_database_open (argv[1], &error);
  if (database == NULL)
    {
      g_printerr ("chc-bench-indicators: %s\n", error->message);
      return 2;
    }
  districts = chc_database_list_districts (database, &error);
  if (districts == NULL || districts->len == 0)
    {
      g_printerr ("chc-bench-indicators: no districts\n");
      return 2;
    }
  district = district_name ? chc_database_find_district (database, district_name, &error)
                           : g_object_ref (g_ptr_array_index (districts, 0));
  if (district == NULL)
    {
      g_printerr ("chc-bench-indicators: %s\n", error->message);
      return 2;
    }

  one = g_strdup_printf ("one district (%s), %d", chc_district_get_name_en (district), year);
  run (one, evaluate_one, database, districts, chc_district_get_id (district), year, runs);
  {
    g_autofree char *all = g_strdup_printf ("all %u districts, %d", districts->len, year);
    g_autofree char *trend = g_strdup_printf ("all %u districts, %d, with trend", districts->len, year);

    run (all, evaluate_all, database, districts, 0, year, runs);
    run (trend, evaluate_all_with_trend, database, districts, 0, year, runs);
  }
  run ("one district, new connection + trend", open_and_evaluate_one, database, districts,
       chc_district_get_id (district), year, runs);
  return 0;
}
