/* test-projects.c — construction projects: dates, stage and lateness,
 * rules, the facility updates made in the same transaction and their undo,
 * the demo projects and chc-cli projects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "chc-test-util.h"
#include "store/chc-database-sync.h"
#include "core/chc-date.h"
#include "core/chc-project.h"
#include "core/chc-validate.h"
#include "core/chc-indicator.h"
#include "store/chc-database-plans.h"
#include "store/chc-database-projects.h"

static guint32
jd (const char *iso)
{
  guint32 j = chc_date_julian (iso);

  g_assert_cmpuint (j, !=, 0);
  return j;
}

/* ---- dates ------------------------------------------------------------ */

static void
test_date_parse (void)
{
  static const struct {
    const char *text;
    const char *iso;
  } good[] = {
    { "2024-03-15", "2024-03-15" },
    { "2024-3-5", "2024-03-05" },
    { "2024/3/15", "2024-03-15" },
    { "2024.03.15", "2024-03-15" },
    { "2024年3月15日", "2024-03-15" },
    { "2024年03月05日", "2024-03-05" },
    { "2024 年 3 月 15 日", "2024-03-15" },
    { "2024年3月15号", "2024-03-15" },
    { "２０２４年３月１５日", "2024-03-15" },
    { "　2024-03-15　", "2024-03-15" },
    { "20240315", "2024-03-15" },
    { "2024-03-15 00:00:00", "2024-03-15" },
    { "2024/3/15 0:00", "2024-03-15" },
    { "2024-03-15T00:00:00", "2024-03-15" },
    { "2024-03-15 00:00:00.000", "2024-03-15" },
    { "2100-12-31", "2100-12-31" },
    { "2024-02-29", "2024-02-29" },
  };
  static const struct {
    const char *text;
    int code;
  } bad[] = {
    { "", CHC_DATE_ERROR_INVALID },
    { "abc", CHC_DATE_ERROR_INVALID },
    { "15/03/2024", CHC_DATE_ERROR_INVALID },
    { "2024-03", CHC_DATE_ERROR_INVALID },
    { "2024年3月", CHC_DATE_ERROR_INVALID },
    { "2024-3/15", CHC_DATE_ERROR_INVALID },
    { "2024-03-15x", CHC_DATE_ERROR_INVALID },
    { "2024-003-15", CHC_DATE_ERROR_INVALID },
    { "2023-02-29", CHC_DATE_ERROR_NO_SUCH_DAY },
    { "2024-13-01", CHC_DATE_ERROR_NO_SUCH_DAY },
    { "2024年2月30日", CHC_DATE_ERROR_NO_SUCH_DAY },
    /* A time of day other than midnight: a moment, not a date. */
    { "2024-12-31T10:00", CHC_DATE_ERROR_INVALID },
    { "2024/3/15 8:30", CHC_DATE_ERROR_INVALID },
    { "2024-03-15T08:30:00", CHC_DATE_ERROR_INVALID },
    { "2024-03-15 00:00:01", CHC_DATE_ERROR_INVALID },
    /* A real day, outside the years the application keeps. */
    { "1850-01-01", CHC_DATE_ERROR_OUT_OF_RANGE },
    { "9999-12-31", CHC_DATE_ERROR_OUT_OF_RANGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = chc_date_normalize (good[i].text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (iso, ==, good[i].iso);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = chc_date_normalize (bad[i].text, &error);

      g_assert_null (iso);
      g_assert_error (error, CHC_DATE_ERROR, bad[i].code);
      if (bad[i].text[0] != '\0')
        g_assert_nonnull (strstr (error->message, bad[i].text));
      /* Never "no such day" for a day that exists. */
      if (bad[i].code != CHC_DATE_ERROR_NO_SUCH_DAY)
        g_assert_null (strstr (error->message, "no such day"));
    }

  g_assert_cmpuint (chc_date_julian (NULL), ==, 0);
  g_assert_cmpuint (chc_date_julian ("nonsense"), ==, 0);
  g_assert_cmpint (chc_date_year ("2025年1月2日"), ==, 2025);
  g_assert_cmpuint (chc_date_year_end (2024), ==, jd ("2024-12-31"));
}

/* ---- which milestones apply -------------------------------------------- */

static void
test_applicability (void)
{
  ChcMilestoneKind list[CHC_N_MILESTONES];
  guint n;

  n = chc_project_list_milestones (CHC_PROJECT_STANDARDIZATION, CHC_FACILITY_VILLAGE_CLINIC, list);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (list[0], ==, CHC_MILESTONE_APPROVED);
  g_assert_cmpint (list[1], ==, CHC_MILESTONE_STARTED);
  g_assert_cmpint (list[2], ==, CHC_MILESTONE_COMPLETED);
  g_assert_false (chc_project_milestone_applies (CHC_PROJECT_STANDARDIZATION, CHC_FACILITY_STATION,
                                                 CHC_MILESTONE_TOPPED_OUT));
  g_assert_false (chc_project_milestone_applies (CHC_PROJECT_STANDARDIZATION, CHC_FACILITY_STATION,
                                                 CHC_MILESTONE_SITE_SELECTED));
  g_assert_true (chc_project_milestone_applies (CHC_PROJECT_STANDARDIZATION, CHC_FACILITY_BRANCH,
                                                CHC_MILESTONE_TOPPED_OUT));
  g_assert_cmpuint (chc_project_list_milestones (CHC_PROJECT_NEW_BUILD, CHC_FACILITY_CENTRE, list), ==, 6);
  g_assert_false (chc_project_milestone_applies (CHC_PROJECT_OPENING, CHC_FACILITY_CENTRE,
                                                 CHC_MILESTONE_TOPPED_OUT));
  g_assert_false (chc_project_milestone_applies (CHC_PROJECT_RENOVATION, CHC_FACILITY_CENTRE,
                                                 CHC_MILESTONE_SITE_SELECTED));

  g_assert_cmpint (chc_project_final_milestone (CHC_PROJECT_STANDARDIZATION, CHC_FACILITY_CENTRE), ==,
                   CHC_MILESTONE_COMPLETED);
  g_assert_cmpint (chc_project_final_milestone (CHC_PROJECT_NEW_BUILD, CHC_FACILITY_STATION), ==,
                   CHC_MILESTONE_OPENED);
  g_assert_cmpint (chc_project_final_milestone (CHC_PROJECT_RELOCATION, CHC_FACILITY_CENTRE), ==,
                   CHC_MILESTONE_OPENED);
}

/* ---- stage and lateness on hand-made data ---------------------------------- */

static ChcProject *
hand_made_new_build (void)
{
  ChcProject *p = chc_project_new ();

  chc_project_set_kind (p, CHC_PROJECT_NEW_BUILD);
  chc_project_set_facility_type (p, CHC_FACILITY_CENTRE);
  chc_project_set_plan_year (p, 2024);
  chc_project_set_planned (p, CHC_MILESTONE_APPROVED, "2024-01-01");
  chc_project_set_actual (p, CHC_MILESTONE_APPROVED, "2024-01-10");
  chc_project_set_planned (p, CHC_MILESTONE_SITE_SELECTED, "2024-03-01");
  chc_project_set_actual (p, CHC_MILESTONE_SITE_SELECTED, "2024-04-01");
  chc_project_set_planned (p, CHC_MILESTONE_STARTED, "2024-06-01");
  chc_project_set_planned (p, CHC_MILESTONE_TOPPED_OUT, "2025-01-01");
  chc_project_set_planned (p, CHC_MILESTONE_COMPLETED, "2025-06-01");
  chc_project_set_planned (p, CHC_MILESTONE_OPENED, "2025-09-01");
  return p;
}

static void
test_stage_and_lateness (void)
{
  g_autoptr(ChcProject) p = hand_made_new_build ();
  ChcProjectStatus s;

  /* Before anything was planned to happen. */
  chc_project_evaluate (p, jd ("2023-12-31"), &s);
  g_assert_cmpint (s.stage, ==, CHC_PROJECT_STAGE_PROPOSED);
  g_assert_false (s.late);
  g_assert_cmpuint (s.days_late, ==, 0);
  g_assert_true (s.has_next);
  g_assert_cmpint (s.next, ==, CHC_MILESTONE_APPROVED);
  g_assert_cmpuint (s.next_planned, ==, jd ("2024-01-01"));

  /* Approval planned for 1 January, recorded on the 10th: late on the 5th. */
  chc_project_evaluate (p, jd ("2024-01-05"), &s);
  g_assert_cmpint (s.stage, ==, CHC_PROJECT_STAGE_PROPOSED);
  g_assert_true (s.late);
  g_assert_cmpuint (s.days_late, ==, 4);
  g_assert_cmpint (s.most_overdue, ==, CHC_MILESTONE_APPROVED);

  /* Approved, site selection overdue by 14 days. */
  chc_project_evaluate (p, jd ("2024-03-15"), &s);
  g_assert_cmpint (s.stage, ==, CHC_PROJECT_STAGE_APPROVED);
  g_assert_true (s.late);
  g_assert_cmpuint (s.days_late, ==, 14);
  g_assert_cmpint (s.next, ==, CHC_MILESTONE_SITE_SELECTED);

  /* Site selected; the start is planned for June: on time. */
  chc_project_evaluate (p, jd ("2024-05-01"), &s);
  g_assert_cmpint (s.stage, ==, CHC_PROJECT_STAGE_SITE_SELECTED);
  g_assert_false (s.late);
  g_assert_cmpint (s.next, ==, CHC_MILESTONE_STARTED);
  g_assert_cmpuint (s.next_planned, ==, jd ("2024-06-01"));

  /* The start is 30 days overdue. */
  chc_project_evaluate (p, jd ("2024-07-01"), &s);
  g_assert_true (s.late);
  g_assert_cmpuint (s.days_late, ==, 30);
  g_assert_cmpint (s.most_overdue, ==, CHC_MILESTONE_STARTED);

  /* Two overdue milestones: the largest counts (245 days > 31). */
  chc_project_evaluate (p, jd ("2025-02-01"), &s);
  g_assert_cmpuint (s.days_late, ==, 245);
  g_assert_cmpint (s.most_overdue, ==, CHC_MILESTONE_STARTED);
  g_assert_cmpuint (chc_project_milestone_days_late (p, CHC_MILESTONE_TOPPED_OUT, jd ("2025-02-01")), ==, 31);
  g_assert_cmpuint (chc_project_milestone_days_late (p, CHC_MILESTONE_SITE_SELECTED, jd ("2025-02-01")), ==, 0);

  /* Everything done: opened is the stage, nothing next, not late. */
  chc_project_set_actual (p, CHC_MILESTONE_STARTED, "2024-06-20");
  chc_project_set_actual (p, CHC_MILESTONE_TOPPED_OUT, "2024-12-20");
  chc_project_set_actual (p, CHC_MILESTONE_COMPLETED, "2025-05-30");
  chc_project_set_actual (p, CHC_MILESTONE_OPENED, "2025-09-10");
  chc_project_evaluate (p, jd ("2025-10-01"), &s);
  g_assert_cmpint (s.stage, ==, CHC_PROJECT_STAGE_OPENED);
  g_assert_true (s.finished);
  g_assert_false (s.has_next);
  g_assert_false (s.late);
  /* …but as of 5 September the opening was 4 days overdue. */
  chc_project_evaluate (p, jd ("2025-09-05"), &s);
  g_assert_cmpint (s.stage, ==, CHC_PROJECT_STAGE_COMPLETED);
  g_assert_cmpuint (s.days_late, ==, 4);

  /* A milestone that does not apply never counts: a village clinic's
   * standardization with a "topped out" date. */
  {
    g_autoptr(ChcProject) v = chc_project_new ();

    chc_project_set_kind (v, CHC_PROJECT_STANDARDIZATION);
    chc_project_set_facility_type (v, CHC_FACILITY_VILLAGE_CLINIC);
    chc_project_set_planned (v, CHC_MILESTONE_TOPPED_OUT, "2024-01-01");
    chc_project_set_planned (v, CHC_MILESTONE_STARTED, "2024-03-01");
    chc_project_set_actual (v, CHC_MILESTONE_STARTED, "2024-02-20");
    chc_project_set_planned (v, CHC_MILESTONE_COMPLETED, "2024-09-30");
    chc_project_evaluate (v, jd ("2024-06-01"), &s);
    g_assert_false (s.late);
    g_assert_cmpint (s.stage, ==, CHC_PROJECT_STAGE_STARTED);
    g_assert_cmpint (s.next, ==, CHC_MILESTONE_COMPLETED);
  }
}

static void
test_sort_by_lateness (void)
{
  g_autoptr(ChcProject) a = hand_made_new_build ();   /* 30 days late on 2024-07-01 */
  g_autoptr(ChcProject) b = hand_made_new_build ();
  guint32 as_of = jd ("2024-07-01");

  chc_project_set_facility_name (a, "A");
  chc_project_set_facility_name (b, "B");
  chc_project_set_actual (b, CHC_MILESTONE_STARTED, "2024-06-01");   /* on time */
  g_assert_cmpint (chc_project_compare_lateness (a, b, &as_of), <, 0);
  g_assert_cmpint (chc_project_compare_lateness (b, a, &as_of), >, 0);
  g_assert_cmpint (chc_project_compare_lateness (a, a, &as_of), ==, 0);
}

/* ---- rules -------------------------------------------------------------- */

static void
test_rules (void)
{
  g_autoptr(ChcProject) p = hand_made_new_build ();
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  ChcProjectContext context = { 0 };

  context.facility_status = CHC_FACILITY_PLANNED;
  context.check_opening = TRUE;
  context.today = jd ("2024-12-31");
  chc_project_set_facility_id (p, 1);

  chc_validate_project (p, &context, violations);
  g_assert_cmpuint (violations->len, ==, 0);

  /* Milestone order: started before the site was selected. */
  chc_project_set_actual (p, CHC_MILESTONE_STARTED, "2024-03-20");
  chc_validate_project (p, &context, violations);
  g_assert_cmpuint (violations->len, ==, 1);
  g_assert_nonnull (chc_violations_find (violations, "started.actual"));
  g_ptr_array_set_size (violations, 0);

  /* The same day is in order. */
  chc_project_set_actual (p, CHC_MILESTONE_STARTED, "2024年4月1日");
  chc_validate_project (p, &context, violations);
  g_assert_cmpuint (violations->len, ==, 0);

  /* In the future (after "today"). */
  chc_project_set_actual (p, CHC_MILESTONE_TOPPED_OUT, "2025-01-02");
  chc_validate_project (p, &context, violations);
  g_assert_nonnull (chc_violations_find (violations, "topped_out.actual"));
  g_assert_nonnull (strstr (chc_violations_find (violations, "topped_out.actual")->message, "2025-01-02"));
  g_ptr_array_set_size (violations, 0);
  chc_project_set_actual (p, CHC_MILESTONE_TOPPED_OUT, NULL);

  /* A date that does not parse. */
  chc_project_set_planned (p, CHC_MILESTONE_COMPLETED, "2025-02-30");
  chc_validate_project (p, &context, violations);
  g_assert_nonnull (chc_violations_find (violations, "completed.planned"));
  g_ptr_array_set_size (violations, 0);
  chc_project_set_planned (p, CHC_MILESTONE_COMPLETED, "2025-06-01");

  /* Figures. */
  chc_project_set_budget (p, -1);
  chc_project_set_area_after (p, -5);
  chc_project_set_area_before (p, 0);
  chc_validate_project (p, &context, violations);
  g_assert_cmpuint (violations->len, ==, 2);
  g_assert_nonnull (chc_violations_find (violations, "budget"));
  g_assert_nonnull (chc_violations_find (violations, "area_after"));
  g_ptr_array_set_size (violations, 0);
  chc_project_set_budget (p, NAN);
  chc_project_set_area_after (p, 300);

  /* A new build of a facility that already operates. */
  context.facility_status = CHC_FACILITY_OPERATING;
  chc_validate_project (p, &context, violations);
  g_assert_cmpuint (violations->len, ==, 1);
  g_assert_nonnull (chc_violations_find (violations, "kind"));
  g_ptr_array_set_size (violations, 0);
  /* …an opening too; a relocation is fine. */
  chc_project_set_kind (p, CHC_PROJECT_OPENING);
  chc_validate_project (p, &context, violations);
  g_assert_nonnull (chc_violations_find (violations, "kind"));
  g_ptr_array_set_size (violations, 0);
  chc_project_set_kind (p, CHC_PROJECT_RELOCATION);
  chc_validate_project (p, &context, violations);
  g_assert_cmpuint (violations->len, ==, 0);

  /* No facility, implausible year. */
  chc_project_set_facility_id (p, 0);
  chc_project_set_plan_year (p, 24);
  chc_validate_project (p, &context, violations);
  g_assert_nonnull (chc_violations_find (violations, "facility"));
  g_assert_nonnull (chc_violations_find (violations, "plan_year"));
}

/* ---- store ---------------------------------------------------------------- */

typedef struct
{
  ChcDatabase *db;
  gint64       qingpu;
  gint64       town;
  gint64       other_town;
  ChcFacility *centre;
  ChcFacility *clinic;       /* village clinic, not standardized */
  GPtrArray   *changes;      /* tables announced by ::changed */
} Fixture;

static void
on_changed (ChcDatabase *db,
            const char  *table,
            GPtrArray   *changes)
{
  g_ptr_array_add (changes, g_strdup (table));
}

static ChcFacility *
add_facility (Fixture         *fx,
              const char      *code,
              const char      *name,
              ChcFacilityType  type,
              gint64           town,
              double           area)
{
  g_autoptr(GError) error = NULL;
  ChcFacility *f = chc_facility_new ();

  chc_facility_set_code (f, code);
  chc_facility_set_name (f, name);
  chc_facility_set_facility_type (f, type);
  chc_facility_set_district_id (f, fx->qingpu);
  chc_facility_set_town_id (f, town);
  if (type != CHC_FACILITY_CENTRE)
    chc_facility_set_parent_id (f, chc_facility_get_id (fx->centre));
  chc_facility_set_floor_area (f, area);
  chc_database_add_facility (fx->db, f, &error);
  g_assert_no_error (error);
  return f;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDistrict) qp = NULL;
  g_autoptr(GPtrArray) towns = NULL;

  fx->db = chc_test_new_database (TRUE);
  qp = chc_database_find_district (fx->db, "青浦", &error);
  g_assert_no_error (error);
  fx->qingpu = chc_district_get_id (qp);
  towns = chc_database_list_towns (fx->db, fx->qingpu, &error);
  fx->town = chc_town_get_id (g_ptr_array_index (towns, 0));
  fx->other_town = chc_town_get_id (g_ptr_array_index (towns, 1));

  fx->centre = add_facility (fx, "T-C1", "测试社区卫生服务中心", CHC_FACILITY_CENTRE, fx->town, 6000);
  fx->clinic = add_facility (fx, "T-V1", "测试村卫生室", CHC_FACILITY_VILLAGE_CLINIC, fx->town, 120);

  fx->changes = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fx->db, "changed", G_CALLBACK (on_changed), fx->changes);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->centre);
  g_clear_object (&fx->clinic);
  g_clear_object (&fx->db);
  g_clear_pointer (&fx->changes, g_ptr_array_unref);
}

