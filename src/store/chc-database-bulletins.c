/* chc-database-bulletins.c — the bulletin settings of a district and the
 * register of issued bulletins.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-database"

#include <glib/gi18n-lib.h>

#include "chc-database-private.h"
#include "chc-database-bulletins.h"

char *
chc_database_get_bulletin_setting (ChcDatabase *self,
                                   gint64       district_id,
                                   const char  *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = chc_database_prepare (self,
                               "SELECT value FROM bulletin_setting WHERE district_id = ?1 AND key = ?2",
                               NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (chc_database_step_row (self, stmt, NULL))
    value = g_strdup (chc_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
chc_database_set_bulletin_setting (ChcDatabase  *self,
                                   gint64        district_id,
                                   const char   *key,
                                   const char   *value,
                                   GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (key != NULL && *key, FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;
  if (value == NULL)
    stmt = chc_database_prepare (self,
                                 "DELETE FROM bulletin_setting WHERE district_id = ?1 AND key = ?2",
                                 error);
  else
    stmt = chc_database_prepare (self,
                                 "INSERT INTO bulletin_setting (district_id, key, value) VALUES (?1, ?2, ?3) "
                                 "ON CONFLICT (district_id, key) DO UPDATE SET value = excluded.value",
                                 error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 3, value, -1, SQLITE_TRANSIENT);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

static int
next_number (ChcDatabase  *self,
             gint64        district_id,
             const char   *prefix,
             int           year,
             GError      **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GError) local_error = NULL;
  int number = 1;

  stmt = chc_database_prepare (self,
                               "SELECT coalesce (max (number), 0) + 1 FROM bulletin_issue "
                               "WHERE district_id = ?1 AND prefix = ?2 AND year = ?3",
                               error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_text (stmt, 2, prefix ? prefix : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, year);
  if (chc_database_step_row (self, stmt, &local_error))
    number = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  return number;
}

int
chc_database_next_bulletin_number (ChcDatabase  *self,
                                   gint64        district_id,
                                   const char   *prefix,
                                   int           year,
                                   GError      **error)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), 0);
  return next_number (self, district_id, prefix, year, error);
}

int
chc_database_register_bulletin (ChcDatabase  *self,
                                gint64        district_id,
                                const char   *prefix,
                                int           year,
                                const char   *title,
                                const char   *period,
                                const char   *issue_date,
                                int           editions,
                                GError      **error)
{
  sqlite3_stmt *stmt;
  int number;

  g_return_val_if_fail (CHC_IS_DATABASE (self), 0);

  if (!chc_database_begin (self, error))
    return 0;
  number = next_number (self, district_id, prefix, year, error);
  if (number <= 0)
    goto fail;
  stmt = chc_database_prepare (self,
                               "INSERT INTO bulletin_issue (district_id, prefix, year, number, title, period,"
                               " issue_date, editions, issued_at, issued_by)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                               " strftime ('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), ?9)",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_text (stmt, 2, prefix ? prefix : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, year);
  sqlite3_bind_int (stmt, 4, number);
  sqlite3_bind_text (stmt, 5, title ? title : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, period ? period : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, issue_date ? issue_date : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, MAX (editions, 1));
  sqlite3_bind_text (stmt, 9, g_get_user_name (), -1, SQLITE_TRANSIENT);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  if (!chc_database_commit (self, error))
    return 0;
  return number;

fail:
  chc_database_rollback (self);
  return 0;
}
