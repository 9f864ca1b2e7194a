/* chc-database-bulletins.h — what a district remembers for its bulletins
 * (通报) and the register of issued bulletins that gives each its number
 * (chc-database-bulletins.c, schema 4).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chc-database.h"

G_BEGIN_DECLS

/* Keys of the remembered settings. */
#define CHC_BULLETIN_ISSUING_MARK  "issuing_mark"   /* 发文机关标志 */
#define CHC_BULLETIN_DOC_PREFIX    "doc_prefix"     /* 发文字号 prefix, 青卫健基层 */
#define CHC_BULLETIN_SIGNER        "signer"         /* the body that signs */
#define CHC_BULLETIN_COPY_TO       "copy_to"        /* 抄送 */
#define CHC_BULLETIN_PRINTER       "printer"        /* 印发机关 */
#define CHC_BULLETIN_REQUIREMENTS  "requirements"   /* 下一步工作要求 template */

/* The value of @key for @district_id, or NULL when never set. */
char     *chc_database_get_bulletin_setting (ChcDatabase  *self,
                                             gint64        district_id,
                                             const char   *key);
/* Remembers @value ("" too: an empty 抄送 is none); NULL forgets it. */
gboolean  chc_database_set_bulletin_setting (ChcDatabase  *self,
                                             gint64        district_id,
                                             const char   *key,
                                             const char   *value,
                                             GError      **error);

/* The number the next bulletin of @district_id with @prefix in @year
 * would get (one more than the highest issued); 0 on error. */
int       chc_database_next_bulletin_number (ChcDatabase  *self,
                                             gint64        district_id,
                                             const char   *prefix,
                                             int           year,
                                             GError      **error);
/* Enters a bulletin in the register and returns its number (one more than
 * the highest issued with @prefix in @year), or 0 with @error. */
int       chc_database_register_bulletin    (ChcDatabase  *self,
                                             gint64        district_id,
                                             const char   *prefix,
                                             int           year,
                                             const char   *title,
                                             const char   *period,
                                             const char   *issue_date,
                                             int           editions,
                                             GError      **error);

G_END_DECLS
