/* chc-xlsx-reader.c — reading one sheet of a workbook (libgsf, libxml2).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-xlsx"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-utils.h>
#include <libxml/xmlreader.h>

#include "chc-xlsx-reader.h"
#include "chc-csv-reader.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)

/* The most columns a row may have (as many as a CSV file). */
#define MAX_COLUMNS CHC_CSV_MAX_COLUMNS

typedef struct
{
  GsfInfile  *zip;
  const char *file_name;      /* for messages */
  GPtrArray  *strings;        /* shared strings */
  GArray     *date_styles;    /* gboolean per cellXfs index */
  gboolean    date1904;
  ChcXlsxRowFunc row_func;    /* rows handed over as they are read */
  gpointer    row_data;
} Workbook;

static void
row_free (gpointer data)
{
  ChcXlsxRow *row = data;

  if (row == NULL)
    return;
  g_ptr_array_unref (row->cells);
  g_free (row);
}

void
chc_xlsx_row_free (ChcXlsxRow *row)
{
  row_free (row);
}

void
chc_xlsx_sheet_free (ChcXlsxSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->name);
  g_strfreev (sheet->sheet_names);
  g_clear_pointer (&sheet->rows, g_ptr_array_unref);
  g_clear_pointer (&sheet->merges, g_array_unref);
  g_free (sheet);
}

gboolean
chc_xlsx_file_is_xlsx (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autoptr(GFileInputStream) stream = NULL;
  char magic[4] = { 0 };

  if (base != NULL && (g_str_has_suffix (base, ".xlsx") || g_str_has_suffix (base, ".XLSX")))
    return TRUE;
  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL)
    return FALSE;
  return g_input_stream_read (G_INPUT_STREAM (stream), magic, 4, NULL, NULL) == 4 &&
         memcmp (magic, "PK\x03\x04", 4) == 0;
}

char *
chc_xlsx_serial_to_date (double   serial,
                         gboolean date1904)
{
  g_autoptr(GDate) date = NULL;
  guint days;

  if (!(serial >= 1 && serial < 2958466))   /* 1900-01-01 … 9999-12-31 */
    return NULL;
  days = (guint) floor (serial);
  if (date1904)
    {
      date = g_date_new_dmy (1, 1, 1904);
      g_date_add_days (date, days);
    }
  else
    {
      /* Excel counts 1900-02-29, which was not: day 60 is no date */
      if (days == 60)
        return NULL;
      date = g_date_new_dmy (31, 12, 1899);
      g_date_add_days (date, days < 60 ? days : days - 1);
    }
  if (g_date_get_year (date) > 9999)
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* ---- the container ------------------------------------------------------ */

static GsfInput *
open_part (Workbook    *wb,
           const char  *path)
{
  g_auto(GStrv) parts = g_strsplit (path[0] == '/' ? path + 1 : path, "/", -1);
  GsfInput *input = NULL;
  GsfInfile *dir = wb->zip;
  g_autoptr(GPtrArray) opened = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
        return NULL;
      input = gsf_infile_child_by_name (dir, parts[i]);
      if (input == NULL)
        return NULL;
      if (parts[i + 1] == NULL)
        return input;
      if (!GSF_IS_INFILE (input))
        {
          g_object_unref (input);
          return NULL;
        }
      g_ptr_array_add (opened, input);
      dir = GSF_INFILE (input);
    }
  return NULL;
}

/* The decompressed bytes of the part @path, at most @max (its declared
 * size is checked before anything is inflated); NULL with no error when
 * it does not exist. */
static GBytes *
read_part (Workbook     *wb,
           const char   *path,
           gsize         max,
           GError      **error)
{
  g_autoptr(GsfInput) input = open_part (wb, path);
  gsf_off_t size;
  guint8 *data;

  if (input == NULL)
    return NULL;
  size = gsf_input_size (input);
  if (size < 0 || (guint64) size > max)
    {
      g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_TOO_BIG,
                   _("%s: the part %s of the workbook is too big (%llu MB decompressed; at most %llu MB)."),
                   wb->file_name, path, (unsigned long long) (size / (1024 * 1024)),
                   (unsigned long long) (max / (1024 * 1024)));
      return NULL;
    }
  data = g_try_malloc (size + 1);
  if (data == NULL)
    {
      g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_TOO_BIG,
                   _("%s: the workbook is too big to be read."), wb->file_name);
      return NULL;
    }
  if (size > 0 && gsf_input_read (input, size, data) == NULL)
    {
      g_free (data);
      g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                   _("%s: the workbook is damaged (%s cannot be read)."), wb->file_name, path);
      return NULL;
    }
  data[size] = '\0';
  return g_bytes_new_take (data, size);
}

