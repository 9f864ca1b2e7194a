/* chc-cli.c — the command-line tool: the same core as the application,
 * without GTK, so it runs without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "chc-cli.h"
#include "io/chc-demo.h"
#include "io/chc-plan-loader.h"
#include "io/chc-registry-seed.h"
#include "core/chc-manpage.h"
#include "core/chc-validate.h"

/* The options before the command (parsed by hand in main()). */
static const struct {
  const char *name;
  const char *argument;      /* N_(), or NULL */
  const char *description;   /* N_() */
} global_options[] = {
  { "--db", N_("FILE"), N_("The database (default: chc-monitor/chc-monitor.db in the user data folder)") },
  { "--wait", N_("SECONDS"), N_("How long a write waits while another program (the window, another chc-cli) writes to the same database; by default as long as it takes") },
  { "--version", NULL, N_("Print the version, the database schema and package format, and the licence") },
  { "--help", NULL, N_("Print this list") },
  { "--man", NULL, N_("Print the manual page (roff)") },
};

static const struct {
  const char        *name;
  ChcCliCommandFunc  func;
  const char        *summary;
} commands[] = {
  { "init", chc_cli_init, N_("Create the database (with --demo: the demo database)") },
  { "facilities", chc_cli_facilities, N_("List the facility registry as TSV") },
  { "towns", chc_cli_towns, N_("List the districts and towns with their codes as TSV; set a town's code") },
  { "check", chc_cli_check, N_("Check integrity and every rule of the data") },
  { "report", chc_cli_report, N_("Write a district's bulletin as PDF") },
  { "form", chc_cli_form, N_("Write a centre's blank monthly entry form as PDF") },
  { "bulletins", chc_cli_bulletins, N_("List the register of issued bulletins as TSV, and whether their figures changed since") },
  { "tcm", chc_cli_tcm, N_("List a district’s TCM rollout as TSV") },
  { "projects", chc_cli_projects, N_("List construction projects (stage, lateness) as TSV") },
  { "indicators", chc_cli_indicators, N_("Evaluate a district's plan for a year as TSV") },
  { "elements", chc_cli_elements, N_("List the data elements (the monitored figures) as TSV; add one of your own") },
  { "values", chc_cli_values, N_("List the reported values of the data elements of a district and period as TSV") },
  { "signing", chc_cli_signing, N_("List a district’s family-doctor signing figures of a month as TSV") },
  { "completeness", chc_cli_completeness, N_("List which facilities have reported a period (state, submitted at, on time) as TSV") },
  { "submit", chc_cli_submit, N_("Submit a centre's reports of a period to the commission") },
  { "approve", chc_cli_approve, N_("Approve (and lock) the submitted reports of a district's period") },
  { "return", chc_cli_return, N_("Return a centre's submitted reports with a comment, for correction") },
  { "lock", chc_cli_lock, N_("Lock a district's period against any change") },
  { "unlock", chc_cli_unlock, N_("Unlock a district's period, with a reason") },
  { "schedule", chc_cli_schedule, N_("List or change a district's reporting schedule (due days, who reports)") },
  { "import", chc_cli_import, N_("Import a CSV or Excel file (facilities, signing, tcm, projects; dhis2 JSON): all or nothing") },
  { "export", chc_cli_export, N_("Export facilities, signing, tcm or projects as CSV or Excel (.xlsx); dhis2 for a DHIS2 server") },
  { "template", chc_cli_template, N_("Write an Excel entry template of a centre's month, which imports back as it is") },
  { "package", chc_cli_package, N_("Export or merge an offline exchange package (export, merge, info)") },
  { "keys", chc_cli_keys, N_("Package signature keys: show, list, forget, rotate, export-registration, import-registration") },
  { "audit", chc_cli_audit, N_("Print the audit log of every change as TSV") },
  { "backup", chc_cli_backup, N_("Copy the database to a backup file") },
  { "restore", chc_cli_restore, N_("Replace the database by a backup") },
};

void
chc_cli_print_error (const GError *error)
{
  g_printerr ("chc-cli: %s\n", error->message);
}

int
chc_cli_fail (const GError *error)
{
  chc_cli_print_error (error);
  /* a lock refused the change: nothing was written (issue 15) */
  if (g_error_matches (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_LOCKED))
    return CHC_CLI_DATA_PROBLEMS;
  return CHC_CLI_USAGE;
}

