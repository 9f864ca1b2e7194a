/* chc-ui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "chc-ui-util.h"

#define REGISTRY_KEY "chc-ui-registry"

static void
free_weak_ref (gpointer data)
{
  GWeakRef *ref = data;

  g_weak_ref_clear (ref);
  g_free (ref);
}

ChcRegistry *
chc_ui_dup_registry (ChcDatabase *database)
{
  GWeakRef *ref;
  ChcRegistry *registry;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);

  /* A weak reference: the registry holds the database, so a strong one
   * here would keep both alive for ever. */
  ref = g_object_get_data (G_OBJECT (database), REGISTRY_KEY);
  if (ref != NULL && (registry = g_weak_ref_get (ref)) != NULL)
    return registry;

  registry = chc_registry_new (database);
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, registry);
  g_object_set_data_full (G_OBJECT (database), REGISTRY_KEY, ref, free_weak_ref);
  return registry;
}

/* Whether the interface speaks Chinese (then district names need no
 * English gloss). */
static gboolean
ui_is_chinese (void)
{
  const char * const *languages = g_get_language_names ();

  return languages[0] != NULL && g_str_has_prefix (languages[0], "zh");
}

char *
chc_ui_district_label (ChcDistrict *district)
{
  const char *name;
  const char *name_en;

  g_return_val_if_fail (CHC_IS_DISTRICT (district), NULL);

  name = chc_district_get_name (district);
  name_en = chc_district_get_name_en (district);
  if (ui_is_chinese () || name_en == NULL || *name_en == '\0')
    return g_strdup (name);

  /* Translators: a district in the district selector, outside Chinese
   * locales: its English name, then its Chinese name. */
  return g_strdup_printf (_("%s (%s)"), name_en, name);
}

int
chc_ui_first_year (void)
{
  return 2023;
}

int
chc_ui_last_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return MAX (CHC_UI_DEFAULT_YEAR, g_date_time_get_year (now));
}

GSettings *
chc_ui_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("The GSettings schema %s is not installed: settings (window size, "
                 "district, year, CSV column mappings) are not remembered.", APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}
