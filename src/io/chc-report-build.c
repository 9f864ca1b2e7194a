/* chc-report-build.c — the content of a bulletin: gathers a district's
 * figures for a period from the store and turns them into report blocks.
 *
 * The data of each section is first gathered into plain rows
 * (chc-report-sections.h), then laid out by one function per section, so
 * the sections are tested without a database and a source that has no
 * figures for the period says so instead of printing anything invented.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-report"

#include <errno.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-report-private.h"
#include "store/chc-database-bulletins.h"
#include "core/chc-date.h"
#include "core/chc-indicator.h"
#include "core/chc-project.h"
#include "core/chc-reporting.h"
#include "store/chc-database-reporting.h"
#include "core/chc-signing.h"
#include "store/chc-database-signing.h"
#include "core/chc-tcm.h"
#include "store/chc-database-plans.h"
#include "store/chc-database-projects.h"
#include "store/chc-database-tcm.h"

/* ---- rows --------------------------------------------------------------- */

ChcReportIndicatorRow *
chc_report_indicator_row_new (const char      *name,
                              const char      *value,
                              const char      *target,
                              ChcReportTargetStatus  status)
{
  ChcReportIndicatorRow *row = g_new0 (ChcReportIndicatorRow, 1);

  row->name = g_strdup (name);
  row->value = g_strdup (value);
  row->target = g_strdup (target);
  row->status = status;
  return row;
}

void
chc_report_indicator_row_free (ChcReportIndicatorRow *row)
{
  if (row == NULL)
    return;
  g_free (row->name);
  g_free (row->name_zh);
  g_free (row->source);
  g_free (row->value);
  g_free (row->target);
  g_free (row);
}

ChcReportSigningRow *
chc_report_signing_row_new (gint64      facility_id,
                            const char *centre)
{
  ChcReportSigningRow *row = g_new0 (ChcReportSigningRow, 1);

  row->facility_id = facility_id;
  row->centre = g_strdup (centre);
  row->coverage = -1;
  row->change = NAN;
  row->key_coverage = -1;
  row->compliance = -1;
  row->reported = TRUE;
  return row;
}

void
chc_report_signing_row_free (ChcReportSigningRow *row)
{
  if (row == NULL)
    return;
  g_free (row->centre);
  g_free (row);
}

ChcReportTcmRow *
chc_report_tcm_row_new (gint64      facility_id,
                        const char *facility,
                        const char *site,
                        const char *specialty,
                        const char *demonstration)
{
  ChcReportTcmRow *row = g_new0 (ChcReportTcmRow, 1);

  row->facility_id = facility_id;
  row->facility = g_strdup (facility);
  row->site = g_strdup (site);
  row->specialty = g_strdup (specialty);
  row->demonstration = g_strdup (demonstration);
  return row;
}

void
chc_report_tcm_row_free (ChcReportTcmRow *row)
{
  if (row == NULL)
    return;
  g_free (row->facility);
  g_free (row->site);
  g_free (row->specialty);
  g_free (row->demonstration);
  g_free (row);
}

ChcReportTownRow *
chc_report_town_row_new (const char *town,
                         const char *missing)
{
  ChcReportTownRow *row = g_new0 (ChcReportTownRow, 1);

  row->town = g_strdup (town);
  row->missing = g_strdup (missing);
  return row;
}

void
chc_report_town_row_free (ChcReportTownRow *row)
{
  if (row == NULL)
    return;
  g_free (row->town);
  g_free (row->missing);
  g_free (row);
}

ChcReportProjectRow *
chc_report_project_row_new (gint64      facility_id,
                            const char *project,
                            const char *kind,
                            const char *stage,
                            int         late_days)
{
  ChcReportProjectRow *row = g_new0 (ChcReportProjectRow, 1);

  row->facility_id = facility_id;
  row->project = g_strdup (project);
  row->kind = g_strdup (kind);
  row->stage = g_strdup (stage);
  row->late_days = late_days;
  return row;
}

void
chc_report_project_row_free (ChcReportProjectRow *row)
{
  if (row == NULL)
    return;
  g_free (row->project);
  g_free (row->kind);
  g_free (row->stage);
  g_free (row);
}

const char *
chc_report_status_to_string (ChcReportTargetStatus status)
{
  switch (status)
    {
    case CHC_REPORT_STATUS_MET: return _("Met");
    case CHC_REPORT_STATUS_CLOSE: return _("Close to target");
    case CHC_REPORT_STATUS_BEHIND: return _("Behind target");
    case CHC_REPORT_STATUS_NO_TARGET: return _("No target");
    case CHC_REPORT_STATUS_NO_DATA:
    default: return _("No data");
    }
}

ChcReportColour
chc_report_status_colour (ChcReportTargetStatus status)
{
  switch (status)
    {
    case CHC_REPORT_STATUS_MET: return CHC_REPORT_COLOUR_GREEN;
    case CHC_REPORT_STATUS_CLOSE: return CHC_REPORT_COLOUR_AMBER;
    case CHC_REPORT_STATUS_BEHIND: return CHC_REPORT_COLOUR_RED;
    case CHC_REPORT_STATUS_NO_DATA: return CHC_REPORT_COLOUR_GREY;
    case CHC_REPORT_STATUS_NO_TARGET:
    default: return CHC_REPORT_COLOUR_NONE;
    }
}

/* ---- sections ------------------------------------------------------------- */

/* The same pointers, not owned (g_ptr_array_copy() would keep the free
 * function of @rows). */
static GPtrArray *
shallow_copy (GPtrArray *rows)
{
  GPtrArray *copy = g_ptr_array_sized_new (rows->len);

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (rows, i));
  return copy;
}

static void
add_no_data (ChcReport *report)
{
  chc_report_add_paragraph (report, _("No data for this period."));
}

static char *
percent_or_dash (double value)
{
  return value >= 0 ? g_strdup_printf ("%.1f%%", value) : g_strdup ("—");
}

void
chc_report_add_indicator_section (ChcReport  *report,
                                  const char *heading,
                                  GPtrArray  *rows)
{
  ChcReportTable *table;
  gboolean with_source = FALSE;

  if (heading != NULL)
    chc_report_add_heading (report, heading);
  if (rows == NULL || rows->len == 0)
    {
      add_no_data (report);
      return;
    }

  /* where each indicator comes from, when the plan says (issue 14) */
  for (guint i = 0; i < rows->len; i++)
    with_source |= ((ChcReportIndicatorRow *) g_ptr_array_index (rows, i))->source != NULL;

  table = chc_report_table_new (with_source ? 6 : 5);
  chc_report_table_set_column (table, 0, _("No."), 0.5, CHC_REPORT_ALIGN_END);
  chc_report_table_set_column (table, 1, _("Indicator"), with_source ? 3.2 : 4.2, CHC_REPORT_ALIGN_START);
  chc_report_table_set_column (table, 2, _("Value"), 1.2, CHC_REPORT_ALIGN_END);
  chc_report_table_set_column (table, 3, _("Target"), 1.2, CHC_REPORT_ALIGN_END);
  chc_report_table_set_column (table, 4, _("Status"), 1.4, CHC_REPORT_ALIGN_CENTER);
  if (with_source)
    chc_report_table_set_column (table, 5, _("Source"), 2.2, CHC_REPORT_ALIGN_START);
  for (guint i = 0; i < rows->len; i++)
    {
      ChcReportIndicatorRow *row = g_ptr_array_index (rows, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      guint r = chc_report_table_append (table, (const char *[]) {
                                           number, row->name,
                                           row->value ? row->value : "—",
                                           row->target ? row->target : "—",
                                           chc_report_status_to_string (row->status),
                                           row->source ? row->source : "—" });

      chc_report_table_set_cell_style (table, r, 4, chc_report_status_colour (row->status),
                                       row->status == CHC_REPORT_STATUS_BEHIND
                                       ? CHC_REPORT_CELL_BOLD : CHC_REPORT_CELL_PLAIN);
    }
  chc_report_add_table (report, table);
}

/* Signing rows by coverage, best first, then by name: the ranking of the
 * tables and of the drafted text. */
int
chc_report_compare_signing (gconstpointer a,
                            gconstpointer b)
{
  const ChcReportSigningRow *ra = *(ChcReportSigningRow **) a;
  const ChcReportSigningRow *rb = *(ChcReportSigningRow **) b;

  if (ra->coverage != rb->coverage)
    return ra->coverage > rb->coverage ? -1 : 1;
  return g_strcmp0 (ra->centre, rb->centre);
}

/* Whether @row takes a place in the ranking: a centre (not a branch on
 * its own line) that reported, with a coverage. */
gboolean
chc_report_signing_row_ranked (const ChcReportSigningRow *row)
{
  return row->reported && row->parent_id <= 0 && row->coverage >= 0;
}

static gboolean
signing_has_data (GPtrArray *rows)
{
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      ChcReportSigningRow *row = g_ptr_array_index (rows, i);

      if (row->reported && row->coverage >= 0)
        return TRUE;
    }
  return FALSE;
}

/* The ranked rows by coverage, best first, then the others in their own
 * order (未报 centres, each followed by its branches on their own lines). */
static GPtrArray *
signing_in_order (GPtrArray *rows)
{
  GPtrArray *sorted = g_ptr_array_sized_new (rows->len);

  for (guint i = 0; i < rows->len; i++)
    if (chc_report_signing_row_ranked (g_ptr_array_index (rows, i)))
      g_ptr_array_add (sorted, g_ptr_array_index (rows, i));
  g_ptr_array_sort (sorted, chc_report_compare_signing);
  for (guint i = 0; i < rows->len; i++)
    if (!chc_report_signing_row_ranked (g_ptr_array_index (rows, i)))
      g_ptr_array_add (sorted, g_ptr_array_index (rows, i));
  return sorted;
}

