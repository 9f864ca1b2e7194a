/* main.c — CHC Monitor, the desktop application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "chc-application.h"

/* Chinese text (facility names are Chinese in every locale) must be drawn
 * with the Simplified-Chinese glyph variants: tell fontconfig and Pango. */
static void
set_up_chinese_fonts (void)
{
  const char *locale = setlocale (LC_MESSAGES, NULL);

  if (locale != NULL && g_str_has_prefix (locale, "zh"))
    {
      gboolean traditional = strstr (locale, "_TW") != NULL ||
                             strstr (locale, "_HK") != NULL ||
                             strstr (locale, "_MO") != NULL;

      g_setenv ("FC_LANG", traditional ? "zh-tw" : "zh-cn", FALSE);
    }
  else
    {
      /* Pango resolves Han characters in non-Chinese text through its
       * preferred languages; put zh-cn last so that a Japanese or Korean
       * fallback font does not win. */
      const char *preferred = g_getenv ("PANGO_LANGUAGE");
      const char *language = g_getenv ("LANGUAGE");
      g_autofree char *value = NULL;

      if (preferred == NULL)
        {
          value = g_strdup_printf ("%s%szh-cn",
                                   language != NULL ? language : "",
                                   language != NULL && *language ? ":" : "");
          g_setenv ("PANGO_LANGUAGE", value, FALSE);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ChcApplication) app = NULL;
  const char *localedir = g_getenv ("CHC_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* CHC_LOCALEDIR lets an uninstalled build find its translations. */
  bindtextdomain (GETTEXT_PACKAGE,
                  localedir != NULL && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  set_up_chinese_fonts ();

  g_set_application_name (_("CHC Monitor"));

  app = chc_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
