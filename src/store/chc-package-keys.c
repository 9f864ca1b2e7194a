/* chc-package-keys.c — signing keys, signed package headers and pinned
 * sender keys (issue 18).  See chc-package-keys.h.
 *
 * The header of a package file, format 2:
 *
 *   "CHCPKG\n"  7 bytes  magic
 *   2           1 byte   header format (0 in format 1, which ends at the length)
 *   SHA-256    32 bytes  of the image
 *   length      8 bytes  big-endian: the image's size
 *   public key 32 bytes  Ed25519, the signer's
 *   signature  64 bytes  Ed25519, detached, over sign_context followed
 *                        by the 80 bytes above (so over the image too)
 *   image                a SQLite database (chc-package.c)
 *
 * Ed25519 is libsodium's (crypto_sign_*): the standard, audited
 * implementation.  The secret key is a 32-byte seed in meta
 * (package_key_seed, hex), valid only while meta package_key_installation
 * is this file's installation id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-package"

#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sodium.h>
#include <glib/gi18n-lib.h>

#include "chc-package-keys.h"
#include "chc-database-private.h"
#include "chc-database-sync-private.h"
#include "model/chc-merge-plan.h"

static const guint8 magic[7] = { 'C', 'H', 'C', 'P', 'K', 'G', '\n' };
#define HEADER_V1_SIZE (8 + 32 + 8)
#define SIGNED_SIZE    (8 + 32 + 8 + 32)     /* what the signature covers */
#define HEADER_V2_SIZE (SIGNED_SIZE + 64)

/* Keeps a package signature from being valid as anything else. */
static const char sign_context[] = "CHC Monitor exchange package, format 2";
static const char registration_context[] = "CHC Monitor registration, format 1";

G_STATIC_ASSERT (crypto_sign_PUBLICKEYBYTES == CHC_PACKAGE_PUBLIC_KEY_SIZE);
G_STATIC_ASSERT (crypto_sign_BYTES == 64);
G_STATIC_ASSERT (crypto_sign_SEEDBYTES == 32);

static gboolean
sodium_ready (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_SIGNATURE,
                   _("The signature library (libsodium) cannot be initialised."));
      return FALSE;
    }
  return TRUE;
}

static char *
to_hex (const guint8 *data,
        gsize         size)
{
  char *hex = g_malloc (2 * size + 1);

  sodium_bin2hex (hex, 2 * size + 1, data, size);
  return hex;
}

/* Exactly @size bytes from @hex (2 * @size hex digits). */
static gboolean
from_hex (const char *hex,
          guint8     *data,
          gsize       size)
{
  gsize n = 0;

  if (hex == NULL || strlen (hex) != 2 * size)
    return FALSE;
  return sodium_hex2bin (data, size, hex, 2 * size, NULL, &n, NULL) == 0 && n == size;
}

/* ---- fingerprints ------------------------------------------------------ */

char *
chc_package_key_fingerprint (const guint8 *public_key)
{
  guint8 digest[crypto_hash_sha256_BYTES];
  GString *text = g_string_new (NULL);

  crypto_hash_sha256 (digest, public_key, CHC_PACKAGE_PUBLIC_KEY_SIZE);
  for (guint i = 0; i < 10; i++)
    {
      if (i > 0 && i % 2 == 0)
        g_string_append_c (text, '-');
      g_string_append_printf (text, "%02X", digest[i]);
    }
  return g_string_free (text, FALSE);
}

char *
chc_package_key_fingerprint_hex (const char *hex)
{
  guint8 key[CHC_PACKAGE_PUBLIC_KEY_SIZE];

  if (!from_hex (hex, key, sizeof key))
    return NULL;
  return chc_package_key_fingerprint (key);
}

static char *
fingerprint_normalize (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (out, g_ascii_toupper (*p));
    else if (*p != '-' && *p != ' ' && *p != ':')
      g_string_append_c (out, '?');   /* never equal to a fingerprint */
  return g_string_free (out, FALSE);
}

gboolean
chc_package_fingerprint_equal (const char *a,
                               const char *b)
{
  g_autofree char *x = fingerprint_normalize (a);
  g_autofree char *y = fingerprint_normalize (b);

  return *x != '\0' && g_str_equal (x, y);
}

/* ---- the audit log ----------------------------------------------------- */

/* A change of keys: @table "package_key" (this installation's) or
 * "sender_key" (a pinned one). */
