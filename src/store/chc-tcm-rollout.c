/* chc-tcm-rollout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-tcm-rollout"

#include "core/chc-tcm.h"
#include "store/chc-database-tcm.h"
#include "chc-tcm-rollout.h"

struct _ChcTcmRollout
{
  GObject      parent_instance;

  ChcDatabase *database;
  gint64       district_id;
  int          year;

  GPtrArray   *statuses;   /* ChcTcmStatus, the items */
  GPtrArray   *matrix;     /* ChcTcmTownRow */
  GPtrArray   *targets;    /* ChcTcmTarget */
  GArray      *bars;       /* ChcTcmBar */
  double       share;
  GError      *error;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_DISTRICT_ID,
  PROP_YEAR,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  SIGNAL_RELOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChcTcmRollout, chc_tcm_rollout, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* ---- GListModel ----------------------------------------------------------- */

static GType
chc_tcm_rollout_get_item_type (GListModel *model)
{
  return CHC_TYPE_TCM_STATUS;
}

static guint
chc_tcm_rollout_get_n_items (GListModel *model)
{
  return CHC_TCM_ROLLOUT (model)->statuses->len;
}

static gpointer
chc_tcm_rollout_get_item (GListModel *model,
                          guint       position)
{
  ChcTcmRollout *self = CHC_TCM_ROLLOUT (model);

  if (position >= self->statuses->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->statuses, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = chc_tcm_rollout_get_item_type;
  iface->get_n_items = chc_tcm_rollout_get_n_items;
  iface->get_item = chc_tcm_rollout_get_item;
}

/* ---- helpers -------------------------------------------------------------- */

/* Copies what the store read into the item the views already hold. */
/* Replaces the items by @fresh, reusing the items there are: the first
 * ones take the fresh values in place (bound rows are told through their
 * properties and stay built), and items-changed covers only the tail that
 * was added or removed.  A list view then rebinds its rows instead of
 * building them anew, which is most of the time a change of district took. */
static void
replace_statuses (ChcTcmRollout *self,
                  GPtrArray     *fresh)
{
  guint old_len = self->statuses->len;
  guint common = MIN (old_len, fresh->len);

  for (guint i = 0; i < common; i++)
    chc_tcm_status_assign (g_ptr_array_index (self->statuses, i), g_ptr_array_index (fresh, i));
  if (old_len > common)
    g_ptr_array_remove_range (self->statuses, common, old_len - common);
  for (guint i = common; i < fresh->len; i++)
    g_ptr_array_add (self->statuses, g_object_ref (g_ptr_array_index (fresh, i)));
  if (old_len != fresh->len)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), common, old_len - common, fresh->len - common);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

static void
on_database_changed (ChcTcmRollout *self,
                     const char    *table)
{
  chc_tcm_rollout_reload (self, NULL);
}

/* ---- GObject -------------------------------------------------------------- */

static void
chc_tcm_rollout_dispose (GObject *object)
{
  ChcTcmRollout *self = (ChcTcmRollout *) object;

  g_clear_object (&self->database);
  G_OBJECT_CLASS (chc_tcm_rollout_parent_class)->dispose (object);
}

