/* chc-indicator.c — the indicator methods, targets and their rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-indicator.h"
#include "chc-validate.h"

typedef struct
{
  gint64           id;
  ChcFacilityType  type;
  gint64           town_id;
  gboolean         in_service;
} SnapshotFacility;

typedef struct
{
  int    period;    /* year * 12 + month - 1 */
  double value;
} FigurePoint;

typedef struct
{
  GArray   *points;   /* FigurePoint */
  gboolean  sorted;   /* by period, latest first */
} FigureSeries;

struct _ChcSnapshot
{
  int         year;
  GArray     *towns;        /* gint64 */
  GArray     *facilities;   /* SnapshotFacility */
  GHashTable *conditions;   /* name → set of gint64 * (facility ids) */
  GHashTable *figures;      /* name → (gint64 * facility id → FigureSeries *) */
};

/* ---- snapshot ---------------------------------------------------------- */

static GHashTable *
new_id_set (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
figure_series_free (gpointer data)
{
  FigureSeries *series = data;

  g_array_unref (series->points);
  g_free (series);
}

static GHashTable *
new_figure_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, figure_series_free);
}

ChcSnapshot *
chc_snapshot_new (int year)
{
  ChcSnapshot *snapshot = g_new0 (ChcSnapshot, 1);

  snapshot->year = year;
  snapshot->towns = g_array_new (FALSE, FALSE, sizeof (gint64));
  snapshot->facilities = g_array_new (FALSE, FALSE, sizeof (SnapshotFacility));
  snapshot->conditions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_hash_table_unref);
  snapshot->figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_hash_table_unref);
  return snapshot;
}

void
chc_snapshot_free (ChcSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_array_unref (snapshot->towns);
  g_array_unref (snapshot->facilities);
  g_hash_table_unref (snapshot->conditions);
  g_hash_table_unref (snapshot->figures);
  g_free (snapshot);
}

gint64
chc_snapshot_get_facility_id (ChcSnapshot *snapshot,
                              guint        index)
{
  g_return_val_if_fail (snapshot != NULL && index < snapshot->facilities->len, 0);
  return g_array_index (snapshot->facilities, SnapshotFacility, index).id;
}

int
chc_snapshot_get_year (ChcSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, 0);
  return snapshot->year;
}

void
chc_snapshot_add_town (ChcSnapshot *snapshot,
                       gint64       town_id)
{
  g_return_if_fail (snapshot != NULL);

  for (guint i = 0; i < snapshot->towns->len; i++)
    if (g_array_index (snapshot->towns, gint64, i) == town_id)
      return;
  g_array_append_val (snapshot->towns, town_id);
}

void
chc_snapshot_add_facility (ChcSnapshot     *snapshot,
                           gint64           facility_id,
                           ChcFacilityType  type,
                           gint64           town_id,
                           gboolean         in_service)
{
  SnapshotFacility facility = { facility_id, type, town_id, !!in_service };

  g_return_if_fail (snapshot != NULL);
  g_return_if_fail ((int) type >= 0 && type < CHC_N_FACILITY_TYPES);

  g_array_append_val (snapshot->facilities, facility);
}

guint
chc_snapshot_get_n_facilities (ChcSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, 0);
  return snapshot->facilities->len;
}

static GHashTable *
ensure_condition (ChcSnapshot *snapshot,
                  const char  *condition)
{
  GHashTable *set = g_hash_table_lookup (snapshot->conditions, condition);

  if (set == NULL)
    {
      set = new_id_set ();
      g_hash_table_insert (snapshot->conditions, g_strdup (condition), set);
    }
  return set;
}

void
chc_snapshot_add_condition (ChcSnapshot *snapshot,
                            const char  *condition)
{
  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (condition != NULL);

  ensure_condition (snapshot, condition);
}

void
chc_snapshot_add_satisfying (ChcSnapshot *snapshot,
                             const char  *condition,
                             gint64       facility_id)
{
  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (condition != NULL);

  g_hash_table_add (ensure_condition (snapshot, condition),
                    g_memdup2 (&facility_id, sizeof facility_id));
}

