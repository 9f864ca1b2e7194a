/* chc-database-plans.h — plans, indicators, targets and service
 * capabilities in the store (chc-database-plans.c,
 * chc-database-capabilities.c), and their evaluation
 * (chc-database-indicators.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chc-database.h"
#include "core/chc-indicator.h"
#include "model/chc-capability.h"
#include "model/chc-indicator.h"
#include "model/chc-indicator-result.h"
#include "model/chc-plan.h"
#include "model/chc-target.h"

G_BEGIN_DECLS

/* ---- plans (element type ChcPlan) ------------------------------------- */

/* @district_id: a district, or 0 for all.  By district, then first year. */
GPtrArray    *chc_database_list_plans          (ChcDatabase   *self,
                                                gint64         district_id,
                                                GError       **error);
ChcPlan      *chc_database_get_plan            (ChcDatabase   *self,
                                                gint64         id,
                                                GError       **error);
/* Validated (a name; plausible years, first ≤ last); sets the plan's id. */
gboolean      chc_database_add_plan            (ChcDatabase   *self,
                                                ChcPlan       *plan,
                                                GError       **error);

/* ---- indicators (element type ChcIndicator) --------------------------- */

GPtrArray    *chc_database_list_indicators     (ChcDatabase   *self,
                                                gint64         plan_id,
                                                GError       **error);
/* The indicators of the district's plans that apply to @year (a plan
 * applies from its first year to its last year or its last target,
 * whichever is later), in plan order. */
GPtrArray    *chc_database_list_district_indicators (ChcDatabase *self,
                                                gint64         district_id,
                                                int            year,
                                                GError       **error);
ChcIndicator *chc_database_get_indicator       (ChcDatabase   *self,
                                                gint64         id,
                                                GError       **error);
/* The indicator with @code in one of the district's plans (the latest
 * plan first), or NULL with CHC_DATABASE_ERROR_NOT_FOUND. */
ChcIndicator *chc_database_find_indicator      (ChcDatabase   *self,
                                                gint64         district_id,
                                                const char    *code,
                                                GError       **error);
/* Element type ChcViolation; empty when the indicator may be stored. */
GPtrArray    *chc_database_check_indicator     (ChcDatabase   *self,
                                                ChcIndicator  *indicator,
                                                GError       **error);
/* Validated; CHC_VALIDATE_ERROR naming the fields when a rule is broken.
 * add sets the indicator's id (and its position, when 0, to the end). */
gboolean      chc_database_add_indicator       (ChcDatabase   *self,
                                                ChcIndicator  *indicator,
                                                GError       **error);
gboolean      chc_database_update_indicator    (ChcDatabase   *self,
                                                ChcIndicator  *indicator,
                                                GError       **error);
/* Deletes the indicator and its targets. */
gboolean      chc_database_delete_indicator    (ChcDatabase   *self,
                                                gint64         id,
                                                GError       **error);

/* ---- targets (element type ChcTarget) --------------------------------- */

/* By year. */
GPtrArray    *chc_database_list_targets        (ChcDatabase   *self,
                                                gint64         indicator_id,
                                                GError       **error);
/* Adds or replaces the target of its indicator and year, validated against
 * the indicator's unit (a percent within 0–100, a count ≥ 0, a range with
 * min ≤ max, a plausible year): CHC_VALIDATE_ERROR naming the field. */
gboolean      chc_database_set_target          (ChcDatabase   *self,
                                                ChcTarget     *target,
                                                GError       **error);
/* Removes the target of @year; NOT_FOUND when there is none. */
gboolean      chc_database_remove_target       (ChcDatabase   *self,
                                                gint64         indicator_id,
                                                int            year,
                                                GError       **error);

/* ---- service capabilities (element type ChcCapability) ---------------- */

/* A facility's capabilities, in the order of their declaration. */
GPtrArray    *chc_database_list_capabilities   (ChcDatabase       *self,
                                                gint64             facility_id,
                                                GError           **error);
/* Records (or changes the year of) a capability; @year must be plausible. */
gboolean      chc_database_set_capability      (ChcDatabase       *self,
                                                gint64             facility_id,
                                                ChcCapabilityKind  kind,
                                                int                year,
                                                GError           **error);
/* The same for a declared kind by its code (data/elements.ini, family
 * capability: the kinds issue 14 added have no ChcCapabilityKind). */
gboolean      chc_database_set_capability_kind (ChcDatabase      *self,
                                                gint64            facility_id,
                                                const char       *kind,
                                                int               year,
                                                GError          **error);
gboolean      chc_database_clear_capability_kind (ChcDatabase    *self,
                                                  gint64          facility_id,
                                                  const char     *kind,
                                                  GError        **error);
/* Removes a capability (no error when the facility does not have it). */
gboolean      chc_database_clear_capability    (ChcDatabase       *self,
                                                gint64             facility_id,
                                                ChcCapabilityKind  kind,
                                                GError           **error);

/* ---- evaluation (chc-database-indicators.c) --------------------------- */

/* TRUE when the store knows how to evaluate the named condition or figure
 * (see the tables in chc-database-indicators.c). */
gboolean      chc_database_has_condition       (const char    *condition);
gboolean      chc_database_has_figure          (const char    *figure);
/* Every condition / figure name the store knows (for editors). */
GStrv         chc_database_list_conditions     (void);
GStrv         chc_database_list_figures        (void);
/* A condition's name in the user's words ("运营中", "服务能力：口腔诊室",
 * a yes/no element's label), or NULL when the store does not know it. */
char         *chc_database_condition_label     (const char    *condition);

/* The district at the end of @year: its facilities, its towns, and the
 * named conditions and figures that the store knows (unknown names are
 * left undeclared; NULL lists load nothing). */
ChcSnapshot  *chc_database_load_snapshot       (ChcDatabase        *self,
                                                gint64              district_id,
                                                int                 year,
                                                const char * const *conditions,
                                                const char * const *figures,
                                                GError            **error);

/* Every indicator of the district's plans for @year, evaluated (element
 * type ChcIndicatorResult), in plan order.  Indicators whose condition the
 * store does not know, or whose method is "none", have no data. */
GPtrArray    *chc_database_evaluate_plan       (ChcDatabase   *self,
                                                gint64         district_id,
                                                int            year,
                                                GError       **error);
/* The same, each result with its trend over the plan's years. */
GPtrArray    *chc_database_evaluate_plan_with_trend (ChcDatabase *self,
                                                gint64         district_id,
                                                int            year,
                                                GError       **error);

G_END_DECLS
