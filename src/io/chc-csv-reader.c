/* chc-csv-reader.c — streaming CSV reader over libcsv.
 *
 * The bytes go through three stages: decoding (the encoding is detected
 * from a BOM, else from the first non-ASCII bytes: valid UTF-8 or else
 * GB18030), delimiter detection (on the first line, outside quotes), and
 * libcsv, whose callbacks collect rows.  Lines are counted from the
 * callbacks: every unquoted CR or LF ends a row (CSV_REPALL_NL), and the
 * newlines inside quoted fields are counted in the fields themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-csv"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include <glib/gi18n-lib.h>

#include "chc-csv-reader.h"
#include "chc-xlsx-reader.h"

#define CHUNK_SIZE        (64 * 1024)
#define DETECT_WINDOW     4096
#define FIRST_LINE_LIMIT  (64 * 1024)
/* Valid multi-byte UTF-8 characters that make a file UTF-8 even when an
 * invalid byte follows (which is then reported, not read as GB18030). */
#define UTF8_EVIDENCE     4

/* libcsv's parser states (libcsv.c) */
#define PSTATE_FIELD_BEGUN             2
#define PSTATE_FIELD_MIGHT_HAVE_ENDED  3

typedef struct
{
  gsize offset;
  gsize length;
  guint line;
} Cell;

typedef struct
{
  guint    line;
  GArray  *cells;   /* Cell */
  GString *text;    /* the cells' text, each NUL-terminated */
} Row;

struct _ChcCsvReader
{
  GInputStream     *stream;
  char             *file_name;
  ChcCsvEncoding    requested;
  ChcCsvEncoding    encoding;
  gboolean          had_bom;
  char              delimiter;
  gboolean          delimiter_decided;
  GIConv            iconv;
  struct csv_parser parser;

  GByteArray       *raw;          /* bytes read, not yet decoded */
  GString          *pending;      /* decoded text held until the delimiter is known */
  char             *converted;    /* iconv output buffer */
  gsize             converted_size;
  gboolean          text_started;
  gboolean          eof;
  gboolean          finished;
  guint64           bytes_read;

  guint             line;         /* line of the parser's position, as far as the callbacks tell */
  gboolean          after_cr;     /* the last event was a row ended by CR */
  Row              *building;
  GQueue            ready;
  GPtrArray        *spare;
  Row              *current;
  guint64           n_rows;

  char            **sheet_names;  /* an Excel workbook's sheets, else NULL */
  ChcXlsxStream    *xlsx;         /* an Excel sheet, read as rows are asked for */
  gboolean          xlsx_done;
  guint             header;       /* the sheet's header row; 0 until found */
  guint             last_sheet_row;
  GQueue            titles;       /* rows before it: dropped once it is found */
  GError           *error;        /* sticky: the first error */
  guint             error_line;
  guint             error_column;
};

G_DEFINE_QUARK (chc-csv-error-quark, chc_csv_error)

static const char *const encoding_nicks[] = {
  "auto", "utf-8", "gb18030", "utf-16le", "utf-16be",
};

const char *
chc_csv_encoding_to_nick (ChcCsvEncoding encoding)
{
  g_return_val_if_fail ((guint) encoding < G_N_ELEMENTS (encoding_nicks), NULL);
  return encoding_nicks[encoding];
}

gboolean
chc_csv_encoding_from_nick (const char     *nick,
                            ChcCsvEncoding *encoding)
{
  g_return_val_if_fail (encoding != NULL, FALSE);

  if (nick == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (encoding_nicks); i++)
    if (g_ascii_strcasecmp (nick, encoding_nicks[i]) == 0)
      {
        *encoding = i;
        return TRUE;
      }
  if (g_ascii_strcasecmp (nick, "utf8") == 0)
    *encoding = CHC_CSV_ENCODING_UTF8;
  else if (g_ascii_strcasecmp (nick, "gbk") == 0 || g_ascii_strcasecmp (nick, "gb2312") == 0)
    *encoding = CHC_CSV_ENCODING_GB18030;
  else
    return FALSE;
  return TRUE;
}

/* ---- rows ------------------------------------------------------------ */

static Row *
row_new (void)
{
  Row *row = g_new0 (Row, 1);

  row->cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), 16);
  row->text = g_string_sized_new (256);
  return row;
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_array_unref (row->cells);
  g_string_free (row->text, TRUE);
  g_free (row);
}

