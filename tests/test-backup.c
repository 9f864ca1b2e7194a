/* test-backup.c — honest backups and restores (issue 18): checksums,
 * refused damaged backups, private temporary files, leftovers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sqlite3.h>
#include <utime.h>
#include <time.h>
#include <glib/gstdio.h>

#include "chc-test-util.h"
#include "store/chc-database-sync.h"
#include "store/chc-database-sync-private.h"

static void
write_file (const char   *path,
            const guint8 *data,
            gsize         length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, length, &error);
  g_assert_no_error (error);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static char *
sidecar_of (const char *path)
{
  return g_strconcat (path, ".sha256", NULL);
}

/* A demo database and a backup of it at DIR/copy.db; then the database is
 * changed (a marker that a restore must undo). */
static ChcDatabase *
database_with_backup (char **backup_out)
{
  g_autoptr(GError) error = NULL;
  ChcDatabase *db = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();
  char *backup = g_build_filename (dir, "copy.db", NULL);

  g_assert_true (chc_database_backup_to (db, backup, &error));
  g_assert_no_error (error);
  chc_test_exec (db, "facility", "UPDATE facility SET name = name || '×'");
  *backup_out = backup;
  return db;
}

static gint64
n_marked (ChcDatabase *db)
{
  return chc_test_query_int (db, "SELECT count (*) FROM facility WHERE name LIKE '%×'");
}

static guint
n_backups (ChcDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = chc_database_list_backups (db, &error);

  g_assert_no_error (error);
  return backups->len;
}

/* The backup and its checksum are 0600, the checksum is sha256sum's
 * format and matches; automatic backups go to a 0700 folder. */