/* While another program (the window's import, another chc-cli) holds
 * the write lock: a line on stderr saying so and for how long, updated in
 * place on a terminal. */
static gboolean
on_busy_cb (ChcDatabase *database,
            guint        waited_ms,
            gpointer     user_data)
{
  static guint shown_s = G_MAXUINT;
  static gboolean waiting;
  guint waited_s = waited_ms / 1000;
  gboolean tty = isatty (fileno (stderr));

  if (waited_ms < 1000)
    {
      if (waiting && tty)
        fputc ('\n', stderr);
      waiting = FALSE;
      shown_s = G_MAXUINT;
      return TRUE;
    }
  if (waited_s == shown_s || (!tty && waiting))
    return TRUE;
  shown_s = waited_s;
  waiting = TRUE;
  {
    g_autofree char *display = g_filename_display_name (chc_database_get_path (database));
    g_autofree char *line = g_strdup_printf (_("Waiting for another program to finish writing to %s… %u s (Ctrl+C to stop)"),
                                             display, waited_s);

    fprintf (stderr, tty ? "\rchc-cli: %s" : "chc-cli: %s\n", line);
    fflush (stderr);
  }
  return TRUE;
}

ChcDatabase *
chc_cli_open_database (ChcCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ChcDatabase *database;

  path = cli->db_path != NULL ? g_strdup (cli->db_path) : chc_database_default_path ();
  database = chc_database_open (path, &error);
  if (database == NULL)
    chc_cli_print_error (error);
  else
    {
      chc_cli_listing_set_database (database);
      chc_database_set_busy_handler (database,
                                   cli->wait_s < 0 ? G_MAXUINT : (guint) cli->wait_s * 1000,
                                     on_busy_cb, NULL);
      /* the indicators of a newer version's built-in plans */
      if (!chc_plan_loader_sync_builtin (database, &error))
        {
          chc_cli_print_error (error);
          g_clear_object (&database);
        }
    }
  return database;
}

gboolean
chc_cli_parse (const char          *command,
               const char          *parameter_string,
               const char          *summary,
               const GOptionEntry  *entries,
               int                 *argc,
               char              ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *params = g_strdup_printf ("%s %s", command,
                                             parameter_string ? parameter_string : "");

  context = g_option_context_new (params);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  chc_cli_listing_add_options (command, context);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      chc_cli_print_error (error);
      return FALSE;
    }
  return chc_cli_listing_check_options ();
}

ChcDistrict *
chc_cli_find_district (ChcDatabase *database,
                       const char  *name)
{
  g_autoptr(GError) error = NULL;
  ChcDistrict *district = chc_database_find_district (database, name, &error);

  if (district == NULL)
    chc_cli_print_error (error);
  else
    chc_cli_listing_set_district (chc_district_get_name (district));
  return district;
}

ChcFacility *
chc_cli_find_centre (ChcDatabase *database,
                     const char  *name,
                     gint64       district_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *full = NULL;
  ChcFacility *facility;

  facility = chc_database_find_facility (database, name, district_id, &error);
  if (facility == NULL && g_error_matches (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND))
    {
      full = g_strconcat (name, "社区卫生服务中心", NULL);
      facility = chc_database_find_facility (database, full, district_id, NULL);
    }
  if (facility == NULL)
    chc_cli_print_error (error);
  return facility;
}

void
chc_cli_print_row (guint              n_fields,
                   const char *const *fields)
{
  g_autoptr(GString) line = NULL;

  if (chc_cli_listing_row (n_fields, fields))
    return;
  line = g_string_new (NULL);
  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (line, '\t');
      if (fields[i] == NULL)
        continue;
      for (const char *p = fields[i]; *p; p++)
        g_string_append_c (line, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
    }
  g_string_append_c (line, '\n');
  fputs (line->str, stdout);
}

/* ---- init ------------------------------------------------------------- */

