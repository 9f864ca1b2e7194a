/* chc-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sodium.h>
#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>

#include "chc-test-util.h"
#include "store/chc-database-private.h"
#include "store/chc-database-sync.h"
#include "io/chc-demo.h"

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
cleanup_tmpdirs (void)
{
  if (tmpdirs == NULL)
    return;
  for (guint i = 0; i < tmpdirs->len; i++)
    remove_tree (g_ptr_array_index (tmpdirs, i));
  g_clear_pointer (&tmpdirs, g_ptr_array_unref);
}

void
chc_test_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

char *
chc_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("chc-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (cleanup_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

ChcDatabase *
chc_test_new_database (gboolean with_districts)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(GError) error = NULL;
  ChcDatabase *database = chc_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (database);
  if (with_districts)
    {
      chc_demo_add_districts (database, &error);
      g_assert_no_error (error);
    }
  return database;
}

ChcDatabase *
chc_test_new_demo (void)
{
  g_autoptr(GError) error = NULL;
  ChcDatabase *database = chc_test_new_database (FALSE);

  chc_demo_populate (database, &error);
  g_assert_no_error (error);
  /* The tests change the demo's figures freely: its reporting cycle (the
   * states, approvals and locked periods of chc-demo-reporting.c) goes. */
  chc_test_exec (database, "report_state",
                 "DELETE FROM report_state; DELETE FROM period_lock;"
                 " DELETE FROM row_version WHERE tbl IN ('report_state', 'period_lock');"
                 " DELETE FROM field_stamp WHERE tbl IN ('report_state', 'period_lock');"
                 " DELETE FROM audit WHERE tbl IN ('report_state', 'period_lock')");
  return database;
}

GBytes *
chc_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

int
chc_test_run_cli (const char *const *argv,
                  char              **out,
                  char              **err)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("CHC_CLI");
  int status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (gpointer) cli);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

ChcFacility *
chc_test_add_centre (ChcDatabase *database,
                     gint64       district_id,
                     const char  *code,
                     const char  *name)
{
  g_autoptr(GError) error = NULL;
  ChcFacility *facility = chc_facility_new ();

  chc_facility_set_code (facility, code);
  chc_facility_set_name (facility, name);
  chc_facility_set_facility_type (facility, CHC_FACILITY_CENTRE);
  chc_facility_set_district_id (facility, district_id);
  chc_database_add_facility (database, facility, &error);
  g_assert_no_error (error);
  return facility;
}

void
chc_test_exec (ChcDatabase *database,
               const char  *changed_table,
               const char  *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (chc_database_begin (database, &error));
  g_assert_no_error (error);
  chc_database_exec (database, sql, &error);
  g_assert_no_error (error);
  if (changed_table != NULL)
    chc_database_notify_changed (database, changed_table);
  g_assert_true (chc_database_commit (database, &error));
  g_assert_no_error (error);
}

gint64
chc_test_query_int (ChcDatabase *database,
                    const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (chc_database_get_handle (database), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

void
chc_test_screenshot (const char *name)
{
  const char *dir = g_getenv ("CHC_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (300000);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  path = g_build_filename (dir, name, NULL);
  g_spawn_sync (NULL, (char *[]) { (char *) "import", (char *) "-window", (char *) "root", path, NULL },
                NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

void
chc_test_bind_locale (void)
{
  if (g_getenv ("CHC_LOCALEDIR") == NULL)
    return;
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CHC_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

void
chc_test_write_package (const char   *path,
                        const guint8 *image,
                        gsize         size,
                        const guint8 *secret_key)
{
  static const char context[] = "CHC Monitor exchange package, format 2";
  guint8 header[CHC_TEST_PACKAGE_HEADER_SIZE];
  guint8 message[sizeof context + 80];
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 sk[crypto_sign_SECRETKEYBYTES];
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sodium_init (), >=, 0);
  if (secret_key != NULL)
    {
      memcpy (sk, secret_key, sizeof sk);
      crypto_sign_ed25519_sk_to_pk (pk, sk);
    }
  else
    crypto_sign_keypair (pk, sk);
  memcpy (header, "CHCPKG\n\2", 8);
  crypto_hash_sha256 (header + 8, image, size);
  for (int i = 0; i < 8; i++)
    header[40 + i] = (guint8) ((guint64) size >> (8 * (7 - i)));
  memcpy (header + 48, pk, sizeof pk);
  memcpy (message, context, sizeof context);
  memcpy (message + sizeof context, header, 80);
  crypto_sign_detached (header + 80, NULL, message, sizeof message, sk);
  g_byte_array_append (file, header, sizeof header);
  g_byte_array_append (file, image, size);
  g_file_set_contents (path, (const char *) file->data, file->len, &error);
  g_assert_no_error (error);
}

void
chc_test_require_display (gboolean have_display)
{
  const char *ci = g_getenv ("CI");

  if (have_display || ci == NULL)
    return;
  if (g_ascii_strcasecmp (ci, "true") == 0 || g_str_equal (ci, "1") ||
      g_ascii_strcasecmp (ci, "yes") == 0)
    {
      /* TAP: the whole program fails. */
      g_print ("Bail out! No display, and CI=%s: the UI tests must run (under xvfb-run).\n", ci);
      exit (1);
    }
}

char *
chc_test_query_text (ChcDatabase *database,
                     const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (chc_database_get_handle (database), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

void
chc_test_run_cli_expect (int                 status,
                         char              **out,
                         char              **err,
                         const char *const  *argv)
{
  int got;

  g_clear_pointer (out, g_free);
  g_clear_pointer (err, g_free);
  got = chc_test_run_cli (argv, out, err);
  if (got != status)
    g_printerr ("chc-cli: %s\n%s", *out, *err);
  g_assert_cmpint (got, ==, status);
}

ChcDatabase *
chc_test_copy_database (ChcDatabase *database,
                        const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  ChcDatabase *copy;

  g_assert_true (chc_database_backup_to (database, path, &error));
  g_assert_no_error (error);
  copy = chc_database_open (path, &error);
  g_assert_no_error (error);
  return copy;
}
