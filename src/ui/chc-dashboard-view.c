/* chc-dashboard-view.c — the Dashboard.
 *
 * The results come from chc_database_evaluate_plan_with_trend(), computed
 * in a worker thread (GTask) on a second connection to the same database
 * file, so the window never waits: on the first computation the worker
 * opens it, then keeps it for the next ones (one computation at a time; a
 * change during a computation runs one more after it).  The list is a
 * GtkListBox bound to a GListStore of ChcIndicatorResult, with a header row
 * per area; each row shows the name, the value, the target, the status as
 * colour and text, and the trend drawn with Cairo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-dashboard-view"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "chc-keymap.h"
#include "chc-dashboard-view.h"
#include "chc-targets-dialog.h"
#include "core/chc-indicator.h"
#include "store/chc-database-plans.h"

#define TREND_WIDTH  160
#define TREND_HEIGHT 44

struct _ChcDashboardView
{
  GtkWidget     parent_instance;

  ChcDatabase  *database;
  ChcDistrict  *district;
  int           year;

  GListStore   *results;        /* ChcIndicatorResult, grouped by area */
  ChcDatabase  *worker;         /* the worker's connection, between tasks */
  GCancellable *cancellable;
  gboolean      running;
  gboolean      dirty;          /* asked again while running */
  GtkSizeGroup *value_group;
  GtkSizeGroup *target_group;
  GtkSizeGroup *status_group;

  /* template children */
  GtkLabel     *title_label;
  GtkLabel     *summary_label;
  GtkSpinner   *spinner;
  GtkStack     *stack;
  GtkListBox   *list_box;
  GtkLabel     *empty_label;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_DISTRICT,
  PROP_YEAR,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SHOW_DATA,
  SIGNAL_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChcDashboardView, chc_dashboard_view, GTK_TYPE_WIDGET)

typedef struct
{
  char        *path;
  gint64       district_id;
  int          year;
  ChcDatabase *worker;
} ComputeData;

static void start_computation (ChcDashboardView *self);

/* ---- text --------------------------------------------------------------- */

static char *
dup_value_display (ChcIndicatorResult *result)
{
  g_autofree char *value = NULL;

  if (!chc_indicator_result_get_has_value (result))
    /* TRANSLATORS: an indicator without a value */
    return g_strdup (C_("value", "—"));
  value = chc_indicator_result_dup_value_text (result);
  if (chc_indicator_get_unit (chc_indicator_result_get_indicator (result)) == CHC_UNIT_PERCENT)
    return g_strconcat (value, "%", NULL);
  return g_steal_pointer (&value);
}

static char *
dup_target_display (ChcIndicatorUnit     unit,
                    const ChcTargetSpec *spec)
{
  ChcTargetSpec plain = *spec;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  const char *suffix = unit == CHC_UNIT_PERCENT ? "%" : "";

  plain.op = CHC_TARGET_AT_LEAST;
  plain.has_max = FALSE;
  low = chc_target_spec_format (&plain);
  if (spec->has_max)
    {
      plain.min_value = spec->max_value;
      high = chc_target_spec_format (&plain);
      return g_strdup_printf ("%s–%s%s", low, high, suffix);
    }
  return g_strdup_printf ("%s %s%s", chc_target_op_to_symbol (spec->op), low, suffix);
}

static const char *
status_css_class (ChcIndicatorStatus status)
{
  switch (status)
    {
    case CHC_STATUS_MET:
      return "status-met";
    case CHC_STATUS_BEHIND:
      return "status-behind";
    case CHC_STATUS_NO_DATA:
    case CHC_STATUS_NO_TARGET:
    default:
      return "dim-label";
    }
}

/* The status colours (the same as the trend's dots), once per display. */
static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "chc-dashboard-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider,
                                   "chc-dashboard-view label.status-met { color: #26a269; font-weight: bold; }\n"
                                   "chc-dashboard-view label.status-behind { color: #c01c28; font-weight: bold; }\n",
                                   -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "chc-dashboard-css",
                          g_steal_pointer (&provider), g_object_unref);
}

/* The view and filter behind an indicator (see chc-dashboard-view.h), or
 * NULL when nothing in the application holds its data. */
