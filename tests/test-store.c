/* test-store.c — opening, migrating and refusing database files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "chc-test-util.h"

static void
test_create_and_migrate (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sub", "new.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) db = chc_database_open (path, &error);
  g_autofree char *app = NULL;
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (chc_database_get_schema_version (db), ==, CHC_DATABASE_SCHEMA_VERSION);
  app = chc_database_get_meta (db, "application");
  g_assert_cmpstr (app, ==, "chc-monitor");
  g_assert_nonnull (chc_database_get_installation_id (db));
  g_assert_cmpuint (strlen (chc_database_get_installation_id (db)), ==, 36);
  g_assert_false (chc_database_get_demo (db));
  g_clear_object (&db);

  /* The file is WAL, has our application id and the current version. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "PRAGMA application_id", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, CHC_DATABASE_APPLICATION_ID);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (raw);

  /* Reopening keeps the installation id. */
  {
    g_autoptr(ChcDatabase) again = chc_database_open (path, &error);
    g_autofree char *id = NULL;
    g_assert_no_error (error);
    id = chc_database_get_meta (again, "installation_id");
    g_assert_nonnull (id);
    g_assert_cmpstr (id, ==, chc_database_get_installation_id (again));
  }
}

/* Opens @path, expects @code, and checks the file's bytes are unchanged. */
static void
assert_refused (const char *path,
                int         code)
{
  g_autoptr(GBytes) before = chc_test_read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) db = chc_database_open (path, &error);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_null (db);
  g_assert_error (error, CHC_DATABASE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  after = chc_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuse_foreign (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  sqlite3 *raw = NULL;

  g_assert_true (g_file_set_contents (text, "this is not a database\n", -1, NULL));
  assert_refused (text, CHC_DATABASE_ERROR_NOT_CHC);

  g_assert_cmpint (sqlite3_open (other, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  assert_refused (other, CHC_DATABASE_ERROR_NOT_CHC);
}

static void
test_refuse_newer (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;
  g_autofree char *sql = NULL;

  {
    g_autoptr(ChcDatabase) db = chc_database_open (path, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  sql = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %d",
                         CHC_DATABASE_SCHEMA_VERSION + 1);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  assert_refused (path, CHC_DATABASE_ERROR_TOO_NEW);
}

static void
test_refuse_corrupt (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "corrupt.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *raw = NULL;

  {
    g_autoptr(ChcDatabase) db = chc_database_open (path, &error);
    g_assert_no_error (error);
  }
  /* Back to a rollback journal so that the file alone is the database. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  /* Overwrite the pages after the first with garbage, keeping the header. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char) (i * 7 + 13);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  assert_refused (path, CHC_DATABASE_ERROR_CORRUPT);
}

static void
test_empty_file_is_new (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) db = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  db = chc_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chc_database_get_schema_version (db), ==, CHC_DATABASE_SCHEMA_VERSION);
}

static void
on_changed (ChcDatabase *db,
            const char  *table,
            gpointer     user_data)
{
  GPtrArray *seen = user_data;
  g_ptr_array_add (seen, g_strdup (table));
}

static void
test_transactions (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_database (TRUE);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) towns = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDistrict) qingpu = chc_database_find_district (db, "Qingpu", &error);
  guint n_towns;

  g_assert_no_error (error);
  towns = chc_database_list_towns (db, chc_district_get_id (qingpu), &error);
  g_assert_no_error (error);
  n_towns = towns->len;
  g_clear_pointer (&towns, g_ptr_array_unref);

  g_signal_connect (db, "changed", G_CALLBACK (on_changed), seen);

  /* A rolled-back group leaves nothing and announces nothing. */
  g_assert_true (chc_database_begin (db, &error));
  g_assert_cmpint (chc_database_add_town (db, chc_district_get_id (qingpu), "测试镇", &error), >, 0);
  g_assert_cmpint (chc_database_add_town (db, chc_district_get_id (qingpu), "测试镇二", &error), >, 0);
  chc_database_rollback (db);
  g_assert_cmpuint (seen->len, ==, 0);
  towns = chc_database_list_towns (db, chc_district_get_id (qingpu), &error);
  g_assert_cmpuint (towns->len, ==, n_towns);
  g_clear_pointer (&towns, g_ptr_array_unref);

  /* A committed group announces each table once, after the commit. */
  g_assert_true (chc_database_begin (db, &error));
  g_assert_cmpint (chc_database_add_town (db, chc_district_get_id (qingpu), "测试镇", &error), >, 0);
  g_assert_cmpint (chc_database_add_town (db, chc_district_get_id (qingpu), "测试镇二", &error), >, 0);
  g_assert_cmpuint (seen->len, ==, 0);
  g_assert_true (chc_database_commit (db, &error));
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "town");
  towns = chc_database_list_towns (db, chc_district_get_id (qingpu), &error);
  g_assert_cmpuint (towns->len, ==, n_towns + 2);

  /* A failing write inside a group rolls back only itself. */
  g_assert_true (chc_database_begin (db, &error));
  g_assert_cmpint (chc_database_add_town (db, chc_district_get_id (qingpu), "测试镇", &error), ==, 0);
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (chc_database_add_town (db, chc_district_get_id (qingpu), "测试镇三", &error), >, 0);
  g_assert_true (chc_database_commit (db, &error));
  g_clear_pointer (&towns, g_ptr_array_unref);
  towns = chc_database_list_towns (db, chc_district_get_id (qingpu), &error);
  g_assert_cmpuint (towns->len, ==, n_towns + 3);
}

static void
test_district_aliases (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_database (TRUE);
  const char *aliases[] = { "青浦区", "青浦", "Qingpu", "qingpu", "QINGPU", " 青浦 ", "310118" };

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChcDistrict) d = chc_database_find_district (db, aliases[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (chc_district_get_name (d), ==, "青浦区");
    }

  /* Every district of Shanghai is there (schema 5), with its code. */
  {
    const char *pudong[] = { "浦东新区", "浦东", "Pudong", "310115" };

    for (guint i = 0; i < G_N_ELEMENTS (pudong); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(ChcDistrict) d = chc_database_find_district (db, pudong[i], &error);

        g_assert_no_error (error);
        g_assert_cmpstr (chc_district_get_name (d), ==, "浦东新区");
        g_assert_cmpstr (chc_district_get_code (d), ==, "310115");
      }
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ChcDistrict) d = chc_database_find_district (db, "苏州", &error);
    g_assert_null (d);
    g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/create-and-migrate", test_create_and_migrate);
  g_test_add_func ("/store/refuses/foreign", test_refuse_foreign);
  g_test_add_func ("/store/refuses/newer", test_refuse_newer);
  g_test_add_func ("/store/refuses/corrupt", test_refuse_corrupt);
  g_test_add_func ("/store/empty-file-is-new", test_empty_file_is_new);
  g_test_add_func ("/store/transactions", test_transactions);
  g_test_add_func ("/store/district-aliases", test_district_aliases);

  return g_test_run ();
}
