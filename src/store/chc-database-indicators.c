/* chc-database-indicators.c — evaluating plan indicators: the store builds
 * a snapshot of a district at the end of a year (core/chc-indicator.h) from
 * two whitelists below, then the pure methods compute each indicator.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-database"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-database-reporting.h"
#include "chc-database-private.h"
#include "core/chc-element.h"
#include "core/chc-reporting.h"
#include "chc-database-tcm.h"
#include "chc-database-plans.h"
#include "chc-database-values.h"

/* ==== Conditions ==========================================================
 *
 * A condition is a named SQL query returning the ids of the facilities of
 * district ?1 that satisfy it at the end of year ?2.  An indicator names its
 * condition in its "condition" column (data/plans.ini: condition=…); only the
 * names in this table are ever run — SQL never comes from user text.  A
 * condition missing here makes its indicators report "no data".
 *
 * TO ADD A CONDITION: add one line { "name", "SELECT … WHERE f.district_id =
 * ?1 … ?2 …" } to conditions[] (keep the SQL a string literal: statements
 * are cached by its address).  Your branch's area in the name is welcome
 * ("tcm_corner", "standardization_started").  The indicators of data/plans.ini
 * name their condition by these names; give it a name for people in
 * condition_labels[] (at the end of this file: the targets dialog shows it).
 * Scope (facility types) and "in service" (status operating) are applied by
 * the methods, so a condition need not filter on them.
 */
typedef struct
{
  const char *name;
  const char *sql;
} NamedQuery;

/* "capability:KIND" for every capability kind declared in
 * data/elements.ini (family capability): the facilities that reached it by
 * the end of the year; "capability_in_year:KIND": those that reached it
 * during the year itself, for the plans that count the year's new ones
 * without the earlier ones (Qingpu: "开展第二批3家社区护理中心建设",
 * "建设2家健康管理中心").  Both are read together by
 * load_capability_conditions(). */
#define CAPABILITY_PREFIX "capability:"
#define CAPABILITY_IN_YEAR_PREFIX "capability_in_year:"

static const NamedQuery conditions[] = {
  /* registry (facility table) */
  /* In service at the end of the year: every facility of the district,
   * the methods keep those the registry's dates put in service then
   * (chc_facility_dates_in_service), so a station closed today still
   * counts in 2023 (issue 14); today's status would not. */
  { "operating",
    "SELECT id FROM facility WHERE district_id = ?1" },
  { "standardized",
    "SELECT id FROM facility WHERE district_id = ?1 AND standardized = 1"
    " AND coalesce (standardized_year, 0) <= ?2" },
  { "standardized_in_year",
    "SELECT id FROM facility WHERE district_id = ?1 AND standardized = 1"
    " AND standardized_year = ?2" },

  /* service capabilities (capability table, issue 3): "capability:KIND"
   * for each declared kind (load_capability_conditions), and */
  /* a rehabilitation centre of either level */
  { "capability:rehab",
    "SELECT DISTINCT c.facility_id FROM capability c JOIN facility f ON f.id = c.facility_id"
    " WHERE f.district_id = ?1 AND c.kind IN ('rehab_standard', 'rehab_demo') AND c.year <= ?2" },

  /* construction (issue 6).  Projects change the registry when they
   * finish (core/chc-project.c), so these read the registry and undo the
   * projects that finished after the year asked for. */
  /* Standardized by the end of the year, or a standardization project
   * whose construction started by then: Qingpu's target counts started
   * work ("标准化建设（含开工建设）"). */
  { "standardization_started",
    "SELECT f.id FROM facility f WHERE f.district_id = ?1"
    " AND ((f.standardized = 1 AND coalesce (f.standardized_year, 0) <= ?2)"
    "      OR EXISTS (SELECT 1 FROM project p JOIN milestone m ON m.project_id = p.id"
    "                 WHERE p.facility_id = f.id AND p.kind = 'standardization'"
    "                   AND m.milestone = 'started' AND m.actual IS NOT NULL"
    "                   AND m.actual <= printf ('%04d-12-31', ?2)))" },
  /* A service floor area of 200 m² or more at the end of the year: the
   * registry's area, or, when a project that finished after the year
   * changed it, the area before that project (its final milestone:
   * "opened" for a new build, relocation or opening, else "completed"). */
  { "floor_area_200",
    "SELECT f.id FROM facility f WHERE f.district_id = ?1"
    " AND coalesce ((SELECT p.prev_floor_area FROM project p JOIN milestone m ON m.project_id = p.id"
    "                WHERE p.facility_id = f.id AND p.prev_floor_area IS NOT NULL"
    "                  AND m.milestone = CASE WHEN p.kind IN ('new_build', 'relocation', 'opening')"
    "                                         THEN 'opened' ELSE 'completed' END"
    "                  AND m.actual > printf ('%04d-12-31', ?2)"
    "                ORDER BY m.actual LIMIT 1),"
    "               f.floor_area) >= 200" },

  /* Named construction items (issue 14, Changning): a facility whose
   * project of the kind reached the milestone by the end of the year. */
  { "new_build_opened",
    "SELECT p.facility_id FROM project p JOIN facility f ON f.id = p.facility_id"
    " JOIN milestone m ON m.project_id = p.id"
    " WHERE f.district_id = ?1 AND p.kind IN ('new_build', 'opening') AND m.milestone = 'opened'"
    " AND m.actual IS NOT NULL AND m.actual <= printf ('%04d-12-31', ?2)" },
  { "relocation_started",
    "SELECT p.facility_id FROM project p JOIN facility f ON f.id = p.facility_id"
    " JOIN milestone m ON m.project_id = p.id"
    " WHERE f.district_id = ?1 AND p.kind = 'relocation' AND m.milestone = 'started'"
    " AND m.actual IS NOT NULL AND m.actual <= printf ('%04d-12-31', ?2)" },
  { "feasibility_study_completed",
    "SELECT p.facility_id FROM project p JOIN facility f ON f.id = p.facility_id"
    " JOIN milestone m ON m.project_id = p.id"
    " WHERE f.district_id = ?1 AND p.kind = 'feasibility_study' AND m.milestone = 'completed'"
    " AND m.actual IS NOT NULL AND m.actual <= printf ('%04d-12-31', ?2)" },
  { "upgrade_completed",
    "SELECT p.facility_id FROM project p JOIN facility f ON f.id = p.facility_id"
    " JOIN milestone m ON m.project_id = p.id"
    " WHERE f.district_id = ?1 AND p.kind IN ('renovation', 'standardization') AND m.milestone = 'completed'"
    " AND m.actual IS NOT NULL AND m.actual <= printf ('%04d-12-31', ?2)" },

  /* TCM (issue 5): the queries live beside the rest of the TCM store
   * (chc-database-tcm.h), where tests/test-tcm.c checks them against the
   * core's own computation.  "tcm_hall" is a hall in service or up to
   * standard (Qingpu: "a TCM hall in every institution"). */
  { "tcm_specialty", CHC_TCM_SQL_SPECIALTY },
  { "tcm_hall", CHC_TCM_SQL_HALL_IN_SERVICE },
  { "tcm_hall_in_service", CHC_TCM_SQL_HALL_IN_SERVICE },
  { "tcm_hall_up_to_standard", CHC_TCM_SQL_HALL_UP_TO_STANDARD },
  { "tcm_corner", CHC_TCM_SQL_CORNER },
  { "tcm_corner_up_to_standard", CHC_TCM_SQL_CORNER_UP_TO_STANDARD },
  { "tcm_demo_awarded", CHC_TCM_SQL_DEMO_AWARDED },
  /* awarded in the year itself (Changning: 2–3 a year) */
  { "tcm_demo_awarded_in_year",
    "SELECT d.facility_id FROM tcm_demo d JOIN facility f ON f.id = d.facility_id"
    " WHERE f.district_id = ?1 AND d.status = 'awarded' AND d.year = ?2" },
};


