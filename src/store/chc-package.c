/* chc-package.c — exchange packages: export, verification, merge.
 *
 * The file is a short header followed by a SQLite database image:
 *
 *   "CHCPKG\n\2"  8 bytes  magic and header format
 *   SHA-256       32 bytes of the image
 *   length        8 bytes, big-endian: the image's size
 *   public key   32 bytes, the signer's (Ed25519)
 *   signature    64 bytes over all the above
 *   image         a SQLite database (application_id "CHCP")
 *
 * so that a truncated, altered or forged file is refused before SQLite
 * reads a byte of it (the header: chc-package-keys.c; format 1 had no key
 * and signature, and a zero byte after the magic).  The image is opened
 * in memory (sqlite3_deserialize) and never written.  Its tables hold the
 * rows of the tracked tables in natural-key form (pkg_row, the values of a
 * row as one JSON object) with their version vectors (pkg_vv) and field
 * stamps (pkg_stamp), and a manifest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-package"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "chc-package.h"
#include "core/chc-element.h"
#include "chc-package-keys.h"
#include "chc-database-sync.h"
#include "chc-database-reporting.h"
#include "chc-database-sync-private.h"
#include "core/chc-merge.h"
#include "chc-row-rules.h"
#include "core/chc-tcm.h"
#include "core/chc-validate.h"
#include "model/chc-enums.h"
#include "model/chc-tcm-enums.h"
#include "model/chc-tcm-site-event.h"
#include "model/chc-specialty-clinic.h"

G_DEFINE_QUARK (chc-package-error-quark, chc_package_error)

static const char package_schema[] =
  "PRAGMA application_id = 1128809296;" /* CHC_PACKAGE_APPLICATION_ID */
  "PRAGMA user_version = 2;"           /* CHC_PACKAGE_FORMAT_VERSION */
  "CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE pkg_row (tbl TEXT NOT NULL, row_key TEXT NOT NULL, uid TEXT NOT NULL,"
  "  created_by TEXT NOT NULL, created_tick INTEGER NOT NULL, changed_by TEXT NOT NULL,"
  "  changed_at TEXT NOT NULL, deleted INTEGER NOT NULL, data TEXT,"
  "  PRIMARY KEY (tbl, row_key)) WITHOUT ROWID;"
  "CREATE TABLE pkg_vv (tbl TEXT NOT NULL, row_key TEXT NOT NULL, installation TEXT NOT NULL,"
  "  tick INTEGER NOT NULL, PRIMARY KEY (tbl, row_key, installation)) WITHOUT ROWID;"
  "CREATE TABLE pkg_stamp (tbl TEXT NOT NULL, row_key TEXT NOT NULL, field TEXT NOT NULL,"
  "  installation TEXT NOT NULL, tick INTEGER NOT NULL,"
  "  PRIMARY KEY (tbl, row_key, field)) WITHOUT ROWID;";

G_STATIC_ASSERT (CHC_PACKAGE_APPLICATION_ID == 1128809296);
G_STATIC_ASSERT (CHC_PACKAGE_FORMAT_VERSION == 2);

void
chc_package_info_free (ChcPackageInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->source_installation);
  g_free (info->source_label);
  g_free (info->created_at);
  g_free (info->sha256);
  g_free (info->source_centre);
  g_free (info->public_key);
  g_free (info->fingerprint);
  g_clear_pointer (&info->counts, g_hash_table_unref);
  g_free (info);
}

/* ---- rows in memory --------------------------------------------------- */

typedef struct
{
  int       type;    /* SQLITE_NULL, _INTEGER, _FLOAT, _TEXT (BLOB as TEXT) */
  char     *text;
  gboolean  absent;  /* a field newer than the package's schema: it does
                        not carry it (NULL for a new row, ours kept) */
} Value;

typedef struct
{
  const ChcTrackedTable *table;
  char       *key;
  char       *uid;
  char       *created_by;
  gint64      created_tick;
  char       *changed_by;
  char       *changed_at;
  gint64      tick;        /* local rows: the local clock at the last write */
  gboolean    deleted;
  gboolean    has_values;  /* a live row whose values were read */
  Value      *values;      /* one per field of the table */
  GHashTable *vv;
  GHashTable *stamps;      /* field → ChcStamp (installation owned by the
                              row); NULL until a field has one */
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;
  guint n = chc_tracked_table_n_fields (row->table);

  for (guint i = 0; i < n; i++)
    g_free (row->values[i].text);
  g_free (row->values);
  g_free (row->key);
  g_free (row->uid);
  g_free (row->created_by);
  g_free (row->changed_by);
  g_free (row->changed_at);
  g_hash_table_unref (row->vv);
  g_clear_pointer (&row->stamps, g_hash_table_unref);
  g_free (row);
}

static void
stamp_free (gpointer data)
{
  ChcStamp *stamp = data;

  g_free ((char *) stamp->installation);
  g_free (stamp);
}

typedef struct
{
  GHashTable *by_id;   /* "table\x1fkey" → Row */
  GPtrArray  *order;   /* Row, in the order read */
} Rows;

static void
rows_clear (Rows *rows)
{
  g_clear_pointer (&rows->order, g_ptr_array_unref);
  g_clear_pointer (&rows->by_id, g_hash_table_unref);
}

static void
rows_init (Rows *rows)
{
  rows->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rows->order = g_ptr_array_new_with_free_func (row_free);
}

static char *
row_id (const char *table,
        const char *key)
{
  return g_strconcat (table, "\x1f", key, NULL);
}

static Row *
rows_lookup (Rows       *rows,
             const char *table,
             const char *key)
{
  g_autofree char *id = NULL;

  if (table == NULL || key == NULL)
    return NULL;
  id = row_id (table, key);
  return g_hash_table_lookup (rows->by_id, id);
}

static Row *
rows_get (Rows       *rows,
          const char *table,
          const char *key)
{
  const ChcTrackedTable *t = chc_tracked_table_find (table);
  Row *row;

  if (t == NULL || key == NULL)
    return NULL;
  row = rows_lookup (rows, table, key);
  if (row != NULL)
    return row;

  row = g_new0 (Row, 1);
  row->table = t;
  row->key = g_strdup (key);
  row->uid = g_strdup ("");
  row->created_by = g_strdup ("");
  row->changed_by = g_strdup ("");
  row->changed_at = g_strdup ("");
  row->values = g_new0 (Value, chc_tracked_table_n_fields (t));
  row->vv = chc_vv_new ();
  g_hash_table_insert (rows->by_id, row_id (table, key), row);
  g_ptr_array_add (rows->order, row);
  return row;
}

static int
field_index (const ChcTrackedTable *table,
             const char            *field)
{
  if (table == NULL || field == NULL)
    return -1;
  for (int i = 0; table->fields[i].name != NULL; i++)
    if (g_str_equal (table->fields[i].name, field))
      return i;
  return -1;
}

static void
value_set (Value        *value,
           sqlite3_stmt *stmt,
           int           column)
{
  int type = sqlite3_column_type (stmt, column);

  g_free (value->text);
  value->type = type == SQLITE_BLOB ? SQLITE_TEXT : type;
  value->text = type == SQLITE_NULL ? NULL : g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
value_equal (const Value *a,
             const Value *b)
{
  if (a->type == SQLITE_NULL || b->type == SQLITE_NULL)
    return a->type == b->type;
  /* 1 and 1.0 are the same number. */
  if (a->type != SQLITE_TEXT && b->type != SQLITE_TEXT)
    return g_ascii_strtod (a->text, NULL) == g_ascii_strtod (b->text, NULL);
  return a->type == b->type && g_strcmp0 (a->text, b->text) == 0;
}

static void
value_bind (const Value  *value,
            sqlite3_stmt *stmt,
            int           index)
{
  switch (value->type)
    {
    case SQLITE_INTEGER:
      sqlite3_bind_int64 (stmt, index, g_ascii_strtoll (value->text, NULL, 10));
      break;
    case SQLITE_FLOAT:
      sqlite3_bind_double (stmt, index, g_ascii_strtod (value->text, NULL));
      break;
    case SQLITE_TEXT:
      sqlite3_bind_text (stmt, index, value->text, -1, SQLITE_TRANSIENT);
      break;
    default:
      sqlite3_bind_null (stmt, index);
    }
}

static ChcStamp
row_stamp (Row        *row,
           const char *field)
{
  ChcStamp *explicit = row->stamps != NULL ? g_hash_table_lookup (row->stamps, field) : NULL;
  ChcStamp stamp = { row->created_by, row->created_tick };

  return explicit != NULL ? *explicit : stamp;
}

static void
row_set_stamp (Row        *row,
               const char *field,
               const char *installation,
               gint64      tick)
{
  ChcStamp *stamp;

  if (field == NULL || installation == NULL)
    return;
  stamp = g_new0 (ChcStamp, 1);
  stamp->installation = g_strdup (installation);
  stamp->tick = tick;
  if (row->stamps == NULL)
    row->stamps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stamp_free);
  g_hash_table_insert (row->stamps, g_strdup (field), stamp);
}

static void
row_set_meta (Row          *row,
              sqlite3_stmt *stmt,
              int           first)
{
  g_free (row->uid);
  row->uid = g_strdup ((const char *) sqlite3_column_text (stmt, first));
  g_free (row->created_by);
  row->created_by = g_strdup ((const char *) sqlite3_column_text (stmt, first + 1));
  row->created_tick = sqlite3_column_int64 (stmt, first + 2);
  g_free (row->changed_by);
  row->changed_by = g_strdup ((const char *) sqlite3_column_text (stmt, first + 3));
  g_free (row->changed_at);
  row->changed_at = g_strdup ((const char *) sqlite3_column_text (stmt, first + 4));
  if (row->uid == NULL) row->uid = g_strdup ("");
  if (row->created_by == NULL) row->created_by = g_strdup ("");
  if (row->changed_by == NULL) row->changed_by = g_strdup ("");
  if (row->changed_at == NULL) row->changed_at = g_strdup ("");
}

/* ---- reading a package ------------------------------------------------ */

/* A failed read: of a package (damaged), or of this database. */
static gboolean
sql_fail (sqlite3  *db,
          GError  **error)
{
  /* A package's connection is the one that may attach nothing (harden). */
  if (sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, -1) == 0 ||
      sqlite3_db_filename (db, "main") == NULL || *sqlite3_db_filename (db, "main") == '\0')
    g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                 _("The package is damaged: %s"), sqlite3_errmsg (db));
  else
    g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_SQL,
                 _("Database error in %s: %s"), sqlite3_db_filename (db, "main"),
                 sqlite3_errmsg (db));
  return FALSE;
}

/* Runs @sql over @db calling @row for each result row. */
static gboolean
for_each_row (sqlite3     *db,
              const char  *sql,
              void       (*row_func) (sqlite3_stmt *stmt, gpointer data),
              gpointer     data,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return sql_fail (db, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row_func (stmt, data);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_fail (db, error);
  return TRUE;
}

static char *
manifest_get (sqlite3    *db,
              const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM manifest WHERE key = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return value;
}

static void
read_count (sqlite3_stmt *stmt,
            gpointer      data)
{
  ChcPackageInfo *info = data;
  const char *key = (const char *) sqlite3_column_text (stmt, 0);
  const char *text = (const char *) sqlite3_column_text (stmt, 1);
  guint64 n = 0;

  /* Only the tracked tables, with a count that is a number. */
  if (key == NULL || text == NULL || !g_str_has_prefix (key, "rows.") ||
      chc_tracked_table_find (key + strlen ("rows.")) == NULL ||
      !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &n, NULL))
    return;
  g_hash_table_insert (info->counts, g_strdup (key + strlen ("rows.")), GUINT_TO_POINTER ((guint) n));
}

/* ---- the image, opened as untrusted input ------------------------------ */

/* Images larger than this are copied to a private temporary file and read
 * from there, so that a merge holds a bounded part of them in memory. */
#define LARGE_IMAGE CHC_PACKAGE_LARGE_IMAGE
#define IMAGE_CHUNK CHC_PACKAGE_IMAGE_CHUNK
/* No package is larger (a city's whole database is about 450 MB). */
/* Bounds of a value and of a statement in a package. */
#define MAX_PACKAGE_VALUE 1000000

/* What a package's connection carries along: the budget of its queries
 * (SQLite's progress handler is called every 1000 instructions) and the
 * temporary copy of a large image, removed when the connection closes. */
typedef struct
{
  guint64  calls;
  guint64  limit;
  char    *temp_path;
} PackageGuard;

static void
guard_free (void *data)
{
  PackageGuard *guard = data;

  if (guard->temp_path != NULL)
    g_unlink (guard->temp_path);
  g_free (guard->temp_path);
  g_free (guard);
}

static int
guard_progress (void *data)
{
  PackageGuard *guard = data;

  return ++guard->calls > guard->limit;
}

static void
guard_function (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  sqlite3_result_null (context);
}

/* Everything SQLite can be told not to trust: no views, no triggers, no
 * functions of the schema, no writes to the schema, small values, short
 * statements, and a budget of instructions in proportion to the image. */
static gboolean
harden (sqlite3    *db,
        guint64     image_size,
        const char *temp_path)
{
  PackageGuard *guard = g_new0 (PackageGuard, 1);
  static const struct { int op; int value; } configs[] = {
    { SQLITE_DBCONFIG_DEFENSIVE, 1 },
    { SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0 },
    { SQLITE_DBCONFIG_ENABLE_VIEW, 0 },
    { SQLITE_DBCONFIG_ENABLE_TRIGGER, 0 },
    { SQLITE_DBCONFIG_ENABLE_FKEY, 0 },
    { SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0 },
  };
  static const struct { int id; int value; } limits[] = {
    { SQLITE_LIMIT_LENGTH, MAX_PACKAGE_VALUE },
    { SQLITE_LIMIT_SQL_LENGTH, 10000 },
    { SQLITE_LIMIT_COLUMN, 64 },
    { SQLITE_LIMIT_EXPR_DEPTH, 64 },
    { SQLITE_LIMIT_COMPOUND_SELECT, 4 },
    { SQLITE_LIMIT_VDBE_OP, 25000 },
    { SQLITE_LIMIT_FUNCTION_ARG, 8 },
    { SQLITE_LIMIT_ATTACHED, 0 },
    { SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 64 },
    { SQLITE_LIMIT_VARIABLE_NUMBER, 16 },
    { SQLITE_LIMIT_TRIGGER_DEPTH, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
    if (sqlite3_db_config (db, configs[i].op, configs[i].value, NULL) != SQLITE_OK)
      {
        g_free (guard);
        return FALSE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    sqlite3_limit (db, limits[i].id, limits[i].value);

  /* About 64 instructions per byte of the image: many times what reading
   * every row takes, and a few seconds for a small package. */
  guard->limit = 100000 + image_size / 16;
  guard->temp_path = g_strdup (temp_path);
  if (sqlite3_create_function_v2 (db, "chc_package_guard", 0, SQLITE_UTF8, guard,
                                  guard_function, NULL, NULL, guard_free) != SQLITE_OK)
    return FALSE;   /* guard_free was called */
  sqlite3_progress_handler (db, 1000, guard_progress, guard);
  return sqlite3_exec (db, "PRAGMA cell_size_check = ON; PRAGMA cache_size = -8000;"
                           " PRAGMA mmap_size = 0; PRAGMA temp_store = FILE",
                       NULL, NULL, NULL) == SQLITE_OK;
}

/* The statements of package_schema creating a table, as SQLite keeps
 * them in sqlite_schema. */
static GHashTable *
expected_tables (void)
{
  GHashTable *tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) statements = g_strsplit (package_schema, ";", -1);

  for (guint i = 0; statements[i] != NULL; i++)
    if (g_str_has_prefix (statements[i], "CREATE TABLE "))
      {
        const char *name = statements[i] + strlen ("CREATE TABLE ");
        const char *space = strchr (name, ' ');

        g_hash_table_insert (tables, g_strndup (name, space - name), g_strdup (statements[i]));
      }
  return tables;
}

/* The image holds exactly the tables of package_schema, as written by
 * the export, and nothing else (no view, trigger, index or table of its
 * own); its pages add up to its size. */
static gboolean
image_check (sqlite3     *db,
             guint64      image_size,
             const char  *display,
             GError     **error)
{
  g_autoptr(GHashTable) expected = expected_tables ();
  sqlite3_stmt *stmt = NULL;
  guint n_found = 0;
  gboolean ok = TRUE;
  gint64 page_size, page_count;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM main.sqlite_schema",
                          -1, &stmt, NULL) != SQLITE_OK)
    ok = FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *tbl_name = (const char *) sqlite3_column_text (stmt, 2);
      const char *sql = (const char *) sqlite3_column_text (stmt, 3);
      const char *want = name != NULL ? g_hash_table_lookup (expected, name) : NULL;

      ok = want != NULL && g_strcmp0 (type, "table") == 0 && g_strcmp0 (tbl_name, name) == 0 &&
           g_strcmp0 (sql, want) == 0;
      if (ok)
        {
          g_hash_table_remove (expected, name);
          n_found++;
        }
    }
  if (ok && rc != SQLITE_DONE)
    ok = FALSE;
  sqlite3_finalize (stmt);

  page_size = chc_sqlite_query_int (db, "PRAGMA page_size", NULL);
  page_count = chc_sqlite_query_int (db, "PRAGMA page_count", NULL);
  if (!ok || n_found == 0 || g_hash_table_size (expected) != 0 ||
      page_size < 512 || page_size > 65536 || page_count <= 0 ||
      (guint64) page_size * (guint64) page_count != image_size)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                   _("The package %s is damaged or was not made by CHC Monitor: its content does not have the form of a package. Nothing was changed."),
                   display);
      return FALSE;
    }
  return TRUE;
}

