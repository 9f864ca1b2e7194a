/* test-bulletin-register.c — issue 15, items 6 and 7 in the bulletin: a
 * centre that has not reported is 未报 and never ranked (also when only
 * its branch reported), and issued bulletins are recorded with the
 * figures they showed: the checksum, the reprint from them and the
 * register's "changed" (library and chc-cli).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "chc-test-util.h"
#include "io/chc-report-sections.h"
#include "store/chc-database-bulletins.h"

#define SIGNING_TITLE "各中心家庭医生签约服务情况"

static gint64
qingpu_id (ChcDatabase *db)
{
  return chc_test_query_int (db, "SELECT id FROM district WHERE code = '310118'");
}

static void
set_options (ChcDatabase      *db,
             ChcReportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->district_id = qingpu_id (db);
  options->year = 2025;
  options->month = 6;
  options->issue_date = "2025-07-01";
}

static void
find_signing_table_cb (const char     *title,
                       ChcReportTable *table,
                       gpointer        user_data)
{
  ChcReportTable **found = user_data;

  if (*found == NULL && g_strcmp0 (title, SIGNING_TITLE) == 0)
    *found = table;
}

static ChcReportTable *
signing_table (ChcReport *report)
{
  ChcReportTable *table = NULL;

  chc_report_foreach_table (report, find_signing_table_cb, &table);
  g_assert_nonnull (table);
  return table;
}

/* The row whose centre column starts with @name, or -1. */
static int
row_of (ChcReportTable *table,
        const char     *name)
{
  for (guint r = 0; r < chc_report_table_get_n_rows (table); r++)
    {
      const char *cell = chc_report_table_get_cell (table, r, 1);
      const char *start = cell;

      while (g_str_has_prefix (start, "　"))
        start += strlen ("　");
      if (g_str_has_prefix (start, name))
        return (int) r;
    }
  return -1;
}

static gboolean
is_not_reported (const char *cell)
{
  return g_strcmp0 (cell, "未报") == 0 || g_strcmp0 (cell, "Not reported") == 0;
}

/* Ranks are 1… over the rows that have one, never on a 未报 row, and all
 * ranked rows come first. */
static guint
assert_ranks (ChcReportTable *table)
{
  guint ranked = 0;
  gboolean after = FALSE;

  for (guint r = 0; r < chc_report_table_get_n_rows (table); r++)
    {
      const char *rank = chc_report_table_get_cell (table, r, 0);

      if (g_strcmp0 (rank, "—") == 0)
        {
          after = TRUE;
          continue;
        }
      g_assert_false (after);
      g_assert_false (is_not_reported (chc_report_table_get_cell (table, r, 2)));
      g_assert_cmpint (atoi (rank), >=, 1);
      g_assert_cmpint (atoi (rank), <=, (int) r + 1);
      ranked++;
    }
  return ranked;
}

