/* test-report.c — bulletins: layout (repeated table headers, wrapping,
 * margins, page count in the footer, watermark), sections, chc-cli report
 * and form.  PDFs are read back with poppler's pdftotext and pdfinfo.
 *
 * Runs under LC_ALL=C.UTF-8, so the bulletin's own words are English.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chc-test-util.h"
#include "io/chc-report-sections.h"

/* Runs a poppler tool; returns its standard output. */
static char *
run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return out;
}

static char *
pdf_text (const char *path,
          int         page)    /* 0: all pages */
{
  g_autofree char *p = g_strdup_printf ("%d", page);

  if (page > 0)
    return run_tool ((const char *[]) { "pdftotext", "-layout", "-f", p, "-l", p, path, "-", NULL });
  return run_tool ((const char *[]) { "pdftotext", "-layout", path, "-", NULL });
}

/* The text of a page in content order with every space and line break
 * removed: rotated text (the watermark) comes out one glyph a line. */
static char *
pdf_text_squeezed (const char *path,
                   int         page)    /* 0: all pages */
{
  g_autofree char *p = g_strdup_printf ("%d", page);
  g_autofree char *raw = page > 0
                         ? run_tool ((const char *[]) { "pdftotext", "-raw", "-f", p, "-l", p, path, "-", NULL })
                         : run_tool ((const char *[]) { "pdftotext", "-raw", path, "-", NULL });
  GString *squeezed = g_string_new (NULL);

  for (const char *c = raw; *c; c++)
    if (!g_ascii_isspace (*c))
      g_string_append_c (squeezed, *c);
  return g_string_free (squeezed, FALSE);
}

static int
pdf_pages (const char *path)
{
  g_autofree char *info = run_tool ((const char *[]) { "pdfinfo", path, NULL });
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return atoi (line + strlen ("\nPages:"));
}

static char *
write_pdf (ChcReport *report)
{
  g_autofree char *dir = chc_test_tmpdir ();
  char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (chc_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  return path;
}

static ChcReport *
long_table_report (guint n_rows)
{
  ChcReport *report = chc_report_new ("Long table");
  ChcReportTable *table = chc_report_table_new (3);

  chc_report_add_title (report, "Long table", NULL);
  chc_report_add_heading (report, "Rows");
  chc_report_table_set_column (table, 0, "Facility name", 3, CHC_REPORT_ALIGN_START);
  chc_report_table_set_column (table, 1, "Residents", 1, CHC_REPORT_ALIGN_END);
  chc_report_table_set_column (table, 2, "Coverage", 1, CHC_REPORT_ALIGN_END);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *name = g_strdup_printf ("测试站%03u", i + 1);
      g_autofree char *residents = g_strdup_printf ("%u", 10000 + i);

      chc_report_table_append (table, (const char *[]) { name, residents, "45.0%" });
    }
  chc_report_add_table (report, table);
  return report;
}

static void
test_table_repeats_header (void)
{
  g_autoptr(ChcReport) report = long_table_report (120);
  g_autofree char *path = write_pdf (report);
  int n_pages = chc_report_get_n_pages (report, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT);

  g_assert_cmpint (n_pages, >=, 3);
  g_assert_cmpint (pdf_pages (path), ==, n_pages);
  for (int p = 1; p <= n_pages; p++)
    {
      g_autofree char *text = pdf_text (path, p);

      /* The header row on every page the table runs onto. */
      g_assert_nonnull (strstr (text, "Facility name"));
      g_assert_nonnull (strstr (text, "Residents"));
      g_assert_nonnull (strstr (text, "Coverage"));
    }
  {
    g_autofree char *all = pdf_text (path, 0);

    /* Every row once, nothing lost at a page break. */
    for (guint i = 1; i <= 120; i++)
      {
        g_autofree char *name = g_strdup_printf ("测试站%03u", i);
        const char *at = strstr (all, name);

        g_assert_nonnull (at);
        g_assert_null (strstr (at + 1, name));
      }
  }
}

