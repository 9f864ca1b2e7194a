/* chc-cli-keys.c — `chc-cli keys`: this installation's package signing
 * key and the senders' keys pinned here (issue 18).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <glib/gi18n.h>

#include "chc-cli.h"
#include "store/chc-package-keys.h"

static int
keys_show (ChcCli  *cli,
           int      argc,
           char   **argv)
{
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;

  if (!chc_cli_parse ("keys show", NULL,
                      _("Prints the fingerprint of this installation's key, which signs its packages: "
                        "read it to the receiver by phone."),
                      NULL, &argc, &argv))
    return CHC_CLI_USAGE;
  if (argc != 1)
    {
      g_printerr (_("chc-cli keys show: unexpected argument “%s”.\n"), argv[1]);
      return CHC_CLI_USAGE;
    }
  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  fingerprint = chc_database_get_package_fingerprint (database, &error);
  if (fingerprint == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  g_print (_("Installation: %s\n"), chc_database_get_installation_id (database));
  g_print (_("Key fingerprint: %s\n"), fingerprint);
  return CHC_CLI_OK;
}

static int
keys_list (ChcCli  *cli,
           int      argc,
           char   **argv)
{
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  const char *header[] = { "centre", "centre_name", "installation", "fingerprint",
                           "pinned_at", "pinned_by", "origin" };

  if (!chc_cli_parse ("keys list", NULL,
                      _("Lists the senders' keys pinned here as TSV."),
                      NULL, &argc, &argv))
    return CHC_CLI_USAGE;
  if (argc != 1)
    {
      g_printerr (_("chc-cli keys list: unexpected argument “%s”.\n"), argv[1]);
      return CHC_CLI_USAGE;
    }
  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  keys = chc_database_list_sender_keys (database, &error);
  if (keys == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  chc_cli_print_row (G_N_ELEMENTS (header), header);
  for (guint i = 0; i < keys->len; i++)
    {
      ChcSenderKey *key = g_ptr_array_index (keys, i);
      const char *fields[] = { key->centre, key->centre_name, key->installation, key->fingerprint,
                               key->pinned_at, key->pinned_by, key->origin };

      chc_cli_print_row (G_N_ELEMENTS (fields), fields);
    }
  return CHC_CLI_OK;
}

static int
keys_forget (ChcCli  *cli,
             int      argc,
             char   **argv)
{
  g_autofree char *reason = NULL;
  const GOptionEntry entries[] = {
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("Why (kept in the audit log)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (!chc_cli_parse ("keys forget", _("CENTRE"),
                      _("Forgets the pinned key of a centre (code or name) or installation, after it "
                        "replaced its key; its next package is pinned again (with --trust). Recorded in "
                        "the audit log with the reason."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (argc != 2 || reason == NULL)
    {
      g_printerr (_("chc-cli keys forget: give the CENTRE and --reason TEXT.\n"));
      return CHC_CLI_USAGE;
    }
  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  n = chc_database_forget_sender_key (database, argv[1], reason, &error);
  if (n == 0)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Forgot %u pinned key of %s.\n",
                        "Forgot %u pinned keys of %s.\n", n),
           n, argv[1]);
  return CHC_CLI_OK;
}

static int
keys_rotate (ChcCli  *cli,
             int      argc,
             char   **argv)
{
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_fingerprint = NULL;
  g_autofree char *fingerprint = NULL;

  if (!chc_cli_parse ("keys rotate", NULL,
                      _("Replaces this installation's key by a new one (the old one is erased). The "
                        "receivers of its packages must then forget the old key and pin the new one."),
                      NULL, &argc, &argv))
    return CHC_CLI_USAGE;
  if (argc != 1)
    {
      g_printerr (_("chc-cli keys rotate: unexpected argument “%s”.\n"), argv[1]);
      return CHC_CLI_USAGE;
    }
  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  fingerprint = chc_database_rotate_package_key (database, &old_fingerprint, &error);
  if (fingerprint == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  if (old_fingerprint != NULL)
    g_print (_("Old key fingerprint: %s (erased)\n"), old_fingerprint);
  g_print (_("New key fingerprint: %s\n"), fingerprint);
  g_printerr (_("Tell the commission: it runs “chc-cli keys forget CENTRE --reason …”, then pins "
                "the new key at the next merge (compare the fingerprint by phone) or from a new "
                "registration file.\n"));
  return CHC_CLI_OK;
}

static int
keys_export_registration (ChcCli  *cli,
                          int      argc,
                          char   **argv)
{
  g_autofree char *centre = NULL;
  const GOptionEntry entries[] = {
    { "centre", 'c', 0, G_OPTION_ARG_STRING, &centre, N_("The centre (code or name) this installation sends packages for"), N_("CENTRE") },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;

  if (!chc_cli_parse ("keys export-registration", _("FILE"),
                      _("Writes a registration file: this installation's public key, for "
                        "“chc-cli keys import-registration” at the commission."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (argc != 2)
    {
      g_printerr (_("chc-cli keys export-registration: give the FILE to write.\n"));
      return CHC_CLI_USAGE;
    }
  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  if (!chc_database_export_registration (database, centre, argv[1], &error) ||
      (fingerprint = chc_database_get_package_fingerprint (database, &error)) == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  g_print (_("Wrote %s.\n"), argv[1]);
  g_print (_("Key fingerprint: %s\n"), fingerprint);
  return CHC_CLI_OK;
}

static int
keys_import_registration (ChcCli  *cli,
                          int      argc,
                          char   **argv)
{
  g_autofree char *trust = NULL;
  const GOptionEntry entries[] = {
    { "trust", 0, 0, G_OPTION_ARG_STRING, &trust, N_("Only if the key has this fingerprint"), N_("FINGERPRINT") },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcSenderKey) key = NULL;
  g_autofree char *sender = NULL;

  if (!chc_cli_parse ("keys import-registration", _("FILE"),
                      _("Pins the key of a registration file made by “chc-cli keys export-registration”: "
                        "packages from that installation or centre must be signed with it."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (argc != 2)
    {
      g_printerr (_("chc-cli keys import-registration: give the registration FILE.\n"));
      return CHC_CLI_USAGE;
    }
  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;
  key = chc_database_import_registration (database, argv[1], trust, &error);
  if (key == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  sender = chc_package_describe_sender (key->centre, key->centre_name, key->installation);
  g_print (_("Pinned the key of %s (installation %s): fingerprint %s\n"),
           sender, key->installation, key->fingerprint);
  if (trust == NULL)
    g_printerr (_("Compare this fingerprint with the sender by phone.\n"));
  return CHC_CLI_OK;
}

int
chc_cli_keys (ChcCli  *cli,
              int      argc,
              char   **argv)
{
  static const struct {
    const char        *name;
    ChcCliCommandFunc  func;
  } commands[] = {
    { "show", keys_show },
    { "list", keys_list },
    { "forget", keys_forget },
    { "rotate", keys_rotate },
    { "export-registration", keys_export_registration },
    { "import-registration", keys_import_registration },
  };

  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (cli, argc - 1, argv + 1);

  g_printerr (_("Usage: chc-cli keys show\n"
                "       chc-cli keys list\n"
                "       chc-cli keys forget CENTRE --reason TEXT\n"
                "       chc-cli keys rotate\n"
                "       chc-cli keys export-registration [--centre CENTRE] FILE\n"
                "       chc-cli keys import-registration [--trust FINGERPRINT] FILE\n"));
  return CHC_CLI_USAGE;
}
