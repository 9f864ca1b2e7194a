/* chc-element.c — data elements: declarations, values and periods.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-element"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "chc-element.h"
#include "chc-validate.h"
#include "model/chc-enums.h"

#define ELEMENT_PREFIX "element "
#define BUILTIN_RESOURCE "/io/github/chcmonitor/ChcMonitor/elements.ini"
#define MAX_VALUE 1e15

G_DEFINE_BOXED_TYPE (ChcElement, chc_element, chc_element_ref, chc_element_unref)

ChcElement *
chc_element_new (const char *code,
                 const char *name_zh)
{
  /* refcounted by GLib (g_atomic_rc_box), as ChcDataSet */
  ChcElement *self = g_atomic_rc_box_new0 (ChcElement);

  self->code = g_strdup (code);
  self->name_zh = g_strdup (name_zh);
  self->name_en = g_strdup ("");
  self->unit = g_strdup ("");
  self->description = g_strdup ("");
  self->aliases = g_new0 (char *, 1);
  self->min = 0;
  self->max = NAN;
  return self;
}

ChcElement *
chc_element_ref (ChcElement *element)
{
  g_return_val_if_fail (element != NULL, NULL);
  return g_atomic_rc_box_acquire (element);
}

static void
element_clear (ChcElement *element)
{
  g_free (element->code);
  g_free (element->name_zh);
  g_free (element->name_en);
  g_free (element->unit);
  g_free (element->at_most);
  g_strfreev (element->aliases);
  g_free (element->family);
  g_free (element->column);
  g_free (element->description);
}

void
chc_element_unref (ChcElement *element)
{
  g_return_if_fail (element != NULL);
  g_atomic_rc_box_release_full (element, (GDestroyNotify) element_clear);
}

static gboolean
interface_is_chinese (void)
{
  const char *translated = _("Resident population");

  /* The catalogue decides: when it translates our own strings to
   * Chinese, so are the names of the elements. */
  return g_strcmp0 (translated, "Resident population") != 0 &&
         !g_str_is_ascii (translated);
}

const char *
chc_element_get_label (const ChcElement *element)
{
  g_return_val_if_fail (element != NULL, NULL);
  if (!interface_is_chinese () && element->name_en != NULL && *element->name_en != '\0')
    return element->name_en;
  return element->name_zh;
}

char *
chc_element_get_label_with_unit (const ChcElement *element)
{
  g_return_val_if_fail (element != NULL, NULL);
  /* "社区门诊人次", not "社区门诊人次（人次）" */
  if (element->unit == NULL || *element->unit == '\0' ||
      g_str_has_suffix (chc_element_get_label (element), element->unit))
    return g_strdup (chc_element_get_label (element));
  /* TRANSLATORS: a figure's name and its unit: "常住人口（人）" */
  return g_strdup_printf (_("%s (%s)"), chc_element_get_label (element), element->unit);
}

/* ---- nicks -------------------------------------------------------------- */

static const char *const value_type_nicks[] = { "integer", "decimal", "percent", "yes-no", "date" };
static const char *const level_nicks[] = { "facility", "centre", "district" };
static const char *const period_type_nicks[] = { "month", "quarter", "year", "dated" };
static const char *const aggregation_nicks[] = { "sum", "stock", "any", "count" };
static const char *const origin_nicks[] = { "built-in", "user" };

static gboolean
from_nick (const char *const *nicks,
           guint              n,
           const char        *nick,
           int               *value)
{
  if (nick == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (nicks[i], nick) == 0)
      {
        *value = (int) i;
        return TRUE;
      }
  return FALSE;
}

#define NICK_FUNCS(prefix, Type, nicks)                                       \
  const char *                                                                \
  prefix##_to_nick (Type value)                                               \
  {                                                                           \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (nicks), NULL);        \
    return nicks[value];                                                      \
  }                                                                           \
  gboolean                                                                    \
  prefix##_from_nick (const char *nick,                                       \
                      Type       *value)                                      \
  {                                                                           \
    int v;                                                                    \
    if (!from_nick (nicks, G_N_ELEMENTS (nicks), nick, &v))                   \
      return FALSE;                                                           \
    *value = (Type) v;                                                        \
    return TRUE;                                                              \
  }

NICK_FUNCS (chc_value_type, ChcValueType, value_type_nicks)
NICK_FUNCS (chc_element_level, ChcElementLevel, level_nicks)
NICK_FUNCS (chc_period_type, ChcPeriodType, period_type_nicks)
NICK_FUNCS (chc_aggregation, ChcAggregation, aggregation_nicks)

#undef NICK_FUNCS