int
chc_cli_init (ChcCli  *cli,
              int      argc,
              char   **argv)
{
  gboolean demo = FALSE;
  g_autofree char *district = NULL;
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Fill the new database with the demo data"), NULL },
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district,
      N_("Start from this district's registry (青浦, 长宁 or 松江; Qingpu, Changning, Songjiang): its towns, the facilities and construction items its plan names, with provisional codes"),
      N_("DISTRICT") },
    { NULL }
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  if (!chc_cli_parse ("init", NULL, _("Creates the database file, or upgrades an existing one."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;

  if (demo && district != NULL)
    {
      g_printerr (_("chc-cli init: --demo and --district exclude each other.\n"));
      return CHC_CLI_USAGE;
    }

  if (district != NULL)
    {
      if (!chc_registry_seed_district (database, district, &error))
        {
          chc_cli_print_error (error);
          return g_error_matches (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IN_USE)
                 ? CHC_CLI_DATA_PROBLEMS : CHC_CLI_USAGE;
        }
      {
        g_autoptr(ChcDistrict) found = chc_database_find_district (database, district, NULL);

        g_printerr (_("Database %s is ready, with the registry of %s (codes provisional).\n"),
                    chc_database_get_path (database),
                    found != NULL ? chc_district_get_name (found) : district);
      }
      return CHC_CLI_OK;
    }

  if (demo ? !chc_demo_populate (database, &error)
           : !chc_demo_add_districts (database, &error))
    {
      chc_cli_print_error (error);
      return g_error_matches (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IN_USE)
             ? CHC_CLI_DATA_PROBLEMS : CHC_CLI_USAGE;
    }

  g_printerr (demo ? _("Created the demo database %s.\n") : _("Database %s is ready.\n"),
              chc_database_get_path (database));
  return CHC_CLI_OK;
}

/* ---- towns ------------------------------------------------------------ */

int
chc_cli_towns (ChcCli  *cli,
               int      argc,
               char   **argv)
{
  g_autofree char *district_name = NULL;
  g_auto(GStrv) set_codes = NULL;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("Only this district (青浦区, 青浦, Qingpu or 310118)"), N_("DISTRICT") },
    { "set-code", 0, 0, G_OPTION_ARG_STRING_ARRAY, &set_codes,
      N_("Set the 乡镇级代码 of a town of --district (nine digits beginning with the district's code; empty to clear); may be repeated"),
      N_("TOWN=CODE") },
    { NULL }
  };
  static const char *const header[] = { "district", "district_code", "town", "town_code" };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GPtrArray) towns = NULL;
  g_autoptr(GError) error = NULL;

  if (!chc_cli_parse ("towns", NULL, _("Prints the districts and towns with their administrative division codes (行政区划代码, 乡镇级代码) as TSV with a header row, or sets towns' codes."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;

  if (district_name != NULL &&
      (district = chc_cli_find_district (database, district_name)) == NULL)
    return CHC_CLI_USAGE;

  if (set_codes != NULL)
    {
      if (district == NULL)
        {
          g_printerr (_("chc-cli towns: --set-code needs --district.\n"));
          return CHC_CLI_USAGE;
        }
      towns = chc_database_list_towns (database, chc_district_get_id (district), &error);
      if (towns == NULL || !chc_database_begin (database, &error))
        {
          chc_cli_print_error (error);
          return CHC_CLI_USAGE;
        }
      for (guint i = 0; set_codes[i] != NULL; i++)
        {
          g_auto(GStrv) parts = g_strsplit (set_codes[i], "=", 2);
          gint64 town_id = 0;

          if (parts[0] == NULL || parts[1] == NULL)
            {
              chc_database_rollback (database);
              g_printerr (_("chc-cli towns: --set-code takes TOWN=CODE, not “%s”.\n"), set_codes[i]);
              return CHC_CLI_USAGE;
            }
          g_strstrip (parts[0]);
          for (guint t = 0; t < towns->len; t++)
            if (g_str_equal (chc_town_get_name (g_ptr_array_index (towns, t)), parts[0]))
              town_id = chc_town_get_id (g_ptr_array_index (towns, t));
          if (town_id == 0)
            {
              chc_database_rollback (database);
              g_printerr (_("chc-cli towns: %s has no town “%s”; nothing was changed.\n"),
                          chc_district_get_name (district), parts[0]);
              return CHC_CLI_DATA_PROBLEMS;
            }
          if (!chc_database_set_town_code (database, town_id, parts[1], &error))
            {
              chc_database_rollback (database);
              chc_cli_print_error (error);
              g_printerr (_("Nothing was changed.\n"));
              return g_error_matches (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID)
                     ? CHC_CLI_DATA_PROBLEMS : CHC_CLI_USAGE;
            }
        }
      if (!chc_database_commit (database, &error))
        {
          chc_cli_print_error (error);
          return CHC_CLI_USAGE;
        }
      g_clear_pointer (&towns, g_ptr_array_unref);
    }

  districts = chc_database_list_districts (database, &error);
  towns = districts != NULL ? chc_database_list_towns (database, 0, &error) : NULL;
  if (towns == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }

  /* every district, then each of its towns */
  chc_cli_print_row (G_N_ELEMENTS (header), header);
  for (guint d = 0; d < districts->len; d++)
    {
      ChcDistrict *di = g_ptr_array_index (districts, d);
      const char *row[G_N_ELEMENTS (header)] = { chc_district_get_name (di), chc_district_get_code (di), NULL, NULL };

      if (district != NULL && chc_district_get_id (di) != chc_district_get_id (district))
        continue;
      chc_cli_print_row (G_N_ELEMENTS (row), row);
      for (guint t = 0; t < towns->len; t++)
        {
          ChcTown *town = g_ptr_array_index (towns, t);

          if (chc_town_get_district_id (town) != chc_district_get_id (di))
            continue;
          row[2] = chc_town_get_name (town);
          row[3] = chc_town_get_code (town);
          chc_cli_print_row (G_N_ELEMENTS (row), row);
        }
    }
  return CHC_CLI_OK;
}

/* ---- facilities ------------------------------------------------------- */

int
chc_cli_facilities (ChcCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autofree char *district_name = NULL;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("Only this district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { NULL }
  };
  static const char *const header[] = {
    "code", "name", "type", "district", "town", "parent", "floor_area",
    "standardized", "standardized_year", "status",
    /* schema 5, at the end: the columns before are a contract */
    "credit_code", "license_no",
    /* schema 8: the facility's history, and whether its code is provisional */
    "opened_on", "closed_on", "code_provisional",
  };
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcDistrict) district = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;

  if (!chc_cli_parse ("facilities", NULL, _("Prints the facility registry as TSV with a header row."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;

  if (district_name != NULL &&
      (district = chc_cli_find_district (database, district_name)) == NULL)
    return CHC_CLI_USAGE;

  facilities = chc_database_list_facilities (database,
                                             district ? chc_district_get_id (district) : 0,
                                             &error);
  if (facilities == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }

  chc_cli_print_row (G_N_ELEMENTS (header), header);
  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (facilities, i);
      g_autofree char *area = NULL;
      g_autofree char *year = NULL;
      const char *row[G_N_ELEMENTS (header)];
      char area_buf[G_ASCII_DTOSTR_BUF_SIZE];

      area = g_strdup (g_ascii_formatd (area_buf, sizeof area_buf, "%.1f",
                                        chc_facility_get_floor_area (f)));
      year = chc_facility_get_standardized_year (f) > 0
             ? g_strdup_printf ("%d", chc_facility_get_standardized_year (f)) : NULL;

      row[0] = chc_facility_get_code (f);
      row[1] = chc_facility_get_name (f);
      row[2] = chc_facility_type_to_nick (chc_facility_get_facility_type (f));
      row[3] = chc_facility_get_district_name (f);
      row[4] = chc_facility_get_town_name (f);
      row[5] = chc_facility_get_parent_name (f);
      row[6] = area;
      row[7] = chc_facility_get_standardized (f) ? "yes" : "no";
      row[8] = year;
      row[9] = chc_facility_status_to_nick (chc_facility_get_status (f));
      row[10] = chc_facility_get_credit_code (f);
      row[11] = chc_facility_get_license_no (f);
      row[12] = chc_facility_get_opened_on (f);
      row[13] = chc_facility_get_closed_on (f);
      row[14] = chc_facility_get_code_provisional (f) ? "yes" : "no";
      chc_cli_print_row (G_N_ELEMENTS (row), row);
    }
  return CHC_CLI_OK;
}

/* ---- check ------------------------------------------------------------ */

int
chc_cli_check (ChcCli  *cli,
               int      argc,
               char   **argv)
{
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (!chc_cli_parse ("check", NULL, _("Checks the database's integrity and every rule of its data."),
                      NULL, &argc, &argv))
    return CHC_CLI_USAGE;

  database = chc_cli_open_database (cli);
  if (database == NULL)
    return CHC_CLI_USAGE;

  problems = chc_database_check (database, &error);
  if (problems == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }

  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (problems, i));

  if (problems->len > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u problem found.\n", "%u problems found.\n",
                               problems->len), problems->len);
      return CHC_CLI_DATA_PROBLEMS;
    }
  g_printerr (_("No problems found.\n"));
  return CHC_CLI_OK;
}

