/* chc-database-tcm.c — the TCM rollout tables (issue 5).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-database"

#include <glib/gi18n-lib.h>

#include "chc-database-private.h"
#include "chc-database-tcm.h"
#include "core/chc-tcm.h"
#include "core/chc-validate.h"

/* ---- helpers ------------------------------------------------------------ */

static gboolean
step_error (GError  *local_error,
            GError **error)
{
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return TRUE;
    }
  return FALSE;
}

static GPtrArray *
get_or_add_list (GHashTable *table,
                 gint64      facility_id)
{
  GPtrArray *list = g_hash_table_lookup (table, &facility_id);

  if (list == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = facility_id;
      list = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (table, key, list);
    }
  return list;
}

static GHashTable *
new_list_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                (GDestroyNotify) g_ptr_array_unref);
}

static ChcTcmSiteEvent *
event_from_row (sqlite3_stmt *stmt)
{
  ChcTcmSiteKind kind = CHC_TCM_SITE_HALL;
  ChcTcmSiteState state = CHC_TCM_STATE_NONE;

  chc_tcm_site_kind_from_nick (chc_column_text (stmt, 2), &kind);
  chc_tcm_site_state_from_nick (chc_column_text (stmt, 3), &state);
  return chc_tcm_site_event_new (sqlite3_column_int64 (stmt, 0), kind,
                                 chc_column_text (stmt, 1), state);
}

static ChcSpecialtyClinic *
clinic_from_row (sqlite3_stmt *stmt)
{
  return chc_specialty_clinic_new (sqlite3_column_int64 (stmt, 0),
                                   sqlite3_column_int64 (stmt, 1),
                                   chc_column_text (stmt, 2),
                                   chc_column_text (stmt, 3),
                                   chc_column_text (stmt, 4));
}

/* Fills @statuses (ChcTcmStatus of one district, or one facility when
 * @facility_id > 0) from the TCM tables. */
