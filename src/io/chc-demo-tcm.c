/* chc-demo-tcm.c — TCM figures of the demo database.
 *
 * From the seeds: specialty clinics open at 徐泾, 徐泾北 and 金泽 in 2025
 * (004); TCM itinerant stations at 练塘东团村 and 白鹤响新村 in 2025 (004),
 * modelled as TCM corners in service at those village clinics; Qingpu
 * heads for 7–10 municipal demonstration stations by 2025 (000), Changning
 * for one per town with 2–3 a year (002).  Every date and figure else is
 * invented, and some towns are left without a demonstration station on
 * purpose.  Songjiang's registry is illustrative (one centre per town, no
 * stations), so it has halls and clinics only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-demo"

#include <stdlib.h>

#include "chc-demo-tcm.h"
#include "core/chc-tcm.h"
#include "store/chc-database-tcm.h"

#define HALL CHC_TCM_SITE_HALL
#define CORNER CHC_TCM_SITE_CORNER
#define BUILDING CHC_TCM_STATE_BUILDING
#define IN_SERVICE CHC_TCM_STATE_IN_SERVICE
#define UP_TO_STANDARD CHC_TCM_STATE_UP_TO_STANDARD

typedef struct
{
  const char      *district;
  const char      *facility;
  ChcTcmSiteKind   kind;
  const char      *date;
  ChcTcmSiteState  state;
} DemoSiteEvent;

static const DemoSiteEvent demo_site_events[] = {
  /* Qingpu: halls in most centres, some up to standard. */
  { "青浦区", "白鹤社区卫生服务中心", HALL, "2021-06-01", IN_SERVICE },
  { "青浦区", "白鹤社区卫生服务中心", HALL, "2024-05-20", UP_TO_STANDARD },
  { "青浦区", "金泽社区卫生服务中心", HALL, "2022-03-01", IN_SERVICE },
  { "青浦区", "金泽社区卫生服务中心", HALL, "2025-09-01", UP_TO_STANDARD },
  { "青浦区", "徐泾社区卫生服务中心", HALL, "2020-09-01", IN_SERVICE },
  { "青浦区", "徐泾社区卫生服务中心", HALL, "2023-04-10", UP_TO_STANDARD },
  { "青浦区", "华新社区卫生服务中心", HALL, "2021-09-01", IN_SERVICE },
  { "青浦区", "赵巷社区卫生服务中心", HALL, "2021-03-01", IN_SERVICE },
  { "青浦区", "赵巷社区卫生服务中心", HALL, "2023-11-15", UP_TO_STANDARD },
  { "青浦区", "重固社区卫生服务中心", HALL, "2024-07-01", BUILDING },
  { "青浦区", "重固社区卫生服务中心", HALL, "2025-10-01", IN_SERVICE },
  { "青浦区", "香花桥社区卫生服务中心", HALL, "2022-05-01", IN_SERVICE },
  { "青浦区", "练塘社区卫生服务中心", HALL, "2020-05-01", IN_SERVICE },
  { "青浦区", "练塘社区卫生服务中心", HALL, "2024-03-18", UP_TO_STANDARD },
  { "青浦区", "朱家角社区卫生服务中心", HALL, "2025-04-01", BUILDING },
  { "青浦区", "盈浦社区卫生服务中心", HALL, "2019-10-01", IN_SERVICE },
  { "青浦区", "盈浦社区卫生服务中心", HALL, "2022-12-01", UP_TO_STANDARD },
  { "青浦区", "夏阳社区卫生服务中心", HALL, "2023-08-01", IN_SERVICE },
  { "青浦区", "徐泾北社区卫生服务中心", HALL, "2023-02-01", IN_SERVICE },
  { "青浦区", "金泽社区卫生服务中心商榻分中心", HALL, "2024-01-10", IN_SERVICE },
  { "青浦区", "练塘社区卫生服务中心蒸淀分中心", HALL, "2025-05-01", BUILDING },
  { "青浦区", "白鹤社区卫生服务中心赵屯分中心", HALL, "2023-09-01", IN_SERVICE },
  /* The two TCM itinerant stations of 2025 (004). */
  { "青浦区", "练塘镇东团村卫生室", CORNER, "2025-06-18", IN_SERVICE },
  { "青浦区", "白鹤镇响新村卫生室", CORNER, "2025-07-08", IN_SERVICE },
  { "青浦区", "朱家角镇第一村卫生室（示例）", CORNER, "2025-09-01", BUILDING },
  { "青浦区", "重固镇第一村卫生室（示例）", CORNER, "2024-04-01", IN_SERVICE },
  { "青浦区", "盈浦第一社区卫生服务站（示例）", CORNER, "2022-06-01", IN_SERVICE },
  { "青浦区", "盈浦第一社区卫生服务站（示例）", CORNER, "2024-10-01", UP_TO_STANDARD },
  { "青浦区", "夏阳第一社区卫生服务站（示例）", CORNER, "2023-06-01", IN_SERVICE },

  /* Changning: halls in every centre, 8 of the 10 up to standard by 2025
   * (target 10); 5 corners up to standard (target 6). */
  { "长宁区", "新华社区卫生服务中心", HALL, "2020-03-01", IN_SERVICE },
  { "长宁区", "新华社区卫生服务中心", HALL, "2023-06-01", UP_TO_STANDARD },
  { "长宁区", "江苏社区卫生服务中心", HALL, "2020-05-01", IN_SERVICE },
  { "长宁区", "江苏社区卫生服务中心", HALL, "2023-09-01", UP_TO_STANDARD },
  { "长宁区", "华阳社区卫生服务中心", HALL, "2021-03-01", IN_SERVICE },
  { "长宁区", "华阳社区卫生服务中心", HALL, "2024-04-01", UP_TO_STANDARD },
  { "长宁区", "周家桥社区卫生服务中心", HALL, "2021-06-01", IN_SERVICE },
  { "长宁区", "周家桥社区卫生服务中心", HALL, "2024-06-01", UP_TO_STANDARD },
  { "长宁区", "天山社区卫生服务中心", HALL, "2020-10-01", IN_SERVICE },
  { "长宁区", "天山社区卫生服务中心", HALL, "2024-11-01", UP_TO_STANDARD },
  { "长宁区", "仙霞社区卫生服务中心", HALL, "2021-04-01", IN_SERVICE },
  { "长宁区", "仙霞社区卫生服务中心", HALL, "2025-03-01", UP_TO_STANDARD },
  { "长宁区", "虹桥社区卫生服务中心", HALL, "2022-01-01", IN_SERVICE },
  { "长宁区", "虹桥社区卫生服务中心", HALL, "2025-05-01", UP_TO_STANDARD },
  { "长宁区", "程家桥社区卫生服务中心", HALL, "2022-08-01", IN_SERVICE },
  { "长宁区", "北新泾社区卫生服务中心", HALL, "2021-11-01", IN_SERVICE },
  { "长宁区", "北新泾社区卫生服务中心", HALL, "2025-08-01", UP_TO_STANDARD },
  { "长宁区", "新泾社区卫生服务中心", HALL, "2022-10-01", IN_SERVICE },
  { "长宁区", "华阳华一社区卫生服务站", CORNER, "2022-03-01", IN_SERVICE },
  { "长宁区", "华阳华一社区卫生服务站", CORNER, "2024-05-01", UP_TO_STANDARD },
  { "长宁区", "新华牛桥社区卫生服务站", CORNER, "2022-09-01", IN_SERVICE },
  { "长宁区", "新华牛桥社区卫生服务站", CORNER, "2024-09-01", UP_TO_STANDARD },
  { "长宁区", "虹桥虹东社区卫生服务站", CORNER, "2023-03-01", IN_SERVICE },
  { "长宁区", "虹桥虹东社区卫生服务站", CORNER, "2025-04-01", UP_TO_STANDARD },
  { "长宁区", "江苏长新社区卫生服务站", CORNER, "2023-05-01", IN_SERVICE },
  { "长宁区", "江苏长新社区卫生服务站", CORNER, "2025-06-01", UP_TO_STANDARD },
  { "长宁区", "仙霞天五社区卫生服务站", CORNER, "2024-01-01", IN_SERVICE },
  { "长宁区", "仙霞天五社区卫生服务站", CORNER, "2025-10-01", UP_TO_STANDARD },
  { "长宁区", "江苏福世社区卫生服务站", CORNER, "2023-04-01", IN_SERVICE },
  { "长宁区", "北新泾新泾七村社区卫生服务站", CORNER, "2024-03-01", IN_SERVICE },
  { "长宁区", "虹康社区卫生服务站", CORNER, "2023-07-01", IN_SERVICE },
  { "长宁区", "刘四社区卫生服务站", CORNER, "2024-08-01", IN_SERVICE },
  { "长宁区", "新泾新家苑社区卫生服务站", CORNER, "2025-02-01", IN_SERVICE },
  { "长宁区", "周家桥范北社区卫生服务站", CORNER, "2024-02-01", IN_SERVICE },
  { "长宁区", "天山纺大社区卫生服务站", CORNER, "2025-09-01", BUILDING },
};

