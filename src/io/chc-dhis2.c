/* chc-dhis2.c — DHIS2 dataValueSets JSON, DHIS2 CSV and ADX.
 *
 * The values come from the CSV export of the monthly kinds (signing, TCM)
 * and go back through the CSV import, so that DHIS2 files obey the same
 * rules as every other way in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-dhis2"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libxml/xmlwriter.h>

#include "chc-dhis2.h"
#include "core/chc-element.h"
#include "core/chc-signing.h"
#include "chc-csv-export.h"
#include "chc-csv-import.h"
#include "chc-csv-reader.h"

#define ADX_NAMESPACE "urn:ihe:qrph:adx:2015"
#define DEFAULT_DATA_SET "CHC_MONTHLY"
/* A dataValueSets file larger than this is refused before parsing. */
#define MAX_JSON_BYTES (256 * 1024 * 1024)

typedef struct
{
  const char *key;        /* "signing.resident_population" */
  ChcCsvKind  kind;
  const char *column;     /* the CSV column (English name) */
  gboolean    stock;      /* a count of people: the period's last month; else summed */
} Element;

/* The figures of the monthly kinds, from their data elements
 * (data/elements.ini): the signing family, then the TCM visits. */
#define N_ELEMENTS (CHC_SIGNING_N_FIGURES + 2)

static const Element *
get_elements (void)
{
  static const Element *table;

  if (g_once_init_enter (&table))
    {
      static const struct { const char *family; const char *prefix; ChcCsvKind kind; } families[] = {
        { "signing", "signing", CHC_CSV_KIND_SIGNING },
        { "tcm_visits", "tcm", CHC_CSV_KIND_TCM },
      };
      Element *built = g_new0 (Element, N_ELEMENTS);
      guint n = 0;

      for (guint f = 0; f < G_N_ELEMENTS (families); f++)
        {
          g_autoptr(GPtrArray) family = chc_elements_list_family (families[f].family);

          for (guint i = 0; i < family->len; i++, n++)
            {
              ChcElement *element = g_ptr_array_index (family, i);

              g_assert (n < N_ELEMENTS);
              built[n].key = g_strconcat (families[f].prefix, ".", element->column, NULL);
              built[n].kind = families[f].kind;
              built[n].column = g_strdup (element->column);
              built[n].stock = element->aggregation == CHC_AGGREGATION_STOCK;
            }
        }
      g_assert (n == N_ELEMENTS);
      g_once_init_leave (&table, built);
    }
  return table;
}

#define elements (get_elements ())

struct _ChcDhis2Mapping
{
  char       *data_set;
  char       *attribute_option_combo;
  char       *data_element[N_ELEMENTS];
  char       *category_option_combo[N_ELEMENTS];
  char       *adx_category[N_ELEMENTS];    /* "POPULATION" */
  char       *adx_option[N_ELEMENTS];      /* "KEY" */
  GHashTable *org_units;                   /* facility code → org unit */
  GHashTable *facilities;                  /* org unit → facility code */
};

gboolean
chc_dhis2_format_from_nick (const char     *nick,
                            ChcDhis2Format *format)
{
  if (g_strcmp0 (nick, "json") == 0)
    *format = CHC_DHIS2_FORMAT_JSON;
  else if (g_strcmp0 (nick, "csv") == 0)
    *format = CHC_DHIS2_FORMAT_CSV;
  else if (g_strcmp0 (nick, "adx") == 0 || g_strcmp0 (nick, "xml") == 0)
    *format = CHC_DHIS2_FORMAT_ADX;
  else
    return FALSE;
  return TRUE;
}

/* ---- periods ------------------------------------------------------------ */

gboolean
chc_dhis2_period_parse (const char      *text,
                        ChcDhis2Period  *period,
                        GError         **error)
{
  int year = 0, month = 0, quarter = 0;
  char tail = 0;
  gsize length = text != NULL ? strlen (text) : 0;

  if (length == 7 && sscanf (text, "%4d-%2d%c", &year, &month, &tail) == 2 && month >= 1 && month <= 12)
    *period = (ChcDhis2Period) { year, month, 1 };
  else if (length == 6 && g_ascii_isdigit (text[4]) && sscanf (text, "%4d%2d%c", &year, &month, &tail) == 2 &&
           month >= 1 && month <= 12)
    *period = (ChcDhis2Period) { year, month, 1 };
  else if (length == 6 && sscanf (text, "%4dQ%1d%c", &year, &quarter, &tail) == 2 && quarter >= 1 && quarter <= 4)
    *period = (ChcDhis2Period) { year, 3 * (quarter - 1) + 1, 3 };
  else if (length == 4 && sscanf (text, "%4d%c", &year, &tail) == 1)
    *period = (ChcDhis2Period) { year, 1, 12 };
  else
    year = 0;

  if (year < 1900 || year > 2100)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a period: write a month as 2024-12 or 202412, a quarter as 2024Q4, a year as 2024."),
                   text != NULL ? text : "");
      return FALSE;
    }
  return TRUE;
}

