/* chc-signing-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "model/chc-util.h"
#include "chc-signing-record.h"

struct _ChcSigningRecord
{
  GObject            parent_instance;

  gint64             facility_id;
  char              *facility_code;
  char              *facility_name;
  ChcFacilityType    facility_type;
  gint64             town_id;
  char              *period;
  gboolean           saved;
  ChcSigningFigures  figures;
};

enum {
  PROP_0,
  PROP_FACILITY_ID,
  PROP_FACILITY_CODE,
  PROP_FACILITY_NAME,
  PROP_FACILITY_TYPE,
  PROP_TOWN_ID,
  PROP_PERIOD,
  PROP_SAVED,
  /* the figures, in the order of ChcSigningFigure */
  PROP_RESIDENT_POPULATION,
  PROP_SIGNED_RESIDENTS,
  PROP_KEY_POPULATION,
  PROP_KEY_POPULATION_SIGNED,
  PROP_ONLINE_SIGNED,
  PROP_SIGNED_VISITS_TOTAL,
  PROP_SIGNED_VISITS_IN_COMMUNITY,
  /* the rates, in the order of ChcSigningRate */
  PROP_COVERAGE,
  PROP_KEY_COVERAGE,
  PROP_ONLINE_SHARE,
  PROP_COMPLIANCE,
  N_PROPS
};

#define FIRST_FIGURE_PROP PROP_RESIDENT_POPULATION
#define FIRST_RATE_PROP   PROP_COVERAGE

G_STATIC_ASSERT (PROP_COVERAGE - FIRST_FIGURE_PROP == CHC_SIGNING_N_FIGURES);
G_STATIC_ASSERT (N_PROPS - FIRST_RATE_PROP == CHC_SIGNING_N_RATES);

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcSigningRecord, chc_signing_record, G_TYPE_OBJECT)

static const struct {
  ChcSigningFigure  numerator;
  ChcSigningFigure  denominator;
} rate_figures[CHC_SIGNING_N_RATES] = {
  { CHC_SIGNING_SIGNED_RESIDENTS, CHC_SIGNING_RESIDENT_POPULATION },          /* coverage */
  { CHC_SIGNING_KEY_POPULATION_SIGNED, CHC_SIGNING_KEY_POPULATION },          /* key_coverage */
  { CHC_SIGNING_ONLINE_SIGNED, CHC_SIGNING_SIGNED_RESIDENTS },                /* online_share */
  { CHC_SIGNING_SIGNED_VISITS_IN_COMMUNITY, CHC_SIGNING_SIGNED_VISITS_TOTAL }, /* compliance */
};

static void
compute_rates (const ChcSigningFigures *figures,
               double                   rates[CHC_SIGNING_N_RATES])
{
  for (int r = 0; r < CHC_SIGNING_N_RATES; r++)
    chc_signing_figures_rate (figures, r, &rates[r]);
}

/* Notifies the figures that differ between @before and the current ones,
 * then the rates that changed with them. */