typedef struct
{
  const char *district;
  const char *facility;
  const char *name;
  const char *opened;
  const char *closed;
} DemoClinic;

static const DemoClinic demo_clinics[] = {
  /* Qingpu: 10 of 19 centres, branches and stations by 2023, 14 by 2024,
   * 17 by 2025 with 徐泾, 徐泾北 and 金泽 (004). 朱家角's closed with its
   * relocation. */
  { "青浦区", "白鹤社区卫生服务中心", "针灸", "2021-03-01", NULL },
  { "青浦区", "华新社区卫生服务中心", "颈腰椎病", "2022-05-10", NULL },
  { "青浦区", "赵巷社区卫生服务中心", "脾胃病", "2022-09-01", NULL },
  { "青浦区", "重固社区卫生服务中心", "针灸", "2023-03-15", NULL },
  { "青浦区", "香花桥社区卫生服务中心", "失眠", "2023-05-20", NULL },
  { "青浦区", "练塘社区卫生服务中心", "颈腰椎病", "2021-11-01", NULL },
  { "青浦区", "练塘社区卫生服务中心", "膏方", "2024-11-01", NULL },
  { "青浦区", "朱家角社区卫生服务中心", "针灸", "2022-04-01", "2024-08-31" },
  { "青浦区", "盈浦社区卫生服务中心", "脾胃病", "2020-10-01", NULL },
  { "青浦区", "盈浦社区卫生服务中心", "针灸", "2023-01-05", NULL },
  { "青浦区", "夏阳社区卫生服务中心", "小儿推拿", "2023-09-01", NULL },
  { "青浦区", "夏阳第一社区卫生服务站（示例）", "小儿推拿", "2023-10-01", NULL },
  { "青浦区", "金泽社区卫生服务中心商榻分中心", "针灸", "2024-04-01", NULL },
  { "青浦区", "白鹤社区卫生服务中心赵屯分中心", "颈腰椎病", "2024-06-01", NULL },
  { "青浦区", "华新社区卫生服务中心凤溪分中心", "针灸", "2024-09-01", NULL },
  { "青浦区", "盈浦第一社区卫生服务站（示例）", "针灸", "2024-03-01", NULL },
  { "青浦区", "徐泾第一社区卫生服务站（示例）", "颈腰椎病", "2024-11-01", NULL },
  { "青浦区", "徐泾社区卫生服务中心", "颈腰椎病", "2025-03-01", NULL },
  { "青浦区", "徐泾北社区卫生服务中心", "脾胃病", "2025-04-15", NULL },
  { "青浦区", "金泽社区卫生服务中心", "针灸", "2025-05-20", NULL },

  /* Changning: 9 of 10 centres by 2025 (target: all; 10 clinics). */
  { "长宁区", "新华社区卫生服务中心", "针灸", "2022-03-01", NULL },
  { "长宁区", "江苏社区卫生服务中心", "小儿推拿", "2021-06-01", NULL },
  { "长宁区", "华阳社区卫生服务中心", "颈腰椎病", "2022-09-01", NULL },
  { "长宁区", "周家桥社区卫生服务中心", "脾胃病", "2023-04-01", NULL },
  { "长宁区", "天山社区卫生服务中心", "骨伤", "2023-10-01", NULL },
  { "长宁区", "仙霞社区卫生服务中心", "针灸", "2024-03-01", NULL },
  { "长宁区", "虹桥社区卫生服务中心", "失眠", "2024-06-01", NULL },
  { "长宁区", "北新泾社区卫生服务中心", "颈腰椎病", "2025-04-01", NULL },
  { "长宁区", "新泾社区卫生服务中心", "脾胃病", "2025-09-01", NULL },
};

