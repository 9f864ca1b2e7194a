/* test-ui-signing.c — the family-doctor signing view under a display: type
 * into the grid's cells as a user would (set the cell's text, press Enter
 * or move the focus), save, and read the stored row back; a cell breaking
 * a rule blocks Save; undo and Escape restore values; warnings are
 * confirmed in a dialog; changing the month with unsaved changes asks.
 * Skips without a display; run it with xvfb-run -a env GTK_A11Y=none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "chc-ui-test-util.h"
#include "ui/chc-ui-util.h"
#include "core/chc-signing.h"
#include "store/chc-database-plans.h"
#include "store/chc-database-signing.h"
#include "ui/chc-signing-view.h"

static gboolean have_display;

typedef struct
{
  ChcDatabase      *database;
  ChcDistrict      *district;
  GtkWindow        *window;
  ChcSigningView   *view;
  char             *period;     /* the current month: the demo's last */
  gint64            baihe;      /* 白鹤社区卫生服务中心, whose month is deleted */
  gint64            xujing;     /* 徐泾社区卫生服务中心, stored */
  ChcSigningRecord *baihe_previous;
  ChcSigningRecord *xujing_stored;
} Fixture;

static gint64
facility_id (Fixture    *fx,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcFacility) f = chc_database_find_facility (fx->database, name,
                                                         chc_district_get_id (fx->district), &error);

  g_assert_no_error (error);
  return chc_facility_get_id (f);
}

static ChcSigningRecord *
stored_record (Fixture *fx,
               gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) month = chc_database_list_signing_month (fx->database,
                                                                chc_district_get_id (fx->district),
                                                                fx->period, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < month->len; i++)
    if (chc_signing_record_get_facility_id (g_ptr_array_index (month, i)) == id)
      return g_object_ref (g_ptr_array_index (month, i));
  g_assert_not_reached ();
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!have_display)
    return;

  fx->database = chc_test_new_demo ();
  fx->district = chc_database_find_district (fx->database, "青浦", &error);
  g_assert_no_error (error);
  fx->period = chc_signing_period_current ();
  fx->baihe = facility_id (fx, "白鹤社区卫生服务中心");
  fx->xujing = facility_id (fx, "徐泾社区卫生服务中心");

  /* 白鹤 has not reported this month yet. */
  chc_database_delete_signing (fx->database, fx->baihe, fx->period, &error);
  g_assert_no_error (error);
  fx->baihe_previous = chc_database_get_previous_signing (fx->database, fx->baihe, fx->period, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->baihe_previous);
  fx->xujing_stored = stored_record (fx, fx->xujing);

  fx->view = CHC_SIGNING_VIEW (chc_signing_view_new (fx->database));
  chc_signing_view_set_district (fx->view, fx->district);

  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, 1400, 900);
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->view));
  gtk_window_present (fx->window);
  chc_test_iterate (300);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  if (fx->window != NULL)
    gtk_window_destroy (fx->window);
  chc_test_iterate (50);
  g_clear_object (&fx->baihe_previous);
  g_clear_object (&fx->xujing_stored);
  g_clear_pointer (&fx->period, g_free);
  g_clear_object (&fx->district);
  g_clear_object (&fx->database);
}

static GtkWidget *
cell (Fixture          *fx,
      gint64            id,
      ChcSigningFigure  figure)
{
  GtkWidget *entry = chc_signing_view_get_cell (fx->view, id, figure);

  g_assert_nonnull (entry);
  return entry;
}

static const char *
cell_text (Fixture          *fx,
           gint64            id,
           ChcSigningFigure  figure)
{
  return gtk_editable_get_text (GTK_EDITABLE (cell (fx, id, figure)));
}

