/* test-ui-reporting.c — the reporting calendar (报送情况, issue 15) in the
 * window on a demo database: its cells and column counts show the states
 * the store returns after a submission and an approval; actions fired
 * from the view (approve a month, return with a comment, lock, unlock with
 * a reason) change the store; Enter on a cell (its button's activation)
 * opens the entry form of that facility and period; the 数据填报 grid keeps
 * a locked facility-month read-only with the lock's reason.  Skips without
 * a display; run it with xvfb-run -a env GTK_A11Y=none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "chc-ui-test-util.h"
#include "core/chc-reporting.h"
#include "store/chc-database-reporting.h"
#include "store/chc-database-values.h"
#include "ui/chc-reporting-view.h"
#include "ui/chc-schedule-dialog.h"
#include "ui/chc-signing-view.h"
#include "ui/chc-tcm-view.h"
#include "ui/chc-values-view.h"
#include "ui/chc-ui-util.h"
#include "ui/chc-window.h"

#define YEAR   2024
#define PERIOD "2024-03"

static gboolean have_display;

typedef struct
{
  ChcDatabase      *database;
  ChcWindow        *window;
  ChcReportingView *view;
  gint64            district_id;
  gint64            centres[2];   /* two centres with a branch centre */
  gint64            branches[2];
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!have_display)
    return;

  fx->database = chc_test_new_demo ();
  fx->window = chc_window_new (NULL, fx->database);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1366, 740);
  gtk_window_present (GTK_WINDOW (fx->window));
  chc_window_set_year (fx->window, YEAR);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-view", "s", "reporting"));
  chc_test_iterate (300);
  g_assert_cmpstr (chc_window_get_view_name (fx->window), ==, "reporting");
  fx->view = CHC_REPORTING_VIEW (chc_window_get_view (fx->window, "reporting"));
  fx->district_id = chc_district_get_id (chc_window_get_district (fx->window));
  chc_reporting_view_set_dataset (fx->view, "signing");
  chc_test_iterate (50);
  g_assert_cmpstr (chc_reporting_view_get_dataset (fx->view), ==, "signing");

  /* centres that have a branch centre */
  facilities = chc_database_list_facilities (fx->database, fx->district_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < facilities->len && n < G_N_ELEMENTS (fx->centres); i++)
    {
      ChcFacility *branch = g_ptr_array_index (facilities, i);

      if (chc_facility_get_facility_type (branch) == CHC_FACILITY_BRANCH &&
          chc_facility_get_status (branch) == CHC_FACILITY_OPERATING &&
          chc_facility_get_parent_id (branch) != 0)
        {
          fx->branches[n] = chc_facility_get_id (branch);
          fx->centres[n++] = chc_facility_get_parent_id (branch);
        }
    }
  g_assert_cmpuint (n, ==, 2);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  if (fx->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fx->window));
  chc_test_iterate (50);
  g_clear_object (&fx->database);
}

/* The short mark of a cell. */
static const char *
cell_text (GtkWidget *button)
{
  GtkWidget *label = chc_test_find_type (button, GTK_TYPE_LABEL);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static GtkWidget *
cell (Fixture *fx,
      gint64   facility_id)
{
  GtkWidget *button = chc_reporting_view_get_cell (fx->view, facility_id, PERIOD);

  g_assert_nonnull (button);
  return button;
}

/* The store's state of one report. */
static ChcReportState
stored_state (Fixture *fx,
              gint64   facility_id,
              char   **comment)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  reports = chc_database_list_reports (fx->database, fx->district_id, "signing", PERIOD, PERIOD, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reports->len; i++)
    {
      ChcReportStatus *status = g_ptr_array_index (reports, i);

      if (status->facility_id == facility_id)
        {
          if (comment != NULL)
            *comment = g_strdup (status->comment);
          return status->state;
        }
    }
  g_assert_not_reached ();
  return CHC_REPORT_STATE_NOT_STARTED;
}

