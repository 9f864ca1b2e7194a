/* chc-csv-report.h — what an import found and did: problems with their
 * line and column, and the counts of inserted, updated and unchanged rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chc-csv-columns.h"
#include "chc-csv-reader.h"

G_BEGIN_DECLS

/* Problems kept per severity; the rest are only counted. */
#define CHC_CSV_MAX_PROBLEMS 100

typedef struct
{
  guint     line;      /* 1-based */
  guint     column;    /* 1-based field index */
  gboolean  warning;   /* FALSE: an error */
  char     *message;   /* translated, without the position */
} ChcCsvProblem;

/* The fields are read-only for the report's users. */
typedef struct
{
  ChcCsvKind      kind;
  char           *file_name;
  ChcCsvEncoding  encoding;      /* as read */
  char            delimiter;
  guint64         n_rows;        /* data rows (the header and blank lines not counted) */
  guint64         inserted;
  guint64         updated;
  guint64         unchanged;
  guint           n_errors;      /* all errors found */
  guint           n_warnings;    /* all warnings found */
  GPtrArray      *problems;      /* (element-type ChcCsvProblem): the first
                                    CHC_CSV_MAX_PROBLEMS errors and warnings,
                                    by line and column */
  gboolean        written;       /* the changes were committed */
} ChcCsvReport;

#define CHC_TYPE_CSV_REPORT (chc_csv_report_get_type ())

GType          chc_csv_report_get_type     (void) G_GNUC_CONST;
ChcCsvReport  *chc_csv_report_new          (ChcCsvKind          kind,
                                            const char         *file_name);
ChcCsvReport  *chc_csv_report_copy         (const ChcCsvReport *report);
void           chc_csv_report_free         (ChcCsvReport       *report);

void           chc_csv_report_add          (ChcCsvReport       *report,
                                            gboolean            warning,
                                            guint               line,
                                            guint               column,
                                            const char         *format,
                                            ...) G_GNUC_PRINTF (5, 6);
void           chc_csv_report_add_literal  (ChcCsvReport       *report,
                                            gboolean            warning,
                                            guint               line,
                                            guint               column,
                                            const char         *message);
/* Sorts the problems by line, column, errors first. */
void           chc_csv_report_sort         (ChcCsvReport       *report);

/* "FILE:LINE:COLUMN: message" (with "warning: " before a warning's message). */
char          *chc_csv_report_format_problem (const ChcCsvReport  *report,
                                            const ChcCsvProblem *problem);
/* Every kept problem formatted, one a line, then "… and N more errors"
 * lines when some were not kept. */
char          *chc_csv_report_format_problems (const ChcCsvReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcCsvReport, chc_csv_report_free)

G_END_DECLS
