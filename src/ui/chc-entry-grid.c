/* chc-entry-grid.c — what the entry grids share: cells, undo, questions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-entry-grid"

#include <glib/gi18n.h>

#include "chc-ui-util.h"
#include "chc-entry-grid.h"

/* ---- cells ---------------------------------------------------------------- */

void
chc_entry_grid_cell_clear (ChcEntryGridCell *cell)
{
  g_clear_pointer (&cell->loaded, g_free);
  g_clear_pointer (&cell->focus_text, g_free);
}

static gboolean
on_cell_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     ChcEntryGridCell      *cell)
{
  if (keyval != GDK_KEY_Escape ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  /* Escape: the cell goes back to what it held when it took the focus. */
  chc_entry_grid_set_text (cell->entry, cell->focus_text ? cell->focus_text : cell->loaded);
  gtk_editable_select_region (GTK_EDITABLE (cell->entry), 0, -1);
  return TRUE;
}

GtkWidget *
chc_entry_grid_new_entry (ChcEntryGridCell           *cell,
                          const char                 *row_name,
                          const char                 *column_name,
                          const char                 *placeholder,
                          GtkInputPurpose             purpose,
                          const ChcEntryGridHandlers *handlers)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *controller;
  g_autofree char *accessible = g_strdup_printf ("%s, %s", row_name, column_name);

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 10);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);   /* Ctrl+Z is the view's */
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  if (purpose != GTK_INPUT_PURPOSE_FREE_FORM)
    gtk_entry_set_input_purpose (GTK_ENTRY (entry), purpose);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), cell->loaded);

  g_signal_connect (entry, "changed", handlers->changed, cell);
  g_signal_connect (entry, "activate", handlers->activate, cell);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", handlers->focus_enter, cell);
  g_signal_connect (controller, "leave", handlers->focus_leave, cell);
  gtk_widget_add_controller (entry, controller);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_cell_key_pressed), cell);
  gtk_widget_add_controller (entry, controller);

  cell->entry = entry;
  return entry;
}

void
chc_entry_grid_release_entry (ChcEntryGridCell *cell)
{
  g_autoptr(GListModel) controllers = NULL;

  if (cell->entry == NULL)
    return;
  g_signal_handlers_disconnect_by_data (cell->entry, cell);
  controllers = gtk_widget_observe_controllers (cell->entry);
  for (guint k = 0; k < g_list_model_get_n_items (controllers); k++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, k);

      g_signal_handlers_disconnect_by_data (controller, cell);
    }
}

