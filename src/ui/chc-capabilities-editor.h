/* chc-capabilities-editor.h — the service capabilities of one facility:
 * a check button per kind with the year it was reached.  Each change is
 * written to the store at once (validated there); the editor follows the
 * store's "changed" signal.  For the Facilities view's detail pane.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_CAPABILITIES_EDITOR (chc_capabilities_editor_get_type ())
G_DECLARE_FINAL_TYPE (ChcCapabilitiesEditor, chc_capabilities_editor, CHC, CAPABILITIES_EDITOR, GtkWidget)

/* Properties: "database" (ChcDatabase), "facility" (ChcFacility, NULL: the
 * editor is insensitive), "default-year" (int: the year proposed when a
 * capability is ticked; the current year at first). */
GtkWidget   *chc_capabilities_editor_new      (void);
ChcFacility *chc_capabilities_editor_get_facility (ChcCapabilitiesEditor *self);
void         chc_capabilities_editor_set_facility (ChcCapabilitiesEditor *self,
                                                   ChcFacility           *facility);

G_END_DECLS
