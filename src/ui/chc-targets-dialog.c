/* chc-targets-dialog.c
 *
 * The table is rebuilt from the store (plans → indicators → targets) when
 * the dialog opens and after an indicator is added.  Each target entry
 * keeps the text last saved; committing it (Enter or leaving the field)
 * parses the text with chc_target_spec_parse() and writes it through
 * chc_database_set_target(), which validates it against the indicator's
 * unit; an empty entry removes the target.  A refusal marks the entry (the
 * "error" style and a tooltip) and shows the message under the table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-targets-dialog"

#include <glib/gi18n-lib.h>

#include "chc-targets-dialog.h"
#include "core/chc-indicator.h"
#include "store/chc-database-plans.h"
#include "store/chc-database-values.h"

struct _ChcTargetsDialog
{
  GtkWindow       parent_instance;

  ChcDatabase    *database;
  ChcDistrict    *district;
  GHashTable     *entries;       /* "code@year" → GtkEntry (not owned) */
  gboolean        rebuilding;
  GStrv           conditions;    /* the keys stored ("tcm_corner", "element:CODE") */
  GStrv           figures;       /* "element:CODE" */
  GtkCheckButton *scope_checks[CHC_N_FACILITY_TYPES];

  /* template children */
  GtkLabel       *heading_label;
  GtkGrid        *targets_grid;
  GtkLabel       *status_label;
  GtkToggleButton *add_toggle;
  GtkEntry       *code_entry;
  GtkEntry       *name_zh_entry;
  GtkEntry       *name_en_entry;
  GtkDropDown    *area_dropdown;
  GtkDropDown    *unit_dropdown;
  GtkDropDown    *method_dropdown;
  GtkBox         *scope_box;
  GtkDropDown    *condition_dropdown;
  GtkDropDown    *numerator_dropdown;
  GtkDropDown    *denominator_dropdown;
  GtkLabel       *form_error_label;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_DISTRICT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcTargetsDialog, chc_targets_dialog, GTK_TYPE_WINDOW)

/* Positions of the method dropdown. */
static const ChcIndicatorMethod methods[] = {
  CHC_METHOD_SHARE, CHC_METHOD_COUNT, CHC_METHOD_TOWN_SHARE, CHC_METHOD_RATIO, CHC_METHOD_NONE,
};

/* ---- helpers ---------------------------------------------------------------- */

static void
show_status (ChcTargetsDialog *self,
             const char       *message)
{
  gtk_label_set_label (self->status_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
}

static char *
entry_key (const char *code,
           int         year)
{
  return g_strdup_printf ("%s@%d", code, year);
}

static void
commit_entry (ChcTargetsDialog *self,
              GtkEntry         *entry)
{
  gint64 indicator_id = *(gint64 *) g_object_get_data (G_OBJECT (entry), "indicator-id");
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "year"));
  const char *name = g_object_get_data (G_OBJECT (entry), "indicator-name");
  const char *saved = g_object_get_data (G_OBJECT (entry), "saved");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;
  g_autofree char *formatted = NULL;

  if (self->rebuilding || self->database == NULL || g_strcmp0 (text, saved) == 0)
    return;

  if (*text == '\0')
    {
      if (!chc_database_remove_target (self->database, indicator_id, year, &error) &&
          !g_error_matches (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND))
        goto fail;
      g_clear_error (&error);
      formatted = g_strdup ("");
    }
  else
    {
      g_autofree char *full = g_strdup_printf ("%d:%s", year, text);
      g_autoptr(ChcTarget) target = NULL;
      ChcTargetSpec spec;

      if (!chc_target_spec_parse (full, &spec, &error))
        goto fail;
      target = chc_target_new_from_spec (indicator_id, &spec);
      if (!chc_database_set_target (self->database, target, &error))
        goto fail;
      formatted = chc_target_spec_format (&spec);
    }

  g_object_set_data_full (G_OBJECT (entry), "saved", g_strdup (formatted), g_free);
  gtk_editable_set_text (GTK_EDITABLE (entry), formatted);
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
  show_status (self, NULL);
  return;

fail:
  {
    /* TRANSLATORS: indicator name, year, the store's message */
    g_autofree char *message = g_strdup_printf (_("%s, %d: %s"), name, year, error->message);

    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
    gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
    show_status (self, message);
  }
}