/* Copies a large image to a private temporary file (O_EXCL, mode 0600),
 * checking on the way that it is still the image whose checksum was
 * verified. */
static char *
image_to_temp_file (const char    *contents,
                    gsize          offset,
                    guint64        size,
                    const guint8  *digest,
                    GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *path = NULL;
  guint8 again[32];
  gsize again_len = sizeof again;
  int fd = g_file_open_tmp ("chc-package-XXXXXX.db", &path, error);

  if (fd < 0)
    return NULL;
  for (guint64 done = 0; done < size;)
    {
      gsize n = (gsize) MIN (size - done, IMAGE_CHUNK);
      const char *chunk = contents + offset + done;

      g_checksum_update (checksum, (const guchar *) chunk, n);
      for (gsize written = 0; written < n;)
        {
          gssize w = write (fd, chunk + written, n - written);

          if (w < 0 && errno == EINTR)
            continue;
          if (w <= 0)
            {
              int saved_errno = errno;

              close (fd);
              g_unlink (path);
              g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                           "%s", g_strerror (saved_errno));
              return NULL;
            }
          written += w;
        }
      chc_package_drop_pages (contents, offset + done, offset + done + n);
      done += n;
    }
  close (fd);
  g_checksum_get_digest (checksum, again, &again_len);
  if (memcmp (again, digest, sizeof again) != 0)
    {
      g_unlink (path);
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("the file changed while it was read"));
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* A version number of the manifest: a whole number from 1 on. */
static gboolean
parse_version (const char *text,
               int        *version)
{
  gint64 n = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 1, G_MAXINT, &n, NULL))
    return FALSE;
  *version = (int) n;
  return TRUE;
}

/* Opens a package: checks the header and the checksum, then opens the
 * image read-only in memory and checks its manifest. */
static sqlite3 *
package_open (const char      *path,
              ChcPackageInfo **info_out,
              GError         **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GMappedFile) mapped = NULL;
  const char *contents;
  g_autoptr(GError) local_error = NULL;
  g_auto(ChcPackageHeader) header = { 0 };
  g_autoptr(ChcPackageInfo) info = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *format = NULL;
  gsize length = 0;
  guint64 image_size = 0;
  gsize image_offset = 0;
  const guint8 *digest = NULL;
  sqlite3 *db = NULL;
  unsigned char *image;
  int format_version = 0;
  int schema_version = 0;
  int rc;

  /* Mapped, not read: the image is copied once, into SQLite's memory. */
  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_NOT_PACKAGE,
                   _("Cannot read the package %s: %s"), display, local_error->message);
      return NULL;
    }
  contents = g_mapped_file_get_contents (mapped);
  length = g_mapped_file_get_length (mapped);
  if (contents == NULL)
    contents = "";

  /* Magic, length, signature and checksum: before SQLite reads a byte
   * (chc-package-keys.c).  The image follows the header. */
  if (!chc_package_header_read ((const guint8 *) contents, length, display, &header, error))
    return NULL;
  image_size = header.image_size;
  image_offset = header.image_offset;
  digest = (const guint8 *) contents + 8;

  if (image_size > LARGE_IMAGE)
    {
      /* Large: read from a private copy, a few pages at a time. */
      g_autoptr(GError) copy_error = NULL;
      g_autofree char *temp_path = image_to_temp_file (contents, image_offset, image_size, digest, &copy_error);

      if (temp_path == NULL)
        {
          g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                       _("The package %s cannot be read: %s"), display, copy_error->message);
          return NULL;
        }
      rc = sqlite3_open_v2 (temp_path, &db, SQLITE_OPEN_READONLY, NULL);
      if (rc == SQLITE_OK && !harden (db, image_size, temp_path))
        rc = SQLITE_ERROR;
      else if (rc != SQLITE_OK)
        g_unlink (temp_path);
    }
  else
    {
      /* The image is handed to SQLite, which frees it with sqlite3_free. */
      image = sqlite3_malloc64 (image_size > 0 ? image_size : 1);
      if (image == NULL)
        {
          g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                       _("Not enough memory to read %s."), display);
          return NULL;
        }
      memcpy (image, contents + image_offset, image_size);
      rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL);
      if (rc == SQLITE_OK && !harden (db, image_size, NULL))
        rc = SQLITE_ERROR;
      if (rc == SQLITE_OK)
        rc = sqlite3_deserialize (db, "main", image, image_size, image_size,
                                  SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
      else
        sqlite3_free (image);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                   _("The package %s cannot be read: %s"), display, sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }

  /* Nothing is asked of the image before its form is known. */
  if (!image_check (db, image_size, display, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  if (chc_sqlite_query_int (db, "PRAGMA application_id", NULL) != CHC_PACKAGE_APPLICATION_ID)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_NOT_PACKAGE,
                   _("%s is not a CHC Monitor exchange package."), display);
      sqlite3_close (db);
      return NULL;
    }

  format = manifest_get (db, "format_version");
  schema = manifest_get (db, "schema_version");
  if (format == NULL || schema == NULL)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                   _("The package %s has no manifest."), display);
      sqlite3_close (db);
      return NULL;
    }
  if (!parse_version (format, &format_version) || !parse_version (schema, &schema_version))
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                   _("The package %s is damaged: its manifest has no valid version."), display);
      sqlite3_close (db);
      return NULL;
    }
  if (format_version > CHC_PACKAGE_FORMAT_VERSION ||
      schema_version > CHC_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_TOO_NEW,
                   _("The package %s was made by a newer version of CHC Monitor (package format %s, schema %s; this version reads up to %d and %d). Please update the application."),
                   display, format, schema, CHC_PACKAGE_FORMAT_VERSION, CHC_DATABASE_SCHEMA_VERSION);
      sqlite3_close (db);
      return NULL;
    }

  info = g_new0 (ChcPackageInfo, 1);
  info->format_version = format_version;
  info->schema_version = schema_version;
  info->source_installation = manifest_get (db, "source_installation");
  info->source_label = manifest_get (db, "source_label");
  info->created_at = manifest_get (db, "created_at");
  info->sha256 = g_strdup (header.sha256);
  info->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  info->source_centre = manifest_get (db, "source_centre");
  info->public_key = g_strdup (header.public_key);
  info->fingerprint = g_strdup (header.fingerprint);
  if (info->source_centre == NULL)
    info->source_centre = g_strdup ("");
  /* A signed package's signature cut off leaves a format-1 header. */
  if (header.format < 2 && info->format_version >= 2)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_SIGNATURE,
                   _("The package %s was altered: its signature was removed. Ask for it to be sent again."),
                   display);
      sqlite3_close (db);
      return NULL;
    }
  if (info->source_installation == NULL)
    info->source_installation = g_strdup ("");
  if (info->source_label == NULL)
    info->source_label = g_strdup ("");
  if (info->created_at == NULL)
    info->created_at = g_strdup ("");
  if (!for_each_row (db, "SELECT key, value FROM manifest WHERE key LIKE 'rows.%'",
                     read_count, info, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  {
    g_autofree char *n = manifest_get (db, "n_rows");
    guint64 n_rows = 0;

    if (n != NULL)
      g_ascii_string_to_unsigned (n, 10, 0, G_MAXUINT, &n_rows, NULL);
    info->n_rows = (guint) n_rows;
  }

  if (info_out != NULL)
    *info_out = g_steal_pointer (&info);
  return db;
}

ChcPackageInfo *
chc_package_read_info (const char  *path,
                       GError     **error)
{
  ChcPackageInfo *info = NULL;
  sqlite3 *db = package_open (path, &info, error);

  if (db == NULL)
    return NULL;
  sqlite3_close (db);
  return info;
}

/* ---- reading a package's rows, one at a time ------------------------- */

/* Most entries of a version vector or field stamps a row may carry. */
#define MAX_ROW_ENTRIES 1000

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *values;    /* the fields of a row's data */
  sqlite3_stmt *vv;
  sqlite3_stmt *stamps;
  int           schema;    /* the schema version that wrote the package */
} PackageReader;

static void
package_reader_clear (PackageReader *r)
{
  g_clear_pointer (&r->values, sqlite3_finalize);
  g_clear_pointer (&r->vv, sqlite3_finalize);
  g_clear_pointer (&r->stamps, sqlite3_finalize);
}

static gboolean
package_reader_init (PackageReader  *r,
                     sqlite3        *db,
                     GError        **error)
{
  g_autofree char *schema = manifest_get (db, "schema_version");

  r->db = db;
  /* package_open() checked it; a package says which fields it carries. */
  if (schema == NULL || !parse_version (schema, &r->schema))
    r->schema = CHC_DATABASE_SCHEMA_VERSION;
  if (sqlite3_prepare_v2 (db, "SELECT key, type, atom FROM json_each (?1)", -1, &r->values, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT installation, tick FROM pkg_vv WHERE tbl = ?1 AND row_key = ?2",
                          -1, &r->vv, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT field, installation, tick FROM pkg_stamp WHERE tbl = ?1 AND row_key = ?2",
                          -1, &r->stamps, NULL) != SQLITE_OK)
    return sql_fail (db, error);
  return TRUE;
}

/* The rows of the package, table by table. */
#define PKG_ROW_COLUMNS "tbl, row_key, uid, created_by, created_tick, changed_by, changed_at, deleted, data"

/* A package row refused: the whole package is. */
static gboolean
row_refused (GError     **error,
             const char  *table,
             const char  *key,
             const char  *field,
             const char  *reason)
{
  g_autofree char *shown_key = NULL;

  /* A key is shown as the package has it, within reason. */
  if (key == NULL || !g_utf8_validate (key, -1, NULL))
    shown_key = g_strdup ("?");
  else if (g_utf8_strlen (key, -1) > 80)
    shown_key = g_strconcat (g_utf8_substring (key, 0, 80), "…", NULL);
  else
    shown_key = g_strdup (key);

  if (field != NULL)
    g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_INVALID,
                 _("The package is refused: %s, row “%s”, %s: %s Nothing was changed."),
                 chc_database_table_label (table), shown_key,
                 chc_database_field_label (table, field), reason);
  else
    g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_INVALID,
                 _("The package is refused: %s, row “%s”: %s Nothing was changed."),
                 chc_database_table_label (table), shown_key, reason);
  return FALSE;
}

/* A text column that is text, valid UTF-8, without a NUL inside, of at
 * most @max bytes. */
static const char *
column_text_checked (sqlite3_stmt *stmt,
                     int           column,
                     int           max)
{
  const char *text;

  if (sqlite3_column_type (stmt, column) != SQLITE_TEXT)
    return NULL;
  text = (const char *) sqlite3_column_text (stmt, column);
  if (text == NULL || sqlite3_column_bytes (stmt, column) > max ||
      (int) strlen (text) != sqlite3_column_bytes (stmt, column) ||
      !g_utf8_validate (text, -1, NULL))
    return NULL;
  return text;
}

/* The row key the values of a row give (as chc_tracked_key_sql). */
static char *
row_key_of_values (Row *row)
{
  g_autoptr(GString) key = g_string_new (NULL);
  gboolean first = TRUE;

  for (guint i = 0; row->table->fields[i].name != NULL; i++)
    {
      if (!row->table->fields[i].key)
        continue;
      if (!first)
        g_string_append_c (key, '|');
      first = FALSE;
      if (row->values[i].text != NULL)
        g_string_append (key, row->values[i].text);
    }
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/* A deleted row's key: one valid part per key field. */
static gboolean
tombstone_key_valid (Row   *row,
                     char **reason)
{
  g_auto(GStrv) parts = g_strsplit (row->key, "|", -1);
  guint k = 0;
  guint n_keys = 0;

  for (guint i = 0; row->table->fields[i].name != NULL; i++)
    n_keys += row->table->fields[i].key ? 1 : 0;
  for (guint i = 0; row->table->fields[i].name != NULL; i++)
    {
      const ChcTrackedField *f = &row->table->fields[i];
      ChcRowValue text = { CHC_ROW_VALUE_TEXT, NULL };
      ChcRowValue number = { CHC_ROW_VALUE_INTEGER, NULL };

      if (!f->key)
        continue;
      if (parts[k] == NULL)
        break;
      text.text = number.text = parts[k++];
      /* Whole numbers in keys (a year) are written as text. */
      if (chc_row_rules_check_value (row->table->table, f->name, &text, reason))
        continue;
      g_clear_pointer (reason, g_free);
      if (!chc_row_rules_check_value (row->table->table, f->name, &number, reason))
        return FALSE;
    }
  if (k == 0 || k != n_keys || parts[k] != NULL)
    {
      g_clear_pointer (reason, g_free);
      *reason = g_strdup (_("the key does not have the form of this table's keys."));
      return FALSE;
    }
  return TRUE;
}

/* Reads the data of a live row: a JSON object with every field of its
 * table once, of a plain type, then checked by the rules of the table. */
static gboolean
read_row_values (PackageReader  *r,
                 Row            *row,
                 const char     *data,
                 GError        **error)
{
  guint n = chc_tracked_table_n_fields (row->table);
  g_autofree gboolean *seen = g_new0 (gboolean, n);
  g_autofree const char **fields = g_new0 (const char *, n + 1);
  g_autofree ChcRowValue *values = g_new0 (ChcRowValue, n);
  g_autofree char *reason = NULL;
  g_autofree char *derived = NULL;
  const char *bad_field = NULL;
  int rc;

  if (data == NULL || !g_str_has_prefix (data, "{"))
    return row_refused (error, row->table->table, row->key, NULL,
                        _("its values are not a set of named fields."));

  sqlite3_reset (r->values);
  sqlite3_bind_text (r->values, 1, data, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (r->values)) == SQLITE_ROW)
    {
      const char *field = (const char *) sqlite3_column_text (r->values, 0);
      const char *type = (const char *) sqlite3_column_text (r->values, 1);
      int i;

      if (field == NULL || type == NULL)
        {
          sqlite3_reset (r->values);
          return row_refused (error, row->table->table, row->key, NULL,
                              _("its values are not a set of named fields."));
        }
      i = field_index (row->table, field);
      if (i < 0 || seen[i])
        {
          g_autofree char *shown = g_utf8_make_valid (field, MIN (strlen (field), 64));

          sqlite3_reset (r->values);
          return row_refused (error, row->table->table, row->key, shown,
                              i < 0 ? _("this table has no such field.")
                                    : _("the field is given twice."));
        }
      seen[i] = TRUE;
      if (g_str_equal (type, "null"))
        row->values[i].type = SQLITE_NULL;
      else if (g_str_equal (type, "integer"))
        row->values[i].type = SQLITE_INTEGER;
      else if (g_str_equal (type, "real"))
        row->values[i].type = SQLITE_FLOAT;
      else if (g_str_equal (type, "text"))
        row->values[i].type = SQLITE_TEXT;
      else
        {
          sqlite3_reset (r->values);
          return row_refused (error, row->table->table, row->key, row->table->fields[i].name,
                              _("the value is not a number, a text or empty."));
        }
      g_free (row->values[i].text);
      row->values[i].text = row->values[i].type == SQLITE_NULL ? NULL
        : g_strdup ((const char *) sqlite3_column_text (r->values, 2));
      if (row->values[i].type != SQLITE_NULL && row->values[i].text == NULL)
        row->values[i].type = SQLITE_NULL;
    }
  sqlite3_reset (r->values);
  if (rc != SQLITE_DONE)
    return row_refused (error, row->table->table, row->key, NULL,
                        _("its values are not a set of named fields."));

  for (guint i = 0; i < n; i++)
    {
      fields[i] = row->table->fields[i].name;
      /* A field added after the package's schema (a package of an older
       * version): not carried, so not changed by it. */
      if (!seen[i] && chc_tracked_field_since (row->table, &row->table->fields[i]) > r->schema)
        {
          row->values[i].type = SQLITE_NULL;
          row->values[i].absent = TRUE;
          seen[i] = TRUE;
        }
      if (!seen[i])
        return row_refused (error, row->table->table, row->key, fields[i],
                            _("the field is missing."));
      values[i].type = row->values[i].type == SQLITE_INTEGER ? CHC_ROW_VALUE_INTEGER
                     : row->values[i].type == SQLITE_FLOAT ? CHC_ROW_VALUE_REAL
                     : row->values[i].type == SQLITE_TEXT ? CHC_ROW_VALUE_TEXT
                     : CHC_ROW_VALUE_NULL;
      values[i].text = row->values[i].text;
    }
  if (!chc_row_rules_check_row (row->table->table, fields, values, &bad_field, &reason))
    return row_refused (error, row->table->table, row->key, bad_field, reason);

  /* The key is the one its values give: a row cannot speak for another. */
  derived = row_key_of_values (row);
  if (!g_str_equal (derived, row->key))
    return row_refused (error, row->table->table, row->key, NULL,
                        _("its key does not match its values."));
  return TRUE;
}

