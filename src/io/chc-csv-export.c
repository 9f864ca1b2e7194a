/* chc-csv-export.c — writing the CSV kinds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-csv"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "chc-csv-export.h"
#include "chc-csv-export-private.h"
#include "chc-csv-values.h"
#include "chc-xlsx-writer.h"
#include "core/chc-text.h"

#define FLUSH_SIZE (64 * 1024)

struct _ChcCsvExportContext
{
  ChcDatabase               *database;
  ChcCsvKind                 kind;
  const ChcCsvExportOptions *options;
  GOutputStream             *stream;
  GCancellable              *cancellable;
  GString                   *buffer;      /* UTF-8, not yet written */
  GIConv                     iconv;
  guint                      n_cells;     /* in the current row */
  guint64                    n_rows;
  const ChcCsvColumn        *columns;
  guint                      n_columns;
  ChcXlsxWriter             *xlsx;        /* XLSX: the workbook, else NULL */
  GIConv                     gbk;         /* GB18030: tells values outside GBK */
};

void
chc_csv_export_options_init (ChcCsvExportOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->encoding = CHC_CSV_ENCODING_UTF8;
}

/* ---- writing cells -------------------------------------------------------- */

static gboolean
flush (ChcCsvExportContext  *ctx,
       GError              **error)
{
  gboolean ok;

  if (ctx->buffer->len == 0)
    return TRUE;

  if (ctx->iconv != (GIConv) -1)
    {
      g_autofree char *converted = NULL;
      gsize written = 0;

      converted = g_convert_with_iconv (ctx->buffer->str, ctx->buffer->len, ctx->iconv,
                                        NULL, &written, error);
      if (converted == NULL)
        return FALSE;
      ok = g_output_stream_write_all (ctx->stream, converted, written, NULL,
                                      ctx->cancellable, error);
    }
  else
    ok = g_output_stream_write_all (ctx->stream, ctx->buffer->str, ctx->buffer->len, NULL,
                                    ctx->cancellable, error);
  g_string_truncate (ctx->buffer, 0);
  return ok;
}

static ChcXlsxCellType
xlsx_type (ChcCsvValueType type)
{
  switch (type)
    {
    case CHC_CSV_VALUE_COUNT:
      return CHC_XLSX_CELL_COUNT;
    case CHC_CSV_VALUE_NUMBER:
      return CHC_XLSX_CELL_NUMBER;
    case CHC_CSV_VALUE_DATE:
      return CHC_XLSX_CELL_DATE;
    case CHC_CSV_VALUE_YEAR:
      return CHC_XLSX_CELL_YEAR;
    default:
      /* months stay text ("2025-06"): a date cell would become a day */
      return CHC_XLSX_CELL_TEXT;
    }
}

/* GB18030 files: note a value software reading GBK cannot read. */
static void
check_gbk (ChcCsvExportContext *ctx,
           guint                column,
           const char          *text)
{
  g_autofree char *converted = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *header = NULL;

  if (ctx->gbk == (GIConv) -1 || ctx->options->outside_gbk == NULL)
    return;
  for (const char *p = text; ; p++)
    if (*p == '\0')
      return;   /* ASCII */
    else if ((guchar) *p >= 0x80)
      break;
  g_iconv (ctx->gbk, NULL, NULL, NULL, NULL);
  converted = g_convert_with_iconv (text, -1, ctx->gbk, NULL, NULL, NULL);
  if (converted != NULL)
    return;
  quoted = chc_csv_quote_value (text);
  header = column < ctx->n_columns ? chc_csv_column_display (ctx->kind, column) : g_strdup ("?");
  /* the file's line: the header is line 1 */
  g_ptr_array_add (ctx->options->outside_gbk,
                   g_strdup_printf (_("line %llu, %s: %s"),
                                    (unsigned long long) ctx->n_rows + 2, header, quoted));
}

