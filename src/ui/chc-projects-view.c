/* chc-projects-view.c
 *
 * The list holds every project of the district (read through the store);
 * the filters and the order by lateness are applied here with the rules of
 * core/chc-project.c, as of the date in "As of" (today unless set).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-ui"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "core/chc-date.h"
#include "core/chc-project.h"
#include "core/chc-validate.h"
#include "store/chc-database-projects.h"
#include "chc-keymap.h"
#include "chc-entry-grid.h"
#include "chc-ui-util.h"
#include "chc-date-entry.h"
#include "chc-ui-resources.h"
#include "chc-milestone-timeline.h"
#include "chc-toast.h"
#include "chc-project-dialog.h"
#include "chc-projects-view.h"
#include "chc-standardization-batch-dialog.h"

struct _ChcProjectsView
{
  GtkWidget             parent_instance;

  ChcDatabase          *database;
  ChcDistrict          *district;
  int                   year;
  gboolean              late_only;
  guint32               as_of;          /* Julian day; 0: today */
  char                 *as_of_iso;      /* NULL: today */

  GListStore           *store;
  GtkCustomFilter      *filter;
  GtkFilterListModel   *filtered;
  GtkCustomSorter      *sorter;
  GtkSortListModel     *sorted;
  GtkSingleSelection   *selection;
  GPtrArray            *towns;          /* ChcTown, index + 1 in the dropdown */
  GArray               *years;          /* int, index + 1 in the dropdown */
  ChcProject           *current;
  gboolean              reverting;      /* putting the selection back */
  GtkWidget            *dialog;         /* asking whether to save */
  GPtrArray            *undo;           /* MilestoneEdit, the last at the end */

  /* template */
  ChcToast             *toast;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *town_dropdown;
  GtkDropDown          *kind_dropdown;
  GtkDropDown          *stage_dropdown;
  GtkDropDown          *year_dropdown;
  ChcDateEntry         *as_of_entry;
  GtkColumnView        *column_view;
  GtkLabel             *count_label;
  GtkLabel             *title_label;
  GtkLabel             *summary_label;
  GtkLabel             *error_label;
  ChcMilestoneTimeline *timeline;
  GtkGrid              *milestone_grid;
  GtkSpinButton        *plan_year_spin;
  GtkEntry             *budget_entry;
  GtkEntry             *area_before_entry;
  GtkEntry             *area_after_entry;
  GtkEntry             *units_entry;
  GtkEntry             *notes_entry;

  GtkWidget            *milestone_labels[CHC_N_MILESTONES];
  GtkWidget            *planned_entries[CHC_N_MILESTONES];
  GtkWidget            *actual_entries[CHC_N_MILESTONES];
  GtkWidget            *status_labels[CHC_N_MILESTONES];
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_DISTRICT,
  PROP_YEAR,
  PROP_LATE_ONLY,
  PROP_AS_OF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcProjectsView, chc_projects_view, GTK_TYPE_WIDGET)

static void show_project (ChcProjectsView *self,
                          ChcProject      *project);

/* ---- helpers ------------------------------------------------------------ */

static guint32
resolved_as_of (ChcProjectsView *self)
{
  GDate today;

  if (self->as_of != 0)
    return self->as_of;
  chc_date_today (&today);
  return g_date_get_julian (&today);
}

static char *
julian_to_iso (guint32 julian)
{
  GDate date;

  if (julian == 0)
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return chc_date_to_iso (&date);
}

static char *
days_late_text (guint days)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day late", "%u days late", days), days);
}

static char *
figure_text (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", value));
}

/* Empty: unknown (NAN).  Returns FALSE when @text is not a number. */
static gboolean
parse_figure (const char *text,
              double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autoptr(GString) digits = g_string_new (NULL);
  char *end = NULL;

  if (*copy == '\0')
    {
      *value = NAN;
      return TRUE;
    }
  for (const char *p = copy; *p; p++)
    if (*p != ',')
      g_string_append_c (digits, *p);
  *value = g_ascii_strtod (digits->str, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

static void
show_error (ChcProjectsView *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_actions (ChcProjectsView *self)
{
  gboolean has_project = self->current != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.save", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.delete", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.batch",
                                 self->database != NULL && self->district != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.new",
                                 self->database != NULL && self->district != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.today", self->as_of != 0);
}

static void
update_count (ChcProjectsView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  guint late = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < shown; i++)
    {
      g_autoptr(ChcProject) p = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);
      ChcProjectStatus status;

      chc_project_evaluate (p, resolved_as_of (self), &status);
      if (status.late)
        late++;
    }
  text = g_strdup_printf (_("%u of %u projects shown, %u late"),
                          shown, g_list_model_get_n_items (G_LIST_MODEL (self->store)), late);
  gtk_label_set_text (self->count_label, text);
}

/* ---- filters -------------------------------------------------------------- */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  ChcProjectsView *self = user_data;
  ChcProjectFilter filter;
  guint town = gtk_drop_down_get_selected (self->town_dropdown);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint stage = gtk_drop_down_get_selected (self->stage_dropdown);
  guint year = gtk_drop_down_get_selected (self->year_dropdown);

  chc_project_filter_init (&filter);
  if (town != GTK_INVALID_LIST_POSITION && town > 0 && town <= self->towns->len)
    filter.town_id = chc_town_get_id (g_ptr_array_index (self->towns, town - 1));
  if (kind != GTK_INVALID_LIST_POSITION && kind > 0)
    filter.kind = kind - 1;
  if (stage != GTK_INVALID_LIST_POSITION && stage > 0)
    filter.stage = stage - 1;
  if (year != GTK_INVALID_LIST_POSITION && year > 0 && year <= self->years->len)
    filter.plan_year = g_array_index (self->years, int, year - 1);
  filter.late_only = self->late_only;
  filter.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  filter.as_of = resolved_as_of (self);
  return chc_project_filter_matches (&filter, item);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  ChcProjectsView *self = user_data;
  guint32 as_of = resolved_as_of (self);

  return chc_project_compare_lateness (a, b, &as_of);
}

