/* chc-schedule-dialog.c — a district's reporting schedule (issue 15): for
 * each data set its facilities report, the due day and the month it falls
 * in after the period, the facility types that report it, and whether
 * the district collects it.  The rows are chc_database_list_schedules()'s;
 * Save writes the changed ones with chc_database_set_schedules() (one
 * transaction) and closes; Cancel or Escape closes without writing.  What
 * the store refuses is said under the rows and nothing is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-schedule-dialog"

#include <glib/gi18n-lib.h>

#include "chc-schedule-dialog.h"
#include "model/chc-enums.h"
#include "store/chc-database-reporting.h"

/* The facility types a data set may be reported by, in their order. */
static const ChcFacilityType reporter_types[] = {
  CHC_FACILITY_CENTRE, CHC_FACILITY_BRANCH, CHC_FACILITY_STATION, CHC_FACILITY_VILLAGE_CLINIC,
};

typedef struct
{
  GtkSpinButton  *due_day;
  GtkSpinButton  *due_months;
  GtkCheckButton *types[G_N_ELEMENTS (reporter_types)];
  GtkCheckButton *active;
} ScheduleRow;

struct _ChcScheduleDialog
{
  GtkWindow    parent_instance;

  ChcDatabase *database;
  gint64       district_id;
  GPtrArray   *schedules;   /* (element-type ChcReportSchedule) */
  GArray      *rows;        /* ScheduleRow, one per schedule */

  /* template children */
  GtkLabel    *intro_label;
  GtkGrid     *grid;
  GtkLabel    *error_label;
  GtkButton   *save_button;
};

G_DEFINE_FINAL_TYPE (ChcScheduleDialog, chc_schedule_dialog, GTK_TYPE_WINDOW)

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
build_rows (ChcScheduleDialog *self)
{
  const char *headings[] = {
    _("Data set"), _("Due day"), _("Months after"), _("Facilities that report"), _("Collected"),
  };

  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    gtk_grid_attach (self->grid, heading (headings[c]), (int) c, 0, 1, 1);

  for (guint i = 0; i < self->schedules->len; i++)
    {
      ChcReportSchedule *schedule = g_ptr_array_index (self->schedules, i);
      ScheduleRow row = { NULL };
      GtkWidget *name = gtk_label_new (schedule->label);
      GtkWidget *types = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      g_autofree char *tip = NULL;

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_grid_attach (self->grid, name, 0, (int) i + 1, 1, 1);

      row.due_day = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 31, 1));
      gtk_spin_button_set_value (row.due_day, schedule->due_day);
      tip = g_strdup_printf (_("The day of the month a report of “%s” is due (the month’s last day when it has fewer)"),
                             schedule->label);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row.due_day), tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row.due_day), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      gtk_grid_attach (self->grid, GTK_WIDGET (row.due_day), 1, (int) i + 1, 1, 1);

      row.due_months = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 12, 1));
      gtk_spin_button_set_value (row.due_months, schedule->due_months);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row.due_months),
                                   _("In which month after the period’s end the due day falls (1: the next month)"));
      gtk_grid_attach (self->grid, GTK_WIDGET (row.due_months), 2, (int) i + 1, 1, 1);

      for (guint t = 0; t < G_N_ELEMENTS (reporter_types); t++)
        {
          const char *nick = chc_facility_type_to_nick (reporter_types[t]);

          row.types[t] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (chc_facility_type_to_label (reporter_types[t])));
          gtk_check_button_set_active (row.types[t],
                                       g_strv_contains ((const char *const *) schedule->reported_by, nick));
          gtk_box_append (GTK_BOX (types), GTK_WIDGET (row.types[t]));
        }
      gtk_grid_attach (self->grid, types, 3, (int) i + 1, 1, 1);

      row.active = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_check_button_set_active (row.active, schedule->active);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row.active),
                                   _("Whether the district collects this data set (expected of its facilities)"));
      gtk_grid_attach (self->grid, GTK_WIDGET (row.active), 4, (int) i + 1, 1, 1);

      g_array_append_val (self->rows, row);
    }
}

