/* chc-database-sync.c — row versions and the audit log, kept by TEMP
 * triggers on every connection the store opens; backups and restores.
 *
 * Each transaction that changes a tracked row takes one tick of this
 * database's clock.  A row's version vector maps installations to the
 * highest tick of theirs it includes; a field's stamp says which
 * installation changed it last and at which tick.  Packages carry both,
 * which is all a merge needs to tell "changed there only" from "changed
 * on both sides" (chc-package.c, core/chc-merge.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-database"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "chc-database-sync-private.h"
#include "chc-database-sync.h"
#include "chc-database-import.h"
#include "chc-database-reporting.h"
#include "core/chc-element.h"

/* ---- the tracked tables ---------------------------------------------- */

#define FACILITY_REF(key)                                                     \
  { "facility", "facility_id",                                                \
    "(SELECT code FROM main.facility WHERE id = R.facility_id)",              \
    "(SELECT id FROM main.facility WHERE code = :facility)", key }

static const ChcTrackedField facility_fields[] = {
  { "code", NULL, NULL, NULL, TRUE },
  { "name", NULL, NULL, NULL, FALSE },
  { "type", NULL, NULL, NULL, FALSE },
  { "district", "district_id",
    "(SELECT name FROM main.district WHERE id = R.district_id)",
    "(SELECT id FROM main.district WHERE name = :district)", FALSE },
  { "town", "town_id",
    "(SELECT name FROM main.town WHERE id = R.town_id)",
    "(SELECT t.id FROM main.town t JOIN main.district d ON d.id = t.district_id"
    " WHERE t.name = :town AND d.name = :district)", FALSE },
  { "parent", "parent_id",
    "(SELECT code FROM main.facility WHERE id = R.parent_id)",
    "(SELECT id FROM main.facility WHERE code = :parent)", FALSE },
  { "floor_area", NULL, NULL, NULL, FALSE },
  { "standardized", NULL, NULL, NULL, FALSE },
  { "standardized_year", NULL, NULL, NULL, FALSE },
  { "status", NULL, NULL, NULL, FALSE },
  /* Schema 5 (issue 17): a package of an older schema has not these
   * fields (chc_tracked_field_since). */
  { "credit_code", NULL, NULL, NULL, FALSE },
  { "license_no", NULL, NULL, NULL, FALSE },
  /* Schema 8 (issue 14): the facility's history and whether its code is
   * the program's provisional one. */
  { "opened_on", NULL, NULL, NULL, FALSE },
  { "closed_on", NULL, NULL, NULL, FALSE },
  { "code_provisional", NULL, NULL, NULL, FALSE },
  { NULL }
};

/* The type a facility had before a date (schema 8, issue 14). */
static const ChcTrackedField facility_type_change_fields[] = {
  FACILITY_REF (TRUE),
  { "changed_on", NULL, NULL, NULL, TRUE },
  { "old_type", NULL, NULL, NULL, FALSE },
  { NULL }
};

static const ChcTrackedField capability_fields[] = {
  FACILITY_REF (TRUE),
  { "kind", NULL, NULL, NULL, TRUE },
  { "year", NULL, NULL, NULL, FALSE },
  { NULL }
};

static const ChcTrackedField signing_fields[] = {
  FACILITY_REF (TRUE),
  { "period", NULL, NULL, NULL, TRUE },
  { "resident_population", NULL, NULL, NULL, FALSE },
  { "signed_residents", NULL, NULL, NULL, FALSE },
  { "key_population", NULL, NULL, NULL, FALSE },
  { "key_population_signed", NULL, NULL, NULL, FALSE },
  { "online_signed", NULL, NULL, NULL, FALSE },
  { "signed_visits_total", NULL, NULL, NULL, FALSE },
  { "signed_visits_in_community", NULL, NULL, NULL, FALSE },
  { NULL }
};

static const ChcTrackedField tcm_site_event_fields[] = {
  FACILITY_REF (TRUE),
  { "date", NULL, NULL, NULL, TRUE },
  { "kind", NULL, NULL, NULL, FALSE },
  { "state", NULL, NULL, NULL, FALSE },
  { NULL }
};

static const ChcTrackedField tcm_specialty_clinic_fields[] = {
  FACILITY_REF (TRUE),
  { "name", NULL, NULL, NULL, TRUE },
  { "opened", NULL, NULL, NULL, FALSE },
  { "closed", NULL, NULL, NULL, FALSE },
  { NULL }
};

static const ChcTrackedField tcm_demo_fields[] = {
  FACILITY_REF (TRUE),
  { "status", NULL, NULL, NULL, FALSE },
  { "year", NULL, NULL, NULL, FALSE },
  { NULL }
};

static const ChcTrackedField tcm_visits_fields[] = {
  FACILITY_REF (TRUE),
  { "period", NULL, NULL, NULL, TRUE },
  { "tcm_visits", NULL, NULL, NULL, FALSE },
  { "all_visits", NULL, NULL, NULL, FALSE },
  { NULL }
};

static const ChcTrackedField tcm_training_fields[] = {
  FACILITY_REF (TRUE),
  { "year", NULL, NULL, NULL, TRUE },
  { "trained", NULL, NULL, NULL, FALSE },
  { NULL }
};

/* Data elements (schema 6, issue 13): the commission's own elements and
 * the values of the elements without a family table. */
static const ChcTrackedField data_element_fields[] = {
  { "code", NULL, NULL, NULL, TRUE },
  { "name_zh", NULL, NULL, NULL, FALSE },
  { "name_en", NULL, NULL, NULL, FALSE },
  { "unit", NULL, NULL, NULL, FALSE },
  { "value_type", NULL, NULL, NULL, FALSE },
  { "level", NULL, NULL, NULL, FALSE },
  { "period_type", NULL, NULL, NULL, FALSE },
  { "aggregation", NULL, NULL, NULL, FALSE },
  { "min_value", NULL, NULL, NULL, FALSE },
  { "max_value", NULL, NULL, NULL, FALSE },
  { NULL }
};

static const ChcTrackedField element_value_fields[] = {
  FACILITY_REF (TRUE),
  { "element", NULL, NULL, NULL, TRUE },
  { "period", NULL, NULL, NULL, TRUE },
  { "value", NULL, NULL, NULL, FALSE },
  { NULL }
};

static const ChcTrackedField district_value_fields[] = {
  { "district", "district_id",
    "(SELECT name FROM main.district WHERE id = R.district_id)",
    "(SELECT id FROM main.district WHERE name = :district)", TRUE },
  { "element", NULL, NULL, NULL, TRUE },
  { "period", NULL, NULL, NULL, TRUE },
  { "value", NULL, NULL, NULL, FALSE },
  { NULL }
};

/* The reporting cycle (schema 7, issue 15): the state of a facility's
 * report of a data set and period, and the periods a district locked. */
static const ChcTrackedField report_state_fields[] = {
  FACILITY_REF (TRUE),
  { "dataset", NULL, NULL, NULL, TRUE },
  { "period", NULL, NULL, NULL, TRUE },
  { "state", NULL, NULL, NULL, FALSE },
  { "submitted_at", NULL, NULL, NULL, FALSE },
  { "decided_at", NULL, NULL, NULL, FALSE },
  { "comment", NULL, NULL, NULL, FALSE },
  { NULL }
};

static const ChcTrackedField period_lock_fields[] = {
  { "district", "district_id",
    "(SELECT name FROM main.district WHERE id = R.district_id)",
    "(SELECT id FROM main.district WHERE name = :district)", TRUE },
  { "period", NULL, NULL, NULL, TRUE },
  { "locked_at", NULL, NULL, NULL, FALSE },
  { NULL }
};

static const ChcTrackedField project_fields[] = {
  { "uid", NULL, NULL, NULL, TRUE },
  FACILITY_REF (FALSE),
  { "kind", NULL, NULL, NULL, FALSE },
  { "plan_year", NULL, NULL, NULL, FALSE },
  { "budget", NULL, NULL, NULL, FALSE },
  { "area_before", NULL, NULL, NULL, FALSE },
  { "area_after", NULL, NULL, NULL, FALSE },
  { "units", NULL, NULL, NULL, FALSE },
  { "notes", NULL, NULL, NULL, FALSE },
  { "created_facility", NULL, NULL, NULL, FALSE },
  { "prev_standardized", NULL, NULL, NULL, FALSE },
  { "prev_standardized_year", NULL, NULL, NULL, FALSE },
  { "prev_status", NULL, NULL, NULL, FALSE },
  { "prev_floor_area", NULL, NULL, NULL, FALSE },
  { NULL }
};