const char *
chc_element_origin_to_nick (ChcElementOrigin origin)
{
  g_return_val_if_fail ((guint) origin < G_N_ELEMENTS (origin_nicks), NULL);
  return origin_nicks[origin];
}

/* ---- validation --------------------------------------------------------- */

gboolean
chc_element_code_is_valid (const char *code)
{
  gsize n;

  if (code == NULL || !g_ascii_islower (code[0]))
    return FALSE;
  n = strlen (code);
  if (n > 64)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_islower (code[i]) && !g_ascii_isdigit (code[i]) && code[i] != '_')
      return FALSE;
  return TRUE;
}

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
chc_element_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

gboolean
chc_element_validate (const ChcElement *element,
                      GError          **error)
{
  g_return_val_if_fail (element != NULL, FALSE);

  if (!chc_element_code_is_valid (element->code))
    return invalid (error, _("“%s” cannot be the code of a data element: use 1 to 64 lower-case "
                             "letters, digits and “_”, beginning with a letter."),
                    element->code != NULL ? element->code : "");
  if (element->name_zh == NULL || !g_utf8_validate (element->name_zh, -1, NULL) ||
      chc_element_blank (element->name_zh) || g_utf8_strlen (element->name_zh, -1) > 100)
    return invalid (error, _("The data element “%s” needs a name of at most 100 characters."),
                    element->code);
  for (const char *p = element->name_zh; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return invalid (error, _("The name of the data element “%s” contains a control character."),
                      element->code);
  if (element->value_type == CHC_VALUE_TYPE_YES_NO &&
      element->aggregation != CHC_AGGREGATION_ANY && element->aggregation != CHC_AGGREGATION_COUNT)
    return invalid (error, _("The yes/no data element “%s” aggregates as “any” or “count”."),
                    element->code);
  if (element->value_type != CHC_VALUE_TYPE_YES_NO &&
      (element->aggregation == CHC_AGGREGATION_ANY || element->aggregation == CHC_AGGREGATION_COUNT))
    return invalid (error, _("Only a yes/no data element aggregates as “any” or “count” (“%s”)."),
                    element->code);
  if ((element->value_type == CHC_VALUE_TYPE_DATE) != (element->period_type == CHC_PERIOD_TYPE_DATED))
    return invalid (error, _("The data element “%s” is a dated state exactly when its value is a date."),
                    element->code);
  if (!isnan (element->min) && !isnan (element->max) && element->min > element->max)
    return invalid (error, _("The lower bound of the data element “%s” is above its upper bound."),
                    element->code);
  if (element->at_most != NULL && g_strcmp0 (element->at_most, element->code) == 0)
    return invalid (error, _("The data element “%s” cannot be bounded by itself."), element->code);
  return TRUE;
}

/* ---- values ------------------------------------------------------------- */

static double
lower_bound (const ChcElement *element)
{
  if (element->value_type == CHC_VALUE_TYPE_YES_NO)
    return 0;
  if (!isnan (element->min))
    return element->min;
  return 0;
}

static double
upper_bound (const ChcElement *element)
{
  if (element->value_type == CHC_VALUE_TYPE_YES_NO)
    return 1;
  if (!isnan (element->max))
    return element->max;
  if (element->value_type == CHC_VALUE_TYPE_PERCENT)
    return 100;
  return MAX_VALUE;
}

char *
chc_element_format_value (const ChcElement *element,
                          double            value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (element != NULL, NULL);

  if (isnan (value))
    return g_strdup ("");
  switch (element->value_type)
    {
    case CHC_VALUE_TYPE_YES_NO:
      return g_strdup (value != 0 ? _("yes") : _("no"));
    case CHC_VALUE_TYPE_INTEGER:
      return g_strdup_printf ("%.0f", value);
    case CHC_VALUE_TYPE_DECIMAL:
    case CHC_VALUE_TYPE_PERCENT:
    case CHC_VALUE_TYPE_DATE:
    default:
      /* the shortest plain decimal that reads back as the same double
       * (never an exponent: people and spreadsheets read it) */
      for (int digits = 0; digits <= 20; digits++)
        {
          char format[8];

          g_snprintf (format, sizeof format, "%%.%df", digits);
          g_ascii_formatd (buffer, sizeof buffer, format, value);
          if (g_ascii_strtod (buffer, NULL) == value)
            return g_strdup (buffer);
        }
      g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);
      return g_strdup (buffer);
    }
}