char *
chc_report_signing_reported_note (GPtrArray *rows)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n = 0, reported = 0;

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      ChcReportSigningRow *row = g_ptr_array_index (rows, i);

      if (row->parent_id > 0)
        continue;
      n++;
      if (row->reported)
        reported++;
      else
        {
          if (missing->len > 0)
            g_string_append (missing, "、");
          g_string_append (missing, row->centre);
        }
    }
  if (n == 0)
    return NULL;
  if (reported == n)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The %u centre reported.",
                                         "All %u centres reported.", n), n);
  /* Translators: centres expected, centres that reported, the names of
   * those that have not (未报). */
  return g_strdup_printf (_("Of %u centres, %u reported; not reported: %s. "
                            "A centre that has not reported is not ranked."),
                          n, reported, missing->str);
}

void
chc_report_add_signing_section (ChcReport  *report,
                                const char *heading,
                                GPtrArray  *rows,
                                double      target)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autofree char *reported_note = NULL;
  ChcReportTable *table;
  guint below = 0;
  guint with_branches = 0;
  guint on_their_own = 0;
  guint ranked = 0;
  int rank = 0;
  double last = -2;

  if (heading != NULL)
    chc_report_add_heading (report, heading);
  if (!signing_has_data (rows))
    {
      add_no_data (report);
      return;
    }

  sorted = signing_in_order (rows);

  table = chc_report_table_new (7);
  chc_report_table_set_column (table, 0, _("Rank"), 0.6, CHC_REPORT_ALIGN_END);
  chc_report_table_set_column (table, 1, _("Centre"), 2.5, CHC_REPORT_ALIGN_START);
  chc_report_table_set_column (table, 2, _("Signing coverage"), 1.1, CHC_REPORT_ALIGN_END);
  /* The unit is in the heading, so a change never wraps inside it. */
  chc_report_table_set_column (table, 3, _("Change (percentage points)"), 1.2, CHC_REPORT_ALIGN_END);
  chc_report_table_set_column (table, 4, _("Key-population coverage"), 1.3, CHC_REPORT_ALIGN_END);
  chc_report_table_set_column (table, 5, _("Community-visit compliance"), 1.35, CHC_REPORT_ALIGN_END);
  chc_report_table_set_column (table, 6, _("Against target"), 1.4, CHC_REPORT_ALIGN_CENTER);

  for (guint i = 0; i < sorted->len; i++)
    {
      ChcReportSigningRow *row = g_ptr_array_index (sorted, i);
      g_autofree char *rank_text = NULL;
      g_autofree char *coverage = NULL;
      g_autofree char *change = NULL;
      g_autofree char *key = NULL;
      g_autofree char *compliance = NULL;
      const char *mark = "—";
      gboolean is_below = FALSE;
      gboolean is_ranked = chc_report_signing_row_ranked (row);
      g_autofree char *centre_text = NULL;
      guint r;

      if (!row->reported)
        {
          coverage = g_strdup (_("Not reported"));
          key = g_strdup (_("Not reported"));
          compliance = g_strdup (_("Not reported"));
          mark = _("Not reported");
        }
      else
        {
          coverage = percent_or_dash (row->coverage);
          key = percent_or_dash (row->key_coverage);
          compliance = percent_or_dash (row->compliance);
        }
      if (is_ranked)
        {
          /* Equal coverage, equal rank. */
          ranked++;
          if (row->coverage != last)
            rank = (int) ranked;
          last = row->coverage;
          rank_text = g_strdup_printf ("%d", rank);
        }
      if (row->reported && !isnan (row->change))
        change = g_strdup_printf ("%+.1f", row->change);
      if (is_ranked && target >= 0)
        {
          is_below = row->coverage < target;
          mark = is_below ? _("▼ Below target") : _("Met");
        }
      if (row->parent_id > 0)
        {
          centre_text = g_strconcat ("　", row->centre, "†", NULL);
          on_their_own++;
        }
      else if (row->n_branches > 0)
        {
          centre_text = g_strconcat (row->centre, "*", NULL);
          with_branches++;
        }
      r = chc_report_table_append (table, (const char *[]) {
                                     rank_text ? rank_text : "—", centre_text ? centre_text : row->centre, coverage,
                                     change ? change : "—", key, compliance, mark });
      if (is_below)
        {
          below++;
          chc_report_table_set_cell_style (table, r, 1, CHC_REPORT_COLOUR_NONE, CHC_REPORT_CELL_ALERT);
          chc_report_table_set_cell_style (table, r, 2, CHC_REPORT_COLOUR_RED, CHC_REPORT_CELL_BOLD);
          chc_report_table_set_cell_style (table, r, 6, CHC_REPORT_COLOUR_RED, CHC_REPORT_CELL_BOLD);
        }
      else if (is_ranked && target >= 0)
        chc_report_table_set_cell_style (table, r, 6, CHC_REPORT_COLOUR_GREEN, CHC_REPORT_CELL_PLAIN);
      else if (!is_ranked)
        chc_report_table_set_row_style (table, r, CHC_REPORT_COLOUR_GREY, CHC_REPORT_CELL_PLAIN);
    }

  if (target >= 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Target for signing coverage: %.1f%%. %u centre is below it (marked ▼).",
                                      "Target for signing coverage: %.1f%%. %u centres are below it (marked ▼).",
                                      below),
                         target, below);
      chc_report_add_paragraph (report, text);
    }
  else
    chc_report_add_paragraph (report, _("The plan sets no signing coverage target for this period."));
  reported_note = chc_report_signing_reported_note (rows);
  if (reported_note != NULL)
    chc_report_add_paragraph (report, reported_note);
  chc_report_add_table (report, table);
  if (with_branches > 0)
    chc_report_add_paragraph (report, _("* The figures of this centre include those of its branch centres."));
  if (on_their_own > 0)
    chc_report_add_paragraph (report, _("† A branch centre whose centre has not reported: shown on its own line, "
                                        "neither ranked nor counted as its centre’s figures."));
}

void
chc_report_add_signing_chart (ChcReport  *report,
                              const char *heading,
                              GPtrArray  *rows,
                              double      target)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autofree const char **labels = NULL;
  g_autofree double *values = NULL;
  guint n = 0;

  if (heading != NULL)
    chc_report_add_heading (report, heading);
  if (!signing_has_data (rows))
    {
      add_no_data (report);
      return;
    }
  sorted = shallow_copy (rows);
  g_ptr_array_sort (sorted, chc_report_compare_signing);
  labels = g_new0 (const char *, sorted->len + 1);
  values = g_new0 (double, sorted->len + 1);
  for (guint i = 0; i < sorted->len; i++)
    {
      ChcReportSigningRow *row = g_ptr_array_index (sorted, i);

      if (!chc_report_signing_row_ranked (row))
        continue;
      labels[n] = row->centre;
      values[n] = row->coverage;
      n++;
    }
  chc_report_add_bar_chart (report, _("Family-doctor signing coverage by centre"),
                            labels, values, n, target);
  {
    g_autofree char *note = chc_report_signing_reported_note (rows);

    if (note != NULL)
      chc_report_add_paragraph (report, note);
  }
}

void
chc_report_add_tcm_section (ChcReport  *report,
                            const char *heading,
                            GPtrArray  *rows,
                            GPtrArray  *towns)
{
  if (heading != NULL)
    chc_report_add_heading (report, heading);
  if ((rows == NULL || rows->len == 0) && (towns == NULL || towns->len == 0))
    {
      add_no_data (report);
      return;
    }

  if (rows != NULL && rows->len > 0)
    {
      ChcReportTable *table = chc_report_table_new (4);

      chc_report_table_set_column (table, 0, _("Facility"), 2.6, CHC_REPORT_ALIGN_START);
      chc_report_table_set_column (table, 1, _("TCM hall / corner"), 1.4, CHC_REPORT_ALIGN_CENTER);
      chc_report_table_set_column (table, 2, _("Specialty clinics"), 2.6, CHC_REPORT_ALIGN_START);
      chc_report_table_set_column (table, 3, _("Demonstration"), 1.3, CHC_REPORT_ALIGN_CENTER);
      for (guint i = 0; i < rows->len; i++)
        {
          ChcReportTcmRow *row = g_ptr_array_index (rows, i);

          chc_report_table_append (table, (const char *[]) {
                                     row->facility, row->site ? row->site : "—",
                                     row->specialty && *row->specialty ? row->specialty : "—",
                                     row->demonstration ? row->demonstration : "—" });
        }
      chc_report_add_table (report, table);
    }

  if (towns != NULL && towns->len > 0)
    {
      ChcReportTable *table = chc_report_table_new (2);

      chc_report_add_paragraph (report, _("What each town still lacks:"));
      chc_report_table_set_column (table, 0, _("Town"), 1.5, CHC_REPORT_ALIGN_START);
      chc_report_table_set_column (table, 1, _("Still missing"), 5.0, CHC_REPORT_ALIGN_START);
      for (guint i = 0; i < towns->len; i++)
        {
          ChcReportTownRow *row = g_ptr_array_index (towns, i);
          gboolean done = row->missing == NULL || *row->missing == '\0';
          guint r = chc_report_table_append (table, (const char *[]) {
                                               row->town, done ? _("Nothing: complete") : row->missing });

          chc_report_table_set_cell_style (table, r, 1,
                                           done ? CHC_REPORT_COLOUR_GREEN : CHC_REPORT_COLOUR_AMBER,
                                           CHC_REPORT_CELL_PLAIN);
        }
      chc_report_add_table (report, table);
    }
}

