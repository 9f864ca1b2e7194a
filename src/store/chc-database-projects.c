/* chc-database-projects.c — construction projects and their milestones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-database"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-database-private.h"
#include "chc-database-projects.h"
#include "core/chc-date.h"
#include "core/chc-project.h"
#include "core/chc-validate.h"

#define PROJECT_COLUMNS \
  "p.id, p.facility_id, f.name, f.type, f.status, f.district_id, d.name, f.town_id, t.name, " \
  "p.kind, p.plan_year, p.budget, p.area_before, p.area_after, p.units, p.notes"
#define PROJECT_FROM \
  " FROM project p JOIN facility f ON f.id = p.facility_id" \
  " JOIN district d ON d.id = f.district_id" \
  " LEFT JOIN town t ON t.id = f.town_id"

/* What the project row remembers of its effects on the facility. */
typedef struct
{
  gint64             facility_id;
  ChcProjectKind     kind;
  gboolean           created_facility;
  gboolean           has_standardized;
  gboolean           prev_standardized;
  int                prev_standardized_year;
  gboolean           has_status;
  ChcFacilityStatus  prev_status;
  gboolean           has_floor_area;
  double             prev_floor_area;
} StoredEffects;

static double
column_figure (sqlite3_stmt *stmt,
               int           index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, index);
}

