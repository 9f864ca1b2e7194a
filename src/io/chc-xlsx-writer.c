/* chc-xlsx-writer.c — Excel/WPS workbooks over libxlsxwriter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-xlsx"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "chc-xlsx-writer.h"

/* Excel's limits (a cell's text, a sheet's rows). */
#define MAX_CELL_CHARS 32767
#define MAX_ROWS 1048576
#define MIN_WIDTH 6
#define MAX_WIDTH 60

struct _ChcXlsxWriter
{
  char           *path;
  char           *tmp_path;
  lxw_workbook   *workbook;
  lxw_worksheet  *sheet;
  lxw_format     *title_format;
  lxw_format     *header_format;
  lxw_format     *formats[CHC_XLSX_CELL_DATE + 1];
  lxw_format     *input_formats[CHC_XLSX_CELL_DATE + 1];   /* unlocked, shaded */
  gboolean        input;
  GArray         *widths;      /* guint per column of the current sheet */
  GHashTable     *sheet_names; /* folded names used */
  guint32         row;
  guint16         column;
  lxw_error       failure;     /* the first failure of a cell, or LXW_NO_ERROR */
  gboolean        closed;
};

guint
chc_xlsx_text_width (const char *text)
{
  guint width = 0;

  if (text == NULL)
    return 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static void
set_failure (ChcXlsxWriter *self,
             lxw_error      failure)
{
  if (failure != LXW_NO_ERROR && self->failure == LXW_NO_ERROR)
    self->failure = failure;
}

static gboolean
check_failure (ChcXlsxWriter  *self,
               GError        **error)
{
  if (self->failure == LXW_NO_ERROR)
    return TRUE;
  if (self->failure == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("The table has more rows than an Excel sheet can hold (%d)."), MAX_ROWS);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("The Excel file could not be written (%s)."), lxw_strerror (self->failure));
  return FALSE;
}

ChcXlsxWriter *
chc_xlsx_writer_new (const char  *path,
                     GError     **error)
{
  g_autoptr(ChcXlsxWriter) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (ChcXlsxWriter, 1);
  self->path = g_strdup (path);
  self->widths = g_array_new (FALSE, TRUE, sizeof (guint));
  self->sheet_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  template = g_build_filename (dir, ".chc-xlsx-XXXXXX", NULL);
  fd = g_mkstemp_full (template, O_RDWR, 0644);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write %s: %s"), display, g_strerror (saved));
      return NULL;
    }
  close (fd);
  self->tmp_path = g_steal_pointer (&template);

  {
    /* rows are written in order: constant memory (each sheet's rows go to
     * a temporary file in the target's folder, strings inline), so that a
     * million-row export does not hold the sheet in memory */
    lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = dir, .use_zip64 = LXW_FALSE };

    self->workbook = workbook_new_opt (self->tmp_path, &options);
  }
  if (self->workbook == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot write %s."), display);
      return NULL;
    }

  self->title_format = workbook_add_format (self->workbook);
  format_set_bold (self->title_format);
  format_set_font_size (self->title_format, 13);
  self->header_format = workbook_add_format (self->workbook);
  format_set_bold (self->header_format);
  format_set_bg_color (self->header_format, 0xDDEBF7);
  format_set_text_wrap (self->header_format);
  format_set_align (self->header_format, LXW_ALIGN_CENTER);
  format_set_align (self->header_format, LXW_ALIGN_VERTICAL_CENTER);

  self->formats[CHC_XLSX_CELL_TEXT] = NULL;
  self->formats[CHC_XLSX_CELL_COUNT] = workbook_add_format (self->workbook);
  format_set_num_format (self->formats[CHC_XLSX_CELL_COUNT], "#,##0");
  self->formats[CHC_XLSX_CELL_NUMBER] = workbook_add_format (self->workbook);
  format_set_num_format (self->formats[CHC_XLSX_CELL_NUMBER], "#,##0.0#");
  self->formats[CHC_XLSX_CELL_PERCENT] = workbook_add_format (self->workbook);
  format_set_num_format (self->formats[CHC_XLSX_CELL_PERCENT], "0.0%");
  self->formats[CHC_XLSX_CELL_YEAR] = workbook_add_format (self->workbook);
  format_set_num_format (self->formats[CHC_XLSX_CELL_YEAR], "0");
  self->formats[CHC_XLSX_CELL_DATE] = workbook_add_format (self->workbook);
  format_set_num_format (self->formats[CHC_XLSX_CELL_DATE], "yyyy-mm-dd");
  for (guint t = 0; t <= CHC_XLSX_CELL_DATE; t++)
    {
      static const char *const codes[] = { NULL, "#,##0", "#,##0.0#", "0.0%", "0", "yyyy-mm-dd" };

      self->input_formats[t] = workbook_add_format (self->workbook);
      format_set_unlocked (self->input_formats[t]);
      format_set_bg_color (self->input_formats[t], 0xFFF9DB);
      if (codes[t] != NULL)
        format_set_num_format (self->input_formats[t], codes[t]);
    }

  return g_steal_pointer (&self);
}