static void
refilter (ChcProjectsView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
fill_town_dropdown (ChcProjectsView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (self->towns, 0);
  gtk_string_list_append (names, _("All towns"));
  if (self->database != NULL && self->district != NULL)
    {
      g_autoptr(GPtrArray) towns = chc_database_list_towns (self->database,
                                                            chc_district_get_id (self->district),
                                                            &error);
      for (guint i = 0; towns != NULL && i < towns->len; i++)
        {
          g_ptr_array_add (self->towns, g_object_ref (g_ptr_array_index (towns, i)));
          gtk_string_list_append (names, chc_town_get_name (g_ptr_array_index (towns, i)));
        }
    }
  gtk_drop_down_set_model (self->town_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->town_dropdown, 0);
}

/* The plan years that occur, kept selected across reloads. */
static void
fill_year_dropdown (ChcProjectsView *self,
                    GPtrArray       *projects)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);
  int selected_year = 0;
  guint new_selected = 0;
  gboolean same = TRUE;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->years->len)
    selected_year = g_array_index (self->years, int, selected - 1);

  for (guint i = 0; i < projects->len; i++)
    {
      int y = chc_project_get_plan_year (g_ptr_array_index (projects, i));
      guint pos = 0;

      while (pos < years->len && g_array_index (years, int, pos) < y)
        pos++;
      if (pos == years->len || g_array_index (years, int, pos) != y)
        g_array_insert_val (years, pos, y);
    }

  if (years->len != self->years->len)
    same = FALSE;
  for (guint i = 0; same && i < years->len; i++)
    same = g_array_index (years, int, i) == g_array_index (self->years, int, i);
  if (same && gtk_drop_down_get_model (self->year_dropdown) != NULL)
    return;

  g_array_set_size (self->years, 0);
  gtk_string_list_append (names, _("All plan years"));
  for (guint i = 0; i < years->len; i++)
    {
      int y = g_array_index (years, int, i);
      g_autofree char *label = g_strdup_printf ("%d", y);

      g_array_append_val (self->years, y);
      gtk_string_list_append (names, label);
      if (y == selected_year)
        new_selected = i + 1;
    }
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->year_dropdown, new_selected);
}

static void
reload (ChcProjectsView *self)
{
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GError) error = NULL;
  gint64 selected_id = self->current != NULL ? chc_project_get_id (self->current) : 0;

  if (self->database != NULL && self->district != NULL)
    projects = chc_database_list_projects (self->database, chc_district_get_id (self->district),
                                           NULL, &error);
  if (projects == NULL)
    {
      if (error != NULL)
        show_error (self, error->message);
      projects = g_ptr_array_new_with_free_func (g_object_unref);
    }

  /* The list is refilled: the selection moves meanwhile, the project
   * shown stays (with what is being typed in its fields). */
  self->reverting = TRUE;
  fill_year_dropdown (self, projects);
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       projects->pdata, projects->len);
  refilter (self);
  self->reverting = FALSE;

  if (selected_id == 0 || !chc_projects_view_select_project (self, selected_id))
    {
      g_autoptr(ChcProject) first = g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0
                                    ? g_list_model_get_item (G_LIST_MODEL (self->selection), 0) : NULL;

      /* Selecting it asks first when the project shown has unsaved
       * fields (on_selection_changed_cb). */
      if (first != NULL)
        gtk_single_selection_set_selected (self->selection, 0);
      if (!chc_projects_view_has_unsaved_changes (self))
        show_project (self, first);
    }
}

/* ---- the list's columns ------------------------------------------------------ */

