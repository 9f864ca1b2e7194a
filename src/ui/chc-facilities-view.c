/* chc-facilities-view.c — the facility registry.
 *
 * A GtkColumnView over the shared registry (chc_ui_dup_registry()):
 *   registry → GtkFilterListModel (every: district/town/type, any: name or
 *   code search) → GtkSortListModel (the column view's sorter) → ChcRowModel
 *   (rows reused when the list changes) → selection.
 * Adding and editing happen in a ChcFacilityDialog on a copy; deleting asks
 * first and shows the store's refusal, or offers Undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-facilities-view"

#include <glib/gi18n-lib.h>

#include "chc-keymap.h"
#include "chc-facilities-view.h"
#include "chc-facility-dialog.h"
#include "chc-capabilities-dialog.h"
#include "chc-ui-util.h"
#include "store/chc-registry.h"
#include "model/chc-row-model.h"

#define MESSAGE_SECONDS 10

struct _ChcFacilitiesView
{
  GtkWidget            parent_instance;

  ChcDatabase         *database;
  ChcDistrict         *district;
  int                  year;

  ChcRegistry         *registry;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkSingleSelection  *selection;
  GtkFilter           *place_filter;
  GtkStringFilter     *name_filter;
  GtkStringFilter     *code_filter;
  GArray              *town_ids;       /* gint64; position in town_dropdown → id */
  GtkWindow           *dialog;         /* weak */
  ChcFacility         *undo_facility;  /* the facility deleted last */
  guint                message_timeout_id;

  /* template children */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *town_dropdown;
  GtkDropDown         *type_dropdown;
  GtkLabel            *count_label;
  GtkLabel            *empty_label;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *code_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *type_column;
  GtkColumnViewColumn *town_column;
  GtkColumnViewColumn *parent_column;
  GtkColumnViewColumn *area_column;
  GtkColumnViewColumn *standardized_column;
  GtkColumnViewColumn *status_column;
  GtkRevealer         *message_revealer;
  GtkWidget           *message_bar;
  GtkLabel            *message_label;
  GtkWidget           *undo_button;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_DISTRICT,
  PROP_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcFacilitiesView, chc_facilities_view, GTK_TYPE_WIDGET)

typedef char *(*CellTextFunc) (ChcFacility *facility);

/* ---- cells ------------------------------------------------------------ */

static char *
cell_code (ChcFacility *f)
{
  /* A code the program assigned (a district's registry) until the user
   * enters the real one. */
  if (chc_facility_get_code_provisional (f))
    /* TRANSLATORS: a facility code the program assigned, awaiting the real one */
    return g_strdup_printf (_("%s (provisional)"), chc_facility_get_code (f));
  return g_strdup (chc_facility_get_code (f));
}

static char *
cell_name (ChcFacility *f)
{
  return g_strdup (chc_facility_get_name (f));
}

static char *
cell_type (ChcFacility *f)
{
  return g_strdup (chc_facility_type_to_label (chc_facility_get_facility_type (f)));
}

static char *
cell_town (ChcFacility *f)
{
  return g_strdup (chc_facility_get_town_name (f));
}

static char *
cell_parent (ChcFacility *f)
{
  return g_strdup (chc_facility_get_parent_name (f));
}

static char *
cell_area (ChcFacility *f)
{
  double area = chc_facility_get_floor_area (f);

  if (area <= 0)
    return g_strdup ("—");
  return g_strdup_printf ("%'.0f", area);
}

static char *
cell_standardized (ChcFacility *f)
{
  int year = chc_facility_get_standardized_year (f);

  if (!chc_facility_get_standardized (f))
    return g_strdup (_("No"));
  if (year > 0)
    /* Translators: a standardized facility and the year it was standardized */
    return g_strdup_printf (_("Yes (%d)"), year);
  return g_strdup (_("Yes"));
}

static char *
cell_status (ChcFacility *f)
{
  return g_strdup (chc_facility_status_to_label (chc_facility_get_status (f)));
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  float xalign = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "xalign")) / 100.f;
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (xalign > 0.5f)
    gtk_widget_add_css_class (label, "numeric");
  if (g_object_get_data (G_OBJECT (factory), "tooltip") != NULL)
    chc_ui_label_tooltip_when_cut (GTK_LABEL (label));
  gtk_list_item_set_child (item, label);
}

