/* chc-indicator.h — how plan indicators are computed: pure functions over
 * an in-memory snapshot of one district at the end of one year (no GTK, no
 * SQL; the store builds the snapshot, see store/chc-database-indicators.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "model/chc-enums.h"
#include "model/chc-plan-enums.h"
#include "model/chc-target.h"
#include "model/chc-indicator.h"

G_BEGIN_DECLS

/* ---- the snapshot ------------------------------------------------------ */

typedef struct _ChcSnapshot ChcSnapshot;

ChcSnapshot *chc_snapshot_new                (int               year);
void         chc_snapshot_free               (ChcSnapshot      *snapshot);
int          chc_snapshot_get_year           (ChcSnapshot      *snapshot);

/* Every town of the district (the denominator of a town share). */
void         chc_snapshot_add_town           (ChcSnapshot      *snapshot,
                                              gint64            town_id);
/* A facility of the district; @in_service: operating at the end of the
 * year (planned and closed facilities are outside every scope). */
void         chc_snapshot_add_facility       (ChcSnapshot      *snapshot,
                                              gint64            facility_id,
                                              ChcFacilityType   type,
                                              gint64            town_id,
                                              gboolean          in_service);
guint        chc_snapshot_get_n_facilities   (ChcSnapshot      *snapshot);
gint64       chc_snapshot_get_facility_id    (ChcSnapshot      *snapshot,
                                              guint             index);

/* Declares @condition known (its set may stay empty); adding a satisfying
 * facility declares it too.  Conditions never declared are unknown: an
 * indicator using one has no data. */
void         chc_snapshot_add_condition      (ChcSnapshot      *snapshot,
                                              const char       *condition);
void         chc_snapshot_add_satisfying     (ChcSnapshot      *snapshot,
                                              const char       *condition,
                                              gint64            facility_id);
gboolean     chc_snapshot_has_condition      (ChcSnapshot      *snapshot,
                                              const char       *condition);

/* Period figures (a stock: population, signed residents…) of a facility
 * for a month.  Declaring works as for conditions. */
void         chc_snapshot_add_figure         (ChcSnapshot      *snapshot,
                                              const char       *figure);
void         chc_snapshot_add_figure_value   (ChcSnapshot      *snapshot,
                                              const char       *figure,
                                              gint64            facility_id,
                                              int               year,
                                              int               month,
                                              double            value);
gboolean     chc_snapshot_has_figure         (ChcSnapshot      *snapshot,
                                              const char       *figure);

/* ---- the methods ------------------------------------------------------- */

/* Why an indicator has no value. */
typedef enum
{
  CHC_NO_DATA_NONE,               /* it has a value */
  CHC_NO_DATA_NO_METHOD,          /* method "none": no data source */
  CHC_NO_DATA_UNKNOWN_CONDITION,  /* the condition is not (yet) known */
  CHC_NO_DATA_UNKNOWN_FIGURE,     /* a figure of the ratio is not known */
  CHC_NO_DATA_EMPTY_SCOPE,        /* no facility in scope */
  CHC_NO_DATA_NO_TOWNS,           /* the district has no towns */
  CHC_NO_DATA_NO_FIGURES,         /* no facility in scope reported figures in the year */
  CHC_NO_DATA_ZERO_DENOMINATOR,   /* the denominator sums to 0 */
  CHC_NO_DATA_BAD_DEFINITION,     /* the indicator's definition is unusable */
} ChcNoDataReason;

const char  *chc_no_data_reason_to_string    (ChcNoDataReason   reason);

/* Each returns TRUE and sets @value, or FALSE (no data) and sets @reason.
 *
 * share: 100 × in-scope facilities satisfying @condition / in-scope
 *   facilities; no data when none is in scope.
 * count: in-scope facilities satisfying @condition (0 is a value; no
 *   data when none is in scope).
 * town_share: 100 × towns with ≥ 1 in-scope facility satisfying
 *   @condition / towns of the district; no data without towns, or when
 *   no facility is in scope.
 * ratio: Σ numerator / Σ denominator over the in-scope facilities, each
 *   taken at the facility's latest month of the year in which it reported
 *   both figures (a stock; a facility without figures that year adds
 *   nothing); no data when no facility reported or Σ denominator is 0.
 *   The value is the plain ratio (not × 100). */