static gboolean
load_statuses (ChcDatabase  *self,
               GPtrArray    *statuses,
               gint64        district_id,
               gint64        facility_id,
               int           year,
               GError      **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) events = new_list_table ();
  g_autoptr(GHashTable) clinics = new_list_table ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *year_end = chc_tcm_year_end (year);
  g_autofree char *first = g_strdup_printf ("%04d-01", year);
  g_autofree char *last = g_strdup_printf ("%04d-12", year);
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, value;

  /* Keys must outlive the table: keep the ids in an array. */
  {
    g_autofree gint64 *ids = g_new0 (gint64, statuses->len + 1);

    for (guint i = 0; i < statuses->len; i++)
      {
        ChcTcmStatus *status = g_ptr_array_index (statuses, i);

        ids[i] = chc_facility_get_id (chc_tcm_status_get_facility (status));
        g_hash_table_insert (by_id, &ids[i], status);
      }

    /* Site events up to the year end. */
    stmt = chc_database_prepare (self,
                                 "SELECT e.facility_id, e.date, e.kind, e.state"
                                 " FROM tcm_site_event e JOIN facility f ON f.id = e.facility_id"
                                 " WHERE (?1 = 0 OR f.district_id = ?1) AND (?2 = 0 OR f.id = ?2)"
                                 " AND e.date <= ?3",
                                 error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, district_id);
    sqlite3_bind_int64 (stmt, 2, facility_id);
    sqlite3_bind_text (stmt, 3, year_end, -1, SQLITE_TRANSIENT);
    while (chc_database_step_row (self, stmt, &local_error))
      g_ptr_array_add (get_or_add_list (events, sqlite3_column_int64 (stmt, 0)),
                       event_from_row (stmt));
    if (step_error (g_steal_pointer (&local_error), error))
      return FALSE;

    g_hash_table_iter_init (&iter, events);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        ChcTcmStatus *status = g_hash_table_lookup (by_id, key);
        ChcTcmSiteEvent *latest = NULL;
        ChcTcmSiteState state;

        if (status == NULL)
          continue;
        state = chc_tcm_site_state_at (value, year_end, &latest);
        chc_tcm_status_set_site_state (status, state);
        chc_tcm_status_set_site_date (status, latest ? chc_tcm_site_event_get_date (latest) : NULL);
      }

    /* Specialty clinics open at the year end. */
    stmt = chc_database_prepare (self,
                                 "SELECT c.id, c.facility_id, c.name, c.opened, c.closed"
                                 " FROM tcm_specialty_clinic c JOIN facility f ON f.id = c.facility_id"
                                 " WHERE (?1 = 0 OR f.district_id = ?1) AND (?2 = 0 OR f.id = ?2)"
                                 " AND c.opened <= ?3",
                                 error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, district_id);
    sqlite3_bind_int64 (stmt, 2, facility_id);
    sqlite3_bind_text (stmt, 3, year_end, -1, SQLITE_TRANSIENT);
    while (chc_database_step_row (self, stmt, &local_error))
      g_ptr_array_add (get_or_add_list (clinics, sqlite3_column_int64 (stmt, 1)),
                       clinic_from_row (stmt));
    if (step_error (g_steal_pointer (&local_error), error))
      return FALSE;

    g_hash_table_iter_init (&iter, clinics);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        ChcTcmStatus *status = g_hash_table_lookup (by_id, key);
        g_auto(GStrv) names = NULL;

        if (status == NULL)
          continue;
        names = chc_tcm_open_clinic_names (value, year_end);
        chc_tcm_status_set_clinic_names (status, (const char *const *) names);
      }

    /* Demonstration status. */
    stmt = chc_database_prepare (self,
                                 "SELECT d.facility_id, d.status, coalesce (d.year, 0)"
                                 " FROM tcm_demo d JOIN facility f ON f.id = d.facility_id"
                                 " WHERE (?1 = 0 OR f.district_id = ?1) AND (?2 = 0 OR f.id = ?2)",
                                 error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, district_id);
    sqlite3_bind_int64 (stmt, 2, facility_id);
    while (chc_database_step_row (self, stmt, &local_error))
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        ChcTcmStatus *status = g_hash_table_lookup (by_id, &id);
        ChcTcmDemoStatus demo = CHC_TCM_DEMO_NONE;

        if (status == NULL)
          continue;
        chc_tcm_demo_status_from_nick (chc_column_text (stmt, 1), &demo);
        chc_tcm_status_set_demo_status (status, demo);
        chc_tcm_status_set_demo_year (status, sqlite3_column_int (stmt, 2));
      }
    if (step_error (g_steal_pointer (&local_error), error))
      return FALSE;

    /* Visits of the year, summed. */
    stmt = chc_database_prepare (self,
                                 "SELECT v.facility_id, sum (v.tcm_visits), sum (v.all_visits)"
                                 " FROM tcm_visits v JOIN facility f ON f.id = v.facility_id"
                                 " WHERE (?1 = 0 OR f.district_id = ?1) AND (?2 = 0 OR f.id = ?2)"
                                 " AND v.period BETWEEN ?3 AND ?4"
                                 " GROUP BY v.facility_id",
                                 error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, district_id);
    sqlite3_bind_int64 (stmt, 2, facility_id);
    sqlite3_bind_text (stmt, 3, first, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 4, last, -1, SQLITE_TRANSIENT);
    while (chc_database_step_row (self, stmt, &local_error))
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        ChcTcmStatus *status = g_hash_table_lookup (by_id, &id);

        if (status == NULL)
          continue;
        chc_tcm_status_set_tcm_visits (status, sqlite3_column_int64 (stmt, 1));
        chc_tcm_status_set_all_visits (status, sqlite3_column_int64 (stmt, 2));
      }
    if (step_error (g_steal_pointer (&local_error), error))
      return FALSE;

    /* Training of the year. */
    stmt = chc_database_prepare (self,
                                 "SELECT t.facility_id, t.trained"
                                 " FROM tcm_training t JOIN facility f ON f.id = t.facility_id"
                                 " WHERE (?1 = 0 OR f.district_id = ?1) AND (?2 = 0 OR f.id = ?2)"
                                 " AND t.year = ?3",
                                 error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, district_id);
    sqlite3_bind_int64 (stmt, 2, facility_id);
    sqlite3_bind_int (stmt, 3, year);
    while (chc_database_step_row (self, stmt, &local_error))
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        ChcTcmStatus *status = g_hash_table_lookup (by_id, &id);

        if (status != NULL)
          chc_tcm_status_set_trained (status, sqlite3_column_int64 (stmt, 1));
      }
    if (step_error (g_steal_pointer (&local_error), error))
      return FALSE;
  }

  return TRUE;
}

