/* test-package.c — exchange packages, merge and conflicts, audit log,
 * backups (issue 9).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <sys/stat.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "chc-test-util.h"
#include "model/chc-indicator-result.h"
#include "store/chc-database-plans.h"
#include "store/chc-database-private.h"
#include "store/chc-database-sync.h"
#include "store/chc-package.h"
#include "io/chc-csv-import.h"

/* Changes through the store's own connection, so that its triggers see
 * them as the application's writes do. */


static char *
export_package (ChcDatabase *db,
                const char  *centre,
                gboolean     since_last)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcPackageInfo) info = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  char *path = g_build_filename (dir, "centre.chcpkg", NULL);
  ChcPackageExportOptions options = { centre, since_last, NULL };

  info = chc_package_export (db, path, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_cmpint (info->schema_version, ==, CHC_DATABASE_SCHEMA_VERSION);
  g_assert_cmpstr (info->source_installation, ==, chc_database_get_installation_id (db));
  g_assert_cmpuint (strlen (info->sha256), ==, 64);
  return path;
}

/* Plans and applies; returns the number applied (-1: refused). */
static int
merge (ChcDatabase    *db,
       const char     *path,
       ChcMergeChoice  unresolved,
       GError        **error)
{
  g_autoptr(ChcMergePlan) plan = chc_package_plan_merge (db, path, error);
  guint n = 0;

  if (plan == NULL)
    return -1;
  /* A new sender's key is pinned (as if its fingerprint was compared). */
  chc_merge_plan_set_signer_trusted (plan, TRUE);
  if (!chc_package_apply_merge (db, plan, unresolved, NULL, NULL, &n, error))
    return -1;
  return (int) n;
}

#define CENTRE "310118C02"   /* 金泽社区卫生服务中心, Qingpu */
#define BRANCH "310118B01"   /* its branch centre at 商榻 */

static void
assert_same_indicators (ChcDatabase *a,
                        ChcDatabase *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDistrict) qingpu = chc_database_find_district (a, "青浦区", &error);

  for (int year = 2023; year <= 2025; year++)
    {
      g_autoptr(GPtrArray) ra = chc_database_evaluate_plan (a, chc_district_get_id (qingpu), year, &error);
      g_autoptr(GPtrArray) rb = chc_database_evaluate_plan (b, chc_district_get_id (qingpu), year, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (ra->len, ==, rb->len);
      g_assert_cmpuint (ra->len, >, 0);
      for (guint i = 0; i < ra->len; i++)
        {
          ChcIndicatorResult *x = g_ptr_array_index (ra, i);
          ChcIndicatorResult *y = g_ptr_array_index (rb, i);

          /* the reporting cycle differs by design: the figures' arrival
           * at the commission is the centre's report submitted there */
          if (chc_indicator_get_area (chc_indicator_result_get_indicator (x)) == CHC_AREA_REPORTING)
            continue;
          g_assert_cmpint (chc_indicator_result_get_has_value (x), ==, chc_indicator_result_get_has_value (y));
          if (chc_indicator_result_get_has_value (x))
            g_assert_cmpfloat_with_epsilon (chc_indicator_result_get_value (x),
                                            chc_indicator_result_get_value (y), 1e-9);
        }
    }
}