static int
compare_projects (gconstpointer a,
                  gconstpointer b)
{
  const ChcReportProjectRow *ra = *(ChcReportProjectRow **) a;
  const ChcReportProjectRow *rb = *(ChcReportProjectRow **) b;

  if (ra->late_days != rb->late_days)
    return ra->late_days > rb->late_days ? -1 : 1;
  return g_strcmp0 (ra->project, rb->project);
}

void
chc_report_add_construction_section (ChcReport  *report,
                                     const char *heading,
                                     GPtrArray  *rows)
{
  g_autoptr(GPtrArray) sorted = NULL;
  ChcReportTable *table;
  guint late = 0;

  if (heading != NULL)
    chc_report_add_heading (report, heading);
  if (rows == NULL || rows->len == 0)
    {
      add_no_data (report);
      return;
    }

  sorted = shallow_copy (rows);
  g_ptr_array_sort (sorted, compare_projects);
  table = chc_report_table_new (4);
  chc_report_table_set_column (table, 0, _("Project"), 3.6, CHC_REPORT_ALIGN_START);
  chc_report_table_set_column (table, 1, _("Kind"), 1.3, CHC_REPORT_ALIGN_START);
  chc_report_table_set_column (table, 2, _("Stage"), 1.5, CHC_REPORT_ALIGN_START);
  chc_report_table_set_column (table, 3, _("Days late"), 1.0, CHC_REPORT_ALIGN_END);
  for (guint i = 0; i < sorted->len; i++)
    {
      ChcReportProjectRow *row = g_ptr_array_index (sorted, i);
      g_autofree char *days = row->late_days > 0 ? g_strdup_printf ("%d", row->late_days) : g_strdup ("—");
      guint r = chc_report_table_append (table, (const char *[]) { row->project, row->kind, row->stage, days });

      if (row->late_days > 0)
        {
          late++;
          chc_report_table_set_cell_style (table, r, 3, CHC_REPORT_COLOUR_RED, CHC_REPORT_CELL_BOLD);
          chc_report_table_set_cell_style (table, r, 0, CHC_REPORT_COLOUR_NONE, CHC_REPORT_CELL_ALERT);
        }
    }
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u project, %u of them late (listed first).",
                                                          "%u projects, %u of them late (listed first).",
                                                          sorted->len),
                                             sorted->len, late);
    chc_report_add_paragraph (report, text);
  }
  chc_report_add_table (report, table);
}

/* ---- gathering ----------------------------------------------------------------- */

void
chc_report_data_free (ReportData *data)
{
  g_clear_object (&data->district);
  g_clear_pointer (&data->centres, g_ptr_array_unref);
  g_free (data->period);
  g_free (data->period_label);
  g_free (data->period_zh);
  g_free (data->issuer);
  g_free (data->issue_date);
  g_free (data->as_of_date);
  g_free (data->issuing_mark);
  g_free (data->doc_prefix);
  g_free (data->copy_to);
  g_free (data->printer);
  g_free (data->requirements);
  g_clear_pointer (&data->indicators, g_ptr_array_unref);
  g_clear_pointer (&data->signing, g_ptr_array_unref);
  g_free (data->signing_period);
  g_clear_pointer (&data->tcm, g_ptr_array_unref);
  g_clear_pointer (&data->towns, g_ptr_array_unref);
  g_clear_pointer (&data->projects, g_ptr_array_unref);
  g_free (data);
}

/* The bulletin names indicators in the language of the user interface. */
static gboolean
use_chinese (void)
{
  const char *const *languages = g_get_language_names ();

  return languages[0] != NULL && g_str_has_prefix (languages[0], "zh");
}

/* A target figure: "45" rather than "45.0". */
static char *
format_target_value (ChcIndicatorUnit unit,
                     double           value)
{
  if (value == floor (value) && fabs (value) < 1e9)
    return g_strdup_printf ("%.0f", value);
  return chc_format_value (unit, value);
}

static char *
format_target (ChcIndicatorUnit  unit,
               ChcTarget        *target)
{
  ChcTargetSpec spec;
  g_autofree char *low = NULL;
  const char *suffix = unit == CHC_UNIT_PERCENT ? "%" : "";

  chc_target_get_spec (target, &spec);
  low = format_target_value (unit, spec.min_value);
  if (spec.has_max)
    {
      g_autofree char *high = format_target_value (unit, spec.max_value);
      return g_strdup_printf ("%s–%s%s", low, high, suffix);
    }
  return g_strdup_printf ("%s %s%s", chc_target_op_to_symbol (spec.op), low, suffix);
}

/* Behind, but within 2 percentage points (percent) or 10 % of the target. */
static ChcReportTargetStatus
result_status (ChcIndicatorResult *result)
{
  ChcIndicator *indicator = chc_indicator_result_get_indicator (result);
  ChcTarget *target = chc_indicator_result_get_target (result);
  ChcTargetSpec spec;
  double value, gap;

  switch (chc_indicator_result_get_status (result))
    {
    case CHC_STATUS_MET: return CHC_REPORT_STATUS_MET;
    case CHC_STATUS_NO_TARGET: return CHC_REPORT_STATUS_NO_TARGET;
    case CHC_STATUS_NO_DATA: return CHC_REPORT_STATUS_NO_DATA;
    case CHC_STATUS_BEHIND:
    default:
      break;
    }
  if (target == NULL)
    return CHC_REPORT_STATUS_BEHIND;
  chc_target_get_spec (target, &spec);
  value = chc_indicator_result_get_value (result);
  gap = chc_target_op_is_upper (spec.op) ? value - (spec.has_max ? spec.max_value : spec.min_value)
                                      : spec.min_value - value;
  if (chc_indicator_get_unit (indicator) == CHC_UNIT_PERCENT ? gap <= 2.0
      : gap <= 0.1 * fabs (spec.min_value))
    return CHC_REPORT_STATUS_CLOSE;
  return CHC_REPORT_STATUS_BEHIND;
}

/* The plan's indicators, evaluated for the year; the signing coverage
 * target among them. */
static gboolean
gather_indicators (ChcDatabase             *database,
                   const ChcReportOptions  *options,
                   ReportData              *data,
                   GError                 **error)
{
  g_autoptr(GPtrArray) results = NULL;
  gboolean chinese = use_chinese ();

  results = chc_database_evaluate_plan (database, options->district_id, options->year, error);
  if (results == NULL)
    return FALSE;

  data->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_indicator_row_free);
  for (guint i = 0; i < results->len; i++)
    {
      ChcIndicatorResult *result = g_ptr_array_index (results, i);
      ChcIndicator *indicator = chc_indicator_result_get_indicator (result);
      ChcIndicatorUnit unit = chc_indicator_get_unit (indicator);
      ChcTarget *target = chc_indicator_result_get_target (result);
      g_autofree char *value = NULL;
      g_autofree char *target_text = NULL;
      ChcReportIndicatorRow *row;

      if (chc_indicator_result_get_has_value (result))
        {
          g_autofree char *number = chc_format_value (unit, chc_indicator_result_get_value (result));
          value = g_strconcat (number, unit == CHC_UNIT_PERCENT ? "%" : "", NULL);
        }
      if (target != NULL)
        {
          target_text = format_target (unit, target);
          if (g_str_equal (chc_indicator_get_code (indicator), "signing.coverage"))
            {
              ChcTargetSpec spec;

              chc_target_get_spec (target, &spec);
              data->signing_target = spec.min_value;
            }
        }
      row = chc_report_indicator_row_new (chinese ? chc_indicator_get_name_zh (indicator)
                                                  : chc_indicator_get_name_en (indicator),
                                          value, target_text, result_status (result));
      row->name_zh = g_strdup (chc_indicator_get_name_zh (indicator));
      if (chc_indicator_get_source (indicator) != NULL && *chc_indicator_get_source (indicator) != '\0')
        row->source = g_strdup (chc_indicator_get_source (indicator));
      g_ptr_array_add (data->indicators, row);
    }
  return TRUE;
}

/* The reporting cycle of the period: every report expected of it, how
 * many arrived, how many on time — the same list as chc-cli completeness.
 * (Not "due by today": what an issued bulletin counted must not change
 * with the day it is looked at again.) */
static gboolean
gather_reports (ChcDatabase  *database,
                ReportData   *data,
                GError      **error)
{
  g_autofree char *first = strlen (data->period) == 4 ? g_strconcat (data->period, "-01", NULL)
                                                      : g_strdup (data->period);
  g_autofree char *last = strlen (data->period) == 4 ? g_strconcat (data->period, "-12", NULL)
                                                     : g_strdup (data->period);
  g_autoptr(GPtrArray) reports = chc_database_list_reports (database, chc_district_get_id (data->district),
                                                            NULL, first, last, error);
  ChcReportCounts counts = { 0 };

  if (reports == NULL)
    return FALSE;
  for (guint i = 0; i < reports->len; i++)
    chc_report_counts_add (&counts, g_ptr_array_index (reports, i));
  data->reports_expected = counts.expected;
  data->reports_received = counts.received;
  data->reports_on_time = counts.on_time;
  return TRUE;
}

