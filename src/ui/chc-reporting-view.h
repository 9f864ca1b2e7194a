/* chc-reporting-view.h — the reporting calendar (报送情况): the district's
 * facilities × the periods of the year of one data set, each cell the
 * state of a report, with the counts per period and the year's totals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_REPORTING_VIEW (chc_reporting_view_get_type ())
G_DECLARE_FINAL_TYPE (ChcReportingView, chc_reporting_view, CHC, REPORTING_VIEW, GtkWidget)

/* Signals:
 *   open-report (gint64 facility_id, const char *dataset, const char *period):
 *     Enter or a click on a cell; the window opens the entry form of that
 *     facility and period. */

GtkWidget   *chc_reporting_view_new              (ChcDatabase      *database);
/* The data set shown (a code of chc_database_list_schedules()). */
const char  *chc_reporting_view_get_dataset      (ChcReportingView *self);
void         chc_reporting_view_set_dataset      (ChcReportingView *self,
                                                  const char       *dataset);
/* Selects the cell of @facility_id and @period (it takes the focus when
 * the view has it), or with @facility_id 0 the whole column of @period.
 * FALSE when the grid has no such cell or column. */
gboolean     chc_reporting_view_select           (ChcReportingView *self,
                                                  gint64            facility_id,
                                                  const char       *period);
gint64       chc_reporting_view_get_selected_facility (ChcReportingView *self);
const char  *chc_reporting_view_get_selected_period   (ChcReportingView *self);

/* The cell (a button) of @facility_id and @period, or NULL. */
GtkWidget   *chc_reporting_view_get_cell         (ChcReportingView *self,
                                                  gint64            facility_id,
                                                  const char       *period);
/* The count of @period's column header ("10/12": received/expected), or
 * NULL. */
const char  *chc_reporting_view_get_column_count (ChcReportingView *self,
                                                  const char       *period);
/* The year's totals line. */
const char  *chc_reporting_view_get_totals_text  (ChcReportingView *self);
/* The last message (what an action did, or the store's refusal), or NULL. */
const char  *chc_reporting_view_get_message      (ChcReportingView *self);
/* The comment or reason question shown (Return…, Unlock…), or NULL. */
GtkWidget   *chc_reporting_view_get_dialog       (ChcReportingView *self);

G_END_DECLS
