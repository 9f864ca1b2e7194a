/* chc-project-enums.h — enumerations of construction projects, stored by
 * their nicks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CHC_PROJECT_NEW_BUILD,        /* 新建 */
  CHC_PROJECT_RELOCATION,       /* 迁建 */
  CHC_PROJECT_RENOVATION,       /* 改扩建 (renovation-expansion) */
  CHC_PROJECT_STANDARDIZATION,  /* 标准化建设 / 改造 */
  CHC_PROJECT_OPENING,          /* 开办 */
  CHC_PROJECT_FEASIBILITY_STUDY, /* 可行性研究 (issue 14): changes nothing when finished */
  CHC_PROJECT_TCM_ITINERANT,    /* 中医巡诊点建设 (issue 14): changes nothing of the facility */
} ChcProjectKind;

#define CHC_N_PROJECT_KINDS 7

/* The milestones, in the order a project reaches them. */
typedef enum
{
  CHC_MILESTONE_APPROVED,       /* 立项 */
  CHC_MILESTONE_SITE_SELECTED,  /* 选址 */
  CHC_MILESTONE_STARTED,        /* 开工 */
  CHC_MILESTONE_TOPPED_OUT,     /* 结构封顶 */
  CHC_MILESTONE_COMPLETED,      /* 竣工 */
  CHC_MILESTONE_OPENED,         /* 开办 */
} ChcMilestoneKind;

#define CHC_N_MILESTONES 6

/* The stage of a project: the last milestone it reached, or PROPOSED when
 * it reached none.  CHC_PROJECT_STAGE_FOR (milestone) maps a milestone to
 * the stage it begins. */
typedef enum
{
  CHC_PROJECT_STAGE_PROPOSED,
  CHC_PROJECT_STAGE_APPROVED,
  CHC_PROJECT_STAGE_SITE_SELECTED,
  CHC_PROJECT_STAGE_STARTED,
  CHC_PROJECT_STAGE_TOPPED_OUT,
  CHC_PROJECT_STAGE_COMPLETED,
  CHC_PROJECT_STAGE_OPENED,
} ChcProjectStage;

#define CHC_N_PROJECT_STAGES 7
#define CHC_PROJECT_STAGE_FOR(milestone) ((ChcProjectStage) ((milestone) + 1))

#define CHC_TYPE_PROJECT_KIND   (chc_project_kind_get_type ())
#define CHC_TYPE_MILESTONE_KIND (chc_milestone_kind_get_type ())
#define CHC_TYPE_PROJECT_STAGE  (chc_project_stage_get_type ())

GType        chc_project_kind_get_type     (void) G_GNUC_CONST;
GType        chc_milestone_kind_get_type   (void) G_GNUC_CONST;
GType        chc_project_stage_get_type    (void) G_GNUC_CONST;

/* Stable English nicks, as stored and printed by chc-cli:
 * kinds "new_build", "relocation", "renovation", "standardization",
 * "opening", "feasibility_study", "tcm_itinerant"; milestones "approved", "site_selected", "started",
 * "topped_out", "completed", "opened"; stages "proposed" and the
 * milestones' nicks. */
const char  *chc_project_kind_to_nick      (ChcProjectKind     kind);
gboolean     chc_project_kind_from_nick    (const char        *nick,
                                            ChcProjectKind    *kind);
const char  *chc_project_kind_to_label     (ChcProjectKind     kind);

const char  *chc_milestone_kind_to_nick    (ChcMilestoneKind   milestone);
gboolean     chc_milestone_kind_from_nick  (const char        *nick,
                                            ChcMilestoneKind  *milestone);
const char  *chc_milestone_kind_to_label   (ChcMilestoneKind   milestone);

const char  *chc_project_stage_to_nick     (ChcProjectStage    stage);
gboolean     chc_project_stage_from_nick   (const char        *nick,
                                            ChcProjectStage   *stage);
const char  *chc_project_stage_to_label    (ChcProjectStage    stage);

G_END_DECLS