static gboolean
changed (Fixture    *fx,
         const char *table)
{
  for (guint i = 0; i < fx->changes->len; i++)
    if (g_str_equal (g_ptr_array_index (fx->changes, i), table))
      return TRUE;
  return FALSE;
}

static ChcProject *
standardization_of (ChcFacility *facility,
                    int          year)
{
  ChcProject *p = chc_project_new ();
  g_autofree char *approved = g_strdup_printf ("%d-02-01", year);
  g_autofree char *started = g_strdup_printf ("%d-04-01", year);
  g_autofree char *completed = g_strdup_printf ("%d-10-31", year);

  chc_project_set_facility_id (p, chc_facility_get_id (facility));
  chc_project_set_kind (p, CHC_PROJECT_STANDARDIZATION);
  chc_project_set_plan_year (p, year);
  chc_project_set_planned (p, CHC_MILESTONE_APPROVED, approved);
  chc_project_set_planned (p, CHC_MILESTONE_STARTED, started);
  chc_project_set_planned (p, CHC_MILESTONE_COMPLETED, completed);
  return p;
}

static ChcFacility *
reload (Fixture     *fx,
        ChcFacility *facility)
{
  g_autoptr(GError) error = NULL;
  ChcFacility *f = chc_database_get_facility (fx->db, chc_facility_get_id (facility), &error);

  g_assert_no_error (error);
  return f;
}

