/* chc-cli-report.c — chc-cli report (a bulletin as PDF) and chc-cli form
 * (a blank monthly entry form as PDF); no display needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <glib/gi18n.h>

#include "chc-cli.h"
#include "core/chc-date.h"
#include "io/chc-export-format.h"
#include "io/chc-report-sections.h"
#include "store/chc-database-bulletins.h"

static void
print_written (const char *path,
               int         n_pages)
{
  g_autofree char *pages = g_strdup_printf ("%d", n_pages);

  chc_cli_print_row (2, (const char *[]) { path, pages });
}

int
chc_cli_report (ChcCli  *cli,
                int      argc,
                char   **argv)
{
  g_autofree char *district_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *centre_name = NULL;
  g_autofree char *each_dir = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *remarks = NULL;
  g_autofree char *issue_date = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *issuing_mark = NULL;
  g_autofree char *text_file = NULL;
  g_autofree char *copy_to = NULL;
  g_autofree char *printer = NULL;
  g_autofree char *tables = NULL;
  gboolean draft_text = FALSE;
  g_auto(GStrv) without = NULL;
  int year = 0;
  int month = 0;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("The district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year of the bulletin"), N_("YEAR") },
    { "month", 'm', 0, G_OPTION_ARG_INT, &month, N_("A month (1–12) instead of the whole year"), N_("MONTH") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { "centre", 0, 0, G_OPTION_ARG_STRING, &centre_name, N_("Add this centre’s own page (per-centre edition)"), N_("NAME") },
    { "each-centre", 0, 0, G_OPTION_ARG_FILENAME, &each_dir, N_("Write one per-centre edition for every centre into DIR"), N_("DIR") },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer, N_("The issuing body (remembered in the database)"), N_("TEXT") },
    { "remarks", 0, 0, G_OPTION_ARG_STRING, &remarks, N_("Text of the remarks section"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &issue_date, N_("Date of the document (成文日期; default: the first working day after the period)"), N_("YYYY-MM-DD") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, N_("Count days late as of this date (default: the end of the period, or today)"), N_("YYYY-MM-DD") },
    { "doc-number-prefix", 0, 0, G_OPTION_ARG_STRING, &prefix, N_("Prefix of the document number, e.g. 青卫健基层 (remembered for the district)"), N_("PREFIX") },
    { "issuing-mark", 0, 0, G_OPTION_ARG_STRING, &issuing_mark, N_("The issuing body’s mark at the head, e.g. 上海市青浦区卫生健康委员会文件 (remembered)"), N_("TEXT") },
    { "copy-to", 0, 0, G_OPTION_ARG_STRING, &copy_to, N_("抄送 of the document’s record (remembered; \"\" for none)"), N_("TEXT") },
    { "printer", 0, 0, G_OPTION_ARG_STRING, &printer, N_("The office that prints and sends it (印发机关, remembered)"), N_("TEXT") },
    { "text", 0, 0, G_OPTION_ARG_FILENAME, &text_file, N_("A text file whose sections replace the drafted ones (as --draft-text prints them)"), N_("FILE") },
    { "tables", 0, 0, G_OPTION_ARG_FILENAME, &tables, N_("Also write the bulletin’s tables as an Excel workbook (.xlsx), one sheet per table; it takes no document number"), N_("FILE.xlsx") },
    { "draft-text", 0, 0, G_OPTION_ARG_NONE, &draft_text, N_("Print the drafted text of the bulletin for editing, write no PDF"), NULL },
    { "without", 0, 0, G_OPTION_ARG_STRING_ARRAY, &without, N_("Leave out a section: indicators, signing, chart, tcm, construction, remarks"), N_("SECTION") },
    { NULL }
  };
  static const struct { const char *name; ChcReportSections section; } section_names[] = {
    { "indicators", CHC_REPORT_SECTION_INDICATORS },
    { "signing", CHC_REPORT_SECTION_SIGNING },
    { "chart", CHC_REPORT_SECTION_SIGNING_CHART },
    { "tcm", CHC_REPORT_SECTION_TCM },
    { "construction", CHC_REPORT_SECTION_CONSTRUCTION },
    { "remarks", CHC_REPORT_SECTION_REMARKS },
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(ChcFacility) centre = NULL;
  g_autoptr(ChcReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcReportText) text = NULL;
  ChcReportOptions options = { 0 };

  if (!chc_cli_parse ("report", NULL,
                      _("Writes the bulletin of a district for a year or a month as a PDF file (A4)."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;

  if (district_name == NULL || year == 0 || (output == NULL && each_dir == NULL && tables == NULL && !draft_text))
    {
      g_printerr ("%s\n", _("chc-cli report: --district, --year and --output (or --each-centre, or --tables) are required"));
      return CHC_CLI_USAGE;
    }
  if (tables != NULL)
    {
      ChcExportFormat format;

      /* An .xlsx, never a workbook under another name. */
      if (!chc_export_format_resolve ("xlsx", tables, &format, &error))
        {
          chc_cli_print_error (error);
          return CHC_CLI_USAGE;
        }
    }
  if (month < 0 || month > 12)
    {
      g_printerr (_("chc-cli report: not a month: %d\n"), month);
      return CHC_CLI_USAGE;
    }

  if ((issue_date != NULL && chc_date_julian (issue_date) == 0) ||
      (as_of != NULL && chc_date_julian (as_of) == 0))
    {
      g_printerr (_("chc-cli report: not a date: %s\n"),
                  issue_date != NULL && chc_date_julian (issue_date) == 0 ? issue_date : as_of);
      return CHC_CLI_USAGE;
    }

  options.sections = CHC_REPORT_SECTION_ALL;
  for (guint i = 0; without != NULL && without[i] != NULL; i++)
    {
      gboolean known = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (section_names); k++)
        if (g_str_equal (without[i], section_names[k].name))
          {
            options.sections &= ~section_names[k].section;
            known = TRUE;
          }
      if (!known)
        {
          g_printerr (_("chc-cli report: unknown section “%s”\n"), without[i]);
          return CHC_CLI_USAGE;
        }
    }

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  if ((district = chc_cli_find_district (database, district_name)) == NULL)
    return CHC_CLI_USAGE;
  if (centre_name != NULL &&
      (centre = chc_cli_find_centre (database, centre_name, chc_district_get_id (district))) == NULL)
    return CHC_CLI_USAGE;

  if (issuer != NULL && !chc_database_set_meta (database, "report.issuer", issuer, &error))
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }

  options.district_id = chc_district_get_id (district);
  options.year = year;
  options.month = month;
  options.issuer = issuer;
  options.remarks = remarks;
  options.issue_date = issue_date;
  options.centre_id = centre ? chc_facility_get_id (centre) : 0;
  options.as_of = as_of;
  options.doc_prefix = prefix;
  options.issuing_mark = issuing_mark;
  options.copy_to = copy_to;
  options.printer = printer;

  if (draft_text)
    {
      g_autoptr(ChcReportText) drafted = chc_report_draft_text (database, &options, NULL, &error);
      g_autofree char *printed = NULL;

      if (drafted == NULL)
        {
          chc_cli_print_error (error);
          return g_error_matches (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_PERIOD)
                 ? CHC_CLI_USAGE : CHC_CLI_DATA_PROBLEMS;
        }
      printed = chc_report_text_to_string (drafted);
      g_print ("%s", printed);
      return CHC_CLI_OK;
    }

  if (text_file != NULL)
    {
      g_autofree char *contents = NULL;

      if (!g_file_get_contents (text_file, &contents, NULL, &error) ||
          (text = chc_report_text_parse (contents, &error)) == NULL)
        {
          chc_cli_print_error (error);
          return CHC_CLI_USAGE;
        }
      options.text = text;
    }

  /* What is remembered for the district's next bulletin. */
  if ((prefix != NULL &&
       !chc_database_set_bulletin_setting (database, options.district_id, CHC_BULLETIN_DOC_PREFIX, prefix, &error)) ||
      (copy_to != NULL &&
       !chc_database_set_bulletin_setting (database, options.district_id, CHC_BULLETIN_COPY_TO,
                                           copy_to, &error)) ||
      (printer != NULL && *printer &&
       !chc_database_set_bulletin_setting (database, options.district_id, CHC_BULLETIN_PRINTER, printer, &error)) ||
      (issuing_mark != NULL &&
       !chc_database_set_bulletin_setting (database, options.district_id, CHC_BULLETIN_ISSUING_MARK,
                                           issuing_mark, &error)) ||
      (text != NULL && text->sections[CHC_REPORT_TEXT_REQUIREMENTS] != NULL &&
       !chc_database_set_bulletin_setting (database, options.district_id, CHC_BULLETIN_REQUIREMENTS,
                                           text->sections[CHC_REPORT_TEXT_REQUIREMENTS], &error)))
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }

  chc_cli_print_row (2, (const char *[]) { "file", "pages" });

  if (output != NULL)
    {
      /* The number the register gives next; entered once the PDF is
       * written, so a failed write takes no number. */
      report = chc_report_issue (database, &options, output, NULL, &error);
      if (report == NULL)
        {
          chc_cli_print_error (error);
          return g_error_matches (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_WRITE)
                 ? CHC_CLI_USAGE : CHC_CLI_DATA_PROBLEMS;
        }
      print_written (output, chc_report_get_n_pages (report, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT));
    }

  if (tables != NULL)
    {
      /* The issued bulletin's tables, or (without --output) the same
       * tables built without taking a number. */
      if (report == NULL)
        report = chc_report_build (database, &options, NULL, &error);
      if (report == NULL || !chc_report_write_tables_xlsx (report, NULL, tables, &error))
        {
          chc_cli_print_error (error);
          return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED) ||
                 error->domain == G_FILE_ERROR ? CHC_CLI_USAGE : CHC_CLI_DATA_PROBLEMS;
        }
      chc_cli_print_row (2, (const char *[]) { tables, "" });
    }

  if (each_dir != NULL)
    {
      g_auto(GStrv) written = NULL;
      g_autofree char *doc_prefix = NULL;
      int doc_year = 0;

      /* All the editions of one bulletin carry one number. */
      options.centre_id = 0;
      doc_prefix = chc_report_dup_doc_prefix (database, &options, &doc_year);
      options.doc_number = chc_database_next_bulletin_number (database, options.district_id,
                                                              doc_prefix, doc_year, &error);
      if (options.doc_number > 0)
        written = chc_report_write_each_centre (database, &options, each_dir, NULL, &error);
      if (written != NULL && written[0] != NULL)
        {
          g_autofree char *period = month > 0 ? g_strdup_printf ("%04d-%02d", year, month)
                                              : g_strdup_printf ("%04d", year);
          g_autofree char *title = g_strdup_printf ("%s（各中心版）", period);

          if (chc_database_register_bulletin (database, options.district_id, doc_prefix, doc_year,
                                              title, period, options.issue_date ? options.issue_date : "",
                                              (int) g_strv_length (written), &error) <= 0)
            g_clear_pointer (&written, g_strfreev);
        }

      if (written == NULL)
        {
          chc_cli_print_error (error);
          return g_error_matches (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_WRITE)
                 ? CHC_CLI_USAGE : CHC_CLI_DATA_PROBLEMS;
        }
      for (guint i = 0; written[i] != NULL; i++)
        print_written (written[i], -1);
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "Wrote %u per-centre bulletin into %s.\n",
                               "Wrote %u per-centre bulletins into %s.\n", g_strv_length (written)),
                  g_strv_length (written), each_dir);
    }
  return CHC_CLI_OK;
}