/* An installation id as packages carry them. */
static gboolean
installation_valid (const char *id)
{
  return id != NULL && chc_row_rules_is_code (id);
}

static gboolean
read_row_versions (PackageReader  *r,
                   Row            *row,
                   GError        **error)
{
  guint n = 0;
  int rc;

  sqlite3_reset (r->vv);
  sqlite3_bind_text (r->vv, 1, row->table->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (r->vv, 2, row->key, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (r->vv)) == SQLITE_ROW)
    {
      const char *id = column_text_checked (r->vv, 0, 256);

      if (!installation_valid (id) || sqlite3_column_type (r->vv, 1) != SQLITE_INTEGER ||
          sqlite3_column_int64 (r->vv, 1) < 0 || ++n > MAX_ROW_ENTRIES)
        {
          sqlite3_reset (r->vv);
          return row_refused (error, row->table->table, row->key, NULL,
                              _("its version is not valid."));
        }
      chc_vv_set (row->vv, id, sqlite3_column_int64 (r->vv, 1));
    }
  sqlite3_reset (r->vv);
  if (rc != SQLITE_DONE)
    return sql_fail (r->db, error);

  n = 0;
  sqlite3_reset (r->stamps);
  sqlite3_bind_text (r->stamps, 1, row->table->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (r->stamps, 2, row->key, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (r->stamps)) == SQLITE_ROW)
    {
      const char *field = column_text_checked (r->stamps, 0, 256);
      const char *id = column_text_checked (r->stamps, 1, 256);
      int i = field != NULL ? field_index (row->table, field) : -1;

      if (i < 0 || !installation_valid (id) ||
          sqlite3_column_type (r->stamps, 2) != SQLITE_INTEGER ||
          sqlite3_column_int64 (r->stamps, 2) < 0 || ++n > MAX_ROW_ENTRIES)
        {
          sqlite3_reset (r->stamps);
          return row_refused (error, row->table->table, row->key, NULL,
                              _("its version is not valid."));
        }
      /* The field's name from the table, which outlives the row. */
      row_set_stamp (row, row->table->fields[i].name, id, sqlite3_column_int64 (r->stamps, 2));
    }
  sqlite3_reset (r->stamps);
  if (rc != SQLITE_DONE)
    return sql_fail (r->db, error);
  return TRUE;
}

/* Reads and checks the row at the current result of a statement
 * selecting PKG_ROW_COLUMNS.  Returns the row added to @rows; NULL and
 * @error when the row is refused; NULL without @error for a deleted row
 * that can be skipped (a key with an empty part, as older versions wrote
 * for a milestone deleted with its project: it matches no row). */
static Row *
read_package_row (PackageReader  *r,
                  sqlite3_stmt   *stmt,
                  Rows           *rows,
                  GError        **error)
{
  const char *table = column_text_checked (stmt, 0, 64);
  const char *key = column_text_checked (stmt, 1, 1024);
  const char *uid = column_text_checked (stmt, 2, 256);
  const char *created_by = column_text_checked (stmt, 3, 256);
  const char *changed_by = column_text_checked (stmt, 5, 256);
  const char *changed_at = column_text_checked (stmt, 6, 64);
  const ChcTrackedTable *t = table != NULL ? chc_tracked_table_find (table) : NULL;
  g_autofree char *reason = NULL;
  gint64 deleted;
  Row *row;

  if (t == NULL)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_INVALID,
                   _("The package is refused: it holds rows of an unknown table. Nothing was changed."));
      return NULL;
    }
  if (key == NULL || *key == '\0')
    {
      row_refused (error, table, NULL, NULL, _("the row has no key."));
      return NULL;
    }
  if (uid == NULL || !installation_valid (created_by) || !installation_valid (changed_by) ||
      changed_at == NULL || sqlite3_column_type (stmt, 4) != SQLITE_INTEGER ||
      sqlite3_column_int64 (stmt, 4) < 0 || sqlite3_column_type (stmt, 7) != SQLITE_INTEGER)
    {
      row_refused (error, table, key, NULL, _("its version is not valid."));
      return NULL;
    }
  deleted = sqlite3_column_int64 (stmt, 7);
  if (deleted != 0 && deleted != 1)
    {
      row_refused (error, table, key, NULL, _("its version is not valid."));
      return NULL;
    }

  row = rows_get (rows, table, key);
  row_set_meta (row, stmt, 2);
  row->deleted = deleted == 1;
  row->has_values = !row->deleted;

  if (row->deleted)
    {
      g_auto(GStrv) parts = g_strsplit (key, "|", -1);

      if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
        {
          row_refused (error, table, key, NULL, _("a deleted row carries values."));
          return NULL;
        }
      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] == '\0')
          return NULL;
      if (!tombstone_key_valid (row, &reason))
        {
          row_refused (error, table, key, NULL, reason);
          return NULL;
        }
    }
  else
    {
      const char *data = column_text_checked (stmt, 8, MAX_PACKAGE_VALUE);

      if (!read_row_values (r, row, data, error))
        return NULL;
    }
  if (!read_row_versions (r, row, error))
    return NULL;
  return row;
}

/* ---- reading this database's rows ------------------------------------- */


typedef struct
{
  gint64  from_tick;
  char   *installation;
} Epoch;

static void
epoch_free (gpointer data)
{
  Epoch *e = data;

  g_free (e->installation);
  g_free (e);
}

static void
read_epoch (sqlite3_stmt *stmt,
            gpointer      data)
{
  Epoch *e = g_new0 (Epoch, 1);

  e->from_tick = sqlite3_column_int64 (stmt, 0);
  e->installation = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  g_ptr_array_add (data, e);
}

static const char *
epoch_installation (GPtrArray *epochs,
                    gint64     tick)
{
  const char *id = "";

  /* Before the first epoch (tick 0): the first installation. */
  if (epochs->len > 0)
    id = ((Epoch *) g_ptr_array_index (epochs, 0))->installation;
  for (guint i = 0; i < epochs->len; i++)
    {
      Epoch *e = g_ptr_array_index (epochs, i);

      if (e->from_tick > tick)
        break;
      id = e->installation;
    }
  return id;
}

/* A row written in bulk was created by the installation of its tick. */
static void
row_set_bulk_creator (Row        *row,
                      GPtrArray  *epochs,
                      gint64      created_tick)
{
  g_free (row->created_by);
  row->created_by = g_strdup (epoch_installation (epochs, created_tick));
  row->created_tick = created_tick;
  row->tick = MAX (row->tick, created_tick);
}

/* Reads rows of this database one by one: by key (for a merge) or by a
 * scan (for an export), never the whole database into memory. */
typedef struct
{
  sqlite3      *db;
  GPtrArray    *epochs;     /* Epoch, by from_tick */
  GHashTable   *lookups;    /* table → sqlite3_stmt finding a row by its key */
  sqlite3_stmt *tombstone;
  sqlite3_stmt *vv;
  sqlite3_stmt *stamps;
} LocalReader;

