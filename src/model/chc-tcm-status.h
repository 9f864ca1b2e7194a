/* chc-tcm-status.h — the TCM rollout of one facility in one year: its hall
 * or corner state at year end, the specialty clinics open at year end, its
 * demonstration status and the year's visits and training.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chc-facility.h"
#include "chc-tcm-enums.h"

G_BEGIN_DECLS

#define CHC_TYPE_TCM_STATUS (chc_tcm_status_get_type ())
G_DECLARE_FINAL_TYPE (ChcTcmStatus, chc_tcm_status, CHC, TCM_STATUS, GObject)

ChcTcmStatus     *chc_tcm_status_new                (ChcFacility      *facility,
                                                     int               year);
void              chc_tcm_status_assign             (ChcTcmStatus     *self,
                                                     ChcTcmStatus     *other);
ChcFacility      *chc_tcm_status_get_facility       (ChcTcmStatus     *self);
int               chc_tcm_status_get_year           (ChcTcmStatus     *self);
/* Hall for a centre or branch centre, corner for a station or village
 * clinic. */
ChcTcmSiteKind    chc_tcm_status_get_site_kind      (ChcTcmStatus     *self);

ChcTcmSiteState   chc_tcm_status_get_site_state     (ChcTcmStatus     *self);
void              chc_tcm_status_set_site_state     (ChcTcmStatus     *self,
                                                     ChcTcmSiteState   state);
/* The date of the change that put the site in its state, or NULL. */
const char       *chc_tcm_status_get_site_date      (ChcTcmStatus     *self);
void              chc_tcm_status_set_site_date      (ChcTcmStatus     *self,
                                                     const char       *date);

/* Names of the specialty clinics open at year end, in opening order. */
const char *const *chc_tcm_status_get_clinic_names  (ChcTcmStatus     *self);
void              chc_tcm_status_set_clinic_names   (ChcTcmStatus     *self,
                                                     const char *const *names);
guint             chc_tcm_status_get_n_clinics      (ChcTcmStatus     *self);
/* The names joined by ";" (empty string when none). */
const char       *chc_tcm_status_get_specialty_clinics (ChcTcmStatus  *self);

ChcTcmDemoStatus  chc_tcm_status_get_demo_status    (ChcTcmStatus     *self);
void              chc_tcm_status_set_demo_status    (ChcTcmStatus     *self,
                                                     ChcTcmDemoStatus  status);
/* The year awarded (or applied), 0 when none. */
int               chc_tcm_status_get_demo_year      (ChcTcmStatus     *self);
void              chc_tcm_status_set_demo_year      (ChcTcmStatus     *self,
                                                     int               year);

gint64            chc_tcm_status_get_tcm_visits     (ChcTcmStatus     *self);
void              chc_tcm_status_set_tcm_visits     (ChcTcmStatus     *self,
                                                     gint64            visits);
gint64            chc_tcm_status_get_all_visits     (ChcTcmStatus     *self);
void              chc_tcm_status_set_all_visits     (ChcTcmStatus     *self,
                                                     gint64            visits);
/* TCM visits / all visits of the year in percent; -1 without visits. */
double            chc_tcm_status_get_tcm_share      (ChcTcmStatus     *self);

/* Non-TCM doctors trained in TCM techniques in the year. */
gint64            chc_tcm_status_get_trained        (ChcTcmStatus     *self);
void              chc_tcm_status_set_trained        (ChcTcmStatus     *self,
                                                     gint64            trained);

G_END_DECLS
