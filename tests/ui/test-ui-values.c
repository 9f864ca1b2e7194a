/* test-ui-values.c — the generic entry grid (数据填报, issue 13) in the
 * window on a demo database: type values for three facilities, a bad
 * value blocks Save and writes nothing, a rule across figures turns the
 * cell red, undo, save in one go; the values are stored, the audit log
 * has them and the total row is the store's aggregation; the view fits
 * 1024×700 in English and in Chinese.  Skips without a display; run it
 * with xvfb-run -a env GTK_A11Y=none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "chc-test-util.h"
#include "chc-ui-test-util.h"
#include "core/chc-element.h"
#include "core/chc-validate.h"
#include "model/chc-audit-entry.h"
#include "store/chc-database-sync.h"
#include "store/chc-database-values.h"
#include "ui/chc-ui-util.h"
#include "ui/chc-values-view.h"
#include "ui/chc-window.h"

#define PERIOD "2022-06"   /* before the demo's values */

static gboolean have_display;

typedef struct
{
  ChcDatabase   *database;
  ChcWindow     *window;
  ChcValuesView *view;
  gint64         district_id;
  gint64         ids[3];      /* three centres of the district */
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!have_display)
    return;

  fx->database = chc_test_new_demo ();
  fx->window = chc_window_new (NULL, fx->database);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1366, 740);
  gtk_window_present (GTK_WINDOW (fx->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-view", "s", "values"));
  chc_test_iterate (300);
  g_assert_cmpstr (chc_window_get_view_name (fx->window), ==, "values");
  fx->view = CHC_VALUES_VIEW (chc_window_get_view (fx->window, "values"));
  g_assert_nonnull (chc_values_view_get_district (fx->view));
  fx->district_id = chc_district_get_id (chc_values_view_get_district (fx->view));

  chc_values_view_set_data_set (fx->view, "monthly_outpatient");
  chc_values_view_set_period (fx->view, PERIOD);
  chc_test_iterate (100);
  g_assert_cmpstr (chc_values_view_get_data_set (fx->view), ==, "monthly_outpatient");
  g_assert_cmpstr (chc_values_view_get_period (fx->view), ==, PERIOD);

  facilities = chc_database_list_facilities (fx->database, fx->district_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < facilities->len && n < G_N_ELEMENTS (fx->ids); i++)
    {
      ChcFacility *facility = g_ptr_array_index (facilities, i);

      if (chc_facility_get_facility_type (facility) == CHC_FACILITY_CENTRE &&
          chc_facility_get_status (facility) == CHC_FACILITY_OPERATING)
        fx->ids[n++] = chc_facility_get_id (facility);
    }
  g_assert_cmpuint (n, ==, 3);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  if (fx->window != NULL)
    {
      chc_values_view_discard_changes (fx->view);
      gtk_window_destroy (GTK_WINDOW (fx->window));
    }
  chc_test_iterate (50);
  g_clear_object (&fx->database);
}

static GtkWidget *
cell (Fixture    *fx,
      gint64      id,
      const char *element)
{
  GtkWidget *entry = chc_values_view_get_cell (fx->view, id, element);

  g_assert_nonnull (entry);
  return entry;
}

/* What a user does: click into the cell, type, press Enter. */
static void
type_into (Fixture    *fx,
           gint64      id,
           const char *element,
           const char *text)
{
  chc_test_type_into_cell (cell (fx, id, element), text);
}

static gboolean
action_enabled (Fixture    *fx,
                const char *action)
{
  return chc_test_action_enabled (GTK_WIDGET (fx->view), action);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The stored values of the grid's data set for the period, as
 * "facility id|element=value" lines, sorted. */
static char *
stored_values (Fixture    *fx,
               const char *period)
{
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  values = chc_database_list_values (fx->database, fx->district_id, period, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < values->len; i++)
    {
      ChcValue *value = g_ptr_array_index (values, i);

      if (g_strcmp0 (value->period, period) != 0 ||
          (g_strcmp0 (value->element, "outpatient_visits") != 0 &&
           g_strcmp0 (value->element, "chronic_measurements") != 0))
        continue;
      g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT "|%s=%g", value->facility_id,
                                               value->element, value->value));
    }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static guint
count_audit (Fixture *fx)
{
  ChcAuditFilter filter = { .table = "element_value" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = chc_database_list_audit (fx->database, &filter, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpstr (chc_audit_entry_get_table (g_ptr_array_index (entries, i)), ==, "element_value");
  return entries->len;
}

/* ---- tests ------------------------------------------------------------------ */

/* Three facilities typed by keyboard, a bad value refused (nothing
 * written), fixed, one edit undone, saved in one go; read back, audited,
 * totalled by the store. */
static void
test_type_and_save (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *bad;
  ChcAggregate aggregate;
  guint audit_before;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  before = stored_values (fx, PERIOD);
  g_assert_cmpstr (before, ==, "");
  audit_before = count_audit (fx);
  g_assert_false (chc_values_view_has_unsaved_changes (fx->view));
  g_assert_false (action_enabled (fx, "values.save"));
  /* empty: not reported, never 0 */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell (fx, fx->ids[0], "outpatient_visits"))), ==, "");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (cell (fx, fx->ids[0], "outpatient_visits"))),
                   ==, _("Not reported"));

  type_into (fx, fx->ids[0], "outpatient_visits", "12,000");
  /* Enter goes to the next cell */
  {
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (fx->window));
    GtkWidget *next = cell (fx, fx->ids[0], "chronic_measurements");

    g_assert_true (focus == next || gtk_widget_is_ancestor (focus, next));
  }
  type_into (fx, fx->ids[0], "chronic_measurements", "300");
  type_into (fx, fx->ids[1], "outpatient_visits", "8000");
  g_assert_true (chc_values_view_has_unsaved_changes (fx->view));
  g_assert_true (action_enabled (fx, "values.save"));

  /* text, then a negative count: red, Save refused, nothing written */
  type_into (fx, fx->ids[1], "chronic_measurements", "很多");
  bad = cell (fx, fx->ids[1], "chronic_measurements");
  g_assert_true (gtk_widget_has_css_class (bad, "error"));
  g_assert_nonnull (strstr (chc_ui_get_tooltip (bad), "很多"));
  g_assert_false (action_enabled (fx, "values.save"));
  gtk_widget_activate_action (GTK_WIDGET (fx->view), "values.save", NULL);   /* Ctrl+S: disabled */
  chc_test_iterate (10);
  g_assert_true (chc_values_view_has_unsaved_changes (fx->view));
  g_assert_false (chc_values_view_save (fx->view, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_nonnull (strstr (chc_values_view_get_status_text (fx->view), "1"));
  type_into (fx, fx->ids[1], "chronic_measurements", "-5");
  g_assert_true (gtk_widget_has_css_class (bad, "error"));
  g_assert_false (chc_values_view_save (fx->view, &error));
  g_clear_error (&error);
  after = stored_values (fx, PERIOD);
  g_assert_cmpstr (after, ==, "");
  g_assert_cmpuint (count_audit (fx), ==, audit_before);

  /* fixed */
  type_into (fx, fx->ids[1], "chronic_measurements", "250");
  g_assert_false (gtk_widget_has_css_class (bad, "error"));
  g_assert_true (gtk_widget_has_css_class (bad, "edited"));

  /* the third facility; its second value undone (Ctrl+Z's action) */
  type_into (fx, fx->ids[2], "outpatient_visits", "5000");
  type_into (fx, fx->ids[2], "chronic_measurements", "90");
  g_assert_true (action_enabled (fx, "values.undo"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "values.undo", NULL));
  chc_test_iterate (10);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell (fx, fx->ids[2], "chronic_measurements"))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell (fx, fx->ids[2], "outpatient_visits"))), ==, "5000");

  chc_test_screenshot ("values-typed.png");
  g_assert_true (action_enabled (fx, "values.save"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "values.save", NULL));
  chc_test_iterate (50);
  g_assert_false (chc_values_view_has_unsaved_changes (fx->view));
  g_test_message ("%s", chc_values_view_get_status_text (fx->view));

  g_clear_pointer (&after, g_free);
  after = stored_values (fx, PERIOD);
  {
    g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

    g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT "|outpatient_visits=12000", fx->ids[0]));
    g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT "|chronic_measurements=300", fx->ids[0]));
    g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT "|outpatient_visits=8000", fx->ids[1]));
    g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT "|chronic_measurements=250", fx->ids[1]));
    g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT "|outpatient_visits=5000", fx->ids[2]));
    g_ptr_array_sort (lines, compare_lines);
    g_ptr_array_add (lines, NULL);
    expected = g_strjoinv ("\n", (char **) lines->pdata);
  }
  g_assert_cmpstr (after, ==, expected);
  g_assert_cmpuint (count_audit (fx), ==, audit_before + 5);

  /* the total row: the store's aggregation of what is saved */
  g_assert_true (chc_database_aggregate (fx->database, "outpatient_visits", fx->district_id, NULL,
                                         PERIOD, &aggregate, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (aggregate.value, ==, 25000);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (chc_values_view_get_total_label (fx->view, "outpatient_visits"))),
                   ==, "25,000");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (chc_values_view_get_total_label (fx->view, "chronic_measurements"))),
                   ==, "550");
  {
    g_autofree char *total = g_strdup_printf (_("Total (%u of %u reported)"), 3, aggregate.n_expected);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (chc_values_view_get_total_name (fx->view))), ==, total);
  }

  /* the saved values are shown again; clearing a cell removes its value */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell (fx, fx->ids[0], "outpatient_visits"))), ==, "12,000");
  type_into (fx, fx->ids[0], "chronic_measurements", "");
  g_assert_true (chc_values_view_save (fx->view, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = stored_values (fx, PERIOD);
  g_assert_null (strstr (after, "chronic_measurements=300"));
  g_assert_cmpuint (count_audit (fx), ==, audit_before + 6);
}

/* A rule across figures (trained GPs ≤ GPs) turns the cell red and
 * blocks Save; the district's data set has one row, 全区. */
static void
test_cross_field (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *trained;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  chc_values_view_set_data_set (fx->view, "yearly_staff_chronic");
  chc_values_view_set_period (fx->view, "2022");
  chc_test_iterate (50);
  g_assert_cmpstr (chc_values_view_get_period (fx->view), ==, "2022");

  type_into (fx, fx->ids[0], "general_practitioners", "20");
  type_into (fx, fx->ids[0], "gps_standard_trained", "25");
  trained = cell (fx, fx->ids[0], "gps_standard_trained");
  g_assert_true (gtk_widget_has_css_class (trained, "error"));
  g_test_message ("%s", chc_ui_get_tooltip (trained));
  g_assert_false (action_enabled (fx, "values.save"));
  g_assert_false (chc_values_view_save (fx->view, &error));
  g_clear_error (&error);
  type_into (fx, fx->ids[0], "gps_standard_trained", "18");
  g_assert_false (gtk_widget_has_css_class (trained, "error"));
  type_into (fx, fx->ids[0], "remote_consultation", "是");
  g_assert_true (chc_values_view_save (fx->view, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell (fx, fx->ids[0], "remote_consultation"))),
                   ==, _("yes"));

  /* the district's figures: one row, for the district */
  chc_values_view_set_data_set (fx->view, "yearly_district");
  chc_test_iterate (50);
  g_assert_null (chc_values_view_get_cell (fx->view, fx->ids[0], "district_residents"));
  type_into (fx, 0, "district_residents", "1300000");
  type_into (fx, 0, "walking_access_residents", "1400000");
  g_assert_true (gtk_widget_has_css_class (cell (fx, 0, "walking_access_residents"), "error"));
  type_into (fx, 0, "walking_access_residents", "1200000");
  g_assert_true (chc_values_view_save (fx->view, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (chc_values_view_get_total_label (fx->view, "walking_access_residents"))),
                   ==, "1,200,000");
}

