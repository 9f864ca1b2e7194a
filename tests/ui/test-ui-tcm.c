/* test-ui-tcm.c — the TCM rollout view under a display: changing a hall's
 * state through the view changes the coverage and the town matrix.
 * Skips without a display; run it with xvfb-run -a env GTK_A11Y=none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <string.h>
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "chc-ui-test-util.h"
#include "core/chc-tcm.h"
#include "store/chc-database-tcm.h"
#include "ui/chc-tcm-view.h"
#include "ui/chc-toast.h"

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

static gboolean
is_row_button (GtkWidget     *widget,
               gconstpointer  facility_name)
{
  ChcTcmStatus *status;

  if (!GTK_IS_MENU_BUTTON (widget) || !gtk_widget_has_css_class (widget, "tcm-row-state"))
    return FALSE;
  status = g_object_get_data (G_OBJECT (widget), "status");
  return status != NULL &&
         g_strcmp0 (chc_facility_get_name (chc_tcm_status_get_facility (status)), facility_name) == 0;
}

/* The state button of the facility's row. */
static GtkWidget *
find_row_dropdown (GtkWidget  *widget,
                   const char *facility_name)
{
  return chc_test_find_widget (widget, is_row_button, facility_name, FALSE);
}

/* The state the row's button shows. */
static guint
row_state (GtkWidget *button)
{
  const char *label = gtk_label_get_text (GTK_LABEL (chc_test_find_type (button, GTK_TYPE_LABEL)));

  for (guint s = 0; s < CHC_TCM_N_SITE_STATES; s++)
    if (g_strcmp0 (label, chc_tcm_site_state_to_label (s)) == 0)
      return s;
  g_assert_not_reached ();
}

/* Opens the row's menu and chooses @state in it, as a click would. */
static void
choose_row_state (GtkWidget *button,
                  guint      state)
{
  GMenuModel *menu;
  g_autofree char *action = NULL;
  g_autoptr(GVariant) target = NULL;

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  chc_test_iterate (20);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, CHC_TCM_N_SITE_STATES);
  g_assert_true (g_menu_model_get_item_attribute (menu, state, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  target = g_menu_model_get_item_attribute_value (menu, state, G_MENU_ATTRIBUTE_TARGET, NULL);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  g_assert_true (gtk_widget_activate_action_variant (button, action, target));
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
  g_assert_cmpuint (row_state (dropdown), ==, CHC_TCM_STATE_UP_TO_STANDARD);

  cell = matrix_cell (fx->view, "白鹤镇", CHC_TCM_MEASURE_HALL);
  g_assert_true (gtk_widget_has_css_class (cell, "tcm-has"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (cell)), "✔"));
  total_before = g_strdup (matrix_total (fx->view, CHC_TCM_MEASURE_HALL));
  g_assert_cmpstr (total_before, ==, "6 / 11");

  halls_before = find_bar (fx->view, CHC_FACILITY_CENTRE, CHC_TCM_BAR_SITE)->numerator;
  g_assert_cmpuint (halls_before, ==, 11);
  before = g_strdup (chc_tcm_view_get_coverage_text (fx->view));
  g_assert_nonnull (strstr (before, "Centres (12): Hall 11 (91.7 %"));

  choose_row_state (dropdown, CHC_TCM_STATE_BUILDING);
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
  g_assert_cmpuint (row_state (dropdown), ==, CHC_TCM_STATE_BUILDING);
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
  choose_row_state (dropdown, CHC_TCM_STATE_IN_SERVICE);
  chc_test_iterate (50);
  g_assert_nonnull (chc_tcm_view_get_error_text (fx->view));
  g_assert_nonnull (strstr (chc_tcm_view_get_error_text (fx->view), "西岑"));
  g_assert_cmpuint (row_state (dropdown), ==, CHC_TCM_STATE_NONE);
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



static gint64 G_GNUC_PRINTF (2, 3)
query_int (Fixture    *fx,
           const char *format,
           ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return chc_test_query_int (fx->database, sql);
}

static char * G_GNUC_PRINTF (2, 3)
query_text (Fixture    *fx,
            const char *format,
            ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return chc_test_query_text (fx->database, sql);
}

static gboolean
is_entry_for (GtkWidget     *widget,
              gconstpointer  text)
{
  return GTK_IS_ENTRY (widget) &&
         (g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), text) == 0 ||
          g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0);
}

/* The entry with this placeholder or tooltip. */
static GtkWidget *
find_entry (GtkWidget  *widget,
            const char *placeholder)
{
  return chc_test_find_widget (widget, is_entry_for, placeholder, FALSE);
}

/* Adds a clinic to the selected facility as the detail pane does. */
static gboolean
add_clinic (Fixture    *fx,
            const char *name,
            const char *opened)
{
  gtk_editable_set_text (GTK_EDITABLE (find_entry (GTK_WIDGET (fx->view), "Name, e.g. 针灸")), name);
  gtk_editable_set_text (GTK_EDITABLE (find_entry (GTK_WIDGET (fx->view), "Opening date")), opened);
  if (!gtk_widget_activate_action (GTK_WIDGET (fx->view), "tcm.add-clinic", NULL))
    return FALSE;
  chc_test_iterate (50);
  return chc_tcm_view_get_error_text (fx->view) == NULL;
}