static int
compare_ids (const gint64 *a,
             const gint64 *b)
{
  return (*a > *b) - (*a < *b);
}

/* ---- reading ------------------------------------------------------------ */

/**
 * chc_database_list_tcm_status:
 * @district_id: a district
 * @year: the year: states and clinics at its end, its visits and training
 *
 * Returns: (transfer full) (element-type ChcTcmStatus): one per facility
 *   of the district, in registry order; NULL with @error on failure.
 */
GPtrArray *
chc_database_list_tcm_status (ChcDatabase  *self,
                              gint64        district_id,
                              int           year,
                              GError      **error)
{
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GPtrArray) statuses = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);
  g_return_val_if_fail (district_id > 0, NULL);

  facilities = chc_database_list_facilities (self, district_id, error);
  if (facilities == NULL)
    return NULL;

  statuses = g_ptr_array_new_full (facilities->len, g_object_unref);
  for (guint i = 0; i < facilities->len; i++)
    g_ptr_array_add (statuses, chc_tcm_status_new (g_ptr_array_index (facilities, i), year));

  if (!load_statuses (self, statuses, district_id, 0, year, error))
    return NULL;
  return g_steal_pointer (&statuses);
}

ChcTcmStatus *
chc_database_get_tcm_status (ChcDatabase  *self,
                             gint64        facility_id,
                             int           year,
                             GError      **error)
{
  g_autoptr(ChcFacility) facility = NULL;
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  facility = chc_database_get_facility (self, facility_id, error);
  if (facility == NULL)
    return NULL;
  g_ptr_array_add (statuses, chc_tcm_status_new (facility, year));
  if (!load_statuses (self, statuses, 0, facility_id, year, error))
    return NULL;
  return g_object_ref (g_ptr_array_index (statuses, 0));
}

GPtrArray *
chc_database_list_tcm_site_events (ChcDatabase  *self,
                                   gint64        facility_id,
                                   GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT facility_id, date, kind, state FROM tcm_site_event"
                               " WHERE facility_id = ?1 ORDER BY date",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, facility_id);
  while (chc_database_step_row (self, stmt, &local_error))
    g_ptr_array_add (list, event_from_row (stmt));
  if (step_error (g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&list);
}

GPtrArray *
chc_database_list_specialty_clinics (ChcDatabase  *self,
                                     gint64        facility_id,
                                     GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT id, facility_id, name, opened, closed FROM tcm_specialty_clinic"
                               " WHERE facility_id = ?1 ORDER BY opened, name",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, facility_id);
  while (chc_database_step_row (self, stmt, &local_error))
    g_ptr_array_add (list, clinic_from_row (stmt));
  if (step_error (g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&list);
}

