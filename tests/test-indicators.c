/* test-indicators.c — the indicator methods on hand-made data with known
 * answers, their evaluation from the store, and chc-cli indicators.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include "chc-test-util.h"
#include "core/chc-element.h"
#include "core/chc-indicator.h"
#include "core/chc-validate.h"
#include "store/chc-database-plans.h"

#define CENTRE (1u << CHC_FACILITY_CENTRE)
#define BRANCH (1u << CHC_FACILITY_BRANCH)
#define STATION (1u << CHC_FACILITY_STATION)
#define VILLAGE (1u << CHC_FACILITY_VILLAGE_CLINIC)

/* ---- pure methods ------------------------------------------------------ */

/* Towns 1, 2, 3; centres 10 (town 1), 11 (town 2), 12 (town 3, planned),
 * 13 (town 3, closed); stations 20 (town 1), 21 (town 2); village clinic 30
 * (town 3). */
static ChcSnapshot *
make_snapshot (int year)
{
  ChcSnapshot *snapshot = chc_snapshot_new (year);

  for (gint64 t = 1; t <= 3; t++)
    chc_snapshot_add_town (snapshot, t);
  chc_snapshot_add_facility (snapshot, 10, CHC_FACILITY_CENTRE, 1, TRUE);
  chc_snapshot_add_facility (snapshot, 11, CHC_FACILITY_CENTRE, 2, TRUE);
  chc_snapshot_add_facility (snapshot, 12, CHC_FACILITY_CENTRE, 3, FALSE);
  chc_snapshot_add_facility (snapshot, 13, CHC_FACILITY_CENTRE, 3, FALSE);
  chc_snapshot_add_facility (snapshot, 20, CHC_FACILITY_STATION, 1, TRUE);
  chc_snapshot_add_facility (snapshot, 21, CHC_FACILITY_STATION, 2, TRUE);
  chc_snapshot_add_facility (snapshot, 30, CHC_FACILITY_VILLAGE_CLINIC, 3, TRUE);
  return snapshot;
}

static void
test_share (void)
{
  g_autoptr(ChcSnapshot) snapshot = make_snapshot (2024);
  ChcNoDataReason reason;
  double value = -1;

  /* 10 and 12 satisfy; 12 is planned so it is out of scope: 1 of 2. */
  chc_snapshot_add_satisfying (snapshot, "standardized", 10);
  chc_snapshot_add_satisfying (snapshot, "standardized", 12);
  chc_snapshot_add_satisfying (snapshot, "standardized", 20);
  chc_snapshot_add_satisfying (snapshot, "standardized", 21);
  chc_snapshot_add_condition (snapshot, "nothing");

  g_assert_true (chc_method_share (snapshot, CENTRE, "standardized", &value, &reason));
  g_assert_cmpfloat_with_epsilon (value, 50.0, 1e-9);
  g_assert_cmpint (reason, ==, CHC_NO_DATA_NONE);

  /* Centres and stations: 10, 20, 21 of 10, 11, 20, 21. */
  g_assert_true (chc_method_share (snapshot, CENTRE | STATION, "standardized", &value, &reason));
  g_assert_cmpfloat_with_epsilon (value, 75.0, 1e-9);

  /* A known condition nobody satisfies: 0 %, a value. */
  g_assert_true (chc_method_share (snapshot, CENTRE | STATION | VILLAGE, "nothing", &value, &reason));
  g_assert_cmpfloat (value, ==, 0.0);

  /* No facility in scope (no branch centres): no data, not 0 %. */
  g_assert_false (chc_method_share (snapshot, BRANCH, "standardized", &value, &reason));
  g_assert_cmpint (reason, ==, CHC_NO_DATA_EMPTY_SCOPE);

  /* A condition the store does not know: no data. */
  g_assert_false (chc_method_share (snapshot, CENTRE, "tcm_hall", &value, &reason));
  g_assert_cmpint (reason, ==, CHC_NO_DATA_UNKNOWN_CONDITION);
}

