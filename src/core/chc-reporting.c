/* chc-reporting.c — the rules of the reporting cycle: states, due dates,
 * timeliness and counts (see chc-reporting.h).
 *
 * A report is on time when the commission received it by the end of its
 * due day (local time, as the submission is recorded).  One that was
 * returned counts as not received until it is submitted again, and its
 * timeliness is that of the new submission.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-reporting"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "core/chc-reporting.h"

static const char *const state_nicks[] = {
  "not-started", "entered", "submitted", "approved", "returned",
};

G_STATIC_ASSERT (G_N_ELEMENTS (state_nicks) == CHC_REPORT_N_STATES);

const char *
chc_report_state_to_nick (ChcReportState state)
{
  g_return_val_if_fail (state < CHC_REPORT_N_STATES, NULL);
  return state_nicks[state];
}

gboolean
chc_report_state_from_nick (const char     *nick,
                            ChcReportState *state)
{
  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (state_nicks); i++)
    if (g_str_equal (nick, state_nicks[i]))
      {
        *state = (ChcReportState) i;
        return TRUE;
      }
  return FALSE;
}

const char *
chc_report_state_get_label (ChcReportState state)
{
  switch (state)
    {
    case CHC_REPORT_STATE_NOT_STARTED:
      return C_("report state", "Not started");
    case CHC_REPORT_STATE_ENTERED:
      return C_("report state", "Entered");
    case CHC_REPORT_STATE_SUBMITTED:
      return C_("report state", "Submitted");
    case CHC_REPORT_STATE_APPROVED:
      return C_("report state", "Approved");
    case CHC_REPORT_STATE_RETURNED:
      return C_("report state", "Returned");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
chc_report_state_is_received (ChcReportState state)
{
  return state == CHC_REPORT_STATE_SUBMITTED || state == CHC_REPORT_STATE_APPROVED;
}

char *
chc_report_due_date (const char *period,
                     int         due_day,
                     int         due_months)
{
  int first, last, month, year, day;

  if (!chc_period_months (period, &first, &last))
    return NULL;
  last += due_months;
  year = last / 12;
  month = last % 12 + 1;
  day = CLAMP (due_day, 1, g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

ChcReportTimeliness
chc_report_timeliness (ChcReportState  state,
                       const char     *submitted_at,
                       const char     *due_date,
                       const char     *today)
{
  if (chc_report_state_is_received (state) && submitted_at != NULL)
    return strncmp (submitted_at, due_date, 10) <= 0 ? CHC_REPORT_TIMELINESS_ON_TIME
                                                     : CHC_REPORT_TIMELINESS_LATE;
  if (today != NULL && due_date != NULL && strncmp (today, due_date, 10) > 0)
    return CHC_REPORT_TIMELINESS_OVERDUE;
  return CHC_REPORT_TIMELINESS_NOT_DUE;
}

char **
chc_report_periods (ChcPeriodType  type,
                    const char    *first,
                    const char    *last)
{
  g_autoptr(GStrvBuilder) periods = g_strv_builder_new ();
  int from, to, unused;

  if (!chc_period_months (first, &from, &unused) || !chc_period_months (last, &unused, &to))
    return g_strv_builder_end (periods);
  for (int m = from; m <= to; m++)
    {
      int year = m / 12, month = m % 12;
      g_autofree char *period = NULL;

      switch (type)
        {
        case CHC_PERIOD_TYPE_MONTH:
          period = g_strdup_printf ("%04d-%02d", year, month + 1);
          break;
        case CHC_PERIOD_TYPE_QUARTER:
          if (month % 3 == 0 && m + 2 <= to)
            period = g_strdup_printf ("%04dQ%d", year, month / 3 + 1);
          break;
        case CHC_PERIOD_TYPE_YEAR:
          if (month == 0 && m + 11 <= to)
            period = g_strdup_printf ("%04d", year);
          break;
        case CHC_PERIOD_TYPE_DATED:
        default:
          break;
        }
      if (period != NULL)
        g_strv_builder_add (periods, period);
    }
  return g_strv_builder_end (periods);
}

void
chc_report_status_free (ChcReportStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->facility_code);
  g_free (status->facility_name);
  g_free (status->facility_type);
  g_free (status->town);
  g_free (status->dataset);
  g_free (status->period);
  g_free (status->submitted_at);
  g_free (status->decided_at);
  g_free (status->comment);
  g_free (status->due_date);
  g_free (status);
}

void
chc_report_counts_add (ChcReportCounts       *counts,
                       const ChcReportStatus *status)
{
  counts->expected++;
  counts->states[status->state]++;
  if (chc_report_state_is_received (status->state))
    counts->received++;
  switch (status->timeliness)
    {
    case CHC_REPORT_TIMELINESS_ON_TIME:
      counts->on_time++;
      break;
    case CHC_REPORT_TIMELINESS_LATE:
      counts->late++;
      break;
    case CHC_REPORT_TIMELINESS_OVERDUE:
      counts->overdue++;
      break;
    case CHC_REPORT_TIMELINESS_NOT_DUE:
    default:
      break;
    }
  if (status->locked)
    counts->locked++;
}

gboolean
chc_report_counts_completeness (const ChcReportCounts *counts,
                                double                *percent)
{
  if (counts->expected == 0)
    return FALSE;
  *percent = 100.0 * counts->received / counts->expected;
  return TRUE;
}

gboolean
chc_report_counts_timeliness (const ChcReportCounts *counts,
                              double                *percent)
{
  if (counts->expected == 0)
    return FALSE;
  *percent = 100.0 * counts->on_time / counts->expected;
  return TRUE;
}