/* The cell shows its row's facility (a row takes another facility in
 * place when the list changes: see chc-row-model.h). */
static void
update_cell (GtkLabel *label,
             ChcRow   *row)
{
  CellTextFunc text_func = g_object_get_data (G_OBJECT (label), "text-func");
  ChcFacility *facility = chc_row_get_item (row);
  g_autofree char *text = facility != NULL ? text_func (facility) : NULL;

  if (g_strcmp0 (gtk_label_get_label (label), text != NULL ? text : "") == 0)
    return;
  gtk_label_set_label (label, text != NULL ? text : "");
}

static void
on_row_item_notify (ChcRow     *row,
                    GParamSpec *pspec,
                    GtkLabel   *label)
{
  update_cell (label, row);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  ChcRow *row = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (label), "text-func", user_data);
  update_cell (label, row);
  g_signal_connect_object (row, "notify::item", G_CALLBACK (on_row_item_notify), label, 0);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  ChcRow *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_row_item_notify, label);
}

static void
set_up_column (GtkColumnViewColumn *column,
               CellTextFunc         text_func,
               float                xalign,
               gboolean             tooltip,
               GtkSorter           *sorter)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "xalign", GINT_TO_POINTER ((int) (xalign * 100)));
  g_object_set_data (G_OBJECT (factory), "tooltip", GINT_TO_POINTER (tooltip));
  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), text_func);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind_cb), NULL);
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
}

static GtkSorter *
property_sorter (const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (CHC_TYPE_FACILITY,
                                                                        NULL, property)));
}

static int
compare_type (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  int x = chc_facility_get_facility_type ((ChcFacility *) a);
  int y = chc_facility_get_facility_type ((ChcFacility *) b);

  return x < y ? GTK_ORDERING_SMALLER : x > y ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
compare_status (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  int x = chc_facility_get_status ((ChcFacility *) a);
  int y = chc_facility_get_status ((ChcFacility *) b);

  return x < y ? GTK_ORDERING_SMALLER : x > y ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* Not standardized first, then standardized by year. */
static int
compare_standardized (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  ChcFacility *fa = (ChcFacility *) a;
  ChcFacility *fb = (ChcFacility *) b;
  int x = chc_facility_get_standardized (fa) ? 1 + chc_facility_get_standardized_year (fa) : 0;
  int y = chc_facility_get_standardized (fb) ? 1 + chc_facility_get_standardized_year (fb) : 0;

  return x < y ? GTK_ORDERING_SMALLER : x > y ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
set_up_columns (ChcFacilitiesView *self)
{
  set_up_column (self->code_column, cell_code, 0, FALSE, property_sorter ("code"));
  set_up_column (self->name_column, cell_name, 0, TRUE, property_sorter ("name"));
  set_up_column (self->type_column, cell_type, 0, FALSE,
                 GTK_SORTER (gtk_custom_sorter_new (compare_type, NULL, NULL)));
  set_up_column (self->town_column, cell_town, 0, FALSE, property_sorter ("town-name"));
  set_up_column (self->parent_column, cell_parent, 0, TRUE, property_sorter ("parent-name"));
  set_up_column (self->area_column, cell_area, 1, FALSE,
                 GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (CHC_TYPE_FACILITY,
                                                                                 NULL, "floor-area"))));
  set_up_column (self->standardized_column, cell_standardized, 0, FALSE,
                 GTK_SORTER (gtk_custom_sorter_new (compare_standardized, NULL, NULL)));
  set_up_column (self->status_column, cell_status, 0, FALSE,
                 GTK_SORTER (gtk_custom_sorter_new (compare_status, NULL, NULL)));
}

/* ---- helpers ---------------------------------------------------------- */

static void
update_actions (ChcFacilitiesView *self)
{
  gboolean ready = self->registry != NULL && self->dialog == NULL;
  gboolean selected = chc_facilities_view_get_selected (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "facilities.add", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "facilities.edit", ready && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "facilities.capabilities", ready && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "facilities.delete", ready && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "facilities.undo",
                                 ready && self->undo_facility != NULL);
}

static void
update_count (ChcFacilitiesView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u facility",
                                                        "%u facilities", n), n);

  gtk_label_set_label (self->count_label, text);

  /* An empty table says why and what to do. */
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n == 0 && self->district != NULL);
  if (n == 0)
    {
      const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
      guint town = gtk_drop_down_get_selected (self->town_dropdown);
      guint type = gtk_drop_down_get_selected (self->type_dropdown);
      gboolean narrowed = (town != 0 && town != GTK_INVALID_LIST_POSITION) ||
                          (type != 0 && type != GTK_INVALID_LIST_POSITION);
      g_autofree char *empty = NULL;

      if (search != NULL && *search != '\0')
        empty = g_strdup_printf (_("No facility’s name or code contains “%s”."), search);
      else if (!narrowed)
        empty = g_strdup (_("This district has no facilities yet.\nAdd one (Ctrl+N) or import the registry from a CSV file (Ctrl+I)."));
      else
        empty = g_strdup (_("No facility of this town and type."));
      gtk_label_set_label (self->empty_label, empty);
    }
}