static void
test_count (void)
{
  g_autoptr(ChcSnapshot) snapshot = make_snapshot (2025);
  g_autoptr(ChcSnapshot) empty = chc_snapshot_new (2025);
  ChcNoDataReason reason;
  double value = -1;

  chc_snapshot_add_satisfying (snapshot, "tcm_demo_awarded", 20);
  chc_snapshot_add_satisfying (snapshot, "tcm_demo_awarded", 30);
  chc_snapshot_add_satisfying (snapshot, "tcm_demo_awarded", 13);   /* closed */
  chc_snapshot_add_satisfying (snapshot, "tcm_demo_awarded", 99);   /* not in the district */

  g_assert_true (chc_method_count (snapshot, STATION | VILLAGE, "tcm_demo_awarded", &value, &reason));
  g_assert_cmpfloat (value, ==, 2.0);
  g_assert_true (chc_method_count (snapshot, CENTRE, "tcm_demo_awarded", &value, &reason));
  g_assert_cmpfloat (value, ==, 0.0);

  /* A district with no facilities in scope: no count at all (issue 14:
   * nothing to count is no data, not "behind" with 0)… */
  chc_snapshot_add_condition (empty, "tcm_demo_awarded");
  g_assert_false (chc_method_count (empty, STATION, "tcm_demo_awarded", &value, &reason));
  g_assert_cmpint (reason, ==, CHC_NO_DATA_EMPTY_SCOPE);
  /* …nor a share of nothing. */
  g_assert_false (chc_method_share (empty, STATION, "tcm_demo_awarded", &value, &reason));
  g_assert_cmpint (reason, ==, CHC_NO_DATA_EMPTY_SCOPE);
  g_assert_false (chc_method_count (empty, STATION, "unknown", &value, &reason));
  g_assert_cmpint (reason, ==, CHC_NO_DATA_UNKNOWN_CONDITION);
}

static void
test_town_share (void)
{
  g_autoptr(ChcSnapshot) snapshot = make_snapshot (2025);
  g_autoptr(ChcSnapshot) no_towns = chc_snapshot_new (2025);
  ChcNoDataReason reason;
  double value = -1;

  /* Town 1: station 20 satisfies.  Town 2: only centre 11 (out of a
   * station scope).  Town 3: the closed centre 13. */
  chc_snapshot_add_satisfying (snapshot, "tcm_demo_awarded", 20);
  chc_snapshot_add_satisfying (snapshot, "tcm_demo_awarded", 11);
  chc_snapshot_add_satisfying (snapshot, "tcm_demo_awarded", 13);

  g_assert_true (chc_method_town_share (snapshot, STATION | VILLAGE, "tcm_demo_awarded", &value, &reason));
  g_assert_cmpfloat_with_epsilon (value, 100.0 / 3, 1e-9);
  g_assert_true (chc_method_town_share (snapshot, CENTRE | STATION, "tcm_demo_awarded", &value, &reason));
  g_assert_cmpfloat_with_epsilon (value, 200.0 / 3, 1e-9);

  /* Two facilities in one town count once. */
  chc_snapshot_add_satisfying (snapshot, "tcm_demo_awarded", 10);
  g_assert_true (chc_method_town_share (snapshot, CENTRE | STATION, "tcm_demo_awarded", &value, &reason));
  g_assert_cmpfloat_with_epsilon (value, 200.0 / 3, 1e-9);

  chc_snapshot_add_facility (no_towns, 1, CHC_FACILITY_STATION, 0, TRUE);
  chc_snapshot_add_satisfying (no_towns, "tcm_demo_awarded", 1);
  g_assert_false (chc_method_town_share (no_towns, STATION, "tcm_demo_awarded", &value, &reason));
  g_assert_cmpint (reason, ==, CHC_NO_DATA_NO_TOWNS);
}

static void
add_month (ChcSnapshot *snapshot,
           gint64       facility,
           int          year,
           int          month,
           double       signed_residents,
           double       population)
{
  chc_snapshot_add_figure_value (snapshot, "signed", facility, year, month, signed_residents);
  chc_snapshot_add_figure_value (snapshot, "population", facility, year, month, population);
}

/* The ratio is a stock: each facility at its latest month of the year,
 * summed before dividing. */
