/* fuzz-package.c — libFuzzer target: the exchange package reader and the
 * merge planner against a small database (issue 18).
 *
 * An input is a package file.  When it starts with the package magic and
 * the low bit of its 9th byte is 0, it is signed again over its image
 * (length, SHA-256, a new key's signature: chc_test_write_package), so
 * that most inputs reach the SQLite image and the rows; the others test
 * the header as they are.  Each input is read
 * (chc_package_read_info) and planned (chc_package_plan_merge), which
 * writes nothing: the database is the same for every input.  The
 * database is the demo's, with a home centre, so that the scope rules
 * run too.
 *
 * Build: CC=clang meson setup build-fuzz -Dfuzz=true -Dgui=false \
 *          -Db_sanitize=address,undefined -Db_lundef=false
 * Run:   build-fuzz/tests/fuzz/fuzz-package tests/fuzz/corpus-package \
 *          -max_total_time=600 -rss_limit_mb=2048
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gio/gio.h>

#include "chc-test-util.h"
#include "io/chc-demo.h"
#include "store/chc-package.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static ChcDatabase *database;
static char *package_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chc-fuzz-package-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "fuzz.db", NULL);
  package_path = g_build_filename (dir, "input.chcpkg", NULL);
  database = chc_database_open (path, &error);
  g_assert_no_error (error);
  chc_demo_populate (database, &error);
  g_assert_no_error (error);
  chc_database_set_meta (database, "home_centre", "310118C02", &error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char magic[8] = { 'C', 'H', 'C', 'P', 'K', 'G', '\n', '\2' };
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcPackageInfo) info = NULL;
  g_autoptr(ChcMergePlan) plan = NULL;

  if (size >= CHC_TEST_PACKAGE_HEADER_SIZE && memcmp (data, magic, sizeof magic) == 0 &&
      (data[8] & 1) == 0)
    chc_test_write_package (package_path, data + CHC_TEST_PACKAGE_HEADER_SIZE,
                            size - CHC_TEST_PACKAGE_HEADER_SIZE, NULL);
  else if (!g_file_set_contents (package_path, (const char *) data, size, &error))
    g_error ("%s", error->message);

  info = chc_package_read_info (package_path, &error);
  g_assert_true ((info == NULL) == (error != NULL));
  g_clear_error (&error);

  plan = chc_package_plan_merge (database, package_path, &error);
  g_assert_true ((plan == NULL) == (error != NULL));
  if (plan != NULL)
    {
      /* A plan is only ever made of a package that reads. */
      g_assert_nonnull (info);
      g_assert_cmpuint (chc_merge_plan_get_n_conflicts (plan), <=,
                        chc_merge_plan_get_n_changes (plan));
    }
  return 0;
}