/* Changing the data set with unsaved changes asks first; staying keeps
 * them. */
static void
test_change_asks (Fixture       *fx,
                  gconstpointer  data)
{
  GtkWidget *dialog;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  type_into (fx, fx->ids[0], "outpatient_visits", "100");
  chc_values_view_set_data_set (fx->view, "yearly_district");
  chc_test_iterate (50);
  dialog = chc_values_view_get_dialog (fx->view);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  chc_test_iterate (50);
  g_assert_cmpstr (chc_values_view_get_data_set (fx->view), ==, "monthly_outpatient");
  g_assert_true (chc_values_view_has_unsaved_changes (fx->view));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell (fx, fx->ids[0], "outpatient_visits"))), ==, "100");
}

/* A value far from the facility's value of the month before is amber: a
 * warning that does not block Save. */
static void
test_warning (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  GtkWidget *entry;
  double previous = NAN;

  CHC_TEST_SKIP_WITHOUT_DISPLAY (have_display);

  chc_values_view_set_period (fx->view, "2025-12");
  chc_test_iterate (50);
  before = chc_database_list_values (fx->database, fx->district_id, "2025-11", "chronic_measurements", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < before->len; i++)
    {
      ChcValue *value = g_ptr_array_index (before, i);

      if (value->facility_id == fx->ids[0] && g_strcmp0 (value->period, "2025-11") == 0)
        previous = value->value;
    }
  g_assert_false (isnan (previous));   /* the demo has it */
  g_assert_cmpfloat (previous, <, 1000);

  type_into (fx, fx->ids[0], "chronic_measurements", "25000");
  entry = cell (fx, fx->ids[0], "chronic_measurements");
  g_assert_true (gtk_widget_has_css_class (entry, "warning"));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_test_message ("%s", chc_values_view_get_status_text (fx->view));
  g_assert_true (action_enabled (fx, "values.save"));
  type_into (fx, fx->ids[0], "chronic_measurements", "-1");
  g_assert_false (gtk_widget_has_css_class (entry, "warning"));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  type_into (fx, fx->ids[0], "chronic_measurements", "25000");
  g_assert_true (chc_values_view_save (fx->view, &error));
  g_assert_no_error (error);
  entry = cell (fx, fx->ids[0], "chronic_measurements");   /* the grid is built again */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "25,000");
  g_assert_false (gtk_widget_has_css_class (entry, "warning"));
}

