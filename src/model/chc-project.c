/* chc-project.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <glib/gi18n-lib.h>

#include "model/chc-util.h"
#include "chc-project.h"

struct _ChcProject
{
  GObject            parent_instance;

  gint64             id;
  gint64             facility_id;
  char              *facility_name;
  ChcFacilityType    facility_type;
  ChcFacilityStatus  facility_status;
  gint64             district_id;
  char              *district_name;
  gint64             town_id;
  char              *town_name;
  ChcProjectKind     kind;
  int                plan_year;
  double             budget;
  double             area_before;
  double             area_after;
  char              *units;
  char              *notes;
  ChcMilestone      *milestones[CHC_N_MILESTONES];
};

enum {
  PROP_0,
  PROP_ID,
  PROP_FACILITY_ID,
  PROP_FACILITY_NAME,
  PROP_FACILITY_TYPE,
  PROP_FACILITY_STATUS,
  PROP_DISTRICT_ID,
  PROP_DISTRICT_NAME,
  PROP_TOWN_ID,
  PROP_TOWN_NAME,
  PROP_KIND,
  PROP_PLAN_YEAR,
  PROP_BUDGET,
  PROP_AREA_BEFORE,
  PROP_AREA_AFTER,
  PROP_UNITS,
  PROP_NOTES,
  PROP_KIND_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcProject, chc_project, G_TYPE_OBJECT)

/* Compares two figures where NAN means "unknown". */
static gboolean
same_figure (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static void
chc_project_dispose (GObject *object)
{
  ChcProject *self = (ChcProject *) object;

  for (guint i = 0; i < CHC_N_MILESTONES; i++)
    g_clear_object (&self->milestones[i]);

  G_OBJECT_CLASS (chc_project_parent_class)->dispose (object);
}

static void
chc_project_finalize (GObject *object)
{
  ChcProject *self = (ChcProject *) object;

  g_clear_pointer (&self->facility_name, g_free);
  g_clear_pointer (&self->district_name, g_free);
  g_clear_pointer (&self->town_name, g_free);
  g_clear_pointer (&self->units, g_free);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (chc_project_parent_class)->finalize (object);
}

static void
chc_project_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ChcProject *self = CHC_PROJECT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_FACILITY_ID:
      g_value_set_int64 (value, self->facility_id);
      break;
    case PROP_FACILITY_NAME:
      g_value_set_string (value, self->facility_name);
      break;
    case PROP_FACILITY_TYPE:
      g_value_set_enum (value, self->facility_type);
      break;
    case PROP_FACILITY_STATUS:
      g_value_set_enum (value, self->facility_status);
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
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_PLAN_YEAR:
      g_value_set_int (value, self->plan_year);
      break;
    case PROP_BUDGET:
      g_value_set_double (value, self->budget);
      break;
    case PROP_AREA_BEFORE:
      g_value_set_double (value, self->area_before);
      break;
    case PROP_AREA_AFTER:
      g_value_set_double (value, self->area_after);
      break;
    case PROP_UNITS:
      g_value_set_string (value, self->units);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, chc_project_kind_to_label (self->kind));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_project_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ChcProject *self = CHC_PROJECT (object);

  switch (prop_id)
    {
    case PROP_ID:
      chc_project_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_FACILITY_ID:
      chc_project_set_facility_id (self, g_value_get_int64 (value));
      break;
    case PROP_FACILITY_NAME:
      chc_project_set_facility_name (self, g_value_get_string (value));
      break;
    case PROP_FACILITY_TYPE:
      chc_project_set_facility_type (self, g_value_get_enum (value));
      break;
    case PROP_FACILITY_STATUS:
      chc_project_set_facility_status (self, g_value_get_enum (value));
      break;
    case PROP_DISTRICT_ID:
      chc_project_set_district_id (self, g_value_get_int64 (value));
      break;
    case PROP_DISTRICT_NAME:
      chc_project_set_district_name (self, g_value_get_string (value));
      break;
    case PROP_TOWN_ID:
      chc_project_set_town_id (self, g_value_get_int64 (value));
      break;
    case PROP_TOWN_NAME:
      chc_project_set_town_name (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      chc_project_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_PLAN_YEAR:
      chc_project_set_plan_year (self, g_value_get_int (value));
      break;
    case PROP_BUDGET:
      chc_project_set_budget (self, g_value_get_double (value));
      break;
    case PROP_AREA_BEFORE:
      chc_project_set_area_before (self, g_value_get_double (value));
      break;
    case PROP_AREA_AFTER:
      chc_project_set_area_after (self, g_value_get_double (value));
      break;
    case PROP_UNITS:
      chc_project_set_units (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      chc_project_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_project_class_init (ChcProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = chc_project_dispose;
  object_class->finalize = chc_project_finalize;
  object_class->get_property = chc_project_get_property;
  object_class->set_property = chc_project_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_FACILITY_ID] =
    g_param_spec_int64 ("facility-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_FACILITY_NAME] =
    g_param_spec_string ("facility-name", NULL, NULL, NULL, flags);
  properties[PROP_FACILITY_TYPE] =
    g_param_spec_enum ("facility-type", NULL, NULL, CHC_TYPE_FACILITY_TYPE,
                       CHC_FACILITY_CENTRE, flags);
  properties[PROP_FACILITY_STATUS] =
    g_param_spec_enum ("facility-status", NULL, NULL, CHC_TYPE_FACILITY_STATUS,
                       CHC_FACILITY_OPERATING, flags);
  properties[PROP_DISTRICT_ID] =
    g_param_spec_int64 ("district-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DISTRICT_NAME] =
    g_param_spec_string ("district-name", NULL, NULL, NULL, flags);
  properties[PROP_TOWN_ID] =
    g_param_spec_int64 ("town-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TOWN_NAME] =
    g_param_spec_string ("town-name", NULL, NULL, NULL, flags);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CHC_TYPE_PROJECT_KIND,
                       CHC_PROJECT_NEW_BUILD, flags);
  properties[PROP_PLAN_YEAR] =
    g_param_spec_int ("plan-year", NULL, NULL, 0, G_MAXINT, 0, flags);
  /* NAN (unknown) is accepted by these specs: it compares false to both
   * bounds. */
  properties[PROP_BUDGET] =
    g_param_spec_double ("budget", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_AREA_BEFORE] =
    g_param_spec_double ("area-before", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_AREA_AFTER] =
    g_param_spec_double ("area-after", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_UNITS] =
    g_param_spec_string ("units", NULL, NULL, "", flags);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, "", flags);
  properties[PROP_KIND_LABEL] =
    g_param_spec_string ("kind-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chc_project_init (ChcProject *self)
{
  self->budget = NAN;
  self->area_before = NAN;
  self->area_after = NAN;
  self->units = g_strdup ("");
  self->notes = g_strdup ("");
  for (guint i = 0; i < CHC_N_MILESTONES; i++)
    self->milestones[i] = chc_milestone_new (i);
}

ChcProject *
chc_project_new (void)
{
  return g_object_new (CHC_TYPE_PROJECT, NULL);
}

/**
 * chc_project_copy:
 *
 * Returns: (transfer full): a deep copy (milestones included), for an
 *   editor to work on.
 */
ChcProject *
chc_project_copy (ChcProject *self)
{
  ChcProject *copy;

  g_return_val_if_fail (CHC_IS_PROJECT (self), NULL);

  copy = chc_project_new ();
  copy->id = self->id;
  copy->facility_id = self->facility_id;
  copy->facility_name = g_strdup (self->facility_name);
  copy->facility_type = self->facility_type;
  copy->facility_status = self->facility_status;
  copy->district_id = self->district_id;
  copy->district_name = g_strdup (self->district_name);
  copy->town_id = self->town_id;
  copy->town_name = g_strdup (self->town_name);
  copy->kind = self->kind;
  copy->plan_year = self->plan_year;
  copy->budget = self->budget;
  copy->area_before = self->area_before;
  copy->area_after = self->area_after;
  chc_set_str (&copy->units, self->units);
  chc_set_str (&copy->notes, self->notes);
  for (guint i = 0; i < CHC_N_MILESTONES; i++)
    {
      chc_milestone_set_planned (copy->milestones[i], chc_milestone_get_planned (self->milestones[i]));
      chc_milestone_set_actual (copy->milestones[i], chc_milestone_get_actual (self->milestones[i]));
    }
  return copy;
}

/**
 * chc_project_equal:
 *
 * Whether two projects hold the same stored values (the names read from
 * the facility are not compared).
 */
gboolean
chc_project_equal (ChcProject *a,
                   ChcProject *b)
{
  g_return_val_if_fail (CHC_IS_PROJECT (a), FALSE);
  g_return_val_if_fail (CHC_IS_PROJECT (b), FALSE);

  if (a->id != b->id ||
      a->facility_id != b->facility_id ||
      a->kind != b->kind ||
      a->plan_year != b->plan_year ||
      !same_figure (a->budget, b->budget) ||
      !same_figure (a->area_before, b->area_before) ||
      !same_figure (a->area_after, b->area_after) ||
      g_strcmp0 (a->units, b->units) != 0 ||
      g_strcmp0 (a->notes, b->notes) != 0)
    return FALSE;

  for (guint i = 0; i < CHC_N_MILESTONES; i++)
    if (g_strcmp0 (chc_milestone_get_planned (a->milestones[i]),
                   chc_milestone_get_planned (b->milestones[i])) != 0 ||
        g_strcmp0 (chc_milestone_get_actual (a->milestones[i]),
                   chc_milestone_get_actual (b->milestones[i])) != 0)
      return FALSE;
  return TRUE;
}

#define DEFINE_INT64_ACCESSORS(field, PROP)                              \
  gint64                                                                 \
  chc_project_get_##field (ChcProject *self)                             \
  {                                                                      \
    g_return_val_if_fail (CHC_IS_PROJECT (self), 0);                     \
    return self->field;                                                  \
  }                                                                      \
  void                                                                   \
  chc_project_set_##field (ChcProject *self,                             \
                           gint64      value)                            \
  {                                                                      \
    g_return_if_fail (CHC_IS_PROJECT (self));                            \
    if (self->field == value)                                            \
      return;                                                            \
    self->field = value;                                                 \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);        \
  }

#define DEFINE_STRING_ACCESSORS(field, PROP)                             \
  const char *                                                           \
  chc_project_get_##field (ChcProject *self)                             \
  {                                                                      \
    g_return_val_if_fail (CHC_IS_PROJECT (self), NULL);                  \
    return self->field;                                                  \
  }                                                                      \
  void                                                                   \
  chc_project_set_##field (ChcProject *self,                             \
                           const char *value)                            \
  {                                                                      \
    g_return_if_fail (CHC_IS_PROJECT (self));                            \
    if (chc_set_str (&self->field, value))                               \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);      \
  }

#define DEFINE_FIGURE_ACCESSORS(field, PROP)                             \
  double                                                                 \
  chc_project_get_##field (ChcProject *self)                             \
  {                                                                      \
    g_return_val_if_fail (CHC_IS_PROJECT (self), NAN);                   \
    return self->field;                                                  \
  }                                                                      \
  void                                                                   \
  chc_project_set_##field (ChcProject *self,                             \
                           double      value)                            \
  {                                                                      \
    g_return_if_fail (CHC_IS_PROJECT (self));                            \
    if (same_figure (self->field, value))                                \
      return;                                                            \
    self->field = value;                                                 \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);        \
  }

