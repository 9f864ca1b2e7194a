/* chc-values-view.c — data entry (数据填报): the generic entry grid.
 *
 * A data set (core/chc-element.h) names the elements entered together and
 * their period type; the grid is one row per operating facility of the
 * district that reports one of them (centres and branch centres for a
 * centre-level element, every facility for a facility-level one), plus
 * one row for the district (全区) when the set has district-level
 * elements, and one column per element.  It behaves as the signing grid:
 * GtkEntry cells (Tab and Enter move on, Escape puts back what the cell
 * held when it took the focus), a cell that does not read as a value of
 * its element (chc_csv_parse_element_value) or breaks a rule across figures
 * (chc_database_check_values, run on the staged changes) turns red and
 * blocks Save, Ctrl+S saves every change in one chc_database_save_values
 * call, Ctrl+Z undoes the last cell's edit, Ctrl+F finds a facility.  An
 * emptied cell removes the stored value (a missing value is not a zero).
 * The total row is chc_database_aggregate() of the saved values: the grid
 * never sums by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-values-view"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "core/chc-element.h"
#include "io/chc-csv-values.h"
#include "core/chc-validate.h"
#include "store/chc-database-reporting.h"
#include "store/chc-database-values.h"
#include "chc-entry-grid.h"
#include "chc-keymap.h"
#include "chc-ui-util.h"
#include "chc-values-view.h"

typedef struct _Row Row;

typedef struct
{
  ChcEntryGridCell base;   /* first: the entry, its texts, its place */
  Row        *row;
  guint       column;
  ChcElement *element;     /* (not owned): the view's elements */
  char       *problem;     /* the rule it breaks, or NULL */
  char       *warning;     /* far from the period before, or NULL */
  double      previous;    /* the stored value of the period before, or NAN */
} Cell;

struct _Row
{
  guint       index;
  gint64      facility_id; /* 0: the district's row */
  char       *name;
  GtkWidget  *name_label;
  Cell      **cells;       /* one per column; NULL where the element is
                              not reported by this row */
  guint       n_cells;
  char       *locked_why;  /* the period is locked for this row: why */
};

struct _ChcValuesView
{
  GtkWidget       parent_instance;

  ChcDatabase    *database;
  ChcDistrict    *district;
  int             year;
  char           *period;
  GPtrArray      *data_sets;      /* (element-type ChcDataSet) offered */
  ChcDataSet     *data_set;       /* the one shown */
  char           *data_set_code;  /* wanted, kept while none is loaded */
  GPtrArray      *elements;       /* (element-type ChcElement): the columns */
  GPtrArray      *rows;           /* (element-type Row) */
  GArray         *undo;           /* (element-type ChcEntryGridUndoStep) */
  guint           undo_group;
  Cell           *focus_cell;
  char           *status_text;
  char           *saved_message;
  GtkWidget      *dialog;
  gboolean        loading;
  gboolean        saving;
  gboolean        syncing_dropdowns;

  GtkWidget      *total_name;
  GPtrArray      *total_labels;   /* (element-type GtkWidget), per column */
  GPtrArray      *column_groups;  /* (element-type GtkSizeGroup) */

  GtkStringList  *data_set_items;
  GtkStringList  *period_items;
  GPtrArray      *periods;        /* (element-type utf8): canonical, as listed */

  /* template children */
  GtkWidget      *root;
  GtkLabel       *title_label;
  GtkSearchEntry *search_entry;
  GtkDropDown    *data_set_dropdown;
  GtkDropDown    *period_dropdown;
  GtkGrid        *grid;
  GtkGrid        *header_grid;
  GtkGrid        *total_grid;
  GtkLabel       *status_label;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_DISTRICT,
  PROP_YEAR,
  PROP_PERIOD,
  PROP_DATA_SET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcValuesView, chc_values_view, GTK_TYPE_WIDGET)

static const char css[] =
  ".values-header { font-weight: bold; }\n"
  ".values-total { font-weight: bold; }\n"
  ".values-not-reported { font-style: italic; opacity: 0.7; }\n"
  ".values-status.error { color: #a31515; }\n";

static void reload (ChcValuesView *self);
static void update_state (ChcValuesView *self);
static void sync_period_items (ChcValuesView *self);

/* ---- helpers ------------------------------------------------------------- */

static void
cell_free (Cell *cell)
{
  if (cell == NULL)
    return;
  chc_entry_grid_cell_clear (&cell->base);
  g_free (cell->problem);
  g_free (cell->warning);
  g_free (cell);
}

static void
row_free (Row *row)
{
  g_free (row->name);
  g_free (row->locked_why);
  for (guint c = 0; c < row->n_cells; c++)
    cell_free (row->cells[c]);
  g_free (row->cells);
  g_free (row);
}

static guint
n_columns (ChcValuesView *self)
{
  return self->elements != NULL ? self->elements->len : 0;
}

static Cell *
row_cell (Row   *row,
          guint  column)
{
  return row->cells[column];
}

static char *
cell_text (Cell *cell)
{
  return chc_entry_grid_get_text (cell->base.entry);
}

/* The value a cell holds: NAN when empty; FALSE when it does not read. */
static gboolean
cell_value (Cell    *cell,
            double  *value,
            GError **error)
{
  g_autofree char *text = cell_text (cell);

  *value = NAN;
  if (*text == '\0')
    return TRUE;
  return chc_csv_parse_element_value (cell->element, text, value, error);
}

static gboolean
cell_is_dirty (Cell *cell)
{
  g_autofree char *text = cell_text (cell);
  double typed, stored;

  if (g_strcmp0 (text, cell->base.loaded) == 0)
    return FALSE;
  /* "1,234" is the stored "1234" */
  if (*text == '\0' || *cell->base.loaded == '\0')
    return TRUE;
  if (!chc_csv_parse_element_value (cell->element, text, &typed, NULL) ||
      !chc_csv_parse_element_value (cell->element, cell->base.loaded, &stored, NULL))
    return TRUE;
  return typed != stored;
}

static int
current_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now);
}

static int
current_month (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_month (now);
}

static gboolean
level_admits (const ChcElement *element,
              ChcFacility      *facility)
{
  ChcFacilityType type;

  if (facility == NULL)
    return element->level == CHC_ELEMENT_LEVEL_DISTRICT;
  type = chc_facility_get_facility_type (facility);
  if (element->level == CHC_ELEMENT_LEVEL_CENTRE)
    return type == CHC_FACILITY_CENTRE || type == CHC_FACILITY_BRANCH;
  return element->level == CHC_ELEMENT_LEVEL_FACILITY;
}

static void
set_status (ChcValuesView *self,
            const char    *text,
            gboolean       error)
{
  g_free (self->status_text);
  self->status_text = g_strdup (text ? text : "");
  gtk_label_set_text (self->status_label, self->status_text);
  chc_ui_set_css_class (GTK_WIDGET (self->status_label), "error", error);
}

static Row *
find_row (ChcValuesView *self,
          gint64         facility_id)
{
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (row->facility_id == facility_id)
        return row;
    }
  return NULL;
}

