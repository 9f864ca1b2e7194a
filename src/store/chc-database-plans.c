/* chc-database-plans.c — plans, indicators and targets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-database"

#include <glib/gi18n-lib.h>

#include "chc-database-private.h"
#include "chc-database-plans.h"
#include "core/chc-validate.h"

/* ---- helpers ------------------------------------------------------------ */

static gboolean
propagate_local (GError  *local_error,
                 GError **error)
{
  if (local_error == NULL)
    return TRUE;
  g_propagate_error (error, local_error);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* ---- plans -------------------------------------------------------------- */

#define PLAN_COLUMNS "id, district_id, name, first_year, last_year, source"

static ChcPlan *
plan_from_row (sqlite3_stmt *stmt)
{
  ChcPlan *plan = chc_plan_new ();

  chc_plan_set_id (plan, sqlite3_column_int64 (stmt, 0));
  chc_plan_set_district_id (plan, sqlite3_column_int64 (stmt, 1));
  chc_plan_set_name (plan, chc_column_text (stmt, 2));
  chc_plan_set_first_year (plan, sqlite3_column_int (stmt, 3));
  chc_plan_set_last_year (plan, sqlite3_column_int (stmt, 4));
  chc_plan_set_source (plan, chc_column_text (stmt, 5));
  return plan;
}

GPtrArray *
chc_database_list_plans (ChcDatabase  *self,
                         gint64        district_id,
                         GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  GError *local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT " PLAN_COLUMNS " FROM plan"
                               " WHERE ?1 = 0 OR district_id = ?1"
                               " ORDER BY district_id, first_year, id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  while (chc_database_step_row (self, stmt, &local_error))
    g_ptr_array_add (list, plan_from_row (stmt));
  if (!propagate_local (local_error, error))
    return NULL;
  return g_steal_pointer (&list);
}

ChcPlan *
chc_database_get_plan (ChcDatabase  *self,
                       gint64        id,
                       GError      **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  ChcPlan *plan;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self, "SELECT " PLAN_COLUMNS " FROM plan WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!chc_database_step_row (self, stmt, &local_error))
    {
      if (local_error == NULL)
        g_set_error (&local_error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                     _("No plan with id %lld."), (long long) id);
      g_propagate_error (error, local_error);
      return NULL;
    }
  plan = plan_from_row (stmt);
  sqlite3_reset (stmt);
  return plan;
}

gboolean
chc_database_add_plan (ChcDatabase  *self,
                       ChcPlan      *plan,
                       GError      **error)
{
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  int first, last;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (CHC_IS_PLAN (plan), FALSE);

  first = chc_plan_get_first_year (plan);
  last = chc_plan_get_last_year (plan);
  if (is_blank (chc_plan_get_name (plan)))
    chc_violations_add (violations, "name", _("Plan name: must not be empty."));
  if (chc_plan_get_district_id (plan) <= 0)
    chc_violations_add (violations, "district", _("District: choose a district."));
  if (first < 1990 || first > 2100)
    chc_violations_add (violations, "first_year", _("First year: %d is not a plausible year."), first);
  else if (last < first || last > 2100)
    chc_violations_add (violations, "last_year",
                        _("Last year: must lie between the first year (%d) and 2100."), first);
  if (!chc_violations_to_error (violations, error))
    return FALSE;

  if (!chc_database_begin (self, error))
    return FALSE;
  stmt = chc_database_prepare (self,
                               "INSERT INTO plan (district_id, name, first_year, last_year, source)"
                               " VALUES (?1, ?2, ?3, ?4, ?5)",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, chc_plan_get_district_id (plan));
  sqlite3_bind_text (stmt, 2, chc_plan_get_name (plan), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, first);
  sqlite3_bind_int (stmt, 4, last);
  chc_bind_text_or_null (stmt, 5, chc_plan_get_source (plan));
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  chc_plan_set_id (plan, sqlite3_last_insert_rowid (chc_database_get_handle (self)));
  chc_database_notify_changed (self, "plan");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

/* ---- indicators --------------------------------------------------------- */

#define INDICATOR_COLUMNS \
  "i.id, i.plan_id, i.code, i.area, i.name_zh, i.name_en, i.unit, i.scope, " \
  "i.method, i.condition, i.position, i.source, i.per_facility"

static ChcIndicator *
indicator_from_row (sqlite3_stmt *stmt)
{
  ChcIndicator *indicator = chc_indicator_new ();
  ChcIndicatorArea area = CHC_AREA_CAPABILITY;
  ChcIndicatorUnit unit = CHC_UNIT_PERCENT;
  ChcIndicatorMethod method = CHC_METHOD_NONE;
  guint scope = 0;

  chc_indicator_area_from_nick (chc_column_text (stmt, 3), &area);
  chc_indicator_unit_from_nick (chc_column_text (stmt, 6), &unit);
  if (!chc_scope_from_string (chc_column_text (stmt, 7), &scope))
    scope = 0;
  chc_indicator_method_from_nick (chc_column_text (stmt, 8), &method);

  chc_indicator_set_id (indicator, sqlite3_column_int64 (stmt, 0));
  chc_indicator_set_plan_id (indicator, sqlite3_column_int64 (stmt, 1));
  chc_indicator_set_code (indicator, chc_column_text (stmt, 2));
  chc_indicator_set_area (indicator, area);
  chc_indicator_set_name_zh (indicator, chc_column_text (stmt, 4));
  chc_indicator_set_name_en (indicator, chc_column_text (stmt, 5));
  chc_indicator_set_unit (indicator, unit);
  chc_indicator_set_scope (indicator, scope);
  chc_indicator_set_method (indicator, method);
  chc_indicator_set_condition (indicator, chc_column_text (stmt, 9));
  chc_indicator_set_position (indicator, sqlite3_column_int (stmt, 10));
  chc_indicator_set_source (indicator, chc_column_text (stmt, 11));
  chc_indicator_set_per_facility (indicator, sqlite3_column_int (stmt, 12) != 0);
  return indicator;
}

static GPtrArray *
collect_indicators (ChcDatabase   *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  GError *local_error = NULL;

  while (chc_database_step_row (self, stmt, &local_error))
    g_ptr_array_add (list, indicator_from_row (stmt));
  if (!propagate_local (local_error, error))
    return NULL;
  return g_steal_pointer (&list);
}

GPtrArray *
chc_database_list_indicators (ChcDatabase  *self,
                              gint64        plan_id,
                              GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT " INDICATOR_COLUMNS " FROM indicator i"
                               " WHERE i.plan_id = ?1 ORDER BY i.position, i.id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  return collect_indicators (self, stmt, error);
}

GPtrArray *
chc_database_list_district_indicators (ChcDatabase  *self,
                                       gint64        district_id,
                                       int           year,
                                       GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT " INDICATOR_COLUMNS " FROM indicator i"
                               " JOIN plan p ON p.id = i.plan_id"
                               " WHERE p.district_id = ?1 AND ?2 >= p.first_year"
                               "   AND ?2 <= max (p.last_year,"
                               "                  coalesce ((SELECT max (t.year) FROM target t"
                               "                             JOIN indicator j ON j.id = t.indicator_id"
                               "                             WHERE j.plan_id = p.id), 0))"
                               " ORDER BY p.first_year, p.id, i.position, i.id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_int (stmt, 2, year);
  return collect_indicators (self, stmt, error);
}

ChcIndicator *
chc_database_get_indicator (ChcDatabase  *self,
                            gint64        id,
                            GError      **error)
{
  g_autoptr(GPtrArray) found = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT " INDICATOR_COLUMNS " FROM indicator i WHERE i.id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  found = collect_indicators (self, stmt, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("No indicator with id %lld."), (long long) id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (found, 0));
}

ChcIndicator *
chc_database_find_indicator (ChcDatabase  *self,
                             gint64        district_id,
                             const char   *code,
                             GError      **error)
{
  g_autoptr(GPtrArray) found = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  stmt = chc_database_prepare (self,
                               "SELECT " INDICATOR_COLUMNS " FROM indicator i"
                               " JOIN plan p ON p.id = i.plan_id"
                               " WHERE p.district_id = ?1 AND i.code = ?2"
                               " ORDER BY p.first_year DESC, p.id DESC",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  found = collect_indicators (self, stmt, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("The district’s plans have no indicator “%s”."), code);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (found, 0));
}

GPtrArray *
chc_database_check_indicator (ChcDatabase   *self,
                              ChcIndicator  *indicator,
                              GError       **error)
{
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  ChcIndicatorContext context = { FALSE };
  GError *local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);
  g_return_val_if_fail (CHC_IS_INDICATOR (indicator), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT EXISTS (SELECT 1 FROM indicator"
                               " WHERE plan_id = ?1 AND code = ?2 AND id <> ?3)",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, chc_indicator_get_plan_id (indicator));
  chc_bind_text_or_null (stmt, 2, chc_indicator_get_code (indicator));
  sqlite3_bind_int64 (stmt, 3, chc_indicator_get_id (indicator));
  if (chc_database_step_row (self, stmt, &local_error))
    context.code_taken = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (!propagate_local (local_error, error))
    return NULL;

  chc_validate_indicator (indicator, &context, violations);
  return g_steal_pointer (&violations);
}

static gboolean
write_indicator (ChcDatabase   *self,
                 ChcIndicator  *indicator,
                 gboolean       insert,
                 GError       **error)
{
  g_autoptr(GPtrArray) violations = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *code = NULL;
  sqlite3_stmt *stmt;

  if (!chc_database_begin (self, error))
    return FALSE;

  /* The plan must exist (a clear error rather than a foreign key one). */
  {
    g_autoptr(ChcPlan) plan = chc_database_get_plan (self, chc_indicator_get_plan_id (indicator), error);
    if (plan == NULL)
      goto fail;
  }

  violations = chc_database_check_indicator (self, indicator, error);
  if (violations == NULL || !chc_violations_to_error (violations, error))
    goto fail;

  if (insert && chc_indicator_get_position (indicator) == 0)
    {
      stmt = chc_database_prepare (self,
                                   "SELECT coalesce (max (position), 0) + 1 FROM indicator WHERE plan_id = ?1",
                                   error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, chc_indicator_get_plan_id (indicator));
      if (chc_database_step_row (self, stmt, NULL))
        chc_indicator_set_position (indicator, sqlite3_column_int (stmt, 0));
      sqlite3_reset (stmt);
    }

  if (insert)
    stmt = chc_database_prepare (self,
                                 "INSERT INTO indicator (plan_id, code, area, name_zh, name_en, unit,"
                                 " scope, method, condition, position, source, per_facility)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12, ?13)",
                                 error);
  else
    stmt = chc_database_prepare (self,
                                 "UPDATE indicator SET plan_id = ?1, code = ?2, area = ?3,"
                                 " name_zh = ?4, name_en = ?5, unit = ?6, scope = ?7, method = ?8,"
                                 " condition = ?9, position = ?10, source = ?12, per_facility = ?13"
                                 " WHERE id = ?11",
                                 error);
  if (stmt == NULL)
    goto fail;

  code = g_strstrip (g_strdup (chc_indicator_get_code (indicator)));
  scope = chc_scope_to_string (chc_indicator_get_scope (indicator));
  sqlite3_bind_int64 (stmt, 1, chc_indicator_get_plan_id (indicator));
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, chc_indicator_area_to_nick (chc_indicator_get_area (indicator)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, chc_indicator_get_name_zh (indicator) ? chc_indicator_get_name_zh (indicator) : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, chc_indicator_get_name_en (indicator) ? chc_indicator_get_name_en (indicator) : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, chc_indicator_unit_to_nick (chc_indicator_get_unit (indicator)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, chc_indicator_method_to_nick (chc_indicator_get_method (indicator)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, chc_indicator_get_condition (indicator) ? chc_indicator_get_condition (indicator) : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 10, chc_indicator_get_position (indicator));
  sqlite3_bind_text (stmt, 12, chc_indicator_get_source (indicator) ? chc_indicator_get_source (indicator) : "",
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 13, chc_indicator_get_per_facility (indicator) ? 1 : 0);
  if (!insert)
    sqlite3_bind_int64 (stmt, 11, chc_indicator_get_id (indicator));

  if (!chc_database_step_done (self, stmt, error))
    goto fail;

  if (insert)
    chc_indicator_set_id (indicator, sqlite3_last_insert_rowid (chc_database_get_handle (self)));
  else if (sqlite3_changes (chc_database_get_handle (self)) == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("No indicator with id %lld."), (long long) chc_indicator_get_id (indicator));
      goto fail;
    }
  chc_indicator_set_code (indicator, code);

  chc_database_notify_changed (self, "indicator");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

gboolean
chc_database_add_indicator (ChcDatabase   *self,
                            ChcIndicator  *indicator,
                            GError       **error)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (CHC_IS_INDICATOR (indicator), FALSE);

  chc_indicator_set_id (indicator, 0);
  return write_indicator (self, indicator, TRUE, error);
}

gboolean
chc_database_update_indicator (ChcDatabase   *self,
                               ChcIndicator  *indicator,
                               GError       **error)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (CHC_IS_INDICATOR (indicator), FALSE);
  g_return_val_if_fail (chc_indicator_get_id (indicator) > 0, FALSE);

  return write_indicator (self, indicator, FALSE, error);
}

gboolean
chc_database_delete_indicator (ChcDatabase  *self,
                               gint64        id,
                               GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;
  stmt = chc_database_prepare (self, "DELETE FROM indicator WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (chc_database_get_handle (self)) == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("No indicator with id %lld."), (long long) id);
      goto fail;
    }
  chc_database_notify_changed (self, "indicator");
  chc_database_notify_changed (self, "target");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

/* ---- targets ------------------------------------------------------------ */

GPtrArray *
chc_database_list_targets (ChcDatabase  *self,
                           gint64        indicator_id,
                           GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  GError *local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT year, op, min_value, max_value FROM target"
                               " WHERE indicator_id = ?1 ORDER BY year",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, indicator_id);
  while (chc_database_step_row (self, stmt, &local_error))
    {
      ChcTargetSpec spec = { 0 };

      spec.year = sqlite3_column_int (stmt, 0);
      chc_target_op_from_string (chc_column_text (stmt, 1), &spec.op);
      spec.min_value = sqlite3_column_double (stmt, 2);
      spec.has_max = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
      spec.max_value = spec.has_max ? sqlite3_column_double (stmt, 3) : 0;
      g_ptr_array_add (list, chc_target_new_from_spec (indicator_id, &spec));
    }
  if (!propagate_local (local_error, error))
    return NULL;
  return g_steal_pointer (&list);
}

gboolean
chc_database_set_target (ChcDatabase  *self,
                         ChcTarget    *target,
                         GError      **error)
{
  g_autoptr(ChcIndicator) indicator = NULL;
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  ChcTargetSpec spec;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (CHC_IS_TARGET (target), FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;

  indicator = chc_database_get_indicator (self, chc_target_get_indicator_id (target), error);
  if (indicator == NULL)
    goto fail;

  chc_target_get_spec (target, &spec);
  chc_validate_target (chc_indicator_get_unit (indicator), &spec, violations);
  if (!chc_violations_to_error (violations, error))
    goto fail;

  stmt = chc_database_prepare (self,
                               "INSERT INTO target (indicator_id, year, op, min_value, max_value)"
                               " VALUES (?1, ?2, ?3, ?4, ?5)"
                               " ON CONFLICT (indicator_id, year) DO UPDATE SET"
                               " op = excluded.op, min_value = excluded.min_value,"
                               " max_value = excluded.max_value",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, chc_indicator_get_id (indicator));
  sqlite3_bind_int (stmt, 2, spec.year);
  sqlite3_bind_text (stmt, 3, chc_target_op_to_string (spec.op), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 4, spec.min_value);
  if (spec.has_max)
    sqlite3_bind_double (stmt, 5, spec.max_value);
  else
    sqlite3_bind_null (stmt, 5);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;

  chc_database_notify_changed (self, "target");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

gboolean
chc_database_remove_target (ChcDatabase  *self,
                            gint64        indicator_id,
                            int           year,
                            GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;
  stmt = chc_database_prepare (self, "DELETE FROM target WHERE indicator_id = ?1 AND year = ?2", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, indicator_id);
  sqlite3_bind_int (stmt, 2, year);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (chc_database_get_handle (self)) == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("The indicator has no target for %d."), year);
      goto fail;
    }
  chc_database_notify_changed (self, "target");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}