static void
note_width (ChcXlsxWriter *self,
            guint          width)
{
  guint *w;

  if (self->column >= self->widths->len)
    g_array_set_size (self->widths, self->column + 1);
  w = &g_array_index (self->widths, guint, self->column);
  *w = MAX (*w, width);
}

static void
finish_sheet (ChcXlsxWriter *self)
{
  if (self->sheet == NULL)
    return;
  for (guint i = 0; i < self->widths->len; i++)
    {
      guint width = CLAMP (g_array_index (self->widths, guint, i) + 2, MIN_WIDTH, MAX_WIDTH);

      set_failure (self, worksheet_set_column (self->sheet, i, i, width, NULL));
    }
  g_array_set_size (self->widths, 0);
  self->sheet = NULL;
}

static char *
sheet_name (ChcXlsxWriter *self,
            const char    *name)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  guint n = 0;

  for (const char *p = name; *p != '\0' && n < 28; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (strchr ("[]:*?/\\'", (int) c) != NULL && c < 0x80)
        c = '_';
      g_string_append_unichar (clean, c);
    }
  if (clean->len == 0)
    g_string_append (clean, "Sheet");
  /* Excel compares sheet names without case */
  for (guint i = 2; ; i++)
    {
      g_autofree char *folded = g_utf8_casefold (clean->str, -1);

      if (!g_hash_table_contains (self->sheet_names, folded))
        {
          g_hash_table_add (self->sheet_names, g_steal_pointer (&folded));
          break;
        }
      if (i > 2)
        g_string_truncate (clean, strrchr (clean->str, '(') - clean->str);
      g_string_append_printf (clean, "(%u)", i);
    }
  return g_string_free (g_steal_pointer (&clean), FALSE);
}

gboolean
chc_xlsx_writer_add_sheet (ChcXlsxWriter      *self,
                           const char         *name,
                           const char         *title,
                           guint               n_columns,
                           const char *const  *headers,
                           GError            **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (self != NULL && !self->closed, FALSE);

  finish_sheet (self);
  clean = sheet_name (self, name != NULL ? name : "");
  self->sheet = workbook_add_worksheet (self->workbook, clean);
  if (self->sheet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The Excel file could not be written (sheet “%s”)."), clean);
      return FALSE;
    }
  self->row = 0;
  self->column = 0;

  if (title != NULL)
    {
      set_failure (self, worksheet_write_string (self->sheet, 0, 0, title, self->title_format));
      set_failure (self, worksheet_set_row (self->sheet, 0, 20, NULL));
      self->row = 1;
    }
  for (guint i = 0; i < n_columns; i++)
    {
      self->column = i;
      note_width (self, chc_xlsx_text_width (headers[i]));
      set_failure (self, worksheet_write_string (self->sheet, self->row, i,
                                                 headers[i] ? headers[i] : "", self->header_format));
    }
  self->row++;
  self->column = 0;
  worksheet_freeze_panes (self->sheet, self->row, 0);
  return check_failure (self, error);
}

