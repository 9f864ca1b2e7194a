/* test-plans-changning-songjiang.c — the built-in plans of Changning
 * (seed 002) and Songjiang (seed 003), issue 14: each computation rule
 * their indicators rely on, on small hand-made databases, and the plans
 * as shipped (how many indicators, each with its source).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "chc-test-util.h"
#include "core/chc-element.h"
#include "core/chc-indicator.h"
#include "store/chc-database-plans.h"
#include "store/chc-database-tcm.h"
#include "store/chc-database-values.h"

#define SEED_CHANGNING "002_f4cbf4284e21918f.txt"
#define SEED_SONGJIANG "003_be5f7c5c056f9f7b.txt"

/* How many indicators each plan ships (data/plans.ini). */
#define N_CHANGNING 86
#define N_SONGJIANG 16

static const char *const seeds[] = {
  "000_c82afb552cd78340.txt", "001_da8ec57cc1edff08.txt", SEED_CHANGNING,
  SEED_SONGJIANG, "004_2cbc2144558a3a82.txt", NULL,
};

/* ---- helpers ------------------------------------------------------------ */

static gint64
district_id (ChcDatabase *database,
             const char  *name)
{
  g_autoptr(ChcDistrict) district = chc_database_find_district (database, name, NULL);

  g_assert_nonnull (district);
  return chc_district_get_id (district);
}

static gint64
add_facility (ChcDatabase     *database,
              gint64           district,
              const char      *code,
              ChcFacilityType  type,
              gint64           parent,
              double           floor_area)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcFacility) facility = chc_facility_new ();

  chc_facility_set_code (facility, code);
  chc_facility_set_name (facility, code);
  chc_facility_set_facility_type (facility, type);
  chc_facility_set_district_id (facility, district);
  chc_facility_set_parent_id (facility, parent);
  if (floor_area > 0)
    chc_facility_set_floor_area (facility, floor_area);
  chc_database_add_facility (database, facility, &error);
  g_assert_no_error (error);
  return chc_facility_get_id (facility);
}

static void
set_capability (ChcDatabase *database,
                gint64       facility,
                const char  *kind,
                int          year)
{
  g_autoptr(GError) error = NULL;

  chc_database_set_capability_kind (database, facility, kind, year, &error);
  g_assert_no_error (error);
}

/* Saves one value of @element (a facility's, or the district's when
 * @facility is 0) through the store, as an import does. */
static void
put_value (ChcDatabase *database,
           gint64       facility,
           gint64       district,
           const char  *element,
           const char  *period,
           double       value)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_value_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (values, chc_value_new (facility, district, element, period, value));
  chc_database_save_values (database, values, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static GPtrArray *
evaluate (ChcDatabase *database,
          gint64       district,
          int          year)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = chc_database_evaluate_plan (database, district, year, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static ChcIndicatorResult *
find_result (GPtrArray  *results,
             const char *code)
{
  for (guint i = 0; i < results->len; i++)
    {
      ChcIndicatorResult *result = g_ptr_array_index (results, i);

      if (g_str_equal (chc_indicator_get_code (chc_indicator_result_get_indicator (result)), code))
        return result;
    }
  g_error ("no result for %s", code);
  return NULL;
}

/* The value and status of indicator @code of @district's plan in @year. */
static void
assert_result (ChcDatabase        *database,
               gint64              district,
               int                 year,
               const char         *code,
               double              value,
               ChcIndicatorStatus  status)
{
  g_autoptr(GPtrArray) results = evaluate (database, district, year);
  ChcIndicatorResult *result = find_result (results, code);

  if (chc_indicator_result_get_status (result) != status)
    g_error ("%s %d: status %d, expected %d (value %g)", code, year,
             chc_indicator_result_get_status (result), status,
             chc_indicator_result_get_value (result));
  if (isnan (value))
    g_assert_false (chc_indicator_result_get_has_value (result));
  else
    {
      g_assert_true (chc_indicator_result_get_has_value (result));
      g_assert_cmpfloat_with_epsilon (chc_indicator_result_get_value (result), value, 1e-9);
    }
}

/* ---- the plans as shipped ----------------------------------------------- */

/* data/plans.ini: every indicator of the two plans names the seed and
 * the clause it comes from. */
static void
test_sources (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "plans.ini", NULL);
  g_autofree char *seed_dir = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "seeds", NULL);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;
  guint n_changning = 0, n_songjiang = 0;

  g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *source = NULL;
      g_auto(GStrv) parts = NULL;
      const char *seed;

      if (g_str_has_prefix (groups[i], "Changning "))
        {
          n_changning++;
          seed = SEED_CHANGNING;
        }
      else if (g_str_has_prefix (groups[i], "Songjiang "))
        {
          n_songjiang++;
          seed = SEED_SONGJIANG;
        }
      else
        continue;

      source = g_key_file_get_string (key_file, groups[i], "source", &error);
      g_assert_no_error (error);
      /* "<seed file> <clause>", several separated by "; " (a later part
       * may leave out the file: the same seed) */
      if (!g_str_has_prefix (source, seed) || strlen (source) <= strlen (seed) + 1 ||
          source[strlen (seed)] != ' ')
        g_error ("%s: source “%s” does not begin with its seed %s and a clause", groups[i], source, seed);
      parts = g_strsplit (source, "; ", -1);
      for (guint p = 0; parts[p] != NULL; p++)
        g_assert_cmpstr (g_strstrip (parts[p]), !=, "");
      g_assert_true (g_strv_contains (seeds, seed));
      if (g_file_test (seed_dir, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *file = g_build_filename (seed_dir, seed, NULL);

          g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
        }
    }
  g_assert_cmpuint (n_changning, ==, N_CHANGNING);
  g_assert_cmpuint (n_songjiang, ==, N_SONGJIANG);
}

