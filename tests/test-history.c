/* test-history.c — issue 14: indicators computed with the registry as it
 * stood at the end of the period (opening and closing dates, type
 * changes), hospitals outside the community scopes, and the computation
 * rules the plans need (strict targets, a target for each facility,
 * clinics counted as clinics, no data on an empty scope); schema 8's
 * migration and the built-in plans reaching an older database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sqlite3.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "chc-test-util.h"
#include "core/chc-date.h"
#include "core/chc-indicator.h"
#include "io/chc-csv-import.h"
#include "io/chc-plan-loader.h"
#include "store/chc-database-plans.h"
#include "store/chc-database-projects.h"

static gint64
district_id (ChcDatabase *database,
             const char  *name)
{
  g_autoptr(ChcDistrict) district = chc_database_find_district (database, name, NULL);

  g_assert_nonnull (district);
  return chc_district_get_id (district);
}

/* The result of indicator @code of @district's plan for @year. */
static ChcIndicatorResult *
evaluate_one (ChcDatabase *database,
              const char  *district,
              int          year,
              const char  *code)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = chc_database_evaluate_plan (database, district_id (database, district), year, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      ChcIndicatorResult *r = g_ptr_array_index (results, i);

      if (g_str_equal (chc_indicator_get_code (chc_indicator_result_get_indicator (r)), code))
        return g_object_ref (r);
    }
  g_error ("no indicator %s in %s's plan for %d", code, district, year);
}

static double
value_of (ChcDatabase *database,
          const char  *district,
          int          year,
          const char  *code)
{
  g_autoptr(ChcIndicatorResult) r = evaluate_one (database, district, year, code);

  g_assert_true (chc_indicator_result_get_has_value (r));
  return chc_indicator_result_get_value (r);
}

static ChcFacility *
add_facility (ChcDatabase     *database,
              gint64           district,
              const char      *code,
              ChcFacilityType  type,
              gint64           parent,
              ChcFacilityStatus status)
{
  g_autoptr(GError) error = NULL;
  ChcFacility *facility = chc_facility_new ();

  chc_facility_set_code (facility, code);
  chc_facility_set_name (facility, code);
  chc_facility_set_facility_type (facility, type);
  chc_facility_set_district_id (facility, district);
  chc_facility_set_parent_id (facility, parent);
  chc_facility_set_status (facility, status);
  chc_database_add_facility (database, facility, &error);
  g_assert_no_error (error);
  return facility;
}

static char *
today_iso (void)
{
  GDate today;

  chc_date_today (&today);
  return chc_date_to_iso (&today);
}

/* Closing a station today leaves every past year as it was; closing it
 * on a date of 2024 takes it out of 2024 and later, not 2023. */
