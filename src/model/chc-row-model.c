/* chc-row-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "chc-row-model.h"

/* ---- ChcRow ---------------------------------------------------------------- */

struct _ChcRow
{
  GObject  parent_instance;
  GObject *item;
};

enum {
  ROW_PROP_0,
  ROW_PROP_ITEM,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

G_DEFINE_FINAL_TYPE (ChcRow, chc_row, G_TYPE_OBJECT)

static void
chc_row_dispose (GObject *object)
{
  g_clear_object (&CHC_ROW (object)->item);
  G_OBJECT_CLASS (chc_row_parent_class)->dispose (object);
}

static void
chc_row_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  switch (prop_id)
    {
    case ROW_PROP_ITEM:
      g_value_set_object (value, CHC_ROW (object)->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_row_class_init (ChcRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chc_row_dispose;
  object_class->get_property = chc_row_get_property;

  row_properties[ROW_PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
chc_row_init (ChcRow *self)
{
}

gpointer
chc_row_get_item (ChcRow *self)
{
  g_return_val_if_fail (CHC_IS_ROW (self), NULL);
  return self->item;
}

/* Takes @item (a new reference). */
static void
row_take_item (ChcRow  *self,
               GObject *item)
{
  if (self->item == item)
    {
      g_clear_object (&item);
      return;
    }
  g_clear_object (&self->item);
  self->item = item;
  g_object_notify_by_pspec (G_OBJECT (self), row_properties[ROW_PROP_ITEM]);
}

/* ---- ChcRowModel ------------------------------------------------------------ */

struct _ChcRowModel
{
  GObject     parent_instance;
  GListModel *source;
  GPtrArray  *rows;     /* ChcRow, one per item of source */
};

static GType
chc_row_model_get_item_type (GListModel *model)
{
  return CHC_TYPE_ROW;
}

static guint
chc_row_model_get_n_items (GListModel *model)
{
  return CHC_ROW_MODEL (model)->rows->len;
}

static gpointer
chc_row_model_get_item (GListModel *model,
                        guint       position)
{
  ChcRowModel *self = CHC_ROW_MODEL (model);

  if (position >= self->rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
chc_row_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = chc_row_model_get_item_type;
  iface->get_n_items = chc_row_model_get_n_items;
  iface->get_item = chc_row_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (ChcRowModel, chc_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, chc_row_model_list_model_init))

static ChcRow *
new_row (GListModel *source,
         guint       position)
{
  ChcRow *row = g_object_new (CHC_TYPE_ROW, NULL);

  row->item = g_list_model_get_item (source, position);
  return row;
}

static void
on_source_items_changed (ChcRowModel *self,
                         guint        position,
                         guint        removed,
                         guint        added,
                         GListModel  *source)
{
  guint common = MIN (removed, added);

  /* The rows there take their new items... */
  for (guint i = 0; i < common; i++)
    row_take_item (g_ptr_array_index (self->rows, position + i),
                   g_list_model_get_item (source, position + i));
  /* ...and only the difference is a change of the list. */
  if (removed > common)
    {
      g_ptr_array_remove_range (self->rows, position + common, removed - common);
      g_list_model_items_changed (G_LIST_MODEL (self), position + common, removed - common, 0);
    }
  else if (added > common)
    {
      for (guint i = common; i < added; i++)
        g_ptr_array_insert (self->rows, position + i, new_row (source, position + i));
      g_list_model_items_changed (G_LIST_MODEL (self), position + common, 0, added - common);
    }
}

static void
chc_row_model_dispose (GObject *object)
{
  ChcRowModel *self = CHC_ROW_MODEL (object);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_object (&self->source);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (chc_row_model_parent_class)->dispose (object);
}

static void
chc_row_model_class_init (ChcRowModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = chc_row_model_dispose;
}

static void
chc_row_model_init (ChcRowModel *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * chc_row_model_new:
 * @source: (transfer none): the items
 *
 * Returns: (transfer full): a model of one ChcRow per item of @source.
 */
ChcRowModel *
chc_row_model_new (GListModel *source)
{
  ChcRowModel *self;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (source), NULL);

  self = g_object_new (CHC_TYPE_ROW_MODEL, NULL);
  self->source = g_object_ref (source);
  n = g_list_model_get_n_items (source);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->rows, new_row (source, i));
  g_signal_connect_object (source, "items-changed", G_CALLBACK (on_source_items_changed),
                           self, G_CONNECT_SWAPPED);
  return self;
}

GListModel *
chc_row_model_get_source (ChcRowModel *self)
{
  g_return_val_if_fail (CHC_IS_ROW_MODEL (self), NULL);
  return self->source;
}
