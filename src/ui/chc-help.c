/* chc-help.c — the manual: the URI of one of its pages, and opening it.
 *
 * The manual has one source, the Mallard pages of help/LANG/.  Installed,
 * they are in DATADIR/help/LANG/chc-monitor (yelp's help:chc-monitor/PAGE)
 * and, converted by yelp-build, in DATADIR/chc-monitor/help/LANG/PAGE.html
 * for a desktop without yelp.
 *
 * In a Flatpak the host's yelp cannot see /app/share/help, so the HTML is
 * opened: gtk_show_uri hands a file: URI to the OpenURI portal as a file
 * descriptor (OpenFile), and the portal maps the sandbox's /app/… path to
 * the application's directory on the host (xdg-desktop-portal,
 * xdp_app_info_get_path_for_fd), which a browser installed on the host
 * reads with the pages' style sheet, figures and links.  (A browser that is
 * itself a Flatpak only gets that one file through the document portal:
 * flatpak/flatpak#6545.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-ui"

#include <glib/gi18n-lib.h>

#include "model/chc-indicator.h"

#include "chc-help.h"

static ChcHelpOpener opener_func;
static gpointer opener_data;

static gboolean
page_is_valid (const char *page)
{
  if (page == NULL || *page == '\0')
    return FALSE;
  for (const char *p = page; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static ChcHelpViewer
choose_viewer (void)
{
  const char *forced = g_getenv ("CHC_HELP_VIEWER");
  g_autoptr(GAppInfo) yelp = NULL;

  if (g_strcmp0 (forced, "yelp") == 0)
    return CHC_HELP_VIEWER_YELP;
  if (g_strcmp0 (forced, "browser") == 0)
    return CHC_HELP_VIEWER_BROWSER;
  if (in_flatpak ())
    return CHC_HELP_VIEWER_BROWSER;
  yelp = g_app_info_get_default_for_uri_scheme ("help");
  return yelp != NULL ? CHC_HELP_VIEWER_YELP : CHC_HELP_VIEWER_BROWSER;
}

static const char *
dir_from_env (const char *variable,
              const char *fallback)
{
  const char *dir = g_getenv (variable);

  return dir != NULL && *dir != '\0' ? dir : fallback;
}

char *
chc_help_dup_uri (const char    *page,
                  ChcHelpViewer  viewer)
{
  const char *lang = chc_locale_prefers_chinese () ? "zh_CN" : "C";
  const char *sources = g_getenv ("CHC_HELPDIR");
  g_autofree char *html = NULL;
  g_autofree char *name = NULL;

  if (!page_is_valid (page))
    page = "index";
  if (viewer == CHC_HELP_VIEWER_AUTO)
    viewer = choose_viewer ();

  if (viewer == CHC_HELP_VIEWER_YELP)
    {
      g_autofree char *dir = NULL;

      /* yelp finds the installed pages itself, in the language it is
       * run in; the uninstalled build's are named by their folder. */
      if (sources == NULL || *sources == '\0')
        return g_strdup_printf ("help:%s/%s", GETTEXT_PACKAGE, page);
      dir = g_build_filename (sources, lang, NULL);
      return g_strdup_printf ("ghelp:%s?%s", dir, page);
    }

  name = g_strconcat (page, ".html", NULL);
  html = g_build_filename (dir_from_env ("CHC_HELP_HTMLDIR", HELP_HTMLDIR), lang, name, NULL);
  if (!g_file_test (html, G_FILE_TEST_EXISTS))
    {
      g_free (html);
      html = g_build_filename (dir_from_env ("CHC_HELP_HTMLDIR", HELP_HTMLDIR), "C", name, NULL);
    }
  return g_filename_to_uri (html, NULL, NULL);
}

void
chc_help_set_opener (ChcHelpOpener opener,
                     gpointer      user_data)
{
  opener_func = opener;
  opener_data = user_data;
}

typedef struct {
  GtkWindow *parent;   /* weak */
  char *page;
} ShowData;

static void
show_data_free (ShowData *data)
{
  g_clear_weak_pointer (&data->parent);
  g_free (data->page);
  g_free (data);
}

/* yelp did not start (removed since, or broken): the browser then. */
static void
shown_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  ShowData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      g_autofree char *uri = chc_help_dup_uri (data->page, CHC_HELP_VIEWER_BROWSER);

      g_message ("The manual could not be opened in yelp (%s): opening %s", error->message, uri);
      gtk_show_uri (data->parent, uri, GDK_CURRENT_TIME);
    }
  show_data_free (data);
}

void
chc_help_show (GtkWindow  *parent,
               const char *page)
{
  g_autofree char *uri = chc_help_dup_uri (page, CHC_HELP_VIEWER_AUTO);

  if (opener_func != NULL)
    {
      opener_func (parent, uri, opener_data);
      return;
    }
  if (parent != NULL && !g_str_has_prefix (uri, "file:"))
    {
      ShowData *data = g_new0 (ShowData, 1);

      g_set_weak_pointer (&data->parent, parent);
      data->page = g_strdup (page);
      gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, shown_cb, data);
      return;
    }
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}
