/* test-ui-sync.c — issue 9 under a display: the Audit view and a record's
 * history, the merge dialog (a change taken; a conflict blocking Merge
 * until a choice is made), and a refused package in the window.  Skips
 * without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "store/chc-database-private.h"
#include "store/chc-database-sync.h"
#include "store/chc-package.h"
#include "store/chc-package-keys.h"
#include "ui/chc-audit-view.h"
#include "ui/chc-merge-dialog.h"
#include "ui/chc-package-export-dialog.h"
#include "ui/chc-window.h"
#include "ui/chc-facilities-view.h"

static gboolean have_display;

#define CENTRE "310118C02"



static void
wait_merge (ChcMergeDialog *dialog)
{
  gint64 end = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (chc_merge_dialog_get_busy (dialog) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (chc_merge_dialog_get_busy (dialog));
}


/* Exports the centre's package through the export dialog. */
static char *
export_through_dialog (ChcDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDistrict) qingpu = chc_database_find_district (db, "青浦区", &error);
  g_autofree char *dir = chc_test_tmpdir ();
  char *path = g_build_filename (dir, "jinze.chcpkg", NULL);
  ChcPackageExportDialog *dialog = chc_package_export_dialog_new (db, qingpu);

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (chc_package_export_dialog_set_centre (dialog, CENTRE));
  g_assert_true (chc_package_export_dialog_export_to (dialog, path, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (chc_package_export_dialog_get_result (dialog), "SHA-256"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  return path;
}

static void
test_audit_view (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(ChcAuditEntry) newest = NULL;
  GtkWindow *window;
  GtkWidget *view;
  GListModel *model;
  guint n_all;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  view = chc_audit_view_new (db);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 700);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  model = chc_audit_view_get_model (CHC_AUDIT_VIEW (view));
  n_all = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_all, >, 100);

  /* A change shows at once, newest first. */
  chc_test_exec (db, "facility", "UPDATE facility SET floor_area = 7777 WHERE code = '" CENTRE "'");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all + 1);
  newest = g_list_model_get_item (model, 0);
  g_assert_cmpstr (chc_audit_entry_get_table (newest), ==, "facility");
  g_assert_cmpstr (chc_audit_entry_get_field (newest), ==, "floor_area");
  g_assert_cmpstr (chc_audit_entry_get_new_value (newest), ==, "7777.0");

  /* Filtered by table, and by origin. */
  chc_audit_view_set_filter (CHC_AUDIT_VIEW (view), "project", NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ChcAuditEntry) e = g_list_model_get_item (model, i);
      g_assert_cmpstr (chc_audit_entry_get_table (e), ==, "project");
    }
  chc_audit_view_set_filter (CHC_AUDIT_VIEW (view), NULL, NULL, "entry");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  chc_audit_view_set_filter (CHC_AUDIT_VIEW (view), NULL, "2999-01-01", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  chc_audit_view_set_filter (CHC_AUDIT_VIEW (view), NULL, NULL, NULL);
  chc_test_screenshot ("audit-view.png");

  /* Activating a change opens its record's history. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint n_windows = g_list_model_get_n_items (toplevels);

    chc_audit_view_activate (CHC_AUDIT_VIEW (view), 0);
    g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_windows + 1);
  }
  gtk_window_destroy (window);

  /* The history of the centre: the change and its creation. */
  window = chc_audit_view_show_history (NULL, db, "facility", CENTRE, "金泽社区卫生服务中心");
  view = gtk_window_get_child (window);
  model = chc_audit_view_get_model (CHC_AUDIT_VIEW (view));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  {
    g_autoptr(ChcAuditEntry) last = g_list_model_get_item (model, 1);
    g_assert_cmpstr (chc_audit_entry_get_field (last), ==, "*");
    g_assert_cmpstr (chc_audit_entry_get_origin (last), ==, "demo");
  }
  gtk_window_destroy (window);
}