/* ---- XML ---------------------------------------------------------------- */

static xmlTextReaderPtr
xml_open (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (size > G_MAXINT)
    return NULL;
  /* no network, no entity substitution, no DTD loading, quiet */
  return xmlReaderForMemory (data, (int) size, NULL, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
}

/* Advances; FALSE at the end.  A damaged document or one with a DTD
 * sets @error. */
static gboolean
xml_next (Workbook          *wb,
          xmlTextReaderPtr   reader,
          const char        *part,
          GError           **error)
{
  int ret = xmlTextReaderRead (reader);

  if (ret == 1 && xmlTextReaderNodeType (reader) == XML_READER_TYPE_DOCUMENT_TYPE)
    ret = -1;
  if (ret < 0)
    g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                 _("%s: the workbook is damaged (%s is not valid XML)."), wb->file_name, part);
  return ret == 1;
}

static gboolean
is_element (xmlTextReaderPtr  reader,
            const char       *name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT &&
         g_str_equal ((const char *) xmlTextReaderConstLocalName (reader), name);
}

static gboolean
is_end (xmlTextReaderPtr  reader,
        const char       *name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT &&
         g_str_equal ((const char *) xmlTextReaderConstLocalName (reader), name);
}

static char *
attribute (xmlTextReaderPtr  reader,
           const char       *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (reader, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

/* The r:id attribute (any prefix bound to the relationships namespace). */
static char *
relationship_id (xmlTextReaderPtr reader)
{
  static const char *const ns[] = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ns); i++)
    {
      xmlChar *value = xmlTextReaderGetAttributeNs (reader, (const xmlChar *) "id", (const xmlChar *) ns[i]);

      if (value != NULL)
        {
          char *copy = g_strdup ((const char *) value);

          xmlFree (value);
          return copy;
        }
    }
  return NULL;
}

/* The text of the current element (whose content is text). */
static gboolean
append_text (xmlTextReaderPtr  reader,
             GString          *text)
{
  xmlChar *value;

  if (xmlTextReaderIsEmptyElement (reader))
    return TRUE;
  value = xmlTextReaderReadString (reader);
  if (value == NULL)
    return TRUE;
  if (text->len + strlen ((const char *) value) > CHC_CSV_MAX_FIELD_BYTES)
    {
      xmlFree (value);
      return FALSE;
    }
  g_string_append (text, (const char *) value);
  xmlFree (value);
  return TRUE;
}

static gboolean
too_big (Workbook  *wb,
         GError   **error)
{
  g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_TOO_BIG,
               _("%s: a cell has more than %d bytes of text."), wb->file_name, CHC_CSV_MAX_FIELD_BYTES);
  return FALSE;
}

/* ---- the workbook's parts ----------------------------------------------- */

typedef struct
{
  char *name;
  char *rid;
} SheetEntry;

static void
sheet_entry_free (gpointer data)
{
  SheetEntry *entry = data;

  g_free (entry->name);
  g_free (entry->rid);
  g_free (entry);
}

static GPtrArray *
read_workbook (Workbook  *wb,
               GError   **error)
{
  g_autoptr(GBytes) bytes = read_part (wb, "xl/workbook.xml", CHC_XLSX_MAX_SMALL_PART, error);
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (sheet_entry_free);
  xmlTextReaderPtr reader;

  if (bytes == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                     _("%s is not an Excel workbook (.xlsx): it has no xl/workbook.xml. "
                       "Save it from Excel or WPS as “Excel Workbook (*.xlsx)”, or as CSV."), wb->file_name);
      return NULL;
    }
  reader = xml_open (bytes);
  while (reader != NULL && xml_next (wb, reader, "xl/workbook.xml", error))
    {
      if (is_element (reader, "sheet"))
        {
          SheetEntry *entry = g_new0 (SheetEntry, 1);

          entry->name = attribute (reader, "name");
          entry->rid = relationship_id (reader);
          if (entry->name == NULL || entry->rid == NULL || !g_utf8_validate (entry->name, -1, NULL))
            sheet_entry_free (entry);
          else
            g_ptr_array_add (sheets, entry);
        }
      else if (is_element (reader, "workbookPr"))
        {
          g_autofree char *date1904 = attribute (reader, "date1904");

          wb->date1904 = date1904 != NULL && (g_str_equal (date1904, "1") || g_str_equal (date1904, "true"));
        }
    }
  if (reader != NULL)
    xmlFreeTextReader (reader);
  if (error != NULL && *error != NULL)
    return NULL;
  if (sheets->len == 0)
    {
      g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                   _("%s: the workbook has no sheet."), wb->file_name);
      return NULL;
    }
  return g_steal_pointer (&sheets);
}

