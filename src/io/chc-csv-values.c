/* chc-csv-values.c — periods, dates, numbers and yes/no as written in the
 * centres' files.  Plain ASCII cells (the common case, a million times per
 * file) take a fast path without allocation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-csv"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-csv-values.h"
#include "core/chc-date.h"
#include "core/chc-validate.h"

#define MIN_YEAR 1900
#define MAX_YEAR 2100
/* Longer cells are not a value of any kind below. */
#define MAX_VALUE_LENGTH 64

char *
chc_csv_quote_value (const char *text)
{
  g_autofree char *cut = NULL;

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup ("“?”");
  if (g_utf8_strlen (text, 41) > 40)
    {
      cut = g_utf8_substring (text, 0, 40);
      return g_strdup_printf ("“%s…”", cut);
    }
  return g_strdup_printf ("“%s”", text);
}

char *
chc_csv_strip (const char *text)
{
  const char *start;
  const char *end;

  if (text == NULL)
    return g_strdup ("");

  start = text;
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

gboolean
chc_csv_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  if ((guchar) text[0] < 0x80 && text[0] != '\0' && !g_ascii_isspace (text[0]))
    return FALSE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

char *
chc_csv_fold (const char *text)
{
  g_autofree char *normalized = NULL;
  g_autofree char *folded = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  if (normalized == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (normalized, -1);
  return chc_csv_strip (folded);
}

static gboolean
is_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar) *text >= 0x80)
      return FALSE;
  return TRUE;
}

/* Copies @text into @buffer, ASCII and without surrounding spaces
 * (full-width digits and punctuation folded); FALSE when it does not fit
 * or is not valid UTF-8. */
static gboolean
ascii_value (const char *text,
             char        buffer[MAX_VALUE_LENGTH + 1])
{
  g_autofree char *folded = NULL;
  const char *start;
  gsize length;

  if (text == NULL)
    return FALSE;
  if (!is_ascii (text))
    {
      if (strlen (text) > MAX_VALUE_LENGTH * 3)
        return FALSE;
      folded = chc_csv_fold (text);
      text = folded;
    }
  start = text;
  while (*start == ' ' || *start == '\t' || *start == '\r' || *start == '\n')
    start++;
  length = strlen (start);
  while (length > 0 && (start[length - 1] == ' ' || start[length - 1] == '\t' ||
                        start[length - 1] == '\r' || start[length - 1] == '\n'))
    length--;
  if (length > MAX_VALUE_LENGTH)
    return FALSE;
  memcpy (buffer, start, length);
  buffer[length] = '\0';
  return TRUE;
}

/* ---- numbers ---------------------------------------------------------- */

typedef enum
{
  NUMBER_OK,
  NUMBER_INVALID,
  NUMBER_NEGATIVE,
  NUMBER_FRACTION,
  NUMBER_SEPARATORS,
  NUMBER_TOO_LARGE,
} NumberStatus;

/* Scans [-+]digits-with-thousands-separators[.digits]; @whole receives the
 * integer part, @digits (optional) the plain digits with the fraction. */
