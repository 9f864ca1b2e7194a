/* chc-database-facilities.c — districts, towns and facilities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-database"

#include <glib/gi18n-lib.h>

#include "chc-database-private.h"
#include "core/chc-codes.h"
#include "core/chc-date.h"
#include "core/chc-validate.h"

#define FACILITY_COLUMNS \
  "f.id, f.code, f.name, f.type, f.district_id, d.name, f.town_id, t.name, " \
  "f.parent_id, p.name, f.floor_area, f.standardized, f.standardized_year, f.status, " \
  "f.credit_code, f.license_no, f.opened_on, f.closed_on, f.code_provisional"
#define FACILITY_FROM \
  " FROM facility f JOIN district d ON d.id = f.district_id" \
  " LEFT JOIN town t ON t.id = f.town_id" \
  " LEFT JOIN facility p ON p.id = f.parent_id"

static ChcFacility *
facility_from_row (sqlite3_stmt *stmt)
{
  ChcFacility *facility = chc_facility_new ();
  ChcFacilityType type = CHC_FACILITY_CENTRE;
  ChcFacilityStatus status = CHC_FACILITY_OPERATING;

  chc_facility_type_from_nick (chc_column_text (stmt, 3), &type);
  chc_facility_status_from_nick (chc_column_text (stmt, 13), &status);

  chc_facility_set_id (facility, sqlite3_column_int64 (stmt, 0));
  chc_facility_set_code (facility, chc_column_text (stmt, 1));
  chc_facility_set_name (facility, chc_column_text (stmt, 2));
  chc_facility_set_facility_type (facility, type);
  chc_facility_set_district_id (facility, sqlite3_column_int64 (stmt, 4));
  chc_facility_set_district_name (facility, chc_column_text (stmt, 5));
  chc_facility_set_town_id (facility, sqlite3_column_int64 (stmt, 6));
  chc_facility_set_town_name (facility, chc_column_text (stmt, 7));
  chc_facility_set_parent_id (facility, sqlite3_column_int64 (stmt, 8));
  chc_facility_set_parent_name (facility, chc_column_text (stmt, 9));
  chc_facility_set_floor_area (facility, sqlite3_column_double (stmt, 10));
  chc_facility_set_standardized (facility, sqlite3_column_int (stmt, 11) != 0);
  chc_facility_set_standardized_year (facility, sqlite3_column_int (stmt, 12));
  chc_facility_set_status (facility, status);
  chc_facility_set_credit_code (facility, chc_column_text (stmt, 14));
  chc_facility_set_license_no (facility, chc_column_text (stmt, 15));
  chc_facility_set_opened_on (facility, chc_column_text (stmt, 16));
  chc_facility_set_closed_on (facility, chc_column_text (stmt, 17));
  chc_facility_set_code_provisional (facility, sqlite3_column_int (stmt, 18) != 0);
  return facility;
}

/* ---- districts -------------------------------------------------------- */

GPtrArray *
chc_database_list_districts (ChcDatabase  *self,
                             GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self, "SELECT id, name, name_en, code FROM district ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while (chc_database_step_row (self, stmt, &local_error))
    {
      ChcDistrict *district = chc_district_new (sqlite3_column_int64 (stmt, 0),
                                                chc_column_text (stmt, 1),
                                                chc_column_text (stmt, 2));

      chc_district_set_code (district, chc_column_text (stmt, 3));
      g_ptr_array_add (list, district);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * chc_database_find_district:
 * @name_or_alias: "青浦区", "青浦", "Qingpu" (any case) or "310118"
 *
 * Returns: (transfer full): the district, or NULL with
 *   %CHC_DATABASE_ERROR_NOT_FOUND
 */
ChcDistrict *
chc_database_find_district (ChcDatabase  *self,
                            const char   *name_or_alias,
                            GError      **error)
{
  g_autoptr(GPtrArray) districts = chc_database_list_districts (self, error);

  if (districts == NULL)
    return NULL;

  for (guint i = 0; i < districts->len; i++)
    if (chc_district_matches (g_ptr_array_index (districts, i), name_or_alias))
      return g_object_ref (g_ptr_array_index (districts, i));

  g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
               _("No district named “%s”."), name_or_alias);
  return NULL;
}

ChcDistrict *
chc_database_get_district (ChcDatabase  *self,
                           gint64        id,
                           GError      **error)
{
  g_autoptr(GPtrArray) districts = chc_database_list_districts (self, error);

  if (districts == NULL)
    return NULL;

  for (guint i = 0; i < districts->len; i++)
    if (chc_district_get_id (g_ptr_array_index (districts, i)) == id)
      return g_object_ref (g_ptr_array_index (districts, i));

  g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
               _("No district with id %lld."), (long long) id);
  return NULL;
}