static int
find_column (ChcValuesView *self,
             const char    *code)
{
  for (guint c = 0; c < n_columns (self); c++)
    if (g_strcmp0 (((ChcElement *) g_ptr_array_index (self->elements, c))->code, code) == 0)
      return (int) c;
  return -1;
}

#define FOR_EACH_CELL(self, cell)                                              \
  for (guint i_ = 0; (self)->rows != NULL && i_ < (self)->rows->len; i_++)     \
    for (guint c_ = 0; c_ < ((Row *) g_ptr_array_index ((self)->rows, i_))->n_cells; c_++) \
      if (((cell) = row_cell (g_ptr_array_index ((self)->rows, i_), c_)) != NULL)

/* ---- checking -------------------------------------------------------------- */

static ChcValue *
cell_to_value (ChcValuesView *self,
               Cell          *cell,
               double         value)
{
  return chc_value_new (cell->row->facility_id, chc_district_get_id (self->district),
                        cell->element->code, self->period, value);
}

/* Every cell's problem: its own reading, then the rules across figures
 * of the changes staged (chc_database_check_values, against each other
 * and the stored values). */
static void
check_cells (ChcValuesView *self)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_value_free);
  g_autoptr(GPtrArray) staged = g_ptr_array_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  Cell *cell;

  FOR_EACH_CELL (self, cell)
    {
      g_autoptr(GError) local_error = NULL;
      double value;

      g_clear_pointer (&cell->problem, g_free);
      g_clear_pointer (&cell->warning, g_free);
      if (!cell_is_dirty (cell))
        continue;
      if (!cell_value (cell, &value, &local_error))
        {
          cell->problem = g_strdup (local_error->message);
          continue;
        }
      cell->warning = chc_element_warn_change (cell->element, cell->previous, value);
      g_ptr_array_add (values, cell_to_value (self, cell, value));
      g_ptr_array_add (staged, cell);
    }
  if (values->len == 0 || self->database == NULL)
    return;
  if (!chc_database_check_values (self->database, values, problems, &error))
    {
      g_warning ("Cannot check the values: %s", error->message);
      return;
    }
  for (guint i = 0; i < problems->len; i++)
    {
      const char *problem = g_ptr_array_index (problems, i);
      const char *tab = strchr (problem, '\t');
      char *end;
      guint64 index = g_ascii_strtoull (problem, &end, 10);

      if (tab == NULL || end != tab || index >= staged->len)
        continue;
      cell = g_ptr_array_index (staged, index);
      if (cell->problem == NULL)
        cell->problem = g_strdup (tab + 1);
    }
}

static void
style_cell (Cell *cell)
{
  g_autofree char *label = chc_element_get_label_with_unit (cell->element);
  const char *message = cell->problem != NULL ? cell->problem : cell->warning;
  g_autofree char *tooltip = message != NULL ? g_strdup_printf ("%s\n%s", label, message)
                                             : g_strdup (label);

  if (cell->row->locked_why != NULL)
    {
      /* TRANSLATORS: why a figure of the grid cannot be changed */
      g_autofree char *locked = g_strdup_printf (_("Locked: %s"), cell->row->locked_why);
      char *both = g_strdup_printf ("%s\n%s", tooltip, locked);

      g_free (tooltip);
      tooltip = both;
    }

  chc_entry_grid_style_entry (cell->base.entry, cell->problem != NULL, cell->warning != NULL,
                              cell_is_dirty (cell), tooltip);
}

static void
validate_all (ChcValuesView *self)
{
  Cell *cell;

  if (self->loading)
    return;
  check_cells (self);
  FOR_EACH_CELL (self, cell)
    style_cell (cell);
  update_state (self);
}

/* ---- state --------------------------------------------------------------- */

static guint
count_dirty (ChcValuesView *self)
{
  Cell *cell;
  guint n = 0;

  FOR_EACH_CELL (self, cell)
    n += cell_is_dirty (cell);
  return n;
}

static Cell *
first_problem (ChcValuesView *self,
               guint         *n)
{
  Cell *cell, *first = NULL;

  *n = 0;
  if (self->focus_cell != NULL && self->focus_cell->problem != NULL)
    first = self->focus_cell;
  FOR_EACH_CELL (self, cell)
    if (cell->problem != NULL)
      {
        (*n)++;
        if (first == NULL)
          first = cell;
      }
  return first;
}

static Cell *
first_warning (ChcValuesView *self,
               guint         *n)
{
  Cell *cell, *first = NULL;

  *n = 0;
  if (self->focus_cell != NULL && self->focus_cell->warning != NULL)
    first = self->focus_cell;
  FOR_EACH_CELL (self, cell)
    if (cell->warning != NULL)
      {
        (*n)++;
        if (first == NULL)
          first = cell;
      }
  return first;
}

static gboolean
focus_cell_pending (ChcValuesView *self)
{
  return chc_entry_grid_cell_pending ((ChcEntryGridCell *) self->focus_cell);
}

/* The one place that decides which actions are enabled and what the
 * status line says. */
static void
update_state (ChcValuesView *self)
{
  guint n_dirty = count_dirty (self);
  guint n_problems, n_warnings;
  Cell *problem = first_problem (self, &n_problems);
  Cell *warning;
  gboolean can_save = self->database != NULL && self->district != NULL && n_dirty > 0 && n_problems == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "values.save", can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "values.undo",
                                 self->undo->len > 0 || focus_cell_pending (self));
  if (n_dirty > 0)
    g_clear_pointer (&self->saved_message, g_free);

  if (self->district == NULL)
    set_status (self, _("Choose a district."), FALSE);
  else if (self->data_set == NULL)
    set_status (self, _("No data set to enter."), FALSE);
  else if (problem != NULL)
    {
      /* Translators: the number of cells, then a facility and what is
       * wrong (the message names the figure). */
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Save is unavailable: %u cell breaks a rule. %s: %s",
                                      "Save is unavailable: %u cells break a rule. %s: %s",
                                      n_problems),
                         n_problems, problem->row->name, problem->problem);
      set_status (self, text, TRUE);
    }
  else if (n_dirty > 0 && (warning = first_warning (self, &n_warnings)) != NULL)
    {
      /* Translators: the number of amber cells, then a facility and the
       * warning (it names the figure). */
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u value is far from the period before: check it (Ctrl+S saves). %s: %s",
                                      "%u values are far from the period before: check them (Ctrl+S saves). %s: %s",
                                      n_warnings),
                         n_warnings, warning->row->name, warning->warning);
      set_status (self, text, FALSE);
    }
  else if (n_dirty > 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u value changed and not saved. Ctrl+S saves them.",
                                      "%u values changed and not saved. Ctrl+S saves them.",
                                      n_dirty),
                         n_dirty);
      set_status (self, text, FALSE);
    }
  else
    set_status (self, self->saved_message, FALSE);
}

/* ---- totals -------------------------------------------------------------- */