static void
test_checksum_and_modes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(ChcDatabase) db = database_with_backup (&backup);
  g_autofree char *sidecar = sidecar_of (backup);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GBytes) bytes = chc_test_read_file (backup);
  g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *auto_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *auto_sidecar = NULL;

  g_assert_cmpuint (file_mode (backup), ==, 0600);
  g_assert_cmpuint (file_mode (sidecar), ==, 0600);
  g_assert_true (g_file_get_contents (sidecar, &contents, NULL, NULL));
  expected = g_strdup_printf ("%s  copy.db\n", hash);
  g_assert_cmpstr (contents, ==, expected);

  /* Even with a permissive umask. */
  {
    mode_t old = umask (0);
    auto_path = chc_database_backup_auto (db, "test", &error);
    umask (old);
  }
  g_assert_no_error (error);
  dir = chc_database_get_backup_dir (db);
  auto_sidecar = sidecar_of (auto_path);
  g_assert_cmpuint (file_mode (dir), ==, 0700);
  g_assert_cmpuint (file_mode (auto_path), ==, 0600);
  g_assert_cmpuint (file_mode (auto_sidecar), ==, 0600);

  /* A folder left open by someone is closed again. */
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_free (chc_database_backup_auto (db, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (dir), ==, 0700);

  /* The old backups' checksums go with them. */
  for (int i = 0; i < 12; i++)
    g_free (chc_database_backup_auto (db, "test", &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (auto_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (auto_sidecar, G_FILE_TEST_EXISTS));
}

/* A good backup restores; the content is back. */
static void
test_restore_verified (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(ChcDatabase) db = database_with_backup (&backup);
  gboolean verified = FALSE;

  g_assert_cmpint (n_marked (db), >, 0);
  g_assert_true (chc_database_restore_from_full (db, backup, CHC_RESTORE_DEFAULT, &verified, &error));
  g_assert_no_error (error);
  g_assert_true (verified);
  g_assert_cmpint (n_marked (db), ==, 0);
  g_assert_cmpuint (n_backups (db), ==, 1);
}

/* Refused with @code: nothing changed, no automatic backup made, no
 * temporary file left. */
static void
assert_restore_refused (ChcDatabase     *db,
                        const char      *source,
                        ChcRestoreFlags  flags,
                        int              code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_dir = g_path_get_dirname (chc_database_get_path (db));
  g_autoptr(GDir) d = NULL;
  const char *name;
  gint64 marked = n_marked (db);
  guint backups = n_backups (db);
  gint64 clock = chc_test_query_int (db, "SELECT value FROM meta WHERE key = 'clock'");
  g_autofree char *id = g_strdup (chc_database_get_installation_id (db));
  g_autofree char *display = g_filename_display_name (source);

  g_assert_false (chc_database_restore_from_full (db, source, flags, NULL, &error));
  g_assert_error (error, CHC_DATABASE_ERROR, code);
  g_assert_nonnull (strstr (error->message, display));
  g_test_message ("refused: %s", error->message);
  g_assert_cmpint (n_marked (db), ==, marked);
  g_assert_cmpuint (n_backups (db), ==, backups);
  g_assert_cmpint (chc_test_query_int (db, "SELECT value FROM meta WHERE key = 'clock'"), ==, clock);
  g_assert_cmpstr (chc_database_get_installation_id (db), ==, id);

  d = g_dir_open (db_dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_null (strstr (name, ".part"));
}

/* A backup one byte short: refused by its checksum, and without the
 * checksum (forced) by its size. */
static void
test_truncated_refused (void)
{
  g_autofree char *backup = NULL;
  g_autoptr(ChcDatabase) db = database_with_backup (&backup);
  g_autofree char *sidecar = sidecar_of (backup);
  g_autoptr(GBytes) bytes = chc_test_read_file (backup);

  write_file (backup, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) - 1);
  assert_restore_refused (db, backup, CHC_RESTORE_DEFAULT, CHC_DATABASE_ERROR_CORRUPT);
  assert_restore_refused (db, backup, CHC_RESTORE_ALLOW_UNVERIFIED, CHC_DATABASE_ERROR_CORRUPT);

  g_assert_cmpint (g_unlink (sidecar), ==, 0);
  assert_restore_refused (db, backup, CHC_RESTORE_DEFAULT, CHC_DATABASE_ERROR_CORRUPT);
  assert_restore_refused (db, backup, CHC_RESTORE_ALLOW_UNVERIFIED, CHC_DATABASE_ERROR_CORRUPT);

  /* A whole page short, too. */
  write_file (backup, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) - 4096);
  assert_restore_refused (db, backup, CHC_RESTORE_ALLOW_UNVERIFIED, CHC_DATABASE_ERROR_CORRUPT);
}

/* One flipped byte anywhere: refused by the checksum. */
static void
test_flipped_byte_refused (void)
{
  g_autofree char *backup = NULL;
  g_autoptr(ChcDatabase) db = database_with_backup (&backup);
  g_autoptr(GBytes) bytes = chc_test_read_file (backup);
  gsize length = g_bytes_get_size (bytes);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), length);
  const gsize offsets[] = { 200, length / 2, length - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      data[offsets[i]] ^= 0x01;
      write_file (backup, data, length);
      assert_restore_refused (db, backup, CHC_RESTORE_DEFAULT, CHC_DATABASE_ERROR_CORRUPT);
      assert_restore_refused (db, backup, CHC_RESTORE_ALLOW_UNVERIFIED, CHC_DATABASE_ERROR_CORRUPT);
      data[offsets[i]] ^= 0x01;
    }

  /* A damaged checksum file is no better than a wrong one. */
  {
    g_autofree char *sidecar = sidecar_of (backup);

    write_file (backup, data, length);
    write_file (sidecar, (const guint8 *) "not a checksum\n", 15);
    assert_restore_refused (db, backup, CHC_RESTORE_ALLOW_UNVERIFIED, CHC_DATABASE_ERROR_CORRUPT);
  }
}

/* A copy made by hand (no checksum): refused unless allowed; allowed, it
 * passes the full integrity check and is restored (unverified). A damaged
 * page in such a copy is caught by the integrity check. */
