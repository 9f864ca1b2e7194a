/* chc-signing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-signing"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-signing.h"
#include "chc-element.h"
#include "chc-validate.h"

G_DEFINE_QUARK (chc-signing-error-quark, chc_signing_error)

/* The figures are the data elements of the signing family
 * (data/elements.ini), in the order of ChcSigningFigure. */
static ChcElement *
figure_element (ChcSigningFigure figure)
{
  static GPtrArray *family;

  if (g_once_init_enter (&family))
    {
      GPtrArray *elements = chc_elements_list_family ("signing");

      g_assert (elements->len == CHC_SIGNING_N_FIGURES);
      g_once_init_leave (&family, elements);
    }
  return g_ptr_array_index (family, figure);
}

static const struct {
  const char       *field;
  const char       *label;
} rate_info[CHC_SIGNING_N_RATES] = {
  { "coverage", N_("Coverage") },
  { "key_coverage", N_("Key-population coverage") },
  { "online_share", N_("Online share") },
  { "compliance", N_("Community-visit compliance") },
};

/* ---- figures ---------------------------------------------------------- */

const char *
chc_signing_figure_to_field (ChcSigningFigure figure)
{
  g_return_val_if_fail ((guint) figure < CHC_SIGNING_N_FIGURES, NULL);
  return figure_element (figure)->column;
}

gboolean
chc_signing_figure_from_field (const char       *field,
                               ChcSigningFigure *figure)
{
  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    if (g_strcmp0 (field, figure_element (f)->column) == 0)
      {
        if (figure != NULL)
          *figure = f;
        return TRUE;
      }
  return FALSE;
}

const char *
chc_signing_figure_to_label (ChcSigningFigure figure)
{
  g_return_val_if_fail ((guint) figure < CHC_SIGNING_N_FIGURES, NULL);
  return chc_element_get_label (figure_element (figure));
}

gboolean
chc_signing_figure_is_required (ChcSigningFigure figure)
{
  g_return_val_if_fail ((guint) figure < CHC_SIGNING_N_FIGURES, FALSE);
  return figure_element (figure)->required;
}

static gboolean
is_separator (gunichar c)
{
  return c == ',' || c == 0xFF0C /* ， */ || c == '\'' || c == 0x2019 ||
         c == ' ' || c == 0x00A0 || c == 0x202F || c == 0x3000;
}

static int
digit_value (gunichar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 0xFF10 && c <= 0xFF19)   /* full-width ０–９ */
    return c - 0xFF10;
  return -1;
}

gboolean
chc_signing_parse_figure (ChcSigningFigure   figure,
                          const char        *text,
                          gint64            *value,
                          char             **message)
{
  g_autofree char *copy = NULL;
  const char *label;
  const char *p;
  guint64 number = 0;
  gboolean negative = FALSE;
  gboolean any_digit = FALSE;
  gboolean fraction = FALSE;
  gboolean fraction_nonzero = FALSE;

  g_return_val_if_fail ((guint) figure < CHC_SIGNING_N_FIGURES, FALSE);

  label = chc_signing_figure_to_label (figure);
  copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (!g_utf8_validate (copy, -1, NULL))
    {
      if (message != NULL)
        *message = g_strdup_printf (_("%s: the text is not valid UTF-8."), label);
      return FALSE;
    }

  /* Spaces g_strstrip() does not know (ideographic, no-break). */
  p = copy;
  while (*p && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  if (*p == '\0')
    {
      /* data/elements.ini: "missing=zero" for the optional figures */
      if (!figure_element (figure)->missing_is_zero)
        {
          if (message != NULL)
            *message = g_strdup_printf (_("%s: enter a number."), label);
          return FALSE;
        }
      if (value != NULL)
        *value = 0;
      return TRUE;
    }

  if (*p == '-' || g_utf8_get_char (p) == 0x2212 || g_utf8_get_char (p) == 0xFF0D)
    {
      negative = TRUE;
      p = g_utf8_next_char (p);
    }
  else if (*p == '+')
    p++;

  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int d = digit_value (c);

      if (d >= 0)
        {
          any_digit = TRUE;
          if (fraction)
            {
              fraction_nonzero |= d != 0;
              continue;
            }
          if (number > (G_MAXINT64 - (guint64) d) / 10)
            {
              if (message != NULL)
                *message = g_strdup_printf (_("%s: “%s” is too large."), label, copy);
              return FALSE;
            }
          number = number * 10 + (guint64) d;
        }
      else if (!fraction && (c == '.' || c == 0xFF0E))
        fraction = TRUE;
      else if (!fraction && is_separator (c))
        continue;
      else
        {
          if (message != NULL)
            *message = g_strdup_printf (_("%s: “%s” is not a number."), label, copy);
          return FALSE;
        }
    }

  if (!any_digit)
    {
      if (message != NULL)
        *message = g_strdup_printf (_("%s: “%s” is not a number."), label, copy);
      return FALSE;
    }
  if (fraction_nonzero)
    {
      if (message != NULL)
        *message = g_strdup_printf (_("%s: must be a whole number (not %s)."), label, copy);
      return FALSE;
    }
  if (negative && number != 0)
    {
      if (message != NULL)
        *message = g_strdup_printf (_("%s: must be 0 or more (not %s)."), label, copy);
      return FALSE;
    }

  if (value != NULL)
    *value = (gint64) number;
  return TRUE;
}