typedef enum
{
  COLUMN_FACILITY,
  COLUMN_TOWN,
  COLUMN_KIND,
  COLUMN_PLAN_YEAR,
  COLUMN_STAGE,
  COLUMN_LATENESS,
  COLUMN_NEXT,
  COLUMN_NEXT_DATE,
} Column;

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  chc_ui_label_tooltip_when_cut (GTK_LABEL (label));
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ChcProjectsView          *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  ChcProject *project = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *owned = NULL;
  const char *text = NULL;
  ChcProjectStatus status;

  chc_project_evaluate (project, resolved_as_of (self), &status);
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "dim-label");

  switch (column)
    {
    case COLUMN_FACILITY:
      text = chc_project_get_facility_name (project);
      break;
    case COLUMN_TOWN:
      text = chc_project_get_town_name (project);
      break;
    case COLUMN_KIND:
      text = chc_project_kind_to_label (chc_project_get_kind (project));
      break;
    case COLUMN_PLAN_YEAR:
      text = owned = g_strdup_printf ("%d", chc_project_get_plan_year (project));
      break;
    case COLUMN_STAGE:
      text = chc_project_stage_to_label (status.stage);
      break;
    case COLUMN_LATENESS:
      if (status.late)
        {
          text = owned = days_late_text (status.days_late);
          gtk_widget_add_css_class (label, "error");
        }
      else
        {
          text = status.finished ? _("Finished") : _("On schedule");
          gtk_widget_add_css_class (label, "dim-label");
        }
      break;
    case COLUMN_NEXT:
      text = status.has_next ? chc_milestone_kind_to_label (status.next) : "";
      break;
    case COLUMN_NEXT_DATE:
      text = owned = julian_to_iso (status.has_next ? status.next_planned : 0);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
}

static void
add_column (ChcProjectsView *self,
            Column           column,
            const char      *title,
            int              width,
            gboolean         expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_fixed_width (col, width);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_append_column (self->column_view, col);
  g_object_unref (col);
}

/* ---- the detail pane -------------------------------------------------------- */

/* The shown project with the pane's fields (plan year, budget, areas,
 * units, notes) as typed, or NULL with @message (may be NULL) saying
 * which figure is not a number. */
static ChcProject *
edited_project (ChcProjectsView  *self,
                const char      **message)
{
  ChcProject *edited;
  double budget, before, after;

  if (self->current == NULL)
    return NULL;
  if (!parse_figure (gtk_editable_get_text (GTK_EDITABLE (self->budget_entry)), &budget))
    {
      if (message != NULL)
        *message = _("Budget: write a number of 10,000 yuan, or leave it empty.");
      return NULL;
    }
  if (!parse_figure (gtk_editable_get_text (GTK_EDITABLE (self->area_before_entry)), &before) ||
      !parse_figure (gtk_editable_get_text (GTK_EDITABLE (self->area_after_entry)), &after))
    {
      if (message != NULL)
        *message = _("Floor area: write a number of square metres, or leave it empty.");
      return NULL;
    }

  edited = chc_project_copy (self->current);
  chc_project_set_plan_year (edited, gtk_spin_button_get_value_as_int (self->plan_year_spin));
  chc_project_set_budget (edited, budget);
  chc_project_set_area_before (edited, before);
  chc_project_set_area_after (edited, after);
  chc_project_set_units (edited, gtk_editable_get_text (GTK_EDITABLE (self->units_entry)));
  chc_project_set_notes (edited, gtk_editable_get_text (GTK_EDITABLE (self->notes_entry)));
  return edited;
}

