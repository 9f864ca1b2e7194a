/* chc-demo.c
 *
 * Names of districts, towns, centres, branch centres and stations come from
 * the plans (../shared/seeds); names marked （示例） and every figure are
 * invented for the demo.  Songjiang's seed names no facility, so its
 * centres are illustrative: one per town.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-demo"

#include <glib/gi18n-lib.h>

#include "chc-demo.h"
#include "store/chc-database-sync.h"
#include "chc-demo-tcm.h"
#include "chc-demo-projects.h"
#include "chc-plan-loader.h"
#include "chc-demo-signing.h"

typedef struct
{
  const char *name;
  const char *name_en;
  const char *admin_code;     /* prefix of the demo facility codes */
  const char *towns[20];
} DemoDistrict;

static const DemoDistrict demo_districts[] = {
  { "青浦区", "Qingpu", "310118",
    { "夏阳街道", "盈浦街道", "香花桥街道", "朱家角镇", "练塘镇", "金泽镇",
      "赵巷镇", "徐泾镇", "华新镇", "重固镇", "白鹤镇", NULL } },
  { "长宁区", "Changning", "310105",
    { "新华路街道", "江苏路街道", "华阳路街道", "周家桥街道", "天山路街道",
      "仙霞新村街道", "虹桥街道", "程家桥街道", "北新泾街道", "新泾镇", NULL } },
  { "松江区", "Songjiang", "310117",
    { "岳阳街道", "永丰街道", "方松街道", "中山街道", "广富林街道", "九里亭街道",
      "泗泾镇", "佘山镇", "车墩镇", "新桥镇", "洞泾镇", "九亭镇", "泖港镇",
      "石湖荡镇", "新浜镇", "叶榭镇", "小昆山镇", NULL } },
};

typedef struct
{
  const char        *district;
  const char        *town;
  const char        *name;
  ChcFacilityType    type;
  const char        *parent;      /* name of the parent centre */
  double             floor_area;
  int                standardized_year;  /* 0: not standardized */
  ChcFacilityStatus  status;
} DemoFacility;

#define C CHC_FACILITY_CENTRE
#define B CHC_FACILITY_BRANCH
#define S CHC_FACILITY_STATION
#define V CHC_FACILITY_VILLAGE_CLINIC
#define OP CHC_FACILITY_OPERATING
#define PL CHC_FACILITY_PLANNED

