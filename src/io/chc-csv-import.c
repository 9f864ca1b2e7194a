/* chc-csv-import.c — the driver of an import: header, rows, check,
 * transaction; the helpers the kinds share; the threaded variant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-csv"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-csv-import-private.h"
#include "chc-csv-values.h"
#include "chc-xlsx-reader.h"
#include "core/chc-text.h"
#include "store/chc-database-sync.h"

#define TICK_ROWS 4096

static const ChcCsvImporter *
get_importer (ChcCsvKind kind)
{
  switch (kind)
    {
    case CHC_CSV_KIND_FACILITIES:
      return &chc_csv_facilities_importer;
    case CHC_CSV_KIND_SIGNING:
      return &chc_csv_signing_importer;
    case CHC_CSV_KIND_TCM:
      return &chc_csv_tcm_importer;
    case CHC_CSV_KIND_PROJECTS:
      return &chc_csv_projects_importer;
    case CHC_CSV_KIND_VALUES:
      return &chc_csv_element_values_importer;
    default:
      return NULL;
    }
}

const char *
chc_csv_kind_get_table (ChcCsvKind kind)
{
  static const char *const tables[] = { "facility", "signing", "tcm", "project", "element_value" };

  g_return_val_if_fail ((guint) kind < CHC_CSV_N_KINDS, NULL);
  return tables[kind];
}

void
chc_csv_import_options_init (ChcCsvImportOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->encoding = CHC_CSV_ENCODING_AUTO;
}

void
chc_csv_months_to_period (int  months,
                          char period[8])
{
  int year = months / 12;
  int month = months % 12 + 1;

  g_assert (year >= 0 && year <= 9999);
  period[0] = '0' + year / 1000;
  period[1] = '0' + year / 100 % 10;
  period[2] = '0' + year / 10 % 10;
  period[3] = '0' + year % 10;
  period[4] = '-';
  period[5] = '0' + month / 10;
  period[6] = '0' + month % 10;
  period[7] = '\0';
}

/* ---- cells and problems ----------------------------------------------- */

gboolean
chc_csv_import_has_column (ChcCsvImportContext *ctx,
                           guint                column)
{
  g_assert (column < CHC_CSV_MAX_KIND_COLUMNS);
  return ctx->file_column[column] >= 0;
}

const char *
chc_csv_import_cell (ChcCsvImportContext *ctx,
                     guint                column)
{
  int file_column;

  g_assert (column < CHC_CSV_MAX_KIND_COLUMNS);
  file_column = ctx->file_column[column];
  if (file_column < 0 || (guint) file_column >= chc_csv_reader_get_n_cells (ctx->reader))
    return NULL;
  return chc_csv_reader_get_cell (ctx->reader, file_column);
}

guint
chc_csv_import_row_line (ChcCsvImportContext *ctx)
{
  return chc_csv_reader_get_line (ctx->reader);
}

static void
add_problem_valist (ChcCsvImportContext *ctx,
                    gboolean             warning,
                    guint                line,
                    int                  column,
                    gboolean             prefix,
                    const char          *format,
                    va_list              args) G_GNUC_PRINTF (6, 0);

static void
add_problem_valist (ChcCsvImportContext *ctx,
                    gboolean             warning,
                    guint                line,
                    int                  column,
                    gboolean             prefix,
                    const char          *format,
                    va_list              args)
{
  g_autofree char *message = NULL;
  const char *header = NULL;
  guint file_column = 1;

  if ((warning ? ctx->report->n_warnings : ctx->report->n_errors) >= CHC_CSV_MAX_PROBLEMS)
    {
      chc_csv_report_add_literal (ctx->report, warning, line, 1, NULL);
      return;
    }

  message = g_strdup_vprintf (format, args);
  if (column >= 0)
    {
      const ChcCsvColumn *columns = chc_csv_kind_get_columns (ctx->kind, NULL);

      header = columns[column].name;
      if (ctx->file_column[column] >= 0)
        {
          file_column = ctx->file_column[column] + 1;
          header = chc_csv_mapping_get_header (ctx->mapping, file_column - 1);
        }
    }
  if (prefix && header != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s: %s", header, message);
      chc_csv_report_add_literal (ctx->report, warning, line, file_column, full);
    }
  else
    chc_csv_report_add_literal (ctx->report, warning, line, file_column, message);
}

void
chc_csv_import_problem (ChcCsvImportContext *ctx,
                        gboolean             warning,
                        int                  column,
                        const char          *format,
                        ...)
{
  va_list args;
  guint line = chc_csv_reader_get_line (ctx->reader);

  if (column >= 0 && ctx->file_column[column] >= 0 &&
      (guint) ctx->file_column[column] < chc_csv_reader_get_n_cells (ctx->reader))
    line = chc_csv_reader_get_cell_line (ctx->reader, ctx->file_column[column]);
  va_start (args, format);
  add_problem_valist (ctx, warning, line, column, TRUE, format, args);
  va_end (args);
}

