/* test-signing.c — family-doctor signing: the rules and warnings, the
 * district sums, the store (save, reload, refusals), the demo figures and
 * chc-cli signing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "chc-test-util.h"
#include "core/chc-signing.h"
#include "core/chc-validate.h"
#include "io/chc-demo.h"
#include "io/chc-demo-signing.h"
#include "store/chc-database-signing.h"

/* ---- helpers ------------------------------------------------------------ */

static ChcSigningFigures
figures_of (gint64 population,
            gint64 signed_residents,
            gint64 key_population,
            gint64 key_signed,
            gint64 online,
            gint64 visits,
            gint64 visits_community)
{
  ChcSigningFigures f = { { population, signed_residents, key_population, key_signed,
                            online, visits, visits_community } };
  return f;
}

/* A valid month: 40 % coverage, 75 % key coverage, 85 % compliance. */
static ChcSigningFigures
good_figures (void)
{
  return figures_of (100000, 40000, 30000, 22500, 6000, 20000, 17000);
}

static ChcSigningRecord *
record_new (gint64                   facility_id,
            const char              *period,
            const ChcSigningFigures *figures)
{
  ChcSigningRecord *record = chc_signing_record_new ();

  chc_signing_record_set_facility_id (record, facility_id);
  chc_signing_record_set_period (record, period);
  chc_signing_record_set_facility_name (record, "test");
  chc_signing_record_set_figures (record, figures);
  return record;
}

static guint
count_field (GPtrArray  *violations,
             const char *field)
{
  guint n = 0;

  for (guint i = 0; i < violations->len; i++)
    if (g_strcmp0 (((ChcViolation *) g_ptr_array_index (violations, i))->field, field) == 0)
      n++;
  return n;
}

/* ---- model -------------------------------------------------------------- */

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static gboolean
names_contain (GPtrArray  *names,
               const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return TRUE;
  return FALSE;
}