/* A new database gets both plans with all their indicators, and each
 * named condition and figure is one the engine knows (or method none). */
static void
test_builtin (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  const char *const districts[] = { "Changning", "Songjiang" };
  const guint expected[] = { N_CHANGNING, N_SONGJIANG };

  for (guint d = 0; d < G_N_ELEMENTS (districts); d++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) plans = chc_database_list_plans (database, district_id (database, districts[d]), &error);
      g_autoptr(GPtrArray) indicators = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (plans->len, ==, 1);
      indicators = chc_database_list_indicators (database, chc_plan_get_id (g_ptr_array_index (plans, 0)), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (indicators->len, ==, expected[d]);
      for (guint i = 0; i < indicators->len; i++)
        {
          ChcIndicator *indicator = g_ptr_array_index (indicators, i);
          const char *condition = chc_indicator_get_condition (indicator);
          ChcIndicatorMethod method = chc_indicator_get_method (indicator);
          const char *source = chc_indicator_get_source (indicator);

          /* stored with the indicator (chc-cli indicators, the Dashboard) */
          g_assert_nonnull (source);
          g_assert_true (g_str_has_prefix (source, d == 0 ? SEED_CHANGNING " " : SEED_SONGJIANG " "));

          if (method == CHC_METHOD_NONE)
            continue;
          if (method == CHC_METHOD_RATIO)
            {
              g_auto(GStrv) figures = g_strsplit_set (condition, "/*", -1);

              for (guint f = 0; figures[f] != NULL; f++)
                if (!g_ascii_isdigit (figures[f][0]) && !chc_database_has_figure (figures[f]))
                  g_error ("%s: unknown figure %s", chc_indicator_get_code (indicator), figures[f]);
            }
          else if (!chc_database_has_condition (condition))
            g_error ("%s: unknown condition %s", chc_indicator_get_code (indicator), condition);
        }
    }
}

/* ---- computation rules -------------------------------------------------- */

/* "每年完成2-3家": a target for each year of the plan, counting only the
 * stations named in that year (not the cumulative total). */
