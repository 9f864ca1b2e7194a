/* chc-bench-gen.c — generates a city-scale database for the benchmarks:
 * Shanghai's 16 districts with their towns, 250 centres, 1,200 stations,
 * 1,200 village clinics, service capabilities, monthly family-doctor
 * signing figures for every centre from 2021-01 to 2025-12, a value of
 * every data element of data/elements.ini (the generic tables) for every
 * centre or district and period of 2023–2025, and for every district a
 * plan with every indicator of data/plans.ini.  Deterministic
 * (fixed seed).  Every figure is invented.
 *
 *   chc-bench-gen OUTPUT.db
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "chc-data-resources.h"
#include "core/chc-element.h"
#include "io/chc-plan-loader.h"
#include "store/chc-database-plans.h"

#define N_CENTRES   250
#define N_STATIONS  1200
#define N_VILLAGES  1200
#define N_TOWNS_PER_DISTRICT 13

static const struct { const char *name; const char *name_en; } districts[] = {
  { "黄浦区", "Huangpu" }, { "徐汇区", "Xuhui" }, { "长宁区", "Changning" },
  { "静安区", "Jing'an" }, { "普陀区", "Putuo" }, { "虹口区", "Hongkou" },
  { "杨浦区", "Yangpu" }, { "闵行区", "Minhang" }, { "宝山区", "Baoshan" },
  { "嘉定区", "Jiading" }, { "浦东新区", "Pudong" }, { "金山区", "Jinshan" },
  { "松江区", "Songjiang" }, { "青浦区", "Qingpu" }, { "奉贤区", "Fengxian" },
  { "崇明区", "Chongming" },
};

#define N_DISTRICTS G_N_ELEMENTS (districts)

static void
die (GError *error)
{
  g_printerr ("chc-bench-gen: %s\n", error->message);
  exit (1);
}

/* A key file with one plan per district holding every indicator of the
 * built-in plans (the first definition of each code). */
static GKeyFile *
make_city_plans (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) builtin = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) indicator_groups = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) groups = NULL;
  GKeyFile *city = g_key_file_new ();

  bytes = g_resource_lookup_data (chc_data_get_resource (),
                                  "/io/github/chcmonitor/ChcMonitor/plans.ini", 0, &error);
  if (bytes == NULL ||
      !g_key_file_load_from_data (builtin, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  G_KEY_FILE_NONE, &error))
    die (error);

  groups = g_key_file_get_groups (builtin, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      char *space = strchr (groups[i], ' ');

      if (g_str_has_prefix (groups[i], "plan ") || space == NULL)
        continue;
      if (g_hash_table_contains (seen, space + 1))
        continue;
      g_hash_table_add (seen, space + 1);
      g_ptr_array_add (indicator_groups, groups[i]);
    }

  for (guint d = 0; d < N_DISTRICTS; d++)
    {
      g_autofree char *plan_group = g_strdup_printf ("plan D%02u", d);

      g_key_file_set_string (city, plan_group, "district", districts[d].name);
      g_key_file_set_string (city, plan_group, "name", "城市规模基准规划（虚构）");
      g_key_file_set_integer (city, plan_group, "first_year", 2023);
      g_key_file_set_integer (city, plan_group, "last_year", 2025);

      for (guint i = 0; i < indicator_groups->len; i++)
        {
          const char *group = g_ptr_array_index (indicator_groups, i);
          g_autofree char *target = g_strdup_printf ("D%02u %s", d, strchr (group, ' ') + 1);
          g_auto(GStrv) keys = g_key_file_get_keys (builtin, group, NULL, NULL);

          for (guint k = 0; keys[k] != NULL; k++)
            {
              g_autofree char *value = g_key_file_get_value (builtin, group, keys[k], NULL);
              g_key_file_set_value (city, target, keys[k], value);
            }
        }
    }
  return city;
}

