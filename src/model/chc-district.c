/* chc-district.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "model/chc-util.h"
#include "chc-district.h"

struct _ChcDistrict
{
  GObject  parent_instance;
  gint64   id;
  char    *name;
  char    *name_en;
  char    *code;     /* 行政区划代码, six digits, or NULL */
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_NAME_EN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcDistrict, chc_district, G_TYPE_OBJECT)

static void
chc_district_finalize (GObject *object)
{
  ChcDistrict *self = (ChcDistrict *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->name_en, g_free);
  g_clear_pointer (&self->code, g_free);
  G_OBJECT_CLASS (chc_district_parent_class)->finalize (object);
}

static void
chc_district_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ChcDistrict *self = CHC_DISTRICT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_NAME_EN:
      g_value_set_string (value, self->name_en);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_district_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ChcDistrict *self = CHC_DISTRICT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_NAME:
      chc_set_str (&self->name, g_value_get_string (value));
      break;
    case PROP_NAME_EN:
      chc_set_str (&self->name_en, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_district_class_init (ChcDistrictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chc_district_finalize;
  object_class->get_property = chc_district_get_property;
  object_class->set_property = chc_district_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME_EN] =
    g_param_spec_string ("name-en", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_district_init (ChcDistrict *self)
{
}

ChcDistrict *
chc_district_new (gint64      id,
                  const char *name,
                  const char *name_en)
{
  return g_object_new (CHC_TYPE_DISTRICT,
                       "id", id,
                       "name", name,
                       "name-en", name_en,
                       NULL);
}

gint64
chc_district_get_id (ChcDistrict *self)
{
  g_return_val_if_fail (CHC_IS_DISTRICT (self), 0);
  return self->id;
}

const char *
chc_district_get_name (ChcDistrict *self)
{
  g_return_val_if_fail (CHC_IS_DISTRICT (self), NULL);
  return self->name;
}

const char *
chc_district_get_name_en (ChcDistrict *self)
{
  g_return_val_if_fail (CHC_IS_DISTRICT (self), NULL);
  return self->name_en;
}

char *
chc_district_dup_short_name (ChcDistrict *self)
{
  g_return_val_if_fail (CHC_IS_DISTRICT (self), NULL);

  if (g_str_has_suffix (self->name, "新区") && strlen (self->name) > strlen ("新区"))
    return g_strndup (self->name, strlen (self->name) - strlen ("新区"));
  if (g_str_has_suffix (self->name, "区") && strlen (self->name) > strlen ("区"))
    return g_strndup (self->name, strlen (self->name) - strlen ("区"));
  return g_strdup (self->name);
}

/* "青浦区", "青浦", "Qingpu" (any case) and "310118" (its 行政区划代码),
 * surrounding spaces ignored; "浦东" for "浦东新区". */
gboolean
chc_district_matches (ChcDistrict *self,
                      const char  *name_or_alias)
{
  g_autofree char *wanted = NULL;
  g_autofree char *short_name = NULL;

  g_return_val_if_fail (CHC_IS_DISTRICT (self), FALSE);

  if (name_or_alias == NULL)
    return FALSE;

  wanted = g_strstrip (g_strdup (name_or_alias));
  short_name = chc_district_dup_short_name (self);

  return g_str_equal (wanted, self->name) ||
         g_str_equal (wanted, short_name) ||
         g_ascii_strcasecmp (wanted, self->name_en) == 0 ||
         (self->code != NULL && g_str_equal (wanted, self->code));
}

/* The district's 行政区划代码 (310118), or NULL. */
const char *
chc_district_get_code (ChcDistrict *self)
{
  g_return_val_if_fail (CHC_IS_DISTRICT (self), NULL);
  return self->code;
}

void
chc_district_set_code (ChcDistrict *self,
                       const char  *code)
{
  g_return_if_fail (CHC_IS_DISTRICT (self));
  chc_set_str (&self->code, code != NULL && *code != '\0' ? code : NULL);
}
