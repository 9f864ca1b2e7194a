/* test-datasets.c — data sets (issue 13): the [dataset CODE] groups of
 * data/elements.ini, what a declaration may not say, and the derived
 * 「自定义数据项」 of the commission's own elements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <glib.h>

#include "core/chc-element.h"
#include "store/chc-database-values.h"
#include "chc-test-util.h"

static ChcDataSet *
find_set (GPtrArray  *sets,
          const char *name_zh)
{
  for (guint i = 0; i < sets->len; i++)
    {
      ChcDataSet *set = g_ptr_array_index (sets, i);

      if (g_str_equal (set->name_zh, name_zh))
        return set;
    }
  return NULL;
}

static void
assert_codes (ChcDataSet        *set,
              const char *const *expected)
{
  g_autofree char *got = g_strjoinv (";", set->elements);
  g_autofree char *want = g_strjoinv (";", (char **) expected);

  g_assert_cmpstr (got, ==, want);
}

/* The three built-in data sets, their period types and elements; the
 * elements' file still reads with the data sets in it. */
static void
test_builtin (void)
{
  GPtrArray *sets = chc_datasets_get_builtin ();
  ChcDataSet *set;

  g_assert_cmpuint (sets->len, ==, 5);
  /* the families' data sets are entered in their own views */
  set = chc_datasets_find (sets, "signing");
  g_assert_nonnull (set);
  g_assert_false (chc_data_set_in_grid (set));
  g_assert_true (chc_data_set_is_reported (set));
  g_assert_cmpuint (g_strv_length (set->elements), ==, 7);
  g_assert_true (chc_datasets_find_for_element (sets, "online_signed") == set);
  g_assert_cmpint (set->due_day, ==, 5);
  g_assert_false (chc_data_set_is_reported (chc_datasets_find (sets, "yearly_district")));
  set = find_set (sets, "月报：门诊与慢病");
  g_assert_nonnull (set);
  g_assert_cmpint (set->period_type, ==, CHC_PERIOD_TYPE_MONTH);
  assert_codes (set, (const char *[]) { "outpatient_visits", "chronic_measurements", NULL });
  set = find_set (sets, "年报：人员与慢病管理");
  g_assert_nonnull (set);
  g_assert_cmpint (set->period_type, ==, CHC_PERIOD_TYPE_YEAR);
  /* its first columns (the plans of issue 14 add more after them) */
  {
    g_autofree char *got = g_strjoinv (";", set->elements);

    g_assert_true (g_str_has_prefix (got, "general_practitioners;gps_standard_trained;"
                                          "chronic_patients_managed;chronic_patients_measured;"
                                          "remote_consultation"));
  }
  set = find_set (sets, "年报：全区指标");
  g_assert_nonnull (set);
  g_assert_cmpint (set->period_type, ==, CHC_PERIOD_TYPE_YEAR);
  for (guint i = 0; set->elements[i] != NULL; i++)
    g_assert_cmpint (chc_elements_find_builtin (set->elements[i])->level, ==, CHC_ELEMENT_LEVEL_DISTRICT);
  g_assert_cmpuint (g_strv_length (set->elements), >=, 6);
  g_assert_cmpuint (chc_elements_get_builtin ()->len, >, 20);

  /* a decimal reads as people write it, never with an exponent */
  {
    ChcElement *funding = chc_elements_find_builtin ("public_health_funding");
    const double values[] = { 120, 12.5, 0.1, 85123.25 };
    const char *texts[] = { "120", "12.5", "0.1", "85123.25" };

    for (guint i = 0; i < G_N_ELEMENTS (values); i++)
      {
        g_autofree char *text = chc_element_format_value (funding, values[i]);

        g_assert_cmpstr (text, ==, texts[i]);
      }
  }
}

/* A data set that names an unknown element, a family's element, an
 * element of another period type, or lacks its keys is refused, with the
 * group and the key in the message. */
