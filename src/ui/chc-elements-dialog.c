/* chc-elements-dialog.c — the data elements of the database.
 *
 * The list is every element chc_database_list_elements() returns (the
 * built-in declarations of data/elements.ini, then the commission's own),
 * read again when the dialog opens and whenever the database says
 * "data_element" changed; the search entry filters it by code, names and
 * unit.  Each enumeration is shown by a translated word, never its nick.
 *
 * The form under the list builds a ChcElement of the commission's own and
 * gives it to chc_database_add_element(), which validates it: what the
 * core (chc_element_validate()) or the store refuses is said next to the
 * field it is about (the code, the name, the aggregation, a bound), or
 * under the form.  Enter in any entry of the form adds.  The aggregation
 * follows the value type (a count for yes/no, a sum otherwise) until the
 * user chooses one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-elements-dialog"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "chc-elements-dialog.h"
#include "core/chc-element.h"
#include "store/chc-database-values.h"
#include "chc-keymap.h"
#include "chc-ui-util.h"

/* ---- the list's item: one element ---------------------------------------- */

#define CHC_TYPE_ELEMENT_ITEM (chc_element_item_get_type ())
G_DECLARE_FINAL_TYPE (ChcElementItem, chc_element_item, CHC, ELEMENT_ITEM, GObject)

struct _ChcElementItem
{
  GObject     parent_instance;
  ChcElement *element;
};

G_DEFINE_FINAL_TYPE (ChcElementItem, chc_element_item, G_TYPE_OBJECT)

static void
chc_element_item_finalize (GObject *object)
{
  g_clear_pointer (&CHC_ELEMENT_ITEM (object)->element, chc_element_unref);
  G_OBJECT_CLASS (chc_element_item_parent_class)->finalize (object);
}

static void
chc_element_item_class_init (ChcElementItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chc_element_item_finalize;
}

static void
chc_element_item_init (ChcElementItem *self)
{
}

static ChcElementItem *
chc_element_item_new (ChcElement *element)
{
  ChcElementItem *self = g_object_new (CHC_TYPE_ELEMENT_ITEM, NULL);

  self->element = chc_element_ref (element);
  return self;
}

/* ---- the dialog ------------------------------------------------------------ */

struct _ChcElementsDialog
{
  GtkWindow            parent_instance;

  ChcDatabase         *database;
  GListStore          *items;          /* ChcElementItem */
  GtkCustomFilter     *filter;
  GtkSingleSelection  *selection;
  char                *search_key;
  gboolean             aggregation_chosen;
  gboolean             setting_aggregation;

  /* template children */
  GtkSearchEntry      *search_entry;
  GtkColumnView       *elements_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *unit_column;
  GtkColumnViewColumn *type_column;
  GtkColumnViewColumn *level_column;
  GtkColumnViewColumn *period_column;
  GtkColumnViewColumn *aggregation_column;
  GtkColumnViewColumn *origin_column;
  GtkLabel            *status_label;
  GtkToggleButton     *add_toggle;
  GtkButton           *remove_button;
  GtkEntry            *code_entry;
  GtkLabel            *code_error;
  GtkEntry            *name_zh_entry;
  GtkLabel            *name_error;
  GtkEntry            *name_en_entry;
  GtkEntry            *unit_entry;
  GtkDropDown         *type_dropdown;
  GtkDropDown         *aggregation_dropdown;
  GtkLabel            *aggregation_error;
  GtkDropDown         *level_dropdown;
  GtkDropDown         *period_dropdown;
  GtkEntry            *min_entry;
  GtkLabel            *min_error;
  GtkEntry            *max_entry;
  GtkLabel            *max_error;
  GtkLabel            *form_error_label;
};

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcElementsDialog, chc_elements_dialog, GTK_TYPE_WINDOW)

