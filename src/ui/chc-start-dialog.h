/* chc-start-dialog.h — the first run of a database without facilities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "chc-window.h"

G_BEGIN_DECLS

#define CHC_TYPE_START_DIALOG (chc_start_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChcStartDialog, chc_start_dialog, CHC, START_DIALOG, GtkWindow)

/* Whether @database should offer the start: it has no facilities at all,
 * is neither the demo nor read-only, and its user has not chosen yet. */
gboolean   chc_start_dialog_wanted (ChcDatabase *database);
/* The dialog over @window, on @window's database. */
GtkWidget *chc_start_dialog_new    (ChcWindow   *window);

G_END_DECLS
