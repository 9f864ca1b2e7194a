/* chc-csv-element-values.c — the `values` kind: values of data elements,
 * one value a row (facility, element, period, value); import and export
 * (issue 13).
 *
 * Every row is read and checked by the element's declaration
 * (core/chc-element.h); the rows that read well are then checked together
 * with the stored values by chc_database_check_values() (levels, periods,
 * cross-field bounds), and written in one transaction by
 * chc_database_save_values().  A value equal to the stored one is
 * "unchanged": importing the same file twice writes nothing the second
 * time.  Values of a family element (signing, TCM visits) are refused
 * here: they come with their own kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-csv"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-csv-export-private.h"
#include "chc-csv-import-private.h"
#include "chc-csv-values.h"
#include "store/chc-database-values.h"

typedef struct
{
  GPtrArray  *values;      /* ChcValue, the rows that read well */
  GArray     *lines;       /* guint: the line of each */
  GHashTable *elements;    /* text → ChcElement (code and names) */
  GHashTable *units;       /* text → gint64 * facility id (district: -id) */
  char       *last_period_text;
  char       *last_period;
  ChcPeriodType last_type;
} ValuesState;

static const char *const tables[] = { "element_value", NULL };

static gpointer
values_new_state (ChcCsvImportContext *ctx)
{
  ValuesState *state = g_new0 (ValuesState, 1);
  g_autoptr(GPtrArray) elements = chc_database_list_elements (ctx->database, NULL);

  state->values = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_value_free);
  state->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  state->elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) chc_element_unref);
  state->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    {
      ChcElement *element = g_ptr_array_index (elements, i);

      /* a code wins over a name; names in the order of declaration */
      g_hash_table_replace (state->elements, g_strdup (element->code), chc_element_ref (element));
      if (!g_hash_table_contains (state->elements, element->name_zh))
        g_hash_table_insert (state->elements, g_strdup (element->name_zh), chc_element_ref (element));
    }
  return state;
}

static void
values_free_state (gpointer data)
{
  ValuesState *state = data;

  g_ptr_array_unref (state->values);
  g_array_unref (state->lines);
  g_hash_table_unref (state->elements);
  g_hash_table_unref (state->units);
  g_free (state->last_period_text);
  g_free (state->last_period);
  g_free (state);
}

/* The facility (or district, for a district's element) of @text: its id,
 * the district's as a negative number, or 0 after reporting it. */
static gboolean
find_unit (ChcCsvImportContext  *ctx,
           ValuesState          *state,
           const char           *text,
           gboolean              district,
           gint64               *unit,
           GError              **error)
{
  g_autofree char *key = g_strconcat (district ? "d:" : "f:", text, NULL);
  gint64 *cached = g_hash_table_lookup (state->units, key);
  g_autoptr(GError) local_error = NULL;
  gint64 found = 0;

  if (cached != NULL)
    {
      *unit = *cached;
      return TRUE;
    }
  if (district)
    {
      gint64 district_id = 0;

      if (!chc_csv_import_find_district (ctx, text, &district_id, error))
        return FALSE;
      if (district_id != 0)
        found = -district_id;
      else
        chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_FACILITY,
                                _("no district “%s” (this figure is given for a whole district)."),
                                text);
    }
  else
    {
      g_autoptr(ChcFacility) facility = chc_database_find_facility (ctx->database, text, 0, &local_error);

      if (facility != NULL)
        found = chc_facility_get_id (facility);
      else if (local_error != NULL &&
               !g_error_matches (local_error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND) &&
               local_error->domain == CHC_DATABASE_ERROR &&
               local_error->code != CHC_DATABASE_ERROR_CONSTRAINT)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      else
        chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_FACILITY, "%s",
                                local_error != NULL ? local_error->message : _("no such facility."));
    }
  if (found != 0)
    g_hash_table_insert (state->units, g_steal_pointer (&key), g_memdup2 (&found, sizeof found));
  *unit = found;
  return TRUE;
}

