/* test-ui-elements.c — the Data Elements dialog (win.elements) on the demo
 * database: it lists every element in words, finds one, adds one of the
 * commission's own through its form (the store has it), explains a bad
 * field next to it, refuses to remove an element with values with the
 * store's message, and removes it once it has none.
 *
 * Runs under xvfb-run (tests/ui/meson.build); skips without a display.
 * With CHC_SCREENSHOT_DIR set, saves elements-form.png there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "core/chc-element.h"
#include "store/chc-database-plans.h"
#include "store/chc-database-values.h"
#include "ui/chc-elements-dialog.h"
#include "ui/chc-targets-dialog.h"
#include "ui/chc-window.h"

static gboolean have_display;

static ChcElementsDialog *
find_elements_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CHC_IS_ELEMENTS_DIALOG (window))
        return CHC_ELEMENTS_DIALOG (window);
    }
  return NULL;
}

static GtkWidget *
child (ChcElementsDialog *dialog,
       const char        *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), CHC_TYPE_ELEMENTS_DIALOG, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
set_text (ChcElementsDialog *dialog,
          const char        *name,
          const char        *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, name)), text);
}

static const char *
label_text (ChcElementsDialog *dialog,
            const char        *name)
{
  return gtk_label_get_label (GTK_LABEL (child (dialog, name)));
}

/* Whether some label of the list shows @text. */
static gboolean
list_shows (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (list_shows (c, text))
      return TRUE;
  return FALSE;
}

