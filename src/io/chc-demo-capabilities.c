/* chc-demo-capabilities.c — service capabilities of the demo centres.
 *
 * Qingpu's rehabilitation centres and CT scanners follow its plan (seed 000:
 * 白鹤 demonstration 2023; 徐泾北, 重固, 金泽商榻 standard 2023; 赵巷, 练塘
 * demonstration 2024; CT at eight named centres in 2023).  Every other
 * capability and year is invented for the demo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-demo"

#include "chc-demo.h"
#include "store/chc-database-plans.h"

typedef struct
{
  const char        *facility;
  const char        *kind;      /* the code of a declared kind (data/elements.ini) */
  int                year;
} DemoCapability;

#define RS "rehab_standard"
#define RD "rehab_demo"
#define NU "nursing"
#define HM "health_management"
#define CS "chronic_support"
#define FS "fever_sentinel"
#define DE "dental"
#define MS "minor_surgery"
#define CT "ct"
#define AT "affiliated_teaching"
#define C13 "c13_breath_test"
#define CSA "chronic_support_accepted"
#define FSU "fever_sentinel_standard"

static const DemoCapability demo_capabilities[] = {
  /* Qingpu */
  { "白鹤社区卫生服务中心", RD, 2023 },
  { "徐泾北社区卫生服务中心", RS, 2023 },
  { "重固社区卫生服务中心", RS, 2023 },
  { "金泽社区卫生服务中心商榻分中心", RS, 2023 },
  { "赵巷社区卫生服务中心", RD, 2024 },
  { "练塘社区卫生服务中心", RD, 2024 },
  { "白鹤社区卫生服务中心", CT, 2023 },
  { "金泽社区卫生服务中心", CT, 2023 },
  { "徐泾社区卫生服务中心", CT, 2023 },
  { "华新社区卫生服务中心", CT, 2023 },
  { "赵巷社区卫生服务中心", CT, 2023 },
  { "重固社区卫生服务中心", CT, 2023 },
  { "香花桥社区卫生服务中心", CT, 2024 },
  { "练塘社区卫生服务中心", CT, 2023 },
  { "徐泾社区卫生服务中心", CS, 2023 },
  { "盈浦社区卫生服务中心", CS, 2023 },
  { "华新社区卫生服务中心", CS, 2024 },
  { "夏阳社区卫生服务中心", CS, 2024 },
  { "朱家角社区卫生服务中心", CS, 2024 },
  { "白鹤社区卫生服务中心", CS, 2025 },
  { "盈浦社区卫生服务中心", HM, 2024 },
  { "夏阳社区卫生服务中心", HM, 2025 },
  { "徐泾社区卫生服务中心", NU, 2023 },
  { "练塘社区卫生服务中心", NU, 2024 },
  { "夏阳社区卫生服务中心", DE, 2024 },
  { "盈浦社区卫生服务中心", MS, 2025 },
  { "盈浦社区卫生服务中心", FS, 2023 },
  { "徐泾社区卫生服务中心", FS, 2023 },
  /* affiliated teaching centres as the task list names them (2023, 2024);
   * C13 analysers, fever clinics up to standard, remote outpatient and
   * acceptance years invented (issue 14) */
  { "金泽社区卫生服务中心", AT, 2023 },
  { "华新社区卫生服务中心", AT, 2023 },
  { "赵巷社区卫生服务中心", AT, 2023 },
  { "徐泾社区卫生服务中心", AT, 2023 },
  { "徐泾北社区卫生服务中心", AT, 2023 },
  { "重固社区卫生服务中心", AT, 2023 },
  { "练塘社区卫生服务中心", AT, 2023 },
  { "夏阳社区卫生服务中心", AT, 2023 },
  { "白鹤社区卫生服务中心", AT, 2024 },
  { "朱家角社区卫生服务中心", AT, 2024 },
  { "盈浦社区卫生服务中心", AT, 2024 },
  { "香花桥社区卫生服务中心", AT, 2024 },
  { "徐泾社区卫生服务中心", C13, 2023 },
  { "盈浦社区卫生服务中心", C13, 2023 },
  { "华新社区卫生服务中心", C13, 2024 },
  { "夏阳社区卫生服务中心", C13, 2024 },
  { "白鹤社区卫生服务中心", C13, 2025 },
  { "练塘社区卫生服务中心", C13, 2025 },
  { "徐泾社区卫生服务中心", CSA, 2024 },
  { "盈浦社区卫生服务中心", CSA, 2024 },
  { "华新社区卫生服务中心", CSA, 2025 },
  { "盈浦社区卫生服务中心", FSU, 2025 },
  { "徐泾社区卫生服务中心", FSU, 2025 },
  { "赵巷社区卫生服务中心", FSU, 2025 },

  /* Changning */
  { "新华社区卫生服务中心", RS, 2022 },
  { "江苏社区卫生服务中心", RS, 2023 },
  { "华阳社区卫生服务中心", RD, 2023 },
  { "周家桥社区卫生服务中心", RS, 2024 },
  { "天山社区卫生服务中心", RD, 2022 },
  { "仙霞社区卫生服务中心", RD, 2023 },
  { "虹桥社区卫生服务中心", RS, 2024 },
  { "程家桥社区卫生服务中心", RS, 2024 },
  { "北新泾社区卫生服务中心", RS, 2025 },
  { "新华社区卫生服务中心", NU, 2023 },
  { "天山社区卫生服务中心", NU, 2022 },
  { "仙霞社区卫生服务中心", NU, 2024 },
  { "虹桥社区卫生服务中心", NU, 2024 },
  { "新泾社区卫生服务中心", NU, 2025 },
  { "新华社区卫生服务中心", HM, 2022 },
  { "江苏社区卫生服务中心", HM, 2023 },
  { "华阳社区卫生服务中心", HM, 2023 },
  { "周家桥社区卫生服务中心", HM, 2023 },
  { "天山社区卫生服务中心", HM, 2022 },
  { "仙霞社区卫生服务中心", HM, 2023 },
  { "虹桥社区卫生服务中心", HM, 2024 },
  { "程家桥社区卫生服务中心", HM, 2024 },
  { "北新泾社区卫生服务中心", HM, 2024 },
  { "新泾社区卫生服务中心", HM, 2025 },
  { "新华社区卫生服务中心", FS, 2023 },
  { "江苏社区卫生服务中心", FS, 2023 },
  { "华阳社区卫生服务中心", FS, 2023 },
  { "周家桥社区卫生服务中心", FS, 2023 },
  { "天山社区卫生服务中心", FS, 2023 },
  { "仙霞社区卫生服务中心", FS, 2023 },
  { "虹桥社区卫生服务中心", FS, 2023 },
  { "程家桥社区卫生服务中心", FS, 2023 },
  { "北新泾社区卫生服务中心", FS, 2023 },
  { "新泾社区卫生服务中心", FS, 2023 },
  { "新华牛桥社区卫生服务站", FS, 2024 },
  { "华阳华一社区卫生服务站", FS, 2024 },
  { "虹桥虹东社区卫生服务站", FS, 2024 },
  { "江苏长新社区卫生服务站", FS, 2025 },
  { "仙霞天五社区卫生服务站", FS, 2025 },

  /* Songjiang (illustrative centres, one per town) */
  { "岳阳街道社区卫生服务中心（示例）", HM, 2023 },
  { "永丰街道社区卫生服务中心（示例）", HM, 2023 },
  { "方松街道社区卫生服务中心（示例）", HM, 2024 },
  { "中山街道社区卫生服务中心（示例）", HM, 2024 },
  { "泗泾镇社区卫生服务中心（示例）", HM, 2024 },
  { "九亭镇社区卫生服务中心（示例）", HM, 2025 },
  { "岳阳街道社区卫生服务中心（示例）", MS, 2023 },
  { "方松街道社区卫生服务中心（示例）", MS, 2024 },
  { "泗泾镇社区卫生服务中心（示例）", MS, 2025 },
};

