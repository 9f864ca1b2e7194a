/* chc-project-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-ui"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "core/chc-date.h"
#include "store/chc-database-projects.h"
#include "chc-project-dialog.h"
#include "chc-ui-resources.h"

struct _ChcProjectDialog
{
  GtkWindow      parent_instance;

  ChcDatabase   *database;
  ChcDistrict   *district;
  GPtrArray     *towns;        /* ChcTown, as in new_town_dropdown */
  GPtrArray     *centres;      /* ChcFacility, index + 1 in new_parent_dropdown */

  GtkDropDown   *kind_dropdown;
  GtkCheckButton *new_facility_check;
  GtkWidget     *facility_label;
  GtkWidget     *facility_box;
  GtkSearchEntry *facility_search;
  GtkDropDown   *facility_dropdown;
  GtkStringFilter *facility_filter;
  GtkWidget     *new_name_label;
  GtkEntry      *new_name_entry;
  GtkWidget     *new_code_label;
  GtkEntry      *new_code_entry;
  GtkWidget     *new_type_label;
  GtkDropDown   *new_type_dropdown;
  GtkWidget     *new_town_label;
  GtkDropDown   *new_town_dropdown;
  GtkWidget     *new_parent_label;
  GtkDropDown   *new_parent_dropdown;
  GtkSpinButton *plan_year_spin;
  GtkEntry      *budget_entry;
  GtkEntry      *area_before_entry;
  GtkEntry      *area_after_entry;
  GtkEntry      *units_entry;
  GtkEntry      *notes_entry;
  GtkLabel      *error_label;
};

enum {
  SIGNAL_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChcProjectDialog, chc_project_dialog, GTK_TYPE_WINDOW)

static void
show_error (ChcProjectDialog *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Empty: unknown (NAN).  FALSE when @text is not a number. */
static gboolean
parse_figure (GtkEntry *entry,
              double   *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  char *end = NULL;

  if (*text == '\0')
    {
      *value = NAN;
      return TRUE;
    }
  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

static void
update_sections (ChcProjectDialog *self)
{
  gboolean new_build = gtk_drop_down_get_selected (self->kind_dropdown) == CHC_PROJECT_NEW_BUILD;
  gboolean create = new_build && gtk_check_button_get_active (self->new_facility_check);
  gboolean centre = gtk_drop_down_get_selected (self->new_type_dropdown) == CHC_FACILITY_CENTRE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->new_facility_check), new_build);
  gtk_widget_set_visible (self->facility_label, !create);
  gtk_widget_set_visible (self->facility_box, !create);
  gtk_widget_set_visible (self->new_name_label, create);
  gtk_widget_set_visible (GTK_WIDGET (self->new_name_entry), create);
  gtk_widget_set_visible (self->new_code_label, create);
  gtk_widget_set_visible (GTK_WIDGET (self->new_code_entry), create);
  gtk_widget_set_visible (self->new_type_label, create);
  gtk_widget_set_visible (GTK_WIDGET (self->new_type_dropdown), create);
  gtk_widget_set_visible (self->new_town_label, create);
  gtk_widget_set_visible (GTK_WIDGET (self->new_town_dropdown), create);
  gtk_widget_set_visible (self->new_parent_label, create && !centre);
  gtk_widget_set_visible (GTK_WIDGET (self->new_parent_dropdown), create && !centre);
}

