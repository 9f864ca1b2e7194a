/* chc-keymap.h — every keyboard shortcut of the window, in one table: the
 * views and the window install theirs from it, and the shortcuts window
 * (F1, Ctrl+?) is built from it, so the two never disagree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  const char      *scope;     /* "window", "app", or a view ("facilities"…) */
  guint            keyval;
  GdkModifierType  modifiers;
  const char      *action;    /* e.g. "win.show-view"; NULL: listed only */
  const char      *target;    /* the action's string parameter, or NULL */
  const char      *title;     /* untranslated (N_); NULL: installed, not listed */
} ChcKeyBinding;

/* The table, @n_bindings entries. */
const ChcKeyBinding *chc_keymap_get_bindings        (guint          *n_bindings);
/* Installs the bindings of @scope on @widget_class. */
void                 chc_keymap_install              (GtkWidgetClass *widget_class,
                                                      const char     *scope);
/* The accelerators of the application's actions ("app" scope). */
void                 chc_keymap_set_application_accels (GtkApplication *application);
/* A shortcuts window listing every binding with a title, by scope. */
GtkShortcutsWindow  *chc_keymap_new_shortcuts_window (void);

G_END_DECLS
