/* chc-demo.h — the demo database: the districts, towns and facilities of
 * the seeds, with invented figures, marked as demo data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/chc-database.h"

G_BEGIN_DECLS

/* Fills an empty database with the demo registry and marks it as demo data.
 * Refuses a database that already holds districts. */
gboolean chc_demo_populate (ChcDatabase  *database,
                            GError      **error);

/* Adds the three districts and their towns only (an "empty" database still
 * knows Shanghai's districts of the plans). Does nothing if present. */
gboolean chc_demo_add_districts (ChcDatabase  *database,
                                 GError      **error);

/* The demo centres' service capabilities (chc-demo-capabilities.c). */
/* Invented values of the generic data elements (chc-demo-values.c). */
/* The demo's reporting cycle: states and locked periods (chc-demo-reporting.c). */
gboolean chc_demo_add_reporting (ChcDatabase  *database,
                                 GError      **error);
gboolean chc_demo_add_values (ChcDatabase  *database,
                              GError      **error);
gboolean chc_demo_add_capabilities (ChcDatabase  *database,
                                    GError      **error);

G_END_DECLS