static gboolean
has_focus (Fixture   *fx,
           GtkWidget *entry)
{
  GtkWidget *focus = gtk_window_get_focus (fx->window);

  return focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

/* What a user does: click into the cell, type the number, press Enter. */
static void
type_into (Fixture          *fx,
           gint64            id,
           ChcSigningFigure  figure,
           gint64            value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  chc_test_type_into_cell (cell (fx, id, figure), text);
}

static gboolean
action_enabled (Fixture    *fx,
                const char *action)
{
  return chc_test_action_enabled (GTK_WIDGET (fx->view), action);
}

static void
assert_figures (ChcSigningRecord        *record,
                const ChcSigningFigures *expected)
{
  ChcSigningFigures got;

  g_assert_true (chc_signing_record_get_saved (record));
  chc_signing_record_get_figures (record, &got);
  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    g_assert_cmpint (got.value[f], ==, expected->value[f]);
}

/* ---- tests ------------------------------------------------------------------ */

/* A new month of a centre, typed by keyboard alone, saved, read back. */
static void
test_type_and_save (Fixture       *fx,
                    gconstpointer  data)
{
  ChcSigningFigures expected;
  g_autoptr(ChcSigningRecord) stored = NULL;
  g_autofree char *coverage = NULL;
  GtkWidget *rate;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  g_assert_cmpstr (chc_signing_view_get_period (fx->view), ==, fx->period);
  g_assert_cmpstr (cell_text (fx, fx->baihe, CHC_SIGNING_RESIDENT_POPULATION), ==, "");
  g_assert_false (chc_signing_view_has_unsaved_changes (fx->view));
  g_assert_false (action_enabled (fx, "signing.save"));
  g_assert_true (action_enabled (fx, "signing.copy-population"));

  /* Copy the population figures from the previous month. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "signing.copy-population", NULL));
  chc_test_iterate (10);
  chc_signing_record_get_figures (fx->baihe_previous, &expected);
  {
    /* With thousands separators, as every figure shown. */
    g_autofree char *p = chc_signing_format_count (expected.value[CHC_SIGNING_RESIDENT_POPULATION]);
    g_autofree char *k = chc_signing_format_count (expected.value[CHC_SIGNING_KEY_POPULATION]);

    g_assert_cmpstr (cell_text (fx, fx->baihe, CHC_SIGNING_RESIDENT_POPULATION), ==, p);
    g_assert_cmpstr (cell_text (fx, fx->baihe, CHC_SIGNING_KEY_POPULATION), ==, k);
  }
  /* Signed residents still missing: a required cell. */
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->baihe, CHC_SIGNING_SIGNED_RESIDENTS), "error"));
  g_assert_false (action_enabled (fx, "signing.save"));

  /* Type the month: a little more than last month. */
  expected.value[CHC_SIGNING_SIGNED_RESIDENTS] += 60;
  expected.value[CHC_SIGNING_KEY_POPULATION_SIGNED] += 20;
  expected.value[CHC_SIGNING_ONLINE_SIGNED] += 15;
  expected.value[CHC_SIGNING_SIGNED_VISITS_TOTAL] += 100;
  expected.value[CHC_SIGNING_SIGNED_VISITS_IN_COMMUNITY] += 90;

  type_into (fx, fx->baihe, CHC_SIGNING_SIGNED_RESIDENTS, expected.value[CHC_SIGNING_SIGNED_RESIDENTS]);
  /* Enter moved on to the next cell. */
  g_assert_true (has_focus (fx, cell (fx, fx->baihe, CHC_SIGNING_KEY_POPULATION)));
  /* The coverage follows as you type. */
  rate = chc_signing_view_get_rate_label (fx->view, fx->baihe, CHC_SIGNING_COVERAGE);
  coverage = chc_signing_format_percent (&expected, CHC_SIGNING_COVERAGE);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (rate)), ==, coverage);

  for (int f = CHC_SIGNING_KEY_POPULATION_SIGNED; f < CHC_SIGNING_N_FIGURES; f++)
    type_into (fx, fx->baihe, f, expected.value[f]);

  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    g_assert_false (gtk_widget_has_css_class (cell (fx, fx->baihe, f), "error"));
  g_assert_true (chc_signing_view_has_unsaved_changes (fx->view));
  g_assert_true (action_enabled (fx, "signing.save"));

  /* The district total is the sum of the rows, its rate the ratio of the
   * sums. */
  {
    g_autoptr(GPtrArray) month = chc_database_list_signing_month (fx->database,
                                                                  chc_district_get_id (fx->district),
                                                                  fx->period, NULL);
    ChcSigningFigures total;
    g_autofree char *text = NULL;

    for (guint i = 0; i < month->len; i++)
      if (chc_signing_record_get_facility_id (g_ptr_array_index (month, i)) == fx->baihe)
        chc_signing_record_set_figures (g_ptr_array_index (month, i), &expected);
    chc_signing_sum_records (month, 0, &total);
    text = chc_signing_format_percent (&total, CHC_SIGNING_COVERAGE);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (chc_signing_view_get_rate_label (fx->view, 0, CHC_SIGNING_COVERAGE))),
                     ==, text);
  }

  /* Save (what Ctrl+S does); no warnings, so no dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "signing.save", NULL));
  chc_test_iterate (20);
  g_assert_null (chc_signing_view_get_dialog (fx->view));
  g_assert_false (chc_signing_view_has_unsaved_changes (fx->view));
  g_assert_nonnull (strstr (chc_signing_view_get_status_text (fx->view), "Saved the figures of"));

  stored = stored_record (fx, fx->baihe);
  assert_figures (stored, &expected);
}

/* A cell that breaks a rule turns red, says why, and blocks Save. */
static void
test_rule_blocks_save (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(ChcSigningRecord) stored = NULL;
  ChcSigningFigures before;
  GtkWidget *signed_cell;
  gint64 population;
  const char *tooltip;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  chc_signing_record_get_figures (fx->xujing_stored, &before);
  population = before.value[CHC_SIGNING_RESIDENT_POPULATION];

  type_into (fx, fx->xujing, CHC_SIGNING_SIGNED_RESIDENTS, population + 1);
  signed_cell = cell (fx, fx->xujing, CHC_SIGNING_SIGNED_RESIDENTS);
  g_assert_true (gtk_widget_has_css_class (signed_cell, "error"));
  tooltip = chc_ui_get_tooltip (signed_cell);
  g_assert_nonnull (strstr (tooltip, "is more than the resident population"));
  g_assert_nonnull (strstr (chc_signing_view_get_status_text (fx->view), "Save is unavailable"));
  g_assert_nonnull (strstr (chc_signing_view_get_status_text (fx->view), "徐泾社区卫生服务中心"));
  g_assert_true (chc_signing_view_has_unsaved_changes (fx->view));
  g_assert_false (action_enabled (fx, "signing.save"));

  /* Ctrl+S does nothing; nothing reaches the store. */
  gtk_widget_activate_action (GTK_WIDGET (fx->view), "signing.save", NULL);
  chc_test_iterate (10);
  stored = stored_record (fx, fx->xujing);
  assert_figures (stored, &before);
  g_clear_object (&stored);

  /* Not a number: red too. */
  gtk_widget_grab_focus (cell (fx, fx->xujing, CHC_SIGNING_ONLINE_SIGNED));
  gtk_editable_set_text (GTK_EDITABLE (cell (fx, fx->xujing, CHC_SIGNING_ONLINE_SIGNED)), "12.5");
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->xujing, CHC_SIGNING_ONLINE_SIGNED), "error"));
  g_assert_nonnull (strstr (chc_ui_get_tooltip (cell (fx, fx->xujing, CHC_SIGNING_ONLINE_SIGNED)),
                            "must be a whole number"));
  {
    g_autofree char *online = g_strdup_printf ("%" G_GINT64_FORMAT, before.value[CHC_SIGNING_ONLINE_SIGNED]);
    gtk_editable_set_text (GTK_EDITABLE (cell (fx, fx->xujing, CHC_SIGNING_ONLINE_SIGNED)), online);
  }
  g_assert_false (gtk_widget_has_css_class (cell (fx, fx->xujing, CHC_SIGNING_ONLINE_SIGNED), "error"));

  /* Fixed: Save comes back. */
  type_into (fx, fx->xujing, CHC_SIGNING_SIGNED_RESIDENTS, before.value[CHC_SIGNING_SIGNED_RESIDENTS] + 10);
  g_assert_false (gtk_widget_has_css_class (signed_cell, "error"));
  g_assert_true (action_enabled (fx, "signing.save"));
}