static gboolean
hide_message_cb (gpointer data)
{
  ChcFacilitiesView *self = data;

  self->message_timeout_id = 0;
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
  /* Undo is offered while its message is shown, not later. */
  g_clear_object (&self->undo_facility);
  update_actions (self);
  return G_SOURCE_REMOVE;
}

/* Shows @text in the bar under the list; an error stays until closed. */
static void
show_message (ChcFacilitiesView *self,
              const char        *text,
              gboolean           is_error,
              gboolean           can_undo)
{
  g_clear_handle_id (&self->message_timeout_id, g_source_remove);

  if (!can_undo)
    g_clear_object (&self->undo_facility);
  gtk_label_set_label (self->message_label, text);
  gtk_widget_set_visible (self->undo_button, can_undo);
  if (is_error)
    gtk_widget_add_css_class (self->message_bar, "error");
  else
    gtk_widget_remove_css_class (self->message_bar, "error");
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);

  if (!is_error)
    self->message_timeout_id = g_timeout_add_seconds (MESSAGE_SECONDS, hide_message_cb, self);
  update_actions (self);
}

static gint64
district_id (ChcFacilitiesView *self)
{
  return self->district != NULL ? chc_district_get_id (self->district) : 0;
}

static void
rebuild_towns (ChcFacilitiesView *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) towns = NULL;
  g_autoptr(GError) error = NULL;
  gint64 none = 0;

  g_array_set_size (self->town_ids, 0);
  gtk_string_list_append (list, _("All towns"));
  g_array_append_val (self->town_ids, none);

  if (self->database != NULL && self->district != NULL)
    {
      towns = chc_database_list_towns (self->database, district_id (self), &error);
      if (towns == NULL)
        g_warning ("Cannot list the towns: %s", error->message);
      for (guint i = 0; towns != NULL && i < towns->len; i++)
        {
          ChcTown *town = g_ptr_array_index (towns, i);
          gint64 id = chc_town_get_id (town);

          gtk_string_list_append (list, chc_town_get_name (town));
          g_array_append_val (self->town_ids, id);
        }
    }

  gtk_drop_down_set_model (self->town_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->town_dropdown, 0);
}

static gboolean
match_place (gpointer item,
             gpointer user_data)
{
  ChcFacilitiesView *self = user_data;
  ChcFacility *facility = item;
  guint town = gtk_drop_down_get_selected (self->town_dropdown);
  guint type = gtk_drop_down_get_selected (self->type_dropdown);

  if (self->district != NULL &&
      chc_facility_get_district_id (facility) != chc_district_get_id (self->district))
    return FALSE;
  if (town > 0 && town < self->town_ids->len &&
      chc_facility_get_town_id (facility) != g_array_index (self->town_ids, gint64, town))
    return FALSE;
  if (type > 0 && type != GTK_INVALID_LIST_POSITION &&
      (guint) chc_facility_get_facility_type (facility) != type - 1)
    return FALSE;
  return TRUE;
}

static void
set_dialog (ChcFacilitiesView *self,
            GtkWindow         *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  update_actions (self);
}