char *
chc_element_format_display (const ChcElement *element,
                            double            value)
{
  g_autofree char *plain = chc_element_format_value (element, value);
  const char *dot;
  const char *digits = plain;
  g_autoptr(GString) text = NULL;
  gsize n;

  g_return_val_if_fail (element != NULL, NULL);

  if (element->value_type == CHC_VALUE_TYPE_YES_NO || isnan (value))
    return g_steal_pointer (&plain);
  text = g_string_new (NULL);
  if (*digits == '-')
    g_string_append_c (text, *digits++);
  dot = strchr (digits, '.');
  n = dot != NULL ? (gsize) (dot - digits) : strlen (digits);
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, digits[i]);
    }
  if (dot != NULL)
    g_string_append (text, dot);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
chc_element_check_value (const ChcElement *element,
                         double            value,
                         GError          **error)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (element != NULL, FALSE);

  shown = chc_element_format_value (element, value);
  if (!isfinite (value))
    return invalid (error, _("%s: not a number."), chc_element_get_label (element));
  if ((element->value_type == CHC_VALUE_TYPE_INTEGER || element->value_type == CHC_VALUE_TYPE_YES_NO) &&
      value != floor (value))
    return invalid (error, _("%s: %s is not a whole number."), chc_element_get_label (element), shown);
  if (value < lower_bound (element))
    {
      g_autofree char *bound = chc_element_format_value (element, lower_bound (element));

      if (lower_bound (element) == 0)
        return invalid (error, _("%s: %s is negative."), chc_element_get_label (element), shown);
      return invalid (error, _("%s: %s is below its lower bound %s."),
                      chc_element_get_label (element), shown, bound);
    }
  if (value > upper_bound (element))
    {
      g_autofree char *bound = chc_element_format_value (element, upper_bound (element));

      return invalid (error, _("%s: %s is above its upper bound %s."),
                      chc_element_get_label (element), shown, bound);
    }
  return TRUE;
}

/* ---- periods ------------------------------------------------------------ */

gboolean
chc_period_type_of (const char    *canonical,
                    ChcPeriodType *type)
{
  int first, last;

  if (!chc_period_months (canonical, &first, &last))
    return FALSE;
  if (type != NULL)
    *type = first == last ? CHC_PERIOD_TYPE_MONTH
            : last - first == 2 ? CHC_PERIOD_TYPE_QUARTER : CHC_PERIOD_TYPE_YEAR;
  return TRUE;
}

gboolean
chc_period_months (const char *canonical,
                   int        *first,
                   int        *last)
{
  int year;
  gsize n;

  if (canonical == NULL)
    return FALSE;
  n = strlen (canonical);
  if (n < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (canonical[i]))
      return FALSE;
  year = atoi (canonical);
  if (n == 4)
    {
      *first = year * 12;
      *last = year * 12 + 11;
      return TRUE;
    }
  if (n == 6 && canonical[4] == 'Q' && canonical[5] >= '1' && canonical[5] <= '4')
    {
      *first = year * 12 + (canonical[5] - '1') * 3;
      *last = *first + 2;
      return TRUE;
    }
  if (n == 7 && canonical[4] == '-' && g_ascii_isdigit (canonical[5]) && g_ascii_isdigit (canonical[6]))
    {
      int month = (canonical[5] - '0') * 10 + (canonical[6] - '0');

      if (month < 1 || month > 12)
        return FALSE;
      *first = *last = year * 12 + month - 1;
      return TRUE;
    }
  return FALSE;
}

char *
chc_period_to_chinese (const char *canonical)
{
  int first, last;

  if (!chc_period_months (canonical, &first, &last))
    return g_strdup (canonical);
  if (first == last)
    return g_strdup_printf ("%d年%d月", first / 12, first % 12 + 1);
  if (last - first == 2)
    return g_strdup_printf ("%d年第%d季度", first / 12, first % 12 / 3 + 1);
  return g_strdup_printf ("%d年", first / 12);
}

/* ---- declarations ------------------------------------------------------- */

static gboolean
fail_at (GError    **error,
         const char *file_name,
         const char *group,
         const char *key,
         const char *message)
{
  return invalid (error, "%s [%s] %s: %s", file_name, group, key != NULL ? key : "", message);
}

static char *
get_string (GKeyFile   *key_file,
            const char *group,
            const char *key)
{
  char *value = g_key_file_get_string (key_file, group, key, NULL);

  return value != NULL ? g_strstrip (value) : NULL;
}

static gboolean
get_bound (GKeyFile   *key_file,
           const char *group,
           const char *key,
           double     *bound,
           const char *file_name,
           GError    **error)
{
  g_autofree char *text = get_string (key_file, group, key);
  char *end;

  if (text == NULL || *text == '\0')
    return TRUE;
  *bound = g_ascii_strtod (text, &end);
  if (*end != '\0' || !isfinite (*bound))
    return fail_at (error, file_name, group, key, _("not a number."));
  return TRUE;
}

