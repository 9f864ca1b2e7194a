/* chc-database-reporting.c — the reporting cycle in the database (schema
 * 7, issue 15): schedules, the states of the reports, approvals, returns
 * and locked periods.
 *
 * "Not started" and "entered" are read from the figures themselves (a
 * facility's rows of the data set's elements for the period); a row of
 * report_state says "submitted", "approved" or "returned".
 *
 * The locks are TEMP triggers on the tables of figures (one set per
 * connection, like the tracking triggers of chc-database-sync.c): a write
 * that would add, change or delete a locked figure calls
 * chc_refuse_locked(), which words the refusal (the facility, the period
 * and the lock) and fails the statement; the store's transaction then
 * rolls back as a whole, and chc_database_set_sql_error() gives the
 * caller CHC_DATABASE_ERROR_LOCKED with those words.  Entry, imports and
 * merges all write through these tables, so one rule holds for all three.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-database"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-database-reporting.h"
#include "core/chc-element.h"
#include "core/chc-json.h"
#include "store/chc-database-values.h"
#include "chc-database-private.h"
#include "chc-database-sync-private.h"
#include "chc-database-sync.h"

/* ---- the lock triggers ------------------------------------------------ */

/* The data set @element's values of @period belong to: its declared one,
 * or for a commission's own element the derived 「自定义数据项」 of the
 * period's type (custom_month …); NULL for none. */
static void
fn_dataset_of (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const char *element = (const char *) sqlite3_value_text (argv[0]);
  const char *period = (const char *) sqlite3_value_text (argv[1]);
  ChcDataSet *data_set = chc_datasets_find_for_element (chc_datasets_get_builtin (), element);
  ChcPeriodType type;

  if (data_set != NULL)
    {
      sqlite3_result_text (context, data_set->code, -1, SQLITE_TRANSIENT);
      return;
    }
  if (chc_elements_find_builtin (element) != NULL || !chc_period_type_of (period, &type))
    {
      sqlite3_result_null (context);
      return;
    }
  sqlite3_result_text (context,
                       type == CHC_PERIOD_TYPE_MONTH ? "custom_month"
                       : type == CHC_PERIOD_TYPE_QUARTER ? "custom_quarter" : "custom_year",
                       -1, SQLITE_STATIC);
}

/* The first row of a one-off query on @db (the trigger's statement is
 * running: never a cached statement).  (transfer full) */
static char *
query_text (sqlite3    *db,
            const char *sql,
            gint64      id,
            const char *text,
            const char *text2)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  if (text2 != NULL)
    sqlite3_bind_text (stmt, 3, text2, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return result;
}

static const char *
data_set_label (const char *code)
{
  ChcDataSet *data_set = chc_datasets_find (chc_datasets_get_builtin (), code);

  return data_set != NULL ? chc_data_set_get_label (data_set) : code;
}

/* chc_refuse_locked (facility_id, period, dataset) and
 * chc_refuse_locked (NULL, period, NULL, district_id): words the refusal
 * and fails the statement. */
static void
fn_refuse_locked (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  ChcDatabase *self = sqlite3_user_data (context);
  sqlite3 *db = sqlite3_context_db_handle (context);
  ChcSyncState *sync = chc_database_get_sync_state (self);
  gint64 facility_id = sqlite3_value_int64 (argv[0]);
  const char *period = (const char *) sqlite3_value_text (argv[1]);
  const char *dataset = (const char *) sqlite3_value_text (argv[2]);
  gint64 district_id = sqlite3_value_int64 (argv[3]);
  g_autofree char *when = chc_period_to_chinese (period);
  g_autofree char *district = NULL;
  g_autofree char *locked_at = NULL;
  g_autofree char *message = NULL;

  gboolean of_facility = sqlite3_value_type (argv[0]) != SQLITE_NULL;
  g_autofree char *name = NULL;

  if (of_facility)
    {
      g_autofree char *id = query_text (db, "SELECT district_id FROM main.facility WHERE id = ?1",
                                        facility_id, NULL, NULL);

      name = query_text (db, "SELECT name || '（' || code || '）' FROM main.facility WHERE id = ?1",
                         facility_id, NULL, NULL);
      district_id = id != NULL ? g_ascii_strtoll (id, NULL, 10) : 0;
    }
  district = query_text (db, "SELECT name FROM main.district WHERE id = ?1", district_id, NULL, NULL);
  locked_at = query_text (db, "SELECT locked_at FROM main.period_lock WHERE district_id = ?1 AND period = ?2",
                          district_id, period, NULL);
  if (!of_facility)
    /* Translators: 1 a district, 2 a period, 3 a time */
    message = g_strdup_printf (_("Nothing was written: the district figures of %1$s for %2$s are locked (since %3$s). To change them, it must be unlocked first, with a reason."),
                               district, when, locked_at != NULL ? locked_at : "?");
  else if (locked_at != NULL)
    /* Translators: 1 a facility, 2 a period, 3 a district, 4 a time */
    message = g_strdup_printf (_("Nothing was written: the figures of %1$s for %2$s are locked — %3$s locked that period on %4$s. To change them, it must be unlocked first, with a reason."),
                               name, when, district, locked_at);
  else
    {
      g_autofree char *approved_at =
        query_text (db, "SELECT decided_at FROM main.report_state WHERE facility_id = ?1"
                        " AND period = ?2 AND dataset = ?3 AND state = 'approved'",
                    facility_id, period, dataset);

      /* Translators: 1 a facility, 2 a period, 3 a data set, 4 a time */
      message = g_strdup_printf (_("Nothing was written: the figures of %1$s for %2$s are locked — its report “%3$s” was approved on %4$s. To change them, it must be unlocked first, with a reason."),
                                 name, when, data_set_label (dataset),
                                 approved_at != NULL ? approved_at : "?");
    }

  g_free (sync->lock_refusal);
  sync->lock_refusal = g_strdup (message);
  sqlite3_result_error (context, message, -1);
}

