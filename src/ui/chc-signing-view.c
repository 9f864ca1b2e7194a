/* chc-signing-view.c
 *
 * The month's grid is a GtkGrid of GtkEntry cells, built in code: one row
 * per reporting facility (as listed by the store), one column per figure,
 * then the derived rates, and a district total row.  Entries give real
 * keyboard entry on GTK 4.8: Tab moves through the cells in reading order,
 * Enter moves to the next cell, Escape puts back what the cell held when
 * it took the focus.  Each keystroke re-checks the row with the core's
 * rules and warnings (core/chc-signing.h), so cells turn red as you type;
 * the store checks everything again when the month is saved in one
 * transaction.  An edit becomes an undo step when its cell loses the focus
 * (or is activated, or on undo or save).  Targets (rate labels, chart) are
 * the district plan's (signing.coverage, signing.key_coverage,
 * signing.compliance), with the seed targets of core as a fallback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-signing-view"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "core/chc-signing.h"
#include "core/chc-validate.h"
#include "store/chc-database-reporting.h"
#include "store/chc-database-plans.h"
#include "store/chc-database-signing.h"
#include "chc-entry-grid.h"
#include "chc-keymap.h"
#include "chc-ui-util.h"
#include "chc-signing-view.h"

#define N_SHOWN_RATES 3

/* The rates the grid shows, in column order. */
static const ChcSigningRate shown_rates[N_SHOWN_RATES] = {
  CHC_SIGNING_COVERAGE, CHC_SIGNING_KEY_COVERAGE, CHC_SIGNING_COMPLIANCE,
};

/* Column headers, with their own context so that a translation can break
 * them over two short lines. */
#define HEADER_CONTEXT "signing column header"

static const char *const figure_headers[CHC_SIGNING_N_FIGURES] = {
  NC_("signing column header", "Resident population"),
  NC_("signing column header", "Signed residents"),
  NC_("signing column header", "Key population"),
  NC_("signing column header", "Key population signed"),
  NC_("signing column header", "Online signings"),
  NC_("signing column header", "Signed residents’ visits"),
  NC_("signing column header", "Of which in the community"),
};

static const char *const rate_headers[N_SHOWN_RATES] = {
  NC_("signing column header", "Coverage"),
  NC_("signing column header", "Key-population coverage"),
  NC_("signing column header", "Compliance"),
};

typedef struct _Row Row;

typedef struct
{
  ChcEntryGridCell  base;        /* first: the entry, its texts, its place */
  Row              *row;
  ChcSigningFigure  figure;
  GPtrArray        *problems;    /* (element-type utf8): broken rules */
  GPtrArray        *warnings;    /* (element-type utf8) */
} Cell;

struct _Row
{
  guint             index;
  ChcSigningRecord *record;      /* the figures as typed */
  ChcSigningRecord *previous;    /* the stored month before, or NULL */
  ChcSigningRecord *next;        /* the stored month after, or NULL */
  GtkWidget        *name_label;
  GtkWidget        *rate_labels[N_SHOWN_RATES];
  Cell              cells[CHC_SIGNING_N_FIGURES];
  GPtrArray        *row_warnings; /* (element-type utf8): months skipped */
  char             *locked_why;   /* the month is locked for it: why */
  gboolean          entered;     /* some figure typed, or stored */
  gboolean          valid;       /* every cell reads as a number */
  gboolean          ok;          /* entered, valid, no rule broken: counts */
};

struct _ChcSigningView
{
  GtkWidget       parent_instance;

  ChcDatabase    *database;
  ChcDistrict    *district;
  int             year;
  char           *period;

  GPtrArray      *rows;           /* (element-type Row) */
  GPtrArray      *range_records;  /* stored records of the district, for the chart */
  GHashTable     *targets;        /* "rate:year" → target (double *), from the plan */
  gboolean        plan_rates[CHC_SIGNING_N_RATES]; /* the plan has the rate's indicator */
  GArray         *undo;           /* (element-type ChcEntryGridUndoStep) */
  guint           undo_group;
  Cell           *focus_cell;
  gint64          chart_facility_id;
  char           *status_text;
  char           *saved_message;
  GtkWidget      *dialog;
  gboolean        loading;
  gboolean        saving;
  gboolean        syncing_dropdowns;

  GtkWidget      *total_name;
  GtkWidget      *total_labels[CHC_SIGNING_N_FIGURES];
  GtkWidget      *total_rates[N_SHOWN_RATES];

  GtkStringList  *months;
  GtkStringList  *chart_items;

  /* template children */
  GtkWidget      *root;
  GtkLabel       *title_label;
  GtkSearchEntry *search_entry;
  GtkWidget      *demo_label;
  GtkDropDown    *month_dropdown;
  GtkGrid        *grid;           /* the facilities' rows */
  GtkGrid        *header_grid;    /* the column names, above them */
  GtkGrid        *total_grid;     /* the district total, below them */
  ChcSigningFigures saved_total;  /* the district's saved figures of the
                                     month (chc_database_signing_total) */
  ChcAggregate    saved_info;
  GtkSizeGroup   *columns[1 + CHC_SIGNING_N_FIGURES + N_SHOWN_RATES];
  GtkLabel       *status_label;
  GtkLabel       *chart_title;
  GtkDropDown    *chart_dropdown;
  GtkDrawingArea *chart_area;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_DISTRICT,
  PROP_YEAR,
  PROP_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcSigningView, chc_signing_view, GTK_TYPE_WIDGET)

static const char css[] =
  ".signing-header { font-weight: bold; }\n"
  ".signing-total { font-weight: bold; }\n"
  ".signing-below { color: #b35c00; font-weight: bold; }\n"
  ".signing-not-reported { font-style: italic; opacity: 0.7; }\n"
  ".signing-status.error { color: #a31515; }\n"
  ".signing-status.warning { color: #8a5300; }\n"
  ".signing-demo-badge { background-color: #fff0c2; color: #6d4c00; border-radius: 3px;"
  " padding: 2px 8px; font-weight: bold; }\n";

static void reload (ChcSigningView *self);
static void validate_all (ChcSigningView *self);
static void apply_period (ChcSigningView *self, const char *period);
static void update_chart_title (ChcSigningView *self);

/* ---- helpers ------------------------------------------------------------- */

static void
row_free (Row *row)
{
  g_clear_object (&row->record);
  g_clear_object (&row->previous);
  g_clear_object (&row->next);
  g_clear_pointer (&row->row_warnings, g_ptr_array_unref);
  g_clear_pointer (&row->locked_why, g_free);
  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    {
      Cell *cell = &row->cells[f];

      chc_entry_grid_cell_clear (&cell->base);
      g_clear_pointer (&cell->problems, g_ptr_array_unref);
      g_clear_pointer (&cell->warnings, g_ptr_array_unref);
    }
  g_free (row);
}

static char *
cell_text (Cell *cell)
{
  return chc_entry_grid_get_text (cell->base.entry);
}

static gboolean
cell_is_dirty (Cell *cell)
{
  g_autofree char *text = cell_text (cell);

  return g_strcmp0 (text, cell->base.loaded) != 0;
}

static int
period_year (const char *period)
{
  int year = 0;

  chc_signing_period_parse (period, &year, NULL);
  return year;
}

static int
current_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now);
}

static char *
format_target (double target)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* "46" or "45.5" */
  if (fabs (target * 100 - round (target * 100)) < 1e-9)
    return g_strdup_printf ("%.0f", target * 100);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", target * 100));
}

/* The indicator of the district's plan that measures each rate. */
static const char *const rate_indicators[CHC_SIGNING_N_RATES] = {
  "signing.coverage", "signing.key_coverage", NULL, "signing.compliance",
};

/* The district's target of @rate in @year as a fraction: the plan's
 * (issue 3) when the plan has the indicator, else the seed targets of
 * chc_signing_seed_target() for a database without plans. */
static gboolean
find_target (ChcSigningView *self,
             ChcSigningRate  rate,
             int             year,
             double         *target)
{
  g_autofree char *key = NULL;
  double *value;

  if (!self->plan_rates[rate])
    return chc_signing_seed_target (self->district ? chc_district_get_name_en (self->district) : NULL,
                                    year, rate, target);
  key = g_strdup_printf ("%d:%d", rate, year);
  value = g_hash_table_lookup (self->targets, key);
  if (value == NULL)
    return FALSE;
  *target = *value;
  return TRUE;
}