gboolean     chc_method_share                (ChcSnapshot      *snapshot,
                                              guint             scope,
                                              const char       *condition,
                                              double           *value,
                                              ChcNoDataReason  *reason);
gboolean     chc_method_count                (ChcSnapshot      *snapshot,
                                              guint             scope,
                                              const char       *condition,
                                              double           *value,
                                              ChcNoDataReason  *reason);
gboolean     chc_method_town_share           (ChcSnapshot      *snapshot,
                                              guint             scope,
                                              const char       *condition,
                                              double           *value,
                                              ChcNoDataReason  *reason);
gboolean     chc_method_ratio                (ChcSnapshot      *snapshot,
                                              guint             scope,
                                              const char       *numerator,
                                              const char       *denominator,
                                              double           *value,
                                              ChcNoDataReason  *reason);

/* Splits a ratio's condition "numerator/denominator" (spaces ignored). */
/* The same, with a scale ("a/b*1000") and a figure of its own ("element:x",
 * *@denominator NULL); @scale may be NULL. */
gboolean     chc_ratio_parse                 (const char       *condition,
                                              char            **numerator,
                                              char            **denominator,
                                              double           *scale);
gboolean     chc_ratio_split                 (const char       *condition,
                                              char            **numerator,
                                              char            **denominator);

/* Computes @indicator on @snapshot by its method (a ratio in a percent
 * unit is × 100).  Returns TRUE with @value, or FALSE with @reason. */
gboolean     chc_indicator_compute           (ChcIndicator     *indicator,
                                              ChcSnapshot      *snapshot,
                                              double           *value,
                                              ChcNoDataReason  *reason);

/* A facility's own value of a per-facility indicator. */
typedef struct
{
  gint64 facility_id;
  double value;
} ChcFacilityValue;

/* The value of each in-scope facility that reported (method ratio; in the
 * indicator's unit), for a target that holds for each facility
 * (chc_indicator_get_per_facility(): chc_indicator_compute() gives the
 * lowest of them).  (element type ChcFacilityValue) */
GArray      *chc_indicator_compute_by_facility (ChcIndicator   *indicator,
                                                ChcSnapshot    *snapshot);

/* ---- targets and status ----------------------------------------------- */

/* Met / behind against @target (NULL: no target → no-target), comparing
 * the value as displayed (rounded to the unit's precision).  ≥ target: met
 * when value ≥ min (a range's max is the aim, exceeding it is met); ≤
 * target: met when value ≤ max (or min without a range).  No value →
 * no-data. */
ChcIndicatorStatus chc_target_spec_status    (const ChcTargetSpec *target,
                                              ChcIndicatorUnit  unit,
                                              gboolean          has_value,
                                              double            value);

/* Parses "2025:>=46", "2025:46", "2025:7-10", "2025:7~10", "2025:<=5"
 * (≥ and ≤ accepted too, a trailing % ignored). */
gboolean     chc_target_spec_parse           (const char       *text,
                                              ChcTargetSpec    *target,
                                              GError          **error);
/* Parses a list "2023:>=43;2024:>=45;2025:>=46" (element type
 * ChcTargetSpec).  Returns NULL with @error on the first bad entry. */
GArray      *chc_target_spec_parse_list      (const char       *text,
                                              GError          **error);

/* ---- validation (violations: element type ChcViolation) --------------- */

/* A target of an indicator in @unit: a plausible year, a percent within
 * 0–100, a count ≥ 0, a range with min ≤ max.  Fields: "year",
 * "min_value", "max_value". */
void         chc_validate_target             (ChcIndicatorUnit     unit,
                                              const ChcTargetSpec *target,
                                              GPtrArray           *violations);

typedef struct
{
  gboolean code_taken;   /* another indicator of the plan has the code */
} ChcIndicatorContext;

/* An indicator: a code (letters, digits, . _ : -), unique in its plan; a
 * name; a scope and a condition as its method needs; a unit that fits the
 * method.  Fields: "code", "name", "scope", "condition", "unit". */
void         chc_validate_indicator          (ChcIndicator              *indicator,
                                              const ChcIndicatorContext *context,
                                              GPtrArray                 *violations);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcSnapshot, chc_snapshot_free)

G_END_DECLS