/* Whether a facility's figure is locked, as SQL: @f its facility id,
 * @p its period, @ds its data set (an expression, NULL for none). */
static char *
locked_sql (const char *f,
            const char *p,
            const char *ds)
{
  g_autofree char *approved = ds == NULL ? g_strdup ("")
    : g_strdup_printf (" OR EXISTS (SELECT 1 FROM main.report_state s WHERE s.facility_id = %s"
                       " AND s.dataset = %s AND s.period = %s AND s.state = 'approved')", f, ds, p);

  /* period_lock drives the join (by its period index): without locks, as
   * during most imports, the test costs next to nothing */
  return g_strdup_printf ("(EXISTS (SELECT 1 FROM main.period_lock l, main.facility f WHERE l.period = %s"
                          " AND f.id = %s AND f.district_id = l.district_id)%s)",
                          p, f, approved);
}

typedef struct
{
  const char *table;
  const char *facility;   /* column, or NULL for a district's figure */
  const char *period;     /* expression over X. */
  const char *dataset;    /* expression over X., or NULL */
  const char *columns;    /* the columns whose change is a change of figures */
} LockedTable;

static const LockedTable locked_tables[] = {
  { "signing", "facility_id", "X.period", "'signing'",
    "facility_id, period, resident_population, signed_residents, key_population, key_population_signed,"
    " online_signed, signed_visits_total, signed_visits_in_community" },
  { "tcm_visits", "facility_id", "X.period", "'tcm_visits'", "facility_id, period, tcm_visits, all_visits" },
  { "tcm_training", "facility_id", "CAST (X.year AS TEXT)", NULL, "facility_id, year, trained" },
  { "element_value", "facility_id", "X.period", "chc_dataset_of (X.element, X.period)",
    "facility_id, element, period, value" },
  { "district_value", NULL, "X.period", NULL, "district_id, element, period, value" },
};

/* @sql with every "X." replaced by "@alias." */
static char *
over (const char *sql,
      const char *alias)
{
  g_auto(GStrv) parts = g_strsplit (sql, "X.", -1);
  g_autofree char *glue = g_strconcat (alias, ".", NULL);

  return g_strjoinv (glue, parts);
}

static char *
lock_condition (const LockedTable *t,
                const char        *alias)
{
  g_autofree char *f = NULL;
  g_autofree char *p = over (t->period, alias);
  g_autofree char *ds = t->dataset != NULL ? over (t->dataset, alias) : NULL;

  if (t->facility == NULL)
    return g_strdup_printf ("EXISTS (SELECT 1 FROM main.period_lock l WHERE l.period = %s"
                            " AND l.district_id = %s.district_id)", p, alias);
  f = g_strdup_printf ("%s.%s", alias, t->facility);
  return locked_sql (f, p, ds);
}

static char *
refuse_call (const LockedTable *t,
             const char        *alias)
{
  g_autofree char *p = over (t->period, alias);
  g_autofree char *ds = t->dataset != NULL ? over (t->dataset, alias) : g_strdup ("NULL");

  if (t->facility == NULL)
    return g_strdup_printf ("SELECT chc_refuse_locked (NULL, %s, NULL, %s.district_id);", p, alias);
  return g_strdup_printf ("SELECT chc_refuse_locked (%s.%s, %s, %s, NULL);", alias, t->facility, p, ds);
}

static char *
lock_triggers_sql (const LockedTable *t)
{
  g_autofree char *on_new = lock_condition (t, "NEW");
  g_autofree char *on_old = lock_condition (t, "OLD");
  g_autofree char *refuse_new = refuse_call (t, "NEW");
  g_autofree char *refuse_old = refuse_call (t, "OLD");
  g_autoptr(GString) changed = g_string_new (NULL);
  g_auto(GStrv) columns = g_strsplit (t->columns, ",", -1);

  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_strstrip (columns[i]);
      g_string_append_printf (changed, "%sOLD.%s IS NOT NEW.%s", i > 0 ? " OR " : "", columns[i], columns[i]);
    }
  return g_strdup_printf (
    "CREATE TEMP TRIGGER chc_lock_%s_ins BEFORE INSERT ON main.%s WHEN %s BEGIN %s END;\n"
    "CREATE TEMP TRIGGER chc_lock_%s_upd BEFORE UPDATE ON main.%s WHEN (%s) AND %s BEGIN %s END;\n"
    "CREATE TEMP TRIGGER chc_lock_%s_upd_old BEFORE UPDATE ON main.%s WHEN (%s) AND %s BEGIN %s END;\n"
    "CREATE TEMP TRIGGER chc_lock_%s_del BEFORE DELETE ON main.%s WHEN %s BEGIN %s END;\n",
    t->table, t->table, on_new, refuse_new,
    t->table, t->table, changed->str, on_new, refuse_new,
    t->table, t->table, changed->str, on_old, refuse_old,
    t->table, t->table, on_old, refuse_old);
}

