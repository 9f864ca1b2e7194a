/* test-ui-capabilities.c — the capabilities editor bound to a facility of
 * the demo database: it shows the stored capabilities, and ticking,
 * changing a year and unticking write to the store.
 *
 * Runs under xvfb-run (tests/ui/meson.build); skips without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "chc-ui-test-util.h"
#include "store/chc-database-plans.h"
#include "ui/chc-capabilities-editor.h"

static gboolean have_display;

static GtkCheckButton *
check (GtkWidget  *editor,
       const char *kind)
{
  GtkWidget *w = chc_test_find_named (editor, kind);

  g_assert_true (GTK_IS_CHECK_BUTTON (w));
  return GTK_CHECK_BUTTON (w);
}

static GtkSpinButton *
year (GtkWidget  *editor,
      const char *kind)
{
  g_autofree char *name = g_strconcat ("year-", kind, NULL);
  GtkWidget *w = chc_test_find_named (editor, name);

  g_assert_true (GTK_IS_SPIN_BUTTON (w));
  return GTK_SPIN_BUTTON (w);
}

/* The stored year of @kind for @facility, 0 when it has none. */
static int
stored_year (ChcDatabase       *db,
             ChcFacility       *facility,
             ChcCapabilityKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = chc_database_list_capabilities (db, chc_facility_get_id (facility), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (chc_capability_get_kind (g_ptr_array_index (list, i)), chc_capability_kind_to_nick (kind)) == 0)
      return chc_capability_get_year (g_ptr_array_index (list, i));
  return 0;
}

static void
test_edit_capabilities (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(ChcFacility) baihe = NULL;
  g_autoptr(ChcFacility) jinze = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *editor;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  baihe = chc_database_find_facility (db, "白鹤社区卫生服务中心", 0, &error);
  jinze = chc_database_find_facility (db, "金泽社区卫生服务中心", 0, &error);
  g_assert_no_error (error);

  window = GTK_WINDOW (gtk_window_new ());
  editor = chc_capabilities_editor_new ();
  gtk_window_set_child (window, editor);
  g_object_set (editor, "database", db, "facility", baihe, "default-year", 2024, NULL);
  gtk_window_present (window);

  /* 白鹤: demonstration rehabilitation centre and CT in 2023 (seed 000). */
  g_assert_true (gtk_check_button_get_active (check (editor, "rehab_demo")));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (year (editor, "rehab_demo")), ==, 2023);
  g_assert_true (gtk_check_button_get_active (check (editor, "ct")));
  g_assert_false (gtk_check_button_get_active (check (editor, "dental")));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (year (editor, "dental"))));

  /* Tick: stored with the proposed year; change the year: stored again. */
  gtk_check_button_set_active (check (editor, "dental"), TRUE);
  g_assert_cmpint (stored_year (db, baihe, CHC_CAPABILITY_DENTAL), ==, 2024);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (year (editor, "dental"))));
  gtk_spin_button_set_value (year (editor, "dental"), 2025);
  g_assert_cmpint (stored_year (db, baihe, CHC_CAPABILITY_DENTAL), ==, 2025);

  /* Untick: cleared. */
  gtk_check_button_set_active (check (editor, "ct"), FALSE);
  g_assert_cmpint (stored_year (db, baihe, CHC_CAPABILITY_CT), ==, 0);

  /* A change made elsewhere shows. */
  g_assert_true (chc_database_set_capability (db, chc_facility_get_id (baihe), CHC_CAPABILITY_NURSING, 2022, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_check_button_get_active (check (editor, "nursing")));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (year (editor, "nursing")), ==, 2022);

  /* Another facility: its own capabilities (金泽: CT 2023 only). */
  chc_capabilities_editor_set_facility (CHC_CAPABILITIES_EDITOR (editor), jinze);
  g_assert_true (gtk_check_button_get_active (check (editor, "ct")));
  g_assert_false (gtk_check_button_get_active (check (editor, "rehab_demo")));
  g_assert_false (gtk_check_button_get_active (check (editor, "dental")));

  /* No facility: insensitive. */
  chc_capabilities_editor_set_facility (CHC_CAPABILITIES_EDITOR (editor), NULL);
  g_assert_false (gtk_widget_is_sensitive (chc_test_find_named (editor, "ct")));

  gtk_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  chc_test_require_display (have_display);

  g_test_add_func ("/ui/capabilities/edit", test_edit_capabilities);

  return g_test_run ();
}
