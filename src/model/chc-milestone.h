/* chc-milestone.h — one milestone of a construction project: its planned
 * and actual dates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chc-project-enums.h"

G_BEGIN_DECLS

#define CHC_TYPE_MILESTONE (chc_milestone_get_type ())
G_DECLARE_FINAL_TYPE (ChcMilestone, chc_milestone, CHC, MILESTONE, GObject)

/* Dates are ISO 8601 calendar dates ("2024-03-15") or NULL when unknown;
 * chc_date_parse() in core/chc-date.h turns typed dates into this form. */
ChcMilestone      *chc_milestone_new          (ChcMilestoneKind  kind);
ChcMilestoneKind   chc_milestone_get_kind     (ChcMilestone     *self);
const char        *chc_milestone_get_planned  (ChcMilestone     *self);
void               chc_milestone_set_planned  (ChcMilestone     *self,
                                               const char       *planned);
const char        *chc_milestone_get_actual   (ChcMilestone     *self);
void               chc_milestone_set_actual   (ChcMilestone     *self,
                                               const char       *actual);

G_END_DECLS
