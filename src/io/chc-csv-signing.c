/* chc-csv-signing.c — the `signing` kind: a facility's family-doctor
 * signing figures of a month, one row each; import and export.
 *
 * Reading keeps each row in 80 bytes (a million rows: 80 MB).  The check
 * sorts the rows by facility and month and walks them together with the
 * stored rows (read in the same order, one at a time), so that every row
 * meets the month before it — in the file or in the store — as on-screen
 * entry does: the rules of core/chc-signing.h on every row that changes
 * something, and its warnings against the previous month, and against the
 * stored month that follows.  Unchanged rows are only counted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-csv"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-csv-export-private.h"
#include "chc-csv-import-private.h"
#include "chc-csv-values.h"
#include "core/chc-signing.h"
#include "core/chc-validate.h"
#include "store/chc-database-import.h"

G_STATIC_ASSERT (CHC_SIGNING_N_FIGURES == CHC_DATABASE_SIGNING_N_FIGURES);
G_STATIC_ASSERT (CHC_CSV_SIGNING_RESIDENT_POPULATION + CHC_SIGNING_N_FIGURES == CHC_CSV_SIGNING_N_COLUMNS);

#define BLOCK_ROWS 65536

typedef enum
{
  ROW_READ,
  ROW_BAD,        /* a problem: not written */
  ROW_INSERT,
  ROW_UPDATE,
  ROW_UNCHANGED,
} RowStatus;

typedef struct
{
  gint64  facility_id;
  gint64  value[CHC_SIGNING_N_FIGURES];
  gint32  months;     /* year * 12 + month - 1 */
  guint32 line;
  guint8  status;
} SigningRow;

typedef struct
{
  GPtrArray   *blocks;        /* SigningRow[BLOCK_ROWS] */
  guint64      n_rows;
  SigningRow **sorted;        /* the good rows, by facility and month */
  guint64      n_sorted;

  /* the walk of the check */
  guint64      cursor;
  gint64       facility_id;   /* of the last record met */
  gboolean     has_previous;
  gint64       previous[CHC_SIGNING_N_FIGURES];
  gint32       previous_months;
  SigningRow  *pending_next;  /* a changed row waiting for the stored month after it */
  GPtrArray   *violations;    /* reused */
  guint64      n_stored;      /* rows in the table */
} SigningState;

static const char *const tables[] = { "signing", NULL };

static gpointer
signing_new_state (ChcCsvImportContext *ctx)
{
  SigningState *state = g_new0 (SigningState, 1);

  state->blocks = g_ptr_array_new_with_free_func (g_free);
  state->violations = chc_violations_new ();
  return state;
}

static void
signing_free_state (gpointer data)
{
  SigningState *state = data;

  g_ptr_array_unref (state->blocks);
  g_ptr_array_unref (state->violations);
  g_free (state->sorted);
  g_free (state);
}

static SigningRow *
new_row (SigningState *state)
{
  guint64 index = state->n_rows % BLOCK_ROWS;

  if (index == 0)
    g_ptr_array_add (state->blocks, g_new (SigningRow, BLOCK_ROWS));
  state->n_rows++;
  return &((SigningRow *) g_ptr_array_index (state->blocks, state->blocks->len - 1))[index];
}

static gboolean
signing_read_row (ChcCsvImportContext  *ctx,
                  gpointer              data,
                  GError              **error)
{
  SigningState *state = data;
  SigningRow *row = new_row (state);
  gboolean bad = FALSE;

  memset (row, 0, sizeof *row);
  row->line = chc_csv_import_row_line (ctx);

  if (!chc_csv_import_find_row_facility (ctx, &row->facility_id, error))
    return FALSE;
  bad |= row->facility_id == 0;
  bad |= chc_csv_import_get_period (ctx, CHC_CSV_SIGNING_PERIOD, TRUE, &row->months) != CHC_CSV_CELL_OK;

  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    {
      guint column = CHC_CSV_SIGNING_RESIDENT_POPULATION + f;

      if (chc_csv_import_get_count (ctx, column, chc_signing_figure_is_required (f),
                                    &row->value[f]) == CHC_CSV_CELL_BAD)
        bad = TRUE;
    }

  row->status = bad ? ROW_BAD : ROW_READ;
  return TRUE;
}

/* ---- check --------------------------------------------------------------- */

static int
compare_rows (const void *a,
              const void *b)
{
  const SigningRow *ra = *(SigningRow *const *) a;
  const SigningRow *rb = *(SigningRow *const *) b;

  if (ra->facility_id != rb->facility_id)
    return ra->facility_id < rb->facility_id ? -1 : 1;
  if (ra->months != rb->months)
    return ra->months < rb->months ? -1 : 1;
  return ra->line < rb->line ? -1 : ra->line > rb->line;
}