/* Saves the pane's fields; FALSE with the reason shown when it cannot. */
static gboolean
save_pane (ChcProjectsView *self)
{
  g_autoptr(ChcProject) edited = NULL;
  g_autoptr(GError) error = NULL;
  const char *message = NULL;

  if (self->current == NULL || self->database == NULL)
    return TRUE;
  edited = edited_project (self, &message);
  if (edited == NULL)
    {
      show_error (self, message);
      return FALSE;
    }
  if (chc_project_equal (edited, self->current))
    return TRUE;
  if (!chc_database_update_project (self->database, edited, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  show_error (self, NULL);
  return TRUE;
}

static void
show_project (ChcProjectsView *self,
              ChcProject      *project)
{
  guint32 as_of = resolved_as_of (self);
  ChcProjectStatus status;
  /* The same project again (the store announced a change, e.g. a milestone
   * date just saved, or another program's write): what is being typed in
   * its fields stays. */
  gboolean keep_fields = project != NULL && self->current != NULL &&
                         chc_project_get_id (project) == chc_project_get_id (self->current) &&
                         chc_projects_view_has_unsaved_changes (self);

  g_set_object (&self->current, project);
  chc_milestone_timeline_set_project (self->timeline, project);
  chc_milestone_timeline_set_as_of (self->timeline, as_of);
  update_actions (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->milestone_grid), project != NULL);
  for (guint m = 0; m < CHC_N_MILESTONES; m++)
    {
      gboolean applies = project != NULL &&
                         chc_project_milestone_applies (chc_project_get_kind (project),
                                                        chc_project_get_facility_type (project), m);
      guint days = applies ? chc_project_milestone_days_late (project, m, as_of) : 0;
      g_autofree char *late = days > 0 ? days_late_text (days) : NULL;

      gtk_widget_set_visible (self->milestone_labels[m], applies);
      gtk_widget_set_visible (self->planned_entries[m], applies);
      gtk_widget_set_visible (self->actual_entries[m], applies);
      gtk_widget_set_visible (self->status_labels[m], applies);
      if (!applies)
        continue;
      chc_date_entry_set_date (CHC_DATE_ENTRY (self->planned_entries[m]), chc_project_get_planned (project, m));
      chc_date_entry_set_date (CHC_DATE_ENTRY (self->actual_entries[m]), chc_project_get_actual (project, m));
      gtk_label_set_text (GTK_LABEL (self->status_labels[m]), late != NULL ? late : "");
    }

  if (project == NULL)
    {
      gtk_label_set_text (self->title_label, _("No project selected"));
      gtk_label_set_text (self->summary_label, "");
      gtk_widget_set_sensitive (GTK_WIDGET (self->plan_year_spin), FALSE);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->plan_year_spin), TRUE);

  chc_project_evaluate (project, as_of, &status);
  gtk_label_set_text (self->title_label, chc_project_get_facility_name (project));
  {
    g_autofree char *late = status.late ? days_late_text (status.days_late)
                                        : g_strdup (status.finished ? _("Finished") : _("On schedule"));
    g_autofree char *summary = NULL;

    /* Translators: kind · facility type · stage · lateness */
    summary = g_strdup_printf (_("%s · %s · %s · %s"),
                               chc_project_kind_to_label (chc_project_get_kind (project)),
                               chc_facility_type_to_label (chc_project_get_facility_type (project)),
                               chc_project_stage_to_label (status.stage), late);
    gtk_label_set_text (self->summary_label, summary);
    if (status.late)
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
  }

  if (keep_fields)
    return;
  gtk_spin_button_set_value (self->plan_year_spin, chc_project_get_plan_year (project));
  {
    g_autofree char *budget = figure_text (chc_project_get_budget (project));
    g_autofree char *before = figure_text (chc_project_get_area_before (project));
    g_autofree char *after = figure_text (chc_project_get_area_after (project));

    gtk_editable_set_text (GTK_EDITABLE (self->budget_entry), budget);
    gtk_editable_set_text (GTK_EDITABLE (self->area_before_entry), before);
    gtk_editable_set_text (GTK_EDITABLE (self->area_after_entry), after);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->units_entry), chc_project_get_units (project));
  gtk_editable_set_text (GTK_EDITABLE (self->notes_entry), chc_project_get_notes (project));
}

/* ---- callbacks -------------------------------------------------------------- */

static void
on_database_changed_cb (ChcProjectsView *self,
                        const char      *table)
{
  if (g_strcmp0 (table, "project") == 0 || g_strcmp0 (table, "facility") == 0)
    reload (self);
}

static void
on_leave_for_selection_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  ChcProjectsView *self = CHC_PROJECTS_VIEW (source);
  gint64 target = GPOINTER_TO_SIZE (user_data);

  if (chc_projects_view_confirm_leave_finish (self, result, NULL) && target != 0)
    chc_projects_view_select_project (self, target);
}

static void
on_selection_changed_cb (ChcProjectsView *self)
{
  ChcProject *selected = gtk_single_selection_get_selected_item (self->selection);

  if (self->reverting)
    return;

  /* Leaving a project with unsaved fields: back to it, and ask. */
  if (self->current != NULL &&
      (selected == NULL || chc_project_get_id (selected) != chc_project_get_id (self->current)) &&
      chc_projects_view_has_unsaved_changes (self))
    {
      gint64 target = selected != NULL ? chc_project_get_id (selected) : 0;

      self->reverting = TRUE;
      chc_projects_view_select_project (self, chc_project_get_id (self->current));
      self->reverting = FALSE;
      chc_projects_view_confirm_leave_async (self, NULL, on_leave_for_selection_cb,
                                             GSIZE_TO_POINTER (target));
      return;
    }

  show_error (self, NULL);
  show_project (self, selected);
}

static void
on_search_changed_cb (ChcProjectsView *self)
{
  refilter (self);
}

/* Ctrl+F */
static void
action_find (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (CHC_PROJECTS_VIEW (widget)->search_entry));
}

static void
on_filter_dropdown_cb (ChcProjectsView *self)
{
  refilter (self);
}

static void
on_as_of_commit_cb (ChcProjectsView *self,
                    const char      *date)
{
  chc_projects_view_set_as_of (self, date);
}

/* A milestone's dates saved as they were entered, with the dates they
 * replaced: Ctrl+Z (or the toast's Undo) puts those back. */
typedef struct {
  gint64            project_id;
  ChcMilestoneKind  milestone;
  char             *planned;
  char             *actual;
  char             *description;
} MilestoneEdit;

#define MAX_UNDO 50

static void
milestone_edit_free (MilestoneEdit *edit)
{
  g_free (edit->planned);
  g_free (edit->actual);
  g_free (edit->description);
  g_free (edit);
}