static gint64
insert_returning_id (ChcDatabase   *self,
                     sqlite3_stmt  *stmt,
                     const char    *table,
                     GError       **error)
{
  gint64 id;

  if (!chc_database_step_done (self, stmt, error))
    {
      chc_database_rollback (self);
      return 0;
    }
  id = sqlite3_last_insert_rowid (chc_database_get_handle (self));
  chc_database_notify_changed (self, table);
  if (!chc_database_commit (self, error))
    return 0;
  return id;
}

gint64
chc_database_add_district (ChcDatabase  *self,
                           const char   *name,
                           const char   *name_en,
                           GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), 0);

  if (!chc_database_begin (self, error))
    return 0;
  stmt = chc_database_prepare (self, "INSERT INTO district (name, name_en) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    {
      chc_database_rollback (self);
      return 0;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name_en, -1, SQLITE_TRANSIENT);
  return insert_returning_id (self, stmt, "district", error);
}

/* ---- towns ------------------------------------------------------------ */

GPtrArray *
chc_database_list_towns (ChcDatabase  *self,
                         gint64        district_id,
                         GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT id, district_id, name, code FROM town"
                               " WHERE ?1 = 0 OR district_id = ?1 ORDER BY district_id, id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  while (chc_database_step_row (self, stmt, &local_error))
    {
      ChcTown *town = chc_town_new (sqlite3_column_int64 (stmt, 0),
                                    sqlite3_column_int64 (stmt, 1),
                                    chc_column_text (stmt, 2));

      chc_town_set_code (town, chc_column_text (stmt, 3));
      g_ptr_array_add (list, town);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&list);
}

gint64
chc_database_add_town (ChcDatabase  *self,
                       gint64        district_id,
                       const char   *name,
                       GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), 0);

  if (!chc_database_begin (self, error))
    return 0;
  stmt = chc_database_prepare (self, "INSERT INTO town (district_id, name) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    {
      chc_database_rollback (self);
      return 0;
    }
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  return insert_returning_id (self, stmt, "town", error);
}

/**
 * chc_database_set_town_code:
 * @town_id: a town
 * @code: (nullable): its 乡镇级代码 (nine digits beginning with its
 *   district's 行政区划代码), or NULL / "" to clear it
 *
 * Returns: FALSE with %CHC_VALIDATE_ERROR when the code has not the form
 *   of a town code of that district or another town has it.
 */