/* The month whose figures stand for the period: the month itself, or
 * the latest month of the year with figures.  NULL without error when the
 * period has none. */
static char *
signing_month (ChcDatabase  *database,
               gint64        district_id,
               int           year,
               int           month,
               GError      **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (month > 0)
    {
      from = chc_signing_period_format (year, month);
      to = g_strdup (from);
    }
  else
    {
      from = chc_signing_period_format (year, 1);
      to = chc_signing_period_format (year, 12);
    }
  return chc_database_get_latest_signing_period (database, district_id, from, to, error);
}

/* Each facility's own saved figures of @period, keyed by its id: a
 * facility without a row has not reported (never a row of zeros). */
static GHashTable *
signing_by_facility (ChcDatabase  *database,
                     gint64        district_id,
                     const char   *period,
                     GError      **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) own = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  records = chc_database_list_signing_month (database, district_id, period, error);
  if (records == NULL)
    return NULL;
  for (guint i = 0; i < records->len; i++)
    {
      ChcSigningRecord *record = g_ptr_array_index (records, i);
      gint64 id = chc_signing_record_get_facility_id (record);
      ChcSigningFigures *figures;

      if (!chc_signing_record_get_saved (record))
        continue;
      figures = g_new0 (ChcSigningFigures, 1);
      chc_signing_record_get_figures (record, figures);
      g_hash_table_insert (own, g_memdup2 (&id, sizeof id), figures);
    }
  return g_steal_pointer (&own);
}

/* A centre's figures summed with those of its branch centres that
 * reported (sums of numerators and denominators, never averages of
 * rates), in @sum; FALSE when the centre itself has not reported: then
 * it is 未报, whatever its branches reported. */
static gboolean
centre_figures (GHashTable        *own,
                GPtrArray         *facilities,
                gint64             centre_id,
                ChcSigningFigures *sum,
                guint             *n_branches)
{
  ChcSigningFigures *figures = own ? g_hash_table_lookup (own, &centre_id) : NULL;

  memset (sum, 0, sizeof *sum);
  if (n_branches != NULL)
    *n_branches = 0;
  if (figures == NULL)
    return FALSE;
  chc_signing_figures_add (sum, figures);
  for (guint k = 0; k < facilities->len; k++)
    {
      ChcFacility *f = g_ptr_array_index (facilities, k);
      gint64 id = chc_facility_get_id (f);
      ChcSigningFigures *branch;

      if (chc_facility_get_facility_type (f) != CHC_FACILITY_BRANCH ||
          chc_facility_get_parent_id (f) != centre_id ||
          (branch = g_hash_table_lookup (own, &id)) == NULL)
        continue;
      chc_signing_figures_add (sum, branch);
      if (n_branches != NULL)
        (*n_branches)++;
    }
  return TRUE;
}

static double
figures_percent (const ChcSigningFigures *figures,
                 ChcSigningRate           rate)
{
  double value;

  if (figures == NULL || !chc_signing_figures_rate (figures, rate, &value))
    return -1;
  return value * 100.0;
}

static void
set_row_figures (ChcReportSigningRow     *row,
                 const ChcSigningFigures *figures,
                 const ChcSigningFigures *earlier)
{
  row->coverage = figures_percent (figures, CHC_SIGNING_COVERAGE);
  row->key_coverage = figures_percent (figures, CHC_SIGNING_KEY_COVERAGE);
  row->compliance = figures_percent (figures, CHC_SIGNING_COMPLIANCE);
  if (row->coverage >= 0 && figures_percent (earlier, CHC_SIGNING_COVERAGE) >= 0)
    row->change = row->coverage - figures_percent (earlier, CHC_SIGNING_COVERAGE);
}

/* Each operating centre's signing in the period (with its branch
 * centres), and the change since the previous period (the month before,
 * or the end of the year before).  A centre whose own row is missing is
 * 未报 (reported FALSE, no figures); its branch centres that reported are
 * then rows of their own (parent_id), right after it, never ranked. */
static gboolean
gather_signing (ChcDatabase             *database,
                const ChcReportOptions  *options,
                ReportData              *data,
                GError                  **error)
{
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GHashTable) now = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autofree char *period = NULL;
  g_autofree char *previous = NULL;
  g_autoptr(GError) local_error = NULL;

  period = signing_month (database, options->district_id, options->year, options->month, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (period == NULL)
    return TRUE;    /* no figures in the period: the section says so */

  facilities = chc_database_list_facilities (database, options->district_id, error);
  if (facilities == NULL)
    return FALSE;

  now = signing_by_facility (database, options->district_id, period, error);
  if (now == NULL)
    return FALSE;
  if (options->month > 0)
    {
      g_autofree char *month_before = chc_signing_period_add (period, -1);
      previous = chc_database_get_latest_signing_period (database, options->district_id,
                                                         month_before, month_before, &local_error);
    }
  else
    previous = signing_month (database, options->district_id, options->year - 1, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (previous != NULL &&
      (before = signing_by_facility (database, options->district_id, previous, error)) == NULL)
    return FALSE;

  data->signing_period = g_strdup (period);
  data->signing = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_signing_row_free);
  for (guint i = 0; i < data->centres->len; i++)
    {
      ChcFacility *centre = g_ptr_array_index (data->centres, i);
      gint64 id = chc_facility_get_id (centre);
      ChcSigningFigures figures, earlier;
      gboolean had_before;
      ChcReportSigningRow *row = chc_report_signing_row_new (id, chc_facility_get_name (centre));

      row->reported = centre_figures (now, facilities, id, &figures, &row->n_branches);
      had_before = centre_figures (before, facilities, id, &earlier, NULL);
      if (row->reported)
        set_row_figures (row, &figures, had_before ? &earlier : NULL);
      g_ptr_array_add (data->signing, row);
      if (row->reported)
        continue;

      /* The branches of a centre that has not reported, each on its own. */
      for (guint k = 0; k < facilities->len; k++)
        {
          ChcFacility *f = g_ptr_array_index (facilities, k);
          gint64 branch_id = chc_facility_get_id (f);
          ChcSigningFigures *own, *own_before;
          ChcReportSigningRow *branch;

          if (chc_facility_get_facility_type (f) != CHC_FACILITY_BRANCH ||
              chc_facility_get_parent_id (f) != id ||
              (own = g_hash_table_lookup (now, &branch_id)) == NULL)
            continue;
          own_before = before ? g_hash_table_lookup (before, &branch_id) : NULL;
          branch = chc_report_signing_row_new (branch_id, chc_facility_get_name (f));
          branch->parent_id = id;
          branch->reported = TRUE;
          set_row_figures (branch, own, own_before);
          g_ptr_array_add (data->signing, branch);
        }
    }
  return TRUE;
}

typedef struct
{
  gint64             centre_id;
  char              *site;
  GString           *clinics;
  guint              awarded;
  guint              applying;
} TcmCentre;

/* TCM per centre (its hall; the specialty clinics and demonstration
 * stations of the centre and the facilities under it) and the town
 * matrix of what is still missing, at the end of the year. */
static gboolean
gather_tcm (ChcDatabase             *database,
            const ChcReportOptions  *options,
            ReportData              *data,
            GError                 **error)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) towns = NULL;
  g_autoptr(GArray) centres = g_array_new (FALSE, TRUE, sizeof (TcmCentre));

  statuses = chc_database_list_tcm_status (database, options->district_id, options->year, error);
  if (statuses == NULL)
    return FALSE;
  towns = chc_database_tcm_town_matrix (database, options->district_id, options->year, error);
  if (towns == NULL)
    return FALSE;

  for (guint i = 0; i < data->centres->len; i++)
    {
      TcmCentre c = { chc_facility_get_id (g_ptr_array_index (data->centres, i)), NULL, g_string_new (NULL), 0, 0 };
      g_array_append_val (centres, c);
    }

  for (guint i = 0; i < statuses->len; i++)
    {
      ChcTcmStatus *status = g_ptr_array_index (statuses, i);
      ChcFacility *facility = chc_tcm_status_get_facility (status);
      gint64 owner = chc_facility_get_facility_type (facility) == CHC_FACILITY_CENTRE
                     ? chc_facility_get_id (facility) : chc_facility_get_parent_id (facility);
      const char *clinics = chc_tcm_status_get_specialty_clinics (status);

      if (chc_facility_get_status (facility) != CHC_FACILITY_OPERATING)
        continue;
      for (guint k = 0; k < centres->len; k++)
        {
          TcmCentre *c = &g_array_index (centres, TcmCentre, k);

          if (c->centre_id != owner)
            continue;
          if (chc_facility_get_id (facility) == owner)
            c->site = g_strdup (chc_tcm_site_state_to_label (chc_tcm_status_get_site_state (status)));
          if (chc_tcm_status_get_n_clinics (status) > 0 && clinics != NULL)
            {
              if (c->clinics->len > 0)
                g_string_append (c->clinics, "; ");
              if (chc_facility_get_id (facility) != owner)
                g_string_append_printf (c->clinics, "%s: ", chc_facility_get_name (facility));
              g_string_append (c->clinics, clinics);
            }
          if (chc_tcm_status_get_demo_status (status) == CHC_TCM_DEMO_AWARDED)
            c->awarded++;
          else if (chc_tcm_status_get_demo_status (status) == CHC_TCM_DEMO_APPLYING)
            c->applying++;
        }
    }

  data->tcm = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_tcm_row_free);
  for (guint k = 0; k < centres->len; k++)
    {
      TcmCentre *c = &g_array_index (centres, TcmCentre, k);
      g_autofree char *demo = NULL;

      if (c->awarded > 0 || c->applying > 0)
        /* Translators: demonstration stations of a centre: awarded, applying. */
        demo = g_strdup_printf (_("%u awarded, %u applying"), c->awarded, c->applying);
      g_ptr_array_add (data->tcm,
                       chc_report_tcm_row_new (c->centre_id,
                                               chc_facility_get_name (g_ptr_array_index (data->centres, k)),
                                               c->site, c->clinics->str, demo ? demo : _("None")));
      g_free (c->site);
      g_string_free (c->clinics, TRUE);
    }

  data->towns = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_town_row_free);
  for (guint i = 0; i < towns->len; i++)
    {
      ChcTcmTownRow *town = g_ptr_array_index (towns, i);
      g_autoptr(GString) missing = g_string_new (NULL);

      for (int m = 0; m < CHC_TCM_N_MEASURES; m++)
        if (!chc_tcm_town_row_has (town, (ChcTcmMeasure) m))
          {
            if (missing->len > 0)
              g_string_append (missing, "; ");
            g_string_append (missing, chc_tcm_measure_to_label ((ChcTcmMeasure) m));
          }
      g_ptr_array_add (data->towns, chc_report_town_row_new (town->town_name, missing->str));
    }
  return TRUE;
}