gboolean
chc_database_reporting_setup (ChcDatabase  *self,
                              GError      **error)
{
  sqlite3 *db = chc_database_get_handle (self);

  if (sqlite3_create_function_v2 (db, "chc_dataset_of", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                  fn_dataset_of, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function_v2 (db, "chc_refuse_locked", 4, SQLITE_UTF8, self,
                                  fn_refuse_locked, NULL, NULL, NULL) != SQLITE_OK)
    {
      chc_database_set_sql_error (self, error);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (locked_tables); i++)
    {
      g_autofree char *sql = lock_triggers_sql (&locked_tables[i]);

      if (!chc_database_exec (self, sql, error))
        return FALSE;
    }
  return TRUE;
}

char *
chc_database_take_lock_refusal (ChcDatabase *self)
{
  return g_steal_pointer (&chc_database_get_sync_state (self)->lock_refusal);
}

/* Rows written in bulk (an import's new rows only, chc_database_bulk_begin):
 * the lock triggers go for the while, as the tracking triggers do, and
 * one query checks the rows of this transaction's tick at the end — a million-row import then costs what it did.  Only for the
 * tables whose bulk rows carry their created_tick. */
static const LockedTable *
bulk_locked_table (const char *table)
{
  if (g_strcmp0 (table, "signing") != 0 && g_strcmp0 (table, "tcm_visits") != 0)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (locked_tables); i++)
    if (g_str_equal (locked_tables[i].table, table))
      return &locked_tables[i];
  return NULL;
}

gboolean
chc_database_reporting_bulk_begin (ChcDatabase  *self,
                                   const char   *table,
                                   GError      **error)
{
  g_autofree char *sql = NULL;

  if (bulk_locked_table (table) == NULL)
    return TRUE;
  /* all four: even unfired, an UPDATE trigger slows every upsert */
  sql = g_strdup_printf ("DROP TRIGGER IF EXISTS temp.chc_lock_%s_ins;"
                         "DROP TRIGGER IF EXISTS temp.chc_lock_%s_upd;"
                         "DROP TRIGGER IF EXISTS temp.chc_lock_%s_upd_old;"
                         "DROP TRIGGER IF EXISTS temp.chc_lock_%s_del", table, table, table, table);
  return chc_database_exec (self, sql, error);
}

gboolean
chc_database_reporting_bulk_end (ChcDatabase  *self,
                                 const char   *table,
                                 gint64        tick,
                                 GError      **error)
{
  const LockedTable *t = bulk_locked_table (table);
  g_autofree char *trigger = NULL;

  if (t == NULL)
    return TRUE;
  /* Driven by the locks (few), never by the rows (a million): the rows of
   * this tick in a locked district-period, then in an approved report. */
  for (int pass = 0; pass < 2; pass++)
    {
      g_autofree char *check = pass == 0
        ? g_strdup_printf ("SELECT chc_refuse_locked (X.facility_id, X.period, %s, NULL)"
                           " FROM main.period_lock l JOIN main.facility f ON f.district_id = l.district_id"
                           " JOIN main.%s X ON X.facility_id = f.id AND X.period = l.period"
                           " WHERE X.created_tick = ?1 LIMIT 1", t->dataset, table)
        : g_strdup_printf ("SELECT chc_refuse_locked (X.facility_id, X.period, %s, NULL)"
                           " FROM main.report_state s JOIN main.%s X"
                           " ON X.facility_id = s.facility_id AND X.period = s.period"
                           " WHERE s.state = 'approved' AND s.dataset = %s AND X.created_tick = ?1 LIMIT 1",
                           t->dataset, table, t->dataset);
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (sqlite3_prepare_v2 (chc_database_get_handle (self), check, -1, &stmt, NULL) != SQLITE_OK)
        {
          chc_database_set_sql_error (self, error);
          return FALSE;
        }
      sqlite3_bind_int64 (stmt, 1, tick);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        {
          chc_database_set_sql_error (self, error);
          return FALSE;
        }
    }
  trigger = lock_triggers_sql (t);
  return chc_database_exec (self, trigger, error);
}

/* ---- schedules -------------------------------------------------------- */

void
chc_report_schedule_free (ChcReportSchedule *schedule)
{
  if (schedule == NULL)
    return;
  g_free (schedule->dataset);
  g_free (schedule->label);
  g_strfreev (schedule->reported_by);
  g_free (schedule);
}

/* The database's data sets (the built-in ones and the commission's own). */
static GPtrArray *
list_data_sets (ChcDatabase  *self,
                GError      **error)
{
  g_autoptr(GPtrArray) elements = chc_database_list_elements (self, error);

  return elements != NULL ? chc_datasets_list (elements) : NULL;
}