/* ---- main ------------------------------------------------------------- */

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: chc-cli [--db FILE] [--wait SECONDS] COMMAND [OPTIONS…]"));
  fprintf (out, "%s\n", _("Options:"));
  for (guint i = 0; i < G_N_ELEMENTS (global_options); i++)
    {
      g_autofree char *option = g_strconcat (global_options[i].name,
                                             global_options[i].argument ? " " : "",
                                             global_options[i].argument ? _(global_options[i].argument) : "",
                                             NULL);

      fprintf (out, "  %-18s %s\n", option, _(global_options[i].description));
    }
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “chc-cli COMMAND --help” for the options of a command."));
}

/* --man: the manual page, from the same tables as --help. */
static void
print_manpage (void)
{
  g_autoptr(GArray) options = g_array_new (FALSE, FALSE, sizeof (ChcManItem));
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (ChcManItem));
  g_autofree char *page = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (global_options); i++)
    {
      ChcManItem item = { global_options[i].name,
                          global_options[i].argument ? _(global_options[i].argument) : NULL,
                          _(global_options[i].description) };
      g_array_append_val (options, item);
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      ChcManItem item = { commands[i].name, NULL, _(commands[i].summary) };
      g_array_append_val (items, item);
    }
  page = chc_manpage_render ("chc-cli",
                             _("the command line of CHC Monitor, community health service monitoring"),
                             _("chc-cli [--db FILE] [--wait SECONDS] COMMAND [OPTIONS…]"),
                             _("chc-cli uses the same library as the application, links no GTK and needs no display. Listings are TSV with a header row; messages go to stderr in the locale's language. Exit status: 0 ok, 1 data problems found (nothing written), 2 usage or I/O error. \"chc-cli COMMAND --help\" lists the options of a command."),
                             (const ChcManItem *) options->data, options->len,
                             (const ChcManItem *) items->data, items->len);
  fputs (page, stdout);
}

