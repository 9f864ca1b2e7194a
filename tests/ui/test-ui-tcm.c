/* test-ui-tcm.c — the TCM rollout view under a display: changing a hall's
 * state through the view changes the coverage and the town matrix.
 * Skips without a display; run it with xvfb-run -a env GTK_A11Y=none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "core/chc-tcm.h"
#include "store/chc-database-tcm.h"
#include "ui/chc-tcm-view.h"

static gboolean have_display;

typedef struct
{
  ChcDatabase *database;
  ChcDistrict *district;
  GtkWindow   *window;
  ChcTcmView  *view;
} Fixture;

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

  fx->view = CHC_TCM_VIEW (chc_tcm_view_new (fx->database));
  chc_tcm_view_set_district (fx->view, fx->district);
  chc_tcm_view_set_year (fx->view, 2025);

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
  g_clear_object (&fx->district);
  g_clear_object (&fx->database);
}

static GtkWidget *
find_row_dropdown (GtkWidget  *widget,
                   const char *facility_name)
{
  if (GTK_IS_DROP_DOWN (widget))
    {
      ChcTcmStatus *status = g_object_get_data (G_OBJECT (widget), "status");

      if (status != NULL &&
          g_strcmp0 (chc_facility_get_name (chc_tcm_status_get_facility (status)), facility_name) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_dropdown (child, facility_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The matrix cell of @town and @measure. */
static GtkWidget *
matrix_cell (ChcTcmView    *view,
             const char    *town,
             ChcTcmMeasure  measure)
{
  GtkGrid *grid = chc_tcm_view_get_matrix (view);

  for (int row = 1; gtk_grid_get_child_at (grid, 0, row) != NULL; row++)
    {
      GtkWidget *label = gtk_grid_get_child_at (grid, 0, row);

      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), town) == 0)
        return gtk_grid_get_child_at (grid, measure + 1, row);
    }
  g_assert_not_reached ();
}

static const char *
matrix_total (ChcTcmView    *view,
              ChcTcmMeasure  measure)
{
  GtkGrid *grid = chc_tcm_view_get_matrix (view);
  int row = 1;

  while (gtk_grid_get_child_at (grid, 0, row + 1) != NULL)
    row++;
  return gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, measure + 1, row)));
}

static const ChcTcmBar *
find_bar (ChcTcmView      *view,
          ChcFacilityType  type,
          ChcTcmBarKind    kind)
{
  GArray *bars = chc_tcm_rollout_get_bars (chc_tcm_view_get_rollout (view));

  for (guint i = 0; i < bars->len; i++)
    {
      const ChcTcmBar *bar = &g_array_index (bars, ChcTcmBar, i);
      if (bar->type == type && bar->kind == kind)
        return bar;
    }
  g_assert_not_reached ();
}

static gint64
facility_id (Fixture    *fx,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcFacility) f = chc_database_find_facility (fx->database, name, chc_district_get_id (fx->district), &error);

  g_assert_no_error (error);
  return chc_facility_get_id (f);
}

/* The row's dropdown: 白鹤's hall, up to standard, goes back to "under
 * construction": one centre fewer with a hall in service, and 白鹤镇 no
 * longer has an up-to-standard hall. */