static void
test_record_derived (void)
{
  g_autoptr(ChcSigningRecord) record = chc_signing_record_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  ChcSigningFigures f = good_figures ();
  double coverage = 0;

  /* Nothing entered: every rate is undefined. */
  g_assert_cmpfloat (chc_signing_record_get_coverage (record), ==, -1);
  g_assert_cmpfloat (chc_signing_record_get_compliance (record), ==, -1);

  g_signal_connect (record, "notify", G_CALLBACK (on_notify), names);

  chc_signing_record_set_figures (record, &f);
  g_assert_cmpfloat_with_epsilon (chc_signing_record_get_coverage (record), 0.40, 1e-12);
  g_assert_cmpfloat_with_epsilon (chc_signing_record_get_key_coverage (record), 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (chc_signing_record_get_online_share (record), 0.15, 1e-12);
  g_assert_cmpfloat_with_epsilon (chc_signing_record_get_compliance (record), 0.85, 1e-12);
  g_assert_true (names_contain (names, "coverage"));
  g_assert_true (names_contain (names, "compliance"));
  g_ptr_array_set_size (names, 0);

  /* Signed residents feed coverage and the online share, nothing else. */
  chc_signing_record_set_signed_residents (record, 50000);
  g_assert_true (names_contain (names, "signed-residents"));
  g_assert_true (names_contain (names, "coverage"));
  g_assert_true (names_contain (names, "online-share"));
  g_assert_false (names_contain (names, "key-coverage"));
  g_assert_false (names_contain (names, "compliance"));
  g_object_get (record, "coverage", &coverage, NULL);
  g_assert_cmpfloat_with_epsilon (coverage, 0.50, 1e-12);
  g_ptr_array_set_size (names, 0);

  /* The same value again: no notification at all. */
  chc_signing_record_set_signed_residents (record, 50000);
  g_assert_cmpuint (names->len, ==, 0);

  /* Through the property of the figure. */
  g_object_set (record, "signed-visits-in-community", (gint64) 10000, NULL);
  g_assert_true (names_contain (names, "compliance"));
  g_assert_cmpfloat_with_epsilon (chc_signing_record_get_compliance (record), 0.50, 1e-12);
}

/* ---- parsing ------------------------------------------------------------ */

static void
test_parse (void)
{
  static const struct {
    const char *text;
    gboolean    ok;
    gint64      value;
  } cases[] = {
    { "85123", TRUE, 85123 },
    { " 85,123 ", TRUE, 85123 },
    { "1 234 567", TRUE, 1234567 },
    { "８５，１２３", TRUE, 85123 },
    { "12.0", TRUE, 12 },
    { "0", TRUE, 0 },
    { "12.5", FALSE, 0 },
    { "-3", FALSE, 0 },
    { "abc", FALSE, 0 },
    { "12a", FALSE, 0 },
    { "99999999999999999999", FALSE, 0 },
    { ",", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = NULL;
      gint64 value = -1;
      gboolean ok = chc_signing_parse_figure (CHC_SIGNING_ONLINE_SIGNED, cases[i].text,
                                              &value, &message);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_cmpint (value, ==, cases[i].value);
          g_assert_null (message);
        }
      else
        {
          g_assert_nonnull (message);
          /* The message names the figure. */
          g_assert_true (g_str_has_prefix (message, "Online signings: "));
        }
    }

  /* Empty: 0 for an optional figure, an error for a required one. */
  {
    g_autofree char *message = NULL;
    gint64 value = -1;

    g_assert_true (chc_signing_parse_figure (CHC_SIGNING_KEY_POPULATION, "  ", &value, &message));
    g_assert_cmpint (value, ==, 0);
    g_assert_false (chc_signing_parse_figure (CHC_SIGNING_RESIDENT_POPULATION, "", &value, &message));
    g_assert_cmpstr (message, ==, "Resident population: enter a number.");
  }

  {
    g_autofree char *a = chc_signing_format_count (1234567);
    g_autofree char *b = chc_signing_format_count (999);
    g_autofree char *c = chc_signing_format_count (-1000);

    g_assert_cmpstr (a, ==, "1,234,567");
    g_assert_cmpstr (b, ==, "999");
    g_assert_cmpstr (c, ==, "-1,000");
  }
}

/* ---- rules -------------------------------------------------------------- */

static void
test_rules_valid (void)
{
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  ChcSigningFigures f = good_figures ();
  ChcSigningFigures equal = figures_of (1000, 1000, 1000, 1000, 1000, 500, 500);
  ChcSigningFigures zero = figures_of (0, 0, 0, 0, 0, 0, 0);

  chc_signing_check (&f, violations);
  chc_signing_check (&equal, violations);   /* every bound reached, none passed */
  chc_signing_check (&zero, violations);
  g_assert_cmpuint (violations->len, ==, 0);
}

static void
test_rules_each (void)
{
  static const struct {
    ChcSigningFigures figures;
    const char       *field;
    const char       *message;
  } cases[] = {
    { { { 1000, 1001, 0, 0, 0, 0, 0 } }, "signed_residents",
      "Signed residents: 1,001 is more than the resident population (1,000)." },
    { { { 1000, 500, 1001, 0, 0, 0, 0 } }, "key_population",
      "Key population: 1,001 is more than the resident population (1,000)." },
    { { { 1000, 500, 300, 301, 0, 0, 0 } }, "key_population_signed",
      "Key population signed: 301 is more than the key population (300)." },
    { { { 1000, 500, 300, 200, 501, 0, 0 } }, "online_signed",
      "Online signings: 501 is more than the signed residents (500)." },
    { { { 1000, 500, 300, 200, 100, 800, 801 } }, "signed_visits_in_community",
      "Visits in the community: 801 is more than the signed residents’ visits (800)." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) violations = chc_violations_new ();
      const ChcViolation *v;

      chc_signing_check (&cases[i].figures, violations);
      g_assert_cmpuint (violations->len, ==, 1);
      v = g_ptr_array_index (violations, 0);
      g_assert_cmpstr (v->field, ==, cases[i].field);
      g_assert_cmpstr (v->message, ==, cases[i].message);
    }

  /* Every figure must be ≥ 0, each reported under its own field. */
  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    {
      g_autoptr(GPtrArray) violations = chc_violations_new ();
      ChcSigningFigures figures = good_figures ();

      figures.value[f] = -1;
      chc_signing_check (&figures, violations);
      g_assert_cmpuint (count_field (violations, chc_signing_figure_to_field (f)), >=, 1);
      g_assert_nonnull (chc_violations_find (violations, chc_signing_figure_to_field (f)));
      g_assert_nonnull (strstr (chc_violations_find (violations, chc_signing_figure_to_field (f))->message,
                                "must be 0 or more"));
    }

  /* Several broken at once: each is reported. */
  {
    g_autoptr(GPtrArray) violations = chc_violations_new ();
    ChcSigningFigures f = figures_of (100, 200, 300, 400, 500, 10, 20);

    chc_signing_check (&f, violations);
    g_assert_cmpuint (violations->len, ==, 5);
    g_assert_cmpuint (count_field (violations, "signed_residents"), ==, 1);
    g_assert_cmpuint (count_field (violations, "online_signed"), ==, 1);
    g_assert_cmpuint (count_field (violations, "key_population"), ==, 1);
    g_assert_cmpuint (count_field (violations, "key_population_signed"), ==, 1);
    g_assert_cmpuint (count_field (violations, "signed_visits_in_community"), ==, 1);
  }

  /* The field names are the columns. */
  {
    static const char *const fields[] = {
      "resident_population", "signed_residents", "key_population",
      "key_population_signed", "online_signed", "signed_visits_total",
      "signed_visits_in_community",
    };
    for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
      {
        ChcSigningFigure back;

        g_assert_cmpstr (chc_signing_figure_to_field (f), ==, fields[f]);
        g_assert_true (chc_signing_figure_from_field (fields[f], &back));
        g_assert_cmpint (back, ==, f);
      }
    g_assert_false (chc_signing_figure_from_field ("coverage", NULL));
  }
}

/* ---- warnings ----------------------------------------------------------- */

static void
test_warn_coverage (void)
{
  ChcSigningFigures prev = figures_of (100000, 40000, 0, 0, 0, 0, 0);   /* 40 % */
  static const struct {
    gint64   signed_residents;
    gboolean warn;
  } cases[] = {
    { 45000, FALSE },   /* exactly 5 points: not more */
    { 45001, TRUE },
    { 35000, FALSE },
    { 34999, TRUE },
    { 40000, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) warnings = chc_violations_new ();
      ChcSigningFigures now = figures_of (100000, cases[i].signed_residents, 0, 0, 0, 0, 0);

      chc_signing_warn (&now, "2024-06", &prev, "2024-05", warnings);
      g_assert_cmpuint (warnings->len, ==, cases[i].warn ? 1 : 0);
      if (cases[i].warn)
        g_assert_cmpstr (((ChcViolation *) g_ptr_array_index (warnings, 0))->field, ==, "signed_residents");
    }

  /* The coverage moves with the population too (40 % → 47.1 %, and the
   * population moves by less than 10 %). */
  {
    g_autoptr(GPtrArray) warnings = chc_violations_new ();
    ChcSigningFigures now = figures_of (92000, 43332, 0, 0, 0, 0, 0);

    chc_signing_warn (&now, "2024-06", &prev, "2024-05", warnings);
    g_assert_cmpuint (warnings->len, ==, 1);
    g_assert_cmpstr (((ChcViolation *) g_ptr_array_index (warnings, 0))->message, ==,
                     "Coverage moves from 40.0% in 2024-05 to 47.1% in 2024-06, more than 5 percentage points.");
  }

  /* No previous record, or a previous record without population: none. */
  {
    g_autoptr(GPtrArray) warnings = chc_violations_new ();
    ChcSigningFigures now = figures_of (100000, 90000, 0, 0, 0, 0, 0);
    ChcSigningFigures empty = figures_of (0, 0, 0, 0, 0, 0, 0);

    chc_signing_warn (&now, "2024-06", NULL, NULL, warnings);
    chc_signing_warn (&now, "2024-06", &empty, "2024-05", warnings);
    g_assert_cmpuint (warnings->len, ==, 0);
  }
}

static void
test_warn_population (void)
{
  ChcSigningFigures prev = figures_of (100000, 0, 0, 0, 0, 0, 0);
  static const struct {
    gint64   population;
    gboolean warn;
  } cases[] = {
    { 110000, FALSE },   /* exactly 10 % */
    { 110001, TRUE },
    { 90000, FALSE },
    { 89999, TRUE },
    { 0, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) warnings = chc_violations_new ();
      ChcSigningFigures now = figures_of (cases[i].population, 0, 0, 0, 0, 0, 0);

      chc_signing_warn (&now, "2025-01", &prev, "2024-12", warnings);
      g_assert_cmpuint (count_field (warnings, "resident_population"), ==, cases[i].warn ? 1 : 0);
      g_assert_cmpuint (count_field (warnings, "signed_residents"), ==, 0);
    }

  {
    g_autoptr(GPtrArray) warnings = chc_violations_new ();
    ChcSigningFigures now = figures_of (120000, 0, 0, 0, 0, 0, 0);

    chc_signing_warn (&now, "2025-01", &prev, "2024-12", warnings);
    g_assert_cmpstr (((ChcViolation *) g_ptr_array_index (warnings, 0))->message, ==,
                     "Resident population moves from 100,000 in 2024-12 to 120,000 in 2025-01, more than 10%.");
  }
}

static void
test_warn_skipped (void)
{
  ChcSigningFigures f = good_figures ();
  g_autoptr(GPtrArray) w1 = chc_violations_new ();
  g_autoptr(GPtrArray) w2 = chc_violations_new ();
  g_autoptr(GPtrArray) w3 = chc_violations_new ();

  chc_signing_warn (&f, "2024-01", &f, "2023-12", w1);   /* across the year: next month */
  g_assert_cmpuint (w1->len, ==, 0);

  chc_signing_warn (&f, "2024-02", &f, "2023-12", w2);
  g_assert_cmpuint (w2->len, ==, 1);
  g_assert_cmpstr (((ChcViolation *) g_ptr_array_index (w2, 0))->field, ==, "period");
  g_assert_cmpstr (((ChcViolation *) g_ptr_array_index (w2, 0))->message, ==,
                   "No figures for 2024-01: the previous figures are from 2023-12.");

  chc_signing_warn (&f, "2024-05", &f, "2023-12", w3);
  g_assert_cmpuint (w3->len, ==, 1);
  g_assert_cmpstr (((ChcViolation *) g_ptr_array_index (w3, 0))->message, ==,
                   "No figures for 2024-01 to 2024-04: the previous figures are from 2023-12.");
}

static void
test_warn_next (void)
{
  g_autoptr(GPtrArray) warnings = chc_violations_new ();
  ChcSigningFigures changed = figures_of (100000, 30000, 0, 0, 0, 0, 0);   /* 30 % */
  ChcSigningFigures next = figures_of (100000, 40000, 0, 0, 0, 0, 0);      /* 40 % */

  /* Months apart: no "skipped" warning for the following record. */
  chc_signing_warn_next (&changed, "2024-03", &next, "2024-06", warnings);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (((ChcViolation *) g_ptr_array_index (warnings, 0))->message, ==,
                   "Coverage moves from 30.0% in 2024-03 to 40.0% in 2024-06, more than 5 percentage points.");
}

/* ---- sums --------------------------------------------------------------- */

static void
test_sums_not_averages (void)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  ChcSigningFigures a = figures_of (1000, 900, 100, 90, 90, 100, 90);      /* 90 % */
  ChcSigningFigures b = figures_of (9000, 900, 900, 90, 0, 900, 90);       /* 10 % */
  ChcSigningFigures c = figures_of (5000, 2500, 1000, 800, 500, 1000, 900);
  ChcSigningFigures total;
  g_autofree char *coverage = NULL;
  g_autofree char *key = NULL;
  g_autofree char *compliance = NULL;
  double rate;
  guint n;

  g_ptr_array_add (records, record_new (1, "2024-06", &a));
  g_ptr_array_add (records, record_new (2, "2024-06", &b));
  g_ptr_array_add (records, record_new (3, "2024-06", &c));
  chc_signing_record_set_town_id (g_ptr_array_index (records, 0), 10);
  chc_signing_record_set_town_id (g_ptr_array_index (records, 1), 10);
  chc_signing_record_set_town_id (g_ptr_array_index (records, 2), 20);

  /* Town 10: (900 + 900) / (1000 + 9000) = 18 %, not (90 % + 10 %) / 2 = 50 %. */
  n = chc_signing_sum_records (records, 10, &total);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (total.value[CHC_SIGNING_RESIDENT_POPULATION], ==, 10000);
  g_assert_cmpint (total.value[CHC_SIGNING_SIGNED_RESIDENTS], ==, 1800);
  g_assert_true (chc_signing_figures_rate (&total, CHC_SIGNING_COVERAGE, &rate));
  g_assert_cmpfloat_with_epsilon (rate, 0.18, 1e-12);
  /* Key coverage: 180 / 1000; compliance: 180 / 1000. */
  g_assert_true (chc_signing_figures_rate (&total, CHC_SIGNING_KEY_COVERAGE, &rate));
  g_assert_cmpfloat_with_epsilon (rate, 0.18, 1e-12);
  g_assert_true (chc_signing_figures_rate (&total, CHC_SIGNING_COMPLIANCE, &rate));
  g_assert_cmpfloat_with_epsilon (rate, 0.18, 1e-12);

  /* District: 4300 / 15000 = 28.666… %; key 980 / 2000 = 49 %;
   * compliance 1080 / 2000 = 54 %. */
  n = chc_signing_sum_records (records, 0, &total);
  g_assert_cmpuint (n, ==, 3);
  coverage = chc_signing_format_rate (&total, CHC_SIGNING_COVERAGE);
  key = chc_signing_format_rate (&total, CHC_SIGNING_KEY_COVERAGE);
  compliance = chc_signing_format_rate (&total, CHC_SIGNING_COMPLIANCE);
  g_assert_cmpstr (coverage, ==, "28.7");
  g_assert_cmpstr (key, ==, "49.0");
  g_assert_cmpstr (compliance, ==, "54.0");

  /* By town, in order of first appearance. */
  {
    g_autoptr(GArray) towns = chc_signing_totals_by_town (records);

    g_assert_cmpuint (towns->len, ==, 2);
    g_assert_cmpint (g_array_index (towns, ChcSigningTotal, 0).town_id, ==, 10);
    g_assert_cmpint (g_array_index (towns, ChcSigningTotal, 0).figures.value[CHC_SIGNING_SIGNED_RESIDENTS], ==, 1800);
    g_assert_cmpuint (g_array_index (towns, ChcSigningTotal, 0).n_records, ==, 2);
    g_assert_cmpint (g_array_index (towns, ChcSigningTotal, 1).town_id, ==, 20);
    g_assert_cmpint (g_array_index (towns, ChcSigningTotal, 1).figures.value[CHC_SIGNING_RESIDENT_POPULATION], ==, 5000);
  }

  /* By period, sorted. */
  {
    g_autoptr(GArray) periods = NULL;

    g_ptr_array_add (records, record_new (1, "2024-05", &b));
    periods = chc_signing_totals_by_period (records);
    g_assert_cmpuint (periods->len, ==, 2);
    g_assert_cmpstr (g_array_index (periods, ChcSigningTotal, 0).period, ==, "2024-05");
    g_assert_cmpint (g_array_index (periods, ChcSigningTotal, 0).figures.value[CHC_SIGNING_RESIDENT_POPULATION], ==, 9000);
    g_assert_cmpstr (g_array_index (periods, ChcSigningTotal, 1).period, ==, "2024-06");
    g_assert_cmpint (g_array_index (periods, ChcSigningTotal, 1).figures.value[CHC_SIGNING_RESIDENT_POPULATION], ==, 15000);
    g_assert_cmpuint (g_array_index (periods, ChcSigningTotal, 1).n_records, ==, 3);
  }

  /* An undefined rate prints empty in the TSV, "–" on screen. */
  {
    ChcSigningFigures empty = figures_of (0, 0, 0, 0, 0, 0, 0);
    g_autofree char *none = chc_signing_format_rate (&empty, CHC_SIGNING_COVERAGE);
    g_autofree char *dash = chc_signing_format_percent (&empty, CHC_SIGNING_COVERAGE);
    g_autofree char *pct = chc_signing_format_percent (&a, CHC_SIGNING_COVERAGE);

    g_assert_null (none);
    g_assert_cmpstr (dash, ==, "–");
    g_assert_cmpstr (pct, ==, "90.0%");
  }
}

