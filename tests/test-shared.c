/* test-shared.c — one database file used by a long-lived process (as the
 * window holds it: its main connection plus a worker's import) and by other
 * processes (chc-cli) at the same time (issue 18, item 1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "chc-test-util.h"
#include "io/chc-csv-import.h"
#include "store/chc-database-sync.h"

/* TRUE when this process holds a descriptor of a file named @suffix of the
 * database that was removed under it ("… (deleted)"). */
static gboolean
holds_deleted (const char *db_path)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, db_path) &&
          g_str_has_suffix (target, " (deleted)"))
        {
          g_test_message ("removed under this process: %s", target);
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  ChcCsvReport *report;
  GError       *error;
  gboolean      done;
} ImportResult;

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportResult *r = user_data;

  r->report = chc_csv_import_finish (CHC_DATABASE (source), result, &r->error);
  r->done = TRUE;
}

/* An import in a worker thread, as the window's import assistant runs it. */
static void
import_in_worker (ChcDatabase *database,
                  const char  *dir,
                  const char  *name,
                  const char  *csv)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ImportResult r = { 0 };

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  chc_csv_import_async (database, CHC_CSV_KIND_FACILITIES, file, NULL, NULL, NULL,
                        import_done_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.report);
  g_assert_true (r.report->written);
  chc_csv_report_free (r.report);
}

/* Opens, reads and closes a file as GIO's content sniffing does. */
static void
sniff (const char *db_path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);
      char buffer[64];
      int fd = g_open (path, O_RDONLY, 0);

      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (read (fd, buffer, sizeof buffer), >=, 0);
      g_close (fd, NULL);
    }
}

static char *
run_cli_ok (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = chc_test_run_cli (argv, &out, &err);

  if (status != 0)
    g_test_message ("chc-cli %s: %s", argv[2], err);
  g_assert_cmpint (status, ==, 0);
  return g_steal_pointer (&out);
}

static void
test_window_and_cli (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();
  const char *path = chc_database_get_path (database);
  g_autofree char *backup = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  /* The window's first import, in a worker with its connection. */
  import_in_worker (database, dir, "a.csv",
                    "code,name,type,district\nW001,窗口导入甲,centre,青浦\n");

  /* What a file chooser does when it shows the database's folder: it reads
   * the first bytes of every file to guess its type. */
  sniff (path);

  /* Other programs on the same file: read, write, back up, check. */
  {
    const char *facilities[] = { "--db", path, "facilities", NULL };
    const char *check[] = { "--db", path, "check", NULL };
    const char *backup_cmd[] = { "--db", path, "backup", "--output", backup, NULL };
    g_autofree char *csv_path = g_build_filename (dir, "cli.csv", NULL);
    const char *import[] = { "--db", path, "import", "facilities", csv_path, NULL };
    g_autofree char *out = NULL;

    out = run_cli_ok (facilities);
    g_assert_nonnull (strstr (out, "W001"));
    g_assert_false (holds_deleted (path));

    g_assert_true (g_file_set_contents (csv_path,
                                        "code,name,type,district\nC001,命令行导入,centre,青浦\n",
                                        -1, NULL));
    g_free (run_cli_ok (import));
    g_assert_false (holds_deleted (path));
    g_free (run_cli_ok (backup_cmd));
    g_assert_false (holds_deleted (path));
    g_free (run_cli_ok (check));
    g_assert_false (holds_deleted (path));
  }

  /* The window's own writes go on and are seen by the others. */
  import_in_worker (database, dir, "b.csv",
                    "code,name,type,district\nW002,窗口导入乙,centre,青浦\n");
  chc_test_exec (database, "facility",
                 "UPDATE facility SET floor_area = 1234 WHERE code = 'W001'");
  g_assert_false (holds_deleted (path));

  {
    const char *facilities[] = { "--db", path, "facilities", NULL };
    g_autofree char *out = run_cli_ok (facilities);

    g_assert_nonnull (strstr (out, "W001"));
    g_assert_nonnull (strstr (out, "W002"));
    g_assert_nonnull (strstr (out, "C001"));
  }
  g_assert_cmpint (chc_test_query_int (database,
                                       "SELECT count(*) FROM facility WHERE code IN ('W001', 'W002', 'C001')"),
                   ==, 3);

  problems = chc_database_check (database, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_assert_false (g_str_has_prefix (g_ptr_array_index (problems, i), "integrity"));
  g_assert_cmpint (chc_test_query_int (database, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"),
                   ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shared/window-and-cli", test_window_and_cli);

  return g_test_run ();
}