static void
test_unverified (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(ChcDatabase) db = database_with_backup (&backup);
  g_autofree char *sidecar = sidecar_of (backup);
  g_autofree char *dir = g_path_get_dirname (backup);
  g_autofree char *damaged = g_build_filename (dir, "damaged.db", NULL);
  g_autoptr(GBytes) bytes = chc_test_read_file (backup);
  gsize length = g_bytes_get_size (bytes);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), length);
  gboolean verified = TRUE;

  g_assert_cmpint (g_unlink (sidecar), ==, 0);
  assert_restore_refused (db, backup, CHC_RESTORE_DEFAULT, CHC_DATABASE_ERROR_UNVERIFIED);

  /* An index that no longer matches its table: PRAGMA quick_check passes
   * it, the full integrity check does not. */
  write_file (damaged, data, length);
  {
    sqlite3 *raw = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (damaged, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (raw, "PRAGMA writable_schema = ON;"
                                   "UPDATE sqlite_schema SET sql = 'CREATE INDEX facility_district"
                                   " ON facility (name)' WHERE name = 'facility_district'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (raw);
    g_assert_cmpint (sqlite3_open (damaged, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (raw, "PRAGMA quick_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
    sqlite3_close (raw);
  }
  assert_restore_refused (db, damaged, CHC_RESTORE_ALLOW_UNVERIFIED, CHC_DATABASE_ERROR_CORRUPT);

  g_assert_true (chc_database_restore_from_full (db, backup, CHC_RESTORE_ALLOW_UNVERIFIED, &verified, &error));
  g_assert_no_error (error);
  g_assert_false (verified);
  g_assert_cmpint (n_marked (db), ==, 0);

  /* The database itself is no backup, nor its -wal; and no backup goes
   * over it. */
  assert_restore_refused (db, chc_database_get_path (db), CHC_RESTORE_ALLOW_UNVERIFIED,
                          CHC_DATABASE_ERROR_NOT_CHC);
  {
    g_autofree char *wal = g_strconcat (chc_database_get_path (db), "-wal", NULL);
    g_autoptr(GBytes) before = chc_test_read_file (chc_database_get_path (db));
    g_autoptr(GBytes) after = NULL;

    assert_restore_refused (db, wal, CHC_RESTORE_ALLOW_UNVERIFIED, CHC_DATABASE_ERROR_NOT_CHC);
    g_assert_false (chc_database_backup_to (db, chc_database_get_path (db), &error));
    g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO);
    g_clear_error (&error);
    after = chc_test_read_file (chc_database_get_path (db));
    g_assert_true (g_bytes_equal (before, after));
  }
}

/* Another local user's file or link at the old predictable FILE.part (or
 * at FILE.sha256.part) is neither written nor followed nor removed; a
 * link at FILE itself is replaced, not followed. */
static void
test_exclusive_temporary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *dest = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *part = g_strconcat (dest, ".part", NULL);
  g_autofree char *sum_part = g_strconcat (dest, ".sha256.part", NULL);
  g_autofree char *victim = g_build_filename (dir, "victim", NULL);
  g_autofree char *victim2 = g_build_filename (dir, "victim2", NULL);
  g_autofree char *target = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  GStatBuf st;

  write_file (victim, (const guint8 *) "victim", 6);
  write_file (victim2, (const guint8 *) "victim2", 7);
  g_assert_cmpint (symlink (victim, part), ==, 0);
  g_assert_cmpint (symlink (victim, sum_part), ==, 0);
  g_assert_cmpint (symlink (victim2, dest), ==, 0);

  g_assert_true (chc_database_backup_to (db, dest, &error));
  g_assert_no_error (error);

  after = chc_test_read_file (victim);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), "victim", 6);
  g_clear_pointer (&after, g_bytes_unref);
  after = chc_test_read_file (victim2);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), "victim2", 7);
  target = g_file_read_link (part, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (target, ==, victim);
  g_assert_cmpint (g_lstat (dest, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  /* A plain file there stays as it was too; no temporary file is left. */
  g_assert_cmpint (g_unlink (part), ==, 0);
  write_file (part, (const guint8 *) "someone's", 9);
  g_assert_true (chc_database_backup_to (db, dest, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_bytes_unref);
  after = chc_test_read_file (part);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), "someone's", 9);
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_null (strstr (name, ".chc-"));
}

/* A file left an hour ago (younger temporary files may still be in use). */
static void
touch (const char *dir,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  struct utimbuf hour_ago;

  write_file (path, (const guint8 *) "x", 1);
  hour_ago.actime = hour_ago.modtime = time (NULL) - 3600;
  g_assert_cmpint (g_utime (path, &hour_ago), ==, 0);
}

static gboolean
exists (const char *dir,
        const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GStatBuf st;

  return g_lstat (path, &st) == 0;
}

/* What a crash left is removed at the next open; nothing else is: not the
 * database's own -wal/-shm/-journal, not other files, not a temporary
 * file another process is still writing. */
static void
test_leftovers_cleaned (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) db = chc_test_new_database (FALSE);
  g_autofree char *path = g_strdup (chc_database_get_path (db));
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *busy = g_build_filename (dir, "other.db.chc-Busy01.part", NULL);
  int fd;

  g_clear_object (&db);
  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  touch (dir, "test.db.chc-a1B2c3.part");
  touch (dir, "test.db.chc-a1B2c3.part-journal");
  touch (dir, "test.db.chc-Zz9Zz9.part-wal");
  touch (dir, "elsewhere.db.chc-QQQQQQ.part");
  touch (backups, "test.db.20250101-000000-000001-import.bak.chc-x7Y8z9.part");
  touch (backups, "test.db.20250101-000000-000001-import.bak.chc-x7Y8z9.part-journal");
  touch (backups, "test.db.20250101-000000-000002-import.bak.part");
  touch (backups, "test.db.20250101-000000-000002-import.bak.part-journal");
  touch (backups, "test.db.20250101-000000-000003-import.bak");
  touch (dir, "notes.part");
  touch (dir, "test.db.part");
  touch (dir, "test.db.chc-short.part");
  touch (dir, "test.db.chc-abcdefg.part");
  /* Busy: another process (here, another descriptor) holds its lock. */
  touch (dir, "other.db.chc-Busy01.part-journal");
  fd = g_open (busy, O_RDWR | O_CREAT | O_EXCL, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);
  {
    /* Old, so that only its lock keeps it. */
    struct utimbuf hour_ago = { time (NULL) - 3600, time (NULL) - 3600 };

    g_assert_cmpint (g_utime (busy, &hour_ago), ==, 0);
  }

  db = chc_database_open (path, &error);
  g_assert_no_error (error);

  g_assert_false (exists (dir, "test.db.chc-a1B2c3.part"));
  g_assert_false (exists (dir, "test.db.chc-a1B2c3.part-journal"));
  g_assert_false (exists (dir, "test.db.chc-Zz9Zz9.part-wal"));
  g_assert_false (exists (dir, "elsewhere.db.chc-QQQQQQ.part"));
  g_assert_false (exists (backups, "test.db.20250101-000000-000001-import.bak.chc-x7Y8z9.part"));
  g_assert_false (exists (backups, "test.db.20250101-000000-000001-import.bak.chc-x7Y8z9.part-journal"));
  g_assert_false (exists (backups, "test.db.20250101-000000-000002-import.bak.part"));
  g_assert_false (exists (backups, "test.db.20250101-000000-000002-import.bak.part-journal"));

  g_assert_true (exists (backups, "test.db.20250101-000000-000003-import.bak"));
  g_assert_true (exists (dir, "notes.part"));
  g_assert_true (exists (dir, "test.db.part"));
  g_assert_true (exists (dir, "test.db.chc-short.part"));
  g_assert_true (exists (dir, "test.db.chc-abcdefg.part"));
  g_assert_true (exists (dir, "other.db.chc-Busy01.part"));
  g_assert_true (exists (dir, "other.db.chc-Busy01.part-journal"));
  g_assert_true (exists (dir, "test.db"));
  g_assert_true (exists (dir, "test.db-wal"));

  /* A temporary file made a moment ago (its lock not taken yet) is kept. */
  touch (dir, "test.db.chc-New001.part");
  {
    g_autofree char *fresh = g_build_filename (dir, "test.db.chc-New001.part", NULL);

    g_assert_cmpint (g_utime (fresh, NULL), ==, 0);
  }

  /* Released: the next cleanup takes it. */
  close (fd);
  chc_database_clean_leftovers (path);
  g_assert_false (exists (dir, "other.db.chc-Busy01.part"));
  g_assert_false (exists (dir, "other.db.chc-Busy01.part-journal"));
  g_assert_true (exists (dir, "test.db.chc-New001.part"));
  /* The open database's -wal and -shm are left alone. */
  g_assert_true (exists (dir, "test.db-wal"));
  g_assert_true (exists (dir, "test.db-shm"));
  g_assert_cmpint (chc_test_query_int (db, "PRAGMA user_version"), ==, CHC_DATABASE_SCHEMA_VERSION);
}