static Row *
take_row (ChcCsvReader *self)
{
  Row *row;

  if (self->spare->len > 0)
    row = g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1);
  else
    row = row_new ();
  g_array_set_size (row->cells, 0);
  g_string_truncate (row->text, 0);
  return row;
}

static void
recycle_row (ChcCsvReader *self,
             Row          *row)
{
  /* Keep a few rows; let an unusually large one go. */
  if (self->spare->len < 64 && row->text->allocated_len <= 64 * 1024)
    g_ptr_array_add (self->spare, row);
  else
    row_free (row);
}

static gboolean
row_is_blank (Row *row)
{
  for (guint i = 0; i < row->cells->len; i++)
    if (g_array_index (row->cells, Cell, i).length > 0)
      return FALSE;
  return TRUE;
}

/* ---- errors ---------------------------------------------------------- */

static guint
count_lines (const char *text,
             gsize       length)
{
  guint n = 0;

  if (memchr (text, '\n', length) == NULL && memchr (text, '\r', length) == NULL)
    return 0;
  for (gsize i = 0; i < length; i++)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == length || text[i + 1] != '\n')))
      n++;
  return n;
}

static guint
current_column (ChcCsvReader *self)
{
  return self->building != NULL ? self->building->cells->len + 1 : 1;
}

/* The position of the parser, inside the field being read. */
static guint
current_line (ChcCsvReader *self)
{
  guint line = self->line;

  if (self->parser.pstate == PSTATE_FIELD_BEGUN ||
      self->parser.pstate == PSTATE_FIELD_MIGHT_HAVE_ENDED)
    line += count_lines ((const char *) self->parser.entry_buf, self->parser.entry_pos);
  return line;
}

static void
fail_at (ChcCsvReader *self,
         guint         line,
         guint         column,
         ChcCsvError   code,
         const char   *format,
         ...) G_GNUC_PRINTF (5, 6);

static void
fail_at (ChcCsvReader *self,
         guint         line,
         guint         column,
         ChcCsvError   code,
         const char   *format,
         ...)
{
  va_list args;

  if (self->error != NULL)
    return;
  va_start (args, format);
  self->error = g_error_new_valist (CHC_CSV_ERROR, code, format, args);
  va_end (args);
  self->error_line = line;
  self->error_column = column;
}

/* ---- libcsv callbacks ------------------------------------------------- */

static void
on_field (void   *data,
          size_t  length,
          void   *user_data)
{
  ChcCsvReader *self = user_data;
  Cell cell;

  if (self->error != NULL)
    return;

  if (self->building == NULL)
    {
      self->building = take_row (self);
      self->building->line = self->line;
    }

  if (self->building->cells->len >= CHC_CSV_MAX_COLUMNS)
    {
      fail_at (self, self->line, self->building->cells->len + 1, CHC_CSV_ERROR_TOO_BIG,
               _("the row has more than %d columns."), CHC_CSV_MAX_COLUMNS);
      return;
    }
  if (length > CHC_CSV_MAX_FIELD_BYTES)
    {
      fail_at (self, self->line, self->building->cells->len + 1, CHC_CSV_ERROR_TOO_BIG,
               _("the field is longer than %d bytes."), CHC_CSV_MAX_FIELD_BYTES);
      return;
    }
  if (self->building->text->len + length + 1 > CHC_CSV_MAX_ROW_BYTES)
    {
      fail_at (self, self->line, self->building->cells->len + 1, CHC_CSV_ERROR_TOO_BIG,
               _("the row is longer than %d bytes."), CHC_CSV_MAX_ROW_BYTES);
      return;
    }

  cell.offset = self->building->text->len;
  cell.length = length;
  cell.line = self->line;
  g_array_append_val (self->building->cells, cell);
  g_string_append_len (self->building->text, data, length);
  g_string_append_c (self->building->text, '\0');

  self->line += count_lines (data, length);
  self->after_cr = FALSE;
}

static void
on_row (int   terminator,
        void *user_data)
{
  ChcCsvReader *self = user_data;
  Row *row;

  if (self->error != NULL)
    return;

  /* The LF of a CRLF: an empty row right after a row ended by CR. */
  if (terminator == '\n' && self->after_cr && self->building == NULL)
    {
      self->after_cr = FALSE;
      return;
    }

  row = g_steal_pointer (&self->building);
  if (row != NULL)
    {
      if (row_is_blank (row))
        recycle_row (self, row);
      else
        g_queue_push_tail (&self->ready, row);
    }

  if (terminator == '\r' || terminator == '\n')
    self->line++;
  self->after_cr = (terminator == '\r');
}