static GPtrArray *
schedules_of (ChcDatabase  *self,
              gint64        district_id,
              GPtrArray    *data_sets,
              GError      **error)
{
  g_autoptr(GPtrArray) schedules = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_schedule_free);
  sqlite3_stmt *stmt;

  stmt = chc_database_prepare (self,
                               "SELECT due_day, due_months, reporters, active FROM report_schedule"
                               " WHERE district_id = ?1 AND dataset = ?2",
                               error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < data_sets->len; i++)
    {
      ChcDataSet *data_set = g_ptr_array_index (data_sets, i);
      ChcReportSchedule *schedule;

      if (!chc_data_set_is_reported (data_set))
        continue;
      schedule = g_new0 (ChcReportSchedule, 1);
      schedule->dataset = g_strdup (data_set->code);
      schedule->label = g_strdup (chc_data_set_get_label (data_set));
      schedule->period_type = data_set->period_type;
      schedule->due_day = data_set->due_day;
      schedule->due_months = data_set->due_months;
      schedule->reported_by = g_strdupv (data_set->reported_by);
      schedule->active = TRUE;
      g_ptr_array_add (schedules, schedule);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, district_id);
      sqlite3_bind_text (stmt, 2, data_set->code, -1, SQLITE_TRANSIENT);
      if (chc_database_step_row (self, stmt, error))
        {
          schedule->due_day = sqlite3_column_int (stmt, 0);
          schedule->due_months = sqlite3_column_int (stmt, 1);
          g_strfreev (schedule->reported_by);
          schedule->reported_by = g_strsplit (chc_column_text (stmt, 2), ",", -1);
          schedule->active = sqlite3_column_int (stmt, 3) != 0;
          schedule->customized = TRUE;
        }
      else if (error != NULL && *error != NULL)
        return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&schedules);
}

GPtrArray *
chc_database_list_schedules (ChcDatabase  *self,
                             gint64        district_id,
                             GError      **error)
{
  g_autoptr(GPtrArray) data_sets = list_data_sets (self, error);

  return data_sets != NULL ? schedules_of (self, district_id, data_sets, error) : NULL;
}

gboolean
chc_database_set_schedule (ChcDatabase             *self,
                           gint64                   district_id,
                           const ChcReportSchedule *schedule,
                           GError                 **error)
{
  g_autofree char *reporters = g_strjoinv (",", schedule->reported_by);
  sqlite3_stmt *stmt;

  if (schedule->due_day < 1 || schedule->due_day > 31 || schedule->due_months < 0 || schedule->due_months > 12)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                   _("A due day is a day of the month (1–31), at most 12 months after the period."));
      return FALSE;
    }
  if (!chc_database_begin (self, error))
    return FALSE;
  stmt = chc_database_prepare (self,
                               "INSERT INTO report_schedule (district_id, dataset, due_day, due_months, reporters, active)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (district_id, dataset) DO UPDATE SET"
                               " due_day = excluded.due_day, due_months = excluded.due_months,"
                               " reporters = excluded.reporters, active = excluded.active",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_text (stmt, 2, schedule->dataset, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, schedule->due_day);
  sqlite3_bind_int (stmt, 4, schedule->due_months);
  sqlite3_bind_text (stmt, 5, reporters, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, schedule->active ? 1 : 0);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  chc_database_notify_changed (self, "report_schedule");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

gboolean
chc_database_set_schedules (ChcDatabase  *self,
                            gint64        district_id,
                            GPtrArray    *schedules,
                            GError      **error)
{
  if (!chc_database_begin (self, error))
    return FALSE;
  for (guint i = 0; i < schedules->len; i++)
    if (!chc_database_set_schedule (self, district_id, g_ptr_array_index (schedules, i), error))
      {
        chc_database_rollback (self);
        return FALSE;
      }
  return chc_database_commit (self, error);
}

/* ---- the reports ------------------------------------------------------ */

typedef struct
{
  gint64  id;
  char   *code;
  char   *name;
  char   *type;
  gint64  parent_id;
  char   *town;
  gboolean operating;
} Reporter;

static void
reporter_free (Reporter *r)
{
  g_free (r->code);
  g_free (r->name);
  g_free (r->type);
  g_free (r->town);
  g_free (r);
}

/* @district_id's facilities, each centre followed by the facilities under it. */
static GPtrArray *
list_reporters (ChcDatabase  *self,
                gint64        district_id,
                GError      **error)
{
  g_autoptr(GPtrArray) reporters = g_ptr_array_new_with_free_func ((GDestroyNotify) reporter_free);
  sqlite3_stmt *stmt = chc_database_prepare (self,
    "SELECT f.id, f.code, f.name, f.type, coalesce (f.parent_id, 0), t.name, f.status = 'operating'"
    " FROM facility f LEFT JOIN town t ON t.id = f.town_id WHERE f.district_id = ?1"
    " ORDER BY coalesce ((SELECT p.code FROM facility p WHERE p.id = f.parent_id), f.code),"
    " f.parent_id IS NOT NULL, f.code",
    error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  while (chc_database_step_row (self, stmt, error))
    {
      Reporter *r = g_new0 (Reporter, 1);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->code = g_strdup (chc_column_text (stmt, 1));
      r->name = g_strdup (chc_column_text (stmt, 2));
      r->type = g_strdup (chc_column_text (stmt, 3));
      r->parent_id = sqlite3_column_int64 (stmt, 4);
      r->town = g_strdup (chc_column_text (stmt, 5));
      r->operating = sqlite3_column_int (stmt, 6) != 0;
      g_ptr_array_add (reporters, r);
    }
  sqlite3_reset (stmt);
  if (error != NULL && *error != NULL)
    return NULL;
  return g_steal_pointer (&reporters);
}

static char *
report_key (gint64      facility_id,
            const char *dataset,
            const char *period)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "|%s|%s", facility_id, dataset, period);
}

/* Adds "facility|dataset|period" to @entered for every facility of
 * @district_id with figures of @data_set in @first … @last.  From the
 * district's facilities to their rows (CROSS JOIN keeps that order): the
 * period index would read every district's rows. */
