/* chc-database.c — opening, checking and migrating the SQLite file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-database"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "chc-database-sync-private.h"
#include "chc-database-projects.h"
#include "chc-data-resources.h"
#include "chc-database-signing.h"
#include "core/chc-validate.h"
#include "chc-database-tcm.h"
#include "chc-package.h"

struct _ChcDatabase
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;     /* const char *sql → sqlite3_stmt * */
  guint       depth;          /* nesting of open transactions */
  GPtrArray  *pending_tables; /* tables changed in the open transaction */
  char       *installation_id;
  gboolean    demo;
  gboolean    read_only;      /* opened read-only (a read-only file or folder) */
  gboolean    worker;         /* a worker thread's connection */
  ChcSyncState sync;

  /* Waiting for another program's write lock. */
  guint       busy_timeout_ms;  /* G_MAXUINT: wait as long as it takes */
  gint64      busy_since;       /* monotonic time of the first retry */
  ChcDatabaseBusyFunc busy_func;
  gpointer    busy_data;
  gboolean    busy_gave_up;     /* the last SQLITE_BUSY came from a timeout */

  gint64      data_version;     /* PRAGMA data_version when last looked at */
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (ChcDatabase, chc_database, G_TYPE_OBJECT)
G_DEFINE_QUARK (chc-database-error-quark, chc_database_error)

/* ---- helpers shared with the other store files ---------------------- */

/* What went wrong, in the user's words, for the SQLite codes a user can
 * meet (another program writing, a read-only or full disk, damage); NULL
 * for the others, whose SQLite message is kept for the log. */
static char *
describe_sql_error (ChcDatabase *self,
                    int          code,
                    const char  *display)
{
  switch (code & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      if (self->busy_timeout_ms == 0)
        return g_strdup_printf (_("Another program is writing to %s. Nothing was saved; try again when it has finished."),
                                display);
      return g_strdup_printf (_("Another program (an import or a merge in chc-cli or in another window) kept writing to %s for more than %u seconds. Nothing was saved; try again when it has finished."),
                              display, MAX (1u, self->busy_timeout_ms / 1000));
    case SQLITE_READONLY:
      return g_strdup_printf (_("%s is open read-only (the file or its folder cannot be written): nothing can be changed."),
                              display);
    case SQLITE_FULL:
      return g_strdup_printf (_("The disk holding %s is full. Nothing was saved; free some space and try again."),
                              display);
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return g_strdup_printf (_("%s cannot be read or written (a disk or file-system error). Nothing was saved."),
                              display);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return g_strdup_printf (_("%s is damaged. Restore it from a backup."), display);
    default:
      return NULL;
    }
}

void
chc_database_set_sql_error (ChcDatabase  *self,
                            GError      **error)
{
  int code = sqlite3_extended_errcode (self->db);
  ChcDatabaseError kind = CHC_DATABASE_ERROR_SQL;
  g_autofree char *display = g_filename_display_name (self->path);
  g_autofree char *text = NULL;

  switch (code & 0xff)
    {
    case SQLITE_CONSTRAINT:
      kind = CHC_DATABASE_ERROR_CONSTRAINT;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      kind = CHC_DATABASE_ERROR_CORRUPT;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      kind = CHC_DATABASE_ERROR_BUSY;
      break;
    case SQLITE_READONLY:
      kind = CHC_DATABASE_ERROR_READ_ONLY;
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
      kind = CHC_DATABASE_ERROR_IO;
      break;
    default:
      break;
    }

  /* A lock of the reporting cycle refused the write: its own words. */
  if (self->sync.lock_refusal != NULL)
    {
      g_set_error_literal (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_LOCKED, self->sync.lock_refusal);
      g_clear_pointer (&self->sync.lock_refusal, g_free);
      return;
    }
  g_debug ("%s: SQLite error %d: %s", self->path, code, sqlite3_errmsg (self->db));
  text = describe_sql_error (self, code, display);
  if (text != NULL)
    g_set_error_literal (error, CHC_DATABASE_ERROR, kind, text);
  else
    g_set_error (error, CHC_DATABASE_ERROR, kind,
                 _("Database error in %s: %s"), display, sqlite3_errmsg (self->db));
}

