/* test-ui-facilities.c — the main window and the Facilities view, driven
 * through their actions and widgets on a demo database.
 *
 * Runs under xvfb-run (tests/ui/meson.build); skips without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "chc-ui-test-util.h"
#include "chc-application.h"
#include "core/chc-validate.h"
#include "ui/chc-window.h"
#include "ui/chc-start-dialog.h"
#include "model/chc-row-model.h"
#include "ui/chc-facilities-view.h"
#include "ui/chc-facility-dialog.h"
#include "ui/chc-capabilities-dialog.h"
#include "model/chc-capability.h"
#include "store/chc-database-plans.h"

static gboolean have_display;

/* Qingpu's 12 centres, as named in the plan (000). */
static const char *qingpu_centres[] = {
  "白鹤", "金泽", "徐泾", "华新", "赵巷", "重固",
  "香花桥", "练塘", "朱家角", "盈浦", "夏阳", "徐泾北",
};

typedef struct
{
  ChcDatabase       *db;
  ChcApplication    *app;
  ChcWindow         *window;
  ChcFacilitiesView *view;
  ChcDistrict       *qingpu;
} Fixture;

/* ---- helpers ---------------------------------------------------------- */

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds: layout, drawing, idles. */
static void
run_for (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_loop_cb, loop);
  g_main_loop_run (loop);
}

static GtkWidget *
child_of (gpointer    widget,
          GType       type,
          const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* A label showing @text somewhere under @widget (a drawn cell). */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static GPtrArray *
listed_names (Fixture *fx)
{
  GListModel *model = chc_facilities_view_get_model (fx->view);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ChcFacility) f = g_list_model_get_item (model, i);
      g_ptr_array_add (names, g_strdup (chc_facility_get_name (f)));
    }
  return names;
}

static gboolean
listed (Fixture    *fx,
        const char *name)
{
  g_autoptr(GPtrArray) names = listed_names (fx);

  return g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL);
}

/* The position in a GtkStringList-backed dropdown of @text. */
static guint
dropdown_position (GtkWidget  *dropdown,
                   const char *text)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) s = g_list_model_get_item (model, i);
      if (g_strcmp0 (gtk_string_object_get_string (s), text) == 0)
        return i;
    }
  g_error ("“%s” is not offered", text);
  return GTK_INVALID_LIST_POSITION;
}

static ChcFacility *
find_facility (Fixture    *fx,
               const char *code_or_name)
{
  g_autoptr(GError) error = NULL;
  ChcFacility *f = chc_database_find_facility (fx->db, code_or_name, 0, &error);

  g_assert_no_error (error);
  return f;
}

/* ---- fixture ---------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!have_display)
    return;

  fx->db = chc_test_new_demo ();
  fx->qingpu = chc_database_find_district (fx->db, "青浦区", &error);
  g_assert_no_error (error);

  fx->app = chc_application_new ();
  g_application_set_flags (G_APPLICATION (fx->app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fx->app), NULL, &error);
  g_assert_no_error (error);

  fx->window = chc_window_new (fx->app, fx->db);
  gtk_window_present (GTK_WINDOW (fx->window));
  chc_window_set_district (fx->window, fx->qingpu);

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-view", "s", "facilities");
  g_assert_cmpstr (chc_window_get_view_name (fx->window), ==, "facilities");
  fx->view = CHC_FACILITIES_VIEW (chc_window_get_view (fx->window, "facilities"));
  g_assert_true (CHC_IS_FACILITIES_VIEW (fx->view));
  run_for (200);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  if (!have_display)
    return;

  gtk_window_destroy (GTK_WINDOW (fx->window));
  run_for (50);
  g_clear_object (&fx->qingpu);
  g_clear_object (&fx->app);
  g_clear_object (&fx->db);
}

/* ---- tests ------------------------------------------------------------ */