/* ==== Figures =============================================================
 *
 * A ratio divides two figures ("numerator/denominator[*scale]" in the
 * indicator's condition), or is one figure's value.  A figure is a data
 * element, "element:CODE" (data/elements.ini, or the commission's own); the
 * older names "signing.COLUMN" name the element of that family column.  Its
 * value for each facility is chc_database_aggregate_by_facility() for the
 * year — the one aggregation every surface uses.  A share or a count may
 * also take a yes/no element as its condition ("element:CODE": the
 * facilities whose value at the end of the year is yes).
 */
#define ELEMENT_PREFIX "element:"

/* The element a figure names, or NULL. (transfer none) */
static ChcElement *
figure_element (const char *figure)
{
  GPtrArray *builtin;
  const char *dot;

  if (figure == NULL)
    return NULL;
  if (g_str_has_prefix (figure, ELEMENT_PREFIX))
    return chc_elements_find_builtin (figure + strlen (ELEMENT_PREFIX));
  if ((dot = strchr (figure, '.')) == NULL)
    return NULL;
  builtin = chc_elements_get_builtin ();
  for (guint i = 0; i < builtin->len; i++)
    {
      ChcElement *element = g_ptr_array_index (builtin, i);

      if (element->family != NULL && strncmp (element->family, figure, dot - figure) == 0 &&
          element->family[dot - figure] == '\0' && g_str_equal (element->column, dot + 1))
        return element;
    }
  return NULL;
}

static const NamedQuery *
find_query (const NamedQuery *table,
            gsize             n,
            const char       *name)
{
  if (name == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (table[i].name, name))
      return &table[i];
  return NULL;
}

gboolean
chc_database_has_condition (const char *condition)
{
  ChcElement *element;

  if (condition != NULL && g_str_has_prefix (condition, ELEMENT_PREFIX))
    return (element = figure_element (condition)) != NULL && element->value_type == CHC_VALUE_TYPE_YES_NO;
  if (condition != NULL && g_str_has_prefix (condition, CAPABILITY_PREFIX) &&
      chc_capability_kind_is_declared (condition + strlen (CAPABILITY_PREFIX)))
    return TRUE;
  if (condition != NULL && g_str_has_prefix (condition, CAPABILITY_IN_YEAR_PREFIX) &&
      chc_capability_kind_is_declared (condition + strlen (CAPABILITY_IN_YEAR_PREFIX)))
    return TRUE;
  return find_query (conditions, G_N_ELEMENTS (conditions), condition) != NULL;
}

