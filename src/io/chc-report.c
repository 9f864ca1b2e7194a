/* chc-report.c — ChcReport: the document model of a bulletin and its
 * layout engine.
 *
 * A report is a list of blocks.  chc_report_layout() turns them, with
 * PangoCairo, into pages of positioned drawing operations (text layouts,
 * fills, lines) in points; chc_report_draw_page() replays one page on any
 * cairo_t.  Layout runs before drawing, so the footer knows the page count.
 * The report owns its own Pango font map and context (resolution 72, no
 * metric hinting), so the same layout is valid for a PDF surface, a
 * printer and the screen, and a report laid out in a worker thread can be
 * drawn in another.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-report"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>

#include "chc-report.h"

#define MARGIN          (20.0 / 25.4 * 72.0)   /* 20 mm */
#define HEADER_SPACE    24.0                   /* page header inside the margin box */
#define FOOTER_SPACE    24.0
#define CELL_PAD        3.5
#define SANS_FAMILY     "Noto Sans CJK SC"
#define SERIF_FAMILY    "Noto Serif CJK SC"
#define BODY_SIZE       10.0
#define TABLE_SIZE      9.0
#define CHART_ROW       15.0

/* An official document (公文) after GB/T 9704-2012: A4, text area 156 ×
 * 225 mm (top 37 mm, left 28 mm), 22 lines of 22 characters of 3号
 * (16 pt) 仿宋, page numbers in 4号 (14 pt) "— 1 —" 7 mm below the text
 * area at the outer edge. */
#define DOC_MM          (72.0 / 25.4)
#define DOC_TOP         (37.0 * DOC_MM)
#define DOC_LEFT        (28.0 * DOC_MM)
#define DOC_WIDTH       (156.0 * DOC_MM)
#define DOC_HEIGHT      (225.0 * DOC_MM)
#define DOC_BODY_SIZE   16.0
#define DOC_LINE        (DOC_HEIGHT / 22.0)
#define DOC_TITLE_SIZE  22.0     /* 2号 */
#define DOC_RECORD_SIZE 14.0     /* 4号 */
#define DOC_RED_R       0.85
#define DOC_RED_G       0.0
#define DOC_RED_B       0.0
/* Each face when installed, then the named fallbacks of Debian's packages
 * (fonts-noto-cjk, fonts-arphic-ukai, fonts-lxgw-wenkai). */
#define FANGSONG_FAMILIES "FangSong_GB2312,仿宋_GB2312,FangSong,仿宋,STFangsong,Noto Serif CJK SC"
#define HEI_FAMILIES      "SimHei,黑体,STHeiti,Noto Sans CJK SC"
#define KAI_FAMILIES      "KaiTi_GB2312,楷体_GB2312,KaiTi,楷体,STKaiti,AR PL UKai CN,LXGW WenKai,Noto Serif CJK SC"
#define SONG_FAMILIES     "方正小标宋简体,FZXiaoBiaoSong-B05S,SimSun,宋体,STSong,Noto Serif CJK SC"
/* Not translated on purpose: the bulletin says it in both languages. */
#define WATERMARK_TEXT  "示例数据 / Demo data"

/* ---- tables ------------------------------------------------------------- */

typedef struct
{
  char               *text;
  ChcReportColour     colour;
  ChcReportCellFlags  flags;
} Cell;

struct _ChcReportTable
{
  guint            n_columns;
  char           **titles;
  double          *widths;
  ChcReportAlign  *aligns;
  double           min_row_height;
  GPtrArray       *rows;       /* Cell[n_columns] */
};

ChcReportTable *
chc_report_table_new (guint n_columns)
{
  ChcReportTable *table;

  g_return_val_if_fail (n_columns > 0, NULL);

  table = g_new0 (ChcReportTable, 1);
  table->n_columns = n_columns;
  table->titles = g_new0 (char *, n_columns + 1);
  table->widths = g_new (double, n_columns);
  table->aligns = g_new0 (ChcReportAlign, n_columns);
  for (guint i = 0; i < n_columns; i++)
    table->widths[i] = 1.0;
  table->rows = g_ptr_array_new ();
  return table;
}

void
chc_report_table_free (ChcReportTable *table)
{
  if (table == NULL)
    return;
  for (guint r = 0; r < table->rows->len; r++)
    {
      Cell *cells = g_ptr_array_index (table->rows, r);
      for (guint c = 0; c < table->n_columns; c++)
        g_free (cells[c].text);
      g_free (cells);
    }
  g_ptr_array_unref (table->rows);
  g_strfreev (table->titles);
  g_free (table->widths);
  g_free (table->aligns);
  g_free (table);
}

guint
chc_report_table_get_n_columns (ChcReportTable *table)
{
  return table->n_columns;
}

guint
chc_report_table_get_n_rows (ChcReportTable *table)
{
  return table->rows->len;
}

void
chc_report_table_set_column (ChcReportTable *table,
                             guint           column,
                             const char     *title,
                             double          width,
                             ChcReportAlign  align)
{
  g_return_if_fail (column < table->n_columns);
  g_return_if_fail (width > 0);

  g_free (table->titles[column]);
  table->titles[column] = g_strdup (title ? title : "");
  table->widths[column] = width;
  table->aligns[column] = align;
}

void
chc_report_table_set_min_row_height (ChcReportTable *table,
                                     double          height)
{
  table->min_row_height = MAX (height, 0);
}

guint
chc_report_table_add_row (ChcReportTable *table)
{
  g_ptr_array_add (table->rows, g_new0 (Cell, table->n_columns));
  return table->rows->len - 1;
}

guint
chc_report_table_append (ChcReportTable    *table,
                         const char *const *texts)
{
  guint row = chc_report_table_add_row (table);

  for (guint c = 0; c < table->n_columns; c++)
    chc_report_table_set_cell (table, row, c, texts[c]);
  return row;
}

static Cell *
table_cell (ChcReportTable *table,
            guint           row,
            guint           column)
{
  g_return_val_if_fail (row < table->rows->len, NULL);
  g_return_val_if_fail (column < table->n_columns, NULL);
  return &((Cell *) g_ptr_array_index (table->rows, row))[column];
}

void
chc_report_table_set_cell (ChcReportTable *table,
                           guint           row,
                           guint           column,
                           const char     *text)
{
  Cell *cell = table_cell (table, row, column);

  g_return_if_fail (cell != NULL);
  g_free (cell->text);
  cell->text = g_strdup (text);
}

const char *
chc_report_table_get_cell (ChcReportTable *table,
                           guint           row,
                           guint           column)
{
  Cell *cell = table_cell (table, row, column);

  return cell ? cell->text : NULL;
}

void
chc_report_table_set_cell_style (ChcReportTable     *table,
                                 guint               row,
                                 guint               column,
                                 ChcReportColour     colour,
                                 ChcReportCellFlags  flags)
{
  Cell *cell = table_cell (table, row, column);

  g_return_if_fail (cell != NULL);
  cell->colour = colour;
  cell->flags = flags;
}

void
chc_report_table_set_row_style (ChcReportTable     *table,
                                guint               row,
                                ChcReportColour     colour,
                                ChcReportCellFlags  flags)
{
  for (guint c = 0; c < table->n_columns; c++)
    chc_report_table_set_cell_style (table, row, c, colour, flags);
}

/* ---- blocks and pages ----------------------------------------------------- */

typedef enum
{
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_KEY_VALUE,
  BLOCK_TABLE,
  BLOCK_CHART,
  BLOCK_REMARKS,
  BLOCK_SIGNATURE,
  BLOCK_PAGE_BREAK,
  BLOCK_DOC_HEAD,
  BLOCK_DOC_TITLE,
  BLOCK_DOC_HEADING,
  BLOCK_BODY,
  BLOCK_DOC_LIST,
  BLOCK_DOC_SIGNATURE,
  BLOCK_ATTACHMENT,
  BLOCK_DOC_RECORD,
} BlockKind;

typedef struct
{
  BlockKind        kind;
  char            *text;
  char            *text2;
  ChcReportTable  *table;
  GStrv            labels;
  double          *values;
  guint            n_bars;
  double           target;
  double           min_height;
  int              level;
  gsize            run_in;
} Block;

typedef enum
{
  OP_LAYOUT,       /* the whole layout, top-left at x, y */
  OP_LINES,        /* lines [first, first + n) of a layout; y is the top of the first */
  OP_FILL,         /* rectangle x, y, w, h */
  OP_RECT,         /* outline of x, y, w, h */
  OP_LINE,         /* from x, y to x + w, y + h */
} OpKind;