/* The kinds of Changning's and Songjiang's plans (issue 14), declared in
 * data/elements.ini and stored by their code: invented years and
 * facilities. */
static const struct
{
  const char *facility;
  const char *kind;
  int         year;
} demo_capability_kinds[] = {
  { "新华牛桥社区卫生服务站", "own_entrance_signage", 2024 },
  { "华阳华一社区卫生服务站", "own_entrance_signage", 2024 },
  { "虹桥虹东社区卫生服务站", "own_entrance_signage", 2025 },
  { "新华社区卫生服务中心", "tcm_affiliated", 2024 },
  { "虹桥社区卫生服务中心", "tcm_affiliated", 2025 },
  { "新华社区卫生服务中心", "smart_health_kiosk", 2023 },
  { "江苏社区卫生服务中心", "smart_health_kiosk", 2024 },
  { "华阳社区卫生服务中心", "smart_health_kiosk", 2025 },
  { "周家桥社区卫生服务中心", "smart_health_kiosk", 2023 },
  { "天山社区卫生服务中心", "smart_health_kiosk", 2024 },
  { "仙霞社区卫生服务中心", "smart_health_kiosk", 2025 },
  { "虹桥社区卫生服务中心", "smart_health_kiosk", 2023 },
  { "新华牛桥社区卫生服务站", "smart_health_kiosk", 2024 },
  { "华阳华一社区卫生服务站", "smart_health_kiosk", 2024 },
  { "新华社区卫生服务中心", "internet_care", 2023 },
  { "江苏社区卫生服务中心", "internet_care", 2024 },
  { "华阳社区卫生服务中心", "internet_care", 2025 },
  { "周家桥社区卫生服务中心", "internet_care", 2023 },
  { "天山社区卫生服务中心", "internet_care", 2024 },
  { "仙霞社区卫生服务中心", "internet_care", 2025 },
  { "新华社区卫生服务中心", "oxygen_therapy", 2023 },
  { "江苏社区卫生服务中心", "oxygen_therapy", 2023 },
  { "华阳社区卫生服务中心", "oxygen_therapy", 2023 },
  { "周家桥社区卫生服务中心", "oxygen_therapy", 2023 },
  { "天山社区卫生服务中心", "oxygen_therapy", 2023 },
  { "仙霞社区卫生服务中心", "oxygen_therapy", 2023 },
  { "虹桥社区卫生服务中心", "oxygen_therapy", 2023 },
  { "程家桥社区卫生服务中心", "oxygen_therapy", 2023 },
  { "周家桥社区卫生服务中心", "paediatric_clinic", 2023 },
  { "江苏社区卫生服务中心", "paediatric_clinic", 2024 },
  { "新华社区卫生服务中心", "paediatric_clinic", 2025 },
  { "虹桥社区卫生服务中心", "paediatric_clinic", 2023 },
  { "仙霞社区卫生服务中心", "paediatric_clinic", 2024 },
  { "新华社区卫生服务中心", "fever_sentinel_standard", 2023 },
  { "江苏社区卫生服务中心", "fever_sentinel_standard", 2024 },
  { "华阳社区卫生服务中心", "fever_sentinel_standard", 2023 },
  { "周家桥社区卫生服务中心", "fever_sentinel_standard", 2024 },
  { "天山社区卫生服务中心", "fever_sentinel_standard", 2023 },
  { "仙霞社区卫生服务中心", "fever_sentinel_standard", 2024 },
  { "新华社区卫生服务中心", "service_brand", 2023 },
  { "江苏社区卫生服务中心", "service_brand", 2024 },
  { "华阳社区卫生服务中心", "service_brand", 2025 },
  { "周家桥社区卫生服务中心", "service_brand", 2023 },
  { "天山社区卫生服务中心", "service_brand", 2024 },
  { "仙霞社区卫生服务中心", "service_brand", 2025 },
  { "虹桥社区卫生服务中心", "service_brand", 2023 },
  { "新华社区卫生服务中心", "recommended_standard", 2023 },
  { "虹桥社区卫生服务中心", "recommended_standard", 2024 },
  { "程家桥社区卫生服务中心", "recommended_standard", 2025 },
  { "天山社区卫生服务中心", "recommended_standard", 2023 },
  { "江苏社区卫生服务中心", "recommended_standard", 2024 },
  { "程家桥社区卫生服务中心", "hospice", 2023 },
  { "新华社区卫生服务中心", "hospice", 2024 },
  { "天山社区卫生服务中心", "hospice", 2025 },
  { "仙霞社区卫生服务中心", "hospice", 2023 },
  { "周家桥社区卫生服务中心", "hospice", 2024 },
  { "新华社区卫生服务中心", "specialist_studio", 2024 },
  { "江苏社区卫生服务中心", "specialist_studio", 2024 },
  { "华阳社区卫生服务中心", "specialist_studio", 2024 },
  { "周家桥社区卫生服务中心", "specialist_studio", 2024 },
  { "天山社区卫生服务中心", "specialist_studio", 2024 },
  { "仙霞社区卫生服务中心", "specialist_studio", 2024 },
  { "虹桥社区卫生服务中心", "specialist_studio", 2024 },
  { "程家桥社区卫生服务中心", "specialist_studio", 2024 },
  { "北新泾社区卫生服务中心", "specialist_studio", 2024 },
  { "新泾社区卫生服务中心", "specialist_studio", 2024 },
  { "新华社区卫生服务中心", "tcm_dept", 2022 },
  { "江苏社区卫生服务中心", "tcm_dept", 2022 },
  { "华阳社区卫生服务中心", "tcm_dept", 2022 },
  { "周家桥社区卫生服务中心", "tcm_dept", 2022 },
  { "天山社区卫生服务中心", "tcm_dept", 2022 },
  { "仙霞社区卫生服务中心", "tcm_dept", 2022 },
  { "虹桥社区卫生服务中心", "tcm_dept", 2022 },
  { "程家桥社区卫生服务中心", "tcm_dept", 2022 },
  { "岳阳街道社区卫生服务中心（示例）", "cloud_his", 2023 },
  { "永丰街道社区卫生服务中心（示例）", "cloud_his", 2024 },
  { "方松街道社区卫生服务中心（示例）", "cloud_his", 2025 },
  { "中山街道社区卫生服务中心（示例）", "cloud_his", 2023 },
};