/* The cells and the column count follow what the store says. */
static void
test_states (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *count;
  guint received, expected;
  int n;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  {
    gint64 start = g_get_monotonic_time ();

    chc_reporting_view_set_dataset (fx->view, "tcm_visits");
    chc_reporting_view_set_dataset (fx->view, "signing");
    g_test_message ("two reloads of 16 facilities × 12 months: %.0f ms",
                    (g_get_monotonic_time () - start) / 1000.0);
  }

  /* the demo's signing figures are entered, none submitted */
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->centres[0]), "state-entered"));
  /* a past month not received is overdue: "!" and a red outline */
  g_assert_cmpstr (cell_text (cell (fx, fx->centres[0])), ==, "E!");
  count = chc_reporting_view_get_column_count (fx->view, PERIOD);
  g_assert_nonnull (count);
  g_assert_cmpint (sscanf (count, "%u/%u", &received, &expected), ==, 2);
  g_assert_cmpuint (received, ==, 0);
  g_assert_cmpuint (expected, >=, 12);
  g_assert_nonnull (strstr (chc_reporting_view_get_totals_text (fx->view), "completeness 0.0 %"));
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->centres[0]), "overdue"));

  /* the centre submits (with its branch centre) */
  n = chc_database_submit_reports (fx->database, fx->centres[0], "signing", PERIOD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 2);
  chc_test_iterate (500);
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->centres[0]), "state-submitted"));
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->branches[0]), "state-submitted"));
  g_assert_cmpstr (cell_text (cell (fx, fx->centres[0])), ==, "S");
  g_assert_false (gtk_widget_has_css_class (cell (fx, fx->centres[0]), "overdue"));
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->centres[1]), "state-entered"));
  g_assert_cmpint (sscanf (chc_reporting_view_get_column_count (fx->view, PERIOD), "%u/%u",
                           &received, &expected), ==, 2);
  g_assert_cmpuint (received, ==, 2);
  /* the tooltip says when */
  g_assert_nonnull (strstr (chc_ui_get_tooltip (cell (fx, fx->centres[0])), "Submitted at: "));

  /* the commission approves it: approved and locked */
  n = chc_database_approve_reports (fx->database, fx->district_id, fx->centres[0], "signing", PERIOD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 2);
  chc_test_iterate (500);
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->centres[0]), "state-approved"));
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->centres[0]), "locked"));
  g_assert_nonnull (chc_test_find_named (cell (fx, fx->centres[0]), "lock"));
  g_assert_cmpstr (cell_text (cell (fx, fx->centres[0])), ==, "A");
  g_assert_nonnull (strstr (chc_ui_get_tooltip (cell (fx, fx->centres[0])), "Locked: "));
  g_assert_cmpint (sscanf (chc_reporting_view_get_column_count (fx->view, PERIOD), "%u/%u",
                           &received, &expected), ==, 2);
  g_assert_cmpuint (received, ==, 2);
  chc_test_screenshot ("reporting-states.png");
}

/* The question of Return… or Unlock…: type @text and confirm. */
static void
answer_dialog (Fixture    *fx,
               const char *text)
{
  GtkWidget *dialog = chc_reporting_view_get_dialog (fx->view);
  GtkWidget *entry, *ok;

  g_assert_nonnull (dialog);
  entry = chc_test_find_named (dialog, "text");
  ok = chc_test_find_named (dialog, "ok");
  g_assert_nonnull (entry);
  g_assert_nonnull (ok);
  g_assert_false (gtk_widget_get_sensitive (ok));   /* not without a text */
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_assert_true (gtk_widget_get_sensitive (ok));
  gtk_widget_activate (ok);   /* a GtkButton clicks 250 ms after */
  chc_test_iterate (600);
  g_assert_null (chc_reporting_view_get_dialog (fx->view));
}

