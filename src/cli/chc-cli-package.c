/* chc-cli-package.c — `chc-cli package export|merge|info`, `audit`,
 * `backup` and `restore`: offline exchange and safety copies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <glib/gi18n.h>

#include "chc-cli.h"
#include "store/chc-database-sync.h"
#include "store/chc-package.h"
#include "store/chc-package-keys.h"

static void
print_info (const ChcPackageInfo *info)
{
  const char * const *tables = chc_database_tracked_tables ();

  g_print (_("Source installation: %s\n"), info->source_installation);
  if (info->source_label != NULL && *info->source_label != '\0')
    g_print (_("Centre: %s\n"), info->source_label);
  g_print (_("Created at: %s\n"), info->created_at);
  g_print (_("Format %d, schema %d, SHA-256 %s\n"), info->format_version, info->schema_version,
           info->sha256);
  if (info->fingerprint != NULL)
    g_print (_("Signed by the key with fingerprint %s\n"), info->fingerprint);
  else
    g_print (_("Not signed (package format 1): it will not be merged.\n"));
  g_print (_("Rows: %u\n"), info->n_rows);
  for (guint i = 0; tables[i] != NULL; i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (info->counts, tables[i]));

      if (n > 0)
        g_print ("  %s\t%u\n", tables[i], n);
    }
}

static int
package_export (ChcCli  *cli,
                int      argc,
                char   **argv)
{
  g_autofree char *centre = NULL;
  g_autofree char *output = NULL;
  g_autofree char *recipient = NULL;
  gboolean since_last = FALSE;
  const GOptionEntry entries[] = {
    { "centre", 'c', 0, G_OPTION_ARG_STRING, &centre, N_("Only this centre (code or name) and the facilities under it"), N_("CENTRE") },
    { "since-last", 0, 0, G_OPTION_ARG_NONE, &since_last, N_("Only what changed since the last package to the same recipient"), NULL },
    { "to", 0, 0, G_OPTION_ARG_STRING, &recipient, N_("The recipient (default: commission)"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The package file to write (*.chcpkg)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcPackageInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  ChcPackageExportOptions options = { 0 };

  if (!chc_cli_parse ("package export", NULL,
                      _("Writes an exchange package: the rows of this database (or of one centre) "
                        "with their versions, for “chc-cli package merge” at the commission."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (output == NULL || argc != 1)
    {
      g_printerr (_("chc-cli package export: give the file with --output FILE.\n"));
      return CHC_CLI_USAGE;
    }

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;

  options.centre = centre;
  options.since_last = since_last;
  options.recipient = recipient;
  info = chc_package_export (database, output, &options, &error);
  if (info == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  g_print (_("Wrote %s.\n"), output);
  print_info (info);
  return CHC_CLI_OK;
}

static int
package_info (ChcCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr(ChcPackageInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (!chc_cli_parse ("package info", _("FILE"),
                      _("Checks a package (checksum, format) and prints its manifest."),
                      NULL, &argc, &argv))
    return CHC_CLI_USAGE;
  if (argc != 2)
    {
      g_printerr (_("chc-cli package info: give the package FILE.\n"));
      return CHC_CLI_USAGE;
    }
  info = chc_package_read_info (argv[1], &error);
  if (info == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  print_info (info);
  return CHC_CLI_OK;
}

static int
package_merge (ChcCli  *cli,
               int      argc,
               char   **argv)
{
  gboolean theirs = FALSE;
  gboolean ours = FALSE;
  gboolean dry_run = FALSE;
  gboolean trust_new = FALSE;
  g_autofree char *trust = NULL;
  const GOptionEntry entries[] = {
    { "trust", 0, 0, G_OPTION_ARG_STRING, &trust, N_("Trust a new sender whose key has this fingerprint (compared by phone)"), N_("FINGERPRINT") },
    { "trust-new", 0, 0, G_OPTION_ARG_NONE, &trust_new, N_("Trust a new sender's key, whatever its fingerprint"), NULL },
    { "theirs", 0, 0, G_OPTION_ARG_NONE, &theirs, N_("Resolve every conflict by taking the package's value"), NULL },
    { "ours", 0, 0, G_OPTION_ARG_NONE, &ours, N_("Resolve every conflict by keeping this database's value"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Only list what would change"), NULL },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcMergePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *changes;
  guint n_applied = 0;
  guint n_conflicts;

  if (!chc_cli_parse ("package merge", _("FILE"),
                      _("Merges an exchange package into this database in one transaction, after a backup. "
                        "Rows changed only in the package are taken; rows changed on both sides are "
                        "conflicts: they are listed and nothing is applied (exit status 1) unless "
                        "--theirs or --ours is given."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (argc != 2 || (theirs && ours))
    {
      g_printerr (_("chc-cli package merge: give the package FILE (and at most one of --theirs and --ours).\n"));
      return CHC_CLI_USAGE;
    }

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;

  plan = chc_package_plan_merge (database, argv[1], &error);
  if (plan == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }

  /* The changes as TSV: action, table, row, field, ours, theirs. */
  changes = chc_merge_plan_get_changes (plan);
  for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
    {
      g_autoptr(ChcMergeChange) c = g_list_model_get_item (changes, i);
      const char *fields[] = {
        chc_enum_to_nick (CHC_TYPE_MERGE_ACTION, chc_merge_change_get_action (c)),
        chc_merge_change_get_table (c),
        chc_merge_change_get_row_key (c),
        chc_merge_change_get_field (c),
        chc_merge_change_get_ours (c),
        chc_merge_change_get_theirs (c),
        chc_merge_change_get_description (c),
      };
      chc_cli_print_row (G_N_ELEMENTS (fields), fields);
    }

  /* A new sender: its key is pinned once trusted (issue 18). */
  if (chc_merge_plan_get_signer_is_new (plan))
    g_printerr (_("New sender: %s, key fingerprint %s.\n"),
                chc_merge_plan_get_signer (plan), chc_merge_plan_get_signer_fingerprint (plan));
  if (trust != NULL &&
      !chc_package_fingerprint_equal (trust, chc_merge_plan_get_signer_fingerprint (plan)))
    {
      g_printerr (_("chc-cli: the package is signed by the key with fingerprint %s, not %s: nothing was merged.\n"),
                  chc_merge_plan_get_signer_fingerprint (plan), trust);
      return CHC_CLI_USAGE;
    }
  if (chc_merge_plan_get_n_unlisted (plan) > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "(%u more change is not listed: a large package's preview lists every conflict and the first changes.)\n",
                             "(%u more changes are not listed: a large package's preview lists every conflict and the first changes.)\n",
                             chc_merge_plan_get_n_unlisted (plan)),
                chc_merge_plan_get_n_unlisted (plan));

  n_conflicts = chc_merge_plan_get_n_conflicts (plan);
  if (dry_run)
    {
      g_printerr (_("%u changes, %u conflicts; nothing was written (--dry-run).\n"),
                  chc_merge_plan_get_n_changes (plan), n_conflicts);
      return n_conflicts > 0 ? CHC_CLI_DATA_PROBLEMS : CHC_CLI_OK;
    }
  if (chc_merge_plan_get_signer_is_new (plan))
    {
      if (trust == NULL && !trust_new)
        {
          g_printerr (_("Nothing was merged: compare this fingerprint with the sender by phone, then run "
                        "again with --trust %s (or pin its key from a registration file first).\n"),
                      chc_merge_plan_get_signer_fingerprint (plan));
          return CHC_CLI_DATA_PROBLEMS;
        }
      chc_merge_plan_set_signer_trusted (plan, TRUE);
    }
  /* (a conflict on a locked figure is resolved already: it keeps ours) */
  n_conflicts = chc_merge_plan_get_n_unresolved (plan);
  if (n_conflicts > 0 && !theirs && !ours)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%u conflict (changed on both sides): nothing was merged. "
                               "Resolve it in the application, or run again with --theirs or --ours.\n",
                               "%u conflicts (changed on both sides): nothing was merged. "
                               "Resolve them in the application, or run again with --theirs or --ours.\n",
                               n_conflicts),
                  n_conflicts);
      return CHC_CLI_DATA_PROBLEMS;
    }

  if (!chc_package_apply_merge (database, plan,
                                theirs ? CHC_MERGE_CHOICE_THEIRS :
                                ours ? CHC_MERGE_CHOICE_OURS : CHC_MERGE_CHOICE_NONE,
                                NULL, NULL, &n_applied, &error))
    {
      if (g_error_matches (error, CHC_PACKAGE_ERROR, CHC_PACKAGE_ERROR_CONFLICTS))
        {
          chc_cli_print_error (error);
          return CHC_CLI_DATA_PROBLEMS;
        }
      return chc_cli_fail (error);
    }
  if (n_applied == 0)
    g_printerr (_("Nothing to merge: this database already has everything in the package.\n"));
  else
    g_printerr (_("Merged %u changes.\n"), n_applied);
  return CHC_CLI_OK;
}

