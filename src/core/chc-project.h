/* chc-project.h — what a construction project's milestones mean: which
 * apply, its stage, whether it is late, its rules, and what it does to its
 * facility.  Pure functions (no GTK, no SQL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "model/chc-project.h"

G_BEGIN_DECLS

/* Which milestones apply (see the table in chc-project.c).  @out receives
 * them in order; returns how many. */
gboolean          chc_project_milestone_applies    (ChcProjectKind     kind,
                                                    ChcFacilityType    facility_type,
                                                    ChcMilestoneKind   milestone);
guint             chc_project_list_milestones      (ChcProjectKind     kind,
                                                    ChcFacilityType    facility_type,
                                                    ChcMilestoneKind   out[CHC_N_MILESTONES]);
/* The milestone that finishes a project of @kind: "opened" for a new build,
 * relocation or opening, "completed" for a renovation-expansion or a
 * standardization. */
ChcMilestoneKind  chc_project_final_milestone      (ChcProjectKind     kind,
                                                    ChcFacilityType    facility_type);

/* A project seen from a date ("as of"). */
typedef struct
{
  ChcProjectStage   stage;          /* the last applicable milestone reached */
  gboolean          finished;       /* the final milestone is reached */
  gboolean          late;           /* a planned date passed without an actual date */
  guint             days_late;      /* the largest overdue, in days (0 unless late) */
  ChcMilestoneKind  most_overdue;   /* the milestone of days_late, when late */
  gboolean          has_next;       /* FALSE when finished */
  ChcMilestoneKind  next;           /* the first milestone after the stage not yet reached
                                     * that has a planned date (else the first not reached) */
  guint32           next_planned;   /* its planned date (Julian day), 0 when unknown */
} ChcProjectStatus;

/* @as_of: a Julian day, or 0 for today.  An actual date after @as_of
 * counts as not yet reached, so a past date shows the project as it was
 * then. */
void              chc_project_evaluate             (ChcProject        *project,
                                                    guint32            as_of,
                                                    ChcProjectStatus  *status);
ChcProjectStage   chc_project_compute_stage        (ChcProject        *project,
                                                    guint32            as_of);
/* Days overdue of @milestone as of @as_of (0 when not overdue). */
guint             chc_project_milestone_days_late  (ChcProject        *project,
                                                    ChcMilestoneKind   milestone,
                                                    guint32            as_of);
/* Orders projects by lateness: the most days late first, then late before
 * on time, then by plan year and facility name.  A GCompareDataFunc over
 * two ChcProject (as GtkCustomSorter passes them) whose @as_of points to a
 * guint32 (or is NULL for today). */
int               chc_project_compare_lateness     (gconstpointer      a,
                                                    gconstpointer      b,
                                                    gpointer           as_of);

/* What the rules need to know of the project's facility. */
typedef struct
{
  gboolean           facility_missing;  /* no such facility */
  ChcFacilityStatus  facility_status;   /* its status apart from this project's own effect */
  gboolean           check_opening;     /* a new project, or its facility or kind changed */
  guint32            today;             /* Julian day; 0 for today */
} ChcProjectContext;

/* The rules: a facility; a plausible plan year; budget and floor areas
 * ≥ 0; dates that parse; actual dates in milestone order and not after
 * @today; a new build or an opening is refused for a facility that already
 * operates (unless the project records its opening).  Violations name the
 * field: "facility", "kind", "plan_year", "budget", "area_before",
 * "area_after", "<milestone>.planned", "<milestone>.actual". */
void              chc_validate_project             (ChcProject              *project,
                                                    const ChcProjectContext *context,
                                                    GPtrArray               *violations);

/* What a project does to its facility once its milestones are reached. */
typedef enum
{
  CHC_PROJECT_EFFECT_NONE         = 0,
  CHC_PROJECT_EFFECT_STANDARDIZED = 1 << 0, /* standardization finished: standardized + year */
  CHC_PROJECT_EFFECT_OPERATING    = 1 << 1, /* new build or opening opened: status operating */
  CHC_PROJECT_EFFECT_FLOOR_AREA   = 1 << 2, /* finished with a floor area after: the facility's area */
} ChcProjectEffects;

ChcProjectEffects chc_project_effects_due          (ChcProject        *project);
/* The year the final milestone was reached, or 0. */
int               chc_project_finished_year        (ChcProject        *project);

G_END_DECLS
