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

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "chc-package.h"
#include "chc-package-keys.h"
#include "chc-database-sync.h"
#include "chc-database-sync-private.h"
#include "core/chc-merge.h"

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
  int   type;        /* SQLITE_NULL, _INTEGER, _FLOAT, _TEXT (BLOB as TEXT) */
  char *text;
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
  g_autofree char *id = row_id (table, key);

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
  ChcStamp *stamp = g_new0 (ChcStamp, 1);

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
  if (sqlite3_db_filename (db, "main") == NULL || *sqlite3_db_filename (db, "main") == '\0')
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

static void
read_pkg_row (sqlite3_stmt *stmt,
              gpointer      data)
{
  Row *row = rows_get (data, (const char *) sqlite3_column_text (stmt, 0),
                       (const char *) sqlite3_column_text (stmt, 1));

  if (row == NULL)
    return;
  row_set_meta (row, stmt, 2);
  row->deleted = sqlite3_column_int (stmt, 7) != 0;
  row->has_values = !row->deleted;
}

static void
read_pkg_value (sqlite3_stmt *stmt,
                gpointer      data)
{
  Row *row = rows_lookup (data, (const char *) sqlite3_column_text (stmt, 0),
                          (const char *) sqlite3_column_text (stmt, 1));
  int i;

  if (row == NULL)
    return;
  i = field_index (row->table, (const char *) sqlite3_column_text (stmt, 2));
  if (i >= 0)
    value_set (&row->values[i], stmt, 3);
}

static void
read_vv (sqlite3_stmt *stmt,
         gpointer      data)
{
  Row *row = rows_lookup (data, (const char *) sqlite3_column_text (stmt, 0),
                          (const char *) sqlite3_column_text (stmt, 1));

  if (row != NULL && sqlite3_column_text (stmt, 2) != NULL)
    chc_vv_set (row->vv, (const char *) sqlite3_column_text (stmt, 2),
                sqlite3_column_int64 (stmt, 3));
}