/* The total row: chc_database_aggregate() of the saved values (the one
 * aggregation of a figure), with how many rows reported. */
static void
update_totals (ChcValuesView *self)
{
  g_autofree char *name = NULL;
  guint n_reported = 0;

  if (self->total_name == NULL)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      for (guint c = 0; c < n_columns (self); c++)
        if (row_cell (row, c) != NULL && *row_cell (row, c)->base.loaded != '\0')
          {
            n_reported++;
            break;
          }
    }
  name = g_strdup_printf (_("Total (%u of %u reported)"), n_reported, self->rows->len);
  gtk_label_set_text (GTK_LABEL (self->total_name), name);

  for (guint c = 0; c < n_columns (self); c++)
    {
      ChcElement *element = g_ptr_array_index (self->elements, c);
      GtkWidget *label = g_ptr_array_index (self->total_labels, c);
      ChcAggregate aggregate = { NAN, 0, 0, 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *tooltip = NULL;

      if (self->database != NULL && self->district != NULL && self->period != NULL &&
          !chc_database_aggregate (self->database, element->code, chc_district_get_id (self->district),
                                   NULL, self->period, &aggregate, &error))
        g_warning ("Cannot total %s: %s", element->code, error->message);
      text = isnan (aggregate.value) ? g_strdup ("–") : chc_element_format_display (element, aggregate.value);
      gtk_label_set_text (GTK_LABEL (label), text);
      tooltip = g_strdup_printf (_("%s: saved values, %u of %u reported"),
                                 chc_element_get_label (element), aggregate.n_reported, aggregate.n_expected);
      if (aggregate.n_carried > 0)
        {
          g_autofree char *carried =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s; %u taken from an earlier period of the year",
                                          "%s; %u taken from earlier periods of the year",
                                          aggregate.n_carried),
                             tooltip, aggregate.n_carried);
          g_free (tooltip);
          tooltip = g_steal_pointer (&carried);
        }
      chc_ui_set_tooltip (label, tooltip);
    }
}

/* ---- undo ------------------------------------------------------------------ */

/* Makes the focused cell's edit an undo step. */
static void
commit_focus_cell (ChcValuesView *self)
{
  chc_entry_grid_commit_edit (self->undo, &self->undo_group, (ChcEntryGridCell *) self->focus_cell);
}

typedef struct
{
  ChcValuesView *self;
  Cell          *cell;   /* the last cell put back */
} Undoing;

static void
undo_step (guint       row_index,
           guint       column,
           const char *before,
           gpointer    data)
{
  Undoing *undoing = data;
  Row *row = g_ptr_array_index (undoing->self->rows, row_index);
  Cell *cell = row_cell (row, column);

  chc_entry_grid_cell_put (&cell->base, before, cell == undoing->self->focus_cell);
  undoing->cell = cell;
}

static void
undo_last (ChcValuesView *self)
{
  Undoing undoing = { self, NULL };

  commit_focus_cell (self);
  if (!chc_entry_grid_undo_pop (self->undo, undo_step, &undoing))
    return;
  if (undoing.cell != self->focus_cell)
    gtk_widget_grab_focus (undoing.cell->base.entry);
  validate_all (self);
}

/* ---- cell signals ------------------------------------------------------ */

static ChcValuesView *
view_of (GtkWidget *widget)
{
  GtkWidget *view = gtk_widget_get_ancestor (widget, CHC_TYPE_VALUES_VIEW);

  return view != NULL ? CHC_VALUES_VIEW (view) : NULL;
}

static void
on_entry_changed (GtkEditable *editable,
                  Cell        *cell)
{
  ChcValuesView *self = view_of (GTK_WIDGET (editable));

  if (self == NULL || self->loading)
    return;
  validate_all (self);
}

static void
on_cell_focus_enter (GtkEventControllerFocus *controller,
                     Cell                    *cell)
{
  ChcValuesView *self = view_of (cell->base.entry);

  if (self == NULL)
    return;
  chc_entry_grid_focus_in (self->undo, &self->undo_group, (gpointer *) &self->focus_cell, &cell->base);
  update_state (self);
}

static void
on_cell_focus_leave (GtkEventControllerFocus *controller,
                     Cell                    *cell)
{
  ChcValuesView *self = view_of (cell->base.entry);

  if (self != NULL &&
      chc_entry_grid_focus_out (self->undo, &self->undo_group, (gpointer *) &self->focus_cell, &cell->base))
    update_state (self);
}

/* The next cell in reading order (shown rows only). */
static Cell *
next_cell (ChcValuesView *self,
           Cell          *cell)
{
  guint r = cell->row->index, c = cell->column + 1;

  for (; r < self->rows->len; r++, c = 0)
    {
      Row *row = g_ptr_array_index (self->rows, r);

      if (!gtk_widget_get_visible (row->name_label))
        continue;
      for (; c < n_columns (self); c++)
        if (row_cell (row, c) != NULL)
          return row_cell (row, c);
    }
  return NULL;
}

static void
on_entry_activate (GtkEntry *entry,
                   Cell     *cell)
{
  ChcValuesView *self = view_of (GTK_WIDGET (entry));
  Cell *next;

  if (self == NULL)
    return;
  if (self->focus_cell == cell)
    commit_focus_cell (self);
  next = next_cell (self, cell);
  if (next != NULL)
    gtk_widget_grab_focus (next->base.entry);
  update_state (self);
}

/* ---- building the grid ----------------------------------------------------- */

static void
clear_grid (ChcValuesView *self)
{
  GtkGrid *grids[] = { self->header_grid, self->grid, self->total_grid };
  GtkWidget *child;
  Cell *cell;

  self->focus_cell = NULL;
  /* The entries may outlive their cells (a focus change is told after the
   * grid is cleared): they must not call back into freed cells. */
  FOR_EACH_CELL (self, cell)
    chc_entry_grid_release_entry (&cell->base);
  for (guint g = 0; g < G_N_ELEMENTS (grids); g++)
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (grids[g]))) != NULL)
      gtk_grid_remove (grids[g], child);
  self->total_name = NULL;
  g_ptr_array_set_size (self->total_labels, 0);
  g_ptr_array_set_size (self->column_groups, 0);
}

/* Attaches @widget in @column of @grid: the three grids (names, rows,
 * total) keep their columns as wide as each other. */
static void
attach (ChcValuesView *self,
        GtkGrid       *grid,
        GtkWidget     *widget,
        guint          column,
        int            row)
{
  while (self->column_groups->len <= column)
    g_ptr_array_add (self->column_groups, gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL));
  gtk_grid_attach (grid, widget, (int) column, row, 1, 1);
  gtk_size_group_add_widget (g_ptr_array_index (self->column_groups, column), widget);
}