static const ChcTrackedField milestone_fields[] = {
  { "project", "project_id",
    "(SELECT uid FROM main.project WHERE id = R.project_id)",
    "(SELECT id FROM main.project WHERE uid = :project)", TRUE },
  { "milestone", NULL, NULL, NULL, TRUE },
  { "planned", NULL, NULL, NULL, FALSE },
  { "actual", NULL, NULL, NULL, FALSE },
  { NULL }
};

static const ChcTrackedTable tracked_tables[] = {
  { "facility", N_("Facilities"), "code", facility_fields },
  { "facility_type_change", N_("Facility type changes"), "facility_id, changed_on", facility_type_change_fields },
  { "capability", N_("Service capabilities"), "facility_id, kind", capability_fields },
  { "signing", N_("Family-doctor signing"), "facility_id, period", signing_fields },
  { "tcm_site_event", N_("TCM halls and corners"), "facility_id, date", tcm_site_event_fields },
  { "tcm_specialty_clinic", N_("TCM specialty clinics"), "facility_id, name", tcm_specialty_clinic_fields },
  { "tcm_demo", N_("TCM demonstration status"), "facility_id", tcm_demo_fields },
  { "tcm_visits", N_("TCM visits"), "facility_id, period", tcm_visits_fields },
  { "tcm_training", N_("TCM training"), "facility_id, year", tcm_training_fields },
  { "project", N_("Construction projects"), "uid", project_fields },
  { "milestone", N_("Project milestones"), "project_id, milestone", milestone_fields },
  { "data_element", N_("Data elements"), "code", data_element_fields },
  { "element_value", N_("Figures of data elements"), "facility_id, element, period", element_value_fields },
  { "district_value", N_("District figures of data elements"), "district_id, element, period",
    district_value_fields },
  { "report_state", N_("Report states"), "facility_id, dataset, period", report_state_fields },
  { "period_lock", N_("Locked periods"), "district_id, period", period_lock_fields },
};

const ChcTrackedTable *
chc_tracked_tables (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (tracked_tables);
  return tracked_tables;
}

const ChcTrackedTable *
chc_tracked_table_find (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (tracked_tables); i++)
    if (g_strcmp0 (tracked_tables[i].table, table) == 0)
      return &tracked_tables[i];
  return NULL;
}

guint
chc_tracked_table_n_fields (const ChcTrackedTable *table)
{
  guint n = 0;

  while (table->fields[n].name != NULL)
    n++;
  return n;
}

/* The schema version that added @field of @table: a package written by an
 * older schema does not carry it (its rows leave it as it is here). */
int
chc_tracked_field_since (const ChcTrackedTable *table,
                         const ChcTrackedField *field)
{
  if (g_str_equal (table->table, "facility") &&
      (g_str_equal (field->name, "credit_code") || g_str_equal (field->name, "license_no")))
    return 5;
  if (g_str_equal (table->table, "facility") &&
      (g_str_equal (field->name, "opened_on") || g_str_equal (field->name, "closed_on") ||
       g_str_equal (field->name, "code_provisional")))
    return 8;
  return 1;
}

const char *
chc_tracked_field_column (const ChcTrackedField *field)
{
  return field->column != NULL ? field->column : field->name;
}

/* Replaces the row alias "R." of an expression by @alias. */
static char *
with_alias (const char *expr,
            const char *alias)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = expr; *p; p++)
    {
      if (p[0] == 'R' && p[1] == '.' &&
          (p == expr || !(g_ascii_isalnum (p[-1]) || p[-1] == '_')))
        {
          g_string_append (out, alias);
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
chc_tracked_value_sql (const ChcTrackedField *field,
                       const char            *alias)
{
  if (field->out_expr != NULL)
    return with_alias (field->out_expr, alias);
  return g_strdup_printf ("%s.%s", alias, chc_tracked_field_column (field));
}

char *
chc_tracked_key_sql (const ChcTrackedTable *table,
                     const char            *alias)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const ChcTrackedField *f = table->fields; f->name != NULL; f++)
    {
      g_autofree char *value = NULL;

      if (!f->key)
        continue;
      value = chc_tracked_value_sql (f, alias);
      if (out->len > 0)
        g_string_append (out, " || '|' || ");
      g_string_append_printf (out, "coalesce (%s, '')", value);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
chc_tracked_key_where_sql (const ChcTrackedTable *table)
{
  g_autoptr(GString) where = g_string_new (NULL);

  for (const ChcTrackedField *f = table->fields; f->name != NULL; f++)
    {
      if (!f->key)
        continue;
      if (where->len > 0)
        g_string_append (where, " AND ");
      if (f->in_expr != NULL)
        g_string_append_printf (where, "%s = %s", chc_tracked_field_column (f), f->in_expr);
      else
        g_string_append_printf (where, "%s = :%s", chc_tracked_field_column (f), f->name);
    }
  return g_string_free (g_steal_pointer (&where), FALSE);
}

const char * const *
chc_database_tracked_tables (void)
{
  static const char *names[G_N_ELEMENTS (tracked_tables) + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (tracked_tables); i++)
      names[i] = tracked_tables[i].table;
  return names;
}

/* The tables that are not tracked, and why (a new table goes here or into
 * tracked_tables above). */
static const ChcUntrackedTable untracked_tables[] = {
  { "meta", "the database's own settings: schema application, installation id, creation time" },
  { "district", "reference data: packages name a facility's district, which must exist here" },
  { "town", "reference data: packages name a facility's town, added on merge when new" },
  { "plan", "a district's plan, loaded from data/plans.ini; not exchanged" },
  { "indicator", "the indicators of a plan, loaded with it; not exchanged" },
  { "target", "the yearly targets of a plan's indicators, set per installation; not exchanged" },
  { "epoch", "bookkeeping of the tracking: the installation id of each tick of the clock" },
  { "row_version", "bookkeeping of the tracking: the version of each tracked row" },
  { "field_stamp", "bookkeeping of the tracking: the last change of each tracked field" },
  { "audit", "the audit log itself" },
  { "package_log", "this installation's log of the packages it made" },
  { "merge_log", "this installation's log of the packages it merged" },
  { "sender_key", "the senders' public keys pinned by this installation" },
  { "bulletin_setting", "a district's bulletin settings (文号 prefix, signing body …), local" },
  { "bulletin_issue", "the register of bulletin numbers issued by this installation" },
  { "report_schedule", "a district's reporting schedule (due days, reporters): the commission's own setting" },
  { NULL, NULL },
};

const ChcUntrackedTable *
chc_database_untracked_tables (void)
{
  return untracked_tables;
}

gboolean
chc_database_tracked_has_field (const char *table,
                                const char *field)
{
  const ChcTrackedTable *t = chc_tracked_table_find (table);

  for (const ChcTrackedField *f = t != NULL ? t->fields : NULL; f != NULL && f->name != NULL; f++)
    if (g_strcmp0 (f->name, field) == 0)
      return TRUE;
  return FALSE;
}

const char *
chc_database_table_label (const char *table)
{
  const ChcTrackedTable *t = chc_tracked_table_find (table);

  /* Not tracked, but in the audit log (chc-package-keys.c). */
  if (t == NULL && g_strcmp0 (table, "package_key") == 0)
    return _("This installation's package key");
  if (t == NULL && g_strcmp0 (table, "sender_key") == 0)
    return _("Pinned sender key");
  return t != NULL ? _(t->label) : table;
}

const char *
chc_database_field_label (const char *table,
                          const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "*", N_("Whole record") },
    { "code", N_("Code") },
    { "name", N_("Name") },
    { "type", N_("Type") },
    { "district", N_("District") },
    { "town", N_("Town") },
    { "parent", N_("Parent facility") },
    { "floor_area", N_("Floor area (m²)") },
    { "standardized", N_("Standardized") },
    { "standardized_year", N_("Year standardized") },
    { "status", N_("Status") },
    { "credit_code", N_("Unified social credit code") },
    { "license_no", N_("Medical institution licence number") },
    { "opened_on", N_("Opened on") },
    { "closed_on", N_("Closed on") },
    { "code_provisional", N_("Provisional code") },
    { "changed_on", N_("Changed on") },
    { "old_type", N_("Type before") },
    { "facility", N_("Facility") },
    { "kind", N_("Kind") },
    { "year", N_("Year") },
    { "period", N_("Month") },
    { "date", N_("Date") },
    { "state", N_("State") },
    { "opened", N_("Opened") },
    { "closed", N_("Closed") },
    { "uid", N_("Project id") },
    { "plan_year", N_("Plan year") },
    { "budget", N_("Budget (10,000 yuan)") },
    { "area_before", N_("Area before (m²)") },
    { "area_after", N_("Area after (m²)") },
    { "units", N_("Units") },
    { "notes", N_("Notes") },
    { "created_facility", N_("Created the facility") },
    { "prev_standardized", N_("Standardized before the project") },
    { "prev_standardized_year", N_("Year standardized before the project") },
    { "prev_status", N_("Status before the project") },
    { "prev_floor_area", N_("Floor area before the project") },
    { "project", N_("Project") },
    { "milestone", N_("Milestone") },
    { "planned", N_("Planned") },
    { "actual", N_("Actual") },
    { "element", N_("Data element") },
    { "value", N_("Value") },
    { "name_zh", N_("Chinese name") },
    { "name_en", N_("English name") },
    { "unit", N_("Unit") },
    { "value_type", N_("Value type") },
    { "level", N_("Reported by") },
    { "period_type", N_("Period type") },
    { "aggregation", N_("Aggregation") },
    { "min_value", N_("Lower bound") },
    { "max_value", N_("Upper bound") },
    { "dataset", N_("Data set") },
    { "submitted_at", N_("Submitted at") },
    { "decided_at", N_("Approved or returned at") },
    { "comment", N_("Comment") },
    { "locked_at", N_("Locked at") },
  };
  GPtrArray *builtin;

  if (field == NULL)
    return _("Whole record");
  /* A figure of a family table is labelled by its data element's
   * declaration (data/elements.ini). */
  builtin = chc_elements_get_builtin ();
  for (guint i = 0; table != NULL && i < builtin->len; i++)
    {
      ChcElement *element = g_ptr_array_index (builtin, i);

      if (g_strcmp0 (element->family, table) == 0 && g_str_equal (element->column, field))
        return chc_element_get_label (element);
    }
  /* A period of the tables that hold months, quarters and years alike */
  if (g_strcmp0 (field, "period") == 0 &&
      (g_strcmp0 (table, "report_state") == 0 || g_strcmp0 (table, "period_lock") == 0 ||
       g_strcmp0 (table, "element_value") == 0 || g_strcmp0 (table, "district_value") == 0))
    return _("Period");
  /* Any other field name means the same in every tracked table. */
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].field, field))
      return _(labels[i].label);
  return field;
}