/* Every bound row's state button shows its own facility's state and kind. */
static guint
check_rows (GtkWidget *widget,
            gint64     district_id)
{
  guint n = 0;

  if (GTK_IS_MENU_BUTTON (widget) && gtk_widget_has_css_class (widget, "tcm-row-state"))
    {
      ChcTcmStatus *status = g_object_get_data (G_OBJECT (widget), "status");
      GtkWidget *kind = gtk_widget_get_prev_sibling (widget);
      ChcTcmSiteKind site;

      if (status == NULL)
        return 0;
      site = chc_tcm_status_get_site_kind (status);
      g_assert_cmpint (chc_facility_get_district_id (chc_tcm_status_get_facility (status)), ==, district_id);
      g_assert_cmpuint (row_state (widget), ==,
                        chc_tcm_status_get_site_state (status));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (kind)), ==,
                       site == CHC_TCM_SITE_HALL ? "Hall" : "Corner");
      return 1;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_rows (child, district_id);
  return n;
}

/* Another district: the rows are reused, and each shows its new facility
 * (28 facilities in 青浦, 33 in 长宁, 17 in 松江, and back). */
static void
test_district_change (Fixture       *fx,
                      gconstpointer  data)
{
  static const char *names[] = { "长宁", "松江", "青浦" };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChcDistrict) district = chc_database_find_district (fx->database, names[i], &error);
      ChcTcmRollout *rollout;
      guint n;
      gint64 selected;

      g_assert_no_error (error);
      chc_tcm_view_set_district (fx->view, district);
      chc_test_iterate (100);
      rollout = chc_tcm_view_get_rollout (fx->view);
      n = g_list_model_get_n_items (G_LIST_MODEL (rollout));
      g_assert_cmpuint (n, ==, (guint) query_int (fx,
        "SELECT count(*) FROM facility f JOIN town t ON t.id = f.town_id WHERE t.district_id = %"
        G_GINT64_FORMAT, chc_district_get_id (district)));
      g_assert_cmpuint (check_rows (GTK_WIDGET (fx->view), chc_district_get_id (district)), >, 0);
      /* The selection (and the detail pane) is one of this district's. */
      selected = chc_tcm_view_get_selected_facility (fx->view);
      g_assert_nonnull (chc_tcm_rollout_find (rollout, selected, NULL));
    }
}

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  part)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL;
}

static GtkWidget *
find_visible_label (GtkWidget  *widget,
                    const char *part)
{
  return chc_test_find_widget (widget, label_contains, part, TRUE);
}

/* Ctrl+F: the search shows only the facilities whose name or town has the
 * text; Escape shows them all again. */
static void
test_search (Fixture       *fx,
             gconstpointer  data)
{
  GtkWidget *entry;
  GtkColumnView *column_view;
  GListModel *shown;
  guint all;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  entry = chc_test_find_type (GTK_WIDGET (fx->view), GTK_TYPE_SEARCH_ENTRY);
  column_view = GTK_COLUMN_VIEW (chc_test_find_type (GTK_WIDGET (fx->view), GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (entry);
  shown = G_LIST_MODEL (gtk_column_view_get_model (column_view));
  all = g_list_model_get_n_items (shown);
  g_assert_cmpuint (all, ==, 28);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "tcm.find", NULL));
  chc_test_iterate (50);
  g_assert_true (gtk_widget_is_focus (entry) || gtk_widget_has_focus (gtk_widget_get_focus_child (entry)));

  gtk_editable_set_text (GTK_EDITABLE (entry), "白鹤");
  g_signal_emit_by_name (entry, "search-changed");
  chc_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, all);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(ChcTcmStatus) status = g_list_model_get_item (shown, i);
      ChcFacility *f = chc_tcm_status_get_facility (status);

      g_assert_true (strstr (chc_facility_get_name (f), "白鹤") != NULL ||
                     strstr (chc_facility_get_town_name (f), "白鹤") != NULL);
    }

  gtk_editable_set_text (GTK_EDITABLE (entry), "zzz");
  g_signal_emit_by_name (entry, "search-changed");
  chc_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  /* The empty list says why. */
  g_assert_nonnull (find_visible_label (GTK_WIDGET (fx->view), "“zzz”"));

  /* Selecting a hidden facility (History, the Dashboard) shows it again. */
  g_assert_true (chc_tcm_view_select_facility (fx->view, facility_id (fx, "徐泾社区卫生服务中心")));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, all);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  gtk_editable_set_text (GTK_EDITABLE (entry), "白鹤");
  g_signal_emit_by_name (entry, "search-changed");
  chc_test_iterate (50);
  g_signal_emit_by_name (entry, "stop-search");
  chc_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, all);
}

