/* chc-tcm-view.c
 *
 * A thin view over ChcTcmRollout: it binds the rollout's items to a column
 * view, draws the matrix and the chart from what the rollout computed, and
 * turns edits into calls of the store (chc-database-tcm.h), whose "changed"
 * signal makes the rollout — and so the view — reload.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-tcm-view"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "core/chc-tcm.h"
#include "store/chc-database-tcm.h"
#include "store/chc-tcm-undo.h"
#include "chc-keymap.h"
#include "chc-tcm-view.h"
#include "chc-toast.h"
#include "chc-ui-util.h"

struct _ChcTcmView
{
  GtkWidget           parent_instance;

  ChcDatabase        *database;
  ChcDistrict        *district;
  int                 year;
  ChcTcmRollout      *rollout;
  GtkCustomFilter    *search_filter;
  GtkSingleSelection *selection;
  gint64              selected_id;
  char               *search;     /* casefolded, or NULL */
  ChcTcmUndo         *undo;
  char               *coverage_text;
  char               *error_text;

  /* template children */
  GtkWidget          *root;
  GtkLabel           *title_label;
  GtkLabel           *demo_label;
  GtkLabel           *share_label;
  GtkSearchEntry     *search_entry;
  GtkLabel           *empty_label;
  GtkColumnView      *facility_view;
  GtkLabel           *detail_title;
  GtkLabel           *detail_subtitle;
  GtkLabel           *site_heading;
  GtkLabel           *site_current;
  GtkDropDown        *site_state_dropdown;
  GtkEntry           *site_date_entry;
  GtkListBox         *events_list;
  GtkListBox         *clinics_list;
  GtkEntry           *clinic_name_entry;
  GtkEntry           *clinic_date_entry;
  GtkDropDown        *demo_dropdown;
  GtkSpinButton      *demo_year_spin;
  GtkLabel           *demo_note;
  GtkLabel           *visits_label;
  GtkLabel           *error_label;
  GtkGrid            *matrix_grid;
  GtkDrawingArea     *chart_area;
  GtkLabel           *coverage_label;
  ChcToast           *toast;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_DISTRICT,
  PROP_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcTcmView, chc_tcm_view, GTK_TYPE_WIDGET)

static const char css[] =
  ".tcm-has { background-color: #d8eedb; color: #1b5e20; border-radius: 3px; padding: 2px 8px; }\n"
  ".tcm-missing { background-color: #fbd9d3; color: #a31515; font-weight: bold; border-radius: 3px; padding: 2px 8px; }\n"
  ".tcm-matrix-header { font-weight: bold; padding: 2px 8px; }\n"
  ".tcm-matrix-town { padding: 2px 8px; }\n"
  ".tcm-error { color: #a31515; }\n"
  ".tcm-row-state > button { min-height: 22px; padding-top: 0; padding-bottom: 0; }\n"
  ".tcm-demo-badge { background-color: #fff0c2; color: #6d4c00; border-radius: 3px; padding: 2px 8px; font-weight: bold; }\n";

/* ---- helpers ------------------------------------------------------------- */

static GtkStringList *
new_state_list (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint s = 0; s < CHC_TCM_N_SITE_STATES; s++)
    gtk_string_list_append (list, chc_tcm_site_state_to_label (s));
  return list;
}

static GtkStringList *
new_demo_list (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint s = 0; s < CHC_TCM_N_DEMO_STATUSES; s++)
    gtk_string_list_append (list, chc_tcm_demo_status_to_label (s));
  return list;
}

static ChcTcmStatus *
selected_status (ChcTcmView *self)
{
  return self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

/* The position of the facility in the list shown (the search may hide
 * it), or FALSE. */
static gboolean
find_shown (ChcTcmView *self,
            gint64      facility_id,
            guint      *position)
{
  guint n;

  if (self->selection == NULL)
    return FALSE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChcTcmStatus) status = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (chc_facility_get_id (chc_tcm_status_get_facility (status)) == facility_id)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
search_match (gpointer item,
              gpointer user_data)
{
  ChcTcmView *self = user_data;
  ChcFacility *facility = chc_tcm_status_get_facility (item);

  return chc_ui_search_matches (chc_facility_get_name (facility), self->search) ||
         chc_ui_search_matches (chc_facility_get_town_name (facility), self->search);
}

/* The date an edit is recorded at: today while the year shown is this year
 * (or later), else the last day of the year shown. */
static char *
default_change_date (ChcTcmView *self)
{
  g_autofree char *today = chc_tcm_today ();

  if (self->year >= atoi (today))
    return g_steal_pointer (&today);
  return chc_tcm_year_end (self->year);
}

static char *
format_percent (double value)
{
  if (value < 0)
    return g_strdup ("—");
  /* Translators: a percentage with one decimal, e.g. "23.5 %". */
  return g_strdup_printf (_("%.1f %%"), value);
}

static char *
entry_text (GtkEntry *entry)
{
  return chc_tcm_trim (gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
show_result (ChcTcmView   *self,
             const GError *error)
{
  g_clear_pointer (&self->error_text, g_free);
  if (error != NULL)
    self->error_text = g_strdup (error->message);
  gtk_label_set_text (self->error_label, self->error_text ? self->error_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error_text != NULL);
}

/* An empty list says why. */
static void
update_empty (ChcTcmView *self)
{
  g_autofree char *text = NULL;

  if (self->selection != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    ;
  else if (self->search != NULL)
    text = g_strdup_printf (_("No facility’s name or town contains “%s”."),
                            gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  else if (self->district != NULL && self->database != NULL)
    text = g_strdup (_("This district has no facilities yet: add them under Facilities (Ctrl+2)."));
  gtk_label_set_text (self->empty_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), text != NULL);
}

/* After an edit: its error, or the toast that says what it did and offers
 * to undo it. */
static void
edit_done (ChcTcmView   *self,
           gboolean      ok,
           const GError *error)
{
  show_result (self, ok ? NULL : error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tcm.undo", chc_tcm_undo_can_undo (self->undo));
  if (ok)
    chc_toast_show (self->toast, chc_tcm_undo_peek_description (self->undo), "tcm.undo");
}

static void
remove_children (GtkWidget *widget)
{
  GtkWidget *child;

  if (GTK_IS_LIST_BOX (widget))
    {
      /* Rows only: the placeholder is a child too. */
      GtkListBoxRow *row;

      while ((row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (widget), 0)) != NULL)
        gtk_list_box_remove (GTK_LIST_BOX (widget), GTK_WIDGET (row));
      return;
    }

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_GRID (widget))
        gtk_grid_remove (GTK_GRID (widget), child);
      else
        gtk_widget_unparent (child);
    }
}

/* The one place that decides which actions are enabled. */
static void
update_actions (ChcTcmView *self)
{
  ChcTcmStatus *status = selected_status (self);
  gboolean have = status != NULL && self->database != NULL;
  gboolean demo_ok = FALSE;

  if (have)
    {
      ChcFacilityType type = chc_facility_get_facility_type (chc_tcm_status_get_facility (status));
      demo_ok = type == CHC_FACILITY_STATION || type == CHC_FACILITY_VILLAGE_CLINIC;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tcm.record-site-change", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tcm.add-clinic", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tcm.save-demo", have && demo_ok);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tcm.set-site-state", self->database != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tcm.remove-site-change", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tcm.close-clinic", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tcm.reopen-clinic", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tcm.remove-clinic", have);

  gtk_widget_set_sensitive (GTK_WIDGET (self->site_state_dropdown), have);
  gtk_widget_set_sensitive (GTK_WIDGET (self->site_date_entry), have);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clinic_name_entry), have);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clinic_date_entry), have);
  gtk_widget_set_sensitive (GTK_WIDGET (self->demo_dropdown), have && demo_ok);
  gtk_widget_set_sensitive (GTK_WIDGET (self->demo_year_spin), have && demo_ok);
}

