/* test-reporting.c — the reporting cycle (issue 15): due dates and
 * periods, submission by a centre's package (on time, late), approval and
 * the locks it sets, an import, an edit and a merge into a locked period
 * each refused with the database unchanged, unlocking with a reason in the
 * audit log, a returned report's comment reaching the centre, the
 * completeness and timeliness indicators, and the migration from schema 6.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "core/chc-reporting.h"
#include "store/chc-database-reporting.h"
#include "store/chc-database-values.h"
#include "store/chc-database-signing.h"
#include "store/chc-package.h"
#include "store/chc-database-sync.h"
#include "store/chc-database-sync-private.h"
#include "model/chc-merge-plan.h"
#include "chc-test-util.h"

static char *
write_text (const char *dir,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static char *
this_month (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m");
}

/* The database's content, whatever SQLite keeps in which file: the file
 * and its WAL, read after every connection closed. */
static GBytes *
file_state (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GBytes) main_bytes = chc_test_read_file (path);
  g_autoptr(GByteArray) all = g_byte_array_new ();

  g_byte_array_append (all, g_bytes_get_data (main_bytes, NULL), g_bytes_get_size (main_bytes));
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GBytes) wal_bytes = chc_test_read_file (wal);

      g_byte_array_append (all, g_bytes_get_data (wal_bytes, NULL), g_bytes_get_size (wal_bytes));
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

/* The line of chc-cli completeness's output about @code's @dataset. */
static char *
completeness_line (const char *out,
                   const char *code,
                   const char *dataset)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *prefix = g_strconcat (code, "\t", NULL);
  g_autofree char *tab_dataset = g_strconcat ("\t", dataset, "\t", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix) && strstr (lines[i], tab_dataset) != NULL)
      return g_strdup (lines[i]);
  return NULL;
}

/* Due dates, periods and counts. */
static void
test_rules (void)
{
  g_autofree char *march = chc_report_due_date ("2024-03", 5, 1);
  g_autofree char *december = chc_report_due_date ("2024-12", 5, 1);
  g_autofree char *quarter = chc_report_due_date ("2024Q1", 10, 1);
  g_autofree char *year = chc_report_due_date ("2024", 31, 1);
  g_autofree char *february = chc_report_due_date ("2024-01", 31, 1);
  g_auto(GStrv) months = chc_report_periods (CHC_PERIOD_TYPE_MONTH, "2024", "2024");
  g_auto(GStrv) years = chc_report_periods (CHC_PERIOD_TYPE_YEAR, "2024-01", "2024-12");
  g_auto(GStrv) none = chc_report_periods (CHC_PERIOD_TYPE_YEAR, "2024-01", "2024-11");
  g_auto(GStrv) quarters = chc_report_periods (CHC_PERIOD_TYPE_QUARTER, "2024-03", "2024-12");
  ChcReportStatus submitted = { .state = CHC_REPORT_STATE_SUBMITTED, .timeliness = CHC_REPORT_TIMELINESS_ON_TIME };
  ChcReportStatus entered = { .state = CHC_REPORT_STATE_ENTERED, .timeliness = CHC_REPORT_TIMELINESS_OVERDUE };
  ChcReportCounts counts = { 0 };
  double percent = 0;

  g_assert_cmpstr (march, ==, "2024-04-05");
  g_assert_cmpstr (december, ==, "2025-01-05");
  g_assert_cmpstr (quarter, ==, "2024-04-10");
  g_assert_cmpstr (year, ==, "2025-01-31");
  /* a month shorter than the due day: its last day */
  g_assert_cmpstr (february, ==, "2024-02-29");

  g_assert_cmpuint (g_strv_length (months), ==, 12);
  g_assert_cmpstr (months[11], ==, "2024-12");
  g_assert_cmpuint (g_strv_length (years), ==, 1);
  g_assert_cmpstr (years[0], ==, "2024");
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (quarters), ==, 3);
  g_assert_cmpstr (quarters[0], ==, "2024Q2");

  g_assert_cmpint (chc_report_timeliness (CHC_REPORT_STATE_SUBMITTED, "2024-04-05 23:59:00", "2024-04-05", "2026-01-01"),
                   ==, CHC_REPORT_TIMELINESS_ON_TIME);
  g_assert_cmpint (chc_report_timeliness (CHC_REPORT_STATE_APPROVED, "2024-04-06 00:00:01", "2024-04-05", "2026-01-01"),
                   ==, CHC_REPORT_TIMELINESS_LATE);
  g_assert_cmpint (chc_report_timeliness (CHC_REPORT_STATE_ENTERED, NULL, "2024-04-05", "2024-04-05"),
                   ==, CHC_REPORT_TIMELINESS_NOT_DUE);
  g_assert_cmpint (chc_report_timeliness (CHC_REPORT_STATE_RETURNED, "2024-04-01 10:00:00", "2024-04-05", "2024-04-06"),
                   ==, CHC_REPORT_TIMELINESS_OVERDUE);

  g_assert_false (chc_report_counts_completeness (&counts, &percent));
  chc_report_counts_add (&counts, &submitted);
  chc_report_counts_add (&counts, &entered);
  g_assert_true (chc_report_counts_completeness (&counts, &percent));
  g_assert_cmpfloat_with_epsilon (percent, 50.0, 1e-9);
  g_assert_true (chc_report_counts_timeliness (&counts, &percent));
  g_assert_cmpfloat_with_epsilon (percent, 50.0, 1e-9);
  g_assert_cmpuint (counts.overdue, ==, 1);
}

