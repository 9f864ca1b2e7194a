/* chc-facility.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "model/chc-util.h"
#include "chc-facility.h"

struct _ChcFacility
{
  GObject            parent_instance;
  gint64 id;
  char *code;
  char *name;
  ChcFacilityType type;
  gint64 district_id;
  char *district_name;
  gint64 town_id;
  char *town_name;
  gint64 parent_id;
  char *parent_name;
  double floor_area;
  gboolean standardized;
  int standardized_year;
  ChcFacilityStatus status;
  char *credit_code;     /* 统一社会信用代码, or NULL */
  char *license_no;      /* 医疗机构执业许可证登记号, or NULL */
  char *opened_on;       /* YYYY-MM-DD, or NULL: in service since before records */
  char *closed_on;       /* YYYY-MM-DD, or NULL: not closed (or closed on a date not known) */
  gboolean code_provisional;   /* the code was the program's, awaiting the real one */
};

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_NAME,
  PROP_FACILITY_TYPE,
  PROP_DISTRICT_ID,
  PROP_DISTRICT_NAME,
  PROP_TOWN_ID,
  PROP_TOWN_NAME,
  PROP_PARENT_ID,
  PROP_PARENT_NAME,
  PROP_FLOOR_AREA,
  PROP_STANDARDIZED,
  PROP_STANDARDIZED_YEAR,
  PROP_STATUS,
  PROP_TYPE_LABEL,
  PROP_STATUS_LABEL,
  PROP_CREDIT_CODE,
  PROP_LICENSE_NO,
  PROP_OPENED_ON,
  PROP_CLOSED_ON,
  PROP_CODE_PROVISIONAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcFacility, chc_facility, G_TYPE_OBJECT)

static void
chc_facility_finalize (GObject *object)
{
  ChcFacility *self = (ChcFacility *) object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->credit_code, g_free);
  g_clear_pointer (&self->license_no, g_free);
  g_clear_pointer (&self->opened_on, g_free);
  g_clear_pointer (&self->closed_on, g_free);
  g_clear_pointer (&self->district_name, g_free);
  g_clear_pointer (&self->town_name, g_free);
  g_clear_pointer (&self->parent_name, g_free);

  G_OBJECT_CLASS (chc_facility_parent_class)->finalize (object);
}

