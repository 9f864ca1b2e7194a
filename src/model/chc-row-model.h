/* chc-row-model.h — a list model of reusable rows over another list model,
 * so that a GTK list view rebinds its rows instead of building new ones.
 *
 * GTK 4.8's list views keep up to 200 rows alive and build a row's widgets
 * anew whenever the item at its position is another object.  When a
 * filter or a sorter replaces a whole list (another district, another
 * sort order), that rebuild is most of what the change costs.  ChcRowModel
 * puts a ChcRow in front of each item of its source: when the source
 * changes, the rows at the changed positions take their new items in place
 * (ChcRow::item is notified), and items-changed covers only the rows added
 * or removed.  Cells bind to the row and follow notify::item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CHC_TYPE_ROW (chc_row_get_type ())
G_DECLARE_FINAL_TYPE (ChcRow, chc_row, CHC, ROW, GObject)

/* Returns: (transfer none): the item the row shows now. */
gpointer     chc_row_get_item        (ChcRow       *self);

#define CHC_TYPE_ROW_MODEL (chc_row_model_get_type ())
G_DECLARE_FINAL_TYPE (ChcRowModel, chc_row_model, CHC, ROW_MODEL, GObject)

ChcRowModel *chc_row_model_new       (GListModel   *source);
GListModel  *chc_row_model_get_source (ChcRowModel *self);

G_END_DECLS