/* The whole cycle between a centre and the commission, through chc-cli
 * and packages, as the issue lists it. */
static void
test_cycle (void)
{
  /* (the copy is another installation: it can receive the original's packages) */
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *commission_path = g_strdup (chc_database_get_path (commission));
  g_autofree char *centre_path = g_strdup (chc_database_get_path (centre));
  g_autofree char *package = g_build_filename (dir, "centre.chcpkg", NULL);
  g_autofree char *package2 = g_build_filename (dir, "centre2.chcpkg", NULL);
  g_autofree char *back = g_build_filename (dir, "commission.chcpkg", NULL);
  g_autofree char *month = this_month ();
  g_autofree char *values = NULL;
  g_autofree char *change = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_clear_object (&commission);
  g_clear_object (&centre);

  /* the centre enters this month's outpatient visits and submits them,
   * and submits March 2024's signing figures (long overdue) */
  values = g_strdup_printf ("机构,数据项,统计期间,数值\n310118C01,outpatient_visits,%s,15000\n", month);
  values = write_text (dir, "month.csv", (change = values));
  g_clear_pointer (&change, g_free);
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", centre_path, "import", "values", values, NULL });
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", centre_path, "submit", "--centre", "310118C01",
                                              "--period", month, "--dataset", "monthly_outpatient", NULL });
  g_assert_nonnull (strstr (err, "1 report submitted"));
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", centre_path, "submit", "--centre", "白鹤",
                                              "--period", "2024-03", "--dataset", "signing", NULL });
  /* the centre and its branch centre */
  g_assert_nonnull (strstr (err, "2 reports submitted"));
  /* nothing entered: refused */
  chc_test_run_cli_expect (1, &out, &err,
                           (const char *[]) { "--db", centre_path, "submit", "--centre", "310118C01",
                                              "--period", "2030-01", NULL });

  /* by package to the commission: submitted, on time / late */
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", centre_path, "package", "export", "--centre", "310118C01",
                                              "--output", package, NULL });
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "package", "merge", package, "--trust-new", NULL });
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "completeness", "--district", "青浦",
                                              "--period", month, NULL });
  g_assert_true (g_str_has_prefix (out, "facility_code\tfacility_name\tdataset\tperiod\tstate\tsubmitted_at\ton_time\n"));
  line = completeness_line (out, "310118C01", "monthly_outpatient");
  g_assert_nonnull (line);
  g_assert_true (g_str_has_suffix (line, "\tyes"));
  g_assert_nonnull (strstr (line, "\tsubmitted\t"));
  g_clear_pointer (&line, g_free);
  g_assert_nonnull (strstr (err, "reports expected"));
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "completeness", "--district", "青浦",
                                              "--period", "2024-03", "--dataset", "signing", NULL });
  line = completeness_line (out, "310118C01", "signing");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "\tsubmitted\t"));
  g_assert_true (g_str_has_suffix (line, "\tno"));
  g_clear_pointer (&line, g_free);
  /* another centre's month, not submitted: entered and overdue */
  line = completeness_line (out, "310118C02", "signing");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "\tentered\t\tno"));
  g_clear_pointer (&line, g_free);

  /* approving locks */
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "approve", "--district", "青浦",
                                              "--period", "2024-03", "--centre", "310118C01", NULL });
  g_assert_nonnull (strstr (err, "2 reports approved"));
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "completeness", "--district", "青浦",
                                              "--period", "2024-03", "--dataset", "signing", NULL });
  line = completeness_line (out, "310118C01", "signing");
  g_assert_nonnull (strstr (line, "\tapproved\t"));
  g_clear_pointer (&line, g_free);

  /* an import into the approved period: refused, exit 1, nothing written */
  change = write_text (dir, "change.csv", "机构,数据项,统计期间,数值\n310118C01,signed_residents,2024-03,33000\n");
  before = file_state (commission_path);
  chc_test_run_cli_expect (1, &out, &err, (const char *[]) { "--db", commission_path, "import", "values", change, NULL });
  g_assert_nonnull (strstr (err, "310118C01"));
  g_assert_nonnull (strstr (err, "locked"));
  after = file_state (commission_path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&after, g_bytes_unref);

  /* an edit (the entry grid's save): refused, nothing written */
  {
    g_autoptr(ChcDatabase) db = chc_database_open (commission_path, NULL);
    g_autoptr(ChcFacility) facility = chc_database_find_facility (db, "310118C01", 0, NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *why = NULL;

    g_assert_true (chc_database_is_locked (db, chc_facility_get_id (facility), "signing", "2024-03", &why));
    g_assert_nonnull (why);
    g_assert_false (chc_database_is_locked (db, chc_facility_get_id (facility), "signing", "2024-04", NULL));
    /* the signing view's deletion of the month */
    g_assert_false (chc_database_delete_signing (db, chc_facility_get_id (facility), "2024-03", &error));
    g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_LOCKED);
    /* the branch's outpatient visits of March were not approved: not locked */
    g_clear_object (&facility);
    facility = chc_database_find_facility (db, "310118B03", 0, NULL);
    g_assert_true (chc_database_is_locked (db, chc_facility_get_id (facility), "signing", "2024-03", NULL));
    g_assert_false (chc_database_is_locked (db, chc_facility_get_id (facility), "monthly_outpatient", "2024-03", NULL));
  }
  after = file_state (commission_path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&after, g_bytes_unref);

  /* a merge that changes it (the centre, not knowing yet): refused whole */
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", centre_path, "import", "values", change, NULL });
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", centre_path, "package", "export", "--centre", "310118C01",
                                              "--output", package2, NULL });
  chc_test_run_cli_expect (1, &out, &err,
                           (const char *[]) { "--db", commission_path, "package", "merge", package2, NULL });
  g_assert_nonnull (strstr (err, "not merged"));
  after = file_state (commission_path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&after, g_bytes_unref);

  /* unlocking needs a reason, and the reason is in the audit log */
  chc_test_run_cli_expect (2, &out, &err,
                           (const char *[]) { "--db", commission_path, "unlock", "--district", "青浦",
                                              "--period", "2024-03", NULL });
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "unlock", "--district", "青浦",
                                              "--period", "2024-03", "--reason", "中心申请更正签约人数", NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", commission_path, "audit", NULL });
  g_assert_nonnull (strstr (out, "中心申请更正签约人数"));
  g_assert_nonnull (strstr (out, "report_state"));
  /* then the merge goes through */
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "package", "merge", package2, NULL });

  /* a district's period locked as a whole: an import is refused */
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "lock", "--district", "青浦",
                                              "--period", "2024-03", NULL });
  g_clear_pointer (&change, g_free);
  change = write_text (dir, "change2.csv", "机构,数据项,统计期间,数值\n310118C02,online_signed,2024-03,100\n");
  g_clear_pointer (&before, g_bytes_unref);
  before = file_state (commission_path);
  chc_test_run_cli_expect (1, &out, &err, (const char *[]) { "--db", commission_path, "import", "values", change, NULL });
  g_assert_nonnull (strstr (err, "310118C02"));
  after = file_state (commission_path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&after, g_bytes_unref);

  /* new rows written in bulk into a locked period: refused as well */
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "lock", "--district", "青浦",
                                              "--period", "2030-01", NULL });
  g_clear_pointer (&change, g_free);
  change = write_text (dir, "new.csv",
                       "机构编码,机构名称,区,统计月份,常住人口,签约人数,重点人群数,重点人群签约数,互联网签约数,"
                       "签约居民就诊人次,签约居民社区就诊人次\n"
                       "310118C02,金泽社区卫生服务中心,青浦区,2029-12,40000,15000,9000,6000,1000,5000,4000\n"
                       "310118C02,金泽社区卫生服务中心,青浦区,2030-01,40000,15000,9000,6000,1000,5000,4000\n");
  g_clear_pointer (&before, g_bytes_unref);
  before = file_state (commission_path);
  chc_test_run_cli_expect (1, &out, &err, (const char *[]) { "--db", commission_path, "import", "signing", change, "--accept-warnings", NULL });
  g_assert_nonnull (strstr (err, "2030"));
  after = file_state (commission_path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&after, g_bytes_unref);

  /* returned with a comment, which reaches the centre by package */
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "return", "--centre", "310118C01",
                                              "--period", month, "--comment", "门诊人次偏低，请核实", NULL });
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "package", "export", "--output", back, NULL });
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", centre_path, "package", "merge", back, "--trust-new", NULL });
  {
    g_autoptr(ChcDatabase) db = chc_database_open (centre_path, NULL);
    g_autoptr(GPtrArray) reports = chc_database_list_reports (db, 1, "monthly_outpatient", month, month, NULL);
    gboolean seen = FALSE;

    g_assert_nonnull (reports);
    for (guint i = 0; i < reports->len; i++)
      {
        ChcReportStatus *status = g_ptr_array_index (reports, i);

        if (g_strcmp0 (status->facility_code, "310118C01") != 0)
          continue;
        g_assert_cmpint (status->state, ==, CHC_REPORT_STATE_RETURNED);
        g_assert_cmpstr (status->comment, ==, "门诊人次偏低，请核实");
        seen = TRUE;
      }
    g_assert_true (seen);
    /* the commission's lock came along: the centre cannot change March either */
    g_assert_true (chc_database_period_is_locked (db, 1, "2024-03"));
  }
}

