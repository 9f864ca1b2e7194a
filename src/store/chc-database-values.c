/* chc-database-values.c — data elements and their values, and the one
 * aggregation of a figure (issue 13).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-database"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-database-private.h"
#include "chc-database-values.h"
#include "chc-database-import.h"
#include "core/chc-json.h"
#include "core/chc-validate.h"
#include "model/chc-facility.h"

/* ---- values ---------------------------------------------------------------- */

ChcValue *
chc_value_new (gint64      facility_id,
               gint64      district_id,
               const char *element,
               const char *period,
               double      value)
{
  ChcValue *self = g_new0 (ChcValue, 1);

  self->facility_id = facility_id;
  self->district_id = district_id;
  self->element = g_strdup (element);
  self->period = g_strdup (period);
  self->value = value;
  return self;
}

void
chc_value_free (ChcValue *value)
{
  if (value == NULL)
    return;
  g_free (value->facility_code);
  g_free (value->facility_name);
  g_free (value->element);
  g_free (value->period);
  g_free (value);
}

/* ---- elements -------------------------------------------------------------- */

static ChcElement *
element_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(ChcElement) element = chc_element_new (chc_column_text (stmt, 0), chc_column_text (stmt, 1));

  g_free (element->name_en);
  element->name_en = g_strdup (chc_column_text (stmt, 2));
  g_free (element->unit);
  element->unit = g_strdup (chc_column_text (stmt, 3));
  chc_value_type_from_nick (chc_column_text (stmt, 4), &element->value_type);
  chc_element_level_from_nick (chc_column_text (stmt, 5), &element->level);
  chc_period_type_from_nick (chc_column_text (stmt, 6), &element->period_type);
  chc_aggregation_from_nick (chc_column_text (stmt, 7), &element->aggregation);
  element->min = sqlite3_column_type (stmt, 8) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 8);
  element->max = sqlite3_column_type (stmt, 9) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 9);
  if (element->value_type == CHC_VALUE_TYPE_YES_NO)
    element->min = NAN;
  element->origin = CHC_ELEMENT_ORIGIN_USER;
  return g_steal_pointer (&element);
}

GPtrArray *
chc_database_list_elements (ChcDatabase  *self,
                            GError      **error)
{
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_element_unref);
  g_autoptr(GError) local_error = NULL;
  GPtrArray *builtin = chc_elements_get_builtin ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  for (guint i = 0; i < builtin->len; i++)
    g_ptr_array_add (elements, chc_element_ref (g_ptr_array_index (builtin, i)));

  stmt = chc_database_prepare (self,
                               "SELECT code, name_zh, name_en, unit, value_type, level, period_type,"
                               " aggregation, min_value, max_value FROM data_element ORDER BY code",
                               error);
  if (stmt == NULL)
    return NULL;
  while (chc_database_step_row (self, stmt, &local_error))
    g_ptr_array_add (elements, element_from_row (stmt));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&elements);
}

ChcElement *
chc_database_find_element (ChcDatabase  *self,
                           const char   *code_or_name,
                           GError      **error)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  elements = chc_database_list_elements (self, error);
  if (elements == NULL)
    return NULL;
  wanted = g_strstrip (g_strdup (code_or_name != NULL ? code_or_name : ""));
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < elements->len; i++)
      {
        ChcElement *element = g_ptr_array_index (elements, i);

        if ((pass == 0 && g_str_equal (element->code, wanted)) ||
            (pass == 1 && (g_str_equal (element->name_zh, wanted) ||
                           (*element->name_en != '\0' && g_ascii_strcasecmp (element->name_en, wanted) == 0))))
          return chc_element_ref (element);
      }
  g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
               _("There is no data element “%s” (chc-cli elements lists them)."), wanted);
  return NULL;
}

gboolean
chc_database_add_element (ChcDatabase       *self,
                          const ChcElement  *element,
                          GError           **error)
{
  g_autoptr(GPtrArray) elements = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (element != NULL, FALSE);

  if (!chc_element_validate (element, error))
    return FALSE;
  if (element->family != NULL || element->value_type == CHC_VALUE_TYPE_DATE)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                   _("A data element of your own holds numbers or yes/no of a month, quarter or year."));
      return FALSE;
    }
  elements = chc_database_list_elements (self, error);
  if (elements == NULL)
    return FALSE;
  for (guint i = 0; i < elements->len; i++)
    {
      ChcElement *other = g_ptr_array_index (elements, i);

      if (g_str_equal (other->code, element->code))
        {
          g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                       _("The code “%s” is already the code of the data element “%s”."),
                       element->code, other->name_zh);
          return FALSE;
        }
      if (g_str_equal (other->name_zh, element->name_zh))
        {
          g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                       _("The name “%s” is already the name of the data element “%s”."),
                       element->name_zh, other->code);
          return FALSE;
        }
    }

  if (!chc_database_begin (self, error))
    return FALSE;
  stmt = chc_database_prepare (self,
                               "INSERT INTO data_element (code, name_zh, name_en, unit, value_type, level,"
                               " period_type, aggregation, min_value, max_value)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, element->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, element->name_zh, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, element->name_en != NULL ? element->name_en : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, element->unit != NULL ? element->unit : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, chc_value_type_to_nick (element->value_type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, chc_element_level_to_nick (element->level), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, chc_period_type_to_nick (element->period_type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, chc_aggregation_to_nick (element->aggregation), -1, SQLITE_STATIC);
  if (!isnan (element->min) && element->value_type != CHC_VALUE_TYPE_YES_NO)
    sqlite3_bind_double (stmt, 9, element->min);
  if (!isnan (element->max) && element->value_type != CHC_VALUE_TYPE_YES_NO)
    sqlite3_bind_double (stmt, 10, element->max);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  chc_database_notify_changed (self, "data_element");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

gboolean
chc_database_remove_element (ChcDatabase  *self,
                             const char   *code,
                             GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean used = FALSE;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (chc_elements_find_builtin (code) != NULL)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                   _("“%s” is a built-in data element: it cannot be removed."), code);
      return FALSE;
    }
  if (!chc_database_begin (self, error))
    return FALSE;
  stmt = chc_database_prepare (self,
                               "SELECT EXISTS (SELECT 1 FROM element_value WHERE element = ?1)"
                               " OR EXISTS (SELECT 1 FROM district_value WHERE element = ?1)",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (chc_database_step_row (self, stmt, &local_error))
    used = sqlite3_column_int (stmt, 0) != 0;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  if (used)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IN_USE,
                   _("The data element “%s” has values: remove them first."), code);
      goto fail;
    }
  stmt = chc_database_prepare (self, "DELETE FROM data_element WHERE code = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (!chc_database_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (chc_database_get_handle (self)) == 0)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("There is no data element “%s” (chc-cli elements lists them)."), code);
      goto fail;
    }
  chc_database_notify_changed (self, "data_element");
  return chc_database_commit (self, error);

