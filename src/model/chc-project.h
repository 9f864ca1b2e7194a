/* chc-project.h — a construction project of a facility, with its
 * milestones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chc-enums.h"
#include "chc-milestone.h"
#include "chc-project-enums.h"

G_BEGIN_DECLS

#define CHC_TYPE_PROJECT (chc_project_get_type ())
G_DECLARE_FINAL_TYPE (ChcProject, chc_project, CHC, PROJECT, GObject)

/* Budget (10,000 yuan) and floor areas (m²) are NAN when unknown. */
ChcProject        *chc_project_new                 (void);
ChcProject        *chc_project_copy                (ChcProject       *self);
gboolean           chc_project_equal               (ChcProject       *a,
                                                    ChcProject       *b);

gint64             chc_project_get_id              (ChcProject       *self);
void               chc_project_set_id              (ChcProject       *self,
                                                    gint64            id);
gint64             chc_project_get_facility_id     (ChcProject       *self);
void               chc_project_set_facility_id     (ChcProject       *self,
                                                    gint64            facility_id);
/* Read from the facility by the store; informative only. */
const char        *chc_project_get_facility_name   (ChcProject       *self);
void               chc_project_set_facility_name   (ChcProject       *self,
                                                    const char       *name);
ChcFacilityType    chc_project_get_facility_type   (ChcProject       *self);
void               chc_project_set_facility_type   (ChcProject       *self,
                                                    ChcFacilityType   type);
ChcFacilityStatus  chc_project_get_facility_status (ChcProject       *self);
void               chc_project_set_facility_status (ChcProject       *self,
                                                    ChcFacilityStatus status);
gint64             chc_project_get_district_id     (ChcProject       *self);
void               chc_project_set_district_id     (ChcProject       *self,
                                                    gint64            district_id);
const char        *chc_project_get_district_name   (ChcProject       *self);
void               chc_project_set_district_name   (ChcProject       *self,
                                                    const char       *name);
gint64             chc_project_get_town_id         (ChcProject       *self);
void               chc_project_set_town_id         (ChcProject       *self,
                                                    gint64            town_id);
const char        *chc_project_get_town_name       (ChcProject       *self);
void               chc_project_set_town_name       (ChcProject       *self,
                                                    const char       *name);

ChcProjectKind     chc_project_get_kind            (ChcProject       *self);
void               chc_project_set_kind            (ChcProject       *self,
                                                    ChcProjectKind    kind);
int                chc_project_get_plan_year       (ChcProject       *self);
void               chc_project_set_plan_year       (ChcProject       *self,
                                                    int               year);
double             chc_project_get_budget          (ChcProject       *self);
void               chc_project_set_budget          (ChcProject       *self,
                                                    double            budget);
double             chc_project_get_area_before     (ChcProject       *self);
void               chc_project_set_area_before     (ChcProject       *self,
                                                    double            area);
double             chc_project_get_area_after      (ChcProject       *self);
void               chc_project_set_area_after      (ChcProject       *self,
                                                    double            area);
const char        *chc_project_get_units           (ChcProject       *self);
void               chc_project_set_units           (ChcProject       *self,
                                                    const char       *units);
const char        *chc_project_get_notes           (ChcProject       *self);
void               chc_project_set_notes           (ChcProject       *self,
                                                    const char       *notes);

/* Every project holds all six milestones; which of them apply to its kind
 * is decided by chc_project_milestone_applies() in core/chc-project.h. */
ChcMilestone      *chc_project_get_milestone       (ChcProject       *self,
                                                    ChcMilestoneKind  milestone);
const char        *chc_project_get_planned         (ChcProject       *self,
                                                    ChcMilestoneKind  milestone);
void               chc_project_set_planned         (ChcProject       *self,
                                                    ChcMilestoneKind  milestone,
                                                    const char       *date);
const char        *chc_project_get_actual          (ChcProject       *self,
                                                    ChcMilestoneKind  milestone);
void               chc_project_set_actual          (ChcProject       *self,
                                                    ChcMilestoneKind  milestone,
                                                    const char       *date);

G_END_DECLS