static void
build_header (ChcValuesView *self)
{
  GtkWidget *label = chc_entry_grid_new_label (_("Facility"), 0, "values-header");

  gtk_label_set_yalign (GTK_LABEL (label), 1);
  attach (self, self->header_grid, label, 0, 0);
  for (guint c = 0; c < n_columns (self); c++)
    {
      ChcElement *element = g_ptr_array_index (self->elements, c);
      /* Translators: a column's header, a figure and its unit, broken
       * before the unit. */
      /* (no unit after a name that ends with it: 社区门诊人次) */
      g_autofree char *text = *element->unit != '\0' &&
                              !g_str_has_suffix (chc_element_get_label (element), element->unit)
                              ? g_strdup_printf (C_("values column header", "%s\n(%s)"),
                                                 chc_element_get_label (element), element->unit)
                              : g_strdup (chc_element_get_label (element));

      label = chc_entry_grid_new_label (text, 1, "values-header");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_yalign (GTK_LABEL (label), 1);
      chc_ui_set_tooltip (label, *element->description != '\0' ? element->description
                                                                : chc_element_get_label (element));
      attach (self, self->header_grid, label, 1 + c, 0);
    }
}

static const ChcEntryGridHandlers cell_handlers = {
  G_CALLBACK (on_entry_changed), G_CALLBACK (on_entry_activate),
  G_CALLBACK (on_cell_focus_enter), G_CALLBACK (on_cell_focus_leave),
};

static GtkWidget *
new_cell_entry (Cell *cell)
{
  GtkInputPurpose purpose = cell->element->value_type != CHC_VALUE_TYPE_YES_NO
                            ? GTK_INPUT_PURPOSE_NUMBER : GTK_INPUT_PURPOSE_FREE_FORM;

  return chc_entry_grid_new_entry (&cell->base, cell->row->name, chc_element_get_label (cell->element),
                                   _("Not reported"), purpose, &cell_handlers);
}

/* A row of @facility (NULL: the district's), with the stored @values
 * ("facility id|element" → double *). */
static void
build_row (ChcValuesView *self,
           ChcFacility   *facility,
           GHashTable    *values,
           GHashTable    *previous)
{
  Row *row = g_new0 (Row, 1);
  int grid_row = (int) self->rows->len;
  guint n = n_columns (self);

  row->index = self->rows->len;
  row->facility_id = facility != NULL ? chc_facility_get_id (facility) : 0;
  row->cells = g_new0 (Cell *, MAX (n, 1));
  row->n_cells = n;
  row->name = facility != NULL ? g_strdup (chc_facility_get_name (facility))
                               /* Translators: the row of a district's own figures. */
                               : g_strdup (_("Whole district"));
  /* whole: a branch centre's name is its centre's and its own */
  row->name_label = chc_entry_grid_new_label (row->name, 0, NULL);
  if (facility != NULL && chc_facility_get_facility_type (facility) != CHC_FACILITY_CENTRE)
    gtk_widget_set_margin_start (row->name_label, 16);
  attach (self, self->grid, row->name_label, 0, grid_row);
  g_ptr_array_add (self->rows, row);

  /* a locked period (issue 15): its figures are shown, not editable */
  if (self->database != NULL && self->district != NULL)
    {
      g_autofree char *why = NULL;

      if (facility != NULL &&
          chc_database_is_locked (self->database, row->facility_id, self->data_set->code, self->period, &why))
        row->locked_why = (why != NULL && *why != '\0') ? g_steal_pointer (&why)
                                                      : g_strdup (_("its figures cannot be changed."));
      else if (facility == NULL &&
               chc_database_period_is_locked (self->database, chc_district_get_id (self->district), self->period))
        row->locked_why = g_strdup (_("the district's month is locked."));
      if (row->locked_why != NULL)
        {
          g_autofree char *tip = g_strdup_printf (_("Locked: %s"), row->locked_why);

          chc_ui_set_tooltip (row->name_label, tip);
        }
    }

  for (guint c = 0; c < n; c++)
    {
      ChcElement *element = g_ptr_array_index (self->elements, c);
      g_autofree char *key = NULL;
      double *stored;
      Cell *cell;

      if (!level_admits (element, facility))
        {
          GtkWidget *none = chc_entry_grid_new_label ("", 1, NULL);

          attach (self, self->grid, none, 1 + c, grid_row);
          continue;
        }
      cell = g_new0 (Cell, 1);
      cell->base.row = row->index;
      cell->base.column = c;
      cell->row = row;
      cell->column = c;
      cell->element = element;
      key = g_strdup_printf ("%" G_GINT64_FORMAT "|%s", row->facility_id, element->code);
      stored = g_hash_table_lookup (values, key);
      cell->base.loaded = stored != NULL ? chc_element_format_display (element, *stored) : g_strdup ("");
      stored = g_hash_table_lookup (previous, key);
      cell->previous = stored != NULL ? *stored : NAN;
      cell->base.entry = new_cell_entry (cell);
      if (row->locked_why != NULL)
        chc_entry_grid_lock_entry (cell->base.entry, TRUE);
      row->cells[c] = cell;
      attach (self, self->grid, cell->base.entry, 1 + c, grid_row);
    }
}

static void
build_total_row (ChcValuesView *self)
{
  GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

  gtk_widget_set_margin_top (separator, 4);
  gtk_widget_set_margin_bottom (separator, 4);
  gtk_grid_attach (self->total_grid, separator, 0, 0, 1 + (int) n_columns (self), 1);

  self->total_name = chc_entry_grid_new_label ("", 0, "values-total");
  chc_ui_set_tooltip (self->total_name,
                      _("The saved values of the district, totalled as each figure is (a sum, the latest stock of the period, or the number of facilities saying yes)"));
  attach (self, self->total_grid, self->total_name, 0, 1);
  for (guint c = 0; c < n_columns (self); c++)
    {
      GtkWidget *label = chc_entry_grid_new_label ("–", 1, "values-total");

      gtk_widget_set_margin_end (label, 8);
      g_ptr_array_add (self->total_labels, label);
      attach (self, self->total_grid, label, 1 + c, 1);
    }
}

/* ---- loading ------------------------------------------------------------------ */

