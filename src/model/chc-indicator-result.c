/* chc-indicator-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "chc-plan-enums.h"
#include "chc-indicator-result.h"

struct _ChcIndicatorResult
{
  GObject             parent_instance;
  ChcIndicator       *indicator;
  int                 year;
  gboolean            has_value;
  double              value;
  ChcTarget          *target;
  ChcIndicatorStatus  status;
  char               *note;
  GArray             *trend;
  GArray             *facility_values;   /* ChcFacilityResult, or NULL */
};

enum {
  PROP_0,
  PROP_INDICATOR,
  PROP_YEAR,
  PROP_HAS_VALUE,
  PROP_VALUE,
  PROP_TARGET,
  PROP_STATUS,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcIndicatorResult, chc_indicator_result, G_TYPE_OBJECT)

static void
chc_indicator_result_dispose (GObject *object)
{
  ChcIndicatorResult *self = (ChcIndicatorResult *) object;

  g_clear_object (&self->indicator);
  g_clear_object (&self->target);
  G_OBJECT_CLASS (chc_indicator_result_parent_class)->dispose (object);
}

static void
chc_indicator_result_finalize (GObject *object)
{
  ChcIndicatorResult *self = (ChcIndicatorResult *) object;

  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->trend, g_array_unref);
  g_clear_pointer (&self->facility_values, g_array_unref);
  G_OBJECT_CLASS (chc_indicator_result_parent_class)->finalize (object);
}

static void
chc_indicator_result_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ChcIndicatorResult *self = CHC_INDICATOR_RESULT (object);

  switch (prop_id)
    {
    case PROP_INDICATOR:
      g_value_set_object (value, self->indicator);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_HAS_VALUE:
      g_value_set_boolean (value, self->has_value);
      break;
    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;
    case PROP_TARGET:
      g_value_set_object (value, self->target);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_indicator_result_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ChcIndicatorResult *self = CHC_INDICATOR_RESULT (object);

  switch (prop_id)
    {
    case PROP_INDICATOR:
      self->indicator = g_value_dup_object (value);
      break;
    case PROP_YEAR:
      self->year = g_value_get_int (value);
      break;
    case PROP_HAS_VALUE:
      self->has_value = g_value_get_boolean (value);
      break;
    case PROP_VALUE:
      self->value = g_value_get_double (value);
      break;
    case PROP_TARGET:
      self->target = g_value_dup_object (value);
      break;
    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;
    case PROP_NOTE:
      self->note = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_indicator_result_class_init (ChcIndicatorResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = chc_indicator_result_dispose;
  object_class->finalize = chc_indicator_result_finalize;
  object_class->get_property = chc_indicator_result_get_property;
  object_class->set_property = chc_indicator_result_set_property;

  properties[PROP_INDICATOR] = g_param_spec_object ("indicator", NULL, NULL, CHC_TYPE_INDICATOR, flags);
  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_HAS_VALUE] = g_param_spec_boolean ("has-value", NULL, NULL, FALSE, flags);
  properties[PROP_VALUE] = g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_TARGET] = g_param_spec_object ("target", NULL, NULL, CHC_TYPE_TARGET, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, CHC_TYPE_INDICATOR_STATUS,
                                               CHC_STATUS_NO_DATA, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_indicator_result_init (ChcIndicatorResult *self)
{
}

ChcIndicatorResult *
chc_indicator_result_new (ChcIndicator       *indicator,
                          int                 year,
                          gboolean            has_value,
                          double              value,
                          ChcTarget          *target,
                          ChcIndicatorStatus  status,
                          const char         *note)
{
  g_return_val_if_fail (CHC_IS_INDICATOR (indicator), NULL);
  g_return_val_if_fail (target == NULL || CHC_IS_TARGET (target), NULL);

  return g_object_new (CHC_TYPE_INDICATOR_RESULT,
                       "indicator", indicator,
                       "year", year,
                       "has-value", has_value,
                       "value", has_value ? value : 0.0,
                       "target", target,
                       "status", status,
                       "note", note,
                       NULL);
}

ChcIndicator *
chc_indicator_result_get_indicator (ChcIndicatorResult *self)
{
  g_return_val_if_fail (CHC_IS_INDICATOR_RESULT (self), NULL);
  return self->indicator;
}

int
chc_indicator_result_get_year (ChcIndicatorResult *self)
{
  g_return_val_if_fail (CHC_IS_INDICATOR_RESULT (self), 0);
  return self->year;
}

gboolean
chc_indicator_result_get_has_value (ChcIndicatorResult *self)
{
  g_return_val_if_fail (CHC_IS_INDICATOR_RESULT (self), FALSE);
  return self->has_value;
}

double
chc_indicator_result_get_value (ChcIndicatorResult *self)
{
  g_return_val_if_fail (CHC_IS_INDICATOR_RESULT (self), 0);
  return self->value;
}

ChcTarget *
chc_indicator_result_get_target (ChcIndicatorResult *self)
{
  g_return_val_if_fail (CHC_IS_INDICATOR_RESULT (self), NULL);
  return self->target;
}

ChcIndicatorStatus
chc_indicator_result_get_status (ChcIndicatorResult *self)
{
  g_return_val_if_fail (CHC_IS_INDICATOR_RESULT (self), CHC_STATUS_NO_DATA);
  return self->status;
}

const char *
chc_indicator_result_get_note (ChcIndicatorResult *self)
{
  g_return_val_if_fail (CHC_IS_INDICATOR_RESULT (self), NULL);
  return self->note;
}

char *
chc_indicator_result_dup_value_text (ChcIndicatorResult *self)
{
  g_return_val_if_fail (CHC_IS_INDICATOR_RESULT (self), NULL);

  if (!self->has_value)
    return g_strdup ("");
  return chc_format_value (chc_indicator_get_unit (self->indicator), self->value);
}

char *
chc_indicator_result_dup_target_text (ChcIndicatorResult *self)
{
  ChcTargetSpec spec;

  g_return_val_if_fail (CHC_IS_INDICATOR_RESULT (self), NULL);

  if (self->target == NULL)
    return g_strdup ("");
  chc_target_get_spec (self->target, &spec);
  return chc_target_spec_format (&spec);
}

GArray *
chc_indicator_result_get_trend (ChcIndicatorResult *self)
{
  g_return_val_if_fail (CHC_IS_INDICATOR_RESULT (self), NULL);
  return self->trend;
}

void
chc_indicator_result_set_trend (ChcIndicatorResult *self,
                                GArray             *trend)
{
  g_return_if_fail (CHC_IS_INDICATOR_RESULT (self));

  if (trend != NULL)
    g_array_ref (trend);
  g_clear_pointer (&self->trend, g_array_unref);
  self->trend = trend;
}

void
chc_indicator_result_set_note (ChcIndicatorResult *self,
                               const char         *note)
{
  g_return_if_fail (CHC_IS_INDICATOR_RESULT (self));

  if (g_strcmp0 (self->note, note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

GArray *
chc_indicator_result_get_facility_values (ChcIndicatorResult *self)
{
  g_return_val_if_fail (CHC_IS_INDICATOR_RESULT (self), NULL);
  return self->facility_values;
}

void
chc_indicator_result_set_facility_values (ChcIndicatorResult *self,
                                          GArray             *values)
{
  g_return_if_fail (CHC_IS_INDICATOR_RESULT (self));

  if (values != NULL)
    g_array_ref (values);
  g_clear_pointer (&self->facility_values, g_array_unref);
  self->facility_values = values;
}
