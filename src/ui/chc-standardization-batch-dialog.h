/* chc-standardization-batch-dialog.h — adds one standardization project
 * for many stations and village clinics at once (a yearly batch), in one
 * transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_STANDARDIZATION_BATCH_DIALOG (chc_standardization_batch_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChcStandardizationBatchDialog, chc_standardization_batch_dialog,
                      CHC, STANDARDIZATION_BATCH_DIALOG, GtkWindow)

/* @year: the plan year proposed, or 0 for the current year.  Emits
 * ::added (guint n) after the projects were stored, then closes. */
GtkWidget *chc_standardization_batch_dialog_new          (ChcDatabase                   *database,
                                                          ChcDistrict                   *district,
                                                          int                            year);
/* How many facilities are listed, and how many are ticked. */
guint      chc_standardization_batch_dialog_get_n_listed (ChcStandardizationBatchDialog *self);
guint      chc_standardization_batch_dialog_get_n_ticked (ChcStandardizationBatchDialog *self);

G_END_DECLS