/* The choices of the form's dropdowns, in their order. */
static const ChcValueType form_value_types[] = {
  CHC_VALUE_TYPE_INTEGER, CHC_VALUE_TYPE_DECIMAL, CHC_VALUE_TYPE_PERCENT, CHC_VALUE_TYPE_YES_NO,
};
static const ChcElementLevel form_levels[] = {
  CHC_ELEMENT_LEVEL_FACILITY, CHC_ELEMENT_LEVEL_CENTRE, CHC_ELEMENT_LEVEL_DISTRICT,
};
static const ChcPeriodType form_period_types[] = {
  CHC_PERIOD_TYPE_MONTH, CHC_PERIOD_TYPE_QUARTER, CHC_PERIOD_TYPE_YEAR,
};
static const ChcAggregation form_aggregations[] = {
  CHC_AGGREGATION_SUM, CHC_AGGREGATION_STOCK, CHC_AGGREGATION_ANY, CHC_AGGREGATION_COUNT,
};

/* ---- words for the enumerations ------------------------------------------- */

static const char *
value_type_label (ChcValueType type)
{
  switch (type)
    {
    case CHC_VALUE_TYPE_INTEGER:
      return _("Whole number");
    case CHC_VALUE_TYPE_DECIMAL:
      return _("Decimal number");
    case CHC_VALUE_TYPE_PERCENT:
      return _("Percentage");
    case CHC_VALUE_TYPE_YES_NO:
      return _("Yes or no");
    case CHC_VALUE_TYPE_DATE:
    default:
      return _("Date reached");
    }
}

static const char *
level_label (ChcElementLevel level)
{
  switch (level)
    {
    case CHC_ELEMENT_LEVEL_FACILITY:
      return _("Every facility");
    case CHC_ELEMENT_LEVEL_CENTRE:
      return _("Centres and branch centres");
    case CHC_ELEMENT_LEVEL_DISTRICT:
    default:
      return _("The district");
    }
}

static const char *
period_type_label (ChcPeriodType type)
{
  switch (type)
    {
    case CHC_PERIOD_TYPE_MONTH:
      return _("Monthly");
    case CHC_PERIOD_TYPE_QUARTER:
      return _("Quarterly");
    case CHC_PERIOD_TYPE_YEAR:
      return _("Yearly");
    case CHC_PERIOD_TYPE_DATED:
    default:
      return _("State since a date");
    }
}

static const char *
aggregation_label (ChcAggregation aggregation)
{
  switch (aggregation)
    {
    case CHC_AGGREGATION_SUM:
      return _("Sum (a flow)");
    case CHC_AGGREGATION_STOCK:
      return _("Latest value (a stock)");
    case CHC_AGGREGATION_ANY:
      return _("Yes when any facility says yes");
    case CHC_AGGREGATION_COUNT:
    default:
      return _("Number of facilities saying yes");
    }
}

static const char *
origin_label (ChcElementOrigin origin)
{
  return origin == CHC_ELEMENT_ORIGIN_USER ? _("Own") : _("Built-in");
}

/* ---- the list ------------------------------------------------------------- */

static ChcElement *
item_element (gpointer item)
{
  return CHC_ELEMENT_ITEM (item)->element;
}

static char *
name_text (gpointer item,
           gpointer user_data)
{
  return g_strdup (chc_element_get_label (item_element (item)));
}

static char *
unit_text (gpointer item,
           gpointer user_data)
{
  ChcElement *element = item_element (item);

  if (element->value_type == CHC_VALUE_TYPE_PERCENT)
    return g_strdup ("%");
  return g_strdup (element->unit);
}

static char *
type_text (gpointer item,
           gpointer user_data)
{
  return g_strdup (value_type_label (item_element (item)->value_type));
}

static char *
level_text (gpointer item,
            gpointer user_data)
{
  return g_strdup (level_label (item_element (item)->level));
}

static char *
period_text (gpointer item,
             gpointer user_data)
{
  return g_strdup (period_type_label (item_element (item)->period_type));
}

static char *
aggregation_text (gpointer item,
                  gpointer user_data)
{
  return g_strdup (aggregation_label (item_element (item)->aggregation));
}