static void
on_entry_activate_cb (GtkEntry         *entry,
                      ChcTargetsDialog *self)
{
  commit_entry (self, entry);
}

static void
on_entry_leave_cb (GtkEventControllerFocus *controller,
                   ChcTargetsDialog        *self)
{
  commit_entry (self, GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
add_indicator_row (ChcTargetsDialog *self,
                   ChcIndicator     *indicator,
                   int               row,
                   int               first,
                   int               last)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label_text = NULL;
  GtkWidget *label;
  const char *unit_suffix = chc_indicator_get_unit (indicator) == CHC_UNIT_PERCENT ? " (%)" : "";

  targets = chc_database_list_targets (self->database, chc_indicator_get_id (indicator), &error);
  if (targets == NULL)
    {
      show_status (self, error->message);
      return;
    }

  label_text = g_strconcat (chc_indicator_get_display_name (indicator), unit_suffix, NULL);
  label = new_label (label_text, NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (label, chc_indicator_get_code (indicator));
  gtk_grid_attach (self->targets_grid, label, 0, row, 1, 1);

  for (int year = first; year <= last; year++)
    {
      GtkWidget *entry = gtk_entry_new ();
      GtkEventController *focus = gtk_event_controller_focus_new ();
      g_autofree char *text = NULL;
      g_autofree char *accessible = NULL;
      gint64 *id = g_new (gint64, 1);

      for (guint t = 0; t < targets->len; t++)
        if (chc_target_get_year (g_ptr_array_index (targets, t)) == year)
          {
            ChcTargetSpec spec;

            chc_target_get_spec (g_ptr_array_index (targets, t), &spec);
            text = chc_target_spec_format (&spec);
          }

      *id = chc_indicator_get_id (indicator);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 7);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 8);
      gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
      g_object_set_data_full (G_OBJECT (entry), "indicator-id", id, g_free);
      g_object_set_data (G_OBJECT (entry), "year", GINT_TO_POINTER (year));
      g_object_set_data_full (G_OBJECT (entry), "indicator-name",
                              g_strdup (chc_indicator_get_display_name (indicator)), g_free);
      g_object_set_data_full (G_OBJECT (entry), "saved", g_strdup (text ? text : ""), g_free);
      /* TRANSLATORS: accessible name of a target field: indicator, year */
      accessible = g_strdup_printf (_("Target of %s for %d"), chc_indicator_get_display_name (indicator), year);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

      g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate_cb), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave_cb), self);
      gtk_widget_add_controller (entry, focus);
      gtk_grid_attach (self->targets_grid, entry, 1 + year - first, row, 1, 1);
      g_hash_table_replace (self->entries, entry_key (chc_indicator_get_code (indicator), year), entry);
    }
}

static void
rebuild_table (ChcTargetsDialog *self)
{
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  int first = G_MAXINT, last = 0;
  int row = 0;

  self->rebuilding = TRUE;
  clear_grid (self->targets_grid);
  g_hash_table_remove_all (self->entries);
  self->rebuilding = FALSE;

  if (self->database == NULL || self->district == NULL)
    return;

  /* TRANSLATORS: the dialog's heading: district */
  heading = g_strdup_printf (_("Targets of the plans of %s"), chc_district_get_name (self->district));
  gtk_label_set_label (self->heading_label, heading);

  plans = chc_database_list_plans (self->database, chc_district_get_id (self->district), &error);
  if (plans == NULL)
    {
      show_status (self, error->message);
      return;
    }

  /* The columns: every year of every plan, and every year with a target. */
  for (guint p = 0; p < plans->len; p++)
    {
      ChcPlan *plan = g_ptr_array_index (plans, p);
      GPtrArray *indicators = chc_database_list_indicators (self->database, chc_plan_get_id (plan), &error);

      if (indicators == NULL)
        {
          show_status (self, error->message);
          return;
        }
      g_ptr_array_add (all, indicators);
      first = MIN (first, chc_plan_get_first_year (plan));
      last = MAX (last, chc_plan_get_last_year (plan));
      for (guint i = 0; i < indicators->len; i++)
        {
          g_autoptr(GPtrArray) targets =
            chc_database_list_targets (self->database,
                                       chc_indicator_get_id (g_ptr_array_index (indicators, i)), NULL);

          for (guint t = 0; targets != NULL && t < targets->len; t++)
            {
              first = MIN (first, chc_target_get_year (g_ptr_array_index (targets, t)));
              last = MAX (last, chc_target_get_year (g_ptr_array_index (targets, t)));
            }
        }
    }
  if (plans->len == 0)
    {
      gtk_grid_attach (self->targets_grid,
                       new_label (_("The district has no plan."), "dim-label"), 0, 0, 1, 1);
      return;
    }

  for (int year = first; year <= last; year++)
    {
      g_autofree char *text = g_strdup_printf ("%d", year);
      gtk_grid_attach (self->targets_grid, new_label (text, "heading"), 1 + year - first, row, 1, 1);
    }
  row++;

  for (guint p = 0; p < plans->len; p++)
    {
      ChcPlan *plan = g_ptr_array_index (plans, p);
      GPtrArray *indicators = g_ptr_array_index (all, p);
      GtkWidget *plan_label = new_label (chc_plan_get_name (plan), "heading");

      gtk_widget_set_margin_top (plan_label, row > 1 ? 12 : 0);
      gtk_grid_attach (self->targets_grid, plan_label, 0, row++, 1 + last - first + 1, 1);
      for (guint i = 0; i < indicators->len; i++)
        add_indicator_row (self, g_ptr_array_index (indicators, i), row++, first, last);
    }
}