void
chc_csv_export_cell (ChcCsvExportContext *ctx,
                     const char          *text)
{
  g_autofree char *guarded = NULL;
  gboolean quote = FALSE;
  guint column = ctx->n_cells;
  ChcCsvValueType type = column < ctx->n_columns ? ctx->columns[column].type : CHC_CSV_VALUE_TEXT;

  if (ctx->xlsx != NULL)
    {
      /* A string cell is never a formula: "=…" is written as it is.  A
       * text that looks guarded already ("'=…") gets its guard, so that
       * import, which takes the guard away in a sheet as in CSV (a CSV
       * file saved again from Excel keeps its "'"), gives it back. */
      if (type == CHC_CSV_VALUE_TEXT && text != NULL && text[0] == '\'' && chc_text_needs_guard (text))
        text = guarded = chc_text_guard (text);
      ctx->n_cells++;
      chc_xlsx_writer_typed_text (ctx->xlsx, text, xlsx_type (type));
      return;
    }

  if (ctx->n_cells++ > 0)
    g_string_append_c (ctx->buffer, ',');
  if (text == NULL || *text == '\0')
    return;
  if (type == CHC_CSV_VALUE_TEXT && chc_text_needs_guard (text))
    text = guarded = chc_text_guard (text);
  check_gbk (ctx, column, text);

  for (const char *p = text; *p != '\0'; p++)
    if (*p == ',' || *p == '"' || *p == '\n' || *p == '\r' || *p == ';' || *p == '\t')
      {
        quote = TRUE;
        break;
      }
  /* spaces around a value are kept only inside quotes */
  if (!quote && (g_ascii_isspace (text[0]) || g_ascii_isspace (text[strlen (text) - 1])))
    quote = TRUE;

  if (!quote)
    {
      g_string_append (ctx->buffer, text);
      return;
    }
  g_string_append_c (ctx->buffer, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (ctx->buffer, '"');
      g_string_append_c (ctx->buffer, *p);
    }
  g_string_append_c (ctx->buffer, '"');
}

void
chc_csv_export_count (ChcCsvExportContext *ctx,
                      gint64               value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  chc_csv_export_cell (ctx, text);
}

/* The shortest text that reads back as the same double; empty for NAN. */
void
chc_csv_export_number (ChcCsvExportContext *ctx,
                       double               value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (value != value)
    {
      chc_csv_export_cell (ctx, NULL);
      return;
    }
  chc_csv_export_cell (ctx, g_ascii_dtostr (text, sizeof text, value));
}

gboolean
chc_csv_export_end_row (ChcCsvExportContext  *ctx,
                        GError              **error)
{
  if (ctx->xlsx != NULL)
    {
      ctx->n_cells = 0;
      ctx->n_rows++;
      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        return FALSE;
      return chc_xlsx_writer_end_row (ctx->xlsx, error);
    }
  g_string_append (ctx->buffer, "\r\n");
  ctx->n_cells = 0;
  ctx->n_rows++;
  if (ctx->buffer->len >= FLUSH_SIZE)
    {
      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        return FALSE;
      return flush (ctx, error);
    }
  return TRUE;
}

gboolean
chc_csv_export_english (ChcCsvExportContext *ctx)
{
  return ctx->options->english_headers;
}

gboolean
chc_csv_export_wants (ChcCsvExportContext *ctx,
                      gint64               facility_id,
                      gint64               project_id,
                      const char          *period)
{
  const ChcCsvExportOptions *o = ctx->options;

  if (o->facility_ids != NULL && facility_id != 0 && !g_hash_table_contains (o->facility_ids, &facility_id))
    return FALSE;
  if (o->project_ids != NULL && project_id != 0 && !g_hash_table_contains (o->project_ids, &project_id))
    return FALSE;
  if (o->year > 0 && period != NULL && atoi (period) != o->year)
    return FALSE;
  return TRUE;
}

gint64
chc_csv_export_district_id (ChcCsvExportContext *ctx)
{
  return ctx->options->district_id;
}

const char *
chc_csv_export_element (ChcCsvExportContext *ctx)
{
  return ctx->options->element;
}

ChcDatabase *
chc_csv_export_database (ChcCsvExportContext *ctx)
{
  return ctx->database;
}

GHashTable *
chc_csv_export_facilities_by_id (ChcCsvExportContext  *ctx,
                                 GError              **error)
{
  g_autoptr(GPtrArray) facilities = NULL;
  GHashTable *by_id;

  facilities = chc_database_list_facilities (ctx->database, ctx->options->district_id, error);
  if (facilities == NULL)
    return NULL;

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *facility = g_ptr_array_index (facilities, i);
      gint64 id = chc_facility_get_id (facility);

      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), g_object_ref (facility));
    }
  return by_id;
}

