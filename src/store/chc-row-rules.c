/* chc-row-rules.c — the rules of a row of a tracked table in its portable
 * form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-row-rules.h"
#include "core/chc-codes.h"
#include "core/chc-element.h"
#include "core/chc-reporting.h"
#include "core/chc-signing.h"
#include "core/chc-tcm.h"
#include "core/chc-text.h"
#include "core/chc-validate.h"
#include "model/chc-enums.h"
#include "model/chc-plan-enums.h"
#include "model/chc-project-enums.h"
#include "model/chc-tcm-enums.h"

typedef enum
{
  RULE_CODE,      /* a code or uid: chc_row_rules_is_code() */
  RULE_NAME,      /* text, not blank, at most CHC_ROW_MAX_NAME_LENGTH */
  RULE_TEXT,      /* text, may be empty, at most CHC_ROW_MAX_NAME_LENGTH */
  RULE_NOTES,     /* text, may be empty, at most CHC_ROW_MAX_NOTES_LENGTH */
  RULE_ENUM,      /* a nick of the enum @values gives */
  RULE_COUNT,     /* a whole number ≥ 0 */
  RULE_AREA,      /* a number ≥ 0 */
  RULE_BOOLEAN,   /* 0 or 1 */
  RULE_YEAR,      /* a whole number from @min to @max */
  RULE_DATE,      /* YYYY-MM-DD, a real day */
  RULE_PERIOD,    /* YYYY-MM, month 01–12 */
  RULE_CREDIT_CODE, /* 统一社会信用代码: chc_credit_code_check() */
  RULE_LICENSE_NO,  /* 医疗机构执业许可证登记号: chc_license_no_check() */
  RULE_NUMBER,    /* a finite number, any sign */
  RULE_WORD,      /* a text @accepts() takes */
} RuleKind;

typedef struct
{
  const char        *table;
  const char        *field;
  RuleKind           kind;
  gboolean           nullable;
  GType            (*values) (void);   /* RULE_ENUM: the enum whose nicks it takes */
  int                min;       /* RULE_YEAR */
  int                max;
  gboolean         (*accepts) (const char *text);   /* RULE_WORD */
} Rule;

static gboolean
is_value_type (const char *text)
{
  ChcValueType type;

  return chc_value_type_from_nick (text, &type) && type != CHC_VALUE_TYPE_DATE;
}

static gboolean
is_level (const char *text)
{
  ChcElementLevel level;

  return chc_element_level_from_nick (text, &level);
}

static gboolean
is_period_type (const char *text)
{
  ChcPeriodType type;

  return chc_period_type_from_nick (text, &type) && type != CHC_PERIOD_TYPE_DATED;
}

static gboolean
is_aggregation (const char *text)
{
  ChcAggregation aggregation;

  return chc_aggregation_from_nick (text, &aggregation);
}

static gboolean
is_element_period (const char *text)
{
  int first, last;

  return chc_period_months (text, &first, &last) && first / 12 >= CHC_ROW_MIN_YEAR &&
         last / 12 <= CHC_ROW_MAX_YEAR;
}

/* A stored state of a report: never "not started" or "entered", which
 * have no row (issue 15). */
static gboolean
is_report_state (const char *text)
{
  ChcReportState state;

  return chc_report_state_from_nick (text, &state) && state >= CHC_REPORT_STATE_SUBMITTED;
}

/* A local time as the store writes it: YYYY-MM-DD HH:MM:SS. */
static gboolean
is_local_time (const char *text)
{
  g_autofree char *iso = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL || strlen (text) != 19 || text[10] != ' ')
    return FALSE;
  iso = g_strdup (text);
  iso[10] = 'T';
  time = g_date_time_new_from_iso8601 (iso, utc);
  return time != NULL && g_date_time_get_year (time) >= CHC_ROW_MIN_YEAR &&
         g_date_time_get_year (time) <= CHC_ROW_MAX_YEAR;
}

/* Whether @text is a nick of @enum_type (the values of an enum field are
 * its nicks, as the model names them). */
static gboolean
is_nick (GType       enum_type,
         const char *text)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);

  return text != NULL && g_enum_get_value_by_nick (klass, text) != NULL;
}