/* The path of the part relationship @rid of xl/workbook.xml points to. */
static char *
resolve_relationship (Workbook    *wb,
                      const char  *rid,
                      GError     **error)
{
  g_autoptr(GBytes) bytes = read_part (wb, "xl/_rels/workbook.xml.rels", CHC_XLSX_MAX_SMALL_PART, error);
  xmlTextReaderPtr reader;
  char *path = NULL;

  if (bytes == NULL)
    return NULL;
  reader = xml_open (bytes);
  while (path == NULL && reader != NULL && xml_next (wb, reader, "xl/_rels/workbook.xml.rels", error))
    if (is_element (reader, "Relationship"))
      {
        g_autofree char *id = attribute (reader, "Id");
        g_autofree char *target = attribute (reader, "Target");

        if (id != NULL && target != NULL && g_str_equal (id, rid))
          path = target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL);
      }
  if (reader != NULL)
    xmlFreeTextReader (reader);
  return path;
}

static gboolean
read_shared_strings (Workbook  *wb,
                     GError   **error)
{
  g_autoptr(GBytes) bytes = read_part (wb, "xl/sharedStrings.xml", CHC_XLSX_MAX_PART_BYTES, error);
  g_autoptr(GString) text = g_string_new (NULL);
  xmlTextReaderPtr reader;
  gboolean in_si = FALSE;
  int phonetic_depth = -1;

  if (bytes == NULL)
    return error == NULL || *error == NULL;   /* no shared strings: fine */
  reader = xml_open (bytes);
  while (reader != NULL && xml_next (wb, reader, "xl/sharedStrings.xml", error))
    {
      if (is_element (reader, "si"))
        {
          in_si = TRUE;
          g_string_truncate (text, 0);
          if (xmlTextReaderIsEmptyElement (reader))
            {
              g_ptr_array_add (wb->strings, g_strdup (""));
              in_si = FALSE;
            }
        }
      else if (is_element (reader, "rPh"))
        phonetic_depth = xmlTextReaderDepth (reader);   /* phonetic guides: not the text */
      else if (is_end (reader, "rPh"))
        phonetic_depth = -1;
      else if (in_si && phonetic_depth < 0 && is_element (reader, "t"))
        {
          if (!append_text (reader, text))
            {
              too_big (wb, error);
              break;
            }
        }
      else if (is_end (reader, "si"))
        {
          if (wb->strings->len >= CHC_XLSX_MAX_STRINGS)
            {
              g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_TOO_BIG,
                           _("%s: the workbook has too many different texts."), wb->file_name);
              break;
            }
          g_ptr_array_add (wb->strings, g_strdup (text->str));
          in_si = FALSE;
        }
    }
  if (reader != NULL)
    xmlFreeTextReader (reader);
  return error == NULL || *error == NULL;
}

/* Whether a number format shows a date: y, d or m outside quotes, escapes
 * and [colour]/[h] sections, and no h or s (a time or duration). */
static gboolean
format_is_date (const char *code)
{
  gboolean date = FALSE;

  for (const char *p = code; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          p = strchr (p + 1, '"');
          if (p == NULL)
            return date;
          break;
        case '\\':
        case '_':
        case '*':
          if (p[1] != '\0')
            p++;
          break;
        case '[':
          p = strchr (p + 1, ']');
          if (p == NULL)
            return date;
          break;
        case 'y': case 'Y': case 'd': case 'D': case 'm': case 'M': case 'e':
          date = TRUE;
          break;
        case 'h': case 'H': case 's': case 'S':
          return FALSE;
        case ';':
          return date;
        default:
          break;
        }
    }
  return date;
}

static gboolean
builtin_is_date (guint id)
{
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
         (id >= 50 && id <= 58);
}

