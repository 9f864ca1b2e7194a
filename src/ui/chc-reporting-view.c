/* chc-reporting-view.c — the reporting calendar (报送情况), what a
 * district's statistics officer chasing a dozen centres every month reads
 * at a glance: the facilities of the window's district (centres with their
 * branch centres under them, in the registry's order) × the periods of the
 * window's year of one data set (the 12 months of a monthly one, the year
 * of a yearly one).  Each cell is one report, coloured by its state and
 * carrying a short mark (未 填 报 审 退) so that colour is not the only cue;
 * a red outline and "!" mark an overdue one, a padlock a locked one.  The
 * column headers count the reports received of those expected, the line
 * under the grid the year's completeness and timeliness.
 *
 * The arrow keys move between the cells (and up into the column headers);
 * Enter or a click opens the entry form of that facility and period (the
 * view emits ::open-report, the window chooses the view).  The actions —
 * Submit, Approve, Return…, Lock Period, Unlock… — act on the selected cell
 * (the focused one) or, after a click on a column header, on the whole
 * period (every facility).  Everything is read and written through
 * store/chc-database-reporting.h; the view reloads on the database's
 * ::changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-reporting"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-reporting-view.h"
#include "core/chc-reporting.h"
#include "store/chc-database-reporting.h"
#include "chc-keymap.h"
#include "chc-schedule-dialog.h"
#include "chc-ui-util.h"

typedef struct
{
  ChcReportStatus *status;    /* (not owned): self->reports */
  GtkWidget       *button;
  GtkWidget       *label;
  guint            row;
  guint            column;
} Cell;

typedef struct
{
  char            *period;
  GtkWidget       *button;
  char            *count_text;
  ChcReportCounts  counts;
} Column;

typedef struct
{
  gint64      facility_id;
  gint64      parent_id;
  char       *name;
} Row;

struct _ChcReportingView
{
  GtkWidget         parent_instance;

  ChcDatabase      *database;
  ChcDistrict      *district;
  int               year;
  gulong            changed_id;
  guint             reload_id;
  gboolean          loading;          /* the dropdowns set from code */
  gboolean          stale;            /* changed while hidden */

  GPtrArray        *schedules;        /* (element-type ChcReportSchedule): active ones */
  GPtrArray        *reports;          /* (element-type ChcReportStatus) */
  GPtrArray        *rows;             /* (element-type Row) */
  GPtrArray        *columns;          /* (element-type Column) */
  Cell            **matrix;           /* rows × columns; NULL: not expected */
  char             *dataset;
  char             *town;             /* NULL: every town */
  gint64            selected_facility;/* 0 with a period: the column */
  char             *selected_period;
  char             *message;
  char             *totals_text;
  GtkWidget        *dialog;

  /* template children */
  GtkWidget        *root;
  GtkLabel         *title_label;
  GtkDropDown      *dataset_dropdown;
  GtkStringList    *datasets;
  GtkDropDown      *town_dropdown;
  GtkStringList    *towns;
  GtkLabel         *selection_label;
  GtkScrolledWindow *scroller;
  GtkGrid          *grid;
  GtkLabel         *message_label;
  GtkLabel         *totals_label;
  GtkBox           *legend_box;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_DISTRICT,
  PROP_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_OPEN_REPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChcReportingView, chc_reporting_view, GTK_TYPE_WIDGET)

static const char css[] =
  "chc-reporting-view .report-cell { min-width: 36px; min-height: 22px; padding: 0 2px;"
  "  border-radius: 3px; border: 2px solid transparent; background-image: none; box-shadow: none; }\n"
  "chc-reporting-view .report-chip { min-width: 22px; padding: 0 3px; border-radius: 3px;"
  "  border: 2px solid transparent; }\n"
  "chc-reporting-view .state-not-started { background-color: #deddda; color: #3d3846; }\n"
  "chc-reporting-view .state-entered { background-color: #c4dcf5; color: #12355b; }\n"
  "chc-reporting-view .state-submitted { background-color: #3584e4; color: #ffffff; }\n"
  "chc-reporting-view .state-approved { background-color: #2ec27e; color: #0b3b22; }\n"
  "chc-reporting-view .state-returned { background-color: #ffa348; color: #3d2100; }\n"
  "chc-reporting-view .overdue { border-color: #c01c28; }\n"
  "chc-reporting-view .report-cell:focus, chc-reporting-view .period-header:focus"
  "  { outline: 3px solid #1a5fb4; outline-offset: 0; }\n"
  "chc-reporting-view .period-header { padding: 0 2px; min-width: 36px; }\n"
  "chc-reporting-view .period-header.selected { background-color: alpha(#1c71d8, 0.2); }\n"
  "chc-reporting-view label.count { font-size: smaller; }\n";

/* ---- helpers ------------------------------------------------------------- */

static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "chc-reporting-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "chc-reporting-css",
                          g_steal_pointer (&provider), g_object_unref);
}

/* The short mark of a state, so that colour is not the only cue. */
static const char *
state_mark (ChcReportState state)
{
  switch (state)
    {
    /* TRANSLATORS: one character in a cell of the reporting calendar: a
     * report not started */
    case CHC_REPORT_STATE_NOT_STARTED: return C_("report state mark", "–");
    /* TRANSLATORS: one character: a report entered, not submitted */
    case CHC_REPORT_STATE_ENTERED:     return C_("report state mark", "E");
    /* TRANSLATORS: one character: a report submitted */
    case CHC_REPORT_STATE_SUBMITTED:   return C_("report state mark", "S");
    /* TRANSLATORS: one character: a report approved */
    case CHC_REPORT_STATE_APPROVED:    return C_("report state mark", "A");
    /* TRANSLATORS: one character: a report returned */
    case CHC_REPORT_STATE_RETURNED:    return C_("report state mark", "R");
    default:                           return "?";
    }
}

static char *
state_class (ChcReportState state)
{
  return g_strconcat ("state-", chc_report_state_to_nick (state), NULL);
}

/* "3月" / "Mar" for a month, the year for a year. */
static char *
column_title (const char *period)
{
  int year = 0, month = 0;

  if (sscanf (period, "%d-%d", &year, &month) == 2 && month >= 1 && month <= 12)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, 1, 0, 0, 0);

      if (dt != NULL)
        return g_date_time_format (dt, "%b");
    }
  return chc_ui_period_label (period);
}

