/* chc-demo-tcm.h — the TCM rollout of the demo database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/chc-database.h"

G_BEGIN_DECLS

/* Adds halls and corners, specialty clinics, demonstration stations,
 * monthly visits of the centres (2023-01 to this month) and training to
 * the demo registry.  Deterministic; called by chc_demo_populate(). */
gboolean chc_demo_tcm_populate (ChcDatabase  *database,
                                GError      **error);

G_END_DECLS