/* Actions fired from the view change the store. */
static void
test_actions (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *why = NULL;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  /* Submit on a cell */
  g_assert_true (chc_reporting_view_select (fx->view, fx->centres[0], PERIOD));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "reporting.submit", NULL));
  chc_test_iterate (500);
  g_assert_cmpint (stored_state (fx, fx->centres[0], NULL), ==, CHC_REPORT_STATE_SUBMITTED);
  g_assert_cmpint (stored_state (fx, fx->branches[0], NULL), ==, CHC_REPORT_STATE_SUBMITTED);
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->centres[0]), "state-submitted"));
  g_assert_cmpint (chc_database_submit_reports (fx->database, fx->centres[1], "signing", PERIOD, &error), >, 0);
  g_assert_no_error (error);
  chc_test_iterate (500);

  /* Return… the second centre with a comment */
  g_assert_true (chc_reporting_view_select (fx->view, fx->centres[1], PERIOD));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "reporting.return", NULL));
  answer_dialog (fx, "签约人数与上月相差过大，请核对");
  g_assert_cmpint (stored_state (fx, fx->centres[1], &comment), ==, CHC_REPORT_STATE_RETURNED);
  g_assert_cmpstr (comment, ==, "签约人数与上月相差过大，请核对");
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->centres[1]), "state-returned"));
  g_assert_nonnull (strstr (chc_ui_get_tooltip (cell (fx, fx->centres[1])), "签约人数与上月相差过大"));

  /* Approve the whole month (the column): the submitted ones */
  g_assert_true (chc_reporting_view_select (fx->view, 0, PERIOD));
  g_assert_false (chc_test_action_enabled (GTK_WIDGET (fx->view), "reporting.return"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "reporting.approve", NULL));
  chc_test_iterate (500);
  g_assert_cmpint (stored_state (fx, fx->centres[0], NULL), ==, CHC_REPORT_STATE_APPROVED);
  g_assert_cmpint (stored_state (fx, fx->branches[0], NULL), ==, CHC_REPORT_STATE_APPROVED);
  g_assert_cmpint (stored_state (fx, fx->centres[1], NULL), ==, CHC_REPORT_STATE_RETURNED);
  g_assert_true (chc_database_is_locked (fx->database, fx->centres[0], "signing", PERIOD, NULL));
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->centres[0]), "state-approved"));
  g_assert_nonnull (chc_reporting_view_get_message (fx->view));

  /* Approving again: nothing submitted is the store's refusal, shown */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "reporting.approve", NULL));
  chc_test_iterate (50);
  g_assert_false (chc_database_period_is_locked (fx->database, fx->district_id, PERIOD));

  /* Lock Period, then Unlock… with a reason */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "reporting.lock", NULL));
  chc_test_iterate (500);
  g_assert_true (chc_database_period_is_locked (fx->database, fx->district_id, PERIOD));
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->centres[1]), "locked"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "reporting.unlock", NULL));
  answer_dialog (fx, "区统计口径调整");
  g_assert_false (chc_database_period_is_locked (fx->database, fx->district_id, PERIOD));
  g_assert_false (chc_database_is_locked (fx->database, fx->centres[0], "signing", PERIOD, &why));
  g_assert_cmpint (stored_state (fx, fx->centres[0], NULL), ==, CHC_REPORT_STATE_SUBMITTED);
  g_assert_cmpint (chc_test_query_int (fx->database,
                                       "SELECT count(*) FROM audit WHERE origin LIKE '%区统计口径调整%'"), >, 0);
}

/* Enter on a cell (the button's activation) opens the entry form of that
 * facility and period. */