static void
test_store_round_trip (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(ChcProject) p = standardization_of (fx->clinic, 2024);
  g_autoptr(ChcProject) got = NULL;
  g_autoptr(GError) error = NULL;

  chc_project_set_budget (p, 35.5);
  chc_project_set_area_before (p, 120);
  chc_project_set_units (p, "区卫生健康委、白鹤镇");
  chc_project_set_notes (p, "测试");
  /* Typed forms are stored as ISO dates. */
  chc_project_set_actual (p, CHC_MILESTONE_APPROVED, "2024年2月3日");
  /* Topped out does not apply to a village clinic: not kept. */
  chc_project_set_planned (p, CHC_MILESTONE_TOPPED_OUT, "2024-06-01");

  g_assert_true (chc_database_add_project (fx->db, p, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chc_project_get_id (p), >, 0);
  g_assert_true (changed (fx, "project"));
  g_assert_false (changed (fx, "facility"));

  got = chc_database_get_project (fx->db, chc_project_get_id (p), &error);
  g_assert_no_error (error);
  g_assert_true (chc_project_equal (p, got));
  g_assert_cmpstr (chc_project_get_actual (got, CHC_MILESTONE_APPROVED), ==, "2024-02-03");
  g_assert_null (chc_project_get_planned (got, CHC_MILESTONE_TOPPED_OUT));
  g_assert_cmpfloat (chc_project_get_budget (got), ==, 35.5);
  g_assert_true (isnan (chc_project_get_area_after (got)));
  g_assert_cmpstr (chc_project_get_facility_name (got), ==, "测试村卫生室");
  g_assert_cmpint (chc_project_get_facility_type (got), ==, CHC_FACILITY_VILLAGE_CLINIC);
  g_assert_cmpint (chc_project_get_district_id (got), ==, fx->qingpu);
  g_assert_cmpint (chc_project_get_town_id (got), ==, fx->town);

  /* Update and delete. */
  chc_project_set_plan_year (got, 2025);
  g_assert_true (chc_database_update_project (fx->db, got, &error));
  g_assert_no_error (error);
  g_clear_object (&p);
  p = chc_database_get_project (fx->db, chc_project_get_id (got), &error);
  g_assert_cmpint (chc_project_get_plan_year (p), ==, 2025);

  g_assert_true (chc_database_delete_project (fx->db, chc_project_get_id (got), &error));
  g_assert_no_error (error);
  g_clear_object (&p);
  p = chc_database_get_project (fx->db, chc_project_get_id (got), &error);
  g_assert_null (p);
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND);
}

