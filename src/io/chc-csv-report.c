/* chc-csv-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-csv"

#include <glib/gi18n-lib.h>

#include "chc-csv-report.h"

G_DEFINE_BOXED_TYPE (ChcCsvReport, chc_csv_report, chc_csv_report_copy, chc_csv_report_free)

static void
problem_free (gpointer data)
{
  ChcCsvProblem *problem = data;

  g_free (problem->message);
  g_free (problem);
}

static ChcCsvProblem *
problem_copy (const ChcCsvProblem *problem)
{
  ChcCsvProblem *copy = g_memdup2 (problem, sizeof *problem);

  copy->message = g_strdup (problem->message);
  return copy;
}

ChcCsvReport *
chc_csv_report_new (ChcCsvKind  kind,
                    const char *file_name)
{
  ChcCsvReport *report = g_new0 (ChcCsvReport, 1);

  report->kind = kind;
  report->file_name = g_strdup (file_name);
  report->problems = g_ptr_array_new_with_free_func (problem_free);
  return report;
}

ChcCsvReport *
chc_csv_report_copy (const ChcCsvReport *report)
{
  ChcCsvReport *copy;

  g_return_val_if_fail (report != NULL, NULL);

  copy = g_memdup2 (report, sizeof *report);
  copy->file_name = g_strdup (report->file_name);
  copy->problems = g_ptr_array_new_with_free_func (problem_free);
  for (guint i = 0; i < report->problems->len; i++)
    g_ptr_array_add (copy->problems, problem_copy (g_ptr_array_index (report->problems, i)));
  return copy;
}

void
chc_csv_report_free (ChcCsvReport *report)
{
  if (report == NULL)
    return;
  g_free (report->file_name);
  g_ptr_array_unref (report->problems);
  g_free (report);
}

static guint
count_kept (const ChcCsvReport *report,
            gboolean            warning)
{
  guint n = 0;

  for (guint i = 0; i < report->problems->len; i++)
    if (((ChcCsvProblem *) g_ptr_array_index (report->problems, i))->warning == warning)
      n++;
  return n;
}

void
chc_csv_report_add_literal (ChcCsvReport *report,
                            gboolean      warning,
                            guint         line,
                            guint         column,
                            const char   *message)
{
  ChcCsvProblem *problem;
  guint *count;

  g_return_if_fail (report != NULL);

  count = warning ? &report->n_warnings : &report->n_errors;
  if (*count < G_MAXUINT)
    (*count)++;
  if (*count > CHC_CSV_MAX_PROBLEMS)
    return;

  problem = g_new0 (ChcCsvProblem, 1);
  problem->line = line;
  problem->column = column;
  problem->warning = !!warning;
  problem->message = g_strdup (message);
  g_ptr_array_add (report->problems, problem);
}

void
chc_csv_report_add (ChcCsvReport *report,
                    gboolean      warning,
                    guint         line,
                    guint         column,
                    const char   *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (report != NULL);

  /* Do not even format what is not kept. */
  if ((warning ? report->n_warnings : report->n_errors) >= CHC_CSV_MAX_PROBLEMS)
    {
      chc_csv_report_add_literal (report, warning, line, column, NULL);
      return;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  chc_csv_report_add_literal (report, warning, line, column, message);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const ChcCsvProblem *pa = *(ChcCsvProblem **) a;
  const ChcCsvProblem *pb = *(ChcCsvProblem **) b;

  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  if (pa->column != pb->column)
    return pa->column < pb->column ? -1 : 1;
  return (int) pa->warning - (int) pb->warning;
}

void
chc_csv_report_sort (ChcCsvReport *report)
{
  g_return_if_fail (report != NULL);
  g_ptr_array_sort (report->problems, compare_problems);
}

char *
chc_csv_report_format_problem (const ChcCsvReport  *report,
                               const ChcCsvProblem *problem)
{
  g_return_val_if_fail (report != NULL && problem != NULL, NULL);

  if (problem->warning)
    return g_strdup_printf (_("%s:%u:%u: warning: %s"), report->file_name,
                            problem->line, problem->column, problem->message);
  return g_strdup_printf ("%s:%u:%u: %s", report->file_name,
                          problem->line, problem->column, problem->message);
}

char *
chc_csv_report_format_problems (const ChcCsvReport *report)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint kept_errors;
  guint kept_warnings;

  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; i < report->problems->len; i++)
    {
      g_autofree char *line = chc_csv_report_format_problem (report, g_ptr_array_index (report->problems, i));
      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }

  kept_errors = count_kept (report, FALSE);
  kept_warnings = count_kept (report, TRUE);
  if (report->n_errors > kept_errors)
    {
      guint more = report->n_errors - kept_errors;
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, "%s: … and %u more error\n",
                                           "%s: … and %u more errors\n", more),
                              report->file_name, more);
    }
  if (report->n_warnings > kept_warnings)
    {
      guint more = report->n_warnings - kept_warnings;
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, "%s: … and %u more warning\n",
                                           "%s: … and %u more warnings\n", more),
                              report->file_name, more);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