/* Keeps libcsv's field buffer within the limit (plus a little, so that
 * the limit is reported by on_field or after csv_parse()). */
static void *
limited_realloc (void   *block,
                 size_t  size)
{
  if (size > CHC_CSV_MAX_FIELD_BYTES + 2)
    return NULL;
  return realloc (block, size);
}

/* ---- parsing ---------------------------------------------------------- */

static gboolean
feed_parser (ChcCsvReader *self,
             const char   *text,
             gsize         length)
{
  size_t parsed;

  if (length == 0 || self->error != NULL)
    return self->error == NULL;

  parsed = csv_parse (&self->parser, text, length, on_field, on_row, self);
  if (self->error != NULL)
    return FALSE;

  if (parsed < length)
    {
      int status = csv_error (&self->parser);

      if (status == CSV_EPARSE)
        fail_at (self, current_line (self), current_column (self), CHC_CSV_ERROR_FORMAT,
                 self->parser.quoted
                 ? _("a quote inside a quoted field must be doubled (\"\"), or the closing quote is followed by other text.")
                 : _("a quote appears inside a field that does not begin with one; quote the whole field."));
      else if (self->parser.quoted)
        fail_at (self, self->line, current_column (self), CHC_CSV_ERROR_TOO_BIG,
                 _("the quoted field starting here is longer than %d bytes; is its closing quote missing?"),
                 CHC_CSV_MAX_FIELD_BYTES);
      else
        fail_at (self, current_line (self), current_column (self), CHC_CSV_ERROR_TOO_BIG,
                 _("the field is longer than %d bytes."), CHC_CSV_MAX_FIELD_BYTES);
      return FALSE;
    }
  return TRUE;
}

/* The first line (up to its end outside quotes) decides the delimiter:
 * the most frequent of comma, tab and semicolon; comma on a tie. */
static gboolean
find_first_line (const char *text,
                 gsize       length,
                 gsize      *line_length)
{
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '"')
        quoted = !quoted;
      else if (!quoted && (text[i] == '\n' || text[i] == '\r'))
        {
          *line_length = i;
          return TRUE;
        }
    }
  *line_length = length;
  return FALSE;
}

static char
detect_delimiter (const char *text,
                  gsize       length)
{
  static const char candidates[] = { ',', '\t', ';' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  guint best = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '"')
        quoted = !quoted;
      else if (!quoted)
        for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
          if (text[i] == candidates[c])
            counts[c]++;
    }
  for (guint c = 1; c < G_N_ELEMENTS (candidates); c++)
    if (counts[c] > counts[best])
      best = c;
  return candidates[best];
}

static gboolean
flush_pending (ChcCsvReader *self,
               gboolean      force)
{
  gsize line_length;

  if (self->delimiter_decided)
    return TRUE;

  if (!find_first_line (self->pending->str, self->pending->len, &line_length) &&
      !force && self->pending->len < FIRST_LINE_LIMIT)
    return TRUE;  /* wait for the end of the first line */

  if (self->delimiter == 0)
    self->delimiter = detect_delimiter (self->pending->str, line_length);
  csv_set_delim (&self->parser, (unsigned char) self->delimiter);
  self->delimiter_decided = TRUE;

  if (!feed_parser (self, self->pending->str, self->pending->len))
    return FALSE;
  g_string_truncate (self->pending, 0);
  return TRUE;
}

/* Decoded UTF-8 text on its way to the parser. */
static gboolean
emit_text (ChcCsvReader *self,
           const char   *text,
           gsize         length)
{
  const char *nul;
  gsize good;

  if (length == 0)
    return TRUE;

  if (!self->text_started)
    {
      self->text_started = TRUE;
      if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
        {
          self->had_bom = TRUE;
          text += 3;
          length -= 3;
        }
    }

  nul = memchr (text, '\0', length);
  good = nul != NULL ? (gsize) (nul - text) : length;

  if (self->delimiter_decided)
    {
      if (!feed_parser (self, text, good))
        return FALSE;
    }
  else
    {
      g_string_append_len (self->pending, text, good);
      if (!flush_pending (self, nul != NULL))
        return FALSE;
    }

  if (nul != NULL)
    {
      fail_at (self, current_line (self), current_column (self), CHC_CSV_ERROR_FORMAT,
               _("the file contains a NUL byte: it is not a CSV text file (perhaps a workbook, or UTF-16 text without a BOM)."));
      return FALSE;
    }
  return TRUE;
}