#define GET_ENUM(key, prefix, field, fallback)                                       \
  G_STMT_START {                                                                     \
    g_autofree char *text_ = get_string (key_file, group, key);                      \
    if (text_ == NULL)                                                               \
      element->field = fallback;                                                     \
    else if (!prefix##_from_nick (text_, &element->field))                           \
      {                                                                              \
        fail_at (error, file_name, group, key, _("not one of the values it takes.")); \
        return NULL;                                                                 \
      }                                                                              \
  } G_STMT_END

static ChcElement *
parse_element (GKeyFile   *key_file,
               const char *group,
               const char *file_name,
               GError    **error)
{
  g_autoptr(ChcElement) element = NULL;
  g_autofree char *name_zh = get_string (key_file, group, "name_zh");
  g_autofree char *aliases = NULL;
  char *text;

  if (name_zh == NULL)
    {
      fail_at (error, file_name, group, "name_zh", _("the key is missing."));
      return NULL;
    }
  element = chc_element_new (group + strlen (ELEMENT_PREFIX), name_zh);
  if ((text = get_string (key_file, group, "name_en")) != NULL)
    g_free (element->name_en), element->name_en = text;
  if ((text = get_string (key_file, group, "unit")) != NULL)
    g_free (element->unit), element->unit = text;
  if ((text = get_string (key_file, group, "description")) != NULL)
    g_free (element->description), element->description = text;
  element->at_most = get_string (key_file, group, "at_most");
  element->family = get_string (key_file, group, "family");
  element->column = get_string (key_file, group, "column");
  if (element->family != NULL && element->column == NULL)
    element->column = g_strdup (element->code);
  if (element->at_most != NULL && *element->at_most == '\0')
    g_clear_pointer (&element->at_most, g_free);
  if (element->family != NULL && *element->family == '\0')
    g_clear_pointer (&element->family, g_free);
  element->required = g_key_file_get_boolean (key_file, group, "required", NULL);
  {
    g_autofree char *missing = get_string (key_file, group, "missing");

    if (missing != NULL && !g_str_equal (missing, "zero") && !g_str_equal (missing, "not-reported"))
      {
        fail_at (error, file_name, group, "missing", _("not one of the values it takes."));
        return NULL;
      }
    element->missing_is_zero = g_strcmp0 (missing, "zero") == 0;
    if (element->missing_is_zero && (element->required || element->family == NULL))
      {
        fail_at (error, file_name, group, "missing",
                 _("only an optional figure of a family row may count as 0 when it is not given."));
        return NULL;
      }
  }

  GET_ENUM ("value_type", chc_value_type, value_type, CHC_VALUE_TYPE_INTEGER);
  GET_ENUM ("level", chc_element_level, level, CHC_ELEMENT_LEVEL_CENTRE);
  GET_ENUM ("period_type", chc_period_type, period_type, CHC_PERIOD_TYPE_MONTH);
  GET_ENUM ("aggregation", chc_aggregation, aggregation,
            element->value_type == CHC_VALUE_TYPE_YES_NO ? CHC_AGGREGATION_COUNT : CHC_AGGREGATION_SUM);

  element->min = element->value_type == CHC_VALUE_TYPE_YES_NO ? NAN : 0;
  element->max = NAN;
  if (!get_bound (key_file, group, "min", &element->min, file_name, error) ||
      !get_bound (key_file, group, "max", &element->max, file_name, error))
    return NULL;

  aliases = get_string (key_file, group, "aliases");
  if (aliases != NULL && *aliases != '\0')
    {
      g_strfreev (element->aliases);
      element->aliases = g_strsplit (aliases, "|", -1);
      for (char **a = element->aliases; *a != NULL; a++)
        g_strstrip (*a);
    }
  element->origin = CHC_ELEMENT_ORIGIN_BUILT_IN;
  if (!chc_element_validate (element, error))
    {
      g_prefix_error (error, "%s [%s]: ", file_name, group);
      return NULL;
    }
  return g_steal_pointer (&element);
}

#undef GET_ENUM

GPtrArray *
chc_elements_parse (const char  *data,
                    gsize        length,
                    const char  *file_name,
                    GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_element_unref);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) groups = NULL;

  if (!g_key_file_load_from_data (key_file, data, length, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", file_name);
      return NULL;
    }
  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      ChcElement *element;

      if (g_str_has_prefix (groups[i], "dataset "))
        continue;   /* a data set: chc_datasets_parse() */
      if (!g_str_has_prefix (groups[i], ELEMENT_PREFIX))
        {
          fail_at (error, file_name, groups[i], NULL, _("not an element group."));
          return NULL;
        }
      element = parse_element (key_file, groups[i], file_name, error);
      if (element == NULL)
        return NULL;
      if (!g_hash_table_add (codes, element->code))
        {
          chc_element_unref (element);
          fail_at (error, file_name, groups[i], NULL, _("declared twice."));
          return NULL;
        }
      g_ptr_array_add (elements, element);
    }
  /* a bound names an element of the same file */
  for (guint i = 0; i < elements->len; i++)
    {
      ChcElement *element = g_ptr_array_index (elements, i);

      if (element->at_most != NULL && !g_hash_table_contains (codes, element->at_most))
        {
          g_autofree char *group = g_strconcat (ELEMENT_PREFIX, element->code, NULL);

          fail_at (error, file_name, group, "at_most", _("no such element."));
          return NULL;
        }
    }
  return g_steal_pointer (&elements);
}