gboolean
chc_snapshot_has_condition (ChcSnapshot *snapshot,
                            const char  *condition)
{
  g_return_val_if_fail (snapshot != NULL, FALSE);
  return condition != NULL && g_hash_table_contains (snapshot->conditions, condition);
}

static GHashTable *
ensure_figure (ChcSnapshot *snapshot,
               const char  *figure)
{
  GHashTable *table = g_hash_table_lookup (snapshot->figures, figure);

  if (table == NULL)
    {
      table = new_figure_table ();
      g_hash_table_insert (snapshot->figures, g_strdup (figure), table);
    }
  return table;
}

void
chc_snapshot_add_figure (ChcSnapshot *snapshot,
                         const char  *figure)
{
  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (figure != NULL);

  ensure_figure (snapshot, figure);
}

void
chc_snapshot_add_figure_value (ChcSnapshot *snapshot,
                               const char  *figure,
                               gint64       facility_id,
                               int          year,
                               int          month,
                               double       value)
{
  GHashTable *table;
  FigureSeries *series;
  FigurePoint point;

  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (figure != NULL);
  g_return_if_fail (month >= 1 && month <= 12);

  table = ensure_figure (snapshot, figure);
  series = g_hash_table_lookup (table, &facility_id);
  if (series == NULL)
    {
      series = g_new0 (FigureSeries, 1);
      series->points = g_array_new (FALSE, FALSE, sizeof (FigurePoint));
      g_hash_table_insert (table, g_memdup2 (&facility_id, sizeof facility_id), series);
    }
  point.period = year * 12 + month - 1;
  point.value = value;
  g_array_append_val (series->points, point);
  series->sorted = FALSE;
}

gboolean
chc_snapshot_has_figure (ChcSnapshot *snapshot,
                         const char  *figure)
{
  g_return_val_if_fail (snapshot != NULL, FALSE);
  return figure != NULL && g_hash_table_contains (snapshot->figures, figure);
}

/* ---- methods ------------------------------------------------------------ */

const char *
chc_no_data_reason_to_string (ChcNoDataReason reason)
{
  switch (reason)
    {
    case CHC_NO_DATA_NONE:
      return "";
    case CHC_NO_DATA_NO_METHOD:
      return _("No data source: this indicator is not computed from the data held here.");
    case CHC_NO_DATA_UNKNOWN_CONDITION:
      return _("Not computed yet: the data this indicator needs is not recorded by this version.");
    case CHC_NO_DATA_UNKNOWN_FIGURE:
      return _("Not computed yet: the figures this indicator needs are not recorded by this version.");
    case CHC_NO_DATA_EMPTY_SCOPE:
      return _("No facility of the counted types is in service in the district.");
    case CHC_NO_DATA_NO_TOWNS:
      return _("The district has no towns.");
    case CHC_NO_DATA_NO_FIGURES:
      return _("No facility reported figures in the year.");
    case CHC_NO_DATA_ZERO_DENOMINATOR:
      return _("The figures reported add up to a denominator of 0.");
    case CHC_NO_DATA_BAD_DEFINITION:
      return _("The indicator’s definition is incomplete.");
    default:
      return "";
    }
}

static inline gboolean
in_scope (const SnapshotFacility *facility,
          guint                   scope)
{
  return facility->in_service && (scope & (1u << facility->type)) != 0;
}

static gboolean
count_satisfying (ChcSnapshot     *snapshot,
                  guint            scope,
                  const char      *condition,
                  guint           *n_scope,
                  guint           *n_satisfying,
                  ChcNoDataReason *reason)
{
  GHashTable *set = condition ? g_hash_table_lookup (snapshot->conditions, condition) : NULL;

  if (set == NULL)
    {
      *reason = CHC_NO_DATA_UNKNOWN_CONDITION;
      return FALSE;
    }

  *n_scope = 0;
  *n_satisfying = 0;
  for (guint i = 0; i < snapshot->facilities->len; i++)
    {
      const SnapshotFacility *f = &g_array_index (snapshot->facilities, SnapshotFacility, i);

      if (!in_scope (f, scope))
        continue;
      (*n_scope)++;
      if (g_hash_table_contains (set, &f->id))
        (*n_satisfying)++;
    }
  return TRUE;
}

