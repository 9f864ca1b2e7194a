/* chc-tcm-enums.h — enumerations of the TCM rollout, stored by their nicks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chc-enums.h"

G_BEGIN_DECLS

/* Which TCM site a facility has: a hall (中医馆) in a centre or branch
 * centre, a corner (中医阁) in a station or village clinic. */
typedef enum
{
  CHC_TCM_SITE_HALL,
  CHC_TCM_SITE_CORNER,
} ChcTcmSiteKind;

/* State of a hall or corner; a later state is further along. */
typedef enum
{
  CHC_TCM_STATE_NONE,            /* 无 */
  CHC_TCM_STATE_BUILDING,        /* 建设中 */
  CHC_TCM_STATE_IN_SERVICE,      /* 已运行 */
  CHC_TCM_STATE_UP_TO_STANDARD,  /* 已达标 */
} ChcTcmSiteState;

#define CHC_TCM_N_SITE_STATES 4

/* Municipal TCM demonstration station status (市级中医药特色示范). */
typedef enum
{
  CHC_TCM_DEMO_NONE,
  CHC_TCM_DEMO_APPLYING,
  CHC_TCM_DEMO_AWARDED,
} ChcTcmDemoStatus;

#define CHC_TCM_N_DEMO_STATUSES 3

/* The columns of the town-by-measure matrix. */
typedef enum
{
  CHC_TCM_MEASURE_HALL,       /* ≥1 up-to-standard hall */
  CHC_TCM_MEASURE_CORNER,     /* ≥1 corner in service or up to standard */
  CHC_TCM_MEASURE_SPECIALTY,  /* ≥1 specialty clinic open */
  CHC_TCM_MEASURE_DEMO,       /* ≥1 awarded demonstration station */
} ChcTcmMeasure;

#define CHC_TCM_N_MEASURES 4

#define CHC_TYPE_TCM_SITE_KIND   (chc_tcm_site_kind_get_type ())
#define CHC_TYPE_TCM_SITE_STATE  (chc_tcm_site_state_get_type ())
#define CHC_TYPE_TCM_DEMO_STATUS (chc_tcm_demo_status_get_type ())
#define CHC_TYPE_TCM_MEASURE     (chc_tcm_measure_get_type ())

GType        chc_tcm_site_kind_get_type      (void) G_GNUC_CONST;
GType        chc_tcm_site_state_get_type     (void) G_GNUC_CONST;
GType        chc_tcm_demo_status_get_type    (void) G_GNUC_CONST;
GType        chc_tcm_measure_get_type        (void) G_GNUC_CONST;

/* Stable English nicks as stored and printed by chc-cli: "hall", "corner";
 * "none", "building", "in_service", "up_to_standard"; "none", "applying",
 * "awarded"; "hall", "corner", "specialty", "demo". */
const char  *chc_tcm_site_kind_to_nick       (ChcTcmSiteKind     kind);
gboolean     chc_tcm_site_kind_from_nick     (const char        *nick,
                                              ChcTcmSiteKind    *kind);
const char  *chc_tcm_site_kind_to_label      (ChcTcmSiteKind     kind);
const char  *chc_tcm_site_state_to_nick      (ChcTcmSiteState    state);
gboolean     chc_tcm_site_state_from_nick    (const char        *nick,
                                              ChcTcmSiteState   *state);
const char  *chc_tcm_site_state_to_label     (ChcTcmSiteState    state);
const char  *chc_tcm_demo_status_to_nick     (ChcTcmDemoStatus   status);
gboolean     chc_tcm_demo_status_from_nick   (const char        *nick,
                                              ChcTcmDemoStatus  *status);
const char  *chc_tcm_demo_status_to_label    (ChcTcmDemoStatus   status);
/* The kind of site a facility of @type has: a hall for a centre or
 * branch centre, a corner for a station or village clinic. */
ChcTcmSiteKind chc_tcm_site_kind_for_facility_type (ChcFacilityType type);

const char  *chc_tcm_measure_to_nick         (ChcTcmMeasure      measure);
const char  *chc_tcm_measure_to_label        (ChcTcmMeasure      measure);

G_END_DECLS