/* Ctrl+Z undoes the last change; Escape puts a cell back. */
static void
test_undo_and_escape (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *original = NULL;
  GtkWidget *visits;
  GtkEventController *key = NULL;
  gboolean handled = FALSE;
  gboolean has_ctrl_z = FALSE;
  gboolean has_ctrl_s = FALSE;
  GListModel *controllers;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  original = g_strdup (cell_text (fx, fx->xujing, CHC_SIGNING_SIGNED_VISITS_TOTAL));
  g_assert_false (action_enabled (fx, "signing.undo"));

  type_into (fx, fx->xujing, CHC_SIGNING_SIGNED_VISITS_TOTAL, 99999);
  g_assert_cmpstr (cell_text (fx, fx->xujing, CHC_SIGNING_SIGNED_VISITS_TOTAL), ==, "99999");
  g_assert_true (action_enabled (fx, "signing.undo"));
  type_into (fx, fx->xujing, CHC_SIGNING_ONLINE_SIGNED, 1234);

  /* Undo twice: the online signings, then the visits. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "signing.undo", NULL));
  chc_test_iterate (10);
  g_assert_cmpstr (cell_text (fx, fx->xujing, CHC_SIGNING_SIGNED_VISITS_TOTAL), ==, "99999");
  g_assert_cmpstr (cell_text (fx, fx->xujing, CHC_SIGNING_ONLINE_SIGNED), !=, "1234");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "signing.undo", NULL));
  chc_test_iterate (10);
  g_assert_cmpstr (cell_text (fx, fx->xujing, CHC_SIGNING_SIGNED_VISITS_TOTAL), ==, original);
  g_assert_false (chc_signing_view_has_unsaved_changes (fx->view));
  g_assert_false (action_enabled (fx, "signing.undo"));

  /* Undo also takes back an edit still in its cell. */
  visits = cell (fx, fx->xujing, CHC_SIGNING_SIGNED_VISITS_TOTAL);
  gtk_widget_grab_focus (visits);
  chc_test_iterate (10);
  gtk_editable_set_text (GTK_EDITABLE (visits), "5");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "signing.undo", NULL));
  g_assert_cmpstr (cell_text (fx, fx->xujing, CHC_SIGNING_SIGNED_VISITS_TOTAL), ==, original);

  /* Escape: the cell's key controller puts back what it held on focus. */
  gtk_widget_grab_focus (visits);
  chc_test_iterate (10);
  gtk_editable_set_text (GTK_EDITABLE (visits), "77");
  controllers = gtk_widget_observe_controllers (visits);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && key == NULL; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        key = GTK_EVENT_CONTROLLER (c);
    }
  g_object_unref (controllers);
  g_assert_nonnull (key);
  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Escape, 9, 0, &handled);
  g_assert_true (handled);
  g_assert_cmpstr (cell_text (fx, fx->xujing, CHC_SIGNING_SIGNED_VISITS_TOTAL), ==, original);
  g_assert_false (chc_signing_view_has_unsaved_changes (fx->view));

  /* Ctrl+Z and Ctrl+S are the view's shortcuts, in the capture phase so
   * that a cell's text does not swallow Ctrl+Z. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (fx->view));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c) ||
          gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (c)) != GTK_PHASE_CAPTURE)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (!GTK_IS_NAMED_ACTION (action))
            continue;
          if (g_str_equal (trigger, "<Control>z") &&
              g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "signing.undo"))
            has_ctrl_z = TRUE;
          if (g_str_equal (trigger, "<Control>s") &&
              g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "signing.save"))
            has_ctrl_s = TRUE;
        }
    }
  g_object_unref (controllers);
  g_assert_true (has_ctrl_z);
  g_assert_true (has_ctrl_s);
}

/* A jump of more than 5 points: the cell turns amber, Save asks first. */
static void
test_warnings_confirmed (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(ChcSigningRecord) stored = NULL;
  ChcSigningFigures figures;
  GtkWidget *dialog;
  gint64 population;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  chc_signing_record_get_figures (fx->xujing_stored, &figures);
  population = figures.value[CHC_SIGNING_RESIDENT_POPULATION];
  figures.value[CHC_SIGNING_SIGNED_RESIDENTS] += population / 10;   /* +10 points */
  type_into (fx, fx->xujing, CHC_SIGNING_SIGNED_RESIDENTS, figures.value[CHC_SIGNING_SIGNED_RESIDENTS]);
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->xujing, CHC_SIGNING_SIGNED_RESIDENTS), "warning"));
  g_assert_nonnull (strstr (chc_signing_view_get_status_text (fx->view), "Coverage moves"));
  g_assert_true (action_enabled (fx, "signing.save"));

  /* Cancel: nothing saved. */
  gtk_widget_activate_action (GTK_WIDGET (fx->view), "signing.save", NULL);
  chc_test_iterate (20);
  dialog = chc_signing_view_get_dialog (fx->view);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  chc_test_iterate (20);
  g_assert_null (chc_signing_view_get_dialog (fx->view));
  g_assert_true (chc_signing_view_has_unsaved_changes (fx->view));
  stored = stored_record (fx, fx->xujing);
  g_assert_cmpint (chc_signing_record_get_signed_residents (stored), ==,
                   chc_signing_record_get_signed_residents (fx->xujing_stored));
  g_clear_object (&stored);

  /* Save anyway. */
  gtk_widget_activate_action (GTK_WIDGET (fx->view), "signing.save", NULL);
  chc_test_iterate (20);
  dialog = chc_signing_view_get_dialog (fx->view);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  chc_test_iterate (20);
  g_assert_false (chc_signing_view_has_unsaved_changes (fx->view));
  stored = stored_record (fx, fx->xujing);
  assert_figures (stored, &figures);
}