/* The periods of @type from 2023 to 2025 ("2024-03", "2024Q1", "2024"). */
static GPtrArray *
element_periods (ChcPeriodType type)
{
  GPtrArray *periods = g_ptr_array_new_with_free_func (g_free);

  for (int year = 2023; year <= 2025; year++)
    switch (type)
      {
      case CHC_PERIOD_TYPE_MONTH:
        for (int m = 1; m <= 12; m++)
          g_ptr_array_add (periods, g_strdup_printf ("%04d-%02d", year, m));
        break;
      case CHC_PERIOD_TYPE_QUARTER:
        for (int q = 1; q <= 4; q++)
          g_ptr_array_add (periods, g_strdup_printf ("%04dQ%d", year, q));
        break;
      case CHC_PERIOD_TYPE_YEAR:
        g_ptr_array_add (periods, g_strdup_printf ("%04d", year));
        break;
      case CHC_PERIOD_TYPE_DATED:
      default:
        break;
      }
  return periods;
}

static double
element_value (const ChcElement *element,
               GRand            *rand)
{
  switch (element->value_type)
    {
    case CHC_VALUE_TYPE_YES_NO:
      return g_rand_int_range (rand, 0, 2);
    case CHC_VALUE_TYPE_PERCENT:
      return g_rand_int_range (rand, 20, 100);
    case CHC_VALUE_TYPE_INTEGER:
    case CHC_VALUE_TYPE_DECIMAL:
    default:
      return g_rand_int_range (rand, 10, 5000);
    }
}