static gboolean
read_entered (ChcDatabase        *self,
              gint64              district_id,
              ChcDataSet         *data_set,
              const char * const *types,
              const char         *first,
              const char         *last,
              GHashTable         *entered,
              GError            **error)
{
  g_autofree char *codes = chc_json_string_array ((const char * const *) data_set->elements, -1);
  /* only the facility types that report it: no seek for each station of a
   * centre's report */
  g_autofree char *type_list = chc_json_string_array (types, -1);
  sqlite3_stmt *stmt;

  if (g_strcmp0 (data_set->family, "signing") == 0)
    stmt = chc_database_prepare (self,
                                 "SELECT s.facility_id, s.period FROM facility f CROSS JOIN signing s ON s.facility_id = f.id"
                                 " WHERE f.district_id = ?1 AND f.type IN (SELECT value FROM json_each (?5))"
                                 " AND s.period BETWEEN ?2 AND ?3",
                                 error);
  else if (g_strcmp0 (data_set->family, "tcm_visits") == 0)
    stmt = chc_database_prepare (self,
                                 "SELECT s.facility_id, s.period FROM facility f CROSS JOIN tcm_visits s ON s.facility_id = f.id"
                                 " WHERE f.district_id = ?1 AND f.type IN (SELECT value FROM json_each (?5))"
                                 " AND s.period BETWEEN ?2 AND ?3",
                                 error);
  else if (data_set->family == NULL)
    stmt = chc_database_prepare (self,
                                 "SELECT DISTINCT v.facility_id, v.period FROM facility f"
                                 " CROSS JOIN element_value v ON v.facility_id = f.id WHERE f.district_id = ?1"
                                 " AND f.type IN (SELECT value FROM json_each (?5))"
                                 " AND v.period BETWEEN ?2 AND ?3 AND v.element IN (SELECT value FROM json_each (?4))",
                                 error);
  else
    return TRUE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_text (stmt, 2, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, last, -1, SQLITE_TRANSIENT);
  if (data_set->family == NULL)
    sqlite3_bind_text (stmt, 4, codes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, type_list, -1, SQLITE_TRANSIENT);
  while (chc_database_step_row (self, stmt, error))
    g_hash_table_add (entered, report_key (sqlite3_column_int64 (stmt, 0), data_set->code,
                                           chc_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  return error == NULL || *error == NULL;
}

typedef struct
{
  ChcReportState  state;
  char           *submitted_at;
  char           *decided_at;
  char           *comment;
} StoredState;

static void
stored_state_free (StoredState *s)
{
  g_free (s->submitted_at);
  g_free (s->decided_at);
  g_free (s->comment);
  g_free (s);
}

static gboolean
read_states (ChcDatabase  *self,
             gint64        district_id,
             int           first_year,
             int           last_year,
             GHashTable   *states,
             GError      **error)
{
  sqlite3_stmt *stmt = chc_database_prepare (self,
    "SELECT s.facility_id, s.dataset, s.period, s.state, s.submitted_at, s.decided_at, s.comment"
    " FROM report_state s JOIN facility f ON f.id = s.facility_id"
    " WHERE f.district_id = ?1 AND CAST (substr (s.period, 1, 4) AS INTEGER) BETWEEN ?2 AND ?3",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_int (stmt, 2, first_year);
  sqlite3_bind_int (stmt, 3, last_year);
  while (chc_database_step_row (self, stmt, error))
    {
      StoredState *s = g_new0 (StoredState, 1);

      if (!chc_report_state_from_nick (chc_column_text (stmt, 3), &s->state))
        s->state = CHC_REPORT_STATE_SUBMITTED;
      s->submitted_at = g_strdup (chc_column_text (stmt, 4));
      s->decided_at = g_strdup (chc_column_text (stmt, 5));
      s->comment = g_strdup (chc_column_text (stmt, 6));
      g_hash_table_insert (states,
                           report_key (sqlite3_column_int64 (stmt, 0), chc_column_text (stmt, 1),
                                       chc_column_text (stmt, 2)),
                           s);
    }
  sqlite3_reset (stmt);
  return error == NULL || *error == NULL;
}

static gboolean
read_period_locks (ChcDatabase  *self,
                   gint64        district_id,
                   GHashTable   *locks,
                   GError      **error)
{
  sqlite3_stmt *stmt = chc_database_prepare (self, "SELECT period FROM period_lock WHERE district_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, district_id);
  while (chc_database_step_row (self, stmt, error))
    g_hash_table_add (locks, g_strdup (chc_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return error == NULL || *error == NULL;
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

GPtrArray *
chc_database_list_reports (ChcDatabase  *self,
                           gint64        district_id,
                           const char   *dataset,
                           const char   *first,
                           const char   *last,
                           GError      **error)
{
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GPtrArray) reporters = NULL;
  g_autoptr(GPtrArray) data_sets = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_status_free);
  g_autoptr(GHashTable) entered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) stored_state_free);
  g_autoptr(GHashTable) locks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *today = today_text ();
  int from, to, unused;

  if (!chc_period_months (first, &from, &unused) || !chc_period_months (last, &unused, &to) || to < from)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                   _("Not a range of periods: %s … %s."), first, last);
      return NULL;
    }
  data_sets = list_data_sets (self, error);
  if (data_sets == NULL)
    return NULL;
  schedules = schedules_of (self, district_id, data_sets, error);
  if (schedules == NULL)
    return NULL;
  reporters = list_reporters (self, district_id, error);
  if (reporters == NULL)
    return NULL;
  if (!read_states (self, district_id, from / 12, to / 12, states, error) ||
      !read_period_locks (self, district_id, locks, error))
    return NULL;

  for (guint s = 0; s < schedules->len; s++)
    {
      ChcReportSchedule *schedule = g_ptr_array_index (schedules, s);
      ChcDataSet *data_set = chc_datasets_find (data_sets, schedule->dataset);
      g_auto(GStrv) periods = NULL;

      if (dataset != NULL ? g_strcmp0 (dataset, schedule->dataset) != 0 : !schedule->active)
        continue;
      periods = chc_report_periods (schedule->period_type, first, last);
      if (data_set == NULL || periods[0] == NULL)
        continue;
      if (!read_entered (self, district_id, data_set, (const char * const *) schedule->reported_by,
                         periods[0], periods[g_strv_length (periods) - 1],
                         entered, error))
        return NULL;

      for (guint f = 0; f < reporters->len; f++)
        {
          Reporter *r = g_ptr_array_index (reporters, f);

          if (!g_strv_contains ((const char *const *) schedule->reported_by, r->type))
            continue;
          for (guint p = 0; periods[p] != NULL; p++)
            {
              g_autofree char *key = report_key (r->id, schedule->dataset, periods[p]);
              StoredState *stored = g_hash_table_lookup (states, key);
              gboolean has_figures = g_hash_table_contains (entered, key);
              ChcReportStatus *status;

              if (!r->operating && stored == NULL && !has_figures)
                continue;
              status = g_new0 (ChcReportStatus, 1);
              status->facility_id = r->id;
              status->facility_code = g_strdup (r->code);
              status->facility_name = g_strdup (r->name);
              status->facility_type = g_strdup (r->type);
              status->parent_id = r->parent_id;
              status->town = g_strdup (r->town);
              status->dataset = g_strdup (schedule->dataset);
              status->period = g_strdup (periods[p]);
              status->due_date = chc_report_due_date (periods[p], schedule->due_day, schedule->due_months);
              if (stored != NULL)
                {
                  status->state = stored->state;
                  status->submitted_at = g_strdup (stored->submitted_at);
                  status->decided_at = g_strdup (stored->decided_at);
                  status->comment = g_strdup (stored->comment);
                }
              else
                status->state = has_figures ? CHC_REPORT_STATE_ENTERED : CHC_REPORT_STATE_NOT_STARTED;
              if (status->comment == NULL)
                status->comment = g_strdup ("");
              status->timeliness = chc_report_timeliness (status->state, status->submitted_at,
                                                          status->due_date, today);
              status->locked = status->state == CHC_REPORT_STATE_APPROVED ||
                               g_hash_table_contains (locks, periods[p]);
              g_ptr_array_add (reports, status);
            }
        }
    }
  return g_steal_pointer (&reports);
}

/* ---- submit, approve, return ------------------------------------------ */

/* The reports of @facility_id (and the facilities under it, when
 * @with_children) in @district_id for @period, of @dataset or of every
 * active data set of @period's type. */
static GPtrArray *
reports_of (ChcDatabase  *self,
            gint64        district_id,
            gint64        facility_id,
            const char   *dataset,
            const char   *period,
            GError      **error)
{
  g_autoptr(GPtrArray) all = NULL;
  ChcPeriodType type;

  if (!chc_period_type_of (period, &type))
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                   _("“%s” is not a period (2024-03, 2024Q1 or 2024)."), period);
      return NULL;
    }
  all = chc_database_list_reports (self, district_id, dataset, period, period, error);
  if (all == NULL)
    return NULL;
  if (dataset != NULL && all->len == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("No facility reports the data set “%s” for %s."), dataset, period);
      return NULL;
    }
  for (guint i = all->len; i-- > 0;)
    {
      ChcReportStatus *status = g_ptr_array_index (all, i);

      if (facility_id != 0 && status->facility_id != facility_id && status->parent_id != facility_id)
        g_ptr_array_remove_index (all, i);
    }
  return g_steal_pointer (&all);
}

