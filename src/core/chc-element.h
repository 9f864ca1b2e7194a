/* chc-element.h — data elements: one declaration per monitored figure.
 *
 * A data element (数据项, as DHIS2 calls them) says what a figure is and
 * how it is counted: its code, names, unit, value type, the level that
 * reports it (any facility, centres and branch centres, or the district),
 * its period type, how it aggregates over facilities and over time, its
 * bounds and cross-field rule, the CSV headers people write for it, and
 * where it is stored.  The built-in elements are declared in
 * data/elements.ini; a commission adds its own (stored in the database,
 * table data_element, carried by exchange packages).  Everything else —
 * CSV columns, listings, audit labels, the entry grid, the aggregation —
 * is derived from here.  Pure functions (GLib only).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "model/chc-plan-enums.h"

G_BEGIN_DECLS

typedef enum
{
  CHC_VALUE_TYPE_INTEGER,   /* a whole number ≥ 0 (a count) */
  CHC_VALUE_TYPE_DECIMAL,   /* a number ≥ 0 */
  CHC_VALUE_TYPE_PERCENT,   /* 0–100 */
  CHC_VALUE_TYPE_YES_NO,    /* 1 or 0 */
  CHC_VALUE_TYPE_DATE,      /* a dated state ("up to standard since") */
} ChcValueType;

typedef enum
{
  CHC_ELEMENT_LEVEL_FACILITY,  /* every facility of the registry may report it */
  CHC_ELEMENT_LEVEL_CENTRE,    /* centres and branch centres */
  CHC_ELEMENT_LEVEL_DISTRICT,  /* one value for the district */
} ChcElementLevel;

typedef enum
{
  CHC_PERIOD_TYPE_MONTH,
  CHC_PERIOD_TYPE_QUARTER,
  CHC_PERIOD_TYPE_YEAR,
  CHC_PERIOD_TYPE_DATED,    /* a state with the date it was reached */
} ChcPeriodType;

typedef enum
{
  CHC_AGGREGATION_SUM,      /* a flow: summed over facilities and periods */
  CHC_AGGREGATION_STOCK,    /* each facility's latest value up to the end of
                               the period (within its year), summed over
                               facilities */
  CHC_AGGREGATION_ANY,      /* yes/no: 1 when any facility says yes */
  CHC_AGGREGATION_COUNT,    /* yes/no: the number of facilities saying yes */
} ChcAggregation;

typedef enum
{
  CHC_ELEMENT_ORIGIN_BUILT_IN,
  CHC_ELEMENT_ORIGIN_USER,
} ChcElementOrigin;

typedef struct _ChcElement ChcElement;

struct _ChcElement
{
  /*< public, read-only >*/
  char             *code;          /* stable key: [a-z][a-z0-9_]* */
  char             *name_zh;
  char             *name_en;
  char             *unit;          /* "人", "人次", "元/人·年" …; may be "" */
  ChcValueType      value_type;
  ChcElementLevel   level;
  ChcPeriodType     period_type;
  ChcAggregation    aggregation;
  double            min;           /* NAN: none (0 for counts, decimals) */
  double            max;           /* NAN: none (100 for percents) */
  char             *at_most;       /* the code of an element of the same
                                      facility and period this cannot
                                      exceed, or NULL */
  char            **aliases;       /* more CSV headers (Chinese), may be empty */
  char             *family;        /* the table of a built-in family that
                                      stores it ("signing", "tcm_visits"),
                                      or NULL: the generic value tables */
  char             *column;        /* its column in the family's table */
  char             *description;   /* Chinese, may be "" */
  gboolean          required;      /* in its family's row: must be given */
  gboolean          missing_is_zero; /* not given means 0 (an optional figure
                                      of a family row, data/elements.ini
                                      "missing=zero"); otherwise a value not
                                      given was not reported: never 0 */
  ChcElementOrigin  origin;
};

#define CHC_TYPE_ELEMENT (chc_element_get_type ())
GType        chc_element_get_type            (void) G_GNUC_CONST;

ChcElement  *chc_element_new                 (const char       *code,
                                              const char       *name_zh);
ChcElement  *chc_element_ref                 (ChcElement       *element);
void         chc_element_unref               (ChcElement       *element);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcElement, chc_element_unref)

/* The name in the interface's language (Chinese, else English). */
const char  *chc_element_get_label           (const ChcElement *element);
/* "常住人口（人）" */
char        *chc_element_get_label_with_unit (const ChcElement *element);

/* The stable nicks of the enumerations, as the command line, the TSV, the
 * database and data/elements.ini write them. */
