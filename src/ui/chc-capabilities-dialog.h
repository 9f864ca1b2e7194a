/* chc-capabilities-dialog.h — a window around ChcCapabilitiesEditor: the
 * service capabilities of the facility selected in the registry (every
 * kind data/elements.ini declares, with the year it was reached).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_CAPABILITIES_DIALOG (chc_capabilities_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChcCapabilitiesDialog, chc_capabilities_dialog, CHC, CAPABILITIES_DIALOG, GtkWindow)

ChcCapabilitiesDialog *chc_capabilities_dialog_new (GtkWindow   *parent,
                                                    ChcDatabase *database,
                                                    ChcFacility *facility);

G_END_DECLS
