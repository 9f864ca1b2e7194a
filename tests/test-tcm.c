/* test-tcm.c — the TCM rollout: rules, state at a date, shares, coverage,
 * the town matrix, the indicator conditions, the store and chc-cli tcm.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sqlite3.h>

#include "chc-test-util.h"
#include "core/chc-tcm.h"
#include "core/chc-validate.h"
#include "store/chc-database-tcm.h"
#include "store/chc-tcm-rollout.h"

/* ---- fixtures ----------------------------------------------------------- */

static ChcFacility *
make_facility (ChcFacilityType   type,
               ChcFacilityStatus status)
{
  ChcFacility *facility = chc_facility_new ();

  chc_facility_set_id (facility, 1);
  chc_facility_set_code (facility, "X1");
  chc_facility_set_name (facility, "测试机构");
  chc_facility_set_facility_type (facility, type);
  chc_facility_set_district_id (facility, 1);
  chc_facility_set_status (facility, status);
  return facility;
}

static gint64
find_town (ChcDatabase *database,
           gint64       district_id,
           const char  *name)
{
  g_autoptr(GPtrArray) towns = chc_database_list_towns (database, district_id, NULL);

  g_assert_nonnull (towns);
  for (guint i = 0; i < towns->len; i++)
    if (g_str_equal (chc_town_get_name (g_ptr_array_index (towns, i)), name))
      return chc_town_get_id (g_ptr_array_index (towns, i));
  g_assert_not_reached ();
}

static gint64
add_facility (ChcDatabase       *database,
              gint64             district_id,
              const char        *town,
              const char        *code,
              const char        *name,
              ChcFacilityType    type,
              gint64             parent_id,
              ChcFacilityStatus  status)
{
  g_autoptr(ChcFacility) facility = chc_facility_new ();
  g_autoptr(GError) error = NULL;

  chc_facility_set_code (facility, code);
  chc_facility_set_name (facility, name);
  chc_facility_set_facility_type (facility, type);
  chc_facility_set_district_id (facility, district_id);
  chc_facility_set_town_id (facility, find_town (database, district_id, town));
  chc_facility_set_parent_id (facility, parent_id);
  chc_facility_set_status (facility, status);
  chc_database_add_facility (database, facility, &error);
  g_assert_no_error (error);
  return chc_facility_get_id (facility);
}

/* The hand-made district: Qingpu's 11 towns, and
 *  夏阳街道:  C1 centre, hall up to standard 2023-05-01;
 *            S1 station, corner in service 2024-03-01, awarded 2024;
 *            V1 village clinic, corner under construction 2024-06-01;
 *            P1 planned centre (never counted).
 *  盈浦街道:  C2 centre, hall in service 2022-04-01, up to standard
 *            2025-06-01; 针灸 opened 2023-01-10, closed 2025-06-30.
 *            No station at all.
 *  香花桥街道: C3 centre, no hall; 脾胃病 opened 2024-09-01.
 * Visits 2024: C1 10/100 in two months (4/40 + 6/60), C2 90/100. */
typedef struct
{
  ChcDatabase *database;
  gint64       district_id;
  gint64       c1, c2, c3, s1, v1, p1;
  gint64       acupuncture;   /* 针灸 at C2 */
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(ChcSpecialtyClinic) a = NULL;
  g_autoptr(ChcSpecialtyClinic) b = NULL;
  g_autoptr(GError) error = NULL;
  ChcDatabase *db;

  fx->database = db = chc_test_new_database (TRUE);
  district = chc_database_find_district (db, "青浦", &error);
  g_assert_no_error (error);
  fx->district_id = chc_district_get_id (district);

  fx->c1 = add_facility (db, fx->district_id, "夏阳街道", "T-C1", "中心一", CHC_FACILITY_CENTRE, 0, CHC_FACILITY_OPERATING);
  fx->c2 = add_facility (db, fx->district_id, "盈浦街道", "T-C2", "中心二", CHC_FACILITY_CENTRE, 0, CHC_FACILITY_OPERATING);
  fx->c3 = add_facility (db, fx->district_id, "香花桥街道", "T-C3", "中心三", CHC_FACILITY_CENTRE, 0, CHC_FACILITY_OPERATING);
  fx->s1 = add_facility (db, fx->district_id, "夏阳街道", "T-S1", "站一", CHC_FACILITY_STATION, fx->c1, CHC_FACILITY_OPERATING);
  fx->v1 = add_facility (db, fx->district_id, "夏阳街道", "T-V1", "村一", CHC_FACILITY_VILLAGE_CLINIC, fx->c1, CHC_FACILITY_OPERATING);
  fx->p1 = add_facility (db, fx->district_id, "夏阳街道", "T-P1", "规划中心", CHC_FACILITY_CENTRE, 0, CHC_FACILITY_PLANNED);

  chc_database_add_tcm_site_event (db, fx->c1, CHC_TCM_SITE_HALL, "2023-05-01", CHC_TCM_STATE_UP_TO_STANDARD, &error);
  g_assert_no_error (error);
  chc_database_add_tcm_site_event (db, fx->c2, CHC_TCM_SITE_HALL, "2022-04-01", CHC_TCM_STATE_IN_SERVICE, &error);
  g_assert_no_error (error);
  chc_database_add_tcm_site_event (db, fx->c2, CHC_TCM_SITE_HALL, "2025-06-01", CHC_TCM_STATE_UP_TO_STANDARD, &error);
  g_assert_no_error (error);
  chc_database_add_tcm_site_event (db, fx->s1, CHC_TCM_SITE_CORNER, "2024-03-01", CHC_TCM_STATE_IN_SERVICE, &error);
  g_assert_no_error (error);
  chc_database_add_tcm_site_event (db, fx->v1, CHC_TCM_SITE_CORNER, "2024-06-01", CHC_TCM_STATE_BUILDING, &error);
  g_assert_no_error (error);
  chc_database_add_tcm_site_event (db, fx->p1, CHC_TCM_SITE_HALL, "2024-06-01", CHC_TCM_STATE_BUILDING, &error);
  g_assert_no_error (error);

  a = chc_specialty_clinic_new (0, fx->c2, "针灸", "2023-01-10", NULL);
  chc_database_add_specialty_clinic (db, a, &error);
  g_assert_no_error (error);
  fx->acupuncture = chc_specialty_clinic_get_id (a);
  chc_database_close_specialty_clinic (db, fx->acupuncture, "2025-06-30", &error);
  g_assert_no_error (error);
  b = chc_specialty_clinic_new (0, fx->c3, "脾胃病", "2024-09-01", NULL);
  chc_database_add_specialty_clinic (db, b, &error);
  g_assert_no_error (error);

  chc_database_set_tcm_demo (db, fx->s1, CHC_TCM_DEMO_AWARDED, 2024, &error);
  g_assert_no_error (error);

  chc_database_set_tcm_visits (db, fx->c1, "2024-01", 4, 40, &error);
  g_assert_no_error (error);
  chc_database_set_tcm_visits (db, fx->c1, "2024-02", 6, 60, &error);
  g_assert_no_error (error);
  chc_database_set_tcm_visits (db, fx->c2, "2024-01", 90, 100, &error);
  g_assert_no_error (error);
  chc_database_set_tcm_visits (db, fx->c2, "2023-12", 1, 1000, &error);   /* another year */
  g_assert_no_error (error);
  chc_database_set_tcm_training (db, fx->c1, 2024, 7, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->database);
}

static ChcTcmStatus *
find_status (GPtrArray *statuses,
             gint64     facility_id)
{
  for (guint i = 0; i < statuses->len; i++)
    {
      ChcTcmStatus *status = g_ptr_array_index (statuses, i);
      if (chc_facility_get_id (chc_tcm_status_get_facility (status)) == facility_id)
        return status;
    }
  g_assert_not_reached ();
}

static const ChcTcmTownRow *
find_row (GPtrArray  *rows,
          const char *town)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const ChcTcmTownRow *row = g_ptr_array_index (rows, i);
      if (g_str_equal (row->town_name, town))
        return row;
    }
  g_assert_not_reached ();
}

/* ---- rules -------------------------------------------------------------- */