static guint
generate_element_values (sqlite3 *raw,
                         GRand   *rand,
                         GArray  *centre_ids,
                         gint64  *district_ids)
{
  GPtrArray *builtin = chc_elements_get_builtin ();
  sqlite3_stmt *facility_stmt = NULL;
  sqlite3_stmt *district_stmt = NULL;
  guint n = 0;

  if (sqlite3_prepare_v2 (raw, "INSERT INTO element_value (facility_id, element, period, value)"
                               " VALUES (?1, ?2, ?3, ?4)", -1, &facility_stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (raw, "INSERT INTO district_value (district_id, element, period, value)"
                               " VALUES (?1, ?2, ?3, ?4)", -1, &district_stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("chc-bench-gen: %s\n", sqlite3_errmsg (raw));
      exit (1);
    }
  for (guint e = 0; e < builtin->len; e++)
    {
      const ChcElement *element = g_ptr_array_index (builtin, e);
      g_autoptr(GPtrArray) periods = NULL;
      gboolean district = element->level == CHC_ELEMENT_LEVEL_DISTRICT;
      guint n_keys = district ? N_DISTRICTS : centre_ids->len;

      if (element->family != NULL || element->value_type == CHC_VALUE_TYPE_DATE)
        continue;
      periods = element_periods (element->period_type);
      for (guint k = 0; k < n_keys; k++)
        for (guint p = 0; p < periods->len; p++)
          {
            sqlite3_stmt *stmt = district ? district_stmt : facility_stmt;

            sqlite3_reset (stmt);
            sqlite3_bind_int64 (stmt, 1, district ? district_ids[k] : g_array_index (centre_ids, gint64, k));
            sqlite3_bind_text (stmt, 2, element->code, -1, SQLITE_STATIC);
            sqlite3_bind_text (stmt, 3, g_ptr_array_index (periods, p), -1, SQLITE_STATIC);
            sqlite3_bind_double (stmt, 4, element_value (element, rand));
            if (sqlite3_step (stmt) != SQLITE_DONE)
              {
                g_printerr ("chc-bench-gen: %s: %s\n", element->code, sqlite3_errmsg (raw));
                exit (1);
              }
            n++;
          }
    }
  sqlite3_finalize (facility_stmt);
  sqlite3_finalize (district_stmt);
  return n;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) plans = NULL;
  g_autoptr(GArray) centre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) centre_towns = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) centre_districts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) town_ids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250101);
  gint64 district_ids[N_DISTRICTS];
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();
  guint n_rows = 0;

  if (argc != 2)
    {
      g_printerr ("Usage: chc-bench-gen OUTPUT.db\n");
      return 2;
    }
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_printerr ("chc-bench-gen: %s exists; give a new file.\n", argv[1]);
      return 2;
    }

  database = chc_database_open (argv[1], &error);
  if (database == NULL)
    die (error);

  if (!chc_database_begin (database, &error))
    die (error);

  /* Districts and towns. */
  for (guint d = 0; d < N_DISTRICTS; d++)
    {
      GArray *towns = g_array_new (FALSE, FALSE, sizeof (gint64));

      /* Every database holds Shanghai's 16 districts (schema 5): find
       * them; add one only if it is not there. */
      g_autoptr(ChcDistrict) existing = chc_database_find_district (database, districts[d].name, NULL);

      district_ids[d] = existing != NULL
                        ? chc_district_get_id (existing)
                        : chc_database_add_district (database, districts[d].name, districts[d].name_en, &error);
      if (district_ids[d] == 0)
        die (error);
      for (guint t = 0; t < N_TOWNS_PER_DISTRICT; t++)
        {
          g_autofree char *name = g_strdup_printf ("%s第%u街镇", districts[d].name, t + 1);
          gint64 id = chc_database_add_town (database, district_ids[d], name, &error);

          if (id == 0)
            die (error);
          g_array_append_val (towns, id);
        }
      g_ptr_array_add (town_ids, towns);
    }

  /* Centres, spread over the districts and towns. */
  for (guint c = 0; c < N_CENTRES; c++)
    {
      guint d = c % N_DISTRICTS;
      GArray *towns = g_ptr_array_index (town_ids, d);
      gint64 town = g_array_index (towns, gint64, (c / N_DISTRICTS) % towns->len);
      g_autoptr(ChcFacility) f = chc_facility_new ();
      g_autofree char *code = g_strdup_printf ("B%02uC%04u", d, c);
      g_autofree char *name = g_strdup_printf ("%s第%u社区卫生服务中心", districts[d].name, c + 1);
      int year = g_rand_int_range (rand, 0, 4) == 0 ? 0 : g_rand_int_range (rand, 2015, 2026);
      gint64 id;

      chc_facility_set_code (f, code);
      chc_facility_set_name (f, name);
      chc_facility_set_facility_type (f, CHC_FACILITY_CENTRE);
      chc_facility_set_district_id (f, district_ids[d]);
      chc_facility_set_town_id (f, town);
      chc_facility_set_floor_area (f, g_rand_int_range (rand, 3000, 11000));
      chc_facility_set_standardized (f, year > 0);
      chc_facility_set_standardized_year (f, year);
      if (!chc_database_add_facility (database, f, &error))
        die (error);
      id = chc_facility_get_id (f);
      g_array_append_val (centre_ids, id);
      g_array_append_val (centre_towns, town);
      g_array_append_val (centre_districts, d);

      /* every declared kind (data/elements.ini), a third of the centres each */
      for (guint k = 0; k < chc_capability_list_kinds ()->len; k++)
        if (g_rand_int_range (rand, 0, 3) == 0 &&
            !chc_database_set_capability_kind (database, id,
                                               ((ChcElement *) g_ptr_array_index (chc_capability_list_kinds (), k))->code,
                                               g_rand_int_range (rand, 2019, 2026), &error))
          die (error);
    }

  /* Stations and village clinics under the centres. */
  for (guint s = 0; s < N_STATIONS + N_VILLAGES; s++)
    {
      gboolean station = s < N_STATIONS;
      guint c = (s * 7) % N_CENTRES;
      guint d = g_array_index (centre_districts, guint, c);
      g_autoptr(ChcFacility) f = chc_facility_new ();
      g_autofree char *code = g_strdup_printf ("B%02u%c%04u", d, station ? 'S' : 'V', s);
      g_autofree char *name = g_strdup_printf ("%s第%u%s", districts[d].name, s + 1,
                                               station ? "社区卫生服务站" : "村卫生室");
      int year = g_rand_int_range (rand, 0, 3) == 0 ? 0 : g_rand_int_range (rand, 2018, 2026);

      chc_facility_set_code (f, code);
      chc_facility_set_name (f, name);
      chc_facility_set_facility_type (f, station ? CHC_FACILITY_STATION : CHC_FACILITY_VILLAGE_CLINIC);
      chc_facility_set_district_id (f, district_ids[d]);
      chc_facility_set_town_id (f, g_array_index (centre_towns, gint64, c));
      chc_facility_set_parent_id (f, g_array_index (centre_ids, gint64, c));
      chc_facility_set_floor_area (f, g_rand_int_range (rand, 80, 400));
      chc_facility_set_standardized (f, year > 0);
      chc_facility_set_standardized_year (f, year);
      if (g_rand_int_range (rand, 0, 40) == 0)
        chc_facility_set_status (f, CHC_FACILITY_CLOSED);
      if (!chc_database_add_facility (database, f, &error))
        die (error);
    }

  /* A plan for every district. */
  plans = make_city_plans ();
  if (!chc_plan_loader_load_key_file (database, plans, "city plans", &error))
    die (error);

  if (!chc_database_commit (database, &error))
    die (error);

  /* Monthly signing figures.  The signing table belongs to the signing
   * branch, whose store functions are not in this tree: the benchmark
   * writes its rows through SQLite directly (a tool, not the application). */
  if (sqlite3_open (argv[1], &raw) != SQLITE_OK ||
      sqlite3_exec (raw, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (raw,
                          "INSERT INTO signing (facility_id, period, resident_population, signed_residents,"
                          " key_population, key_population_signed, online_signed, signed_visits_total,"
                          " signed_visits_in_community) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("chc-bench-gen: %s\n", sqlite3_errmsg (raw));
      return 1;
    }
  for (guint c = 0; c < centre_ids->len; c++)
    {
      int population = g_rand_int_range (rand, 40000, 160000);
      double coverage = g_rand_double_range (rand, 0.30, 0.42);

      for (int year = 2021; year <= 2025; year++)
        for (int month = 1; month <= 12; month++)
          {
            char period[8];
            int signed_residents = (int) (population * coverage);
            int key = population / 5;
            int visits = g_rand_int_range (rand, 5000, 20000);

            g_snprintf (period, sizeof period, "%04d-%02d", year, month);
            sqlite3_reset (stmt);
            sqlite3_bind_int64 (stmt, 1, g_array_index (centre_ids, gint64, c));
            sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int (stmt, 3, population);
            sqlite3_bind_int (stmt, 4, signed_residents);
            sqlite3_bind_int (stmt, 5, key);
            sqlite3_bind_int (stmt, 6, (int) (key * g_rand_double_range (rand, 0.6, 0.9)));
            sqlite3_bind_int (stmt, 7, signed_residents / 10);
            sqlite3_bind_int (stmt, 8, visits);
            sqlite3_bind_int (stmt, 9, (int) (visits * g_rand_double_range (rand, 0.75, 0.92)));
            if (sqlite3_step (stmt) != SQLITE_DONE)
              {
                g_printerr ("chc-bench-gen: %s\n", sqlite3_errmsg (raw));
                return 1;
              }
            n_rows++;
            population += g_rand_int_range (rand, -50, 150);
            coverage += g_rand_double_range (rand, 0.0, 0.002);
          }
    }
  sqlite3_finalize (stmt);

  /* Every data element of the generic value tables (data/elements.ini,
   * derived: an element added there is generated too), for 2023–2025:
   * each centre's value per period of its type, or the district's. */
  n_rows += generate_element_values (raw, rand, centre_ids, district_ids);

  if (sqlite3_exec (raw, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_printerr ("chc-bench-gen: %s\n", sqlite3_errmsg (raw));
      return 1;
    }
  sqlite3_close (raw);

  g_print ("%s: %u districts, %u towns, %u centres, %u stations, %u village clinics, "
           "%u monthly signing rows and element values; %.1f s\n",
           argv[1], (guint) N_DISTRICTS, (guint) (N_DISTRICTS * N_TOWNS_PER_DISTRICT),
           (guint) N_CENTRES, (guint) N_STATIONS, (guint) N_VILLAGES, n_rows,
           (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