int
main (int    argc,
      char **argv)
{
  ChcCli cli = { NULL, -1 };
  const char *localedir = g_getenv ("CHC_LOCALEDIR");
  int i = 1;

  g_set_prgname ("chc-cli");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command. */
  while (i < argc && argv[i][0] == '-')
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        {
          cli.db_path = argv[i + 1];
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          cli.db_path = argv[i] + strlen ("--db=");
          i++;
        }
      else if ((g_str_equal (argv[i], "--wait") && i + 1 < argc) ||
               g_str_has_prefix (argv[i], "--wait="))
        {
          const char *value = g_str_has_prefix (argv[i], "--wait=")
                              ? argv[i] + strlen ("--wait=") : argv[i + 1];
          guint64 seconds = 0;

          if (!g_ascii_string_to_unsigned (value, 10, 0, 86400, &seconds, NULL))
            {
              g_printerr (_("chc-cli: --wait takes a number of seconds from 0 to 86400, not “%s”\n"), value);
              return CHC_CLI_USAGE;
            }
          cli.wait_s = (int) seconds;
          i += g_str_has_prefix (argv[i], "--wait=") ? 1 : 2;
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return CHC_CLI_OK;
        }
      else if (g_str_equal (argv[i], "--man"))
        {
          print_manpage ();
          return CHC_CLI_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_autofree char *version = chc_database_describe_version ("chc-cli");

          g_print ("%s\n", version);
          return CHC_CLI_OK;
        }
      else
        {
          g_printerr (_("chc-cli: unknown option %s\n"), argv[i]);
          print_usage (stderr);
          return CHC_CLI_USAGE;
        }
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return CHC_CLI_USAGE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      return chc_cli_listing_finish (commands[c].func (&cli, argc - i, argv + i));

  g_printerr (_("chc-cli: unknown command “%s”\n"), argv[i]);
  print_usage (stderr);
  return CHC_CLI_USAGE;
}