/* ---- clock, origin and the SQL functions of the triggers ------------- */

char *
chc_database_now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
}

gint64
chc_database_get_clock (ChcDatabase *self)
{
  return chc_database_get_sync_state (self)->clock;
}

void
chc_database_set_origin (ChcDatabase *self,
                         const char  *origin)
{
  ChcSyncState *sync;

  g_return_if_fail (CHC_IS_DATABASE (self));

  sync = chc_database_get_sync_state (self);
  g_free (sync->origin);
  sync->origin = (origin != NULL && *origin != '\0') ? g_strdup (origin) : NULL;
}

const char *
chc_database_get_origin (ChcDatabase *self)
{
  ChcSyncState *sync;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  sync = chc_database_get_sync_state (self);
  return sync->origin != NULL ? sync->origin : "entry";
}

static void
fn_tick (sqlite3_context  *context,
         int               argc,
         sqlite3_value   **argv)
{
  sqlite3_result_int64 (context, chc_database_take_tick (sqlite3_user_data (context)));
}

static void
fn_installation (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  ChcDatabase *self = sqlite3_user_data (context);

  sqlite3_result_text (context, chc_database_get_installation_id (self), -1, SQLITE_TRANSIENT);
}

static void
fn_origin (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  ChcDatabase *self = sqlite3_user_data (context);

  sqlite3_result_text (context, chc_database_get_origin (self), -1, SQLITE_TRANSIENT);
}

static void
fn_user (sqlite3_context  *context,
         int               argc,
         sqlite3_value   **argv)
{
  sqlite3_result_text (context, g_get_user_name (), -1, SQLITE_TRANSIENT);
}

/* One time for all the changes of a transaction (reading the clock and
 * the time zone for every row of a large import would cost seconds). */
static void
fn_now (sqlite3_context  *context,
        int               argc,
        sqlite3_value   **argv)
{
  ChcSyncState *sync = chc_database_get_sync_state (sqlite3_user_data (context));

  if (sync->now == NULL)
    sync->now = chc_database_now_text ();
  sqlite3_result_text (context, sync->now, -1, SQLITE_TRANSIENT);
}

gboolean
chc_database_sync_before_commit (ChcDatabase  *self,
                                 GError      **error)
{
  ChcSyncState *sync = chc_database_get_sync_state (self);
  sqlite3_stmt *stmt;

  g_clear_pointer (&sync->now, g_free);
  if (sync->tick == 0)
    return TRUE;

  stmt = chc_database_prepare (self,
                               "INSERT INTO meta (key, value) VALUES ('clock', ?1)"
                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sync->tick);
  if (!chc_database_step_done (self, stmt, error))
    return FALSE;
  sync->clock = sync->tick;
  sync->tick = 0;
  return TRUE;
}

void
chc_database_sync_after_begin (ChcDatabase *self)
{
  ChcSyncState *sync = chc_database_get_sync_state (self);
  sqlite3_stmt *stmt = chc_database_prepare (self, "SELECT value FROM meta WHERE key = 'clock'", NULL);

  if (stmt == NULL)
    return;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    sync->clock = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
}

void
chc_database_sync_after_rollback (ChcDatabase *self)
{
  ChcSyncState *sync = chc_database_get_sync_state (self);

  sync->tick = 0;
  g_clear_pointer (&sync->now, g_free);
}

/* ---- triggers --------------------------------------------------------- */

