/* chc-entry-grid.h — what the entry grids share (the signing grid, the
 * generic values grid): their GtkEntry cells (made, styled red / amber /
 * edited by one stylesheet, Escape, focus, released), an undo stack of
 * cell edits, and the question asked before leaving unsaved changes (the
 * projects view asks it too).  Functions over the views' own structures,
 * not a widget: each grid keeps its rows, its rules, its focused cell and
 * its undo stack, and its cell structure begins with a ChcEntryGridCell.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* ---- cells ---------------------------------------------------------------- */

/* What every cell of a grid has: the first member of a view's own cell
 * structure, so that a pointer to one is a pointer to the other. */
typedef struct
{
  GtkWidget *entry;
  char      *loaded;      /* the stored value as text, "" if none */
  char      *focus_text;  /* the text when the cell took the focus */
  guint      row;         /* its row's index and its column: where an */
  guint      column;      /* undo step puts its text back */
} ChcEntryGridCell;

/* Frees the texts of @cell (not the cell). */
void       chc_entry_grid_cell_clear    (ChcEntryGridCell           *cell);

/* The handlers of a cell's entry, each called with the cell as data. */
typedef struct
{
  GCallback changed;       /* GtkEditable::changed */
  GCallback activate;      /* GtkEntry::activate */
  GCallback focus_enter;   /* GtkEventControllerFocus::enter */
  GCallback focus_leave;   /* GtkEventControllerFocus::leave */
} ChcEntryGridHandlers;

/* Makes @cell's entry (cell->entry), right-aligned, holding cell->loaded,
 * read by a screen reader as "@row_name, @column_name"; its own undo is
 * off (Ctrl+Z is the view's); Escape puts back what the cell held when it
 * took the focus.  @placeholder may be NULL.  The @handlers are connected
 * with @cell as their data. */
GtkWidget *chc_entry_grid_new_entry     (ChcEntryGridCell           *cell,
                                         const char                 *row_name,
                                         const char                 *column_name,
                                         const char                 *placeholder,
                                         GtkInputPurpose             purpose,
                                         const ChcEntryGridHandlers *handlers);
/* Disconnects every handler of @cell's entry and its controllers that has
 * @cell as data: an entry may outlive its cell (a focus change is told
 * after the grid is cleared) and must not call back into a freed cell. */
void       chc_entry_grid_release_entry (ChcEntryGridCell           *cell);
/* Whether the text of @cell (may be NULL) is not what it held when it
 * took the focus: an edit not yet an undo step. */
gboolean   chc_entry_grid_cell_pending  (ChcEntryGridCell           *cell);
/* @cell takes the focus: what it holds is what Escape puts back. */
void       chc_entry_grid_cell_focused  (ChcEntryGridCell           *cell);
/* Puts @text in @cell (undo, copy); when @cell has the focus (@focused),
 * Escape puts this text back. */
void       chc_entry_grid_cell_put      (ChcEntryGridCell           *cell,
                                         const char                 *text,
                                         gboolean                    focused);
/* A grid's label (a header, a name, a total), aligned at @xalign, with
 * the CSS class @css_class (may be NULL). */
GtkWidget *chc_entry_grid_new_label     (const char                 *text,
                                         float                       xalign,
                                         const char                 *css_class);

/* The text of a cell, trimmed.  Returns: (transfer full). */
char      *chc_entry_grid_get_text      (GtkWidget                  *entry);
/* Puts @text in a cell, the cursor at its end. */
void       chc_entry_grid_set_text      (GtkWidget                  *entry,
                                         const char                 *text);
/* A cell's look: red (@error), else amber (@warning); a blue bar when
 * @edited (typed and not saved); @tooltip says what and why. */
void       chc_entry_grid_style_entry   (GtkWidget                  *entry,
                                         gboolean                    error,
                                         gboolean                    warning,
                                         gboolean                    edited,
                                         const char                 *tooltip);

/* A cell of a locked facility-period (issue 15): read-only, greyed, with
 * a padlock; the view adds the lock's reason to its tooltip. */
void       chc_entry_grid_lock_entry    (GtkWidget                  *entry,
                                         gboolean                    locked);