static gboolean
audit_key (ChcDatabase  *self,
           const char   *origin,
           const char   *table,
           const char   *row_key,
           const char   *old_value,
           const char   *new_value,
           GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = chc_database_prepare (self,
                               "INSERT INTO audit (tick, at, os_user, installation, origin, tbl,"
                               " row_key, field, old, new) VALUES (chc_tick (), chc_now (), chc_user (),"
                               " chc_installation (), coalesce (?1, chc_origin ()), ?2, ?3, 'public_key', ?4, ?5)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, origin, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, old_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, new_value, -1, SQLITE_TRANSIENT);
  return chc_database_step_done (self, stmt, error);
}

/* ---- this installation's key ------------------------------------------ */

typedef struct
{
  guint8 public_key[crypto_sign_PUBLICKEYBYTES];
  guint8 secret_key[crypto_sign_SECRETKEYBYTES];
} KeyPair;

static void
key_pair_clear (KeyPair *pair)
{
  sodium_memzero (pair, sizeof *pair);
}

/* The pair in meta, if it is this installation's. */
static gboolean
read_own_key (ChcDatabase *self,
              KeyPair     *pair)
{
  g_autofree char *seed_hex = chc_database_get_meta (self, "package_key_seed");
  g_autofree char *owner = chc_database_get_meta (self, "package_key_installation");
  guint8 seed[crypto_sign_SEEDBYTES];
  gboolean ok;

  if (seed_hex == NULL || g_strcmp0 (owner, chc_database_get_installation_id (self)) != 0 ||
      !from_hex (seed_hex, seed, sizeof seed))
    {
      if (seed_hex != NULL)
        sodium_memzero (seed_hex, strlen (seed_hex));
      return FALSE;
    }
  ok = crypto_sign_seed_keypair (pair->public_key, pair->secret_key, seed) == 0;
  sodium_memzero (seed, sizeof seed);
  sodium_memzero (seed_hex, strlen (seed_hex));
  return ok;
}

/* Makes a new pair for this installation, overwriting any old seed (with
 * secure_delete, so that its bytes do not stay in free pages).  In the
 * caller's transaction. */
static gboolean
make_own_key (ChcDatabase  *self,
              const char   *origin,
              KeyPair      *pair,
              GError      **error)
{
  g_autofree char *old_fingerprint = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *now = chc_database_now_text ();
  KeyPair old = { { 0 } };
  guint8 seed[crypto_sign_SEEDBYTES];
  char seed_hex[2 * crypto_sign_SEEDBYTES + 1];
  gboolean ok;

  if (read_own_key (self, &old))
    old_fingerprint = chc_package_key_fingerprint (old.public_key);
  key_pair_clear (&old);

  randombytes_buf (seed, sizeof seed);
  crypto_sign_seed_keypair (pair->public_key, pair->secret_key, seed);
  sodium_bin2hex (seed_hex, sizeof seed_hex, seed, sizeof seed);
  sodium_memzero (seed, sizeof seed);
  fingerprint = chc_package_key_fingerprint (pair->public_key);

  ok = chc_database_exec (self, "PRAGMA secure_delete = ON", error) &&
       chc_database_set_meta (self, "package_key_seed", seed_hex, error) &&
       chc_database_set_meta (self, "package_key_installation",
                              chc_database_get_installation_id (self), error) &&
       chc_database_set_meta (self, "package_key_created_at", now, error) &&
       audit_key (self, origin, "package_key", chc_database_get_installation_id (self),
                  old_fingerprint, fingerprint, error);
  sodium_memzero (seed_hex, sizeof seed_hex);
  return ok;
}

/* This installation's pair, made if needed (in one transaction, so that
 * two processes never make two). */
static gboolean
own_key (ChcDatabase  *self,
         KeyPair      *pair,
         GError      **error)
{
  if (!sodium_ready (error))
    return FALSE;
  if (read_own_key (self, pair))
    return TRUE;
  if (!chc_database_begin (self, error))
    return FALSE;
  if (!read_own_key (self, pair) && !make_own_key (self, "keys new", pair, error))
    {
      chc_database_rollback (self);
      key_pair_clear (pair);
      chc_database_exec (self, "PRAGMA secure_delete = OFF", NULL);
      return FALSE;
    }
  if (!chc_database_commit (self, error))
    {
      key_pair_clear (pair);
      chc_database_exec (self, "PRAGMA secure_delete = OFF", NULL);
      return FALSE;
    }
  chc_database_exec (self, "PRAGMA secure_delete = OFF", NULL);
  return TRUE;
}

char *
chc_database_get_package_fingerprint (ChcDatabase  *self,
                                      GError      **error)
{
  KeyPair pair;
  char *fingerprint;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  if (!own_key (self, &pair, error))
    return NULL;
  fingerprint = chc_package_key_fingerprint (pair.public_key);
  key_pair_clear (&pair);
  return fingerprint;
}

char *
chc_database_rotate_package_key (ChcDatabase  *self,
                                 char        **old_fingerprint,
                                 GError      **error)
{
  KeyPair pair;
  char *fingerprint;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  if (old_fingerprint != NULL)
    *old_fingerprint = NULL;
  if (!sodium_ready (error))
    return NULL;
  if (read_own_key (self, &pair) && old_fingerprint != NULL)
    *old_fingerprint = chc_package_key_fingerprint (pair.public_key);
  key_pair_clear (&pair);

  if (!chc_database_begin (self, error))
    return NULL;
  if (!make_own_key (self, "keys rotate", &pair, error) ||
      !chc_database_commit (self, error))
    {
      chc_database_rollback (self);
      key_pair_clear (&pair);
      chc_database_exec (self, "PRAGMA secure_delete = OFF", NULL);
      return NULL;
    }
  chc_database_exec (self, "PRAGMA secure_delete = OFF", NULL);
  fingerprint = chc_package_key_fingerprint (pair.public_key);
  key_pair_clear (&pair);
  return fingerprint;
}

/* ---- the header -------------------------------------------------------- */

void
chc_package_header_clear (ChcPackageHeader *header)
{
  g_clear_pointer (&header->sha256, g_free);
  g_clear_pointer (&header->public_key, g_free);
  g_clear_pointer (&header->fingerprint, g_free);
}

static void
signed_message (const guint8 *header,
                guint8       *message)
{
  memcpy (message, sign_context, sizeof sign_context);
  memcpy (message + sizeof sign_context, header, SIGNED_SIZE);
}

void
chc_package_drop_pages (const void *base,
                        gsize       from,
                        gsize       to)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gsize start = (from + page - 1) / page * page;
  gsize end = to / page * page;

  if (end > start)
    madvise ((char *) base + start, end - start, MADV_DONTNEED);
}