static char *
site_events_text (Fixture *fx,
                  gint64   id)
{
  return query_text (fx,
                              "SELECT group_concat (date || '=' || state, ',') FROM"
                              " (SELECT date, state FROM tcm_site_event WHERE facility_id = %"
                              G_GINT64_FORMAT " ORDER BY date)", id);
}

static char *
clinics_text (Fixture *fx,
              gint64   id)
{
  return query_text (fx,
                              "SELECT group_concat (name || '/' || opened || '/' || ifnull (closed, '-'), ',') FROM"
                              " (SELECT name, opened, closed FROM tcm_specialty_clinic WHERE facility_id = %"
                              G_GINT64_FORMAT " ORDER BY opened, name)", id);
}

static gint64
clinic_id (Fixture    *fx,
           gint64      facility,
           const char *name)
{
  return query_int (fx,
                             "SELECT id FROM tcm_specialty_clinic WHERE facility_id = %" G_GINT64_FORMAT
                             " AND name = '%s'", facility, name);
}

/* Every edit saves at once, says so in a toast and can be undone (Ctrl+Z
 * or the toast's button), back to the rows as they were. */
static void
test_undo (Fixture       *fx,
           gconstpointer  data)
{
  GtkWidget *dropdown;
  ChcToast *toast;
  gint64 baihe;
  g_autofree char *events_before = NULL;
  g_autofree char *clinics_before = NULL;
  g_autofree char *events_after = NULL;
  g_autofree char *clinics_after = NULL;
  g_autofree char *events_undone = NULL;
  g_autofree char *clinics_undone = NULL;
  g_autofree char *closed = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  baihe = facility_id (fx, "白鹤社区卫生服务中心");
  toast = CHC_TOAST (chc_test_find_type (GTK_WIDGET (fx->view), CHC_TYPE_TOAST));
  g_assert_nonnull (toast);
  g_assert_null (chc_toast_get_message (toast));
  events_before = site_events_text (fx, baihe);
  clinics_before = clinics_text (fx, baihe);

  /* Three edits: the hall's state in the row, a clinic added, then removed. */
  dropdown = find_row_dropdown (GTK_WIDGET (fx->view), "白鹤社区卫生服务中心");
  choose_row_state (dropdown, CHC_TCM_STATE_BUILDING);
  chc_test_iterate (50);
  g_assert_nonnull (strstr (chc_toast_get_message (toast), "白鹤社区卫生服务中心"));
  g_assert_true (chc_tcm_view_select_facility (fx->view, baihe));
  g_assert_true (add_clinic (fx, "撤销测试门诊", "2025-06-01"));
  g_assert_nonnull (strstr (chc_toast_get_message (toast), "撤销测试门诊"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "tcm.close-clinic", "(xs)",
                                             clinic_id (fx, baihe, "撤销测试门诊"), "2025-09-30"));
  chc_test_iterate (50);
  g_assert_cmpstr (chc_tcm_view_get_error_text (fx->view), ==, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "tcm.remove-clinic", "x",
                                             clinic_id (fx, baihe, "撤销测试门诊")));
  chc_test_iterate (50);
  events_after = site_events_text (fx, baihe);
  clinics_after = clinics_text (fx, baihe);
  g_assert_cmpstr (events_after, !=, events_before);
  g_assert_cmpstr (clinics_after, ==, clinics_before);

  /* Undo the removal: the clinic is back, closed as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "tcm.undo", NULL));
  chc_test_iterate (50);
  g_assert_cmpint (clinic_id (fx, baihe, "撤销测试门诊"), >, 0);
  closed = chc_test_query_text (fx->database, "SELECT closed FROM tcm_specialty_clinic WHERE name = '撤销测试门诊'");
  g_assert_cmpstr (closed, ==, "2025-09-30");
  g_assert_true (g_str_has_prefix (chc_toast_get_message (toast), "Undone: "));
  /* The closing, the addition (of the clinic re-added), the state. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "tcm.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "tcm.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "tcm.undo", NULL));
  chc_test_iterate (50);
  events_undone = site_events_text (fx, baihe);
  clinics_undone = clinics_text (fx, baihe);
  g_assert_cmpstr (events_undone, ==, events_before);
  g_assert_cmpstr (clinics_undone, ==, clinics_before);
  dropdown = find_row_dropdown (GTK_WIDGET (fx->view), "白鹤社区卫生服务中心");
  g_assert_cmpuint (row_state (dropdown), ==, CHC_TCM_STATE_UP_TO_STANDARD);
  /* Nothing more to undo: Ctrl+Z again changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fx->view), "tcm.undo", NULL);
  chc_test_iterate (50);
  g_free (events_undone);
  events_undone = site_events_text (fx, baihe);
  g_assert_cmpstr (events_undone, ==, events_before);
  g_assert_null (chc_tcm_view_get_error_text (fx->view));
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
  g_test_add ("/ui/tcm/district-change-reuses-rows", Fixture, NULL,
              fixture_setup, test_district_change, fixture_teardown);
  g_test_add ("/ui/tcm/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/ui/tcm/undo", Fixture, NULL, fixture_setup, test_undo, fixture_teardown);

  return g_test_run ();
}
