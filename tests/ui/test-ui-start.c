/* test-ui-start.c — the first run of a database without facilities: the
 * start dialog loads a district's registry (io/chc-registry-seed.c), and
 * the registry view lists it.
 *
 * Runs under xvfb-run (tests/ui/meson.build); skips without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "chc-ui-test-util.h"
#include "chc-application.h"
#include "io/chc-demo.h"
#include "io/chc-registry-seed.h"
#include "ui/chc-window.h"
#include "ui/chc-facilities-view.h"
#include "ui/chc-start-dialog.h"

static gboolean have_display;

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

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

static ChcApplication *
new_app (void)
{
  g_autoptr(GError) error = NULL;
  ChcApplication *app = chc_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

/* The application's start dialog, or NULL. */
static GtkWidget *
find_start_dialog (ChcApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (CHC_IS_START_DIALOG (l->data))
      return l->data;
  return NULL;
}

static void
choose_district (GtkWidget  *dialog,
                 const char *name)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (child_of (dialog, CHC_TYPE_START_DIALOG, "district_dropdown"));
  GListModel *model = gtk_drop_down_get_model (dropdown);

  /* the three districts of the seeds, in this order */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name))
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  g_error ("%s is not offered", name);
}

static GPtrArray *
listed_names (ChcWindow *window)
{
  GtkWidget *view = chc_test_find_type (GTK_WIDGET (window), CHC_TYPE_FACILITIES_VIEW);
  GListModel *model;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (view);
  model = chc_facilities_view_get_model (CHC_FACILITIES_VIEW (view));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ChcFacility) f = g_list_model_get_item (model, i);

      g_ptr_array_add (names, g_strdup (chc_facility_get_name (f)));
    }
  return names;
}

/* A new database: the dialog is offered; 长宁区 is chosen; the registry
 * view then lists Changning's facilities, and the dialog is not offered
 * again. */
static void
test_registry (void)
{
  g_autoptr(ChcApplication) app = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) names = NULL;
  GtkWindow *window;
  GtkWidget *dialog;
  ChcDistrict *district;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  dir = chc_test_tmpdir ();
  path = g_build_filename (dir, "real.db", NULL);
  app = new_app ();

  window = chc_application_open (app, path, CHC_OPEN_EMPTY);
  g_assert_nonnull (window);
  run_for (100);
  dialog = find_start_dialog (app);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == window);
  /* Enter loads the chosen district's registry */
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) ==
                 child_of (dialog, CHC_TYPE_START_DIALOG, "registry_button"));
  choose_district (dialog, "长宁区");
  chc_test_screenshot ("start-dialog.png");

  g_signal_emit_by_name (child_of (dialog, CHC_TYPE_START_DIALOG, "registry_button"), "clicked");
  run_for (200);
  if (find_start_dialog (app) != NULL)
    g_error ("the dialog stayed: %s",
             gtk_label_get_label (GTK_LABEL (child_of (dialog, CHC_TYPE_START_DIALOG, "error_label"))));

  /* the window shows the chosen district, and its registry */
  district = chc_window_get_district (CHC_WINDOW (window));
  g_assert_nonnull (district);
  g_assert_cmpstr (chc_district_get_name (district), ==, "长宁区");
  names = listed_names (CHC_WINDOW (window));
  g_assert_cmpuint (names->len, ==, 43);
  g_assert_true (g_ptr_array_find_with_equal_func (names, "同仁医院", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "程家桥社区卫生服务中心", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "仙霞天五社区卫生服务站", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "新泾社区卫生服务中心分中心", g_str_equal, NULL));
  chc_test_screenshot ("start-registry.png");

  g_assert_false (chc_start_dialog_wanted (chc_window_get_database (CHC_WINDOW (window))));
  gtk_window_destroy (window);
  run_for (50);

  /* opened again: no dialog */
  window = chc_application_open (app, path, CHC_OPEN_EXISTING);
  g_assert_nonnull (window);
  run_for (50);
  g_assert_null (find_start_dialog (app));
  gtk_window_destroy (window);
  run_for (50);
}

/* 从空白开始 closes and is remembered; a refusal is said in the dialog. */
static void
test_empty_and_refusal (void)
{
  g_autoptr(ChcApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GtkWindow *window;
  GtkWidget *dialog;
  GtkWidget *error_label;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  dir = chc_test_tmpdir ();
  path = g_build_filename (dir, "songjiang.db", NULL);
  {
    /* Songjiang's registry (towns only) was loaded before: still no
     * facilities, so the dialog is offered, and loading it again is
     * refused. */
    g_autoptr(ChcDatabase) db = chc_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (chc_registry_seed_district (db, "松江", &error));
    g_assert_no_error (error);
  }
  app = new_app ();

  window = chc_application_open (app, path, CHC_OPEN_EXISTING);
  g_assert_nonnull (window);
  run_for (100);
  dialog = find_start_dialog (app);
  g_assert_nonnull (dialog);
  choose_district (dialog, "松江区");
  g_signal_emit_by_name (child_of (dialog, CHC_TYPE_START_DIALOG, "registry_button"), "clicked");
  run_for (100);
  g_assert_true (find_start_dialog (app) == dialog);
  error_label = child_of (dialog, CHC_TYPE_START_DIALOG, "error_label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "松江区"));

  g_signal_emit_by_name (child_of (dialog, CHC_TYPE_START_DIALOG, "empty_button"), "clicked");
  run_for (100);
  g_assert_null (find_start_dialog (app));
  g_assert_false (chc_start_dialog_wanted (chc_window_get_database (CHC_WINDOW (window))));
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

  g_test_add_func ("/ui/start/registry", test_registry);
  g_test_add_func ("/ui/start/empty-and-refusal", test_empty_and_refusal);

  return g_test_run ();
}
