/* chc-plan-loader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-plans"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-data-resources.h"
#include "chc-plan-loader.h"
#include "core/chc-validate.h"
#include "store/chc-database-plans.h"

#define PLAN_PREFIX "plan "

static gboolean
fail_at (GError     **error,
         const char  *file_name,
         const char  *group,
         const char  *key,
         const char  *message)
{
  if (key != NULL)
    g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                 "%s [%s] %s: %s", file_name, group, key, message);
  else
    g_set_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                 "%s [%s]: %s", file_name, group, message);
  return FALSE;
}

static char *
get_string (GKeyFile    *key_file,
            const char  *group,
            const char  *key,
            gboolean     required,
            const char  *file_name,
            GError     **error)
{
  char *value = g_key_file_get_string (key_file, group, key, NULL);

  if (value != NULL)
    return g_strstrip (value);
  if (required)
    fail_at (error, file_name, group, key, _("the key is missing."));
  else
    value = g_strdup ("");
  return value;
}

/* The district's plan named @name (*@exists TRUE), or a new plan object
 * (*@exists FALSE); NULL with @error. */
static ChcPlan *
find_plan (ChcDatabase  *database,
           gint64        district_id,
           const char   *name,
           gboolean     *exists,
           GError      **error)
{
  g_autoptr(GPtrArray) plans = chc_database_list_plans (database, district_id, error);

  *exists = FALSE;
  if (plans == NULL)
    return NULL;
  for (guint i = 0; i < plans->len; i++)
    if (g_strcmp0 (chc_plan_get_name (g_ptr_array_index (plans, i)), name) == 0)
      {
        *exists = TRUE;
        return g_object_ref (g_ptr_array_index (plans, i));
      }
  return chc_plan_new ();
}

/* The plan's indicator of @code, or NULL. (transfer none) */
static ChcIndicator *
find_indicator (GPtrArray  *indicators,
                const char *code)
{
  for (guint i = 0; indicators != NULL && i < indicators->len; i++)
    if (g_strcmp0 (chc_indicator_get_code (g_ptr_array_index (indicators, i)), code) == 0)
      return g_ptr_array_index (indicators, i);
  return NULL;
}

/* Loads the indicator of @group into the plan, unless the plan already has
 * its code (@existing: the plan's indicators of an existing database, NULL
 * for a new plan): a database made by an older version gains the indicators
 * added since, keeps the ones it has with their targets as the commission
 * set them, and learns where they come from. */
static gboolean
load_indicator (ChcDatabase  *database,
                GKeyFile     *key_file,
                const char   *file_name,
                const char   *group,
                const char   *code,
                gint64        plan_id,
                int           position,
                GPtrArray    *existing,
                GError      **error)
{
  ChcIndicator *present = find_indicator (existing, code);
  g_autoptr(ChcIndicator) indicator = chc_indicator_new ();
  g_autoptr(GArray) targets = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *area = NULL;
  g_autofree char *name_zh = NULL;
  g_autofree char *name_en = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *method = NULL;
  g_autofree char *condition = NULL;
  g_autofree char *targets_text = NULL;
  g_autofree char *source = NULL;
  g_autofree char *per_facility = NULL;
  ChcIndicatorArea area_value;
  ChcIndicatorUnit unit_value;
  ChcIndicatorMethod method_value;
  guint scope_value;

  if ((area = get_string (key_file, group, "area", TRUE, file_name, error)) == NULL ||
      (name_zh = get_string (key_file, group, "name_zh", TRUE, file_name, error)) == NULL ||
      (name_en = get_string (key_file, group, "name_en", TRUE, file_name, error)) == NULL ||
      (unit = get_string (key_file, group, "unit", TRUE, file_name, error)) == NULL ||
      (method = get_string (key_file, group, "method", TRUE, file_name, error)) == NULL ||
      (scope = get_string (key_file, group, "scope", FALSE, file_name, error)) == NULL ||
      (condition = get_string (key_file, group, "condition", FALSE, file_name, error)) == NULL ||
      (targets_text = get_string (key_file, group, "targets", FALSE, file_name, error)) == NULL ||
      (source = get_string (key_file, group, "source", FALSE, file_name, error)) == NULL ||
      (per_facility = get_string (key_file, group, "per_facility", FALSE, file_name, error)) == NULL)
    return FALSE;

  if (present != NULL)
    {
      g_autoptr(ChcIndicator) updated = NULL;

      if (*source == '\0' || g_strcmp0 (chc_indicator_get_source (present), source) == 0)
        return TRUE;
      updated = chc_indicator_copy (present);
      chc_indicator_set_source (updated, source);
      if (!chc_database_update_indicator (database, updated, &local_error))
        return fail_at (error, file_name, group, NULL, local_error->message);
      return TRUE;
    }

  if (!chc_indicator_area_from_nick (area, &area_value))
    return fail_at (error, file_name, group, "area",
                    _("must be construction, signing, tcm, capability, referral, workforce, outcome or reporting."));
  if (*per_facility != '\0' && g_strcmp0 (per_facility, "true") != 0 && g_strcmp0 (per_facility, "false") != 0)
    return fail_at (error, file_name, group, "per_facility", _("must be true or false."));
  if (!chc_indicator_unit_from_nick (unit, &unit_value))
    return fail_at (error, file_name, group, "unit", _("must be percent, count or number."));
  if (!chc_indicator_method_from_nick (method, &method_value))
    return fail_at (error, file_name, group, "method",
                    _("must be share, count, town_share, ratio or none."));
  if (!chc_scope_from_string (scope, &scope_value))
    return fail_at (error, file_name, group, "scope",
                    _("list facility types among centre, branch, station, village_clinic and hospital."));

  targets = chc_target_spec_parse_list (targets_text, &local_error);
  if (targets == NULL)
    return fail_at (error, file_name, group, "targets", local_error->message);

  chc_indicator_set_plan_id (indicator, plan_id);
  chc_indicator_set_code (indicator, code);
  chc_indicator_set_area (indicator, area_value);
  chc_indicator_set_name_zh (indicator, name_zh);
  chc_indicator_set_name_en (indicator, name_en);
  chc_indicator_set_unit (indicator, unit_value);
  chc_indicator_set_scope (indicator, scope_value);
  chc_indicator_set_method (indicator, method_value);
  chc_indicator_set_condition (indicator, condition);
  chc_indicator_set_position (indicator, position);
  chc_indicator_set_source (indicator, source);
  chc_indicator_set_per_facility (indicator, g_strcmp0 (per_facility, "true") == 0);

  if (!chc_database_add_indicator (database, indicator, &local_error))
    return fail_at (error, file_name, group, NULL, local_error->message);

  for (guint i = 0; i < targets->len; i++)
    {
      g_autoptr(ChcTarget) target =
        chc_target_new_from_spec (chc_indicator_get_id (indicator),
                                  &g_array_index (targets, ChcTargetSpec, i));

      if (!chc_database_set_target (database, target, &local_error))
        return fail_at (error, file_name, group, "targets", local_error->message);
    }
  return TRUE;
}

