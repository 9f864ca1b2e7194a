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

/* The state of a sheet being read, row by row. */
typedef struct
{
  GsfInput         *input;
  xmlTextReaderPtr  reader;
  char             *path;
  GString          *text;
  ChcXlsxRow       *row;          /* being read */
  guint             next_row;
  guint             next_column;
  guint             column;
  char             *type;
  gboolean          date;
  gboolean          in_cell;
  gboolean          have_value;
  gboolean          done;
} SheetState;

static void
sheet_state_clear (SheetState *st)
{
  if (st->reader != NULL)
    xmlFreeTextReader (st->reader);
  g_clear_object (&st->input);
  g_free (st->path);
  if (st->text != NULL)
    g_string_free (st->text, TRUE);
  row_free (st->row);
  g_free (st->type);
  memset (st, 0, sizeof *st);
}

/* The sheet is parsed as it is inflated (it may be large): its declared
 * size is checked first, and reading never goes past it. */
static gboolean
sheet_open (Workbook    *wb,
            const char  *path,
            SheetState  *st,
            GError     **error)
{
  st->input = open_part (wb, path);
  if (st->input == NULL)
    {
      g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                   _("%s: the workbook is damaged (the sheet %s is missing)."), wb->file_name, path);
      return FALSE;
    }
  if (gsf_input_size (st->input) < 0 || (guint64) gsf_input_size (st->input) > CHC_XLSX_MAX_PART_BYTES)
    {
      g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_TOO_BIG,
                   _("%s: the part %s of the workbook is too big (%llu MB decompressed; at most %llu MB)."),
                   wb->file_name, path, (unsigned long long) (gsf_input_size (st->input) / (1024 * 1024)),
                   (unsigned long long) (CHC_XLSX_MAX_PART_BYTES / (1024 * 1024)));
      return FALSE;
    }
  st->reader = xmlReaderForIO (read_input_cb, NULL, st->input, NULL, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
  if (st->reader == NULL)
    {
      g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                   _("%s: the workbook is damaged (%s is not valid XML)."), wb->file_name, path);
      return FALSE;
    }
  st->path = g_strdup (path);
  st->text = g_string_new (NULL);
  st->next_row = 1;
  return TRUE;
}

/* The next row of the sheet (transfer full); NULL at its end, or with
 * @error.  The merged ranges go to @sheet as they come (after the rows). */
static ChcXlsxRow *
sheet_next (Workbook      *wb,
            SheetState    *st,
            ChcXlsxSheet  *sheet,
            GError       **error)
{
  xmlTextReaderPtr reader = st->reader;

  if (st->done)
    return NULL;
  while (xml_next (wb, reader, st->path, error))
    {
      if (is_element (reader, "row"))
        {
          g_autofree char *r = attribute (reader, "r");
          guint number = r != NULL ? (guint) atoi (r) : st->next_row;

          if (number < st->next_row || number > CHC_XLSX_MAX_ROWS)
            {
              g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                           _("%s: the workbook is damaged (row %u out of order)."), wb->file_name, number);
              break;
            }
          row_free (st->row);
          st->row = g_new0 (ChcXlsxRow, 1);
          st->row->number = number;
          st->row->cells = g_ptr_array_new_with_free_func (g_free);
          st->next_row = number + 1;
          st->next_column = 1;
          st->in_cell = FALSE;
          if (xmlTextReaderIsEmptyElement (reader))
            return g_steal_pointer (&st->row);
        }
      else if (st->row != NULL && is_end (reader, "row"))
        return g_steal_pointer (&st->row);
      else if (st->row != NULL && is_element (reader, "c"))
        {
          g_autofree char *r = attribute (reader, "r");
          g_autofree char *s = attribute (reader, "s");
          guint style = s != NULL ? (guint) atoi (s) : 0;

          if (r == NULL)
            st->column = st->next_column;
          else if (!parse_reference (r, &st->column, NULL))
            {
              g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                           _("%s: the workbook is damaged (a cell of row %u is named “%s”)."),
                           wb->file_name, st->row->number, r);
              break;
            }
          if (st->column > MAX_COLUMNS)
            {
              g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_TOO_BIG,
                           _("%s: row %u has a cell in column %u; at most %d columns are read."),
                           wb->file_name, st->row->number, st->column, MAX_COLUMNS);
              break;
            }
          st->next_column = st->column + 1;
          g_free (st->type);
          st->type = attribute (reader, "t");
          st->date = style < wb->date_styles->len && g_array_index (wb->date_styles, gboolean, style);
          g_string_truncate (st->text, 0);
          st->have_value = FALSE;
          st->in_cell = !xmlTextReaderIsEmptyElement (reader);
        }
      else if (st->in_cell && (is_element (reader, "v") || is_element (reader, "t")))
        {
          /* <v>: the value (or a formula's result); <is><t>: inline text */
          if (!append_text (reader, st->text))
            {
              too_big (wb, error);
              break;
            }
          st->have_value = TRUE;
        }
      else if (st->in_cell && is_end (reader, "c"))
        {
          const char *type = st->type;
          const char *text = st->text->str;
          char *value = NULL;

          st->in_cell = FALSE;
          if (!st->have_value)
            continue;
          if (type == NULL || g_str_equal (type, "n"))
            value = number_text (text, st->date, wb->date1904);
          else if (g_str_equal (type, "s"))
            {
              guint64 index;

              if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &index, NULL) ||
                  index >= wb->strings->len)
                {
                  g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                               _("%s: the workbook is damaged (a cell names text %s that is not there)."),
                               wb->file_name, text);
                  break;
                }
              value = g_strdup (g_ptr_array_index (wb->strings, index));
            }
          else if (g_str_equal (type, "b"))
            value = g_strdup (g_str_equal (text, "1") ? "1" : "0");
          else   /* str, inlineStr, e (an error such as #N/A), d (an ISO date) */
            value = g_strdup (text);

          if (!g_utf8_validate (value, -1, NULL))
            {
              g_free (value);
              continue;
            }
          if (st->row->cells->len < st->column)
            g_ptr_array_set_size (st->row->cells, st->column);
          g_free (g_ptr_array_index (st->row->cells, st->column - 1));
          g_ptr_array_index (st->row->cells, st->column - 1) = value;
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
  st->done = TRUE;
  return NULL;
}

