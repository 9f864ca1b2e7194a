/* test-dhis2.c — DHIS2 exchange (issue 17): periods as DHIS2 and ADX
 * write them, dataValueSets JSON parsed back and round-tripped through
 * import, DHIS2 CSV, the ADX document's structure, the mapping file, and
 * the import's all-or-nothing checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "chc-test-util.h"
#include "io/chc-csv-export.h"
#include "io/chc-csv-import.h"
#include "io/chc-dhis2.h"

static void
test_periods (void)
{
  static const struct { const char *text; const char *id; const char *iso; } cases[] = {
    { "2024-12", "202412", "2024-12-01/P1M" }, { "202401", "202401", "2024-01-01/P1M" },
    { "2024Q4", "2024Q4", "2024-10-01/P3M" }, { "2024Q1", "2024Q1", "2024-01-01/P3M" },
    { "2024", "2024", "2024-01-01/P1Y" },
  };
  static const char *const bad[] = { "2024-13", "2024Q5", "24", "2024-1", "abc", "", "1800", "2024W01" };
  ChcDhis2Period period;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *iso = NULL;

      g_assert_true (chc_dhis2_period_parse (cases[i].text, &period, NULL));
      id = chc_dhis2_period_to_id (&period);
      iso = chc_dhis2_period_to_iso (&period);
      g_assert_cmpstr (id, ==, cases[i].id);
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (chc_dhis2_period_parse (bad[i], &period, &error));
      g_assert_nonnull (error);
    }
}

static char *
export_to (ChcDatabase           *database,
           const char            *dir,
           const char            *name,
           const char            *period_text,
           const ChcDhis2Mapping *mapping,
           ChcDhis2Format         format,
           guint                 *n_values)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDistrict) district = chc_database_find_district (database, "青浦", NULL);
  ChcDhis2Period period;

  g_assert_true (chc_dhis2_period_parse (period_text, &period, NULL));
  g_assert_true (chc_dhis2_export (database, chc_district_get_id (district), &period, mapping, format,
                                   file, n_values, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static char *
read_text (const char *path)
{
  g_autoptr(GBytes) bytes = chc_test_read_file (path);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A database with the demo's facilities and no figures. */
static ChcDatabase *
registry_copy (ChcDatabase *demo,
               const char  *dir)
{
  g_autofree char *path = g_build_filename (dir, "facilities.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcCsvReport) report = NULL;
  ChcDatabase *copy = chc_test_new_database (TRUE);

  g_assert_true (chc_csv_export (demo, CHC_CSV_KIND_FACILITIES, file, NULL, NULL, NULL, &error));
  report = chc_csv_import (copy, CHC_CSV_KIND_FACILITIES, file, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->written);
  return copy;
}

static gint64
figure (ChcDatabase *database,
        const char  *table,
        const char  *column,
        const char  *code,
        const char  *period)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (sum (%s), -1) FROM %s JOIN facility ON facility.id = facility_id "
                                          "WHERE code = '%s' AND period = '%s'", column, table, code, period);

  return chc_test_query_int (database, sql);
}

static void
test_json_round_trip (void)
{
  g_autoptr(ChcDatabase) demo = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();
  g_autoptr(ChcDatabase) copy = registry_copy (demo, dir);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ChcDhis2ImportReport) report = NULL;
  JsonObject *root;
  JsonArray *values;
  guint n_values = 0;

  first = export_to (demo, dir, "first.json", "2025-06", NULL, CHC_DHIS2_FORMAT_JSON, &n_values);
  g_assert_cmpuint (n_values, >, 50);

  /* dataValueSets as DHIS2 reads it */
  g_assert_true (json_parser_load_from_file (parser, first, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "dataSet"), ==, "CHC_MONTHLY");
  values = json_object_get_array_member (root, "dataValues");
  g_assert_cmpuint (json_array_get_length (values), ==, n_values);
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonObject *value = json_array_get_object_element (values, i);
      const char *element = json_object_get_string_member (value, "dataElement");
      gint64 number;

      g_assert_cmpstr (json_object_get_string_member (value, "period"), ==, "202506");
      g_assert_true (g_str_has_prefix (element, "CHC_SIGNING_") || g_str_has_prefix (element, "CHC_TCM_"));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (value, "orgUnit"), "310118"));
      /* counts only: whole numbers, no rates */
      g_assert_true (g_ascii_string_to_signed (json_object_get_string_member (value, "value"), 10, 0, G_MAXINT64,
                                               &number, NULL));
      g_assert_null (strstr (element, "COVERAGE"));
    }

  /* into a database that has the facilities only, and out again */
  file = g_file_new_for_path (first);
  report = chc_dhis2_import (copy, file, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_true (report->written);
  g_assert_cmpuint (report->inserted, >, 10);
  g_assert_cmpint (figure (copy, "signing", "signed_residents", "310118C01", "2025-06"), ==,
                   figure (demo, "signing", "signed_residents", "310118C01", "2025-06"));
  second = export_to (copy, dir, "second.json", "2025-06", NULL, CHC_DHIS2_FORMAT_JSON, NULL);
  first_text = read_text (first);
  second_text = read_text (second);
  g_assert_cmpstr (first_text, ==, second_text);

  /* the same file again changes nothing */
  g_clear_pointer (&report, chc_dhis2_import_report_free);
  report = chc_dhis2_import (copy, file, NULL, FALSE, &error);
  g_assert_cmpuint (report->inserted + report->updated, ==, 0);
}