static void
load_targets (ChcSigningView *self)
{
  g_hash_table_remove_all (self->targets);
  memset (self->plan_rates, 0, sizeof self->plan_rates);
  if (self->database == NULL || self->district == NULL)
    return;

  for (int r = 0; r < CHC_SIGNING_N_RATES; r++)
    {
      g_autoptr(ChcIndicator) indicator = NULL;
      g_autoptr(GPtrArray) targets = NULL;

      if (rate_indicators[r] == NULL)
        continue;
      indicator = chc_database_find_indicator (self->database, chc_district_get_id (self->district),
                                               rate_indicators[r], NULL);
      if (indicator == NULL)
        continue;
      self->plan_rates[r] = TRUE;
      targets = chc_database_list_targets (self->database, chc_indicator_get_id (indicator), NULL);
      for (guint i = 0; targets != NULL && i < targets->len; i++)
        {
          ChcTarget *t = g_ptr_array_index (targets, i);

          if (chc_target_get_op (t) != CHC_TARGET_AT_LEAST)
            continue;
          g_hash_table_insert (self->targets,
                               g_strdup_printf ("%d:%d", r, chc_target_get_year (t)),
                               g_memdup2 (&(double) { chc_target_get_min_value (t) / 100.0 }, sizeof (double)));
        }
    }
}

/* The label of a rate: its value, coloured when below the target of the
 * month's year. */
static void
show_rate (ChcSigningView          *self,
           GtkWidget               *label,
           const ChcSigningFigures *figures,
           ChcSigningRate           rate,
           gboolean                 defined)
{
  g_autofree char *text = defined ? chc_signing_format_percent (figures, rate) : g_strdup ("–");
  g_autofree char *tooltip = NULL;
  double value = -1, target;
  int year = period_year (self->period);
  gboolean below = FALSE;

  if (defined)
    chc_signing_figures_rate (figures, rate, &value);
  if (find_target (self, rate, year, &target))
    {
      g_autofree char *t = format_target (target);

      below = value >= 0 && value < target;
      tooltip = below
                ? g_strdup_printf (_("Below the %d target of %s%%"), year, t)
                : g_strdup_printf (_("Target %d: %s%%"), year, t);
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  chc_ui_set_tooltip (label, tooltip);
  chc_ui_set_css_class (label, "signing-below", below);
}

static void
set_status (ChcSigningView *self,
            const char     *text,
            const char     *kind)   /* "error", "warning" or NULL */
{
  GtkWidget *label = GTK_WIDGET (self->status_label);

  g_free (self->status_text);
  self->status_text = g_strdup (text ? text : "");
  gtk_label_set_text (self->status_label, self->status_text);
  chc_ui_set_css_class (label, "error", g_strcmp0 (kind, "error") == 0);
  chc_ui_set_css_class (label, "warning", g_strcmp0 (kind, "warning") == 0);
  gtk_widget_set_tooltip_text (label, NULL);
}

/* Every message behind the status line: in its tooltip, and (when there
 * is more than one) said at its end. */
static void
set_status_details (ChcSigningView *self,
                    const char     *all,
                    guint           n)
{
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), all);
  if (n > 1)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            " (%u more: point at this line to read it)",
                                                            " (%u more: point at this line to read them)",
                                                            n - 1),
                                               n - 1);
      g_autofree char *text = g_strconcat (self->status_text, more, NULL);

      g_free (self->status_text);
      self->status_text = g_steal_pointer (&text);
      gtk_label_set_text (self->status_label, self->status_text);
    }
}

static Row *
find_row (ChcSigningView *self,
          gint64          facility_id)
{
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (chc_signing_record_get_facility_id (row->record) == facility_id)
        return row;
    }
  return NULL;
}

/* ---- dirty state, actions, status ---------------------------------------- */

static guint
count_dirty_rows (ChcSigningView *self)
{
  guint n = 0;

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
        if (cell_is_dirty (&row->cells[f]))
          {
            n++;
            break;
          }
    }
  return n;
}

static guint
count_problems (ChcSigningView *self,
                gboolean        warnings)
{
  guint n = 0;

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
        n += warnings ? row->cells[f].warnings->len : row->cells[f].problems->len;
      if (warnings)
        n += row->row_warnings->len;
    }
  return n;
}

/* The message to show: the focused cell's own, else the first one. */
static char *
first_message (ChcSigningView *self,
               gboolean        warnings)
{
  if (self->focus_cell != NULL)
    {
      GPtrArray *list = warnings ? self->focus_cell->warnings : self->focus_cell->problems;

      if (list->len > 0)
        /* Translators: a facility's name, then a problem of its figures. */
        return g_strdup_printf (_("%s: %s"),
                                chc_signing_record_get_facility_name (self->focus_cell->row->record),
                                (const char *) g_ptr_array_index (list, 0));
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
        {
          GPtrArray *list = warnings ? row->cells[f].warnings : row->cells[f].problems;

          if (list->len > 0)
            return g_strdup_printf (_("%s: %s"), chc_signing_record_get_facility_name (row->record),
                                    (const char *) g_ptr_array_index (list, 0));
        }
      if (warnings && row->row_warnings->len > 0)
        return g_strdup_printf (_("%s: %s"), chc_signing_record_get_facility_name (row->record),
                                (const char *) g_ptr_array_index (row->row_warnings, 0));
    }
  return NULL;
}

/* Every problem (or warning) of the month, one line each, for the status
 * line's tooltip: the status line itself names the first. */
static char *
all_messages (ChcSigningView *self,
              gboolean        warnings)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      const char *name = chc_signing_record_get_facility_name (row->record);

      for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
        {
          GPtrArray *list = warnings ? row->cells[f].warnings : row->cells[f].problems;

          for (guint j = 0; j < list->len; j++)
            {
              if (text->len > 0)
                g_string_append_c (text, '\n');
              /* Translators: a facility, a figure, and its problem. */
              g_string_append_printf (text, _("%s, %s: %s"), name,
                                      chc_signing_figure_to_label (f),
                                      (const char *) g_ptr_array_index (list, j));
            }
        }
      for (guint j = 0; warnings && j < row->row_warnings->len; j++)
        {
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append_printf (text, _("%s: %s"), name,
                                  (const char *) g_ptr_array_index (row->row_warnings, j));
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
can_copy_population (ChcSigningView *self)
{
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      g_autofree char *population = cell_text (&row->cells[CHC_SIGNING_RESIDENT_POPULATION]);
      g_autofree char *key = cell_text (&row->cells[CHC_SIGNING_KEY_POPULATION]);

      if (row->previous != NULL && (population[0] == '\0' || key[0] == '\0'))
        return TRUE;
    }
  return FALSE;
}

static gboolean
focus_cell_pending (ChcSigningView *self)
{
  return chc_entry_grid_cell_pending ((ChcEntryGridCell *) self->focus_cell);
}

/* The one place that decides which actions are enabled and what the
 * status line says. */
static void
update_state (ChcSigningView *self)
{
  guint n_dirty = count_dirty_rows (self);
  guint n_problems = count_problems (self, FALSE);
  guint n_warnings = count_problems (self, TRUE);
  gboolean can_save = self->database != NULL && n_dirty > 0 && n_problems == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signing.save", can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signing.undo",
                                 self->undo->len > 0 || focus_cell_pending (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signing.copy-population",
                                 can_copy_population (self));

  if (n_dirty > 0)
    g_clear_pointer (&self->saved_message, g_free);

  if (self->district == NULL)
    set_status (self, _("Choose a district."), NULL);
  else if (n_problems > 0)
    {
      g_autofree char *first = first_message (self, FALSE);
      g_autofree char *all = all_messages (self, FALSE);
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Save is unavailable: %u cell breaks a rule. %s",
                                      "Save is unavailable: %u cells break a rule. %s",
                                      n_problems),
                         n_problems, first);
      set_status (self, text, "error");
      set_status_details (self, all, n_problems);
    }
  else if (n_warnings > 0 && n_dirty > 0)
    {
      g_autofree char *first = first_message (self, TRUE);
      g_autofree char *all = all_messages (self, TRUE);
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u warning; Save asks you to confirm it. %s",
                                      "%u warnings; Save asks you to confirm them. %s",
                                      n_warnings),
                         n_warnings, first);
      set_status (self, text, "warning");
      set_status_details (self, all, n_warnings);
    }
  else if (n_dirty > 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Unsaved changes in %u facility. Ctrl+S saves the month.",
                                      "Unsaved changes in %u facilities. Ctrl+S saves the month.",
                                      n_dirty),
                         n_dirty);
      set_status (self, text, NULL);
    }
  else
    set_status (self, self->saved_message, NULL);
}

/* ---- validation ---------------------------------------------------------- */

static void
add_message_to_field (Row        *row,
                      const char *field,
                      const char *message,
                      gboolean    warning)
{
  ChcSigningFigure figure;

  if (chc_signing_figure_from_field (field, &figure))
    g_ptr_array_add (warning ? row->cells[figure].warnings : row->cells[figure].problems,
                     g_strdup (message));
  else
    g_ptr_array_add (row->row_warnings, g_strdup (message));
}