static void
update_undo (ChcProjectsView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.undo", self->undo->len > 0);
}

static void
on_milestone_commit_cb (ChcDateEntry    *entry,
                        const char      *date,
                        ChcProjectsView *self)
{
  ChcMilestoneKind m = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "milestone"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcProject) project = NULL;
  const char *planned, *actual;
  MilestoneEdit *edit;

  if (self->current == NULL || self->database == NULL)
    return;

  project = g_object_ref (self->current);
  planned = chc_date_entry_get_date (CHC_DATE_ENTRY (self->planned_entries[m]));
  actual = chc_date_entry_get_date (CHC_DATE_ENTRY (self->actual_entries[m]));
  if (g_strcmp0 (planned, chc_project_get_planned (project, m)) == 0 &&
      g_strcmp0 (actual, chc_project_get_actual (project, m)) == 0)
    return;

  edit = g_new0 (MilestoneEdit, 1);
  edit->project_id = chc_project_get_id (project);
  edit->milestone = m;
  edit->planned = g_strdup (chc_project_get_planned (project, m));
  edit->actual = g_strdup (chc_project_get_actual (project, m));
  /* Translators: in the toast after a milestone's dates were saved:
   * "白鹤社区卫生服务中心: 竣工验收, planned 2025-06-30, actual 2025-07-15";
   * "—" stands for no date. */
  edit->description = g_strdup_printf (_("%s: %s, planned %s, actual %s"),
                                       chc_project_get_facility_name (project),
                                       chc_milestone_kind_to_label (m),
                                       planned != NULL ? planned : "—", actual != NULL ? actual : "—");
  if (!chc_database_set_milestone (self->database, edit->project_id, m, planned, actual, &error))
    {
      milestone_edit_free (edit);
      chc_date_entry_set_error (entry, error->message);
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  g_ptr_array_add (self->undo, edit);
  if (self->undo->len > MAX_UNDO)
    g_ptr_array_remove_index (self->undo, 0);
  update_undo (self);
  chc_toast_show (self->toast, edit->description, "projects.undo");
}

static void
action_undo (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChcProjectsView *self = CHC_PROJECTS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  MilestoneEdit *edit;

  if (self->database == NULL || self->undo->len == 0)
    return;
  edit = g_ptr_array_index (self->undo, self->undo->len - 1);
  if (!chc_database_set_milestone (self->database, edit->project_id, edit->milestone,
                                   edit->planned, edit->actual, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  chc_toast_show_undone (self->toast, edit->description);
  g_ptr_array_remove_index (self->undo, self->undo->len - 1);
  update_undo (self);
}

static void
on_batch_added_cb (ChcProjectsView *self,
                   guint            n_added)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Added %u standardization project.",
                                                        "Added %u standardization projects.",
                                                        n_added), n_added);
  gtk_label_set_text (self->count_label, text);
}

/* ---- actions ---------------------------------------------------------------- */

static void
action_today (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  chc_projects_view_set_as_of (CHC_PROJECTS_VIEW (widget), NULL);
}

static void
action_batch (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ChcProjectsView *self = CHC_PROJECTS_VIEW (widget);
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->database == NULL || self->district == NULL)
    return;
  dialog = chc_standardization_batch_dialog_new (self->database, self->district,
                                                 self->year > 0 ? self->year : 0);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "added", G_CALLBACK (on_batch_added_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_project_added_cb (ChcProjectsView *self,
                     gint64           project_id)
{
  chc_projects_view_select_project (self, project_id);
}

static void
action_new (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ChcProjectsView *self = CHC_PROJECTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->database == NULL || self->district == NULL)
    return;
  dialog = chc_project_dialog_new (self->database, self->district, self->year);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "added", G_CALLBACK (on_project_added_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_save (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_pane (CHC_PROJECTS_VIEW (widget));
}

static void
on_delete_response_cb (GtkDialog       *dialog,
                       int              response,
                       ChcProjectsView *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "project-id"));
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT || self->database == NULL)
    return;
  if (!chc_database_delete_project (self->database, id, &error))
    show_error (self, error->message);
}

