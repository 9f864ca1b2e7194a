/* chc-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-date.h"

G_DEFINE_QUARK (chc-date-error-quark, chc_date_error)

#define MIN_YEAR 1900
#define MAX_YEAR 2100

/* Folds full-width digits and punctuation to ASCII and drops surrounding
 * white space (including the ideographic space U+3000). */
static char *
fold_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)          /* ０-９ */
        g_string_append_c (out, (char) ('0' + (c - 0xFF10)));
      else if (c == 0xFF0D || c == 0x2212)     /* －, − */
        g_string_append_c (out, '-');
      else if (c == 0xFF0F)                    /* ／ */
        g_string_append_c (out, '/');
      else if (c == 0xFF0E)                    /* ． */
        g_string_append_c (out, '.');
      else if (c == 0xFF1A)                    /* ： */
        g_string_append_c (out, ':');
      else if (c == 0x3000)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

static void
skip_spaces (const char **p)
{
  while (**p == ' ' || **p == '\t')
    (*p)++;
}

/* Reads 1 to @max_digits digits. */
static gboolean
read_number (const char **p,
             guint        max_digits,
             guint        min_digits,
             int         *value)
{
  guint n = 0;
  int v = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  if (n < min_digits || g_ascii_isdigit (**p))
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
skip_literal (const char **p,
              const char  *literal)
{
  size_t len = strlen (literal);

  if (strncmp (*p, literal, len) != 0)
    return FALSE;
  *p += len;
  return TRUE;
}

typedef enum
{
  SCAN_BAD,
  SCAN_DATE,
  SCAN_TIME_OF_DAY,   /* a date and a time other than midnight */
} ScanResult;

/* An optional midnight after the date, as spreadsheets write a date cell:
 * " 00:00", "T00:00:00", " 0:00:00.000".  Any other time of day makes the
 * value a moment, not a date (SCAN_TIME_OF_DAY). */
static ScanResult
skip_time (const char *p)
{
  int h, m, s = 0;
  gboolean fraction = FALSE;

  if (*p == '\0')
    return SCAN_DATE;
  if (*p != ' ' && *p != 'T')
    return SCAN_BAD;
  p++;
  skip_spaces (&p);
  if (!read_number (&p, 2, 1, &h) || *p != ':' || h > 23)
    return SCAN_BAD;
  p++;
  if (!read_number (&p, 2, 2, &m) || m > 59)
    return SCAN_BAD;
  if (*p == ':')
    {
      p++;
      if (!read_number (&p, 2, 2, &s) || s > 60)
        return SCAN_BAD;
      if (*p == '.')
        {
          p++;
          while (g_ascii_isdigit (*p))
            fraction |= *p++ != '0';
        }
    }
  skip_spaces (&p);
  if (*p != '\0')
    return SCAN_BAD;
  return (h == 0 && m == 0 && s == 0 && !fraction) ? SCAN_DATE : SCAN_TIME_OF_DAY;
}

static ScanResult
scan_date (const char *text,
           int        *year,
           int        *month,
           int        *day)
{
  const char *p = text;

  /* 20240315 */
  if (strlen (text) >= 8 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[7]) &&
      strspn (text, "0123456789") == 8)
    {
      *year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
      *month = (text[4] - '0') * 10 + (text[5] - '0');
      *day = (text[6] - '0') * 10 + (text[7] - '0');
      return skip_time (text + 8);
    }

  if (!read_number (&p, 4, 4, year))
    return SCAN_BAD;
  skip_spaces (&p);

  /* 2024年3月15日 */
  if (skip_literal (&p, "年"))
    {
      skip_spaces (&p);
      if (!read_number (&p, 2, 1, month))
        return SCAN_BAD;
      skip_spaces (&p);
      if (!skip_literal (&p, "月"))
        return SCAN_BAD;
      skip_spaces (&p);
      if (!read_number (&p, 2, 1, day))
        return SCAN_BAD;
      skip_spaces (&p);
      if (!skip_literal (&p, "日"))
        skip_literal (&p, "号");
      return skip_time (p);
    }

  /* 2024-03-15, 2024/3/15, 2024.3.15: the same separator twice */
  {
    char sep = *p;

    if (sep != '-' && sep != '/' && sep != '.')
      return SCAN_BAD;
    p++;
    skip_spaces (&p);
    if (!read_number (&p, 2, 1, month))
      return SCAN_BAD;
    skip_spaces (&p);
    if (*p != sep)
      return SCAN_BAD;
    p++;
    skip_spaces (&p);
    if (!read_number (&p, 2, 1, day))
      return SCAN_BAD;
    return skip_time (p);
  }
}

gboolean
chc_date_parse (const char  *text,
                GDate       *date,
                GError     **error)
{
  g_autofree char *folded = NULL;
  int year = 0, month = 0, day = 0;
  ScanResult scanned;

  g_return_val_if_fail (date != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CHC_DATE_ERROR, CHC_DATE_ERROR_INVALID,
                   _("This is not a date; write it as 2024-03-15 or 2024年3月15日."));
      return FALSE;
    }

  folded = fold_text (text);
  scanned = scan_date (folded, &year, &month, &day);
  if (scanned == SCAN_TIME_OF_DAY)
    {
      g_set_error (error, CHC_DATE_ERROR, CHC_DATE_ERROR_INVALID,
                   _("“%s” is a moment (a date with a time of day), not a date; write only the date, as 2024-03-15."),
                   text);
      return FALSE;
    }
  if (scanned == SCAN_BAD)
    {
      g_set_error (error, CHC_DATE_ERROR, CHC_DATE_ERROR_INVALID,
                   _("“%s” is not a date; write it as 2024-03-15 or 2024年3月15日."),
                   text);
      return FALSE;
    }

  if (month >= 1 && month <= 12 && day >= 1 && year >= 1 && year <= 9999 &&
      g_date_valid_dmy (day, month, year) && (year < MIN_YEAR || year > MAX_YEAR))
    {
      g_set_error (error, CHC_DATE_ERROR, CHC_DATE_ERROR_OUT_OF_RANGE,
                   _("“%s” is outside the years %d–%d that CHC Monitor records."),
                   text, MIN_YEAR, MAX_YEAR);
      return FALSE;
    }
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, CHC_DATE_ERROR, CHC_DATE_ERROR_NO_SUCH_DAY,
                   _("“%s” is not a valid date: there is no such day."), text);
      return FALSE;
    }

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

char *
chc_date_normalize (const char  *text,
                    GError     **error)
{
  GDate date;

  if (!chc_date_parse (text, &date, error))
    return NULL;
  return chc_date_to_iso (&date);
}

char *
chc_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

guint32
chc_date_julian (const char *text)
{
  GDate date;

  if (text == NULL || *text == '\0' || !chc_date_parse (text, &date, NULL))
    return 0;
  return g_date_get_julian (&date);
}

int
chc_date_year (const char *text)
{
  GDate date;

  if (text == NULL || *text == '\0' || !chc_date_parse (text, &date, NULL))
    return 0;
  return g_date_get_year (&date);
}

void
chc_date_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (date != NULL);

  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

guint32
chc_date_year_end (int year)
{
  GDate date;

  g_return_val_if_fail (year >= 1 && year <= 9999, 0);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 31, G_DATE_DECEMBER, year);
  return g_date_get_julian (&date);
}