gboolean
chc_package_header_read (const guint8      *contents,
                         gsize              length,
                         const char        *display,
                         ChcPackageHeader  *header,
                         GError           **error)
{
  guint8 message[sizeof sign_context + SIGNED_SIZE];
  guint8 digest[crypto_hash_sha256_BYTES];
  gsize header_size;
  guint64 image_size = 0;

  memset (header, 0, sizeof *header);
  if (!sodium_ready (error))
    return FALSE;

  if (length < sizeof magic || memcmp (contents, magic, sizeof magic) != 0)
    {
      if (length >= 16 && memcmp (contents, "SQLite format 3", 16) == 0)
        g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_NOT_PACKAGE,
                     _("%s is a database file, not a CHC Monitor exchange package."), display);
      else
        g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_NOT_PACKAGE,
                     _("%s is not a CHC Monitor exchange package."), display);
      return FALSE;
    }
  if (length < sizeof magic + 1)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                   _("The package %s is incomplete (cut off after %zu bytes). Ask for it to be sent again."),
                   display, length);
      return FALSE;
    }

  switch (contents[7])
    {
    case 0:
      header->format = 1;
      header_size = HEADER_V1_SIZE;
      break;
    case 2:
      header->format = 2;
      header_size = HEADER_V2_SIZE;
      break;
    default:
      if (contents[7] > 2 && contents[7] < 16)
        g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_TOO_NEW,
                     _("The package %s was made by a newer version of CHC Monitor (package format %d; this version reads up to %d). Please update the application."),
                     display, contents[7], CHC_PACKAGE_FORMAT_VERSION);
      else
        g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                     _("The package %s is damaged: its header is not valid. Ask for it to be sent again."),
                     display);
      return FALSE;
    }

  if (length < header_size)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                   _("The package %s is incomplete (cut off after %zu bytes). Ask for it to be sent again."),
                   display, length);
      return FALSE;
    }
  for (int i = 0; i < 8; i++)
    image_size = (image_size << 8) | contents[8 + 32 + i];
  /* Compared without adding to image_size, which may be anything. */
  if (image_size > CHC_PACKAGE_MAX_IMAGE)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                   _("The package %s is damaged: its header gives an impossible length. Ask for it to be sent again."),
                   display);
      return FALSE;
    }
  if (image_size != length - header_size)
    {
      if (image_size > length - header_size)
        {
          g_autofree char *expected = g_strdup_printf ("%" G_GUINT64_FORMAT, image_size);

          g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                       _("The package %s is incomplete (its content has %zu of %s bytes). Ask for it to be sent again."),
                       display, length - header_size, expected);
        }
      else
        g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                     _("The package %s is damaged: it is longer than its header says. Ask for it to be sent again."),
                     display);
      return FALSE;
    }

  if (header->format == 2)
    {
      signed_message (contents, message);
      if (crypto_sign_verify_detached (contents + SIGNED_SIZE, message, sizeof message,
                                       contents + 8 + 32 + 8) != 0)
        {
          g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_SIGNATURE,
                       _("The package %s is damaged or was altered after it was made: its signature does not match. Ask for it to be sent again."),
                       display);
          return FALSE;
        }
      header->public_key = to_hex (contents + 8 + 32 + 8, CHC_PACKAGE_PUBLIC_KEY_SIZE);
      header->fingerprint = chc_package_key_fingerprint (contents + 8 + 32 + 8);
    }

  {
    crypto_hash_sha256_state state;

    crypto_hash_sha256_init (&state);
    for (guint64 done = 0; done < image_size;)
      {
        gsize n = (gsize) MIN (image_size - done, CHC_PACKAGE_IMAGE_CHUNK);

        crypto_hash_sha256_update (&state, contents + header_size + done, n);
        if (image_size > CHC_PACKAGE_LARGE_IMAGE)
          chc_package_drop_pages (contents, header_size + done, header_size + done + n);
        done += n;
      }
    crypto_hash_sha256_final (&state, digest);
  }
  if (memcmp (digest, contents + 8, sizeof digest) != 0)
    {
      chc_package_header_clear (header);
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                   _("The package %s is damaged: its SHA-256 checksum does not match its content. Ask for it to be sent again."),
                   display);
      return FALSE;
    }
  header->sha256 = to_hex (digest, sizeof digest);
  header->image_offset = header_size;
  header->image_size = image_size;
  return TRUE;
}