/* A centre's changes reach the commission: its indicators become equal. */
static void
test_export_merge_indicators (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* A copied file is another installation. */
  g_assert_cmpstr (chc_database_get_installation_id (centre), !=,
                   chc_database_get_installation_id (commission));

  chc_test_exec (centre, NULL, "UPDATE signing SET signed_residents = signed_residents + 900"
                " WHERE facility_id IN (SELECT id FROM facility WHERE code IN ('" CENTRE "', '" BRANCH "'))"
                " AND period BETWEEN '2023-01' AND '2025-12'");
  chc_test_exec (centre, NULL, "UPDATE facility SET floor_area = 4321 WHERE code = '310118C01'");
  before = chc_test_query_text (commission, "SELECT sum (signed_residents) FROM signing");

  path = export_package (centre, CENTRE, FALSE);
  g_assert_cmpint (merge (commission, path, CHC_MERGE_CHOICE_NONE, &error), >, 0);
  g_assert_no_error (error);

  after = chc_test_query_text (commission, "SELECT sum (signed_residents) FROM signing");
  g_assert_cmpstr (before, !=, after);
  assert_same_indicators (centre, commission);
  /* Another centre is not in this centre's package. */
  g_assert_cmpint (chc_test_query_int (commission, "SELECT floor_area FROM facility WHERE code = '310118C01'"), !=, 4321);

  /* The whole database brings it too. */
  g_clear_pointer (&path, g_free);
  path = export_package (centre, NULL, FALSE);
  g_assert_cmpint (merge (commission, path, CHC_MERGE_CHOICE_NONE, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (chc_test_query_int (commission, "SELECT floor_area FROM facility WHERE code = '310118C01'"), ==, 4321);
}

/* Different fields of the same row changed on each side: both kept. */
static void
test_different_fields_merge (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autofree char *path = NULL;

  chc_test_exec (centre, NULL, "UPDATE signing SET signed_residents = 12345 WHERE period = '2024-06'"
                " AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')");
  chc_test_exec (commission, NULL, "UPDATE signing SET online_signed = 999 WHERE period = '2024-06'"
                    " AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')");

  path = export_package (centre, CENTRE, FALSE);
  {
    g_autoptr(ChcMergePlan) plan = chc_package_plan_merge (commission, path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (chc_merge_plan_get_n_conflicts (plan), ==, 0);
    g_assert_cmpuint (chc_merge_plan_get_n_changes (plan), ==, 1);
  }
  g_assert_cmpint (merge (commission, path, CHC_MERGE_CHOICE_NONE, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (chc_test_query_int (commission, "SELECT signed_residents FROM signing WHERE period = '2024-06'"
                                          " AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')"), ==, 12345);
  g_assert_cmpint (chc_test_query_int (commission, "SELECT online_signed FROM signing WHERE period = '2024-06'"
                                          " AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')"), ==, 999);

  /* Later changes there are taken without conflict: the commission's
   * version of the row now includes the centre's. */
  chc_test_exec (centre, NULL, "UPDATE signing SET signed_residents = 12346 WHERE period = '2024-06'"
                " AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')");
  g_clear_pointer (&path, g_free);
  path = export_package (centre, CENTRE, TRUE);
  g_assert_cmpint (merge (commission, path, CHC_MERGE_CHOICE_NONE, &error), ==, 1);
  g_assert_no_error (error);
}

static GBytes *
file_bytes_or_empty (const char *path)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return g_bytes_new (NULL, 0);
  return chc_test_read_file (path);
}

static void
snapshot_files (ChcDatabase *db,
                GBytes     **main_file,
                GBytes     **wal)
{
  g_autofree char *wal_path = g_strconcat (chc_database_get_path (db), "-wal", NULL);

  *main_file = chc_test_read_file (chc_database_get_path (db));
  *wal = file_bytes_or_empty (wal_path);
}

static void
assert_files_unchanged (ChcDatabase *db,
                        GBytes      *main_file,
                        GBytes      *wal)
{
  g_autoptr(GBytes) main_now = NULL;
  g_autoptr(GBytes) wal_now = NULL;

  snapshot_files (db, &main_now, &wal_now);
  g_assert_true (g_bytes_equal (main_file, main_now));
  g_assert_true (g_bytes_equal (wal, wal_now));
}

/* The same field changed on both sides: a conflict; nothing is applied
 * until it is resolved. */
static void
test_conflict (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autoptr(ChcMergePlan) plan = NULL;
  g_autoptr(GBytes) main_file = NULL;
  g_autoptr(GBytes) wal = NULL;
  g_autoptr(ChcMergeChange) change = NULL;
  g_autofree char *path = NULL;
  gint64 n_audit;
  guint n = 0;

  chc_test_exec (centre, NULL, "UPDATE facility SET name = '金泽社区卫生服务中心（新）', floor_area = 8000 WHERE code = '" CENTRE "'");
  chc_test_exec (commission, NULL, "UPDATE facility SET name = '金泽镇社区卫生服务中心' WHERE code = '" CENTRE "'");
  path = export_package (centre, CENTRE, FALSE);

  plan = chc_package_plan_merge (commission, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chc_merge_plan_get_n_conflicts (plan), ==, 1);
  g_assert_cmpuint (chc_merge_plan_get_n_unresolved (plan), ==, 1);
  chc_merge_plan_set_signer_trusted (plan, TRUE);

  for (guint i = 0; i < chc_merge_plan_get_n_changes (plan); i++)
    {
      g_autoptr(ChcMergeChange) c = g_list_model_get_item (chc_merge_plan_get_changes (plan), i);

      if (chc_merge_change_get_action (c) == CHC_MERGE_CONFLICT)
        change = g_object_ref (c);
    }
  g_assert_nonnull (change);
  g_assert_cmpstr (chc_merge_change_get_field (change), ==, "name");
  g_assert_cmpstr (chc_merge_change_get_ours (change), ==, "金泽镇社区卫生服务中心");
  g_assert_cmpstr (chc_merge_change_get_theirs (change), ==, "金泽社区卫生服务中心（新）");

  /* Unresolved: refused, and not a byte of the database changes. */
  n_audit = chc_test_query_int (commission, "SELECT count (*) FROM audit");
  snapshot_files (commission, &main_file, &wal);
  g_assert_false (chc_package_apply_merge (commission, plan, CHC_MERGE_CHOICE_NONE, NULL, NULL, &n, &error));
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CONFLICTS);
  g_clear_error (&error);
  assert_files_unchanged (commission, main_file, wal);
  g_assert_cmpint (chc_test_query_int (commission, "SELECT floor_area FROM facility WHERE code = '" CENTRE "'"), !=, 8000);

  /* Keep ours for the name: the floor area (changed there only) comes. */
  chc_merge_change_set_choice (change, CHC_MERGE_CHOICE_OURS);
  g_assert_cmpuint (chc_merge_plan_get_n_unresolved (plan), ==, 0);
  g_assert_true (chc_package_apply_merge (commission, plan, CHC_MERGE_CHOICE_NONE, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  {
    g_autofree char *name = chc_test_query_text (commission, "SELECT name FROM facility WHERE code = '" CENTRE "'");
    g_assert_cmpstr (name, ==, "金泽镇社区卫生服务中心");
  }
  g_assert_cmpint (chc_test_query_int (commission, "SELECT floor_area FROM facility WHERE code = '" CENTRE "'"), ==, 8000);
  /* One audit row for the one field merged, with its origin, one for the
   * conflict resolved (the value kept, the one rejected, by whom) and one
   * for the sender's key pinned. */
  g_assert_cmpint (chc_test_query_int (commission, "SELECT count (*) FROM audit"), ==, n_audit + 3);
  {
    g_autofree char *origin = chc_test_query_text (commission, "SELECT origin FROM audit WHERE field = 'floor_area' ORDER BY id DESC LIMIT 1");
    g_autofree char *conflict = chc_test_query_text (commission, "SELECT origin || '|' || field || '|' || old || '|' || new || '|' || os_user"
                                                        " FROM audit WHERE origin LIKE '%conflict%'");
    g_autofree char *expected = g_strdup_printf ("merge centre.chcpkg (conflict: kept ours)|name|"
                                                 "金泽社区卫生服务中心（新）|金泽镇社区卫生服务中心|%s",
                                                 g_get_user_name ());
    g_assert_cmpstr (origin, ==, "merge centre.chcpkg");
    g_assert_cmpstr (conflict, ==, expected);
  }
}

/* Merging the same package twice: the second changes nothing at all. */
static void
test_double_merge (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_new_database (TRUE);
  g_autoptr(GBytes) main_file = NULL;
  g_autoptr(GBytes) wal = NULL;
  g_autofree char *path = export_package (centre, NULL, FALSE);
  gint64 n_audit;

  /* Into a database with the districts only: everything is added. */
  g_assert_cmpint (merge (commission, path, CHC_MERGE_CHOICE_NONE, &error), >, 1000);
  g_assert_no_error (error);
  g_assert_cmpint (chc_test_query_int (commission, "SELECT count (*) FROM facility"), ==,
                   chc_test_query_int (centre, "SELECT count (*) FROM facility"));
  g_assert_cmpint (chc_test_query_int (commission, "SELECT count (*) FROM signing"), ==,
                   chc_test_query_int (centre, "SELECT count (*) FROM signing"));
  g_assert_cmpint (chc_test_query_int (commission, "SELECT count (*) FROM milestone"), ==,
                   chc_test_query_int (centre, "SELECT count (*) FROM milestone"));
  assert_same_indicators (centre, commission);

  n_audit = chc_test_query_int (commission, "SELECT count (*) FROM audit");
  snapshot_files (commission, &main_file, &wal);
  g_assert_cmpint (merge (commission, path, CHC_MERGE_CHOICE_NONE, &error), ==, 0);
  g_assert_no_error (error);
  assert_files_unchanged (commission, main_file, wal);
  g_assert_cmpint (chc_test_query_int (commission, "SELECT count (*) FROM audit"), ==, n_audit);

  /* And a deletion travels as one. */
  chc_test_exec (centre, NULL, "DELETE FROM signing WHERE period = '2023-01'"
                " AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')");
  g_clear_pointer (&path, g_free);
  path = export_package (centre, NULL, TRUE);
  g_assert_cmpint (merge (commission, path, CHC_MERGE_CHOICE_NONE, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (chc_test_query_int (commission, "SELECT count (*) FROM signing WHERE period = '2023-01'"
                                          " AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')"), ==, 0);
}

static void
write_file (const char   *path,
            const guint8 *data,
            gsize         length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, length, &error);
  g_assert_no_error (error);
}

/* The package @good with its image changed by @sql (run on a writable
 * copy of the image), header length and checksum recomputed: a package
 * that passes the header and brings a hostile image. */
static void
rewrite_package (const char *good,
                 const char *path,
                 const char *sql)
{
  g_autoptr(GBytes) bytes = chc_test_read_file (good);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  gsize size = g_bytes_get_size (bytes) - CHC_TEST_PACKAGE_HEADER_SIZE;
  unsigned char *image = sqlite3_malloc64 (size);
  sqlite3_int64 new_size = 0;
  unsigned char *out;
  sqlite3 *db = NULL;
  char *message = NULL;

  memcpy (image, data + CHC_TEST_PACKAGE_HEADER_SIZE, size);
  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_deserialize (db, "main", image, size, size,
                                        SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  out = sqlite3_serialize (db, "main", &new_size, 0);
  chc_test_write_package (path, out, new_size, NULL);
  sqlite3_free (out);
  sqlite3_close (db);
}

/* The package with its manifest's schema version set to 99, checksum
 * recomputed: a package from a newer version. */
static void
write_newer_package (const char *good,
                     const char *path)
{
  rewrite_package (good, path, "UPDATE manifest SET value = '99' WHERE key = 'schema_version'");
}

/* Truncated, bit-flipped, foreign and newer packages are refused with a
 * clear error and the database's files keep every byte. */
static void
test_bad_packages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autoptr(GBytes) main_file = NULL;
  g_autoptr(GBytes) wal = NULL;
  g_autoptr(GBytes) good_bytes = NULL;
  g_autofree char *good = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "bad.chcpkg", NULL);
  const guint8 *data;
  gsize size;

  chc_test_exec (centre, NULL, "UPDATE facility SET floor_area = 8123 WHERE code = '" CENTRE "'");
  good = export_package (centre, CENTRE, FALSE);
  good_bytes = chc_test_read_file (good);
  data = g_bytes_get_data (good_bytes, &size);
  snapshot_files (commission, &main_file, &wal);

  /* Truncated: at several places. */
  for (gsize cut = 0; cut < size; cut += size / 7 + 1)
    {
      write_file (bad, data, cut);
      g_assert_cmpint (merge (commission, bad, CHC_MERGE_CHOICE_THEIRS, &error), ==, -1);
      g_assert_nonnull (error);
      g_assert_true (error->domain == CHC_PACKAGE_ERROR);
      g_clear_error (&error);
    }

  /* One bit flipped: anywhere after the magic. */
  for (gsize at = 9; at < size; at += size / 13 + 1)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);

      copy[at] ^= 0x10;
      write_file (bad, copy, size);
      g_assert_cmpint (merge (commission, bad, CHC_MERGE_CHOICE_THEIRS, &error), ==, -1);
      /* Damaged: its checksum, or in the header its signature. */
      if (at >= CHC_TEST_PACKAGE_HEADER_SIZE ||
          (at >= 40 && at < 48))
        g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT);
      else
        g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_SIGNATURE);
      g_clear_error (&error);
    }

  /* Not a package: text, and a CHC Monitor database. */
  write_file (bad, (const guint8 *) "facility_code,period\n", 21);
  g_assert_cmpint (merge (commission, bad, CHC_MERGE_CHOICE_THEIRS, &error), ==, -1);
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_NOT_PACKAGE);
  g_clear_error (&error);
  g_assert_cmpint (merge (commission, chc_database_get_path (centre), CHC_MERGE_CHOICE_THEIRS, &error), ==, -1);
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_NOT_PACKAGE);
  g_clear_error (&error);

  /* From a newer schema. */
  write_newer_package (good, bad);
  g_assert_cmpint (merge (commission, bad, CHC_MERGE_CHOICE_THEIRS, &error), ==, -1);
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_TOO_NEW);
  g_clear_error (&error);

  assert_files_unchanged (commission, main_file, wal);

  /* The good one still merges. */
  g_assert_cmpint (merge (commission, good, CHC_MERGE_CHOICE_NONE, &error), ==, 1);
  g_assert_no_error (error);
}