/* ---- text columns --------------------------------------------------------- */

typedef char *(*StatusTextFunc) (ChcTcmView *self, ChcTcmStatus *status);

static char *
text_facility (ChcTcmView *self, ChcTcmStatus *status)
{
  return g_strdup (chc_facility_get_name (chc_tcm_status_get_facility (status)));
}

/* The type in a word, for a narrow column (the name says the rest). */
static char *
text_type (ChcTcmView *self, ChcTcmStatus *status)
{
  switch (chc_facility_get_facility_type (chc_tcm_status_get_facility (status)))
    {
    case CHC_FACILITY_CENTRE:
      return g_strdup (C_("facility type, short", "Centre"));
    case CHC_FACILITY_BRANCH:
      return g_strdup (C_("facility type, short", "Branch"));
    case CHC_FACILITY_STATION:
      return g_strdup (C_("facility type, short", "Station"));
    case CHC_FACILITY_VILLAGE_CLINIC:
      return g_strdup (C_("facility type, short", "Clinic"));
    default:
      return g_strdup ("");
    }
}

static char *
text_town (ChcTcmView *self, ChcTcmStatus *status)
{
  return g_strdup (chc_facility_get_town_name (chc_tcm_status_get_facility (status)));
}

static char *
text_clinics (ChcTcmView *self, ChcTcmStatus *status)
{
  const char *const *names = chc_tcm_status_get_clinic_names (status);

  if (names[0] == NULL)
    return g_strdup ("—");
  /* Translators: separates the names of specialty clinics in a list. */
  return g_strjoinv (_(", "), (char **) names);
}

static char *
text_demo (ChcTcmView *self, ChcTcmStatus *status)
{
  ChcTcmDemoStatus demo = chc_tcm_status_get_demo_status (status);
  int year = chc_tcm_status_get_demo_year (status);

  if (demo == CHC_TCM_DEMO_NONE)
    return g_strdup ("—");
  if (year > 0)
    /* Translators: a demonstration status and its year, e.g. "Awarded 2024". */
    return g_strdup_printf (_("%s %d"), chc_tcm_demo_status_to_label (demo), year);
  return g_strdup (chc_tcm_demo_status_to_label (demo));
}

static char *
text_share (ChcTcmView *self, ChcTcmStatus *status)
{
  return format_percent (chc_tcm_status_get_tcm_share (status));
}

static void
update_text_cell (GtkLabel     *label,
                  ChcTcmStatus *status)
{
  StatusTextFunc func = g_object_get_data (G_OBJECT (label), "func");
  ChcTcmView *self = g_object_get_data (G_OBJECT (label), "view");
  g_autofree char *text = func (self, status);

  /* A reused item notifies each of its properties: touch the label only
   * when its text changes. */
  if (g_strcmp0 (gtk_label_get_text (label), text) == 0)
    return;
  gtk_label_set_text (label, text);
}

static void
on_text_status_notify (ChcTcmStatus *status,
                       GParamSpec   *pspec,
                       GtkLabel     *label)
{
  update_text_cell (label, status);
}

static void
text_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ChcTcmView               *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  chc_ui_label_tooltip_when_cut (GTK_LABEL (label));
  g_object_set_data (G_OBJECT (label), "func", g_object_get_data (G_OBJECT (factory), "func"));
  g_object_set_data (G_OBJECT (label), "view", self);
  gtk_list_item_set_child (item, label);
}

static void
text_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ChcTcmView               *self)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  ChcTcmStatus *status = gtk_list_item_get_item (item);
  gulong id;

  update_text_cell (label, status);
  id = g_signal_connect (status, "notify", G_CALLBACK (on_text_status_notify), label);
  g_object_set_data (G_OBJECT (label), "handler", GSIZE_TO_POINTER ((gsize) id));
}

static void
text_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                ChcTcmView               *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  ChcTcmStatus *status = gtk_list_item_get_item (item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (label), "handler"));

  if (status != NULL && id != 0)
    g_signal_handler_disconnect (status, id);
  g_object_set_data (G_OBJECT (label), "handler", NULL);
}

static void
add_text_column (ChcTcmView     *self,
                 const char     *title,
                 StatusTextFunc  func,
                 gboolean        expand,
                 int             fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "func", func);
  g_signal_connect (factory, "setup", G_CALLBACK (text_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (text_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (text_unbind_cb), self);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_append_column (self->facility_view, column);
  g_object_unref (column);
}

/* ---- the in-place state column -------------------------------------------- */

/* Each row's state is a menu button, not a GtkDropDown: a dropdown builds
 * a popover with a list view for every row (most of what showing the
 * view took at city scale); the button builds its menu when it is opened. */

/* The cell of @status: its kind, its state and its accessible name. */
static void
update_state_cell (GtkWidget    *box,
                   ChcTcmStatus *status)
{
  GtkWidget *kind = gtk_widget_get_first_child (box);
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_next_sibling (kind));
  ChcTcmSiteKind site = chc_tcm_status_get_site_kind (status);
  ChcFacility *facility = chc_tcm_status_get_facility (status);
  const char *state = chc_tcm_site_state_to_label (chc_tcm_status_get_site_state (status));
  GtkLabel *label = g_object_get_data (G_OBJECT (button), "label");
  g_autofree char *a11y = NULL;

  /* The button's own label: gtk_menu_button_set_label() would build a
   * new one each time. */
  if (g_strcmp0 (gtk_label_get_text (label), state) != 0)
    gtk_label_set_text (label, state);
  /* The rest only when the item is another facility's. */
  if (g_object_get_data (G_OBJECT (box), "facility") == facility)
    return;
  g_object_set_data_full (G_OBJECT (box), "facility", g_object_ref (facility), g_object_unref);
  /* Its menu names the facility: built again when next opened. */
  gtk_menu_button_set_menu_model (button, NULL);
  gtk_label_set_text (GTK_LABEL (kind), site == CHC_TCM_SITE_HALL ? C_("tcm site, short", "Hall")
                                                                  : C_("tcm site, short", "Corner"));
  /* Translators: accessible name of a state dropdown: "TCM hall of 白鹤社区卫生服务中心". */
  a11y = g_strdup_printf (_("%s of %s"), chc_tcm_site_kind_to_label (site),
                          chc_facility_get_name (chc_tcm_status_get_facility (status)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

static void
on_row_status_notify (ChcTcmStatus *status,
                      GParamSpec   *pspec,
                      GtkWidget    *box)
{
  update_state_cell (box, status);
}

/* The menu marks the state of when it was built: it is built anew each
 * time (after the popover has closed, not in its own signal). */
static gboolean
forget_state_menu (gpointer data)
{
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (data), NULL);
  return G_SOURCE_REMOVE;
}

static void
on_state_menu_closed (GtkMenuButton *button)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, forget_state_menu, g_object_ref (button), g_object_unref);
}