static void
test_open (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *view, *focus;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  /* signing: the signing grid at that month, in the facility's row —
   * read-only once approved */
  g_assert_cmpint (chc_database_submit_reports (fx->database, fx->centres[0], "signing", PERIOD, &error), ==, 2);
  g_assert_cmpint (chc_database_approve_reports (fx->database, fx->district_id, fx->centres[0], "signing",
                                                 PERIOD, &error), ==, 2);
  g_assert_no_error (error);
  chc_test_iterate (500);
  g_assert_true (chc_reporting_view_select (fx->view, fx->branches[0], PERIOD));
  gtk_widget_activate (cell (fx, fx->branches[0]));
  chc_test_iterate (400);
  g_assert_cmpstr (chc_window_get_view_name (fx->window), ==, "signing");
  view = chc_window_get_view (fx->window, "signing");
  g_assert_cmpstr (chc_signing_view_get_period (CHC_SIGNING_VIEW (view)), ==, PERIOD);
  focus = gtk_root_get_focus (GTK_ROOT (fx->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == chc_signing_view_get_cell (CHC_SIGNING_VIEW (view), fx->branches[0], 0) ||
                 gtk_widget_is_ancestor (focus, chc_signing_view_get_cell (CHC_SIGNING_VIEW (view), fx->branches[0], 0)));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (chc_signing_view_get_cell (CHC_SIGNING_VIEW (view),
                                                                                      fx->branches[0], 0))));
  g_assert_nonnull (strstr (chc_ui_get_tooltip (chc_signing_view_get_cell (CHC_SIGNING_VIEW (view), fx->branches[0], 0)),
                            "Locked: "));
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (chc_signing_view_get_cell (CHC_SIGNING_VIEW (view),
                                                                                     fx->centres[1], 0))));

  /* another data set: the 数据填报 grid of that data set and month */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-view", "s", "reporting"));
  chc_test_iterate (500);
  chc_reporting_view_set_dataset (fx->view, "monthly_outpatient");
  chc_test_iterate (50);
  gtk_widget_activate (cell (fx, fx->centres[1]));
  chc_test_iterate (400);
  g_assert_cmpstr (chc_window_get_view_name (fx->window), ==, "values");
  view = chc_window_get_view (fx->window, "values");
  g_assert_cmpstr (chc_values_view_get_data_set (CHC_VALUES_VIEW (view)), ==, "monthly_outpatient");
  g_assert_cmpstr (chc_values_view_get_period (CHC_VALUES_VIEW (view)), ==, PERIOD);

  /* TCM: its view, at the facility */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-view", "s", "reporting"));
  chc_test_iterate (500);
  chc_reporting_view_set_dataset (fx->view, "tcm_visits");
  chc_test_iterate (50);
  gtk_widget_activate (cell (fx, fx->centres[1]));
  chc_test_iterate (400);
  g_assert_cmpstr (chc_window_get_view_name (fx->window), ==, "tcm");
  view = chc_window_get_view (fx->window, "tcm");
  g_assert_cmpint (chc_tcm_view_get_selected_facility (CHC_TCM_VIEW (view)), ==, fx->centres[1]);
}

/* Sends @keyval to the grid's key controller, as a key press would. */
static void
press (Fixture *fx,
       guint    keyval)
{
  GtkWidget *grid = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fx->view), CHC_TYPE_REPORTING_VIEW, "grid"));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (grid);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        g_signal_emit_by_name (c, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
  chc_test_iterate (50);
}

/* The keyboard: the view puts the focus on a cell, the arrow keys move it
 * (and the selection), Up from the first row selects the whole month. */
static void
test_keyboard (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *focus;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-view", "s", "dashboard"));
  chc_test_iterate (200);
  /* a change while the view is hidden is there when it is shown again */
  g_assert_cmpint (chc_database_submit_reports (fx->database, fx->centres[1], "signing", PERIOD, &error), >, 0);
  g_assert_no_error (error);
  chc_test_iterate (100);
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->centres[1]), "state-entered"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-view", "s", "reporting"));
  chc_test_iterate (500);
  g_assert_true (gtk_widget_has_css_class (cell (fx, fx->centres[1]), "state-submitted"));
  focus = gtk_root_get_focus (GTK_ROOT (fx->window));
  g_assert_nonnull (focus);
  /* a past year: the focus on the period being chased, December */
  g_assert_true (g_object_get_data (G_OBJECT (focus), "chc-cell") != NULL);
  g_assert_cmpstr (chc_reporting_view_get_selected_period (fx->view), ==, "2024-12");

  g_assert_true (chc_reporting_view_select (fx->view, fx->centres[0], "2024-02"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fx->window)) == chc_reporting_view_get_cell (fx->view, fx->centres[0], "2024-02"));
  press (fx, GDK_KEY_Right);
  g_assert_cmpstr (chc_reporting_view_get_selected_period (fx->view), ==, "2024-03");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fx->window)) == chc_reporting_view_get_cell (fx->view, fx->centres[0], PERIOD));
  press (fx, GDK_KEY_Down);
  g_assert_cmpint (chc_reporting_view_get_selected_facility (fx->view), ==, fx->branches[0]);
  press (fx, GDK_KEY_Left);
  g_assert_cmpstr (chc_reporting_view_get_selected_period (fx->view), ==, "2024-02");
  press (fx, GDK_KEY_Up);
  g_assert_cmpint (chc_reporting_view_get_selected_facility (fx->view), ==, fx->centres[0]);
}

