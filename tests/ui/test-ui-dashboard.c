/* test-ui-dashboard.c — the Dashboard view in a window on the demo
 * database: it lists the indicators of the chosen district, recomputes off
 * the main thread when the data changes, and opens the data behind a row.
 *
 * Runs under xvfb-run (tests/ui/meson.build); skips without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "store/chc-database-plans.h"
#include "ui/chc-dashboard-view.h"
#include "ui/chc-targets-dialog.h"

static gboolean have_display;

typedef struct
{
  ChcDatabase      *db;
  GtkWindow        *window;
  ChcDashboardView *view;
} Fixture;

/* ---- helpers ---------------------------------------------------------- */

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
updated_cb (ChcDashboardView *view,
            gboolean         *updated)
{
  *updated = TRUE;
}

/* Runs the main loop until the view shows new results (10 s at most). */
static void
wait_updated (Fixture *fx)
{
  gboolean updated = FALSE, timed_out = FALSE;
  gulong handler = g_signal_connect (fx->view, "updated", G_CALLBACK (updated_cb), &updated);
  guint timeout = g_timeout_add (10000, timeout_cb, &timed_out);

  while (!updated && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (fx->view, handler);
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_true (updated);
  /* Let the list lay out and draw. */
  for (int i = 0; i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static ChcDistrict *
district (Fixture    *fx,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  ChcDistrict *d = chc_database_find_district (fx->db, name, &error);

  g_assert_no_error (error);
  return d;
}

static ChcIndicatorResult *
result_for (Fixture    *fx,
            const char *code,
            guint      *position)
{
  GListModel *results = chc_dashboard_view_get_results (fx->view);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(ChcIndicatorResult) r = g_list_model_get_item (results, i);

      if (g_str_equal (chc_indicator_get_code (chc_indicator_result_get_indicator (r)), code))
        {
          if (position != NULL)
            *position = i;
          return g_steal_pointer (&r);
        }
    }
  return NULL;
}

static GtkListBox *
list_box (Fixture *fx)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fx->view), CHC_TYPE_DASHBOARD_VIEW, "list_box");

  g_assert_true (GTK_IS_LIST_BOX (child));
  return GTK_LIST_BOX (child);
}

/* The label named @name in @row (name, value, target, status). */
static const char *
row_label (GtkListBoxRow *row,
           const char    *name)
{
  GtkWidget *box = gtk_list_box_row_get_child (row);

  for (GtkWidget *child = gtk_widget_get_first_child (box); child; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
      return gtk_label_get_label (GTK_LABEL (child));
  g_error ("no %s in the row", name);
  return NULL;
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  if (!have_display)
    return;

  fx->db = chc_test_new_demo ();
  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, 1000, 700);
  fx->view = CHC_DASHBOARD_VIEW (chc_dashboard_view_new ());
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->view));
  gtk_window_present (fx->window);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  if (!have_display)
    return;

  /* Let a computation still running finish before closing. */
  while (chc_dashboard_view_get_busy (fx->view))
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (fx->window);
  g_clear_object (&fx->db);
}

static void
show (Fixture    *fx,
      const char *district_name,
      int         year)
{
  g_autoptr(ChcDistrict) d = district (fx, district_name);

  g_object_set (fx->view, "database", fx->db, "district", d, "year", year, NULL);
  wait_updated (fx);
}

/* ---- tests ------------------------------------------------------------------- */

