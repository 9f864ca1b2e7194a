/* chc-standardization-batch-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-ui"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "core/chc-date.h"
#include "core/chc-project.h"
#include "store/chc-database-projects.h"
#include "chc-date-entry.h"
#include "chc-ui-resources.h"
#include "chc-standardization-batch-dialog.h"

struct _ChcStandardizationBatchDialog
{
  GtkWindow      parent_instance;

  ChcDatabase   *database;
  ChcDistrict   *district;
  GPtrArray     *facilities;   /* ChcFacility listed, in list order */
  GPtrArray     *checks;       /* GtkCheckButton per facility */

  GtkSpinButton *plan_year_spin;
  ChcDateEntry  *approved_entry;
  ChcDateEntry  *started_entry;
  ChcDateEntry  *completed_entry;
  GtkEntry      *budget_entry;
  GtkEntry      *units_entry;
  GtkListBox    *list_box;
  GtkLabel      *ticked_label;
  GtkLabel      *error_label;
  GtkButton     *add_button;
};

enum {
  SIGNAL_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChcStandardizationBatchDialog, chc_standardization_batch_dialog, GTK_TYPE_WINDOW)

static void
show_error (ChcStandardizationBatchDialog *self,
            const char                    *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_ticked (ChcStandardizationBatchDialog *self)
{
  guint n = chc_standardization_batch_dialog_get_n_ticked (self);
  g_autofree char *ticked = g_strdup_printf (_("%u of %u ticked"), n, self->facilities->len);
  g_autofree char *add = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Add %u project",
                                                       "_Add %u projects", n), n);

  gtk_label_set_text (self->ticked_label, ticked);
  gtk_button_set_label (self->add_button, add);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.add", n > 0);
}

/* The stations and village clinics of the district that operate, are not
 * standardized and have no standardization project under way. */
static void
fill_list (ChcStandardizationBatchDialog *self)
{
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GHashTable) under_way = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  ChcProjectFilter filter;

  chc_project_filter_init (&filter);
  filter.kind = CHC_PROJECT_STANDARDIZATION;
  facilities = chc_database_list_facilities (self->database, chc_district_get_id (self->district), &error);
  if (facilities != NULL)
    projects = chc_database_list_projects (self->database, chc_district_get_id (self->district),
                                           &filter, &error);
  if (facilities == NULL || projects == NULL)
    {
      show_error (self, error->message);
      return;
    }

  for (guint i = 0; i < projects->len; i++)
    {
      ChcProject *p = g_ptr_array_index (projects, i);
      ChcProjectStatus status;

      chc_project_evaluate (p, 0, &status);
      if (!status.finished)
        {
          gint64 *id = g_new (gint64, 1);
          *id = chc_project_get_facility_id (p);
          g_hash_table_add (under_way, id);
        }
    }

  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (facilities, i);
      ChcFacilityType type = chc_facility_get_facility_type (f);
      gint64 id = chc_facility_get_id (f);
      g_autofree char *label = NULL;
      GtkWidget *check;

      if ((type != CHC_FACILITY_STATION && type != CHC_FACILITY_VILLAGE_CLINIC) ||
          chc_facility_get_status (f) != CHC_FACILITY_OPERATING ||
          chc_facility_get_standardized (f) ||
          g_hash_table_contains (under_way, &id))
        continue;

      /* Translators: facility name — facility type, town */
      label = g_strdup_printf (_("%s — %s, %s"), chc_facility_get_name (f),
                               chc_facility_type_to_label (type),
                               chc_facility_get_town_name (f) != NULL ? chc_facility_get_town_name (f) : "");
      check = gtk_check_button_new_with_label (label);
      gtk_widget_set_name (check, chc_facility_get_code (f));
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_ticked), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->list_box, check);
      g_ptr_array_add (self->facilities, g_object_ref (f));
      g_ptr_array_add (self->checks, check);
    }

  if (self->facilities->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("Every station and village clinic of the district is standardized or has a standardization project under way."));
      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_list_box_append (self->list_box, empty);
    }
  update_ticked (self);
}

static void
tick_all (ChcStandardizationBatchDialog *self,
          gboolean                       ticked)
{
  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i), ticked);
}

static void
action_tick_all (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  tick_all (CHC_STANDARDIZATION_BATCH_DIALOG (widget), TRUE);
}

static void
action_tick_none (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  tick_all (CHC_STANDARDIZATION_BATCH_DIALOG (widget), FALSE);
}

