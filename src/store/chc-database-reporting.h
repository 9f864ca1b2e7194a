/* chc-database-reporting.h — the reporting cycle in the database (schema
 * 7, issue 15): each district's schedule of its data sets, the state of
 * each facility's report of a data set and period, approvals, returns and
 * locked periods.
 *
 * A lock is enforced by TEMP triggers on every connection the store opens
 * (chc_database_reporting_setup): an insert, change or deletion of a
 * locked figure — in the window, an import or a merge — fails the
 * transaction with CHC_DATABASE_ERROR_LOCKED and a message that names the
 * facility, the period and the lock; nothing is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "core/chc-reporting.h"
#include "chc-database.h"

G_BEGIN_DECLS

/* A district's schedule of one data set: the data set's declaration
 * (data/elements.ini) with the district's changes. */
typedef struct
{
  char      *dataset;
  char      *label;        /* the data set's name in the interface's language */
  ChcPeriodType period_type;
  int        due_day;
  int        due_months;
  char     **reported_by;  /* facility types */
  gboolean   active;       /* FALSE: not reported in this district */
  gboolean   customized;   /* the district changed the defaults */
} ChcReportSchedule;

void       chc_report_schedule_free          (ChcReportSchedule *schedule);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcReportSchedule, chc_report_schedule_free)

/* The schedules of every data set facilities report in @district_id (the
 * built-in ones and the commission's own, active or not), in the data
 * sets' order.  (element-type ChcReportSchedule) */
GPtrArray *chc_database_list_schedules       (ChcDatabase        *self,
                                              gint64              district_id,
                                              GError            **error);
/* Changes @district_id's schedule of @schedule->dataset (due day, due
 * months, reporters, active).  Audited as a setting. */
gboolean   chc_database_set_schedule         (ChcDatabase        *self,
                                              gint64              district_id,
                                              const ChcReportSchedule *schedule,
                                              GError            **error);

/* Writes @schedules (element-type ChcReportSchedule) of @district_id in
 * one transaction: all or none. */
gboolean   chc_database_set_schedules        (ChcDatabase        *self,
                                              gint64              district_id,
                                              GPtrArray          *schedules,
                                              GError            **error);

/* The reports expected of @district_id's facilities for the periods of
 * each data set (@dataset, or every active one when NULL) that lie within
 * @first … @last (canonical periods, e.g. "2024-01" … "2024-12"), with
 * their state: by data set, then facility (the registry's order), then
 * period.  A facility is expected to report when its type reports the
 * data set and it is operating, or when it reported that period anyway.
 * (element-type ChcReportStatus) */
GPtrArray *chc_database_list_reports         (ChcDatabase        *self,
                                              gint64              district_id,
                                              const char         *dataset,
                                              const char         *first,
                                              const char         *last,
                                              GError            **error);

/* Submits the reports of @facility_id and of the reporting facilities
 * under it for @period: of @dataset, or of every data set of @period's
 * type that has figures entered.  A submitted one is left as it is, an
 * approved one is locked (skipped), a returned one is submitted again.
 * Returns how many were submitted; -1 with @error (nothing entered, or
 * all locked: CHC_DATABASE_ERROR_LOCKED). */
int        chc_database_submit_reports       (ChcDatabase        *self,
                                              gint64              facility_id,
                                              const char         *dataset,
                                              const char         *period,
                                              GError            **error);
/* Approves the submitted reports of @district_id for @period (of
 * @facility_id and the facilities under it when not 0; of @dataset when
 * not NULL): each is then locked.  Returns how many; -1 with @error
 * (nothing submitted: CHC_DATABASE_ERROR_NOT_FOUND). */
int        chc_database_approve_reports      (ChcDatabase        *self,
                                              gint64              district_id,
                                              gint64              facility_id,
                                              const char         *dataset,
                                              const char         *period,
                                              GError            **error);
/* Returns the submitted reports of @facility_id (and the facilities under
 * it) for @period with @comment (not empty); the centre sees the comment
 * after the next exchange.  An approved one must be unlocked first. */
int        chc_database_return_reports       (ChcDatabase        *self,
                                              gint64              facility_id,
                                              const char         *dataset,
                                              const char         *period,
                                              const char         *comment,
                                              GError            **error);
/* Locks every figure of @district_id's facilities and of the district for
 * @period. */
gboolean   chc_database_lock_period          (ChcDatabase        *self,
                                              gint64              district_id,
                                              const char         *period,
                                              GError            **error);
/* Unlocks @period of @district_id (@facility_id 0), or of @facility_id
 * and the facilities under it: removes the district's lock and takes the
 * approved reports back to submitted.  @reason (not empty) is recorded in
 * the audit log with every change.  Returns how many locks it lifted (the
 * period lock and the approvals); -1 with @error (nothing was locked:
 * CHC_DATABASE_ERROR_NOT_FOUND). */
int        chc_database_unlock_period        (ChcDatabase        *self,
                                              gint64              district_id,
                                              gint64              facility_id,
                                              const char         *period,
                                              const char         *reason,
                                              GError            **error);
/* Whether @facility_id's figures of @dataset (NULL: any) for @period are
 * locked; @why (may be NULL) gets the reason in the user's words. */
gboolean   chc_database_is_locked            (ChcDatabase        *self,
                                              gint64              facility_id,
                                              const char         *dataset,
                                              const char         *period,
                                              char              **why);
/* Whether the row of the tracked table @table with @row_key (as packages
 * and the audit log name it: "310118C01|2024-03") is a locked figure, by
 * the same rule as the lock triggers.  FALSE for a table without locks. */
gboolean   chc_database_row_is_locked        (ChcDatabase        *self,
                                              const char         *table,
                                              const char         *row_key);
/* Whether @district_id's @period is locked as a whole. */
gboolean   chc_database_period_is_locked     (ChcDatabase        *self,
                                              gint64              district_id,
                                              const char         *period);

/* Writes one report's state as it is given (the demo database, tests):
 * @state is submitted, approved or returned; the times are local
 * "YYYY-MM-DD HH:MM:SS" (may be NULL). */
gboolean   chc_database_put_report_state     (ChcDatabase        *self,
                                              gint64              facility_id,
                                              const char         *dataset,
                                              const char         *period,
                                              ChcReportState      state,
                                              const char         *submitted_at,
                                              const char         *decided_at,
                                              const char         *comment,
                                              GError            **error);

/* Store internals: the lock triggers of a new connection, and around rows
 * written in bulk (chc_database_bulk_begin/_end). */
gboolean   chc_database_reporting_setup      (ChcDatabase        *self,
                                              GError            **error);
gboolean   chc_database_reporting_bulk_begin (ChcDatabase        *self,
                                              const char         *table,
                                              GError            **error);
gboolean   chc_database_reporting_bulk_end   (ChcDatabase        *self,
                                              const char         *table,
                                              gint64              tick,
                                              GError            **error);

G_END_DECLS