fail:
  chc_database_rollback (self);
  return FALSE;
}

/* ---- reading values ------------------------------------------------------ */

/* The SQL that reads @element's values of district ?1 (0: all) and years
 * ?2 to ?3, as (facility_id, period, value), facility 0 for a district's
 * value.  A family element reads its family's table; the text is kept for
 * the process (statements are cached by the address of their SQL).  The
 * table and column come from the built-in declarations only. */
static const char *
values_sql (const ChcElement *element,
            gboolean          all_districts)
{
  static GHashTable *cache;
  static GMutex lock;
  const char *sql;
  g_autofree char *key = NULL;

  /* "f.district_id = ?1" and CROSS JOIN make SQLite start from the
   * district's facilities (index facility_district), then seek each one's
   * rows (primary key); left to itself, it scans the element's rows of
   * every district (index element_value_element), 16 times the work on a
   * city's database (bench/chc-bench-indicators) */
  if (element->family == NULL && element->level == CHC_ELEMENT_LEVEL_DISTRICT)
    return all_districts
           ? "SELECT 0, v.period, v.value FROM district_value v WHERE ?1 = 0 AND v.element = ?4"
             " AND v.period >= printf ('%04d', ?2) AND v.period < printf ('%04d', ?3 + 1)"
           : "SELECT 0, v.period, v.value FROM district_value v WHERE v.district_id = ?1 AND v.element = ?4"
             " AND v.period >= printf ('%04d', ?2) AND v.period < printf ('%04d', ?3 + 1)";

  key = g_strdup_printf ("%s.%s.%d.%d", element->family != NULL ? element->family : "element_value",
                         element->family != NULL ? element->column : "value", all_districts,
                         element->level == CHC_ELEMENT_LEVEL_CENTRE);
  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new (g_str_hash, g_str_equal);
  sql = g_hash_table_lookup (cache, key);
  if (sql == NULL)
    {
      /* periods are compared as text: every period of year Y sorts from
       * "Y" (inclusive) to "Y+1" (exclusive), so the index is used */
      gboolean yearly = element->family != NULL && element->period_type == CHC_PERIOD_TYPE_YEAR;
      /* only the facilities the element's level admits (level_admits):
       * no seek for each station of a centre's figure */
      const char *where_district = all_districts
                                   ? (element->level == CHC_ELEMENT_LEVEL_CENTRE
                                      ? "?1 = 0 AND f.type IN ('centre', 'branch')" : "?1 = 0")
                                   : (element->level == CHC_ELEMENT_LEVEL_CENTRE
                                      ? "f.district_id = ?1 AND f.type IN ('centre', 'branch')"
                                      : "f.district_id = ?1");

      if (element->family == NULL)
        sql = g_strdup_printf ("SELECT v.facility_id, v.period, v.value FROM facility f"
                               " CROSS JOIN element_value v ON v.facility_id = f.id"
                               " WHERE %s AND v.element = ?4"
                               " AND v.period >= printf ('%%04d', ?2) AND v.period < printf ('%%04d', ?3 + 1)",
                               where_district);
      else
        sql = g_strdup_printf ("SELECT x.facility_id, %s, x.%s FROM facility f"
                               " CROSS JOIN %s x ON x.facility_id = f.id"
                               " WHERE %s AND ?4 IS NOT NULL AND %s",
                               yearly ? "printf ('%04d', x.year)" : "x.period", element->column, element->family,
                               where_district,
                               yearly ? "x.year BETWEEN ?2 AND ?3"
                                      : "x.period >= printf ('%04d', ?2) AND x.period < printf ('%04d', ?3 + 1)");
      g_hash_table_insert (cache, g_steal_pointer (&key), (gpointer) sql);
    }
  g_mutex_unlock (&lock);
  return sql;
}

typedef void (*ValueFunc) (gint64      facility_id,
                           const char *period,
                           double      value,
                           gpointer    user_data);