static void
test_window_views (Fixture       *fx,
                   gconstpointer  data)
{
  static const char *views[] = { "dashboard", "facilities", "projects",
                                 "signing", "tcm", "reports" };
  GtkWidget *badge;
  GtkWidget *years;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *view;

      gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-view", "s", views[i]);
      g_assert_cmpstr (chc_window_get_view_name (fx->window), ==, views[i]);
      view = chc_window_get_view (fx->window, views[i]);
      g_assert_nonnull (view);

      /* Every view gets the window's database, district and year. */
      {
        g_autoptr(ChcDatabase) database = NULL;
        g_autoptr(ChcDistrict) district = NULL;
        int year = 0;

        g_object_get (view, "database", &database, "district", &district, "year", &year, NULL);
        g_assert_true (database == fx->db);
        g_assert_cmpint (chc_district_get_id (district), ==, chc_district_get_id (fx->qingpu));
        g_assert_cmpint (year, ==, chc_window_get_year (fx->window));
      }

      /* Every page is a real view now. */
      g_assert_cmpstr (G_OBJECT_TYPE_NAME (view), !=, "GtkLabel");
    }

  /* The demo database says so. */
  badge = child_of (fx->window, CHC_TYPE_WINDOW, "demo_badge");
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, "Demo data");

  /* Years 2023 … at least 2025, the plan year 2025 chosen by default. */
  years = child_of (fx->window, CHC_TYPE_WINDOW, "year_dropdown");
  g_assert_cmpuint (dropdown_position (years, "2023"), ==, 0);
  g_assert_cmpuint (dropdown_position (years, "2025"), ==, 2);
  g_assert_cmpint (chc_window_get_year (fx->window), ==, 2025);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (years), 1);
  g_assert_cmpint (chc_window_get_year (fx->window), ==, 2024);
}

static void
test_lists_district (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(ChcDistrict) changning = NULL;
  GListModel *model;
  GtkWidget *column_view;
  GtkWidget *type_dropdown;
  GtkWidget *town_dropdown;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  column_view = child_of (fx->view, CHC_TYPE_FACILITIES_VIEW, "column_view");
  model = chc_facilities_view_get_model (fx->view);
  /* The column view shows the model's facilities through reusable rows. */
  {
    GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));

    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (model));
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(ChcRow) row = g_list_model_get_item (shown, i);
        g_autoptr(ChcFacility) f = g_list_model_get_item (model, i);

        g_assert_true (chc_row_get_item (row) == f);
      }
  }

  /* Exactly the district's facilities, Qingpu's 12 centres among them. */
  stored = chc_database_list_facilities (fx->db, chc_district_get_id (fx->qingpu), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, stored->len);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ChcFacility) f = g_list_model_get_item (model, i);
      g_assert_cmpint (chc_facility_get_district_id (f), ==, chc_district_get_id (fx->qingpu));
    }
  for (guint i = 0; i < G_N_ELEMENTS (qingpu_centres); i++)
    {
      g_autofree char *name = g_strconcat (qingpu_centres[i], "社区卫生服务中心", NULL);
      g_assert_true (listed (fx, name));
    }
  /* … and the column view draws them. */
  g_assert_true (shows_label (column_view, "白鹤社区卫生服务中心"));

  /* Type filter: centres only (the 12, and the planned new builds such as
   * 西岑): exactly the stored centres of the district. */
  {
    guint n_centres = 0;
    for (guint i = 0; i < stored->len; i++)
      if (chc_facility_get_facility_type (g_ptr_array_index (stored, i)) == CHC_FACILITY_CENTRE)
        n_centres++;
    g_assert_cmpuint (n_centres, >=, 13);
    type_dropdown = child_of (fx->view, CHC_TYPE_FACILITIES_VIEW, "type_dropdown");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (type_dropdown), 1 + CHC_FACILITY_CENTRE);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_centres);
  }
  g_assert_true (listed (fx, "西岑社区卫生服务中心"));

  /* Town filter: 练塘镇 holds one centre. */
  town_dropdown = child_of (fx->view, CHC_TYPE_FACILITIES_VIEW, "town_dropdown");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (town_dropdown),
                              dropdown_position (town_dropdown, "练塘镇"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (listed (fx, "练塘社区卫生服务中心"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (town_dropdown), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (type_dropdown), 0);

  /* Search by name. */
  gtk_editable_set_text (GTK_EDITABLE (child_of (fx->view, CHC_TYPE_FACILITIES_VIEW, "search_entry")),
                         "徐泾北");
  run_for (400);   /* GtkSearchEntry waits before ::search-changed */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (listed (fx, "徐泾北社区卫生服务中心"));
  gtk_editable_set_text (GTK_EDITABLE (child_of (fx->view, CHC_TYPE_FACILITIES_VIEW, "search_entry")), "");
  run_for (400);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, stored->len);

  /* Another district in the header: its 10 centres. */
  changning = chc_database_find_district (fx->db, "长宁", &error);
  g_assert_no_error (error);
  chc_window_set_district (fx->window, changning);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (type_dropdown), 1 + CHC_FACILITY_CENTRE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10);
  g_assert_true (listed (fx, "新华社区卫生服务中心"));
  g_assert_false (listed (fx, "白鹤社区卫生服务中心"));
}

