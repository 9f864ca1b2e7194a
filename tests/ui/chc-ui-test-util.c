/* chc-ui-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "chc-test-util.h"
#include "chc-ui-test-util.h"

GtkWidget *
chc_test_find_widget (GtkWidget          *root,
                      ChcTestWidgetMatch  match,
                      gconstpointer       data,
                      gboolean            visible_only)
{
  if (visible_only && !gtk_widget_get_visible (root))
    return NULL;
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = chc_test_find_widget (child, match, data, visible_only);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *) data);
}

GtkWidget *
chc_test_find_type (GtkWidget *root,
                    GType      type)
{
  return chc_test_find_widget (root, is_of_type, &type, FALSE);
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

GtkWidget *
chc_test_find_named (GtkWidget  *root,
                     const char *name)
{
  return chc_test_find_widget (root, is_named, name, FALSE);
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

GtkWidget *
chc_test_find_action_button (GtkWidget  *root,
                             const char *action)
{
  return chc_test_find_widget (root, has_action, action, FALSE);
}

gboolean
chc_test_action_enabled (GtkWidget  *root,
                         const char *action)
{
  GtkWidget *button = chc_test_find_action_button (root, action);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

void
chc_test_type_into_cell (GtkWidget  *entry,
                         const char *text)
{
  GtkWidget *focus;

  gtk_widget_grab_focus (entry);
  chc_test_iterate (10);
  focus = gtk_root_get_focus (gtk_widget_get_root (entry));
  g_assert_true (focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  chc_test_iterate (10);
}

void
chc_test_assert_window_fits (GtkWidget  *window,
                             const char *what,
                             int         max_width,
                             int         max_height)
{
  int min_w, min_h, nat;

  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat, NULL, NULL);
  gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, min_w, &min_h, &nat, NULL, NULL);
  g_test_message ("%s: smallest window %d×%d", what, min_w, min_h);
  g_assert_cmpint (min_w, <=, max_width);
  g_assert_cmpint (min_h, <=, max_height);
}
