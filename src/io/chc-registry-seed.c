/* chc-registry-seed.c — a district's registry to start from.
 *
 * A real (non-demo) database starts with nothing but the districts and
 * their towns.  data/registries/<district>.ini (in the data GResource,
 * like plans.ini) declares what the district's plan names: its towns, its
 * centres, branch centres, named stations and hospitals (planned ones with
 * status planned), and its construction items with their kind and year.
 * Every entry names its source clause in the file; no figure is invented
 * (floor areas stay 0 = unknown, budgets and dates empty).
 *
 * Loading goes through the store's functions (add town, add facility, add
 * project), all in one transaction: either the whole registry is there or
 * nothing changed.  The codes are the file's (the district's 行政区划代码,
 * a type letter, a number) and are marked provisional until the user
 * enters the real one.  chc-cli init --district and the window's first
 * run both call chc_registry_seed_district().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-registry-seed"

#include <glib/gi18n-lib.h>

#include "chc-registry-seed.h"
#include "model/chc-project.h"
#include "store/chc-database-projects.h"
#include "store/chc-database-sync.h"
#include "chc-demo.h"
#include "chc-data-resources.h"

#define FACILITY_PREFIX "facility "
#define PROJECT_PREFIX  "project "
#define TOWN_PREFIX     "town "
#define RESOURCE_DIR    "/io/github/chcmonitor/ChcMonitor/registries/"

static const struct
{
  const char *code;
  const char *file;
} registries[] = {
  { "310118", "qingpu.ini" },
  { "310105", "changning.ini" },
  { "310117", "songjiang.ini" },
};

static const char *const district_codes[] = { "310118", "310105", "310117", NULL };

/* The meta key that remembers a district's registry was loaded. */
static char *
seeded_key (const char *district_code)
{
  return g_strconcat ("registry_seed_", district_code, NULL);
}

static gboolean
file_error (GError     **error,
            const char  *file_name,
            const char  *group,
            const char  *message)
{
  /* A broken built-in file is a bug of the program, said in its words. */
  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
               "%s: [%s]: %s", file_name, group, message);
  return FALSE;
}

/* A key's text, stripped; NULL when missing or empty. */
static char *
get_text (GKeyFile   *key_file,
          const char *group,
          const char *key)
{
  g_autofree char *value = g_key_file_get_string (key_file, group, key, NULL);

  if (value == NULL)
    return NULL;
  g_strstrip (value);
  if (*value == '\0')
    return NULL;
  return g_steal_pointer (&value);
}