static void
style_cell (Cell *cell)
{
  g_autoptr(GString) tooltip = g_string_new (chc_signing_figure_to_label (cell->figure));

  for (guint i = 0; i < cell->problems->len; i++)
    g_string_append_printf (tooltip, "\n%s", (const char *) g_ptr_array_index (cell->problems, i));
  for (guint i = 0; i < cell->warnings->len; i++)
    g_string_append_printf (tooltip, "\n%s", (const char *) g_ptr_array_index (cell->warnings, i));
  if (cell->row->locked_why != NULL)
    {
      g_string_append_c (tooltip, '\n');
      /* TRANSLATORS: why a figure of the grid cannot be changed */
      g_string_append_printf (tooltip, _("Locked: %s"), cell->row->locked_why);
    }
  chc_entry_grid_style_entry (cell->base.entry, cell->problems->len > 0, cell->warnings->len > 0,
                              cell_is_dirty (cell), tooltip->str);
}

static void
validate_row (ChcSigningView *self,
              Row            *row)
{
  ChcSigningFigures figures = { { 0 } };

  row->entered = chc_signing_record_get_saved (row->record);
  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    {
      g_autofree char *text = cell_text (&row->cells[f]);

      row->entered |= text[0] != '\0';
      g_ptr_array_set_size (row->cells[f].problems, 0);
      g_ptr_array_set_size (row->cells[f].warnings, 0);
    }
  g_ptr_array_set_size (row->row_warnings, 0);

  row->valid = TRUE;
  row->ok = FALSE;
  if (row->entered)
    for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
      {
        g_autofree char *text = cell_text (&row->cells[f]);
        g_autofree char *message = NULL;
        gint64 value = 0;

        if (chc_signing_parse_figure (f, text, &value, &message))
          figures.value[f] = value;
        else
          {
            g_ptr_array_add (row->cells[f].problems, g_steal_pointer (&message));
            row->valid = FALSE;
          }
      }
  chc_signing_record_set_figures (row->record, &figures);

  if (row->entered && row->valid)
    {
      g_autoptr(GPtrArray) violations = chc_violations_new ();

      chc_signing_check (&figures, violations);
      for (guint i = 0; i < violations->len; i++)
        {
          ChcViolation *v = g_ptr_array_index (violations, i);
          add_message_to_field (row, v->field, v->message, FALSE);
        }

      row->ok = violations->len == 0;
      if (violations->len == 0)
        {
          g_autoptr(GPtrArray) warnings = chc_violations_new ();

          chc_signing_warn_record (row->record, row->previous, warnings);
          if (row->next != NULL)
            {
              ChcSigningFigures after;

              chc_signing_record_get_figures (row->next, &after);
              chc_signing_warn_next (&figures, self->period, &after,
                                     chc_signing_record_get_period (row->next), warnings);
            }
          for (guint i = 0; i < warnings->len; i++)
            {
              ChcViolation *v = g_ptr_array_index (warnings, i);
              add_message_to_field (row, v->field, v->message, TRUE);
            }
        }
    }

  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    style_cell (&row->cells[f]);

  for (int r = 0; r < N_SHOWN_RATES; r++)
    show_rate (self, row->rate_labels[r], &figures, shown_rates[r], row->ok);

  chc_ui_set_css_class (row->name_label, "signing-not-reported", !row->entered);
  if (row->row_warnings->len > 0)
    chc_ui_set_tooltip (row->name_label, g_ptr_array_index (row->row_warnings, 0));
  else if (!row->entered)
    chc_ui_set_tooltip (row->name_label, _("No figures for this month yet"));
  else
    chc_ui_set_tooltip (row->name_label, chc_signing_record_get_facility_code (row->record));
}

/* The district total is the saved figures by the one aggregation of every
 * figure (the Dashboard and chc-cli signing show the same): each centre's
 * latest saved month of the year up to this one. */
static void
refresh_saved_total (ChcSigningView *self)
{
  g_autoptr(GError) error = NULL;

  memset (&self->saved_total, 0, sizeof self->saved_total);
  memset (&self->saved_info, 0, sizeof self->saved_info);
  if (self->database == NULL || self->district == NULL || self->period == NULL)
    return;
  if (!chc_database_signing_total (self->database, chc_district_get_id (self->district), self->period,
                                   &self->saved_total, &self->saved_info, &error))
    g_warning ("Cannot total the signing figures: %s", error->message);
}

static void
update_totals (ChcSigningView *self)
{
  guint n = self->saved_info.n_reported;
  g_autofree char *name = NULL;
  g_autofree char *tooltip = NULL;

  if (self->total_name == NULL)
    return;

  name = g_strdup_printf (_("District total (%u of %u)"), n, self->saved_info.n_expected);
  gtk_label_set_text (GTK_LABEL (self->total_name), name);
  if (self->saved_info.n_carried > 0)
    tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Saved figures: each centre's latest saved month of the year up to this one (%u centre has not reported this month: its earlier month counts); the rates are ratios of the sums. The Dashboard and chc-cli show the same.",
                                            "Saved figures: each centre's latest saved month of the year up to this one (%u centres have not reported this month: their earlier months count); the rates are ratios of the sums. The Dashboard and chc-cli show the same.",
                                            self->saved_info.n_carried),
                               self->saved_info.n_carried);
  else
    tooltip = g_strdup (_("Saved figures of the centres that reported; the rates are ratios of the sums, not averages of rates. The Dashboard and chc-cli show the same."));
  chc_ui_set_tooltip (self->total_name, tooltip);
  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    {
      g_autofree char *text = n > 0 ? chc_signing_format_count (self->saved_total.value[f]) : g_strdup ("–");
      gtk_label_set_text (GTK_LABEL (self->total_labels[f]), text);
    }
  for (int r = 0; r < N_SHOWN_RATES; r++)
    show_rate (self, self->total_rates[r], &self->saved_total, shown_rates[r], n > 0);
}

static void
validate_all (ChcSigningView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    validate_row (self, g_ptr_array_index (self->rows, i));
  update_totals (self);
  update_state (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

/* ---- undo ------------------------------------------------------------------ */

static void
push_undo (ChcSigningView *self,
           guint           group,
           Cell           *cell,
           const char     *before,
           const char     *after)
{
  chc_entry_grid_undo_push (self->undo, group, cell->row->index, cell->figure, before, after);
}

/* Makes the focused cell's edit an undo step. */
static void
commit_focus_cell (ChcSigningView *self)
{
  chc_entry_grid_commit_edit (self->undo, &self->undo_group, (ChcEntryGridCell *) self->focus_cell);
}

typedef struct
{
  ChcSigningView *self;
  Cell           *cell;   /* the last cell put back */
} Undoing;

static void
undo_step (guint       row_index,
           guint       figure,
           const char *before,
           gpointer    data)
{
  Undoing *undoing = data;
  Row *row = g_ptr_array_index (undoing->self->rows, row_index);
  Cell *cell = &row->cells[figure];

  chc_entry_grid_cell_put (&cell->base, before, cell == undoing->self->focus_cell);
  undoing->cell = cell;
}

static void
undo_last (ChcSigningView *self)
{
  Undoing undoing = { self, NULL };

  commit_focus_cell (self);
  if (!chc_entry_grid_undo_pop (self->undo, undo_step, &undoing))
    return;
  if (undoing.cell != NULL && undoing.cell != self->focus_cell)
    gtk_widget_grab_focus (undoing.cell->base.entry);
  update_state (self);
}

/* ---- cell signals ------------------------------------------------------ */

static void
on_entry_changed (GtkEditable *editable,
                  Cell        *cell)
{
  ChcSigningView *self = CHC_SIGNING_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (editable),
                                                                    CHC_TYPE_SIGNING_VIEW));

  if (self == NULL || self->loading)
    return;
  validate_row (self, cell->row);
  update_totals (self);
  update_state (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

static void
select_chart_facility (ChcSigningView *self,
                       gint64          facility_id)
{
  guint position = 0;

  if (facility_id != 0)
    {
      Row *row = find_row (self, facility_id);

      if (row == NULL)
        return;
      position = row->index + 1;
    }
  /* notify::selected updates the chart. */
  gtk_drop_down_set_selected (self->chart_dropdown, position);
}

static void
on_cell_focus_enter (GtkEventControllerFocus *controller,
                     Cell                    *cell)
{
  ChcSigningView *self = CHC_SIGNING_VIEW (gtk_widget_get_ancestor (cell->base.entry, CHC_TYPE_SIGNING_VIEW));

  if (self == NULL)
    return;
  chc_entry_grid_focus_in (self->undo, &self->undo_group, (gpointer *) &self->focus_cell, &cell->base);
  select_chart_facility (self, chc_signing_record_get_facility_id (cell->row->record));
  update_state (self);
}

static void
on_cell_focus_leave (GtkEventControllerFocus *controller,
                     Cell                    *cell)
{
  ChcSigningView *self = CHC_SIGNING_VIEW (gtk_widget_get_ancestor (cell->base.entry, CHC_TYPE_SIGNING_VIEW));

  if (self != NULL &&
      chc_entry_grid_focus_out (self->undo, &self->undo_group, (gpointer *) &self->focus_cell, &cell->base))
    update_state (self);
}

static Cell *
next_cell (ChcSigningView *self,
           Cell           *cell)
{
  Row *row = cell->row;

  if (cell->figure + 1 < CHC_SIGNING_N_FIGURES)
    return &row->cells[cell->figure + 1];
  if (row->index + 1 < self->rows->len)
    return &((Row *) g_ptr_array_index (self->rows, row->index + 1))->cells[0];
  return NULL;
}

static void
on_entry_activate (GtkEntry *entry,
                   Cell     *cell)
{
  ChcSigningView *self = CHC_SIGNING_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (entry), CHC_TYPE_SIGNING_VIEW));
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
clear_grid (ChcSigningView *self)
{
  GtkWidget *child;

  self->focus_cell = NULL;
  /* The cells' entries may outlive their rows (a focus change is told
   * after the grid is cleared): they must not call back into freed cells. */
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
        chc_entry_grid_release_entry (&row->cells[f].base);
    }
  {
    GtkGrid *grids[] = { self->header_grid, self->grid, self->total_grid };

    for (guint g = 0; g < G_N_ELEMENTS (grids); g++)
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (grids[g]))) != NULL)
        gtk_grid_remove (grids[g], child);
  }
  self->total_name = NULL;
  memset (self->total_labels, 0, sizeof self->total_labels);
  memset (self->total_rates, 0, sizeof self->total_rates);
}