GBytes *
chc_package_header_write (ChcDatabase       *database,
                          const guint8      *image,
                          gsize              image_size,
                          ChcPackageHeader  *header,
                          GError           **error)
{
  guint8 bytes[HEADER_V2_SIZE];
  guint8 message[sizeof sign_context + SIGNED_SIZE];
  KeyPair pair;

  memset (header, 0, sizeof *header);
  if (!own_key (database, &pair, error))
    return NULL;

  memcpy (bytes, magic, sizeof magic);
  bytes[7] = 2;
  crypto_hash_sha256 (bytes + 8, image, image_size);
  for (int i = 0; i < 8; i++)
    bytes[8 + 32 + i] = (guint8) ((guint64) image_size >> (8 * (7 - i)));
  memcpy (bytes + 8 + 32 + 8, pair.public_key, sizeof pair.public_key);
  signed_message (bytes, message);
  crypto_sign_detached (bytes + SIGNED_SIZE, NULL, message, sizeof message, pair.secret_key);

  header->format = 2;
  header->image_offset = HEADER_V2_SIZE;
  header->image_size = image_size;
  header->sha256 = to_hex (bytes + 8, 32);
  header->public_key = to_hex (pair.public_key, sizeof pair.public_key);
  header->fingerprint = chc_package_key_fingerprint (pair.public_key);
  key_pair_clear (&pair);
  return g_bytes_new (bytes, sizeof bytes);
}

/* ---- pinned keys ------------------------------------------------------- */

void
chc_sender_key_free (ChcSenderKey *key)
{
  if (key == NULL)
    return;
  g_free (key->installation);
  g_free (key->centre);
  g_free (key->centre_name);
  g_free (key->public_key);
  g_free (key->fingerprint);
  g_free (key->pinned_at);
  g_free (key->pinned_by);
  g_free (key->origin);
  g_free (key);
}

