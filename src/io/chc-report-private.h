/* chc-report-private.h — the gathered figures of a bulletin, shared by
 * chc-report-build.c (the tables) and chc-report-text.c (the drafted
 * text), so both say the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "chc-report-sections.h"
#include "model/chc-district.h"
#include "model/chc-facility.h"

G_BEGIN_DECLS

typedef struct
{
  ChcDistrict *district;
  GPtrArray   *centres;      /* ChcFacility: operating centres, registry order */
  char        *period;       /* "2024" or "2024-06" */
  char        *period_label; /* translated */
  char        *period_zh;    /* 2024年度, 2024年6月 */
  char        *issuer;       /* the signing body */
  char        *issue_date;   /* 成文日期, YYYY-MM-DD */
  guint32      as_of;        /* Julian day of the days late */
  char        *as_of_date;   /* YYYY-MM-DD */
  char        *issuing_mark; /* 发文机关标志 */
  char        *doc_prefix;
  int          doc_number;
  char        *copy_to;
  char        *printer;
  char        *requirements; /* the remembered template, or NULL */
  gboolean     demo;
  GPtrArray   *indicators;   /* ChcReportIndicatorRow, NULL: no source */
  GPtrArray   *signing;      /* ChcReportSigningRow */
  double       signing_target;
  char        *signing_period;   /* the month of the figures shown */
  GPtrArray   *tcm;          /* ChcReportTcmRow */
  GPtrArray   *towns;        /* ChcReportTownRow */
  GPtrArray   *projects;     /* ChcReportProjectRow */
} ReportData;

void           chc_report_data_free   (ReportData *data);
/* Signing rows (ChcReportSigningRow **) by coverage, best first. */
int            chc_report_compare_signing (gconstpointer a,
                                           gconstpointer b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReportData, chc_report_data_free)

/* YYYY-MM-DD as 2025年1月15日 (a copy of @iso when it is no date). */
char          *chc_report_date_zh     (const char *iso);
/* The drafted text of the district edition (@centre NULL) or of the
 * edition addressed to @centre; always in Chinese. */
ChcReportText *chc_report_draft       (ReportData  *data,
                                       ChcFacility *centre);

/* ---- snapshots of issued bulletins (chc-report-snapshot.c) ---- */

/* The options a snapshot was rendered with; the strings are owned. */
typedef struct
{
  ChcReportOptions  options;
  gboolean          each_centre;   /* the per-centre editions */
  ChcReportText    *text;
  GPtrArray        *strings;
} ChcReportSnapshotOptions;

/* The whole snapshot of @data as rendered with @options. */
JsonNode      *chc_report_snapshot_new        (ReportData             *data,
                                               const ChcReportOptions *options,
                                               gboolean                each_centre);
/* Only its "figures" member. */
JsonNode      *chc_report_snapshot_figures    (ReportData  *data);
char          *chc_report_snapshot_to_string  (JsonNode    *root);
/* SHA-256 of @json, hex. */
char          *chc_report_snapshot_checksum   (const char  *json);
/* A copy of the snapshot's root; NULL with CHC_REPORT_ERROR_SNAPSHOT. */
JsonNode      *chc_report_snapshot_parse      (const char  *json,
                                               GError     **error);
void           chc_report_snapshot_read_options (JsonNode                 *root,
                                                 ChcReportSnapshotOptions *options);
void           chc_report_snapshot_options_clear (ChcReportSnapshotOptions *options);
ReportData    *chc_report_snapshot_read_data  (JsonNode    *root);
/* The interface language now ("zh_CN"), and the one @root was made in. */
char          *chc_report_snapshot_language   (void);
const char    *chc_report_snapshot_get_language (JsonNode *root);
/* @root with its "figures" replaced by those of @data, as text. */
char          *chc_report_snapshot_replace_figures (JsonNode   *root,
                                                    ReportData *data);

G_END_DECLS