static void
notify_changes (ChcSigningRecord        *self,
                const ChcSigningFigures *before)
{
  double old_rates[CHC_SIGNING_N_RATES];
  double new_rates[CHC_SIGNING_N_RATES];

  compute_rates (before, old_rates);
  compute_rates (&self->figures, new_rates);

  g_object_freeze_notify (G_OBJECT (self));
  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    if (before->value[f] != self->figures.value[f])
      g_object_notify_by_pspec (G_OBJECT (self), properties[FIRST_FIGURE_PROP + f]);
  for (int r = 0; r < CHC_SIGNING_N_RATES; r++)
    if (old_rates[r] != new_rates[r])
      g_object_notify_by_pspec (G_OBJECT (self), properties[FIRST_RATE_PROP + r]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
chc_signing_record_finalize (GObject *object)
{
  ChcSigningRecord *self = (ChcSigningRecord *) object;

  g_clear_pointer (&self->facility_code, g_free);
  g_clear_pointer (&self->facility_name, g_free);
  g_clear_pointer (&self->period, g_free);

  G_OBJECT_CLASS (chc_signing_record_parent_class)->finalize (object);
}

static void
chc_signing_record_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ChcSigningRecord *self = CHC_SIGNING_RECORD (object);

  if (prop_id >= FIRST_FIGURE_PROP && prop_id < FIRST_RATE_PROP)
    {
      g_value_set_int64 (value, self->figures.value[prop_id - FIRST_FIGURE_PROP]);
      return;
    }
  if (prop_id >= FIRST_RATE_PROP && prop_id < N_PROPS)
    {
      g_value_set_double (value, chc_signing_record_get_rate (self, prop_id - FIRST_RATE_PROP));
      return;
    }

  switch (prop_id)
    {
    case PROP_FACILITY_ID:
      g_value_set_int64 (value, self->facility_id);
      break;
    case PROP_FACILITY_CODE:
      g_value_set_string (value, self->facility_code);
      break;
    case PROP_FACILITY_NAME:
      g_value_set_string (value, self->facility_name);
      break;
    case PROP_FACILITY_TYPE:
      g_value_set_enum (value, self->facility_type);
      break;
    case PROP_TOWN_ID:
      g_value_set_int64 (value, self->town_id);
      break;
    case PROP_PERIOD:
      g_value_set_string (value, self->period);
      break;
    case PROP_SAVED:
      g_value_set_boolean (value, self->saved);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_signing_record_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ChcSigningRecord *self = CHC_SIGNING_RECORD (object);

  if (prop_id >= FIRST_FIGURE_PROP && prop_id < FIRST_RATE_PROP)
    {
      chc_signing_record_set_figure (self, prop_id - FIRST_FIGURE_PROP,
                                     g_value_get_int64 (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_FACILITY_ID:
      chc_signing_record_set_facility_id (self, g_value_get_int64 (value));
      break;
    case PROP_FACILITY_CODE:
      chc_signing_record_set_facility_code (self, g_value_get_string (value));
      break;
    case PROP_FACILITY_NAME:
      chc_signing_record_set_facility_name (self, g_value_get_string (value));
      break;
    case PROP_FACILITY_TYPE:
      chc_signing_record_set_facility_type (self, g_value_get_enum (value));
      break;
    case PROP_TOWN_ID:
      chc_signing_record_set_town_id (self, g_value_get_int64 (value));
      break;
    case PROP_PERIOD:
      chc_signing_record_set_period (self, g_value_get_string (value));
      break;
    case PROP_SAVED:
      chc_signing_record_set_saved (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_signing_record_class_init (ChcSigningRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro_flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  static const char *const figure_names[CHC_SIGNING_N_FIGURES] = {
    "resident-population", "signed-residents", "key-population",
    "key-population-signed", "online-signed", "signed-visits-total",
    "signed-visits-in-community",
  };
  static const char *const rate_names[CHC_SIGNING_N_RATES] = {
    "coverage", "key-coverage", "online-share", "compliance",
  };

  object_class->finalize = chc_signing_record_finalize;
  object_class->get_property = chc_signing_record_get_property;
  object_class->set_property = chc_signing_record_set_property;

  properties[PROP_FACILITY_ID] =
    g_param_spec_int64 ("facility-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_FACILITY_CODE] =
    g_param_spec_string ("facility-code", NULL, NULL, NULL, flags);
  properties[PROP_FACILITY_NAME] =
    g_param_spec_string ("facility-name", NULL, NULL, NULL, flags);
  properties[PROP_FACILITY_TYPE] =
    g_param_spec_enum ("facility-type", NULL, NULL, CHC_TYPE_FACILITY_TYPE, CHC_FACILITY_CENTRE, flags);
  properties[PROP_TOWN_ID] =
    g_param_spec_int64 ("town-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PERIOD] =
    g_param_spec_string ("period", NULL, NULL, NULL, flags);
  properties[PROP_SAVED] =
    g_param_spec_boolean ("saved", NULL, NULL, FALSE, flags);

  /* Figures may hold a negative number so that the rules can name it. */
  for (int f = 0; f < CHC_SIGNING_N_FIGURES; f++)
    properties[FIRST_FIGURE_PROP + f] =
      g_param_spec_int64 (figure_names[f], NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  /* Rates: a fraction, or -1 when the denominator is 0. */
  for (int r = 0; r < CHC_SIGNING_N_RATES; r++)
    properties[FIRST_RATE_PROP + r] =
      g_param_spec_double (rate_names[r], NULL, NULL, -1, G_MAXDOUBLE, -1, ro_flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_signing_record_init (ChcSigningRecord *self)
{
  self->facility_type = CHC_FACILITY_CENTRE;
}

ChcSigningRecord *
chc_signing_record_new (void)
{
  return g_object_new (CHC_TYPE_SIGNING_RECORD, NULL);
}

/* A detached copy, for editors. */
ChcSigningRecord *
chc_signing_record_copy (ChcSigningRecord *self)
{
  ChcSigningRecord *copy;

  g_return_val_if_fail (CHC_IS_SIGNING_RECORD (self), NULL);

  copy = chc_signing_record_new ();
  copy->facility_id = self->facility_id;
  copy->facility_code = g_strdup (self->facility_code);
  copy->facility_name = g_strdup (self->facility_name);
  copy->facility_type = self->facility_type;
  copy->town_id = self->town_id;
  copy->period = g_strdup (self->period);
  copy->saved = self->saved;
  copy->figures = self->figures;
  return copy;
}

gint64
chc_signing_record_get_facility_id (ChcSigningRecord *self)
{
  g_return_val_if_fail (CHC_IS_SIGNING_RECORD (self), 0);
  return self->facility_id;
}

void
chc_signing_record_set_facility_id (ChcSigningRecord *self,
                                    gint64            facility_id)
{
  g_return_if_fail (CHC_IS_SIGNING_RECORD (self));

  if (self->facility_id == facility_id)
    return;
  self->facility_id = facility_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACILITY_ID]);
}

const char *
chc_signing_record_get_facility_code (ChcSigningRecord *self)
{
  g_return_val_if_fail (CHC_IS_SIGNING_RECORD (self), NULL);
  return self->facility_code;
}

void
chc_signing_record_set_facility_code (ChcSigningRecord *self,
                                      const char       *code)
{
  g_return_if_fail (CHC_IS_SIGNING_RECORD (self));

  if (chc_set_str (&self->facility_code, code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACILITY_CODE]);
}

const char *
chc_signing_record_get_facility_name (ChcSigningRecord *self)
{
  g_return_val_if_fail (CHC_IS_SIGNING_RECORD (self), NULL);
  return self->facility_name;
}

void
chc_signing_record_set_facility_name (ChcSigningRecord *self,
                                      const char       *name)
{
  g_return_if_fail (CHC_IS_SIGNING_RECORD (self));

  if (chc_set_str (&self->facility_name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACILITY_NAME]);
}

ChcFacilityType
chc_signing_record_get_facility_type (ChcSigningRecord *self)
{
  g_return_val_if_fail (CHC_IS_SIGNING_RECORD (self), CHC_FACILITY_CENTRE);
  return self->facility_type;
}

void
chc_signing_record_set_facility_type (ChcSigningRecord *self,
                                      ChcFacilityType   type)
{
  g_return_if_fail (CHC_IS_SIGNING_RECORD (self));

  if (self->facility_type == type)
    return;
  self->facility_type = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACILITY_TYPE]);
}

gint64
chc_signing_record_get_town_id (ChcSigningRecord *self)
{
  g_return_val_if_fail (CHC_IS_SIGNING_RECORD (self), 0);
  return self->town_id;
}

void
chc_signing_record_set_town_id (ChcSigningRecord *self,
                                gint64            town_id)
{
  g_return_if_fail (CHC_IS_SIGNING_RECORD (self));

  if (self->town_id == town_id)
    return;
  self->town_id = town_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOWN_ID]);
}

const char *
chc_signing_record_get_period (ChcSigningRecord *self)
{
  g_return_val_if_fail (CHC_IS_SIGNING_RECORD (self), NULL);
  return self->period;
}

void
chc_signing_record_set_period (ChcSigningRecord *self,
                               const char       *period)
{
  g_return_if_fail (CHC_IS_SIGNING_RECORD (self));

  if (chc_set_str (&self->period, period))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
}

gboolean
chc_signing_record_get_saved (ChcSigningRecord *self)
{
  g_return_val_if_fail (CHC_IS_SIGNING_RECORD (self), FALSE);
  return self->saved;
}

void
chc_signing_record_set_saved (ChcSigningRecord *self,
                              gboolean          saved)
{
  g_return_if_fail (CHC_IS_SIGNING_RECORD (self));

  saved = !!saved;
  if (self->saved == saved)
    return;
  self->saved = saved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED]);
}

gint64
chc_signing_record_get_figure (ChcSigningRecord *self,
                               ChcSigningFigure  figure)
{
  g_return_val_if_fail (CHC_IS_SIGNING_RECORD (self), 0);
  g_return_val_if_fail ((guint) figure < CHC_SIGNING_N_FIGURES, 0);

  return self->figures.value[figure];
}

void
chc_signing_record_set_figure (ChcSigningRecord *self,
                               ChcSigningFigure  figure,
                               gint64            value)
{
  ChcSigningFigures before;

  g_return_if_fail (CHC_IS_SIGNING_RECORD (self));
  g_return_if_fail ((guint) figure < CHC_SIGNING_N_FIGURES);

  if (self->figures.value[figure] == value)
    return;
  before = self->figures;
  self->figures.value[figure] = value;
  notify_changes (self, &before);
}

void
chc_signing_record_get_figures (ChcSigningRecord  *self,
                                ChcSigningFigures *figures)
{
  g_return_if_fail (CHC_IS_SIGNING_RECORD (self));
  g_return_if_fail (figures != NULL);

  *figures = self->figures;
}

void
chc_signing_record_set_figures (ChcSigningRecord        *self,
                                const ChcSigningFigures *figures)
{
  ChcSigningFigures before;

  g_return_if_fail (CHC_IS_SIGNING_RECORD (self));
  g_return_if_fail (figures != NULL);

  before = self->figures;
  self->figures = *figures;
  notify_changes (self, &before);
}

gint64
chc_signing_record_get_resident_population (ChcSigningRecord *self)
{
  return chc_signing_record_get_figure (self, CHC_SIGNING_RESIDENT_POPULATION);
}

void
chc_signing_record_set_resident_population (ChcSigningRecord *self,
                                            gint64            value)
{
  chc_signing_record_set_figure (self, CHC_SIGNING_RESIDENT_POPULATION, value);
}

gint64
chc_signing_record_get_signed_residents (ChcSigningRecord *self)
{
  return chc_signing_record_get_figure (self, CHC_SIGNING_SIGNED_RESIDENTS);
}

void
chc_signing_record_set_signed_residents (ChcSigningRecord *self,
                                         gint64            value)
{
  chc_signing_record_set_figure (self, CHC_SIGNING_SIGNED_RESIDENTS, value);
}

gint64
chc_signing_record_get_key_population (ChcSigningRecord *self)
{
  return chc_signing_record_get_figure (self, CHC_SIGNING_KEY_POPULATION);
}

void
chc_signing_record_set_key_population (ChcSigningRecord *self,
                                       gint64            value)
{
  chc_signing_record_set_figure (self, CHC_SIGNING_KEY_POPULATION, value);
}

gint64
chc_signing_record_get_key_population_signed (ChcSigningRecord *self)
{
  return chc_signing_record_get_figure (self, CHC_SIGNING_KEY_POPULATION_SIGNED);
}

void
chc_signing_record_set_key_population_signed (ChcSigningRecord *self,
                                              gint64            value)
{
  chc_signing_record_set_figure (self, CHC_SIGNING_KEY_POPULATION_SIGNED, value);
}

gint64
chc_signing_record_get_online_signed (ChcSigningRecord *self)
{
  return chc_signing_record_get_figure (self, CHC_SIGNING_ONLINE_SIGNED);
}

void
chc_signing_record_set_online_signed (ChcSigningRecord *self,
                                      gint64            value)
{
  chc_signing_record_set_figure (self, CHC_SIGNING_ONLINE_SIGNED, value);
}

gint64
chc_signing_record_get_signed_visits_total (ChcSigningRecord *self)
{
  return chc_signing_record_get_figure (self, CHC_SIGNING_SIGNED_VISITS_TOTAL);
}

void
chc_signing_record_set_signed_visits_total (ChcSigningRecord *self,
                                            gint64            value)
{
  chc_signing_record_set_figure (self, CHC_SIGNING_SIGNED_VISITS_TOTAL, value);
}

gint64
chc_signing_record_get_signed_visits_in_community (ChcSigningRecord *self)
{
  return chc_signing_record_get_figure (self, CHC_SIGNING_SIGNED_VISITS_IN_COMMUNITY);
}

void
chc_signing_record_set_signed_visits_in_community (ChcSigningRecord *self,
                                                   gint64            value)
{
  chc_signing_record_set_figure (self, CHC_SIGNING_SIGNED_VISITS_IN_COMMUNITY, value);
}

double
chc_signing_record_get_rate (ChcSigningRecord *self,
                             ChcSigningRate    rate)
{
  double value;

  g_return_val_if_fail (CHC_IS_SIGNING_RECORD (self), -1);
  g_return_val_if_fail ((guint) rate < CHC_SIGNING_N_RATES, -1);

  chc_signing_figures_rate (&self->figures, rate, &value);
  return value;
}

double
chc_signing_record_get_coverage (ChcSigningRecord *self)
{
  return chc_signing_record_get_rate (self, CHC_SIGNING_COVERAGE);
}

double
chc_signing_record_get_key_coverage (ChcSigningRecord *self)
{
  return chc_signing_record_get_rate (self, CHC_SIGNING_KEY_COVERAGE);
}

double
chc_signing_record_get_online_share (ChcSigningRecord *self)
{
  return chc_signing_record_get_rate (self, CHC_SIGNING_ONLINE_SHARE);
}

double
chc_signing_record_get_compliance (ChcSigningRecord *self)
{
  return chc_signing_record_get_rate (self, CHC_SIGNING_COMPLIANCE);
}

/* ---- rates ------------------------------------------------------------ */

ChcSigningFigure
chc_signing_rate_numerator (ChcSigningRate rate)
{
  g_return_val_if_fail ((guint) rate < CHC_SIGNING_N_RATES, 0);
  return rate_figures[rate].numerator;
}

ChcSigningFigure
chc_signing_rate_denominator (ChcSigningRate rate)
{
  g_return_val_if_fail ((guint) rate < CHC_SIGNING_N_RATES, 0);
  return rate_figures[rate].denominator;
}

gboolean
chc_signing_ratio (gint64  numerator,
                   gint64  denominator,
                   double *rate)
{
  double value = -1;
  gboolean ok = denominator > 0 && numerator >= 0;

  if (ok)
    value = (double) numerator / (double) denominator;
  if (rate != NULL)
    *rate = value;
  return ok;
}

gboolean
chc_signing_figures_rate (const ChcSigningFigures *figures,
                          ChcSigningRate           rate,
                          double                  *value)
{
  g_return_val_if_fail (figures != NULL, FALSE);
  g_return_val_if_fail ((guint) rate < CHC_SIGNING_N_RATES, FALSE);

  return chc_signing_ratio (figures->value[rate_figures[rate].numerator],
                            figures->value[rate_figures[rate].denominator],
                            value);
}