char *
chc_signing_format_count (gint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                             value < 0 ? (guint64) 0 - (guint64) value
                                                       : (guint64) value);
  GString *text = g_string_new (value < 0 ? "-" : "");
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

/* ---- rates ------------------------------------------------------------ */

const char *
chc_signing_rate_to_field (ChcSigningRate rate)
{
  g_return_val_if_fail ((guint) rate < CHC_SIGNING_N_RATES, NULL);
  return rate_info[rate].field;
}

const char *
chc_signing_rate_to_label (ChcSigningRate rate)
{
  g_return_val_if_fail ((guint) rate < CHC_SIGNING_N_RATES, NULL);
  return _(rate_info[rate].label);
}

static char *
format_percent_value (double fraction)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", fraction * 100.0));
}

char *
chc_signing_format_rate (const ChcSigningFigures *figures,
                         ChcSigningRate           rate)
{
  double value;

  if (!chc_signing_figures_rate (figures, rate, &value))
    return NULL;
  return format_percent_value (value);
}

char *
chc_signing_format_percent (const ChcSigningFigures *figures,
                            ChcSigningRate           rate)
{
  g_autofree char *number = chc_signing_format_rate (figures, rate);

  if (number == NULL)
    return g_strdup ("–");
  return g_strdup_printf ("%s%%", number);
}

/* ---- sums ------------------------------------------------------------- */

void
chc_signing_figures_add (ChcSigningFigures       *total,
                         const ChcSigningFigures *figures)
{
  g_return_if_fail (total != NULL);
  g_return_if_fail (figures != NULL);

  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    total->value[f] += figures->value[f];
}

guint
chc_signing_sum_records (GPtrArray         *records,
                         gint64             town_id,
                         ChcSigningFigures *total)
{
  guint n = 0;

  g_return_val_if_fail (records != NULL, 0);
  g_return_val_if_fail (total != NULL, 0);

  memset (total, 0, sizeof *total);
  for (guint i = 0; i < records->len; i++)
    {
      ChcSigningRecord *record = g_ptr_array_index (records, i);
      ChcSigningFigures figures;

      if (town_id != 0 && chc_signing_record_get_town_id (record) != town_id)
        continue;
      chc_signing_record_get_figures (record, &figures);
      chc_signing_figures_add (total, &figures);
      n++;
    }
  return n;
}

static int
compare_total_period (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (((const ChcSigningTotal *) a)->period,
                 ((const ChcSigningTotal *) b)->period);
}

