/* test-keys.c — signed packages and pinned sender keys (issue 18).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sqlite3.h>
#include <sodium.h>
#include <glib/gstdio.h>

#include "chc-test-util.h"
#include "store/chc-database-private.h"
#include "store/chc-database-sync.h"
#include "store/chc-package.h"
#include "store/chc-package-keys.h"

#define CENTRE "310118C02"   /* 金泽社区卫生服务中心, Qingpu */

static char *
export_package (ChcDatabase *db,
                const char  *centre,
                const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcPackageInfo) info = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  char *path = g_build_filename (dir, name, NULL);
  ChcPackageExportOptions options = { centre, FALSE, NULL };

  info = chc_package_export (db, path, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info->fingerprint);
  return path;
}

static GBytes *
file_bytes_or_empty (const char *path)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return g_bytes_new (NULL, 0);
  return chc_test_read_file (path);
}

/* The bytes of @db's file and WAL. */
static GBytes *
snapshot (ChcDatabase *db)
{
  g_autofree char *wal_path = g_strconcat (chc_database_get_path (db), "-wal", NULL);
  g_autoptr(GBytes) main_file = chc_test_read_file (chc_database_get_path (db));
  g_autoptr(GBytes) wal = file_bytes_or_empty (wal_path);
  g_autoptr(GByteArray) both = g_byte_array_new ();

  g_byte_array_append (both, g_bytes_get_data (main_file, NULL), g_bytes_get_size (main_file));
  g_byte_array_append (both, g_bytes_get_data (wal, NULL), g_bytes_get_size (wal));
  return g_byte_array_free_to_bytes (g_steal_pointer (&both));
}

/* Plans and applies @path, trusting a new sender if @trust; returns the
 * number of changes applied, -1 when refused. */
static int
merge (ChcDatabase  *db,
       const char   *path,
       gboolean      trust,
       GError      **error)
{
  g_autoptr(ChcMergePlan) plan = chc_package_plan_merge (db, path, error);
  guint n = 0;

  if (plan == NULL)
    return -1;
  if (trust)
    chc_merge_plan_set_signer_trusted (plan, TRUE);
  if (!chc_package_apply_merge (db, plan, CHC_MERGE_CHOICE_THEIRS, NULL, NULL, &n, error))
    return -1;
  return (int) n;
}

/* The image of a package file with @sql run over it. */
static guint8 *
rewrite_image (const char *package,
               const char *sql,
               gsize      *size_out)
{
  g_autoptr(GBytes) bytes = chc_test_read_file (package);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  gsize size = g_bytes_get_size (bytes) - CHC_TEST_PACKAGE_HEADER_SIZE;
  unsigned char *image = sqlite3_malloc64 (size);
  sqlite3_int64 new_size = 0;
  unsigned char *out;
  guint8 *copy;
  sqlite3 *db = NULL;

  memcpy (image, data + CHC_TEST_PACKAGE_HEADER_SIZE, size);
  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_deserialize (db, "main", image, size, size,
                                        SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE), ==, SQLITE_OK);
  if (sql != NULL)
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  out = sqlite3_serialize (db, "main", &new_size, 0);
  copy = g_memdup2 (out, new_size);
  *size_out = new_size;
  sqlite3_free (out);
  sqlite3_close (db);
  return copy;
}

/* A signed package: verified, with its signer's fingerprint, which is the
 * exporting installation's; one flipped byte in the signature, the key or
 * the image is refused. */