/* The menu of the row's facility: each state sets it (tcm.set-site-state),
 * the current one marked. */
static void
create_state_menu (GtkMenuButton *button,
                   gpointer       user_data)
{
  ChcTcmStatus *status = g_object_get_data (G_OBJECT (button), "status");
  g_autoptr(GMenu) menu = g_menu_new ();

  if (status == NULL)
    return;
  for (guint s = 0; s < CHC_TCM_N_SITE_STATES; s++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (s == (guint) chc_tcm_status_get_site_state (status))
        /* Translators: the current state in a row's menu of states. */
        label = g_strdup_printf (_("%s (now)"), chc_tcm_site_state_to_label (s));
      else
        label = g_strdup (chc_tcm_site_state_to_label (s));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "tcm.set-site-state",
                                               g_variant_new ("(xi)",
                                                              chc_facility_get_id (chc_tcm_status_get_facility (status)),
                                                              (gint32) s));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
  g_signal_connect_object (gtk_menu_button_get_popover (button), "closed",
                           G_CALLBACK (on_state_menu_closed), button, G_CONNECT_SWAPPED);
}

static void
state_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                ChcTcmView               *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *kind = gtk_label_new (NULL);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_width_chars (GTK_LABEL (kind), 4);
  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_widget_add_css_class (kind, "dim-label");
  gtk_widget_add_css_class (button, "tcm-row-state");
  gtk_box_append (GTK_BOX (content), label);
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), content);
  g_object_set_data (G_OBJECT (button), "label", label);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_state_menu, NULL, NULL);
  gtk_box_append (GTK_BOX (box), kind);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_item_set_child (item, box);
}

static void
state_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ChcTcmView               *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *button = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  ChcTcmStatus *status = gtk_list_item_get_item (item);
  gulong id;

  g_object_set_data (G_OBJECT (button), "status", status);
  update_state_cell (box, status);
  id = g_signal_connect (status, "notify", G_CALLBACK (on_row_status_notify), box);
  g_object_set_data (G_OBJECT (button), "handler", GSIZE_TO_POINTER ((gsize) id));
}

static void
state_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 ChcTcmView               *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *button = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  ChcTcmStatus *status = g_object_get_data (G_OBJECT (button), "status");
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "handler"));

  if (status != NULL && id != 0)
    g_signal_handler_disconnect (status, id);
  g_object_set_data (G_OBJECT (button), "handler", NULL);
  g_object_set_data (G_OBJECT (button), "status", NULL);
}

static void
add_state_column (ChcTcmView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (state_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (state_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (state_unbind_cb), self);
  column = gtk_column_view_column_new (_("Hall / corner at year end"), factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->facility_view, column);
  g_object_unref (column);
}

/* ---- header, matrix, chart ------------------------------------------------ */

static void
refresh_header (ChcTcmView *self)
{
  g_autofree char *title = NULL;
  g_autofree char *share = NULL;
  g_autofree char *share_text = NULL;

  if (self->district != NULL)
    /* Translators: the view's title: district and year. */
    title = g_strdup_printf (_("TCM rollout · %s · %d"), chc_district_get_name (self->district), self->year);
  else
    title = g_strdup (_("TCM rollout"));
  gtk_label_set_text (self->title_label, title);

  gtk_widget_set_visible (GTK_WIDGET (self->demo_label),
                          self->database != NULL && chc_database_get_demo (self->database));

  share = format_percent (self->rollout ? chc_tcm_rollout_get_district_share (self->rollout) : -1);
  /* Translators: the district's TCM share of visits: the sum of TCM visits
   * over the sum of all visits of the year. */
  share_text = g_strdup_printf (_("TCM share of visits in %d: %s (all TCM visits / all visits)"),
                                self->year, share);
  gtk_label_set_text (self->share_label, share_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->share_label), share_text);
}

static GtkWidget *
matrix_label (const char *text,
              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, css_class);
  gtk_label_set_xalign (GTK_LABEL (label), 0.5);
  return label;
}

static void
refresh_matrix (ChcTcmView *self)
{
  GPtrArray *rows = self->rollout ? chc_tcm_rollout_get_matrix (self->rollout) : NULL;
  GtkWidget *corner;

  remove_children (GTK_WIDGET (self->matrix_grid));

  corner = matrix_label (_("Town"), "tcm-matrix-header");
  gtk_label_set_xalign (GTK_LABEL (corner), 0);
  gtk_grid_attach (self->matrix_grid, corner, 0, 0, 1, 1);
  for (guint m = 0; m < CHC_TCM_N_MEASURES; m++)
    gtk_grid_attach (self->matrix_grid,
                     matrix_label (chc_tcm_measure_to_label (m), "tcm-matrix-header"),
                     m + 1, 0, 1, 1);

  for (guint r = 0; rows != NULL && r < rows->len; r++)
    {
      const ChcTcmTownRow *row = g_ptr_array_index (rows, r);
      GtkWidget *town = matrix_label (row->town_name, "tcm-matrix-town");

      gtk_label_set_xalign (GTK_LABEL (town), 0);
      gtk_grid_attach (self->matrix_grid, town, 0, r + 1, 1, 1);

      for (guint m = 0; m < CHC_TCM_N_MEASURES; m++)
        {
          gboolean has = chc_tcm_town_row_has (row, m);
          g_autofree char *text = NULL;
          g_autofree char *tip = NULL;
          GtkWidget *cell;

          if (has)
            text = g_strdup_printf ("✔ %u", row->count[m]);
          else
            /* Translators: a town lacks this measure; keep it very short (缺). */
            text = g_strdup (C_("tcm matrix", "Missing"));
          cell = matrix_label (text, has ? "tcm-has" : "tcm-missing");
          /* Translators: tooltip of a matrix cell: town, measure, count. */
          tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s — %s: %u facility of %u",
                                              "%s — %s: %u facilities of %u",
                                              row->count[m]),
                                 row->town_name, chc_tcm_measure_to_label (m),
                                 row->count[m], row->n_facilities);
          gtk_widget_set_tooltip_text (cell, tip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
          gtk_grid_attach (self->matrix_grid, cell, m + 1, r + 1, 1, 1);
        }
    }

  if (rows != NULL && rows->len > 0)
    {
      GtkWidget *total = matrix_label (_("Towns covered"), "tcm-matrix-header");

      gtk_label_set_xalign (GTK_LABEL (total), 0);
      gtk_grid_attach (self->matrix_grid, total, 0, rows->len + 1, 1, 1);
      for (guint m = 0; m < CHC_TCM_N_MEASURES; m++)
        {
          g_autofree char *text = g_strdup_printf ("%u / %u", chc_tcm_town_matrix_count (rows, m), rows->len);
          gtk_grid_attach (self->matrix_grid, matrix_label (text, "tcm-matrix-header"), m + 1, rows->len + 1, 1, 1);
        }
    }
}

