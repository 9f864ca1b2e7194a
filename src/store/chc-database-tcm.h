/* chc-database-tcm.h — the TCM rollout in the store: halls and corners,
 * specialty clinics, demonstration status, visits and training.
 *
 * Every write checks the rules of core/chc-tcm.h (a broken rule is a
 * %CHC_VALIDATE_ERROR naming the field), runs in its own (nested)
 * transaction and emits ChcDatabase::changed with "tcm" after commit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chc-database.h"
#include "model/chc-specialty-clinic.h"
#include "model/chc-tcm-enums.h"
#include "model/chc-tcm-site-event.h"
#include "model/chc-tcm-status.h"
#include "core/chc-tcm.h"

G_BEGIN_DECLS

/* ---- reading ------------------------------------------------------------ */

/* One ChcTcmStatus per facility of the district (registry order): site
 * state at the end of @year, specialty clinics open at the end of @year,
 * demonstration status, TCM and all visits of @year summed, staff trained
 * in @year. */
GPtrArray    *chc_database_list_tcm_status          (ChcDatabase        *self,
                                                     gint64              district_id,
                                                     int                 year,
                                                     GError            **error);
ChcTcmStatus *chc_database_get_tcm_status           (ChcDatabase        *self,
                                                     gint64              facility_id,
                                                     int                 year,
                                                     GError            **error);
/* (element-type ChcTcmSiteEvent): a facility's changes, oldest first. */
GPtrArray    *chc_database_list_tcm_site_events     (ChcDatabase        *self,
                                                     gint64              facility_id,
                                                     GError            **error);
/* (element-type ChcSpecialtyClinic): every clinic of a facility, open or
 * closed, in opening order. */
GPtrArray    *chc_database_list_specialty_clinics   (ChcDatabase        *self,
                                                     gint64              facility_id,
                                                     GError            **error);
/* The figures of one month; FALSE without @error when none are stored. */
gboolean      chc_database_get_tcm_visits           (ChcDatabase        *self,
                                                     gint64              facility_id,
                                                     const char         *period,
                                                     gint64             *tcm_visits,
                                                     gint64             *all_visits,
                                                     GError            **error);
/* (element-type ChcTcmTownRow): one row per town of the district: how
 * many facilities have an up-to-standard hall, a corner in service or up
 * to standard, a specialty clinic open, an awarded demonstration station
 * at the end of @year. */
GPtrArray    *chc_database_tcm_town_matrix          (ChcDatabase        *self,
                                                     gint64              district_id,
                                                     int                 year,
                                                     GError            **error);

/* (element-type ChcTcmTarget): the "tcm.*" indicators of the district's
 * plan covering @year, with the year's targets (plan data of the plans
 * branch); empty when the district has no such plan. */
GPtrArray    *chc_database_list_tcm_targets         (ChcDatabase        *self,
                                                     gint64              district_id,
                                                     int                 year,
                                                     GError            **error);

/* ---- writing ------------------------------------------------------------ */

/* Records that the facility's hall or corner is in @state from @date on;
 * replaces a change recorded for the same date. */
gboolean      chc_database_add_tcm_site_event       (ChcDatabase        *self,
                                                     gint64              facility_id,
                                                     ChcTcmSiteKind      kind,
                                                     const char         *date,
                                                     ChcTcmSiteState     state,
                                                     GError            **error);
gboolean      chc_database_remove_tcm_site_event    (ChcDatabase        *self,
                                                     gint64              facility_id,
                                                     const char         *date,
                                                     GError            **error);

/* Adds @clinic (its id is 0; set on success); the name is stored trimmed. */
gboolean      chc_database_add_specialty_clinic     (ChcDatabase        *self,
                                                     ChcSpecialtyClinic *clinic,
                                                     GError            **error);
/* Closes a clinic at @closed, or reopens it when @closed is NULL. */
gboolean      chc_database_close_specialty_clinic   (ChcDatabase        *self,
                                                     gint64              clinic_id,
                                                     const char         *closed,
                                                     GError            **error);
gboolean      chc_database_remove_specialty_clinic  (ChcDatabase        *self,
                                                     gint64              clinic_id,
                                                     GError            **error);

/* @year is 0 for none. */
gboolean      chc_database_set_tcm_demo             (ChcDatabase        *self,
                                                     gint64              facility_id,
                                                     ChcTcmDemoStatus    status,
                                                     int                 year,
                                                     GError            **error);
/* Stores (or replaces) the visits of a month (YYYY-MM). */
gboolean      chc_database_set_tcm_visits           (ChcDatabase        *self,
                                                     gint64              facility_id,
                                                     const char         *period,
                                                     gint64              tcm_visits,
                                                     gint64              all_visits,
                                                     GError            **error);
/* Stores (or replaces) the count of non-TCM doctors trained in a year. */
gboolean      chc_database_set_tcm_training         (ChcDatabase        *self,
                                                     gint64              facility_id,
                                                     int                 year,
                                                     gint64              trained,
                                                     GError            **error);

/* ---- checking ------------------------------------------------------------ */