static void
fail_encoding (ChcCsvReader *self)
{
  /* Let the parser see the text before the bad bytes, for the position. */
  if (!flush_pending (self, TRUE))
    return;
  if (self->encoding == CHC_CSV_ENCODING_UTF8)
    fail_at (self, current_line (self), current_column (self), CHC_CSV_ERROR_ENCODING,
             _("invalid UTF-8 bytes; if the file is GB18030 (GBK), import it with the encoding gb18030."));
  else
    fail_at (self, current_line (self), current_column (self), CHC_CSV_ERROR_ENCODING,
             _("bytes that are not valid %s; if the file is UTF-8, import it with the encoding utf-8."),
             self->encoding == CHC_CSV_ENCODING_GB18030 ? "GB18030"
             : chc_csv_encoding_to_nick (self->encoding));
}

/* A UTF-8 sequence cut by the end of the buffer (not invalid yet). */
static gboolean
is_incomplete_utf8 (const guint8 *p,
                    gsize         remaining)
{
  guint needed;

  if (remaining == 0 || remaining >= 4)
    return FALSE;
  if (p[0] >= 0xC2 && p[0] <= 0xDF)
    needed = 2;
  else if (p[0] >= 0xE0 && p[0] <= 0xEF)
    needed = 3;
  else if (p[0] >= 0xF0 && p[0] <= 0xF4)
    needed = 4;
  else
    return FALSE;
  if (remaining >= needed)
    return FALSE;
  for (gsize i = 1; i < remaining; i++)
    if ((p[i] & 0xC0) != 0x80)
      return FALSE;
  return TRUE;
}

/* Decodes raw[pos..] as UTF-8; returns the bytes consumed, or -1. */
static gssize
decode_utf8 (ChcCsvReader *self,
             const guint8 *data,
             gsize         length)
{
  const char *end = NULL;
  gsize good;

  if (g_utf8_validate_len ((const char *) data, length, &end))
    return emit_text (self, (const char *) data, length) ? (gssize) length : -1;

  good = (const guint8 *) end - data;
  if (!emit_text (self, (const char *) data, good))
    return -1;
  if (data[good] == '\0')
    return emit_text (self, (const char *) data + good, length - good) ? (gssize) length : -1;
  if (!self->eof && is_incomplete_utf8 (data + good, length - good))
    return good;
  fail_encoding (self);
  return -1;
}

static gssize
decode_iconv (ChcCsvReader *self,
              const guint8 *data,
              gsize         length)
{
  char *in = (char *) data;
  gsize in_left = length;
  char *out;
  gsize out_left;

  if (self->converted_size < length * 2 + 16)
    {
      self->converted_size = length * 2 + 16;
      self->converted = g_realloc (self->converted, self->converted_size);
    }
  out = self->converted;
  out_left = self->converted_size;

  while (in_left > 0)
    {
      gsize r = g_iconv (self->iconv, &in, &in_left, &out, &out_left);
      int saved_errno = errno;

      if (r != (gsize) -1)
        continue;
      if (saved_errno == E2BIG)
        {
          gsize used = out - self->converted;

          self->converted_size *= 2;
          self->converted = g_realloc (self->converted, self->converted_size);
          out = self->converted + used;
          out_left = self->converted_size - used;
          continue;
        }
      if (saved_errno == EINVAL && !self->eof)
        break;   /* a sequence cut by the end of the buffer */

      if (!emit_text (self, self->converted, out - self->converted))
        return -1;
      fail_encoding (self);
      return -1;
    }

  if (!emit_text (self, self->converted, out - self->converted))
    return -1;
  return length - in_left;
}

static const char *
iconv_name (ChcCsvEncoding encoding)
{
  switch (encoding)
    {
    case CHC_CSV_ENCODING_GB18030:
      return "GB18030";
    case CHC_CSV_ENCODING_UTF16LE:
      return "UTF-16LE";
    case CHC_CSV_ENCODING_UTF16BE:
      return "UTF-16BE";
    case CHC_CSV_ENCODING_AUTO:
    case CHC_CSV_ENCODING_UTF8:
    default:
      return NULL;
    }
}

