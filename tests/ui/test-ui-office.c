/* test-ui-office.c — the window on office PCs (issue 19): it never drops
 * an edit (Quit with unsaved signing figures asks as the window's × does;
 * a construction project's changed fields are kept when the store
 * announces a change, and leaving the project asks); New Project's
 * facility picker finds names; the TCM table shows names whole on a
 * 1366-pixel screen.  Skips without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "chc-ui-test-util.h"
#include "chc-application.h"
#include "store/chc-database-projects.h"
#include "ui/chc-window.h"
#include "ui/chc-help.h"
#include "ui/chc-signing-view.h"
#include "ui/chc-projects-view.h"
#include "ui/chc-project-dialog.h"
#include "ui/chc-tcm-view.h"
#include "ui/chc-facilities-view.h"
#include "ui/chc-keymap.h"
#include "ui/chc-ui-util.h"
#include "ui/chc-audit-view.h"
#include "io/chc-csv-columns.h"

static gboolean have_display;

static void check_help (ChcWindow *window, const char *view, const char *language);

/* A window on @db showing @view. */
static ChcWindow *
window_on_view (ChcDatabase *db,
                const char  *view)
{
  ChcWindow *window = chc_window_new (NULL, db);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", view));
  chc_test_iterate (200);
  return window;
}

static ChcApplication *
new_application (void)
{
  g_autoptr(GError) error = NULL;
  ChcApplication *app = chc_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

/* A centre of the window's district, shown in the signing grid. */
static gint64
first_centre (ChcDatabase *db,
              ChcWindow   *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) facilities =
    chc_database_list_facilities (db, chc_district_get_id (chc_window_get_district (window)), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < facilities->len; i++)
    if (chc_facility_get_facility_type (g_ptr_array_index (facilities, i)) == CHC_FACILITY_CENTRE)
      return chc_facility_get_id (g_ptr_array_index (facilities, i));
  g_assert_not_reached ();
}