static void
test_footer_page_count (void)
{
  g_autoptr(ChcReport) report = long_table_report (200);
  g_autofree char *path = write_pdf (report);
  int n_pages = pdf_pages (path);

  g_assert_cmpint (n_pages, ==, chc_report_get_n_pages (report, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT));
  for (int p = 1; p <= n_pages; p++)
    {
      g_autofree char *text = pdf_text (path, p);
      g_autofree char *footer = g_strdup_printf ("Page %d of %d", p, n_pages);

      g_assert_nonnull (strstr (text, footer));
    }

  /* A page break makes a page; several in a row make one. */
  {
    g_autoptr(ChcReport) small = chc_report_new ("Breaks");

    chc_report_add_paragraph (small, "one");
    chc_report_add_page_break (small);
    chc_report_add_page_break (small);
    chc_report_add_paragraph (small, "two");
    g_assert_cmpint (chc_report_get_n_pages (small, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT), ==, 2);
  }
}

/* Word boxes of `pdftotext -bbox`: every word within the page's margins
 * (20 mm, less a little for glyph overhang). */
static void
assert_inside_margins (const char *path)
{
  g_autofree char *html = run_tool ((const char *[]) { "pdftotext", "-bbox", path, "-", NULL });
  const char *p = html;
  double margin = 20.0 / 25.4 * 72.0 - 1.0;
  guint words = 0;

  while ((p = strstr (p, "<word xMin=\"")) != NULL)
    {
      double x_min = g_ascii_strtod (p + strlen ("<word xMin=\""), NULL);
      const char *xm = strstr (p, "xMax=\"");

      g_assert_nonnull (xm);
      g_assert_cmpfloat (x_min, >=, margin);
      g_assert_cmpfloat (g_ascii_strtod (xm + strlen ("xMax=\""), NULL), <=, CHC_REPORT_A4_WIDTH - margin);
      words++;
      p = xm;
    }
  g_assert_cmpuint (words, >, 10);
}

static void
test_long_cells_wrap (void)
{
  g_autoptr(ChcReport) report = chc_report_new ("Wrapping");
  ChcReportTable *table = chc_report_table_new (3);
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *all = NULL;

  for (int i = 0; i < 30; i++)
    g_string_append (long_text, "社区卫生服务中心标准化建设 ");
  g_string_append (long_text, "ENDMARK");
  chc_report_table_set_column (table, 0, "Narrow", 1, CHC_REPORT_ALIGN_START);
  chc_report_table_set_column (table, 1, "Number", 1, CHC_REPORT_ALIGN_END);
  chc_report_table_set_column (table, 2, "Wide", 1, CHC_REPORT_ALIGN_START);
  chc_report_table_append (table, (const char *[]) { long_text->str, "123456789012345678901234567890", long_text->str });
  chc_report_add_table (report, table);
  chc_report_add_paragraph (report, long_text->str);
  chc_report_add_key_value (report, "A very long key that goes on and on and on and on and on", long_text->str);

  path = write_pdf (report);
  assert_inside_margins (path);
  all = pdf_text (path, 0);
  /* Wrapped, not cut: the end of each long text is there. */
  g_assert_nonnull (strstr (all, "ENDMARK"));
  g_assert_nonnull (strstr (strstr (all, "ENDMARK") + 1, "ENDMARK"));
}