/* Deleting a project deletes its milestones (a cascade): their row
 * versions and audit entries are under "UID|milestone", as while the
 * project was there, never under "|milestone" (issue 18). */
static void
test_cascaded_milestone_keys (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(ChcProject) p = standardization_of (fx->clinic, 2024);
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (chc_database_add_project (fx->db, p, NULL, &error));
  g_assert_no_error (error);
  uid = chc_database_project_row_key (fx->db, chc_project_get_id (p));
  g_assert_nonnull (uid);
  g_assert_true (chc_database_delete_project (fx->db, chc_project_get_id (p), &error));
  g_assert_no_error (error);

  g_assert_cmpint (chc_test_query_int (fx->db, "SELECT count (*) FROM milestone"), ==, 0);
  g_assert_cmpint (chc_test_query_int (fx->db, "SELECT count (*) FROM audit WHERE tbl = 'milestone'"
                                       " AND row_key LIKE '|%'"), ==, 0);
  g_assert_cmpint (chc_test_query_int (fx->db, "SELECT count (*) FROM row_version WHERE tbl = 'milestone'"
                                       " AND row_key LIKE '|%'"), ==, 0);
  sql = g_strdup_printf ("SELECT count (*) FROM row_version WHERE tbl = 'milestone' AND deleted = 1"
                         " AND row_key IN ('%s|approved', '%s|started', '%s|completed')", uid, uid, uid);
  g_assert_cmpint (chc_test_query_int (fx->db, sql), ==, 3);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM audit WHERE tbl = 'milestone' AND field = '*'"
                         " AND new IS NULL AND row_key = '%s|approved'", uid);
  g_assert_cmpint (chc_test_query_int (fx->db, sql), ==, 1);
}