static ChcReport *
build (ChcDatabase *db)
{
  g_autoptr(GError) error = NULL;
  ChcReportOptions options;
  ChcReport *report;

  set_options (db, &options);
  report = chc_report_build (db, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
test_missing_centre (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autoptr(ChcReport) report = NULL;
  ChcReportTable *table;
  const ChcReportText *text;
  int r;

  chc_test_exec (db, "signing",
                 "DELETE FROM signing WHERE period = '2025-06'"
                 " AND facility_id = (SELECT id FROM facility WHERE code = '310118C12')");
  report = build (db);
  table = signing_table (report);

  /* 12 centres: 11 ranked, 徐泾北 未报 (no rank, no figures) at the end. */
  g_assert_cmpuint (chc_report_table_get_n_rows (table), ==, 12);
  g_assert_cmpuint (assert_ranks (table), ==, 11);
  r = row_of (table, "徐泾北社区卫生服务中心");
  g_assert_cmpint (r, ==, 11);
  g_assert_cmpstr (chc_report_table_get_cell (table, r, 0), ==, "—");
  g_assert_true (is_not_reported (chc_report_table_get_cell (table, r, 2)));
  g_assert_true (is_not_reported (chc_report_table_get_cell (table, r, 4)));
  g_assert_true (is_not_reported (chc_report_table_get_cell (table, r, 5)));
  g_assert_cmpstr (chc_report_table_get_cell (table, r, 3), ==, "—");

  /* The text says how many of how many, names it, and its comparisons are
   * over those that reported. */
  text = chc_report_get_text (report);
  g_assert_nonnull (strstr (text->sections[CHC_REPORT_TEXT_BASIC],
                            "12家中心中已报送11家，未报：徐泾北社区卫生服务中心"));
  g_assert_nonnull (strstr (text->sections[CHC_REPORT_TEXT_INDICATORS], "全区已报送的11家中心"));
  g_assert_nonnull (strstr (text->sections[CHC_REPORT_TEXT_INDICATORS], "另有1家中心未报"));
  g_assert_nonnull (strstr (text->sections[CHC_REPORT_TEXT_PROBLEMS], "徐泾北社区卫生服务中心未报送2025年6月"));
  g_assert_null (strstr (text->sections[CHC_REPORT_TEXT_INDICATORS], "最低为徐泾北"));
}

static void
test_centre_missing_branch_reported (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autoptr(ChcReport) report = NULL;
  g_autofree char *branch_name = NULL;
  g_autofree char *branch_coverage = NULL;
  ChcReportTable *table;
  const ChcReportText *text;
  int centre_row, branch_row;

  /* 练塘's own row of the month is missing; its branch 蒸淀 reported. */
  chc_test_exec (db, "signing",
                 "DELETE FROM signing WHERE period = '2025-06'"
                 " AND facility_id = (SELECT id FROM facility WHERE code = '310118C08')");
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM signing WHERE period = '2025-06'"
                                           " AND facility_id = (SELECT id FROM facility WHERE code = '310118B02')"),
                   ==, 1);
  branch_name = chc_test_query_text (db, "SELECT name FROM facility WHERE code = '310118B02'");
  branch_coverage = chc_test_query_text (db, "SELECT printf ('%.1f%%', 100.0 * signed_residents / resident_population)"
                                             " FROM signing WHERE period = '2025-06'"
                                             " AND facility_id = (SELECT id FROM facility WHERE code = '310118B02')");
  report = build (db);
  table = signing_table (report);

  /* The centre is 未报, not ranked on its branch's figures; the branch is
   * a line of its own (†) with its own figures, right after it, unranked. */
  g_assert_cmpuint (chc_report_table_get_n_rows (table), ==, 13);
  g_assert_cmpuint (assert_ranks (table), ==, 11);
  centre_row = row_of (table, "练塘社区卫生服务中心");
  branch_row = row_of (table, branch_name);
  g_assert_cmpint (centre_row, >=, 0);
  g_assert_cmpint (branch_row, ==, centre_row + 1);
  g_assert_cmpstr (chc_report_table_get_cell (table, centre_row, 0), ==, "—");
  g_assert_true (is_not_reported (chc_report_table_get_cell (table, centre_row, 2)));
  g_assert_cmpstr (chc_report_table_get_cell (table, branch_row, 0), ==, "—");
  g_assert_cmpstr (chc_report_table_get_cell (table, branch_row, 2), ==, branch_coverage);
  g_assert_true (g_str_has_suffix (chc_report_table_get_cell (table, branch_row, 1), "†"));

  text = chc_report_get_text (report);
  g_assert_nonnull (strstr (text->sections[CHC_REPORT_TEXT_BASIC],
                            "12家中心中已报送11家，未报：练塘社区卫生服务中心"));
  g_assert_nonnull (strstr (text->sections[CHC_REPORT_TEXT_BASIC], branch_name));

  /* The centre's own edition says 未报 too. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ChcReport) edition = NULL;
    ChcReportOptions options;

    set_options (db, &options);
    options.centre_id = chc_test_query_int (db, "SELECT id FROM facility WHERE code = '310118C08'");
    edition = chc_report_build (db, &options, NULL, &error);
    g_assert_no_error (error);
    text = chc_report_get_text (edition);
    g_assert_nonnull (strstr (text->sections[CHC_REPORT_TEXT_BASIC], "未报送2025年6月家庭医生签约数据"));
    g_assert_null (strstr (text->sections[CHC_REPORT_TEXT_BASIC], "排名第"));
  }
}

/* Every cell of every table, one line a row. */
static void
append_table_cb (const char     *title,
                 ChcReportTable *table,
                 gpointer        user_data)
{
  GString *s = user_data;

  g_string_append_printf (s, "[%s]\n", title);
  for (guint r = 0; r < chc_report_table_get_n_rows (table); r++)
    {
      for (guint c = 0; c < chc_report_table_get_n_columns (table); c++)
        g_string_append_printf (s, "%s\t", chc_report_table_get_cell (table, r, c));
      g_string_append_c (s, '\n');
    }
}

static char *
tables_of (ChcReport *report)
{
  GString *s = g_string_new (NULL);

  chc_report_foreach_table (report, append_table_cb, s);
  return g_string_free (s, FALSE);
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) (const char *[]) { "pdftotext", "-layout", path, "-", NULL }, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return out;
}