/* GtkColumnView has no scroll_to before GTK 4.12: ask its list view. */
static void
scroll_to (ChcFacilitiesView *self,
           guint              position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
        return;
      }
}

static GtkWindow *
parent_window (ChcFacilitiesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---- callbacks -------------------------------------------------------- */

static void
on_dialog_destroy_cb (ChcFacilitiesView *self,
                      GtkWindow         *dialog)
{
  if (self->dialog == dialog)
    set_dialog (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_facility_saved_cb (ChcFacilitiesView *self,
                      ChcFacility       *facility,
                      ChcFacilityDialog *dialog)
{
  if (!chc_facilities_view_select_facility (self, chc_facility_get_id (facility)))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” was saved; the filters hide it."),
                                               chc_facility_get_name (facility));
      show_message (self, text, FALSE, FALSE);
    }
}

static void
open_editor (ChcFacilitiesView *self,
             ChcFacility       *facility)
{
  ChcFacilityDialog *dialog;

  if (self->registry == NULL || self->dialog != NULL)
    return;

  dialog = chc_facility_dialog_new (parent_window (self), self->registry, facility,
                                    district_id (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_facility_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  set_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_facility (ChcFacilitiesView *self,
                 ChcFacility       *facility)
{
  g_autoptr(ChcFacility) copy = chc_facility_copy (facility);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!chc_registry_remove_facility (self->registry, chc_facility_get_id (copy), &error))
    {
      show_message (self, error->message, TRUE, FALSE);
      return;
    }

  g_set_object (&self->undo_facility, copy);
  text = g_strdup_printf (_("“%s” was deleted."), chc_facility_get_name (copy));
  show_message (self, text, FALSE, TRUE);
  update_actions (self);
}

static void
on_confirm_response_cb (ChcFacilitiesView *self,
                        int                response,
                        GtkDialog         *dialog)
{
  g_autoptr(ChcFacility) facility = g_object_ref (g_object_get_data (G_OBJECT (dialog), "facility"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    delete_facility (self, facility);
}

static void
on_search_changed_cb (ChcFacilitiesView *self,
                      GtkSearchEntry    *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  gtk_string_filter_set_search (self->name_filter, text);
  gtk_string_filter_set_search (self->code_filter, text);
  update_count (self);
}

static void
on_filter_changed_cb (ChcFacilitiesView *self,
                      GParamSpec        *pspec,
                      GtkDropDown       *dropdown)
{
  if (self->place_filter != NULL)
    gtk_filter_changed (self->place_filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_row_activated_cb (ChcFacilitiesView *self,
                     guint              position,
                     GtkColumnView     *column_view)
{
  g_autoptr(ChcFacility) facility = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  gtk_single_selection_set_selected (self->selection, position);
  if (facility != NULL)
    open_editor (self, facility);
}

static void
on_selection_changed_cb (ChcFacilitiesView *self)
{
  update_actions (self);
}

static void
on_items_changed_cb (ChcFacilitiesView *self)
{
  update_count (self);
  update_actions (self);
}

static void
on_message_close_cb (ChcFacilitiesView *self)
{
  g_clear_handle_id (&self->message_timeout_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
  g_clear_object (&self->undo_facility);
  update_actions (self);
}

/* ---- actions ---------------------------------------------------------- */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (CHC_FACILITIES_VIEW (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChcFacilitiesView *self = CHC_FACILITIES_VIEW (widget);
  ChcFacility *facility = chc_facilities_view_get_selected (self);

  if (facility != NULL)
    open_editor (self, facility);
}

/* The selected facility's service capabilities (issue 14: the kinds the
 * plans count, declared in data/elements.ini). */
static void
capabilities_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ChcFacilitiesView *self = CHC_FACILITIES_VIEW (widget);
  ChcFacility *facility = chc_facilities_view_get_selected (self);
  ChcCapabilitiesDialog *dialog;

  if (facility == NULL || self->registry == NULL)
    return;
  dialog = chc_capabilities_dialog_new (parent_window (self), chc_registry_get_database (self->registry),
                                        facility);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChcFacilitiesView *self = CHC_FACILITIES_VIEW (widget);
  ChcFacility *facility = chc_facilities_view_get_selected (self);
  GtkWidget *dialog;
  GtkWidget *button;

  if (facility == NULL || self->dialog != NULL)
    return;

  dialog = gtk_message_dialog_new (parent_window (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Delete “%s”?"), chc_facility_get_name (facility));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
    _("It is removed from the registry. A facility that still has facilities or figures under it is not deleted."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Delete"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data_full (G_OBJECT (dialog), "facility", g_object_ref (facility), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  set_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChcFacilitiesView *self = CHC_FACILITIES_VIEW (widget);
  g_autoptr(ChcFacility) facility = g_steal_pointer (&self->undo_facility);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (facility == NULL || self->registry == NULL)
    return;

  update_actions (self);
  chc_facility_set_id (facility, 0);
  if (!chc_registry_add_facility (self->registry, facility, &error))
    {
      show_message (self, error->message, TRUE, FALSE);
      return;
    }
  chc_facilities_view_select_facility (self, chc_facility_get_id (facility));
  text = g_strdup_printf (_("“%s” was restored."), chc_facility_get_name (facility));
  show_message (self, text, FALSE, FALSE);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (CHC_FACILITIES_VIEW (widget)->search_entry));
}

/* ---- GObject ---------------------------------------------------------- */

static void
set_database (ChcFacilitiesView *self,
              ChcDatabase       *database)
{
  if (!g_set_object (&self->database, database))
    return;

  g_clear_object (&self->registry);
  g_clear_object (&self->undo_facility);
  if (database != NULL)
    self->registry = chc_ui_dup_registry (database);
  gtk_filter_list_model_set_model (self->filter_model,
                                   self->registry != NULL
                                   ? chc_registry_get_facilities (self->registry) : NULL);
  rebuild_towns (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

static void
set_district (ChcFacilitiesView *self,
              ChcDistrict       *district)
{
  gint64 old_id = district_id (self);

  if (!g_set_object (&self->district, district))
    return;
  if (old_id != district_id (self))
    {
      rebuild_towns (self);
      gtk_filter_changed (self->place_filter, GTK_FILTER_CHANGE_DIFFERENT);
    }
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT]);
}

static gboolean
chc_facilities_view_grab_focus (GtkWidget *widget)
{
  ChcFacilitiesView *self = CHC_FACILITIES_VIEW (widget);

  if (gtk_widget_grab_focus (GTK_WIDGET (self->column_view)))
    return TRUE;
  return gtk_widget_child_focus (GTK_WIDGET (self->column_view), GTK_DIR_TAB_FORWARD);
}

static void
chc_facilities_view_dispose (GObject *object)
{
  ChcFacilitiesView *self = CHC_FACILITIES_VIEW (object);

  if (self->dialog != NULL)
    {
      GtkWindow *dialog = self->dialog;

      g_signal_handlers_disconnect_by_data (dialog, self);
      set_dialog (self, NULL);
      gtk_window_destroy (dialog);
    }
  g_clear_handle_id (&self->message_timeout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_FACILITIES_VIEW);
  /* The template's unnamed top box is no bound child: drop it too. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->registry);
  g_clear_object (&self->undo_facility);
  g_clear_object (&self->district);
  g_clear_object (&self->database);
  g_clear_pointer (&self->town_ids, g_array_unref);
  self->place_filter = NULL;
  self->name_filter = NULL;
  self->code_filter = NULL;

  G_OBJECT_CLASS (chc_facilities_view_parent_class)->dispose (object);
}

static void
chc_facilities_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ChcFacilitiesView *self = CHC_FACILITIES_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_DISTRICT:
      g_value_set_object (value, self->district);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_facilities_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ChcFacilitiesView *self = CHC_FACILITIES_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      set_database (self, g_value_get_object (value));
      break;
    case PROP_DISTRICT:
      set_district (self, g_value_get_object (value));
      break;
    case PROP_YEAR:
      /* The registry is the same every year: kept for the view contract. */
      if (self->year != g_value_get_int (value))
        {
          self->year = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_facilities_view_class_init (ChcFacilitiesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_facilities_view_dispose;
  object_class->get_property = chc_facilities_view_get_property;
  object_class->set_property = chc_facilities_view_set_property;
  widget_class->grab_focus = chc_facilities_view_grab_focus;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CHC_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTRICT] =
    g_param_spec_object ("district", NULL, NULL, CHC_TYPE_DISTRICT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-facilities-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, town_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, code_column);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, name_column);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, type_column);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, town_column);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, parent_column);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, area_column);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, standardized_column);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, status_column);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, message_bar);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, message_label);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilitiesView, undo_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_message_close_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "facilities.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "facilities.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "facilities.capabilities", NULL, capabilities_action);
  gtk_widget_class_install_action (widget_class, "facilities.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "facilities.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "facilities.find", NULL, find_action);

  chc_keymap_install (widget_class, "facilities");
}

static void
chc_facilities_view_init (ChcFacilitiesView *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  GtkMultiFilter *every;
  GtkMultiFilter *any;

  self->town_ids = g_array_new (FALSE, TRUE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (types, _("All types"));
  for (int t = CHC_FACILITY_CENTRE; t < CHC_N_FACILITY_TYPES; t++)
    gtk_string_list_append (types, chc_facility_type_to_label (t));
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (types));

  /* district, town and type; then a search of the name or the code */
  self->place_filter = GTK_FILTER (gtk_custom_filter_new (match_place, self, NULL));
  self->name_filter = gtk_string_filter_new (gtk_property_expression_new (CHC_TYPE_FACILITY, NULL, "name"));
  self->code_filter = gtk_string_filter_new (gtk_property_expression_new (CHC_TYPE_FACILITY, NULL, "code"));
  any = GTK_MULTI_FILTER (gtk_any_filter_new ());
  gtk_multi_filter_append (any, GTK_FILTER (self->name_filter));
  gtk_multi_filter_append (any, GTK_FILTER (self->code_filter));
  every = GTK_MULTI_FILTER (gtk_every_filter_new ());
  gtk_multi_filter_append (every, self->place_filter);
  gtk_multi_filter_append (every, GTK_FILTER (any));

  set_up_columns (self);

  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (every));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  /* Rows reused across filters and sort orders (chc-row-model.h). */
  self->selection = gtk_single_selection_new (G_LIST_MODEL (chc_row_model_new (G_LIST_MODEL (self->sort_model))));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);

  rebuild_towns (self);
  update_count (self);
  update_actions (self);
}

