/* chc-csv-facilities.c — the `facilities` kind (the registry): import
 * and export.
 *
 * A row is identified by its code: an existing code updates that
 * facility, a new one adds a facility.  The check runs inside the
 * import's transaction and writes as it goes (centres first, so that a
 * station can name a centre of the same file as its parent), each row
 * checked by chc_database_check_facility() — the rules of the facility
 * form — against the registry as the file has changed it so far; the
 * driver rolls everything back when any problem was found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-csv"

#include <glib/gi18n-lib.h>

#include "chc-csv-export-private.h"
#include "chc-csv-import-private.h"
#include "chc-csv-values.h"
#include "core/chc-codes.h"
#include "core/chc-validate.h"

typedef struct
{
  guint              line;
  char              *code;
  char              *name;
  char              *district;
  char              *town;      /* NULL: none */
  char              *parent;    /* NULL: none */
  ChcFacilityType    type;
  double             floor_area;
  gboolean           standardized;
  int                standardized_year;
  ChcFacilityStatus  status;
  char              *credit_code;   /* NULL: none */
  char              *license_no;    /* NULL: none */
  char              *opened_on;     /* YYYY-MM-DD, NULL: none */
  char              *closed_on;
  gboolean           bad;       /* a cell could not be read */
  gboolean           done;      /* processed by check */
  gboolean           failed;    /* processed, with problems */
  gint64             id;        /* stored (or found unchanged) */
  gint64             district_id;
} FacilityRow;

typedef struct
{
  GPtrArray  *rows;        /* FacilityRow */
  GHashTable *by_code;     /* code → FacilityRow */
  GHashTable *by_name;     /* name → GPtrArray of FacilityRow */
  GHashTable *towns;       /* district id → GPtrArray of ChcTown */
  GPtrArray  *stored;      /* the registry as the check began (ChcFacility) */
  GHashTable *stored_by_code;  /* code → ChcFacility of stored */
  GHashTable *stored_by_name;  /* name → GPtrArray of ChcFacility of stored */
} FacilitiesState;

static const char *const tables[] = { "facility", NULL };

static void
facility_row_free (gpointer data)
{
  FacilityRow *row = data;

  g_free (row->code);
  g_free (row->name);
  g_free (row->district);
  g_free (row->town);
  g_free (row->parent);
  g_free (row->credit_code);
  g_free (row->license_no);
  g_free (row->opened_on);
  g_free (row->closed_on);
  g_free (row);
}

static gpointer
facilities_new_state (ChcCsvImportContext *ctx)
{
  FacilitiesState *state = g_new0 (FacilitiesState, 1);

  state->rows = g_ptr_array_new_with_free_func (facility_row_free);
  state->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  state->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) g_ptr_array_unref);
  state->towns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  return state;
}

static void
facilities_free_state (gpointer data)
{
  FacilitiesState *state = data;

  g_clear_pointer (&state->stored_by_name, g_hash_table_unref);
  g_clear_pointer (&state->stored_by_code, g_hash_table_unref);
  g_clear_pointer (&state->stored, g_ptr_array_unref);
  g_hash_table_unref (state->towns);
  g_hash_table_unref (state->by_name);
  g_hash_table_unref (state->by_code);
  g_ptr_array_unref (state->rows);
  g_free (state);
}