char *
chc_package_describe_sender (const char *centre,
                             const char *centre_name,
                             const char *installation)
{
  if (centre != NULL && *centre != '\0')
    {
      if (centre_name != NULL && *centre_name != '\0' && g_strcmp0 (centre, centre_name) != 0)
        return g_strdup_printf ("%s (%s)", centre_name, centre);
      return g_strdup (centre);
    }
  return g_strdup_printf (_("installation %s"), installation != NULL ? installation : "");
}

static ChcSenderKey *
sender_key_from_row (sqlite3_stmt *stmt)
{
  ChcSenderKey *key = g_new0 (ChcSenderKey, 1);

  key->installation = g_strdup (chc_column_text (stmt, 0));
  key->centre = g_strdup (chc_column_text (stmt, 1));
  key->centre_name = g_strdup (chc_column_text (stmt, 2));
  key->public_key = g_strdup (chc_column_text (stmt, 3));
  key->pinned_at = g_strdup (chc_column_text (stmt, 4));
  key->pinned_by = g_strdup (chc_column_text (stmt, 5));
  key->origin = g_strdup (chc_column_text (stmt, 6));
  key->fingerprint = chc_package_key_fingerprint_hex (key->public_key);
  if (key->fingerprint == NULL)
    key->fingerprint = g_strdup ("?");
  return key;
}

#define SENDER_KEY_COLUMNS \
  "installation, centre, centre_name, public_key, pinned_at, pinned_by, origin"

GPtrArray *
chc_database_list_sender_keys (ChcDatabase  *self,
                               GError      **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_sender_key_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self, "SELECT " SENDER_KEY_COLUMNS " FROM sender_key"
                                     " ORDER BY centre = '', centre, installation", error);
  if (stmt == NULL)
    return NULL;
  while (chc_database_step_row (self, stmt, error))
    g_ptr_array_add (keys, sender_key_from_row (stmt));
  sqlite3_reset (stmt);
  if (error != NULL && *error != NULL)
    return NULL;
  return g_steal_pointer (&keys);
}

/* A pin of @installation or @centre with another key than @public_key;
 * NULL if none (or on an error, then set). */
static ChcSenderKey *
find_other_key (ChcDatabase  *self,
                const char   *installation,
                const char   *centre,
                const char   *public_key,
                GError      **error)
{
  sqlite3_stmt *stmt;
  ChcSenderKey *key = NULL;

  stmt = chc_database_prepare (self, "SELECT " SENDER_KEY_COLUMNS " FROM sender_key"
                                     " WHERE (installation = ?1 OR (?2 <> '' AND centre = ?2))"
                                     " AND public_key <> ?3"
                                     " ORDER BY installation = ?1 DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, installation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, centre, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, public_key, -1, SQLITE_TRANSIENT);
  if (chc_database_step_row (self, stmt, error))
    key = sender_key_from_row (stmt);
  sqlite3_reset (stmt);
  return key;
}

/* Whether @public_key is pinned for @installation or @centre. */
static gboolean
key_known (ChcDatabase  *self,
           const char   *installation,
           const char   *centre,
           const char   *public_key,
           gboolean     *known,
           GError      **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GError) local_error = NULL;

  stmt = chc_database_prepare (self, "SELECT 1 FROM sender_key WHERE public_key = ?3"
                                     " AND (installation = ?1 OR (?2 <> '' AND centre = ?2))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, installation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, centre, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, public_key, -1, SQLITE_TRANSIENT);
  *known = chc_database_step_row (self, stmt, &local_error);
  sqlite3_reset (stmt);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
set_mismatch_error (GError             **error,
                    const char          *what,
                    const char          *claimed,
                    const ChcSenderKey  *pinned,
                    const char          *fingerprint)
{
  g_autofree char *pinned_sender = chc_package_describe_sender (pinned->centre, pinned->centre_name,
                                                                pinned->installation);

  g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_UNTRUSTED,
               _("%s says it comes from %s, but it is signed with another key than the one pinned here for %s: "
                 "pinned key %s, this key %s. Nothing was changed. If the sender really replaced its key "
                 "(a new computer, a restored backup, “chc-cli keys rotate”), confirm the new fingerprint "
                 "with them by phone, then run “chc-cli keys forget %s --reason …” and merge again; "
                 "otherwise the file may be forged."),
               what, claimed, pinned_sender, pinned->fingerprint, fingerprint,
               *pinned->centre != '\0' ? pinned->centre : pinned->installation);
}

gboolean
chc_package_check_sender (ChcDatabase          *database,
                          const ChcPackageInfo *info,
                          ChcMergePlan         *plan,
                          gboolean              applying,
                          GError              **error)
{
  g_autoptr(ChcSenderKey) other = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *what = NULL;
  const char *path = chc_merge_plan_get_package_path (plan);
  gboolean known = FALSE;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  what = g_filename_display_basename (path != NULL ? path : "");
  if (info->public_key == NULL)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_SIGNATURE,
                   _("The package %s is not signed: it was made by an older version of CHC Monitor "
                     "(package format 1), and unsigned packages are not merged. Ask the sender to update "
                     "CHC Monitor and export the package again."),
                   what);
      return FALSE;
    }

  /* A centre's package names its centre by code too: a name alone would
   * claim a centre without being checked against its pinned key. */
  if (*info->source_label != '\0' && (info->source_centre == NULL || *info->source_centre == '\0'))
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_INVALID,
                   _("The package %s names the centre %s but not its code: it was not made by CHC Monitor. Nothing was merged."),
                   what, info->source_label);
      return FALSE;
    }
  sender = chc_package_describe_sender (info->source_centre, info->source_label,
                                        info->source_installation);
  other = find_other_key (database, info->source_installation, info->source_centre,
                          info->public_key, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (other != NULL)
    {
      g_autofree char *package = g_strdup_printf (_("The package %s"), what);

      set_mismatch_error (error, package, sender, other, info->fingerprint);
      return FALSE;
    }
  if (!key_known (database, info->source_installation, info->source_centre, info->public_key,
                  &known, error))
    return FALSE;

  if (!applying)
    chc_merge_plan_set_signer (plan, sender, info->fingerprint, !known);
  else if (!known && !chc_merge_plan_get_signer_trusted (plan))
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_UNTRUSTED,
                   _("The package %s comes from a sender not known here: %s, key fingerprint %s. "
                     "Nothing was merged. Compare the fingerprint with the sender (by phone) and confirm "
                     "it before merging."),
                   what, sender, info->fingerprint);
      return FALSE;
    }
  return TRUE;
}