static const char *
data_view_for (ChcIndicator *indicator)
{
  const char *condition = chc_indicator_get_condition (indicator);

  if (chc_indicator_get_method (indicator) == CHC_METHOD_NONE)
    return NULL;
  if (g_str_has_prefix (condition, "signing."))
    return "signing";
  /* figures of data elements: the entry grid of their data set */
  if (g_str_has_prefix (condition, "element:"))
    return "values";
  if (chc_indicator_get_area (indicator) == CHC_AREA_TCM || g_str_has_prefix (condition, "tcm"))
    return "tcm";
  if (g_str_has_prefix (condition, "standardization"))
    return "projects";
  return "facilities";
}

static char *
dup_filter_for (ChcDashboardView   *self,
                ChcIndicatorResult *result)
{
  ChcIndicator *indicator = chc_indicator_result_get_indicator (result);
  g_autofree char *scope = chc_scope_to_string (chc_indicator_get_scope (indicator));

  return g_strdup_printf ("district=%" G_GINT64_FORMAT ";year=%d;indicator=%s;scope=%s;condition=%s",
                          self->district ? chc_district_get_id (self->district) : 0,
                          chc_indicator_result_get_year (result),
                          chc_indicator_get_code (indicator), scope,
                          chc_indicator_get_condition (indicator));
}

static char *
dup_trend_text (ChcIndicatorResult *result)
{
  GArray *trend = chc_indicator_result_get_trend (result);
  ChcIndicatorUnit unit = chc_indicator_get_unit (chc_indicator_result_get_indicator (result));
  GString *text = g_string_new (NULL);

  for (guint i = 0; trend != NULL && i < trend->len; i++)
    {
      const ChcTrendPoint *p = &g_array_index (trend, ChcTrendPoint, i);
      g_autofree char *value = p->has_value ? chc_format_value (unit, p->value) : g_strdup (_("no data"));

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (p->has_target)
        {
          g_autofree char *target = dup_target_display (unit, &p->target);
          /* TRANSLATORS: a year of an indicator's trend: year, value, target */
          g_string_append_printf (text, _("%d: %s (target %s)"), p->year, value, target);
        }
      else
        /* TRANSLATORS: a year of an indicator's trend: year, value */
        g_string_append_printf (text, _("%d: %s"), p->year, value);
    }
  return g_string_free (text, FALSE);
}

/* ---- trend chart ------------------------------------------------------------ */

static void
set_status_colour (cairo_t            *cr,
                   ChcIndicatorStatus  status,
                   const GdkRGBA      *fg)
{
  switch (status)
    {
    case CHC_STATUS_MET:
      cairo_set_source_rgb (cr, 0x26 / 255.0, 0xa2 / 255.0, 0x69 / 255.0);
      break;
    case CHC_STATUS_BEHIND:
      cairo_set_source_rgb (cr, 0xc0 / 255.0, 0x1c / 255.0, 0x28 / 255.0);
      break;
    case CHC_STATUS_NO_DATA:
    case CHC_STATUS_NO_TARGET:
    default:
      gdk_cairo_set_source_rgba (cr, fg);
      break;
    }
}