static const char *
type_plural (ChcFacilityType type)
{
  switch (type)
    {
    case CHC_FACILITY_CENTRE:
      return _("Centres");
    case CHC_FACILITY_BRANCH:
      return _("Branch centres");
    case CHC_FACILITY_STATION:
      return _("Stations");
    case CHC_FACILITY_VILLAGE_CLINIC:
      return _("Village clinics");
    default:
      return "";
    }
}

/* The short name of a bar under it in the chart. */
static const char *
bar_short_label (const ChcTcmBar *bar)
{
  if (bar->kind == CHC_TCM_BAR_SPECIALTY)
    return C_("tcm chart, short", "Specialty");
  return chc_tcm_site_kind_for_facility_type (bar->type) == CHC_TCM_SITE_HALL
         ? C_("tcm site, short", "Hall") : C_("tcm site, short", "Corner");
}

static const char *
bar_label (const ChcTcmBar *bar)
{
  if (bar->kind == CHC_TCM_BAR_SPECIALTY)
    return _("Specialty clinic");
  return chc_tcm_site_kind_for_facility_type (bar->type) == CHC_TCM_SITE_HALL
         ? C_("tcm site, short", "Hall") : C_("tcm site, short", "Corner");
}

static void
refresh_coverage_text (ChcTcmView *self)
{
  GArray *bars = self->rollout ? chc_tcm_rollout_get_bars (self->rollout) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  int last_type = -1;

  for (guint i = 0; bars != NULL && i < bars->len; i++)
    {
      const ChcTcmBar *bar = &g_array_index (bars, ChcTcmBar, i);
      g_autofree char *value = format_percent (bar->value);
      g_autofree char *target = NULL;

      if ((int) bar->type != last_type)
        {
          if (last_type >= 0)
            g_string_append_c (text, '\n');
          /* Translators: "Centres (12): " starts a line of the coverage text. */
          g_string_append_printf (text, _("%s (%u): "), type_plural (bar->type), bar->denominator);
          last_type = bar->type;
        }
      else
        /* Translators: separates two measures on a line of the coverage text. */
        g_string_append (text, _("; "));

      if (bar->target >= 0)
        {
          target = format_percent (bar->target);
          /* Translators: measure, count, share and target, e.g. "Hall 11 (91.7 %, target 100.0 %)". */
          g_string_append_printf (text, _("%s %u (%s, target %s)"), bar_label (bar), bar->numerator, value, target);
        }
      else
        /* Translators: measure, count and share, e.g. "Corner 2 (40.0 %, no target)". */
        g_string_append_printf (text, _("%s %u (%s, no target)"), bar_label (bar), bar->numerator, value);
    }

  if (text->len == 0)
    g_string_append (text, _("No facilities."));

  g_free (self->coverage_text);
  self->coverage_text = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_label_set_text (self->coverage_label, self->coverage_text);
}

static void
set_source_hex (cairo_t *cr,
                guint32  rgb,
                double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

static void
draw_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      xalign,
           double      scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoFontDescription *font = pango_font_description_copy (
    pango_context_get_font_description (pango_layout_get_context (layout)));
  int w, h;

  pango_font_description_set_size (font, (int) (pango_font_description_get_size (font) * scale));
  pango_layout_set_font_description (layout, font);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * xalign, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

enum {
  COLOUR_MET = 0x2e7d32,
  COLOUR_BEHIND = 0xe65100,
  COLOUR_NO_TARGET = 0x607d8b,
  COLOUR_TEXT = 0x333333,
  COLOUR_GRID = 0xbdbdbd,
};

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  ChcTcmView *self = CHC_TCM_VIEW (user_data);
  GtkWidget *widget = GTK_WIDGET (area);
  GArray *bars = self->rollout ? chc_tcm_rollout_get_bars (self->rollout) : NULL;
  const double right = 8, top = 44, bottom = 44;
  double left;
  double plot_w;
  double plot_h = height - top - bottom;
  guint n_groups = 0;
  int last_type = -1;
  guint group = 0;
  GdkRGBA fg;

  /* Room for the widest tick label ("100%") in the widget's font. */
  {
    g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "100%");
    int tick_w;

    pango_layout_get_pixel_size (layout, &tick_w, NULL);
    left = tick_w + 12;
  }
  plot_w = width - left - right;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (bars == NULL || bars->len == 0 || plot_w < 40 || plot_h < 40)
    {
      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (widget, cr, _("No facilities."), width / 2.0, height / 2.0 - 8, 0.5, 1.0);
      return;
    }

  for (guint i = 0; i < bars->len; i++)
    if ((int) g_array_index (bars, ChcTcmBar, i).type != last_type)
      {
        n_groups++;
        last_type = g_array_index (bars, ChcTcmBar, i).type;
      }

  /* Legend. */
  {
    const struct { guint32 colour; const char *label; } legend[] = {
      { COLOUR_MET, _("target met") },
      { COLOUR_BEHIND, _("behind target") },
      { COLOUR_NO_TARGET, _("no target in the plan") },
    };
    double x = left;

    for (guint i = 0; i < G_N_ELEMENTS (legend); i++)
      {
        PangoLayout *layout = gtk_widget_create_pango_layout (widget, legend[i].label);
        int w, h;

        pango_layout_get_pixel_size (layout, &w, &h);
        set_source_hex (cr, legend[i].colour, 1);
        cairo_rectangle (cr, x, 6, 12, 12);
        cairo_fill (cr);
        gdk_cairo_set_source_rgba (cr, &fg);
        cairo_move_to (cr, x + 16, 12 - h / 2.0);
        pango_cairo_show_layout (cr, layout);
        x += 16 + w + 16;
        g_object_unref (layout);
      }
    /* The target mark. */
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, _("year’s target"));
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x, 12);
      cairo_line_to (cr, x + 16, 12);
      cairo_stroke (cr);
      cairo_move_to (cr, x + 20, 12 - h / 2.0);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
  }

  /* Grid and axis. */
  cairo_set_line_width (cr, 1);
  for (int p = 0; p <= 100; p += 25)
    {
      double y = top + plot_h * (1 - p / 100.0);
      g_autofree char *tick = g_strdup_printf ("%d%%", p);

      set_source_hex (cr, COLOUR_GRID, 0.6);
      cairo_move_to (cr, left, floor (y) + 0.5);
      cairo_line_to (cr, left + plot_w, floor (y) + 0.5);
      cairo_stroke (cr);
      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (widget, cr, tick, left - 6, y - 8, 1.0, 0.85);
    }

  last_type = -1;
  for (guint i = 0; i < bars->len; i++)
    {
      const ChcTcmBar *bar = &g_array_index (bars, ChcTcmBar, i);
      double group_w = plot_w / n_groups;
      double bar_w = MIN (group_w * 0.32, 70);
      double gx, x, y, h;
      guint32 colour;
      g_autofree char *value = NULL;

      if ((int) bar->type != last_type)
        {
          g_autofree char *label = NULL;

          if (last_type >= 0)
            group++;
          last_type = bar->type;
          gx = left + group * group_w;
          /* Translators: a group of the chart: facility type and how many. */
          label = g_strdup_printf (_("%s (%u)"), type_plural (bar->type), bar->denominator);
          gdk_cairo_set_source_rgba (cr, &fg);
          draw_text (widget, cr, label, gx + group_w / 2, top + plot_h + 20, 0.5, 1.0);
        }
      gx = left + group * group_w;
      x = gx + group_w / 2 + (bar->kind == CHC_TCM_BAR_SITE ? -bar_w - 3 : 3);
      h = plot_h * CLAMP (bar->value, 0, 100) / 100.0;
      y = top + plot_h - h;

      if (bar->target < 0)
        colour = COLOUR_NO_TARGET;
      else
        colour = bar->value >= bar->target ? COLOUR_MET : COLOUR_BEHIND;
      set_source_hex (cr, colour, bar->kind == CHC_TCM_BAR_SITE ? 1.0 : 0.7);
      cairo_rectangle (cr, x, y, bar_w, h);
      cairo_fill (cr);

      value = g_strdup_printf ("%.0f%%", bar->value);
      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (widget, cr, value, x + bar_w / 2, y - 17, 0.5, 0.85);
      draw_text (widget, cr, bar_short_label (bar), x + bar_w / 2, top + plot_h + 3, 0.5, 0.8);

      if (bar->target >= 0)
        {
          double ty = top + plot_h * (1 - CLAMP (bar->target, 0, 100) / 100.0);

          gdk_cairo_set_source_rgba (cr, &fg);
          cairo_set_line_width (cr, 2);
          cairo_move_to (cr, x - 4, ty);
          cairo_line_to (cr, x + bar_w + 4, ty);
          cairo_stroke (cr);
        }
    }
}

