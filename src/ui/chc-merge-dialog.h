/* chc-merge-dialog.h — merging an exchange package, with its conflicts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-package.h"

G_BEGIN_DECLS

#define CHC_TYPE_MERGE_DIALOG (chc_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChcMergeDialog, chc_merge_dialog, CHC, MERGE_DIALOG, GtkWindow)

ChcMergeDialog *chc_merge_dialog_new        (ChcDatabase     *database);
/* Verifies the package at @path and shows what merging it would change;
 * FALSE with @error (in the user's words) when it is refused. */
gboolean        chc_merge_dialog_load       (ChcMergeDialog  *self,
                                             const char      *path,
                                             GError         **error);
ChcMergePlan   *chc_merge_dialog_get_plan   (ChcMergeDialog  *self);
/* TRUE while "merge.apply" merges (in a worker thread). */
gboolean        chc_merge_dialog_get_busy   (ChcMergeDialog  *self);
/* TRUE once "merge.apply" merged the package. */
gboolean        chc_merge_dialog_get_merged (ChcMergeDialog  *self);
const char     *chc_merge_dialog_get_status (ChcMergeDialog  *self);
/* Who signed the package, with its key's fingerprint; for a new sender,
 * Merge stays disabled until "merge.trust-signer" (the check button "I
 * compared this fingerprint…") is on. */
const char     *chc_merge_dialog_get_signer_text (ChcMergeDialog *self);

G_END_DECLS