DEFINE_INT64_ACCESSORS (id, PROP_ID)
DEFINE_INT64_ACCESSORS (facility_id, PROP_FACILITY_ID)
DEFINE_INT64_ACCESSORS (district_id, PROP_DISTRICT_ID)
DEFINE_INT64_ACCESSORS (town_id, PROP_TOWN_ID)
DEFINE_STRING_ACCESSORS (facility_name, PROP_FACILITY_NAME)
DEFINE_STRING_ACCESSORS (district_name, PROP_DISTRICT_NAME)
DEFINE_STRING_ACCESSORS (town_name, PROP_TOWN_NAME)
DEFINE_FIGURE_ACCESSORS (budget, PROP_BUDGET)
DEFINE_FIGURE_ACCESSORS (area_before, PROP_AREA_BEFORE)
DEFINE_FIGURE_ACCESSORS (area_after, PROP_AREA_AFTER)

ChcFacilityType
chc_project_get_facility_type (ChcProject *self)
{
  g_return_val_if_fail (CHC_IS_PROJECT (self), CHC_FACILITY_CENTRE);
  return self->facility_type;
}

void
chc_project_set_facility_type (ChcProject      *self,
                               ChcFacilityType  type)
{
  g_return_if_fail (CHC_IS_PROJECT (self));

  if (self->facility_type == type)
    return;
  self->facility_type = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACILITY_TYPE]);
}

