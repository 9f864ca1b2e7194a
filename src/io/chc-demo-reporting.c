/* chc-demo-reporting.c — the demo database's reporting cycle (issue 15):
 * what a district's statistics office would have on file.  Every report
 * with figures whose due date is past was submitted, most of them on time
 * (some a few days late); those up to June 2025 are approved (locked);
 * later ones are submitted, one in twenty returned with a comment, and a
 * few of November and December 2025 and of the last three months are still
 * missing.  The whole of 2023 is locked.  Deterministic (a hash of facility, data set and period).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-demo"

#include <glib/gi18n-lib.h>

#include "chc-demo.h"
#include "core/chc-reporting.h"
#include "store/chc-database-reporting.h"

static const char *const comments[] = {
  "签约人数较上月下降，请核实后重新报送。",
  "门诊人次与上月差异较大，请说明原因。",
  "重点人群签约数大于重点人群数，请更正。",
};

/* A date plus @days, at @hour:@minute. */
static char *
at_day (const char *date,
        int         days,
        int         hour,
        int         minute)
{
  g_autoptr(GDateTime) base = NULL;
  g_autoptr(GDateTime) moved = NULL;
  g_autofree char *iso = g_strdup_printf ("%sT%02d:%02d:00", date, hour, minute);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  base = g_date_time_new_from_iso8601 (iso, local);
  if (base == NULL)
    return NULL;
  moved = g_date_time_add_days (base, days);
  return g_date_time_format (moved, "%Y-%m-%d %H:%M:%S");
}

gboolean
chc_demo_add_reporting (ChcDatabase  *database,
                        GError      **error)
{
  g_autoptr(GPtrArray) districts = chc_database_list_districts (database, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
  int this_month = g_date_time_get_year (now) * 12 + g_date_time_get_month (now) - 1;

  if (districts == NULL)
    return FALSE;
  for (guint d = 0; d < districts->len; d++)
    {
      ChcDistrict *district = g_ptr_array_index (districts, d);
      g_autoptr(GPtrArray) reports = NULL;
      g_autofree char *last = g_strdup_printf ("%04d-12", g_date_time_get_year (now));

      reports = chc_database_list_reports (database, chc_district_get_id (district), NULL, "2023-01", last, error);
      if (reports == NULL)
        return FALSE;
      if (reports->len == 0)
        continue;                           /* not a demo district */
      for (guint i = 0; i < reports->len; i++)
        {
          ChcReportStatus *status = g_ptr_array_index (reports, i);
          g_autofree char *key = g_strconcat (status->facility_code, status->dataset, status->period, NULL);
          guint r = g_str_hash (key) % 100;
          int first, end, age;
          g_autofree char *submitted = NULL;
          g_autofree char *decided = NULL;
          ChcReportState state = CHC_REPORT_STATE_APPROVED;
          const char *comment = NULL;

          if (status->state != CHC_REPORT_STATE_ENTERED || g_strcmp0 (status->due_date, today) >= 0 ||
              !chc_period_months (status->period, &first, &end))
            continue;
          age = this_month - end;           /* months since the period's end */
          /* still missing: a few of the last three months (of the demo's
           * year shown by default, 2025, and of now) */
          if (((end == 2025 * 12 + 10 || end == 2025 * 12 + 11) && r < 10) || (age <= 3 && r < 12))
            continue;
          if (r >= 88)                      /* a few days late */
            submitted = at_day (status->due_date, 1 + (int) (r % 6), 10, (int) (r % 60));
          else
            submitted = at_day (status->due_date, -(int) (r % 4), 9 + (int) (r % 8), (int) (r * 7 % 60));
          if (submitted == NULL || g_strcmp0 (submitted, now_text) > 0)
            {
              g_free (submitted);
              submitted = at_day (status->due_date, 0, 9, 0);
            }
          /* approved (and so locked) up to the first half of 2025; after
           * that submitted, one in twenty returned with a comment, so that
           * the demo's recent figures can still be edited */
          if (end >= 2025 * 12 + 6)
            {
              state = r % 20 == 7 ? CHC_REPORT_STATE_RETURNED : CHC_REPORT_STATE_SUBMITTED;
              if (state == CHC_REPORT_STATE_RETURNED)
                comment = comments[r % G_N_ELEMENTS (comments)];
            }
          if (state != CHC_REPORT_STATE_SUBMITTED)
            decided = at_day (status->due_date, 3 + (int) (r % 5), 15, 30);
          if (decided != NULL && g_strcmp0 (decided, now_text) > 0)
            {
              g_free (decided);
              decided = g_strdup (now_text);
            }
          if (!chc_database_put_report_state (database, status->facility_id, status->dataset, status->period,
                                              state, submitted, decided, comment, error))
            return FALSE;
        }
      /* 2023 closed: locked as a whole */
      for (int m = 1; m <= 12; m++)
        {
          g_autofree char *period = g_strdup_printf ("2023-%02d", m);

          if (!chc_database_lock_period (database, chc_district_get_id (district), period, error))
            return FALSE;
        }
      if (!chc_database_lock_period (database, chc_district_get_id (district), "2023", error))
        return FALSE;
    }
  return TRUE;
}
