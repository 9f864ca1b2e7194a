/* chc-report-snapshot.c — what an issued bulletin showed, as JSON: the
 * gathered figures (ReportData) and the choices of the document (period,
 * sections, number, dates, issuing body, the text as issued), enough to
 * render the same bulletin again without the live data.
 *
 * The register keeps the snapshot (bulletin_issue.figures) and its
 * SHA-256 (bulletin_issue.checksum).  A reprint renders from it; the
 * register tells whether the figures changed since issue by gathering
 * them again with the same choices, putting them in place of the
 * snapshot's "figures" member and comparing the checksums.  The JSON is
 * written by json-glib in member order, numbers as %.17g, so reading and
 * writing a snapshot again gives the same bytes.
 *
 * {"format": 1,
 *  "document": {"year", "month", "sections", "centre_id", "each_centre",
 *               "remarks", "text": [5], "district": {…}, "period", …},
 *  "figures": {"centres": […], "indicators": […] | null, "signing": …}}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-report"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "chc-report-private.h"
#include "core/chc-date.h"

#define SNAPSHOT_FORMAT 1

static const char *get_string (JsonObject *o, const char *key);
static JsonObject *get_object (JsonObject *o, const char *key);

/* ---- writing ---- */

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

static void
add_int (JsonBuilder *b,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

/* NAN as null. */
static void
add_double (JsonBuilder *b,
            const char  *key,
            double       value)
{
  json_builder_set_member_name (b, key);
  if (isnan (value) || isinf (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, value);
}

static void
add_bool (JsonBuilder *b,
          const char  *key,
          gboolean     value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_boolean_value (b, value);
}

static void
add_figures (JsonBuilder *b,
             ReportData  *data)
{
  json_builder_begin_object (b);

  json_builder_set_member_name (b, "centres");
  json_builder_begin_array (b);
  for (guint i = 0; i < data->centres->len; i++)
    {
      ChcFacility *centre = g_ptr_array_index (data->centres, i);

      json_builder_begin_object (b);
      add_int (b, "id", chc_facility_get_id (centre));
      add_string (b, "name", chc_facility_get_name (centre));
      add_string (b, "town", chc_facility_get_town_name (centre));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "indicators");
  if (data->indicators == NULL)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_array (b);
      for (guint i = 0; i < data->indicators->len; i++)
        {
          ChcReportIndicatorRow *row = g_ptr_array_index (data->indicators, i);

          json_builder_begin_object (b);
          add_string (b, "name", row->name);
          add_string (b, "name_zh", row->name_zh);
          add_string (b, "value", row->value);
          add_string (b, "target", row->target);
          add_int (b, "status", row->status);
          /* issue 14; absent from the snapshots of older versions */
          if (row->source != NULL)
            add_string (b, "source", row->source);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  add_int (b, "reports_expected", data->reports_expected);
  add_int (b, "reports_received", data->reports_received);
  add_int (b, "reports_on_time", data->reports_on_time);
  add_double (b, "signing_target", data->signing_target);
  add_string (b, "signing_period", data->signing_period);
  json_builder_set_member_name (b, "signing");
  if (data->signing == NULL)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_array (b);
      for (guint i = 0; i < data->signing->len; i++)
        {
          ChcReportSigningRow *row = g_ptr_array_index (data->signing, i);

          json_builder_begin_object (b);
          add_int (b, "facility_id", row->facility_id);
          add_string (b, "centre", row->centre);
          add_bool (b, "reported", row->reported);
          add_int (b, "parent_id", row->parent_id);
          add_double (b, "coverage", row->coverage);
          add_double (b, "change", row->change);
          add_double (b, "key_coverage", row->key_coverage);
          add_double (b, "compliance", row->compliance);
          add_int (b, "n_branches", row->n_branches);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  json_builder_set_member_name (b, "tcm");
  if (data->tcm == NULL)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_array (b);
      for (guint i = 0; i < data->tcm->len; i++)
        {
          ChcReportTcmRow *row = g_ptr_array_index (data->tcm, i);

          json_builder_begin_object (b);
          add_int (b, "facility_id", row->facility_id);
          add_string (b, "facility", row->facility);
          add_string (b, "site", row->site);
          add_string (b, "specialty", row->specialty);
          add_string (b, "demonstration", row->demonstration);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  json_builder_set_member_name (b, "towns");
  if (data->towns == NULL)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_array (b);
      for (guint i = 0; i < data->towns->len; i++)
        {
          ChcReportTownRow *row = g_ptr_array_index (data->towns, i);

          json_builder_begin_object (b);
          add_string (b, "town", row->town);
          add_string (b, "missing", row->missing);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  json_builder_set_member_name (b, "projects");
  if (data->projects == NULL)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_array (b);
      for (guint i = 0; i < data->projects->len; i++)
        {
          ChcReportProjectRow *row = g_ptr_array_index (data->projects, i);

          json_builder_begin_object (b);
          add_int (b, "facility_id", row->facility_id);
          add_string (b, "project", row->project);
          add_string (b, "kind", row->kind);
          add_string (b, "stage", row->stage);
          add_int (b, "late_days", row->late_days);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  json_builder_end_object (b);
}

JsonNode *
chc_report_snapshot_figures (ReportData *data)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  add_figures (b, data);
  return json_builder_get_root (b);
}

JsonNode *
chc_report_snapshot_new (ReportData             *data,
                         const ChcReportOptions *options,
                         gboolean                each_centre)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *language = chc_report_snapshot_language ();

  json_builder_begin_object (b);
  add_int (b, "format", SNAPSHOT_FORMAT);

  json_builder_set_member_name (b, "document");
  json_builder_begin_object (b);
  add_int (b, "year", options->year);
  add_int (b, "month", options->month);
  add_int (b, "sections", options->sections != 0 ? options->sections : CHC_REPORT_SECTION_ALL);
  add_int (b, "centre_id", each_centre ? 0 : options->centre_id);
  add_bool (b, "each_centre", each_centre);
  add_string (b, "remarks", options->remarks);
  json_builder_set_member_name (b, "text");
  if (options->text == NULL)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_array (b);
      for (int i = 0; i < CHC_REPORT_TEXT_N; i++)
        if (options->text->sections[i] == NULL)
          json_builder_add_null_value (b);
        else
          json_builder_add_string_value (b, options->text->sections[i]);
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "district");
  json_builder_begin_object (b);
  add_int (b, "id", chc_district_get_id (data->district));
  add_string (b, "name", chc_district_get_name (data->district));
  add_string (b, "name_en", chc_district_get_name_en (data->district));
  json_builder_end_object (b);
  add_string (b, "period", data->period);
  add_string (b, "period_label", data->period_label);
  add_string (b, "period_zh", data->period_zh);
  add_string (b, "issuer", data->issuer);
  add_string (b, "issue_date", data->issue_date);
  add_string (b, "as_of", data->as_of_date);
  add_string (b, "issuing_mark", data->issuing_mark);
  add_string (b, "doc_prefix", data->doc_prefix);
  add_int (b, "doc_number", data->doc_number);
  add_string (b, "copy_to", data->copy_to);
  add_string (b, "printer", data->printer);
  add_string (b, "requirements", data->requirements);
  add_bool (b, "demo", data->demo);
  /* The language of its headings and of the labels among its figures
   * (a reprint shows the headings of its own). */
  add_string (b, "language", language);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "figures");
  add_figures (b, data);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The language the labels of the figures are in: "zh_CN" of
 * "zh_CN.UTF-8" (the first of the user's languages). */
char *
chc_report_snapshot_language (void)
{
  const char *const *languages = g_get_language_names ();
  const char *name = languages[0] != NULL ? languages[0] : "C";

  return g_strndup (name, strcspn (name, ".@"));
}

const char *
chc_report_snapshot_get_language (JsonNode *root)
{
  return get_string (get_object (json_node_get_object (root), "document"), "language");
}

char *
chc_report_snapshot_to_string (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, FALSE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

char *
chc_report_snapshot_checksum (const char *json)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
}

/* ---- reading ---- */

static const char *
get_string (JsonObject *o,
            const char *key)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
get_int (JsonObject *o,
         const char *key)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  return json_node_get_int (node);
}

/* null as NAN. */
static double
get_double (JsonObject *o,
            const char *key)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;
  return json_node_get_double (node);
}

static gboolean
get_bool (JsonObject *o,
          const char *key)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node);
}

static JsonArray *
get_array (JsonObject *o,
           const char *key)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_object (JsonObject *o,
            const char *key)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
element (JsonArray *array,
         guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonNode *
chc_report_snapshot_parse (const char  *json,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      get_int (json_node_get_object (root), "format") != SNAPSHOT_FORMAT)
    {
      g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_SNAPSHOT,
                   _("The register holds no figures of this bulletin that can be read "
                     "(issued before they were recorded, or damaged)"));
      return NULL;
    }
  return json_node_copy (root);
}

