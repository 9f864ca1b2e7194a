/* chc-csv-tcm.c — the `tcm` kind: a facility's TCM visits and all visits
 * of a month, one row each; import and export.
 *
 * As for signing: the rows are sorted by facility and month and walked
 * with the stored months (one at a time); each row that changes something
 * is checked by chc_tcm_validate_visits() (core/chc-tcm.h), the rule of
 * the TCM view's entry, with the facility as the registry has it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-csv"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "chc-csv-export-private.h"
#include "chc-csv-import-private.h"
#include "chc-csv-values.h"
#include "core/chc-tcm.h"
#include "core/chc-validate.h"
#include "store/chc-database-import.h"

typedef enum
{
  ROW_READ,
  ROW_BAD,
  ROW_INSERT,
  ROW_UPDATE,
  ROW_UNCHANGED,
} RowStatus;

typedef struct
{
  gint64  facility_id;
  gint64  tcm_visits;
  gint64  all_visits;
  gint32  months;
  guint32 line;
  guint8  status;
} TcmRow;

typedef struct
{
  GArray  *rows;       /* TcmRow */
  TcmRow **sorted;
  guint64  n_sorted;
  guint64  cursor;
  char    *today;
} TcmState;

static const char *const tables[] = { "tcm", NULL };

static gpointer
tcm_new_state (ChcCsvImportContext *ctx)
{
  TcmState *state = g_new0 (TcmState, 1);

  state->rows = g_array_new (FALSE, TRUE, sizeof (TcmRow));
  state->today = chc_tcm_today ();
  return state;
}

static void
tcm_free_state (gpointer data)
{
  TcmState *state = data;

  g_array_unref (state->rows);
  g_free (state->sorted);
  g_free (state->today);
  g_free (state);
}

static gboolean
tcm_read_row (ChcCsvImportContext  *ctx,
              gpointer              data,
              GError              **error)
{
  TcmState *state = data;
  TcmRow row = { 0 };
  gboolean bad = FALSE;

  row.line = chc_csv_import_row_line (ctx);
  if (!chc_csv_import_find_row_facility (ctx, &row.facility_id, error))
    return FALSE;
  bad |= row.facility_id == 0;
  bad |= chc_csv_import_get_period (ctx, CHC_CSV_TCM_PERIOD, TRUE, &row.months) != CHC_CSV_CELL_OK;
  bad |= chc_csv_import_get_count (ctx, CHC_CSV_TCM_TCM_VISITS, TRUE, &row.tcm_visits) != CHC_CSV_CELL_OK;
  bad |= chc_csv_import_get_count (ctx, CHC_CSV_TCM_ALL_VISITS, TRUE, &row.all_visits) != CHC_CSV_CELL_OK;
  row.status = bad ? ROW_BAD : ROW_READ;
  g_array_append_val (state->rows, row);
  return TRUE;
}

static int
compare_rows (const void *a,
              const void *b)
{
  const TcmRow *ra = *(TcmRow *const *) a;
  const TcmRow *rb = *(TcmRow *const *) b;

  if (ra->facility_id != rb->facility_id)
    return ra->facility_id < rb->facility_id ? -1 : 1;
  if (ra->months != rb->months)
    return ra->months < rb->months ? -1 : 1;
  return ra->line < rb->line ? -1 : ra->line > rb->line;
}

static int
field_column (const char *field)
{
  if (g_strcmp0 (field, "period") == 0)
    return CHC_CSV_TCM_PERIOD;
  if (g_strcmp0 (field, "tcm_visits") == 0)
    return CHC_CSV_TCM_TCM_VISITS;
  if (g_strcmp0 (field, "all_visits") == 0)
    return CHC_CSV_TCM_ALL_VISITS;
  if (g_strcmp0 (field, "facility") == 0)
    return CHC_CSV_OF_FACILITY_CODE;
  return -1;
}

/* A file row, with the stored visits of its month (or none). */
static gboolean
meet_file_row (ChcCsvImportContext  *ctx,
               TcmState             *state,
               TcmRow               *row,
               gboolean              stored,
               gint64                stored_tcm,
               gint64                stored_all,
               GError              **error)
{
  g_autoptr(GPtrArray) violations = NULL;
  ChcFacility *facility = NULL;
  char period[8];

  if (!stored)
    row->status = ROW_INSERT;
  else if (row->tcm_visits == stored_tcm && row->all_visits == stored_all)
    row->status = ROW_UNCHANGED;
  else
    row->status = ROW_UPDATE;
  if (row->status == ROW_UNCHANGED)
    return TRUE;

  if (!chc_csv_import_get_facility (ctx, row->facility_id, &facility, error))
    return FALSE;
  g_assert (facility != NULL);

  violations = chc_violations_new ();
  chc_csv_months_to_period (row->months, period);
  chc_tcm_validate_visits (facility, period, row->tcm_visits, row->all_visits, state->today, violations);
  for (guint i = 0; i < violations->len; i++)
    {
      const ChcViolation *v = g_ptr_array_index (violations, i);
      chc_csv_import_problem_at (ctx, FALSE, row->line, field_column (v->field), "%s", v->message);
    }
  if (violations->len > 0)
    row->status = ROW_BAD;
  return TRUE;
}

typedef struct
{
  ChcCsvImportContext *ctx;
  TcmState            *state;
} Walk;