gboolean
chc_method_share (ChcSnapshot     *snapshot,
                  guint            scope,
                  const char      *condition,
                  double          *value,
                  ChcNoDataReason *reason)
{
  guint n_scope, n_satisfying;

  g_return_val_if_fail (snapshot != NULL && value != NULL && reason != NULL, FALSE);

  if (!count_satisfying (snapshot, scope, condition, &n_scope, &n_satisfying, reason))
    return FALSE;
  if (n_scope == 0)
    {
      *reason = CHC_NO_DATA_EMPTY_SCOPE;
      return FALSE;
    }
  *value = 100.0 * n_satisfying / n_scope;
  *reason = CHC_NO_DATA_NONE;
  return TRUE;
}

gboolean
chc_method_count (ChcSnapshot     *snapshot,
                  guint            scope,
                  const char      *condition,
                  double          *value,
                  ChcNoDataReason *reason)
{
  guint n_scope, n_satisfying;

  g_return_val_if_fail (snapshot != NULL && value != NULL && reason != NULL, FALSE);

  if (!count_satisfying (snapshot, scope, condition, &n_scope, &n_satisfying, reason))
    return FALSE;
  /* none of the counted types in service: nothing to count, not 0 (issue 14) */
  if (n_scope == 0)
    {
      *reason = CHC_NO_DATA_EMPTY_SCOPE;
      return FALSE;
    }
  *value = n_satisfying;
  *reason = CHC_NO_DATA_NONE;
  return TRUE;
}

gboolean
chc_method_town_share (ChcSnapshot     *snapshot,
                       guint            scope,
                       const char      *condition,
                       double          *value,
                       ChcNoDataReason *reason)
{
  g_autoptr(GHashTable) towns_met = NULL;
  GHashTable *set;
  guint n_met = 0;
  guint n_in_scope = 0;

  g_return_val_if_fail (snapshot != NULL && value != NULL && reason != NULL, FALSE);

  set = condition ? g_hash_table_lookup (snapshot->conditions, condition) : NULL;
  if (set == NULL)
    {
      *reason = CHC_NO_DATA_UNKNOWN_CONDITION;
      return FALSE;
    }
  if (snapshot->towns->len == 0)
    {
      *reason = CHC_NO_DATA_NO_TOWNS;
      return FALSE;
    }

  towns_met = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < snapshot->facilities->len; i++)
    {
      SnapshotFacility *f = &g_array_index (snapshot->facilities, SnapshotFacility, i);

      if (!in_scope (f, scope))
        continue;
      n_in_scope++;
      if (f->town_id > 0 && g_hash_table_contains (set, &f->id))
        g_hash_table_add (towns_met, &f->town_id);
    }
  /* no facility of the counted types at all: nothing to measure (issue 14) */
  if (n_in_scope == 0)
    {
      *reason = CHC_NO_DATA_EMPTY_SCOPE;
      return FALSE;
    }
  for (guint i = 0; i < snapshot->towns->len; i++)
    if (g_hash_table_contains (towns_met, &g_array_index (snapshot->towns, gint64, i)))
      n_met++;

  *value = 100.0 * n_met / snapshot->towns->len;
  *reason = CHC_NO_DATA_NONE;
  return TRUE;
}

static int
compare_latest_first (gconstpointer a,
                      gconstpointer b)
{
  const FigurePoint *pa = a;
  const FigurePoint *pb = b;

  return (pb->period > pa->period) - (pb->period < pa->period);
}

static void
sort_series (FigureSeries *series)
{
  if (!series->sorted)
    {
      g_array_sort (series->points, compare_latest_first);
      series->sorted = TRUE;
    }
}

/* The latest period in [@first, @last] present in both series: sets the
 * two values and returns TRUE. */