static int
figure_column (const char *field)
{
  ChcSigningFigure figure;

  if (g_strcmp0 (field, "period") == 0)
    return CHC_CSV_SIGNING_PERIOD;
  if (chc_signing_figure_from_field (field, &figure))
    return CHC_CSV_SIGNING_RESIDENT_POPULATION + figure;
  return -1;
}

static void
report_violations (ChcCsvImportContext *ctx,
                   SigningState        *state,
                   guint                line,
                   gboolean             warning)
{
  for (guint i = 0; i < state->violations->len; i++)
    {
      const ChcViolation *v = g_ptr_array_index (state->violations, i);
      chc_csv_import_problem_at (ctx, warning, line, figure_column (v->field), "%s", v->message);
    }
  g_ptr_array_set_size (state->violations, 0);
}

static void
meet_facility (SigningState *state,
               gint64        facility_id)
{
  if (state->facility_id == facility_id)
    return;
  state->facility_id = facility_id;
  state->has_previous = FALSE;
  state->pending_next = NULL;
}

/* A row of the file, with the stored figures of the same month (or NULL). */
static void
meet_file_row (ChcCsvImportContext *ctx,
               SigningState        *state,
               SigningRow          *row,
               const gint64        *stored)
{
  ChcSigningFigures figures;
  char period[8];

  meet_facility (state, row->facility_id);

  /* a figure whose column the file lacks keeps its stored value */
  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    if (!chc_csv_import_has_column (ctx, CHC_CSV_SIGNING_RESIDENT_POPULATION + f))
      row->value[f] = stored != NULL ? stored[f] : 0;

  if (stored == NULL)
    row->status = ROW_INSERT;
  else if (memcmp (row->value, stored, sizeof row->value) == 0)
    row->status = ROW_UNCHANGED;
  else
    row->status = ROW_UPDATE;

  state->pending_next = NULL;
  if (row->status != ROW_UNCHANGED)
    {
      memcpy (figures.value, row->value, sizeof figures.value);
      chc_signing_check (&figures, state->violations);
      if (state->violations->len > 0)
        {
          report_violations (ctx, state, row->line, FALSE);
          row->status = ROW_BAD;
        }
      else if (state->has_previous)
        {
          ChcSigningFigures previous;
          char previous_period[8];

          memcpy (previous.value, state->previous, sizeof previous.value);
          chc_csv_months_to_period (row->months, period);
          chc_csv_months_to_period (state->previous_months, previous_period);
          chc_signing_warn (&figures, period, &previous, previous_period, state->violations);
          report_violations (ctx, state, row->line, TRUE);
        }
      if (row->status != ROW_BAD)
        state->pending_next = row;
    }

  state->has_previous = TRUE;
  memcpy (state->previous, row->value, sizeof state->previous);
  state->previous_months = row->months;
}

/* A stored month the file does not have. */
static void
meet_stored_row (ChcCsvImportContext *ctx,
                 SigningState        *state,
                 gint64               facility_id,
                 gint32               months,
                 const gint64        *stored)
{
  meet_facility (state, facility_id);

  if (state->pending_next != NULL)
    {
      SigningRow *row = state->pending_next;
      ChcSigningFigures figures, next;
      char period[8], next_period[8];

      memcpy (figures.value, row->value, sizeof figures.value);
      memcpy (next.value, stored, sizeof next.value);
      chc_csv_months_to_period (row->months, period);
      chc_csv_months_to_period (months, next_period);
      chc_signing_warn_next (&figures, period, &next, next_period, state->violations);
      report_violations (ctx, state, row->line, TRUE);
      state->pending_next = NULL;
    }

  state->has_previous = TRUE;
  memcpy (state->previous, stored, sizeof state->previous);
  state->previous_months = months;
}

typedef struct
{
  ChcCsvImportContext *ctx;
  SigningState        *state;
} Walk;

static gboolean
on_stored_row (gint64         facility_id,
               const char    *period,
               const gint64  *figures,
               gpointer       user_data,
               GError       **error)
{
  Walk *walk = user_data;
  SigningState *state = walk->state;
  int year = 0, month = 0;
  gint32 months;

  state->n_stored++;
  if (!chc_signing_period_parse (period, &year, &month))
    return TRUE;   /* not ours to judge here: chc-cli check reports it */
  months = year * 12 + month - 1;

  while (state->cursor < state->n_sorted)
    {
      SigningRow *row = state->sorted[state->cursor];

      if (row->facility_id > facility_id ||
          (row->facility_id == facility_id && row->months > months))
        break;
      state->cursor++;
      meet_file_row (walk->ctx, state, row,
                     row->facility_id == facility_id && row->months == months ? figures : NULL);
      if (row->facility_id == facility_id && row->months == months)
        return chc_csv_import_tick (walk->ctx, error);
    }

  meet_stored_row (walk->ctx, state, facility_id, months, figures);
  return chc_csv_import_tick (walk->ctx, error);
}