static void
action_delete (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChcProjectsView *self = CHC_PROJECTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->current == NULL)
    return;

  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Delete the %s project of %s?"),
                                   chc_project_kind_to_label (chc_project_get_kind (self->current)),
                                   chc_project_get_facility_name (self->current));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("What its milestones changed in the facility (standardized, operating, floor area) is undone."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                          _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Delete"), GTK_RESPONSE_ACCEPT,
                          NULL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  g_object_set_data (G_OBJECT (dialog), "project-id",
                     GSIZE_TO_POINTER ((gsize) chc_project_get_id (self->current)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ------------------------------------------------------------------ */

static void
build_milestone_rows (ChcProjectsView *self)
{
  for (guint m = 0; m < CHC_N_MILESTONES; m++)
    {
      g_autofree char *planned_name = g_strdup_printf ("planned-%s", chc_milestone_kind_to_nick (m));
      g_autofree char *actual_name = g_strdup_printf ("actual-%s", chc_milestone_kind_to_nick (m));
      g_autofree char *planned_label = g_strdup_printf (_("%s, planned date"), chc_milestone_kind_to_label (m));
      g_autofree char *actual_label = g_strdup_printf (_("%s, actual date"), chc_milestone_kind_to_label (m));

      self->milestone_labels[m] = gtk_label_new (chc_milestone_kind_to_label (m));
      gtk_label_set_xalign (GTK_LABEL (self->milestone_labels[m]), 0);

      self->planned_entries[m] = chc_date_entry_new ();
      gtk_widget_set_name (self->planned_entries[m], planned_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->planned_entries[m]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, planned_label, -1);

      self->actual_entries[m] = chc_date_entry_new ();
      gtk_widget_set_name (self->actual_entries[m], actual_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->actual_entries[m]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, actual_label, -1);

      self->status_labels[m] = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->status_labels[m]), 0);
      gtk_widget_add_css_class (self->status_labels[m], "error");

      for (guint k = 0; k < 2; k++)
        {
          GtkWidget *entry = k == 0 ? self->planned_entries[m] : self->actual_entries[m];

          g_object_set_data (G_OBJECT (entry), "milestone", GINT_TO_POINTER (m));
          g_signal_connect_object (entry, "commit", G_CALLBACK (on_milestone_commit_cb), self, 0);
        }

      gtk_grid_attach (self->milestone_grid, self->milestone_labels[m], 0, m + 1, 1, 1);
      gtk_grid_attach (self->milestone_grid, self->planned_entries[m], 1, m + 1, 1, 1);
      gtk_grid_attach (self->milestone_grid, self->actual_entries[m], 2, m + 1, 1, 1);
      gtk_grid_attach (self->milestone_grid, self->status_labels[m], 3, m + 1, 1, 1);
    }
}

static void
chc_projects_view_dispose (GObject *object)
{
  ChcProjectsView *self = (ChcProjectsView *) object;

  if (self->database != NULL)
    g_signal_handlers_disconnect_by_func (self->database, on_database_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_PROJECTS_VIEW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->store);
  g_clear_object (&self->current);
  g_clear_object (&self->database);
  g_clear_object (&self->district);
  g_clear_pointer (&self->towns, g_ptr_array_unref);
  g_clear_pointer (&self->years, g_array_unref);

  G_OBJECT_CLASS (chc_projects_view_parent_class)->dispose (object);
}

static void
chc_projects_view_finalize (GObject *object)
{
  ChcProjectsView *self = (ChcProjectsView *) object;

  g_clear_pointer (&self->as_of_iso, g_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);

  G_OBJECT_CLASS (chc_projects_view_parent_class)->finalize (object);
}

static void
chc_projects_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ChcProjectsView *self = CHC_PROJECTS_VIEW (object);

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
    case PROP_LATE_ONLY:
      g_value_set_boolean (value, self->late_only);
      break;
    case PROP_AS_OF:
      g_value_set_string (value, self->as_of_iso);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_projects_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ChcProjectsView *self = CHC_PROJECTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      chc_projects_view_set_database (self, g_value_get_object (value));
      break;
    case PROP_DISTRICT:
      chc_projects_view_set_district (self, g_value_get_object (value));
      break;
    case PROP_YEAR:
      chc_projects_view_set_year (self, g_value_get_int (value));
      break;
    case PROP_LATE_ONLY:
      chc_projects_view_set_late_only (self, g_value_get_boolean (value));
      break;
    case PROP_AS_OF:
      chc_projects_view_set_as_of (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_projects_view_class_init (ChcProjectsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = chc_projects_view_dispose;
  object_class->finalize = chc_projects_view_finalize;
  object_class->get_property = chc_projects_view_get_property;
  object_class->set_property = chc_projects_view_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CHC_TYPE_DATABASE, flags);
  properties[PROP_DISTRICT] =
    g_param_spec_object ("district", NULL, NULL, CHC_TYPE_DISTRICT, flags);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 2100, 0, flags);
  properties[PROP_LATE_ONLY] =
    g_param_spec_boolean ("late-only", NULL, NULL, FALSE, flags);
  properties[PROP_AS_OF] =
    g_param_spec_string ("as-of", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CHC_TYPE_DATE_ENTRY);
  g_type_ensure (CHC_TYPE_MILESTONE_TIMELINE);
  g_type_ensure (CHC_TYPE_TOAST);
  /* Links the resource (it registers itself when loaded). */
  (void) chc_ui_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-projects-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, town_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, as_of_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, error_label);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, toast);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, timeline);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, milestone_grid);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, plan_year_spin);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, budget_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, area_before_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, area_after_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, units_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcProjectsView, notes_entry);

  gtk_widget_class_install_property_action (widget_class, "projects.late-only", "late-only");
  gtk_widget_class_install_action (widget_class, "projects.today", NULL, action_today);
  gtk_widget_class_install_action (widget_class, "projects.new", NULL, action_new);
  gtk_widget_class_install_action (widget_class, "projects.batch", NULL, action_batch);
  gtk_widget_class_install_action (widget_class, "projects.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "projects.find", NULL, action_find);
  gtk_widget_class_install_action (widget_class, "projects.undo", NULL, action_undo);
  gtk_widget_class_install_action (widget_class, "projects.delete", NULL, action_delete);

  chc_keymap_install (widget_class, "projects");

  gtk_widget_class_set_css_name (widget_class, "chc-projects-view");
}