/* The first working day after the period (not a Saturday, Sunday or
 * 1 January), as YYYY-MM-DD. */
static char *
proposed_date (int year,
                          int month)
{
  GDate date;

  g_date_clear (&date, 1);
  if (month > 0)
    {
      g_date_set_dmy (&date, 1, (GDateMonth) month, (GDateYear) year);
      g_date_add_months (&date, 1);
    }
  else
    g_date_set_dmy (&date, 1, G_DATE_JANUARY, (GDateYear) year + 1);
  while (g_date_get_weekday (&date) >= G_DATE_SATURDAY ||
         (g_date_get_month (&date) == G_DATE_JANUARY && g_date_get_day (&date) == 1))
    g_date_add_days (&date, 1);
  return chc_date_to_iso (&date);
}

char *
chc_report_dup_proposed_date (int year,
                              int month)
{
  return proposed_date (year, month);
}

const char *
chc_report_default_copy_to (void)
{
  return "市卫生健康委员会基层卫生健康处";
}

char *
chc_report_dup_doc_prefix (ChcDatabase            *database,
                           const ChcReportOptions *options,
                           int                    *year)
{
  char *prefix;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);

  if (year != NULL)
    {
      g_autofree char *date = options->issue_date ? g_strdup (options->issue_date)
                                                  : proposed_date (options->year, options->month);
      *year = atoi (date);
      if (*year < 1900)
        *year = options->year;
    }
  if (options->doc_prefix != NULL && *options->doc_prefix)
    return g_strdup (options->doc_prefix);
  prefix = chc_database_get_bulletin_setting (database, options->district_id, CHC_BULLETIN_DOC_PREFIX);
  if (prefix == NULL)
    {
      g_autoptr(ChcDistrict) district = chc_database_get_district (database, options->district_id, NULL);
      g_autofree char *first = NULL;

      /* 青浦区 → 青卫健基层, as the commissions number their documents. */
      if (district != NULL)
        first = g_utf8_substring (chc_district_get_name (district), 0, 1);
      prefix = g_strdup_printf ("%s卫健基层", first ? first : "");
    }
  return prefix;
}

/* The last day of the period, or today when that is earlier. */
static guint32
period_as_of (const ChcReportOptions *options)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today_text = g_date_time_format (now, "%Y-%m-%d");
  guint32 today = chc_date_julian (today_text);
  guint32 end;

  if (options->month > 0)
    {
      g_autofree char *last = g_strdup_printf ("%04d-%02d-%02d", options->year, options->month,
                                               g_date_get_days_in_month (options->month, options->year));
      end = chc_date_julian (last);
    }
  else
    end = chc_date_year_end (options->year);
  return end != 0 && end < today ? end : today;
}

/* The centre a facility belongs to (itself for a centre), so a centre's
 * page lists the projects of its branches and stations too. */
static gint64
project_owner (ChcDatabase *database,
               gint64       facility_id)
{
  g_autoptr(ChcFacility) facility = chc_database_get_facility (database, facility_id, NULL);

  if (facility == NULL || chc_facility_get_parent_id (facility) <= 0)
    return facility_id;
  return chc_facility_get_parent_id (facility);
}

/* The district's construction projects, stage and lateness at the end of
 * the period. */
static gboolean
gather_projects (ChcDatabase             *database,
                 const ChcReportOptions  *options,
                 ReportData              *data,
                 GError                 **error)
{
  g_autoptr(GPtrArray) projects = NULL;
  guint32 as_of = data->as_of;

  projects = chc_database_list_projects (database, options->district_id, NULL, error);
  if (projects == NULL)
    return FALSE;

  data->projects = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_project_row_free);
  for (guint i = 0; i < projects->len; i++)
    {
      ChcProject *project = g_ptr_array_index (projects, i);
      ChcProjectStatus status;
      gint64 facility_id;
      g_autofree char *name = NULL;
      const char *notes = chc_project_get_notes (project);

      chc_project_evaluate (project, as_of, &status);
      if (status.finished && chc_project_finished_year (project) < options->year)
        continue;   /* finished before the year of the bulletin */
      name = notes != NULL && *notes
             ? g_strdup_printf ("%s（%s）", chc_project_get_facility_name (project), notes)
             : g_strdup (chc_project_get_facility_name (project));
      facility_id = chc_project_get_facility_id (project);
      g_ptr_array_add (data->projects,
                       chc_report_project_row_new (project_owner (database, facility_id), name,
                                                   chc_project_kind_to_label (chc_project_get_kind (project)),
                                                   chc_project_stage_to_label (status.stage),
                                                   status.late ? (int) status.days_late : 0));
    }
  return TRUE;
}

static ChcReportSections
options_sections (const ChcReportOptions *options)
{
  return options->sections != 0 ? options->sections : CHC_REPORT_SECTION_ALL;
}

/**
 * chc_report_list_centres:
 *
 * Returns: (transfer full) (element-type ChcFacility): the centres a
 * bulletin of the district ranks and can be addressed to: its operating
 * centres, in registry order.
 */
GPtrArray *
chc_report_list_centres (ChcDatabase  *database,
                         gint64        district_id,
                         GError      **error)
{
  g_autoptr(GPtrArray) facilities = chc_database_list_facilities (database, district_id, error);
  GPtrArray *centres;

  if (facilities == NULL)
    return NULL;
  centres = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (facilities, i);

      if (chc_facility_get_facility_type (f) == CHC_FACILITY_CENTRE &&
          chc_facility_get_status (f) == CHC_FACILITY_OPERATING)
        g_ptr_array_add (centres, g_object_ref (f));
    }
  return centres;
}

