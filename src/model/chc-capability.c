/* chc-capability.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "chc-capability.h"

struct _ChcCapability
{
  GObject            parent_instance;
  gint64             facility_id;
  char              *kind;     /* the declared kind's code (data/elements.ini) */
  int                year;
};

enum {
  PROP_0,
  PROP_FACILITY_ID,
  PROP_KIND,
  PROP_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcCapability, chc_capability, G_TYPE_OBJECT)

static void
chc_capability_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ChcCapability *self = CHC_CAPABILITY (object);

  switch (prop_id)
    {
    case PROP_FACILITY_ID:
      g_value_set_int64 (value, self->facility_id);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_capability_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ChcCapability *self = CHC_CAPABILITY (object);

  switch (prop_id)
    {
    case PROP_FACILITY_ID:
      self->facility_id = g_value_get_int64 (value);
      break;
    case PROP_KIND:
      self->kind = g_value_dup_string (value);
      break;
    case PROP_YEAR:
      chc_capability_set_year (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_capability_finalize (GObject *object)
{
  ChcCapability *self = CHC_CAPABILITY (object);

  g_clear_pointer (&self->kind, g_free);
  G_OBJECT_CLASS (chc_capability_parent_class)->finalize (object);
}

static void
chc_capability_class_init (ChcCapabilityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chc_capability_finalize;
  object_class->get_property = chc_capability_get_property;
  object_class->set_property = chc_capability_set_property;

  properties[PROP_FACILITY_ID] =
    g_param_spec_int64 ("facility-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_capability_init (ChcCapability *self)
{
}

ChcCapability *
chc_capability_new (gint64      facility_id,
                    const char *kind,
                    int         year)
{
  return g_object_new (CHC_TYPE_CAPABILITY,
                       "facility-id", facility_id,
                       "kind", kind,
                       "year", year,
                       NULL);
}

gint64
chc_capability_get_facility_id (ChcCapability *self)
{
  g_return_val_if_fail (CHC_IS_CAPABILITY (self), 0);
  return self->facility_id;
}

const char *
chc_capability_get_kind (ChcCapability *self)
{
  g_return_val_if_fail (CHC_IS_CAPABILITY (self), NULL);
  return self->kind;
}

int
chc_capability_get_year (ChcCapability *self)
{
  g_return_val_if_fail (CHC_IS_CAPABILITY (self), 0);
  return self->year;
}

void
chc_capability_set_year (ChcCapability *self,
                         int            year)
{
  g_return_if_fail (CHC_IS_CAPABILITY (self));

  if (self->year == year)
    return;
  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}