static gboolean
add_towns (ChcDatabase  *database,
           GKeyFile     *key_file,
           const char   *file_name,
           gint64        district_id,
           GError      **error)
{
  g_auto(GStrv) names = g_key_file_get_string_list (key_file, "district", "towns", NULL, NULL);
  g_autoptr(GPtrArray) towns = chc_database_list_towns (database, district_id, error);

  if (towns == NULL)
    return FALSE;
  if (names == NULL)
    return file_error (error, file_name, "district", "no towns=");

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *group = NULL;
      g_autofree char *code = NULL;
      gint64 id;

      g_strstrip (names[i]);
      if (*names[i] == '\0')
        continue;
      id = chc_towns_find_id (towns, district_id, names[i]);
      if (id == 0 && (id = chc_database_add_town (database, district_id, names[i], error)) == 0)
        return FALSE;

      /* A town's code only where the file gives one. */
      group = g_strconcat (TOWN_PREFIX, names[i], NULL);
      code = get_text (key_file, group, "code");
      if (code != NULL && !chc_database_set_town_code (database, id, code, error))
        {
          g_prefix_error (error, "%s: ", names[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* Adds the facility of @group; @by_name (name → the ChcFacility as added)
 * gives the parents, and later the projects' facilities. */
static gboolean
add_facility (ChcDatabase  *database,
              GKeyFile     *key_file,
              const char   *file_name,
              const char   *group,
              gint64        district_id,
              GPtrArray    *towns,
              GHashTable   *by_name,
              GError      **error)
{
  g_autoptr(ChcFacility) facility = chc_facility_new ();
  g_autofree char *name = get_text (key_file, group, "name");
  g_autofree char *type_nick = get_text (key_file, group, "type");
  g_autofree char *town = get_text (key_file, group, "town");
  g_autofree char *parent = get_text (key_file, group, "parent");
  g_autofree char *status_nick = get_text (key_file, group, "status");
  g_autofree char *source = get_text (key_file, group, "source");
  const char *code = group + strlen (FACILITY_PREFIX);
  ChcFacilityType type;
  ChcFacilityStatus status = CHC_FACILITY_OPERATING;

  if (name == NULL)
    return file_error (error, file_name, group, "no name=");
  if (source == NULL)
    return file_error (error, file_name, group, "no source=");
  if (type_nick == NULL || !chc_facility_type_from_nick (type_nick, &type))
    return file_error (error, file_name, group, "type= is not a facility type");
  if (status_nick != NULL && !chc_facility_status_from_nick (status_nick, &status))
    return file_error (error, file_name, group, "status= is not a facility status");

  chc_facility_set_code (facility, code);
  chc_facility_set_name (facility, name);
  chc_facility_set_facility_type (facility, type);
  chc_facility_set_district_id (facility, district_id);
  chc_facility_set_status (facility, status);
  chc_facility_set_code_provisional (facility, TRUE);
  if (town != NULL)
    {
      gint64 town_id = chc_towns_find_id (towns, district_id, town);

      if (town_id == 0)
        return file_error (error, file_name, group, "town= is not a town of the district");
      chc_facility_set_town_id (facility, town_id);
    }
  if (parent != NULL)
    {
      ChcFacility *p = g_hash_table_lookup (by_name, parent);

      if (p == NULL)
        return file_error (error, file_name, group, "parent= names no facility declared above");
      chc_facility_set_parent_id (facility, chc_facility_get_id (p));
    }

  if (!chc_database_add_facility (database, facility, error))
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  g_hash_table_replace (by_name, g_strdup (name), g_object_ref (facility));
  return TRUE;
}

static gboolean
add_project (ChcDatabase  *database,
             GKeyFile     *key_file,
             const char   *file_name,
             const char   *group,
             GHashTable   *by_name,
             GError      **error)
{
  g_autoptr(ChcProject) project = chc_project_new ();
  g_autofree char *facility_name = get_text (key_file, group, "facility");
  g_autofree char *kind_nick = get_text (key_file, group, "kind");
  g_autofree char *notes = get_text (key_file, group, "notes");
  g_autofree char *source = get_text (key_file, group, "source");
  g_autofree char *full_notes = NULL;
  g_autoptr(GError) local_error = NULL;
  ChcFacility *facility;
  ChcProjectKind kind;
  int year;

  if (source == NULL)
    return file_error (error, file_name, group, "no source=");
  if (kind_nick == NULL || !chc_project_kind_from_nick (kind_nick, &kind))
    return file_error (error, file_name, group, "kind= is not a project kind");
  year = g_key_file_get_integer (key_file, group, "plan_year", &local_error);
  if (local_error != NULL)
    return file_error (error, file_name, group, "plan_year= is not a year");
  facility = facility_name != NULL ? g_hash_table_lookup (by_name, facility_name) : NULL;
  if (facility == NULL)
    return file_error (error, file_name, group, "facility= names no facility of the file");

  /* The notes say where the item comes from. */
  /* TRANSLATORS: a project's notes, then the plan's clause it comes from */
  full_notes = g_strdup_printf (_("%s (source: %s)"), notes != NULL ? notes : "", source);

  chc_project_set_facility_id (project, chc_facility_get_id (facility));
  chc_project_set_facility_type (project, chc_facility_get_facility_type (facility));
  chc_project_set_kind (project, kind);
  chc_project_set_plan_year (project, year);
  chc_project_set_notes (project, full_notes);

  if (!chc_database_add_project (database, project, NULL, error))
    {
      g_prefix_error (error, "%s: ", chc_facility_get_name (facility));
      return FALSE;
    }
  return TRUE;
}

static gboolean
seed (ChcDatabase  *database,
      GKeyFile     *key_file,
      const char   *file_name,
      GError      **error)
{
  g_autofree char *district_code = get_text (key_file, "district", "code");
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GPtrArray) towns = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  g_autofree char *key = NULL;
  g_autofree char *seeded = NULL;
  g_auto(GStrv) groups = NULL;
  gint64 district_id;

  if (district_code == NULL)
    return file_error (error, file_name, "district", "no code=");

  /* A new database gets its districts, towns and built-in plans first. */
  if (!chc_demo_add_districts (database, error))
    return FALSE;

  district = chc_database_find_district (database, district_code, error);
  if (district == NULL)
    return FALSE;
  district_id = chc_district_get_id (district);

  /* Never twice, never over a registry the user began. */
  key = seeded_key (district_code);
  seeded = chc_database_get_meta (database, key);
  facilities = chc_database_list_facilities (database, district_id, error);
  if (facilities == NULL)
    return FALSE;
  if (facilities->len > 0 || seeded != NULL)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IN_USE,
                   seeded != NULL
                   ? _("The registry of %s was already loaded into this database; nothing was changed.")
                   : _("%s already has facilities in this database; a district’s registry is loaded only into a district without facilities. Nothing was changed."),
                   chc_district_get_name (district));
      return FALSE;
    }

  if (!add_towns (database, key_file, file_name, district_id, error))
    return FALSE;
  towns = chc_database_list_towns (database, district_id, error);
  if (towns == NULL)
    return FALSE;

  /* Facilities in the file's order (a parent comes before its children),
   * then the projects. */
  by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    if (g_str_has_prefix (groups[i], FACILITY_PREFIX) &&
        !add_facility (database, key_file, file_name, groups[i], district_id,
                       towns, by_name, error))
      return FALSE;
  for (guint i = 0; groups[i] != NULL; i++)
    if (g_str_has_prefix (groups[i], PROJECT_PREFIX) &&
        !add_project (database, key_file, file_name, groups[i], by_name, error))
      return FALSE;

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *stamp = g_date_time_format_iso8601 (now);

    return chc_database_set_meta (database, key, stamp, error);
  }
}