void
chc_csv_import_problem_at (ChcCsvImportContext *ctx,
                           gboolean             warning,
                           guint                line,
                           int                  column,
                           const char          *format,
                           ...)
{
  va_list args;

  va_start (args, format);
  add_problem_valist (ctx, warning, line, column, FALSE, format, args);
  va_end (args);
}

/* The cell of @column when it holds something; reports a blank required
 * cell. */
static const char *
get_cell (ChcCsvImportContext *ctx,
          guint                column,
          gboolean             required,
          ChcCsvCellStatus    *status)
{
  const char *cell = chc_csv_import_cell (ctx, column);

  if (cell == NULL || chc_csv_is_blank (cell))
    {
      if (required)
        {
          chc_csv_import_problem (ctx, FALSE, column, _("the cell is empty; a value is required."));
          *status = CHC_CSV_CELL_BAD;
        }
      else
        *status = CHC_CSV_CELL_ABSENT;
      return NULL;
    }
  *status = CHC_CSV_CELL_OK;
  return cell;
}

static ChcCsvCellStatus
report_value_error (ChcCsvImportContext *ctx,
                    guint                column,
                    GError              *error)
{
  chc_csv_import_problem (ctx, FALSE, column, "%s", error->message);
  g_error_free (error);
  return CHC_CSV_CELL_BAD;
}

/* The text of a cell: stripped, without the guard export put before a
 * formula-like text. */
static char *
unguard_strip (const char *cell)
{
  g_autofree char *stripped = chc_csv_strip (cell);

  return chc_text_unguard (stripped);
}

ChcCsvCellStatus
chc_csv_import_get_text (ChcCsvImportContext  *ctx,
                         guint                 column,
                         gboolean              required,
                         char                **value)
{
  ChcCsvCellStatus status;
  const char *cell = get_cell (ctx, column, required, &status);

  if (cell != NULL)
    {
      const ChcCsvColumn *columns = chc_csv_kind_get_columns (ctx->kind, NULL);
      g_autofree char *stripped = chc_csv_strip (cell);
      g_autofree char *reason = NULL;

      /* the "'" export put before a text a spreadsheet would take for a
       * formula (core/chc-text.c) */
      *value = chc_text_unguard (stripped);
      if (!chc_text_check_controls (*value, g_str_equal (columns[column].name, "notes"), &reason))
        {
          chc_csv_import_problem (ctx, FALSE, column, "%s", reason);
          return CHC_CSV_CELL_BAD;
        }
    }
  return status;
}

ChcCsvCellStatus
chc_csv_import_get_count (ChcCsvImportContext *ctx,
                          guint                column,
                          gboolean             required,
                          gint64              *value)
{
  ChcCsvCellStatus status;
  const char *cell = get_cell (ctx, column, required, &status);
  GError *error = NULL;

  if (cell != NULL && !chc_csv_parse_count (cell, value, &error))
    return report_value_error (ctx, column, error);
  return status;
}

ChcCsvCellStatus
chc_csv_import_get_number (ChcCsvImportContext *ctx,
                           guint                column,
                           gboolean             required,
                           double              *value)
{
  ChcCsvCellStatus status;
  const char *cell = get_cell (ctx, column, required, &status);
  GError *error = NULL;

  if (cell != NULL && !chc_csv_parse_number (cell, value, &error))
    return report_value_error (ctx, column, error);
  return status;
}

ChcCsvCellStatus
chc_csv_import_get_period (ChcCsvImportContext *ctx,
                           guint                column,
                           gboolean             required,
                           int                 *months)
{
  ChcCsvCellStatus status;
  const char *cell = get_cell (ctx, column, required, &status);
  GError *error = NULL;
  int year;
  int month;

  if (cell == NULL)
    return status;
  /* files repeat the same few months */
  if (ctx->last_period_months >= 0 && strcmp (cell, ctx->last_period->str) == 0)
    {
      *months = ctx->last_period_months;
      return status;
    }
  if (!chc_csv_parse_month (cell, &year, &month, &error))
    return report_value_error (ctx, column, error);
  *months = year * 12 + month - 1;
  g_string_assign (ctx->last_period, cell);
  ctx->last_period_months = *months;
  return status;
}

ChcCsvCellStatus
chc_csv_import_get_date (ChcCsvImportContext  *ctx,
                         guint                 column,
                         gboolean              required,
                         char                **date)
{
  ChcCsvCellStatus status;
  const char *cell = get_cell (ctx, column, required, &status);
  GError *error = NULL;

  if (cell == NULL)
    return status;
  *date = chc_csv_parse_date (cell, &error);
  if (*date == NULL)
    return report_value_error (ctx, column, error);
  return status;
}