static void
test_row_dropdown (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dropdown;
  GtkWidget *cell;
  guint halls_before;
  g_autofree char *total_before = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dropdown = find_row_dropdown (GTK_WIDGET (fx->view), "白鹤社区卫生服务中心");
  g_assert_nonnull (dropdown);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, CHC_TCM_STATE_UP_TO_STANDARD);

  cell = matrix_cell (fx->view, "白鹤镇", CHC_TCM_MEASURE_HALL);
  g_assert_true (gtk_widget_has_css_class (cell, "tcm-has"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (cell)), "✔"));
  total_before = g_strdup (matrix_total (fx->view, CHC_TCM_MEASURE_HALL));
  g_assert_cmpstr (total_before, ==, "6 / 11");

  halls_before = find_bar (fx->view, CHC_FACILITY_CENTRE, CHC_TCM_BAR_SITE)->numerator;
  g_assert_cmpuint (halls_before, ==, 11);
  before = g_strdup (chc_tcm_view_get_coverage_text (fx->view));
  g_assert_nonnull (strstr (before, "Centres (12): Hall 11 (91.7 %"));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), CHC_TCM_STATE_BUILDING);
  chc_test_iterate (100);

  g_assert_null (chc_tcm_view_get_error_text (fx->view));
  /* Stored at the end of the year shown. */
  events = chc_database_list_tcm_site_events (fx->database, facility_id (fx, "白鹤社区卫生服务中心"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chc_tcm_site_event_get_date (g_ptr_array_index (events, events->len - 1)), ==, "2025-12-31");
  g_assert_cmpint (chc_tcm_site_event_get_state (g_ptr_array_index (events, events->len - 1)), ==, CHC_TCM_STATE_BUILDING);

  /* Coverage: text and chart data. */
  g_assert_cmpuint (find_bar (fx->view, CHC_FACILITY_CENTRE, CHC_TCM_BAR_SITE)->numerator, ==, halls_before - 1);
  g_assert_cmpstr (chc_tcm_view_get_coverage_text (fx->view), !=, before);
  g_assert_nonnull (strstr (chc_tcm_view_get_coverage_text (fx->view), "Centres (12): Hall 10 (83.3 %"));

  /* Matrix: the cell now says what is missing, in text and colour. */
  cell = matrix_cell (fx->view, "白鹤镇", CHC_TCM_MEASURE_HALL);
  g_assert_true (gtk_widget_has_css_class (cell, "tcm-missing"));
  g_assert_false (gtk_widget_has_css_class (cell, "tcm-has"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cell)), ==, "Missing");
  g_assert_cmpstr (matrix_total (fx->view, CHC_TCM_MEASURE_HALL), ==, "5 / 11");

  /* The row shows the new state, and the row kept its widget. */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, CHC_TCM_STATE_BUILDING);
}

/* A refused change (a planned centre's hall cannot be in service) is
 * shown, and the row's dropdown goes back to the stored state. */
static void
test_row_dropdown_refused (Fixture       *fx,
                           gconstpointer  data)
{
  GtkWidget *dropdown;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  g_assert_true (chc_tcm_view_select_facility (fx->view, facility_id (fx, "西岑社区卫生服务中心")));
  chc_test_iterate (200);
  dropdown = find_row_dropdown (GTK_WIDGET (fx->view), "西岑社区卫生服务中心");
  g_assert_nonnull (dropdown);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), CHC_TCM_STATE_IN_SERVICE);
  chc_test_iterate (50);
  g_assert_nonnull (chc_tcm_view_get_error_text (fx->view));
  g_assert_nonnull (strstr (chc_tcm_view_get_error_text (fx->view), "西岑"));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, CHC_TCM_STATE_NONE);
}

/* Through the view's actions (as the detail pane fires them): 重固's hall
 * up to standard fills 重固镇's cell; closing 徐泾's clinic before the year
 * end lowers the centres' specialty coverage. */