static gboolean
latest_common_point (FigureSeries *num,
                     FigureSeries *den,
                     int           first,
                     int           last,
                     double       *num_value,
                     double       *den_value)
{
  guint i = 0, j = 0;

  sort_series (num);
  sort_series (den);

  while (i < num->points->len && j < den->points->len)
    {
      const FigurePoint *a = &g_array_index (num->points, FigurePoint, i);
      const FigurePoint *b = &g_array_index (den->points, FigurePoint, j);

      if (a->period > last)
        i++;
      else if (b->period > last)
        j++;
      else if (a->period < first || b->period < first)
        return FALSE;
      else if (a->period > b->period)
        i++;
      else if (b->period > a->period)
        j++;
      else
        {
          *num_value = a->value;
          *den_value = b->value;
          return TRUE;
        }
    }
  return FALSE;
}

/* The latest value from @first to @last of a series, or FALSE. */
static gboolean
latest_point (FigureSeries *series,
              int           first,
              int           last,
              double       *value)
{
  gboolean found = FALSE;
  int latest = -1;

  for (guint i = 0; i < series->points->len; i++)
    {
      const FigurePoint *p = &g_array_index (series->points, FigurePoint, i);

      if (p->period >= first && p->period <= last && p->period >= latest)
        {
          latest = p->period;
          *value = p->value;
          found = TRUE;
        }
    }
  return found;
}

/* One side of a ratio: the district's own value (key 0), else the sum
 * over the facilities in scope of each one's latest value. */
static double
side_sum (ChcSnapshot *snapshot,
          guint        scope,
          GHashTable  *table,
          int          first,
          int          last,
          guint       *n_reporting)
{
  gint64 district_key = 0;
  FigureSeries *district = g_hash_table_lookup (table, &district_key);
  double sum = 0, v;

  *n_reporting = 0;
  if (district != NULL)
    {
      if (latest_point (district, first, last, &v))
        {
          *n_reporting = 1;
          return v;
        }
      return 0;
    }
  for (guint i = 0; i < snapshot->facilities->len; i++)
    {
      const SnapshotFacility *f = &g_array_index (snapshot->facilities, SnapshotFacility, i);
      FigureSeries *series;

      if (!in_scope (f, scope) || (series = g_hash_table_lookup (table, &f->id)) == NULL ||
          !latest_point (series, first, last, &v))
        continue;
      sum += v;
      (*n_reporting)++;
    }
  return sum;
}

gboolean
chc_method_ratio (ChcSnapshot     *snapshot,
                  guint            scope,
                  const char      *numerator,
                  const char      *denominator,
                  double          *value,
                  ChcNoDataReason *reason)
{
  GHashTable *num_table, *den_table;
  gint64 district_key = 0;
  int first, last;
  double num_sum = 0, den_sum = 0;
  guint n_reporting = 0;

  g_return_val_if_fail (snapshot != NULL && value != NULL && reason != NULL, FALSE);

  num_table = numerator ? g_hash_table_lookup (snapshot->figures, numerator) : NULL;
  den_table = denominator ? g_hash_table_lookup (snapshot->figures, denominator) : NULL;
  if (num_table == NULL || (denominator != NULL && den_table == NULL))
    {
      *reason = CHC_NO_DATA_UNKNOWN_FIGURE;
      return FALSE;
    }

  first = snapshot->year * 12;
  last = snapshot->year * 12 + 11;

  /* A figure of the district (key 0), or a figure without denominator:
   * each side on its own. */
  if (den_table == NULL || g_hash_table_contains (num_table, &district_key) ||
      g_hash_table_contains (den_table, &district_key))
    {
      guint n_num = 0, n_den = 0;

      num_sum = side_sum (snapshot, scope, num_table, first, last, &n_num);
      den_sum = den_table != NULL ? side_sum (snapshot, scope, den_table, first, last, &n_den) : 1;
      if (n_num == 0 || (den_table != NULL && n_den == 0))
        {
          *reason = CHC_NO_DATA_NO_FIGURES;
          return FALSE;
        }
      n_reporting = n_num;
    }
  else
    for (guint i = 0; i < snapshot->facilities->len; i++)
      {
        const SnapshotFacility *f = &g_array_index (snapshot->facilities, SnapshotFacility, i);
        FigureSeries *num, *den;
        double n, d;

        if (!in_scope (f, scope))
          continue;
        num = g_hash_table_lookup (num_table, &f->id);
        den = g_hash_table_lookup (den_table, &f->id);
        if (num == NULL || den == NULL ||
            !latest_common_point (num, den, first, last, &n, &d))
          continue;
        num_sum += n;
        den_sum += d;
        n_reporting++;
      }

  if (n_reporting == 0)
    {
      *reason = CHC_NO_DATA_NO_FIGURES;
      return FALSE;
    }
  if (den_sum == 0)
    {
      *reason = CHC_NO_DATA_ZERO_DENOMINATOR;
      return FALSE;
    }
  *value = num_sum / den_sum;
  *reason = CHC_NO_DATA_NONE;
  return TRUE;
}