static gboolean
facilities_read_row (ChcCsvImportContext  *ctx,
                     gpointer              data,
                     GError              **error)
{
  FacilitiesState *state = data;
  FacilityRow *row = g_new0 (FacilityRow, 1);
  const char *cell;
  FacilityRow *other;
  GPtrArray *same_name;

  row->line = chc_csv_import_row_line (ctx);
  row->status = CHC_FACILITY_OPERATING;
  g_ptr_array_add (state->rows, row);

  row->bad |= chc_csv_import_get_text (ctx, CHC_CSV_FACILITY_CODE, TRUE, &row->code) != CHC_CSV_CELL_OK;
  row->bad |= chc_csv_import_get_text (ctx, CHC_CSV_FACILITY_NAME, TRUE, &row->name) != CHC_CSV_CELL_OK;
  row->bad |= chc_csv_import_get_text (ctx, CHC_CSV_FACILITY_DISTRICT, TRUE, &row->district) != CHC_CSV_CELL_OK;

  cell = chc_csv_import_cell (ctx, CHC_CSV_FACILITY_TYPE);
  if (chc_csv_is_blank (cell))
    {
      chc_csv_import_problem (ctx, FALSE, CHC_CSV_FACILITY_TYPE, _("the cell is empty; a value is required."));
      row->bad = TRUE;
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      if (!chc_csv_parse_facility_type (cell, &row->type, &local_error))
        {
          chc_csv_import_problem (ctx, FALSE, CHC_CSV_FACILITY_TYPE, "%s", local_error->message);
          row->bad = TRUE;
        }
    }

  if (chc_csv_import_get_text (ctx, CHC_CSV_FACILITY_TOWN, FALSE, &row->town) == CHC_CSV_CELL_BAD)
    row->bad = TRUE;
  if (chc_csv_import_get_text (ctx, CHC_CSV_FACILITY_PARENT, FALSE, &row->parent) == CHC_CSV_CELL_BAD)
    row->bad = TRUE;
  if (chc_csv_import_get_number (ctx, CHC_CSV_FACILITY_FLOOR_AREA, FALSE, &row->floor_area) == CHC_CSV_CELL_BAD)
    row->bad = TRUE;
  if (chc_csv_import_get_boolean (ctx, CHC_CSV_FACILITY_STANDARDIZED, FALSE, &row->standardized) == CHC_CSV_CELL_BAD)
    row->bad = TRUE;
  if (chc_csv_import_get_year (ctx, CHC_CSV_FACILITY_STANDARDIZED_YEAR, FALSE, &row->standardized_year) == CHC_CSV_CELL_BAD)
    row->bad = TRUE;

  /* The national codes as written, spaces around dropped and letters in
   * capitals (how they are stored); their form is checked with the
   * facility's other rules. */
  if (chc_csv_import_get_text (ctx, CHC_CSV_FACILITY_CREDIT_CODE, FALSE, &row->credit_code) == CHC_CSV_CELL_BAD)
    row->bad = TRUE;
  if (chc_csv_import_get_text (ctx, CHC_CSV_FACILITY_LICENSE_NO, FALSE, &row->license_no) == CHC_CSV_CELL_BAD)
    row->bad = TRUE;
  if (chc_csv_import_get_date (ctx, CHC_CSV_FACILITY_OPENED_ON, FALSE, &row->opened_on) == CHC_CSV_CELL_BAD)
    row->bad = TRUE;
  if (chc_csv_import_get_date (ctx, CHC_CSV_FACILITY_CLOSED_ON, FALSE, &row->closed_on) == CHC_CSV_CELL_BAD)
    row->bad = TRUE;
  if (row->credit_code != NULL)
    {
      char *normal = chc_code_normalize (row->credit_code);

      g_free (row->credit_code);
      row->credit_code = normal;
    }

  cell = chc_csv_import_cell (ctx, CHC_CSV_FACILITY_STATUS);
  if (!chc_csv_is_blank (cell))
    {
      g_autoptr(GError) local_error = NULL;

      if (!chc_csv_parse_facility_status (cell, &row->status, &local_error))
        {
          chc_csv_import_problem (ctx, FALSE, CHC_CSV_FACILITY_STATUS, "%s", local_error->message);
          row->bad = TRUE;
        }
    }

  if (row->code != NULL)
    {
      other = g_hash_table_lookup (state->by_code, row->code);
      if (other != NULL)
        {
          g_autofree char *quoted = chc_csv_quote_value (row->code);
          chc_csv_import_problem (ctx, FALSE, CHC_CSV_FACILITY_CODE,
                                  _("the code %s is also on line %u; a code identifies one facility."),
                                  quoted, other->line);
          row->bad = TRUE;
        }
      else
        g_hash_table_insert (state->by_code, row->code, row);
    }

  if (row->name != NULL)
    {
      same_name = g_hash_table_lookup (state->by_name, row->name);
      if (same_name == NULL)
        {
          same_name = g_ptr_array_new ();
          g_hash_table_insert (state->by_name, row->name, same_name);
        }
      g_ptr_array_add (same_name, row);
    }

  return TRUE;
}

/* ---- check (writes inside the import's transaction) ---------------------- */

