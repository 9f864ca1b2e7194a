/* chc-plan-enums.h — enumerations of plans, indicators, targets and service
 * capabilities, stored by their nicks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chc-enums.h"

G_BEGIN_DECLS

/* Where an indicator belongs (the Dashboard's groups). */
typedef enum
{
  CHC_AREA_CONSTRUCTION,   /* "construction" */
  CHC_AREA_SIGNING,        /* "signing" */
  CHC_AREA_TCM,            /* "tcm" */
  CHC_AREA_CAPABILITY,     /* "capability": other capabilities */
  CHC_AREA_REPORTING,      /* "reporting": completeness and timeliness (issue 15) */
  CHC_AREA_REFERRAL,       /* "referral": referral and hospitals' support (issue 14) */
  CHC_AREA_WORKFORCE,      /* "workforce": people and money */
  CHC_AREA_OUTCOME,        /* "outcome": what the services achieve */
} ChcIndicatorArea;

typedef enum
{
  CHC_UNIT_PERCENT,        /* "percent": 0–100 */
  CHC_UNIT_COUNT,          /* "count": a whole number ≥ 0 */
  CHC_UNIT_NUMBER,         /* "number": any other figure (0.4 GPs per 1,000) */
} ChcIndicatorUnit;

/* How an indicator is computed (core/chc-indicator.h). */
typedef enum
{
  CHC_METHOD_NONE,         /* "none": no data source; always no data */
  CHC_METHOD_SHARE,        /* "share": share of in-scope facilities satisfying a condition */
  CHC_METHOD_COUNT,        /* "count": in-scope facilities satisfying a condition */
  CHC_METHOD_TOWN_SHARE,   /* "town_share": share of towns with ≥ 1 such facility */
  CHC_METHOD_RATIO,        /* "ratio": sum of a figure / sum of another, stock at year end */
} ChcIndicatorMethod;

typedef enum
{
  CHC_STATUS_MET,          /* "met" */
  CHC_STATUS_BEHIND,       /* "behind" */
  CHC_STATUS_NO_DATA,      /* "no-data": no value could be computed */
  CHC_STATUS_NO_TARGET,    /* "no-target": a value, but no target for the year */
} ChcIndicatorStatus;

typedef enum
{
  CHC_TARGET_AT_LEAST,     /* ">=" (the default) */
  CHC_TARGET_AT_MOST,      /* "<=" */
  CHC_TARGET_MORE_THAN,    /* ">": strictly ("超过一半" is > 50 %) */
  CHC_TARGET_LESS_THAN,    /* "<": strictly */
} ChcTargetOp;

/* Service capabilities of a centre (issue 3), with the year reached. */
typedef enum
{
  CHC_CAPABILITY_REHAB_STANDARD,     /* 标准化社区康复中心 */
  CHC_CAPABILITY_REHAB_DEMO,         /* 示范性社区康复中心 */
  CHC_CAPABILITY_NURSING,            /* 社区护理中心 */
  CHC_CAPABILITY_HEALTH_MANAGEMENT,  /* 社区健康管理中心 */
  CHC_CAPABILITY_CHRONIC_SUPPORT,    /* 慢性病健康管理支持中心 */
  CHC_CAPABILITY_FEVER_SENTINEL,     /* 发热哨点诊室 */
  CHC_CAPABILITY_DENTAL,             /* 标准化口腔诊室 */
  CHC_CAPABILITY_MINOR_SURGERY,      /* 门诊手术室 (适宜外科小手术) */
  CHC_CAPABILITY_CT,                 /* CT */
} ChcCapabilityKind;

#define CHC_N_CAPABILITY_KINDS 9

#define CHC_TYPE_INDICATOR_AREA   (chc_indicator_area_get_type ())
#define CHC_TYPE_INDICATOR_UNIT   (chc_indicator_unit_get_type ())
#define CHC_TYPE_INDICATOR_METHOD (chc_indicator_method_get_type ())
#define CHC_TYPE_INDICATOR_STATUS (chc_indicator_status_get_type ())
#define CHC_TYPE_TARGET_OP        (chc_target_op_get_type ())
#define CHC_TYPE_CAPABILITY_KIND  (chc_capability_kind_get_type ())

GType        chc_indicator_area_get_type   (void) G_GNUC_CONST;
GType        chc_indicator_unit_get_type   (void) G_GNUC_CONST;
GType        chc_indicator_method_get_type (void) G_GNUC_CONST;
GType        chc_indicator_status_get_type (void) G_GNUC_CONST;
GType        chc_target_op_get_type        (void) G_GNUC_CONST;
GType        chc_capability_kind_get_type  (void) G_GNUC_CONST;

const char  *chc_indicator_area_to_nick    (ChcIndicatorArea    area);
gboolean     chc_indicator_area_from_nick  (const char         *nick,
                                            ChcIndicatorArea   *area);
const char  *chc_indicator_area_to_label   (ChcIndicatorArea    area);
const char  *chc_indicator_unit_to_nick    (ChcIndicatorUnit    unit);
gboolean     chc_indicator_unit_from_nick  (const char         *nick,
                                            ChcIndicatorUnit   *unit);
const char  *chc_indicator_method_to_nick  (ChcIndicatorMethod  method);
gboolean     chc_indicator_method_from_nick (const char        *nick,
                                             ChcIndicatorMethod *method);
const char  *chc_indicator_status_to_nick  (ChcIndicatorStatus  status);
/* "Met", "Behind", "No data", "No target" (translated). */
const char  *chc_indicator_status_to_label (ChcIndicatorStatus  status);
/* ">=" or "<=", as stored. */
const char  *chc_target_op_to_string       (ChcTargetOp         op);
/* "≥", "≤", ">", "<" (what the interface and the bulletin show) */
const char  *chc_target_op_to_symbol       (ChcTargetOp         op);
/* Whether the target is a ceiling (≤ or <) rather than a floor. */
gboolean     chc_target_op_is_upper        (ChcTargetOp         op);
gboolean     chc_target_op_from_string     (const char         *text,
                                            ChcTargetOp        *op);

/* "45.3" for a percent (one decimal), "7" for a count, "0.45" otherwise. */
char        *chc_format_value                (ChcIndicatorUnit  unit,
                                              double            value);
/* @value rounded to what chc_format_value() shows. */
double       chc_round_value                 (ChcIndicatorUnit  unit,
                                              double            value);

const char  *chc_capability_kind_to_nick   (ChcCapabilityKind   kind);
gboolean     chc_capability_kind_from_nick (const char         *nick,
                                            ChcCapabilityKind  *kind);
/* Its label: chc_capability_kind_get_label() (core/chc-element.h), from
 * its declaration in data/elements.ini. */

/* A scope is a set of facility types: bit (1 << ChcFacilityType). */
#define CHC_SCOPE_ALL ((1u << CHC_N_FACILITY_TYPES) - 1)

/* "centre,branch,station,village_clinic" (spaces ignored) ↔ mask.  An
 * empty string is the empty scope; FALSE on an unknown type. */
gboolean     chc_scope_from_string         (const char         *text,
                                            guint              *mask);
char        *chc_scope_to_string           (guint               mask);

G_END_DECLS
