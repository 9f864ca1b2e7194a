/* chc-demo-projects.h — the construction projects of the demo database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/chc-database.h"

G_BEGIN_DECLS

/* Adds the projects the plans name (DOMAIN.md) to the demo registry, with
 * invented dates.  Called by chc_demo_populate() once the facilities are
 * in; leaves every facility of the registry as it found it. */
gboolean chc_demo_add_projects (ChcDatabase  *database,
                                GError      **error);

G_END_DECLS
