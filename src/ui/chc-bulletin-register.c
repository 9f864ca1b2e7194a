/* chc-bulletin-register.c — the register of issued bulletins (发文登记) of
 * a district, opened from Reports: one line per bulletin issued (number,
 * period, date, issuing body, when issued) saying whether the figures it
 * showed have changed since, and Reprint…, which prints the selected one
 * again from the figures recorded when it was issued (io/chc-report.h),
 * taking no new number.  The comparison gathers every bulletin's figures
 * again, so the listing is made in a thread on its own connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-report"

#include <glib/gi18n-lib.h>

#include "chc-bulletin-register.h"
#include "store/chc-database-bulletins.h"
#include "io/chc-report.h"

typedef struct
{
  ChcBulletinIssue *issue;
  int               changed;   /* 1 yes, 0 no, -1 not recorded, -2 another language */
} Entry;

struct _ChcBulletinRegister
{
  GtkWindow        parent_instance;

  ChcDatabase     *database;
  ChcDistrict     *district;
  GPtrArray       *entries;     /* Entry */
  GCancellable    *cancellable;
  gboolean         busy;

  /* template children */
  GtkListBox      *list;
  GtkLabel        *status_label;
};

G_DEFINE_FINAL_TYPE (ChcBulletinRegister, chc_bulletin_register, GTK_TYPE_WINDOW)

static void
entry_free (Entry *entry)
{
  chc_bulletin_issue_free (entry->issue);
  g_free (entry);
}

static char *
entry_line (Entry *entry)
{
  g_autofree char *number = chc_bulletin_issue_dup_doc_number (entry->issue);
  const char *changed = entry->changed > 0 ? _("Figures changed since issue")
                        : entry->changed == 0 ? _("Figures unchanged")
                        : entry->changed == -2 ? _("Figures not compared (issued in another language)")
                        : _("Figures not recorded (issued before they were)");

  /* Translators: a line of the register: number, period, date of the
   * document, issuing body, when issued, whether the figures changed. */
  return g_strdup_printf (_("%s · %s · dated %s · %s · issued %s · %s"), number, entry->issue->period,
                          entry->issue->issue_date,
                          entry->issue->issuer ? entry->issue->issuer : "—",
                          entry->issue->issued_at, changed);
}

static void
set_status (ChcBulletinRegister *self,
            const char          *text,
            gboolean             error)
{
  gtk_label_set_text (self->status_label, text ? text : "");
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

/* ---- the listing, in a thread ---- */

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  gint64 district_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (task), "district-id"));
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  GError *error = NULL;

  /* Its own connection: SQLite handles are not shared across threads. */
  database = chc_database_open_worker (path, &error);
  if (database == NULL || (issues = chc_database_list_bulletins (database, district_id, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < issues->len; i++)
    {
      Entry *entry = g_new0 (Entry, 1);
      gboolean changed = FALSE;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          entry_free (entry);
          g_task_return_error (task, error);
          return;
        }
      entry->issue = g_ptr_array_index (issues, i);
      issues->pdata[i] = NULL;
      if (chc_report_figures_changed (database, entry->issue, &changed, &error))
        entry->changed = changed ? 1 : 0;
      else
        entry->changed = g_error_matches (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_LANGUAGE) ? -2 : -1;
      g_clear_error (&error);
      g_ptr_array_add (entries, entry);
    }
  g_task_return_pointer (task, g_steal_pointer (&entries), (GDestroyNotify) g_ptr_array_unref);
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ChcBulletinRegister *self = CHC_BULLETIN_REGISTER (source);
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = g_task_propagate_pointer (G_TASK (result), &error);
  guint n_changed = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (entries == NULL)
    {
      set_status (self, error->message, TRUE);
      return;
    }
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = entries;
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      g_autofree char *text = entry_line (entry);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      if (entry->changed > 0)
        {
          gtk_widget_add_css_class (label, "warning");
          n_changed++;
        }
      gtk_list_box_append (self->list, label);
    }
  if (entries->len > 0)
    gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, (int) entries->len - 1));
  {
    g_autofree char *text =
      entries->len == 0 ? g_strdup (_("No bulletin of this district has been issued yet."))
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u bulletin issued; figures changed since issue: %u.",
                                      "%u bulletins issued; figures changed since issue: %u.", entries->len),
                         entries->len, n_changed);
    set_status (self, text, FALSE);
  }
}

/* ---- reprint ---- */

static Entry *
selected_entry (ChcBulletinRegister *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int i;

  if (row == NULL || self->entries == NULL)
    return NULL;
  i = gtk_list_box_row_get_index (row);
  return i >= 0 && (guint) i < self->entries->len ? g_ptr_array_index (self->entries, i) : NULL;
}

static void
reprint_response_cb (GtkNativeDialog     *dialog,
                     int                  response,
                     ChcBulletinRegister *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      chc_bulletin_register_reprint_to (self, path, NULL);
    }
  g_object_unref (dialog);
}