gboolean
chc_ratio_split (const char  *condition,
                 char       **numerator,
                 char       **denominator)
{
  return chc_ratio_parse (condition, numerator, denominator, NULL);
}

/* "numerator/denominator*scale", "numerator/denominator" or "figure" (a
 * value of its own: then *@denominator is NULL). */
gboolean
chc_ratio_parse (const char  *condition,
                 char       **numerator,
                 char       **denominator,
                 double      *scale)
{
  const char *slash;
  const char *star;
  g_autofree char *rest = NULL;

  g_return_val_if_fail (numerator != NULL && denominator != NULL, FALSE);

  *numerator = NULL;
  *denominator = NULL;
  if (scale != NULL)
    *scale = 1;
  if (condition == NULL)
    return FALSE;
  slash = strchr (condition, '/');
  if (slash != NULL && strchr (slash + 1, '/') != NULL)
    return FALSE;
  if (slash == NULL)
    {
      /* a figure of its own (an element's value, or a count the store
       * makes such as "tcm:specialty_clinics") */
      *numerator = g_strstrip (g_strdup (condition));
      if ((!g_str_has_prefix (*numerator, "element:") && !g_str_has_prefix (*numerator, "tcm:")) ||
          strchr (*numerator, '*') != NULL)
        {
          g_clear_pointer (numerator, g_free);
          return FALSE;
        }
      return TRUE;
    }

  *numerator = g_strstrip (g_strndup (condition, slash - condition));
  rest = g_strdup (slash + 1);
  star = strchr (rest, '*');
  if (star != NULL)
    {
      char *end;
      double factor = g_ascii_strtod (star + 1, &end);

      if (*g_strstrip (end) != '\0' || !(factor > 0))
        {
          g_clear_pointer (numerator, g_free);
          return FALSE;
        }
      if (scale != NULL)
        *scale = factor;
      rest[star - rest] = '\0';
    }
  *denominator = g_strstrip (g_strdup (rest));
  if (**numerator == '\0' || **denominator == '\0')
    {
      g_clear_pointer (numerator, g_free);
      g_clear_pointer (denominator, g_free);
      return FALSE;
    }
  return TRUE;
}

/* Each in-scope facility's own ratio, of those that reported both figures
 * (or the one figure). */
static GArray *
ratio_by_facility (ChcSnapshot *snapshot,
                   guint        scope,
                   const char  *numerator,
                   const char  *denominator,
                   double       factor)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (ChcFacilityValue));
  GHashTable *num_table = numerator ? g_hash_table_lookup (snapshot->figures, numerator) : NULL;
  GHashTable *den_table = denominator ? g_hash_table_lookup (snapshot->figures, denominator) : NULL;
  int first = snapshot->year * 12, last = snapshot->year * 12 + 11;

  if (num_table == NULL || (denominator != NULL && den_table == NULL))
    return values;
  for (guint i = 0; i < snapshot->facilities->len; i++)
    {
      const SnapshotFacility *f = &g_array_index (snapshot->facilities, SnapshotFacility, i);
      FigureSeries *num, *den;
      ChcFacilityValue fv = { f->id, 0 };
      double n, d = 1;

      if (!in_scope (f, scope) || (num = g_hash_table_lookup (num_table, &f->id)) == NULL)
        continue;
      if (den_table != NULL)
        {
          if ((den = g_hash_table_lookup (den_table, &f->id)) == NULL ||
              !latest_common_point (num, den, first, last, &n, &d) || d == 0)
            continue;
        }
      else if (!latest_point (num, first, last, &n))
        continue;
      fv.value = n / d * factor;
      g_array_append_val (values, fv);
    }
  return values;
}

