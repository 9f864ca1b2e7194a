/* chc-facilities-view.h — the facility registry: list, filters, editing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_FACILITIES_VIEW (chc_facilities_view_get_type ())
G_DECLARE_FINAL_TYPE (ChcFacilitiesView, chc_facilities_view, CHC, FACILITIES_VIEW, GtkWidget)

GtkWidget   *chc_facilities_view_new             (void);
/* The listed (filtered, sorted) facilities; element type ChcFacility. */
GListModel  *chc_facilities_view_get_model       (ChcFacilitiesView *self);
ChcFacility *chc_facilities_view_get_selected    (ChcFacilitiesView *self);
/* Selects the listed facility with @id; FALSE when it is not listed. */
gboolean     chc_facilities_view_select_facility (ChcFacilitiesView *self,
                                                  gint64             id);
/* Lists only facilities of @type (a ChcFacilityType), or all when -1, as
 * the type filter does. */
void         chc_facilities_view_show_type       (ChcFacilitiesView *self,
                                                  int                type);
/* The dialog the view has open (the facility editor or the confirmation
 * of a deletion), or NULL.  For tests. */
GtkWindow   *chc_facilities_view_get_dialog      (ChcFacilitiesView *self);
/* The message shown in the view's notification bar ("" when hidden). */
const char  *chc_facilities_view_get_message     (ChcFacilitiesView *self);

G_END_DECLS