static char *
origin_text (gpointer item,
             gpointer user_data)
{
  return g_strdup (origin_label (item_element (item)->origin));
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  ChcElementsDialog *self = user_data;
  ChcElement *element = item_element (item);

  return self->search_key == NULL ||
         chc_ui_search_matches (element->code, self->search_key) ||
         chc_ui_search_matches (element->name_zh, self->search_key) ||
         chc_ui_search_matches (element->name_en, self->search_key) ||
         chc_ui_search_matches (element->unit, self->search_key);
}

static void
show_status (ChcElementsDialog *self,
             const char        *message,
             gboolean           is_error)
{
  gtk_label_set_label (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static ChcElement *
selected_element (ChcElementsDialog *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? item_element (item) : NULL;
}

static void
update_actions (ChcElementsDialog *self)
{
  ChcElement *element = selected_element (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "elements.remove",
                                 element != NULL && element->origin == CHC_ELEMENT_ORIGIN_USER &&
                                 self->database != NULL && !chc_database_get_read_only (self->database));
}

static void
reload (ChcElementsDialog *self)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *selected = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (selected_element (self) != NULL)
    selected = g_strdup (selected_element (self)->code);

  if (self->database != NULL &&
      (elements = chc_database_list_elements (self->database, &error)) == NULL)
    show_status (self, error->message, TRUE);
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    g_ptr_array_add (items, chc_element_item_new (g_ptr_array_index (elements, i)));
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  if (selected != NULL)
    chc_elements_dialog_select (self, selected);
  update_actions (self);
}

static void
on_database_changed_cb (ChcElementsDialog *self,
                        const char        *table)
{
  if (g_strcmp0 (table, "data_element") == 0)
    reload (self);
}

static void
on_search_changed_cb (ChcElementsDialog *self)
{
  g_free (self->search_key);
  self->search_key = chc_ui_search_key (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_selection_changed_cb (ChcElementsDialog *self)
{
  update_actions (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChcElementsDialog *self = CHC_ELEMENTS_DIALOG (widget);
  ChcElement *element = selected_element (self);
  g_autoptr(ChcElement) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (element == NULL || self->database == NULL)
    return;
  removed = chc_element_ref (element);
  if (!chc_database_remove_element (self->database, removed->code, &error))
    {
      show_status (self, error->message, TRUE);
      return;
    }
  reload (self);
  /* TRANSLATORS: the element's name and code */
  message = g_strdup_printf (_("Removed the data element “%s” (%s)."),
                             chc_element_get_label (removed), removed->code);
  show_status (self, message, FALSE);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChcElementsDialog *self = CHC_ELEMENTS_DIALOG (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ---- the form ------------------------------------------------------------- */

static void
set_field_error (GtkLabel   *label,
                 GtkWidget  *field,
                 const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (field, "error");
  else
    gtk_widget_remove_css_class (field, "error");
}

static void
clear_form_errors (ChcElementsDialog *self)
{
  set_field_error (self->code_error, GTK_WIDGET (self->code_entry), NULL);
  set_field_error (self->name_error, GTK_WIDGET (self->name_zh_entry), NULL);
  set_field_error (self->aggregation_error, GTK_WIDGET (self->aggregation_dropdown), NULL);
  set_field_error (self->min_error, GTK_WIDGET (self->min_entry), NULL);
  set_field_error (self->max_error, GTK_WIDGET (self->max_entry), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->form_error_label), FALSE);
}

static ChcValueType
form_value_type (ChcElementsDialog *self)
{
  return form_value_types[MIN (gtk_drop_down_get_selected (self->type_dropdown),
                               G_N_ELEMENTS (form_value_types) - 1)];
}

static void
on_aggregation_selected_cb (ChcElementsDialog *self)
{
  if (!self->setting_aggregation)
    self->aggregation_chosen = TRUE;
  clear_form_errors (self);
}

/* The aggregation follows the value type until the user chooses one;
 * bounds mean nothing for yes/no. */
static void
on_type_selected_cb (ChcElementsDialog *self)
{
  ChcValueType type = form_value_type (self);

  if (!self->aggregation_chosen)
    {
      ChcAggregation aggregation = type == CHC_VALUE_TYPE_YES_NO ? CHC_AGGREGATION_COUNT : CHC_AGGREGATION_SUM;

      self->setting_aggregation = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (form_aggregations); i++)
        if (form_aggregations[i] == aggregation)
          gtk_drop_down_set_selected (self->aggregation_dropdown, i);
      self->setting_aggregation = FALSE;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->min_entry), type != CHC_VALUE_TYPE_YES_NO);
  gtk_widget_set_sensitive (GTK_WIDGET (self->max_entry), type != CHC_VALUE_TYPE_YES_NO);
}

/* A bound typed in @entry: NAN when empty; FALSE (the reason next to the
 * field) when it is not a number. */
static gboolean
read_bound (GtkEntry *entry,
            GtkLabel *error_label,
            double   *bound)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  char *end = NULL;

  *bound = NAN;
  if (*text == '\0')
    return TRUE;
  *bound = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (*bound))
    {
      g_autofree char *message =
        /* TRANSLATORS: a bound typed in the form is not a number */
        g_strdup_printf (_("“%s” is not a number: write it with digits, such as 0 or 100."), text);

      set_field_error (error_label, GTK_WIDGET (entry), message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return *copy == '\0';
}

/* Says @error next to the field it is about. */
static void
show_add_error (ChcElementsDialog *self,
                ChcElement        *element,
                const GError      *error)
{
  GListModel *model = G_LIST_MODEL (self->items);

  if (!chc_element_code_is_valid (element->code))
    {
      set_field_error (self->code_error, GTK_WIDGET (self->code_entry), error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
      return;
    }
  if (is_blank (element->name_zh))
    {
      set_field_error (self->name_error, GTK_WIDGET (self->name_zh_entry), error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_zh_entry));
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      ChcElement *other = item_element (item);

      if (g_str_equal (other->code, element->code))
        {
          set_field_error (self->code_error, GTK_WIDGET (self->code_entry), error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
          return;
        }
      if (g_str_equal (other->name_zh, element->name_zh))
        {
          set_field_error (self->name_error, GTK_WIDGET (self->name_zh_entry), error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->name_zh_entry));
          return;
        }
    }
  if ((element->value_type == CHC_VALUE_TYPE_YES_NO) !=
      (element->aggregation == CHC_AGGREGATION_ANY || element->aggregation == CHC_AGGREGATION_COUNT))
    {
      set_field_error (self->aggregation_error, GTK_WIDGET (self->aggregation_dropdown), error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->aggregation_dropdown));
      return;
    }
  if (!isnan (element->min) && !isnan (element->max) && element->min > element->max)
    {
      set_field_error (self->max_error, GTK_WIDGET (self->max_entry), error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->max_entry));
      return;
    }
  gtk_label_set_label (self->form_error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->form_error_label), TRUE);
}

