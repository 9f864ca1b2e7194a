/* chc-placeholder-view.h — stands in for a view whose issue has not landed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CHC_TYPE_PLACEHOLDER_VIEW (chc_placeholder_view_get_type ())
G_DECLARE_FINAL_TYPE (ChcPlaceholderView, chc_placeholder_view, CHC, PLACEHOLDER_VIEW, GtkWidget)

/* The title and the line shown; they follow the page name of the GtkStack
 * page holding the view. */
const char *chc_placeholder_view_get_title       (ChcPlaceholderView *self);
const char *chc_placeholder_view_get_description (ChcPlaceholderView *self);

G_END_DECLS
