/* chc-csv-export-private.h — what the exporters of the kinds share with
 * chc-csv-export.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chc-csv-export.h"

G_BEGIN_DECLS

typedef struct _ChcCsvExportContext ChcCsvExportContext;

/* Writes every data row of a kind (the header is written already). */
typedef gboolean (*ChcCsvExportRowsFunc) (ChcCsvExportContext  *ctx,
                                          GError              **error);

/* Cells of the current row, in the kind's column order; NULL or "" is an
 * empty cell. */
void          chc_csv_export_cell        (ChcCsvExportContext  *ctx,
                                          const char           *text);
void          chc_csv_export_count       (ChcCsvExportContext  *ctx,
                                          gint64                value);
/* Shortest text reading back as the same double; empty for NAN. */
void          chc_csv_export_number      (ChcCsvExportContext  *ctx,
                                          double                value);
gboolean      chc_csv_export_end_row     (ChcCsvExportContext  *ctx,
                                          GError              **error);

/* English headers and nicks (else Chinese). */
gboolean      chc_csv_export_english     (ChcCsvExportContext  *ctx);
/* The district to export, or 0 for all. */
gint64        chc_csv_export_district_id (ChcCsvExportContext  *ctx);
ChcDatabase  *chc_csv_export_database    (ChcCsvExportContext  *ctx);
/* Whether the options' filters (facilities, projects, year) keep a row of
 * @facility_id (0: any), @project_id (0: any) and @period (NULL: any). */
gboolean      chc_csv_export_wants       (ChcCsvExportContext  *ctx,
                                          gint64                facility_id,
                                          gint64                project_id,
                                          const char           *period);

/* The facilities of the exported district(s), by id (gint64 * → ChcFacility),
 * for the kinds whose rows the store gives by facility id. */
GHashTable   *chc_csv_export_facilities_by_id (ChcCsvExportContext  *ctx,
                                               GError              **error);
/* The key cells of a monthly row: facility code, name, district, period. */
void          chc_csv_export_monthly_key (ChcCsvExportContext  *ctx,
                                          ChcFacility          *facility,
                                          const char           *period);

gboolean      chc_csv_export_facilities  (ChcCsvExportContext  *ctx,
                                          GError              **error);
gboolean      chc_csv_export_signing     (ChcCsvExportContext  *ctx,
                                          GError              **error);
gboolean      chc_csv_export_tcm         (ChcCsvExportContext  *ctx,
                                          GError              **error);
gboolean      chc_csv_export_projects    (ChcCsvExportContext  *ctx,
                                          GError              **error);
gboolean      chc_csv_export_element_values (ChcCsvExportContext  *ctx,
                                          GError              **error);
/* --element of export values: the element to export, or NULL for all. */
const char   *chc_csv_export_element     (ChcCsvExportContext  *ctx);

G_END_DECLS