static int
field_column (const char *field)
{
  static const struct { const char *field; int column; } fields[] = {
    { "code", CHC_CSV_FACILITY_CODE },
    { "name", CHC_CSV_FACILITY_NAME },
    { "type", CHC_CSV_FACILITY_TYPE },
    { "district", CHC_CSV_FACILITY_DISTRICT },
    { "town", CHC_CSV_FACILITY_TOWN },
    { "parent", CHC_CSV_FACILITY_PARENT },
    { "floor_area", CHC_CSV_FACILITY_FLOOR_AREA },
    { "standardized", CHC_CSV_FACILITY_STANDARDIZED },
    { "standardized_year", CHC_CSV_FACILITY_STANDARDIZED_YEAR },
    { "status", CHC_CSV_FACILITY_STATUS },
    { "credit_code", CHC_CSV_FACILITY_CREDIT_CODE },
    { "license_no", CHC_CSV_FACILITY_LICENSE_NO },
    { "opened_on", CHC_CSV_FACILITY_OPENED_ON },
    { "closed_on", CHC_CSV_FACILITY_CLOSED_ON },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].field, field) == 0)
      return fields[i].column;
  return -1;
}

static gboolean
find_town (ChcCsvImportContext  *ctx,
           FacilitiesState      *state,
           FacilityRow          *row,
           gint64               *town_id,
           GError              **error)
{
  GPtrArray *towns = g_hash_table_lookup (state->towns, &row->district_id);
  g_autofree char *folded = NULL;

  if (towns == NULL)
    {
      towns = chc_database_list_towns (ctx->database, row->district_id, error);
      if (towns == NULL)
        return FALSE;
      g_hash_table_insert (state->towns, g_memdup2 (&row->district_id, sizeof (gint64)), towns);
    }

  for (guint i = 0; i < towns->len; i++)
    if (g_strcmp0 (chc_town_get_name (g_ptr_array_index (towns, i)), row->town) == 0)
      {
        *town_id = chc_town_get_id (g_ptr_array_index (towns, i));
        return TRUE;
      }

  /* full-width / half-width and case differences */
  folded = chc_csv_fold (row->town);
  for (guint i = 0; i < towns->len; i++)
    {
      g_autofree char *name = chc_csv_fold (chc_town_get_name (g_ptr_array_index (towns, i)));
      if (g_str_equal (name, folded))
        {
          *town_id = chc_town_get_id (g_ptr_array_index (towns, i));
          return TRUE;
        }
    }

  {
    g_autofree char *quoted = chc_csv_quote_value (row->town);
    chc_csv_import_problem_at (ctx, FALSE, row->line, CHC_CSV_FACILITY_TOWN,
                               _("Town: there is no town %s in %s."), quoted, row->district);
  }
  *town_id = 0;
  return TRUE;
}

/* The parent named by row->parent: a facility of the file (by code, then
 * by name in the same district), else of the registry. */