char *
chc_dhis2_period_to_id (const ChcDhis2Period *period)
{
  if (period->n_months == 12)
    return g_strdup_printf ("%04d", period->year);
  if (period->n_months == 3)
    return g_strdup_printf ("%04dQ%d", period->year, (period->first_month - 1) / 3 + 1);
  return g_strdup_printf ("%04d%02d", period->year, period->first_month);
}

char *
chc_dhis2_period_to_iso (const ChcDhis2Period *period)
{
  return g_strdup_printf ("%04d-%02d-01/%s", period->year, period->first_month,
                          period->n_months == 12 ? "P1Y" : period->n_months == 3 ? "P3M" : "P1M");
}

/* ---- mapping ------------------------------------------------------------ */

const char *const *
chc_dhis2_element_keys (void)
{
  static const char *keys[N_ELEMENTS + 1];

  if (keys[0] == NULL)
    for (guint i = 0; i < N_ELEMENTS; i++)
      keys[i] = elements[i].key;
  return keys;
}

static int
find_element (const char *key)
{
  for (guint i = 0; i < N_ELEMENTS; i++)
    if (g_str_equal (elements[i].key, key))
      return (int) i;
  return -1;
}

ChcDhis2Mapping *
chc_dhis2_mapping_new (void)
{
  ChcDhis2Mapping *mapping = g_new0 (ChcDhis2Mapping, 1);

  mapping->data_set = g_strdup (DEFAULT_DATA_SET);
  for (guint i = 0; i < N_ELEMENTS; i++)
    {
      g_autofree char *upper = g_ascii_strup (elements[i].key, -1);

      g_strdelimit (upper, ".", '_');
      mapping->data_element[i] = g_strconcat ("CHC_", upper, NULL);
    }
  mapping->org_units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  mapping->facilities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return mapping;
}

void
chc_dhis2_mapping_free (ChcDhis2Mapping *mapping)
{
  if (mapping == NULL)
    return;
  g_free (mapping->data_set);
  g_free (mapping->attribute_option_combo);
  for (guint i = 0; i < N_ELEMENTS; i++)
    {
      g_free (mapping->data_element[i]);
      g_free (mapping->category_option_combo[i]);
      g_free (mapping->adx_category[i]);
      g_free (mapping->adx_option[i]);
    }
  g_hash_table_unref (mapping->org_units);
  g_hash_table_unref (mapping->facilities);
  g_free (mapping);
}

/* An identifier DHIS2 and ADX accept: 1–50 printable ASCII characters
 * without spaces, quotes or commas. */
static gboolean
is_identifier (const char *text)
{
  gsize n = 0;

  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++, n++)
    if (!g_ascii_isgraph (*p) || strchr ("\"',<>&=", *p) != NULL || n >= 50)
      return FALSE;
  return TRUE;
}

static gboolean
load_group (GKeyFile         *keys,
            const char       *group,
            const char       *path,
            ChcDhis2Mapping  *mapping,
            GError          **error)
{
  g_auto(GStrv) names = g_key_file_get_keys (keys, group, NULL, NULL);

  for (guint k = 0; names != NULL && names[k] != NULL; k++)
    {
      g_autofree char *value = g_key_file_get_string (keys, group, names[k], NULL);
      int e = find_element (names[k]);

      if (g_str_equal (group, "orgUnits"))
        {
          if (!is_identifier (value))
            goto bad_value;
          g_hash_table_replace (mapping->org_units, g_strdup (names[k]), g_strdup (value));
          g_hash_table_replace (mapping->facilities, g_strdup (value), g_strdup (names[k]));
          continue;
        }
      if (e < 0)
        {
          g_autofree char *known = g_strjoinv (", ", (char **) chc_dhis2_element_keys ());

          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                       _("%s: [%s] names “%s”, which is no element; the elements are %s."),
                       path, group, names[k], known);
          return FALSE;
        }
      if (g_str_equal (group, "adx"))
        {
          g_auto(GStrv) pair = g_strsplit (value != NULL ? value : "", "=", 2);

          if (pair[0] == NULL || pair[1] == NULL || !is_identifier (pair[0]) || !is_identifier (pair[1]) ||
              !g_ascii_isalpha (pair[0][0]))
            goto bad_value;
          g_free (mapping->adx_category[e]);
          g_free (mapping->adx_option[e]);
          mapping->adx_category[e] = g_strdup (pair[0]);
          mapping->adx_option[e] = g_strdup (pair[1]);
          continue;
        }
      if (!is_identifier (value))
        goto bad_value;
      if (g_str_equal (group, "dataElements"))
        {
          g_free (mapping->data_element[e]);
          mapping->data_element[e] = g_steal_pointer (&value);
        }
      else
        {
          g_free (mapping->category_option_combo[e]);
          mapping->category_option_combo[e] = g_steal_pointer (&value);
        }
      continue;

    bad_value:
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("%s: [%s] %s: “%s” is not a DHIS2 identifier (a UID or code without spaces)."),
                   path, group, names[k], value != NULL ? value : "");
      return FALSE;
    }
  return TRUE;
}