static void
chc_facility_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ChcFacility *self = CHC_FACILITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FACILITY_TYPE:
      g_value_set_enum (value, self->type);
      break;
    case PROP_DISTRICT_ID:
      g_value_set_int64 (value, self->district_id);
      break;
    case PROP_DISTRICT_NAME:
      g_value_set_string (value, self->district_name);
      break;
    case PROP_TOWN_ID:
      g_value_set_int64 (value, self->town_id);
      break;
    case PROP_TOWN_NAME:
      g_value_set_string (value, self->town_name);
      break;
    case PROP_PARENT_ID:
      g_value_set_int64 (value, self->parent_id);
      break;
    case PROP_PARENT_NAME:
      g_value_set_string (value, self->parent_name);
      break;
    case PROP_FLOOR_AREA:
      g_value_set_double (value, self->floor_area);
      break;
    case PROP_STANDARDIZED:
      g_value_set_boolean (value, self->standardized);
      break;
    case PROP_STANDARDIZED_YEAR:
      g_value_set_int (value, self->standardized_year);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_TYPE_LABEL:
      g_value_set_string (value, chc_facility_type_to_label (self->type));
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, chc_facility_status_to_label (self->status));
      break;
    case PROP_CREDIT_CODE:
      g_value_set_string (value, self->credit_code);
      break;
    case PROP_LICENSE_NO:
      g_value_set_string (value, self->license_no);
      break;
    case PROP_OPENED_ON:
      g_value_set_string (value, self->opened_on);
      break;
    case PROP_CLOSED_ON:
      g_value_set_string (value, self->closed_on);
      break;
    case PROP_CODE_PROVISIONAL:
      g_value_set_boolean (value, self->code_provisional);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_facility_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ChcFacility *self = CHC_FACILITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      chc_facility_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_CODE:
      chc_facility_set_code (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      chc_facility_set_name (self, g_value_get_string (value));
      break;
    case PROP_FACILITY_TYPE:
      chc_facility_set_facility_type (self, g_value_get_enum (value));
      break;
    case PROP_DISTRICT_ID:
      chc_facility_set_district_id (self, g_value_get_int64 (value));
      break;
    case PROP_DISTRICT_NAME:
      chc_facility_set_district_name (self, g_value_get_string (value));
      break;
    case PROP_TOWN_ID:
      chc_facility_set_town_id (self, g_value_get_int64 (value));
      break;
    case PROP_TOWN_NAME:
      chc_facility_set_town_name (self, g_value_get_string (value));
      break;
    case PROP_PARENT_ID:
      chc_facility_set_parent_id (self, g_value_get_int64 (value));
      break;
    case PROP_PARENT_NAME:
      chc_facility_set_parent_name (self, g_value_get_string (value));
      break;
    case PROP_FLOOR_AREA:
      chc_facility_set_floor_area (self, g_value_get_double (value));
      break;
    case PROP_STANDARDIZED:
      chc_facility_set_standardized (self, g_value_get_boolean (value));
      break;
    case PROP_STANDARDIZED_YEAR:
      chc_facility_set_standardized_year (self, g_value_get_int (value));
      break;
    case PROP_STATUS:
      chc_facility_set_status (self, g_value_get_enum (value));
      break;
    case PROP_CREDIT_CODE:
      chc_facility_set_credit_code (self, g_value_get_string (value));
      break;
    case PROP_LICENSE_NO:
      chc_facility_set_license_no (self, g_value_get_string (value));
      break;
    case PROP_OPENED_ON:
      chc_facility_set_opened_on (self, g_value_get_string (value));
      break;
    case PROP_CLOSED_ON:
      chc_facility_set_closed_on (self, g_value_get_string (value));
      break;
    case PROP_CODE_PROVISIONAL:
      chc_facility_set_code_provisional (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_facility_class_init (ChcFacilityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = chc_facility_finalize;
  object_class->get_property = chc_facility_get_property;
  object_class->set_property = chc_facility_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_FACILITY_TYPE] =
    g_param_spec_enum ("facility-type", NULL, NULL, CHC_TYPE_FACILITY_TYPE, CHC_FACILITY_CENTRE, flags);
  properties[PROP_DISTRICT_ID] =
    g_param_spec_int64 ("district-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DISTRICT_NAME] =
    g_param_spec_string ("district-name", NULL, NULL, NULL, flags);
  properties[PROP_TOWN_ID] =
    g_param_spec_int64 ("town-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TOWN_NAME] =
    g_param_spec_string ("town-name", NULL, NULL, NULL, flags);
  properties[PROP_PARENT_ID] =
    g_param_spec_int64 ("parent-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PARENT_NAME] =
    g_param_spec_string ("parent-name", NULL, NULL, NULL, flags);
  properties[PROP_FLOOR_AREA] =
    g_param_spec_double ("floor-area", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_STANDARDIZED] =
    g_param_spec_boolean ("standardized", NULL, NULL, FALSE, flags);
  properties[PROP_STANDARDIZED_YEAR] =
    g_param_spec_int ("standardized-year", NULL, NULL, 0, 9999, 0, flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CHC_TYPE_FACILITY_STATUS, CHC_FACILITY_OPERATING, flags);
  properties[PROP_TYPE_LABEL] =
    g_param_spec_string ("type-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_LABEL] =
    g_param_spec_string ("status-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREDIT_CODE] =
    g_param_spec_string ("credit-code", NULL, NULL, NULL, flags);
  properties[PROP_LICENSE_NO] =
    g_param_spec_string ("license-no", NULL, NULL, NULL, flags);
  properties[PROP_OPENED_ON] =
    g_param_spec_string ("opened-on", NULL, NULL, NULL, flags);
  properties[PROP_CLOSED_ON] =
    g_param_spec_string ("closed-on", NULL, NULL, NULL, flags);
  properties[PROP_CODE_PROVISIONAL] =
    g_param_spec_boolean ("code-provisional", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_facility_init (ChcFacility *self)
{
  self->type = CHC_FACILITY_CENTRE;
  self->status = CHC_FACILITY_OPERATING;
}

ChcFacility *
chc_facility_new (void)
{
  return g_object_new (CHC_TYPE_FACILITY, NULL);
}

/* A detached copy, for editors: edit the copy, validate, then save it. */
ChcFacility *
chc_facility_copy (ChcFacility *self)
{
  ChcFacility *copy;

  g_return_val_if_fail (CHC_IS_FACILITY (self), NULL);

  copy = chc_facility_new ();
  chc_facility_set_id (copy, self->id);
  chc_facility_set_code (copy, self->code);
  chc_facility_set_name (copy, self->name);
  chc_facility_set_facility_type (copy, self->type);
  chc_facility_set_district_id (copy, self->district_id);
  chc_facility_set_district_name (copy, self->district_name);
  chc_facility_set_town_id (copy, self->town_id);
  chc_facility_set_town_name (copy, self->town_name);
  chc_facility_set_parent_id (copy, self->parent_id);
  chc_facility_set_parent_name (copy, self->parent_name);
  chc_facility_set_floor_area (copy, self->floor_area);
  chc_facility_set_standardized (copy, self->standardized);
  chc_facility_set_standardized_year (copy, self->standardized_year);
  chc_facility_set_status (copy, self->status);
  chc_facility_set_credit_code (copy, self->credit_code);
  chc_facility_set_license_no (copy, self->license_no);
  chc_facility_set_opened_on (copy, self->opened_on);
  chc_facility_set_closed_on (copy, self->closed_on);
  chc_facility_set_code_provisional (copy, self->code_provisional);
  return copy;
}

gboolean
chc_facility_equal (ChcFacility *a,
                    ChcFacility *b)
{
  g_return_val_if_fail (CHC_IS_FACILITY (a), FALSE);
  g_return_val_if_fail (CHC_IS_FACILITY (b), FALSE);

  return a->id == b->id &&
         g_strcmp0 (a->code, b->code) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         a->type == b->type &&
         a->district_id == b->district_id &&
         g_strcmp0 (a->district_name, b->district_name) == 0 &&
         a->town_id == b->town_id &&
         g_strcmp0 (a->town_name, b->town_name) == 0 &&
         a->parent_id == b->parent_id &&
         g_strcmp0 (a->parent_name, b->parent_name) == 0 &&
         a->floor_area == b->floor_area &&
         a->standardized == b->standardized &&
         a->standardized_year == b->standardized_year &&
         a->status == b->status &&
         g_strcmp0 (a->credit_code, b->credit_code) == 0 &&
         g_strcmp0 (a->license_no, b->license_no) == 0 &&
         g_strcmp0 (a->opened_on, b->opened_on) == 0 &&
         g_strcmp0 (a->closed_on, b->closed_on) == 0 &&
         a->code_provisional == b->code_provisional;
}

gint64 
chc_facility_get_id (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), 0);
  return self->id;
}

void
chc_facility_set_id (ChcFacility *self,
                     gint64 value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
chc_facility_get_code (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), NULL);
  return self->code;
}

void
chc_facility_set_code (ChcFacility *self,
                       const char *value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (!chc_set_str (&self->code, value))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

const char *
chc_facility_get_name (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), NULL);
  return self->name;
}

void
chc_facility_set_name (ChcFacility *self,
                       const char *value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (!chc_set_str (&self->name, value))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

ChcFacilityType 
chc_facility_get_facility_type (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), 0);
  return self->type;
}

void
chc_facility_set_facility_type (ChcFacility *self,
                                ChcFacilityType value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (self->type == value)
    return;
  self->type = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACILITY_TYPE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPE_LABEL]);
}

gint64 
chc_facility_get_district_id (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), 0);
  return self->district_id;
}

