/* chc-database-values.h — data elements and their values (issue 13).
 *
 * The elements are the built-in declarations (data/elements.ini) and the
 * commission's own (table data_element).  Values of an element without a
 * family table are stored here (element_value, district_value); values of
 * a family element (signing, TCM visits …) are read here from their
 * family's table and written by their family's functions.
 *
 * chc_database_aggregate() is THE aggregation of a figure: every surface
 * (entry grids' totals, the command line, the Dashboard's indicators, the
 * bulletin) calls it or chc_database_aggregate_by_facility(), so that the
 * same figure is the same number everywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chc-database.h"
#include "core/chc-element.h"

G_BEGIN_DECLS

/* Every element: the built-in ones in declaration order, then the user's
 * by code.  Returns (element-type ChcElement). */
GPtrArray  *chc_database_list_elements        (ChcDatabase       *self,
                                               GError           **error);
/* An element by code or exact Chinese (or English) name;
 * CHC_DATABASE_ERROR_NOT_FOUND when there is none. */
ChcElement *chc_database_find_element         (ChcDatabase       *self,
                                               const char        *code_or_name,
                                               GError           **error);
/* Adds a user-defined element (validated; its code and names must not be
 * taken).  Audited and carried by exchange packages. */
gboolean    chc_database_add_element          (ChcDatabase       *self,
                                               const ChcElement  *element,
                                               GError           **error);
/* Removes a user-defined element that has no values. */
gboolean    chc_database_remove_element       (ChcDatabase       *self,
                                               const char        *code,
                                               GError           **error);

/* One value of an element for a facility (or a district) and period. */
typedef struct
{
  gint64  facility_id;     /* 0: a district's value */
  gint64  district_id;     /* the district (of the facility, or the value's) */
  char   *facility_code;   /* listings: NULL for a district's value */
  char   *facility_name;   /* listings: the district's name for a district's value */
  char   *element;
  char   *period;          /* canonical: 2024-12, 2024Q4, 2024 */
  double  value;           /* chc_database_save_values(): NAN removes it */
} ChcValue;

ChcValue   *chc_value_new                     (gint64             facility_id,
                                               gint64             district_id,
                                               const char        *element,
                                               const char        *period,
                                               double             value);
void        chc_value_free                    (ChcValue          *value);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcValue, chc_value_free)

/* The stored values of district @district_id (0: every district) whose
 * period lies within @period (NULL: any; "2024" holds its months and
 * quarters), of @element (NULL: every element, family elements included),
 * by facility (registry order: code), element (declaration order), period.
 * Returns (element-type ChcValue). */
GPtrArray  *chc_database_list_values          (ChcDatabase       *self,
                                               gint64             district_id,
                                               const char        *period,
                                               const char        *element,
                                               GError           **error);

/* Checks @values (element-type ChcValue) as chc_database_save_values()
 * would, against each other and the stored values: appends to @problems
 * one message per value that breaks a rule, "INDEX\tmessage" (INDEX its
 * position in @values).  FALSE with @error only when the database fails. */
gboolean    chc_database_check_values         (ChcDatabase       *self,
                                               GPtrArray         *values,
                                               GPtrArray         *problems,
                                               GError           **error);
/* More new values than this in one save are recorded in the audit log as
 * one bulk entry per table (as an import's rows are), not one each. */
#define CHC_VALUES_BULK_THRESHOLD 100

/* Writes @values in one transaction (a NAN value removes the stored one);
 * refuses them all (CHC_DATABASE_ERROR_CONSTRAINT, the first problem) when
 * any breaks a rule.  A value equal to the stored one is not written.
 * Counts what it did (each may be NULL).  Emits ::changed
 * ("element_value"). */
gboolean    chc_database_save_values          (ChcDatabase       *self,
                                               GPtrArray         *values,
                                               guint             *n_inserted,
                                               guint             *n_updated,
                                               guint             *n_removed,
                                               GError           **error);

/* How chc_database_save_values() would write @values: new, changed and
 * unchanged values (NAN values are not counted). */
gboolean    chc_database_compare_values       (ChcDatabase       *self,
                                               GPtrArray         *values,
                                               guint             *n_insert,
                                               guint             *n_update,
                                               guint             *n_unchanged,
                                               GError           **error);

/* For importers, inside their own transaction, after their own checks: one
 * stored value (NAN when none), and writing one (NAN deletes it). */
gboolean    chc_database_get_value            (ChcDatabase       *self,
                                               gint64             facility_id,
                                               gint64             district_id,
                                               const char        *element,
                                               const char        *period,
                                               double            *value,
                                               GError           **error);
gboolean    chc_database_put_value            (ChcDatabase       *self,
                                               const ChcValue    *value,
                                               GError           **error);
/* A facility's row of a family table (its elements' columns in
 * declaration order, chc_elements_list_family()): reading it (@found
 * FALSE when there is none) and writing it whole (insert or update; NAN
 * is written as 0). */
gboolean    chc_database_get_family_row       (ChcDatabase       *self,
                                               const char        *family,
                                               gint64             facility_id,
                                               const char        *period,
                                               double            *values,
                                               gboolean          *found,
                                               GError           **error);
gboolean    chc_database_put_family_row       (ChcDatabase       *self,
                                               const char        *family,
                                               gint64             facility_id,
                                               const char        *period,
                                               const double      *values,
                                               GError           **error);

/* ---- aggregation --------------------------------------------------------- */

typedef struct
{
  double value;        /* NAN when nothing was reported */
  guint  n_reported;   /* facilities (or the district) with a value */
  guint  n_expected;   /* facilities in scope (1 for a district's element) */
  guint  n_carried;    /* of n_reported: a stock taken from an earlier
                          period of the year (not reported in @period) */
} ChcAggregate;

/* Each facility's value of @element for @period by the element's time
 * rule: a flow (sum) adds its values within the period; a stock (and a
 * yes/no) takes its latest value up to the end of the period within the
 * period's year.  Returns facility id (gint64 *) → value (double *), the
 * facilities of @district_id that have one; a district-level element gives
 * one entry with key 0. */
GHashTable *chc_database_aggregate_by_facility (ChcDatabase      *self,
                                               const char        *element,
                                               gint64             district_id,
                                               const char        *period,
                                               GError           **error);
/* The same for several elements (ChcElement) at once: code → (facility id →
 * value).  The generic table's elements of a level are read in one query
 * (a plan's evaluation reads dozens), each row through the same time
 * rule. */
GHashTable *chc_database_aggregate_many_by_facility (ChcDatabase  *self,
                                                     GPtrArray    *elements,
                                                     gint64        district_id,
                                                     const char   *period,
                                                     GError      **error);
/* @element over the facilities @facility_ids (NULL: the district's
 * operating facilities of the element's level) for @period: a sum, or for
 * yes/no the number (count) or whether any (any) said yes. */
gboolean    chc_database_aggregate            (ChcDatabase       *self,
                                               const char        *element,
                                               gint64             district_id,
                                               GArray            *facility_ids,
                                               const char        *period,
                                               ChcAggregate      *aggregate,
                                               GError           **error);

G_END_DECLS
