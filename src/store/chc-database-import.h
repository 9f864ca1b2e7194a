/* chc-database-import.h — bulk reading and writing for the CSV import and
 * export (src/io/chc-csv-*.c): row callbacks in key order and one prepared
 * upsert per row, for files of a million rows.
 *
 * The writes do not open a transaction or emit ::changed: the caller runs
 * them between chc_database_begin() and chc_database_commit() (one
 * transaction for the whole file) and calls chc_database_notify_changed().
 * The caller has checked the rows with the rules of their kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chc-database.h"

G_BEGIN_DECLS

/* Bulk inserts into @table ("signing", "tcm_visits"), inside the caller's
 * transaction: the rows inserted between chc_database_bulk_begin() and
 * chc_database_bulk_end() carry their creation tick instead of a version
 * row and an audit row each, and one audit row records the batch (its
 * origin, user and time, and how many rows).  Only new rows may be
 * written in between: write changes of existing rows before (they are
 * recorded field by field as always).  A rollback undoes it all. */
gboolean  chc_database_bulk_begin      (ChcDatabase            *self,
                                        const char             *table,
                                        GError                **error);
gboolean  chc_database_bulk_end        (ChcDatabase            *self,
                                        const char             *table,
                                        guint64                 n_inserted,
                                        GError                **error);

/* Number of figures of a signing row, in the order of ChcSigningFigure
 * (model/chc-signing-record.h). */
#define CHC_DATABASE_SIGNING_N_FIGURES 7

/* One stored row; return FALSE (with @error set, or not to stop quietly)
 * to stop. */
typedef gboolean (*ChcDatabaseSigningFunc) (gint64        facility_id,
                                            const char   *period,
                                            const gint64 *figures,
                                            gpointer      user_data,
                                            GError      **error);

/* Calls @func for every stored signing row of @district_id's facilities
 * (0: every district), by facility id then period, or with @by_code by
 * facility code then period (an order that does not depend on the
 * installation).  Returns FALSE with @error when the query or @func
 * failed. */
gboolean  chc_database_foreach_signing (ChcDatabase            *self,
                                        gint64                  district_id,
                                        gboolean                by_code,
                                        ChcDatabaseSigningFunc  func,
                                        gpointer                user_data,
                                        GError                **error);

/* Inserts the figures of @facility_id for @period ("YYYY-MM"), or replaces
 * them. */
gboolean  chc_database_upsert_signing  (ChcDatabase            *self,
                                        gint64                  facility_id,
                                        const char             *period,
                                        const gint64           *figures,
                                        GError                **error);

/* TCM visits of a month (tcm_visits): as the signing functions. */
typedef gboolean (*ChcDatabaseTcmVisitsFunc) (gint64        facility_id,
                                              const char   *period,
                                              gint64        tcm_visits,
                                              gint64        all_visits,
                                              gpointer      user_data,
                                              GError      **error);

gboolean  chc_database_foreach_tcm_visits (ChcDatabase              *self,
                                           gint64                    district_id,
                                           gboolean                  by_code,
                                           ChcDatabaseTcmVisitsFunc  func,
                                           gpointer                  user_data,
                                           GError                  **error);
gboolean  chc_database_upsert_tcm_visits  (ChcDatabase              *self,
                                           gint64                    facility_id,
                                           const char               *period,
                                           gint64                    tcm_visits,
                                           gint64                    all_visits,
                                           GError                  **error);

/* For writing many rows into @table ("signing" or "tcm_visits") inside
 * the open transaction: drops the table's secondary indexes and returns
 * the statements that create them again, for
 * chc_database_restore_indexes() before the commit.  Rebuilding an index
 * reads the whole table, so this pays only when the rows written are many
 * and not far fewer than the rows stored. */
GStrv     chc_database_drop_indexes    (ChcDatabase            *self,
                                        const char             *table,
                                        GError                **error);
gboolean  chc_database_restore_indexes (ChcDatabase            *self,
                                        const char *const      *statements,
                                        GError                **error);

G_END_DECLS