/* Changing the month with unsaved changes asks: Cancel stays, Discard
 * goes. */
static void
test_change_month_asks (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *earlier = NULL;
  GtkWidget *dialog;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  earlier = chc_signing_period_add (fx->period, -1);
  type_into (fx, fx->xujing, CHC_SIGNING_SIGNED_VISITS_TOTAL, 123456);
  g_assert_true (chc_signing_view_has_unsaved_changes (fx->view));

  chc_signing_view_set_period (fx->view, earlier);
  chc_test_iterate (20);
  dialog = chc_signing_view_get_dialog (fx->view);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  chc_test_iterate (20);
  g_assert_cmpstr (chc_signing_view_get_period (fx->view), ==, fx->period);
  g_assert_cmpstr (cell_text (fx, fx->xujing, CHC_SIGNING_SIGNED_VISITS_TOTAL), ==, "123456");

  chc_signing_view_set_period (fx->view, earlier);
  chc_test_iterate (20);
  dialog = chc_signing_view_get_dialog (fx->view);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_REJECT);
  /* discarding reloads the month (its total by the one aggregation), then
   * shows the earlier one: give a slow (sanitizer) build the time */
  for (int i = 0; i < 250 && g_strcmp0 (chc_signing_view_get_period (fx->view), earlier) != 0; i++)
    chc_test_iterate (20);
  g_assert_cmpstr (chc_signing_view_get_period (fx->view), ==, earlier);
  g_assert_false (chc_signing_view_has_unsaved_changes (fx->view));

  /* Without changes, no question. */
  chc_signing_view_set_period (fx->view, fx->period);
  chc_test_iterate (20);
  g_assert_null (chc_signing_view_get_dialog (fx->view));
  g_assert_cmpstr (chc_signing_view_get_period (fx->view), ==, fx->period);
}

