/* chc-tcm-site-event.h — one dated change of a facility's TCM hall or
 * corner: from @date on, the site is in @state.  Immutable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chc-tcm-enums.h"

G_BEGIN_DECLS

#define CHC_TYPE_TCM_SITE_EVENT (chc_tcm_site_event_get_type ())
G_DECLARE_FINAL_TYPE (ChcTcmSiteEvent, chc_tcm_site_event, CHC, TCM_SITE_EVENT, GObject)

/* @date is YYYY-MM-DD. */
ChcTcmSiteEvent *chc_tcm_site_event_new             (gint64            facility_id,
                                                     ChcTcmSiteKind    kind,
                                                     const char       *date,
                                                     ChcTcmSiteState   state);
gint64           chc_tcm_site_event_get_facility_id (ChcTcmSiteEvent  *self);
ChcTcmSiteKind   chc_tcm_site_event_get_kind        (ChcTcmSiteEvent  *self);
const char      *chc_tcm_site_event_get_date        (ChcTcmSiteEvent  *self);
ChcTcmSiteState  chc_tcm_site_event_get_state       (ChcTcmSiteEvent  *self);

G_END_DECLS