GtkWidget *
chc_entry_grid_new_label (const char *text,
                          float       xalign,
                          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

char *
chc_entry_grid_get_text (GtkWidget *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

void
chc_entry_grid_set_text (GtkWidget  *entry,
                         const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
}

void
chc_entry_grid_style_entry (GtkWidget  *entry,
                            gboolean    error,
                            gboolean    warning,
                            gboolean    edited,
                            const char *tooltip)
{
  chc_ui_set_css_class (entry, "error", error);
  chc_ui_set_css_class (entry, "warning", !error && warning);
  chc_ui_set_css_class (entry, "edited", edited);
  chc_ui_set_tooltip (entry, tooltip);
}

void
chc_entry_grid_lock_entry (GtkWidget *entry,
                           gboolean   locked)
{
  gtk_editable_set_editable (GTK_EDITABLE (entry), !locked);
  chc_ui_set_css_class (entry, "locked", locked);
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (entry), GTK_ENTRY_ICON_PRIMARY,
                                     locked ? "changes-prevent-symbolic" : NULL);
}

gboolean
chc_entry_grid_cell_pending (ChcEntryGridCell *cell)
{
  g_autofree char *text = NULL;

  if (cell == NULL)
    return FALSE;
  text = chc_entry_grid_get_text (cell->entry);
  return g_strcmp0 (text, cell->focus_text) != 0;
}

void
chc_entry_grid_cell_focused (ChcEntryGridCell *cell)
{
  g_free (cell->focus_text);
  cell->focus_text = chc_entry_grid_get_text (cell->entry);
}

void
chc_entry_grid_cell_put (ChcEntryGridCell *cell,
                         const char       *text,
                         gboolean          focused)
{
  chc_entry_grid_set_text (cell->entry, text);
  if (focused)
    {
      g_free (cell->focus_text);
      cell->focus_text = g_strdup (text);
    }
}

static const char cell_css[] =
  ".entry-grid entry { min-height: 26px; padding-top: 0; padding-bottom: 0; }\n"
  ".entry-grid entry.error { background-color: #fbd9d3; color: #8b0000; }\n"
  ".entry-grid entry.warning { background-color: #fff0c2; }\n"
  /* A value typed and not saved yet: a blue bar on its left. */
  ".entry-grid entry.edited { box-shadow: inset 3px 0 0 #3584e4; font-weight: bold; }\n"
  /* A figure of a locked period (issue 15): read-only, greyed, a padlock. */
  ".entry-grid entry.locked { background-color: #ebebeb; color: #5e5c64; }\n";

static void
add_css (const char *css)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
chc_entry_grid_init_css (GtkWidget  *grid,
                         const char *view_css,
                         gboolean   *view_css_added)
{
  static gboolean cell_css_added;

  if (!cell_css_added)
    {
      add_css (cell_css);
      cell_css_added = TRUE;
    }
  if (!*view_css_added)
    {
      add_css (view_css);
      *view_css_added = TRUE;
    }
  gtk_widget_add_css_class (grid, "entry-grid");
}

/* ---- undo --------------------------------------------------------------- */

static void
undo_step_clear (ChcEntryGridUndoStep *step)
{
  g_clear_pointer (&step->before, g_free);
  g_clear_pointer (&step->after, g_free);
}

GArray *
chc_entry_grid_undo_new (void)
{
  GArray *undo = g_array_new (FALSE, TRUE, sizeof (ChcEntryGridUndoStep));

  g_array_set_clear_func (undo, (GDestroyNotify) undo_step_clear);
  return undo;
}

void
chc_entry_grid_undo_push (GArray     *undo,
                          guint       group,
                          guint       row,
                          guint       column,
                          const char *before,
                          const char *after)
{
  ChcEntryGridUndoStep step = { group, row, column, g_strdup (before), g_strdup (after) };

  g_array_append_val (undo, step);
}

gboolean
chc_entry_grid_commit_edit (GArray           *undo,
                            guint            *group,
                            ChcEntryGridCell *cell)
{
  g_autofree char *text = NULL;

  if (cell == NULL)
    return FALSE;
  text = chc_entry_grid_get_text (cell->entry);
  if (g_strcmp0 (text, cell->focus_text) == 0)
    return FALSE;
  chc_entry_grid_undo_push (undo, ++*group, cell->row, cell->column, cell->focus_text, text);
  g_free (cell->focus_text);
  cell->focus_text = g_steal_pointer (&text);
  return TRUE;
}

void
chc_entry_grid_focus_in (GArray           *undo,
                         guint            *group,
                         gpointer         *focus,
                         ChcEntryGridCell *cell)
{
  if (*focus != NULL && *focus != cell)
    chc_entry_grid_commit_edit (undo, group, *focus);
  *focus = cell;
  chc_entry_grid_cell_focused (cell);
}

gboolean
chc_entry_grid_focus_out (GArray           *undo,
                          guint            *group,
                          gpointer         *focus,
                          ChcEntryGridCell *cell)
{
  if (*focus != cell)
    return FALSE;
  chc_entry_grid_commit_edit (undo, group, cell);
  *focus = NULL;
  return TRUE;
}

gboolean
chc_entry_grid_undo_pop (GArray               *undo,
                         ChcEntryGridUndoFunc  func,
                         gpointer              user_data)
{
  guint group;

  if (undo->len == 0)
    return FALSE;

  group = g_array_index (undo, ChcEntryGridUndoStep, undo->len - 1).group;
  while (undo->len > 0 &&
         g_array_index (undo, ChcEntryGridUndoStep, undo->len - 1).group == group)
    {
      ChcEntryGridUndoStep *step = &g_array_index (undo, ChcEntryGridUndoStep, undo->len - 1);

      func (step->row, step->column, step->before, user_data);
      g_array_set_size (undo, undo->len - 1);
    }
  return TRUE;
}

/* ---- questions ------------------------------------------------------------ */

GtkWidget *
chc_entry_grid_new_dialog (GtkWidget   *view,
                           GtkWidget  **slot,
                           const char  *primary,
                           const char  *secondary)
{
  GtkRoot *root = gtk_widget_get_root (view);
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                   "%s", primary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  *slot = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) slot);
  return dialog;
}

void
chc_entry_grid_close_dialog (GtkWidget **slot,
                             GtkWidget  *dialog)
{
  if (*slot == dialog)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) slot);
      *slot = NULL;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

typedef struct
{
  GTask                   *task;
  GtkWidget              **slot;
  ChcEntryGridSaveFunc     save;
  ChcEntryGridDiscardFunc  discard;
} Leave;

static void
on_leave_response (GtkDialog *dialog,
                   int        response,
                   Leave     *leave)
{
  g_autoptr(GTask) task = g_steal_pointer (&leave->task);
  GtkWidget *view = g_task_get_source_object (task);

  /* Answered once: a second response (the dialog's destruction) finds no task. */
  g_signal_handlers_disconnect_by_data (dialog, leave);
  chc_entry_grid_close_dialog (leave->slot, GTK_WIDGET (dialog));
  switch (response)
    {
    case GTK_RESPONSE_ACCEPT:
      leave->save (view, task);
      break;
    case GTK_RESPONSE_REJECT:
      leave->discard (view);
      g_task_return_boolean (task, TRUE);
      break;
    default:
      g_task_return_boolean (task, FALSE);
      break;
    }
  g_free (leave);
}

void
chc_entry_grid_confirm_leave (GTask                    *task,
                              GtkWidget               **slot,
                              guint                     n_dirty,
                              const char               *primary,
                              const char               *secondary,
                              ChcEntryGridSaveFunc      save,
                              ChcEntryGridDiscardFunc   discard)
{
  g_autoptr(GTask) owned = task;
  GtkWidget *view = g_task_get_source_object (task);
  GtkWidget *dialog;
  Leave *leave;

  if (n_dirty == 0)
    {
      g_task_return_boolean (owned, TRUE);
      return;
    }
  if (*slot != NULL)
    {
      /* Already asking. */
      g_task_return_boolean (owned, FALSE);
      return;
    }

  dialog = chc_entry_grid_new_dialog (view, slot, primary, secondary);
  chc_ui_dialog_add_choices (GTK_DIALOG (dialog), _("_Discard"), _("_Save"), FALSE);
  leave = g_new0 (Leave, 1);
  leave->task = g_steal_pointer (&owned);
  leave->slot = slot;
  leave->save = save;
  leave->discard = discard;
  g_signal_connect (dialog, "response", G_CALLBACK (on_leave_response), leave);
  gtk_window_present (GTK_WINDOW (dialog));
}