static void
test_watermark_only_for_demo (void)
{
  g_autoptr(ChcDatabase) demo = chc_test_new_demo ();
  g_autoptr(ChcDatabase) real = chc_test_new_database (TRUE);
  g_autoptr(ChcDistrict) qingpu = NULL;
  g_autoptr(ChcDistrict) qingpu_real = NULL;
  g_autoptr(ChcFacility) centre = NULL;
  g_autoptr(ChcReport) demo_report = NULL;
  g_autoptr(ChcReport) real_report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_path = NULL;
  g_autofree char *real_path = NULL;
  g_autofree char *real_text = NULL;
  ChcReportOptions options = { 0 };
  int n_pages;

  qingpu = chc_database_find_district (demo, "Qingpu", &error);
  g_assert_no_error (error);
  options.district_id = chc_district_get_id (qingpu);
  options.year = 2024;
  demo_report = chc_report_build (demo, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (chc_report_get_demo (demo_report));
  demo_path = write_pdf (demo_report);
  n_pages = pdf_pages (demo_path);
  for (int p = 1; p <= n_pages; p++)
    {
      g_autofree char *text = pdf_text_squeezed (demo_path, p);
      g_assert_nonnull (strstr (text, "示例数据/Demodata"));
    }

  qingpu_real = chc_database_find_district (real, "Qingpu", &error);
  g_assert_no_error (error);
  centre = chc_test_add_centre (real, chc_district_get_id (qingpu_real), "Q001", "测试社区卫生服务中心");
  options.district_id = chc_district_get_id (qingpu_real);
  real_report = chc_report_build (real, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (chc_report_get_demo (real_report));
  real_path = write_pdf (real_report);
  for (int p = 1; p <= pdf_pages (real_path); p++)
    {
      g_autofree char *text = pdf_text_squeezed (real_path, p);
      g_assert_null (strstr (text, "Demodata"));
      g_assert_null (strstr (text, "示例数据"));
    }
  real_text = pdf_text (real_path, 0);
  /* Nothing invented: sections without data say so. */
  g_assert_nonnull (strstr (real_text, "No data for this period."));
}

static void
test_build_content (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_demo ();
  g_autoptr(ChcDistrict) qingpu = NULL;
  g_autoptr(ChcReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *issuer = NULL;
  ChcReportOptions options = { 0 };

  qingpu = chc_database_find_district (database, "青浦", &error);
  g_assert_no_error (error);
  g_assert_true (chc_database_set_meta (database, "report.issuer", "青浦区卫生健康委员会基层卫生科", &error));
  options.district_id = chc_district_get_id (qingpu);
  options.year = 2024;
  options.month = 6;
  options.issue_date = "2024-07-05";
  options.remarks = "请各社区卫生服务中心于7月15日前完成整改。";
  report = chc_report_build (database, &options, NULL, &error);
  g_assert_no_error (error);
  path = write_pdf (report);
  text = pdf_text (path, 0);
  {
    g_autofree char *squeezed = pdf_text_squeezed (path, 0);
    g_assert_nonnull (strstr (squeezed, "关于2024年6月青浦区社区卫生服务能力提升工作情况的通报"));
  }
  g_assert_nonnull (strstr (text, "2024年7月5日"));
  g_assert_nonnull (strstr (text, "青浦区卫生健康委员会基层卫生科"));
  g_assert_nonnull (strstr (text, "7月15日前完成整改"));
  g_assert_nonnull (strstr (text, "青浦区"));

  /* Every operating centre of Qingpu (the TCM table lists them all). */
  {
    g_autoptr(GPtrArray) facilities = chc_database_list_facilities (database, options.district_id, &error);
    guint n_centres = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < facilities->len; i++)
      {
        ChcFacility *f = g_ptr_array_index (facilities, i);

        if (chc_facility_get_facility_type (f) != CHC_FACILITY_CENTRE ||
            chc_facility_get_status (f) != CHC_FACILITY_OPERATING)
          continue;
        n_centres++;
        if (strstr (text, chc_facility_get_name (f)) == NULL)
          g_error ("centre %s missing from the bulletin", chc_facility_get_name (f));
      }
    g_assert_cmpuint (n_centres, ==, 12);
  }
  /* The 2024 targets of Qingpu's plan (seeds 000 and 001). */
  g_assert_nonnull (strstr (text, "Family-doctor signing coverage"));
  g_assert_nonnull (strstr (text, "≥ 45%"));    /* signing coverage */
  g_assert_nonnull (strstr (text, "≥ 85%"));    /* compliance */
  g_assert_nonnull (strstr (text, "≥ 75%"));    /* TCM specialty clinics */
  g_assert_nonnull (strstr (text, "≥ 48%"));    /* specialist slots */
  g_assert_nonnull (strstr (text, "≥ 59"));     /* stations and village clinics standardized */
  /* Construction: the late project first. */
  g_assert_nonnull (strstr (text, "Days late"));

  /* Sections switched off are left out. */
  g_clear_object (&report);
  options.sections = CHC_REPORT_SECTION_REMARKS;
  report = chc_report_build (database, &options, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&text, g_free);
  path = write_pdf (report);
  text = pdf_text (path, 0);
  g_assert_null (strstr (text, "规划指标完成情况"));
  g_assert_null (strstr (text, "Days late"));
  g_assert_null (strstr (text, "附件"));
  g_assert_nonnull (strstr (text, "五、其他事项"));

  /* Bad period, unknown district. */
  g_clear_object (&report);
  options.month = 13;
  report = chc_report_build (database, &options, NULL, &error);
  g_assert_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_PERIOD);
  g_assert_null (report);
  g_clear_error (&error);
  options.month = 0;
  options.district_id = 9999;
  report = chc_report_build (database, &options, NULL, &error);
  g_assert_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_NO_DISTRICT);
  g_assert_null (report);
  (void) issuer;
}

