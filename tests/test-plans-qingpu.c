/* test-plans-qingpu.c — the Qingpu plan's indicators (issue 14): every
 * measurable target of seeds 000, 001 and 004 is a built-in indicator with
 * its source, and each computation rule it relies on gives the value and
 * status the seed means, on small hand-made databases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "chc-test-util.h"
#include "chc-data-resources.h"
#include "core/chc-element.h"
#include "store/chc-database-plans.h"
#include "store/chc-database-values.h"

/* The seeds (../shared/seeds): the five documents a source may name. */
static const char *const seed_files[] = {
  "000_c82afb552cd78340.txt", "001_da8ec57cc1edff08.txt", "002_f4cbf4284e21918f.txt",
  "003_be5f7c5c056f9f7b.txt", "004_2cbc2144558a3a82.txt", NULL,
};
/* Qingpu's own: the plan, its 2024 and 2025 要点. */
static const char *const qingpu_seeds[] = {
  "000_c82afb552cd78340.txt", "001_da8ec57cc1edff08.txt", "004_2cbc2144558a3a82.txt", NULL,
};

/* The number of indicators of the Qingpu plan (data/plans.ini). */
#define QINGPU_N_INDICATORS 56

/* ---- helpers ------------------------------------------------------------- */

static gint64
qingpu_id (ChcDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDistrict) district = chc_database_find_district (database, "Qingpu", &error);

  g_assert_no_error (error);
  return chc_district_get_id (district);
}

static ChcFacility *
add_facility (ChcDatabase     *database,
              const char      *code,
              ChcFacilityType  type,
              gint64           parent)
{
  g_autoptr(GError) error = NULL;
  ChcFacility *facility = chc_facility_new ();

  chc_facility_set_code (facility, code);
  chc_facility_set_name (facility, code);
  chc_facility_set_facility_type (facility, type);
  chc_facility_set_district_id (facility, qingpu_id (database));
  chc_facility_set_parent_id (facility, parent);
  g_assert_true (chc_database_add_facility (database, facility, &error));
  g_assert_no_error (error);
  return facility;
}

/* @kind: the code of a declared capability kind (data/elements.ini) */
static void
set_capability (ChcDatabase *database,
                ChcFacility *facility,
                const char  *kind,
                int          year)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (chc_database_set_capability_kind (database, chc_facility_get_id (facility), kind, year, &error));
  g_assert_no_error (error);
}