static const DemoFacility demo_facilities[] = {
  /* Qingpu: the 12 centres of the plan (000), their branch centres, and the
   * planned 西岑 centre. */
  { "青浦区", "白鹤镇", "白鹤社区卫生服务中心", C, NULL, 9800, 2019, OP },
  { "青浦区", "金泽镇", "金泽社区卫生服务中心", C, NULL, 7600, 0, OP },
  { "青浦区", "徐泾镇", "徐泾社区卫生服务中心", C, NULL, 8900, 2018, OP },
  { "青浦区", "华新镇", "华新社区卫生服务中心", C, NULL, 8200, 2020, OP },
  { "青浦区", "赵巷镇", "赵巷社区卫生服务中心", C, NULL, 7100, 2021, OP },
  { "青浦区", "重固镇", "重固社区卫生服务中心", C, NULL, 5400, 0, OP },
  { "青浦区", "香花桥街道", "香花桥社区卫生服务中心", C, NULL, 6300, 0, OP },
  { "青浦区", "练塘镇", "练塘社区卫生服务中心", C, NULL, 7800, 2022, OP },
  { "青浦区", "朱家角镇", "朱家角社区卫生服务中心", C, NULL, 6900, 0, OP },
  { "青浦区", "盈浦街道", "盈浦社区卫生服务中心", C, NULL, 8600, 2017, OP },
  { "青浦区", "夏阳街道", "夏阳社区卫生服务中心", C, NULL, 10500, 2023, OP },
  { "青浦区", "徐泾镇", "徐泾北社区卫生服务中心", C, NULL, 6200, 0, OP },
  { "青浦区", "金泽镇", "金泽社区卫生服务中心商榻分中心", B, "金泽社区卫生服务中心", 2600, 0, OP },
  { "青浦区", "练塘镇", "练塘社区卫生服务中心蒸淀分中心", B, "练塘社区卫生服务中心", 2400, 0, OP },
  { "青浦区", "白鹤镇", "白鹤社区卫生服务中心赵屯分中心", B, "白鹤社区卫生服务中心", 2200, 0, OP },
  { "青浦区", "华新镇", "华新社区卫生服务中心凤溪分中心", B, "华新社区卫生服务中心", 2100, 0, OP },
  { "青浦区", "金泽镇", "西岑社区卫生服务中心", C, NULL, 0, 0, PL },
  { "青浦区", "练塘镇", "练塘镇东团村卫生室", V, "练塘社区卫生服务中心", 160, 2023, OP },
  { "青浦区", "白鹤镇", "白鹤镇响新村卫生室", V, "白鹤社区卫生服务中心", 150, 2023, OP },
  { "青浦区", "朱家角镇", "朱家角镇第一村卫生室（示例）", V, "朱家角社区卫生服务中心", 140, 2024, OP },
  { "青浦区", "金泽镇", "金泽镇第一村卫生室（示例）", V, "金泽社区卫生服务中心", 120, 0, OP },
  { "青浦区", "重固镇", "重固镇第一村卫生室（示例）", V, "重固社区卫生服务中心", 130, 2024, OP },
  { "青浦区", "赵巷镇", "赵巷镇第一村卫生室（示例）", V, "赵巷社区卫生服务中心", 110, 0, OP },
  { "青浦区", "盈浦街道", "盈浦第一社区卫生服务站（示例）", S, "盈浦社区卫生服务中心", 260, 2023, OP },
  { "青浦区", "夏阳街道", "夏阳第一社区卫生服务站（示例）", S, "夏阳社区卫生服务中心", 220, 2024, OP },
  { "青浦区", "徐泾镇", "徐泾第一社区卫生服务站（示例）", S, "徐泾社区卫生服务中心", 180, 0, OP },

  /* Changning: one centre per town (002, annex 4), the planned 新泾 branch
   * centre, and the stations the plan names. */
  { "长宁区", "新华路街道", "新华社区卫生服务中心", C, NULL, 5200, 2019, OP },
  { "长宁区", "江苏路街道", "江苏社区卫生服务中心", C, NULL, 3900, 2018, OP },
  { "长宁区", "华阳路街道", "华阳社区卫生服务中心", C, NULL, 4100, 2017, OP },
  { "长宁区", "周家桥街道", "周家桥社区卫生服务中心", C, NULL, 4600, 2020, OP },
  { "长宁区", "天山路街道", "天山社区卫生服务中心", C, NULL, 5000, 2018, OP },
  { "长宁区", "仙霞新村街道", "仙霞社区卫生服务中心", C, NULL, 4400, 2016, OP },
  { "长宁区", "虹桥街道", "虹桥社区卫生服务中心", C, NULL, 4800, 2019, OP },
  { "长宁区", "程家桥街道", "程家桥社区卫生服务中心", C, NULL, 3600, 2021, OP },
  { "长宁区", "北新泾街道", "北新泾社区卫生服务中心", C, NULL, 4300, 2020, OP },
  { "长宁区", "新泾镇", "新泾社区卫生服务中心", C, NULL, 5600, 2022, OP },
  { "长宁区", "新泾镇", "新泾社区卫生服务中心分中心", B, "新泾社区卫生服务中心", 0, 0, PL },
  { "长宁区", "华阳路街道", "华阳苏一社区卫生服务站", S, "华阳社区卫生服务中心", 160, 0, OP },
  { "长宁区", "仙霞新村街道", "仙霞茅花社区卫生服务站", S, "仙霞社区卫生服务中心", 150, 0, OP },
  { "长宁区", "天山路街道", "天山纺大社区卫生服务站", S, "天山社区卫生服务中心", 170, 0, OP },
  { "长宁区", "周家桥街道", "周家桥范北社区卫生服务站", S, "周家桥社区卫生服务中心", 140, 0, OP },
  { "长宁区", "新泾镇", "新泾绿五社区卫生服务站", S, "新泾社区卫生服务中心", 180, 0, OP },
  { "长宁区", "江苏路街道", "江苏福世社区卫生服务站", S, "江苏社区卫生服务中心", 210, 2021, OP },
  { "长宁区", "北新泾街道", "北新泾新泾七村社区卫生服务站", S, "北新泾社区卫生服务中心", 230, 2020, OP },
  { "长宁区", "新泾镇", "新泾新家苑社区卫生服务站", S, "新泾社区卫生服务中心", 205, 2022, OP },
  { "长宁区", "新泾镇", "淞五社区卫生服务站", S, "新泾社区卫生服务中心", 190, 0, OP },
  { "长宁区", "仙霞新村街道", "虹康社区卫生服务站", S, "仙霞社区卫生服务中心", 240, 2019, OP },
  { "长宁区", "北新泾街道", "刘四社区卫生服务站", S, "北新泾社区卫生服务中心", 200, 2021, OP },
  { "长宁区", "新华路街道", "新华牛桥社区卫生服务站", S, "新华社区卫生服务中心", 320, 2022, OP },
  { "长宁区", "华阳路街道", "华阳华一社区卫生服务站", S, "华阳社区卫生服务中心", 260, 2021, OP },
  { "长宁区", "虹桥街道", "虹桥虹东社区卫生服务站", S, "虹桥社区卫生服务中心", 280, 2022, OP },
  { "长宁区", "江苏路街道", "江苏长新社区卫生服务站", S, "江苏社区卫生服务中心", 215, 2020, OP },
  { "长宁区", "仙霞新村街道", "仙霞天五社区卫生服务站", S, "仙霞社区卫生服务中心", 300, 2023, OP },
};

