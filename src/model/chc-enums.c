/* chc-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "chc-enums.h"

CHC_DEFINE_ENUM_TYPE (chc_facility_type_get_type, "ChcFacilityType",
                      { CHC_FACILITY_CENTRE, "CHC_FACILITY_CENTRE", "centre" },
                      { CHC_FACILITY_BRANCH, "CHC_FACILITY_BRANCH", "branch" },
                      { CHC_FACILITY_STATION, "CHC_FACILITY_STATION", "station" },
                      { CHC_FACILITY_VILLAGE_CLINIC, "CHC_FACILITY_VILLAGE_CLINIC", "village_clinic" },
                      { CHC_FACILITY_HOSPITAL, "CHC_FACILITY_HOSPITAL", "hospital" })

CHC_DEFINE_ENUM_TYPE (chc_facility_status_get_type, "ChcFacilityStatus",
                      { CHC_FACILITY_OPERATING, "CHC_FACILITY_OPERATING", "operating" },
                      { CHC_FACILITY_PLANNED, "CHC_FACILITY_PLANNED", "planned" },
                      { CHC_FACILITY_CLOSED, "CHC_FACILITY_CLOSED", "closed" })

const char *
chc_enum_to_nick (GType enum_type,
                  int   value)
{
  GEnumClass *klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);
  const char *nick = ev != NULL ? ev->value_nick : NULL;

  g_type_class_unref (klass);
  return nick;
}

gboolean
chc_enum_from_nick (GType       enum_type,
                    const char *nick,
                    int        *value)
{
  GEnumClass *klass;
  GEnumValue *ev;

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev != NULL && value != NULL)
    *value = ev->value;
  g_type_class_unref (klass);
  return ev != NULL;
}

const char *
chc_facility_type_to_nick (ChcFacilityType type)
{
  return chc_enum_to_nick (CHC_TYPE_FACILITY_TYPE, type);
}

gboolean
chc_facility_type_from_nick (const char      *nick,
                             ChcFacilityType *type)
{
  int value;

  if (!chc_enum_from_nick (CHC_TYPE_FACILITY_TYPE, nick, &value))
    return FALSE;
  *type = value;
  return TRUE;
}

const char *
chc_facility_type_to_label (ChcFacilityType type)
{
  switch (type)
    {
    case CHC_FACILITY_CENTRE:
      return _("Community health centre");
    case CHC_FACILITY_BRANCH:
      return _("Branch centre");
    case CHC_FACILITY_STATION:
      return _("Health station");
    case CHC_FACILITY_VILLAGE_CLINIC:
      return _("Village clinic");
    case CHC_FACILITY_HOSPITAL:
      return _("Hospital (secondary or above)");
    default:
      return "";
    }
}

const char *
chc_facility_status_to_nick (ChcFacilityStatus status)
{
  return chc_enum_to_nick (CHC_TYPE_FACILITY_STATUS, status);
}

gboolean
chc_facility_status_from_nick (const char        *nick,
                               ChcFacilityStatus *status)
{
  int value;

  if (!chc_enum_from_nick (CHC_TYPE_FACILITY_STATUS, nick, &value))
    return FALSE;
  *status = value;
  return TRUE;
}

const char *
chc_facility_status_to_label (ChcFacilityStatus status)
{
  switch (status)
    {
    case CHC_FACILITY_OPERATING:
      return _("Operating");
    case CHC_FACILITY_PLANNED:
      return _("Planned");
    case CHC_FACILITY_CLOSED:
      return _("Closed");
    default:
      return "";
    }
}
