/* chc-registry-seed.h — a district's registry to start from: its towns, the
 * facilities and construction items its plan names (data/registries/, one .ini a district).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/chc-database.h"

G_BEGIN_DECLS

/* The 行政区划代码 of the districts that have a built-in registry, in the
 * order they are offered ("310118" 青浦区, "310105" 长宁区, "310117" 松江区),
 * NULL-terminated. */
const char *const *chc_registry_seed_get_district_codes (void);

/* Loads the built-in registry of @district ("青浦区", "青浦", "Qingpu" or
 * "310118") into @database: the districts, towns and built-in plans of a new
 * database first (as chc_demo_add_districts()), then the district's missing
 * towns, its facilities (codes marked provisional) and its construction
 * projects, in one transaction, through the store's functions.  Refuses with
 * %CHC_DATABASE_ERROR_IN_USE when the district already has facilities or its
 * registry was loaded before, and with %CHC_DATABASE_ERROR_NOT_FOUND when
 * there is no registry for @district. */
gboolean chc_registry_seed_district  (ChcDatabase  *database,
                                      const char   *district,
                                      GError      **error);

/* The same for the declaration @key_file (its [district] group names the
 * district); @file_name names it in errors and in the audit log. */
gboolean chc_registry_seed_key_file  (ChcDatabase  *database,
                                      GKeyFile     *key_file,
                                      const char   *file_name,
                                      GError      **error);

G_END_DECLS