/* Checks every stored TCM row against the rules of core/chc-tcm.h (rows
 * written behind the application's back, or before a rule existed) and
 * adds one human-readable line per problem to @problems (char *).
 * Called by chc_database_check(). */
gboolean      chc_database_check_tcm                (ChcDatabase        *self,
                                                     GPtrArray          *problems,
                                                     GError            **error);

/* ---- indicator conditions ---------------------------------------------- *
 *
 * FOR THE PLANS BRANCH (src/store/chc-database-indicators.c): register
 * these five conditions in its table of named conditions, each an SQL
 * query returning the ids of the facilities of district ?1 that satisfy
 * it at the end of year ?2:
 *
 *   { "tcm_specialty",           CHC_TCM_SQL_SPECIALTY },
 *   { "tcm_hall_up_to_standard", CHC_TCM_SQL_HALL_UP_TO_STANDARD },
 *   { "tcm_hall_in_service",     CHC_TCM_SQL_HALL_IN_SERVICE },
 *   { "tcm_corner",              CHC_TCM_SQL_CORNER },
 *   { "tcm_demo_awarded",        CHC_TCM_SQL_DEMO_AWARDED },
 *
 * (string literals, so the statement cache keyed by address works).  The
 * indicators: tcm.specialty_coverage = share/tcm_specialty (scope per
 * plan: Qingpu centre,branch,station; Songjiang and Changning centre);
 * tcm.hall_coverage = share/tcm_hall_in_service (Qingpu "a TCM hall in
 * 100% of institutions") or share/tcm_hall_up_to_standard (Songjiang's
 * "hall upgrade completed"); tcm.corner_coverage_stations = share/
 * tcm_corner over station; tcm.corner_coverage_villages = share/
 * tcm_corner over village_clinic; tcm.demo_stations = count/
 * tcm_demo_awarded over station,village_clinic; tcm.towns_with_demo =
 * town_share/tcm_demo_awarded.  They agree with chc_tcm_status_satisfies()
 * (tests/test-tcm.c, /tcm/indicators, checks both on the same data).
 */

#define TCM_YEAR_END "printf ('%04d-12-31', ?2)"

/* The state of each facility's site at the end of year ?2: its latest
 * change on or before that day. */
#define TCM_SITE_AT_YEAR_END(kind_sql, states_sql)                              \
  "SELECT e.facility_id FROM tcm_site_event e"                                  \
  " JOIN facility f ON f.id = e.facility_id"                                    \
  " WHERE f.district_id = ?1 AND e.kind = " kind_sql                            \
  " AND e.state IN (" states_sql ")"                                            \
  " AND e.date = (SELECT max (l.date) FROM tcm_site_event l"                    \
  "               WHERE l.facility_id = e.facility_id AND l.date <= " TCM_YEAR_END ")"

#define CHC_TCM_SQL_SPECIALTY                                                   \
  "SELECT DISTINCT c.facility_id FROM tcm_specialty_clinic c"                   \
  " JOIN facility f ON f.id = c.facility_id"                                    \
  " WHERE f.district_id = ?1 AND c.opened <= " TCM_YEAR_END                     \
  " AND (c.closed IS NULL OR c.closed > " TCM_YEAR_END ")"
/* The number of specialty clinics each facility has open at the end of the
 * year (a centre with two clinics counts two): figure tcm:specialty_clinics. */
#define CHC_TCM_SQL_SPECIALTY_CLINICS                                           \
  "SELECT c.facility_id, count (*) FROM tcm_specialty_clinic c"                 \
  " JOIN facility f ON f.id = c.facility_id"                                    \
  " WHERE f.district_id = ?1 AND c.opened <= " TCM_YEAR_END                     \
  " AND (c.closed IS NULL OR c.closed > " TCM_YEAR_END ") GROUP BY c.facility_id"
#define CHC_TCM_SQL_HALL_UP_TO_STANDARD                                         \
  TCM_SITE_AT_YEAR_END ("'hall'", "'up_to_standard'")
#define CHC_TCM_SQL_HALL_IN_SERVICE                                             \
  TCM_SITE_AT_YEAR_END ("'hall'", "'in_service', 'up_to_standard'")
#define CHC_TCM_SQL_CORNER                                                      \
  TCM_SITE_AT_YEAR_END ("'corner'", "'in_service', 'up_to_standard'")
#define CHC_TCM_SQL_CORNER_UP_TO_STANDARD                                       \
  TCM_SITE_AT_YEAR_END ("'corner'", "'up_to_standard'")
#define CHC_TCM_SQL_DEMO_AWARDED                                                \
  "SELECT d.facility_id FROM tcm_demo d JOIN facility f ON f.id = d.facility_id" \
  " WHERE f.district_id = ?1 AND d.status = 'awarded' AND d.year <= ?2"


/* Ids (gint64, ascending) of the facilities of @district_id satisfying
 * @condition at the end of @year, by the SQL query the plans' indicators
 * register under chc_tcm_condition_to_name (@condition). */
GArray       *chc_database_list_tcm_condition       (ChcDatabase        *self,
                                                     ChcTcmCondition     condition,
                                                     gint64              district_id,
                                                     int                 year,
                                                     GError            **error);

G_END_DECLS
