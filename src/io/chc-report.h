/* chc-report.h — bulletins (通报): a document of blocks laid out with
 * PangoCairo onto A4 pages, drawn by one renderer on any cairo_t (PDF
 * surface, GtkPrintOperation, on-screen preview).  No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <cairo.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_REPORT_ERROR (chc_report_error_quark ())

typedef enum
{
  CHC_REPORT_ERROR_NO_DISTRICT,   /* the district or centre does not exist */
  CHC_REPORT_ERROR_PERIOD,        /* year or month out of range */
  CHC_REPORT_ERROR_WRITE,         /* the PDF could not be written */
} ChcReportError;

/* A4 portrait in PostScript points. */
#define CHC_REPORT_A4_WIDTH  (210.0 / 25.4 * 72.0)
#define CHC_REPORT_A4_HEIGHT (297.0 / 25.4 * 72.0)

typedef enum
{
  CHC_REPORT_ALIGN_START,
  CHC_REPORT_ALIGN_CENTER,
  CHC_REPORT_ALIGN_END,      /* numbers */
} ChcReportAlign;

/* Status colours of a cell (a light tint behind the text). */
typedef enum
{
  CHC_REPORT_COLOUR_NONE,
  CHC_REPORT_COLOUR_GREEN,
  CHC_REPORT_COLOUR_AMBER,
  CHC_REPORT_COLOUR_RED,
  CHC_REPORT_COLOUR_GREY,
} ChcReportColour;

typedef enum
{
  CHC_REPORT_CELL_PLAIN    = 0,
  CHC_REPORT_CELL_BOLD     = 1 << 0,
  CHC_REPORT_CELL_ALERT    = 1 << 1,   /* dark red text */
} ChcReportCellFlags;

/* Sections of a bulletin; chc_report_build() leaves out those not set. */
typedef enum
{
  CHC_REPORT_SECTION_INDICATORS    = 1 << 0,
  CHC_REPORT_SECTION_SIGNING       = 1 << 1,
  CHC_REPORT_SECTION_SIGNING_CHART = 1 << 2,
  CHC_REPORT_SECTION_TCM           = 1 << 3,
  CHC_REPORT_SECTION_CONSTRUCTION  = 1 << 4,
  CHC_REPORT_SECTION_REMARKS       = 1 << 5,
  CHC_REPORT_SECTION_ALL           = (1 << 6) - 1,
} ChcReportSections;

typedef struct
{
  gint64             district_id;
  int                year;
  int                month;        /* 1–12, or 0 for the whole year */
  ChcReportSections  sections;     /* 0 means all */
  const char        *issuer;       /* NULL: the stored "report.issuer" */
  const char        *remarks;      /* free text, or NULL */
  const char        *issue_date;   /* YYYY-MM-DD; NULL: today */
  gint64             centre_id;    /* > 0: add this centre's own pages */
} ChcReportOptions;

/* ---- tables ------------------------------------------------------------- */

typedef struct _ChcReportTable ChcReportTable;

ChcReportTable *chc_report_table_new            (guint            n_columns);
void            chc_report_table_free           (ChcReportTable  *table);
guint           chc_report_table_get_n_columns  (ChcReportTable  *table);
guint           chc_report_table_get_n_rows     (ChcReportTable  *table);
/* @width is relative: the columns share the body width in proportion. */
void            chc_report_table_set_column     (ChcReportTable  *table,
                                                 guint            column,
                                                 const char      *title,
                                                 double           width,
                                                 ChcReportAlign   align);
/* Minimum height of a body row in points (ruled boxes of a blank form). */
void            chc_report_table_set_min_row_height (ChcReportTable *table,
                                                 double           height);
/* Appends an empty row; returns its index. */
guint           chc_report_table_add_row        (ChcReportTable  *table);
/* Appends a row of @n_columns texts (NULL for empty). */
guint           chc_report_table_append         (ChcReportTable  *table,
                                                 const char *const *texts);