static gboolean
find_parent (ChcCsvImportContext  *ctx,
             FacilitiesState      *state,
             FacilityRow          *row,
             gint64               *parent_id,
             GError              **error)
{
  g_autofree char *quoted = chc_csv_quote_value (row->parent);
  FacilityRow *parent_row = g_hash_table_lookup (state->by_code, row->parent);
  ChcFacility *parent;

  *parent_id = 0;

  if (parent_row == NULL)
    {
      GPtrArray *same_name = g_hash_table_lookup (state->by_name, row->parent);
      guint n_found = 0;

      for (guint i = 0; same_name != NULL && i < same_name->len; i++)
        {
          FacilityRow *candidate = g_ptr_array_index (same_name, i);
          if (g_strcmp0 (candidate->district, row->district) == 0 ||
              candidate->district_id == row->district_id)
            {
              parent_row = candidate;
              n_found++;
            }
        }
      if (n_found > 1)
        {
          chc_csv_import_problem_at (ctx, FALSE, row->line, CHC_CSV_FACILITY_PARENT,
                                     _("Parent centre: several facilities of the file are named %s; give the parent’s code."),
                                     quoted);
          return TRUE;
        }
    }

  if (parent_row != NULL)
    {
      if (parent_row == row)
        chc_csv_import_problem_at (ctx, FALSE, row->line, CHC_CSV_FACILITY_PARENT,
                                   _("Parent centre: a facility cannot be its own parent."));
      else if (parent_row->id > 0)
        *parent_id = parent_row->id;
      else if (parent_row->failed || parent_row->bad)
        chc_csv_import_problem_at (ctx, FALSE, row->line, CHC_CSV_FACILITY_PARENT,
                                   _("Parent centre: %s (line %u) has problems of its own."),
                                   quoted, parent_row->line);
      else
        chc_csv_import_problem_at (ctx, FALSE, row->line, CHC_CSV_FACILITY_PARENT,
                                   _("Parent centre: %s (line %u) is not a community health centre."),
                                   quoted, parent_row->line);
      return TRUE;
    }

  /* The registry: by code, else by name in the district. */
  parent = g_hash_table_lookup (state->stored_by_code, row->parent);
  if (parent == NULL)
    {
      GPtrArray *same_name = g_hash_table_lookup (state->stored_by_name, row->parent);
      guint n_found = 0;

      for (guint i = 0; same_name != NULL && i < same_name->len; i++)
        if (chc_facility_get_district_id (g_ptr_array_index (same_name, i)) == row->district_id)
          {
            parent = g_ptr_array_index (same_name, i);
            n_found++;
          }
      if (n_found > 1)
        {
          chc_csv_import_problem_at (ctx, FALSE, row->line, CHC_CSV_FACILITY_PARENT,
                                     _("Parent centre: several facilities are named %s; give the parent’s code."),
                                     quoted);
          return TRUE;
        }
    }
  if (parent == NULL)
    {
      chc_csv_import_problem_at (ctx, FALSE, row->line, CHC_CSV_FACILITY_PARENT,
                                 _("Parent centre: no facility of the registry or of the file has the code or name %s."),
                                 quoted);
      return TRUE;
    }
  *parent_id = chc_facility_get_id (parent);
  return TRUE;
}

/* The stored fields only (not the joined names). */
static gboolean
same_stored (ChcFacility *a,
             ChcFacility *b)
{
  return g_strcmp0 (chc_facility_get_code (a), chc_facility_get_code (b)) == 0 &&
         g_strcmp0 (chc_facility_get_name (a), chc_facility_get_name (b)) == 0 &&
         chc_facility_get_facility_type (a) == chc_facility_get_facility_type (b) &&
         chc_facility_get_district_id (a) == chc_facility_get_district_id (b) &&
         chc_facility_get_town_id (a) == chc_facility_get_town_id (b) &&
         chc_facility_get_parent_id (a) == chc_facility_get_parent_id (b) &&
         chc_facility_get_floor_area (a) == chc_facility_get_floor_area (b) &&
         chc_facility_get_standardized (a) == chc_facility_get_standardized (b) &&
         chc_facility_get_standardized_year (a) == chc_facility_get_standardized_year (b) &&
         chc_facility_get_status (a) == chc_facility_get_status (b) &&
         g_strcmp0 (chc_facility_get_credit_code (a), chc_facility_get_credit_code (b)) == 0 &&
         g_strcmp0 (chc_facility_get_license_no (a), chc_facility_get_license_no (b)) == 0 &&
         g_strcmp0 (chc_facility_get_opened_on (a), chc_facility_get_opened_on (b)) == 0 &&
         g_strcmp0 (chc_facility_get_closed_on (a), chc_facility_get_closed_on (b)) == 0;
}