/* The figures of the reporting cycle (issue 15), per facility for the
 * year: the reports expected of it (those due by today, or received),
 * those received (submitted or approved) and those received by their due
 * date.  "reports:received/reports:expected" is completeness,
 * "reports:on_time/reports:expected" timeliness. */
#define REPORTS_PREFIX "reports:"
static const char *const report_figures[] = {
  REPORTS_PREFIX "expected", REPORTS_PREFIX "received", REPORTS_PREFIX "on_time", NULL,
};

/* Figures counted from the registry's own tables (issue 14): a named query
 * returning (facility id, value) for district ?1 at the end of year ?2. */
static const NamedQuery count_figures[] = {
  /* clinics, not institutions: "中医特色专病（专科）门诊10个" */
  { "tcm:specialty_clinics", CHC_TCM_SQL_SPECIALTY_CLINICS },
};

gboolean
chc_database_has_figure (const char *figure)
{
  ChcElement *element = figure_element (figure);

  if (figure != NULL && g_strv_contains (report_figures, figure))
    return TRUE;
  if (find_query (count_figures, G_N_ELEMENTS (count_figures), figure) != NULL)
    return TRUE;

  return element != NULL && element->value_type != CHC_VALUE_TYPE_DATE;
}

static GStrv
list_names (const NamedQuery *table,
            gsize             n)
{
  GStrv names = g_new0 (char *, n + 1);

  for (gsize i = 0; i < n; i++)
    names[i] = g_strdup (table[i].name);
  return names;
}

GStrv
chc_database_list_conditions (void)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GPtrArray) capabilities = chc_elements_list_family ("capability");
  g_auto(GStrv) named = list_names (conditions, G_N_ELEMENTS (conditions));

  /* the registry's conditions, then each declared capability kind, then
   * the others, as before */
  for (guint i = 0; named[i] != NULL; i++)
    {
      if (g_str_equal (named[i], "capability:rehab"))
        for (guint k = 0; k < capabilities->len; k++)
          {
            g_autofree char *name = g_strconcat (CAPABILITY_PREFIX,
                                                 ((ChcElement *) g_ptr_array_index (capabilities, k))->code, NULL);
            g_strv_builder_add (names, name);
          }
      g_strv_builder_add (names, named[i]);
    }
  /* and each kind reached during the year */
  for (guint k = 0; k < capabilities->len; k++)
    {
      g_autofree char *name = g_strconcat (CAPABILITY_IN_YEAR_PREFIX,
                                           ((ChcElement *) g_ptr_array_index (capabilities, k))->code, NULL);
      g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}