static void
test_rule_site_kind (void)
{
  g_autoptr(ChcFacility) station = make_facility (CHC_FACILITY_STATION, CHC_FACILITY_OPERATING);
  g_autoptr(ChcFacility) branch = make_facility (CHC_FACILITY_BRANCH, CHC_FACILITY_OPERATING);
  g_autoptr(ChcTcmSiteEvent) hall = chc_tcm_site_event_new (1, CHC_TCM_SITE_HALL, "2024-01-01", CHC_TCM_STATE_IN_SERVICE);
  g_autoptr(ChcTcmSiteEvent) corner = chc_tcm_site_event_new (1, CHC_TCM_SITE_CORNER, "2024-01-01", CHC_TCM_STATE_IN_SERVICE);
  g_autoptr(GPtrArray) v = chc_violations_new ();

  chc_tcm_validate_site_event (station, hall, "2026-11-24", v);
  g_assert_cmpuint (v->len, ==, 1);
  g_assert_nonnull (chc_violations_find (v, "kind"));
  g_assert_nonnull (strstr (chc_violations_find (v, "kind")->message, "TCM hall"));
  g_ptr_array_set_size (v, 0);

  chc_tcm_validate_site_event (branch, corner, "2026-11-24", v);
  g_assert_cmpuint (v->len, ==, 1);
  g_assert_nonnull (chc_violations_find (v, "kind"));
  g_ptr_array_set_size (v, 0);

  chc_tcm_validate_site_event (branch, hall, "2026-11-24", v);
  chc_tcm_validate_site_event (station, corner, "2026-11-24", v);
  g_assert_cmpuint (v->len, ==, 0);

  g_assert_cmpint (chc_tcm_site_kind_for_facility_type (CHC_FACILITY_CENTRE), ==, CHC_TCM_SITE_HALL);
  g_assert_cmpint (chc_tcm_site_kind_for_facility_type (CHC_FACILITY_VILLAGE_CLINIC), ==, CHC_TCM_SITE_CORNER);
}

static void
test_rule_site_date (void)
{
  g_autoptr(ChcFacility) centre = make_facility (CHC_FACILITY_CENTRE, CHC_FACILITY_OPERATING);
  g_autoptr(ChcFacility) planned = make_facility (CHC_FACILITY_CENTRE, CHC_FACILITY_PLANNED);
  const char *bad[] = { "2026-11-25", "1999-12-31", "2024-02-30", "2024-1-01", "", "tomorrow" };
  g_autoptr(GPtrArray) v = chc_violations_new ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(ChcTcmSiteEvent) e = chc_tcm_site_event_new (1, CHC_TCM_SITE_HALL, bad[i], CHC_TCM_STATE_BUILDING);

      g_ptr_array_set_size (v, 0);
      chc_tcm_validate_site_event (centre, e, "2026-11-24", v);
      g_assert_cmpuint (v->len, ==, 1);
      g_assert_nonnull (chc_violations_find (v, "date"));
    }

  {
    g_autoptr(ChcTcmSiteEvent) today = chc_tcm_site_event_new (1, CHC_TCM_SITE_HALL, "2026-11-24", CHC_TCM_STATE_IN_SERVICE);
    g_autoptr(ChcTcmSiteEvent) first = chc_tcm_site_event_new (1, CHC_TCM_SITE_HALL, "2000-01-01", CHC_TCM_STATE_BUILDING);

    g_ptr_array_set_size (v, 0);
    chc_tcm_validate_site_event (centre, today, "2026-11-24", v);
    chc_tcm_validate_site_event (centre, first, "2026-11-24", v);
    g_assert_cmpuint (v->len, ==, 0);

    /* A planned facility's hall can be built, not in service. */
    chc_tcm_validate_site_event (planned, first, "2026-11-24", v);
    g_assert_cmpuint (v->len, ==, 0);
    chc_tcm_validate_site_event (planned, today, "2026-11-24", v);
    g_assert_cmpuint (v->len, ==, 1);
    g_assert_nonnull (chc_violations_find (v, "state"));
  }
}

static void
test_rule_visits (void)
{
  g_autoptr(ChcFacility) centre = make_facility (CHC_FACILITY_CENTRE, CHC_FACILITY_OPERATING);
  g_autoptr(ChcFacility) planned = make_facility (CHC_FACILITY_CENTRE, CHC_FACILITY_PLANNED);
  g_autoptr(GPtrArray) v = chc_violations_new ();

  chc_tcm_validate_visits (centre, "2026-11", 100, 100, "2026-11-24", v);
  chc_tcm_validate_visits (centre, "2023-01", 0, 0, "2026-11-24", v);
  g_assert_cmpuint (v->len, ==, 0);

  chc_tcm_validate_visits (centre, "2025-03", 101, 100, "2026-11-24", v);
  g_assert_cmpuint (v->len, ==, 1);
  g_assert_nonnull (chc_violations_find (v, "tcm_visits"));
  g_assert_nonnull (strstr (chc_violations_find (v, "tcm_visits")->message, "101"));

  g_ptr_array_set_size (v, 0);
  chc_tcm_validate_visits (centre, "2025-03", -1, 10, "2026-11-24", v);
  chc_tcm_validate_visits (centre, "2025-03", 0, -10, "2026-11-24", v);
  g_assert_cmpuint (v->len, ==, 2);
  g_assert_nonnull (chc_violations_find (v, "tcm_visits"));
  g_assert_nonnull (chc_violations_find (v, "all_visits"));

  for (guint i = 0; i < 4; i++)
    {
      const char *bad[] = { "2026-12", "2025-13", "2025/03", "1999-12" };

      g_ptr_array_set_size (v, 0);
      chc_tcm_validate_visits (centre, bad[i], 1, 2, "2026-11-24", v);
      g_assert_cmpuint (v->len, ==, 1);
      g_assert_nonnull (chc_violations_find (v, "period"));
    }

  g_ptr_array_set_size (v, 0);
  chc_tcm_validate_visits (planned, "2025-03", 0, 5, "2026-11-24", v);
  g_assert_nonnull (chc_violations_find (v, "facility"));
}

static void
test_rule_clinic (void)
{
  g_autoptr(ChcFacility) centre = make_facility (CHC_FACILITY_CENTRE, CHC_FACILITY_OPERATING);
  g_autoptr(ChcFacility) planned = make_facility (CHC_FACILITY_CENTRE, CHC_FACILITY_PLANNED);
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) v = chc_violations_new ();

  g_ptr_array_add (others, chc_specialty_clinic_new (5, 1, "针灸", "2023-01-01", "2023-06-01"));
  g_ptr_array_add (others, chc_specialty_clinic_new (6, 1, "Tuina", "2023-01-01", NULL));

  {
    g_autoptr(ChcSpecialtyClinic) ok = chc_specialty_clinic_new (0, 1, "脾胃病", "2025-03-01", NULL);
    g_autoptr(ChcSpecialtyClinic) same = chc_specialty_clinic_new (5, 1, "针灸", "2023-01-01", "2024-01-01");

    chc_tcm_validate_specialty_clinic (centre, ok, others, "2026-11-24", v);
    /* The clinic itself (same id) is not a duplicate. */
    chc_tcm_validate_specialty_clinic (centre, same, others, "2026-11-24", v);
    g_assert_cmpuint (v->len, ==, 0);
  }

  {
    const char *names[] = { "", "   ", " 针灸 ", "　针灸", "TUINA " };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(ChcSpecialtyClinic) c = chc_specialty_clinic_new (0, 1, names[i], "2025-03-01", NULL);

        g_ptr_array_set_size (v, 0);
        chc_tcm_validate_specialty_clinic (centre, c, others, "2026-11-24", v);
        g_assert_cmpuint (v->len, ==, 1);
        g_assert_nonnull (chc_violations_find (v, "name"));
      }
  }

  {
    g_autoptr(ChcSpecialtyClinic) backwards = chc_specialty_clinic_new (0, 1, "颈腰椎病", "2025-03-01", "2025-02-28");
    g_autoptr(ChcSpecialtyClinic) same_day = chc_specialty_clinic_new (0, 1, "颈腰椎病", "2025-03-01", "2025-03-01");
    g_autoptr(ChcSpecialtyClinic) future = chc_specialty_clinic_new (0, 1, "颈腰椎病", "2027-01-01", NULL);
    g_autoptr(ChcSpecialtyClinic) bad_close = chc_specialty_clinic_new (0, 1, "颈腰椎病", "2025-01-01", "2025-02-31");

    g_ptr_array_set_size (v, 0);
    chc_tcm_validate_specialty_clinic (centre, backwards, others, "2026-11-24", v);
    g_assert_cmpuint (v->len, ==, 1);
    g_assert_nonnull (chc_violations_find (v, "closed"));
    g_assert_nonnull (strstr (chc_violations_find (v, "closed")->message, "2025-02-28"));

    g_ptr_array_set_size (v, 0);
    chc_tcm_validate_specialty_clinic (centre, same_day, others, "2026-11-24", v);
    g_assert_cmpuint (v->len, ==, 0);

    chc_tcm_validate_specialty_clinic (centre, future, others, "2026-11-24", v);
    g_assert_cmpuint (v->len, ==, 1);
    g_assert_nonnull (chc_violations_find (v, "opened"));

    g_ptr_array_set_size (v, 0);
    chc_tcm_validate_specialty_clinic (centre, bad_close, others, "2026-11-24", v);
    g_assert_cmpuint (v->len, ==, 1);
    g_assert_nonnull (chc_violations_find (v, "closed"));

    g_ptr_array_set_size (v, 0);
    chc_tcm_validate_specialty_clinic (planned, same_day, NULL, "2026-11-24", v);
    g_assert_cmpuint (v->len, ==, 1);
    g_assert_nonnull (chc_violations_find (v, "facility"));
  }
}