static void
test_ratio (void)
{
  g_autoptr(ChcSnapshot) snapshot = make_snapshot (2024);
  ChcNoDataReason reason;
  double value = -1;

  /* Centre 10 reports every month of 2024: December counts (450 / 1000). */
  for (int m = 1; m <= 12; m++)
    add_month (snapshot, 10, 2024, m, 400 + (m == 12 ? 50 : m), 1000);
  /* Centre 11 reports up to June 2024 only: June counts (300 / 1000), not
   * May's. */
  add_month (snapshot, 11, 2024, 5, 250, 1000);
  add_month (snapshot, 11, 2024, 6, 300, 1000);
  /* …and its January 2025 figures are beyond the year. */
  add_month (snapshot, 11, 2025, 1, 999, 1000);
  /* Station 20 has no data at all: it adds nothing. */
  /* Station 21 has only 2023 figures: nothing for 2024. */
  add_month (snapshot, 21, 2023, 12, 500, 500);
  /* The planned centre 12 is out of scope even with figures. */
  add_month (snapshot, 12, 2024, 12, 1000, 1000);
  /* Village clinic 30: its latest numerator month (November) has no
   * denominator; the latest month with both is October. */
  add_month (snapshot, 30, 2024, 10, 20, 200);
  chc_snapshot_add_figure_value (snapshot, "signed", 30, 2024, 11, 40);

  g_assert_true (chc_method_ratio (snapshot, CENTRE, "signed", "population", &value, &reason));
  /* (450 + 300) / (1000 + 1000), never the average of the rates. */
  g_assert_cmpfloat_with_epsilon (value, 0.375, 1e-12);

  g_assert_true (chc_method_ratio (snapshot, CENTRE | STATION | VILLAGE, "signed", "population", &value, &reason));
  g_assert_cmpfloat_with_epsilon (value, (450.0 + 300 + 20) / (1000 + 1000 + 200), 1e-12);

  /* Only facilities without figures in the year: no data. */
  g_assert_false (chc_method_ratio (snapshot, STATION, "signed", "population", &value, &reason));
  g_assert_cmpint (reason, ==, CHC_NO_DATA_NO_FIGURES);

  /* Unknown figures: no data. */
  g_assert_false (chc_method_ratio (snapshot, CENTRE, "signed", "visits", &value, &reason));
  g_assert_cmpint (reason, ==, CHC_NO_DATA_UNKNOWN_FIGURE);

  /* A denominator that sums to 0: no data, not a division by zero. */
  {
    g_autoptr(ChcSnapshot) zero = make_snapshot (2024);

    add_month (zero, 10, 2024, 3, 0, 0);
    g_assert_false (chc_method_ratio (zero, CENTRE, "signed", "population", &value, &reason));
    g_assert_cmpint (reason, ==, CHC_NO_DATA_ZERO_DENOMINATOR);
  }

  /* A district with no facilities. */
  {
    g_autoptr(ChcSnapshot) empty = chc_snapshot_new (2024);

    chc_snapshot_add_figure (empty, "signed");
    chc_snapshot_add_figure (empty, "population");
    g_assert_false (chc_method_ratio (empty, CENTRE, "signed", "population", &value, &reason));
    g_assert_cmpint (reason, ==, CHC_NO_DATA_NO_FIGURES);
  }
}

/* chc_indicator_compute dispatches by method; a percent ratio is × 100. */
static void
test_compute (void)
{
  g_autoptr(ChcSnapshot) snapshot = make_snapshot (2024);
  g_autoptr(ChcIndicator) indicator = chc_indicator_new ();
  ChcNoDataReason reason;
  double value = -1;

  add_month (snapshot, 10, 2024, 12, 453, 1000);
  chc_indicator_set_unit (indicator, CHC_UNIT_PERCENT);
  chc_indicator_set_scope (indicator, CENTRE);
  chc_indicator_set_method (indicator, CHC_METHOD_RATIO);
  chc_indicator_set_condition (indicator, "signed/population");
  g_assert_true (chc_indicator_compute (indicator, snapshot, &value, &reason));
  g_assert_cmpfloat_with_epsilon (value, 45.3, 1e-9);

  chc_indicator_set_condition (indicator, "signed");
  g_assert_false (chc_indicator_compute (indicator, snapshot, &value, &reason));
  g_assert_cmpint (reason, ==, CHC_NO_DATA_BAD_DEFINITION);

  chc_indicator_set_method (indicator, CHC_METHOD_NONE);
  g_assert_false (chc_indicator_compute (indicator, snapshot, &value, &reason));
  g_assert_cmpint (reason, ==, CHC_NO_DATA_NO_METHOD);
  g_assert_cmpstr (chc_no_data_reason_to_string (reason), !=, "");
}

