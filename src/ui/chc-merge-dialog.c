/* chc-merge-dialog.c — merging an exchange package: a preview of what it
 * changes, every conflict side by side with "keep ours" / "take theirs",
 * and Merge only once each conflict has a choice (none is resolved
 * silently).  The plan and the merge are the store's (store/chc-package.c).
 * A package from a sender whose key is not pinned yet shows the key's
 * fingerprint and merges only once the user says they compared it with
 * the sender (issue 18).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-merge"

#include <glib/gi18n-lib.h>

#include "chc-merge-dialog.h"
#include "chc-ui-util.h"
#include "store/chc-database-sync.h"

struct _ChcMergeDialog
{
  GtkWindow            parent_instance;

  ChcDatabase         *database;
  ChcMergePlan        *plan;
  ChcPackageInfo      *info;
  gboolean             merged;
  gboolean             busy;
  guint                n_applied;
  gint                 done;        /* progress of the worker (atomic) */
  gint                 total;
  guint                progress_id;
  gboolean             signer_trusted;

  /* template children */
  GtkWidget           *apply_button;
  GtkLabel            *source_label;
  GtkWidget           *signer_box;
  GtkLabel            *signer_label;
  GtkWidget           *trust_check;
  GtkLabel            *status_label;
  GtkWidget           *resolve_box;
  GtkColumnView       *changes_view;
  GtkColumnViewColumn *record_column;
  GtkColumnViewColumn *table_column;
  GtkColumnViewColumn *field_column;
  GtkColumnViewColumn *ours_column;
  GtkColumnViewColumn *theirs_column;
  GtkColumnViewColumn *choice_column;
  GtkProgressBar      *progress_bar;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (ChcMergeDialog, chc_merge_dialog, GTK_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_SIGNER_TRUSTED,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static void
set_error (ChcMergeDialog *self,
           const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_status (ChcMergeDialog *self)
{
  g_autofree char *text = NULL;
  guint n_changes = self->plan != NULL ? chc_merge_plan_get_n_changes (self->plan) : 0;
  guint n_conflicts = self->plan != NULL ? chc_merge_plan_get_n_conflicts (self->plan) : 0;
  guint n_unresolved = self->plan != NULL ? chc_merge_plan_get_n_unresolved (self->plan) : 0;
  gboolean can_apply = FALSE;
  gboolean needs_trust = self->plan != NULL && chc_merge_plan_get_signer_is_new (self->plan) &&
                         !self->signer_trusted;

  if (self->merged)
    text = self->n_applied > 0
           ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Merged: %u change applied.",
                                           "Merged: %u changes applied.", self->n_applied),
                              self->n_applied)
           : g_strdup (_("Nothing was changed: this database already had everything in the package."));
  else if (self->plan == NULL)
    text = g_strdup ("");
  else if (n_changes == 0)
    text = g_strdup (_("Nothing to merge: this database already has everything in the package."));
  else if (needs_trust)
    text = g_strdup (_("Before merging, phone the sender and compare the key fingerprint above with the one "
                       "their CHC Monitor showed when they exported the package (or “chc-cli keys show”); "
                       "then tick the box."));
  else if (n_unresolved > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u changes; %u of the %u fields changed on both sides still needs your choice: keep this database’s value or take the package’s.",
                                         "%u changes; %u of the %u fields changed on both sides still need your choice: keep this database’s value or take the package’s.",
                                         n_unresolved),
                            n_changes, n_unresolved, n_conflicts);
  else
    {
      text = n_conflicts > 0
             ? g_strdup_printf (_("%u changes, every conflict decided. Merge applies them in one go, after a backup."), n_changes)
             : g_strdup_printf (_("%u changes, no conflicts. Merge applies them in one go, after a backup."), n_changes);
      can_apply = TRUE;
    }

  /* A large package's preview lists every conflict and the first changes. */
  if (!self->merged && self->plan != NULL && chc_merge_plan_get_n_unlisted (self->plan) > 0)
    {
      guint n_unlisted = chc_merge_plan_get_n_unlisted (self->plan);
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u change is not listed (the list shows every conflict and the first changes).",
                                                            "%u changes are not listed (the list shows every conflict and the first changes).",
                                                            n_unlisted),
                                               n_unlisted);
      char *both = g_strconcat (text, " ", more, NULL);

      g_free (text);
      text = both;
    }

  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (self->resolve_box, !self->merged && n_conflicts > 0);
  gtk_widget_set_visible (self->trust_check, self->plan != NULL && chc_merge_plan_get_signer_is_new (self->plan));
  gtk_widget_set_sensitive (self->trust_check, !self->merged && !self->busy);
  gtk_button_set_label (GTK_BUTTON (self->apply_button),
                        self->merged || n_changes == 0 ? _("_Close") : _("_Merge"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.apply",
                                 !self->busy &&
                                 (can_apply || self->merged || (self->plan != NULL && n_changes == 0)));
}