static gboolean
on_stored_row (gint64         facility_id,
               const char    *period,
               gint64         tcm_visits,
               gint64         all_visits,
               gpointer       user_data,
               GError       **error)
{
  Walk *walk = user_data;
  TcmState *state = walk->state;
  int year = 0, month = 0;
  gint32 months;

  if (sscanf (period, "%4d-%2d", &year, &month) != 2)
    return TRUE;
  months = year * 12 + month - 1;

  while (state->cursor < state->n_sorted)
    {
      TcmRow *row = state->sorted[state->cursor];
      gboolean same = row->facility_id == facility_id && row->months == months;

      if (row->facility_id > facility_id || (row->facility_id == facility_id && row->months > months))
        break;
      state->cursor++;
      if (!meet_file_row (walk->ctx, state, row, same, tcm_visits, all_visits, error))
        return FALSE;
      if (same)
        break;
    }
  return chc_csv_import_tick (walk->ctx, error);
}

static gboolean
tcm_check (ChcCsvImportContext  *ctx,
           gpointer              data,
           GError              **error)
{
  TcmState *state = data;
  Walk walk = { ctx, state };
  guint64 kept = 0;

  state->sorted = g_new (TcmRow *, state->rows->len + 1);
  for (guint i = 0; i < state->rows->len; i++)
    if (g_array_index (state->rows, TcmRow, i).status != ROW_BAD)
      state->sorted[state->n_sorted++] = &g_array_index (state->rows, TcmRow, i);
  qsort (state->sorted, state->n_sorted, sizeof (TcmRow *), compare_rows);

  for (guint64 i = 1, first = 0; i < state->n_sorted; i++)
    {
      TcmRow *row = state->sorted[i];
      char period[8];

      if (row->facility_id != state->sorted[first]->facility_id ||
          row->months != state->sorted[first]->months)
        {
          first = i;
          continue;
        }
      chc_csv_months_to_period (row->months, period);
      chc_csv_import_problem_at (ctx, FALSE, row->line, CHC_CSV_TCM_PERIOD,
                                 _("Month: the facility’s visits of %s are also on line %u."),
                                 period, state->sorted[first]->line);
      row->status = ROW_BAD;
    }
  for (guint64 i = 0; i < state->n_sorted; i++)
    if (state->sorted[i]->status != ROW_BAD)
      state->sorted[kept++] = state->sorted[i];
  state->n_sorted = kept;

  if (!chc_database_foreach_tcm_visits (ctx->database, 0, FALSE, on_stored_row, &walk, error))
    return FALSE;
  while (state->cursor < state->n_sorted)
    if (!meet_file_row (ctx, state, state->sorted[state->cursor++], FALSE, 0, 0, error))
      return FALSE;

  for (guint64 i = 0; i < state->n_sorted; i++)
    switch (state->sorted[i]->status)
      {
      case ROW_INSERT:
        ctx->report->inserted++;
        break;
      case ROW_UPDATE:
        ctx->report->updated++;
        break;
      case ROW_UNCHANGED:
        ctx->report->unchanged++;
        break;
      default:
        break;
      }
  return TRUE;
}

static gboolean
tcm_apply (ChcCsvImportContext  *ctx,
           gpointer              data,
           GError              **error)
{
  TcmState *state = data;

  /* Changed rows first, each change recorded; then the new rows in bulk. */
  for (int pass = ROW_UPDATE; ; pass = ROW_INSERT)
    {
      if (pass == ROW_INSERT && !chc_database_bulk_begin (ctx->database, "tcm_visits", error))
        return FALSE;
      for (guint64 i = 0; i < state->n_sorted; i++)
        {
          TcmRow *row = state->sorted[i];
          char period[8];

          if (row->status != pass)
            continue;
          chc_csv_months_to_period (row->months, period);
          if (!chc_database_upsert_tcm_visits (ctx->database, row->facility_id, period,
                                               row->tcm_visits, row->all_visits, error) ||
              !chc_csv_import_tick (ctx, error))
            return FALSE;
        }
      if (pass == ROW_INSERT)
        break;
    }
  return chc_database_bulk_end (ctx->database, "tcm_visits", ctx->report->inserted, error);
}

const ChcCsvImporter chc_csv_tcm_importer = {
  tcm_new_state,
  tcm_free_state,
  tcm_read_row,
  tcm_check,
  tcm_apply,
  tables,
};

/* ---- export ---------------------------------------------------------------- */

typedef struct
{
  ChcCsvExportContext *ctx;
  GHashTable          *facilities;   /* id → ChcFacility */
} ExportWalk;

static gboolean
export_row (gint64         facility_id,
            const char    *period,
            gint64         tcm_visits,
            gint64         all_visits,
            gpointer       user_data,
            GError       **error)
{
  ExportWalk *walk = user_data;
  ChcFacility *facility = g_hash_table_lookup (walk->facilities, &facility_id);

  if (facility == NULL || !chc_csv_export_wants (walk->ctx, facility_id, 0, period))
    return TRUE;
  chc_csv_export_monthly_key (walk->ctx, facility, period);
  chc_csv_export_count (walk->ctx, tcm_visits);
  chc_csv_export_count (walk->ctx, all_visits);
  return chc_csv_export_end_row (walk->ctx, error);
}

gboolean
chc_csv_export_tcm (ChcCsvExportContext  *ctx,
                    GError              **error)
{
  g_autoptr(GHashTable) by_id = chc_csv_export_facilities_by_id (ctx, error);
  ExportWalk walk = { ctx, by_id };

  if (by_id == NULL)
    return FALSE;
  return chc_database_foreach_tcm_visits (chc_csv_export_database (ctx), chc_csv_export_district_id (ctx), TRUE,
                                          export_row, &walk, error);
}
