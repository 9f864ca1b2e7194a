/* test-plans.c — the built-in plans, targets and their rules, indicators
 * and service capabilities in the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "chc-test-util.h"
#include "core/chc-validate.h"
#include "io/chc-plan-loader.h"
#include "store/chc-database-plans.h"

static gint64
district_id (ChcDatabase *database,
             const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDistrict) district = chc_database_find_district (database, name, &error);

  g_assert_no_error (error);
  return chc_district_get_id (district);
}

static ChcIndicator *
find_indicator (ChcDatabase *database,
                const char  *district,
                const char  *code)
{
  g_autoptr(GError) error = NULL;
  ChcIndicator *indicator = chc_database_find_indicator (database, district_id (database, district),
                                                         code, &error);

  g_assert_no_error (error);
  g_assert_nonnull (indicator);
  return indicator;
}

/* "2023:>=43;2024:>=45" — the stored targets of an indicator, as text. */
static char *
targets_text (ChcDatabase *database,
              const char  *district,
              const char  *code)
{
  g_autoptr(ChcIndicator) indicator = find_indicator (database, district, code);
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);

  targets = chc_database_list_targets (database, chc_indicator_get_id (indicator), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < targets->len; i++)
    {
      ChcTargetSpec spec;
      g_autofree char *value = NULL;

      chc_target_get_spec (g_ptr_array_index (targets, i), &spec);
      value = chc_target_spec_format (&spec);
      g_string_append_printf (text, "%s%d:%s", i > 0 ? ";" : "", spec.year, value);
    }
  return g_string_free (text, FALSE);
}

static void
assert_targets (ChcDatabase *database,
                const char  *district,
                const char  *code,
                const char  *expected)
{
  g_autofree char *text = targets_text (database, district, code);

  g_assert_cmpstr (text, ==, expected);
}

/* The seeds' targets load exactly into a new database. */
static void
test_seed_targets (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcIndicator) demo = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  ChcTargetSpec spec;

  plans = chc_database_list_plans (database, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 3);
  for (guint i = 0; i < plans->len; i++)
    {
      g_assert_cmpint (chc_plan_get_first_year (g_ptr_array_index (plans, i)), ==, 2023);
      g_assert_cmpint (chc_plan_get_last_year (g_ptr_array_index (plans, i)), ==, 2025);
    }

  assert_targets (database, "青浦", "signing.coverage", "2023:43;2024:45;2025:46");
  assert_targets (database, "青浦", "signing.compliance", "2024:85");
  assert_targets (database, "Changning", "signing.coverage", "2025:48");
  assert_targets (database, "长宁区", "signing.key_coverage", "2025:80");
  assert_targets (database, "松江", "signing.coverage", "2025:45");
  assert_targets (database, "青浦", "tcm.specialty_coverage", "2023:50;2024:75;2025:100");
  assert_targets (database, "青浦", "tcm.demo_stations", "2025:7-10");
  assert_targets (database, "青浦", "construction.centres_standardized", "2025:60");
  assert_targets (database, "青浦", "construction.stations_standardized", "2025:90");
  assert_targets (database, "青浦", "construction.stations_standardized_in_year", "2023:53;2024:59;2025:12");
  assert_targets (database, "青浦", "capability.chronic_support", "2023:2;2024:6;2025:10");
  assert_targets (database, "青浦", "capability.rehab_demo", "2023:1;2024:3;2025:6");
  assert_targets (database, "青浦", "capability.ct", "2023:8");
  assert_targets (database, "青浦", "other.referral_slots", "2023:45;2024:48;2025:50");
  assert_targets (database, "青浦", "other.gps_per_1000", "2025:0.4");
  assert_targets (database, "长宁", "tcm.halls_up_to_standard", "2025:10");
  assert_targets (database, "长宁", "tcm.corners_up_to_standard", "2025:6");
  assert_targets (database, "长宁", "tcm.towns_with_demo", "2025:100");
  assert_targets (database, "长宁", "construction.stations_floor_area_200", "2025:>50");
  assert_targets (database, "长宁", "other.gps_per_10000", "2025:4.5");
  assert_targets (database, "长宁", "other.public_health_funding", "2026:120");
  assert_targets (database, "松江", "tcm.hall_coverage", "2025:40");
  assert_targets (database, "松江", "tcm.corner_coverage_stations", "2025:50");
  assert_targets (database, "松江", "tcm.corner_coverage_villages", "2025:20");
  assert_targets (database, "松江", "other.walking_access_15min", "2025:90");

  /* The range is stored as a range, not as text. */
  demo = find_indicator (database, "青浦", "tcm.demo_stations");
  g_assert_cmpint (chc_indicator_get_unit (demo), ==, CHC_UNIT_COUNT);
  g_assert_cmpint (chc_indicator_get_method (demo), ==, CHC_METHOD_COUNT);
  g_assert_cmpstr (chc_indicator_get_condition (demo), ==, "tcm_demo_awarded");
  g_assert_cmpuint (chc_indicator_get_scope (demo), ==,
                    (1u << CHC_FACILITY_STATION) | (1u << CHC_FACILITY_VILLAGE_CLINIC));
  targets = chc_database_list_targets (database, chc_indicator_get_id (demo), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 1);
  chc_target_get_spec (g_ptr_array_index (targets, 0), &spec);
  g_assert_cmpint (spec.year, ==, 2025);
  g_assert_cmpint (spec.op, ==, CHC_TARGET_AT_LEAST);
  g_assert_cmpfloat (spec.min_value, ==, 7);
  g_assert_true (spec.has_max);
  g_assert_cmpfloat (spec.max_value, ==, 10);
}