/* The data sets the database offers (the user's elements make more). */
static void
load_data_sets (ChcValuesView *self)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint selected = GTK_INVALID_LIST_POSITION;

  if (self->database != NULL)
    {
      elements = chc_database_list_elements (self->database, &error);
      if (elements == NULL)
        g_warning ("Cannot list the data elements: %s", error->message);
    }
  /* the cells point to the columns' elements */
  clear_grid (self);
  g_ptr_array_set_size (self->rows, 0);
  g_array_set_size (self->undo, 0);

  g_clear_pointer (&self->data_sets, g_ptr_array_unref);
  self->data_sets = chc_datasets_list (elements);
  /* a family's data set (signing, TCM visits) has a view of its own */
  for (guint i = self->data_sets->len; i-- > 0;)
    if (!chc_data_set_in_grid (g_ptr_array_index (self->data_sets, i)))
      g_ptr_array_remove_index (self->data_sets, i);

  g_clear_pointer (&self->data_set, chc_data_set_unref);
  for (guint i = 0; i < self->data_sets->len; i++)
    {
      ChcDataSet *set = g_ptr_array_index (self->data_sets, i);

      g_ptr_array_add (labels, (gpointer) chc_data_set_get_label (set));
      if (g_strcmp0 (set->code, self->data_set_code) == 0)
        selected = i;
    }
  g_ptr_array_add (labels, NULL);
  if (selected == GTK_INVALID_LIST_POSITION && self->data_sets->len > 0)
    selected = 0;
  if (selected != GTK_INVALID_LIST_POSITION)
    {
      self->data_set = chc_data_set_ref (g_ptr_array_index (self->data_sets, selected));
      g_free (self->data_set_code);
      self->data_set_code = g_strdup (self->data_set->code);
    }

  /* the columns */
  g_clear_pointer (&self->elements, g_ptr_array_unref);
  self->elements = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_element_unref);
  for (guint k = 0; self->data_set != NULL && self->data_set->elements[k] != NULL; k++)
    for (guint i = 0; elements != NULL && i < elements->len; i++)
      {
        ChcElement *element = g_ptr_array_index (elements, i);

        if (g_str_equal (element->code, self->data_set->elements[k]))
          g_ptr_array_add (self->elements, chc_element_ref (element));
      }

  self->syncing_dropdowns = TRUE;
  gtk_string_list_splice (self->data_set_items, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->data_set_items)),
                          (const char *const *) labels->pdata);
  gtk_drop_down_set_selected (self->data_set_dropdown, selected);
  self->syncing_dropdowns = FALSE;
}

static void
update_title (ChcValuesView *self)
{
  g_autofree char *title = NULL;

  if (self->district != NULL)
    title = g_strdup_printf (_("Data entry — %s"), chc_district_get_name (self->district));
  else
    title = g_strdup (_("Data entry"));
  gtk_label_set_text (self->title_label, title);
}

/* Ctrl+F: only the rows whose facility's name has the text are shown
 * (their values are kept, and the total stays the district's). */
static void
apply_search (ChcValuesView *self)
{
  g_autofree char *search = chc_ui_search_key (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      gboolean shown = chc_ui_search_matches (row->name, search);
      int grid_row = (int) row->index;

      for (guint c = 0; c <= n_columns (self); c++)
        {
          GtkWidget *child = gtk_grid_get_child_at (self->grid, (int) c, grid_row);

          if (child != NULL)
            gtk_widget_set_visible (child, shown);
        }
    }
}

static void
on_search_changed_cb (ChcValuesView *self)
{
  apply_search (self);
}

static void
on_stop_search_cb (ChcValuesView *self)
{
  Cell *cell;

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_search (self);
  FOR_EACH_CELL (self, cell)
    {
      gtk_widget_grab_focus (cell->base.entry);
      return;
    }
}

/* The stored values of @element for @period into @into ("facility
 * id|element" → double *). */
static gboolean
load_values (ChcValuesView  *self,
             ChcElement     *element,
             const char     *period,
             GHashTable     *into,
             GError        **error)
{
  g_autoptr(GPtrArray) stored = chc_database_list_values (self->database, chc_district_get_id (self->district),
                                                          period, element->code, error);

  if (stored == NULL)
    return FALSE;
  for (guint i = 0; i < stored->len; i++)
    {
      ChcValue *value = g_ptr_array_index (stored, i);

      /* the period's own values (a year lists its months too) */
      if (g_strcmp0 (value->period, period) != 0)
        continue;
      g_hash_table_insert (into, g_strdup_printf ("%" G_GINT64_FORMAT "|%s", value->facility_id, value->element),
                           g_memdup2 (&value->value, sizeof (double)));
    }
  return TRUE;
}

static void
reload (ChcValuesView *self)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *previous_period = chc_period_previous (self->period);
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_district_level = FALSE;

  self->loading = TRUE;
  clear_grid (self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_array_set_size (self->undo, 0);
  update_title (self);

  if (self->database != NULL && self->district != NULL && self->period != NULL && n_columns (self) > 0)
    {
      gint64 district_id = chc_district_get_id (self->district);

      facilities = chc_database_list_facilities (self->database, district_id, &error);
      for (guint c = 0; facilities != NULL && c < n_columns (self); c++)
        {
          ChcElement *element = g_ptr_array_index (self->elements, c);
          has_district_level |= element->level == CHC_ELEMENT_LEVEL_DISTRICT;
          if (!load_values (self, element, self->period, values, &error) ||
              (previous_period != NULL && !load_values (self, element, previous_period, previous, &error)))
            {
              g_clear_pointer (&facilities, g_ptr_array_unref);
              break;
            }
        }
      if (facilities == NULL)
        g_warning ("Cannot load the values: %s", error->message);
    }

  build_header (self);
  for (guint i = 0; facilities != NULL && i < facilities->len; i++)
    {
      ChcFacility *facility = g_ptr_array_index (facilities, i);
      gboolean reports = FALSE;

      if (chc_facility_get_status (facility) != CHC_FACILITY_OPERATING)
        continue;
      for (guint c = 0; c < n_columns (self) && !reports; c++)
        reports = level_admits (g_ptr_array_index (self->elements, c), facility);
      if (reports)
        build_row (self, facility, values, previous);
    }
  if (facilities != NULL && has_district_level)
    build_row (self, NULL, values, previous);
  build_total_row (self);
  apply_search (self);

  self->loading = FALSE;
  update_totals (self);
  validate_all (self);
  if (error != NULL)
    set_status (self, error->message, TRUE);
}

/* ---- periods -------------------------------------------------------------- */

static ChcPeriodType
period_type (ChcValuesView *self)
{
  return self->data_set != NULL ? self->data_set->period_type : CHC_PERIOD_TYPE_MONTH;
}

static char *
format_period (ChcPeriodType type,
               int           year,
               int           index)   /* month 1–12 or quarter 1–4 */
{
  switch (type)
    {
    case CHC_PERIOD_TYPE_QUARTER:
      return g_strdup_printf ("%04dQ%d", year, index);
    case CHC_PERIOD_TYPE_YEAR:
      return g_strdup_printf ("%04d", year);
    case CHC_PERIOD_TYPE_MONTH:
    case CHC_PERIOD_TYPE_DATED:
    default:
      return g_strdup_printf ("%04d-%02d", year, index);
    }
}

/* The period shown when nothing else is asked for: of a month or quarter,
 * the last one over in the view's year (the first one in the current
 * year's first month); of a year, the view's year. */
static char *
default_period (ChcValuesView *self)
{
  ChcPeriodType type = period_type (self);
  int month = self->year < current_year () ? 13 : MAX (current_month (), 2);

  if (type == CHC_PERIOD_TYPE_YEAR)
    return format_period (type, self->year, 0);
  if (type == CHC_PERIOD_TYPE_QUARTER)
    return format_period (type, self->year, MAX ((month - 1) / 3, 1));
  return format_period (type, self->year, month - 1);
}

/* The periods the picker offers: the months or quarters of the view's
 * year (up to the current one), or the plan years. */
