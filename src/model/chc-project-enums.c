/* chc-project-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "chc-enums.h"
#include "chc-project-enums.h"

CHC_DEFINE_ENUM_TYPE (chc_project_kind_get_type, "ChcProjectKind",
                      { CHC_PROJECT_NEW_BUILD, "CHC_PROJECT_NEW_BUILD", "new_build" },
                      { CHC_PROJECT_RELOCATION, "CHC_PROJECT_RELOCATION", "relocation" },
                      { CHC_PROJECT_RENOVATION, "CHC_PROJECT_RENOVATION", "renovation" },
                      { CHC_PROJECT_STANDARDIZATION, "CHC_PROJECT_STANDARDIZATION", "standardization" },
                      { CHC_PROJECT_OPENING, "CHC_PROJECT_OPENING", "opening" },
                      { CHC_PROJECT_FEASIBILITY_STUDY, "CHC_PROJECT_FEASIBILITY_STUDY", "feasibility_study" },
                      { CHC_PROJECT_TCM_ITINERANT, "CHC_PROJECT_TCM_ITINERANT", "tcm_itinerant" })

CHC_DEFINE_ENUM_TYPE (chc_milestone_kind_get_type, "ChcMilestoneKind",
                      { CHC_MILESTONE_APPROVED, "CHC_MILESTONE_APPROVED", "approved" },
                      { CHC_MILESTONE_SITE_SELECTED, "CHC_MILESTONE_SITE_SELECTED", "site_selected" },
                      { CHC_MILESTONE_STARTED, "CHC_MILESTONE_STARTED", "started" },
                      { CHC_MILESTONE_TOPPED_OUT, "CHC_MILESTONE_TOPPED_OUT", "topped_out" },
                      { CHC_MILESTONE_COMPLETED, "CHC_MILESTONE_COMPLETED", "completed" },
                      { CHC_MILESTONE_OPENED, "CHC_MILESTONE_OPENED", "opened" })

CHC_DEFINE_ENUM_TYPE (chc_project_stage_get_type, "ChcProjectStage",
                      { CHC_PROJECT_STAGE_PROPOSED, "CHC_PROJECT_STAGE_PROPOSED", "proposed" },
                      { CHC_PROJECT_STAGE_APPROVED, "CHC_PROJECT_STAGE_APPROVED", "approved" },
                      { CHC_PROJECT_STAGE_SITE_SELECTED, "CHC_PROJECT_STAGE_SITE_SELECTED", "site_selected" },
                      { CHC_PROJECT_STAGE_STARTED, "CHC_PROJECT_STAGE_STARTED", "started" },
                      { CHC_PROJECT_STAGE_TOPPED_OUT, "CHC_PROJECT_STAGE_TOPPED_OUT", "topped_out" },
                      { CHC_PROJECT_STAGE_COMPLETED, "CHC_PROJECT_STAGE_COMPLETED", "completed" },
                      { CHC_PROJECT_STAGE_OPENED, "CHC_PROJECT_STAGE_OPENED", "opened" })

const char *
chc_project_kind_to_nick (ChcProjectKind kind)
{
  return chc_enum_to_nick (CHC_TYPE_PROJECT_KIND, kind);
}

gboolean
chc_project_kind_from_nick (const char     *nick,
                            ChcProjectKind *kind)
{
  int value;

  if (!chc_enum_from_nick (CHC_TYPE_PROJECT_KIND, nick, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

const char *
chc_project_kind_to_label (ChcProjectKind kind)
{
  switch (kind)
    {
    case CHC_PROJECT_NEW_BUILD:
      return _("New build");
    case CHC_PROJECT_RELOCATION:
      return _("Relocation");
    case CHC_PROJECT_RENOVATION:
      return _("Renovation-expansion");
    case CHC_PROJECT_STANDARDIZATION:
      return _("Standardization");
    case CHC_PROJECT_OPENING:
      return _("Opening");
    case CHC_PROJECT_FEASIBILITY_STUDY:
      return _("Feasibility study");
    case CHC_PROJECT_TCM_ITINERANT:
      return _("TCM itinerant station");
    default:
      return "";
    }
}

const char *
chc_milestone_kind_to_nick (ChcMilestoneKind milestone)
{
  return chc_enum_to_nick (CHC_TYPE_MILESTONE_KIND, milestone);
}

gboolean
chc_milestone_kind_from_nick (const char       *nick,
                              ChcMilestoneKind *milestone)
{
  int value;

  if (!chc_enum_from_nick (CHC_TYPE_MILESTONE_KIND, nick, &value))
    return FALSE;
  *milestone = value;
  return TRUE;
}

const char *
chc_milestone_kind_to_label (ChcMilestoneKind milestone)
{
  switch (milestone)
    {
    case CHC_MILESTONE_APPROVED:
      return _("Approved");
    case CHC_MILESTONE_SITE_SELECTED:
      return _("Site selected");
    case CHC_MILESTONE_STARTED:
      return _("Construction started");
    case CHC_MILESTONE_TOPPED_OUT:
      return _("Topped out");
    case CHC_MILESTONE_COMPLETED:
      return _("Completed");
    case CHC_MILESTONE_OPENED:
      return _("Opened");
    default:
      return "";
    }
}

const char *
chc_project_stage_to_nick (ChcProjectStage stage)
{
  return chc_enum_to_nick (CHC_TYPE_PROJECT_STAGE, stage);
}

gboolean
chc_project_stage_from_nick (const char      *nick,
                             ChcProjectStage *stage)
{
  int value;

  if (!chc_enum_from_nick (CHC_TYPE_PROJECT_STAGE, nick, &value))
    return FALSE;
  *stage = value;
  return TRUE;
}

const char *
chc_project_stage_to_label (ChcProjectStage stage)
{
  switch (stage)
    {
    case CHC_PROJECT_STAGE_PROPOSED:
      return C_("project stage", "Not yet approved");
    case CHC_PROJECT_STAGE_APPROVED:
      return C_("project stage", "Approved");
    case CHC_PROJECT_STAGE_SITE_SELECTED:
      return C_("project stage", "Site selected");
    case CHC_PROJECT_STAGE_STARTED:
      return C_("project stage", "Under construction");
    case CHC_PROJECT_STAGE_TOPPED_OUT:
      return C_("project stage", "Topped out");
    case CHC_PROJECT_STAGE_COMPLETED:
      return C_("project stage", "Completed");
    case CHC_PROJECT_STAGE_OPENED:
      return C_("project stage", "Opened");
    default:
      return "";
    }
}
