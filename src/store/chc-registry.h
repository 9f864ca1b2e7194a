/* chc-registry.h — the facility registry as a list model over the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_REGISTRY (chc_registry_get_type ())
G_DECLARE_FINAL_TYPE (ChcRegistry, chc_registry, CHC, REGISTRY, GObject)

ChcRegistry *chc_registry_new             (ChcDatabase  *database);
ChcDatabase *chc_registry_get_database    (ChcRegistry  *self);
/* Every facility of every district (element type ChcFacility). */
GListModel  *chc_registry_get_facilities  (ChcRegistry  *self);
/* Every district (element type ChcDistrict). */
GListModel  *chc_registry_get_districts   (ChcRegistry  *self);
gboolean     chc_registry_reload          (ChcRegistry  *self,
                                           GError      **error);
ChcFacility *chc_registry_lookup          (ChcRegistry  *self,
                                           gint64        id);

gboolean     chc_registry_add_facility    (ChcRegistry  *self,
                                           ChcFacility  *facility,
                                           GError      **error);
gboolean     chc_registry_update_facility (ChcRegistry  *self,
                                           ChcFacility  *edited,
                                           GError      **error);
gboolean     chc_registry_remove_facility (ChcRegistry  *self,
                                           gint64        id,
                                           GError      **error);

G_END_DECLS