static gboolean
read_styles (Workbook  *wb,
             GError   **error)
{
  g_autoptr(GBytes) bytes = read_part (wb, "xl/styles.xml", CHC_XLSX_MAX_SMALL_PART, error);
  g_autoptr(GHashTable) custom = g_hash_table_new (g_direct_hash, g_direct_equal);
  xmlTextReaderPtr reader;
  gboolean in_cell_xfs = FALSE;

  if (bytes == NULL)
    return error == NULL || *error == NULL;
  reader = xml_open (bytes);
  while (reader != NULL && xml_next (wb, reader, "xl/styles.xml", error))
    {
      if (is_element (reader, "numFmt"))
        {
          g_autofree char *id = attribute (reader, "numFmtId");
          g_autofree char *code = attribute (reader, "formatCode");

          if (id != NULL && code != NULL && format_is_date (code))
            g_hash_table_add (custom, GUINT_TO_POINTER ((guint) atoi (id)));
        }
      else if (is_element (reader, "cellXfs"))
        in_cell_xfs = !xmlTextReaderIsEmptyElement (reader);
      else if (is_end (reader, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (in_cell_xfs && is_element (reader, "xf"))
        {
          g_autofree char *id_text = attribute (reader, "numFmtId");
          guint id = id_text != NULL ? (guint) atoi (id_text) : 0;
          gboolean date = builtin_is_date (id) || g_hash_table_contains (custom, GUINT_TO_POINTER (id));

          if (wb->date_styles->len < 65536)
            g_array_append_val (wb->date_styles, date);
        }
    }
  if (reader != NULL)
    xmlFreeTextReader (reader);
  return error == NULL || *error == NULL;
}

/* ---- the sheet ---------------------------------------------------------- */

/* "BC12" → column 55, row 12; FALSE if it is no reference. */
static gboolean
parse_reference (const char *ref,
                 guint      *column,
                 guint      *row)
{
  guint64 c = 0, r = 0;
  const char *p = ref;

  for (; g_ascii_isalpha (*p) && p - ref < 3; p++)
    c = c * 26 + (g_ascii_toupper (*p) - 'A' + 1);
  if (c == 0 || c > 16384)
    return FALSE;
  if (*p == '$')
    p++;
  for (; g_ascii_isdigit (*p) && r <= CHC_XLSX_MAX_ROWS; p++)
    r = r * 10 + (*p - '0');
  if (*p != '\0' || r > CHC_XLSX_MAX_ROWS)
    return FALSE;
  *column = (guint) c;
  if (row != NULL)
    *row = (guint) r;
  return TRUE;
}

static char *
number_text (const char *value,
             gboolean    date,
             gboolean    date1904)
{
  char *end = NULL;
  double number = g_ascii_strtod (value, &end);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (end == value || *end != '\0' || !isfinite (number))
    return g_strdup (value);
  if (date)
    {
      char *text = chc_xlsx_serial_to_date (number, date1904);

      if (text != NULL)
        return text;
    }
  /* Excel's 15 significant digits: 0.1+0.2 shows 0.3 */
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", number);
  return g_strdup (buffer);
}

static int
read_input_cb (void *context,
               char *buffer,
               int   len)
{
  GsfInput *input = context;
  gsf_off_t left = gsf_input_remaining (input);
  size_t n = MIN ((gsf_off_t) len, left);

  if (n == 0)
    return 0;
  return gsf_input_read (input, n, (guint8 *) buffer) != NULL ? (int) n : -1;
}

/* A row read: to the row function (and forgotten) when there is one. */
static ChcXlsxRow *
hand_over (Workbook     *wb,
           ChcXlsxSheet *sheet)
{
  if (wb->row_func != NULL && sheet->rows->len > 0)
    {
      wb->row_func (g_ptr_array_index (sheet->rows, sheet->rows->len - 1), wb->row_data);
      g_ptr_array_remove_index (sheet->rows, sheet->rows->len - 1);
    }
  return NULL;
}

/* The sheet is parsed as it is inflated (it may be large): its declared
 * size is checked first, and reading never goes past it. */
static gboolean
read_sheet (Workbook      *wb,
            const char    *path,
            ChcXlsxSheet  *sheet,
            GError       **error)
{
  g_autoptr(GsfInput) input = open_part (wb, path);
  g_autoptr(GString) text = g_string_new (NULL);
  xmlTextReaderPtr reader = NULL;
  ChcXlsxRow *row = NULL;
  guint next_row = 1, next_column = 1;
  guint column = 0;
  g_autofree char *type = NULL;
  gboolean date = FALSE, in_cell = FALSE, have_value = FALSE;

  if (input == NULL)
    {
      g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                   _("%s: the workbook is damaged (the sheet %s is missing)."), wb->file_name, path);
      return FALSE;
    }
  if (gsf_input_size (input) < 0 || (guint64) gsf_input_size (input) > CHC_XLSX_MAX_PART_BYTES)
    {
      g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_TOO_BIG,
                   _("%s: the part %s of the workbook is too big (%llu MB decompressed; at most %llu MB)."),
                   wb->file_name, path, (unsigned long long) (gsf_input_size (input) / (1024 * 1024)),
                   (unsigned long long) (CHC_XLSX_MAX_PART_BYTES / (1024 * 1024)));
      return FALSE;
    }
  reader = xmlReaderForIO (read_input_cb, NULL, input, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
  while (reader != NULL && xml_next (wb, reader, path, error))
    {
      if (is_element (reader, "row"))
        {
          g_autofree char *r = attribute (reader, "r");
          guint number = r != NULL ? (guint) atoi (r) : next_row;

          if (number < next_row || number > CHC_XLSX_MAX_ROWS)
            {
              g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                           _("%s: the workbook is damaged (row %u out of order)."), wb->file_name, number);
              break;
            }
          row = g_new0 (ChcXlsxRow, 1);
          row->number = number;
          row->cells = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (sheet->rows, row);
          next_row = number + 1;
          next_column = 1;
          if (xmlTextReaderIsEmptyElement (reader))
            row = hand_over (wb, sheet);
        }
      else if (is_end (reader, "row"))
        row = hand_over (wb, sheet);
      else if (row != NULL && is_element (reader, "c"))
        {
          g_autofree char *r = attribute (reader, "r");
          g_autofree char *s = attribute (reader, "s");
          guint style = s != NULL ? (guint) atoi (s) : 0;

          if (r == NULL)
            column = next_column;
          else if (!parse_reference (r, &column, NULL))
            {
              g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                           _("%s: the workbook is damaged (a cell of row %u is named “%s”)."),
                           wb->file_name, row->number, r);
              break;
            }
          if (column > MAX_COLUMNS)
            {
              g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_TOO_BIG,
                           _("%s: row %u has a cell in column %u; at most %d columns are read."),
                           wb->file_name, row->number, column, MAX_COLUMNS);
              break;
            }
          next_column = column + 1;
          g_free (type);
          type = attribute (reader, "t");
          date = style < wb->date_styles->len && g_array_index (wb->date_styles, gboolean, style);
          g_string_truncate (text, 0);
          have_value = FALSE;
          in_cell = !xmlTextReaderIsEmptyElement (reader);
        }
      else if (in_cell && (is_element (reader, "v") || is_element (reader, "t")))
        {
          /* <v>: the value (or a formula's result); <is><t>: inline text */
          if (!append_text (reader, text))
            {
              too_big (wb, error);
              break;
            }
          have_value = TRUE;
        }
      else if (in_cell && is_end (reader, "c"))
        {
          char *value = NULL;

          in_cell = FALSE;
          if (!have_value)
            continue;
          if (type == NULL || g_str_equal (type, "n"))
            value = number_text (text->str, date, wb->date1904);
          else if (g_str_equal (type, "s"))
            {
              guint64 index;

              if (!g_ascii_string_to_unsigned (text->str, 10, 0, G_MAXUINT, &index, NULL) ||
                  index >= wb->strings->len)
                {
                  g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                               _("%s: the workbook is damaged (a cell names text %s that is not there)."),
                               wb->file_name, text->str);
                  break;
                }
              value = g_strdup (g_ptr_array_index (wb->strings, index));
            }
          else if (g_str_equal (type, "b"))
            value = g_strdup (g_str_equal (text->str, "1") ? "1" : "0");
          else   /* str, inlineStr, e (an error such as #N/A), d (an ISO date) */
            value = g_strdup (text->str);

          if (!g_utf8_validate (value, -1, NULL))
            {
              g_free (value);
              continue;
            }
          if (row->cells->len < column)
            g_ptr_array_set_size (row->cells, column);
          g_free (g_ptr_array_index (row->cells, column - 1));
          g_ptr_array_index (row->cells, column - 1) = value;
        }
      else if (is_element (reader, "mergeCell"))
        {
          g_autofree char *ref = attribute (reader, "ref");
          g_auto(GStrv) ends = ref != NULL ? g_strsplit (ref, ":", 2) : NULL;
          ChcXlsxRange range;

          if (ends != NULL && ends[0] != NULL && ends[1] != NULL &&
              parse_reference (ends[0], &range.first_column, &range.first_row) &&
              parse_reference (ends[1], &range.last_column, &range.last_row) &&
              sheet->merges->len < 65536)
            g_array_append_val (sheet->merges, range);
        }
    }
  if (reader != NULL)
    xmlFreeTextReader (reader);
  else
    g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                 _("%s: the workbook is damaged (%s is not valid XML)."), wb->file_name, path);
  return error == NULL || *error == NULL;
}

