/* test-schema-tables.c — every table of the schema is declared: tracked
 * for the audit log and exchange packages (chc_database_tracked_tables())
 * or explicitly not, with a reason (chc_database_untracked_tables()).  A
 * table in neither list (a new table forgotten in store/chc-database-sync.c)
 * would silently drop out of the audit log and of packages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "store/chc-database-sync.h"
#include "chc-test-util.h"

static gboolean
is_tracked (const char *table)
{
  const char * const *tracked = chc_database_tracked_tables ();

  return g_strv_contains (tracked, table);
}

static const ChcUntrackedTable *
find_untracked (const char *table)
{
  for (const ChcUntrackedTable *u = chc_database_untracked_tables (); u->table != NULL; u++)
    if (g_str_equal (u->table, table))
      return u;
  return NULL;
}

static void
test_every_table_declared (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_database (TRUE);
  g_autofree char *names = NULL;
  g_auto(GStrv) tables = NULL;
  g_autoptr(GString) undeclared = g_string_new (NULL);

  names = chc_test_query_text (db,
                               "SELECT group_concat (name, ' ') FROM "
                               "(SELECT name FROM sqlite_master "
                               " WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                               " ORDER BY name)");
  g_assert_nonnull (names);
  tables = g_strsplit (names, " ", -1);
  /* The schema has the tracked tables and more: the query found them. */
  g_assert_cmpuint (g_strv_length (tables), >, g_strv_length ((GStrv) chc_database_tracked_tables ()));

  for (guint i = 0; tables[i] != NULL; i++)
    {
      gboolean tracked = is_tracked (tables[i]);
      const ChcUntrackedTable *untracked = find_untracked (tables[i]);

      if (!tracked && untracked == NULL)
        g_string_append_printf (undeclared, " %s", tables[i]);
      /* In one list only, and an exclusion says why. */
      g_assert_false (tracked && untracked != NULL);
      if (untracked != NULL)
        g_assert_cmpstr (untracked->reason, !=, "");
    }
  if (undeclared->len > 0)
    g_error ("tables neither tracked nor declared untracked in "
             "store/chc-database-sync.c:%s", undeclared->str);
}

/* Both lists name tables that exist (no stale entry after a rename). */
static void
test_declared_tables_exist (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_database (TRUE);
  const char * const *tracked = chc_database_tracked_tables ();

  for (guint i = 0; tracked[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master "
                                              "WHERE type = 'table' AND name = '%s'",
                                              tracked[i]);
      g_assert_cmpint (chc_test_query_int (db, sql), ==, 1);
    }
  for (const ChcUntrackedTable *u = chc_database_untracked_tables (); u->table != NULL; u++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master "
                                              "WHERE type = 'table' AND name = '%s'",
                                              u->table);
      g_assert_cmpint (chc_test_query_int (db, sql), ==, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/schema/every-table-declared", test_every_table_declared);
  g_test_add_func ("/schema/declared-tables-exist", test_declared_tables_exist);
  return g_test_run ();
}
