/* chc-database-signing.c — family-doctor signing figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-database"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-database-private.h"
#include "chc-database-signing.h"
#include "core/chc-signing.h"
#include "core/chc-validate.h"

/* Columns 0–4 the facility, 5 the period (NULL: no figures), 6–12 the
 * figures in the order of ChcSigningFigure. */
#define SIGNING_COLUMNS \
  "f.id, f.code, f.name, f.type, f.town_id, s.period," \
  " s.resident_population, s.signed_residents, s.key_population," \
  " s.key_population_signed, s.online_signed, s.signed_visits_total," \
  " s.signed_visits_in_community"
#define SIGNING_FROM \
  " FROM signing s JOIN facility f ON f.id = s.facility_id"

static ChcSigningRecord *
record_from_row (sqlite3_stmt *stmt,
                 const char   *period)
{
  ChcSigningRecord *record = chc_signing_record_new ();
  ChcFacilityType type = CHC_FACILITY_CENTRE;
  ChcSigningFigures figures = { { 0 } };
  gboolean saved = sqlite3_column_type (stmt, 5) != SQLITE_NULL;

  chc_facility_type_from_nick (chc_column_text (stmt, 3), &type);
  chc_signing_record_set_facility_id (record, sqlite3_column_int64 (stmt, 0));
  chc_signing_record_set_facility_code (record, chc_column_text (stmt, 1));
  chc_signing_record_set_facility_name (record, chc_column_text (stmt, 2));
  chc_signing_record_set_facility_type (record, type);
  chc_signing_record_set_town_id (record, sqlite3_column_int64 (stmt, 4));
  chc_signing_record_set_period (record, saved ? chc_column_text (stmt, 5) : period);
  if (saved)
    for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
      figures.value[f] = sqlite3_column_int64 (stmt, 6 + f);
  chc_signing_record_set_figures (record, &figures);
  chc_signing_record_set_saved (record, saved);
  return record;
}

