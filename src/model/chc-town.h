/* chc-town.h — a town or sub-district (街镇) of a district.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CHC_TYPE_TOWN (chc_town_get_type ())
G_DECLARE_FINAL_TYPE (ChcTown, chc_town, CHC, TOWN, GObject)

ChcTown     *chc_town_new             (gint64      id,
                                       gint64      district_id,
                                       const char *name);
gint64       chc_town_get_id          (ChcTown    *self);
gint64       chc_town_get_district_id (ChcTown    *self);
const char  *chc_town_get_name        (ChcTown    *self);
/* 乡镇级代码 (nine digits), or NULL. */
const char  *chc_town_get_code        (ChcTown    *self);
void         chc_town_set_code        (ChcTown    *self,
                                       const char *code);

/* The id of the town of @district_id named @name in @towns (ChcTown), or 0. */
gint64       chc_towns_find_id        (GPtrArray  *towns,
                                       gint64      district_id,
                                       const char *name);

G_END_DECLS