static gboolean
process_row (ChcCsvImportContext  *ctx,
             FacilitiesState      *state,
             FacilityRow          *row,
             GError              **error)
{
  g_autoptr(ChcFacility) existing = NULL;
  g_autoptr(ChcFacility) facility = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_errors = ctx->report->n_errors;
  gint64 town_id = 0;
  gint64 parent_id = 0;

  row->done = TRUE;

  if (!chc_csv_import_find_district (ctx, row->district, &row->district_id, error))
    return FALSE;
  if (row->district_id == 0)
    {
      g_autofree char *quoted = chc_csv_quote_value (row->district);
      chc_csv_import_problem_at (ctx, FALSE, row->line, CHC_CSV_FACILITY_DISTRICT,
                                 _("District: there is no district %s."), quoted);
      row->failed = TRUE;
      return TRUE;
    }

  /* Codes are unique in the file, so no earlier row changed this one. */
  existing = g_hash_table_lookup (state->stored_by_code, row->code);
  if (existing != NULL)
    g_object_ref (existing);

  facility = existing != NULL ? chc_facility_copy (existing) : chc_facility_new ();
  chc_facility_set_code (facility, row->code);
  chc_facility_set_name (facility, row->name);
  chc_facility_set_facility_type (facility, row->type);
  chc_facility_set_district_id (facility, row->district_id);

  if (chc_csv_import_has_column (ctx, CHC_CSV_FACILITY_TOWN) || existing == NULL)
    {
      if (row->town != NULL && !find_town (ctx, state, row, &town_id, error))
        return FALSE;
      chc_facility_set_town_id (facility, town_id);
    }
  if (chc_csv_import_has_column (ctx, CHC_CSV_FACILITY_PARENT) || existing == NULL)
    {
      if (row->parent != NULL && !find_parent (ctx, state, row, &parent_id, error))
        return FALSE;
      chc_facility_set_parent_id (facility, parent_id);
    }
  if (chc_csv_import_has_column (ctx, CHC_CSV_FACILITY_FLOOR_AREA) || existing == NULL)
    chc_facility_set_floor_area (facility, row->floor_area);
  if (chc_csv_import_has_column (ctx, CHC_CSV_FACILITY_STANDARDIZED) || existing == NULL)
    chc_facility_set_standardized (facility, row->standardized);
  if (chc_csv_import_has_column (ctx, CHC_CSV_FACILITY_STANDARDIZED_YEAR) || existing == NULL)
    chc_facility_set_standardized_year (facility, row->standardized_year);
  if (chc_csv_import_has_column (ctx, CHC_CSV_FACILITY_STATUS) || existing == NULL)
    chc_facility_set_status (facility, row->status);
  if (chc_csv_import_has_column (ctx, CHC_CSV_FACILITY_CREDIT_CODE) || existing == NULL)
    chc_facility_set_credit_code (facility, row->credit_code);
  if (chc_csv_import_has_column (ctx, CHC_CSV_FACILITY_LICENSE_NO) || existing == NULL)
    chc_facility_set_license_no (facility, row->license_no);
  if (chc_csv_import_has_column (ctx, CHC_CSV_FACILITY_OPENED_ON) || existing == NULL)
    chc_facility_set_opened_on (facility, row->opened_on);
  if (chc_csv_import_has_column (ctx, CHC_CSV_FACILITY_CLOSED_ON) || existing == NULL)
    chc_facility_set_closed_on (facility, row->closed_on);

  if (ctx->report->n_errors > n_errors)
    {
      row->failed = TRUE;
      return TRUE;
    }

  /* The rules of the facility form. */
  violations = chc_database_check_facility (ctx->database, facility, error);
  if (violations == NULL)
    return FALSE;
  for (guint i = 0; i < violations->len; i++)
    {
      const ChcViolation *v = g_ptr_array_index (violations, i);
      chc_csv_import_problem_at (ctx, FALSE, row->line, field_column (v->field), "%s", v->message);
    }
  if (violations->len > 0)
    {
      row->failed = TRUE;
      return TRUE;
    }

  if (existing != NULL && same_stored (existing, facility))
    {
      row->id = chc_facility_get_id (existing);
      ctx->report->unchanged++;
      return TRUE;
    }

  if (existing != NULL ? !chc_database_update_facility (ctx->database, facility, &local_error)
                       : !chc_database_add_facility (ctx->database, facility, &local_error))
    {
      if (local_error->domain == CHC_VALIDATE_ERROR ||
          g_error_matches (local_error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT))
        {
          chc_csv_import_problem_at (ctx, FALSE, row->line, -1, "%s", local_error->message);
          row->failed = TRUE;
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  row->id = chc_facility_get_id (facility);
  if (existing != NULL)
    ctx->report->updated++;
  else
    ctx->report->inserted++;
  return TRUE;
}

static gboolean
facilities_check (ChcCsvImportContext  *ctx,
                  gpointer              data,
                  GError              **error)
{
  FacilitiesState *state = data;

  state->stored = chc_database_list_facilities (ctx->database, 0, error);
  if (state->stored == NULL)
    return FALSE;
  state->stored_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  state->stored_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                 (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < state->stored->len; i++)
    {
      ChcFacility *facility = g_ptr_array_index (state->stored, i);
      GPtrArray *same_name;

      g_hash_table_insert (state->stored_by_code, (gpointer) chc_facility_get_code (facility), facility);
      same_name = g_hash_table_lookup (state->stored_by_name, chc_facility_get_name (facility));
      if (same_name == NULL)
        {
          same_name = g_ptr_array_new ();
          g_hash_table_insert (state->stored_by_name, (gpointer) chc_facility_get_name (facility), same_name);
        }
      g_ptr_array_add (same_name, facility);
    }

  /* Centres (no parent) first, then the facilities under a centre. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < state->rows->len; i++)
      {
        FacilityRow *row = g_ptr_array_index (state->rows, i);

        if (row->bad || row->done || ((row->parent != NULL) != (pass == 1)))
          continue;
        if (!process_row (ctx, state, row, error) ||
            !chc_csv_import_tick (ctx, error))
          return FALSE;
      }
  return TRUE;
}

static gboolean
facilities_apply (ChcCsvImportContext  *ctx,
                  gpointer              data,
                  GError              **error)
{
  /* Written by the check, in the same transaction. */
  return TRUE;
}

const ChcCsvImporter chc_csv_facilities_importer = {
  facilities_new_state,
  facilities_free_state,
  facilities_read_row,
  facilities_check,
  facilities_apply,
  tables,
};

/* ---- export ------------------------------------------------------------------ */

gboolean
chc_csv_export_facilities (ChcCsvExportContext  *ctx,
                           GError              **error)
{
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gboolean english = chc_csv_export_english (ctx);

  facilities = chc_database_list_facilities (chc_csv_export_database (ctx), 0, error);
  if (facilities == NULL)
    return FALSE;
  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (facilities, i);
      gint64 id = chc_facility_get_id (f);

      g_hash_table_insert (codes, g_memdup2 (&id, sizeof id), (gpointer) chc_facility_get_code (f));
    }

  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (facilities, i);
      gint64 parent_id = chc_facility_get_parent_id (f);
      int year = chc_facility_get_standardized_year (f);

      if ((chc_csv_export_district_id (ctx) != 0 &&
           chc_facility_get_district_id (f) != chc_csv_export_district_id (ctx)) ||
          !chc_csv_export_wants (ctx, chc_facility_get_id (f), 0, NULL))
        continue;

      chc_csv_export_cell (ctx, chc_facility_get_code (f));
      chc_csv_export_cell (ctx, chc_facility_get_name (f));
      chc_csv_export_cell (ctx, english ? chc_facility_type_to_nick (chc_facility_get_facility_type (f))
                                        : chc_csv_facility_type_to_chinese (chc_facility_get_facility_type (f)));
      chc_csv_export_cell (ctx, chc_facility_get_district_name (f));
      chc_csv_export_cell (ctx, chc_facility_get_town_name (f));
      chc_csv_export_cell (ctx, parent_id > 0 ? g_hash_table_lookup (codes, &parent_id) : NULL);
      chc_csv_export_number (ctx, chc_facility_get_floor_area (f));
      chc_csv_export_cell (ctx, chc_facility_get_standardized (f) ? (english ? "yes" : "是")
                                                                 : (english ? "no" : "否"));
      if (year > 0)
        chc_csv_export_count (ctx, year);
      else
        chc_csv_export_cell (ctx, NULL);
      chc_csv_export_cell (ctx, english ? chc_facility_status_to_nick (chc_facility_get_status (f))
                                        : chc_csv_facility_status_to_chinese (chc_facility_get_status (f)));
      chc_csv_export_cell (ctx, chc_facility_get_credit_code (f));
      chc_csv_export_cell (ctx, chc_facility_get_license_no (f));
      chc_csv_export_cell (ctx, chc_facility_get_opened_on (f));
      chc_csv_export_cell (ctx, chc_facility_get_closed_on (f));
      if (!chc_csv_export_end_row (ctx, error))
        return FALSE;
    }
  return TRUE;
}
