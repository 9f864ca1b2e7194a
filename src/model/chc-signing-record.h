/* chc-signing-record.h — one month of family-doctor signing figures of one
 * reporting facility (a centre, or a branch centre that reports
 * separately).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chc-enums.h"

G_BEGIN_DECLS

/* The seven figures of a month, in the order of the grid, the TSV and the
 * table's columns. */
typedef enum
{
  CHC_SIGNING_RESIDENT_POPULATION,         /* 常住人口 */
  CHC_SIGNING_SIGNED_RESIDENTS,            /* 签约居民 */
  CHC_SIGNING_KEY_POPULATION,              /* 重点人群 */
  CHC_SIGNING_KEY_POPULATION_SIGNED,       /* 重点人群签约 */
  CHC_SIGNING_ONLINE_SIGNED,               /* 互联网签约 */
  CHC_SIGNING_SIGNED_VISITS_TOTAL,         /* 签约居民就诊人次 */
  CHC_SIGNING_SIGNED_VISITS_IN_COMMUNITY,  /* 其中在社区就诊 */
} ChcSigningFigure;

#define CHC_SIGNING_N_FIGURES 7

/* The derived rates, each a numerator figure over a denominator figure. */
typedef enum
{
  CHC_SIGNING_COVERAGE,       /* signed / resident population */
  CHC_SIGNING_KEY_COVERAGE,   /* key signed / key population */
  CHC_SIGNING_ONLINE_SHARE,   /* online / signed */
  CHC_SIGNING_COMPLIANCE,     /* visits in community / visits in total */
} ChcSigningRate;

#define CHC_SIGNING_N_RATES 4

/* The figures as plain numbers (what the rules and sums work on). */
typedef struct
{
  gint64 value[CHC_SIGNING_N_FIGURES];
} ChcSigningFigures;

/* ---- rates: each a numerator figure over a denominator figure --------- */

ChcSigningFigure chc_signing_rate_numerator   (ChcSigningRate rate);
ChcSigningFigure chc_signing_rate_denominator (ChcSigningRate rate);

/* @numerator / @denominator; FALSE (and *@rate = -1) when the denominator
 * is 0 or less. */
gboolean     chc_signing_ratio             (gint64            numerator,
                                            gint64            denominator,
                                            double           *rate);
gboolean     chc_signing_figures_rate      (const ChcSigningFigures *figures,
                                            ChcSigningRate           rate,
                                            double                  *value);

#define CHC_TYPE_SIGNING_RECORD (chc_signing_record_get_type ())
G_DECLARE_FINAL_TYPE (ChcSigningRecord, chc_signing_record, CHC, SIGNING_RECORD, GObject)

ChcSigningRecord *chc_signing_record_new            (void);
ChcSigningRecord *chc_signing_record_copy           (ChcSigningRecord *self);

gint64            chc_signing_record_get_facility_id   (ChcSigningRecord *self);
void              chc_signing_record_set_facility_id   (ChcSigningRecord *self,
                                                        gint64            facility_id);
const char       *chc_signing_record_get_facility_code (ChcSigningRecord *self);
void              chc_signing_record_set_facility_code (ChcSigningRecord *self,
                                                        const char       *code);
const char       *chc_signing_record_get_facility_name (ChcSigningRecord *self);
void              chc_signing_record_set_facility_name (ChcSigningRecord *self,
                                                        const char       *name);
ChcFacilityType   chc_signing_record_get_facility_type (ChcSigningRecord *self);
void              chc_signing_record_set_facility_type (ChcSigningRecord *self,
                                                        ChcFacilityType   type);
gint64            chc_signing_record_get_town_id       (ChcSigningRecord *self);
void              chc_signing_record_set_town_id       (ChcSigningRecord *self,
                                                        gint64            town_id);
/* "YYYY-MM". */
const char       *chc_signing_record_get_period        (ChcSigningRecord *self);
void              chc_signing_record_set_period        (ChcSigningRecord *self,
                                                        const char       *period);
/* TRUE when the record is stored (FALSE: the facility has not reported
 * this month yet, and the figures are 0). */
gboolean          chc_signing_record_get_saved         (ChcSigningRecord *self);
void              chc_signing_record_set_saved         (ChcSigningRecord *self,
                                                        gboolean          saved);

gint64            chc_signing_record_get_figure        (ChcSigningRecord *self,
                                                        ChcSigningFigure  figure);
void              chc_signing_record_set_figure        (ChcSigningRecord *self,
                                                        ChcSigningFigure  figure,
                                                        gint64            value);
void              chc_signing_record_get_figures       (ChcSigningRecord  *self,
                                                        ChcSigningFigures *figures);
void              chc_signing_record_set_figures       (ChcSigningRecord        *self,
                                                        const ChcSigningFigures *figures);

gint64            chc_signing_record_get_resident_population        (ChcSigningRecord *self);
void              chc_signing_record_set_resident_population        (ChcSigningRecord *self,
                                                                     gint64            value);
gint64            chc_signing_record_get_signed_residents           (ChcSigningRecord *self);
void              chc_signing_record_set_signed_residents           (ChcSigningRecord *self,
                                                                     gint64            value);
gint64            chc_signing_record_get_key_population             (ChcSigningRecord *self);
void              chc_signing_record_set_key_population             (ChcSigningRecord *self,
                                                                     gint64            value);
gint64            chc_signing_record_get_key_population_signed      (ChcSigningRecord *self);
void              chc_signing_record_set_key_population_signed      (ChcSigningRecord *self,
                                                                     gint64            value);
gint64            chc_signing_record_get_online_signed              (ChcSigningRecord *self);
void              chc_signing_record_set_online_signed              (ChcSigningRecord *self,
                                                                     gint64            value);
gint64            chc_signing_record_get_signed_visits_total        (ChcSigningRecord *self);
void              chc_signing_record_set_signed_visits_total        (ChcSigningRecord *self,
                                                                     gint64            value);
gint64            chc_signing_record_get_signed_visits_in_community (ChcSigningRecord *self);
void              chc_signing_record_set_signed_visits_in_community (ChcSigningRecord *self,
                                                                     gint64            value);

/* The derived rates as fractions (0.432 for 43.2 %), or -1 when the
 * denominator is 0.  Read-only properties "coverage", "key-coverage",
 * "online-share" and "compliance", notified when their inputs change. */
double            chc_signing_record_get_rate          (ChcSigningRecord *self,
                                                        ChcSigningRate    rate);
double            chc_signing_record_get_coverage      (ChcSigningRecord *self);
double            chc_signing_record_get_key_coverage  (ChcSigningRecord *self);
double            chc_signing_record_get_online_share  (ChcSigningRecord *self);
double            chc_signing_record_get_compliance    (ChcSigningRecord *self);

G_END_DECLS
