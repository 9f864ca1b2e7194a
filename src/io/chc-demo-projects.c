/* chc-demo-projects.c — the construction projects of the demo database.
 *
 * The projects are the ones the plans name (../shared/seeds, summarized in
 * DOMAIN.md); their dates, budgets and floor areas are invented, consistent
 * with the plans' years and with the demo registry as of late 2026: a
 * facility the registry shows standardized (or with its floor area) got
 * there through the project that finished, and a project that has not
 * finished left its facility as the registry shows it.  A few projects are
 * late.  Facilities marked （示例） are invented.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-demo"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "chc-demo-projects.h"
#include "core/chc-project.h"
#include "store/chc-database-projects.h"

/* A facility a new build creates. */
typedef struct
{
  const char      *code;
  const char      *town;
  ChcFacilityType  type;
  const char      *parent;
} DemoNewFacility;

typedef struct
{
  const char            *district;
  const char            *facility;
  ChcProjectKind         kind;
  int                    plan_year;
  double                 budget;        /* 10,000 yuan; NAN unknown */
  double                 area_before;
  double                 area_after;
  const char            *notes;
  /* planned, actual for approved, site selected, started, topped out,
   * completed, opened */
  const char            *dates[CHC_N_MILESTONES][2];
  const DemoNewFacility *new_facility;
} DemoProject;

#define NB CHC_PROJECT_NEW_BUILD
#define RL CHC_PROJECT_RELOCATION
#define RN CHC_PROJECT_RENOVATION
#define SD CHC_PROJECT_STANDARDIZATION
#define OP CHC_PROJECT_OPENING
#define NONE { NULL, NULL }
#define QP "青浦区"
#define CN "长宁区"

static const DemoNewFacility xincheng = { "310118C14", "香花桥街道", CHC_FACILITY_CENTRE, NULL };
static const DemoNewFacility xujing_branch = { "310118B05", "徐泾镇", CHC_FACILITY_BRANCH, "徐泾社区卫生服务中心" };
static const DemoNewFacility hongqiao_s1 = { "310105S20", "虹桥街道", CHC_FACILITY_STATION, "虹桥社区卫生服务中心" };
static const DemoNewFacility hongqiao_s2 = { "310105S21", "虹桥街道", CHC_FACILITY_STATION, "虹桥社区卫生服务中心" };
static const DemoNewFacility xinhua_s = { "310105S22", "新华路街道", CHC_FACILITY_STATION, "新华社区卫生服务中心" };
static const DemoNewFacility xianxia_s = { "310105S23", "仙霞新村街道", CHC_FACILITY_STATION, "仙霞社区卫生服务中心" };
static const DemoNewFacility beixinjing_s = { "310105S24", "北新泾街道", CHC_FACILITY_STATION, "北新泾社区卫生服务中心" };
static const DemoNewFacility xinjing_s = { "310105S25", "新泾镇", CHC_FACILITY_STATION, "新泾社区卫生服务中心" };