GArray *
chc_signing_totals_by_period (GPtrArray *records)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *totals = g_array_new (FALSE, TRUE, sizeof (ChcSigningTotal));

  g_return_val_if_fail (records != NULL, totals);

  for (guint i = 0; i < records->len; i++)
    {
      ChcSigningRecord *record = g_ptr_array_index (records, i);
      const char *period = chc_signing_record_get_period (record);
      ChcSigningFigures figures;
      ChcSigningTotal *total;
      gpointer pos;

      if (period == NULL || strlen (period) != 7)
        continue;
      if (!g_hash_table_lookup_extended (index, period, NULL, &pos))
        {
          ChcSigningTotal empty = { { 0 } };

          memcpy (empty.period, period, 8);
          g_array_append_val (totals, empty);
          pos = GUINT_TO_POINTER (totals->len - 1);
          /* The key lives as long as the record, which outlives this loop. */
          g_hash_table_insert (index, (gpointer) period, pos);
        }
      total = &g_array_index (totals, ChcSigningTotal, GPOINTER_TO_UINT (pos));
      chc_signing_record_get_figures (record, &figures);
      chc_signing_figures_add (&total->figures, &figures);
      total->n_records++;
    }

  g_array_sort (totals, compare_total_period);
  return totals;
}

GArray *
chc_signing_totals_by_town (GPtrArray *records)
{
  GArray *totals = g_array_new (FALSE, TRUE, sizeof (ChcSigningTotal));

  g_return_val_if_fail (records != NULL, totals);

  for (guint i = 0; i < records->len; i++)
    {
      ChcSigningRecord *record = g_ptr_array_index (records, i);
      gint64 town_id = chc_signing_record_get_town_id (record);
      ChcSigningFigures figures;
      ChcSigningTotal *total = NULL;

      for (guint t = 0; t < totals->len && total == NULL; t++)
        if (g_array_index (totals, ChcSigningTotal, t).town_id == town_id)
          total = &g_array_index (totals, ChcSigningTotal, t);
      if (total == NULL)
        {
          ChcSigningTotal empty = { { 0 } };

          empty.town_id = town_id;
          g_array_append_val (totals, empty);
          total = &g_array_index (totals, ChcSigningTotal, totals->len - 1);
        }
      chc_signing_record_get_figures (record, &figures);
      chc_signing_figures_add (&total->figures, &figures);
      total->n_records++;
    }
  return totals;
}

/* ---- periods ---------------------------------------------------------- */

gboolean
chc_signing_period_parse (const char *period,
                          int        *year,
                          int        *month)
{
  int y, m;

  if (period == NULL || strlen (period) != 7 || period[4] != '-')
    return FALSE;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (period[i]))
      return FALSE;

  y = (period[0] - '0') * 1000 + (period[1] - '0') * 100 +
      (period[2] - '0') * 10 + (period[3] - '0');
  m = (period[5] - '0') * 10 + (period[6] - '0');
  if (y < 1900 || m < 1 || m > 12)
    return FALSE;

  if (year != NULL)
    *year = y;
  if (month != NULL)
    *month = m;
  return TRUE;
}

char *
chc_signing_period_format (int year,
                           int month)
{
  g_return_val_if_fail (year >= 1900 && year <= 9999, NULL);
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  return g_strdup_printf ("%04d-%02d", year, month);
}

char *
chc_signing_period_add (const char *period,
                        int         months)
{
  int year, month, index;

  if (!chc_signing_period_parse (period, &year, &month))
    return NULL;
  index = year * 12 + (month - 1) + months;
  if (index < 1900 * 12 || index > 9999 * 12 + 11)
    return NULL;
  return chc_signing_period_format (index / 12, index % 12 + 1);
}

int
chc_signing_period_diff (const char *from,
                         const char *to)
{
  int y1, m1, y2, m2;

  g_return_val_if_fail (chc_signing_period_parse (from, &y1, &m1), 0);
  g_return_val_if_fail (chc_signing_period_parse (to, &y2, &m2), 0);

  return (y2 * 12 + m2) - (y1 * 12 + m1);
}

char *
chc_signing_period_current (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return chc_signing_period_format (g_date_time_get_year (now),
                                    g_date_time_get_month (now));
}

/* ---- rules ------------------------------------------------------------ */

/* TRUE when @part > @whole (both ≥ 0); sets the two numbers, formatted. */
/* "resident population" from "Resident population" (a Chinese name is
 * left as it is). */
static char *
lower_first (const char *label)
{
  gunichar c = g_utf8_get_char (label);
  char first[8] = { 0 };

  if (!g_unichar_isupper (c))
    return g_strdup (label);
  g_unichar_to_utf8 (g_unichar_tolower (c), first);
  return g_strconcat (first, g_utf8_next_char (label), NULL);
}

