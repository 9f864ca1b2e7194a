/* chc-targets-dialog.h — a commission edits the targets of its district's
 * plans and adds its own indicators.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_TARGETS_DIALOG (chc_targets_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChcTargetsDialog, chc_targets_dialog, CHC, TARGETS_DIALOG, GtkWindow)

/* A table with one row per indicator of the district's plans and one entry
 * per year: a target is written as in data/plans.ini ("45", ">=45", "<=5",
 * "7-10"; empty for none) and saved, validated by the store, when the
 * entry is activated or left.  "Add indicator" opens a form under the
 * table.  Properties: "database", "district". */
GtkWidget *chc_targets_dialog_new (GtkWindow   *parent,
                                   ChcDatabase *database,
                                   ChcDistrict *district);

/* The entry of @code's target for @year, or NULL (for tests). */
GtkEntry  *chc_targets_dialog_get_entry (ChcTargetsDialog *self,
                                         const char       *code,
                                         int               year);

G_END_DECLS