static void
test_signed_package (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autoptr(ChcPackageInfo) info = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *own = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "bad.chcpkg", NULL);
  const guint8 *data;
  gsize size;
  const struct { gsize at; int code; } flips[] = {
    { 7, CHC_PACKAGE_ERROR_TOO_NEW },          /* the format byte */
    { 8 + 5, CHC_PACKAGE_ERROR_SIGNATURE },    /* the checksum */
    { 48 + 3, CHC_PACKAGE_ERROR_SIGNATURE },   /* the key */
    { 48 + 31, CHC_PACKAGE_ERROR_SIGNATURE },
    { 80, CHC_PACKAGE_ERROR_SIGNATURE },       /* the signature */
    { 143, CHC_PACKAGE_ERROR_SIGNATURE },
    { 144, CHC_PACKAGE_ERROR_CORRUPT },        /* the image */
    { 5000, CHC_PACKAGE_ERROR_CORRUPT },
  };

  chc_test_exec (centre, NULL, "UPDATE facility SET floor_area = 8123 WHERE code = '" CENTRE "'");
  path = export_package (centre, CENTRE, "centre.chcpkg");
  own = chc_database_get_package_fingerprint (centre, &error);
  g_assert_no_error (error);
  g_assert_true (g_regex_match_simple ("^[0-9A-F]{4}(-[0-9A-F]{4}){4}$", own, 0, 0));

  info = chc_package_read_info (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->format_version, ==, 2);
  g_assert_cmpstr (info->fingerprint, ==, own);
  g_assert_cmpuint (strlen (info->public_key), ==, 64);
  g_assert_cmpstr (info->source_centre, ==, CENTRE);
  {
    g_autofree char *lower = g_ascii_strdown (own, -1);
    g_assert_true (chc_package_fingerprint_equal (own, lower));
    g_assert_false (chc_package_fingerprint_equal (own, "FB48-4E58"));
  }

  /* The commission has its own key, not the centre's. */
  {
    g_autofree char *theirs = chc_database_get_package_fingerprint (commission, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (theirs, !=, own);
  }

  good = chc_test_read_file (path);
  data = g_bytes_get_data (good, &size);
  before = snapshot (commission);
  for (guint i = 0; i < G_N_ELEMENTS (flips); i++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      g_autoptr(GBytes) after = NULL;

      g_assert_cmpuint (flips[i].at, <, size);
      copy[flips[i].at] ^= 0x04;
      g_assert_true (g_file_set_contents (bad, (const char *) copy, size, NULL));
      g_assert_null (chc_package_read_info (bad, &error));
      g_assert_error (error, CHC_PACKAGE_ERROR, flips[i].code);
      g_clear_error (&error);
      g_assert_cmpint (merge (commission, bad, TRUE, &error), ==, -1);
      g_assert_error (error, CHC_PACKAGE_ERROR, flips[i].code);
      g_clear_error (&error);
      after = snapshot (commission);
      g_assert_true (g_bytes_equal (before, after));
    }

  /* The good one merges. */
  g_assert_cmpint (merge (commission, path, TRUE, &error), ==, 1);
  g_assert_no_error (error);
}

/* Format 1 (unsigned) is read by `package info` but never merged, and a
 * signed package whose signature was cut off is refused as altered. */
static void
test_unsigned_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autoptr(ChcPackageInfo) info = NULL;
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autofree char *path = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *old = g_build_filename (dir, "old.chcpkg", NULL);
  g_autofree guint8 *image = NULL;
  guint8 digest[crypto_hash_sha256_BYTES];
  guint8 length[8];
  gsize size;

  chc_test_exec (centre, NULL, "UPDATE facility SET floor_area = 8123 WHERE code = '" CENTRE "'");
  path = export_package (centre, CENTRE, "centre.chcpkg");

  for (guint stripped = 0; stripped < 2; stripped++)
    {
      g_clear_pointer (&image, g_free);
      image = rewrite_image (path, stripped ? NULL
                                            : "UPDATE manifest SET value = '1' WHERE key = 'format_version';"
                                              "PRAGMA user_version = 1", &size);
      g_assert_cmpint (sodium_init (), >=, 0);
      crypto_hash_sha256 (digest, image, size);
      for (int i = 0; i < 8; i++)
        length[i] = (guint8) ((guint64) size >> (8 * (7 - i)));
      g_byte_array_set_size (file, 0);
      g_byte_array_append (file, (const guint8 *) "CHCPKG\n\0", 8);
      g_byte_array_append (file, digest, sizeof digest);
      g_byte_array_append (file, length, sizeof length);
      g_byte_array_append (file, image, size);
      g_assert_true (g_file_set_contents (old, (const char *) file->data, file->len, NULL));

      if (stripped)
        {
          g_assert_null (chc_package_read_info (old, &error));
          g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_SIGNATURE);
          g_assert_nonnull (strstr (error->message, "signature was removed"));
          g_clear_error (&error);
          continue;
        }
      info = chc_package_read_info (old, &error);
      g_assert_no_error (error);
      g_assert_cmpint (info->format_version, ==, 1);
      g_assert_null (info->fingerprint);
      g_assert_cmpint (merge (commission, old, TRUE, &error), ==, -1);
      g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_SIGNATURE);
      g_assert_nonnull (strstr (error->message, "not signed"));
      g_clear_error (&error);
    }
  g_assert_cmpint (chc_test_query_int (commission, "SELECT count (*) FROM sender_key"), ==, 0);
}