static gboolean
breaks_not_more (const ChcSigningFigures  *figures,
                 ChcSigningFigure          part,
                 ChcSigningFigure          whole,
                 char                    **part_text,
                 char                    **whole_text)
{
  gint64 a = figures->value[part];
  gint64 b = figures->value[whole];

  if (a < 0 || b < 0 || a <= b)
    return FALSE;
  *part_text = chc_signing_format_count (a);
  *whole_text = chc_signing_format_count (b);
  return TRUE;
}

void
chc_signing_check (const ChcSigningFigures *figures,
                   GPtrArray               *violations)
{
  g_return_if_fail (figures != NULL);
  g_return_if_fail (violations != NULL);

  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    if (figures->value[f] < 0)
      {
        g_autofree char *number = chc_signing_format_count (figures->value[f]);

        chc_violations_add (violations, chc_signing_figure_to_field (f),
                            _("%s: must be 0 or more (not %s)."),
                            chc_signing_figure_to_label (f), number);
      }

  /* the cross-field rules are the declarations' at_most
   * (data/elements.ini) */
  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    {
      ChcSigningFigure whole;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autofree char *bound = NULL;

      if (figure_element (f)->at_most == NULL ||
          !chc_signing_figure_from_field (figure_element (f)->at_most, &whole) ||
          !breaks_not_more (figures, f, whole, &a, &b))
        continue;
      bound = lower_first (chc_signing_figure_to_label (whole));
      /* TRANSLATORS: "Signed residents: 1,001 is more than the resident population (1,000)." */
      chc_violations_add (violations, chc_signing_figure_to_field (f),
                          _("%s: %s is more than the %s (%s)."),
                          chc_signing_figure_to_label (f), a, bound, b);
    }
}

/* ---- warnings --------------------------------------------------------- */

/* |a/b − c/d| > 1/k, exactly when the numbers allow it (b, d > 0;
 * a, c ≥ 0). */
static gboolean
fractions_differ_by_more (gint64 a,
                          gint64 b,
                          gint64 c,
                          gint64 d,
                          gint64 k)
{
  long double approx;

#ifdef __SIZEOF_INT128__
  /* Below 2^56 the products fit in 128 bits with room for k. */
  if (((a | b | c | d) >> 56) == 0)
    {
      __int128 diff = (__int128) a * d - (__int128) c * b;

      if (diff < 0)
        diff = -diff;
      return diff * k > (__int128) b * d;
    }
#endif

  approx = (long double) a / b - (long double) c / d;
  if (approx < 0)
    approx = -approx;
  return approx * k > 1.0L;
}

static void
warn_moves (const ChcSigningFigures *from,
            const char              *from_period,
            const ChcSigningFigures *to,
            const char              *to_period,
            GPtrArray               *warnings)
{
  gint64 p0 = from->value[CHC_SIGNING_RESIDENT_POPULATION];
  gint64 s0 = from->value[CHC_SIGNING_SIGNED_RESIDENTS];
  gint64 p1 = to->value[CHC_SIGNING_RESIDENT_POPULATION];
  gint64 s1 = to->value[CHC_SIGNING_SIGNED_RESIDENTS];

  if (p0 > 0 && p1 > 0 && s0 >= 0 && s1 >= 0 &&
      fractions_differ_by_more (s1, p1, s0, p0, 20))
    {
      g_autofree char *c0 = format_percent_value ((double) s0 / (double) p0);
      g_autofree char *c1 = format_percent_value ((double) s1 / (double) p1);

      chc_violations_add (warnings, "signed_residents",
                          _("Coverage moves from %s%% in %s to %s%% in %s, more than 5 percentage points."),
                          c0, from_period, c1, to_period);
    }

  /* |p1 − p0| > p0 / 10 */
  if (p0 > 0 && p1 >= 0 && fractions_differ_by_more (p1, p0, 1, 1, 10))
    {
      g_autofree char *n0 = chc_signing_format_count (p0);
      g_autofree char *n1 = chc_signing_format_count (p1);

      chc_violations_add (warnings, "resident_population",
                          _("Resident population moves from %s in %s to %s in %s, more than 10%%."),
                          n0, from_period, n1, to_period);
    }
}