/* The schedules as the rows say, the changed ones only. */
static GPtrArray *
changed_schedules (ChcScheduleDialog *self)
{
  GPtrArray *changed = g_ptr_array_new ();

  for (guint i = 0; i < self->schedules->len; i++)
    {
      ChcReportSchedule *schedule = g_ptr_array_index (self->schedules, i);
      ScheduleRow *row = &g_array_index (self->rows, ScheduleRow, i);
      g_autoptr(GStrvBuilder) types = g_strv_builder_new ();
      g_auto(GStrv) reported_by = NULL;
      int due_day = gtk_spin_button_get_value_as_int (row->due_day);
      int due_months = gtk_spin_button_get_value_as_int (row->due_months);
      gboolean active = gtk_check_button_get_active (row->active);
      g_autofree char *before = g_strjoinv (",", schedule->reported_by);
      g_autofree char *after = NULL;

      for (guint t = 0; t < G_N_ELEMENTS (reporter_types); t++)
        if (gtk_check_button_get_active (row->types[t]))
          g_strv_builder_add (types, chc_facility_type_to_nick (reporter_types[t]));
      reported_by = g_strv_builder_end (types);
      after = g_strjoinv (",", reported_by);
      if (due_day == schedule->due_day && due_months == schedule->due_months &&
          active == schedule->active && g_str_equal (before, after))
        continue;
      schedule->due_day = due_day;
      schedule->due_months = due_months;
      schedule->active = active;
      g_strfreev (schedule->reported_by);
      schedule->reported_by = g_steal_pointer (&reported_by);
      g_ptr_array_add (changed, schedule);
    }
  return changed;
}

static void
on_save_clicked_cb (ChcScheduleDialog *self)
{
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      ScheduleRow *row = &g_array_index (self->rows, ScheduleRow, i);
      gboolean any = FALSE;

      for (guint t = 0; t < G_N_ELEMENTS (reporter_types); t++)
        any |= gtk_check_button_get_active (row->types[t]);
      if (!any && gtk_check_button_get_active (row->active))
        {
          gtk_label_set_text (self->error_label,
                              _("A data set the district collects is reported by at least one type of facility."));
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
          return;
        }
    }
  changed = changed_schedules (self);
  if (changed->len > 0 &&
      !chc_database_set_schedules (self->database, self->district_id, changed, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel_clicked_cb (ChcScheduleDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
chc_schedule_dialog_dispose (GObject *object)
{
  ChcScheduleDialog *self = CHC_SCHEDULE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_SCHEDULE_DIALOG);
  g_clear_object (&self->database);
  g_clear_pointer (&self->schedules, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  G_OBJECT_CLASS (chc_schedule_dialog_parent_class)->dispose (object);
}

static void
chc_schedule_dialog_class_init (ChcScheduleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_schedule_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-schedule-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcScheduleDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, ChcScheduleDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, ChcScheduleDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ChcScheduleDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chc_schedule_dialog_init (ChcScheduleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_array_new (FALSE, TRUE, sizeof (ScheduleRow));
}

GtkWidget *
chc_schedule_dialog_new (GtkWindow   *parent,
                         ChcDatabase *database,
                         gint64       district_id)
{
  ChcScheduleDialog *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);

  self = g_object_new (CHC_TYPE_SCHEDULE_DIALOG, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->district_id = district_id;
  self->schedules = chc_database_list_schedules (database, district_id, &error);
  if (self->schedules == NULL)
    {
      self->schedules = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_schedule_free);
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
    }
  gtk_label_set_text (self->intro_label,
                      _("When each report is due and which facilities report it. A report is on time when it "
                        "arrives by the end of its due day; the reporting calendar, chc-cli completeness and the "
                        "completeness and timeliness indicators follow this schedule."));
  build_rows (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  return GTK_WIDGET (self);
}