gboolean
chc_database_get_tcm_visits (ChcDatabase  *self,
                             gint64        facility_id,
                             const char   *period,
                             gint64       *tcm_visits,
                             gint64       *all_visits,
                             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  stmt = chc_database_prepare (self,
                               "SELECT tcm_visits, all_visits FROM tcm_visits"
                               " WHERE facility_id = ?1 AND period = ?2",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, facility_id);
  chc_bind_text_or_null (stmt, 2, period);
  found = chc_database_step_row (self, stmt, &local_error);
  if (found)
    {
      if (tcm_visits != NULL)
        *tcm_visits = sqlite3_column_int64 (stmt, 0);
      if (all_visits != NULL)
        *all_visits = sqlite3_column_int64 (stmt, 1);
      sqlite3_reset (stmt);
    }
  step_error (g_steal_pointer (&local_error), error);
  return found;
}

GPtrArray *
chc_database_tcm_town_matrix (ChcDatabase  *self,
                              gint64        district_id,
                              int           year,
                              GError      **error)
{
  g_autoptr(GPtrArray) towns = NULL;
  g_autoptr(GPtrArray) statuses = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  towns = chc_database_list_towns (self, district_id, error);
  if (towns == NULL)
    return NULL;
  statuses = chc_database_list_tcm_status (self, district_id, year, error);
  if (statuses == NULL)
    return NULL;
  return chc_tcm_town_matrix (towns, statuses);
}

/**
 * chc_database_list_tcm_targets:
 *
 * Reads the plan tables (indicator, target) read-only: the TCM indicators
 * of the newest plan of @district_id that covers @year.
 */
GPtrArray *
chc_database_list_tcm_targets (ChcDatabase  *self,
                               gint64        district_id,
                               int           year,
                               GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_tcm_target_free);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT i.code, i.scope, i.condition, i.unit, t.min_value, t.max_value"
                               " FROM indicator i"
                               " LEFT JOIN target t ON t.indicator_id = i.id AND t.year = ?2"
                               " WHERE i.plan_id = (SELECT p.id FROM plan p WHERE p.district_id = ?1"
                               "                    AND ?2 BETWEEN p.first_year AND p.last_year"
                               "                    ORDER BY p.id DESC LIMIT 1)"
                               " AND i.code LIKE 'tcm.%'"
                               " ORDER BY i.position, i.code",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_int (stmt, 2, year);
  while (chc_database_step_row (self, stmt, &local_error))
    {
      ChcTcmTarget *target = chc_tcm_target_new (chc_column_text (stmt, 0));

      target->type_mask = chc_tcm_type_mask_from_scope (chc_column_text (stmt, 1));
      target->has_condition = chc_tcm_condition_from_name (chc_column_text (stmt, 2), &target->condition);
      target->percent = g_strcmp0 (chc_column_text (stmt, 3), "percent") == 0;
      target->has_target = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      target->min_value = sqlite3_column_double (stmt, 4);
      target->max_value = sqlite3_column_type (stmt, 5) != SQLITE_NULL
                          ? sqlite3_column_double (stmt, 5) : target->min_value;
      g_ptr_array_add (list, target);
    }
  if (step_error (g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&list);
}

/* ---- writing ------------------------------------------------------------ */

/* Begins a write: opens the transaction and loads the facility. */
static ChcFacility *
begin_write (ChcDatabase  *self,
             gint64        facility_id,
             GError      **error)
{
  ChcFacility *facility;

  if (!chc_database_begin (self, error))
    return NULL;
  facility = chc_database_get_facility (self, facility_id, error);
  if (facility == NULL)
    chc_database_rollback (self);
  return facility;
}

static gboolean
end_write (ChcDatabase  *self,
           gboolean      ok,
           GError      **error)
{
  if (!ok)
    {
      chc_database_rollback (self);
      return FALSE;
    }
  chc_database_notify_changed (self, "tcm");
  return chc_database_commit (self, error);
}