/* Columns that differ between OLD and NEW, as an SQL condition. */
static char *
changed_condition (const ChcTrackedTable *table)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const ChcTrackedField *f = table->fields; f->name != NULL; f++)
    {
      const char *column = chc_tracked_field_column (f);

      if (out->len > 0)
        g_string_append (out, " OR ");
      g_string_append_printf (out, "OLD.%s IS NOT NEW.%s", column, column);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* json_object ('field', value, …) of a row. */
static char *
row_json (const ChcTrackedTable *table,
          const char            *alias)
{
  g_autoptr(GString) out = g_string_new ("json_object (");

  for (const ChcTrackedField *f = table->fields; f->name != NULL; f++)
    {
      g_autofree char *value = chc_tracked_value_sql (f, alias);

      if (f != table->fields)
        g_string_append (out, ", ");
      g_string_append_printf (out, "'%s', %s", f->name, value);
    }
  g_string_append_c (out, ')');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define VV_BUMP "json_set (vv, '$.\"' || chc_installation () || '\"', chc_tick ())"

/* The installation that created a row written in bulk (by its
 * created_tick): the one of that tick's epoch. */
static char *
creator_sql (const char *alias)
{
  return g_strdup_printf ("coalesce ((SELECT installation FROM main.epoch WHERE from_tick <="
                          " coalesce (%s.created_tick, 0) ORDER BY from_tick DESC LIMIT 1),"
                          " (SELECT installation FROM main.epoch ORDER BY from_tick LIMIT 1),"
                          " chc_installation ())",
                          alias);
}

static char *
insert_trigger_sql (const ChcTrackedTable *table)
{
  g_autofree char *key = chc_tracked_key_sql (table, "NEW");
  g_autofree char *json = row_json (table, "NEW");
  const char *t = table->table;

  return g_strdup_printf (
    "CREATE TEMP TRIGGER chc_%s_ins AFTER INSERT ON main.%s BEGIN\n"
    "  INSERT INTO row_version (tbl, row_key, uid, created_by, created_tick,"
    "    changed_by, changed_at, tick, version, vv, deleted)"
    "  VALUES ('%s', %s, lower (hex (randomblob (16))), chc_installation (), chc_tick (),"
    "    chc_installation (), chc_now (), chc_tick (), 1,"
    "    json_object (chc_installation (), chc_tick ()), 0)"
    "  ON CONFLICT (tbl, row_key) DO UPDATE SET created_by = excluded.created_by,"
    "    created_tick = excluded.created_tick, changed_by = excluded.changed_by,"
    "    changed_at = excluded.changed_at, tick = excluded.tick, version = version + 1,"
    "    vv = " VV_BUMP ", deleted = 0;\n"
    "  DELETE FROM field_stamp WHERE tbl = '%s' AND row_key = %s;\n"
    "  INSERT INTO audit (tick, at, os_user, installation, origin, tbl, row_key, field, old, new)"
    "  VALUES (chc_tick (), chc_now (), chc_user (), chc_installation (), chc_origin (), '%s', %s,"
    "    '*', NULL, %s);\n"
    "END;\n",
    t, t, t, key, t, key, t, key, json);
}

/* The row's version, bumped for a change here: created first for a row
 * written in bulk (from its created_tick), revived for one written in bulk
 * over a tombstone. */
static char *
bump_version_sql (const ChcTrackedTable *table,
                  const char            *alias,
                  gboolean               deleted)
{
  g_autofree char *key = chc_tracked_key_sql (table, alias);
  g_autofree char *creator = creator_sql (alias);

  return g_strdup_printf (
    "  INSERT INTO row_version (tbl, row_key, uid, created_by, created_tick,"
    "    changed_by, changed_at, tick, version, vv, deleted)"
    "  VALUES ('%s', %s, %s, %s, coalesce (%s.created_tick, 0), chc_installation (), chc_now (),"
    "    chc_tick (), 1, json_set (json_object (%s, coalesce (%s.created_tick, 0)),"
    "    '$.\"' || chc_installation () || '\"', chc_tick ()), %d)"
    "  ON CONFLICT (tbl, row_key) DO UPDATE SET"
    "    created_by = CASE WHEN deleted = 1 THEN excluded.created_by ELSE created_by END,"
    "    created_tick = CASE WHEN deleted = 1 THEN excluded.created_tick ELSE created_tick END,"
    "    vv = json_set (CASE WHEN deleted = 1"
    "      THEN json_set (vv, '$.\"' || excluded.created_by || '\"', excluded.created_tick)"
    "      ELSE vv END, '$.\"' || chc_installation () || '\"', chc_tick ()),"
    "    changed_by = excluded.changed_by, changed_at = excluded.changed_at,"
    "    tick = excluded.tick, version = version + 1, deleted = %d;\n",
    table->table, key, key, creator, alias, creator, alias, deleted, deleted);
}

static char *
update_trigger_sql (const ChcTrackedTable *table)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *key = chc_tracked_key_sql (table, "NEW");
  g_autofree char *changed = changed_condition (table);
  g_autofree char *bump = bump_version_sql (table, "NEW", FALSE);
  const char *t = table->table;

  g_string_append_printf (sql, "CREATE TEMP TRIGGER chc_%s_upd AFTER UPDATE ON main.%s WHEN %s BEGIN\n%s",
                          t, t, changed, bump);
  for (const ChcTrackedField *f = table->fields; f->name != NULL; f++)
    {
      const char *column = chc_tracked_field_column (f);
      g_autofree char *old_value = chc_tracked_value_sql (f, "OLD");
      g_autofree char *new_value = chc_tracked_value_sql (f, "NEW");

      g_string_append_printf (sql,
        "  INSERT INTO field_stamp (tbl, row_key, field, installation, tick)"
        "  SELECT '%s', %s, '%s', chc_installation (), chc_tick () WHERE OLD.%s IS NOT NEW.%s"
        "  ON CONFLICT (tbl, row_key, field) DO UPDATE SET installation = excluded.installation,"
        "    tick = excluded.tick;\n"
        "  INSERT INTO audit (tick, at, os_user, installation, origin, tbl, row_key, field, old, new)"
        "  SELECT chc_tick (), chc_now (), chc_user (), chc_installation (), chc_origin (), '%s', %s,"
        "    '%s', %s, %s WHERE OLD.%s IS NOT NEW.%s;\n",
        t, key, f->name, column, column,
        t, key, f->name, old_value, new_value, column, column);
    }
  g_string_append (sql, "END;\n");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The rows a foreign key deletes with their parent (ON DELETE CASCADE)
 * are deleted first, by the parent's trigger: a cascade runs after the
 * parent row is gone, and a child's key names its parent ("UID|milestone"
 * would become "|milestone"). */
static const char *
cascade_sql (const ChcTrackedTable *table)
{
  if (g_str_equal (table->table, "project"))
    return "  DELETE FROM milestone WHERE project_id = OLD.id;\n";
  return "";
}

static char *
delete_trigger_sql (const ChcTrackedTable *table)
{
  g_autofree char *key = chc_tracked_key_sql (table, "OLD");
  g_autofree char *json = row_json (table, "OLD");
  g_autofree char *bump = bump_version_sql (table, "OLD", TRUE);
  const char *t = table->table;

  return g_strdup_printf (
    "CREATE TEMP TRIGGER chc_%s_del BEFORE DELETE ON main.%s BEGIN\n%s%s"
    "  DELETE FROM field_stamp WHERE tbl = '%s' AND row_key = %s;\n"
    "  INSERT INTO audit (tick, at, os_user, installation, origin, tbl, row_key, field, old, new)"
    "  VALUES (chc_tick (), chc_now (), chc_user (), chc_installation (), chc_origin (), '%s', %s,"
    "    '*', %s, NULL);\n"
    "END;\n",
    t, t, cascade_sql (table), bump, t, key, t, key, json);
}

/* In a trigger, the tables written must not be qualified: unqualified
 * names of a TEMP trigger find the main tables (there are no temp ones). */
static char *
triggers_sql (const ChcTrackedTable *table)
{
  g_autofree char *insert = insert_trigger_sql (table);
  g_autofree char *update = update_trigger_sql (table);
  g_autofree char *delete = delete_trigger_sql (table);

  return g_strconcat (insert, update, delete, NULL);
}

/* ---- bulk writes ------------------------------------------------------ */

gboolean
chc_database_bulk_begin (ChcDatabase  *self,
                         const char   *table,
                         GError      **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (chc_tracked_table_find (table) != NULL, FALSE);
  g_return_val_if_fail (chc_database_get_depth (self) > 0, FALSE);

  /* Dropped inside the transaction: a rollback brings them back.  (Even
   * unfired, an UPDATE trigger makes every upsert slower.) */
  sql = g_strdup_printf ("DROP TRIGGER IF EXISTS temp.chc_%s_ins;"
                         "DROP TRIGGER IF EXISTS temp.chc_%s_upd;"
                         "DROP TRIGGER IF EXISTS temp.chc_%s_del", table, table, table);
  return chc_database_exec (self, sql, error) &&
         chc_database_reporting_bulk_begin (self, table, error);
}

gboolean
chc_database_bulk_end (ChcDatabase  *self,
                       const char   *table,
                       guint64       n_inserted,
                       GError      **error)
{
  g_autofree char *sql = triggers_sql (chc_tracked_table_find (table));
  sqlite3_stmt *stmt;

  if (!chc_database_reporting_bulk_end (self, table, chc_database_take_tick (self), error) ||
      !chc_database_exec (self, sql, error))
    return FALSE;
  if (n_inserted == 0)
    return TRUE;

  stmt = chc_database_prepare (self,
                               "INSERT INTO audit (tick, at, os_user, installation, origin, tbl,"
                               " row_key, field, old, new) VALUES (chc_tick (), chc_now (), chc_user (),"
                               " chc_installation (), chc_origin (), ?1, '*', '*', NULL,"
                               " json_object ('inserted', ?2))",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (gint64) n_inserted);
  return chc_database_step_done (self, stmt, error);
}

/* The tick of the open transaction, taken on first use: what the triggers
 * stamp (chc_tick ()) and the created_tick of rows written in bulk. */
gint64
chc_database_take_tick (ChcDatabase *self)
{
  ChcSyncState *sync = chc_database_get_sync_state (self);

  if (sync->tick == 0)
    sync->tick = sync->clock + 1;
  return sync->tick;
}

/* Records that @id is this file's installation from the next tick on. */
static gboolean
add_epoch (ChcDatabase  *self,
           const char   *id,
           GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = chc_database_prepare (self,
                               "INSERT INTO epoch (from_tick, installation) VALUES (?1, ?2)"
                               " ON CONFLICT (from_tick) DO UPDATE SET installation = excluded.installation",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, chc_database_get_clock (self) + 1);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  return chc_database_step_done (self, stmt, error);
}

/* A database file copied to another place or machine is another
 * installation from then on: it gets an id of its own, so that the two
 * copies' changes are never taken for each other's. */
static gboolean
check_home (ChcDatabase  *self,
            GError      **error)
{
  g_autofree char *path = g_canonicalize_filename (chc_database_get_path (self), NULL);
  g_autofree char *home = g_strdup_printf ("%s:%s", g_get_host_name (), path);
  g_autofree char *stored = chc_database_get_meta (self, "installation_home");

  if (g_strcmp0 (stored, home) == 0)
    return TRUE;

  if (!chc_database_begin (self, error))
    return FALSE;
  if (stored != NULL)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *previous = chc_database_get_meta (self, "installation_id");

      g_debug ("%s was copied from %s: new installation id", path, stored);
      if (!chc_database_set_meta (self, "copied_from_installation", previous, error) ||
          !chc_database_set_meta (self, "installation_id", id, error) ||
          !add_epoch (self, id, error))
        goto fail;
      chc_database_set_installation_id (self, id);
    }
  if (!chc_database_set_meta (self, "installation_home", home, error))
    goto fail;
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

gboolean
chc_database_sync_setup (ChcDatabase  *self,
                         GError      **error)
{
  sqlite3 *db = chc_database_get_handle (self);
  static const struct {
    const char *name;
    void (*func) (sqlite3_context *, int, sqlite3_value **);
  } functions[] = {
    { "chc_tick", fn_tick },
    { "chc_installation", fn_installation },
    { "chc_origin", fn_origin },
    { "chc_user", fn_user },
    { "chc_now", fn_now },
  };

  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    if (sqlite3_create_function_v2 (db, functions[i].name, 0, SQLITE_UTF8, self,
                                    functions[i].func, NULL, NULL, NULL) != SQLITE_OK)
      {
        chc_database_set_sql_error (self, error);
        return FALSE;
      }

  for (guint i = 0; i < G_N_ELEMENTS (tracked_tables); i++)
    {
      g_autofree char *sql = triggers_sql (&tracked_tables[i]);

      if (!chc_database_exec (self, sql, error))
        return FALSE;
    }
  /* the locks of the reporting cycle (chc-database-reporting.c) */
  if (!chc_database_reporting_setup (self, error))
    return FALSE;

  /* The owner of the file checked where it lives; a read-only file keeps
   * the installation it has. */
  if (chc_database_get_worker (self) || chc_database_get_read_only (self))
    return TRUE;
  return check_home (self, error);
}

/* Rows present before schema 2 count as created by this installation at
 * tick 1 (their created_tick, set by the migration script). */
gboolean
chc_database_sync_migrate (ChcDatabase  *self,
                           GError      **error)
{
  chc_database_get_sync_state (self)->clock = 0;
  if (!add_epoch (self, chc_database_get_installation_id (self), error) ||
      !chc_database_set_meta (self, "clock", "1", error))
    return FALSE;
  chc_database_get_sync_state (self)->clock = 1;
  return TRUE;
}

/* ---- the audit log ---------------------------------------------------- */

static ChcAuditEntry *
audit_entry_from_row (sqlite3_stmt *stmt)
{
  return chc_audit_entry_new (sqlite3_column_int64 (stmt, 0),
                              chc_column_text (stmt, 1),
                              chc_column_text (stmt, 2),
                              chc_column_text (stmt, 3),
                              chc_column_text (stmt, 4),
                              chc_column_text (stmt, 5),
                              chc_column_text (stmt, 6),
                              chc_column_text (stmt, 7),
                              chc_column_text (stmt, 8),
                              chc_column_text (stmt, 9));
}

GPtrArray *
chc_database_list_audit (ChcDatabase          *self,
                         const ChcAuditFilter *filter,
                         GError              **error)
{
  static const ChcAuditFilter everything = { NULL };
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *until = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *prefix = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  if (filter == NULL)
    filter = &everything;

  /* Both orders are written out: the statement cache is keyed by the SQL
   * literal.  NULL parameters match everything. */
#define AUDIT_SELECT \
  "SELECT id, at, os_user, installation, origin, tbl, row_key, field, old, new FROM audit" \
  " WHERE (?1 IS NULL OR tbl = ?1)" \
  "   AND (?2 IS NULL OR row_key = ?2)" \
  "   AND (?3 IS NULL OR substr (row_key, 1, length (?3)) = ?3)" \
  "   AND (?4 IS NULL OR at >= ?4)" \
  "   AND (?5 IS NULL OR at < ?5)" \
  "   AND (?6 IS NULL OR instr (origin, ?6) > 0)" \
  "   AND (?7 IS NULL OR os_user = ?7)"
  if (filter->newest_first)
    stmt = chc_database_prepare (self, AUDIT_SELECT " ORDER BY id DESC LIMIT ?8", error);
  else
    stmt = chc_database_prepare (self, AUDIT_SELECT " ORDER BY id LIMIT ?8", error);
#undef AUDIT_SELECT
  if (stmt == NULL)
    return NULL;

  /* "until" is inclusive: everything before the next day. */
  if (filter->until != NULL)
    until = g_strconcat (filter->until, " 99", NULL);
  if (filter->origin != NULL && *filter->origin != '\0')
    origin = g_strdup (filter->origin);

  chc_bind_text_or_null (stmt, 1, filter->table);
  if (filter->row_key != NULL && filter->row_key_prefix)
    prefix = g_strdup (filter->row_key);
  else
    chc_bind_text_or_null (stmt, 2, filter->row_key);
  chc_bind_text_or_null (stmt, 3, prefix);
  chc_bind_text_or_null (stmt, 4, filter->since);
  chc_bind_text_or_null (stmt, 5, until);
  chc_bind_text_or_null (stmt, 6, origin);
  chc_bind_text_or_null (stmt, 7, (filter->user != NULL && *filter->user) ? filter->user : NULL);
  sqlite3_bind_int64 (stmt, 8, filter->limit > 0 ? (gint64) filter->limit : -1);

  while (chc_database_step_row (self, stmt, error))
    g_ptr_array_add (entries, audit_entry_from_row (stmt));
  if (error != NULL && *error != NULL)
    return NULL;
  sqlite3_reset (stmt);

  return g_steal_pointer (&entries);
}

/* The tick at which a row written in bulk was created, or 0. */
static gint64
bulk_created_tick (ChcDatabase *self,
                   const char  *table,
                   const char  *row_key)
{
  const ChcTrackedTable *t = chc_tracked_table_find (table);
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  g_auto(GStrv) parts = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 tick = 0;
  guint k = 0;

  if (t == NULL)
    return 0;
  where = chc_tracked_key_where_sql (t);
  sql = g_strdup_printf ("SELECT created_tick FROM main.%s WHERE %s", table, where);
  parts = g_strsplit (row_key, "|", -1);
  if (sqlite3_prepare_v2 (chc_database_get_handle (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  for (const ChcTrackedField *f = t->fields; f->name != NULL; f++)
    {
      g_autofree char *param = g_strconcat (":", f->name, NULL);

      if (!f->key)
        continue;
      if (parts[k] == NULL)
        break;
      sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, param), parts[k++], -1, SQLITE_TRANSIENT);
    }
  if (parts[k] == NULL && sqlite3_step (stmt) == SQLITE_ROW)
    tick = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return tick;
}

GPtrArray *
chc_database_list_history (ChcDatabase  *self,
                           const char   *table,
                           const char   *row_key,
                           GError      **error)
{
  ChcAuditFilter filter = { 0 };
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  gint64 tick;

  filter.table = table;
  filter.row_key = row_key;
  filter.newest_first = TRUE;
  entries = chc_database_list_audit (self, &filter, error);
  if (entries == NULL)
    return NULL;

  /* Created by a bulk import: the import's entry, for this row. */
  for (guint i = 0; i < entries->len; i++)
    {
      ChcAuditEntry *e = g_ptr_array_index (entries, i);

      if (g_strcmp0 (chc_audit_entry_get_field (e), "*") == 0 &&
          chc_audit_entry_get_old_value (e) == NULL)
        return g_steal_pointer (&entries);
    }
  tick = bulk_created_tick (self, table, row_key);
  if (tick == 0)
    return g_steal_pointer (&entries);

  stmt = chc_database_prepare (self,
                               "SELECT id, at, os_user, installation, origin, tbl, row_key, field,"
                               " old, new FROM audit WHERE tbl = ?1 AND row_key = '*' AND tick = ?2",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, tick);
  if (chc_database_step_row (self, stmt, NULL))
    g_ptr_array_add (entries,
                     chc_audit_entry_new (sqlite3_column_int64 (stmt, 0), chc_column_text (stmt, 1),
                                          chc_column_text (stmt, 2), chc_column_text (stmt, 3),
                                          chc_column_text (stmt, 4), table, row_key, "*", NULL,
                                          chc_column_text (stmt, 9)));
  sqlite3_reset (stmt);
  return g_steal_pointer (&entries);
}

static char *
query_text (ChcDatabase  *self,
            sqlite3_stmt *stmt)
{
  char *text = NULL;

  if (stmt != NULL && chc_database_step_row (self, stmt, NULL))
    text = g_strdup (chc_column_text (stmt, 0));
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return text;
}

char *
chc_database_facility_row_key (ChcDatabase *self,
                               gint64       facility_id)
{
  sqlite3_stmt *stmt = chc_database_prepare (self, "SELECT code FROM facility WHERE id = ?1", NULL);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, facility_id);
  return query_text (self, stmt);
}

char *
chc_database_project_row_key (ChcDatabase *self,
                              gint64       project_id)
{
  sqlite3_stmt *stmt = chc_database_prepare (self, "SELECT uid FROM project WHERE id = ?1", NULL);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, project_id);
  return query_text (self, stmt);
}

