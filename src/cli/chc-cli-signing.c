/* chc-cli-signing.c — chc-cli signing: a district's family-doctor signing
 * figures of a month as TSV.
 *
 * One row per reporting facility (operating centres and branch centres, and
 * any other facility with figures for the month), no total row: a facility
 * that has not reported the month has empty figures, and the rates are
 * empty when their denominator is 0.  The district's total (sums of the
 * figures, never an average of rates) goes to stderr with the other notes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <glib/gi18n.h>

#include "chc-cli.h"
#include "core/chc-signing.h"
#include "store/chc-database-signing.h"

int
chc_cli_signing (ChcCli  *cli,
                 int      argc,
                 char   **argv)
{
  g_autofree char *district_name = NULL;
  g_autofree char *period = NULL;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("The district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period, N_("The month, as YYYY-MM"), N_("YYYY-MM") },
    { NULL }
  };
  /* the figures' columns are their data elements' (data/elements.ini) */
  const char *header[3 + CHC_SIGNING_N_FIGURES + 3] = { "facility_code", "facility_name", "period" };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  ChcSigningFigures total = { { 0 } };
  ChcAggregate info = { 0 };
  guint n_saved = 0;

  if (!chc_cli_parse ("signing", NULL,
                      _("Prints a district’s family-doctor signing figures of a month as TSV, one row per reporting centre or branch centre; rates are percentages."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;

  if (district_name == NULL || period == NULL)
    {
      g_printerr (_("chc-cli signing: give --district and --period.\n"));
      return CHC_CLI_USAGE;
    }
  if (!chc_signing_period_parse (period, NULL, NULL))
    {
      g_printerr (_("chc-cli signing: “%s” is not a month: write it as YYYY-MM, for example 2025-06.\n"),
                  period);
      return CHC_CLI_USAGE;
    }

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  district = chc_cli_find_district (database, district_name);
  chc_cli_listing_set_period (period);
  if (district == NULL)
    return CHC_CLI_USAGE;

  records = chc_database_list_signing_month (database, chc_district_get_id (district),
                                             period, &error);
  if (records == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }

  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    header[3 + f] = chc_signing_figure_to_field (f);
  header[3 + CHC_SIGNING_N_FIGURES] = chc_signing_rate_to_field (CHC_SIGNING_COVERAGE);
  header[4 + CHC_SIGNING_N_FIGURES] = chc_signing_rate_to_field (CHC_SIGNING_KEY_COVERAGE);
  header[5 + CHC_SIGNING_N_FIGURES] = chc_signing_rate_to_field (CHC_SIGNING_COMPLIANCE);
  chc_cli_print_row (G_N_ELEMENTS (header), header);
  for (guint i = 0; i < records->len; i++)
    {
      ChcSigningRecord *record = g_ptr_array_index (records, i);
      gboolean saved = chc_signing_record_get_saved (record);
      g_autofree char *coverage = NULL;
      g_autofree char *key_coverage = NULL;
      g_autofree char *compliance = NULL;
      char *numbers[CHC_SIGNING_N_FIGURES] = { NULL };
      const char *row[G_N_ELEMENTS (header)];
      ChcSigningFigures figures;

      chc_signing_record_get_figures (record, &figures);
      if (saved)
        {
          for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
            numbers[f] = g_strdup_printf ("%" G_GINT64_FORMAT, figures.value[f]);
          coverage = chc_signing_format_rate (&figures, CHC_SIGNING_COVERAGE);
          key_coverage = chc_signing_format_rate (&figures, CHC_SIGNING_KEY_COVERAGE);
          compliance = chc_signing_format_rate (&figures, CHC_SIGNING_COMPLIANCE);
          n_saved++;
        }

      row[0] = chc_signing_record_get_facility_code (record);
      row[1] = chc_signing_record_get_facility_name (record);
      row[2] = period;
      for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
        row[3 + f] = numbers[f];
      row[3 + CHC_SIGNING_N_FIGURES] = coverage;
      row[4 + CHC_SIGNING_N_FIGURES] = key_coverage;
      row[5 + CHC_SIGNING_N_FIGURES] = compliance;
      chc_cli_print_row (G_N_ELEMENTS (row), row);

      for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
        g_free (numbers[f]);
    }

  if (n_saved < records->len)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%u of %u facilities has not reported %s (empty figures).\n",
                             "%u of %u facilities have not reported %s (empty figures).\n",
                             records->len - n_saved),
                records->len - n_saved, records->len, period);
  /* The district's figures by the one aggregation every surface uses:
   * a centre that has not reported the month counts with its latest
   * month of the year. */
  if (!chc_database_signing_total (database, chc_district_get_id (district), period, &total, &info, &error))
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  if (info.n_reported > 0)
    {
      g_autofree char *coverage = chc_signing_format_percent (&total, CHC_SIGNING_COVERAGE);
      g_autofree char *key_coverage = chc_signing_format_percent (&total, CHC_SIGNING_KEY_COVERAGE);
      g_autofree char *compliance = chc_signing_format_percent (&total, CHC_SIGNING_COMPLIANCE);

      if (info.n_carried > 0)
        g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                 "%s, %s (sums of %u facilities, %u of them with its latest earlier month of the year): coverage %s, key-population coverage %s, community-visit compliance %s.\n",
                                 "%s, %s (sums of %u facilities, %u of them with their latest earlier month of the year): coverage %s, key-population coverage %s, community-visit compliance %s.\n",
                                 info.n_carried),
                    chc_district_get_name (district), period, info.n_reported, info.n_carried,
                    coverage, key_coverage, compliance);
      else
        g_printerr (_("%s, %s (sums of the %u reported facilities): coverage %s, key-population coverage %s, community-visit compliance %s.\n"),
                    chc_district_get_name (district), period, info.n_reported,
                    coverage, key_coverage, compliance);
    }
  if (chc_database_get_demo (database))
    g_printerr (_("Demo data: the figures are invented.\n"));
  return CHC_CLI_OK;
}