#undef C
#undef B
#undef S
#undef V
#undef OP
#undef PL

static const DemoDistrict *
find_demo_district (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_districts); i++)
    if (g_str_equal (demo_districts[i].name, name))
      return &demo_districts[i];
  g_assert_not_reached ();
}

/* A database is set up once: its towns (and the built-in plans) are added
 * when it has none.  Since schema 5 every database holds the 16 districts
 * of Shanghai with their codes (chc-schema-v5.sql); the demo's districts
 * are found there by name (and added, should one be missing). */
gboolean
chc_demo_add_districts (ChcDatabase  *database,
                        GError      **error)
{
  g_autoptr(GPtrArray) towns = chc_database_list_towns (database, 0, error);

  if (towns == NULL)
    return FALSE;
  if (towns->len > 0)
    return TRUE;

  if (!chc_database_begin (database, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_districts); i++)
    {
      const DemoDistrict *d = &demo_districts[i];
      g_autoptr(ChcDistrict) district = chc_database_find_district (database, d->admin_code, NULL);
      gint64 id;

      if (district == NULL)
        district = chc_database_find_district (database, d->name, NULL);
      id = district != NULL ? chc_district_get_id (district)
                            : chc_database_add_district (database, d->name, d->name_en, error);
      if (id == 0)
        goto fail;
      for (guint t = 0; d->towns[t] != NULL; t++)
        if (chc_database_add_town (database, id, d->towns[t], error) == 0)
          goto fail;
    }

  /* The built-in plans of these districts (data/plans.ini). */
  if (!chc_plan_loader_load_builtin (database, error))
    goto fail;

  return chc_database_commit (database, error);

fail:
  chc_database_rollback (database);
  return FALSE;
}