ChcDhis2Mapping *
chc_dhis2_mapping_load (const char  *path,
                        GError     **error)
{
  static const char *const groups[] = { "dataElements", "categoryOptionCombos", "adx", "orgUnits" };
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(ChcDhis2Mapping) mapping = chc_dhis2_mapping_new ();
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
                   _("The mapping file %s cannot be read: %s"), display, local_error->message);
      return NULL;
    }
  if (g_key_file_has_key (keys, "dhis2", "dataSet", NULL))
    {
      g_autofree char *value = g_key_file_get_string (keys, "dhis2", "dataSet", NULL);

      if (!is_identifier (value))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       _("%s: [%s] %s: “%s” is not a DHIS2 identifier (a UID or code without spaces)."),
                       display, "dhis2", "dataSet", value != NULL ? value : "");
          return NULL;
        }
      g_free (mapping->data_set);
      mapping->data_set = g_steal_pointer (&value);
    }
  if (g_key_file_has_key (keys, "dhis2", "attributeOptionCombo", NULL))
    {
      g_autofree char *value = g_key_file_get_string (keys, "dhis2", "attributeOptionCombo", NULL);

      if (!is_identifier (value))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       _("%s: [%s] %s: “%s” is not a DHIS2 identifier (a UID or code without spaces)."),
                       display, "dhis2", "attributeOptionCombo", value != NULL ? value : "");
          return NULL;
        }
      mapping->attribute_option_combo = g_steal_pointer (&value);
    }
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    if (!load_group (keys, groups[g], display, mapping, error))
      return NULL;
  return g_steal_pointer (&mapping);
}

/* The org unit of a facility: the [orgUnits] line of its code, else the
 * line of its 统一社会信用代码 (a commission's mapping may be keyed by the
 * national code, which does not depend on this application's codes),
 * else its own code. */
static const char *
org_unit_of (const ChcDhis2Mapping *mapping,
             ChcFacility           *facility)
{
  const char *code = chc_facility_get_code (facility);
  const char *credit = chc_facility_get_credit_code (facility);
  const char *unit = g_hash_table_lookup (mapping->org_units, code);

  if (unit == NULL && credit != NULL)
    unit = g_hash_table_lookup (mapping->org_units, credit);
  return unit != NULL ? unit : code;
}

/* ---- export ------------------------------------------------------------- */

typedef struct
{
  char   *facility_code;
  char   *org_unit;         /* resolve_org_units() */
  gint64  value[N_ELEMENTS];
  int     month[N_ELEMENTS];    /* the month a stock was taken from; 0: no value */
} FacilityValues;

static void
facility_values_free (gpointer data)
{
  FacilityValues *values = data;

  g_free (values->facility_code);
  g_free (values->org_unit);
  g_free (values);
}