ChcFacilityStatus
chc_project_get_facility_status (ChcProject *self)
{
  g_return_val_if_fail (CHC_IS_PROJECT (self), CHC_FACILITY_OPERATING);
  return self->facility_status;
}

void
chc_project_set_facility_status (ChcProject        *self,
                                 ChcFacilityStatus  status)
{
  g_return_if_fail (CHC_IS_PROJECT (self));

  if (self->facility_status == status)
    return;
  self->facility_status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACILITY_STATUS]);
}

ChcProjectKind
chc_project_get_kind (ChcProject *self)
{
  g_return_val_if_fail (CHC_IS_PROJECT (self), CHC_PROJECT_NEW_BUILD);
  return self->kind;
}

void
chc_project_set_kind (ChcProject     *self,
                      ChcProjectKind  kind)
{
  g_return_if_fail (CHC_IS_PROJECT (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND_LABEL]);
}

int
chc_project_get_plan_year (ChcProject *self)
{
  g_return_val_if_fail (CHC_IS_PROJECT (self), 0);
  return self->plan_year;
}

void
chc_project_set_plan_year (ChcProject *self,
                           int         year)
{
  g_return_if_fail (CHC_IS_PROJECT (self));

  if (self->plan_year == year)
    return;
  self->plan_year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN_YEAR]);
}