static ReportData *
gather (ChcDatabase             *database,
        const ChcReportOptions  *options,
        GCancellable            *cancellable,
        GError                 **error)
{
  g_autoptr(ReportData) data = g_new0 (ReportData, 1);
  g_autoptr(GError) local_error = NULL;
  ChcReportSections sections = options_sections (options);
  g_autofree char *district_name = NULL;

  if (options->year < 1900 || options->year > 2200 || options->month < 0 || options->month > 12)
    {
      g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_PERIOD,
                   _("Not a valid period: year %d, month %d"), options->year, options->month);
      return NULL;
    }

  data->district = chc_database_get_district (database, options->district_id, &local_error);
  if (data->district == NULL)
    {
      g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_NO_DISTRICT,
                   _("No such district: %s"), local_error->message);
      return NULL;
    }
  district_name = chc_district_dup_short_name (data->district);

  data->centres = chc_report_list_centres (database, options->district_id, error);
  if (data->centres == NULL)
    return NULL;

  if (options->month > 0)
    {
      data->period = g_strdup_printf ("%04d-%02d", options->year, options->month);
      /* Translators: a month of a bulletin, year then month ("2024年6月"). */
      data->period_label = g_strdup_printf (_("%d-%02d"), options->year, options->month);
    }
  else
    {
      data->period = g_strdup_printf ("%04d", options->year);
      /* Translators: the whole year of a bulletin ("2024年度"). */
      data->period_label = g_strdup_printf (_("Year %d"), options->year);
    }

  data->period_zh = options->month > 0 ? g_strdup_printf ("%d年%d月", options->year, options->month)
                                        : g_strdup_printf ("%d年度", options->year);

  if (options->issuer != NULL && *options->issuer)
    data->issuer = g_strdup (options->issuer);
  else
    data->issuer = chc_database_get_meta (database, "report.issuer");
  if (data->issuer == NULL || *data->issuer == '\0')
    {
      g_free (data->issuer);
      /* The document is Chinese whatever the interface: 青浦区卫生健康委员会. */
      data->issuer = g_strdup_printf ("%s卫生健康委员会", chc_district_get_name (data->district));
    }

  if (options->issue_date != NULL && chc_date_julian (options->issue_date) == 0)
    {
      g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_PERIOD,
                   _("Not a date: %s"), options->issue_date);
      return NULL;
    }
  if (options->as_of != NULL && chc_date_julian (options->as_of) == 0)
    {
      g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_PERIOD,
                   _("Not a date: %s"), options->as_of);
      return NULL;
    }
  data->issue_date = options->issue_date != NULL ? chc_date_normalize (options->issue_date, NULL)
                                                 : proposed_date (options->year, options->month);
  if (data->issue_date == NULL)
    data->issue_date = g_strdup (options->issue_date);
  data->as_of = options->as_of != NULL ? chc_date_julian (options->as_of) : period_as_of (options);
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_julian (&date, data->as_of);
    data->as_of_date = chc_date_to_iso (&date);
  }
  data->issuing_mark = options->issuing_mark && *options->issuing_mark
                       ? g_strdup (options->issuing_mark)
                       : chc_database_get_bulletin_setting (database, options->district_id, CHC_BULLETIN_ISSUING_MARK);
  if (data->issuing_mark == NULL)
    data->issuing_mark = g_strdup_printf ("上海市%s卫生健康委员会文件", chc_district_get_name (data->district));
  {
    int year;

    data->doc_prefix = chc_report_dup_doc_prefix (database, options, &year);
    data->doc_number = options->doc_number > 0
                       ? options->doc_number
                       : chc_database_next_bulletin_number (database, options->district_id,
                                                            data->doc_prefix, year, NULL);
  }
  data->copy_to = options->copy_to != NULL
                  ? g_strdup (options->copy_to)
                  : chc_database_get_bulletin_setting (database, options->district_id, CHC_BULLETIN_COPY_TO);
  if (data->copy_to == NULL)
    data->copy_to = g_strdup (chc_report_default_copy_to ());
  data->printer = options->printer != NULL && *options->printer
                  ? g_strdup (options->printer)
                  : chc_database_get_bulletin_setting (database, options->district_id, CHC_BULLETIN_PRINTER);
  if (data->printer == NULL)
    data->printer = g_strdup_printf ("%s卫生健康委员会办公室", chc_district_get_name (data->district));
  data->requirements = chc_database_get_bulletin_setting (database, options->district_id,
                                                          CHC_BULLETIN_REQUIREMENTS);
  data->demo = chc_database_get_demo (database);

  data->signing_target = -1;
  if (!gather_reports (database, data, error))
    return NULL;
  if ((sections & (CHC_REPORT_SECTION_INDICATORS | CHC_REPORT_SECTION_SIGNING |
                   CHC_REPORT_SECTION_SIGNING_CHART)) &&
      !gather_indicators (database, options, data, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if ((sections & (CHC_REPORT_SECTION_SIGNING | CHC_REPORT_SECTION_SIGNING_CHART)) &&
      !gather_signing (database, options, data, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if ((sections & CHC_REPORT_SECTION_TCM) && !gather_tcm (database, options, data, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if ((sections & CHC_REPORT_SECTION_CONSTRUCTION) && !gather_projects (database, options, data, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  (void) district_name;
  return g_steal_pointer (&data);
}

/* ---- the bulletin ----------------------------------------------------------------- */

/* The centre's own figures, as key-value lines (an attachment of its
 * edition). */
static void
add_centre_page (ChcReport   *report,
                 ReportData  *data,
                 ChcFacility *centre)
{
  gint64 id = chc_facility_get_id (centre);
  gboolean any = FALSE;

  chc_report_add_key_value (report, _("Centre"), chc_facility_get_name (centre));
  chc_report_add_key_value (report, _("Town"), chc_facility_get_town_name (centre));
  chc_report_add_key_value (report, _("Period"), data->period_label);

  if (data->signing != NULL)
    for (guint i = 0; i < data->signing->len; i++)
      {
        ChcReportSigningRow *row = g_ptr_array_index (data->signing, i);
        g_autofree char *coverage = NULL;
        g_autofree char *key = NULL;
        g_autofree char *compliance = NULL;

        if (row->parent_id == id && row->reported)
          {
            /* A branch of a centre that has not reported, on its own. */
            g_autofree char *label = NULL;

            coverage = percent_or_dash (row->coverage);
            /* Translators: a branch centre shown on its own; its coverage follows. */
            label = g_strdup_printf (_("%s (branch, on its own): signing coverage"), row->centre);
            chc_report_add_key_value (report, label, coverage);
            any = TRUE;
            continue;
          }
        if (row->facility_id != id || row->parent_id > 0)
          continue;
        if (!row->reported)
          {
            chc_report_add_key_value (report, _("Signing coverage"), _("Not reported"));
            any = TRUE;
            continue;
          }
        if (row->coverage < 0)
          continue;
        coverage = percent_or_dash (row->coverage);
        key = percent_or_dash (row->key_coverage);
        compliance = percent_or_dash (row->compliance);
        chc_report_add_key_value (report, _("Signing coverage"), coverage);
        if (data->signing_target >= 0)
          {
            g_autofree char *target = percent_or_dash (data->signing_target);
            chc_report_add_key_value (report, _("Coverage target"), target);
            chc_report_add_key_value (report, _("Against target"),
                                      row->coverage < data->signing_target
                                      ? _("▼ Below target") : _("Met"));
          }
        chc_report_add_key_value (report, _("Key-population coverage"), key);
        chc_report_add_key_value (report, _("Community-visit compliance"), compliance);
        if (row->n_branches > 0)
          chc_report_add_key_value (report, _("Note"), _("The figures include the branch centres."));
        any = TRUE;
      }

  if (data->tcm != NULL)
    for (guint i = 0; i < data->tcm->len; i++)
      {
        ChcReportTcmRow *row = g_ptr_array_index (data->tcm, i);

        if (row->facility_id != id)
          continue;
        chc_report_add_key_value (report, _("TCM hall"), row->site ? row->site : "—");
        chc_report_add_key_value (report, _("TCM specialty clinics"),
                                  row->specialty && *row->specialty ? row->specialty : "—");
        chc_report_add_key_value (report, _("TCM demonstration"),
                                  row->demonstration ? row->demonstration : "—");
        any = TRUE;
      }

  if (data->projects != NULL)
    {
      g_autoptr(GPtrArray) own = g_ptr_array_new ();

      for (guint i = 0; i < data->projects->len; i++)
        {
          ChcReportProjectRow *row = g_ptr_array_index (data->projects, i);
          if (row->facility_id == id)
            g_ptr_array_add (own, row);
        }
      if (own->len > 0)
        {
          chc_report_add_construction_section (report, _("Construction projects of the centre"), own);
          any = TRUE;
        }
    }

  if (!any)
    add_no_data (report);
}

/* "（一）标题。正文" starts with a run-in level-2 heading: its length in
 * bytes up to and including the 。, or 0. */
static gsize
run_in_heading (const char *line)
{
  const char *close, *stop;

  if (!g_str_has_prefix (line, "（"))
    return 0;
  close = strstr (line, "）");
  if (close == NULL || g_utf8_strlen (line, close - line) > 4)
    return 0;
  stop = strstr (close, "。");
  if (stop == NULL || g_utf8_strlen (close, stop - close) > 30)
    return 0;
  return (gsize) (stop - line) + strlen ("。");
}

/* The paragraphs of a section, one a line. */
static void
add_text (ChcReport  *report,
          const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      gsize run_in;

      if (*line == '\0')
        continue;
      run_in = run_in_heading (line);
      if (run_in > 0 && line[run_in] == '\0')
        chc_report_add_doc_heading (report, 2, line);
      else if (run_in > 0)
        chc_report_add_body_run_in (report, line, run_in);
      else
        chc_report_add_body (report, line, 2);
    }
}

static const char *const chinese_numbers[] = {
  "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
};

typedef struct
{
  ChcReportSections  section;
  const char        *title;
} Attachment;

static ChcReport *
render (ReportData             *data,
        const ChcReportOptions *options,
        ChcFacility            *centre)
{
  ChcReportSections sections = options_sections (options);
  g_autoptr(ChcReportText) text = chc_report_draft (data, centre);
  g_autofree char *title = NULL;
  g_autofree char *number = NULL;
  g_autofree char *date = chc_report_date_zh (data->issue_date);
  g_autofree char *printed = NULL;
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) items = g_strv_builder_new ();
  g_auto(GStrv) item_list = NULL;
  g_autofree char *remarks_text = options->remarks ? g_strstrip (g_strdup (options->remarks)) : NULL;
  gboolean remarks = (sections & CHC_REPORT_SECTION_REMARKS) && remarks_text != NULL && *remarks_text;
  ChcReport *report;
  int heading = 0;

  if (options->text != NULL)
    for (int i = 0; i < CHC_REPORT_TEXT_N; i++)
      if (options->text->sections[i] != NULL)
        {
          g_free (text->sections[i]);
          text->sections[i] = g_strdup (options->text->sections[i]);
        }

  title = g_strdup_printf ("关于%s%s社区卫生服务能力提升工作情况的通报",
                           data->period_zh, chc_district_get_name (data->district));
  if (data->doc_number > 0)
    number = g_strdup_printf ("%s〔%.4s〕%d号", data->doc_prefix, data->issue_date, data->doc_number);

  report = chc_report_new (title);
  chc_report_set_official (report, TRUE);
  chc_report_set_demo (report, data->demo);
  chc_report_add_doc_head (report, data->issuing_mark, number);
  chc_report_add_doc_title (report, title);
  if (centre != NULL)
    {
      g_autofree char *addressee = g_strconcat (chc_facility_get_name (centre), "：", NULL);
      chc_report_add_body (report, addressee, 0);
    }
  else
    chc_report_add_body (report, "各社区卫生服务中心：", 0);
  add_text (report, text->sections[CHC_REPORT_TEXT_LEAD]);

  for (int i = CHC_REPORT_TEXT_BASIC; i < CHC_REPORT_TEXT_N; i++)
    {
      g_autofree char *h = g_strdup_printf ("%s、%s", chinese_numbers[heading++],
                                            chc_report_text_section_title (i));
      chc_report_add_doc_heading (report, 1, h);
      add_text (report, text->sections[i]);
    }
  if (remarks)
    {
      g_autofree char *h = g_strdup_printf ("%s、其他事项", chinese_numbers[heading++]);
      chc_report_add_doc_heading (report, 1, h);
      add_text (report, remarks_text);
    }
  if (data->demo)
    chc_report_add_body (report, "（本通报由示例数据库生成，名称取自规划，数据均为虚构。）", 2);

  /* The tables follow the signature as attachments. */
  if (centre != NULL)
    {
      g_ptr_array_add (attachments, g_strdup_printf ("%s主要指标情况", chc_facility_get_name (centre)));
      if (sections & CHC_REPORT_SECTION_SIGNING)
        g_ptr_array_add (attachments, g_strdup ("各中心家庭医生签约服务情况"));
    }
  else
    {
      if (sections & CHC_REPORT_SECTION_INDICATORS)
        g_ptr_array_add (attachments, g_strdup_printf ("%s规划指标完成情况", data->period_zh));
      if (sections & CHC_REPORT_SECTION_SIGNING)
        g_ptr_array_add (attachments, g_strdup ("各中心家庭医生签约服务情况"));
      if (sections & CHC_REPORT_SECTION_SIGNING_CHART)
        g_ptr_array_add (attachments, g_strdup ("各中心家庭医生签约覆盖率"));
      if (sections & CHC_REPORT_SECTION_TCM)
        g_ptr_array_add (attachments, g_strdup ("中医药服务情况"));
      if (sections & CHC_REPORT_SECTION_CONSTRUCTION)
        g_ptr_array_add (attachments, g_strdup ("基础设施建设项目进展情况"));
    }
  for (guint i = 0; i < attachments->len; i++)
    {
      g_autofree char *item = attachments->len > 1
                              ? g_strdup_printf ("%u．%s", i + 1, (char *) g_ptr_array_index (attachments, i))
                              : g_strdup (g_ptr_array_index (attachments, i));
      g_strv_builder_add (items, item);
    }
  item_list = g_strv_builder_end (items);
  if (attachments->len > 0)
    chc_report_add_doc_list (report, "附件：", (const char *const *) item_list);

  chc_report_add_doc_signature (report, data->issuer, date);

  for (guint i = 0; i < attachments->len; i++)
    {
      g_autofree char *label = attachments->len > 1 ? g_strdup_printf ("附件%u", i + 1) : g_strdup ("附件");
      const char *name = g_ptr_array_index (attachments, i);

      chc_report_add_attachment (report, label, name);
      if (centre != NULL)
        {
          if (i == 0)
            add_centre_page (report, data, centre);
          else
            chc_report_add_signing_section (report, NULL, data->signing, data->signing_target);
          continue;
        }
      if (strstr (name, "规划指标"))
        chc_report_add_indicator_section (report, NULL, data->indicators);
      else if (strstr (name, "签约服务情况"))
        {
          chc_report_add_signing_section (report, NULL, data->signing, data->signing_target);
          if (data->signing_period != NULL && options->month == 0)
            {
              /* Translators: %s is a month, YYYY-MM. */
              g_autofree char *note = g_strdup_printf (_("Figures of %s, the latest month of the year with data; "
                                                         "change since the end of the year before."),
                                                       data->signing_period);
              chc_report_add_paragraph (report, note);
            }
        }
      else if (strstr (name, "覆盖率"))
        chc_report_add_signing_chart (report, NULL, data->signing, data->signing_target);
      else if (strstr (name, "中医药"))
        chc_report_add_tcm_section (report, NULL, data->tcm, data->towns);
      else
        {
          g_autofree char *as_of = chc_report_date_zh (data->as_of_date);
          /* Translators: %s is a date; days late are counted up to it. */
          g_autofree char *note = g_strdup_printf (_("Days late as of %s."), as_of);

          chc_report_add_paragraph (report, note);
          chc_report_add_construction_section (report, NULL, data->projects);
        }
    }

  printed = g_strconcat (date, "印发", NULL);
  chc_report_add_doc_record (report, data->copy_to, data->printer, printed);
  chc_report_set_text (report, g_steal_pointer (&text));
  return report;
}

static gboolean
find_centre (ReportData              *data,
             const ChcReportOptions  *options,
             ChcFacility            **centre,
             GError                 **error)
{
  *centre = NULL;
  if (options->centre_id <= 0)
    return TRUE;
  for (guint i = 0; i < data->centres->len && *centre == NULL; i++)
    if (chc_facility_get_id (g_ptr_array_index (data->centres, i)) == options->centre_id)
      *centre = g_ptr_array_index (data->centres, i);
  if (*centre == NULL)
    {
      g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_NO_DISTRICT,
                   _("The centre is not an operating centre of %s"),
                   chc_district_get_name (data->district));
      return FALSE;
    }
  return TRUE;
}

ChcReportText *
chc_report_draft_text (ChcDatabase             *database,
                       const ChcReportOptions  *options,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_autoptr(ReportData) data = NULL;
  ChcFacility *centre = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  data = gather (database, options, cancellable, error);
  if (data == NULL || !find_centre (data, options, &centre, error))
    return NULL;
  return chc_report_draft (data, centre);
}

ChcReport *
chc_report_build (ChcDatabase             *database,
                  const ChcReportOptions  *options,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  g_autoptr(ReportData) data = NULL;
  ChcFacility *centre = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  data = gather (database, options, cancellable, error);
  if (data == NULL)
    return NULL;

  if (!find_centre (data, options, &centre, error))
    return NULL;
  return render (data, options, centre);
}

static char *
safe_file_part (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c < 0x20 || c == ':' || c == '*' || c == '?' ||
          c == '"' || c == '<' || c == '>' || c == '|')
        g_string_append_c (s, '_');
      else
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

typedef struct
{
  ReportData             *data;
  const ChcReportOptions *options;
  const char             *directory;
  GCancellable           *cancellable;
  guint                   next;       /* the next centre to write, under @lock */
  char                  **paths;      /* in the centres' order */
  GError                 *error;      /* the first failure, under @lock */
  GMutex                  lock;
} EachCentre;

/* Takes centres one at a time until none is left or one failed. */
static gpointer
write_editions (gpointer user_data)
{
  EachCentre *each = user_data;
  g_autoptr(ChcReport) fonts_from = NULL;

  while (TRUE)
    {
      ChcFacility *centre;
      g_autoptr(ChcReport) report = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *file = NULL;
      g_autofree char *path = NULL;
      g_autofree char *centre_part = NULL;
      guint i;

      g_mutex_lock (&each->lock);
      i = each->next++;
      if (each->error == NULL)
        g_cancellable_set_error_if_cancelled (each->cancellable, &each->error);
      if (each->error != NULL || i >= each->data->centres->len)
        {
          g_mutex_unlock (&each->lock);
          break;
        }
      g_mutex_unlock (&each->lock);

      centre = g_ptr_array_index (each->data->centres, i);
      centre_part = safe_file_part (chc_facility_get_name (centre));
      name = g_strdup_printf ("%s-%s-%s.pdf", chc_district_get_name (each->data->district),
                              each->data->period, centre_part);
      file = g_filename_from_utf8 (name, -1, NULL, NULL, NULL);
      path = g_build_filename (each->directory, file ? file : name, NULL);
      report = render (each->data, each->options, centre);
      if (fonts_from != NULL)
        chc_report_share_fonts (report, fonts_from);
      if (!chc_report_write_pdf (report, path, &local_error))
        {
          g_mutex_lock (&each->lock);
          if (each->error == NULL)
            each->error = g_steal_pointer (&local_error);
          g_mutex_unlock (&each->lock);
          break;
        }
      if (fonts_from == NULL)
        fonts_from = g_object_ref (report);
      each->paths[i] = g_steal_pointer (&path);
    }
  return NULL;
}

static GStrv
write_each_centre_from (ReportData              *data,
                        const ChcReportOptions  *options,
                        const char              *directory,
                        GCancellable            *cancellable,
                        GError                 **error)
{
  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (directory);

      g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_WRITE,
                   _("Cannot create the folder %s: %s"), display, g_strerror (saved));
      return NULL;
    }

  /* The editions are independent: written by a few threads, each with
   * its own fonts, from the figures gathered once (only read). */
  {
    EachCentre each = { data, options, directory, cancellable, 0, NULL, NULL };
    guint n_threads = CLAMP (g_get_num_processors (), 1, 4);
    GThread *threads[4] = { NULL };

    n_threads = MIN (n_threads, MAX (data->centres->len, 1));
    each.paths = g_new0 (char *, data->centres->len + 1);
    g_mutex_init (&each.lock);
    for (guint t = 1; t < n_threads; t++)
      threads[t] = g_thread_new ("chc-report-each", write_editions, &each);
    write_editions (&each);
    for (guint t = 1; t < n_threads; t++)
      g_thread_join (threads[t]);
    g_mutex_clear (&each.lock);
    if (each.error != NULL)
      {
        g_propagate_error (error, each.error);
        g_strfreev (each.paths);
        return NULL;
      }
    return each.paths;
  }
}

GStrv
chc_report_write_each_centre (ChcDatabase             *database,
                              const ChcReportOptions  *options,
                              const char              *directory,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  g_autoptr(ReportData) data = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  data = gather (database, options, cancellable, error);
  if (data == NULL)
    return NULL;
  return write_each_centre_from (data, options, directory, cancellable, error);
}

/* The snapshot of @data as issued, and its checksum. */
static char *
snapshot_of (ReportData              *data,
             const ChcReportOptions  *options,
             gboolean                 each_centre,
             char                   **checksum)
{
  g_autoptr(JsonNode) root = chc_report_snapshot_new (data, options, each_centre);
  char *json = chc_report_snapshot_to_string (root);

  *checksum = chc_report_snapshot_checksum (json);
  return json;
}

ChcReport *
chc_report_issue (ChcDatabase             *database,
                  const ChcReportOptions  *options,
                  const char              *path,
                  int                     *number_out,
                  GError                 **error)
{
  ChcReportOptions issued = *options;
  g_autofree char *prefix = NULL;
  int doc_year = 0;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (options != NULL && path != NULL, NULL);

  prefix = chc_report_dup_doc_prefix (database, options, &doc_year);
  issued.doc_prefix = prefix;
  issued.doc_number = chc_database_next_bulletin_number (database, options->district_id,
                                                         prefix, doc_year, error);
  if (issued.doc_number <= 0)
    return NULL;
  for (int attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr(ReportData) data = NULL;
      g_autoptr(ChcReport) report = NULL;
      g_autofree char *figures = NULL;
      g_autofree char *checksum = NULL;
      ChcFacility *centre = NULL;
      int number;

      data = gather (database, &issued, NULL, error);
      if (data == NULL || !find_centre (data, &issued, &centre, error))
        return NULL;
      report = render (data, &issued, centre);
      if (!chc_report_write_pdf (report, path, error))
        return NULL;
      figures = snapshot_of (data, &issued, FALSE, &checksum);
      number = chc_database_register_issued_bulletin (database, options->district_id, prefix, doc_year,
                                                      issued.doc_number, chc_report_get_title (report),
                                                      data->period, data->issue_date, 1, data->issuer,
                                                      figures, checksum, error);
      if (number <= 0)
        return NULL;
      if (number == issued.doc_number)
        {
          if (number_out != NULL)
            *number_out = number;
          return g_steal_pointer (&report);
        }
      issued.doc_number = number;   /* taken meanwhile: build again with the next */
    }
  g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_WRITE,
               _("Another program keeps taking the next document number; try again"));
  return NULL;
}

GStrv
chc_report_issue_each_centre (ChcDatabase             *database,
                              const ChcReportOptions  *options,
                              const char              *directory,
                              int                     *number_out,
                              GError                 **error)
{
  ChcReportOptions issued = *options;
  g_autofree char *prefix = NULL;
  int doc_year = 0;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (options != NULL && directory != NULL, NULL);

  issued.centre_id = 0;
  prefix = chc_report_dup_doc_prefix (database, &issued, &doc_year);
  issued.doc_prefix = prefix;
  issued.doc_number = chc_database_next_bulletin_number (database, options->district_id,
                                                         prefix, doc_year, error);
  if (issued.doc_number <= 0)
    return NULL;
  for (int attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr(ReportData) data = NULL;
      g_auto(GStrv) written = NULL;
      g_autofree char *figures = NULL;
      g_autofree char *checksum = NULL;
      g_autofree char *title = NULL;
      int number;

      data = gather (database, &issued, NULL, error);
      if (data == NULL)
        return NULL;
      written = write_each_centre_from (data, &issued, directory, NULL, error);
      if (written == NULL)
        return NULL;
      if (written[0] == NULL)
        return g_steal_pointer (&written);   /* no centre: nothing issued */
      figures = snapshot_of (data, &issued, TRUE, &checksum);
      title = g_strdup_printf ("%s（各中心版）", data->period);
      number = chc_database_register_issued_bulletin (database, options->district_id, prefix, doc_year,
                                                      issued.doc_number, title, data->period,
                                                      data->issue_date, (int) g_strv_length (written),
                                                      data->issuer, figures, checksum, error);
      if (number <= 0)
        return NULL;
      if (number == issued.doc_number)
        {
          if (number_out != NULL)
            *number_out = number;
          return g_steal_pointer (&written);
        }
      issued.doc_number = number;
    }
  g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_WRITE,
               _("Another program keeps taking the next document number; try again"));
  return NULL;
}