/* ---- the stream ----------------------------------------------------------- */

struct _ChcXlsxStream
{
  Workbook      wb;
  char         *display;
  GsfInput     *file;
  ChcXlsxSheet *sheet;
  SheetState    st;
  GError       *error;     /* sticky */
};

void
chc_xlsx_stream_free (ChcXlsxStream *self)
{
  if (self == NULL)
    return;
  sheet_state_clear (&self->st);
  g_clear_object (&self->wb.zip);
  g_clear_pointer (&self->wb.strings, g_ptr_array_unref);
  g_clear_pointer (&self->wb.date_styles, g_array_unref);
  g_clear_object (&self->file);
  chc_xlsx_sheet_free (self->sheet);
  g_clear_error (&self->error);
  g_free (self->display);
  g_free (self);
}

ChcXlsxStream *
chc_xlsx_stream_open (const char  *path,
                      const char  *sheet_name,
                      GError     **error)
{
  static gsize initialized;
  g_autoptr(ChcXlsxStream) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autofree char *part = NULL;
  SheetEntry *chosen = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_once_init_enter (&initialized))
    {
      gsf_init ();
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }

  self = g_new0 (ChcXlsxStream, 1);
  self->display = g_filename_display_basename (path);
  self->wb.file_name = self->display;
  self->wb.strings = g_ptr_array_new_with_free_func (g_free);
  self->wb.date_styles = g_array_new (FALSE, FALSE, sizeof (gboolean));

  self->file = gsf_input_stdio_new (path, &local_error);
  if (self->file == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot read %s: %s"),
                   self->display, local_error != NULL ? local_error->message : "");
      return NULL;
    }
  self->wb.zip = gsf_infile_zip_new (self->file, NULL);
  if (self->wb.zip == NULL)
    {
      g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                   _("%s is not an Excel workbook (.xlsx): it cannot be opened as one. "
                     "An old .xls file must be saved again from Excel or WPS as “Excel Workbook (*.xlsx)”."),
                   self->display);
      return NULL;
    }

  /* the parts' readers tell a failure by the error they set */
  sheets = read_workbook (&self->wb, &local_error);
  if (sheets == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  self->sheet = g_new0 (ChcXlsxSheet, 1);
  self->sheet->rows = g_ptr_array_new_with_free_func (row_free);
  self->sheet->merges = g_array_new (FALSE, FALSE, sizeof (ChcXlsxRange));
  self->sheet->sheet_names = g_new0 (char *, sheets->len + 1);
  for (guint i = 0; i < sheets->len; i++)
    {
      SheetEntry *entry = g_ptr_array_index (sheets, i);

      self->sheet->sheet_names[i] = g_strdup (entry->name);
      if (chosen == NULL && (sheet_name == NULL || g_str_equal (entry->name, sheet_name)))
        chosen = entry;
    }
  if (chosen == NULL)
    {
      g_autofree char *names = g_strjoinv ("”, “", self->sheet->sheet_names);

      g_set_error (error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                   _("%s has no sheet “%s”; its sheets are “%s”."), self->display, sheet_name, names);
      return NULL;
    }
  self->sheet->name = g_strdup (chosen->name);

  part = resolve_relationship (&self->wb, chosen->rid, &local_error);
  if (part == NULL)
    {
      if (local_error == NULL)
        g_set_error (&local_error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                     _("%s: the workbook is damaged (the sheet “%s” cannot be found)."), self->display, chosen->name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!read_shared_strings (&self->wb, &local_error) ||
      !read_styles (&self->wb, &local_error) ||
      !sheet_open (&self->wb, part, &self->st, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&self);
}

ChcXlsxRow *
chc_xlsx_stream_next_row (ChcXlsxStream  *self,
                          GError        **error)
{
  ChcXlsxRow *row;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->error == NULL)
    {
      row = sheet_next (&self->wb, &self->st, self->sheet, &self->error);
      if (row != NULL)
        return row;
    }
  if (self->error != NULL)
    g_propagate_error (error, g_error_copy (self->error));
  return NULL;
}

const ChcXlsxSheet *
chc_xlsx_stream_get_sheet (ChcXlsxStream *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sheet;
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
                          GError         **error)
{
  g_autoptr(ChcXlsxStream) stream = chc_xlsx_stream_open (path, sheet_name, error);
  g_autoptr(GError) local_error = NULL;
  ChcXlsxRow *row;

  if (stream == NULL)
    return NULL;
  while ((row = chc_xlsx_stream_next_row (stream, &local_error)) != NULL)
    {
      if (row_func != NULL)
        {
          row_func (row, row_data);
          row_free (row);
        }
      else
        g_ptr_array_add (stream->sheet->rows, row);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&stream->sheet);
}