static void
test_add_through_dialog (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(ChcFacility) stored = NULL;
  g_autoptr(ChcFacility) parent = NULL;
  ChcFacilityDialog *dialog;
  const ChcViolation *v;
  GtkWidget *name_entry;
  GtkWidget *name_error;
  GtkWidget *save;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  gtk_widget_activate_action (GTK_WIDGET (fx->view), "facilities.add", NULL);
  dialog = CHC_FACILITY_DIALOG (chc_facilities_view_get_dialog (fx->view));
  g_assert_true (CHC_IS_FACILITY_DIALOG (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  run_for (100);

  save = child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "save_button");
  name_entry = child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "name_entry");
  name_error = child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "name_error");
  g_assert_false (gtk_widget_get_sensitive (save));   /* nothing filled in */
  g_assert_false (gtk_widget_get_visible (name_error));

  gtk_editable_set_text (GTK_EDITABLE (child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "code_entry")),
                         "310118S99");
  gtk_editable_set_text (GTK_EDITABLE (name_entry), "临时");
  gtk_editable_set_text (GTK_EDITABLE (name_entry), "");

  /* An empty name: the store's message under the name, Save insensitive. */
  v = chc_violations_find (chc_facility_dialog_get_violations (dialog), "name");
  g_assert_nonnull (v);
  g_assert_true (gtk_widget_get_visible (name_error));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (name_error)), ==, v->message);
  g_assert_true (gtk_widget_has_css_class (name_entry, "error"));
  g_assert_false (gtk_widget_get_sensitive (save));

  /* Fix it; a station needs its parent centre. */
  gtk_editable_set_text (GTK_EDITABLE (name_entry), "白鹤测试社区卫生服务站");
  g_assert_false (gtk_widget_get_visible (name_error));
  g_assert_false (gtk_widget_has_css_class (name_entry, "error"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "type_dropdown")),
                              CHC_FACILITY_STATION);
  g_assert_true (gtk_widget_get_visible (child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "parent_error")));
  g_assert_false (gtk_widget_get_sensitive (save));

  {
    GtkWidget *parent_dropdown = child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "parent_dropdown");
    GtkWidget *town_dropdown = child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "town_dropdown");

    gtk_drop_down_set_selected (GTK_DROP_DOWN (parent_dropdown),
                                dropdown_position (parent_dropdown, "白鹤社区卫生服务中心"));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (town_dropdown),
                                dropdown_position (town_dropdown, "白鹤镇"));
  }
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "floor_area_spin")), 250);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "standardized_check")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "year_spin")), 2025);

  g_assert_false (gtk_widget_get_visible (child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "parent_error")));
  g_assert_cmpuint (chc_facility_dialog_get_violations (dialog)->len, ==, 0);
  g_assert_true (gtk_widget_get_sensitive (save));
  run_for (50);

  g_signal_emit_by_name (save, "clicked");
  run_for (100);
  g_assert_null (dialog);
  g_assert_null (chc_facilities_view_get_dialog (fx->view));

  /* In the list, selected … */
  g_assert_true (listed (fx, "白鹤测试社区卫生服务站"));
  g_assert_cmpstr (chc_facility_get_code (chc_facilities_view_get_selected (fx->view)), ==, "310118S99");

  /* … and in the database, as entered. */
  stored = find_facility (fx, "310118S99");
  parent = find_facility (fx, "白鹤社区卫生服务中心");
  g_assert_cmpstr (chc_facility_get_name (stored), ==, "白鹤测试社区卫生服务站");
  g_assert_cmpint (chc_facility_get_facility_type (stored), ==, CHC_FACILITY_STATION);
  g_assert_cmpint (chc_facility_get_district_id (stored), ==, chc_district_get_id (fx->qingpu));
  g_assert_cmpint (chc_facility_get_parent_id (stored), ==, chc_facility_get_id (parent));
  g_assert_cmpstr (chc_facility_get_town_name (stored), ==, "白鹤镇");
  g_assert_cmpfloat (chc_facility_get_floor_area (stored), ==, 250);
  g_assert_true (chc_facility_get_standardized (stored));
  g_assert_cmpint (chc_facility_get_standardized_year (stored), ==, 2025);
}