static gboolean
set_encoding (ChcCsvReader *self,
              ChcCsvEncoding encoding)
{
  const char *name = iconv_name (encoding);

  self->encoding = encoding;
  if (name == NULL)
    return TRUE;
  self->iconv = g_iconv_open ("UTF-8", name);
  if (self->iconv == (GIConv) -1)
    {
      fail_at (self, 1, 1, CHC_CSV_ERROR_ENCODING,
               _("this system cannot convert from %s."), name);
      return FALSE;
    }
  return TRUE;
}

/* Decides between UTF-8 and GB18030 from the bytes at @data (starting with
 * the first non-ASCII byte).  Returns FALSE to wait for more bytes. */
static gboolean
guess_encoding (ChcCsvReader   *self,
                const guint8   *data,
                gsize           length,
                ChcCsvEncoding *encoding)
{
  const char *end = NULL;
  guint evidence = 0;

  if (length < DETECT_WINDOW && !self->eof)
    return FALSE;

  if (g_utf8_validate_len ((const char *) data, length, &end) ||
      *end == '\0' ||
      (!self->eof && is_incomplete_utf8 ((const guint8 *) end, length - ((const guint8 *) end - data))))
    {
      *encoding = CHC_CSV_ENCODING_UTF8;
      return TRUE;
    }

  for (const char *p = (const char *) data; p < end; p = g_utf8_next_char (p))
    if ((guchar) *p >= 0x80)
      evidence++;
  *encoding = evidence >= UTF8_EVIDENCE ? CHC_CSV_ENCODING_UTF8 : CHC_CSV_ENCODING_GB18030;
  return TRUE;
}

/* Decodes what it can of self->raw. */
static gboolean
process_raw (ChcCsvReader *self)
{
  const guint8 *data = self->raw->data;
  gsize length = self->raw->len;
  gsize pos = 0;
  gssize used;

  if (self->encoding == CHC_CSV_ENCODING_AUTO && !self->text_started && self->bytes_read < 4 && !self->eof)
    return TRUE;   /* wait for a possible BOM */

  if (!self->text_started && self->encoding == CHC_CSV_ENCODING_AUTO && self->iconv == (GIConv) -1)
    {
      if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
        {
          self->had_bom = TRUE;
          self->text_started = TRUE;
          pos = 2;
          if (!set_encoding (self, CHC_CSV_ENCODING_UTF16LE))
            return FALSE;
        }
      else if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
        {
          self->had_bom = TRUE;
          self->text_started = TRUE;
          pos = 2;
          if (!set_encoding (self, CHC_CSV_ENCODING_UTF16BE))
            return FALSE;
        }
      else if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        set_encoding (self, CHC_CSV_ENCODING_UTF8);
    }

  if (self->encoding == CHC_CSV_ENCODING_AUTO)
    {
      ChcCsvEncoding guessed;
      gsize high = pos;

      while (high < length && data[high] < 0x80)
        high++;
      if (!emit_text (self, (const char *) data + pos, high - pos))
        return FALSE;
      pos = high;
      if (pos == length)
        {
          if (self->eof)
            set_encoding (self, CHC_CSV_ENCODING_UTF8);
          goto done;
        }
      if (!guess_encoding (self, data + pos, length - pos, &guessed))
        goto done;
      if (!set_encoding (self, guessed))
        return FALSE;
    }

  if (self->encoding == CHC_CSV_ENCODING_UTF8)
    used = decode_utf8 (self, data + pos, length - pos);
  else
    used = decode_iconv (self, data + pos, length - pos);
  if (used < 0)
    return FALSE;
  pos += used;

done:
  g_byte_array_remove_range (self->raw, 0, pos);
  return TRUE;
}

static gboolean
finish (ChcCsvReader *self)
{
  if (self->raw->len > 0 && !process_raw (self))
    return FALSE;
  if (self->raw->len > 0)
    {
      /* bytes left that do not decode */
      fail_encoding (self);
      return FALSE;
    }
  if (self->encoding == CHC_CSV_ENCODING_AUTO)
    set_encoding (self, CHC_CSV_ENCODING_UTF8);
  if (!flush_pending (self, TRUE))
    return FALSE;

  if (csv_fini (&self->parser, on_field, on_row, self) != 0)
    {
      fail_at (self, self->line, current_column (self), CHC_CSV_ERROR_FORMAT,
               _("the quoted field starting here is never closed (a closing quote is missing)."));
      return FALSE;
    }
  self->finished = TRUE;
  return self->error == NULL;
}

