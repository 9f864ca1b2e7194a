/* chc-toast.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-ui"

#include <glib/gi18n.h>

#include "chc-toast.h"

/* Long enough to read a facility's name and decide. */
#define TIMEOUT_SECONDS 10

struct _ChcToast
{
  GtkWidget    parent_instance;

  guint        timeout_id;

  GtkRevealer *revealer;
  GtkLabel    *label;
  GtkButton   *undo_button;
};

G_DEFINE_FINAL_TYPE (ChcToast, chc_toast, GTK_TYPE_WIDGET)

static gboolean
timeout_cb (gpointer data)
{
  ChcToast *self = data;

  self->timeout_id = 0;
  chc_toast_dismiss (self);
  return G_SOURCE_REMOVE;
}

void
chc_toast_show (ChcToast   *self,
                const char *message,
                const char *undo_action)
{
  g_return_if_fail (CHC_IS_TOAST (self));
  g_return_if_fail (message != NULL);

  gtk_label_set_text (self->label, message);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->undo_button), undo_action);
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), undo_action != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds (TIMEOUT_SECONDS, timeout_cb, self);
}

void
chc_toast_show_undone (ChcToast   *self,
                       const char *what)
{
  g_autofree char *message = NULL;

  g_return_if_fail (CHC_IS_TOAST (self));

  /* Translators: in the toast after Ctrl+Z; %s says what the change was. */
  message = g_strdup_printf (_("Undone: %s"), what);
  chc_toast_show (self, message, NULL);
}

void
chc_toast_dismiss (ChcToast *self)
{
  g_return_if_fail (CHC_IS_TOAST (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

const char *
chc_toast_get_message (ChcToast *self)
{
  g_return_val_if_fail (CHC_IS_TOAST (self), NULL);
  return gtk_revealer_get_reveal_child (self->revealer) ? gtk_label_get_text (self->label) : NULL;
}

/* Hidden, the toast takes no clicks from the view under it. */
static void
on_child_revealed (ChcToast *self)
{
  if (!gtk_revealer_get_child_revealed (self->revealer) && !gtk_revealer_get_reveal_child (self->revealer))
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
chc_toast_dispose (GObject *object)
{
  ChcToast *self = CHC_TOAST (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_TOAST);
  G_OBJECT_CLASS (chc_toast_parent_class)->dispose (object);
}

static void
chc_toast_class_init (ChcToastClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_toast_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chcmonitor/ChcMonitor/ui/chc-toast.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcToast, revealer);
  gtk_widget_class_bind_template_child (widget_class, ChcToast, label);
  gtk_widget_class_bind_template_child (widget_class, ChcToast, undo_button);
  gtk_widget_class_bind_template_callback (widget_class, chc_toast_dismiss);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
chc_toast_init (ChcToast *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_connect_object (self->revealer, "notify::child-revealed",
                           G_CALLBACK (on_child_revealed), self, G_CONNECT_SWAPPED);
}