/* A centre's figures arriving by package are its report submitted, at
 * the time it made the package; a centre's package cannot approve. */
static void
test_arrival (void)
{
  /* (the copy is another installation: it can receive the original's packages) */
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *commission_path = g_strdup (chc_database_get_path (commission));
  g_autofree char *centre_path = g_strdup (chc_database_get_path (centre));
  g_autofree char *package = g_build_filename (dir, "centre.chcpkg", NULL);
  g_autofree char *values = write_text (dir, "v.csv", "机构,数据项,统计期间,数值\n310118C02,outpatient_visits,2025-02,9000\n");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *line = NULL;

  g_clear_object (&commission);
  g_clear_object (&centre);
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", centre_path, "import", "values", values, NULL });
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", centre_path, "package", "export", "--centre", "310118C02",
                                              "--output", package, NULL });
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "package", "merge", package, "--trust-new", NULL });
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "completeness", "--district", "青浦",
                                              "--period", "2025-02", "--dataset", "monthly_outpatient", NULL });
  line = completeness_line (out, "310118C02", "monthly_outpatient");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "\tsubmitted\t"));
  /* made after the due date (2025-03-05): late */
  g_assert_true (g_str_has_suffix (line, "\tno"));
}

/* A conflict on a locked figure: only "keep ours" (the plan offers no
 * "take theirs", --theirs keeps ours for it). */