char *
chc_database_monthly_row_key (ChcDatabase *self,
                              gint64       facility_id,
                              const char  *period)
{
  g_autofree char *code = chc_database_facility_row_key (self, facility_id);

  if (code == NULL)
    return NULL;
  return g_strconcat (code, "|", period, NULL);
}

/* ---- backups ---------------------------------------------------------- */

/* Every backup FILE is written with a checksum beside it, FILE.sha256, in
 * the format of sha256sum ("HEX  NAME\n", so `sha256sum -c` checks it
 * too).  A restore copies the source once into a private temporary file
 * (hashing it on the way), and checks that copy: the checksum, that it is
 * a CHC Monitor database, that its size matches its pages, and a full
 * PRAGMA integrity_check; only then is the current content backed up and
 * replaced.  A file without a checksum (a copy made by hand) is refused
 * unless the caller allows it (CHC_RESTORE_ALLOW_UNVERIFIED: chc-cli
 * restore --force, or a second confirmation in the window); it still has
 * to pass every other check.
 *
 * Temporary files are NAME.chc-XXXXXX.part beside the file they become
 * (XXXXXX random), created with O_EXCL and mode 0600, held under flock()
 * while in use and renamed into place; chc_database_clean_leftovers()
 * removes the ones a crash left behind. */