/* The first merge of a sender needs trust and pins its key; a package
 * claiming that sender signed by another key is then refused with
 * nothing written, naming the centre and both fingerprints. */
static void
test_first_merge_pins (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autoptr(ChcMergePlan) plan = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *path = NULL;
  g_autofree char *own = chc_database_get_package_fingerprint (centre, NULL);
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *forged = g_build_filename (dir, "forged.chcpkg", NULL);
  g_autofree guint8 *image = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *other_fingerprint = NULL;
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 sk[crypto_sign_SECRETKEYBYTES];
  gsize size;
  guint n = 0;

  chc_test_exec (centre, NULL, "UPDATE facility SET floor_area = 8123 WHERE code = '" CENTRE "'");
  path = export_package (centre, CENTRE, "centre.chcpkg");

  /* New: the plan says so; applying without trust writes nothing. */
  plan = chc_package_plan_merge (commission, path, &error);
  g_assert_no_error (error);
  g_assert_true (chc_merge_plan_get_signer_is_new (plan));
  g_assert_cmpstr (chc_merge_plan_get_signer_fingerprint (plan), ==, own);
  g_assert_nonnull (strstr (chc_merge_plan_get_signer (plan), CENTRE));
  before = snapshot (commission);
  g_assert_false (chc_package_apply_merge (commission, plan, CHC_MERGE_CHOICE_NONE, NULL, NULL, &n, &error));
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_UNTRUSTED);
  g_assert_nonnull (strstr (error->message, own));
  g_clear_error (&error);
  after = snapshot (commission);
  g_assert_true (g_bytes_equal (before, after));

  /* Trusted: merged and pinned, recorded in the audit log. */
  chc_merge_plan_set_signer_trusted (plan, TRUE);
  g_assert_true (chc_package_apply_merge (commission, plan, CHC_MERGE_CHOICE_NONE, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  keys = chc_database_list_sender_keys (commission, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 1);
  {
    ChcSenderKey *key = g_ptr_array_index (keys, 0);

    g_assert_cmpstr (key->centre, ==, CENTRE);
    g_assert_cmpstr (key->installation, ==, chc_database_get_installation_id (centre));
    g_assert_cmpstr (key->fingerprint, ==, own);
    g_assert_cmpstr (key->origin, ==, "merge centre.chcpkg");
  }
  origin = chc_test_query_text (commission, "SELECT origin FROM audit WHERE tbl = 'sender_key' AND row_key = '" CENTRE "'"
                                   " AND new IS NOT NULL");
  g_assert_cmpstr (origin, ==, "merge centre.chcpkg");

  /* The next package of the same sender needs no trust. */
  chc_test_exec (centre, NULL, "UPDATE facility SET floor_area = 8124 WHERE code = '" CENTRE "'");
  g_free (path);
  path = export_package (centre, CENTRE, "centre2.chcpkg");
  g_clear_object (&plan);
  plan = chc_package_plan_merge (commission, path, &error);
  g_assert_no_error (error);
  g_assert_false (chc_merge_plan_get_signer_is_new (plan));
  g_assert_true (chc_package_apply_merge (commission, plan, CHC_MERGE_CHOICE_NONE, NULL, NULL, &n, &error));
  g_assert_no_error (error);

  /* The same content signed by another key: refused, nothing written. */
  chc_test_exec (centre, NULL, "UPDATE facility SET floor_area = 9999 WHERE code = '" CENTRE "'");
  g_free (path);
  path = export_package (centre, CENTRE, "centre3.chcpkg");
  image = rewrite_image (path, NULL, &size);
  g_assert_cmpint (sodium_init (), >=, 0);
  crypto_sign_keypair (pk, sk);
  other_fingerprint = chc_package_key_fingerprint (pk);
  chc_test_write_package (forged, image, size, sk);
  g_clear_pointer (&before, g_bytes_unref);
  before = snapshot (commission);
  g_assert_null (chc_package_plan_merge (commission, forged, &error));
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_UNTRUSTED);
  g_assert_nonnull (strstr (error->message, CENTRE));
  g_assert_nonnull (strstr (error->message, own));
  g_assert_nonnull (strstr (error->message, other_fingerprint));
  g_clear_error (&error);
  /* Even trusted on a plan of the genuine file swapped afterwards. */
  g_clear_object (&plan);
  plan = chc_package_plan_merge (commission, path, &error);
  g_assert_no_error (error);
  chc_merge_plan_set_signer_trusted (plan, TRUE);
  g_assert_true (g_rename (forged, path) == 0);
  g_assert_false (chc_package_apply_merge (commission, plan, CHC_MERGE_CHOICE_THEIRS, NULL, NULL, &n, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&after, g_bytes_unref);
  after = snapshot (commission);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (chc_test_query_int (commission, "SELECT floor_area FROM facility WHERE code = '" CENTRE "'"), ==, 8124);

  /* Claiming the same centre from another installation (a forged
   * installation id) with another key: refused too. */
  g_clear_pointer (&image, g_free);
  image = rewrite_image (path, "UPDATE manifest SET value = 'c0ffee00-0000-4000-8000-000000000000'"
                               " WHERE key = 'source_installation'", &size);
  chc_test_write_package (forged, image, size, sk);
  g_assert_null (chc_package_plan_merge (commission, forged, &error));
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_UNTRUSTED);
  g_clear_error (&error);

  /* Or naming the centre without its code (not checked by code): refused. */
  g_clear_pointer (&image, g_free);
  image = rewrite_image (path, "UPDATE manifest SET value = '' WHERE key = 'source_centre'", &size);
  chc_test_write_package (forged, image, size, sk);
  g_assert_null (chc_package_plan_merge (commission, forged, &error));
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_INVALID);
  g_clear_error (&error);
}

