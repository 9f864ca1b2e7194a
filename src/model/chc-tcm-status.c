/* chc-tcm-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "model/chc-util.h"
#include "chc-tcm-status.h"

struct _ChcTcmStatus
{
  GObject           parent_instance;
  ChcFacility      *facility;
  int               year;
  ChcTcmSiteState   site_state;
  char             *site_date;
  GStrv             clinic_names;
  char             *specialty_clinics;
  ChcTcmDemoStatus  demo_status;
  int               demo_year;
  gint64            tcm_visits;
  gint64            all_visits;
  gint64            trained;
};

enum {
  PROP_0,
  PROP_FACILITY,
  PROP_YEAR,
  PROP_SITE_KIND,
  PROP_SITE_STATE,
  PROP_SITE_DATE,
  PROP_CLINIC_NAMES,
  PROP_N_CLINICS,
  PROP_SPECIALTY_CLINICS,
  PROP_DEMO_STATUS,
  PROP_DEMO_YEAR,
  PROP_TCM_VISITS,
  PROP_ALL_VISITS,
  PROP_TCM_SHARE,
  PROP_TRAINED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcTcmStatus, chc_tcm_status, G_TYPE_OBJECT)

static void
chc_tcm_status_dispose (GObject *object)
{
  ChcTcmStatus *self = (ChcTcmStatus *) object;

  g_clear_object (&self->facility);
  G_OBJECT_CLASS (chc_tcm_status_parent_class)->dispose (object);
}

static void
chc_tcm_status_finalize (GObject *object)
{
  ChcTcmStatus *self = (ChcTcmStatus *) object;

  g_clear_pointer (&self->site_date, g_free);
  g_clear_pointer (&self->clinic_names, g_strfreev);
  g_clear_pointer (&self->specialty_clinics, g_free);
  G_OBJECT_CLASS (chc_tcm_status_parent_class)->finalize (object);
}

static void
chc_tcm_status_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ChcTcmStatus *self = CHC_TCM_STATUS (object);

  switch (prop_id)
    {
    case PROP_FACILITY:
      g_value_set_object (value, self->facility);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_SITE_KIND:
      g_value_set_enum (value, chc_tcm_status_get_site_kind (self));
      break;
    case PROP_SITE_STATE:
      g_value_set_enum (value, self->site_state);
      break;
    case PROP_SITE_DATE:
      g_value_set_string (value, self->site_date);
      break;
    case PROP_CLINIC_NAMES:
      g_value_set_boxed (value, self->clinic_names);
      break;
    case PROP_N_CLINICS:
      g_value_set_uint (value, chc_tcm_status_get_n_clinics (self));
      break;
    case PROP_SPECIALTY_CLINICS:
      g_value_set_string (value, chc_tcm_status_get_specialty_clinics (self));
      break;
    case PROP_DEMO_STATUS:
      g_value_set_enum (value, self->demo_status);
      break;
    case PROP_DEMO_YEAR:
      g_value_set_int (value, self->demo_year);
      break;
    case PROP_TCM_VISITS:
      g_value_set_int64 (value, self->tcm_visits);
      break;
    case PROP_ALL_VISITS:
      g_value_set_int64 (value, self->all_visits);
      break;
    case PROP_TCM_SHARE:
      g_value_set_double (value, chc_tcm_status_get_tcm_share (self));
      break;
    case PROP_TRAINED:
      g_value_set_int64 (value, self->trained);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_tcm_status_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ChcTcmStatus *self = CHC_TCM_STATUS (object);

  switch (prop_id)
    {
    case PROP_FACILITY:
      self->facility = g_value_dup_object (value);
      break;
    case PROP_YEAR:
      self->year = g_value_get_int (value);
      break;
    case PROP_SITE_STATE:
      chc_tcm_status_set_site_state (self, g_value_get_enum (value));
      break;
    case PROP_SITE_DATE:
      chc_tcm_status_set_site_date (self, g_value_get_string (value));
      break;
    case PROP_CLINIC_NAMES:
      chc_tcm_status_set_clinic_names (self, g_value_get_boxed (value));
      break;
    case PROP_DEMO_STATUS:
      chc_tcm_status_set_demo_status (self, g_value_get_enum (value));
      break;
    case PROP_DEMO_YEAR:
      chc_tcm_status_set_demo_year (self, g_value_get_int (value));
      break;
    case PROP_TCM_VISITS:
      chc_tcm_status_set_tcm_visits (self, g_value_get_int64 (value));
      break;
    case PROP_ALL_VISITS:
      chc_tcm_status_set_all_visits (self, g_value_get_int64 (value));
      break;
    case PROP_TRAINED:
      chc_tcm_status_set_trained (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_tcm_status_class_init (ChcTcmStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = chc_tcm_status_dispose;
  object_class->finalize = chc_tcm_status_finalize;
  object_class->get_property = chc_tcm_status_get_property;
  object_class->set_property = chc_tcm_status_set_property;

  properties[PROP_FACILITY] =
    g_param_spec_object ("facility", NULL, NULL, CHC_TYPE_FACILITY, co);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0, co);
  properties[PROP_SITE_KIND] =
    g_param_spec_enum ("site-kind", NULL, NULL, CHC_TYPE_TCM_SITE_KIND, CHC_TCM_SITE_HALL, ro);
  properties[PROP_SITE_STATE] =
    g_param_spec_enum ("site-state", NULL, NULL, CHC_TYPE_TCM_SITE_STATE, CHC_TCM_STATE_NONE, rw);
  properties[PROP_SITE_DATE] =
    g_param_spec_string ("site-date", NULL, NULL, NULL, rw);
  properties[PROP_CLINIC_NAMES] =
    g_param_spec_boxed ("clinic-names", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_N_CLINICS] =
    g_param_spec_uint ("n-clinics", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_SPECIALTY_CLINICS] =
    g_param_spec_string ("specialty-clinics", NULL, NULL, "", ro);
  properties[PROP_DEMO_STATUS] =
    g_param_spec_enum ("demo-status", NULL, NULL, CHC_TYPE_TCM_DEMO_STATUS, CHC_TCM_DEMO_NONE, rw);
  properties[PROP_DEMO_YEAR] =
    g_param_spec_int ("demo-year", NULL, NULL, 0, G_MAXINT, 0, rw);
  properties[PROP_TCM_VISITS] =
    g_param_spec_int64 ("tcm-visits", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_ALL_VISITS] =
    g_param_spec_int64 ("all-visits", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_TCM_SHARE] =
    g_param_spec_double ("tcm-share", NULL, NULL, -1, 100, -1, ro);
  properties[PROP_TRAINED] =
    g_param_spec_int64 ("trained", NULL, NULL, 0, G_MAXINT64, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_tcm_status_init (ChcTcmStatus *self)
{
}

ChcTcmStatus *
chc_tcm_status_new (ChcFacility *facility,
                    int          year)
{
  g_return_val_if_fail (CHC_IS_FACILITY (facility), NULL);

  return g_object_new (CHC_TYPE_TCM_STATUS,
                       "facility", facility,
                       "year", year,
                       NULL);
}

/**
 * chc_tcm_status_assign:
 * @self: a status
 * @other: the status to copy
 *
 * Makes @self a copy of @other, facility and year included, notifying each
 * property that changed.  List models reuse their items this way when the
 * list is replaced (another district or year), so that a list view rebinds
 * its rows instead of building new ones.
 */