int
chc_cli_form (ChcCli  *cli,
              int      argc,
              char   **argv)
{
  g_autofree char *centre_name = NULL;
  g_autofree char *period = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "centre", 0, 0, G_OPTION_ARG_STRING, &centre_name, N_("The centre (code or name)"), N_("NAME") },
    { "month", 'm', 0, G_OPTION_ARG_STRING, &period, N_("The month of the form"), N_("YYYY-MM") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcFacility) centre = NULL;
  g_autoptr(ChcReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!chc_cli_parse ("form", NULL,
                      _("Writes a blank monthly entry form of a centre as a PDF file, for filling in by hand."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (centre_name == NULL || period == NULL || output == NULL)
    {
      g_printerr ("%s\n", _("chc-cli form: --centre, --month and --output are required"));
      return CHC_CLI_USAGE;
    }

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  if ((centre = chc_cli_find_centre (database, centre_name, 0)) == NULL)
    return CHC_CLI_USAGE;

  report = chc_report_build_form (database, chc_facility_get_id (centre), period, &error);
  if (report == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  if (!chc_report_write_pdf (report, output, &error))
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  chc_cli_print_row (2, (const char *[]) { "file", "pages" });
  print_written (output, chc_report_get_n_pages (report, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT));
  return CHC_CLI_OK;
}
