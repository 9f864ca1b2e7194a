/* chc-cli.h — shared plumbing of the command-line tool's commands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/chc-database.h"

G_BEGIN_DECLS

/* Exit statuses of chc-cli. */
enum
{
  CHC_CLI_OK = 0,
  CHC_CLI_DATA_PROBLEMS = 1,   /* data problems found, nothing written */
  CHC_CLI_USAGE = 2,           /* usage or I/O error */
};

typedef struct
{
  const char *db_path;   /* --db, or NULL for the default file */
  int         wait_s;    /* --wait: seconds to wait for another program's
                            write (-1: as long as it takes) */
} ChcCli;

/* Each command: argv[0] is the command's name. Returns an exit status. */
typedef int (*ChcCliCommandFunc) (ChcCli *cli, int argc, char **argv);

/* Opens the database of --db (or the default).  Prints the error and
 * returns NULL when it cannot be opened. */
ChcDatabase *chc_cli_open_database  (ChcCli          *cli);
/* Parses @argv with @entries; prints the error and returns FALSE on bad
 * usage. */
gboolean     chc_cli_parse          (const char      *command,
                                     const char      *parameter_string,
                                     const char      *summary,
                                     const GOptionEntry *entries,
                                     int             *argc,
                                     char          ***argv);
/* Resolves --district (青浦区 / 青浦 / Qingpu); prints the error. */
ChcDistrict *chc_cli_find_district  (ChcDatabase     *database,
                                     const char      *name);
/* A centre by code or exact name, or by its short name (白鹤 for
 * 白鹤社区卫生服务中心), in @district_id (0: any); prints the error. */
ChcFacility *chc_cli_find_centre    (ChcDatabase     *database,
                                     const char      *name,
                                     gint64           district_id);
/* Prints one TSV row; NULL fields print empty, tabs and newlines in a
 * field become spaces.  The list ends with a sentinel NULL… so pass
 * n_fields explicitly. */
void         chc_cli_print_row      (guint            n_fields,
                                     const char      *const *fields);
void         chc_cli_print_error    (const GError    *error);
/* Prints @error; returns the exit status: CHC_CLI_DATA_PROBLEMS when a
 * lock refused the change (nothing written), else CHC_CLI_USAGE. */
int          chc_cli_fail           (const GError    *error);

/* Listings written to a file (chc-cli-listing.c): the options --output
 * and --format of the listing commands, added by chc_cli_parse(); the
 * rows of chc_cli_print_row() go to the file when it is asked for; the
 * title row's district (chc_cli_find_district()), period and demo data
 * (chc_cli_open_database()). */
gboolean     chc_cli_listing_add_options   (const char      *command,
                                            GOptionContext  *context);
gboolean     chc_cli_listing_check_options (void);
gboolean     chc_cli_listing_row           (guint            n_fields,
                                            const char      *const *fields);
void         chc_cli_listing_set_database  (ChcDatabase     *database);
void         chc_cli_listing_set_district  (const char      *name);
void         chc_cli_listing_set_period    (const char      *period);
/* Writes the file of a listing after its command returned @status. */
int          chc_cli_listing_finish        (int              status);

int chc_cli_init        (ChcCli *cli, int argc, char **argv);
int chc_cli_facilities  (ChcCli *cli, int argc, char **argv);
int chc_cli_towns       (ChcCli *cli, int argc, char **argv);
int chc_cli_check       (ChcCli *cli, int argc, char **argv);
int chc_cli_report      (ChcCli *cli, int argc, char **argv);
int chc_cli_bulletins   (ChcCli *cli, int argc, char **argv);
int chc_cli_form        (ChcCli *cli, int argc, char **argv);
int chc_cli_tcm         (ChcCli *cli, int argc, char **argv);
int chc_cli_projects    (ChcCli *cli, int argc, char **argv);
int chc_cli_indicators  (ChcCli *cli, int argc, char **argv);
int chc_cli_signing     (ChcCli *cli, int argc, char **argv);
int chc_cli_elements    (ChcCli *cli, int argc, char **argv);
int chc_cli_values      (ChcCli *cli, int argc, char **argv);
int chc_cli_import      (ChcCli *cli, int argc, char **argv);
int chc_cli_export      (ChcCli *cli, int argc, char **argv);
/* `export dhis2 …` and `import dhis2 …` (argv[0] is "dhis2") */
int chc_cli_export_dhis2 (ChcCli *cli, int argc, char **argv);
int chc_cli_template    (ChcCli *cli, int argc, char **argv);
int chc_cli_import_dhis2 (ChcCli *cli, int argc, char **argv);
int chc_cli_package     (ChcCli *cli, int argc, char **argv);
int chc_cli_keys        (ChcCli *cli, int argc, char **argv);
int chc_cli_audit       (ChcCli *cli, int argc, char **argv);
int chc_cli_backup      (ChcCli *cli, int argc, char **argv);
int chc_cli_completeness (ChcCli *cli, int argc, char **argv);
int chc_cli_submit      (ChcCli *cli, int argc, char **argv);
int chc_cli_approve     (ChcCli *cli, int argc, char **argv);
int chc_cli_return      (ChcCli *cli, int argc, char **argv);
int chc_cli_lock        (ChcCli *cli, int argc, char **argv);
int chc_cli_unlock      (ChcCli *cli, int argc, char **argv);
int chc_cli_schedule    (ChcCli *cli, int argc, char **argv);
int chc_cli_restore     (ChcCli *cli, int argc, char **argv);

G_END_DECLS