static GPtrArray *
collect_records (ChcDatabase   *self,
                 sqlite3_stmt  *stmt,
                 const char    *period,
                 GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;

  while (chc_database_step_row (self, stmt, &local_error))
    g_ptr_array_add (list, record_from_row (stmt, period));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The first row of @stmt as a record, NULL without error when none. */
static ChcSigningRecord *
first_record (ChcDatabase   *self,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  ChcSigningRecord *record = NULL;

  if (chc_database_step_row (self, stmt, error))
    {
      record = record_from_row (stmt, NULL);
      sqlite3_reset (stmt);
    }
  return record;
}

static gboolean
check_period (const char  *period,
              GError     **error)
{
  if (chc_signing_period_parse (period, NULL, NULL))
    return TRUE;
  g_set_error (error, CHC_SIGNING_ERROR, CHC_SIGNING_ERROR_PERIOD,
               _("“%s” is not a month: write it as YYYY-MM, for example 2025-06."),
               period ? period : "");
  return FALSE;
}

static void
bind_bound (sqlite3_stmt *stmt,
            int           index,
            const char   *period)
{
  chc_bind_text_or_null (stmt, index, period);
}

GPtrArray *
chc_database_list_signing_month (ChcDatabase  *self,
                                 gint64        district_id,
                                 const char   *period,
                                 GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  if (!check_period (period, error))
    return NULL;

  stmt = chc_database_prepare (self,
                               "SELECT " SIGNING_COLUMNS
                               " FROM facility f"
                               " LEFT JOIN signing s ON s.facility_id = f.id AND s.period = ?2"
                               " WHERE f.district_id = ?1"
                               " AND ((f.type IN ('centre', 'branch') AND f.status = 'operating')"
                               "      OR s.period IS NOT NULL)"
                               " ORDER BY coalesce (f.parent_id, f.id), f.parent_id IS NOT NULL,"
                               " f.type, f.code",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
  return collect_records (self, stmt, period, error);
}

GPtrArray *
chc_database_get_signing_series (ChcDatabase  *self,
                                 gint64        facility_id,
                                 const char   *from,
                                 const char   *to,
                                 GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT " SIGNING_COLUMNS SIGNING_FROM
                               " WHERE s.facility_id = ?1"
                               " AND (?2 IS NULL OR s.period >= ?2)"
                               " AND (?3 IS NULL OR s.period <= ?3)"
                               " ORDER BY s.period",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, facility_id);
  bind_bound (stmt, 2, from);
  bind_bound (stmt, 3, to);
  return collect_records (self, stmt, NULL, error);
}

GPtrArray *
chc_database_list_signing_range (ChcDatabase  *self,
                                 gint64        district_id,
                                 const char   *from,
                                 const char   *to,
                                 GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT " SIGNING_COLUMNS SIGNING_FROM
                               " WHERE f.district_id = ?1"
                               " AND (?2 IS NULL OR s.period >= ?2)"
                               " AND (?3 IS NULL OR s.period <= ?3)"
                               " ORDER BY s.period, coalesce (f.parent_id, f.id),"
                               " f.parent_id IS NOT NULL, f.type, f.code",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  bind_bound (stmt, 2, from);
  bind_bound (stmt, 3, to);
  return collect_records (self, stmt, NULL, error);
}

ChcSigningRecord *
chc_database_get_previous_signing (ChcDatabase  *self,
                                   gint64        facility_id,
                                   const char   *period,
                                   GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  stmt = chc_database_prepare (self,
                               "SELECT " SIGNING_COLUMNS SIGNING_FROM
                               " WHERE s.facility_id = ?1 AND s.period < ?2"
                               " ORDER BY s.period DESC LIMIT 1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, facility_id);
  sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
  return first_record (self, stmt, error);
}

ChcSigningRecord *
chc_database_get_next_signing (ChcDatabase  *self,
                               gint64        facility_id,
                               const char   *period,
                               GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  stmt = chc_database_prepare (self,
                               "SELECT " SIGNING_COLUMNS SIGNING_FROM
                               " WHERE s.facility_id = ?1 AND s.period > ?2"
                               " ORDER BY s.period LIMIT 1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, facility_id);
  sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
  return first_record (self, stmt, error);
}

char *
chc_database_get_latest_signing_period (ChcDatabase  *self,
                                        gint64        district_id,
                                        const char   *from,
                                        const char   *to,
                                        GError      **error)
{
  sqlite3_stmt *stmt;
  char *period = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT max (s.period)" SIGNING_FROM
                               " WHERE f.district_id = ?1"
                               " AND (?2 IS NULL OR s.period >= ?2)"
                               " AND (?3 IS NULL OR s.period <= ?3)",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  bind_bound (stmt, 2, from);
  bind_bound (stmt, 3, to);
  if (chc_database_step_row (self, stmt, error))
    {
      period = g_strdup (chc_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return period;
}

/* ---- checking and saving a month ---------------------------------------- */

static const char *
record_label (ChcSigningRecord *record)
{
  const char *name = chc_signing_record_get_facility_name (record);
  const char *code = chc_signing_record_get_facility_code (record);

  if (name != NULL && *name != '\0')
    return name;
  if (code != NULL && *code != '\0')
    return code;
  return "?";
}

/* Copies @from into @to with each message prefixed by the facility. */
static void
add_prefixed (GPtrArray        *to,
              GPtrArray        *from,
              ChcSigningRecord *record)
{
  for (guint i = 0; i < from->len; i++)
    {
      ChcViolation *v = g_ptr_array_index (from, i);

      /* Translators: a facility's name, then a problem of its figures. */
      chc_violations_add (to, v->field, _("%s: %s"), record_label (record), v->message);
    }
}

gboolean
chc_database_check_signing_month (ChcDatabase  *self,
                                  const char   *period,
                                  GPtrArray    *records,
                                  GPtrArray    *violations,
                                  GPtrArray    *warnings,
                                  GError      **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (violations != NULL, FALSE);
  g_return_val_if_fail (warnings != NULL, FALSE);

  if (!check_period (period, error))
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      ChcSigningRecord *record = g_ptr_array_index (records, i);
      g_autoptr(GPtrArray) own_violations = chc_violations_new ();
      g_autoptr(GPtrArray) own_warnings = chc_violations_new ();
      g_autoptr(ChcSigningRecord) previous = NULL;
      g_autoptr(ChcSigningRecord) next = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 facility_id = chc_signing_record_get_facility_id (record);
      ChcSigningFigures figures;
      gboolean exists = FALSE;

      if (g_strcmp0 (chc_signing_record_get_period (record), period) != 0)
        {
          chc_violations_add (violations, "period",
                              _("%s: the figures are of %s, not of %s."),
                              record_label (record),
                              chc_signing_record_get_period (record)
                                ? chc_signing_record_get_period (record) : "?",
                              period);
          continue;
        }

      stmt = chc_database_prepare (self, "SELECT EXISTS (SELECT 1 FROM facility WHERE id = ?1)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, facility_id);
      if (chc_database_step_row (self, stmt, &local_error))
        exists = sqlite3_column_int (stmt, 0) != 0;
      sqlite3_reset (stmt);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!exists)
        {
          chc_violations_add (violations, "facility",
                              _("%s: no facility with id %lld."),
                              record_label (record), (long long) facility_id);
          continue;
        }
      if (g_hash_table_contains (seen, &facility_id))
        {
          chc_violations_add (violations, "facility",
                              _("%s: the facility appears more than once in the month."),
                              record_label (record));
          continue;
        }
      g_hash_table_add (seen, g_memdup2 (&facility_id, sizeof facility_id));

      chc_signing_check_record (record, own_violations);
      add_prefixed (violations, own_violations, record);

      previous = chc_database_get_previous_signing (self, facility_id, period, &local_error);
      if (local_error == NULL)
        next = chc_database_get_next_signing (self, facility_id, period, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      chc_signing_warn_record (record, previous, own_warnings);
      if (next != NULL)
        {
          ChcSigningFigures after;

          chc_signing_record_get_figures (record, &figures);
          chc_signing_record_get_figures (next, &after);
          chc_signing_warn_next (&figures, period, &after,
                                 chc_signing_record_get_period (next), own_warnings);
        }
      add_prefixed (warnings, own_warnings, record);
    }

  return TRUE;
}

static void
set_list_error (GError     **error,
                GQuark       domain,
                int          code,
                const char  *intro,
                GPtrArray   *list)
{
  g_autoptr(GString) text = g_string_new (intro);

  for (guint i = 0; i < list->len; i++)
    {
      ChcViolation *v = g_ptr_array_index (list, i);

      g_string_append_printf (text, "\n%s", v->message);
    }
  g_set_error_literal (error, domain, code, text->str);
}

gboolean
chc_database_save_signing_month (ChcDatabase  *self,
                                 const char   *period,
                                 GPtrArray    *records,
                                 gboolean      accept_warnings,
                                 GError      **error)
{
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  g_autoptr(GPtrArray) warnings = chc_violations_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  if (!check_period (period, error))
    return FALSE;

  if (!chc_database_begin (self, error))
    return FALSE;

  /* Checked inside the transaction: the previous records cannot change
   * between the check and the write. */
  if (!chc_database_check_signing_month (self, period, records, violations, warnings, error))
    goto fail;

  if (violations->len > 0)
    {
      g_autofree char *intro =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The figures of %s were not saved: %u rule is broken.",
                                      "The figures of %s were not saved: %u rules are broken.",
                                      violations->len),
                         period, violations->len);
      set_list_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID, intro, violations);
      goto fail;
    }

  if (warnings->len > 0 && !accept_warnings)
    {
      g_autofree char *intro =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The figures of %s were not saved: confirm %u warning first.",
                                      "The figures of %s were not saved: confirm %u warnings first.",
                                      warnings->len),
                         period, warnings->len);
      set_list_error (error, CHC_SIGNING_ERROR, CHC_SIGNING_ERROR_UNCONFIRMED_WARNINGS,
                      intro, warnings);
      goto fail;
    }

  for (guint i = 0; i < records->len; i++)
    {
      ChcSigningRecord *record = g_ptr_array_index (records, i);
      ChcSigningFigures figures;

      stmt = chc_database_prepare (self,
                                   "INSERT INTO signing (facility_id, period, resident_population,"
                                   " signed_residents, key_population, key_population_signed,"
                                   " online_signed, signed_visits_total, signed_visits_in_community)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
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
        goto fail;

      chc_signing_record_get_figures (record, &figures);
      sqlite3_bind_int64 (stmt, 1, chc_signing_record_get_facility_id (record));
      sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
      for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
        sqlite3_bind_int64 (stmt, 3 + f, figures.value[f]);
      if (!chc_database_step_done (self, stmt, error))
        goto fail;
    }

  if (records->len > 0)
    chc_database_notify_changed (self, "signing");
  if (!chc_database_commit (self, error))
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    chc_signing_record_set_saved (g_ptr_array_index (records, i), TRUE);
  return TRUE;

fail:
  chc_database_rollback (self);
  return FALSE;
}

gboolean
chc_database_copy_signing_population (ChcDatabase  *self,
                                      GPtrArray    *records,
                                      guint        *n_copied,
                                      GError      **error)
{
  guint n = 0;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  for (guint i = 0; i < records->len; i++)
    {
      ChcSigningRecord *record = g_ptr_array_index (records, i);
      g_autoptr(ChcSigningRecord) previous = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *period = chc_signing_record_get_period (record);
      gboolean changed = FALSE;

      if (!check_period (period, error))
        return FALSE;
      previous = chc_database_get_previous_signing (self,
                                                    chc_signing_record_get_facility_id (record),
                                                    period, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (previous == NULL)
        continue;

      if (chc_signing_record_get_resident_population (record) == 0 &&
          chc_signing_record_get_resident_population (previous) > 0)
        {
          chc_signing_record_set_resident_population (record,
                                                      chc_signing_record_get_resident_population (previous));
          changed = TRUE;
        }
      if (chc_signing_record_get_key_population (record) == 0 &&
          chc_signing_record_get_key_population (previous) > 0)
        {
          chc_signing_record_set_key_population (record,
                                                 chc_signing_record_get_key_population (previous));
          changed = TRUE;
        }
      if (changed)
        n++;
    }

  if (n_copied != NULL)
    *n_copied = n;
  return TRUE;
}

gboolean
chc_database_delete_signing (ChcDatabase  *self,
                             gint64        facility_id,
                             const char   *period,
                             GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (!check_period (period, error))
    return FALSE;
  if (!chc_database_begin (self, error))
    return FALSE;

  stmt = chc_database_prepare (self,
                               "DELETE FROM signing WHERE facility_id = ?1 AND period = ?2",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, facility_id);
  sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (chc_database_get_handle (self)) > 0)
    chc_database_notify_changed (self, "signing");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

gboolean
chc_database_check_signing (ChcDatabase  *self,
                            GPtrArray    *problems,
                            GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  stmt = chc_database_prepare (self,
                               "SELECT " SIGNING_COLUMNS SIGNING_FROM
                               " ORDER BY f.code, s.period",
                               error);
  if (stmt == NULL)
    return FALSE;

  while (chc_database_step_row (self, stmt, &local_error))
    {
      g_autoptr(ChcSigningRecord) record = record_from_row (stmt, NULL);
      g_autoptr(GPtrArray) violations = chc_violations_new ();

      if (!chc_signing_period_parse (chc_signing_record_get_period (record), NULL, NULL))
        chc_violations_add (violations, "period",
                            _("“%s” is not a month."), chc_signing_record_get_period (record));
      chc_signing_check_record (record, violations);
      for (guint i = 0; i < violations->len; i++)
        {
          ChcViolation *v = g_ptr_array_index (violations, i);

          g_ptr_array_add (problems,
                           g_strdup_printf (_("%s (%s), family-doctor signing %s: %s"),
                                            chc_signing_record_get_facility_name (record),
                                            chc_signing_record_get_facility_code (record),
                                            chc_signing_record_get_period (record),
                                            v->message));
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
chc_database_signing_total (ChcDatabase       *self,
                            gint64             district_id,
                            const char        *period,
                            ChcSigningFigures *total,
                            ChcAggregate      *info,
                            GError           **error)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (total != NULL, FALSE);

  memset (total, 0, sizeof *total);
  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    {
      ChcAggregate aggregate;

      if (!chc_database_aggregate (self, chc_signing_figure_to_field (f), district_id, NULL, period,
                                   &aggregate, error))
        return FALSE;
      total->value[f] = aggregate.n_reported > 0 ? (gint64) aggregate.value : 0;
      if (f == CHC_SIGNING_RESIDENT_POPULATION && info != NULL)
        *info = aggregate;
    }
  return TRUE;
}