/* Attaches @widget in @column of @grid: the three grids (names, rows,
 * total) keep their columns as wide as each other. */
static void
attach (ChcSigningView *self,
        GtkGrid        *grid,
        GtkWidget      *widget,
        int             column,
        int             row)
{
  gtk_grid_attach (grid, widget, column, row, 1, 1);
  gtk_size_group_add_widget (self->columns[column], widget);
}

static void
build_header (ChcSigningView *self)
{
  GtkWidget *label = chc_entry_grid_new_label (_("Facility"), 0, "signing-header");

  gtk_label_set_yalign (GTK_LABEL (label), 1);
  attach (self, self->header_grid, label, 0, 0);
  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    {
      label = chc_entry_grid_new_label (g_dpgettext2 (GETTEXT_PACKAGE, HEADER_CONTEXT, figure_headers[f]), 1, "signing-header");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 11);
      gtk_label_set_yalign (GTK_LABEL (label), 1);
      attach (self, self->header_grid, label, 1 + f, 0);
    }
  for (int r = 0; r < N_SHOWN_RATES; r++)
    {
      label = chc_entry_grid_new_label (g_dpgettext2 (GETTEXT_PACKAGE, HEADER_CONTEXT, rate_headers[r]), 1, "signing-header");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 11);
      gtk_label_set_yalign (GTK_LABEL (label), 1);
      attach (self, self->header_grid, label, 1 + CHC_SIGNING_N_FIGURES + r, 0);
    }
}

static const ChcEntryGridHandlers cell_handlers = {
  G_CALLBACK (on_entry_changed), G_CALLBACK (on_entry_activate),
  G_CALLBACK (on_cell_focus_enter), G_CALLBACK (on_cell_focus_leave),
};

static GtkWidget *
new_cell_entry (Cell *cell)
{
  return chc_entry_grid_new_entry (&cell->base, chc_signing_record_get_facility_name (cell->row->record),
                                   chc_signing_figure_to_label (cell->figure),
                                   NULL, GTK_INPUT_PURPOSE_DIGITS, &cell_handlers);
}

static void
build_row (ChcSigningView   *self,
           ChcSigningRecord *record,
           guint             index)
{
  Row *row = g_new0 (Row, 1);
  gint64 facility_id = chc_signing_record_get_facility_id (record);
  gboolean saved = chc_signing_record_get_saved (record);
  int grid_row = 1 + (int) index;

  row->index = index;
  row->record = g_object_ref (record);
  row->row_warnings = g_ptr_array_new_with_free_func (g_free);
  if (self->database != NULL)
    {
      row->previous = chc_database_get_previous_signing (self->database, facility_id, self->period, NULL);
      row->next = chc_database_get_next_signing (self->database, facility_id, self->period, NULL);
    }

  row->name_label = chc_entry_grid_new_label (chc_signing_record_get_facility_name (record), 0, NULL);
  if (chc_signing_record_get_facility_type (record) != CHC_FACILITY_CENTRE)
    gtk_widget_set_margin_start (row->name_label, 16);
  attach (self, self->grid, row->name_label, 0, grid_row);
  /* a locked month (issue 15): its figures are shown, not editable */
  if (self->database != NULL && self->period != NULL)
    {
      g_autofree char *why = NULL;

      if (chc_database_is_locked (self->database, facility_id, "signing", self->period, &why))
        {
          g_autofree char *tip = NULL;

          row->locked_why = (why != NULL && *why != '\0') ? g_steal_pointer (&why)
                                                        : g_strdup (_("its figures cannot be changed."));
          tip = g_strdup_printf (_("Locked: %s"), row->locked_why);
          chc_ui_set_tooltip (row->name_label, tip);
        }
    }

  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    {
      Cell *cell = &row->cells[f];

      cell->base.row = row->index;
      cell->base.column = f;
      cell->row = row;
      cell->figure = f;
      /* With thousands separators, as the totals (typing may leave them
       * out: both read the same). */
      cell->base.loaded = saved ? chc_signing_format_count (chc_signing_record_get_figure (record, f))
                           : g_strdup ("");
      cell->problems = g_ptr_array_new_with_free_func (g_free);
      cell->warnings = g_ptr_array_new_with_free_func (g_free);
      cell->base.entry = new_cell_entry (cell);
      if (row->locked_why != NULL)
        chc_entry_grid_lock_entry (cell->base.entry, TRUE);
      attach (self, self->grid, cell->base.entry, 1 + f, grid_row);
    }
  for (int r = 0; r < N_SHOWN_RATES; r++)
    {
      row->rate_labels[r] = chc_entry_grid_new_label ("–", 1, "numeric");
      gtk_widget_set_size_request (row->rate_labels[r], 64, -1);
      attach (self, self->grid, row->rate_labels[r], 1 + CHC_SIGNING_N_FIGURES + r, grid_row);
    }

  g_ptr_array_add (self->rows, row);
}

static void
build_total_row (ChcSigningView *self)
{
  int grid_row = 0;
  GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

  gtk_widget_set_margin_top (separator, 4);
  gtk_widget_set_margin_bottom (separator, 4);
  gtk_grid_attach (self->total_grid, separator, 0, grid_row, 1 + CHC_SIGNING_N_FIGURES + N_SHOWN_RATES, 1);
  grid_row++;

  self->total_name = chc_entry_grid_new_label ("", 0, "signing-total");
  attach (self, self->total_grid, self->total_name, 0, grid_row);
  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    {
      self->total_labels[f] = chc_entry_grid_new_label ("–", 1, "signing-total");
      gtk_widget_set_margin_end (self->total_labels[f], 8);
      attach (self, self->total_grid, self->total_labels[f], 1 + f, grid_row);
    }
  for (int r = 0; r < N_SHOWN_RATES; r++)
    {
      self->total_rates[r] = chc_entry_grid_new_label ("–", 1, "signing-total");
      attach (self, self->total_grid, self->total_rates[r], 1 + CHC_SIGNING_N_FIGURES + r, grid_row);
    }
}

/* ---- loading ------------------------------------------------------------------ */

static void
update_title (ChcSigningView *self)
{
  g_autofree char *title = NULL;

  if (self->district != NULL)
    title = g_strdup_printf (_("Family-doctor signing — %s"), chc_district_get_name (self->district));
  else
    title = g_strdup (_("Family-doctor signing"));
  gtk_label_set_text (self->title_label, title);
  gtk_widget_set_visible (self->demo_label,
                          self->database != NULL && chc_database_get_demo (self->database));
}

static void
load_range_records (ChcSigningView *self)
{
  g_clear_pointer (&self->range_records, g_ptr_array_unref);
  if (self->database != NULL && self->district != NULL)
    self->range_records = chc_database_list_signing_range (self->database,
                                                           chc_district_get_id (self->district),
                                                           NULL, NULL, NULL);
  if (self->range_records == NULL)
    self->range_records = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
sync_chart_items (ChcSigningView *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *district = NULL;
  guint selected = 0;

  district = g_strdup_printf (_("%s (district total)"),
                              self->district ? chc_district_get_name (self->district) : "");
  g_ptr_array_add (names, district);
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      g_ptr_array_add (names, (gpointer) chc_signing_record_get_facility_name (row->record));
      if (chc_signing_record_get_facility_id (row->record) == self->chart_facility_id)
        selected = i + 1;
    }
  g_ptr_array_add (names, NULL);

  self->syncing_dropdowns = TRUE;
  gtk_string_list_splice (self->chart_items, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->chart_items)),
                          (const char *const *) names->pdata);
  if (selected == 0)
    self->chart_facility_id = 0;
  gtk_drop_down_set_selected (self->chart_dropdown, selected);
  self->syncing_dropdowns = FALSE;
  update_chart_title (self);
}