static NumberStatus
scan_number (const char *s,
             gboolean    allow_fraction,
             gint64     *whole,
             char        digits[MAX_VALUE_LENGTH + 1])
{
  gboolean negative = FALSE;
  gboolean has_comma = FALSE;
  gboolean nonzero_fraction = FALSE;
  guint group = 0;
  guint n_int = 0;
  guint n_out = 0;
  gint64 value = 0;

  if (*s == '-' || *s == '+')
    {
      negative = (*s == '-');
      s++;
    }
  if (!g_ascii_isdigit (*s))
    return NUMBER_INVALID;

  for (; *s != '\0' && *s != '.'; s++)
    {
      if (g_ascii_isdigit (*s))
        {
          if (n_int >= 15)
            return NUMBER_TOO_LARGE;
          value = value * 10 + (*s - '0');
          n_int++;
          group++;
          if (has_comma && group > 3)
            return NUMBER_SEPARATORS;
          if (digits != NULL)
            digits[n_out++] = *s;
        }
      else if (*s == ',')
        {
          if ((has_comma && group != 3) || (!has_comma && (group == 0 || group > 3)))
            return NUMBER_SEPARATORS;
          if (!g_ascii_isdigit (s[1]))
            return NUMBER_SEPARATORS;
          has_comma = TRUE;
          group = 0;
        }
      else
        return NUMBER_INVALID;
    }
  if (has_comma && group != 3)
    return NUMBER_SEPARATORS;

  if (*s == '.')
    {
      s++;
      if (!g_ascii_isdigit (*s))
        return NUMBER_INVALID;
      if (digits != NULL)
        digits[n_out++] = '.';
      for (; *s != '\0'; s++)
        {
          if (!g_ascii_isdigit (*s))
            return NUMBER_INVALID;
          if (*s != '0')
            nonzero_fraction = TRUE;
          if (digits != NULL && n_out < MAX_VALUE_LENGTH)
            digits[n_out++] = *s;
        }
    }
  if (digits != NULL)
    digits[n_out] = '\0';

  if (negative && (value != 0 || nonzero_fraction))
    return NUMBER_NEGATIVE;
  if (nonzero_fraction && !allow_fraction)
    return NUMBER_FRACTION;
  *whole = value;
  return NUMBER_OK;
}

static void
set_number_error (GError       **error,
                  NumberStatus   status,
                  const char    *text,
                  gboolean       whole)
{
  g_autofree char *quoted = chc_csv_quote_value (text);

  switch (status)
    {
    case NUMBER_NEGATIVE:
      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   _("%s is negative; it must be 0 or more."), quoted);
      break;
    case NUMBER_FRACTION:
      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   _("%s has a fraction; it must be a whole number."), quoted);
      break;
    case NUMBER_SEPARATORS:
      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   _("%s: the thousands separators are misplaced (write 1,234 or 1234)."), quoted);
      break;
    case NUMBER_TOO_LARGE:
      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   _("%s is too large."), quoted);
      break;
    case NUMBER_OK:
    case NUMBER_INVALID:
    default:
      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   whole ? _("%s is not a whole number.") : _("%s is not a number."),
                   quoted);
      break;
    }
}

gboolean
chc_csv_parse_count (const char  *text,
                     gint64      *value,
                     GError     **error)
{
  char buffer[MAX_VALUE_LENGTH + 1];
  NumberStatus status = NUMBER_INVALID;
  gint64 whole = 0;

  g_return_val_if_fail (value != NULL, FALSE);

  if (ascii_value (text, buffer))
    status = scan_number (buffer, FALSE, &whole, NULL);
  if (status != NUMBER_OK)
    {
      set_number_error (error, status, text, TRUE);
      return FALSE;
    }
  *value = whole;
  return TRUE;
}

gboolean
chc_csv_parse_number (const char  *text,
                      double      *value,
                      GError     **error)
{
  char buffer[MAX_VALUE_LENGTH + 1];
  char digits[MAX_VALUE_LENGTH + 1];
  NumberStatus status = NUMBER_INVALID;
  gint64 whole = 0;

  g_return_val_if_fail (value != NULL, FALSE);

  if (ascii_value (text, buffer))
    status = scan_number (buffer, TRUE, &whole, digits);
  if (status != NUMBER_OK)
    {
      set_number_error (error, status, text, FALSE);
      return FALSE;
    }
  *value = g_ascii_strtod (digits, NULL);
  return TRUE;
}

/* ---- periods and dates -------------------------------------------------- */

/* Splits @s into runs of digits and the separators between them. */
typedef struct
{
  guint       n;
  int         value[4];
  guint       length[4];
  const char *start[4];
  const char *after[4];   /* the text after each run */
} DigitRuns;

static gboolean
split_runs (const char *s,
            DigitRuns  *runs)
{
  memset (runs, 0, sizeof *runs);
  while (*s != '\0')
    {
      if (g_ascii_isdigit (*s))
        {
          if (runs->n == G_N_ELEMENTS (runs->value))
            return FALSE;
          runs->start[runs->n] = s;
          while (g_ascii_isdigit (*s))
            {
              if (runs->length[runs->n] >= 8)
                return FALSE;
              runs->value[runs->n] = runs->value[runs->n] * 10 + (*s - '0');
              runs->length[runs->n]++;
              s++;
            }
          runs->after[runs->n] = s;
          runs->n++;
        }
      else
        s++;
    }
  return TRUE;
}