GArray *
chc_indicator_compute_by_facility (ChcIndicator *indicator,
                                   ChcSnapshot  *snapshot)
{
  g_autofree char *num = NULL;
  g_autofree char *den = NULL;
  double scale = 1;

  g_return_val_if_fail (CHC_IS_INDICATOR (indicator), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  if (chc_indicator_get_method (indicator) != CHC_METHOD_RATIO ||
      !chc_ratio_parse (chc_indicator_get_condition (indicator), &num, &den, &scale))
    return g_array_new (FALSE, FALSE, sizeof (ChcFacilityValue));
  if (chc_indicator_get_unit (indicator) == CHC_UNIT_PERCENT && den != NULL)
    scale *= 100.0;
  return ratio_by_facility (snapshot, chc_indicator_get_scope (indicator), num, den, scale);
}

gboolean
chc_indicator_compute (ChcIndicator    *indicator,
                       ChcSnapshot     *snapshot,
                       double          *value,
                       ChcNoDataReason *reason)
{
  const char *condition;
  guint scope;

  g_return_val_if_fail (CHC_IS_INDICATOR (indicator), FALSE);
  g_return_val_if_fail (snapshot != NULL && value != NULL && reason != NULL, FALSE);

  condition = chc_indicator_get_condition (indicator);
  scope = chc_indicator_get_scope (indicator);

  switch (chc_indicator_get_method (indicator))
    {
    case CHC_METHOD_SHARE:
      return chc_method_share (snapshot, scope, condition, value, reason);
    case CHC_METHOD_COUNT:
      return chc_method_count (snapshot, scope, condition, value, reason);
    case CHC_METHOD_TOWN_SHARE:
      return chc_method_town_share (snapshot, scope, condition, value, reason);
    case CHC_METHOD_RATIO:
      {
        g_autofree char *num = NULL;
        g_autofree char *den = NULL;
        double scale = 1;

        if (!chc_ratio_parse (condition, &num, &den, &scale))
          {
            *reason = CHC_NO_DATA_BAD_DEFINITION;
            return FALSE;
          }
        /* the reasons of the whole (unknown figure, nothing reported, …) */
        if (!chc_method_ratio (snapshot, scope, num, den, value, reason))
          return FALSE;
        /* a target for each facility: the value is the lowest facility's */
        if (chc_indicator_get_per_facility (indicator))
          {
            g_autoptr(GArray) each = chc_indicator_compute_by_facility (indicator, snapshot);

            if (each->len == 0)
              {
                *reason = CHC_NO_DATA_ZERO_DENOMINATOR;
                return FALSE;
              }
            *value = g_array_index (each, ChcFacilityValue, 0).value;
            for (guint i = 1; i < each->len; i++)
              *value = MIN (*value, g_array_index (each, ChcFacilityValue, i).value);
            return TRUE;
          }
        if (chc_indicator_get_unit (indicator) == CHC_UNIT_PERCENT && den != NULL)
          *value *= 100.0;
        *value *= scale;
        return TRUE;
      }
    case CHC_METHOD_NONE:
    default:
      *reason = CHC_NO_DATA_NO_METHOD;
      return FALSE;
    }
}

/* ---- values and targets ------------------------------------------------ */

ChcIndicatorStatus
chc_target_spec_status (const ChcTargetSpec *target,
                        ChcIndicatorUnit     unit,
                        gboolean             has_value,
                        double               value)
{
  const double epsilon = 1e-9;
  double shown;

  if (!has_value)
    return CHC_STATUS_NO_DATA;
  if (target == NULL)
    return CHC_STATUS_NO_TARGET;

  shown = chc_round_value (unit, value);
  switch (target->op)
    {
    case CHC_TARGET_AT_MOST:
    case CHC_TARGET_LESS_THAN:
      {
        double bound = target->has_max ? target->max_value : target->min_value;

        if (target->op == CHC_TARGET_LESS_THAN)
          return shown < bound - epsilon ? CHC_STATUS_MET : CHC_STATUS_BEHIND;
        return shown <= bound + epsilon ? CHC_STATUS_MET : CHC_STATUS_BEHIND;
      }
    case CHC_TARGET_MORE_THAN:
      /* "超过一半": exactly half is not more than half */
      return shown > target->min_value + epsilon ? CHC_STATUS_MET : CHC_STATUS_BEHIND;
    case CHC_TARGET_AT_LEAST:
    default:
      return shown >= target->min_value - epsilon ? CHC_STATUS_MET : CHC_STATUS_BEHIND;
    }
}

static void
append_number (GString *text,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == 0)
    value = 0;   /* no "-0" */
  g_string_append (text, g_ascii_formatd (buf, sizeof buf, "%.6g", value));
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

static gboolean
parse_number (const char  *p,
              double      *value,
              const char **end)
{
  char *stop = NULL;

  p = skip_spaces (p);
  if (!g_ascii_isdigit (*p) && *p != '.')
    return FALSE;
  *value = g_ascii_strtod (p, &stop);
  if (stop == p || !isfinite (*value))
    return FALSE;
  p = skip_spaces (stop);
  if (*p == '%')
    p = skip_spaces (p + 1);
  *end = p;
  return TRUE;
}

static const char *
skip_prefix (const char *p,
             const char *prefix)
{
  size_t n = strlen (prefix);

  return strncmp (p, prefix, n) == 0 ? p + n : NULL;
}

gboolean
chc_target_spec_parse (const char     *text,
                       ChcTargetSpec  *target,
                       GError        **error)
{
  ChcTargetSpec spec = { 0, CHC_TARGET_AT_LEAST, 0, 0, FALSE };
  const char *p;
  const char *q;
  char *stop = NULL;
  gint64 year;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  p = skip_spaces (text);
  year = g_ascii_strtoll (p, &stop, 10);
  if (stop == p || year < 1 || year > 9999)
    goto bad;
  p = skip_spaces (stop);
  if (*p != ':')
    goto bad;
  spec.year = (int) year;
  p = skip_spaces (p + 1);

  if ((q = skip_prefix (p, ">=")) || (q = skip_prefix (p, "≥")))
    p = q;
  else if ((q = skip_prefix (p, "<=")) || (q = skip_prefix (p, "≤")))
    {
      spec.op = CHC_TARGET_AT_MOST;
      p = q;
    }
  else if ((q = skip_prefix (p, ">")))
    {
      spec.op = CHC_TARGET_MORE_THAN;
      p = q;
    }
  else if ((q = skip_prefix (p, "<")))
    {
      spec.op = CHC_TARGET_LESS_THAN;
      p = q;
    }

  if (!parse_number (p, &spec.min_value, &p))
    goto bad;

  if ((q = skip_prefix (p, "-")) || (q = skip_prefix (p, "~")) ||
      (q = skip_prefix (p, "–")) || (q = skip_prefix (p, "～")))
    {
      if (!parse_number (q, &spec.max_value, &p))
        goto bad;
      spec.has_max = TRUE;
    }

  if (*skip_spaces (p) != '\0')
    goto bad;

  *target = spec;
  return TRUE;

bad:
  g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
               _("Target “%s”: write YEAR:VALUE, for example 2025:>=46, 2025:<=5 or 2025:7-10."),
               text);
  return FALSE;
}