/* Ctrl+F: only the rows whose facility's name has the text are shown
 * (their figures are kept, and the total stays the district's). */
static void
apply_search (ChcSigningView *self)
{
  g_autofree char *search = chc_ui_search_key (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      gboolean shown = chc_ui_search_matches (chc_signing_record_get_facility_name (row->record), search);

      gtk_widget_set_visible (row->name_label, shown);
      for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
        gtk_widget_set_visible (row->cells[f].base.entry, shown);
      for (int r = 0; r < N_SHOWN_RATES; r++)
        gtk_widget_set_visible (row->rate_labels[r], shown);
    }
}

static void
on_search_changed_cb (ChcSigningView *self)
{
  apply_search (self);
}

/* Escape in the search: every row again, and back to the grid. */
static void
on_stop_search_cb (ChcSigningView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_search (self);
  if (self->rows != NULL && self->rows->len > 0)
    gtk_widget_grab_focus (((Row *) g_ptr_array_index (self->rows, 0))->cells[0].base.entry);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (CHC_SIGNING_VIEW (widget)->search_entry));
}

static void
reload (ChcSigningView *self)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  self->loading = TRUE;
  clear_grid (self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_array_set_size (self->undo, 0);

  update_title (self);
  load_range_records (self);
  load_targets (self);

  if (self->database != NULL && self->district != NULL && self->period != NULL)
    {
      records = chc_database_list_signing_month (self->database,
                                                 chc_district_get_id (self->district),
                                                 self->period, &error);
      if (records == NULL)
        g_warning ("Cannot load the signing figures: %s", error->message);
    }

  build_header (self);
  if (records != NULL)
    for (guint i = 0; i < records->len; i++)
      build_row (self, g_ptr_array_index (records, i), i);
  refresh_saved_total (self);
  build_total_row (self);
  sync_chart_items (self);
  apply_search (self);

  self->loading = FALSE;
  validate_all (self);
  if (error != NULL)
    set_status (self, error->message, "error");
}

/* ---- months -------------------------------------------------------------- */

static char *
default_period (ChcSigningView *self)
{
  g_autofree char *now = chc_signing_period_current ();
  g_autofree char *from = g_strdup_printf ("%04d-01", self->year);
  g_autofree char *to = g_strdup_printf ("%04d-12", self->year);
  char *latest = NULL;

  if (self->database != NULL && self->district != NULL)
    latest = chc_database_get_latest_signing_period (self->database,
                                                     chc_district_get_id (self->district),
                                                     from, to, NULL);
  if (latest != NULL)
    return latest;
  if (self->year == period_year (now))
    return g_steal_pointer (&now);
  return chc_signing_period_format (self->year, self->year < period_year (now) ? 12 : 1);
}

/* The months of the year the picker offers: up to the current month in
 * the current year. */
static void
sync_month_items (ChcSigningView *self)
{
  g_autofree char *now = chc_signing_period_current ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  int last = 12;
  guint selected = GTK_INVALID_LIST_POSITION;

  if (self->year == period_year (now))
    chc_signing_period_parse (now, NULL, &last);
  if (self->period != NULL && period_year (self->period) == self->year)
    {
      int month = 0;

      chc_signing_period_parse (self->period, NULL, &month);
      last = MAX (last, month);
    }
  for (int m = 1; m <= last; m++)
    {
      char *period = chc_signing_period_format (self->year, m);

      if (g_strcmp0 (period, self->period) == 0)
        selected = (guint) m - 1;
      g_ptr_array_add (items, period);
    }
  g_ptr_array_add (items, NULL);

  self->syncing_dropdowns = TRUE;
  gtk_string_list_splice (self->months, 0, g_list_model_get_n_items (G_LIST_MODEL (self->months)),
                          (const char *const *) items->pdata);
  gtk_drop_down_set_selected (self->month_dropdown, selected);
  self->syncing_dropdowns = FALSE;
}

static void
apply_period (ChcSigningView *self,
              const char     *period)
{
  int year = period_year (period);

  if (g_strcmp0 (self->period, period) != 0)
    {
      g_free (self->period);
      self->period = g_strdup (period);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
    }
  if (year != 0 && year != self->year)
    {
      self->year = year;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
    }
  g_clear_pointer (&self->saved_message, g_free);
  sync_month_items (self);
  reload (self);
}

/* ---- confirmation dialogs ---------------------------------------------------- */

/* ---- saving ---------------------------------------------------------------- */

static GPtrArray *
records_to_save (ChcSigningView *self)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      gboolean dirty = FALSE;

      for (int f = 0; f < CHC_SIGNING_N_FIGURES && !dirty; f++)
        dirty = cell_is_dirty (&row->cells[f]);
      if (row->entered && dirty)
        g_ptr_array_add (records, g_object_ref (row->record));
    }
  return records;
}

/* After a save: what the grid holds is what is stored. */
static void
mark_saved (ChcSigningView *self,
            guint           n_saved)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (!row->entered)
        continue;
      chc_signing_record_set_saved (row->record, TRUE);
      for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
        {
          g_free (row->cells[f].base.loaded);
          row->cells[f].base.loaded = cell_text (&row->cells[f]);
        }
    }
  load_range_records (self);
  g_free (self->saved_message);
  self->saved_message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "Saved the figures of %s for %u facility.",
                                                      "Saved the figures of %s for %u facilities.",
                                                      n_saved),
                                         self->period, n_saved);
  validate_all (self);
}

gboolean
chc_signing_view_save (ChcSigningView  *self,
                       gboolean         accept_warnings,
                       GError         **error)
{
  g_autoptr(GPtrArray) records = NULL;
  gboolean ok;

  g_return_val_if_fail (CHC_IS_SIGNING_VIEW (self), FALSE);

  commit_focus_cell (self);
  validate_all (self);

  if (self->database == NULL || self->district == NULL)
    {
      g_set_error_literal (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                           _("Choose a district first."));
      return FALSE;
    }
  if (count_problems (self, FALSE) > 0)
    {
      g_autofree char *first = first_message (self, FALSE);

      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   _("The month was not saved: a cell breaks a rule. %s"), first);
      return FALSE;
    }

  records = records_to_save (self);
  if (records->len == 0)
    return TRUE;

  self->saving = TRUE;
  ok = chc_database_save_signing_month (self->database, self->period, records,
                                        accept_warnings, error);
  self->saving = FALSE;
  if (ok)
    {
      mark_saved (self, records->len);
      refresh_saved_total (self);
      update_totals (self);
    }
  return ok;
}

static void
finish_save (ChcSigningView *self,
             gboolean        accept_warnings,
             GTask          *task)
{
  g_autoptr(GError) error = NULL;

  if (chc_signing_view_save (self, accept_warnings, &error))
    {
      if (task != NULL)
        g_task_return_boolean (task, TRUE);
      return;
    }
  set_status (self, error->message, "error");
  if (task != NULL)
    g_task_return_boolean (task, FALSE);
}

