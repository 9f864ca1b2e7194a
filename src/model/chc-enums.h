/* chc-enums.h — enumerations of the data model, stored by their nicks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CHC_FACILITY_CENTRE,          /* 社区卫生服务中心 */
  CHC_FACILITY_BRANCH,          /* 分中心 */
  CHC_FACILITY_STATION,         /* 社区卫生服务站 */
  CHC_FACILITY_VILLAGE_CLINIC,  /* 村卫生室 */
  CHC_FACILITY_HOSPITAL,        /* 二级及以上医疗机构 (issue 14): outside every community scope */
} ChcFacilityType;

#define CHC_N_FACILITY_TYPES 5

typedef enum
{
  CHC_FACILITY_OPERATING,
  CHC_FACILITY_PLANNED,
  CHC_FACILITY_CLOSED,
} ChcFacilityStatus;

#define CHC_TYPE_FACILITY_TYPE   (chc_facility_type_get_type ())
#define CHC_TYPE_FACILITY_STATUS (chc_facility_status_get_type ())

GType        chc_facility_type_get_type   (void) G_GNUC_CONST;
GType        chc_facility_status_get_type (void) G_GNUC_CONST;

/* Stable English nicks ("centre", "branch", "station", "village_clinic", "hospital";
 * "operating", "planned", "closed") as stored and printed by chc-cli. */
const char  *chc_facility_type_to_nick    (ChcFacilityType    type);
gboolean     chc_facility_type_from_nick  (const char        *nick,
                                           ChcFacilityType   *type);
const char  *chc_facility_type_to_label   (ChcFacilityType    type);
const char  *chc_facility_status_to_nick  (ChcFacilityStatus  status);
gboolean     chc_facility_status_from_nick (const char       *nick,
                                            ChcFacilityStatus *status);
const char  *chc_facility_status_to_label (ChcFacilityStatus  status);

/* Defines func(), the GType of an enumeration registered as @Name with the
 * GEnumValue rows given (without the terminating row). */
#define CHC_DEFINE_ENUM_TYPE(func, Name, ...)                                 \
GType                                                                         \
func (void)                                                                   \
{                                                                             \
  static gsize type_id = 0;                                                   \
                                                                              \
  if (g_once_init_enter (&type_id))                                           \
    {                                                                         \
      static const GEnumValue values[] = { __VA_ARGS__, { 0, NULL, NULL } };  \
      GType id = g_enum_register_static (Name, values);                       \
      g_once_init_leave (&type_id, id);                                       \
    }                                                                         \
  return type_id;                                                             \
}

/* Generic helpers over any registered GEnum. */
const char  *chc_enum_to_nick             (GType              enum_type,
                                           int                value);
gboolean     chc_enum_from_nick           (GType              enum_type,
                                           const char        *nick,
                                           int               *value);

G_END_DECLS