static const DemoProject demo_projects[] = {
  /* ---- Qingpu (000, 001, 004) ---- */
  /* Openings of 2023 (000: 白鹤社区、金泽社区商榻分中心开办). */
  { QP, "白鹤社区卫生服务中心", OP, 2023, 1800, NAN, NAN, "2023年开办",
    { { "2022-03-01", "2022-03-15" }, { "2022-05-01", "2022-04-20" }, { "2022-07-01", "2022-07-10" },
      NONE, { "2023-03-31", "2023-04-18" }, { "2023-06-30", "2023-06-28" } } },
  { QP, "金泽社区卫生服务中心商榻分中心", OP, 2023, 650, NAN, NAN, "2023年开办",
    { { "2022-06-30", "2022-06-21" }, { "2022-09-30", "2022-10-12" }, { "2022-12-31", "2023-01-09" },
      NONE, { "2023-06-30", "2023-07-14" }, { "2023-09-30", "2023-09-26" } } },
  /* Standardization of 金泽, 练塘蒸淀 and 白鹤赵屯 (000; 001: three in 2024). */
  { QP, "金泽社区卫生服务中心", SD, 2024, 3200, 7600, NAN, "标准化提升",
    { { "2024-03-31", "2024-03-20" }, NONE, { "2024-09-01", "2025-04-10" },
      { "2025-10-31", "2025-12-18" }, { "2026-12-31", NULL }, NONE } },
  { QP, "练塘社区卫生服务中心蒸淀分中心", SD, 2024, 900, 2400, NAN, "标准化提升",
    { { "2024-03-31", "2024-02-26" }, NONE, { "2024-06-01", "2024-06-17" },
      NONE, { "2026-12-31", NULL }, NONE } },
  { QP, "白鹤社区卫生服务中心赵屯分中心", SD, 2024, 850, 2200, NAN, "标准化提升；开工推迟",
    { { "2024-04-30", "2024-04-08" }, NONE, { "2026-03-31", NULL },
      NONE, { "2027-03-31", NULL }, NONE } },
  /* Relocations: 朱家角 (construction starts 2025), 华新凤溪, 香花桥. */
  { QP, "朱家角社区卫生服务中心", RL, 2023, 28000, 6900, 15000, "迁建项目，2025年开工",
    { { "2023-06-30", "2023-08-15" }, { "2023-12-31", "2024-03-12" }, { "2025-06-30", "2025-09-16" },
      { "2027-03-31", NULL }, { "2027-09-30", NULL }, { "2027-12-31", NULL } } },
  { QP, "华新社区卫生服务中心凤溪分中心", RL, 2023, 4200, 1500, 2100, "迁建",
    { { "2023-06-30", "2023-05-10" }, { "2023-09-30", "2023-09-20" }, { "2024-03-31", "2024-03-18" },
      { "2024-12-31", "2025-01-20" }, { "2026-03-31", "2026-03-30" }, { "2026-06-30", "2026-07-15" } } },
  { QP, "香花桥社区卫生服务中心", RL, 2024, 22000, 6300, 12000, "充分论证、加快推进；选址未定",
    { { "2024-09-30", "2024-09-12" }, { "2025-06-30", NULL }, { "2026-06-30", NULL },
      { "2027-06-30", NULL }, { "2028-03-31", NULL }, { "2028-06-30", NULL } } },
  /* New builds: 西岑 (planned in the registry), 夏阳 phase 2 (opened 2024),
   * 新城一站大型居住社区 (phase 2 opening slipped past 2025), a new 徐泾
   * branch centre (001). */
  { QP, "西岑社区卫生服务中心", NB, 2023, 16000, NAN, 9000, "新建",
    { { "2023-03-31", "2023-04-20" }, { "2023-09-30", "2023-08-30" }, { "2024-06-30", "2024-07-22" },
      { "2025-12-31", "2026-01-20" }, { "2026-12-31", NULL }, { "2027-06-30", NULL } } },
  { QP, "夏阳社区卫生服务中心", NB, 2023, 9500, 6500, 10500, "二期新建，2024年开办",
    { { "2022-06-30", "2022-06-01" }, { "2022-09-30", "2022-09-01" }, { "2023-01-31", "2023-01-10" },
      { "2023-08-31", "2023-08-20" }, { "2024-05-31", "2024-05-30" }, { "2024-09-30", "2024-10-12" } } },
  { QP, "新城一站大型居住社区社区卫生服务中心", NB, 2023, 12500, NAN, 7800, "新建，二期2025年开办",
    { { "2021-12-31", "2021-12-20" }, { "2022-03-31", "2022-03-15" }, { "2022-09-30", "2022-10-10" },
      { "2023-09-30", "2023-09-28" }, { "2025-06-30", "2025-08-29" }, { "2025-12-31", NULL } },
    &xincheng },
  { QP, "徐泾社区卫生服务中心分中心", NB, 2024, 5200, NAN, 3000, "新建分中心",
    { { "2024-03-31", "2024-03-28" }, { "2024-06-30", "2024-07-15" }, { "2025-03-31", "2025-05-06" },
      { "2025-12-31", "2026-02-10" }, { "2026-12-31", NULL }, { "2027-03-31", NULL } },
    &xujing_branch },
  /* Yearly standardization batches of village clinics and stations (000:
   * 50 village clinics + 3 stations in 2023; 001: 59 in 2024; 004: 12
   * village clinics in 2025), with the demo registry's clinics and
   * stations. */
  { QP, "练塘镇东团村卫生室", SD, 2023, 18, 160, NAN, "2023年标准化改造批次",
    { { "2023-02-28", "2023-02-15" }, NONE, { "2023-04-01", "2023-04-10" }, NONE, { "2023-10-31", "2023-11-03" }, NONE } },
  { QP, "白鹤镇响新村卫生室", SD, 2023, 16, 150, NAN, "2023年标准化改造批次",
    { { "2023-02-28", "2023-02-15" }, NONE, { "2023-04-01", "2023-04-12" }, NONE, { "2023-10-31", "2023-10-25" }, NONE } },
  { QP, "盈浦第一社区卫生服务站（示例）", SD, 2023, 25, 260, NAN, "2023年标准化改造批次",
    { { "2023-02-28", "2023-02-15" }, NONE, { "2023-04-01", "2023-04-03" }, NONE, { "2023-10-31", "2023-11-20" }, NONE } },
  { QP, "朱家角镇第一村卫生室（示例）", SD, 2024, 17, 140, NAN, "2024年标准化改造批次",
    { { "2024-02-29", "2024-02-20" }, NONE, { "2024-04-15", "2024-04-18" }, NONE, { "2024-10-31", "2024-10-29" }, NONE } },
  { QP, "重固镇第一村卫生室（示例）", SD, 2024, 17, 130, NAN, "2024年标准化改造批次",
    { { "2024-02-29", "2024-02-20" }, NONE, { "2024-04-15", "2024-05-06" }, NONE, { "2024-10-31", "2024-11-15" }, NONE } },
  { QP, "夏阳第一社区卫生服务站（示例）", SD, 2024, 24, 220, NAN, "2024年标准化改造批次",
    { { "2024-02-29", "2024-02-20" }, NONE, { "2024-04-15", "2024-04-22" }, NONE, { "2024-10-31", "2024-10-30" }, NONE } },
  { QP, "金泽镇第一村卫生室（示例）", SD, 2025, 19, 120, NAN, "2025年标准化改造批次；竣工延至2026年底",
    { { "2025-02-28", "2025-02-18" }, NONE, { "2025-04-15", "2025-05-06" }, NONE, { "2026-12-31", NULL }, NONE } },
  { QP, "赵巷镇第一村卫生室（示例）", SD, 2025, 19, 110, NAN, "2025年标准化改造批次",
    { { "2025-02-28", "2025-02-18" }, NONE, { "2025-04-15", "2025-04-20" }, NONE, { "2025-11-30", NULL }, NONE } },
  { QP, "徐泾第一社区卫生服务站（示例）", SD, 2025, 26, 180, NAN, "2025年标准化改造批次；未开工",
    { { "2025-02-28", "2025-02-18" }, NONE, { "2025-04-15", NULL }, NONE, { "2025-11-30", NULL }, NONE } },

  /* ---- Changning (002, annex 4) ---- */
  { CN, "华阳社区卫生服务中心", RL, 2024, 18000, 4100, 6500, "异地迁建",
    { { "2024-06-30", "2024-06-20" }, { "2025-06-30", "2025-05-22" }, { "2026-06-30", "2026-08-03" },
      { "2027-09-30", NULL }, { "2028-06-30", NULL }, { "2028-12-31", NULL } } },
  { CN, "新泾社区卫生服务中心分中心", OP, 2024, 1500, NAN, 1800, "分中心选址装修",
    { { "2024-01-31", "2024-01-15" }, { "2024-09-30", "2024-10-28" }, { "2025-03-31", "2025-04-21" },
      NONE, { "2025-12-31", "2026-03-05" }, { "2026-06-30", NULL } } },
  { CN, "江苏社区卫生服务中心", RN, 2023, 2600, 3200, 3900, "原址改扩建",
    { { "2023-03-31", "2023-04-10" }, NONE, { "2023-09-30", "2023-10-09" },
      { "2024-06-30", "2024-06-14" }, { "2025-06-30", "2025-06-26" }, NONE } },
  { CN, "新华社区卫生服务中心", RL, 2025, 15000, 5200, 7000, "新址建设",
    { { "2025-03-31", "2025-03-26" }, { "2026-12-31", NULL }, { "2027-12-31", NULL },
      { "2028-09-30", NULL }, { "2029-06-30", NULL }, { "2029-12-31", NULL } } },
  { CN, "新华社区卫生服务中心", RN, 2025, 800, 5200, NAN, "增加业务用房面积",
    { { "2025-06-30", "2025-09-02" }, NONE, { "2026-12-31", NULL }, NONE, { "2027-06-30", NULL }, NONE } },
  { CN, "周家桥社区卫生服务中心", RN, 2025, 600, 4600, NAN, "增加业务用房面积",
    { { "2026-03-31", "2026-02-27" }, NONE, { "2026-09-30", "2026-10-12" }, NONE, { "2027-06-30", NULL }, NONE } },
  { CN, "程家桥社区卫生服务中心", RN, 2025, 500, 3600, NAN, "增加业务用房面积",
    { { "2026-06-30", "2026-06-19" }, NONE, { "2027-03-31", NULL }, NONE, { "2027-12-31", NULL }, NONE } },
  { CN, "仙霞社区卫生服务中心", RN, 2026, NAN, 4400, NAN, "原址重建可行性研究",
    { { "2027-06-30", NULL }, NONE, NONE, NONE, NONE, NONE } },
  { CN, "天山社区卫生服务中心", RN, 2026, NAN, 5000, NAN, "扩建可行性研究",
    { { "2027-06-30", NULL }, NONE, NONE, NONE, NONE, NONE } },
  /* Station upgrades to ≥200 m² (none finished yet: the registry still
   * shows their old floor areas). */
  { CN, "华阳苏一社区卫生服务站", RN, 2025, 60, 160, 220, "升级更新，业务用房达200平方米以上",
    { { "2025-03-31", "2025-03-10" }, NONE, { "2025-09-30", "2025-09-01" }, NONE, { "2026-12-15", NULL }, NONE } },
  { CN, "仙霞茅花社区卫生服务站", RN, 2025, 55, 150, 210, "升级更新；新用房未落实",
    { { "2025-04-30", "2025-04-02" }, NONE, { "2026-03-31", NULL }, NONE, { "2026-12-31", NULL }, NONE } },
  { CN, "天山纺大社区卫生服务站", RN, 2025, 58, 170, 230, "升级更新",
    { { "2025-05-31", "2025-05-12" }, NONE, { "2026-03-31", "2026-04-08" }, NONE, { "2026-12-31", NULL }, NONE } },
  { CN, "周家桥范北社区卫生服务站", RN, 2025, 52, 140, 200, "升级更新",
    { { "2025-06-30", "2025-06-18" }, NONE, { "2026-12-31", NULL }, NONE, { "2027-06-30", NULL }, NONE } },
  { CN, "新泾绿五社区卫生服务站", RN, 2025, 70, 180, 260, "升级更新",
    { { "2025-02-28", "2025-02-20" }, NONE, { "2025-07-01", "2025-07-01" }, NONE, { "2026-12-31", NULL }, NONE } },
  /* Station improvements (no change of floor area). */
  { CN, "江苏福世社区卫生服务站", RN, 2025, 30, NAN, NAN, "优化完善",
    { { "2025-03-31", "2025-03-18" }, NONE, { "2025-06-30", "2025-06-23" }, NONE, { "2025-12-31", "2025-12-19" }, NONE } },
  { CN, "北新泾新泾七村社区卫生服务站", RN, 2025, 28, NAN, NAN, "优化完善",
    { { "2025-03-31", "2025-03-18" }, NONE, { "2025-06-30", "2025-07-07" }, NONE, { "2025-12-31", "2026-01-16" }, NONE } },
  { CN, "新泾新家苑社区卫生服务站", RN, 2025, 26, NAN, NAN, "优化完善",
    { { "2025-03-31", "2025-03-18" }, NONE, { "2025-06-30", "2025-06-30" }, NONE, { "2025-12-31", "2025-12-08" }, NONE } },
  { CN, "淞五社区卫生服务站", RN, 2025, 32, NAN, NAN, "优化完善",
    { { "2025-03-31", "2025-03-18" }, NONE, { "2025-06-30", "2025-08-11" }, NONE, { "2026-06-30", NULL }, NONE } },
  { CN, "虹康社区卫生服务站", RN, 2025, 27, NAN, NAN, "优化完善",
    { { "2025-03-31", "2025-03-18" }, NONE, { "2025-06-30", "2025-06-16" }, NONE, { "2025-12-31", "2025-11-28" }, NONE } },
  { CN, "刘四社区卫生服务站", RN, 2025, 25, NAN, NAN, "优化完善",
    { { "2025-03-31", "2025-03-18" }, NONE, { "2025-06-30", "2025-06-27" }, NONE, { "2025-12-31", "2025-12-22" }, NONE } },
  /* New stations: 虹桥 ×2, 新华, 仙霞, 北新泾, 新泾 ×1 each. */
  { CN, "虹桥新建社区卫生服务站一（示例）", NB, 2025, 120, NAN, 220, "新建社区卫生服务站",
    { { "2025-06-30", "2025-06-12" }, { "2025-12-31", "2025-11-20" }, { "2026-06-30", "2026-06-29" },
      NONE, { "2026-12-31", NULL }, { "2027-03-31", NULL } }, &hongqiao_s1 },
  { CN, "虹桥新建社区卫生服务站二（示例）", NB, 2025, 120, NAN, 240, "新建社区卫生服务站",
    { { "2025-06-30", "2025-06-12" }, { "2026-06-30", "2026-09-08" }, { "2027-03-31", NULL },
      NONE, { "2027-09-30", NULL }, { "2027-12-31", NULL } }, &hongqiao_s2 },
  { CN, "新华新建社区卫生服务站（示例）", NB, 2025, 110, NAN, 210, "新建社区卫生服务站",
    { { "2025-06-30", "2025-07-03" }, { "2026-06-30", "2026-05-26" }, { "2026-12-31", NULL },
      NONE, { "2027-06-30", NULL }, { "2027-09-30", NULL } }, &xinhua_s },
  { CN, "仙霞新建社区卫生服务站（示例）", NB, 2025, 110, NAN, 220, "新建社区卫生服务站",
    { { "2025-06-30", "2025-06-25" }, { "2026-03-31", "2026-03-16" }, { "2026-09-30", "2026-09-21" },
      NONE, { "2027-03-31", NULL }, { "2027-06-30", NULL } }, &xianxia_s },
  { CN, "北新泾新建社区卫生服务站（示例）", NB, 2025, 100, NAN, 200, "新建社区卫生服务站",
    { { "2025-06-30", "2025-06-25" }, { "2026-06-30", "2026-04-30" }, { "2026-12-31", NULL },
      NONE, { "2027-06-30", NULL }, { "2027-09-30", NULL } }, &beixinjing_s },
  { CN, "新泾新建社区卫生服务站（示例）", NB, 2025, 100, NAN, 230, "新建社区卫生服务站",
    { { "2025-06-30", "2025-06-25" }, { "2026-06-30", "2026-06-10" }, { "2026-12-31", NULL },
      NONE, { "2027-06-30", NULL }, { "2027-09-30", NULL } }, &xinjing_s },
};