static void
on_warnings_response (GtkDialog *dialog,
                      int        response,
                      GTask     *task)
{
  ChcSigningView *self = g_object_get_data (G_OBJECT (dialog), "view");
  GTask *owned = g_steal_pointer (&task);

  chc_entry_grid_close_dialog (&self->dialog, GTK_WIDGET (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    finish_save (self, TRUE, owned);
  else
    {
      set_status (self, _("Not saved: the warnings were not confirmed."), "warning");
      if (owned != NULL)
        g_task_return_boolean (owned, FALSE);
    }
  g_clear_object (&owned);
}

/* Save, asking first when there are warnings.  @task (may be NULL) gets
 * TRUE when the month was saved. */
static void
save_flow (ChcSigningView *self,
           GTask          *task)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  g_autoptr(GPtrArray) warnings = chc_violations_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) list = NULL;
  g_autofree char *primary = NULL;
  GtkWidget *dialog;
  guint shown;

  commit_focus_cell (self);
  validate_all (self);

  if (self->database == NULL || self->district == NULL || count_problems (self, FALSE) > 0)
    {
      finish_save (self, FALSE, task);   /* reports why */
      return;
    }

  records = records_to_save (self);
  if (!chc_database_check_signing_month (self->database, self->period, records,
                                         violations, warnings, &error))
    {
      set_status (self, error->message, "error");
      if (task != NULL)
        g_task_return_boolean (task, FALSE);
      return;
    }
  if (warnings->len == 0)
    {
      finish_save (self, FALSE, task);
      return;
    }

  list = g_string_new (NULL);
  shown = MIN (warnings->len, 12);
  for (guint i = 0; i < shown; i++)
    g_string_append_printf (list, "%s• %s", i > 0 ? "\n" : "",
                            ((ChcViolation *) g_ptr_array_index (warnings, i))->message);
  if (warnings->len > shown)
    {
      g_string_append_c (list, '\n');
      g_string_append_printf (list, g_dngettext (GETTEXT_PACKAGE, "…and %u more.", "…and %u more.",
                                                 warnings->len - shown),
                              warnings->len - shown);
    }

  primary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Save the figures of %s despite %u warning?",
                                          "Save the figures of %s despite %u warnings?",
                                          warnings->len),
                             self->period, warnings->len);
  dialog = chc_entry_grid_new_dialog (GTK_WIDGET (self), &self->dialog, primary, list->str);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("Save _Anyway"), GTK_RESPONSE_ACCEPT);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data (G_OBJECT (dialog), "view", self);
  g_signal_connect (dialog, "response", G_CALLBACK (on_warnings_response),
                    task != NULL ? g_object_ref (task) : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- leaving with unsaved changes --------------------------------------- */

static void
save_and_report (GtkWidget *widget,
                 GTask     *task)
{
  save_flow (CHC_SIGNING_VIEW (widget), task);
}

static void
discard (GtkWidget *widget)
{
  chc_signing_view_discard_changes (CHC_SIGNING_VIEW (widget));
}

void
chc_signing_view_confirm_leave_async (ChcSigningView      *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;
  g_autofree char *primary = NULL;
  guint n_dirty;

  g_return_if_fail (CHC_IS_SIGNING_VIEW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chc_signing_view_confirm_leave_async);

  commit_focus_cell (self);
  n_dirty = count_dirty_rows (self);
  if (n_dirty > 0)
    primary = g_strdup_printf (_("Save the figures of %s?"), self->period);
  chc_entry_grid_confirm_leave (task, &self->dialog, n_dirty, primary,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "One facility has changes that are not saved. If you do not save them, they are lost.",
                                             "Several facilities have changes that are not saved. If you do not save them, they are lost.",
                                             n_dirty),
                                save_and_report, discard);
}

gboolean
chc_signing_view_confirm_leave_finish (ChcSigningView  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Changing what the view shows: ask first, then apply or go back. */
typedef enum { CHANGE_PERIOD, CHANGE_DISTRICT, CHANGE_YEAR } ChangeKind;

typedef struct
{
  ChangeKind   kind;
  char        *period;
  ChcDistrict *district;
  int          year;
} Change;

static void
change_free (Change *change)
{
  g_free (change->period);
  g_clear_object (&change->district);
  g_free (change);
}

static void
apply_change (ChcSigningView *self,
              Change         *change)
{
  switch (change->kind)
    {
    case CHANGE_PERIOD:
      apply_period (self, change->period);
      break;
    case CHANGE_DISTRICT:
      g_set_object (&self->district, change->district);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT]);
      g_clear_pointer (&self->period, g_free);
      {
        g_autofree char *period = default_period (self);
        apply_period (self, period);
      }
      break;
    case CHANGE_YEAR:
      self->year = change->year;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
      {
        g_autofree char *period = default_period (self);
        apply_period (self, period);
      }
      break;
    }
}

static void
on_change_confirmed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  ChcSigningView *self = CHC_SIGNING_VIEW (source);
  Change *change = data;

  if (chc_signing_view_confirm_leave_finish (self, result, NULL))
    apply_change (self, change);
  else
    {
      /* Stay: selectors bound to the view go back. */
      sync_month_items (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
    }
  change_free (change);
}

static void
request_change (ChcSigningView *self,
                Change         *change)
{
  if (!chc_signing_view_has_unsaved_changes (self))
    {
      apply_change (self, change);
      change_free (change);
      return;
    }
  chc_signing_view_confirm_leave_async (self, NULL, on_change_confirmed, change);
}

/* ---- chart ---------------------------------------------------------------- */

static GArray *
compute_chart (ChcSigningView  *self,
               char           **first_out)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) totals = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autofree char *first = g_strdup ("2023-01");
  g_autofree char *last = NULL;
  int n;

  if (self->period == NULL)
    {
      if (first_out != NULL)
        *first_out = g_steal_pointer (&first);
      return points;
    }

  last = chc_signing_period_format (period_year (self->period), 12);
  for (guint i = 0; i < self->range_records->len; i++)
    {
      ChcSigningRecord *r = g_ptr_array_index (self->range_records, i);
      const char *period = chc_signing_record_get_period (r);

      if (self->chart_facility_id != 0 &&
          chc_signing_record_get_facility_id (r) != self->chart_facility_id)
        continue;
      if (g_strcmp0 (period, self->period) == 0)
        continue;   /* the grid has the month's live figures */
      if (strcmp (period, first) < 0)
        {
          g_free (first);
          first = g_strdup (period);
        }
      g_ptr_array_add (chosen, r);
    }
  /* The month shown, as typed. */
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (!row->ok)
        continue;
      if (self->chart_facility_id != 0 &&
          chc_signing_record_get_facility_id (row->record) != self->chart_facility_id)
        continue;
      g_ptr_array_add (chosen, row->record);
    }

  totals = chc_signing_totals_by_period (chosen);
  n = chc_signing_period_diff (first, last) + 1;
  for (int i = 0; i < n; i++)
    {
      double none = -1;
      g_array_append_val (points, none);
    }
  for (guint i = 0; i < totals->len; i++)
    {
      const ChcSigningTotal *t = &g_array_index (totals, ChcSigningTotal, i);
      int index = chc_signing_period_diff (first, t->period);
      double value;

      if (index < 0 || index >= n)
        continue;
      if (chc_signing_figures_rate (&t->figures, CHC_SIGNING_COVERAGE, &value))
        g_array_index (points, double, index) = value;
    }

  if (first_out != NULL)
    *first_out = g_steal_pointer (&first);
  return points;
}

static void
update_chart_title (ChcSigningView *self)
{
  g_autofree char *title = NULL;
  Row *row = self->chart_facility_id != 0 ? find_row (self, self->chart_facility_id) : NULL;

  if (row != NULL)
    title = g_strdup_printf (_("Signing coverage of %s, with the target of each year"),
                             chc_signing_record_get_facility_name (row->record));
  else if (self->district != NULL)
    title = g_strdup_printf (_("Signing coverage of %s (all reporting facilities), with the target of each year"),
                             chc_district_get_name (self->district));
  else
    title = g_strdup ("");
  gtk_label_set_text (self->chart_title, title);
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       xalign,
           double       yalign)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - xalign * w, y - yalign * h);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  ChcSigningView *self = data;
  g_autofree char *first = NULL;
  g_autoptr(GArray) points = compute_chart (self, &first);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  const double left = 52, right = 16, top = 12, bottom = 30;
  double lo = 1, hi = 0, step, plot_w, plot_h;
  int first_year = 0, first_month = 0, selected;
  GdkRGBA fg;
  guint n = points->len;

  if (n == 0 || width < left + right + 20 || height < top + bottom + 20)
    return;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
#pragma GCC diagnostic pop

  chc_signing_period_parse (first, &first_year, &first_month);
  selected = chc_signing_period_diff (first, self->period);

  /* The vertical range: the values and the targets, in steps of 5 points. */
  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (points, double, i);
      if (v >= 0)
        {
          lo = MIN (lo, v);
          hi = MAX (hi, v);
        }
    }
  for (int y = first_year; y <= first_year + (int) (n + first_month - 2) / 12; y++)
    {
      double target;

      if (find_target (self, CHC_SIGNING_COVERAGE, y, &target))
        {
          lo = MIN (lo, target);
          hi = MAX (hi, target);
        }
    }
  if (hi < lo)
    {
      lo = 0.3;
      hi = 0.6;
    }
  lo = MAX (0, floor ((lo - 0.02) / 0.05) * 0.05);
  hi = MIN (1, ceil ((hi + 0.02) / 0.05) * 0.05);
  if (hi - lo < 0.1)
    hi = MIN (1, lo + 0.1);
  step = (hi - lo) > 0.3 ? 0.1 : 0.05;

  plot_w = width - left - right;
  plot_h = height - top - bottom;