gboolean
chc_database_add_tcm_site_event (ChcDatabase      *self,
                                 gint64            facility_id,
                                 ChcTcmSiteKind    kind,
                                 const char       *date,
                                 ChcTcmSiteState   state,
                                 GError          **error)
{
  g_autoptr(ChcFacility) facility = NULL;
  g_autoptr(ChcTcmSiteEvent) event = NULL;
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  g_autofree char *today = chc_tcm_today ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  facility = begin_write (self, facility_id, error);
  if (facility == NULL)
    return FALSE;

  event = chc_tcm_site_event_new (facility_id, kind, date, state);
  chc_tcm_validate_site_event (facility, event, today, violations);
  if (!chc_violations_to_error (violations, error))
    return end_write (self, FALSE, error);

  stmt = chc_database_prepare (self,
                               "INSERT INTO tcm_site_event (facility_id, date, kind, state)"
                               " VALUES (?1, ?2, ?3, ?4)"
                               " ON CONFLICT (facility_id, date) DO UPDATE"
                               " SET kind = excluded.kind, state = excluded.state",
                               error);
  if (stmt == NULL)
    return end_write (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, facility_id);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, chc_tcm_site_kind_to_nick (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, chc_tcm_site_state_to_nick (state), -1, SQLITE_STATIC);
  return end_write (self, chc_database_step_done (self, stmt, error), error);
}

gboolean
chc_database_remove_tcm_site_event (ChcDatabase  *self,
                                    gint64        facility_id,
                                    const char   *date,
                                    GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;
  stmt = chc_database_prepare (self,
                               "DELETE FROM tcm_site_event WHERE facility_id = ?1 AND date = ?2",
                               error);
  if (stmt == NULL)
    return end_write (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, facility_id);
  chc_bind_text_or_null (stmt, 2, date);
  if (!chc_database_step_done (self, stmt, error))
    return end_write (self, FALSE, error);
  if (sqlite3_changes (chc_database_get_handle (self)) == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("No TCM hall or corner change dated %s is recorded for this facility."),
                   date != NULL ? date : "");
      return end_write (self, FALSE, error);
    }
  return end_write (self, TRUE, error);
}

static ChcSpecialtyClinic *
get_clinic (ChcDatabase  *self,
            gint64        clinic_id,
            GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  ChcSpecialtyClinic *clinic;
  sqlite3_stmt *stmt;

  stmt = chc_database_prepare (self,
                               "SELECT id, facility_id, name, opened, closed FROM tcm_specialty_clinic"
                               " WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, clinic_id);
  if (!chc_database_step_row (self, stmt, &local_error))
    {
      if (!step_error (g_steal_pointer (&local_error), error))
        g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                     _("No specialty clinic with id %lld."), (long long) clinic_id);
      return NULL;
    }
  clinic = clinic_from_row (stmt);
  sqlite3_reset (stmt);
  return clinic;
}

/* Checks @clinic against the rules and the facility's other clinics. */
static gboolean
check_clinic (ChcDatabase         *self,
              ChcFacility         *facility,
              ChcSpecialtyClinic  *clinic,
              GError             **error)
{
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  g_autofree char *today = chc_tcm_today ();

  others = chc_database_list_specialty_clinics (self, chc_facility_get_id (facility), error);
  if (others == NULL)
    return FALSE;
  chc_tcm_validate_specialty_clinic (facility, clinic, others, today, violations);
  return chc_violations_to_error (violations, error);
}

