/* chc-schedule-dialog.h — a district's reporting schedule.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_SCHEDULE_DIALOG (chc_schedule_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChcScheduleDialog, chc_schedule_dialog, CHC, SCHEDULE_DIALOG, GtkWindow)

/* The schedule of @district_id's data sets (due day, who reports,
 * whether it is collected), saved in one transaction. */
GtkWidget *chc_schedule_dialog_new (GtkWindow   *parent,
                                    ChcDatabase *database,
                                    gint64       district_id);

G_END_DECLS
