/* chc-csv-projects.c — the `projects` kind: construction projects, one row
 * per project with a planned and an actual date per milestone; import and
 * export.
 *
 * A project is identified by its facility, kind and plan year.  The check
 * runs in the import's transaction and writes as it goes through the
 * construction store (chc_database_add_project / _update_project, which
 * also carry a reached milestone over to the facility), each project first
 * checked by chc_database_check_project() — the rules of the project
 * dialog; the driver rolls back when anything was wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-csv"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-csv-export-private.h"
#include "chc-csv-import-private.h"
#include "chc-csv-values.h"
#include "core/chc-validate.h"
#include "store/chc-database-projects.h"

typedef struct
{
  guint           line;
  gboolean        bad;
  gint64          facility_id;
  ChcProjectKind  kind;
  int             plan_year;
  double          budget;
  double          area_before;
  double          area_after;
  char           *units;
  char           *notes;
  char           *planned[CHC_N_MILESTONES];
  char           *actual[CHC_N_MILESTONES];
} ProjectRow;

typedef struct
{
  GPtrArray  *rows;     /* ProjectRow */
  GHashTable *keys;     /* "facility/kind/year" → ProjectRow */
} ProjectsState;

static const char *const tables[] = { "project", "facility", NULL };

static void
project_row_free (gpointer data)
{
  ProjectRow *row = data;

  g_free (row->units);
  g_free (row->notes);
  for (guint m = 0; m < CHC_N_MILESTONES; m++)
    {
      g_free (row->planned[m]);
      g_free (row->actual[m]);
    }
  g_free (row);
}

static gpointer
projects_new_state (ChcCsvImportContext *ctx)
{
  ProjectsState *state = g_new0 (ProjectsState, 1);

  state->rows = g_ptr_array_new_with_free_func (project_row_free);
  state->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return state;
}

static void
projects_free_state (gpointer data)
{
  ProjectsState *state = data;

  g_hash_table_unref (state->keys);
  g_ptr_array_unref (state->rows);
  g_free (state);
}

static char *
project_key (gint64         facility_id,
             ChcProjectKind kind,
             int            plan_year)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%d/%d", facility_id, kind, plan_year);
}

static gboolean
projects_read_row (ChcCsvImportContext  *ctx,
                   gpointer              data,
                   GError              **error)
{
  ProjectsState *state = data;
  ProjectRow *row = g_new0 (ProjectRow, 1);
  const char *cell;

  row->line = chc_csv_import_row_line (ctx);
  row->budget = row->area_before = row->area_after = NAN;
  g_ptr_array_add (state->rows, row);

  if (!chc_csv_import_find_row_facility (ctx, &row->facility_id, error))
    return FALSE;
  row->bad |= row->facility_id == 0;

  cell = chc_csv_import_cell (ctx, CHC_CSV_PROJECT_KIND);
  if (chc_csv_is_blank (cell))
    {
      chc_csv_import_problem (ctx, FALSE, CHC_CSV_PROJECT_KIND, _("the cell is empty; a value is required."));
      row->bad = TRUE;
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      if (!chc_csv_parse_project_kind (cell, &row->kind, &local_error))
        {
          chc_csv_import_problem (ctx, FALSE, CHC_CSV_PROJECT_KIND, "%s", local_error->message);
          row->bad = TRUE;
        }
    }
  row->bad |= chc_csv_import_get_year (ctx, CHC_CSV_PROJECT_PLAN_YEAR, TRUE, &row->plan_year) != CHC_CSV_CELL_OK;
  row->bad |= chc_csv_import_get_number (ctx, CHC_CSV_PROJECT_BUDGET, FALSE, &row->budget) == CHC_CSV_CELL_BAD;
  row->bad |= chc_csv_import_get_number (ctx, CHC_CSV_PROJECT_AREA_BEFORE, FALSE, &row->area_before) == CHC_CSV_CELL_BAD;
  row->bad |= chc_csv_import_get_number (ctx, CHC_CSV_PROJECT_AREA_AFTER, FALSE, &row->area_after) == CHC_CSV_CELL_BAD;
  chc_csv_import_get_text (ctx, CHC_CSV_PROJECT_UNITS, FALSE, &row->units);
  chc_csv_import_get_text (ctx, CHC_CSV_PROJECT_NOTES, FALSE, &row->notes);
  for (guint m = 0; m < CHC_N_MILESTONES; m++)
    {
      row->bad |= chc_csv_import_get_date (ctx, CHC_CSV_PROJECT_PLANNED (m), FALSE, &row->planned[m]) == CHC_CSV_CELL_BAD;
      row->bad |= chc_csv_import_get_date (ctx, CHC_CSV_PROJECT_ACTUAL (m), FALSE, &row->actual[m]) == CHC_CSV_CELL_BAD;
    }

  if (!row->bad)
    {
      g_autofree char *key = project_key (row->facility_id, row->kind, row->plan_year);
      ProjectRow *other = g_hash_table_lookup (state->keys, key);

      if (other != NULL)
        {
          chc_csv_import_problem (ctx, FALSE, CHC_CSV_PROJECT_PLAN_YEAR,
                                  _("the facility’s %s project of %d is also on line %u; a project is identified by its facility, kind and plan year."),
                                  chc_project_kind_to_label (row->kind), row->plan_year, other->line);
          row->bad = TRUE;
        }
      else
        g_hash_table_insert (state->keys, g_steal_pointer (&key), row);
    }
  return TRUE;
}

