/* chc-cli-elements.c — chc-cli elements (list, add) and chc-cli values:
 * the data elements and their values (issue 13).  The TSV columns are
 * fixed: scripts rely on them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "chc-cli.h"
#include "core/chc-element.h"
#include "io/chc-csv-values.h"
#include "store/chc-database-values.h"

static int
list_elements (ChcCli *cli)
{
  static const char *const header[] = {
    "code", "name", "unit", "value_type", "level", "period_type", "aggregation", "origin",
  };
  g_autoptr(ChcDatabase) database = chc_cli_open_database (cli);
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GError) error = NULL;

  if (database == NULL)
    return CHC_CLI_USAGE;
  elements = chc_database_list_elements (database, &error);
  if (elements == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  chc_cli_print_row (G_N_ELEMENTS (header), header);
  for (guint i = 0; i < elements->len; i++)
    {
      ChcElement *element = g_ptr_array_index (elements, i);
      const char *row[] = {
        element->code, element->name_zh, element->unit,
        chc_value_type_to_nick (element->value_type),
        chc_element_level_to_nick (element->level),
        chc_period_type_to_nick (element->period_type),
        chc_aggregation_to_nick (element->aggregation),
        chc_element_origin_to_nick (element->origin),
      };

      chc_cli_print_row (G_N_ELEMENTS (row), row);
    }
  return CHC_CLI_OK;
}

static int
add_element (ChcCli  *cli,
             int      argc,
             char   **argv)
{
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  g_autofree char *name_en = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *value_type = NULL;
  g_autofree char *level = NULL;
  g_autofree char *period_type = NULL;
  g_autofree char *aggregation = NULL;
  double min = NAN, max = NAN;
  const GOptionEntry entries[] = {
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The element's code: lower-case letters, digits and _"), N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Its Chinese name"), N_("NAME") },
    { "name-en", 0, 0, G_OPTION_ARG_STRING, &name_en, N_("Its English name"), N_("NAME") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Its unit (人, 人次, 元…)"), N_("UNIT") },
    { "value-type", 0, 0, G_OPTION_ARG_STRING, &value_type, N_("integer, decimal, percent or yes-no"), N_("TYPE") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_("Who reports it: facility, centre or district"), N_("LEVEL") },
    { "period-type", 0, 0, G_OPTION_ARG_STRING, &period_type, N_("month, quarter or year"), N_("TYPE") },
    { "aggregation", 0, 0, G_OPTION_ARG_STRING, &aggregation,
      N_("sum (a flow), stock (latest value), any or count (yes/no); default: sum, count for yes-no"), N_("RULE") },
    { "min", 0, 0, G_OPTION_ARG_DOUBLE, &min, N_("The lowest value allowed (default 0)"), N_("NUMBER") },
    { "max", 0, 0, G_OPTION_ARG_DOUBLE, &max, N_("The highest value allowed"), N_("NUMBER") },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcElement) element = NULL;
  g_autoptr(GError) error = NULL;

  if (!chc_cli_parse ("elements add", NULL,
                      _("Adds a data element of the commission's own: its values are then imported, "
                        "listed, exported and carried by packages like any other figure."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (code == NULL || name == NULL || value_type == NULL || level == NULL || period_type == NULL)
    {
      g_printerr (_("chc-cli elements add: give --code, --name, --value-type, --level and --period-type.\n"));
      return CHC_CLI_USAGE;
    }
  element = chc_element_new (code, name);
  if (name_en != NULL)
    g_free (element->name_en), element->name_en = g_strdup (name_en);
  if (unit != NULL)
    g_free (element->unit), element->unit = g_strdup (unit);
  element->origin = CHC_ELEMENT_ORIGIN_USER;
  if (!chc_value_type_from_nick (value_type, &element->value_type) ||
      element->value_type == CHC_VALUE_TYPE_DATE)
    {
      g_printerr (_("chc-cli elements add: --value-type is integer, decimal, percent or yes-no.\n"));
      return CHC_CLI_USAGE;
    }
  if (!chc_element_level_from_nick (level, &element->level))
    {
      g_printerr (_("chc-cli elements add: --level is facility, centre or district.\n"));
      return CHC_CLI_USAGE;
    }
  if (!chc_period_type_from_nick (period_type, &element->period_type) ||
      element->period_type == CHC_PERIOD_TYPE_DATED)
    {
      g_printerr (_("chc-cli elements add: --period-type is month, quarter or year.\n"));
      return CHC_CLI_USAGE;
    }
  if (aggregation == NULL)
    element->aggregation = element->value_type == CHC_VALUE_TYPE_YES_NO ? CHC_AGGREGATION_COUNT
                                                                        : CHC_AGGREGATION_SUM;
  else if (!chc_aggregation_from_nick (aggregation, &element->aggregation))
    {
      g_printerr (_("chc-cli elements add: --aggregation is sum, stock, any or count.\n"));
      return CHC_CLI_USAGE;
    }
  element->min = element->value_type == CHC_VALUE_TYPE_YES_NO ? NAN : (isnan (min) ? 0 : min);
  element->max = max;

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  if (!chc_database_add_element (database, element, &error))
    {
      chc_cli_print_error (error);
      return g_error_matches (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT) ||
             error->domain != CHC_DATABASE_ERROR ? CHC_CLI_DATA_PROBLEMS : CHC_CLI_USAGE;
    }
  g_printerr (_("Added the data element %s (%s).\n"), element->code, element->name_zh);
  return CHC_CLI_OK;
}

int
chc_cli_elements (ChcCli  *cli,
                  int      argc,
                  char   **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return add_element (cli, argc - 1, argv + 1);
  if (!chc_cli_parse ("elements", "[add]",
                      _("Lists the data elements (the monitored figures) as TSV: the built-in ones, then the "
                        "commission's own; “elements add” adds one."),
                      (const GOptionEntry[]) { { NULL } }, &argc, &argv))
    return CHC_CLI_USAGE;
  if (argc > 1)
    {
      g_printerr (_("chc-cli elements: unknown subcommand “%s” (add).\n"), argv[1]);
      return CHC_CLI_USAGE;
    }
  return list_elements (cli);
}

int
chc_cli_values (ChcCli  *cli,
                int      argc,
                char   **argv)
{
  g_autofree char *district_name = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *element_code = NULL;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("The district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period_text,
      N_("The period: a month (2024-12), a quarter (2024Q4) or a year (2024, with its months and quarters)"), N_("PERIOD") },
    { "element", 'e', 0, G_OPTION_ARG_STRING, &element_code, N_("Only this data element (code or name)"), N_("CODE") },
    { NULL }
  };
  static const char *const header[] = { "facility_code", "facility_name", "element", "period", "value" };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(ChcElement) element = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *period = NULL;

  if (!chc_cli_parse ("values", NULL,
                      _("Prints the reported values of the data elements as TSV, one value a row; a figure "
                        "that was not reported has no row."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (district_name == NULL || period_text == NULL)
    {
      g_printerr (_("chc-cli values: give --district and --period.\n"));
      return CHC_CLI_USAGE;
    }
  if (!chc_csv_parse_any_period (period_text, &period, NULL, &error))
    {
      g_printerr ("chc-cli values: %s\n", error->message);
      return CHC_CLI_USAGE;
    }

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  district = chc_cli_find_district (database, district_name);
  chc_cli_listing_set_period (period);
  if (district == NULL)
    return CHC_CLI_USAGE;
  if (element_code != NULL && (element = chc_database_find_element (database, element_code, &error)) == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  values = chc_database_list_values (database, chc_district_get_id (district), period,
                                     element != NULL ? element->code : NULL, &error);
  elements = values != NULL ? chc_database_list_elements (database, &error) : NULL;
  if (values == NULL || elements == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  for (guint i = 0; i < elements->len; i++)
    {
      ChcElement *e = g_ptr_array_index (elements, i);
      g_hash_table_insert (by_code, e->code, e);
    }

  chc_cli_print_row (G_N_ELEMENTS (header), header);
  for (guint i = 0; i < values->len; i++)
    {
      ChcValue *value = g_ptr_array_index (values, i);
      g_autofree char *shown = NULL;
      ChcElement *e = g_hash_table_lookup (by_code, value->element);
      const char *row[5];

      /* numbers as numbers (yes/no as 1/0): scripts read them */
      shown = e != NULL && e->value_type != CHC_VALUE_TYPE_YES_NO
              ? chc_element_format_value (e, value->value)
              : g_strdup (value->value != 0 ? "1" : "0");
      row[0] = value->facility_code;
      row[1] = value->facility_name;
      row[2] = value->element;
      row[3] = value->period;
      row[4] = shown;
      chc_cli_print_row (G_N_ELEMENTS (row), row);
    }
  if (values->len == 0)
    g_printerr (_("No value of %s was reported for %s.\n"), chc_district_get_name (district), period);
  if (chc_database_get_demo (database))
    g_printerr (_("Demo data: the figures are invented.\n"));
  return CHC_CLI_OK;
}