static void
test_each_year (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  gint64 changning = district_id (database, "Changning");
  gint64 centre = add_facility (database, changning, "CN-C1", CHC_FACILITY_CENTRE, 0, 0);
  const int awarded[] = { 2023, 2023, 2024, 2025, 2025, 2025 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (awarded); i++)
    {
      g_autofree char *code = g_strdup_printf ("CN-S%u", i);
      gint64 station = add_facility (database, changning, code, CHC_FACILITY_STATION, centre, 0);

      chc_database_set_tcm_demo (database, station, CHC_TCM_DEMO_AWARDED, awarded[i], &error);
      g_assert_no_error (error);
    }

  /* a target in each year the seed names */
  for (int year = 2023; year <= 2025; year++)
    {
      g_autoptr(GPtrArray) results = evaluate (database, changning, year);

      g_assert_nonnull (chc_indicator_result_get_target (find_result (results, "tcm.demo_stations_in_year")));
      g_assert_nonnull (chc_indicator_result_get_target (find_result (results, "tcm.base_training")));
    }
  assert_result (database, changning, 2023, "tcm.demo_stations_in_year", 2, CHC_STATUS_MET);
  assert_result (database, changning, 2024, "tcm.demo_stations_in_year", 1, CHC_STATUS_BEHIND);
  assert_result (database, changning, 2025, "tcm.demo_stations_in_year", 3, CHC_STATUS_MET);

  /* the training base: at least 100 person-times every year */
  put_value (database, 0, changning, "tcm_base_training", "2023", 120);
  put_value (database, 0, changning, "tcm_base_training", "2024", 80);
  assert_result (database, changning, 2023, "tcm.base_training", 120, CHC_STATUS_MET);
  assert_result (database, changning, 2024, "tcm.base_training", 80, CHC_STATUS_BEHIND);
  assert_result (database, changning, 2025, "tcm.base_training", NAN, CHC_STATUS_NO_DATA);

  /* Songjiang: home care for older people twice every year */
  {
    gint64 songjiang = district_id (database, "Songjiang");

    add_facility (database, songjiang, "SJ-C1", CHC_FACILITY_CENTRE, 0, 0);
    for (int year = 2023; year <= 2025; year++)
      {
        g_autoptr(GPtrArray) results = evaluate (database, songjiang, year);

        g_assert_nonnull (chc_indicator_result_get_target (find_result (results, "other.elderly_home_care_rounds")));
      }
    put_value (database, 0, songjiang, "elderly_home_care_rounds", "2024", 1);
    assert_result (database, songjiang, 2024, "other.elderly_home_care_rounds", 1, CHC_STATUS_BEHIND);
    put_value (database, 0, songjiang, "elderly_home_care_rounds", "2024", 2);
    assert_result (database, songjiang, 2024, "other.elderly_home_care_rounds", 2, CHC_STATUS_MET);
  }
}

/* 应签尽签: a key group's signing is met only when every member is signed,
 * summed over the centres; one member missing in one centre is behind. */
static void
test_key_group (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  gint64 changning = district_id (database, "Changning");
  gint64 c1 = add_facility (database, changning, "CN-C1", CHC_FACILITY_CENTRE, 0, 0);
  gint64 c2 = add_facility (database, changning, "CN-C2", CHC_FACILITY_CENTRE, 0, 0);

  assert_result (database, changning, 2024, "signing.disabled_elderly", NAN, CHC_STATUS_NO_DATA);
  put_value (database, c1, changning, "disabled_elderly", "2025", 100);
  put_value (database, c1, changning, "disabled_elderly_signed", "2025", 100);
  put_value (database, c2, changning, "disabled_elderly", "2025", 50);
  put_value (database, c2, changning, "disabled_elderly_signed", "2025", 49);
  assert_result (database, changning, 2025, "signing.disabled_elderly", 100.0 * 149 / 150, CHC_STATUS_BEHIND);
  put_value (database, c2, changning, "disabled_elderly_signed", "2025", 50);
  assert_result (database, changning, 2025, "signing.disabled_elderly", 100, CHC_STATUS_MET);
  /* the other groups have figures of their own */
  assert_result (database, changning, 2025, "signing.disabled_persons", NAN, CHC_STATUS_NO_DATA);
}

/* The capability kinds of the two plans: a share of the centres (and
 * stations where the seed says 中心、站) that reached the kind by the end
 * of the year; a named count. */