#define X(i) (left + ((i) + 0.5) * plot_w / n)
#define Y(v) (top + (hi - (v)) / (hi - lo) * plot_h)

  /* Grid lines and the percent axis. */
  cairo_set_line_width (cr, 1);
  for (double v = lo; v <= hi + 1e-9; v += step)
    {
      g_autofree char *text = g_strdup_printf ("%.0f%%", v * 100);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
      cairo_move_to (cr, left, round (Y (v)) + 0.5);
      cairo_line_to (cr, width - right, round (Y (v)) + 0.5);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.75);
      show_text (cr, layout, text, left - 6, Y (v), 1, 0.5);
    }

  /* Years: a line at each January, the year under its months. */
  for (guint i = 0; i < n; i++)
    {
      int month = (first_month - 1 + (int) i) % 12 + 1;
      int year = first_year + (first_month - 1 + (int) i) / 12;

      if (month == 1 && i > 0)
        {
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.25);
          cairo_move_to (cr, round (X (i - 0.5)) + 0.5, top);
          cairo_line_to (cr, round (X (i - 0.5)) + 0.5, top + plot_h);
          cairo_stroke (cr);
        }
      if (month == 7 || (i == 0 && month > 7))
        {
          g_autofree char *text = g_strdup_printf ("%d", year);

          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.75);
          show_text (cr, layout, text, X (i), top + plot_h + 6, 0.5, 0);
        }
    }

  /* The month shown. */
  if (selected >= 0 && selected < (int) n)
    {
      cairo_set_source_rgba (cr, 0.2, 0.4, 0.8, 0.15);
      cairo_rectangle (cr, X (selected) - plot_w / n / 2, top, plot_w / n, plot_h);
      cairo_fill (cr);
    }

  /* Each year's target: a dashed line over its months, labelled. */
  for (guint i = 0; i < n; i++)
    {
      int month = (first_month - 1 + (int) i) % 12 + 1;
      int year = first_year + (first_month - 1 + (int) i) / 12;
      guint end;
      double target;
      g_autofree char *value = NULL;
      g_autofree char *label = NULL;

      if (!(month == 1 || i == 0) ||
          !find_target (self, CHC_SIGNING_COVERAGE, year, &target))
        continue;
      end = MIN (n, i + (guint) (13 - month));
      cairo_set_source_rgb (cr, 0.85, 0.45, 0.0);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, (const double[]) { 6, 4 }, 2, 0);
      cairo_move_to (cr, X (i - 0.5), Y (target));
      cairo_line_to (cr, X (end - 0.5), Y (target));
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      value = format_target (target);
      label = g_strdup_printf (_("%d target %s%%"), year, value);

      /* The label goes on the side of the line the coverage is not on
       * in the first months of the year. */
      {
        double first_value = -1;
        gboolean above;
        int w, h;
        double x, y;

        for (guint k = i; k < end && first_value < 0; k++)
          first_value = g_array_index (points, double, k);
        above = first_value < 0 || first_value < target;
        pango_layout_set_text (layout, label, -1);
        pango_layout_get_pixel_size (layout, &w, &h);
        x = X (i - 0.5) + 4;
        y = above ? Y (target) - 3 - h : Y (target) + 3;
        cairo_set_source_rgb (cr, 0.75, 0.38, 0.0);
        cairo_move_to (cr, x, y);
        pango_cairo_show_layout (cr, layout);
      }
    }

  /* The coverage line, broken where nothing was reported. */
  cairo_set_source_rgb (cr, 0.11, 0.39, 0.75);
  cairo_set_line_width (cr, 2);
  {
    gboolean drawing = FALSE;

    for (guint i = 0; i < n; i++)
      {
        double v = g_array_index (points, double, i);

        if (v < 0)
          {
            drawing = FALSE;
            continue;
          }
        if (drawing)
          cairo_line_to (cr, X (i), Y (v));
        else
          cairo_move_to (cr, X (i), Y (v));
        drawing = TRUE;
      }
    cairo_stroke (cr);
  }
  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (points, double, i);

      if (v < 0)
        continue;
      cairo_arc (cr, X (i), Y (v), (int) i == selected ? 4.5 : 2.0, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  if (selected >= 0 && selected < (int) n && g_array_index (points, double, selected) >= 0)
    {
      g_autofree char *text = g_strdup_printf ("%.1f%%", g_array_index (points, double, selected) * 100);

      show_text (cr, layout, text, X (selected), Y (g_array_index (points, double, selected)) - 6,
                 selected > (int) n - 4 ? 1 : 0.5, 1);
    }

#undef X
#undef Y
}

static void
on_chart_selected (GtkDropDown    *dropdown,
                   GParamSpec     *pspec,
                   ChcSigningView *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->syncing_dropdowns)
    return;
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->rows->len)
    self->chart_facility_id = 0;
  else
    self->chart_facility_id = chc_signing_record_get_facility_id (((Row *) g_ptr_array_index (self->rows, selected - 1))->record);
  update_chart_title (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

/* ---- other callbacks ---------------------------------------------------------- */

static void
on_month_selected (GtkDropDown    *dropdown,
                   GParamSpec     *pspec,
                   ChcSigningView *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);
  Change *change;

  if (self->syncing_dropdowns || item == NULL)
    return;
  if (g_strcmp0 (gtk_string_object_get_string (item), self->period) == 0)
    return;
  change = g_new0 (Change, 1);
  change->kind = CHANGE_PERIOD;
  change->period = g_strdup (gtk_string_object_get_string (item));
  request_change (self, change);
}

static void
on_database_changed (ChcDatabase    *database,
                     const char     *table,
                     ChcSigningView *self)
{
  if (self->saving)
    return;
  if (g_strcmp0 (table, "target") == 0 || g_strcmp0 (table, "indicator") == 0 ||
      g_strcmp0 (table, "plan") == 0)
    {
      load_targets (self);
      validate_all (self);
      return;
    }
  if (g_strcmp0 (table, "signing") != 0 && g_strcmp0 (table, "facility") != 0 &&
      g_strcmp0 (table, "meta") != 0 &&
      /* approvals and locks: which rows are read-only (issue 15) */
      g_strcmp0 (table, "report_state") != 0 && g_strcmp0 (table, "period_lock") != 0)
    return;
  if (chc_signing_view_has_unsaved_changes (self))
    {
      /* Keep what is being typed; the chart shows the new figures. */
      load_range_records (self);
      gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
      return;
    }
  reload (self);
}

/* ---- actions ------------------------------------------------------------------ */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_flow (CHC_SIGNING_VIEW (widget), NULL);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_last (CHC_SIGNING_VIEW (widget));
}

static void
copy_population_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ChcSigningView *self = CHC_SIGNING_VIEW (widget);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint n_copied = 0, group;

  commit_focus_cell (self);

  /* Copies of the rows whose population cells are empty, with those
   * figures at 0: the store fills them from each previous month. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      g_autofree char *population = cell_text (&row->cells[CHC_SIGNING_RESIDENT_POPULATION]);
      g_autofree char *key = cell_text (&row->cells[CHC_SIGNING_KEY_POPULATION]);
      ChcSigningRecord *copy;

      if (row->previous == NULL || (population[0] != '\0' && key[0] != '\0'))
        continue;
      copy = chc_signing_record_copy (row->record);
      chc_signing_record_set_period (copy, self->period);
      if (population[0] == '\0')
        chc_signing_record_set_resident_population (copy, 0);
      if (key[0] == '\0')
        chc_signing_record_set_key_population (copy, 0);
      g_ptr_array_add (records, copy);
      g_ptr_array_add (targets, row);
    }

  if (!chc_database_copy_signing_population (self->database, records, &n_copied, &error))
    {
      set_status (self, error->message, "error");
      return;
    }

  group = ++self->undo_group;
  for (guint i = 0; i < records->len; i++)
    {
      Row *row = g_ptr_array_index (targets, i);
      ChcSigningRecord *copy = g_ptr_array_index (records, i);
      static const ChcSigningFigure figures[] = {
        CHC_SIGNING_RESIDENT_POPULATION, CHC_SIGNING_KEY_POPULATION,
      };

      for (guint k = 0; k < G_N_ELEMENTS (figures); k++)
        {
          Cell *cell = &row->cells[figures[k]];
          g_autofree char *before = cell_text (cell);
          g_autofree char *after = NULL;
          gint64 value = chc_signing_record_get_figure (copy, figures[k]);

          if (before[0] != '\0' || value <= 0)
            continue;
          after = chc_signing_format_count (value);
          push_undo (self, group, cell, before, after);
          chc_entry_grid_cell_put (&cell->base, after, cell == self->focus_cell);
        }
    }

  update_state (self);
  if (n_copied == 0)
    set_status (self, _("No population figures to copy: every facility has them, or none has an earlier month."), NULL);
}

/* ---- GObject ---------------------------------------------------------------- */

static void
chc_signing_view_dispose (GObject *object)
{
  ChcSigningView *self = CHC_SIGNING_VIEW (object);

  if (self->dialog != NULL)
    chc_entry_grid_close_dialog (&self->dialog, self->dialog);
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_SIGNING_VIEW);
  g_clear_object (&self->database);
  g_clear_object (&self->district);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->range_records, g_ptr_array_unref);
  g_clear_pointer (&self->targets, g_hash_table_unref);
  g_clear_object (&self->months);
  g_clear_object (&self->chart_items);
  for (guint c = 0; c < G_N_ELEMENTS (self->columns); c++)
    g_clear_object (&self->columns[c]);

  G_OBJECT_CLASS (chc_signing_view_parent_class)->dispose (object);
}

