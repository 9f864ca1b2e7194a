/* chc-capability.h — a service capability a facility reached in a year
 * (rehabilitation centre, nursing centre, CT scanner…).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chc-plan-enums.h"

G_BEGIN_DECLS

#define CHC_TYPE_CAPABILITY (chc_capability_get_type ())
G_DECLARE_FINAL_TYPE (ChcCapability, chc_capability, CHC, CAPABILITY, GObject)

/* @kind: the code of a declared kind ("ct", chc_capability_kind_to_nick()) */
ChcCapability     *chc_capability_new             (gint64             facility_id,
                                                   const char        *kind,
                                                   int                year);
gint64             chc_capability_get_facility_id (ChcCapability     *self);
const char        *chc_capability_get_kind        (ChcCapability     *self);
int                chc_capability_get_year        (ChcCapability     *self);
void               chc_capability_set_year        (ChcCapability     *self,
                                                   int                year);

G_END_DECLS
