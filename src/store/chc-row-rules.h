/* chc-row-rules.h — the rules of a row of a tracked table in its portable
 * form (a package row: field name → value), as pure functions (no GTK,
 * no SQL).  What the entry forms and the CSV import refuse, a package row
 * must not bring in: value types, calendar dates and months, year bounds,
 * counts ≥ 0, enumerations, text lengths, and the rules between the
 * fields of one row (chc_signing_check(), closing after opening, …).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Names and short texts; notes may be longer. */
#define CHC_ROW_MAX_NAME_LENGTH 200
#define CHC_ROW_MAX_NOTES_LENGTH 4000
/* Codes, ids and keys (a facility code, a project uid, an installation). */
#define CHC_ROW_MAX_CODE_LENGTH 64

typedef enum
{
  CHC_ROW_VALUE_NULL,
  CHC_ROW_VALUE_INTEGER,
  CHC_ROW_VALUE_REAL,
  CHC_ROW_VALUE_TEXT,
} ChcRowValueType;

typedef struct
{
  ChcRowValueType  type;
  const char      *text;   /* the value as text (NULL for NULL) */
} ChcRowValue;

/* TRUE when the rules know @table and @field. */
gboolean  chc_row_rules_has_field   (const char        *table,
                                     const char        *field);

/* Checks one value of @field of @table; on failure returns FALSE and a
 * translated reason (without the field's name) in @reason. */
gboolean  chc_row_rules_check_value (const char        *table,
                                     const char        *field,
                                     const ChcRowValue *value,
                                     char             **reason);

/* Checks a whole row: @fields (NULL-terminated) and @values in the same
 * order, every field of the table present.  Returns FALSE with the field
 * concerned in @field_out (static) and a translated reason. */
gboolean  chc_row_rules_check_row   (const char        *table,
                                     const char * const *fields,
                                     const ChcRowValue *values,
                                     const char       **field_out,
                                     char             **reason);

/* TRUE for text that may be stored as a code, uid, installation id or
 * part of a row key: valid UTF-8, 1–CHC_ROW_MAX_CODE_LENGTH characters,
 * no '|' and no control characters. */
gboolean  chc_row_rules_is_code     (const char        *text);

/* The year bounds of every year and date a row may hold. */
#define CHC_ROW_MIN_YEAR 1900
#define CHC_ROW_MAX_YEAR 2100

G_END_DECLS
