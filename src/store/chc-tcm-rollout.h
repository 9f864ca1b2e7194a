/* chc-tcm-rollout.h — the TCM rollout of one district and year over the
 * store: a list model of ChcTcmStatus (one per facility), the town matrix,
 * the coverage bars and the plan's targets; reloads itself when the
 * database changes.  No GTK: the view binds to it, tests drive it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/chc-database.h"
#include "model/chc-tcm-status.h"

G_BEGIN_DECLS

#define CHC_TYPE_TCM_ROLLOUT (chc_tcm_rollout_get_type ())
G_DECLARE_FINAL_TYPE (ChcTcmRollout, chc_tcm_rollout, CHC, TCM_ROLLOUT, GObject)

ChcTcmRollout *chc_tcm_rollout_new             (ChcDatabase    *database);
ChcDatabase   *chc_tcm_rollout_get_database    (ChcTcmRollout  *self);
gint64         chc_tcm_rollout_get_district_id (ChcTcmRollout  *self);
int            chc_tcm_rollout_get_year        (ChcTcmRollout  *self);
/* Both reload at once. */
void           chc_tcm_rollout_set_district_id (ChcTcmRollout  *self,
                                                gint64          district_id);
void           chc_tcm_rollout_set_year        (ChcTcmRollout  *self,
                                                int             year);
gboolean       chc_tcm_rollout_reload          (ChcTcmRollout  *self,
                                                GError        **error);
/* The error of the last reload, or NULL. */
const GError  *chc_tcm_rollout_get_error       (ChcTcmRollout  *self);

/* (element-type ChcTcmTownRow) (transfer none) */
GPtrArray     *chc_tcm_rollout_get_matrix      (ChcTcmRollout  *self);
/* (element-type ChcTcmBar) (transfer none) */
GArray        *chc_tcm_rollout_get_bars        (ChcTcmRollout  *self);
/* (element-type ChcTcmTarget) (transfer none) */
GPtrArray     *chc_tcm_rollout_get_targets     (ChcTcmRollout  *self);
/* Sum of TCM visits / sum of all visits of the year, in percent; -1. */
double         chc_tcm_rollout_get_district_share (ChcTcmRollout *self);
ChcTcmStatus  *chc_tcm_rollout_find            (ChcTcmRollout  *self,
                                                gint64          facility_id,
                                                guint          *position);

G_END_DECLS