static void
test_quit_asks (void)
{
  g_autoptr(ChcApplication) app = NULL;
  g_autoptr(ChcDatabase) db = NULL;
  ChcSigningView *signing;
  ChcWindow *window;
  GtkWidget *cell;
  GtkWidget *dialog;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  app = new_application ();
  db = chc_test_new_demo ();
  window = chc_window_new (app, db);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "signing"));
  chc_test_iterate (200);

  signing = CHC_SIGNING_VIEW (chc_window_get_view (window, "signing"));
  cell = chc_signing_view_get_cell (signing, first_centre (db, window), CHC_SIGNING_SIGNED_VISITS_TOTAL);
  g_assert_nonnull (cell);
  gtk_widget_grab_focus (cell);
  gtk_editable_set_text (GTK_EDITABLE (cell), "123456");
  g_signal_emit_by_name (cell, "activate");
  chc_test_iterate (50);
  g_assert_true (chc_signing_view_has_unsaved_changes (signing));

  /* Quit (Ctrl+Q): asked, and Cancel keeps the window and the figure. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  chc_test_iterate (50);
  g_assert_nonnull (window);
  dialog = chc_signing_view_get_dialog (signing);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  chc_test_iterate (50);
  g_assert_nonnull (window);
  g_assert_true (chc_signing_view_has_unsaved_changes (signing));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "123456");

  /* Quit again, Discard: the window goes. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  chc_test_iterate (50);
  dialog = chc_signing_view_get_dialog (signing);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_REJECT);
  chc_test_iterate (100);
  g_assert_null (window);
}

static GtkEditable *
pane_entry (ChcProjectsView *view,
            const char      *name)
{
  GObject *entry = gtk_widget_get_template_child (GTK_WIDGET (view), CHC_TYPE_PROJECTS_VIEW, name);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

static void
test_project_leave_asks (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(ChcProject) first = NULL;
  g_autoptr(ChcProject) second = NULL;
  g_autoptr(ChcProject) stored = NULL;
  g_autoptr(GError) error = NULL;
  ChcProjectsView *view;
  GListModel *listed;
  ChcWindow *window;
  GtkWidget *dialog;
  gint64 first_id;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  window = chc_window_new (NULL, db);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "projects"));
  chc_test_iterate (200);

  view = CHC_PROJECTS_VIEW (chc_window_get_view (window, "projects"));
  listed = chc_projects_view_get_model (view);
  g_assert_cmpuint (g_list_model_get_n_items (listed), >=, 2);
  first = g_list_model_get_item (listed, 0);
  second = g_list_model_get_item (listed, 1);
  first_id = chc_project_get_id (first);
  g_assert_true (chc_projects_view_select_project (view, first_id));
  g_assert_false (chc_projects_view_has_unsaved_changes (view));

  /* A changed budget survives the store announcing a change (a milestone
   * saved, another program's write). */
  gtk_editable_set_text (pane_entry (view, "budget_entry"), "1,234.5");
  g_assert_true (chc_projects_view_has_unsaved_changes (view));
  chc_test_exec (db, "project", "UPDATE project SET notes = notes WHERE id = 0");
  chc_test_iterate (50);
  g_assert_cmpstr (gtk_editable_get_text (pane_entry (view, "budget_entry")), ==, "1,234.5");
  g_assert_cmpint (chc_project_get_id (chc_projects_view_get_selected (view)), ==, first_id);

  /* Another project: asked; Cancel stays on the first with the edit. */
  g_assert_true (chc_projects_view_select_project (view, chc_project_get_id (second)));
  chc_test_iterate (50);
  dialog = chc_projects_view_get_dialog (view);
  g_assert_nonnull (dialog);
  g_assert_cmpint (chc_project_get_id (chc_projects_view_get_selected (view)), ==, first_id);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  chc_test_iterate (50);
  g_assert_cmpint (chc_project_get_id (chc_projects_view_get_selected (view)), ==, first_id);
  g_assert_cmpstr (gtk_editable_get_text (pane_entry (view, "budget_entry")), ==, "1,234.5");

  /* Again, Save: stored, and the second project is shown. */
  g_assert_true (chc_projects_view_select_project (view, chc_project_get_id (second)));
  chc_test_iterate (50);
  dialog = chc_projects_view_get_dialog (view);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  {
    gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

    while (chc_project_get_id (chc_projects_view_get_selected (view)) == first_id &&
           g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  stored = chc_database_get_project (db, first_id, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (chc_project_get_budget (stored), ==, 1234.5);
  g_assert_cmpint (chc_project_get_id (chc_projects_view_get_selected (view)), ==,
                   chc_project_get_id (second));

  /* Closing the window with a changed note asks too; Discard closes. */
  gtk_editable_set_text (pane_entry (view, "notes_entry"), "待补充材料");
  gtk_window_close (GTK_WINDOW (window));
  chc_test_iterate (50);
  g_assert_nonnull (window);
  dialog = chc_projects_view_get_dialog (view);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_REJECT);
  chc_test_iterate (100);
  g_assert_null (window);
}

/* New Project's facility picker: typing the start of a name narrows the
 * list to the facilities it names. */
static void
test_facility_picker_search (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(ChcDistrict) qingpu = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  GtkDropDown *picker;
  GtkWidget *search;
  GListModel *shown;
  guint all;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  qingpu = chc_database_find_district (db, "青浦", &error);
  g_assert_no_error (error);
  dialog = chc_project_dialog_new (db, qingpu, 2025);
  gtk_window_present (GTK_WINDOW (dialog));
  picker = GTK_DROP_DOWN (gtk_widget_get_template_child (dialog, CHC_TYPE_PROJECT_DIALOG, "facility_dropdown"));
  search = GTK_WIDGET (gtk_widget_get_template_child (dialog, CHC_TYPE_PROJECT_DIALOG, "facility_search"));
  shown = gtk_drop_down_get_model (picker);
  all = g_list_model_get_n_items (shown);
  g_assert_cmpuint (all, >, 10);

  {
    static const struct { const char *text; guint n; } searches[] = {
      { "凤溪", 1 }, { "华新", 2 }, { "zzz", 0 }, { "", 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        guint n = searches[i].text[0] != '\0' ? searches[i].n : all;

        gtk_editable_set_text (GTK_EDITABLE (search), searches[i].text);
        chc_test_iterate (400);
        g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
        for (guint j = 0; j < n && searches[i].text[0] != '\0'; j++)
          {
            g_autoptr(GtkStringObject) item = g_list_model_get_item (shown, j);
            g_assert_nonnull (strstr (gtk_string_object_get_string (item), searches[i].text));
          }
        if (n > 0)
          g_assert_cmpuint (gtk_drop_down_get_selected (picker), !=, GTK_INVALID_LIST_POSITION);
      }
  }

  /* The facility chosen from a narrowed list is the one stored. */
  gtk_editable_set_text (GTK_EDITABLE (search), "凤溪");
  chc_test_iterate (400);
  gtk_drop_down_set_selected (picker, 0);
  g_assert_true (gtk_widget_activate_action (dialog, "project.add", NULL));
  chc_test_iterate (50);
  {
    g_autoptr(GPtrArray) projects = chc_database_list_projects (db, chc_district_get_id (qingpu), NULL, &error);
    gboolean found = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < projects->len; i++)
      found |= g_strcmp0 (chc_project_get_facility_name (g_ptr_array_index (projects, i)),
                          "华新社区卫生服务中心凤溪分中心") == 0;
    g_assert_true (found);
  }
}

/* The first label under @widget showing @text, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return GTK_LABEL (child);
      found = find_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* At 1366×768 the TCM table shows a centre's name whole (it was cut to
 * one character: "白…"). */
static void
test_tcm_names (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  ChcWindow *window;
  GtkWidget *tcm;
  GtkWidget *table;
  GtkLabel *name;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  window = chc_window_new (NULL, db);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 740);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "tcm"));
  chc_test_iterate (500);

  tcm = chc_window_get_view (window, "tcm");
  table = GTK_WIDGET (gtk_widget_get_template_child (tcm, CHC_TYPE_TCM_VIEW, "facility_view"));
  name = find_label (table, "白鹤社区卫生服务中心");
  g_assert_nonnull (name);
  g_test_message ("the name's cell is %d px wide", gtk_widget_get_width (GTK_WIDGET (name)));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (name)));
  chc_test_screenshot ("tcm-1366.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static const char *views[] = {
  "dashboard", "facilities", "projects", "signing", "tcm", "values", "reporting", "reports", "audit",
};