sqlite3 *
chc_database_get_handle (ChcDatabase *self)
{
  return self->db;
}

sqlite3_stmt *
chc_database_prepare (ChcDatabase  *self,
                      const char   *sql,
                      GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                          &stmt, NULL) != SQLITE_OK)
    {
      chc_database_set_sql_error (self, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
chc_database_exec (ChcDatabase  *self,
                   const char   *sql,
                   GError      **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      chc_database_set_sql_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
chc_database_step_done (ChcDatabase   *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);
  gboolean ok = (rc == SQLITE_DONE || rc == SQLITE_ROW);

  if (!ok)
    chc_database_set_sql_error (self, error);
  sqlite3_reset (stmt);
  return ok;
}

gboolean
chc_database_step_row (ChcDatabase   *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    chc_database_set_sql_error (self, error);
  sqlite3_reset (stmt);
  return FALSE;
}

void
chc_bind_text_or_null (sqlite3_stmt *stmt,
                       int           index,
                       const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
chc_bind_id_or_null (sqlite3_stmt *stmt,
                     int           index,
                     gint64        id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

const char *
chc_column_text (sqlite3_stmt *stmt,
                 int           index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}

/* ---- migrations ------------------------------------------------------ */

/* Runs the script of schema @version (schema-vN.sql in the resource). */
static gboolean
exec_schema_script (ChcDatabase  *self,
                    int           version,
                    GError      **error)
{
  g_autofree char *path = g_strdup_printf ("/io/github/chcmonitor/ChcMonitor/schema-v%d.sql", version);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;

  bytes = g_resource_lookup_data (chc_data_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return chc_database_exec (self, sql, error);
}

static gboolean
migrate_to_1 (ChcDatabase  *self,
              GError      **error)
{
  g_autofree char *id = NULL;

  if (!exec_schema_script (self, 1, error))
    return FALSE;

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *created = g_date_time_format_iso8601 (now);

    id = g_uuid_string_random ();
    return chc_database_set_meta (self, "application", "chc-monitor", error) &&
           chc_database_set_meta (self, "installation_id", id, error) &&
           chc_database_set_meta (self, "created_at", created, error);
  }
}

static gboolean
migrate_to_2 (ChcDatabase  *self,
              GError      **error)
{
  g_clear_pointer (&self->installation_id, g_free);
  self->installation_id = chc_database_get_meta (self, "installation_id");
  return exec_schema_script (self, 2, error) &&
         chc_database_sync_migrate (self, error);
}

/* Schema 3 (issue 18): the pinned public keys of package senders. */
static gboolean
migrate_to_3 (ChcDatabase  *self,
              GError      **error)
{
  return exec_schema_script (self, 3, error);
}

/* Schema 4 (issue 16): the bulletin settings of a district and the
 * register of issued bulletins (not tracked: the office's own records). */
static gboolean
migrate_to_4 (ChcDatabase  *self,
              GError      **error)
{
  return exec_schema_script (self, 4, error);
}

/* Schema 5 (issue 17): national codes: every district's 行政区划代码 and
 * all 16 districts of Shanghai, a town's 乡镇级代码, a facility's
 * 统一社会信用代码 and 医疗机构执业许可证登记号 (tracked fields). */
static gboolean
migrate_to_5 (ChcDatabase  *self,
              GError      **error)
{
  return exec_schema_script (self, 5, error);
}

/* Schema 6 (issue 13): data elements — the commission's own elements, the
 * generic value tables, and capability kinds no longer frozen in a CHECK
 * (all tracked). */
static gboolean
migrate_to_6 (ChcDatabase  *self,
              GError      **error)
{
  return exec_schema_script (self, 6, error);
}

/* Schema 7 (issue 15): the reporting cycle — schedules, the states of
 * the reports (tracked), locked periods (tracked), and what reproduces an
 * issued bulletin. */
static gboolean
migrate_to_7 (ChcDatabase  *self,
              GError      **error)
{
  return exec_schema_script (self, 7, error);
}

/* Schema 8 (issue 14): a facility's history (opened, closed, type
 * changes), hospitals, provisional codes, two more project kinds, and the
 * indicators' sources, strict and per-facility targets.  It rebuilds
 * facility and project, which other tables refer to: chc_database_migrate()
 * turns foreign keys off around the migrations and checks them. */
static gboolean
migrate_to_8 (ChcDatabase  *self,
              GError      **error)
{
  return exec_schema_script (self, 8, error);
}

typedef gboolean (*MigrationFunc) (ChcDatabase *self, GError **error);

/* migrations[i] brings a database from version i to version i + 1. */
static const MigrationFunc migrations[] = {
  migrate_to_1,
  migrate_to_2,
  migrate_to_3,
  migrate_to_4,
  migrate_to_5,
  migrate_to_6,
  migrate_to_7,
  migrate_to_8,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CHC_DATABASE_SCHEMA_VERSION);

int
chc_sqlite_query_int (sqlite3    *db,
                      const char *sql,
                      int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int value = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc_out != NULL)
    *rc_out = rc;
  return value;
}

/* A "file:" URI of @path with @query ("mode=ro", "immutable=1"). */
static char *
file_uri (const char *path,
          const char *query)
{
  GString *uri = g_string_new ("file:");

  for (const char *p = path; *p; p++)
    {
      if (*p == '?' || *p == '#' || *p == '%')
        g_string_append_printf (uri, "%%%02X", (guchar) *p);
      else
        g_string_append_c (uri, *p);
    }
  g_string_append_printf (uri, "?%s", query);
  return g_string_free (uri, FALSE);
}

/* TRUE when no program can write to @path: neither the file nor (for the
 * -wal and -shm files a write needs) its folder can be written. */
static gboolean
path_is_read_only (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  if (g_access (path, W_OK) != 0)
    return TRUE;
  if (g_access (dir, W_OK) == 0)
    return FALSE;
  /* A folder that cannot be written: only an existing log can be used. */
  return g_access (wal, W_OK) != 0 || g_access (shm, W_OK) != 0;
}

/* Opens @path for reading only, through SQLite's locks (never a mode
 * without locks while another program may write, which would let it
 * remove the log under a reader).  When the file is in a folder where no
 * write-ahead log can be created and none exists, nobody can be writing
 * to it: then it is read as an unchanging file. */
static int
open_read_only (const char  *path,
                sqlite3    **db)
{
  g_autofree char *uri = file_uri (path, "mode=ro");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  int rc;

  rc = sqlite3_open_v2 (uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    return rc;
  /* Another program may be closing the file (the last one checkpoints
   * the log) or recovering it: a read waits for that. */
  sqlite3_busy_timeout (*db, CHC_DATABASE_DEFAULT_BUSY_TIMEOUT_MS);
  /* The first read opens the log; the checks that follow tell any other
   * failure in their words. */
  rc = sqlite3_exec (*db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY) &&
      path_is_read_only (path) && !g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *immutable = file_uri (path, "immutable=1");

      sqlite3_close (*db);
      *db = NULL;
      return sqlite3_open_v2 (immutable, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    }
  return SQLITE_OK;
}

/* The checks of a file before anything is written to it, on @db. */
static gboolean
check_connection (sqlite3     *db,
                  const char  *display,
                  gboolean     full,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  int app_id;
  int version;
  int n_objects;
  gboolean ok = FALSE;

  app_id = chc_sqlite_query_int (db, "PRAGMA application_id", &rc);
  if ((rc & 0xff) == SQLITE_NOTADB)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_CHC,
                   _("%s is not a CHC Monitor database (it is not a SQLite file at all)."),
                   display);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CORRUPT,
                   _("%s cannot be read: %s"), display, sqlite3_errstr (rc));
      return FALSE;
    }

  n_objects = chc_sqlite_query_int (db, "SELECT count(*) FROM sqlite_schema", &rc);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CORRUPT,
                   _("%s is damaged: %s"), display, sqlite3_errstr (rc));
      return FALSE;
    }

  if (app_id != CHC_DATABASE_APPLICATION_ID && !(app_id == 0 && n_objects == 0))
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_CHC,
                   _("%s is a SQLite database, but not a CHC Monitor database."),
                   display);
      return FALSE;
    }

  version = chc_sqlite_query_int (db, "PRAGMA user_version", &rc);
  if (version > CHC_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of CHC Monitor (schema %d; this version reads up to %d). Please update the application."),
                   display, version, CHC_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }
  /* A schema version without its tables: not a database this program
   * wrote (and no migration could start from it). */
  if (version > 0 &&
      chc_sqlite_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'", NULL) == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CORRUPT,
                   _("%s says it is a CHC Monitor database of schema %d, but its tables are missing. Restore it from a backup."),
                   display, version);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (db, full ? "PRAGMA integrity_check" : "PRAGMA quick_check",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CORRUPT,
                   _("%s is damaged and was not opened (integrity check: %s). Restore it from a backup."),
                   display,
                   rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0)
                                    : sqlite3_errstr (rc));
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  return ok;
}