/* ---- the form ------------------------------------------------------------------ */

static void
update_form (ChcTargetsDialog *self)
{
  ChcIndicatorMethod method = methods[MIN (gtk_drop_down_get_selected (self->method_dropdown),
                                           G_N_ELEMENTS (methods) - 1)];

  gtk_widget_set_sensitive (GTK_WIDGET (self->condition_dropdown),
                            method == CHC_METHOD_SHARE || method == CHC_METHOD_COUNT ||
                            method == CHC_METHOD_TOWN_SHARE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->numerator_dropdown), method == CHC_METHOD_RATIO);
  gtk_widget_set_sensitive (GTK_WIDGET (self->denominator_dropdown), method == CHC_METHOD_RATIO);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scope_box), method != CHC_METHOD_NONE);
}

static void
on_method_selected_cb (ChcTargetsDialog *self)
{
  update_form (self);
}

static const char *
selected_string (GtkDropDown *dropdown,
                 GStrv        strings)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (strings == NULL || position == GTK_INVALID_LIST_POSITION || position >= g_strv_length (strings))
    return NULL;
  return strings[position];
}

static void
add_indicator_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChcTargetsDialog *self = CHC_TARGETS_DIALOG (widget);
  g_autoptr(ChcIndicator) indicator = chc_indicator_new ();
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  ChcIndicatorMethod method;
  guint scope = 0;

  if (self->database == NULL || self->district == NULL)
    return;

  plans = chc_database_list_plans (self->database, chc_district_get_id (self->district), &error);
  if (plans == NULL || plans->len == 0)
    {
      gtk_label_set_label (self->form_error_label,
                           error ? error->message : _("The district has no plan."));
      gtk_widget_set_visible (GTK_WIDGET (self->form_error_label), TRUE);
      return;
    }

  method = methods[MIN (gtk_drop_down_get_selected (self->method_dropdown), G_N_ELEMENTS (methods) - 1)];
  for (guint t = 0; t < CHC_N_FACILITY_TYPES; t++)
    if (gtk_check_button_get_active (self->scope_checks[t]))
      scope |= 1u << t;

  /* The district's latest plan. */
  chc_indicator_set_plan_id (indicator, chc_plan_get_id (g_ptr_array_index (plans, plans->len - 1)));
  chc_indicator_set_code (indicator, gtk_editable_get_text (GTK_EDITABLE (self->code_entry)));
  chc_indicator_set_name_zh (indicator, gtk_editable_get_text (GTK_EDITABLE (self->name_zh_entry)));
  chc_indicator_set_name_en (indicator, gtk_editable_get_text (GTK_EDITABLE (self->name_en_entry)));
  chc_indicator_set_area (indicator, MIN (gtk_drop_down_get_selected (self->area_dropdown), CHC_AREA_CAPABILITY));
  chc_indicator_set_unit (indicator, MIN (gtk_drop_down_get_selected (self->unit_dropdown), CHC_UNIT_NUMBER));
  chc_indicator_set_method (indicator, method);
  chc_indicator_set_scope (indicator, method == CHC_METHOD_NONE ? 0 : scope);
  if (method == CHC_METHOD_RATIO)
    {
      g_autofree char *ratio = g_strdup_printf ("%s/%s",
                                                selected_string (self->numerator_dropdown, self->figures),
                                                selected_string (self->denominator_dropdown, self->figures));
      chc_indicator_set_condition (indicator, ratio);
    }
  else if (method != CHC_METHOD_NONE)
    chc_indicator_set_condition (indicator, selected_string (self->condition_dropdown, self->conditions));

  if (!chc_database_add_indicator (self->database, indicator, &error))
    {
      gtk_label_set_label (self->form_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->form_error_label), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->form_error_label), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_zh_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_en_entry), "");
  gtk_toggle_button_set_active (self->add_toggle, FALSE);
  rebuild_table (self);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* The conditions and figures the store can evaluate, as keys (kept in
 * self->conditions and self->figures: what is stored) and labels (what
 * the dropdowns show): the store's named conditions, then the yes/no
 * elements; the numeric elements as figures.  Built-in and the
 * commission's own elements alike (chc_database_list_elements()). */