static void
test_rule_demo_and_training (void)
{
  g_autoptr(ChcFacility) station = make_facility (CHC_FACILITY_STATION, CHC_FACILITY_OPERATING);
  g_autoptr(ChcFacility) village = make_facility (CHC_FACILITY_VILLAGE_CLINIC, CHC_FACILITY_OPERATING);
  g_autoptr(ChcFacility) centre = make_facility (CHC_FACILITY_CENTRE, CHC_FACILITY_OPERATING);
  g_autoptr(GPtrArray) v = chc_violations_new ();

  chc_tcm_validate_demo (station, CHC_TCM_DEMO_AWARDED, 2024, "2026-11-24", v);
  chc_tcm_validate_demo (village, CHC_TCM_DEMO_APPLYING, 0, "2026-11-24", v);
  chc_tcm_validate_demo (centre, CHC_TCM_DEMO_NONE, 0, "2026-11-24", v);
  g_assert_cmpuint (v->len, ==, 0);

  chc_tcm_validate_demo (station, CHC_TCM_DEMO_AWARDED, 0, "2026-11-24", v);
  g_assert_nonnull (chc_violations_find (v, "year"));
  g_ptr_array_set_size (v, 0);
  chc_tcm_validate_demo (station, CHC_TCM_DEMO_AWARDED, 2027, "2026-11-24", v);
  g_assert_nonnull (chc_violations_find (v, "year"));
  g_ptr_array_set_size (v, 0);
  chc_tcm_validate_demo (station, CHC_TCM_DEMO_NONE, 2024, "2026-11-24", v);
  g_assert_nonnull (chc_violations_find (v, "year"));
  g_ptr_array_set_size (v, 0);
  chc_tcm_validate_demo (centre, CHC_TCM_DEMO_AWARDED, 2024, "2026-11-24", v);
  g_assert_cmpuint (v->len, ==, 1);
  g_assert_nonnull (chc_violations_find (v, "status"));

  g_ptr_array_set_size (v, 0);
  chc_tcm_validate_training (centre, 2025, 12, "2026-11-24", v);
  g_assert_cmpuint (v->len, ==, 0);
  chc_tcm_validate_training (centre, 2027, 12, "2026-11-24", v);
  chc_tcm_validate_training (centre, 2025, -1, "2026-11-24", v);
  g_assert_cmpuint (v->len, ==, 2);
  g_assert_nonnull (chc_violations_find (v, "year"));
  g_assert_nonnull (chc_violations_find (v, "trained"));
}

/* ---- computations ------------------------------------------------------- */

static void
test_state_at (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  ChcTcmSiteEvent *found = NULL;

  /* Deliberately out of order. */
  g_ptr_array_add (events, chc_tcm_site_event_new (1, CHC_TCM_SITE_HALL, "2024-06-01", CHC_TCM_STATE_UP_TO_STANDARD));
  g_ptr_array_add (events, chc_tcm_site_event_new (1, CHC_TCM_SITE_HALL, "2022-01-15", CHC_TCM_STATE_BUILDING));
  g_ptr_array_add (events, chc_tcm_site_event_new (1, CHC_TCM_SITE_HALL, "2023-03-01", CHC_TCM_STATE_IN_SERVICE));

  g_assert_cmpint (chc_tcm_site_state_at (events, "2022-01-14", &found), ==, CHC_TCM_STATE_NONE);
  g_assert_null (found);
  g_assert_cmpint (chc_tcm_site_state_at (events, "2022-01-15", &found), ==, CHC_TCM_STATE_BUILDING);
  g_assert_cmpstr (chc_tcm_site_event_get_date (found), ==, "2022-01-15");
  g_assert_cmpint (chc_tcm_site_state_at (events, "2023-12-31", NULL), ==, CHC_TCM_STATE_IN_SERVICE);
  g_assert_cmpint (chc_tcm_site_state_at (events, "2024-05-31", NULL), ==, CHC_TCM_STATE_IN_SERVICE);
  g_assert_cmpint (chc_tcm_site_state_at (events, "2024-06-01", NULL), ==, CHC_TCM_STATE_UP_TO_STANDARD);
  g_assert_cmpint (chc_tcm_site_state_at (NULL, "2024-06-01", NULL), ==, CHC_TCM_STATE_NONE);
}

static void
test_clinic_open_at (void)
{
  g_autoptr(ChcSpecialtyClinic) open = chc_specialty_clinic_new (1, 1, "针灸", "2025-03-01", NULL);
  g_autoptr(ChcSpecialtyClinic) closed = chc_specialty_clinic_new (2, 1, "脾胃病", "2023-01-01", "2025-06-30");
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_auto(GStrv) names = NULL;

  g_assert_false (chc_tcm_clinic_is_open_at (open, "2025-02-28"));
  g_assert_true (chc_tcm_clinic_is_open_at (open, "2025-03-01"));
  g_assert_true (chc_tcm_clinic_is_open_at (open, "2030-01-01"));
  g_assert_true (chc_tcm_clinic_is_open_at (closed, "2025-06-29"));
  g_assert_false (chc_tcm_clinic_is_open_at (closed, "2025-06-30"));
  g_assert_false (chc_tcm_clinic_is_open_at (closed, "2025-12-31"));

  g_ptr_array_add (all, open);
  g_ptr_array_add (all, closed);
  names = chc_tcm_open_clinic_names (all, "2025-04-01");
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "脾胃病");   /* opened first */
  g_assert_cmpstr (names[1], ==, "针灸");
  g_clear_pointer (&names, g_strfreev);
  names = chc_tcm_open_clinic_names (all, "2025-12-31");
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "针灸");
}

