/* chc-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "model/chc-util.h"
#include "chc-plan.h"

struct _ChcPlan
{
  GObject  parent_instance;
  gint64   id;
  gint64   district_id;
  char    *name;
  int      first_year;
  int      last_year;
  char    *source;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_DISTRICT_ID,
  PROP_NAME,
  PROP_FIRST_YEAR,
  PROP_LAST_YEAR,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcPlan, chc_plan, G_TYPE_OBJECT)

static void
chc_plan_finalize (GObject *object)
{
  ChcPlan *self = (ChcPlan *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->source, g_free);
  G_OBJECT_CLASS (chc_plan_parent_class)->finalize (object);
}

static void
chc_plan_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  ChcPlan *self = CHC_PLAN (object);

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
    case PROP_FIRST_YEAR:
      g_value_set_int (value, self->first_year);
      break;
    case PROP_LAST_YEAR:
      g_value_set_int (value, self->last_year);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_plan_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  ChcPlan *self = CHC_PLAN (object);

  switch (prop_id)
    {
    case PROP_ID:
      chc_plan_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_DISTRICT_ID:
      chc_plan_set_district_id (self, g_value_get_int64 (value));
      break;
    case PROP_NAME:
      chc_plan_set_name (self, g_value_get_string (value));
      break;
    case PROP_FIRST_YEAR:
      chc_plan_set_first_year (self, g_value_get_int (value));
      break;
    case PROP_LAST_YEAR:
      chc_plan_set_last_year (self, g_value_get_int (value));
      break;
    case PROP_SOURCE:
      chc_plan_set_source (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_plan_class_init (ChcPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = chc_plan_finalize;
  object_class->get_property = chc_plan_get_property;
  object_class->set_property = chc_plan_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DISTRICT_ID] = g_param_spec_int64 ("district-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_FIRST_YEAR] = g_param_spec_int ("first-year", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_LAST_YEAR] = g_param_spec_int ("last-year", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_plan_init (ChcPlan *self)
{
}

ChcPlan *
chc_plan_new (void)
{
  return g_object_new (CHC_TYPE_PLAN, NULL);
}

#define DEFINE_INT_ACCESSORS(field, ctype, PROP)                   \
  ctype                                                            \
  chc_plan_get_##field (ChcPlan *self)                             \
  {                                                                \
    g_return_val_if_fail (CHC_IS_PLAN (self), 0);                  \
    return self->field;                                            \
  }                                                                \
                                                                   \
  void                                                             \
  chc_plan_set_##field (ChcPlan *self,                             \
                        ctype    field)                            \
  {                                                                \
    g_return_if_fail (CHC_IS_PLAN (self));                         \
    if (self->field == field)                                      \
      return;                                                      \
    self->field = field;                                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);  \
  }

#define DEFINE_STR_ACCESSORS(field, PROP)                          \
  const char *                                                     \
  chc_plan_get_##field (ChcPlan *self)                             \
  {                                                                \
    g_return_val_if_fail (CHC_IS_PLAN (self), NULL);               \
    return self->field;                                            \
  }                                                                \
                                                                   \
  void                                                             \
  chc_plan_set_##field (ChcPlan    *self,                          \
                        const char *field)                         \
  {                                                                \
    g_return_if_fail (CHC_IS_PLAN (self));                         \
    if (chc_set_str (&self->field, field))                         \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]); \
  }

DEFINE_INT_ACCESSORS (id, gint64, PROP_ID)
DEFINE_INT_ACCESSORS (district_id, gint64, PROP_DISTRICT_ID)
DEFINE_STR_ACCESSORS (name, PROP_NAME)
DEFINE_INT_ACCESSORS (first_year, int, PROP_FIRST_YEAR)
DEFINE_INT_ACCESSORS (last_year, int, PROP_LAST_YEAR)
DEFINE_STR_ACCESSORS (source, PROP_SOURCE)