#define Y CHC_ROW_MIN_YEAR, CHC_ROW_MAX_YEAR

static const Rule rules[] = {
  { "facility", "code", RULE_CODE, FALSE },
  { "facility", "name", RULE_NAME, FALSE },
  { "facility", "type", RULE_ENUM, FALSE, chc_facility_type_get_type },
  { "facility", "district", RULE_NAME, FALSE },
  { "facility", "town", RULE_NAME, TRUE },
  { "facility", "parent", RULE_CODE, TRUE },
  { "facility", "floor_area", RULE_AREA, FALSE },
  { "facility", "standardized", RULE_BOOLEAN, FALSE },
  { "facility", "standardized_year", RULE_YEAR, TRUE, NULL, 1990, CHC_ROW_MAX_YEAR },
  { "facility", "status", RULE_ENUM, FALSE, chc_facility_status_get_type },
  { "facility", "credit_code", RULE_CREDIT_CODE, TRUE },
  { "facility", "license_no", RULE_LICENSE_NO, TRUE },
  { "facility", "opened_on", RULE_DATE, TRUE },
  { "facility", "closed_on", RULE_DATE, TRUE },
  { "facility", "code_provisional", RULE_BOOLEAN, FALSE },

  { "facility_type_change", "facility", RULE_CODE, FALSE },
  { "facility_type_change", "changed_on", RULE_DATE, FALSE },
  { "facility_type_change", "old_type", RULE_ENUM, FALSE, chc_facility_type_get_type },

  { "capability", "facility", RULE_CODE, FALSE },
  /* a kind declared in data/elements.ini (family capability) */
  { "capability", "kind", RULE_WORD, FALSE, NULL, 0, 0, chc_capability_kind_is_declared },
  { "capability", "year", RULE_YEAR, FALSE, NULL, Y },

  { "signing", "facility", RULE_CODE, FALSE },
  { "signing", "period", RULE_PERIOD, FALSE },
  { "signing", "resident_population", RULE_COUNT, FALSE },
  { "signing", "signed_residents", RULE_COUNT, FALSE },
  { "signing", "key_population", RULE_COUNT, FALSE },
  { "signing", "key_population_signed", RULE_COUNT, FALSE },
  { "signing", "online_signed", RULE_COUNT, FALSE },
  { "signing", "signed_visits_total", RULE_COUNT, FALSE },
  { "signing", "signed_visits_in_community", RULE_COUNT, FALSE },

  { "tcm_site_event", "facility", RULE_CODE, FALSE },
  { "tcm_site_event", "date", RULE_DATE, FALSE },
  { "tcm_site_event", "kind", RULE_ENUM, FALSE, chc_tcm_site_kind_get_type },
  { "tcm_site_event", "state", RULE_ENUM, FALSE, chc_tcm_site_state_get_type },

  { "tcm_specialty_clinic", "facility", RULE_CODE, FALSE },
  { "tcm_specialty_clinic", "name", RULE_NAME, FALSE },
  { "tcm_specialty_clinic", "opened", RULE_DATE, FALSE },
  { "tcm_specialty_clinic", "closed", RULE_DATE, TRUE },

  { "tcm_demo", "facility", RULE_CODE, FALSE },
  { "tcm_demo", "status", RULE_ENUM, FALSE, chc_tcm_demo_status_get_type },
  { "tcm_demo", "year", RULE_YEAR, TRUE, NULL, CHC_TCM_EARLIEST_YEAR, CHC_ROW_MAX_YEAR },

  { "tcm_visits", "facility", RULE_CODE, FALSE },
  { "tcm_visits", "period", RULE_PERIOD, FALSE },
  { "tcm_visits", "tcm_visits", RULE_COUNT, FALSE },
  { "tcm_visits", "all_visits", RULE_COUNT, FALSE },

  { "tcm_training", "facility", RULE_CODE, FALSE },
  { "tcm_training", "year", RULE_YEAR, FALSE, NULL, CHC_TCM_EARLIEST_YEAR, CHC_ROW_MAX_YEAR },
  { "tcm_training", "trained", RULE_COUNT, FALSE },

  { "project", "uid", RULE_CODE, FALSE },
  { "project", "facility", RULE_CODE, FALSE },
  { "project", "kind", RULE_ENUM, FALSE, chc_project_kind_get_type },
  { "project", "plan_year", RULE_YEAR, FALSE, NULL, 2000, CHC_ROW_MAX_YEAR },
  { "project", "budget", RULE_AREA, TRUE },
  { "project", "area_before", RULE_AREA, TRUE },
  { "project", "area_after", RULE_AREA, TRUE },
  { "project", "units", RULE_TEXT, FALSE },
  { "project", "notes", RULE_NOTES, FALSE },
  { "project", "created_facility", RULE_BOOLEAN, FALSE },
  { "project", "prev_standardized", RULE_BOOLEAN, TRUE },
  { "project", "prev_standardized_year", RULE_YEAR, TRUE, NULL, 1990, CHC_ROW_MAX_YEAR },
  { "project", "prev_status", RULE_ENUM, TRUE, chc_facility_status_get_type },
  { "project", "prev_floor_area", RULE_AREA, TRUE },

  { "milestone", "project", RULE_CODE, FALSE },
  { "milestone", "milestone", RULE_ENUM, FALSE, chc_milestone_kind_get_type },
  { "milestone", "planned", RULE_DATE, TRUE },
  { "milestone", "actual", RULE_DATE, TRUE },

  { "data_element", "code", RULE_WORD, FALSE, NULL, 0, 0, chc_element_code_is_valid },
  { "data_element", "name_zh", RULE_NAME, FALSE },
  { "data_element", "name_en", RULE_TEXT, FALSE },
  { "data_element", "unit", RULE_TEXT, FALSE },
  { "data_element", "value_type", RULE_WORD, FALSE, NULL, 0, 0, is_value_type },
  { "data_element", "level", RULE_WORD, FALSE, NULL, 0, 0, is_level },
  { "data_element", "period_type", RULE_WORD, FALSE, NULL, 0, 0, is_period_type },
  { "data_element", "aggregation", RULE_WORD, FALSE, NULL, 0, 0, is_aggregation },
  { "data_element", "min_value", RULE_NUMBER, TRUE },
  { "data_element", "max_value", RULE_NUMBER, TRUE },

  { "element_value", "facility", RULE_CODE, FALSE },
  { "element_value", "element", RULE_WORD, FALSE, NULL, 0, 0, chc_element_code_is_valid },
  { "element_value", "period", RULE_WORD, FALSE, NULL, 0, 0, is_element_period },
  { "element_value", "value", RULE_NUMBER, FALSE },

  { "district_value", "district", RULE_NAME, FALSE },
  { "district_value", "element", RULE_WORD, FALSE, NULL, 0, 0, chc_element_code_is_valid },
  { "district_value", "period", RULE_WORD, FALSE, NULL, 0, 0, is_element_period },
  { "district_value", "value", RULE_NUMBER, FALSE },

  { "report_state", "facility", RULE_CODE, FALSE },
  { "report_state", "dataset", RULE_WORD, FALSE, NULL, 0, 0, chc_element_code_is_valid },
  { "report_state", "period", RULE_WORD, FALSE, NULL, 0, 0, is_element_period },
  { "report_state", "state", RULE_WORD, FALSE, NULL, 0, 0, is_report_state },
  { "report_state", "submitted_at", RULE_WORD, TRUE, NULL, 0, 0, is_local_time },
  { "report_state", "decided_at", RULE_WORD, TRUE, NULL, 0, 0, is_local_time },
  { "report_state", "comment", RULE_NOTES, FALSE },

  { "period_lock", "district", RULE_NAME, FALSE },
  { "period_lock", "period", RULE_WORD, FALSE, NULL, 0, 0, is_element_period },
  { "period_lock", "locked_at", RULE_WORD, FALSE, NULL, 0, 0, is_local_time },
};