static gboolean
scan_period (const char *s,
             int        *year,
             int        *month)
{
  DigitRuns runs;
  const char *sep;
  const char *tail;
  gsize sep_length;

  if (!split_runs (s, &runs) || runs.n == 0 || runs.start[0] != s)
    return FALSE;

  if (runs.n == 1)
    {
      if (runs.length[0] != 6 || *runs.after[0] != '\0')
        return FALSE;
      *year = runs.value[0] / 100;
      *month = runs.value[0] % 100;
      return TRUE;
    }

  if (runs.n != 2 || runs.length[0] != 4 || runs.length[1] > 2)
    return FALSE;

  sep = runs.after[0];
  sep_length = runs.start[1] - sep;
  tail = runs.after[1];
  if (sep_length == 1 && (*sep == '-' || *sep == '/' || *sep == '.'))
    {
      if (*tail != '\0')
        return FALSE;
    }
  else if (sep_length == strlen ("年") && strncmp (sep, "年", sep_length) == 0)
    {
      if (*tail != '\0' && strcmp (tail, "月") != 0)
        return FALSE;
    }
  else
    return FALSE;

  *year = runs.value[0];
  *month = runs.value[1];
  return TRUE;
}

static void
remove_spaces (char *s)
{
  char *out = s;

  for (; *s != '\0'; s++)
    if (*s != ' ' && *s != '\t')
      *out++ = *s;
  *out = '\0';
}

gboolean
chc_csv_parse_month (const char  *text,
                     int         *year,
                     int         *month,
                     GError     **error)
{
  char buffer[MAX_VALUE_LENGTH + 1];
  gboolean scanned = FALSE;

  if (ascii_value (text, buffer))
    {
      remove_spaces (buffer);
      scanned = scan_period (buffer, year, month);
      if (!scanned)
        {
          /* A date: only the first day of a month stands for the month. */
          GDate date;

          if (chc_date_parse (buffer, &date, NULL))
            {
              if (g_date_get_day (&date) != 1)
                {
                  g_autofree char *quoted = chc_csv_quote_value (text);

                  g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                               _("%s is a day, not a month; write the month as 2024-03 or 2024年3月."),
                               quoted);
                  return FALSE;
                }
              *year = g_date_get_year (&date);
              *month = g_date_get_month (&date);
              scanned = TRUE;
            }
        }
    }

  if (scanned && *month >= 1 && *month <= 12 && (*year < MIN_YEAR || *year > MAX_YEAR))
    {
      g_autofree char *quoted = chc_csv_quote_value (text);

      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   _("%s is outside the years %d–%d that CHC Monitor records."),
                   quoted, MIN_YEAR, MAX_YEAR);
      return FALSE;
    }
  if (!scanned || *year < MIN_YEAR || *year > MAX_YEAR || *month < 1 || *month > 12)
    {
      g_autofree char *quoted = chc_csv_quote_value (text);

      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   _("%s is not a month; write it as 2024-03, 202403, 2024/03 or 2024年3月."),
                   quoted);
      return FALSE;
    }
  return TRUE;
}

char *
chc_csv_parse_period (const char  *text,
                      GError     **error)
{
  int year = 0;
  int month = 0;

  if (!chc_csv_parse_month (text, &year, &month, error))
    return NULL;
  return g_strdup_printf ("%04d-%02d", year, month);
}

char *
chc_csv_parse_date (const char  *text,
                    GError     **error)
{
  char buffer[MAX_VALUE_LENGTH + 1];
  g_autoptr(GError) local_error = NULL;
  char *date;

  if (!ascii_value (text, buffer))
    {
      g_autofree char *quoted = chc_csv_quote_value (text);

      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   _("%s is not a date; write it as 2024-03-15, 2024/3/15 or 2024年3月15日."),
                   quoted);
      return NULL;
    }

  date = chc_date_normalize (text, &local_error);
  if (date == NULL)
    g_set_error_literal (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                         local_error->message);
  return date;
}

/* ---- yes/no, years ---------------------------------------------------- */