static void
column_free (Column *column)
{
  g_free (column->period);
  g_free (column->count_text);
  g_free (column);
}

static void
row_free (Row *row)
{
  g_free (row->name);
  g_free (row);
}

static const ChcReportSchedule *
current_schedule (ChcReportingView *self)
{
  for (guint i = 0; self->schedules != NULL && i < self->schedules->len; i++)
    {
      ChcReportSchedule *schedule = g_ptr_array_index (self->schedules, i);

      if (g_strcmp0 (schedule->dataset, self->dataset) == 0)
        return schedule;
    }
  return NULL;
}

static Cell *
cell_at (ChcReportingView *self,
         guint             row,
         guint             column)
{
  if (self->matrix == NULL || row >= self->rows->len || column >= self->columns->len)
    return NULL;
  return self->matrix[row * self->columns->len + column];
}

static int
find_row (ChcReportingView *self,
          gint64            facility_id)
{
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    if (((Row *) g_ptr_array_index (self->rows, i))->facility_id == facility_id)
      return (int) i;
  return -1;
}

static int
find_column (ChcReportingView *self,
             const char       *period)
{
  for (guint i = 0; period != NULL && self->columns != NULL && i < self->columns->len; i++)
    if (g_str_equal (((Column *) g_ptr_array_index (self->columns, i))->period, period))
      return (int) i;
  return -1;
}

static const char *
row_name (ChcReportingView *self,
          gint64            facility_id)
{
  int r = find_row (self, facility_id);

  return r >= 0 ? ((Row *) g_ptr_array_index (self->rows, r))->name : "";
}

static void
show_message (ChcReportingView *self,
              const char       *message,
              gboolean          is_error)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  chc_ui_set_css_class (GTK_WIDGET (self->message_label), "error", is_error);
}

/* ---- selection and actions' state ------------------------------------------ */

static void
update_actions (ChcReportingView *self)
{
  gboolean writable = self->database != NULL && self->district != NULL &&
                      !chc_database_get_read_only (self->database);
  gboolean any = writable && self->selected_period != NULL && find_column (self, self->selected_period) >= 0;
  gboolean cell = any && self->selected_facility != 0;
  int r = find_row (self, self->selected_facility);
  int c = find_column (self, self->selected_period);
  Cell *selected = (cell && r >= 0 && c >= 0) ? cell_at (self, (guint) r, (guint) c) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reporting.submit", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reporting.approve", any);
  /* only a report received can be returned */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reporting.return",
                                 selected != NULL && selected->status->state == CHC_REPORT_STATE_SUBMITTED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reporting.lock", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reporting.unlock", any);
}

static void
update_selection (ChcReportingView *self)
{
  g_autofree char *period = NULL;
  g_autofree char *text = NULL;
  int c = find_column (self, self->selected_period);

  for (guint i = 0; self->columns != NULL && i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      chc_ui_set_css_class (column->button, "selected",
                            self->selected_facility == 0 && (int) i == c);
    }
  if (c < 0)
    /* TRANSLATORS: the reporting calendar, before a cell is chosen */
    text = g_strdup (_("Choose a cell (a facility’s period) or a period’s header."));
  else
    {
      period = chc_ui_period_label (self->selected_period);
      if (self->selected_facility != 0)
        /* TRANSLATORS: the selection of the reporting calendar: facility, period */
        text = g_strdup_printf (_("Selected: %s, %s"), row_name (self, self->selected_facility), period);
      else
        /* TRANSLATORS: the selection of the reporting calendar: a whole period */
        text = g_strdup_printf (_("Selected: %s, every facility"), period);
    }
  gtk_label_set_text (self->selection_label, text);
  update_actions (self);
}

static void
select_cell (ChcReportingView *self,
             gint64            facility_id,
             const char       *period)
{
  if (self->selected_facility == facility_id && g_strcmp0 (self->selected_period, period) == 0)
    return;
  self->selected_facility = facility_id;
  g_free (self->selected_period);
  self->selected_period = g_strdup (period);
  update_selection (self);
}

/* ---- the grid ---------------------------------------------------------------- */

static void
on_cell_focus_enter_cb (GtkEventControllerFocus *controller,
                        ChcReportingView        *self)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  Cell *cell = g_object_get_data (G_OBJECT (button), "chc-cell");

  if (cell != NULL)
    select_cell (self, cell->status->facility_id, cell->status->period);
}

static void
on_cell_clicked_cb (GtkButton        *button,
                    ChcReportingView *self)
{
  Cell *cell = g_object_get_data (G_OBJECT (button), "chc-cell");

  if (cell == NULL)
    return;
  select_cell (self, cell->status->facility_id, cell->status->period);
  g_signal_emit (self, signals[SIGNAL_OPEN_REPORT], 0,
                 cell->status->facility_id, cell->status->dataset, cell->status->period);
}

static void
on_header_clicked_cb (GtkButton        *button,
                      ChcReportingView *self)
{
  Column *column = g_object_get_data (G_OBJECT (button), "chc-column");

  if (column != NULL)
    select_cell (self, 0, column->period);
}

/* The next cell from (@row, @column) in a direction, skipping the gaps
 * (reports not expected); NULL at the edge. */
static Cell *
next_cell (ChcReportingView *self,
           int               row,
           int               column,
           int               drow,
           int               dcolumn)
{
  for (;;)
    {
      Cell *cell;

      row += drow;
      column += dcolumn;
      if (row < 0 || column < 0 || (guint) row >= self->rows->len || (guint) column >= self->columns->len)
        return NULL;
      cell = cell_at (self, (guint) row, (guint) column);
      if (cell != NULL)
        return cell;
    }
}

