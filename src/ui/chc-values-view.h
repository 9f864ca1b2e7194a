/* chc-values-view.h — the generic entry grid (数据填报, issue 13): the
 * facilities of a district × the elements of a data set, for one period.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_VALUES_VIEW (chc_values_view_get_type ())
G_DECLARE_FINAL_TYPE (ChcValuesView, chc_values_view, CHC, VALUES_VIEW, GtkWidget)

GtkWidget   *chc_values_view_new                  (ChcDatabase    *database);
ChcDatabase *chc_values_view_get_database         (ChcValuesView  *self);
void         chc_values_view_set_database         (ChcValuesView  *self,
                                                   ChcDatabase    *database);
ChcDistrict *chc_values_view_get_district         (ChcValuesView  *self);
void         chc_values_view_set_district         (ChcValuesView  *self,
                                                   ChcDistrict    *district);
int          chc_values_view_get_year             (ChcValuesView  *self);
void         chc_values_view_set_year             (ChcValuesView  *self,
                                                   int             year);
/* The data set shown, by code (asks first when there are unsaved
 * changes). */
const char  *chc_values_view_get_data_set         (ChcValuesView  *self);
void         chc_values_view_set_data_set         (ChcValuesView  *self,
                                                   const char     *code);
/* The period shown, canonical ("2024-12", "2024Q4", "2024"), of the data
 * set's period type. */
const char  *chc_values_view_get_period           (ChcValuesView  *self);
void         chc_values_view_set_period           (ChcValuesView  *self,
                                                   const char     *period);

gboolean     chc_values_view_has_unsaved_changes  (ChcValuesView  *self);
void         chc_values_view_discard_changes      (ChcValuesView  *self);
/* Saves every changed cell in one transaction; refused (nothing written)
 * while a cell breaks a rule. */
gboolean     chc_values_view_save                 (ChcValuesView  *self,
                                                   GError        **error);
void         chc_values_view_confirm_leave_async  (ChcValuesView       *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean     chc_values_view_confirm_leave_finish (ChcValuesView       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* For tests: the entry of a facility's (0: the district's row) element,
 * or NULL; the total row's label of an element, and its name label. */
/* Puts the focus in the first cell of @facility_id's row (the reporting
 * calendar opens a facility's period here).  FALSE when it has none. */
gboolean     chc_values_view_focus_facility       (ChcValuesView  *self,
                                                   gint64          facility_id);
GtkWidget   *chc_values_view_get_cell             (ChcValuesView  *self,
                                                   gint64          facility_id,
                                                   const char     *element);
GtkWidget   *chc_values_view_get_total_label      (ChcValuesView  *self,
                                                   const char     *element);
GtkWidget   *chc_values_view_get_total_name       (ChcValuesView  *self);
const char  *chc_values_view_get_status_text      (ChcValuesView  *self);
GtkWidget   *chc_values_view_get_dialog           (ChcValuesView  *self);

G_END_DECLS