static gboolean
pin (ChcDatabase  *self,
     const char   *installation,
     const char   *centre,
     const char   *centre_name,
     const char   *public_key,
     const char   *origin,
     GError      **error)
{
  g_autofree char *now = chc_database_now_text ();
  g_autofree char *fingerprint = chc_package_key_fingerprint_hex (public_key);
  sqlite3_stmt *stmt;

  stmt = chc_database_prepare (self,
                               "INSERT INTO sender_key (" SENDER_KEY_COLUMNS ")"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                               " ON CONFLICT (installation, centre) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, installation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, centre, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, centre_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, public_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, origin, -1, SQLITE_TRANSIENT);
  if (!chc_database_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (chc_database_get_handle (self)) == 0)
    return TRUE;
  chc_database_notify_changed (self, "sender_key");
  return audit_key (self, origin, "sender_key", *centre != '\0' ? centre : installation,
                    NULL, fingerprint, error);
}

gboolean
chc_package_pin_sender (ChcDatabase          *database,
                        const ChcPackageInfo *info,
                        const char           *origin,
                        GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean pinned;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);

  if (info->public_key == NULL)
    return TRUE;
  /* Already pinned: nothing is written. */
  stmt = chc_database_prepare (database, "SELECT 1 FROM sender_key WHERE installation = ?1"
                                         " AND centre = ?2 AND public_key = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, info->source_installation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, info->source_centre, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, info->public_key, -1, SQLITE_TRANSIENT);
  pinned = chc_database_step_row (database, stmt, &local_error);
  sqlite3_reset (stmt);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (pinned)
    return TRUE;
  if (!chc_database_begin (database, error))
    return FALSE;
  if (!pin (database, info->source_installation, info->source_centre, info->source_label,
            info->public_key, origin, error))
    {
      chc_database_rollback (database);
      return FALSE;
    }
  return chc_database_commit (database, error);
}

guint
chc_database_forget_sender_key (ChcDatabase  *self,
                                const char   *sender,
                                const char   *reason,
                                GError      **error)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GHashTable) forgotten = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *origin = NULL;
  g_autofree char *why = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (CHC_IS_DATABASE (self), 0);
  g_return_val_if_fail (sender != NULL, 0);

  if (*why == '\0')
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                   _("Say why the key is forgotten (the reason is kept in the audit log)."));
      return 0;
    }
  keys = chc_database_list_sender_keys (self, error);
  if (keys == NULL)
    return 0;
  /* Every key pinned for that sender … */
  for (guint i = 0; i < keys->len; i++)
    {
      ChcSenderKey *key = g_ptr_array_index (keys, i);

      if (g_str_equal (key->installation, sender) ||
          (*key->centre != '\0' && (g_str_equal (key->centre, sender) || g_str_equal (key->centre_name, sender))))
        g_hash_table_add (forgotten, key->public_key);
    }
  if (g_hash_table_size (forgotten) == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("No key is pinned for %s (see “chc-cli keys list”)."), sender);
      return 0;
    }

  /* … is forgotten wherever it is pinned. */
  origin = g_strdup_printf ("keys forget: %s", why);
  if (!chc_database_begin (self, error))
    return 0;
  stmt = chc_database_prepare (self, "DELETE FROM sender_key WHERE installation = ?1 AND centre = ?2", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < keys->len; i++)
    {
      ChcSenderKey *key = g_ptr_array_index (keys, i);

      if (!g_hash_table_contains (forgotten, key->public_key))
        continue;
      sqlite3_bind_text (stmt, 1, key->installation, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, key->centre, -1, SQLITE_TRANSIENT);
      if (!chc_database_step_done (self, stmt, error) ||
          !audit_key (self, origin, "sender_key", *key->centre != '\0' ? key->centre : key->installation,
                      key->fingerprint, NULL, error))
        goto fail;
      n++;
    }
  chc_database_notify_changed (self, "sender_key");
  if (!chc_database_commit (self, error))
    return 0;
  return n;