/* Looks at a file that this process does not have open (a backup to
 * restore) without writing to it.  Returns FALSE with @error when the file
 * must be refused. */
static gboolean
inspect_file (const char  *path,
              gboolean     full,
              GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  chc_sqlite_install_locks ();
  rc = open_read_only (path, &db);
  if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_NOTADB)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                   _("Cannot open %s: %s"), display, sqlite3_errstr (rc));
      sqlite3_close (db);
      return FALSE;
    }
  ok = check_connection (db, display, full, error);
  sqlite3_close (db);
  return ok;
}

gboolean
chc_database_inspect_file (const char  *path,
                           GError     **error)
{
  return inspect_file (path, TRUE, error);
}

/* Whether every reference between rows still holds (after a migration
 * that ran with foreign keys off). */
static gboolean
check_foreign_keys (ChcDatabase  *self,
                    GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *table = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      chc_database_set_sql_error (self, error);
      return FALSE;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    table = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (table != NULL)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CORRUPT,
                   _("A row of table “%s” refers to a row that does not exist."), table);
      return FALSE;
    }
  return TRUE;
}

gboolean
chc_database_migrate (ChcDatabase  *self,
                      GError      **error)
{
  int version = chc_sqlite_query_int (self->db, "PRAGMA user_version", NULL);
  gboolean ok = TRUE;

  if (version >= CHC_DATABASE_SCHEMA_VERSION)
    return TRUE;

  /* A migration may rebuild a table others refer to (schema 8): foreign
   * keys are off meanwhile (the pragma is a no-op inside a transaction),
   * and each migration checks them before it commits. */
  if (!chc_database_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  for (int v = version; ok && v < CHC_DATABASE_SCHEMA_VERSION; v++)
    {
      g_autofree char *pragma = NULL;

      if (!chc_database_begin (self, error))
        {
          ok = FALSE;
          break;
        }
      pragma = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                CHC_DATABASE_APPLICATION_ID, v + 1);
      if (!migrations[v] (self, error) ||
          !check_foreign_keys (self, error) ||
          !chc_database_exec (self, pragma, error) ||
          !chc_database_commit (self, error))
        {
          chc_database_rollback (self);
          g_prefix_error (error, _("Cannot upgrade the database to schema %d: "), v + 1);
          ok = FALSE;
        }
    }
  if (!chc_database_exec (self, "PRAGMA foreign_keys = ON", ok ? error : NULL))
    ok = FALSE;

  return ok;
}