static void
test_locked_conflict (void)
{
  g_autoptr(ChcDatabase) centre = chc_test_new_demo ();
  g_autoptr(ChcDatabase) commission = chc_test_copy_database (centre, "commission.db");
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *commission_path = g_strdup (chc_database_get_path (commission));
  g_autofree char *centre_path = g_strdup (chc_database_get_path (centre));
  g_autofree char *package = g_build_filename (dir, "centre.chcpkg", NULL);
  g_autofree char *ours = write_text (dir, "ours.csv", "机构,数据项,统计期间,数值\n310118C01,online_signed,2024-04,100\n");
  g_autofree char *theirs = write_text (dir, "theirs.csv", "机构,数据项,统计期间,数值\n310118C01,online_signed,2024-04,200\n");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_clear_object (&centre);
  g_clear_object (&commission);
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", commission_path, "import", "values", ours, NULL });
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "lock", "--district", "青浦",
                                              "--period", "2024-04", NULL });
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", centre_path, "import", "values", theirs, NULL });
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", centre_path, "package", "export", "--centre", "310118C01",
                                              "--output", package, NULL });
  {
    g_autoptr(ChcDatabase) db = chc_database_open (commission_path, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(ChcMergePlan) plan = chc_package_plan_merge (db, package, &error);
    GListModel *changes;
    guint n_locked = 0;

    g_assert_no_error (error);
    changes = chc_merge_plan_get_changes (plan);
    for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
      {
        g_autoptr(ChcMergeChange) c = g_list_model_get_item (changes, i);

        if (chc_merge_change_get_action (c) != CHC_MERGE_CONFLICT)
          continue;
        g_assert_cmpstr (chc_merge_change_get_table (c), ==, "signing");
        g_assert_true (chc_merge_change_get_locked (c));
        g_assert_cmpint (chc_merge_change_get_choice (c), ==, CHC_MERGE_CHOICE_OURS);
        chc_merge_change_set_choice (c, CHC_MERGE_CHOICE_THEIRS);
        g_assert_cmpint (chc_merge_change_get_choice (c), ==, CHC_MERGE_CHOICE_OURS);
        n_locked++;
      }
    g_assert_cmpuint (n_locked, ==, 1);
    g_assert_cmpuint (chc_merge_plan_get_n_unresolved (plan), ==, 0);
  }
  /* --theirs: the locked figure keeps ours */
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "package", "merge", package, "--trust-new",
                                              "--theirs", NULL });
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", commission_path, "signing", "--district", "青浦",
                                              "--period", "2024-04", NULL });
  g_assert_nonnull (strstr (out, "\t100\t"));
  g_assert_null (strstr (out, "\t200\t"));
}