/* The chart follows the row being edited, and the district total is the
 * ratio of sums. */
static void
test_chart (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GArray) points = NULL;
  g_autofree char *first = NULL;
  int index;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  g_assert_cmpint (chc_signing_view_get_chart_facility (fx->view), ==, 0);
  points = chc_signing_view_get_chart_points (fx->view, &first);
  g_assert_cmpstr (first, ==, "2023-01");
  /* 2023-12: the district's 43 % target is met. */
  g_assert_cmpfloat (g_array_index (points, double, 11), >=, 0.43);
  g_clear_pointer (&points, g_array_unref);
  g_clear_pointer (&first, g_free);

  gtk_widget_grab_focus (cell (fx, fx->xujing, CHC_SIGNING_SIGNED_RESIDENTS));
  chc_test_iterate (10);
  g_assert_cmpint (chc_signing_view_get_chart_facility (fx->view), ==, fx->xujing);
  points = chc_signing_view_get_chart_points (fx->view, &first);
  index = chc_signing_period_diff (first, fx->period);
  g_assert_cmpfloat_with_epsilon (g_array_index (points, double, index),
                                  chc_signing_record_get_coverage (fx->xujing_stored), 1e-9);
}

/* The targets come from the district's plan: a target set for this year
 * marks the centres below it at once. */