/* ---- GObject ---------------------------------------------------------- */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
chc_database_finalize (GObject *object)
{
  ChcDatabase *self = (ChcDatabase *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->pending_tables, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->installation_id, g_free);
  g_clear_pointer (&self->sync.origin, g_free);
  g_clear_pointer (&self->sync.lock_refusal, g_free);
  g_clear_pointer (&self->sync.now, g_free);

  G_OBJECT_CLASS (chc_database_parent_class)->finalize (object);
}

static void
chc_database_class_init (ChcDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chc_database_finalize;

  /**
   * ChcDatabase::changed:
   * @table: the table that changed (e.g. "facility")
   *
   * Emitted after a transaction that wrote to @table committed.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
chc_database_init (ChcDatabase *self)
{
  self->busy_timeout_ms = CHC_DATABASE_DEFAULT_BUSY_TIMEOUT_MS;
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  self->pending_tables = g_ptr_array_new_with_free_func (g_free);
}

/* ---- public API ------------------------------------------------------- */

char *
chc_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "chc-monitor",
                           "chc-monitor.db", NULL);
}

/* SQLite's busy handler: waits for another connection's write lock, with
 * growing pauses, telling the owner's busy function how long it has been
 * waiting; gives up after the timeout or when that function says so. */
static int
busy_cb (void *data,
         int   count)
{
  ChcDatabase *self = data;
  static const guint pauses_ms[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 };
  gint64 now = g_get_monotonic_time ();
  guint waited_ms;

  if (count == 0)
    self->busy_since = now;
  waited_ms = (guint) MIN ((now - self->busy_since) / 1000, G_MAXUINT);

  self->busy_gave_up = FALSE;
  if (waited_ms >= self->busy_timeout_ms ||
      (self->busy_func != NULL && !self->busy_func (self, waited_ms, self->busy_data)))
    {
      self->busy_gave_up = TRUE;
      return 0;
    }
  g_usleep (1000 * pauses_ms[MIN ((guint) count, G_N_ELEMENTS (pauses_ms) - 1)]);
  return 1;
}