#undef Y

static const Rule *
find_rule (const char *table,
           const char *field)
{
  if (table == NULL || field == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_str_equal (rules[i].table, table) && g_str_equal (rules[i].field, field))
      return &rules[i];
  return NULL;
}

gboolean
chc_row_rules_has_field (const char *table,
                         const char *field)
{
  return find_rule (table, field) != NULL;
}

/* Valid UTF-8 of at most @max characters, without control characters
 * (but tabs and line breaks when @multiline: chc_text_check_controls()). */
static gboolean
text_ok (const char *text,
         glong       max,
         gboolean    multiline)
{
  /* the control characters: the rule of entry and import (core/chc-text.c) */
  if (text == NULL || !chc_text_check_controls (text, multiline, NULL))
    return FALSE;
  return g_utf8_strlen (text, max + 1) <= max;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

gboolean
chc_row_rules_is_code (const char *text)
{
  return text != NULL && *text != '\0' && strchr (text, '|') == NULL &&
         text_ok (text, CHC_ROW_MAX_CODE_LENGTH, FALSE) && !is_blank (text);
}

/* A whole number written as SQLite writes one. */
static gboolean
parse_integer (const ChcRowValue *value,
               gint64            *out)
{
  if (value->type != CHC_ROW_VALUE_INTEGER || value->text == NULL)
    return FALSE;
  return g_ascii_string_to_signed (value->text, 10, G_MININT64, G_MAXINT64, out, NULL);
}

static gboolean
parse_number (const ChcRowValue *value,
              double            *out)
{
  char *end = NULL;

  if ((value->type != CHC_ROW_VALUE_INTEGER && value->type != CHC_ROW_VALUE_REAL) ||
      value->text == NULL)
    return FALSE;
  *out = g_ascii_strtod (value->text, &end);
  return end != value->text && *end == '\0' && isfinite (*out);
}

static int
text_year (const char *text)
{
  gint64 year = 0;
  g_autofree char *digits = g_strndup (text, 4);

  g_ascii_string_to_signed (digits, 10, 0, 9999, &year, NULL);
  return (int) year;
}

gboolean
chc_row_rules_check_value (const char        *table,
                           const char        *field,
                           const ChcRowValue *value,
                           char             **reason)
{
  const Rule *rule = find_rule (table, field);
  const char *text = value->text;
  gint64 whole = 0;
  double number = 0;

  g_return_val_if_fail (reason != NULL, FALSE);

  if (rule == NULL)
    {
      *reason = g_strdup (_("this field does not exist."));
      return FALSE;
    }
  if (value->type == CHC_ROW_VALUE_NULL || text == NULL)
    {
      if (rule->nullable)
        return TRUE;
      *reason = g_strdup (_("a value is required."));
      return FALSE;
    }

  switch (rule->kind)
    {
    case RULE_CODE:
      if (value->type == CHC_ROW_VALUE_TEXT && chc_row_rules_is_code (text))
        return TRUE;
      *reason = g_strdup_printf (_("not a code or id (text of 1 to %d characters, without “|”)."),
                                 CHC_ROW_MAX_CODE_LENGTH);
      return FALSE;

    case RULE_NAME:
    case RULE_TEXT:
    case RULE_NOTES:
      {
        glong max = rule->kind == RULE_NOTES ? CHC_ROW_MAX_NOTES_LENGTH : CHC_ROW_MAX_NAME_LENGTH;

        if (value->type != CHC_ROW_VALUE_TEXT || !text_ok (text, max, rule->kind == RULE_NOTES))
          {
            *reason = g_strdup_printf (_("not a text of at most %ld characters."), max);
            return FALSE;
          }
        if (rule->kind == RULE_NAME && is_blank (text))
          {
            *reason = g_strdup (_("must not be empty."));
            return FALSE;
          }
        return TRUE;
      }

    case RULE_ENUM:
      if (value->type == CHC_ROW_VALUE_TEXT && is_nick (rule->values (), text))
        return TRUE;
      *reason = g_strdup (_("not one of the values this field can take."));
      return FALSE;

    case RULE_COUNT:
      if (parse_integer (value, &whole) && whole >= 0)
        return TRUE;
      *reason = g_strdup (_("not a whole number of 0 or more."));
      return FALSE;

    case RULE_AREA:
      if (parse_number (value, &number) && number >= 0 && number < 1e12)
        return TRUE;
      *reason = g_strdup (_("not a number of 0 or more."));
      return FALSE;

    case RULE_BOOLEAN:
      if (parse_integer (value, &whole) && (whole == 0 || whole == 1))
        return TRUE;
      *reason = g_strdup (_("not 0 or 1."));
      return FALSE;

    case RULE_YEAR:
      if (parse_integer (value, &whole) && whole >= rule->min && whole <= rule->max)
        return TRUE;
      *reason = g_strdup_printf (_("not a year from %d to %d."), rule->min, rule->max);
      return FALSE;

    case RULE_DATE:
      if (value->type == CHC_ROW_VALUE_TEXT && chc_tcm_date_is_valid (text) &&
          text_year (text) >= CHC_ROW_MIN_YEAR && text_year (text) <= CHC_ROW_MAX_YEAR)
        return TRUE;
      *reason = g_strdup_printf (_("not a date from %d to %d written YYYY-MM-DD."),
                                 CHC_ROW_MIN_YEAR, CHC_ROW_MAX_YEAR);
      return FALSE;

    case RULE_PERIOD:
      if (value->type == CHC_ROW_VALUE_TEXT && chc_tcm_period_is_valid (text) &&
          text_year (text) >= CHC_ROW_MIN_YEAR && text_year (text) <= CHC_ROW_MAX_YEAR)
        return TRUE;
      *reason = g_strdup_printf (_("not a month from %d to %d written YYYY-MM."),
                                 CHC_ROW_MIN_YEAR, CHC_ROW_MAX_YEAR);
      return FALSE;

    case RULE_CREDIT_CODE:
    case RULE_LICENSE_NO:
      {
        char *why = NULL;

        if (value->type != CHC_ROW_VALUE_TEXT)
          why = g_strdup (_("not a text."));
        else if (rule->kind == RULE_CREDIT_CODE ? chc_credit_code_check (text, &why)
                                                : chc_license_no_check (text, &why))
          return TRUE;
        *reason = why;
        return FALSE;
      }

    case RULE_NUMBER:
      if (parse_number (value, &number) && number > -1e15 && number < 1e15)
        return TRUE;
      *reason = g_strdup (_("not a number."));
      return FALSE;

    case RULE_WORD:
      if (value->type == CHC_ROW_VALUE_TEXT && rule->accepts (text))
        return TRUE;
      *reason = g_strdup (_("not one of the values this field can take."));
      return FALSE;

    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static const ChcRowValue *
row_value (const char * const *fields,
           const ChcRowValue  *values,
           const char         *field)
{
  for (guint i = 0; fields[i] != NULL; i++)
    if (g_str_equal (fields[i], field))
      return &values[i];
  return NULL;
}

static gint64
row_integer (const char * const *fields,
             const ChcRowValue  *values,
             const char         *field)
{
  const ChcRowValue *v = row_value (fields, values, field);
  gint64 n = 0;

  if (v != NULL)
    parse_integer (v, &n);
  return n;
}

static const char *
row_text (const char * const *fields,
          const ChcRowValue  *values,
          const char         *field)
{
  const ChcRowValue *v = row_value (fields, values, field);

  return v != NULL && v->type != CHC_ROW_VALUE_NULL ? v->text : NULL;
}

gboolean
chc_row_rules_check_row (const char          *table,
                         const char * const  *fields,
                         const ChcRowValue   *values,
                         const char         **field_out,
                         char               **reason)
{
  g_return_val_if_fail (field_out != NULL && reason != NULL, FALSE);

  *field_out = NULL;
  for (guint i = 0; fields[i] != NULL; i++)
    if (!chc_row_rules_check_value (table, fields[i], &values[i], reason))
      {
        *field_out = find_rule (table, fields[i]) != NULL ? find_rule (table, fields[i])->field : "*";
        return FALSE;
      }
  /* Every field of the table is there. */
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_str_equal (rules[i].table, table) && row_value (fields, values, rules[i].field) == NULL)
      {
        *field_out = rules[i].field;
        *reason = g_strdup (_("the field is missing."));
        return FALSE;
      }

  if (g_str_equal (table, "facility"))
    {
      const char *type = row_text (fields, values, "type");
      const char *parent = row_text (fields, values, "parent");

      if (g_strcmp0 (type, "centre") == 0 && parent != NULL)
        {
          *field_out = "parent";
          *reason = g_strdup (_("a community health centre has no parent centre."));
          return FALSE;
        }
      if (g_strcmp0 (type, "centre") != 0 && parent == NULL)
        {
          *field_out = "parent";
          *reason = g_strdup (_("a branch centre, station or village clinic belongs to a community health centre."));
          return FALSE;
        }
      if (parent != NULL && g_strcmp0 (parent, row_text (fields, values, "code")) == 0)
        {
          *field_out = "parent";
          *reason = g_strdup (_("a facility cannot be its own parent."));
          return FALSE;
        }
      if (row_text (fields, values, "standardized_year") != NULL &&
          row_integer (fields, values, "standardized") != 1)
        {
          *field_out = "standardized_year";
          *reason = g_strdup (_("only a standardized facility has a standardization year."));
          return FALSE;
        }
    }
  else if (g_str_equal (table, "signing"))
    {
      ChcSigningFigures figures = { 0 };
      g_autoptr(GPtrArray) violations = chc_violations_new ();

      for (guint f = 0; f < CHC_SIGNING_N_FIGURES; f++)
        {
          gint64 n = row_integer (fields, values, chc_signing_figure_to_field (f));

          figures.value[f] = n;
        }
      chc_signing_check (&figures, violations);
      if (violations->len > 0)
        {
          ChcViolation *v = g_ptr_array_index (violations, 0);

          *field_out = find_rule (table, v->field) != NULL ? find_rule (table, v->field)->field : "*";
          *reason = g_strdup (v->message);
          return FALSE;
        }
    }
  else if (g_str_equal (table, "tcm_specialty_clinic"))
    {
      const char *closed = row_text (fields, values, "closed");

      if (closed != NULL && strcmp (closed, row_text (fields, values, "opened")) < 0)
        {
          *field_out = "closed";
          *reason = g_strdup (_("the closing date is before the opening date."));
          return FALSE;
        }
    }
  else if (g_str_equal (table, "tcm_demo"))
    {
      const char *status = row_text (fields, values, "status");
      gboolean has_year = row_text (fields, values, "year") != NULL;

      if ((g_strcmp0 (status, "awarded") == 0 && !has_year) ||
          (g_strcmp0 (status, "none") == 0 && has_year))
        {
          *field_out = "year";
          *reason = g_strdup (_("an awarded status has its year, “none” has none."));
          return FALSE;
        }
    }
  else if (g_str_equal (table, "data_element"))
    {
      g_autoptr(ChcElement) element = chc_element_new (row_text (fields, values, "code"),
                                                       row_text (fields, values, "name_zh"));
      g_autoptr(GError) local_error = NULL;
      const char *min = row_text (fields, values, "min_value");
      const char *max = row_text (fields, values, "max_value");

      chc_value_type_from_nick (row_text (fields, values, "value_type"), &element->value_type);
      chc_element_level_from_nick (row_text (fields, values, "level"), &element->level);
      chc_period_type_from_nick (row_text (fields, values, "period_type"), &element->period_type);
      chc_aggregation_from_nick (row_text (fields, values, "aggregation"), &element->aggregation);
      element->min = min != NULL ? g_ascii_strtod (min, NULL) : NAN;
      element->max = max != NULL ? g_ascii_strtod (max, NULL) : NAN;
      if (!chc_element_validate (element, &local_error))
        {
          *field_out = "*";
          *reason = g_strdup (local_error->message);
          return FALSE;
        }
    }
  else if (g_str_equal (table, "tcm_visits"))
    {
      if (row_integer (fields, values, "tcm_visits") > row_integer (fields, values, "all_visits"))
        {
          *field_out = "tcm_visits";
          *reason = g_strdup (_("more TCM visits than visits in all."));
          return FALSE;
        }
    }
  return TRUE;
}