gboolean
chc_csv_parse_boolean (const char  *text,
                       gboolean    *value,
                       GError     **error)
{
  static const char *const yes[] = { "是", "有", "√", "✓", "yes", "y", "true", "1" };
  static const char *const no[] = { "否", "无", "×", "no", "n", "false", "0" };
  g_autofree char *folded = NULL;
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (value != NULL, FALSE);

  if (text != NULL && strlen (text) <= MAX_VALUE_LENGTH)
    {
      folded = chc_csv_fold (text);
      for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
        if (g_str_equal (folded, yes[i]))
          {
            *value = TRUE;
            return TRUE;
          }
      for (guint i = 0; i < G_N_ELEMENTS (no); i++)
        if (g_str_equal (folded, no[i]))
          {
            *value = FALSE;
            return TRUE;
          }
    }

  quoted = chc_csv_quote_value (text);
  g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
               _("%s is not yes or no; write 是 or 否, yes or no, 1 or 0."), quoted);
  return FALSE;
}

gboolean
chc_csv_parse_year (const char  *text,
                    int         *year,
                    GError     **error)
{
  char buffer[MAX_VALUE_LENGTH + 1];
  DigitRuns runs;

  g_return_val_if_fail (year != NULL, FALSE);

  if (ascii_value (text, buffer) && split_runs (buffer, &runs) &&
      runs.n == 1 && runs.length[0] == 4 && runs.start[0] == buffer &&
      (*runs.after[0] == '\0' || g_str_equal (runs.after[0], "年")) &&
      runs.value[0] >= MIN_YEAR && runs.value[0] <= MAX_YEAR)
    {
      *year = runs.value[0];
      return TRUE;
    }

  {
    g_autofree char *quoted = chc_csv_quote_value (text);

    g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                 _("%s is not a year between %d and %d."), quoted, MIN_YEAR, MAX_YEAR);
  }
  return FALSE;
}

/* ---- enumerations ------------------------------------------------------- */

typedef struct
{
  int         value;
  const char *chinese;   /* "|"-separated; the first is written by export */
} EnumNames;

static const EnumNames facility_type_names[] = {
  { CHC_FACILITY_CENTRE, "社区卫生服务中心|中心" },
  { CHC_FACILITY_BRANCH, "分中心|社区卫生服务分中心" },
  { CHC_FACILITY_STATION, "社区卫生服务站|服务站|卫生站" },
  { CHC_FACILITY_VILLAGE_CLINIC, "村卫生室|卫生室" },
  { CHC_FACILITY_HOSPITAL, "医院|二级及以上医疗机构|二级以上医疗机构" },
};

static const EnumNames facility_status_names[] = {
  { CHC_FACILITY_OPERATING, "运行|运营|在用|正常" },
  { CHC_FACILITY_PLANNED, "筹建|规划|拟建" },
  { CHC_FACILITY_CLOSED, "关闭|停用|撤销" },
};

static const EnumNames project_kind_names[] = {
  { CHC_PROJECT_NEW_BUILD, "新建" },
  { CHC_PROJECT_RELOCATION, "迁建" },
  { CHC_PROJECT_RENOVATION, "改扩建|改建|扩建" },
  { CHC_PROJECT_STANDARDIZATION, "标准化建设|标准化改造|标准化" },
  { CHC_PROJECT_OPENING, "开办" },
  { CHC_PROJECT_FEASIBILITY_STUDY, "可行性研究|可研" },
  { CHC_PROJECT_TCM_ITINERANT, "中医巡诊点|巡诊点" },
};

static gboolean
parse_enum (const char       *text,
            GType             enum_type,
            const char     *(*to_label) (int value),
            const EnumNames  *names,
            guint             n_names,
            int              *value)
{
  g_autofree char *folded = NULL;

  if (text == NULL || strlen (text) > 4 * MAX_VALUE_LENGTH)
    return FALSE;
  folded = chc_csv_fold (text);

  for (guint i = 0; i < n_names; i++)
    {
      g_auto(GStrv) chinese = g_strsplit (names[i].chinese, "|", -1);
      g_autofree char *label = chc_csv_fold (to_label (names[i].value));
      g_autofree char *nick = chc_csv_fold (chc_enum_to_nick (enum_type, names[i].value));

      if (g_str_equal (folded, nick) || g_str_equal (folded, label))
        goto found;
      for (guint j = 0; chinese[j] != NULL; j++)
        if (g_str_equal (folded, chinese[j]))
          goto found;
      continue;

    found:
      *value = names[i].value;
      return TRUE;
    }
  return FALSE;
}