/* ---- detail pane ------------------------------------------------------------ */

static GtkWidget *
new_row_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  return box;
}

static GtkWidget *
new_row_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  return label;
}

static GtkWidget *
new_action_button (const char *label,
                   const char *tooltip,
                   const char *action,
                   GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static void
on_close_clinic_clicked (GtkButton  *button,
                         ChcTcmView *self)
{
  GtkEntry *entry = g_object_get_data (G_OBJECT (button), "entry");
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "clinic-id"));
  g_autofree char *date = entry_text (entry);

  gtk_widget_activate_action (GTK_WIDGET (self), "tcm.close-clinic", "(xs)", id, date);
}

static void
refresh_detail (ChcTcmView *self,
                gboolean    reset_entries)
{
  ChcTcmStatus *status = selected_status (self);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) clinics = NULL;
  g_autofree char *default_date = default_change_date (self);
  g_autofree char *year_end = chc_tcm_year_end (self->year);
  ChcFacility *facility;
  ChcFacilityType type;
  ChcTcmSiteKind kind;

  remove_children (GTK_WIDGET (self->events_list));
  remove_children (GTK_WIDGET (self->clinics_list));
  update_actions (self);

  if (status == NULL)
    {
      gtk_label_set_text (self->detail_title, _("Select a facility"));
      gtk_label_set_text (self->detail_subtitle, "");
      gtk_label_set_text (self->site_current, "");
      gtk_label_set_text (self->demo_note, "");
      gtk_label_set_text (self->visits_label, "");
      return;
    }

  facility = chc_tcm_status_get_facility (status);
  type = chc_facility_get_facility_type (facility);
  kind = chc_tcm_status_get_site_kind (status);

  gtk_label_set_text (self->detail_title, chc_facility_get_name (facility));
  {
    g_autofree char *subtitle = NULL;

    if (chc_facility_get_parent_name (facility) != NULL)
      /* Translators: facility type, town and parent centre. */
      subtitle = g_strdup_printf (_("%s · %s · part of %s"), chc_facility_type_to_label (type),
                                  chc_facility_get_town_name (facility) ? chc_facility_get_town_name (facility) : "—",
                                  chc_facility_get_parent_name (facility));
    else
      subtitle = g_strdup_printf (_("%s · %s"), chc_facility_type_to_label (type),
                                  chc_facility_get_town_name (facility) ? chc_facility_get_town_name (facility) : "—");
    gtk_label_set_text (self->detail_subtitle, subtitle);
  }

  /* The hall or corner. */
  gtk_label_set_text (self->site_heading, chc_tcm_site_kind_to_label (kind));
  {
    g_autofree char *current = NULL;
    const char *since = chc_tcm_status_get_site_date (status);

    if (since != NULL)
      /* Translators: "Up to standard since 2024-05-20 (state at 2025-12-31)". */
      current = g_strdup_printf (_("%s since %s (state at %s)"),
                                 chc_tcm_site_state_to_label (chc_tcm_status_get_site_state (status)),
                                 since, year_end);
    else
      current = g_strdup_printf (_("No change recorded up to %s."), year_end);
    gtk_label_set_text (self->site_current, current);
  }
  gtk_drop_down_set_selected (self->site_state_dropdown, chc_tcm_status_get_site_state (status));

  events = chc_database_list_tcm_site_events (self->database, chc_facility_get_id (facility), NULL);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      ChcTcmSiteEvent *event = g_ptr_array_index (events, i);
      GtkWidget *box = new_row_box ();
      g_autofree char *text = g_strdup_printf ("%s  %s", chc_tcm_site_event_get_date (event),
                                               chc_tcm_site_state_to_label (chc_tcm_site_event_get_state (event)));

      gtk_box_append (GTK_BOX (box), new_row_label (text));
      gtk_box_append (GTK_BOX (box),
                      new_action_button (_("Remove"), _("Remove this recorded change"),
                                         "tcm.remove-site-change",
                                         g_variant_new ("(xs)", chc_facility_get_id (facility),
                                                        chc_tcm_site_event_get_date (event))));
      gtk_list_box_append (self->events_list, box);
    }

  /* Specialty clinics, open and closed. */
  clinics = chc_database_list_specialty_clinics (self->database, chc_facility_get_id (facility), NULL);
  for (guint i = 0; clinics != NULL && i < clinics->len; i++)
    {
      ChcSpecialtyClinic *clinic = g_ptr_array_index (clinics, i);
      gint64 id = chc_specialty_clinic_get_id (clinic);
      GtkWidget *box = new_row_box ();
      g_autofree char *text = NULL;

      if (chc_specialty_clinic_get_closed (clinic) != NULL)
        /* Translators: a closed clinic: name, opening and closing dates. */
        text = g_strdup_printf (_("%s · %s – %s (closed)"), chc_specialty_clinic_get_name (clinic),
                                chc_specialty_clinic_get_opened (clinic), chc_specialty_clinic_get_closed (clinic));
      else
        /* Translators: an open clinic: name and opening date. */
        text = g_strdup_printf (_("%s · since %s"), chc_specialty_clinic_get_name (clinic),
                                chc_specialty_clinic_get_opened (clinic));
      gtk_box_append (GTK_BOX (box), new_row_label (text));

      if (chc_specialty_clinic_get_closed (clinic) == NULL)
        {
          GtkWidget *entry = gtk_entry_new ();
          GtkWidget *close = gtk_button_new_with_label (_("Close"));

          gtk_editable_set_text (GTK_EDITABLE (entry), default_date);
          gtk_editable_set_width_chars (GTK_EDITABLE (entry), 11);
          gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 11);
          gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (entry, _("Closing date"));
          gtk_widget_set_tooltip_text (close, _("Close the clinic at this date"));
          gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
          g_object_set_data (G_OBJECT (close), "entry", entry);
          g_object_set_data (G_OBJECT (close), "clinic-id", GSIZE_TO_POINTER ((gsize) id));
          g_signal_connect_object (close, "clicked", G_CALLBACK (on_close_clinic_clicked), self, 0);
          gtk_box_append (GTK_BOX (box), entry);
          gtk_box_append (GTK_BOX (box), close);
        }
      else
        gtk_box_append (GTK_BOX (box),
                        new_action_button (_("Reopen"), _("Clear the closing date"),
                                           "tcm.reopen-clinic", g_variant_new_int64 (id)));
      gtk_box_append (GTK_BOX (box),
                      new_action_button (_("Remove"), _("Remove a clinic entered by mistake"),
                                         "tcm.remove-clinic", g_variant_new_int64 (id)));
      gtk_list_box_append (self->clinics_list, box);
    }

  /* Demonstration status. */
  gtk_drop_down_set_selected (self->demo_dropdown, chc_tcm_status_get_demo_status (status));
  gtk_spin_button_set_value (self->demo_year_spin, chc_tcm_status_get_demo_year (status));
  if (type == CHC_FACILITY_STATION || type == CHC_FACILITY_VILLAGE_CLINIC)
    gtk_label_set_text (self->demo_note, _("Set the year when awarded; an applying station may leave it at 0."));
  else
    gtk_label_set_text (self->demo_note, _("Only health stations and village clinics become municipal TCM demonstration stations."));

  /* Visits and training of the year. */
  {
    g_autofree char *share = format_percent (chc_tcm_status_get_tcm_share (status));
    g_autofree char *tcm = g_strdup_printf ("%'lld", (long long) chc_tcm_status_get_tcm_visits (status));
    g_autofree char *all = g_strdup_printf ("%'lld", (long long) chc_tcm_status_get_all_visits (status));
    g_autofree char *visits = NULL;
    g_autofree char *trained = NULL;
    g_autofree char *text = NULL;

    if (chc_tcm_status_get_all_visits (status) > 0)
      /* Translators: year, TCM visits, all visits, share. */
      visits = g_strdup_printf (_("Visits in %d: %s TCM of %s in all (%s)."), self->year, tcm, all, share);
    else
      visits = g_strdup_printf (_("No visits recorded for %d."), self->year);
    /* Translators: how many non-TCM doctors were trained in TCM techniques (西学中) in a year. */
    trained = g_strdup_printf (_("Non-TCM doctors trained in TCM techniques in %d: %lld."),
                               self->year, (long long) chc_tcm_status_get_trained (status));
    text = g_strconcat (visits, "\n", trained, NULL);
    gtk_label_set_text (self->visits_label, text);
  }

  if (reset_entries)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->site_date_entry), default_date);
      gtk_editable_set_text (GTK_EDITABLE (self->clinic_date_entry), default_date);
      gtk_editable_set_text (GTK_EDITABLE (self->clinic_name_entry), "");
    }
}