void
chc_report_snapshot_options_clear (ChcReportSnapshotOptions *options)
{
  g_clear_pointer (&options->text, chc_report_text_free);
  g_clear_pointer (&options->strings, g_ptr_array_unref);
}

/* A string of @options kept alive as long as they are. */
static const char *
keep (ChcReportSnapshotOptions *options,
      const char               *value)
{
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup (value);
  g_ptr_array_add (options->strings, copy);
  return copy;
}

void
chc_report_snapshot_read_options (JsonNode                 *root,
                                  ChcReportSnapshotOptions *options)
{
  JsonObject *document = get_object (json_node_get_object (root), "document");
  JsonObject *district = get_object (document, "district");
  JsonArray *text = get_array (document, "text");

  memset (options, 0, sizeof *options);
  options->strings = g_ptr_array_new_with_free_func (g_free);
  options->options.district_id = get_int (district, "id");
  options->options.year = (int) get_int (document, "year");
  options->options.month = (int) get_int (document, "month");
  options->options.sections = (ChcReportSections) get_int (document, "sections");
  options->options.centre_id = get_int (document, "centre_id");
  options->each_centre = get_bool (document, "each_centre");
  options->options.remarks = keep (options, get_string (document, "remarks"));
  options->options.issuer = keep (options, get_string (document, "issuer"));
  options->options.issue_date = keep (options, get_string (document, "issue_date"));
  options->options.as_of = keep (options, get_string (document, "as_of"));
  options->options.issuing_mark = keep (options, get_string (document, "issuing_mark"));
  options->options.doc_prefix = keep (options, get_string (document, "doc_prefix"));
  options->options.doc_number = (int) get_int (document, "doc_number");
  options->options.copy_to = keep (options, get_string (document, "copy_to"));
  options->options.printer = keep (options, get_string (document, "printer"));
  if (text != NULL)
    {
      options->text = chc_report_text_new ();
      for (guint i = 0; i < json_array_get_length (text) && i < CHC_REPORT_TEXT_N; i++)
        {
          JsonNode *node = json_array_get_element (text, i);

          if (JSON_NODE_HOLDS_VALUE (node))
            options->text->sections[i] = g_strdup (json_node_get_string (node));
        }
      options->options.text = options->text;
    }
}