static void
test_capabilities (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  gint64 changning = district_id (database, "Changning");
  gint64 c1 = add_facility (database, changning, "CN-C1", CHC_FACILITY_CENTRE, 0, 0);
  gint64 c2 = add_facility (database, changning, "CN-C2", CHC_FACILITY_CENTRE, 0, 0);
  gint64 s1 = add_facility (database, changning, "CN-S1", CHC_FACILITY_STATION, c1, 0);
  gint64 s2 = add_facility (database, changning, "CN-S2", CHC_FACILITY_STATION, c2, 0);

  set_capability (database, c1, "smart_health_kiosk", 2023);
  set_capability (database, s1, "smart_health_kiosk", 2024);
  set_capability (database, c2, "smart_health_kiosk", 2025);
  set_capability (database, s2, "smart_health_kiosk", 2025);
  /* centres and stations together: 1 of 4, 2 of 4, 4 of 4 */
  assert_result (database, changning, 2023, "capability.smart_health_kiosk", 25, CHC_STATUS_NO_TARGET);
  assert_result (database, changning, 2024, "capability.smart_health_kiosk", 50, CHC_STATUS_NO_TARGET);
  assert_result (database, changning, 2025, "capability.smart_health_kiosk", 100, CHC_STATUS_MET);
  /* 互联网+诊疗 is asked of centres only: a station's does not count */
  set_capability (database, c1, "internet_care", 2024);
  set_capability (database, s1, "internet_care", 2024);
  assert_result (database, changning, 2025, "capability.internet_care", 50, CHC_STATUS_BEHIND);
  /* a named count: the co-located stations with their own entrance */
  set_capability (database, s1, "own_entrance_signage", 2024);
  assert_result (database, changning, 2025, "construction.co_located_entrance", 1, CHC_STATUS_BEHIND);

  /* Songjiang: the cloud HIS of every centre */
  {
    gint64 songjiang = district_id (database, "Songjiang");
    gint64 sj = add_facility (database, songjiang, "SJ-C1", CHC_FACILITY_CENTRE, 0, 0);

    set_capability (database, sj, "cloud_his", 2024);
    assert_result (database, songjiang, 2025, "capability.cloud_his", 100, CHC_STATUS_MET);
  }
}

/* Named construction items counted by their projects' milestones: a new
 * station counts from the year its new-build project opened, a centre
 * from the year its relocation started or its renovation was completed. */
static void
test_named_construction (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  gint64 changning = district_id (database, "Changning");
  gint64 huayang = add_facility (database, changning, "CN-HY", CHC_FACILITY_CENTRE, 0, 0);
  gint64 xinhua = add_facility (database, changning, "CN-XH", CHC_FACILITY_CENTRE, 0, 0);
  gint64 station = add_facility (database, changning, "CN-HQ-NEW", CHC_FACILITY_STATION, xinhua, 0);
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO project (id, facility_id, kind, plan_year) VALUES"
    " (901, %" G_GINT64_FORMAT ", 'new_build', 2024),"
    " (902, %" G_GINT64_FORMAT ", 'relocation', 2023),"
    " (903, %" G_GINT64_FORMAT ", 'renovation', 2024),"
    " (904, %" G_GINT64_FORMAT ", 'feasibility_study', 2024);"
    "INSERT INTO milestone (project_id, milestone, actual) VALUES"
    " (901, 'opened', '2024-09-30'), (902, 'started', '2023-06-01'),"
    " (902, 'opened', NULL), (903, 'started', '2024-03-01'), (903, 'completed', '2025-02-01'),"
    " (904, 'completed', '2024-11-30');",
    station, huayang, xinhua, huayang);

  chc_test_exec (database, "project", sql);
  assert_result (database, changning, 2023, "construction.new_stations", 0, CHC_STATUS_NO_TARGET);
  assert_result (database, changning, 2025, "construction.new_stations", 1, CHC_STATUS_BEHIND);
  assert_result (database, changning, 2025, "construction.huayang_relocation", 1, CHC_STATUS_MET);
  /* the renovation finished in 2025, not 2024 */
  assert_result (database, changning, 2024, "construction.centres_expanded", 0, CHC_STATUS_NO_TARGET);
  assert_result (database, changning, 2025, "construction.centres_expanded", 1, CHC_STATUS_BEHIND);
  /* a study is a study: it counts as one, not as a renovation */
  assert_result (database, changning, 2025, "construction.feasibility_studies", 1, CHC_STATUS_BEHIND);
}