static void
test_status (void)
{
  ChcTargetSpec at_least = { 2025, CHC_TARGET_AT_LEAST, 45, 0, FALSE };
  ChcTargetSpec range = { 2025, CHC_TARGET_AT_LEAST, 7, 10, TRUE };
  ChcTargetSpec at_most = { 2025, CHC_TARGET_AT_MOST, 5, 0, FALSE };

  g_assert_cmpint (chc_target_spec_status (&at_least, CHC_UNIT_PERCENT, TRUE, 45.3), ==, CHC_STATUS_MET);
  g_assert_cmpint (chc_target_spec_status (&at_least, CHC_UNIT_PERCENT, TRUE, 44.9), ==, CHC_STATUS_BEHIND);
  /* Compared as shown: 44.96 shows as 45.0, which meets 45. */
  g_assert_cmpint (chc_target_spec_status (&at_least, CHC_UNIT_PERCENT, TRUE, 44.96), ==, CHC_STATUS_MET);
  g_assert_cmpint (chc_target_spec_status (&at_least, CHC_UNIT_PERCENT, TRUE, 44.94), ==, CHC_STATUS_BEHIND);
  g_assert_cmpint (chc_target_spec_status (&range, CHC_UNIT_COUNT, TRUE, 6), ==, CHC_STATUS_BEHIND);
  g_assert_cmpint (chc_target_spec_status (&range, CHC_UNIT_COUNT, TRUE, 7), ==, CHC_STATUS_MET);
  g_assert_cmpint (chc_target_spec_status (&range, CHC_UNIT_COUNT, TRUE, 12), ==, CHC_STATUS_MET);
  g_assert_cmpint (chc_target_spec_status (&at_most, CHC_UNIT_NUMBER, TRUE, 5), ==, CHC_STATUS_MET);
  g_assert_cmpint (chc_target_spec_status (&at_most, CHC_UNIT_NUMBER, TRUE, 5.01), ==, CHC_STATUS_BEHIND);
  g_assert_cmpint (chc_target_spec_status (&at_least, CHC_UNIT_PERCENT, FALSE, 0), ==, CHC_STATUS_NO_DATA);
  g_assert_cmpint (chc_target_spec_status (NULL, CHC_UNIT_PERCENT, FALSE, 0), ==, CHC_STATUS_NO_DATA);
  g_assert_cmpint (chc_target_spec_status (NULL, CHC_UNIT_PERCENT, TRUE, 50), ==, CHC_STATUS_NO_TARGET);
}