void            chc_report_table_set_cell       (ChcReportTable  *table,
                                                 guint            row,
                                                 guint            column,
                                                 const char      *text);
const char     *chc_report_table_get_cell       (ChcReportTable  *table,
                                                 guint            row,
                                                 guint            column);
void            chc_report_table_set_cell_style (ChcReportTable  *table,
                                                 guint            row,
                                                 guint            column,
                                                 ChcReportColour  colour,
                                                 ChcReportCellFlags flags);
/* The style of every cell of @row. */
void            chc_report_table_set_row_style  (ChcReportTable  *table,
                                                 guint            row,
                                                 ChcReportColour  colour,
                                                 ChcReportCellFlags flags);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcReportTable, chc_report_table_free)

/* ---- the document ------------------------------------------------------- */

#define CHC_TYPE_REPORT (chc_report_get_type ())
G_DECLARE_FINAL_TYPE (ChcReport, chc_report, CHC, REPORT, GObject)

GQuark      chc_report_error_quark      (void);

/* An empty document; @title goes into every page header. */
ChcReport  *chc_report_new              (const char      *title);
const char *chc_report_get_title        (ChcReport       *self);
gboolean    chc_report_get_demo         (ChcReport       *self);
/* Demo data: the watermark "示例数据 / Demo data" across every page. */
void        chc_report_set_demo         (ChcReport       *self,
                                         gboolean         demo);

/* Blocks, in reading order. */
void        chc_report_add_title        (ChcReport       *self,
                                         const char      *title,
                                         const char      *subtitle);
void        chc_report_add_heading      (ChcReport       *self,
                                         const char      *text);
void        chc_report_add_paragraph    (ChcReport       *self,
                                         const char      *text);
/* Consecutive key-value lines form one aligned group. */
void        chc_report_add_key_value    (ChcReport       *self,
                                         const char      *key,
                                         const char      *value);
/* Takes @table. */
void        chc_report_add_table        (ChcReport       *self,
                                         ChcReportTable  *table);
/* Horizontal bars, one per label, values in percent (0–100), with a
 * dashed target line at @target (< 0: none).  Arrays of @n_bars. */
void        chc_report_add_bar_chart    (ChcReport       *self,
                                         const char      *caption,
                                         const char *const *labels,
                                         const double    *values,
                                         guint            n_bars,
                                         double           target);
/* A framed free-text box; @min_height in points (room to write by hand). */
void        chc_report_add_remarks      (ChcReport       *self,
                                         const char      *text,
                                         double           min_height);
/* Ruled lines to sign on: "label ________" for each of @labels. */
void        chc_report_add_signature    (ChcReport       *self,
                                         const char *const *labels);
void        chc_report_add_page_break   (ChcReport       *self);
guint       chc_report_get_n_blocks     (ChcReport       *self);

/* Lays the blocks out on pages of the given size (margins 20 mm).  Done
 * again only when the size changes or blocks were added. */
void        chc_report_layout           (ChcReport       *self,
                                         double           page_width_pt,
                                         double           page_height_pt);
/* Pages at the given size (lays out if needed). */
int         chc_report_get_n_pages      (ChcReport       *self,
                                         double           page_width_pt,
                                         double           page_height_pt);
/* Draws page @page (0-based) on @cr, whose user space is points with the
 * origin at the paper's top-left corner (scale @cr for a preview).  Lays
 * out at the given size if needed. */
void        chc_report_draw_page        (ChcReport       *self,
                                         cairo_t         *cr,
                                         int              page,
                                         double           page_width_pt,
                                         double           page_height_pt);

/* Gathers the data of @options from @database and builds the bulletin
 * (chc-report-build.c; more in chc-report-sections.h). */
ChcReport  *chc_report_build            (ChcDatabase             *database,
                                         const ChcReportOptions  *options,
                                         GCancellable            *cancellable,
                                         GError                 **error);
/* Every page on A4 into a PDF file. */
gboolean    chc_report_write_pdf        (ChcReport               *self,
                                         const char              *path,
                                         GError                 **error);

G_END_DECLS
