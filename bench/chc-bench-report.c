/* chc-bench-report.c — a bulletin for a district with 30 centres.
 *
 *   chc-bench-report [N_CENTRES] [ROUNDS] [DB]
 *   chc-bench-report --each-centre DB DIR
 *
 * The second form writes the per-centre editions of every district of DB
 * (e.g. chc-bench-gen's city-scale database) into DIR, one folder per
 * district, and times them (issue 16: 250 editions in under 15 s).
 *
 * Creates the demo database in a temporary folder (or uses DB if it exists,
 * e.g. one made by an earlier run), adds centres to Qingpu until it has
 * N_CENTRES operating centres (default 30), each with two stations, 24
 * months of signing figures, a TCM hall, a specialty clinic and a
 * standardization project, then times gathering the data and writing the
 * year's bulletin as PDF (median of ROUNDS, default 5).  The database is
 * left at DB (when given) for `/usr/bin/time -v chc-cli report …`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "core/chc-signing.h"
#include "io/chc-demo.h"
#include "io/chc-report-sections.h"
#include "store/chc-database-projects.h"
#include "store/chc-database-signing.h"
#include "store/chc-database-tcm.h"

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static gint64
add_facility (ChcDatabase     *db,
              gint64           district_id,
              const char      *code,
              const char      *name,
              ChcFacilityType  type,
              gint64           parent_id)
{
  g_autoptr(ChcFacility) f = chc_facility_new ();
  g_autoptr(GError) error = NULL;

  chc_facility_set_code (f, code);
  chc_facility_set_name (f, name);
  chc_facility_set_facility_type (f, type);
  chc_facility_set_district_id (f, district_id);
  chc_facility_set_parent_id (f, parent_id);
  chc_facility_set_floor_area (f, type == CHC_FACILITY_CENTRE ? 6000 : 220);
  chc_database_add_facility (db, f, &error);
  g_assert_no_error (error);
  return chc_facility_get_id (f);
}

static void
grow_district (ChcDatabase *db,
               ChcDistrict *district,
               guint        n_centres)
{
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;
  guint have = 0;

  facilities = chc_database_list_facilities (db, chc_district_get_id (district), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < facilities->len; i++)
    if (chc_facility_get_facility_type (g_ptr_array_index (facilities, i)) == CHC_FACILITY_CENTRE &&
        chc_facility_get_status (g_ptr_array_index (facilities, i)) == CHC_FACILITY_OPERATING)
      have++;

  chc_database_begin (db, &error);
  g_assert_no_error (error);
  for (guint c = have; c < n_centres; c++)
    {
      g_autofree char *code = g_strdup_printf ("BENCH%03u", c);
      g_autofree char *name = g_strdup_printf ("测试%03u社区卫生服务中心（示例）", c);
      gint64 id = add_facility (db, chc_district_get_id (district), code, name, CHC_FACILITY_CENTRE, 0);
      g_autoptr(ChcSpecialtyClinic) clinic = NULL;
      g_autoptr(ChcProject) project = chc_project_new ();

      for (guint s = 0; s < 2; s++)
        {
          g_autofree char *scode = g_strdup_printf ("BENCH%03uS%u", c, s);
          g_autofree char *sname = g_strdup_printf ("测试%03u第%u卫生服务站（示例）", c, s + 1);
          add_facility (db, chc_district_get_id (district), scode, sname, CHC_FACILITY_STATION, id);
        }
      for (int m = 0; m < 24; m++)
        {
          g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
          ChcSigningRecord *record = chc_signing_record_new ();
          g_autofree char *period = chc_signing_period_format (2023 + m / 12, m % 12 + 1);
          ChcSigningFigures figures = { { 60000 + c * 100, 24000 + c * 40 + m * 150, 15000, 11000 + m * 30,
                                          3000, 90000, 76000 + c * 20 } };

          chc_signing_record_set_facility_id (record, id);
          chc_signing_record_set_period (record, period);
          chc_signing_record_set_figures (record, &figures);
          g_ptr_array_add (records, record);
          chc_database_save_signing_month (db, period, records, TRUE, &error);
          g_assert_no_error (error);
        }
      chc_database_add_tcm_site_event (db, id, CHC_TCM_SITE_HALL, "2023-03-01",
                                       c % 3 ? CHC_TCM_STATE_UP_TO_STANDARD : CHC_TCM_STATE_IN_SERVICE, &error);
      g_assert_no_error (error);
      clinic = chc_specialty_clinic_new (0, id, "针灸", "2023-05-01", NULL);
      chc_database_add_specialty_clinic (db, clinic, &error);
      g_assert_no_error (error);
      chc_project_set_facility_id (project, id);
      chc_project_set_kind (project, CHC_PROJECT_STANDARDIZATION);
      chc_project_set_plan_year (project, 2024);
      chc_project_set_planned (project, CHC_MILESTONE_APPROVED, "2024-03-01");
      chc_project_set_planned (project, CHC_MILESTONE_STARTED, "2024-06-01");
      chc_database_add_project (db, project, NULL, &error);
      g_assert_no_error (error);
    }
  chc_database_commit (db, &error);
  g_assert_no_error (error);
}

static int
each_centre (const char *db_path,
             const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) db = chc_database_open (db_path, &error);
  g_autoptr(GPtrArray) districts = NULL;
  gint64 start;
  guint n = 0;

  g_assert_no_error (error);
  districts = chc_database_list_districts (db, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < districts->len; i++)
    {
      ChcDistrict *district = g_ptr_array_index (districts, i);
      g_autofree char *sub = g_build_filename (dir, chc_district_get_name_en (district), NULL);
      ChcReportOptions options = { 0 };
      g_auto(GStrv) written = NULL;

      options.district_id = chc_district_get_id (district);
      options.year = 2024;
      options.issue_date = "2025-01-15";
      written = chc_report_write_each_centre (db, &options, sub, NULL, &error);
      g_assert_no_error (error);
      n += g_strv_length (written);
    }
  g_print ("districts\teditions\ttotal_ms\tms_per_edition\n");
  g_print ("%u\t%u\t%.0f\t%.1f\n", districts->len, n, (g_get_monotonic_time () - start) / 1000.0,
           n ? (g_get_monotonic_time () - start) / 1000.0 / n : 0.0);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  guint n_centres;

  if (argc == 4 && g_str_equal (argv[1], "--each-centre"))
    return each_centre (argv[2], argv[3]);
  n_centres = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 30;
  guint rounds = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 5;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(ChcDistrict) qingpu = NULL;
  g_autoptr(GArray) t_build = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_pdf = g_array_new (FALSE, FALSE, sizeof (double));
  ChcReportOptions options = { 0 };
  gboolean fresh;
  int n_pages = 0;

  dir = g_dir_make_tmp ("chc-bench-report-XXXXXX", &error);
  g_assert_no_error (error);
  path = argc > 3 ? g_strdup (argv[3]) : g_build_filename (dir, "bench.db", NULL);
  pdf = g_build_filename (dir, "bulletin.pdf", NULL);
  fresh = !g_file_test (path, G_FILE_TEST_EXISTS);
  db = chc_database_open (path, &error);
  g_assert_no_error (error);
  if (fresh)
    {
      chc_demo_populate (db, &error);
      g_assert_no_error (error);
    }
  qingpu = chc_database_find_district (db, "Qingpu", &error);
  g_assert_no_error (error);
  grow_district (db, qingpu, n_centres);

  options.district_id = chc_district_get_id (qingpu);
  options.year = 2024;
  for (guint r = 0; r < rounds; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(ChcReport) report = chc_report_build (db, &options, NULL, &error);
      gint64 t1;
      double build_ms, pdf_ms;

      g_assert_no_error (error);
      t1 = g_get_monotonic_time ();
      chc_report_write_pdf (report, pdf, &error);
      g_assert_no_error (error);
      build_ms = (t1 - t0) / 1000.0;
      pdf_ms = (g_get_monotonic_time () - t1) / 1000.0;
      g_array_append_val (t_build, build_ms);
      g_array_append_val (t_pdf, pdf_ms);
      n_pages = chc_report_get_n_pages (report, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT);
    }
  g_array_sort (t_build, compare_double);
  g_array_sort (t_pdf, compare_double);
  g_print ("centres\tpages\tgather_ms\tlayout_and_pdf_ms\ttotal_ms\n");
  g_print ("%u\t%d\t%.1f\t%.1f\t%.1f\n", n_centres, n_pages,
           g_array_index (t_build, double, rounds / 2), g_array_index (t_pdf, double, rounds / 2),
           g_array_index (t_build, double, rounds / 2) + g_array_index (t_pdf, double, rounds / 2));
  g_unlink (pdf);
  if (argc <= 3)
    g_unlink (path);
  g_rmdir (dir);
  return 0;
}