/* The look of a grid's cells (height; red, amber, edited) for @grid, and
 * the view's own @view_css, each loaded for the display once (*@view_css_added
 * remembers the view's). */
void       chc_entry_grid_init_css      (GtkWidget                  *grid,
                                         const char                 *view_css,
                                         gboolean                   *view_css_added);

/* ---- undo --------------------------------------------------------------- */

/* An edit of the cell at (@row, @column): one undo step.  Steps of the
 * same @group are undone together. */
typedef struct
{
  guint  group;
  guint  row;
  guint  column;
  char  *before;
  char  *after;
} ChcEntryGridUndoStep;

/* Returns: (transfer full) (element-type ChcEntryGridUndoStep): an empty
 * stack that frees its steps' texts. */
GArray    *chc_entry_grid_undo_new      (void);
void       chc_entry_grid_undo_push     (GArray                     *undo,
                                         guint                       group,
                                         guint                       row,
                                         guint                       column,
                                         const char                 *before,
                                         const char                 *after);
/* The focused @cell's edit (may be NULL) as an undo step: when its text
 * is not what it held when it took the focus, pushes the step in a new
 * group (++*@group) and makes the text the new focus text.  Returns
 * whether there was an edit. */
gboolean   chc_entry_grid_commit_edit   (GArray                     *undo,
                                         guint                      *group,
                                         ChcEntryGridCell           *cell);
/* @cell takes the focus from *@focus (the view's focused cell, may be
 * NULL): the edit of the cell that had it becomes an undo step, and what
 * @cell holds is what Escape puts back. */
void       chc_entry_grid_focus_in      (GArray                     *undo,
                                         guint                      *group,
                                         gpointer                   *focus,
                                         ChcEntryGridCell           *cell);
/* @cell loses the focus: when it is *@focus, its edit becomes an undo step
 * and *@focus is NULL.  Returns whether it was the focused cell. */
gboolean   chc_entry_grid_focus_out     (GArray                     *undo,
                                         guint                      *group,
                                         gpointer                   *focus,
                                         ChcEntryGridCell           *cell);
/* Takes the steps of the last group off @undo, last first, and calls
 * @func (@row, @column, @before, @user_data) for each, to put @before
 * back.  Returns whether there was anything to undo. */
typedef void (*ChcEntryGridUndoFunc) (guint       row,
                                      guint       column,
                                      const char *before,
                                      gpointer    user_data);
gboolean   chc_entry_grid_undo_pop      (GArray                     *undo,
                                         ChcEntryGridUndoFunc        func,
                                         gpointer                    user_data);

/* ---- questions ------------------------------------------------------------ */

/* A modal warning of @view's window, without buttons, kept in *@slot
 * (cleared when the dialog goes). */
GtkWidget *chc_entry_grid_new_dialog    (GtkWidget                  *view,
                                         GtkWidget                 **slot,
                                         const char                 *primary,
                                         const char                 *secondary);
/* Destroys @dialog, forgetting it in *@slot. */
void       chc_entry_grid_close_dialog  (GtkWidget                 **slot,
                                         GtkWidget                  *dialog);

/* Saves @view's changes and returns the outcome through @task (may be
 * NULL). */
typedef void (*ChcEntryGridSaveFunc)    (GtkWidget *view,
                                         GTask     *task);
typedef void (*ChcEntryGridDiscardFunc) (GtkWidget *view);

/* The leave-confirmation flow of a grid: @task (transfer full; its
 * source object the view) returns TRUE at once when @n_dirty is 0, FALSE
 * when a question of the view (*@slot) is already open; otherwise it asks
 * @primary / @secondary with Cancel, Discard and Save: Save calls @save
 * (which returns the task), Discard calls @discard and returns TRUE,
 * Cancel returns FALSE. */
void       chc_entry_grid_confirm_leave (GTask                      *task,
                                         GtkWidget                 **slot,
                                         guint                       n_dirty,
                                         const char                 *primary,
                                         const char                 *secondary,
                                         ChcEntryGridSaveFunc        save,
                                         ChcEntryGridDiscardFunc     discard);

G_END_DECLS