typedef struct
{
  OpKind       kind;
  PangoLayout *layout;
  int          first;
  int          n_lines;
  double       x, y, w, h;
  double       r, g, b;
  double       line_width;
  gboolean     dashed;
} Op;

typedef struct
{
  GArray      *ops;
  PangoLayout *footer;
} Page;

struct _ChcReport
{
  GObject        parent_instance;

  char          *title;
  gboolean       demo;
  gboolean       official;
  ChcReportText *text;
  GPtrArray     *blocks;

  PangoFontMap  *font_map;
  PangoContext  *context;

  /* layout */
  gboolean       laid_out;
  double         page_width;
  double         page_height;
  GPtrArray     *pages;     /* Page */
  double         text_left;
  double         text_bottom;
  PangoLayout   *header;
  PangoLayout   *watermark;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE (ChcReport, chc_report, G_TYPE_OBJECT)

G_DEFINE_QUARK (chc-report-error-quark, chc_report_error)

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_free (block->text2);
  chc_report_table_free (block->table);
  g_strfreev (block->labels);
  g_free (block->values);
  g_free (block);
}

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->layout);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_array_unref (page->ops);
  g_clear_object (&page->footer);
  g_free (page);
}

static Block *
add_block (ChcReport *self,
           BlockKind  kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  g_ptr_array_add (self->blocks, block);
  self->laid_out = FALSE;
  return block;
}

/* ---- layout helpers --------------------------------------------------------- */

typedef enum
{
  FONT_SANS,
  FONT_SANS_BOLD,
  FONT_SERIF_BOLD,
  FONT_FANGSONG,
  FONT_HEI,
  FONT_KAI,
  FONT_SONG,
  FONT_SONG_BOLD,
  N_FONTS
} FontKind;

static const char *
font_families (FontKind font)
{
  switch (font)
    {
    case FONT_SANS:
    case FONT_SANS_BOLD: return SANS_FAMILY;
    case FONT_SERIF_BOLD: return SERIF_FAMILY;
    case FONT_FANGSONG: return FANGSONG_FAMILIES;
    case FONT_HEI: return HEI_FAMILIES;
    case FONT_KAI: return KAI_FAMILIES;
    case FONT_SONG:
    case FONT_SONG_BOLD:
    case N_FONTS:
    default: return SONG_FAMILIES;
    }
}

static PangoWeight
font_weight (FontKind font)
{
  return font == FONT_SANS_BOLD || font == FONT_SERIF_BOLD || font == FONT_SONG_BOLD
         ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
}

typedef struct
{
  ChcReport *self;
  double     left;
  double     width;
  double     top;
  double     bottom;
  double     y;
  Page      *page;
} Cursor;

static void
ensure_context (ChcReport *self)
{
  cairo_font_options_t *options;

  if (self->context != NULL)
    return;

  self->font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  /* zh-cn: Simplified glyphs of the CJK fonts. */
  pango_context_set_language (self->context, pango_language_from_string ("zh-cn"));
  pango_context_set_base_dir (self->context, PANGO_DIRECTION_LTR);
  pango_context_set_round_glyph_positions (self->context, FALSE);
}

static PangoLayout *
make_layout (ChcReport      *self,
             const char     *text,
             FontKind        font,
             double          size,
             double          width,
             ChcReportAlign  align)
{
  PangoLayout *layout;
  PangoFontDescription *desc;

  ensure_context (self);
  /* An official document's tables: 仿宋 in the cells, 黑体 for the
   * headers and what stands out (and no further faces to embed). */
  if (self->official && font == FONT_SANS)
    font = FONT_FANGSONG;
  else if (self->official && font == FONT_SANS_BOLD)
    font = FONT_HEI;
  layout = pango_layout_new (self->context);
  desc = pango_font_description_new ();
  pango_font_description_set_family_static (desc, font_families (font));
  pango_font_description_set_weight (desc, font_weight (font));
  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout,
                              align == CHC_REPORT_ALIGN_END ? PANGO_ALIGN_RIGHT
                              : align == CHC_REPORT_ALIGN_CENTER ? PANGO_ALIGN_CENTER
                              : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static Op *
push_op (Cursor *cursor,
         OpKind  kind)
{
  Op op = { 0 };

  op.kind = kind;
  op.line_width = 0.5;
  g_array_append_val (cursor->page->ops, op);
  return &g_array_index (cursor->page->ops, Op, cursor->page->ops->len - 1);
}

/* Takes @layout. */
static void
push_text (Cursor      *cursor,
           PangoLayout *layout,
           double       x,
           double       y,
           double       r,
           double       g,
           double       b)
{
  Op *op = push_op (cursor, OP_LAYOUT);

  op->layout = layout;
  op->x = x;
  op->y = y;
  op->r = r;
  op->g = g;
  op->b = b;
}

static void
push_rect (Cursor  *cursor,
           OpKind   kind,
           double   x,
           double   y,
           double   w,
           double   h,
           double   r,
           double   g,
           double   b)
{
  Op *op = push_op (cursor, kind);

  op->x = x;
  op->y = y;
  op->w = w;
  op->h = h;
  op->r = r;
  op->g = g;
  op->b = b;
}

static void
new_page (Cursor *cursor)
{
  Page *page = g_new0 (Page, 1);

  page->ops = g_array_new (FALSE, TRUE, sizeof (Op));
  g_array_set_clear_func (page->ops, op_clear);
  g_ptr_array_add (cursor->self->pages, page);
  cursor->page = page;
  cursor->y = cursor->top;
}

static gboolean
page_is_empty (Cursor *cursor)
{
  return cursor->y <= cursor->top + 0.01;
}

/* Starts a new page unless @height fits below the cursor (or the page is
 * still empty: then nothing would fit better on the next one). */
static void
ensure_space (Cursor *cursor,
              double  height)
{
  if (cursor->y + height > cursor->bottom && !page_is_empty (cursor))
    new_page (cursor);
}

static void
colour_rgb (ChcReportColour colour,
            double         *r,
            double         *g,
            double         *b)
{
  switch (colour)
    {
    case CHC_REPORT_COLOUR_GREEN: *r = 0.85; *g = 0.94; *b = 0.83; break;
    case CHC_REPORT_COLOUR_AMBER: *r = 1.00; *g = 0.91; *b = 0.72; break;
    case CHC_REPORT_COLOUR_RED:   *r = 0.98; *g = 0.80; *b = 0.78; break;
    case CHC_REPORT_COLOUR_GREY:  *r = 0.90; *g = 0.90; *b = 0.90; break;
    case CHC_REPORT_COLOUR_NONE:
    default:                      *r = 1.00; *g = 1.00; *b = 1.00; break;
    }
}

/* Places the lines of @layout (full body width), splitting it across pages
 * at line boundaries.  Takes @layout. */
static void
place_lines (Cursor      *cursor,
             PangoLayout *layout,
             double       x,
             double       r,
             double       g,
             double       b)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int index = 0;
  int first = 0;
  double first_top = -1;

  do
    {
      int y0, y1;
      double top, bottom;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      top = (double) y0 / PANGO_SCALE;
      bottom = (double) y1 / PANGO_SCALE;
      if (first_top < 0)
        first_top = top;

      if (cursor->y + (bottom - first_top) > cursor->bottom && index > first)
        {
          Op *op = push_op (cursor, OP_LINES);

          op->layout = g_object_ref (layout);
          op->first = first;
          op->n_lines = index - first;
          op->x = x;
          op->y = cursor->y;
          op->h = first_top;
          op->r = r; op->g = g; op->b = b;
          new_page (cursor);
          first = index;
          first_top = top;
        }
      else if (cursor->y + (bottom - first_top) > cursor->bottom && index == first &&
               !page_is_empty (cursor))
        {
          new_page (cursor);
        }
      index++;
      if (!pango_layout_iter_next_line (iter))
        {
          Op *op = push_op (cursor, OP_LINES);

          op->layout = g_object_ref (layout);
          op->first = first;
          op->n_lines = index - first;
          op->x = x;
          op->y = cursor->y;
          op->h = first_top;
          op->r = r; op->g = g; op->b = b;
          cursor->y += bottom - first_top;
          break;
        }
    }
  while (TRUE);

  pango_layout_iter_free (iter);
  g_object_unref (layout);
}