ChcXlsxSheet *
chc_xlsx_sheet_read (const char  *path,
                     const char  *sheet_name,
                     GError     **error)
{
  return chc_xlsx_sheet_read_rows (path, sheet_name, NULL, NULL, error);
}

ChcXlsxSheet *
chc_xlsx_sheet_read_rows (const char      *path,
                          const char      *sheet_name,
                          ChcXlsxRowFunc   row_func,
                          gpointer         row_data,
                          GError         **error_out)
{
  static gsize initialized;
  /* the parts' readers tell a failure by the error they set */
  g_autoptr(GError) failure = NULL;
  GError **error = &failure;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GsfInput) input = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(ChcXlsxSheet) sheet = NULL;
  g_autofree char *display = NULL;
  g_autofree char *part = NULL;
  Workbook wb = { 0 };
  SheetEntry *chosen = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_once_init_enter (&initialized))
    {
      gsf_init ();
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }

  display = g_filename_display_basename (path);
  wb.file_name = display;
  input = gsf_input_stdio_new (path, &local_error);
  if (input == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot read %s: %s"),
                   display, local_error != NULL ? local_error->message : "");
      g_propagate_error (error_out, g_steal_pointer (&failure));
      return NULL;
    }
  wb.zip = gsf_infile_zip_new (input, NULL);
  if (wb.zip == NULL)
    {
      g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                   _("%s is not an Excel workbook (.xlsx): it cannot be opened as one. "
                     "An old .xls file must be saved again from Excel or WPS as “Excel Workbook (*.xlsx)”."),
                   display);
      g_propagate_error (error_out, g_steal_pointer (&failure));
      return NULL;
    }
  wb.strings = g_ptr_array_new_with_free_func (g_free);
  wb.date_styles = g_array_new (FALSE, FALSE, sizeof (gboolean));
  wb.row_func = row_func;
  wb.row_data = row_data;

  sheets = read_workbook (&wb, error);
  if (sheets == NULL)
    goto out;

  sheet = g_new0 (ChcXlsxSheet, 1);
  sheet->rows = g_ptr_array_new_with_free_func (row_free);
  sheet->merges = g_array_new (FALSE, FALSE, sizeof (ChcXlsxRange));
  sheet->sheet_names = g_new0 (char *, sheets->len + 1);
  for (guint i = 0; i < sheets->len; i++)
    {
      SheetEntry *entry = g_ptr_array_index (sheets, i);

      sheet->sheet_names[i] = g_strdup (entry->name);
      if (chosen == NULL && (sheet_name == NULL || g_str_equal (entry->name, sheet_name)))
        chosen = entry;
    }
  if (chosen == NULL)
    {
      g_autofree char *names = g_strjoinv ("”, “", sheet->sheet_names);

      g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                   _("%s has no sheet “%s”; its sheets are “%s”."), display, sheet_name, names);
      g_clear_pointer (&sheet, chc_xlsx_sheet_free);
      goto out;
    }
  sheet->name = g_strdup (chosen->name);

  part = resolve_relationship (&wb, chosen->rid, error);
  if (part == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                     _("%s: the workbook is damaged (the sheet “%s” cannot be found)."), display, chosen->name);
      g_clear_pointer (&sheet, chc_xlsx_sheet_free);
      goto out;
    }
  if (!read_shared_strings (&wb, error) ||
      !read_styles (&wb, error) ||
      !read_sheet (&wb, part, sheet, error))
    g_clear_pointer (&sheet, chc_xlsx_sheet_free);

out:
  g_clear_object (&wb.zip);
  g_ptr_array_unref (wb.strings);
  g_array_unref (wb.date_styles);
  if (sheet == NULL)
    g_propagate_error (error_out, g_steal_pointer (&failure));
  return g_steal_pointer (&sheet);
}