/* ---- callbacks -------------------------------------------------------------- */

static void
on_rollout_reloaded (ChcTcmView *self)
{
  ChcTcmStatus *current = selected_status (self);
  gboolean another = FALSE;
  guint position;

  /* Keep the chosen facility selected when the list was replaced.  The
   * rollout reuses its items, so the selected item may now be another
   * facility's: that is a new selection. */
  if (self->search != NULL)
    {
      /* Reused items may be other facilities now: filter them again. */
      gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
      current = selected_status (self);
    }
  if (self->selected_id > 0 &&
      (current == NULL || chc_facility_get_id (chc_tcm_status_get_facility (current)) != self->selected_id) &&
      find_shown (self, self->selected_id, &position))
    gtk_single_selection_set_selected (self->selection, position);
  else if (current != NULL && chc_facility_get_id (chc_tcm_status_get_facility (current)) != self->selected_id)
    {
      self->selected_id = chc_facility_get_id (chc_tcm_status_get_facility (current));
      show_result (self, NULL);
      another = TRUE;
    }

  refresh_header (self);
  refresh_matrix (self);
  refresh_coverage_text (self);
  update_empty (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
  refresh_detail (self, another);
}

static void
on_selection_changed (ChcTcmView *self)
{
  ChcTcmStatus *status = selected_status (self);

  if (status != NULL)
    self->selected_id = chc_facility_get_id (chc_tcm_status_get_facility (status));
  show_result (self, NULL);
  refresh_detail (self, TRUE);
}

static void
set_site_state (ChcTcmView      *self,
                gint64           facility_id,
                ChcTcmSiteState  state,
                const char      *date)
{
  g_autoptr(GError) error = NULL;
  ChcTcmStatus *status = chc_tcm_rollout_find (self->rollout, facility_id, NULL);
  gboolean ok;

  if (status == NULL)
    return;
  ok = chc_tcm_undo_set_site_state (self->undo, self->database, chc_tcm_status_get_facility (status),
                                    chc_tcm_status_get_site_kind (status), date, state, &error);
  edit_done (self, ok, error);
}

static void
set_site_state_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ChcTcmView *self = CHC_TCM_VIEW (widget);
  g_autofree char *date = default_change_date (self);
  gint64 facility_id;
  gint32 state;

  g_variant_get (parameter, "(xi)", &facility_id, &state);
  if (state < 0 || state >= CHC_TCM_N_SITE_STATES)
    return;
  set_site_state (self, facility_id, state, date);
}

static void
record_site_change_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ChcTcmView *self = CHC_TCM_VIEW (widget);
  ChcTcmStatus *status = selected_status (self);
  g_autofree char *date = entry_text (self->site_date_entry);
  guint state = gtk_drop_down_get_selected (self->site_state_dropdown);

  if (status == NULL || state >= CHC_TCM_N_SITE_STATES)
    return;
  set_site_state (self, chc_facility_get_id (chc_tcm_status_get_facility (status)), state, date);
}

static void
remove_site_change_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ChcTcmView *self = CHC_TCM_VIEW (widget);
  g_autoptr(GError) error = NULL;
  const char *date = NULL;
  gint64 facility_id;
  ChcTcmStatus *status;
  gboolean ok;

  g_variant_get (parameter, "(x&s)", &facility_id, &date);
  status = chc_tcm_rollout_find (self->rollout, facility_id, NULL);
  if (status == NULL)
    return;
  ok = chc_tcm_undo_remove_site_change (self->undo, self->database, chc_tcm_status_get_facility (status),
                                        date, &error);
  edit_done (self, ok, error);
}