void
chc_xlsx_writer_text (ChcXlsxWriter *self,
                      const char    *text)
{
  g_return_if_fail (self != NULL && self->sheet != NULL);

  if (text != NULL && *text != '\0')
    {
      if (g_utf8_strlen (text, MAX_CELL_CHARS + 1) > MAX_CELL_CHARS)
        set_failure (self, LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED);
      else
        /* a string cell: "=…" stays text, never a formula */
        set_failure (self, worksheet_write_string (self->sheet, self->row, self->column, text,
                                                   self->input ? self->input_formats[CHC_XLSX_CELL_TEXT] : NULL));
      note_width (self, chc_xlsx_text_width (text));
    }
  else if (self->input)
    set_failure (self, worksheet_write_blank (self->sheet, self->row, self->column,
                                              self->input_formats[CHC_XLSX_CELL_TEXT]));
  self->column++;
}

void
chc_xlsx_writer_number (ChcXlsxWriter   *self,
                        double           value,
                        ChcXlsxCellType  type)
{
  char text[64];

  g_return_if_fail (self != NULL && self->sheet != NULL);
  g_return_if_fail (type > CHC_XLSX_CELL_TEXT && type < CHC_XLSX_CELL_DATE);

  if (value == value)
    {
      set_failure (self, worksheet_write_number (self->sheet, self->row, self->column, value,
                                                 (self->input ? self->input_formats : self->formats)[type]));
      if (type == CHC_XLSX_CELL_PERCENT)
        g_snprintf (text, sizeof text, "%.1f%%", value * 100);
      else
        g_snprintf (text, sizeof text, "%.2f", value);
      /* digits, and a separator for every three of them */
      note_width (self, strlen (text) + strlen (text) / 3);
    }
  self->column++;
}

void
chc_xlsx_writer_date (ChcXlsxWriter *self,
                      int            year,
                      int            month,
                      int            day)
{
  lxw_datetime datetime = { year, month, day, 0, 0, 0 };

  g_return_if_fail (self != NULL && self->sheet != NULL);

  set_failure (self, worksheet_write_datetime (self->sheet, self->row, self->column, &datetime,
                                               (self->input ? self->input_formats : self->formats)[CHC_XLSX_CELL_DATE]));
  note_width (self, 10);
  self->column++;
}

static gboolean
parse_double (const char *text,
              double     *value)
{
  char *end = NULL;

  errno = 0;
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && errno == 0 && g_ascii_isdigit (text[strlen (text) - 1]) &&
         (g_ascii_isdigit (text[0]) || text[0] == '-' || text[0] == '.');
}

void
chc_xlsx_writer_typed_text (ChcXlsxWriter   *self,
                            const char      *text,
                            ChcXlsxCellType  type)
{
  double value;

  if (text == NULL || *text == '\0' || type == CHC_XLSX_CELL_TEXT)
    {
      chc_xlsx_writer_text (self, text);
      return;
    }
  if (type == CHC_XLSX_CELL_DATE)
    {
      int y, m, d;
      char tail;

      if (strlen (text) == 10 && sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
          g_date_valid_dmy (d, m, y) && y >= 1900)
        chc_xlsx_writer_date (self, y, m, d);
      else
        chc_xlsx_writer_text (self, text);
      return;
    }
  if (type == CHC_XLSX_CELL_PERCENT)
    {
      /* "85.9" or "85.9%": the fraction nearest 0.859 (not 85.9 / 100) */
      g_autofree char *digits = g_strndup (text, strlen (text) - g_str_has_suffix (text, "%"));
      g_autofree char *fraction = g_strconcat (digits, "e-2", NULL);

      if (parse_double (digits, &value))
        chc_xlsx_writer_number (self, g_ascii_strtod (fraction, NULL), type);
      else
        chc_xlsx_writer_text (self, text);
      return;
    }
  if (parse_double (text, &value))
    chc_xlsx_writer_number (self, value, type);
  else
    chc_xlsx_writer_text (self, text);
}

