/* chc-csv-element-values.c — the `values` kind: values of data elements,
 * one value a row (facility, element, period, value); import and export
 * (issue 13).
 *
 * Every row is read and checked by its element's declaration
 * (core/chc-element.h): level, period type, value and bounds.  The rows
 * are then sorted by facility and period; within one facility and period
 * the cross-field rules (at_most) are checked against the file and the
 * stored values together.  A figure of a family (signing, TCM visits…)
 * goes into its family's row: a new row needs the family's required
 * figures, the others are taken from the stored row.  Nothing is written
 * unless every row passes; then all is written in one transaction (new
 * rows in bulk, as the other kinds do).  A value equal to the stored one
 * is "unchanged": importing the same file twice writes nothing the second
 * time.  A row is about 40 bytes in memory: a file of millions of values
 * fits.
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
#include "core/chc-tcm.h"
#include "core/chc-validate.h"
#include "store/chc-database-import.h"
#include "store/chc-database-values.h"

#define MAX_FAMILY 16

enum
{
  STATUS_NEW = 1,
  STATUS_CHANGED,
  STATUS_SAME,
};

typedef struct
{
  gint64   unit;      /* facility id, or minus the district's id */
  double   value;
  gint32   months;    /* the period's first month, year * 12 + month - 1 */
  guint32  line;
  guint16  element;   /* index in state->elements */
  guint8   status;
} Row;

/* The rows of one facility, period and family (or one generic value). */
typedef struct
{
  guint    first;     /* in state->sorted */
  guint    n;
  gint     family;    /* index in state->families, -1: generic */
  guint8   status;
  guint    merged;    /* family: offset of its values in state->merged */
} Group;

typedef struct
{
  gint64           id;       /* facility id, or minus the district's id */
  ChcFacilityType  type;
} Unit;

/* A family table met in the file, with its elements in column order. */
typedef struct
{
  char      *table;
  GPtrArray *elements;   /* ChcElement */
} Family;

static void
family_free (Family *family)
{
  g_free (family->table);
  g_ptr_array_unref (family->elements);
  g_free (family);
}

typedef struct
{
  GPtrArray  *elements;      /* ChcElement */
  GHashTable *element_index; /* code and names → index + 1 */
  GPtrArray  *families;      /* Family: the family tables met */
  GHashTable *units;         /* text → Unit (district texts prefixed "d:") */
  GArray     *rows;          /* Row */
  Row       **sorted;
  guint       n_sorted;
  GArray     *groups;        /* Group */
  GArray     *merged;        /* double: the family rows as they will be */
  char       *last_period_text;
  gint32      last_months;   /* -1: unreadable */
  ChcPeriodType last_type;
} ValuesState;

static const char *const tables[] = { "element_value", "district_value", "signing", "tcm", NULL };

static gpointer
values_new_state (ChcCsvImportContext *ctx)
{
  ValuesState *state = g_new0 (ValuesState, 1);

  state->elements = chc_database_list_elements (ctx->database, NULL);
  if (state->elements == NULL)
    state->elements = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_element_unref);
  state->element_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < state->elements->len; i++)
    {
      ChcElement *element = g_ptr_array_index (state->elements, i);

      /* a code wins over a name; names in the order of declaration */
      g_hash_table_replace (state->element_index, g_strdup (element->code), GUINT_TO_POINTER (i + 1));
      if (!g_hash_table_contains (state->element_index, element->name_zh))
        g_hash_table_insert (state->element_index, g_strdup (element->name_zh), GUINT_TO_POINTER (i + 1));
    }
  state->families = g_ptr_array_new_with_free_func ((GDestroyNotify) family_free);
  state->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  state->groups = g_array_new (FALSE, FALSE, sizeof (Group));
  state->merged = g_array_new (FALSE, FALSE, sizeof (double));
  state->last_months = -1;
  return state;
}

static void
values_free_state (gpointer data)
{
  ValuesState *state = data;

  g_ptr_array_unref (state->elements);
  g_hash_table_unref (state->element_index);
  g_ptr_array_unref (state->families);
  g_hash_table_unref (state->units);
  g_array_unref (state->rows);
  g_free (state->sorted);
  g_array_unref (state->groups);
  g_array_unref (state->merged);
  g_free (state->last_period_text);
  g_free (state);
}