/* ---- the columns ------------------------------------------------------- */

static char *
record_text (gpointer item,
             gpointer user_data)
{
  ChcMergeChange *change = item;
  const char *description = chc_merge_change_get_description (change);

  if (chc_merge_change_get_action (change) == CHC_MERGE_CONFLICT)
    return g_strdup_printf ("⚠ %s", description);
  return g_strdup (description);
}

static char *
value_text (gpointer item,
            gpointer user_data)
{
  const char *value = GPOINTER_TO_INT (user_data) ? chc_merge_change_get_theirs (item)
                                                  : chc_merge_change_get_ours (item);

  const char *table = chc_merge_change_get_table (item);
  const char *field = chc_merge_change_get_field (item);

  if (value == NULL)
    return g_strdup ("—");
  if (g_strcmp0 (field, "*") == 0 && value[0] == '{')
    return chc_ui_display_row (table, value);
  return chc_ui_display_field_value (table, field, value);
}

/* The outcome: the action, or for a conflict two toggle buttons. */
static void
choice_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *ours = gtk_toggle_button_new_with_label (_("Keep ours"));
  GtkWidget *theirs = gtk_toggle_button_new_with_label (_("Take theirs"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (theirs), GTK_TOGGLE_BUTTON (ours));
  gtk_widget_add_css_class (box, "linked");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), ours);
  gtk_box_append (GTK_BOX (box), theirs);
  gtk_list_item_set_child (item, box);
}

static void
sync_toggles (GtkWidget      *box,
              ChcMergeChange *change)
{
  GtkWidget *ours = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  GtkWidget *theirs = gtk_widget_get_next_sibling (ours);
  ChcMergeChoice choice = chc_merge_change_get_choice (change);

  g_object_set_data (G_OBJECT (box), "syncing", GINT_TO_POINTER (TRUE));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (ours), choice == CHC_MERGE_CHOICE_OURS);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (theirs), choice == CHC_MERGE_CHOICE_THEIRS);
  g_object_set_data (G_OBJECT (box), "syncing", NULL);
}

static void
on_toggle_cb (GtkToggleButton *button,
              GtkWidget       *box)
{
  ChcMergeChange *change = g_object_get_data (G_OBJECT (box), "change");
  GtkWidget *ours = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));

  if (change == NULL || g_object_get_data (G_OBJECT (box), "syncing") ||
      !gtk_toggle_button_get_active (button))
    return;
  chc_merge_change_set_choice (change, GTK_WIDGET (button) == ours ? CHC_MERGE_CHOICE_OURS
                                                                   : CHC_MERGE_CHOICE_THEIRS);
}

static void
on_choice_notify_cb (ChcMergeChange *change,
                     GParamSpec     *pspec,
                     GtkWidget      *box)
{
  sync_toggles (box, change);
}

static void
choice_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  ChcMergeChange *change = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *ours = gtk_widget_get_next_sibling (label);
  GtkWidget *theirs = gtk_widget_get_next_sibling (ours);
  gboolean conflict = chc_merge_change_get_action (change) == CHC_MERGE_CONFLICT;

  gtk_label_set_text (GTK_LABEL (label), conflict ? "" : chc_merge_action_to_label (chc_merge_change_get_action (change)));
  gtk_widget_set_visible (label, !conflict);
  gtk_widget_set_visible (ours, conflict);
  gtk_widget_set_visible (theirs, conflict);
  g_object_set_data (G_OBJECT (box), "change", change);
  gtk_widget_set_sensitive (theirs, !chc_merge_change_get_locked (change));
  chc_ui_set_tooltip (theirs, chc_merge_change_get_locked (change)
                              ? _("This figure is locked here (its report was approved, or its period locked): the package cannot change it.")
                              : NULL);
  if (!conflict)
    return;
  sync_toggles (box, change);
  g_signal_connect (ours, "toggled", G_CALLBACK (on_toggle_cb), box);
  g_signal_connect (theirs, "toggled", G_CALLBACK (on_toggle_cb), box);
  g_signal_connect (change, "notify::choice", G_CALLBACK (on_choice_notify_cb), box);
}

static void
choice_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  ChcMergeChange *change = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *ours = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  GtkWidget *theirs = gtk_widget_get_next_sibling (ours);

  g_signal_handlers_disconnect_by_func (ours, on_toggle_cb, box);
  g_signal_handlers_disconnect_by_func (theirs, on_toggle_cb, box);
  g_signal_handlers_disconnect_by_func (change, on_choice_notify_cb, box);
  g_object_set_data (G_OBJECT (box), "change", NULL);
}