static void
add_clinic_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChcTcmView *self = CHC_TCM_VIEW (widget);
  ChcTcmStatus *status = selected_status (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = entry_text (self->clinic_name_entry);
  g_autofree char *opened = entry_text (self->clinic_date_entry);
  gboolean ok;

  if (status == NULL)
    return;
  ok = chc_tcm_undo_add_clinic (self->undo, self->database, chc_tcm_status_get_facility (status),
                                name, opened, &error);
  if (ok)
    gtk_editable_set_text (GTK_EDITABLE (self->clinic_name_entry), "");
  edit_done (self, ok, error);
}

static void
close_clinic_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ChcTcmView *self = CHC_TCM_VIEW (widget);
  ChcTcmStatus *status = selected_status (self);
  g_autoptr(GError) error = NULL;
  const char *date = NULL;
  gint64 id;
  gboolean ok;

  g_variant_get (parameter, "(x&s)", &id, &date);
  if (status == NULL)
    return;
  ok = chc_tcm_undo_close_clinic (self->undo, self->database, chc_tcm_status_get_facility (status),
                                  id, date, &error);
  edit_done (self, ok, error);
}

static void
reopen_clinic_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ChcTcmView *self = CHC_TCM_VIEW (widget);
  ChcTcmStatus *status = selected_status (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (status == NULL)
    return;
  ok = chc_tcm_undo_close_clinic (self->undo, self->database, chc_tcm_status_get_facility (status),
                                  g_variant_get_int64 (parameter), NULL, &error);
  edit_done (self, ok, error);
}

static void
remove_clinic_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ChcTcmView *self = CHC_TCM_VIEW (widget);
  ChcTcmStatus *status = selected_status (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (status == NULL)
    return;
  ok = chc_tcm_undo_remove_clinic (self->undo, self->database, chc_tcm_status_get_facility (status),
                                   g_variant_get_int64 (parameter), &error);
  edit_done (self, ok, error);
}

static void
save_demo_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ChcTcmView *self = CHC_TCM_VIEW (widget);
  ChcTcmStatus *status = selected_status (self);
  g_autoptr(GError) error = NULL;
  guint demo = gtk_drop_down_get_selected (self->demo_dropdown);
  gboolean ok;

  if (status == NULL || demo >= CHC_TCM_N_DEMO_STATUSES)
    return;
  ok = chc_tcm_undo_set_demo (self->undo, self->database, chc_tcm_status_get_facility (status),
                              demo, gtk_spin_button_get_value_as_int (self->demo_year_spin), &error);
  edit_done (self, ok, error);
}

static void
undo_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  ChcTcmView *self = CHC_TCM_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;

  if (self->database == NULL || !chc_tcm_undo_can_undo (self->undo))
    return;
  if (!chc_tcm_undo_undo (self->undo, self->database, &what, &error))
    {
      show_result (self, error);
      return;
    }
  show_result (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tcm.undo", chc_tcm_undo_can_undo (self->undo));
  chc_toast_show_undone (self->toast, what);
}

/* Shows the facilities whose name or town has @text (all for ""). */
static void
set_search (ChcTcmView *self,
            const char *text)
{
  g_autofree char *search = chc_ui_search_key (text);
  GtkFilterChange change;

  if (g_strcmp0 (search, self->search) == 0)
    return;
  if (self->search == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (search == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (search, self->search) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->search, search) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;
  g_free (self->search);
  self->search = g_steal_pointer (&search);
  gtk_filter_changed (GTK_FILTER (self->search_filter), change);
  update_empty (self);
}

static void
on_search_changed_cb (ChcTcmView     *self,
                      GtkSearchEntry *entry)
{
  set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Escape in the search: the whole list again, and back to it. */
static void
on_stop_search_cb (ChcTcmView     *self,
                   GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->facility_view));
}

static void
find_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (CHC_TCM_VIEW (widget)->search_entry));
}

/* ---- GObject -------------------------------------------------------------- */

static void
chc_tcm_view_dispose (GObject *object)
{
  ChcTcmView *self = (ChcTcmView *) object;

  if (self->facility_view != NULL)
    gtk_column_view_set_model (self->facility_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->rollout);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->database);
  g_clear_object (&self->district);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_TCM_VIEW);

  G_OBJECT_CLASS (chc_tcm_view_parent_class)->dispose (object);
}

static void
chc_tcm_view_finalize (GObject *object)
{
  ChcTcmView *self = (ChcTcmView *) object;

  g_clear_pointer (&self->coverage_text, g_free);
  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->undo, chc_tcm_undo_free);
  G_OBJECT_CLASS (chc_tcm_view_parent_class)->finalize (object);
}

static void
chc_tcm_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ChcTcmView *self = CHC_TCM_VIEW (object);

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
chc_tcm_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ChcTcmView *self = CHC_TCM_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      chc_tcm_view_set_database (self, g_value_get_object (value));
      break;
    case PROP_DISTRICT:
      chc_tcm_view_set_district (self, g_value_get_object (value));
      break;
    case PROP_YEAR:
      chc_tcm_view_set_year (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_tcm_view_class_init (ChcTcmViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_tcm_view_dispose;
  object_class->finalize = chc_tcm_view_finalize;
  object_class->get_property = chc_tcm_view_get_property;
  object_class->set_property = chc_tcm_view_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CHC_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTRICT] =
    g_param_spec_object ("district", NULL, NULL, CHC_TYPE_DISTRICT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CHC_TYPE_TOAST);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chcmonitor/ChcMonitor/ui/chc-tcm-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, root);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, demo_label);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, share_label);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, facility_view);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, detail_title);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, detail_subtitle);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, site_heading);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, site_current);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, site_state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, site_date_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, events_list);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, clinics_list);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, clinic_name_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, clinic_date_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, demo_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, demo_year_spin);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, demo_note);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, visits_label);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, error_label);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, toast);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, matrix_grid);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, chart_area);
  gtk_widget_class_bind_template_child (widget_class, ChcTcmView, coverage_label);

  gtk_widget_class_install_action (widget_class, "tcm.set-site-state", "(xi)", set_site_state_cb);
  gtk_widget_class_install_action (widget_class, "tcm.record-site-change", NULL, record_site_change_cb);
  gtk_widget_class_install_action (widget_class, "tcm.remove-site-change", "(xs)", remove_site_change_cb);
  gtk_widget_class_install_action (widget_class, "tcm.add-clinic", NULL, add_clinic_cb);
  gtk_widget_class_install_action (widget_class, "tcm.close-clinic", "(xs)", close_clinic_cb);
  gtk_widget_class_install_action (widget_class, "tcm.reopen-clinic", "x", reopen_clinic_cb);
  gtk_widget_class_install_action (widget_class, "tcm.remove-clinic", "x", remove_clinic_cb);
  gtk_widget_class_install_action (widget_class, "tcm.save-demo", NULL, save_demo_cb);
  gtk_widget_class_install_action (widget_class, "tcm.find", NULL, find_cb);
  gtk_widget_class_install_action (widget_class, "tcm.undo", NULL, undo_cb);

  chc_keymap_install (widget_class, "tcm");

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chc_tcm_view_init (ChcTcmView *self)
{
  static GtkCssProvider *provider;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->year = g_date_time_get_year (now);
  self->search_filter = gtk_custom_filter_new (search_match, self, NULL);
  self->undo = chc_tcm_undo_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tcm.undo", FALSE);

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_data (provider, css, -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  gtk_drop_down_set_model (self->site_state_dropdown, G_LIST_MODEL (new_state_list ()));
  gtk_drop_down_set_model (self->demo_dropdown, G_LIST_MODEL (new_demo_list ()));
  g_object_unref (gtk_drop_down_get_model (self->site_state_dropdown));
  g_object_unref (gtk_drop_down_get_model (self->demo_dropdown));

  /* The name first and wide enough to read (a long one is ellipsized,
   * in full in its tooltip); the others as narrow as their words, so the
   * table fits beside the detail pane on a 1366-pixel screen. */
  add_text_column (self, _("Facility"), text_facility, TRUE, 210);
  add_text_column (self, _("Type"), text_type, FALSE, 64);
  add_text_column (self, _("Town"), text_town, FALSE, 76);
  add_state_column (self);
  add_text_column (self, _("Specialty clinics"), text_clinics, FALSE, 110);
  add_text_column (self, _("Demonstration"), text_demo, FALSE, 96);
  add_text_column (self, _("TCM share"), text_share, FALSE, 68);

  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart, self, NULL);

  {
    GtkWidget *none = gtk_label_new (_("No change recorded."));
    GtkWidget *no_clinic = gtk_label_new (_("No specialty clinic yet."));

    gtk_widget_add_css_class (none, "dim-label");
    gtk_widget_add_css_class (no_clinic, "dim-label");
    gtk_widget_set_margin_top (none, 6);
    gtk_widget_set_margin_bottom (none, 6);
    gtk_widget_set_margin_top (no_clinic, 6);
    gtk_widget_set_margin_bottom (no_clinic, 6);
    gtk_list_box_set_placeholder (self->events_list, none);
    gtk_list_box_set_placeholder (self->clinics_list, no_clinic);
  }

  refresh_header (self);
  refresh_matrix (self);
  refresh_coverage_text (self);
  refresh_detail (self, TRUE);
}