/* A hostile package is refused as a whole: planning and merging fail
 * with @code (and a message containing @needle, when given), and the
 * database keeps every byte. */
static void
assert_refused (ChcDatabase *db,
                const char  *good,
                const char  *sql,
                int          code,
                const char  *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) main_file = NULL;
  g_autoptr(GBytes) wal = NULL;
  g_autoptr(ChcMergePlan) plan = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "hostile.chcpkg", NULL);

  rewrite_package (good, bad, sql);
  snapshot_files (db, &main_file, &wal);

  plan = chc_package_plan_merge (db, bad, &error);
  if (plan != NULL)
    g_error ("not refused: %s", sql);
  g_assert_error (error, CHC_PACKAGE_ERROR, code);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” not in “%s” (%s)", needle, error->message, sql);
  g_clear_error (&error);
  g_assert_cmpint (merge (db, bad, CHC_MERGE_CHOICE_THEIRS, &error), ==, -1);
  g_assert_error (error, CHC_PACKAGE_ERROR, code);
  g_clear_error (&error);
  assert_files_unchanged (db, main_file, wal);
}

#define FIRST_SIGNING "(SELECT min (row_key) FROM pkg_row WHERE tbl = 'signing')"
#define FIRST_FACILITY "(SELECT min (row_key) FROM pkg_row WHERE tbl = 'facility')"

/* Cells that crashed the planner, and every other malformed row: each
 * refuses the package, naming the row; "package info" still reads it. */
