/* chc-reporting.h — the rules of the reporting cycle (issue 15), without
 * SQL: the states of a report, due dates, on time or late, the periods of
 * a data set in a range, and the counts a statistics officer reads
 * (expected, received, on time).  The store lists the states
 * (store/chc-database-reporting.h); the calendar, chc-cli completeness and
 * the indicators count them here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "core/chc-element.h"

G_BEGIN_DECLS

/* not started → entered → submitted → approved, or returned (then entered
 * and submitted again).  The first two are read from the values. */
typedef enum
{
  CHC_REPORT_STATE_NOT_STARTED,
  CHC_REPORT_STATE_ENTERED,
  CHC_REPORT_STATE_SUBMITTED,
  CHC_REPORT_STATE_APPROVED,
  CHC_REPORT_STATE_RETURNED,
} ChcReportState;

#define CHC_REPORT_N_STATES (CHC_REPORT_STATE_RETURNED + 1)

/* Against the due date. */
typedef enum
{
  CHC_REPORT_TIMELINESS_NOT_DUE,   /* not received, not due yet */
  CHC_REPORT_TIMELINESS_ON_TIME,   /* received by the due date */
  CHC_REPORT_TIMELINESS_LATE,      /* received after it */
  CHC_REPORT_TIMELINESS_OVERDUE,   /* not received, past due */
} ChcReportTimeliness;

/* "not-started", "entered", "submitted", "approved", "returned" (the
 * column state of chc-cli completeness) */
const char *chc_report_state_to_nick       (ChcReportState  state);
gboolean    chc_report_state_from_nick     (const char     *nick,
                                            ChcReportState *state);
/* 未开始, 已填报, 已上报, 已审核, 已退回 (translated) */
const char *chc_report_state_get_label     (ChcReportState  state);
/* Whether the commission has received it (submitted or approved). */
gboolean    chc_report_state_is_received   (ChcReportState  state);

/* The due date of @period (canonical) as "YYYY-MM-DD": day @due_day (the
 * month's last day when it has fewer) of the @due_months-th month after
 * the period's last month.  NULL for a period that is not one. */
char       *chc_report_due_date            (const char     *period,
                                            int             due_day,
                                            int             due_months);
/* @state's timeliness: @submitted_at ("YYYY-MM-DD HH:MM:SS" or a date;
 * NULL when never submitted) against @due_date, on @today ("YYYY-MM-DD"). */
ChcReportTimeliness chc_report_timeliness  (ChcReportState  state,
                                            const char     *submitted_at,
                                            const char     *due_date,
                                            const char     *today);

/* The canonical periods of @type whose months all lie within the months of
 * @first … @last (canonical periods of any type), in order.  NULL-terminated. */
char      **chc_report_periods             (ChcPeriodType   type,
                                            const char     *first,
                                            const char     *last);

/* One facility's report of one data set and period. */
typedef struct
{
  gint64               facility_id;
  char                *facility_code;
  char                *facility_name;
  char                *facility_type;   /* "centre", "branch"… */
  gint64               parent_id;       /* 0: none */
  char                *town;            /* NULL: none */
  char                *dataset;
  char                *period;
  ChcReportState       state;
  char                *submitted_at;    /* NULL when never submitted */
  char                *decided_at;      /* approved or returned at */
  char                *comment;         /* the return's comment, or "" */
  char                *due_date;        /* YYYY-MM-DD */
  ChcReportTimeliness  timeliness;
  gboolean             locked;          /* approved, or the period is locked */
} ChcReportStatus;

void        chc_report_status_free         (ChcReportStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcReportStatus, chc_report_status_free)

/* What a statistics officer counts over a set of reports. */
typedef struct
{
  guint expected;
  guint states[CHC_REPORT_N_STATES];
  guint received;     /* submitted or approved */
  guint on_time;      /* received by the due date */
  guint late;         /* received after it */
  guint overdue;      /* not received, past due */
  guint locked;
} ChcReportCounts;

/* Adds @status to @counts. */
void        chc_report_counts_add          (ChcReportCounts       *counts,
                                            const ChcReportStatus *status);
/* Completeness (received / expected) and timeliness (on time / expected)
 * in percent; FALSE when nothing is expected. */
gboolean    chc_report_counts_completeness (const ChcReportCounts *counts,
                                            double                *percent);
gboolean    chc_report_counts_timeliness   (const ChcReportCounts *counts,
                                            double                *percent);

G_END_DECLS