/* ---- check (writes inside the import's transaction) ---------------------- */

static int
field_column (const char *field)
{
  ChcMilestoneKind milestone;
  const char *dot;

  if (field == NULL)
    return -1;
  if (g_str_equal (field, "facility"))
    return CHC_CSV_OF_FACILITY_CODE;
  if (g_str_equal (field, "kind"))
    return CHC_CSV_PROJECT_KIND;
  if (g_str_equal (field, "plan_year"))
    return CHC_CSV_PROJECT_PLAN_YEAR;
  if (g_str_equal (field, "budget"))
    return CHC_CSV_PROJECT_BUDGET;
  if (g_str_equal (field, "area_before"))
    return CHC_CSV_PROJECT_AREA_BEFORE;
  if (g_str_equal (field, "area_after"))
    return CHC_CSV_PROJECT_AREA_AFTER;
  dot = strchr (field, '.');
  if (dot != NULL)
    {
      g_autofree char *nick = g_strndup (field, dot - field);

      if (chc_milestone_kind_from_nick (nick, &milestone))
        return g_str_equal (dot + 1, "planned") ? CHC_CSV_PROJECT_PLANNED (milestone)
                                                : CHC_CSV_PROJECT_ACTUAL (milestone);
    }
  return -1;
}

static gboolean
process_row (ChcCsvImportContext  *ctx,
             ProjectRow           *row,
             GHashTable           *stored,
             GError              **error)
{
  g_autofree char *key = project_key (row->facility_id, row->kind, row->plan_year);
  GPtrArray *matches = g_hash_table_lookup (stored, key);
  g_autoptr(ChcProject) project = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(GError) local_error = NULL;
  ChcProject *existing = NULL;

  if (matches != NULL && matches->len > 1)
    {
      chc_csv_import_problem_at (ctx, FALSE, row->line, CHC_CSV_PROJECT_PLAN_YEAR,
                                 _("The facility has %u %s projects of %d; edit them in the application."),
                                 matches->len, chc_project_kind_to_label (row->kind), row->plan_year);
      return TRUE;
    }
  if (matches != NULL)
    existing = g_ptr_array_index (matches, 0);

  project = existing != NULL ? chc_project_copy (existing) : chc_project_new ();
  chc_project_set_facility_id (project, row->facility_id);
  chc_project_set_kind (project, row->kind);
  chc_project_set_plan_year (project, row->plan_year);

#define SET_IF(column, setter, value) \
  if (chc_csv_import_has_column (ctx, column) || existing == NULL) \
    setter (project, value)
  SET_IF (CHC_CSV_PROJECT_BUDGET, chc_project_set_budget, row->budget);
  SET_IF (CHC_CSV_PROJECT_AREA_BEFORE, chc_project_set_area_before, row->area_before);
  SET_IF (CHC_CSV_PROJECT_AREA_AFTER, chc_project_set_area_after, row->area_after);
  SET_IF (CHC_CSV_PROJECT_UNITS, chc_project_set_units, row->units != NULL ? row->units : "");
  SET_IF (CHC_CSV_PROJECT_NOTES, chc_project_set_notes, row->notes != NULL ? row->notes : "");
#undef SET_IF
  for (guint m = 0; m < CHC_N_MILESTONES; m++)
    {
      if (chc_csv_import_has_column (ctx, CHC_CSV_PROJECT_PLANNED (m)) || existing == NULL)
        chc_project_set_planned (project, m, row->planned[m]);
      if (chc_csv_import_has_column (ctx, CHC_CSV_PROJECT_ACTUAL (m)) || existing == NULL)
        chc_project_set_actual (project, m, row->actual[m]);
    }

  /* The rules of the project dialog. */
  violations = chc_database_check_project (ctx->database, project, error);
  if (violations == NULL)
    return FALSE;
  for (guint i = 0; i < violations->len; i++)
    {
      const ChcViolation *v = g_ptr_array_index (violations, i);
      chc_csv_import_problem_at (ctx, FALSE, row->line, field_column (v->field), "%s", v->message);
    }
  if (violations->len > 0)
    return TRUE;

  if (existing != NULL && chc_project_equal (existing, project))
    {
      ctx->report->unchanged++;
      return TRUE;
    }

  if (existing != NULL ? !chc_database_update_project (ctx->database, project, &local_error)
                       : !chc_database_add_project (ctx->database, project, NULL, &local_error))
    {
      if (local_error->domain == CHC_VALIDATE_ERROR ||
          g_error_matches (local_error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT))
        {
          chc_csv_import_problem_at (ctx, FALSE, row->line, -1, "%s", local_error->message);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing != NULL)
    ctx->report->updated++;
  else
    ctx->report->inserted++;
  return TRUE;
}

static gboolean
projects_check (ChcCsvImportContext  *ctx,
                gpointer              data,
                GError              **error)
{
  ProjectsState *state = data;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);

  projects = chc_database_list_projects (ctx->database, 0, NULL, error);
  if (projects == NULL)
    return FALSE;
  for (guint i = 0; i < projects->len; i++)
    {
      ChcProject *project = g_ptr_array_index (projects, i);
      g_autofree char *key = project_key (chc_project_get_facility_id (project),
                                          chc_project_get_kind (project),
                                          chc_project_get_plan_year (project));
      GPtrArray *matches = g_hash_table_lookup (stored, key);

      if (matches == NULL)
        {
          matches = g_ptr_array_new ();
          g_hash_table_insert (stored, g_steal_pointer (&key), matches);
        }
      g_ptr_array_add (matches, project);
    }

  for (guint i = 0; i < state->rows->len; i++)
    {
      ProjectRow *row = g_ptr_array_index (state->rows, i);

      if (row->bad)
        continue;
      if (!process_row (ctx, row, stored, error) ||
          !chc_csv_import_tick (ctx, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
projects_apply (ChcCsvImportContext  *ctx,
                gpointer              data,
                GError              **error)
{
  /* Written by the check, in the same transaction. */
  return TRUE;
}

const ChcCsvImporter chc_csv_projects_importer = {
  projects_new_state,
  projects_free_state,
  projects_read_row,
  projects_check,
  projects_apply,
  tables,
};

/* ---- export ------------------------------------------------------------------ */

static int
compare_projects (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GHashTable *codes = user_data;
  ChcProject *pa = *(ChcProject **) a;
  ChcProject *pb = *(ChcProject **) b;
  gint64 fa = chc_project_get_facility_id (pa);
  gint64 fb = chc_project_get_facility_id (pb);
  int order = g_strcmp0 (g_hash_table_lookup (codes, &fa), g_hash_table_lookup (codes, &fb));

  if (order != 0)
    return order;
  if (chc_project_get_plan_year (pa) != chc_project_get_plan_year (pb))
    return chc_project_get_plan_year (pa) < chc_project_get_plan_year (pb) ? -1 : 1;
  if (chc_project_get_kind (pa) != chc_project_get_kind (pb))
    return chc_project_get_kind (pa) < chc_project_get_kind (pb) ? -1 : 1;
  return chc_project_get_id (pa) < chc_project_get_id (pb) ? -1 : 1;
}

gboolean
chc_csv_export_projects (ChcCsvExportContext  *ctx,
                         GError              **error)
{
  ChcDatabase *database = chc_csv_export_database (ctx);
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gboolean english = chc_csv_export_english (ctx);

  facilities = chc_database_list_facilities (database, 0, error);
  if (facilities == NULL)
    return FALSE;
  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *facility = g_ptr_array_index (facilities, i);
      gint64 id = chc_facility_get_id (facility);

      g_hash_table_insert (codes, g_memdup2 (&id, sizeof id), (gpointer) chc_facility_get_code (facility));
    }

  projects = chc_database_list_projects (database, chc_csv_export_district_id (ctx), NULL, error);
  if (projects == NULL)
    return FALSE;
  g_ptr_array_sort_with_data (projects, compare_projects, codes);

  for (guint i = 0; i < projects->len; i++)
    {
      ChcProject *project = g_ptr_array_index (projects, i);
      gint64 facility_id = chc_project_get_facility_id (project);
      ChcProjectKind kind = chc_project_get_kind (project);

      if (!chc_csv_export_wants (ctx, facility_id, chc_project_get_id (project), NULL))
        continue;
      chc_csv_export_cell (ctx, g_hash_table_lookup (codes, &facility_id));
      chc_csv_export_cell (ctx, chc_project_get_facility_name (project));
      chc_csv_export_cell (ctx, chc_project_get_district_name (project));
      chc_csv_export_cell (ctx, english ? chc_project_kind_to_nick (kind) : chc_csv_project_kind_to_chinese (kind));
      chc_csv_export_count (ctx, chc_project_get_plan_year (project));
      chc_csv_export_number (ctx, chc_project_get_budget (project));
      chc_csv_export_number (ctx, chc_project_get_area_before (project));
      chc_csv_export_number (ctx, chc_project_get_area_after (project));
      chc_csv_export_cell (ctx, chc_project_get_units (project));
      chc_csv_export_cell (ctx, chc_project_get_notes (project));
      for (guint m = 0; m < CHC_N_MILESTONES; m++)
        {
          chc_csv_export_cell (ctx, chc_project_get_planned (project, m));
          chc_csv_export_cell (ctx, chc_project_get_actual (project, m));
        }
      if (!chc_csv_export_end_row (ctx, error))
        return FALSE;
    }
  return TRUE;
}