static const char *
first_chinese (const EnumNames *names,
               guint            n_names,
               int              value)
{
  for (guint i = 0; i < n_names; i++)
    if (names[i].value == value)
      {
        const char *bar = strchr (names[i].chinese, '|');
        g_autofree char *first = NULL;

        if (bar == NULL)
          return names[i].chinese;
        first = g_strndup (names[i].chinese, bar - names[i].chinese);
        return g_intern_string (first);
      }
  return "";
}

static const char *
facility_type_label (int value)
{
  return chc_facility_type_to_label (value);
}

static const char *
facility_status_label (int value)
{
  return chc_facility_status_to_label (value);
}

static const char *
project_kind_label (int value)
{
  return chc_project_kind_to_label (value);
}

gboolean
chc_csv_parse_facility_type (const char       *text,
                             ChcFacilityType  *type,
                             GError          **error)
{
  int value;

  g_return_val_if_fail (type != NULL, FALSE);

  if (parse_enum (text, CHC_TYPE_FACILITY_TYPE, facility_type_label,
                  facility_type_names, G_N_ELEMENTS (facility_type_names), &value))
    {
      *type = value;
      return TRUE;
    }
  {
    g_autofree char *quoted = chc_csv_quote_value (text);
    g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                 _("%s is not a facility type; write centre, branch, station, village_clinic or 社区卫生服务中心, 分中心, 社区卫生服务站, 村卫生室."),
                 quoted);
  }
  return FALSE;
}

const char *
chc_csv_facility_type_to_chinese (ChcFacilityType type)
{
  return first_chinese (facility_type_names, G_N_ELEMENTS (facility_type_names), type);
}

gboolean
chc_csv_parse_facility_status (const char         *text,
                               ChcFacilityStatus  *status,
                               GError            **error)
{
  int value;

  g_return_val_if_fail (status != NULL, FALSE);

  if (parse_enum (text, CHC_TYPE_FACILITY_STATUS, facility_status_label,
                  facility_status_names, G_N_ELEMENTS (facility_status_names), &value))
    {
      *status = value;
      return TRUE;
    }
  {
    g_autofree char *quoted = chc_csv_quote_value (text);
    g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                 _("%s is not a status; write operating, planned, closed or 运行, 筹建, 关闭."),
                 quoted);
  }
  return FALSE;
}

const char *
chc_csv_facility_status_to_chinese (ChcFacilityStatus status)
{
  return first_chinese (facility_status_names, G_N_ELEMENTS (facility_status_names), status);
}

gboolean
chc_csv_parse_project_kind (const char      *text,
                            ChcProjectKind  *kind,
                            GError         **error)
{
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (parse_enum (text, CHC_TYPE_PROJECT_KIND, project_kind_label,
                  project_kind_names, G_N_ELEMENTS (project_kind_names), &value))
    {
      *kind = value;
      return TRUE;
    }
  {
    g_autofree char *quoted = chc_csv_quote_value (text);
    g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                 _("%s is not a kind of project; write new_build, relocation, renovation, standardization, opening or 新建, 迁建, 改扩建, 标准化建设, 开办."),
                 quoted);
  }
  return FALSE;
}

const char *
chc_csv_project_kind_to_chinese (ChcProjectKind kind)
{
  return first_chinese (project_kind_names, G_N_ELEMENTS (project_kind_names), kind);
}

/* ---- data elements (core/chc-element.h) --------------------------------- */