static ChcElement *
row_element (ValuesState *state,
             const Row   *row)
{
  return g_ptr_array_index (state->elements, row->element);
}

/* The canonical period of @months for an element of @type. */
static void
format_period (ChcPeriodType type,
               gint32        months,
               char          period[8])
{
  switch (type)
    {
    case CHC_PERIOD_TYPE_MONTH:
      g_snprintf (period, 8, "%04d-%02d", months / 12, months % 12 + 1);
      break;
    case CHC_PERIOD_TYPE_QUARTER:
      g_snprintf (period, 8, "%04dQ%d", months / 12, months % 12 / 3 + 1);
      break;
    case CHC_PERIOD_TYPE_YEAR:
    case CHC_PERIOD_TYPE_DATED:
    default:
      g_snprintf (period, 8, "%04d", months / 12);
      break;
    }
}

static int
family_index (ValuesState *state,
              const char  *family)
{
  Family *met;

  for (guint i = 0; i < state->families->len; i++)
    if (g_str_equal (((Family *) g_ptr_array_index (state->families, i))->table, family))
      return (int) i;
  met = g_new0 (Family, 1);
  met->table = g_strdup (family);
  met->elements = chc_elements_list_family (family);
  g_assert (met->elements->len <= MAX_FAMILY);
  g_ptr_array_add (state->families, met);
  return (int) state->families->len - 1;
}

static Family *
group_family (ValuesState *state,
              const Group *group)
{
  return group->family >= 0 ? g_ptr_array_index (state->families, group->family) : NULL;
}

/* The facility (or district) of @text, cached; FALSE with @error only on
 * a database failure; unit->id 0 after reporting the problem. */