static gboolean
signing_check (ChcCsvImportContext  *ctx,
               gpointer              data,
               GError              **error)
{
  SigningState *state = data;
  Walk walk = { ctx, state };

  state->sorted = g_new (SigningRow *, state->n_rows + 1);
  for (guint64 i = 0; i < state->n_rows; i++)
    {
      SigningRow *row = &((SigningRow *) g_ptr_array_index (state->blocks, i / BLOCK_ROWS))[i % BLOCK_ROWS];
      if (row->status != ROW_BAD)
        state->sorted[state->n_sorted++] = row;
    }
  qsort (state->sorted, state->n_sorted, sizeof (SigningRow *), compare_rows);

  /* the same facility and month twice: the first line wins the message */
  for (guint64 i = 1, first = 0; i < state->n_sorted; i++)
    {
      SigningRow *row = state->sorted[i];
      char period[8];

      if (row->facility_id != state->sorted[first]->facility_id ||
          row->months != state->sorted[first]->months)
        {
          first = i;
          continue;
        }
      chc_csv_months_to_period (row->months, period);
      chc_csv_import_problem_at (ctx, FALSE, row->line, CHC_CSV_SIGNING_PERIOD,
                                 _("Period: the facility’s figures of %s are also on line %u."),
                                 period, state->sorted[first]->line);
      row->status = ROW_BAD;
    }
  {
    guint64 kept = 0;
    for (guint64 i = 0; i < state->n_sorted; i++)
      if (state->sorted[i]->status != ROW_BAD)
        state->sorted[kept++] = state->sorted[i];
    state->n_sorted = kept;
  }

  if (!chc_database_foreach_signing (ctx->database, 0, FALSE, on_stored_row, &walk, error))
    return FALSE;
  while (state->cursor < state->n_sorted)
    {
      meet_file_row (ctx, state, state->sorted[state->cursor++], NULL);
      if (!chc_csv_import_tick (ctx, error))
        return FALSE;
    }

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

/* From this many rows on, the table's secondary index is rebuilt once
 * rather than updated row by row (when the table is not far larger). */
#define BULK_ROWS 50000

static gboolean
signing_apply (ChcCsvImportContext  *ctx,
               gpointer              data,
               GError              **error)
{
  SigningState *state = data;
  g_auto(GStrv) indexes = NULL;
  guint64 n_writes = ctx->report->inserted + ctx->report->updated;

  if (n_writes >= BULK_ROWS && n_writes * 2 >= state->n_stored)
    {
      indexes = chc_database_drop_indexes (ctx->database, "signing", error);
      if (indexes == NULL)
        return FALSE;
    }

  /* Changed rows first, each change recorded; then the new rows in bulk. */
  for (int pass = ROW_UPDATE; ; pass = ROW_INSERT)
    {
      if (pass == ROW_INSERT && !chc_database_bulk_begin (ctx->database, "signing", error))
        return FALSE;
      for (guint64 i = 0; i < state->n_sorted; i++)
        {
          SigningRow *row = state->sorted[i];
          char period[8];

          if (row->status != pass)
            continue;
          chc_csv_months_to_period (row->months, period);
          if (!chc_database_upsert_signing (ctx->database, row->facility_id, period, row->value, error) ||
              !chc_csv_import_tick (ctx, error))
            return FALSE;
        }
      if (pass == ROW_INSERT)
        break;
    }

  return chc_database_bulk_end (ctx->database, "signing", ctx->report->inserted, error) &&
         (indexes == NULL ||
          chc_database_restore_indexes (ctx->database, (const char *const *) indexes, error));
}

const ChcCsvImporter chc_csv_signing_importer = {
  signing_new_state,
  signing_free_state,
  signing_read_row,
  signing_check,
  signing_apply,
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
            const gint64  *figures,
            gpointer       user_data,
            GError       **error)
{
  ExportWalk *walk = user_data;
  ChcFacility *facility = g_hash_table_lookup (walk->facilities, &facility_id);

  if (facility == NULL || !chc_csv_export_wants (walk->ctx, facility_id, 0, period))
    return TRUE;
  chc_csv_export_monthly_key (walk->ctx, facility, period);
  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    chc_csv_export_count (walk->ctx, figures[f]);
  return chc_csv_export_end_row (walk->ctx, error);
}

gboolean
chc_csv_export_signing (ChcCsvExportContext  *ctx,
                        GError              **error)
{
  g_autoptr(GHashTable) by_id = chc_csv_export_facilities_by_id (ctx, error);
  ExportWalk walk = { ctx, by_id };

  if (by_id == NULL)
    return FALSE;
  return chc_database_foreach_signing (chc_csv_export_database (ctx), chc_csv_export_district_id (ctx), TRUE,
                                       export_row, &walk, error);
}