gboolean
chc_database_add_specialty_clinic (ChcDatabase         *self,
                                   ChcSpecialtyClinic  *clinic,
                                   GError             **error)
{
  g_autoptr(ChcFacility) facility = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (CHC_IS_SPECIALTY_CLINIC (clinic), FALSE);
  g_return_val_if_fail (chc_specialty_clinic_get_id (clinic) == 0, FALSE);

  facility = begin_write (self, chc_specialty_clinic_get_facility_id (clinic), error);
  if (facility == NULL)
    return FALSE;
  if (!check_clinic (self, facility, clinic, error))
    return end_write (self, FALSE, error);

  name = chc_tcm_trim (chc_specialty_clinic_get_name (clinic));
  stmt = chc_database_prepare (self,
                               "INSERT INTO tcm_specialty_clinic (facility_id, name, opened, closed)"
                               " VALUES (?1, ?2, ?3, ?4)",
                               error);
  if (stmt == NULL)
    return end_write (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, chc_facility_get_id (facility));
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  chc_bind_text_or_null (stmt, 3, chc_specialty_clinic_get_opened (clinic));
  chc_bind_text_or_null (stmt, 4, chc_specialty_clinic_get_closed (clinic));
  if (!chc_database_step_done (self, stmt, error))
    return end_write (self, FALSE, error);
  id = sqlite3_last_insert_rowid (chc_database_get_handle (self));

  if (!end_write (self, TRUE, error))
    return FALSE;
  chc_specialty_clinic_set_id (clinic, id);
  chc_specialty_clinic_set_name (clinic, name);
  return TRUE;
}

gboolean
chc_database_close_specialty_clinic (ChcDatabase  *self,
                                     gint64        clinic_id,
                                     const char   *closed,
                                     GError      **error)
{
  g_autoptr(ChcSpecialtyClinic) clinic = NULL;
  g_autoptr(ChcFacility) facility = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;
  clinic = get_clinic (self, clinic_id, error);
  if (clinic == NULL)
    return end_write (self, FALSE, error);
  facility = chc_database_get_facility (self, chc_specialty_clinic_get_facility_id (clinic), error);
  if (facility == NULL)
    return end_write (self, FALSE, error);

  chc_specialty_clinic_set_closed (clinic, closed);
  if (!check_clinic (self, facility, clinic, error))
    return end_write (self, FALSE, error);

  stmt = chc_database_prepare (self,
                               "UPDATE tcm_specialty_clinic SET closed = ?2 WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return end_write (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, clinic_id);
  chc_bind_text_or_null (stmt, 2, closed);
  return end_write (self, chc_database_step_done (self, stmt, error), error);
}

gboolean
chc_database_remove_specialty_clinic (ChcDatabase  *self,
                                      gint64        clinic_id,
                                      GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;
  stmt = chc_database_prepare (self, "DELETE FROM tcm_specialty_clinic WHERE id = ?1", error);
  if (stmt == NULL)
    return end_write (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, clinic_id);
  if (!chc_database_step_done (self, stmt, error))
    return end_write (self, FALSE, error);
  if (sqlite3_changes (chc_database_get_handle (self)) == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("No specialty clinic with id %lld."), (long long) clinic_id);
      return end_write (self, FALSE, error);
    }
  return end_write (self, TRUE, error);
}

gboolean
chc_database_set_tcm_demo (ChcDatabase       *self,
                           gint64             facility_id,
                           ChcTcmDemoStatus   status,
                           int                year,
                           GError           **error)
{
  g_autoptr(ChcFacility) facility = NULL;
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  g_autofree char *today = chc_tcm_today ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  facility = begin_write (self, facility_id, error);
  if (facility == NULL)
    return FALSE;
  chc_tcm_validate_demo (facility, status, year, today, violations);
  if (!chc_violations_to_error (violations, error))
    return end_write (self, FALSE, error);

  stmt = chc_database_prepare (self,
                               "INSERT INTO tcm_demo (facility_id, status, year) VALUES (?1, ?2, ?3)"
                               " ON CONFLICT (facility_id) DO UPDATE"
                               " SET status = excluded.status, year = excluded.year",
                               error);
  if (stmt == NULL)
    return end_write (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, facility_id);
  sqlite3_bind_text (stmt, 2, chc_tcm_demo_status_to_nick (status), -1, SQLITE_STATIC);
  if (year > 0)
    sqlite3_bind_int (stmt, 3, year);
  else
    sqlite3_bind_null (stmt, 3);
  return end_write (self, chc_database_step_done (self, stmt, error), error);
}