/* ---- periods and targets ---------------------------------------------- */

static void
test_periods (void)
{
  int y, m;
  g_autofree char *a = chc_signing_period_add ("2024-01", -1);
  g_autofree char *b = chc_signing_period_add ("2024-12", 1);
  g_autofree char *c = chc_signing_period_add ("2023-01", 46);
  g_autofree char *now = chc_signing_period_current ();

  g_assert_true (chc_signing_period_parse ("2024-06", &y, &m));
  g_assert_cmpint (y, ==, 2024);
  g_assert_cmpint (m, ==, 6);
  g_assert_false (chc_signing_period_parse ("2024-13", NULL, NULL));
  g_assert_false (chc_signing_period_parse ("2024-00", NULL, NULL));
  g_assert_false (chc_signing_period_parse ("2024-6", NULL, NULL));
  g_assert_false (chc_signing_period_parse ("2024/06", NULL, NULL));
  g_assert_false (chc_signing_period_parse (NULL, NULL, NULL));
  g_assert_cmpstr (a, ==, "2023-12");
  g_assert_cmpstr (b, ==, "2025-01");
  g_assert_cmpstr (c, ==, "2026-11");
  g_assert_cmpint (chc_signing_period_diff ("2023-01", "2026-11"), ==, 46);
  g_assert_cmpint (chc_signing_period_diff ("2024-03", "2024-01"), ==, -2);
  g_assert_true (chc_signing_period_parse (now, NULL, NULL));
}