static void
test_add_and_remove (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(ChcElement) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = NULL;
  ChcWindow *window;
  ChcElementsDialog *dialog;
  gint64 centre_id, district_id;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  window = chc_window_new (NULL, db);
  gtk_window_present (GTK_WINDOW (window));
  chc_test_iterate (100);

  /* The menu's action opens the dialog on every element, in words. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.elements", NULL));
  dialog = find_elements_dialog ();
  g_assert_nonnull (dialog);
  chc_test_iterate (200);
  g_assert_cmpint (chc_elements_dialog_find_row (dialog, "resident_population"), ==, 0);
  g_assert_cmpint (chc_elements_dialog_find_row (dialog, "outpatient_visits"), >, 0);
  /* (In the language of the run: screenshots are taken in Chinese.) */
  g_assert_true (list_shows (child (dialog, "elements_view"),
                             chc_element_get_label (chc_elements_find_builtin ("resident_population"))));
  g_assert_true (list_shows (child (dialog, "elements_view"), _("Latest value (a stock)")));
  g_assert_true (list_shows (child (dialog, "elements_view"), _("Built-in")));
  g_assert_false (list_shows (child (dialog, "elements_view"), "stock"));
  /* A built-in element cannot be removed. */
  g_assert_true (chc_elements_dialog_select (dialog, "resident_population"));
  g_assert_false (gtk_widget_is_sensitive (child (dialog, "remove_button")));

  /* The search finds by name or code. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "elements.find", NULL));
  set_text (dialog, "search_entry", "outpatient");
  g_signal_emit_by_name (child (dialog, "search_entry"), "search-changed");
  g_assert_cmpint (chc_elements_dialog_find_row (dialog, "resident_population"), ==, -1);
  g_assert_cmpint (chc_elements_dialog_find_row (dialog, "outpatient_visits"), ==, 0);
  set_text (dialog, "search_entry", "");
  g_signal_emit_by_name (child (dialog, "search_entry"), "search-changed");

  /* The form: a bad code is explained next to it, nothing is added. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "elements.show-form", NULL));
  set_text (dialog, "code_entry", "Home Beds");
  set_text (dialog, "name_zh_entry", "家庭病床建床数");
  set_text (dialog, "unit_entry", "张");
  g_signal_emit_by_name (child (dialog, "code_entry"), "activate");
  g_assert_true (gtk_widget_get_visible (child (dialog, "code_error")));
  g_assert_nonnull (strstr (label_text (dialog, "code_error"), "Home Beds"));
  g_assert_cmpint (chc_elements_dialog_find_row (dialog, "home_beds"), ==, -1);

  /* A lower bound above the upper one, next to the upper one. */
  set_text (dialog, "code_entry", "home_beds");
  set_text (dialog, "min_entry", "10");
  set_text (dialog, "max_entry", "5");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "elements.add", NULL));
  g_assert_false (gtk_widget_get_visible (child (dialog, "code_error")));
  g_assert_true (gtk_widget_get_visible (child (dialog, "max_error")));
  set_text (dialog, "max_entry", "abc");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "elements.add", NULL));
  g_assert_nonnull (strstr (label_text (dialog, "max_error"), "abc"));

  /* A name already taken, next to the name. */
  set_text (dialog, "min_entry", "");
  set_text (dialog, "max_entry", "");
  set_text (dialog, "name_zh_entry", "常住人口");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "elements.add", NULL));
  g_assert_true (gtk_widget_get_visible (child (dialog, "name_error")));
  chc_test_screenshot ("elements-error.png");
  set_text (dialog, "name_zh_entry", "家庭病床建床数");
  g_assert_false (gtk_widget_get_visible (child (dialog, "name_error")));

  /* Yes/no: the aggregation follows (a count of facilities). */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (dialog, "type_dropdown")), 3);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (dialog, "aggregation_dropdown"))), ==, 3);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (dialog, "type_dropdown")), 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (dialog, "aggregation_dropdown"))), ==, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (dialog, "aggregation_dropdown")), 1);   /* a stock */
  chc_test_screenshot ("elements-form.png");

  /* Enter adds: listed, selected, and in the store. */
  g_signal_emit_by_name (child (dialog, "name_zh_entry"), "activate");
  g_assert_false (gtk_widget_get_visible (child (dialog, "name_error")));
  g_assert_cmpint (chc_elements_dialog_find_row (dialog, "home_beds"), >, 0);
  stored = chc_database_find_element (db, "home_beds", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->name_zh, ==, "家庭病床建床数");
  g_assert_cmpstr (stored->unit, ==, "张");
  g_assert_cmpint (stored->value_type, ==, CHC_VALUE_TYPE_INTEGER);
  g_assert_cmpint (stored->level, ==, CHC_ELEMENT_LEVEL_CENTRE);
  g_assert_cmpint (stored->period_type, ==, CHC_PERIOD_TYPE_MONTH);
  g_assert_cmpint (stored->aggregation, ==, CHC_AGGREGATION_STOCK);
  g_assert_cmpint (stored->origin, ==, CHC_ELEMENT_ORIGIN_USER);
  g_assert_cmpfloat (stored->min, ==, 0);
  g_assert_true (isnan (stored->max));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "code_entry"))), ==, "");
  /* Scrolled to it (the list is longer than its window). */
  chc_test_iterate (700);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (child (dialog, "elements_view")))), >, 0);
  g_assert_true (list_shows (child (dialog, "elements_view"), "家庭病床建床数"));
  g_assert_true (list_shows (child (dialog, "elements_view"), _("Own")));
  chc_test_screenshot ("elements-added.png");

  /* With a value, Remove is refused with the store's message. */
  centre_id = chc_test_query_int (db, "SELECT id FROM facility WHERE type = 'centre' ORDER BY code LIMIT 1");
  district_id = chc_test_query_int (db, "SELECT district_id FROM facility WHERE type = 'centre' ORDER BY code LIMIT 1");
  values = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_value_free);
  g_ptr_array_add (values, chc_value_new (centre_id, district_id, "home_beds", "2024-06", 12));
  g_assert_true (chc_database_save_values (db, values, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (chc_elements_dialog_select (dialog, "home_beds"));
  g_assert_true (gtk_widget_is_sensitive (child (dialog, "remove_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "elements.remove", NULL));
  g_assert_true (gtk_widget_get_visible (child (dialog, "status_label")));
  g_assert_nonnull (strstr (label_text (dialog, "status_label"), "home_beds"));
  g_assert_cmpint (chc_elements_dialog_find_row (dialog, "home_beds"), >, 0);

  /* Without values, removed from the store and the list. */
  ((ChcValue *) g_ptr_array_index (values, 0))->value = NAN;
  g_assert_true (chc_database_save_values (db, values, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (chc_elements_dialog_select (dialog, "home_beds"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "elements.remove", NULL));
  g_assert_cmpint (chc_elements_dialog_find_row (dialog, "home_beds"), ==, -1);
  g_clear_pointer (&stored, chc_element_unref);
  stored = chc_database_find_element (db, "home_beds", &error);
  g_assert_null (stored);
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Added by another program (chc-cli): listed on the database's word. */
  {
    g_autoptr(ChcElement) element = chc_element_new ("smoke_free", "无烟单位");

    element->value_type = CHC_VALUE_TYPE_YES_NO;
    element->aggregation = CHC_AGGREGATION_COUNT;
    element->min = NAN;
    element->origin = CHC_ELEMENT_ORIGIN_USER;
    g_assert_true (chc_database_add_element (db, element, &error));
    g_assert_no_error (error);
    g_assert_cmpint (chc_elements_dialog_find_row (dialog, "smoke_free"), >, 0);
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  chc_test_iterate (50);
}

/* Whether the string list @model holds @text. */
static gboolean
model_has (GListModel *model,
           const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      return TRUE;
  return FALSE;
}

/* Whether some string of the list @model begins with @prefix. */
static gboolean
model_has_prefix (GListModel *model,
                  const char *prefix)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), prefix))
      return TRUE;
  return FALSE;
}

/* The targets dialog offers the declared figures by their labels (the
 * commission's own too), the conditions by name, and stores the keys; an
 * indicator over an element of one's own has a value. */
static void
test_targets_offer_elements (void)
{
  g_autoptr(ChcDatabase) db = NULL;
  g_autoptr(ChcElement) element = chc_element_new ("home_beds", "家庭病床建床数");
  g_autoptr(ChcDistrict) qingpu = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_value_free);
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *with_unit = NULL;
  g_autofree char *dental = NULL;
  GtkWidget *dialog;
  GListModel *conditions, *figures;
  guint position = 0;
  gboolean found = FALSE;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  db = chc_test_new_demo ();
  qingpu = chc_database_find_district (db, "Qingpu", &error);
  g_assert_no_error (error);
  g_free (element->unit);
  element->unit = g_strdup ("张");
  element->level = CHC_ELEMENT_LEVEL_CENTRE;
  element->origin = CHC_ELEMENT_ORIGIN_USER;
  g_assert_true (chc_database_add_element (db, element, &error));
  g_assert_no_error (error);
  g_ptr_array_add (values, chc_value_new (chc_test_query_int (db, "SELECT id FROM facility WHERE name = '白鹤社区卫生服务中心'"),
                                          chc_district_get_id (qingpu), "home_beds", "2024-06", 12));
  g_assert_true (chc_database_save_values (db, values, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  dialog = chc_targets_dialog_new (NULL, db, qingpu);
  gtk_window_present (GTK_WINDOW (dialog));
  conditions = gtk_drop_down_get_model (GTK_DROP_DOWN (gtk_widget_get_template_child (dialog, CHC_TYPE_TARGETS_DIALOG, "condition_dropdown")));
  figures = gtk_drop_down_get_model (GTK_DROP_DOWN (gtk_widget_get_template_child (dialog, CHC_TYPE_TARGETS_DIALOG, "numerator_dropdown")));

  /* Words, never keys. */
  g_assert_false (model_has_prefix (conditions, "element:"));
  g_assert_false (model_has_prefix (conditions, "capability:"));
  g_assert_false (model_has (conditions, "standardization_started"));
  g_assert_false (model_has_prefix (figures, "element:"));
  dental = g_strdup_printf (_("Capability: %s"), chc_capability_kind_get_label (CHC_CAPABILITY_DENTAL));
  g_assert_true (model_has (conditions, dental));
  g_assert_true (model_has (conditions, chc_element_get_label (chc_elements_find_builtin ("remote_consultation"))));
  g_clear_pointer (&with_unit, g_free);
  with_unit = chc_element_get_label_with_unit (chc_elements_find_builtin ("outpatient_visits"));
  g_assert_true (model_has (figures, with_unit));
  g_clear_pointer (&with_unit, g_free);
  with_unit = chc_element_get_label_with_unit (element);
  g_assert_true (model_has (figures, with_unit));
  /* Numbers only: no yes/no, no date among the figures. */
  g_assert_false (model_has (figures, chc_element_get_label (chc_elements_find_builtin ("remote_consultation"))));

  /* A ratio over the element of one's own: the key is stored, it has a value. */
  elements = chc_database_list_elements (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < elements->len; i++)
    {
      ChcElement *e = g_ptr_array_index (elements, i);

      if (g_str_equal (e->code, "home_beds"))
        break;
      if (e->value_type != CHC_VALUE_TYPE_YES_NO && e->value_type != CHC_VALUE_TYPE_DATE)
        position++;
    }
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (figures), position), ==, with_unit);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (dialog, CHC_TYPE_TARGETS_DIALOG, "code_entry")), "other.home_beds");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (dialog, CHC_TYPE_TARGETS_DIALOG, "name_zh_entry")), "家庭病床");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (dialog, CHC_TYPE_TARGETS_DIALOG, "method_dropdown")), 3);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (dialog, CHC_TYPE_TARGETS_DIALOG, "unit_dropdown")), 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (dialog, CHC_TYPE_TARGETS_DIALOG, "numerator_dropdown")), position);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (dialog, CHC_TYPE_TARGETS_DIALOG, "denominator_dropdown")), position);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (dialog, CHC_TYPE_TARGETS_DIALOG, "add_toggle")), TRUE);
  chc_test_screenshot ("targets-form.png");
  g_assert_true (gtk_widget_activate_action (dialog, "targets.add-indicator", NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (dialog, CHC_TYPE_TARGETS_DIALOG, "form_error_label"))));
  g_assert_nonnull (chc_targets_dialog_get_entry (CHC_TARGETS_DIALOG (dialog), "other.home_beds", 2024));

  results = chc_database_evaluate_plan (db, chc_district_get_id (qingpu), 2024, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      ChcIndicator *indicator = chc_indicator_result_get_indicator (g_ptr_array_index (results, i));

      if (g_str_equal (chc_indicator_get_code (indicator), "other.home_beds"))
        {
          g_assert_cmpstr (chc_indicator_get_condition (indicator), ==, "element:home_beds/element:home_beds");
          g_assert_true (chc_indicator_result_get_has_value (g_ptr_array_index (results, i)));
          g_assert_cmpfloat (chc_indicator_result_get_value (g_ptr_array_index (results, i)), ==, 1);
          found = TRUE;
        }
    }
  g_assert_true (found);

  gtk_window_destroy (GTK_WINDOW (dialog));
  chc_test_iterate (50);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  chc_test_require_display (have_display);
  chc_test_bind_locale ();

  g_test_add_func ("/ui/elements/add-and-remove", test_add_and_remove);
  g_test_add_func ("/ui/elements/targets-offer-elements", test_targets_offer_elements);

  return g_test_run ();
}
