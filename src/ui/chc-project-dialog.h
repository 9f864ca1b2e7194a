/* chc-project-dialog.h — adds one construction project; a new build may
 * create its planned facility in the same step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_PROJECT_DIALOG (chc_project_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChcProjectDialog, chc_project_dialog, CHC, PROJECT_DIALOG, GtkWindow)

/* Emits ::added (gint64 project_id) once the project is stored, then
 * closes. */
GtkWidget *chc_project_dialog_new (ChcDatabase *database,
                                   ChcDistrict *district,
                                   int          year);

G_END_DECLS