/* ---- block layout ------------------------------------------------------------ */

static void
layout_title (Cursor *cursor,
              Block  *block)
{
  ChcReport *self = cursor->self;
  PangoLayout *title = make_layout (self, block->text, FONT_SERIF_BOLD, 20, cursor->width,
                                    CHC_REPORT_ALIGN_CENTER);
  PangoLayout *subtitle = NULL;
  double h = layout_height (title) + 14;

  if (block->text2 != NULL && *block->text2)
    {
      subtitle = make_layout (self, block->text2, FONT_SANS, 11, cursor->width, CHC_REPORT_ALIGN_CENTER);
      pango_layout_set_spacing (subtitle, 3 * PANGO_SCALE);
      h += layout_height (subtitle) + 6;
    }

  ensure_space (cursor, h + 40);
  cursor->y += 4;
  /* Red heading and rule, as on an official document (红头). */
  h = layout_height (title);
  push_text (cursor, title, cursor->left, cursor->y, 0.75, 0.05, 0.05);
  cursor->y += h + 6;
  if (subtitle != NULL)
    {
      h = layout_height (subtitle);
      push_text (cursor, subtitle, cursor->left, cursor->y, 0.1, 0.1, 0.1);
      cursor->y += h + 6;
    }
  {
    Op *op = push_op (cursor, OP_LINE);
    op->x = cursor->left;
    op->y = cursor->y;
    op->w = cursor->width;
    op->r = 0.75; op->g = 0.05; op->b = 0.05;
    op->line_width = 1.6;
    op = push_op (cursor, OP_LINE);
    op->x = cursor->left;
    op->y = cursor->y + 2.5;
    op->w = cursor->width;
    op->r = 0.75; op->g = 0.05; op->b = 0.05;
    op->line_width = 0.5;
  }
  cursor->y += 14;
}

static void
layout_heading (Cursor *cursor,
                Block  *block)
{
  gboolean official = cursor->self->official;
  PangoLayout *layout = make_layout (cursor->self, block->text, official ? FONT_SONG_BOLD : FONT_SANS_BOLD,
                                     official ? 15 : 13, cursor->width,
                                     official ? CHC_REPORT_ALIGN_CENTER : CHC_REPORT_ALIGN_START);
  double h = layout_height (layout);

  /* Keep a heading with the start of what follows it. */
  ensure_space (cursor, 8 + h + 4 + 70);
  if (!page_is_empty (cursor))
    cursor->y += 8;
  push_text (cursor, layout, cursor->left, cursor->y, 0.05, 0.05, 0.05);
  cursor->y += h + 5;
}

static void
layout_paragraph (Cursor *cursor,
                  Block  *block)
{
  gboolean official = cursor->self->official;
  PangoLayout *layout = make_layout (cursor->self, block->text, official ? FONT_FANGSONG : FONT_SANS,
                                     official ? 12 : BODY_SIZE, cursor->width, CHC_REPORT_ALIGN_START);

  pango_layout_set_spacing (layout, 2 * PANGO_SCALE);
  place_lines (cursor, layout, cursor->left, 0.05, 0.05, 0.05);
  cursor->y += 6;
}

/* A run of key-value blocks starting at @index; returns the index after. */
static guint
layout_key_values (Cursor *cursor,
                   guint   index)
{
  ChcReport *self = cursor->self;
  guint end = index;
  double key_width = 0;

  while (end < self->blocks->len &&
         ((Block *) g_ptr_array_index (self->blocks, end))->kind == BLOCK_KEY_VALUE)
    {
      Block *block = g_ptr_array_index (self->blocks, end);
      g_autoptr(PangoLayout) key = make_layout (self, block->text, FONT_SANS_BOLD, BODY_SIZE, -1,
                                                CHC_REPORT_ALIGN_START);
      key_width = MAX (key_width, layout_width (key));
      end++;
    }
  key_width = MIN (key_width + 12, cursor->width * 0.4);

  for (guint i = index; i < end; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      PangoLayout *key = make_layout (self, block->text, FONT_SANS_BOLD, BODY_SIZE,
                                      key_width - 6, CHC_REPORT_ALIGN_START);
      PangoLayout *value = make_layout (self, block->text2, FONT_SANS, BODY_SIZE,
                                        cursor->width - key_width, CHC_REPORT_ALIGN_START);
      double h = MAX (layout_height (key), layout_height (value));

      ensure_space (cursor, h);
      push_text (cursor, key, cursor->left, cursor->y, 0.25, 0.25, 0.25);
      push_text (cursor, value, cursor->left + key_width, cursor->y, 0.05, 0.05, 0.05);
      cursor->y += h + 2;
    }
  cursor->y += 6;
  return end;
}

typedef struct
{
  PangoLayout **cells;
  double        height;
} RowLayout;

static RowLayout
layout_table_row (Cursor          *cursor,
                  ChcReportTable  *table,
                  const double    *col_width,
                  Cell            *cells,      /* NULL: the header */
                  double           min_height)
{
  RowLayout row = { g_new0 (PangoLayout *, table->n_columns), 0 };

  for (guint c = 0; c < table->n_columns; c++)
    {
      gboolean bold = cells == NULL || (cells[c].flags & CHC_REPORT_CELL_BOLD) != 0;
      const char *text = cells == NULL ? table->titles[c] : cells[c].text;
      ChcReportAlign align = cells == NULL ? CHC_REPORT_ALIGN_CENTER : table->aligns[c];

      row.cells[c] = make_layout (cursor->self, text, bold ? FONT_SANS_BOLD : FONT_SANS,
                                  TABLE_SIZE, MAX (col_width[c] - 2 * CELL_PAD, 4), align);
      row.height = MAX (row.height, layout_height (row.cells[c]) + 2 * CELL_PAD);
    }
  row.height = MAX (row.height, min_height);
  return row;
}

/* Takes the layouts of @row. */
static void
place_table_row (Cursor          *cursor,
                 ChcReportTable  *table,
                 const double    *col_width,
                 Cell            *cells,
                 RowLayout       *row)
{
  double x = cursor->left;

  for (guint c = 0; c < table->n_columns; c++)
    {
      ChcReportColour colour = cells ? cells[c].colour : CHC_REPORT_COLOUR_GREY;
      gboolean alert = cells && (cells[c].flags & CHC_REPORT_CELL_ALERT);
      double r, g, b;
      double text_y = cursor->y + CELL_PAD;

      if (colour != CHC_REPORT_COLOUR_NONE)
        {
          colour_rgb (colour, &r, &g, &b);
          push_rect (cursor, OP_FILL, x, cursor->y, col_width[c], row->height, r, g, b);
        }
      push_rect (cursor, OP_RECT, x, cursor->y, col_width[c], row->height, 0.45, 0.45, 0.45);
      if (cells == NULL)   /* header: centred vertically */
        text_y = cursor->y + (row->height - layout_height (row->cells[c])) / 2;
      push_text (cursor, g_steal_pointer (&row->cells[c]), x + CELL_PAD, text_y,
                 alert ? 0.70 : 0.05, alert ? 0.0 : 0.05, alert ? 0.0 : 0.05);
      x += col_width[c];
    }
  cursor->y += row->height;
  g_free (row->cells);
}

static void
layout_table (Cursor *cursor,
              Block  *block)
{
  ChcReportTable *table = block->table;
  g_autofree double *col_width = g_new (double, table->n_columns);
  double total = 0;
  RowLayout header;

  for (guint c = 0; c < table->n_columns; c++)
    total += table->widths[c];
  for (guint c = 0; c < table->n_columns; c++)
    col_width[c] = cursor->width * table->widths[c] / total;

  header = layout_table_row (cursor, table, col_width, NULL, 0);
  for (guint r = 0; r <= table->rows->len; r++)
    {
      Cell *cells = r < table->rows->len ? g_ptr_array_index (table->rows, r) : NULL;
      RowLayout row = { NULL, 0 };

      if (cells != NULL)
        row = layout_table_row (cursor, table, col_width, cells, table->min_row_height);

      /* The header (again on each page the table runs onto), with at
       * least one row under it. */
      if (r == 0 || cursor->y + row.height > cursor->bottom)
        {
          RowLayout again;

          ensure_space (cursor, header.height + row.height);
          if (r > 0 && !page_is_empty (cursor))
            new_page (cursor);
          again = layout_table_row (cursor, table, col_width, NULL, 0);
          place_table_row (cursor, table, col_width, NULL, &again);
        }
      if (cells != NULL)
        place_table_row (cursor, table, col_width, cells, &row);
    }
  for (guint c = 0; c < table->n_columns; c++)
    g_clear_object (&header.cells[c]);
  g_free (header.cells);
  cursor->y += 10;
}