static gboolean
add_demo_facilities (ChcDatabase  *database,
                     GError      **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) towns = chc_database_list_towns (database, 0, error);

  if (towns == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_facilities); i++)
    {
      const DemoFacility *row = &demo_facilities[i];
      const DemoDistrict *dd = find_demo_district (row->district);
      g_autoptr(ChcDistrict) district = chc_database_find_district (database, row->district, error);
      g_autoptr(ChcFacility) facility = chc_facility_new ();
      g_autofree char *counter_key = NULL;
      g_autofree char *code = NULL;
      guint n;

      if (district == NULL)
        return FALSE;

      /* Demo codes: district administrative code, type letter, number. */
      counter_key = g_strdup_printf ("%s%d", dd->admin_code, row->type);
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counters, counter_key)) + 1;
      g_hash_table_replace (counters, g_strdup (counter_key), GUINT_TO_POINTER (n));
      code = g_strdup_printf ("%s%c%02u", dd->admin_code, "CBSV"[row->type], n);

      chc_facility_set_code (facility, code);
      chc_facility_set_name (facility, row->name);
      chc_facility_set_facility_type (facility, row->type);
      chc_facility_set_district_id (facility, chc_district_get_id (district));
      chc_facility_set_town_id (facility, chc_towns_find_id (towns, chc_district_get_id (district), row->town));
      if (row->parent != NULL)
        chc_facility_set_parent_id (facility,
                                    GPOINTER_TO_SIZE (g_hash_table_lookup (ids, row->parent)));
      chc_facility_set_floor_area (facility, row->floor_area);
      chc_facility_set_standardized (facility, row->standardized_year > 0);
      chc_facility_set_standardized_year (facility, row->standardized_year);
      chc_facility_set_status (facility, row->status);

      if (!chc_database_add_facility (database, facility, error))
        {
          g_prefix_error (error, "%s: ", row->name);
          return FALSE;
        }
      g_hash_table_insert (ids, (gpointer) row->name,
                           GSIZE_TO_POINTER ((gsize) chc_facility_get_id (facility)));
    }

  /* Songjiang: one illustrative centre per town, marked （示例） like the
   * other invented names. */
  {
    const DemoDistrict *dd = find_demo_district ("松江区");
    g_autoptr(ChcDistrict) district = chc_database_find_district (database, dd->name, error);

    if (district == NULL)
      return FALSE;

    for (guint t = 0; dd->towns[t] != NULL; t++)
      {
        g_autoptr(ChcFacility) facility = chc_facility_new ();
        g_autofree char *code = g_strdup_printf ("%sC%02u", dd->admin_code, t + 1);
        g_autofree char *name = g_strdup_printf ("%s社区卫生服务中心（示例）", dd->towns[t]);
        int year = (t % 3 == 0) ? 0 : 2016 + (int) (t % 8);

        chc_facility_set_code (facility, code);
        chc_facility_set_name (facility, name);
        chc_facility_set_facility_type (facility, CHC_FACILITY_CENTRE);
        chc_facility_set_district_id (facility, chc_district_get_id (district));
        chc_facility_set_town_id (facility, chc_towns_find_id (towns, chc_district_get_id (district), dd->towns[t]));
        chc_facility_set_floor_area (facility, 4000 + 350 * (t % 7));
        chc_facility_set_standardized (facility, year > 0);
        chc_facility_set_standardized_year (facility, year);
        if (!chc_database_add_facility (database, facility, error))
          return FALSE;
      }
  }

  return TRUE;
}

gboolean
chc_demo_populate (ChcDatabase  *database,
                   GError      **error)
{
  g_autoptr(GPtrArray) existing = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);

  existing = chc_database_list_towns (database, 0, error);
  if (existing == NULL)
    return FALSE;
  if (existing->len > 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IN_USE,
                   _("The database already holds data; demo data goes into a new, empty database only."));
      return FALSE;
    }

  if (!chc_database_begin (database, error))
    return FALSE;

  /* The audit log says where these rows came from. */
  chc_database_set_origin (database, "demo");
  if (!chc_demo_add_districts (database, error) ||
      !add_demo_facilities (database, error) ||
      !chc_demo_tcm_populate (database, error) ||
      !chc_demo_add_projects (database, error) ||
      !chc_demo_add_capabilities (database, error) ||
      !chc_demo_signing_populate (database, error) ||
      !chc_demo_add_values (database, error) ||
      !chc_demo_add_reporting (database, error) ||
      !chc_database_set_demo (database, TRUE, error))
    {
      chc_database_set_origin (database, NULL);
      chc_database_rollback (database);
      return FALSE;
    }

  chc_database_set_origin (database, NULL);
  return chc_database_commit (database, error);
}