/* The window fits a 1024×700 screen on every view, in English and in
 * Chinese: its smallest size is no larger (it was 1442×694 in English and
 * 1303×738 in Chinese). */
static void
test_min_sizes (void)
{
  static const char *languages[] = { "C.UTF-8", "zh_CN.UTF-8" };
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "..", "po", NULL);
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(ChcDatabase) db = NULL;
      ChcWindow *window;

      if (setlocale (LC_ALL, languages[l]) == NULL)
        {
          /* .ci/install-deps generates zh_CN.UTF-8. */
          g_test_fail_printf ("the locale %s is missing", languages[l]);
          continue;
        }
      bindtextdomain (GETTEXT_PACKAGE, localedir);

      db = chc_test_new_demo ();
      window = chc_window_new (NULL, db);
      gtk_window_present (GTK_WINDOW (window));
      for (guint i = 0; i < G_N_ELEMENTS (views); i++)
        {
          g_autofree char *what = g_strdup_printf ("%s, %s", languages[l], views[i]);

          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", views[i]));
          chc_test_iterate (150);
          chc_test_assert_window_fits (GTK_WIDGET (window), what, 1024, 700);
        }
      gtk_window_destroy (GTK_WINDOW (window));
      chc_test_iterate (50);
    }
  setlocale (LC_ALL, saved);
  chc_test_bind_locale ();
}

/* The mnemonic letters of the labels shown under @widget: keyval → label. */
static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *seen,
                   GString    *duplicates)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) && gtk_label_get_use_underline (GTK_LABEL (child)))
        {
          guint keyval = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (child)));
          const char *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (keyval));

          if (keyval != GDK_KEY_VoidSymbol && other != NULL)
            g_string_append_printf (duplicates, "Alt+%s: “%s” and “%s”\n", gdk_keyval_name (keyval),
                                    other, gtk_label_get_label (GTK_LABEL (child)));
          else if (keyval != GDK_KEY_VoidSymbol)
            g_hash_table_insert (seen, GUINT_TO_POINTER (keyval), (gpointer) gtk_label_get_label (GTK_LABEL (child)));
        }
      collect_mnemonics (child, seen, duplicates);
    }
}