/* The values of @kind's elements over @period, from its CSV export. */
static gboolean
collect (ChcDatabase           *database,
         gint64                 district_id,
         ChcCsvKind             kind,
         const ChcDhis2Period  *period,
         GHashTable            *by_code,
         GPtrArray             *ordered,
         GError               **error)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(ChcCsvReader) reader = NULL;
  ChcCsvExportOptions options;
  int column_of[N_ELEMENTS];
  int code_column = -1, period_column = -1;

  chc_csv_export_options_init (&options);
  options.district_id = district_id;
  options.english_headers = TRUE;
  options.year = period->year;
  if (!chc_csv_export_stream (database, kind, out, &options, NULL, NULL, error) ||
      !g_output_stream_close (out, NULL, error))
    return FALSE;
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  in = g_memory_input_stream_new_from_bytes (bytes);
  reader = chc_csv_reader_new (in, "export", CHC_CSV_ENCODING_UTF8, ',');

  if (!chc_csv_reader_next_row (reader, NULL, error))
    return error == NULL || *error == NULL;
  for (guint e = 0; e < N_ELEMENTS; e++)
    column_of[e] = -1;
  for (guint i = 0; i < chc_csv_reader_get_n_cells (reader); i++)
    {
      const char *header = chc_csv_reader_get_cell (reader, i);

      if (g_str_equal (header, "facility_code"))
        code_column = (int) i;
      else if (g_str_equal (header, "period"))
        period_column = (int) i;
      for (guint e = 0; e < N_ELEMENTS; e++)
        if (elements[e].kind == kind && g_str_equal (header, elements[e].column))
          column_of[e] = (int) i;
    }
  g_return_val_if_fail (code_column >= 0 && period_column >= 0, FALSE);

  while (chc_csv_reader_next_row (reader, NULL, error))
    {
      const char *code = chc_csv_reader_get_cell (reader, code_column);
      const char *month_text = chc_csv_reader_get_cell (reader, period_column);
      FacilityValues *values;
      int year = 0, month = 0;

      if (sscanf (month_text, "%4d-%2d", &year, &month) != 2 || year != period->year ||
          month < period->first_month || month >= period->first_month + period->n_months)
        continue;
      values = g_hash_table_lookup (by_code, code);
      if (values == NULL)
        {
          values = g_new0 (FacilityValues, 1);
          values->facility_code = g_strdup (code);
          g_hash_table_insert (by_code, values->facility_code, values);
          g_ptr_array_add (ordered, values);
        }
      for (guint e = 0; e < N_ELEMENTS; e++)
        {
          gint64 value;

          if (column_of[e] < 0 ||
              !g_ascii_string_to_signed (chc_csv_reader_get_cell (reader, column_of[e]), 10, 0, G_MAXINT64,
                                         &value, NULL))
            continue;
          if (elements[e].stock)
            {
              if (month >= values->month[e])
                {
                  values->value[e] = value;
                  values->month[e] = month;
                }
            }
          else
            {
              values->value[e] += value;
              values->month[e] = MAX (values->month[e], month);
            }
        }
    }
  return error == NULL || *error == NULL;
}

/* Gives each facility with values its org unit; two facilities may not
 * share one (DHIS2 would keep only the last value of each). */