/* Brings the selected row into view once the list is laid out (GTK 4.8's
 * column view cannot scroll to a row: its rows are of one height, so the
 * row's share of the list is its share of the scrolled height). */
static gboolean
scroll_to_selected_cb (gpointer data)
{
  ChcElementsDialog *self = data;
  GtkScrollable *scrollable = GTK_SCROLLABLE (self->elements_view);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (scrollable);
  guint position = gtk_single_selection_get_selected (self->selection);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (adjustment != NULL && position != GTK_INVALID_LIST_POSITION && n > 0)
    {
      double upper = gtk_adjustment_get_upper (adjustment);
      double page = gtk_adjustment_get_page_size (adjustment);
      double row = upper / n;

      gtk_adjustment_set_value (adjustment, CLAMP (row * position - (page - row) / 2, 0, MAX (0, upper - page)));
    }
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
reset_form (ChcElementsDialog *self)
{
  GtkEntry *entries[] = {
    self->code_entry, self->name_zh_entry, self->name_en_entry, self->unit_entry,
    self->min_entry, self->max_entry,
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_editable_set_text (GTK_EDITABLE (entries[i]), "");
  self->aggregation_chosen = FALSE;
  on_type_selected_cb (self);
  clear_form_errors (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ChcElementsDialog *self = CHC_ELEMENTS_DIALOG (widget);
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));
  g_autofree char *name_zh = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_zh_entry))));
  g_autoptr(ChcElement) element = chc_element_new (code, name_zh);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  double min, max;
  gboolean bounds_ok;

  if (self->database == NULL)
    return;
  clear_form_errors (self);

  g_free (element->name_en);
  element->name_en = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_en_entry))));
  g_free (element->unit);
  element->unit = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->unit_entry))));
  element->value_type = form_value_type (self);
  element->level = form_levels[MIN (gtk_drop_down_get_selected (self->level_dropdown),
                                    G_N_ELEMENTS (form_levels) - 1)];
  element->period_type = form_period_types[MIN (gtk_drop_down_get_selected (self->period_dropdown),
                                                G_N_ELEMENTS (form_period_types) - 1)];
  element->aggregation = form_aggregations[MIN (gtk_drop_down_get_selected (self->aggregation_dropdown),
                                                G_N_ELEMENTS (form_aggregations) - 1)];
  element->origin = CHC_ELEMENT_ORIGIN_USER;

  bounds_ok = read_bound (self->min_entry, self->min_error, &min);
  bounds_ok &= read_bound (self->max_entry, self->max_error, &max);
  if (!bounds_ok)
    return;
  /* As chc-cli elements add: a number is at least 0 unless told. */
  element->min = element->value_type == CHC_VALUE_TYPE_YES_NO ? NAN : (isnan (min) ? 0 : min);
  element->max = element->value_type == CHC_VALUE_TYPE_YES_NO ? NAN : max;

  if (!chc_database_add_element (self->database, element, &error))
    {
      show_add_error (self, element, error);
      return;
    }

  reset_form (self);
  gtk_toggle_button_set_active (self->add_toggle, FALSE);
  reload (self);
  /* Show it, even when the search would hide it. */
  if (!chc_elements_dialog_select (self, element->code))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      on_search_changed_cb (self);
      chc_elements_dialog_select (self, element->code);
    }
  /* TRANSLATORS: the element's name and code */
  message = g_strdup_printf (_("Added the data element “%s” (%s)."), element->name_zh, element->code);
  show_status (self, message, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->elements_view));
  /* After the form is hidden and the list laid out again. */
  g_timeout_add_full (G_PRIORITY_LOW, 300, scroll_to_selected_cb, g_object_ref (self), NULL);
}