/* Reads and parses one more chunk of the stream. */
static gboolean
fill (ChcCsvReader  *self,
      GCancellable  *cancellable,
      GError       **error)
{
  gsize old_length = self->raw->len;
  gssize n;

  g_byte_array_set_size (self->raw, old_length + CHUNK_SIZE);
  n = g_input_stream_read (self->stream, self->raw->data + old_length, CHUNK_SIZE,
                           cancellable, error);
  if (n < 0)
    {
      g_byte_array_set_size (self->raw, old_length);
      return FALSE;
    }
  g_byte_array_set_size (self->raw, old_length + n);
  self->bytes_read += n;

  if (n == 0)
    {
      self->eof = TRUE;
      finish (self);
    }
  else
    process_raw (self);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  return TRUE;
}

/* ---- public API --------------------------------------------------------- */

ChcCsvReader *
chc_csv_reader_new (GInputStream   *stream,
                    const char     *file_name,
                    ChcCsvEncoding  encoding,
                    char            delimiter)
{
  ChcCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (delimiter == 0 || delimiter == ',' || delimiter == '\t' || delimiter == ';', NULL);

  self = g_new0 (ChcCsvReader, 1);
  self->stream = g_object_ref (stream);
  self->file_name = g_strdup (file_name != NULL ? file_name : "-");
  self->requested = encoding;
  self->iconv = (GIConv) -1;
  self->delimiter = delimiter;
  self->raw = g_byte_array_sized_new (CHUNK_SIZE + 16);
  self->pending = g_string_new (NULL);
  self->spare = g_ptr_array_new_with_free_func (row_free);
  self->line = 1;
  g_queue_init (&self->ready);

  csv_init (&self->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
  csv_set_realloc_func (&self->parser, limited_realloc);
  csv_set_blk_size (&self->parser, 4096);

  if (encoding != CHC_CSV_ENCODING_AUTO)
    set_encoding (self, encoding);
  return self;
}

/* ---- an Excel sheet ------------------------------------------------------ */

static guint
n_filled (ChcXlsxRow *row)
{
  guint n = 0;

  for (guint i = 0; i < row->cells->len; i++)
    if (g_ptr_array_index (row->cells, i) != NULL &&
        *(const char *) g_ptr_array_index (row->cells, i) != '\0')
      n++;
  return n;
}

/* A row of the sheet: title rows above the header (one cell, often
 * merged across) held until a row of several cells, the header, comes;
 * blank rows skipped. */
static void
add_sheet_row (ChcCsvReader *self,
               ChcXlsxRow   *xrow)
{
  guint n = n_filled (xrow);
  gsize length = 0;
  Row *row;

  self->last_sheet_row = xrow->number;
  if (n == 0)
    return;
  if (self->header == 0 && n >= 2)
    {
      self->header = xrow->number;
      g_queue_clear_full (&self->titles, row_free);
    }
  /* sized to fit: a row may wait in the queue */
  for (guint c = 0; c < xrow->cells->len; c++)
    if (g_ptr_array_index (xrow->cells, c) != NULL)
      length += strlen (g_ptr_array_index (xrow->cells, c));
  row = g_new0 (Row, 1);
  row->cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), xrow->cells->len);
  row->text = g_string_sized_new (length + xrow->cells->len);
  row->line = xrow->number;
  for (guint c = 0; c < xrow->cells->len; c++)
    {
      const char *text = g_ptr_array_index (xrow->cells, c);
      Cell cell = { row->text->len, 0, xrow->number };

      if (text != NULL)
        {
          cell.length = strlen (text);
          g_string_append_len (row->text, text, cell.length);
        }
      g_string_append_c (row->text, '\0');
      g_array_append_val (row->cells, cell);
    }
  g_queue_push_tail (self->header != 0 ? &self->ready : &self->titles, row);
}

/* Reads the sheet until a row is ready or it ends.  At its end: the title
 * rows are all there is when no header came; merged cells at or below the
 * header are an error (their value is in the first cell only, so the
 * others would read as empty; the XML lists them after the rows, and the
 * import writes nothing after an error). */