void
chc_facility_set_district_id (ChcFacility *self,
                              gint64 value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (self->district_id == value)
    return;
  self->district_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT_ID]);
}

const char *
chc_facility_get_district_name (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), NULL);
  return self->district_name;
}

void
chc_facility_set_district_name (ChcFacility *self,
                                const char *value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (!chc_set_str (&self->district_name, value))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT_NAME]);
}

gint64 
chc_facility_get_town_id (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), 0);
  return self->town_id;
}

void
chc_facility_set_town_id (ChcFacility *self,
                          gint64 value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (self->town_id == value)
    return;
  self->town_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOWN_ID]);
}

const char *
chc_facility_get_town_name (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), NULL);
  return self->town_name;
}

void
chc_facility_set_town_name (ChcFacility *self,
                            const char *value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (!chc_set_str (&self->town_name, value))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOWN_NAME]);
}

gint64 
chc_facility_get_parent_id (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), 0);
  return self->parent_id;
}

void
chc_facility_set_parent_id (ChcFacility *self,
                            gint64 value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (self->parent_id == value)
    return;
  self->parent_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT_ID]);
}

const char *
chc_facility_get_parent_name (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), NULL);
  return self->parent_name;
}

void
chc_facility_set_parent_name (ChcFacility *self,
                              const char *value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (!chc_set_str (&self->parent_name, value))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT_NAME]);
}