static void
show_form_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ChcElementsDialog *self = CHC_ELEMENTS_DIALOG (widget);

  gtk_toggle_button_set_active (self->add_toggle, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

static void
on_add_toggle_toggled_cb (ChcElementsDialog *self)
{
  if (gtk_toggle_button_get_active (self->add_toggle))
    gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

/* An edited form loses its marks: they were about what it said before. */
static void
on_form_changed_cb (ChcElementsDialog *self)
{
  clear_form_errors (self);
}

static void
on_form_entry_activate_cb (ChcElementsDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "elements.add", NULL);
}

/* ---- GObject -------------------------------------------------------------- */

static void
chc_elements_dialog_dispose (GObject *object)
{
  ChcElementsDialog *self = CHC_ELEMENTS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_ELEMENTS_DIALOG);
  g_clear_object (&self->database);
  g_clear_object (&self->items);
  g_clear_object (&self->filter);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (chc_elements_dialog_parent_class)->dispose (object);
}

static void
chc_elements_dialog_finalize (GObject *object)
{
  ChcElementsDialog *self = CHC_ELEMENTS_DIALOG (object);

  g_free (self->search_key);

  G_OBJECT_CLASS (chc_elements_dialog_parent_class)->finalize (object);
}

static void
chc_elements_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ChcElementsDialog *self = CHC_ELEMENTS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_elements_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ChcElementsDialog *self = CHC_ELEMENTS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      if (g_set_object (&self->database, g_value_get_object (value)))
        {
          if (self->database != NULL)
            g_signal_connect_object (self->database, "changed", G_CALLBACK (on_database_changed_cb),
                                     self, G_CONNECT_SWAPPED);
          reload (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_elements_dialog_class_init (ChcElementsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_elements_dialog_dispose;
  object_class->finalize = chc_elements_dialog_finalize;
  object_class->get_property = chc_elements_dialog_get_property;
  object_class->set_property = chc_elements_dialog_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CHC_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-elements-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, elements_view);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, name_column);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, unit_column);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, type_column);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, level_column);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, period_column);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, aggregation_column);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, origin_column);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, add_toggle);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, remove_button);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, code_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, code_error);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, name_zh_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, name_error);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, name_en_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, unit_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, aggregation_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, aggregation_error);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, min_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, min_error);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, max_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, max_error);
  gtk_widget_class_bind_template_child (widget_class, ChcElementsDialog, form_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_toggle_toggled_cb);

  gtk_widget_class_install_action (widget_class, "elements.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "elements.show-form", NULL, show_form_action);
  gtk_widget_class_install_action (widget_class, "elements.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "elements.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "elements.close", NULL, close_action);
  chc_keymap_install (widget_class, "elements");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "elements.close", NULL);
}

