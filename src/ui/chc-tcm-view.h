/* chc-tcm-view.h — the TCM rollout view: facilities with their hall or
 * corner, specialty clinics and demonstration status (editable in place
 * and in a detail pane), the town-by-measure matrix and the coverage
 * chart against the year's target.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"
#include "store/chc-tcm-rollout.h"

G_BEGIN_DECLS

#define CHC_TYPE_TCM_VIEW (chc_tcm_view_get_type ())
G_DECLARE_FINAL_TYPE (ChcTcmView, chc_tcm_view, CHC, TCM_VIEW, GtkWidget)

GtkWidget     *chc_tcm_view_new              (ChcDatabase *database);
ChcDatabase   *chc_tcm_view_get_database     (ChcTcmView  *self);
void           chc_tcm_view_set_database     (ChcTcmView  *self,
                                              ChcDatabase *database);
ChcDistrict   *chc_tcm_view_get_district     (ChcTcmView  *self);
void           chc_tcm_view_set_district     (ChcTcmView  *self,
                                              ChcDistrict *district);
int            chc_tcm_view_get_year         (ChcTcmView  *self);
void           chc_tcm_view_set_year         (ChcTcmView  *self,
                                              int          year);

/* What the view shows (for the window and tests). */
ChcTcmRollout *chc_tcm_view_get_rollout      (ChcTcmView  *self);
/* Selects a facility's row (and shows it in the detail pane). */
gboolean       chc_tcm_view_select_facility  (ChcTcmView  *self,
                                              gint64       facility_id);
/* The id of the facility in the detail pane, or 0. */
gint64         chc_tcm_view_get_selected_facility (ChcTcmView *self);
/* The matrix: row 0 is the header, then one row per town and a total row;
 * column 0 is the town, columns 1–4 the measures (ChcTcmMeasure + 1). */
GtkGrid       *chc_tcm_view_get_matrix       (ChcTcmView  *self);
/* The text that accompanies the chart: coverage per facility type. */
const char    *chc_tcm_view_get_coverage_text (ChcTcmView *self);
/* The last error shown in the detail pane, or NULL. */
const char    *chc_tcm_view_get_error_text   (ChcTcmView  *self);

G_END_DECLS