static ChcBulletinIssue *
only_issue (ChcDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = chc_database_list_bulletins (db, qingpu_id (db), &error);
  ChcBulletinIssue *issue;

  g_assert_no_error (error);
  g_assert_cmpuint (issues->len, ==, 1);
  issue = g_ptr_array_steal_index (issues, 0);
  return issue;
}

static void
test_issue_records (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcReport) report = NULL;
  g_autoptr(ChcBulletinIssue) issue = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "issued.pdf", NULL);
  g_autofree char *expected = NULL;
  ChcReportOptions options;
  gboolean changed = TRUE;
  int number = 0;

  set_options (db, &options);
  options.issuer = "青浦区卫生健康委员会";
  report = chc_report_issue (db, &options, path, &number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (number, ==, 1);

  issue = only_issue (db);
  g_assert_cmpint (issue->number, ==, 1);
  g_assert_cmpstr (issue->period, ==, "2025-06");
  g_assert_cmpstr (issue->issue_date, ==, "2025-07-01");
  g_assert_cmpstr (issue->issuer, ==, "青浦区卫生健康委员会");
  g_assert_nonnull (issue->figures);
  expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, issue->figures, -1);
  g_assert_cmpstr (issue->checksum, ==, expected);
  g_assert_cmpuint (strlen (issue->checksum), ==, 64);
  g_assert_nonnull (strstr (issue->figures, "\"signing\""));
  g_assert_nonnull (strstr (issue->figures, "白鹤社区卫生服务中心"));

  /* Nothing changed since: the figures gathered again give the same
   * checksum. */
  g_assert_true (chc_report_figures_changed (db, issue, &changed, &error));
  g_assert_no_error (error);
  g_assert_false (changed);

  /* Issued with the interface in another language: its figures carry
   * names in that language, so they are not compared (never a false
   * "changed"). */
  chc_test_exec (db, NULL, "UPDATE bulletin_issue SET figures = replace (figures, '\"language\":\"', '\"language\":\"xx')");
  g_clear_pointer (&issue, chc_bulletin_issue_free);
  issue = only_issue (db);
  g_assert_nonnull (strstr (issue->figures, "\"language\":\"xx"));
  g_assert_false (chc_report_figures_changed (db, issue, &changed, &error));
  g_assert_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_LANGUAGE);
  g_clear_error (&error);

  /* A register row from before schema 7 has nothing to compare. */
  chc_test_exec (db, NULL, "UPDATE bulletin_issue SET figures = NULL, checksum = NULL");
  g_clear_pointer (&issue, chc_bulletin_issue_free);
  issue = only_issue (db);
  g_assert_false (chc_report_figures_changed (db, issue, &changed, &error));
  g_assert_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_SNAPSHOT);
}

