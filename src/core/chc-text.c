/* chc-text.c — control characters and formula guards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-core"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-text.h"

static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

gboolean
chc_text_check_controls (const char  *text,
                         gboolean     multiline,
                         char       **reason)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      if (reason != NULL)
        *reason = g_strdup (_("the text is not valid UTF-8."));
      return FALSE;
    }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (multiline && (c == '\t' || c == '\n' || (c == '\r' && p[1] == '\n')))
        continue;
      if (c < 0x20 || (c >= 0x7F && c < 0xA0) || is_bidi_control (c))
        {
          if (reason != NULL)
            *reason = g_strdup_printf (_("it contains the control character U+%04X; "
                                         "remove it (it may come from copying text out of another program)."),
                                       c);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
starts_formula (const char *text)
{
  static const char *const full_width[] = { "＝", "＋", "－", "＠" };

  if (text[0] == '\0')
    return FALSE;
  if (strchr ("=+-@\t\r", text[0]) != NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (full_width); i++)
    if (g_str_has_prefix (text, full_width[i]))
      return TRUE;
  return FALSE;
}

gboolean
chc_text_needs_guard (const char *text)
{
  if (text == NULL)
    return FALSE;
  while (text[0] == '\'')
    text++;
  return starts_formula (text);
}

char *
chc_text_guard (const char *text)
{
  if (!chc_text_needs_guard (text))
    return g_strdup (text);
  return g_strconcat ("'", text, NULL);
}

char *
chc_text_unguard (const char *text)
{
  if (text != NULL && text[0] == '\'' && chc_text_needs_guard (text + 1))
    return g_strdup (text + 1);
  return g_strdup (text);
}
