/* chc-codes.c — form checks of the national codes (see chc-codes.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-codes.h"

/* GB 32100-2015, 4.1: the 31 characters of the code, in the order of
 * their values 0–30. */
static const char credit_charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* GB 32100-2015, 5: the weight of position i (1–17) is 3^(i-1) mod 31. */
static const int credit_weights[17] = {
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};

static int
credit_value (char c)
{
  const char *p;

  if (c == '\0')
    return -1;
  p = strchr (credit_charset, c);
  return p != NULL ? (int) (p - credit_charset) : -1;
}

char
chc_credit_code_check_char (const char *code)
{
  int sum = 0;

  g_return_val_if_fail (code != NULL, '\0');

  for (int i = 0; i < 17; i++)
    {
      int v = credit_value (code[i]);

      if (v < 0)
        return '\0';
      sum += v * credit_weights[i];
    }
  return credit_charset[(31 - sum % 31) % 31];
}

/* Whether @text is only printable ASCII without space (a reason when
 * not). */
static gboolean
check_plain_ascii (const char  *text,
                   char       **reason)
{
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c == ' ')
        {
          if (reason != NULL)
            *reason = g_strdup (_("it must not contain spaces."));
          return FALSE;
        }
      if (c < 0x20 || c == 0x7f)
        {
          if (reason != NULL)
            *reason = g_strdup_printf (_("it contains a control character (U+%04X)."), c);
          return FALSE;
        }
      if (c >= 0x80)
        {
          if (reason != NULL)
            *reason = g_strdup (_("it must be written with ASCII digits and Latin letters (no full-width or Chinese characters)."));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
chc_credit_code_check (const char  *code,
                       char       **reason)
{
  char expected;
  glong length;

  g_return_val_if_fail (code != NULL, FALSE);

  if (!check_plain_ascii (code, reason))
    return FALSE;
  length = (glong) strlen (code);
  if (length != 18)
    {
      if (reason != NULL)
        *reason = g_strdup_printf (_("it has 18 characters, not %ld."), length);
      return FALSE;
    }
  for (int i = 0; i < 18; i++)
    {
      char c = code[i];

      if (g_ascii_islower (c) && credit_value (g_ascii_toupper (c)) >= 0)
        {
          if (reason != NULL)
            *reason = g_strdup (_("its letters are capitals."));
          return FALSE;
        }
      if (credit_value (c) < 0)
        {
          if (reason != NULL)
            *reason = g_strdup_printf (_("“%c” (character %d) is not used in the code: only digits and the capitals A–H, J–N, P, Q, R, T, U, W, X, Y are."),
                                       c, i + 1);
          return FALSE;
        }
      if (i >= 2 && i <= 7 && !g_ascii_isdigit (c))
        {
          if (reason != NULL)
            *reason = g_strdup (_("characters 3 to 8 are the registering authority’s administrative division code: six digits."));
          return FALSE;
        }
    }
  expected = chc_credit_code_check_char (code);
  if (code[17] != expected)
    {
      if (reason != NULL)
        *reason = g_strdup_printf (_("the check character (the last) is wrong: the first 17 characters give “%c”, not “%c”. Compare it with the certificate it is printed on."),
                                   expected, code[17]);
      return FALSE;
    }
  return TRUE;
}

gboolean
chc_license_no_check (const char  *number,
                      char       **reason)
{
  gsize length;

  g_return_val_if_fail (number != NULL, FALSE);

  if (!check_plain_ascii (number, reason))
    return FALSE;
  for (const char *p = number; *p; p++)
    if (!g_ascii_isalnum (*p))
      {
        if (reason != NULL)
          *reason = g_strdup_printf (_("“%c” is not a digit or a letter."), *p);
        return FALSE;
      }
  length = strlen (number);
  if (length < 22 || length > 23)
    {
      if (reason != NULL)
        *reason = g_strdup_printf (_("it has 22 or 23 characters as issued, not %u."), (guint) length);
      return FALSE;
    }
  return TRUE;
}

gboolean
chc_town_code_check (const char  *code,
                     const char  *district_code,
                     char       **reason)
{
  g_return_val_if_fail (code != NULL, FALSE);

  if (strlen (code) != 9 || strspn (code, "0123456789") != 9)
    {
      if (reason != NULL)
        *reason = g_strdup (_("a town code has nine digits."));
      return FALSE;
    }
  if (district_code != NULL && !g_str_has_prefix (code, district_code))
    {
      if (reason != NULL)
        *reason = g_strdup_printf (_("a town code begins with its district’s code %s."), district_code);
      return FALSE;
    }
  return TRUE;
}

char *
chc_code_normalize (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  return g_ascii_strup (copy, -1);
}
