/* chc-target.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "chc-target.h"

struct _ChcTarget
{
  GObject     parent_instance;
  gint64      indicator_id;
  int         year;
  ChcTargetOp op;
  double      min_value;
  double      max_value;
  gboolean    has_max;
};

enum {
  PROP_0,
  PROP_INDICATOR_ID,
  PROP_YEAR,
  PROP_OP,
  PROP_MIN_VALUE,
  PROP_MAX_VALUE,
  PROP_HAS_MAX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcTarget, chc_target, G_TYPE_OBJECT)

static void
chc_target_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ChcTarget *self = CHC_TARGET (object);

  switch (prop_id)
    {
    case PROP_INDICATOR_ID:
      g_value_set_int64 (value, self->indicator_id);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_OP:
      g_value_set_enum (value, self->op);
      break;
    case PROP_MIN_VALUE:
      g_value_set_double (value, self->min_value);
      break;
    case PROP_MAX_VALUE:
      g_value_set_double (value, self->max_value);
      break;
    case PROP_HAS_MAX:
      g_value_set_boolean (value, self->has_max);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_target_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  ChcTarget *self = CHC_TARGET (object);

  switch (prop_id)
    {
    case PROP_INDICATOR_ID:
      chc_target_set_indicator_id (self, g_value_get_int64 (value));
      break;
    case PROP_YEAR:
      chc_target_set_year (self, g_value_get_int (value));
      break;
    case PROP_OP:
      chc_target_set_op (self, g_value_get_enum (value));
      break;
    case PROP_MIN_VALUE:
      chc_target_set_min_value (self, g_value_get_double (value));
      break;
    case PROP_MAX_VALUE:
      chc_target_set_max_value (self, g_value_get_double (value));
      break;
    case PROP_HAS_MAX:
      chc_target_set_has_max (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_target_class_init (ChcTargetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = chc_target_get_property;
  object_class->set_property = chc_target_set_property;

  properties[PROP_INDICATOR_ID] = g_param_spec_int64 ("indicator-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_OP] = g_param_spec_enum ("op", NULL, NULL, CHC_TYPE_TARGET_OP,
                                           CHC_TARGET_AT_LEAST, flags);
  properties[PROP_MIN_VALUE] = g_param_spec_double ("min-value", NULL, NULL,
                                                    -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_MAX_VALUE] = g_param_spec_double ("max-value", NULL, NULL,
                                                    -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_HAS_MAX] = g_param_spec_boolean ("has-max", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_target_init (ChcTarget *self)
{
}

ChcTarget *
chc_target_new (void)
{
  return g_object_new (CHC_TYPE_TARGET, NULL);
}

ChcTarget *
chc_target_new_from_spec (gint64               indicator_id,
                          const ChcTargetSpec *spec)
{
  ChcTarget *self = chc_target_new ();

  g_return_val_if_fail (spec != NULL, self);

  self->indicator_id = indicator_id;
  self->year = spec->year;
  self->op = spec->op;
  self->min_value = spec->min_value;
  self->max_value = spec->has_max ? spec->max_value : 0;
  self->has_max = spec->has_max;
  return self;
}

void
chc_target_get_spec (ChcTarget     *self,
                     ChcTargetSpec *spec)
{
  g_return_if_fail (CHC_IS_TARGET (self));
  g_return_if_fail (spec != NULL);

  spec->year = self->year;
  spec->op = self->op;
  spec->min_value = self->min_value;
  spec->max_value = self->max_value;
  spec->has_max = self->has_max;
}

#define DEFINE_ACCESSORS(field, ctype, PROP)                       \
  ctype                                                            \
  chc_target_get_##field (ChcTarget *self)                         \
  {                                                                \
    g_return_val_if_fail (CHC_IS_TARGET (self), 0);                \
    return self->field;                                            \
  }                                                                \
                                                                   \
  void                                                             \
  chc_target_set_##field (ChcTarget *self,                         \
                          ctype      field)                        \
  {                                                                \
    g_return_if_fail (CHC_IS_TARGET (self));                       \
    if (self->field == field)                                      \
      return;                                                      \
    self->field = field;                                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);  \
  }

DEFINE_ACCESSORS (indicator_id, gint64, PROP_INDICATOR_ID)
DEFINE_ACCESSORS (year, int, PROP_YEAR)
DEFINE_ACCESSORS (op, ChcTargetOp, PROP_OP)
DEFINE_ACCESSORS (min_value, double, PROP_MIN_VALUE)
DEFINE_ACCESSORS (max_value, double, PROP_MAX_VALUE)

gboolean
chc_target_get_has_max (ChcTarget *self)
{
  g_return_val_if_fail (CHC_IS_TARGET (self), FALSE);
  return self->has_max;
}

void
chc_target_set_has_max (ChcTarget *self,
                        gboolean   has_max)
{
  g_return_if_fail (CHC_IS_TARGET (self));

  has_max = !!has_max;
  if (self->has_max == has_max)
    return;
  self->has_max = has_max;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MAX]);
}

static void
append_number (GString *text,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == 0)
    value = 0;   /* no "-0" */
  g_string_append (text, g_ascii_formatd (buf, sizeof buf, "%.6g", value));
}

char *
chc_target_spec_format (const ChcTargetSpec *target)
{
  GString *text;

  g_return_val_if_fail (target != NULL, NULL);

  text = g_string_new (NULL);
  if (target->op != CHC_TARGET_AT_LEAST)
    g_string_append (text, chc_target_op_to_string (target->op));
  append_number (text, target->min_value);
  if (target->has_max)
    {
      g_string_append_c (text, '-');
      append_number (text, target->max_value);
    }
  return g_string_free (text, FALSE);
}
