/* chc-elements-dialog.h — the data elements (数据项) of the database: the
 * built-in ones and the commission's own, which it adds and removes here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_ELEMENTS_DIALOG (chc_elements_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChcElementsDialog, chc_elements_dialog, CHC, ELEMENTS_DIALOG, GtkWindow)

/* A list of every element (name, unit, value type, level, period,
 * aggregation, built-in or own) with a search entry (Ctrl+F); "Add…"
 * opens a form under the list (Enter adds), "Remove" removes the selected
 * element of the commission's own (refused when it has values).
 * Actions: "elements.add" (adds what the form says), "elements.show-form",
 * "elements.remove", "elements.find".  Property: "database". */
GtkWidget *chc_elements_dialog_new      (GtkWindow         *parent,
                                         ChcDatabase       *database);

/* The position of the element @code in the list as shown (after the
 * search), or -1 (for tests). */
int        chc_elements_dialog_find_row (ChcElementsDialog *self,
                                         const char        *code);
/* Selects the element @code (shown); FALSE when it is not shown. */
gboolean   chc_elements_dialog_select   (ChcElementsDialog *self,
                                         const char        *code);

G_END_DECLS
