/* chc-milestone.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "model/chc-util.h"
#include "chc-milestone.h"

struct _ChcMilestone
{
  GObject           parent_instance;

  ChcMilestoneKind  kind;
  char             *planned;
  char             *actual;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_PLANNED,
  PROP_ACTUAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcMilestone, chc_milestone, G_TYPE_OBJECT)

/* An empty string means "no date". */
static const char *
nonempty (const char *text)
{
  return (text != NULL && *text != '\0') ? text : NULL;
}

static void
chc_milestone_finalize (GObject *object)
{
  ChcMilestone *self = (ChcMilestone *) object;

  g_clear_pointer (&self->planned, g_free);
  g_clear_pointer (&self->actual, g_free);

  G_OBJECT_CLASS (chc_milestone_parent_class)->finalize (object);
}

static void
chc_milestone_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ChcMilestone *self = CHC_MILESTONE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_PLANNED:
      g_value_set_string (value, self->planned);
      break;
    case PROP_ACTUAL:
      g_value_set_string (value, self->actual);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_milestone_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ChcMilestone *self = CHC_MILESTONE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_PLANNED:
      chc_milestone_set_planned (self, g_value_get_string (value));
      break;
    case PROP_ACTUAL:
      chc_milestone_set_actual (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_milestone_class_init (ChcMilestoneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = chc_milestone_finalize;
  object_class->get_property = chc_milestone_get_property;
  object_class->set_property = chc_milestone_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CHC_TYPE_MILESTONE_KIND, CHC_MILESTONE_APPROVED,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLANNED] =
    g_param_spec_string ("planned", NULL, NULL, NULL, flags);
  properties[PROP_ACTUAL] =
    g_param_spec_string ("actual", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_milestone_init (ChcMilestone *self)
{
}

ChcMilestone *
chc_milestone_new (ChcMilestoneKind kind)
{
  return g_object_new (CHC_TYPE_MILESTONE, "kind", kind, NULL);
}

ChcMilestoneKind
chc_milestone_get_kind (ChcMilestone *self)
{
  g_return_val_if_fail (CHC_IS_MILESTONE (self), CHC_MILESTONE_APPROVED);
  return self->kind;
}

const char *
chc_milestone_get_planned (ChcMilestone *self)
{
  g_return_val_if_fail (CHC_IS_MILESTONE (self), NULL);
  return self->planned;
}

void
chc_milestone_set_planned (ChcMilestone *self,
                           const char   *planned)
{
  g_return_if_fail (CHC_IS_MILESTONE (self));

  if (chc_set_str (&self->planned, nonempty (planned)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLANNED]);
}

const char *
chc_milestone_get_actual (ChcMilestone *self)
{
  g_return_val_if_fail (CHC_IS_MILESTONE (self), NULL);
  return self->actual;
}

void
chc_milestone_set_actual (ChcMilestone *self,
                          const char   *actual)
{
  g_return_if_fail (CHC_IS_MILESTONE (self));

  if (chc_set_str (&self->actual, nonempty (actual)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTUAL]);
}