typedef struct
{
  const char       *district;
  const char       *facility;
  ChcTcmDemoStatus  status;
  int               year;
} DemoDemonstration;

static const DemoDemonstration demo_demonstrations[] = {
  /* Qingpu: 5 awarded by 2025, 2 applying (target 7–10); 香花桥, 朱家角,
   * 金泽, 赵巷, 徐泾 and 华新 have none. */
  { "青浦区", "盈浦第一社区卫生服务站（示例）", CHC_TCM_DEMO_AWARDED, 2023 },
  { "青浦区", "夏阳第一社区卫生服务站（示例）", CHC_TCM_DEMO_AWARDED, 2024 },
  { "青浦区", "重固镇第一村卫生室（示例）", CHC_TCM_DEMO_AWARDED, 2024 },
  { "青浦区", "练塘镇东团村卫生室", CHC_TCM_DEMO_AWARDED, 2025 },
  { "青浦区", "白鹤镇响新村卫生室", CHC_TCM_DEMO_AWARDED, 2025 },
  { "青浦区", "朱家角镇第一村卫生室（示例）", CHC_TCM_DEMO_APPLYING, 2025 },
  { "青浦区", "赵巷镇第一村卫生室（示例）", CHC_TCM_DEMO_APPLYING, 0 },
  /* Changning: 2–3 a year, 8 by 2025; 天山, 程家桥 (no station) and 新泾
   * still lack one. */
  { "长宁区", "新华牛桥社区卫生服务站", CHC_TCM_DEMO_AWARDED, 2023 },
  { "长宁区", "江苏福世社区卫生服务站", CHC_TCM_DEMO_AWARDED, 2023 },
  { "长宁区", "华阳华一社区卫生服务站", CHC_TCM_DEMO_AWARDED, 2024 },
  { "长宁区", "周家桥范北社区卫生服务站", CHC_TCM_DEMO_AWARDED, 2024 },
  { "长宁区", "虹康社区卫生服务站", CHC_TCM_DEMO_AWARDED, 2024 },
  { "长宁区", "仙霞天五社区卫生服务站", CHC_TCM_DEMO_AWARDED, 2025 },
  { "长宁区", "虹桥虹东社区卫生服务站", CHC_TCM_DEMO_AWARDED, 2025 },
  { "长宁区", "刘四社区卫生服务站", CHC_TCM_DEMO_AWARDED, 2025 },
  { "长宁区", "新泾新家苑社区卫生服务站", CHC_TCM_DEMO_APPLYING, 2025 },
};