static void
chc_tcm_rollout_finalize (GObject *object)
{
  ChcTcmRollout *self = (ChcTcmRollout *) object;

  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_clear_pointer (&self->matrix, g_ptr_array_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (chc_tcm_rollout_parent_class)->finalize (object);
}

static void
chc_tcm_rollout_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ChcTcmRollout *self = CHC_TCM_ROLLOUT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_DISTRICT_ID:
      g_value_set_int64 (value, self->district_id);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->statuses->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_tcm_rollout_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ChcTcmRollout *self = CHC_TCM_ROLLOUT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      if (self->database != NULL)
        g_signal_connect_object (self->database, "changed",
                                 G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
      break;
    case PROP_DISTRICT_ID:
      chc_tcm_rollout_set_district_id (self, g_value_get_int64 (value));
      break;
    case PROP_YEAR:
      chc_tcm_rollout_set_year (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_tcm_rollout_class_init (ChcTcmRolloutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chc_tcm_rollout_dispose;
  object_class->finalize = chc_tcm_rollout_finalize;
  object_class->get_property = chc_tcm_rollout_get_property;
  object_class->set_property = chc_tcm_rollout_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CHC_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTRICT_ID] =
    g_param_spec_int64 ("district-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChcTcmRollout::reloaded:
   *
   * Emitted after every reload: the items, matrix, bars and share are
   * current.
   */
  signals[SIGNAL_RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
chc_tcm_rollout_init (ChcTcmRollout *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->statuses = g_ptr_array_new_with_free_func (g_object_unref);
  self->matrix = g_ptr_array_new ();
  self->targets = g_ptr_array_new ();
  self->bars = g_array_new (FALSE, TRUE, sizeof (ChcTcmBar));
  self->share = -1;
  self->year = g_date_time_get_year (now);
}

/* ---- public API ----------------------------------------------------------- */

ChcTcmRollout *
chc_tcm_rollout_new (ChcDatabase *database)
{
  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);
  return g_object_new (CHC_TYPE_TCM_ROLLOUT, "database", database, NULL);
}

ChcDatabase *
chc_tcm_rollout_get_database (ChcTcmRollout *self)
{
  g_return_val_if_fail (CHC_IS_TCM_ROLLOUT (self), NULL);
  return self->database;
}

gint64
chc_tcm_rollout_get_district_id (ChcTcmRollout *self)
{
  g_return_val_if_fail (CHC_IS_TCM_ROLLOUT (self), 0);
  return self->district_id;
}

int
chc_tcm_rollout_get_year (ChcTcmRollout *self)
{
  g_return_val_if_fail (CHC_IS_TCM_ROLLOUT (self), 0);
  return self->year;
}

void
chc_tcm_rollout_set_district_id (ChcTcmRollout *self,
                                 gint64         district_id)
{
  g_return_if_fail (CHC_IS_TCM_ROLLOUT (self));

  if (self->district_id == district_id)
    return;
  self->district_id = district_id;
  chc_tcm_rollout_reload (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT_ID]);
}

void
chc_tcm_rollout_set_year (ChcTcmRollout *self,
                          int            year)
{
  g_return_if_fail (CHC_IS_TCM_ROLLOUT (self));

  if (self->year == year)
    return;
  self->year = year;
  chc_tcm_rollout_reload (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

/**
 * chc_tcm_rollout_reload:
 *
 * Reads the district's rollout again.  Items are reused: the first ones
 * take the new values in place, even those of another facility (their
 * property notifications reach bound widgets, ::facility included), and
 * items-changed covers only the items added or removed at the end.  Hold
 * on to a facility, not to an item, across a reload.  Emits ::reloaded.
 */
gboolean
chc_tcm_rollout_reload (ChcTcmRollout  *self,
                        GError        **error)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) matrix = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) towns = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CHC_IS_TCM_ROLLOUT (self), FALSE);

  g_clear_error (&self->error);

  if (self->database == NULL || self->district_id <= 0)
    {
      statuses = g_ptr_array_new_with_free_func (g_object_unref);
      matrix = g_ptr_array_new ();
      targets = g_ptr_array_new ();
    }
  else if ((statuses = chc_database_list_tcm_status (self->database, self->district_id,
                                                    self->year, &local_error)) == NULL ||
           (towns = chc_database_list_towns (self->database, self->district_id, &local_error)) == NULL ||
           (targets = chc_database_list_tcm_targets (self->database, self->district_id,
                                                     self->year, &local_error)) == NULL)
    {
      self->error = g_error_copy (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      g_signal_emit (self, signals[SIGNAL_RELOADED], 0);
      return FALSE;
    }
  else
    matrix = chc_tcm_town_matrix (towns, statuses);

  g_clear_pointer (&self->matrix, g_ptr_array_unref);
  self->matrix = g_steal_pointer (&matrix);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  self->targets = g_steal_pointer (&targets);
  g_clear_pointer (&self->bars, g_array_unref);
  self->bars = chc_tcm_coverage_bars (statuses, self->targets);
  self->share = chc_tcm_district_share (statuses, NULL, NULL);

  replace_statuses (self, statuses);

  g_signal_emit (self, signals[SIGNAL_RELOADED], 0);
  return TRUE;
}

const GError *
chc_tcm_rollout_get_error (ChcTcmRollout *self)
{
  g_return_val_if_fail (CHC_IS_TCM_ROLLOUT (self), NULL);
  return self->error;
}

GPtrArray *
chc_tcm_rollout_get_matrix (ChcTcmRollout *self)
{
  g_return_val_if_fail (CHC_IS_TCM_ROLLOUT (self), NULL);
  return self->matrix;
}

GArray *
chc_tcm_rollout_get_bars (ChcTcmRollout *self)
{
  g_return_val_if_fail (CHC_IS_TCM_ROLLOUT (self), NULL);
  return self->bars;
}

GPtrArray *
chc_tcm_rollout_get_targets (ChcTcmRollout *self)
{
  g_return_val_if_fail (CHC_IS_TCM_ROLLOUT (self), NULL);
  return self->targets;
}

double
chc_tcm_rollout_get_district_share (ChcTcmRollout *self)
{
  g_return_val_if_fail (CHC_IS_TCM_ROLLOUT (self), -1);
  return self->share;
}

ChcTcmStatus *
chc_tcm_rollout_find (ChcTcmRollout *self,
                      gint64         facility_id,
                      guint         *position)
{
  g_return_val_if_fail (CHC_IS_TCM_ROLLOUT (self), NULL);

  for (guint i = 0; i < self->statuses->len; i++)
    {
      ChcTcmStatus *status = g_ptr_array_index (self->statuses, i);

      if (chc_facility_get_id (chc_tcm_status_get_facility (status)) == facility_id)
        {
          if (position != NULL)
            *position = i;
          return status;
        }
    }
  return NULL;
}