static void
test_store_refusals (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(ChcProject) p = standardization_of (fx->clinic, 2024);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* A future actual date is refused, nothing written. */
  g_assert_true (chc_database_add_project (fx->db, p, NULL, &error));
  id = chc_project_get_id (p);
  g_assert_false (chc_database_set_milestone (fx->db, id, CHC_MILESTONE_APPROVED, NULL, "2099-01-01", &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2099-01-01"));
  g_clear_error (&error);

  /* Out of order, nothing written. */
  g_assert_true (chc_database_set_milestone (fx->db, id, CHC_MILESTONE_APPROVED, NULL, "2024-02-10", &error));
  g_assert_no_error (error);
  g_assert_false (chc_database_set_milestone (fx->db, id, CHC_MILESTONE_STARTED, NULL, "2024-02-09", &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&p);
  p = chc_database_get_project (fx->db, id, &error);
  g_assert_null (chc_project_get_actual (p, CHC_MILESTONE_STARTED));
  g_assert_cmpstr (chc_project_get_actual (p, CHC_MILESTONE_APPROVED), ==, "2024-02-10");

  /* A milestone that does not apply cannot be set. */
  g_assert_false (chc_database_set_milestone (fx->db, id, CHC_MILESTONE_TOPPED_OUT, "2024-05-01", NULL, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);

  /* A date that is not one. */
  g_assert_false (chc_database_set_milestone (fx->db, id, CHC_MILESTONE_STARTED, "next spring", NULL, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "next spring"));
  g_clear_error (&error);

  /* An opening or a new build for an operating centre. */
  {
    g_autoptr(ChcProject) opening = chc_project_new ();

    chc_project_set_facility_id (opening, chc_facility_get_id (fx->centre));
    chc_project_set_kind (opening, CHC_PROJECT_OPENING);
    chc_project_set_plan_year (opening, 2024);
    g_assert_false (chc_database_add_project (fx->db, opening, NULL, &error));
    g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (chc_project_get_id (opening), ==, 0);

    chc_project_set_kind (opening, CHC_PROJECT_NEW_BUILD);
    g_assert_false (chc_database_add_project (fx->db, opening, NULL, &error));
    g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
    g_clear_error (&error);

    /* Changing an existing relocation into an opening: refused too. */
    chc_project_set_kind (opening, CHC_PROJECT_RELOCATION);
    g_assert_true (chc_database_add_project (fx->db, opening, NULL, &error));
    g_assert_no_error (error);
    chc_project_set_kind (opening, CHC_PROJECT_OPENING);
    g_assert_false (chc_database_update_project (fx->db, opening, &error));
    g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
    g_clear_error (&error);
  }

  list = chc_database_list_projects (fx->db, fx->qingpu, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
}

/* The facility changes in the transaction of the milestone: a rollback of
 * an enclosing transaction takes both back. */
static void
test_standardization_updates_facility (Fixture       *fx,
                                       gconstpointer  data)
{
  g_autoptr(ChcProject) p = standardization_of (fx->clinic, 2024);
  g_autoptr(ChcFacility) f = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (chc_database_add_project (fx->db, p, NULL, &error));
  id = chc_project_get_id (p);
  g_assert_true (chc_database_set_milestone (fx->db, id, CHC_MILESTONE_APPROVED, NULL, "2024-02-01", &error));
  g_assert_true (chc_database_set_milestone (fx->db, id, CHC_MILESTONE_STARTED, NULL, "2024/4/2", &error));
  g_assert_no_error (error);
  f = reload (fx, fx->clinic);
  g_assert_false (chc_facility_get_standardized (f));
  g_clear_object (&f);

  /* Completing the last milestone: standardized in 2024, announced with
   * the project after the one commit. */
  g_ptr_array_set_size (fx->changes, 0);
  g_assert_true (chc_database_set_milestone (fx->db, id, CHC_MILESTONE_COMPLETED, "2024-10-31", "2024年11月5日", &error));
  g_assert_no_error (error);
  g_assert_true (changed (fx, "project"));
  g_assert_true (changed (fx, "facility"));
  f = reload (fx, fx->clinic);
  g_assert_true (chc_facility_get_standardized (f));
  g_assert_cmpint (chc_facility_get_standardized_year (f), ==, 2024);
  g_clear_object (&f);

  /* Inside a transaction that is rolled back: neither the milestone nor
   * the facility keeps the change. */
  g_assert_true (chc_database_begin (fx->db, &error));
  g_assert_true (chc_database_set_milestone (fx->db, id, CHC_MILESTONE_COMPLETED, "2024-10-31", NULL, &error));
  f = reload (fx, fx->clinic);
  g_assert_false (chc_facility_get_standardized (f));
  g_clear_object (&f);
  chc_database_rollback (fx->db);
  f = reload (fx, fx->clinic);
  g_assert_true (chc_facility_get_standardized (f));
  g_assert_cmpint (chc_facility_get_standardized_year (f), ==, 2024);
  g_clear_object (&f);

  /* Undo: clearing the actual date restores the facility exactly. */
  g_ptr_array_set_size (fx->changes, 0);
  g_assert_true (chc_database_set_milestone (fx->db, id, CHC_MILESTONE_COMPLETED, "2024-10-31", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (changed (fx, "facility"));
  f = reload (fx, fx->clinic);
  g_assert_true (chc_facility_equal (f, fx->clinic));
  g_clear_object (&f);

  /* A facility standardized before (2019) gets 2019 back, not "none". */
  {
    g_autoptr(ChcFacility) before = reload (fx, fx->clinic);

    chc_facility_set_standardized (before, TRUE);
    chc_facility_set_standardized_year (before, 2019);
    g_assert_true (chc_database_update_facility (fx->db, before, &error));
    g_assert_true (chc_database_set_milestone (fx->db, id, CHC_MILESTONE_COMPLETED, NULL, "2024-12-01", &error));
    f = reload (fx, fx->clinic);
    g_assert_cmpint (chc_facility_get_standardized_year (f), ==, 2024);
    g_clear_object (&f);

    /* Completion moved to the next year: the year follows. */
    g_assert_true (chc_database_set_milestone (fx->db, id, CHC_MILESTONE_COMPLETED, NULL, "2025-01-03", &error));
    f = reload (fx, fx->clinic);
    g_assert_cmpint (chc_facility_get_standardized_year (f), ==, 2025);
    g_clear_object (&f);

    /* Deleting the project undoes it as well. */
    g_assert_true (chc_database_delete_project (fx->db, id, &error));
    g_assert_no_error (error);
    f = reload (fx, fx->clinic);
    g_assert_true (chc_facility_equal (f, before));
    g_assert_cmpint (chc_facility_get_standardized_year (f), ==, 2019);
  }
}

static void
test_new_build_creates_and_opens (Fixture       *fx,
                                  gconstpointer  data)
{
  g_autoptr(ChcProject) p = chc_project_new ();
  g_autoptr(ChcFacility) planned = chc_facility_new ();
  g_autoptr(ChcFacility) f = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  guint n_before;

  all = chc_database_list_facilities (fx->db, 0, &error);
  n_before = all->len;
  g_clear_pointer (&all, g_ptr_array_unref);

  chc_facility_set_code (planned, "T-C2");
  chc_facility_set_name (planned, "新建社区卫生服务中心");
  chc_facility_set_facility_type (planned, CHC_FACILITY_CENTRE);
  chc_facility_set_district_id (planned, fx->qingpu);
  chc_facility_set_town_id (planned, fx->other_town);
  chc_facility_set_status (planned, CHC_FACILITY_OPERATING);  /* made planned by the store */

  chc_project_set_kind (p, CHC_PROJECT_NEW_BUILD);
  chc_project_set_plan_year (p, 2024);
  chc_project_set_area_after (p, 8000);

  /* A broken rule of the project: the facility is not created either. */
  chc_project_set_budget (p, -3);
  g_assert_false (chc_database_add_project (fx->db, p, planned, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (chc_facility_get_id (planned), ==, 0);
  all = chc_database_list_facilities (fx->db, 0, &error);
  g_assert_cmpuint (all->len, ==, n_before);
  g_clear_pointer (&all, g_ptr_array_unref);

  chc_project_set_budget (p, 12000);
  g_ptr_array_set_size (fx->changes, 0);
  g_assert_true (chc_database_add_project (fx->db, p, planned, &error));
  g_assert_no_error (error);
  g_assert_true (changed (fx, "facility"));
  g_assert_cmpint (chc_project_get_facility_id (p), ==, chc_facility_get_id (planned));
  f = reload (fx, planned);
  g_assert_cmpint (chc_facility_get_status (f), ==, CHC_FACILITY_PLANNED);
  g_assert_cmpfloat (chc_facility_get_floor_area (f), ==, 0);
  g_clear_object (&f);

  /* Opening it: operating and, the project finished, its floor area. */
  for (ChcMilestoneKind m = CHC_MILESTONE_APPROVED; m <= CHC_MILESTONE_OPENED; m++)
    {
      g_autofree char *date = g_strdup_printf ("2024-0%d-01", m + 1);
      g_assert_true (chc_database_set_milestone (fx->db, chc_project_get_id (p), m, NULL, date, &error));
      g_assert_no_error (error);
      f = reload (fx, planned);
      g_assert_cmpint (chc_facility_get_status (f), ==,
                       m == CHC_MILESTONE_OPENED ? CHC_FACILITY_OPERATING : CHC_FACILITY_PLANNED);
      g_clear_object (&f);
    }
  f = reload (fx, planned);
  g_assert_cmpfloat (chc_facility_get_floor_area (f), ==, 8000);
  g_clear_object (&f);

  /* Undo the opening: planned again, floor area back to 0. */
  g_assert_true (chc_database_set_milestone (fx->db, chc_project_get_id (p), CHC_MILESTONE_OPENED, NULL, "", &error));
  g_assert_no_error (error);
  f = reload (fx, planned);
  g_assert_cmpint (chc_facility_get_status (f), ==, CHC_FACILITY_PLANNED);
  g_assert_cmpfloat (chc_facility_get_floor_area (f), ==, 0);
  g_clear_object (&f);

  /* Deleting the project of a facility that never opened deletes the
   * facility it created. */
  g_assert_true (chc_database_delete_project (fx->db, chc_project_get_id (p), &error));
  g_assert_no_error (error);
  f = chc_database_get_facility (fx->db, chc_facility_get_id (planned), &error);
  g_assert_null (f);
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND);
}

static void
test_batch_all_or_nothing (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(ChcFacility) v2 = add_facility (fx, "T-V2", "第二村卫生室", CHC_FACILITY_VILLAGE_CLINIC, fx->town, 100);
  g_autoptr(ChcFacility) s1 = add_facility (fx, "T-S1", "第一卫生站", CHC_FACILITY_STATION, fx->other_town, 180);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (batch, standardization_of (fx->clinic, 2025));
  g_ptr_array_add (batch, standardization_of (v2, 2025));
  g_ptr_array_add (batch, standardization_of (s1, 2025));
  chc_project_set_actual (g_ptr_array_index (batch, 2), CHC_MILESTONE_APPROVED, "2099-01-01");

  g_assert_false (chc_database_add_projects (fx->db, batch, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "第一卫生站"));
  g_clear_error (&error);
  list = chc_database_list_projects (fx->db, 0, NULL, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  for (guint i = 0; i < batch->len; i++)
    g_assert_cmpint (chc_project_get_id (g_ptr_array_index (batch, i)), ==, 0);

  chc_project_set_actual (g_ptr_array_index (batch, 2), CHC_MILESTONE_APPROVED, "2025-01-20");
  g_assert_true (chc_database_add_projects (fx->db, batch, &error));
  g_assert_no_error (error);
  list = chc_database_list_projects (fx->db, 0, NULL, &error);
  g_assert_cmpuint (list->len, ==, 3);
}

static void
test_list_filters (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(ChcFacility) s1 = add_facility (fx, "T-S1", "第一卫生站", CHC_FACILITY_STATION, fx->other_town, 180);
  g_autoptr(ChcProject) a = standardization_of (fx->clinic, 2024);   /* town 1 */
  g_autoptr(ChcProject) b = standardization_of (s1, 2025);           /* town 2 */
  g_autoptr(ChcProject) c = chc_project_new ();                      /* relocation of the centre */
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  ChcProjectFilter filter;

  chc_project_set_actual (a, CHC_MILESTONE_APPROVED, "2024-02-01");
  chc_project_set_actual (a, CHC_MILESTONE_STARTED, "2024-04-01");  /* completion planned 2024-10-31 */
  chc_project_set_actual (b, CHC_MILESTONE_APPROVED, "2025-02-01"); /* start planned 2025-04-01 */
  chc_project_set_facility_id (c, chc_facility_get_id (fx->centre));
  chc_project_set_kind (c, CHC_PROJECT_RELOCATION);
  chc_project_set_plan_year (c, 2025);
  g_assert_true (chc_database_add_project (fx->db, a, NULL, &error));
  g_assert_true (chc_database_add_project (fx->db, b, NULL, &error));
  g_assert_true (chc_database_add_project (fx->db, c, NULL, &error));
  g_assert_no_error (error);

  chc_project_filter_init (&filter);
  filter.as_of = jd ("2025-05-01");
  filter.late_only = TRUE;
  list = chc_database_list_projects (fx->db, fx->qingpu, &filter, &error);
  g_assert_no_error (error);
  /* a: completion 182 days late; b: start 30 days late; c: no dates. */
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  filter.late_only = FALSE;
  filter.town_id = fx->other_town;
  list = chc_database_list_projects (fx->db, fx->qingpu, &filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (chc_project_get_id (g_ptr_array_index (list, 0)), ==, chc_project_get_id (b));
  g_clear_pointer (&list, g_ptr_array_unref);

  chc_project_filter_init (&filter);
  filter.kind = CHC_PROJECT_RELOCATION;
  list = chc_database_list_projects (fx->db, fx->qingpu, &filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (chc_project_get_id (g_ptr_array_index (list, 0)), ==, chc_project_get_id (c));
  g_clear_pointer (&list, g_ptr_array_unref);

  chc_project_filter_init (&filter);
  filter.stage = CHC_PROJECT_STAGE_STARTED;
  filter.plan_year = 2024;
  list = chc_database_list_projects (fx->db, fx->qingpu, &filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (chc_project_get_id (g_ptr_array_index (list, 0)), ==, chc_project_get_id (a));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* As of a date before its start, a was only approved. */
  filter.as_of = jd ("2024-03-01");
  list = chc_database_list_projects (fx->db, fx->qingpu, &filter, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = chc_database_list_projects (fx->db, 0, NULL, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (chc_project_get_actual (g_ptr_array_index (list, 0), CHC_MILESTONE_STARTED), ==, "2024-04-01");
}

/* ---- demo data and chc-cli ---------------------------------------------- */

static ChcProject *
find_project (GPtrArray      *list,
              const char     *facility,
              ChcProjectKind  kind)
{
  for (guint i = 0; i < list->len; i++)
    {
      ChcProject *p = g_ptr_array_index (list, i);
      if (g_str_equal (chc_project_get_facility_name (p), facility) &&
          chc_project_get_kind (p) == kind)
        return p;
    }
  g_error ("no %s project of %s", chc_project_kind_to_nick (kind), facility);
  return NULL;
}

static void
test_demo (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) late = NULL;
  g_autoptr(ChcFacility) f = NULL;
  g_autoptr(GError) error = NULL;
  ChcProjectFilter filter;
  ChcProjectStatus s;
  ChcProject *p;
  guint32 as_of = jd ("2026-11-24");
  static const struct {
    const char *facility;
    ChcProjectKind kind;
  } named[] = {
    { "白鹤社区卫生服务中心", CHC_PROJECT_OPENING },
    { "金泽社区卫生服务中心商榻分中心", CHC_PROJECT_OPENING },
    { "金泽社区卫生服务中心", CHC_PROJECT_STANDARDIZATION },
    { "练塘社区卫生服务中心蒸淀分中心", CHC_PROJECT_STANDARDIZATION },
    { "白鹤社区卫生服务中心赵屯分中心", CHC_PROJECT_STANDARDIZATION },
    { "朱家角社区卫生服务中心", CHC_PROJECT_RELOCATION },
    { "华新社区卫生服务中心凤溪分中心", CHC_PROJECT_RELOCATION },
    { "香花桥社区卫生服务中心", CHC_PROJECT_RELOCATION },
    { "西岑社区卫生服务中心", CHC_PROJECT_NEW_BUILD },
    { "夏阳社区卫生服务中心", CHC_PROJECT_NEW_BUILD },
    { "新城一站大型居住社区社区卫生服务中心", CHC_PROJECT_NEW_BUILD },
    { "华阳社区卫生服务中心", CHC_PROJECT_RELOCATION },
    { "新泾社区卫生服务中心分中心", CHC_PROJECT_OPENING },
    { "江苏社区卫生服务中心", CHC_PROJECT_RENOVATION },
    { "新华社区卫生服务中心", CHC_PROJECT_RELOCATION },
    { "华阳苏一社区卫生服务站", CHC_PROJECT_RENOVATION },
    { "仙霞茅花社区卫生服务站", CHC_PROJECT_RENOVATION },
    { "天山纺大社区卫生服务站", CHC_PROJECT_RENOVATION },
    { "周家桥范北社区卫生服务站", CHC_PROJECT_RENOVATION },
    { "新泾绿五社区卫生服务站", CHC_PROJECT_RENOVATION },
  };

  all = chc_database_list_projects (db, 0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    find_project (all, named[i].facility, named[i].kind);

  /* 朱家角: construction started in 2025, as the plan says. */
  p = find_project (all, "朱家角社区卫生服务中心", CHC_PROJECT_RELOCATION);
  g_assert_cmpint (chc_date_year (chc_project_get_actual (p, CHC_MILESTONE_STARTED)), ==, 2025);

  /* The yearly batches: three standardizations finished in 2023 and in
   * 2024, three of 2025 not finished. */
  {
    guint finished[3] = { 0 };
    guint unfinished_2025 = 0;

    for (guint i = 0; i < all->len; i++)
      {
        p = g_ptr_array_index (all, i);
        if (chc_project_get_kind (p) != CHC_PROJECT_STANDARDIZATION ||
            (chc_project_get_facility_type (p) != CHC_FACILITY_STATION &&
             chc_project_get_facility_type (p) != CHC_FACILITY_VILLAGE_CLINIC))
          continue;
        chc_project_evaluate (p, as_of, &s);
        if (s.finished)
          finished[chc_project_finished_year (p) - 2023]++;
        else if (chc_project_get_plan_year (p) == 2025)
          unfinished_2025++;
      }
    g_assert_cmpuint (finished[0], ==, 3);
    g_assert_cmpuint (finished[1], ==, 3);
    g_assert_cmpuint (finished[2], ==, 0);
    g_assert_cmpuint (unfinished_2025, ==, 3);
  }

  /* A few are late as of 2026-11-24. */
  chc_project_filter_init (&filter);
  filter.as_of = as_of;
  filter.late_only = TRUE;
  late = chc_database_list_projects (db, 0, &filter, &error);
  g_assert_cmpuint (late->len, >=, 3);
  g_assert_cmpuint (late->len, <=, all->len / 4);

  /* The new build created its planned facility. */
  f = chc_database_find_facility (db, "新城一站大型居住社区社区卫生服务中心", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chc_facility_get_status (f), ==, CHC_FACILITY_PLANNED);
  g_clear_object (&f);

  /* The registry kept its values; undoing a finished project gives the
   * values before it. */
  f = chc_database_find_facility (db, "练塘镇东团村卫生室", 0, &error);
  g_assert_true (chc_facility_get_standardized (f));
  g_assert_cmpint (chc_facility_get_standardized_year (f), ==, 2023);
  g_clear_object (&f);
  p = find_project (all, "练塘镇东团村卫生室", CHC_PROJECT_STANDARDIZATION);
  g_assert_true (chc_database_set_milestone (db, chc_project_get_id (p), CHC_MILESTONE_COMPLETED,
                                             "2023-10-31", NULL, &error));
  g_assert_no_error (error);
  f = chc_database_find_facility (db, "练塘镇东团村卫生室", 0, &error);
  g_assert_false (chc_facility_get_standardized (f));
  g_clear_object (&f);

  f = chc_database_find_facility (db, "华新社区卫生服务中心凤溪分中心", 0, &error);
  g_assert_cmpfloat (chc_facility_get_floor_area (f), ==, 2100);
  g_clear_object (&f);
  p = find_project (all, "华新社区卫生服务中心凤溪分中心", CHC_PROJECT_RELOCATION);
  g_assert_true (chc_database_set_milestone (db, chc_project_get_id (p), CHC_MILESTONE_OPENED,
                                             "2026-06-30", NULL, &error));
  f = chc_database_find_facility (db, "华新社区卫生服务中心凤溪分中心", 0, &error);
  g_assert_cmpfloat (chc_facility_get_floor_area (f), ==, 1500);
  g_clear_object (&f);

  /* Every stored rule holds. */
  {
    g_autoptr(GPtrArray) problems = chc_database_check (db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }

  /* A milestone out of order, written behind the application's back, is
   * found by the check. */
  {
    g_autoptr(GPtrArray) problems = NULL;
    g_autofree char *sql = NULL;
    sqlite3 *handle = NULL;

    p = find_project (all, "西岑社区卫生服务中心", CHC_PROJECT_NEW_BUILD);
    sql = g_strdup_printf ("UPDATE milestone SET actual = '2023-01-01' WHERE project_id = %lld"
                           " AND milestone = 'started'", (long long) chc_project_get_id (p));
    g_assert_cmpint (sqlite3_open (chc_database_get_path (db), &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (handle);
    problems = chc_database_check (db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "西岑社区卫生服务中心"));
  }
}

static void
test_cli (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  const char *path = chc_database_get_path (db);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  guint rows = 0;

  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", path, "projects", "--district", "青浦",
                                                         "--late", "--as-of", "2026-11-24", NULL },
                                     &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "project_id\tfacility_name\tdistrict\ttown\tkind\tplan_year\tstage"
                                 "\tlate\tdays_late\tnext_milestone\tnext_planned_date");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 11);
      g_assert_cmpstr (fields[2], ==, "青浦区");
      g_assert_cmpstr (fields[7], ==, "yes");
      g_assert_cmpint (atoi (fields[8]), >, 0);
      rows++;
    }
  g_assert_cmpuint (rows, >=, 3);
  g_assert_nonnull (strstr (out, "\t香花桥社区卫生服务中心\t青浦区\t香花桥街道\trelocation\t2024\tapproved"
                                 "\tyes\t512\tsite_selected\t2025-06-30\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&lines, g_strfreev);

  /* Every project, as of a typed Chinese date: the 香花桥 relocation was
   * not yet late in March 2025, and not approved in 2024-03. */
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", path, "projects", "--district", "Qingpu",
                                                         "--as-of", "2025年3月1日", NULL },
                                     &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "\t香花桥社区卫生服务中心\t青浦区\t香花桥街道\trelocation\t2024\tapproved"
                                 "\tno\t0\tsite_selected\t2025-06-30\n"));
  g_assert_nonnull (strstr (out, "\t白鹤社区卫生服务中心\t青浦区\t白鹤镇\topening\t2023\topened\tno\t0\t\t\n"));
  g_assert_null (strstr (out, "长宁区"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Usage errors: exit 2. */
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", path, "projects", "--as-of", "2025-02-30", NULL },
                                     &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "2025-02-30"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", path, "projects", "--district", "苏州", NULL },
                                     &out, &err), ==, 2);
}

/* ---- indicator conditions -------------------------------------------------- */

/* How many operating facilities of @district of the given types satisfy
 * condition @name at the end of @year, through the indicator framework
 * (the store's condition table, the count method of core). */
static guint
count_condition (ChcDatabase *db,
                 const char  *district_name,
                 const char  *name,
                 int          year,
                 guint        type_mask)
{
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(ChcSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  const char *const names[] = { name, NULL };
  ChcNoDataReason reason = CHC_NO_DATA_NONE;
  double value = -1;

  g_assert_true (chc_database_has_condition (name));
  district = chc_database_find_district (db, district_name, &error);
  g_assert_no_error (error);
  snapshot = chc_database_load_snapshot (db, chc_district_get_id (district), year, names, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (chc_method_count (snapshot, type_mask, name, &value, &reason));
  return (guint) value;
}

#define CENTRES (1u << CHC_FACILITY_CENTRE)
#define STATIONS (1u << CHC_FACILITY_STATION)
#define VILLAGES (1u << CHC_FACILITY_VILLAGE_CLINIC)

static void
test_conditions_demo (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autoptr(GError) error = NULL;
  guint counts[CHC_N_PROJECT_STAGES];

  /* Qingpu's 12 operating centres: 7 standardized (2017–2023); 金泽's
   * standardization started in April 2025, so it counts from 2025. */
  g_assert_cmpuint (count_condition (db, "青浦", "standardization_started", 2024, CENTRES), ==, 7);
  g_assert_cmpuint (count_condition (db, "青浦", "standardization_started", 2025, CENTRES), ==, 8);
  g_assert_cmpuint (count_condition (db, "青浦", "standardization_started", 2020, CENTRES), ==, 4);

  /* Yearly batches of the demo: 2023 two village clinics and a station,
   * 2024 two village clinics and a station, none finished in 2025. */
  g_assert_cmpuint (count_condition (db, "青浦", "standardized_in_year", 2023, VILLAGES), ==, 2);
  g_assert_cmpuint (count_condition (db, "青浦", "standardized_in_year", 2023, STATIONS), ==, 1);
  g_assert_cmpuint (count_condition (db, "青浦", "standardized_in_year", 2024, STATIONS | VILLAGES), ==, 3);
  g_assert_cmpuint (count_condition (db, "青浦", "standardized_in_year", 2025, VILLAGES), ==, 0);

  /* Changning: 10 of its 16 operating stations have ≥200 m². */
  g_assert_cmpuint (count_condition (db, "长宁", "floor_area_200", 2025, STATIONS), ==, 10);

  /* Projects by stage at the end of 2023 and of 2026 (today, if sooner). */
  {
    g_autoptr(ChcDistrict) qp = chc_database_find_district (db, "青浦", &error);
    guint total = 0;

    g_assert_true (chc_database_count_projects_by_stage (db, chc_district_get_id (qp), 2023, counts, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < CHC_N_PROJECT_STAGES; i++)
      total += counts[i];
    g_assert_cmpuint (total, ==, 21);
    /* Opened by the end of 2023: 白鹤, 商榻. */
    g_assert_cmpuint (counts[CHC_PROJECT_STAGE_OPENED], ==, 2);
    /* The 2023 batch finished. */
    g_assert_cmpuint (counts[CHC_PROJECT_STAGE_COMPLETED], ==, 3);
    g_assert_true (chc_database_count_projects_by_stage (db, chc_district_get_id (qp), 2026, counts, &error));
    g_assert_cmpuint (counts[CHC_PROJECT_STAGE_OPENED], ==, 4);
  }
}

/* floor_area_200 on hand-made data: an upgrade to 220 m² finished in 2025
 * counts from 2025, not in 2024; undone, it counts in neither. */
static void
test_condition_floor_area (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(ChcFacility) s1 = add_facility (fx, "T-S1", "第一卫生站", CHC_FACILITY_STATION, fx->town, 180);
  g_autoptr(ChcProject) p = chc_project_new ();
  g_autoptr(GError) error = NULL;

  chc_project_set_facility_id (p, chc_facility_get_id (s1));
  chc_project_set_kind (p, CHC_PROJECT_RENOVATION);
  chc_project_set_plan_year (p, 2025);
  chc_project_set_area_before (p, 180);
  chc_project_set_area_after (p, 220);
  chc_project_set_actual (p, CHC_MILESTONE_APPROVED, "2025-01-10");
  chc_project_set_actual (p, CHC_MILESTONE_STARTED, "2025-03-01");
  chc_project_set_actual (p, CHC_MILESTONE_COMPLETED, "2025-05-20");
  g_assert_true (chc_database_add_project (fx->db, p, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_condition (fx->db, "青浦", "floor_area_200", 2024, STATIONS), ==, 0);
  g_assert_cmpuint (count_condition (fx->db, "青浦", "floor_area_200", 2025, STATIONS), ==, 1);

  g_assert_true (chc_database_set_milestone (fx->db, chc_project_get_id (p), CHC_MILESTONE_COMPLETED,
                                             NULL, NULL, &error));
  g_assert_cmpuint (count_condition (fx->db, "青浦", "floor_area_200", 2025, STATIONS), ==, 0);

  /* standardization_started: a station whose standardization started in
   * 2025 counts for 2025. */
  {
    g_autoptr(ChcProject) sd = standardization_of (s1, 2025);

    chc_project_set_actual (sd, CHC_MILESTONE_APPROVED, "2025-02-01");
    chc_project_set_actual (sd, CHC_MILESTONE_STARTED, "2025-06-30");
    g_assert_true (chc_database_add_project (fx->db, sd, NULL, &error));
    g_assert_cmpuint (count_condition (fx->db, "青浦", "standardization_started", 2024, STATIONS), ==, 0);
    g_assert_cmpuint (count_condition (fx->db, "青浦", "standardization_started", 2025, STATIONS), ==, 1);
    g_assert_cmpuint (count_condition (fx->db, "青浦", "standardized_in_year", 2025, STATIONS), ==, 0);
  }
}

/* chc-cli indicators on the demo: the construction indicators of the plans
 * have values now. */
static void
test_indicators_cli (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  const char *path = chc_database_get_path (db);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", path, "indicators", "--district", "青浦",
                                                         "--year", "2025", NULL }, &out, &err), ==, 0);
  /* 8 of 12 centres standardized or started (金泽 started in 2025). */
  g_assert_nonnull (strstr (out, "construction.centres_standardized\t"));
  g_assert_nonnull (strstr (out, "\tpercent\t66.7\t60\tmet\t"));
  /* 6 of the 9 operating stations and village clinics. */
  g_assert_nonnull (strstr (out, "construction.stations_standardized\t"));
  g_assert_nonnull (strstr (out, "\tpercent\t66.7\t90\tbehind\t"));
  g_assert_nonnull (strstr (out, "construction.village_clinics_standardized_in_year\t"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", path, "indicators", "--district", "青浦",
                                                         "--year", "2023", NULL }, &out, &err), ==, 0);
  /* 2023: two village clinics (target 50), one station (target 3). */
  g_assert_nonnull (strstr (out, "construction.village_clinics_standardized_in_year\t"));
  g_assert_nonnull (strstr (out, "\tcount\t2\t50\tbehind\t"));
  g_assert_nonnull (strstr (out, "\tcount\t1\t3\tbehind\t"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Changning: 10 of 16 operating stations with ≥200 m² (the planned new
   * stations are not in service). */
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", path, "indicators", "--district", "长宁",
                                                         "--year", "2025", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "construction.stations_floor_area_200\t"));
  g_assert_nonnull (strstr (out, "\tpercent\t62.5\t>50\tmet\t"));
}

#define ADD_STORE_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* The filter's text: projects of the facilities whose name holds it. */
static void
test_filter_text (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_demo ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDistrict) qingpu = chc_database_find_district (database, "青浦", &error);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) some = NULL;
  ChcProjectFilter filter;

  g_assert_no_error (error);
  chc_project_filter_init (&filter);
  all = chc_database_list_projects (database, chc_district_get_id (qingpu), &filter, &error);
  g_assert_no_error (error);
  filter.text = "徐泾";
  some = chc_database_list_projects (database, chc_district_get_id (qingpu), &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (some->len, >, 0);
  g_assert_cmpuint (some->len, <, all->len);
  for (guint i = 0; i < some->len; i++)
    g_assert_nonnull (strstr (chc_project_get_facility_name (g_ptr_array_index (some, i)), "徐泾"));
  filter.text = "zzz";
  g_clear_pointer (&some, g_ptr_array_unref);
  some = chc_database_list_projects (database, chc_district_get_id (qingpu), &filter, &error);
  g_assert_cmpuint (some->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/projects/date/parse", test_date_parse);
  g_test_add_func ("/projects/core/applicability", test_applicability);
  g_test_add_func ("/projects/core/stage-and-lateness", test_stage_and_lateness);
  g_test_add_func ("/projects/core/sort-by-lateness", test_sort_by_lateness);
  g_test_add_func ("/projects/core/rules", test_rules);
  ADD_STORE_TEST ("/projects/store/round-trip", test_store_round_trip);
  ADD_STORE_TEST ("/projects/store/cascaded-milestone-keys", test_cascaded_milestone_keys);
  ADD_STORE_TEST ("/projects/store/refusals", test_store_refusals);
  ADD_STORE_TEST ("/projects/store/standardization-updates-facility", test_standardization_updates_facility);
  ADD_STORE_TEST ("/projects/store/new-build-creates-and-opens", test_new_build_creates_and_opens);
  ADD_STORE_TEST ("/projects/store/batch-all-or-nothing", test_batch_all_or_nothing);
  ADD_STORE_TEST ("/projects/store/list-filters", test_list_filters);
  ADD_STORE_TEST ("/projects/conditions/floor-area", test_condition_floor_area);
  g_test_add_func ("/projects/conditions/demo", test_conditions_demo);
  g_test_add_func ("/projects/conditions/indicators-cli", test_indicators_cli);
  g_test_add_func ("/projects/demo", test_demo);
  g_test_add_func ("/projects/cli", test_cli);

  g_test_add_func ("/projects/filter-text", test_filter_text);
  return g_test_run ();
}
