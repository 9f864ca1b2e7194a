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

G_END_DECLS