gboolean
chc_database_set_tcm_visits (ChcDatabase  *self,
                             gint64        facility_id,
                             const char   *period,
                             gint64        tcm_visits,
                             gint64        all_visits,
                             GError      **error)
{
  g_autoptr(ChcFacility) facility = NULL;
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  g_autofree char *today = chc_tcm_today ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  facility = begin_write (self, facility_id, error);
  if (facility == NULL)
    return FALSE;
  chc_tcm_validate_visits (facility, period, tcm_visits, all_visits, today, violations);
  if (!chc_violations_to_error (violations, error))
    return end_write (self, FALSE, error);

  stmt = chc_database_prepare (self,
                               "INSERT INTO tcm_visits (facility_id, period, tcm_visits, all_visits)"
                               " VALUES (?1, ?2, ?3, ?4)"
                               " ON CONFLICT (facility_id, period) DO UPDATE"
                               " SET tcm_visits = excluded.tcm_visits, all_visits = excluded.all_visits",
                               error);
  if (stmt == NULL)
    return end_write (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, facility_id);
  sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, tcm_visits);
  sqlite3_bind_int64 (stmt, 4, all_visits);
  return end_write (self, chc_database_step_done (self, stmt, error), error);
}

gboolean
chc_database_set_tcm_training (ChcDatabase  *self,
                               gint64        facility_id,
                               int           year,
                               gint64        trained,
                               GError      **error)
{
  g_autoptr(ChcFacility) facility = NULL;
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  g_autofree char *today = chc_tcm_today ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  facility = begin_write (self, facility_id, error);
  if (facility == NULL)
    return FALSE;
  chc_tcm_validate_training (facility, year, trained, today, violations);
  if (!chc_violations_to_error (violations, error))
    return end_write (self, FALSE, error);

  stmt = chc_database_prepare (self,
                               "INSERT INTO tcm_training (facility_id, year, trained) VALUES (?1, ?2, ?3)"
                               " ON CONFLICT (facility_id, year) DO UPDATE SET trained = excluded.trained",
                               error);
  if (stmt == NULL)
    return end_write (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, facility_id);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int64 (stmt, 3, trained);
  return end_write (self, chc_database_step_done (self, stmt, error), error);
}

/* ---- checking ------------------------------------------------------------ */

static void
add_problems (GPtrArray   *problems,
              ChcFacility *facility,
              GPtrArray   *violations)
{
  for (guint i = 0; i < violations->len; i++)
    {
      ChcViolation *v = g_ptr_array_index (violations, i);

      g_ptr_array_add (problems, g_strdup_printf ("%s (%s): %s",
                                                  chc_facility_get_name (facility),
                                                  chc_facility_get_code (facility),
                                                  v->message));
    }
  g_ptr_array_set_size (violations, 0);
}