static void
chc_projects_view_init (ChcProjectsView *self)
{
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) stage_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->towns = g_ptr_array_new_with_free_func (g_object_unref);
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) milestone_edit_free);
  update_undo (self);

  gtk_string_list_append (kind_names, _("All kinds"));
  for (guint k = 0; k < CHC_N_PROJECT_KINDS; k++)
    gtk_string_list_append (kind_names, chc_project_kind_to_label (k));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kind_names));
  gtk_string_list_append (stage_names, _("All stages"));
  for (guint s = 0; s < CHC_N_PROJECT_STAGES; s++)
    gtk_string_list_append (stage_names, chc_project_stage_to_label (s));
  gtk_drop_down_set_model (self->stage_dropdown, G_LIST_MODEL (stage_names));
  fill_town_dropdown (self);

  self->store = g_list_store_new (CHC_TYPE_PROJECT);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (self->filter));
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)),
                                          GTK_SORTER (self->sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  add_column (self, COLUMN_FACILITY, _("Facility"), 220, TRUE);
  add_column (self, COLUMN_TOWN, _("Town"), 84, FALSE);
  add_column (self, COLUMN_KIND, _("Kind"), 84, FALSE);
  add_column (self, COLUMN_PLAN_YEAR, _("Plan year"), 66, FALSE);
  add_column (self, COLUMN_STAGE, _("Stage"), 90, FALSE);
  add_column (self, COLUMN_LATENESS, _("Lateness"), 96, FALSE);
  add_column (self, COLUMN_NEXT, _("Next milestone"), 84, FALSE);
  add_column (self, COLUMN_NEXT_DATE, _("Planned for"), 96, FALSE);

  build_milestone_rows (self);

  g_signal_connect_object (self->town_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_dropdown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_dropdown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stage_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_dropdown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->year_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_dropdown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->as_of_entry, "commit",
                           G_CALLBACK (on_as_of_commit_cb), self, G_CONNECT_SWAPPED);

  {
    GDate today;
    g_autofree char *iso = NULL;

    chc_date_today (&today);
    iso = chc_date_to_iso (&today);
    chc_date_entry_set_date (self->as_of_entry, iso);
  }

  show_project (self, NULL);
  update_count (self);
}

/* ---- public API ------------------------------------------------------------- */

GtkWidget *
chc_projects_view_new (ChcDatabase *database)
{
  return g_object_new (CHC_TYPE_PROJECTS_VIEW, "database", database, NULL);
}

ChcDatabase *
chc_projects_view_get_database (ChcProjectsView *self)
{
  g_return_val_if_fail (CHC_IS_PROJECTS_VIEW (self), NULL);
  return self->database;
}

void
chc_projects_view_set_database (ChcProjectsView *self,
                                ChcDatabase     *database)
{
  g_return_if_fail (CHC_IS_PROJECTS_VIEW (self));
  g_return_if_fail (database == NULL || CHC_IS_DATABASE (database));

  if (self->database == database)
    return;
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_func (self->database, on_database_changed_cb, self);
  g_set_object (&self->database, database);
  if (database != NULL)
    g_signal_connect_object (database, "changed", G_CALLBACK (on_database_changed_cb),
                             self, G_CONNECT_SWAPPED);
  /* The edits to undo were another file's. */
  g_ptr_array_set_size (self->undo, 0);
  update_undo (self);
  chc_toast_dismiss (self->toast);
  fill_town_dropdown (self);
  reload (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

ChcDistrict *
chc_projects_view_get_district (ChcProjectsView *self)
{
  g_return_val_if_fail (CHC_IS_PROJECTS_VIEW (self), NULL);
  return self->district;
}

void
chc_projects_view_set_district (ChcProjectsView *self,
                                ChcDistrict     *district)
{
  g_return_if_fail (CHC_IS_PROJECTS_VIEW (self));
  g_return_if_fail (district == NULL || CHC_IS_DISTRICT (district));

  if (self->district == district ||
      (self->district != NULL && district != NULL &&
       chc_district_get_id (self->district) == chc_district_get_id (district)))
    return;
  g_set_object (&self->district, district);
  g_clear_object (&self->current);
  fill_town_dropdown (self);
  reload (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT]);
}

int
chc_projects_view_get_year (ChcProjectsView *self)
{
  g_return_val_if_fail (CHC_IS_PROJECTS_VIEW (self), 0);
  return self->year;
}

void
chc_projects_view_set_year (ChcProjectsView *self,
                            int              year)
{
  g_return_if_fail (CHC_IS_PROJECTS_VIEW (self));

  if (self->year == year)
    return;
  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

gboolean
chc_projects_view_get_late_only (ChcProjectsView *self)
{
  g_return_val_if_fail (CHC_IS_PROJECTS_VIEW (self), FALSE);
  return self->late_only;
}

void
chc_projects_view_set_late_only (ChcProjectsView *self,
                                 gboolean         late_only)
{
  g_return_if_fail (CHC_IS_PROJECTS_VIEW (self));

  late_only = !!late_only;
  if (self->late_only == late_only)
    return;
  self->late_only = late_only;
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATE_ONLY]);
}