/* data/elements.ini, from the library's resource (it is part of the
 * program: not finding it is a broken build). */
static GBytes *
builtin_data (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resources_lookup_data (BUILTIN_RESOURCE, 0, &error);

  if (bytes == NULL)
    g_error ("The built-in data elements cannot be read: %s", error->message);
  return bytes;
}

GPtrArray *
chc_elements_get_builtin (void)
{
  static GPtrArray *builtin;

  if (g_once_init_enter (&builtin))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = builtin_data ();
      GPtrArray *parsed = chc_elements_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                              "elements.ini", &error);

      if (parsed == NULL)
        g_error ("The built-in data elements cannot be read: %s", error->message);
      g_once_init_leave (&builtin, parsed);
    }
  return builtin;
}

ChcElement *
chc_elements_find_builtin (const char *code)
{
  GPtrArray *builtin = chc_elements_get_builtin ();

  if (code == NULL)
    return NULL;
  for (guint i = 0; i < builtin->len; i++)
    {
      ChcElement *element = g_ptr_array_index (builtin, i);

      if (g_str_equal (element->code, code))
        return element;
    }
  return NULL;
}

GPtrArray *
chc_elements_list_family (const char *family)
{
  GPtrArray *builtin = chc_elements_get_builtin ();
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_element_unref);

  for (guint i = 0; i < builtin->len; i++)
    {
      ChcElement *element = g_ptr_array_index (builtin, i);

      if (g_strcmp0 (element->family, family) == 0)
        g_ptr_array_add (list, chc_element_ref (element));
    }
  return list;
}

/* ---- data sets ------------------------------------------------------------ */

#define DATASET_PREFIX "dataset "

G_DEFINE_BOXED_TYPE (ChcDataSet, chc_data_set, chc_data_set_ref, chc_data_set_unref)

ChcDataSet *
chc_data_set_new (const char    *code,
                  const char    *name_zh,
                  ChcPeriodType  period_type)
{
  ChcDataSet *self = g_atomic_rc_box_new0 (ChcDataSet);

  self->code = g_strdup (code);
  self->name_zh = g_strdup (name_zh);
  self->name_en = g_strdup ("");
  self->period_type = period_type;
  self->elements = g_new0 (char *, 1);
  self->origin = CHC_ELEMENT_ORIGIN_BUILT_IN;
  self->due_day = period_type == CHC_PERIOD_TYPE_YEAR ? 31 : period_type == CHC_PERIOD_TYPE_QUARTER ? 10 : 5;
  self->due_months = 1;
  self->reported_by = g_strsplit ("centre,branch", ",", -1);
  return self;
}

ChcDataSet *
chc_data_set_ref (ChcDataSet *data_set)
{
  g_return_val_if_fail (data_set != NULL, NULL);
  return g_atomic_rc_box_acquire (data_set);
}

static void
data_set_clear (ChcDataSet *data_set)
{
  g_free (data_set->code);
  g_free (data_set->name_zh);
  g_free (data_set->name_en);
  g_strfreev (data_set->elements);
  g_free (data_set->family);
  g_strfreev (data_set->reported_by);
}

void
chc_data_set_unref (ChcDataSet *data_set)
{
  g_return_if_fail (data_set != NULL);
  g_atomic_rc_box_release_full (data_set, (GDestroyNotify) data_set_clear);
}

const char *
chc_data_set_get_label (const ChcDataSet *data_set)
{
  g_return_val_if_fail (data_set != NULL, NULL);
  if (!interface_is_chinese () && data_set->name_en != NULL && *data_set->name_en != '\0')
    return data_set->name_en;
  return data_set->name_zh;
}