static void
test_lists_district_indicators (Fixture       *fx,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(ChcDistrict) qingpu = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcIndicatorResult) rehab = NULL;
  GListModel *results;
  GtkListBoxRow *row;
  guint position = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  show (fx, "Qingpu", 2024);
  qingpu = district (fx, "Qingpu");
  expected = chc_database_list_district_indicators (fx->db, chc_district_get_id (qingpu), 2024, &error);
  g_assert_no_error (error);

  results = chc_dashboard_view_get_results (fx->view);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, expected->len);
  g_assert_cmpuint (expected->len, >=, 15);

  /* Every indicator of Qingpu's plan, none of another district's. */
  for (guint i = 0; i < expected->len; i++)
    {
      const char *code = chc_indicator_get_code (g_ptr_array_index (expected, i));
      g_autoptr(ChcIndicatorResult) r = result_for (fx, code, NULL);

      g_assert_nonnull (r);
      g_assert_cmpint (chc_indicator_result_get_year (r), ==, 2024);
      g_assert_nonnull (chc_indicator_result_get_trend (r));
    }
  g_assert_null (result_for (fx, "construction.stations_floor_area_200", NULL));   /* Changning's */

  /* Grouped by area: construction first, then signing, TCM, capabilities,
   * referral, people, outcomes and reporting last. */
  {
    static const ChcIndicatorArea order[] = {
      CHC_AREA_CONSTRUCTION, CHC_AREA_SIGNING, CHC_AREA_TCM, CHC_AREA_CAPABILITY, CHC_AREA_REFERRAL,
      CHC_AREA_WORKFORCE, CHC_AREA_OUTCOME, CHC_AREA_REPORTING,
    };
    guint previous = 0;

    for (guint i = 0; i < g_list_model_get_n_items (results); i++)
      {
        g_autoptr(ChcIndicatorResult) r = g_list_model_get_item (results, i);
        ChcIndicatorArea area = chc_indicator_get_area (chc_indicator_result_get_indicator (r));
        guint rank = 0;

        while (rank < G_N_ELEMENTS (order) && order[rank] != area)
          rank++;
        g_assert_cmpuint (rank, <, G_N_ELEMENTS (order));
        g_assert_cmpuint (rank, >=, previous);
        previous = rank;
      }
  }

  /* One row per indicator, with the name, value, target and status as
   * text; the first row of each area has the area's heading. */
  g_assert_null (gtk_list_box_get_row_at_index (list_box (fx), expected->len));
  rehab = result_for (fx, "capability.rehab_demo", &position);
  row = gtk_list_box_get_row_at_index (list_box (fx), position);
  g_assert_nonnull (row);
  g_assert_cmpstr (row_label (row, "name"), ==, "Demonstration rehabilitation centres (cumulative)");
  g_assert_cmpstr (row_label (row, "value"), ==, "3");
  g_assert_cmpstr (row_label (row, "target"), ==, "Target ≥ 3");
  g_assert_cmpstr (row_label (row, "status"), ==, "● Met");

  {
    g_autoptr(ChcIndicatorResult) r = result_for (fx, "signing.coverage", &position);
    GtkWidget *header;

    /* The demo's signing figures (branch signing): Qingpu's stock at the
     * end of 2024, sums of the facilities' December figures. */
    row = gtk_list_box_get_row_at_index (list_box (fx), position);
    g_assert_cmpstr (row_label (row, "value"), ==, "45.5%");
    g_assert_cmpstr (row_label (row, "status"), ==, "● Met");
    header = gtk_list_box_row_get_header (row);
    g_assert_true (GTK_IS_LABEL (header));
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (header)), ==, "Family-doctor signing");
  }
  {
    g_autoptr(ChcIndicatorResult) r = result_for (fx, "capability.chronic_support", &position);

    row = gtk_list_box_get_row_at_index (list_box (fx), position);
    g_assert_cmpstr (row_label (row, "value"), ==, "5");
    g_assert_cmpstr (row_label (row, "status"), ==, "▲ Behind");
    g_assert_true (gtk_widget_has_css_class (gtk_widget_get_next_sibling (gtk_widget_get_first_child (gtk_list_box_row_get_child (row))), "numeric"));
  }
  {
    g_autoptr(ChcIndicatorResult) r = result_for (fx, "tcm.demo_stations", &position);

    /* No target in 2024 (the plan sets 7–10 for 2025). */
    row = gtk_list_box_get_row_at_index (list_box (fx), position);
    g_assert_cmpstr (row_label (row, "target"), ==, "No target this year");
  }
}

static void
test_switch_district_and_year (Fixture       *fx,
                               gconstpointer  data)
{
  g_autoptr(ChcDistrict) changning = NULL;
  g_autoptr(ChcIndicatorResult) key = NULL;
  g_autoptr(ChcIndicatorResult) demo = NULL;
  guint position;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  show (fx, "Qingpu", 2025);
  demo = result_for (fx, "tcm.demo_stations", &position);
  g_assert_nonnull (demo);
  g_assert_cmpstr (row_label (gtk_list_box_get_row_at_index (list_box (fx), position), "target"), ==, "Target 7–10");

  changning = district (fx, "长宁");
  g_object_set (fx->view, "district", changning, NULL);
  wait_updated (fx);
  key = result_for (fx, "signing.key_coverage", &position);
  g_assert_nonnull (key);
  g_assert_cmpstr (row_label (gtk_list_box_get_row_at_index (list_box (fx), position), "target"), ==, "Target ≥ 80%");
  g_assert_null (result_for (fx, "tcm.demo_stations", NULL));

  /* A year no plan covers: an empty list and a sentence. */
  g_object_set (fx->view, "year", 2030, NULL);
  wait_updated (fx);
  g_assert_cmpuint (g_list_model_get_n_items (chc_dashboard_view_get_results (fx->view)), ==, 0);
}

/* A change in the database recomputes in the worker: the main loop is free
 * while it runs, and the new value shows. */