static char *
format_percent (double value)
{
  return g_strdup_printf ("%.1f%%", value);
}

static void
layout_chart (Cursor *cursor,
              Block  *block)
{
  ChcReport *self = cursor->self;
  double label_width = 0;
  double axis_max = 0;
  double bar_left, bar_width;
  guint i = 0;

  for (guint b = 0; b < block->n_bars; b++)
    {
      g_autoptr(PangoLayout) label = make_layout (self, block->labels[b], FONT_SANS, TABLE_SIZE, -1,
                                                  CHC_REPORT_ALIGN_END);
      label_width = MAX (label_width, layout_width (label));
      axis_max = MAX (axis_max, block->values[b]);
    }
  axis_max = MAX (axis_max, block->target);
  axis_max = MIN (100.0, ceil (axis_max * 1.1 / 10.0) * 10.0);
  if (axis_max <= 0)
    axis_max = 10;
  label_width = MIN (label_width + 8, cursor->width * 0.35);
  bar_left = cursor->left + label_width;
  bar_width = cursor->width - label_width - 44;

  if (block->text != NULL)
    {
      PangoLayout *caption = make_layout (self, block->text, FONT_SANS_BOLD, BODY_SIZE,
                                          cursor->width, CHC_REPORT_ALIGN_START);
      double h = layout_height (caption);

      ensure_space (cursor, h + 4 + 3 * CHART_ROW + 40);
      push_text (cursor, caption, cursor->left, cursor->y, 0.05, 0.05, 0.05);
      cursor->y += h + 4;
    }

  /* In chunks: as many bars as fit on each page, each with its axis. */
  while (i < block->n_bars || (i == 0 && block->n_bars == 0))
    {
      double top, chunk_bottom;
      guint fit, end;

      if (cursor->y + 14 + 3 * CHART_ROW + 24 > cursor->bottom && !page_is_empty (cursor))
        new_page (cursor);
      fit = (guint) MAX (1, floor ((cursor->bottom - cursor->y - 14 - 24) / CHART_ROW));
      end = MIN (block->n_bars, i + fit);

      /* Target legend above the bars. */
      top = cursor->y + 14;
      if (block->target >= 0)
        {
          g_autofree char *pct = format_percent (block->target);
          g_autofree char *text = g_strdup_printf (_("Target %s"), pct);
          PangoLayout *legend = make_layout (self, text, FONT_SANS_BOLD, 8, -1, CHC_REPORT_ALIGN_START);
          double tx = bar_left + bar_width * block->target / axis_max;

          push_text (cursor, legend, MIN (tx + 3, cursor->left + cursor->width - 60), cursor->y,
                     0.75, 0.05, 0.05);
        }
      for (guint b = i; b < end; b++)
        {
          double y = top + (b - i) * CHART_ROW;
          double w = bar_width * CLAMP (block->values[b], 0, axis_max) / axis_max;
          gboolean below = block->target >= 0 && block->values[b] < block->target;
          g_autofree char *value = format_percent (block->values[b]);
          PangoLayout *label = make_layout (self, block->labels[b], FONT_SANS, TABLE_SIZE,
                                            label_width - 8, CHC_REPORT_ALIGN_END);
          PangoLayout *number = make_layout (self, value, FONT_SANS, TABLE_SIZE, 40,
                                             CHC_REPORT_ALIGN_START);
          double lh = layout_height (label);

          pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_MIDDLE);
          push_text (cursor, label, cursor->left, y + (CHART_ROW - lh) / 2, 0.1, 0.1, 0.1);
          if (below)
            push_rect (cursor, OP_FILL, bar_left, y + 3, w, CHART_ROW - 6, 0.93, 0.55, 0.20);
          else
            push_rect (cursor, OP_FILL, bar_left, y + 3, w, CHART_ROW - 6, 0.27, 0.55, 0.30);
          push_text (cursor, number, bar_left + w + 3, y + (CHART_ROW - layout_height (number)) / 2,
                     0.1, 0.1, 0.1);
        }
      chunk_bottom = top + (end - i) * CHART_ROW;

      /* Axis with ticks every 10 points of percent. */
      {
        Op *op = push_op (cursor, OP_LINE);
        op->x = bar_left; op->y = top; op->h = chunk_bottom - top;
        op->r = op->g = op->b = 0.3;
        op = push_op (cursor, OP_LINE);
        op->x = bar_left; op->y = chunk_bottom; op->w = bar_width;
        op->r = op->g = op->b = 0.3;
      }
      for (double t = 0; t <= axis_max + 0.01; t += (axis_max > 50 ? 20 : 10))
        {
          double tx = bar_left + bar_width * t / axis_max;
          g_autofree char *text = g_strdup_printf ("%.0f%%", t);
          PangoLayout *tick = make_layout (self, text, FONT_SANS, 7.5, 30, CHC_REPORT_ALIGN_CENTER);
          Op *op = push_op (cursor, OP_LINE);

          op->x = tx; op->y = chunk_bottom; op->h = 3;
          op->r = op->g = op->b = 0.3;
          push_text (cursor, tick, tx - 15, chunk_bottom + 4, 0.3, 0.3, 0.3);
        }
      if (block->target >= 0)
        {
          Op *op = push_op (cursor, OP_LINE);

          op->x = bar_left + bar_width * block->target / axis_max;
          op->y = top - 3;
          op->h = chunk_bottom - top + 6;
          op->r = 0.75; op->g = 0.05; op->b = 0.05;
          op->line_width = 1.2;
          op->dashed = TRUE;
        }
      cursor->y = chunk_bottom + 24;
      if (block->n_bars == 0)
        break;
      i = end;
    }
  cursor->y += 4;
}

static void
layout_remarks (Cursor *cursor,
                Block  *block)
{
  PangoLayout *layout = make_layout (cursor->self, block->text, FONT_SANS, BODY_SIZE,
                                     cursor->width - 16, CHC_REPORT_ALIGN_START);
  double h;

  pango_layout_set_spacing (layout, 2 * PANGO_SCALE);
  h = MAX (layout_height (layout) + 16, block->min_height);
  if (h > cursor->bottom - cursor->top)
    {
      /* Longer than a page: plain lines, no frame. */
      place_lines (cursor, layout, cursor->left + 8, 0.05, 0.05, 0.05);
      cursor->y += 8;
      return;
    }
  ensure_space (cursor, h);
  push_rect (cursor, OP_RECT, cursor->left, cursor->y, cursor->width, h, 0.35, 0.35, 0.35);
  push_text (cursor, layout, cursor->left + 8, cursor->y + 8, 0.05, 0.05, 0.05);
  cursor->y += h + 10;
}

static void
layout_signature (Cursor *cursor,
                  Block  *block)
{
  guint n = g_strv_length (block->labels);
  double slot = cursor->width / MAX (n, 1);
  double h = 30;

  ensure_space (cursor, h + 10);
  cursor->y += 10;
  for (guint i = 0; i < n; i++)
    {
      PangoLayout *label = make_layout (cursor->self, block->labels[i], FONT_SANS, BODY_SIZE, -1,
                                        CHC_REPORT_ALIGN_START);
      double x = cursor->left + i * slot;
      double lw = layout_width (label);
      double lh = layout_height (label);
      Op *op;

      push_text (cursor, label, x, cursor->y + h - lh - 2, 0.05, 0.05, 0.05);
      op = push_op (cursor, OP_LINE);
      op->x = x + lw + 2;
      op->y = cursor->y + h;
      op->w = MAX (slot - lw - 14, 20);
      op->r = op->g = op->b = 0.1;
      op->line_width = 0.6;
    }
  cursor->y += h + 10;
}

/* ---- official document blocks (GB/T 9704) ---------------------------------- */

/* Lines @pitch apart, whatever the face's own line height. */
static void
set_pitch (PangoLayout *layout,
           double       pitch)
{
  PangoLayoutLine *line;
  PangoRectangle logical;

  pango_layout_set_spacing (layout, 0);
  line = pango_layout_get_line_readonly (layout, 0);
  if (line == NULL)
    return;
  pango_layout_line_get_extents (line, NULL, &logical);
  pango_layout_set_spacing (layout, (int) MAX (0, pitch * PANGO_SCALE - logical.height));
}

