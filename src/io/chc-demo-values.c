/* chc-demo-values.c — invented values of the generic data elements for the
 * demo database (issue 13): outpatient visits and chronic-disease
 * measurements by month, people and patients by year, the district
 * figures, and the Qingpu plan's figures of issue 14 (specialists sent,
 * slots and beds, training, AEDs, …), all of them invented.  Deterministic (seeded by the facility's code), plausible, and
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
        }
    }
  return chc_database_save_values (database, values, NULL, NULL, NULL, error);
}
