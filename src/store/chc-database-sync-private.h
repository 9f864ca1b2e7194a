/* chc-database-sync-private.h — the tracked tables, shared by the store's
 * sync files (row versions, audit, packages).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chc-database-private.h"

G_BEGIN_DECLS

/* One field of a tracked table in its portable form: foreign keys are
 * written as the natural key of the row they refer to (a facility's code,
 * a district's name, a project's uid). */
typedef struct
{
  const char *name;       /* in packages and the audit log */
  const char *column;     /* the column it is stored in; NULL: name */
  const char *out_expr;   /* its value over the row alias R; NULL: R.<column> */
  const char *in_expr;    /* the column's value from named parameters
                             (:name); NULL: :<name> */
  gboolean    key;        /* part of the natural key, in order */
} ChcTrackedField;

typedef struct
{
  const char            *table;
  const char            *label;           /* N_() */
  const char            *conflict_target; /* the columns of its unique key */
  const ChcTrackedField *fields;          /* terminated by { NULL } */
} ChcTrackedTable;

/* In dependency order: a table refers only to those before it. */
const ChcTrackedTable *chc_tracked_tables      (guint                 *n_tables);
const ChcTrackedTable *chc_tracked_table_find  (const char            *table);
guint                  chc_tracked_table_n_fields (const ChcTrackedTable *table);
const char            *chc_tracked_field_column (const ChcTrackedField *field);
/* The schema version that added the field (1 for the first ones): a
 * package of an older schema does not carry it. */
int                    chc_tracked_field_since (const ChcTrackedTable *table,
                                                const ChcTrackedField *field);
/* The SQL of the row key or of a field's value, over the row alias @alias
 * (R, NEW or OLD). */
char                  *chc_tracked_key_sql     (const ChcTrackedTable *table,
                                                const char            *alias);
char                  *chc_tracked_value_sql   (const ChcTrackedField *field,
                                                const char            *alias);
/* "col = expr AND …" finding a row by its key fields as named
 * parameters (:facility, :period …). */
char                  *chc_tracked_key_where_sql (const ChcTrackedTable *table);

/* The clock of this database: the tick of the last committed change. */
gint64      chc_database_get_clock         (ChcDatabase *self);
/* Set up the row-version and audit triggers of a connection (open). */
gboolean    chc_database_sync_setup        (ChcDatabase  *self,
                                            GError      **error);
/* Backfills the versions of the rows present before schema 2. */
gboolean    chc_database_sync_migrate      (ChcDatabase  *self,
                                            GError      **error);
/* Called by chc_database_commit() before the outermost COMMIT, and by
 * chc_database_rollback() after the outermost ROLLBACK. */
gboolean    chc_database_sync_before_commit (ChcDatabase  *self,
                                             GError      **error);
void        chc_database_sync_after_rollback (ChcDatabase *self);
/* Called by chc_database_begin() after the outermost BEGIN. */
void        chc_database_sync_after_begin  (ChcDatabase *self);
/* The tick of the open transaction (taken now if not yet). */
gint64      chc_database_take_tick         (ChcDatabase *self);
/* "YYYY-MM-DD HH:MM:SS", local time. */
char       *chc_database_now_text          (void);

G_END_DECLS

G_BEGIN_DECLS

/* The per-connection state of row versions (inside ChcDatabase). */
typedef struct
{
  gint64  clock;        /* last committed tick */
  gint64  tick;         /* tick of the open transaction; 0: none taken yet */
  char   *origin;       /* NULL: "entry" */
  char   *now;          /* the time of the open transaction's changes */
  char   *lock_refusal; /* why a lock trigger refused the last write (issue 15) */
} ChcSyncState;

ChcSyncState *chc_database_get_sync_state      (ChcDatabase *self);
/* Why a lock trigger refused the last write (chc-database-reporting.c), or
 * NULL; forgets it.  (transfer full) */
char         *chc_database_take_lock_refusal   (ChcDatabase *self);
void          chc_database_set_installation_id (ChcDatabase *self,
                                                const char  *id);
/* Read-only check of a file: refused (FALSE + @error) unless it is a CHC
 * Monitor database this version can read. */
gboolean      chc_database_inspect_file        (const char  *path,
                                                GError     **error);
/* Migrations, when a restored file is older. */
gboolean      chc_database_migrate             (ChcDatabase *self,
                                                GError     **error);
/* Re-reads meta (installation id, demo, clock) after a restore. */
void          chc_database_reload_meta         (ChcDatabase *self);
guint         chc_database_get_depth           (ChcDatabase *self);
/* Removes what an interrupted backup or restore left beside the database
 * at @db_path and in its backups folder: only the temporary files of
 * chc-database-sync.c (NAME.chc-XXXXXX.part and their -journal, -wal,
 * -shm) that no process is still writing, and in the backups folder the
 * BASE.*.bak.part of older versions; never the database's own
 * -journal, -wal or -shm (a hot journal is SQLite's to roll back). */
void          chc_database_clean_leftovers     (const char  *db_path);

G_END_DECLS