/* ---- public API ------------------------------------------------------- */

const char *const *
chc_registry_seed_get_district_codes (void)
{
  return district_codes;
}

gboolean
chc_registry_seed_key_file (ChcDatabase  *database,
                            GKeyFile     *key_file,
                            const char   *file_name,
                            GError      **error)
{
  g_autofree char *origin = NULL;
  gboolean ok;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (key_file != NULL, FALSE);

  if (!chc_database_begin (database, error))
    return FALSE;

  /* The audit log says where these rows came from. */
  origin = g_strconcat ("import ", file_name, NULL);
  chc_database_set_origin (database, origin);
  ok = seed (database, key_file, file_name, error);
  chc_database_set_origin (database, NULL);
  if (!ok)
    {
      chc_database_rollback (database);
      return FALSE;
    }
  return chc_database_commit (database, error);
}

gboolean
chc_registry_seed_district (ChcDatabase  *database,
                            const char   *district,
                            GError      **error)
{
  g_autoptr(ChcDistrict) found = NULL;
  g_autoptr(GKeyFile) key_file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  const char *file = NULL;

  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (district != NULL, FALSE);

  found = chc_database_find_district (database, district, error);
  if (found == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (registries); i++)
    if (g_strcmp0 (chc_district_get_code (found), registries[i].code) == 0)
      file = registries[i].file;
  if (file == NULL)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("There is no built-in registry of %s; there are registries of 青浦区, 长宁区 and 松江区."),
                   chc_district_get_name (found));
      return FALSE;
    }

  path = g_strconcat (RESOURCE_DIR, file, NULL);
  bytes = g_resource_lookup_data (chc_data_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  key_file = g_key_file_new ();
  if (!g_key_file_load_from_data (key_file, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", file);
      return FALSE;
    }
  return chc_registry_seed_key_file (database, key_file, file, error);
}