void
chc_csv_export_monthly_key (ChcCsvExportContext *ctx,
                            ChcFacility         *facility,
                            const char          *period)
{
  chc_csv_export_cell (ctx, chc_facility_get_code (facility));
  chc_csv_export_cell (ctx, chc_facility_get_name (facility));
  chc_csv_export_cell (ctx, chc_facility_get_district_name (facility));
  chc_csv_export_cell (ctx, period);
}

static gboolean
write_header (ChcCsvExportContext  *ctx,
              GError              **error)
{
  const ChcCsvColumn *columns = ctx->columns;
  guint n_columns = ctx->n_columns;
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_columns; i++)
    {
      if (ctx->options->english_headers)
        g_ptr_array_add (headers, g_strdup (columns[i].name));
      else
        {
          const char *bar = strchr (columns[i].aliases, '|');

          g_ptr_array_add (headers, bar != NULL ? g_strndup (columns[i].aliases, bar - columns[i].aliases)
                                                : g_strdup (columns[i].aliases));
        }
    }

  if (ctx->xlsx != NULL)
    {
      g_autofree char *title = chc_csv_export_title (ctx->database, ctx->kind, ctx->options);

      return chc_xlsx_writer_add_sheet (ctx->xlsx, chc_csv_kind_title (ctx->kind), title,
                                        n_columns, (const char *const *) headers->pdata, error);
    }

  for (guint i = 0; i < n_columns; i++)
    chc_csv_export_cell (ctx, g_ptr_array_index (headers, i));
  if (!chc_csv_export_end_row (ctx, error))
    return FALSE;
  ctx->n_rows = 0;
  return TRUE;
}

const char *
chc_csv_kind_title (ChcCsvKind kind)
{
  static const char *const titles[CHC_CSV_N_KINDS] = {
    N_("Facility registry"), N_("Family-doctor signing"), N_("TCM visits"), N_("Construction projects"),
    N_("Values of data elements"),
  };

  g_return_val_if_fail ((guint) kind < CHC_CSV_N_KINDS, NULL);
  return _(titles[kind]);
}

char *
chc_csv_export_title (ChcDatabase               *database,
                      ChcCsvKind                 kind,
                      const ChcCsvExportOptions *options)
{
  g_autoptr(GString) title = g_string_new (chc_csv_kind_title (kind));
  g_autoptr(ChcDistrict) district = NULL;

  if (options->district_id > 0)
    district = chc_database_get_district (database, options->district_id, NULL);
  /* "  ·  " between the parts of a title row */
  g_string_append (title, _("  ·  "));
  g_string_append (title, district != NULL ? chc_district_get_name (district) : _("All districts"));
  if (options->year > 0)
    {
      g_string_append (title, _("  ·  "));
      g_string_append_printf (title, _("Year %d"), options->year);
    }
  if (chc_database_get_demo (database))
    {
      g_string_append (title, _("  ·  "));
      g_string_append (title, _("Demo data"));
    }
  return g_string_free (g_steal_pointer (&title), FALSE);
}

/* ---- public API --------------------------------------------------------- */

static ChcCsvExportRowsFunc
get_exporter (ChcCsvKind kind)
{
  switch (kind)
    {
    case CHC_CSV_KIND_FACILITIES:
      return chc_csv_export_facilities;
    case CHC_CSV_KIND_SIGNING:
      return chc_csv_export_signing;
    case CHC_CSV_KIND_TCM:
      return chc_csv_export_tcm;
    case CHC_CSV_KIND_PROJECTS:
      return chc_csv_export_projects;
    case CHC_CSV_KIND_VALUES:
      return chc_csv_export_element_values;
    default:
      return NULL;
    }
}

/* The workbook is written to a temporary file (libxlsxwriter writes
 * files), then copied to the stream. */