/* The sections from rows, as the store's data will fill them. */
static void
test_sections_from_rows (void)
{
  g_autoptr(ChcReport) report = chc_report_new ("Sections");
  g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_indicator_row_free);
  g_autoptr(GPtrArray) signing = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_signing_row_free);
  g_autoptr(GPtrArray) tcm = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_tcm_row_free);
  g_autoptr(GPtrArray) towns = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_town_row_free);
  g_autoptr(GPtrArray) projects = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_project_row_free);
  static const struct { const char *name; double coverage; } centres[] = {
    { "甲社区卫生服务中心", 47.5 }, { "乙社区卫生服务中心", 44.0 },
    { "丙社区卫生服务中心", 50.26 }, { "丁社区卫生服务中心", -1 },
  };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *a, *b, *c;

  g_ptr_array_add (indicators, chc_report_indicator_row_new ("Family-doctor signing coverage", "46.2%", "≥ 46%",
                                                             CHC_REPORT_STATUS_MET));
  g_ptr_array_add (indicators, chc_report_indicator_row_new ("TCM specialty clinic coverage", "61.0%", "≥ 75%",
                                                             CHC_REPORT_STATUS_BEHIND));
  g_ptr_array_add (indicators, chc_report_indicator_row_new ("Demonstration stations", NULL, "7–10",
                                                             CHC_REPORT_STATUS_NO_DATA));
  for (guint i = 0; i < G_N_ELEMENTS (centres); i++)
    {
      ChcReportSigningRow *row = chc_report_signing_row_new (i + 1, centres[i].name);

      row->coverage = centres[i].coverage;
      row->change = centres[i].coverage >= 0 ? 0.5 : NAN;
      row->key_coverage = 70;
      row->compliance = 85;
      g_ptr_array_add (signing, row);
    }
  g_ptr_array_add (tcm, chc_report_tcm_row_new (1, "甲社区卫生服务中心", "Up to standard", "针灸, 推拿", "Awarded"));
  g_ptr_array_add (towns, chc_report_town_row_new ("甲镇", "TCM demonstration station"));
  g_ptr_array_add (towns, chc_report_town_row_new ("乙镇", NULL));
  g_ptr_array_add (projects, chc_report_project_row_new (1, "On-time project", "Relocation", "Started", 0));
  g_ptr_array_add (projects, chc_report_project_row_new (2, "Late project", "New build", "Approved", 45));
  g_ptr_array_add (projects, chc_report_project_row_new (3, "Very late project", "Renovation", "Topped out", 120));

  chc_report_add_indicator_section (report, "Indicators", indicators);
  chc_report_add_signing_section (report, "Signing", signing, 46.0);
  chc_report_add_signing_chart (report, "Chart", signing, 46.0);
  chc_report_add_tcm_section (report, "TCM", tcm, towns);
  chc_report_add_construction_section (report, "Construction", projects);
  chc_report_add_construction_section (report, "Empty", NULL);
  path = write_pdf (report);
  text = pdf_text (path, 0);

  g_assert_nonnull (strstr (text, "≥ 46%"));
  g_assert_nonnull (strstr (text, "≥ 75%"));
  g_assert_nonnull (strstr (text, "Behind target"));
  g_assert_nonnull (strstr (text, "Met"));
  /* Ranked by coverage: 丙 1st, 甲 2nd, 乙 3rd and below the 46% target. */
  a = strstr (text, "丙社区卫生服务中心");
  b = strstr (text, "甲社区卫生服务中心");
  c = strstr (text, "乙社区卫生服务中心");
  g_assert_true (a != NULL && b != NULL && c != NULL && a < b && b < c);
  g_assert_nonnull (strstr (text, "50.3%"));
  g_assert_nonnull (strstr (text, "+0.5"));
  /* Every column heading says what its values are: coverage of key
   * populations (not a count), changes in percentage points. */
  {
    g_autofree char *squeezed = pdf_text_squeezed (path, 0);

    g_assert_null (strstr (squeezed, "Keypopulations"));
    g_assert_nonnull (strstr (squeezed, "Key-populationcoverage"));
    g_assert_nonnull (strstr (squeezed, "Change(percentagepoints)"));
  }
  g_assert_nonnull (strstr (text, "1 centre is below it"));
  g_assert_nonnull (strstr (text, "▼ Below"));
  g_assert_nonnull (strstr (text, "Target 46.0%"));
  /* Late projects first, the latest first. */
  a = strstr (text, "Very late project");
  b = strstr (text, "Late project");
  c = strstr (text, "On-time project");
  g_assert_true (a != NULL && b != NULL && c != NULL && a < b && b < c);
  g_assert_nonnull (strstr (text, "3 projects, 2 of them late"));
  g_assert_nonnull (strstr (text, "Nothing: complete"));
  g_assert_nonnull (strstr (text, "No data for this period."));
}