/* ---- actions ----------------------------------------------------------- */

static gboolean
update_progress_cb (gpointer user_data)
{
  ChcMergeDialog *self = user_data;
  gint total = g_atomic_int_get (&self->total);

  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, (double) g_atomic_int_get (&self->done) / total);
  else
    gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
merge_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ChcMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->busy = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  if (!chc_package_apply_merge_finish (CHC_DATABASE (source), result, &self->n_applied, &error))
    {
      set_error (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->changes_view), TRUE);
      update_status (self);
      return;
    }
  self->merged = TRUE;
  update_status (self);
}

/* Merges in a worker thread (its own connection): the window stays
 * responsive and the progress bar moves. */
static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ChcMergeDialog *self = CHC_MERGE_DIALOG (widget);

  if (self->busy)
    return;
  if (self->merged || self->plan == NULL || chc_merge_plan_get_n_changes (self->plan) == 0)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  self->busy = TRUE;
  g_atomic_int_set (&self->done, 0);
  g_atomic_int_set (&self->total, 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->changes_view), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.apply", FALSE);
  set_error (self, NULL);
  self->progress_id = g_timeout_add (100, update_progress_cb, self);
  chc_package_apply_merge_async (self->database, self->plan, CHC_MERGE_CHOICE_NONE,
                                 &self->done, &self->total, NULL,
                                 merge_done_cb, g_object_ref (self));
}

static void
resolve_all (ChcMergeDialog *self,
             ChcMergeChoice  choice)
{
  if (self->plan != NULL && !self->merged && !self->busy)
    chc_merge_plan_resolve_all (self->plan, choice);
}

static void
keep_all_ours_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  resolve_all (CHC_MERGE_DIALOG (widget), CHC_MERGE_CHOICE_OURS);
}

static void
take_all_theirs_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  resolve_all (CHC_MERGE_DIALOG (widget), CHC_MERGE_CHOICE_THEIRS);
}

static void
on_change_choice_cb (ChcMergeDialog *self)
{
  update_status (self);
}

/* ---- GObject ----------------------------------------------------------- */

static void
chc_merge_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChcMergeDialog *self = CHC_MERGE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SIGNER_TRUSTED:
      g_value_set_boolean (value, self->signer_trusted);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_merge_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ChcMergeDialog *self = CHC_MERGE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SIGNER_TRUSTED:
      if (self->busy || self->merged || self->signer_trusted == g_value_get_boolean (value))
        return;
      self->signer_trusted = g_value_get_boolean (value);
      if (self->plan != NULL)
        chc_merge_plan_set_signer_trusted (self->plan, self->signer_trusted);
      update_status (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_merge_dialog_dispose (GObject *object)
{
  ChcMergeDialog *self = CHC_MERGE_DIALOG (object);

  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_MERGE_DIALOG);
  G_OBJECT_CLASS (chc_merge_dialog_parent_class)->dispose (object);
}

static void
chc_merge_dialog_finalize (GObject *object)
{
  ChcMergeDialog *self = CHC_MERGE_DIALOG (object);

  if (self->plan != NULL)
    {
      GListModel *changes = chc_merge_plan_get_changes (self->plan);

      for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
        {
          g_autoptr(GObject) change = g_list_model_get_item (changes, i);
          g_signal_handlers_disconnect_by_data (change, self);
        }
    }
  g_clear_object (&self->plan);
  g_clear_object (&self->database);
  g_clear_pointer (&self->info, chc_package_info_free);
  G_OBJECT_CLASS (chc_merge_dialog_parent_class)->finalize (object);
}

static void
chc_merge_dialog_class_init (ChcMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_merge_dialog_dispose;
  object_class->finalize = chc_merge_dialog_finalize;
  object_class->get_property = chc_merge_dialog_get_property;
  object_class->set_property = chc_merge_dialog_set_property;

  props[PROP_SIGNER_TRUSTED] =
    g_param_spec_boolean ("signer-trusted", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, source_label);
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, signer_box);
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, signer_label);
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, trust_check);
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, resolve_box);
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, changes_view);
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, record_column);
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, table_column);
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, field_column);
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, ours_column);
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, theirs_column);
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, choice_column);
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ChcMergeDialog, error_label);

  gtk_widget_class_install_action (widget_class, "merge.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "merge.keep-all-ours", NULL, keep_all_ours_action);
  gtk_widget_class_install_action (widget_class, "merge.take-all-theirs", NULL, take_all_theirs_action);
  gtk_widget_class_install_property_action (widget_class, "merge.trust-signer", "signer-trusted");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "merge.apply", NULL);
}