static gboolean
read_values (ChcDatabase      *self,
             const ChcElement *element,
             gint64            district_id,
             int               first_year,
             int               last_year,
             ValueFunc         func,
             gpointer          user_data,
             GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = chc_database_prepare (self, values_sql (element, district_id == 0), error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_int (stmt, 2, first_year);
  sqlite3_bind_int (stmt, 3, last_year);
  sqlite3_bind_text (stmt, 4, element->code, -1, SQLITE_TRANSIENT);
  while (chc_database_step_row (self, stmt, &local_error))
    {
      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
        continue;
      func (sqlite3_column_int64 (stmt, 0), chc_column_text (stmt, 1),
            sqlite3_column_double (stmt, 2), user_data);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GPtrArray        *out;
  const ChcElement *element;
  gint64            district_id;
  int               first, last;     /* months of the wanted period; -1: any */
} ListState;

static void
list_one (gint64      facility_id,
          const char *period,
          double      value,
          gpointer    user_data)
{
  ListState *state = user_data;
  int first, last;

  if (!chc_period_months (period, &first, &last))
    return;
  if (state->first >= 0 && (first < state->first || last > state->last))
    return;
  g_ptr_array_add (state->out, chc_value_new (facility_id, state->district_id,
                                              state->element->code, period, value));
}

static int
compare_listed (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const ChcValue *x = *(const ChcValue **) a;
  const ChcValue *y = *(const ChcValue **) b;
  GHashTable *order = user_data;
  int c;

  if ((c = g_strcmp0 (x->facility_code, y->facility_code)) != 0)
    return c;
  if ((c = GPOINTER_TO_INT (g_hash_table_lookup (order, x->element)) -
           GPOINTER_TO_INT (g_hash_table_lookup (order, y->element))) != 0)
    return c;
  return g_strcmp0 (x->period, y->period);
}

GPtrArray *
chc_database_list_values (ChcDatabase  *self,
                          gint64        district_id,
                          const char   *period,
                          const char   *element,
                          GError      **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_value_free);
  g_autoptr(GPtrArray) elements = NULL;
  g_autoptr(GHashTable) order = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) facilities = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GPtrArray) all = NULL;
  ListState state = { out, NULL, district_id, -1, -1 };
  int first_year = 1900, last_year = 2100;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  if (period != NULL)
    {
      if (!chc_period_months (period, &state.first, &state.last))
        {
          g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                       _("“%s” is not a period."), period);
          return NULL;
        }
      first_year = state.first / 12;
      last_year = state.last / 12;
    }
  if (element != NULL)
    {
      ChcElement *found = chc_database_find_element (self, element, error);

      if (found == NULL)
        return NULL;
      elements = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_element_unref);
      g_ptr_array_add (elements, found);
    }
  else if ((elements = chc_database_list_elements (self, error)) == NULL)
    return NULL;

  all = chc_database_list_facilities (self, 0, error);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      ChcFacility *facility = g_ptr_array_index (all, i);
      gint64 *id = g_new (gint64, 1);

      *id = chc_facility_get_id (facility);
      g_hash_table_insert (facilities, id, g_object_ref (facility));
    }
  districts = chc_database_list_districts (self, error);
  if (districts == NULL)
    return NULL;

  for (guint i = 0; i < elements->len; i++)
    {
      state.element = g_ptr_array_index (elements, i);
      g_hash_table_insert (order, state.element->code, GINT_TO_POINTER (i));
      if (state.element->value_type == CHC_VALUE_TYPE_DATE)
        continue;
      if (state.element->level == CHC_ELEMENT_LEVEL_DISTRICT)
        {
          for (guint d = 0; d < districts->len; d++)
            {
              ChcDistrict *district = g_ptr_array_index (districts, d);
              gint64 id = chc_district_get_id (district);
              guint before = out->len;

              if (district_id != 0 && id != district_id)
                continue;
              state.district_id = id;
              if (!read_values (self, state.element, id, first_year, last_year, list_one, &state, error))
                return NULL;
              for (guint k = before; k < out->len; k++)
                {
                  ChcValue *value = g_ptr_array_index (out, k);

                  value->facility_code = g_strdup ("");
                  value->facility_name = g_strdup (chc_district_get_name (district));
                }
            }
          state.district_id = district_id;
        }
      else
        {
          guint before = out->len;

          if (!read_values (self, state.element, district_id, first_year, last_year, list_one, &state, error))
            return NULL;
          for (guint k = before; k < out->len; k++)
            {
              ChcValue *value = g_ptr_array_index (out, k);
              ChcFacility *facility = g_hash_table_lookup (facilities, &value->facility_id);

              if (facility == NULL)
                continue;
              value->district_id = chc_facility_get_district_id (facility);
              value->facility_code = g_strdup (chc_facility_get_code (facility));
              value->facility_name = g_strdup (chc_facility_get_name (facility));
            }
        }
    }
  g_ptr_array_sort_with_data (out, compare_listed, order);
  return g_steal_pointer (&out);
}

/* ---- writing values ------------------------------------------------------- */

typedef struct
{
  GHashTable *elements;    /* code → ChcElement */
  GHashTable *facilities;  /* gint64 * → ChcFacility */
  GHashTable *staged;      /* "unit|element|period" → double * */
} CheckState;

static void
check_state_clear (CheckState *state)
{
  g_clear_pointer (&state->elements, g_hash_table_unref);
  g_clear_pointer (&state->facilities, g_hash_table_unref);
  g_clear_pointer (&state->staged, g_hash_table_unref);
}

static char *
value_key (gint64      facility_id,
           gint64      district_id,
           const char *element,
           const char *period)
{
  return facility_id != 0
         ? g_strdup_printf ("f%" G_GINT64_FORMAT "|%s|%s", facility_id, element, period)
         : g_strdup_printf ("d%" G_GINT64_FORMAT "|%s|%s", district_id, element, period);
}

/* The facilities the values name, read once each (not the whole registry:
 * the entry grid checks a few values on every keystroke). */
