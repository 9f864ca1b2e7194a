/* test-ui-reports.c — the Reports view under a display: exporting a PDF
 * through the view's action writes the bulletin (built in a thread), and
 * the preview has its pages.  Skips without a display; run it with
 * xvfb-run -a env GTK_A11Y=none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "io/chc-report.h"
#include "ui/chc-bulletin-register.h"
#include "ui/chc-reports-view.h"

static gboolean have_display;

static void
wait_until_idle (ChcReportsView *view)
{
  gint64 end = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (chc_reports_view_get_busy (view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (chc_reports_view_get_busy (view));
}

static void
on_left (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean **flags = user_data;

  *flags[0] = chc_reports_view_confirm_leave_finish (CHC_REPORTS_VIEW (source), result, NULL);
  *flags[1] = TRUE;
}

static void
test_export_pdf (void)
{
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) qingpu = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *issuer = NULL;
  GtkWindow *window;
  ChcReportsView *view;
  int status = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  database = chc_test_new_demo ();
  g_assert_true (chc_database_set_meta (database, "report.issuer", "青浦区卫健委基层卫生科", &error));
  qingpu = chc_database_find_district (database, "Qingpu", &error);
  g_assert_no_error (error);
  view = CHC_REPORTS_VIEW (chc_reports_view_new (database));
  chc_reports_view_set_district (view, qingpu);
  chc_reports_view_set_year (view, 2024);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 800);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  /* Shown: its preview is built at once (no need to ask for it). */
  {
    gint64 end = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

    while ((chc_reports_view_get_report (view) == NULL || chc_reports_view_get_busy (view)) &&
           g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_nonnull (chc_reports_view_get_report (view));
  /* The text is drafted into the view's sections, to be edited. */
  {
    g_autofree char *basic = chc_reports_view_dup_section_text (view, CHC_REPORT_TEXT_BASIC);
    g_autofree char *problems = chc_reports_view_dup_section_text (view, CHC_REPORT_TEXT_PROBLEMS);

    g_assert_nonnull (strstr (basic, "12家社区卫生服务中心"));
    g_assert_nonnull (strstr (problems, "香花桥社区卫生服务中心"));
  }
  chc_reports_view_set_section_text (view, CHC_REPORT_TEXT_PROBLEMS, "（一）科室改写的问题。各中心要认真整改。");
  g_assert_true (chc_reports_view_has_unsaved_changes (view));

  /* Looking at another year and back: the typed text is kept. */
  chc_reports_view_set_year (view, 2025);
  wait_until_idle (view);
  {
    g_autofree char *other = chc_reports_view_dup_section_text (view, CHC_REPORT_TEXT_PROBLEMS);
    g_assert_null (strstr (other, "科室改写的问题"));
  }
  chc_reports_view_set_year (view, 2024);
  wait_until_idle (view);
  {
    g_autofree char *back = chc_reports_view_dup_section_text (view, CHC_REPORT_TEXT_PROBLEMS);
    g_assert_cmpstr (back, ==, "（一）科室改写的问题。各中心要认真整改。");
  }
  g_assert_true (chc_reports_view_has_unsaved_changes (view));

  dir = chc_test_tmpdir ();
  pdf = g_build_filename (dir, "bulletin.pdf", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "reports.export-to", "s", pdf));
  g_assert_true (chc_reports_view_get_busy (view));
  wait_until_idle (view);
  g_assert_null (chc_reports_view_get_error (view));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_nonnull (chc_reports_view_get_report (view));
  g_assert_cmpint (chc_report_get_n_pages (chc_reports_view_get_report (view),
                                           CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT), >=, 2);

  g_spawn_sync (NULL, (char *[]) { "pdftotext", pdf, "-", NULL }, NULL, G_SPAWN_SEARCH_PATH,
                NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "社区卫生服务能力提升"));
  g_assert_nonnull (strstr (text, "科室改写的问题"));      /* the edited text */
  g_assert_nonnull (strstr (text, "〔2025〕1号"));          /* the register's first number */
  g_assert_nonnull (strstr (text, "青浦区卫健委基层卫生科"));   /* the remembered issuer */
  g_assert_nonnull (strstr (text, "白鹤社区卫生服务中心"));

  /* The tables of the bulletin shown, as a workbook (Ctrl+Shift+E). */
  {
    g_autofree char *xlsx = g_build_filename (dir, "tables.xlsx", NULL);
    g_autoptr(GBytes) bytes = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "reports.export-tables-to", "s", xlsx));
    g_assert_null (chc_reports_view_get_error (view));
    bytes = chc_test_read_file (xlsx);
    g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 2, "PK", 2);   /* a zip: an .xlsx */
  }

  /* Turning pages in the preview. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "reports.next-page", NULL));
  gtk_widget_queue_draw (GTK_WIDGET (view));
  g_main_context_iteration (NULL, FALSE);

  /* A centre's own edition: its text speaks to it ("你中心"), with its
   * rank; back to the district's. */
  {
    g_autoptr(ChcFacility) xiangxiang = chc_database_find_facility (database, "香花桥社区卫生服务中心", 0, &error);
    g_autofree char *basic = NULL;

    g_assert_no_error (error);
    g_assert_true (chc_reports_view_set_edition (view, chc_facility_get_id (xiangxiang)));
    wait_until_idle (view);
    basic = chc_reports_view_dup_section_text (view, CHC_REPORT_TEXT_BASIC);
    g_assert_nonnull (strstr (basic, "你中心"));
    g_assert_nonnull (strstr (basic, "排名第"));
    g_assert_false (chc_reports_view_set_edition (view, 999999));
    g_assert_true (chc_reports_view_set_edition (view, 0));
    wait_until_idle (view);
  }

  /* Issued: nothing is left to lose. */
  g_assert_false (chc_reports_view_has_unsaved_changes (view));

  /* Typed again, then leaving (the window closes): the view asks, and
   * Discard lets it go. */
  chc_reports_view_set_section_text (view, CHC_REPORT_TEXT_BASIC, "改写的基本情况。");
  {
    gboolean left = FALSE, done = FALSE;
    GtkWidget *dialog;

    chc_reports_view_confirm_leave_async (view, NULL, on_left, (gpointer[]) { &left, &done });
    dialog = chc_reports_view_get_dialog (view);
    g_assert_nonnull (dialog);
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
    while (!done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (left);
    g_assert_false (chc_reports_view_has_unsaved_changes (view));
  }

  issuer = chc_database_get_meta (database, "report.issuer");
  g_assert_cmpstr (issuer, ==, "青浦区卫健委基层卫生科");
  gtk_window_destroy (window);
}

