/* chc-csv-values.h — the values of CSV cells as people write them:
 * periods, dates, whole numbers with thousands separators, yes/no.
 * Pure functions (no GTK, no SQL).  Errors are CHC_VALIDATE_ERROR with a
 * translated sentence that quotes the value (shortened when long).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "core/chc-element.h"
#include "model/chc-enums.h"
#include "model/chc-project-enums.h"

G_BEGIN_DECLS

/* Largest whole number accepted (15 digits: exact in a double too). */
#define CHC_CSV_MAX_COUNT G_GINT64_CONSTANT (999999999999999)

/* A month "YYYY-MM" from 2024-03, 2024-3, 202403, 2024/03, 2024.03,
 * 2024年3月, 2024年03月 (full-width digits too), or the first day of the
 * month as a date (2024-03-01, 2024/3/1: what Excel makes of a month). */
char     *chc_csv_parse_period   (const char  *text,
                                  GError     **error);
/* The same as year and month, without allocating. */
gboolean  chc_csv_parse_month    (const char  *text,
                                  int         *year,
                                  int         *month,
                                  GError     **error);
/* A date "YYYY-MM-DD" from 2024-03-15, 2024/3/15, 2024年3月15日 and the
 * other spellings of core/chc-date.h. */
char     *chc_csv_parse_date     (const char  *text,
                                  GError     **error);
/* A whole number ≥ 0: 1234, 1,234, 1，234 (full-width), " 12,345 ";
 * a zero fraction (1234.00) is accepted, any other fraction, a negative
 * number or misplaced separators (1,23) are refused. */
gboolean  chc_csv_parse_count    (const char  *text,
                                  gint64      *value,
                                  GError     **error);
/* A number ≥ 0 with an optional fraction: 1,234.5. */
gboolean  chc_csv_parse_number   (const char  *text,
                                  double      *value,
                                  GError     **error);
/* 是/否, yes/no, y/n, true/false, 1/0 (any case). */
gboolean  chc_csv_parse_boolean  (const char  *text,
                                  gboolean    *value,
                                  GError     **error);
/* A year 1900–2100: 2024 or 2024年. */
gboolean  chc_csv_parse_year     (const char  *text,
                                  int         *year,
                                  GError     **error);

/* Enumerations: the stable nick ("village_clinic"), the English label or
 * its translation, or a Chinese name (村卫生室); any case, full-width or
 * half-width.  _to_chinese() gives the name export writes with Chinese
 * headers. */
gboolean    chc_csv_parse_facility_type      (const char         *text,
                                              ChcFacilityType    *type,
                                              GError            **error);
const char *chc_csv_facility_type_to_chinese (ChcFacilityType     type);
gboolean    chc_csv_parse_facility_status    (const char         *text,
                                              ChcFacilityStatus  *status,
                                              GError            **error);
const char *chc_csv_facility_status_to_chinese (ChcFacilityStatus status);
gboolean    chc_csv_parse_project_kind       (const char         *text,
                                              ChcProjectKind     *kind,
                                              GError            **error);
const char *chc_csv_project_kind_to_chinese  (ChcProjectKind      kind);

/* A value of @element typed or found in a file: a whole number or a number
 * as chc_csv_parse_count/number read them, a percent with or without "%",
 * yes/no as chc_csv_parse_boolean reads it (是/否, 有/无 …); then the
 * element's bounds (chc_element_check_value).  Blank text is an error: a
 * figure not reported is left out, never 0.  Messages name the element. */
gboolean  chc_csv_parse_element_value (const ChcElement *element,
                                       const char       *text,
                                       double           *value,
                                       GError          **error);
/* A period as people write it: a month (2024-12, 2024年12月, and every
 * spelling of chc_csv_parse_month), a quarter (2024Q4, 2024-Q4,
 * 2024年第4季度, 2024年四季度) or a year (2024, 2024年); @canonical gets
 * 2024-12, 2024Q4 or 2024 and @type (may be NULL) its type. */
gboolean  chc_csv_parse_any_period    (const char       *text,
                                       char            **canonical,
                                       ChcPeriodType    *type,
                                       GError          **error);

/* @text without surrounding white space (Unicode, U+3000 included). */
char     *chc_csv_strip          (const char  *text);
/* TRUE when @text is NULL or only white space. */
gboolean  chc_csv_is_blank       (const char  *text);
/* @text compatibility-normalized (NFKC: full-width → half-width),
 * case-folded and stripped: for comparing headers and keywords. */
char     *chc_csv_fold           (const char  *text);
/* “@text” for a message, cut to 40 characters with an ellipsis. */
char     *chc_csv_quote_value    (const char  *text);

G_END_DECLS
