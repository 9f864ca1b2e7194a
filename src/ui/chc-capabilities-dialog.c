/* chc-capabilities-dialog.c — the registry's 服务能力… window: a title
 * naming the facility, the capabilities editor in a scrolled area (the
 * plans name some twenty-five kinds: the window still fits 768 pixels),
 * and Close (Escape).  Each change is the editor's, written at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-capabilities-dialog"

#include <glib/gi18n-lib.h>

#include "chc-capabilities-dialog.h"
#include "chc-capabilities-editor.h"

struct _ChcCapabilitiesDialog
{
  GtkWindow              parent_instance;

  /* template children */
  ChcCapabilitiesEditor *editor;
  GtkLabel              *facility_label;
};

G_DEFINE_FINAL_TYPE (ChcCapabilitiesDialog, chc_capabilities_dialog, GTK_TYPE_WINDOW)

static void
chc_capabilities_dialog_class_init (ChcCapabilitiesDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (CHC_TYPE_CAPABILITIES_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-capabilities-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcCapabilitiesDialog, editor);
  gtk_widget_class_bind_template_child (widget_class, ChcCapabilitiesDialog, facility_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chc_capabilities_dialog_init (ChcCapabilitiesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ChcCapabilitiesDialog *
chc_capabilities_dialog_new (GtkWindow   *parent,
                             ChcDatabase *database,
                             ChcFacility *facility)
{
  ChcCapabilitiesDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CHC_IS_FACILITY (facility), NULL);

  self = g_object_new (CHC_TYPE_CAPABILITIES_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  /* TRANSLATORS: the title of the capabilities window: the facility's name */
  title = g_strdup_printf (_("Service Capabilities — %s"), chc_facility_get_name (facility));
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_label (self->facility_label, chc_facility_get_name (facility));
  g_object_set (self->editor, "database", database, NULL);
  chc_capabilities_editor_set_facility (self->editor, facility);
  return self;
}