const char  *chc_value_type_to_nick          (ChcValueType      type);
gboolean     chc_value_type_from_nick        (const char       *nick,
                                              ChcValueType     *type);
const char  *chc_element_level_to_nick       (ChcElementLevel   level);
gboolean     chc_element_level_from_nick     (const char       *nick,
                                              ChcElementLevel  *level);
const char  *chc_period_type_to_nick         (ChcPeriodType     type);
gboolean     chc_period_type_from_nick       (const char       *nick,
                                              ChcPeriodType    *type);
const char  *chc_aggregation_to_nick         (ChcAggregation    aggregation);
gboolean     chc_aggregation_from_nick       (const char       *nick,
                                              ChcAggregation   *aggregation);
const char  *chc_element_origin_to_nick      (ChcElementOrigin  origin);

/* Whether @code may name an element: 1–64 of [a-z0-9_], starting with a
 * letter. */
gboolean     chc_element_code_is_valid       (const char       *code);
/* Checks a declaration as a whole (code, names, enumerations that go
 * together, bounds); the message names what is wrong. */
gboolean     chc_element_validate            (const ChcElement *element,
                                              GError          **error);

/* Whether @value is a value of @element (type, bounds); the message names
 * the element and the value. */
gboolean     chc_element_check_value         (const ChcElement *element,
                                              double            value,
                                              GError          **error);
/* The value as people write it: "85123", "12.5", "是"/"否" (Chinese) … C
 * locale numbers; reads back with chc_csv_parse_element_value() (io). */
char        *chc_element_format_value        (const ChcElement *element,
                                              double            value);
/* The same for people on screen: whole parts grouped by thousands
 * ("85,123", "1,234.5"); reads back with chc_csv_parse_element_value() (io). */
char        *chc_element_format_display      (const ChcElement *element,
                                              double            value);
/* Reading a value typed or found in a file is io's:
 * chc_csv_parse_element_value() (io/chc-csv-values.h). */

/* ---- periods ------------------------------------------------------------ */

/* A period in its canonical form is "2024-12" (month), "2024Q4" (quarter)
 * or "2024" (year); chc_csv_parse_any_period() (io/chc-csv-values.h) reads
 * the ways people write them.  Whether @canonical is one, and its type. */
gboolean     chc_period_type_of              (const char       *canonical,
                                              ChcPeriodType    *type);
/* The first and last month of a canonical period, as year * 12 + month - 1. */
gboolean     chc_period_months               (const char       *canonical,
                                              int              *first,
                                              int              *last);
/* "2024年12月", "2024年第4季度", "2024年" */
char        *chc_period_to_chinese           (const char       *canonical);

/* ---- the built-in declarations ---------------------------------------- */

/* Parses a declaration file (the format of data/elements.ini); every
 * element is validated.  Returns (element-type ChcElement). */
GPtrArray   *chc_elements_parse              (const char       *data,
                                              gsize             length,
                                              const char       *file_name,
                                              GError          **error);
/* The built-in elements (data/elements.ini in the library's resource),
 * parsed once per process; in declaration order.  (transfer none) */
GPtrArray   *chc_elements_get_builtin        (void);
/* A built-in element by code, or NULL. (transfer none) */
ChcElement  *chc_elements_find_builtin       (const char       *code);
/* The built-in elements stored in @family's table, in declaration
 * order.  (transfer container) */
GPtrArray   *chc_elements_list_family        (const char       *family);

/* ---- data sets ----------------------------------------------------------- */

/* A data set (数据集, as DHIS2 calls them): a named group of elements of
 * one period type, entered together in the window's entry grid.  The
 * built-in ones are the [dataset CODE] groups of data/elements.ini; the
 * commission's own elements make one more of each period type,
 * 「自定义数据项」 (derived: every user element of that period type). */
typedef struct _ChcDataSet ChcDataSet;

struct _ChcDataSet
{
  /*< public, read-only >*/
  char             *code;          /* stable key: [a-z][a-z0-9_]* */
  char             *name_zh;
  char             *name_en;
  ChcPeriodType     period_type;   /* month, quarter or year */
  char            **elements;      /* the elements' codes, in column order */
  ChcElementOrigin  origin;        /* user: the derived 「自定义数据项」 */
  /* The family of all its elements ("signing", "tcm_visits"): entered in
   * that family's own view, not in the generic grid; NULL for the grid. */
  char             *family;
  /* The reporting schedule's defaults (a district may change them,
   * store/chc-database-reporting.c): due on day @due_day of the
   * @due_months-th month after the period's end (5 and 1: the 5th of the
   * next month); reported by the facilities of the types @reported_by
   * ("centre", "branch"…; empty: the district's own figures, not part of
   * the reporting cycle). */
  int               due_day;
  int               due_months;
  char            **reported_by;
};