static void
chc_signing_view_finalize (GObject *object)
{
  ChcSigningView *self = CHC_SIGNING_VIEW (object);

  g_clear_pointer (&self->undo, g_array_unref);
  g_clear_pointer (&self->period, g_free);
  g_clear_pointer (&self->status_text, g_free);
  g_clear_pointer (&self->saved_message, g_free);

  G_OBJECT_CLASS (chc_signing_view_parent_class)->finalize (object);
}

static void
chc_signing_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChcSigningView *self = CHC_SIGNING_VIEW (object);

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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_signing_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ChcSigningView *self = CHC_SIGNING_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      chc_signing_view_set_database (self, g_value_get_object (value));
      break;
    case PROP_DISTRICT:
      chc_signing_view_set_district (self, g_value_get_object (value));
      break;
    case PROP_YEAR:
      chc_signing_view_set_year (self, g_value_get_int (value));
      break;
    case PROP_PERIOD:
      chc_signing_view_set_period (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_signing_view_class_init (ChcSigningViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = chc_signing_view_dispose;
  object_class->finalize = chc_signing_view_finalize;
  object_class->get_property = chc_signing_view_get_property;
  object_class->set_property = chc_signing_view_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CHC_TYPE_DATABASE, flags);
  properties[PROP_DISTRICT] =
    g_param_spec_object ("district", NULL, NULL, CHC_TYPE_DISTRICT, flags);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 9999, 0, flags);
  properties[PROP_PERIOD] =
    g_param_spec_string ("period", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-signing-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcSigningView, root);
  gtk_widget_class_bind_template_child (widget_class, ChcSigningView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChcSigningView, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_child (widget_class, ChcSigningView, demo_label);
  gtk_widget_class_bind_template_child (widget_class, ChcSigningView, month_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcSigningView, grid);
  gtk_widget_class_bind_template_child (widget_class, ChcSigningView, header_grid);
  gtk_widget_class_bind_template_child (widget_class, ChcSigningView, total_grid);
  gtk_widget_class_bind_template_child (widget_class, ChcSigningView, status_label);
  gtk_widget_class_bind_template_child (widget_class, ChcSigningView, chart_title);
  gtk_widget_class_bind_template_child (widget_class, ChcSigningView, chart_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcSigningView, chart_area);

  gtk_widget_class_install_action (widget_class, "signing.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "signing.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "signing.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "signing.copy-population", NULL, copy_population_action);
  chc_keymap_install (widget_class, "signing");

  gtk_widget_class_set_css_name (widget_class, "signing-view");
}

static void
chc_signing_view_init (ChcSigningView *self)
{
  static gboolean css_added;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->year = current_year ();
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->range_records = g_ptr_array_new_with_free_func (g_object_unref);
  self->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->undo = chc_entry_grid_undo_new ();

  chc_entry_grid_init_css (GTK_WIDGET (self->grid), css, &css_added);
  for (guint c = 0; c < G_N_ELEMENTS (self->columns); c++)
    self->columns[c] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  self->months = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->month_dropdown, G_LIST_MODEL (self->months));
  self->chart_items = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->chart_dropdown, G_LIST_MODEL (self->chart_items));
  g_signal_connect (self->month_dropdown, "notify::selected", G_CALLBACK (on_month_selected), self);
  g_signal_connect (self->chart_dropdown, "notify::selected", G_CALLBACK (on_chart_selected), self);

  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart, self, NULL);

  /* Ctrl+Z and Ctrl+S in the capture phase: a cell's GtkText binds Ctrl+Z
   * to its own (disabled) history and would swallow it in the bubble phase. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("signing.undo")));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_s, GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("signing.save")));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }

  reload (self);
}

/* ---- public API ------------------------------------------------------------- */

GtkWidget *
chc_signing_view_new (ChcDatabase *database)
{
  return g_object_new (CHC_TYPE_SIGNING_VIEW, "database", database, NULL);
}

ChcDatabase *
chc_signing_view_get_database (ChcSigningView *self)
{
  g_return_val_if_fail (CHC_IS_SIGNING_VIEW (self), NULL);
  return self->database;
}

void
chc_signing_view_set_database (ChcSigningView *self,
                               ChcDatabase    *database)
{
  g_return_if_fail (CHC_IS_SIGNING_VIEW (self));
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
  reload (self);
}

ChcDistrict *
chc_signing_view_get_district (ChcSigningView *self)
{
  g_return_val_if_fail (CHC_IS_SIGNING_VIEW (self), NULL);
  return self->district;
}

void
chc_signing_view_set_district (ChcSigningView *self,
                               ChcDistrict    *district)
{
  Change *change;

  g_return_if_fail (CHC_IS_SIGNING_VIEW (self));
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
chc_signing_view_get_year (ChcSigningView *self)
{
  g_return_val_if_fail (CHC_IS_SIGNING_VIEW (self), 0);
  return self->year;
}

void
chc_signing_view_set_year (ChcSigningView *self,
                           int             year)
{
  Change *change;

  g_return_if_fail (CHC_IS_SIGNING_VIEW (self));

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
chc_signing_view_get_period (ChcSigningView *self)
{
  g_return_val_if_fail (CHC_IS_SIGNING_VIEW (self), NULL);
  return self->period;
}

void
chc_signing_view_set_period (ChcSigningView *self,
                             const char     *period)
{
  Change *change;

  g_return_if_fail (CHC_IS_SIGNING_VIEW (self));
  g_return_if_fail (period == NULL || chc_signing_period_parse (period, NULL, NULL));

  if (period == NULL || g_strcmp0 (self->period, period) == 0)
    return;
  change = g_new0 (Change, 1);
  change->kind = CHANGE_PERIOD;
  change->period = g_strdup (period);
  request_change (self, change);
}

gboolean
chc_signing_view_has_unsaved_changes (ChcSigningView *self)
{
  g_return_val_if_fail (CHC_IS_SIGNING_VIEW (self), FALSE);
  return count_dirty_rows (self) > 0;
}

void
chc_signing_view_discard_changes (ChcSigningView *self)
{
  g_return_if_fail (CHC_IS_SIGNING_VIEW (self));
  reload (self);
}

gboolean
chc_signing_view_focus_facility (ChcSigningView *self,
                                 gint64          facility_id)
{
  Row *row;

  g_return_val_if_fail (CHC_IS_SIGNING_VIEW (self), FALSE);

  row = find_row (self, facility_id);
  for (guint f = 0; row != NULL && f < CHC_SIGNING_N_FIGURES; f++)
    if (row->cells[f].base.entry != NULL)
      return gtk_widget_grab_focus (row->cells[f].base.entry);
  return FALSE;
}

GtkWidget *
chc_signing_view_get_cell (ChcSigningView   *self,
                           gint64            facility_id,
                           ChcSigningFigure  figure)
{
  Row *row;

  g_return_val_if_fail (CHC_IS_SIGNING_VIEW (self), NULL);
  g_return_val_if_fail ((guint) figure < CHC_SIGNING_N_FIGURES, NULL);

  row = find_row (self, facility_id);
  return row != NULL ? row->cells[figure].base.entry : NULL;
}

GtkWidget *
chc_signing_view_get_rate_label (ChcSigningView *self,
                                 gint64          facility_id,
                                 ChcSigningRate  rate)
{
  Row *row = NULL;

  g_return_val_if_fail (CHC_IS_SIGNING_VIEW (self), NULL);

  if (facility_id != 0 && (row = find_row (self, facility_id)) == NULL)
    return NULL;
  for (int r = 0; r < N_SHOWN_RATES; r++)
    if (shown_rates[r] == rate)
      return row != NULL ? row->rate_labels[r] : self->total_rates[r];
  return NULL;
}

const char *
chc_signing_view_get_status_text (ChcSigningView *self)
{
  g_return_val_if_fail (CHC_IS_SIGNING_VIEW (self), NULL);
  return self->status_text;
}

GtkWidget *
chc_signing_view_get_dialog (ChcSigningView *self)
{
  g_return_val_if_fail (CHC_IS_SIGNING_VIEW (self), NULL);
  return self->dialog;
}

gint64
chc_signing_view_get_chart_facility (ChcSigningView *self)
{
  g_return_val_if_fail (CHC_IS_SIGNING_VIEW (self), 0);
  return self->chart_facility_id;
}

GArray *
chc_signing_view_get_chart_points (ChcSigningView  *self,
                                   char           **first_period)
{
  g_return_val_if_fail (CHC_IS_SIGNING_VIEW (self), NULL);
  return compute_chart (self, first_period);
}
