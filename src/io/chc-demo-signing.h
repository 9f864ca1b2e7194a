/* chc-demo-signing.h — invented monthly family-doctor signing figures for
 * the demo database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/chc-database.h"

G_BEGIN_DECLS

/* Stores figures from 2023-01 to the current month (local clock) for every
 * reporting facility of Qingpu, Changning and Songjiang.  Deterministic:
 * the figures of a month do not depend on the current date. */
gboolean chc_demo_signing_populate       (ChcDatabase  *database,
                                          GError      **error);
/* The same, up to @last_period ("YYYY-MM") instead of the current month. */
gboolean chc_demo_signing_populate_until (ChcDatabase  *database,
                                          const char   *last_period,
                                          GError      **error);

G_END_DECLS
