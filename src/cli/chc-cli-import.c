/* chc-cli-import.c — `chc-cli import KIND FILE`: all-or-nothing CSV import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "chc-cli.h"
#include "io/chc-csv-import.h"

static void
on_progress (guint64  rows,
             guint64  bytes_read,
             guint64  bytes_total,
             gpointer user_data)
{
  g_printerr ("\r");
  if (bytes_total > 0)
    g_printerr (_("%llu rows read (%u%%)…"), (unsigned long long) rows,
                (guint) (100 * bytes_read / bytes_total));
  else
    g_printerr (_("%llu rows read…"), (unsigned long long) rows);
}

/* Like chc_cli_parse(), with the columns of every kind after the options. */
static gboolean
parse_options (const GOptionEntry  *entries,
               int                 *argc,
               char              ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *columns = chc_csv_describe_columns (FALSE);
  g_autofree char *description = NULL;

  context = g_option_context_new (_("import KIND FILE"));
  g_option_context_set_summary (context,
                                _("Imports a CSV file of one KIND: facilities, signing, tcm, projects or values.\n"
                                  "\n"
                                  "The whole file is checked first (format, facilities, every rule); if anything\n"
                                  "is wrong nothing is written and every problem is listed as FILE:LINE:COLUMN.\n"
                                  "Otherwise the rows are added or updated in one transaction; importing the same\n"
                                  "file again changes nothing.  Warnings stop the import unless --accept-warnings.\n"
                                  "\n"
                                  "Encoding: UTF-8 (with or without BOM), else GB18030 (GBK); delimiter: comma,\n"
                                  "tab or semicolon, from the header line.  Headers may be the English names or\n"
                                  "the Chinese ones below, in any case, full-width or half-width; a unit in\n"
                                  "parentheses after a header is ignored.  A column that is missing keeps the\n"
                                  "stored value of an existing row; an empty cell clears an optional value.\n"
                                  "\n"
                                  "Exit status: 0 imported, 1 problems in the file (nothing written),\n"
                                  "2 usage, file or database error."));
  description = g_strdup_printf (_("Columns of each kind:\n\n%s"), columns);
  g_option_context_set_description (context, description);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      chc_cli_print_error (error);
      return FALSE;
    }
  return TRUE;
}

int
chc_cli_import (ChcCli  *cli,
                int      argc,
                char   **argv)
{
  g_autofree char *encoding_name = NULL;
  g_autofree char *sheet = NULL;
  gboolean accept_warnings = FALSE;
  gboolean check_only = FALSE;
  const GOptionEntry entries[] = {
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding_name,
      N_("The file's encoding: auto (default), utf-8 or gb18030"), N_("ENCODING") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
      N_("An Excel workbook (.xlsx): the sheet to read (default: the first); problems are told as FILE:SHEET:ROW:COLUMN"), N_("NAME") },
    { "accept-warnings", 0, 0, G_OPTION_ARG_NONE, &accept_warnings,
      N_("Import even when there are warnings (after checking them)"), NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check_only,
      N_("Check the file and report what would change; write nothing"), NULL },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcCsvReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problems = NULL;
  ChcCsvImportOptions options;
  ChcCsvKind kind;

  if (argc >= 2 && g_str_equal (argv[1], "dhis2"))
    return chc_cli_import_dhis2 (cli, argc - 1, argv + 1);

  if (!parse_options (entries, &argc, &argv))
    return CHC_CLI_USAGE;

  if (argc != 3)
    {
      g_printerr (_("chc-cli import: give the KIND and the FILE (see chc-cli import --help).\n"));
      return CHC_CLI_USAGE;
    }
  if (!chc_csv_kind_from_nick (argv[1], &kind))
    {
      g_printerr (_("chc-cli import: unknown kind “%s”; the kinds are facilities, signing, tcm, projects and values.\n"),
                  argv[1]);
      return CHC_CLI_USAGE;
    }

  chc_csv_import_options_init (&options);
  if (encoding_name != NULL &&
      (!chc_csv_encoding_from_nick (encoding_name, &options.encoding) ||
       options.encoding == CHC_CSV_ENCODING_UTF16LE || options.encoding == CHC_CSV_ENCODING_UTF16BE))
    {
      g_printerr (_("chc-cli import: --encoding must be auto, utf-8 or gb18030, not “%s”.\n"),
                  encoding_name);
      return CHC_CLI_USAGE;
    }
  options.accept_warnings = accept_warnings;
  options.check_only = check_only;
  options.file_name = argv[2];
  options.sheet = sheet;

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;

  file = g_file_new_for_commandline_arg (argv[2]);
  report = chc_csv_import (database, kind, file, &options, NULL,
                           isatty (STDERR_FILENO) ? on_progress : NULL, NULL, &error);
  if (isatty (STDERR_FILENO))
    g_printerr ("\r\033[K");
  if (report == NULL)
    return chc_cli_fail (error);

  problems = chc_csv_report_format_problems (report);
  fputs (problems, stderr);

  if (report->n_errors > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%s: %u problem; nothing was imported.\n",
                               "%s: %u problems; nothing was imported.\n", report->n_errors),
                  report->file_name, report->n_errors);
      return CHC_CLI_DATA_PROBLEMS;
    }
  if (report->n_warnings > 0 && !accept_warnings)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%s: %u warning; nothing was imported. Check it, then run again with --accept-warnings.\n",
                               "%s: %u warnings; nothing was imported. Check them, then run again with --accept-warnings.\n",
                               report->n_warnings),
                  report->file_name, report->n_warnings);
      return CHC_CLI_DATA_PROBLEMS;
    }

  if (report->delimiter == 0)   /* an Excel sheet */
    {
      g_printerr (report->written
                  ? _("%s: %llu rows: %llu inserted, %llu updated, %llu unchanged.\n")
                  : _("%s: %llu rows checked, nothing written: %llu would be inserted, %llu updated, %llu unchanged.\n"),
                  report->file_name, (unsigned long long) report->n_rows,
                  (unsigned long long) report->inserted, (unsigned long long) report->updated,
                  (unsigned long long) report->unchanged);
      return CHC_CLI_OK;
    }
  g_printerr (report->written
              ? _("%s: %llu rows: %llu inserted, %llu updated, %llu unchanged (%s, delimiter %s).\n")
              : _("%s: %llu rows checked, nothing written: %llu would be inserted, %llu updated, %llu unchanged (%s, delimiter %s).\n"),
              report->file_name, (unsigned long long) report->n_rows,
              (unsigned long long) report->inserted, (unsigned long long) report->updated,
              (unsigned long long) report->unchanged,
              chc_csv_encoding_to_nick (report->encoding),
              report->delimiter == '\t' ? _("tab") : report->delimiter == ';' ? _("semicolon") : _("comma"));
  return CHC_CLI_OK;
}
