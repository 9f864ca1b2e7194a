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
#include "store/chc-database-bulletins.h"

G_BEGIN_DECLS

#define CHC_REPORT_ERROR (chc_report_error_quark ())

typedef enum
{
  CHC_REPORT_ERROR_NO_DISTRICT,   /* the district or centre does not exist */
  CHC_REPORT_ERROR_PERIOD,        /* year or month out of range */
  CHC_REPORT_ERROR_WRITE,         /* the PDF could not be written */
  CHC_REPORT_ERROR_TEXT,          /* a text file of the sections is not one */
  CHC_REPORT_ERROR_SNAPSHOT,      /* an issued bulletin has no readable figures */
  CHC_REPORT_ERROR_LANGUAGE,      /* issued in another language: not compared */
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

/* The written sections of a bulletin (always Chinese: it is drafted for
 * the communities whatever the interface language). */
typedef enum
{
  CHC_REPORT_TEXT_LEAD,           /* 导语: what is reported and why */
  CHC_REPORT_TEXT_BASIC,          /* 一、基本情况 */
  CHC_REPORT_TEXT_INDICATORS,     /* 二、主要指标完成情况 */
  CHC_REPORT_TEXT_PROBLEMS,       /* 三、存在问题 */
  CHC_REPORT_TEXT_REQUIREMENTS,   /* 四、下一步工作要求 */
  CHC_REPORT_TEXT_N
} ChcReportTextSection;

/* Each section's text, one paragraph a line; a line starting "（一）" is a
 * level-2 heading.  NULL: not given (the drafted text stands). */
typedef struct
{
  char *sections[CHC_REPORT_TEXT_N];
} ChcReportText;

typedef struct
{
  gint64             district_id;
  int                year;
  int                month;        /* 1–12, or 0 for the whole year */
  ChcReportSections  sections;     /* 0 means all */
  const char        *issuer;       /* NULL: the stored "report.issuer" */
  const char        *remarks;      /* free text, or NULL */
  const char        *issue_date;   /* 成文日期 YYYY-MM-DD; NULL: the first
                                      working day after the period */
  gint64             centre_id;    /* > 0: the edition addressed to this centre */
  const char        *as_of;        /* YYYY-MM-DD of the days late; NULL: the
                                      end of the period (today when earlier) */
  const char        *issuing_mark; /* 发文机关标志; NULL: remembered or default */
  const char        *doc_prefix;   /* 发文字号 prefix; NULL: remembered or default */
  int                doc_number;   /* > 0: this number; 0: the next one of the
                                      register (shown, not taken) */
  const ChcReportText *text;       /* sections replacing the drafted ones, or NULL */
  const char        *copy_to;      /* 抄送 of the 版记; NULL: remembered or default */
  const char        *printer;      /* 印发机关; NULL: remembered or default */
} ChcReportOptions;

ChcReportText *chc_report_text_new            (void);
void           chc_report_text_free           (ChcReportText *text);
/* 导语, 基本情况, 主要指标完成情况, 存在问题, 下一步工作要求. */
const char    *chc_report_text_section_title  (ChcReportTextSection section);
/* "【基本情况】" lines, each followed by its section: what --draft-text
 * prints and --text reads. */
char          *chc_report_text_to_string      (const ChcReportText *text);
/* Sections not in @contents stay NULL; lines before the first marker and
 * lines starting with "#" are ignored.  An unknown marker is an error. */
ChcReportText *chc_report_text_parse          (const char    *contents,
                                               GError       **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcReportText, chc_report_text_free)

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
const char     *chc_report_table_get_title      (ChcReportTable  *table,
                                                 guint            column);
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
typedef void (*ChcReportTableFunc)      (const char      *title,
                                         ChcReportTable  *table,
                                         gpointer         user_data);
/* Each table of the bulletin, in order, with the title it is under. */
void        chc_report_foreach_table    (ChcReport          *self,
                                         ChcReportTableFunc  func,
                                         gpointer            user_data);
/* The bulletin's tables as an Excel workbook, one sheet per table, each
 * with a title row (@caption, e.g. the district and period; the demo mark
 * when the bulletin is demo data) and its columns' headings.  Percentages
 * and counts are numbers in the workbook. */
gboolean    chc_report_write_tables_xlsx (ChcReport      *self,
                                          const char     *caption,
                                          const char     *path,
                                          GError        **error);

/* ---- an official document (公文, GB/T 9704-2012) ---------------------- */

/* Lays out after GB/T 9704: text area 156 × 225 mm, page numbers
 * "— 1 —" at the outer edge, no running header; headings and notes of the
 * table sections in the document's faces. */
void        chc_report_set_official     (ChcReport       *self,
                                         gboolean         official);
gboolean    chc_report_get_official     (ChcReport       *self);
/* 版头: the 发文机关标志 in red, the 发文字号 and the red rule. */
void        chc_report_add_doc_head     (ChcReport       *self,
                                         const char      *issuing_mark,
                                         const char      *doc_number);
/* The title, centred in 2号 bold Song. */
void        chc_report_add_doc_title    (ChcReport       *self,
                                         const char      *title);
/* A heading of @level 1 (黑体), 2 (楷体) or 3 (仿宋), numbered by the
 * caller (一、 （一） 1. （1）). */
void        chc_report_add_doc_heading  (ChcReport       *self,
                                         int              level,
                                         const char      *text);
/* A paragraph of the body in 3号 仿宋, the first line @indent characters
 * in (2 for a paragraph, 0 for the 主送机关). */
void        chc_report_add_body         (ChcReport       *self,
                                         const char      *text,
                                         int              indent);
/* A paragraph that opens with a run-in level-2 heading (its first @run_in
 * bytes, "（一）年度规划指标。") set in 楷体. */
void        chc_report_add_body_run_in  (ChcReport       *self,
                                         const char      *text,
                                         gsize            run_in);
/* 附件说明: "@label" then the items, aligned. */
void        chc_report_add_doc_list     (ChcReport       *self,
                                         const char      *label,
                                         const char *const *items);
/* The issuing body over the 成文日期 (already in words). */
void        chc_report_add_doc_signature (ChcReport      *self,
                                         const char      *signer,
                                         const char      *date);
/* An attachment: a new page headed "@label" (附件1) and @title. */
void        chc_report_add_attachment   (ChcReport       *self,
                                         const char      *label,
                                         const char      *title);
/* 版记 at the foot of the last page: 抄送 (none when empty), 印发机关 and
 * 印发日期. */
void        chc_report_add_doc_record   (ChcReport       *self,
                                         const char      *copy_to,
                                         const char      *printer,
                                         const char      *print_date);
/* The written text the document was made with (NULL for other reports);
 * set_text takes @text. */
void        chc_report_set_text         (ChcReport       *self,
                                         ChcReportText   *text);
const ChcReportText *chc_report_get_text (ChcReport      *self);
/* Lays out with @other's fonts (loaded once for a series of reports made
 * and written in one thread, as the per-centre editions are). */
void        chc_report_share_fonts      (ChcReport       *self,
                                         ChcReport       *other);
/* The faces used for each role, as written into the PDF's properties
 * (Subject and Keywords): "字体：正文（仿宋） Noto Serif CJK SC；…". */
char       *chc_report_dup_fonts        (ChcReport       *self);

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
/* The text drafted from the same figures as the tables (for the edition
 * of @options->centre_id when set), before @options->text is applied. */
ChcReportText *chc_report_draft_text    (ChcDatabase             *database,
                                         const ChcReportOptions  *options,
                                         GCancellable            *cancellable,
                                         GError                 **error);
/* The 成文日期 proposed for a period (@month 0: the year): the first
 * working day after it, YYYY-MM-DD. */
char       *chc_report_dup_proposed_date (int                     year,
                                          int                     month);
/* The 抄送 of the 版记 when the district has set none. */
const char *chc_report_default_copy_to  (void);
/* (element-type ChcFacility): the centres a bulletin of the district ranks
 * and can be addressed to (its operating centres, registry order). */
GPtrArray  *chc_report_list_centres     (ChcDatabase             *database,
                                         gint64                   district_id,
                                         GError                 **error);
/* The 发文字号 prefix and year the bulletin of @options will be numbered
 * in (remembered prefix or default; the year of the 成文日期). */
char       *chc_report_dup_doc_prefix   (ChcDatabase             *database,
                                         const ChcReportOptions  *options,
                                         int                     *year);
/* Issues the bulletin: builds it with the next number of the register,
 * writes it to @path and enters it in the register (built again should
 * another program have taken that number meanwhile); @options->doc_number
 * is ignored.  Returns the report, its number in @number. */
ChcReport  *chc_report_issue            (ChcDatabase             *database,
                                         const ChcReportOptions  *options,
                                         const char              *path,
                                         int                     *number,
                                         GError                 **error);
/* Issues the per-centre editions of one bulletin (one number; as
 * chc_report_write_each_centre() writes them) and enters them in the
 * register with their figures.  Returns the paths written, the number in
 * @number. */
GStrv       chc_report_issue_each_centre (ChcDatabase            *database,
                                          const ChcReportOptions *options,
                                          const char             *directory,
                                          int                    *number,
                                          GError                **error);

/* ---- issued bulletins ---------------------------------------------------- */

/* The bulletin @issue as it was issued, from the figures the register
 * keeps (never the live data): the same pages, the same number, dates,
 * text and tables.  @centre_id > 0: that centre's edition (of a bulletin
 * issued for every centre); 0: the edition issued.  NULL with
 * CHC_REPORT_ERROR_SNAPSHOT for a bulletin issued before its figures were
 * recorded. */
ChcReport  *chc_report_reprint          (ChcDatabase             *database,
                                         const ChcBulletinIssue  *issue,
                                         gint64                   centre_id,
                                         GError                 **error);
/* Every per-centre edition of @issue again, into @directory. */
GStrv       chc_report_reprint_each_centre (ChcDatabase          *database,
                                         const ChcBulletinIssue  *issue,
                                         const char              *directory,
                                         GError                 **error);
/* Whether the figures @issue showed have changed since it was issued:
 * gathers them again from the database with the same choices and compares
 * the checksum with the one recorded.  FALSE with @error when they cannot
 * be compared: no figures recorded (CHC_REPORT_ERROR_SNAPSHOT), issued in
 * another interface language, whose names of indicators and states the
 * figures carry (CHC_REPORT_ERROR_LANGUAGE), the district is gone. */
gboolean    chc_report_figures_changed  (ChcDatabase             *database,
                                         const ChcBulletinIssue  *issue,
                                         gboolean                *changed,
                                         GError                 **error);
/* Reads "青卫健基层〔2025〕3号" (also with [] or 【】 and without 号). */
gboolean    chc_report_parse_doc_number (const char              *text,
                                         char                   **prefix,
                                         int                     *year,
                                         int                     *number);

/* Every page on A4 into a PDF file. */
gboolean    chc_report_write_pdf        (ChcReport               *self,
                                         const char              *path,
                                         GError                 **error);

G_END_DECLS