static gboolean
export_xlsx (ChcCsvExportContext   *ctx,
             ChcCsvExportRowsFunc   rows,
             guint64               *n_rows,
             GError               **error)
{
  g_autoptr(ChcXlsxWriter) xlsx = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(GFile) tmp_file = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  gboolean ok;
  int fd;

  fd = g_file_open_tmp ("chc-export-XXXXXX.xlsx", &tmp_path, error);
  if (fd < 0)
    return FALSE;
  close (fd);

  xlsx = chc_xlsx_writer_new (tmp_path, error);
  ok = xlsx != NULL;
  ctx->xlsx = xlsx;
  ok = ok &&
       write_header (ctx, error) &&
       rows (ctx, error) &&
       chc_xlsx_writer_close (xlsx, error);
  ctx->xlsx = NULL;

  if (ok)
    {
      tmp_file = g_file_new_for_path (tmp_path);
      input = g_file_read (tmp_file, ctx->cancellable, error);
      ok = input != NULL &&
           g_output_stream_splice (ctx->stream, G_INPUT_STREAM (input),
                                   G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                                   ctx->cancellable, error) >= 0;
    }
  if (ok && n_rows != NULL)
    *n_rows = ctx->n_rows;
  g_unlink (tmp_path);
  return ok;
}

gboolean
chc_csv_export_stream (ChcDatabase               *database,
                       ChcCsvKind                 kind,
                       GOutputStream             *stream,
                       const ChcCsvExportOptions *options,
                       GCancellable              *cancellable,
                       guint64                   *n_rows,
                       GError                   **error)
{
  ChcCsvExportRowsFunc rows = get_exporter (kind);
  ChcCsvExportOptions defaults;
  ChcCsvExportContext ctx = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);
  g_return_val_if_fail ((guint) kind < CHC_CSV_N_KINDS, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (options == NULL)
    {
      chc_csv_export_options_init (&defaults);
      options = &defaults;
    }
  g_return_val_if_fail (options->encoding == CHC_CSV_ENCODING_UTF8 ||
                        options->encoding == CHC_CSV_ENCODING_GB18030 ||
                        options->encoding == CHC_CSV_ENCODING_AUTO, FALSE);

  if (rows == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Exporting %s is not available yet."), chc_csv_kind_to_nick (kind));
      return FALSE;
    }

  ctx.database = database;
  ctx.kind = kind;
  ctx.options = options;
  ctx.stream = stream;
  ctx.cancellable = cancellable;
  ctx.buffer = g_string_sized_new (FLUSH_SIZE + 4096);
  ctx.iconv = (GIConv) -1;
  ctx.gbk = (GIConv) -1;
  ctx.columns = chc_csv_kind_get_columns (kind, &ctx.n_columns);

  if (options->format == CHC_EXPORT_FORMAT_XLSX)
    {
      ok = export_xlsx (&ctx, rows, n_rows, error);
      goto out;
    }

  if (options->encoding == CHC_CSV_ENCODING_GB18030)
    {
      if (options->outside_gbk != NULL)
        ctx.gbk = g_iconv_open ("GBK", "UTF-8");
      ctx.iconv = g_iconv_open ("GB18030", "UTF-8");
      if (ctx.iconv == (GIConv) -1)
        {
          g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION,
                       _("This system cannot convert to %s."), "GB18030");
          goto out;
        }
    }
  else
    g_string_append (ctx.buffer, "\xEF\xBB\xBF");   /* the BOM Excel needs */

  ok = write_header (&ctx, error) &&
       rows (&ctx, error) &&
       flush (&ctx, error);

  if (ok && n_rows != NULL)
    *n_rows = ctx.n_rows;

out:
  if (ctx.iconv != (GIConv) -1)
    g_iconv_close (ctx.iconv);
  if (ctx.gbk != (GIConv) -1)
    g_iconv_close (ctx.gbk);
  g_string_free (ctx.buffer, TRUE);
  return ok;
}

gboolean
chc_csv_export (ChcDatabase               *database,
                ChcCsvKind                 kind,
                GFile                     *file,
                const ChcCsvExportOptions *options,
                GCancellable              *cancellable,
                guint64                   *n_rows,
                GError                   **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GCancellable) own_cancellable = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, error);
  if (stream == NULL)
    return FALSE;

  if (!chc_csv_export_stream (database, kind, G_OUTPUT_STREAM (stream), options,
                              cancellable, n_rows, &local_error))
    {
      /* Closing a cancelled replace stream keeps the old file. */
      own_cancellable = g_cancellable_new ();
      g_cancellable_cancel (own_cancellable);
      g_output_stream_close (G_OUTPUT_STREAM (stream), own_cancellable, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}