static gboolean
resolve_org_units (ChcDatabase            *database,
                   const ChcDhis2Mapping  *mapping,
                   GHashTable             *by_code,
                   GError                **error)
{
  g_autoptr(GPtrArray) facilities = chc_database_list_facilities (database, 0, error);
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  if (facilities == NULL)
    return FALSE;
  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *facility = g_ptr_array_index (facilities, i);
      FacilityValues *values = g_hash_table_lookup (by_code, chc_facility_get_code (facility));
      const char *other;

      if (values == NULL)
        continue;
      values->org_unit = g_strdup (org_unit_of (mapping, facility));
      other = g_hash_table_lookup (taken, values->org_unit);
      if (other != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The facilities %s and %s would both be the org unit %s (they share a unified social credit code, or the mapping names the unit twice); give each its own line by facility code in [orgUnits]."),
                       other, values->facility_code, values->org_unit);
          return FALSE;
        }
      g_hash_table_insert (taken, values->org_unit, values->facility_code);
    }
  /* A code of the CSV export that is no facility any more cannot be. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, by_code);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      if (((FacilityValues *) value)->org_unit == NULL)
        ((FacilityValues *) value)->org_unit = g_strdup (((FacilityValues *) value)->facility_code);
  }
  return TRUE;
}

static void
csv_field (GString    *out,
           const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static GBytes *
write_json (GPtrArray             *ordered,
            const ChcDhis2Mapping *mapping,
            const char            *period_id,
            guint                 *n_values)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize length = 0;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dataSet");
  json_builder_add_string_value (builder, mapping->data_set);
  json_builder_set_member_name (builder, "period");
  json_builder_add_string_value (builder, period_id);
  json_builder_set_member_name (builder, "dataValues");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ordered->len; i++)
    {
      FacilityValues *values = g_ptr_array_index (ordered, i);

      for (guint e = 0; e < N_ELEMENTS; e++)
        {
          g_autofree char *value = NULL;

          if (values->month[e] == 0)
            continue;
          value = g_strdup_printf ("%" G_GINT64_FORMAT, values->value[e]);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "dataElement");
          json_builder_add_string_value (builder, mapping->data_element[e]);
          json_builder_set_member_name (builder, "period");
          json_builder_add_string_value (builder, period_id);
          json_builder_set_member_name (builder, "orgUnit");
          json_builder_add_string_value (builder, values->org_unit);
          if (mapping->category_option_combo[e] != NULL)
            {
              json_builder_set_member_name (builder, "categoryOptionCombo");
              json_builder_add_string_value (builder, mapping->category_option_combo[e]);
            }
          if (mapping->attribute_option_combo != NULL)
            {
              json_builder_set_member_name (builder, "attributeOptionCombo");
              json_builder_add_string_value (builder, mapping->attribute_option_combo);
            }
          json_builder_set_member_name (builder, "value");
          json_builder_add_string_value (builder, value);
          json_builder_end_object (builder);
          (*n_values)++;
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static GBytes *
write_csv (GPtrArray             *ordered,
           const ChcDhis2Mapping *mapping,
           const char            *period_id,
           guint                 *n_values)
{
  GString *out = g_string_new ("dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment,followup\r\n");

  for (guint i = 0; i < ordered->len; i++)
    {
      FacilityValues *values = g_ptr_array_index (ordered, i);

      for (guint e = 0; e < N_ELEMENTS; e++)
        {
          if (values->month[e] == 0)
            continue;
          csv_field (out, mapping->data_element[e]);
          g_string_append_c (out, ',');
          csv_field (out, period_id);
          g_string_append_c (out, ',');
          csv_field (out, values->org_unit);
          g_string_append_c (out, ',');
          csv_field (out, mapping->category_option_combo[e]);
          g_string_append_c (out, ',');
          csv_field (out, mapping->attribute_option_combo);
          g_string_append_printf (out, ",%" G_GINT64_FORMAT ",,,,false\r\n", values->value[e]);
          (*n_values)++;
        }
    }
  return g_string_free_to_bytes (out);
}

static GBytes *
write_adx (GPtrArray             *ordered,
           const ChcDhis2Mapping *mapping,
           const char            *iso_period,
           guint                 *n_values,
           GError               **error)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  xmlTextWriterPtr writer = xmlNewTextWriterMemory (buffer, 0);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *exported = g_date_time_format_iso8601 (now);
  GBytes *bytes = NULL;
  int rc = 0;

  if (writer == NULL)
    {
      xmlBufferFree (buffer);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The ADX file could not be written."));
      return NULL;
    }
  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, (const xmlChar *) "  ");
  rc |= xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL) < 0;
  rc |= xmlTextWriterStartElementNS (writer, NULL, (const xmlChar *) "adx", (const xmlChar *) ADX_NAMESPACE) < 0;
  rc |= xmlTextWriterWriteAttribute (writer, (const xmlChar *) "exported", (const xmlChar *) exported) < 0;
  for (guint i = 0; i < ordered->len; i++)
    {
      FacilityValues *values = g_ptr_array_index (ordered, i);
      gboolean any = FALSE;

      for (guint e = 0; e < N_ELEMENTS; e++)
        any |= values->month[e] != 0;
      if (!any)
        continue;
      rc |= xmlTextWriterStartElement (writer, (const xmlChar *) "group") < 0;
      rc |= xmlTextWriterWriteAttribute (writer, (const xmlChar *) "orgUnit",
                                         (const xmlChar *) values->org_unit) < 0;
      rc |= xmlTextWriterWriteAttribute (writer, (const xmlChar *) "period", (const xmlChar *) iso_period) < 0;
      rc |= xmlTextWriterWriteAttribute (writer, (const xmlChar *) "dataSet", (const xmlChar *) mapping->data_set) < 0;
      if (mapping->attribute_option_combo != NULL)
        rc |= xmlTextWriterWriteAttribute (writer, (const xmlChar *) "attributeOptionCombo",
                                           (const xmlChar *) mapping->attribute_option_combo) < 0;
      for (guint e = 0; e < N_ELEMENTS; e++)
        {
          char value[32];

          if (values->month[e] == 0)
            continue;
          g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, values->value[e]);
          rc |= xmlTextWriterStartElement (writer, (const xmlChar *) "dataValue") < 0;
          rc |= xmlTextWriterWriteAttribute (writer, (const xmlChar *) "dataElement",
                                             (const xmlChar *) mapping->data_element[e]) < 0;
          if (mapping->adx_category[e] != NULL)
            rc |= xmlTextWriterWriteAttribute (writer, (const xmlChar *) mapping->adx_category[e],
                                               (const xmlChar *) mapping->adx_option[e]) < 0;
          rc |= xmlTextWriterWriteAttribute (writer, (const xmlChar *) "value", (const xmlChar *) value) < 0;
          rc |= xmlTextWriterEndElement (writer) < 0;
          (*n_values)++;
        }
      rc |= xmlTextWriterEndElement (writer) < 0;
    }
  rc |= xmlTextWriterEndElement (writer) < 0;
  rc |= xmlTextWriterEndDocument (writer) < 0;
  xmlFreeTextWriter (writer);
  if (rc == 0)
    bytes = g_bytes_new (xmlBufferContent (buffer), xmlBufferLength (buffer));
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The ADX file could not be written."));
  xmlBufferFree (buffer);
  return bytes;
}

gboolean
chc_dhis2_export (ChcDatabase           *database,
                  gint64                 district_id,
                  const ChcDhis2Period  *period,
                  const ChcDhis2Mapping *mapping,
                  ChcDhis2Format         format,
                  GFile                 *file,
                  guint                 *n_values,
                  GError               **error)
{
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func (facility_values_free);
  g_autoptr(ChcDhis2Mapping) defaults = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *period_id = NULL;
  g_autofree char *iso = NULL;
  guint n = 0;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (mapping == NULL)
    mapping = defaults = chc_dhis2_mapping_new ();
  if (!collect (database, district_id, CHC_CSV_KIND_SIGNING, period, by_code, ordered, error) ||
      !collect (database, district_id, CHC_CSV_KIND_TCM, period, by_code, ordered, error) ||
      !resolve_org_units (database, mapping, by_code, error))
    return FALSE;

  period_id = chc_dhis2_period_to_id (period);
  iso = chc_dhis2_period_to_iso (period);
  switch (format)
    {
    case CHC_DHIS2_FORMAT_JSON:
      bytes = write_json (ordered, mapping, period_id, &n);
      break;
    case CHC_DHIS2_FORMAT_CSV:
      bytes = write_csv (ordered, mapping, period_id, &n);
      break;
    case CHC_DHIS2_FORMAT_ADX:
    default:
      bytes = write_adx (ordered, mapping, iso, &n, error);
      break;
    }
  if (bytes == NULL)
    return FALSE;
  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
    return FALSE;
  if (n_values != NULL)
    *n_values = n;
  return TRUE;
}

/* ---- import --------------------------------------------------------------- */