/* The arrow keys between the cells and the column headers. */
static gboolean
on_grid_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        ChcReportingView      *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  int drow = 0, dcolumn = 0;
  Cell *cell, *to = NULL;
  Column *column;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 || focus == NULL)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left:   dcolumn = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dcolumn = 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:       drow = -1; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:   drow = 1; break;
    default: return FALSE;
    }

  cell = g_object_get_data (G_OBJECT (focus), "chc-cell");
  column = g_object_get_data (G_OBJECT (focus), "chc-column");
  if (cell != NULL)
    {
      to = next_cell (self, (int) cell->row, (int) cell->column, drow, dcolumn);
      if (to == NULL && drow < 0)
        {
          Column *header = g_ptr_array_index (self->columns, cell->column);

          gtk_widget_grab_focus (header->button);
          select_cell (self, 0, header->period);
          return TRUE;
        }
    }
  else if (column != NULL)
    {
      int c = find_column (self, column->period);

      if (dcolumn != 0)
        {
          c += dcolumn;
          if (c >= 0 && (guint) c < self->columns->len)
            {
              Column *other = g_ptr_array_index (self->columns, c);

              gtk_widget_grab_focus (other->button);
              select_cell (self, 0, other->period);
            }
          return TRUE;
        }
      if (drow > 0)
        to = next_cell (self, -1, c, 1, 0);
    }
  else
    return FALSE;
  if (to != NULL)
    gtk_widget_grab_focus (to->button);
  return TRUE;
}

static void
clear_grid (ChcReportingView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  if (self->matrix != NULL)
    {
      for (guint i = 0; i < self->rows->len * self->columns->len; i++)
        g_free (self->matrix[i]);
      g_clear_pointer (&self->matrix, g_free);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->columns, 0);
}

static char *
cell_tooltip (ChcReportingView *self,
              const ChcReportStatus *status)
{
  GString *text = g_string_new (NULL);
  g_autofree char *period = chc_ui_period_label (status->period);
  const char *timeliness = NULL;

  /* TRANSLATORS: the first line of a reporting calendar cell's tooltip: facility, period */
  g_string_append_printf (text, _("%s, %s"), status->facility_name, period);
  g_string_append_c (text, '\n');
  /* TRANSLATORS: a report's state (已上报…) */
  g_string_append_printf (text, _("State: %s"), chc_report_state_get_label (status->state));
  if (status->submitted_at != NULL && *status->submitted_at != '\0')
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Submitted at: %s"), status->submitted_at);
    }
  if (status->decided_at != NULL && *status->decided_at != '\0' &&
      (status->state == CHC_REPORT_STATE_APPROVED || status->state == CHC_REPORT_STATE_RETURNED))
    {
      g_string_append_c (text, '\n');
      if (status->state == CHC_REPORT_STATE_APPROVED)
        g_string_append_printf (text, _("Approved at: %s"), status->decided_at);
      else
        g_string_append_printf (text, _("Returned at: %s"), status->decided_at);
    }
  switch (status->timeliness)
    {
    case CHC_REPORT_TIMELINESS_NOT_DUE: timeliness = _("not due yet"); break;
    case CHC_REPORT_TIMELINESS_ON_TIME: timeliness = _("on time"); break;
    case CHC_REPORT_TIMELINESS_LATE:    timeliness = _("late"); break;
    case CHC_REPORT_TIMELINESS_OVERDUE: timeliness = _("overdue: not received by the due date"); break;
    default: break;
    }
  if (status->due_date != NULL)
    {
      g_string_append_c (text, '\n');
      /* TRANSLATORS: a report's due date and whether it came in time */
      g_string_append_printf (text, _("Due: %s (%s)"), status->due_date, timeliness != NULL ? timeliness : "");
    }
  if (status->comment != NULL && *status->comment != '\0')
    {
      g_string_append_c (text, '\n');
      /* TRANSLATORS: the comment the commission returned a report with */
      g_string_append_printf (text, _("Comment: %s"), status->comment);
    }
  if (status->locked && self->database != NULL)
    {
      g_autofree char *why = NULL;

      chc_database_is_locked (self->database, status->facility_id, status->dataset, status->period, &why);
      g_string_append_c (text, '\n');
      if (why != NULL && *why != '\0')
        /* TRANSLATORS: why a report's figures cannot be changed */
        g_string_append_printf (text, _("Locked: %s"), why);
      else
        g_string_append (text, _("Locked: its figures cannot be changed."));
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _("Enter or a click opens its entry form."));
  return g_string_free (text, FALSE);
}

static GtkWidget *
new_cell_button (ChcReportingView      *self,
                 Cell                  *cell)
{
  const ChcReportStatus *status = cell->status;
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 1);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  gboolean overdue = status->timeliness == CHC_REPORT_TIMELINESS_OVERDUE;
  g_autofree char *mark = g_strconcat (state_mark (status->state), overdue ? "!" : "", NULL);
  g_autofree char *klass = state_class (status->state);
  g_autofree char *tooltip = cell_tooltip (self, status);

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  cell->label = gtk_label_new (mark);
  gtk_box_append (GTK_BOX (box), cell->label);
  if (status->locked)
    {
      GtkWidget *lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

      gtk_image_set_pixel_size (GTK_IMAGE (lock), 10);
      gtk_widget_set_name (lock, "lock");
      gtk_box_append (GTK_BOX (box), lock);
    }
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "report-cell");
  gtk_widget_add_css_class (button, klass);
  if (overdue)
    gtk_widget_add_css_class (button, "overdue");
  if (status->locked)
    gtk_widget_add_css_class (button, "locked");
  chc_ui_set_tooltip (button, tooltip);
  g_object_set_data (G_OBJECT (button), "chc-cell", cell);
  g_signal_connect (button, "clicked", G_CALLBACK (on_cell_clicked_cb), self);
  g_signal_connect (focus, "enter", G_CALLBACK (on_cell_focus_enter_cb), self);
  gtk_widget_add_controller (button, focus);
  cell->button = button;
  return button;
}

