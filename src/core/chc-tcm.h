/* chc-tcm.h — rules and computations of the TCM rollout: pure functions,
 * no GTK, no SQL.
 *
 * Dates are ISO strings (YYYY-MM-DD), periods are months (YYYY-MM); they
 * compare as strings.  "Today" is a parameter so that the rules can be
 * tested; the store passes chc_tcm_today().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "model/chc-facility.h"
#include "model/chc-specialty-clinic.h"
#include "model/chc-tcm-enums.h"
#include "model/chc-tcm-site-event.h"
#include "model/chc-tcm-status.h"

G_BEGIN_DECLS

/* The registry has no opening date per facility: a date before this one
 * is taken to be before the facility existed. */
#define CHC_TCM_EARLIEST_DATE "2000-01-01"
#define CHC_TCM_EARLIEST_YEAR 2000

/* ---- dates -------------------------------------------------------------- */

char            *chc_tcm_today               (void);
/* "YYYY-12-31". */
char            *chc_tcm_year_end            (int                 year);
/* TRUE for a real calendar date written YYYY-MM-DD. */
gboolean         chc_tcm_date_is_valid       (const char         *date);
/* TRUE for a month written YYYY-MM (month 01–12). */
gboolean         chc_tcm_period_is_valid     (const char         *period);

/* ---- state at a date ---------------------------------------------------- */

/* The state given by the latest event dated on or before @date (events of
 * one facility, any order); NONE when there is none.  @event_out, if not
 * NULL, receives that event (borrowed) or NULL. */
ChcTcmSiteState  chc_tcm_site_state_at       (GPtrArray          *events,
                                              const char         *date,
                                              ChcTcmSiteEvent   **event_out);
/* opened ≤ @date and (no closing date or closing date > @date). */
gboolean         chc_tcm_clinic_is_open_at   (ChcSpecialtyClinic *clinic,
                                              const char         *date);
/* Names of the @clinics open at @date, in opening order (then name). */
GStrv            chc_tcm_open_clinic_names   (GPtrArray          *clinics,
                                              const char         *date);

/* ---- shares ------------------------------------------------------------- */

/* @tcm / @all in percent; -1 when @all is 0. */
double           chc_tcm_share               (gint64              tcm,
                                              gint64              all);
/* Sum of TCM visits / sum of all visits of @statuses (ChcTcmStatus) in
 * percent — never an average of the facilities' rates; -1 without visits.
 * The sums are returned too when the pointers are not NULL. */
double           chc_tcm_district_share      (GPtrArray          *statuses,
                                              gint64             *tcm_sum,
                                              gint64             *all_sum);

/* ---- conditions, coverage, town matrix --------------------------------- */

/* The conditions the plans' indicators count, named as registered there. */
typedef enum
{
  CHC_TCM_CONDITION_SPECIALTY,            /* tcm_specialty: ≥1 clinic open */
  CHC_TCM_CONDITION_HALL_UP_TO_STANDARD,  /* tcm_hall_up_to_standard */
  CHC_TCM_CONDITION_HALL_IN_SERVICE,      /* tcm_hall_in_service: in service or up to standard */
  CHC_TCM_CONDITION_CORNER,               /* tcm_corner: in service or up to standard */
  CHC_TCM_CONDITION_DEMO_AWARDED,         /* tcm_demo_awarded: awarded, year ≤ Y */
} ChcTcmCondition;

#define CHC_TCM_N_CONDITIONS 5

const char      *chc_tcm_condition_to_name   (ChcTcmCondition     condition);
/* Whether @status (at the end of its year) satisfies @condition. */
gboolean         chc_tcm_status_satisfies    (ChcTcmStatus       *status,
                                              ChcTcmCondition     condition);
/* The condition of a matrix column. */
ChcTcmCondition  chc_tcm_measure_condition   (ChcTcmMeasure       measure);

/* A bit per ChcFacilityType. */
#define CHC_TCM_TYPE_BIT(type) (1u << (type))
#define CHC_TCM_ALL_TYPES      0xfu

/* Among the operating facilities of @statuses whose type is in
 * @type_mask: how many satisfy @condition (@numerator) out of how many
 * (@denominator).  Returns the share in percent, -1 when the denominator
 * is 0. */
double           chc_tcm_coverage            (GPtrArray          *statuses,
                                              guint               type_mask,
                                              ChcTcmCondition     condition,
                                              guint              *numerator,
                                              guint              *denominator);

/* One row of the town-by-measure matrix: how many operating facilities of
 * the town satisfy each measure's condition. */
typedef struct
{
  gint64  town_id;
  char   *town_name;
  guint   count[CHC_TCM_N_MEASURES];
  guint   n_facilities;
} ChcTcmTownRow;

#define CHC_TYPE_TCM_TOWN_ROW (chc_tcm_town_row_get_type ())

GType            chc_tcm_town_row_get_type   (void) G_GNUC_CONST;
ChcTcmTownRow   *chc_tcm_town_row_copy       (ChcTcmTownRow      *row);
void             chc_tcm_town_row_free       (ChcTcmTownRow      *row);
gboolean         chc_tcm_town_row_has        (const ChcTcmTownRow *row,
                                              ChcTcmMeasure       measure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcTcmTownRow, chc_tcm_town_row_free)

/* Rows for @towns (ChcTown, in their order) from @statuses (ChcTcmStatus);
 * facilities without a town are not counted. */