static ChcBulletinRegister *
open_register (ChcDatabase *database,
               ChcDistrict *district)
{
  ChcBulletinRegister *dialog = chc_bulletin_register_new (database, district);
  gint64 end = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  gtk_window_present (GTK_WINDOW (dialog));
  while (chc_bulletin_register_get_busy (dialog) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (chc_bulletin_register_get_busy (dialog));
  return dialog;
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char *[]) { "pdftotext", (char *) path, "-", NULL }, NULL, G_SPAWN_SEARCH_PATH,
                NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  return text;
}

/* Issued Bulletins…: the register says whether the figures changed since
 * issue, and Reprint… writes the bulletin as issued. */
static void
test_register (void)
{
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) qingpu = NULL;
  g_autoptr(ChcReport) issued = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *again = NULL;
  g_autofree char *line = NULL;
  g_autofree char *issued_text = NULL;
  g_autofree char *reprinted_text = NULL;
  ChcBulletinRegister *dialog;
  ChcReportOptions options = { 0 };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  database = chc_test_new_demo ();
  qingpu = chc_database_find_district (database, "Qingpu", &error);
  g_assert_no_error (error);
  dir = chc_test_tmpdir ();
  pdf = g_build_filename (dir, "issued.pdf", NULL);
  again = g_build_filename (dir, "reprint.pdf", NULL);
  options.district_id = chc_district_get_id (qingpu);
  options.year = 2025;
  options.month = 6;
  issued = chc_report_issue (database, &options, pdf, NULL, &error);
  g_assert_no_error (error);

  dialog = open_register (database, qingpu);
  g_assert_cmpuint (chc_bulletin_register_get_n_issued (dialog), ==, 1);
  line = chc_bulletin_register_dup_line (dialog, 0);
  g_assert_nonnull (strstr (line, "〔2025〕1号"));
  g_assert_nonnull (strstr (line, "Figures unchanged"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_pointer (&line, g_free);

  chc_test_exec (database, "signing",
                 "DELETE FROM signing WHERE period = '2025-06'"
                 " AND facility_id = (SELECT id FROM facility WHERE code = '310118C08')");
  dialog = open_register (database, qingpu);
  line = chc_bulletin_register_dup_line (dialog, 0);
  g_assert_nonnull (strstr (line, "Figures changed since issue"));
  chc_bulletin_register_select (dialog, 0);
  g_assert_true (chc_bulletin_register_reprint_to (dialog, again, &error));
  g_assert_no_error (error);
  issued_text = pdf_text (pdf);
  reprinted_text = pdf_text (again);
  g_assert_cmpstr (reprinted_text, ==, issued_text);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  chc_test_require_display (have_display);

  g_test_add_func ("/ui/reports/export-pdf", test_export_pdf);
  g_test_add_func ("/ui/reports/register", test_register);
  return g_test_run ();
}