#undef NB
#undef RL
#undef RN
#undef SD
#undef OP
#undef NONE
#undef QP
#undef CN

static gint64
find_town (ChcDatabase  *database,
           gint64        district_id,
           const char   *name,
           GError      **error)
{
  g_autoptr(GPtrArray) towns = chc_database_list_towns (database, district_id, error);

  if (towns == NULL)
    return 0;
  for (guint i = 0; i < towns->len; i++)
    if (g_str_equal (chc_town_get_name (g_ptr_array_index (towns, i)), name))
      return chc_town_get_id (g_ptr_array_index (towns, i));
  g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
               "no town %s", name);
  return 0;
}

static ChcFacility *
new_facility (ChcDatabase        *database,
              gint64              district_id,
              const DemoProject  *row,
              GError            **error)
{
  const DemoNewFacility *nf = row->new_facility;
  g_autoptr(ChcFacility) facility = chc_facility_new ();
  gint64 town;

  town = find_town (database, district_id, nf->town, error);
  if (town == 0)
    return NULL;

  chc_facility_set_code (facility, nf->code);
  chc_facility_set_name (facility, row->facility);
  chc_facility_set_facility_type (facility, nf->type);
  chc_facility_set_district_id (facility, district_id);
  chc_facility_set_town_id (facility, town);
  if (nf->parent != NULL)
    {
      g_autoptr(ChcFacility) parent = chc_database_find_facility (database, nf->parent, district_id, error);

      if (parent == NULL)
        return NULL;
      chc_facility_set_parent_id (facility, chc_facility_get_id (parent));
    }
  return g_steal_pointer (&facility);
}