void
chc_dhis2_import_report_free (ChcDhis2ImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->problems);
  g_free (report);
}

/* The values of one facility and month, by element. */
typedef struct
{
  char  *facility_code;
  char  *org_unit;
  char  *period_id;         /* "202412" */
  char  *month;             /* "2024-12" */
  char  *value[N_ELEMENTS]; /* NULL: not given */
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->facility_code);
  g_free (row->org_unit);
  g_free (row->period_id);
  g_free (row->month);
  for (guint e = 0; e < N_ELEMENTS; e++)
    g_free (row->value[e]);
  g_free (row);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The value of a data value: a string or a number, as text. */
static char *
member_value (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "value");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    }
  return NULL;
}

static int
element_of (const ChcDhis2Mapping *mapping,
            const char            *data_element,
            const char            *combo)
{
  int fallback = -1;

  for (guint e = 0; e < N_ELEMENTS; e++)
    if (g_str_equal (mapping->data_element[e], data_element))
      {
        if (g_strcmp0 (mapping->category_option_combo[e], combo) == 0)
          return (int) e;
        /* DHIS2 writes its default combo even where none is mapped */
        if (mapping->category_option_combo[e] == NULL && fallback < 0)
          fallback = (int) e;
      }
  return fallback;
}

/* One CSV file of @kind's rows that give the same elements (a missing
 * column keeps the stored value; an empty cell would clear it). */
typedef struct
{
  ChcCsvKind  kind;
  guint       mask;       /* the elements given */
  GString    *csv;
  GPtrArray  *lines;      /* Row * of each line from 2 */
} Batch;

static void
batch_free (gpointer data)
{
  Batch *batch = data;

  g_string_free (batch->csv, TRUE);
  g_ptr_array_unref (batch->lines);
  g_free (batch);
}

static Batch *
batch_for (GPtrArray  *batches,
           ChcCsvKind  kind,
           guint       mask)
{
  Batch *batch;

  for (guint i = 0; i < batches->len; i++)
    {
      batch = g_ptr_array_index (batches, i);
      if (batch->kind == kind && batch->mask == mask)
        return batch;
    }
  batch = g_new0 (Batch, 1);
  batch->kind = kind;
  batch->mask = mask;
  batch->csv = g_string_new ("facility_code,period");
  batch->lines = g_ptr_array_new ();
  for (guint e = 0; e < N_ELEMENTS; e++)
    if (mask & (1u << e))
      g_string_append_printf (batch->csv, ",%s", elements[e].column);
  g_string_append (batch->csv, "\r\n");
  g_ptr_array_add (batches, batch);
  return batch;
}