gboolean
chc_database_set_town_code (ChcDatabase  *self,
                            gint64        town_id,
                            const char   *code,
                            GError      **error)
{
  g_autofree char *wanted = code != NULL ? g_strstrip (g_strdup (code)) : NULL;
  g_autofree char *district_code = NULL;
  g_autofree char *town_name = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean taken = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (wanted != NULL && *wanted == '\0')
    g_clear_pointer (&wanted, g_free);

  if (!chc_database_begin (self, error))
    return FALSE;

  stmt = chc_database_prepare (self,
                               "SELECT t.name, d.code,"
                               " EXISTS (SELECT 1 FROM town o WHERE o.code = ?2 AND o.id <> t.id)"
                               " FROM town t JOIN district d ON d.id = t.district_id WHERE t.id = ?1",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, town_id);
  chc_bind_text_or_null (stmt, 2, wanted);
  if (!chc_database_step_row (self, stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                     _("No town with id %lld."), (long long) town_id);
      goto fail;
    }
  town_name = g_strdup (chc_column_text (stmt, 0));
  district_code = g_strdup (chc_column_text (stmt, 1));
  taken = sqlite3_column_int (stmt, 2) != 0;
  sqlite3_reset (stmt);

  if (wanted != NULL && !chc_town_code_check (wanted, district_code, &reason))
    {
      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   _("Town code of “%s”: %s"), town_name, reason);
      goto fail;
    }
  if (taken)
    {
      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   _("Town code of “%s”: %s is already the code of another town."),
                   town_name, wanted);
      goto fail;
    }

  stmt = chc_database_prepare (self, "UPDATE town SET code = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, town_id);
  chc_bind_text_or_null (stmt, 2, wanted);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  chc_database_notify_changed (self, "town");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

/* ---- facilities ------------------------------------------------------- */

static GPtrArray *
collect_facilities (ChcDatabase   *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;

  while (chc_database_step_row (self, stmt, &local_error))
    g_ptr_array_add (list, facility_from_row (stmt));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * chc_database_list_facilities:
 * @district_id: a district, or 0 for all
 *
 * Returns: (transfer full) (element-type ChcFacility): the facilities, by
 *   district, then centres each followed by the facilities under them.
 */
GPtrArray *
chc_database_list_facilities (ChcDatabase  *self,
                              gint64        district_id,
                              GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT " FACILITY_COLUMNS FACILITY_FROM
                               " WHERE ?1 = 0 OR f.district_id = ?1"
                               " ORDER BY f.district_id, coalesce (f.parent_id, f.id),"
                               " f.parent_id IS NOT NULL, f.type, f.code",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  return collect_facilities (self, stmt, error);
}

ChcFacility *
chc_database_get_facility (ChcDatabase  *self,
                           gint64        id,
                           GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  ChcFacility *facility;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT " FACILITY_COLUMNS FACILITY_FROM " WHERE f.id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!chc_database_step_row (self, stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                     _("No facility with id %lld."), (long long) id);
      return NULL;
    }
  facility = facility_from_row (stmt);
  sqlite3_reset (stmt);
  return facility;
}

/**
 * chc_database_find_facility:
 * @code_or_name: a facility code, or its exact name (spaces around ignored)
 * @district_id: restricts a name lookup to a district, or 0
 *
 * Returns: (transfer full): the facility; NULL with
 *   %CHC_DATABASE_ERROR_NOT_FOUND when none or more than one match.
 */
ChcFacility *
chc_database_find_facility (ChcDatabase  *self,
                            const char   *code_or_name,
                            gint64        district_id,
                            GError      **error)
{
  g_autofree char *wanted = NULL;
  g_autoptr(GPtrArray) found = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);
  g_return_val_if_fail (code_or_name != NULL, NULL);

  wanted = g_strstrip (g_strdup (code_or_name));
  stmt = chc_database_prepare (self,
                               "SELECT " FACILITY_COLUMNS FACILITY_FROM
                               " WHERE f.code = ?1 OR (f.name = ?1 AND (?2 = 0 OR f.district_id = ?2))"
                               " ORDER BY f.code = ?1 DESC",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, wanted, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, district_id);
  found = collect_facilities (self, stmt, error);
  if (found == NULL)
    return NULL;

  if (found->len == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("No facility with the code or name “%s”."), wanted);
      return NULL;
    }
  if (found->len > 1 &&
      g_strcmp0 (chc_facility_get_code (g_ptr_array_index (found, 0)), wanted) != 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("%u facilities are named “%s”; give the code or the district."),
                   found->len, wanted);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (found, 0));
}

/**
 * chc_database_check_facility:
 * @facility: a facility as it would be stored (its id is 0 when new)
 *
 * Returns: (transfer full) (element-type ChcViolation): the rules it
 *   breaks (empty when none), or NULL with @error when the check failed.
 */
