/* chc-database-sync.h — who changed what: row versions, the audit log,
 * backups and restores (issue 9).
 *
 * Every row of the tracked tables (facility, capability, signing, the TCM
 * tables, project, milestone) has a natural key (its "row key": a facility
 * by its code, a monthly figure by "CODE|YYYY-MM", a project by its uid, a
 * milestone by "UID|milestone") and a version kept by the store on every
 * write: the installation that last changed it, a change counter and a
 * version vector.  Every change is recorded in the audit log with the OS
 * user and the origin ("entry", "import FILE", "merge FILE", "restore FILE").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chc-database.h"
#include "model/chc-audit-entry.h"

G_BEGIN_DECLS

/* The origin recorded with the changes that follow (until set again);
 * NULL or "" means "entry" (typed by the user). */
void         chc_database_set_origin         (ChcDatabase  *self,
                                              const char   *origin);
const char  *chc_database_get_origin         (ChcDatabase  *self);

/* The names of the tracked tables, NULL-terminated, in dependency order. */
const char * const *chc_database_tracked_tables (void);
/* Whether @field is a field of the tracked table @table (as packages and
 * the audit log name it). */
gboolean     chc_database_tracked_has_field  (const char   *table,
                                              const char   *field);

/* Every other table of the schema, with the reason it is not tracked (not
 * in the audit log, not carried by exchange packages); ends with
 * { NULL, NULL }.  A new table goes into one of the two lists: a test
 * (tests/test-schema-tables.c) fails on a table in neither. */
typedef struct
{
  const char *table;
  const char *reason;
} ChcUntrackedTable;

const ChcUntrackedTable *chc_database_untracked_tables (void);
/* A translated name of a tracked table ("签约数据" …) for the UI. */
const char  *chc_database_table_label        (const char   *table);
/* A translated name of a field of a tracked table as packages and the
 * audit log name it ("signed_residents" → "签约人数"; "*" → "整条记录"). */
const char  *chc_database_field_label        (const char   *table,
                                              const char   *field);

typedef struct
{
  const char *table;           /* NULL: every table */
  const char *row_key;         /* NULL: every row; else this row … */
  gboolean    row_key_prefix;  /* … or every row whose key starts with it */
  const char *since;           /* "YYYY-MM-DD" (inclusive) or NULL */
  const char *until;           /* "YYYY-MM-DD" (inclusive) or NULL */
  const char *origin;          /* substring of the origin, or NULL */
  const char *user;            /* OS user, or NULL */
  guint       limit;           /* 0: no limit */
  gboolean    newest_first;
} ChcAuditFilter;

/* The audit log: a GPtrArray of ChcAuditEntry, oldest first unless
 * filter->newest_first (filter may be NULL: everything). */
GPtrArray   *chc_database_list_audit         (ChcDatabase          *self,
                                              const ChcAuditFilter *filter,
                                              GError              **error);
/* The history of one record: every audit entry of @table whose key is
 * @row_key, newest first. */
GPtrArray   *chc_database_list_history       (ChcDatabase  *self,
                                              const char   *table,
                                              const char   *row_key,
                                              GError      **error);
/* Row keys of records as the audit log names them. */
char        *chc_database_facility_row_key   (ChcDatabase  *self,
                                              gint64        facility_id);
char        *chc_database_project_row_key    (ChcDatabase  *self,
                                              gint64        project_id);
/* "CODE|PERIOD" for a facility's monthly figure (signing, tcm_visits). */
char        *chc_database_monthly_row_key    (ChcDatabase  *self,
                                              gint64        facility_id,
                                              const char   *period);

/* ---- backups --------------------------------------------------------- */

/* Every backup FILE is written with FILE.sha256 beside it (sha256sum's
 * format: "HEX  NAME"; `sha256sum -c FILE.sha256` checks it too).  Backups,
 * their checksums and every temporary file are created 0600 with O_EXCL
 * under an unpredictable name (NAME.chc-XXXXXX.part) in the target folder
 * and renamed into place; the backups folder is 0700. */

/* Copies the database to @dest_path with the SQLite online backup API
 * (consistent even while the database is open), and its checksum to
 * @dest_path.sha256. */
gboolean     chc_database_backup_to          (ChcDatabase  *self,
                                              const char   *dest_path,
                                              GError      **error);
/* The folder of automatic backups: "backups" beside the database file. */
char        *chc_database_get_backup_dir     (ChcDatabase  *self);
/* Makes an automatic backup (before an import, a merge or a restore) in
 * the backup folder, keeping the last 10; returns its path.  @reason is a
 * short ASCII word used in the file name ("import", "merge", "restore"). */
char        *chc_database_backup_auto        (ChcDatabase  *self,
                                              const char   *reason,
                                              GError      **error);
/* Lists the automatic backups, newest first (full paths). */
GPtrArray   *chc_database_list_backups       (ChcDatabase  *self,
                                              GError      **error);

typedef enum
{
  CHC_RESTORE_DEFAULT          = 0,
  /* Accept a file without checksum (a copy made by hand) when it passes
   * every other check; without it such a file is refused with
   * CHC_DATABASE_ERROR_UNVERIFIED. */
  CHC_RESTORE_ALLOW_UNVERIFIED = 1 << 0,
} ChcRestoreFlags;

/* Replaces the whole content of the database by @source_path.  The source
 * is first copied to a private temporary file and checked there: its
 * checksum (@source_path.sha256; a mismatch, e.g. a backup one byte short
 * or with a changed byte, is refused with CHC_DATABASE_ERROR_CORRUPT),
 * that it is a CHC Monitor database this version reads, that its size
 * matches the pages it holds, and a full PRAGMA integrity_check.  Anything
 * refused leaves the database unchanged.  Then an automatic backup of the
 * current content is made, and the content replaced.  The restored
 * database gets a new installation id (it is a fork of the past).  Emits
 * ::changed for every table.  @out_verified (may be NULL): whether the
 * checksum was there and matched. */
gboolean     chc_database_restore_from_full  (ChcDatabase      *self,
                                              const char       *source_path,
                                              ChcRestoreFlags   flags,
                                              gboolean         *out_verified,
                                              GError          **error);
/* The same with CHC_RESTORE_DEFAULT: a backup without checksum is
 * refused. */
gboolean     chc_database_restore_from       (ChcDatabase  *self,
                                              const char   *source_path,
                                              GError      **error);

G_END_DECLS