static void
draw_trend (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  ChcIndicatorResult *result = data;
  GArray *trend = chc_indicator_result_get_trend (result);
  ChcIndicatorUnit unit = chc_indicator_get_unit (chc_indicator_result_get_indicator (result));
  const double pad_x = 8, top = 4, bottom = 4;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, span;
  GdkRGBA fg;
  gboolean have_previous = FALSE;
  double prev_x = 0, prev_y = 0;

  if (trend == NULL || trend->len == 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);

  /* The vertical range: the values and targets with a margin, at least
   * 10 points for a percent (1 otherwise), never below 0 nor, for a
   * percent, above 100. */
  for (guint i = 0; i < trend->len; i++)
    {
      const ChcTrendPoint *p = &g_array_index (trend, ChcTrendPoint, i);

      if (p->has_value)
        {
          lo = MIN (lo, p->value);
          hi = MAX (hi, p->value);
        }
      if (p->has_target)
        {
          lo = MIN (lo, p->target.min_value);
          hi = MAX (hi, p->target.has_max ? p->target.max_value : p->target.min_value);
        }
    }
  if (lo > hi)
    lo = hi = 0;
  span = MAX (hi - lo, unit == CHC_UNIT_PERCENT ? 10.0 : 1.0);
  lo = MAX (0, lo - span * 0.15);
  hi = lo + MAX (hi - lo, span) + span * 0.15;
  if (unit == CHC_UNIT_PERCENT && hi > 100)
    {
      lo = MAX (0, lo - (hi - 100));
      hi = 100;
    }

#define X(i) (trend->len == 1 ? width / 2.0 : pad_x + (i) * (width - 2 * pad_x) / (trend->len - 1))
#define Y(v) (top + (1 - CLAMP (((v) - lo) / (hi - lo), 0, 1)) * (height - top - bottom))

  /* The year shown: a faint band. */
  for (guint i = 0; i < trend->len; i++)
    if (g_array_index (trend, ChcTrendPoint, i).year == chc_indicator_result_get_year (result))
      {
        cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.08);
        cairo_rectangle (cr, X (i) - 6, 0, 12, height);
        cairo_fill (cr);
      }

  /* The bottom of the scale. */
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.25);
  cairo_move_to (cr, 0, Y (lo) + 0.5);
  cairo_line_to (cr, width, Y (lo) + 0.5);
  cairo_stroke (cr);

  /* Target marks: a tick at the target, a bar over a range. */
  for (guint i = 0; i < trend->len; i++)
    {
      const ChcTrendPoint *p = &g_array_index (trend, ChcTrendPoint, i);
      double x = X (i);

      if (!p->has_target)
        continue;
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      if (p->target.has_max)
        {
          cairo_rectangle (cr, x - 5, Y (p->target.max_value), 10,
                           MAX (1, Y (p->target.min_value) - Y (p->target.max_value)));
          cairo_fill (cr);
        }
      else
        {
          cairo_set_line_width (cr, 2);
          cairo_move_to (cr, x - 6, Y (p->target.min_value));
          cairo_line_to (cr, x + 6, Y (p->target.min_value));
          cairo_stroke (cr);
        }
    }

  /* The values: a line through the years with data, a dot per year in the
   * colour of its status. */
  cairo_set_line_width (cr, 1.5);
  gdk_cairo_set_source_rgba (cr, &fg);
  for (guint i = 0; i < trend->len; i++)
    {
      const ChcTrendPoint *p = &g_array_index (trend, ChcTrendPoint, i);
      double x = X (i), y;

      if (!p->has_value)
        {
          have_previous = FALSE;
          continue;
        }
      y = Y (p->value);
      if (have_previous)
        {
          cairo_move_to (cr, prev_x, prev_y);
          cairo_line_to (cr, x, y);
          cairo_stroke (cr);
        }
      have_previous = TRUE;
      prev_x = x;
      prev_y = y;
    }
  for (guint i = 0; i < trend->len; i++)
    {
      const ChcTrendPoint *p = &g_array_index (trend, ChcTrendPoint, i);

      if (!p->has_value)
        continue;
      set_status_colour (cr, chc_target_spec_status (p->has_target ? &p->target : NULL,
                                                     unit, TRUE, p->value), &fg);
      cairo_arc (cr, X (i), Y (p->value), 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }

#undef X
#undef Y
}

/* ---- rows --------------------------------------------------------------- */