/* A body layout: @font at @size, lines @pitch apart, justified, the first
 * line indented by @indent characters. */
/* @text with a word joiner (U+2060, which forbids a line break on either
 * side) inside every "个百分点" and between it and the figure before it,
 * so "1.2个百分点" is never broken.  The layout's byte offsets of the
 * other text do not move before the first such word. */
static char *
join_points (const char *text)
{
  static const char word[] = "个百分点";
  GString *s;
  const char *p, *hit;

  if (text == NULL || strstr (text, word) == NULL)
    return g_strdup (text ? text : "");
  s = g_string_new (NULL);
  for (p = text; (hit = strstr (p, word)) != NULL; p = hit + strlen (word))
    {
      const char *number = hit;

      while (number > p && (g_ascii_isdigit (number[-1]) || number[-1] == '.'))
        number--;
      g_string_append_len (s, p, number - p);
      for (const char *c = number; c < hit; c++)
        {
          g_string_append_c (s, *c);
          g_string_append (s, "\u2060");
        }
      for (const char *c = word; *c; c = g_utf8_next_char (c))
        {
          if (c != word)
            g_string_append (s, "\u2060");
          g_string_append_len (s, c, g_utf8_next_char (c) - c);
        }
    }
  g_string_append (s, p);
  return g_string_free (s, FALSE);
}

static PangoLayout *
make_body_layout (ChcReport  *self,
                  const char *text,
                  FontKind    font,
                  double      size,
                  double      width,
                  double      pitch,
                  int         indent)
{
  g_autofree char *joined = join_points (text);
  PangoLayout *layout = make_layout (self, joined, font, size, width, CHC_REPORT_ALIGN_START);

  pango_layout_set_indent (layout, (int) (indent * size * PANGO_SCALE));
  pango_layout_set_justify (layout, TRUE);
  set_pitch (layout, pitch);
  return layout;
}

/* 版头: the 发文机关标志 in red, the 发文字号 two lines below it, the red
 * separating rule 4 mm under the number. */
static void
layout_doc_head (Cursor *cursor,
                 Block  *block)
{
  ChcReport *self = cursor->self;
  glong n_chars = MAX (g_utf8_strlen (block->text ? block->text : "", -1), 1);
  double size = MIN (36.0, cursor->width / n_chars * 0.96);
  PangoLayout *mark = make_layout (self, block->text, FONT_SONG_BOLD, size, cursor->width,
                                   CHC_REPORT_ALIGN_CENTER);
  double h = layout_height (mark);
  Op *op;

  push_text (cursor, mark, cursor->left, cursor->y, DOC_RED_R, DOC_RED_G, DOC_RED_B);
  cursor->y += h + 2 * DOC_LINE;
  if (block->text2 != NULL && *block->text2)
    {
      PangoLayout *number = make_layout (self, block->text2, FONT_FANGSONG, DOC_BODY_SIZE, cursor->width,
                                         CHC_REPORT_ALIGN_CENTER);
      h = layout_height (number);
      push_text (cursor, number, cursor->left, cursor->y, 0, 0, 0);
      cursor->y += h;
    }
  cursor->y += 4 * DOC_MM;
  op = push_op (cursor, OP_LINE);
  op->x = cursor->left;
  op->y = cursor->y;
  op->w = cursor->width;
  op->r = DOC_RED_R; op->g = DOC_RED_G; op->b = DOC_RED_B;
  op->line_width = 1.0;
  cursor->y += 2 * DOC_LINE;
}

/* The title in 2号 bold Song, centred, one empty line under it. */
static void
layout_doc_title (Cursor *cursor,
                  Block  *block)
{
  PangoLayout *layout = make_layout (cursor->self, block->text, FONT_SONG_BOLD, DOC_TITLE_SIZE,
                                     cursor->width, CHC_REPORT_ALIGN_CENTER);
  double h;

  set_pitch (layout, DOC_TITLE_SIZE * 1.6);
  h = layout_height (layout);
  ensure_space (cursor, h + 3 * DOC_LINE);
  push_text (cursor, layout, cursor->left, cursor->y, 0, 0, 0);
  cursor->y += h + DOC_LINE * 0.6;
}

/* Headings: level 1 in 黑体, level 2 in 楷体, lower ones in 仿宋, all 3号,
 * two characters in, kept with the start of what follows. */
static void
layout_doc_heading (Cursor *cursor,
                    Block  *block)
{
  FontKind font = block->level <= 1 ? FONT_HEI : block->level == 2 ? FONT_KAI : FONT_FANGSONG;
  PangoLayout *layout = make_body_layout (cursor->self, block->text, font, DOC_BODY_SIZE,
                                          cursor->width, DOC_LINE, 2);

  ensure_space (cursor, layout_height (layout) + 2 * DOC_LINE);
  place_lines (cursor, layout, cursor->left, 0, 0, 0);
}

/* GB/T 9704: no page holds the signature alone.  The height the 附件说明
 * and the signature after @index need, when the next blocks are those
 * (0 otherwise). */
static double
signature_needs (ChcReport *self,
                 guint      index)
{
  double need = 0;

  for (guint i = index + 1; i < self->blocks->len; i++)
    {
      Block *next = g_ptr_array_index (self->blocks, i);

      if (next->kind == BLOCK_DOC_LIST)
        need += ((next->labels ? g_strv_length (next->labels) : 0) + 1) * DOC_LINE;
      else if (next->kind == BLOCK_DOC_SIGNATURE)
        return need + 4 * DOC_LINE;
      else
        return 0;
    }
  return 0;
}

static void
layout_body (Cursor *cursor,
             Block  *block,
             double  keep_with)
{
  PangoLayout *layout = make_body_layout (cursor->self, block->text, FONT_FANGSONG, DOC_BODY_SIZE,
                                          cursor->width, DOC_LINE, block->level);

  if (block->run_in > 0)
    {
      /* A run-in level-2 heading: "（一）…。" in 楷体. */
      PangoAttrList *attrs = pango_attr_list_new ();
      PangoAttribute *attr = pango_attr_family_new (KAI_FAMILIES);

      attr->start_index = 0;
      attr->end_index = (guint) block->run_in;
      pango_attr_list_insert (attrs, attr);
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      set_pitch (layout, DOC_LINE);
    }

  /* The last paragraph goes over with the signature rather than leave it
   * alone on a page. */
  if (keep_with > 0 && layout_height (layout) + keep_with < cursor->bottom - cursor->top)
    ensure_space (cursor, layout_height (layout) + keep_with);
  place_lines (cursor, layout, cursor->left, 0, 0, 0);
}

/* 附件说明: "附件：1．…" two characters in, one empty line above; the
 * items' lines aligned after the colon. */
static void
layout_doc_list (Cursor *cursor,
                 Block  *block)
{
  ChcReport *self = cursor->self;
  guint n = block->labels ? g_strv_length (block->labels) : 0;
  PangoLayout *label = make_layout (self, block->text, FONT_FANGSONG, DOC_BODY_SIZE, -1,
                                    CHC_REPORT_ALIGN_START);
  double label_width = layout_width (label);
  double x = cursor->left + 2 * DOC_BODY_SIZE;

  ensure_space (cursor, (n + 1) * DOC_LINE);
  cursor->y += DOC_LINE;
  push_text (cursor, label, x, cursor->y + (DOC_LINE - layout_height (label)) / 2, 0, 0, 0);
  for (guint i = 0; i < n; i++)
    {
      PangoLayout *item = make_body_layout (self, block->labels[i], FONT_FANGSONG, DOC_BODY_SIZE,
                                            cursor->width - (x - cursor->left) - label_width, DOC_LINE, 0);
      pango_layout_set_justify (item, FALSE);
      place_lines (cursor, item, x + label_width, 0, 0, 0);
    }
}

/* The issuing body centred over the 成文日期, which is four characters in
 * from the right edge; one empty line above. */
