/* chc-report-xlsx.c — the bulletin's tables as an Excel/WPS workbook: the
 * same tables as its pages (chc_report_foreach_table), one sheet each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-report"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-report.h"
#include "chc-xlsx-writer.h"

typedef struct
{
  ChcXlsxWriter *writer;
  const char    *caption;
  gboolean       demo;
  GHashTable    *names;   /* sheet names used */
  GError        *error;
} Workbook;

/* What a cell of the bulletin holds: "47.7%" a percentage, "12" or
 * "+1.1" a number, anything else ("—", names, "达标") text. */
static ChcXlsxCellType
cell_type (const char *text)
{
  const char *p = text;
  gboolean digit = FALSE, point = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (*p == '.' && !point)
        point = TRUE;
      else if (*p == ',' && digit)
        ;
      else if (*p == '%' && p[1] == '\0' && digit)
        return CHC_XLSX_CELL_PERCENT;
      else
        return CHC_XLSX_CELL_TEXT;
    }
  if (!digit)
    return CHC_XLSX_CELL_TEXT;
  return point ? CHC_XLSX_CELL_NUMBER : CHC_XLSX_CELL_COUNT;
}

/* Excel wants each sheet's name once: "名称 (2)" for the second. */
static char *
unique_name (Workbook   *book,
             const char *title)
{
  g_autofree char *base = g_utf8_substring (title, 0, MIN (g_utf8_strlen (title, -1), 26));
  char *name = g_strdup (base);

  for (int n = 2; g_hash_table_contains (book->names, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s (%d)", base, n);
    }
  g_hash_table_add (book->names, g_strdup (name));
  return name;
}

static void
add_table (const char     *title,
           ChcReportTable *table,
           gpointer        user_data)
{
  Workbook *book = user_data;
  guint n_columns = chc_report_table_get_n_columns (table);
  g_autofree const char **headers = g_new0 (const char *, n_columns + 1);
  g_autofree char *name = NULL;
  g_autofree char *sheet_title = NULL;

  if (book->error != NULL)
    return;
  if (title == NULL)
    title = _("Table");
  for (guint c = 0; c < n_columns; c++)
    headers[c] = chc_report_table_get_title (table, c);
  name = unique_name (book, title);
  sheet_title = book->demo
                /* Translators: the title row of a sheet of the bulletin's
                 * tables: "青浦区 · 2025年度 — 各中心家庭医生签约服务情况 (示例数据)". */
                ? g_strdup_printf (_("%s — %s (demo data)"), book->caption, title)
                /* Translators: the title row of a sheet of the bulletin's tables. */
                : g_strdup_printf (_("%s — %s"), book->caption, title);
  if (!chc_xlsx_writer_add_sheet (book->writer, name, sheet_title, n_columns, headers, &book->error))
    return;
  for (guint r = 0; r < chc_report_table_get_n_rows (table); r++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          const char *text = chc_report_table_get_cell (table, r, c);
          ChcXlsxCellType type = text != NULL ? cell_type (text) : CHC_XLSX_CELL_TEXT;

          /* "+1.1" (a change) is the number 1.1. */
          if (type != CHC_XLSX_CELL_TEXT && text[0] == '+')
            text++;
          chc_xlsx_writer_typed_text (book->writer, text, type);
        }
      if (!chc_xlsx_writer_end_row (book->writer, &book->error))
        return;
    }
}

gboolean
chc_report_write_tables_xlsx (ChcReport   *self,
                              const char  *caption,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(ChcXlsxWriter) writer = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Workbook book = { 0 };

  g_return_val_if_fail (CHC_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  writer = chc_xlsx_writer_new (path, error);
  if (writer == NULL)
    return FALSE;
  book.writer = writer;
  book.caption = caption != NULL ? caption : chc_report_get_title (self);
  book.demo = chc_report_get_demo (self);
  book.names = names;
  chc_report_foreach_table (self, add_table, &book);
  if (book.error != NULL)
    {
      g_propagate_error (error, book.error);
      return FALSE;
    }
  if (g_hash_table_size (names) == 0)
    {
      /* Not an empty workbook: a sheet that says there is nothing. */
      const char *headers[] = { _("Note"), NULL };

      if (!chc_xlsx_writer_add_sheet (writer, _("Tables"), book.caption, 1, headers, error))
        return FALSE;
      chc_xlsx_writer_text (writer, _("The bulletin has no table for this period."));
      if (!chc_xlsx_writer_end_row (writer, error))
        return FALSE;
    }
  return chc_xlsx_writer_close (writer, error);
}