static gboolean
run_batches (ChcDatabase          *database,
             GPtrArray            *batches,
             const char           *file_name,
             gboolean              check_only,
             ChcDhis2ImportReport *report,
             GError              **error)
{
  for (guint i = 0; i < batches->len; i++)
    {
      Batch *batch = g_ptr_array_index (batches, i);
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (batch->csv->str, batch->csv->len, NULL);
      g_autoptr(ChcCsvReport) csv_report = NULL;
      ChcCsvImportOptions options;

      chc_csv_import_options_init (&options);
      options.encoding = CHC_CSV_ENCODING_UTF8;
      options.delimiter = ',';
      options.file_name = file_name;
      options.check_only = check_only;
      options.accept_warnings = TRUE;
      csv_report = chc_csv_import_stream (database, batch->kind, stream, batch->csv->len, &options,
                                          NULL, NULL, NULL, error);
      if (csv_report == NULL)
        return FALSE;
      for (guint p = 0; p < csv_report->problems->len; p++)
        {
          ChcCsvProblem *problem = g_ptr_array_index (csv_report->problems, p);
          Row *row = problem->line >= 2 && problem->line - 2 < batch->lines->len
                     ? g_ptr_array_index (batch->lines, problem->line - 2) : NULL;

          if (problem->warning)
            continue;
          if (row != NULL)
            g_ptr_array_add (report->problems,
                             g_strdup_printf (_("%s: orgUnit %s, period %s: %s"), file_name,
                                              row->org_unit, row->period_id, problem->message));
          else
            g_ptr_array_add (report->problems, g_strdup_printf ("%s: %s", file_name, problem->message));
        }
      report->inserted += csv_report->inserted;
      report->updated += csv_report->updated;
      report->unchanged += csv_report->unchanged;
      report->written |= csv_report->written;
    }
  return TRUE;
}

