/* test-registry-seed.c — the districts' registries to start from
 * (data/registries/, one .ini a district; io/chc-registry-seed.c, chc-cli init --district).
 *
 * The counts are the seeds': Qingpu's 12 centres (000 附件 七), Changning's
 * "10 个中心、1 个分中心" and the stations 附件4 names, Songjiang's towns
 * only (its plan names no facility).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "chc-test-util.h"
#include "model/chc-project.h"
#include "store/chc-database-projects.h"
#include "io/chc-demo.h"
#include "io/chc-registry-seed.h"

static gint64
district_id (ChcDatabase *db,
             const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDistrict) district = chc_database_find_district (db, name, &error);

  g_assert_no_error (error);
  return chc_district_get_id (district);
}

static GPtrArray *
list_facilities (ChcDatabase *db,
                 const char  *district)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *facilities = chc_database_list_facilities (db, district_id (db, district), &error);

  g_assert_no_error (error);
  return facilities;
}

/* How many facilities of @type (-1: any) with @status (-1: any). */
static guint
count (GPtrArray *facilities,
       int        type,
       int        status)
{
  guint n = 0;

  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (facilities, i);

      if ((type < 0 || (int) chc_facility_get_facility_type (f) == type) &&
          (status < 0 || (int) chc_facility_get_status (f) == status))
        n++;
    }
  return n;
}

static ChcFacility *
find (GPtrArray  *facilities,
      const char *name)
{
  for (guint i = 0; i < facilities->len; i++)
    if (g_str_equal (chc_facility_get_name (g_ptr_array_index (facilities, i)), name))
      return g_ptr_array_index (facilities, i);
  g_error ("no facility %s", name);
  return NULL;
}

/* Every facility: the district's code first, provisional, no invented
 * floor area, not standardized. */
static void
assert_codes_and_figures (GPtrArray  *facilities,
                          const char *admin_code)
{
  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (facilities, i);

      g_assert_true (g_str_has_prefix (chc_facility_get_code (f), admin_code));
      g_assert_cmpuint (strlen (chc_facility_get_code (f)), ==, 9);
      g_assert_true (chc_facility_get_code_provisional (f));
      g_assert_cmpfloat (chc_facility_get_floor_area (f), ==, 0);
      g_assert_false (chc_facility_get_standardized (f));
    }
}

/* The project of @facility of @kind: asserts there is exactly one and
 * returns its plan year. */
static int
project_year (ChcDatabase    *db,
              const char     *district,
              const char     *facility,
              ChcProjectKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) projects = chc_database_list_projects (db, district_id (db, district), NULL, &error);
  int year = 0;
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < projects->len; i++)
    {
      ChcProject *p = g_ptr_array_index (projects, i);

      if (g_str_equal (chc_project_get_facility_name (p), facility) &&
          chc_project_get_kind (p) == kind)
        {
          year = chc_project_get_plan_year (p);
          /* the notes name the clause */
          g_assert_nonnull (strstr (chc_project_get_notes (p), ".txt"));
          g_assert_true (isnan (chc_project_get_budget (p)));
          n++;
        }
    }
  g_assert_cmpuint (n, ==, 1);
  return year;
}

static guint
count_towns (ChcDatabase *db,
             const char  *district)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) towns = chc_database_list_towns (db, district_id (db, district), &error);

  g_assert_no_error (error);
  return towns->len;
}

/* A second load refuses and changes nothing. */
static void
assert_second_load_refused (ChcDatabase *db,
                            const char  *district)
{
  g_autoptr(GError) error = NULL;
  gint64 rows = chc_test_query_int (db, "SELECT (SELECT count(*) FROM facility) + (SELECT count(*) FROM project) + (SELECT count(*) FROM town)");

  g_assert_false (chc_registry_seed_district (db, district, &error));
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IN_USE);
  g_assert_cmpint (chc_test_query_int (db, "SELECT (SELECT count(*) FROM facility) + (SELECT count(*) FROM project) + (SELECT count(*) FROM town)"), ==, rows);
}