/* A town filter keeps that town's facilities; the counts follow. */
static void
test_town_filter (Fixture       *fx,
                  gconstpointer  data)
{
  GtkDropDown *towns;
  GtkStringList *list;
  guint received, expected, all_expected;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  g_assert_cmpint (sscanf (chc_reporting_view_get_column_count (fx->view, PERIOD), "%u/%u",
                           &received, &all_expected), ==, 2);
  towns = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (fx->view), CHC_TYPE_REPORTING_VIEW,
                                                        "town_dropdown"));
  list = GTK_STRING_LIST (gtk_drop_down_get_model (towns));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 2);
  gtk_drop_down_set_selected (towns, 1);
  chc_test_iterate (50);
  g_assert_cmpint (sscanf (chc_reporting_view_get_column_count (fx->view, PERIOD), "%u/%u",
                           &received, &expected), ==, 2);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, all_expected);
  gtk_drop_down_set_selected (towns, 0);
  chc_test_iterate (50);
  g_assert_cmpint (sscanf (chc_reporting_view_get_column_count (fx->view, PERIOD), "%u/%u",
                           &received, &expected), ==, 2);
  g_assert_cmpuint (expected, ==, all_expected);
}

/* The 数据填报 grid keeps a locked facility-month read-only, with the
 * lock's reason; the others stay editable. */
static void
test_locked_values (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  const char *element = NULL;
  GtkWidget *locked, *open, *view;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  g_assert_cmpint (chc_database_submit_reports (fx->database, fx->centres[0], "monthly_outpatient", PERIOD, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (chc_database_approve_reports (fx->database, fx->district_id, fx->centres[0],
                                                 "monthly_outpatient", PERIOD, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-view", "s", "values"));
  chc_test_iterate (200);
  view = chc_window_get_view (fx->window, "values");
  chc_values_view_set_data_set (CHC_VALUES_VIEW (view), "monthly_outpatient");
  chc_values_view_set_period (CHC_VALUES_VIEW (view), PERIOD);
  chc_test_iterate (200);

  elements = chc_database_list_elements (fx->database, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < elements->len && element == NULL; i++)
    {
      ChcElement *e = g_ptr_array_index (elements, i);

      if (chc_values_view_get_cell (CHC_VALUES_VIEW (view), fx->centres[0], e->code) != NULL)
        element = e->code;
    }
  g_assert_nonnull (element);
  locked = chc_values_view_get_cell (CHC_VALUES_VIEW (view), fx->centres[0], element);
  open = chc_values_view_get_cell (CHC_VALUES_VIEW (view), fx->centres[1], element);
  g_assert_nonnull (open);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (locked)));
  g_assert_true (gtk_widget_has_css_class (locked, "locked"));
  g_assert_nonnull (strstr (chc_ui_get_tooltip (locked), "Locked: "));
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (open)));
  chc_test_screenshot ("reporting-locked-values.png");

  /* a lock made while the grid is shown: it follows */
  g_assert_cmpint (chc_database_submit_reports (fx->database, fx->centres[1], "monthly_outpatient", PERIOD, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (chc_database_approve_reports (fx->database, fx->district_id, fx->centres[1],
                                                 "monthly_outpatient", PERIOD, &error), >, 0);
  g_assert_no_error (error);
  chc_test_iterate (300);
  open = chc_values_view_get_cell (CHC_VALUES_VIEW (view), fx->centres[1], element);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (open)));

  /* a lock made while a figure is being typed: the typing is kept, the
   * save is refused with the store's words and nothing is written */
  g_assert_cmpint (chc_database_unlock_period (fx->database, fx->district_id, fx->centres[1], PERIOD,
                                               "重新核对", &error), >, 0);
  g_assert_no_error (error);
  chc_test_iterate (300);
  open = chc_values_view_get_cell (CHC_VALUES_VIEW (view), fx->centres[1], element);
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (open)));
  chc_test_type_into_cell (open, "4321");
  g_assert_true (chc_values_view_has_unsaved_changes (CHC_VALUES_VIEW (view)));
  g_assert_true (chc_database_lock_period (fx->database, fx->district_id, PERIOD, &error));
  g_assert_no_error (error);
  chc_test_iterate (300);
  g_assert_true (chc_values_view_has_unsaved_changes (CHC_VALUES_VIEW (view)));
  g_assert_true (gtk_widget_activate_action (view, "values.save", NULL));
  chc_test_iterate (200);
  g_test_message ("%s", chc_values_view_get_status_text (CHC_VALUES_VIEW (view)));
  g_assert_nonnull (strstr (chc_values_view_get_status_text (CHC_VALUES_VIEW (view)), "Nothing was written"));
  g_assert_true (chc_values_view_has_unsaved_changes (CHC_VALUES_VIEW (view)));
  chc_values_view_discard_changes (CHC_VALUES_VIEW (view));
  chc_test_iterate (100);
  open = chc_values_view_get_cell (CHC_VALUES_VIEW (view), fx->centres[1], element);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (open)), !=, "4321");
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (open)));
}