GPtrArray *
chc_database_check_facility (ChcDatabase  *self,
                             ChcFacility  *facility,
                             GError      **error)
{
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  g_autoptr(ChcFacility) parent = NULL;
  g_autoptr(GError) local_error = NULL;
  ChcFacilityContext context = { 0 };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);
  g_return_val_if_fail (CHC_IS_FACILITY (facility), NULL);

  if (chc_facility_get_parent_id (facility) > 0)
    {
      parent = chc_database_get_facility (self, chc_facility_get_parent_id (facility), &local_error);
      if (parent == NULL)
        {
          if (!g_error_matches (local_error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_clear_error (&local_error);
          context.parent_missing = TRUE;
        }
      context.parent = parent;
    }

  stmt = chc_database_prepare (self, "SELECT district_id FROM town WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, chc_facility_get_town_id (facility));
  if (chc_database_step_row (self, stmt, &local_error))
    context.town_district_id = sqlite3_column_int64 (stmt, 0);
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  else if (chc_facility_get_town_id (facility) > 0)
    context.town_district_id = -1;   /* no such town */
  sqlite3_reset (stmt);

  stmt = chc_database_prepare (self,
                               "SELECT EXISTS (SELECT 1 FROM facility WHERE code = ?1 AND id <> ?2)",
                               error);
  if (stmt == NULL)
    return NULL;
  chc_bind_text_or_null (stmt, 1, chc_facility_get_code (facility));
  sqlite3_bind_int64 (stmt, 2, chc_facility_get_id (facility));
  if (chc_database_step_row (self, stmt, &local_error))
    context.code_taken = sqlite3_column_int (stmt, 0) != 0;
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  sqlite3_reset (stmt);

  chc_validate_facility (facility, &context, violations);
  return g_steal_pointer (&violations);
}

static void
bind_facility (sqlite3_stmt *stmt,
               ChcFacility  *facility)
{
  g_autofree char *code = g_strstrip (g_strdup (chc_facility_get_code (facility)));
  g_autofree char *name = g_strstrip (g_strdup (chc_facility_get_name (facility)));
  int year = chc_facility_get_standardized_year (facility);

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, chc_facility_type_to_nick (chc_facility_get_facility_type (facility)), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, chc_facility_get_district_id (facility));
  chc_bind_id_or_null (stmt, 5, chc_facility_get_town_id (facility));
  chc_bind_id_or_null (stmt, 6, chc_facility_get_parent_id (facility));
  sqlite3_bind_double (stmt, 7, chc_facility_get_floor_area (facility));
  sqlite3_bind_int (stmt, 8, chc_facility_get_standardized (facility) ? 1 : 0);
  if (year > 0)
    sqlite3_bind_int (stmt, 9, year);
  else
    sqlite3_bind_null (stmt, 9);
  sqlite3_bind_text (stmt, 10, chc_facility_status_to_nick (chc_facility_get_status (facility)), -1, SQLITE_STATIC);
  chc_bind_text_or_null (stmt, 12, chc_facility_get_credit_code (facility));
  chc_bind_text_or_null (stmt, 13, chc_facility_get_license_no (facility));
  chc_bind_text_or_null (stmt, 14, chc_facility_get_opened_on (facility));
  chc_bind_text_or_null (stmt, 15, chc_facility_get_closed_on (facility));
  sqlite3_bind_int (stmt, 16, chc_facility_get_code_provisional (facility) ? 1 : 0);
}

/* The history a change of the registry writes (issue 14), so that every
 * past period is computed with the registry as it stood then:
 * - closing a facility dates it today (unless a date is given), reopening
 *   it forgets the closing; a planned facility put into service opened
 *   today (unless a date is given);
 * - a new type records the old one as of today (facility_type_change);
 * - a new code is the user's own: no longer provisional.
 * Dates given in another form ("2024/3/5") are stored as 2024-03-05. */
static gboolean
prepare_history (ChcDatabase  *self,
                 ChcFacility  *facility,
                 ChcFacility  *stored,
                 GError      **error)
{
  const char *dates[2] = { chc_facility_get_opened_on (facility), chc_facility_get_closed_on (facility) };
  ChcFacilityStatus status = chc_facility_get_status (facility);
  g_autofree char *today = NULL;
  GDate now;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *iso = dates[i] != NULL ? chc_date_normalize (dates[i], NULL) : NULL;

      if (iso == NULL)
        continue;   /* not a date: chc_validate_facility says so */
      if (i == 0)
        chc_facility_set_opened_on (facility, iso);
      else
        chc_facility_set_closed_on (facility, iso);
    }

  chc_date_today (&now);
  today = chc_date_to_iso (&now);
  if (status == CHC_FACILITY_CLOSED && chc_facility_get_closed_on (facility) == NULL &&
      (stored == NULL || chc_facility_get_status (stored) != CHC_FACILITY_CLOSED))
    chc_facility_set_closed_on (facility, today);
  if (status != CHC_FACILITY_CLOSED)
    chc_facility_set_closed_on (facility, NULL);
  if (stored != NULL && status == CHC_FACILITY_OPERATING &&
      chc_facility_get_status (stored) == CHC_FACILITY_PLANNED &&
      chc_facility_get_opened_on (facility) == NULL)
    chc_facility_set_opened_on (facility, today);
  if (stored != NULL && g_strcmp0 (chc_facility_get_code (stored), chc_facility_get_code (facility)) != 0)
    chc_facility_set_code_provisional (facility, FALSE);

  if (stored != NULL && chc_facility_get_facility_type (stored) != chc_facility_get_facility_type (facility))
    {
      /* the first change of the day keeps the type the day began with */
      sqlite3_stmt *stmt = chc_database_prepare (self,
                                                 "INSERT INTO facility_type_change (facility_id, changed_on, old_type)"
                                                 " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, chc_facility_get_id (facility));
      sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, chc_facility_type_to_nick (chc_facility_get_facility_type (stored)), -1,
                         SQLITE_STATIC);
      if (!chc_database_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Refreshes the joined names (district, town, parent) after a write. */
static gboolean
reload_names (ChcDatabase  *self,
              ChcFacility  *facility,
              GError      **error)
{
  g_autoptr(ChcFacility) stored = chc_database_get_facility (self, chc_facility_get_id (facility), error);

  if (stored == NULL)
    return FALSE;
  chc_facility_set_code (facility, chc_facility_get_code (stored));
  chc_facility_set_name (facility, chc_facility_get_name (stored));
  chc_facility_set_district_name (facility, chc_facility_get_district_name (stored));
  chc_facility_set_town_name (facility, chc_facility_get_town_name (stored));
  chc_facility_set_parent_name (facility, chc_facility_get_parent_name (stored));
  return TRUE;
}

static gboolean
write_facility (ChcDatabase  *self,
                ChcFacility  *facility,
                gboolean      insert,
                GError      **error)
{
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(ChcFacility) stored = NULL;
  sqlite3_stmt *stmt;

  if (!chc_database_begin (self, error))
    return FALSE;

  if (!insert && (stored = chc_database_get_facility (self, chc_facility_get_id (facility), error)) == NULL)
    goto fail;
  if (!prepare_history (self, facility, stored, error))
    goto fail;

  violations = chc_database_check_facility (self, facility, error);
  if (violations == NULL || !chc_violations_to_error (violations, error))
    goto fail;

  if (insert)
    stmt = chc_database_prepare (self,
                                 "INSERT INTO facility (code, name, type, district_id, town_id,"
                                 " parent_id, floor_area, standardized, standardized_year, status,"
                                 " credit_code, license_no, opened_on, closed_on, code_provisional)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12, ?13, ?14, ?15, ?16)",
                                 error);
  else
    stmt = chc_database_prepare (self,
                                 "UPDATE facility SET code = ?1, name = ?2, type = ?3,"
                                 " district_id = ?4, town_id = ?5, parent_id = ?6,"
                                 " floor_area = ?7, standardized = ?8, standardized_year = ?9,"
                                 " status = ?10, credit_code = ?12, license_no = ?13, opened_on = ?14,"
                                 " closed_on = ?15, code_provisional = ?16 WHERE id = ?11",
                                 error);
  if (stmt == NULL)
    goto fail;

  bind_facility (stmt, facility);
  if (!insert)
    sqlite3_bind_int64 (stmt, 11, chc_facility_get_id (facility));
  if (!chc_database_step_done (self, stmt, error))
    goto fail;

  if (insert)
    chc_facility_set_id (facility, sqlite3_last_insert_rowid (chc_database_get_handle (self)));
  else if (sqlite3_changes (chc_database_get_handle (self)) == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("No facility with id %lld."),
                   (long long) chc_facility_get_id (facility));
      goto fail;
    }

  if (!reload_names (self, facility, error))
    goto fail;

  chc_database_notify_changed (self, "facility");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  if (insert)
    chc_facility_set_id (facility, 0);
  return FALSE;
}

/**
 * chc_database_add_facility:
 * @facility: a new facility; its id is set on success
 *
 * Checks every rule of the registry, then stores the facility.
 * A broken rule is a %CHC_VALIDATE_ERROR naming the field.
 */
gboolean
chc_database_add_facility (ChcDatabase  *self,
                           ChcFacility  *facility,
                           GError      **error)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (CHC_IS_FACILITY (facility), FALSE);
  g_return_val_if_fail (chc_facility_get_id (facility) == 0, FALSE);

  return write_facility (self, facility, TRUE, error);
}

gboolean
chc_database_update_facility (ChcDatabase  *self,
                              ChcFacility  *facility,
                              GError      **error)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (CHC_IS_FACILITY (facility), FALSE);
  g_return_val_if_fail (chc_facility_get_id (facility) > 0, FALSE);

  return write_facility (self, facility, FALSE, error);
}