fail:
  chc_database_rollback (self);
  return 0;
}

/* ---- registration files ----------------------------------------------- */

#define REGISTRATION_GROUP "CHC Monitor registration"

/* What a registration's signature covers. */
static GByteArray *
registration_message (const char   *installation,
                      const char   *centre,
                      const char   *centre_name,
                      const guint8 *public_key)
{
  GByteArray *message = g_byte_array_new ();

  g_byte_array_append (message, (const guint8 *) registration_context, sizeof registration_context);
  g_byte_array_append (message, (const guint8 *) installation, strlen (installation) + 1);
  g_byte_array_append (message, (const guint8 *) centre, strlen (centre) + 1);
  g_byte_array_append (message, (const guint8 *) centre_name, strlen (centre_name) + 1);
  g_byte_array_append (message, public_key, CHC_PACKAGE_PUBLIC_KEY_SIZE);
  return message;
}

gboolean
chc_database_export_registration (ChcDatabase  *self,
                                  const char   *centre,
                                  const char   *path,
                                  GError      **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(ChcFacility) facility = NULL;
  g_autoptr(GByteArray) message = NULL;
  g_autofree char *key_hex = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *signature_hex = NULL;
  g_autofree char *now = chc_database_now_text ();
  const char *code = "";
  const char *name = "";
  guint8 signature[crypto_sign_BYTES];
  KeyPair pair;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (centre != NULL)
    {
      facility = chc_database_find_facility (self, centre, 0, error);
      if (facility == NULL)
        return FALSE;
      code = chc_facility_get_code (facility);
      name = chc_facility_get_name (facility);
    }
  if (!own_key (self, &pair, error))
    return FALSE;
  message = registration_message (chc_database_get_installation_id (self), code, name, pair.public_key);
  crypto_sign_detached (signature, NULL, message->data, message->len, pair.secret_key);
  key_hex = to_hex (pair.public_key, sizeof pair.public_key);
  fingerprint = chc_package_key_fingerprint (pair.public_key);
  signature_hex = to_hex (signature, sizeof signature);
  key_pair_clear (&pair);

  g_key_file_set_comment (file, NULL, NULL,
                          " The public key of a CHC Monitor installation, for “chc-cli keys import-registration”.\n"
                          " Compare the fingerprint with the sender by phone before importing it.", NULL);
  g_key_file_set_integer (file, REGISTRATION_GROUP, "format", 1);
  g_key_file_set_string (file, REGISTRATION_GROUP, "installation", chc_database_get_installation_id (self));
  g_key_file_set_string (file, REGISTRATION_GROUP, "centre", code);
  g_key_file_set_string (file, REGISTRATION_GROUP, "centre_name", name);
  g_key_file_set_string (file, REGISTRATION_GROUP, "public_key", key_hex);
  g_key_file_set_string (file, REGISTRATION_GROUP, "fingerprint", fingerprint);
  g_key_file_set_string (file, REGISTRATION_GROUP, "created_at", now);
  g_key_file_set_string (file, REGISTRATION_GROUP, "signature", signature_hex);
  return g_key_file_save_to_file (file, path, error);
}

