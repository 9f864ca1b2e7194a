/* chc-milestone-timeline.h — a project's milestones on a time axis, drawn
 * with Cairo: planned and actual dates, the "as of" line, late ones in red
 * with their days late written out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/chc-project.h"

G_BEGIN_DECLS

#define CHC_TYPE_MILESTONE_TIMELINE (chc_milestone_timeline_get_type ())
G_DECLARE_FINAL_TYPE (ChcMilestoneTimeline, chc_milestone_timeline, CHC, MILESTONE_TIMELINE, GtkWidget)

GtkWidget  *chc_milestone_timeline_new         (void);
ChcProject *chc_milestone_timeline_get_project (ChcMilestoneTimeline *self);
void        chc_milestone_timeline_set_project (ChcMilestoneTimeline *self,
                                                ChcProject           *project);
/* Julian day of the "as of" line; 0 for today. */
guint       chc_milestone_timeline_get_as_of   (ChcMilestoneTimeline *self);
void        chc_milestone_timeline_set_as_of   (ChcMilestoneTimeline *self,
                                                guint                 as_of);

G_END_DECLS
