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
  return chc_database_register_issued_bulletin (self, district_id, prefix, year, 0, title, period,
                                                issue_date, editions, NULL, NULL, NULL, error);
}

int
chc_database_register_issued_bulletin (ChcDatabase  *self,
                                       gint64        district_id,
                                       const char   *prefix,
                                       int           year,
                                       int           expected,
                                       const char   *title,
                                       const char   *period,
                                       const char   *issue_date,
                                       int           editions,
                                       const char   *issuer,
                                       const char   *figures,
                                       const char   *checksum,
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
  if (expected > 0 && number != expected)
    {
      /* Taken meanwhile: the caller builds again with @number. */
      chc_database_rollback (self);
      return number;
    }
  stmt = chc_database_prepare (self,
                               "INSERT INTO bulletin_issue (district_id, prefix, year, number, title, period,"
                               " issue_date, editions, issued_at, issued_by, issuer, figures, checksum)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                               " strftime ('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), ?9, ?10, ?11, ?12)",
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
  if (issuer != NULL)
    sqlite3_bind_text (stmt, 10, issuer, -1, SQLITE_TRANSIENT);
  if (figures != NULL)
    sqlite3_bind_text (stmt, 11, figures, -1, SQLITE_TRANSIENT);
  if (checksum != NULL)
    sqlite3_bind_text (stmt, 12, checksum, -1, SQLITE_TRANSIENT);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  if (!chc_database_commit (self, error))
    return 0;
  return number;

fail:
  chc_database_rollback (self);
  return 0;
}

/* ---- the register ---- */

void
chc_bulletin_issue_free (ChcBulletinIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->prefix);
  g_free (issue->title);
  g_free (issue->period);
  g_free (issue->issue_date);
  g_free (issue->issued_at);
  g_free (issue->issued_by);
  g_free (issue->issuer);
  g_free (issue->figures);
  g_free (issue->checksum);
  g_free (issue);
}

char *
chc_bulletin_issue_dup_doc_number (const ChcBulletinIssue *issue)
{
  g_return_val_if_fail (issue != NULL, NULL);
  return g_strdup_printf ("%s〔%d〕%d号", issue->prefix, issue->year, issue->number);
}

#define ISSUE_COLUMNS \
  "id, district_id, prefix, year, number, title, period, issue_date, editions, issued_at," \
  " issued_by, issuer, figures, checksum"

static char *
column_or_null (sqlite3_stmt *stmt,
                int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static ChcBulletinIssue *
issue_from_row (sqlite3_stmt *stmt)
{
  ChcBulletinIssue *issue = g_new0 (ChcBulletinIssue, 1);

  issue->id = sqlite3_column_int64 (stmt, 0);
  issue->district_id = sqlite3_column_int64 (stmt, 1);
  issue->prefix = g_strdup (chc_column_text (stmt, 2));
  issue->year = sqlite3_column_int (stmt, 3);
  issue->number = sqlite3_column_int (stmt, 4);
  issue->title = g_strdup (chc_column_text (stmt, 5));
  issue->period = g_strdup (chc_column_text (stmt, 6));
  issue->issue_date = g_strdup (chc_column_text (stmt, 7));
  issue->editions = sqlite3_column_int (stmt, 8);
  issue->issued_at = g_strdup (chc_column_text (stmt, 9));
  issue->issued_by = g_strdup (chc_column_text (stmt, 10));
  issue->issuer = column_or_null (stmt, 11);
  issue->figures = column_or_null (stmt, 12);
  issue->checksum = column_or_null (stmt, 13);
  return issue;
}

GPtrArray *
chc_database_list_bulletins (ChcDatabase  *self,
                             gint64        district_id,
                             GError      **error)
{
  g_autoptr(GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_bulletin_issue_free);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT " ISSUE_COLUMNS " FROM bulletin_issue"
                               " WHERE ?1 = 0 OR district_id = ?1 ORDER BY issued_at, id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  while (chc_database_step_row (self, stmt, &local_error))
    g_ptr_array_add (issues, issue_from_row (stmt));
  sqlite3_reset (stmt);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&issues);
}

static ChcBulletinIssue *
one_issue (ChcDatabase   *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  ChcBulletinIssue *issue = NULL;

  if (chc_database_step_row (self, stmt, &local_error))
    issue = issue_from_row (stmt);
  sqlite3_reset (stmt);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (issue == NULL)
    g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                 _("No bulletin %s in the register of issued bulletins"), what);
  return issue;
}

ChcBulletinIssue *
chc_database_get_bulletin (ChcDatabase  *self,
                           gint64        id,
                           GError      **error)
{
  g_autofree char *what = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self, "SELECT " ISSUE_COLUMNS " FROM bulletin_issue WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  what = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  return one_issue (self, stmt, what, error);
}

ChcBulletinIssue *
chc_database_find_bulletin (ChcDatabase  *self,
                            gint64        district_id,
                            const char   *prefix,
                            int           year,
                            int           number,
                            GError      **error)
{
  g_autofree char *what = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT " ISSUE_COLUMNS " FROM bulletin_issue"
                               " WHERE (?1 = 0 OR district_id = ?1) AND prefix = ?2 AND year = ?3 AND number = ?4"
                               " ORDER BY id LIMIT 1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_text (stmt, 2, prefix ? prefix : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, year);
  sqlite3_bind_int (stmt, 4, number);
  what = g_strdup_printf ("%s〔%d〕%d号", prefix ? prefix : "", year, number);
  return one_issue (self, stmt, what, error);
}