static void
test_seed_targets (void)
{
  double t = 0;

  g_assert_true (chc_signing_seed_target ("Qingpu", 2023, CHC_SIGNING_COVERAGE, &t));
  g_assert_cmpfloat (t, ==, 0.43);
  g_assert_true (chc_signing_seed_target ("青浦区", 2024, CHC_SIGNING_COVERAGE, &t));
  g_assert_cmpfloat (t, ==, 0.45);
  g_assert_true (chc_signing_seed_target ("qingpu", 2025, CHC_SIGNING_COVERAGE, &t));
  g_assert_cmpfloat (t, ==, 0.46);
  g_assert_true (chc_signing_seed_target ("Qingpu", 2024, CHC_SIGNING_COMPLIANCE, &t));
  g_assert_cmpfloat (t, ==, 0.85);
  g_assert_true (chc_signing_seed_target ("Changning", 2025, CHC_SIGNING_COVERAGE, &t));
  g_assert_cmpfloat (t, ==, 0.48);
  g_assert_true (chc_signing_seed_target ("长宁区", 2025, CHC_SIGNING_KEY_COVERAGE, &t));
  g_assert_cmpfloat (t, ==, 0.80);
  g_assert_true (chc_signing_seed_target ("Songjiang", 2025, CHC_SIGNING_COVERAGE, &t));
  g_assert_cmpfloat (t, ==, 0.45);
  g_assert_false (chc_signing_seed_target ("Songjiang", 2024, CHC_SIGNING_COVERAGE, &t));
  g_assert_false (chc_signing_seed_target ("Qingpu", 2026, CHC_SIGNING_COVERAGE, &t));
}

/* ---- store -------------------------------------------------------------- */

typedef struct
{
  ChcDatabase *database;
  ChcDistrict *district;
  ChcFacility *a;          /* centre A */
  ChcFacility *a_branch;   /* its branch centre */
  ChcFacility *b;          /* centre B */
  ChcFacility *station;    /* a station of A: does not report */
  ChcFacility *planned;    /* a planned centre: does not report */
} Store;

static ChcFacility *
add_facility (ChcDatabase       *database,
              gint64             district_id,
              const char        *code,
              const char        *name,
              ChcFacilityType    type,
              ChcFacility       *parent,
              ChcFacilityStatus  status)
{
  g_autoptr(GError) error = NULL;
  ChcFacility *facility = chc_facility_new ();

  chc_facility_set_code (facility, code);
  chc_facility_set_name (facility, name);
  chc_facility_set_facility_type (facility, type);
  chc_facility_set_district_id (facility, district_id);
  if (parent != NULL)
    chc_facility_set_parent_id (facility, chc_facility_get_id (parent));
  chc_facility_set_status (facility, status);
  chc_database_add_facility (database, facility, &error);
  g_assert_no_error (error);
  return facility;
}

static void
store_setup (Store         *s,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 d;

  s->database = chc_test_new_database (TRUE);
  s->district = chc_database_find_district (s->database, "青浦", &error);
  g_assert_no_error (error);
  d = chc_district_get_id (s->district);

  s->a = add_facility (s->database, d, "T-A", "甲中心", CHC_FACILITY_CENTRE, NULL, CHC_FACILITY_OPERATING);
  s->b = add_facility (s->database, d, "T-B", "乙中心", CHC_FACILITY_CENTRE, NULL, CHC_FACILITY_OPERATING);
  s->a_branch = add_facility (s->database, d, "T-A1", "甲中心分中心", CHC_FACILITY_BRANCH, s->a, CHC_FACILITY_OPERATING);
  s->station = add_facility (s->database, d, "T-A2", "甲站", CHC_FACILITY_STATION, s->a, CHC_FACILITY_OPERATING);
  s->planned = add_facility (s->database, d, "T-C", "丙中心", CHC_FACILITY_CENTRE, NULL, CHC_FACILITY_PLANNED);
}

static void
store_teardown (Store         *s,
                gconstpointer  data)
{
  g_clear_object (&s->a);
  g_clear_object (&s->a_branch);
  g_clear_object (&s->b);
  g_clear_object (&s->station);
  g_clear_object (&s->planned);
  g_clear_object (&s->district);
  g_clear_object (&s->database);
}

static GPtrArray *
list_month (Store      *s,
            const char *period)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = chc_database_list_signing_month (s->database,
                                                        chc_district_get_id (s->district),
                                                        period, &error);
  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static ChcSigningRecord *
find_record (GPtrArray   *records,
             ChcFacility *facility)
{
  for (guint i = 0; i < records->len; i++)
    {
      ChcSigningRecord *r = g_ptr_array_index (records, i);
      if (chc_signing_record_get_facility_id (r) == chc_facility_get_id (facility))
        return r;
    }
  return NULL;
}

static void
save_one (Store                   *s,
          ChcFacility             *facility,
          const char              *period,
          const ChcSigningFigures *figures)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (records, record_new (chc_facility_get_id (facility), period, figures));
  g_assert_true (chc_database_save_signing_month (s->database, period, records, FALSE, &error));
  g_assert_no_error (error);
}

static guint
count_rows (ChcDatabase *database)
{
  g_autoptr(GPtrArray) districts = chc_database_list_districts (database, NULL);
  guint n = 0;

  for (guint i = 0; i < districts->len; i++)
    {
      g_autoptr(GPtrArray) all = chc_database_list_signing_range (database,
                                                                  chc_district_get_id (g_ptr_array_index (districts, i)),
                                                                  NULL, NULL, NULL);
      n += all->len;
    }
  return n;
}

static void
on_changed (ChcDatabase *database,
            const char  *table,
            guint       *count)
{
  if (g_strcmp0 (table, "signing") == 0)
    (*count)++;
}

static void
test_store_month_listing (Store         *s,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) records = list_month (s, "2024-06");
  g_autoptr(GError) error = NULL;

  /* Centres each followed by their branch centres; no station, no planned
   * centre; nothing saved yet. */
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpstr (chc_signing_record_get_facility_code (g_ptr_array_index (records, 0)), ==, "T-A");
  g_assert_cmpstr (chc_signing_record_get_facility_code (g_ptr_array_index (records, 1)), ==, "T-A1");
  g_assert_cmpstr (chc_signing_record_get_facility_code (g_ptr_array_index (records, 2)), ==, "T-B");
  g_assert_cmpint (chc_signing_record_get_facility_type (g_ptr_array_index (records, 1)), ==, CHC_FACILITY_BRANCH);
  for (guint i = 0; i < records->len; i++)
    {
      ChcSigningRecord *r = g_ptr_array_index (records, i);

      g_assert_false (chc_signing_record_get_saved (r));
      g_assert_cmpstr (chc_signing_record_get_period (r), ==, "2024-06");
      g_assert_cmpint (chc_signing_record_get_resident_population (r), ==, 0);
    }

  /* A bad month is refused. */
  g_assert_null (chc_database_list_signing_month (s->database, chc_district_get_id (s->district),
                                                  "2024-13", &error));
  g_assert_error (error, CHC_SIGNING_ERROR, CHC_SIGNING_ERROR_PERIOD);
}