static void
update_legend (ChcReportingView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend_box))) != NULL)
    gtk_box_remove (self->legend_box, child);
  for (int s = 0; s < CHC_REPORT_N_STATES; s++)
    {
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *chip = gtk_label_new (state_mark (s));
      g_autofree char *klass = state_class (s);

      gtk_widget_add_css_class (chip, "report-chip");
      gtk_widget_add_css_class (chip, klass);
      gtk_box_append (GTK_BOX (item), chip);
      gtk_box_append (GTK_BOX (item), gtk_label_new (chc_report_state_get_label (s)));
      gtk_box_append (self->legend_box, item);
    }
  {
    GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
    GtkWidget *chip = gtk_label_new ("!");
    GtkWidget *lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

    gtk_widget_add_css_class (chip, "report-chip");
    gtk_widget_add_css_class (chip, "overdue");
    gtk_box_append (GTK_BOX (item), chip);
    /* TRANSLATORS: the legend of the reporting calendar */
    gtk_box_append (GTK_BOX (item), gtk_label_new (_("Overdue")));
    gtk_box_append (self->legend_box, item);

    item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
    gtk_image_set_pixel_size (GTK_IMAGE (lock), 12);
    gtk_box_append (GTK_BOX (item), lock);
    /* TRANSLATORS: the legend of the reporting calendar */
    gtk_box_append (GTK_BOX (item), gtk_label_new (_("Locked")));
    gtk_box_append (self->legend_box, item);
  }
}

/* The data sets of the dropdown: the active schedules. */
static void
load_schedules (ChcReportingView *self,
                GError          **error)
{
  g_autoptr(GPtrArray) all = NULL;
  guint selected = 0;

  g_clear_pointer (&self->schedules, g_ptr_array_unref);
  self->schedules = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_schedule_free);
  if (self->database != NULL && self->district != NULL)
    all = chc_database_list_schedules (self->database, chc_district_get_id (self->district), error);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      ChcReportSchedule *schedule = g_ptr_array_index (all, i);

      if (schedule->active)
        g_ptr_array_add (self->schedules, g_ptr_array_steal_index (all, i--));
    }

  self->loading = TRUE;
  gtk_string_list_splice (self->datasets, 0, g_list_model_get_n_items (G_LIST_MODEL (self->datasets)), NULL);
  for (guint i = 0; i < self->schedules->len; i++)
    {
      ChcReportSchedule *schedule = g_ptr_array_index (self->schedules, i);

      gtk_string_list_append (self->datasets, schedule->label);
      if (g_strcmp0 (schedule->dataset, self->dataset) == 0)
        selected = i;
    }
  if (self->schedules->len > 0)
    {
      ChcReportSchedule *schedule = g_ptr_array_index (self->schedules, selected);

      g_free (self->dataset);
      self->dataset = g_strdup (schedule->dataset);
      gtk_drop_down_set_selected (self->dataset_dropdown, selected);
    }
  self->loading = FALSE;
}

/* The towns of the dropdown: those of the facilities listed. */
static void
load_towns (ChcReportingView *self)
{
  g_autoptr(GPtrArray) towns = g_ptr_array_new ();
  guint selected = 0;

  for (guint i = 0; self->reports != NULL && i < self->reports->len; i++)
    {
      ChcReportStatus *status = g_ptr_array_index (self->reports, i);

      if (status->town != NULL && *status->town != '\0' &&
          !g_ptr_array_find_with_equal_func (towns, status->town, g_str_equal, NULL))
        g_ptr_array_add (towns, status->town);
    }
  self->loading = TRUE;
  gtk_string_list_splice (self->towns, 0, g_list_model_get_n_items (G_LIST_MODEL (self->towns)), NULL);
  gtk_string_list_append (self->towns, _("All towns"));
  for (guint i = 0; i < towns->len; i++)
    {
      gtk_string_list_append (self->towns, g_ptr_array_index (towns, i));
      if (g_strcmp0 (self->town, g_ptr_array_index (towns, i)) == 0)
        selected = i + 1;
    }
  if (selected == 0)
    g_clear_pointer (&self->town, g_free);
  gtk_drop_down_set_selected (self->town_dropdown, selected);
  self->loading = FALSE;
}

static void
update_title (ChcReportingView *self)
{
  g_autofree char *district = self->district != NULL ? chc_ui_district_label (self->district) : NULL;
  g_autofree char *title = NULL;

  if (district == NULL)
    title = g_strdup (_("Reporting calendar"));
  else
    /* TRANSLATORS: the reporting calendar's title: district, year */
    title = g_strdup_printf (_("Reporting of %s, %d"), district, self->year);
  gtk_label_set_text (self->title_label, title);
}

static void
update_totals (ChcReportingView *self,
               const ChcReportCounts *total)
{
  double completeness = 0, timeliness = 0;

  g_free (self->totals_text);
  if (!chc_report_counts_completeness (total, &completeness))
    self->totals_text = g_strdup (_("No report is expected of these facilities this year."));
  else
    {
      chc_report_counts_timeliness (total, &timeliness);
      /* TRANSLATORS: the reporting calendar's totals for the year */
      self->totals_text = g_strdup_printf (_("Year %d: %u of %u reports received (completeness %.1f %%), "
                                             "%u on time (timeliness %.1f %%), %u late; %u approved, "
                                             "%u returned, %u overdue."),
                                           self->year, total->received, total->expected, completeness,
                                           total->on_time, timeliness, total->late,
                                           total->states[CHC_REPORT_STATE_APPROVED],
                                           total->states[CHC_REPORT_STATE_RETURNED], total->overdue);
    }
  gtk_label_set_text (self->totals_label, self->totals_text);
}

