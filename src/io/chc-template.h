/* chc-template.h — entry templates: an Excel/WPS sheet a centre fills in
 * and sends back, which imports as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

/* "signing": the family-doctor signing figures of a month; the only data
 * set with an entry template today. */
gboolean  chc_template_data_set_from_nick (const char   *nick);

/* Writes the signing template of @centre (and the branch centres under
 * it) for @period (YYYY-MM) to @path: the signing import's columns with
 * Chinese headers, the facilities as rows (code, name, district and month
 * filled in and locked; the figures unlocked, with the month's saved
 * values when there are), Excel data validation (whole numbers from 0;
 * signed at most the residents, key-population figures at most their
 * population, online at most signed, community visits at most all
 * visits), the sheet protected.  @n_rows (optional): the facilities. */
gboolean  chc_template_write_signing     (ChcDatabase  *database,
                                          ChcFacility  *centre,
                                          const char   *period,
                                          const char   *path,
                                          guint        *n_rows,
                                          GError      **error);

G_END_DECLS