static void
test_adx_structure (void)
{
  g_autoptr(ChcDatabase) demo = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = NULL;
  xmlDocPtr doc;
  xmlNodePtr root;
  guint n_values = 0, n_seen = 0, n_groups = 0;
  gint64 visits_c01 = -1, population_c01 = -1;

  path = export_to (demo, dir, "q2.adx.xml", "2025Q2", NULL, CHC_DHIS2_FORMAT_ADX, &n_values);
  doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "adx");
  g_assert_nonnull (root->ns);
  g_assert_cmpstr ((const char *) root->ns->href, ==, "urn:ihe:qrph:adx:2015");
  g_assert_true (xmlHasProp (root, (const xmlChar *) "exported") != NULL);
  for (xmlNodePtr group = root->children; group != NULL; group = group->next)
    {
      g_autofree char *org_unit = NULL;
      g_autofree char *period = NULL;

      if (group->type != XML_ELEMENT_NODE)
        continue;
      n_groups++;
      g_assert_cmpstr ((const char *) group->name, ==, "group");
      g_assert_cmpstr ((const char *) group->ns->href, ==, "urn:ihe:qrph:adx:2015");
      org_unit = (char *) xmlGetProp (group, (const xmlChar *) "orgUnit");
      period = (char *) xmlGetProp (group, (const xmlChar *) "period");
      g_assert_nonnull (org_unit);
      g_assert_cmpstr (period, ==, "2025-04-01/P3M");
      g_assert_true (xmlHasProp (group, (const xmlChar *) "dataSet") != NULL);
      for (xmlNodePtr value = group->children; value != NULL; value = value->next)
        {
          g_autofree char *element = NULL;
          g_autofree char *text = NULL;
          gint64 number;

          if (value->type != XML_ELEMENT_NODE)
            continue;
          g_assert_cmpstr ((const char *) value->name, ==, "dataValue");
          g_assert_null (value->children);
          element = (char *) xmlGetProp (value, (const xmlChar *) "dataElement");
          text = (char *) xmlGetProp (value, (const xmlChar *) "value");
          g_assert_nonnull (element);
          g_assert_true (g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &number, NULL));
          if (g_str_equal (org_unit, "310118C01") && g_str_equal (element, "CHC_SIGNING_SIGNED_VISITS_TOTAL"))
            visits_c01 = number;
          if (g_str_equal (org_unit, "310118C01") && g_str_equal (element, "CHC_SIGNING_RESIDENT_POPULATION"))
            population_c01 = number;
          n_seen++;
        }
    }
  xmlFreeDoc (doc);
  g_assert_cmpuint (n_seen, ==, n_values);
  g_assert_cmpuint (n_groups, >, 10);

  /* a quarter: visits summed over its months, people as of its last month */
  g_assert_cmpint (visits_c01, ==,
                   figure (demo, "signing", "signed_visits_total", "310118C01", "2025-04") +
                   figure (demo, "signing", "signed_visits_total", "310118C01", "2025-05") +
                   figure (demo, "signing", "signed_visits_total", "310118C01", "2025-06"));
  g_assert_cmpint (population_c01, ==, figure (demo, "signing", "resident_population", "310118C01", "2025-06"));
}