static void
reload (ChcReportingView *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) periods = NULL;
  ChcReportCounts total = { 0, };
  const ChcReportSchedule *schedule;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->grid));
  gboolean header_focus = had_focus && g_object_get_data (G_OBJECT (focus), "chc-column") != NULL;
  g_autofree char *first = g_strdup_printf ("%04d-01", self->year);
  g_autofree char *last = g_strdup_printf ("%04d-12", self->year);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->stale = FALSE;
  if (had_focus)
    /* Out of the grid while it is rebuilt (GTK would move it elsewhere). */
    gtk_widget_grab_focus (GTK_WIDGET (self->scroller));
  clear_grid (self);
  g_clear_pointer (&self->reports, g_ptr_array_unref);
  update_title (self);

  load_schedules (self, &error);
  schedule = current_schedule (self);
  if (schedule != NULL && self->year > 0)
    {
      periods = chc_report_periods (schedule->period_type, first, last);
      self->reports = chc_database_list_reports (self->database, chc_district_get_id (self->district),
                                                 schedule->dataset, first, last, &error);
    }
  load_towns (self);

  /* rows: the facilities in the store's order, of the town chosen */
  for (guint i = 0; self->reports != NULL && i < self->reports->len; i++)
    {
      ChcReportStatus *status = g_ptr_array_index (self->reports, i);
      Row *row;

      if (self->town != NULL && g_strcmp0 (status->town, self->town) != 0)
        continue;
      if (find_row (self, status->facility_id) >= 0)
        continue;
      row = g_new0 (Row, 1);
      row->facility_id = status->facility_id;
      row->parent_id = status->parent_id;
      row->name = g_strdup (status->facility_name);
      g_ptr_array_add (self->rows, row);
    }
  for (guint i = 0; periods != NULL && periods[i] != NULL; i++)
    {
      Column *column = g_new0 (Column, 1);

      column->period = g_strdup (periods[i]);
      g_ptr_array_add (self->columns, column);
    }
  self->matrix = g_new0 (Cell *, MAX (1, self->rows->len * self->columns->len));

  /* the facilities' names */
  {
    GtkWidget *corner = gtk_label_new (_("Facility"));

    gtk_label_set_xalign (GTK_LABEL (corner), 0);
    gtk_widget_set_valign (corner, GTK_ALIGN_END);
    gtk_widget_add_css_class (corner, "heading");
    gtk_grid_attach (self->grid, corner, 0, 0, 1, 1);
  }
  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);
      gboolean branch = row->parent_id != 0 && find_row (self, row->parent_id) >= 0;
      const char *parent = branch ? row_name (self, row->parent_id) : NULL;
      /* under its centre, a branch centre by its own name: 赵屯分中心 for
       * 白鹤社区卫生服务中心赵屯分中心 */
      const char *shown = (parent != NULL && g_str_has_prefix (row->name, parent) &&
                           row->name[strlen (parent)] != '\0') ? row->name + strlen (parent) : row->name;
      GtkWidget *name = gtk_label_new (shown);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (name), 22);
      gtk_label_set_width_chars (GTK_LABEL (name), 12);
      gtk_widget_set_margin_start (name, branch ? 16 : 0);
      gtk_widget_set_margin_end (name, 6);
      if (shown != row->name)
        chc_ui_set_tooltip (name, row->name);
      else
        chc_ui_label_tooltip_when_cut (GTK_LABEL (name));
      gtk_grid_attach (self->grid, name, 0, 1 + (int) r, 1, 1);
    }

  /* the cells */
  for (guint i = 0; self->reports != NULL && i < self->reports->len; i++)
    {
      ChcReportStatus *status = g_ptr_array_index (self->reports, i);
      int r = find_row (self, status->facility_id);
      int c = find_column (self, status->period);
      Column *column;
      Cell *cell;

      if (r < 0 || c < 0 || cell_at (self, (guint) r, (guint) c) != NULL)
        continue;
      column = g_ptr_array_index (self->columns, c);
      chc_report_counts_add (&column->counts, status);
      chc_report_counts_add (&total, status);
      cell = g_new0 (Cell, 1);
      cell->status = status;
      cell->row = (guint) r;
      cell->column = (guint) c;
      self->matrix[(guint) r * self->columns->len + (guint) c] = cell;
      gtk_grid_attach (self->grid, new_cell_button (self, cell), 1 + c, 1 + r, 1, 1);
    }

  /* the column headers, with their counts */
  for (guint c = 0; c < self->columns->len; c++)
    {
      Column *column = g_ptr_array_index (self->columns, c);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *title_label, *count_label;
      g_autofree char *title = column_title (column->period);
      g_autofree char *period = chc_ui_period_label (column->period);
      g_autofree char *tooltip = NULL;
      double completeness = 0, timeliness = 0;

      column->count_text = g_strdup_printf ("%u/%u", column->counts.received, column->counts.expected);
      chc_report_counts_completeness (&column->counts, &completeness);
      chc_report_counts_timeliness (&column->counts, &timeliness);
      /* TRANSLATORS: the tooltip of a period's column of the reporting calendar */
      tooltip = g_strdup_printf (_("%s: %u of %u reports received (%.1f %%), %u on time (%.1f %%), "
                                   "%u approved, %u overdue.\nClick to select every facility of this period."),
                                 period, column->counts.received, column->counts.expected, completeness,
                                 column->counts.on_time, timeliness,
                                 column->counts.states[CHC_REPORT_STATE_APPROVED], column->counts.overdue);
      title_label = gtk_label_new (title);
      count_label = gtk_label_new (column->count_text);
      gtk_widget_add_css_class (count_label, "count");
      gtk_box_append (GTK_BOX (box), title_label);
      gtk_box_append (GTK_BOX (box), count_label);
      column->button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (column->button), box);
      gtk_widget_add_css_class (column->button, "flat");
      gtk_widget_add_css_class (column->button, "period-header");
      chc_ui_set_tooltip (column->button, tooltip);
      g_object_set_data (G_OBJECT (column->button), "chc-column", column);
      g_signal_connect (column->button, "clicked", G_CALLBACK (on_header_clicked_cb), self);
      gtk_grid_attach (self->grid, column->button, 1 + (int) c, 0, 1, 1);
    }
  update_totals (self, &total);

  if (error != NULL)
    show_message (self, error->message, TRUE);

  /* the selection, and the focus, where they were */
  if (self->selected_period != NULL && find_column (self, self->selected_period) < 0)
    {
      self->selected_facility = 0;
      g_clear_pointer (&self->selected_period, g_free);
    }
  if (self->selected_facility != 0 && find_row (self, self->selected_facility) < 0)
    self->selected_facility = 0;
  update_selection (self);
  if (had_focus)
    {
      int c = find_column (self, self->selected_period);
      int r = find_row (self, self->selected_facility);
      Cell *cell = (r >= 0 && c >= 0) ? cell_at (self, (guint) r, (guint) c) : NULL;

      if (cell != NULL && !header_focus)
        gtk_widget_grab_focus (cell->button);
      else if (c >= 0)
        gtk_widget_grab_focus (((Column *) g_ptr_array_index (self->columns, c))->button);
    }
}

static gboolean
reload_cb (gpointer data)
{
  ChcReportingView *self = data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
queue_reload (ChcReportingView *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_cb, self);
}

/* Any table may change a report's state (the figures make it "entered"):
 * the view on screen reloads, a hidden one when it is shown again. */