/* A registration file pins the key before any package; a damaged one or
 * one with another fingerprint than the one given is refused. */
static void
test_registration (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autoptr(ChcDatabase) impostor = chc_test_copy_database (centre, "impostor.db");
  g_autoptr(ChcSenderKey) key = NULL;
  g_autoptr(ChcMergePlan) plan = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "jinze.chcreg", NULL);
  g_autofree char *other = g_build_filename (dir, "impostor.chcreg", NULL);
  g_autofree char *own = chc_database_get_package_fingerprint (centre, NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *altered = NULL;
  g_auto(GStrv) parts = NULL;

  g_assert_true (chc_database_export_registration (centre, "金泽社区卫生服务中心", file, &error));
  g_assert_no_error (error);

  /* Altered (the centre changed): refused. */
  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  parts = g_strsplit (text, "centre=" CENTRE, -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  altered = g_strjoinv ("centre=310118C03", parts);
  g_assert_true (g_file_set_contents (other, altered, -1, NULL));
  g_assert_null (chc_database_import_registration (commission, other, NULL, &error));
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_SIGNATURE);
  g_clear_error (&error);
  /* Another fingerprint than the one read on the phone: refused. */
  g_assert_null (chc_database_import_registration (commission, file, "0000-1111-2222-3333-4444", &error));
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_UNTRUSTED);
  g_clear_error (&error);
  g_assert_cmpint (chc_test_query_int (commission, "SELECT count (*) FROM sender_key"), ==, 0);

  key = chc_database_import_registration (commission, file, own, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key->centre, ==, CENTRE);
  g_assert_cmpstr (key->fingerprint, ==, own);
  g_assert_cmpstr (key->origin, ==, "registration jinze.chcreg");

  /* The first package is then known: no trust needed. */
  chc_test_exec (centre, NULL, "UPDATE facility SET floor_area = 8123 WHERE code = '" CENTRE "'");
  path = export_package (centre, CENTRE, "centre.chcpkg");
  plan = chc_package_plan_merge (commission, path, &error);
  g_assert_no_error (error);
  g_assert_false (chc_merge_plan_get_signer_is_new (plan));
  g_assert_cmpint (merge (commission, path, FALSE, &error), ==, 1);
  g_assert_no_error (error);

  /* Another installation registering for the same centre: refused. */
  g_assert_true (chc_database_export_registration (impostor, CENTRE, other, &error));
  g_assert_no_error (error);
  g_assert_null (chc_database_import_registration (commission, other, NULL, &error));
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_UNTRUSTED);
  g_assert_nonnull (strstr (error->message, own));
  g_clear_error (&error);
}