/* The connection of @self to its file, with its settings; the file was
 * checked (or is new).  Nothing is written yet. */
static gboolean
open_connection (ChcDatabase  *self,
                 gboolean      create,
                 GError      **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  int rc;

  if (self->read_only)
    rc = open_read_only (self->path, &self->db);
  else
    rc = sqlite3_open_v2 (self->path, &self->db,
                          SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                   _("Cannot open %s: %s"), display, sqlite3_errstr (rc));
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_handler (self->db, busy_cb, self);
  return chc_database_exec (self,
                            "PRAGMA synchronous = NORMAL;"
                            "PRAGMA foreign_keys = ON;"
                            /* Statement journals (a statement that fires the
                             * row-version triggers needs one) in memory. */
                            "PRAGMA temp_store = MEMORY;",
                            error);
}

/**
 * chc_database_open:
 * @path: the database file; created when missing
 * @error: return location for an error
 *
 * Opens or creates a CHC Monitor database: the one owner of the file in
 * this process (its worker threads use chc_database_open_worker()).  A
 * file that is not a CHC Monitor database, that was written by a newer
 * version or that fails `PRAGMA quick_check` is refused without being
 * written to.  A file that cannot be written (or whose folder cannot)
 * opens read-only: chc_database_get_read_only() says so, and every write
 * fails with CHC_DATABASE_ERROR_READ_ONLY.
 */
