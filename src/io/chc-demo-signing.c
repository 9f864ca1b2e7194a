/* chc-demo-signing.c — invented family-doctor signing figures, 2023-01 to
 * the current month, for every reporting facility of the demo districts.
 *
 * Every figure is invented.  The district totals rise towards the seeds'
 * targets and meet them each December (Qingpu 43 % / 45 % / 46 % coverage
 * in 2023–2025 and 85 % compliance in 2024; Changning 48 % coverage and
 * 80 % key-population coverage in 2025; Songjiang 45 % coverage in 2025),
 * while two centres per district stay a few points behind.  Populations
 * move by well under 10 % a month and coverage by well under 5 points, so
 * no month raises a warning; no rule is broken.  The generator is seeded:
 * the same figures every time, and a month's figures do not depend on the
 * current date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-demo"

#include <math.h>

#include "chc-demo-signing.h"
#include "core/chc-signing.h"
#include "store/chc-database-signing.h"

/* A value that rises from @start (2023-01) through one knot per December
 * (2023, 2024, 2025, 2026), linearly between them, and creeps on after. */
typedef struct
{
  double start;
  double december[4];
} DemoPath;

typedef struct
{
  const char *district;
  gint64      centre_min;        /* resident population of a centre, 2023-01 */
  gint64      centre_max;
  DemoPath    coverage;          /* district path; facilities vary around it */
  DemoPath    key_coverage;
  DemoPath    compliance;
  const char *behind[3];         /* centres that stay behind the targets */
} DemoSigningDistrict;

static const DemoSigningDistrict demo_signing_districts[] = {
  { "青浦区", 60000, 125000,
    { 0.405, { 0.4345, 0.4545, 0.4645, 0.4720 } },
    { 0.660, { 0.7200, 0.7650, 0.7950, 0.8100 } },
    { 0.800, { 0.8320, 0.8560, 0.8650, 0.8700 } },
    { "金泽社区卫生服务中心", "香花桥社区卫生服务中心", NULL } },
  { "长宁区", 45000, 95000,
    { 0.430, { 0.4450, 0.4650, 0.4850, 0.4920 } },
    { 0.700, { 0.7400, 0.7750, 0.8060, 0.8200 } },
    { 0.780, { 0.8000, 0.8150, 0.8300, 0.8350 } },
    { "程家桥社区卫生服务中心", "天山社区卫生服务中心", NULL } },
  { "松江区", 70000, 125000,
    { 0.385, { 0.4050, 0.4270, 0.4550, 0.4620 } },
    { 0.640, { 0.7000, 0.7400, 0.7700, 0.7850 } },
    { 0.770, { 0.7900, 0.8100, 0.8250, 0.8300 } },
    { "泖港镇社区卫生服务中心（示例）", "新浜镇社区卫生服务中心（示例）", NULL } },
};

#define BRANCH_MIN 30000
#define BRANCH_MAX 45000

typedef struct
{
  ChcSigningRecord *facility;   /* the facility's identity (from the listing) */
  GRand            *rand;
  gboolean          behind;
  double            population;
  double            growth;          /* per month */
  double            key_share;       /* key population / resident population */
  double            visits_per_signed;
  double            coverage_offset;
  double            key_offset;
  double            compliance_offset;
  double            online_offset;
} DemoState;

static void
demo_state_clear (DemoState *state)
{
  g_clear_object (&state->facility);
  g_clear_pointer (&state->rand, g_rand_free);
}

static double
path_value (const DemoPath *path,
            int             index)   /* months since 2023-01 */
{
  if (index <= 11)
    return path->start + (path->december[0] - path->start) * index / 11.0;
  for (int y = 1; y < 4; y++)
    if (index <= 11 + 12 * y)
      return path->december[y - 1] +
             (path->december[y] - path->december[y - 1]) * (index - (11 + 12 * (y - 1))) / 12.0;
  return MIN (path->december[3] + 0.0003 * (index - 47), path->december[3] + 0.02);
}

static double
clamp (double value,
       double low,
       double high)
{
  return MAX (low, MIN (high, value));
}

static gint64
round_count (double value)
{
  return (gint64) floor (value + 0.5);
}