static void
test_actions (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) clinics = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chonggu, xujing;
  guint specialty_before;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  chonggu = facility_id (fx, "重固社区卫生服务中心");
  xujing = facility_id (fx, "徐泾社区卫生服务中心");

  g_assert_true (gtk_widget_has_css_class (matrix_cell (fx->view, "重固镇", CHC_TCM_MEASURE_HALL), "tcm-missing"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "tcm.set-site-state", "(xi)",
                                             chonggu, (gint32) CHC_TCM_STATE_UP_TO_STANDARD));
  chc_test_iterate (50);
  g_assert_null (chc_tcm_view_get_error_text (fx->view));
  g_assert_true (gtk_widget_has_css_class (matrix_cell (fx->view, "重固镇", CHC_TCM_MEASURE_HALL), "tcm-has"));
  g_assert_cmpstr (matrix_total (fx->view, CHC_TCM_MEASURE_HALL), ==, "7 / 11");

  specialty_before = find_bar (fx->view, CHC_FACILITY_CENTRE, CHC_TCM_BAR_SPECIALTY)->numerator;
  clinics = chc_database_list_specialty_clinics (fx->database, xujing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clinics->len, ==, 1);
  g_assert_true (chc_tcm_view_select_facility (fx->view, xujing));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "tcm.close-clinic", "(xs)",
                                             chc_specialty_clinic_get_id (g_ptr_array_index (clinics, 0)),
                                             "2025-11-30"));
  chc_test_iterate (50);
  g_assert_null (chc_tcm_view_get_error_text (fx->view));
  g_assert_cmpuint (find_bar (fx->view, CHC_FACILITY_CENTRE, CHC_TCM_BAR_SPECIALTY)->numerator, ==, specialty_before - 1);
  /* 徐泾北 still has one in 徐泾镇. */
  g_assert_true (gtk_widget_has_css_class (matrix_cell (fx->view, "徐泾镇", CHC_TCM_MEASURE_SPECIALTY), "tcm-has"));

  /* Closing before it opened is refused, and said so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "tcm.reopen-clinic", "x",
                                             chc_specialty_clinic_get_id (g_ptr_array_index (clinics, 0))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "tcm.close-clinic", "(xs)",
                                             chc_specialty_clinic_get_id (g_ptr_array_index (clinics, 0)),
                                             "2024-01-01"));
  chc_test_iterate (50);
  g_assert_nonnull (chc_tcm_view_get_error_text (fx->view));
  g_assert_cmpuint (find_bar (fx->view, CHC_FACILITY_CENTRE, CHC_TCM_BAR_SPECIALTY)->numerator, ==, specialty_before);
}

/* Another year: the list is replaced, the chosen facility stays chosen. */
static void
test_year_change (Fixture       *fx,
                  gconstpointer  data)
{
  gint64 xujing;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  xujing = facility_id (fx, "徐泾社区卫生服务中心");

  g_assert_true (gtk_widget_has_css_class (matrix_cell (fx->view, "金泽镇", CHC_TCM_MEASURE_SPECIALTY), "tcm-has"));
  g_assert_true (chc_tcm_view_select_facility (fx->view, xujing));
  chc_tcm_view_set_year (fx->view, 2024);
  chc_test_iterate (100);
  /* 金泽's clinic opened in 2025; 商榻's in 2024 keeps 金泽镇 covered. */
  g_assert_true (gtk_widget_has_css_class (matrix_cell (fx->view, "金泽镇", CHC_TCM_MEASURE_SPECIALTY), "tcm-has"));
  g_assert_true (gtk_widget_has_css_class (matrix_cell (fx->view, "练塘镇", CHC_TCM_MEASURE_DEMO), "tcm-missing"));
  g_assert_cmpuint (find_bar (fx->view, CHC_FACILITY_CENTRE, CHC_TCM_BAR_SPECIALTY)->numerator, ==, 8);
  g_assert_cmpint (chc_tcm_view_get_selected_facility (fx->view), ==, xujing);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  chc_test_require_display (have_display);

  g_test_add ("/ui/tcm/row-dropdown-changes-coverage-and-matrix", Fixture, NULL,
              fixture_setup, test_row_dropdown, fixture_teardown);
  g_test_add ("/ui/tcm/row-dropdown-refused", Fixture, NULL,
              fixture_setup, test_row_dropdown_refused, fixture_teardown);
  g_test_add ("/ui/tcm/actions", Fixture, NULL, fixture_setup, test_actions, fixture_teardown);
  g_test_add ("/ui/tcm/year-change", Fixture, NULL, fixture_setup, test_year_change, fixture_teardown);

  return g_test_run ();
}