static void
test_store_save_reload (Store         *s,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) month = list_month (s, "2024-06");
  g_autoptr(GPtrArray) reloaded = NULL;
  g_autoptr(GPtrArray) to_save = g_ptr_array_new ();
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(ChcSigningRecord) previous = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *latest = NULL;
  ChcSigningFigures fa = good_figures ();
  ChcSigningFigures fb = figures_of (50000, 21000, 12000, 9000, 3000, 8000, 6800);
  ChcSigningFigures got;
  guint changed = 0;

  g_signal_connect (s->database, "changed", G_CALLBACK (on_changed), &changed);

  chc_signing_record_set_figures (find_record (month, s->a), &fa);
  chc_signing_record_set_figures (find_record (month, s->b), &fb);
  g_ptr_array_add (to_save, find_record (month, s->a));
  g_ptr_array_add (to_save, find_record (month, s->b));
  g_assert_true (chc_database_save_signing_month (s->database, "2024-06", to_save, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (chc_signing_record_get_saved (find_record (month, s->a)));
  g_assert_false (chc_signing_record_get_saved (find_record (month, s->a_branch)));

  reloaded = list_month (s, "2024-06");
  g_assert_cmpuint (reloaded->len, ==, 3);
  chc_signing_record_get_figures (find_record (reloaded, s->a), &got);
  g_assert_cmpmem (&got, sizeof got, &fa, sizeof fa);
  chc_signing_record_get_figures (find_record (reloaded, s->b), &got);
  g_assert_cmpmem (&got, sizeof got, &fb, sizeof fb);
  g_assert_true (chc_signing_record_get_saved (find_record (reloaded, s->b)));
  g_assert_false (chc_signing_record_get_saved (find_record (reloaded, s->a_branch)));

  /* Saving again replaces (upsert), it does not add a row. */
  fa.value[CHC_SIGNING_SIGNED_RESIDENTS] = 41000;
  chc_signing_record_set_figures (find_record (month, s->a), &fa);
  g_ptr_array_set_size (to_save, 0);
  g_ptr_array_add (to_save, find_record (month, s->a));
  g_assert_true (chc_database_save_signing_month (s->database, "2024-06", to_save, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (s->database), ==, 2);

  /* The next month, the series, the previous record, the latest period. */
  fa.value[CHC_SIGNING_SIGNED_RESIDENTS] = 41500;
  save_one (s, s->a, "2024-07", &fa);
  series = chc_database_get_signing_series (s->database, chc_facility_get_id (s->a), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 2);
  g_assert_cmpstr (chc_signing_record_get_period (g_ptr_array_index (series, 0)), ==, "2024-06");
  g_assert_cmpint (chc_signing_record_get_signed_residents (g_ptr_array_index (series, 0)), ==, 41000);
  g_assert_cmpint (chc_signing_record_get_signed_residents (g_ptr_array_index (series, 1)), ==, 41500);
  g_assert_cmpstr (chc_signing_record_get_facility_name (g_ptr_array_index (series, 1)), ==, "甲中心");

  previous = chc_database_get_previous_signing (s->database, chc_facility_get_id (s->a), "2024-09", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chc_signing_record_get_period (previous), ==, "2024-07");
  g_clear_object (&previous);
  previous = chc_database_get_previous_signing (s->database, chc_facility_get_id (s->a), "2024-06", &error);
  g_assert_no_error (error);
  g_assert_null (previous);

  latest = chc_database_get_latest_signing_period (s->database, chc_district_get_id (s->district),
                                                   NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (latest, ==, "2024-07");
  g_clear_pointer (&latest, g_free);
  latest = chc_database_get_latest_signing_period (s->database, chc_district_get_id (s->district),
                                                   "2025-01", "2025-12", &error);
  g_assert_no_error (error);
  g_assert_null (latest);

  /* The stored data passes chc_database_check(). */
  {
    g_autoptr(GPtrArray) problems = chc_database_check (s->database, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
test_store_rule_breaking_saves_nothing (Store         *s,
                                        gconstpointer  data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  ChcSigningFigures good = good_figures ();
  ChcSigningFigures bad = figures_of (50000, 60000, 0, 0, 0, 0, 0);
  ChcSigningFigures kept = figures_of (50000, 20000, 0, 0, 0, 0, 0);
  ChcSigningFigures got;
  guint changed = 0;

  save_one (s, s->b, "2024-06", &kept);
  g_signal_connect (s->database, "changed", G_CALLBACK (on_changed), &changed);

  /* One good record, one breaking a rule, one changing a stored row: none
   * of them is written. */
  g_ptr_array_add (records, record_new (chc_facility_get_id (s->a), "2024-06", &good));
  g_ptr_array_add (records, record_new (chc_facility_get_id (s->a_branch), "2024-06", &bad));
  g_ptr_array_add (records, record_new (chc_facility_get_id (s->b), "2024-06", &good));
  g_assert_false (chc_database_save_signing_month (s->database, "2024-06", records, TRUE, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message,
                            "test: Signed residents: 60,000 is more than the resident population (50,000)."));
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (count_rows (s->database), ==, 1);
  {
    g_autoptr(GPtrArray) month = list_month (s, "2024-06");

    g_assert_false (chc_signing_record_get_saved (find_record (month, s->a)));
    chc_signing_record_get_figures (find_record (month, s->b), &got);
    g_assert_cmpmem (&got, sizeof got, &kept, sizeof kept);
  }
  g_assert_false (chc_signing_record_get_saved (g_ptr_array_index (records, 0)));
  g_clear_error (&error);

  /* A record of another month, or the same facility twice: refused too. */
  g_ptr_array_set_size (records, 0);
  g_ptr_array_add (records, record_new (chc_facility_get_id (s->a), "2024-05", &good));
  g_assert_false (chc_database_save_signing_month (s->database, "2024-06", records, TRUE, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);

  g_ptr_array_set_size (records, 0);
  g_ptr_array_add (records, record_new (chc_facility_get_id (s->a), "2024-06", &good));
  g_ptr_array_add (records, record_new (chc_facility_get_id (s->a), "2024-06", &good));
  g_assert_false (chc_database_save_signing_month (s->database, "2024-06", records, TRUE, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);

  g_ptr_array_set_size (records, 0);
  g_ptr_array_add (records, record_new (999999, "2024-06", &good));
  g_assert_false (chc_database_save_signing_month (s->database, "2024-06", records, TRUE, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpuint (count_rows (s->database), ==, 1);
  g_assert_cmpuint (changed, ==, 0);
}

static void
test_store_warnings_need_acceptance (Store         *s,
                                     gconstpointer  data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) violations = chc_violations_new ();
  g_autoptr(GPtrArray) warnings = chc_violations_new ();
  g_autoptr(GError) error = NULL;
  ChcSigningFigures may = figures_of (100000, 40000, 0, 0, 0, 0, 0);
  ChcSigningFigures july = figures_of (100000, 47000, 0, 0, 0, 0, 0);   /* +7 points, June skipped */

  save_one (s, s->a, "2024-05", &may);
  g_ptr_array_add (records, record_new (chc_facility_get_id (s->a), "2024-07", &july));

  g_assert_true (chc_database_check_signing_month (s->database, "2024-07", records,
                                                   violations, warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (violations->len, ==, 0);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_cmpuint (count_field (warnings, "period"), ==, 1);
  g_assert_cmpuint (count_field (warnings, "signed_residents"), ==, 1);
  g_assert_true (g_str_has_prefix (((ChcViolation *) g_ptr_array_index (warnings, 0))->message, "test: "));

  g_assert_false (chc_database_save_signing_month (s->database, "2024-07", records, FALSE, &error));
  g_assert_error (error, CHC_SIGNING_ERROR, CHC_SIGNING_ERROR_UNCONFIRMED_WARNINGS);
  g_assert_nonnull (strstr (error->message, "No figures for 2024-06"));
  g_assert_nonnull (strstr (error->message, "Coverage moves from 40.0% in 2024-05 to 47.0% in 2024-07"));
  g_clear_error (&error);
  g_assert_cmpuint (count_rows (s->database), ==, 1);

  g_assert_true (chc_database_save_signing_month (s->database, "2024-07", records, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (s->database), ==, 2);

  /* Changing May now would make July jump: a warning about the month
   * after. */
  {
    g_autoptr(GPtrArray) may_again = g_ptr_array_new_with_free_func (g_object_unref);
    ChcSigningFigures lower = figures_of (100000, 39000, 0, 0, 0, 0, 0);

    g_ptr_array_add (may_again, record_new (chc_facility_get_id (s->a), "2024-05", &lower));
    g_ptr_array_set_size (warnings, 0);
    g_assert_true (chc_database_check_signing_month (s->database, "2024-05", may_again,
                                                     violations, warnings, &error));
    g_assert_cmpuint (warnings->len, ==, 1);
    g_assert_cmpstr (((ChcViolation *) g_ptr_array_index (warnings, 0))->message, ==,
                     "test: Coverage moves from 39.0% in 2024-05 to 47.0% in 2024-07, more than 5 percentage points.");
  }
}

static void
test_store_copy_population (Store         *s,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) month = NULL;
  g_autoptr(GError) error = NULL;
  ChcSigningFigures fa = good_figures ();
  guint n = 99;

  save_one (s, s->a, "2024-04", &fa);
  fa.value[CHC_SIGNING_RESIDENT_POPULATION] = 101000;
  fa.value[CHC_SIGNING_KEY_POPULATION] = 30500;
  save_one (s, s->a, "2024-05", &fa);

  month = list_month (s, "2024-06");
  /* The branch already has a population typed in: left alone. */
  chc_signing_record_set_resident_population (find_record (month, s->a_branch), 7000);

  g_assert_true (chc_database_copy_signing_population (s->database, month, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (chc_signing_record_get_resident_population (find_record (month, s->a)), ==, 101000);
  g_assert_cmpint (chc_signing_record_get_key_population (find_record (month, s->a)), ==, 30500);
  g_assert_cmpint (chc_signing_record_get_signed_residents (find_record (month, s->a)), ==, 0);
  g_assert_cmpint (chc_signing_record_get_resident_population (find_record (month, s->a_branch)), ==, 7000);
  g_assert_cmpint (chc_signing_record_get_resident_population (find_record (month, s->b)), ==, 0);
  /* Nothing written. */
  g_assert_cmpuint (count_rows (s->database), ==, 2);
  g_assert_false (chc_signing_record_get_saved (find_record (month, s->a)));
}

static void
test_store_listing_keeps_reporters (Store         *s,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ChcSigningFigures f = good_figures ();

  /* The station has figures for the month (imported, say): it is listed
   * for that month, not for others. */
  save_one (s, s->station, "2024-06", &f);
  {
    g_autoptr(GPtrArray) june = list_month (s, "2024-06");
    g_autoptr(GPtrArray) july = list_month (s, "2024-07");

    g_assert_cmpuint (june->len, ==, 4);
    g_assert_nonnull (find_record (june, s->station));
    g_assert_true (chc_signing_record_get_saved (find_record (june, s->station)));
    g_assert_cmpuint (july->len, ==, 3);
  }

  /* Deleting the month's figures. */
  g_assert_true (chc_database_delete_signing (s->database, chc_facility_get_id (s->station),
                                              "2024-06", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (s->database), ==, 0);

  /* A facility with figures is not deleted from the registry. */
  save_one (s, s->b, "2024-06", &f);
  g_assert_false (chc_database_delete_facility (s->database, chc_facility_get_id (s->b), &error));
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IN_USE);
}


/* ---- demo figures --------------------------------------------------------- */

static ChcDatabase *demo_database;

static ChcDatabase *
get_demo (void)
{
  if (demo_database == NULL)
    demo_database = chc_test_new_demo ();
  return demo_database;
}

static void
district_month_total (ChcDatabase       *database,
                      const char        *district_name,
                      const char        *period,
                      ChcSigningFigures *total,
                      GPtrArray        **records_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDistrict) district = chc_database_find_district (database, district_name, &error);
  g_autoptr(GPtrArray) records = NULL;

  g_assert_no_error (error);
  records = chc_database_list_signing_month (database, chc_district_get_id (district), period, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    g_assert_true (chc_signing_record_get_saved (g_ptr_array_index (records, i)));
  chc_signing_sum_records (records, 0, total);
  if (records_out != NULL)
    *records_out = g_steal_pointer (&records);
}

static void
test_demo_meets_targets (void)
{
  static const char *const districts[] = { "Qingpu", "Changning", "Songjiang" };
  ChcDatabase *database = get_demo ();
  guint n_targets = 0;

  for (guint d = 0; d < G_N_ELEMENTS (districts); d++)
    for (int year = 2023; year <= 2025; year++)
      for (int rate = 0; rate < CHC_SIGNING_N_RATES; rate++)
        {
          g_autofree char *december = chc_signing_period_format (year, 12);
          g_autoptr(GPtrArray) records = NULL;
          ChcSigningFigures total;
          double target, value;
          guint behind = 0;

          if (!chc_signing_seed_target (districts[d], year, rate, &target))
            continue;
          n_targets++;
          district_month_total (database, districts[d], december, &total, &records);
          g_assert_true (chc_signing_figures_rate (&total, rate, &value));
          g_test_message ("%s %d %s: %.2f%% (target %.0f%%)", districts[d], year,
                          chc_signing_rate_to_field (rate), value * 100, target * 100);
          g_assert_cmpfloat (value, >=, target);

          /* … with a few centres behind the target. */
          for (guint i = 0; i < records->len; i++)
            if (chc_signing_record_get_rate (g_ptr_array_index (records, i), rate) < target)
              behind++;
          g_assert_cmpuint (behind, >=, 1);
          g_assert_cmpuint (behind, <=, records->len / 3);
        }
  g_assert_cmpuint (n_targets, ==, 7);

  /* Rising: each district's coverage in December 2025 is above January 2023. */
  for (guint d = 0; d < G_N_ELEMENTS (districts); d++)
    {
      ChcSigningFigures first, last;
      double a, b;

      district_month_total (database, districts[d], "2023-01", &first, NULL);
      district_month_total (database, districts[d], "2025-12", &last, NULL);
      chc_signing_figures_rate (&first, CHC_SIGNING_COVERAGE, &a);
      chc_signing_figures_rate (&last, CHC_SIGNING_COVERAGE, &b);
      g_assert_cmpfloat (b, >, a + 0.03);
    }
}

static void
test_demo_complete_and_consistent (void)
{
  static const char *const districts[] = { "青浦", "长宁", "松江" };
  static const guint reporting[] = { 16, 10, 17 };   /* operating centres + branch centres */
  ChcDatabase *database = get_demo ();
  g_autofree char *now = chc_signing_period_current ();
  int n_months = chc_signing_period_diff ("2023-01", now) + 1;

  for (guint d = 0; d < G_N_ELEMENTS (districts); d++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChcDistrict) district = chc_database_find_district (database, districts[d], &error);
      g_autoptr(GPtrArray) month = NULL;
      g_autofree char *latest = NULL;
      guint n_records = 0;

      g_assert_no_error (error);
      latest = chc_database_get_latest_signing_period (database, chc_district_get_id (district),
                                                       NULL, NULL, &error);
      g_assert_cmpstr (latest, ==, now);
      month = chc_database_list_signing_month (database, chc_district_get_id (district), now, &error);
      g_assert_cmpuint (month->len, ==, reporting[d]);

      for (guint i = 0; i < month->len; i++)
        {
          ChcSigningRecord *r = g_ptr_array_index (month, i);
          g_autoptr(GPtrArray) series = chc_database_get_signing_series (database,
                                                                         chc_signing_record_get_facility_id (r),
                                                                         NULL, NULL, &error);
          g_assert_no_error (error);
          /* Every month from 2023-01 to now, none skipped. */
          g_assert_cmpint (series->len, ==, n_months);
          n_records += series->len;

          for (guint m = 0; m < series->len; m++)
            {
              ChcSigningRecord *rec = g_ptr_array_index (series, m);
              g_autoptr(GPtrArray) problems = chc_violations_new ();
              gint64 population = chc_signing_record_get_resident_population (rec);
              double compliance = chc_signing_record_get_compliance (rec);

              /* Plausible: 30,000–150,000 residents; a third to a half signed. */
              g_assert_cmpint (population, >=, 30000);
              g_assert_cmpint (population, <=, 150000);
              g_assert_cmpfloat (chc_signing_record_get_coverage (rec), >, 0.30);
              g_assert_cmpfloat (chc_signing_record_get_coverage (rec), <, 0.55);
              g_assert_cmpfloat (compliance, >, 0.6);
              g_assert_cmpfloat (compliance, <, 0.97);
              g_assert_cmpint (chc_signing_record_get_key_population_signed (rec), <=,
                               chc_signing_record_get_signed_residents (rec));

              /* No rule broken, no warning raised. */
              chc_signing_check_record (rec, problems);
              if (m > 0)
                chc_signing_warn_record (rec, g_ptr_array_index (series, m - 1), problems);
              g_assert_cmpuint (problems->len, ==, 0);
            }
        }
      g_assert_cmpuint (n_records, ==, reporting[d] * n_months);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) problems = chc_database_check (database, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
test_demo_deterministic (void)
{
  g_autoptr(ChcDatabase) other = chc_test_new_demo ();
  ChcDatabase *database = get_demo ();
  static const char *const districts[] = { "青浦", "长宁", "松江" };

  for (guint d = 0; d < G_N_ELEMENTS (districts); d++)
    {
      g_autoptr(ChcDistrict) a = chc_database_find_district (database, districts[d], NULL);
      g_autoptr(ChcDistrict) b = chc_database_find_district (other, districts[d], NULL);
      g_autoptr(GPtrArray) ra = chc_database_list_signing_range (database, chc_district_get_id (a), NULL, NULL, NULL);
      g_autoptr(GPtrArray) rb = chc_database_list_signing_range (other, chc_district_get_id (b), NULL, NULL, NULL);

      g_assert_cmpuint (ra->len, ==, rb->len);
      for (guint i = 0; i < ra->len; i++)
        {
          ChcSigningFigures fa, fb;

          chc_signing_record_get_figures (g_ptr_array_index (ra, i), &fa);
          chc_signing_record_get_figures (g_ptr_array_index (rb, i), &fb);
          g_assert_cmpmem (&fa, sizeof fa, &fb, sizeof fb);
        }
    }

  /* The figures of a month do not depend on how far the demo runs: a
   * demo made in 2024-06 held the same figures for 2024-06. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ChcDistrict) qa = NULL;
    g_autoptr(ChcDistrict) qb = NULL;
    g_autoptr(GPtrArray) ra = NULL;
    g_autoptr(GPtrArray) rb = NULL;

    g_assert_true (chc_database_begin (other, &error));
    for (guint d = 0; d < G_N_ELEMENTS (districts); d++)
      {
        g_autoptr(ChcDistrict) b = chc_database_find_district (other, districts[d], NULL);
        g_autoptr(GPtrArray) all = chc_database_list_signing_range (other, chc_district_get_id (b), NULL, NULL, NULL);

        for (guint i = 0; i < all->len; i++)
          {
            ChcSigningRecord *r = g_ptr_array_index (all, i);

            chc_database_delete_signing (other, chc_signing_record_get_facility_id (r),
                                         chc_signing_record_get_period (r), &error);
            g_assert_no_error (error);
          }
      }
    g_assert_true (chc_database_commit (other, &error));
    g_assert_cmpuint (count_rows (other), ==, 0);

    chc_demo_signing_populate_until (other, "2024-06", &error);
    g_assert_no_error (error);
    qa = chc_database_find_district (database, "青浦", NULL);
    qb = chc_database_find_district (other, "青浦", NULL);
    ra = chc_database_list_signing_range (database, chc_district_get_id (qa), "2024-06", "2024-06", NULL);
    rb = chc_database_list_signing_range (other, chc_district_get_id (qb), NULL, NULL, NULL);
    g_assert_cmpuint (ra->len, ==, 16);
    g_assert_cmpuint (rb->len, ==, 16 * 18);
    for (guint i = 0; i < ra->len; i++)
      {
        ChcSigningRecord *x = g_ptr_array_index (ra, i);
        ChcSigningRecord *y = g_ptr_array_index (rb, rb->len - 16 + i);
        ChcSigningFigures fx, fy;

        g_assert_cmpstr (chc_signing_record_get_period (y), ==, "2024-06");
        g_assert_cmpint (chc_signing_record_get_facility_id (x), ==, chc_signing_record_get_facility_id (y));
        chc_signing_record_get_figures (x, &fx);
        chc_signing_record_get_figures (y, &fy);
        g_assert_cmpmem (&fx, sizeof fx, &fy, sizeof fy);
      }
  }
}

/* ---- chc-cli signing ---------------------------------------------------- */

static void
test_cli_format (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_rows = 0;

  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "init", "--demo", NULL }, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "signing", "--district", "Qingpu",
                                                        "--period", "2024-12", NULL }, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "facility_code\tfacility_name\tperiod\tresident_population\tsigned_residents\t"
                   "key_population\tkey_population_signed\tonline_signed\tsigned_visits_total\t"
                   "signed_visits_in_community\tcoverage\tkey_coverage\tcompliance");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      gint64 population, signed_residents;
      g_autofree char *expected = NULL;
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_assert_cmpuint (g_strv_length (fields), ==, 13);
      g_assert_cmpstr (fields[2], ==, "2024-12");
      g_assert_true (g_str_has_prefix (fields[0], "310118"));
      /* Coverage: a percentage with one decimal of the row's own figures. */
      population = g_ascii_strtoll (fields[3], NULL, 10);
      signed_residents = g_ascii_strtoll (fields[4], NULL, 10);
      expected = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f",
                                            100.0 * signed_residents / population));
      g_assert_cmpstr (fields[10], ==, expected);
      g_assert_true (g_regex_match_simple ("^[0-9]+\\.[0-9]$", fields[11], 0, 0));
      g_assert_true (g_regex_match_simple ("^[0-9]+\\.[0-9]$", fields[12], 0, 0));
      n_rows++;
    }
  /* One row per reporting facility (12 centres, 4 branch centres), no
   * total row; the total goes to stderr. */
  g_assert_cmpuint (n_rows, ==, 16);
  g_assert_nonnull (strstr (out, "\t白鹤社区卫生服务中心\t2024-12\t"));
  g_assert_nonnull (strstr (err, "青浦区, 2024-12 (sums of the 16 reported facilities): coverage "));
  g_assert_nonnull (strstr (err, "Demo data"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&lines, g_strfreev);

  /* A month nobody reported: every row, with empty figures and rates. */
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "signing", "-d", "长宁区",
                                                        "-p", "2099-01", NULL }, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[1], ==, "310105C01\t新华社区卫生服务中心\t2099-01\t\t\t\t\t\t\t\t\t\t");
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 10 + 1);
  g_assert_nonnull (strstr (err, "10 of 10 facilities have not reported 2099-01"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Usage errors: exit 2. */
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "signing", "--district", "青浦",
                                                        "--period", "2024-13", NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "2024-13"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "signing", "--district", "青浦",
                                                        NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "signing", "--district", "Nowhere",
                                                        "--period", "2024-01", NULL }, &out, &err), ==, 2);
}

/* ---- indicators (the plans branch's stock method) ------------------------ */

/* The fields of @code's row of `chc-cli indicators`. */
static GStrv
indicator_row (const char *db,
               const char *district,
               const char *year,
               const char *code)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "indicators", "--district", district,
                                                        "--year", year, NULL }, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "code\tname\tunit\tvalue\ttarget\tstatus\tsource\tnote");
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], code) && lines[i][strlen (code)] == '\t')
      return g_strsplit (lines[i], "\t", -1);
  g_assert_not_reached ();
}