static gboolean
focus_is_inside (GtkWindow *window,
                 GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The keyboard: one mnemonic per letter on each view; Ctrl+1…7 put the
 * focus into the view; Tab in the sidebar goes to the view (it used to
 * walk the sidebar, switching view at each step); every shortcut of the
 * table has its action and is in the shortcuts window. */
static void
test_keyboard (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(GString) duplicates = g_string_new (NULL);
  const ChcKeyBinding *bindings;
  guint n_bindings, n_titled = 0, n_listed = 0;
  GtkWidget *sidebar;
  ChcWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  window = chc_window_new (NULL, db);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 740);
  gtk_window_present (GTK_WINDOW (window));
  chc_test_iterate (300);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      GtkWidget *view = chc_window_get_view (window, views[i]);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", views[i]));
      chc_test_iterate (200);
      g_assert_true (focus_is_inside (GTK_WINDOW (window), view));
      {
        g_autoptr(GString) here = g_string_new (NULL);

        collect_mnemonics (GTK_WIDGET (window), seen, here);
        if (here->len > 0)
          g_string_append_printf (duplicates, "%s: %s", views[i], here->str);
      }
    }
  g_assert_cmpstr (duplicates->str, ==, "");

  /* Tab from the sidebar: into the view shown, which stays shown. */
  sidebar = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CHC_TYPE_WINDOW, "sidebar"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "facilities"));
  g_assert_true (gtk_widget_child_focus (sidebar, GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_is_inside (GTK_WINDOW (window), sidebar));
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (sidebar);
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (c))
          g_signal_emit_by_name (c, "key-pressed", GDK_KEY_Tab, 0, 0, &handled);
      }
    g_assert_true (handled);
  }
  g_assert_cmpstr (chc_window_get_view_name (window), ==, "facilities");
  g_assert_true (focus_is_inside (GTK_WINDOW (window), chc_window_get_view (window, "facilities")));

  /* The table: each action exists where it is installed; the shortcuts
   * window lists every binding with a title. */
  bindings = chc_keymap_get_bindings (&n_bindings);
  for (guint i = 0; i < n_bindings; i++)
    {
      const ChcKeyBinding *b = &bindings[i];

      g_assert_false (b->keyval == GDK_KEY_i && (b->modifiers & GDK_SHIFT_MASK));
      if (b->title != NULL)
        n_titled++;
      if (b->action != NULL && g_str_equal (b->scope, "window") && g_str_has_prefix (b->action, "win.") &&
          !g_str_equal (b->action, "win.show-help-overlay"))
        {
          gboolean found = FALSE;
          const char *name;
          const char *property;
          const GVariantType *type;
          GType owner;

          /* (GTK 4.8 writes every out argument.) */
          for (guint a = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), a, &owner, &name, &type, &property); a++)
            found |= g_str_equal (name, b->action);
          g_assert_true (found);
        }
    }
  {
    g_autoptr(GtkShortcutsWindow) overlay = chc_keymap_new_shortcuts_window ();
    GtkWidget *w = GTK_WIDGET (overlay);
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();
    g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    g_ptr_array_add (stack, w);
    while (stack->len > 0)
      {
        GtkWidget *top = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_SHORTCUTS_SHORTCUT (top))
          {
            g_autofree char *title = NULL;

            g_object_get (top, "title", &title, NULL);
            g_hash_table_add (listed, g_steal_pointer (&title));
          }
        for (GtkWidget *c = gtk_widget_get_first_child (top); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    gtk_window_destroy (GTK_WINDOW (overlay));
    n_listed = g_hash_table_size (listed);
    /* (The shortcuts window shows each one twice: its page and its
     * search results.) */
    for (guint i = 0; i < n_bindings; i++)
      if (bindings[i].title != NULL)
        g_assert_true (g_hash_table_contains (listed, _(bindings[i].title)));
  }
  g_assert_cmpuint (n_listed, ==, n_titled);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The Chinese interface names things in Chinese: import columns by their
 * Chinese header, whole records in the audit log and History by their
 * fields' names and values' labels (not "type=branch"); the origin filter
 * finds 录入; History closes on Escape. */
static void
test_chinese_names (void)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "..", "po", NULL);
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *saved_env = g_strdup (g_getenv ("LC_ALL"));
  g_autoptr(ChcDatabase) db = NULL;
  g_autofree char *column = NULL;
  g_autofree char *row = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *imported = NULL;
  GtkWindow *history;
  gboolean has_escape = FALSE;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_fail_printf ("the locale zh_CN.UTF-8 is missing");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);

  column = chc_csv_column_display (CHC_CSV_KIND_SIGNING, CHC_CSV_FACILITY_NAME);
  g_assert_cmpstr (column, ==, "机构名称");

  row = chc_ui_display_row ("facility",
                            "{\"code\":\"310118B03\",\"name\":\"白鹤社区卫生服务中心赵屯分中心\",\"type\":\"branch\","
                            "\"parent\":null,\"floor_area\":2200.0,\"standardized\":0,\"status\":\"operating\"}");
  g_test_message ("%s", row);
  g_assert_null (strstr (row, "branch"));
  g_assert_null (strstr (row, "type"));
  g_assert_nonnull (strstr (row, "分中心"));
  g_assert_nonnull (strstr (row, "2200"));
  g_assert_null (strstr (row, "2200.0"));
  g_assert_nonnull (strstr (row, "否"));

  origin = chc_ui_origin_search ("录入");
  g_assert_cmpstr (origin, ==, "entry");
  imported = chc_ui_origin_search ("导入 a.csv");
  g_assert_cmpstr (imported, ==, "import a.csv");

  db = chc_test_new_demo ();
  {
    ChcWindow *window = window_on_view (db, "signing");

    for (guint i = 0; i < G_N_ELEMENTS (views); i++)
      check_help (window, views[i], "zh_CN");
    gtk_window_destroy (GTK_WINDOW (window));
  }
  history = chc_audit_view_show_history (NULL, db, "facility", "310118B03", "赵屯分中心");
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (history));

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (c))
          continue;
        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), j);
            g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
            g_autofree char *action = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

            has_escape |= g_str_equal (trigger, "Escape") && strstr (action, "window.close") != NULL;
          }
      }
  }
  g_assert_true (has_escape);
  gtk_window_destroy (history);

  if (saved_env != NULL)
    g_setenv ("LC_ALL", saved_env, TRUE);
  else
    g_unsetenv ("LC_ALL");
  setlocale (LC_ALL, saved);
  chc_test_bind_locale ();
}