#define N_BACKUPS_KEPT 10
#define TEMP_INFIX ".chc-"
#define TEMP_SUFFIX ".part"
#define TEMP_RANDOM 6
#define CHECKSUM_SUFFIX ".sha256"
/* A temporary file younger than this is never taken for a crash's. */
#define TEMP_GRACE_SECONDS 600

/* The temporary files of this process in use, by (device, inode): the
 * cleanup never opens them (closing a descriptor of a file drops the
 * process's POSIX locks on it, SQLite's included). */
typedef struct
{
  dev_t dev;
  ino_t ino;
} FileId;

G_LOCK_DEFINE_STATIC (temps_in_use);
static GArray *temps_in_use;

typedef struct
{
  char  *path;
  int    fd;
  FileId id;
} TempFile;

static void
temp_file_forget (TempFile *tmp)
{
  G_LOCK (temps_in_use);
  for (guint i = 0; temps_in_use != NULL && i < temps_in_use->len; i++)
    {
      FileId *id = &g_array_index (temps_in_use, FileId, i);

      if (id->dev == tmp->id.dev && id->ino == tmp->id.ino)
        {
          g_array_remove_index_fast (temps_in_use, i);
          break;
        }
    }
  G_UNLOCK (temps_in_use);
}

static gboolean
temp_file_in_use (dev_t dev,
                  ino_t ino)
{
  gboolean found = FALSE;

  G_LOCK (temps_in_use);
  for (guint i = 0; temps_in_use != NULL && i < temps_in_use->len && !found; i++)
    {
      FileId *id = &g_array_index (temps_in_use, FileId, i);

      found = id->dev == dev && id->ino == ino;
    }
  G_UNLOCK (temps_in_use);
  return found;
}

/* Creates NAME.chc-XXXXXX.part in the folder of @dest_path: O_EXCL, 0600,
 * an unpredictable name; never a file that was there before. */
static gboolean
temp_file_create (const char  *dest_path,
                  TempFile    *tmp,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (dest_path);
  g_autofree char *base = g_path_get_basename (dest_path);
  g_autofree char *name = g_strconcat (base, TEMP_INFIX "XXXXXX" TEMP_SUFFIX, NULL);
  GStatBuf st;

  tmp->path = g_build_filename (dir, name, NULL);
  tmp->fd = g_mkstemp_full (tmp->path, O_RDWR | O_CLOEXEC, 0600);
  if (tmp->fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                   _("Cannot create a file in %s: %s"), display, g_strerror (saved_errno));
      g_clear_pointer (&tmp->path, g_free);
      return FALSE;
    }
  /* Marks it as in use for other processes' cleanup. */
  (void) flock (tmp->fd, LOCK_EX | LOCK_NB);
  if (fstat (tmp->fd, &st) == 0)
    {
      tmp->id.dev = st.st_dev;
      tmp->id.ino = st.st_ino;
      G_LOCK (temps_in_use);
      if (temps_in_use == NULL)
        temps_in_use = g_array_new (FALSE, FALSE, sizeof (FileId));
      g_array_append_val (temps_in_use, tmp->id);
      G_UNLOCK (temps_in_use);
    }
  return TRUE;
}

static void
unlink_with_companions (const char *path)
{
  static const char *const suffixes[] = { "-journal", "-wal", "-shm" };

  g_unlink (path);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);

      g_unlink (companion);
    }
}

/* Removes the temporary file (and the journal SQLite may have left). */
static void
temp_file_discard (TempFile *tmp)
{
  if (tmp->path == NULL)
    return;
  unlink_with_companions (tmp->path);
  temp_file_forget (tmp);
  if (tmp->fd >= 0)
    close (tmp->fd);
  tmp->fd = -1;
  g_clear_pointer (&tmp->path, g_free);
}

/* Flushes the temporary file and renames it to @dest_path (a symbolic
 * link there is replaced, never followed). */
static gboolean
temp_file_commit (TempFile    *tmp,
                  const char  *dest_path,
                  GError     **error)
{
  int saved_errno = 0;

  if (fsync (tmp->fd) != 0 || g_rename (tmp->path, dest_path) != 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      g_autofree char *display = g_filename_display_name (dest_path);

      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                   _("Cannot write the backup %s: %s"), display, g_strerror (saved_errno));
      temp_file_discard (tmp);
      return FALSE;
    }
  g_clear_pointer (&tmp->path, g_free);
  temp_file_forget (tmp);
  close (tmp->fd);
  tmp->fd = -1;

  /* The rename itself survives a power cut once the folder is synced. */
  {
    g_autofree char *dir = g_path_get_dirname (dest_path);
    int dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

    if (dir_fd >= 0)
      {
        (void) fsync (dir_fd);
        close (dir_fd);
      }
  }
  return TRUE;
}

/* The SHA-256 of what @fd holds, in lower-case hex. */
static char *
hash_fd (int      fd,
         GError **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buffer = g_malloc (1 << 16);
  off_t offset = 0;

  for (;;)
    {
      ssize_t n = pread (fd, buffer, 1 << 16, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                       _("Cannot read the backup: %s"), g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      g_checksum_update (sum, buffer, n);
      offset += n;
    }
  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
write_all (int           fd,
           const guchar *data,
           gsize         length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = EIO;
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

static gboolean
copy_database (sqlite3     *from,
               const char  *dest_path,
               GError     **error)
{
  g_autofree char *display = g_filename_display_name (dest_path);
  g_autofree char *sidecar = g_strconcat (dest_path, CHECKSUM_SUFFIX, NULL);
  g_autofree char *base = g_path_get_basename (dest_path);
  g_autofree char *hash = NULL;
  g_autofree char *line = NULL;
  TempFile tmp = { NULL, -1, { 0, 0 } };
  TempFile tmp_sum = { NULL, -1, { 0, 0 } };
  sqlite3 *to = NULL;
  sqlite3_backup *backup;
  int rc;

  if (!temp_file_create (dest_path, &tmp, error))
    return FALSE;

  rc = sqlite3_open_v2 (tmp.path, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (to, "main", from, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (to);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = (rc == SQLITE_DONE) ? SQLITE_OK : rc;
        }
    }
  /* A backup of a WAL database is a WAL database: fold it into one file. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (to);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                   _("Cannot write the backup %s: %s"), display, sqlite3_errstr (rc));
      temp_file_discard (&tmp);
      return FALSE;
    }

  hash = hash_fd (tmp.fd, error);
  if (hash == NULL)
    {
      temp_file_discard (&tmp);
      return FALSE;
    }
  line = g_strdup_printf ("%s  %s\n", hash, base);
  if (!temp_file_create (sidecar, &tmp_sum, error))
    {
      temp_file_discard (&tmp);
      return FALSE;
    }
  if (!write_all (tmp_sum.fd, (const guchar *) line, strlen (line)))
    {
      int saved_errno = errno;
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                   _("Cannot write the backup %s: %s"), display, g_strerror (saved_errno));
      temp_file_discard (&tmp_sum);
      temp_file_discard (&tmp);
      return FALSE;
    }

  /* An old checksum must never describe the new file: it goes first (a
   * crash between the renames leaves a backup without checksum, never
   * one with a wrong one). */
  if (g_unlink (sidecar) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                   _("Cannot write the backup %s: %s"), display, g_strerror (saved_errno));
      temp_file_discard (&tmp_sum);
      temp_file_discard (&tmp);
      return FALSE;
    }
  if (!temp_file_commit (&tmp, dest_path, error))
    {
      temp_file_discard (&tmp_sum);
      return FALSE;
    }
  return temp_file_commit (&tmp_sum, sidecar, error);
}

/* Whether @path is the database file of @self or one of its -wal, -shm
 * or -journal (replaced, it would be lost under the connection; read
 * through a descriptor of our own, closing it would drop the connection's
 * POSIX locks). */
static gboolean
is_live_file (ChcDatabase *self,
              const char  *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *live_path = g_strconcat (chc_database_get_path (self), suffixes[i], NULL);
      GStatBuf live;

      if (g_stat (live_path, &live) == 0 && live.st_dev == st.st_dev && live.st_ino == st.st_ino)
        return TRUE;
    }
  return FALSE;
}

gboolean
chc_database_backup_to (ChcDatabase  *self,
                        const char   *dest_path,
                        GError      **error)
{
  g_autofree char *sidecar = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  sidecar = g_strconcat (dest_path, CHECKSUM_SUFFIX, NULL);
  if (is_live_file (self, dest_path) || is_live_file (self, sidecar))
    {
      g_autofree char *display = g_filename_display_name (dest_path);

      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                   _("%s is the database itself; choose another file for the backup."), display);
      return FALSE;
    }
  return copy_database (chc_database_get_handle (self), dest_path, error);
}