static void
pull_sheet_rows (ChcCsvReader *self)
{
  while (g_queue_is_empty (&self->ready) && !self->xlsx_done && self->error == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChcXlsxRow) xrow = chc_xlsx_stream_next_row (self->xlsx, &error);
      const ChcXlsxSheet *sheet;

      if (xrow != NULL)
        {
          add_sheet_row (self, xrow);
          continue;
        }
      self->xlsx_done = TRUE;
      if (error != NULL)
        {
          self->error = g_steal_pointer (&error);
          self->error_line = self->last_sheet_row + 1;
          self->error_column = 1;
          break;
        }
      while (!g_queue_is_empty (&self->titles))
        g_queue_push_tail (&self->ready, g_queue_pop_head (&self->titles));
      sheet = chc_xlsx_stream_get_sheet (self->xlsx);
      for (guint m = 0; m < sheet->merges->len && self->header > 0; m++)
        {
          ChcXlsxRange *range = &g_array_index (sheet->merges, ChcXlsxRange, m);

          if (range->last_row < self->header)
            continue;
          self->error_line = range->first_row;
          self->error_column = range->first_column;
          g_set_error (&self->error, CHC_CSV_ERROR, CHC_CSV_ERROR_FORMAT,
                       range->first_row <= self->header
                       ? _("the header has merged cells (rows %u–%u, columns %u–%u): unmerge them so that every column has its own header, then import again.")
                       : _("merged cells (rows %u–%u, columns %u–%u): unmerge them and fill every cell, then import again."),
                       range->first_row, range->last_row, range->first_column, range->last_column);
          break;
        }
    }
}

ChcCsvReader *
chc_csv_reader_new_for_xlsx (const char  *path,
                             const char  *sheet_name,
                             const char  *file_name,
                             GError     **error)
{
  ChcXlsxStream *stream;
  const ChcXlsxSheet *sheet;
  ChcCsvReader *self;

  g_return_val_if_fail (path != NULL, NULL);

  stream = chc_xlsx_stream_open (path, sheet_name, error);
  if (stream == NULL)
    return NULL;
  sheet = chc_xlsx_stream_get_sheet (stream);

  self = g_new0 (ChcCsvReader, 1);
  self->file_name = g_strdup_printf ("%s:%s", file_name != NULL ? file_name : path, sheet->name);
  self->sheet_names = g_strdupv (sheet->sheet_names);
  self->xlsx = stream;
  self->requested = self->encoding = CHC_CSV_ENCODING_UTF8;
  self->iconv = (GIConv) -1;
  self->raw = g_byte_array_new ();
  self->pending = g_string_new (NULL);
  self->spare = g_ptr_array_new_with_free_func (row_free);
  self->finished = self->eof = TRUE;
  self->line = 1;
  g_queue_init (&self->ready);
  g_queue_init (&self->titles);
  csv_init (&self->parser, 0);
  return self;
}

void
chc_csv_reader_free (ChcCsvReader *self)
{
  if (self == NULL)
    return;

  csv_free (&self->parser);
  if (self->iconv != (GIConv) -1)
    g_iconv_close (self->iconv);
  g_queue_clear_full (&self->ready, row_free);
  g_clear_pointer (&self->building, row_free);
  g_clear_pointer (&self->current, row_free);
  g_ptr_array_unref (self->spare);
  g_byte_array_unref (self->raw);
  g_string_free (self->pending, TRUE);
  g_free (self->converted);
  g_clear_error (&self->error);
  g_strfreev (self->sheet_names);
  g_clear_pointer (&self->xlsx, chc_xlsx_stream_free);
  g_queue_clear_full (&self->titles, row_free);
  g_clear_object (&self->stream);
  g_free (self->file_name);
  g_free (self);
}

gboolean
chc_csv_reader_next_row (ChcCsvReader  *self,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->current != NULL)
    {
      recycle_row (self, self->current);
      self->current = NULL;
    }

  if (self->xlsx != NULL)
    pull_sheet_rows (self);
  while (g_queue_is_empty (&self->ready))
    {
      if (self->error != NULL)
        {
          g_propagate_error (error, g_error_copy (self->error));
          return FALSE;
        }
      if (self->finished)
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!fill (self, cancellable, error))
        return FALSE;
    }

  self->current = g_queue_pop_head (&self->ready);
  self->n_rows++;
  return TRUE;
}

guint
chc_csv_reader_get_n_cells (ChcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->current != NULL ? self->current->cells->len : 0;
}

const char *
chc_csv_reader_get_cell (ChcCsvReader *self,
                         guint         index)
{
  g_return_val_if_fail (self != NULL && self->current != NULL, NULL);
  g_return_val_if_fail (index < self->current->cells->len, NULL);
  return self->current->text->str + g_array_index (self->current->cells, Cell, index).offset;
}

