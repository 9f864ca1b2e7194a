/* chc-database.h — the SQLite store: the one place that owns SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/chc-district.h"
#include "model/chc-town.h"
#include "model/chc-facility.h"

G_BEGIN_DECLS

#define CHC_DATABASE_ERROR (chc_database_error_quark ())

typedef enum
{
  CHC_DATABASE_ERROR_NOT_CHC,      /* the file is not a CHC Monitor database */
  CHC_DATABASE_ERROR_TOO_NEW,      /* written by a newer version */
  CHC_DATABASE_ERROR_CORRUPT,      /* fails PRAGMA quick_check or is damaged */
  CHC_DATABASE_ERROR_IO,           /* cannot open, read or write */
  CHC_DATABASE_ERROR_SQL,          /* any other SQLite failure */
  CHC_DATABASE_ERROR_NOT_FOUND,    /* no such row */
  CHC_DATABASE_ERROR_IN_USE,       /* refused: other rows depend on it */
  CHC_DATABASE_ERROR_CONSTRAINT,   /* a rule of the data is broken */
  CHC_DATABASE_ERROR_BUSY,         /* another program kept the write lock */
  CHC_DATABASE_ERROR_READ_ONLY,    /* the file (or its folder) is read-only */
  CHC_DATABASE_ERROR_UNVERIFIED,   /* a backup without checksum (restore) */
  CHC_DATABASE_ERROR_LOCKED,       /* a locked period of the reporting cycle (issue 15) */
} ChcDatabaseError;

/* The schema version this build writes.  Bump it together with a new
 * migration function in chc-database.c. */
#define CHC_DATABASE_SCHEMA_VERSION 8

/* PRAGMA application_id of every CHC Monitor database ("CHC1"). */
#define CHC_DATABASE_APPLICATION_ID 0x43484331

#define CHC_TYPE_DATABASE (chc_database_get_type ())
G_DECLARE_FINAL_TYPE (ChcDatabase, chc_database, CHC, DATABASE, GObject)

GQuark       chc_database_error_quark        (void);
char        *chc_database_default_path       (void);

ChcDatabase *chc_database_open               (const char   *path,
                                              GError      **error);
/* "@program VERSION" and what it reads and writes: the database schema
 * and the exchange package format, and the licence (for --version and the
 * About dialog). */
char        *chc_database_describe_version   (const char   *program);
ChcDatabase *chc_database_open_worker        (const char   *path,
                                              GError      **error);
const char  *chc_database_get_path           (ChcDatabase  *self);
/* Opened read-only: the file or its folder cannot be written. */
gboolean     chc_database_get_read_only      (ChcDatabase  *self);
/* FALSE with CHC_DATABASE_ERROR_READ_ONLY when nothing can be written. */
gboolean     chc_database_check_writable     (ChcDatabase  *self,
                                              GError      **error);
gboolean     chc_database_get_worker         (ChcDatabase  *self);

/* How long a write waits for another program's write lock by default. */
#define CHC_DATABASE_DEFAULT_BUSY_TIMEOUT_MS 5000
/* Called on the connection's thread while a statement waits for another
 * program to finish writing, @waited_ms after the wait began; returns
 * FALSE to stop waiting (the statement then fails with
 * CHC_DATABASE_ERROR_BUSY). */
typedef gboolean (*ChcDatabaseBusyFunc) (ChcDatabase *self,
                                         guint        waited_ms,
                                         gpointer     user_data);
/* Waits at most @timeout_ms (G_MAXUINT: as long as it takes) for another
 * program's write lock, calling @func (may be NULL) meanwhile. */
void         chc_database_set_busy_handler   (ChcDatabase         *self,
                                              guint                timeout_ms,
                                              ChcDatabaseBusyFunc  func,
                                              gpointer             user_data);
/* Looks whether another program (or another connection of this one)
 * changed the file since the last look; if so, emits ::changed for every
 * table the views show and returns TRUE. */
gboolean     chc_database_poll_external_change (ChcDatabase *self);
/* Emits ::changed for every table the views show (F5: read again). */
void         chc_database_refresh            (ChcDatabase  *self);
int          chc_database_get_schema_version (ChcDatabase  *self);
const char  *chc_database_get_installation_id (ChcDatabase *self);

gboolean     chc_database_get_demo           (ChcDatabase  *self);
gboolean     chc_database_set_demo           (ChcDatabase  *self,
                                              gboolean      demo,
                                              GError      **error);
char        *chc_database_get_meta           (ChcDatabase  *self,
                                              const char   *key);
gboolean     chc_database_set_meta           (ChcDatabase  *self,
                                              const char   *key,
                                              const char   *value,
                                              GError      **error);

/* Transactions nest: the outermost is BEGIN IMMEDIATE … COMMIT, inner ones
 * are savepoints.  Every write function opens its own (nested) transaction,
 * so a caller can group several writes into one. */
gboolean     chc_database_begin              (ChcDatabase  *self,
                                              GError      **error);
gboolean     chc_database_commit             (ChcDatabase  *self,
                                              GError      **error);
void         chc_database_rollback           (ChcDatabase  *self);

/* Emits ::changed (table) once the outermost transaction commits. */
void         chc_database_notify_changed     (ChcDatabase  *self,
                                              const char   *table);

/* Integrity: PRAGMA integrity_check plus every rule of the stored data.
 * Returns the problems found, one human-readable line each (empty when all
 * is well), or NULL with @error set when the check itself failed. */
GPtrArray   *chc_database_check              (ChcDatabase  *self,
                                              GError      **error);

/* ---- registry: districts, towns, facilities (chc-database-facilities.c) */

GPtrArray   *chc_database_list_districts     (ChcDatabase  *self,
                                              GError      **error);
ChcDistrict *chc_database_find_district      (ChcDatabase  *self,
                                              const char   *name_or_alias,
                                              GError      **error);
ChcDistrict *chc_database_get_district       (ChcDatabase  *self,
                                              gint64        id,
                                              GError      **error);
gint64       chc_database_add_district       (ChcDatabase  *self,
                                              const char   *name,
                                              const char   *name_en,
                                              GError      **error);

GPtrArray   *chc_database_list_towns         (ChcDatabase  *self,
                                              gint64        district_id,
                                              GError      **error);
gint64       chc_database_add_town           (ChcDatabase  *self,
                                              gint64        district_id,
                                              const char   *name,
                                              GError      **error);
gboolean     chc_database_set_town_code      (ChcDatabase  *self,
                                              gint64        town_id,
                                              const char   *code,
                                              GError      **error);

GPtrArray   *chc_database_list_facilities    (ChcDatabase  *self,
                                              gint64        district_id,
                                              GError      **error);
ChcFacility *chc_database_get_facility       (ChcDatabase  *self,
                                              gint64        id,
                                              GError      **error);
ChcFacility *chc_database_find_facility      (ChcDatabase  *self,
                                              const char   *code_or_name,
                                              gint64        district_id,
                                              GError      **error);
GPtrArray   *chc_database_check_facility     (ChcDatabase  *self,
                                              ChcFacility  *facility,
                                              GError      **error);
gboolean     chc_database_add_facility       (ChcDatabase  *self,
                                              ChcFacility  *facility,
                                              GError      **error);
gboolean     chc_database_update_facility    (ChcDatabase  *self,
                                              ChcFacility  *facility,
                                              GError      **error);
gboolean     chc_database_delete_facility    (ChcDatabase  *self,
                                              gint64        id,
                                              GError      **error);

G_END_DECLS