/* ---- issued bulletins ---- */

static JsonNode *
issue_snapshot (const ChcBulletinIssue    *issue,
                ChcReportSnapshotOptions  *options,
                GError                   **error)
{
  JsonNode *root;

  if (issue->figures == NULL || issue->checksum == NULL)
    {
      g_autofree char *number = chc_bulletin_issue_dup_doc_number (issue);

      g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_SNAPSHOT,
                   _("%s was issued before the figures of bulletins were recorded: "
                     "it cannot be reprinted nor compared"), number);
      return NULL;
    }
  root = chc_report_snapshot_parse (issue->figures, error);
  if (root != NULL && options != NULL)
    chc_report_snapshot_read_options (root, options);
  return root;
}

ChcReport *
chc_report_reprint (ChcDatabase             *database,
                    const ChcBulletinIssue  *issue,
                    gint64                   centre_id,
                    GError                 **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ReportData) data = NULL;
  ChcReportSnapshotOptions options;
  ChcFacility *centre = NULL;
  ChcReport *report = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (issue != NULL, NULL);

  root = issue_snapshot (issue, &options, error);
  if (root == NULL)
    return NULL;
  data = chc_report_snapshot_read_data (root);
  if (centre_id > 0)
    options.options.centre_id = centre_id;
  if (find_centre (data, &options.options, &centre, error))
    report = render (data, &options.options, centre);
  chc_report_snapshot_options_clear (&options);
  return report;
}

