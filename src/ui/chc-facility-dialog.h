/* chc-facility-dialog.h — adds or edits one facility of the registry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-registry.h"

G_BEGIN_DECLS

#define CHC_TYPE_FACILITY_DIALOG (chc_facility_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChcFacilityDialog, chc_facility_dialog, CHC, FACILITY_DIALOG, GtkWindow)

/* Edits a copy of @facility (NULL: a new facility in @district_id); the
 * registry changes only when Save succeeds, which emits ::saved with the
 * stored facility and closes the dialog. */
ChcFacilityDialog *chc_facility_dialog_new             (GtkWindow         *parent,
                                                        ChcRegistry       *registry,
                                                        ChcFacility       *facility,
                                                        gint64             district_id);
/* The edited copy.  Returns: (transfer none). */
ChcFacility       *chc_facility_dialog_get_facility    (ChcFacilityDialog *self);
/* The rules the copy breaks now (element type ChcViolation).
 * Returns: (transfer none). */
GPtrArray         *chc_facility_dialog_get_violations  (ChcFacilityDialog *self);
/* What the Save button does.  FALSE when the facility breaks a rule or the
 * store refused it (the reason is shown in the dialog, which stays open). */
gboolean           chc_facility_dialog_save            (ChcFacilityDialog *self);

G_END_DECLS