/* ---- public API ------------------------------------------------------- */

GtkWidget *
chc_facilities_view_new (void)
{
  return g_object_new (CHC_TYPE_FACILITIES_VIEW, NULL);
}

GListModel *
chc_facilities_view_get_model (ChcFacilitiesView *self)
{
  g_return_val_if_fail (CHC_IS_FACILITIES_VIEW (self), NULL);
  return G_LIST_MODEL (self->sort_model);
}

/* Returns: (transfer none) (nullable) */
ChcFacility *
chc_facilities_view_get_selected (ChcFacilitiesView *self)
{
  ChcRow *row;

  g_return_val_if_fail (CHC_IS_FACILITIES_VIEW (self), NULL);
  if (self->selection == NULL)
    return NULL;
  row = gtk_single_selection_get_selected_item (self->selection);
  return row != NULL ? chc_row_get_item (row) : NULL;
}

gboolean
chc_facilities_view_select_facility (ChcFacilitiesView *self,
                                     gint64             id)
{
  guint n;

  g_return_val_if_fail (CHC_IS_FACILITIES_VIEW (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChcFacility) f = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);

      if (chc_facility_get_id (f) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          scroll_to (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

GtkWindow *
chc_facilities_view_get_dialog (ChcFacilitiesView *self)
{
  g_return_val_if_fail (CHC_IS_FACILITIES_VIEW (self), NULL);
  return self->dialog;
}

const char *
chc_facilities_view_get_message (ChcFacilitiesView *self)
{
  g_return_val_if_fail (CHC_IS_FACILITIES_VIEW (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->message_revealer))
    return "";
  return gtk_label_get_label (self->message_label);
}

void
chc_facilities_view_show_type (ChcFacilitiesView *self,
                               int                type)
{
  g_return_if_fail (CHC_IS_FACILITIES_VIEW (self));
  g_return_if_fail (type >= -1 && type < CHC_N_FACILITY_TYPES);

  gtk_drop_down_set_selected (self->type_dropdown, (guint) (type + 1));
}
