/* chc-database-signing.h — family-doctor signing figures in the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/chc-database.h"
#include "model/chc-signing-record.h"
#include "store/chc-database-values.h"

G_BEGIN_DECLS

/* The month's records of a district, one per reporting facility: the
 * operating centres and branch centres of the district, plus any other
 * facility of the district that has figures for @period; centres each
 * followed by their branch centres.  A facility without figures for the
 * month comes back unsaved, with every figure 0.
 * Returns: (transfer full) (element-type ChcSigningRecord) */
GPtrArray        *chc_database_list_signing_month     (ChcDatabase  *self,
                                                       gint64        district_id,
                                                       const char   *period,
                                                       GError      **error);

/* The stored records of a facility from @from to @to (inclusive; NULL for
 * no bound), in order of period.
 * Returns: (transfer full) (element-type ChcSigningRecord) */
GPtrArray        *chc_database_get_signing_series     (ChcDatabase  *self,
                                                       gint64        facility_id,
                                                       const char   *from,
                                                       const char   *to,
                                                       GError      **error);

/* Every stored record of a district's facilities from @from to @to
 * (inclusive; NULL for no bound), by period, then facility.
 * Returns: (transfer full) (element-type ChcSigningRecord) */
GPtrArray        *chc_database_list_signing_range     (ChcDatabase  *self,
                                                       gint64        district_id,
                                                       const char   *from,
                                                       const char   *to,
                                                       GError      **error);

/* The facility's latest stored record before @period (the record that the
 * warnings compare with), or NULL without error when there is none. */
ChcSigningRecord *chc_database_get_previous_signing   (ChcDatabase  *self,
                                                       gint64        facility_id,
                                                       const char   *period,
                                                       GError      **error);
/* The facility's first stored record after @period, or NULL without error. */
ChcSigningRecord *chc_database_get_next_signing       (ChcDatabase  *self,
                                                       gint64        facility_id,
                                                       const char   *period,
                                                       GError      **error);

/* The latest period from @from to @to (inclusive; NULL for no bound) with
 * figures of the district, or NULL without error when there is none. */
char             *chc_database_get_latest_signing_period (ChcDatabase *self,
                                                          gint64       district_id,
                                                          const char  *from,
                                                          const char  *to,
                                                          GError     **error);

/* What saving @records as the figures of @period would meet: the rules
 * they break (added to @violations) and the warnings (added to @warnings,
 * against each facility's previous and next stored records).  Messages
 * start with the facility's name; fields are those of chc_signing_check().
 * FALSE with @error only when the check itself failed. */
gboolean          chc_database_check_signing_month    (ChcDatabase  *self,
                                                       const char   *period,
                                                       GPtrArray    *records,
                                                       GPtrArray    *violations,
                                                       GPtrArray    *warnings,
                                                       GError      **error);

/* Stores @records (element-type ChcSigningRecord, all of @period, one per
 * facility) in one transaction, replacing the facilities' figures of the
 * month; other facilities' figures are left alone.  The rules are checked
 * again: a broken rule is a %CHC_VALIDATE_ERROR_INVALID listing every
 * violation and nothing is saved.  Warnings are saved only when
 * @accept_warnings; otherwise %CHC_SIGNING_ERROR_UNCONFIRMED_WARNINGS lists
 * them and nothing is saved.  On success every record is marked saved and
 * ::changed ("signing") is emitted. */
gboolean          chc_database_save_signing_month     (ChcDatabase  *self,
                                                       const char   *period,
                                                       GPtrArray    *records,
                                                       gboolean      accept_warnings,
                                                       GError      **error);

/* For a new month: copies the resident population and key population of
 * each facility's previous stored record into @records where those figures
 * are 0.  Writes nothing to the store.  Sets @n_copied to the number of
 * records that changed. */
gboolean          chc_database_copy_signing_population (ChcDatabase *self,
                                                        GPtrArray   *records,
                                                        guint       *n_copied,
                                                        GError     **error);

/* Deletes a facility's figures of a month (nothing when there are none). */
gboolean          chc_database_delete_signing         (ChcDatabase  *self,
                                                       gint64        facility_id,
                                                       const char   *period,
                                                       GError      **error);

/* The district's signing figures of @period by the one aggregation of
 * every figure (chc_database_aggregate(): each centre's latest saved month
 * up to @period within its year, summed): what the signing grid's total
 * row, chc-cli signing and the Dashboard's year figure show.  @info (may
 * be NULL) receives how many centres reported and how many were carried
 * from an earlier month (those of the resident population). */
gboolean          chc_database_signing_total          (ChcDatabase       *self,
                                                       gint64             district_id,
                                                       const char        *period,
                                                       ChcSigningFigures *total,
                                                       ChcAggregate      *info,
                                                       GError           **error);

/* For chc_database_check(): the stored rows that break a rule, one line
 * each, appended to @problems. */
gboolean          chc_database_check_signing          (ChcDatabase  *self,
                                                       GPtrArray    *problems,
                                                       GError      **error);

G_END_DECLS
