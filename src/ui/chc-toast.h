/* chc-toast.h — a short message at the bottom of a view that says what a
 * change saved at once did, and offers to undo it (the GNOME "toast").
 *
 * It hides itself after a while, on its close button, or when the owner
 * calls chc_toast_dismiss().  Its Undo button activates the action the
 * owner names in chc_toast_show(), so Ctrl+Z and the button do one thing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CHC_TYPE_TOAST (chc_toast_get_type ())
G_DECLARE_FINAL_TYPE (ChcToast, chc_toast, CHC, TOAST, GtkWidget)

/* Shows @message; with an Undo button that activates @undo_action (a
 * detailed action name such as "tcm.undo") unless it is NULL. */
void        chc_toast_show        (ChcToast   *self,
                                   const char *message,
                                   const char *undo_action);
void        chc_toast_dismiss     (ChcToast   *self);
/* The message shown, or NULL when hidden. */
const char *chc_toast_get_message (ChcToast   *self);

G_END_DECLS