static void
layout_doc_signature (Cursor *cursor,
                      Block  *block)
{
  ChcReport *self = cursor->self;
  PangoLayout *signer = make_layout (self, block->text, FONT_FANGSONG, DOC_BODY_SIZE, -1,
                                     CHC_REPORT_ALIGN_START);
  PangoLayout *date = make_layout (self, block->text2, FONT_FANGSONG, DOC_BODY_SIZE, -1,
                                   CHC_REPORT_ALIGN_START);
  double right = cursor->left + cursor->width;
  double date_x = right - 4 * DOC_BODY_SIZE - layout_width (date);
  double centre = date_x + layout_width (date) / 2;
  double signer_x = MIN (centre - layout_width (signer) / 2, right - 2 * DOC_BODY_SIZE - layout_width (signer));
  double pad = (DOC_LINE - layout_height (date)) / 2;

  ensure_space (cursor, 3 * DOC_LINE);
  cursor->y += 2 * DOC_LINE;
  push_text (cursor, signer, MAX (signer_x, cursor->left), cursor->y + pad, 0, 0, 0);
  cursor->y += DOC_LINE;
  push_text (cursor, date, date_x, cursor->y + pad, 0, 0, 0);
  cursor->y += DOC_LINE;
}

/* An attachment starts a page: "附件1" in 黑体 at the left edge, its
 * title centred in bold Song. */
static void
layout_attachment (Cursor *cursor,
                   Block  *block)
{
  ChcReport *self = cursor->self;
  PangoLayout *label = make_layout (self, block->text, FONT_HEI, DOC_BODY_SIZE, -1, CHC_REPORT_ALIGN_START);
  PangoLayout *title = make_layout (self, block->text2, FONT_SONG_BOLD, 18.0, cursor->width,
                                    CHC_REPORT_ALIGN_CENTER);

  if (!page_is_empty (cursor))
    new_page (cursor);
  push_text (cursor, label, cursor->left, cursor->y, 0, 0, 0);
  cursor->y += DOC_LINE * 1.3;
  set_pitch (title, 18.0 * 1.5);
  push_text (cursor, title, cursor->left, cursor->y, 0, 0, 0);
  cursor->y += layout_height (title) + 12;
}

/* 版记 at the foot of the last page: 抄送 and the 印发机关 with the
 * 印发日期 between rules (thick, thin, thick), in 4号 仿宋. */
static void
layout_doc_record (Cursor *cursor,
                   Block  *block)
{
  ChcReport *self = cursor->self;
  double inset = DOC_RECORD_SIZE;
  double pitch = DOC_RECORD_SIZE * 1.9;
  PangoLayout *copy = NULL;
  PangoLayout *printer = make_layout (self, block->text2, FONT_FANGSONG, DOC_RECORD_SIZE, -1,
                                      CHC_REPORT_ALIGN_START);
  PangoLayout *date = make_layout (self, block->labels ? block->labels[0] : "", FONT_FANGSONG,
                                   DOC_RECORD_SIZE, -1, CHC_REPORT_ALIGN_START);
  double copy_h = 0, h, y;
  Op *op;

  if (block->text != NULL && *block->text)
    {
      g_autofree char *text = g_strconcat ("抄送：", block->text, NULL);

      copy = make_layout (self, text, FONT_FANGSONG, DOC_RECORD_SIZE, cursor->width - 2 * inset,
                          CHC_REPORT_ALIGN_START);
      pango_layout_set_indent (copy, (int) (-3 * DOC_RECORD_SIZE * PANGO_SCALE));
      set_pitch (copy, pitch);
      copy_h = MAX (layout_height (copy), pitch);
    }
  h = copy_h + pitch + 4;
  if (cursor->y + h + DOC_LINE > cursor->bottom)
    new_page (cursor);
  y = cursor->bottom - h;

  op = push_op (cursor, OP_LINE);
  op->x = cursor->left; op->y = y; op->w = cursor->width; op->line_width = 1.0;
  if (copy != NULL)
    {
      push_text (cursor, copy, cursor->left + inset, y + (pitch - DOC_RECORD_SIZE * 1.45) / 2, 0, 0, 0);
      y += copy_h;
      op = push_op (cursor, OP_LINE);
      op->x = cursor->left; op->y = y; op->w = cursor->width; op->line_width = 0.7;
    }
  push_text (cursor, printer, cursor->left + inset, y + (pitch - layout_height (printer)) / 2, 0, 0, 0);
  push_text (cursor, date, cursor->left + cursor->width - inset - layout_width (date),
             y + (pitch - layout_height (date)) / 2, 0, 0, 0);
  y += pitch;
  op = push_op (cursor, OP_LINE);
  op->x = cursor->left; op->y = y; op->w = cursor->width; op->line_width = 1.0;
  cursor->y = cursor->bottom;
}

static void
clear_layout (ChcReport *self)
{
  g_ptr_array_set_size (self->pages, 0);
  g_clear_object (&self->header);
  g_clear_object (&self->watermark);
  self->laid_out = FALSE;
}

void
chc_report_layout (ChcReport *self,
                   double     page_width_pt,
                   double     page_height_pt)
{
  Cursor cursor = { self };
  guint i = 0;

  g_return_if_fail (CHC_IS_REPORT (self));
  g_return_if_fail (page_width_pt > 2 * MARGIN + 50 && page_height_pt > 2 * MARGIN + 100);

  if (self->laid_out &&
      self->page_width == page_width_pt && self->page_height == page_height_pt)
    return;

  clear_layout (self);
  self->page_width = page_width_pt;
  self->page_height = page_height_pt;

  if (self->official)
    {
      cursor.left = (page_width_pt - DOC_WIDTH) / 2 + 1.0 * DOC_MM;
      cursor.width = DOC_WIDTH;
      cursor.top = MIN (DOC_TOP, (page_height_pt - DOC_HEIGHT) / 2 + 1.0 * DOC_MM);
      cursor.bottom = cursor.top + MIN (DOC_HEIGHT, page_height_pt - cursor.top - 20 * DOC_MM);
    }
  else
    {
      cursor.left = MARGIN;
      cursor.width = page_width_pt - 2 * MARGIN;
      cursor.top = MARGIN + HEADER_SPACE;
      cursor.bottom = page_height_pt - MARGIN - FOOTER_SPACE;
    }
  self->text_bottom = cursor.bottom;
  self->text_left = cursor.left;
  new_page (&cursor);

  while (i < self->blocks->len)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      switch (block->kind)
        {
        case BLOCK_TITLE: layout_title (&cursor, block); break;
        case BLOCK_HEADING: layout_heading (&cursor, block); break;
        case BLOCK_PARAGRAPH: layout_paragraph (&cursor, block); break;
        case BLOCK_KEY_VALUE: i = layout_key_values (&cursor, i); continue;
        case BLOCK_TABLE: layout_table (&cursor, block); break;
        case BLOCK_CHART: layout_chart (&cursor, block); break;
        case BLOCK_REMARKS: layout_remarks (&cursor, block); break;
        case BLOCK_SIGNATURE: layout_signature (&cursor, block); break;
        case BLOCK_PAGE_BREAK:
          if (!page_is_empty (&cursor))
            new_page (&cursor);
          break;
        case BLOCK_DOC_HEAD: layout_doc_head (&cursor, block); break;
        case BLOCK_DOC_TITLE: layout_doc_title (&cursor, block); break;
        case BLOCK_DOC_HEADING: layout_doc_heading (&cursor, block); break;
        case BLOCK_BODY: layout_body (&cursor, block, signature_needs (self, i)); break;
        case BLOCK_DOC_LIST: layout_doc_list (&cursor, block); break;
        case BLOCK_DOC_SIGNATURE: layout_doc_signature (&cursor, block); break;
        case BLOCK_ATTACHMENT: layout_attachment (&cursor, block); break;
        case BLOCK_DOC_RECORD: layout_doc_record (&cursor, block); break;
        default:
          g_assert_not_reached ();
        }
      i++;
    }

  /* Page furniture: now the page count is known. */
  self->header = make_layout (self, self->title, FONT_SANS, 8.5, cursor.width, CHC_REPORT_ALIGN_START);
  pango_layout_set_ellipsize (self->header, PANGO_ELLIPSIZE_END);
  for (guint p = 0; p < self->pages->len; p++)
    {
      Page *page = g_ptr_array_index (self->pages, p);
      g_autofree char *text = NULL;

      if (self->official)
        {
          /* GB/T 9704: the number between two em dashes. */
          text = g_strdup_printf ("— %d —", (int) p + 1);
          page->footer = make_layout (self, text, FONT_SONG, DOC_RECORD_SIZE, -1, CHC_REPORT_ALIGN_START);
          continue;
        }
      /* Translators: the page footer of a bulletin, "第 %d 页 共 %d 页". */
      text = g_strdup_printf (_("Page %d of %d"), (int) p + 1, (int) self->pages->len);
      page->footer = make_layout (self, text, FONT_SANS, 9, cursor.width, CHC_REPORT_ALIGN_CENTER);
    }
  if (self->demo)
    self->watermark = make_layout (self, WATERMARK_TEXT, FONT_SANS_BOLD, 54, -1, CHC_REPORT_ALIGN_CENTER);
  self->laid_out = TRUE;
}