int
chc_cli_package (ChcCli  *cli,
                 int      argc,
                 char   **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return package_export (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "merge"))
    return package_merge (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "info"))
    return package_info (cli, argc - 1, argv + 1);

  g_printerr (_("Usage: chc-cli package export [--centre CENTRE] [--since-last] [--to NAME] --output FILE\n"
                "       chc-cli package merge FILE [--theirs | --ours] [--trust FINGERPRINT | --trust-new] [--dry-run]\n"
                "       chc-cli package info FILE\n"));
  return CHC_CLI_USAGE;
}

int
chc_cli_audit (ChcCli  *cli,
               int      argc,
               char   **argv)
{
  g_autofree char *since = NULL;
  g_autofree char *table = NULL;
  g_autofree char *row = NULL;
  const GOptionEntry entries[] = {
    { "since", 's', 0, G_OPTION_ARG_STRING, &since, N_("Only changes on or after this day (YYYY-MM-DD)"), N_("DATE") },
    { "table", 't', 0, G_OPTION_ARG_STRING, &table, N_("Only this table (facility, signing, …)"), N_("TABLE") },
    { "row", 'r', 0, G_OPTION_ARG_STRING, &row, N_("Only this row (its key, e.g. 310118C01|2025-03)"), N_("KEY") },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GPtrArray) entries_found = NULL;
  g_autoptr(GError) error = NULL;
  ChcAuditFilter filter = { 0 };
  const char *header[] = { "at", "user", "installation", "origin", "table", "row", "field", "old", "new" };

  if (!chc_cli_parse ("audit", NULL,
                      _("Prints the audit log as TSV: every change typed, imported or merged, one row per field."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (argc != 1)
    {
      g_printerr (_("chc-cli audit: unexpected argument “%s”.\n"), argv[1]);
      return CHC_CLI_USAGE;
    }
  if (since != NULL && !g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", since, 0, 0))
    {
      g_printerr (_("chc-cli audit: --since takes a day written YYYY-MM-DD, not “%s”.\n"), since);
      return CHC_CLI_USAGE;
    }

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;

  filter.since = since;
  filter.table = table;
  filter.row_key = row;
  entries_found = chc_database_list_audit (database, &filter, &error);
  if (entries_found == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }

  chc_cli_print_row (G_N_ELEMENTS (header), header);
  for (guint i = 0; i < entries_found->len; i++)
    {
      ChcAuditEntry *e = g_ptr_array_index (entries_found, i);
      const char *fields[] = {
        chc_audit_entry_get_at (e), chc_audit_entry_get_user (e),
        chc_audit_entry_get_installation (e), chc_audit_entry_get_origin (e),
        chc_audit_entry_get_table (e), chc_audit_entry_get_row_key (e),
        chc_audit_entry_get_field (e), chc_audit_entry_get_old_value (e),
        chc_audit_entry_get_new_value (e),
      };
      chc_cli_print_row (G_N_ELEMENTS (fields), fields);
    }
  return CHC_CLI_OK;
}

int
chc_cli_backup (ChcCli  *cli,
                int      argc,
                char   **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The backup file to write"), N_("FILE") },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  if (!chc_cli_parse ("backup", NULL,
                      _("Copies the database to FILE with SQLite's online backup (safe while the application runs), "
                        "with its checksum in FILE.sha256."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (output == NULL || argc != 1)
    {
      g_printerr (_("chc-cli backup: give the file with --output FILE.\n"));
      return CHC_CLI_USAGE;
    }
  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  if (!chc_database_backup_to (database, output, &error))
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  g_print (_("Wrote the backup %s.\n"), output);
  return CHC_CLI_OK;
}

int
chc_cli_restore (ChcCli  *cli,
                 int      argc,
                 char   **argv)
{
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Also restore a file without checksum (a copy made by hand) if it passes the full integrity check"), NULL },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  gboolean verified = FALSE;

  if (!chc_cli_parse ("restore", _("FILE"),
                      _("Replaces the database by the backup FILE after checking its checksum (FILE.sha256) "
                        "and its integrity; anything else is refused and nothing changes. The current "
                        "content is backed up first."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (argc != 2)
    {
      g_printerr (_("chc-cli restore: give the backup FILE.\n"));
      return CHC_CLI_USAGE;
    }
  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  if (!chc_database_restore_from_full (database, argv[1],
                                       force ? CHC_RESTORE_ALLOW_UNVERIFIED : CHC_RESTORE_DEFAULT,
                                       &verified, &error))
    {
      chc_cli_print_error (error);
      if (g_error_matches (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_UNVERIFIED))
        g_printerr (_("Use --force to restore it anyway after a full integrity check.\n"));
      return CHC_CLI_USAGE;
    }
  if (!verified)
    g_printerr (_("Warning: %s has no checksum; it passed the full integrity check and was restored.\n"),
                argv[1]);
  g_print (_("Restored the database from %s.\n"), argv[1]);
  return CHC_CLI_OK;
}