static void
test_qingpu (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_database (FALSE);
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;

  /* A new database: districts, towns and plans come first. */
  g_assert_true (chc_registry_seed_district (db, "青浦", &error));
  g_assert_no_error (error);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count(*) FROM plan"), >, 0);
  g_assert_false (chc_database_get_demo (db));

  /* 3 街道 + 8 镇 */
  g_assert_cmpuint (count_towns (db, "青浦"), ==, 11);

  facilities = list_facilities (db, "青浦");
  /* the 12 centres of the plan operate; 西岑 and 新城一站 are planned */
  g_assert_cmpuint (count (facilities, CHC_FACILITY_CENTRE, CHC_FACILITY_OPERATING), ==, 12);
  g_assert_cmpuint (count (facilities, CHC_FACILITY_CENTRE, CHC_FACILITY_PLANNED), ==, 2);
  g_assert_cmpint (chc_facility_get_status (find (facilities, "西岑社区卫生服务中心")), ==, CHC_FACILITY_PLANNED);
  g_assert_cmpint (chc_facility_get_status (find (facilities, "新城一站大型居住社区社区卫生服务中心")), ==, CHC_FACILITY_PLANNED);
  /* branch centres: 蒸淀, 赵屯, 凤溪; 商榻 (to open) and 徐泾's new one planned */
  g_assert_cmpuint (count (facilities, CHC_FACILITY_BRANCH, CHC_FACILITY_OPERATING), ==, 3);
  g_assert_cmpuint (count (facilities, CHC_FACILITY_BRANCH, CHC_FACILITY_PLANNED), ==, 2);
  g_assert_cmpstr (chc_facility_get_parent_name (find (facilities, "金泽社区卫生服务中心商榻分中心")), ==, "金泽社区卫生服务中心");
  g_assert_cmpstr (chc_facility_get_town_name (find (facilities, "练塘东团村社区卫生服务站")), ==, "练塘镇");
  g_assert_cmpuint (count (facilities, CHC_FACILITY_STATION, CHC_FACILITY_PLANNED), ==, 2);
  g_assert_cmpuint (count (facilities, CHC_FACILITY_VILLAGE_CLINIC, -1), ==, 0);
  /* 中山青浦分院, 区中医院, 朱家角人民医院, 德达 and the three of 004 */
  g_assert_cmpuint (count (facilities, CHC_FACILITY_HOSPITAL, -1), ==, 7);
  g_assert_cmpint (chc_facility_get_facility_type (find (facilities, "青浦区中医院")), ==, CHC_FACILITY_HOSPITAL);
  g_assert_cmpint (chc_facility_get_parent_id (find (facilities, "朱家角人民医院")), ==, 0);
  g_assert_cmpuint (facilities->len, ==, 28);
  assert_codes_and_figures (facilities, "310118");
  g_assert_cmpstr (chc_facility_get_code (find (facilities, "白鹤社区卫生服务中心")), ==, "310118C01");

  /* the named items, with their kind and year */
  g_assert_cmpint (project_year (db, "青浦", "朱家角社区卫生服务中心", CHC_PROJECT_RELOCATION), ==, 2025);
  g_assert_cmpint (project_year (db, "青浦", "新城一站大型居住社区社区卫生服务中心", CHC_PROJECT_OPENING), ==, 2025);
  g_assert_cmpint (project_year (db, "青浦", "西岑社区卫生服务中心", CHC_PROJECT_NEW_BUILD), ==, 2024);
  g_assert_cmpint (project_year (db, "青浦", "金泽社区卫生服务中心商榻分中心", CHC_PROJECT_OPENING), ==, 2023);
  g_assert_cmpint (project_year (db, "青浦", "徐泾社区卫生服务中心分中心", CHC_PROJECT_NEW_BUILD), ==, 2024);
  g_assert_cmpint (project_year (db, "青浦", "练塘社区卫生服务中心蒸淀分中心", CHC_PROJECT_STANDARDIZATION), ==, 2025);
  g_assert_cmpint (project_year (db, "青浦", "练塘东团村社区卫生服务站", CHC_PROJECT_TCM_ITINERANT), ==, 2025);
  g_assert_cmpint (project_year (db, "青浦", "白鹤响新村社区卫生服务站", CHC_PROJECT_TCM_ITINERANT), ==, 2025);
  g_assert_cmpint (project_year (db, "青浦", "夏阳社区卫生服务中心", CHC_PROJECT_FEASIBILITY_STUDY), ==, 2025);

  /* the stored data keeps every rule */
  {
    g_autoptr(GPtrArray) problems = chc_database_check (db, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }

  assert_second_load_refused (db, "Qingpu");
  assert_second_load_refused (db, "310118");
}

static void
test_changning (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_database (TRUE);
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;

  /* an existing database with the districts' towns (chc-cli init) */
  g_assert_true (chc_registry_seed_district (db, "Changning", &error));
  g_assert_no_error (error);

  /* 9 街道 + 新泾镇 */
  g_assert_cmpuint (count_towns (db, "长宁"), ==, 10);

  facilities = list_facilities (db, "长宁");
  /* "10 个中心、1 个分中心" */
  g_assert_cmpuint (count (facilities, CHC_FACILITY_CENTRE, -1), ==, 10);
  g_assert_cmpuint (count (facilities, CHC_FACILITY_CENTRE, CHC_FACILITY_OPERATING), ==, 10);
  g_assert_cmpuint (count (facilities, CHC_FACILITY_BRANCH, CHC_FACILITY_PLANNED), ==, 1);
  g_assert_cmpuint (count (facilities, CHC_FACILITY_BRANCH, -1), ==, 1);
  /* the 16 stations 附件4 names (5 upgraded, 6 improved, 5 co-located) and
   * the 6 new ones (虹桥 2, 新华, 仙霞, 北新泾, 新泾) */
  g_assert_cmpuint (count (facilities, CHC_FACILITY_STATION, CHC_FACILITY_OPERATING), ==, 16);
  g_assert_cmpuint (count (facilities, CHC_FACILITY_STATION, CHC_FACILITY_PLANNED), ==, 6);
  g_assert_cmpstr (chc_facility_get_parent_name (find (facilities, "仙霞天五社区卫生服务站")), ==, "仙霞社区卫生服务中心");
  g_assert_cmpstr (chc_facility_get_town_name (find (facilities, "仙霞天五社区卫生服务站")), ==, "仙霞新村街道");
  g_assert_cmpuint (count (facilities, CHC_FACILITY_HOSPITAL, -1), ==, 10);
  g_assert_cmpint (chc_facility_get_facility_type (find (facilities, "同仁医院")), ==, CHC_FACILITY_HOSPITAL);
  g_assert_cmpint (chc_facility_get_facility_type (find (facilities, "天山中医医院")), ==, CHC_FACILITY_HOSPITAL);
  assert_codes_and_figures (facilities, "310105");

  g_assert_cmpint (project_year (db, "长宁", "华阳社区卫生服务中心", CHC_PROJECT_RELOCATION), ==, 2025);
  g_assert_cmpint (project_year (db, "长宁", "新泾社区卫生服务中心分中心", CHC_PROJECT_NEW_BUILD), ==, 2025);
  g_assert_cmpint (project_year (db, "长宁", "江苏社区卫生服务中心", CHC_PROJECT_RENOVATION), ==, 2025);
  g_assert_cmpint (project_year (db, "长宁", "虹桥新建社区卫生服务站（二）", CHC_PROJECT_NEW_BUILD), ==, 2025);
  /* studies, not renovations */
  g_assert_cmpint (project_year (db, "长宁", "仙霞社区卫生服务中心", CHC_PROJECT_FEASIBILITY_STUDY), ==, 2025);
  g_assert_cmpint (project_year (db, "长宁", "天山社区卫生服务中心", CHC_PROJECT_FEASIBILITY_STUDY), ==, 2025);
  g_assert_cmpint (project_year (db, "长宁", "光华中西医结合医院", CHC_PROJECT_RELOCATION), ==, 2025);
  /* another district is left alone */
  g_assert_cmpint (chc_test_query_int (db, "SELECT count(*) FROM facility f JOIN district d ON d.id = f.district_id WHERE d.code <> '310105'"), ==, 0);

  assert_second_load_refused (db, "长宁区");
}

static void
test_songjiang (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_database (FALSE);
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (chc_registry_seed_district (db, "松江区", &error));
  g_assert_no_error (error);
  /* 6 街道 + 11 镇; its plan names no facility */
  g_assert_cmpuint (count_towns (db, "松江"), ==, 17);
  facilities = list_facilities (db, "松江");
  g_assert_cmpuint (facilities->len, ==, 0);
  /* loaded once only, though it has no facilities */
  assert_second_load_refused (db, "Songjiang");
}

static void
test_refusals (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_database (TRUE);
  g_autoptr(ChcFacility) centre = NULL;
  g_autoptr(GError) error = NULL;

  /* a district whose registry the user began */
  centre = chc_test_add_centre (db, district_id (db, "青浦"), "Q1", "某社区卫生服务中心");
  assert_second_load_refused (db, "青浦");
  g_assert_cmpint (chc_test_query_int (db, "SELECT count(*) FROM facility"), ==, 1);

  /* a district without a built-in registry, and no district at all */
  g_assert_false (chc_registry_seed_district (db, "浦东新区", &error));
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (chc_registry_seed_district (db, "苏州", &error));
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND);
}

