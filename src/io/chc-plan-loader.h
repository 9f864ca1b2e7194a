/* chc-plan-loader.h — loads plans from a key file (data/plans.ini, the
 * built-in plans of the seeds) into the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/chc-database.h"

G_BEGIN_DECLS

/* Loads the built-in plans (the GResource copy of data/plans.ini) for the
 * districts the database has; a plan already present (same district and
 * name) is left alone.  One transaction. */
gboolean chc_plan_loader_load_builtin  (ChcDatabase  *database,
                                        GError      **error);
/* Loads the built-in plans again when they changed since this database
 * last loaded them (a newer version of the program: its new indicators,
 * and the sources of the old ones); a read-only database is left alone.
 * Called when the window or chc-cli opens a database. */
gboolean chc_plan_loader_sync_builtin  (ChcDatabase  *database,
                                        GError      **error);
/* The same for @key_file; @file_name names it in errors ("plans.ini"). */
gboolean chc_plan_loader_load_key_file (ChcDatabase  *database,
                                        GKeyFile     *key_file,
                                        const char   *file_name,
                                        GError      **error);

G_END_DECLS
