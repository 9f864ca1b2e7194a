/* chc-demo-values.c — invented values of the generic data elements for the
 * demo database (issue 13): outpatient visits and chronic-disease
 * measurements by month, people and patients by year, the district
 * figures (with those of issue 14's plans: key groups, studios, the
 * main indicators of Changning's 附件6, the Qingpu plan's specialists sent,
 * slots and beds, training, AEDs — all invented).  Deterministic (seeded by the facility's code), plausible, and
 * never for the current year's future months.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-demo"

#include <math.h>

#include "chc-demo.h"
#include "store/chc-database-values.h"

#define FIRST_YEAR 2023
#define LAST_YEAR 2025

static void
add (GPtrArray  *values,
     gint64      facility_id,
     gint64      district_id,
     const char *element,
     const char *period,
     double      value)
{
  g_ptr_array_add (values, chc_value_new (facility_id, district_id, element, period, value));
}

gboolean
chc_demo_add_values (ChcDatabase  *database,
                     GError      **error)
{
  g_autoptr(GPtrArray) districts = chc_database_list_districts (database, error);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_value_free);

  if (districts == NULL)
    return FALSE;
  for (guint d = 0; d < districts->len; d++)
    {
      ChcDistrict *district = g_ptr_array_index (districts, d);
      gint64 district_id = chc_district_get_id (district);
      g_autoptr(GPtrArray) facilities = chc_database_list_facilities (database, district_id, error);
      double residents = 0;

      if (facilities == NULL)
        return FALSE;
      if (facilities->len == 0)
        continue;
      for (guint i = 0; i < facilities->len; i++)
        {
          ChcFacility *facility = g_ptr_array_index (facilities, i);
          ChcFacilityType type = chc_facility_get_facility_type (facility);
          gint64 id = chc_facility_get_id (facility);
          guint seed = g_str_hash (chc_facility_get_code (facility));
          double size = 0.6 + (seed % 80) / 100.0;   /* 0.6 – 1.4 */

          if (chc_facility_get_status (facility) != CHC_FACILITY_OPERATING ||
              (type != CHC_FACILITY_CENTRE && type != CHC_FACILITY_BRANCH))
            continue;
          residents += 60000 * size;
          for (int year = FIRST_YEAR; year <= LAST_YEAR; year++)
            {
              char period[8];
              double growth = 1 + 0.04 * (year - FIRST_YEAR);
              double gps = round ((type == CHC_FACILITY_CENTRE ? 24 : 8) * size * growth);
              double managed = round (9000 * size * growth);

              for (int month = 1; month <= 12; month++)
                {
                  g_snprintf (period, sizeof period, "%04d-%02d", year, month);
                  add (values, id, district_id, "outpatient_visits", period,
                       round (16000 * size * growth * (1 + 0.05 * ((int) ((seed + month) % 5) - 2))));
                  add (values, id, district_id, "chronic_measurements", period,
                       round (110 * size * growth * (1 + 0.1 * ((seed + month) % 3))));
                }
              g_snprintf (period, sizeof period, "%04d", year);
              add (values, id, district_id, "general_practitioners", period, gps);
              add (values, id, district_id, "gps_standard_trained", period, round (gps * (0.55 + 0.1 * (year - FIRST_YEAR))));
              add (values, id, district_id, "chronic_patients_managed", period, managed);
              add (values, id, district_id, "chronic_patients_measured", period,
                   round (managed * (0.08 + 0.02 * (year - FIRST_YEAR) + (seed % 5) / 100.0)));
              add (values, id, district_id, "remote_consultation", period,
                   (seed + year) % 4 != 0 ? 1 : 0);
              /* the Qingpu plan's yearly centre figures (issue 14), invented */
              {
                double staff = round ((type == CHC_FACILITY_CENTRE ? 90 : 30) * size);

                add (values, id, district_id, "visiting_experts", period, (seed + year) % 5 != 0 ? 1 : 0);
                add (values, id, district_id, "public_health_targets_met", period, (seed + year) % 3 != 0 ? 1 : 0);
                add (values, id, district_id, "quality_evaluation", period, (seed + year) % 2);
                add (values, id, district_id, "western_disease_types", period,
                     120 + 8 * (year - FIRST_YEAR) + seed % 15);
                add (values, id, district_id, "non_tcm_staff", period, staff);
                add (values, id, district_id, "non_tcm_staff_tcm_trained", period,
                     round (staff * (0.7 + 0.1 * (year - FIRST_YEAR))));
              }
              /* key groups (issue 14): 应签尽签 nearly reached */
              {
                static const char *const groups[] = {
                  "family_planning_special", "four_linkage", "disabled_elderly", "disabled_persons",
                };
                static const double per_centre[] = { 60, 150, 400, 650 };

                for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
                  {
                    g_autofree char *signed_code = g_strconcat (groups[g], "_signed", NULL);
                    double members = round (per_centre[g] * size);

                    add (values, id, district_id, groups[g], period, members);
                    add (values, id, district_id, signed_code, period,
                         (seed + year + g) % 3 == 0 ? members : round (members * (0.95 + 0.01 * (year - FIRST_YEAR))));
                  }
              }
            }
        }
      if (residents == 0)
        continue;
      for (int year = FIRST_YEAR; year <= LAST_YEAR; year++)
        {
          char period[8];
          double growth = 1 + 0.04 * (year - FIRST_YEAR);
          double people = round (residents * growth);
          double slots = round (people / 40);

          g_snprintf (period, sizeof period, "%04d", year);
          add (values, 0, district_id, "district_residents", period, people);
          add (values, 0, district_id, "district_outpatient_visits", period, round (people * 9));
          add (values, 0, district_id, "walking_access_residents", period,
               round (people * (0.88 + 0.03 * (year - FIRST_YEAR))));
          add (values, 0, district_id, "expert_slots", period, slots);
          add (values, 0, district_id, "expert_slots_referral", period,
               round (slots * (0.25 + 0.05 * (year - FIRST_YEAR))));
          add (values, 0, district_id, "public_health_funding", period, 100 + 10 * (year - FIRST_YEAR));
          /* the Qingpu plan's district figures (issue 14), invented */
          add (values, 0, district_id, "visiting_specialties", period, 4 + 3 * (year - FIRST_YEAR));
          add (values, 0, district_id, "general_slots", period, slots * 3);
          add (values, 0, district_id, "general_slots_referral", period,
               round (slots * 3 * (0.9 + 0.04 * (year - FIRST_YEAR))));
          add (values, 0, district_id, "inpatient_beds", period, round (people / 500));
          add (values, 0, district_id, "inpatient_beds_referral", period,
               round (people / 500 * (0.18 + 0.03 * (year - FIRST_YEAR))));
          add (values, 0, district_id, "rural_doctor_training", period, 6500 + 900 * (year - FIRST_YEAR));
          add (values, 0, district_id, "oriented_students", period, 9 + (year - FIRST_YEAR) % 2);
          add (values, 0, district_id, "talents_cultivated", period, 5 * (year - FIRST_YEAR + 1));
          add (values, 0, district_id, "aed_added", period, 40 + 50 * (year - FIRST_YEAR));
          /* the district figures of issue 14's plans (Changning, Songjiang) */
          {
            int n = year - FIRST_YEAR;

            add (values, 0, district_id, "gp_studios", period, 3 + 3 * n);
            add (values, 0, district_id, "gp_studio_heads", period, 5 + 4 * n);
            add (values, 0, district_id, "tcm_master_studios", period, 9 + 2 * n);
            add (values, 0, district_id, "tcm_apprentices_trained", period, 10 + 8 * n);
            add (values, 0, district_id, "tcm_base_teachers", period, 10 + 7 * n);
            add (values, 0, district_id, "tcm_base_training", period, 90 + 15 * n);
            add (values, 0, district_id, "chronic_specialty_alliances", period, 6 + 2 * n);
            add (values, 0, district_id, "severe_mental_patients", period, round (people / 250));
            add (values, 0, district_id, "severe_mental_rehab", period, round (people / 250 * (0.62 + 0.03 * n)));
            add (values, 0, district_id, "elderly_home_care_rounds", period, n == 1 ? 1 : 2);
            add (values, 0, district_id, "life_expectancy", period, 84.1 + 0.1 * n);
            add (values, 0, district_id, "infant_mortality", period, 2.1);
            add (values, 0, district_id, "under5_mortality", period, 2.6);
            add (values, 0, district_id, "maternal_mortality", period, 3.5);
            add (values, 0, district_id, "health_literacy", period, 38 + n);
            add (values, 0, district_id, "cancer_early_share", period, 34 + n);
            add (values, 0, district_id, "licensed_doctors", period, round (people * 0.0058));
            add (values, 0, district_id, "registered_nurses", period, round (people * 0.0079));
            add (values, 0, district_id, "public_health_staff", period, round (people * 0.00085));
            add (values, 0, district_id, "cdc_staff", period, round (people * 0.00016));
            add (values, 0, district_id, "psychiatrists", period, round (people * 0.00005));
            add (values, 0, district_id, "staff_postgraduate_share", period, 21 + n);
            add (values, 0, district_id, "designated_hospital_beds", period, 600);
            add (values, 0, district_id, "designated_icu_beds", period, 54 + 4 * n);
            add (values, 0, district_id, "designated_icu_beds_emergency", period, 110 + 6 * n);
            add (values, 0, district_id, "blood_donations", period, round (people * 0.022));
            add (values, 0, district_id, "beds_open", period, round (people * 0.012));
            add (values, 0, district_id, "beds_staffed", period, round (people * 0.0095));
            add (values, 0, district_id, "rehab_beds", period, round (people * 0.0005));
            add (values, 0, district_id, "case_mix_index", period, 0.86 + 0.02 * n);
            add (values, 0, district_id, "return_visits", period, round (people * 2));
            add (values, 0, district_id, "return_visits_online", period, round (people * 2 * (0.07 + 0.015 * n)));
            add (values, 0, district_id, "general_hospital_beds", period, round (people * 0.006));
            add (values, 0, district_id, "general_hospital_tcm_beds", period, round (people * 0.006 * 0.045));
            add (values, 0, district_id, "doctoral_innovation_bases", period, 4 + 3 * n);
            add (values, 0, district_id, "graduate_innovation_bases", period, 8 + 5 * n);
            add (values, 0, district_id, "cdc_test_items", period, 500 + 20 * n);
            add (values, 0, district_id, "p2plus_labs", period, 1 + n);
            add (values, 0, district_id, "district_key_specialties", period, 2 + n);
            add (values, 0, district_id, "featured_specialties", period, 5 + 2 * n);
            add (values, 0, district_id, "municipal_key_disciplines_new", period, n);
            add (values, 0, district_id, "municipal_clinical_specialties_new", period, n > 0 ? 1 : 0);
            add (values, 0, district_id, "municipal_key_labs", period, n > 1 ? 1 : 0);
          }
        }
    }
  return chc_database_save_values (database, values, NULL, NULL, NULL, error);
}