static void
on_database_changed_cb (ChcReportingView *self,
                        const char       *table)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    queue_reload (self);
  else
    self->stale = TRUE;
}

static void
on_filter_changed_cb (ChcReportingView *self)
{
  const char *dataset = self->dataset;
  const char *town = NULL;
  guint selected;

  if (self->loading)
    return;
  selected = gtk_drop_down_get_selected (self->dataset_dropdown);
  if (self->schedules != NULL && selected < self->schedules->len)
    dataset = ((ChcReportSchedule *) g_ptr_array_index (self->schedules, selected))->dataset;
  selected = gtk_drop_down_get_selected (self->town_dropdown);
  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    town = gtk_string_list_get_string (self->towns, selected);
  /* the dropdowns also notify when their lists are refilled */
  if (g_strcmp0 (dataset, self->dataset) == 0 && g_strcmp0 (town, self->town) == 0)
    return;
  if (dataset != self->dataset)
    {
      g_free (self->dataset);
      self->dataset = g_strdup (dataset);
    }
  g_free (self->town);
  self->town = g_strdup (town);
  reload (self);
}

/* ---- actions ------------------------------------------------------------------ */

/* The facilities at the top of the rows shown (a centre submits for its
 * branch centres). */
static GArray *
top_facilities (ChcReportingView *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);

      if (row->parent_id == 0 || find_row (self, row->parent_id) < 0)
        g_array_append_val (ids, row->facility_id);
    }
  return ids;
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChcReportingView *self = CHC_REPORTING_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int n = 0;

  if (self->selected_period == NULL || self->dataset == NULL)
    return;
  if (self->selected_facility != 0)
    n = chc_database_submit_reports (self->database, self->selected_facility, self->dataset,
                                     self->selected_period, &error);
  else
    {
      g_autoptr(GArray) ids = top_facilities (self);

      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(GError) one_error = NULL;
          int one = chc_database_submit_reports (self->database, g_array_index (ids, gint64, i), self->dataset,
                                                 self->selected_period, &one_error);

          if (one > 0)
            n += one;
          else if (one < 0 && error == NULL)
            error = g_steal_pointer (&one_error);
        }
      if (n > 0)
        g_clear_error (&error);
    }
  if (n < 0 || (n == 0 && error != NULL))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d report submitted.", "%d reports submitted.", n), n);
  show_message (self, text, FALSE);
  reload (self);
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChcReportingView *self = CHC_REPORTING_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int n;

  if (self->selected_period == NULL || self->dataset == NULL || self->district == NULL)
    return;
  n = chc_database_approve_reports (self->database, chc_district_get_id (self->district),
                                    self->selected_facility, self->dataset, self->selected_period, &error);
  if (n < 0)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d report approved: its figures are locked.",
                                       "%d reports approved: their figures are locked.", n), n);
  show_message (self, text, FALSE);
  reload (self);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChcReportingView *self = CHC_REPORTING_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *period = NULL;
  g_autofree char *district = NULL;
  g_autofree char *text = NULL;

  if (self->selected_period == NULL || self->district == NULL)
    return;
  if (!chc_database_lock_period (self->database, chc_district_get_id (self->district),
                                 self->selected_period, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  period = chc_ui_period_label (self->selected_period);
  district = chc_ui_district_label (self->district);
  /* TRANSLATORS: district, period */
  text = g_strdup_printf (_("%s, %s is locked: its figures can no longer be changed."), district, period);
  show_message (self, text, FALSE);
  reload (self);
}

/* ---- the comment and reason question ----------------------------------------- */

typedef enum
{
  QUESTION_RETURN,
  QUESTION_UNLOCK,
} Question;

static void
close_dialog (ChcReportingView *self)
{
  if (self->dialog != NULL)
    {
      GtkWidget *dialog = g_steal_pointer (&self->dialog);

      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

static void
on_dialog_text_changed_cb (GtkEditable *entry,
                           GtkWidget   *ok)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  gtk_widget_set_sensitive (ok, *text != '\0');
}

static void
on_dialog_ok_cb (ChcReportingView *self)
{
  GtkEditable *entry;
  Question question;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  int n;

  if (self->dialog == NULL)
    return;
  entry = g_object_get_data (G_OBJECT (self->dialog), "chc-entry");
  question = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self->dialog), "chc-question"));
  text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (*text == '\0' || self->selected_period == NULL || self->district == NULL)
    return;

  if (question == QUESTION_RETURN)
    {
      n = chc_database_return_reports (self->database, self->selected_facility, self->dataset,
                                       self->selected_period, text, &error);
      if (n >= 0)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%d report returned: the centre sees the comment after the next exchange.",
                                                "%d reports returned: the centre sees the comment after the next exchange.",
                                                n), n);
    }
  else
    {
      n = chc_database_unlock_period (self->database, chc_district_get_id (self->district),
                                      self->selected_facility, self->selected_period, text, &error);
      if (n >= 0)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Unlocked (%d lock lifted); the reason is in the audit log.",
                                                "Unlocked (%d locks lifted); the reason is in the audit log.", n), n);
    }
  close_dialog (self);
  if (n < 0)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  show_message (self, message, FALSE);
  reload (self);
}

