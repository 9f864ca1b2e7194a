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

/* Enters an issued bulletin in the register with what reproduces it: the
 * issuing body (发文机关), the figures it showed (@figures, JSON) and their
 * SHA-256 (@checksum, hex).  When @expected > 0 and the register's next
 * number is another (another program took it meanwhile), nothing is
 * written and that next number is returned, so the caller builds the
 * bulletin again with it; otherwise returns the number entered, or 0 with
 * @error. */
int       chc_database_register_issued_bulletin (ChcDatabase  *self,
                                                 gint64        district_id,
                                                 const char   *prefix,
                                                 int           year,
                                                 int           expected,
                                                 const char   *title,
                                                 const char   *period,
                                                 const char   *issue_date,
                                                 int           editions,
                                                 const char   *issuer,
                                                 const char   *figures,
                                                 const char   *checksum,
                                                 GError      **error);

/* One bulletin of the register (schema 4; issuer, figures and checksum
 * from schema 7, NULL for a bulletin issued before). */
typedef struct
{
  gint64  id;
  gint64  district_id;
  char   *prefix;
  int     year;
  int     number;
  char   *title;
  char   *period;
  char   *issue_date;
  int     editions;
  char   *issued_at;
  char   *issued_by;
  char   *issuer;
  char   *figures;
  char   *checksum;
} ChcBulletinIssue;

void              chc_bulletin_issue_free       (ChcBulletinIssue *issue);
/* "青卫健基层〔2025〕3号" */
char             *chc_bulletin_issue_dup_doc_number (const ChcBulletinIssue *issue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcBulletinIssue, chc_bulletin_issue_free)

/* The register of @district_id (0: every district) in the order of
 * issue.  (element-type ChcBulletinIssue) */
GPtrArray        *chc_database_list_bulletins   (ChcDatabase  *self,
                                                 gint64        district_id,
                                                 GError      **error);
/* The bulletin @id, or NULL with CHC_DATABASE_ERROR_NOT_FOUND. */
ChcBulletinIssue *chc_database_get_bulletin     (ChcDatabase  *self,
                                                 gint64        id,
                                                 GError      **error);
/* The bulletin numbered @prefix〔@year〕@number号 (of @district_id, or of
 * any district when 0), or NULL with CHC_DATABASE_ERROR_NOT_FOUND. */
ChcBulletinIssue *chc_database_find_bulletin    (ChcDatabase  *self,
                                                 gint64        district_id,
                                                 const char   *prefix,
                                                 int           year,
                                                 int           number,
                                                 GError      **error);

G_END_DECLS