static gboolean
values_read_row (ChcCsvImportContext  *ctx,
                 gpointer              data,
                 GError              **error)
{
  ValuesState *state = data;
  g_autofree char *facility_text = NULL;
  g_autofree char *element_text = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *value_text = NULL;
  g_autoptr(GError) local_error = NULL;
  ChcElement *element = NULL;
  gint64 unit = 0;
  double value = NAN;
  guint line = chc_csv_import_row_line (ctx);
  gboolean bad = FALSE;

  bad |= chc_csv_import_get_text (ctx, CHC_CSV_VALUES_FACILITY, TRUE, &facility_text) != CHC_CSV_CELL_OK;
  bad |= chc_csv_import_get_text (ctx, CHC_CSV_VALUES_ELEMENT, TRUE, &element_text) != CHC_CSV_CELL_OK;
  bad |= chc_csv_import_get_text (ctx, CHC_CSV_VALUES_PERIOD, TRUE, &period_text) != CHC_CSV_CELL_OK;
  bad |= chc_csv_import_get_text (ctx, CHC_CSV_VALUES_VALUE, TRUE, &value_text) != CHC_CSV_CELL_OK;

  if (element_text != NULL)
    {
      element = g_hash_table_lookup (state->elements, element_text);
      if (element == NULL)
        {
          chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_ELEMENT,
                                  _("no data element “%s” (chc-cli elements lists them)."),
                                  element_text);
          bad = TRUE;
        }
      else if (element->family != NULL || element->value_type == CHC_VALUE_TYPE_DATE)
        {
          chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_ELEMENT,
                                  _("%s is imported with the other figures of its own kind (%s)."),
                                  element->name_zh, element->family != NULL ? element->family : "tcm");
          bad = TRUE;
          element = NULL;
        }
    }
  if (element != NULL && facility_text != NULL)
    {
      if (!find_unit (ctx, state, facility_text, element->level == CHC_ELEMENT_LEVEL_DISTRICT, &unit, error))
        return FALSE;
      bad |= unit == 0;
    }
  if (period_text != NULL)
    {
      if (g_strcmp0 (period_text, state->last_period_text) != 0)
        {
          g_clear_pointer (&state->last_period, g_free);
          g_free (state->last_period_text);
          state->last_period_text = g_strdup (period_text);
          if (!chc_period_parse (period_text, &state->last_period, &state->last_type, &local_error))
            {
              chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_PERIOD, "%s", local_error->message);
              g_clear_error (&local_error);
            }
        }
      if (state->last_period == NULL)
        bad = TRUE;
      else if (element != NULL && state->last_type != element->period_type)
        {
          static const char *const kinds[] = { N_("month"), N_("quarter"), N_("year") };

          chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_PERIOD,
                                  _("%s is reported by %s, not for “%s”."), element->name_zh,
                                  _(kinds[MIN ((guint) element->period_type, 2)]), period_text);
          bad = TRUE;
        }
    }
  if (element != NULL && value_text != NULL &&
      !chc_element_parse_value (element, value_text, &value, &local_error))
    {
      chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_VALUE, "%s", local_error->message);
      bad = TRUE;
    }
  if (bad)
    return TRUE;

  g_ptr_array_add (state->values, chc_value_new (unit > 0 ? unit : 0, unit < 0 ? -unit : 0,
                                                 element->code, state->last_period, value));
  g_array_append_val (state->lines, line);
  return chc_csv_import_tick (ctx, error);
}

static gboolean
values_check (ChcCsvImportContext  *ctx,
              gpointer              data,
              GError              **error)
{
  ValuesState *state = data;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint n_insert = 0, n_update = 0, n_unchanged = 0;

  if (!chc_database_check_values (ctx->database, state->values, problems, error))
    return FALSE;
  for (guint i = 0; i < problems->len; i++)
    {
      const char *problem = g_ptr_array_index (problems, i);
      char *tab = strchr (problem, '\t');
      guint index = (guint) strtoul (problem, NULL, 10);

      chc_csv_import_problem_at (ctx, FALSE, g_array_index (state->lines, guint, index),
                                 CHC_CSV_VALUES_VALUE, "%s", tab != NULL ? tab + 1 : problem);
    }
  if (problems->len > 0)
    return TRUE;
  if (!chc_database_compare_values (ctx->database, state->values, &n_insert, &n_update, &n_unchanged, error))
    return FALSE;
  ctx->report->inserted += n_insert;
  ctx->report->updated += n_update;
  ctx->report->unchanged += n_unchanged;
  return TRUE;
}

static gboolean
values_apply (ChcCsvImportContext  *ctx,
              gpointer              data,
              GError              **error)
{
  ValuesState *state = data;

  return chc_database_save_values (ctx->database, state->values, NULL, NULL, NULL, error);
}

const ChcCsvImporter chc_csv_element_values_importer = {
  values_new_state,
  values_free_state,
  values_read_row,
  values_check,
  values_apply,
  tables,
};

/* ---- export ------------------------------------------------------------- */

gboolean
chc_csv_export_element_values (ChcCsvExportContext  *ctx,
                               GError              **error)
{
  ChcDatabase *database = chc_csv_export_database (ctx);
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  const char *only = chc_csv_export_element (ctx);

  elements = chc_database_list_elements (database, error);
  if (elements == NULL)
    return FALSE;
  for (guint i = 0; i < elements->len; i++)
    {
      ChcElement *element = g_ptr_array_index (elements, i);
      g_hash_table_insert (by_code, element->code, element);
    }
  values = chc_database_list_values (database, chc_csv_export_district_id (ctx), NULL, only, error);
  if (values == NULL)
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    {
      ChcValue *value = g_ptr_array_index (values, i);
      ChcElement *element = g_hash_table_lookup (by_code, value->element);
      g_autofree char *shown = NULL;

      /* the figures of a family travel with their own kind */
      if (element == NULL || element->family != NULL ||
          !chc_csv_export_wants (ctx, value->facility_id, 0, NULL))
        continue;
      if (element->value_type == CHC_VALUE_TYPE_YES_NO)
        shown = g_strdup (chc_csv_export_english (ctx) ? (value->value != 0 ? "yes" : "no")
                                                       : (value->value != 0 ? "是" : "否"));
      else
        shown = chc_element_format_value (element, value->value);
      chc_csv_export_cell (ctx, value->facility_id != 0 ? value->facility_code : value->facility_name);
      chc_csv_export_cell (ctx, value->element);
      chc_csv_export_cell (ctx, value->period);
      chc_csv_export_cell (ctx, shown);
      if (!chc_csv_export_end_row (ctx, error))
        return FALSE;
    }
  return TRUE;
}