static void
load_choices (ChcDatabase    *database,
              GStrv          *condition_keys,
              GtkStringList **condition_labels,
              GStrv          *figure_keys,
              GtkStringList **figure_labels)
{
  g_auto(GStrv) named = chc_database_list_conditions ();
  g_autoptr(GStrvBuilder) conditions = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) figures = g_strv_builder_new ();
  g_autoptr(GPtrArray) elements = NULL;

  *condition_labels = gtk_string_list_new (NULL);
  *figure_labels = gtk_string_list_new (NULL);
  for (guint i = 0; named[i] != NULL; i++)
    {
      g_autofree char *label = chc_database_condition_label (named[i]);

      g_strv_builder_add (conditions, named[i]);
      gtk_string_list_append (*condition_labels, label != NULL ? label : named[i]);
    }

  if (database != NULL)
    elements = chc_database_list_elements (database, NULL);
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    {
      ChcElement *element = g_ptr_array_index (elements, i);
      g_autofree char *key = g_strconcat ("element:", element->code, NULL);

      if (element->value_type == CHC_VALUE_TYPE_YES_NO)
        {
          g_strv_builder_add (conditions, key);
          gtk_string_list_append (*condition_labels, chc_element_get_label (element));
        }
      else if (element->value_type != CHC_VALUE_TYPE_DATE)
        {
          g_autofree char *label = chc_element_get_label_with_unit (element);

          g_strv_builder_add (figures, key);
          gtk_string_list_append (*figure_labels, label);
        }
    }
  *condition_keys = g_strv_builder_end (conditions);
  *figure_keys = g_strv_builder_end (figures);
}

/* The dropdowns of the form from the database's elements. */
static void
load_form_choices (ChcTargetsDialog *self)
{
  g_autoptr(GtkStringList) condition_list = NULL;
  g_autoptr(GtkStringList) figure_list = NULL;

  g_clear_pointer (&self->conditions, g_strfreev);
  g_clear_pointer (&self->figures, g_strfreev);
  load_choices (self->database, &self->conditions, &condition_list, &self->figures, &figure_list);
  gtk_drop_down_set_model (self->condition_dropdown, G_LIST_MODEL (condition_list));
  gtk_drop_down_set_model (self->numerator_dropdown, G_LIST_MODEL (figure_list));
  gtk_drop_down_set_model (self->denominator_dropdown, G_LIST_MODEL (figure_list));
}

/* ---- GObject ---------------------------------------------------------------------- */

static void
chc_targets_dialog_dispose (GObject *object)
{
  ChcTargetsDialog *self = CHC_TARGETS_DIALOG (object);

  self->rebuilding = TRUE;   /* entries losing focus while destroyed */
  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_TARGETS_DIALOG);
  g_clear_object (&self->database);
  g_clear_object (&self->district);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->conditions, g_strfreev);
  g_clear_pointer (&self->figures, g_strfreev);

  G_OBJECT_CLASS (chc_targets_dialog_parent_class)->dispose (object);
}