GStrv
chc_report_reprint_each_centre (ChcDatabase             *database,
                                const ChcBulletinIssue  *issue,
                                const char              *directory,
                                GError                 **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ReportData) data = NULL;
  ChcReportSnapshotOptions options;
  GStrv written;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (issue != NULL && directory != NULL, NULL);

  root = issue_snapshot (issue, &options, error);
  if (root == NULL)
    return NULL;
  data = chc_report_snapshot_read_data (root);
  options.options.centre_id = 0;
  written = write_each_centre_from (data, &options.options, directory, NULL, error);
  chc_report_snapshot_options_clear (&options);
  return written;
}

gboolean
chc_report_figures_changed (ChcDatabase             *database,
                            const ChcBulletinIssue  *issue,
                            gboolean                *changed,
                            GError                 **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ReportData) data = NULL;
  g_autofree char *json = NULL;
  g_autofree char *checksum = NULL;
  ChcReportSnapshotOptions options;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (issue != NULL && changed != NULL, FALSE);

  root = issue_snapshot (issue, &options, error);
  if (root == NULL)
    return FALSE;
  {
    g_autofree char *language = chc_report_snapshot_language ();
    const char *issued_in = chc_report_snapshot_get_language (root);

    /* The figures carry names of indicators and states in the language
     * of the interface: gathered in another, they would all differ. */
    if (g_strcmp0 (issued_in, language) != 0)
      {
        g_autofree char *number = chc_bulletin_issue_dup_doc_number (issue);

        g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_LANGUAGE,
                     _("%s was issued with the interface in another language (%s): compare its figures "
                       "with the interface in that language"), number, issued_in ? issued_in : "?");
        chc_report_snapshot_options_clear (&options);
        return FALSE;
      }
  }
  /* The same choices (period, sections, dates, number): only the live
   * figures can differ. */
  options.options.district_id = issue->district_id;
  data = gather (database, &options.options, NULL, error);
  chc_report_snapshot_options_clear (&options);
  if (data == NULL)
    return FALSE;
  json = chc_report_snapshot_replace_figures (root, data);
  checksum = chc_report_snapshot_checksum (json);
  *changed = g_strcmp0 (checksum, issue->checksum) != 0;
  return TRUE;
}

gboolean
chc_report_parse_doc_number (const char  *text,
                             char       **prefix,
                             int         *year,
                             int         *number)
{
  static const char *const opens[] = { "〔", "[", "【", "（", "(" };
  static const char *const closes[] = { "〕", "]", "】", "）", ")" };
  g_autofree char *copy = NULL;
  const char *open = NULL, *close = NULL, *end;
  gsize open_len = 0, close_len = 0;
  char *rest = NULL;
  gint64 y, n;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  for (guint i = 0; i < G_N_ELEMENTS (opens) && open == NULL; i++)
    if ((open = strstr (copy, opens[i])) != NULL &&
        (close = strstr (open, closes[i])) != NULL)
      {
        open_len = strlen (opens[i]);
        close_len = strlen (closes[i]);
      }
    else
      open = NULL;
  if (open == NULL || open == copy)
    return FALSE;
  y = g_ascii_strtoll (open + open_len, &rest, 10);
  if (rest != close || y < 1900 || y > 2200)
    return FALSE;
  n = g_ascii_strtoll (close + close_len, &rest, 10);
  end = rest;
  if (end == close + close_len || n <= 0 || n > G_MAXINT ||
      !(*end == '\0' || g_str_equal (end, "号")))
    return FALSE;
  if (prefix != NULL)
    *prefix = g_strndup (copy, open - copy);
  if (year != NULL)
    *year = (int) y;
  if (number != NULL)
    *number = (int) n;
  return TRUE;
}