void
chc_tcm_status_assign (ChcTcmStatus *self,
                       ChcTcmStatus *other)
{
  g_return_if_fail (CHC_IS_TCM_STATUS (self));
  g_return_if_fail (CHC_IS_TCM_STATUS (other));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->facility != other->facility)
    {
      ChcTcmSiteKind kind = chc_tcm_status_get_site_kind (self);

      g_set_object (&self->facility, other->facility);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACILITY]);
      if (kind != chc_tcm_status_get_site_kind (self))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE_KIND]);
    }
  if (self->year != other->year)
    {
      self->year = other->year;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
    }
  chc_tcm_status_set_site_state (self, other->site_state);
  chc_tcm_status_set_site_date (self, other->site_date);
  chc_tcm_status_set_clinic_names (self, (const char *const *) other->clinic_names);
  chc_tcm_status_set_demo_status (self, other->demo_status);
  chc_tcm_status_set_demo_year (self, other->demo_year);
  chc_tcm_status_set_tcm_visits (self, other->tcm_visits);
  chc_tcm_status_set_all_visits (self, other->all_visits);
  chc_tcm_status_set_trained (self, other->trained);
  g_object_thaw_notify (G_OBJECT (self));
}

ChcFacility *
chc_tcm_status_get_facility (ChcTcmStatus *self)
{
  g_return_val_if_fail (CHC_IS_TCM_STATUS (self), NULL);
  return self->facility;
}

int
chc_tcm_status_get_year (ChcTcmStatus *self)
{
  g_return_val_if_fail (CHC_IS_TCM_STATUS (self), 0);
  return self->year;
}

ChcTcmSiteKind
chc_tcm_status_get_site_kind (ChcTcmStatus *self)
{
  g_return_val_if_fail (CHC_IS_TCM_STATUS (self), CHC_TCM_SITE_HALL);

  if (self->facility == NULL)
    return CHC_TCM_SITE_HALL;
  return chc_tcm_site_kind_for_facility_type (chc_facility_get_facility_type (self->facility));
}

ChcTcmSiteState
chc_tcm_status_get_site_state (ChcTcmStatus *self)
{
  g_return_val_if_fail (CHC_IS_TCM_STATUS (self), CHC_TCM_STATE_NONE);
  return self->site_state;
}

void
chc_tcm_status_set_site_state (ChcTcmStatus    *self,
                               ChcTcmSiteState  state)
{
  g_return_if_fail (CHC_IS_TCM_STATUS (self));

  if (self->site_state == state)
    return;
  self->site_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE_STATE]);
}