static void
test_refused (void)
{
  static const struct { const char *text; const char *says; } cases[] = {
    { "[dataset a]\nname_zh=甲\nperiod_type=month\nelements=no_such\n", "no_such" },
    { "[dataset a]\nname_zh=甲\nperiod_type=month\nelements=signed_residents\n", "signed_residents" },
    { "[dataset a]\nname_zh=甲\nperiod_type=year\nelements=outpatient_visits\n", "outpatient_visits" },
    { "[dataset a]\nname_zh=甲\nperiod_type=month\nelements=outpatient_visits;outpatient_visits\n", "twice" },
    { "[dataset a]\nperiod_type=month\nelements=outpatient_visits\n", "name_zh" },
    { "[dataset a]\nname_zh=甲\nperiod_type=dated\nelements=outpatient_visits\n", "period_type" },
    { "[dataset a]\nname_zh=甲\nperiod_type=month\n", "elements" },
    { "[dataset A-1]\nname_zh=甲\nperiod_type=month\nelements=outpatient_visits\n", "A-1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) sets = chc_datasets_parse (cases[i].text, strlen (cases[i].text), "t.ini",
                                                      chc_elements_get_builtin (), &error);

      g_assert_null (sets);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "t.ini [dataset "));
      g_assert_nonnull (strstr (error->message, cases[i].says));
    }
  /* element groups are chc_elements_parse()'s, and it leaves data sets */
  {
    const char *text = "[element x]\nname_zh=某项\n\n[dataset a]\nname_zh=甲\nperiod_type=month\nelements=x\n";
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) elements = chc_elements_parse (text, strlen (text), "t.ini", &error);
    g_autoptr(GPtrArray) sets = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (elements->len, ==, 1);
    sets = chc_datasets_parse (text, strlen (text), "t.ini", elements, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sets->len, ==, 1);
    g_assert_cmpstr (((ChcDataSet *) g_ptr_array_index (sets, 0))->elements[0], ==, "x");
  }
}

/* The commission's own elements make a 「自定义数据项」 of their period
 * type, after the built-in sets. */
static void
test_custom (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_database (TRUE);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GError) error = NULL;
  const char *codes[] = { "home_visits", "bed_days", "nurse_count" };
  const ChcPeriodType types[] = { CHC_PERIOD_TYPE_MONTH, CHC_PERIOD_TYPE_MONTH, CHC_PERIOD_TYPE_YEAR };
  ChcDataSet *set;

  elements = chc_database_list_elements (db, &error);
  g_assert_no_error (error);
  before = chc_datasets_list (elements);
  g_assert_cmpuint (before->len, ==, chc_datasets_get_builtin ()->len);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(ChcElement) element = chc_element_new (codes[i], codes[i]);

      element->period_type = types[i];
      element->origin = CHC_ELEMENT_ORIGIN_USER;
      chc_database_add_element (db, element, &error);
      g_assert_no_error (error);
    }
  g_clear_pointer (&elements, g_ptr_array_unref);
  elements = chc_database_list_elements (db, &error);
  g_assert_no_error (error);
  after = chc_datasets_list (elements);
  g_assert_cmpuint (after->len, ==, before->len + 2);
  set = find_set (after, "自定义数据项（月报）");
  g_assert_nonnull (set);
  g_assert_cmpint (set->origin, ==, CHC_ELEMENT_ORIGIN_USER);
  g_assert_cmpint (set->period_type, ==, CHC_PERIOD_TYPE_MONTH);
  g_assert_cmpuint (g_strv_length (set->elements), ==, 2);
  g_assert_true (g_strv_contains ((const char *const *) set->elements, "home_visits"));
  g_assert_true (g_strv_contains ((const char *const *) set->elements, "bed_days"));
  set = find_set (after, "自定义数据项（年报）");
  g_assert_nonnull (set);
  assert_codes (set, (const char *[]) { "nurse_count", NULL });
  g_assert_null (find_set (after, "自定义数据项（季报）"));
}

/* The period before; a value far from it is a warning. */
static void
test_warn_change (void)
{
  ChcElement *visits = chc_elements_find_builtin ("outpatient_visits");
  ChcElement *remote = chc_elements_find_builtin ("remote_consultation");
  const char *periods[][2] = {
    { "2025-01", "2024-12" }, { "2025-07", "2025-06" }, { "2025Q1", "2024Q4" },
    { "2025Q3", "2025Q2" }, { "2025", "2024" },
  };
  char *message;

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autofree char *previous = chc_period_previous (periods[i][0]);

      g_assert_cmpstr (previous, ==, periods[i][1]);
    }
  g_assert_null (chc_period_previous ("not a period"));

  g_assert_null (chc_element_warn_change (visits, NAN, 25000));
  g_assert_null (chc_element_warn_change (visits, 20000, 25000));
  g_assert_null (chc_element_warn_change (visits, 3, 12));      /* small counts */
  g_assert_null (chc_element_warn_change (remote, 1, 0));
  message = chc_element_warn_change (visits, 171, 25000);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "25000"));
  g_assert_nonnull (strstr (message, "171"));
  g_free (message);
  message = chc_element_warn_change (visits, 20000, 2000);
  g_assert_nonnull (message);
  g_free (message);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/datasets/builtin", test_builtin);
  g_test_add_func ("/datasets/refused", test_refused);
  g_test_add_func ("/datasets/custom", test_custom);
  g_test_add_func ("/datasets/warn-change", test_warn_change);

  return g_test_run ();
}
