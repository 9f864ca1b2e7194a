/* chc-indicator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "model/chc-util.h"
#include "chc-indicator.h"

struct _ChcIndicator
{
  GObject             parent_instance;
  gint64              id;
  gint64              plan_id;
  char               *code;
  ChcIndicatorArea    area;
  char               *name_zh;
  char               *name_en;
  ChcIndicatorUnit    unit;
  guint               scope;
  ChcIndicatorMethod  method;
  char               *condition;
  int                 position;
  char               *source;        /* the seed file and clause (issue 14) */
  gboolean            per_facility;  /* the target holds for each facility */
};

enum {
  PROP_0,
  PROP_ID,
  PROP_PLAN_ID,
  PROP_CODE,
  PROP_AREA,
  PROP_NAME_ZH,
  PROP_NAME_EN,
  PROP_DISPLAY_NAME,
  PROP_UNIT,
  PROP_SCOPE,
  PROP_METHOD,
  PROP_CONDITION,
  PROP_POSITION,
  PROP_SOURCE,
  PROP_PER_FACILITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcIndicator, chc_indicator, G_TYPE_OBJECT)

static void
chc_indicator_finalize (GObject *object)
{
  ChcIndicator *self = (ChcIndicator *) object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name_zh, g_free);
  g_clear_pointer (&self->name_en, g_free);
  g_clear_pointer (&self->condition, g_free);
  g_clear_pointer (&self->source, g_free);
  G_OBJECT_CLASS (chc_indicator_parent_class)->finalize (object);
}

static void
chc_indicator_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ChcIndicator *self = CHC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_PLAN_ID:
      g_value_set_int64 (value, self->plan_id);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_AREA:
      g_value_set_enum (value, self->area);
      break;
    case PROP_NAME_ZH:
      g_value_set_string (value, self->name_zh);
      break;
    case PROP_NAME_EN:
      g_value_set_string (value, self->name_en);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, chc_indicator_get_display_name (self));
      break;
    case PROP_UNIT:
      g_value_set_enum (value, self->unit);
      break;
    case PROP_SCOPE:
      g_value_set_uint (value, self->scope);
      break;
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_CONDITION:
      g_value_set_string (value, self->condition);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_PER_FACILITY:
      g_value_set_boolean (value, self->per_facility);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_indicator_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ChcIndicator *self = CHC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_ID:
      chc_indicator_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_PLAN_ID:
      chc_indicator_set_plan_id (self, g_value_get_int64 (value));
      break;
    case PROP_CODE:
      chc_indicator_set_code (self, g_value_get_string (value));
      break;
    case PROP_AREA:
      chc_indicator_set_area (self, g_value_get_enum (value));
      break;
    case PROP_NAME_ZH:
      chc_indicator_set_name_zh (self, g_value_get_string (value));
      break;
    case PROP_NAME_EN:
      chc_indicator_set_name_en (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      chc_indicator_set_unit (self, g_value_get_enum (value));
      break;
    case PROP_SCOPE:
      chc_indicator_set_scope (self, g_value_get_uint (value));
      break;
    case PROP_METHOD:
      chc_indicator_set_method (self, g_value_get_enum (value));
      break;
    case PROP_CONDITION:
      chc_indicator_set_condition (self, g_value_get_string (value));
      break;
    case PROP_POSITION:
      chc_indicator_set_position (self, g_value_get_int (value));
      break;
    case PROP_SOURCE:
      chc_indicator_set_source (self, g_value_get_string (value));
      break;
    case PROP_PER_FACILITY:
      chc_indicator_set_per_facility (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_indicator_class_init (ChcIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = chc_indicator_finalize;
  object_class->get_property = chc_indicator_get_property;
  object_class->set_property = chc_indicator_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PLAN_ID] = g_param_spec_int64 ("plan-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_AREA] = g_param_spec_enum ("area", NULL, NULL, CHC_TYPE_INDICATOR_AREA,
                                             CHC_AREA_CONSTRUCTION, flags);
  properties[PROP_NAME_ZH] = g_param_spec_string ("name-zh", NULL, NULL, NULL, flags);
  properties[PROP_NAME_EN] = g_param_spec_string ("name-en", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] = g_param_spec_enum ("unit", NULL, NULL, CHC_TYPE_INDICATOR_UNIT,
                                             CHC_UNIT_PERCENT, flags);
  properties[PROP_SCOPE] = g_param_spec_uint ("scope", NULL, NULL, 0, CHC_SCOPE_ALL, 0, flags);
  properties[PROP_METHOD] = g_param_spec_enum ("method", NULL, NULL, CHC_TYPE_INDICATOR_METHOD,
                                               CHC_METHOD_NONE, flags);
  properties[PROP_CONDITION] = g_param_spec_string ("condition", NULL, NULL, NULL, flags);
  properties[PROP_POSITION] = g_param_spec_int ("position", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_PER_FACILITY] = g_param_spec_boolean ("per-facility", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_indicator_init (ChcIndicator *self)
{
}

ChcIndicator *
chc_indicator_new (void)
{
  return g_object_new (CHC_TYPE_INDICATOR, NULL);
}

ChcIndicator *
chc_indicator_copy (ChcIndicator *self)
{
  ChcIndicator *copy;

  g_return_val_if_fail (CHC_IS_INDICATOR (self), NULL);

  copy = chc_indicator_new ();
  copy->id = self->id;
  copy->plan_id = self->plan_id;
  copy->code = g_strdup (self->code);
  copy->area = self->area;
  copy->name_zh = g_strdup (self->name_zh);
  copy->name_en = g_strdup (self->name_en);
  copy->unit = self->unit;
  copy->scope = self->scope;
  copy->method = self->method;
  copy->condition = g_strdup (self->condition);
  copy->position = self->position;
  copy->source = g_strdup (self->source);
  copy->per_facility = self->per_facility;
  return copy;
}

/* NULL and "" are the same text (the store keeps "" for no name). */
static gboolean
text_equal (const char *a,
            const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

gboolean
chc_indicator_equal (ChcIndicator *a,
                     ChcIndicator *b)
{
  g_return_val_if_fail (CHC_IS_INDICATOR (a), FALSE);
  g_return_val_if_fail (CHC_IS_INDICATOR (b), FALSE);

  return a->id == b->id &&
         a->plan_id == b->plan_id &&
         text_equal (a->code, b->code) &&
         a->area == b->area &&
         text_equal (a->name_zh, b->name_zh) &&
         text_equal (a->name_en, b->name_en) &&
         a->unit == b->unit &&
         a->scope == b->scope &&
         a->method == b->method &&
         text_equal (a->condition, b->condition) &&
         a->position == b->position &&
         text_equal (a->source, b->source) &&
         a->per_facility == b->per_facility;
}

gboolean
chc_locale_prefers_chinese (void)
{
  const char *const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "zh");
}

const char *
chc_indicator_get_display_name (ChcIndicator *self)
{
  const char *preferred;
  const char *other;

  g_return_val_if_fail (CHC_IS_INDICATOR (self), NULL);

  if (chc_locale_prefers_chinese ())
    {
      preferred = self->name_zh;
      other = self->name_en;
    }
  else
    {
      preferred = self->name_en;
      other = self->name_zh;
    }
  if (preferred != NULL && *preferred != '\0')
    return preferred;
  return other != NULL ? other : "";
}

#define DEFINE_VALUE_ACCESSORS(field, ctype, PROP)                 \
  ctype                                                            \
  chc_indicator_get_##field (ChcIndicator *self)                   \
  {                                                                \
    g_return_val_if_fail (CHC_IS_INDICATOR (self), 0);             \
    return self->field;                                            \
  }                                                                \
                                                                   \
  void                                                             \
  chc_indicator_set_##field (ChcIndicator *self,                   \
                             ctype         field)                  \
  {                                                                \
    g_return_if_fail (CHC_IS_INDICATOR (self));                    \
    if (self->field == field)                                      \
      return;                                                      \
    self->field = field;                                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);  \
  }

#define DEFINE_STR_ACCESSORS(field, PROP)                          \
  const char *                                                     \
  chc_indicator_get_##field (ChcIndicator *self)                   \
  {                                                                \
    g_return_val_if_fail (CHC_IS_INDICATOR (self), NULL);          \
    return self->field;                                            \
  }                                                                \
                                                                   \
  void                                                             \
  chc_indicator_set_##field (ChcIndicator *self,                   \
                             const char   *field)                  \
  {                                                                \
    g_return_if_fail (CHC_IS_INDICATOR (self));                    \
    if (chc_set_str (&self->field, field))                         \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]); \
  }