static void
test_merge_dialog (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = NULL;
  g_autoptr(ChcDatabase) commission = NULL;
  g_autofree char *path = NULL;
  g_autofree char *fingerprint = NULL;
  ChcMergeDialog *dialog;
  ChcMergePlan *plan;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  centre = chc_test_new_demo ();
  commission = chc_test_copy_database (centre, "commission.db");
  chc_test_exec (centre, "facility", "UPDATE signing SET signed_residents = 12345 WHERE period = '2025-06'"
                " AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')");
  path = export_through_dialog (centre);
  fingerprint = chc_database_get_package_fingerprint (centre, &error);
  g_assert_no_error (error);

  dialog = chc_merge_dialog_new (commission);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (chc_merge_dialog_load (dialog, path, &error));
  g_assert_no_error (error);
  plan = chc_merge_dialog_get_plan (dialog);
  g_assert_cmpuint (chc_merge_plan_get_n_changes (plan), ==, 1);
  g_assert_cmpuint (chc_merge_plan_get_n_conflicts (plan), ==, 0);

  /* A new sender: its fingerprint is shown, and Merge waits until the
   * user says it was compared (issue 18). */
  g_assert_nonnull (strstr (chc_merge_dialog_get_signer_text (dialog), fingerprint));
  g_assert_nonnull (strstr (chc_merge_dialog_get_signer_text (dialog), CENTRE));
  g_assert_nonnull (strstr (chc_merge_dialog_get_status (dialog), "fingerprint"));
  chc_test_screenshot ("merge-new-sender.png");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "merge.apply", NULL);
  wait_merge (dialog);
  g_assert_false (chc_merge_dialog_get_merged (dialog));
  g_assert_cmpint (chc_test_query_int (commission, "SELECT count (*) FROM sender_key"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "merge.trust-signer", NULL));
  g_assert_true (chc_merge_plan_get_signer_trusted (plan));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "merge.apply", NULL));
  wait_merge (dialog);
  g_assert_true (chc_merge_dialog_get_merged (dialog));
  g_assert_cmpint (chc_test_query_int (commission, "SELECT count (*) FROM sender_key WHERE centre = '" CENTRE "'"), ==, 1);
  g_assert_cmpint (chc_test_query_int (commission, "SELECT signed_residents FROM signing WHERE period = '2025-06'"
                                          " AND facility_id = (SELECT id FROM facility WHERE code = '" CENTRE "')"), ==, 12345);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_merge_conflict (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) centre = NULL;
  g_autoptr(ChcDatabase) commission = NULL;
  g_autoptr(ChcMergeChange) conflict = NULL;
  g_autofree char *path = NULL;
  ChcMergeDialog *dialog;
  ChcMergePlan *plan;
  GListModel *changes;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  centre = chc_test_new_demo ();
  commission = chc_test_copy_database (centre, "commission.db");
  chc_test_exec (centre, "facility", "UPDATE facility SET floor_area = 8100, name = '金泽社区卫生服务中心（新址）' WHERE code = '" CENTRE "'");
  chc_test_exec (commission, "facility", "UPDATE facility SET floor_area = 8200 WHERE code = '" CENTRE "'");
  path = export_through_dialog (centre);

  dialog = chc_merge_dialog_new (commission);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (chc_merge_dialog_load (dialog, path, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "merge.trust-signer", NULL));
  plan = chc_merge_dialog_get_plan (dialog);
  g_assert_cmpuint (chc_merge_plan_get_n_conflicts (plan), ==, 1);
  changes = chc_merge_plan_get_changes (plan);
  for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
    {
      g_autoptr(ChcMergeChange) c = g_list_model_get_item (changes, i);
      if (chc_merge_change_get_action (c) == CHC_MERGE_CONFLICT)
        conflict = g_object_ref (c);
    }
  g_assert_cmpstr (chc_merge_change_get_ours (conflict), ==, "8200.0");
  g_assert_cmpstr (chc_merge_change_get_theirs (conflict), ==, "8100.0");
  chc_test_screenshot ("merge-conflict.png");

  /* Merge does nothing while the conflict has no choice. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "merge.apply", NULL);
  wait_merge (dialog);
  g_assert_false (chc_merge_dialog_get_merged (dialog));
  g_assert_cmpint (chc_test_query_int (commission, "SELECT floor_area FROM facility WHERE code = '" CENTRE "'"), ==, 8200);

  /* Take theirs for all: then it merges, the name too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "merge.take-all-theirs", NULL));
  g_assert_cmpint (chc_merge_change_get_choice (conflict), ==, CHC_MERGE_CHOICE_THEIRS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "merge.apply", NULL));
  wait_merge (dialog);
  g_assert_true (chc_merge_dialog_get_merged (dialog));
  g_assert_cmpint (chc_test_query_int (commission, "SELECT floor_area FROM facility WHERE code = '" CENTRE "'"), ==, 8100);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A file that is not a package: the window says so, no dialog. */