static void
test_recompute_on_change (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(ChcIndicatorResult) before = NULL;
  g_autoptr(ChcIndicatorResult) after = NULL;
  g_autoptr(ChcFacility) yingpu = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ticked = FALSE;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  show (fx, "Qingpu", 2024);
  before = result_for (fx, "capability.rehab_demo", NULL);
  g_assert_cmpfloat (chc_indicator_result_get_value (before), ==, 3);

  yingpu = chc_database_find_facility (fx->db, "盈浦社区卫生服务中心", 0, &error);
  g_assert_no_error (error);
  g_assert_true (chc_database_set_capability (fx->db, chc_facility_get_id (yingpu),
                                              CHC_CAPABILITY_REHAB_DEMO, 2024, &error));
  g_assert_no_error (error);

  /* The signal started the computation; it runs in another thread. */
  g_assert_true (chc_dashboard_view_get_busy (fx->view));
  g_idle_add (timeout_cb, &ticked);
  wait_updated (fx);
  g_assert_true (ticked);
  g_assert_false (chc_dashboard_view_get_busy (fx->view));

  after = result_for (fx, "capability.rehab_demo", NULL);
  g_assert_cmpfloat (chc_indicator_result_get_value (after), ==, 4);

  /* F5 / the action computes again too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "dashboard.refresh", NULL));
  g_assert_true (chc_dashboard_view_get_busy (fx->view));
  wait_updated (fx);
}

typedef struct
{
  char *view;
  char *filter;
} ShowData;

static void
show_data_cb (ChcDashboardView *view,
              const char       *page,
              const char       *filter,
              ShowData         *out)
{
  g_free (out->view);
  g_free (out->filter);
  out->view = g_strdup (page);
  out->filter = g_strdup (filter);
}

static void
activate (Fixture    *fx,
          const char *code)
{
  g_autoptr(ChcIndicatorResult) r = NULL;
  guint position = 0;

  r = result_for (fx, code, &position);
  g_assert_nonnull (r);
  g_signal_emit_by_name (list_box (fx), "row-activated",
                         gtk_list_box_get_row_at_index (list_box (fx), position));
}

static void
test_show_data (Fixture       *fx,
                gconstpointer  data)
{
  ShowData out = { NULL, NULL };
  g_autoptr(ChcDistrict) qingpu = NULL;
  g_autofree char *expected = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  show (fx, "Qingpu", 2024);
  qingpu = district (fx, "Qingpu");
  g_signal_connect (fx->view, "show-data", G_CALLBACK (show_data_cb), &out);

  activate (fx, "signing.coverage");
  g_assert_cmpstr (out.view, ==, "signing");
  expected = g_strdup_printf ("district=%" G_GINT64_FORMAT ";year=2024;indicator=signing.coverage;"
                              "scope=centre,branch;condition=signing.signed_residents/signing.resident_population",
                              chc_district_get_id (qingpu));
  g_assert_cmpstr (out.filter, ==, expected);

  activate (fx, "capability.ct");
  g_assert_cmpstr (out.view, ==, "facilities");
  g_assert_true (g_str_has_suffix (out.filter, ";indicator=capability.ct;scope=centre;condition=capability:ct"));

  activate (fx, "tcm.specialty_coverage");
  g_assert_cmpstr (out.view, ==, "tcm");

  /* An indicator over data elements opens the entry grid of values
   * (issue 13: it had no data source before). */
  activate (fx, "other.referral_slots");
  g_assert_cmpstr (out.view, ==, "values");

  g_free (out.view);
  g_free (out.filter);
}

static ChcTargetsDialog *
find_targets_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (CHC_IS_TARGETS_DIALOG (window))
        return CHC_TARGETS_DIALOG (window);
    }
  return NULL;
}

static char *
stored_target (Fixture    *fx,
               const char *district_name,
               const char *code,
               int         year)
{
  g_autoptr(ChcDistrict) d = district (fx, district_name);
  g_autoptr(ChcIndicator) indicator = chc_database_find_indicator (fx->db, chc_district_get_id (d), code, NULL);
  g_autoptr(GPtrArray) targets = chc_database_list_targets (fx->db, chc_indicator_get_id (indicator), NULL);

  for (guint i = 0; i < targets->len; i++)
    if (chc_target_get_year (g_ptr_array_index (targets, i)) == year)
      {
        ChcTargetSpec spec;
        chc_target_get_spec (g_ptr_array_index (targets, i), &spec);
        return chc_target_spec_format (&spec);
      }
  return NULL;
}