static void
reprint_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChcBulletinRegister *self = CHC_BULLETIN_REGISTER (widget);
  Entry *entry = selected_entry (self);
  GtkFileChooserNative *dialog;
  gboolean editions;

  if (entry == NULL)
    {
      set_status (self, _("Choose a bulletin of the register first."), TRUE);
      return;
    }
  editions = entry->issue->editions > 1;
  dialog = gtk_file_chooser_native_new (editions ? _("Reprint the Editions into a Folder") : _("Reprint Bulletin"),
                                        GTK_WINDOW (self),
                                        editions ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                 : GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Reprint"), _("_Cancel"));
  if (!editions)
    {
      g_autofree char *number = chc_bulletin_issue_dup_doc_number (entry->issue);
      g_autofree char *name = g_strdup_printf ("%s.pdf", number);
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_pattern (filter, "*.pdf");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (reprint_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- lifecycle ---- */

static void
chc_bulletin_register_dispose (GObject *object)
{
  ChcBulletinRegister *self = CHC_BULLETIN_REGISTER (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), CHC_TYPE_BULLETIN_REGISTER);
  G_OBJECT_CLASS (chc_bulletin_register_parent_class)->dispose (object);
}

static void
chc_bulletin_register_finalize (GObject *object)
{
  ChcBulletinRegister *self = CHC_BULLETIN_REGISTER (object);

  g_clear_object (&self->database);
  g_clear_object (&self->district);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  G_OBJECT_CLASS (chc_bulletin_register_parent_class)->finalize (object);
}

static void
chc_bulletin_register_class_init (ChcBulletinRegisterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_bulletin_register_dispose;
  object_class->finalize = chc_bulletin_register_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-bulletin-register.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcBulletinRegister, list);
  gtk_widget_class_bind_template_child (widget_class, ChcBulletinRegister, status_label);

  gtk_widget_class_install_action (widget_class, "register.reprint", NULL, reprint_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chc_bulletin_register_init (ChcBulletinRegister *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* ---- public ---- */

ChcBulletinRegister *
chc_bulletin_register_new (ChcDatabase *database,
                           ChcDistrict *district)
{
  ChcBulletinRegister *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CHC_IS_DISTRICT (district), NULL);

  self = g_object_new (CHC_TYPE_BULLETIN_REGISTER, NULL);
  self->database = g_object_ref (database);
  self->district = g_object_ref (district);
  self->busy = TRUE;
  set_status (self, _("Comparing the figures of each bulletin with those of today…"), FALSE);

  task = g_task_new (self, self->cancellable, list_done_cb, NULL);
  g_task_set_task_data (task, g_strdup (chc_database_get_path (database)), g_free);
  g_object_set_data (G_OBJECT (task), "district-id",
                     GSIZE_TO_POINTER ((gsize) chc_district_get_id (district)));
  g_task_run_in_thread (task, list_thread);
  return self;
}

gboolean
chc_bulletin_register_get_busy (ChcBulletinRegister *self)
{
  g_return_val_if_fail (CHC_IS_BULLETIN_REGISTER (self), FALSE);
  return self->busy;
}

guint
chc_bulletin_register_get_n_issued (ChcBulletinRegister *self)
{
  g_return_val_if_fail (CHC_IS_BULLETIN_REGISTER (self), 0);
  return self->entries != NULL ? self->entries->len : 0;
}

char *
chc_bulletin_register_dup_line (ChcBulletinRegister *self,
                                guint                i)
{
  g_return_val_if_fail (CHC_IS_BULLETIN_REGISTER (self), NULL);
  g_return_val_if_fail (self->entries != NULL && i < self->entries->len, NULL);
  return entry_line (g_ptr_array_index (self->entries, i));
}

void
chc_bulletin_register_select (ChcBulletinRegister *self,
                              guint                i)
{
  g_return_if_fail (CHC_IS_BULLETIN_REGISTER (self));
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, (int) i));
}

gboolean
chc_bulletin_register_reprint_to (ChcBulletinRegister  *self,
                                  const char           *path,
                                  GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;
  Entry *entry;

  g_return_val_if_fail (CHC_IS_BULLETIN_REGISTER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  entry = selected_entry (self);
  if (entry == NULL)
    {
      g_set_error_literal (&local_error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_SNAPSHOT,
                           _("Choose a bulletin of the register first."));
    }
  else if (entry->issue->editions > 1)
    {
      g_auto(GStrv) written = chc_report_reprint_each_centre (self->database, entry->issue, path, &local_error);

      if (written != NULL)
        {
          display = g_filename_display_name (path);
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reprinted %u edition into %s.",
                                               "Reprinted %u editions into %s.", g_strv_length (written)),
                                  g_strv_length (written), display);
        }
    }
  else
    {
      g_autoptr(ChcReport) report = chc_report_reprint (self->database, entry->issue, 0, &local_error);

      if (report != NULL && chc_report_write_pdf (report, path, &local_error))
        {
          g_autofree char *number = chc_bulletin_issue_dup_doc_number (entry->issue);

          display = g_filename_display_name (path);
          /* Translators: %s the document number, %s the file. */
          text = g_strdup_printf (_("Reprinted %s as issued into %s."), number, display);
        }
    }
  if (local_error != NULL)
    {
      set_status (self, local_error->message, TRUE);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  set_status (self, text, FALSE);
  return TRUE;
}