static void
test_csv (void)
{
  g_autoptr(ChcDatabase) demo = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_values = 0;

  path = export_to (demo, dir, "year.csv", "2024", NULL, CHC_DHIS2_FORMAT_CSV, &n_values);
  text = read_text (path);
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment,followup");
  g_assert_cmpuint (g_strv_length (lines), ==, n_values + 2);   /* the header, the last CRLF */
  for (guint i = 1; i <= n_values; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 10);
      g_assert_cmpstr (fields[1], ==, "2024");
    }
}

static void
test_mapping (void)
{
  g_autoptr(ChcDatabase) demo = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();
  g_autoptr(ChcDatabase) copy = registry_copy (demo, dir);
  g_autofree char *map_path = g_build_filename (dir, "mapping.ini", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.ini", NULL);
  g_autoptr(ChcDhis2Mapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *adx = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ChcDhis2ImportReport) report = NULL;
  const char *ini =
    "[dhis2]\ndataSet = QX4ZTUbOAn5\nattributeOptionCombo = HllvX50cXC0\n"
    "[dataElements]\nsigning.signed_residents = fbfJHSPpUQD\nsigning.key_population_signed = fbfJHSPpUQD\n"
    "[categoryOptionCombos]\nsigning.key_population_signed = S34ULMcHMca\n"
    "[adx]\nsigning.key_population_signed = POPULATION=KEY\n"
    "[orgUnits]\n310118C01 = DiszpKrYNg8\n";

  g_assert_true (g_file_set_contents (map_path, ini, -1, NULL));
  mapping = chc_dhis2_mapping_load (map_path, &error);
  g_assert_no_error (error);

  json = export_to (demo, dir, "mapped.json", "202506", mapping, CHC_DHIS2_FORMAT_JSON, NULL);
  text = read_text (json);
  g_assert_nonnull (strstr (text, "\"dataSet\" : \"QX4ZTUbOAn5\""));
  g_assert_nonnull (strstr (text, "\"orgUnit\" : \"DiszpKrYNg8\""));
  g_assert_nonnull (strstr (text, "\"categoryOptionCombo\" : \"S34ULMcHMca\""));
  g_assert_nonnull (strstr (text, "\"attributeOptionCombo\" : \"HllvX50cXC0\""));
  g_assert_null (strstr (text, "\"orgUnit\" : \"310118C01\""));
  g_clear_pointer (&text, g_free);

  adx = export_to (demo, dir, "mapped.xml", "202506", mapping, CHC_DHIS2_FORMAT_ADX, NULL);
  text = read_text (adx);
  g_assert_nonnull (strstr (text, "dataElement=\"fbfJHSPpUQD\" POPULATION=\"KEY\""));
  g_assert_nonnull (strstr (text, "orgUnit=\"DiszpKrYNg8\""));

  /* back through the same mapping: the same element with two combos */
  file = g_file_new_for_path (json);
  report = chc_dhis2_import (copy, file, mapping, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpint (figure (copy, "signing", "key_population_signed", "310118C01", "2025-06"), ==,
                   figure (demo, "signing", "key_population_signed", "310118C01", "2025-06"));
  g_assert_cmpint (figure (copy, "signing", "signed_residents", "310118C01", "2025-06"), ==,
                   figure (demo, "signing", "signed_residents", "310118C01", "2025-06"));

  /* an element we do not have, an identifier with a space */
  g_assert_true (g_file_set_contents (bad_path, "[dataElements]\nsigning.coverage = X\n", -1, NULL));
  g_assert_null (chc_dhis2_mapping_load (bad_path, &error));
  g_assert_nonnull (strstr (error->message, "signing.coverage"));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (bad_path, "[orgUnits]\n310118C01 = a b\n", -1, NULL));
  g_assert_null (chc_dhis2_mapping_load (bad_path, &error));
  g_clear_error (&error);
}

static void
test_import_problems (void)
{
  g_autoptr(ChcDatabase) demo = chc_test_new_demo ();
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "server.json", NULL);
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDhis2ImportReport) report = NULL;
  gint64 before = chc_test_query_int (demo, "SELECT count (*) FROM signing");
  const char *json =
    "{\"dataValues\": ["
    "{\"dataElement\":\"CHC_SIGNING_RESIDENT_POPULATION\",\"period\":\"202701\",\"orgUnit\":\"310118C01\",\"value\":\"1000\"},"
    "{\"dataElement\":\"CHC_SIGNING_SIGNED_RESIDENTS\",\"period\":\"202701\",\"orgUnit\":\"310118C01\",\"value\":2000},"
    "{\"dataElement\":\"CHC_SIGNING_RESIDENT_POPULATION\",\"period\":\"202701\",\"orgUnit\":\"310118C02\",\"value\":\"1000\"},"
    "{\"dataElement\":\"CHC_SIGNING_SIGNED_RESIDENTS\",\"period\":\"202701\",\"orgUnit\":\"310118C02\",\"value\":\"500\"},"
    "{\"dataElement\":\"CHC_UNKNOWN\",\"period\":\"202701\",\"orgUnit\":\"310118C01\",\"value\":\"1\"},"
    "{\"dataElement\":\"CHC_TCM_TCM_VISITS\",\"period\":\"2027Q1\",\"orgUnit\":\"310118C01\",\"value\":\"1\"},"
    "{\"dataElement\":\"CHC_TCM_TCM_VISITS\",\"period\":\"202701\",\"orgUnit\":\"NOWHERE\",\"value\":\"1\"},"
    "{\"dataElement\":\"CHC_TCM_ALL_VISITS\",\"period\":\"202701\",\"orgUnit\":\"NOWHERE\",\"value\":\"2\"},"
    "{\"period\":\"202701\"}"
    "]}";

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  report = chc_dhis2_import (demo, file, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (report->written);
  g_assert_cmpuint (report->n_values, ==, 9);
  {
    g_autofree char *all = NULL;

    g_ptr_array_add (report->problems, NULL);
    all = g_strjoinv ("\n", (char **) report->problems->pdata);
    g_ptr_array_remove_index (report->problems, report->problems->len - 1);
    g_assert_nonnull (strstr (all, "server.json: orgUnit 310118C01, period 202701: "));   /* 2000 signed of 1000 */
    g_assert_nonnull (strstr (all, "CHC_UNKNOWN is not in the mapping"));
    g_assert_nonnull (strstr (all, "the period 2027Q1 is not a month"));
    g_assert_nonnull (strstr (all, "orgUnit NOWHERE, period 202701: "));
    g_assert_nonnull (strstr (all, "data value 9 lacks"));
    g_assert_null (strstr (all, "310118C02"));
  }
  /* nothing written, not even the good facility-month */
  g_assert_cmpint (chc_test_query_int (demo, "SELECT count (*) FROM signing"), ==, before);

  /* not dataValueSets */
  g_assert_true (g_file_set_contents (path, "[1,2,3]", -1, NULL));
  g_clear_pointer (&report, chc_dhis2_import_report_free);
  g_assert_null (chc_dhis2_import (demo, file, NULL, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* chc-cli */
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "init", "--demo", NULL });
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) { "--db", db, "export", "dhis2", "--period", "2025-06", NULL });
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) { "--db", db, "export", "dhis2", "--period", "2025-13", "-o", path, NULL });
  chc_test_run_cli_expect (2, &out, &err, (const char *[]) { "--db", db, "export", "dhis2", "--year", "2025", "--format", "xls", "-o", path, NULL });
  {
    g_autofree char *adx = g_build_filename (dir, "q.xml", NULL);
    g_autofree char *text = NULL;

    /* the format from the suffix; a suffix of another format is refused */
    chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "export", "dhis2", "--period", "2025Q2", "-o", adx, NULL });
    text = read_text (adx);
    g_assert_true (g_str_has_prefix (text, "<?xml"));
    chc_test_run_cli_expect (2, &out, &err, (const char *[]) { "--db", db, "export", "dhis2", "--period", "2025Q2", "--format", "json", "-o", adx, NULL });
    g_assert_nonnull (strstr (err, "does not end in the suffix"));
  }
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "export", "dhis2", "-d", "青浦", "--period", "2025-06", "-o", path, NULL });
  g_assert_nonnull (strstr (err, "idScheme=CODE"));
  chc_test_run_cli_expect (0, &out, &err, (const char *[]) { "--db", db, "import", "dhis2", path, "--check", NULL });
  g_assert_nonnull (strstr (err, "unchanged"));
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  chc_test_run_cli_expect (1, &out, &err, (const char *[]) { "--db", db, "import", "dhis2", path, NULL });
  g_assert_nonnull (strstr (err, "nothing was imported"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dhis2/periods", test_periods);
  g_test_add_func ("/dhis2/json-round-trip", test_json_round_trip);
  g_test_add_func ("/dhis2/adx-structure", test_adx_structure);
  g_test_add_func ("/dhis2/csv", test_csv);
  g_test_add_func ("/dhis2/mapping", test_mapping);
  g_test_add_func ("/dhis2/import-problems", test_import_problems);
  return g_test_run ();
}