GArray *
chc_target_spec_parse_list (const char  *text,
                            GError     **error)
{
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (ChcTargetSpec));
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  parts = g_strsplit (text, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      ChcTargetSpec spec;

      if (*skip_spaces (parts[i]) == '\0')
        continue;
      if (!chc_target_spec_parse (parts[i], &spec, error))
        return NULL;
      g_array_append_val (list, spec);
    }
  return g_steal_pointer (&list);
}

/* ---- validation ---------------------------------------------------------- */

static void
validate_bound (ChcIndicatorUnit  unit,
                const char       *field,
                double            value,
                GPtrArray        *violations)
{
  g_autofree char *shown = NULL;
  GString *text;

  if (!isfinite (value))
    {
      chc_violations_add (violations, field, _("Target: the value is not a number."));
      return;
    }

  text = g_string_new (NULL);
  append_number (text, value);
  shown = g_string_free (text, FALSE);

  if (unit == CHC_UNIT_PERCENT && (value < 0 || value > 100))
    chc_violations_add (violations, field,
                        _("Target: a percentage lies between 0 and 100 (%s is not)."), shown);
  else if (unit == CHC_UNIT_COUNT && value < 0)
    chc_violations_add (violations, field,
                        _("Target: a count cannot be negative (%s)."), shown);
}