/* Issue 17: a facility of 浦东新区 (every district of Shanghai is offered),
 * with its national codes; a wrong check character is refused under the
 * field with the one expected; the dialog still fits 1024×700. */
static void
test_add_pudong_with_codes (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(ChcFacility) stored = NULL;
  ChcFacilityDialog *dialog;
  GtkWidget *district_dropdown;
  GtkWidget *credit_entry;
  GtkWidget *credit_error;
  GtkWidget *license_entry;
  GtkWidget *save;
  GListModel *districts;
  guint pudong = GTK_INVALID_LIST_POSITION;
  int min_w, nat_w, min_h, nat_h;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  gtk_widget_activate_action (GTK_WIDGET (fx->view), "facilities.add", NULL);
  dialog = CHC_FACILITY_DIALOG (chc_facilities_view_get_dialog (fx->view));
  g_assert_true (CHC_IS_FACILITY_DIALOG (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  run_for (100);

  district_dropdown = child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "district_dropdown");
  districts = gtk_drop_down_get_model (GTK_DROP_DOWN (district_dropdown));
  g_assert_cmpuint (g_list_model_get_n_items (districts), ==, 16);
  for (guint i = 0; i < g_list_model_get_n_items (districts); i++)
    {
      g_autoptr(ChcDistrict) d = g_list_model_get_item (districts, i);

      if (g_strcmp0 (chc_district_get_name (d), "浦东新区") == 0)
        pudong = i;
    }
  g_assert_cmpuint (pudong, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (district_dropdown), pudong);

  save = child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "save_button");
  credit_entry = child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "credit_code_entry");
  credit_error = child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "credit_code_error");
  license_entry = child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "license_no_entry");
  gtk_editable_set_text (GTK_EDITABLE (child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "code_entry")),
                         "310115C01");
  gtk_editable_set_text (GTK_EDITABLE (child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "name_entry")),
                         "浦东测试社区卫生服务中心");
  g_assert_true (gtk_widget_get_sensitive (save));

  /* A wrong check character (the last): refused, the right one named. */
  gtk_editable_set_text (GTK_EDITABLE (credit_entry), "12310115425028519C");
  g_assert_true (gtk_widget_get_visible (credit_error));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (credit_error)), "“1”"));
  g_assert_true (gtk_widget_has_css_class (credit_entry, "error"));
  g_assert_false (gtk_widget_get_sensitive (save));
  run_for (100);

  /* Every field and an error shown: still within 1024×700. */
  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_VERTICAL, nat_w, &min_h, &nat_h, NULL, NULL);
  g_test_message ("facility dialog: %d×%d natural, %d×%d minimum", nat_w, nat_h, min_w, min_h);
  g_assert_cmpint (nat_w, <=, 1024);
  g_assert_cmpint (nat_h, <=, 700);
  chc_test_screenshot ("facility-dialog-codes.png");

  /* Many errors at once (no code, no name, a station without its centre,
   * both codes wrong): the form scrolls, the dialog still fits. */
  {
    GtkWidget *code = child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "code_entry");
    GtkWidget *name = child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "name_entry");

    gtk_editable_set_text (GTK_EDITABLE (code), "");
    gtk_editable_set_text (GTK_EDITABLE (name), "");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "type_dropdown")),
                                CHC_FACILITY_STATION);
    gtk_editable_set_text (GTK_EDITABLE (license_entry), "PDY 0001");
    g_assert_cmpuint (chc_facility_dialog_get_violations (dialog)->len, >=, 5);
    run_for (100);
    gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_VERTICAL, nat_w, &min_h, &nat_h, NULL, NULL);
    g_test_message ("facility dialog with 5 errors: %d high (natural)", nat_h);
    g_assert_cmpint (nat_h, <=, 700);
    chc_test_screenshot ("facility-dialog-errors.png");
    gtk_editable_set_text (GTK_EDITABLE (code), "310115C01");
    gtk_editable_set_text (GTK_EDITABLE (name), "浦东测试社区卫生服务中心");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "type_dropdown")),
                                CHC_FACILITY_CENTRE);
  }

  /* Spaces around are dropped; a licence number as issued. */
  gtk_editable_set_text (GTK_EDITABLE (credit_entry), " 123101154250285191 ");
  g_assert_false (gtk_widget_get_visible (credit_error));
  gtk_editable_set_text (GTK_EDITABLE (license_entry), "PDY 0001 3310115");
  g_assert_true (gtk_widget_get_visible (child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "license_no_error")));
  gtk_editable_set_text (GTK_EDITABLE (license_entry), "42502851931011511A1001");
  g_assert_false (gtk_widget_get_visible (child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "license_no_error")));
  g_assert_true (gtk_widget_get_sensitive (save));

  g_signal_emit_by_name (save, "clicked");
  run_for (100);
  g_assert_null (dialog);

  stored = find_facility (fx, "310115C01");
  g_assert_cmpstr (chc_facility_get_district_name (stored), ==, "浦东新区");
  g_assert_cmpstr (chc_facility_get_credit_code (stored), ==, "123101154250285191");
  g_assert_cmpstr (chc_facility_get_license_no (stored), ==, "42502851931011511A1001");
}