#undef HALL
#undef CORNER
#undef BUILDING
#undef IN_SERVICE
#undef UP_TO_STANDARD

static gint64
lookup_facility (ChcDatabase  *database,
                 GHashTable   *districts,
                 const char   *district_name,
                 const char   *facility_name,
                 GError      **error)
{
  g_autoptr(ChcFacility) facility = NULL;
  ChcDistrict *district = g_hash_table_lookup (districts, district_name);

  if (district == NULL)
    {
      district = chc_database_find_district (database, district_name, error);
      if (district == NULL)
        return 0;
      g_hash_table_insert (districts, (gpointer) district_name, district);
    }
  facility = chc_database_find_facility (database, facility_name,
                                         chc_district_get_id (district), error);
  return facility != NULL ? chc_facility_get_id (facility) : 0;
}

/* Monthly visits of the centres, 2023-01 to this month: a size per centre,
 * a season (the Spring Festival dip, the winter peak) and a TCM share that
 * grows slowly, all invented. */
static gboolean
add_visits (ChcDatabase  *database,
            const char   *today,
            GError      **error)
{
  static const int season[12] = { 92, 85, 104, 101, 100, 98, 96, 97, 101, 100, 106, 112 };
  g_autoptr(GPtrArray) facilities = chc_database_list_facilities (database, 0, error);
  int this_year = atoi (today);
  int this_month = atoi (today + 5);
  guint n = 0;

  if (facilities == NULL)
    return FALSE;

  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (facilities, i);
      gint64 id = chc_facility_get_id (f);
      gint64 size;
      int share_base;
      int step = 0;

      if (chc_facility_get_facility_type (f) != CHC_FACILITY_CENTRE ||
          chc_facility_get_status (f) != CHC_FACILITY_OPERATING)
        continue;

      size = 6000 + 731 * (n % 7) + 113 * (n % 11);
      share_base = 150 + 13 * (n % 6);       /* ‰ in 2023-01 */
      n++;

      for (int year = 2023; year <= this_year; year++)
        for (int month = 1; month <= 12 && (year < this_year || month <= this_month); month++, step++)
          {
            g_autofree char *period = g_strdup_printf ("%04d-%02d", year, month);
            gint64 all = size * season[month - 1] / 100 + (step * 17) % 97;
            gint64 tcm = all * MIN (share_base + step * 2, 400) / 1000;

            if (!chc_database_set_tcm_visits (database, id, period, tcm, all, error))
              return FALSE;
          }

      for (int year = 2023; year <= this_year; year++)
        if (!chc_database_set_tcm_training (database, id, year, 2 + (n + year) % 5, error))
          return FALSE;
    }
  return TRUE;
}