char *
chc_database_get_backup_dir (ChcDatabase *self)
{
  g_autofree char *dir = g_path_get_dirname (chc_database_get_path (self));

  return g_build_filename (dir, "backups", NULL);
}

/* The backup folder, created 0700 (an existing one of ours is made 0700;
 * one of another user is refused). */
static gboolean
prepare_backup_dir (const char  *dir,
                    GError     **error)
{
  g_autofree char *display = g_filename_display_name (dir);
  GStatBuf st;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                   _("Cannot create the folder %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  if (g_stat (dir, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                   _("Cannot create the folder %s: %s"), display, g_strerror (ENOTDIR));
      return FALSE;
    }
  if (st.st_uid != getuid ())
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                   _("The backup folder %s belongs to another user; no backup was written there."),
                   display);
      return FALSE;
    }
  if ((st.st_mode & 0077) != 0 && g_chmod (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                   _("Cannot create the folder %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  return -g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
chc_database_list_backups (ChcDatabase  *self,
                           GError      **error)
{
  g_autofree char *dir = chc_database_get_backup_dir (self);
  g_autofree char *base = g_path_get_basename (chc_database_get_path (self));
  g_autofree char *prefix = g_strconcat (base, ".", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&paths);
  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".bak"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_newest_first);
  return g_steal_pointer (&paths);
}

char *
chc_database_backup_auto (ChcDatabase  *self,
                          const char   *reason,
                          GError      **error)
{
  g_autofree char *dir = chc_database_get_backup_dir (self);
  g_autofree char *base = g_path_get_basename (chc_database_get_path (self));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) backups = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  if (!chc_database_check_writable (self, error))
    return NULL;
  if (!prepare_backup_dir (dir, error))
    return NULL;

  /* The microseconds keep two backups of the same second apart and
   * sort with the rest of the name. */
  name = g_strdup_printf ("%s.%s-%06d-%s.bak", base, stamp,
                          g_date_time_get_microsecond (now), reason);
  path = g_build_filename (dir, name, NULL);
  if (!chc_database_backup_to (self, path, error))
    return NULL;

  backups = chc_database_list_backups (self, NULL);
  for (guint i = N_BACKUPS_KEPT; backups != NULL && i < backups->len; i++)
    {
      g_autofree char *sidecar = g_strconcat (g_ptr_array_index (backups, i), CHECKSUM_SUFFIX, NULL);

      g_unlink (g_ptr_array_index (backups, i));
      g_unlink (sidecar);
    }

  return g_steal_pointer (&path);
}

/* ---- leftovers -------------------------------------------------------- */

/* The length of the temporary file's own name in @name (NAME.chc-XXXXXX.part,
 * maybe followed by -journal, -wal or -shm), or 0 when @name is not one of
 * ours. */
static gsize
temp_name_length (const char *name)
{
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };
  gsize length = strlen (name);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize stem = length - strlen (suffixes[i]);
      const char *random;

      if (strlen (suffixes[i]) >= length || !g_str_has_suffix (name, suffixes[i]))
        continue;
      if (stem < strlen (TEMP_INFIX) + TEMP_RANDOM + strlen (TEMP_SUFFIX) + 1 ||
          strncmp (name + stem - strlen (TEMP_SUFFIX), TEMP_SUFFIX, strlen (TEMP_SUFFIX)) != 0)
        continue;
      random = name + stem - strlen (TEMP_SUFFIX) - TEMP_RANDOM;
      if (strncmp (random - strlen (TEMP_INFIX), TEMP_INFIX, strlen (TEMP_INFIX)) != 0)
        continue;
      for (guint k = 0; k < TEMP_RANDOM; k++)
        if (!g_ascii_isalnum (random[k]))
          return 0;
      return stem;
    }
  return 0;
}

/* Whether another operation (of this process or another) is writing the
 * temporary file @path: it holds its flock. */
static gboolean
temp_path_busy (const char *path)
{
  GStatBuf st;
  int fd;
  gboolean busy;

  if (g_lstat (path, &st) != 0)
    return FALSE;
  if (!S_ISREG (st.st_mode))
    return FALSE;
  if (temp_file_in_use (st.st_dev, st.st_ino))
    return TRUE;
  /* A file created a moment ago may not hold its lock yet (it is taken
   * just after the file is made): only older ones can be a crash's. */
  if ((gint64) st.st_mtime > g_get_real_time () / G_USEC_PER_SEC - TEMP_GRACE_SECONDS)
    return TRUE;
  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    return errno != ENOENT;
  busy = flock (fd, LOCK_EX | LOCK_NB) != 0;
  close (fd);
  return busy;
}

/* In the backups folder: BASE.*.bak.part (and its -journal), the
 * predictable temporary name of versions before issue 18. */
static gsize
old_temp_name_length (const char *name,
                      const char *db_base)
{
  gsize length = strlen (name);

  if (!g_str_has_prefix (name, db_base) || name[strlen (db_base)] != '.')
    return 0;
  if (g_str_has_suffix (name, ".bak.part"))
    return length;
  if (g_str_has_suffix (name, ".bak.part-journal"))
    return length - strlen ("-journal");
  return 0;
}

static void
clean_folder (const char *dir,
              const char *db_base,
              gboolean    backups)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) stems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *db_journal = g_strconcat (db_base, "-journal", NULL);
  g_autofree char *db_wal = g_strconcat (db_base, "-wal", NULL);
  g_autofree char *db_shm = g_strconcat (db_base, "-shm", NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      gsize stem = temp_name_length (name);

      if (stem == 0 && backups)
        stem = old_temp_name_length (name, db_base);

      /* The live database's own files, whatever its name. */
      if (stem == 0 || g_str_equal (name, db_base) || g_str_equal (name, db_journal) ||
          g_str_equal (name, db_wal) || g_str_equal (name, db_shm))
        continue;
      g_ptr_array_add (doomed, g_strdup (name));
      g_ptr_array_add (stems, g_strndup (name, stem));
    }

  for (guint i = 0; i < doomed->len; i++)
    {
      g_autofree char *stem_path = g_build_filename (dir, g_ptr_array_index (stems, i), NULL);
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (doomed, i), NULL);

      if (temp_path_busy (stem_path))
        continue;
      g_debug ("Removing %s, left over by an interrupted backup or restore", path);
      g_unlink (path);
    }
}

void
chc_database_clean_leftovers (const char *db_path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *backups = NULL;

  g_return_if_fail (db_path != NULL);

  dir = g_path_get_dirname (db_path);
  base = g_path_get_basename (db_path);
  backups = g_build_filename (dir, "backups", NULL);
  clean_folder (dir, base, FALSE);
  clean_folder (backups, base, TRUE);
}

/* ---- restores --------------------------------------------------------- */

/* Copies @source into @copy (a new temporary file), hashing it. */
static char *
copy_and_hash (const char  *source,
               TempFile    *copy,
               GError     **error)
{
  g_autofree char *display = g_filename_display_name (source);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buffer = g_malloc (1 << 16);
  int fd = g_open (source, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);

  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                   _("Cannot open %s: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  for (;;)
    {
      ssize_t n = read (fd, buffer, 1 << 16);

      if (n < 0 && errno == EINTR)
        continue;
      if (n == 0)
        break;
      if (n < 0 || !write_all (copy->fd, buffer, n))
        {
          int saved_errno = errno;
          g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                       _("Cannot restore from %s: %s"), display, g_strerror (saved_errno));
          close (fd);
          return NULL;
        }
      g_checksum_update (sum, buffer, n);
    }
  close (fd);
  return g_strdup (g_checksum_get_string (sum));
}

typedef enum
{
  CHECKSUM_MISSING,
  CHECKSUM_MATCHES,
  CHECKSUM_DIFFERS,
} ChecksumState;