static void
test_edit_cancel_keeps_data (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(ChcFacility) centre = NULL;
  g_autoptr(ChcFacility) after = NULL;
  GtkWindow *dialog;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);
  centre = find_facility (fx, "金泽社区卫生服务中心");

  g_assert_true (chc_facilities_view_select_facility (fx->view, chc_facility_get_id (centre)));
  gtk_widget_activate_action (GTK_WIDGET (fx->view), "facilities.edit", NULL);
  dialog = chc_facilities_view_get_dialog (fx->view);
  g_assert_true (CHC_IS_FACILITY_DIALOG (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* The dialog edits a copy: a changed name and a closed dialog change
   * nothing. */
  gtk_editable_set_text (GTK_EDITABLE (child_of (dialog, CHC_TYPE_FACILITY_DIALOG, "name_entry")), "改名");
  g_assert_cmpstr (chc_facility_get_name (chc_facilities_view_get_selected (fx->view)), ==,
                   "金泽社区卫生服务中心");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  run_for (100);
  g_assert_null (dialog);

  after = find_facility (fx, chc_facility_get_code (centre));
  g_assert_cmpstr (chc_facility_get_name (after), ==, "金泽社区卫生服务中心");
  g_assert_true (listed (fx, "金泽社区卫生服务中心"));
  g_assert_false (listed (fx, "改名"));
}

static void
test_delete_refused (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(ChcFacility) centre = NULL;
  g_autoptr(ChcFacility) still = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);
  centre = find_facility (fx, "白鹤社区卫生服务中心");

  g_assert_true (chc_facilities_view_select_facility (fx->view, chc_facility_get_id (centre)));
  gtk_widget_activate_action (GTK_WIDGET (fx->view), "facilities.delete", NULL);
  dialog = chc_facilities_view_get_dialog (fx->view);
  g_assert_true (GTK_IS_MESSAGE_DIALOG (dialog));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  run_for (50);

  /* The store refuses (its branch centre and clinic are under it), and the
   * view shows the store's own message. */
  g_assert_false (chc_database_delete_facility (fx->db, chc_facility_get_id (centre), &error));
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IN_USE);
  g_assert_cmpstr (chc_facilities_view_get_message (fx->view), ==, error->message);
  g_assert_true (gtk_widget_has_css_class (child_of (fx->view, CHC_TYPE_FACILITIES_VIEW, "message_bar"),
                                           "error"));

  still = find_facility (fx, "白鹤社区卫生服务中心");
  g_assert_cmpint (chc_facility_get_id (still), ==, chc_facility_get_id (centre));
  g_assert_true (listed (fx, "白鹤社区卫生服务中心"));
}