gsize
chc_csv_reader_get_cell_length (ChcCsvReader *self,
                                guint         index)
{
  g_return_val_if_fail (self != NULL && self->current != NULL, 0);
  g_return_val_if_fail (index < self->current->cells->len, 0);
  return g_array_index (self->current->cells, Cell, index).length;
}

guint
chc_csv_reader_get_cell_line (ChcCsvReader *self,
                              guint         index)
{
  g_return_val_if_fail (self != NULL && self->current != NULL, 0);
  if (index >= self->current->cells->len)
    return self->current->line;
  return g_array_index (self->current->cells, Cell, index).line;
}

guint
chc_csv_reader_get_line (ChcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->current != NULL ? self->current->line : self->line;
}

guint64
chc_csv_reader_get_n_rows (ChcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows;
}

void
chc_csv_reader_get_error_position (ChcCsvReader *self,
                                   guint        *line,
                                   guint        *column)
{
  g_return_if_fail (self != NULL);
  if (line != NULL)
    *line = self->error_line;
  if (column != NULL)
    *column = self->error_column;
}

const char *
chc_csv_reader_get_file_name (ChcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->file_name;
}

ChcCsvEncoding
chc_csv_reader_get_encoding (ChcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, CHC_CSV_ENCODING_AUTO);
  return self->encoding;
}

gboolean
chc_csv_reader_get_had_bom (ChcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->had_bom;
}

char
chc_csv_reader_get_delimiter (ChcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->delimiter_decided ? self->delimiter : 0;
}

const char *const *
chc_csv_reader_get_sheet_names (ChcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char *const *) self->sheet_names;
}

guint64
chc_csv_reader_get_bytes_read (ChcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->bytes_read;
}

/* ---- preview ------------------------------------------------------------- */

void
chc_csv_preview_free (ChcCsvPreview *preview)
{
  if (preview == NULL)
    return;
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_strfreev (preview->sheet_names);
  g_free (preview->sheet);
  g_free (preview);
}

ChcCsvPreview *
chc_csv_preview_read (GFile           *file,
                      ChcCsvEncoding   encoding,
                      char             delimiter,
                      guint            max_rows,
                      GError         **error)
{
  return chc_csv_preview_read_sheet (file, encoding, delimiter, NULL, max_rows, error);
}

ChcCsvPreview *
chc_csv_preview_read_sheet (GFile           *file,
                            ChcCsvEncoding   encoding,
                            char             delimiter,
                            const char      *sheet,
                            guint            max_rows,
                            GError         **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(ChcCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  ChcCsvPreview *preview;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  if (chc_xlsx_file_is_xlsx (file))
    {
      g_autofree char *path = g_file_get_path (file);

      if (path == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("%s: an Excel file must be a local file."), name);
          return NULL;
        }
      reader = chc_csv_reader_new_for_xlsx (path, sheet, name, error);
      if (reader == NULL)
        return NULL;
    }
  else
    {
      stream = g_file_read (file, NULL, error);
      if (stream == NULL)
        return NULL;
      reader = chc_csv_reader_new (G_INPUT_STREAM (stream), name, encoding, delimiter);
    }

  preview = g_new0 (ChcCsvPreview, 1);
  preview->sheet_names = g_strdupv ((char **) chc_csv_reader_get_sheet_names (reader));
  if (preview->sheet_names != NULL)
    preview->sheet = g_strdup (strchr (chc_csv_reader_get_file_name (reader) + strlen (name), ':') + 1);
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  while (preview->rows->len < max_rows + 1 &&
         chc_csv_reader_next_row (reader, NULL, &local_error))
    {
      guint n = chc_csv_reader_get_n_cells (reader);
      char **cells = g_new0 (char *, n + 1);

      for (guint i = 0; i < n; i++)
        cells[i] = g_strdup (chc_csv_reader_get_cell (reader, i));
      g_ptr_array_add (preview->rows, cells);
    }
  preview->encoding = chc_csv_reader_get_encoding (reader);
  preview->delimiter = chc_csv_reader_get_delimiter (reader);

  /* What could be read is shown; the check reports the rest. */
  if (local_error != NULL && preview->rows->len == 0)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      chc_csv_preview_free (preview);
      return NULL;
    }
  return preview;
}