static void
bind_figure (sqlite3_stmt *stmt,
             int           index,
             double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

static ChcProject *
project_from_row (sqlite3_stmt *stmt)
{
  ChcProject *project = chc_project_new ();
  ChcFacilityType type = CHC_FACILITY_CENTRE;
  ChcFacilityStatus status = CHC_FACILITY_OPERATING;
  ChcProjectKind kind = CHC_PROJECT_NEW_BUILD;

  chc_facility_type_from_nick (chc_column_text (stmt, 3), &type);
  chc_facility_status_from_nick (chc_column_text (stmt, 4), &status);
  chc_project_kind_from_nick (chc_column_text (stmt, 9), &kind);

  chc_project_set_id (project, sqlite3_column_int64 (stmt, 0));
  chc_project_set_facility_id (project, sqlite3_column_int64 (stmt, 1));
  chc_project_set_facility_name (project, chc_column_text (stmt, 2));
  chc_project_set_facility_type (project, type);
  chc_project_set_facility_status (project, status);
  chc_project_set_district_id (project, sqlite3_column_int64 (stmt, 5));
  chc_project_set_district_name (project, chc_column_text (stmt, 6));
  chc_project_set_town_id (project, sqlite3_column_int64 (stmt, 7));
  chc_project_set_town_name (project, chc_column_text (stmt, 8));
  chc_project_set_kind (project, kind);
  chc_project_set_plan_year (project, sqlite3_column_int (stmt, 10));
  chc_project_set_budget (project, column_figure (stmt, 11));
  chc_project_set_area_before (project, column_figure (stmt, 12));
  chc_project_set_area_after (project, column_figure (stmt, 13));
  chc_project_set_units (project, chc_column_text (stmt, 14));
  chc_project_set_notes (project, chc_column_text (stmt, 15));
  return project;
}

static void
milestone_from_row (ChcProject   *project,
                    sqlite3_stmt *stmt,
                    int           first_column)
{
  ChcMilestoneKind milestone;

  if (!chc_milestone_kind_from_nick (chc_column_text (stmt, first_column), &milestone))
    return;
  chc_project_set_planned (project, milestone, chc_column_text (stmt, first_column + 1));
  chc_project_set_actual (project, milestone, chc_column_text (stmt, first_column + 2));
}

void
chc_project_filter_init (ChcProjectFilter *filter)
{
  g_return_if_fail (filter != NULL);

  filter->town_id = 0;
  filter->kind = -1;
  filter->stage = -1;
  filter->plan_year = 0;
  filter->late_only = FALSE;
  filter->as_of = 0;
  filter->text = NULL;
}

/**
 * chc_project_filter_matches:
 * @filter: (nullable): a filter; NULL matches every project
 *
 * Whether @project passes @filter (stage and lateness from
 * core/chc-project.c, as of @filter->as_of).
 */
gboolean
chc_project_filter_matches (const ChcProjectFilter *filter,
                            ChcProject             *project)
{
  ChcProjectStatus status;

  if (filter == NULL)
    return TRUE;
  if (filter->town_id > 0 && chc_project_get_town_id (project) != filter->town_id)
    return FALSE;
  if (filter->kind >= 0 && (int) chc_project_get_kind (project) != filter->kind)
    return FALSE;
  if (filter->plan_year > 0 && chc_project_get_plan_year (project) != filter->plan_year)
    return FALSE;
  if (filter->text != NULL && *filter->text != '\0')
    {
      const char *name = chc_project_get_facility_name (project);
      g_autofree char *folded_name = g_utf8_casefold (name != NULL ? name : "", -1);
      g_autofree char *folded_text = g_utf8_casefold (filter->text, -1);

      if (strstr (folded_name, folded_text) == NULL)
        return FALSE;
    }
  if (filter->stage < 0 && !filter->late_only)
    return TRUE;

  chc_project_evaluate (project, filter->as_of, &status);
  if (filter->stage >= 0 && (int) status.stage != filter->stage)
    return FALSE;
  if (filter->late_only && !status.late)
    return FALSE;
  return TRUE;
}

GPtrArray *
chc_database_list_projects (ChcDatabase             *self,
                            gint64                   district_id,
                            const ChcProjectFilter  *filter,
                            GError                 **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *ids = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT " PROJECT_COLUMNS PROJECT_FROM
                               " WHERE ?1 = 0 OR f.district_id = ?1"
                               " ORDER BY f.district_id, p.id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  while (chc_database_step_row (self, stmt, &local_error))
    {
      ChcProject *project = project_from_row (stmt);
      g_ptr_array_add (all, project);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  ids = g_new (gint64, MAX (all->len, 1));
  for (guint i = 0; i < all->len; i++)
    {
      ids[i] = chc_project_get_id (g_ptr_array_index (all, i));
      g_hash_table_insert (by_id, &ids[i], g_ptr_array_index (all, i));
    }

  stmt = chc_database_prepare (self,
                               "SELECT m.project_id, m.milestone, m.planned, m.actual"
                               " FROM milestone m JOIN project p ON p.id = m.project_id"
                               " JOIN facility f ON f.id = p.facility_id"
                               " WHERE ?1 = 0 OR f.district_id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, district_id);
  while (chc_database_step_row (self, stmt, &local_error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      ChcProject *project = g_hash_table_lookup (by_id, &id);

      if (project != NULL)
        milestone_from_row (project, stmt, 1);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  list = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      ChcProject *project = g_ptr_array_index (all, i);

      if (chc_project_filter_matches (filter, project))
        g_ptr_array_add (list, g_object_ref (project));
    }
  return g_steal_pointer (&list);
}

ChcProject *
chc_database_get_project (ChcDatabase  *self,
                          gint64        id,
                          GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ChcProject) project = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  stmt = chc_database_prepare (self,
                               "SELECT " PROJECT_COLUMNS PROJECT_FROM " WHERE p.id = ?1",
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
                     _("No construction project with id %lld."), (long long) id);
      return NULL;
    }
  project = project_from_row (stmt);
  sqlite3_reset (stmt);

  stmt = chc_database_prepare (self,
                               "SELECT milestone, planned, actual FROM milestone WHERE project_id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while (chc_database_step_row (self, stmt, &local_error))
    milestone_from_row (project, stmt, 0);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&project);
}

/* Reads what the stored row of @id remembers; FALSE with NOT_FOUND when
 * there is no such project. */
static gboolean
load_effects (ChcDatabase    *self,
              gint64          id,
              StoredEffects  *effects,
              GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  memset (effects, 0, sizeof *effects);
  stmt = chc_database_prepare (self,
                               "SELECT facility_id, kind, created_facility, prev_standardized,"
                               " prev_standardized_year, prev_status, prev_floor_area"
                               " FROM project WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!chc_database_step_row (self, stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                     _("No construction project with id %lld."), (long long) id);
      return FALSE;
    }

  effects->facility_id = sqlite3_column_int64 (stmt, 0);
  chc_project_kind_from_nick (chc_column_text (stmt, 1), &effects->kind);
  effects->created_facility = sqlite3_column_int (stmt, 2) != 0;
  effects->has_standardized = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
  effects->prev_standardized = sqlite3_column_int (stmt, 3) != 0;
  effects->prev_standardized_year = sqlite3_column_int (stmt, 4);
  effects->has_status = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
  if (effects->has_status)
    chc_facility_status_from_nick (chc_column_text (stmt, 5), &effects->prev_status);
  effects->has_floor_area = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
  effects->prev_floor_area = sqlite3_column_double (stmt, 6);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
store_effects (ChcDatabase          *self,
               gint64                id,
               const StoredEffects  *effects,
               GError              **error)
{
  sqlite3_stmt *stmt;

  stmt = chc_database_prepare (self,
                               "UPDATE project SET prev_standardized = ?2, prev_standardized_year = ?3,"
                               " prev_status = ?4, prev_floor_area = ?5 WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (effects->has_standardized)
    sqlite3_bind_int (stmt, 2, effects->prev_standardized ? 1 : 0);
  else
    sqlite3_bind_null (stmt, 2);
  if (effects->has_standardized && effects->prev_standardized_year > 0)
    sqlite3_bind_int (stmt, 3, effects->prev_standardized_year);
  else
    sqlite3_bind_null (stmt, 3);
  if (effects->has_status)
    sqlite3_bind_text (stmt, 4, chc_facility_status_to_nick (effects->prev_status), -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  if (effects->has_floor_area)
    sqlite3_bind_double (stmt, 5, effects->prev_floor_area);
  else
    sqlite3_bind_null (stmt, 5);
  return chc_database_step_done (self, stmt, error);
}

/* Brings the facility in line with the effects due of @project (NULL: none
 * due, i.e. undo all), remembering or restoring its previous values.  Sets
 * *@facility_changed when the facility was written. */
static gboolean
reconcile_effects (ChcDatabase    *self,
                   ChcProject     *project,
                   gint64          facility_id,
                   StoredEffects  *effects,
                   gboolean       *facility_changed,
                   GError        **error)
{
  g_autoptr(ChcFacility) stored = NULL;
  g_autoptr(ChcFacility) facility = NULL;
  ChcProjectEffects due = project != NULL ? chc_project_effects_due (project) : CHC_PROJECT_EFFECT_NONE;

  stored = chc_database_get_facility (self, facility_id, error);
  if (stored == NULL)
    return FALSE;
  facility = chc_facility_copy (stored);

  if (due & CHC_PROJECT_EFFECT_STANDARDIZED)
    {
      if (!effects->has_standardized)
        {
          effects->has_standardized = TRUE;
          effects->prev_standardized = chc_facility_get_standardized (facility);
          effects->prev_standardized_year = chc_facility_get_standardized_year (facility);
        }
      chc_facility_set_standardized (facility, TRUE);
      chc_facility_set_standardized_year (facility, chc_project_finished_year (project));
    }
  else if (effects->has_standardized)
    {
      chc_facility_set_standardized_year (facility, 0);
      chc_facility_set_standardized (facility, effects->prev_standardized);
      chc_facility_set_standardized_year (facility, effects->prev_standardized
                                                    ? effects->prev_standardized_year : 0);
      effects->has_standardized = FALSE;
    }

  if (due & CHC_PROJECT_EFFECT_OPERATING)
    {
      if (!effects->has_status)
        {
          effects->has_status = TRUE;
          effects->prev_status = chc_facility_get_status (facility);
        }
      chc_facility_set_status (facility, CHC_FACILITY_OPERATING);
      /* the registry's history: in service from the day it opened */
      if (effects->prev_status == CHC_FACILITY_PLANNED)
        chc_facility_set_opened_on (facility, chc_project_get_actual (project, CHC_MILESTONE_OPENED));
    }
  else if (effects->has_status)
    {
      chc_facility_set_status (facility, effects->prev_status);
      if (effects->prev_status == CHC_FACILITY_PLANNED)
        chc_facility_set_opened_on (facility, NULL);
      effects->has_status = FALSE;
    }

  if (due & CHC_PROJECT_EFFECT_FLOOR_AREA)
    {
      if (!effects->has_floor_area)
        {
          effects->has_floor_area = TRUE;
          effects->prev_floor_area = chc_facility_get_floor_area (facility);
        }
      chc_facility_set_floor_area (facility, chc_project_get_area_after (project));
    }
  else if (effects->has_floor_area)
    {
      chc_facility_set_floor_area (facility, effects->prev_floor_area);
      effects->has_floor_area = FALSE;
    }

  if (chc_facility_equal (stored, facility))
    return TRUE;
  if (!chc_database_update_facility (self, facility, error))
    return FALSE;
  *facility_changed = TRUE;
  return TRUE;
}

/* Fills in what the project reads from its facility and what its rules
 * need to know; @stored is NULL for a new project. */
static GPtrArray *
check_project (ChcDatabase          *self,
               ChcProject           *project,
               const StoredEffects  *stored,
               GError              **error)
{
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  g_autoptr(ChcFacility) facility = NULL;
  g_autoptr(GError) local_error = NULL;
  ChcProjectContext context = { 0 };

  if (chc_project_get_facility_id (project) > 0)
    {
      facility = chc_database_get_facility (self, chc_project_get_facility_id (project), &local_error);
      if (facility == NULL)
        {
          if (!g_error_matches (local_error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          context.facility_missing = TRUE;
        }
    }

  if (facility != NULL)
    {
      chc_project_set_facility_name (project, chc_facility_get_name (facility));
      chc_project_set_facility_type (project, chc_facility_get_facility_type (facility));
      chc_project_set_facility_status (project, chc_facility_get_status (facility));
      chc_project_set_district_id (project, chc_facility_get_district_id (facility));
      chc_project_set_district_name (project, chc_facility_get_district_name (facility));
      chc_project_set_town_id (project, chc_facility_get_town_id (facility));
      chc_project_set_town_name (project, chc_facility_get_town_name (facility));
      context.facility_status = chc_facility_get_status (facility);
    }

  if (stored == NULL)
    context.check_opening = TRUE;
  else
    {
      gboolean same_facility = stored->facility_id == chc_project_get_facility_id (project);

      context.check_opening = !same_facility || stored->kind != chc_project_get_kind (project);
      /* The status the facility would have without this project. */
      if (same_facility && stored->has_status)
        context.facility_status = stored->prev_status;
    }

  chc_validate_project (project, &context, violations);
  return g_steal_pointer (&violations);
}

GPtrArray *
chc_database_check_project (ChcDatabase  *self,
                            ChcProject   *project,
                            GError      **error)
{
  StoredEffects stored;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);
  g_return_val_if_fail (CHC_IS_PROJECT (project), NULL);

  if (chc_project_get_id (project) > 0 &&
      load_effects (self, chc_project_get_id (project), &stored, &local_error))
    return check_project (self, project, &stored, error);
  if (local_error != NULL &&
      !g_error_matches (local_error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return check_project (self, project, NULL, error);
}

/**
 * chc_database_check_projects:
 * @problems: (element-type utf8): where one line per broken rule is added
 *
 * Checks every stored project against the rules (for `chc-cli check`).
 */
gboolean
chc_database_check_projects (ChcDatabase  *self,
                             GPtrArray    *problems,
                             GError      **error)
{
  g_autoptr(GPtrArray) projects = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  projects = chc_database_list_projects (self, 0, NULL, error);
  if (projects == NULL)
    return FALSE;

  for (guint i = 0; i < projects->len; i++)
    {
      ChcProject *project = g_ptr_array_index (projects, i);
      g_autoptr(GPtrArray) violations = NULL;
      StoredEffects stored;

      if (!load_effects (self, chc_project_get_id (project), &stored, error))
        return FALSE;
      violations = check_project (self, project, &stored, error);
      if (violations == NULL)
        return FALSE;
      for (guint j = 0; j < violations->len; j++)
        {
          ChcViolation *v = g_ptr_array_index (violations, j);

          g_ptr_array_add (problems,
                           g_strdup_printf (_("Construction project %lld (%s, %s): %s"),
                                            (long long) chc_project_get_id (project),
                                            chc_project_get_facility_name (project),
                                            chc_project_kind_to_label (chc_project_get_kind (project)),
                                            v->message));
        }
    }
  return TRUE;
}

static gboolean
write_milestones (ChcDatabase  *self,
                  ChcProject   *project,
                  GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id = chc_project_get_id (project);

  /* Each milestone is written in place (upsert) and only the ones no
   * longer kept are deleted, so that the audit log and the row versions
   * see real changes only. */
  for (guint m = 0; m < CHC_N_MILESTONES; m++)
    {
      g_autofree char *planned = NULL;
      g_autofree char *actual = NULL;
      gboolean keep = FALSE;

      if (chc_project_milestone_applies (chc_project_get_kind (project),
                                         chc_project_get_facility_type (project), m))
        {
          if (chc_project_get_planned (project, m) != NULL)
            planned = chc_date_normalize (chc_project_get_planned (project, m), NULL);
          if (chc_project_get_actual (project, m) != NULL)
            actual = chc_date_normalize (chc_project_get_actual (project, m), NULL);
          keep = planned != NULL || actual != NULL;
        }
      if (!keep)
        {
          stmt = chc_database_prepare (self,
                                       "DELETE FROM milestone WHERE project_id = ?1 AND milestone = ?2",
                                       error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_text (stmt, 2, chc_milestone_kind_to_nick (m), -1, SQLITE_STATIC);
          if (!chc_database_step_done (self, stmt, error))
            return FALSE;
          continue;
        }

      stmt = chc_database_prepare (self,
                                   "INSERT INTO milestone (project_id, milestone, planned, actual)"
                                   " VALUES (?1, ?2, ?3, ?4)"
                                   " ON CONFLICT (project_id, milestone) DO UPDATE SET"
                                   " planned = excluded.planned, actual = excluded.actual",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, chc_milestone_kind_to_nick (m), -1, SQLITE_STATIC);
      chc_bind_text_or_null (stmt, 3, planned);
      chc_bind_text_or_null (stmt, 4, actual);
      if (!chc_database_step_done (self, stmt, error))
        return FALSE;

      /* The model holds the stored form from now on. */
      chc_project_set_planned (project, m, planned);
      chc_project_set_actual (project, m, actual);
    }

  /* Dates of milestones that do not apply are not kept. */
  for (guint m = 0; m < CHC_N_MILESTONES; m++)
    if (!chc_project_milestone_applies (chc_project_get_kind (project),
                                        chc_project_get_facility_type (project), m))
      {
        chc_project_set_planned (project, m, NULL);
        chc_project_set_actual (project, m, NULL);
      }
  return TRUE;
}

static void
bind_project (sqlite3_stmt *stmt,
              ChcProject   *project)
{
  g_autofree char *units = g_strstrip (g_strdup (chc_project_get_units (project)));
  g_autofree char *notes = g_strstrip (g_strdup (chc_project_get_notes (project)));

  sqlite3_bind_int64 (stmt, 1, chc_project_get_facility_id (project));
  sqlite3_bind_text (stmt, 2, chc_project_kind_to_nick (chc_project_get_kind (project)), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, chc_project_get_plan_year (project));
  bind_figure (stmt, 4, chc_project_get_budget (project));
  bind_figure (stmt, 5, chc_project_get_area_before (project));
  bind_figure (stmt, 6, chc_project_get_area_after (project));
  sqlite3_bind_text (stmt, 7, units, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, notes, -1, SQLITE_TRANSIENT);
}

/* The body of add and update, inside the caller's transaction. */
static gboolean
write_project (ChcDatabase  *self,
               ChcProject   *project,
               gboolean      insert,
               gboolean      created_facility,
               GError      **error)
{
  g_autoptr(GPtrArray) violations = NULL;
  StoredEffects effects = { 0 };
  gboolean facility_changed = FALSE;
  sqlite3_stmt *stmt;

  if (!insert && !load_effects (self, chc_project_get_id (project), &effects, error))
    return FALSE;

  violations = check_project (self, project, insert ? NULL : &effects, error);
  if (violations == NULL || !chc_violations_to_error (violations, error))
    return FALSE;

  /* Moved to another facility: the old one gets its values back first. */
  if (!insert && effects.facility_id != chc_project_get_facility_id (project))
    {
      if (!reconcile_effects (self, NULL, effects.facility_id, &effects, &facility_changed, error))
        return FALSE;
    }

  if (insert)
    stmt = chc_database_prepare (self,
                                 "INSERT INTO project (facility_id, kind, plan_year, budget,"
                                 " area_before, area_after, units, notes, created_facility, uid)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                                 /* The same project entered separately in two
                                  * databases gets the same id, so that their
                                  * exchange packages match it. */
                                 "  (SELECT CASE WHEN EXISTS (SELECT 1 FROM project WHERE uid = k.uid)"
                                 "          THEN lower (hex (randomblob (16))) ELSE k.uid END"
                                 "   FROM (SELECT f.code || ':' || ?2 || ':' || ?3 AS uid"
                                 "         FROM facility f WHERE f.id = ?1) AS k))",
                                 error);
  else
    stmt = chc_database_prepare (self,
                                 "UPDATE project SET facility_id = ?1, kind = ?2, plan_year = ?3,"
                                 " budget = ?4, area_before = ?5, area_after = ?6, units = ?7,"
                                 " notes = ?8 WHERE id = ?9",
                                 error);
  if (stmt == NULL)
    return FALSE;
  bind_project (stmt, project);
  if (insert)
    sqlite3_bind_int (stmt, 9, created_facility ? 1 : 0);
  else
    sqlite3_bind_int64 (stmt, 9, chc_project_get_id (project));
  if (!chc_database_step_done (self, stmt, error))
    return FALSE;
  if (insert)
    chc_project_set_id (project, sqlite3_last_insert_rowid (chc_database_get_handle (self)));

  if (!write_milestones (self, project, error) ||
      !reconcile_effects (self, project, chc_project_get_facility_id (project),
                          &effects, &facility_changed, error) ||
      !store_effects (self, chc_project_get_id (project), &effects, error))
    return FALSE;

  if (facility_changed)
    {
      g_autoptr(ChcFacility) facility = chc_database_get_facility (self, chc_project_get_facility_id (project), error);

      if (facility == NULL)
        return FALSE;
      chc_project_set_facility_status (project, chc_facility_get_status (facility));
      chc_database_notify_changed (self, "facility");
    }
  chc_database_notify_changed (self, "project");
  return TRUE;
}

gboolean
chc_database_add_project (ChcDatabase  *self,
                          ChcProject   *project,
                          ChcFacility  *new_facility,
                          GError      **error)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (CHC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (chc_project_get_id (project) == 0, FALSE);
  g_return_val_if_fail (new_facility == NULL || CHC_IS_FACILITY (new_facility), FALSE);
  g_return_val_if_fail (new_facility == NULL || chc_facility_get_id (new_facility) == 0, FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;

  if (new_facility != NULL)
    {
      if (chc_project_get_kind (project) != CHC_PROJECT_NEW_BUILD)
        {
          g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                       _("Kind: only a new build creates a new facility."));
          goto fail;
        }
      chc_facility_set_status (new_facility, CHC_FACILITY_PLANNED);
      if (!chc_database_add_facility (self, new_facility, error))
        goto fail;
      chc_project_set_facility_id (project, chc_facility_get_id (new_facility));
    }

  if (!write_project (self, project, TRUE, new_facility != NULL, error))
    goto fail;
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  chc_project_set_id (project, 0);
  if (new_facility != NULL)
    {
      chc_facility_set_id (new_facility, 0);
      chc_project_set_facility_id (project, 0);
    }
  return FALSE;
}

gboolean
chc_database_add_projects (ChcDatabase  *self,
                           GPtrArray    *projects,
                           GError      **error)
{
  guint i;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (projects != NULL, FALSE);
  for (i = 0; i < projects->len; i++)
    g_return_val_if_fail (chc_project_get_id (g_ptr_array_index (projects, i)) == 0, FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;

  for (i = 0; i < projects->len; i++)
    {
      ChcProject *project = g_ptr_array_index (projects, i);

      if (!write_project (self, project, TRUE, FALSE, error))
        {
          g_autoptr(ChcFacility) facility = chc_database_get_facility (self, chc_project_get_facility_id (project), NULL);

          if (facility != NULL)
            g_prefix_error (error, "%s: ", chc_facility_get_name (facility));
          goto fail;
        }
    }
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  for (guint j = 0; j <= i && j < projects->len; j++)
    chc_project_set_id (g_ptr_array_index (projects, j), 0);
  return FALSE;
}

gboolean
chc_database_update_project (ChcDatabase  *self,
                             ChcProject   *project,
                             GError      **error)
{
  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (CHC_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (chc_project_get_id (project) > 0, FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;
  if (!write_project (self, project, FALSE, FALSE, error))
    {
      chc_database_rollback (self);
      return FALSE;
    }
  return chc_database_commit (self, error);
}

gboolean
chc_database_set_milestone (ChcDatabase       *self,
                            gint64             project_id,
                            ChcMilestoneKind   milestone,
                            const char        *planned,
                            const char        *actual,
                            GError           **error)
{
  g_autoptr(ChcProject) project = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail ((guint) milestone < CHC_N_MILESTONES, FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;

  project = chc_database_get_project (self, project_id, error);
  if (project == NULL)
    goto fail;

  if (!chc_project_milestone_applies (chc_project_get_kind (project),
                                      chc_project_get_facility_type (project), milestone))
    {
      g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                   _("%s: this milestone does not apply to a %s project of a %s."),
                   chc_milestone_kind_to_label (milestone),
                   chc_project_kind_to_label (chc_project_get_kind (project)),
                   chc_facility_type_to_label (chc_project_get_facility_type (project)));
      goto fail;
    }

  chc_project_set_planned (project, milestone, planned);
  chc_project_set_actual (project, milestone, actual);
  if (!write_project (self, project, FALSE, FALSE, error))
    goto fail;
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

gboolean
chc_database_delete_project (ChcDatabase  *self,
                             gint64        id,
                             GError      **error)
{
  StoredEffects effects;
  gboolean facility_changed = FALSE;
  gboolean was_planned = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;

  if (!load_effects (self, id, &effects, error))
    goto fail;

  if (effects.created_facility)
    {
      g_autoptr(ChcFacility) facility = chc_database_get_facility (self, effects.facility_id, error);

      if (facility == NULL)
        goto fail;
      was_planned = chc_facility_get_status (facility) == CHC_FACILITY_PLANNED;
    }

  if (!reconcile_effects (self, NULL, effects.facility_id, &effects, &facility_changed, error))
    goto fail;

  stmt = chc_database_prepare (self, "DELETE FROM project WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;

  /* Undo the creation of a facility that never opened, unless something
   * else refers to it by now. */
  if (effects.created_facility && was_planned)
    {
      g_autoptr(GError) local_error = NULL;

      if (chc_database_delete_facility (self, effects.facility_id, &local_error))
        facility_changed = TRUE;
      else if (!g_error_matches (local_error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IN_USE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }
    }

  if (facility_changed)
    chc_database_notify_changed (self, "facility");
  chc_database_notify_changed (self, "project");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

/* The indicator conditions of construction projects (standardization_started,
 * floor_area_200) are in chc-database-indicators.c, with the others. */

/**
 * chc_database_count_projects_by_stage:
 * @district_id: a district, or 0 for all
 * @year: the projects' stage at the end of @year (today, if sooner)
 * @counts: (out caller-allocates) (array fixed-size=7): projects per
 *   #ChcProjectStage
 *
 * Counts the projects of the district by stage, computed in core.
 */
gboolean
chc_database_count_projects_by_stage (ChcDatabase  *self,
                                      gint64        district_id,
                                      int           year,
                                      guint         counts[CHC_N_PROJECT_STAGES],
                                      GError      **error)
{
  g_autoptr(GPtrArray) projects = NULL;
  GDate today;
  guint32 as_of;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (year >= 1900 && year <= 2100, FALSE);

  projects = chc_database_list_projects (self, district_id, NULL, error);
  if (projects == NULL)
    return FALSE;

  chc_date_today (&today);
  as_of = MIN (chc_date_year_end (year), g_date_get_julian (&today));
  memset (counts, 0, sizeof (guint) * CHC_N_PROJECT_STAGES);
  for (guint i = 0; i < projects->len; i++)
    counts[chc_project_compute_stage (g_ptr_array_index (projects, i), as_of)]++;
  return TRUE;
}