#undef RS
#undef RD
#undef NU
#undef HM
#undef CS
#undef FS
#undef DE
#undef MS
#undef CT
#undef AT
#undef C13
#undef CSA
#undef FSU

gboolean
chc_demo_add_capabilities (ChcDatabase  *database,
                           GError      **error)
{
  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);

  if (!chc_database_begin (database, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_capabilities); i++)
    {
      const DemoCapability *row = &demo_capabilities[i];
      g_autoptr(ChcFacility) facility = chc_database_find_facility (database, row->facility, 0, error);

      if (facility == NULL ||
          !chc_database_set_capability_kind (database, chc_facility_get_id (facility),
                                             row->kind, row->year, error))
        {
          g_prefix_error (error, "%s: ", row->facility);
          chc_database_rollback (database);
          return FALSE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_capability_kinds); i++)
    {
      g_autoptr(ChcFacility) facility = chc_database_find_facility (database, demo_capability_kinds[i].facility,
                                                                    0, error);

      if (facility == NULL ||
          !chc_database_set_capability_kind (database, chc_facility_get_id (facility),
                                             demo_capability_kinds[i].kind, demo_capability_kinds[i].year,
                                             error))
        {
          g_prefix_error (error, "%s: ", demo_capability_kinds[i].facility);
          chc_database_rollback (database);
          return FALSE;
        }
    }

  return chc_database_commit (database, error);
}