static void
ask (ChcReportingView *self,
     Question          question)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label, *entry, *cancel, *ok;
  g_autofree char *period = chc_ui_period_label (self->selected_period);
  g_autofree char *what = NULL;

  close_dialog (self);
  if (self->selected_facility != 0)
    /* TRANSLATORS: facility, period */
    what = g_strdup_printf (_("%s, %s"), row_name (self, self->selected_facility), period);
  else
    what = g_strdup (period);

  self->dialog = gtk_window_new ();
  gtk_window_set_modal (GTK_WINDOW (self->dialog), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (self->dialog), FALSE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self->dialog), GTK_WINDOW (root));
  gtk_window_set_title (GTK_WINDOW (self->dialog),
                        question == QUESTION_RETURN ? _("Return Report") : _("Unlock"));
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);

  label = gtk_label_new (NULL);
  {
    g_autofree char *text = NULL;

    if (question == QUESTION_RETURN)
      /* TRANSLATORS: %s is "facility, period" */
      text = g_strdup_printf (_("Return the report of %s with a comment: what must the centre correct?"), what);
    else
      /* TRANSLATORS: %s is "facility, period" or a period */
      text = g_strdup_printf (_("Unlock %s: why must its figures change? The reason is kept in the audit log."), what);
    gtk_label_set_text (GTK_LABEL (label), text);
  }
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), question == QUESTION_RETURN ? _("Comment") : _("Reason"));
  gtk_widget_set_name (entry, "text");
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  ok = gtk_button_new_with_mnemonic (question == QUESTION_RETURN ? _("_Return") : _("_Unlock"));
  gtk_widget_add_css_class (ok, question == QUESTION_RETURN ? "suggested-action" : "destructive-action");
  gtk_widget_set_sensitive (ok, FALSE);
  gtk_widget_set_name (ok, "ok");
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), ok);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_child (GTK_WINDOW (self->dialog), box);
  gtk_window_set_default_widget (GTK_WINDOW (self->dialog), ok);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);

  g_object_set_data (G_OBJECT (self->dialog), "chc-entry", entry);
  g_object_set_data (G_OBJECT (self->dialog), "chc-question", GINT_TO_POINTER (question));
  g_signal_connect (entry, "changed", G_CALLBACK (on_dialog_text_changed_cb), ok);
  g_signal_connect_swapped (ok, "clicked", G_CALLBACK (on_dialog_ok_cb), self);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (close_dialog), self);
  gtk_window_present (GTK_WINDOW (self->dialog));
  gtk_widget_grab_focus (entry);
}

static void
return_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChcReportingView *self = CHC_REPORTING_VIEW (widget);

  if (self->selected_period != NULL && self->selected_facility != 0)
    ask (self, QUESTION_RETURN);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChcReportingView *self = CHC_REPORTING_VIEW (widget);

  if (self->selected_period != NULL)
    ask (self, QUESTION_UNLOCK);
}

/* The district's schedule (due days, who reports): a dialog of its own. */
static void
schedule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ChcReportingView *self = CHC_REPORTING_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->database == NULL || self->district == NULL)
    return;
  dialog = chc_schedule_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->database,
                                    chc_district_get_id (self->district));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ------------------------------------------------------------------ */

static void
set_database (ChcReportingView *self,
              ChcDatabase      *database)
{
  if (self->database == database)
    return;
  if (self->database != NULL)
    g_clear_signal_handler (&self->changed_id, self->database);
  g_set_object (&self->database, database);
  if (database != NULL)
    self->changed_id = g_signal_connect_object (database, "changed",
                                                G_CALLBACK (on_database_changed_cb),
                                                self, G_CONNECT_SWAPPED);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

static void
chc_reporting_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ChcReportingView *self = CHC_REPORTING_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE: g_value_set_object (value, self->database); break;
    case PROP_DISTRICT: g_value_set_object (value, self->district); break;
    case PROP_YEAR:     g_value_set_int (value, self->year); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_reporting_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ChcReportingView *self = CHC_REPORTING_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      set_database (self, g_value_get_object (value));
      break;
    case PROP_DISTRICT:
      {
        ChcDistrict *district = g_value_get_object (value);
        gboolean same = district != NULL && self->district != NULL &&
                        chc_district_get_id (district) == chc_district_get_id (self->district);

        if (g_set_object (&self->district, district))
          {
            if (!same)
              g_clear_pointer (&self->town, g_free);
            reload (self);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    case PROP_YEAR:
      if (self->year != g_value_get_int (value))
        {
          self->year = g_value_get_int (value);
          reload (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The column a statistics officer chases: the last period that has ended
 * (the month before this one in the current year), else the first. */
static int
default_column (ChcReportingView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *month = g_date_time_format (now, "%Y-%m");
  int c = 0;

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);
      /* "2024" and "2024-03" both sort before "2024-04" when ended */
      g_autofree char *end = strlen (column->period) == 4 ? g_strconcat (column->period, "-12", NULL)
                                                          : g_strdup (column->period);

      if (strcmp (end, month) < 0)
        c = (int) i;
    }
  return c;
}

/* Into the grid: the selected cell, or the first row's in the period being
 * chased. */
static gboolean
chc_reporting_view_grab_focus (GtkWidget *widget)
{
  ChcReportingView *self = CHC_REPORTING_VIEW (widget);
  int r = find_row (self, self->selected_facility);
  int c = find_column (self, self->selected_period);
  Cell *cell = (r >= 0 && c >= 0) ? cell_at (self, (guint) r, (guint) c) : NULL;

  if (cell == NULL && self->columns->len > 0)
    cell = next_cell (self, -1, default_column (self), 1, 0);
  if (cell == NULL)
    cell = next_cell (self, 0, -1, 0, 1);
  if (cell != NULL)
    return gtk_widget_grab_focus (cell->button);
  return gtk_widget_grab_focus (GTK_WIDGET (self->dataset_dropdown));
}

/* Tab from outside the view (the window's switch to it, the sidebar's
 * Tab) lands on the selected cell, not wherever GTK's order puts it; Tab
 * from a cell leaves the grid (the arrow keys move in it) and Shift+Tab
 * goes back to the filters. */
static gboolean
chc_reporting_view_focus (GtkWidget        *widget,
                          GtkDirectionType  direction)
{
  ChcReportingView *self = CHC_REPORTING_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->grid)))
    {
      if (direction == GTK_DIR_TAB_FORWARD)
        return FALSE;
      if (direction == GTK_DIR_TAB_BACKWARD)
        return gtk_widget_grab_focus (GTK_WIDGET (self->dataset_dropdown));
    }
  else if (direction == GTK_DIR_TAB_FORWARD && (focus == NULL || !gtk_widget_is_ancestor (focus, widget)))
    return chc_reporting_view_grab_focus (widget);
  return GTK_WIDGET_CLASS (chc_reporting_view_parent_class)->focus (widget, direction);
}

static void
chc_reporting_view_map (GtkWidget *widget)
{
  ChcReportingView *self = CHC_REPORTING_VIEW (widget);

  GTK_WIDGET_CLASS (chc_reporting_view_parent_class)->map (widget);
  if (self->stale)
    queue_reload (self);
}