gboolean
chc_database_check_tcm (ChcDatabase  *self,
                        GPtrArray    *problems,
                        GError      **error)
{
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *today = chc_tcm_today ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  facilities = chc_database_list_facilities (self, 0, error);
  if (facilities == NULL)
    return FALSE;

  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *facility = g_ptr_array_index (facilities, i);
      gint64 id = chc_facility_get_id (facility);
      g_autoptr(GPtrArray) events = chc_database_list_tcm_site_events (self, id, error);
      g_autoptr(GPtrArray) clinics = NULL;

      if (events == NULL)
        return FALSE;
      for (guint e = 0; e < events->len; e++)
        chc_tcm_validate_site_event (facility, g_ptr_array_index (events, e), today, violations);
      add_problems (problems, facility, violations);

      clinics = chc_database_list_specialty_clinics (self, id, error);
      if (clinics == NULL)
        return FALSE;
      for (guint c = 0; c < clinics->len; c++)
        chc_tcm_validate_specialty_clinic (facility, g_ptr_array_index (clinics, c), clinics, today, violations);
      add_problems (problems, facility, violations);

      stmt = chc_database_prepare (self,
                                   "SELECT status, coalesce (year, 0) FROM tcm_demo WHERE facility_id = ?1",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (chc_database_step_row (self, stmt, &local_error))
        {
          ChcTcmDemoStatus demo = CHC_TCM_DEMO_NONE;

          chc_tcm_demo_status_from_nick (chc_column_text (stmt, 0), &demo);
          chc_tcm_validate_demo (facility, demo, sqlite3_column_int (stmt, 1), today, violations);
          sqlite3_reset (stmt);
        }
      if (step_error (g_steal_pointer (&local_error), error))
        return FALSE;
      add_problems (problems, facility, violations);

      stmt = chc_database_prepare (self,
                                   "SELECT period, tcm_visits, all_visits FROM tcm_visits WHERE facility_id = ?1"
                                   " ORDER BY period",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      while (chc_database_step_row (self, stmt, &local_error))
        chc_tcm_validate_visits (facility, chc_column_text (stmt, 0), sqlite3_column_int64 (stmt, 1),
                                 sqlite3_column_int64 (stmt, 2), today, violations);
      if (step_error (g_steal_pointer (&local_error), error))
        return FALSE;
      add_problems (problems, facility, violations);

      stmt = chc_database_prepare (self,
                                   "SELECT year, trained FROM tcm_training WHERE facility_id = ?1 ORDER BY year",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      while (chc_database_step_row (self, stmt, &local_error))
        chc_tcm_validate_training (facility, sqlite3_column_int (stmt, 0), sqlite3_column_int64 (stmt, 1),
                                   today, violations);
      if (step_error (g_steal_pointer (&local_error), error))
        return FALSE;
      add_problems (problems, facility, violations);
    }

  return TRUE;
}

/* ---- indicator conditions ------------------------------------------------
 *
 * The conditions the plans' indicators count (tcm.specialty_coverage,
 * tcm.hall_coverage, tcm.corner_coverage_*, tcm.demo_stations,
 * tcm.towns_with_demo): each query returns the ids of the facilities of
 * district ?1 that satisfy the condition at the end of year ?2.  They
 * agree with chc_tcm_status_satisfies() (tests/test-tcm.c checks both on
 * the same data).  Scope (facility types) and status filtering are the
 * indicator method's business, not the condition's.
 */

static const char *const condition_sql[CHC_TCM_N_CONDITIONS] = {
  [CHC_TCM_CONDITION_SPECIALTY] = CHC_TCM_SQL_SPECIALTY,
  [CHC_TCM_CONDITION_HALL_UP_TO_STANDARD] = CHC_TCM_SQL_HALL_UP_TO_STANDARD,
  [CHC_TCM_CONDITION_HALL_IN_SERVICE] = CHC_TCM_SQL_HALL_IN_SERVICE,
  [CHC_TCM_CONDITION_CORNER] = CHC_TCM_SQL_CORNER,
  [CHC_TCM_CONDITION_DEMO_AWARDED] = CHC_TCM_SQL_DEMO_AWARDED,
};

/**
 * chc_database_list_tcm_condition:
 * @condition: a TCM condition
 *
 * Runs the condition's query (the one the plans' indicators use).
 *
 * Returns: (transfer full) (element-type gint64): the ids of the
 *   facilities of @district_id satisfying @condition at the end of @year,
 *   ascending; NULL with @error on failure.
 */
GArray *
chc_database_list_tcm_condition (ChcDatabase      *self,
                                 ChcTcmCondition   condition,
                                 gint64            district_id,
                                 int               year,
                                 GError          **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);
  g_return_val_if_fail ((guint) condition < CHC_TCM_N_CONDITIONS, NULL);

  stmt = chc_database_prepare (self, condition_sql[condition], error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_int (stmt, 2, year);
  while (chc_database_step_row (self, stmt, &local_error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (step_error (g_steal_pointer (&local_error), error))
    return NULL;
  g_array_sort (ids, (GCompareFunc) compare_ids);
  return g_steal_pointer (&ids);
}