ChcDhis2ImportReport *
chc_dhis2_import (ChcDatabase           *database,
                  GFile                 *file,
                  const ChcDhis2Mapping *mapping,
                  gboolean               check_only,
                  GError               **error)
{
  g_autoptr(ChcDhis2Mapping) defaults = NULL;
  g_autoptr(ChcDhis2ImportReport) report = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func (batch_free);
  g_autofree char *file_name = g_file_get_basename (file);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) credit_codes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              (GDestroyNotify) g_ptr_array_unref);
  JsonNode *root;
  JsonObject *object;
  JsonArray *values;
  gsize length = 0;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (mapping == NULL)
    mapping = defaults = chc_dhis2_mapping_new ();

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > MAX_JSON_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("%s is too big for a dataValueSets file (at most %d MB)."),
                   file_name, MAX_JSON_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  if (!json_parser_load_from_data (parser, contents, (gssize) length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member ((object = json_node_get_object (root)), "dataValues") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "dataValues")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not a DHIS2 dataValueSets file (a JSON object with \"dataValues\")."), file_name);
      return NULL;
    }
  values = json_object_get_array_member (object, "dataValues");

  /* An [orgUnits] line may name a facility by its unified social credit
   * code (see org_unit_of()). */
  facilities = chc_database_list_facilities (database, 0, error);
  if (facilities == NULL)
    return NULL;
  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *facility = g_ptr_array_index (facilities, i);
      const char *credit = chc_facility_get_credit_code (facility);
      GPtrArray *carriers;

      g_hash_table_add (codes, (gpointer) chc_facility_get_code (facility));
      if (credit == NULL)
        continue;
      carriers = g_hash_table_lookup (credit_codes, credit);
      if (carriers == NULL)
        {
          carriers = g_ptr_array_new ();
          g_hash_table_insert (credit_codes, (gpointer) credit, carriers);
        }
      g_ptr_array_add (carriers, (gpointer) chc_facility_get_code (facility));
    }

  report = g_new0 (ChcDhis2ImportReport, 1);
  report->problems = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonNode *node = json_array_get_element (values, i);
      JsonObject *value_object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *data_element = value_object != NULL ? member_string (value_object, "dataElement") : NULL;
      const char *period_id = value_object != NULL ? member_string (value_object, "period") : NULL;
      const char *org_unit = value_object != NULL ? member_string (value_object, "orgUnit") : NULL;
      const char *combo = value_object != NULL ? member_string (value_object, "categoryOptionCombo") : NULL;
      g_autofree char *value = value_object != NULL ? member_value (value_object) : NULL;
      g_autofree char *key = NULL;
      ChcDhis2Period period;
      const char *code;
      Row *row;
      int e;

      report->n_values++;
      if (data_element == NULL || period_id == NULL || org_unit == NULL || value == NULL)
        {
          g_ptr_array_add (report->problems,
                           g_strdup_printf (_("%s: data value %u lacks dataElement, period, orgUnit or value."),
                                            file_name, i + 1));
          continue;
        }
      e = element_of (mapping, data_element, combo);
      if (e < 0)
        {
          g_ptr_array_add (report->problems,
                           g_strdup_printf (_("%s: orgUnit %s, period %s: the data element %s%s%s is not in the mapping."),
                                            file_name, org_unit, period_id, data_element,
                                            combo != NULL ? "/" : "", combo != NULL ? combo : ""));
          continue;
        }
      if (!chc_dhis2_period_parse (period_id, &period, NULL) || period.n_months != 1 ||
          strchr (period_id, '-') != NULL)
        {
          g_ptr_array_add (report->problems,
                           g_strdup_printf (_("%s: orgUnit %s: the period %s is not a month as DHIS2 writes it (202412)."),
                                            file_name, org_unit, period_id));
          continue;
        }
      code = g_hash_table_lookup (mapping->facilities, org_unit);
      if (code == NULL)
        code = org_unit;
      else if (!g_hash_table_contains (codes, code) && g_hash_table_contains (credit_codes, code))
        {
          GPtrArray *carriers = g_hash_table_lookup (credit_codes, code);

          if (carriers->len > 1)
            {
              g_ptr_array_add (report->problems,
                               g_strdup_printf (_("%s: orgUnit %s is mapped to the unified social credit code %s, which %u facilities carry; map it by facility code instead."),
                                                file_name, org_unit, code, carriers->len));
              continue;
            }
          code = g_ptr_array_index (carriers, 0);
        }
      key = g_strdup_printf ("%s\x1f%s", code, period_id);
      row = g_hash_table_lookup (rows, key);
      if (row == NULL)
        {
          row = g_new0 (Row, 1);
          row->facility_code = g_strdup (code);
          row->org_unit = g_strdup (org_unit);
          row->period_id = g_strdup (period_id);
          row->month = g_strdup_printf ("%04d-%02d", period.year, period.first_month);
          g_hash_table_insert (rows, g_steal_pointer (&key), row);
          g_ptr_array_add (ordered, row);
        }
      if (row->value[e] != NULL && !g_str_equal (row->value[e], value))
        g_ptr_array_add (report->problems,
                         g_strdup_printf (_("%s: orgUnit %s, period %s: %s is given twice (%s and %s)."),
                                          file_name, org_unit, period_id, data_element, row->value[e], value));
      g_free (row->value[e]);
      row->value[e] = g_steal_pointer (&value);
    }

  /* the rows, one CSV per kind and set of elements given */
  for (guint i = 0; i < ordered->len; i++)
    {
      Row *row = g_ptr_array_index (ordered, i);

      for (ChcCsvKind kind = CHC_CSV_KIND_SIGNING; kind <= CHC_CSV_KIND_TCM; kind++)
        {
          guint mask = 0;
          Batch *batch;

          for (guint e = 0; e < N_ELEMENTS; e++)
            if (elements[e].kind == kind && row->value[e] != NULL)
              mask |= 1u << e;
          if (mask == 0)
            continue;
          batch = batch_for (batches, kind, mask);
          csv_field (batch->csv, row->facility_code);
          g_string_append_c (batch->csv, ',');
          g_string_append (batch->csv, row->month);
          for (guint e = 0; e < N_ELEMENTS; e++)
            if (mask & (1u << e))
              {
                g_string_append_c (batch->csv, ',');
                csv_field (batch->csv, row->value[e]);
              }
          g_string_append (batch->csv, "\r\n");
          g_ptr_array_add (batch->lines, row);
        }
    }
  g_hash_table_remove_all (rows);

  /* all or nothing: every batch checked before any is written */
  if (!run_batches (database, batches, file_name, TRUE, report, error))
    return NULL;
  if (report->problems->len > 0 || check_only)
    return g_steal_pointer (&report);
  report->inserted = report->updated = report->unchanged = 0;
  if (!run_batches (database, batches, file_name, FALSE, report, error))
    return NULL;
  return g_steal_pointer (&report);
}
