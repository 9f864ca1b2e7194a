/* chc-signing.h — family-doctor signing: derived rates, sums, the rules and
 * the warnings of a month's figures.  Pure functions (no GTK, no SQL): the
 * one implementation that entry, import and merge all use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "model/chc-signing-record.h"

G_BEGIN_DECLS

#define CHC_SIGNING_ERROR (chc_signing_error_quark ())

typedef enum
{
  /* Nothing broke a rule, but there are warnings the caller did not
   * accept; the message lists them. */
  CHC_SIGNING_ERROR_UNCONFIRMED_WARNINGS,
  /* A period that is not "YYYY-MM" with a month from 01 to 12. */
  CHC_SIGNING_ERROR_PERIOD,
} ChcSigningError;

GQuark       chc_signing_error_quark       (void);

/* ---- figures ---------------------------------------------------------- */

/* The stable key of a figure: "resident_population", "signed_residents",
 * "key_population", "key_population_signed", "online_signed",
 * "signed_visits_total", "signed_visits_in_community" (the column names of
 * the table and the TSV, and the field of a ChcViolation). */
const char  *chc_signing_figure_to_field   (ChcSigningFigure  figure);
gboolean     chc_signing_figure_from_field (const char       *field,
                                            ChcSigningFigure *figure);
/* The translated name of a figure ("Resident population"). */
const char  *chc_signing_figure_to_label   (ChcSigningFigure  figure);
/* Resident population and signed residents must be given; the others
 * may be left empty (0). */
gboolean     chc_signing_figure_is_required (ChcSigningFigure figure);

/* Reads a figure typed by a user or found in a file: a whole number ≥ 0,
 * digits with optional thousands separators (",", "，", " ", "'") and
 * surrounding spaces; full-width digits are accepted.  Empty text is 0 for
 * an optional figure and an error for a required one.  On failure returns
 * FALSE and sets @message (translated, names the figure). */
gboolean     chc_signing_parse_figure      (ChcSigningFigure  figure,
                                            const char       *text,
                                            gint64           *value,
                                            char            **message);
/* "85,123" */
char        *chc_signing_format_count      (gint64            value);

/* ---- rates ------------------------------------------------------------ */

const char  *chc_signing_rate_to_field     (ChcSigningRate    rate);
const char  *chc_signing_rate_to_label     (ChcSigningRate    rate);
/* A rate as a percentage with one decimal, C locale ("43.2"), or NULL
 * when the denominator is 0. */
char        *chc_signing_format_rate       (const ChcSigningFigures *figures,
                                            ChcSigningRate           rate);
/* The same, with a percent sign ("43.2%"), or "–" when undefined. */
char        *chc_signing_format_percent    (const ChcSigningFigures *figures,
                                            ChcSigningRate           rate);

/* ---- sums: districts and towns sum numerators and denominators; they
 * never average the rates of their facilities ---------------------------- */

void         chc_signing_figures_add       (ChcSigningFigures       *total,
                                            const ChcSigningFigures *figures);

/* Sums the figures of @records (element-type ChcSigningRecord); only
 * those of @town_id unless it is 0.  Returns how many were summed. */
guint        chc_signing_sum_records       (GPtrArray         *records,
                                            gint64             town_id,
                                            ChcSigningFigures *total);

typedef struct
{
  char              period[8];   /* "YYYY-MM", or "" when grouped by town */
  gint64            town_id;     /* 0 when grouped by period */
  ChcSigningFigures figures;     /* the sum */
  guint             n_records;
} ChcSigningTotal;

/* Sums @records by period (in order of period) or by town (in order of
 * first appearance).  Returns an array of ChcSigningTotal. */
GArray      *chc_signing_totals_by_period  (GPtrArray         *records);
GArray      *chc_signing_totals_by_town    (GPtrArray         *records);

/* ---- periods ---------------------------------------------------------- */

/* Parses "YYYY-MM" (year 1900–9999, month 01–12). */
gboolean     chc_signing_period_parse      (const char       *period,
                                            int              *year,
                                            int              *month);
char        *chc_signing_period_format     (int               year,
                                            int               month);
/* @period moved by @months (negative: back).  NULL if @period is bad. */
char        *chc_signing_period_add        (const char       *period,
                                            int               months);
/* Months from @from to @to (positive when @to is later). */
int          chc_signing_period_diff       (const char       *from,
                                            const char       *to);
/* The current month of the local clock. */
char        *chc_signing_period_current    (void);

/* ---- rules and warnings ----------------------------------------------- */

/* The rules of one month's figures: every figure a whole number ≥ 0;
 * signed ≤ resident population; key population ≤ resident population;
 * key population signed ≤ key population; online ≤ signed; visits in the
 * community ≤ visits in total.  Adds a ChcViolation per broken rule to
 * @violations, keyed by the field of the figure that breaks it. */
void         chc_signing_check             (const ChcSigningFigures *figures,
                                            GPtrArray               *violations);

/* The warnings of a month given the facility's previous record (NULL when
 * there is none): coverage moves more than 5 percentage points; resident
 * population moves more than 10 %; months skipped between the two.  Adds
 * ChcViolations (fields "signed_residents", "resident_population",
 * "period") to @warnings.  Also used the other way round, for the record
 * that follows a changed month. */
void         chc_signing_warn              (const ChcSigningFigures *figures,
                                            const char              *period,
                                            const ChcSigningFigures *previous,
                                            const char              *previous_period,
                                            GPtrArray               *warnings);

/* Only the moves (coverage, population) from a changed month to the
 * record that follows it: saving @figures of @period must not make the
 * stored @next month jump. */
void         chc_signing_warn_next         (const ChcSigningFigures *figures,
                                            const char              *period,
                                            const ChcSigningFigures *next,
                                            const char              *next_period,
                                            GPtrArray               *warnings);

/* The same, on records. */
void         chc_signing_check_record      (ChcSigningRecord *record,
                                            GPtrArray        *violations);
void         chc_signing_warn_record       (ChcSigningRecord *record,
                                            ChcSigningRecord *previous,
                                            GPtrArray        *warnings);

/* ---- targets ---------------------------------------------------------- */

/* The seed plans' yearly targets of the signing rates, as fractions —
 * Qingpu coverage 43 % / 45 % / 46 % (2023–2025) and compliance 85 %
 * (2024); Changning coverage 48 % and key-population coverage 80 % (2025);
 * Songjiang coverage 45 % (2025).  @district is the district's English or
 * Chinese name.  FALSE when the seeds set none.
 * A FALLBACK ONLY: the plan's targets (issue 3, chc-database-plans.h)
 * replace these wherever the district's plan has the indicator; the
 * signing view uses this only for a district without one. */
gboolean     chc_signing_seed_target       (const char       *district,
                                            int               year,
                                            ChcSigningRate    rate,
                                            double           *target);

G_END_DECLS