static void
test_plan_targets (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcIndicator) indicator = NULL;
  g_autoptr(ChcTarget) target = NULL;
  ChcTargetSpec spec = { 0 };
  GtkWidget *label;
  int year;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  label = chc_signing_view_get_rate_label (fx->view, fx->xujing, CHC_SIGNING_COVERAGE);
  g_assert_false (gtk_widget_has_css_class (label, "signing-below"));

  indicator = chc_database_find_indicator (fx->database, chc_district_get_id (fx->district),
                                           "signing.coverage", &error);
  g_assert_no_error (error);
  chc_signing_period_parse (fx->period, &year, NULL);
  spec.year = year;
  spec.op = CHC_TARGET_AT_LEAST;
  spec.min_value = 60;
  target = chc_target_new_from_spec (chc_indicator_get_id (indicator), &spec);
  chc_database_set_target (fx->database, target, &error);
  g_assert_no_error (error);
  chc_test_iterate (10);

  g_assert_true (gtk_widget_has_css_class (label, "signing-below"));
  g_assert_nonnull (strstr (chc_ui_get_tooltip (label), "target of 60%"));
  g_assert_true (gtk_widget_has_css_class (chc_signing_view_get_rate_label (fx->view, 0, CHC_SIGNING_COVERAGE),
                                           "signing-below"));
}

static void
count_rows (GtkWidget *widget,
            guint     *shown,
            guint     *all)
{
  if (GTK_IS_LABEL (widget) && g_str_has_suffix (gtk_label_get_text (GTK_LABEL (widget)), "社区卫生服务中心"))
    {
      (*all)++;
      if (gtk_widget_get_visible (widget))
        (*shown)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_rows (child, shown, all);
}

/* Ctrl+F: only the facilities whose name has the text are shown; Escape
 * shows them all again. */
static void
test_search (Fixture       *fx,
             gconstpointer  data)
{
  GtkWidget *entry;
  guint shown = 0, all = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  entry = chc_test_find_type (GTK_WIDGET (fx->view), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "signing.find", NULL));
  chc_test_iterate (50);
  g_assert_true (gtk_widget_is_focus (entry) || gtk_widget_has_focus (gtk_widget_get_focus_child (entry)));

  count_rows (GTK_WIDGET (fx->view), &shown, &all);
  g_assert_cmpuint (shown, ==, all);
  g_assert_cmpuint (all, >=, 12);

  gtk_editable_set_text (GTK_EDITABLE (entry), "徐泾");
  g_signal_emit_by_name (entry, "search-changed");
  shown = all = 0;
  count_rows (GTK_WIDGET (fx->view), &shown, &all);
  g_assert_cmpuint (shown, >=, 2);          /* 徐泾 and 徐泾北, and their branches */
  g_assert_cmpuint (shown, <, all);

  g_signal_emit_by_name (entry, "stop-search");
  shown = all = 0;
  count_rows (GTK_WIDGET (fx->view), &shown, &all);
  g_assert_cmpuint (shown, ==, all);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  chc_test_require_display (have_display);

  g_test_add ("/ui/signing/type-and-save", Fixture, NULL,
              fixture_setup, test_type_and_save, fixture_teardown);
  g_test_add ("/ui/signing/rule-blocks-save", Fixture, NULL,
              fixture_setup, test_rule_blocks_save, fixture_teardown);
  g_test_add ("/ui/signing/undo-and-escape", Fixture, NULL,
              fixture_setup, test_undo_and_escape, fixture_teardown);
  g_test_add ("/ui/signing/warnings-confirmed", Fixture, NULL,
              fixture_setup, test_warnings_confirmed, fixture_teardown);
  g_test_add ("/ui/signing/change-month-asks", Fixture, NULL,
              fixture_setup, test_change_month_asks, fixture_teardown);
  g_test_add ("/ui/signing/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/ui/signing/chart", Fixture, NULL,
              fixture_setup, test_chart, fixture_teardown);
  g_test_add ("/ui/signing/plan-targets", Fixture, NULL,
              fixture_setup, test_plan_targets, fixture_teardown);

  return g_test_run ();
}