ReportData *
chc_report_snapshot_read_data (JsonNode *root)
{
  JsonObject *top = json_node_get_object (root);
  JsonObject *document = get_object (top, "document");
  JsonObject *figures = get_object (top, "figures");
  JsonObject *district = get_object (document, "district");
  JsonArray *array;
  ReportData *data = g_new0 (ReportData, 1);

  data->district = chc_district_new (get_int (district, "id"), get_string (district, "name"),
                                     get_string (district, "name_en"));
  data->period = g_strdup (get_string (document, "period"));
  data->period_label = g_strdup (get_string (document, "period_label"));
  data->period_zh = g_strdup (get_string (document, "period_zh"));
  data->issuer = g_strdup (get_string (document, "issuer"));
  data->issue_date = g_strdup (get_string (document, "issue_date"));
  data->as_of_date = g_strdup (get_string (document, "as_of"));
  data->as_of = data->as_of_date ? chc_date_julian (data->as_of_date) : 0;
  data->issuing_mark = g_strdup (get_string (document, "issuing_mark"));
  data->doc_prefix = g_strdup (get_string (document, "doc_prefix"));
  data->doc_number = (int) get_int (document, "doc_number");
  data->copy_to = g_strdup (get_string (document, "copy_to"));
  data->printer = g_strdup (get_string (document, "printer"));
  data->requirements = g_strdup (get_string (document, "requirements"));
  data->demo = get_bool (document, "demo");

  data->centres = g_ptr_array_new_with_free_func (g_object_unref);
  array = get_array (figures, "centres");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = element (array, i);
      ChcFacility *centre = chc_facility_new ();

      chc_facility_set_id (centre, get_int (o, "id"));
      chc_facility_set_name (centre, get_string (o, "name"));
      chc_facility_set_town_name (centre, get_string (o, "town"));
      chc_facility_set_facility_type (centre, CHC_FACILITY_CENTRE);
      chc_facility_set_district_id (centre, chc_district_get_id (data->district));
      g_ptr_array_add (data->centres, centre);
    }

  if ((array = get_array (figures, "indicators")) != NULL)
    {
      data->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_indicator_row_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *o = element (array, i);
          ChcReportIndicatorRow *row = chc_report_indicator_row_new (get_string (o, "name"),
                                                                     get_string (o, "value"),
                                                                     get_string (o, "target"),
                                                                     (ChcReportTargetStatus) get_int (o, "status"));
          row->name_zh = g_strdup (get_string (o, "name_zh"));
          row->source = g_strdup (get_string (o, "source"));
          g_ptr_array_add (data->indicators, row);
        }
    }

  data->reports_expected = (guint) get_int (figures, "reports_expected");
  data->reports_received = (guint) get_int (figures, "reports_received");
  data->reports_on_time = (guint) get_int (figures, "reports_on_time");
  data->signing_target = get_double (figures, "signing_target");
  if (isnan (data->signing_target))
    data->signing_target = -1;
  data->signing_period = g_strdup (get_string (figures, "signing_period"));
  if ((array = get_array (figures, "signing")) != NULL)
    {
      data->signing = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_signing_row_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *o = element (array, i);
          ChcReportSigningRow *row = chc_report_signing_row_new (get_int (o, "facility_id"),
                                                                 get_string (o, "centre"));

          row->reported = get_bool (o, "reported");
          row->parent_id = get_int (o, "parent_id");
          row->coverage = get_double (o, "coverage");
          row->change = get_double (o, "change");
          row->key_coverage = get_double (o, "key_coverage");
          row->compliance = get_double (o, "compliance");
          row->n_branches = (guint) get_int (o, "n_branches");
          g_ptr_array_add (data->signing, row);
        }
    }

  if ((array = get_array (figures, "tcm")) != NULL)
    {
      data->tcm = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_tcm_row_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *o = element (array, i);

          g_ptr_array_add (data->tcm, chc_report_tcm_row_new (get_int (o, "facility_id"),
                                                             get_string (o, "facility"),
                                                             get_string (o, "site"),
                                                             get_string (o, "specialty"),
                                                             get_string (o, "demonstration")));
        }
    }

  if ((array = get_array (figures, "towns")) != NULL)
    {
      data->towns = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_town_row_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *o = element (array, i);

          g_ptr_array_add (data->towns, chc_report_town_row_new (get_string (o, "town"),
                                                               get_string (o, "missing")));
        }
    }

  if ((array = get_array (figures, "projects")) != NULL)
    {
      data->projects = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_report_project_row_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *o = element (array, i);

          g_ptr_array_add (data->projects, chc_report_project_row_new (get_int (o, "facility_id"),
                                                                     get_string (o, "project"),
                                                                     get_string (o, "kind"),
                                                                     get_string (o, "stage"),
                                                                     (int) get_int (o, "late_days")));
        }
    }
  return data;
}

char *
chc_report_snapshot_replace_figures (JsonNode   *root,
                                     ReportData *data)
{
  g_autoptr(JsonNode) copy = json_node_copy (root);
  JsonObject *figures = json_object_get_object_member (json_node_get_object (root), "figures");
  JsonArray *issued = figures != NULL && json_object_has_member (figures, "indicators") &&
                      JSON_NODE_HOLDS_ARRAY (json_object_get_member (figures, "indicators"))
                      ? json_object_get_array_member (figures, "indicators") : NULL;
  gboolean issued_sources = FALSE;

  /* A bulletin issued before the indicators had sources (issue 14): their
   * sources are not figures that changed. */
  for (guint i = 0; issued != NULL && i < json_array_get_length (issued); i++)
    issued_sources |= json_object_has_member (json_array_get_object_element (issued, i), "source");
  for (guint i = 0; !issued_sources && data->indicators != NULL && i < data->indicators->len; i++)
    g_clear_pointer (&((ChcReportIndicatorRow *) g_ptr_array_index (data->indicators, i))->source, g_free);

  json_object_set_member (json_node_get_object (copy), "figures", chc_report_snapshot_figures (data));
  return chc_report_snapshot_to_string (copy);
}