static gboolean
inspect_and_close_cb (gpointer user_data)
{
  GtkApplication *app = user_data;
  gboolean *asked = g_object_get_data (G_OBJECT (app), "asked");
  gboolean *opened = g_object_get_data (G_OBJECT (app), "opened");

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    {
      if (CHC_IS_WINDOW (l->data))
        *opened = TRUE;
      else if (GTK_IS_DIALOG (l->data))
        *asked = TRUE;
    }
  for (GList *l = gtk_application_get_windows (app); l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }
  return G_SOURCE_REMOVE;
}

/* chc-monitor --db NEW.db --demo opens the demo data in NEW.db at once;
 * it asked "empty or demo?" first. */
static void
test_demo_does_not_ask (void)
{
  g_autoptr(ChcApplication) app = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gboolean asked = FALSE, opened = FALSE;
  char *argv[] = { (char *) "chc-monitor", (char *) "--db", NULL, (char *) "--demo", NULL };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = chc_test_tmpdir ();
  path = g_build_filename (dir, "new-demo.db", NULL);
  argv[2] = path;
  app = chc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_object_set_data (G_OBJECT (app), "asked", &asked);
  g_object_set_data (G_OBJECT (app), "opened", &opened);
  g_timeout_add (1500, inspect_and_close_cb, app);
  g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);
  g_assert_false (asked);
  g_assert_true (opened);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The signing grid marks the figures typed and not saved, and says every
 * problem of the month, not only the first. */