static gboolean
find_unit (ChcCsvImportContext  *ctx,
           ValuesState          *state,
           const char           *text,
           gboolean              district,
           Unit                 *unit,
           GError              **error)
{
  g_autofree char *key = g_strconcat (district ? "d:" : "f:", text, NULL);
  Unit *cached = g_hash_table_lookup (state->units, key);
  g_autoptr(GError) local_error = NULL;

  if (cached != NULL)
    {
      *unit = *cached;
      return TRUE;
    }
  unit->id = 0;
  unit->type = CHC_FACILITY_CENTRE;
  if (district)
    {
      gint64 district_id = 0;

      if (!chc_csv_import_find_district (ctx, text, &district_id, error))
        return FALSE;
      if (district_id == 0)
        {
          chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_FACILITY,
                                  _("no district “%s” (this figure is given for a whole district)."), text);
          return TRUE;
        }
      unit->id = -district_id;
    }
  else
    {
      g_autoptr(ChcFacility) facility = chc_database_find_facility (ctx->database, text, 0, &local_error);

      if (facility == NULL)
        {
          if (local_error != NULL && local_error->domain == CHC_DATABASE_ERROR &&
              local_error->code != CHC_DATABASE_ERROR_NOT_FOUND &&
              local_error->code != CHC_DATABASE_ERROR_CONSTRAINT)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_FACILITY, "%s",
                                  local_error != NULL ? local_error->message : _("no such facility."));
          return TRUE;
        }
      unit->id = chc_facility_get_id (facility);
      unit->type = chc_facility_get_facility_type (facility);
    }
  g_hash_table_insert (state->units, g_steal_pointer (&key), g_memdup2 (unit, sizeof *unit));
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
  Unit unit = { 0 };
  Row row = { 0 };
  gboolean bad = FALSE;

  row.line = chc_csv_import_row_line (ctx);
  bad |= chc_csv_import_get_text (ctx, CHC_CSV_VALUES_FACILITY, TRUE, &facility_text) != CHC_CSV_CELL_OK;
  bad |= chc_csv_import_get_text (ctx, CHC_CSV_VALUES_ELEMENT, TRUE, &element_text) != CHC_CSV_CELL_OK;
  bad |= chc_csv_import_get_text (ctx, CHC_CSV_VALUES_PERIOD, TRUE, &period_text) != CHC_CSV_CELL_OK;
  bad |= chc_csv_import_get_text (ctx, CHC_CSV_VALUES_VALUE, TRUE, &value_text) != CHC_CSV_CELL_OK;

  if (element_text != NULL)
    {
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (state->element_index, element_text));

      element = index > 0 ? g_ptr_array_index (state->elements, index - 1) : NULL;
      if (element == NULL)
        {
          chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_ELEMENT,
                                  _("no data element “%s” (chc-cli elements lists them)."), element_text);
          bad = TRUE;
        }
      else if (element->value_type == CHC_VALUE_TYPE_DATE)
        {
          chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_ELEMENT,
                                  _("%s is a dated state: it is entered in its own view."),
                                  chc_element_get_label (element));
          bad = TRUE;
          element = NULL;
        }
      else
        row.element = index - 1;
    }
  if (element != NULL && facility_text != NULL)
    {
      if (!find_unit (ctx, state, facility_text, element->level == CHC_ELEMENT_LEVEL_DISTRICT, &unit, error))
        return FALSE;
      if (unit.id == 0)
        bad = TRUE;
      else if (element->level == CHC_ELEMENT_LEVEL_CENTRE &&
               unit.type != CHC_FACILITY_CENTRE && unit.type != CHC_FACILITY_BRANCH)
        {
          chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_FACILITY,
                                  _("%s is reported by community health centres and branch centres, not by %s."),
                                  chc_element_get_label (element), facility_text);
          bad = TRUE;
        }
      row.unit = unit.id;
    }
  if (period_text != NULL)
    {
      if (g_strcmp0 (period_text, state->last_period_text) != 0)
        {
          g_autofree char *canonical = NULL;
          int first, last;

          g_free (state->last_period_text);
          state->last_period_text = g_strdup (period_text);
          state->last_months = -1;
          if (!chc_csv_parse_any_period (period_text, &canonical, &state->last_type, &local_error))
            {
              chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_PERIOD, "%s", local_error->message);
              g_clear_error (&local_error);
              g_clear_pointer (&state->last_period_text, g_free);
            }
          else if (chc_period_months (canonical, &first, &last))
            state->last_months = first;
        }
      else if (state->last_months < 0)
        chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_PERIOD,
                                _("%s is not a period: write a month (2024-12, 2024年12月), a quarter (2024Q4) or a year (2024)."),
                                period_text);
      if (state->last_months < 0)
        bad = TRUE;
      else if (element != NULL && state->last_type != element->period_type)
        {
          static const char *const kinds[] = { N_("month"), N_("quarter"), N_("year") };

          chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_PERIOD,
                                  _("%s is reported by %s, not for “%s”."), chc_element_get_label (element),
                                  _(kinds[MIN ((guint) element->period_type, 2)]), period_text);
          bad = TRUE;
        }
      row.months = state->last_months;
    }
  if (element != NULL && value_text != NULL &&
      !chc_csv_parse_element_value (element, value_text, &row.value, &local_error))
    {
      chc_csv_import_problem (ctx, FALSE, CHC_CSV_VALUES_VALUE, "%s", local_error->message);
      bad = TRUE;
    }
  if (!bad)
    g_array_append_val (state->rows, row);
  return chc_csv_import_tick (ctx, error);
}

