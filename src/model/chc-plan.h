/* chc-plan.h — a district's plan: the years it covers and its indicators.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CHC_TYPE_PLAN (chc_plan_get_type ())
G_DECLARE_FINAL_TYPE (ChcPlan, chc_plan, CHC, PLAN, GObject)

ChcPlan    *chc_plan_new             (void);
gint64      chc_plan_get_id          (ChcPlan    *self);
void        chc_plan_set_id          (ChcPlan    *self,
                                      gint64      id);
gint64      chc_plan_get_district_id (ChcPlan    *self);
void        chc_plan_set_district_id (ChcPlan    *self,
                                      gint64      district_id);
const char *chc_plan_get_name        (ChcPlan    *self);
void        chc_plan_set_name        (ChcPlan    *self,
                                      const char *name);
int         chc_plan_get_first_year  (ChcPlan    *self);
void        chc_plan_set_first_year  (ChcPlan    *self,
                                      int         year);
int         chc_plan_get_last_year   (ChcPlan    *self);
void        chc_plan_set_last_year   (ChcPlan    *self,
                                      int         year);
/* Where the plan comes from (the documents), free text. */
const char *chc_plan_get_source      (ChcPlan    *self);
void        chc_plan_set_source      (ChcPlan    *self,
                                      const char *source);

G_END_DECLS