static gboolean
is_behind (const DemoSigningDistrict *d,
           const char                *name)
{
  for (guint i = 0; d->behind[i] != NULL; i++)
    if (g_strcmp0 (d->behind[i], name) == 0)
      return TRUE;
  return FALSE;
}

/* Shifts the offsets of the facilities on target so that the offsets'
 * weighted mean is 0: the district total follows the district path. */
static void
balance_offsets (GArray *states,
                 gsize   offset_member,
                 double *weights)
{
  double sum = 0, weight_on_target = 0, shift;

  for (guint i = 0; i < states->len; i++)
    {
      DemoState *s = &g_array_index (states, DemoState, i);
      double *offset = G_STRUCT_MEMBER_P (s, offset_member);

      sum += *offset * weights[i];
      if (!s->behind)
        weight_on_target += weights[i];
    }
  if (weight_on_target <= 0)
    return;
  shift = sum / weight_on_target;
  for (guint i = 0; i < states->len; i++)
    {
      DemoState *s = &g_array_index (states, DemoState, i);
      double *offset = G_STRUCT_MEMBER_P (s, offset_member);

      if (!s->behind)
        *offset -= shift;
    }
}

static void
init_states (const DemoSigningDistrict *d,
             GPtrArray                 *facilities,
             GArray                    *states)
{
  g_autofree double *weights = g_new0 (double, facilities->len);

  for (guint i = 0; i < facilities->len; i++)
    {
      ChcSigningRecord *f = g_ptr_array_index (facilities, i);
      gboolean branch = chc_signing_record_get_facility_type (f) == CHC_FACILITY_BRANCH;
      DemoState s = { 0 };

      s.facility = g_object_ref (f);
      /* Seeded by the facility's code: the same figures every time. */
      s.rand = g_rand_new_with_seed (g_str_hash (chc_signing_record_get_facility_code (f)) ^ 0x5167u);
      s.behind = is_behind (d, chc_signing_record_get_facility_name (f));
      s.population = branch ? g_rand_double_range (s.rand, BRANCH_MIN, BRANCH_MAX)
                            : g_rand_double_range (s.rand, d->centre_min, d->centre_max);
      s.growth = g_rand_double_range (s.rand, 0.0003, 0.0022);
      s.key_share = g_rand_double_range (s.rand, 0.22, 0.32);
      s.visits_per_signed = g_rand_double_range (s.rand, 0.25, 0.42);
      if (s.behind)
        {
          s.coverage_offset = g_rand_double_range (s.rand, -0.050, -0.035);
          s.key_offset = g_rand_double_range (s.rand, -0.070, -0.050);
          s.compliance_offset = g_rand_double_range (s.rand, -0.060, -0.040);
          s.online_offset = g_rand_double_range (s.rand, -0.040, -0.020);
        }
      else
        {
          s.coverage_offset = g_rand_double_range (s.rand, -0.006, 0.010);
          s.key_offset = g_rand_double_range (s.rand, -0.010, 0.014);
          s.compliance_offset = g_rand_double_range (s.rand, -0.006, 0.012);
          s.online_offset = g_rand_double_range (s.rand, -0.030, 0.040);
        }
      g_array_append_val (states, s);
    }

  for (guint i = 0; i < states->len; i++)
    weights[i] = g_array_index (states, DemoState, i).population;
  balance_offsets (states, G_STRUCT_OFFSET (DemoState, coverage_offset), weights);

  for (guint i = 0; i < states->len; i++)
    weights[i] = g_array_index (states, DemoState, i).population *
                 g_array_index (states, DemoState, i).key_share;
  balance_offsets (states, G_STRUCT_OFFSET (DemoState, key_offset), weights);

  for (guint i = 0; i < states->len; i++)
    weights[i] = g_array_index (states, DemoState, i).population *
                 g_array_index (states, DemoState, i).visits_per_signed;
  balance_offsets (states, G_STRUCT_OFFSET (DemoState, compliance_offset), weights);
}