static gboolean
check_state_init (ChcDatabase  *self,
                  CheckState   *state,
                  GPtrArray    *values,
                  GError      **error)
{
  g_autoptr(GPtrArray) elements = chc_database_list_elements (self, error);

  if (elements == NULL)
    return FALSE;
  state->elements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) chc_element_unref);
  for (guint i = 0; i < elements->len; i++)
    {
      ChcElement *element = g_ptr_array_index (elements, i);
      g_hash_table_insert (state->elements, element->code, chc_element_ref (element));
    }
  state->facilities = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  for (guint i = 0; i < values->len; i++)
    {
      const ChcValue *value = g_ptr_array_index (values, i);
      g_autoptr(GError) local_error = NULL;
      ChcFacility *facility;
      gint64 *id;

      if (value->facility_id == 0 || g_hash_table_contains (state->facilities, &value->facility_id))
        continue;
      facility = chc_database_get_facility (self, value->facility_id, &local_error);
      if (facility == NULL)
        {
          if (g_error_matches (local_error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      id = g_new (gint64, 1);
      *id = value->facility_id;
      g_hash_table_insert (state->facilities, id, facility);
    }
  state->staged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return TRUE;
}

/* The stored value, or NAN. */
gboolean
chc_database_get_value (ChcDatabase  *self,
                        gint64        facility_id,
                        gint64        district_id,
                        const char   *element,
                        const char   *period,
                        double       *value,
                        GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  if (facility_id != 0)
    {
      stmt = chc_database_prepare (self,
                                   "SELECT value FROM element_value"
                                   " WHERE facility_id = ?1 AND element = ?2 AND period = ?3",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, facility_id);
    }
  else
    {
      stmt = chc_database_prepare (self,
                                   "SELECT value FROM district_value"
                                   " WHERE district_id = ?1 AND element = ?2 AND period = ?3",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, district_id);
    }
  sqlite3_bind_text (stmt, 2, element, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, period, -1, SQLITE_TRANSIENT);
  *value = NAN;
  if (chc_database_step_row (self, stmt, &local_error))
    *value = sqlite3_column_double (stmt, 0);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* The value of @element for the same unit and period as @value: staged
 * in this batch, else stored (NAN when neither). */
static gboolean
current_value (ChcDatabase     *self,
               CheckState      *state,
               const ChcValue  *value,
               const char      *element,
               double          *out,
               GError         **error)
{
  g_autofree char *key = value_key (value->facility_id, value->district_id, element, value->period);
  double *staged = g_hash_table_lookup (state->staged, key);

  if (staged != NULL)
    {
      *out = *staged;
      return TRUE;
    }
  return chc_database_get_value (self, value->facility_id, value->district_id, element, value->period,
                                 out, error);
}

static void
add_problem (GPtrArray  *problems,
             guint       index,
             const char *message)
{
  g_ptr_array_add (problems, g_strdup_printf ("%u\t%s", index, message));
}

static gboolean
level_admits (const ChcElement *element,
              ChcFacility      *facility)
{
  ChcFacilityType type = chc_facility_get_facility_type (facility);

  if (element->level == CHC_ELEMENT_LEVEL_CENTRE)
    return type == CHC_FACILITY_CENTRE || type == CHC_FACILITY_BRANCH;
  return element->level == CHC_ELEMENT_LEVEL_FACILITY;
}

static void
check_one (CheckState     *state,
           ChcValue       *value,
           guint           index,
           GPtrArray      *problems)
{
  ChcElement *element = g_hash_table_lookup (state->elements, value->element != NULL ? value->element : "");
  g_autoptr(GError) local_error = NULL;
  ChcPeriodType type;

  if (element == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no data element “%s” (chc-cli elements lists them)."),
                                                  value->element != NULL ? value->element : "");
      add_problem (problems, index, message);
      return;
    }
  if (element->family != NULL || element->value_type == CHC_VALUE_TYPE_DATE)
    {
      g_autofree char *message =
        g_strdup_printf (_("%s is entered with the other figures of its own form (its own import kind)."),
                         chc_element_get_label (element));
      add_problem (problems, index, message);
      return;
    }
  if (element->level == CHC_ELEMENT_LEVEL_DISTRICT)
    {
      if (value->facility_id != 0 || value->district_id == 0)
        {
          g_autofree char *message = g_strdup_printf (_("%s is given for a whole district, not for a facility."),
                                                      chc_element_get_label (element));
          add_problem (problems, index, message);
          return;
        }
    }
  else
    {
      ChcFacility *facility = g_hash_table_lookup (state->facilities, &value->facility_id);

      if (facility == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("%s is given for a facility of the registry."),
                                                      chc_element_get_label (element));
          add_problem (problems, index, message);
          return;
        }
      if (!level_admits (element, facility))
        {
          g_autofree char *message =
            g_strdup_printf (_("%s is reported by community health centres and branch centres, not by %s."),
                             chc_element_get_label (element), chc_facility_get_name (facility));
          add_problem (problems, index, message);
          return;
        }
      value->district_id = chc_facility_get_district_id (facility);
    }
  /* the callers give canonical periods (io reads what people write) */
  if (!chc_period_type_of (value->period, &type) || type != element->period_type)
    {
      static const char *const examples[] = { N_("a month such as 2024-12"), N_("a quarter such as 2024Q4"),
                                              N_("a year such as 2024") };
      g_autofree char *message =
        g_strdup_printf (_("%s is reported for %s, not for “%s”."), chc_element_get_label (element),
                         _(examples[MIN ((guint) element->period_type, 2)]), value->period);
      add_problem (problems, index, message);
      return;
    }
  if (!isnan (value->value) && !chc_element_check_value (element, value->value, &local_error))
    {
      add_problem (problems, index, local_error->message);
      return;
    }
}

/* @element's value must not exceed @bound's (same unit and period). */
static gboolean
check_bound (ChcDatabase     *self,
             CheckState      *state,
             const ChcValue  *value,
             guint            index,
             ChcElement      *element,
             ChcElement      *bound,
             GPtrArray       *problems,
             GError         **error)
{
  double x, limit;

  if (!current_value (self, state, value, element->code, &x, error) ||
      !current_value (self, state, value, bound->code, &limit, error))
    return FALSE;
  if (!isnan (x) && !isnan (limit) && x > limit)
    {
      g_autofree char *shown = chc_element_format_value (element, x);
      g_autofree char *limit_shown = chc_element_format_value (bound, limit);
      g_autofree char *message = g_strdup_printf (_("%s (%s) is more than %s (%s)."),
                                                  chc_element_get_label (element), shown,
                                                  chc_element_get_label (bound), limit_shown);
      add_problem (problems, index, message);
    }
  return TRUE;
}

gboolean
chc_database_check_values (ChcDatabase  *self,
                           GPtrArray    *values,
                           GPtrArray    *problems,
                           GError      **error)
{
  CheckState state = { NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_before = problems->len;
  gboolean ok = FALSE;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (!check_state_init (self, &state, values, error))
    goto out;

  for (guint i = 0; i < values->len; i++)
    {
      ChcValue *value = g_ptr_array_index (values, i);
      guint before = problems->len;
      g_autofree char *key = NULL;

      check_one (&state, value, i, problems);
      if (problems->len > before)
        continue;
      key = value_key (value->facility_id, value->district_id, value->element, value->period);
      if (g_hash_table_contains (seen, key))
        {
          add_problem (problems, i, _("The same figure is given twice for this facility and period."));
          continue;
        }
      g_hash_table_add (seen, g_strdup (key));
      g_hash_table_insert (state.staged, g_steal_pointer (&key), g_memdup2 (&value->value, sizeof (double)));
    }
  if (problems->len > n_before)
    {
      ok = TRUE;
      goto out;
    }

  /* cross-field bounds, against this batch and the stored values */
  for (guint i = 0; i < values->len; i++)
    {
      ChcValue *value = g_ptr_array_index (values, i);
      ChcElement *element = g_hash_table_lookup (state.elements, value->element);
      GHashTableIter iter;
      gpointer other;

      if (element->at_most != NULL &&
          !check_bound (self, &state, value, i, element,
                        g_hash_table_lookup (state.elements, element->at_most), problems, error))
        goto out;
      /* the elements bounded by this one */
      g_hash_table_iter_init (&iter, state.elements);
      while (g_hash_table_iter_next (&iter, NULL, &other))
        {
          ChcElement *bounded = other;

          if (g_strcmp0 (bounded->at_most, element->code) == 0 && bounded->family == NULL &&
              !check_bound (self, &state, value, i, bounded, element, problems, error))
            goto out;
        }
    }
  ok = TRUE;

out:
  check_state_clear (&state);
  return ok;
}

/* ---- family rows ------------------------------------------------------------ */

typedef struct
{
  char      *select_sql;
  char      *upsert_sql;
  GPtrArray *elements;    /* ChcElement, declaration order */
  gboolean   yearly;      /* keyed by an integer year, not a period */
} FamilySql;

/* The statements of a family's table, built once from the built-in
 * declarations (never from user text) and kept for the process. */
static const FamilySql *
family_sql (const char *family)
{
  static GHashTable *cache;
  static GMutex lock;
  FamilySql *f;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new (g_str_hash, g_str_equal);
  f = g_hash_table_lookup (cache, family);
  if (f == NULL)
    {
      g_autoptr(GString) columns = g_string_new (NULL);
      g_autoptr(GString) params = g_string_new (NULL);
      g_autoptr(GString) updates = g_string_new (NULL);
      const char *key;

      f = g_new0 (FamilySql, 1);
      f->elements = chc_elements_list_family (family);
      g_assert (f->elements->len > 0);
      f->yearly = ((ChcElement *) g_ptr_array_index (f->elements, 0))->period_type == CHC_PERIOD_TYPE_YEAR;
      key = f->yearly ? "year" : "period";
      for (guint i = 0; i < f->elements->len; i++)
        {
          ChcElement *element = g_ptr_array_index (f->elements, i);

          g_string_append_printf (columns, ", %s", element->column);
          g_string_append_printf (params, ", ?%u", i + 3);
          g_string_append_printf (updates, "%s%s = excluded.%s", i > 0 ? ", " : "", element->column,
                                  element->column);
        }
      f->select_sql = g_strdup_printf ("SELECT 1%s FROM %s WHERE facility_id = ?1 AND %s = ?2",
                                       columns->str, family, key);
      f->upsert_sql = g_strdup_printf ("INSERT INTO %s (facility_id, %s%s) VALUES (?1, ?2%s)"
                                       " ON CONFLICT (facility_id, %s) DO UPDATE SET %s",
                                       family, key, columns->str, params->str, key, updates->str);
      g_hash_table_insert (cache, g_strdup (family), f);
    }
  g_mutex_unlock (&lock);
  return f;
}

static void
bind_family_key (sqlite3_stmt   *stmt,
                 const FamilySql *f,
                 gint64          facility_id,
                 const char     *period)
{
  sqlite3_bind_int64 (stmt, 1, facility_id);
  if (f->yearly)
    sqlite3_bind_int (stmt, 2, (int) g_ascii_strtoll (period, NULL, 10));
  else
    sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
}

gboolean
chc_database_get_family_row (ChcDatabase  *self,
                             const char   *family,
                             gint64        facility_id,
                             const char   *period,
                             double       *values,
                             gboolean     *found,
                             GError      **error)
{
  const FamilySql *f = family_sql (family);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = chc_database_prepare (self, f->select_sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_family_key (stmt, f, facility_id, period);
  *found = FALSE;
  if (chc_database_step_row (self, stmt, &local_error))
    {
      *found = TRUE;
      for (guint i = 0; i < f->elements->len; i++)
        values[i] = sqlite3_column_type (stmt, i + 1) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, i + 1);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
chc_database_put_family_row (ChcDatabase   *self,
                             const char    *family,
                             gint64         facility_id,
                             const char    *period,
                             const double  *values,
                             GError       **error)
{
  const FamilySql *f = family_sql (family);
  sqlite3_stmt *stmt = chc_database_prepare (self, f->upsert_sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_family_key (stmt, f, facility_id, period);
  for (guint i = 0; i < f->elements->len; i++)
    sqlite3_bind_int64 (stmt, i + 3, isnan (values[i]) ? 0 : (gint64) values[i]);
  return chc_database_step_done (self, stmt, error);
}

/* Writes one value (NAN: deletes it). */
gboolean
chc_database_put_value (ChcDatabase     *self,
                        const ChcValue  *value,
                        GError         **error)
{
  gboolean district = value->facility_id == 0;
  sqlite3_stmt *stmt;

  if (isnan (value->value))
    stmt = chc_database_prepare (self, district
                                 ? "DELETE FROM district_value WHERE district_id = ?1 AND element = ?2 AND period = ?3"
                                 : "DELETE FROM element_value WHERE facility_id = ?1 AND element = ?2 AND period = ?3",
                                 error);
  else
    stmt = chc_database_prepare (self, district
                                 ? "INSERT INTO district_value (district_id, element, period, value)"
                                   " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (district_id, element, period)"
                                   " DO UPDATE SET value = excluded.value"
                                 : "INSERT INTO element_value (facility_id, element, period, value)"
                                   " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (facility_id, element, period)"
                                   " DO UPDATE SET value = excluded.value",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, district ? value->district_id : value->facility_id);
  sqlite3_bind_text (stmt, 2, value->element, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, value->period, -1, SQLITE_TRANSIENT);
  if (!isnan (value->value))
    sqlite3_bind_double (stmt, 4, value->value);
  return chc_database_step_done (self, stmt, error);
}

gboolean
chc_database_save_values (ChcDatabase  *self,
                          GPtrArray    *values,
                          guint        *n_inserted,
                          guint        *n_updated,
                          guint        *n_removed,
                          GError      **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint inserted = 0, updated = 0, removed = 0;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);

  if (!chc_database_begin (self, error))
    return FALSE;
  if (!chc_database_check_values (self, values, problems, error))
    goto fail;
  if (problems->len > 0)
    {
      const char *first = g_ptr_array_index (problems, 0);

      g_set_error_literal (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                           strchr (first, '\t') + 1);
      goto fail;
    }

  /* Changes and removals first, each recorded field by field; then the
   * new values — in bulk (one audit row per table) when there are more
   * than CHC_VALUES_BULK_THRESHOLD, as an import's are. */
  {
    g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (guint));

    for (guint i = 0; i < values->len; i++)
      {
        ChcValue *value = g_ptr_array_index (values, i);
        double stored;

        if (!chc_database_get_value (self, value->facility_id, value->district_id, value->element, value->period,
                           &stored, error))
          goto fail;
        if (isnan (value->value) ? isnan (stored) : stored == value->value)
          continue;
        if (isnan (stored))
          {
            g_array_append_val (fresh, i);
            continue;
          }
        if (!chc_database_put_value (self, value, error))
          goto fail;
        if (isnan (value->value))
          removed++;
        else
          updated++;
      }

    for (int pass = 0; pass < 2 && fresh->len > 0; pass++)
      {
        /* pass 0: a facility's values (element_value), 1: a district's */
        const char *table = pass == 0 ? "element_value" : "district_value";
        guint n = 0;
        gboolean bulk;

        for (guint k = 0; k < fresh->len; k++)
          n += (((ChcValue *) g_ptr_array_index (values, g_array_index (fresh, guint, k)))->facility_id == 0) == pass;
        bulk = n > CHC_VALUES_BULK_THRESHOLD;
        if (n == 0 || (bulk && !chc_database_bulk_begin (self, table, error)))
          continue;
        for (guint k = 0; k < fresh->len; k++)
          {
            ChcValue *value = g_ptr_array_index (values, g_array_index (fresh, guint, k));

            if ((value->facility_id == 0) != pass)
              continue;
            if (!chc_database_put_value (self, value, error))
              goto fail;
            inserted++;
          }
        if (bulk && !chc_database_bulk_end (self, table, n, error))
          goto fail;
      }
  }
  if (inserted + updated + removed > 0)
    chc_database_notify_changed (self, "element_value");
  if (!chc_database_commit (self, error))
    return FALSE;
  if (n_inserted != NULL)
    *n_inserted = inserted;
  if (n_updated != NULL)
    *n_updated = updated;
  if (n_removed != NULL)
    *n_removed = removed;
  return TRUE;

fail:
  chc_database_rollback (self);
  return FALSE;
}

gboolean
chc_database_compare_values (ChcDatabase  *self,
                             GPtrArray    *values,
                             guint        *n_insert,
                             guint        *n_update,
                             guint        *n_unchanged,
                             GError      **error)
{
  *n_insert = *n_update = *n_unchanged = 0;
  for (guint i = 0; i < values->len; i++)
    {
      ChcValue *value = g_ptr_array_index (values, i);
      double stored;

      if (isnan (value->value))
        continue;
      if (!chc_database_get_value (self, value->facility_id, value->district_id, value->element, value->period,
                         &stored, error))
        return FALSE;
      if (isnan (stored))
        (*n_insert)++;
      else if (stored == value->value)
        (*n_unchanged)++;
      else
        (*n_update)++;
    }
  return TRUE;
}

/* ---- aggregation ----------------------------------------------------------- */

typedef struct
{
  double value;
  int    latest;      /* the last month of the latest period taken (stock) */
  int    earliest;    /* its first month */
} Acc;

typedef struct
{
  const ChcElement *element;
  int               first, last;   /* the period's months */
  GHashTable       *accs;          /* gint64 * → Acc */
} AggState;

static gboolean
is_flow (const ChcElement *element)
{
  return element->aggregation == CHC_AGGREGATION_SUM;
}

static void
aggregate_one (gint64      facility_id,
               const char *period,
               double      value,
               gpointer    user_data)
{
  AggState *state = user_data;
  int first, last;
  Acc *acc;

  if (!chc_period_months (period, &first, &last))
    return;
  if (is_flow (state->element))
    {
      /* a flow: the values whose period lies within the wanted one */
      if (first < state->first || last > state->last)
        return;
    }
  else
    {
      /* a stock: up to the end of the period, within its year */
      if (last > state->last || first < state->last / 12 * 12)
        return;
    }
  acc = g_hash_table_lookup (state->accs, &facility_id);
  if (acc == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = facility_id;
      acc = g_new0 (Acc, 1);
      acc->latest = -1;
      g_hash_table_insert (state->accs, key, acc);
    }
  if (is_flow (state->element))
    acc->value += value;
  else if (last > acc->latest)
    {
      acc->value = value;
      acc->latest = last;
      acc->earliest = first;
    }
}

static GHashTable *
aggregate_accs (ChcDatabase       *self,
                const ChcElement  *element,
                gint64             district_id,
                const char        *period,
                int               *first_out,
                GError           **error)
{
  AggState state = { element, 0, 0, NULL };

  if (!chc_period_months (period, &state.first, &state.last))
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                   _("“%s” is not a period."), period != NULL ? period : "");
      return NULL;
    }
  state.accs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (!read_values (self, element, district_id, state.first / 12, state.last / 12,
                    aggregate_one, &state, error))
    {
      g_hash_table_unref (state.accs);
      return NULL;
    }
  *first_out = state.first;
  return state.accs;
}

static GHashTable *
accs_to_values (GHashTable *accs)
{
  GHashTable *out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, acc;

  g_hash_table_iter_init (&iter, accs);
  while (g_hash_table_iter_next (&iter, &key, &acc))
    g_hash_table_insert (out, g_memdup2 (key, sizeof (gint64)), g_memdup2 (&((Acc *) acc)->value, sizeof (double)));
  return out;
}

GHashTable *
chc_database_aggregate_by_facility (ChcDatabase  *self,
                                    const char   *element_code,
                                    gint64        district_id,
                                    const char   *period,
                                    GError      **error)
{
  g_autoptr(ChcElement) element = NULL;
  g_autoptr(GHashTable) accs = NULL;
  GHashTable *out;
  int first;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  element = chc_database_find_element (self, element_code, error);
  if (element == NULL)
    return NULL;
  accs = aggregate_accs (self, element, district_id, period, &first, error);
  if (accs == NULL)
    return NULL;
  out = accs_to_values (accs);
  return out;
}

/* The values of the generic table (element_value) of several elements of
 * one level in one query, each row given to its element's state. */
static gboolean
read_many_values (ChcDatabase  *self,
                  GHashTable   *states,
                  gboolean      centres,
                  gint64        district_id,
                  int           first_year,
                  int           last_year,
                  GError      **error)
{
  g_autofree gpointer *keys = NULL;
  g_autofree char *codes = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  guint n_keys;

  keys = g_hash_table_get_keys_as_array (states, &n_keys);
  codes = chc_json_string_array ((const char * const *) keys, n_keys);
  /* the district's facilities of the level first, then a seek per element
   * (CROSS JOIN keeps the order; see values_sql) */
  stmt = chc_database_prepare (self,
                               centres
                               ? "SELECT v.facility_id, v.element, v.period, v.value FROM facility f"
                                 " CROSS JOIN element_value v ON v.facility_id = f.id"
                                 " WHERE f.district_id = ?1 AND f.type IN ('centre', 'branch')"
                                 " AND v.element IN (SELECT value FROM json_each (?4))"
                                 " AND v.period >= printf ('%04d', ?2) AND v.period < printf ('%04d', ?3 + 1)"
                               : "SELECT v.facility_id, v.element, v.period, v.value FROM facility f"
                                 " CROSS JOIN element_value v ON v.facility_id = f.id"
                                 " WHERE f.district_id = ?1"
                                 " AND v.element IN (SELECT value FROM json_each (?4))"
                                 " AND v.period >= printf ('%04d', ?2) AND v.period < printf ('%04d', ?3 + 1)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_int (stmt, 2, first_year);
  sqlite3_bind_int (stmt, 3, last_year);
  sqlite3_bind_text (stmt, 4, codes, -1, SQLITE_TRANSIENT);
  while (chc_database_step_row (self, stmt, &local_error))
    {
      AggState *state = g_hash_table_lookup (states, chc_column_text (stmt, 1));

      if (state != NULL && sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        aggregate_one (sqlite3_column_int64 (stmt, 0), chc_column_text (stmt, 2),
                       sqlite3_column_double (stmt, 3), state);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* The row of a monthly family (signing, tcm_visits) with every declared
 * column of the family, read once for all its elements; built from the
 * built-in declarations only, kept for the statement cache (keyed by the
 * text's address). */
static const char *
family_rows_sql (const char *family,
                 GPtrArray  *columns)
{
  static GHashTable *cache;
  static GMutex lock;
  const char *sql;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new (g_str_hash, g_str_equal);
  sql = g_hash_table_lookup (cache, family);
  if (sql == NULL)
    {
      g_autoptr(GString) text = g_string_new ("SELECT x.facility_id, x.period");

      for (guint i = 0; i < columns->len; i++)
        g_string_append_printf (text, ", x.%s", ((ChcElement *) g_ptr_array_index (columns, i))->column);
      g_string_append_printf (text, " FROM facility f CROSS JOIN %s x ON x.facility_id = f.id"
                                    " WHERE f.district_id = ?1 AND x.period >= printf ('%%04d', ?2)"
                                    " AND x.period < printf ('%%04d', ?3 + 1)", family);
      sql = g_string_free (g_steal_pointer (&text), FALSE);
      g_hash_table_insert (cache, g_strdup (family), (gpointer) sql);
    }
  g_mutex_unlock (&lock);
  return sql;
}

/* Every wanted element of a monthly family (@states: code → AggState) from
 * one read of its rows. */
static gboolean
read_family_rows (ChcDatabase  *self,
                  const char   *family,
                  GHashTable   *states,
                  gint64        district_id,
                  int           first_year,
                  int           last_year,
                  GError      **error)
{
  g_autoptr(GPtrArray) columns = chc_elements_list_family (family);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = chc_database_prepare (self, family_rows_sql (family, columns), error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, district_id);
  sqlite3_bind_int (stmt, 2, first_year);
  sqlite3_bind_int (stmt, 3, last_year);
  while (chc_database_step_row (self, stmt, &local_error))
    for (guint c = 0; c < columns->len; c++)
      {
        AggState *state = g_hash_table_lookup (states, ((ChcElement *) g_ptr_array_index (columns, c))->code);

        if (state != NULL && sqlite3_column_type (stmt, 2 + c) != SQLITE_NULL)
          aggregate_one (sqlite3_column_int64 (stmt, 0), chc_column_text (stmt, 1),
                         sqlite3_column_double (stmt, 2 + c), state);
      }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
agg_state_free (AggState *state)
{
  g_clear_pointer (&state->accs, g_hash_table_unref);
  g_free (state);
}

GHashTable *
chc_database_aggregate_many_by_facility (ChcDatabase  *self,
                                         GPtrArray    *elements,
                                         gint64        district_id,
                                         const char   *period,
                                         GError      **error)
{
  g_autoptr(GHashTable) out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                     (GDestroyNotify) g_hash_table_unref);
  /* the generic table's elements by level: code → AggState */
  g_autoptr(GHashTable) centre_states = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                               (GDestroyNotify) agg_state_free);
  g_autoptr(GHashTable) facility_states = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                                 (GDestroyNotify) agg_state_free);
  /* a monthly family's elements: family → (code → AggState) */
  g_autoptr(GHashTable) family_states = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                               (GDestroyNotify) g_hash_table_unref);
  int first, last;

  g_return_val_if_fail (CHC_IS_DATABASE (self), NULL);

  if (!chc_period_months (period, &first, &last))
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT,
                   _("“%s” is not a period."), period != NULL ? period : "");
      return NULL;
    }
  for (guint i = 0; i < elements->len; i++)
    {
      const ChcElement *element = g_ptr_array_index (elements, i);

      if (g_hash_table_contains (out, element->code))
        continue;
      if ((element->family == NULL && element->level != CHC_ELEMENT_LEVEL_DISTRICT) ||
          (element->family != NULL && element->period_type == CHC_PERIOD_TYPE_MONTH &&
           element->origin == CHC_ELEMENT_ORIGIN_BUILT_IN))
        {
          AggState *state = g_new0 (AggState, 1);
          GHashTable *states;

          state->element = element;
          state->first = first;
          state->last = last;
          state->accs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
          if (element->family != NULL)
            {
              states = g_hash_table_lookup (family_states, element->family);
              if (states == NULL)
                {
                  states = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) agg_state_free);
                  g_hash_table_insert (family_states, element->family, states);
                }
            }
          else
            states = element->level == CHC_ELEMENT_LEVEL_CENTRE ? centre_states : facility_states;
          g_hash_table_replace (states, element->code, state);
        }
      else
        {
          /* a family's column or a district's figure: its own query */
          g_autoptr(GHashTable) accs = NULL;
          int unused;

          accs = aggregate_accs (self, element, district_id, period, &unused, error);
          if (accs == NULL)
            return NULL;
          g_hash_table_replace (out, g_strdup (element->code), accs_to_values (accs));
        }
    }
  {
    GHashTableIter families;
    gpointer family, states;

    g_hash_table_iter_init (&families, family_states);
    while (g_hash_table_iter_next (&families, &family, &states))
      {
        GHashTableIter iter;
        gpointer code, state;

        if (!read_family_rows (self, family, states, district_id, first / 12, last / 12, error))
          return NULL;
        g_hash_table_iter_init (&iter, states);
        while (g_hash_table_iter_next (&iter, &code, &state))
          g_hash_table_replace (out, g_strdup (code), accs_to_values (((AggState *) state)->accs));
      }
  }
  for (guint level = 0; level < 2; level++)
    {
      GHashTable *states = level == 0 ? centre_states : facility_states;
      GHashTableIter iter;
      gpointer code, state;

      if (g_hash_table_size (states) == 0)
        continue;
      if (!read_many_values (self, states, level == 0, district_id, first / 12, last / 12, error))
        return NULL;
      g_hash_table_iter_init (&iter, states);
      while (g_hash_table_iter_next (&iter, &code, &state))
        g_hash_table_replace (out, g_strdup (code), accs_to_values (((AggState *) state)->accs));
    }
  return g_steal_pointer (&out);
}