static GtkWidget *
new_label (const char *text,
           float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  return label;
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  ChcDashboardView *self = user_data;
  ChcIndicatorResult *result = item;
  ChcIndicator *indicator = chc_indicator_result_get_indicator (result);
  ChcIndicatorStatus status = chc_indicator_result_get_status (result);
  ChcTarget *target = chc_indicator_result_get_target (result);
  g_autofree char *value = dup_value_display (result);
  g_autofree char *target_text = NULL;
  g_autofree char *trend_text = dup_trend_text (result);
  g_autofree char *status_text = NULL;
  g_autofree char *code_text = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *row, *box, *name, *value_label, *target_label, *status_label, *trend;
  const char *note = chc_indicator_result_get_note (result);

  if (target != NULL)
    {
      ChcTargetSpec spec;
      g_autofree char *t = NULL;

      chc_target_get_spec (target, &spec);
      t = dup_target_display (chc_indicator_get_unit (indicator), &spec);
      /* TRANSLATORS: the target of the year, e.g. "Target ≥ 45%" */
      target_text = g_strdup_printf (_("Target %s"), t);
    }
  else
    target_text = g_strdup (_("No target this year"));

  /* Colour is never alone: a symbol and the word go with it. */
  status_text = g_strdup_printf ("%s %s",
                                 status == CHC_STATUS_MET ? "●" : status == CHC_STATUS_BEHIND ? "▲" : "○",
                                 chc_indicator_status_to_label (status));

  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  name = new_label (chc_indicator_get_display_name (indicator), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_set_hexpand (name, TRUE);
  {
    const char *source = chc_indicator_get_source (indicator);
    g_autoptr(GString) tip = g_string_new (note);

    /* TRANSLATORS: the tooltip of an indicator's name: its code, as
     * chc-cli indicators and the exports print it */
    code_text = g_strdup_printf (_("Indicator code: %s"), chc_indicator_get_code (indicator));
    if (tip->len > 0)
      g_string_append_c (tip, '\n');
    g_string_append (tip, code_text);
    /* TRANSLATORS: where the plan sets the indicator: the document (a
     * file of the plans) and its clause, e.g. "000_….txt 附件 四" */
    if (source != NULL && *source != '\0')
      g_string_append_printf (tip, _("\nSource: %s"), source);
    gtk_widget_set_tooltip_text (name, tip->str);
  }
  gtk_widget_set_name (name, "name");

  value_label = new_label (value, 1);
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_widget_add_css_class (value_label, "heading");
  gtk_widget_set_name (value_label, "value");
  gtk_size_group_add_widget (self->value_group, value_label);

  target_label = new_label (target_text, 0);
  gtk_widget_add_css_class (target_label, "dim-label");
  gtk_widget_set_name (target_label, "target");
  gtk_size_group_add_widget (self->target_group, target_label);

  status_label = new_label (status_text, 0);
  gtk_widget_add_css_class (status_label, status_css_class (status));
  gtk_widget_set_name (status_label, "status");
  gtk_size_group_add_widget (self->status_group, status_label);

  trend = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (trend), TREND_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (trend), TREND_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (trend), draw_trend,
                                  g_object_ref (result), g_object_unref);
  gtk_widget_set_valign (trend, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (trend, trend_text);
  gtk_widget_set_name (trend, "trend");
  gtk_accessible_update_property (GTK_ACCESSIBLE (trend),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, trend_text, -1);

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), target_label);
  gtk_box_append (GTK_BOX (box), status_label);
  gtk_box_append (GTK_BOX (box), trend);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), data_view_for (indicator) != NULL);
  accessible = g_strdup_printf ("%s: %s, %s, %s", chc_indicator_get_display_name (indicator),
                                value, target_text, chc_indicator_status_to_label (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

static ChcIndicatorResult *
result_at (ChcDashboardView *self,
           int               index)
{
  if (index < 0 || (guint) index >= g_list_model_get_n_items (G_LIST_MODEL (self->results)))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->results), index);
}

