/* chc-database-projects.h — construction projects and their milestones in
 * the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chc-database.h"
#include "model/chc-project.h"

G_BEGIN_DECLS

/* Which projects chc_database_list_projects() returns. */
typedef struct
{
  gint64   town_id;    /* 0: every town */
  int      kind;       /* a ChcProjectKind, or -1 for every kind */
  int      stage;      /* a ChcProjectStage as of @as_of, or -1 */
  int      plan_year;  /* 0: every year */
  gboolean late_only;  /* only projects late as of @as_of */
  guint32  as_of;      /* Julian day for stage and lateness; 0: today */
  const char *text;    /* part of the facility's name (any case); NULL or "": any */
} ChcProjectFilter;

void         chc_project_filter_init          (ChcProjectFilter   *filter);
gboolean     chc_project_filter_matches       (const ChcProjectFilter *filter,
                                               ChcProject         *project);

/* Projects of @district_id (0: every district) that pass @filter (NULL:
 * all), by district and id, milestones loaded.  Stage and lateness are
 * computed by core/chc-project.c, not in SQL.
 * Returns: (transfer full) (element-type ChcProject) */
GPtrArray   *chc_database_list_projects       (ChcDatabase        *self,
                                               gint64              district_id,
                                               const ChcProjectFilter *filter,
                                               GError            **error);
ChcProject  *chc_database_get_project         (ChcDatabase        *self,
                                               gint64              id,
                                               GError            **error);

/* The rules the project breaks (empty when none), or NULL with @error. */
GPtrArray   *chc_database_check_project       (ChcDatabase        *self,
                                               ChcProject         *project,
                                               GError            **error);

/* Adds a line to @problems (element-type utf8) for every rule a stored
 * project breaks; part of chc_database_check(). */
gboolean     chc_database_check_projects      (ChcDatabase        *self,
                                               GPtrArray          *problems,
                                               GError            **error);

/* Adds @project (its id is set on success).  With @new_facility (a new
 * build of a facility not yet in the registry), that facility is added
 * first, as planned, in the same transaction, and becomes the project's
 * facility.  Milestones already reached update the facility in the same
 * transaction (see chc_project_effects_due()). */
gboolean     chc_database_add_project         (ChcDatabase        *self,
                                               ChcProject         *project,
                                               ChcFacility        *new_facility,
                                               GError            **error);
/* Adds every project of @projects (element-type ChcProject) in one
 * transaction: all or none (a yearly standardization batch). */
gboolean     chc_database_add_projects        (ChcDatabase        *self,
                                               GPtrArray          *projects,
                                               GError            **error);
/* Stores @project (its kind, figures and every milestone date).
 * Finishing a standardization sets the facility standardized with the
 * year; opening a new build or an opening sets the facility operating;
 * finishing a project with a floor area after sets the facility's floor
 * area — all in the same transaction, and clearing the date restores the
 * facility's previous values exactly. */
gboolean     chc_database_update_project      (ChcDatabase        *self,
                                               ChcProject         *project,
                                               GError            **error);
/* Sets one milestone's dates (typed as 2024-03-15, 2024年3月15日, …;
 * NULL or "" clears), with the same rules and facility updates as
 * chc_database_update_project(). */
gboolean     chc_database_set_milestone       (ChcDatabase        *self,
                                               gint64              project_id,
                                               ChcMilestoneKind    milestone,
                                               const char         *planned,
                                               const char         *actual,
                                               GError            **error);
/* Deletes the project after undoing what it did to its facility; a
 * planned facility the project created is deleted too when nothing else
 * refers to it. */
gboolean     chc_database_delete_project      (ChcDatabase        *self,
                                               gint64              id,
                                               GError            **error);

/* Projects of @district_id (0: all) per stage at the end of @year (or
 * today, if sooner); @counts is indexed by ChcProjectStage. */
gboolean     chc_database_count_projects_by_stage (ChcDatabase    *self,
                                                   gint64          district_id,
                                                   int             year,
                                                   guint           counts[CHC_N_PROJECT_STAGES],
                                                   GError        **error);

G_END_DECLS
