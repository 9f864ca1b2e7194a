/* chc-signing-view.h — family-doctor signing: a month's grid for keyboard
 * entry (one row per reporting facility, one column per figure), checked
 * as you type, saved in one transaction, and a chart of coverage over time
 * against each year's target.
 *
 * Actions (group "signing"): signing.save (Ctrl+S), signing.undo (Ctrl+Z),
 * signing.copy-population.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"
#include "model/chc-signing-record.h"

G_BEGIN_DECLS

#define CHC_TYPE_SIGNING_VIEW (chc_signing_view_get_type ())
G_DECLARE_FINAL_TYPE (ChcSigningView, chc_signing_view, CHC, SIGNING_VIEW, GtkWidget)

GtkWidget   *chc_signing_view_new                 (ChcDatabase    *database);
ChcDatabase *chc_signing_view_get_database        (ChcSigningView *self);
void         chc_signing_view_set_database        (ChcSigningView *self,
                                                   ChcDatabase    *database);
/* Changing the district or the year (or the month) with unsaved changes
 * asks first; if the user cancels, the property keeps its value and is
 * notified again so that a bound selector goes back. */
ChcDistrict *chc_signing_view_get_district        (ChcSigningView *self);
void         chc_signing_view_set_district        (ChcSigningView *self,
                                                   ChcDistrict    *district);
int          chc_signing_view_get_year            (ChcSigningView *self);
void         chc_signing_view_set_year            (ChcSigningView *self,
                                                   int             year);
/* The month shown, "YYYY-MM". */
const char  *chc_signing_view_get_period          (ChcSigningView *self);
void         chc_signing_view_set_period          (ChcSigningView *self,
                                                   const char     *period);

/* TRUE while the grid holds edits that are not saved. */
gboolean     chc_signing_view_has_unsaved_changes (ChcSigningView *self);
/* Forgets the edits and shows the stored figures again. */
void         chc_signing_view_discard_changes     (ChcSigningView *self);
/* Saves the month without asking: FALSE with a %CHC_VALIDATE_ERROR while
 * a rule is broken, %CHC_SIGNING_ERROR_UNCONFIRMED_WARNINGS when there are
 * warnings and not @accept_warnings. */
gboolean     chc_signing_view_save                (ChcSigningView *self,
                                                   gboolean        accept_warnings,
                                                   GError        **error);

/* For the window, before it closes or shows another view: asks whether to
 * save, discard or stay when there are unsaved changes.  Finishes with TRUE
 * when the caller may go on (nothing unsaved, saved, or discarded). */
void         chc_signing_view_confirm_leave_async (ChcSigningView      *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean     chc_signing_view_confirm_leave_finish (ChcSigningView     *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);

/* For tests and the window. */
/* The cell (a GtkEntry) of a facility's figure, or NULL. */
/* Puts the focus in the first cell of @facility_id's row (the reporting
 * calendar opens a facility's month here).  FALSE when it has none. */
gboolean     chc_signing_view_focus_facility      (ChcSigningView   *self,
                                                   gint64            facility_id);
GtkWidget   *chc_signing_view_get_cell            (ChcSigningView   *self,
                                                   gint64            facility_id,
                                                   ChcSigningFigure  figure);
/* The label of a rate (coverage, key coverage or compliance) of a facility,
 * or of the district total when @facility_id is 0. */
GtkWidget   *chc_signing_view_get_rate_label      (ChcSigningView   *self,
                                                   gint64            facility_id,
                                                   ChcSigningRate    rate);
/* The status line below the grid. */
const char  *chc_signing_view_get_status_text     (ChcSigningView   *self);
/* The confirmation dialog on screen, or NULL. */
GtkWidget   *chc_signing_view_get_dialog          (ChcSigningView   *self);
/* The facility the chart shows (0: the district total). */
gint64       chc_signing_view_get_chart_facility  (ChcSigningView   *self);
/* The chart's points: the coverage of each month as a fraction, -1 where
 * nothing was reported; @first_period names the first. */
GArray      *chc_signing_view_get_chart_points    (ChcSigningView   *self,
                                                   char            **first_period);

G_END_DECLS