/* ---- public API ----------------------------------------------------------- */

GtkWidget *
chc_tcm_view_new (ChcDatabase *database)
{
  return g_object_new (CHC_TYPE_TCM_VIEW, "database", database, NULL);
}

ChcDatabase *
chc_tcm_view_get_database (ChcTcmView *self)
{
  g_return_val_if_fail (CHC_IS_TCM_VIEW (self), NULL);
  return self->database;
}

void
chc_tcm_view_set_database (ChcTcmView  *self,
                           ChcDatabase *database)
{
  g_return_if_fail (CHC_IS_TCM_VIEW (self));
  g_return_if_fail (database == NULL || CHC_IS_DATABASE (database));

  if (!g_set_object (&self->database, database))
    return;

  gtk_column_view_set_model (self->facility_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->rollout);
  /* The edits to undo were another file's. */
  chc_tcm_undo_clear (self->undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tcm.undo", FALSE);
  chc_toast_dismiss (self->toast);

  if (database != NULL)
    {
      self->rollout = chc_tcm_rollout_new (database);
      chc_tcm_rollout_set_year (self->rollout, self->year);
      g_signal_connect_object (self->rollout, "reloaded", G_CALLBACK (on_rollout_reloaded),
                               self, G_CONNECT_SWAPPED);
      self->selection = gtk_single_selection_new (
        G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rollout)),
                                                 g_object_ref (GTK_FILTER (self->search_filter)))));
      gtk_single_selection_set_autoselect (self->selection, TRUE);
      g_signal_connect_object (self->selection, "notify::selected-item",
                               G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
      gtk_column_view_set_model (self->facility_view, GTK_SELECTION_MODEL (self->selection));
      chc_tcm_rollout_set_district_id (self->rollout, self->district ? chc_district_get_id (self->district) : 0);
    }

  on_rollout_reloaded (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

ChcDistrict *
chc_tcm_view_get_district (ChcTcmView *self)
{
  g_return_val_if_fail (CHC_IS_TCM_VIEW (self), NULL);
  return self->district;
}

void
chc_tcm_view_set_district (ChcTcmView  *self,
                           ChcDistrict *district)
{
  g_return_if_fail (CHC_IS_TCM_VIEW (self));
  g_return_if_fail (district == NULL || CHC_IS_DISTRICT (district));

  if (!g_set_object (&self->district, district))
    return;
  self->selected_id = 0;
  if (self->rollout != NULL)
    chc_tcm_rollout_set_district_id (self->rollout, district ? chc_district_get_id (district) : 0);
  refresh_header (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT]);
}

int
chc_tcm_view_get_year (ChcTcmView *self)
{
  g_return_val_if_fail (CHC_IS_TCM_VIEW (self), 0);
  return self->year;
}

void
chc_tcm_view_set_year (ChcTcmView *self,
                       int         year)
{
  g_return_if_fail (CHC_IS_TCM_VIEW (self));

  if (self->year == year)
    return;
  self->year = year;
  if (self->rollout != NULL)
    chc_tcm_rollout_set_year (self->rollout, year);
  refresh_header (self);
  refresh_detail (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

ChcTcmRollout *
chc_tcm_view_get_rollout (ChcTcmView *self)
{
  g_return_val_if_fail (CHC_IS_TCM_VIEW (self), NULL);
  return self->rollout;
}

gboolean
chc_tcm_view_select_facility (ChcTcmView *self,
                              gint64      facility_id)
{
  guint position;

  g_return_val_if_fail (CHC_IS_TCM_VIEW (self), FALSE);

  if (self->rollout == NULL || chc_tcm_rollout_find (self->rollout, facility_id, NULL) == NULL)
    return FALSE;
  /* A facility hidden by the search is shown again. */
  if (!find_shown (self, facility_id, &position))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      set_search (self, "");
      if (!find_shown (self, facility_id, &position))
        return FALSE;
    }
  gtk_single_selection_set_selected (self->selection, position);

  /* The column view's list holds the scrolling action. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->facility_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
  return TRUE;
}

gint64
chc_tcm_view_get_selected_facility (ChcTcmView *self)
{
  ChcTcmStatus *status;

  g_return_val_if_fail (CHC_IS_TCM_VIEW (self), 0);

  status = selected_status (self);
  return status != NULL ? chc_facility_get_id (chc_tcm_status_get_facility (status)) : 0;
}

GtkGrid *
chc_tcm_view_get_matrix (ChcTcmView *self)
{
  g_return_val_if_fail (CHC_IS_TCM_VIEW (self), NULL);
  return self->matrix_grid;
}

const char *
chc_tcm_view_get_coverage_text (ChcTcmView *self)
{
  g_return_val_if_fail (CHC_IS_TCM_VIEW (self), NULL);
  return self->coverage_text;
}

const char *
chc_tcm_view_get_error_text (ChcTcmView *self)
{
  g_return_val_if_fail (CHC_IS_TCM_VIEW (self), NULL);
  return self->error_text;
}
