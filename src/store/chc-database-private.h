/* chc-database-private.h — helpers shared by the store's source files only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "chc-database.h"

G_BEGIN_DECLS

/* A cached prepared statement for @sql (a string literal: the cache is keyed
 * by its address).  The statement comes back reset with its bindings
 * cleared; do not finalize it. */
sqlite3_stmt *chc_database_prepare     (ChcDatabase   *self,
                                        const char    *sql,
                                        GError       **error);
/* Runs a statement without results (for DDL and PRAGMAs only). */
gboolean      chc_database_exec        (ChcDatabase   *self,
                                        const char    *sql,
                                        GError       **error);
/* Steps a statement that returns no rows; sets @error on failure. */
gboolean      chc_database_step_done   (ChcDatabase   *self,
                                        sqlite3_stmt  *stmt,
                                        GError       **error);
/* Steps once: TRUE and no error on SQLITE_ROW, FALSE and no error on
 * SQLITE_DONE, FALSE with @error on failure. */
gboolean      chc_database_step_row    (ChcDatabase   *self,
                                        sqlite3_stmt  *stmt,
                                        GError       **error);
void          chc_database_set_sql_error (ChcDatabase *self,
                                        GError       **error);
sqlite3      *chc_database_get_handle  (ChcDatabase   *self);

/* Binds NULL for a NULL string, else the text (copied). */
void          chc_bind_text_or_null    (sqlite3_stmt  *stmt,
                                        int            index,
                                        const char    *text);
void          chc_bind_id_or_null      (sqlite3_stmt  *stmt,
                                        int            index,
                                        gint64         id);
const char   *chc_column_text          (sqlite3_stmt  *stmt,
                                        int            index);
/* The first column of @sql's first row as an int (0 without a row);
 * @rc_out (may be NULL): SQLITE_OK, or the error. */
int           chc_sqlite_query_int     (sqlite3       *db,
                                        const char    *sql,
                                        int           *rc_out);

/* Every lock SQLite takes in this process survives a close() of the file
 * by other code (chc-sqlite-locks.c).  Before any connection to a file. */
void          chc_sqlite_install_locks (void);

G_END_DECLS