static void
test_reprint_after_change (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcReport) issued = NULL;
  g_autoptr(ChcReport) reprinted = NULL;
  g_autoptr(ChcReport) fresh = NULL;
  g_autoptr(ChcBulletinIssue) issue = NULL;
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "issued.pdf", NULL);
  g_autofree char *again = g_build_filename (dir, "reprinted.pdf", NULL);
  g_autofree char *issued_tables = NULL;
  g_autofree char *reprinted_tables = NULL;
  g_autofree char *fresh_tables = NULL;
  g_autofree char *issued_text = NULL;
  g_autofree char *reprinted_text = NULL;
  ChcReportOptions options;
  gboolean changed = FALSE;

  set_options (db, &options);
  issued = chc_report_issue (db, &options, path, NULL, &error);
  g_assert_no_error (error);
  issued_tables = tables_of (issued);
  issue = only_issue (db);

  /* The figures change after issue: 赵巷 signs every resident and
   * 徐泾北's month is deleted. */
  chc_test_exec (db, "signing",
                 "UPDATE signing SET signed_residents = resident_population WHERE period = '2025-06'"
                 " AND facility_id = (SELECT id FROM facility WHERE code = '310118C05');"
                 "DELETE FROM signing WHERE period = '2025-06'"
                 " AND facility_id = (SELECT id FROM facility WHERE code = '310118C12')");
  g_assert_true (chc_report_figures_changed (db, issue, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);

  /* The reprint shows what was issued: the same tables, the same text of
   * every page; a fresh bulletin shows the new figures. */
  reprinted = chc_report_reprint (db, issue, 0, &error);
  g_assert_no_error (error);
  reprinted_tables = tables_of (reprinted);
  g_assert_cmpstr (reprinted_tables, ==, issued_tables);
  g_assert_true (chc_report_write_pdf (reprinted, again, &error));
  g_assert_no_error (error);
  issued_text = pdf_text (path);
  reprinted_text = pdf_text (again);
  g_assert_cmpstr (reprinted_text, ==, issued_text);
  g_assert_cmpint (chc_report_get_n_pages (reprinted, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT), ==,
                   chc_report_get_n_pages (issued, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT));

  fresh = build (db);
  fresh_tables = tables_of (fresh);
  g_assert_cmpstr (fresh_tables, !=, issued_tables);
  g_assert_nonnull (strstr (fresh_tables, "100.0%"));
  g_assert_null (strstr (issued_tables, "赵巷社区卫生服务中心\t100.0%"));
  g_assert_true (is_not_reported (chc_report_table_get_cell (signing_table (fresh),
                                                             row_of (signing_table (fresh), "徐泾北"), 2)));
  g_assert_false (is_not_reported (chc_report_table_get_cell (signing_table (reprinted),
                                                              row_of (signing_table (reprinted), "徐泾北"), 2)));
}

static void
test_doc_number (void)
{
  g_autofree char *prefix = NULL;
  int year = 0, number = 0;

  g_assert_true (chc_report_parse_doc_number ("青卫健基层〔2025〕3号", &prefix, &year, &number));
  g_assert_cmpstr (prefix, ==, "青卫健基层");
  g_assert_cmpint (year, ==, 2025);
  g_assert_cmpint (number, ==, 3);
  g_clear_pointer (&prefix, g_free);
  g_assert_true (chc_report_parse_doc_number (" 青卫健基层[2024]12 ", &prefix, &year, &number));
  g_assert_cmpstr (prefix, ==, "青卫健基层");
  g_assert_cmpint (number, ==, 12);
  g_assert_false (chc_report_parse_doc_number ("青卫健基层〔2025〕", NULL, NULL, NULL));
  g_assert_false (chc_report_parse_doc_number ("〔2025〕3号", NULL, NULL, NULL));
  g_assert_false (chc_report_parse_doc_number ("青卫健基层〔25x〕3号", NULL, NULL, NULL));
  g_assert_false (chc_report_parse_doc_number ("3", NULL, NULL, NULL));
}

