/* chc-package.h — offline exchange packages between centres and the
 * commission (issue 9).
 *
 * A package (*.chcpkg) is a SQLite file of its own (application_id "CHCP")
 * holding a manifest (format and schema version, source installation,
 * created at, row counts, SHA-256 of the content) and the rows of the
 * tracked tables in their natural-key form, with their versions.  Merging
 * compares versions row by row and field by field: what only one side
 * changed is taken or kept, what both sides changed differently is a
 * conflict that the user resolves (never silently).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chc-database.h"
#include "model/chc-merge-plan.h"

G_BEGIN_DECLS

#define CHC_PACKAGE_ERROR (chc_package_error_quark ())

typedef enum
{
  CHC_PACKAGE_ERROR_NOT_PACKAGE,   /* not a package at all */
  CHC_PACKAGE_ERROR_CORRUPT,       /* truncated, damaged or checksum mismatch */
  CHC_PACKAGE_ERROR_TOO_NEW,       /* a newer package format or schema */
  CHC_PACKAGE_ERROR_CONFLICTS,     /* unresolved conflicts: nothing applied */
  CHC_PACKAGE_ERROR_INVALID,       /* the rows cannot be applied (a rule) */
  CHC_PACKAGE_ERROR_SIGNATURE,     /* unsigned, or the signature does not verify */
  CHC_PACKAGE_ERROR_UNTRUSTED,     /* signed with another key than the pinned one,
                                      or a new sender not confirmed */
} ChcPackageError;

/* 2: signed (issue 18); 1: unsigned, refused at merge. */
#define CHC_PACKAGE_FORMAT_VERSION 2
#define CHC_PACKAGE_APPLICATION_ID 0x43484350   /* "CHCP" */

GQuark       chc_package_error_quark   (void);

typedef struct
{
  const char *centre;       /* code or name of a centre: its facilities and
                               everything about them; NULL: everything */
  gboolean    since_last;   /* only rows changed since the last package to
                               the same recipient (and centre) */
  const char *recipient;    /* NULL: "commission" */
} ChcPackageExportOptions;

typedef struct
{
  int         format_version;
  int         schema_version;
  char       *source_installation;
  char       *source_label;    /* e.g. the centre's name, or "" */
  char       *created_at;      /* ISO 8601 */
  char       *sha256;
  guint       n_rows;          /* rows in the package */
  GHashTable *counts;          /* table name → GUINT_TO_POINTER (rows) */
  char       *source_centre;   /* code of the centre, or "" (issue 18) */
  char       *public_key;      /* the signer's Ed25519 key, hex; NULL: unsigned */
  char       *fingerprint;     /* of public_key, "3F2A-91C0-77D4-0B1E-5A62";
                                  NULL: unsigned (format 1) */
} ChcPackageInfo;

void             chc_package_info_free   (ChcPackageInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcPackageInfo, chc_package_info_free)

/* Writes a package to @path (replaced atomically through a temporary file
 * created O_EXCL with mode 0600 in the same folder; the package is 0600).
 * Returns its manifest. */
ChcPackageInfo  *chc_package_export      (ChcDatabase                   *database,
                                          const char                    *path,
                                          const ChcPackageExportOptions *options,
                                          GError                       **error);

/* Reads and verifies a package without touching any database (format,
 * schema, checksum, signature: see chc-package-keys.h).  A package that is
 * truncated, corrupted, altered, newer or not a package at all gives NULL
 * and an error in plain words.  An unsigned package (format 1) is read,
 * with a NULL fingerprint; it is refused at merge. */
ChcPackageInfo  *chc_package_read_info   (const char                    *path,
                                          GError                       **error);

/* Verifies @path and works out what merging it into @database would
 * change, writing nothing.  Refuses an unsigned package and one signed with
 * another key than the one pinned for its sender (CHC_PACKAGE_ERROR_SIGNATURE,
 * _UNTRUSTED); a sender not pinned yet is marked on the plan
 * (chc_merge_plan_get_signer_is_new()) and must be trusted on it before
 * applying.  The plan lists every conflict and the first
 * 10,000 other changes (take, insert, delete), and counts them all;
 * conflicts must be resolved with chc_merge_change_set_choice() (or a
 * default given to apply).
 *
 * The package is untrusted input.  Its image must have exactly the
 * tables of a package (no view, trigger, index or other object) and is
 * read with SQLite's defensive mode, no trusted schema, views and
 * triggers disabled, small value and statement limits and a budget of
 * instructions in proportion to its size; it is read one row at a time
 * (memory does not grow with its number of rows).  The whole package is
 * refused (CHC_PACKAGE_ERROR_INVALID, naming the table, row and field;
 * nothing is written) when a row:
 *  - breaks a rule of import and entry (store/chc-row-rules.h: types,
 *    dates, months, years, counts, enumerations, lengths, the rules
 *    between fields; a facility's district must exist here and its
 *    parent be a centre of the same district), or has a key other than
 *    the one its values give;
 *  - is outside the package's scope: a centre's package (manifest
 *    "scope_centre", or "source_label" for older packages) may only hold
 *    rows of that centre, of the facilities under it here and of new
 *    facilities it puts under it (and their figures, projects and
 *    milestones);
 *  - would change (not only the versions of) a figure, project or
 *    milestone of this database's own centre ("home_centre" in meta: set
 *    by the first centre's package exported here to the commission) when
 *    the package was not made for that centre: a centre's own records
 *    change only at the centre;
 *  - claims in its version, field stamps or creation a tick of this
 *    installation beyond the clock of the last package made here (the
 *    only way another database can know our changes): forged history. */
ChcMergePlan    *chc_package_plan_merge  (ChcDatabase                   *database,
                                          const char                    *path,
                                          GError                       **error);

/* Called while applying: changes applied so far and in all. */
typedef void (*ChcMergeProgressFunc)     (guint     done,
                                          guint     total,
                                          gpointer  user_data);

/* Applies @plan in one transaction after an automatic backup, pinning a
 * new sender's key (trusted on the plan) in the same transaction.  Conflicts
 * whose choice is NONE take @unresolved; when that is NONE too and a
 * conflict is unresolved, nothing is applied (CHC_PACKAGE_ERROR_CONFLICTS).
 * The package is verified again (it may have changed since the plan);
 * on any error nothing is written.  Records every change in the audit
 * log with origin "merge FILE".  Returns the number of fields/rows written
 * in @n_applied. */
gboolean         chc_package_apply_merge (ChcDatabase                   *database,
                                          ChcMergePlan                  *plan,
                                          ChcMergeChoice                 unresolved,
                                          ChcMergeProgressFunc           progress,
                                          gpointer                       progress_data,
                                          guint                         *n_applied,
                                          GError                       **error);

/* The same in a worker thread with its own connection to @database's file
 * (the window stays responsive).  @done and @total (may be NULL) are set
 * atomically while it runs, for a progress bar to read; they must outlive
 * the task.  The plan must not change until it finishes.  On success,
 * ::changed is emitted on @database for every tracked table. */
void             chc_package_apply_merge_async  (ChcDatabase          *database,
                                                 ChcMergePlan         *plan,
                                                 ChcMergeChoice        unresolved,
                                                 gint                 *done,
                                                 gint                 *total,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean         chc_package_apply_merge_finish (ChcDatabase          *database,
                                                 GAsyncResult         *result,
                                                 guint                *n_applied,
                                                 GError              **error);

G_END_DECLS
