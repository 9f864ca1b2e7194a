/* chc-start-dialog.c — the first run of a database without facilities.
 *
 * A real database starts with the districts and their towns only.  When
 * the application opens one without any facility, this dialog offers:
 *   从本区登记册开始  the district's registry (io/chc-registry-seed.c, the
 *                    same function as chc-cli init --district): towns,
 *                    facilities and construction items of its plan, in one
 *                    transaction; the window then shows that district;
 *   打开演示数据库    the demo database, in a window of its own (this
 *                    database stays as it is, and this window closes);
 *   从空白开始        nothing; the user adds or imports the facilities.
 * After a registry, the window shows the district's registry view.
 * The registry and empty choices are remembered (meta "start_offer"), so
 * the dialog is not offered again.  Escape closes without choosing.  A
 * refusal or failure is said in the dialog, in the user's words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-start-dialog"

#include <glib/gi18n-lib.h>

#include "chc-start-dialog.h"
#include "chc-application.h"
#include "io/chc-registry-seed.h"

#define OFFER_KEY "start_offer"

struct _ChcStartDialog
{
  GtkWindow     parent_instance;

  ChcWindow    *window;     /* weak: the dialog dies with it */
  ChcDatabase  *database;
  GtkStringList *codes;     /* the districts' codes, as the dropdown lists them */

  /* template children */
  GtkDropDown  *district_dropdown;
  GtkButton    *registry_button;
  GtkButton    *demo_button;
  GtkButton    *empty_button;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (ChcStartDialog, chc_start_dialog, GTK_TYPE_WINDOW)

static void
show_error (ChcStartDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
remember_choice (ChcStartDialog *self,
                 const char     *choice)
{
  g_autoptr(GError) error = NULL;

  /* Not remembered, the dialog is only offered again. */
  if (!chc_database_set_meta (self->database, OFFER_KEY, choice, &error))
    g_message ("The start choice is not remembered: %s", error->message);
}

/* ---- callbacks -------------------------------------------------------- */

static void
on_registry_clicked_cb (ChcStartDialog *self)
{
  guint position = gtk_drop_down_get_selected (self->district_dropdown);
  const char *code = gtk_string_list_get_string (self->codes, position);
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(GError) error = NULL;

  if (code == NULL)
    return;
  if (!chc_registry_seed_district (self->database, code, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The registry was not loaded: %s"), error->message);

      show_error (self, message);
      return;
    }
  remember_choice (self, "registry");
  district = chc_database_find_district (self->database, code, NULL);
  if (district != NULL && self->window != NULL)
    {
      g_autofree char *message = NULL;

      /* The window shows the district's registry, and says what it is. */
      chc_window_set_district (self->window, district);
      gtk_widget_activate_action (GTK_WIDGET (self->window), "win.show-view", "s", "facilities");
      message = g_strdup_printf (_("Loaded the registry of %s from its plan. The codes are provisional until you enter the real ones; floor areas and dates are for you to enter."),
                                 chc_district_get_name (district));
      chc_window_show_message (self->window, message, FALSE);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_demo_clicked_cb (ChcStartDialog *self)
{
  GtkApplication *app = self->window != NULL ? gtk_window_get_application (GTK_WINDOW (self->window)) : NULL;
  g_autofree char *path = chc_application_demo_path ();
  GtkWindow *demo;

  if (!CHC_IS_APPLICATION (app))
    {
      show_error (self, _("The demo database can only be opened from the application."));
      return;
    }
  demo = chc_application_open (CHC_APPLICATION (app), path, CHC_OPEN_DEMO);
  if (demo == NULL)
    return;  /* the application said why */
  /* The empty database's window goes; the dialog with it. */
  gtk_window_close (GTK_WINDOW (self->window));
}

static void
on_empty_clicked_cb (ChcStartDialog *self)
{
  remember_choice (self, "empty");
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- GObject ---------------------------------------------------------- */

static void
chc_start_dialog_dispose (GObject *object)
{
  ChcStartDialog *self = CHC_START_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_START_DIALOG);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->database);
  g_clear_object (&self->codes);
  G_OBJECT_CLASS (chc_start_dialog_parent_class)->dispose (object);
}

static void
chc_start_dialog_class_init (ChcStartDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_start_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-start-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcStartDialog, district_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcStartDialog, registry_button);
  gtk_widget_class_bind_template_child (widget_class, ChcStartDialog, demo_button);
  gtk_widget_class_bind_template_child (widget_class, ChcStartDialog, empty_button);
  gtk_widget_class_bind_template_child (widget_class, ChcStartDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_registry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_empty_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chc_start_dialog_init (ChcStartDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API ------------------------------------------------------- */

gboolean
chc_start_dialog_wanted (ChcDatabase *database)
{
  g_autoptr(GPtrArray) facilities = NULL;
  g_autofree char *choice = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);

  if (chc_database_get_demo (database) || chc_database_get_read_only (database))
    return FALSE;
  choice = chc_database_get_meta (database, OFFER_KEY);
  if (choice != NULL)
    return FALSE;
  facilities = chc_database_list_facilities (database, 0, NULL);
  return facilities != NULL && facilities->len == 0;
}

GtkWidget *
chc_start_dialog_new (ChcWindow *window)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *const *codes = chc_registry_seed_get_district_codes ();
  ChcStartDialog *self;

  g_return_val_if_fail (CHC_IS_WINDOW (window), NULL);

  self = g_object_new (CHC_TYPE_START_DIALOG, "transient-for", window,
                       "application", gtk_window_get_application (GTK_WINDOW (window)), NULL);
  g_set_weak_pointer (&self->window, window);
  self->database = g_object_ref (chc_window_get_database (window));
  self->codes = gtk_string_list_new (NULL);

  /* The districts with a registry, by their names in this database. */
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr(ChcDistrict) district = chc_database_find_district (self->database, codes[i], NULL);

      if (district == NULL)
        continue;
      gtk_string_list_append (self->codes, codes[i]);
      gtk_string_list_append (names, chc_district_get_name (district));
    }
  gtk_drop_down_set_model (self->district_dropdown, G_LIST_MODEL (names));

  /* The window's district first, when it has a registry. */
  if (chc_window_get_district (window) != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->codes)); i++)
      if (g_strcmp0 (gtk_string_list_get_string (self->codes, i),
                     chc_district_get_code (chc_window_get_district (window))) == 0)
        gtk_drop_down_set_selected (self->district_dropdown, i);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->registry_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->district_dropdown));
  return GTK_WIDGET (self);
}