/* Tables whose rows belong to a facility; a facility with rows in any of
 * them (or with facilities under it) cannot be deleted. */
static const struct {
  const char *sql;
  const char *what;
} dependants[] = {
  { "SELECT count(*) FROM facility WHERE parent_id = ?1", N_("facilities under it") },
  { "SELECT count(*) FROM signing WHERE facility_id = ?1", N_("family-doctor signing figures") },
  { "SELECT count(*) FROM tcm_visits WHERE facility_id = ?1", N_("TCM visit figures") },
  { "SELECT count(*) FROM tcm_site_event WHERE facility_id = ?1", N_("TCM hall or corner records") },
  { "SELECT count(*) FROM tcm_specialty_clinic WHERE facility_id = ?1", N_("TCM specialty clinics") },
  { "SELECT count(*) FROM tcm_training WHERE facility_id = ?1", N_("TCM training figures") },
  { "SELECT count(*) FROM project WHERE facility_id = ?1", N_("construction projects") },
  { "SELECT count(*) FROM capability WHERE facility_id = ?1", N_("service capabilities") },
};

gboolean
chc_database_delete_facility (ChcDatabase  *self,
                              gint64        id,
                              GError      **error)
{
  g_autoptr(ChcFacility) facility = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;

  facility = chc_database_get_facility (self, id, error);
  if (facility == NULL)
    goto fail;

  for (guint i = 0; i < G_N_ELEMENTS (dependants); i++)
    {
      gint64 n = 0;

      stmt = chc_database_prepare (self, dependants[i].sql, error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      if (chc_database_step_row (self, stmt, NULL))
        n = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (n > 0)
        {
          g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IN_USE,
                       _("“%s” cannot be deleted: it still has %s (%lld). Move or delete them first."),
                       chc_facility_get_name (facility), _(dependants[i].what), (long long) n);
          goto fail;
        }
    }

  stmt = chc_database_prepare (self, "DELETE FROM tcm_demo WHERE facility_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  stmt = chc_database_prepare (self, "DELETE FROM facility_type_change WHERE facility_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;

  stmt = chc_database_prepare (self, "DELETE FROM facility WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;

  chc_database_notify_changed (self, "facility");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}