static void
test_cli_report_and_form (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "qingpu.pdf", NULL);
  g_autofree char *each = g_build_filename (dir, "each", NULL);
  g_autofree char *form = g_build_filename (dir, "form.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;

  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "init", "--demo", NULL }, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "report", "--district", "Qingpu", "--year", "2024",
                                                        "--centre", "白鹤", "--issuer", "青浦区卫健委",
                                                        "--output", pdf, NULL }, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "file\tpages\n"));
  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "白鹤社区卫生服务中心："));   /* 主送 the centre */
  g_assert_nonnull (strstr (text, "白鹤社区卫生服务中心主要指标情况"));
  g_assert_nonnull (strstr (text, "你中心"));
  g_assert_nonnull (strstr (text, "青浦区卫健委"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_clear_pointer (&text, g_free);

  /* The issuer is remembered. */
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "report", "--district", "青浦区", "--year", "2024",
                                                        "--month", "6", "--output", pdf, NULL }, &out, &err), ==, 0);
  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "青浦区卫健委"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* One PDF per centre: Qingpu's 12 operating centres. */
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "report", "--district", "青浦", "--year", "2024",
                                                        "--each-centre", each, NULL }, &out, &err), ==, 0);
  listing = g_dir_open (each, 0, NULL);
  g_assert_nonnull (listing);
  for (const char *name; (name = g_dir_read_name (listing)) != NULL; )
    {
      g_assert_true (g_str_has_prefix (name, "青浦区-2024-"));
      g_assert_true (g_str_has_suffix (name, ".pdf"));
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 12);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* Usage errors. */
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "report", "--district", "青浦", NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "report", "--district", "青浦", "--year", "2024",
                                                        "--centre", "没有这个中心", "--output", pdf, NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* The blank form: every facility of the centre, boxes, signature; the
   * monthly figures of a centre as declared, the commission's own too. */
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "elements", "add", "--code", "home_beds",
                                                        "--name", "家庭病床建床数", "--unit", "张",
                                                        "--value-type", "integer", "--level", "centre",
                                                        "--period-type", "month", NULL }, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "form", "--centre", "白鹤社区卫生服务中心",
                                                        "--month", "2024-06", "--output", form, NULL }, &out, &err), ==, 0);
  g_clear_pointer (&text, g_free);
  text = pdf_text (form, 0);
  g_assert_nonnull (strstr (text, "Resident population"));
  g_assert_nonnull (strstr (text, "Visits in the community"));
  g_assert_nonnull (strstr (text, "Community outpatient visits"));
  g_assert_nonnull (strstr (text, "Standardized chronic-disease measurements"));
  g_assert_nonnull (strstr (text, "家庭病床建床数"));
  g_assert_null (strstr (text, "General practitioners"));   /* yearly */
  g_assert_null (strstr (text, "Residents of the district"));   /* the district's */
  g_assert_nonnull (strstr (text, "白鹤社区卫生服务中心赵屯分中心"));
  g_assert_nonnull (strstr (text, "白鹤镇响新村卫生室"));
  g_assert_nonnull (strstr (text, "Filled in by:"));
  g_assert_nonnull (strstr (text, "2024-06"));
  assert_inside_margins (form);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "form", "--centre", "白鹤",
                                                        "--month", "2024-13", "--output", form, NULL }, &out, &err), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/layout/table-repeats-header", test_table_repeats_header);
  g_test_add_func ("/report/layout/footer-page-count", test_footer_page_count);
  g_test_add_func ("/report/layout/long-cells-wrap", test_long_cells_wrap);
  g_test_add_func ("/report/build/watermark-only-for-demo", test_watermark_only_for_demo);
  g_test_add_func ("/report/build/content", test_build_content);
  g_test_add_func ("/report/sections/from-rows", test_sections_from_rows);
  g_test_add_func ("/report/cli/report-and-form", test_cli_report_and_form);

  return g_test_run ();
}