static void
read_stamp (sqlite3_stmt *stmt,
            gpointer      data)
{
  Row *row = rows_lookup (data, (const char *) sqlite3_column_text (stmt, 0),
                          (const char *) sqlite3_column_text (stmt, 1));

  if (row != NULL)
    row_set_stamp (row, (const char *) sqlite3_column_text (stmt, 2),
                   (const char *) sqlite3_column_text (stmt, 3),
                   sqlite3_column_int64 (stmt, 4));
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

static int
pragma_int (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
read_count (sqlite3_stmt *stmt,
            gpointer      data)
{
  ChcPackageInfo *info = data;
  const char *key = (const char *) sqlite3_column_text (stmt, 0);
  guint n = (guint) g_ascii_strtoull ((const char *) sqlite3_column_text (stmt, 1), NULL, 10);

  g_hash_table_insert (info->counts, g_strdup (key + strlen ("rows.")), GUINT_TO_POINTER (n));
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
  sqlite3 *db = NULL;
  unsigned char *image;
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

  /* Magic, length, signature and checksum: before SQLite reads a byte. */
  if (!chc_package_header_read ((const guint8 *) contents, length, display, &header, error))
    return NULL;
  image_size = header.image_size;
  contents += header.image_offset;

  /* The image is handed to SQLite, which frees it with sqlite3_free. */
  image = sqlite3_malloc64 (image_size > 0 ? image_size : 1);
  if (image == NULL)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                   _("Not enough memory to read %s."), display);
      return NULL;
    }
  memcpy (image, contents, image_size);
  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_deserialize (db, "main", image, image_size, image_size,
                              SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
  else
    sqlite3_free (image);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CORRUPT,
                   _("The package %s cannot be read: %s"), display, sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }

  if (pragma_int (db, "PRAGMA application_id") != CHC_PACKAGE_APPLICATION_ID)
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
  if (atoi (format) > CHC_PACKAGE_FORMAT_VERSION ||
      atoi (schema) > CHC_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_TOO_NEW,
                   _("The package %s was made by a newer version of CHC Monitor (package format %s, schema %s; this version reads up to %d and %d). Please update the application."),
                   display, format, schema, CHC_PACKAGE_FORMAT_VERSION, CHC_DATABASE_SCHEMA_VERSION);
      sqlite3_close (db);
      return NULL;
    }

  info = g_new0 (ChcPackageInfo, 1);
  info->format_version = atoi (format);
  info->schema_version = atoi (schema);
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
  if (!for_each_row (db, "SELECT key, value FROM manifest WHERE key LIKE 'rows.%'",
                     read_count, info, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  {
    g_autofree char *n = manifest_get (db, "n_rows");
    info->n_rows = n != NULL ? (guint) g_ascii_strtoull (n, NULL, 10) : 0;
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

static gboolean
package_read_rows (sqlite3  *db,
                   Rows     *rows,
                   GError  **error)
{
  return for_each_row (db, "SELECT tbl, row_key, uid, created_by, created_tick, changed_by,"
                           " changed_at, deleted FROM pkg_row", read_pkg_row, rows, error) &&
         for_each_row (db, "SELECT r.tbl, r.row_key, j.key, j.value FROM pkg_row r, json_each (r.data) j"
                           " WHERE r.data IS NOT NULL",
                       read_pkg_value, rows, error) &&
         for_each_row (db, "SELECT tbl, row_key, installation, tick FROM pkg_vv",
                       read_vv, rows, error) &&
         for_each_row (db, "SELECT tbl, row_key, field, installation, tick FROM pkg_stamp",
                       read_stamp, rows, error);
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
          if (i == 0)
            chc_vv_set (row->vv, (const char *) sqlite3_column_text (stmts[i], 0),
                        sqlite3_column_int64 (stmts[i], 1));
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
  GHashTable *codes;   /* the codes of the facilities in scope */
  GString    *ids;     /* their ids, "1,2,3" */
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
  return TRUE;
}

static void
scope_clear (Scope *scope)
{
  g_clear_pointer (&scope->codes, g_hash_table_unref);
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
  return g_strdup_printf ("R.facility_id IN (%s)", scope->ids->str);
}

/* Whether a deleted row was about a facility in scope: its code is the
 * first part of its key.  Deleted projects and milestones cannot be
 * placed: they go to every centre's package (merging them is harmless). */
static gboolean
scope_has_tombstone (Scope *scope,
                     Row   *row)
{
  const char *bar = strchr (row->key, '|');
  g_autofree char *code = bar != NULL ? g_strndup (row->key, bar - row->key) : g_strdup (row->key);

  if (scope->codes == NULL || g_str_equal (row->table->table, "project") ||
      g_str_equal (row->table->table, "milestone"))
    return TRUE;
  return g_hash_table_contains (scope->codes, code);
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

static gboolean
log_package (ChcDatabase  *database,
             const char   *recipient,
             const char   *scope,
             gint64        tick,
             const char   *sha256,
             GError      **error)
{
  g_autofree char *now = chc_database_now_text ();
  sqlite3_stmt *stmt;

  if (!chc_database_begin (database, error))
    return FALSE;
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
  g_autoptr(GByteArray) file = NULL;
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

  if (sqlite3_open_v2 (":memory:", &w.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
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
        if (!scope_has_tombstone (&scope, row))
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

  image = sqlite3_serialize (w.db, "main", &image_size, 0);
  if (image == NULL)
    {
      exec_or_fail (w.db, "SELECT no_such_thing", error);
      goto fail;
    }

  /* Signed with this installation's key (chc-package-keys.c). */
  header_bytes = chc_package_header_write (database, image, image_size, &header, error);
  if (header_bytes == NULL)
    {
      sqlite3_free (image);
      goto fail;
    }
  file = g_byte_array_sized_new (g_bytes_get_size (header_bytes) + image_size);
  g_byte_array_append (file, g_bytes_get_data (header_bytes, NULL), g_bytes_get_size (header_bytes));
  g_byte_array_append (file, image, image_size);
  sqlite3_free (image);

  if (!g_file_set_contents (path, (const char *) file->data, file->len, error))
    goto fail;

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

  if (!log_package (database, recipient, scope_label, clock, info->sha256, error))
    return NULL;
  return g_steal_pointer (&info);

fail:
  writer_clear (&w);
  local_reader_clear (&reader);
  scope_clear (&scope);
  return NULL;
}

/* ---- merge ------------------------------------------------------------ */

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

  g_free (a->values);
  g_clear_pointer (&a->taken, g_ptr_array_unref);
  g_clear_pointer (&a->vv, g_hash_table_unref);
  g_free (a);
}

typedef struct
{
  ChcDatabase  *database;
  LocalReader   reader;
  Rows          ours;        /* the local rows of the package's keys */
  Rows          theirs;
  Rows          scratch;     /* keys looked up for descriptions */
  GHashTable   *names;       /* facility code → name (both owned) */
  GHashTable   *choices;     /* "table\x1fkey\x1ffield" → ChcMergeChoice */
  ChcMergeChoice unresolved_choice;
  ChcMergePlan *plan;        /* changes are added here */
  GPtrArray    *actions;
  guint         n_unresolved;
  guint         n_applied;
} Merge;

static void
merge_clear (Merge *m)
{
  local_reader_clear (&m->reader);
  rows_clear (&m->ours);
  rows_clear (&m->theirs);
  rows_clear (&m->scratch);
  g_clear_pointer (&m->names, g_hash_table_unref);
  g_clear_pointer (&m->choices, g_hash_table_unref);
  g_clear_pointer (&m->actions, g_ptr_array_unref);
}

static const char *
facility_name (Merge      *m,
               const char *code)
{
  const char *name;
  char *local;

  if (code == NULL)
    return NULL;
  name = g_hash_table_lookup (m->names, code);
  if (name != NULL)
    return name;
  {
    g_autoptr(ChcFacility) facility = chc_database_find_facility (m->database, code, 0, NULL);

    if (facility == NULL)
      return NULL;
    local = g_strdup (chc_facility_get_name (facility));
  }
  g_hash_table_insert (m->names, g_strdup (code), local);
  return local;
}

/* A project by its uid: in the package, or here. */
static Row *
find_project (Merge      *m,
              const char *uid)
{
  Row *project = rows_lookup (&m->theirs, "project", uid);

  if (project == NULL || !project->has_values)
    project = rows_lookup (&m->ours, "project", uid);
  if (project == NULL)
    project = local_lookup (&m->reader, &m->ours, rows_get (&m->scratch, "project", uid), NULL);
  return project != NULL && project->has_values ? project : NULL;
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
      Row *project = find_project (m, first);
      int f;

      if (project == NULL)
        return g_strdup (row->key);
      f = field_index (project->table, "facility");
      name = facility_name (m, project->values[f].text);
      return g_strdup_printf ("%s %s %s%s%s", name != NULL ? name : project->values[f].text,
                              project->values[field_index (project->table, "plan_year")].text,
                              project->values[field_index (project->table, "kind")].text,
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
  /* Applying works the changes out again, but only counts them. */
  if (m->plan == NULL)
    return;

  description = describe (m, row);
  change = chc_merge_change_new (action, row->table->table, row->key, field, ours, theirs, description);
  if (action == CHC_MERGE_CONFLICT)
    chc_merge_change_set_choice (change, choice);
  chc_merge_plan_add (m->plan, change);
}

static Action *
add_action (Merge      *m,
            ActionKind  kind,
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
  g_ptr_array_add (m->actions, a);
  return a;
}

static void
plan_row (Merge *m,
          Row   *theirs)
{
  Row *ours = rows_lookup (&m->ours, theirs->table->table, theirs->key);
  gboolean ours_alive = ours != NULL && ours->has_values;
  gboolean ours_deleted = ours != NULL && !ours->has_values && ours->deleted;
  guint n = chc_tracked_table_n_fields (theirs->table);

  if (theirs->deleted)
    {
      if (!ours_alive)
        {
          if (ours_deleted && !chc_vv_leq (theirs->vv, ours->vv))
            add_action (m, ACTION_META, ours, theirs);
          return;
        }
      if (chc_vv_leq (ours->vv, theirs->vv))
        {
          g_autofree char *summary = row_summary (ours);

          add_change (m, CHC_MERGE_DELETE, ours, NULL, summary, NULL, CHC_MERGE_CHOICE_NONE);
          add_action (m, ACTION_DELETE, ours, theirs);
        }
      else
        {
          g_autofree char *summary = row_summary (ours);
          ChcMergeChoice choice = choice_for (m, theirs, NULL);

          add_change (m, CHC_MERGE_CONFLICT, ours, NULL, summary, _("(deleted)"), choice);
          add_action (m, choice == CHC_MERGE_CHOICE_THEIRS ? ACTION_DELETE : ACTION_META,
                      ours, theirs);
        }
      return;
    }

  if (!ours_alive)
    {
      g_autofree char *summary = row_summary (theirs);
      Action *a;

      if (ours_deleted && chc_vv_leq (theirs->vv, ours->vv))
        return;
      if (ours_deleted)
        {
          ChcMergeChoice choice = choice_for (m, theirs, NULL);

          add_change (m, CHC_MERGE_CONFLICT, theirs, NULL, _("(deleted)"), summary, choice);
          if (choice != CHC_MERGE_CHOICE_THEIRS)
            {
              add_action (m, ACTION_META, ours, theirs);
              return;
            }
        }
      else
        add_change (m, CHC_MERGE_INSERT, theirs, NULL, NULL, summary, CHC_MERGE_CHOICE_NONE);

      a = add_action (m, ACTION_UPSERT, ours, theirs);
      a->insert = TRUE;
      a->values = g_memdup2 (theirs->values, n * sizeof (Value));
      return;
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

        if (theirs->table->fields[i].key)
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
              ChcMergeChoice choice = choice_for (m, ours, field);

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
      return;
    a = add_action (m, write_values ? ACTION_UPSERT : ACTION_META, ours, theirs);
    a->values = g_steal_pointer (&values);
    g_ptr_array_extend (a->taken, taken, NULL, NULL);
  }
}

/* Facilities with a parent come after it. */
static int
facility_rank (Row *row)
{
  int type = field_index (row->table, "type");
  const char *t = row->has_values ? row->values[type].text : NULL;

  if (t == NULL) return 9;
  if (g_str_equal (t, "centre")) return 0;
  if (g_str_equal (t, "branch")) return 1;
  return 2;
}

static gint
compare_rows (gconstpointer a,
              gconstpointer b)
{
  Row *ra = *(Row **) a;
  Row *rb = *(Row **) b;
  guint n_tables;
  const ChcTrackedTable *tables = chc_tracked_tables (&n_tables);
  int ia = (int) (ra->table - tables);
  int ib = (int) (rb->table - tables);

  if (ia != ib)
    return ia - ib;
  if (g_str_equal (ra->table->table, "facility") && facility_rank (ra) != facility_rank (rb))
    return facility_rank (ra) - facility_rank (rb);
  return g_strcmp0 (ra->key, rb->key);
}

/* Reads the package and, for each of its rows, the same row here; works
 * the merge out (writes nothing). */
static gboolean
merge_compute (Merge       *m,
               sqlite3     *pkg,
               GError     **error)
{
  rows_init (&m->ours);
  rows_init (&m->theirs);
  rows_init (&m->scratch);
  m->actions = g_ptr_array_new_with_free_func (action_free);
  m->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!package_read_rows (pkg, &m->theirs, error) ||
      !local_reader_init (&m->reader, m->database, error))
    return FALSE;

  for (guint i = 0; i < m->theirs.order->len; i++)
    {
      Row *row = g_ptr_array_index (m->theirs.order, i);

      if (g_str_equal (row->table->table, "facility") && row->has_values &&
          row->values[1].text != NULL)
        g_hash_table_insert (m->names, g_strdup (row->key), g_strdup (row->values[1].text));
    }

  g_ptr_array_sort (m->theirs.order, compare_rows);
  for (guint i = 0; i < m->theirs.order->len; i++)
    {
      Row *theirs = g_ptr_array_index (m->theirs.order, i);
      g_autoptr(GError) local_error = NULL;

      local_lookup (&m->reader, &m->ours, theirs, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      plan_row (m, theirs);
    }
  return TRUE;
}

ChcMergePlan *
chc_package_plan_merge (ChcDatabase  *database,
                        const char   *path,
                        GError      **error)
{
  g_autoptr(ChcPackageInfo) info = NULL;
  g_autoptr(ChcMergePlan) plan = NULL;
  Merge m = { database };
  sqlite3 *pkg;
  gboolean ok;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);

  pkg = package_open (path, &info, error);
  if (pkg == NULL)
    return NULL;

  plan = chc_merge_plan_new (path, info->source_installation, info->sha256);
  /* Signed, and not by another key than the sender's pinned one. */
  if (!chc_package_check_sender (database, info, plan, FALSE, error))
    {
      sqlite3_close (pkg);
      return NULL;
    }
  m.plan = plan;
  ok = merge_compute (&m, pkg, error);
  sqlite3_close (pkg);
  merge_clear (&m);
  return ok ? g_steal_pointer (&plan) : NULL;
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

/* Statements of this merge, finalized at its end (they are built from the
 * table descriptions, not literals, so not for the store's cache). */
typedef struct
{
  sqlite3    *db;
  GHashTable *stmts;   /* sql → sqlite3_stmt */
} Statements;

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

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      g_autofree char *description = describe (m, row);

      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_INVALID,
                   _("Cannot apply the package at %s (%s): %s. Nothing was changed."),
                   description, chc_database_table_label (row->table->table),
                   sqlite3_errmsg (s->db));
      return FALSE;
    }
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
  Statements s = { NULL };
  Merge m = { database };
  GListModel *changes;
  sqlite3 *pkg;
  gboolean ok = FALSE;
  gboolean in_transaction = FALSE;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (CHC_IS_MERGE_PLAN (plan), FALSE);

  if (n_applied != NULL)
    *n_applied = 0;

  pkg = package_open (chc_merge_plan_get_package_path (plan), &info, error);
  if (pkg == NULL)
    return FALSE;
  if (g_strcmp0 (info->sha256, chc_merge_plan_get_sha256 (plan)) != 0)
    {
      g_set_error (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_INVALID,
                   _("The package file changed since its preview; open it again."));
      sqlite3_close (pkg);
      return FALSE;
    }
  /* The signer: pinned, or new and trusted on the plan. */
  if (!chc_package_check_sender (database, info, plan, TRUE, error))
    {
      sqlite3_close (pkg);
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

  /* Worked out again on the database as it is now. */
  if (!merge_compute (&m, pkg, error))
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
  base = g_path_get_basename (chc_merge_plan_get_package_path (plan));
  origin = g_strdup_printf ("merge %s", base);
  if (m.actions->len == 0)
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

  s.db = chc_database_get_handle (database);
  s.stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);

  if (!chc_database_begin (database, error))
    goto out;
  in_transaction = TRUE;
  if (!chc_package_pin_sender (database, info, origin, error))
    goto out;

  /* Upserts in dependency order, deletions in reverse. */
  for (guint i = 0; i < m.actions->len; i++)
    {
      Action *a = g_ptr_array_index (m.actions, i);

      if (a->kind != ACTION_DELETE && !apply_action (&m, &s, a, error))
        goto out;
      if (progress != NULL && (i % 100 == 99 || i + 1 == m.actions->len))
        progress (i + 1, m.actions->len, progress_data);
    }
  for (guint i = m.actions->len; i > 0; i--)
    {
      Action *a = g_ptr_array_index (m.actions, i - 1);

      if (a->kind == ACTION_DELETE && !apply_action (&m, &s, a, error))
        goto out;
    }

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
  g_clear_pointer (&s.stmts, g_hash_table_unref);
  sqlite3_close (pkg);
  merge_clear (&m);
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