static void
test_window_refuses (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *bad = NULL;
  ChcWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  dir = chc_test_tmpdir ();
  bad = g_build_filename (dir, "notes.chcpkg", NULL);
  g_file_set_contents (bad, "hello", -1, &error);
  window = chc_window_new (NULL, db);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (chc_window_merge_package (window, bad));
  g_assert_nonnull (chc_window_get_message (window));
  g_assert_nonnull (strstr (chc_window_get_message (window), "notes.chcpkg"));

  /* The Dashboard's click-through: the facilities its indicator counts. */
  {
    GtkWidget *dashboard = chc_window_get_view (window, "dashboard");
    GListModel *listed;

    g_signal_emit_by_name (dashboard, "show-data", "facilities",
                           "district=1;year=2024;indicator=x;scope=station;condition=y");
    g_assert_cmpstr (chc_window_get_view_name (window), ==, "facilities");
    g_assert_cmpint (chc_window_get_year (window), ==, 2024);
    listed = chc_facilities_view_get_model (CHC_FACILITIES_VIEW (chc_window_get_view (window, "facilities")));
    g_assert_cmpuint (g_list_model_get_n_items (listed), >, 0);
    for (guint i = 0; i < g_list_model_get_n_items (listed); i++)
      {
        g_autoptr(ChcFacility) f = g_list_model_get_item (listed, i);
        g_assert_cmpint (chc_facility_get_facility_type (f), ==, CHC_FACILITY_STATION);
      }
  }

  /* The audit page is the seventh view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "audit"));
  g_assert_cmpstr (chc_window_get_view_name (window), ==, "audit");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Restore from Backup… of a copy without checksum asks first, and Restore
 * Anyway restores it after the full check (issue 18). */
static void
test_window_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *sidecar = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *question = NULL;
  ChcWindow *window;
  guint n_windows;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  dir = chc_test_tmpdir ();
  backup = g_build_filename (dir, "backup.db", NULL);
  sidecar = g_strconcat (backup, ".sha256", NULL);
  g_assert_true (chc_database_backup_to (db, backup, &error));
  g_assert_no_error (error);
  window = chc_window_new (NULL, db);
  gtk_window_present (GTK_WINDOW (window));

  /* (A backup with its checksum restores at once: tests/test-backup.c.) */
  chc_test_exec (db, "facility", "UPDATE facility SET floor_area = 7777 WHERE code = '" CENTRE "'");
  g_assert_cmpint (g_unlink (sidecar), ==, 0);
  n_windows = g_list_model_get_n_items (toplevels);
  g_assert_false (chc_window_restore (window, backup));
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM facility WHERE floor_area = 7777"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_windows + 1);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        question = w;
    }
  g_assert_nonnull (question);
  gtk_dialog_response (GTK_DIALOG (question), GTK_RESPONSE_ACCEPT);
  g_assert_cmpint (chc_test_query_int (db, "SELECT count (*) FROM facility WHERE floor_area = 7777"), ==, 0);
  g_assert_nonnull (strstr (chc_window_get_message (window), "backup.db"));
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_windows);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  chc_test_require_display (have_display);
  chc_test_bind_locale ();

  g_test_add_func ("/ui/sync/audit-view", test_audit_view);
  g_test_add_func ("/ui/sync/merge", test_merge_dialog);
  g_test_add_func ("/ui/sync/merge-conflict", test_merge_conflict);
  g_test_add_func ("/ui/sync/window-refuses", test_window_refuses);
  g_test_add_func ("/ui/sync/window-restore", test_window_restore);
  return g_test_run ();
}