double 
chc_facility_get_floor_area (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), 0);
  return self->floor_area;
}

void
chc_facility_set_floor_area (ChcFacility *self,
                             double value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (self->floor_area == value)
    return;
  self->floor_area = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOOR_AREA]);
}

gboolean 
chc_facility_get_standardized (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), 0);
  return self->standardized;
}

void
chc_facility_set_standardized (ChcFacility *self,
                               gboolean value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (self->standardized == value)
    return;
  self->standardized = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STANDARDIZED]);
}

int 
chc_facility_get_standardized_year (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), 0);
  return self->standardized_year;
}

void
chc_facility_set_standardized_year (ChcFacility *self,
                                    int value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (self->standardized_year == value)
    return;
  self->standardized_year = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STANDARDIZED_YEAR]);
}

ChcFacilityStatus 
chc_facility_get_status (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), 0);
  return self->status;
}

void
chc_facility_set_status (ChcFacility *self,
                         ChcFacilityStatus value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (self->status == value)
    return;
  self->status = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_LABEL]);
}

/* An empty text is stored as NULL: both fields are optional. */
static gboolean
set_optional_str (char       **field,
                  const char  *value)
{
  return chc_set_str (field, value != NULL && *value != '\0' ? value : NULL);
}

const char *
chc_facility_get_credit_code (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), NULL);
  return self->credit_code;
}

void
chc_facility_set_credit_code (ChcFacility *self,
                              const char  *value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (!set_optional_str (&self->credit_code, value))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDIT_CODE]);
}

const char *
chc_facility_get_license_no (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), NULL);
  return self->license_no;
}

void
chc_facility_set_license_no (ChcFacility *self,
                             const char  *value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (!set_optional_str (&self->license_no, value))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LICENSE_NO]);
}

const char *
chc_facility_get_opened_on (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), NULL);
  return self->opened_on;
}

void
chc_facility_set_opened_on (ChcFacility *self,
                            const char  *value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (!set_optional_str (&self->opened_on, value))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENED_ON]);
}

const char *
chc_facility_get_closed_on (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), NULL);
  return self->closed_on;
}

void
chc_facility_set_closed_on (ChcFacility *self,
                            const char  *value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  if (!set_optional_str (&self->closed_on, value))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED_ON]);
}

gboolean
chc_facility_get_code_provisional (ChcFacility *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), FALSE);
  return self->code_provisional;
}

void
chc_facility_set_code_provisional (ChcFacility *self,
                                   gboolean     value)
{
  g_return_if_fail (CHC_IS_FACILITY (self));

  value = !!value;
  if (self->code_provisional == value)
    return;
  self->code_provisional = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE_PROVISIONAL]);
}

/* In the registry at the end of the day @date (YYYY-MM-DD): opened by then
 * (or since before records) and not closed by then.  A planned facility
 * never opened, and a closed one whose date is not known, is not. */
gboolean
chc_facility_in_service_on (ChcFacility *self,
                            const char  *date)
{
  g_return_val_if_fail (CHC_IS_FACILITY (self), FALSE);

  return chc_facility_dates_in_service (self->status, self->opened_on, self->closed_on, date);
}

gboolean
chc_facility_dates_in_service (ChcFacilityStatus  status,
                               const char        *opened_on,
                               const char        *closed_on,
                               const char        *date)
{
  if (opened_on != NULL && g_strcmp0 (opened_on, date) > 0)
    return FALSE;
  if (closed_on != NULL)
    return g_strcmp0 (closed_on, date) > 0;
  if (status == CHC_FACILITY_CLOSED)
    return FALSE;
  if (status == CHC_FACILITY_PLANNED)
    return opened_on != NULL;
  return TRUE;
}
