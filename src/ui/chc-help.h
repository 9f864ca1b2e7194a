/* chc-help.h — the manual: the URI of one of its pages, and opening it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How the manual is shown: by yelp (the Mallard pages), or in the browser
 * (the same pages as HTML, made by yelp-build at build time). */
typedef enum {
  CHC_HELP_VIEWER_AUTO,
  CHC_HELP_VIEWER_YELP,
  CHC_HELP_VIEWER_BROWSER,
} ChcHelpViewer;

/* The URI of @page (the id of a page of help/C: "index", "signing"…; NULL
 * is "index") in the interface's language:
 *  - with yelp: help:chc-monitor/PAGE, or for the uninstalled build
 *    (CHC_HELPDIR set by meson devenv) ghelp:HELPDIR/LANG?PAGE;
 *  - without: file:///…/chc-monitor/help/LANG/PAGE.html (CHC_HELP_HTMLDIR in
 *    the uninstalled build).
 * AUTO takes yelp when a program handles help: URIs, outside a Flatpak
 * (whose pages under /app the host's yelp cannot see); the environment
 * variable CHC_HELP_VIEWER=yelp|browser overrides it. */
char *chc_help_dup_uri    (const char    *page,
                           ChcHelpViewer  viewer);

/* Opens @page (see above) for @parent; if yelp fails, the HTML instead. */
void  chc_help_show       (GtkWindow     *parent,
                           const char    *page);

/* What opens a URI (gtk_show_uri by default; NULL restores it): tests
 * record the URI instead of launching a browser. */
typedef void (*ChcHelpOpener) (GtkWindow  *parent,
                               const char *uri,
                               gpointer    user_data);
void  chc_help_set_opener (ChcHelpOpener  opener,
                           gpointer       user_data);

G_END_DECLS