static void
action_add (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ChcStandardizationBatchDialog *self = CHC_STANDARDIZATION_BATCH_DIALOG (widget);
  g_autoptr(GPtrArray) projects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *budget_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->budget_entry))));
  double budget = NAN;
  ChcDateEntry *dates[] = { self->approved_entry, self->started_entry, self->completed_entry };
  const ChcMilestoneKind milestones[] = { CHC_MILESTONE_APPROVED, CHC_MILESTONE_STARTED, CHC_MILESTONE_COMPLETED };

  /* Dates typed but not confirmed with Enter count too. */
  for (guint d = 0; d < G_N_ELEMENTS (dates); d++)
    if (g_strcmp0 (chc_date_entry_get_text (dates[d]), chc_date_entry_get_date (dates[d]) ? chc_date_entry_get_date (dates[d]) : "") != 0 &&
        !chc_date_entry_commit (dates[d]))
      {
        show_error (self, _("A planned date is not a date; write it as 2024-03-15 or 2024年3月15日."));
        return;
      }

  if (*budget_text != '\0')
    {
      char *end = NULL;

      budget = g_ascii_strtod (budget_text, &end);
      if (end == NULL || *end != '\0' || !isfinite (budget))
        {
          show_error (self, _("Budget: write a number of 10,000 yuan, or leave it empty."));
          return;
        }
    }

  for (guint i = 0; i < self->facilities->len; i++)
    {
      ChcProject *p;

      if (!gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
        continue;
      p = chc_project_new ();
      chc_project_set_facility_id (p, chc_facility_get_id (g_ptr_array_index (self->facilities, i)));
      chc_project_set_kind (p, CHC_PROJECT_STANDARDIZATION);
      chc_project_set_plan_year (p, gtk_spin_button_get_value_as_int (self->plan_year_spin));
      chc_project_set_budget (p, budget);
      chc_project_set_units (p, gtk_editable_get_text (GTK_EDITABLE (self->units_entry)));
      for (guint d = 0; d < G_N_ELEMENTS (dates); d++)
        chc_project_set_planned (p, milestones[d], chc_date_entry_get_date (dates[d]));
      g_ptr_array_add (projects, p);
    }

  if (projects->len == 0)
    return;
  if (!chc_database_add_projects (self->database, projects, &error))
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_ADDED], 0, projects->len);
  gtk_window_close (GTK_WINDOW (self));
}

static void
chc_standardization_batch_dialog_dispose (GObject *object)
{
  ChcStandardizationBatchDialog *self = (ChcStandardizationBatchDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_STANDARDIZATION_BATCH_DIALOG);
  g_clear_object (&self->database);
  g_clear_object (&self->district);
  g_clear_pointer (&self->facilities, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (chc_standardization_batch_dialog_parent_class)->dispose (object);
}

static void
chc_standardization_batch_dialog_class_init (ChcStandardizationBatchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_standardization_batch_dialog_dispose;

  signals[SIGNAL_ADDED] =
    g_signal_new ("added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (CHC_TYPE_DATE_ENTRY);
  /* Links the resource (it registers itself when loaded). */
  (void) chc_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-standardization-batch-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcStandardizationBatchDialog, plan_year_spin);
  gtk_widget_class_bind_template_child (widget_class, ChcStandardizationBatchDialog, approved_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcStandardizationBatchDialog, started_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcStandardizationBatchDialog, completed_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcStandardizationBatchDialog, budget_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcStandardizationBatchDialog, units_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcStandardizationBatchDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, ChcStandardizationBatchDialog, ticked_label);
  gtk_widget_class_bind_template_child (widget_class, ChcStandardizationBatchDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ChcStandardizationBatchDialog, add_button);

  gtk_widget_class_install_action (widget_class, "batch.add", NULL, action_add);
  gtk_widget_class_install_action (widget_class, "batch.tick-all", NULL, action_tick_all);
  gtk_widget_class_install_action (widget_class, "batch.tick-none", NULL, action_tick_none);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chc_standardization_batch_dialog_init (ChcStandardizationBatchDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->facilities = g_ptr_array_new_with_free_func (g_object_unref);
  self->checks = g_ptr_array_new ();
}

GtkWidget *
chc_standardization_batch_dialog_new (ChcDatabase *database,
                                      ChcDistrict *district,
                                      int          year)
{
  ChcStandardizationBatchDialog *self;
  g_autofree char *approved = NULL;
  g_autofree char *started = NULL;
  g_autofree char *completed = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CHC_IS_DISTRICT (district), NULL);

  if (year <= 0)
    {
      GDate today;

      chc_date_today (&today);
      year = g_date_get_year (&today);
    }

  self = g_object_new (CHC_TYPE_STANDARDIZATION_BATCH_DIALOG, NULL);
  self->database = g_object_ref (database);
  self->district = g_object_ref (district);
  gtk_spin_button_set_value (self->plan_year_spin, year);

  /* A year's batch: approved in February, started in April, completed by
   * the end of October (change as needed). */
  approved = g_strdup_printf ("%d-02-28", year);
  started = g_strdup_printf ("%d-04-30", year);
  completed = g_strdup_printf ("%d-10-31", year);
  chc_date_entry_set_date (self->approved_entry, approved);
  chc_date_entry_set_date (self->started_entry, started);
  chc_date_entry_set_date (self->completed_entry, completed);
  {
    g_autofree char *units = g_strdup_printf (_("%s Health Commission, towns"), chc_district_get_name (district));
    gtk_editable_set_text (GTK_EDITABLE (self->units_entry), units);
  }

  fill_list (self);
  return GTK_WIDGET (self);
}

guint
chc_standardization_batch_dialog_get_n_listed (ChcStandardizationBatchDialog *self)
{
  g_return_val_if_fail (CHC_IS_STANDARDIZATION_BATCH_DIALOG (self), 0);
  return self->facilities->len;
}

guint
chc_standardization_batch_dialog_get_n_ticked (ChcStandardizationBatchDialog *self)
{
  guint n = 0;

  g_return_val_if_fail (CHC_IS_STANDARDIZATION_BATCH_DIALOG (self), 0);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      n++;
  return n;
}