GStrv
chc_database_list_figures (void)
{
  GPtrArray *builtin = chc_elements_get_builtin ();
  GStrv names = g_new0 (char *, builtin->len + G_N_ELEMENTS (count_figures) + 1);
  guint n = 0;

  for (guint i = 0; i < builtin->len; i++)
    {
      ChcElement *element = g_ptr_array_index (builtin, i);

      if (element->value_type != CHC_VALUE_TYPE_DATE && element->value_type != CHC_VALUE_TYPE_YES_NO)
        names[n++] = g_strconcat (ELEMENT_PREFIX, element->code, NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (count_figures); i++)
    names[n++] = g_strdup (count_figures[i].name);
  return names;
}

/* ---- snapshot ------------------------------------------------------------ */

/* Runs the condition @name (@query). */
static gboolean
load_condition (ChcDatabase       *self,
                ChcSnapshot       *snapshot,
                gint64             district_id,
                const char        *name,
                const NamedQuery  *query,
                GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = chc_database_prepare (self, query->sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_int (stmt, 2, chc_snapshot_get_year (snapshot));
  chc_snapshot_add_condition (snapshot, name);
  while (chc_database_step_row (self, stmt, &local_error))
    chc_snapshot_add_satisfying (snapshot, name, sqlite3_column_int64 (stmt, 0));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* An element in the snapshot, by the one aggregation of the year for each
 * facility (or the district, key 0): a figure (its value as a point at the
 * end of the year), or for a yes/no condition the facilities saying yes. */
static gboolean
load_element (ChcDatabase       *self,
              ChcSnapshot       *snapshot,
              gint64             district_id,
              const char        *name,
              const ChcElement  *element,
              gboolean           as_condition,
              GHashTable        *prefetched,
              GError           **error)
{
  g_autofree char *year = g_strdup_printf ("%04d", chc_snapshot_get_year (snapshot));
  GHashTable *fetched = prefetched != NULL ? g_hash_table_lookup (prefetched, element->code) : NULL;
  g_autoptr(GHashTable) values = fetched != NULL
                                 ? g_hash_table_ref (fetched)
                                 : chc_database_aggregate_by_facility (self, element->code, district_id,
                                                                       year, error);
  GHashTableIter iter;
  gpointer key, value;

  if (values == NULL)
    return FALSE;
  if (as_condition)
    chc_snapshot_add_condition (snapshot, name);
  else
    chc_snapshot_add_figure (snapshot, name);
  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!as_condition)
        chc_snapshot_add_figure_value (snapshot, name, *(gint64 *) key,
                                       chc_snapshot_get_year (snapshot), 12, *(double *) value);
      else if (*(double *) value != 0)
        chc_snapshot_add_satisfying (snapshot, name, *(gint64 *) key);
    }
  return TRUE;
}

/* The element a figure or condition names: a built-in one, or the
 * commission's own ("element:CODE" of table data_element).  (transfer full) */
static ChcElement *
snapshot_element (ChcDatabase *self,
                  const char  *name)
{
  ChcElement *element = figure_element (name);

  if (element != NULL)
    return chc_element_ref (element);
  if (name != NULL && g_str_has_prefix (name, ELEMENT_PREFIX))
    {
      element = chc_database_find_element (self, name + strlen (ELEMENT_PREFIX), NULL);
      if (element != NULL && !g_str_equal (element->code, name + strlen (ELEMENT_PREFIX)))
        g_clear_pointer (&element, chc_element_unref);   /* found by its name, not its code */
    }
  return element;
}

/* Every "capability:KIND" and "capability_in_year:KIND" condition of
 * @names (declared kinds) from one read of the district's capabilities (a
 * plan names thirty kinds: one query, not thirty).  The others are left
 * to their own query. */
static gboolean
load_capability_conditions (ChcDatabase         *self,
                            ChcSnapshot         *snapshot,
                            gint64               district_id,
                            const char * const  *names,
                            GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  int year = chc_snapshot_get_year (snapshot);
  gboolean any = FALSE;
  sqlite3_stmt *stmt;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if ((g_str_has_prefix (names[i], CAPABILITY_PREFIX) &&
         chc_capability_kind_is_declared (names[i] + strlen (CAPABILITY_PREFIX))) ||
        (g_str_has_prefix (names[i], CAPABILITY_IN_YEAR_PREFIX) &&
         chc_capability_kind_is_declared (names[i] + strlen (CAPABILITY_IN_YEAR_PREFIX))))
      {
        chc_snapshot_add_condition (snapshot, names[i]);
        any = TRUE;
      }
  if (!any)
    return TRUE;

  stmt = chc_database_prepare (self,
                               "SELECT c.facility_id, c.kind, c.year FROM facility f"
                               " CROSS JOIN capability c ON c.facility_id = f.id WHERE f.district_id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, district_id);
  while (chc_database_step_row (self, stmt, &local_error))
    {
      g_autofree char *reached = g_strconcat (CAPABILITY_PREFIX, chc_column_text (stmt, 1), NULL);
      g_autofree char *in_year = g_strconcat (CAPABILITY_IN_YEAR_PREFIX, chc_column_text (stmt, 1), NULL);
      int when = sqlite3_column_int (stmt, 2);

      if (when <= year && g_strv_contains (names, reached))
        chc_snapshot_add_satisfying (snapshot, reached, sqlite3_column_int64 (stmt, 0));
      if (when == year && g_strv_contains (names, in_year))
        chc_snapshot_add_satisfying (snapshot, in_year, sqlite3_column_int64 (stmt, 0));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* A figure of count_figures[]: one value per facility at the end of the
 * year (a facility without a row has 0). */
static gboolean
load_count_figure (ChcDatabase       *self,
                   ChcSnapshot       *snapshot,
                   gint64             district_id,
                   const NamedQuery  *query,
                   GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) counted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = chc_database_prepare (self, query->sql, error);
  int year = chc_snapshot_get_year (snapshot);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_int (stmt, 2, year);
  chc_snapshot_add_figure (snapshot, query->name);
  while (chc_database_step_row (self, stmt, &local_error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      chc_snapshot_add_figure_value (snapshot, query->name, id, year, 12, sqlite3_column_double (stmt, 1));
      g_hash_table_add (counted, g_memdup2 (&id, sizeof id));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* the facilities without one count 0: a count, not a missing report */
  for (guint i = 0; i < chc_snapshot_get_n_facilities (snapshot); i++)
    {
      gint64 id = chc_snapshot_get_facility_id (snapshot, i);

      if (!g_hash_table_contains (counted, &id))
        chc_snapshot_add_figure_value (snapshot, query->name, id, year, 12, 0);
    }
  return TRUE;
}

/* The reporting cycle's figures of the year (report_figures). */
static gboolean
load_reports (ChcDatabase  *self,
              ChcSnapshot  *snapshot,
              gint64        district_id,
              GError      **error)
{
  int year = chc_snapshot_get_year (snapshot);
  g_autofree char *first = g_strdup_printf ("%04d-01", year);
  g_autofree char *last = g_strdup_printf ("%04d-12", year);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GPtrArray) reports = chc_database_list_reports (self, district_id, NULL, first, last, error);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (reports == NULL)
    return FALSE;
  for (guint i = 0; i < reports->len; i++)
    {
      ChcReportStatus *status = g_ptr_array_index (reports, i);
      ChcReportCounts *c;

      /* a report not due yet and not received is not missing */
      if (!chc_report_state_is_received (status->state) && g_strcmp0 (status->due_date, today) >= 0)
        continue;
      c = g_hash_table_lookup (counts, &status->facility_id);
      if (c == NULL)
        {
          c = g_new0 (ChcReportCounts, 1);
          g_hash_table_insert (counts, g_memdup2 (&status->facility_id, sizeof (gint64)), c);
        }
      chc_report_counts_add (c, status);
    }
  for (guint f = 0; report_figures[f] != NULL; f++)
    chc_snapshot_add_figure (snapshot, report_figures[f]);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const ChcReportCounts *c = value;

      chc_snapshot_add_figure_value (snapshot, report_figures[0], *(gint64 *) key, year, 12, c->expected);
      chc_snapshot_add_figure_value (snapshot, report_figures[1], *(gint64 *) key, year, 12, c->received);
      chc_snapshot_add_figure_value (snapshot, report_figures[2], *(gint64 *) key, year, 12, c->on_time);
    }
  return TRUE;
}

ChcSnapshot *
chc_database_load_snapshot (ChcDatabase        *self,
                            gint64              district_id,
                            int                 year,
                            const char * const *condition_names,
                            const char * const *figure_names,
                            GError            **error)
{
  g_autoptr(ChcSnapshot) snapshot = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *year_end = g_strdup_printf ("%04d-12-31", year);
  g_autoptr(GHashTable) prefetched = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  snapshot = chc_snapshot_new (year);

  stmt = chc_database_prepare (self, "SELECT id FROM town WHERE district_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  while (chc_database_step_row (self, stmt, &local_error))
    chc_snapshot_add_town (snapshot, sqlite3_column_int64 (stmt, 0));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* The registry as it stood at the end of the year (issue 14): in service
   * by the dates it opened and closed (chc_facility_dates_in_service), of
   * the type it had then (facility_type_change keeps the type before each
   * change). */
  stmt = chc_database_prepare (self,
                               "SELECT f.id,"
                               " coalesce ((SELECT c.old_type FROM facility_type_change c"
                               "            WHERE c.facility_id = f.id AND c.changed_on > ?2"
                               "            ORDER BY c.changed_on LIMIT 1), f.type),"
                               " coalesce (f.town_id, 0), f.status, f.opened_on, f.closed_on"
                               " FROM facility f WHERE f.district_id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_text (stmt, 2, year_end, -1, SQLITE_TRANSIENT);
  while (chc_database_step_row (self, stmt, &local_error))
    {
      ChcFacilityType type;
      ChcFacilityStatus status = CHC_FACILITY_OPERATING;

      if (!chc_facility_type_from_nick (chc_column_text (stmt, 1), &type))
        continue;
      chc_facility_status_from_nick (chc_column_text (stmt, 3), &status);
      chc_snapshot_add_facility (snapshot, sqlite3_column_int64 (stmt, 0), type,
                                 sqlite3_column_int64 (stmt, 2),
                                 chc_facility_dates_in_service (status, chc_column_text (stmt, 4),
                                                                chc_column_text (stmt, 5), year_end));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* every element the indicators name, aggregated at once (the generic
   * table's in one query a level: chc_database_aggregate_many_by_facility) */
  {
    g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_element_unref);
    g_autofree char *year_text = g_strdup_printf ("%04d", year);

    for (guint pass = 0; pass < 2; pass++)
      {
        const char * const *names = pass == 0 ? condition_names : figure_names;

        for (guint i = 0; names != NULL && names[i] != NULL; i++)
          {
            ChcElement *element = g_str_has_prefix (names[i], ELEMENT_PREFIX) || strchr (names[i], '.') != NULL
                                  ? snapshot_element (self, names[i]) : NULL;

            if (element == NULL)
              continue;
            if (element->value_type == CHC_VALUE_TYPE_DATE ||
                (pass == 0 && element->value_type != CHC_VALUE_TYPE_YES_NO))
              chc_element_unref (element);
            else
              g_ptr_array_add (wanted, element);
          }
      }
    if (wanted->len > 0 &&
        (prefetched = chc_database_aggregate_many_by_facility (self, wanted, district_id, year_text, error)) == NULL)
      return NULL;
  }

  if (!load_capability_conditions (self, snapshot, district_id, condition_names, error))
    return NULL;
  for (guint i = 0; condition_names != NULL && condition_names[i] != NULL; i++)
    {
      const NamedQuery *query = find_query (conditions, G_N_ELEMENTS (conditions),
                                            condition_names[i]);
      g_autoptr(ChcElement) element = g_str_has_prefix (condition_names[i], ELEMENT_PREFIX)
                                      ? snapshot_element (self, condition_names[i]) : NULL;

      if (query != NULL && !chc_snapshot_has_condition (snapshot, condition_names[i]) &&
          !load_condition (self, snapshot, district_id, condition_names[i], query, error))
        return NULL;
      if (element != NULL && element->value_type == CHC_VALUE_TYPE_YES_NO &&
          !chc_snapshot_has_condition (snapshot, condition_names[i]) &&
          !load_element (self, snapshot, district_id, condition_names[i], element, TRUE, prefetched, error))
        return NULL;
    }

  for (guint i = 0; figure_names != NULL && figure_names[i] != NULL; i++)
    {
      g_autoptr(ChcElement) element = NULL;

      const NamedQuery *counted = find_query (count_figures, G_N_ELEMENTS (count_figures), figure_names[i]);

      if (counted != NULL)
        {
          if (!chc_snapshot_has_figure (snapshot, figure_names[i]) &&
              !load_count_figure (self, snapshot, district_id, counted, error))
            return NULL;
          continue;
        }
      if (g_str_has_prefix (figure_names[i], REPORTS_PREFIX))
        {
          if (!chc_snapshot_has_figure (snapshot, figure_names[i]) &&
              !load_reports (self, snapshot, district_id, error))
            return NULL;
          continue;
        }
      element = snapshot_element (self, figure_names[i]);

      if (element != NULL && element->value_type != CHC_VALUE_TYPE_DATE &&
          !chc_snapshot_has_figure (snapshot, figure_names[i]) &&
          !load_element (self, snapshot, district_id, figure_names[i], element, FALSE, prefetched, error))
        return NULL;
    }

  return g_steal_pointer (&snapshot);
}

/* ---- evaluation ---------------------------------------------------------- */

typedef struct
{
  GPtrArray  *indicators;      /* ChcIndicator */
  GHashTable *targets;         /* gint64 * indicator id → GArray of ChcTargetSpec */
  GPtrArray  *conditions;      /* char *, NULL-terminated */
  GPtrArray  *figures;         /* char *, NULL-terminated */
} Evaluation;

static void
evaluation_clear (Evaluation *ev)
{
  g_clear_pointer (&ev->indicators, g_ptr_array_unref);
  g_clear_pointer (&ev->targets, g_hash_table_unref);
  g_clear_pointer (&ev->conditions, g_ptr_array_unref);
  g_clear_pointer (&ev->figures, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Evaluation, evaluation_clear)

static void
add_name (GPtrArray  *names,
          const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_ptr_array_index (names, i) != NULL && g_str_equal (g_ptr_array_index (names, i), name))
      return;
  g_ptr_array_add (names, g_strdup (name));
}

static gboolean
load_targets (ChcDatabase  *self,
              gint64        district_id,
              GHashTable   *targets,
              GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  stmt = chc_database_prepare (self,
                               "SELECT t.indicator_id, t.year, t.op, t.min_value, t.max_value"
                               " FROM target t JOIN indicator i ON i.id = t.indicator_id"
                               " JOIN plan p ON p.id = i.plan_id WHERE p.district_id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, district_id);
  while (chc_database_step_row (self, stmt, &local_error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      ChcTargetSpec spec = { 0 };
      GArray *list = g_hash_table_lookup (targets, &id);

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (ChcTargetSpec));
          g_hash_table_insert (targets, g_memdup2 (&id, sizeof id), list);
        }
      spec.year = sqlite3_column_int (stmt, 1);
      chc_target_op_from_string (chc_column_text (stmt, 2), &spec.op);
      spec.min_value = sqlite3_column_double (stmt, 3);
      spec.has_max = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      spec.max_value = spec.has_max ? sqlite3_column_double (stmt, 4) : 0;
      g_array_append_val (list, spec);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static const ChcTargetSpec *
find_target (Evaluation   *ev,
             ChcIndicator *indicator,
             int           year)
{
  gint64 id = chc_indicator_get_id (indicator);
  GArray *list = g_hash_table_lookup (ev->targets, &id);

  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_array_index (list, ChcTargetSpec, i).year == year)
      return &g_array_index (list, ChcTargetSpec, i);
  return NULL;
}

static gboolean
prepare_evaluation (ChcDatabase  *self,
                    gint64        district_id,
                    int           year,
                    Evaluation   *ev,
                    GError      **error)
{
  ev->indicators = chc_database_list_district_indicators (self, district_id, year, error);
  if (ev->indicators == NULL)
    return FALSE;

  ev->targets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) g_array_unref);
  if (!load_targets (self, district_id, ev->targets, error))
    return FALSE;

  ev->conditions = g_ptr_array_new_with_free_func (g_free);
  ev->figures = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < ev->indicators->len; i++)
    {
      ChcIndicator *indicator = g_ptr_array_index (ev->indicators, i);
      const char *condition = chc_indicator_get_condition (indicator);

      switch (chc_indicator_get_method (indicator))
        {
        case CHC_METHOD_SHARE:
        case CHC_METHOD_COUNT:
        case CHC_METHOD_TOWN_SHARE:
          if (condition != NULL && *condition != '\0')
            add_name (ev->conditions, condition);
          break;
        case CHC_METHOD_RATIO:
          {
            g_autofree char *num = NULL;
            g_autofree char *den = NULL;

            if (chc_ratio_split (condition, &num, &den))
              {
                add_name (ev->figures, num);
                if (den != NULL)
                  add_name (ev->figures, den);
              }
          }
          break;
        case CHC_METHOD_NONE:
        default:
          break;
        }
    }
  g_ptr_array_add (ev->conditions, NULL);
  g_ptr_array_add (ev->figures, NULL);
  return TRUE;
}

/* Computes every indicator of @ev for @year: fills @values and @has_value
 * (one slot per indicator) and @reasons. */
static gboolean
compute_year (ChcDatabase      *self,
              gint64            district_id,
              int               year,
              Evaluation       *ev,
              double           *values,
              gboolean         *has_value,
              ChcNoDataReason  *reasons,
              GPtrArray        *by_facility,
              GError          **error)
{
  g_autoptr(ChcSnapshot) snapshot = NULL;

  snapshot = chc_database_load_snapshot (self, district_id, year,
                                         (const char * const *) ev->conditions->pdata,
                                         (const char * const *) ev->figures->pdata,
                                         error);
  if (snapshot == NULL)
    return FALSE;

  for (guint i = 0; i < ev->indicators->len; i++)
    {
      values[i] = 0;
      has_value[i] = chc_indicator_compute (g_ptr_array_index (ev->indicators, i), snapshot,
                                            &values[i], &reasons[i]);
      /* each facility's own value, for a target of each facility */
      if (by_facility != NULL)
        g_ptr_array_add (by_facility,
                         chc_indicator_get_per_facility (g_ptr_array_index (ev->indicators, i))
                         ? chc_indicator_compute_by_facility (g_ptr_array_index (ev->indicators, i), snapshot)
                         : NULL);
    }
  return TRUE;
}

static void
chc_array_unref0 (GArray *array)
{
  if (array != NULL)
    g_array_unref (array);
}

/* A target of each facility: each one's value and status, and a note
 * saying how many are behind, and which (the first five). */
static void
set_facility_values (ChcDatabase         *self,
                     ChcIndicatorResult  *result,
                     GArray              *each,
                     const ChcTargetSpec *spec,
                     ChcIndicatorUnit     unit)
{
  g_autoptr(GArray) values = g_array_sized_new (FALSE, FALSE, sizeof (ChcFacilityResult), each->len);
  g_autoptr(GString) behind = g_string_new (NULL);
  guint n_behind = 0;

  for (guint f = 0; f < each->len; f++)
    {
      const ChcFacilityValue *v = &g_array_index (each, ChcFacilityValue, f);
      ChcFacilityResult r = { v->facility_id, v->value, chc_target_spec_status (spec, unit, TRUE, v->value) };

      if (r.status == CHC_STATUS_BEHIND && ++n_behind <= 5)
        {
          g_autoptr(ChcFacility) facility = chc_database_get_facility (self, v->facility_id, NULL);
          g_autofree char *shown = chc_format_value (unit, v->value);

          if (behind->len > 0)
            g_string_append (behind, _(", "));
          /* TRANSLATORS: a facility behind its own target and its value, e.g. "白鹤 8.0%" */
          g_string_append_printf (behind, _("%s %s%s"), facility != NULL ? chc_facility_get_name (facility) : "?",
                                  shown, unit == CHC_UNIT_PERCENT ? "%" : "");
        }
      g_array_append_val (values, r);
    }
  chc_indicator_result_set_facility_values (result, values);
  if (spec != NULL && each->len > 0)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "A target for each facility: %u of %u is behind.",
                                                            "A target for each facility: %u of %u are behind.",
                                                            each->len),
                                               n_behind, each->len);

      if (n_behind > 0)
        {
          g_autofree char *with_names = g_strdup_printf (n_behind > 5 ? _("%s (%s …)") : _("%s (%s)"),
                                                         note, behind->str);
          chc_indicator_result_set_note (result, with_names);
        }
      else
        chc_indicator_result_set_note (result, note);
    }
}

static GPtrArray *
evaluate (ChcDatabase  *self,
          gint64        district_id,
          int           year,
          gboolean      with_trend,
          GError      **error)
{
  g_auto(Evaluation) ev = { NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autofree double *values = NULL;
  g_autofree gboolean *has_value = NULL;
  g_autofree ChcNoDataReason *reasons = NULL;
  g_autoptr(GPtrArray) trends = NULL;
  g_autoptr(GPtrArray) by_facility = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_array_unref0);
  int first = year, last = year;
  guint n;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  if (!prepare_evaluation (self, district_id, year, &ev, error))
    return NULL;
  n = ev.indicators->len;
  results = g_ptr_array_new_full (n, g_object_unref);
  if (n == 0)
    return g_steal_pointer (&results);

  if (with_trend)
    {
      g_autoptr(GPtrArray) plans = chc_database_list_plans (self, district_id, error);

      if (plans == NULL)
        return NULL;
      for (guint i = 0; i < n; i++)
        {
          ChcIndicator *indicator = g_ptr_array_index (ev.indicators, i);
          gint64 id = chc_indicator_get_id (indicator);
          GArray *list = g_hash_table_lookup (ev.targets, &id);

          for (guint t = 0; list != NULL && t < list->len; t++)
            last = MAX (last, g_array_index (list, ChcTargetSpec, t).year);
        }
      for (guint p = 0; p < plans->len; p++)
        {
          ChcPlan *plan = g_ptr_array_index (plans, p);

          for (guint i = 0; i < n; i++)
            if (chc_indicator_get_plan_id (g_ptr_array_index (ev.indicators, i)) == chc_plan_get_id (plan))
              {
                first = MIN (first, chc_plan_get_first_year (plan));
                last = MAX (last, chc_plan_get_last_year (plan));
                break;
              }
        }
    }

  values = g_new0 (double, n * (last - first + 1));
  has_value = g_new0 (gboolean, n * (last - first + 1));
  reasons = g_new0 (ChcNoDataReason, n * (last - first + 1));

  for (int y = first; y <= last; y++)
    {
      gsize offset = (gsize) (y - first) * n;

      if (!compute_year (self, district_id, y, &ev, values + offset,
                         has_value + offset, reasons + offset, y == year ? by_facility : NULL, error))
        return NULL;
    }

  for (guint i = 0; i < n; i++)
    {
      ChcIndicator *indicator = g_ptr_array_index (ev.indicators, i);
      ChcIndicatorUnit unit = chc_indicator_get_unit (indicator);
      gsize slot = (gsize) (year - first) * n + i;
      const ChcTargetSpec *spec = find_target (&ev, indicator, year);
      g_autoptr(ChcTarget) target = spec ? chc_target_new_from_spec (chc_indicator_get_id (indicator), spec) : NULL;
      ChcIndicatorStatus status = chc_target_spec_status (spec, unit, has_value[slot], values[slot]);
      ChcIndicatorResult *result;

      result = chc_indicator_result_new (indicator, year, has_value[slot], values[slot], target, status,
                                         has_value[slot] ? NULL : chc_no_data_reason_to_string (reasons[slot]));
      if (g_ptr_array_index (by_facility, i) != NULL)
        set_facility_values (self, result, g_ptr_array_index (by_facility, i), spec, unit);
      if (with_trend)
        {
          g_autoptr(GArray) trend = g_array_sized_new (FALSE, TRUE, sizeof (ChcTrendPoint),
                                                       last - first + 1);

          for (int y = first; y <= last; y++)
            {
              gsize s = (gsize) (y - first) * n + i;
              const ChcTargetSpec *ts = find_target (&ev, indicator, y);
              ChcTrendPoint point = { 0 };

              point.year = y;
              point.has_value = has_value[s];
              point.value = has_value[s] ? values[s] : 0;
              point.has_target = ts != NULL;
              if (ts != NULL)
                point.target = *ts;
              g_array_append_val (trend, point);
            }
          chc_indicator_result_set_trend (result, trend);
        }
      g_ptr_array_add (results, result);
    }

  return g_steal_pointer (&results);
}

/* Reads every query of one evaluation in one read transaction: a
 * consistent view of the data (a writer on another connection cannot slip
 * in between two queries), and one lock instead of one per statement.  A
 * savepoint, so that it also nests inside a caller's transaction. */
static GPtrArray *
evaluate_in_read_transaction (ChcDatabase  *self,
                              gint64        district_id,
                              int           year,
                              gboolean      with_trend,
                              GError      **error)
{
  GPtrArray *results;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  if (!chc_database_exec (self, "SAVEPOINT chc_evaluate", error))
    return NULL;
  results = evaluate (self, district_id, year, with_trend, error);
  chc_database_exec (self, "RELEASE chc_evaluate", NULL);
  return results;
}

GPtrArray *
chc_database_evaluate_plan (ChcDatabase  *self,
                            gint64        district_id,
                            int           year,
                            GError      **error)
{
  return evaluate_in_read_transaction (self, district_id, year, FALSE, error);
}

GPtrArray *
chc_database_evaluate_plan_with_trend (ChcDatabase  *self,
                                       gint64        district_id,
                                       int           year,
                                       GError      **error)
{
  return evaluate_in_read_transaction (self, district_id, year, TRUE, error);
}

/* ---- names for people ---------------------------------------------------- */

/* What each condition of conditions[] means, for the editors (the
 * capability:KIND conditions take the capability's own label). */
static const struct {
  const char *name;
  const char *label;
} condition_labels[] = {
  { "operating", N_("Operating") },
  { "standardized", N_("Standardized (by the end of the year)") },
  { "standardized_in_year", N_("Standardized during the year") },
  { "capability:rehab", N_("Capability: rehabilitation centre (standard or demonstration)") },
  { "standardization_started", N_("Standardized, or standardization work started") },
  { "floor_area_200", N_("Service floor area of 200 m² or more") },
  { "tcm_specialty", N_("A TCM specialty clinic open") },
  { "tcm_hall", N_("A TCM hall (in service or up to standard)") },
  { "tcm_hall_in_service", N_("TCM hall in service or up to standard") },
  { "tcm_hall_up_to_standard", N_("TCM hall up to standard") },
  { "tcm_corner", N_("TCM corner in service or up to standard") },
  { "tcm_corner_up_to_standard", N_("TCM corner up to standard") },
  { "tcm_demo_awarded", N_("Named a TCM demonstration station") },
  { "tcm_demo_awarded_in_year", N_("Named a TCM demonstration station in the year") },
  { "new_build_opened", N_("A new build or opening project opened") },
  { "relocation_started", N_("A relocation project started") },
  { "upgrade_completed", N_("A renovation or standardization project completed") },
  { "feasibility_study_completed", N_("A feasibility study completed") },
};

char *
chc_database_condition_label (const char *condition)
{
  const char *capability;
  ChcElement *element;

  if (condition == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (condition_labels); i++)
    if (g_str_equal (condition_labels[i].name, condition))
      return g_strdup (_(condition_labels[i].label));
  if (g_str_has_prefix (condition, "capability:") &&
      (capability = chc_capability_code_get_label (condition + strlen ("capability:"))) != NULL)
    /* TRANSLATORS: a condition of an indicator: a capability's label */
    return g_strdup_printf (_("Capability: %s"), capability);
  if (g_str_has_prefix (condition, CAPABILITY_IN_YEAR_PREFIX) &&
      (capability = chc_capability_code_get_label (condition + strlen (CAPABILITY_IN_YEAR_PREFIX))) != NULL)
    /* TRANSLATORS: a condition of an indicator: a capability reached during
     * the year itself (not before), by its label */
    return g_strdup_printf (_("Capability reached during the year: %s"), capability);
  if (g_str_has_prefix (condition, ELEMENT_PREFIX) && chc_database_has_condition (condition) &&
      (element = figure_element (condition)) != NULL)
    return g_strdup (chc_element_get_label (element));
  return NULL;
}