static void
update_header_cb (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  ChcDashboardView *self = user_data;
  g_autoptr(ChcIndicatorResult) result = result_at (self, gtk_list_box_row_get_index (row));
  g_autoptr(ChcIndicatorResult) previous = before ? result_at (self, gtk_list_box_row_get_index (before)) : NULL;
  ChcIndicatorArea area;
  GtkWidget *header;

  if (result == NULL)
    return;
  area = chc_indicator_get_area (chc_indicator_result_get_indicator (result));
  if (previous != NULL && chc_indicator_get_area (chc_indicator_result_get_indicator (previous)) == area)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = new_label (chc_indicator_area_to_label (area), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, previous != NULL ? 18 : 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (row, header);
}

/* ---- computation ------------------------------------------------------------ */

static void
compute_data_free (gpointer data)
{
  ComputeData *cd = data;

  g_free (cd->path);
  g_clear_object (&cd->worker);
  g_free (cd);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *cd = task_data;
  GError *error = NULL;
  GPtrArray *results;

  if (cd->worker == NULL)
    {
      cd->worker = chc_database_open_worker (cd->path, &error);
      if (cd->worker == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  results = chc_database_evaluate_plan_with_trend (cd->worker, cd->district_id, cd->year, &error);
  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

static void
set_busy (ChcDashboardView *self,
          gboolean          busy)
{
  if (self->running == busy)
    return;
  self->running = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_results (ChcDashboardView *self,
              GPtrArray        *results)
{
  static const ChcIndicatorArea order[] = {
    CHC_AREA_CONSTRUCTION, CHC_AREA_SIGNING, CHC_AREA_TCM, CHC_AREA_CAPABILITY, CHC_AREA_REFERRAL,
    CHC_AREA_WORKFORCE, CHC_AREA_OUTCOME, CHC_AREA_REPORTING,
  };
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  guint counts[4] = { 0 };   /* by ChcIndicatorStatus */
  g_autofree char *summary = NULL;

  /* Grouped by area, in plan order within an area. */
  for (guint a = 0; a < G_N_ELEMENTS (order); a++)
    for (guint i = 0; i < results->len; i++)
      {
        ChcIndicatorResult *r = g_ptr_array_index (results, i);

        if (chc_indicator_get_area (chc_indicator_result_get_indicator (r)) == order[a])
          {
            g_ptr_array_add (sorted, r);
            counts[chc_indicator_result_get_status (r)]++;
          }
      }
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       sorted->pdata, sorted->len);

  summary = g_strdup_printf (_("%u met · %u behind · %u no data · %u no target this year"),
                             counts[CHC_STATUS_MET], counts[CHC_STATUS_BEHIND],
                             counts[CHC_STATUS_NO_DATA], counts[CHC_STATUS_NO_TARGET]);
  gtk_label_set_label (self->summary_label, summary);

  if (sorted->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    {
      g_autofree char *text = g_strdup_printf (_("No plan of %s covers %d."),
                                               chc_district_get_name (self->district), self->year);
      gtk_label_set_label (self->empty_label, text);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

static void
compute_done_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  /* The view is held by the callback's data, not by the task: the task's
   * last reference may go in the worker thread, and a widget must never
   * be finalized there. */
  g_autoptr(ChcDashboardView) self = user_data;
  ComputeData *cd = g_task_get_task_data (G_TASK (res));
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = g_task_propagate_pointer (G_TASK (res), &error);

  /* Disposed meanwhile: drop everything. */
  if (self->results == NULL)
    return;

  /* Keep the worker's connection for the next computation, unless the
   * database changed meanwhile. */
  if (self->worker == NULL && cd->worker != NULL && self->database != NULL &&
      g_strcmp0 (cd->path, chc_database_get_path (self->database)) == 0)
    self->worker = g_steal_pointer (&cd->worker);

  set_busy (self, FALSE);

  if (results == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The indicators cannot be computed: %s"), error->message);

      g_warning ("%s", error->message);
      g_list_store_remove_all (self->results);
      gtk_label_set_label (self->empty_label, text);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (self->district != NULL && cd->district_id == chc_district_get_id (self->district) &&
           cd->year == self->year)
    {
      show_results (self, results);
      g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
    }

  if (self->dirty)
    start_computation (self);
}

static void
start_computation (ChcDashboardView *self)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *cd;

  self->dirty = FALSE;
  cd = g_new0 (ComputeData, 1);
  cd->path = g_strdup (chc_database_get_path (self->database));
  cd->district_id = chc_district_get_id (self->district);
  cd->year = self->year;
  cd->worker = g_steal_pointer (&self->worker);

  task = g_task_new (NULL, self->cancellable, compute_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_computation);
  g_task_set_task_data (task, cd, compute_data_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, compute_thread);
}

static void
update_title (ChcDashboardView *self)
{
  g_autofree char *title = NULL;

  if (self->district != NULL && self->year > 0)
    {
      const char *name = chc_district_get_name (self->district);
      g_autofree char *label = chc_locale_prefers_chinese ()
                               ? g_strdup (name)
                               : g_strdup_printf ("%s (%s)", chc_district_get_name_en (self->district), name);

      /* TRANSLATORS: the Dashboard's title: district, plan year */
      title = g_strdup_printf (_("%s — plan targets for %d"), label, self->year);
    }
  else
    title = g_strdup (_("Plan targets"));
  gtk_label_set_label (self->title_label, title);
}

/* Computes again, now or after the computation running. */
static void
request_update (ChcDashboardView *self)
{
  update_title (self);

  if (self->database == NULL || self->district == NULL || self->year <= 0)
    {
      g_list_store_remove_all (self->results);
      gtk_label_set_label (self->summary_label, "");
      gtk_label_set_label (self->empty_label, _("Choose a district and a year."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (self->running)
    {
      self->dirty = TRUE;
      return;
    }
  start_computation (self);
}

/* ---- callbacks ------------------------------------------------------------------ */

static void
on_database_changed_cb (ChcDashboardView *self,
                        const char       *table)
{
  request_update (self);
}

static void
on_row_activated_cb (ChcDashboardView *self,
                     GtkListBoxRow    *row,
                     GtkListBox       *list_box)
{
  g_autoptr(ChcIndicatorResult) result = result_at (self, gtk_list_box_row_get_index (row));
  g_autofree char *filter = NULL;
  const char *view;

  if (result == NULL)
    return;
  view = data_view_for (chc_indicator_result_get_indicator (result));
  if (view == NULL)
    return;
  filter = dup_filter_for (self, result);
  g_signal_emit (self, signals[SIGNAL_SHOW_DATA], 0, view, filter);
}

static void
edit_targets_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ChcDashboardView *self = CHC_DASHBOARD_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->database == NULL || self->district == NULL)
    return;
  dialog = chc_targets_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   self->database, self->district);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  chc_dashboard_view_refresh (CHC_DASHBOARD_VIEW (widget));
}

/* ---- GObject -------------------------------------------------------------------- */

static void
set_database (ChcDashboardView *self,
              ChcDatabase      *database)
{
  if (self->database == database)
    return;

  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  g_set_object (&self->database, database);
  g_clear_object (&self->worker);
  if (self->database != NULL)
    g_signal_connect_object (self->database, "changed",
                             G_CALLBACK (on_database_changed_cb), self, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
  request_update (self);
}

static void
set_district (ChcDashboardView *self,
              ChcDistrict      *district)
{
  gboolean same = (self->district == NULL && district == NULL) ||
                  (self->district != NULL && district != NULL &&
                   chc_district_get_id (self->district) == chc_district_get_id (district));

  if (!g_set_object (&self->district, district))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT]);
  if (!same)
    request_update (self);
}

static void
set_year (ChcDashboardView *self,
          int               year)
{
  if (self->year == year)
    return;
  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
  request_update (self);
}

static void
chc_dashboard_view_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (chc_dashboard_view_parent_class)->root (widget);
  ensure_css (widget);
}

static void
chc_dashboard_view_dispose (GObject *object)
{
  ChcDashboardView *self = CHC_DASHBOARD_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_DASHBOARD_VIEW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);

  g_clear_object (&self->database);
  g_clear_object (&self->district);
  g_clear_object (&self->worker);
  g_clear_object (&self->results);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->value_group);
  g_clear_object (&self->target_group);
  g_clear_object (&self->status_group);

  G_OBJECT_CLASS (chc_dashboard_view_parent_class)->dispose (object);
}

static void
chc_dashboard_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ChcDashboardView *self = CHC_DASHBOARD_VIEW (object);

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
    case PROP_BUSY:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_dashboard_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ChcDashboardView *self = CHC_DASHBOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      set_database (self, g_value_get_object (value));
      break;
    case PROP_DISTRICT:
      set_district (self, g_value_get_object (value));
      break;
    case PROP_YEAR:
      set_year (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_dashboard_view_class_init (ChcDashboardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_dashboard_view_dispose;
  object_class->get_property = chc_dashboard_view_get_property;
  object_class->set_property = chc_dashboard_view_set_property;
  widget_class->root = chc_dashboard_view_root;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CHC_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTRICT] =
    g_param_spec_object ("district", NULL, NULL, CHC_TYPE_DISTRICT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SHOW_DATA] =
    g_signal_new ("show-data",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_UPDATED] =
    g_signal_new ("updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-dashboard-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcDashboardView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChcDashboardView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ChcDashboardView, spinner);
  gtk_widget_class_bind_template_child (widget_class, ChcDashboardView, stack);
  gtk_widget_class_bind_template_child (widget_class, ChcDashboardView, list_box);
  gtk_widget_class_bind_template_child (widget_class, ChcDashboardView, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "dashboard.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "dashboard.edit-targets", NULL, edit_targets_action);
  chc_keymap_install (widget_class, "dashboard");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chc-dashboard-view");
}

static void
chc_dashboard_view_init (ChcDashboardView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->results = g_list_store_new (CHC_TYPE_INDICATOR_RESULT);
  self->cancellable = g_cancellable_new ();
  self->value_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->target_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->status_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->results),
                           create_row_cb, self, NULL);
  gtk_list_box_set_header_func (self->list_box, update_header_cb, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  request_update (self);
}

/* ---- public API ----------------------------------------------------------------- */

GtkWidget *
chc_dashboard_view_new (void)
{
  return g_object_new (CHC_TYPE_DASHBOARD_VIEW, NULL);
}

GListModel *
chc_dashboard_view_get_results (ChcDashboardView *self)
{
  g_return_val_if_fail (CHC_IS_DASHBOARD_VIEW (self), NULL);
  return G_LIST_MODEL (self->results);
}

gboolean
chc_dashboard_view_get_busy (ChcDashboardView *self)
{
  g_return_val_if_fail (CHC_IS_DASHBOARD_VIEW (self), FALSE);
  return self->running;
}

void
chc_dashboard_view_refresh (ChcDashboardView *self)
{
  g_return_if_fail (CHC_IS_DASHBOARD_VIEW (self));
  request_update (self);
}