static void
local_reader_clear (LocalReader *r)
{
  g_clear_pointer (&r->epochs, g_ptr_array_unref);
  g_clear_pointer (&r->lookups, g_hash_table_unref);
  g_clear_pointer (&r->tombstone, sqlite3_finalize);
  g_clear_pointer (&r->vv, sqlite3_finalize);
  g_clear_pointer (&r->stamps, sqlite3_finalize);
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static gboolean
local_reader_init (LocalReader  *r,
                   ChcDatabase  *database,
                   GError      **error)
{
  r->db = chc_database_get_handle (database);
  r->epochs = g_ptr_array_new_with_free_func (epoch_free);
  r->lookups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_stmt);

  if (!for_each_row (r->db, "SELECT from_tick, installation FROM main.epoch ORDER BY from_tick",
                     read_epoch, r->epochs, error))
    return FALSE;
  if (sqlite3_prepare_v2 (r->db, "SELECT uid, created_by, created_tick, changed_by, changed_at, tick"
                                 " FROM main.row_version WHERE tbl = ?1 AND row_key = ?2 AND deleted = 1",
                          -1, &r->tombstone, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (r->db, "SELECT j.key, j.value FROM main.row_version rv, json_each (rv.vv) j"
                                 " WHERE rv.tbl = ?1 AND rv.row_key = ?2",
                          -1, &r->vv, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (r->db, "SELECT ?1, ?2, field, installation, tick FROM main.field_stamp"
                                 " WHERE tbl = ?1 AND row_key = ?2",
                          -1, &r->stamps, NULL) != SQLITE_OK)
    return sql_fail (r->db, error);
  return TRUE;
}

/* The rows of @table matching @where (over R): their key, values and
 * created_tick, then their version (NULL when they have none):
 *   0 row_key, 1…n values, n+1 created_tick, n+2 uid, n+3 created_by,
 *   n+4 created_tick, n+5 changed_by, n+6 changed_at, n+7 tick, n+8 deleted */
static char *
local_select_sql (const ChcTrackedTable *table,
                  const char            *where,
                  const char            *outer_where)
{
  g_autoptr(GString) sql = g_string_new ("SELECT k.*, rv.uid, rv.created_by, rv.created_tick,"
                                         " rv.changed_by, rv.changed_at, rv.tick, rv.deleted FROM (SELECT ");
  g_autofree char *key = chc_tracked_key_sql (table, "R");

  g_string_append_printf (sql, "%s AS row_key", key);
  for (guint i = 0; table->fields[i].name != NULL; i++)
    {
      g_autofree char *value = chc_tracked_value_sql (&table->fields[i], "R");
      g_string_append_printf (sql, ", %s AS v%u", value, i);
    }
  g_string_append_printf (sql, ", R.created_tick AS ctick FROM main.%s AS R WHERE %s) AS k"
                               " LEFT JOIN main.row_version rv ON rv.tbl = '%s' AND rv.row_key = k.row_key"
                               " WHERE %s",
                          table->table, where, table->table, outer_where != NULL ? outer_where : "1");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The version vector and field stamps of a row with a version. */
static gboolean
local_read_versions (LocalReader  *r,
                     Row          *row,
                     GError      **error)
{
  sqlite3_stmt *stmts[] = { r->vv, r->stamps };
  int rc = SQLITE_DONE;

  for (guint i = 0; i < G_N_ELEMENTS (stmts); i++)
    {
      sqlite3_reset (stmts[i]);
      sqlite3_bind_text (stmts[i], 1, row->table->table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmts[i], 2, row->key, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmts[i])) == SQLITE_ROW)
        {
          if (i == 0 && sqlite3_column_text (stmts[i], 0) != NULL)
            chc_vv_set (row->vv, (const char *) sqlite3_column_text (stmts[i], 0),
                        sqlite3_column_int64 (stmts[i], 1));
          else if (i == 0)
            continue;
          else
            row_set_stamp (row, (const char *) sqlite3_column_text (stmts[i], 2),
                           (const char *) sqlite3_column_text (stmts[i], 3),
                           sqlite3_column_int64 (stmts[i], 4));
        }
      sqlite3_reset (stmts[i]);
      if (rc != SQLITE_DONE)
        return sql_fail (r->db, error);
    }
  return TRUE;
}

/* Fills @row from a result row of local_select_sql(). */
static gboolean
local_fill_row (LocalReader   *r,
                Row           *row,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  guint n = chc_tracked_table_n_fields (row->table);
  gboolean has_version = sqlite3_column_type (stmt, n + 2) != SQLITE_NULL;

  for (guint i = 0; i < n; i++)
    value_set (&row->values[i], stmt, 1 + i);
  row->has_values = TRUE;
  row->deleted = FALSE;

  if (has_version)
    {
      row_set_meta (row, stmt, n + 2);
      row->tick = sqlite3_column_int64 (stmt, n + 7);
      if (!local_read_versions (r, row, error))
        return FALSE;
      if (sqlite3_column_int (stmt, n + 8) == 0)
        return TRUE;
      /* A tombstone, and the row written again in bulk since. */
    }
  else
    {
      g_free (row->uid);
      row->uid = g_strdup (row->key);
    }

  /* Written in bulk: created by the installation of its tick. */
  row_set_bulk_creator (row, r->epochs, sqlite3_column_int64 (stmt, n + 1));
  g_free (row->changed_by);
  row->changed_by = g_strdup (row->created_by);
  if (chc_vv_get (row->vv, row->created_by) < row->created_tick)
    chc_vv_set (row->vv, row->created_by, row->created_tick);
  return TRUE;
}

/* Binds the key of a row to the named parameters of @stmt: from its
 * values, or from its key ("A|B") for a tombstone. */
static void
bind_key (sqlite3_stmt *stmt,
          Row          *row)
{
  g_auto(GStrv) parts = NULL;
  guint k = 0;
  guint n_keys = 0;

  for (const ChcTrackedField *f = row->table->fields; f->name != NULL; f++)
    n_keys += f->key ? 1 : 0;
  if (!row->has_values)
    parts = g_strsplit (row->key, "|", n_keys);

  for (guint i = 0; row->table->fields[i].name != NULL; i++)
    {
      const ChcTrackedField *f = &row->table->fields[i];
      g_autofree char *param = NULL;
      int index;

      if (!f->key)
        continue;
      param = g_strconcat (":", f->name, NULL);
      index = sqlite3_bind_parameter_index (stmt, param);
      if (row->has_values)
        value_bind (&row->values[i], stmt, index);
      else if (parts[k] != NULL)
        sqlite3_bind_text (stmt, index, parts[k], -1, SQLITE_TRANSIENT);
      k++;
    }
}

/* Finds the local row with the key of @theirs and adds it to @rows (a
 * live row, or a tombstone); NULL with no @error when there is none. */
static Row *
local_lookup (LocalReader  *r,
              Rows         *rows,
              Row          *theirs,
              GError      **error)
{
  const ChcTrackedTable *table = theirs->table;
  sqlite3_stmt *stmt = g_hash_table_lookup (r->lookups, table->table);
  Row *row = NULL;
  int rc;

  if (stmt == NULL)
    {
      g_autofree char *where = chc_tracked_key_where_sql (table);
      g_autofree char *sql = local_select_sql (table, where, NULL);

      if (sqlite3_prepare_v2 (r->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          sql_fail (r->db, error);
          return NULL;
        }
      g_hash_table_insert (r->lookups, (gpointer) table->table, stmt);
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  bind_key (stmt, theirs);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row = rows_get (rows, table->table, theirs->key);
      if (!local_fill_row (r, row, stmt, error))
        row = NULL;
      sqlite3_reset (stmt);
      return row;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sql_fail (r->db, error);
      return NULL;
    }

  sqlite3_reset (r->tombstone);
  sqlite3_bind_text (r->tombstone, 1, table->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (r->tombstone, 2, theirs->key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (r->tombstone);
  if (rc == SQLITE_ROW)
    {
      row = rows_get (rows, table->table, theirs->key);
      row_set_meta (row, r->tombstone, 0);
      row->tick = sqlite3_column_int64 (r->tombstone, 5);
      row->deleted = TRUE;
    }
  sqlite3_reset (r->tombstone);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sql_fail (r->db, error);
      return NULL;
    }
  if (row != NULL && !local_read_versions (r, row, error))
    return NULL;
  return row;
}

/* ---- export ----------------------------------------------------------- */

typedef struct
{
  GHashTable   *codes;   /* the codes of the facilities in scope */
  GString      *ids;     /* their ids, "1,2,3" */
  char         *code;    /* the centre's code */
  sqlite3_stmt *project; /* the facility of a project, live or deleted */
} Scope;

static void
read_scope (sqlite3_stmt *stmt,
            gpointer      data)
{
  Scope *scope = data;

  g_hash_table_add (scope->codes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  g_string_append_printf (scope->ids, "%s%" G_GINT64_FORMAT, scope->ids->len > 0 ? "," : "",
                          (gint64) sqlite3_column_int64 (stmt, 0));
}

/* A centre and every facility under it. */
static gboolean
scope_find (ChcDatabase  *database,
            const char   *centre,
            Scope        *scope,
            char        **label,
            GError      **error)
{
  g_autoptr(ChcFacility) facility = chc_database_find_facility (database, centre, 0, error);
  g_autofree char *sql = NULL;

  if (facility == NULL)
    return FALSE;

  scope->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scope->ids = g_string_new (NULL);
  sql = g_strdup_printf ("WITH RECURSIVE tree (id) AS (SELECT %" G_GINT64_FORMAT
                         " UNION SELECT f.id FROM main.facility f JOIN tree ON f.parent_id = tree.id)"
                         " SELECT id, code FROM main.facility WHERE id IN tree",
                         chc_facility_get_id (facility));
  if (!for_each_row (chc_database_get_handle (database), sql, read_scope, scope, error))
    return FALSE;
  *label = g_strdup (chc_facility_get_name (facility));
  scope->code = g_strdup (chc_facility_get_code (facility));
  return TRUE;
}

static void
scope_clear (Scope *scope)
{
  g_clear_pointer (&scope->codes, g_hash_table_unref);
  g_clear_pointer (&scope->code, g_free);
  g_clear_pointer (&scope->project, sqlite3_finalize);
  if (scope->ids != NULL)
    g_string_free (g_steal_pointer (&scope->ids), TRUE);
}

/* The rows of @table about the facilities in scope, as SQL over R. */
static char *
scope_where (const ChcTrackedTable *table,
             Scope                 *scope)
{
  if (scope->ids == NULL)
    return g_strdup ("1");
  if (g_str_equal (table->table, "facility"))
    return g_strdup_printf ("R.id IN (%s)", scope->ids->str);
  if (g_str_equal (table->table, "milestone"))
    return g_strdup_printf ("R.project_id IN (SELECT id FROM main.project WHERE facility_id IN (%s))",
                            scope->ids->str);
  /* A centre's package carries the commission's data elements (its own
   * figures may use them), never a district's figures. */
  if (g_str_equal (table->table, "data_element"))
    return g_strdup ("1");
  if (g_str_equal (table->table, "district_value") || g_str_equal (table->table, "period_lock"))
    return g_strdup ("0");
  return g_strdup_printf ("R.facility_id IN (%s)", scope->ids->str);
}

/* Whether a deleted row was about a facility in scope: its code is the
 * first part of its key; a project's (or its milestone's) facility is
 * the live project's, else the one its deletion recorded in the audit
 * log.  A row that cannot be placed is not exported for a centre.  A key
 * with an empty part (a milestone deleted with its project, by older
 * versions) matches no row and is never exported. */
static gboolean
scope_has_tombstone (sqlite3  *db,
                     Scope    *scope,
                     Row      *row)
{
  const char *bar = strchr (row->key, '|');
  g_autofree char *first = bar != NULL ? g_strndup (row->key, bar - row->key) : g_strdup (row->key);
  g_auto(GStrv) parts = g_strsplit (row->key, "|", -1);
  g_autofree char *code = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] == '\0')
      return FALSE;
  if (scope->codes == NULL)
    return TRUE;
  if (!g_str_equal (row->table->table, "project") && !g_str_equal (row->table->table, "milestone"))
    return g_hash_table_contains (scope->codes, first);

  if (scope->project == NULL &&
      sqlite3_prepare_v2 (db, "SELECT coalesce ((SELECT f.code FROM main.project p JOIN main.facility f"
                              " ON f.id = p.facility_id WHERE p.uid = ?1),"
                              " (SELECT json_extract (old, '$.facility') FROM main.audit"
                              "  WHERE tbl = 'project' AND row_key = ?1 AND field = '*' AND old IS NOT NULL"
                              "  ORDER BY id DESC LIMIT 1),"
                              " (SELECT json_extract (new, '$.facility') FROM main.audit"
                              "  WHERE tbl = 'project' AND row_key = ?1 AND field = '*' AND new IS NOT NULL"
                              "  ORDER BY id DESC LIMIT 1))", -1, &scope->project, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_reset (scope->project);
  sqlite3_bind_text (scope->project, 1, first, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (scope->project) == SQLITE_ROW)
    code = g_strdup ((const char *) sqlite3_column_text (scope->project, 0));
  sqlite3_reset (scope->project);
  return code != NULL && g_hash_table_contains (scope->codes, code);
}

static gboolean
exec_or_fail (sqlite3     *db,
              const char  *sql,
              GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_INVALID,
                   _("Cannot write the package: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
step_or_fail (sqlite3       *db,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_INVALID,
                   _("Cannot write the package: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *row;
  GHashTable   *live_rows;   /* table → INSERT of its live rows */
  sqlite3_stmt *vv;
  sqlite3_stmt *stamp;
  sqlite3_stmt *manifest;
} Writer;

static void
writer_clear (Writer *w)
{
  sqlite3_finalize (w->row);
  g_clear_pointer (&w->live_rows, g_hash_table_unref);
  sqlite3_finalize (w->vv);
  sqlite3_finalize (w->stamp);
  sqlite3_finalize (w->manifest);
  sqlite3_close (w->db);
}

static gboolean
write_manifest (Writer      *w,
                const char  *key,
                const char  *value,
                GError     **error)
{
  sqlite3_bind_text (w->manifest, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (w->manifest, 2, value != NULL ? value : "", -1, SQLITE_TRANSIENT);
  return step_or_fail (w->db, w->manifest, error);
}

static gboolean
write_row (Writer  *w,
           Row     *row,
           GError **error)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *t = row->table->table;

  sqlite3_stmt *stmt = w->row;

  /* A live row's values as one JSON object (typed: json_each gives them
   * back as integers, reals, text or NULL). */
  if (row->has_values)
    {
      stmt = g_hash_table_lookup (w->live_rows, t);
      if (stmt == NULL)
        {
          g_autoptr(GString) sql = g_string_new ("INSERT INTO pkg_row VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                                                 " json_object (");

          for (guint i = 0; row->table->fields[i].name != NULL; i++)
            g_string_append_printf (sql, "%s'%s', ?%u", i > 0 ? ", " : "",
                                    row->table->fields[i].name, 9 + i);
          g_string_append (sql, "))");
          if (sqlite3_prepare_v2 (w->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
            return exec_or_fail (w->db, "SELECT no_such_thing", error);
          g_hash_table_insert (w->live_rows, (gpointer) t, stmt);
        }
      for (guint i = 0; row->table->fields[i].name != NULL; i++)
        value_bind (&row->values[i], stmt, 9 + i);
    }

  sqlite3_bind_text (stmt, 1, t, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, row->created_by, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, row->created_tick);
  sqlite3_bind_text (stmt, 6, row->changed_by, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, row->changed_at, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, row->deleted ? 1 : 0);
  if (!step_or_fail (w->db, stmt, error))
    return FALSE;

  g_hash_table_iter_init (&iter, row->vv);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_bind_text (w->vv, 1, t, -1, SQLITE_STATIC);
      sqlite3_bind_text (w->vv, 2, row->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (w->vv, 3, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (w->vv, 4, *(gint64 *) value);
      if (!step_or_fail (w->db, w->vv, error))
        return FALSE;
    }

  if (row->stamps == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, row->stamps);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ChcStamp *stamp = value;

      sqlite3_bind_text (w->stamp, 1, t, -1, SQLITE_STATIC);
      sqlite3_bind_text (w->stamp, 2, row->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (w->stamp, 3, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (w->stamp, 4, stamp->installation, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (w->stamp, 5, stamp->tick);
      if (!step_or_fail (w->db, w->stamp, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
last_package_tick (ChcDatabase *database,
                   const char  *recipient,
                   const char  *scope)
{
  sqlite3_stmt *stmt = chc_database_prepare (database,
                                             "SELECT tick FROM package_log"
                                             " WHERE recipient = ?1 AND scope = ?2", NULL);
  gint64 tick = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, recipient, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, scope, -1, SQLITE_TRANSIENT);
  if (chc_database_step_row (database, stmt, NULL))
    tick = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return tick;
}

/* Records the package made; the first centre's package sent to the
 * commission makes that centre this database's own ("home_centre" in
 * meta): a package from elsewhere may not change its records. */
static gboolean
log_package (ChcDatabase  *database,
             const char   *recipient,
             const char   *scope,
             gint64        tick,
             const char   *sha256,
             const char   *home_centre,
             GError      **error)
{
  g_autofree char *now = chc_database_now_text ();
  g_autofree char *home = chc_database_get_meta (database, "home_centre");
  sqlite3_stmt *stmt;

  if (!chc_database_begin (database, error))
    return FALSE;
  if (home_centre != NULL && (home == NULL || *home == '\0'))
    {
      g_autoptr(ChcFacility) centre = chc_database_find_facility (database, home_centre, 0, NULL);

      if (centre != NULL &&
          !chc_database_set_meta (database, "home_centre", chc_facility_get_code (centre), error))
        goto fail;
    }
  stmt = chc_database_prepare (database,
                               "INSERT INTO package_log (recipient, scope, tick, at, sha256)"
                               " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (recipient, scope)"
                               " DO UPDATE SET tick = excluded.tick, at = excluded.at,"
                               " sha256 = excluded.sha256", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, recipient, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, tick);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, sha256, -1, SQLITE_TRANSIENT);
  if (!chc_database_step_done (database, stmt, error))
    goto fail;
  return chc_database_commit (database, error);

fail:
  chc_database_rollback (database);
  return FALSE;
}

/* A memdb database may grow to a package's largest size (its default
 * limit is 1 GiB). */
static gboolean
raise_memdb_limit (sqlite3 *db)
{
  sqlite3_int64 limit = (sqlite3_int64) CHC_PACKAGE_MAX_IMAGE;

  return sqlite3_file_control (db, "main", SQLITE_FCNTL_SIZE_LIMIT, &limit) == SQLITE_OK;
}

/* Writes @path through a temporary file created in the same folder with
 * O_EXCL and mode 0600 (a name no one else can have made first), synced
 * and renamed into place: the package is 0600 too. */
static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length)
{
  for (gsize written = 0; written < length;)
    {
      gssize n = write (fd, data + written, length - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      written += n;
    }
  return TRUE;
}

/* … @head, then @body, as one file. */
static gboolean
write_private_file (const char    *path,
                    const guint8  *head,
                    gsize          head_length,
                    const guint8  *body,
                    gsize          body_length,
                    GError       **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *temp = g_strconcat (path, ".XXXXXX", NULL);
  int fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  int saved_errno;

  if (fd < 0)
    goto fail_errno;
  if (!write_all (fd, head, head_length) || !write_all (fd, body, body_length))
    goto fail_fd;
  if (fchmod (fd, 0600) != 0 || fsync (fd) != 0)
    goto fail_fd;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail_fd;
    }
  if (g_rename (temp, path) != 0)
    {
      saved_errno = errno;
      g_unlink (temp);
      errno = saved_errno;
      goto fail_errno;
    }
  return TRUE;

fail_fd:
  saved_errno = errno != 0 ? errno : EIO;
  if (fd >= 0)
    close (fd);
  g_unlink (temp);
  errno = saved_errno;
fail_errno:
  saved_errno = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Cannot write the package %s: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

ChcPackageInfo *
chc_package_export (ChcDatabase                   *database,
                    const char                    *path,
                    const ChcPackageExportOptions *options,
                    GError                       **error)
{
  static const ChcPackageExportOptions defaults = { NULL };
  g_autoptr(GHashTable) counts = NULL;
  g_auto(ChcPackageHeader) header = { 0 };
  g_autoptr(GBytes) header_bytes = NULL;
  g_autoptr(ChcFacility) centre = NULL;
  g_autoptr(ChcPackageInfo) info = NULL;
  g_autofree char *label = NULL;
  g_autofree char *now = NULL;
  g_autofree char *scope_label = NULL;
  Writer w = { NULL };
  LocalReader reader = { NULL };
  Scope scope = { NULL };
  const ChcTrackedTable *tables;
  guint n_tables;
  const char *recipient;
  gint64 since = 0;
  gint64 clock;
  guint n_rows = 0;
  sqlite3_int64 image_size = 0;
  unsigned char *image = NULL;
  unsigned char *owned_image = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  recipient = (options->recipient != NULL && *options->recipient) ? options->recipient : "commission";

  /* This installation's signing key, made now if it has none yet (a write
   * of its own, before anything is read). */
  {
    g_autofree char *fingerprint = chc_database_get_package_fingerprint (database, error);

    if (fingerprint == NULL)
      return NULL;
  }

  if (options->centre != NULL &&
      !scope_find (database, options->centre, &scope, &label, error))
    goto fail;
  scope_label = g_strdup (label != NULL ? label : "");
  /* The centre the package claims to come from, by code (issue 18). */
  if (options->centre != NULL &&
      (centre = chc_database_find_facility (database, options->centre, 0, error)) == NULL)
    goto fail;
  if (options->since_last)
    since = last_package_tick (database, recipient, scope_label);
  clock = chc_database_get_clock (database);

  if (!local_reader_init (&reader, database, error))
    goto fail;

  /* In SQLite's memdb (private to this connection: no leading "/"): its
   * image is then one block, written out as it is (no copy of a whole
   * database's package of hundreds of megabytes). */
  if (sqlite3_open_v2 ("file:chc-package?vfs=memdb", &w.db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, NULL) != SQLITE_OK ||
      !raise_memdb_limit (w.db) ||
      !exec_or_fail (w.db, package_schema, error) ||
      !exec_or_fail (w.db, "BEGIN", error))
    goto fail;
  w.live_rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_stmt);
  if (sqlite3_prepare_v2 (w.db, "INSERT INTO pkg_row VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL)", -1, &w.row, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (w.db, "INSERT INTO pkg_vv VALUES (?1, ?2, ?3, ?4)", -1, &w.vv, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (w.db, "INSERT INTO pkg_stamp VALUES (?1, ?2, ?3, ?4, ?5)", -1, &w.stamp, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (w.db, "INSERT INTO manifest VALUES (?1, ?2)", -1, &w.manifest, NULL) != SQLITE_OK)
    {
      exec_or_fail (w.db, "SELECT no_such_thing", error);
      goto fail;
    }

  /* Row by row, table by table: live rows, then the deleted ones. */
  counts = g_hash_table_new (g_str_hash, g_str_equal);
  tables = chc_tracked_tables (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *where = scope_where (&tables[t], &scope);
      g_autofree char *since_sql = since > 0
        ? g_strdup_printf ("max (coalesce (rv.tick, 0), coalesce (k.ctick, 0)) > %" G_GINT64_FORMAT, since)
        : NULL;
      g_autofree char *sql = local_select_sql (&tables[t], where, since_sql);
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (sqlite3_prepare_v2 (reader.db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          sql_fail (reader.db, error);
          goto fail;
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          Rows one;
          Row *row;
          gboolean ok;

          rows_init (&one);
          row = rows_get (&one, tables[t].table, (const char *) sqlite3_column_text (stmt, 0));
          ok = local_fill_row (&reader, row, stmt, error) && write_row (&w, row, error);
          rows_clear (&one);
          if (!ok)
            {
              sqlite3_finalize (stmt);
              goto fail;
            }
          n_rows++;
          g_hash_table_insert (counts, (gpointer) tables[t].table,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, tables[t].table)) + 1));
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          sql_fail (reader.db, error);
          goto fail;
        }
    }

  {
    Rows tombstones;
    Rows live;
    sqlite3_stmt *stmt = NULL;
    int rc;
    gboolean ok = TRUE;

    rows_init (&tombstones);
    rows_init (&live);
    if (sqlite3_prepare_v2 (reader.db, "SELECT tbl, row_key, uid, created_by, created_tick, changed_by,"
                                       " changed_at, tick FROM main.row_version WHERE deleted = 1"
                                       " AND (?1 = 0 OR tick > ?1)", -1, &stmt, NULL) != SQLITE_OK)
      ok = sql_fail (reader.db, error);
    else
      sqlite3_bind_int64 (stmt, 1, since);
    while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        Row *row = rows_get (&tombstones, (const char *) sqlite3_column_text (stmt, 0),
                             (const char *) sqlite3_column_text (stmt, 1));
        Row *again;

        if (row == NULL)
          continue;
        row_set_meta (row, stmt, 2);
        row->deleted = TRUE;
        if (!scope_has_tombstone (reader.db, &scope, row))
          continue;
        /* Written again since (in bulk): exported as a live row. */
        again = local_lookup (&reader, &live, row, error);
        if (again == NULL && error != NULL && *error != NULL)
          ok = FALSE;
        else if (again == NULL || !again->has_values)
          {
            ok = local_read_versions (&reader, row, error) && write_row (&w, row, error);
            n_rows++;
            g_hash_table_insert (counts, (gpointer) row->table->table,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, row->table->table)) + 1));
          }
      }
    if (ok && rc != SQLITE_DONE)
      ok = sql_fail (reader.db, error);
    sqlite3_finalize (stmt);
    rows_clear (&tombstones);
    rows_clear (&live);
    if (!ok)
      goto fail;
  }

  now = chc_database_now_text ();
  {
    g_autofree char *schema = g_strdup_printf ("%d", CHC_DATABASE_SCHEMA_VERSION);
    g_autofree char *format = g_strdup_printf ("%d", CHC_PACKAGE_FORMAT_VERSION);
    g_autofree char *n = g_strdup_printf ("%u", n_rows);
    g_autofree char *since_text = g_strdup_printf ("%" G_GINT64_FORMAT, since);
    GHashTableIter iter;
    gpointer key, value;

    if (!write_manifest (&w, "format_version", format, error) ||
        !write_manifest (&w, "schema_version", schema, error) ||
        !write_manifest (&w, "source_installation", chc_database_get_installation_id (database), error) ||
        !write_manifest (&w, "source_label", scope_label, error) ||
        !write_manifest (&w, "source_centre", centre != NULL ? chc_facility_get_code (centre) : "", error) ||
        !write_manifest (&w, "scope_centre", scope.code, error) ||
        !write_manifest (&w, "created_at", now, error) ||
        !write_manifest (&w, "recipient", recipient, error) ||
        !write_manifest (&w, "since_tick", since_text, error) ||
        !write_manifest (&w, "n_rows", n, error))
      goto fail;
    g_hash_table_iter_init (&iter, counts);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_autofree char *name = g_strconcat ("rows.", (const char *) key, NULL);
        g_autofree char *count = g_strdup_printf ("%u", GPOINTER_TO_UINT (value));

        if (!write_manifest (&w, name, count, error))
          goto fail;
      }
  }
  if (!exec_or_fail (w.db, "COMMIT", error) ||
      !exec_or_fail (w.db, "VACUUM", error))
    goto fail;

  image = sqlite3_serialize (w.db, "main", &image_size, SQLITE_SERIALIZE_NOCOPY);
  owned_image = NULL;
  if (image == NULL)
    {
      image = owned_image = sqlite3_serialize (w.db, "main", &image_size, 0);
      if (image == NULL)
        {
          exec_or_fail (w.db, "SELECT no_such_thing", error);
          goto fail;
        }
    }

  /* Signed with this installation's key (chc-package-keys.c). */
  header_bytes = chc_package_header_write (database, image, image_size, &header, error);
  if (header_bytes == NULL ||
      !write_private_file (path, g_bytes_get_data (header_bytes, NULL), g_bytes_get_size (header_bytes),
                           image, image_size, error))
    {
      sqlite3_free (owned_image);
      goto fail;
    }
  sqlite3_free (owned_image);

  info = g_new0 (ChcPackageInfo, 1);
  info->format_version = CHC_PACKAGE_FORMAT_VERSION;
  info->schema_version = CHC_DATABASE_SCHEMA_VERSION;
  info->source_installation = g_strdup (chc_database_get_installation_id (database));
  info->source_label = g_strdup (scope_label);
  info->created_at = g_strdup (now);
  info->sha256 = g_strdup (header.sha256);
  info->source_centre = g_strdup (centre != NULL ? chc_facility_get_code (centre) : "");
  info->public_key = g_strdup (header.public_key);
  info->fingerprint = g_strdup (header.fingerprint);
  info->n_rows = n_rows;
  info->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, counts);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (info->counts, g_strdup (key), value);
  }

  writer_clear (&w);
  local_reader_clear (&reader);
  scope_clear (&scope);

  if (!log_package (database, recipient, scope_label, clock, info->sha256,
                    g_str_equal (recipient, "commission") ? options->centre : NULL, error))
    return NULL;
  return g_steal_pointer (&info);

fail:
  writer_clear (&w);
  local_reader_clear (&reader);
  scope_clear (&scope);
  return NULL;
}

/* ---- merge ------------------------------------------------------------ */

/* A merge reads the package one row at a time (table by table, in
 * dependency order: the live rows, then the deleted ones in reverse
 * order), finds the same row here, works out what to do and, when
 * applying, does it at once.  Only the package's facilities and projects
 * (the registry a row refers to) are held for the whole merge; a preview
 * lists every conflict but only the first MAX_LISTED other changes (it
 * counts them all). */
#define MAX_LISTED 10000

typedef enum
{
  ACTION_UPSERT,     /* write the row's final values, then its versions */
  ACTION_DELETE,
  ACTION_META,       /* versions only */
} ActionKind;

typedef struct
{
  ActionKind  kind;
  Row        *ours;     /* may be NULL (insert) */
  Row        *theirs;
  Value      *values;   /* final values (UPSERT), borrowed from ours/theirs */
  gboolean    insert;   /* the row is new here: take its identity */
  GPtrArray  *taken;    /* field names whose stamp becomes theirs */
  GHashTable *vv;       /* the row's version vector afterwards */
} Action;

static void
action_free (gpointer data)
{
  Action *a = data;

  if (a == NULL)
    return;
  g_free (a->values);
  g_clear_pointer (&a->taken, g_ptr_array_unref);
  g_clear_pointer (&a->vv, g_hash_table_unref);
  g_free (a);
}

typedef enum
{
  MODE_PLAN,     /* fill the plan */
  MODE_COUNT,    /* count what applying would do */
  MODE_APPLY,    /* do it (in the caller's transaction) */
} MergeMode;

/* A facility or project of the package (the rows others refer to). */
typedef struct
{
  char     *type;        /* facility: type; project: kind */
  char     *district;    /* facility: district; project: plan year */
  char     *parent;      /* facility: parent code; project: facility code */
  char     *name;        /* facility: name */
  char     *status;      /* facility: status */
  gboolean  deleted;
} PkgRef;

static void
pkg_ref_free (gpointer data)
{
  PkgRef *ref = data;

  g_free (ref->type);
  g_free (ref->district);
  g_free (ref->parent);
  g_free (ref->name);
  g_free (ref->status);
  g_free (ref);
}

/* Statements of this merge, finalized at its end (they are built from the
 * table descriptions, not literals, so not for the store's cache). */
typedef struct
{
  sqlite3    *db;
  GHashTable *stmts;   /* sql → sqlite3_stmt */
} Statements;

typedef struct
{
  ChcDatabase   *database;
  sqlite3       *pkg;
  MergeMode      mode;
  LocalReader    reader;
  PackageReader  pkg_reader;
  Statements     s;          /* this database's statements */
  GHashTable    *facilities; /* code → PkgRef: the package's facility rows */
  GHashTable    *projects;   /* uid → PkgRef: the package's live projects */
  GHashTable    *names;      /* facility code → name (both owned) */
  GHashTable    *choices;    /* "table\x1fkey\x1ffield" → ChcMergeChoice */
  ChcMergeChoice unresolved_choice;
  ChcMergePlan  *plan;       /* MODE_PLAN: changes are added here */
  char          *scope_centre;  /* the centre the package was made for */
  GHashTable    *scope;         /* codes of its facilities; NULL: everything */
  char          *home_centre;   /* this database's own centre, or NULL */
  GHashTable    *home;          /* codes of its facilities */
  char          *installation;  /* this database's installation id … */
  gint64         clock;         /* … and the last tick of it others may know */
  guint          n_unresolved;
  guint          n_applied;
  guint          n_actions;
  guint          n_listed;
  guint          total;         /* MODE_APPLY: actions to do, for progress */
  ChcMergeProgressFunc progress;
  gpointer       progress_data;
  GError        *failure;       /* a failed write in plan_row */
  GPtrArray     *arrived;       /* MODE_APPLY of a centre's package: the
                                   figures' row keys ("table|key"), issue 15 */
} Merge;

static void
merge_clear (Merge *m)
{
  local_reader_clear (&m->reader);
  package_reader_clear (&m->pkg_reader);
  g_clear_pointer (&m->s.stmts, g_hash_table_unref);
  g_clear_pointer (&m->facilities, g_hash_table_unref);
  g_clear_pointer (&m->projects, g_hash_table_unref);
  g_clear_pointer (&m->names, g_hash_table_unref);
  g_clear_pointer (&m->scope, g_hash_table_unref);
  g_clear_pointer (&m->home, g_hash_table_unref);
  g_clear_pointer (&m->scope_centre, g_free);
  g_clear_pointer (&m->arrived, g_ptr_array_unref);
  g_clear_pointer (&m->home_centre, g_free);
  g_clear_pointer (&m->installation, g_free);
  g_clear_error (&m->failure);
}

/* One statement over this database, prepared once per merge. */
static sqlite3_stmt *
local_stmt (Merge       *m,
            const char  *sql,
            GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (m->s.stmts, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v2 (m->s.db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          sql_fail (m->s.db, error);
          return NULL;
        }
      g_hash_table_insert (m->s.stmts, g_strdup (sql), stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

/* A facility of this database: its type, district and parent code. */
typedef struct
{
  gboolean  found;
  char     *type;
  char     *district;
  char     *parent;
  char     *name;
  char     *status;
} LocalFacility;

static void
local_facility_clear (LocalFacility *f)
{
  g_clear_pointer (&f->type, g_free);
  g_clear_pointer (&f->district, g_free);
  g_clear_pointer (&f->parent, g_free);
  g_clear_pointer (&f->name, g_free);
  g_clear_pointer (&f->status, g_free);
}

static gboolean
local_facility (Merge          *m,
                const char     *code,
                LocalFacility  *out,
                GError        **error)
{
  sqlite3_stmt *stmt = local_stmt (m, "SELECT f.type, d.name, p.code, f.name, f.status FROM main.facility f"
                                      " JOIN main.district d ON d.id = f.district_id"
                                      " LEFT JOIN main.facility p ON p.id = f.parent_id"
                                      " WHERE f.code = ?1", error);
  int rc;

  memset (out, 0, sizeof *out);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->found = TRUE;
      out->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      out->district = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      out->parent = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      out->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      out->status = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sql_fail (m->s.db, error);
  return TRUE;
}

/* The codes of the facilities under @centre here. */
static gboolean
local_children (Merge       *m,
                const char  *centre,
                GHashTable  *codes,
                GError     **error)
{
  sqlite3_stmt *stmt = local_stmt (m, "WITH RECURSIVE tree (id) AS"
                                      " (SELECT id FROM main.facility WHERE code = ?1"
                                      "  UNION SELECT f.id FROM main.facility f JOIN tree ON f.parent_id = tree.id)"
                                      " SELECT code FROM main.facility WHERE id IN tree", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, centre, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return sql_fail (m->s.db, error);
  return TRUE;
}

/* A project of this database by its uid: its facility's code, plan year
 * and kind (NULLs when there is none). */
static gboolean
local_project (Merge       *m,
               const char  *uid,
               char       **facility,
               char       **plan_year,
               char       **kind,
               GError     **error)
{
  sqlite3_stmt *stmt = local_stmt (m, "SELECT f.code, p.plan_year, p.kind FROM main.project p"
                                      " JOIN main.facility f ON f.id = p.facility_id WHERE p.uid = ?1", error);
  int rc;

  *facility = NULL;
  if (plan_year != NULL)
    *plan_year = NULL;
  if (kind != NULL)
    *kind = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *facility = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (plan_year != NULL)
        *plan_year = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (kind != NULL)
        *kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sql_fail (m->s.db, error);
  return TRUE;
}

static const char *
facility_name (Merge      *m,
               const char *code)
{
  LocalFacility local;
  PkgRef *ref;
  const char *name;

  if (code == NULL)
    return NULL;
  name = g_hash_table_lookup (m->names, code);
  if (name != NULL)
    return name;
  ref = m->facilities != NULL ? g_hash_table_lookup (m->facilities, code) : NULL;
  if (ref != NULL && ref->name != NULL)
    {
      g_hash_table_insert (m->names, g_strdup (code), g_strdup (ref->name));
      return ref->name;
    }
  if (!local_facility (m, code, &local, NULL) || !local.found)
    {
      local_facility_clear (&local);
      return NULL;
    }
  g_hash_table_insert (m->names, g_strdup (code), g_steal_pointer (&local.name));
  local_facility_clear (&local);
  return g_hash_table_lookup (m->names, code);
}

/* "徐泾镇社区卫生服务中心 2025-03" and the like. */
static char *
describe (Merge *m,
          Row   *row)
{
  const char *bar = strchr (row->key, '|');
  g_autofree char *first = bar != NULL ? g_strndup (row->key, bar - row->key) : g_strdup (row->key);
  const char *name;

  if (g_str_equal (row->table->table, "project") || g_str_equal (row->table->table, "milestone"))
    {
      PkgRef *project = g_hash_table_lookup (m->projects, first);
      g_autofree char *facility = NULL;
      g_autofree char *year = NULL;
      g_autofree char *kind = NULL;

      if (project != NULL)
        {
          facility = g_strdup (project->parent);
          year = g_strdup (project->district);
          kind = g_strdup (project->type);
        }
      else if (!local_project (m, first, &facility, &year, &kind, NULL) || facility == NULL)
        return g_strdup (row->key);
      name = facility_name (m, facility);
      return g_strdup_printf ("%s %s %s%s%s", name != NULL ? name : facility,
                              year != NULL ? year : "", kind != NULL ? kind : "",
                              bar != NULL ? " " : "", bar != NULL ? bar + 1 : "");
    }

  name = facility_name (m, first);
  if (name == NULL)
    return g_strdup (row->key);
  if (bar == NULL)
    return g_strdup_printf ("%s (%s)", name, first);
  return g_strdup_printf ("%s %s", name, bar + 1);
}

/* A row as text for the preview: "field=value, …" of its non-key fields. */
static char *
row_summary (Row *row)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; row->table->fields[i].name != NULL; i++)
    {
      if (row->table->fields[i].key || row->values[i].text == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s=%s", row->table->fields[i].name, row->values[i].text);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static ChcMergeChoice
choice_for (Merge      *m,
            Row        *row,
            const char *field)
{
  g_autofree char *id = g_strconcat (row->table->table, "\x1f", row->key, "\x1f",
                                     field != NULL ? field : "*", NULL);
  gpointer choice = NULL;

  if (m->choices != NULL &&
      g_hash_table_lookup_extended (m->choices, id, NULL, &choice) &&
      GPOINTER_TO_INT (choice) != CHC_MERGE_CHOICE_NONE)
    return GPOINTER_TO_INT (choice);
  if (m->unresolved_choice != CHC_MERGE_CHOICE_NONE)
    return m->unresolved_choice;
  m->n_unresolved++;
  return CHC_MERGE_CHOICE_NONE;
}

/* Whether @row is a figure locked here: a conflict on it keeps ours. */
static gboolean
row_locked (Merge *m,
            Row   *row)
{
  return chc_database_row_is_locked (m->database, row->table->table, row->key);
}

/* The choice of a conflict: a locked figure keeps ours, whatever was
 * asked for ("take theirs" is not offered). */
static ChcMergeChoice
conflict_choice (Merge      *m,
                 Row        *row,
                 const char *field)
{
  if (row_locked (m, row))
    return CHC_MERGE_CHOICE_OURS;
  return choice_for (m, row, field);
}

/* A resolved conflict goes to the audit log: the value kept, the value
 * rejected, and who chose (the OS user, as every audit row). */
static void
audit_conflict (Merge          *m,
                Row            *row,
                const char     *field,
                const char     *ours,
                const char     *theirs,
                ChcMergeChoice  choice)
{
  g_autofree char *origin = NULL;
  sqlite3_stmt *stmt;

  if (m->mode != MODE_APPLY || m->failure != NULL || choice == CHC_MERGE_CHOICE_NONE)
    return;
  origin = g_strdup_printf ("%s (conflict: kept %s)", chc_database_get_origin (m->database),
                            choice == CHC_MERGE_CHOICE_THEIRS ? "theirs" : "ours");
  stmt = local_stmt (m, "INSERT INTO main.audit (tick, at, os_user, installation, origin, tbl,"
                        " row_key, field, old, new) VALUES (chc_tick (), chc_now (), chc_user (),"
                        " chc_installation (), ?1, ?2, ?3, ?4, ?5, ?6)", &m->failure);
  if (stmt == NULL)
    return;
  /* old: the value rejected; new: the value kept. */
  sqlite3_bind_text (stmt, 1, origin, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->table->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, field != NULL ? field : "*", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, choice == CHC_MERGE_CHOICE_THEIRS ? ours : theirs, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, choice == CHC_MERGE_CHOICE_THEIRS ? theirs : ours, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    sql_fail (m->s.db, &m->failure);
  sqlite3_reset (stmt);
}

static void
add_change (Merge          *m,
            ChcMergeAction  action,
            Row            *row,
            const char     *field,
            const char     *ours,
            const char     *theirs,
            ChcMergeChoice  choice)
{
  g_autofree char *description = NULL;
  g_autoptr(ChcMergeChange) change = NULL;

  if (action != CHC_MERGE_CONFLICT || choice == CHC_MERGE_CHOICE_THEIRS)
    m->n_applied++;
  if (action == CHC_MERGE_CONFLICT)
    audit_conflict (m, row, field, ours, theirs, choice);
  /* Applying works the changes out again, but only counts them. */
  if (m->plan == NULL)
    return;
  /* Every conflict is listed; other changes up to MAX_LISTED. */
  if (action != CHC_MERGE_CONFLICT && m->n_listed >= MAX_LISTED)
    {
      chc_merge_plan_add_unlisted (m->plan, action);
      return;
    }
  if (action != CHC_MERGE_CONFLICT)
    m->n_listed++;

  description = describe (m, row);
  change = chc_merge_change_new (action, row->table->table, row->key, field, ours, theirs, description);
  if (action == CHC_MERGE_CONFLICT)
    {
      chc_merge_change_set_locked (change, row_locked (m, row));
      chc_merge_change_set_choice (change, choice);
    }
  chc_merge_plan_add (m->plan, change);
}

static Action *
new_action (ActionKind  kind,
            Row        *ours,
            Row        *theirs)
{
  Action *a = g_new0 (Action, 1);

  a->kind = kind;
  a->ours = ours;
  a->theirs = theirs;
  a->taken = g_ptr_array_new ();
  a->vv = chc_vv_new ();
  if (ours != NULL)
    chc_vv_merge (a->vv, ours->vv);
  chc_vv_merge (a->vv, theirs->vv);
  return a;
}

/* ---- applying --------------------------------------------------------- */

static char *
upsert_sql (const ChcTrackedTable *table)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GString) updates = g_string_new (NULL);

  for (const ChcTrackedField *f = table->fields; f->name != NULL; f++)
    {
      const char *column = chc_tracked_field_column (f);

      if (columns->len > 0)
        {
          g_string_append (columns, ", ");
          g_string_append (values, ", ");
        }
      g_string_append (columns, column);
      if (f->in_expr != NULL)
        g_string_append (values, f->in_expr);
      else
        g_string_append_printf (values, ":%s", f->name);
      if (!f->key)
        g_string_append_printf (updates, "%s%s = excluded.%s",
                                updates->len > 0 ? ", " : "", column, column);
    }
  return g_strdup_printf ("INSERT INTO main.%s (%s) VALUES (%s) ON CONFLICT (%s) DO UPDATE SET %s",
                          table->table, columns->str, values->str, table->conflict_target,
                          updates->str);
}

static char *
delete_sql (const ChcTrackedTable *table)
{
  g_autofree char *where = chc_tracked_key_where_sql (table);

  return g_strdup_printf ("DELETE FROM main.%s WHERE %s", table->table, where);
}

static sqlite3_stmt *
statement (Statements  *s,
           char        *sql,     /* owned */
           GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (s->stmts, sql);

  if (stmt != NULL)
    {
      g_free (sql);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v2 (s->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_INVALID,
                   _("Cannot apply the package: %s"), sqlite3_errmsg (s->db));
      g_free (sql);
      return NULL;
    }
  g_hash_table_insert (s->stmts, sql, stmt);
  return stmt;
}

static void
bind_values (sqlite3_stmt          *stmt,
             const ChcTrackedTable *table,
             const Value           *values)
{
  for (guint i = 0; table->fields[i].name != NULL; i++)
    {
      g_autofree char *param = g_strconcat (":", table->fields[i].name, NULL);
      int index = sqlite3_bind_parameter_index (stmt, param);

      if (index > 0)
        value_bind (&values[i], stmt, index);
    }
}

static gboolean
run (Statements    *s,
     Merge         *m,
     sqlite3_stmt  *stmt,
     Row           *row,
     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      /* The reason first: describing the row runs other statements on
       * the same connection, which would replace it ("not an error"). */
      g_autofree char *reason = g_strdup (sqlite3_errmsg (s->db));
      g_autofree char *refusal = chc_database_take_lock_refusal (m->database);
      g_autofree char *description = NULL;

      sqlite3_reset (stmt);
      /* A locked figure (issue 15): the whole merge is refused. */
      if (refusal != NULL)
        {
          g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_LOCKED,
                       _("The package was not merged. %s"), refusal);
          return FALSE;
        }
      description = describe (m, row);
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_INVALID,
                   _("Cannot apply the package at %s (%s): %s. Nothing was changed."),
                   description, chc_database_table_label (row->table->table), reason);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
apply_action (Merge       *m,
              Statements  *s,
              Action      *a,
              GError     **error)
{
  const ChcTrackedTable *table = a->theirs->table;
  Row *row = a->theirs;
  sqlite3_stmt *stmt;
  g_autofree char *vv = NULL;

  if (a->kind == ACTION_UPSERT)
    {
      if (g_str_equal (table->table, "facility"))
        {
          /* A town first named in the package is added to its district. */
          stmt = statement (s, g_strdup ("INSERT INTO main.town (district_id, name)"
                                         " SELECT id, :town FROM main.district"
                                         " WHERE name = :district AND :town IS NOT NULL"
                                         " ON CONFLICT DO NOTHING"), error);
          if (stmt == NULL)
            return FALSE;
          bind_values (stmt, table, a->values);
          if (!run (s, m, stmt, row, error))
            return FALSE;
        }
      stmt = statement (s, upsert_sql (table), error);
      if (stmt == NULL)
        return FALSE;
      bind_values (stmt, table, a->values);
      if (!run (s, m, stmt, row, error))
        return FALSE;
      /* A centre's figures arriving are its report submitted (issue 15). */
      if (m->scope_centre != NULL &&
          (g_str_equal (table->table, "signing") || g_str_equal (table->table, "tcm_visits") ||
           g_str_equal (table->table, "element_value")))
        {
          if (m->arrived == NULL)
            m->arrived = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (m->arrived, g_strconcat (table->table, "|", row->key, NULL));
        }
    }
  else if (a->kind == ACTION_DELETE)
    {
      stmt = statement (s, delete_sql (table), error);
      if (stmt == NULL)
        return FALSE;
      bind_values (stmt, table, a->ours->values);
      if (!run (s, m, stmt, row, error))
        return FALSE;
    }

  /* The versions: a new row takes its identity from the package; every
   * row gets the merged vector and, for the fields taken, their stamps. */
  vv = chc_vv_to_json (a->vv);
  if (a->insert)
    {
      stmt = statement (s, g_strdup ("UPDATE main.row_version SET uid = ?3, created_by = ?4,"
                                     " created_tick = ?5, changed_by = ?6, vv = ?7"
                                     " WHERE tbl = ?1 AND row_key = ?2"), error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 3, row->uid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, row->created_by, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, row->created_tick);
      sqlite3_bind_text (stmt, 6, row->changed_by, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, vv, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = statement (s, g_strdup ("UPDATE main.row_version SET vv = ?3,"
                                     " changed_by = CASE WHEN ?4 THEN ?5 ELSE changed_by END"
                                     " WHERE tbl = ?1 AND row_key = ?2"), error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 3, vv, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, a->kind != ACTION_META);
      sqlite3_bind_text (stmt, 5, row->changed_by, -1, SQLITE_STATIC);
    }
  sqlite3_bind_text (stmt, 1, table->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->key, -1, SQLITE_STATIC);
  if (!run (s, m, stmt, row, error))
    return FALSE;

  if (a->insert && row->stamps != NULL)
    {
      GHashTableIter iter;
      gpointer field;

      g_hash_table_iter_init (&iter, row->stamps);
      while (g_hash_table_iter_next (&iter, &field, NULL))
        g_ptr_array_add (a->taken, field);
    }
  for (guint i = 0; i < a->taken->len; i++)
    {
      const char *field = g_ptr_array_index (a->taken, i);
      ChcStamp stamp = row_stamp (row, field);

      stmt = statement (s, g_strdup ("INSERT INTO main.field_stamp (tbl, row_key, field, installation, tick)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (tbl, row_key, field)"
                                     " DO UPDATE SET installation = excluded.installation,"
                                     " tick = excluded.tick"), error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, table->table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, row->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, stamp.installation, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, stamp.tick);
      if (!run (s, m, stmt, row, error))
        return FALSE;
    }
  return TRUE;
}

/* What to do with one row of the package (@ours: the same row here, a
 * tombstone, or NULL); adds its changes to the plan.  NULL: nothing. */
static Action *
plan_row (Merge *m,
          Row   *ours,
          Row   *theirs)
{
  gboolean ours_alive = ours != NULL && ours->has_values;
  gboolean ours_deleted = ours != NULL && !ours->has_values && ours->deleted;
  guint n = chc_tracked_table_n_fields (theirs->table);

  if (theirs->deleted)
    {
      if (!ours_alive)
        {
          if (ours_deleted && !chc_vv_leq (theirs->vv, ours->vv))
            return new_action (ACTION_META, ours, theirs);
          return NULL;
        }
      if (chc_vv_leq (ours->vv, theirs->vv))
        {
          g_autofree char *summary = row_summary (ours);

          add_change (m, CHC_MERGE_DELETE, ours, NULL, summary, NULL, CHC_MERGE_CHOICE_NONE);
          return new_action (ACTION_DELETE, ours, theirs);
        }
      else
        {
          g_autofree char *summary = row_summary (ours);
          ChcMergeChoice choice = conflict_choice (m, theirs, NULL);

          add_change (m, CHC_MERGE_CONFLICT, ours, NULL, summary, _("(deleted)"), choice);
          return new_action (choice == CHC_MERGE_CHOICE_THEIRS ? ACTION_DELETE : ACTION_META,
                             ours, theirs);
        }
    }

  if (!ours_alive)
    {
      g_autofree char *summary = row_summary (theirs);
      Action *a;

      if (ours_deleted && chc_vv_leq (theirs->vv, ours->vv))
        return NULL;
      if (ours_deleted)
        {
          ChcMergeChoice choice = conflict_choice (m, theirs, NULL);

          add_change (m, CHC_MERGE_CONFLICT, theirs, NULL, _("(deleted)"), summary, choice);
          if (choice != CHC_MERGE_CHOICE_THEIRS)
            return new_action (ACTION_META, ours, theirs);
        }
      else
        add_change (m, CHC_MERGE_INSERT, theirs, NULL, NULL, summary, CHC_MERGE_CHOICE_NONE);

      a = new_action (ACTION_UPSERT, ours, theirs);
      a->insert = TRUE;
      a->values = g_memdup2 (theirs->values, n * sizeof (Value));
      return a;
    }

  /* Both alive: field by field. */
  {
    g_autofree Value *values = g_memdup2 (ours->values, n * sizeof (Value));
    g_autoptr(GPtrArray) taken = g_ptr_array_new ();
    g_autoptr(GHashTable) vv = chc_vv_new ();
    gboolean write_values = FALSE;
    gboolean write_meta;
    Action *a;

    chc_vv_merge (vv, ours->vv);
    write_meta = chc_vv_merge (vv, theirs->vv);

    for (guint i = 0; i < n; i++)
      {
        const char *field = theirs->table->fields[i].name;
        ChcStamp so = row_stamp (ours, field);
        ChcStamp st = row_stamp (theirs, field);
        gboolean equal = value_equal (&ours->values[i], &theirs->values[i]);
        ChcFieldDecision d;

        if (theirs->table->fields[i].key || theirs->values[i].absent)
          continue;
        d = chc_merge_decide_field (equal, &so, ours->vv, &st, theirs->vv);
        switch (d)
          {
          case CHC_FIELD_SAME:
            /* The same value reached separately: from now on both sides
             * count it as theirs, so that a later change there is taken. */
            if ((g_strcmp0 (so.installation, st.installation) != 0 || so.tick != st.tick) &&
                !chc_stamp_known (&st, ours->vv))
              {
                g_ptr_array_add (taken, (gpointer) field);
                write_meta = TRUE;
              }
            break;
          case CHC_FIELD_KEEP_OURS:
            break;
          case CHC_FIELD_TAKE_THEIRS:
            add_change (m, CHC_MERGE_UPDATE, ours, field, ours->values[i].text,
                        theirs->values[i].text, CHC_MERGE_CHOICE_NONE);
            values[i] = theirs->values[i];
            g_ptr_array_add (taken, (gpointer) field);
            write_values = TRUE;
            break;
          case CHC_FIELD_CONFLICT:
            {
              ChcMergeChoice choice = conflict_choice (m, ours, field);

              add_change (m, CHC_MERGE_CONFLICT, ours, field, ours->values[i].text,
                          theirs->values[i].text, choice);
              if (choice == CHC_MERGE_CHOICE_THEIRS)
                {
                  values[i] = theirs->values[i];
                  g_ptr_array_add (taken, (gpointer) field);
                  write_values = TRUE;
                }
            }
            break;
          default:
            g_assert_not_reached ();
          }
      }

    if (!write_values && !write_meta)
      return NULL;
    a = new_action (write_values ? ACTION_UPSERT : ACTION_META, ours, theirs);
    a->values = g_steal_pointer (&values);
    g_ptr_array_extend (a->taken, taken, NULL, NULL);
    return a;
  }
}

/* ---- what a package may change ----------------------------------------- */

/* The facility a row is about (owned), or NULL when it cannot be placed
 * (a deleted project or milestone that this database does not have). */
static char *
row_facility (Merge   *m,
              Row     *row,
              GError **error)
{
  const char *t = row->table->table;
  const char *bar = strchr (row->key, '|');
  g_autofree char *first = bar != NULL ? g_strndup (row->key, bar - row->key) : g_strdup (row->key);
  char *facility = NULL;

  if (g_str_equal (t, "facility"))
    return g_steal_pointer (&first);
  if (g_str_equal (t, "project") || g_str_equal (t, "milestone"))
    {
      PkgRef *project = g_hash_table_lookup (m->projects, first);

      if (project != NULL)
        return g_strdup (project->parent);
      if (!local_project (m, first, &facility, NULL, NULL, error))
        return NULL;
      return facility;
    }
  return g_steal_pointer (&first);
}

/* A facility the package refers to exists in the package or here. */
static gboolean
facility_known (Merge       *m,
                const char  *code,
                gboolean    *known,
                GError     **error)
{
  PkgRef *ref = g_hash_table_lookup (m->facilities, code);
  LocalFacility local;

  *known = FALSE;
  if (ref != NULL)
    {
      *known = !ref->deleted;
      return TRUE;
    }
  if (!local_facility (m, code, &local, error))
    return FALSE;
  *known = local.found;
  local_facility_clear (&local);
  return TRUE;
}

static const char *value_text (Row        *row,
                               const char *field);

/* A value of a built-in data element is one of its values (the row rules
 * checked its form; an element of the commission's own is checked by its
 * declaration when it is entered). */
static gboolean
check_element_value (Row     *theirs,
                     GError **error)
{
  ChcElement *element;
  const char *text;
  g_autoptr(GError) local_error = NULL;

  if (!theirs->has_values)
    return TRUE;
  element = chc_elements_find_builtin (value_text (theirs, "element"));
  text = value_text (theirs, "value");
  if (element == NULL || text == NULL)
    return TRUE;
  if (element->family != NULL || element->value_type == CHC_VALUE_TYPE_DATE ||
      (element->level == CHC_ELEMENT_LEVEL_DISTRICT) != g_str_equal (theirs->table->table, "district_value"))
    return row_refused (error, theirs->table->table, theirs->key, NULL,
                        _("this data element is not stored as such a row."));
  if (!chc_element_check_value (element, g_ascii_strtod (text, NULL), &local_error))
    return row_refused (error, theirs->table->table, theirs->key, NULL, local_error->message);
  return TRUE;
}

/* The checks of a row of the package before it is compared: its version
 * must not claim changes of this database it cannot have seen, it must be
 * in the package's scope, and what it refers to must exist. */
static gboolean
check_row (Merge   *m,
           Row     *theirs,
           GError **error)
{
  const char *t = theirs->table->table;
  g_autofree char *facility = NULL;
  gint64 claimed = chc_vv_get (theirs->vv, m->installation);

  /* Forged history: a tick of this installation that no package made
   * here carried (the version would overwrite our change unseen). */
  if (theirs->stamps != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, theirs->stamps);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          ChcStamp *stamp = value;

          if (g_strcmp0 (stamp->installation, m->installation) == 0)
            claimed = MAX (claimed, stamp->tick);
        }
    }
  if (g_strcmp0 (theirs->created_by, m->installation) == 0)
    claimed = MAX (claimed, theirs->created_tick);
  if (claimed > m->clock)
    {
      g_autofree char *claimed_text = g_strdup_printf ("%" G_GINT64_FORMAT, claimed);
      g_autofree char *known_text = g_strdup_printf ("%" G_GINT64_FORMAT, m->clock);
      g_autofree char *reason =
        g_strdup_printf (_("its version claims to know a change made in this database (number %s) that no package from this database carried (the last one carried changes up to %s)."),
                         claimed_text, known_text);
      return row_refused (error, t, theirs->key, NULL, reason);
    }

  /* The commission's data elements travel in every package; a district's
   * figures never in a centre's. */
  if (g_str_equal (t, "data_element"))
    return TRUE;
  if (g_str_equal (t, "period_lock"))
    return m->scope == NULL ? TRUE
                            : row_refused (error, t, theirs->key, NULL,
                                           _("a centre's package cannot lock or unlock a district's period."));
  if (g_str_equal (t, "district_value"))
    {
      if (m->scope != NULL)
        return row_refused (error, t, theirs->key, NULL,
                            _("a centre's package carries no figures of a whole district."));
      return check_element_value (theirs, error);
    }
  if (g_str_equal (t, "element_value") && !check_element_value (theirs, error))
    return FALSE;

  facility = row_facility (m, theirs, error);
  if (error != NULL && *error != NULL)
    return FALSE;

  /* A centre's package: that centre and its facilities only. */
  if (m->scope != NULL)
    {
      if (facility == NULL && theirs->has_values)
        return row_refused (error, t, theirs->key, NULL,
                            _("the project it belongs to is neither in the package nor here."));
      if (facility != NULL && !g_hash_table_contains (m->scope, facility))
        {
          g_autofree char *reason =
            g_strdup_printf (_("the package was made for the centre %s, and this row is about another facility (%s)."),
                             m->scope_centre, facility);
          return row_refused (error, t, theirs->key, NULL, reason);
        }
    }

  /* What a live row refers to exists. */
  if (theirs->has_values && !g_str_equal (t, "facility"))
    {
      gboolean known = FALSE;

      if (g_str_equal (t, "milestone"))
        known = facility != NULL;
      else if (!facility_known (m, facility, &known, error))
        return FALSE;
      if (!known)
        return row_refused (error, t, theirs->key, NULL,
                            g_str_equal (t, "milestone")
                            ? _("the project it belongs to is neither in the package nor here.")
                            : _("its facility is neither in the package nor here."));
    }
  return TRUE;
}

static const char *
value_text (Row        *row,
            const char *field)
{
  int i = field_index (row->table, field);

  return i >= 0 ? row->values[i].text : NULL;
}

static gint64
value_integer (Row        *row,
               const char *field)
{
  const char *text = value_text (row, field);
  gint64 n = 0;

  if (text != NULL)
    g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &n, NULL);
  return n;
}

/* The rules of a live row that depend on its facility and on today, as
 * entry and import apply them (core/chc-tcm.c): a hall at a centre or
 * branch, a corner at a station or village clinic, no date in the
 * future, a demonstration station is a station or village clinic, … */
static gboolean
check_facility_rules (Merge   *m,
                      Row     *theirs,
                      GError **error)
{
  const char *t = theirs->table->table;
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(ChcFacility) facility = NULL;
  g_autofree char *today = NULL;
  LocalFacility local = { 0 };
  const char *code;
  PkgRef *ref;
  ChcFacilityType type = CHC_FACILITY_CENTRE;
  ChcFacilityStatus status = CHC_FACILITY_OPERATING;

  if (!theirs->has_values)
    return TRUE;
  today = chc_tcm_today ();
  if (g_str_equal (t, "milestone"))
    {
      const char *actual = value_text (theirs, "actual");

      if (actual != NULL && strcmp (actual, today) > 0)
        {
          g_autofree char *reason = g_strdup_printf (_("%s is in the future (today is %s)."), actual, today);

          return row_refused (error, t, theirs->key, "actual", reason);
        }
      return TRUE;
    }
  if (!g_str_has_prefix (t, "tcm_"))
    return TRUE;

  code = value_text (theirs, "facility");
  ref = g_hash_table_lookup (m->facilities, code);
  if (ref == NULL || ref->deleted)
    {
      if (!local_facility (m, code, &local, error))
        return FALSE;
    }
  chc_facility_type_from_nick (ref != NULL && !ref->deleted ? ref->type : local.type, &type);
  chc_facility_status_from_nick (ref != NULL && !ref->deleted ? ref->status : local.status, &status);
  facility = chc_facility_new ();
  chc_facility_set_name (facility, ref != NULL && !ref->deleted ? ref->name : local.name);
  chc_facility_set_facility_type (facility, type);
  chc_facility_set_status (facility, status);
  local_facility_clear (&local);

  violations = chc_violations_new ();
  if (g_str_equal (t, "tcm_site_event"))
    {
      int kind = 0, state = 0;
      g_autoptr(ChcTcmSiteEvent) event = NULL;

      chc_enum_from_nick (CHC_TYPE_TCM_SITE_KIND, value_text (theirs, "kind"), &kind);
      chc_enum_from_nick (CHC_TYPE_TCM_SITE_STATE, value_text (theirs, "state"), &state);
      event = chc_tcm_site_event_new (0, kind, value_text (theirs, "date"), state);
      chc_tcm_validate_site_event (facility, event, today, violations);
    }
  else if (g_str_equal (t, "tcm_specialty_clinic"))
    {
      g_autoptr(ChcSpecialtyClinic) clinic =
        chc_specialty_clinic_new (0, 0, value_text (theirs, "name"), value_text (theirs, "opened"),
                                  value_text (theirs, "closed"));

      chc_tcm_validate_specialty_clinic (facility, clinic, NULL, today, violations);
    }
  else if (g_str_equal (t, "tcm_demo"))
    {
      int demo = 0;

      chc_enum_from_nick (CHC_TYPE_TCM_DEMO_STATUS, value_text (theirs, "status"), &demo);
      chc_tcm_validate_demo (facility, demo, (int) value_integer (theirs, "year"), today, violations);
    }
  else if (g_str_equal (t, "tcm_visits"))
    chc_tcm_validate_visits (facility, value_text (theirs, "period"), value_integer (theirs, "tcm_visits"),
                             value_integer (theirs, "all_visits"), today, violations);
  else if (g_str_equal (t, "tcm_training"))
    chc_tcm_validate_training (facility, (int) value_integer (theirs, "year"),
                               value_integer (theirs, "trained"), today, violations);

  if (violations->len > 0)
    {
      ChcViolation *v = g_ptr_array_index (violations, 0);

      /* The message names the field itself. */
      return row_refused (error, t, theirs->key, NULL, v->message);
    }
  return TRUE;
}

/* This database's own centre: what a package made elsewhere may not
 * change (its figures, projects and milestones; the registry may). */
static gboolean
check_home (Merge   *m,
            Row     *theirs,
            Action  *a,
            GError **error)
{
  g_autofree char *facility = NULL;

  /* A report is approved or returned by the commission (issue 15): a
   * centre's package may submit its reports, never decide them. */
  if (a != NULL && a->kind == ACTION_UPSERT && m->scope != NULL &&
      g_str_equal (theirs->table->table, "report_state"))
    {
      int i = field_index (theirs->table, "state");

      if (i >= 0 && g_strcmp0 (a->values[i].text, "submitted") != 0)
        return row_refused (error, theirs->table->table, theirs->key, "state",
                            _("a centre's package may submit a report, but only the commission approves or returns it."));
    }
  /* The commission's decisions on the centre's reports come by package. */
  if (m->home == NULL || a == NULL || a->kind == ACTION_META ||
      g_str_equal (theirs->table->table, "facility") ||
      (m->scope == NULL && g_str_equal (theirs->table->table, "report_state")) ||
      g_strcmp0 (m->scope_centre, m->home_centre) == 0)
    return TRUE;
  facility = row_facility (m, a->ours != NULL ? a->ours : theirs, error);
  if (facility == NULL && error != NULL && *error != NULL)
    return FALSE;
  if (facility != NULL && g_hash_table_contains (m->home, facility))
    {
      g_autofree char *reason =
        g_strdup_printf (_("this database belongs to the centre %s, whose own records are changed only here, never by a package from elsewhere."),
                         m->home_centre);
      return row_refused (error, theirs->table->table, theirs->key, NULL, reason);
    }
  return TRUE;
}

/* The facilities of the package: each checked, its district known here,
 * its parent a centre of the same district (in the package or here). */
static gboolean
check_facility_graph (Merge   *m,
                      GError **error)
{
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *district = NULL;

  g_hash_table_iter_init (&iter, m->facilities);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *code = key;
      PkgRef *f = value;
      LocalFacility local;
      const char *parent_type = NULL;
      const char *parent_district = NULL;
      gboolean found;
      int rc;

      if (f->deleted)
        continue;
      district = local_stmt (m, "SELECT 1 FROM main.district WHERE name = ?1", error);
      if (district == NULL)
        return FALSE;
      sqlite3_bind_text (district, 1, f->district, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (district);
      sqlite3_reset (district);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sql_fail (m->s.db, error);
      if (rc != SQLITE_ROW)
        return row_refused (error, "facility", code, "district",
                            _("this district does not exist here."));
      if (f->parent == NULL)
        continue;

      if (!local_facility (m, f->parent, &local, error))
        return FALSE;
      {
        PkgRef *p = g_hash_table_lookup (m->facilities, f->parent);

        found = p != NULL ? !p->deleted : local.found;
        parent_type = p != NULL ? p->type : local.type;
        parent_district = p != NULL ? p->district : local.district;
        if (!found)
          {
            local_facility_clear (&local);
            return row_refused (error, "facility", code, "parent",
                                _("its parent centre is neither in the package nor here."));
          }
        /* A parent is a centre, which has none itself: no cycle. */
        if (g_strcmp0 (parent_type, "centre") != 0)
          {
            local_facility_clear (&local);
            return row_refused (error, "facility", code, "parent",
                                _("its parent is not a community health centre."));
          }
        if (g_strcmp0 (parent_district, f->district) != 0)
          {
            local_facility_clear (&local);
            return row_refused (error, "facility", code, "parent",
                                _("its parent centre is in another district."));
          }
      }
      local_facility_clear (&local);
    }
  return TRUE;
}

/* The facilities a centre's package may speak for: the centre, the
 * facilities under it here, and those the package puts under it that
 * belong to no other centre here. */
static gboolean
compute_scope (Merge       *m,
               const char  *centre,
               GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;
  LocalFacility here;
  PkgRef *ref = g_hash_table_lookup (m->facilities, centre);
  g_autofree char *code = NULL;

  /* By its code, or by its name (packages written before the code). */
  if (ref != NULL)
    code = g_strdup (centre);
  else
    {
      g_hash_table_iter_init (&iter, m->facilities);
      while (code == NULL && g_hash_table_iter_next (&iter, &key, &value))
        if (g_strcmp0 (((PkgRef *) value)->name, centre) == 0)
          code = g_strdup (key);
    }
  if (code == NULL)
    {
      g_autoptr(ChcFacility) facility = chc_database_find_facility (m->database, centre, 0, NULL);

      if (facility != NULL)
        code = g_strdup (chc_facility_get_code (facility));
    }
  if (code == NULL)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_INVALID,
                   _("The package is refused: it was made for the centre “%s”, which is neither in the package nor here. Nothing was changed."),
                   centre);
      return FALSE;
    }

  m->scope_centre = g_steal_pointer (&code);
  m->scope = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!local_children (m, m->scope_centre, m->scope, error))
    return FALSE;
  g_hash_table_add (m->scope, g_strdup (m->scope_centre));

  g_hash_table_iter_init (&iter, m->facilities);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PkgRef *f = value;

      if (g_hash_table_contains (m->scope, key))
        {
          /* Its own facility moved to another centre: not its to do. */
          if (!f->deleted && !g_str_equal (key, m->scope_centre) &&
              g_strcmp0 (f->parent, m->scope_centre) != 0)
            {
              g_autofree char *reason =
                g_strdup_printf (_("the package was made for the centre %s, and moves this facility to another centre."),
                                 m->scope_centre);
              return row_refused (error, "facility", key, "parent", reason);
            }
          continue;
        }
      if (!local_facility (m, key, &here, error))
        return FALSE;
      if (!here.found && !f->deleted && g_strcmp0 (f->parent, m->scope_centre) == 0)
        g_hash_table_add (m->scope, g_strdup (key));
      local_facility_clear (&here);
    }
  return TRUE;
}

static gboolean
compute_home (Merge   *m,
              GError **error)
{
  m->home_centre = chc_database_get_meta (m->database, "home_centre");
  if (m->home_centre == NULL || *m->home_centre == '\0')
    {
      g_clear_pointer (&m->home_centre, g_free);
      return TRUE;
    }
  m->home = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return local_children (m, m->home_centre, m->home, error);
}

/* ---- the passes over the package --------------------------------------- */

static gboolean
merge_one (Merge   *m,
           Row     *theirs,
           GError **error)
{
  g_autoptr(GError) local_error = NULL;
  Rows ours_rows;
  Row *ours;
  Action *a;
  gboolean ok = TRUE;

  if (!check_row (m, theirs, error) || !check_facility_rules (m, theirs, error))
    return FALSE;

  rows_init (&ours_rows);
  ours = local_lookup (&m->reader, &ours_rows, theirs, &local_error);
  if (local_error != NULL)
    {
      rows_clear (&ours_rows);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  a = plan_row (m, ours, theirs);
  if (m->failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&m->failure));
      ok = FALSE;
    }
  else if (!check_home (m, theirs, a, error))
    ok = FALSE;
  else if (a != NULL)
    {
      m->n_actions++;
      if (m->mode == MODE_APPLY)
        {
          ok = apply_action (m, &m->s, a, error);
          if (ok && m->progress != NULL && (m->n_actions % 100 == 0 || m->n_actions == m->total))
            m->progress (MIN (m->n_actions, m->total), m->total, m->progress_data);
        }
    }
  action_free (a);
  rows_clear (&ours_rows);
  return ok;
}

/* Every row of @table in the package, live or deleted. */
static gboolean
merge_table (Merge                 *m,
             const ChcTrackedTable *table,
             gboolean               deleted,
             GError               **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " PKG_ROW_COLUMNS " FROM pkg_row WHERE tbl = ?1 AND %s%s",
                                          deleted ? "typeof (deleted) = 'integer' AND deleted = 1"
                                                  : "NOT (typeof (deleted) = 'integer' AND deleted = 1)",
                                          /* Facilities with a parent come after it. */
                                          !deleted && g_str_equal (table->table, "facility")
                                          ? " ORDER BY CASE json_extract (data, '$.type') WHEN 'centre' THEN 0"
                                            " WHEN 'branch' THEN 1 ELSE 2 END, row_key" : "");
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (sqlite3_prepare_v2 (m->pkg, sql, -1, &stmt, NULL) != SQLITE_OK)
    return sql_fail (m->pkg, error);
  sqlite3_bind_text (stmt, 1, table->table, -1, SQLITE_STATIC);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      Rows one;
      Row *theirs;

      rows_init (&one);
      theirs = read_package_row (&m->pkg_reader, stmt, &one, &local_error);
      if (theirs == NULL && local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
      else if (theirs != NULL)
        ok = merge_one (m, theirs, error);
      rows_clear (&one);
    }
  if (ok && rc != SQLITE_DONE)
    ok = sql_fail (m->pkg, error);
  sqlite3_finalize (stmt);
  return ok;
}

/* Reads (and checks) the facilities and projects of the package: what
 * other rows refer to. */
static gboolean
read_registry (Merge   *m,
               GError **error)
{
  static const char *tables[] = { "facility", "project" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean ok = TRUE;
      int rc = SQLITE_DONE;

      if (sqlite3_prepare_v2 (m->pkg, "SELECT " PKG_ROW_COLUMNS " FROM pkg_row WHERE tbl = ?1",
                              -1, &stmt, NULL) != SQLITE_OK)
        return sql_fail (m->pkg, error);
      sqlite3_bind_text (stmt, 1, tables[i], -1, SQLITE_STATIC);
      while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(GError) local_error = NULL;
          Rows one;
          Row *row;

          rows_init (&one);
          row = read_package_row (&m->pkg_reader, stmt, &one, &local_error);
          if (row == NULL && local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              ok = FALSE;
            }
          else if (row != NULL && i == 0)
            {
              PkgRef *f = g_new0 (PkgRef, 1);

              f->deleted = row->deleted;
              if (row->has_values)
                {
                  f->type = g_strdup (row->values[field_index (row->table, "type")].text);
                  f->district = g_strdup (row->values[field_index (row->table, "district")].text);
                  f->parent = g_strdup (row->values[field_index (row->table, "parent")].text);
                  f->name = g_strdup (row->values[field_index (row->table, "name")].text);
                  f->status = g_strdup (row->values[field_index (row->table, "status")].text);
                }
              g_hash_table_insert (m->facilities, g_strdup (row->key), f);
            }
          else if (row != NULL && row->has_values)
            {
              PkgRef *p = g_new0 (PkgRef, 1);

              p->parent = g_strdup (row->values[field_index (row->table, "facility")].text);
              p->district = g_strdup (row->values[field_index (row->table, "plan_year")].text);
              p->type = g_strdup (row->values[field_index (row->table, "kind")].text);
              g_hash_table_insert (m->projects, g_strdup (row->key), p);
            }
          rows_clear (&one);
        }
      if (ok && rc != SQLITE_DONE)
        ok = sql_fail (m->pkg, error);
      sqlite3_finalize (stmt);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Rows of tables the package cannot have. */
static gboolean
check_tables (Merge   *m,
              GError **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT 1 FROM pkg_row WHERE typeof (tbl) <> 'text' OR tbl NOT IN (");
  guint n_tables;
  const ChcTrackedTable *tables = chc_tracked_tables (&n_tables);
  sqlite3_stmt *stmt = NULL;
  int rc;

  for (guint i = 0; i < n_tables; i++)
    g_string_append_printf (sql, "%s'%s'", i > 0 ? ", " : "", tables[i].table);
  g_string_append (sql, ") LIMIT 1");
  if (sqlite3_prepare_v2 (m->pkg, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return sql_fail (m->pkg, error);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_INVALID,
                   _("The package is refused: it holds rows of an unknown table. Nothing was changed."));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return sql_fail (m->pkg, error);
  return TRUE;
}

/* The last tick of this database that another can know: the clock at
 * the last package made here (0 when none was). */
static gboolean
known_tick (Merge   *m,
            gint64  *tick,
            GError **error)
{
  sqlite3_stmt *stmt = local_stmt (m, "SELECT coalesce (max (tick), 0) FROM main.package_log", error);
  int rc;

  *tick = 0;
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *tick = MIN (sqlite3_column_int64 (stmt, 0), chc_database_get_clock (m->database));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return sql_fail (m->s.db, error);
  return TRUE;
}

/* One pass over the package in @m->mode: checks everything, then each
 * row in dependency order, the deletions last in reverse order. */
/* The reports whose figures a centre's package brought are submitted, at
 * the time the centre made the package (issue 15): a facility, data set
 * and period without a state, or returned and now corrected.  An approved
 * one never gets here: its figures are locked. */
static gboolean
submit_arrived (Merge       *m,
                const char  *created_at,
                GError     **error)
{
  sqlite3_stmt *stmt;

  if (m->arrived == NULL)
    return TRUE;
  stmt = chc_database_prepare (m->database,
    "INSERT INTO report_state (facility_id, dataset, period, state, submitted_at)"
    " SELECT f.id, coalesce (?2, chc_dataset_of (?3, ?4)), ?4, 'submitted', ?5 FROM facility f"
    " WHERE f.code = ?1 AND coalesce (?2, chc_dataset_of (?3, ?4)) IS NOT NULL"
    " ON CONFLICT (facility_id, dataset, period) DO UPDATE SET state = 'submitted',"
    " submitted_at = excluded.submitted_at, decided_at = NULL WHERE state = 'returned'",
    error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < m->arrived->len; i++)
    {
      const char *entry = g_ptr_array_index (m->arrived, i);
      g_auto(GStrv) parts = g_strsplit (entry, "|", -1);
      guint n = g_strv_length (parts);
      gboolean element = g_str_equal (parts[0], "element_value");

      if (n != (element ? 4u : 3u))
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, parts[1], -1, SQLITE_TRANSIENT);
      chc_bind_text_or_null (stmt, 2, element ? NULL : parts[0]);
      chc_bind_text_or_null (stmt, 3, element ? parts[2] : NULL);
      sqlite3_bind_text (stmt, 4, parts[n - 1], -1, SQLITE_TRANSIENT);
      chc_bind_text_or_null (stmt, 5, created_at != NULL && *created_at != '\0' ? created_at : NULL);
      if (!chc_database_step_done (m->database, stmt, error))
        return FALSE;
    }
  chc_database_notify_changed (m->database, "report_state");
  return TRUE;
}

static gboolean
merge_run (Merge   *m,
           GError **error)
{
  guint n_tables;
  const ChcTrackedTable *tables = chc_tracked_tables (&n_tables);
  g_autofree char *scope = NULL;
  gboolean ok = FALSE;

  m->n_unresolved = m->n_applied = m->n_actions = m->n_listed = 0;
  m->s.db = chc_database_get_handle (m->database);
  m->s.stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  m->facilities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pkg_ref_free);
  m->projects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pkg_ref_free);
  m->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->installation = g_strdup (chc_database_get_installation_id (m->database));
  /* Others know this installation's changes only from its packages: no
   * version may claim a tick of it beyond the last package made here. */
  if (!known_tick (m, &m->clock, error))
    goto out;

  if (!package_reader_init (&m->pkg_reader, m->pkg, error) ||
      !local_reader_init (&m->reader, m->database, error) ||
      !check_tables (m, error) ||
      !read_registry (m, error) ||
      !check_facility_graph (m, error) ||
      !compute_home (m, error))
    goto out;

  /* A centre's package names its centre (by code; older ones by name). */
  scope = manifest_get (m->pkg, "scope_centre");
  if (scope == NULL || *scope == '\0')
    {
      g_free (scope);
      scope = manifest_get (m->pkg, "source_label");
    }
  if (scope != NULL && *scope != '\0' && !compute_scope (m, scope, error))
    goto out;

  for (guint t = 0; t < n_tables; t++)
    if (!merge_table (m, &tables[t], FALSE, error))
      goto out;
  for (guint t = n_tables; t > 0; t--)
    if (!merge_table (m, &tables[t - 1], TRUE, error))
      goto out;
  if (m->mode == MODE_APPLY)
    {
      g_autofree char *created_at = manifest_get (m->pkg, "created_at");

      if (!submit_arrived (m, created_at, error))
        goto out;
    }
  ok = TRUE;

out:
  {
    /* What the run keeps: its counts. */
    guint n_unresolved = m->n_unresolved, n_applied = m->n_applied, n_actions = m->n_actions;

    merge_clear (m);
    m->n_unresolved = n_unresolved;
    m->n_applied = n_applied;
    m->n_actions = n_actions;
  }
  return ok;
}

/* What a plan depends on in this database: which file and installation,
 * its clock (every write of a tracked row moves it), the last package
 * made here and its own centre. */
static char *
merge_basis (ChcDatabase *database)
{
  sqlite3 *db = chc_database_get_handle (database);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *clock = chc_database_get_meta (database, "clock");
  g_autofree char *home = chc_database_get_meta (database, "home_centre");
  gint64 last = -1;

  if (sqlite3_prepare_v2 (db, "SELECT coalesce (max (tick), 0) FROM main.package_log", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    last = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT "\x1f%s", chc_database_get_path (database),
                          chc_database_get_installation_id (database), clock != NULL ? clock : "",
                          last, home != NULL ? home : "");
}

ChcMergePlan *
chc_package_plan_merge (ChcDatabase  *database,
                        const char   *path,
                        GError      **error)
{
  g_autoptr(ChcPackageInfo) info = NULL;
  g_autoptr(ChcMergePlan) plan = NULL;
  Merge m = { database };
  gboolean ok;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);

  m.pkg = package_open (path, &info, error);
  if (m.pkg == NULL)
    return NULL;

  plan = chc_merge_plan_new (path, info->source_installation, info->sha256);
  /* Signed, and not by another key than the sender's pinned one. */
  if (!chc_package_check_sender (database, info, plan, FALSE, error))
    {
      sqlite3_close (m.pkg);
      return NULL;
    }
  m.plan = plan;
  m.mode = MODE_PLAN;
  ok = merge_run (&m, error);
  sqlite3_close (m.pkg);
  if (ok)
    {
      g_autofree char *basis = merge_basis (database);

      chc_merge_plan_set_basis (plan, basis, m.n_actions);
    }
  return ok ? g_steal_pointer (&plan) : NULL;
}

gboolean
chc_package_apply_merge (ChcDatabase          *database,
                         ChcMergePlan         *plan,
                         ChcMergeChoice        unresolved,
                         ChcMergeProgressFunc  progress,
                         gpointer              progress_data,
                         guint                *n_applied,
                         GError              **error)
{
  g_autoptr(ChcPackageInfo) info = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *saved_origin = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *base = NULL;
  Merge m = { database };
  GListModel *changes;
  gboolean ok = FALSE;
  gboolean in_transaction = FALSE;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (CHC_IS_MERGE_PLAN (plan), FALSE);

  if (n_applied != NULL)
    *n_applied = 0;

  m.pkg = package_open (chc_merge_plan_get_package_path (plan), &info, error);
  if (m.pkg == NULL)
    return FALSE;
  if (g_strcmp0 (info->sha256, chc_merge_plan_get_sha256 (plan)) != 0)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_INVALID,
                   _("The package file changed since its preview; open it again."));
      sqlite3_close (m.pkg);
      return FALSE;
    }
  /* The signer: pinned, or new and trusted on the plan. */
  if (!chc_package_check_sender (database, info, plan, TRUE, error))
    {
      sqlite3_close (m.pkg);
      return FALSE;
    }

  /* The choices made on the plan, by change. */
  m.choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  changes = chc_merge_plan_get_changes (plan);
  for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
    {
      g_autoptr(ChcMergeChange) c = g_list_model_get_item (changes, i);
      const char *field = chc_merge_change_get_field (c);

      if (chc_merge_change_get_action (c) == CHC_MERGE_CONFLICT)
        g_hash_table_insert (m.choices,
                             g_strconcat (chc_merge_change_get_table (c), "\x1f",
                                          chc_merge_change_get_row_key (c), "\x1f",
                                          field != NULL ? field : "*", NULL),
                             GINT_TO_POINTER (chc_merge_change_get_choice (c)));
    }
  m.unresolved_choice = unresolved;

  /* Worked out again on the database as it is now, writing nothing;
   * unless it is as it was for the plan: then the plan tells. */
  {
    g_autofree char *basis = merge_basis (database);

    if (g_strcmp0 (basis, chc_merge_plan_get_basis (plan)) == 0)
      {
        m.n_unresolved = unresolved == CHC_MERGE_CHOICE_NONE ? chc_merge_plan_get_n_unresolved (plan) : 0;
        m.n_actions = chc_merge_plan_get_n_actions (plan);
      }
    else
      {
        m.mode = MODE_COUNT;
        if (!merge_run (&m, error))
          goto out;
      }
  }
  if (m.n_unresolved > 0)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CONFLICTS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u conflict is not resolved; nothing was merged.",
                                "%u conflicts are not resolved; nothing was merged.",
                                m.n_unresolved),
                   m.n_unresolved);
      goto out;
    }
  base = g_path_get_basename (chc_merge_plan_get_package_path (plan));
  origin = g_strdup_printf ("merge %s", base);
  if (m.n_actions == 0)
    {
      /* Nothing to do: the database is not touched but for the key of a
       * new sender, trusted now. */
      ok = chc_package_pin_sender (database, info, origin, error);
      goto out;
    }

  backup = chc_database_backup_auto (database, "merge", error);
  if (backup == NULL)
    goto out;

  saved_origin = g_strdup (chc_database_get_origin (database));
  chc_database_set_origin (database, origin);

  if (!chc_database_begin (database, error))
    goto out;
  in_transaction = TRUE;
  if (!chc_package_pin_sender (database, info, origin, error))
    goto out;

  m.mode = MODE_APPLY;
  m.total = m.n_actions;
  m.progress = progress;
  m.progress_data = progress_data;
  if (!merge_run (&m, error))
    goto out;
  if (m.n_unresolved > 0)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CONFLICTS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u conflict is not resolved; nothing was merged.",
                                "%u conflicts are not resolved; nothing was merged.",
                                m.n_unresolved),
                   m.n_unresolved);
      goto out;
    }
  if (progress != NULL)
    progress (m.total, m.total, progress_data);

  {
    g_autofree char *now = chc_database_now_text ();
    sqlite3_stmt *stmt = chc_database_prepare (database,
                                               "INSERT INTO merge_log (at, source_installation,"
                                               " sha256, file, n_applied) VALUES (?1, ?2, ?3, ?4, ?5)",
                                               error);
    if (stmt == NULL)
      goto out;
    sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, info->source_installation, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 3, info->sha256, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 4, chc_merge_plan_get_package_path (plan), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int (stmt, 5, m.n_applied);
    if (!chc_database_step_done (database, stmt, error))
      goto out;
  }

  {
    guint n_tables;
    const ChcTrackedTable *tables = chc_tracked_tables (&n_tables);

    for (guint i = 0; i < n_tables; i++)
      chc_database_notify_changed (database, tables[i].table);
  }
  in_transaction = FALSE;
  if (!chc_database_commit (database, error))
    goto out;
  if (n_applied != NULL)
    *n_applied = m.n_applied;
  ok = TRUE;