/* Completeness and timeliness are indicators of every district's plan. */
static void
test_indicators (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autofree char *path = g_strdup (chc_database_get_path (db));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_clear_object (&db);
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", path, "submit", "--centre", "310118C01",
                                              "--period", "2024-03", "--dataset", "signing", NULL });
  for (guint d = 0; d < 3; d++)
    {
      const char *districts[] = { "青浦", "长宁", "松江" };

      chc_test_run_cli_expect (0, &out, &err,
                               (const char *[]) { "--db", path, "indicators", "--district", districts[d],
                                                  "--year", "2024", NULL });
      g_assert_nonnull (strstr (out, "reporting.completeness\t"));
      g_assert_nonnull (strstr (out, "reporting.timeliness\t"));
    }
  /* and the bulletin's 基本情况 says how complete the period's reports are */
  chc_test_run_cli_expect (0, &out, &err,
                           (const char *[]) { "--db", path, "report", "--district", "青浦", "--year", "2024",
                                              "--month", "3", "--draft-text", NULL });
  g_assert_nonnull (strstr (out, "已收到2份"));
  g_assert_nonnull (strstr (out, "按时报送0份（及时率0.0%）"));
}

/* A populated schema-6 database is brought to schema 7: its figures kept,
 * the new tables empty, a lock enforced at once. */