/* Whether the entry grid enters @element (a family's element has its own
 * form; a dated state is not a figure of a period). */
static gboolean
entered_in_grid (const ChcElement *element)
{
  return element->family == NULL && element->value_type != CHC_VALUE_TYPE_DATE;
}

static ChcElement *
find_in (GPtrArray  *elements,
         const char *code)
{
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    {
      ChcElement *element = g_ptr_array_index (elements, i);

      if (g_str_equal (element->code, code))
        return element;
    }
  return NULL;
}

/* An optional whole number of a data set group between @min and @max. */
static gboolean
get_due (GKeyFile    *key_file,
         const char  *group,
         const char  *file_name,
         const char  *key,
         int          min,
         int          max,
         int         *out,
         GError     **error)
{
  g_autofree char *text = get_string (key_file, group, key);
  gint64 value;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, min, max, &value, NULL))
    {
      fail_at (error, file_name, group, key, _("not one of the values it takes."));
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

static ChcDataSet *
parse_data_set (GKeyFile   *key_file,
                const char *group,
                const char *file_name,
                GPtrArray  *elements,
                GError    **error)
{
  g_autoptr(ChcDataSet) data_set = NULL;
  g_autofree char *name_zh = get_string (key_file, group, "name_zh");
  g_autofree char *period = get_string (key_file, group, "period_type");
  g_auto(GStrv) codes = NULL;
  const char *code = group + strlen (DATASET_PREFIX);
  ChcPeriodType period_type;
  char *text;
  gsize n = 0;

  if (!chc_element_code_is_valid (code))
    {
      fail_at (error, file_name, group, NULL, _("not a valid code."));
      return NULL;
    }
  if (name_zh == NULL || *name_zh == '\0')
    {
      fail_at (error, file_name, group, "name_zh", _("the key is missing."));
      return NULL;
    }
  if (period == NULL || !chc_period_type_from_nick (period, &period_type) ||
      period_type == CHC_PERIOD_TYPE_DATED)
    {
      fail_at (error, file_name, group, "period_type", _("not one of the values it takes."));
      return NULL;
    }
  data_set = chc_data_set_new (code, name_zh, period_type);
  if ((text = get_string (key_file, group, "name_en")) != NULL)
    g_free (data_set->name_en), data_set->name_en = text;

  data_set->family = get_string (key_file, group, "family");
  if (!get_due (key_file, group, file_name, "due_day", 1, 31, &data_set->due_day, error) ||
      !get_due (key_file, group, file_name, "due_months", 0, 12, &data_set->due_months, error))
    return NULL;
  if (g_key_file_has_key (key_file, group, "reported_by", NULL))
    {
      g_auto(GStrv) types = g_key_file_get_string_list (key_file, group, "reported_by", NULL, NULL);
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

      for (guint i = 0; types != NULL && types[i] != NULL; i++)
        {
          ChcFacilityType type;

          g_strstrip (types[i]);
          if (!chc_facility_type_from_nick (types[i], &type))
            {
              fail_at (error, file_name, group, "reported_by", _("not one of the values it takes."));
              return NULL;
            }
          g_strv_builder_add (kept, types[i]);
        }
      g_strfreev (data_set->reported_by);
      data_set->reported_by = g_strv_builder_end (kept);
    }

  codes = g_key_file_get_string_list (key_file, group, "elements", &n, NULL);
  if (codes == NULL || n == 0)
    {
      fail_at (error, file_name, group, "elements", _("the key is missing."));
      return NULL;
    }
  for (gsize i = 0; i < n; i++)
    {
      ChcElement *element;

      g_strstrip (codes[i]);
      element = find_in (elements, codes[i]);
      if (element == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("no such element: “%s”."), codes[i]);
          fail_at (error, file_name, group, "elements", message);
          return NULL;
        }
      if (element->period_type != period_type || element->value_type == CHC_VALUE_TYPE_DATE ||
          g_strcmp0 (element->family, data_set->family) != 0)
        {
          g_autofree char *message =
            g_strdup_printf (data_set->family != NULL
                             ? _("“%s” is not an element of this period type and family.")
                             : _("“%s” is not an element of this period type entered in the grid."),
                             codes[i]);
          fail_at (error, file_name, group, "elements", message);
          return NULL;
        }
      for (gsize k = 0; k < i; k++)
        if (g_str_equal (codes[k], codes[i]))
          {
            g_autofree char *message = g_strdup_printf (_("“%s” is listed twice."), codes[i]);
            fail_at (error, file_name, group, "elements", message);
            return NULL;
          }
    }
  g_strfreev (data_set->elements);
  data_set->elements = g_steal_pointer (&codes);
  return g_steal_pointer (&data_set);
}