static void
test_signing_marks_and_problems (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;
  ChcSigningView *signing;
  ChcWindow *window;
  GtkWidget *status;
  g_autofree char *tooltip = NULL;
  guint n_bad = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  window = window_on_view (db, "signing");
  signing = CHC_SIGNING_VIEW (chc_window_get_view (window, "signing"));

  facilities = chc_database_list_facilities (db, chc_district_get_id (chc_window_get_district (window)), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < facilities->len && n_bad < 2; i++)
    {
      ChcFacility *f = g_ptr_array_index (facilities, i);
      GtkWidget *signed_cell = chc_signing_view_get_cell (signing, chc_facility_get_id (f), CHC_SIGNING_SIGNED_RESIDENTS);
      GtkWidget *population = chc_signing_view_get_cell (signing, chc_facility_get_id (f), CHC_SIGNING_RESIDENT_POPULATION);

      if (signed_cell == NULL || population == NULL)
        continue;
      /* More residents signed than live there: a problem. */
      gtk_widget_grab_focus (population);
      gtk_editable_set_text (GTK_EDITABLE (population), "1000");
      g_signal_emit_by_name (population, "activate");
      gtk_widget_grab_focus (signed_cell);
      gtk_editable_set_text (GTK_EDITABLE (signed_cell), "2000");
      g_signal_emit_by_name (signed_cell, "activate");
      chc_test_iterate (30);
      g_assert_true (gtk_widget_has_css_class (signed_cell, "edited"));
      n_bad++;
    }
  g_assert_cmpuint (n_bad, ==, 2);
  status = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (signing), CHC_TYPE_SIGNING_VIEW, "status_label"));
  g_test_message ("%s", chc_signing_view_get_status_text (signing));
  g_assert_nonnull (strstr (chc_signing_view_get_status_text (signing), "more"));
  tooltip = gtk_widget_get_tooltip_text (status) != NULL ? g_strdup (gtk_widget_get_tooltip_text (status)) : NULL;
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strchr (tooltip, '\n'));

  /* The column names and the district total stay in view: only the rows
   * scroll up and down. */
  {
    GtkWidget *grid = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (signing), CHC_TYPE_SIGNING_VIEW, "grid"));
    GtkWidget *rows = gtk_widget_get_ancestor (grid, GTK_TYPE_SCROLLED_WINDOW);
    GtkWidget *total = chc_signing_view_get_rate_label (signing, 0, CHC_SIGNING_COVERAGE);
    GtkWidget *header = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (signing), CHC_TYPE_SIGNING_VIEW, "header_grid"));

    g_assert_nonnull (rows);
    g_assert_nonnull (total);
    g_assert_false (gtk_widget_is_ancestor (total, rows));
    g_assert_false (gtk_widget_is_ancestor (header, rows));
    g_assert_nonnull (gtk_widget_get_first_child (header));
  }

  /* Discarded: nothing is marked any more. */
  chc_signing_view_discard_changes (signing);
  chc_test_iterate (30);
  for (guint i = 0; i < facilities->len; i++)
    {
      GtkWidget *cell = chc_signing_view_get_cell (signing, chc_facility_get_id (g_ptr_array_index (facilities, i)),
                                                   CHC_SIGNING_SIGNED_RESIDENTS);
      if (cell != NULL)
        g_assert_false (gtk_widget_has_css_class (cell, "edited"));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An empty list says why: a district without facilities, a search that
 * finds nothing. */
static void
test_empty_states (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  ChcWindow *window;
  GtkWidget *view;
  GtkLabel *empty;
  GtkEditable *search;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_database (TRUE);   /* districts, no facilities */
  window = window_on_view (db, "facilities");
  view = chc_window_get_view (window, "facilities");
  empty = GTK_LABEL (gtk_widget_get_template_child (view, CHC_TYPE_FACILITIES_VIEW, "empty_label"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (empty)));
  g_assert_nonnull (strstr (gtk_label_get_label (empty), "Ctrl+N"));
  gtk_window_destroy (GTK_WINDOW (window));

  g_clear_object (&db);
  db = chc_test_new_demo ();
  window = window_on_view (db, "facilities");
  view = chc_window_get_view (window, "facilities");
  empty = GTK_LABEL (gtk_widget_get_template_child (view, CHC_TYPE_FACILITIES_VIEW, "empty_label"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (empty)));
  search = GTK_EDITABLE (gtk_widget_get_template_child (view, CHC_TYPE_FACILITIES_VIEW, "search_entry"));
  gtk_editable_set_text (search, "zzz");
  chc_test_iterate (400);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (empty)));
  g_assert_nonnull (strstr (gtk_label_get_label (empty), "zzz"));
  gtk_editable_set_text (search, "");
  chc_test_iterate (400);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (empty)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The URI chc_help_show() would open (recorded instead of launching a
 * browser or yelp). */
static void
record_uri (GtkWindow  *parent,
            const char *uri,
            gpointer    user_data)
{
  char **recorded = user_data;

  g_free (*recorded);
  *recorded = g_strdup (uri);
}

/* The help button of @view's header, found by its action. */
static GtkWidget *
find_help_button (GtkWidget  *widget,
                  const char *view)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.help-page") == 0)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      g_assert_cmpstr (g_variant_get_string (target, NULL), ==, view);
      return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_help_button (child, view);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The view's help button and F1 open the view's page of the manual, in the
 * interface's language: in the browser, the HTML made from the Mallard
 * page (it exists and is that page); with yelp, the Mallard page. */
