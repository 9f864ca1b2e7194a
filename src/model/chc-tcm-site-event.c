/* chc-tcm-site-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "chc-tcm-site-event.h"

struct _ChcTcmSiteEvent
{
  GObject          parent_instance;
  gint64           facility_id;
  ChcTcmSiteKind   kind;
  char            *date;
  ChcTcmSiteState  state;
};

enum {
  PROP_0,
  PROP_FACILITY_ID,
  PROP_KIND,
  PROP_DATE,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcTcmSiteEvent, chc_tcm_site_event, G_TYPE_OBJECT)

static void
chc_tcm_site_event_finalize (GObject *object)
{
  ChcTcmSiteEvent *self = (ChcTcmSiteEvent *) object;

  g_clear_pointer (&self->date, g_free);
  G_OBJECT_CLASS (chc_tcm_site_event_parent_class)->finalize (object);
}

static void
chc_tcm_site_event_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ChcTcmSiteEvent *self = CHC_TCM_SITE_EVENT (object);

  switch (prop_id)
    {
    case PROP_FACILITY_ID:
      g_value_set_int64 (value, self->facility_id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_tcm_site_event_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ChcTcmSiteEvent *self = CHC_TCM_SITE_EVENT (object);

  switch (prop_id)
    {
    case PROP_FACILITY_ID:
      self->facility_id = g_value_get_int64 (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_DATE:
      self->date = g_value_dup_string (value);
      break;
    case PROP_STATE:
      self->state = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_tcm_site_event_class_init (ChcTcmSiteEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = chc_tcm_site_event_finalize;
  object_class->get_property = chc_tcm_site_event_get_property;
  object_class->set_property = chc_tcm_site_event_set_property;

  properties[PROP_FACILITY_ID] =
    g_param_spec_int64 ("facility-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CHC_TYPE_TCM_SITE_KIND, CHC_TCM_SITE_HALL, flags);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL, flags);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CHC_TYPE_TCM_SITE_STATE, CHC_TCM_STATE_NONE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_tcm_site_event_init (ChcTcmSiteEvent *self)
{
}

ChcTcmSiteEvent *
chc_tcm_site_event_new (gint64           facility_id,
                        ChcTcmSiteKind   kind,
                        const char      *date,
                        ChcTcmSiteState  state)
{
  return g_object_new (CHC_TYPE_TCM_SITE_EVENT,
                       "facility-id", facility_id,
                       "kind", kind,
                       "date", date,
                       "state", state,
                       NULL);
}

gint64
chc_tcm_site_event_get_facility_id (ChcTcmSiteEvent *self)
{
  g_return_val_if_fail (CHC_IS_TCM_SITE_EVENT (self), 0);
  return self->facility_id;
}

ChcTcmSiteKind
chc_tcm_site_event_get_kind (ChcTcmSiteEvent *self)
{
  g_return_val_if_fail (CHC_IS_TCM_SITE_EVENT (self), CHC_TCM_SITE_HALL);
  return self->kind;
}

const char *
chc_tcm_site_event_get_date (ChcTcmSiteEvent *self)
{
  g_return_val_if_fail (CHC_IS_TCM_SITE_EVENT (self), NULL);
  return self->date;
}

ChcTcmSiteState
chc_tcm_site_event_get_state (ChcTcmSiteEvent *self)
{
  g_return_val_if_fail (CHC_IS_TCM_SITE_EVENT (self), CHC_TCM_STATE_NONE);
  return self->state;
}