static void
sync_period_items (ChcValuesView *self)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  ChcPeriodType type = period_type (self);
  guint selected = GTK_INVALID_LIST_POSITION;
  int month = self->year < current_year () ? 12 : current_month ();

  g_ptr_array_set_size (self->periods, 0);
  if (type == CHC_PERIOD_TYPE_YEAR)
    for (int y = chc_ui_first_year (); y <= MAX (chc_ui_last_year (), self->year); y++)
      g_ptr_array_add (self->periods, format_period (type, y, 0));
  else if (type == CHC_PERIOD_TYPE_QUARTER)
    for (int q = 1; q <= (month + 2) / 3; q++)
      g_ptr_array_add (self->periods, format_period (type, self->year, q));
  else
    for (int m = 1; m <= month; m++)
      g_ptr_array_add (self->periods, format_period (type, self->year, m));
  /* a period asked for beyond them (a test, a later month) */
  if (self->period != NULL && !g_ptr_array_find_with_equal_func (self->periods, self->period, g_str_equal, NULL))
    g_ptr_array_add (self->periods, g_strdup (self->period));

  for (guint i = 0; i < self->periods->len; i++)
    {
      const char *period = g_ptr_array_index (self->periods, i);

      g_ptr_array_add (labels, chc_ui_period_label (period));
      if (g_strcmp0 (period, self->period) == 0)
        selected = i;
    }
  g_ptr_array_add (labels, NULL);

  self->syncing_dropdowns = TRUE;
  gtk_string_list_splice (self->period_items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->period_items)),
                          (const char *const *) labels->pdata);
  gtk_drop_down_set_selected (self->period_dropdown, selected);
  self->syncing_dropdowns = FALSE;
}

static void
apply_period (ChcValuesView *self,
              const char    *period)
{
  if (g_strcmp0 (self->period, period) != 0)
    {
      g_free (self->period);
      self->period = g_strdup (period);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
    }
  g_clear_pointer (&self->saved_message, g_free);
  sync_period_items (self);
  reload (self);
}

/* A period of the data set's type, else its default one. */
static void
apply_period_or_default (ChcValuesView *self,
                         const char    *period)
{
  g_autofree char *canonical = NULL;
  g_autofree char *fallback = NULL;
  ChcPeriodType type;

  if (period != NULL && chc_csv_parse_any_period (period, &canonical, &type, NULL) && type == period_type (self))
    {
      apply_period (self, canonical);
      return;
    }
  fallback = default_period (self);
  apply_period (self, fallback);
}

/* ---- confirmation dialogs ---------------------------------------------------- */

/* ---- saving ---------------------------------------------------------------- */

gboolean
chc_values_view_save (ChcValuesView  *self,
                      GError        **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_value_free);
  g_autofree char *period = NULL;
  guint n_inserted = 0, n_updated = 0, n_removed = 0, n_problems;
  Cell *problem, *cell;
  gboolean ok;

  g_return_val_if_fail (CHC_IS_VALUES_VIEW (self), FALSE);

  commit_focus_cell (self);
  validate_all (self);

  if (self->database == NULL || self->district == NULL || self->period == NULL)
    {
      g_set_error_literal (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                           _("Choose a district first."));
      return FALSE;
    }
  problem = first_problem (self, &n_problems);
  if (problem != NULL)
    {
      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   _("Nothing was saved: a cell breaks a rule. %s: %s"),
                   problem->row->name, problem->problem);
      return FALSE;
    }

  FOR_EACH_CELL (self, cell)
    {
      double value;

      if (cell_is_dirty (cell) && cell_value (cell, &value, NULL))
        g_ptr_array_add (values, cell_to_value (self, cell, value));
    }
  if (values->len == 0)
    return TRUE;

  self->saving = TRUE;
  ok = chc_database_save_values (self->database, values, &n_inserted, &n_updated, &n_removed, error);
  self->saving = FALSE;
  if (!ok)
    return FALSE;

  period = chc_ui_period_label (self->period);
  reload (self);
  g_free (self->saved_message);
  self->saved_message = g_strdup_printf (_("Saved the figures of %s: %u new, %u changed, %u removed."),
                                         period, n_inserted, n_updated, n_removed);
  update_state (self);
  return TRUE;
}

static void
save_and_report (GtkWidget *widget,
                 GTask     *task)
{
  ChcValuesView *self = CHC_VALUES_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (chc_values_view_save (self, &error))
    {
      if (task != NULL)
        g_task_return_boolean (task, TRUE);
      return;
    }
  set_status (self, error->message, TRUE);
  if (task != NULL)
    g_task_return_boolean (task, FALSE);
}

/* ---- leaving with unsaved changes --------------------------------------- */

static void
discard (GtkWidget *widget)
{
  chc_values_view_discard_changes (CHC_VALUES_VIEW (widget));
}

void
chc_values_view_confirm_leave_async (ChcValuesView       *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  g_autofree char *primary = NULL;
  guint n_dirty;

  g_return_if_fail (CHC_IS_VALUES_VIEW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chc_values_view_confirm_leave_async);

  commit_focus_cell (self);
  n_dirty = count_dirty (self);
  if (n_dirty > 0)
    {
      g_autofree char *period = chc_ui_period_label (self->period);

      primary = g_strdup_printf (_("Save the figures of %s?"), period);
    }
  chc_entry_grid_confirm_leave (task, &self->dialog, n_dirty, primary,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "One value is changed and not saved. If you do not save it, it is lost.",
                                             "Several values are changed and not saved. If you do not save them, they are lost.",
                                             n_dirty),
                                save_and_report, discard);
}

gboolean
chc_values_view_confirm_leave_finish (ChcValuesView  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Changing what the view shows: ask first, then apply or go back. */
typedef enum { CHANGE_PERIOD, CHANGE_DISTRICT, CHANGE_YEAR, CHANGE_DATA_SET } ChangeKind;

typedef struct
{
  ChangeKind   kind;
  char        *text;       /* a period or a data set's code */
  ChcDistrict *district;
  int          year;
} Change;

static void
change_free (Change *change)
{
  g_free (change->text);
  g_clear_object (&change->district);
  g_free (change);
}

static void
apply_change (ChcValuesView *self,
              Change        *change)
{
  g_autofree char *period = NULL;

  switch (change->kind)
    {
    case CHANGE_PERIOD:
      apply_period (self, change->text);
      break;
    case CHANGE_DISTRICT:
      g_set_object (&self->district, change->district);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT]);
      period = g_strdup (self->period);
      apply_period_or_default (self, period);
      break;
    case CHANGE_YEAR:
      self->year = change->year;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
      apply_period_or_default (self, NULL);
      break;
    case CHANGE_DATA_SET:
      g_free (self->data_set_code);
      self->data_set_code = g_strdup (change->text);
      load_data_sets (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_SET]);
      /* the same period when the type is the same */
      period = g_strdup (self->period);
      apply_period_or_default (self, period);
      break;
    }
}