#define CHC_TYPE_DATA_SET (chc_data_set_get_type ())
GType        chc_data_set_get_type           (void) G_GNUC_CONST;

ChcDataSet  *chc_data_set_new                (const char       *code,
                                              const char       *name_zh,
                                              ChcPeriodType     period_type);
ChcDataSet  *chc_data_set_ref                (ChcDataSet       *data_set);
void         chc_data_set_unref              (ChcDataSet       *data_set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcDataSet, chc_data_set_unref)

/* The name in the interface's language (Chinese, else English). */
const char  *chc_data_set_get_label          (const ChcDataSet *data_set);

/* Parses the [dataset CODE] groups of a declaration file (the format of
 * data/elements.ini; other groups are left to chc_elements_parse()): keys
 * name_zh, name_en, period_type (month, quarter, year) and
 * elements=code;code;…  Each element must be one of @elements (element-
 * type ChcElement), of the data set's period type, entered in the grid
 * (no family table, not a date).  Returns (element-type ChcDataSet), in
 * declaration order. */
GPtrArray   *chc_datasets_parse              (const char       *data,
                                              gsize             length,
                                              const char       *file_name,
                                              GPtrArray        *elements,
                                              GError          **error);
/* The built-in data sets (data/elements.ini in the library's resource),
 * parsed once per process.  (transfer none) */
GPtrArray   *chc_datasets_get_builtin        (void);
/* The data sets a database offers, given its elements (as
 * chc_database_list_elements() returns them): the built-in ones, then one
 * 「自定义数据项」 per period type that has user-defined elements (each
 * with every user element of that period type that the grid enters).
 * Returns (element-type ChcDataSet) (transfer full). */
GPtrArray   *chc_datasets_list               (GPtrArray        *elements);
/* The data set of @data_sets (as chc_datasets_list() returns them) with
 * @code, or NULL.  (transfer none) */
ChcDataSet  *chc_datasets_find               (GPtrArray        *data_sets,
                                              const char       *code);
/* The data set of @data_sets that holds @element (an element is in one
 * data set at most), or NULL.  (transfer none) */
ChcDataSet  *chc_datasets_find_for_element   (GPtrArray        *data_sets,
                                              const char       *element);
/* The name, in the interface's language, of the built-in element or data
 * set with @code (what a row key or an audit value holds), or NULL. */
const char  *chc_element_code_get_label      (const char       *code);
/* Whether the generic entry grid (数据填报) enters @data_set's elements
 * (a family's data set has a view of its own). */
gboolean     chc_data_set_in_grid            (const ChcDataSet *data_set);
/* Whether facilities report @data_set in the reporting cycle. */
gboolean     chc_data_set_is_reported        (const ChcDataSet *data_set);

/* The period before a canonical one of the same type ("2025-01" →
 * "2024-12", "2025Q1" → "2024Q4", "2025" → "2024"), or NULL. */
char        *chc_period_previous             (const char       *canonical);
/* A warning, not a rule: @value of @element is more than twice, or less
 * than half, the same facility's value of the period before (@previous;
 * NAN: none), and they differ by more than 10 (counts, decimals and
 * percents; never yes/no).  Returns the message, or NULL. */
char        *chc_element_warn_change         (const ChcElement *element,
                                              double            previous,
                                              double            value);

/* ---- service capabilities --------------------------------------------- */

/* The declaration of a capability kind (the family "capability" of
 * data/elements.ini, in the order of ChcCapabilityKind). (transfer none) */
ChcElement  *chc_capability_kind_get_element (ChcCapabilityKind kind);
/* Its name in the interface's language. */
const char  *chc_capability_kind_get_label   (ChcCapabilityKind kind);
/* Every declared capability kind (element type ChcElement, in declaration
 * order: the nine of ChcCapabilityKind first, then those issue 14 added).
 * An editor lists these; a kind is stored by its code. (transfer none) */
GPtrArray   *chc_capability_list_kinds       (void);
/* The name of the declared kind @code in the interface's language, or NULL. */
const char  *chc_capability_code_get_label   (const char       *code);
/* Its place in the declaration, or -1 when not declared. */
int          chc_capability_code_get_position (const char      *code);
/* Whether @code is a declared capability kind. */
gboolean     chc_capability_kind_is_declared (const char       *code);

G_END_DECLS
