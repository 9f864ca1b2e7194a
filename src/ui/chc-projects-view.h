/* chc-projects-view.h — the Construction projects view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/chc-project.h"
#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_PROJECTS_VIEW (chc_projects_view_get_type ())
G_DECLARE_FINAL_TYPE (ChcProjectsView, chc_projects_view, CHC, PROJECTS_VIEW, GtkWidget)

GtkWidget   *chc_projects_view_new              (ChcDatabase     *database);
ChcDatabase *chc_projects_view_get_database     (ChcProjectsView *self);
void         chc_projects_view_set_database     (ChcProjectsView *self,
                                                 ChcDatabase     *database);
ChcDistrict *chc_projects_view_get_district     (ChcProjectsView *self);
void         chc_projects_view_set_district     (ChcProjectsView *self,
                                                 ChcDistrict     *district);
/* The year of the window's header: the plan year proposed for new
 * projects (the list shows every plan year unless filtered). */
int          chc_projects_view_get_year         (ChcProjectsView *self);
void         chc_projects_view_set_year         (ChcProjectsView *self,
                                                 int              year);
gboolean     chc_projects_view_get_late_only    (ChcProjectsView *self);
void         chc_projects_view_set_late_only    (ChcProjectsView *self,
                                                 gboolean         late_only);
/* "2026-11-24", or NULL for today. */
const char  *chc_projects_view_get_as_of        (ChcProjectsView *self);
void         chc_projects_view_set_as_of        (ChcProjectsView *self,
                                                 const char      *as_of);
/* The projects shown, in the order shown (element-type ChcProject). */
GListModel  *chc_projects_view_get_model        (ChcProjectsView *self);
gboolean     chc_projects_view_select_project   (ChcProjectsView *self,
                                                 gint64           project_id);
/* The project shown in the detail pane, or NULL. */
ChcProject  *chc_projects_view_get_selected     (ChcProjectsView *self);

/* The plan year, budget, areas, units or notes shown were changed and not
 * saved (milestone dates save as they are entered). */
gboolean     chc_projects_view_has_unsaved_changes  (ChcProjectsView     *self);
/* Asks (save, discard or stay) when there are unsaved changes; finishes
 * TRUE when the view may be left (saved, discarded or nothing to save). */
void         chc_projects_view_confirm_leave_async  (ChcProjectsView     *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean     chc_projects_view_confirm_leave_finish (ChcProjectsView     *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* The question being asked, if any (for tests). */
GtkWidget   *chc_projects_view_get_dialog           (ChcProjectsView     *self);

G_END_DECLS