static void
on_change_confirmed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  ChcValuesView *self = CHC_VALUES_VIEW (source);
  Change *change = data;

  if (chc_values_view_confirm_leave_finish (self, result, NULL))
    apply_change (self, change);
  else
    {
      /* Stay: the pickers go back. */
      guint position = GTK_INVALID_LIST_POSITION;

      sync_period_items (self);
      self->syncing_dropdowns = TRUE;
      if (self->data_set != NULL)
        g_ptr_array_find (self->data_sets, self->data_set, &position);
      gtk_drop_down_set_selected (self->data_set_dropdown, position);
      self->syncing_dropdowns = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
    }
  change_free (change);
}

static void
request_change (ChcValuesView *self,
                Change        *change)
{
  if (!chc_values_view_has_unsaved_changes (self))
    {
      apply_change (self, change);
      change_free (change);
      return;
    }
  chc_values_view_confirm_leave_async (self, NULL, on_change_confirmed, change);
}

/* ---- callbacks -------------------------------------------------------------- */

static void
on_period_selected (GtkDropDown   *dropdown,
                    GParamSpec    *pspec,
                    ChcValuesView *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  Change *change;

  if (self->syncing_dropdowns || selected >= self->periods->len)
    return;
  if (g_strcmp0 (g_ptr_array_index (self->periods, selected), self->period) == 0)
    return;
  change = g_new0 (Change, 1);
  change->kind = CHANGE_PERIOD;
  change->text = g_strdup (g_ptr_array_index (self->periods, selected));
  request_change (self, change);
}

static void
on_data_set_selected (GtkDropDown   *dropdown,
                      GParamSpec    *pspec,
                      ChcValuesView *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  ChcDataSet *set;
  Change *change;

  if (self->syncing_dropdowns || self->data_sets == NULL || selected >= self->data_sets->len)
    return;
  set = g_ptr_array_index (self->data_sets, selected);
  if (self->data_set != NULL && g_str_equal (set->code, self->data_set->code))
    return;
  change = g_new0 (Change, 1);
  change->kind = CHANGE_DATA_SET;
  change->text = g_strdup (set->code);
  request_change (self, change);
}

static void
on_database_changed (ChcDatabase   *database,
                     const char    *table,
                     ChcValuesView *self)
{
  if (self->saving)
    return;
  if (g_strcmp0 (table, "element_value") != 0 && g_strcmp0 (table, "district_value") != 0 &&
      g_strcmp0 (table, "facility") != 0 && g_strcmp0 (table, "data_element") != 0 &&
      g_strcmp0 (table, "meta") != 0 &&
      /* approvals and locks: which rows are read-only (issue 15) */
      g_strcmp0 (table, "report_state") != 0 && g_strcmp0 (table, "period_lock") != 0)
    return;
  if (chc_values_view_has_unsaved_changes (self))
    {
      /* Keep what is being typed; the totals show the new values. */
      update_totals (self);
      return;
    }
  if (g_strcmp0 (table, "data_element") == 0)
    load_data_sets (self);
  reload (self);
}

/* ---- actions ------------------------------------------------------------------ */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_and_report (widget, NULL);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_last (CHC_VALUES_VIEW (widget));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (CHC_VALUES_VIEW (widget)->search_entry));
}

/* ---- GObject ---------------------------------------------------------------- */

static void
chc_values_view_dispose (GObject *object)
{
  ChcValuesView *self = CHC_VALUES_VIEW (object);

  if (self->dialog != NULL)
    chc_entry_grid_close_dialog (&self->dialog, self->dialog);
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  if (self->rows != NULL)
    clear_grid (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_VALUES_VIEW);
  g_clear_object (&self->database);
  g_clear_object (&self->district);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->elements, g_ptr_array_unref);
  g_clear_pointer (&self->data_sets, g_ptr_array_unref);
  g_clear_pointer (&self->data_set, chc_data_set_unref);
  g_clear_object (&self->data_set_items);
  g_clear_object (&self->period_items);
  g_clear_pointer (&self->total_labels, g_ptr_array_unref);
  g_clear_pointer (&self->column_groups, g_ptr_array_unref);

  G_OBJECT_CLASS (chc_values_view_parent_class)->dispose (object);
}

static void
chc_values_view_finalize (GObject *object)
{
  ChcValuesView *self = CHC_VALUES_VIEW (object);

  g_clear_pointer (&self->undo, g_array_unref);
  g_clear_pointer (&self->periods, g_ptr_array_unref);
  g_clear_pointer (&self->period, g_free);
  g_clear_pointer (&self->data_set_code, g_free);
  g_clear_pointer (&self->status_text, g_free);
  g_clear_pointer (&self->saved_message, g_free);

  G_OBJECT_CLASS (chc_values_view_parent_class)->finalize (object);
}

static void
chc_values_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ChcValuesView *self = CHC_VALUES_VIEW (object);

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
    case PROP_PERIOD:
      g_value_set_string (value, self->period);
      break;
    case PROP_DATA_SET:
      g_value_set_string (value, self->data_set_code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_values_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ChcValuesView *self = CHC_VALUES_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      chc_values_view_set_database (self, g_value_get_object (value));
      break;
    case PROP_DISTRICT:
      chc_values_view_set_district (self, g_value_get_object (value));
      break;
    case PROP_YEAR:
      chc_values_view_set_year (self, g_value_get_int (value));
      break;
    case PROP_PERIOD:
      chc_values_view_set_period (self, g_value_get_string (value));
      break;
    case PROP_DATA_SET:
      chc_values_view_set_data_set (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_values_view_class_init (ChcValuesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = chc_values_view_dispose;
  object_class->finalize = chc_values_view_finalize;
  object_class->get_property = chc_values_view_get_property;
  object_class->set_property = chc_values_view_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CHC_TYPE_DATABASE, flags);
  properties[PROP_DISTRICT] =
    g_param_spec_object ("district", NULL, NULL, CHC_TYPE_DISTRICT, flags);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 9999, 0, flags);
  properties[PROP_PERIOD] =
    g_param_spec_string ("period", NULL, NULL, NULL, flags);
  properties[PROP_DATA_SET] =
    g_param_spec_string ("data-set", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-values-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcValuesView, root);
  gtk_widget_class_bind_template_child (widget_class, ChcValuesView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChcValuesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcValuesView, data_set_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcValuesView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcValuesView, grid);
  gtk_widget_class_bind_template_child (widget_class, ChcValuesView, header_grid);
  gtk_widget_class_bind_template_child (widget_class, ChcValuesView, total_grid);
  gtk_widget_class_bind_template_child (widget_class, ChcValuesView, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "values.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "values.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "values.find", NULL, find_action);
  chc_keymap_install (widget_class, "values");

  gtk_widget_class_set_css_name (widget_class, "values-view");
}