gboolean
chc_database_aggregate (ChcDatabase   *self,
                        const char    *element_code,
                        gint64         district_id,
                        GArray        *facility_ids,
                        const char    *period,
                        ChcAggregate  *aggregate,
                        GError       **error)
{
  g_autoptr(ChcElement) element = NULL;
  g_autoptr(GHashTable) accs = NULL;
  g_autoptr(GArray) scope = NULL;
  double sum = 0;
  int first;

  g_return_val_if_fail (CHC_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (aggregate != NULL, FALSE);

  *aggregate = (ChcAggregate) { NAN, 0, 0, 0 };
  element = chc_database_find_element (self, element_code, error);
  if (element == NULL)
    return FALSE;
  accs = aggregate_accs (self, element, district_id, period, &first, error);
  if (accs == NULL)
    return FALSE;

  if (element->level == CHC_ELEMENT_LEVEL_DISTRICT)
    {
      scope = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (scope, (gint64) { 0 });
    }
  else if (facility_ids == NULL)
    {
      g_autoptr(GPtrArray) facilities = chc_database_list_facilities (self, district_id, error);

      if (facilities == NULL)
        return FALSE;
      scope = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < facilities->len; i++)
        {
          ChcFacility *facility = g_ptr_array_index (facilities, i);
          gint64 id = chc_facility_get_id (facility);

          if (chc_facility_get_status (facility) == CHC_FACILITY_OPERATING &&
              level_admits (element, facility))
            g_array_append_val (scope, id);
        }
    }
  else
    scope = g_array_ref (facility_ids);

  aggregate->n_expected = scope->len;
  for (guint i = 0; i < scope->len; i++)
    {
      Acc *acc = g_hash_table_lookup (accs, &g_array_index (scope, gint64, i));

      if (acc == NULL)
        continue;
      aggregate->n_reported++;
      if (!is_flow (element) && acc->earliest < first)
        aggregate->n_carried++;
      if (element->aggregation == CHC_AGGREGATION_ANY || element->aggregation == CHC_AGGREGATION_COUNT)
        sum += acc->value != 0 ? 1 : 0;
      else
        sum += acc->value;
    }
  if (aggregate->n_reported > 0)
    aggregate->value = element->aggregation == CHC_AGGREGATION_ANY ? (sum > 0 ? 1 : 0) : sum;
  return TRUE;
}
