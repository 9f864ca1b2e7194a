/* chc-ui-test-util.h — what the UI tests share: finding a widget in a tree,
 * typing into a grid's cell, asking whether an action is enabled, measuring
 * a window.
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

/* In a test that needs a window: skips it when there is no display. */
#define CHC_TEST_SKIP_WITHOUT_DISPLAY(have_display) \
  G_STMT_START { \
    if (!(have_display)) \
      { \
        g_test_skip ("no display (run under xvfb-run)"); \
        return; \
      } \
  } G_STMT_END

/* The first button under @root whose action is @action ("values.save"). */
GtkWidget *chc_test_find_action_button (GtkWidget  *root,
                                        const char *action);
/* Whether the button of @action under @root is sensitive (it must be
 * there). */
gboolean   chc_test_action_enabled     (GtkWidget  *root,
                                        const char *action);
/* What a user does in a grid: click into the cell @entry (it must take
 * the focus), type @text, press Enter. */
void       chc_test_type_into_cell     (GtkWidget  *entry,
                                        const char *text);
/* The smallest size of @window fits @max_width × @max_height (told as
 * "@what: smallest window W×H"). */
void       chc_test_assert_window_fits (GtkWidget  *window,
                                        const char *what,
                                        int         max_width,
                                        int         max_height);

G_END_DECLS