out:
  if (in_transaction)
    chc_database_rollback (database);
  if (saved_origin != NULL)
    chc_database_set_origin (database, saved_origin);
  sqlite3_close (m.pkg);
  merge_clear (&m);
  g_clear_pointer (&m.choices, g_hash_table_unref);
  return ok;
}

/* ---- in a worker thread ------------------------------------------------ */

typedef struct
{
  char           *path;        /* the database's file */
  ChcMergePlan   *plan;
  ChcMergeChoice  unresolved;
  guint           n_applied;
  gint           *done;        /* progress, read by the caller's timeout */
  gint           *total;
} MergeTaskData;

static void
merge_task_data_free (gpointer data)
{
  MergeTaskData *d = data;

  g_free (d->path);
  g_clear_object (&d->plan);
  g_free (d);
}

static void
merge_thread_progress (guint    done,
                       guint    total,
                       gpointer user_data)
{
  MergeTaskData *d = user_data;

  if (d->done != NULL)
    g_atomic_int_set (d->done, (gint) done);
  if (d->total != NULL)
    g_atomic_int_set (d->total, (gint) total);
}

static void
merge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MergeTaskData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) database = chc_database_open_worker (d->path, &error);

  if (database == NULL ||
      !chc_package_apply_merge (database, d->plan, d->unresolved, merge_thread_progress, d,
                                &d->n_applied, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
chc_package_apply_merge_async (ChcDatabase         *database,
                               ChcMergePlan        *plan,
                               ChcMergeChoice       unresolved,
                               gint                *done,
                               gint                *total,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MergeTaskData *d;

  g_return_if_fail (CHC_IS_DATABASE (database));
  g_return_if_fail (CHC_IS_MERGE_PLAN (plan));

  d = g_new0 (MergeTaskData, 1);
  d->path = g_strdup (chc_database_get_path (database));
  d->plan = g_object_ref (plan);
  d->unresolved = unresolved;
  d->done = done;
  d->total = total;

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, chc_package_apply_merge_async);
  g_task_set_task_data (task, d, merge_task_data_free);
  g_task_run_in_thread (task, merge_thread);
}

gboolean
chc_package_apply_merge_finish (ChcDatabase   *database,
                                GAsyncResult  *result,
                                guint         *n_applied,
                                GError       **error)
{
  MergeTaskData *d;
  guint n_tables;
  const ChcTrackedTable *tables;

  g_return_val_if_fail (g_task_is_valid (result, database), FALSE);

  d = g_task_get_task_data (G_TASK (result));
  if (n_applied != NULL)
    *n_applied = d->n_applied;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  /* The worker's connection is another object: tell this one's users. */
  tables = chc_tracked_tables (&n_tables);
  for (guint i = 0; d->n_applied > 0 && i < n_tables; i++)
    chc_database_notify_changed (database, tables[i].table);
  return TRUE;
}
