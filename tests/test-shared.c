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
#include "io/chc-demo.h"
#include "store/chc-database-sync.h"
#include "store/chc-database-private.h"

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

static void
count_cb (guint *n)
{
  (*n)++;
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

  /* At the same time: other programs write while this one writes. */
  {
    g_autoptr(GPtrArray) procs = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < 3; i++)
      {
        g_autofree char *name = g_strdup_printf ("p%u.csv", i);
        g_autofree char *csv_path = g_build_filename (dir, name, NULL);
        g_autofree char *csv = g_strdup_printf ("code,name,type,district\nP00%u,并发导入%u,centre,青浦\n", i, i);
        GSubprocess *proc;

        g_assert_true (g_file_set_contents (csv_path, csv, -1, NULL));
        proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                 g_getenv ("CHC_CLI"), "--db", path, "import", "facilities", csv_path, NULL);
        g_assert_no_error (error);
        g_ptr_array_add (procs, proc);
      }
    for (guint i = 0; i < 20; i++)
      {
        g_autofree char *sql = g_strdup_printf ("UPDATE facility SET floor_area = %u WHERE code = 'W001'", 100 + i);
        chc_test_exec (database, "facility", sql);
      }
    for (guint i = 0; i < procs->len; i++)
      {
        GSubprocess *proc = g_ptr_array_index (procs, i);
        g_autofree char *err = NULL;

        g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error));
        g_assert_no_error (error);
        if (!g_subprocess_get_successful (proc))
          g_error ("chc-cli import %u failed: %s", i, err);
      }
    g_assert_false (holds_deleted (path));
    g_assert_cmpint (chc_test_query_int (database, "SELECT count(*) FROM facility WHERE code LIKE 'P00_'"), ==, 3);
    g_assert_cmpint (chc_test_query_int (database, "SELECT floor_area FROM facility WHERE code = 'W001'"), ==, 119);
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

/* A write of chc-cli while this process holds the write lock: it waits,
 * saying so, and goes on when the lock is released; with --wait 0 it
 * gives up at once in plain words, writing nothing. */
static void
test_busy_waits (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "w.csv", NULL);
  const char *path = chc_database_get_path (database);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) cli = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  g_assert_true (g_file_set_contents (csv, "code,name,type,district\nB001,等待写入,centre,青浦\n",
                                      -1, NULL));

  /* --wait 0: refused while the lock is held. */
  g_assert_true (chc_database_begin (database, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { "--db", path, "--wait", "0", "import", "facilities", csv, NULL };
    g_autofree char *out0 = NULL;
    g_autofree char *err0 = NULL;

    g_assert_cmpint (chc_test_run_cli (argv, &out0, &err0), ==, 2);
    g_assert_nonnull (strstr (err0, "Another program"));
    g_assert_null (strstr (err0, "database is locked"));
  }

  /* By default: waits, says so, and writes once the lock is released. */
  cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                          g_getenv ("CHC_CLI"), "--db", path, "import", "facilities", csv, NULL);
  g_assert_no_error (error);
  g_usleep (2500 * 1000);
  chc_database_rollback (database);

  g_assert_true (g_subprocess_communicate_utf8 (cli, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (cli));
  g_assert_cmpint (g_subprocess_get_exit_status (cli), ==, 0);
  g_assert_nonnull (strstr (err, "Waiting for another program to finish writing"));

  /* This process hears of the other's change. */
  {
    guint n_changed = 0;

    g_signal_connect_swapped (database, "changed::facility", G_CALLBACK (count_cb), &n_changed);
    g_assert_true (chc_database_poll_external_change (database));
    g_assert_cmpuint (n_changed, ==, 1);
    g_assert_false (chc_database_poll_external_change (database));
    g_assert_cmpint (chc_test_query_int (database, "SELECT count(*) FROM facility WHERE code = 'B001'"), ==, 1);
  }
}

/* As a user who cannot write the file or its folder: the database opens
 * read-only, reads work, a write is refused in plain words and the file
 * is untouched.  (Root can write anything: the check runs as "nobody".) */
static void
test_read_only (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "ro", NULL);
  g_autofree char *path = g_build_filename (folder, "chc.db", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(ChcDatabase) database = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) facilities = NULL;
      const char *sub_path = g_getenv ("CHC_TEST_RO_PATH");

      if (getuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        g_error ("cannot become nobody");
      database = chc_database_open (sub_path, &error);
      g_assert_no_error (error);
      g_assert_true (chc_database_get_read_only (database));
      facilities = chc_database_list_facilities (database, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (facilities->len, >, 0);
      g_assert_false (chc_database_set_meta (database, "x", "y", &error));
      g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_READ_ONLY);
      return;
    }

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ChcDatabase) database = chc_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (chc_demo_add_districts (database, &error));
    g_object_unref (chc_test_add_centre (database, 1, "RO001", "只读中心"));
  }
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  before = chc_test_read_file (path);

  g_setenv ("CHC_TEST_RO_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();

  after = chc_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  g_chmod (folder, 0755);
}

/* A file with the application id, a schema version and no tables: refused
 * before anything is written (it stays in rollback mode, no log appears). */
static void
test_refused_unchanged (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "hollow.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) database = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1128809265; PRAGMA user_version = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = chc_test_read_file (path);

  database = chc_database_open (path, &error);
  g_assert_null (database);
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CORRUPT);
  after = chc_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* A new database is its owner's only; a worker's connection neither checks
 * nor upgrades, and sees the owner's writes. */
static void
test_new_file_and_worker (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_database (TRUE);
  g_autoptr(ChcDatabase) worker = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (chc_database_get_path (database), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_object_unref (chc_test_add_centre (database, 1, "WK001", "工作线程"));
  worker = chc_database_open_worker (chc_database_get_path (database), &error);
  g_assert_no_error (error);
  g_assert_true (chc_database_get_worker (worker));
  g_assert_cmpint (chc_test_query_int (worker, "SELECT count(*) FROM facility WHERE code = 'WK001'"), ==, 1);
  g_assert_cmpstr (chc_database_get_installation_id (worker), ==,
                   chc_database_get_installation_id (database));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shared/window-and-cli", test_window_and_cli);
  g_test_add_func ("/shared/busy-waits", test_busy_waits);
  g_test_add_func ("/shared/read-only", test_read_only);
  g_test_add_func ("/shared/refused-unchanged", test_refused_unchanged);
  g_test_add_func ("/shared/new-file-and-worker", test_new_file_and_worker);

  return g_test_run ();
}