GPtrArray       *chc_tcm_town_matrix         (GPtrArray          *towns,
                                              GPtrArray          *statuses);
/* How many rows have @measure. */
guint            chc_tcm_town_matrix_count   (GPtrArray          *rows,
                                              ChcTcmMeasure       measure);

/* ---- targets and coverage bars ------------------------------------------ */

/* TRUE and @condition set for a name of chc_tcm_condition_to_name(). */
gboolean         chc_tcm_condition_from_name (const char         *name,
                                              ChcTcmCondition    *condition);
/* "centre,branch,station" → a mask of CHC_TCM_TYPE_BIT(); unknown words
 * are skipped; 0 for an empty scope. */
guint            chc_tcm_type_mask_from_scope (const char        *scope);

/* A plan's TCM indicator for one year, as far as the rollout needs it. */
typedef struct
{
  char            *code;           /* "tcm.hall_coverage" */
  gboolean         has_condition;  /* the plan names one of ours */
  ChcTcmCondition  condition;
  guint            type_mask;      /* scope; 0 when the plan gives none */
  gboolean         percent;        /* unit: percent (else count) */
  gboolean         has_target;
  double           min_value;      /* the year's target */
  double           max_value;      /* upper end of a range, or min_value */
} ChcTcmTarget;

#define CHC_TYPE_TCM_TARGET (chc_tcm_target_get_type ())

GType            chc_tcm_target_get_type     (void) G_GNUC_CONST;
ChcTcmTarget    *chc_tcm_target_new          (const char         *code);
ChcTcmTarget    *chc_tcm_target_copy         (ChcTcmTarget       *target);
void             chc_tcm_target_free         (ChcTcmTarget       *target);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcTcmTarget, chc_tcm_target_free)

typedef enum
{
  CHC_TCM_BAR_SITE,        /* hall (centre, branch) or corner (station, village clinic) */
  CHC_TCM_BAR_SPECIALTY,   /* ≥1 specialty clinic */
} ChcTcmBarKind;

/* One bar of the coverage chart: a facility type and a measure. */
typedef struct
{
  ChcFacilityType  type;
  ChcTcmBarKind    kind;
  ChcTcmCondition  condition;
  guint            numerator;
  guint            denominator;
  double           value;        /* percent */
  double           target;       /* percent, -1 when the plan sets none */
  const char      *code;         /* the indicator giving the target, or NULL (static) */
} ChcTcmBar;

/* The bars for the facility types present in @statuses, two per type:
 * its site (hall: in service or up to standard; corner: in service or up
 * to standard — or the condition the plan's indicator names) and its
 * specialty clinics, each with the year's target of the plan indicator
 * that covers the type (tcm.hall_coverage, tcm.corner_coverage_stations,
 * tcm.corner_coverage_villages, tcm.specialty_coverage) among @targets
 * (ChcTcmTarget; may be NULL). */
GArray          *chc_tcm_coverage_bars       (GPtrArray          *statuses,
                                              GPtrArray          *targets);
/* The indicator code of a bar. */
const char      *chc_tcm_bar_code            (ChcFacilityType     type,
                                              ChcTcmBarKind       kind);

/* ---- rules (each adds ChcViolations naming the field) ------------------ */

/* A hall belongs to a centre or branch centre, a corner to a station or
 * village clinic; the date is a real date, not after @today and not
 * before CHC_TCM_EARLIEST_DATE; a planned facility's site can only be
 * none or under construction. */
void             chc_tcm_validate_site_event (ChcFacility        *facility,
                                              ChcTcmSiteEvent    *event,
                                              const char         *today,
                                              GPtrArray          *violations);
/* Name not empty (after trimming) and not the name of another of
 * @others (the facility's clinics; the clinic itself, same id, is
 * skipped); opening date valid, not in the future, not before
 * CHC_TCM_EARLIEST_DATE; closing date, if any, valid, not in the future,
 * not before the opening date; the facility has opened. */
void             chc_tcm_validate_specialty_clinic (ChcFacility        *facility,
                                                    ChcSpecialtyClinic *clinic,
                                                    GPtrArray          *others,
                                                    const char         *today,
                                                    GPtrArray          *violations);
/* Only a station or village clinic applies or is awarded; an awarded one
 * has its year, between CHC_TCM_EARLIEST_YEAR and this year; "none" has no
 * year. */
void             chc_tcm_validate_demo       (ChcFacility        *facility,
                                              ChcTcmDemoStatus    status,
                                              int                 year,
                                              const char         *today,
                                              GPtrArray          *violations);
/* A valid month, not after @today's month; visits ≥ 0; TCM visits ≤ all
 * visits; no visits at a facility that has not opened. */
void             chc_tcm_validate_visits     (ChcFacility        *facility,
                                              const char         *period,
                                              gint64              tcm_visits,
                                              gint64              all_visits,
                                              const char         *today,
                                              GPtrArray          *violations);
/* A year between CHC_TCM_EARLIEST_YEAR and this year; a count ≥ 0. */
void             chc_tcm_validate_training   (ChcFacility        *facility,
                                              int                 year,
                                              gint64              trained,
                                              const char         *today,
                                              GPtrArray          *violations);

/* @text without white space (ASCII or Unicode, e.g. U+3000) at either
 * end. */
char            *chc_tcm_trim                (const char         *text);
/* The trimmed, case-folded, NFC form under which two clinic names are the
 * same. */
char            *chc_tcm_clinic_name_key     (const char         *name);

G_END_DECLS