/* A copied file is another installation: its own key, never the
 * original's; rotate replaces the key; the commission refuses the new
 * key until it forgets the old one (audited), then pins again. */
static void
test_rotate_forget_repin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autoptr(ChcDatabase) copy = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree char *own = chc_database_get_package_fingerprint (centre, NULL);
  g_autofree char *seed = chc_database_get_meta (centre, "package_key_seed");
  g_autofree char *copy_seed = NULL;
  g_autofree char *copy_fingerprint = NULL;
  g_autofree char *old = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *path = NULL;
  g_autofree char *reason = NULL;

  g_assert_nonnull (seed);
  copy = chc_test_copy_database (centre, "copy.db");
  copy_fingerprint = chc_database_get_package_fingerprint (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy_fingerprint, !=, own);
  copy_seed = chc_database_get_meta (copy, "package_key_seed");
  g_assert_cmpstr (copy_seed, !=, seed);

  chc_test_exec (centre, NULL, "UPDATE facility SET floor_area = 8123 WHERE code = '" CENTRE "'");
  path = export_package (centre, CENTRE, "centre.chcpkg");
  g_assert_cmpint (merge (commission, path, TRUE, &error), ==, 1);
  g_assert_no_error (error);

  fresh = chc_database_rotate_package_key (centre, &old, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (old, ==, own);
  g_assert_cmpstr (fresh, !=, own);
  {
    g_autofree char *now = chc_database_get_package_fingerprint (centre, NULL);
    g_autofree char *new_seed = chc_database_get_meta (centre, "package_key_seed");
    g_assert_cmpstr (now, ==, fresh);
    g_assert_cmpstr (new_seed, !=, seed);
  }
  g_assert_cmpint (chc_test_query_int (centre, "SELECT count (*) FROM audit WHERE tbl = 'package_key'"
                                               " AND origin = 'keys rotate'"), ==, 1);

  chc_test_exec (centre, NULL, "UPDATE facility SET floor_area = 8124 WHERE code = '" CENTRE "'");
  g_free (path);
  path = export_package (centre, CENTRE, "rotated.chcpkg");
  g_assert_cmpint (merge (commission, path, TRUE, &error), ==, -1);
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_UNTRUSTED);
  g_assert_nonnull (strstr (error->message, fresh));
  g_assert_nonnull (strstr (error->message, own));
  g_clear_error (&error);

  /* Forget needs a reason, and a sender that has a key. */
  g_assert_cmpuint (chc_database_forget_sender_key (commission, CENTRE, " ", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (chc_database_forget_sender_key (commission, "310118C99", "x", &error), ==, 0);
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (chc_database_forget_sender_key (commission, "金泽社区卫生服务中心",
                                                    "new key, confirmed by phone", &error), ==, 1);
  g_assert_no_error (error);
  reason = chc_test_query_text (commission, "SELECT origin || ' ' || old FROM audit WHERE tbl = 'sender_key' AND new IS NULL");
  g_assert_nonnull (strstr (reason, "keys forget: new key, confirmed by phone"));
  g_assert_nonnull (strstr (reason, own));

  /* The next package pins again (trusted). */
  g_assert_cmpint (merge (commission, path, FALSE, &error), ==, -1);
  g_assert_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_UNTRUSTED);
  g_clear_error (&error);
  g_assert_cmpint (merge (commission, path, TRUE, &error), ==, 1);
  g_assert_no_error (error);
  keys = chc_database_list_sender_keys (commission, &error);
  g_assert_cmpuint (keys->len, ==, 1);
  g_assert_cmpstr (((ChcSenderKey *) g_ptr_array_index (keys, 0))->fingerprint, ==, fresh);
}