static int
compare_rows (const void *a,
              const void *b,
              void       *data)
{
  ValuesState *state = data;
  const Row *x = *(Row *const *) a;
  const Row *y = *(Row *const *) b;
  ChcElement *ex = row_element (state, x);
  ChcElement *ey = row_element (state, y);

  if (x->unit != y->unit)
    return x->unit < y->unit ? -1 : 1;
  if (ex->period_type != ey->period_type)
    return ex->period_type < ey->period_type ? -1 : 1;
  if (x->months != y->months)
    return x->months < y->months ? -1 : 1;
  if (x->element != y->element)
    return x->element < y->element ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

/* The value of @code for the group's facility and period: in the file,
 * else in the family row as it will be, else stored. */
static gboolean
value_in_group (ChcCsvImportContext  *ctx,
                ValuesState          *state,
                const Group          *group,
                const char           *code,
                double               *value,
                GError              **error)
{
  const Row *first = state->sorted[group->first];
  char period[8];

  for (guint k = 0; k < group->n; k++)
    {
      const Row *row = state->sorted[group->first + k];

      if (g_str_equal (row_element (state, row)->code, code))
        {
          *value = row->value;
          return TRUE;
        }
    }
  if (group->family >= 0)
    {
      GPtrArray *family = group_family (state, group)->elements;

      for (guint i = 0; i < family->len; i++)
        if (g_str_equal (((ChcElement *) g_ptr_array_index (family, i))->code, code))
          {
            *value = g_array_index (state->merged, double, group->merged + i);
            return TRUE;
          }
    }
  format_period (row_element (state, first)->period_type, first->months, period);
  return chc_database_get_value (ctx->database, first->unit > 0 ? first->unit : 0,
                                 first->unit < 0 ? -first->unit : 0, code, period, value, error);
}

/* The cross-field rules of a group: each element bounded by another (in
 * the file, the family row or stored). */
static gboolean
check_bounds (ChcCsvImportContext  *ctx,
              ValuesState          *state,
              const Group          *group,
              GError              **error)
{
  for (guint k = 0; k < group->n; k++)
    {
      Row *row = state->sorted[group->first + k];
      ChcElement *element = row_element (state, row);

      for (guint e = 0; e < state->elements->len; e++)
        {
          ChcElement *other = g_ptr_array_index (state->elements, e);
          ChcElement *small, *large;
          double x, limit;

          if (g_strcmp0 (element->at_most, other->code) == 0)
            small = element, large = other;
          else if (g_strcmp0 (other->at_most, element->code) == 0)
            small = other, large = element;
          else
            continue;
          if (!value_in_group (ctx, state, group, small->code, &x, error) ||
              !value_in_group (ctx, state, group, large->code, &limit, error))
            return FALSE;
          if (!isnan (x) && !isnan (limit) && x > limit)
            {
              g_autofree char *shown = chc_element_format_value (small, x);
              g_autofree char *limit_shown = chc_element_format_value (large, limit);

              chc_csv_import_problem_at (ctx, FALSE, row->line, CHC_CSV_VALUES_VALUE,
                                         _("%s (%s) is more than %s (%s)."),
                                         chc_element_get_label (small), shown,
                                         chc_element_get_label (large), limit_shown);
              row->status = 0;
              return TRUE;
            }
        }
    }
  return TRUE;
}

/* A family row: the stored one overlaid with the file's values. */
static gboolean
check_family_group (ChcCsvImportContext  *ctx,
                    ValuesState          *state,
                    Group                *group,
                    GError              **error)
{
  const Row *first = state->sorted[group->first];
  const char *family_name = group_family (state, group)->table;
  GPtrArray *family = group_family (state, group)->elements;
  double stored[MAX_FAMILY];
  gboolean found = FALSE, changed = FALSE;
  char period[8];

  format_period (row_element (state, first)->period_type, first->months, period);
  if (!chc_database_get_family_row (ctx->database, family_name, first->unit, period, stored, &found, error))
    return FALSE;
  group->merged = state->merged->len;
  for (guint i = 0; i < family->len; i++)
    {
      double v = found ? stored[i] : NAN;

      g_array_append_val (state->merged, v);
    }
  for (guint k = 0; k < group->n; k++)
    {
      Row *row = state->sorted[group->first + k];

      for (guint i = 0; i < family->len; i++)
        if (g_str_equal (((ChcElement *) g_ptr_array_index (family, i))->code, row_element (state, row)->code))
          {
            double *slot = &g_array_index (state->merged, double, group->merged + i);

            row->status = !found ? STATUS_NEW : *slot == row->value ? STATUS_SAME : STATUS_CHANGED;
            changed |= row->status != STATUS_SAME;
            *slot = row->value;
          }
    }
  if (!found)
    for (guint i = 0; i < family->len; i++)
      {
        ChcElement *element = g_ptr_array_index (family, i);

        if (element->required && isnan (g_array_index (state->merged, double, group->merged + i)))
          {
            chc_csv_import_problem_at (ctx, FALSE, first->line, CHC_CSV_VALUES_ELEMENT,
                                       _("%s: a new period of this facility needs %s as well."),
                                       chc_element_get_label (row_element (state, first)),
                                       chc_element_get_label (element));
            return TRUE;
          }
      }
  group->status = !found ? STATUS_NEW : changed ? STATUS_CHANGED : STATUS_SAME;

  /* The rules of the family's own entry that are not cross-field bounds:
   * TCM visits of a month not begun, or of a facility not opened yet. */
  if (group->status != STATUS_SAME && g_str_equal (family_name, "tcm_visits"))
    {
      g_autoptr(GPtrArray) violations = chc_violations_new ();
      g_autofree char *today = chc_tcm_today ();
      ChcFacility *facility = NULL;
      double tcm = NAN, all = NAN;

      if (!chc_csv_import_get_facility (ctx, first->unit, &facility, error))
        return FALSE;
      for (guint i = 0; i < family->len; i++)
        {
          const char *column = ((ChcElement *) g_ptr_array_index (family, i))->column;
          double v = g_array_index (state->merged, double, group->merged + i);

          if (g_str_equal (column, "tcm_visits"))
            tcm = v;
          else if (g_str_equal (column, "all_visits"))
            all = v;
        }
      if (facility != NULL)
        chc_tcm_validate_visits (facility, period, isnan (tcm) ? 0 : (gint64) tcm,
                                 isnan (all) ? 0 : (gint64) all, today, violations);
      for (guint i = 0; i < violations->len; i++)
        chc_csv_import_problem_at (ctx, FALSE, first->line, CHC_CSV_VALUES_VALUE, "%s",
                                   ((ChcViolation *) g_ptr_array_index (violations, i))->message);
    }
  return TRUE;
}

static gboolean
values_check (ChcCsvImportContext  *ctx,
              gpointer              data,
              GError              **error)
{
  ValuesState *state = data;
  guint n_errors = ctx->report->n_errors;

  state->sorted = g_new (Row *, state->rows->len + 1);
  for (guint i = 0; i < state->rows->len; i++)
    state->sorted[state->n_sorted++] = &g_array_index (state->rows, Row, i);
  g_qsort_with_data (state->sorted, state->n_sorted, sizeof (Row *), compare_rows, state);

  /* the same figure twice */
  for (guint i = 1; i < state->n_sorted; i++)
    {
      Row *a = state->sorted[i - 1], *b = state->sorted[i];

      if (a->unit == b->unit && a->months == b->months && a->element == b->element)
        chc_csv_import_problem_at (ctx, FALSE, b->line, CHC_CSV_VALUES_ELEMENT,
                                   _("The same figure is given twice for this facility and period (also on line %u)."),
                                   a->line);
    }
  if (ctx->report->n_errors > n_errors)
    return TRUE;

  /* groups: one facility, period type, period and family (a generic
   * value is a group of its own) */
  for (guint i = 0; i < state->n_sorted; )
    {
      Row *first = state->sorted[i];
      ChcElement *element = row_element (state, first);
      Group group = { i, 1, -1, 0, 0 };

      if (element->family != NULL)
        {
          group.family = family_index (state, element->family);
          while (i + group.n < state->n_sorted)
            {
              Row *next = state->sorted[i + group.n];
              ChcElement *next_element = row_element (state, next);

              if (next->unit != first->unit || next->months != first->months ||
                  next_element->period_type != element->period_type ||
                  g_strcmp0 (next_element->family, element->family) != 0)
                break;
              group.n++;
            }
          if (!check_family_group (ctx, state, &group, error))
            return FALSE;
        }
      else
        {
          char period[8];
          double stored;

          format_period (element->period_type, first->months, period);
          if (!chc_database_get_value (ctx->database, first->unit > 0 ? first->unit : 0,
                                       first->unit < 0 ? -first->unit : 0, element->code, period,
                                       &stored, error))
            return FALSE;
          first->status = group.status = isnan (stored) ? STATUS_NEW
                                         : stored == first->value ? STATUS_SAME : STATUS_CHANGED;
        }
      g_array_append_val (state->groups, group);
      i += group.n;
      if (!chc_csv_import_tick (ctx, error))
        return FALSE;
    }
  if (ctx->report->n_errors > n_errors)
    return TRUE;

  /* cross-field rules, for the groups that change something */
  for (guint g = 0; g < state->groups->len; g++)
    {
      Group *group = &g_array_index (state->groups, Group, g);

      if (group->status != STATUS_SAME && !check_bounds (ctx, state, group, error))
        return FALSE;
      if (!chc_csv_import_tick (ctx, error))
        return FALSE;
    }

  for (guint i = 0; i < state->n_sorted; i++)
    switch (state->sorted[i]->status)
      {
      case STATUS_NEW:
        ctx->report->inserted++;
        break;
      case STATUS_CHANGED:
        ctx->report->updated++;
        break;
      case STATUS_SAME:
        ctx->report->unchanged++;
        break;
      default:
        break;
      }
  return TRUE;
}

static gboolean
write_group (ChcCsvImportContext  *ctx,
             ValuesState          *state,
             const Group          *group,
             GError              **error)
{
  const Row *first = state->sorted[group->first];
  ChcElement *element = row_element (state, first);
  char period[8];

  format_period (element->period_type, first->months, period);
  if (group->family >= 0)
    return chc_database_put_family_row (ctx->database, group_family (state, group)->table,
                                        first->unit, period,
                                        &g_array_index (state->merged, double, group->merged), error);
  {
    ChcValue value = { first->unit > 0 ? first->unit : 0, first->unit < 0 ? -first->unit : 0,
                       NULL, NULL, (char *) element->code, period, first->value };

    return chc_database_put_value (ctx->database, &value, error);
  }
}

/* The table a group's rows go to. */
static const char *
group_table (ValuesState *state,
             const Group *group)
{
  const Row *first = state->sorted[group->first];

  if (group->family >= 0)
    return group_family (state, group)->table;
  return first->unit < 0 ? "district_value" : "element_value";
}

static gboolean
values_apply (ChcCsvImportContext  *ctx,
              gpointer              data,
              GError              **error)
{
  ValuesState *state = data;
  g_autoptr(GHashTable) new_rows = g_hash_table_new (g_str_hash, g_str_equal);

  /* changes first, each recorded field by field */
  for (guint g = 0; g < state->groups->len; g++)
    {
      const Group *group = &g_array_index (state->groups, Group, g);

      if (group->status == STATUS_CHANGED &&
          (!write_group (ctx, state, group, error) || !chc_csv_import_tick (ctx, error)))
        return FALSE;
      if (group->status == STATUS_NEW)
        {
          const char *table = group_table (state, group);

          g_hash_table_insert (new_rows, (gpointer) table,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (new_rows, table)) + 1));
        }
    }

  /* then the new rows, table by table, in bulk */
  {
    GHashTableIter iter;
    gpointer key, count;

    g_hash_table_iter_init (&iter, new_rows);
    while (g_hash_table_iter_next (&iter, &key, &count))
      {
        const char *table = key;

        if (!chc_database_bulk_begin (ctx->database, table, error))
          return FALSE;
        for (guint g = 0; g < state->groups->len; g++)
          {
            const Group *group = &g_array_index (state->groups, Group, g);

            if (group->status != STATUS_NEW || !g_str_equal (group_table (state, group), table))
              continue;
            if (!write_group (ctx, state, group, error) || !chc_csv_import_tick (ctx, error))
              return FALSE;
          }
        if (!chc_database_bulk_end (ctx->database, table, GPOINTER_TO_UINT (count), error))
          return FALSE;
        chc_database_notify_changed (ctx->database, table);
      }
  }
  return TRUE;
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

      if (element == NULL || !chc_csv_export_wants (ctx, value->facility_id, 0, NULL))
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