/* Each facility at its latest month of the year, summed, then divided: A's
 * December 500 / 1,000 and B's October 1,200 / 3,000 give 42.5 % — not the
 * average of rates (45 %), nor the sum over all months (43.2 %). */
static void
test_indicator_stock (Store         *s,
                      gconstpointer  data)
{
  ChcSigningFigures a_nov = figures_of (1000, 460, 0, 0, 0, 0, 0);
  ChcSigningFigures a_dec = figures_of (1000, 500, 0, 0, 0, 0, 0);
  ChcSigningFigures b_oct = figures_of (3000, 1200, 0, 0, 0, 0, 0);
  g_auto(GStrv) row = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (records, record_new (chc_facility_get_id (s->a), "2024-11", &a_nov));
  g_assert_true (chc_database_save_signing_month (s->database, "2024-11", records, TRUE, &error));
  g_assert_no_error (error);
  save_one (s, s->a, "2024-12", &a_dec);
  save_one (s, s->b, "2024-10", &b_oct);

  row = indicator_row (chc_database_get_path (s->database), "青浦", "2024", "signing.coverage");
  g_assert_cmpstr (row[2], ==, "percent");
  g_assert_cmpstr (row[3], ==, "42.5");
  g_assert_cmpstr (row[4], ==, "45");
  g_assert_cmpstr (row[5], ==, "behind");
}