static void
chc_targets_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ChcTargetsDialog *self = CHC_TARGETS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_DISTRICT:
      g_value_set_object (value, self->district);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_targets_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ChcTargetsDialog *self = CHC_TARGETS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      if (g_set_object (&self->database, g_value_get_object (value)))
        {
          g_object_notify_by_pspec (object, pspec);
          load_form_choices (self);
          rebuild_table (self);
        }
      break;
    case PROP_DISTRICT:
      if (g_set_object (&self->district, g_value_get_object (value)))
        {
          g_object_notify_by_pspec (object, pspec);
          rebuild_table (self);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_targets_dialog_class_init (ChcTargetsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_targets_dialog_dispose;
  object_class->get_property = chc_targets_dialog_get_property;
  object_class->set_property = chc_targets_dialog_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CHC_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTRICT] =
    g_param_spec_object ("district", NULL, NULL, CHC_TYPE_DISTRICT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-targets-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcTargetsDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, ChcTargetsDialog, targets_grid);
  gtk_widget_class_bind_template_child (widget_class, ChcTargetsDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, ChcTargetsDialog, add_toggle);
  gtk_widget_class_bind_template_child (widget_class, ChcTargetsDialog, code_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcTargetsDialog, name_zh_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcTargetsDialog, name_en_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcTargetsDialog, area_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcTargetsDialog, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcTargetsDialog, method_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcTargetsDialog, scope_box);
  gtk_widget_class_bind_template_child (widget_class, ChcTargetsDialog, condition_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcTargetsDialog, numerator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcTargetsDialog, denominator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcTargetsDialog, form_error_label);

  gtk_widget_class_install_action (widget_class, "targets.add-indicator", NULL, add_indicator_action);
  gtk_widget_class_install_action (widget_class, "targets.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "targets.close", NULL);
}

static void
chc_targets_dialog_init (ChcTargetsDialog *self)
{
  g_autoptr(GtkStringList) areas = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) units = NULL;
  g_autoptr(GtkStringList) method_names = NULL;
  const char *unit_labels[] = { _("Percent"), _("Count"), _("Number"), NULL };
  const char *method_labels[] = {
    _("Share of facilities satisfying a condition"),
    _("Number of facilities satisfying a condition"),
    _("Share of towns with such a facility"),
    _("Ratio of two figures"),
    _("No data source"),
    NULL
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int a = CHC_AREA_CONSTRUCTION; a <= CHC_AREA_CAPABILITY; a++)
    gtk_string_list_append (areas, chc_indicator_area_to_label (a));
  units = gtk_string_list_new (unit_labels);
  method_names = gtk_string_list_new (method_labels);

  gtk_drop_down_set_model (self->area_dropdown, G_LIST_MODEL (areas));
  gtk_drop_down_set_selected (self->area_dropdown, CHC_AREA_CAPABILITY);
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (units));
  gtk_drop_down_set_model (self->method_dropdown, G_LIST_MODEL (method_names));
  load_form_choices (self);
  g_signal_connect_swapped (self->method_dropdown, "notify::selected",
                            G_CALLBACK (on_method_selected_cb), self);

  for (int t = 0; t < CHC_N_FACILITY_TYPES; t++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (chc_facility_type_to_label (t));

      gtk_widget_set_name (check, chc_facility_type_to_nick (t));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), t == CHC_FACILITY_CENTRE);
      gtk_box_append (self->scope_box, check);
      self->scope_checks[t] = GTK_CHECK_BUTTON (check);
    }
  update_form (self);
}

/* ---- public API ----------------------------------------------------------------- */

GtkWidget *
chc_targets_dialog_new (GtkWindow   *parent,
                        ChcDatabase *database,
                        ChcDistrict *district)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CHC_IS_DISTRICT (district), NULL);

  return g_object_new (CHC_TYPE_TARGETS_DIALOG,
                       "transient-for", parent,
                       "database", database,
                       "district", district,
                       NULL);
}

GtkEntry *
chc_targets_dialog_get_entry (ChcTargetsDialog *self,
                              const char       *code,
                              int               year)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CHC_IS_TARGETS_DIALOG (self), NULL);

  key = entry_key (code, year);
  return g_hash_table_lookup (self->entries, key);
}