void
chc_xlsx_writer_set_input (ChcXlsxWriter *self,
                           gboolean       input)
{
  g_return_if_fail (self != NULL);
  self->input = input;
}

guint
chc_xlsx_writer_get_row (ChcXlsxWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->row;
}

static char *
cell_name (guint row,
           guint column)
{
  GString *name = g_string_new (NULL);
  guint c = column + 1;

  while (c > 0)
    {
      g_string_prepend_c (name, 'A' + (c - 1) % 26);
      c = (c - 1) / 26;
    }
  g_string_append_printf (name, "%u", row + 1);
  return g_string_free (name, FALSE);
}

gboolean
chc_xlsx_writer_validate_count (ChcXlsxWriter  *self,
                                guint           first_row,
                                guint           last_row,
                                guint           column,
                                int             at_most_column,
                                const char     *title,
                                const char     *message,
                                GError        **error)
{
  lxw_data_validation validation = { 0 };
  g_autofree char *limit = NULL;

  g_return_val_if_fail (self != NULL && self->sheet != NULL, FALSE);

  if (last_row < first_row)
    return TRUE;
  validation.validate = at_most_column >= 0 ? LXW_VALIDATION_TYPE_INTEGER_FORMULA : LXW_VALIDATION_TYPE_INTEGER;
  validation.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  validation.minimum_number = 0;
  validation.maximum_number = 2000000000;
  if (at_most_column >= 0)
    {
      /* relative to the range's first cell: each row its own limit */
      g_autofree char *first = cell_name (first_row, (guint) at_most_column);

      limit = g_strconcat ("=", first, NULL);
      validation.minimum_formula = (char *) "=0";
      validation.maximum_formula = limit;
    }
  validation.error_title = (char *) title;
  validation.error_message = (char *) message;
  validation.input_title = (char *) title;
  validation.input_message = (char *) message;
  set_failure (self, worksheet_data_validation_range (self->sheet, first_row, column, last_row, column,
                                                      &validation));
  return check_failure (self, error);
}

void
chc_xlsx_writer_protect (ChcXlsxWriter *self)
{
  lxw_protection options = { 0 };

  g_return_if_fail (self != NULL && self->sheet != NULL);
  /* widths may be changed; the locked cells (headers, keys) may not */
  options.format_columns = 1;
  options.format_rows = 1;
  worksheet_protect (self->sheet, NULL, &options);
}

gboolean
chc_xlsx_writer_end_row (ChcXlsxWriter  *self,
                         GError        **error)
{
  g_return_val_if_fail (self != NULL && self->sheet != NULL, FALSE);

  self->row++;
  self->column = 0;
  if (self->row >= MAX_ROWS)
    set_failure (self, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
  return check_failure (self, error);
}

gboolean
chc_xlsx_writer_close (ChcXlsxWriter  *self,
                       GError        **error)
{
  lxw_error result;

  g_return_val_if_fail (self != NULL && !self->closed, FALSE);

  if (self->workbook != NULL && g_hash_table_size (self->sheet_names) == 0)
    chc_xlsx_writer_add_sheet (self, "Sheet1", NULL, 0, NULL, NULL);
  finish_sheet (self);
  self->closed = TRUE;
  if (!check_failure (self, error))
    return FALSE;

  result = workbook_close (self->workbook);
  self->workbook = NULL;
  if (result != LXW_NO_ERROR)
    {
      self->failure = result;
      return check_failure (self, error);
    }
  if (g_rename (self->tmp_path, self->path) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  g_clear_pointer (&self->tmp_path, g_free);
  return TRUE;
}

void
chc_xlsx_writer_free (ChcXlsxWriter *self)
{
  if (self == NULL)
    return;
  if (self->workbook != NULL)
    {
      /* libxlsxwriter has no way to drop a workbook: write it out to the
       * temporary file and remove that */
      workbook_close (self->workbook);
    }
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  g_free (self->tmp_path);
  g_free (self->path);
  g_array_unref (self->widths);
  g_hash_table_unref (self->sheet_names);
  g_free (self);
}