gboolean
chc_csv_parse_element_value (const ChcElement *element,
                             const char       *text,
                             double           *value,
                             GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (element != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (chc_csv_is_blank (text))
    {
      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   _("%s: no value (leave a figure that was not reported out)."),
                   chc_element_get_label (element));
      return FALSE;
    }
  switch (element->value_type)
    {
    case CHC_VALUE_TYPE_YES_NO:
      {
        gboolean yes = FALSE;

        ok = chc_csv_parse_boolean (text, &yes, &local_error);
        *value = yes ? 1 : 0;
      }
      break;
    case CHC_VALUE_TYPE_PERCENT:
      {
        g_autofree char *stripped = chc_csv_strip (text);
        gsize n = strlen (stripped);

        /* 45% and 45％ */
        if (g_str_has_suffix (stripped, "%"))
          stripped[n - 1] = '\0';
        else if (g_str_has_suffix (stripped, "％"))
          stripped[n - strlen ("％")] = '\0';
        ok = chc_csv_parse_number (stripped, value, &local_error);
      }
      break;
    case CHC_VALUE_TYPE_INTEGER:
    case CHC_VALUE_TYPE_DECIMAL:
      ok = chc_csv_parse_number (text, value, &local_error);
      break;
    case CHC_VALUE_TYPE_DATE:
    default:
      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   _("%s is a dated state: it is entered in its own view."),
                   chc_element_get_label (element));
      return FALSE;
    }
  if (!ok)
    {
      /* the reader's message, named after the figure */
      /* TRANSLATORS: a figure's name, then what is wrong with its value */
      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   C_("figure problem", "%s: %s"), chc_element_get_label (element), local_error->message);
      return FALSE;
    }
  return chc_element_check_value (element, *value, error);
}

/* 2024Q4, 2024-Q4, 2024年第4季度, 2024年四季度 (folded text). */
static gboolean
scan_quarter (const char *folded,
              int        *year,
              int        *quarter)
{
  static const char *const chinese[] = { "一", "二", "三", "四" };
  const char *p = folded;

  *year = 0;
  *quarter = 0;
  for (int i = 0; i < 4; i++, p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      *year = *year * 10 + (*p - '0');
    }
  if (*p == 'q' || (*p == '-' && p[1] == 'q'))
    {
      p += *p == '-' ? 2 : 1;
      if (*p < '1' || *p > '4' || p[1] != '\0')
        return FALSE;
      *quarter = *p - '0';
    }
  else
    {
      if (!g_str_has_prefix (p, "年"))
        return FALSE;
      p += strlen ("年");
      if (g_str_has_prefix (p, "第"))
        p += strlen ("第");
      if (*p >= '1' && *p <= '4')
        *quarter = *p++ - '0';
      else
        for (int q = 0; q < 4; q++)
          if (g_str_has_prefix (p, chinese[q]))
            {
              *quarter = q + 1;
              p += strlen (chinese[q]);
              break;
            }
      if (*quarter == 0 || !g_str_equal (p, "季度"))
        return FALSE;
    }
  return *year >= MIN_YEAR && *year <= MAX_YEAR;
}

gboolean
chc_csv_parse_any_period (const char     *text,
                          char          **canonical,
                          ChcPeriodType  *type,
                          GError        **error)
{
  g_autofree char *folded = NULL;
  int year = 0, number = 0;
  ChcPeriodType found;

  g_return_val_if_fail (canonical != NULL, FALSE);

  if (chc_csv_is_blank (text))
    {
      g_set_error_literal (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID, _("No period given."));
      return FALSE;
    }
  folded = chc_csv_fold (text);
  if (chc_csv_parse_year (text, &year, NULL))
    {
      found = CHC_PERIOD_TYPE_YEAR;
      *canonical = g_strdup_printf ("%04d", year);
    }
  else if (folded != NULL && scan_quarter (folded, &year, &number))
    {
      found = CHC_PERIOD_TYPE_QUARTER;
      *canonical = g_strdup_printf ("%04dQ%d", year, number);
    }
  else if (chc_csv_parse_month (text, &year, &number, NULL))
    {
      found = CHC_PERIOD_TYPE_MONTH;
      *canonical = g_strdup_printf ("%04d-%02d", year, number);
    }
  else
    {
      g_autofree char *quoted = chc_csv_quote_value (text);

      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   _("%s is not a period: write a month (2024-12, 2024年12月), a quarter "
                     "(2024Q4) or a year (2024)."), quoted);
      return FALSE;
    }
  if (type != NULL)
    *type = found;
  return TRUE;
}
