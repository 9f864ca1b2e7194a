/* chc-reports-view.h — the Reports view: choose the period and sections
 * of a bulletin, preview its pages, print it or export it as PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"
#include "io/chc-report.h"

G_BEGIN_DECLS

#define CHC_TYPE_REPORTS_VIEW (chc_reports_view_get_type ())
G_DECLARE_FINAL_TYPE (ChcReportsView, chc_reports_view, CHC, REPORTS_VIEW, GtkWidget)

GtkWidget   *chc_reports_view_new          (ChcDatabase    *database);
ChcDatabase *chc_reports_view_get_database (ChcReportsView *self);
void         chc_reports_view_set_database (ChcReportsView *self,
                                            ChcDatabase    *database);
ChcDistrict *chc_reports_view_get_district (ChcReportsView *self);
void         chc_reports_view_set_district (ChcReportsView *self,
                                            ChcDistrict    *district);
int          chc_reports_view_get_year     (ChcReportsView *self);
void         chc_reports_view_set_year     (ChcReportsView *self,
                                            int             year);
/* TRUE while a bulletin is being built in the background. */
gboolean     chc_reports_view_get_busy     (ChcReportsView *self);
/* The bulletin of the preview, or NULL. */
ChcReport   *chc_reports_view_get_report   (ChcReportsView *self);
/* The last error, or NULL. */
const char  *chc_reports_view_get_error    (ChcReportsView *self);
/* The text of a written section as it stands in the view (drafted from
 * the figures when it was empty); set_section_text replaces it. */
char        *chc_reports_view_dup_section_text (ChcReportsView       *self,
                                                ChcReportTextSection  section);
void         chc_reports_view_set_section_text (ChcReportsView       *self,
                                                ChcReportTextSection  section,
                                                const char           *text);

/* Actions: reports.refresh, reports.print, reports.export-pdf (file
 * chooser), reports.export-to (s: a path, no dialog), reports.previous-page,
 * reports.next-page. */

/* The edition: a centre's own (its figures, rank and problems,
 * addressed to it), or 0 for the district's. */
gboolean     chc_reports_view_set_edition          (ChcReportsView      *self,
                                                    gint64               centre_id);
/* Text was written in the sections and the bulletin was not issued since
 * (it is kept while another district or period is shown). */
gboolean     chc_reports_view_has_unsaved_changes  (ChcReportsView      *self);
/* Asks (discard or stay) when there is such text; finishes TRUE when the
 * view may be left. */
void         chc_reports_view_confirm_leave_async  (ChcReportsView      *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean     chc_reports_view_confirm_leave_finish (ChcReportsView      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* The question being asked, if any (for tests). */
GtkWidget   *chc_reports_view_get_dialog           (ChcReportsView      *self);

G_END_DECLS