static gboolean
is_save_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Save") == 0;
}

/* The schedule dialog: the due day of a data set changed there is the
 * store's, and the reports' due dates follow it. */
static void
test_schedule (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  GListModel *toplevels;
  GtkWidget *dialog = NULL;
  GtkWidget *spin;
  GtkWidget *save;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "reporting.schedule", NULL));
  chc_test_iterate (200);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (CHC_IS_SCHEDULE_DIALOG (w))
        dialog = GTK_WIDGET (w);
    }
  g_assert_nonnull (dialog);
  chc_test_screenshot ("reporting-schedule.png");

  /* the first row is the signing data set: due on the 10th */
  spin = chc_test_find_type (dialog, GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 10);
  save = chc_test_find_widget (dialog, is_save_button, NULL, FALSE);
  g_assert_nonnull (save);
  g_signal_emit_by_name (save, "clicked");
  chc_test_iterate (200);

  schedules = chc_database_list_schedules (fx->database, fx->district_id, NULL);
  g_assert_cmpstr (((ChcReportSchedule *) g_ptr_array_index (schedules, 0))->dataset, ==, "signing");
  g_assert_cmpint (((ChcReportSchedule *) g_ptr_array_index (schedules, 0))->due_day, ==, 10);
  g_assert_true (((ChcReportSchedule *) g_ptr_array_index (schedules, 0))->customized);
  reports = chc_database_list_reports (fx->database, fx->district_id, "signing", PERIOD, PERIOD, NULL);
  g_assert_cmpuint (reports->len, >, 0);
  g_assert_cmpstr (((ChcReportStatus *) g_ptr_array_index (reports, 0))->due_date, ==, "2024-04-10");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  chc_test_require_display (have_display);
  chc_test_bind_locale ();

  g_test_add ("/ui/reporting/states", Fixture, NULL, fixture_setup, test_states, fixture_teardown);
  g_test_add ("/ui/reporting/actions", Fixture, NULL, fixture_setup, test_actions, fixture_teardown);
  g_test_add ("/ui/reporting/open", Fixture, NULL, fixture_setup, test_open, fixture_teardown);
  g_test_add ("/ui/reporting/keyboard", Fixture, NULL, fixture_setup, test_keyboard, fixture_teardown);
  g_test_add ("/ui/reporting/town-filter", Fixture, NULL, fixture_setup, test_town_filter, fixture_teardown);
  g_test_add ("/ui/reporting/locked-values", Fixture, NULL, fixture_setup, test_locked_values, fixture_teardown);
  g_test_add ("/ui/reporting/schedule", Fixture, NULL, fixture_setup, test_schedule, fixture_teardown);

  return g_test_run ();
}