ChcDatabase *
chc_database_open (const char  *path,
                   GError     **error)
{
  g_autoptr(ChcDatabase) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *display = NULL;
  gboolean exists = FALSE;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  chc_sqlite_install_locks ();

  if (g_stat (path, &st) == 0)
    {
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_CHC,
                       _("%s is not a file."), display);
          return NULL;
        }
      exists = TRUE;
      if (st.st_size > 0 && !inspect_file (path, FALSE, error))
        return NULL;
    }
  else
    {
      int fd;

      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                       _("Cannot create the folder %s: %s"),
                       dir, g_strerror (saved_errno));
          return NULL;
        }
      /* Created by us, for its owner only (SQLite would make it 0644). */
      fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (fd < 0 && errno != EEXIST)
        {
          int saved_errno = errno;
          g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                       _("Cannot create %s: %s"), display, g_strerror (saved_errno));
          return NULL;
        }
      if (fd >= 0)
        g_close (fd, NULL);
    }
  chc_database_clean_leftovers (path);

  self = g_object_new (CHC_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->read_only = exists && path_is_read_only (path);

  if (!open_connection (self, !exists, error))
    return NULL;

  if (self->read_only)
    {
      if (chc_database_get_schema_version (self) < CHC_DATABASE_SCHEMA_VERSION)
        {
          g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_READ_ONLY,
                       _("%s was written by an older version of CHC Monitor and must be upgraded, but it cannot be written (the file or its folder is read-only). Copy it to a folder you can write to."),
                       display);
          return NULL;
        }
    }
  else
    {
      /* Upgraded (or created) in rollback mode first: a refused or failed
       * migration leaves the file as it was. */
      if (!chc_database_migrate (self, error) ||
          !chc_database_exec (self, "PRAGMA journal_mode = WAL", error))
        return NULL;
    }

  chc_database_reload_meta (self);
  if (!chc_database_sync_setup (self, error))
    return NULL;
  self->data_version = chc_sqlite_query_int (self->db, "PRAGMA data_version", NULL);

  return g_steal_pointer (&self);
}

/**
 * chc_database_open_worker:
 * @path: the file of a database this process has open
 * @error: return location for an error
 *
 * Another connection to a database that chc_database_open() opened (and
 * checked and upgraded) in this process, for a worker thread: it neither
 * checks nor upgrades the file again.
 */
ChcDatabase *
chc_database_open_worker (const char  *path,
                          GError     **error)
{
  g_autoptr(ChcDatabase) self = NULL;
  g_autofree char *display = g_filename_display_name (path);

  g_return_val_if_fail (path != NULL, NULL);

  chc_sqlite_install_locks ();
  self = g_object_new (CHC_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->worker = TRUE;
  /* A worker (an import, a merge) runs beside a responsive window: it can
   * wait longer for another program's write than the window's own saves. */
  self->busy_timeout_ms = 120 * 1000;
  self->read_only = path_is_read_only (path);
  if (!open_connection (self, FALSE, error))
    return NULL;
  if (chc_database_get_schema_version (self) != CHC_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_CHC,
                   _("%s was replaced by another file meanwhile; open it again."), display);
      return NULL;
    }
  chc_database_reload_meta (self);
  if (!chc_database_sync_setup (self, error))
    return NULL;
  self->data_version = chc_sqlite_query_int (self->db, "PRAGMA data_version", NULL);
  return g_steal_pointer (&self);
}

gboolean
chc_database_get_read_only (ChcDatabase *self)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  return self->read_only;
}

gboolean
chc_database_get_worker (ChcDatabase *self)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  return self->worker;
}

void
chc_database_set_busy_handler (ChcDatabase         *self,
                               guint                timeout_ms,
                               ChcDatabaseBusyFunc  func,
                               gpointer             user_data)
{
  g_return_if_fail (CHC_IS_DATABASE (self));

  self->busy_timeout_ms = timeout_ms;
  self->busy_func = func;
  self->busy_data = user_data;
}

/* The tables whose ::changed the views listen to: announced all at once
 * when another program changed the file. */
static const char * const announced_tables[] = {
  "facility", "capability", "signing", "tcm", "project",
  "plan", "target", "indicator", "meta",
};

void
chc_database_refresh (ChcDatabase *self)
{
  g_return_if_fail (CHC_IS_DATABASE (self));

  if (self->depth > 0)
    return;
  self->data_version = chc_sqlite_query_int (self->db, "PRAGMA data_version", NULL);
  /* The clock, the demo mark and the installation may have moved too. */
  chc_database_reload_meta (self);
  for (guint i = 0; i < G_N_ELEMENTS (announced_tables); i++)
    g_signal_emit (self, signals[SIGNAL_CHANGED],
                   g_quark_from_static_string (announced_tables[i]), announced_tables[i]);
}