/* A restored backup is a new installation: a new key on first use, and
 * the old seed is overwritten. */
static void
test_restore_new_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *before = chc_database_get_package_fingerprint (db, &error);
  g_autofree char *seed = chc_database_get_meta (db, "package_key_seed");
  g_autofree char *after = NULL;
  g_autofree char *new_seed = NULL;

  g_assert_no_error (error);
  g_assert_true (chc_database_backup_to (db, backup, &error));
  g_assert_no_error (error);
  g_assert_true (chc_database_restore_from (db, backup, &error));
  g_assert_no_error (error);
  after = chc_database_get_package_fingerprint (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, !=, before);
  new_seed = chc_database_get_meta (db, "package_key_seed");
  g_assert_cmpstr (new_seed, !=, seed);
  {
    g_autofree char *owner = chc_database_get_meta (db, "package_key_installation");
    g_assert_cmpstr (owner, ==, chc_database_get_installation_id (db));
  }
}

/* A populated schema-2 database is upgraded to 3: every row kept, the
 * pinned keys' table added (empty), and its packages are signed. */
static void
test_migration_v2_to_v3 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autofree char *path = g_strdup (chc_database_get_path (db));
  g_autofree char *id = g_strdup (chc_database_get_installation_id (db));
  g_autofree char *package = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gint64 n_facilities, n_signing, n_projects, n_audit, n_versions;
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  chc_test_exec (db, NULL, "UPDATE facility SET floor_area = 8123 WHERE code = '" CENTRE "'");
  n_facilities = chc_test_query_int (db, "SELECT count (*) FROM facility");
  n_signing = chc_test_query_int (db, "SELECT count (*) FROM signing");
  n_projects = chc_test_query_int (db, "SELECT count (*) FROM project");
  n_audit = chc_test_query_int (db, "SELECT count (*) FROM audit");
  n_versions = chc_test_query_int (db, "SELECT count (*) FROM row_version");
  g_assert_cmpint (n_facilities, >, 10);
  g_assert_cmpint (n_signing, >, 100);
  g_assert_cmpint (n_versions, >, 0);
  g_clear_object (&db);

  /* Back to schema 2: what a schema-2 build wrote. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, CHC_TEST_SQL_BACK_TO_V4 " DROP TABLE sender_key; DROP TABLE bulletin_setting;"
                                      " DROP TABLE bulletin_issue; PRAGMA user_version = 2;"
                                      " DELETE FROM meta WHERE key LIKE 'package_key%'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);

  db = chc_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chc_database_get_schema_version (db), ==, CHC_DATABASE_SCHEMA_VERSION);
  g_assert_cmpstr (chc_database_get_installation_id (db), ==, id);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM facility"), ==, n_facilities);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM signing"), ==, n_signing);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM project"), ==, n_projects);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM audit"), ==, n_audit);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM row_version"), ==, n_versions);
  g_assert_cmpint (chc_test_query_int (db, "SELECT floor_area FROM facility WHERE code = '" CENTRE "'"), ==, 8123);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM sender_key"), ==, 0);
  problems = chc_database_check (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* Its first package is signed with a key made now. */
  package = export_package (db, CENTRE, "upgraded.chcpkg");
  {
    g_autoptr(ChcPackageInfo) info = chc_package_read_info (package, &error);
    g_autofree char *own = chc_database_get_package_fingerprint (db, NULL);

    g_assert_no_error (error);
    g_assert_cmpstr (info->fingerprint, ==, own);
    g_assert_cmpint (info->schema_version, ==, CHC_DATABASE_SCHEMA_VERSION);
  }
}