/* Every entry of the files names its source clause in a seed. */
static void
test_files (void)
{
  static const char *const files[] = { "qingpu.ini", "changning.ini", "songjiang.ini" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "registries", files[i], NULL);
      g_autoptr(GKeyFile) key_file = g_key_file_new ();
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) groups = NULL;

      g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error);
      g_assert_no_error (error);
      groups = g_key_file_get_groups (key_file, NULL);
      for (guint g = 0; groups[g] != NULL; g++)
        {
          g_autofree char *source = g_key_file_get_string (key_file, groups[g], "source", NULL);

          if (!g_str_has_prefix (groups[g], "facility ") && !g_str_has_prefix (groups[g], "project "))
            continue;
          g_assert_nonnull (source);
          g_assert_true (strstr (source, "_") != NULL && strstr (source, ".txt ") != NULL);
          /* no invented figure */
          g_assert_false (g_key_file_has_key (key_file, groups[g], "floor_area", NULL));
          g_assert_false (g_key_file_has_key (key_file, groups[g], "budget", NULL));
        }
    }
}

static void
test_cli (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "real.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "init", "--district", "青浦", NULL });
  g_assert_nonnull (strstr (err, "青浦区"));
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "facilities", "--district", "青浦", NULL });
  g_assert_nonnull (strstr (out, "310118C13\t西岑社区卫生服务中心\tcentre\t青浦区\t金泽镇\t\t0.0\tno\t\tplanned"));
  g_assert_nonnull (strstr (out, "\tcode_provisional\n"));
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "projects", "--district", "青浦", NULL });
  g_assert_nonnull (strstr (out, "朱家角社区卫生服务中心\t青浦区\t朱家角镇\trelocation\t2025"));

  /* a second time: refused, exit 1, in plain words */
  chc_test_run_cli_expect (1, &out, &err, (const char *[]) { "--db", db, "init", "--district", "Qingpu", NULL });
  g_assert_nonnull (strstr (err, "already loaded"));

  /* another district of the same database */
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "init", "-d", "Changning", NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "check", NULL });

  /* --demo and --district together, and a district without a registry */
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) { "--db", db, "init", "--demo", "--district", "松江", NULL });
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) { "--db", db, "init", "--district", "浦东", NULL });
}

/* The demo's invented Songjiang centres say so. */
static void
test_demo_examples (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autoptr(GPtrArray) facilities = list_facilities (db, "松江");

  g_assert_cmpuint (facilities->len, >, 0);
  for (guint i = 0; i < facilities->len; i++)
    g_assert_true (g_str_has_suffix (chc_facility_get_name (g_ptr_array_index (facilities, i)), "（示例）"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/registry-seed/qingpu", test_qingpu);
  g_test_add_func ("/registry-seed/changning", test_changning);
  g_test_add_func ("/registry-seed/songjiang", test_songjiang);
  g_test_add_func ("/registry-seed/refusals", test_refusals);
  g_test_add_func ("/registry-seed/files", test_files);
  g_test_add_func ("/registry-seed/cli", test_cli);
  g_test_add_func ("/registry-seed/demo-examples", test_demo_examples);

  return g_test_run ();
}