DEFINE_VALUE_ACCESSORS (id, gint64, PROP_ID)
DEFINE_VALUE_ACCESSORS (plan_id, gint64, PROP_PLAN_ID)
DEFINE_STR_ACCESSORS (code, PROP_CODE)
DEFINE_VALUE_ACCESSORS (area, ChcIndicatorArea, PROP_AREA)
DEFINE_VALUE_ACCESSORS (unit, ChcIndicatorUnit, PROP_UNIT)
DEFINE_VALUE_ACCESSORS (scope, guint, PROP_SCOPE)
DEFINE_VALUE_ACCESSORS (method, ChcIndicatorMethod, PROP_METHOD)
DEFINE_STR_ACCESSORS (condition, PROP_CONDITION)
DEFINE_VALUE_ACCESSORS (position, int, PROP_POSITION)
DEFINE_STR_ACCESSORS (source, PROP_SOURCE)
DEFINE_VALUE_ACCESSORS (per_facility, gboolean, PROP_PER_FACILITY)

void
chc_indicator_set_name_zh (ChcIndicator *self,
                           const char   *name)
{
  g_return_if_fail (CHC_IS_INDICATOR (self));

  if (!chc_set_str (&self->name_zh, name))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME_ZH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

const char *
chc_indicator_get_name_zh (ChcIndicator *self)
{
  g_return_val_if_fail (CHC_IS_INDICATOR (self), NULL);
  return self->name_zh;
}

void
chc_indicator_set_name_en (ChcIndicator *self,
                           const char   *name)
{
  g_return_if_fail (CHC_IS_INDICATOR (self));

  if (!chc_set_str (&self->name_en, name))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME_EN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

const char *
chc_indicator_get_name_en (ChcIndicator *self)
{
  g_return_val_if_fail (CHC_IS_INDICATOR (self), NULL);
  return self->name_en;
}