/* Puts the facility back in the state it was in before the finished
 * project, so that adding the project brings it to the registry's state
 * and undoing the project restores the state before. */
static gboolean
rewind_facility (ChcDatabase  *database,
                 ChcProject   *project,
                 GError      **error)
{
  g_autoptr(ChcFacility) facility = NULL;
  ChcProjectEffects effects = chc_project_effects_due (project);

  if ((effects & (CHC_PROJECT_EFFECT_STANDARDIZED | CHC_PROJECT_EFFECT_FLOOR_AREA)) == 0)
    return TRUE;

  facility = chc_database_get_facility (database, chc_project_get_facility_id (project), error);
  if (facility == NULL)
    return FALSE;
  if (effects & CHC_PROJECT_EFFECT_STANDARDIZED)
    {
      if (chc_facility_get_standardized_year (facility) != chc_project_finished_year (project))
        {
          g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                       "the demo registry's standardization year is not the project's");
          return FALSE;
        }
      chc_facility_set_standardized_year (facility, 0);
      chc_facility_set_standardized (facility, FALSE);
    }
  if (effects & CHC_PROJECT_EFFECT_FLOOR_AREA)
    {
      if (chc_facility_get_floor_area (facility) != chc_project_get_area_after (project))
        {
          g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                       "the demo registry's floor area is not the project's area after");
          return FALSE;
        }
      chc_facility_set_floor_area (facility, chc_project_get_area_before (project));
    }
  return chc_database_update_facility (database, facility, error);
}