ChcSenderKey *
chc_database_import_registration (ChcDatabase  *self,
                                  const char   *path,
                                  const char   *expected_fingerprint,
                                  GError      **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GByteArray) message = NULL;
  g_autoptr(ChcSenderKey) other = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *installation = NULL;
  g_autofree char *centre = NULL;
  g_autofree char *centre_name = NULL;
  g_autofree char *key_hex = NULL;
  g_autofree char *signature_hex = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *fingerprint = NULL;
  guint8 public_key[CHC_PACKAGE_PUBLIC_KEY_SIZE];
  guint8 signature[crypto_sign_BYTES];
  ChcSenderKey *key;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!sodium_ready (error))
    return NULL;
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_NOT_PACKAGE,
                   _("Cannot read the registration file %s: %s"), display, local_error->message);
      return NULL;
    }
  installation = g_key_file_get_string (file, REGISTRATION_GROUP, "installation", NULL);
  centre = g_key_file_get_string (file, REGISTRATION_GROUP, "centre", NULL);
  centre_name = g_key_file_get_string (file, REGISTRATION_GROUP, "centre_name", NULL);
  key_hex = g_key_file_get_string (file, REGISTRATION_GROUP, "public_key", NULL);
  signature_hex = g_key_file_get_string (file, REGISTRATION_GROUP, "signature", NULL);
  if (g_key_file_get_integer (file, REGISTRATION_GROUP, "format", NULL) != 1 ||
      installation == NULL || *installation == '\0' || strlen (installation) > 64 ||
      centre == NULL || centre_name == NULL ||
      !from_hex (key_hex, public_key, sizeof public_key) ||
      !from_hex (signature_hex, signature, sizeof signature))
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_NOT_PACKAGE,
                   _("%s is not a CHC Monitor registration file."), display);
      return NULL;
    }
  message = registration_message (installation, centre, centre_name, public_key);
  if (crypto_sign_verify_detached (signature, message->data, message->len, public_key) != 0)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_SIGNATURE,
                   _("The registration file %s is damaged or was altered: its signature does not match. Ask for it to be sent again."),
                   display);
      return NULL;
    }
  fingerprint = chc_package_key_fingerprint (public_key);
  if (expected_fingerprint != NULL && !chc_package_fingerprint_equal (expected_fingerprint, fingerprint))
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_UNTRUSTED,
                   _("The key of %s has the fingerprint %s, not %s: nothing was pinned."),
                   display, fingerprint, expected_fingerprint);
      return NULL;
    }

  g_free (key_hex);
  key_hex = to_hex (public_key, sizeof public_key);   /* lower case, as in packages */
  other = find_other_key (self, installation, centre, key_hex, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (other != NULL)
    {
      g_autofree char *claimed = chc_package_describe_sender (centre, centre_name, installation);
      g_autofree char *what = g_strdup_printf (_("The registration file %s"), display);

      set_mismatch_error (error, what, claimed, other, fingerprint);
      return NULL;
    }
  origin = g_strdup_printf ("registration %s", base);
  if (!chc_database_begin (self, error))
    return NULL;
  if (!pin (self, installation, centre, centre_name, key_hex, origin, error) ||
      !chc_database_commit (self, error))
    {
      chc_database_rollback (self);
      return NULL;
    }

  key = g_new0 (ChcSenderKey, 1);
  key->installation = g_steal_pointer (&installation);
  key->centre = g_steal_pointer (&centre);
  key->centre_name = g_steal_pointer (&centre_name);
  key->public_key = g_steal_pointer (&key_hex);
  key->fingerprint = g_steal_pointer (&fingerprint);
  key->pinned_at = chc_database_now_text ();
  key->pinned_by = g_strdup (g_get_user_name ());
  key->origin = g_steal_pointer (&origin);
  return key;
}