static void
test_district_share (void)
{
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChcFacility) a = make_facility (CHC_FACILITY_CENTRE, CHC_FACILITY_OPERATING);
  g_autoptr(ChcFacility) b = make_facility (CHC_FACILITY_CENTRE, CHC_FACILITY_OPERATING);
  ChcTcmStatus *sa = chc_tcm_status_new (a, 2025);
  ChcTcmStatus *sb = chc_tcm_status_new (b, 2025);
  gint64 tcm = 0, all = 0;

  g_ptr_array_add (statuses, sa);
  g_ptr_array_add (statuses, sb);
  g_assert_cmpfloat (chc_tcm_district_share (statuses, NULL, NULL), ==, -1);
  g_assert_cmpfloat (chc_tcm_status_get_tcm_share (sa), ==, -1);

  /* 1/10 and 90/100: the rates average 50 %, the district is 91/110. */
  chc_tcm_status_set_tcm_visits (sa, 1);
  chc_tcm_status_set_all_visits (sa, 10);
  chc_tcm_status_set_tcm_visits (sb, 90);
  chc_tcm_status_set_all_visits (sb, 100);
  g_assert_cmpfloat_with_epsilon (chc_tcm_status_get_tcm_share (sa), 10.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (chc_tcm_status_get_tcm_share (sb), 90.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (chc_tcm_district_share (statuses, &tcm, &all), 100.0 * 91 / 110, 1e-9);
  g_assert_cmpint (tcm, ==, 91);
  g_assert_cmpint (all, ==, 110);
  g_assert_cmpfloat (chc_tcm_share (5, 0), ==, -1);
}

/* ---- store -------------------------------------------------------------- */

static void
test_store_status (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) y2024 = chc_database_list_tcm_status (fx->database, fx->district_id, 2024, &error);
  g_autoptr(GPtrArray) y2025 = NULL;
  g_autoptr(ChcTcmStatus) one = NULL;
  ChcTcmStatus *s;

  g_assert_no_error (error);
  g_assert_cmpuint (y2024->len, ==, 6);

  s = find_status (y2024, fx->c1);
  g_assert_cmpint (chc_tcm_status_get_site_kind (s), ==, CHC_TCM_SITE_HALL);
  g_assert_cmpint (chc_tcm_status_get_site_state (s), ==, CHC_TCM_STATE_UP_TO_STANDARD);
  g_assert_cmpstr (chc_tcm_status_get_site_date (s), ==, "2023-05-01");
  g_assert_cmpint (chc_tcm_status_get_tcm_visits (s), ==, 10);
  g_assert_cmpint (chc_tcm_status_get_all_visits (s), ==, 100);
  g_assert_cmpint (chc_tcm_status_get_trained (s), ==, 7);
  g_assert_cmpuint (chc_tcm_status_get_n_clinics (s), ==, 0);

  s = find_status (y2024, fx->c2);
  g_assert_cmpint (chc_tcm_status_get_site_state (s), ==, CHC_TCM_STATE_IN_SERVICE);
  g_assert_cmpstr (chc_tcm_status_get_specialty_clinics (s), ==, "针灸");
  g_assert_cmpint (chc_tcm_status_get_tcm_visits (s), ==, 90);   /* 2023-12 not counted */
  g_assert_cmpint (chc_tcm_status_get_all_visits (s), ==, 100);

  s = find_status (y2024, fx->s1);
  g_assert_cmpint (chc_tcm_status_get_site_kind (s), ==, CHC_TCM_SITE_CORNER);
  g_assert_cmpint (chc_tcm_status_get_demo_status (s), ==, CHC_TCM_DEMO_AWARDED);
  g_assert_cmpint (chc_tcm_status_get_demo_year (s), ==, 2024);
  g_assert_cmpfloat (chc_tcm_status_get_tcm_share (s), ==, -1);

  y2025 = chc_database_list_tcm_status (fx->database, fx->district_id, 2025, &error);
  g_assert_no_error (error);
  s = find_status (y2025, fx->c2);
  g_assert_cmpint (chc_tcm_status_get_site_state (s), ==, CHC_TCM_STATE_UP_TO_STANDARD);
  g_assert_cmpstr (chc_tcm_status_get_specialty_clinics (s), ==, "");   /* closed 2025-06-30 */
  g_assert_cmpint (chc_tcm_status_get_all_visits (s), ==, 0);
  g_assert_cmpint (chc_tcm_status_get_trained (find_status (y2025, fx->c1)), ==, 0);

  /* 2021: before any change. */
  one = chc_database_get_tcm_status (fx->database, fx->c2, 2021, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chc_tcm_status_get_site_state (one), ==, CHC_TCM_STATE_NONE);
  g_assert_null (chc_tcm_status_get_site_date (one));

  /* District share of 2024: (10 + 90) / (100 + 100). */
  g_assert_cmpfloat_with_epsilon (chc_tcm_district_share (y2024, NULL, NULL), 50.0, 1e-9);
}

/* Each indicator's number on the hand-made district, through the core
 * (coverage over the statuses) and through the SQL conditions the plans
 * register; the two must agree. */
static void
test_indicators (Fixture       *fx,
                 gconstpointer  data)
{
  const guint centres = CHC_TCM_TYPE_BIT (CHC_FACILITY_CENTRE);
  const guint halls = centres | CHC_TCM_TYPE_BIT (CHC_FACILITY_BRANCH);
  struct {
    int year;
    ChcTcmCondition condition;
    guint types;
    guint num, den;
    gint64 ids[4];
  } expected[] = {
    /* specialty coverage of centres: 2024 C2 and C3; 2025 only C3, since
     * C2's clinic closed before the year end. */
    { 2024, CHC_TCM_CONDITION_SPECIALTY, centres, 2, 3, { fx->c2, fx->c3 } },
    { 2025, CHC_TCM_CONDITION_SPECIALTY, centres, 1, 3, { fx->c3 } },
    { 2023, CHC_TCM_CONDITION_SPECIALTY, centres, 1, 3, { fx->c2 } },
    /* halls up to standard: C1 (2023), C2 from 2025-06-01 */
    { 2024, CHC_TCM_CONDITION_HALL_UP_TO_STANDARD, halls, 1, 3, { fx->c1 } },
    { 2025, CHC_TCM_CONDITION_HALL_UP_TO_STANDARD, halls, 2, 3, { fx->c1, fx->c2 } },
    /* halls in service or up to standard; the planned centre's hall is
     * under construction and the planned centre is not counted */
    { 2024, CHC_TCM_CONDITION_HALL_IN_SERVICE, halls, 2, 3, { fx->c1, fx->c2 } },
    { 2022, CHC_TCM_CONDITION_HALL_IN_SERVICE, halls, 1, 3, { fx->c2 } },
    /* corners: the station from 2024-03-01; the village clinic building */
    { 2024, CHC_TCM_CONDITION_CORNER, CHC_TCM_TYPE_BIT (CHC_FACILITY_STATION), 1, 1, { fx->s1 } },
    { 2023, CHC_TCM_CONDITION_CORNER, CHC_TCM_TYPE_BIT (CHC_FACILITY_STATION), 0, 1, { 0 } },
    { 2025, CHC_TCM_CONDITION_CORNER, CHC_TCM_TYPE_BIT (CHC_FACILITY_VILLAGE_CLINIC), 0, 1, { fx->s1 } },
    /* demonstration stations (count): awarded 2024 */
    { 2023, CHC_TCM_CONDITION_DEMO_AWARDED, CHC_TCM_ALL_TYPES, 0, 5, { 0 } },
    { 2024, CHC_TCM_CONDITION_DEMO_AWARDED, CHC_TCM_ALL_TYPES, 1, 5, { fx->s1 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) statuses = chc_database_list_tcm_status (fx->database, fx->district_id, expected[i].year, &error);
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GArray) core_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      guint num = 99, den = 99;
      guint n_expected = 0;

      g_test_message ("case %u: %s %d", i, chc_tcm_condition_to_name (expected[i].condition), expected[i].year);
      g_assert_no_error (error);
      chc_tcm_coverage (statuses, expected[i].types, expected[i].condition, &num, &den);
      g_assert_cmpuint (num, ==, expected[i].num);
      g_assert_cmpuint (den, ==, expected[i].den);

      /* The SQL condition returns the same facilities as the core. */
      ids = chc_database_list_tcm_condition (fx->database, expected[i].condition,
                                             fx->district_id, expected[i].year, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < statuses->len; j++)
        if (chc_tcm_status_satisfies (g_ptr_array_index (statuses, j), expected[i].condition))
          {
            gint64 id = chc_facility_get_id (chc_tcm_status_get_facility (g_ptr_array_index (statuses, j)));
            g_array_append_val (core_ids, id);
          }
      g_assert_cmpuint (ids->len, ==, core_ids->len);
      for (guint j = 0; j < ids->len; j++)
        {
          gboolean in_core = FALSE;
          for (guint k = 0; k < core_ids->len; k++)
            in_core |= g_array_index (core_ids, gint64, k) == g_array_index (ids, gint64, j);
          g_assert_true (in_core);
        }

      /* The facilities satisfying the condition, whatever the scope. */
      for (guint k = 0; k < G_N_ELEMENTS (expected[i].ids) && expected[i].ids[k] > 0; k++)
        n_expected++;
      g_assert_cmpuint (ids->len, ==, n_expected);
      for (guint k = 0; k < n_expected; k++)
        g_assert_cmpint (g_array_index (ids, gint64, k), ==, expected[i].ids[k]);
    }
}

