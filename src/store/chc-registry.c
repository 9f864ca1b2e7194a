/* chc-registry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-registry"

#include "chc-registry.h"

struct _ChcRegistry
{
  GObject      parent_instance;

  ChcDatabase *database;
  GListStore  *facilities;
  GListStore  *districts;
  gboolean     writing;   /* our own write: ::changed needs no reload */
};

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcRegistry, chc_registry, G_TYPE_OBJECT)

static gboolean
find_position (ChcRegistry *self,
               gint64       id,
               guint       *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->facilities));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChcFacility) f = g_list_model_get_item (G_LIST_MODEL (self->facilities), i);
      if (chc_facility_get_id (f) == id)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
splice_all (GListStore *store,
            GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

static void
on_database_changed_cb (ChcRegistry *self,
                        const char  *table,
                        ChcDatabase *database)
{
  g_autoptr(GError) error = NULL;

  if (self->writing)
    return;
  if (g_strcmp0 (table, "facility") != 0 &&
      g_strcmp0 (table, "district") != 0 &&
      g_strcmp0 (table, "town") != 0)
    return;
  if (!chc_registry_reload (self, &error))
    g_warning ("Cannot reload the registry: %s", error->message);
}

static void
chc_registry_constructed (GObject *object)
{
  ChcRegistry *self = CHC_REGISTRY (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (chc_registry_parent_class)->constructed (object);

  g_signal_connect_object (self->database, "changed",
                           G_CALLBACK (on_database_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (!chc_registry_reload (self, &error))
    g_warning ("Cannot load the registry: %s", error->message);
}

static void
chc_registry_dispose (GObject *object)
{
  ChcRegistry *self = CHC_REGISTRY (object);

  g_clear_object (&self->facilities);
  g_clear_object (&self->districts);
  g_clear_object (&self->database);
  G_OBJECT_CLASS (chc_registry_parent_class)->dispose (object);
}

static void
chc_registry_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ChcRegistry *self = CHC_REGISTRY (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_registry_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ChcRegistry *self = CHC_REGISTRY (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_registry_class_init (ChcRegistryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = chc_registry_constructed;
  object_class->dispose = chc_registry_dispose;
  object_class->get_property = chc_registry_get_property;
  object_class->set_property = chc_registry_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CHC_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_registry_init (ChcRegistry *self)
{
  self->facilities = g_list_store_new (CHC_TYPE_FACILITY);
  self->districts = g_list_store_new (CHC_TYPE_DISTRICT);
}

ChcRegistry *
chc_registry_new (ChcDatabase *database)
{
  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  return g_object_new (CHC_TYPE_REGISTRY, "database", database, NULL);
}

ChcDatabase *
chc_registry_get_database (ChcRegistry *self)
{
  g_return_val_if_fail (CHC_IS_REGISTRY (self), NULL);
  return self->database;
}

GListModel *
chc_registry_get_facilities (ChcRegistry *self)
{
  g_return_val_if_fail (CHC_IS_REGISTRY (self), NULL);
  return G_LIST_MODEL (self->facilities);
}

GListModel *
chc_registry_get_districts (ChcRegistry *self)
{
  g_return_val_if_fail (CHC_IS_REGISTRY (self), NULL);
  return G_LIST_MODEL (self->districts);
}

/* Reloads everything from the store with one ::items-changed per list. */
gboolean
chc_registry_reload (ChcRegistry  *self,
                     GError      **error)
{
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GPtrArray) districts = NULL;

  g_return_val_if_fail (CHC_IS_REGISTRY (self), FALSE);

  districts = chc_database_list_districts (self->database, error);
  if (districts == NULL)
    return FALSE;
  facilities = chc_database_list_facilities (self->database, 0, error);
  if (facilities == NULL)
    return FALSE;

  splice_all (self->districts, districts);
  splice_all (self->facilities, facilities);
  return TRUE;
}

/* Returns: (transfer none) (nullable): the listed facility with @id. */
ChcFacility *
chc_registry_lookup (ChcRegistry *self,
                     gint64       id)
{
  guint position;
  ChcFacility *facility;

  g_return_val_if_fail (CHC_IS_REGISTRY (self), NULL);

  if (!find_position (self, id, &position))
    return NULL;
  facility = g_list_model_get_item (G_LIST_MODEL (self->facilities), position);
  g_object_unref (facility);   /* the list keeps it alive */
  return facility;
}

gboolean
chc_registry_add_facility (ChcRegistry  *self,
                           ChcFacility  *facility,
                           GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (CHC_IS_REGISTRY (self), FALSE);
  g_return_val_if_fail (CHC_IS_FACILITY (facility), FALSE);

  self->writing = TRUE;
  ok = chc_database_add_facility (self->database, facility, error);
  self->writing = FALSE;

  if (ok)
    g_list_store_append (self->facilities, facility);
  return ok;
}

/**
 * chc_registry_update_facility:
 * @edited: an edited copy (see chc_facility_copy()) of a listed facility
 *
 * Stores @edited; on success the listed facility takes its values.
 */
gboolean
chc_registry_update_facility (ChcRegistry  *self,
                              ChcFacility  *edited,
                              GError      **error)
{
  gboolean ok;
  guint position;

  g_return_val_if_fail (CHC_IS_REGISTRY (self), FALSE);
  g_return_val_if_fail (CHC_IS_FACILITY (edited), FALSE);

  self->writing = TRUE;
  ok = chc_database_update_facility (self->database, edited, error);
  self->writing = FALSE;

  if (ok && find_position (self, chc_facility_get_id (edited), &position))
    {
      g_autoptr(ChcFacility) copy = chc_facility_copy (edited);
      g_list_store_splice (self->facilities, position, 1, (gpointer *) &copy, 1);
    }
  return ok;
}

gboolean
chc_registry_remove_facility (ChcRegistry  *self,
                              gint64        id,
                              GError      **error)
{
  gboolean ok;
  guint position;

  g_return_val_if_fail (CHC_IS_REGISTRY (self), FALSE);

  self->writing = TRUE;
  ok = chc_database_delete_facility (self->database, id, error);
  self->writing = FALSE;

  if (ok && find_position (self, id, &position))
    g_list_store_remove (self->facilities, position);
  return ok;
}