/* The next month's figures of one facility. */
static ChcSigningRecord *
next_record (const DemoSigningDistrict *d,
             DemoState                 *s,
             const char                *period,
             int                        index)
{
  ChcSigningRecord *record = chc_signing_record_copy (s->facility);
  ChcSigningFigures f = { { 0 } };
  int month = index % 12 + 1;
  double season = 1.0 + 0.12 * cos (2 * G_PI * (month - 1) / 12.0);
  double coverage, key_coverage, compliance, online_share;

  if (index > 0)
    s->population *= 1.0 + s->growth + g_rand_double_range (s->rand, -0.0008, 0.0008);
  s->key_share = MIN (s->key_share + 0.00005, 0.35);

  coverage = clamp (path_value (&d->coverage, index) + s->coverage_offset +
                    g_rand_double_range (s->rand, -0.0015, 0.0015), 0.05, 0.95);
  key_coverage = clamp (path_value (&d->key_coverage, index) + s->key_offset +
                        g_rand_double_range (s->rand, -0.002, 0.002), 0.0, 0.97);
  compliance = clamp (path_value (&d->compliance, index) + s->compliance_offset +
                      g_rand_double_range (s->rand, -0.003, 0.003), 0.5, 0.97);
  online_share = clamp (0.08 + 0.18 * MIN (index, 47) / 47.0 + s->online_offset +
                        g_rand_double_range (s->rand, -0.004, 0.004), 0.01, 0.6);

  f.value[CHC_SIGNING_RESIDENT_POPULATION] = round_count (s->population);
  f.value[CHC_SIGNING_SIGNED_RESIDENTS] = round_count (coverage * s->population);
  f.value[CHC_SIGNING_KEY_POPULATION] = round_count (s->key_share * s->population);
  f.value[CHC_SIGNING_KEY_POPULATION_SIGNED] =
    MIN (round_count (key_coverage * f.value[CHC_SIGNING_KEY_POPULATION]),
         f.value[CHC_SIGNING_SIGNED_RESIDENTS]);
  f.value[CHC_SIGNING_ONLINE_SIGNED] =
    round_count (online_share * f.value[CHC_SIGNING_SIGNED_RESIDENTS]);
  f.value[CHC_SIGNING_SIGNED_VISITS_TOTAL] =
    round_count (f.value[CHC_SIGNING_SIGNED_RESIDENTS] * s->visits_per_signed * season);
  f.value[CHC_SIGNING_SIGNED_VISITS_IN_COMMUNITY] =
    round_count (compliance * f.value[CHC_SIGNING_SIGNED_VISITS_TOTAL]);

  chc_signing_record_set_period (record, period);
  chc_signing_record_set_figures (record, &f);
  chc_signing_record_set_saved (record, FALSE);
  return record;
}

static gboolean
populate_district (ChcDatabase               *database,
                   const DemoSigningDistrict *d,
                   int                        n_months,
                   GError                   **error)
{
  g_autoptr(ChcDistrict) district = chc_database_find_district (database, d->district, error);
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GArray) states = g_array_new (FALSE, TRUE, sizeof (DemoState));

  if (district == NULL)
    return FALSE;
  g_array_set_clear_func (states, (GDestroyNotify) demo_state_clear);

  facilities = chc_database_list_signing_month (database, chc_district_get_id (district),
                                                "2023-01", error);
  if (facilities == NULL)
    return FALSE;
  init_states (d, facilities, states);

  for (int index = 0; index < n_months; index++)
    {
      g_autofree char *period = chc_signing_period_add ("2023-01", index);
      g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < states->len; i++)
        g_ptr_array_add (records, next_record (d, &g_array_index (states, DemoState, i),
                                               period, index));

      /* Not accepting warnings: the demo raises none. */
      if (!chc_database_save_signing_month (database, period, records, FALSE, error))
        {
          g_prefix_error (error, "%s: ", chc_district_get_name (district));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
chc_demo_signing_populate_until (ChcDatabase  *database,
                                 const char   *last_period,
                                 GError      **error)
{
  int n_months;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (chc_signing_period_parse (last_period, NULL, NULL), FALSE);

  n_months = chc_signing_period_diff ("2023-01", last_period) + 1;
  if (n_months <= 0)
    return TRUE;

  if (!chc_database_begin (database, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (demo_signing_districts); i++)
    if (!populate_district (database, &demo_signing_districts[i], n_months, error))
      {
        chc_database_rollback (database);
        return FALSE;
      }
  return chc_database_commit (database, error);
}

gboolean
chc_demo_signing_populate (ChcDatabase  *database,
                           GError      **error)
{
  g_autofree char *now = chc_signing_period_current ();

  return chc_demo_signing_populate_until (database, now, error);
}
