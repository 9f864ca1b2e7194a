/* chc-manpage.c — manual pages from the --help tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "chc-manpage.h"

/* Chinese, Japanese and Korean characters and their punctuation: lines
 * may break after any of them (they have no spaces between words). */
static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x2E80 && c <= 0x9FFF) ||   /* radicals … CJK unified ideographs */
         (c >= 0xF900 && c <= 0xFAFF) ||   /* compatibility ideographs */
         (c >= 0xFE30 && c <= 0xFE4F) ||   /* compatibility forms */
         (c >= 0xFF00 && c <= 0xFFEF);     /* full-width forms */
}

static gboolean
contains_cjk (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (is_cjk (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* @text as roff text: backslashes doubled, a leading dot or quote kept
 * from being read as a request, "-" as a hyphen-minus, and a break point
 * (\:) after each CJK character: groff 1.22 (Debian 12) does not break
 * lines inside a run of Chinese by itself, and stretched or overflowed
 * such lines. */
static void
append_text (GString    *page,
             const char *unchecked)
{
  g_autofree char *text = g_utf8_make_valid (unchecked, -1);

  if (text[0] == '.' || text[0] == '\'')
    g_string_append (page, "\\&");
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (*p == '\\')
        g_string_append (page, "\\e");
      else if (*p == '-')
        g_string_append (page, "\\-");
      else if (*p == '\n')
        {
          g_string_append_c (page, '\n');
          if (p[1] == '.' || p[1] == '\'')
            g_string_append (page, "\\&");
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (page, p, next - p);
          if (is_cjk (c) && *next != '\0' && *next != '\n')
            g_string_append (page, "\\:");
        }
    }
}

static void
append_items (GString          *page,
              const char       *heading,
              const ChcManItem *items,
              guint             n_items)
{
  if (n_items == 0)
    return;
  g_string_append (page, ".SH ");
  append_text (page, heading);
  g_string_append_c (page, '\n');
  for (guint i = 0; i < n_items; i++)
    {
      g_string_append (page, ".TP\n\\fB");
      append_text (page, items[i].name);
      g_string_append (page, "\\fR");
      if (items[i].argument != NULL)
        {
          g_string_append (page, " \\fI");
          append_text (page, items[i].argument);
          g_string_append (page, "\\fR");
        }
      g_string_append_c (page, '\n');
      append_text (page, items[i].description);
      g_string_append_c (page, '\n');
    }
}

char *
chc_manpage_render (const char       *program,
                    const char       *summary,
                    const char       *synopsis,
                    const char       *description,
                    const ChcManItem *options,
                    guint             n_options,
                    const ChcManItem *commands,
                    guint             n_commands)
{
  g_autofree char *upper = g_ascii_strup (program, -1);
  GString *page = g_string_new (NULL);

  g_string_append_printf (page, ".TH %s 1 \"\" \"%s %s\" \"%s\"\n", upper, program, PACKAGE_VERSION,
                          _("User Commands"));
  /* Chinese is not justified: with few break points its lines would be
   * stretched. */
  if (contains_cjk (summary))
    g_string_append (page, ".ad l\n");
  g_string_append (page, ".SH ");
  append_text (page, _("NAME"));
  g_string_append_printf (page, "\n%s \\- ", program);
  append_text (page, summary);
  g_string_append (page, "\n.SH ");
  append_text (page, _("SYNOPSIS"));
  g_string_append (page, "\n");
  append_text (page, synopsis);
  g_string_append (page, "\n.SH ");
  append_text (page, _("DESCRIPTION"));
  g_string_append_c (page, '\n');
  append_text (page, description);
  g_string_append_c (page, '\n');
  append_items (page, _("OPTIONS"), options, n_options);
  append_items (page, _("COMMANDS"), commands, n_commands);
  return g_string_free (page, FALSE);
}