/* A hot journal of the database itself (a writer killed mid-transaction)
 * is never removed: SQLite rolls it back. */
static void
test_hot_journal_kept (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "rollback.db", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  sqlite3 *raw = NULL;
  pid_t pid;
  int status = 0;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA journal_mode = DELETE;"
                                 "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (raw);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* A transaction larger than the cache spills into the file, then
       * the process dies without committing. */
      sqlite3 *child = NULL;

      if (sqlite3_open (path, &child) != SQLITE_OK ||
          sqlite3_exec (child, "PRAGMA cache_size = 2; BEGIN; UPDATE t SET x = 2;"
                        "CREATE TABLE junk (b);"
                        "WITH RECURSIVE c (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 500)"
                        " INSERT INTO junk SELECT randomblob (1000) FROM c",
                        NULL, NULL, NULL) != SQLITE_OK)
        _exit (1);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));

  chc_database_clean_leftovers (path);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));

  /* And the journal does its work. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT x, (SELECT count (*) FROM sqlite_schema)"
                                         " FROM t", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (raw);
}

/* chc-cli backup and restore: exit 0 when done, 2 when refused. */
static void
test_cli (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "cli-backup.db", NULL);
  g_autofree char *sidecar = sidecar_of (backup);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) db = NULL;

  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db_path, "init", "--demo", NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db_path, "backup", "--output", backup, NULL });
  g_assert_true (g_file_test (sidecar, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (file_mode (backup), ==, 0600);
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) { "--db", db_path, "backup", NULL });

  db = chc_database_open (db_path, &error);
  g_assert_no_error (error);
  chc_test_exec (db, "facility", "UPDATE facility SET name = name || '×'");
  g_clear_object (&db);

  /* One byte short: refused, and the database keeps its content. */
  bytes = chc_test_read_file (backup);
  write_file (backup, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) - 1);
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) { "--db", db_path, "restore", backup, NULL });
  g_assert_nonnull (strstr (err, "does not match its checksum"));
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) { "--db", db_path, "restore", "--force", backup, NULL });

  /* Without checksum: refused unless --force. */
  write_file (backup, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpint (g_unlink (sidecar), ==, 0);
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) { "--db", db_path, "restore", backup, NULL });
  g_assert_nonnull (strstr (err, "no checksum"));
  g_assert_nonnull (strstr (err, "--force"));
  db = chc_database_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_marked (db), >, 0);
  g_clear_object (&db);

  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db_path, "restore", "--force", backup, NULL });
  g_assert_nonnull (strstr (err, "Warning"));
  db = chc_database_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_marked (db), ==, 0);
  g_clear_object (&db);

  /* With its checksum: restored, no warning. */
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db_path, "backup", "--output", backup, NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db_path, "restore", backup, NULL });
  g_assert_null (strstr (err, "Warning"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/checksum-and-modes", test_checksum_and_modes);
  g_test_add_func ("/backup/restore-verified", test_restore_verified);
  g_test_add_func ("/backup/truncated-refused", test_truncated_refused);
  g_test_add_func ("/backup/flipped-byte-refused", test_flipped_byte_refused);
  g_test_add_func ("/backup/unverified", test_unverified);
  g_test_add_func ("/backup/exclusive-temporary", test_exclusive_temporary);
  g_test_add_func ("/backup/leftovers-cleaned", test_leftovers_cleaned);
  g_test_add_func ("/backup/hot-journal-kept", test_hot_journal_kept);
  g_test_add_func ("/backup/cli", test_cli);

  return g_test_run ();
}