static void
fill_lists (ChcProjectDialog *self)
{
  g_autoptr(GtkStringList) facility_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) town_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) centre_names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GPtrArray) towns = NULL;
  g_autoptr(GError) error = NULL;
  gint64 district_id = chc_district_get_id (self->district);

  facilities = chc_database_list_facilities (self->database, district_id, &error);
  if (facilities != NULL)
    towns = chc_database_list_towns (self->database, district_id, &error);
  if (facilities == NULL || towns == NULL)
    {
      show_error (self, error->message);
      return;
    }

  gtk_string_list_append (centre_names, _("None"));
  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (facilities, i);
      g_autofree char *label = NULL;

      /* Translators: facility name (type, status) */
      label = g_strdup_printf (_("%s (%s, %s)"), chc_facility_get_name (f),
                               chc_facility_type_to_label (chc_facility_get_facility_type (f)),
                               chc_facility_status_to_label (chc_facility_get_status (f)));
      gtk_string_list_append (facility_names, label);
      /* The item knows its facility: the list shown may be filtered. */
      g_object_set_data_full (g_list_model_get_item (G_LIST_MODEL (facility_names), i), "facility",
                              g_object_ref (f), g_object_unref);
      g_object_unref (g_list_model_get_item (G_LIST_MODEL (facility_names), i));
      if (chc_facility_get_facility_type (f) == CHC_FACILITY_CENTRE)
        {
          gtk_string_list_append (centre_names, chc_facility_get_name (f));
          g_ptr_array_add (self->centres, g_object_ref (f));
        }
    }
  for (guint i = 0; i < towns->len; i++)
    {
      gtk_string_list_append (town_names, chc_town_get_name (g_ptr_array_index (towns, i)));
      g_ptr_array_add (self->towns, g_object_ref (g_ptr_array_index (towns, i)));
    }

  {
    g_autoptr(GtkFilterListModel) filtered =
      gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (facility_names)),
                                 GTK_FILTER (g_object_ref (self->facility_filter)));

    gtk_drop_down_set_model (self->facility_dropdown, G_LIST_MODEL (filtered));
  }
  gtk_drop_down_set_model (self->new_town_dropdown, G_LIST_MODEL (town_names));
  gtk_drop_down_set_model (self->new_parent_dropdown, G_LIST_MODEL (centre_names));
}

/* The search beside the facility list: the facilities whose label holds
 * what is typed (anywhere, not just at the start: "凤溪" finds
 * 华新社区卫生服务中心凤溪分中心). */
static void
on_facility_search_changed_cb (ChcProjectDialog *self)
{
  GListModel *shown = gtk_drop_down_get_model (self->facility_dropdown);

  gtk_string_filter_set_search (self->facility_filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->facility_search)));
  if (shown != NULL && g_list_model_get_n_items (shown) > 0 &&
      gtk_drop_down_get_selected (self->facility_dropdown) == GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->facility_dropdown, 0);
}

static void
action_add (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ChcProjectDialog *self = CHC_PROJECT_DIALOG (widget);
  g_autoptr(ChcProject) project = chc_project_new ();
  g_autoptr(ChcFacility) facility = NULL;
  g_autoptr(GError) error = NULL;
  ChcProjectKind kind = gtk_drop_down_get_selected (self->kind_dropdown);
  gboolean create = kind == CHC_PROJECT_NEW_BUILD &&
                    gtk_check_button_get_active (self->new_facility_check);
  double budget, before, after;

  if (!parse_figure (self->budget_entry, &budget))
    {
      show_error (self, _("Budget: write a number of 10,000 yuan, or leave it empty."));
      return;
    }
  if (!parse_figure (self->area_before_entry, &before) ||
      !parse_figure (self->area_after_entry, &after))
    {
      show_error (self, _("Floor area: write a number of square metres, or leave it empty."));
      return;
    }

  chc_project_set_kind (project, kind);
  chc_project_set_plan_year (project, gtk_spin_button_get_value_as_int (self->plan_year_spin));
  chc_project_set_budget (project, budget);
  chc_project_set_area_before (project, before);
  chc_project_set_area_after (project, after);
  chc_project_set_units (project, gtk_editable_get_text (GTK_EDITABLE (self->units_entry)));
  chc_project_set_notes (project, gtk_editable_get_text (GTK_EDITABLE (self->notes_entry)));

  if (create)
    {
      guint type = gtk_drop_down_get_selected (self->new_type_dropdown);
      guint town = gtk_drop_down_get_selected (self->new_town_dropdown);
      guint parent = gtk_drop_down_get_selected (self->new_parent_dropdown);

      facility = chc_facility_new ();
      chc_facility_set_name (facility, gtk_editable_get_text (GTK_EDITABLE (self->new_name_entry)));
      chc_facility_set_code (facility, gtk_editable_get_text (GTK_EDITABLE (self->new_code_entry)));
      chc_facility_set_facility_type (facility, type);
      chc_facility_set_district_id (facility, chc_district_get_id (self->district));
      if (town < self->towns->len)
        chc_facility_set_town_id (facility, chc_town_get_id (g_ptr_array_index (self->towns, town)));
      if (type != CHC_FACILITY_CENTRE && parent != GTK_INVALID_LIST_POSITION &&
          parent > 0 && parent <= self->centres->len)
        chc_facility_set_parent_id (facility, chc_facility_get_id (g_ptr_array_index (self->centres, parent - 1)));
      chc_facility_set_status (facility, CHC_FACILITY_PLANNED);
    }
  else
    {
      GObject *item = gtk_drop_down_get_selected_item (self->facility_dropdown);
      ChcFacility *chosen = item != NULL ? g_object_get_data (item, "facility") : NULL;

      if (chosen != NULL)
        chc_project_set_facility_id (project, chc_facility_get_id (chosen));
    }

  if (!chc_database_add_project (self->database, project, facility, &error))
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_ADDED], 0, chc_project_get_id (project));
  gtk_window_close (GTK_WINDOW (self));
}