const char *
chc_project_get_units (ChcProject *self)
{
  g_return_val_if_fail (CHC_IS_PROJECT (self), NULL);
  return self->units;
}

void
chc_project_set_units (ChcProject *self,
                       const char *units)
{
  g_return_if_fail (CHC_IS_PROJECT (self));

  if (chc_set_str (&self->units, units != NULL ? units : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNITS]);
}

const char *
chc_project_get_notes (ChcProject *self)
{
  g_return_val_if_fail (CHC_IS_PROJECT (self), NULL);
  return self->notes;
}

void
chc_project_set_notes (ChcProject *self,
                       const char *notes)
{
  g_return_if_fail (CHC_IS_PROJECT (self));

  if (chc_set_str (&self->notes, notes != NULL ? notes : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

/**
 * chc_project_get_milestone:
 *
 * Returns: (transfer none): the milestone, owned by the project
 */
ChcMilestone *
chc_project_get_milestone (ChcProject       *self,
                           ChcMilestoneKind  milestone)
{
  g_return_val_if_fail (CHC_IS_PROJECT (self), NULL);
  g_return_val_if_fail ((guint) milestone < CHC_N_MILESTONES, NULL);
  return self->milestones[milestone];
}

const char *
chc_project_get_planned (ChcProject       *self,
                         ChcMilestoneKind  milestone)
{
  g_return_val_if_fail (CHC_IS_PROJECT (self), NULL);
  g_return_val_if_fail ((guint) milestone < CHC_N_MILESTONES, NULL);
  return chc_milestone_get_planned (self->milestones[milestone]);
}

void
chc_project_set_planned (ChcProject       *self,
                         ChcMilestoneKind  milestone,
                         const char       *date)
{
  g_return_if_fail (CHC_IS_PROJECT (self));
  g_return_if_fail ((guint) milestone < CHC_N_MILESTONES);
  chc_milestone_set_planned (self->milestones[milestone], date);
}

const char *
chc_project_get_actual (ChcProject       *self,
                        ChcMilestoneKind  milestone)
{
  g_return_val_if_fail (CHC_IS_PROJECT (self), NULL);
  g_return_val_if_fail ((guint) milestone < CHC_N_MILESTONES, NULL);
  return chc_milestone_get_actual (self->milestones[milestone]);
}

void
chc_project_set_actual (ChcProject       *self,
                        ChcMilestoneKind  milestone,
                        const char       *date)
{
  g_return_if_fail (CHC_IS_PROJECT (self));
  g_return_if_fail ((guint) milestone < CHC_N_MILESTONES);
  chc_milestone_set_actual (self->milestones[milestone], date);
}
