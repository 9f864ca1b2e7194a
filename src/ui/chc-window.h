/* chc-window.h — the main window: district and year, sidebar of views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "chc-application.h"
#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_WINDOW (chc_window_get_type ())
G_DECLARE_FINAL_TYPE (ChcWindow, chc_window, CHC, WINDOW, GtkApplicationWindow)

ChcWindow   *chc_window_new           (ChcApplication *application,
                                       ChcDatabase    *database);
ChcDatabase *chc_window_get_database  (ChcWindow      *self);
ChcDistrict *chc_window_get_district  (ChcWindow      *self);
/* Chooses the window's district with the same id as @district. */
void         chc_window_set_district  (ChcWindow      *self,
                                       ChcDistrict    *district);
int          chc_window_get_year      (ChcWindow      *self);
void         chc_window_set_year      (ChcWindow      *self,
                                       int             year);
/* The view shown, by its page name ("dashboard", "facilities", …). */
const char  *chc_window_get_view_name (ChcWindow      *self);
GtkWidget   *chc_window_get_view      (ChcWindow      *self,
                                       const char     *name);

/* The message line above the views (what an action did, or an error). */
void         chc_window_show_message  (ChcWindow      *self,
                                       const char     *message,
                                       gboolean        is_error);
/* The message shown, or NULL. */
const char  *chc_window_get_message   (ChcWindow      *self);
/* What Merge Exchange Package… does once the file is chosen: the preview
 * window, or NULL (the refusal is shown as the message). */
GtkWindow   *chc_window_merge_package (ChcWindow      *self,
                                       const char     *path);
/* What Restore from Backup… does once confirmed. */
gboolean     chc_window_restore       (ChcWindow      *self,
                                       const char     *path);

/* The URI of the manual's page of the view shown, in the interface's
 * language (see chc_help_dup_uri()). */
char        *chc_window_dup_help_uri  (ChcWindow      *self);

G_END_DECLS