static void
test_close_station (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autofree char *today = today_iso ();
  g_autoptr(ChcFacility) stored = NULL;
  g_autoptr(ChcFacility) closing = NULL;
  g_autoptr(GError) error = NULL;
  double before[3];
  gint64 id;

  /* a standardized station of Qingpu (standardized in 2023) */
  id = chc_test_query_int (db, "SELECT f.id FROM facility f JOIN district d ON d.id = f.district_id"
                               " WHERE d.name_en = 'Qingpu' AND f.type IN ('station', 'village_clinic')"
                               " AND f.status = 'operating' AND f.standardized_year = 2023 ORDER BY f.id LIMIT 1");
  g_assert_cmpint (id, >, 0);
  for (int y = 2023; y <= 2025; y++)
    before[y - 2023] = value_of (db, "Qingpu", y, "construction.stations_standardized");

  stored = chc_database_get_facility (db, id, &error);
  g_assert_no_error (error);
  closing = chc_facility_copy (stored);
  chc_facility_set_status (closing, CHC_FACILITY_CLOSED);
  g_assert_true (chc_database_update_facility (db, closing, &error));
  g_assert_no_error (error);
  /* closed today: the store dates it */
  g_assert_cmpstr (chc_facility_get_closed_on (closing), ==, today);
  for (int y = 2023; y <= 2025; y++)
    g_assert_cmpfloat_with_epsilon (value_of (db, "Qingpu", y, "construction.stations_standardized"),
                                    before[y - 2023], 1e-9);

  /* closed on 30 June 2024 (entered late): 2023 as it was, 2024 without it */
  chc_facility_set_closed_on (closing, "2024-06-30");
  g_assert_true (chc_database_update_facility (db, closing, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (value_of (db, "Qingpu", 2023, "construction.stations_standardized"),
                                  before[0], 1e-9);
  g_assert_cmpfloat (value_of (db, "Qingpu", 2024, "construction.stations_standardized"), <, before[1]);

  /* reopened: the closing date goes, every year counts it again */
  chc_facility_set_status (closing, CHC_FACILITY_OPERATING);
  g_assert_true (chc_database_update_facility (db, closing, &error));
  g_assert_no_error (error);
  g_assert_null (chc_facility_get_closed_on (closing));
  g_assert_cmpfloat_with_epsilon (value_of (db, "Qingpu", 2024, "construction.stations_standardized"),
                                  before[1], 1e-9);

  /* a closing date before the opening date is refused */
  chc_facility_set_status (closing, CHC_FACILITY_CLOSED);
  chc_facility_set_opened_on (closing, "2020-01-01");
  chc_facility_set_closed_on (closing, "2019-01-01");
  g_assert_false (chc_database_update_facility (db, closing, &error));
  g_assert_nonnull (error);
}

/* A station that became a branch centre today was a station in every past
 * year; one that opened in 2024 is not in 2023's denominators. */
static void
test_type_change_and_opening (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_database (TRUE);
  gint64 qingpu = district_id (db, "Qingpu");
  g_autoptr(ChcFacility) centre = add_facility (db, qingpu, "H-C1", CHC_FACILITY_CENTRE, 0, CHC_FACILITY_OPERATING);
  g_autoptr(ChcFacility) s1 = add_facility (db, qingpu, "H-S1", CHC_FACILITY_STATION, chc_facility_get_id (centre),
                                            CHC_FACILITY_OPERATING);
  g_autoptr(ChcFacility) s2 = add_facility (db, qingpu, "H-S2", CHC_FACILITY_STATION, chc_facility_get_id (centre),
                                            CHC_FACILITY_OPERATING);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = today_iso ();
  g_autofree char *old_type = NULL;

  /* s1 standardized in 2023: 1 of 2 stations in every year */
  chc_facility_set_standardized (s1, TRUE);
  chc_facility_set_standardized_year (s1, 2023);
  g_assert_true (chc_database_update_facility (db, s1, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (value_of (db, "Qingpu", 2024, "construction.stations_standardized"), ==, 50.0);

  /* s2 becomes a branch centre today: still a station in 2024 */
  chc_facility_set_facility_type (s2, CHC_FACILITY_BRANCH);
  g_assert_true (chc_database_update_facility (db, s2, &error));
  g_assert_no_error (error);
  old_type = chc_test_query_text (db, "SELECT old_type || ' ' || changed_on FROM facility_type_change");
  g_assert_nonnull (old_type);
  g_assert_true (g_str_has_prefix (old_type, "station "));
  g_assert_true (g_str_has_suffix (old_type, today));
  g_assert_cmpfloat (value_of (db, "Qingpu", 2024, "construction.stations_standardized"), ==, 50.0);

  /* s2 opened on 1 March 2024: 2023 counts s1 alone */
  chc_facility_set_opened_on (s2, "2024-03-01");
  g_assert_true (chc_database_update_facility (db, s2, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (value_of (db, "Qingpu", 2023, "construction.stations_standardized"), ==, 100.0);
  g_assert_cmpfloat (value_of (db, "Qingpu", 2024, "construction.stations_standardized"), ==, 50.0);

  /* a planned station is in no year until it opens */
  {
    g_autoptr(ChcFacility) planned = add_facility (db, qingpu, "H-S3", CHC_FACILITY_STATION,
                                                   chc_facility_get_id (centre), CHC_FACILITY_PLANNED);

    g_assert_cmpfloat (value_of (db, "Qingpu", 2024, "construction.stations_standardized"), ==, 50.0);
    /* put into service (no date given): opened today */
    chc_facility_set_status (planned, CHC_FACILITY_OPERATING);
    g_assert_true (chc_database_update_facility (db, planned, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (chc_facility_get_opened_on (planned), ==, today);
    g_assert_cmpfloat (value_of (db, "Qingpu", 2024, "construction.stations_standardized"), ==, 50.0);
  }
}

/* A hospital (二级及以上医疗机构) is in no community scope: the centres'
 * shares and counts are the same with it, a scope of hospitals counts it. */
static void
test_hospital_excluded (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_database (TRUE);
  gint64 songjiang = district_id (db, "Songjiang");
  g_autoptr(ChcFacility) centre = add_facility (db, songjiang, "H-C1", CHC_FACILITY_CENTRE, 0, CHC_FACILITY_OPERATING);
  g_autoptr(ChcFacility) hospital = NULL;
  g_autoptr(ChcSnapshot) snapshot = chc_snapshot_new (2025);
  g_autoptr(GError) error = NULL;
  double with, without;
  ChcNoDataReason reason;

  g_assert_true (chc_database_set_capability (db, chc_facility_get_id (centre), CHC_CAPABILITY_HEALTH_MANAGEMENT,
                                              2024, &error));
  g_assert_no_error (error);
  without = value_of (db, "Songjiang", 2025, "capability.health_management_coverage");
  g_assert_cmpfloat (without, ==, 100.0);

  hospital = add_facility (db, songjiang, "H-H1", CHC_FACILITY_HOSPITAL, 0, CHC_FACILITY_OPERATING);
  with = value_of (db, "Songjiang", 2025, "capability.health_management_coverage");
  g_assert_cmpfloat (with, ==, without);

  /* a hospital under a centre is refused */
  chc_facility_set_parent_id (hospital, chc_facility_get_id (centre));
  g_assert_false (chc_database_update_facility (db, hospital, &error));
  g_assert_nonnull (error);

  /* in the pure methods: a hospital scope counts hospitals only */
  chc_snapshot_add_facility (snapshot, 1, CHC_FACILITY_CENTRE, 0, TRUE);
  chc_snapshot_add_facility (snapshot, 2, CHC_FACILITY_HOSPITAL, 0, TRUE);
  chc_snapshot_add_satisfying (snapshot, "x", 2);
  g_assert_true (chc_method_count (snapshot, 1u << CHC_FACILITY_HOSPITAL, "x", &with, &reason));
  g_assert_cmpfloat (with, ==, 1.0);
  g_assert_true (chc_method_share (snapshot, 1u << CHC_FACILITY_CENTRE, "x", &with, &reason));
  g_assert_cmpfloat (with, ==, 0.0);
}

/* "超过一半" is strictly more than half: exactly 50 % is behind. */
static void
test_strict_target (void)
{
  ChcTargetSpec spec;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (chc_target_spec_parse ("2025:>50", &spec, &error));
  g_assert_no_error (error);
  g_assert_cmpint (spec.op, ==, CHC_TARGET_MORE_THAN);
  g_assert_cmpint (chc_target_spec_status (&spec, CHC_UNIT_PERCENT, TRUE, 50.0), ==, CHC_STATUS_BEHIND);
  g_assert_cmpint (chc_target_spec_status (&spec, CHC_UNIT_PERCENT, TRUE, 50.04), ==, CHC_STATUS_BEHIND);
  g_assert_cmpint (chc_target_spec_status (&spec, CHC_UNIT_PERCENT, TRUE, 50.1), ==, CHC_STATUS_MET);
  text = chc_target_spec_format (&spec);
  g_assert_cmpstr (text, ==, ">50");
  g_assert_cmpstr (chc_target_op_to_symbol (spec.op), ==, ">");

  g_assert_true (chc_target_spec_parse ("2025:<5", &spec, &error));
  g_assert_cmpint (spec.op, ==, CHC_TARGET_LESS_THAN);
  g_assert_cmpint (chc_target_spec_status (&spec, CHC_UNIT_NUMBER, TRUE, 5.0), ==, CHC_STATUS_BEHIND);
  g_assert_cmpint (chc_target_spec_status (&spec, CHC_UNIT_NUMBER, TRUE, 4.9), ==, CHC_STATUS_MET);

  /* ≥ stays as it was: exactly the target is met */
  g_assert_true (chc_target_spec_parse ("2025:>=50", &spec, &error));
  g_assert_cmpint (chc_target_spec_status (&spec, CHC_UNIT_PERCENT, TRUE, 50.0), ==, CHC_STATUS_MET);
}

/* A target for each facility: the value is the lowest facility's, each
 * facility's value is listed, and one centre below makes it behind. */
static void
test_per_facility (void)
{
  g_autoptr(ChcSnapshot) snapshot = chc_snapshot_new (2025);
  g_autoptr(ChcIndicator) indicator = chc_indicator_new ();
  g_autoptr(GArray) each = NULL;
  ChcTargetSpec spec = { 2025, CHC_TARGET_AT_LEAST, 10, 0, FALSE };
  ChcNoDataReason reason;
  double value;

  chc_indicator_set_unit (indicator, CHC_UNIT_PERCENT);
  chc_indicator_set_scope (indicator, 1u << CHC_FACILITY_CENTRE);
  chc_indicator_set_method (indicator, CHC_METHOD_RATIO);
  chc_indicator_set_condition (indicator, "element:measured/element:managed");

  chc_snapshot_add_facility (snapshot, 1, CHC_FACILITY_CENTRE, 0, TRUE);
  chc_snapshot_add_facility (snapshot, 2, CHC_FACILITY_CENTRE, 0, TRUE);
  chc_snapshot_add_facility (snapshot, 3, CHC_FACILITY_CENTRE, 0, TRUE);
  /* 1: 30 of 100 (30 %), 2: 8 of 100 (8 %), 3: nothing reported */
  chc_snapshot_add_figure_value (snapshot, "element:measured", 1, 2025, 12, 30);
  chc_snapshot_add_figure_value (snapshot, "element:managed", 1, 2025, 12, 100);
  chc_snapshot_add_figure_value (snapshot, "element:measured", 2, 2025, 12, 8);
  chc_snapshot_add_figure_value (snapshot, "element:managed", 2, 2025, 12, 100);

  /* the district as a whole is 19 %, above 10 % … */
  g_assert_true (chc_indicator_compute (indicator, snapshot, &value, &reason));
  g_assert_cmpfloat_with_epsilon (value, 19.0, 1e-9);
  /* … but each centre must be: the lowest is 8 %, behind */
  chc_indicator_set_per_facility (indicator, TRUE);
  g_assert_true (chc_indicator_compute (indicator, snapshot, &value, &reason));
  g_assert_cmpfloat_with_epsilon (value, 8.0, 1e-9);
  g_assert_cmpint (chc_target_spec_status (&spec, CHC_UNIT_PERCENT, TRUE, value), ==, CHC_STATUS_BEHIND);
  each = chc_indicator_compute_by_facility (indicator, snapshot);
  g_assert_cmpuint (each->len, ==, 2);
  g_assert_cmpint (g_array_index (each, ChcFacilityValue, 0).facility_id, ==, 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (each, ChcFacilityValue, 0).value, 30.0, 1e-9);
  g_assert_cmpint (g_array_index (each, ChcFacilityValue, 1).facility_id, ==, 2);

  /* nobody reported: no data, not behind */
  {
    g_autoptr(ChcSnapshot) empty = chc_snapshot_new (2025);

    chc_snapshot_add_facility (empty, 1, CHC_FACILITY_CENTRE, 0, TRUE);
    chc_snapshot_add_figure (empty, "element:measured");
    chc_snapshot_add_figure (empty, "element:managed");
    g_assert_false (chc_indicator_compute (indicator, empty, &value, &reason));
    g_assert_cmpint (reason, ==, CHC_NO_DATA_NO_FIGURES);
  }
}

/* The same through the store and chc-cli: each facility's value, the note
 * naming the one behind, --by-facility listing them. */
static void
test_per_facility_store (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_database (TRUE);
  gint64 songjiang = district_id (db, "Songjiang");
  g_autoptr(ChcFacility) c1 = add_facility (db, songjiang, "PF-C1", CHC_FACILITY_CENTRE, 0, CHC_FACILITY_OPERATING);
  g_autoptr(ChcFacility) c2 = add_facility (db, songjiang, "PF-C2", CHC_FACILITY_CENTRE, 0, CHC_FACILITY_OPERATING);
  g_autoptr(GPtrArray) plans = chc_database_list_plans (db, songjiang, NULL);
  g_autoptr(ChcIndicator) indicator = chc_indicator_new ();
  g_autoptr(ChcIndicatorResult) result = NULL;
  g_autoptr(ChcTarget) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = g_strdup (chc_database_get_path (db));
  ChcTargetSpec spec = { 2025, CHC_TARGET_AT_LEAST, 10, 0, FALSE };
  GArray *values;

  g_assert_nonnull (plans);
  g_assert_cmpuint (plans->len, >, 0);
  chc_indicator_set_plan_id (indicator, chc_plan_get_id (g_ptr_array_index (plans, 0)));
  chc_indicator_set_code (indicator, "test.each_centre");
  chc_indicator_set_name_zh (indicator, "每个中心的规范测量比例");
  chc_indicator_set_name_en (indicator, "Measured, each centre");
  chc_indicator_set_area (indicator, CHC_AREA_OUTCOME);
  chc_indicator_set_unit (indicator, CHC_UNIT_PERCENT);
  chc_indicator_set_scope (indicator, 1u << CHC_FACILITY_CENTRE);
  chc_indicator_set_method (indicator, CHC_METHOD_RATIO);
  chc_indicator_set_condition (indicator, "element:chronic_patients_measured/element:chronic_patients_managed");
  chc_indicator_set_per_facility (indicator, TRUE);
  chc_indicator_set_source (indicator, "000_c82afb552cd78340.txt 十三");
  g_assert_true (chc_database_add_indicator (db, indicator, &error));
  g_assert_no_error (error);
  target = chc_target_new_from_spec (chc_indicator_get_id (indicator), &spec);
  g_assert_true (chc_database_set_target (db, target, &error));
  g_assert_no_error (error);

  sql = g_strdup_printf ("INSERT INTO element_value (facility_id, element, period, value) VALUES"
                         " (%" G_GINT64_FORMAT ", 'chronic_patients_measured', '2025', 300),"
                         " (%" G_GINT64_FORMAT ", 'chronic_patients_managed', '2025', 1000),"
                         " (%" G_GINT64_FORMAT ", 'chronic_patients_measured', '2025', 80),"
                         " (%" G_GINT64_FORMAT ", 'chronic_patients_managed', '2025', 1000);",
                         chc_facility_get_id (c1), chc_facility_get_id (c1),
                         chc_facility_get_id (c2), chc_facility_get_id (c2));
  chc_test_exec (db, "element_value", sql);

  result = evaluate_one (db, "Songjiang", 2025, "test.each_centre");
  g_assert_cmpfloat_with_epsilon (chc_indicator_result_get_value (result), 8.0, 1e-9);
  g_assert_cmpint (chc_indicator_result_get_status (result), ==, CHC_STATUS_BEHIND);
  values = chc_indicator_result_get_facility_values (result);
  g_assert_nonnull (values);
  g_assert_cmpuint (values->len, ==, 2);
  g_assert_nonnull (strstr (chc_indicator_result_get_note (result), "1 of 2"));
  g_assert_nonnull (strstr (chc_indicator_result_get_note (result), "PF-C2 8.0%"));

  g_clear_object (&db);
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", path, "indicators", "--district", "松江",
                                                             "--year", "2025", "--by-facility", NULL });
  g_assert_true (g_str_has_prefix (out, "code\tfacility_code\tfacility_name\tunit\tvalue\ttarget\tstatus\n"));
  g_assert_nonnull (strstr (out, "test.each_centre\tPF-C1\tPF-C1\tpercent\t30.0\t10\tmet\n"));
  g_assert_nonnull (strstr (out, "test.each_centre\tPF-C2\tPF-C2\tpercent\t8.0\t10\tbehind\n"));
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", path, "indicators", "--district", "松江",
                                                             "--year", "2025", NULL });
  g_assert_nonnull (strstr (out, "test.each_centre\t"));
  g_assert_nonnull (strstr (out, "\tpercent\t8.0\t10\tbehind\t000_c82afb552cd78340.txt 十三\t"));
}

/* A district whose registry has towns but no facility of the scope (a
 * district started from its seed with none named): a town share is no
 * data, not 0 % behind. */
static void
test_town_share_empty_scope (void)
{
  g_autoptr(ChcSnapshot) snapshot = chc_snapshot_new (2025);
  ChcNoDataReason reason;
  double value;

  chc_snapshot_add_town (snapshot, 1);
  chc_snapshot_add_town (snapshot, 2);
  chc_snapshot_add_facility (snapshot, 10, CHC_FACILITY_CENTRE, 1, TRUE);
  chc_snapshot_add_condition (snapshot, "tcm_demo_awarded");
  g_assert_false (chc_method_town_share (snapshot, 1u << CHC_FACILITY_STATION, "tcm_demo_awarded", &value, &reason));
  g_assert_cmpint (reason, ==, CHC_NO_DATA_EMPTY_SCOPE);
  /* a station in one town, not awarded: 0 % is a value */
  chc_snapshot_add_facility (snapshot, 11, CHC_FACILITY_STATION, 1, TRUE);
  g_assert_true (chc_method_town_share (snapshot, 1u << CHC_FACILITY_STATION, "tcm_demo_awarded", &value, &reason));
  g_assert_cmpfloat (value, ==, 0.0);
}

/* Specialty clinics are counted as clinics (a centre with two counts two)
 * by tcm:specialty_clinics, as institutions by tcm_specialty. */
static void
test_clinics_vs_institutions (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_database (TRUE);
  gint64 changning = district_id (db, "Changning");
  g_autoptr(ChcFacility) c1 = add_facility (db, changning, "H-C1", CHC_FACILITY_CENTRE, 0, CHC_FACILITY_OPERATING);
  g_autoptr(ChcFacility) c2 = add_facility (db, changning, "H-C2", CHC_FACILITY_CENTRE, 0, CHC_FACILITY_OPERATING);
  g_autoptr(ChcSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  const char *conditions[] = { "tcm_specialty", NULL };
  const char *figures[] = { "tcm:specialty_clinics", NULL };
  ChcNoDataReason reason;
  double value;

  sql = g_strdup_printf ("INSERT INTO tcm_specialty_clinic (facility_id, name, opened) VALUES"
                         " (%" G_GINT64_FORMAT ", '针灸', '2023-05-01'),"
                         " (%" G_GINT64_FORMAT ", '颈腰椎病', '2024-02-01'),"
                         " (%" G_GINT64_FORMAT ", '脾胃病', '2023-01-01');",
                         chc_facility_get_id (c1), chc_facility_get_id (c1), chc_facility_get_id (c2));
  chc_test_exec (db, "tcm_specialty_clinic", sql);

  snapshot = chc_database_load_snapshot (db, changning, 2024, conditions, figures, &error);
  g_assert_no_error (error);
  g_assert_true (chc_method_count (snapshot, 1u << CHC_FACILITY_CENTRE, "tcm_specialty", &value, &reason));
  g_assert_cmpfloat (value, ==, 2.0);
  g_assert_true (chc_method_ratio (snapshot, 1u << CHC_FACILITY_CENTRE, "tcm:specialty_clinics", NULL,
                                   &value, &reason));
  g_assert_cmpfloat (value, ==, 3.0);
  g_clear_pointer (&snapshot, chc_snapshot_free);

  /* in 2023, c1 had one clinic */
  snapshot = chc_database_load_snapshot (db, changning, 2023, conditions, figures, &error);
  g_assert_no_error (error);
  g_assert_true (chc_method_ratio (snapshot, 1u << CHC_FACILITY_CENTRE, "tcm:specialty_clinics", NULL,
                                   &value, &reason));
  g_assert_cmpfloat (value, ==, 2.0);
  g_assert_true (chc_database_has_figure ("tcm:specialty_clinics"));
}

/* The facilities CSV reads the history columns (English or Chinese). */
static void
test_csv_history (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_database (TRUE);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "f.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChcCsvImportOptions options;
  ChcCsvReport *report;
  g_autoptr(ChcFacility) station = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "机构编码,机构名称,机构类型,区,上级中心,状态,开业日期,停业日期\n"
                                      "HX-C1,测试中心,社区卫生服务中心,青浦区,,运行,2001/5/1,\n"
                                      "HX-S1,测试站,社区卫生服务站,青浦区,HX-C1,关闭,2010-01-01,2024-06-30\n"
                                      "HX-H1,区中心医院,医院,青浦区,,运行,,\n",
                                      -1, &error));
  chc_csv_import_options_init (&options);
  report = chc_csv_import (db, CHC_CSV_KIND_FACILITIES, file, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_true (report->written);
  chc_csv_report_free (report);
  station = chc_database_find_facility (db, "HX-S1", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chc_facility_get_opened_on (station), ==, "2010-01-01");
  g_assert_cmpstr (chc_facility_get_closed_on (station), ==, "2024-06-30");
  g_clear_object (&station);
  station = chc_database_find_facility (db, "HX-C1", 0, &error);
  g_assert_cmpstr (chc_facility_get_opened_on (station), ==, "2001-05-01");
  g_clear_object (&station);
  station = chc_database_find_facility (db, "HX-H1", 0, &error);
  g_assert_cmpint (chc_facility_get_facility_type (station), ==, CHC_FACILITY_HOSPITAL);
}

/* From a populated schema-7 database: facilities, projects, milestones,
 * indicators and targets kept, references intact; the built-in plans then
 * bring the indicators added since and the sources. */
static void
test_migration (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autofree char *path = g_strdup (chc_database_get_path (db));
  gint64 n_facilities = chc_test_query_int (db, "SELECT count (*) FROM facility");
  gint64 n_projects = chc_test_query_int (db, "SELECT count (*) FROM project");
  gint64 n_milestones = chc_test_query_int (db, "SELECT count (*) FROM milestone");
  gint64 n_targets = chc_test_query_int (db, "SELECT count (*) FROM target");
  gint64 n_indicators = chc_test_query_int (db, "SELECT count (*) FROM indicator");
  gint64 n_signing = chc_test_query_int (db, "SELECT count (*) FROM signing");
  sqlite3 *raw = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&db);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  /* what a schema-7 build wrote: the facility table without its history,
   * indicators without sources, and one indicator it did not have */
  g_assert_cmpint (sqlite3_exec (raw,
                                 "PRAGMA foreign_keys = OFF; BEGIN;"
                                 CHC_TEST_SQL_BACK_TO_V7
                                 " CREATE TABLE facility_v7 (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
                                 "  name TEXT NOT NULL, type TEXT NOT NULL CHECK (type IN ('centre', 'branch', 'station', 'village_clinic')),"
                                 "  district_id INTEGER NOT NULL REFERENCES district (id), town_id INTEGER REFERENCES town (id),"
                                 "  parent_id INTEGER REFERENCES facility (id), floor_area REAL NOT NULL DEFAULT 0,"
                                 "  standardized INTEGER NOT NULL DEFAULT 0, standardized_year INTEGER,"
                                 "  status TEXT NOT NULL DEFAULT 'operating', created_tick INTEGER, credit_code TEXT, license_no TEXT);"
                                 " INSERT INTO facility_v7 SELECT id, code, name, type, district_id, town_id, parent_id, floor_area,"
                                 "  standardized, standardized_year, status, created_tick, credit_code, license_no FROM facility;"
                                 " DROP TABLE facility; ALTER TABLE facility_v7 RENAME TO facility;"
                                 " CREATE INDEX facility_district ON facility (district_id);"
                                 " CREATE INDEX facility_parent ON facility (parent_id);"
                                 " ALTER TABLE indicator DROP COLUMN source; ALTER TABLE indicator DROP COLUMN per_facility;"
                                 " DELETE FROM meta WHERE key = 'builtin_plans';"
                                 " DELETE FROM target WHERE indicator_id IN (SELECT id FROM indicator WHERE code = 'tcm.demo_stations');"
                                 " DELETE FROM indicator WHERE code = 'tcm.demo_stations';"
                                 " COMMIT;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = chc_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chc_database_get_schema_version (db), ==, CHC_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM facility"), ==, n_facilities);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM project"), ==, n_projects);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM milestone"), ==, n_milestones);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM signing"), ==, n_signing);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM indicator"), ==, n_indicators - 1);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM facility WHERE opened_on IS NOT NULL"
                                           " OR closed_on IS NOT NULL OR code_provisional <> 0"), ==, 0);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM indicator WHERE source <> ''"), ==, 0);

  /* what the window and chc-cli do on opening */
  g_assert_true (chc_plan_loader_sync_builtin (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM indicator"), ==, n_indicators);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM target"), ==, n_targets);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM indicator WHERE source = ''"), ==, 0);
  /* a hospital may be added now */
  {
    g_autoptr(ChcFacility) hospital = add_facility (db, district_id (db, "Qingpu"), "310118H99",
                                                    CHC_FACILITY_HOSPITAL, 0, CHC_FACILITY_OPERATING);
    g_assert_cmpint (chc_facility_get_id (hospital), >, 0);
  }
  /* and nothing more to do the second time: no write */
  {
    gint64 changes = chc_test_query_int (db, "SELECT total_changes ()");

    g_assert_true (chc_plan_loader_sync_builtin (db, &error));
    g_assert_cmpint (chc_test_query_int (db, "SELECT total_changes ()"), ==, changes);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/close-station", test_close_station);
  g_test_add_func ("/history/type-change-and-opening", test_type_change_and_opening);
  g_test_add_func ("/history/csv", test_csv_history);
  g_test_add_func ("/history/migration", test_migration);
  g_test_add_func ("/rules/hospital-excluded", test_hospital_excluded);
  g_test_add_func ("/rules/strict-target", test_strict_target);
  g_test_add_func ("/rules/per-facility", test_per_facility);
  g_test_add_func ("/rules/per-facility-store", test_per_facility_store);
  g_test_add_func ("/rules/clinics-vs-institutions", test_clinics_vs_institutions);
  g_test_add_func ("/rules/town-share-empty-scope", test_town_share_empty_scope);

  return g_test_run ();
}
