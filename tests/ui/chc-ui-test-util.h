/* chc-ui-test-util.h — what the UI tests share: finding a widget in a tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*ChcTestWidgetMatch) (GtkWidget     *widget,
                                        gconstpointer  data);

/* The first widget under @root (itself included, depth first) that
 * @match accepts, or NULL.  With @visible_only, hidden subtrees are
 * skipped. */
GtkWidget *chc_test_find_widget (GtkWidget          *root,
                                 ChcTestWidgetMatch  match,
                                 gconstpointer       data,
                                 gboolean            visible_only);
/* The first widget of @type (a GType) under @root. */
GtkWidget *chc_test_find_type   (GtkWidget          *root,
                                 GType               type);
/* The first widget named @name (gtk_widget_get_name, the buildable id). */
GtkWidget *chc_test_find_named  (GtkWidget          *root,
                                 const char         *name);

G_END_DECLS