GPtrArray *
chc_datasets_parse (const char  *data,
                    gsize        length,
                    const char  *file_name,
                    GPtrArray   *elements,
                    GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GPtrArray) data_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_data_set_unref);
  g_auto(GStrv) groups = NULL;

  if (!g_key_file_load_from_data (key_file, data, length, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", file_name);
      return NULL;
    }
  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      ChcDataSet *data_set;

      if (!g_str_has_prefix (groups[i], DATASET_PREFIX))
        continue;
      data_set = parse_data_set (key_file, groups[i], file_name, elements, error);
      if (data_set == NULL)
        return NULL;
      for (guint e = 0; data_set->elements[e] != NULL; e++)
        if (chc_datasets_find_for_element (data_sets, data_set->elements[e]) != NULL)
          {
            g_autofree char *message = g_strdup_printf (_("“%s” is in another data set already."),
                                                        data_set->elements[e]);

            chc_data_set_unref (data_set);
            fail_at (error, file_name, groups[i], "elements", message);
            return NULL;
          }
      for (guint k = 0; k < data_sets->len; k++)
        if (g_str_equal (((ChcDataSet *) g_ptr_array_index (data_sets, k))->code, data_set->code))
          {
            chc_data_set_unref (data_set);
            fail_at (error, file_name, groups[i], NULL, _("declared twice."));
            return NULL;
          }
      g_ptr_array_add (data_sets, data_set);
    }
  return g_steal_pointer (&data_sets);
}

GPtrArray *
chc_datasets_get_builtin (void)
{
  static GPtrArray *builtin;

  if (g_once_init_enter (&builtin))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = builtin_data ();
      GPtrArray *parsed = chc_datasets_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                              "elements.ini", chc_elements_get_builtin (), &error);

      if (parsed == NULL)
        g_error ("The built-in data sets cannot be read: %s", error->message);
      g_once_init_leave (&builtin, parsed);
    }
  return builtin;
}

GPtrArray *
chc_datasets_list (GPtrArray *elements)
{
  static const struct {
    ChcPeriodType  type;
    const char    *code;
    const char    *name_zh;
    const char    *name_en;
  } derived[] = {
    { CHC_PERIOD_TYPE_MONTH, "custom_month", "自定义数据项（月报）", "Own data elements (monthly)" },
    { CHC_PERIOD_TYPE_QUARTER, "custom_quarter", "自定义数据项（季报）", "Own data elements (quarterly)" },
    { CHC_PERIOD_TYPE_YEAR, "custom_year", "自定义数据项（年报）", "Own data elements (yearly)" },
  };
  GPtrArray *builtin = chc_datasets_get_builtin ();
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_data_set_unref);

  for (guint i = 0; i < builtin->len; i++)
    g_ptr_array_add (list, chc_data_set_ref (g_ptr_array_index (builtin, i)));
  for (guint d = 0; d < G_N_ELEMENTS (derived); d++)
    {
      g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
      ChcDataSet *data_set;
      guint n = 0;

      for (guint i = 0; elements != NULL && i < elements->len; i++)
        {
          ChcElement *element = g_ptr_array_index (elements, i);

          if (element->origin == CHC_ELEMENT_ORIGIN_USER && entered_in_grid (element) &&
              element->period_type == derived[d].type)
            {
              g_strv_builder_add (codes, element->code);
              n++;
            }
        }
      if (n == 0)
        continue;
      data_set = chc_data_set_new (derived[d].code, derived[d].name_zh, derived[d].type);
      g_free (data_set->name_en);
      data_set->name_en = g_strdup (derived[d].name_en);
      g_strfreev (data_set->elements);
      data_set->elements = g_strv_builder_end (codes);
      data_set->origin = CHC_ELEMENT_ORIGIN_USER;
      g_ptr_array_add (list, data_set);
    }
  return list;
}

ChcDataSet *
chc_datasets_find (GPtrArray  *data_sets,
                   const char *code)
{
  for (guint i = 0; data_sets != NULL && code != NULL && i < data_sets->len; i++)
    {
      ChcDataSet *data_set = g_ptr_array_index (data_sets, i);

      if (g_str_equal (data_set->code, code))
        return data_set;
    }
  return NULL;
}

ChcDataSet *
chc_datasets_find_for_element (GPtrArray  *data_sets,
                               const char *element)
{
  for (guint i = 0; data_sets != NULL && element != NULL && i < data_sets->len; i++)
    {
      ChcDataSet *data_set = g_ptr_array_index (data_sets, i);

      if (g_strv_contains ((const char *const *) data_set->elements, element))
        return data_set;
    }
  return NULL;
}