/* The district of @facility_id (the registry's facility), or 0 with @error. */
static gint64
district_of (ChcDatabase  *self,
             gint64        facility_id,
             GError      **error)
{
  g_autoptr(ChcFacility) facility = chc_database_get_facility (self, facility_id, error);

  return facility != NULL ? chc_facility_get_district_id (facility) : 0;
}

/* @status's report in @state, now: a submission records its time, a
 * decision its own (and @comment, when given); chc_database_put_report_state()
 * writes it. */
static gboolean
write_state (ChcDatabase           *self,
             const ChcReportStatus *status,
             ChcReportState         state,
             const char            *comment,
             GError               **error)
{
  g_autofree char *now = chc_database_now_text ();
  gboolean submitted = state == CHC_REPORT_STATE_SUBMITTED;

  return chc_database_put_report_state (self, status->facility_id, status->dataset, status->period, state,
                                        submitted ? now : status->submitted_at, submitted ? NULL : now,
                                        comment != NULL ? comment : status->comment, error);
}

int
chc_database_submit_reports (ChcDatabase  *self,
                             gint64        facility_id,
                             const char   *dataset,
                             const char   *period,
                             GError      **error)
{
  g_autoptr(GPtrArray) reports = NULL;
  gint64 district_id;
  guint n = 0, n_locked = 0, n_already = 0;

  district_id = district_of (self, facility_id, error);
  if (district_id == 0)
    return -1;
  reports = reports_of (self, district_id, facility_id, dataset, period, error);
  if (reports == NULL)
    return -1;
  if (!chc_database_begin (self, error))
    return -1;
  for (guint i = 0; i < reports->len; i++)
    {
      ChcReportStatus *status = g_ptr_array_index (reports, i);

      if (status->state == CHC_REPORT_STATE_APPROVED)
        n_locked++;
      else if (status->state == CHC_REPORT_STATE_SUBMITTED)
        n_already++;
      else if (status->state == CHC_REPORT_STATE_ENTERED || status->state == CHC_REPORT_STATE_RETURNED)
        {
          if (!write_state (self, status, CHC_REPORT_STATE_SUBMITTED, NULL, error))
            goto fail;
          n++;
        }
    }
  if (n == 0 && n_already == 0)
    {
      if (n_locked > 0)
        g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_LOCKED,
                     _("Nothing was submitted: the reports for %s are approved and locked."), period);
      else
        g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                     _("Nothing was submitted: no figures for %s have been entered."), period);
      goto fail;
    }
  chc_database_notify_changed (self, "report_state");
  if (!chc_database_commit (self, error))
    return -1;
  return (int) n;

