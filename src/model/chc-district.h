/* chc-district.h — a district (区) of Shanghai.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CHC_TYPE_DISTRICT (chc_district_get_type ())
G_DECLARE_FINAL_TYPE (ChcDistrict, chc_district, CHC, DISTRICT, GObject)

ChcDistrict *chc_district_new          (gint64       id,
                                        const char  *name,
                                        const char  *name_en);
gint64       chc_district_get_id       (ChcDistrict *self);
const char  *chc_district_get_name     (ChcDistrict *self);
const char  *chc_district_get_name_en  (ChcDistrict *self);
/* 行政区划代码 (310118), or NULL. */
const char  *chc_district_get_code     (ChcDistrict *self);
void         chc_district_set_code     (ChcDistrict *self,
                                        const char  *code);
/* "青浦" for "青浦区": the name without its 区 suffix. */
char        *chc_district_dup_short_name (ChcDistrict *self);
gboolean     chc_district_matches      (ChcDistrict *self,
                                        const char  *name_or_alias);

G_END_DECLS
