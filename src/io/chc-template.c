/* chc-template.c — the signing entry template.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-io"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-template.h"
#include "chc-csv-columns.h"
#include "chc-xlsx-writer.h"
#include "store/chc-database-signing.h"

gboolean
chc_template_data_set_from_nick (const char *nick)
{
  return g_strcmp0 (nick, "signing") == 0;
}

static char *
chinese_header (const ChcCsvColumn *column)
{
  const char *bar = strchr (column->aliases, '|');

  return bar != NULL ? g_strndup (column->aliases, bar - column->aliases) : g_strdup (column->aliases);
}

gboolean
chc_template_write_signing (ChcDatabase  *database,
                            ChcFacility  *centre,
                            const char   *period,
                            const char   *path,
                            guint        *n_rows,
                            GError      **error)
{
  /* the figure columns and the column each is at most (-1: none) */
  static const struct { guint column; int at_most; } figures[] = {
    { CHC_CSV_SIGNING_RESIDENT_POPULATION, -1 },
    { CHC_CSV_SIGNING_SIGNED_RESIDENTS, CHC_CSV_SIGNING_RESIDENT_POPULATION },
    { CHC_CSV_SIGNING_KEY_POPULATION, CHC_CSV_SIGNING_RESIDENT_POPULATION },
    { CHC_CSV_SIGNING_KEY_POPULATION_SIGNED, CHC_CSV_SIGNING_KEY_POPULATION },
    { CHC_CSV_SIGNING_ONLINE_SIGNED, CHC_CSV_SIGNING_SIGNED_RESIDENTS },
    { CHC_CSV_SIGNING_SIGNED_VISITS_TOTAL, -1 },
    { CHC_CSV_SIGNING_SIGNED_VISITS_IN_COMMUNITY, CHC_CSV_SIGNING_SIGNED_VISITS_TOTAL },
  };
  g_autoptr(ChcXlsxWriter) writer = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GHashTable) parent_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  const ChcCsvColumn *columns;
  gint64 centre_id = chc_facility_get_id (centre);
  gint64 district_id = chc_facility_get_district_id (centre);
  guint n_columns, first_row, n = 0;

  records = chc_database_list_signing_month (database, district_id, period, error);
  if (records == NULL)
    return FALSE;
  facilities = chc_database_list_facilities (database, district_id, error);
  if (facilities == NULL)
    return FALSE;
  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (facilities, i);
      gint64 id = chc_facility_get_id (f);
      gint64 parent = chc_facility_get_parent_id (f);

      g_hash_table_insert (parent_of, g_memdup2 (&id, sizeof id), g_memdup2 (&parent, sizeof parent));
    }

  columns = chc_csv_kind_get_columns (CHC_CSV_KIND_SIGNING, &n_columns);
  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (headers, chinese_header (&columns[c]));

  writer = chc_xlsx_writer_new (path, error);
  if (writer == NULL)
    return FALSE;
  /* the title names what to fill; import skips it */
  title = g_strdup_printf (_("%s · family-doctor signing · %s: fill in the shaded cells and send the file back"),
                           chc_facility_get_name (centre), period);
  if (chc_database_get_demo (database))
    {
      g_autofree char *demo = g_strdup_printf ("%s%s%s", title, _("  ·  "), _("Demo data"));

      g_free (title);
      title = g_steal_pointer (&demo);
    }
  if (!chc_xlsx_writer_add_sheet (writer, period, title, n_columns, (const char *const *) headers->pdata, error))
    return FALSE;
  first_row = chc_xlsx_writer_get_row (writer);

  for (guint i = 0; i < records->len; i++)
    {
      ChcSigningRecord *record = g_ptr_array_index (records, i);
      gint64 id = chc_signing_record_get_facility_id (record);
      gint64 *parent = g_hash_table_lookup (parent_of, &id);
      gboolean saved = chc_signing_record_get_saved (record);

      if (id != centre_id && (parent == NULL || *parent != centre_id))
        continue;
      chc_xlsx_writer_set_input (writer, FALSE);
      for (guint c = 0; c < n_columns; c++)
        {
          if (c == CHC_CSV_OF_FACILITY_CODE)
            chc_xlsx_writer_text (writer, chc_signing_record_get_facility_code (record));
          else if (c == CHC_CSV_OF_FACILITY_NAME)
            chc_xlsx_writer_text (writer, chc_signing_record_get_facility_name (record));
          else if (c == CHC_CSV_OF_DISTRICT)
            chc_xlsx_writer_text (writer, chc_facility_get_district_name (centre));
          else if (c == CHC_CSV_SIGNING_PERIOD)
            chc_xlsx_writer_text (writer, period);
          else
            {
              chc_xlsx_writer_set_input (writer, TRUE);
              if (saved)
                chc_xlsx_writer_number (writer,
                                        (double) chc_signing_record_get_figure (record, (ChcSigningFigure) (c - CHC_CSV_SIGNING_RESIDENT_POPULATION)),
                                        CHC_XLSX_CELL_COUNT);
              else
                chc_xlsx_writer_text (writer, NULL);
            }
        }
      if (!chc_xlsx_writer_end_row (writer, error))
        return FALSE;
      n++;
    }
  chc_xlsx_writer_set_input (writer, FALSE);

  if (n == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s reports no family-doctor signing figures (neither it nor a branch centre under it)."),
                   chc_facility_get_name (centre));
      return FALSE;
    }
  for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
    {
      g_autofree char *header = chinese_header (&columns[figures[f].column]);
      g_autofree char *limit = figures[f].at_most >= 0 ? chinese_header (&columns[figures[f].at_most]) : NULL;
      g_autofree char *message = limit != NULL
        ? g_strdup_printf (_("A whole number from 0 to %s."), limit)
        : g_strdup (_("A whole number from 0."));

      if (!chc_xlsx_writer_validate_count (writer, first_row, first_row + n - 1, figures[f].column,
                                           figures[f].at_most, header, message, error))
        return FALSE;
    }
  chc_xlsx_writer_protect (writer);
  if (!chc_xlsx_writer_close (writer, error))
    return FALSE;
  if (n_rows != NULL)
    *n_rows = n;
  return TRUE;
}
