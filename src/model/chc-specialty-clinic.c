/* chc-specialty-clinic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "model/chc-util.h"
#include "chc-specialty-clinic.h"

struct _ChcSpecialtyClinic
{
  GObject  parent_instance;
  gint64   id;
  gint64   facility_id;
  char    *name;
  char    *opened;
  char    *closed;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_FACILITY_ID,
  PROP_NAME,
  PROP_OPENED,
  PROP_CLOSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcSpecialtyClinic, chc_specialty_clinic, G_TYPE_OBJECT)

static void
chc_specialty_clinic_finalize (GObject *object)
{
  ChcSpecialtyClinic *self = (ChcSpecialtyClinic *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->opened, g_free);
  g_clear_pointer (&self->closed, g_free);
  G_OBJECT_CLASS (chc_specialty_clinic_parent_class)->finalize (object);
}

static void
chc_specialty_clinic_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ChcSpecialtyClinic *self = CHC_SPECIALTY_CLINIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_FACILITY_ID:
      g_value_set_int64 (value, self->facility_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_OPENED:
      g_value_set_string (value, self->opened);
      break;
    case PROP_CLOSED:
      g_value_set_string (value, self->closed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_specialty_clinic_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ChcSpecialtyClinic *self = CHC_SPECIALTY_CLINIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      chc_specialty_clinic_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_FACILITY_ID:
      chc_specialty_clinic_set_facility_id (self, g_value_get_int64 (value));
      break;
    case PROP_NAME:
      chc_specialty_clinic_set_name (self, g_value_get_string (value));
      break;
    case PROP_OPENED:
      chc_specialty_clinic_set_opened (self, g_value_get_string (value));
      break;
    case PROP_CLOSED:
      chc_specialty_clinic_set_closed (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_specialty_clinic_class_init (ChcSpecialtyClinicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = chc_specialty_clinic_finalize;
  object_class->get_property = chc_specialty_clinic_get_property;
  object_class->set_property = chc_specialty_clinic_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_FACILITY_ID] = g_param_spec_int64 ("facility-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_OPENED] = g_param_spec_string ("opened", NULL, NULL, NULL, flags);
  properties[PROP_CLOSED] = g_param_spec_string ("closed", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_specialty_clinic_init (ChcSpecialtyClinic *self)
{
}

ChcSpecialtyClinic *
chc_specialty_clinic_new (gint64      id,
                          gint64      facility_id,
                          const char *name,
                          const char *opened,
                          const char *closed)
{
  return g_object_new (CHC_TYPE_SPECIALTY_CLINIC,
                       "id", id,
                       "facility-id", facility_id,
                       "name", name,
                       "opened", opened,
                       "closed", closed,
                       NULL);
}

ChcSpecialtyClinic *
chc_specialty_clinic_copy (ChcSpecialtyClinic *self)
{
  g_return_val_if_fail (CHC_IS_SPECIALTY_CLINIC (self), NULL);

  return chc_specialty_clinic_new (self->id, self->facility_id, self->name,
                                   self->opened, self->closed);
}

gint64
chc_specialty_clinic_get_id (ChcSpecialtyClinic *self)
{
  g_return_val_if_fail (CHC_IS_SPECIALTY_CLINIC (self), 0);
  return self->id;
}

void
chc_specialty_clinic_set_id (ChcSpecialtyClinic *self,
                             gint64              id)
{
  g_return_if_fail (CHC_IS_SPECIALTY_CLINIC (self));

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
chc_specialty_clinic_get_facility_id (ChcSpecialtyClinic *self)
{
  g_return_val_if_fail (CHC_IS_SPECIALTY_CLINIC (self), 0);
  return self->facility_id;
}

void
chc_specialty_clinic_set_facility_id (ChcSpecialtyClinic *self,
                                      gint64              facility_id)
{
  g_return_if_fail (CHC_IS_SPECIALTY_CLINIC (self));

  if (self->facility_id == facility_id)
    return;
  self->facility_id = facility_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACILITY_ID]);
}

const char *
chc_specialty_clinic_get_name (ChcSpecialtyClinic *self)
{
  g_return_val_if_fail (CHC_IS_SPECIALTY_CLINIC (self), NULL);
  return self->name;
}

void
chc_specialty_clinic_set_name (ChcSpecialtyClinic *self,
                               const char         *name)
{
  g_return_if_fail (CHC_IS_SPECIALTY_CLINIC (self));

  if (chc_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
chc_specialty_clinic_get_opened (ChcSpecialtyClinic *self)
{
  g_return_val_if_fail (CHC_IS_SPECIALTY_CLINIC (self), NULL);
  return self->opened;
}

void
chc_specialty_clinic_set_opened (ChcSpecialtyClinic *self,
                                 const char         *opened)
{
  g_return_if_fail (CHC_IS_SPECIALTY_CLINIC (self));

  if (chc_set_str (&self->opened, opened))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENED]);
}

const char *
chc_specialty_clinic_get_closed (ChcSpecialtyClinic *self)
{
  g_return_val_if_fail (CHC_IS_SPECIALTY_CLINIC (self), NULL);
  return self->closed;
}

void
chc_specialty_clinic_set_closed (ChcSpecialtyClinic *self,
                                 const char         *closed)
{
  g_return_if_fail (CHC_IS_SPECIALTY_CLINIC (self));

  if (chc_set_str (&self->closed, closed))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED]);
}