/* "超过一半": strictly more than half of the stations; exactly half is
 * behind. */
static void
test_strict_half (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  gint64 changning = district_id (database, "Changning");
  gint64 centre = add_facility (database, changning, "CN-C1", CHC_FACILITY_CENTRE, 0, 0);

  add_facility (database, changning, "CN-S1", CHC_FACILITY_STATION, centre, 250);
  add_facility (database, changning, "CN-S2", CHC_FACILITY_STATION, centre, 200);
  add_facility (database, changning, "CN-S3", CHC_FACILITY_STATION, centre, 120);
  add_facility (database, changning, "CN-S4", CHC_FACILITY_STATION, centre, 150);
  assert_result (database, changning, 2025, "construction.stations_floor_area_200", 50, CHC_STATUS_BEHIND);
  add_facility (database, changning, "CN-S5", CHC_FACILITY_STATION, centre, 300);
  assert_result (database, changning, 2025, "construction.stations_floor_area_200", 60, CHC_STATUS_MET);
}

/* "打造10个社区中医特色专病门诊" counts clinics (a centre with two counts
 * two); Songjiang's coverage counts institutions (a centre with two
 * counts once). */
static void
test_clinics_vs_institutions (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  gint64 changning = district_id (database, "Changning");
  gint64 songjiang = district_id (database, "Songjiang");
  gint64 c1 = add_facility (database, changning, "CN-C1", CHC_FACILITY_CENTRE, 0, 0);
  gint64 s1 = add_facility (database, changning, "CN-S1", CHC_FACILITY_STATION, c1, 0);
  gint64 j1 = add_facility (database, songjiang, "SJ-C1", CHC_FACILITY_CENTRE, 0, 0);
  struct { gint64 facility; const char *name; const char *opened; const char *closed; } clinics[] = {
    { c1, "针灸", "2023-03-01", NULL },
    { c1, "脾胃病", "2024-05-01", NULL },
    { s1, "颈腰椎病", "2024-09-01", NULL },
    { s1, "失眠", "2023-01-01", "2023-12-01" },   /* closed before the end of 2023 */
    { j1, "针灸", "2023-03-01", NULL },
    { j1, "骨伤", "2023-06-01", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (clinics); i++)
    {
      g_autoptr(ChcSpecialtyClinic) clinic = chc_specialty_clinic_new (0, clinics[i].facility, clinics[i].name,
                                                                       clinics[i].opened, clinics[i].closed);
      g_autoptr(GError) error = NULL;

      chc_database_add_specialty_clinic (database, clinic, &error);
      g_assert_no_error (error);
    }
  add_facility (database, songjiang, "SJ-C2", CHC_FACILITY_CENTRE, 0, 0);

  assert_result (database, changning, 2023, "tcm.specialty_clinics", 1, CHC_STATUS_NO_TARGET);
  assert_result (database, changning, 2025, "tcm.specialty_clinics", 3, CHC_STATUS_BEHIND);
  /* Songjiang: one centre of two offers the service, whatever its number of clinics */
  assert_result (database, songjiang, 2025, "tcm.specialty_coverage", 50, CHC_STATUS_BEHIND);
}

/* Hospitals (二级及以上医疗机构) have indicators of their own and are never
 * in a centre's denominator; a count or share over an empty scope is no
 * data, not behind. */
static void
test_hospitals_and_empty_scope (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  gint64 changning = district_id (database, "Changning");
  gint64 centre = add_facility (database, changning, "CN-C1", CHC_FACILITY_CENTRE, 0, 0);
  gint64 h1, h2;

  /* no station, no hospital yet */
  assert_result (database, changning, 2025, "construction.co_located_entrance", NAN, CHC_STATUS_NO_DATA);
  assert_result (database, changning, 2025, "capability.hospital_geriatrics", NAN, CHC_STATUS_NO_DATA);

  h1 = add_facility (database, changning, "CN-H1", CHC_FACILITY_HOSPITAL, 0, 0);
  h2 = add_facility (database, changning, "CN-H2", CHC_FACILITY_HOSPITAL, 0, 0);
  set_capability (database, h1, "geriatrics_dept", 2024);
  set_capability (database, centre, "oxygen_therapy", 2023);
  set_capability (database, h2, "oxygen_therapy", 2023);
  assert_result (database, changning, 2025, "capability.hospital_geriatrics", 50, CHC_STATUS_BEHIND);
  set_capability (database, h2, "geriatrics_dept", 2025);
  assert_result (database, changning, 2025, "capability.hospital_geriatrics", 100, CHC_STATUS_MET);
  assert_result (database, changning, 2024, "capability.hospital_geriatrics", 50, CHC_STATUS_NO_TARGET);
  /* the centres' share: one centre, with an oxygen-therapy area (the
   * hospitals are not counted, with or without one) */
  assert_result (database, changning, 2025, "capability.oxygen_therapy", 100, CHC_STATUS_MET);
  assert_result (database, changning, 2025, "construction.centres", 1, CHC_STATUS_BEHIND);
  /* a TCM department: hospitals and centres together */
  set_capability (database, h1, "tcm_dept", 2023);
  assert_result (database, changning, 2025, "capability.tcm_dept", 100.0 / 3, CHC_STATUS_BEHIND);
}

/* The registry as it stood at the end of the year: a station closed now
 * still counts in 2023's network size and floor-area share. */
static void
test_history (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  gint64 changning = district_id (database, "Changning");
  gint64 centre = add_facility (database, changning, "CN-C1", CHC_FACILITY_CENTRE, 0, 0);
  gint64 closing = add_facility (database, changning, "CN-S1", CHC_FACILITY_STATION, centre, 300);
  g_autoptr(ChcFacility) facility = NULL;
  g_autoptr(GError) error = NULL;

  add_facility (database, changning, "CN-S2", CHC_FACILITY_STATION, centre, 100);
  assert_result (database, changning, 2023, "construction.stations", 2, CHC_STATUS_NO_TARGET);
  assert_result (database, changning, 2023, "construction.stations_floor_area_200", 50, CHC_STATUS_NO_TARGET);

  facility = chc_database_get_facility (database, closing, &error);
  g_assert_no_error (error);
  chc_facility_set_status (facility, CHC_FACILITY_CLOSED);
  chc_facility_set_closed_on (facility, "2025-03-31");
  chc_database_update_facility (database, facility, &error);
  g_assert_no_error (error);

  assert_result (database, changning, 2023, "construction.stations", 2, CHC_STATUS_NO_TARGET);
  assert_result (database, changning, 2023, "construction.stations_floor_area_200", 50, CHC_STATUS_NO_TARGET);
  assert_result (database, changning, 2025, "construction.stations", 1, CHC_STATUS_BEHIND);
  assert_result (database, changning, 2025, "construction.stations_floor_area_200", 0, CHC_STATUS_BEHIND);
}

/* Public-health funding: 附件4 says 2026, the main text 2025; both are
 * carried, each with its own year. */
static void
test_funding_both_years (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  gint64 changning = district_id (database, "Changning");

  add_facility (database, changning, "CN-C1", CHC_FACILITY_CENTRE, 0, 0);
  put_value (database, 0, changning, "public_health_funding", "2025", 110);
  put_value (database, 0, changning, "public_health_funding", "2026", 120);
  assert_result (database, changning, 2025, "other.public_health_funding_2025", 110, CHC_STATUS_BEHIND);
  assert_result (database, changning, 2026, "other.public_health_funding", 120, CHC_STATUS_MET);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plans-cs/sources", test_sources);
  g_test_add_func ("/plans-cs/builtin", test_builtin);
  g_test_add_func ("/plans-cs/each-year", test_each_year);
  g_test_add_func ("/plans-cs/key-group", test_key_group);
  g_test_add_func ("/plans-cs/capabilities", test_capabilities);
  g_test_add_func ("/plans-cs/named-construction", test_named_construction);
  g_test_add_func ("/plans-cs/strict-half", test_strict_half);
  g_test_add_func ("/plans-cs/clinics-vs-institutions", test_clinics_vs_institutions);
  g_test_add_func ("/plans-cs/hospitals-and-empty-scope", test_hospitals_and_empty_scope);
  g_test_add_func ("/plans-cs/history", test_history);
  g_test_add_func ("/plans-cs/funding-both-years", test_funding_both_years);

  return g_test_run ();
}