static void
test_town_matrix (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) m2024 = chc_database_tcm_town_matrix (fx->database, fx->district_id, 2024, &error);
  g_autoptr(GPtrArray) m2025 = NULL;
  const ChcTcmTownRow *row;

  g_assert_no_error (error);
  g_assert_cmpuint (m2024->len, ==, 11);   /* every town of Qingpu, with facilities or not */

  row = find_row (m2024, "夏阳街道");
  g_assert_true (chc_tcm_town_row_has (row, CHC_TCM_MEASURE_HALL));
  g_assert_true (chc_tcm_town_row_has (row, CHC_TCM_MEASURE_CORNER));
  g_assert_false (chc_tcm_town_row_has (row, CHC_TCM_MEASURE_SPECIALTY));
  g_assert_true (chc_tcm_town_row_has (row, CHC_TCM_MEASURE_DEMO));
  g_assert_cmpuint (row->n_facilities, ==, 3);   /* the planned centre is not counted */

  /* 盈浦: a town with no station: no corner, no demonstration station. */
  row = find_row (m2024, "盈浦街道");
  g_assert_false (chc_tcm_town_row_has (row, CHC_TCM_MEASURE_HALL));   /* in service only */
  g_assert_false (chc_tcm_town_row_has (row, CHC_TCM_MEASURE_CORNER));
  g_assert_true (chc_tcm_town_row_has (row, CHC_TCM_MEASURE_SPECIALTY));
  g_assert_false (chc_tcm_town_row_has (row, CHC_TCM_MEASURE_DEMO));

  row = find_row (m2024, "白鹤镇");
  g_assert_cmpuint (row->n_facilities, ==, 0);
  for (guint m = 0; m < CHC_TCM_N_MEASURES; m++)
    g_assert_false (chc_tcm_town_row_has (row, m));

  /* towns with demo: 1 of 11 */
  g_assert_cmpuint (chc_tcm_town_matrix_count (m2024, CHC_TCM_MEASURE_DEMO), ==, 1);
  g_assert_cmpuint (chc_tcm_town_matrix_count (m2024, CHC_TCM_MEASURE_SPECIALTY), ==, 2);

  m2025 = chc_database_tcm_town_matrix (fx->database, fx->district_id, 2025, &error);
  g_assert_no_error (error);
  row = find_row (m2025, "盈浦街道");
  g_assert_true (chc_tcm_town_row_has (row, CHC_TCM_MEASURE_HALL));
  g_assert_false (chc_tcm_town_row_has (row, CHC_TCM_MEASURE_SPECIALTY));   /* closed 2025-06-30 */
  g_assert_cmpuint (chc_tcm_town_matrix_count (m2025, CHC_TCM_MEASURE_HALL), ==, 2);
  g_assert_cmpuint (chc_tcm_town_matrix_count (m2025, CHC_TCM_MEASURE_SPECIALTY), ==, 1);
}

static void
on_changed (ChcDatabase *database,
            const char  *table,
            GPtrArray   *seen)
{
  g_ptr_array_add (seen, g_strdup (table));
}