void
chc_validate_target (ChcIndicatorUnit     unit,
                     const ChcTargetSpec *target,
                     GPtrArray           *violations)
{
  g_return_if_fail (target != NULL);
  g_return_if_fail (violations != NULL);

  if (target->year < 1990 || target->year > 2100)
    chc_violations_add (violations, "year",
                        _("Year: %d is not a plausible year."), target->year);

  validate_bound (unit, "min_value", target->min_value, violations);
  if (target->has_max)
    {
      validate_bound (unit, "max_value", target->max_value, violations);
      if (isfinite (target->min_value) && isfinite (target->max_value) &&
          target->min_value > target->max_value)
        {
          g_autoptr(GString) lo = g_string_new (NULL);
          g_autoptr(GString) hi = g_string_new (NULL);

          append_number (lo, target->min_value);
          append_number (hi, target->max_value);
          chc_violations_add (violations, "max_value",
                              _("Target range: the low end (%s) is above the high end (%s)."),
                              lo->str, hi->str);
        }
    }
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
is_valid_code (const char *code)
{
  for (const char *p = code; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._:-", *p) == NULL)
      return FALSE;
  return TRUE;
}

void
chc_validate_indicator (ChcIndicator              *indicator,
                        const ChcIndicatorContext *context,
                        GPtrArray                 *violations)
{
  const char *code;
  const char *condition;
  ChcIndicatorMethod method;
  ChcIndicatorUnit unit;

  g_return_if_fail (CHC_IS_INDICATOR (indicator));
  g_return_if_fail (context != NULL);
  g_return_if_fail (violations != NULL);

  code = chc_indicator_get_code (indicator);
  if (is_blank (code))
    chc_violations_add (violations, "code", _("Code: must not be empty."));
  else if (!is_valid_code (code))
    chc_violations_add (violations, "code",
                        _("Code: use only letters, digits and . _ : - (for example other.my_indicator)."));
  else if (context->code_taken)
    chc_violations_add (violations, "code",
                        _("Code: “%s” is already used by another indicator of the plan."), code);

  if (is_blank (chc_indicator_get_name_zh (indicator)) &&
      is_blank (chc_indicator_get_name_en (indicator)))
    chc_violations_add (violations, "name", _("Name: give a Chinese or an English name."));

  method = chc_indicator_get_method (indicator);
  unit = chc_indicator_get_unit (indicator);
  condition = chc_indicator_get_condition (indicator);

  if (method != CHC_METHOD_NONE && chc_indicator_get_scope (indicator) == 0)
    chc_violations_add (violations, "scope",
                        _("Facility types: choose at least one type of facility to count."));

  switch (method)
    {
    case CHC_METHOD_SHARE:
    case CHC_METHOD_TOWN_SHARE:
    case CHC_METHOD_COUNT:
      if (is_blank (condition))
        chc_violations_add (violations, "condition",
                            _("Condition: choose what a facility must satisfy to be counted."));
      if (method == CHC_METHOD_COUNT && unit != CHC_UNIT_COUNT)
        chc_violations_add (violations, "unit", _("Unit: a number of facilities is a count."));
      else if (method != CHC_METHOD_COUNT && unit != CHC_UNIT_PERCENT)
        chc_violations_add (violations, "unit", _("Unit: a share is a percentage."));
      break;
    case CHC_METHOD_RATIO:
      {
        g_autofree char *num = NULL;
        g_autofree char *den = NULL;

        if (!chc_ratio_split (condition, &num, &den))
          chc_violations_add (violations, "condition",
                              _("Condition: a ratio needs two figures, written numerator/denominator."));
        if (unit == CHC_UNIT_COUNT && den != NULL)
          chc_violations_add (violations, "unit", _("Unit: a ratio is a percentage or a number."));
      }
      break;
    case CHC_METHOD_NONE:
    default:
      break;
    }
}
