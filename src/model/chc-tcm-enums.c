/* chc-tcm-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "chc-enums.h"
#include "chc-tcm-enums.h"

CHC_DEFINE_ENUM_TYPE (chc_tcm_site_kind_get_type, "ChcTcmSiteKind",
                  { CHC_TCM_SITE_HALL, "CHC_TCM_SITE_HALL", "hall" },
                  { CHC_TCM_SITE_CORNER, "CHC_TCM_SITE_CORNER", "corner" })

CHC_DEFINE_ENUM_TYPE (chc_tcm_site_state_get_type, "ChcTcmSiteState",
                  { CHC_TCM_STATE_NONE, "CHC_TCM_STATE_NONE", "none" },
                  { CHC_TCM_STATE_BUILDING, "CHC_TCM_STATE_BUILDING", "building" },
                  { CHC_TCM_STATE_IN_SERVICE, "CHC_TCM_STATE_IN_SERVICE", "in_service" },
                  { CHC_TCM_STATE_UP_TO_STANDARD, "CHC_TCM_STATE_UP_TO_STANDARD", "up_to_standard" })

CHC_DEFINE_ENUM_TYPE (chc_tcm_demo_status_get_type, "ChcTcmDemoStatus",
                  { CHC_TCM_DEMO_NONE, "CHC_TCM_DEMO_NONE", "none" },
                  { CHC_TCM_DEMO_APPLYING, "CHC_TCM_DEMO_APPLYING", "applying" },
                  { CHC_TCM_DEMO_AWARDED, "CHC_TCM_DEMO_AWARDED", "awarded" })

CHC_DEFINE_ENUM_TYPE (chc_tcm_measure_get_type, "ChcTcmMeasure",
                  { CHC_TCM_MEASURE_HALL, "CHC_TCM_MEASURE_HALL", "hall" },
                  { CHC_TCM_MEASURE_CORNER, "CHC_TCM_MEASURE_CORNER", "corner" },
                  { CHC_TCM_MEASURE_SPECIALTY, "CHC_TCM_MEASURE_SPECIALTY", "specialty" },
                  { CHC_TCM_MEASURE_DEMO, "CHC_TCM_MEASURE_DEMO", "demo" })

const char *
chc_tcm_site_kind_to_nick (ChcTcmSiteKind kind)
{
  return chc_enum_to_nick (CHC_TYPE_TCM_SITE_KIND, kind);
}

gboolean
chc_tcm_site_kind_from_nick (const char     *nick,
                             ChcTcmSiteKind *kind)
{
  int value;

  if (!chc_enum_from_nick (CHC_TYPE_TCM_SITE_KIND, nick, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

const char *
chc_tcm_site_kind_to_label (ChcTcmSiteKind kind)
{
  switch (kind)
    {
    case CHC_TCM_SITE_HALL:
      return _("TCM hall");
    case CHC_TCM_SITE_CORNER:
      return _("TCM corner");
    default:
      return "";
    }
}

const char *
chc_tcm_site_state_to_nick (ChcTcmSiteState state)
{
  return chc_enum_to_nick (CHC_TYPE_TCM_SITE_STATE, state);
}

gboolean
chc_tcm_site_state_from_nick (const char      *nick,
                              ChcTcmSiteState *state)
{
  int value;

  if (!chc_enum_from_nick (CHC_TYPE_TCM_SITE_STATE, nick, &value))
    return FALSE;
  *state = value;
  return TRUE;
}

const char *
chc_tcm_site_state_to_label (ChcTcmSiteState state)
{
  switch (state)
    {
    case CHC_TCM_STATE_NONE:
      return C_("tcm site state", "None");
    case CHC_TCM_STATE_BUILDING:
      return C_("tcm site state", "Under construction");
    case CHC_TCM_STATE_IN_SERVICE:
      return C_("tcm site state", "In service");
    case CHC_TCM_STATE_UP_TO_STANDARD:
      return C_("tcm site state", "Up to standard");
    default:
      return "";
    }
}

const char *
chc_tcm_demo_status_to_nick (ChcTcmDemoStatus status)
{
  return chc_enum_to_nick (CHC_TYPE_TCM_DEMO_STATUS, status);
}

gboolean
chc_tcm_demo_status_from_nick (const char       *nick,
                               ChcTcmDemoStatus *status)
{
  int value;

  if (!chc_enum_from_nick (CHC_TYPE_TCM_DEMO_STATUS, nick, &value))
    return FALSE;
  *status = value;
  return TRUE;
}

const char *
chc_tcm_demo_status_to_label (ChcTcmDemoStatus status)
{
  switch (status)
    {
    case CHC_TCM_DEMO_NONE:
      return C_("tcm demonstration", "None");
    case CHC_TCM_DEMO_APPLYING:
      return C_("tcm demonstration", "Applying");
    case CHC_TCM_DEMO_AWARDED:
      return C_("tcm demonstration", "Awarded");
    default:
      return "";
    }
}

ChcTcmSiteKind
chc_tcm_site_kind_for_facility_type (ChcFacilityType type)
{
  return (type == CHC_FACILITY_CENTRE || type == CHC_FACILITY_BRANCH)
         ? CHC_TCM_SITE_HALL : CHC_TCM_SITE_CORNER;
}

const char *
chc_tcm_measure_to_nick (ChcTcmMeasure measure)
{
  return chc_enum_to_nick (CHC_TYPE_TCM_MEASURE, measure);
}

const char *
chc_tcm_measure_to_label (ChcTcmMeasure measure)
{
  switch (measure)
    {
    case CHC_TCM_MEASURE_HALL:
      return _("Hall up to standard");
    case CHC_TCM_MEASURE_CORNER:
      return _("Corner in service");
    case CHC_TCM_MEASURE_SPECIALTY:
      return _("Specialty clinic");
    case CHC_TCM_MEASURE_DEMO:
      return _("Demonstration station");
    default:
      return "";
    }
}
