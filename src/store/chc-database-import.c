/* chc-database-import.c — bulk reads and writes of the CSV import/export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-database"

#include "chc-database-sync-private.h"
#include "chc-database-import.h"

gboolean
chc_database_foreach_signing (ChcDatabase             *self,
                              gint64                   district_id,
                              gboolean                 by_code,
                              ChcDatabaseSigningFunc   func,
                              gpointer                 user_data,
                              GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (by_code)
    stmt = chc_database_prepare (self,
                                 "SELECT s.facility_id, s.period, s.resident_population, s.signed_residents,"
                                 " s.key_population, s.key_population_signed, s.online_signed,"
                                 " s.signed_visits_total, s.signed_visits_in_community"
                                 " FROM signing s JOIN facility f ON f.id = s.facility_id"
                                 " WHERE ?1 = 0 OR f.district_id = ?1 ORDER BY f.code, s.period",
                                 error);
  else if (district_id == 0)
    stmt = chc_database_prepare (self,
                                 "SELECT facility_id, period, resident_population, signed_residents,"
                                 " key_population, key_population_signed, online_signed,"
                                 " signed_visits_total, signed_visits_in_community"
                                 " FROM signing ORDER BY facility_id, period",
                                 error);
  else
    stmt = chc_database_prepare (self,
                                 "SELECT s.facility_id, s.period, s.resident_population, s.signed_residents,"
                                 " s.key_population, s.key_population_signed, s.online_signed,"
                                 " s.signed_visits_total, s.signed_visits_in_community"
                                 " FROM signing s JOIN facility f ON f.id = s.facility_id"
                                 " WHERE f.district_id = ?1 ORDER BY s.facility_id, s.period",
                                 error);
  if (stmt == NULL)
    return FALSE;
  if (by_code || district_id != 0)
    sqlite3_bind_int64 (stmt, 1, district_id);

  while (chc_database_step_row (self, stmt, &local_error))
    {
      gint64 figures[CHC_DATABASE_SIGNING_N_FIGURES];

      for (int f = 0; f < CHC_DATABASE_SIGNING_N_FIGURES; f++)
        figures[f] = sqlite3_column_int64 (stmt, 2 + f);
      if (!func (sqlite3_column_int64 (stmt, 0), chc_column_text (stmt, 1), figures,
                 user_data, &local_error))
        {
          sqlite3_reset (stmt);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          return TRUE;
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
chc_database_upsert_signing (ChcDatabase   *self,
                             gint64         facility_id,
                             const char    *period,
                             const gint64  *figures,
                             GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (period != NULL && figures != NULL, FALSE);

  stmt = chc_database_prepare (self,
                               "INSERT INTO signing (facility_id, period, resident_population,"
                               " signed_residents, key_population, key_population_signed,"
                               " online_signed, signed_visits_total, signed_visits_in_community,"
                               " created_tick)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                               " ON CONFLICT (facility_id, period) DO UPDATE SET"
                               " resident_population = excluded.resident_population,"
                               " signed_residents = excluded.signed_residents,"
                               " key_population = excluded.key_population,"
                               " key_population_signed = excluded.key_population_signed,"
                               " online_signed = excluded.online_signed,"
                               " signed_visits_total = excluded.signed_visits_total,"
                               " signed_visits_in_community = excluded.signed_visits_in_community",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, facility_id);
  /* stepped and reset before @period goes away */
  sqlite3_bind_text (stmt, 2, period, -1, SQLITE_STATIC);
  for (int f = 0; f < CHC_DATABASE_SIGNING_N_FIGURES; f++)
    sqlite3_bind_int64 (stmt, 3 + f, figures[f]);
  sqlite3_bind_int64 (stmt, 10, chc_database_take_tick (self));
  return chc_database_step_done (self, stmt, error);
}

/* ---- TCM visits ----------------------------------------------------------- */

gboolean
chc_database_foreach_tcm_visits (ChcDatabase               *self,
                                 gint64                     district_id,
                                 gboolean                   by_code,
                                 ChcDatabaseTcmVisitsFunc   func,
                                 gpointer                   user_data,
                                 GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (by_code)
    stmt = chc_database_prepare (self,
                                 "SELECT v.facility_id, v.period, v.tcm_visits, v.all_visits"
                                 " FROM tcm_visits v JOIN facility f ON f.id = v.facility_id"
                                 " WHERE ?1 = 0 OR f.district_id = ?1 ORDER BY f.code, v.period",
                                 error);
  else
    stmt = chc_database_prepare (self,
                                 "SELECT v.facility_id, v.period, v.tcm_visits, v.all_visits"
                                 " FROM tcm_visits v JOIN facility f ON f.id = v.facility_id"
                                 " WHERE ?1 = 0 OR f.district_id = ?1 ORDER BY v.facility_id, v.period",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, district_id);

  while (chc_database_step_row (self, stmt, &local_error))
    if (!func (sqlite3_column_int64 (stmt, 0), chc_column_text (stmt, 1),
               sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
               user_data, &local_error))
      {
        sqlite3_reset (stmt);
        break;
      }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
chc_database_upsert_tcm_visits (ChcDatabase  *self,
                                gint64        facility_id,
                                const char   *period,
                                gint64        tcm_visits,
                                gint64        all_visits,
                                GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  stmt = chc_database_prepare (self,
                               "INSERT INTO tcm_visits (facility_id, period, tcm_visits, all_visits,"
                               " created_tick) VALUES (?1, ?2, ?3, ?4, ?5)"
                               " ON CONFLICT (facility_id, period) DO UPDATE"
                               " SET tcm_visits = excluded.tcm_visits, all_visits = excluded.all_visits",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, facility_id);
  sqlite3_bind_text (stmt, 2, period, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, tcm_visits);
  sqlite3_bind_int64 (stmt, 4, all_visits);
  sqlite3_bind_int64 (stmt, 5, chc_database_take_tick (self));
  return chc_database_step_done (self, stmt, error);
}

/* ---- indexes -------------------------------------------------------------- */

GStrv
chc_database_drop_indexes (ChcDatabase  *self,
                           const char   *table,
                           GError      **error)
{
  g_autoptr(GStrvBuilder) statements = g_strv_builder_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_strcmp0 (table, "signing") == 0 || g_strcmp0 (table, "tcm_visits") == 0, NULL);

  /* Named indexes only (sql IS NOT NULL): not those of the keys. */
  stmt = chc_database_prepare (self,
                               "SELECT name, sql FROM sqlite_schema"
                               " WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL"
                               " ORDER BY name",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  while (chc_database_step_row (self, stmt, &local_error))
    {
      g_ptr_array_add (names, g_strdup (chc_column_text (stmt, 0)));
      g_strv_builder_add (statements, chc_column_text (stmt, 1));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      /* the name comes from the schema; quoted as an identifier */
      g_autoptr(GString) sql = g_string_new ("DROP INDEX \"");
      for (const char *p = g_ptr_array_index (names, i); *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (sql, '"');
          g_string_append_c (sql, *p);
        }
      g_string_append_c (sql, '"');
      if (!chc_database_exec (self, sql->str, error))
        return NULL;
    }
  return g_strv_builder_end (statements);
}

gboolean
chc_database_restore_indexes (ChcDatabase        *self,
                              const char *const  *statements,
                              GError            **error)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  for (guint i = 0; statements != NULL && statements[i] != NULL; i++)
    if (!chc_database_exec (self, statements[i], error))
      return FALSE;
  return TRUE;
}
