/* chc-indicator-result.h — an indicator evaluated for a district and year:
 * its value (or no data), the year's target and the status against it,
 * and optionally the trend over the plan's years.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chc-indicator.h"
#include "chc-target.h"

G_BEGIN_DECLS

/* One year of a trend. */
typedef struct
{
  int            year;
  gboolean       has_value;
  double         value;
  gboolean       has_target;
  ChcTargetSpec  target;
} ChcTrendPoint;

/* A facility's own value of an indicator whose target holds for each
 * facility, and its status against that target. */
typedef struct
{
  gint64             facility_id;
  double             value;
  ChcIndicatorStatus status;
} ChcFacilityResult;

#define CHC_TYPE_INDICATOR_RESULT (chc_indicator_result_get_type ())
G_DECLARE_FINAL_TYPE (ChcIndicatorResult, chc_indicator_result, CHC, INDICATOR_RESULT, GObject)

ChcIndicatorResult *chc_indicator_result_new           (ChcIndicator        *indicator,
                                                        int                  year,
                                                        gboolean             has_value,
                                                        double               value,
                                                        ChcTarget           *target,
                                                        ChcIndicatorStatus   status,
                                                        const char          *note);
ChcIndicator       *chc_indicator_result_get_indicator (ChcIndicatorResult  *self);
int                 chc_indicator_result_get_year      (ChcIndicatorResult  *self);
gboolean            chc_indicator_result_get_has_value (ChcIndicatorResult  *self);
/* In the indicator's unit (a percent is 0–100).  0 without a value. */
double              chc_indicator_result_get_value     (ChcIndicatorResult  *self);
/* The target of the year, or NULL when the plan sets none. */
ChcTarget          *chc_indicator_result_get_target    (ChcIndicatorResult  *self);
ChcIndicatorStatus  chc_indicator_result_get_status    (ChcIndicatorResult  *self);
/* Why there is no value (translated), or NULL. */
const char         *chc_indicator_result_get_note      (ChcIndicatorResult  *self);
/* "45.3" (percent), "7" (count), "" without a value. */
char               *chc_indicator_result_dup_value_text  (ChcIndicatorResult *self);
/* "45", "7-10", "<=5", "" without a target. */
char               *chc_indicator_result_dup_target_text (ChcIndicatorResult *self);

void                chc_indicator_result_set_note      (ChcIndicatorResult  *self,
                                                        const char          *note);
/* For a target of each facility (chc_indicator_get_per_facility()): each
 * facility's value (element type ChcFacilityResult), else NULL. */
GArray             *chc_indicator_result_get_facility_values (ChcIndicatorResult *self);
void                chc_indicator_result_set_facility_values (ChcIndicatorResult *self,
                                                              GArray             *values);

/* The trend (element type ChcTrendPoint), or NULL when not computed. */
GArray             *chc_indicator_result_get_trend     (ChcIndicatorResult  *self);
void                chc_indicator_result_set_trend     (ChcIndicatorResult  *self,
                                                        GArray              *trend);

G_END_DECLS