/* Compares @hash with the checksum file beside @source. */
static ChecksumState
check_sidecar (const char  *source,
               const char  *hash,
               GError     **error)
{
  g_autofree char *sidecar = g_strconcat (source, CHECKSUM_SUFFIX, NULL);
  g_autofree char *display = g_filename_display_name (source);
  g_autofree char *display_sum = g_filename_display_name (sidecar);
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_stat (sidecar, &st) != 0)
    {
      if (errno == ENOENT)
        return CHECKSUM_MISSING;
      st.st_mode = 0;
    }
  /* "HEX  NAME\n": a few hundred bytes at most. */
  if (!S_ISREG (st.st_mode) || st.st_size > 65536 ||
      !g_file_get_contents (sidecar, &contents, &length, NULL) || length < 64)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CORRUPT,
                   _("The checksum file %s cannot be read; %s was not restored."),
                   display_sum, display);
      return CHECKSUM_DIFFERS;
    }
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (contents[i]))
      {
        g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CORRUPT,
                     _("The checksum file %s cannot be read; %s was not restored."),
                     display_sum, display);
        return CHECKSUM_DIFFERS;
      }
  if (g_ascii_strncasecmp (contents, hash, 64) != 0 ||
      (length > 64 && !g_ascii_isspace (contents[64])))
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CORRUPT,
                   _("The backup %s does not match its checksum (%s): it is damaged or incomplete. Nothing was changed."),
                   display, display_sum);
      return CHECKSUM_DIFFERS;
    }
  return CHECKSUM_MATCHES;
}

/* A file ending within a page, or shorter than the pages its header
 * counts, was cut short. */
static gboolean
check_size (int          fd,
            const char  *display,
            GError     **error)
{
  guchar header[100];
  GStatBuf st;
  guint64 page_size;
  guint64 n_pages;

  if (fstat (fd, &st) != 0 || pread (fd, header, sizeof header, 0) != sizeof header)
    return TRUE;   /* not a database at all: check_identity () says so */
  if (memcmp (header, "SQLite format 3", 16) != 0)
    return TRUE;
  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    goto short_file;
  if (st.st_size % page_size != 0)
    goto short_file;
  n_pages = ((guint64) header[28] << 24) | (header[29] << 16) | (header[30] << 8) | header[31];
  /* The page count is valid when the change counter matches the
   * version-valid-for number (every SQLite since 3.7.0). */
  if (n_pages != 0 && memcmp (header + 24, header + 92, 4) == 0 &&
      n_pages * page_size != (guint64) st.st_size)
    goto short_file;
  return TRUE;

short_file:
  g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CORRUPT,
               _("The backup %s is incomplete: its size does not match the database it holds. Nothing was changed."),
               display);
  return FALSE;
}

/* Opens the private copy (no other process knows it: immutable). */
static sqlite3 *
open_copy (const char *path,
           int        *rc)
{
  g_autoptr(GString) uri = g_string_new ("file:");
  sqlite3 *db = NULL;

  for (const char *p = path; *p; p++)
    {
      if (*p == '?' || *p == '#' || *p == '%')
        g_string_append_printf (uri, "%%%02X", (guchar) *p);
      else
        g_string_append_c (uri, *p);
    }
  g_string_append (uri, "?immutable=1");
  *rc = sqlite3_open_v2 (uri->str, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (*rc != SQLITE_OK)
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* That the copy is a CHC Monitor database this version reads. */
static gboolean
check_identity (sqlite3     *db,
                const char  *display,
                GError     **error)
{
  int rc;
  int app_id = chc_sqlite_query_int (db, "PRAGMA application_id", &rc);
  int n_objects;
  int version;

  if (rc == SQLITE_NOTADB)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_CHC,
                   _("%s is not a CHC Monitor database (it is not a SQLite file at all)."),
                   display);
      return FALSE;
    }
  n_objects = rc == SQLITE_OK ? chc_sqlite_query_int (db, "SELECT count(*) FROM sqlite_schema", &rc) : 0;
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CORRUPT,
                   _("The backup %s is damaged and cannot be read. Nothing was changed."), display);
      return FALSE;
    }
  if (app_id != CHC_DATABASE_APPLICATION_ID || n_objects == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_CHC,
                   _("%s is a SQLite database, but not a CHC Monitor database."),
                   display);
      return FALSE;
    }
  version = chc_sqlite_query_int (db, "PRAGMA user_version", &rc);
  if (rc == SQLITE_OK && version > CHC_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of CHC Monitor (schema %d; this version reads up to %d). Please update the application."),
                   display, version, CHC_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* The full PRAGMA integrity_check (every page, every index). */
static gboolean
check_integrity (sqlite3     *db,
                 const char  *display,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 (first, "ok") == 0)
    return TRUE;

  g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CORRUPT,
               _("The backup %s is damaged (integrity check: %s). Nothing was changed."),
               display, rc == SQLITE_ROW ? first : sqlite3_errstr (rc));
  return FALSE;
}

gboolean
chc_database_restore_from (ChcDatabase  *self,
                           const char   *source_path,
                           GError      **error)
{
  return chc_database_restore_from_full (self, source_path, CHC_RESTORE_DEFAULT, NULL, error);
}

gboolean
chc_database_restore_from_full (ChcDatabase      *self,
                                const char       *source_path,
                                ChcRestoreFlags   flags,
                                gboolean         *out_verified,
                                GError          **error)
{
  g_autofree char *display = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *id = NULL;
  g_autofree char *hash = NULL;
  TempFile copy = { NULL, -1, { 0, 0 } };
  ChecksumState checksum;
  sqlite3 *from = NULL;
  sqlite3_backup *restore;
  GStatBuf st;
  int rc;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (source_path != NULL, FALSE);
  g_return_val_if_fail (chc_database_get_depth (self) == 0, FALSE);

  display = g_filename_display_name (source_path);
  if (out_verified != NULL)
    *out_verified = FALSE;

  if (g_stat (source_path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_CHC,
                   _("%s is not a CHC Monitor database."), display);
      return FALSE;
    }
  /* The database itself: reading it through a descriptor of our own
   * would drop this connection's locks when it is closed. */
  if (is_live_file (self, source_path))
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_CHC,
                   _("%s is the database itself, not a backup of it."), display);
      return FALSE;
    }

  /* Everything is checked on a private copy: the source cannot change
   * between the checks and the restore. */
  if (!temp_file_create (chc_database_get_path (self), &copy, error))
    return FALSE;
  hash = copy_and_hash (source_path, &copy, error);
  if (hash == NULL)
    goto fail;

  checksum = check_sidecar (source_path, hash, error);
  if (checksum == CHECKSUM_DIFFERS)
    goto fail;

  from = open_copy (copy.path, &rc);
  if (from == NULL)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                   _("Cannot open %s: %s"), display, sqlite3_errstr (rc));
      goto fail;
    }
  if (!check_size (copy.fd, display, error) ||
      !check_identity (from, display, error))
    goto fail;
  if (checksum == CHECKSUM_MISSING && !(flags & CHC_RESTORE_ALLOW_UNVERIFIED))
    {
      g_autofree char *sidecar = g_strconcat (display, CHECKSUM_SUFFIX, NULL);

      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_UNVERIFIED,
                   _("%s has no checksum (%s is missing), so it cannot be verified; it may be a copy made by hand. Nothing was changed."),
                   display, sidecar);
      goto fail;
    }
  if (!check_integrity (from, display, error))
    goto fail;

  backup = chc_database_backup_auto (self, "restore", error);
  if (backup == NULL)
    goto fail;

  restore = sqlite3_backup_init (chc_database_get_handle (self), "main", from, "main");
  if (restore == NULL)
    rc = sqlite3_extended_errcode (chc_database_get_handle (self));
  else
    {
      rc = sqlite3_backup_step (restore, -1);
      sqlite3_backup_finish (restore);
      rc = (rc == SQLITE_DONE) ? SQLITE_OK : rc;
    }
  sqlite3_close (from);
  from = NULL;
  temp_file_discard (&copy);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IO,
                   _("Cannot restore from %s: %s"), display, sqlite3_errstr (rc));
      return FALSE;
    }
  if (out_verified != NULL)
    *out_verified = checksum == CHECKSUM_MATCHES;

  /* The restored file may be older; it is a fork of the past from now on:
   * a new installation id, so that its ticks are never confused with the
   * ones given out since. */
  if (!chc_database_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !chc_database_migrate (self, error))
    return FALSE;
  chc_database_reload_meta (self);
  id = g_uuid_string_random ();
  if (!chc_database_set_meta (self, "installation_id", id, error) ||
      !add_epoch (self, id, error))
    return FALSE;
  chc_database_set_installation_id (self, id);
  if (!check_home (self, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tracked_tables); i++)
    chc_database_notify_changed (self, tracked_tables[i].table);
  chc_database_notify_changed (self, "meta");
  return TRUE;

fail:
  if (from != NULL)
    sqlite3_close (from);
  temp_file_discard (&copy);
  return FALSE;
}
