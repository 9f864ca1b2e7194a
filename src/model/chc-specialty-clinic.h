/* chc-specialty-clinic.h — a TCM specialty clinic (中医特色专病门诊) of a
 * facility: its name, opening date and closing date (if closed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CHC_TYPE_SPECIALTY_CLINIC (chc_specialty_clinic_get_type ())
G_DECLARE_FINAL_TYPE (ChcSpecialtyClinic, chc_specialty_clinic, CHC, SPECIALTY_CLINIC, GObject)

/* @opened and @closed are YYYY-MM-DD; @closed is NULL while open. */
ChcSpecialtyClinic *chc_specialty_clinic_new            (gint64              id,
                                                         gint64              facility_id,
                                                         const char         *name,
                                                         const char         *opened,
                                                         const char         *closed);
ChcSpecialtyClinic *chc_specialty_clinic_copy           (ChcSpecialtyClinic *self);

gint64              chc_specialty_clinic_get_id          (ChcSpecialtyClinic *self);
void                chc_specialty_clinic_set_id          (ChcSpecialtyClinic *self,
                                                          gint64              id);
gint64              chc_specialty_clinic_get_facility_id (ChcSpecialtyClinic *self);
void                chc_specialty_clinic_set_facility_id (ChcSpecialtyClinic *self,
                                                          gint64              facility_id);
const char         *chc_specialty_clinic_get_name        (ChcSpecialtyClinic *self);
void                chc_specialty_clinic_set_name        (ChcSpecialtyClinic *self,
                                                          const char         *name);
const char         *chc_specialty_clinic_get_opened      (ChcSpecialtyClinic *self);
void                chc_specialty_clinic_set_opened      (ChcSpecialtyClinic *self,
                                                          const char         *opened);
const char         *chc_specialty_clinic_get_closed      (ChcSpecialtyClinic *self);
void                chc_specialty_clinic_set_closed      (ChcSpecialtyClinic *self,
                                                          const char         *closed);

G_END_DECLS