ChcCsvCellStatus
chc_csv_import_get_year (ChcCsvImportContext *ctx,
                         guint                column,
                         gboolean             required,
                         int                 *year)
{
  ChcCsvCellStatus status;
  const char *cell = get_cell (ctx, column, required, &status);
  GError *error = NULL;

  if (cell != NULL && !chc_csv_parse_year (cell, year, &error))
    return report_value_error (ctx, column, error);
  return status;
}

ChcCsvCellStatus
chc_csv_import_get_boolean (ChcCsvImportContext *ctx,
                            guint                column,
                            gboolean             required,
                            gboolean            *value)
{
  ChcCsvCellStatus status;
  const char *cell = get_cell (ctx, column, required, &status);
  GError *error = NULL;

  if (cell != NULL && !chc_csv_parse_boolean (cell, value, &error))
    return report_value_error (ctx, column, error);
  return status;
}

/* ---- districts and facilities ----------------------------------------- */

gboolean
chc_csv_import_find_district (ChcCsvImportContext  *ctx,
                              const char           *text,
                              gint64               *district_id,
                              GError              **error)
{
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer cached;

  if (g_hash_table_lookup_extended (ctx->districts, text, NULL, &cached))
    {
      *district_id = GPOINTER_TO_SIZE (cached);
      return TRUE;
    }

  district = chc_database_find_district (ctx->database, text, &local_error);
  if (district == NULL && !g_error_matches (local_error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *district_id = district != NULL ? chc_district_get_id (district) : 0;
  g_hash_table_insert (ctx->districts, g_strdup (text), GSIZE_TO_POINTER (*district_id));
  return TRUE;
}

typedef struct
{
  gint64  id;
  int     error_column;
  char   *error;
  int     warning_column;
  char   *warning;
} FacilityLookup;

static void
facility_lookup_free (gpointer data)
{
  FacilityLookup *lookup = data;

  g_free (lookup->error);
  g_free (lookup->warning);
  g_free (lookup);
}

/* The registry, indexed once per import: chc_database_find_facility()'s
 * rules (a code, else an exact name in the district) without a query per
 * facility of the file. */
static gboolean
load_registry (ChcCsvImportContext  *ctx,
               GError              **error)
{
  if (ctx->registry != NULL)
    return TRUE;

  ctx->registry = chc_database_list_facilities (ctx->database, 0, error);
  if (ctx->registry == NULL)
    return FALSE;
  ctx->registry_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->registry_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ctx->registry_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                 (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < ctx->registry->len; i++)
    {
      ChcFacility *facility = g_ptr_array_index (ctx->registry, i);
      GPtrArray *same_name = g_hash_table_lookup (ctx->registry_by_name, chc_facility_get_name (facility));

      gint64 id = chc_facility_get_id (facility);

      g_hash_table_insert (ctx->registry_by_code, (gpointer) chc_facility_get_code (facility), facility);
      g_hash_table_insert (ctx->registry_by_id, g_memdup2 (&id, sizeof id), facility);
      if (same_name == NULL)
        {
          same_name = g_ptr_array_new ();
          g_hash_table_insert (ctx->registry_by_name, (gpointer) chc_facility_get_name (facility), same_name);
        }
      g_ptr_array_add (same_name, facility);
    }
  return TRUE;
}

gboolean
chc_csv_import_get_facility (ChcCsvImportContext  *ctx,
                             gint64                facility_id,
                             ChcFacility         **facility,
                             GError              **error)
{
  if (!load_registry (ctx, error))
    return FALSE;
  *facility = g_hash_table_lookup (ctx->registry_by_id, &facility_id);
  return TRUE;
}

static gboolean
lookup_facility (ChcCsvImportContext  *ctx,
                 const char           *code,
                 const char           *name,
                 const char           *district_text,
                 FacilityLookup       *lookup,
                 GError              **error)
{
  ChcFacility *facility = NULL;
  gint64 district_id = 0;

  if (*code == '\0' && *name == '\0')
    {
      lookup->error_column = chc_csv_import_has_column (ctx, CHC_CSV_OF_FACILITY_CODE)
                             ? CHC_CSV_OF_FACILITY_CODE : CHC_CSV_OF_FACILITY_NAME;
      lookup->error = g_strdup (_("no facility: give its code or its name."));
      return TRUE;
    }

  if (*district_text != '\0')
    {
      if (!chc_csv_import_find_district (ctx, district_text, &district_id, error))
        return FALSE;
      if (district_id == 0)
        {
          g_autofree char *quoted = chc_csv_quote_value (district_text);
          lookup->error_column = CHC_CSV_OF_DISTRICT;
          lookup->error = g_strdup_printf (_("there is no district %s."), quoted);
          return TRUE;
        }
    }

  if (!load_registry (ctx, error))
    return FALSE;

  if (*code != '\0')
    {
      g_autofree char *quoted = chc_csv_quote_value (code);

      facility = g_hash_table_lookup (ctx->registry_by_code, code);
      if (facility == NULL)
        {
          lookup->error_column = CHC_CSV_OF_FACILITY_CODE;
          lookup->error = g_strdup_printf (_("no facility has the code %s."), quoted);
          return TRUE;
        }
      if (*name != '\0' && g_strcmp0 (chc_facility_get_name (facility), name) != 0)
        {
          g_autofree char *quoted_name = chc_csv_quote_value (name);
          lookup->warning_column = CHC_CSV_OF_FACILITY_NAME;
          lookup->warning = g_strdup_printf (_("the facility with the code %s is named “%s” in the registry, not %s; the code is used."),
                                             quoted, chc_facility_get_name (facility), quoted_name);
        }
    }
  else
    {
      GPtrArray *same_name = g_hash_table_lookup (ctx->registry_by_name, name);
      g_autofree char *quoted = chc_csv_quote_value (name);
      guint n_found = 0;

      for (guint i = 0; same_name != NULL && i < same_name->len; i++)
        if (district_id == 0 || chc_facility_get_district_id (g_ptr_array_index (same_name, i)) == district_id)
          {
            facility = g_ptr_array_index (same_name, i);
            n_found++;
          }
      if (n_found != 1)
        {
          lookup->error_column = CHC_CSV_OF_FACILITY_NAME;
          if (n_found > 1)
            lookup->error = g_strdup_printf (_("several facilities are named %s; give the code, or the district in a district column."),
                                             quoted);
          else if (district_id != 0)
            lookup->error = g_strdup_printf (_("no facility of this district is named %s."), quoted);
          else
            lookup->error = g_strdup_printf (_("no facility is named %s."), quoted);
          return TRUE;
        }
    }

  if (district_id != 0 && chc_facility_get_district_id (facility) != district_id)
    {
      g_autofree char *quoted = chc_csv_quote_value (district_text);
      lookup->error_column = CHC_CSV_OF_DISTRICT;
      lookup->error = g_strdup_printf (_("“%s” is in %s, not in %s."),
                                       chc_facility_get_name (facility),
                                       chc_facility_get_district_name (facility), quoted);
      return TRUE;
    }

  lookup->id = chc_facility_get_id (facility);
  return TRUE;
}

/* The cache is keyed by the cells as written (most files repeat them
 * exactly), so that a row costs one hash lookup. */
gboolean
chc_csv_import_find_row_facility (ChcCsvImportContext  *ctx,
                                  gint64               *facility_id,
                                  GError              **error)
{
  const char *cells[3];
  FacilityLookup *lookup;

  cells[0] = chc_csv_import_cell (ctx, CHC_CSV_OF_FACILITY_CODE);
  cells[1] = chc_csv_import_cell (ctx, CHC_CSV_OF_FACILITY_NAME);
  cells[2] = chc_csv_import_cell (ctx, CHC_CSV_OF_DISTRICT);
  g_string_truncate (ctx->key, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      if (cells[i] != NULL)
        g_string_append (ctx->key, cells[i]);
      g_string_append_c (ctx->key, '\x1f');
    }

  lookup = g_hash_table_lookup (ctx->facilities, ctx->key->str);
  if (lookup == NULL)
    {
      g_autofree char *code = unguard_strip (cells[0]);
      g_autofree char *name = unguard_strip (cells[1]);
      g_autofree char *district = unguard_strip (cells[2]);

      lookup = g_new0 (FacilityLookup, 1);
      if (!lookup_facility (ctx, code, name, district, lookup, error))
        {
          facility_lookup_free (lookup);
          return FALSE;
        }
      g_hash_table_insert (ctx->facilities, g_strdup (ctx->key->str), lookup);
    }

  if (lookup->error != NULL)
    chc_csv_import_problem (ctx, FALSE, lookup->error_column, "%s", lookup->error);
  if (lookup->warning != NULL)
    chc_csv_import_problem (ctx, TRUE, lookup->warning_column, "%s", lookup->warning);
  *facility_id = lookup->id;
  return TRUE;
}

gboolean
chc_csv_import_tick (ChcCsvImportContext  *ctx,
                     GError              **error)
{
  if (++ctx->ticks % TICK_ROWS != 0)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return FALSE;
  if (ctx->progress != NULL)
    ctx->progress (chc_csv_reader_get_n_rows (ctx->reader),
                   chc_csv_reader_get_bytes_read (ctx->reader),
                   ctx->bytes_total, ctx->progress_data);
  return TRUE;
}

/* ---- the driver --------------------------------------------------------- */

static void
on_mapping_problem (gboolean    warning,
                    guint       column,
                    const char *message,
                    gpointer    user_data)
{
  ChcCsvImportContext *ctx = user_data;

  chc_csv_report_add_literal (ctx->report, warning, chc_csv_reader_get_line (ctx->reader),
                              column, message);
}

/* Reads the header row; FALSE when the import cannot go on (a problem was
 * reported, or @error set). */
static gboolean
read_header (ChcCsvImportContext  *ctx,
             GError              **error)
{
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  guint n_columns;
  guint n_errors = ctx->report->n_errors;

  if (!chc_csv_reader_next_row (ctx->reader, ctx->cancellable, &local_error))
    {
      if (local_error == NULL)
        {
          chc_csv_report_add_literal (ctx->report, FALSE, 1, 1,
                                      _("the file is empty; the first line must name the columns."));
          return FALSE;
        }
      if (local_error->domain == CHC_CSV_ERROR)
        {
          guint line, column;
          chc_csv_reader_get_error_position (ctx->reader, &line, &column);
          chc_csv_report_add_literal (ctx->report, FALSE, line, column, local_error->message);
          return FALSE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < chc_csv_reader_get_n_cells (ctx->reader); i++)
    g_ptr_array_add (headers, (gpointer) chc_csv_reader_get_cell (ctx->reader, i));

  if (ctx->options->mapping != NULL)
    {
      if (chc_csv_mapping_get_kind (ctx->options->mapping) != ctx->kind ||
          chc_csv_mapping_get_n_file_columns (ctx->options->mapping) != headers->len)
        {
          chc_csv_report_add (ctx->report, FALSE, chc_csv_reader_get_line (ctx->reader), 1,
                              _("the header has %u columns, not the %u of the chosen mapping; has the file changed?"),
                              headers->len, chc_csv_mapping_get_n_file_columns (ctx->options->mapping));
          return FALSE;
        }
      ctx->mapping = chc_csv_mapping_copy (ctx->options->mapping);
    }
  else
    ctx->mapping = chc_csv_mapping_new (ctx->kind, (const char *const *) headers->pdata, headers->len);

  chc_csv_kind_get_columns (ctx->kind, &n_columns);
  for (guint c = 0; c < n_columns; c++)
    ctx->file_column[c] = chc_csv_mapping_get_file_column (ctx->mapping, c);
  for (guint c = n_columns; c < CHC_CSV_MAX_KIND_COLUMNS; c++)
    ctx->file_column[c] = -1;

  chc_csv_mapping_check (ctx->mapping, on_mapping_problem, ctx);
  return ctx->report->n_errors == n_errors;
}

/* What the driver checks in every row before the kind does. */
static void
check_row_shape (ChcCsvImportContext *ctx,
                 gboolean            *unnamed_warned)
{
  guint n_cells = chc_csv_reader_get_n_cells (ctx->reader);
  guint n_headers = chc_csv_mapping_get_n_file_columns (ctx->mapping);

  if (n_cells <= n_headers && !ctx->has_unnamed)
    return;

  for (guint i = 0; i < n_cells; i++)
    {
      if (chc_csv_reader_get_cell_length (ctx->reader, i) == 0 ||
          chc_csv_is_blank (chc_csv_reader_get_cell (ctx->reader, i)))
        continue;

      if (i >= n_headers)
        {
          chc_csv_report_add (ctx->report, FALSE, chc_csv_reader_get_cell_line (ctx->reader, i), i + 1,
                              _("a value beyond the last column (the header names %u columns)."),
                              n_headers);
          return;
        }
      if (chc_csv_mapping_get_column (ctx->mapping, i) < 0 &&
          chc_csv_is_blank (chc_csv_mapping_get_header (ctx->mapping, i)) &&
          !unnamed_warned[i])
        {
          unnamed_warned[i] = TRUE;
          chc_csv_report_add (ctx->report, TRUE, chc_csv_reader_get_cell_line (ctx->reader, i), i + 1,
                              _("the column has no name in the header; its values are ignored."));
        }
    }
}

static ChcCsvReport *
run_import (ChcDatabase               *database,
            ChcCsvKind                 kind,
            ChcCsvReader              *reader,
            GInputStream              *stream,
            guint64                    size,
            const ChcCsvImportOptions *options,
            GCancellable              *cancellable,
            ChcCsvProgressFunc         progress,
            gpointer                   progress_data,
            GError                   **error)
{
  const ChcCsvImporter *importer = get_importer (kind);
  g_autoptr(ChcCsvReport) report = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree gboolean *unnamed_warned = NULL;
  ChcCsvImportContext ctx = { 0 };
  gpointer state = NULL;
  gboolean in_transaction = FALSE;
  g_autofree char *saved_origin = NULL;
  gboolean ok = FALSE;
  gint64 t0 = g_get_monotonic_time ();
  gint64 t_read = 0, t_check = 0, t_apply = 0;

  if (importer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Importing %s is not available yet."), chc_csv_kind_to_nick (kind));
      return NULL;
    }

  report = chc_csv_report_new (kind, options->file_name);
  ctx.database = database;
  ctx.kind = kind;
  ctx.options = options;
  ctx.report = report;
  ctx.reader = reader != NULL ? reader
                              : chc_csv_reader_new (stream, options->file_name, options->encoding, options->delimiter);
  ctx.cancellable = cancellable;
  ctx.progress = progress;
  ctx.progress_data = progress_data;
  ctx.bytes_total = size;
  ctx.districts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx.facilities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, facility_lookup_free);
  ctx.key = g_string_new (NULL);
  ctx.last_period = g_string_new (NULL);
  ctx.last_period_months = -1;

  if (!read_header (&ctx, &local_error))
    {
      ok = local_error == NULL;
      goto out;
    }

  unnamed_warned = g_new0 (gboolean, chc_csv_mapping_get_n_file_columns (ctx.mapping) + 1);
  for (guint i = 0; i < chc_csv_mapping_get_n_file_columns (ctx.mapping); i++)
    if (chc_csv_mapping_get_column (ctx.mapping, i) < 0 &&
        chc_csv_is_blank (chc_csv_mapping_get_header (ctx.mapping, i)))
      ctx.has_unnamed = TRUE;
  state = importer->new_state (&ctx);

  for (;;)
    {
      if (!chc_csv_reader_next_row (ctx.reader, cancellable, &local_error))
        break;
      report->n_rows++;
      check_row_shape (&ctx, unnamed_warned);
      if (!importer->read_row (&ctx, state, &local_error) ||
          !chc_csv_import_tick (&ctx, &local_error))
        goto out;
    }

  if (local_error != NULL)
    {
      guint line, column;

      if (local_error->domain != CHC_CSV_ERROR)
        goto out;
      chc_csv_reader_get_error_position (ctx.reader, &line, &column);
      chc_csv_report_add_literal (report, FALSE, line, column, local_error->message);
      g_clear_error (&local_error);
    }
  else if (report->n_rows == 0)
    chc_csv_report_add_literal (report, FALSE, chc_csv_reader_get_line (ctx.reader), 1,
                                _("there are no rows of data after the header."));

  t_read = g_get_monotonic_time ();

  /* A copy of the database as it was, before anything may be written. */
  if (!options->check_only && report->n_errors == 0)
    {
      g_autofree char *backup = chc_database_backup_auto (database, "import", &local_error);

      if (backup == NULL)
        goto out;
    }

  /* The check runs even after problems in some rows (the kinds skip those
   * rows), so that one run lists every problem; it is rolled back then. */
  if (!chc_database_begin (database, &local_error))
    goto out;
  in_transaction = TRUE;
  saved_origin = g_strdup (chc_database_get_origin (database));
  {
    g_autofree char *origin = g_strdup_printf ("import %s", options->file_name);
    chc_database_set_origin (database, origin);
  }

  if (!importer->check (&ctx, state, &local_error))
    goto out;
  t_check = g_get_monotonic_time ();

  if (report->n_errors == 0 &&
      (report->n_warnings == 0 || options->accept_warnings) &&
      !options->check_only)
    {
      if (!importer->apply (&ctx, state, &local_error))
        goto out;
      t_apply = g_get_monotonic_time ();
      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        goto out;
      for (guint i = 0; importer->tables[i] != NULL; i++)
        chc_database_notify_changed (database, importer->tables[i]);
      in_transaction = FALSE;
      if (!chc_database_commit (database, &local_error))
        goto out;
      report->written = TRUE;
      g_debug ("%s: read %.2f s, check %.2f s, apply %.2f s, commit %.2f s",
               options->file_name, (t_read - t0) / 1e6, (t_check - t_read) / 1e6,
               (t_apply - t_check) / 1e6, (g_get_monotonic_time () - t_apply) / 1e6);
    }
  ok = TRUE;

out:
  if (in_transaction)
    chc_database_rollback (database);
  if (saved_origin != NULL)
    chc_database_set_origin (database, saved_origin);

  report->encoding = chc_csv_reader_get_encoding (ctx.reader);
  report->delimiter = chc_csv_reader_get_delimiter (ctx.reader);
  chc_csv_report_sort (report);

  if (state != NULL)
    importer->free_state (state);
  g_clear_pointer (&ctx.mapping, chc_csv_mapping_free);
  g_clear_pointer (&ctx.reader, chc_csv_reader_free);
  g_hash_table_unref (ctx.districts);
  g_hash_table_unref (ctx.facilities);
  g_string_free (ctx.key, TRUE);
  g_string_free (ctx.last_period, TRUE);
  g_clear_pointer (&ctx.registry_by_name, g_hash_table_unref);
  g_clear_pointer (&ctx.registry_by_code, g_hash_table_unref);
  g_clear_pointer (&ctx.registry_by_id, g_hash_table_unref);
  g_clear_pointer (&ctx.registry, g_ptr_array_unref);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&report);
}

ChcCsvReport *
chc_csv_import_stream (ChcDatabase               *database,
                       ChcCsvKind                 kind,
                       GInputStream              *stream,
                       guint64                    size,
                       const ChcCsvImportOptions *options,
                       GCancellable              *cancellable,
                       ChcCsvProgressFunc         progress,
                       gpointer                   progress_data,
                       GError                   **error)
{
  ChcCsvImportOptions defaults;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail ((guint) kind < CHC_CSV_N_KINDS, NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  if (options == NULL)
    {
      chc_csv_import_options_init (&defaults);
      options = &defaults;
    }
  return run_import (database, kind, NULL, stream, size, options, cancellable,
                     progress, progress_data, error);
}

ChcCsvReport *
chc_csv_import (ChcDatabase               *database,
                ChcCsvKind                 kind,
                GFile                     *file,
                const ChcCsvImportOptions *options,
                GCancellable              *cancellable,
                ChcCsvProgressFunc         progress,
                gpointer                   progress_data,
                GError                   **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  ChcCsvImportOptions copy;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail ((guint) kind < CHC_CSV_N_KINDS, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (options != NULL)
    copy = *options;
  else
    chc_csv_import_options_init (&copy);
  if (copy.file_name == NULL)
    copy.file_name = name = g_file_get_parse_name (file);

  /* An Excel workbook: its sheet's rows, named FILE:SHEET in messages
   * (FILE:SHEET:ROW:COLUMN) */
  if (chc_xlsx_file_is_xlsx (file))
    {
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *sheet_file_name = NULL;
      ChcCsvReader *reader;

      if (path == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("%s: an Excel file must be a local file."), copy.file_name);
          return NULL;
        }
      reader = chc_csv_reader_new_for_xlsx (path, copy.sheet, copy.file_name, error);
      if (reader == NULL)
        return NULL;
      copy.file_name = sheet_file_name = g_strdup (chc_csv_reader_get_file_name (reader));
      return run_import (database, kind, reader, NULL, 0, &copy, cancellable,
                         progress, progress_data, error);
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);

  return run_import (database, kind, NULL, G_INPUT_STREAM (stream),
                     info != NULL ? (guint64) g_file_info_get_size (info) : 0,
                     &copy, cancellable, progress, progress_data, error);
}

/* ---- in a thread -------------------------------------------------------- */

/* Shared by the worker and the main context; progress reports stop once
 * the import has been finished. */
typedef struct
{
  gatomicrefcount     ref_count;
  ChcCsvProgressFunc  progress;
  void              (*waiting) (guint waited_s, gpointer user_data);
  gpointer            user_data;
  GMainContext       *context;
  gboolean            finished;   /* main context only */
  gint64              last_report;
} ProgressRelay;

typedef struct
{
  ProgressRelay *relay;
  guint64        rows;
  guint64        bytes_read;
  guint64        bytes_total;
  guint          waited_s;    /* a report of waiting for the write lock */
} ProgressReport;

static ProgressRelay *
progress_relay_ref (ProgressRelay *relay)
{
  g_atomic_ref_count_inc (&relay->ref_count);
  return relay;
}

static void
progress_relay_unref (ProgressRelay *relay)
{
  if (g_atomic_ref_count_dec (&relay->ref_count))
    {
      g_main_context_unref (relay->context);
      g_free (relay);
    }
}

typedef struct
{
  char               *path;
  ChcCsvKind          kind;
  GFile              *file;
  ChcCsvImportOptions options;
  char               *file_name;
  char               *sheet;
  ChcCsvMapping      *mapping;
  ProgressRelay      *relay;
} ImportTaskData;

static void
import_task_data_free (gpointer data)
{
  ImportTaskData *task_data = data;

  g_free (task_data->path);
  g_object_unref (task_data->file);
  g_free (task_data->file_name);
  g_free (task_data->sheet);
  g_clear_pointer (&task_data->mapping, chc_csv_mapping_free);
  progress_relay_unref (task_data->relay);
  g_free (task_data);
}

static gboolean
deliver_progress (gpointer data)
{
  ProgressReport *report = data;

  if (report->relay->finished)
    return G_SOURCE_REMOVE;
  if (report->waited_s > 0)
    {
      if (report->relay->waiting != NULL)
        report->relay->waiting (report->waited_s, report->relay->user_data);
    }
  else if (report->relay->progress != NULL)
    report->relay->progress (report->rows, report->bytes_read, report->bytes_total,
                             report->relay->user_data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  progress_relay_unref (report->relay);
  g_free (report);
}

/* In the worker: forwards at most ten reports a second. */
static void
relay_progress (guint64  rows,
                guint64  bytes_read,
                guint64  bytes_total,
                gpointer user_data)
{
  ProgressRelay *relay = user_data;
  ProgressReport *report;
  gint64 now = g_get_monotonic_time ();

  if (relay->progress == NULL || now - relay->last_report < G_USEC_PER_SEC / 10)
    return;
  relay->last_report = now;

  report = g_new0 (ProgressReport, 1);
  report->relay = progress_relay_ref (relay);
  report->rows = rows;
  report->bytes_read = bytes_read;
  report->bytes_total = bytes_total;
  g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, deliver_progress,
                              report, progress_report_free);
}

typedef struct
{
  ProgressRelay *relay;
  GCancellable  *cancellable;
  guint          shown_s;
} WaitRelay;

/* In the worker, while another program holds the write lock: waits until
 * it is released or the import is cancelled, saying so once a second. */
static gboolean
relay_waiting (ChcDatabase *database,
               guint        waited_ms,
               gpointer     user_data)
{
  WaitRelay *wait = user_data;
  ProgressReport *report;

  if (g_cancellable_is_cancelled (wait->cancellable))
    return FALSE;
  if (waited_ms < 1000 || waited_ms / 1000 == wait->shown_s)
    return TRUE;
  wait->shown_s = waited_ms / 1000;

  report = g_new0 (ProgressReport, 1);
  report->relay = progress_relay_ref (wait->relay);
  report->waited_s = wait->shown_s;
  g_main_context_invoke_full (wait->relay->context, G_PRIORITY_DEFAULT, deliver_progress,
                              report, progress_report_free);
  return TRUE;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTaskData *data = task_data;
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  ChcCsvReport *report;
  WaitRelay wait = { data->relay, cancellable, 0 };

  database = chc_database_open_worker (data->path, &error);
  if (database == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  chc_database_set_busy_handler (database, G_MAXUINT, relay_waiting, &wait);

  report = chc_csv_import (database, data->kind, data->file, &data->options, cancellable,
                           relay_progress, data->relay, &error);
  /* Closed before the caller hears of the end: it may move the file. */
  g_clear_object (&database);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) chc_csv_report_free);
}

void
chc_csv_import_async (ChcDatabase               *database,
                      ChcCsvKind                 kind,
                      GFile                     *file,
                      const ChcCsvImportOptions *options,
                      GCancellable              *cancellable,
                      ChcCsvProgressFunc         progress,
                      GAsyncReadyCallback        callback,
                      gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTaskData *data;

  g_return_if_fail (CHC_IS_DATABASE (database));
  g_return_if_fail ((guint) kind < CHC_CSV_N_KINDS);
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ImportTaskData, 1);
  data->path = g_strdup (chc_database_get_path (database));
  data->kind = kind;
  data->file = g_object_ref (file);
  if (options != NULL)
    data->options = *options;
  else
    chc_csv_import_options_init (&data->options);
  data->file_name = g_strdup (data->options.file_name);
  data->options.file_name = data->file_name;
  data->sheet = g_strdup (data->options.sheet);
  data->options.sheet = data->sheet;
  if (data->options.mapping != NULL)
    data->mapping = chc_csv_mapping_copy (data->options.mapping);
  data->options.mapping = data->mapping;
  data->relay = g_new0 (ProgressRelay, 1);
  g_atomic_ref_count_init (&data->relay->ref_count);
  data->relay->progress = progress;
  data->relay->waiting = data->options.waiting;
  data->relay->user_data = user_data;
  data->relay->context = g_main_context_ref_thread_default ();

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, chc_csv_import_async);
  g_task_set_task_data (task, data, import_task_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, import_thread);
}

ChcCsvReport *
chc_csv_import_finish (ChcDatabase   *database,
                       GAsyncResult  *result,
                       GError       **error)
{
  ImportTaskData *data;
  ChcCsvReport *report;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (g_task_is_valid (result, database), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == chc_csv_import_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  data->relay->finished = TRUE;

  report = g_task_propagate_pointer (G_TASK (result), error);
  if (report != NULL && report->written)
    {
      const ChcCsvImporter *importer = get_importer (report->kind);
      for (guint i = 0; importer != NULL && importer->tables[i] != NULL; i++)
        chc_database_notify_changed (database, importer->tables[i]);
    }
  return report;
}