static void
test_hostile_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autofree char *good = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "info.chcpkg", NULL);
  static const char *cases[][2] = {
    /* the crashes */
    { "UPDATE pkg_row SET data = '1' WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "named fields" },
    { "UPDATE pkg_row SET data = '[1,2]' WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "named fields" },
    { "UPDATE pkg_row SET data = 'not json' WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "named fields" },
    { "UPDATE pkg_row SET data = NULL WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "named fields" },
    { "UPDATE pkg_row SET data = '{}' WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "missing" },
    { "UPDATE pkg_row SET data = json_set (data, '$.extra', 1) WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "no such field" },
    { "UPDATE pkg_row SET data = json_set (data, '$.online_signed', json('true')) WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "Online signings" },
    { "UPDATE pkg_row SET data = json_set (data, '$.online_signed', json('[1]')) WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "Online signings" },
    { "UPDATE pkg_row SET tbl = 'nonsense' WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "unknown table" },
    { "UPDATE pkg_row SET deleted = 'x' WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "version" },
    { "UPDATE pkg_row SET created_by = x'41' WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "version" },
    { "UPDATE pkg_vv SET tick = 'x' WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "version" },
    { "INSERT INTO pkg_stamp SELECT tbl, row_key, 'nonsense', 'x', 1 FROM pkg_row WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "version" },
    /* values that import and entry refuse */
    { "UPDATE pkg_row SET data = json_set (data, '$.resident_population', 'many') WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "Resident population" },
    { "UPDATE pkg_row SET data = json_set (data, '$.signed_residents', -5) WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "Signed residents" },
    { "UPDATE pkg_row SET data = json_set (data, '$.signed_residents', 99999999) WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "Signed residents" },
    { "UPDATE pkg_row SET data = json_set (data, '$.period', '2024-00'), row_key = substr (row_key, 1, instr (row_key, '|')) || '2024-00'"
      " WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "2024-00" },
    { "UPDATE pkg_row SET data = json_set (data, '$.period', '2024-19'), row_key = substr (row_key, 1, instr (row_key, '|')) || '2024-19'"
      " WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "Month" },
    { "UPDATE pkg_row SET data = json_set (data, '$.standardized', 1, '$.standardized_year', -99999) WHERE tbl = 'facility' AND row_key = '" CENTRE "'", "Year standardized" },
    { "UPDATE pkg_row SET data = json_set (data, '$.name', printf ('%.300c', 'x')) WHERE tbl = 'facility' AND row_key = '" CENTRE "'", "Name" },
    { "UPDATE pkg_row SET data = json_set (data, '$.name', '') WHERE tbl = 'facility' AND row_key = '" CENTRE "'", "Name" },
    { "UPDATE pkg_row SET data = json_set (data, '$.type', 'castle') WHERE tbl = 'facility' AND row_key = '" CENTRE "'", "Type" },
    { "UPDATE pkg_row SET data = json_set (data, '$.floor_area', 'big') WHERE tbl = 'facility' AND row_key = '" CENTRE "'", "Floor area" },
    /* a parent cycle: the centre under its own branch */
    { "UPDATE pkg_row SET data = json_set (data, '$.parent', '" BRANCH "') WHERE tbl = 'facility' AND row_key = '" CENTRE "'", "Parent" },
    { "UPDATE pkg_row SET data = json_set (data, '$.parent', '" BRANCH "', '$.type', 'branch') WHERE tbl = 'facility' AND row_key = '" CENTRE "'", "Parent" },
    { "UPDATE pkg_row SET data = json_set (data, '$.district', '火星区') WHERE tbl = 'facility' AND row_key = '" CENTRE "'", "istrict" },
    { "UPDATE pkg_row SET data = json_set (data, '$.code', 'X|Y'), row_key = 'X|Y' WHERE tbl = 'facility' AND row_key = '" CENTRE "'", NULL },
    /* the rules that depend on the facility and on today (core/chc-tcm.c) */
    { "UPDATE pkg_row SET data = json_set (data, '$.kind', 'corner') WHERE tbl = 'tcm_site_event'"
      " AND row_key = (SELECT min (row_key) FROM pkg_row WHERE tbl = 'tcm_site_event' AND row_key LIKE '" CENTRE "|%')", "corner" },
    { "UPDATE pkg_row SET data = json_set (data, '$.period', '2099-01'), row_key = '" CENTRE "|2099-01' WHERE tbl = 'tcm_visits'"
      " AND row_key = (SELECT min (row_key) FROM pkg_row WHERE tbl = 'tcm_visits' AND row_key LIKE '" CENTRE "|%')", "2099-01" },
    { "UPDATE pkg_row SET data = json_set (data, '$.actual', '2099-01-01') WHERE tbl = 'milestone'"
      " AND row_key = (SELECT min (row_key) FROM pkg_row WHERE tbl = 'milestone')", "future" },
    /* the key must be the one its values give */
    { "UPDATE pkg_row SET row_key = '" CENTRE "|1999-01' WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, "does not match" },
    { "DELETE FROM pkg_row WHERE tbl = 'facility' AND row_key = '" BRANCH "';"
      " UPDATE pkg_row SET row_key = '" BRANCH "' WHERE tbl = 'facility' AND row_key = '" CENTRE "'", "does not match" },
    { "INSERT INTO pkg_row VALUES ('signing', 'nonsense', 'u', 'a', 1, 'a', '', 1, NULL)", "form" },
  };

  chc_test_exec (centre, NULL, "UPDATE facility SET floor_area = 8123 WHERE code = '" CENTRE "'");
  good = export_package (centre, CENTRE, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_refused (commission, good, cases[i][0], CHC_PACKAGE_ERROR_INVALID, cases[i][1]);

  /* A value longer than SQLite is allowed to read from a package. */
  assert_refused (commission, good,
                  "UPDATE pkg_row SET data = json_set (data, '$.name', printf ('%.9000000c', 'x')) WHERE tbl = 'facility' AND row_key = '" CENTRE "'",
                  CHC_PACKAGE_ERROR_CORRUPT, NULL);

  /* "package info" reads the manifest only: a bad cell does not stop it,
   * and neither do bad counts. */
  rewrite_package (good, bad, "UPDATE pkg_row SET data = '1' WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING ";"
                              "UPDATE manifest SET value = 'x' WHERE key = 'rows.signing';"
                              "INSERT INTO manifest VALUES ('rows.', '3'), ('rows.nonsense', '-1');"
                              "UPDATE manifest SET value = '' WHERE key = 'created_at'");
  {
    g_autoptr(ChcPackageInfo) info = chc_package_read_info (bad, &error);

    g_assert_no_error (error);
    g_assert_nonnull (info);
    g_assert_false (g_hash_table_contains (info->counts, "signing"));
    g_assert_false (g_hash_table_contains (info->counts, ""));
  }
  /* Versions that are not whole numbers: damaged. */
  rewrite_package (good, bad, "UPDATE manifest SET value = '1x' WHERE key = 'format_version'");
  g_assert_null (chc_package_read_info (bad, &error));
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* The genuine package still merges. */
  g_assert_cmpint (merge (commission, good, CHC_MERGE_CHOICE_NONE, &error), ==, 1);
  g_assert_no_error (error);
}

/* Views, triggers, extra tables and altered tables in the image are
 * refused before any query runs: no view's output reaches a row, and an
 * endless recursive view costs nothing. */
static void
test_hostile_schema (void)
{
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autofree char *good = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  static const char *cases[] = {
    "CREATE VIEW v AS SELECT 1",
    "CREATE VIEW forever AS WITH RECURSIVE c (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c",
    /* pkg_row replaced by a view of its rows with another name */
    "ALTER TABLE pkg_row RENAME TO real_rows;"
    " CREATE VIEW pkg_row AS SELECT tbl, row_key, uid, created_by, created_tick, changed_by, changed_at, deleted,"
    " json_set (data, '$.name', 'FROM A VIEW') AS data FROM real_rows",
    /* the manifest as an endless view */
    "DROP TABLE manifest; CREATE VIEW manifest (key, value) AS WITH RECURSIVE c (x) AS"
    " (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT 'rows.' || x, x FROM c",
    "CREATE TRIGGER t AFTER INSERT ON manifest BEGIN SELECT 1; END",
    "CREATE INDEX i ON pkg_row (data)",
    "CREATE TABLE extra (x)",
    "DROP TABLE pkg_stamp",
    "DROP TABLE pkg_vv; CREATE TABLE pkg_vv (tbl, row_key, installation, tick)",
  };

  good = export_package (centre, CENTRE, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_refused (commission, good, cases[i], CHC_PACKAGE_ERROR_CORRUPT, "form of a package");
  /* All of it in well under a second each. */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 30.0);
}

/* A centre's package changes that centre and its facilities only; this
 * database's own centre is changed by nothing from elsewhere. */
static void
test_hostile_scope (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autofree char *good = NULL;
  g_autofree char *other = chc_test_query_text (commission, "SELECT code FROM facility WHERE type = 'centre'"
                                                   " AND code <> '" CENTRE "' AND id IN (SELECT facility_id FROM signing"
                                                   " WHERE period = '2024-03') ORDER BY code DESC LIMIT 1");
  g_autofree char *sql = NULL;
  g_autofree char *whole = NULL;

  chc_test_exec (centre, NULL, "UPDATE facility SET floor_area = 8123 WHERE code = '" CENTRE "'");
  good = export_package (centre, CENTRE, FALSE);

  /* A row of another centre's figures, moved into the package. */
  sql = g_strdup_printf ("UPDATE pkg_row SET data = json_set (data, '$.facility', '%s'),"
                         " row_key = '%s' || substr (row_key, instr (row_key, '|'))"
                         " WHERE tbl = 'signing' AND row_key = " FIRST_SIGNING, other, other);
  assert_refused (commission, good, sql, CHC_PACKAGE_ERROR_INVALID, "made for the centre " CENTRE);
  g_free (sql);
  /* Another centre's facility, or deleting another centre's figures. */
  sql = g_strdup_printf ("UPDATE pkg_row SET data = json_set (data, '$.floor_area', 1.0), row_key = '%s',"
                         " data = json_set (data, '$.code', '%s') WHERE tbl = 'facility' AND row_key = '" CENTRE "'",
                         other, other);
  assert_refused (commission, good, sql, CHC_PACKAGE_ERROR_INVALID, other);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO pkg_row VALUES ('signing', '%s|2023-01', 'u', 'a', 1, 'a', '', 1, NULL)", other);
  assert_refused (commission, good, sql, CHC_PACKAGE_ERROR_INVALID, "made for the centre");
  /* A branch taken from its centre. */
  assert_refused (commission, good, "UPDATE pkg_row SET data = json_set (data, '$.parent', '310118C01')"
                                    " WHERE tbl = 'facility' AND row_key = '" BRANCH "'",
                  CHC_PACKAGE_ERROR_INVALID, "another centre");

  /* The centre sent a package to the commission: it is the centre's
   * database from then on.  A whole-database package from the
   * commission may not change its figures. */
  g_assert_no_error (error);
  {
    g_autofree char *home = chc_database_get_meta (centre, "home_centre");
    g_assert_cmpstr (home, ==, CENTRE);
  }
  chc_test_exec (commission, NULL, "UPDATE signing SET signed_residents = signed_residents + 1"
                 " WHERE period = '2024-03' AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')");
  whole = export_package (commission, NULL, FALSE);
  {
    g_autoptr(ChcMergePlan) plan = chc_package_plan_merge (centre, whole, &error);

    g_assert_null (plan);
    g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "belongs to the centre " CENTRE));
    g_clear_error (&error);
  }
  /* Another centre's figures from the commission are taken. */
  chc_test_exec (commission, NULL, "UPDATE signing SET signed_residents = signed_residents - 1"
                 " WHERE period = '2024-03' AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')");
  g_free (sql);
  sql = g_strdup_printf ("UPDATE signing SET signed_residents = signed_residents + 1"
                         " WHERE period = '2024-03' AND facility_id = (SELECT id FROM facility WHERE code = '%s')", other);
  chc_test_exec (commission, NULL, sql);
  g_free (whole);
  whole = export_package (commission, NULL, FALSE);
  g_assert_cmpint (merge (centre, whole, CHC_MERGE_CHOICE_NONE, &error), >=, 1);
  g_assert_no_error (error);
}

/* A version claiming to have seen the commission's change, which the
 * commission never sent: refused, the commission's value stays. */
static void
test_forged_history (void)
{
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autofree char *good = NULL;
  g_autofree char *sql = NULL;
  gint64 tick;

  chc_test_exec (commission, NULL, "UPDATE facility SET name = '金泽镇社区卫生服务中心' WHERE code = '" CENTRE "'");
  chc_test_exec (centre, NULL, "UPDATE facility SET name = '伪造' WHERE code = '" CENTRE "'");
  good = export_package (centre, CENTRE, FALSE);
  tick = chc_test_query_int (commission, "SELECT value FROM meta WHERE key = 'clock'");

  sql = g_strdup_printf ("INSERT OR REPLACE INTO pkg_vv VALUES ('facility', '" CENTRE "', '%s', %" G_GINT64_FORMAT ")",
                         chc_database_get_installation_id (commission), tick);
  assert_refused (commission, good, sql, CHC_PACKAGE_ERROR_INVALID, "claims to know");
  g_free (sql);
  sql = g_strdup_printf ("UPDATE pkg_stamp SET installation = '%s', tick = 999999 WHERE tbl = 'facility'",
                         chc_database_get_installation_id (commission));
  assert_refused (commission, good, sql, CHC_PACKAGE_ERROR_INVALID, "claims to know");
  {
    g_autofree char *name = chc_test_query_text (commission, "SELECT name FROM facility WHERE code = '" CENTRE "'");
    g_assert_cmpstr (name, ==, "金泽镇社区卫生服务中心");
  }
}

/* A length field that overflows when added to the header's size. */
static void
test_overflowing_length (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autofree char *good = export_package (centre, CENTRE, FALSE);
  g_autoptr(GBytes) bytes = chc_test_read_file (good);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "overflow.chcpkg", NULL);

  memset (copy + 40, 0xff, 8);
  write_file (bad, copy, g_bytes_get_size (bytes));
  g_assert_null (chc_package_read_info (bad, &error));
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT);
  g_assert_null (strstr (error->message, " of 47 bytes"));
  g_assert_nonnull (strstr (error->message, "impossible length"));
}

/* Packages are written 0600 through a temporary file: a link left at the
 * path by someone else is replaced, never followed. */
static void
test_package_file_mode (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "mode.chcpkg", NULL);
  g_autofree char *victim = g_build_filename (dir, "victim", NULL);
  g_autoptr(ChcPackageInfo) info = NULL;
  ChcPackageExportOptions options = { CENTRE, FALSE, NULL };
  GStatBuf st;
  mode_t saved = umask (0);

  write_file (victim, (const guint8 *) "keep", 4);
  g_assert_cmpint (symlink (victim, path), ==, 0);
  info = chc_package_export (centre, path, &options, &error);
  umask (saved);
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree char *kept = NULL;

    g_file_get_contents (victim, &kept, NULL, &error);
    g_assert_cmpstr (kept, ==, "keep");
  }
  /* No temporary file is left behind. */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_false (g_str_has_prefix (name, "mode.chcpkg."));
  }
}

/* A centre's package carries the deletions of its own projects only. */
static void
test_centre_tombstones (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autofree char *other = chc_test_query_text (centre, "SELECT p.uid FROM project p JOIN facility f ON f.id = p.facility_id"
                                               " WHERE f.code <> '" CENTRE "' AND f.code <> '" BRANCH "' LIMIT 1");
  g_autofree char *path = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(ChcPackageInfo) info = NULL;
  sqlite3 *db = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_nonnull (other);
  sql = g_strdup_printf ("DELETE FROM project WHERE uid = '%s'", other);
  chc_test_exec (centre, NULL, sql);
  path = export_package (centre, CENTRE, FALSE);

  /* The package's rows: none about the other centre's project. */
  bytes = chc_test_read_file (path);
  {
    gsize size = g_bytes_get_size (bytes) - CHC_TEST_PACKAGE_HEADER_SIZE;
    unsigned char *image = sqlite3_malloc64 (size);
    g_autofree char *count_sql = g_strdup_printf ("SELECT count (*) FROM pkg_row WHERE row_key LIKE '%s%%'", other);
    sqlite3_stmt *stmt = NULL;

    memcpy (image, (const guint8 *) g_bytes_get_data (bytes, NULL) + CHC_TEST_PACKAGE_HEADER_SIZE, size);
    g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_deserialize (db, "main", image, size, size, SQLITE_DESERIALIZE_FREEONCLOSE), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, count_sql, -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  /* The whole database's package has it. */
  g_free (path);
  path = export_package (centre, NULL, FALSE);
  info = chc_package_read_info (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (info->counts, "project")), ==,
                    chc_test_query_int (centre, "SELECT count (*) FROM project") + 1);
}

static void
pause_in_merge (guint    done,
                guint    total,
                gpointer user_data)
{
  int fd = GPOINTER_TO_INT (user_data);

  if (done < total)
    {
      g_assert_cmpint (write (fd, "x", 1), ==, 1);
      for (;;)
        g_usleep (G_USEC_PER_SEC);
    }
}

static char *
dump (ChcDatabase *db)
{
  return chc_test_query_text (db, "SELECT (SELECT count (*) FROM facility) || '/' || (SELECT count (*) FROM signing)"
                         " || '/' || (SELECT count (*) FROM audit) || '/' || (SELECT count (*) FROM row_version)"
                         " || '/' || coalesce ((SELECT value FROM meta WHERE key = 'clock'), '')");
}

/* kill -9 in the middle of a merge: the database is as before it. */
static void
test_kill_during_merge (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_new_database (TRUE);
  g_autofree char *path = export_package (centre, NULL, FALSE);
  g_autofree char *db_path = g_strdup (chc_database_get_path (commission));
  g_autofree char *before = dump (commission);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  int fds[2];
  int status = 0;
  char byte;
  pid_t pid;

  g_clear_object (&commission);
  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(ChcDatabase) db = chc_database_open (db_path, NULL);
      g_autoptr(ChcMergePlan) plan = chc_package_plan_merge (db, path, NULL);

      close (fds[0]);
      chc_merge_plan_set_signer_trusted (plan, TRUE);
      chc_package_apply_merge (db, plan, CHC_MERGE_CHOICE_NONE, pause_in_merge,
                               GINT_TO_POINTER (fds[1]), NULL, NULL);
      _exit (3);   /* not reached: it waits in pause_in_merge */
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], &byte, 1), ==, 1);   /* half-way through */
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  close (fds[0]);

  commission = chc_database_open (db_path, &error);
  g_assert_no_error (error);
  after = dump (commission);
  g_assert_cmpstr (before, ==, after);
  problems = chc_database_check (commission, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* And the merge can simply be done again. */
  g_assert_cmpint (merge (commission, path, CHC_MERGE_CHOICE_NONE, &error), >, 1000);
  g_assert_no_error (error);
}

/* One audit row per changed field, with old and new value and origin. */
static void
test_audit_log (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *key = NULL;
  ChcAuditFilter filter = { 0 };
  gint64 n_before = chc_test_query_int (db, "SELECT count (*) FROM audit");
  gint64 facility_id = chc_test_query_int (db, "SELECT id FROM facility WHERE code = '" CENTRE "'");

  chc_database_set_origin (db, "import test.csv");
  chc_test_exec (db, NULL, "UPDATE signing SET signed_residents = 777, online_signed = 77 WHERE period = '2025-01'"
            " AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')");
  chc_database_set_origin (db, NULL);
  /* Writing the same values again is no change. */
  chc_test_exec (db, NULL, "UPDATE signing SET signed_residents = 777 WHERE period = '2025-01'"
            " AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')");
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM audit"), ==, n_before + 2);

  key = chc_database_monthly_row_key (db, facility_id, "2025-01");
  g_assert_cmpstr (key, ==, CENTRE "|2025-01");
  history = chc_database_list_history (db, "signing", key, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, >=, 3);   /* the two fields, and the insert */
  {
    ChcAuditEntry *e = g_ptr_array_index (history, 0);   /* newest first */

    g_assert_cmpstr (chc_audit_entry_get_origin (e), ==, "import test.csv");
    g_assert_cmpstr (chc_audit_entry_get_user (e), ==, g_get_user_name ());
    g_assert_cmpstr (chc_audit_entry_get_installation (e), ==, chc_database_get_installation_id (db));
    g_assert_true (g_str_equal (chc_audit_entry_get_field (e), "online_signed") ||
                   g_str_equal (chc_audit_entry_get_field (e), "signed_residents"));
  }
  {
    ChcAuditEntry *e = g_ptr_array_index (history, history->len - 1);
    g_assert_cmpstr (chc_audit_entry_get_field (e), ==, "*");
    g_assert_null (chc_audit_entry_get_old_value (e));
    g_assert_nonnull (strstr (chc_audit_entry_get_new_value (e), "\"period\":\"2025-01\""));
  }

  filter.origin = "import";
  all = chc_database_list_audit (db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (chc_audit_entry_get_old_value (g_ptr_array_index (all, 0)), !=, NULL);

  /* The row's version counts its changes. */
  g_assert_cmpint (chc_test_query_int (db, "SELECT version FROM row_version WHERE tbl = 'signing'"
                                  " AND row_key = '" CENTRE "|2025-01'"), ==, 2);
}

/* Automatic backups keep 10; restore refuses what is not a database of
 * ours and brings back the content. */
static void
test_backup_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *old_id = g_strdup (chc_database_get_installation_id (db));
  gint64 n_facilities = chc_test_query_int (db, "SELECT count (*) FROM facility");

  for (int i = 0; i < 12; i++)
    {
      g_autofree char *path = chc_database_backup_auto (db, "test", &error);
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  backups = chc_database_list_backups (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 10);

  g_assert_true (chc_database_backup_to (db, copy, &error));
  g_assert_no_error (error);
  chc_test_exec (db, NULL, "DELETE FROM tcm_demo");
  chc_test_exec (db, NULL, "UPDATE facility SET name = name || '×'");

  write_file (text, (const guint8 *) "hello", 5);
  g_assert_false (chc_database_restore_from (db, text, &error));
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_CHC);
  g_clear_error (&error);

  g_assert_true (chc_database_restore_from (db, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM facility WHERE name LIKE '%×'"), ==, 0);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM facility"), ==, n_facilities);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM tcm_demo"), >, 0);
  g_assert_cmpstr (chc_database_get_installation_id (db), !=, old_id);
}


/* Rows imported in bulk: one audit row for the batch, each row's history
 * shows the import; they travel in packages, and their later changes are
 * told apart as any others. */
static void
test_bulk_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autoptr(ChcCsvReport) report = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "2027.csv", NULL);
  g_autofree char *path = NULL;
  g_autofree char *origin = NULL;
  ChcCsvImportOptions options;
  gint64 n_audit = chc_test_query_int (centre, "SELECT count (*) FROM audit");
  const char *text =
    "机构编码,统计月份,常住人口,签约人数,重点人群数,重点人群签约数\r\n"
    CENTRE ",2027-01,80000,30000,20000,15000\r\n"
    CENTRE ",2027-02,80100,30100,20000,15100\r\n"
    BRANCH ",2027-01,40000,15000,10000,7000\r\n";

  g_file_set_contents (csv, text, -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (csv);
  chc_csv_import_options_init (&options);
  options.accept_warnings = TRUE;
  options.file_name = "2027.csv";
  report = chc_csv_import (centre, CHC_CSV_KIND_SIGNING, file, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_true (report->written);
  g_assert_cmpuint (report->inserted, ==, 3);

  /* One audit row for the three, and the import in each row's history. */
  g_assert_cmpint (chc_test_query_int (centre, "SELECT count (*) FROM audit"), ==, n_audit + 1);
  origin = chc_test_query_text (centre, "SELECT origin || ' ' || new FROM audit ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (origin, ==, "import 2027.csv {\"inserted\":3}");
  history = chc_database_list_history (centre, "signing", CENTRE "|2027-02", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (chc_audit_entry_get_origin (g_ptr_array_index (history, 0)), ==, "import 2027.csv");
  g_assert_cmpstr (chc_audit_entry_get_row_key (g_ptr_array_index (history, 0)), ==, CENTRE "|2027-02");

  /* They reach the commission. */
  path = export_package (centre, CENTRE, TRUE);
  g_assert_cmpint (merge (commission, path, CHC_MERGE_CHOICE_NONE, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpint (chc_test_query_int (commission, "SELECT signed_residents FROM signing WHERE period = '2027-02'"
                                          " AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')"), ==, 30100);

  /* The commission corrects one figure, the centre another: no conflict. */
  chc_test_exec (commission, NULL, "UPDATE signing SET key_population_signed = 15050 WHERE period = '2027-02'"
                    " AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')");
  chc_test_exec (centre, NULL, "UPDATE signing SET signed_residents = 30200 WHERE period = '2027-02'"
                " AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')");
  g_clear_pointer (&path, g_free);
  path = export_package (centre, CENTRE, TRUE);
  g_assert_cmpint (merge (commission, path, CHC_MERGE_CHOICE_NONE, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (chc_test_query_int (commission, "SELECT signed_residents + key_population_signed FROM signing"
                                          " WHERE period = '2027-02' AND facility_id ="
                                          " (SELECT id FROM facility WHERE code = '" CENTRE "')"), ==, 30200 + 15050);

  /* Both change the same figure of a bulk row: a conflict. */
  chc_test_exec (commission, NULL, "UPDATE signing SET signed_residents = 15001 WHERE period = '2027-01'"
                    " AND facility_id = (SELECT id FROM facility WHERE code = '" BRANCH "')");
  chc_test_exec (centre, NULL, "UPDATE signing SET signed_residents = 15002 WHERE period = '2027-01'"
                " AND facility_id = (SELECT id FROM facility WHERE code = '" BRANCH "')");
  g_clear_pointer (&path, g_free);
  path = export_package (centre, CENTRE, TRUE);
  g_assert_cmpint (merge (commission, path, CHC_MERGE_CHOICE_NONE, &error), ==, -1);
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CONFLICTS);
}

/* chc-cli: a conflict exits 1 and writes nothing; --theirs applies it;
 * a damaged package exits 2; audit prints TSV; backup and restore. */
static void
test_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *package = g_build_filename (dir, "jinze.chcpkg", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *centre_path = g_strdup (chc_database_get_path (centre));
  g_autofree char *commission_path = g_strdup (chc_database_get_path (commission));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) main_file = NULL;
  g_autoptr(GBytes) wal = NULL;

  chc_test_exec (centre, NULL, "UPDATE facility SET floor_area = 7001 WHERE code = '" CENTRE "'");
  chc_test_exec (commission, NULL, "UPDATE facility SET floor_area = 7002 WHERE code = '" CENTRE "'");
  g_clear_object (&centre);
  g_clear_object (&commission);

  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
             "--db", centre_path, "package", "export", "--centre", "金泽社区卫生服务中心", "--output", package, NULL });
  g_assert_nonnull (strstr (out, "facility\t"));

  commission = chc_database_open (commission_path, &error);
  g_assert_no_error (error);
  snapshot_files (commission, &main_file, &wal);
  g_clear_object (&commission);
  chc_test_run_cli_expect (1, &out, &err, (const char *[]) {
             "--db", commission_path, "package", "merge", "--trust-new", package, NULL });
  g_assert_nonnull (strstr (out, "conflict\tfacility\t" CENTRE "\tfloor_area\t7002"));
  g_assert_nonnull (strstr (err, "--theirs"));
  commission = chc_database_open (commission_path, &error);
  g_assert_no_error (error);
  assert_files_unchanged (commission, main_file, wal);
  g_clear_object (&commission);

  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
             "--db", commission_path, "package", "merge", "--theirs", "--trust-new", package, NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
             "--db", commission_path, "audit", "--since", "2000-01-01", "--table", "facility", "--row", CENTRE, NULL });
  g_assert_true (g_str_has_prefix (out, "at\tuser\tinstallation\torigin\ttable\trow\tfield\told\tnew\n"));
  g_assert_nonnull (strstr (out, "\tmerge jinze.chcpkg\tfacility\t" CENTRE "\tfloor_area\t7002.0\t7001.0"));
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) {
             "--db", commission_path, "package", "merge", centre_path, NULL });
  g_assert_nonnull (strstr (err, "not a CHC Monitor exchange package"));
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
             "--db", commission_path, "backup", "--output", backup, NULL });
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) {
             "--db", commission_path, "restore", package, NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
             "--db", commission_path, "restore", backup, NULL });
  commission = chc_database_open (commission_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chc_test_query_int (commission, "SELECT floor_area FROM facility WHERE code = '" CENTRE "'"), ==, 7001);
}

/* Issue 17: a facility's national codes travel in packages: set at the
 * centre, merged at the commission (audit log: the merge); a wrong check
 * character in a package refuses it, naming the field. */
static void
test_codes_travel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autofree char *path = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *license = NULL;

  chc_test_exec (centre, "facility", "UPDATE facility SET credit_code = '12310118425028519C',"
                 " license_no = '42502851931011811A1001' WHERE code = '" CENTRE "'");
  path = export_package (centre, CENTRE, FALSE);
  /* (refused before the first merge pins the centre's key: the rewritten
   * packages are signed with another) */
  assert_refused (commission, path,
                  "UPDATE pkg_row SET data = json_set (data, '$.credit_code', '12310118425028519D')"
                  " WHERE tbl = 'facility' AND row_key = '" CENTRE "'",
                  CHC_PACKAGE_ERROR_INVALID, "“C”");
  assert_refused (commission, path,
                  "UPDATE pkg_row SET data = json_set (data, '$.license_no', 'PDY 0001')"
                  " WHERE tbl = 'facility' AND row_key = '" CENTRE "'",
                  CHC_PACKAGE_ERROR_INVALID, NULL);
  g_assert_cmpint (merge (commission, path, CHC_MERGE_CHOICE_NONE, &error), >=, 1);
  g_assert_no_error (error);
  credit = chc_test_query_text (commission, "SELECT credit_code FROM facility WHERE code = '" CENTRE "'");
  license = chc_test_query_text (commission, "SELECT license_no FROM facility WHERE code = '" CENTRE "'");
  g_assert_cmpstr (credit, ==, "12310118425028519C");
  g_assert_cmpstr (license, ==, "42502851931011811A1001");
  g_assert_cmpint (chc_test_query_int (commission, "SELECT count (*) FROM audit WHERE tbl = 'facility'"
                                                   " AND field IN ('credit_code', 'license_no')"
                                                   " AND origin LIKE 'merge %'"), ==, 2);

}

/* A package written by schema 4 has no codes: it still merges, its
 * changes are taken and the codes kept here stay; a new facility of it
 * comes without codes.  A package of schema 5 without them is damaged. */
static void
test_codes_v4_package (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autoptr(ChcFacility) added = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *v4 = g_build_filename (dir, "v4.chcpkg", NULL);
  g_autofree char *path = NULL;
  g_autofree char *credit = NULL;
  const char *to_v4 =
    "UPDATE pkg_row SET data = json_remove (data, '$.credit_code', '$.license_no') WHERE tbl = 'facility';"
    "DELETE FROM pkg_stamp WHERE field IN ('credit_code', 'license_no');"
    "UPDATE manifest SET value = '4' WHERE key = 'schema_version'";

  /* the commission knows the centre's code; the centre (an older
   * version) changes its floor area and adds a station */
  chc_test_exec (commission, "facility", "UPDATE facility SET credit_code = '12310118425028519C'"
                 " WHERE code = '" CENTRE "'");
  chc_test_exec (centre, "facility", "UPDATE facility SET floor_area = 4321 WHERE code = '" CENTRE "'");
  added = chc_facility_new ();
  chc_facility_set_code (added, "310118S99");
  chc_facility_set_name (added, "金泽测试社区卫生服务站");
  chc_facility_set_facility_type (added, CHC_FACILITY_STATION);
  chc_facility_set_district_id (added, 1);
  chc_facility_set_parent_id (added, chc_test_query_int (centre, "SELECT id FROM facility WHERE code = '" CENTRE "'"));
  g_assert_true (chc_database_add_facility (centre, added, &error));
  g_assert_no_error (error);

  path = export_package (centre, CENTRE, FALSE);
  /* schema 5 promises the fields */
  assert_refused (commission, path,
                  "UPDATE pkg_row SET data = json_remove (data, '$.credit_code') WHERE tbl = 'facility'",
                  CHC_PACKAGE_ERROR_INVALID, NULL);
  rewrite_package (path, v4, to_v4);
  {
    g_autoptr(ChcPackageInfo) info = chc_package_read_info (v4, &error);

    g_assert_no_error (error);
    g_assert_cmpint (info->schema_version, ==, 4);
  }
  {
    g_autoptr(ChcMergePlan) plan = chc_package_plan_merge (commission, v4, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (chc_merge_plan_get_n_conflicts (plan), ==, 0);
  }
  g_assert_cmpint (merge (commission, v4, CHC_MERGE_CHOICE_NONE, &error), >=, 2);
  g_assert_no_error (error);
  g_assert_cmpint (chc_test_query_int (commission, "SELECT floor_area FROM facility WHERE code = '" CENTRE "'"), ==, 4321);
  credit = chc_test_query_text (commission, "SELECT credit_code FROM facility WHERE code = '" CENTRE "'");
  g_assert_cmpstr (credit, ==, "12310118425028519C");
  g_assert_cmpint (chc_test_query_int (commission, "SELECT count (*) FROM facility WHERE code = '310118S99'"
                                                   " AND credit_code IS NULL AND license_no IS NULL"), ==, 1);

}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/package/export-merge-indicators", test_export_merge_indicators);
  g_test_add_func ("/package/different-fields", test_different_fields_merge);
  g_test_add_func ("/package/conflict", test_conflict);
  g_test_add_func ("/package/double-merge", test_double_merge);
  g_test_add_func ("/package/bad-packages", test_bad_packages);
  g_test_add_func ("/package/hostile-rows", test_hostile_rows);
  g_test_add_func ("/package/hostile-schema", test_hostile_schema);
  g_test_add_func ("/package/hostile-scope", test_hostile_scope);
  g_test_add_func ("/package/forged-history", test_forged_history);
  g_test_add_func ("/package/overflowing-length", test_overflowing_length);
  g_test_add_func ("/package/file-mode", test_package_file_mode);
  g_test_add_func ("/package/centre-tombstones", test_centre_tombstones);
  g_test_add_func ("/package/kill-during-merge", test_kill_during_merge);
  g_test_add_func ("/package/audit-log", test_audit_log);
  g_test_add_func ("/package/backup-restore", test_backup_restore);
  g_test_add_func ("/package/bulk-import", test_bulk_import);
  g_test_add_func ("/package/cli", test_cli);
  g_test_add_func ("/package/codes-travel", test_codes_travel);
  g_test_add_func ("/package/codes-v4-package", test_codes_v4_package);

  return g_test_run ();
}
