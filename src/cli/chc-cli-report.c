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

/* The bulletin of the register named by @number or @id. */
static ChcBulletinIssue *
find_issue (ChcDatabase  *database,
            const char   *number,
            gint64        id,
            gint64        district_id,
            GError      **error)
{
  g_autofree char *prefix = NULL;
  int year = 0, n = 0;

  if (number == NULL)
    return chc_database_get_bulletin (database, id, error);
  if (!chc_report_parse_doc_number (number, &prefix, &year, &n))
    {
      g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_SNAPSHOT,
                   _("Not a document number: %s (e.g. 青卫健基层〔2025〕3号)"), number);
      return NULL;
    }
  return chc_database_find_bulletin (database, district_id, prefix, year, n, error);
}

/* chc-cli report --reprint: the issued bulletin again from its recorded
 * figures; takes no number and remembers nothing. */
static int
reprint_bulletin (ChcCli     *cli,
                  const char *number,
                  gint64      id,
                  const char *district_name,
                  const char *centre_name,
                  const char *output,
                  const char *each_dir,
                  const char *tables)
{
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(ChcFacility) centre = NULL;
  g_autoptr(ChcBulletinIssue) issue = NULL;
  g_autoptr(ChcReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (output == NULL && each_dir == NULL && tables == NULL)
    {
      g_printerr ("%s\n", _("chc-cli report: --reprint needs --output (or --each-centre, or --tables)"));
      return CHC_CLI_USAGE;
    }
  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  if (district_name != NULL && (district = chc_cli_find_district (database, district_name)) == NULL)
    return CHC_CLI_USAGE;
  issue = find_issue (database, number, id, district ? chc_district_get_id (district) : 0, &error);
  if (issue == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  if (centre_name != NULL &&
      (centre = chc_cli_find_centre (database, centre_name, issue->district_id)) == NULL)
    return CHC_CLI_USAGE;

  chc_cli_print_row (2, (const char *[]) { "file", "pages" });
  if (output != NULL || tables != NULL)
    {
      report = chc_report_reprint (database, issue, centre ? chc_facility_get_id (centre) : 0, &error);
      if (report == NULL ||
          (output != NULL && !chc_report_write_pdf (report, output, &error)) ||
          (tables != NULL && !chc_report_write_tables_xlsx (report, NULL, tables, &error)))
        {
          chc_cli_print_error (error);
          return g_error_matches (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_SNAPSHOT)
                 ? CHC_CLI_DATA_PROBLEMS : CHC_CLI_USAGE;
        }
      if (output != NULL)
        print_written (output, chc_report_get_n_pages (report, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT));
      if (tables != NULL)
        chc_cli_print_row (2, (const char *[]) { tables, "" });
    }
  if (each_dir != NULL)
    {
      g_auto(GStrv) written = chc_report_reprint_each_centre (database, issue, each_dir, &error);

      if (written == NULL)
        {
          chc_cli_print_error (error);
          return g_error_matches (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_SNAPSHOT)
                 ? CHC_CLI_DATA_PROBLEMS : CHC_CLI_USAGE;
        }
      for (guint i = 0; written[i] != NULL; i++)
        print_written (written[i], -1);
    }
  return CHC_CLI_OK;
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
  g_autofree char *reprint = NULL;
  gint64 reprint_id = 0;
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
    { "reprint", 0, 0, G_OPTION_ARG_STRING, &reprint, N_("Print an issued bulletin again, by its number (青卫健基层〔2025〕3号), from the figures it was issued with"), N_("NUMBER") },
    { "reprint-id", 0, 0, G_OPTION_ARG_INT64, &reprint_id, N_("Print an issued bulletin again, by its id in chc-cli bulletins"), N_("ID") },
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

  if (reprint != NULL || reprint_id > 0)
    return reprint_bulletin (cli, reprint, reprint_id, district_name, centre_name, output, each_dir, tables);

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

      /* All the editions of one bulletin carry one number, entered in the
       * register with the figures they showed. */
      written = chc_report_issue_each_centre (database, &options, each_dir, NULL, &error);
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

/* chc-cli bulletins: the register of issued bulletins, and whether the
 * figures each showed have changed since. */
int
chc_cli_bulletins (ChcCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autofree char *district_name = NULL;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("The district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changed = 0, n_unknown = 0;

  if (!chc_cli_parse ("bulletins", NULL,
                      _("Lists the register of issued bulletins as TSV: number, period, date, issuing body, "
                        "when issued, the checksum of the figures and whether they have changed since "
                        "(yes, no; “unknown” when they cannot be compared: issued before figures were recorded, or in another interface language)."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (district_name == NULL)
    {
      g_printerr ("%s\n", _("chc-cli bulletins: --district is required"));
      return CHC_CLI_USAGE;
    }
  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  if ((district = chc_cli_find_district (database, district_name)) == NULL)
    return CHC_CLI_USAGE;
  issues = chc_database_list_bulletins (database, chc_district_get_id (district), &error);
  if (issues == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_DATA_PROBLEMS;
    }

  /* id last: what --reprint-id takes. */
  chc_cli_print_row (8, (const char *[]) { "number", "period", "issue_date", "issuer", "issued_at",
                                            "checksum", "changed", "id" });
  for (guint i = 0; i < issues->len; i++)
    {
      ChcBulletinIssue *issue = g_ptr_array_index (issues, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, issue->id);
      g_autofree char *number = chc_bulletin_issue_dup_doc_number (issue);
      g_autoptr(GError) local_error = NULL;
      gboolean changed = FALSE;
      const char *changed_text = "unknown";

      if (chc_report_figures_changed (database, issue, &changed, &local_error))
        {
          changed_text = changed ? "yes" : "no";
          if (changed)
            n_changed++;
        }
      else
        {
          n_unknown++;
          if (!g_error_matches (local_error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_SNAPSHOT))
            chc_cli_print_error (local_error);
        }
      chc_cli_print_row (8, (const char *[]) { number, issue->period, issue->issue_date,
                                                issue->issuer ? issue->issuer : "",
                                                issue->issued_at, issue->checksum ? issue->checksum : "",
                                                changed_text, id });
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u bulletin issued; figures changed since issue: %u; not compared: %u.\n",
                           "%u bulletins issued; figures changed since issue: %u; not compared: %u.\n",
                           issues->len),
              issues->len, n_changed, n_unknown);
  return CHC_CLI_OK;
}