gboolean
chc_database_poll_external_change (ChcDatabase *self)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (self->depth > 0 ||
      chc_sqlite_query_int (self->db, "PRAGMA data_version", NULL) == self->data_version)
    return FALSE;
  chc_database_refresh (self);
  return TRUE;
}

void
chc_database_reload_meta (ChcDatabase *self)
{
  g_autofree char *demo = chc_database_get_meta (self, "demo");
  g_autofree char *clock = chc_database_get_meta (self, "clock");

  g_clear_pointer (&self->installation_id, g_free);
  self->installation_id = chc_database_get_meta (self, "installation_id");
  self->demo = g_strcmp0 (demo, "1") == 0;
  self->sync.clock = clock != NULL ? g_ascii_strtoll (clock, NULL, 10) : 0;
  self->sync.tick = 0;
}

ChcSyncState *
chc_database_get_sync_state (ChcDatabase *self)
{
  return &self->sync;
}

void
chc_database_set_installation_id (ChcDatabase *self,
                                  const char  *id)
{
  g_free (self->installation_id);
  self->installation_id = g_strdup (id);
}

guint
chc_database_get_depth (ChcDatabase *self)
{
  return self->depth;
}

const char *
chc_database_get_path (ChcDatabase *self)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);
  return self->path;
}

int
chc_database_get_schema_version (ChcDatabase *self)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), 0);
  return chc_sqlite_query_int (self->db, "PRAGMA user_version", NULL);
}

const char *
chc_database_get_installation_id (ChcDatabase *self)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);
  return self->installation_id;
}

gboolean
chc_database_get_demo (ChcDatabase *self)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  return self->demo;
}

gboolean
chc_database_set_demo (ChcDatabase  *self,
                       gboolean      demo,
                       GError      **error)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (!chc_database_set_meta (self, "demo", demo ? "1" : "0", error))
    return FALSE;
  self->demo = !!demo;
  return TRUE;
}

char *
chc_database_get_meta (ChcDatabase *self,
                       const char  *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self, "SELECT value FROM meta WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (chc_database_step_row (self, stmt, NULL))
    value = g_strdup (chc_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
chc_database_set_meta (ChcDatabase  *self,
                       const char   *key,
                       const char   *value,
                       GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;
  stmt = chc_database_prepare (self,
                               "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  chc_database_notify_changed (self, "meta");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

gboolean
chc_database_check_writable (ChcDatabase  *self,
                             GError      **error)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (self->read_only)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_READ_ONLY,
                   _("%s is open read-only (the file or its folder cannot be written): nothing can be changed."),
                   display);
      return FALSE;
    }
  return TRUE;
}

gboolean
chc_database_begin (ChcDatabase  *self,
                    GError      **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (self->depth == 0 && !chc_database_check_writable (self, error))
    return FALSE;

  if (self->depth == 0)
    {
      sql = g_strdup ("BEGIN IMMEDIATE");
      g_clear_pointer (&self->sync.lock_refusal, g_free);
    }
  else
    sql = g_strdup_printf ("SAVEPOINT chc_%u", self->depth);

  if (!chc_database_exec (self, sql, error))
    return FALSE;
  self->depth++;
  /* Another connection (an import's worker, chc-cli) may have moved the
   * clock: read it under the write lock just taken. */
  if (self->depth == 1)
    chc_database_sync_after_begin (self);
  return TRUE;
}

gboolean
chc_database_commit (ChcDatabase  *self,
                     GError      **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    {
      if (!chc_database_sync_before_commit (self, error))
        {
          chc_database_rollback (self);
          return FALSE;
        }
      sql = g_strdup ("COMMIT");
    }
  else
    sql = g_strdup_printf ("RELEASE chc_%u", self->depth - 1);

  if (!chc_database_exec (self, sql, error))
    {
      chc_database_rollback (self);
      return FALSE;
    }
  self->depth--;

  if (self->depth == 0 && self->pending_tables->len > 0)
    {
      g_autoptr(GPtrArray) tables = g_steal_pointer (&self->pending_tables);

      self->pending_tables = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < tables->len; i++)
        {
          const char *table = g_ptr_array_index (tables, i);
          g_signal_emit (self, signals[SIGNAL_CHANGED],
                         g_quark_from_string (table), table);
        }
    }
  return TRUE;
}