int
chc_report_get_n_pages (ChcReport *self,
                        double     page_width_pt,
                        double     page_height_pt)
{
  g_return_val_if_fail (CHC_IS_REPORT (self), 0);

  chc_report_layout (self, page_width_pt, page_height_pt);
  return (int) self->pages->len;
}

/* ---- drawing ----------------------------------------------------------------- */

static void
draw_lines (cairo_t *cr,
            Op      *op)
{
  PangoLayoutIter *iter = pango_layout_get_iter (op->layout);
  int index = 0;

  do
    {
      if (index >= op->first && index < op->first + op->n_lines)
        {
          PangoRectangle logical;
          int baseline = pango_layout_iter_get_baseline (iter);

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, op->x + (double) logical.x / PANGO_SCALE,
                         op->y + (double) baseline / PANGO_SCALE - op->h);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      index++;
    }
  while (index < op->first + op->n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

void
chc_report_draw_page (ChcReport *self,
                      cairo_t   *cr,
                      int        page_index,
                      double     page_width_pt,
                      double     page_height_pt)
{
  Page *page;
  double left = MARGIN;
  double width = page_width_pt - 2 * MARGIN;

  g_return_if_fail (CHC_IS_REPORT (self));
  g_return_if_fail (cr != NULL);

  chc_report_layout (self, page_width_pt, page_height_pt);
  if (page_index < 0 || page_index >= (int) self->pages->len)
    return;
  page = g_ptr_array_index (self->pages, page_index);

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  for (guint i = 0; i < page->ops->len; i++)
    {
      Op *op = &g_array_index (page->ops, Op, i);

      cairo_set_source_rgb (cr, op->r, op->g, op->b);
      switch (op->kind)
        {
        case OP_LAYOUT:
          cairo_move_to (cr, op->x, op->y);
          pango_cairo_show_layout (cr, op->layout);
          break;
        case OP_LINES:
          draw_lines (cr, op);
          break;
        case OP_FILL:
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_fill (cr);
          break;
        case OP_RECT:
          cairo_set_line_width (cr, op->line_width);
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_stroke (cr);
          break;
        case OP_LINE:
          cairo_set_line_width (cr, op->line_width);
          if (op->dashed)
            cairo_set_dash (cr, (const double[]) { 4.0, 2.5 }, 2, 0);
          cairo_move_to (cr, op->x, op->y);
          cairo_line_to (cr, op->x + op->w, op->y + op->h);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (self->official)
    {
      /* "— 1 —" 7 mm under the text area, one character in from the
       * outer edge: right on odd pages, left on even ones. */
      double w = layout_width (page->footer);
      double x = page_index % 2 == 0
                 ? self->text_left + DOC_WIDTH - DOC_RECORD_SIZE - w
                 : self->text_left + DOC_RECORD_SIZE;

      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, x, self->text_bottom + 7.0 * DOC_MM - DOC_RECORD_SIZE * 0.3);
      pango_cairo_show_layout (cr, page->footer);
    }
  else
    {
      /* Header: the title and a rule; footer: page X of Y. */
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      cairo_move_to (cr, left, MARGIN);
      pango_cairo_show_layout (cr, self->header);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, left, MARGIN + 15);
      cairo_line_to (cr, left + width, MARGIN + 15);
      cairo_stroke (cr);
      cairo_move_to (cr, left, page_height_pt - MARGIN - layout_height (page->footer));
      pango_cairo_show_layout (cr, page->footer);
    }

  if (self->watermark != NULL)
    {
      double w = layout_width (self->watermark);
      double h = layout_height (self->watermark);

      cairo_save (cr);
      cairo_translate (cr, page_width_pt / 2, page_height_pt / 2);
      cairo_rotate (cr, -atan2 (page_height_pt, page_width_pt));
      cairo_move_to (cr, -w / 2, -h / 2);
      cairo_set_source_rgba (cr, 0.80, 0.10, 0.10, 0.13);
      pango_cairo_show_layout (cr, self->watermark);
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

/* The face fontconfig gives for @font. */
static char *
resolved_family (ChcReport *self,
                 FontKind   font)
{
  PangoFontDescription *desc = pango_font_description_new ();
  PangoFont *loaded;
  char *family = NULL;

  ensure_context (self);
  pango_font_description_set_family_static (desc, font_families (font));
  pango_font_description_set_weight (desc, font_weight (font));
  pango_font_description_set_size (desc, 16 * PANGO_SCALE);
  loaded = pango_font_map_load_font (self->font_map, self->context, desc);
  if (loaded != NULL)
    {
      PangoFontDescription *used = pango_font_describe (loaded);

      family = g_strdup (pango_font_description_get_family (used));
      pango_font_description_free (used);
      g_object_unref (loaded);
    }
  pango_font_description_free (desc);
  return family ? family : g_strdup ("?");
}

char *
chc_report_dup_fonts (ChcReport *self)
{
  static const struct { FontKind font; const char *role; } roles[] = {
    { FONT_FANGSONG, "正文（仿宋）" },
    { FONT_HEI, "一级标题及表头（黑体）" },
    { FONT_KAI, "二级标题（楷体）" },
    { FONT_SONG_BOLD, "标题（小标宋）" },
  };
  GString *text = g_string_new ("字体：");

  g_return_val_if_fail (CHC_IS_REPORT (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *family = resolved_family (self, roles[i].font);

      g_string_append_printf (text, "%s%s %s", i > 0 ? "；" : "", roles[i].role, family);
    }
  return g_string_free (text, FALSE);
}

gboolean
chc_report_write_pdf (ChcReport   *self,
                      const char  *path,
                      GError     **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  int n_pages;

  g_return_val_if_fail (CHC_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  n_pages = chc_report_get_n_pages (self, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT);
  surface = cairo_pdf_surface_create (path, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "CHC Monitor " PACKAGE_VERSION);
  if (self->official)
    {
      g_autofree char *fonts = chc_report_dup_fonts (self);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, fonts);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, fonts);
    }
  cr = cairo_create (surface);
  for (int p = 0; p < n_pages; p++)
    {
      chc_report_draw_page (self, cr, p, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_WRITE,
                   _("Cannot write the PDF file %s: %s"), display,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------------ */

static void
chc_report_finalize (GObject *object)
{
  ChcReport *self = CHC_REPORT (object);

  g_free (self->title);
  chc_report_text_free (self->text);
  g_ptr_array_unref (self->blocks);
  g_ptr_array_unref (self->pages);
  g_clear_object (&self->header);
  g_clear_object (&self->watermark);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);

  G_OBJECT_CLASS (chc_report_parent_class)->finalize (object);
}

static void
chc_report_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ChcReport *self = CHC_REPORT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_report_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  ChcReport *self = CHC_REPORT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      break;
    case PROP_DEMO:
      chc_report_set_demo (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_report_class_init (ChcReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chc_report_finalize;
  object_class->get_property = chc_report_get_property;
  object_class->set_property = chc_report_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_report_init (ChcReport *self)
{
  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->pages = g_ptr_array_new_with_free_func (page_free);
}

/* ---- public API --------------------------------------------------------------- */

ChcReport *
chc_report_new (const char *title)
{
  return g_object_new (CHC_TYPE_REPORT, "title", title ? title : "", NULL);
}

const char *
chc_report_get_title (ChcReport *self)
{
  g_return_val_if_fail (CHC_IS_REPORT (self), NULL);
  return self->title;
}

gboolean
chc_report_get_demo (ChcReport *self)
{
  g_return_val_if_fail (CHC_IS_REPORT (self), FALSE);
  return self->demo;
}

void
chc_report_set_demo (ChcReport *self,
                     gboolean   demo)
{
  g_return_if_fail (CHC_IS_REPORT (self));

  demo = !!demo;
  if (self->demo == demo)
    return;
  self->demo = demo;
  self->laid_out = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

void
chc_report_add_title (ChcReport  *self,
                      const char *title,
                      const char *subtitle)
{
  Block *block;

  g_return_if_fail (CHC_IS_REPORT (self));
  block = add_block (self, BLOCK_TITLE);
  block->text = g_strdup (title);
  block->text2 = g_strdup (subtitle);
}

void
chc_report_add_heading (ChcReport  *self,
                        const char *text)
{
  g_return_if_fail (CHC_IS_REPORT (self));
  add_block (self, BLOCK_HEADING)->text = g_strdup (text);
}

void
chc_report_add_paragraph (ChcReport  *self,
                          const char *text)
{
  g_return_if_fail (CHC_IS_REPORT (self));
  add_block (self, BLOCK_PARAGRAPH)->text = g_strdup (text);
}

void
chc_report_add_key_value (ChcReport  *self,
                          const char *key,
                          const char *value)
{
  Block *block;

  g_return_if_fail (CHC_IS_REPORT (self));
  block = add_block (self, BLOCK_KEY_VALUE);
  block->text = g_strdup (key);
  block->text2 = g_strdup (value);
}

void
chc_report_add_table (ChcReport      *self,
                      ChcReportTable *table)
{
  g_return_if_fail (CHC_IS_REPORT (self));
  g_return_if_fail (table != NULL);
  add_block (self, BLOCK_TABLE)->table = table;
}

void
chc_report_add_bar_chart (ChcReport         *self,
                          const char        *caption,
                          const char *const *labels,
                          const double      *values,
                          guint              n_bars,
                          double             target)
{
  Block *block;

  g_return_if_fail (CHC_IS_REPORT (self));
  g_return_if_fail (n_bars == 0 || (labels != NULL && values != NULL));

  block = add_block (self, BLOCK_CHART);
  block->text = g_strdup (caption);
  block->labels = g_new0 (char *, n_bars + 1);
  for (guint i = 0; i < n_bars; i++)
    block->labels[i] = g_strdup (labels[i] ? labels[i] : "");
  block->values = g_memdup2 (values, sizeof (double) * MAX (n_bars, 1));
  block->n_bars = n_bars;
  block->target = target;
}

void
chc_report_add_remarks (ChcReport  *self,
                        const char *text,
                        double      min_height)
{
  Block *block;

  g_return_if_fail (CHC_IS_REPORT (self));
  block = add_block (self, BLOCK_REMARKS);
  block->text = g_strdup (text ? text : "");
  block->min_height = min_height;
}

void
chc_report_add_signature (ChcReport         *self,
                          const char *const *labels)
{
  g_return_if_fail (CHC_IS_REPORT (self));
  add_block (self, BLOCK_SIGNATURE)->labels = g_strdupv ((char **) labels);
}

void
chc_report_add_page_break (ChcReport *self)
{
  g_return_if_fail (CHC_IS_REPORT (self));
  add_block (self, BLOCK_PAGE_BREAK);
}

const char *
chc_report_table_get_title (ChcReportTable *table,
                            guint           column)
{
  g_return_val_if_fail (table != NULL, NULL);
  return column < table->n_columns ? table->titles[column] : NULL;
}

/**
 * chc_report_foreach_table:
 * @func: called with each table and the title it is under (the last
 *   attachment's title or heading before it)
 *
 * The bulletin's tables in order, for what shows them other than on a
 * page (an Excel workbook of them): the tables are defined once, here.
 */
void
chc_report_foreach_table (ChcReport          *self,
                          ChcReportTableFunc  func,
                          gpointer            user_data)
{
  const char *title = NULL;

  g_return_if_fail (CHC_IS_REPORT (self));

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      switch (block->kind)
        {
        case BLOCK_ATTACHMENT:
          title = block->text2 != NULL ? block->text2 : block->text;
          break;
        case BLOCK_HEADING:
        case BLOCK_DOC_HEADING:
          title = block->text;
          break;
        case BLOCK_TABLE:
          func (title, block->table, user_data);
          break;
        default:
          break;
        }
    }
}

guint
chc_report_get_n_blocks (ChcReport *self)
{
  g_return_val_if_fail (CHC_IS_REPORT (self), 0);
  return self->blocks->len;
}

void
chc_report_set_official (ChcReport *self,
                         gboolean   official)
{
  g_return_if_fail (CHC_IS_REPORT (self));
  self->official = !!official;
  self->laid_out = FALSE;
}

gboolean
chc_report_get_official (ChcReport *self)
{
  g_return_val_if_fail (CHC_IS_REPORT (self), FALSE);
  return self->official;
}

void
chc_report_add_doc_head (ChcReport  *self,
                         const char *issuing_mark,
                         const char *doc_number)
{
  Block *block;

  g_return_if_fail (CHC_IS_REPORT (self));
  block = add_block (self, BLOCK_DOC_HEAD);
  block->text = g_strdup (issuing_mark ? issuing_mark : "");
  block->text2 = g_strdup (doc_number);
}

void
chc_report_add_doc_title (ChcReport  *self,
                          const char *title)
{
  g_return_if_fail (CHC_IS_REPORT (self));
  add_block (self, BLOCK_DOC_TITLE)->text = g_strdup (title);
}

void
chc_report_add_doc_heading (ChcReport  *self,
                            int         level,
                            const char *text)
{
  Block *block;

  g_return_if_fail (CHC_IS_REPORT (self));
  block = add_block (self, BLOCK_DOC_HEADING);
  block->text = g_strdup (text);
  block->level = level;
}

void
chc_report_add_body (ChcReport  *self,
                     const char *text,
                     int         indent)
{
  Block *block;

  g_return_if_fail (CHC_IS_REPORT (self));
  block = add_block (self, BLOCK_BODY);
  block->text = g_strdup (text);
  block->level = indent;
}

void
chc_report_add_doc_list (ChcReport         *self,
                         const char        *label,
                         const char *const *items)
{
  Block *block;

  g_return_if_fail (CHC_IS_REPORT (self));
  block = add_block (self, BLOCK_DOC_LIST);
  block->text = g_strdup (label);
  block->labels = g_strdupv ((char **) items);
}

void
chc_report_add_doc_signature (ChcReport  *self,
                              const char *signer,
                              const char *date)
{
  Block *block;

  g_return_if_fail (CHC_IS_REPORT (self));
  block = add_block (self, BLOCK_DOC_SIGNATURE);
  block->text = g_strdup (signer);
  block->text2 = g_strdup (date);
}

void
chc_report_add_attachment (ChcReport  *self,
                           const char *label,
                           const char *title)
{
  Block *block;

  g_return_if_fail (CHC_IS_REPORT (self));
  block = add_block (self, BLOCK_ATTACHMENT);
  block->text = g_strdup (label);
  block->text2 = g_strdup (title);
}

void
chc_report_add_doc_record (ChcReport  *self,
                           const char *copy_to,
                           const char *printer,
                           const char *print_date)
{
  Block *block;

  g_return_if_fail (CHC_IS_REPORT (self));
  block = add_block (self, BLOCK_DOC_RECORD);
  block->text = g_strdup (copy_to);
  block->text2 = g_strdup (printer);
  block->labels = g_new0 (char *, 2);
  block->labels[0] = g_strdup (print_date ? print_date : "");
}

void
chc_report_add_body_run_in (ChcReport  *self,
                            const char *text,
                            gsize       run_in)
{
  Block *block;

  g_return_if_fail (CHC_IS_REPORT (self));
  block = add_block (self, BLOCK_BODY);
  block->text = g_strdup (text);
  block->level = 2;
  block->run_in = MIN (run_in, strlen (text));
}

void
chc_report_set_text (ChcReport     *self,
                     ChcReportText *text)
{
  g_return_if_fail (CHC_IS_REPORT (self));
  chc_report_text_free (self->text);
  self->text = text;
}

const ChcReportText *
chc_report_get_text (ChcReport *self)
{
  g_return_val_if_fail (CHC_IS_REPORT (self), NULL);
  return self->text;
}

void
chc_report_share_fonts (ChcReport *self,
                        ChcReport *other)
{
  g_return_if_fail (CHC_IS_REPORT (self));
  g_return_if_fail (CHC_IS_REPORT (other));
  g_return_if_fail (!self->laid_out);

  ensure_context (other);
  g_set_object (&self->font_map, other->font_map);
  g_set_object (&self->context, other->context);
}
