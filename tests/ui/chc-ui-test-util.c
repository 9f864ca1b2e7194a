/* chc-ui-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
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