static void
test_delete_and_undo (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(ChcFacility) clinic = NULL;
  g_autoptr(ChcFacility) back = NULL;
  g_autoptr(GError) error = NULL;
  ChcFacility *gone;
  GtkWindow *dialog;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);
  /* A clinic with no figures, projects or TCM records under it (the demo's
   * clinics have some, and those refuse deletion). */
  {
    g_autoptr(ChcFacility) centre = find_facility (fx, "白鹤社区卫生服务中心");
    g_autoptr(ChcFacility) fresh = chc_facility_new ();

    chc_facility_set_code (fresh, "310118V99");
    chc_facility_set_name (fresh, "白鹤镇测试村卫生室");
    chc_facility_set_facility_type (fresh, CHC_FACILITY_VILLAGE_CLINIC);
    chc_facility_set_district_id (fresh, chc_facility_get_district_id (centre));
    chc_facility_set_town_id (fresh, chc_facility_get_town_id (centre));
    chc_facility_set_parent_id (fresh, chc_facility_get_id (centre));
    chc_facility_set_floor_area (fresh, 120);
    chc_facility_set_standardized (fresh, TRUE);
    chc_facility_set_standardized_year (fresh, 2024);
    g_assert_true (chc_database_add_facility (fx->db, fresh, &error));
    g_assert_no_error (error);
    run_for (50);
  }
  clinic = find_facility (fx, "白鹤镇测试村卫生室");

  /* Cancel first: nothing happens. */
  g_assert_true (chc_facilities_view_select_facility (fx->view, chc_facility_get_id (clinic)));
  gtk_widget_activate_action (GTK_WIDGET (fx->view), "facilities.delete", NULL);
  gtk_dialog_response (GTK_DIALOG (chc_facilities_view_get_dialog (fx->view)), GTK_RESPONSE_CANCEL);
  run_for (50);
  g_assert_true (listed (fx, "白鹤镇测试村卫生室"));

  gtk_widget_activate_action (GTK_WIDGET (fx->view), "facilities.delete", NULL);
  dialog = chc_facilities_view_get_dialog (fx->view);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  run_for (50);

  g_assert_false (listed (fx, "白鹤镇测试村卫生室"));
  gone = chc_database_get_facility (fx->db, chc_facility_get_id (clinic), &error);
  g_assert_null (gone);
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (chc_facilities_view_get_message (fx->view), "白鹤镇测试村卫生室"));

  gtk_widget_activate_action (GTK_WIDGET (fx->view), "facilities.undo", NULL);
  g_assert_true (listed (fx, "白鹤镇测试村卫生室"));
  back = find_facility (fx, chc_facility_get_code (clinic));
  g_assert_cmpstr (chc_facility_get_name (back), ==, "白鹤镇测试村卫生室");
  g_assert_cmpint (chc_facility_get_parent_id (back), ==, chc_facility_get_parent_id (clinic));
  g_assert_cmpint (chc_facility_get_standardized_year (back), ==, chc_facility_get_standardized_year (clinic));
}

/* A file that is not a CHC Monitor database: a dialog with the store's
 * message, no window, and the file untouched. */
static void
test_refuses_foreign_file (void)
{
  g_autoptr(ChcApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GtkWindow *window;
  GtkWidget *dialog = NULL;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  dir = chc_test_tmpdir ();
  path = g_build_filename (dir, "notes.txt", NULL);
  g_file_set_contents (path, "not a database, just some notes\n", -1, &error);
  g_assert_no_error (error);
  before = chc_test_read_file (path);

  app = chc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = chc_application_open (app, path, CHC_OPEN_EXISTING);
  g_assert_null (window);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    {
      g_assert_false (CHC_IS_WINDOW (l->data));
      if (GTK_IS_MESSAGE_DIALOG (l->data))
        dialog = l->data;
    }
  g_assert_nonnull (dialog);
  {
    g_autofree char *secondary = NULL;

    g_object_get (dialog, "secondary-text", &secondary, NULL);
    g_assert_nonnull (strstr (secondary, "not a CHC Monitor database"));
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  run_for (50);

  after = chc_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
}

/* 服务能力…: the selected facility's capabilities, every declared kind (the
 * ones issue 14 added too), written at once; the window fits 768 pixels. */
static void
test_capabilities_dialog (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(ChcFacility) centre = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog = NULL;
  GtkWidget *kiosk;
  gboolean found = FALSE;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);
  centre = find_facility (fx, "金泽社区卫生服务中心");

  /* from the edit dialog's 服务能力… (Ctrl+B in the registry does the same) */
  g_assert_true (chc_facilities_view_select_facility (fx->view, chc_facility_get_id (centre)));
  run_for (50);
  gtk_widget_activate_action (GTK_WIDGET (fx->view), "facilities.edit", NULL);
  run_for (50);
  {
    GtkWindow *edit = chc_facilities_view_get_dialog (fx->view);
    GtkWidget *button;

    g_assert_true (CHC_IS_FACILITY_DIALOG (edit));
    button = chc_test_find_named (GTK_WIDGET (edit), "capabilities_button");
    g_assert_true (GTK_IS_BUTTON (button));
    g_assert_true (gtk_widget_get_visible (button));
    g_signal_emit_by_name (button, "clicked");
  }
  run_for (100);
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l; l = l->next)
      if (CHC_IS_CAPABILITIES_DIALOG (l->data))
        dialog = l->data;
  }
  g_assert_nonnull (dialog);
  chc_test_assert_window_fits (dialog, "capabilities", 1366, 700);

  /* a kind of issue 14 (智慧健康驿站), ticked: stored at once */
  kiosk = chc_test_find_named (dialog, "smart_health_kiosk");
  g_assert_true (GTK_IS_CHECK_BUTTON (kiosk));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (kiosk)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (kiosk), TRUE);
  stored = chc_database_list_capabilities (fx->db, chc_facility_get_id (centre), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stored->len; i++)
    found |= g_strcmp0 (chc_capability_get_kind (g_ptr_array_index (stored, i)), "smart_health_kiosk") == 0;
  g_assert_true (found);
  chc_test_screenshot ("capabilities-dialog.png");

  gtk_widget_activate_action (dialog, "window.close", NULL);
  gtk_window_destroy (chc_facilities_view_get_dialog (fx->view));
  run_for (50);
}