static void
check_help (ChcWindow  *window,
            const char *view,
            const char *language)
{
  g_autofree char *recorded = NULL;
  g_autofree char *suffix = g_strdup_printf ("/%s/%s.html", language, view);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *yelp_uri = NULL;
  g_autofree char *page = NULL;
  GtkWidget *button;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", view));
  chc_help_set_opener (record_uri, &recorded);
  g_setenv ("CHC_HELP_VIEWER", "browser", TRUE);

  button = find_help_button (chc_window_get_view (window, view), view);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  g_test_message ("%s", recorded);
  g_assert_nonnull (recorded);
  g_assert_true (g_str_has_prefix (recorded, "file:///"));
  g_assert_true (g_str_has_suffix (recorded, suffix));
  path = g_filename_from_uri (recorded, NULL, NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "figures/"));

  /* F1: the same page. */
  g_clear_pointer (&recorded, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.help", NULL));
  g_assert_true (g_str_has_suffix (recorded, suffix));

  /* With yelp: the Mallard page of the sources (CHC_HELPDIR, as meson
   * devenv sets it), or help:chc-monitor/VIEW once installed. */
  g_setenv ("CHC_HELP_VIEWER", "yelp", TRUE);
  g_clear_pointer (&recorded, g_free);
  g_signal_emit_by_name (button, "clicked");
  yelp_uri = g_strdup_printf ("ghelp:%s/%s?%s", g_getenv ("CHC_HELPDIR"), language, view);
  g_assert_cmpstr (recorded, ==, yelp_uri);
  page = g_strdup_printf ("%s/%s/%s.page", g_getenv ("CHC_HELPDIR"), language, view);
  g_assert_true (g_file_test (page, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *saved = g_strdup (g_getenv ("CHC_HELPDIR"));
    g_autofree char *installed = g_strdup_printf ("help:chc-monitor/%s", view);

    g_unsetenv ("CHC_HELPDIR");
    g_clear_pointer (&recorded, g_free);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.help", NULL));
    g_assert_cmpstr (recorded, ==, installed);
    g_setenv ("CHC_HELPDIR", saved, TRUE);
  }

  g_unsetenv ("CHC_HELP_VIEWER");
  chc_help_set_opener (NULL, NULL);
}

static void
test_help (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  ChcWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  window = window_on_view (db, "dashboard");
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    check_help (window, views[i], "C");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Ctrl+F in Construction projects: the projects of the facilities whose
 * name holds what is typed. */
static void
test_projects_search (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  ChcProjectsView *view;
  GtkWidget *search;
  GListModel *listed;
  ChcWindow *window;
  guint expected = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  window = window_on_view (db, "projects");
  view = CHC_PROJECTS_VIEW (chc_window_get_view (window, "projects"));
  listed = chc_projects_view_get_model (view);
  all = chc_database_list_projects (db, chc_district_get_id (chc_window_get_district (window)), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (strstr (chc_project_get_facility_name (g_ptr_array_index (all, i)), "徐泾") != NULL)
      expected++;
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, all->len);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "projects.find", NULL));
  search = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), CHC_TYPE_PROJECTS_VIEW, "search_entry"));
  g_assert_true (gtk_widget_has_focus (search) || gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), search));
  gtk_editable_set_text (GTK_EDITABLE (search), "徐泾");
  chc_test_iterate (400);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, expected);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  chc_test_iterate (400);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, all->len);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  chc_test_bind_locale ();
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/ui/office/quit-asks", test_quit_asks);
  g_test_add_func ("/ui/office/project-leave-asks", test_project_leave_asks);
  g_test_add_func ("/ui/office/facility-picker-search", test_facility_picker_search);
  g_test_add_func ("/ui/office/tcm-names", test_tcm_names);
  g_test_add_func ("/ui/office/min-sizes", test_min_sizes);
  g_test_add_func ("/ui/office/keyboard", test_keyboard);
  g_test_add_func ("/ui/office/chinese-names", test_chinese_names);
  g_test_add_func ("/ui/office/demo-does-not-ask", test_demo_does_not_ask);
  g_test_add_func ("/ui/office/signing-marks-and-problems", test_signing_marks_and_problems);
  g_test_add_func ("/ui/office/empty-states", test_empty_states);
  g_test_add_func ("/ui/office/help", test_help);
  g_test_add_func ("/ui/office/projects-search", test_projects_search);
  return g_test_run ();
}