static gboolean
add_project (ChcDatabase        *database,
             const DemoProject  *row,
             GError            **error)
{
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(ChcFacility) facility = NULL;
  g_autoptr(ChcFacility) created = NULL;
  g_autoptr(ChcProject) project = chc_project_new ();
  g_autofree char *units = NULL;
  gint64 district_id;

  district = chc_database_find_district (database, row->district, error);
  if (district == NULL)
    return FALSE;
  district_id = chc_district_get_id (district);

  if (row->new_facility != NULL)
    {
      created = new_facility (database, district_id, row, error);
      if (created == NULL)
        return FALSE;
      chc_project_set_facility_type (project, row->new_facility->type);
    }
  else
    {
      facility = chc_database_find_facility (database, row->facility, district_id, error);
      if (facility == NULL)
        return FALSE;
      chc_project_set_facility_id (project, chc_facility_get_id (facility));
      chc_project_set_facility_type (project, chc_facility_get_facility_type (facility));
    }

  units = g_strdup_printf ("区卫生健康委、区发展改革委、区财政局、区规划资源局、%s",
                           facility != NULL && chc_facility_get_town_name (facility) != NULL
                           ? chc_facility_get_town_name (facility)
                           : (row->new_facility != NULL ? row->new_facility->town : ""));

  chc_project_set_kind (project, row->kind);
  chc_project_set_plan_year (project, row->plan_year);
  chc_project_set_budget (project, row->budget);
  chc_project_set_area_before (project, row->area_before);
  chc_project_set_area_after (project, row->area_after);
  chc_project_set_units (project, units);
  chc_project_set_notes (project, row->notes);
  for (guint m = 0; m < CHC_N_MILESTONES; m++)
    {
      chc_project_set_planned (project, m, row->dates[m][0]);
      chc_project_set_actual (project, m, row->dates[m][1]);
    }

  if (created == NULL && !rewind_facility (database, project, error))
    return FALSE;
  return chc_database_add_project (database, project, created, error);
}

gboolean
chc_demo_add_projects (ChcDatabase  *database,
                       GError      **error)
{
  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);

  if (!chc_database_begin (database, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_projects); i++)
    if (!add_project (database, &demo_projects[i], error))
      {
        g_prefix_error (error, "%s: ", demo_projects[i].facility);
        chc_database_rollback (database);
        return FALSE;
      }

  return chc_database_commit (database, error);
}