static void
chc_values_view_init (ChcValuesView *self)
{
  static gboolean css_added;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->year = current_year ();
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->undo = chc_entry_grid_undo_new ();
  self->total_labels = g_ptr_array_new ();
  self->column_groups = g_ptr_array_new_with_free_func (g_object_unref);
  self->periods = g_ptr_array_new_with_free_func (g_free);

  chc_entry_grid_init_css (GTK_WIDGET (self->grid), css, &css_added);

  self->data_set_items = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->data_set_dropdown, G_LIST_MODEL (self->data_set_items));
  self->period_items = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (self->period_items));
  g_signal_connect (self->data_set_dropdown, "notify::selected", G_CALLBACK (on_data_set_selected), self);
  g_signal_connect (self->period_dropdown, "notify::selected", G_CALLBACK (on_period_selected), self);

  /* Ctrl+Z and Ctrl+S in the capture phase: a cell's GtkText binds Ctrl+Z
   * to its own (disabled) history and would swallow it in the bubble phase. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("values.undo")));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_s, GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("values.save")));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }

  load_data_sets (self);
  sync_period_items (self);
  reload (self);
}

/* ---- public API ------------------------------------------------------------- */

GtkWidget *
chc_values_view_new (ChcDatabase *database)
{
  return g_object_new (CHC_TYPE_VALUES_VIEW, "database", database, NULL);
}

ChcDatabase *
chc_values_view_get_database (ChcValuesView *self)
{
  g_return_val_if_fail (CHC_IS_VALUES_VIEW (self), NULL);
  return self->database;
}

void
chc_values_view_set_database (ChcValuesView *self,
                              ChcDatabase   *database)
{
  g_autofree char *period = NULL;

  g_return_if_fail (CHC_IS_VALUES_VIEW (self));
  g_return_if_fail (database == NULL || CHC_IS_DATABASE (database));

  if (self->database == database)
    return;
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  g_set_object (&self->database, database);
  if (database != NULL)
    g_signal_connect (database, "changed", G_CALLBACK (on_database_changed), self);
  g_clear_object (&self->district);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
  load_data_sets (self);
  period = g_strdup (self->period);
  apply_period_or_default (self, period);
}

ChcDistrict *
chc_values_view_get_district (ChcValuesView *self)
{
  g_return_val_if_fail (CHC_IS_VALUES_VIEW (self), NULL);
  return self->district;
}

void
chc_values_view_set_district (ChcValuesView *self,
                              ChcDistrict   *district)
{
  Change *change;

  g_return_if_fail (CHC_IS_VALUES_VIEW (self));
  g_return_if_fail (district == NULL || CHC_IS_DISTRICT (district));

  if (self->district == district ||
      (self->district != NULL && district != NULL &&
       chc_district_get_id (self->district) == chc_district_get_id (district)))
    return;
  change = g_new0 (Change, 1);
  change->kind = CHANGE_DISTRICT;
  change->district = district ? g_object_ref (district) : NULL;
  request_change (self, change);
}

int
chc_values_view_get_year (ChcValuesView *self)
{
  g_return_val_if_fail (CHC_IS_VALUES_VIEW (self), 0);
  return self->year;
}

void
chc_values_view_set_year (ChcValuesView *self,
                          int            year)
{
  Change *change;

  g_return_if_fail (CHC_IS_VALUES_VIEW (self));

  if (year <= 0)
    year = current_year ();
  if (self->year == year)
    return;
  change = g_new0 (Change, 1);
  change->kind = CHANGE_YEAR;
  change->year = year;
  request_change (self, change);
}

const char *
chc_values_view_get_data_set (ChcValuesView *self)
{
  g_return_val_if_fail (CHC_IS_VALUES_VIEW (self), NULL);
  return self->data_set != NULL ? self->data_set->code : NULL;
}

void
chc_values_view_set_data_set (ChcValuesView *self,
                              const char    *code)
{
  Change *change;

  g_return_if_fail (CHC_IS_VALUES_VIEW (self));

  if (code == NULL || (self->data_set != NULL && g_str_equal (self->data_set->code, code)))
    return;
  change = g_new0 (Change, 1);
  change->kind = CHANGE_DATA_SET;
  change->text = g_strdup (code);
  request_change (self, change);
}

const char *
chc_values_view_get_period (ChcValuesView *self)
{
  g_return_val_if_fail (CHC_IS_VALUES_VIEW (self), NULL);
  return self->period;
}

void
chc_values_view_set_period (ChcValuesView *self,
                            const char    *period)
{
  g_autofree char *canonical = NULL;
  ChcPeriodType type;
  Change *change;

  g_return_if_fail (CHC_IS_VALUES_VIEW (self));

  if (period == NULL || !chc_csv_parse_any_period (period, &canonical, &type, NULL) || type != period_type (self))
    return;
  if (g_strcmp0 (self->period, canonical) == 0)
    return;
  change = g_new0 (Change, 1);
  change->kind = CHANGE_PERIOD;
  change->text = g_steal_pointer (&canonical);
  request_change (self, change);
}

gboolean
chc_values_view_has_unsaved_changes (ChcValuesView *self)
{
  g_return_val_if_fail (CHC_IS_VALUES_VIEW (self), FALSE);
  return count_dirty (self) > 0;
}

void
chc_values_view_discard_changes (ChcValuesView *self)
{
  g_return_if_fail (CHC_IS_VALUES_VIEW (self));
  reload (self);
}

gboolean
chc_values_view_focus_facility (ChcValuesView *self,
                                gint64         facility_id)
{
  Row *row;

  g_return_val_if_fail (CHC_IS_VALUES_VIEW (self), FALSE);

  row = find_row (self, facility_id);
  for (guint c = 0; row != NULL && c < row->n_cells; c++)
    if (row->cells[c] != NULL)
      return gtk_widget_grab_focus (row->cells[c]->base.entry);
  return FALSE;
}

GtkWidget *
chc_values_view_get_cell (ChcValuesView *self,
                          gint64         facility_id,
                          const char    *element)
{
  Row *row;
  int column;

  g_return_val_if_fail (CHC_IS_VALUES_VIEW (self), NULL);

  row = find_row (self, facility_id);
  column = find_column (self, element);
  if (row == NULL || column < 0 || row_cell (row, (guint) column) == NULL)
    return NULL;
  return row_cell (row, (guint) column)->base.entry;
}

GtkWidget *
chc_values_view_get_total_label (ChcValuesView *self,
                                 const char    *element)
{
  int column;

  g_return_val_if_fail (CHC_IS_VALUES_VIEW (self), NULL);

  column = find_column (self, element);
  if (column < 0 || (guint) column >= self->total_labels->len)
    return NULL;
  return g_ptr_array_index (self->total_labels, column);
}

GtkWidget *
chc_values_view_get_total_name (ChcValuesView *self)
{
  g_return_val_if_fail (CHC_IS_VALUES_VIEW (self), NULL);
  return self->total_name;
}

const char *
chc_values_view_get_status_text (ChcValuesView *self)
{
  g_return_val_if_fail (CHC_IS_VALUES_VIEW (self), NULL);
  return self->status_text;
}

GtkWidget *
chc_values_view_get_dialog (ChcValuesView *self)
{
  g_return_val_if_fail (CHC_IS_VALUES_VIEW (self), NULL);
  return self->dialog;
}