/* The column @name of the TSV line @line (after the header @header). */
static char *
tsv_field (const char *header,
           const char *line,
           const char *name)
{
  g_auto(GStrv) names = g_strsplit (header, "\t", -1);
  g_auto(GStrv) fields = g_strsplit (line, "\t", -1);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return g_strdup (fields[i]);
  g_assert_not_reached ();
  return NULL;
}

static void
test_cli (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "issued.pdf", NULL);
  g_autofree char *reprint = g_build_filename (dir, "reprint.pdf", NULL);
  g_autofree char *reprint_by_id = g_build_filename (dir, "reprint-id.pdf", NULL);
  const char *db_path = chc_database_get_path (db);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *number = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *id = NULL;
  g_autofree char *issued_text = NULL;
  g_autofree char *reprinted_text = NULL;

  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", db_path, "report", "--district", "青浦", "--year", "2025",
                                              "--month", "6", "--date", "2025-07-01", "--output", path, NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db_path, "bulletins", "--district", "青浦", NULL });
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "number\tperiod\tissue_date\tissuer\tissued_at\tchecksum\tchanged\tid");
  g_assert_nonnull (lines[1]);
  number = tsv_field (lines[0], lines[1], "number");
  changed = tsv_field (lines[0], lines[1], "changed");
  checksum = tsv_field (lines[0], lines[1], "checksum");
  g_assert_cmpstr (number, ==, "青卫健基层〔2025〕1号");
  g_assert_cmpstr (changed, ==, "no");
  g_assert_cmpuint (strlen (checksum), ==, 64);
  g_assert_cmpstr (lines[2], ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&lines, g_strfreev);
  g_clear_pointer (&changed, g_free);

  /* After a change of the month's figures: changed = yes, and the reprint
   * by number is still the bulletin issued. */
  chc_test_exec (db, "signing",
                 "DELETE FROM signing WHERE period = '2025-06'"
                 " AND facility_id = (SELECT id FROM facility WHERE code = '310118C08')");
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db_path, "bulletins", "--district", "青浦", NULL });
  lines = g_strsplit (out, "\n", -1);
  changed = tsv_field (lines[0], lines[1], "changed");
  id = tsv_field (lines[0], lines[1], "id");
  g_assert_cmpstr (changed, ==, "yes");

  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", db_path, "report", "--reprint", number,
                                              "--output", reprint, NULL });
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", db_path, "report", "--reprint-id", id,
                                              "--output", reprint_by_id, NULL });
  issued_text = pdf_text (path);
  reprinted_text = pdf_text (reprint);
  g_assert_cmpstr (reprinted_text, ==, issued_text);
  g_clear_pointer (&reprinted_text, g_free);
  reprinted_text = pdf_text (reprint_by_id);
  g_assert_cmpstr (reprinted_text, ==, issued_text);
  /* A reprint takes no number. */
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM bulletin_issue"), ==, 1);

  /* No such number: usage, nothing written. */
  chc_test_run_cli_expect (2, &out, &err,
                           (const char *[]) { "--db", db_path, "report", "--reprint", "青卫健基层〔2025〕9号",
                                              "--output", reprint, NULL });
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bulletin-register/missing-centre", test_missing_centre);
  g_test_add_func ("/bulletin-register/centre-missing-branch-reported", test_centre_missing_branch_reported);
  g_test_add_func ("/bulletin-register/issue-records", test_issue_records);
  g_test_add_func ("/bulletin-register/reprint-after-change", test_reprint_after_change);
  g_test_add_func ("/bulletin-register/doc-number", test_doc_number);
  g_test_add_func ("/bulletin-register/cli", test_cli);
  return g_test_run ();
}