static void
chc_project_dialog_dispose (GObject *object)
{
  ChcProjectDialog *self = (ChcProjectDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_PROJECT_DIALOG);
  g_clear_object (&self->database);
  g_clear_object (&self->district);
  g_clear_object (&self->facility_filter);
  g_clear_pointer (&self->towns, g_ptr_array_unref);
  g_clear_pointer (&self->centres, g_ptr_array_unref);

  G_OBJECT_CLASS (chc_project_dialog_parent_class)->dispose (object);
}

static void
chc_project_dialog_class_init (ChcProjectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_project_dialog_dispose;

  signals[SIGNAL_ADDED] =
    g_signal_new ("added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /* Links the resource (it registers itself when loaded). */
  (void) chc_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-project-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, new_facility_check);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, facility_label);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, facility_box);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, facility_search);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, facility_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_facility_search_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, new_name_label);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, new_name_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, new_code_label);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, new_code_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, new_type_label);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, new_type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, new_town_label);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, new_town_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, new_parent_label);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, new_parent_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, plan_year_spin);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, budget_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, area_before_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, area_after_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, units_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, notes_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectDialog, error_label);

  gtk_widget_class_install_action (widget_class, "project.add", NULL, action_add);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chc_project_dialog_init (ChcProjectDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->facility_filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_string_filter_set_match_mode (self->facility_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->facility_filter, TRUE);
  self->towns = g_ptr_array_new_with_free_func (g_object_unref);
  self->centres = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint k = 0; k < CHC_N_PROJECT_KINDS; k++)
    gtk_string_list_append (kinds, chc_project_kind_to_label (k));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  for (guint t = 0; t < CHC_N_FACILITY_TYPES; t++)
    gtk_string_list_append (types, chc_facility_type_to_label (t));
  gtk_drop_down_set_model (self->new_type_dropdown, G_LIST_MODEL (types));

  g_signal_connect_object (self->kind_dropdown, "notify::selected",
                           G_CALLBACK (update_sections), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->new_type_dropdown, "notify::selected",
                           G_CALLBACK (update_sections), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->new_facility_check, "toggled",
                           G_CALLBACK (update_sections), self, G_CONNECT_SWAPPED);
  update_sections (self);
}

GtkWidget *
chc_project_dialog_new (ChcDatabase *database,
                        ChcDistrict *district,
                        int          year)
{
  ChcProjectDialog *self;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CHC_IS_DISTRICT (district), NULL);

  if (year <= 0)
    {
      GDate today;

      chc_date_today (&today);
      year = g_date_get_year (&today);
    }

  self = g_object_new (CHC_TYPE_PROJECT_DIALOG, NULL);
  self->database = g_object_ref (database);
  self->district = g_object_ref (district);
  gtk_spin_button_set_value (self->plan_year_spin, year);
  fill_lists (self);
  return GTK_WIDGET (self);
}
