/* chc-csv-import-private.h — what the importers of the kinds share with
 * the driver (chc-csv-import.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chc-csv-import.h"

G_BEGIN_DECLS

#define CHC_CSV_MAX_KIND_COLUMNS 32

typedef struct _ChcCsvImportContext ChcCsvImportContext;

/* One kind.  The driver reads the header and every row, calling read_row
 * for each; then it opens the transaction and calls check (rules,
 * comparison with the stored rows, the counts), which skips the rows that
 * had problems; when there was no error at all (and no warning, unless
 * accepted) it calls apply and commits; otherwise it rolls back.  The
 * functions return FALSE with @error only on failures that are not the
 * file's fault (the database). */
typedef struct
{
  gpointer (*new_state)  (ChcCsvImportContext *ctx);
  void     (*free_state) (gpointer             state);
  gboolean (*read_row)   (ChcCsvImportContext *ctx,
                          gpointer             state,
                          GError             **error);
  gboolean (*check)      (ChcCsvImportContext *ctx,
                          gpointer             state,
                          GError             **error);
  gboolean (*apply)      (ChcCsvImportContext *ctx,
                          gpointer             state,
                          GError             **error);
  const char *const *tables;   /* notified as changed */
} ChcCsvImporter;

extern const ChcCsvImporter chc_csv_facilities_importer;
extern const ChcCsvImporter chc_csv_signing_importer;
extern const ChcCsvImporter chc_csv_tcm_importer;
extern const ChcCsvImporter chc_csv_projects_importer;
extern const ChcCsvImporter chc_csv_element_values_importer;

struct _ChcCsvImportContext
{
  ChcDatabase               *database;
  ChcCsvKind                 kind;
  const ChcCsvImportOptions *options;
  ChcCsvReport              *report;
  ChcCsvReader              *reader;
  ChcCsvMapping             *mapping;
  int                        file_column[CHC_CSV_MAX_KIND_COLUMNS];  /* -1: absent */
  GCancellable              *cancellable;
  ChcCsvProgressFunc         progress;
  gpointer                   progress_data;
  guint64                    bytes_total;
  guint64                    ticks;
  GHashTable                *districts;   /* text → district id (0: none) */
  GHashTable                *facilities;  /* lookup key → FacilityLookup */
  GString                   *key;         /* scratch: the lookup key */
  GPtrArray                 *registry;    /* ChcFacility, loaded on first lookup */
  GHashTable                *registry_by_code;
  GHashTable                *registry_by_name;  /* name → GPtrArray */
  GHashTable                *registry_by_id;    /* gint64 * → ChcFacility */
  gboolean                   has_unnamed; /* a column without a header */
  GString                   *last_period; /* the last period text parsed… */
  int                        last_period_months;  /* …and its value, or -1 */
};

typedef enum
{
  CHC_CSV_CELL_ABSENT,   /* no such column, or the cell is blank */
  CHC_CSV_CELL_OK,
  CHC_CSV_CELL_BAD,      /* a problem was reported */
} ChcCsvCellStatus;

/* The current row's cell of the kind's @column: NULL when the file has no
 * such column or the row is short. */
const char       *chc_csv_import_cell        (ChcCsvImportContext *ctx,
                                              guint                column);
gboolean          chc_csv_import_has_column  (ChcCsvImportContext *ctx,
                                              guint                column);
/* The line of the current row. */
guint             chc_csv_import_row_line    (ChcCsvImportContext *ctx);

/* A problem in the current row, at the cell of @column (-1: the row); the
 * message is prefixed with the column's header. */
void              chc_csv_import_problem     (ChcCsvImportContext *ctx,
                                              gboolean             warning,
                                              int                  column,
                                              const char          *format,
                                              ...) G_GNUC_PRINTF (4, 5);
/* A problem of a row read before (the check phase): @line is its line;
 * the message is used as it is (it names the field itself). */
void              chc_csv_import_problem_at  (ChcCsvImportContext *ctx,
                                              gboolean             warning,
                                              guint                line,
                                              int                  column,
                                              const char          *format,
                                              ...) G_GNUC_PRINTF (5, 6);

/* Cell readers: CHC_CSV_CELL_ABSENT when the column is missing or the
 * cell blank (an error if @required), CHC_CSV_CELL_BAD after reporting
 * an unreadable value. */
ChcCsvCellStatus  chc_csv_import_get_text    (ChcCsvImportContext *ctx,
                                              guint                column,
                                              gboolean             required,
                                              char               **value);
ChcCsvCellStatus  chc_csv_import_get_count   (ChcCsvImportContext *ctx,
                                              guint                column,
                                              gboolean             required,
                                              gint64              *value);
ChcCsvCellStatus  chc_csv_import_get_number  (ChcCsvImportContext *ctx,
                                              guint                column,
                                              gboolean             required,
                                              double              *value);
/* The month as year * 12 + month - 1. */
ChcCsvCellStatus  chc_csv_import_get_period  (ChcCsvImportContext *ctx,
                                              guint                column,
                                              gboolean             required,
                                              int                 *months);
ChcCsvCellStatus  chc_csv_import_get_date    (ChcCsvImportContext *ctx,
                                              guint                column,
                                              gboolean             required,
                                              char               **date);
ChcCsvCellStatus  chc_csv_import_get_year    (ChcCsvImportContext *ctx,
                                              guint                column,
                                              gboolean             required,
                                              int                 *year);
ChcCsvCellStatus  chc_csv_import_get_boolean (ChcCsvImportContext *ctx,
                                              guint                column,
                                              gboolean             required,
                                              gboolean            *value);

/* The district named by @text (青浦区, 青浦, Qingpu), cached; 0 when there
 * is none (no problem reported).  FALSE with @error on a database failure. */
gboolean          chc_csv_import_find_district (ChcCsvImportContext *ctx,
                                              const char          *text,
                                              gint64              *district_id,
                                              GError             **error);
/* The facility of the current row, from the facility_code, facility_name
 * and district columns (the first three of the kinds that have them):
 * sets @facility_id, or 0 after reporting the problem.  FALSE with @error
 * on a database failure. */
gboolean          chc_csv_import_find_row_facility (ChcCsvImportContext *ctx,
                                              gint64              *facility_id,
                                              GError             **error);

/* A facility of the registry as it was when the import began (for the
 * rules that need it), or NULL.  FALSE with @error on a database failure. */
gboolean          chc_csv_import_get_facility (ChcCsvImportContext *ctx,
                                              gint64               facility_id,
                                              ChcFacility        **facility,
                                              GError             **error);

/* Progress and cancellation, every few thousand calls; FALSE with
 * G_IO_ERROR_CANCELLED when cancelled. */
gboolean          chc_csv_import_tick        (ChcCsvImportContext *ctx,
                                              GError             **error);

/* "2024-03" from year * 12 + month - 1. */
void              chc_csv_months_to_period   (int                  months,
                                              char                 period[8]);

G_END_DECLS
