/* test-ui-projects.c — the Construction projects view under a display:
 * recording an actual date takes a project out of "late only"; a typed
 * date that is not one is refused; the standardization batch adds many
 * projects in one go.  Skips without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "core/chc-date.h"
#include "core/chc-project.h"
#include "store/chc-database-projects.h"
#include "ui/chc-date-entry.h"
#include "ui/chc-project-dialog.h"
#include "ui/chc-projects-view.h"
#include "ui/chc-standardization-batch-dialog.h"
#include "ui/chc-toast.h"

#define LATE_CLINIC "赵巷镇第一村卫生室（示例）"

static void
spin (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static ChcProject *
find_in_model (GListModel *model,
               const char *facility)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ChcProject) p = g_list_model_get_item (model, i);
      if (g_strcmp0 (chc_project_get_facility_name (p), facility) == 0)
        return p;   /* the model keeps its own reference */
    }
  return NULL;
}

static void
test_record_leaves_late_filter (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(ChcDistrict) qingpu = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcFacility) clinic = NULL;
  GtkWidget *window, *view, *entry;
  GListModel *model;
  ChcProject *project;
  gint64 id;
  guint n_late;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  qingpu = chc_database_find_district (db, "青浦", &error);
  g_assert_no_error (error);

  view = chc_projects_view_new (db);
  g_object_set (view, "district", qingpu, "year", 2025, "as-of", "2026-11-24", NULL);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  spin ();

  model = chc_projects_view_get_model (CHC_PROJECTS_VIEW (view));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 15);

  /* The late-only filter, through its action (Ctrl+L). */
  g_assert_true (gtk_widget_activate_action (view, "projects.late-only", NULL));
  g_assert_true (chc_projects_view_get_late_only (CHC_PROJECTS_VIEW (view)));
  n_late = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_late, >=, 3);
  project = find_in_model (model, LATE_CLINIC);
  g_assert_nonnull (project);
  id = chc_project_get_id (project);

  /* Sorted by lateness: the first is at least as late as the last. */
  {
    g_autoptr(ChcProject) first = g_list_model_get_item (model, 0);
    g_autoptr(ChcProject) last = g_list_model_get_item (model, n_late - 1);
    ChcProjectStatus a, b;
    guint32 as_of = chc_date_julian ("2026-11-24");

    chc_project_evaluate (first, as_of, &a);
    chc_project_evaluate (last, as_of, &b);
    g_assert_cmpuint (a.days_late, >=, b.days_late);
  }

  g_assert_true (chc_projects_view_select_project (CHC_PROJECTS_VIEW (view), id));
  spin ();
  g_assert_cmpint (chc_project_get_id (chc_projects_view_get_selected (CHC_PROJECTS_VIEW (view))), ==, id);

  /* A date that is not one: refused, nothing written. */
  entry = find_named (view, "actual-completed");
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_get_visible (entry));
  chc_date_entry_set_text (CHC_DATE_ENTRY (entry), "2026年2月30日");
  g_assert_false (chc_date_entry_commit (CHC_DATE_ENTRY (entry)));
  g_assert_nonnull (find_in_model (model, LATE_CLINIC));

  /* A date in the future (after today): refused by the store. */
  chc_date_entry_set_text (CHC_DATE_ENTRY (entry), "2099-01-01");
  g_assert_true (chc_date_entry_commit (CHC_DATE_ENTRY (entry)));
  spin ();
  g_assert_nonnull (find_in_model (model, LATE_CLINIC));

  /* Recording the completion, typed the Chinese way. */
  chc_date_entry_set_text (CHC_DATE_ENTRY (entry), "2026年11月20日");
  g_assert_true (chc_date_entry_commit (CHC_DATE_ENTRY (entry)));
  spin ();

  /* Out of the late list… */
  g_assert_null (find_in_model (model, LATE_CLINIC));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_late - 1);
  /* …and stored, with the facility standardized in the same write. */
  {
    g_autoptr(ChcProject) stored = chc_database_get_project (db, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (chc_project_get_actual (stored, CHC_MILESTONE_COMPLETED), ==, "2026-11-20");
  }
  clinic = chc_database_find_facility (db, LATE_CLINIC, 0, &error);
  g_assert_no_error (error);
  g_assert_true (chc_facility_get_standardized (clinic));
  g_assert_cmpint (chc_facility_get_standardized_year (clinic), ==, 2026);

  /* Without the filter it is there, finished. */
  g_assert_true (gtk_widget_activate_action (view, "projects.late-only", NULL));
  g_assert_nonnull (find_in_model (model, LATE_CLINIC));

  /* As of an earlier date the project is back to "started". */
  chc_projects_view_set_as_of (CHC_PROJECTS_VIEW (view), "2025-06-01");
  project = find_in_model (model, LATE_CLINIC);
  g_assert_nonnull (project);
  g_assert_cmpint (chc_project_compute_stage (project, chc_date_julian ("2025-06-01")), ==,
                   CHC_PROJECT_STAGE_STARTED);

  /* The date saved as it was entered; the toast says so and Ctrl+Z puts
   * the project back as it was: not completed, the clinic not
   * standardized. */
  {
    ChcToast *toast = CHC_TOAST (find_type (view, CHC_TYPE_TOAST));
    g_autoptr(ChcProject) stored = NULL;
    g_autoptr(ChcFacility) again = NULL;

    g_assert_nonnull (toast);
    g_assert_nonnull (chc_toast_get_message (toast));
    g_assert_nonnull (strstr (chc_toast_get_message (toast), "2026-11-20"));
    g_assert_true (gtk_widget_activate_action (view, "projects.undo", NULL));
    spin ();
    stored = chc_database_get_project (db, id, &error);
    g_assert_no_error (error);
    g_assert_null (chc_project_get_actual (stored, CHC_MILESTONE_COMPLETED));
    again = chc_database_find_facility (db, LATE_CLINIC, 0, &error);
    g_assert_no_error (error);
    g_assert_false (chc_facility_get_standardized (again));
    g_assert_true (g_str_has_prefix (chc_toast_get_message (toast), "Undone: "));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
on_added (GtkWidget *dialog,
          guint      n,
          guint     *out)
{
  *out += n;
}

static void
test_batch_dialog (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(ChcDistrict) changning = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  guint added = 0;
  guint listed;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  changning = chc_database_find_district (db, "长宁", &error);
  g_assert_no_error (error);
  before = chc_database_list_projects (db, 0, NULL, &error);

  dialog = chc_standardization_batch_dialog_new (db, changning, 2026);
  g_signal_connect (dialog, "added", G_CALLBACK (on_added), &added);
  gtk_window_present (GTK_WINDOW (dialog));
  spin ();

  /* Changning's operating stations not yet standardized. */
  listed = chc_standardization_batch_dialog_get_n_listed (CHC_STANDARDIZATION_BATCH_DIALOG (dialog));
  g_assert_cmpuint (listed, ==, 6);
  g_assert_cmpuint (chc_standardization_batch_dialog_get_n_ticked (CHC_STANDARDIZATION_BATCH_DIALOG (dialog)), ==, 0);
  g_assert_true (gtk_widget_activate_action (dialog, "batch.tick-all", NULL));
  g_assert_cmpuint (chc_standardization_batch_dialog_get_n_ticked (CHC_STANDARDIZATION_BATCH_DIALOG (dialog)), ==, listed);
  g_object_ref (dialog);
  g_assert_true (gtk_widget_activate_action (dialog, "batch.add", NULL));
  spin ();

  g_assert_cmpuint (added, ==, listed);
  after = chc_database_list_projects (db, 0, NULL, &error);
  g_assert_cmpuint (after->len, ==, before->len + listed);
  {
    ChcProject *last = g_ptr_array_index (after, after->len - 1);
    g_assert_cmpint (chc_project_get_kind (last), ==, CHC_PROJECT_STANDARDIZATION);
    g_assert_cmpint (chc_project_get_plan_year (last), ==, 2026);
    g_assert_cmpstr (chc_project_get_planned (last, CHC_MILESTONE_COMPLETED), ==, "2026-10-31");
  }
  g_object_unref (dialog);
}

static void
on_project_added (GtkWidget *dialog,
                  gint64     id,
                  gint64    *out)
{
  *out = id;
}

#define CHILD(dialog, name) \
  gtk_widget_get_template_child (GTK_WIDGET (dialog), CHC_TYPE_PROJECT_DIALOG, name)

/* One project through the dialog: an opening of an operating centre is
 * refused with the rule shown; a new build creates its planned facility. */
static void
test_project_dialog (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(ChcDistrict) qingpu = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(ChcFacility) created = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  gint64 added = 0;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  qingpu = chc_database_find_district (db, "青浦", &error);
  before = chc_database_list_projects (db, 0, NULL, &error);

  dialog = chc_project_dialog_new (db, qingpu, 2026);
  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "added", G_CALLBACK (on_project_added), &added);
  gtk_window_present (GTK_WINDOW (dialog));
  spin ();

  /* Opening of the first facility listed (白鹤, operating): refused. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (CHILD (dialog, "kind_dropdown")), CHC_PROJECT_OPENING);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (CHILD (dialog, "facility_dropdown")), 0);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (CHILD (dialog, "new_facility_check"))));
  g_assert_true (gtk_widget_activate_action (dialog, "project.add", NULL));
  spin ();
  g_assert_cmpint (added, ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (CHILD (dialog, "error_label"))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (CHILD (dialog, "error_label"))), "白鹤"));

  /* A new build of a new station. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (CHILD (dialog, "kind_dropdown")), CHC_PROJECT_NEW_BUILD);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (CHILD (dialog, "new_facility_check")), TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (CHILD (dialog, "new_name_entry"))));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (CHILD (dialog, "facility_dropdown"))));
  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "new_name_entry")), "测试新建社区卫生服务站");
  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "new_code_entry")), "310118S99");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (CHILD (dialog, "new_type_dropdown")), CHC_FACILITY_STATION);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (CHILD (dialog, "new_parent_dropdown")), 1);
  gtk_editable_set_text (GTK_EDITABLE (CHILD (dialog, "area_after_entry")), "260");
  g_assert_true (gtk_widget_activate_action (dialog, "project.add", NULL));
  spin ();
  g_assert_cmpint (added, >, 0);

  after = chc_database_list_projects (db, 0, NULL, &error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  created = chc_database_find_facility (db, "310118S99", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chc_facility_get_status (created), ==, CHC_FACILITY_PLANNED);
  g_assert_cmpint (chc_facility_get_facility_type (created), ==, CHC_FACILITY_STATION);
  {
    g_autoptr(ChcProject) p = chc_database_get_project (db, added, &error);
    g_assert_cmpint (chc_project_get_facility_id (p), ==, chc_facility_get_id (created));
    g_assert_cmpint (chc_project_get_kind (p), ==, CHC_PROJECT_NEW_BUILD);
    g_assert_cmpint (chc_project_get_plan_year (p), ==, 2026);
  }
  g_object_unref (dialog);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  chc_test_require_display (gtk_init_check ());

  g_test_add_func ("/ui/projects/record-leaves-late-filter", test_record_leaves_late_filter);
  g_test_add_func ("/ui/projects/batch-dialog", test_batch_dialog);
  g_test_add_func ("/ui/projects/project-dialog", test_project_dialog);

  return g_test_run ();
}