static void
chc_merge_dialog_init (ChcMergeDialog *self)
{
  g_autoptr(GtkListItemFactory) choice = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  chc_ui_column_set_text (self->record_column, record_text, NULL, FALSE);
  chc_ui_column_set_text (self->table_column, chc_ui_table_text, NULL, FALSE);
  chc_ui_column_set_text (self->field_column, chc_ui_field_text, NULL, FALSE);
  chc_ui_column_set_text (self->ours_column, value_text, GINT_TO_POINTER (FALSE), FALSE);
  chc_ui_column_set_text (self->theirs_column, value_text, GINT_TO_POINTER (TRUE), FALSE);
  g_signal_connect (choice, "setup", G_CALLBACK (choice_setup_cb), NULL);
  g_signal_connect (choice, "bind", G_CALLBACK (choice_bind_cb), NULL);
  g_signal_connect (choice, "unbind", G_CALLBACK (choice_unbind_cb), NULL);
  gtk_column_view_column_set_factory (self->choice_column, choice);
  update_status (self);
}

/* ---- public API -------------------------------------------------------- */

ChcMergeDialog *
chc_merge_dialog_new (ChcDatabase *database)
{
  ChcMergeDialog *self;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);

  self = g_object_new (CHC_TYPE_MERGE_DIALOG, NULL);
  self->database = g_object_ref (database);
  return self;
}

gboolean
chc_merge_dialog_load (ChcMergeDialog  *self,
                       const char      *path,
                       GError         **error)
{
  g_autoptr(ChcPackageInfo) info = NULL;
  g_autoptr(ChcMergePlan) plan = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *display = NULL;
  g_autofree char *source = NULL;
  GListModel *changes;

  g_return_val_if_fail (CHC_IS_MERGE_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  info = chc_package_read_info (path, error);
  if (info == NULL)
    return FALSE;
  plan = chc_package_plan_merge (self->database, path, error);
  if (plan == NULL)
    return FALSE;

  display = g_filename_display_basename (path);
  source = g_strdup_printf (_("%s: from %s (installation %s), made %s, %u records."),
                            display,
                            *info->source_label != '\0' ? info->source_label : _("a whole database"),
                            info->source_installation, info->created_at, info->n_rows);
  gtk_label_set_text (self->source_label, source);
  {
    g_autofree char *signer = NULL;

    if (chc_merge_plan_get_signer_is_new (plan))
      signer = g_strdup_printf (_("New sender: %s. Its key is not known here yet; key fingerprint: %s"),
                                chc_merge_plan_get_signer (plan),
                                chc_merge_plan_get_signer_fingerprint (plan));
    else
      signer = g_strdup_printf (_("Signed by %s with the key pinned here (fingerprint %s)."),
                                chc_merge_plan_get_signer (plan),
                                chc_merge_plan_get_signer_fingerprint (plan));
    gtk_label_set_text (self->signer_label, signer);
  }
  self->signer_trusted = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SIGNER_TRUSTED]);

  g_set_object (&self->plan, plan);
  g_clear_pointer (&self->info, chc_package_info_free);
  self->info = g_steal_pointer (&info);
  self->merged = FALSE;

  changes = chc_merge_plan_get_changes (self->plan);
  for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
    {
      g_autoptr(GObject) change = g_list_model_get_item (changes, i);
      g_signal_connect_object (change, "notify::choice", G_CALLBACK (on_change_choice_cb),
                               self, G_CONNECT_SWAPPED);
    }
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (changes)));
  gtk_column_view_set_model (self->changes_view, GTK_SELECTION_MODEL (selection));
  set_error (self, NULL);
  update_status (self);
  return TRUE;
}

ChcMergePlan *
chc_merge_dialog_get_plan (ChcMergeDialog *self)
{
  g_return_val_if_fail (CHC_IS_MERGE_DIALOG (self), NULL);
  return self->plan;
}

gboolean
chc_merge_dialog_get_busy (ChcMergeDialog *self)
{
  g_return_val_if_fail (CHC_IS_MERGE_DIALOG (self), FALSE);
  return self->busy;
}

gboolean
chc_merge_dialog_get_merged (ChcMergeDialog *self)
{
  g_return_val_if_fail (CHC_IS_MERGE_DIALOG (self), FALSE);
  return self->merged;
}

const char *
chc_merge_dialog_get_signer_text (ChcMergeDialog *self)
{
  g_return_val_if_fail (CHC_IS_MERGE_DIALOG (self), NULL);
  return gtk_label_get_text (self->signer_label);
}

const char *
chc_merge_dialog_get_status (ChcMergeDialog *self)
{
  g_return_val_if_fail (CHC_IS_MERGE_DIALOG (self), NULL);
  return gtk_label_get_text (self->status_label);
}
