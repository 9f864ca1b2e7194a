/* chc-target.h — an indicator's target for one year: "≥ 45", "≤ 5", or a
 * range "7–10".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chc-plan-enums.h"

G_BEGIN_DECLS

/* The plain value of a target, used by the pure functions of
 * core/chc-indicator.h. */
typedef struct
{
  int          year;
  ChcTargetOp  op;
  double       min_value;   /* the value, or the low end of a range */
  double       max_value;   /* the high end of a range (has_max) */
  gboolean     has_max;
} ChcTargetSpec;

#define CHC_TYPE_TARGET (chc_target_get_type ())
G_DECLARE_FINAL_TYPE (ChcTarget, chc_target, CHC, TARGET, GObject)

ChcTarget   *chc_target_new              (void);
ChcTarget   *chc_target_new_from_spec    (gint64               indicator_id,
                                          const ChcTargetSpec *spec);
void         chc_target_get_spec         (ChcTarget           *self,
                                          ChcTargetSpec       *spec);
/* "45", "7-10", "<=5", "0.45" (no year). */
char        *chc_target_spec_format      (const ChcTargetSpec *target);
gint64       chc_target_get_indicator_id (ChcTarget           *self);
void         chc_target_set_indicator_id (ChcTarget           *self,
                                          gint64               indicator_id);
int          chc_target_get_year         (ChcTarget           *self);
void         chc_target_set_year         (ChcTarget           *self,
                                          int                  year);
ChcTargetOp  chc_target_get_op           (ChcTarget           *self);
void         chc_target_set_op           (ChcTarget           *self,
                                          ChcTargetOp          op);
double       chc_target_get_min_value    (ChcTarget           *self);
void         chc_target_set_min_value    (ChcTarget           *self,
                                          double               value);
double       chc_target_get_max_value    (ChcTarget           *self);
void         chc_target_set_max_value    (ChcTarget           *self,
                                          double               value);
gboolean     chc_target_get_has_max      (ChcTarget           *self);
void         chc_target_set_has_max      (ChcTarget           *self,
                                          gboolean             has_max);

G_END_DECLS