static void
chc_elements_dialog_init (ChcElementsDialog *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) aggregations = gtk_string_list_new (NULL);
  GtkFilterListModel *filtered;

  gtk_widget_init_template (GTK_WIDGET (self));

  chc_ui_column_set_text (self->name_column, name_text, NULL, FALSE);
  chc_ui_column_set_text (self->unit_column, unit_text, NULL, FALSE);
  chc_ui_column_set_text (self->type_column, type_text, NULL, FALSE);
  chc_ui_column_set_text (self->level_column, level_text, NULL, FALSE);
  chc_ui_column_set_text (self->period_column, period_text, NULL, FALSE);
  chc_ui_column_set_text (self->aggregation_column, aggregation_text, NULL, FALSE);
  chc_ui_column_set_text (self->origin_column, origin_text, NULL, FALSE);

  self->items = g_list_store_new (CHC_TYPE_ELEMENT_ITEM);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                        GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->elements_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (form_value_types); i++)
    gtk_string_list_append (types, value_type_label (form_value_types[i]));
  for (guint i = 0; i < G_N_ELEMENTS (form_levels); i++)
    gtk_string_list_append (levels, level_label (form_levels[i]));
  for (guint i = 0; i < G_N_ELEMENTS (form_period_types); i++)
    gtk_string_list_append (periods, period_type_label (form_period_types[i]));
  for (guint i = 0; i < G_N_ELEMENTS (form_aggregations); i++)
    gtk_string_list_append (aggregations, aggregation_label (form_aggregations[i]));
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (types));
  gtk_drop_down_set_model (self->level_dropdown, G_LIST_MODEL (levels));
  gtk_drop_down_set_selected (self->level_dropdown, 1);   /* centres */
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (periods));
  gtk_drop_down_set_model (self->aggregation_dropdown, G_LIST_MODEL (aggregations));
  g_signal_connect_object (self->type_dropdown, "notify::selected", G_CALLBACK (on_type_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->aggregation_dropdown, "notify::selected",
                           G_CALLBACK (on_aggregation_selected_cb), self, G_CONNECT_SWAPPED);
  reset_form (self);
  update_actions (self);
}

/* ---- public API ------------------------------------------------------------ */

GtkWidget *
chc_elements_dialog_new (GtkWindow   *parent,
                         ChcDatabase *database)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);

  return g_object_new (CHC_TYPE_ELEMENTS_DIALOG,
                       "transient-for", parent,
                       "database", database,
                       NULL);
}

int
chc_elements_dialog_find_row (ChcElementsDialog *self,
                              const char        *code)
{
  GListModel *shown;

  g_return_val_if_fail (CHC_IS_ELEMENTS_DIALOG (self), -1);

  shown = G_LIST_MODEL (self->selection);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (shown, i);

      if (g_strcmp0 (item_element (item)->code, code) == 0)
        return (int) i;
    }
  return -1;
}

gboolean
chc_elements_dialog_select (ChcElementsDialog *self,
                            const char        *code)
{
  int position;

  g_return_val_if_fail (CHC_IS_ELEMENTS_DIALOG (self), FALSE);

  position = chc_elements_dialog_find_row (self, code);
  if (position < 0)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, (guint) position);
  return TRUE;
}