static void
type_target (GtkEntry   *entry,
             const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

/* The Edit Targets dialog: a target typed is validated and stored, the
 * Dashboard follows; an indicator of one's own is added. */
static void
test_edit_targets (Fixture       *fx,
                   gconstpointer  data)
{
  ChcTargetsDialog *dialog;
  GtkEntry *entry;
  g_autofree char *stored = NULL;
  guint position = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  show (fx, "Qingpu", 2025);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "dashboard.edit-targets", NULL));
  dialog = find_targets_dialog ();
  g_assert_nonnull (dialog);

  entry = chc_targets_dialog_get_entry (dialog, "signing.coverage", 2025);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "46");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (chc_targets_dialog_get_entry (dialog, "tcm.demo_stations", 2025))),
                   ==, "7-10");

  /* A valid target: stored, shown as written, and the Dashboard recomputes. */
  type_target (entry, ">= 47.5");
  stored = stored_target (fx, "Qingpu", "signing.coverage", 2025);
  g_assert_cmpstr (stored, ==, "47.5");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "47.5");
  wait_updated (fx);
  {
    g_autoptr(ChcIndicatorResult) r = result_for (fx, "signing.coverage", &position);
    g_assert_cmpstr (row_label (gtk_list_box_get_row_at_index (list_box (fx), position), "target"), ==, "Target ≥ 47.5%");
  }

  /* A percentage above 100: refused, the entry marked, nothing stored. */
  type_target (entry, "120");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (entry)), "between 0 and 100"));
  g_clear_pointer (&stored, g_free);
  stored = stored_target (fx, "Qingpu", "signing.coverage", 2025);
  g_assert_cmpstr (stored, ==, "47.5");

  /* A range with min > max on a count. */
  entry = chc_targets_dialog_get_entry (dialog, "tcm.demo_stations", 2025);
  type_target (entry, "10-7");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));

  /* Emptied: the target is removed. */
  entry = chc_targets_dialog_get_entry (dialog, "other.referral_slots", 2023);
  type_target (entry, "");
  g_clear_pointer (&stored, g_free);
  stored = stored_target (fx, "Qingpu", "other.referral_slots", 2023);
  g_assert_null (stored);
  wait_updated (fx);

  /* An indicator of one's own: centres with a dental clinic (a count). */
  {
    GtkWidget *w = GTK_WIDGET (dialog);

    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (w, CHC_TYPE_TARGETS_DIALOG, "code_entry")), "other.dental");
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (w, CHC_TYPE_TARGETS_DIALOG, "name_zh_entry")), "设置口腔诊室的中心");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (w, CHC_TYPE_TARGETS_DIALOG, "method_dropdown")), 1);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (w, CHC_TYPE_TARGETS_DIALOG, "unit_dropdown")), 0);
    {
      g_auto(GStrv) names = chc_database_list_conditions ();
      guint i = 0;

      while (!g_str_equal (names[i], "capability:dental"))
        i++;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (w, CHC_TYPE_TARGETS_DIALOG, "condition_dropdown")), i);
    }

    /* A percent unit for a count is refused, with the reason. */
    g_assert_true (gtk_widget_activate_action (w, "targets.add-indicator", NULL));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (w, CHC_TYPE_TARGETS_DIALOG, "form_error_label"))));
    g_assert_null (chc_targets_dialog_get_entry (dialog, "other.dental", 2025));

    gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (w, CHC_TYPE_TARGETS_DIALOG, "unit_dropdown")), 1);
    g_assert_true (gtk_widget_activate_action (w, "targets.add-indicator", NULL));
    entry = chc_targets_dialog_get_entry (dialog, "other.dental", 2025);
    g_assert_nonnull (entry);
    wait_updated (fx);
    type_target (entry, "3");
    wait_updated (fx);
  }
  {
    g_autoptr(ChcIndicatorResult) r = result_for (fx, "other.dental", &position);

    g_assert_nonnull (r);
    /* 夏阳 has a dental clinic since 2024 in the demo. */
    g_assert_cmpfloat (chc_indicator_result_get_value (r), ==, 1);
    g_assert_cmpint (chc_indicator_result_get_status (r), ==, CHC_STATUS_BEHIND);
    g_assert_cmpstr (row_label (gtk_list_box_get_row_at_index (list_box (fx), position), "name"), ==, "设置口腔诊室的中心");
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  chc_test_require_display (have_display);

  g_test_add ("/ui/dashboard/lists-district-indicators", Fixture, NULL,
              fixture_setup, test_lists_district_indicators, fixture_teardown);
  g_test_add ("/ui/dashboard/switch-district-and-year", Fixture, NULL,
              fixture_setup, test_switch_district_and_year, fixture_teardown);
  g_test_add ("/ui/dashboard/recompute-on-change", Fixture, NULL,
              fixture_setup, test_recompute_on_change, fixture_teardown);
  g_test_add ("/ui/dashboard/show-data", Fixture, NULL,
              fixture_setup, test_show_data, fixture_teardown);
  g_test_add ("/ui/dashboard/edit-targets", Fixture, NULL,
              fixture_setup, test_edit_targets, fixture_teardown);

  return g_test_run ();
}