/* Every fixed code of the issue is in the plan of the district that sets it. */
static void
test_fixed_codes (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  static const struct { const char *district; const char *code; } expected[] = {
    { "Qingpu", "signing.coverage" }, { "Changning", "signing.coverage" },
    { "Songjiang", "signing.coverage" }, { "Changning", "signing.key_coverage" },
    { "Qingpu", "signing.compliance" },
    { "Qingpu", "construction.centres_standardized" },
    { "Qingpu", "construction.stations_standardized" },
    { "Qingpu", "tcm.specialty_coverage" }, { "Changning", "tcm.specialty_coverage" },
    { "Songjiang", "tcm.specialty_coverage" },
    { "Qingpu", "tcm.hall_coverage" }, { "Songjiang", "tcm.hall_coverage" },
    { "Songjiang", "tcm.corner_coverage_stations" },
    { "Songjiang", "tcm.corner_coverage_villages" },
    { "Qingpu", "tcm.demo_stations" },
    { "Changning", "tcm.towns_with_demo" }, { "Songjiang", "tcm.towns_with_demo" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(ChcIndicator) indicator = find_indicator (database, expected[i].district,
                                                          expected[i].code);
      g_assert_cmpstr (chc_indicator_get_code (indicator), ==, expected[i].code);
    }

  /* Names in both languages, and every indicator's definition is valid. */
  {
    g_autoptr(GPtrArray) plans = chc_database_list_plans (database, 0, NULL);

    for (guint p = 0; p < plans->len; p++)
      {
        g_autoptr(GPtrArray) indicators =
          chc_database_list_indicators (database, chc_plan_get_id (g_ptr_array_index (plans, p)), NULL);

        g_assert_cmpuint (indicators->len, >=, 10);
        for (guint i = 0; i < indicators->len; i++)
          {
            ChcIndicator *indicator = g_ptr_array_index (indicators, i);
            g_autoptr(GPtrArray) violations = chc_database_check_indicator (database, indicator, NULL);

            g_assert_cmpuint (violations->len, ==, 0);
            g_assert_cmpstr (chc_indicator_get_name_zh (indicator), !=, "");
            g_assert_cmpstr (chc_indicator_get_name_en (indicator), !=, "");
            g_assert_cmpint (chc_indicator_get_position (indicator), ==, (int) i + 1);
          }
      }
  }
}

/* Loading again adds nothing; a database without districts gets no plan. */
static void
test_builtin_idempotent (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(ChcDatabase) empty = chc_test_new_database (FALSE);
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (chc_plan_loader_load_builtin (database, &error));
  g_assert_no_error (error);
  plans = chc_database_list_plans (database, 0, &error);
  g_assert_cmpuint (plans->len, ==, 3);
  g_clear_pointer (&plans, g_ptr_array_unref);

  g_assert_true (chc_plan_loader_load_builtin (database, &error));
  g_assert_no_error (error);
  plans = chc_database_list_plans (database, 0, &error);
  g_assert_cmpuint (plans->len, ==, 3);
  g_clear_pointer (&plans, g_ptr_array_unref);

  /* Every database has the districts of Shanghai (schema 5): a database
   * without towns gets the same plans. */
  g_assert_true (chc_plan_loader_load_builtin (empty, &error));
  plans = chc_database_list_plans (empty, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 3);
}

/* A key file with a bad entry loads nothing and names the group and key. */
static void
test_loader_errors (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  const char *text =
    "[plan Extra]\n"
    "district=Qingpu\nname=Extra plan\nfirst_year=2024\nlast_year=2026\n"
    "[Extra other.a]\n"
    "area=capability\nname_zh=甲\nname_en=A\nunit=count\nmethod=none\ntargets=2024:3\n"
    "[Extra other.b]\n"
    "area=capability\nname_zh=乙\nname_en=B\nunit=percent\nmethod=none\ntargets=2024:>=120\n";

  g_assert_true (g_key_file_load_from_data (key_file, text, -1, G_KEY_FILE_NONE, NULL));
  g_assert_false (chc_plan_loader_load_key_file (database, key_file, "extra.ini", &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "extra.ini [Extra other.b] targets"));
  g_assert_nonnull (strstr (error->message, "120"));
  g_clear_error (&error);

  /* Nothing of the file was kept. */
  plans = chc_database_list_plans (database, district_id (database, "Qingpu"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 1);
  g_clear_pointer (&plans, g_ptr_array_unref);

  /* A bad target syntax and an unknown method are refused too. */
  g_key_file_set_string (key_file, "Extra other.b", "targets", "2024:lots");
  g_assert_false (chc_plan_loader_load_key_file (database, key_file, "extra.ini", &error));
  g_assert_nonnull (strstr (error->message, "[Extra other.b] targets"));
  g_clear_error (&error);
  g_key_file_set_string (key_file, "Extra other.b", "targets", "2024:50");
  g_key_file_set_string (key_file, "Extra other.b", "method", "average");
  g_assert_false (chc_plan_loader_load_key_file (database, key_file, "extra.ini", &error));
  g_assert_nonnull (strstr (error->message, "[Extra other.b] method"));
  g_clear_error (&error);

  /* Fixed, it loads: the plan applies up to its last year. */
  g_key_file_set_string (key_file, "Extra other.b", "method", "none");
  g_assert_true (chc_plan_loader_load_key_file (database, key_file, "extra.ini", &error));
  g_assert_no_error (error);
  plans = chc_database_list_plans (database, district_id (database, "Qingpu"), &error);
  g_assert_cmpuint (plans->len, ==, 2);
  {
    g_autoptr(GPtrArray) y2026 = chc_database_list_district_indicators (database, district_id (database, "Qingpu"),
                                                                        2026, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (y2026->len, ==, 2);
    g_assert_cmpstr (chc_indicator_get_code (g_ptr_array_index (y2026, 0)), ==, "other.a");
  }
}

static void
count_changed_cb (ChcDatabase *database,
                  const char  *table,
                  GPtrArray   *tables)
{
  g_ptr_array_add (tables, g_strdup (table));
}

static gboolean
tables_contain (GPtrArray  *tables,
                const char *table)
{
  for (guint i = 0; i < tables->len; i++)
    if (g_str_equal (g_ptr_array_index (tables, i), table))
      return TRUE;
  return FALSE;
}

/* Targets are validated: percent 0–100, count ≥ 0, min ≤ max, a plausible
 * year; the error names the field. */
static void
test_target_validation (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(ChcIndicator) coverage = find_indicator (database, "Qingpu", "signing.coverage");
  g_autoptr(ChcIndicator) demo = find_indicator (database, "Qingpu", "tcm.demo_stations");
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  static const struct {
    gboolean         percent;
    ChcTargetSpec    spec;
    const char      *field;
    const char      *words;
  } bad[] = {
    { TRUE, { 2025, CHC_TARGET_AT_LEAST, 120, 0, FALSE }, "min_value", "between 0 and 100" },
    { TRUE, { 2025, CHC_TARGET_AT_LEAST, -1, 0, FALSE }, "min_value", "between 0 and 100" },
    { TRUE, { 2025, CHC_TARGET_AT_LEAST, 40, 101, TRUE }, "max_value", "between 0 and 100" },
    { FALSE, { 2025, CHC_TARGET_AT_LEAST, -2, 0, FALSE }, "min_value", "negative" },
    { FALSE, { 2025, CHC_TARGET_AT_LEAST, 10, 7, TRUE }, "max_value", "low end (10) is above the high end (7)" },
    { FALSE, { 1800, CHC_TARGET_AT_LEAST, 7, 0, FALSE }, "year", "1800" },
  };

  g_signal_connect (database, "changed", G_CALLBACK (count_changed_cb), tables);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      ChcIndicator *indicator = bad[i].percent ? coverage : demo;
      g_autoptr(GPtrArray) violations = chc_violations_new ();
      g_autoptr(ChcTarget) target = chc_target_new_from_spec (chc_indicator_get_id (indicator), &bad[i].spec);

      chc_validate_target (chc_indicator_get_unit (indicator), &bad[i].spec, violations);
      g_assert_nonnull (chc_violations_find (violations, bad[i].field));

      g_assert_false (chc_database_set_target (database, target, &error));
      g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i].words));
      g_clear_error (&error);
    }
  g_assert_cmpuint (tables->len, ==, 0);
  assert_targets (database, "Qingpu", "signing.coverage", "2023:43;2024:45;2025:46");
  assert_targets (database, "Qingpu", "tcm.demo_stations", "2025:7-10");

  /* Valid: replace 2025, add an at-most target, remove one. */
  {
    ChcTargetSpec spec = { 2025, CHC_TARGET_AT_LEAST, 47.5, 0, FALSE };
    ChcTargetSpec at_most = { 2026, CHC_TARGET_AT_MOST, 50, 0, FALSE };
    g_autoptr(ChcTarget) t1 = chc_target_new_from_spec (chc_indicator_get_id (coverage), &spec);
    g_autoptr(ChcTarget) t2 = chc_target_new_from_spec (chc_indicator_get_id (coverage), &at_most);

    g_assert_true (chc_database_set_target (database, t1, &error));
    g_assert_no_error (error);
    g_assert_true (chc_database_set_target (database, t2, &error));
    g_assert_no_error (error);
    g_assert_true (tables_contain (tables, "target"));
    assert_targets (database, "Qingpu", "signing.coverage", "2023:43;2024:45;2025:47.5;2026:<=50");

    g_assert_true (chc_database_remove_target (database, chc_indicator_get_id (coverage), 2023, &error));
    g_assert_no_error (error);
    assert_targets (database, "Qingpu", "signing.coverage", "2024:45;2025:47.5;2026:<=50");
    g_assert_false (chc_database_remove_target (database, chc_indicator_get_id (coverage), 2023, &error));
    g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* A target of an indicator that does not exist. */
  {
    ChcTargetSpec spec = { 2025, CHC_TARGET_AT_LEAST, 1, 0, FALSE };
    g_autoptr(ChcTarget) orphan = chc_target_new_from_spec (999999, &spec);

    g_assert_false (chc_database_set_target (database, orphan, &error));
    g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND);
  }
}