const char *
chc_tcm_status_get_site_date (ChcTcmStatus *self)
{
  g_return_val_if_fail (CHC_IS_TCM_STATUS (self), NULL);
  return self->site_date;
}

void
chc_tcm_status_set_site_date (ChcTcmStatus *self,
                              const char   *date)
{
  g_return_if_fail (CHC_IS_TCM_STATUS (self));

  if (chc_set_str (&self->site_date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE_DATE]);
}

const char *const *
chc_tcm_status_get_clinic_names (ChcTcmStatus *self)
{
  static const char *const empty[] = { NULL };

  g_return_val_if_fail (CHC_IS_TCM_STATUS (self), empty);
  return self->clinic_names != NULL ? (const char *const *) self->clinic_names : empty;
}

void
chc_tcm_status_set_clinic_names (ChcTcmStatus      *self,
                                 const char *const *names)
{
  g_return_if_fail (CHC_IS_TCM_STATUS (self));

  if (names != NULL && names[0] == NULL)
    names = NULL;
  if (self->clinic_names == NULL && names == NULL)
    return;
  if (self->clinic_names != NULL && names != NULL &&
      g_strv_equal ((const char *const *) self->clinic_names, names))
    return;

  g_strfreev (self->clinic_names);
  self->clinic_names = g_strdupv ((char **) names);
  g_clear_pointer (&self->specialty_clinics, g_free);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLINIC_NAMES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CLINICS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPECIALTY_CLINICS]);
}

guint
chc_tcm_status_get_n_clinics (ChcTcmStatus *self)
{
  g_return_val_if_fail (CHC_IS_TCM_STATUS (self), 0);
  return self->clinic_names != NULL ? g_strv_length (self->clinic_names) : 0;
}

const char *
chc_tcm_status_get_specialty_clinics (ChcTcmStatus *self)
{
  g_return_val_if_fail (CHC_IS_TCM_STATUS (self), "");

  if (self->specialty_clinics == NULL)
    self->specialty_clinics = self->clinic_names != NULL
                              ? g_strjoinv (";", self->clinic_names)
                              : g_strdup ("");
  return self->specialty_clinics;
}

ChcTcmDemoStatus
chc_tcm_status_get_demo_status (ChcTcmStatus *self)
{
  g_return_val_if_fail (CHC_IS_TCM_STATUS (self), CHC_TCM_DEMO_NONE);
  return self->demo_status;
}

void
chc_tcm_status_set_demo_status (ChcTcmStatus     *self,
                                ChcTcmDemoStatus  status)
{
  g_return_if_fail (CHC_IS_TCM_STATUS (self));

  if (self->demo_status == status)
    return;
  self->demo_status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO_STATUS]);
}

int
chc_tcm_status_get_demo_year (ChcTcmStatus *self)
{
  g_return_val_if_fail (CHC_IS_TCM_STATUS (self), 0);
  return self->demo_year;
}

void
chc_tcm_status_set_demo_year (ChcTcmStatus *self,
                              int           year)
{
  g_return_if_fail (CHC_IS_TCM_STATUS (self));

  if (self->demo_year == year)
    return;
  self->demo_year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO_YEAR]);
}

gint64
chc_tcm_status_get_tcm_visits (ChcTcmStatus *self)
{
  g_return_val_if_fail (CHC_IS_TCM_STATUS (self), 0);
  return self->tcm_visits;
}

void
chc_tcm_status_set_tcm_visits (ChcTcmStatus *self,
                               gint64        visits)
{
  g_return_if_fail (CHC_IS_TCM_STATUS (self));

  if (self->tcm_visits == visits)
    return;
  self->tcm_visits = visits;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TCM_VISITS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TCM_SHARE]);
}

gint64
chc_tcm_status_get_all_visits (ChcTcmStatus *self)
{
  g_return_val_if_fail (CHC_IS_TCM_STATUS (self), 0);
  return self->all_visits;
}

void
chc_tcm_status_set_all_visits (ChcTcmStatus *self,
                               gint64        visits)
{
  g_return_if_fail (CHC_IS_TCM_STATUS (self));

  if (self->all_visits == visits)
    return;
  self->all_visits = visits;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALL_VISITS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TCM_SHARE]);
}

double
chc_tcm_status_get_tcm_share (ChcTcmStatus *self)
{
  g_return_val_if_fail (CHC_IS_TCM_STATUS (self), -1);

  if (self->all_visits <= 0)
    return -1;
  return 100.0 * (double) self->tcm_visits / (double) self->all_visits;
}

gint64
chc_tcm_status_get_trained (ChcTcmStatus *self)
{
  g_return_val_if_fail (CHC_IS_TCM_STATUS (self), 0);
  return self->trained;
}

void
chc_tcm_status_set_trained (ChcTcmStatus *self,
                            gint64        trained)
{
  g_return_if_fail (CHC_IS_TCM_STATUS (self));

  if (self->trained == trained)
    return;
  self->trained = trained;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINED]);
}