/* Songjiang (illustrative): halls in every centre but the last, up to
 * standard in every third; a specialty clinic in all but two. */
static gboolean
add_songjiang (ChcDatabase  *database,
               GError      **error)
{
  static const char *const clinic_names[] = { "针灸", "颈腰椎病", "脾胃病", "小儿推拿" };
  g_autoptr(ChcDistrict) district = chc_database_find_district (database, "松江区", error);
  g_autoptr(GPtrArray) facilities = NULL;

  if (district == NULL)
    return FALSE;
  facilities = chc_database_list_facilities (database, chc_district_get_id (district), error);
  if (facilities == NULL)
    return FALSE;

  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (facilities, i);
      gint64 id = chc_facility_get_id (f);
      g_autofree char *in_service = g_strdup_printf ("%04u-%02u-01", 2020 + i % 4, 1 + i % 12);
      g_autofree char *upgraded = g_strdup_printf ("%04u-%02u-15", 2023 + i % 3, 1 + (i * 5) % 12);
      g_autofree char *opened = g_strdup_printf ("%04u-%02u-01", 2022 + i % 4, 1 + (i * 7) % 12);

      if (i + 1 == facilities->len)
        {
          if (!chc_database_add_tcm_site_event (database, id, CHC_TCM_SITE_HALL, "2025-06-01",
                                                CHC_TCM_STATE_BUILDING, error))
            return FALSE;
          continue;
        }
      if (!chc_database_add_tcm_site_event (database, id, CHC_TCM_SITE_HALL, in_service,
                                            CHC_TCM_STATE_IN_SERVICE, error))
        return FALSE;
      if (i % 3 == 0 &&
          !chc_database_add_tcm_site_event (database, id, CHC_TCM_SITE_HALL, upgraded,
                                            CHC_TCM_STATE_UP_TO_STANDARD, error))
        return FALSE;
      if (i != 5 && i != 13)
        {
          g_autoptr(ChcSpecialtyClinic) clinic =
            chc_specialty_clinic_new (0, id, clinic_names[i % G_N_ELEMENTS (clinic_names)], opened, NULL);

          if (!chc_database_add_specialty_clinic (database, clinic, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
populate (ChcDatabase  *database,
          GError      **error)
{
  g_autoptr(GHashTable) districts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autofree char *today = chc_tcm_today ();

  for (guint i = 0; i < G_N_ELEMENTS (demo_site_events); i++)
    {
      const DemoSiteEvent *e = &demo_site_events[i];
      gint64 id = lookup_facility (database, districts, e->district, e->facility, error);

      if (id == 0 ||
          !chc_database_add_tcm_site_event (database, id, e->kind, e->date, e->state, error))
        {
          g_prefix_error (error, "%s: ", e->facility);
          return FALSE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_clinics); i++)
    {
      const DemoClinic *c = &demo_clinics[i];
      gint64 id = lookup_facility (database, districts, c->district, c->facility, error);
      g_autoptr(ChcSpecialtyClinic) clinic = NULL;

      if (id == 0)
        return FALSE;
      clinic = chc_specialty_clinic_new (0, id, c->name, c->opened, c->closed);
      if (!chc_database_add_specialty_clinic (database, clinic, error))
        {
          g_prefix_error (error, "%s: ", c->facility);
          return FALSE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_demonstrations); i++)
    {
      const DemoDemonstration *d = &demo_demonstrations[i];
      gint64 id = lookup_facility (database, districts, d->district, d->facility, error);

      if (id == 0 ||
          !chc_database_set_tcm_demo (database, id, d->status, d->year, error))
        {
          g_prefix_error (error, "%s: ", d->facility);
          return FALSE;
        }
    }

  return add_songjiang (database, error) &&
         add_visits (database, today, error);
}

gboolean
chc_demo_tcm_populate (ChcDatabase  *database,
                       GError      **error)
{
  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);

  if (!chc_database_begin (database, error))
    return FALSE;
  if (!populate (database, error))
    {
      chc_database_rollback (database);
      return FALSE;
    }
  return chc_database_commit (database, error);
}