/* First run without a database file: a new database and the start dialog
 * (the district's registry, the demo database, or blank). */
static void
test_first_run (void)
{
  g_autoptr(ChcApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GtkWidget *start = NULL;
  GtkWindow *window;
  ChcDatabase *database;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  dir = chc_test_tmpdir ();
  path = g_build_filename (dir, "first-run.db", NULL);
  app = chc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* No file yet: a new database (the districts, no facility) in its
   * window, and the one question of the start dialog (issue 14: the
   * district's registry, the demo database, or blank). */
  window = chc_application_open (app, path, CHC_OPEN_EXISTING);
  g_assert_nonnull (window);
  run_for (50);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  database = chc_window_get_database (CHC_WINDOW (window));
  g_assert_cmpstr (chc_database_get_path (database), ==, path);
  g_assert_false (chc_database_get_demo (database));
  districts = chc_database_list_districts (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (districts->len, ==, 16);
  facilities = chc_database_list_facilities (database, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facilities->len, ==, 0);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    {
      g_assert_false (GTK_IS_MESSAGE_DIALOG (l->data));
      if (CHC_IS_START_DIALOG (l->data))
        start = l->data;
    }
  g_assert_nonnull (start);

  gtk_window_destroy (GTK_WINDOW (start));
  gtk_window_destroy (window);
  run_for (50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  chc_test_require_display (have_display);
  chc_test_bind_locale ();

  g_test_add ("/ui/window/views", Fixture, NULL,
              fixture_set_up, test_window_views, fixture_tear_down);
  g_test_add ("/ui/facilities/lists-district", Fixture, NULL,
              fixture_set_up, test_lists_district, fixture_tear_down);
  g_test_add ("/ui/facilities/add-through-dialog", Fixture, NULL,
              fixture_set_up, test_add_through_dialog, fixture_tear_down);
  g_test_add ("/ui/facilities/add-pudong-with-codes", Fixture, NULL,
              fixture_set_up, test_add_pudong_with_codes, fixture_tear_down);
  g_test_add ("/ui/facilities/edit-cancel-keeps-data", Fixture, NULL,
              fixture_set_up, test_edit_cancel_keeps_data, fixture_tear_down);
  g_test_add ("/ui/facilities/delete-refused", Fixture, NULL,
              fixture_set_up, test_delete_refused, fixture_tear_down);
  g_test_add ("/ui/facilities/delete-and-undo", Fixture, NULL,
              fixture_set_up, test_delete_and_undo, fixture_tear_down);
  g_test_add_func ("/ui/app/refuses-foreign-file", test_refuses_foreign_file);
  g_test_add_func ("/ui/app/first-run", test_first_run);
  g_test_add ("/ui/facilities/capabilities-dialog", Fixture, NULL,
              fixture_set_up, test_capabilities_dialog, fixture_tear_down);

  return g_test_run ();
}