fail:
  chc_database_rollback (self);
  return -1;
}

/* Approves (@to APPROVED) or returns (@to RETURNED) the submitted reports. */
static int
decide (ChcDatabase     *self,
        gint64           district_id,
        gint64           facility_id,
        const char      *dataset,
        const char      *period,
        ChcReportState   to,
        const char      *comment,
        GError         **error)
{
  g_autoptr(GPtrArray) reports = reports_of (self, district_id, facility_id, dataset, period, error);
  guint n = 0, n_approved = 0;

  if (reports == NULL)
    return -1;
  if (!chc_database_begin (self, error))
    return -1;
  for (guint i = 0; i < reports->len; i++)
    {
      ChcReportStatus *status = g_ptr_array_index (reports, i);

      if (status->state == CHC_REPORT_STATE_APPROVED)
        n_approved++;
      if (status->state != CHC_REPORT_STATE_SUBMITTED)
        continue;
      if (!write_state (self, status, to, comment, error))
        goto fail;
      n++;
    }
  if (n == 0)
    {
      if (to == CHC_REPORT_STATE_RETURNED && n_approved > 0)
        g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_LOCKED,
                     _("The reports for %s are approved and locked: unlock them first, with a reason."), period);
      else
        g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                     _("No report for %s is waiting for a decision (none submitted)."), period);
      goto fail;
    }
  chc_database_notify_changed (self, "report_state");
  if (!chc_database_commit (self, error))
    return -1;
  return (int) n;

fail:
  chc_database_rollback (self);
  return -1;
}

int
chc_database_approve_reports (ChcDatabase  *self,
                              gint64        district_id,
                              gint64        facility_id,
                              const char   *dataset,
                              const char   *period,
                              GError      **error)
{
  return decide (self, district_id, facility_id, dataset, period, CHC_REPORT_STATE_APPROVED, NULL, error);
}

int
chc_database_return_reports (ChcDatabase  *self,
                             gint64        facility_id,
                             const char   *dataset,
                             const char   *period,
                             const char   *comment,
                             GError      **error)
{
  g_autofree char *text = g_strstrip (g_strdup (comment != NULL ? comment : ""));
  gint64 district_id;

  if (*text == '\0')
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                   _("A returned report needs a comment: what the centre must correct."));
      return -1;
    }
  district_id = district_of (self, facility_id, error);
  if (district_id == 0)
    return -1;
  return decide (self, district_id, facility_id, dataset, period, CHC_REPORT_STATE_RETURNED, text, error);
}

