/* chc-report-sections.h — the sections of a bulletin, built from plain
 * rows (filled from the store by chc_report_build(), or by a test), the
 * per-centre editions and the blank entry form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chc-report.h"

G_BEGIN_DECLS

typedef enum
{
  CHC_REPORT_STATUS_NO_DATA,
  CHC_REPORT_STATUS_NO_TARGET,
  CHC_REPORT_STATUS_MET,
  CHC_REPORT_STATUS_CLOSE,       /* behind, but within reach */
  CHC_REPORT_STATUS_BEHIND,
} ChcReportTargetStatus;

/* One plan indicator: formatted value and target ("45.0%", "≥ 46%"). */
typedef struct
{
  char            *name;
  char            *value;        /* NULL: no data */
  char            *target;       /* NULL: no target this year */
  ChcReportTargetStatus  status;
  char            *name_zh;      /* the Chinese name for the text; NULL: @name */
  char            *source;       /* where the plan sets it (seed file and clause); NULL: not known */
} ChcReportIndicatorRow;

/* One centre's family-doctor signing in the period; percentages 0–100,
 * negative when not known.  @change is in percentage points since the
 * previous period, NAN when not known.  A centre that has not reported
 * (@reported FALSE: its own row is missing) is shown as 未报 and never
 * ranked; a branch centre of such a centre that did report is a row of
 * its own (@parent_id > 0), after its centre, never ranked either. */
typedef struct
{
  gint64   facility_id;
  char    *centre;
  double   coverage;
  double   change;
  double   key_coverage;
  double   compliance;
  guint    n_branches;   /* branch centres whose figures are included */
  gboolean reported;     /* TRUE when new: the figures are the centre's */
  gint64   parent_id;    /* > 0: a branch shown on its own line */
} ChcReportSigningRow;

typedef struct
{
  gint64  facility_id;
  char   *facility;
  char   *site;             /* hall or corner state, in words */
  char   *specialty;        /* the specialty clinics open, or NULL */
  char   *demonstration;    /* demonstration status, in words */
} ChcReportTcmRow;

typedef struct
{
  char  *town;
  char  *missing;           /* what the town still lacks; NULL or "": nothing */
} ChcReportTownRow;

typedef struct
{
  gint64  facility_id;
  char   *project;
  char   *kind;
  char   *stage;
  int     late_days;        /* 0: on time */
} ChcReportProjectRow;

ChcReportIndicatorRow *chc_report_indicator_row_new  (const char *name,
                                                      const char *value,
                                                      const char *target,
                                                      ChcReportTargetStatus status);
void                   chc_report_indicator_row_free (ChcReportIndicatorRow *row);
ChcReportSigningRow   *chc_report_signing_row_new    (gint64      facility_id,
                                                      const char *centre);
void                   chc_report_signing_row_free   (ChcReportSigningRow *row);
/* Whether @row is ranked: a centre that reported, with a coverage. */
gboolean               chc_report_signing_row_ranked (const ChcReportSigningRow *row);
/* "Of 12 centres, 10 reported; not reported: A, B. …" (translated), or
 * NULL when @rows has no centre. */
char                  *chc_report_signing_reported_note (GPtrArray *rows);
ChcReportTcmRow       *chc_report_tcm_row_new        (gint64      facility_id,
                                                      const char *facility,
                                                      const char *site,
                                                      const char *specialty,
                                                      const char *demonstration);
void                   chc_report_tcm_row_free       (ChcReportTcmRow *row);
ChcReportTownRow      *chc_report_town_row_new       (const char *town,
                                                      const char *missing);
void                   chc_report_town_row_free      (ChcReportTownRow *row);
ChcReportProjectRow   *chc_report_project_row_new    (gint64      facility_id,
                                                      const char *project,
                                                      const char *kind,
                                                      const char *stage,
                                                      int         late_days);
void                   chc_report_project_row_free   (ChcReportProjectRow *row);

/* The status in words ("Met", "Behind") and its colour. */
const char      *chc_report_status_to_string (ChcReportTargetStatus status);
ChcReportColour  chc_report_status_colour    (ChcReportTargetStatus status);

/* The sections.  A NULL or empty row array gives the section's heading
 * and "No data for this period."; nothing is ever invented. */
void chc_report_add_indicator_section    (ChcReport  *report,
                                          const char *heading,
                                          GPtrArray  *rows);
/* Ranked by coverage, over the centres that reported only; those that
 * have not are listed as 未报 after them, and the section says how many
 * of how many reported.  Centres below @target (percent; < 0: none)
 * marked. */
void chc_report_add_signing_section      (ChcReport  *report,
                                          const char *heading,
                                          GPtrArray  *rows,
                                          double      target);
void chc_report_add_signing_chart        (ChcReport  *report,
                                          const char *heading,
                                          GPtrArray  *rows,
                                          double      target);
void chc_report_add_tcm_section          (ChcReport  *report,
                                          const char *heading,
                                          GPtrArray  *rows,
                                          GPtrArray  *towns);
/* Late projects first, latest first. */
void chc_report_add_construction_section (ChcReport  *report,
                                          const char *heading,
                                          GPtrArray  *rows);

/* One bulletin per operating centre of the district: the district summary
 * plus that centre's own page (@options->centre_id is ignored), written to
 * @directory as "<district>-<period>-<centre>.pdf".  Returns the paths
 * written. */
GStrv       chc_report_write_each_centre (ChcDatabase            *database,
                                          const ChcReportOptions *options,
                                          const char             *directory,
                                          GCancellable           *cancellable,
                                          GError                **error);
/* A blank monthly entry form for a centre (@period YYYY-MM): every signing
 * and TCM field with ruled boxes, remarks, signature and date lines. */
ChcReport  *chc_report_build_form        (ChcDatabase            *database,
                                          gint64                  centre_id,
                                          const char             *period,
                                          GError                **error);

G_END_DECLS