/* chc-cli keys and package merge --trust. */
static void
test_cli (void)
{
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autofree char *centre_path = g_strdup (chc_database_get_path (centre));
  g_autofree char *commission_path = g_strdup (chc_database_get_path (commission));
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *package = g_build_filename (dir, "jinze.chcpkg", NULL);
  g_autofree char *registration = g_build_filename (dir, "jinze.chcreg", NULL);
  g_autofree char *own = chc_database_get_package_fingerprint (centre, NULL);
  g_autofree char *lower = g_ascii_strdown (own, -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;

  chc_test_exec (centre, NULL, "UPDATE facility SET floor_area = 7001 WHERE code = '" CENTRE "'");
  g_clear_object (&centre);
  g_clear_object (&commission);

  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", centre_path, "keys", "show", NULL });
  g_assert_nonnull (strstr (out, own));
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
             "--db", centre_path, "package", "export", "--centre", CENTRE, "--output", package, NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "package", "info", package, NULL });
  g_assert_nonnull (strstr (out, own));

  /* New sender: exit 1 without --trust, 2 with the wrong one. */
  chc_test_run_cli_expect (1, &out, &err, (const char *[]) { "--db", commission_path, "package", "merge", package, NULL });
  g_assert_nonnull (strstr (err, own));
  g_assert_nonnull (strstr (err, "--trust"));
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) {
             "--db", commission_path, "package", "merge", "--trust", "0000-1111-2222-3333-4444", package, NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
             "--db", commission_path, "package", "merge", "--trust", lower, package, NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", commission_path, "keys", "list", NULL });
  g_assert_true (g_str_has_prefix (out, "centre\tcentre_name\tinstallation\tfingerprint\tpinned_at\tpinned_by\torigin\n"));
  expected = g_strdup_printf ("%s\t金泽社区卫生服务中心\t", CENTRE);
  g_assert_nonnull (strstr (out, expected));
  g_assert_nonnull (strstr (out, own));

  /* Rotate at the centre: refused at the commission until forgotten. */
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", centre_path, "keys", "rotate", NULL });
  g_assert_nonnull (strstr (out, own));
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
             "--db", centre_path, "package", "export", "--centre", CENTRE, "--output", package, NULL });
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) {
             "--db", commission_path, "package", "merge", "--trust-new", package, NULL });
  g_assert_nonnull (strstr (err, "keys forget " CENTRE));
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) { "--db", commission_path, "keys", "forget", CENTRE, NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
             "--db", commission_path, "keys", "forget", CENTRE, "--reason", "rotated", NULL });
  /* Pinned again from a registration file. */
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
             "--db", centre_path, "keys", "export-registration", "--centre", CENTRE, registration, NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
             "--db", commission_path, "keys", "import-registration", registration, NULL });
  g_assert_nonnull (strstr (out, CENTRE));
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", commission_path, "package", "merge", package, NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) {
             "--db", commission_path, "audit", "--table", "sender_key", NULL });
  g_assert_nonnull (strstr (out, "keys forget: rotated"));
  g_assert_nonnull (strstr (out, "registration jinze.chcreg"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keys/signed-package", test_signed_package);
  g_test_add_func ("/keys/unsigned-refused", test_unsigned_refused);
  g_test_add_func ("/keys/first-merge-pins", test_first_merge_pins);
  g_test_add_func ("/keys/registration", test_registration);
  g_test_add_func ("/keys/rotate-forget-repin", test_rotate_forget_repin);
  g_test_add_func ("/keys/restore-new-key", test_restore_new_key);
  g_test_add_func ("/keys/migration-v2-v3", test_migration_v2_to_v3);
  g_test_add_func ("/keys/cli", test_cli);

  return g_test_run ();
}