/* chc-cli indicators reports the demo's figures: the coverage (and, in
 * Qingpu, the compliance) of each district's December totals. */
static void
test_indicator_demo (void)
{
  static const struct {
    const char     *district;
    const char     *year;
    const char     *code;
    ChcSigningRate  rate;
  } cases[] = {
    { "青浦", "2024", "signing.coverage", CHC_SIGNING_COVERAGE },
    { "青浦", "2024", "signing.compliance", CHC_SIGNING_COMPLIANCE },
    { "青浦", "2023", "signing.coverage", CHC_SIGNING_COVERAGE },
    { "长宁", "2025", "signing.coverage", CHC_SIGNING_COVERAGE },
    { "长宁", "2025", "signing.key_coverage", CHC_SIGNING_KEY_COVERAGE },
    { "松江", "2025", "signing.coverage", CHC_SIGNING_COVERAGE },
  };
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "init", "--demo", NULL }, &out, &err), ==, 0);
  database = chc_database_open (db, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *december = g_strdup_printf ("%s-12", cases[i].year);
      g_autofree char *expected = NULL;
      g_auto(GStrv) row = indicator_row (db, cases[i].district, cases[i].year, cases[i].code);
      ChcSigningFigures total;

      /* the year's figure is the one aggregation of each figure: a
       * stock (people) at December, a flow (visits) summed over the year */
      {
        g_autoptr(ChcDistrict) district = chc_database_find_district (database, cases[i].district, NULL);

        g_assert_true (chc_database_signing_total (database, chc_district_get_id (district), cases[i].year,
                                                   &total, NULL, &error));
        g_assert_no_error (error);
      }
      if (cases[i].rate == CHC_SIGNING_COVERAGE || cases[i].rate == CHC_SIGNING_KEY_COVERAGE)
        {
          ChcSigningFigures december_total;

          /* people: the year's figure is December's */
          district_month_total (database, cases[i].district, december, &december_total, NULL);
          g_assert_cmpint (december_total.value[CHC_SIGNING_SIGNED_RESIDENTS], ==,
                           total.value[CHC_SIGNING_SIGNED_RESIDENTS]);
        }
      expected = chc_signing_format_rate (&total, cases[i].rate);
      g_test_message ("%s %s %s: %s (expected %s)", cases[i].district, cases[i].year,
                      cases[i].code, row[3], expected);
      g_assert_cmpstr (row[3], ==, expected);
      /* the demo meets its coverage targets */
      if (cases[i].rate != CHC_SIGNING_COMPLIANCE)
        g_assert_cmpstr (row[5], ==, "met");
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signing/record/derived-and-notify", test_record_derived);
  g_test_add_func ("/signing/parse", test_parse);
  g_test_add_func ("/signing/rules/valid", test_rules_valid);
  g_test_add_func ("/signing/rules/each", test_rules_each);
  g_test_add_func ("/signing/warnings/coverage", test_warn_coverage);
  g_test_add_func ("/signing/warnings/population", test_warn_population);
  g_test_add_func ("/signing/warnings/skipped-month", test_warn_skipped);
  g_test_add_func ("/signing/warnings/next-month", test_warn_next);
  g_test_add_func ("/signing/sums/not-averages", test_sums_not_averages);
  g_test_add_func ("/signing/periods", test_periods);
  g_test_add_func ("/signing/seed-targets", test_seed_targets);

  g_test_add ("/signing/store/month-listing", Store, NULL,
              store_setup, test_store_month_listing, store_teardown);
  g_test_add ("/signing/store/save-reload", Store, NULL,
              store_setup, test_store_save_reload, store_teardown);
  g_test_add ("/signing/store/rule-breaking-saves-nothing", Store, NULL,
              store_setup, test_store_rule_breaking_saves_nothing, store_teardown);
  g_test_add ("/signing/store/warnings-need-acceptance", Store, NULL,
              store_setup, test_store_warnings_need_acceptance, store_teardown);
  g_test_add ("/signing/store/copy-population", Store, NULL,
              store_setup, test_store_copy_population, store_teardown);
  g_test_add ("/signing/store/listing-keeps-reporters", Store, NULL,
              store_setup, test_store_listing_keeps_reporters, store_teardown);

  g_test_add_func ("/signing/demo/meets-targets", test_demo_meets_targets);
  g_test_add_func ("/signing/demo/complete-and-consistent", test_demo_complete_and_consistent);
  g_test_add_func ("/signing/demo/deterministic", test_demo_deterministic);
  g_test_add_func ("/signing/cli/format", test_cli_format);
  g_test_add ("/signing/indicators/stock", Store, NULL,
              store_setup, test_indicator_stock, store_teardown);
  g_test_add_func ("/signing/indicators/demo", test_indicator_demo);

  status = g_test_run ();
  g_clear_object (&demo_database);
  return status;
}