/* A commission adds its own indicator, edits it, deletes it. */
static void
test_indicator_edit (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(GPtrArray) plans = chc_database_list_plans (database, district_id (database, "Songjiang"), NULL);
  ChcPlan *plan = g_ptr_array_index (plans, 0);
  g_autoptr(ChcIndicator) indicator = chc_indicator_new ();
  g_autoptr(ChcIndicator) stored = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(GError) error = NULL;
  ChcTargetSpec spec = { 2025, CHC_TARGET_AT_LEAST, 80, 0, FALSE };

  chc_indicator_set_plan_id (indicator, chc_plan_get_id (plan));
  chc_indicator_set_code (indicator, "signing.coverage");
  chc_indicator_set_area (indicator, CHC_AREA_CAPABILITY);
  chc_indicator_set_name_zh (indicator, "  ");
  chc_indicator_set_unit (indicator, CHC_UNIT_COUNT);
  chc_indicator_set_method (indicator, CHC_METHOD_SHARE);

  /* Every broken rule, each naming its field. */
  violations = chc_database_check_indicator (database, indicator, &error);
  g_assert_no_error (error);
  g_assert_nonnull (chc_violations_find (violations, "code"));
  g_assert_nonnull (chc_violations_find (violations, "name"));
  g_assert_nonnull (chc_violations_find (violations, "scope"));
  g_assert_nonnull (chc_violations_find (violations, "condition"));
  g_assert_nonnull (chc_violations_find (violations, "unit"));
  g_assert_false (chc_database_add_indicator (database, indicator, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already used"));
  g_clear_error (&error);

  chc_indicator_set_code (indicator, "capability.rehab_coverage");
  chc_indicator_set_name_zh (indicator, "建成社区康复中心的社区卫生服务中心比例");
  chc_indicator_set_unit (indicator, CHC_UNIT_PERCENT);
  chc_indicator_set_scope (indicator, 1u << CHC_FACILITY_CENTRE);
  chc_indicator_set_condition (indicator, "capability:rehab");
  g_assert_true (chc_database_add_indicator (database, indicator, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chc_indicator_get_id (indicator), >, 0);
  g_assert_cmpint (chc_indicator_get_position (indicator), >, 10);

  {
    g_autoptr(ChcTarget) target = chc_target_new_from_spec (chc_indicator_get_id (indicator), &spec);
    g_assert_true (chc_database_set_target (database, target, &error));
    g_assert_no_error (error);
  }

  stored = chc_database_get_indicator (database, chc_indicator_get_id (indicator), &error);
  g_assert_no_error (error);
  g_assert_true (chc_indicator_equal (stored, indicator));

  /* The display name falls back to the other language when one is empty. */
  g_assert_cmpstr (chc_indicator_get_display_name (stored), ==, "建成社区康复中心的社区卫生服务中心比例");

  /* A ratio needs numerator/denominator. */
  chc_indicator_set_method (stored, CHC_METHOD_RATIO);
  g_assert_false (chc_database_update_indicator (database, stored, &error));
  g_assert_nonnull (strstr (error->message, "numerator/denominator"));
  g_clear_error (&error);
  chc_indicator_set_condition (stored, "signing.online_signed / signing.signed_residents");
  chc_indicator_set_name_en (stored, "Online share of signings");
  g_assert_true (chc_database_update_indicator (database, stored, &error));
  g_assert_no_error (error);
  g_clear_object (&indicator);
  indicator = find_indicator (database, "Songjiang", "capability.rehab_coverage");
  g_assert_cmpint (chc_indicator_get_method (indicator), ==, CHC_METHOD_RATIO);
  g_assert_cmpstr (chc_indicator_get_name_en (indicator), ==, "Online share of signings");

  /* Deleting takes its targets along. */
  g_assert_true (chc_database_delete_indicator (database, chc_indicator_get_id (indicator), &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) targets = chc_database_list_targets (database, chc_indicator_get_id (indicator), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (targets->len, ==, 0);
  }
  g_assert_null (chc_database_find_indicator (database, district_id (database, "Songjiang"),
                                              "capability.rehab_coverage", &error));
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND);
}

static void
test_plan_rules (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(ChcPlan) plan = chc_plan_new ();
  g_autoptr(GError) error = NULL;

  chc_plan_set_district_id (plan, district_id (database, "Qingpu"));
  chc_plan_set_name (plan, "2026—2028");
  chc_plan_set_first_year (plan, 2026);
  chc_plan_set_last_year (plan, 2024);
  g_assert_false (chc_database_add_plan (database, plan, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Last year"));
  g_clear_error (&error);

  chc_plan_set_last_year (plan, 2028);
  g_assert_true (chc_database_add_plan (database, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chc_plan_get_id (plan), >, 0);
}

/* Service capabilities: set, change the year, list in order, clear. */
static void
test_capabilities (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(ChcFacility) centre = chc_test_add_centre (database, district_id (database, "Qingpu"),
                                                       "Q-C-1", "测试社区卫生服务中心");
  gint64 id = chc_facility_get_id (centre);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (database, "changed", G_CALLBACK (count_changed_cb), tables);

  g_assert_true (chc_database_set_capability (database, id, CHC_CAPABILITY_CT, 2023, &error));
  g_assert_true (chc_database_set_capability (database, id, CHC_CAPABILITY_REHAB_DEMO, 2024, &error));
  g_assert_true (chc_database_set_capability (database, id, CHC_CAPABILITY_NURSING, 2022, &error));
  g_assert_true (chc_database_set_capability (database, id, CHC_CAPABILITY_CT, 2021, &error));
  g_assert_no_error (error);
  g_assert_true (tables_contain (tables, "capability"));

  list = chc_database_list_capabilities (database, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (chc_capability_get_kind (g_ptr_array_index (list, 0)), ==, "rehab_demo");
  g_assert_cmpstr (chc_capability_get_kind (g_ptr_array_index (list, 1)), ==, "nursing");
  g_assert_cmpstr (chc_capability_get_kind (g_ptr_array_index (list, 2)), ==, "ct");
  g_assert_cmpint (chc_capability_get_year (g_ptr_array_index (list, 2)), ==, 2021);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_false (chc_database_set_capability (database, id, CHC_CAPABILITY_DENTAL, 202, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Year reached"));
  g_clear_error (&error);
  g_assert_false (chc_database_set_capability (database, 987654, CHC_CAPABILITY_DENTAL, 2024, &error));
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (chc_database_clear_capability (database, id, CHC_CAPABILITY_CT, &error));
  g_assert_true (chc_database_clear_capability (database, id, CHC_CAPABILITY_CT, &error));
  g_assert_no_error (error);
  list = chc_database_list_capabilities (database, id, &error);
  g_assert_cmpuint (list->len, ==, 2);

  /* A facility with capabilities cannot be deleted. */
  g_assert_false (chc_database_delete_facility (database, id, &error));
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IN_USE);
}

/* The demo database's capabilities follow the seeds (Qingpu's rehabilitation
 * centres and CT scanners). */
static void
test_demo_capabilities (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_demo ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcFacility) baihe = chc_database_find_facility (database, "白鹤社区卫生服务中心", 0, &error);
  g_autoptr(GPtrArray) list = NULL;
  gboolean rehab_demo_2023 = FALSE, ct_2023 = FALSE;

  g_assert_no_error (error);
  list = chc_database_list_capabilities (database, chc_facility_get_id (baihe), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      ChcCapability *c = g_ptr_array_index (list, i);
      if (g_strcmp0 (chc_capability_get_kind (c), "rehab_demo") == 0 && chc_capability_get_year (c) == 2023)
        rehab_demo_2023 = TRUE;
      if (g_strcmp0 (chc_capability_get_kind (c), "ct") == 0 && chc_capability_get_year (c) == 2023)
        ct_2023 = TRUE;
    }
  g_assert_true (rehab_demo_2023);
  g_assert_true (ct_2023);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plans/seed-targets", test_seed_targets);
  g_test_add_func ("/plans/fixed-codes", test_fixed_codes);
  g_test_add_func ("/plans/builtin-idempotent", test_builtin_idempotent);
  g_test_add_func ("/plans/loader-errors", test_loader_errors);
  g_test_add_func ("/plans/target-validation", test_target_validation);
  g_test_add_func ("/plans/indicator-edit", test_indicator_edit);
  g_test_add_func ("/plans/plan-rules", test_plan_rules);
  g_test_add_func ("/plans/capabilities", test_capabilities);
  g_test_add_func ("/plans/demo-capabilities", test_demo_capabilities);

  return g_test_run ();
}
