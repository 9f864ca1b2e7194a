/* test-cli.c — chc-cli: output formats and exit statuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sqlite3.h>

#include "chc-test-util.h"
#include "store/chc-package.h"

static void
test_init_demo_and_facilities (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  guint qingpu_centres = 0;

  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "init", "--demo", NULL }, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A second demo init into the same file: data problem, nothing written. */
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "init", "--demo", NULL }, &out, &err), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "facilities", "--district", "QINGPU", NULL }, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  /* The ten columns of the contract, then the national codes (schema 5),
   * then the facility's history and its provisional code (schema 8). */
  g_assert_cmpstr (lines[0], ==, "code\tname\ttype\tdistrict\ttown\tparent\tfloor_area\tstandardized\tstandardized_year\tstatus"
                                 "\tcredit_code\tlicense_no\topened_on\tclosed_on\tcode_provisional");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 15);
      g_assert_cmpstr (fields[3], ==, "青浦区");
      if (g_str_equal (fields[2], "centre") && g_str_equal (fields[9], "operating"))
        qingpu_centres++;
    }
  g_assert_cmpuint (qingpu_centres, ==, 12);
  g_assert_nonnull (strstr (out, "白鹤社区卫生服务中心\tcentre\t青浦区\t白鹤镇\t\t9800.0\tyes\t2019\toperating"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "check", NULL }, &out, &err), ==, 0);
}

static void
test_exit_statuses (void)
{
  g_autofree char *dir = chc_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "x.db", NULL);
  g_autofree char *junk = g_build_filename (dir, "junk.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (chc_test_run_cli ((const char *[]) { NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "no-such-command", NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "facilities", "--bogus", NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "init", NULL }, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", db, "facilities", "--district", "苏州", NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "苏州"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (junk, "not a database", -1, NULL));
  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", junk, "check", NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "junk.db"));
}

/* check finds a rule broken behind the application's back: exit 1. */
static void
test_check_finds_problems (void)
{
  g_autoptr(ChcDatabase) database = chc_test_new_demo ();
  g_autofree char *path = g_strdup (chc_database_get_path (database));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  sqlite3 *raw = NULL;

  g_clear_object (&database);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "UPDATE facility SET parent_id = NULL WHERE type = 'station'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  g_assert_cmpint (chc_test_run_cli ((const char *[]) { "--db", path, "check", NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "华阳苏一社区卫生服务站"));
}

/* --version names the version, the schema and package format it reads
 * and writes, and the licence. */
static void
test_version (void)
{
  const char *argv[] = { "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *schema = g_strdup_printf ("schema %d", CHC_DATABASE_SCHEMA_VERSION);
  g_autofree char *format = g_strdup_printf ("format %d", CHC_PACKAGE_FORMAT_VERSION);

  g_assert_cmpint (chc_test_run_cli (argv, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "chc-cli " PACKAGE_VERSION "\n"));
  g_assert_nonnull (strstr (out, schema));
  g_assert_nonnull (strstr (out, format));
  g_assert_nonnull (strstr (out, "GPL"));
}

/* --man writes the manual page from the table --help shows: every
 * command of one is in the other.  Returns the page. */
static char *
check_manpage (void)
{
  const char *man_argv[] = { "--man", NULL };
  const char *help_argv[] = { "--help", NULL };
  g_autofree char *page = NULL;
  g_autofree char *help = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_commands = 0;

  g_assert_cmpint (chc_test_run_cli (man_argv, &page, &err), ==, 0);
  g_assert_true (g_str_has_prefix (page, ".TH CHC-CLI 1 "));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (chc_test_run_cli (help_argv, &help, &err), ==, 0);
  lines = g_strsplit (help, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      g_autofree char *item = NULL;

      if (!g_str_has_prefix (lines[i], "  ") || lines[i][2] == '-')
        continue;
      words = g_strsplit (g_strstrip (lines[i]), " ", 2);
      item = g_strdup_printf (".TP\n\\fB%s\\fR\n", words[0]);
      g_assert_nonnull (strstr (page, item));
      n_commands++;
    }
  g_assert_cmpuint (n_commands, >=, 10);
  return g_steal_pointer (&page);
}

static void
test_manpage (void)
{
  g_autofree char *page = check_manpage ();

  g_assert_nonnull (strstr (page, ".SH COMMANDS\n"));
  g_assert_true (g_utf8_validate (page, -1, NULL));
  g_assert_nonnull (strstr (page, "[OPTIONS…]"));
  g_assert_null (strstr (page, "\\:"));
}

/* The Chinese page, as the build writes it (LANGUAGE=zh_CN with C.UTF-8:
 * no zh_CN locale needed), from the same tables: Chinese headings and
 * descriptions, with a break point after each Chinese character (groff
 * 1.22 does not break Chinese lines by itself), not justified. */
static void
test_manpage_chinese (void)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *page = NULL;
  g_autofree char *plain = NULL;
  g_auto(GStrv) pieces = NULL;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("CHC_LOCALEDIR", localedir, TRUE);
  page = check_manpage ();
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("CHC_LOCALEDIR");

  g_assert_true (g_utf8_validate (page, -1, NULL));
  g_assert_nonnull (strstr (page, "\n.ad l\n"));
  pieces = g_strsplit (page, "\\:", -1);
  plain = g_strjoinv ("", pieces);
  g_test_message ("%s", plain);
  g_assert_nonnull (strstr (plain, ".SH 命令\n"));
  g_assert_nonnull (strstr (plain, "社区卫生服务能力提升监测"));
  g_assert_nonnull (strstr (plain, "[选项…]"));
  g_assert_nonnull (strstr (page, "命\\:令"));
  g_assert_null (strstr (page, "COMMANDS"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/init-demo-and-facilities", test_init_demo_and_facilities);
  g_test_add_func ("/cli/exit-statuses", test_exit_statuses);
  g_test_add_func ("/cli/check-finds-problems", test_check_finds_problems);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/manpage", test_manpage);
  g_test_add_func ("/cli/manpage-chinese", test_manpage_chinese);
  return g_test_run ();
}