const char *
chc_element_code_get_label (const char *code)
{
  ChcElement *element = chc_elements_find_builtin (code);
  ChcDataSet *data_set;

  if (element != NULL)
    return chc_element_get_label (element);
  data_set = chc_datasets_find (chc_datasets_get_builtin (), code);
  return data_set != NULL ? chc_data_set_get_label (data_set) : NULL;
}

gboolean
chc_data_set_in_grid (const ChcDataSet *data_set)
{
  g_return_val_if_fail (data_set != NULL, FALSE);
  return data_set->family == NULL;
}

gboolean
chc_data_set_is_reported (const ChcDataSet *data_set)
{
  g_return_val_if_fail (data_set != NULL, FALSE);
  return data_set->reported_by != NULL && data_set->reported_by[0] != NULL;
}

char *
chc_period_previous (const char *canonical)
{
  ChcPeriodType type;
  int first, last;

  if (!chc_period_type_of (canonical, &type) || !chc_period_months (canonical, &first, &last))
    return NULL;
  switch (type)
    {
    case CHC_PERIOD_TYPE_MONTH:
      first -= 1;
      return g_strdup_printf ("%04d-%02d", first / 12, first % 12 + 1);
    case CHC_PERIOD_TYPE_QUARTER:
      first -= 3;
      return g_strdup_printf ("%04dQ%d", first / 12, first % 12 / 3 + 1);
    case CHC_PERIOD_TYPE_YEAR:
      return g_strdup_printf ("%04d", first / 12 - 1);
    case CHC_PERIOD_TYPE_DATED:
    default:
      return NULL;
    }
}

char *
chc_element_warn_change (const ChcElement *element,
                         double            previous,
                         double            value)
{
  g_autofree char *shown = NULL;
  g_autofree char *before = NULL;

  g_return_val_if_fail (element != NULL, NULL);

  if (element->value_type == CHC_VALUE_TYPE_YES_NO || element->value_type == CHC_VALUE_TYPE_DATE ||
      isnan (previous) || isnan (value) || previous <= 0 || fabs (value - previous) <= 10)
    return NULL;
  shown = chc_element_format_value (element, value);
  before = chc_element_format_value (element, previous);
  if (value > 2 * previous)
    return g_strdup_printf (_("%s: %s is more than twice the period before (%s)."),
                            chc_element_get_label (element), shown, before);
  if (value < previous / 2)
    return g_strdup_printf (_("%s: %s is less than half the period before (%s)."),
                            chc_element_get_label (element), shown, before);
  return NULL;
}

/* ---- service capabilities --------------------------------------------- */

static GPtrArray *
capability_family (void)
{
  static GPtrArray *family;

  if (g_once_init_enter (&family))
    g_once_init_leave (&family, chc_elements_list_family ("capability"));
  return family;
}

ChcElement *
chc_capability_kind_get_element (ChcCapabilityKind kind)
{
  GPtrArray *family = capability_family ();
  const char *nick = chc_capability_kind_to_nick (kind);

  for (guint i = 0; nick != NULL && i < family->len; i++)
    {
      ChcElement *element = g_ptr_array_index (family, i);

      if (g_str_equal (element->code, nick))
        return element;
    }
  g_return_val_if_reached (NULL);
}

const char *
chc_capability_kind_get_label (ChcCapabilityKind kind)
{
  ChcElement *element = chc_capability_kind_get_element (kind);

  return element != NULL ? chc_element_get_label (element) : "";
}

GPtrArray *
chc_capability_list_kinds (void)
{
  return capability_family ();
}

const char *
chc_capability_code_get_label (const char *code)
{
  GPtrArray *family = capability_family ();

  for (guint i = 0; code != NULL && i < family->len; i++)
    if (g_str_equal (((ChcElement *) g_ptr_array_index (family, i))->code, code))
      return chc_element_get_label (g_ptr_array_index (family, i));
  return NULL;
}

int
chc_capability_code_get_position (const char *code)
{
  GPtrArray *family = capability_family ();

  for (guint i = 0; code != NULL && i < family->len; i++)
    if (g_str_equal (((ChcElement *) g_ptr_array_index (family, i))->code, code))
      return (int) i;
  return -1;
}

gboolean
chc_capability_kind_is_declared (const char *code)
{
  GPtrArray *family = capability_family ();

  for (guint i = 0; code != NULL && i < family->len; i++)
    if (g_str_equal (((ChcElement *) g_ptr_array_index (family, i))->code, code))
      return TRUE;
  return FALSE;
}