const char *
chc_projects_view_get_as_of (ChcProjectsView *self)
{
  g_return_val_if_fail (CHC_IS_PROJECTS_VIEW (self), NULL);
  return self->as_of_iso;
}

void
chc_projects_view_set_as_of (ChcProjectsView *self,
                             const char      *as_of)
{
  g_autofree char *iso = NULL;
  guint32 julian = 0;

  g_return_if_fail (CHC_IS_PROJECTS_VIEW (self));

  if (as_of != NULL && *as_of != '\0')
    {
      iso = chc_date_normalize (as_of, NULL);
      g_return_if_fail (iso != NULL);
      julian = chc_date_julian (iso);
    }

  if (julian == self->as_of)
    {
      if (julian == 0)
        {
          GDate today;
          g_autofree char *today_iso = NULL;

          chc_date_today (&today);
          today_iso = chc_date_to_iso (&today);
          chc_date_entry_set_date (self->as_of_entry, today_iso);
        }
      return;
    }
  self->as_of = julian;
  g_free (self->as_of_iso);
  self->as_of_iso = g_steal_pointer (&iso);

  if (self->as_of_iso != NULL)
    chc_date_entry_set_date (self->as_of_entry, self->as_of_iso);
  else
    {
      GDate today;
      g_autofree char *today_iso = NULL;

      chc_date_today (&today);
      today_iso = chc_date_to_iso (&today);
      chc_date_entry_set_date (self->as_of_entry, today_iso);
    }

  /* Stage, lateness and the order change with the date: rebind it all. */
  reload (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}

GListModel *
chc_projects_view_get_model (ChcProjectsView *self)
{
  g_return_val_if_fail (CHC_IS_PROJECTS_VIEW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

gboolean
chc_projects_view_select_project (ChcProjectsView *self,
                                  gint64           project_id)
{
  guint n;

  g_return_val_if_fail (CHC_IS_PROJECTS_VIEW (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChcProject) p = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (chc_project_get_id (p) == project_id)
        {
          if (gtk_single_selection_get_selected (self->selection) == i)
            show_project (self, p);
          else
            gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

ChcProject *
chc_projects_view_get_selected (ChcProjectsView *self)
{
  g_return_val_if_fail (CHC_IS_PROJECTS_VIEW (self), NULL);
  return self->current;
}

gboolean
chc_projects_view_has_unsaved_changes (ChcProjectsView *self)
{
  g_autoptr(ChcProject) edited = NULL;

  g_return_val_if_fail (CHC_IS_PROJECTS_VIEW (self), FALSE);

  if (self->current == NULL)
    return FALSE;
  edited = edited_project (self, NULL);
  return edited == NULL || !chc_project_equal (edited, self->current);
}

static void
save_and_report (GtkWidget *widget,
                 GTask     *task)
{
  g_task_return_boolean (task, save_pane (CHC_PROJECTS_VIEW (widget)));
}

static void
discard (GtkWidget *widget)
{
  ChcProjectsView *self = CHC_PROJECTS_VIEW (widget);

  if (self->current != NULL)
    {
      g_autoptr(ChcProject) shown = g_object_ref (self->current);

      g_clear_object (&self->current);
      show_project (self, shown);
    }
  show_error (self, NULL);
}

void
chc_projects_view_confirm_leave_async (ChcProjectsView     *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;
  g_autofree char *primary = NULL;
  gboolean unsaved;

  g_return_if_fail (CHC_IS_PROJECTS_VIEW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chc_projects_view_confirm_leave_async);
  unsaved = chc_projects_view_has_unsaved_changes (self);
  if (unsaved)
    primary = g_strdup_printf (_("Save the changes to the project of %s?"),
                               chc_project_get_facility_name (self->current));
  chc_entry_grid_confirm_leave (task, &self->dialog, unsaved ? 1 : 0, primary,
                                _("The plan year, budget, floor areas, units or notes were changed but not saved (milestone dates save as they are entered). If you do not save them, they are lost."),
                                save_and_report, discard);
}

gboolean
chc_projects_view_confirm_leave_finish (ChcProjectsView  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

GtkWidget *
chc_projects_view_get_dialog (ChcProjectsView *self)
{
  g_return_val_if_fail (CHC_IS_PROJECTS_VIEW (self), NULL);
  return self->dialog;
}
