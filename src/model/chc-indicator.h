/* chc-indicator.h — an indicator of a plan: what is measured, how, and
 * over which facilities.  Its yearly targets are ChcTarget rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chc-plan-enums.h"

G_BEGIN_DECLS

#define CHC_TYPE_INDICATOR (chc_indicator_get_type ())
G_DECLARE_FINAL_TYPE (ChcIndicator, chc_indicator, CHC, INDICATOR, GObject)

ChcIndicator       *chc_indicator_new              (void);
ChcIndicator       *chc_indicator_copy             (ChcIndicator       *self);
gboolean            chc_indicator_equal            (ChcIndicator       *a,
                                                    ChcIndicator       *b);

gint64              chc_indicator_get_id           (ChcIndicator       *self);
void                chc_indicator_set_id           (ChcIndicator       *self,
                                                    gint64              id);
gint64              chc_indicator_get_plan_id      (ChcIndicator       *self);
void                chc_indicator_set_plan_id      (ChcIndicator       *self,
                                                    gint64              plan_id);
/* Stable code, e.g. "signing.coverage" (fixed codes: see data/plans.ini). */
const char         *chc_indicator_get_code         (ChcIndicator       *self);
void                chc_indicator_set_code         (ChcIndicator       *self,
                                                    const char         *code);
ChcIndicatorArea    chc_indicator_get_area         (ChcIndicator       *self);
void                chc_indicator_set_area         (ChcIndicator       *self,
                                                    ChcIndicatorArea    area);
const char         *chc_indicator_get_name_zh      (ChcIndicator       *self);
void                chc_indicator_set_name_zh      (ChcIndicator       *self,
                                                    const char         *name);
const char         *chc_indicator_get_name_en      (ChcIndicator       *self);
void                chc_indicator_set_name_en      (ChcIndicator       *self,
                                                    const char         *name);
/* The name in the user's language: Chinese under a zh locale, else
 * English (falls back to the other when one is empty). */
const char         *chc_indicator_get_display_name (ChcIndicator       *self);
ChcIndicatorUnit    chc_indicator_get_unit         (ChcIndicator       *self);
void                chc_indicator_set_unit         (ChcIndicator       *self,
                                                    ChcIndicatorUnit    unit);
/* Facility types counted: a CHC_SCOPE mask (see chc-plan-enums.h). */
guint               chc_indicator_get_scope        (ChcIndicator       *self);
void                chc_indicator_set_scope        (ChcIndicator       *self,
                                                    guint               scope);
ChcIndicatorMethod  chc_indicator_get_method       (ChcIndicator       *self);
void                chc_indicator_set_method       (ChcIndicator       *self,
                                                    ChcIndicatorMethod  method);
/* A condition name ("standardized", "capability:ct") for share, count
 * and town_share; "numerator/denominator" figure names for ratio. */
const char         *chc_indicator_get_condition    (ChcIndicator       *self);
void                chc_indicator_set_condition    (ChcIndicator       *self,
                                                    const char         *condition);
int                 chc_indicator_get_position     (ChcIndicator       *self);
void                chc_indicator_set_position     (ChcIndicator       *self,
                                                    int                 position);
/* Where the indicator comes from: the seed file and its clause
 * ("000_c82afb552cd78340.txt 附件 四"; several separated by "; "). */
const char         *chc_indicator_get_source       (ChcIndicator       *self);
void                chc_indicator_set_source       (ChcIndicator       *self,
                                                    const char         *source);
/* The target holds for each facility of the scope separately (each centre
 * ≥ 10 % of its managed patients): the value is the lowest facility's. */
gboolean            chc_indicator_get_per_facility (ChcIndicator       *self);
void                chc_indicator_set_per_facility (ChcIndicator       *self,
                                                    gboolean            per_facility);

/* TRUE when the user's language is Chinese (g_get_language_names). */
gboolean            chc_locale_prefers_chinese     (void);

G_END_DECLS