static void
chc_reporting_view_dispose (GObject *object)
{
  ChcReportingView *self = CHC_REPORTING_VIEW (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  close_dialog (self);
  if (self->database != NULL)
    g_clear_signal_handler (&self->changed_id, self->database);
  if (self->rows != NULL)
    clear_grid (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_REPORTING_VIEW);
  g_clear_object (&self->database);
  g_clear_object (&self->district);
  G_OBJECT_CLASS (chc_reporting_view_parent_class)->dispose (object);
}

static void
chc_reporting_view_finalize (GObject *object)
{
  ChcReportingView *self = CHC_REPORTING_VIEW (object);

  g_clear_pointer (&self->schedules, g_ptr_array_unref);
  g_clear_pointer (&self->reports, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_free (self->dataset);
  g_free (self->town);
  g_free (self->selected_period);
  g_free (self->message);
  g_free (self->totals_text);
  G_OBJECT_CLASS (chc_reporting_view_parent_class)->finalize (object);
}

static void
chc_reporting_view_class_init (ChcReportingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = chc_reporting_view_get_property;
  object_class->set_property = chc_reporting_view_set_property;
  object_class->dispose = chc_reporting_view_dispose;
  object_class->finalize = chc_reporting_view_finalize;
  widget_class->grab_focus = chc_reporting_view_grab_focus;
  widget_class->focus = chc_reporting_view_focus;
  widget_class->map = chc_reporting_view_map;

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

  signals[SIGNAL_OPEN_REPORT] =
    g_signal_new ("open-report", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "reporting.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "reporting.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "reporting.return", NULL, return_action);
  gtk_widget_class_install_action (widget_class, "reporting.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "reporting.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "reporting.schedule", NULL, schedule_action);
  chc_keymap_install (widget_class, "reporting");

  gtk_widget_class_set_css_name (widget_class, "chc-reporting-view");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-reporting-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcReportingView, root);
  gtk_widget_class_bind_template_child (widget_class, ChcReportingView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChcReportingView, dataset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcReportingView, datasets);
  gtk_widget_class_bind_template_child (widget_class, ChcReportingView, town_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcReportingView, towns);
  gtk_widget_class_bind_template_child (widget_class, ChcReportingView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, ChcReportingView, scroller);
  gtk_widget_class_bind_template_child (widget_class, ChcReportingView, grid);
  gtk_widget_class_bind_template_child (widget_class, ChcReportingView, message_label);
  gtk_widget_class_bind_template_child (widget_class, ChcReportingView, totals_label);
  gtk_widget_class_bind_template_child (widget_class, ChcReportingView, legend_box);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
}

static void
chc_reporting_view_init (ChcReportingView *self)
{
  GtkEventController *keys;

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css (GTK_WIDGET (self));
  update_legend (self);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_grid_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->grid), keys);
  update_title (self);
  update_selection (self);
}

/* ---- public API ---------------------------------------------------------------- */

GtkWidget *
chc_reporting_view_new (ChcDatabase *database)
{
  return g_object_new (CHC_TYPE_REPORTING_VIEW, "database", database, NULL);
}

const char *
chc_reporting_view_get_dataset (ChcReportingView *self)
{
  g_return_val_if_fail (CHC_IS_REPORTING_VIEW (self), NULL);
  return self->dataset;
}

void
chc_reporting_view_set_dataset (ChcReportingView *self,
                                const char       *dataset)
{
  g_return_if_fail (CHC_IS_REPORTING_VIEW (self));

  if (dataset == NULL || g_strcmp0 (self->dataset, dataset) == 0)
    return;
  g_free (self->dataset);
  self->dataset = g_strdup (dataset);
  reload (self);
}

gboolean
chc_reporting_view_select (ChcReportingView *self,
                           gint64            facility_id,
                           const char       *period)
{
  int r, c;
  Cell *cell = NULL;

  g_return_val_if_fail (CHC_IS_REPORTING_VIEW (self), FALSE);

  c = find_column (self, period);
  if (c < 0)
    return FALSE;
  if (facility_id != 0)
    {
      r = find_row (self, facility_id);
      cell = r >= 0 ? cell_at (self, (guint) r, (guint) c) : NULL;
      if (cell == NULL)
        return FALSE;
    }
  select_cell (self, facility_id, period);
  if (cell != NULL)
    gtk_widget_grab_focus (cell->button);
  return TRUE;
}

gint64
chc_reporting_view_get_selected_facility (ChcReportingView *self)
{
  g_return_val_if_fail (CHC_IS_REPORTING_VIEW (self), 0);
  return self->selected_facility;
}

const char *
chc_reporting_view_get_selected_period (ChcReportingView *self)
{
  g_return_val_if_fail (CHC_IS_REPORTING_VIEW (self), NULL);
  return self->selected_period;
}

GtkWidget *
chc_reporting_view_get_cell (ChcReportingView *self,
                             gint64            facility_id,
                             const char       *period)
{
  int r, c;
  Cell *cell;

  g_return_val_if_fail (CHC_IS_REPORTING_VIEW (self), NULL);

  r = find_row (self, facility_id);
  c = find_column (self, period);
  cell = (r >= 0 && c >= 0) ? cell_at (self, (guint) r, (guint) c) : NULL;
  return cell != NULL ? cell->button : NULL;
}

const char *
chc_reporting_view_get_column_count (ChcReportingView *self,
                                     const char       *period)
{
  int c;

  g_return_val_if_fail (CHC_IS_REPORTING_VIEW (self), NULL);

  c = find_column (self, period);
  return c >= 0 ? ((Column *) g_ptr_array_index (self->columns, c))->count_text : NULL;
}

const char *
chc_reporting_view_get_totals_text (ChcReportingView *self)
{
  g_return_val_if_fail (CHC_IS_REPORTING_VIEW (self), NULL);
  return self->totals_text;
}

const char *
chc_reporting_view_get_message (ChcReportingView *self)
{
  g_return_val_if_fail (CHC_IS_REPORTING_VIEW (self), NULL);
  return self->message;
}

GtkWidget *
chc_reporting_view_get_dialog (ChcReportingView *self)
{
  g_return_val_if_fail (CHC_IS_REPORTING_VIEW (self), NULL);
  return self->dialog;
}
