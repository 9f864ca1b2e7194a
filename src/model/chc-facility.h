/* chc-facility.h — a community health facility of the registry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chc-enums.h"

G_BEGIN_DECLS

#define CHC_TYPE_FACILITY (chc_facility_get_type ())
G_DECLARE_FINAL_TYPE (ChcFacility, chc_facility, CHC, FACILITY, GObject)

ChcFacility       *chc_facility_new                (void);
ChcFacility       *chc_facility_copy               (ChcFacility       *self);
gboolean           chc_facility_equal              (ChcFacility       *a,
                                                    ChcFacility       *b);

gint64             chc_facility_get_id             (ChcFacility       *self);
void               chc_facility_set_id             (ChcFacility       *self,
                                                    gint64             id);
const char        *chc_facility_get_code           (ChcFacility       *self);
void               chc_facility_set_code           (ChcFacility       *self,
                                                    const char        *code);
const char        *chc_facility_get_name           (ChcFacility       *self);
void               chc_facility_set_name           (ChcFacility       *self,
                                                    const char        *name);
ChcFacilityType    chc_facility_get_facility_type  (ChcFacility       *self);
void               chc_facility_set_facility_type  (ChcFacility       *self,
                                                    ChcFacilityType    type);
gint64             chc_facility_get_district_id    (ChcFacility       *self);
void               chc_facility_set_district_id    (ChcFacility       *self,
                                                    gint64             district_id);
const char        *chc_facility_get_district_name  (ChcFacility       *self);
void               chc_facility_set_district_name  (ChcFacility       *self,
                                                    const char        *name);
gint64             chc_facility_get_town_id        (ChcFacility       *self);
void               chc_facility_set_town_id        (ChcFacility       *self,
                                                    gint64             town_id);
const char        *chc_facility_get_town_name      (ChcFacility       *self);
void               chc_facility_set_town_name      (ChcFacility       *self,
                                                    const char        *name);
gint64             chc_facility_get_parent_id      (ChcFacility       *self);
void               chc_facility_set_parent_id      (ChcFacility       *self,
                                                    gint64             parent_id);
const char        *chc_facility_get_parent_name    (ChcFacility       *self);
void               chc_facility_set_parent_name    (ChcFacility       *self,
                                                    const char        *name);
double             chc_facility_get_floor_area     (ChcFacility       *self);
void               chc_facility_set_floor_area     (ChcFacility       *self,
                                                    double             floor_area);
gboolean           chc_facility_get_standardized   (ChcFacility       *self);
void               chc_facility_set_standardized   (ChcFacility       *self,
                                                    gboolean           standardized);
int                chc_facility_get_standardized_year (ChcFacility    *self);
void               chc_facility_set_standardized_year (ChcFacility    *self,
                                                       int             year);
ChcFacilityStatus  chc_facility_get_status         (ChcFacility       *self);
void               chc_facility_set_status         (ChcFacility       *self,
                                                    ChcFacilityStatus  status);
/* 统一社会信用代码 and 医疗机构执业许可证登记号: optional, NULL when
 * not given (an empty text is stored as NULL). */
const char        *chc_facility_get_credit_code    (ChcFacility       *self);
void               chc_facility_set_credit_code    (ChcFacility       *self,
                                                    const char        *code);
const char        *chc_facility_get_opened_on      (ChcFacility       *self);
void               chc_facility_set_opened_on      (ChcFacility       *self,
                                                    const char        *value);
const char        *chc_facility_get_closed_on      (ChcFacility       *self);
void               chc_facility_set_closed_on      (ChcFacility       *self,
                                                    const char        *value);
gboolean           chc_facility_get_code_provisional (ChcFacility     *self);
void               chc_facility_set_code_provisional (ChcFacility     *self,
                                                      gboolean         value);
/* Whether the facility was in the registry at the end of @date
 * (YYYY-MM-DD): the rule of every indicator's "as of the period". */
gboolean           chc_facility_in_service_on      (ChcFacility       *self,
                                                    const char        *date);
gboolean           chc_facility_dates_in_service   (ChcFacilityStatus  status,
                                                    const char        *opened_on,
                                                    const char        *closed_on,
                                                    const char        *date);
const char        *chc_facility_get_license_no     (ChcFacility       *self);
void               chc_facility_set_license_no     (ChcFacility       *self,
                                                    const char        *number);

G_END_DECLS
