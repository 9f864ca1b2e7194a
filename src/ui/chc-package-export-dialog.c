/* chc-package-export-dialog.c — exporting an exchange package: the whole
 * database or one centre (and the facilities under it), all of it or only
 * what changed since the last package to the same recipient.  The package
 * is the store's (store/chc-package.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-package"

#include <glib/gi18n-lib.h>

#include "chc-package-export-dialog.h"
#include "store/chc-database-sync.h"
#include "store/chc-package.h"

struct _ChcPackageExportDialog
{
  GtkWindow       parent_instance;

  ChcDatabase    *database;
  GPtrArray      *centres;    /* ChcFacility, in the order of the dropdown after "all" */

  /* template children */
  GtkDropDown    *scope_dropdown;
  GtkStringList  *scopes;
  GtkEditable    *recipient_entry;
  GtkCheckButton *since_last_check;
  GtkLabel       *result_label;
};

G_DEFINE_FINAL_TYPE (ChcPackageExportDialog, chc_package_export_dialog, GTK_TYPE_WINDOW)

static ChcFacility *
chosen_centre (ChcPackageExportDialog *self)
{
  guint i = gtk_drop_down_get_selected (self->scope_dropdown);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || self->centres == NULL || i > self->centres->len)
    return NULL;
  return g_ptr_array_index (self->centres, i - 1);
}

static void
export_response_cb (GtkNativeDialog        *dialog,
                    int                     response,
                    ChcPackageExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      chc_package_export_dialog_export_to (self, path, NULL);
    }
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChcPackageExportDialog *self = CHC_PACKAGE_EXPORT_DIALOG (widget);
  ChcFacility *centre = chosen_centre (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("%s-%s.chcpkg",
                                           centre != NULL ? chc_facility_get_name (centre) : _("all"),
                                           day);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export Exchange Package"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Exchange packages"));
  gtk_file_filter_add_pattern (filter, "*.chcpkg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
chc_package_export_dialog_finalize (GObject *object)
{
  ChcPackageExportDialog *self = CHC_PACKAGE_EXPORT_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_pointer (&self->centres, g_ptr_array_unref);
  G_OBJECT_CLASS (chc_package_export_dialog_parent_class)->finalize (object);
}

static void
chc_package_export_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CHC_TYPE_PACKAGE_EXPORT_DIALOG);
  G_OBJECT_CLASS (chc_package_export_dialog_parent_class)->dispose (object);
}

static void
chc_package_export_dialog_class_init (ChcPackageExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_package_export_dialog_dispose;
  object_class->finalize = chc_package_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-package-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcPackageExportDialog, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcPackageExportDialog, scopes);
  gtk_widget_class_bind_template_child (widget_class, ChcPackageExportDialog, recipient_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcPackageExportDialog, since_last_check);
  gtk_widget_class_bind_template_child (widget_class, ChcPackageExportDialog, result_label);

  gtk_widget_class_install_action (widget_class, "package.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chc_package_export_dialog_init (ChcPackageExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ChcPackageExportDialog *
chc_package_export_dialog_new (ChcDatabase *database,
                               ChcDistrict *district)
{
  ChcPackageExportDialog *self;
  g_autoptr(GPtrArray) facilities = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);

  self = g_object_new (CHC_TYPE_PACKAGE_EXPORT_DIALOG, NULL);
  self->database = g_object_ref (database);
  self->centres = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_string_list_append (self->scopes, _("The whole database"));
  if (district != NULL)
    facilities = chc_database_list_facilities (database, chc_district_get_id (district), NULL);
  for (guint i = 0; facilities != NULL && i < facilities->len; i++)
    {
      ChcFacility *facility = g_ptr_array_index (facilities, i);
      g_autofree char *label = NULL;

      if (chc_facility_get_facility_type (facility) != CHC_FACILITY_CENTRE)
        continue;
      label = g_strdup_printf (_("%s and the facilities under it"), chc_facility_get_name (facility));
      gtk_string_list_append (self->scopes, label);
      g_ptr_array_add (self->centres, g_object_ref (facility));
    }
  return self;
}

gboolean
chc_package_export_dialog_set_centre (ChcPackageExportDialog *self,
                                      const char             *code)
{
  g_return_val_if_fail (CHC_IS_PACKAGE_EXPORT_DIALOG (self), FALSE);

  if (code == NULL)
    {
      gtk_drop_down_set_selected (self->scope_dropdown, 0);
      return TRUE;
    }
  for (guint i = 0; i < self->centres->len; i++)
    if (g_strcmp0 (chc_facility_get_code (g_ptr_array_index (self->centres, i)), code) == 0)
      {
        gtk_drop_down_set_selected (self->scope_dropdown, i + 1);
        return TRUE;
      }
  return FALSE;
}

gboolean
chc_package_export_dialog_export_to (ChcPackageExportDialog  *self,
                                     const char              *path,
                                     GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ChcPackageInfo) info = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *display = NULL;
  ChcFacility *centre = chosen_centre (self);
  ChcPackageExportOptions options = { 0 };
  const char * const *tables = chc_database_tracked_tables ();

  g_return_val_if_fail (CHC_IS_PACKAGE_EXPORT_DIALOG (self), FALSE);

  options.centre = centre != NULL ? chc_facility_get_code (centre) : NULL;
  options.since_last = gtk_check_button_get_active (self->since_last_check);
  options.recipient = gtk_editable_get_text (self->recipient_entry);
  info = chc_package_export (self->database, path, &options, &local_error);
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), "error");
  if (info == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->result_label), "error");
      gtk_label_set_text (self->result_label, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  display = g_filename_display_name (path);
  text = g_string_new (NULL);
  g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "Wrote %s: %u record.", "Wrote %s: %u records.", info->n_rows),
                   display, info->n_rows);
  for (guint i = 0; tables[i] != NULL; i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (info->counts, tables[i]));

      if (n > 0)
        g_string_append_printf (text, "\n%s: %u", chc_database_table_label (tables[i]), n);
    }
  g_string_append_printf (text, "\nSHA-256 %s", info->sha256);
  if (info->fingerprint != NULL)
    g_string_append_printf (text, _("\nSigned with this installation's key, fingerprint %s: "
                                    "the receiver may phone you to compare it."),
                            info->fingerprint);
  gtk_label_set_text (self->result_label, text->str);
  return TRUE;
}

const char *
chc_package_export_dialog_get_result (ChcPackageExportDialog *self)
{
  g_return_val_if_fail (CHC_IS_PACKAGE_EXPORT_DIALOG (self), NULL);
  return gtk_label_get_text (self->result_label);
}