/* Saves one value: of @facility, or of the district when NULL. */
static void
save_value (ChcDatabase *database,
            ChcFacility *facility,
            const char  *element,
            const char  *period,
            double       value)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_value_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (values, chc_value_new (facility != NULL ? chc_facility_get_id (facility) : 0,
                                          facility != NULL ? 0 : qingpu_id (database),
                                          element, period, value));
  g_assert_true (chc_database_save_values (database, values, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static GPtrArray *
evaluate (ChcDatabase *database,
          int          year)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = chc_database_evaluate_plan (database, qingpu_id (database), year, &error);

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

/* Asserts the value (NAN: no data) and the status of @code in @year. */
static void
assert_result (ChcDatabase        *database,
               int                 year,
               const char         *code,
               double              value,
               ChcIndicatorStatus  status)
{
  g_autoptr(GPtrArray) results = evaluate (database, year);
  ChcIndicatorResult *r = find_result (results, code);

  g_test_message ("%d %s", year, code);
  if (isnan (value))
    g_assert_false (chc_indicator_result_get_has_value (r));
  else
    {
      g_assert_true (chc_indicator_result_get_has_value (r));
      g_assert_cmpfloat_with_epsilon (chc_indicator_result_get_value (r), value, 1e-9);
    }
  g_assert_cmpint (chc_indicator_result_get_status (r), ==, status);
}

/* The years of @code's targets, as "2023,2024,2025". */
static char *
target_years (ChcDatabase *database,
              const char  *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcIndicator) indicator = chc_database_find_indicator (database, qingpu_id (database), code, &error);
  g_autoptr(GPtrArray) targets = NULL;
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (indicator);
  targets = chc_database_list_targets (database, chc_indicator_get_id (indicator), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < targets->len; i++)
    {
      ChcTargetSpec spec;

      chc_target_get_spec (g_ptr_array_index (targets, i), &spec);
      g_string_append_printf (text, "%s%d", i > 0 ? "," : "", spec.year);
    }
  return g_string_free (text, FALSE);
}

/* ---- the built-in plan ----------------------------------------------------- */

/* The plan has every indicator, each with a source naming Qingpu's seeds
 * (and only seeds that exist), stored with it, and each is a valid
 * definition. */
static void
test_builtin (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;
  guint n_groups = 0;

  plans = chc_database_list_plans (database, qingpu_id (database), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 1);
  indicators = chc_database_list_indicators (database, chc_plan_get_id (g_ptr_array_index (plans, 0)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (indicators->len, ==, QINGPU_N_INDICATORS);
  for (guint i = 0; i < indicators->len; i++)
    {
      g_autoptr(GPtrArray) violations = chc_database_check_indicator (database, g_ptr_array_index (indicators, i),
                                                                      &error);

      g_assert_no_error (error);
      g_assert_cmpuint (violations->len, ==, 0);
    }

  /* the source of each, as data/plans.ini writes it */
  bytes = g_resource_lookup_data (chc_data_get_resource (), "/io/github/chcmonitor/ChcMonitor/plans.ini",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (g_key_file_load_from_data (key_file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                            G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *source = NULL;
      g_auto(GStrv) parts = NULL;
      gboolean own = FALSE;

      if (!g_str_has_prefix (groups[i], "Qingpu "))
        continue;
      n_groups++;
      source = g_key_file_get_string (key_file, groups[i], "source", NULL);
      g_test_message ("[%s] source=%s", groups[i], source);
      g_assert_nonnull (source);
      /* "FILE clause; FILE clause": each part names a seed file and a clause */
      parts = g_strsplit (source, "; ", -1);
      for (guint p = 0; parts[p] != NULL; p++)
        {
          const char *space = strchr (parts[p], ' ');
          g_autofree char *file = NULL;

          if (p > 0 && !g_str_has_suffix (parts[p], ".txt") && strstr (parts[p], ".txt ") == NULL)
            continue;   /* another clause of the same file ("附件 一; 二（一）3") */
          g_assert_nonnull (space);
          g_assert_cmpstr (space + 1, !=, "");
          file = g_strndup (parts[p], space - parts[p]);
          g_assert_true (g_strv_contains (seed_files, file));
          if (g_strv_contains (qingpu_seeds, file))
            own = TRUE;
        }
      g_assert_true (own);

      /* stored with the indicator (chc-cli indicators' source column) */
      {
        g_autoptr(ChcIndicator) indicator = chc_database_find_indicator (database, qingpu_id (database),
                                                                         groups[i] + strlen ("Qingpu "), &error);

        g_assert_no_error (error);
        g_assert_nonnull (indicator);
        g_assert_cmpstr (chc_indicator_get_source (indicator), ==, source);
      }
    }
  g_assert_cmpuint (n_groups, ==, QINGPU_N_INDICATORS);
}

/* ---- each-year targets ------------------------------------------------------ */

/* "全区每年至少完成8000人次": a target for each year of the plan, each
 * year on its own figures; a year without figures is no data, not behind. */
static void
test_each_year (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(ChcFacility) c1 = add_facility (database, "C1", CHC_FACILITY_CENTRE, 0);
  g_autoptr(ChcFacility) c2 = add_facility (database, "C2", CHC_FACILITY_CENTRE, 0);
  const char *const each_year[] = {
    "other.chronic_measurements", "other.chronic_measurement_coverage", "other.oriented_students",
    "other.visiting_specialties", "other.visiting_experts_centres", "signing.coverage",
    "capability.affiliated_teaching", "tcm.specialty_coverage", NULL,
  };

  for (guint i = 0; each_year[i] != NULL; i++)
    {
      g_autofree char *years = target_years (database, each_year[i]);

      g_test_message ("%s", each_year[i]);
      g_assert_cmpstr (years, ==, "2023,2024,2025");
    }

  /* 2023: 5,000 + 3,000 in December: met.  2024: 7,999 in all: behind.
   * 2025: nothing reported: no data. */
  save_value (database, c1, "chronic_measurements", "2023-12", 5000);
  save_value (database, c2, "chronic_measurements", "2023-12", 3000);
  save_value (database, c1, "chronic_measurements", "2024-03", 4000);
  save_value (database, c1, "chronic_measurements", "2024-09", 3999);
  assert_result (database, 2023, "other.chronic_measurements", 8000, CHC_STATUS_MET);
  assert_result (database, 2024, "other.chronic_measurements", 7999, CHC_STATUS_BEHIND);
  assert_result (database, 2025, "other.chronic_measurements", NAN, CHC_STATUS_NO_DATA);

  /* 10 free oriented students a year: a district figure of each year */
  save_value (database, NULL, "oriented_students", "2023", 10);
  save_value (database, NULL, "oriented_students", "2024", 9);
  assert_result (database, 2023, "other.oriented_students", 10, CHC_STATUS_MET);
  assert_result (database, 2024, "other.oriented_students", 9, CHC_STATUS_BEHIND);
  assert_result (database, 2025, "other.oriented_students", NAN, CHC_STATUS_NO_DATA);

  /* specialties sent to the centres: 5, 8, 10 */
  save_value (database, NULL, "visiting_specialties", "2023", 5);
  save_value (database, NULL, "visiting_specialties", "2024", 7);
  save_value (database, NULL, "visiting_specialties", "2025", 10);
  assert_result (database, 2023, "other.visiting_specialties", 5, CHC_STATUS_MET);
  assert_result (database, 2024, "other.visiting_specialties", 7, CHC_STATUS_BEHIND);
  assert_result (database, 2025, "other.visiting_specialties", 10, CHC_STATUS_MET);
}

/* ---- capabilities reached by the end of the year --------------------------- */

/* Counts and shares of a capability follow the year it was reached; a
 * share counts only the facilities of its scope (a station's capability
 * is not a centre's). */
static void
test_capabilities (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(ChcFacility) c1 = add_facility (database, "C1", CHC_FACILITY_CENTRE, 0);
  g_autoptr(ChcFacility) c2 = add_facility (database, "C2", CHC_FACILITY_CENTRE, 0);
  g_autoptr(ChcFacility) s1 = add_facility (database, "S1", CHC_FACILITY_STATION, chc_facility_get_id (c1));
  g_autoptr(ChcFacility) v1 = add_facility (database, "V1", CHC_FACILITY_VILLAGE_CLINIC, chc_facility_get_id (c2));

  /* C13 analysers in every centre by 2025: C1 2024, C2 2025; the station's
   * own does not count */
  set_capability (database, c1, "c13_breath_test", 2024);
  set_capability (database, c2, "c13_breath_test", 2025);
  set_capability (database, s1, "c13_breath_test", 2023);
  assert_result (database, 2024, "capability.c13_breath_test", 50, CHC_STATUS_NO_TARGET);
  assert_result (database, 2025, "capability.c13_breath_test", 100, CHC_STATUS_MET);

  /* the two TCM itinerant stations of 2025 (练塘东团村, 白鹤响新村) */
  set_capability (database, s1, "tcm_itinerant", 2025);
  assert_result (database, 2025, "tcm.itinerant_stations", 1, CHC_STATUS_BEHIND);
  set_capability (database, v1, "tcm_itinerant", 2025);
  assert_result (database, 2025, "tcm.itinerant_stations", 2, CHC_STATUS_MET);
  assert_result (database, 2024, "tcm.itinerant_stations", 0, CHC_STATUS_NO_TARGET);

  /* demonstration rehabilitation in 50 % of the communities (centres) */
  set_capability (database, c1, "rehab_demo", 2024);
  assert_result (database, 2025, "capability.rehab_demo_share", 50, CHC_STATUS_MET);
  /* rehabilitation of either level in every centre */
  assert_result (database, 2025, "capability.rehab_coverage", 50, CHC_STATUS_BEHIND);
  set_capability (database, c2, "rehab_standard", 2025);
  assert_result (database, 2025, "capability.rehab_coverage", 100, CHC_STATUS_MET);

  /* support centres built (cumulative) and those past municipal acceptance */
  set_capability (database, c1, "chronic_support", 2023);
  set_capability (database, c2, "chronic_support", 2023);
  set_capability (database, c1, "chronic_support_accepted", 2024);
  assert_result (database, 2023, "capability.chronic_support", 2, CHC_STATUS_MET);
  assert_result (database, 2025, "capability.chronic_support_accepted", 1, CHC_STATUS_BEHIND);

  /* affiliated teaching centres: 8 by 2023, all 12 by 2024 */
  set_capability (database, c1, "affiliated_teaching", 2023);
  assert_result (database, 2023, "capability.affiliated_teaching", 1, CHC_STATUS_BEHIND);
}

/* ---- yes/no figures of the centres and district figures -------------------- */

static void
test_figures (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(ChcFacility) c1 = add_facility (database, "C1", CHC_FACILITY_CENTRE, 0);
  g_autoptr(ChcFacility) c2 = add_facility (database, "C2", CHC_FACILITY_CENTRE, 0);

  /* public health indicators all met in every centre by 2025 */
  save_value (database, c1, "public_health_targets_met", "2025", 1);
  save_value (database, c2, "public_health_targets_met", "2025", 0);
  assert_result (database, 2025, "capability.public_health_targets", 50, CHC_STATUS_BEHIND);

  /* 150 AEDs added in 2025 */
  save_value (database, NULL, "aed_added", "2025", 150);
  assert_result (database, 2025, "capability.aed_added", 150, CHC_STATUS_MET);

  /* general outpatient slots: all open to the community; beds: a quarter */
  save_value (database, NULL, "general_slots", "2025", 2000);
  save_value (database, NULL, "general_slots_referral", "2025", 1990);
  save_value (database, NULL, "inpatient_beds", "2025", 800);
  save_value (database, NULL, "inpatient_beds_referral", "2025", 200);
  assert_result (database, 2025, "other.general_slots_referral", 99.5, CHC_STATUS_BEHIND);
  assert_result (database, 2025, "other.inpatient_beds_referral", 25, CHC_STATUS_MET);

  /* TCM training of every non-TCM medical worker */
  save_value (database, c1, "non_tcm_staff", "2025", 80);
  save_value (database, c1, "non_tcm_staff_tcm_trained", "2025", 80);
  save_value (database, c2, "non_tcm_staff", "2025", 20);
  save_value (database, c2, "non_tcm_staff_tcm_trained", "2025", 20);
  assert_result (database, 2025, "tcm.non_tcm_staff_trained", 100, CHC_STATUS_MET);

  /* a yes/no figure counted: 7 centres evaluated in 2024 */
  save_value (database, c1, "quality_evaluation", "2024", 1);
  assert_result (database, 2024, "capability.quality_evaluation", 1, CHC_STATUS_BEHIND);
}

/* ---- targets the engine cannot compute yet ---------------------------------- */

/* Named projects, capabilities built within the year and a mean over the
 * centres keep their targets and say they have no data source. */
static void
test_no_method (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(ChcFacility) c1 = add_facility (database, "C1", CHC_FACILITY_CENTRE, 0);
  const char *const none[] = {
    "construction.openings_2023", "construction.zhujiajiao_relocation_started",
    "construction.xincheng_phase2_opened", "capability.western_disease_types", NULL,
  };

  save_value (database, c1, "western_disease_types", "2025", 150);
  for (guint i = 0; none[i] != NULL; i++)
    {
      g_autofree char *years = target_years (database, none[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChcIndicator) indicator = chc_database_find_indicator (database, qingpu_id (database), none[i],
                                                                       &error);

      g_assert_cmpint (chc_indicator_get_method (indicator), ==, CHC_METHOD_NONE);
      g_assert_cmpstr (years, !=, "");
    }
  assert_result (database, 2025, "capability.western_disease_types", NAN, CHC_STATUS_NO_DATA);
  assert_result (database, 2023, "construction.openings_2023", NAN, CHC_STATUS_NO_DATA);
}

/* ---- built during the year ---------------------------------------------------- */

/* "开展第二批3家社区护理中心建设" (2024), "建设1家社区护理中心" (2025): the
 * nursing centres reached in the year itself, not those of earlier years. */
static void
test_in_year (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(ChcFacility) c1 = add_facility (database, "C1", CHC_FACILITY_CENTRE, 0);
  g_autoptr(ChcFacility) c2 = add_facility (database, "C2", CHC_FACILITY_CENTRE, 0);
  g_autoptr(ChcFacility) c3 = add_facility (database, "C3", CHC_FACILITY_CENTRE, 0);
  g_autoptr(ChcFacility) b1 = add_facility (database, "B1", CHC_FACILITY_BRANCH, chc_facility_get_id (c1));
  g_autoptr(ChcFacility) s1 = add_facility (database, "S1", CHC_FACILITY_STATION, chc_facility_get_id (c1));
  g_autofree char *label = chc_database_condition_label ("capability_in_year:nursing");

  g_assert_true (chc_database_has_condition ("capability_in_year:nursing"));
  g_assert_false (chc_database_has_condition ("capability_in_year:nothing"));
  g_assert_nonnull (label);

  /* the first batch (2023: C1), the second (2024: C2, B1; a station's does
   * not count) */
  set_capability (database, c1, "nursing", 2023);
  set_capability (database, c2, "nursing", 2024);
  set_capability (database, b1, "nursing", 2024);
  set_capability (database, s1, "nursing", 2024);
  assert_result (database, 2023, "capability.nursing_in_year", 1, CHC_STATUS_NO_TARGET);
  assert_result (database, 2024, "capability.nursing_in_year", 2, CHC_STATUS_BEHIND);
  set_capability (database, c3, "nursing", 2024);
  assert_result (database, 2024, "capability.nursing_in_year", 3, CHC_STATUS_MET);
  /* none in 2025: the year's one is missing, whatever was built before */
  assert_result (database, 2025, "capability.nursing_in_year", 0, CHC_STATUS_BEHIND);

  /* 3 outpatient surgery rooms in 2025 */
  set_capability (database, c1, "minor_surgery", 2024);
  set_capability (database, c2, "minor_surgery", 2025);
  assert_result (database, 2025, "capability.minor_surgery_in_year", 1, CHC_STATUS_BEHIND);
}

/* ---- a target for each centre ------------------------------------------------- */

/* "每个社区卫生服务中心每年…至少覆盖10%": the lowest centre's value is the
 * indicator's, one centre below is behind although the district's total
 * is above, exactly 10 % meets it, and chc-cli indicators --by-facility
 * lists each centre (a branch centre is not one of them). */
static void
test_per_centre (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(ChcFacility) c1 = add_facility (database, "C1", CHC_FACILITY_CENTRE, 0);
  g_autoptr(ChcFacility) c2 = add_facility (database, "C2", CHC_FACILITY_CENTRE, 0);
  g_autoptr(ChcFacility) b1 = add_facility (database, "B1", CHC_FACILITY_BRANCH, chc_facility_get_id (c1));
  g_autofree char *path = g_strdup (chc_database_get_path (database));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) results = NULL;
  ChcIndicatorResult *r;
  GArray *each;

  save_value (database, c1, "chronic_patients_managed", "2024", 1000);
  save_value (database, c1, "chronic_patients_measured", "2024", 150);
  save_value (database, c2, "chronic_patients_managed", "2024", 1000);
  save_value (database, c2, "chronic_patients_measured", "2024", 90);
  save_value (database, b1, "chronic_patients_managed", "2024", 100);
  save_value (database, b1, "chronic_patients_measured", "2024", 1);
  /* (150 + 90) / 2000 = 12 % in all, but C2 is at 9 % */
  assert_result (database, 2024, "other.chronic_measurement_coverage", 9, CHC_STATUS_BEHIND);
  results = evaluate (database, 2024);
  r = find_result (results, "other.chronic_measurement_coverage");
  each = chc_indicator_result_get_facility_values (r);
  g_assert_nonnull (each);
  g_assert_cmpuint (each->len, ==, 2);
  for (guint i = 0; i < each->len; i++)
    {
      const ChcFacilityResult *f = &g_array_index (each, ChcFacilityResult, i);

      if (f->facility_id == chc_facility_get_id (c1))
        {
          g_assert_cmpfloat_with_epsilon (f->value, 15, 1e-9);
          g_assert_cmpint (f->status, ==, CHC_STATUS_MET);
        }
      else
        {
          g_assert_cmpint (f->facility_id, ==, chc_facility_get_id (c2));
          g_assert_cmpfloat_with_epsilon (f->value, 9, 1e-9);
          g_assert_cmpint (f->status, ==, CHC_STATUS_BEHIND);
        }
    }
  /* the district's total of measurements is no target of each centre */
  g_assert_null (chc_indicator_result_get_facility_values (find_result (results, "other.chronic_measurements")));

  g_clear_object (&database);
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", path, "indicators", "--district", "青浦",
                                                             "--year", "2024", "--by-facility", NULL });
  g_assert_nonnull (strstr (out, "other.chronic_measurement_coverage\tC1\tC1\tpercent\t15.0\t10\tmet\n"));
  g_assert_nonnull (strstr (out, "other.chronic_measurement_coverage\tC2\tC2\tpercent\t9.0\t10\tbehind\n"));
  g_assert_null (strstr (out, "\tB1\t"));

  /* exactly 10 % meets "至少覆盖10%" */
  database = chc_database_open (path, NULL);
  g_assert_nonnull (database);
  save_value (database, c2, "chronic_patients_measured", "2024", 100);
  assert_result (database, 2024, "other.chronic_measurement_coverage", 10, CHC_STATUS_MET);
}

/* ---- hospitals ------------------------------------------------------------------ */

/* A count over hospitals with none in the registry is no data, not 0
 * behind; the hospitals' capabilities stay out of the centres' shares and
 * counts. */
static void
test_hospitals (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(ChcFacility) c1 = add_facility (database, "C1", CHC_FACILITY_CENTRE, 0);
  g_autoptr(ChcFacility) c2 = add_facility (database, "C2", CHC_FACILITY_CENTRE, 0);
  g_autoptr(ChcFacility) h1 = NULL;
  g_autoptr(ChcFacility) h2 = NULL;

  /* no hospital yet: remote booking of tests is no data, as is a count of
   * stations with a remote outpatient clinic in a district without them */
  assert_result (database, 2023, "referral.remote_test_booking", NAN, CHC_STATUS_NO_DATA);
  assert_result (database, 2023, "capability.remote_outpatient", NAN, CHC_STATUS_NO_DATA);

  h1 = add_facility (database, "H1", CHC_FACILITY_HOSPITAL, 0);
  h2 = add_facility (database, "H2", CHC_FACILITY_HOSPITAL, 0);
  assert_result (database, 2023, "referral.remote_test_booking", 0, CHC_STATUS_BEHIND);
  set_capability (database, h1, "remote_test_booking", 2023);
  set_capability (database, h2, "remote_test_booking", 2024);
  assert_result (database, 2023, "referral.remote_test_booking", 1, CHC_STATUS_MET);
  assert_result (database, 2024, "referral.remote_test_booking", 2, CHC_STATUS_BEHIND);

  /* a hospital's C13 analyser and CT are not a centre's */
  set_capability (database, c1, "c13_breath_test", 2023);
  set_capability (database, h1, "c13_breath_test", 2023);
  set_capability (database, h1, "ct", 2023);
  set_capability (database, c2, "ct", 2023);
  assert_result (database, 2025, "capability.c13_breath_test", 50, CHC_STATUS_BEHIND);
  assert_result (database, 2023, "capability.ct", 1, CHC_STATUS_BEHIND);

  /* the hospitals' slots are the district's own figures */
  save_value (database, NULL, "expert_slots", "2024", 1000);
  save_value (database, NULL, "expert_slots_referral", "2024", 480);
  assert_result (database, 2024, "other.referral_slots", 48, CHC_STATUS_MET);
}

/* ---- the registry as it stood --------------------------------------------------- */

/* A village clinic closed in 2024 still counts in 2023's remote outpatient
 * clinics; one opened in 2024 does not. */
static void
test_history (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(ChcFacility) c1 = add_facility (database, "C1", CHC_FACILITY_CENTRE, 0);
  g_autoptr(ChcFacility) v1 = NULL;
  g_autoptr(ChcFacility) v2 = NULL;
  g_autoptr(GError) error = NULL;

  v1 = add_facility (database, "V1", CHC_FACILITY_VILLAGE_CLINIC, chc_facility_get_id (c1));
  v2 = add_facility (database, "V2", CHC_FACILITY_VILLAGE_CLINIC, chc_facility_get_id (c1));
  set_capability (database, v1, "remote_outpatient", 2023);
  set_capability (database, v2, "remote_outpatient", 2024);
  chc_facility_set_status (v1, CHC_FACILITY_CLOSED);
  chc_facility_set_closed_on (v1, "2024-06-30");
  g_assert_true (chc_database_update_facility (database, v1, &error));
  g_assert_no_error (error);
  chc_facility_set_opened_on (v2, "2024-03-01");
  g_assert_true (chc_database_update_facility (database, v2, &error));
  g_assert_no_error (error);

  assert_result (database, 2023, "capability.remote_outpatient", 1, CHC_STATUS_BEHIND);
  assert_result (database, 2024, "capability.remote_outpatient", 1, CHC_STATUS_NO_TARGET);
  assert_result (database, 2025, "capability.remote_outpatient", 1, CHC_STATUS_NO_TARGET);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plans-qingpu/builtin", test_builtin);
  g_test_add_func ("/plans-qingpu/each-year", test_each_year);
  g_test_add_func ("/plans-qingpu/capabilities", test_capabilities);
  g_test_add_func ("/plans-qingpu/figures", test_figures);
  g_test_add_func ("/plans-qingpu/no-method", test_no_method);
  g_test_add_func ("/plans-qingpu/in-year", test_in_year);
  g_test_add_func ("/plans-qingpu/per-centre", test_per_centre);
  g_test_add_func ("/plans-qingpu/hospitals", test_hospitals);
  g_test_add_func ("/plans-qingpu/history", test_history);

  return g_test_run ();
}