gboolean
chc_database_put_report_state (ChcDatabase     *self,
                               gint64           facility_id,
                               const char      *dataset,
                               const char      *period,
                               ChcReportState   state,
                               const char      *submitted_at,
                               const char      *decided_at,
                               const char      *comment,
                               GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (chc_report_state_is_received (state) || state == CHC_REPORT_STATE_RETURNED, FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;
  stmt = chc_database_prepare (self,
    "INSERT INTO report_state (facility_id, dataset, period, state, submitted_at, decided_at, comment)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce (?7, ''))"
    " ON CONFLICT (facility_id, dataset, period) DO UPDATE SET state = excluded.state,"
    " submitted_at = excluded.submitted_at, decided_at = excluded.decided_at, comment = excluded.comment",
    error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, facility_id);
  sqlite3_bind_text (stmt, 2, dataset, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, chc_report_state_to_nick (state), -1, SQLITE_STATIC);
  chc_bind_text_or_null (stmt, 5, submitted_at);
  chc_bind_text_or_null (stmt, 6, decided_at);
  chc_bind_text_or_null (stmt, 7, comment);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  chc_database_notify_changed (self, "report_state");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

/* ---- locks ------------------------------------------------------------ */

gboolean
chc_database_lock_period (ChcDatabase  *self,
                          gint64        district_id,
                          const char   *period,
                          GError      **error)
{
  g_autofree char *now = chc_database_now_text ();
  ChcPeriodType type;
  sqlite3_stmt *stmt;

  if (!chc_period_type_of (period, &type))
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                   _("“%s” is not a period (2024-03, 2024Q1 or 2024)."), period);
      return FALSE;
    }
  if (!chc_database_begin (self, error))
    return FALSE;
  stmt = chc_database_prepare (self,
                               "INSERT INTO period_lock (district_id, period, locked_at) VALUES (?1, ?2, ?3)"
                               " ON CONFLICT (district_id, period) DO NOTHING",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  chc_database_notify_changed (self, "period_lock");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

int
chc_database_unlock_period (ChcDatabase  *self,
                            gint64        district_id,
                            gint64        facility_id,
                            const char   *period,
                            const char   *reason,
                            GError      **error)
{
  g_autofree char *text = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  g_autofree char *saved_origin = g_strdup (chc_database_get_origin (self));
  g_autofree char *origin = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  sqlite3_stmt *stmt;
  int n = 0;

  if (*text == '\0')
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                   _("Unlocking needs a reason (it is kept in the audit log)."));
      return -1;
    }
  reports = reports_of (self, district_id, facility_id, NULL, period, error);
  if (reports == NULL)
    return -1;

  /* The reason goes into the audit log with every change it makes. */
  /* Translators: the origin of changes in the audit log */
  origin = g_strdup_printf (_("unlock: %s"), text);
  if (!chc_database_begin (self, error))
    return -1;
  chc_database_set_origin (self, origin);
  if (facility_id == 0)
    {
      stmt = chc_database_prepare (self, "DELETE FROM period_lock WHERE district_id = ?1 AND period = ?2", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, district_id);
      sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
      if (!chc_database_step_done (self, stmt, error))
        goto fail;
      n += sqlite3_changes (chc_database_get_handle (self));
    }
  for (guint i = 0; i < reports->len; i++)
    {
      ChcReportStatus *status = g_ptr_array_index (reports, i);

      if (status->state != CHC_REPORT_STATE_APPROVED)
        continue;
      /* back to submitted, as it was received */
      stmt = chc_database_prepare (self,
                                   "UPDATE report_state SET state = 'submitted', decided_at = NULL"
                                   " WHERE facility_id = ?1 AND dataset = ?2 AND period = ?3",
                                   error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, status->facility_id);
      sqlite3_bind_text (stmt, 2, status->dataset, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, status->period, -1, SQLITE_TRANSIENT);
      if (!chc_database_step_done (self, stmt, error))
        goto fail;
      n++;
    }
  if (n == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("Nothing was unlocked: %s is not locked."), period);
      goto fail;
    }
  chc_database_notify_changed (self, "period_lock");
  chc_database_notify_changed (self, "report_state");
  if (!chc_database_commit (self, error))
    {
      chc_database_set_origin (self, saved_origin);
      return -1;
    }
  chc_database_set_origin (self, saved_origin);
  return n;

fail:
  chc_database_rollback (self);
  chc_database_set_origin (self, saved_origin);
  return -1;
}

gboolean
chc_database_row_is_locked (ChcDatabase *self,
                            const char  *table,
                            const char  *row_key)
{
  g_auto(GStrv) parts = g_strsplit (row_key, "|", -1);
  guint n = g_strv_length (parts);
  const LockedTable *t = NULL;
  g_autofree char *condition = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean locked;

  for (guint i = 0; i < G_N_ELEMENTS (locked_tables) && t == NULL; i++)
    if (g_strcmp0 (locked_tables[i].table, table) == 0)
      t = &locked_tables[i];
  if (t == NULL || n < 2)
    return FALSE;
  /* the row as the triggers see it (X.), from its key: the facility's code
   * or the district's name first, the element (if any), the period last */
  condition = lock_condition (t, "X");
  sql = g_strdup_printf ("SELECT 1 FROM (SELECT (SELECT id FROM main.facility WHERE code = ?1) AS facility_id,"
                         " (SELECT id FROM main.district WHERE name = ?1) AS district_id,"
                         " ?2 AS period, ?2 AS year, ?3 AS element) X WHERE %s", condition);
  if (sqlite3_prepare_v2 (chc_database_get_handle (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, parts[0], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, parts[n - 1], -1, SQLITE_TRANSIENT);
  chc_bind_text_or_null (stmt, 3, n == 3 ? parts[1] : NULL);
  locked = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return locked;
}

gboolean
chc_database_period_is_locked (ChcDatabase *self,
                               gint64       district_id,
                               const char  *period)
{
  sqlite3_stmt *stmt = chc_database_prepare (self,
                                             "SELECT 1 FROM period_lock WHERE district_id = ?1 AND period = ?2",
                                             NULL);
  gboolean locked;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
  locked = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return locked;
}

gboolean
chc_database_is_locked (ChcDatabase  *self,
                        gint64        facility_id,
                        const char   *dataset,
                        const char   *period,
                        char        **why)
{
  gint64 district_id = district_of (self, facility_id, NULL);
  sqlite3_stmt *stmt;
  gboolean locked = FALSE;

  if (district_id != 0 && chc_database_period_is_locked (self, district_id, period))
    {
      if (why != NULL)
        {
          g_autofree char *when = chc_period_to_chinese (period);

          *why = g_strdup_printf (_("%s is locked for the whole district."), when);
        }
      return TRUE;
    }
  stmt = chc_database_prepare (self,
                               "SELECT dataset, decided_at FROM report_state WHERE facility_id = ?1 AND period = ?2"
                               " AND state = 'approved' AND (?3 IS NULL OR dataset = ?3)",
                               NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, facility_id);
  sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
  chc_bind_text_or_null (stmt, 3, dataset);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      locked = TRUE;
      if (why != NULL)
        *why = g_strdup_printf (_("The report “%s” was approved on %s and is locked."),
                                data_set_label (chc_column_text (stmt, 0)), chc_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return locked;
}
