/* chc-test-util.h — helpers shared by the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/chc-database.h"

G_BEGIN_DECLS

/* A fresh temporary directory for one test; removed by chc_test_cleanup(). */
char        *chc_test_tmpdir        (void);
/* A new empty database (districts and towns of the plans, no facilities)
 * in a temporary file. */
ChcDatabase *chc_test_new_database  (gboolean with_districts);
/* The demo database in a temporary file, without its reporting cycle's
 * states and locks (chc-cli init --demo has them). */
ChcDatabase *chc_test_new_demo      (void);
/* The bytes of a file (g_assert on failure). */
GBytes      *chc_test_read_file     (const char *path);
/* Runs chc-cli (found through the CHC_CLI environment variable set by
 * meson) with @argv; returns its exit status, with stdout/stderr. */
int          chc_test_run_cli       (const char *const *argv,
                                     char      **out,
                                     char      **err);
/* Runs chc-cli with @argv and asserts its exit status is @status; @out
 * and @err get its output (freed first; shown when the status differs). */
void         chc_test_run_cli_expect (int                 status,
                                      char              **out,
                                      char              **err,
                                      const char *const  *argv);
/* A copy of @database's file (named @name) opened as another database:
 * another installation, set up from the same registry. */
ChcDatabase *chc_test_copy_database (ChcDatabase *database,
                                     const char  *name);
/* A centre added to @district_id with @code. */
ChcFacility *chc_test_add_centre    (ChcDatabase *database,
                                     gint64       district_id,
                                     const char  *code,
                                     const char  *name);

/* Runs @sql through @db's own connection in a transaction (its triggers
 * record it as the application's writes), announcing @changed_table
 * (may be NULL) as the store's writes do. */
void         chc_test_exec          (ChcDatabase *database,
                                     const char  *changed_table,
                                     const char  *sql);
/* The first column of the first row of @sql. */
gint64       chc_test_query_int     (ChcDatabase *database,
                                     const char  *sql);
/* The same as text (NULL: no row, or NULL). */
char        *chc_test_query_text    (ChcDatabase *database,
                                     const char  *sql);
/* For a UI test's main(), with gtk_init_check()'s result: without a
 * display the UI tests skip, except under CI (CI=true), where a missing
 * display ends the program with a failure ("Bail out!"). */
void         chc_test_require_display (gboolean have_display);
/* Runs the default main context for @ms milliseconds (resting when it
 * has nothing to do). */
void         chc_test_iterate       (guint        ms);
/* With CHC_SCREENSHOT_DIR set: lets the main loop draw, then saves the
 * X screen as @name there (imagemagick's import).  Else nothing. */
void         chc_test_screenshot    (const char  *name);
/* With CHC_LOCALEDIR set: the translations from there (screenshots in
 * Chinese, with LANG=zh_CN.UTF-8). */
void         chc_test_bind_locale   (void);

/* The size of a signed package's header (format 2). */
#define CHC_TEST_PACKAGE_HEADER_SIZE 144

/* SQL that takes a schema-5 database back to what a schema-4 build wrote
 * (run on a plain sqlite3 connection, before setting user_version): no
 * codes, and only the districts the demo had (chc-schema-v5.sql). */
/* From a new database of schema 8 to one of schema 7 (the columns schema 8
 * added are left: its migration copies the old ones by name; the areas
 * and strict targets schema 7 did not know become capability and
 * at-least/at-most). */
#define CHC_TEST_SQL_BACK_TO_V7 \
  "DROP TABLE facility_type_change;" \
  " UPDATE indicator SET area = 'capability' WHERE area IN ('referral', 'workforce', 'outcome');" \
  " UPDATE target SET op = '>=' WHERE op = '>'; UPDATE target SET op = '<=' WHERE op = '<';" \
  " PRAGMA user_version = 7;"
/* From a new database of schema 8 to one of schema 6. */
#define CHC_TEST_SQL_BACK_TO_V6 \
  CHC_TEST_SQL_BACK_TO_V7 \
  " DROP TABLE report_schedule; DROP TABLE report_state; DROP TABLE period_lock;" \
  " ALTER TABLE bulletin_issue DROP COLUMN issuer; ALTER TABLE bulletin_issue DROP COLUMN figures;" \
  " ALTER TABLE bulletin_issue DROP COLUMN checksum; PRAGMA user_version = 6;"
/* From a new database of schema 7 to one of schema 5. */
#define CHC_TEST_SQL_BACK_TO_V5 \
  CHC_TEST_SQL_BACK_TO_V6 \
  " DROP TABLE data_element; DROP TABLE element_value; DROP TABLE district_value;" \
  " PRAGMA user_version = 5;"
#define CHC_TEST_SQL_BACK_TO_V4 \
  CHC_TEST_SQL_BACK_TO_V5 \
  " DELETE FROM district WHERE code NOT IN ('310118', '310105', '310117');" \
  " DROP INDEX district_code; DROP INDEX town_code;" \
  " ALTER TABLE district DROP COLUMN code; ALTER TABLE town DROP COLUMN code;" \
  " ALTER TABLE facility DROP COLUMN credit_code; ALTER TABLE facility DROP COLUMN license_no;"
/* Writes @image as a package file signed by a key of its own (or by the
 * 64-byte libsodium @secret_key). */
void         chc_test_write_package (const char   *path,
                                     const guint8 *image,
                                     gsize         size,
                                     const guint8 *secret_key);

G_END_DECLS