/* The window fits a 1024×700 screen on this view, in English and in
 * Chinese, with the widest data set. */
static void
test_min_size (void)
{
  static const char *languages[] = { "C.UTF-8", "zh_CN.UTF-8" };
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "..", "po", NULL);
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  static const char *sets[] = { "monthly_outpatient", "yearly_staff_chronic", "yearly_district" };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(ChcDatabase) db = NULL;
      ChcWindow *window;
      ChcValuesView *view;

      if (setlocale (LC_ALL, languages[l]) == NULL)
        {
          g_test_fail_printf ("the locale %s is missing", languages[l]);
          continue;
        }
      bindtextdomain (GETTEXT_PACKAGE, localedir);

      db = chc_test_new_demo ();
      window = chc_window_new (NULL, db);
      gtk_window_present (GTK_WINDOW (window));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "values"));
      chc_test_iterate (150);
      view = CHC_VALUES_VIEW (chc_window_get_view (window, "values"));
      for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
        {
          g_autofree char *what = g_strdup_printf ("%s, %s", languages[l], sets[s]);

          chc_values_view_set_data_set (view, sets[s]);
          chc_test_iterate (100);
          chc_test_assert_window_fits (GTK_WIDGET (window), what, 1024, 700);
        }
      gtk_window_destroy (GTK_WINDOW (window));
      chc_test_iterate (50);
    }
  setlocale (LC_ALL, saved);
  chc_test_bind_locale ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  chc_test_require_display (have_display);
  chc_test_bind_locale ();

  g_test_add ("/ui/values/type-and-save", Fixture, NULL,
              fixture_setup, test_type_and_save, fixture_teardown);
  g_test_add ("/ui/values/cross-field", Fixture, NULL,
              fixture_setup, test_cross_field, fixture_teardown);
  g_test_add ("/ui/values/change-asks", Fixture, NULL,
              fixture_setup, test_change_asks, fixture_teardown);
  g_test_add ("/ui/values/warning", Fixture, NULL,
              fixture_setup, test_warning, fixture_teardown);
  g_test_add_func ("/ui/values/min-size", test_min_size);

  return g_test_run ();
}
