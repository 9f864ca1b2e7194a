/* chc-town.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "model/chc-util.h"
#include "chc-town.h"

struct _ChcTown
{
  GObject  parent_instance;
  gint64   id;
  gint64   district_id;
  char    *name;
  char    *code;     /* 乡镇级代码, nine digits, or NULL */
};

enum {
  PROP_0,
  PROP_ID,
  PROP_DISTRICT_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcTown, chc_town, G_TYPE_OBJECT)

static void
chc_town_finalize (GObject *object)
{
  ChcTown *self = (ChcTown *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->code, g_free);
  G_OBJECT_CLASS (chc_town_parent_class)->finalize (object);
}

static void
chc_town_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  ChcTown *self = CHC_TOWN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_DISTRICT_ID:
      g_value_set_int64 (value, self->district_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_town_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  ChcTown *self = CHC_TOWN (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_DISTRICT_ID:
      self->district_id = g_value_get_int64 (value);
      break;
    case PROP_NAME:
      chc_set_str (&self->name, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_town_class_init (ChcTownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chc_town_finalize;
  object_class->get_property = chc_town_get_property;
  object_class->set_property = chc_town_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTRICT_ID] =
    g_param_spec_int64 ("district-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_town_init (ChcTown *self)
{
}

ChcTown *
chc_town_new (gint64      id,
              gint64      district_id,
              const char *name)
{
  return g_object_new (CHC_TYPE_TOWN,
                       "id", id,
                       "district-id", district_id,
                       "name", name,
                       NULL);
}

gint64
chc_town_get_id (ChcTown *self)
{
  g_return_val_if_fail (CHC_IS_TOWN (self), 0);
  return self->id;
}

gint64
chc_town_get_district_id (ChcTown *self)
{
  g_return_val_if_fail (CHC_IS_TOWN (self), 0);
  return self->district_id;
}

const char *
chc_town_get_name (ChcTown *self)
{
  g_return_val_if_fail (CHC_IS_TOWN (self), NULL);
  return self->name;
}

/* The town's 乡镇级代码 (nine digits, the district's six first), or NULL. */
const char *
chc_town_get_code (ChcTown *self)
{
  g_return_val_if_fail (CHC_IS_TOWN (self), NULL);
  return self->code;
}

void
chc_town_set_code (ChcTown    *self,
                   const char *code)
{
  g_return_if_fail (CHC_IS_TOWN (self));
  chc_set_str (&self->code, code != NULL && *code != '\0' ? code : NULL);
}

gint64
chc_towns_find_id (GPtrArray  *towns,
                   gint64      district_id,
                   const char *name)
{
  for (guint i = 0; towns != NULL && i < towns->len; i++)
    {
      ChcTown *town = g_ptr_array_index (towns, i);

      if (town->district_id == district_id && g_strcmp0 (town->name, name) == 0)
        return town->id;
    }
  return 0;
}