void
chc_database_rollback (ChcDatabase *self)
{
  g_return_if_fail (CHC_IS_DATABASE (self));

  if (self->depth == 0)
    return;

  if (self->depth == 1)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_ptr_array_set_size (self->pending_tables, 0);
      chc_database_sync_after_rollback (self);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO chc_%u; RELEASE chc_%u",
                                              self->depth - 1, self->depth - 1);
      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }
  self->depth--;
}

void
chc_database_notify_changed (ChcDatabase *self,
                             const char  *table)
{
  g_return_if_fail (CHC_IS_DATABASE (self));

  for (guint i = 0; i < self->pending_tables->len; i++)
    if (g_str_equal (g_ptr_array_index (self->pending_tables, i), table))
      return;
  g_ptr_array_add (self->pending_tables, g_strdup (table));

  if (self->depth == 0)
    {
      /* A write outside a transaction: announce it now. */
      g_autoptr(GPtrArray) tables = g_steal_pointer (&self->pending_tables);
      self->pending_tables = g_ptr_array_new_with_free_func (g_free);
      g_signal_emit (self, signals[SIGNAL_CHANGED],
                     g_quark_from_string (table), table);
    }
}

GPtrArray *
chc_database_check (ChcDatabase  *self,
                    GError      **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) facilities = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return NULL;
  while (chc_database_step_row (self, stmt, error))
    {
      const char *line = chc_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup_printf (_("integrity: %s"), line));
    }
  if (error != NULL && *error != NULL)
    return NULL;

  stmt = chc_database_prepare (self, "PRAGMA foreign_key_check", error);
  if (stmt == NULL)
    return NULL;
  while (chc_database_step_row (self, stmt, error))
    g_ptr_array_add (problems,
                     g_strdup_printf (_("table %s, row %lld: refers to a missing row of %s"),
                                      chc_column_text (stmt, 0),
                                      (long long) sqlite3_column_int64 (stmt, 1),
                                      chc_column_text (stmt, 2)));
  if (error != NULL && *error != NULL)
    return NULL;

  facilities = chc_database_list_facilities (self, 0, error);
  if (facilities == NULL)
    return NULL;

  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *facility = g_ptr_array_index (facilities, i);
      g_autoptr(GPtrArray) violations = chc_database_check_facility (self, facility, error);

      if (violations == NULL)
        return NULL;
      for (guint j = 0; j < violations->len; j++)
        {
          ChcViolation *v = g_ptr_array_index (violations, j);
          g_ptr_array_add (problems,
                           g_strdup_printf ("%s (%s): %s",
                                            chc_facility_get_name (facility),
                                            chc_facility_get_code (facility),
                                            v->message));
        }
    }

  if (!chc_database_check_tcm (self, problems, error))
    return NULL;
  if (!chc_database_check_projects (self, problems, error))
    return NULL;
  if (!chc_database_check_signing (self, problems, error))
    return NULL;

  return g_steal_pointer (&problems);
}

char *
chc_database_describe_version (const char *program)
{
  /* TRANSLATORS: --version: the program and its version, the schema of the
   * databases and the format of the exchange packages it reads and writes,
   * and its licence. */
  return g_strdup_printf (_("%s %s\nDatabase schema %d; exchange packages format %d.\nLicence: GNU GPL version 3 or later."),
                          program, PACKAGE_VERSION, CHC_DATABASE_SCHEMA_VERSION, CHC_PACKAGE_FORMAT_VERSION);
}