static gboolean
load_plan (ChcDatabase  *database,
           GKeyFile     *key_file,
           const char   *file_name,
           const char   *group,
           GError      **error)
{
  const char *key = group + strlen (PLAN_PREFIX);
  g_autofree char *district_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *source = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(ChcPlan) plan = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  gboolean exists = FALSE;
  int first = 0, last = 0;
  int position = 0;

  if ((district_name = get_string (key_file, group, "district", TRUE, file_name, error)) == NULL ||
      (name = get_string (key_file, group, "name", TRUE, file_name, error)) == NULL ||
      (source = get_string (key_file, group, "source", FALSE, file_name, error)) == NULL)
    return FALSE;

  first = g_key_file_get_integer (key_file, group, "first_year", &local_error);
  if (local_error == NULL)
    last = g_key_file_get_integer (key_file, group, "last_year", &local_error);
  if (local_error != NULL)
    return fail_at (error, file_name, group, NULL, local_error->message);

  district = chc_database_find_district (database, district_name, &local_error);
  if (district == NULL)
    {
      /* A database without this district: nothing to load for it. */
      if (g_error_matches (local_error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  plan = find_plan (database, chc_district_get_id (district), name, &exists, error);
  if (!exists && plan != NULL)
    {
      chc_plan_set_district_id (plan, chc_district_get_id (district));
      chc_plan_set_name (plan, name);
      chc_plan_set_first_year (plan, first);
      chc_plan_set_last_year (plan, last);
      chc_plan_set_source (plan, *source ? source : NULL);
      if (!chc_database_add_plan (database, plan, &local_error))
        return fail_at (error, file_name, group, NULL, local_error->message);
    }
  else if (plan != NULL)
    {
      /* a plan of an older version's database: new indicators go after its own */
      existing = chc_database_list_indicators (database, chc_plan_get_id (plan), error);
      if (existing == NULL)
        return FALSE;
      for (guint i = 0; i < existing->len; i++)
        position = MAX (position, chc_indicator_get_position (g_ptr_array_index (existing, i)));
    }
  if (plan == NULL)
    return FALSE;

  prefix = g_strconcat (key, " ", NULL);
  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (!g_str_has_prefix (groups[i], prefix))
        continue;
      if (find_indicator (existing, groups[i] + strlen (prefix)) == NULL)
        position++;
      if (!load_indicator (database, key_file, file_name, groups[i],
                           groups[i] + strlen (prefix), chc_plan_get_id (plan),
                           position, existing, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
chc_plan_loader_load_key_file (ChcDatabase  *database,
                               GKeyFile     *key_file,
                               const char   *file_name,
                               GError      **error)
{
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (key_file != NULL, FALSE);

  if (!chc_database_begin (database, error))
    return FALSE;

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (g_str_has_prefix (groups[i], PLAN_PREFIX) &&
          !load_plan (database, key_file, file_name, groups[i], error))
        {
          chc_database_rollback (database);
          return FALSE;
        }
    }

  return chc_database_commit (database, error);
}

/* The meta key holding the checksum of the built-in plans last loaded. */
#define PLANS_META "builtin_plans"

static GBytes *
builtin_plans (GError **error)
{
  return g_resource_lookup_data (chc_data_get_resource (),
                                 "/io/github/chcmonitor/ChcMonitor/plans.ini",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

gboolean
chc_plan_loader_load_builtin (ChcDatabase  *database,
                              GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *checksum = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);

  bytes = builtin_plans (error);
  if (bytes == NULL)
    return FALSE;
  if (!g_key_file_load_from_data (key_file, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "plans.ini: ");
      return FALSE;
    }
  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (!chc_database_begin (database, error))
    return FALSE;
  if (!chc_plan_loader_load_key_file (database, key_file, "plans.ini", error) ||
      !chc_database_set_meta (database, PLANS_META, checksum, error))
    {
      chc_database_rollback (database);
      return FALSE;
    }
  return chc_database_commit (database, error);
}

gboolean
chc_plan_loader_sync_builtin (ChcDatabase  *database,
                              GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *loaded = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);

  if (chc_database_get_read_only (database))
    return TRUE;
  bytes = builtin_plans (error);
  if (bytes == NULL)
    return FALSE;
  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  loaded = chc_database_get_meta (database, PLANS_META);
  if (g_strcmp0 (loaded, checksum) == 0)
    return TRUE;
  return chc_plan_loader_load_builtin (database, error);
}