static void
test_format_and_parse (void)
{
  static const struct { const char *in; const char *out; int year; } good[] = {
    { "2025:>=46", "46", 2025 }, { "2025:46", "46", 2025 }, { " 2024 : ≥ 45 % ", "45", 2024 },
    { "2025:7-10", "7-10", 2025 }, { "2025:7~10", "7-10", 2025 }, { "2025:7–10", "7-10", 2025 },
    { "2025:<=5", "<=5", 2025 }, { "2025:≤5", "<=5", 2025 }, { "2025:0.4", "0.4", 2025 },
    { "2026:>=120", "120", 2026 }, { "2025:47.5", "47.5", 2025 },
  };
  static const char *const bad[] = {
    "46", "2025", "2025:", "2025:>=", "2025:abc", "2025:7-", "2025:7-10-12", "x:5", "2025:=>5",
  };
  g_autoptr(GArray) list = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      ChcTargetSpec spec;
      g_autofree char *text = NULL;

      g_assert_true (chc_target_spec_parse (good[i].in, &spec, &error));
      g_assert_no_error (error);
      g_assert_cmpint (spec.year, ==, good[i].year);
      text = chc_target_spec_format (&spec);
      g_assert_cmpstr (text, ==, good[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      ChcTargetSpec spec;

      g_assert_false (chc_target_spec_parse (bad[i], &spec, &error));
      g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
      g_clear_error (&error);
    }

  list = chc_target_spec_parse_list ("2023:>=43;2024:>=45; 2025:>=46;", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpfloat (g_array_index (list, ChcTargetSpec, 1).min_value, ==, 45);
  g_assert_null (chc_target_spec_parse_list ("2023:43;2024:x", &error));
  g_assert_nonnull (strstr (error->message, "2024:x"));
  g_clear_error (&error);

  {
    g_autofree char *a = chc_format_value (CHC_UNIT_PERCENT, 45.25001);
    g_autofree char *b = chc_format_value (CHC_UNIT_COUNT, 7);
    g_autofree char *c = chc_format_value (CHC_UNIT_NUMBER, 0.4);
    g_autofree char *d = chc_format_value (CHC_UNIT_PERCENT, -0.0001);

    g_assert_cmpstr (a, ==, "45.3");
    g_assert_cmpstr (b, ==, "7");
    g_assert_cmpstr (c, ==, "0.40");
    g_assert_cmpstr (d, ==, "0.0");
  }
}

/* ---- from the store ---------------------------------------------------- */

static void
exec_sql (ChcDatabase *database,
          const char  *sql)
{
  sqlite3 *raw = NULL;
  char *message = NULL;

  /* Rows of other branches' tables (signing) through a second connection,
   * as another process would write them. */
  g_assert_cmpint (sqlite3_open (chc_database_get_path (database), &raw), ==, SQLITE_OK);
  sqlite3_busy_timeout (raw, 5000);
  if (sqlite3_exec (raw, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (raw);
}

static gint64
district_id (ChcDatabase *database,
             const char  *name)
{
  g_autoptr(ChcDistrict) district = chc_database_find_district (database, name, NULL);

  g_assert_nonnull (district);
  return chc_district_get_id (district);
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

static ChcFacility *
add_facility (ChcDatabase     *database,
              gint64           district,
              const char      *code,
              ChcFacilityType  type,
              gint64           parent,
              int              standardized_year)
{
  g_autoptr(GError) error = NULL;
  ChcFacility *facility = chc_facility_new ();

  chc_facility_set_code (facility, code);
  chc_facility_set_name (facility, code);
  chc_facility_set_facility_type (facility, type);
  chc_facility_set_district_id (facility, district);
  chc_facility_set_parent_id (facility, parent);
  chc_facility_set_standardized (facility, standardized_year > 0);
  chc_facility_set_standardized_year (facility, standardized_year);
  chc_database_add_facility (database, facility, &error);
  g_assert_no_error (error);
  return facility;
}

/* Hand-made Qingpu: two centres with signing figures, three stations. */
static ChcDatabase *
make_database (void)
{
  ChcDatabase *database = chc_test_new_database (TRUE);
  gint64 qingpu = district_id (database, "Qingpu");
  g_autoptr(ChcFacility) c1 = add_facility (database, qingpu, "C1", CHC_FACILITY_CENTRE, 0, 2020);
  g_autoptr(ChcFacility) c2 = add_facility (database, qingpu, "C2", CHC_FACILITY_CENTRE, 0, 0);
  g_autoptr(ChcFacility) s1 = add_facility (database, qingpu, "S1", CHC_FACILITY_STATION, chc_facility_get_id (c1), 2023);
  g_autoptr(ChcFacility) s2 = add_facility (database, qingpu, "S2", CHC_FACILITY_STATION, chc_facility_get_id (c1), 2024);
  g_autoptr(ChcFacility) v1 = add_facility (database, qingpu, "V1", CHC_FACILITY_VILLAGE_CLINIC, chc_facility_get_id (c2), 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  chc_database_set_capability (database, chc_facility_get_id (c1), CHC_CAPABILITY_REHAB_DEMO, 2023, &error);
  chc_database_set_capability (database, chc_facility_get_id (c2), CHC_CAPABILITY_REHAB_DEMO, 2025, &error);
  chc_database_set_capability (database, chc_facility_get_id (c1), CHC_CAPABILITY_CT, 2023, &error);
  g_assert_no_error (error);

  /* C1: every month of 2024 (December 4,530 / 10,000) and 2023-12.
   * C2: up to 2024-06 only (June 1,000 / 5,000). */
  {
    GString *text = g_string_new ("BEGIN;");

    for (int m = 1; m <= 12; m++)
      g_string_append_printf (text,
                              "INSERT INTO signing (facility_id, period, resident_population, signed_residents,"
                              " key_population, key_population_signed, signed_visits_total, signed_visits_in_community)"
                              " VALUES (%" G_GINT64_FORMAT ", '2024-%02d', 10000, %d, 2000, 1500, 800, 700);",
                              chc_facility_get_id (c1), m, m == 12 ? 4530 : 4000 + m);
    g_string_append_printf (text,
                            "INSERT INTO signing (facility_id, period, resident_population, signed_residents)"
                            " VALUES (%" G_GINT64_FORMAT ", '2023-12', 10000, 4100);",
                            chc_facility_get_id (c1));
    for (int m = 1; m <= 6; m++)
      g_string_append_printf (text,
                              "INSERT INTO signing (facility_id, period, resident_population, signed_residents,"
                              " key_population, key_population_signed, signed_visits_total, signed_visits_in_community)"
                              " VALUES (%" G_GINT64_FORMAT ", '2024-%02d', 5000, %d, 1000, 700, 200, 150);",
                              chc_facility_get_id (c2), m, m == 6 ? 1000 : 900);
    g_string_append (text, "COMMIT;");
    sql = g_string_free (text, FALSE);
  }
  exec_sql (database, sql);
  return database;
}

static void
test_store_evaluate (void)
{
  g_autoptr(ChcDatabase) database = make_database ();
  gint64 qingpu = district_id (database, "Qingpu");
  g_autoptr(GPtrArray) y2023 = NULL;
  g_autoptr(GPtrArray) y2024 = NULL;
  g_autoptr(GPtrArray) y2025 = NULL;
  g_autoptr(GError) error = NULL;
  ChcIndicatorResult *r;

  y2024 = chc_database_evaluate_plan (database, qingpu, 2024, &error);
  g_assert_no_error (error);

  /* Stock: C1 at December, C2 at June: (4530 + 1000) / (10000 + 5000). */
  r = find_result (y2024, "signing.coverage");
  g_assert_true (chc_indicator_result_get_has_value (r));
  g_assert_cmpfloat_with_epsilon (chc_indicator_result_get_value (r), 100.0 * 5530 / 15000, 1e-9);
  g_assert_cmpint (chc_indicator_result_get_status (r), ==, CHC_STATUS_BEHIND);
  {
    g_autofree char *value = chc_indicator_result_dup_value_text (r);
    g_autofree char *target = chc_indicator_result_dup_target_text (r);
    g_assert_cmpstr (value, ==, "36.9");
    g_assert_cmpstr (target, ==, "45");
  }

  /* Compliance: visits are a flow (data/elements.ini), summed over the
   * year: (12 × 700 + 6 × 150) / (12 × 800 + 6 × 200) = 86.1 % meets 85. */
  r = find_result (y2024, "signing.compliance");
  g_assert_cmpfloat_with_epsilon (chc_indicator_result_get_value (r), 9300.0 / 10800.0 * 100.0, 1e-9);
  g_assert_cmpint (chc_indicator_result_get_status (r), ==, CHC_STATUS_MET);

  /* Stations and village clinics standardized by the end of 2024: S1, S2
   * of S1, S2, V1; in the year 2024: S2 only. */
  r = find_result (y2024, "construction.stations_standardized");
  g_assert_cmpfloat_with_epsilon (chc_indicator_result_get_value (r), 200.0 / 3, 1e-9);
  g_assert_cmpint (chc_indicator_result_get_status (r), ==, CHC_STATUS_NO_TARGET);
  r = find_result (y2024, "construction.stations_standardized_in_year");
  g_assert_cmpfloat (chc_indicator_result_get_value (r), ==, 1);
  g_assert_cmpint (chc_indicator_result_get_status (r), ==, CHC_STATUS_BEHIND);

  /* Capabilities by the year reached. */
  r = find_result (y2024, "capability.rehab_demo");
  g_assert_cmpfloat (chc_indicator_result_get_value (r), ==, 1);
  r = find_result (y2024, "capability.ct");
  g_assert_cmpfloat (chc_indicator_result_get_value (r), ==, 1);
  g_assert_null (chc_indicator_result_get_target (r));

  /* TCM: the registered conditions count what the store holds — here no
   * specialty clinic at all, so 0 % of the centres in scope, behind the
   * 75 % of 2024 (a value, not "no data": facilities are in scope). */
  r = find_result (y2024, "tcm.specialty_coverage");
  g_assert_true (chc_indicator_result_get_has_value (r));
  g_assert_cmpfloat (chc_indicator_result_get_value (r), ==, 0);
  g_assert_cmpint (chc_indicator_result_get_status (r), ==, CHC_STATUS_BEHIND);
  {
    g_autofree char *target = chc_indicator_result_dup_target_text (r);
    g_assert_cmpstr (target, ==, "75");
  }
  /* A method "none": no data, with a reason. */
  r = find_result (y2024, "other.referral_slots");
  g_assert_false (chc_indicator_result_get_has_value (r));
  g_assert_cmpint (chc_indicator_result_get_status (r), ==, CHC_STATUS_NO_DATA);
  g_assert_nonnull (chc_indicator_result_get_note (r));

  /* 2023: only C1's December; 2025: nobody reported → no data. */
  y2023 = chc_database_evaluate_plan (database, qingpu, 2023, &error);
  g_assert_no_error (error);
  r = find_result (y2023, "signing.coverage");
  g_assert_cmpfloat_with_epsilon (chc_indicator_result_get_value (r), 41.0, 1e-9);
  g_assert_cmpint (chc_indicator_result_get_status (r), ==, CHC_STATUS_BEHIND);
  r = find_result (y2023, "capability.ct");
  g_assert_cmpint (chc_indicator_result_get_status (r), ==, CHC_STATUS_BEHIND);   /* 1 of 8 */

  y2025 = chc_database_evaluate_plan (database, qingpu, 2025, &error);
  g_assert_no_error (error);
  r = find_result (y2025, "signing.coverage");
  g_assert_false (chc_indicator_result_get_has_value (r));
  r = find_result (y2025, "capability.rehab_demo");
  g_assert_cmpfloat (chc_indicator_result_get_value (r), ==, 2);

  /* No plan covers 2030. */
  {
    g_autoptr(GPtrArray) none = chc_database_evaluate_plan (database, qingpu, 2030, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

/* A district with no facilities: shares, ratios and counts have no data
 * (issue 14: no facility in scope is not "behind"), with the reason. */
static void
test_store_empty_district (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = chc_database_evaluate_plan (database, district_id (database, "Changning"), 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, >=, 10);
  g_assert_false (chc_indicator_result_get_has_value (find_result (results, "signing.coverage")));
  g_assert_false (chc_indicator_result_get_has_value (find_result (results, "capability.rehab_coverage")));
  g_assert_false (chc_indicator_result_get_has_value (find_result (results, "construction.stations_floor_area_200")));
  g_assert_false (chc_indicator_result_get_has_value (find_result (results, "construction.network_institutions")));
  g_assert_cmpint (chc_indicator_result_get_status (find_result (results, "construction.network_institutions")), ==,
                   CHC_STATUS_NO_DATA);
  g_assert_cmpstr (chc_indicator_result_get_note (find_result (results, "construction.network_institutions")), ==,
                   chc_no_data_reason_to_string (CHC_NO_DATA_EMPTY_SCOPE));
  for (guint i = 0; i < results->len; i++)
    g_assert_cmpint (chc_indicator_result_get_status (g_ptr_array_index (results, i)), !=, CHC_STATUS_MET);
}

static void
test_store_trend (void)
{
  g_autoptr(ChcDatabase) database = make_database ();
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  GArray *trend;
  ChcIndicatorResult *r;

  results = chc_database_evaluate_plan_with_trend (database, district_id (database, "Qingpu"), 2024, &error);
  g_assert_no_error (error);
  r = find_result (results, "signing.coverage");
  trend = chc_indicator_result_get_trend (r);
  g_assert_nonnull (trend);
  g_assert_cmpuint (trend->len, ==, 3);
  g_assert_cmpint (g_array_index (trend, ChcTrendPoint, 0).year, ==, 2023);
  g_assert_true (g_array_index (trend, ChcTrendPoint, 0).has_value);
  g_assert_cmpfloat_with_epsilon (g_array_index (trend, ChcTrendPoint, 0).value, 41.0, 1e-9);
  g_assert_true (g_array_index (trend, ChcTrendPoint, 0).has_target);
  g_assert_cmpfloat (g_array_index (trend, ChcTrendPoint, 0).target.min_value, ==, 43);
  g_assert_cmpfloat_with_epsilon (g_array_index (trend, ChcTrendPoint, 1).value, 100.0 * 5530 / 15000, 1e-9);
  g_assert_false (g_array_index (trend, ChcTrendPoint, 2).has_value);
  g_assert_cmpfloat (g_array_index (trend, ChcTrendPoint, 2).target.min_value, ==, 46);

  /* The result for the year is the same as without a trend. */
  g_assert_cmpfloat_with_epsilon (chc_indicator_result_get_value (r), 100.0 * 5530 / 15000, 1e-9);
}

/* The snapshot loads only whitelisted names. */
static void
test_store_whitelist (void)
{
  g_autoptr(ChcDatabase) database = make_database ();
  const char *const wanted[] = { "standardized", "capability:ct", "1; DROP TABLE facility", NULL };
  const char *const figures[] = { "signing.signed_residents", "facility.floor_area", NULL };
  g_autoptr(ChcSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = chc_database_list_conditions ();

  snapshot = chc_database_load_snapshot (database, district_id (database, "Qingpu"), 2024,
                                         wanted, figures, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chc_snapshot_get_n_facilities (snapshot), ==, 5);
  g_assert_true (chc_snapshot_has_condition (snapshot, "standardized"));
  g_assert_true (chc_snapshot_has_condition (snapshot, "capability:ct"));
  g_assert_false (chc_snapshot_has_condition (snapshot, "1; DROP TABLE facility"));
  g_assert_true (chc_snapshot_has_figure (snapshot, "signing.signed_residents"));
  g_assert_false (chc_snapshot_has_figure (snapshot, "facility.floor_area"));

  g_assert_true (g_strv_contains ((const char * const *) names, "operating"));
  g_assert_true (g_strv_contains ((const char * const *) names, "floor_area_200"));
  for (guint k = 0; k < CHC_N_CAPABILITY_KINDS; k++)
    {
      g_autofree char *name = g_strconcat ("capability:", chc_capability_kind_to_nick (k), NULL);
      g_assert_true (chc_database_has_condition (name));
    }
  g_assert_true (chc_database_has_figure ("signing.signed_visits_in_community"));
  g_assert_false (chc_database_has_condition ("tcm_nonexistent"));

  /* Every condition has a name for people (the targets dialog shows it). */
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *label = chc_database_condition_label (names[i]);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, names[i]);
    }
  {
    g_autofree char *label = chc_database_condition_label ("element:remote_consultation");

    g_assert_cmpstr (label, ==, chc_element_get_label (chc_elements_find_builtin ("remote_consultation")));
  }
  g_assert_null (chc_database_condition_label ("tcm_nonexistent"));
  g_assert_null (chc_database_condition_label ("element:resident_population"));   /* not a yes/no */
}

/* ---- chc-cli indicators ----------------------------------------------- */

static int
run_cli_env (const char *const *argv,
             const char        *lc_all,
             char             **out,
             char             **err)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (args, (gpointer) g_getenv ("CHC_CLI"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  envp = g_environ_setenv (envp, "LC_ALL", lc_all, TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  g_spawn_sync (NULL, (char **) args->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char **
find_row (char       **lines,
          const char  *code)
{
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], code) && lines[i][strlen (code)] == '\t')
      return g_strsplit (lines[i], "\t", -1);
  g_error ("no row %s", code);
  return NULL;
}

static void
test_cli (void)
{
  g_autoptr(ChcDatabase) database = make_database ();
  g_autofree char *path = g_strdup (chc_database_get_path (database));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_clear_object (&database);

  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", path, "indicators", "--district", "青浦", "--year", "2024", NULL },
                                     &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "code\tname\tunit\tvalue\ttarget\tstatus\tsource\tnote");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 8);
      g_assert_true (g_strv_contains ((const char *[]) { "met", "behind", "no-data", "no-target", NULL }, fields[5]));
    }

  {
    g_auto(GStrv) row = find_row (lines, "signing.coverage");
    g_assert_cmpstr (row[1], ==, "Family-doctor signing coverage (resident population)");
    g_assert_cmpstr (row[2], ==, "percent");
    g_assert_cmpstr (row[3], ==, "36.9");
    g_assert_cmpstr (row[4], ==, "45");
    g_assert_cmpstr (row[5], ==, "behind");
  }
  {
    /* visits are a flow (data/elements.ini): the year's sums */
    g_auto(GStrv) row = find_row (lines, "signing.compliance");
    g_assert_cmpstr (row[3], ==, "86.1");
    g_assert_cmpstr (row[4], ==, "85");
    g_assert_cmpstr (row[5], ==, "met");
  }
  {
    g_auto(GStrv) row = find_row (lines, "construction.stations_standardized_in_year");
    g_assert_cmpstr (row[2], ==, "count");
    g_assert_cmpstr (row[3], ==, "1");
    g_assert_cmpstr (row[4], ==, "59");
  }
  {
    g_auto(GStrv) row = find_row (lines, "tcm.specialty_coverage");
    g_assert_cmpstr (row[3], ==, "0.0");
    g_assert_cmpstr (row[5], ==, "behind");
  }
  {
    g_auto(GStrv) row = find_row (lines, "other.referral_slots");
    g_assert_cmpstr (row[3], ==, "");
    g_assert_cmpstr (row[5], ==, "no-data");
  }
  g_clear_pointer (&lines, g_strfreev);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The range target as written; Chinese names under a zh locale. */
  g_assert_cmpint (run_cli_env ((const char *[]) { "--db", path, "indicators", "--district", "Qingpu", "--year", "2025", NULL },
                                "zh_CN.UTF-8", &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "code\tname\tunit\tvalue\ttarget\tstatus\tsource\tnote");
  {
    g_auto(GStrv) row = find_row (lines, "tcm.demo_stations");
    g_assert_cmpstr (row[1], ==, "市级中医药特色示范社区卫生服务站（村卫生室）");
    g_assert_cmpstr (row[3], ==, "0");
    g_assert_cmpstr (row[4], ==, "7-10");
    g_assert_cmpstr (row[5], ==, "behind");
  }
  {
    g_auto(GStrv) row = find_row (lines, "capability.rehab_demo");
    g_assert_cmpstr (row[3], ==, "2");
    g_assert_cmpstr (row[4], ==, "6");
    g_assert_cmpstr (row[5], ==, "behind");
  }
  g_clear_pointer (&lines, g_strfreev);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Usage errors: exit 2. */
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", path, "indicators", "--district", "青浦", NULL },
                                     &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", path, "indicators", "--district", "苏州", "--year", "2024", NULL },
                                     &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "苏州"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/indicators/method/share", test_share);
  g_test_add_func ("/indicators/method/count", test_count);
  g_test_add_func ("/indicators/method/town-share", test_town_share);
  g_test_add_func ("/indicators/method/ratio-stock", test_ratio);
  g_test_add_func ("/indicators/method/compute", test_compute);
  g_test_add_func ("/indicators/status", test_status);
  g_test_add_func ("/indicators/format-and-parse", test_format_and_parse);
  g_test_add_func ("/indicators/store/evaluate", test_store_evaluate);
  g_test_add_func ("/indicators/store/empty-district", test_store_empty_district);
  g_test_add_func ("/indicators/store/trend", test_store_trend);
  g_test_add_func ("/indicators/store/whitelist", test_store_whitelist);
  g_test_add_func ("/indicators/cli", test_cli);

  return g_test_run ();
}