void
chc_signing_warn (const ChcSigningFigures *figures,
                  const char              *period,
                  const ChcSigningFigures *previous,
                  const char              *previous_period,
                  GPtrArray               *warnings)
{
  int gap;

  g_return_if_fail (figures != NULL);
  g_return_if_fail (warnings != NULL);

  if (previous == NULL)
    return;
  g_return_if_fail (chc_signing_period_parse (period, NULL, NULL));
  g_return_if_fail (chc_signing_period_parse (previous_period, NULL, NULL));

  gap = chc_signing_period_diff (previous_period, period);
  if (gap == 2)
    {
      g_autofree char *missing = chc_signing_period_add (previous_period, 1);

      chc_violations_add (warnings, "period",
                          _("No figures for %s: the previous figures are from %s."),
                          missing, previous_period);
    }
  else if (gap > 2)
    {
      g_autofree char *first = chc_signing_period_add (previous_period, 1);
      g_autofree char *last = chc_signing_period_add (period, -1);

      chc_violations_add (warnings, "period",
                          _("No figures for %s to %s: the previous figures are from %s."),
                          first, last, previous_period);
    }

  warn_moves (previous, previous_period, figures, period, warnings);
}

void
chc_signing_warn_next (const ChcSigningFigures *figures,
                       const char              *period,
                       const ChcSigningFigures *next,
                       const char              *next_period,
                       GPtrArray               *warnings)
{
  g_return_if_fail (figures != NULL);
  g_return_if_fail (warnings != NULL);

  if (next == NULL)
    return;
  warn_moves (figures, period, next, next_period, warnings);
}

void
chc_signing_check_record (ChcSigningRecord *record,
                          GPtrArray        *violations)
{
  ChcSigningFigures figures;

  g_return_if_fail (CHC_IS_SIGNING_RECORD (record));

  chc_signing_record_get_figures (record, &figures);
  chc_signing_check (&figures, violations);
}

void
chc_signing_warn_record (ChcSigningRecord *record,
                         ChcSigningRecord *previous,
                         GPtrArray        *warnings)
{
  ChcSigningFigures figures, before;

  g_return_if_fail (CHC_IS_SIGNING_RECORD (record));
  g_return_if_fail (previous == NULL || CHC_IS_SIGNING_RECORD (previous));

  if (previous == NULL)
    return;
  chc_signing_record_get_figures (record, &figures);
  chc_signing_record_get_figures (previous, &before);
  chc_signing_warn (&figures, chc_signing_record_get_period (record),
                    &before, chc_signing_record_get_period (previous),
                    warnings);
}

/* ---- targets ---------------------------------------------------------- */

/* A fallback for the plan's targets (issue 3): the seeds, DOMAIN.md. */
static const struct {
  const char     *district_en;
  const char     *district;
  int             year;
  ChcSigningRate  rate;
  double          target;
} seed_targets[] = {
  { "Qingpu", "青浦区", 2023, CHC_SIGNING_COVERAGE, 0.43 },
  { "Qingpu", "青浦区", 2024, CHC_SIGNING_COVERAGE, 0.45 },
  { "Qingpu", "青浦区", 2025, CHC_SIGNING_COVERAGE, 0.46 },
  { "Qingpu", "青浦区", 2024, CHC_SIGNING_COMPLIANCE, 0.85 },
  { "Changning", "长宁区", 2025, CHC_SIGNING_COVERAGE, 0.48 },
  { "Changning", "长宁区", 2025, CHC_SIGNING_KEY_COVERAGE, 0.80 },
  { "Songjiang", "松江区", 2025, CHC_SIGNING_COVERAGE, 0.45 },
};

gboolean
chc_signing_seed_target (const char     *district,
                         int             year,
                         ChcSigningRate  rate,
                         double         *target)
{
  for (guint i = 0; i < G_N_ELEMENTS (seed_targets); i++)
    {
      if (seed_targets[i].year != year || seed_targets[i].rate != rate)
        continue;
      if (g_ascii_strcasecmp (district ? district : "", seed_targets[i].district_en) != 0 &&
          g_strcmp0 (district, seed_targets[i].district) != 0)
        continue;
      if (target != NULL)
        *target = seed_targets[i].target;
      return TRUE;
    }
  return FALSE;
}