static void
test_migration (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autofree char *path = g_strdup (chc_database_get_path (db));
  gint64 n_signing = chc_test_query_int (db, "SELECT count (*) FROM signing");
  gint64 n_targets = chc_test_query_int (db, "SELECT count (*) FROM target");
  gint64 n_indicators = chc_test_query_int (db, "SELECT count (*) FROM indicator");
  g_autofree char *target_sql = NULL;
  sqlite3 *raw = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&db);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, CHC_TEST_SQL_BACK_TO_V6, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = chc_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chc_database_get_schema_version (db), ==, CHC_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM signing"), ==, n_signing);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM report_state"), ==, 0);
  /* indicator and target rebuilt (an area may be 'reporting'), nothing lost */
  g_assert_cmpint (n_targets, >, 0);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM target"), ==, n_targets);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM indicator"), ==, n_indicators);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
  target_sql = chc_test_query_text (db, "SELECT sql FROM sqlite_schema WHERE name = 'target'");
  g_assert_nonnull (strstr (target_sql, "REFERENCES \"indicator\""));
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM period_lock"), ==, 0);
  g_assert_true (chc_database_lock_period (db, 1, "2024-05", &error));
  g_assert_no_error (error);
  {
    g_autoptr(ChcFacility) facility = chc_database_find_facility (db, "310118C01", 0, NULL);
    g_autoptr(GPtrArray) edit = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_value_free);

    g_ptr_array_add (edit, chc_value_new (chc_facility_get_id (facility), 1, "outpatient_visits", "2024-05", 1));
    g_assert_false (chc_database_save_values (db, edit, NULL, NULL, NULL, &error));
    g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_LOCKED);
  }
}

/* The demo database has a reporting cycle to show: most reports
 * submitted, the older ones approved, a few returned, 2023 locked. */
static void
test_demo (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  ChcReportCounts counts = { 0 };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", path, "init", "--demo", NULL });
  db = chc_database_open (path, &error);
  g_assert_no_error (error);
  reports = chc_database_list_reports (db, 1, NULL, "2024-01", "2024-12", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reports->len; i++)
    chc_report_counts_add (&counts, g_ptr_array_index (reports, i));
  g_assert_cmpuint (counts.expected, >, 100);
  g_assert_cmpuint (counts.states[CHC_REPORT_STATE_APPROVED], ==, counts.expected);
  g_assert_cmpuint (counts.late, >, 0);
  g_assert_cmpuint (counts.on_time, >, counts.late);
  g_assert_true (chc_database_period_is_locked (db, 1, "2023-06"));
  g_assert_false (chc_database_period_is_locked (db, 1, "2024-06"));
}

/* Every field of the tracked tables has a label in the user's words (the
 * audit log and the merge window show them): never its raw name. */
static void
test_field_labels (void)
{
  guint n_tables;
  const ChcTrackedTable *tables = chc_tracked_tables (&n_tables);

  for (guint t = 0; t < n_tables; t++)
    for (const ChcTrackedField *f = tables[t].fields; f->name != NULL; f++)
      {
        const char *label = chc_database_field_label (tables[t].table, f->name);

        if (g_str_equal (label, f->name))
          g_error ("%s.%s has no label", tables[t].table, f->name);
      }
  g_assert_cmpstr (chc_database_field_label ("report_state", "period"), ==, "Period");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reporting/rules", test_rules);
  g_test_add_func ("/reporting/cycle", test_cycle);
  g_test_add_func ("/reporting/arrival", test_arrival);
  g_test_add_func ("/reporting/locked-conflict", test_locked_conflict);
  g_test_add_func ("/reporting/indicators", test_indicators);
  g_test_add_func ("/reporting/migration", test_migration);
  g_test_add_func ("/reporting/demo", test_demo);
  g_test_add_func ("/reporting/field-labels", test_field_labels);
  return g_test_run ();
}