static void
test_store_writes (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) clinics = NULL;
  g_autoptr(ChcSpecialtyClinic) dup = NULL;
  g_autoptr(ChcSpecialtyClinic) ok = NULL;
  g_autoptr(ChcTcmStatus) status = NULL;
  gint64 tcm = 0, all = 0;

  g_signal_connect (fx->database, "changed", G_CALLBACK (on_changed), seen);

  /* Refused writes change nothing and announce nothing. */
  g_assert_false (chc_database_add_tcm_site_event (fx->database, fx->s1, CHC_TCM_SITE_HALL, "2024-01-01",
                                                   CHC_TCM_STATE_IN_SERVICE, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (chc_database_add_tcm_site_event (fx->database, fx->c1, CHC_TCM_SITE_HALL, "2999-01-01",
                                                   CHC_TCM_STATE_IN_SERVICE, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (chc_database_set_tcm_visits (fx->database, fx->c1, "2024-01", 41, 40, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (chc_database_get_tcm_visits (fx->database, fx->c1, "2024-01", &tcm, &all, &error));
  g_assert_cmpint (tcm, ==, 4);
  g_assert_cmpint (all, ==, 40);

  dup = chc_specialty_clinic_new (0, fx->c2, "  针灸 ", "2025-01-01", NULL);
  g_assert_false (chc_database_add_specialty_clinic (fx->database, dup, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (chc_specialty_clinic_get_id (dup), ==, 0);
  g_assert_false (chc_database_close_specialty_clinic (fx->database, fx->acupuncture, "2022-12-31", &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (chc_database_set_tcm_demo (fx->database, fx->c1, CHC_TCM_DEMO_AWARDED, 2024, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (chc_database_set_tcm_training (fx->database, fx->c1, 2024, -3, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (chc_database_remove_tcm_site_event (fx->database, fx->c1, "2020-01-01", &error));
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (chc_database_add_tcm_site_event (fx->database, 999999, CHC_TCM_SITE_HALL, "2024-01-01",
                                                   CHC_TCM_STATE_IN_SERVICE, &error));
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (seen->len, ==, 0);

  /* A change on an existing date replaces it. */
  g_assert_true (chc_database_add_tcm_site_event (fx->database, fx->c2, CHC_TCM_SITE_HALL, "2025-06-01",
                                                  CHC_TCM_STATE_IN_SERVICE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "tcm");
  events = chc_database_list_tcm_site_events (fx->database, fx->c2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (chc_tcm_site_event_get_date (g_ptr_array_index (events, 0)), ==, "2022-04-01");
  g_assert_cmpint (chc_tcm_site_event_get_state (g_ptr_array_index (events, 1)), ==, CHC_TCM_STATE_IN_SERVICE);

  g_assert_true (chc_database_remove_tcm_site_event (fx->database, fx->c2, "2025-06-01", &error));
  g_assert_no_error (error);

  /* Reopen the closed clinic, add one (name stored trimmed), remove. */
  g_assert_true (chc_database_close_specialty_clinic (fx->database, fx->acupuncture, NULL, &error));
  g_assert_no_error (error);
  ok = chc_specialty_clinic_new (0, fx->c2, " 颈腰椎病 ", "2025-02-01", NULL);
  g_assert_true (chc_database_add_specialty_clinic (fx->database, ok, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chc_specialty_clinic_get_id (ok), >, 0);
  g_assert_cmpstr (chc_specialty_clinic_get_name (ok), ==, "颈腰椎病");

  status = chc_database_get_tcm_status (fx->database, fx->c2, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chc_tcm_status_get_specialty_clinics (status), ==, "针灸;颈腰椎病");
  g_assert_cmpint (chc_tcm_status_get_site_state (status), ==, CHC_TCM_STATE_IN_SERVICE);
  g_clear_object (&status);

  g_assert_true (chc_database_remove_specialty_clinic (fx->database, chc_specialty_clinic_get_id (ok), &error));
  g_assert_no_error (error);
  clinics = chc_database_list_specialty_clinics (fx->database, fx->c2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clinics->len, ==, 1);
  g_assert_null (chc_specialty_clinic_get_closed (g_ptr_array_index (clinics, 0)));

  g_assert_true (chc_database_set_tcm_demo (fx->database, fx->v1, CHC_TCM_DEMO_APPLYING, 0, &error));
  g_assert_no_error (error);
  g_assert_true (chc_database_set_tcm_demo (fx->database, fx->s1, CHC_TCM_DEMO_NONE, 0, &error));
  g_assert_no_error (error);
  status = chc_database_get_tcm_status (fx->database, fx->v1, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chc_tcm_status_get_demo_status (status), ==, CHC_TCM_DEMO_APPLYING);
  g_assert_cmpint (chc_tcm_status_get_demo_year (status), ==, 0);

  /* Several writes in one outer transaction: one announcement. */
  g_ptr_array_set_size (seen, 0);
  g_assert_true (chc_database_begin (fx->database, &error));
  g_assert_true (chc_database_set_tcm_visits (fx->database, fx->c3, "2025-01", 5, 50, &error));
  g_assert_true (chc_database_set_tcm_visits (fx->database, fx->c3, "2025-02", 5, 50, &error));
  g_assert_true (chc_database_set_tcm_training (fx->database, fx->c3, 2025, 3, &error));
  g_assert_cmpuint (seen->len, ==, 0);
  g_assert_true (chc_database_commit (fx->database, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 1);

  /* A refused write inside an outer transaction leaves the others. */
  g_assert_true (chc_database_begin (fx->database, &error));
  g_assert_true (chc_database_set_tcm_visits (fx->database, fx->c3, "2025-03", 1, 10, &error));
  g_assert_false (chc_database_set_tcm_visits (fx->database, fx->c3, "2025-04", 11, 10, &error));
  g_clear_error (&error);
  g_assert_true (chc_database_commit (fx->database, &error));
  g_assert_true (chc_database_get_tcm_visits (fx->database, fx->c3, "2025-03", &tcm, &all, &error));
  g_assert_false (chc_database_get_tcm_visits (fx->database, fx->c3, "2025-04", &tcm, &all, &error));
  g_assert_no_error (error);

  g_signal_handlers_disconnect_by_func (fx->database, on_changed, seen);
}

/* ---- chc-cli tcm -------------------------------------------------------- */

static char **
cli_lines (const char *db,
           const char *year,
           int        *status)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "--db", db, "tcm", "--district", "青浦", year ? "--year" : NULL, year, NULL };

  *status = chc_test_run_cli (argv, &out, &err);
  return g_strsplit (out, "\n", -1);
}

static const char *
find_line (char       **lines,
           const char  *code)
{
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], code) && lines[i][strlen (code)] == '\t')
      return lines[i];
  g_assert_not_reached ();
}

static void
test_cli (Fixture       *fx,
          gconstpointer  data)
{
  g_autofree char *db = g_strdup (chc_database_get_path (fx->database));
  g_autoptr(ChcSpecialtyClinic) tuina = chc_specialty_clinic_new (0, fx->c3, "推拿", "2024-10-01", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;
  guint n_rows = 0;

  chc_database_add_specialty_clinic (fx->database, tuina, &error);
  g_assert_no_error (error);
  g_clear_object (&fx->database);

  lines = cli_lines (db, "2024", &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (lines[0], ==,
                   "facility_code\tfacility_name\ttype\ttown\ttcm_site_state\tspecialty_clinics"
                   "\tdemo_status\tdemo_year\ttcm_visits\tall_visits\ttcm_share");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 11);
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, 6);

  g_assert_cmpstr (find_line (lines, "T-C1"), ==, "T-C1\t中心一\tcentre\t夏阳街道\tup_to_standard\t\tnone\t\t10\t100\t10.0");
  g_assert_cmpstr (find_line (lines, "T-C2"), ==, "T-C2\t中心二\tcentre\t盈浦街道\tin_service\t针灸\tnone\t\t90\t100\t90.0");
  g_assert_cmpstr (find_line (lines, "T-C3"), ==, "T-C3\t中心三\tcentre\t香花桥街道\tnone\t脾胃病;推拿\tnone\t\t0\t0\t");
  g_assert_cmpstr (find_line (lines, "T-S1"), ==, "T-S1\t站一\tstation\t夏阳街道\tin_service\t\tawarded\t2024\t0\t0\t");
  g_assert_cmpstr (find_line (lines, "T-V1"), ==, "T-V1\t村一\tvillage_clinic\t夏阳街道\tbuilding\t\tnone\t\t0\t0\t");
  g_clear_pointer (&lines, g_strfreev);

  /* One decimal, rounded: 2/3 → 66.7. */
  {
    g_autoptr(ChcDatabase) database = chc_database_open (db, &error);

    g_assert_no_error (error);
    chc_database_set_tcm_visits (database, fx->c3, "2023-05", 2, 3, &error);
    g_assert_no_error (error);
  }
  lines = cli_lines (db, "2023", &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (find_line (lines, "T-C3"), ==, "T-C3\t中心三\tcentre\t香花桥街道\tnone\t\tnone\t\t2\t3\t66.7");
  g_assert_cmpstr (find_line (lines, "T-S1"), ==, "T-S1\t站一\tstation\t夏阳街道\tnone\t\tawarded\t2024\t0\t0\t");
  g_clear_pointer (&lines, g_strfreev);

  /* Without --year: this year, which is after every change above. */
  lines = cli_lines (db, NULL, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (find_line (lines, "T-C2"), "T-C2\t中心二\tcentre\t盈浦街道\tup_to_standard\t\tnone\t\t"));

  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "tcm", NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--district"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "tcm", "--district", "苏州", NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "tcm", "--district", "Qingpu", "--year", "abc", NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "tcm", "--district", "Qingpu", "--year", "1999", NULL }, &out, &err), ==, 2);
}

/* ---- demo data ---------------------------------------------------------- */

static guint
count_condition (ChcDatabase     *database,
                 const char      *district_name,
                 ChcTcmCondition  condition,
                 int              year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDistrict) district = chc_database_find_district (database, district_name, &error);
  g_autoptr(GArray) ids = NULL;

  g_assert_no_error (error);
  ids = chc_database_list_tcm_condition (database, condition, chc_district_get_id (district), year, &error);
  g_assert_no_error (error);
  return ids->len;
}

static void
test_demo (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_demo ();
  g_autoptr(ChcDatabase) again = chc_test_new_demo ();
  g_autoptr(ChcDistrict) qingpu = NULL;
  g_autoptr(ChcDistrict) changning = NULL;
  g_autoptr(GPtrArray) q2024 = NULL;
  g_autoptr(GPtrArray) q2025 = NULL;
  g_autoptr(GPtrArray) matrix = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = chc_tcm_today ();
  g_autofree char *this_month = g_strndup (today, 7);
  const char *seeded[] = { "徐泾社区卫生服务中心", "徐泾北社区卫生服务中心", "金泽社区卫生服务中心" };
  const char *itinerant[] = { "练塘镇东团村卫生室", "白鹤镇响新村卫生室" };
  gint64 tcm = 0, all = 0;

  qingpu = chc_database_find_district (database, "青浦", &error);
  g_assert_no_error (error);
  changning = chc_database_find_district (database, "长宁", &error);
  g_assert_no_error (error);
  q2024 = chc_database_list_tcm_status (database, chc_district_get_id (qingpu), 2024, &error);
  g_assert_no_error (error);
  q2025 = chc_database_list_tcm_status (database, chc_district_get_id (qingpu), 2025, &error);
  g_assert_no_error (error);

  /* Specialty clinics open at 徐泾, 徐泾北 and 金泽 in 2025 (004). */
  for (guint i = 0; i < G_N_ELEMENTS (seeded); i++)
    {
      g_autoptr(ChcFacility) f = chc_database_find_facility (database, seeded[i], chc_district_get_id (qingpu), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (chc_tcm_status_get_n_clinics (find_status (q2024, chc_facility_get_id (f))), ==, 0);
      g_assert_cmpuint (chc_tcm_status_get_n_clinics (find_status (q2025, chc_facility_get_id (f))), >=, 1);
    }
  /* TCM itinerant stations, 2025: corners in service at the two villages. */
  for (guint i = 0; i < G_N_ELEMENTS (itinerant); i++)
    {
      g_autoptr(ChcFacility) f = chc_database_find_facility (database, itinerant[i], chc_district_get_id (qingpu), &error);

      g_assert_no_error (error);
      g_assert_false (chc_tcm_status_satisfies (find_status (q2024, chc_facility_get_id (f)), CHC_TCM_CONDITION_CORNER));
      g_assert_true (chc_tcm_status_satisfies (find_status (q2025, chc_facility_get_id (f)), CHC_TCM_CONDITION_CORNER));
    }

  /* Qingpu heads for 7–10 demonstration stations; Changning 2–3 a year. */
  g_assert_cmpuint (count_condition (database, "青浦", CHC_TCM_CONDITION_DEMO_AWARDED, 2025), ==, 5);
  g_assert_cmpuint (count_condition (database, "长宁", CHC_TCM_CONDITION_DEMO_AWARDED, 2023), ==, 2);
  g_assert_cmpuint (count_condition (database, "长宁", CHC_TCM_CONDITION_DEMO_AWARDED, 2024), ==, 5);
  g_assert_cmpuint (count_condition (database, "长宁", CHC_TCM_CONDITION_DEMO_AWARDED, 2025), ==, 8);
  g_assert_cmpuint (count_condition (database, "长宁", CHC_TCM_CONDITION_HALL_UP_TO_STANDARD, 2025), ==, 8);
  g_assert_cmpuint (count_condition (database, "青浦", CHC_TCM_CONDITION_SPECIALTY, 2023), ==, 10);
  g_assert_cmpuint (count_condition (database, "青浦", CHC_TCM_CONDITION_SPECIALTY, 2024), ==, 14);
  g_assert_cmpuint (count_condition (database, "青浦", CHC_TCM_CONDITION_SPECIALTY, 2025), ==, 17);

  /* Some towns still lack a demonstration station. */
  matrix = chc_database_tcm_town_matrix (database, chc_district_get_id (qingpu), 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chc_tcm_town_matrix_count (matrix, CHC_TCM_MEASURE_DEMO), ==, 5);
  g_assert_cmpuint (matrix->len, ==, 11);
  g_clear_pointer (&matrix, g_ptr_array_unref);
  matrix = chc_database_tcm_town_matrix (database, chc_district_get_id (changning), 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chc_tcm_town_matrix_count (matrix, CHC_TCM_MEASURE_DEMO), ==, 7);
  g_assert_false (chc_tcm_town_row_has (find_row (matrix, "程家桥街道"), CHC_TCM_MEASURE_DEMO));

  /* Monthly visits of a centre from 2023-01 to this month, none later. */
  {
    g_autoptr(ChcFacility) f = chc_database_find_facility (database, "白鹤社区卫生服务中心", 0, &error);

    g_assert_no_error (error);
    g_assert_true (chc_database_get_tcm_visits (database, chc_facility_get_id (f), "2023-01", &tcm, &all, &error));
    g_assert_cmpint (tcm, >, 0);
    g_assert_cmpint (tcm, <, all);
    g_assert_true (chc_database_get_tcm_visits (database, chc_facility_get_id (f), this_month, &tcm, &all, &error));
    g_assert_false (chc_database_get_tcm_visits (database, chc_facility_get_id (f), "2022-12", &tcm, &all, &error));
    g_assert_no_error (error);
  }

  /* Deterministic: a second demo database holds the same figures. */
  {
    g_autoptr(GPtrArray) other = chc_database_list_tcm_status (again, chc_district_get_id (qingpu), 2025, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (other->len, ==, q2025->len);
    for (guint i = 0; i < other->len; i++)
      {
        ChcTcmStatus *a = g_ptr_array_index (q2025, i);
        ChcTcmStatus *b = g_ptr_array_index (other, i);

        g_assert_cmpint (chc_tcm_status_get_site_state (a), ==, chc_tcm_status_get_site_state (b));
        g_assert_cmpstr (chc_tcm_status_get_specialty_clinics (a), ==, chc_tcm_status_get_specialty_clinics (b));
        g_assert_cmpint (chc_tcm_status_get_tcm_visits (a), ==, chc_tcm_status_get_tcm_visits (b));
        g_assert_cmpint (chc_tcm_status_get_all_visits (a), ==, chc_tcm_status_get_all_visits (b));
      }
  }
}

/* ---- rollout model, targets, coverage bars ----------------------------- */

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  (*count)++;
}

static void
count_reloaded (ChcTcmRollout *rollout,
                guint         *count)
{
  (*count)++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_rollout (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(ChcTcmRollout) rollout = chc_tcm_rollout_new (fx->database);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcTcmStatus) c1 = NULL;
  guint items_changed = 0, reloaded = 0, notified = 0;
  guint position = 0;

  g_signal_connect (rollout, "items-changed", G_CALLBACK (count_items_changed), &items_changed);
  g_signal_connect (rollout, "reloaded", G_CALLBACK (count_reloaded), &reloaded);

  chc_tcm_rollout_set_year (rollout, 2024);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rollout)), ==, 0);
  chc_tcm_rollout_set_district_id (rollout, fx->district_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rollout)), ==, 6);
  g_assert_cmpuint (items_changed, ==, 1);
  g_assert_cmpuint (chc_tcm_rollout_get_matrix (rollout)->len, ==, 11);
  g_assert_cmpfloat_with_epsilon (chc_tcm_rollout_get_district_share (rollout), 50.0, 1e-9);

  g_assert_nonnull (chc_tcm_rollout_find (rollout, fx->c1, &position));
  c1 = g_list_model_get_item (G_LIST_MODEL (rollout), position);
  g_signal_connect (c1, "notify::site-state", G_CALLBACK (count_notify), &notified);

  /* A write: the rollout reloads by itself, updates the item in place. */
  items_changed = reloaded = 0;
  g_assert_true (chc_database_add_tcm_site_event (fx->database, fx->c1, CHC_TCM_SITE_HALL, "2024-12-01",
                                                  CHC_TCM_STATE_BUILDING, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reloaded, ==, 1);
  g_assert_cmpuint (items_changed, ==, 0);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (chc_tcm_status_get_site_state (c1), ==, CHC_TCM_STATE_BUILDING);
  g_assert_cmpuint (chc_tcm_town_matrix_count (chc_tcm_rollout_get_matrix (rollout), CHC_TCM_MEASURE_HALL), ==, 0);

  /* Another year: the same items take the year's values in place (a list
   * view rebinds its rows rather than building them): no items-changed
   * for the same number of facilities, a notification of the year. */
  notified = 0;
  g_signal_connect (c1, "notify::year", G_CALLBACK (count_notify), &notified);
  chc_tcm_rollout_set_year (rollout, 2025);
  g_assert_cmpuint (items_changed, ==, 0);
  g_assert_cmpuint (notified, >=, 1);
  g_assert_cmpint (chc_tcm_status_get_year (c1), ==, 2025);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rollout)), ==, 6);
  g_assert_cmpuint (chc_tcm_town_matrix_count (chc_tcm_rollout_get_matrix (rollout), CHC_TCM_MEASURE_HALL), ==, 1);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *raw = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  sqlite3_busy_timeout (raw, 5000);
  if (sqlite3_exec (raw, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (raw);
}

static const ChcTcmBar *
find_bar (GArray          *bars,
          ChcFacilityType  type,
          ChcTcmBarKind    kind)
{
  for (guint i = 0; i < bars->len; i++)
    {
      const ChcTcmBar *bar = &g_array_index (bars, ChcTcmBar, i);
      if (bar->type == type && bar->kind == kind)
        return bar;
    }
  return NULL;
}

/* chc_database_check() finds TCM rows that break the rules when written
 * behind the application's back; a facility with training figures is
 * not deleted. */
static void
test_check (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  guint station_hall = 0, duplicate = 0, future = 0;

  problems = chc_database_check (fx->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  sql = g_strdup_printf ("INSERT INTO tcm_site_event (facility_id, date, kind, state) VALUES (%" G_GINT64_FORMAT ", '2024-05-05', 'hall', 'in_service');"
                         "INSERT INTO tcm_specialty_clinic (facility_id, name, opened) VALUES (%" G_GINT64_FORMAT ", ' 针灸', '2024-01-01');"
                         "INSERT INTO tcm_visits (facility_id, period, tcm_visits, all_visits) VALUES (%" G_GINT64_FORMAT ", '2999-01', 1, 2);",
                         fx->s1, fx->c2, fx->c3);
  exec_sql (chc_database_get_path (fx->database), sql);

  problems = chc_database_check (fx->database, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    {
      const char *line = g_ptr_array_index (problems, i);

      g_test_message ("%s", line);
      station_hall += g_str_has_prefix (line, "站一 (T-S1): Site:");
      duplicate += g_str_has_prefix (line, "中心二 (T-C2): Specialty clinic name:");
      future += g_str_has_prefix (line, "中心三 (T-C3): Month:");
    }
  g_assert_cmpuint (station_hall, ==, 1);
  g_assert_cmpuint (duplicate, ==, 2);   /* each of the two clinics names the other */
  g_assert_cmpuint (future, ==, 1);
  g_assert_cmpuint (problems->len, ==, 4);

  {
    gint64 s2 = add_facility (fx->database, fx->district_id, "香花桥街道", "T-S2", "站二",
                              CHC_FACILITY_STATION, fx->c3, CHC_FACILITY_OPERATING);

    g_assert_true (chc_database_set_tcm_training (fx->database, s2, 2025, 2, &error));
    g_assert_false (chc_database_delete_facility (fx->database, s2, &error));
    g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IN_USE);
    g_assert_nonnull (strstr (error->message, "TCM training figures"));
  }
}

/* A plan written the way the plans branch stores it: the targets reach
 * the coverage bars, with the plan's condition and scope. */
static void
test_targets_and_bars (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GArray) bars = NULL;
  g_autoptr(GArray) plain = NULL;
  const ChcTcmBar *bar;

  sql = g_strdup_printf (
    /* Only this plan: the built-in plans (plans branch) are removed first. */
    "DELETE FROM target; DELETE FROM indicator; DELETE FROM plan;"
    "INSERT INTO plan (id, district_id, name, first_year, last_year) VALUES (1, %" G_GINT64_FORMAT ", 'p', 2023, 2025);"
    "INSERT INTO indicator (id, plan_id, code, area, name_zh, name_en, unit, scope, method, condition)"
    " VALUES (1, 1, 'tcm.hall_coverage', 'tcm', 'z', 'e', 'percent', 'centre,branch', 'share', 'tcm_hall_up_to_standard'),"
    "        (2, 1, 'tcm.specialty_coverage', 'tcm', 'z', 'e', 'percent', 'centre', 'share', 'tcm_specialty'),"
    "        (3, 1, 'tcm.demo_stations', 'tcm', 'z', 'e', 'count', 'station,village_clinic', 'count', 'tcm_demo_awarded');"
    "INSERT INTO target (indicator_id, year, min_value) VALUES (1, 2024, 50), (2, 2024, 75), (3, 2024, 1);"
    "INSERT INTO target (indicator_id, year, min_value, max_value) VALUES (3, 2025, 7, 10);",
    fx->district_id);
  exec_sql (chc_database_get_path (fx->database), sql);

  targets = chc_database_list_tcm_targets (fx->database, fx->district_id, 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 3);
  {
    ChcTcmTarget *hall = g_ptr_array_index (targets, 1);   /* by position, then code */

    g_assert_cmpstr (hall->code, ==, "tcm.hall_coverage");
    g_assert_true (hall->has_condition);
    g_assert_cmpint (hall->condition, ==, CHC_TCM_CONDITION_HALL_UP_TO_STANDARD);
    g_assert_cmpuint (hall->type_mask, ==, CHC_TCM_TYPE_BIT (CHC_FACILITY_CENTRE) | CHC_TCM_TYPE_BIT (CHC_FACILITY_BRANCH));
    g_assert_true (hall->percent && hall->has_target);
    g_assert_cmpfloat (hall->min_value, ==, 50);
  }
  g_clear_pointer (&targets, g_ptr_array_unref);
  targets = chc_database_list_tcm_targets (fx->database, fx->district_id, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 0);   /* no plan covers 2026 */
  g_clear_pointer (&targets, g_ptr_array_unref);
  targets = chc_database_list_tcm_targets (fx->database, fx->district_id, 2024, &error);

  statuses = chc_database_list_tcm_status (fx->database, fx->district_id, 2024, &error);
  g_assert_no_error (error);
  bars = chc_tcm_coverage_bars (statuses, targets);

  /* Centres' halls: the plan counts up-to-standard halls: C1 of 3. */
  bar = find_bar (bars, CHC_FACILITY_CENTRE, CHC_TCM_BAR_SITE);
  g_assert_cmpuint (bar->numerator, ==, 1);
  g_assert_cmpuint (bar->denominator, ==, 3);
  g_assert_cmpfloat (bar->target, ==, 50);
  g_assert_cmpstr (bar->code, ==, "tcm.hall_coverage");
  bar = find_bar (bars, CHC_FACILITY_CENTRE, CHC_TCM_BAR_SPECIALTY);
  g_assert_cmpuint (bar->numerator, ==, 2);
  g_assert_cmpfloat (bar->target, ==, 75);
  /* Stations are out of the specialty scope: no target; their corner has
   * no indicator in this plan. */
  bar = find_bar (bars, CHC_FACILITY_STATION, CHC_TCM_BAR_SPECIALTY);
  g_assert_cmpfloat (bar->target, ==, -1);
  bar = find_bar (bars, CHC_FACILITY_STATION, CHC_TCM_BAR_SITE);
  g_assert_cmpuint (bar->numerator, ==, 1);
  g_assert_cmpfloat (bar->target, ==, -1);
  /* No branch centre in the district: no bars for branches. */
  g_assert_null (find_bar (bars, CHC_FACILITY_BRANCH, CHC_TCM_BAR_SITE));

  /* Without a plan: halls in service or up to standard (C1, C2). */
  plain = chc_tcm_coverage_bars (statuses, NULL);
  bar = find_bar (plain, CHC_FACILITY_CENTRE, CHC_TCM_BAR_SITE);
  g_assert_cmpuint (bar->numerator, ==, 2);
  g_assert_cmpfloat (bar->target, ==, -1);

  g_assert_cmpuint (chc_tcm_type_mask_from_scope ("station, village_clinic,bogus"), ==,
                    CHC_TCM_TYPE_BIT (CHC_FACILITY_STATION) | CHC_TCM_TYPE_BIT (CHC_FACILITY_VILLAGE_CLINIC));
}

/* The plans' TCM indicators are computed through the registered
 * conditions: on the demo database none of them is "no data" for Qingpu,
 * and the counts match the demo's awards. */
static void
test_plan_indicators (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autofree char *path = g_strdup (chc_database_get_path (db));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_tcm = 0;

  g_clear_object (&db);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", path, "indicators", "--district", "青浦",
                                                        "--year", "2025", NULL }, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);

      if (!g_str_has_prefix (lines[i], "tcm."))
        continue;
      n_tcm++;
      g_assert_cmpuint (g_strv_length (f), ==, 8);
      g_assert_cmpstr (f[5], !=, "no-data");
      if (g_str_equal (f[0], "tcm.demo_stations"))
        {
          g_assert_cmpstr (f[3], ==, "5");
          g_assert_cmpstr (f[4], ==, "7-10");
          g_assert_cmpstr (f[5], ==, "behind");
        }
    }
  g_assert_cmpuint (n_tcm, ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tcm/rules/site-kind", test_rule_site_kind);
  g_test_add_func ("/tcm/rules/site-date", test_rule_site_date);
  g_test_add_func ("/tcm/rules/visits", test_rule_visits);
  g_test_add_func ("/tcm/rules/specialty-clinic", test_rule_clinic);
  g_test_add_func ("/tcm/rules/demo-and-training", test_rule_demo_and_training);
  g_test_add_func ("/tcm/state-at", test_state_at);
  g_test_add_func ("/tcm/clinic-open-at", test_clinic_open_at);
  g_test_add_func ("/tcm/district-share", test_district_share);
  g_test_add ("/tcm/store/status", Fixture, NULL, fixture_setup, test_store_status, fixture_teardown);
  g_test_add ("/tcm/store/writes", Fixture, NULL, fixture_setup, test_store_writes, fixture_teardown);
  g_test_add ("/tcm/indicators", Fixture, NULL, fixture_setup, test_indicators, fixture_teardown);
  g_test_add ("/tcm/town-matrix", Fixture, NULL, fixture_setup, test_town_matrix, fixture_teardown);
  g_test_add ("/tcm/cli", Fixture, NULL, fixture_setup, test_cli, fixture_teardown);
  g_test_add_func ("/tcm/demo", test_demo);
  g_test_add_func ("/tcm/plan-indicators", test_plan_indicators);
  g_test_add ("/tcm/rollout", Fixture, NULL, fixture_setup, test_rollout, fixture_teardown);
  g_test_add ("/tcm/targets-and-bars", Fixture, NULL, fixture_setup, test_targets_and_bars, fixture_teardown);
  g_test_add ("/tcm/check", Fixture, NULL, fixture_setup, test_check, fixture_teardown);

  return g_test_run ();
}
