/* test-ui-shared.c — the window and other programs on one database (issue
 * 18): a file chooser showing the database's folder (it reads every file
 * there) while chc-cli writes, and the window refreshing its views after
 * another program's change; a read-only database opens with its badge and
 * message.  Skips without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "io/chc-demo.h"
#include "ui/chc-window.h"
#include "ui/chc-facilities-view.h"

static gboolean have_display;

static gboolean
holds_deleted (const char *db_path)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, db_path) &&
          g_str_has_suffix (target, " (deleted)"))
        return TRUE;
    }
  return FALSE;
}

static void
test_file_chooser_and_cli (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GFile) folder = NULL;
  GtkWidget *chooser;
  GListModel *listed;
  ChcWindow *window;
  guint before;
  gint64 end;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  window = chc_window_new (NULL, db);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "facilities"));
  listed = chc_facilities_view_get_model (CHC_FACILITIES_VIEW (chc_window_get_view (window, "facilities")));
  before = g_list_model_get_n_items (listed);
  g_assert_cmpuint (before, >, 0);

  /* Import…'s file chooser, showing the database's own folder. */
  dir = g_path_get_dirname (chc_database_get_path (db));
  folder = g_file_new_for_path (dir);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  chooser = gtk_file_chooser_dialog_new ("Import", GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         "_Cancel", GTK_RESPONSE_CANCEL, NULL);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_window_present (GTK_WINDOW (chooser));
  chc_test_iterate (1500);
  gtk_window_destroy (GTK_WINDOW (chooser));

  /* chc-cli adds a centre of the window's district meanwhile. */
  csv = g_build_filename (dir, "new.csv", NULL);
  g_assert_true (g_file_set_contents (csv, "code,name,type,district\nX001,外部程序新增中心,centre,青浦\n",
                                      -1, NULL));
  {
    const char *argv[] = { "--db", chc_database_get_path (db), "import", "facilities", csv, NULL };
    g_assert_cmpint (chc_test_run_cli (argv, &out, &err), ==, 0);
  }
  g_assert_false (holds_deleted (chc_database_get_path (db)));

  /* The window notices and lists it, without being told. */
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (g_list_model_get_n_items (listed) == before && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, before + 1);

  /* And its own writes still reach the file the others see. */
  chc_test_exec (db, "facility", "UPDATE facility SET floor_area = 4321 WHERE code = 'X001'");
  {
    const char *argv[] = { "--db", chc_database_get_path (db), "facilities", NULL };
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (chc_test_run_cli (argv, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "4321"));
  }
  g_assert_false (holds_deleted (chc_database_get_path (db)));
  g_assert_cmpint (chc_test_query_int (db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"),
                   ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Run as "nobody" (see main): a database it cannot write. */
static void
test_read_only (void)
{
  const char *path = g_getenv ("CHC_TEST_RO_PATH");

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  if (path == NULL)
    {
      /* The parent: a database in a folder only root can write. */
      g_autofree char *dir = chc_test_tmpdir ();
      g_autofree char *folder = g_build_filename (dir, "ro", NULL);
      g_autofree char *db_path = g_build_filename (folder, "chc.db", NULL);
      const char *xauthority = g_getenv ("XAUTHORITY");

      g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(ChcDatabase) db = chc_database_open (db_path, &error);

        g_assert_no_error (error);
        g_assert_true (chc_demo_populate (db, &error));
      }
      g_chmod (db_path, 0644);
      g_chmod (folder, 0555);
      g_chmod (dir, 0755);
      /* xvfb-run's authority file, for the unprivileged child. */
      if (getuid () == 0 && xauthority != NULL)
        {
          g_autofree char *xdir = g_path_get_dirname (xauthority);
          g_chmod (xdir, 0755);
          g_chmod (xauthority, 0644);
        }
      g_setenv ("CHC_TEST_RO_PATH", db_path, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("CHC_TEST_RO_PATH");
      g_test_trap_assert_passed ();
      g_chmod (folder, 0755);
      return;
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ChcDatabase) db = chc_database_open (path, &error);
    ChcWindow *window;
    GtkWidget *badge;

    g_assert_no_error (error);
    g_assert_true (chc_database_get_read_only (db));
    window = chc_window_new (NULL, db);
    gtk_window_present (GTK_WINDOW (window));
    badge = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHC_TYPE_WINDOW, "read_only_badge"));
    g_assert_true (gtk_widget_get_visible (badge));
    g_assert_nonnull (chc_window_get_message (window));
    g_assert_nonnull (strstr (chc_window_get_message (window), "read-only"));
    chc_test_screenshot ("read-only.png");
    gtk_window_destroy (GTK_WINDOW (window));
  }
}

int
main (int    argc,
      char **argv)
{
  /* The read-only child runs as an unprivileged user (root writes
   * anything), before GTK starts. */
  if (g_getenv ("CHC_TEST_RO_PATH") != NULL && getuid () == 0)
    {
      g_setenv ("HOME", "/tmp", TRUE);
      g_setenv ("XDG_CACHE_HOME", "/tmp", TRUE);
      g_setenv ("XDG_RUNTIME_DIR", "/tmp", TRUE);
      if (setgid (65534) != 0 || setuid (65534) != 0)
        return 1;
    }

  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  chc_test_bind_locale ();

  g_test_add_func ("/ui/shared/file-chooser-and-cli", test_file_chooser_and_cli);
  g_test_add_func ("/ui/shared/read-only", test_read_only);
  return g_test_run ();
}
