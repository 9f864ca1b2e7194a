/* chc-database-capabilities.c — service capabilities of facilities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-database"

#include <glib/gi18n-lib.h>

#include "chc-database-private.h"
#include "chc-database-plans.h"
#include "core/chc-element.h"
#include "core/chc-validate.h"

GPtrArray *
chc_database_list_capabilities (ChcDatabase  *self,
                                gint64        facility_id,
                                GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT kind, year FROM capability WHERE facility_id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, facility_id);
  while (chc_database_step_row (self, stmt, &local_error))
    if (chc_capability_kind_is_declared (chc_column_text (stmt, 0)))
      g_ptr_array_add (list, chc_capability_new (facility_id, chc_column_text (stmt, 0),
                                                 sqlite3_column_int (stmt, 1)));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* In the order of the declaration, as an editor lists them. */
  for (guint i = 1; i < list->len; i++)
    for (guint j = i; j > 0; j--)
      {
        ChcCapability *a = g_ptr_array_index (list, j - 1);
        ChcCapability *b = g_ptr_array_index (list, j);

        if (chc_capability_code_get_position (chc_capability_get_kind (a)) <=
            chc_capability_code_get_position (chc_capability_get_kind (b)))
          break;
        list->pdata[j - 1] = b;
        list->pdata[j] = a;
      }
  return g_steal_pointer (&list);
}

gboolean
chc_database_set_capability (ChcDatabase        *self,
                             gint64              facility_id,
                             ChcCapabilityKind   kind,
                             int                 year,
                             GError            **error)
{
  return chc_database_set_capability_kind (self, facility_id, chc_capability_kind_to_nick (kind), year, error);
}

gboolean
chc_database_set_capability_kind (ChcDatabase  *self,
                                  gint64        facility_id,
                                  const char   *nick,
                                  int           year,
                                  GError      **error)
{
  g_autoptr(ChcFacility) facility = NULL;
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (!chc_capability_kind_is_declared (nick))
    chc_violations_add (violations, "kind", _("Capability: unknown kind of capability."));
  if (year < 1990 || year > 2100)
    chc_violations_add (violations, "year", _("Year reached: %d is not a plausible year."), year);
  if (!chc_violations_to_error (violations, error))
    return FALSE;

  if (!chc_database_begin (self, error))
    return FALSE;

  facility = chc_database_get_facility (self, facility_id, error);
  if (facility == NULL)
    goto fail;

  stmt = chc_database_prepare (self,
                               "INSERT INTO capability (facility_id, kind, year) VALUES (?1, ?2, ?3)"
                               " ON CONFLICT (facility_id, kind) DO UPDATE SET year = excluded.year",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, facility_id);
  sqlite3_bind_text (stmt, 2, nick, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, year);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;

  chc_database_notify_changed (self, "capability");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

gboolean
chc_database_clear_capability (ChcDatabase        *self,
                               gint64              facility_id,
                               ChcCapabilityKind   kind,
                               GError            **error)
{
  return chc_database_clear_capability_kind (self, facility_id, chc_capability_kind_to_nick (kind), error);
}

gboolean
chc_database_clear_capability_kind (ChcDatabase  *self,
                                    gint64        facility_id,
                                    const char   *nick,
                                    GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (nick != NULL, FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;
  stmt = chc_database_prepare (self,
                               "DELETE FROM capability WHERE facility_id = ?1 AND kind = ?2",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, facility_id);
  sqlite3_bind_text (stmt, 2, nick, -1, SQLITE_STATIC);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (chc_database_get_handle (self)) > 0)
    chc_database_notify_changed (self, "capability");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}
