/* chc-cli-reporting.c — the reporting cycle on the command line (issue
 * 15): chc-cli completeness, submit, approve, return, lock, unlock and
 * schedule.
 *
 * completeness prints one row per expected report — the facilities whose
 * type reports a data set, for each of its periods within --period — with
 * the fixed columns facility_code, facility_name, dataset, period, state,
 * submitted_at, on_time (yes, no, or empty while not due and not
 * received); the counts go to stderr.  The others change states and locks
 * and say what they did on stderr; a lock that refuses a change exits 1
 * with nothing written, as every refused import does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <glib/gi18n.h>

#include "chc-cli.h"
#include "core/chc-reporting.h"
#include "store/chc-database-reporting.h"
#include "io/chc-csv-values.h"

/* --period as a canonical period, or NULL after saying why. */
static char *
parse_period (const char *command,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  char *period = NULL;

  if (!chc_csv_parse_any_period (text, &period, NULL, &error))
    {
      g_printerr ("chc-cli %s: %s\n", command, error->message);
      return NULL;
    }
  return period;
}

/* What a command of the cycle works on: the database, and as asked the
 * district, the centre (within the district when both are given) and the
 * period. */
typedef struct
{
  ChcDatabase *database;
  ChcDistrict *district;
  ChcFacility *centre;
  char        *period;
} Target;

static void
target_clear (Target *t)
{
  g_clear_object (&t->database);
  g_clear_object (&t->district);
  g_clear_object (&t->centre);
  g_clear_pointer (&t->period, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

/* Opens what a command names (NULL: not asked); FALSE after saying why. */
static gboolean
open_target (ChcCli     *cli,
             const char *command,
             const char *district_name,
             const char *centre_name,
             const char *period_text,
             Target     *t)
{
  if (period_text != NULL && (t->period = parse_period (command, period_text)) == NULL)
    return FALSE;
  if ((t->database = chc_cli_open_database (cli)) == NULL)
    return FALSE;
  if (district_name != NULL && (t->district = chc_cli_find_district (t->database, district_name)) == NULL)
    return FALSE;
  if (centre_name != NULL &&
      (t->centre = chc_cli_find_centre (t->database, centre_name,
                                        t->district != NULL ? chc_district_get_id (t->district) : 0)) == NULL)
    return FALSE;
  return TRUE;
}

/* The exit status of a refused change: as everywhere (chc_cli_fail: 1 for
 * a lock), and 1 too when the data refused it here (nothing to submit or
 * to decide, a comment or reason missing). */
static int
failed (const GError *error)
{
  if (g_error_matches (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND) ||
      g_error_matches (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_CONSTRAINT))
    {
      chc_cli_print_error (error);
      return CHC_CLI_DATA_PROBLEMS;
    }
  return chc_cli_fail (error);
}

static const char *
on_time_text (ChcReportTimeliness timeliness)
{
  switch (timeliness)
    {
    case CHC_REPORT_TIMELINESS_ON_TIME:
      return "yes";
    case CHC_REPORT_TIMELINESS_LATE:
    case CHC_REPORT_TIMELINESS_OVERDUE:
      return "no";
    case CHC_REPORT_TIMELINESS_NOT_DUE:
    default:
      return "";
    }
}

int
chc_cli_completeness (ChcCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autofree char *district_name = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *dataset = NULL;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("The district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period_text, N_("The period: a month (2025-03), a quarter (2025Q1) or a year (2025: every report of that year)"), N_("PERIOD") },
    { "dataset", 's', 0, G_OPTION_ARG_STRING, &dataset, N_("Only this data set (its code: signing, tcm_visits, monthly_outpatient…)"), N_("DATASET") },
    { NULL }
  };
  static const char *const header[] = {
    "facility_code", "facility_name", "dataset", "period", "state", "submitted_at", "on_time",
  };
  g_auto(Target) t = { NULL };
  ChcDatabase *database;
  ChcDistrict *district;
  const char *period;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  ChcReportCounts counts = { 0 };
  double completeness = 0, timeliness = 0;
  guint n_missing = 0;

  if (!chc_cli_parse ("completeness", NULL,
                      _("Prints the reports expected of a district’s facilities for a period as TSV, one row per facility, data set and period, with its state (not-started, entered, submitted, approved, returned) and whether it arrived by its due date; the counts go to stderr."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (district_name == NULL || period_text == NULL)
    {
      g_printerr (_("chc-cli completeness: give --district and --period.\n"));
      return CHC_CLI_USAGE;
    }
  if (!open_target (cli, "completeness", district_name, NULL, period_text, &t))
    return CHC_CLI_USAGE;
  database = t.database;
  district = t.district;
  period = t.period;
  chc_cli_listing_set_period (period);
  reports = chc_database_list_reports (database, chc_district_get_id (district), dataset, period, period, &error);
  schedules = reports != NULL ? chc_database_list_schedules (database, chc_district_get_id (district), &error) : NULL;
  if (reports == NULL || schedules == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }
  for (guint i = 0; i < schedules->len; i++)
    {
      ChcReportSchedule *schedule = g_ptr_array_index (schedules, i);

      g_hash_table_insert (labels, schedule->dataset, schedule->label);
    }

  chc_cli_print_row (G_N_ELEMENTS (header), header);
  for (guint i = 0; i < reports->len; i++)
    {
      ChcReportStatus *status = g_ptr_array_index (reports, i);
      const char *row[G_N_ELEMENTS (header)] = {
        status->facility_code, status->facility_name, status->dataset, status->period,
        chc_report_state_to_nick (status->state), status->submitted_at != NULL ? status->submitted_at : "",
        on_time_text (status->timeliness),
      };

      chc_cli_print_row (G_N_ELEMENTS (row), row);
      chc_report_counts_add (&counts, status);
      if (!chc_report_state_is_received (status->state))
        {
          if (n_missing++ < 12)
            g_string_append_printf (missing, "%s%s %s %s", missing->len > 0 ? _(", ") : "",
                                    status->facility_name,
                                    (const char *) g_hash_table_lookup (labels, status->dataset),
                                    status->period);
        }
    }

  if (chc_report_counts_completeness (&counts, &completeness) &&
      chc_report_counts_timeliness (&counts, &timeliness))
    {
      g_printerr (_("%s, %s: %u reports expected, %u received (%.1f %%), %u on time (%.1f %%), %u late; %u approved, %u returned, %u overdue.\n"),
                  chc_district_get_name (district), period, counts.expected, counts.received, completeness,
                  counts.on_time, timeliness, counts.late, counts.states[CHC_REPORT_STATE_APPROVED],
                  counts.states[CHC_REPORT_STATE_RETURNED], counts.overdue);
      if (n_missing > 0)
        g_printerr (_("Not received (%u): %s%s\n"), n_missing, missing->str, n_missing > 12 ? _("…") : "");
    }
  else
    g_printerr (_("%s, %s: no report is expected (no facility reports these data sets).\n"),
                chc_district_get_name (district), period);
  return chc_cli_listing_finish (CHC_CLI_OK);
}

/* ---- submit, approve, return ------------------------------------------ */

int
chc_cli_submit (ChcCli  *cli,
                int      argc,
                char   **argv)
{
  g_autofree char *centre_name = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *dataset = NULL;
  const GOptionEntry entries[] = {
    { "centre", 'c', 0, G_OPTION_ARG_STRING, &centre_name, N_("The centre (its code or name); its branch centres submit with it"), N_("CENTRE") },
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period_text, N_("The period (2025-03, 2025Q1, 2025)"), N_("PERIOD") },
    { "dataset", 's', 0, G_OPTION_ARG_STRING, &dataset, N_("Only this data set (default: every one with figures entered)"), N_("DATASET") },
    { NULL }
  };
  g_auto(Target) t = { NULL };
  ChcFacility *centre;
  g_autoptr(GError) error = NULL;
  const char *period;
  int n;

  if (!chc_cli_parse ("submit", NULL,
                      _("Submits a centre’s reports of a period to the commission (the time is recorded; it travels in the centre’s next package)."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (centre_name == NULL || period_text == NULL)
    {
      g_printerr (_("chc-cli submit: give --centre and --period.\n"));
      return CHC_CLI_USAGE;
    }
  if (!open_target (cli, "submit", NULL, centre_name, period_text, &t))
    return CHC_CLI_USAGE;
  centre = t.centre;
  period = t.period;
  n = chc_database_submit_reports (t.database, chc_facility_get_id (centre), dataset, period, &error);
  if (n < 0)
    return failed (error);
  if (n == 0)
    g_printerr (_("%s, %s: already submitted; nothing changed.\n"), chc_facility_get_name (centre), period);
  else
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s, %s: %d report submitted.\n",
                             "%s, %s: %d reports submitted.\n", n),
                chc_facility_get_name (centre), period, n);
  return CHC_CLI_OK;
}

int
chc_cli_approve (ChcCli  *cli,
                 int      argc,
                 char   **argv)
{
  g_autofree char *district_name = NULL;
  g_autofree char *centre_name = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *dataset = NULL;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("The district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period_text, N_("The period (2025-03, 2025Q1, 2025)"), N_("PERIOD") },
    { "centre", 'c', 0, G_OPTION_ARG_STRING, &centre_name, N_("Only this centre and its branch centres"), N_("CENTRE") },
    { "dataset", 's', 0, G_OPTION_ARG_STRING, &dataset, N_("Only this data set"), N_("DATASET") },
    { NULL }
  };
  g_auto(Target) t = { NULL };
  ChcDistrict *district;
  ChcFacility *centre;
  g_autoptr(GError) error = NULL;
  const char *period;
  int n;

  if (!chc_cli_parse ("approve", NULL,
                      _("Approves the submitted reports of a district’s period (or of one centre): each approved report is locked."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (district_name == NULL || period_text == NULL)
    {
      g_printerr (_("chc-cli approve: give --district and --period.\n"));
      return CHC_CLI_USAGE;
    }
  if (!open_target (cli, "approve", district_name, centre_name, period_text, &t))
    return CHC_CLI_USAGE;
  district = t.district;
  centre = t.centre;
  period = t.period;
  n = chc_database_approve_reports (t.database, chc_district_get_id (district),
                                    centre != NULL ? chc_facility_get_id (centre) : 0, dataset, period, &error);
  if (n < 0)
    return failed (error);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s, %s: %d report approved and locked.\n",
                           "%s, %s: %d reports approved and locked.\n", n),
              centre != NULL ? chc_facility_get_name (centre) : chc_district_get_name (district), period, n);
  return CHC_CLI_OK;
}

int
chc_cli_return (ChcCli  *cli,
                int      argc,
                char   **argv)
{
  g_autofree char *centre_name = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *dataset = NULL;
  g_autofree char *comment = NULL;
  const GOptionEntry entries[] = {
    { "centre", 'c', 0, G_OPTION_ARG_STRING, &centre_name, N_("The centre (its code or name)"), N_("CENTRE") },
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period_text, N_("The period (2025-03, 2025Q1, 2025)"), N_("PERIOD") },
    { "comment", 'm', 0, G_OPTION_ARG_STRING, &comment, N_("What the centre must correct (it sees it after the next exchange)"), N_("TEXT") },
    { "dataset", 's', 0, G_OPTION_ARG_STRING, &dataset, N_("Only this data set"), N_("DATASET") },
    { NULL }
  };
  g_auto(Target) t = { NULL };
  ChcFacility *centre;
  g_autoptr(GError) error = NULL;
  const char *period;
  int n;

  if (!chc_cli_parse ("return", NULL,
                      _("Returns a centre’s submitted reports of a period with a comment, for correction."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (centre_name == NULL || period_text == NULL || comment == NULL)
    {
      g_printerr (_("chc-cli return: give --centre, --period and --comment.\n"));
      return CHC_CLI_USAGE;
    }
  if (!open_target (cli, "return", NULL, centre_name, period_text, &t))
    return CHC_CLI_USAGE;
  centre = t.centre;
  period = t.period;
  n = chc_database_return_reports (t.database, chc_facility_get_id (centre), dataset, period, comment, &error);
  if (n < 0)
    return failed (error);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s, %s: %d report returned.\n", "%s, %s: %d reports returned.\n", n),
              chc_facility_get_name (centre), period, n);
  return CHC_CLI_OK;
}

/* ---- lock, unlock -------------------------------------------------------- */

int
chc_cli_lock (ChcCli  *cli,
              int      argc,
              char   **argv)
{
  g_autofree char *district_name = NULL;
  g_autofree char *period_text = NULL;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("The district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period_text, N_("The period (2025-03, 2025Q1, 2025)"), N_("PERIOD") },
    { NULL }
  };
  g_auto(Target) t = { NULL };
  ChcDatabase *database;
  ChcDistrict *district;
  g_autoptr(GError) error = NULL;
  const char *period;

  if (!chc_cli_parse ("lock", NULL,
                      _("Locks a district’s period: no entry, import or merge can change its figures until it is unlocked."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (district_name == NULL || period_text == NULL)
    {
      g_printerr (_("chc-cli lock: give --district and --period.\n"));
      return CHC_CLI_USAGE;
    }
  if (!open_target (cli, "lock", district_name, NULL, period_text, &t))
    return CHC_CLI_USAGE;
  database = t.database;
  district = t.district;
  period = t.period;
  if (chc_database_period_is_locked (database, chc_district_get_id (district), period))
    {
      g_printerr (_("%s, %s: already locked; nothing changed.\n"), chc_district_get_name (district), period);
      return CHC_CLI_OK;
    }
  if (!chc_database_lock_period (database, chc_district_get_id (district), period, &error))
    return failed (error);
  g_printerr (_("%s, %s: locked.\n"), chc_district_get_name (district), period);
  return CHC_CLI_OK;
}

int
chc_cli_unlock (ChcCli  *cli,
                int      argc,
                char   **argv)
{
  g_autofree char *district_name = NULL;
  g_autofree char *centre_name = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *reason = NULL;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("The district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period_text, N_("The period (2025-03, 2025Q1, 2025)"), N_("PERIOD") },
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("Why it is unlocked (kept in the audit log)"), N_("TEXT") },
    { "centre", 'c', 0, G_OPTION_ARG_STRING, &centre_name, N_("Only this centre’s approved reports (the district’s lock stays)"), N_("CENTRE") },
    { NULL }
  };
  g_auto(Target) t = { NULL };
  ChcDistrict *district;
  ChcFacility *centre;
  g_autoptr(GError) error = NULL;
  const char *period;
  int n;

  if (!chc_cli_parse ("unlock", NULL,
                      _("Unlocks a district’s period (its lock and its approved reports, which go back to submitted); the reason is kept in the audit log."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (district_name == NULL || period_text == NULL || reason == NULL)
    {
      g_printerr (_("chc-cli unlock: give --district, --period and --reason.\n"));
      return CHC_CLI_USAGE;
    }
  if (!open_target (cli, "unlock", district_name, centre_name, period_text, &t))
    return CHC_CLI_USAGE;
  district = t.district;
  centre = t.centre;
  period = t.period;
  n = chc_database_unlock_period (t.database, chc_district_get_id (district),
                                  centre != NULL ? chc_facility_get_id (centre) : 0, period, reason, &error);
  if (n < 0)
    return failed (error);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s, %s: %d lock lifted.\n", "%s, %s: %d locks lifted.\n", n),
              centre != NULL ? chc_facility_get_name (centre) : chc_district_get_name (district), period, n);
  return CHC_CLI_OK;
}

/* ---- schedule ------------------------------------------------------------ */

int
chc_cli_schedule (ChcCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autofree char *district_name = NULL;
  g_autofree char *dataset = NULL;
  g_autofree char *reporters = NULL;
  g_autofree char *active = NULL;
  int due_day = 0, due_months = -1;
  const GOptionEntry entries[] = {
    { "district", 'd', 0, G_OPTION_ARG_STRING, &district_name, N_("The district (青浦区, 青浦 or Qingpu)"), N_("DISTRICT") },
    { "dataset", 's', 0, G_OPTION_ARG_STRING, &dataset, N_("The data set to change"), N_("DATASET") },
    { "due-day", 0, 0, G_OPTION_ARG_INT, &due_day, N_("Due on this day of the month (1–31)"), N_("DAY") },
    { "due-months", 0, 0, G_OPTION_ARG_INT, &due_months, N_("… of the month this many months after the period (default 1)"), N_("N") },
    { "reported-by", 0, 0, G_OPTION_ARG_STRING, &reporters, N_("The facility types that report it (centre,branch,station,village_clinic)"), N_("TYPES") },
    { "active", 0, 0, G_OPTION_ARG_STRING, &active, N_("Whether the district collects it (yes or no)"), N_("YES|NO") },
    { NULL }
  };
  static const char *const header[] = {
    "dataset", "name", "period_type", "due_day", "due_months", "reported_by", "active",
  };
  g_auto(Target) t = { NULL };
  ChcDatabase *database;
  ChcDistrict *district;
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GError) error = NULL;

  if (!chc_cli_parse ("schedule", NULL,
                      _("Lists a district’s reporting schedule as TSV (data set, due day, who reports); with --dataset, changes it."),
                      entries, &argc, &argv))
    return CHC_CLI_USAGE;
  if (district_name == NULL)
    {
      g_printerr (_("chc-cli schedule: give --district.\n"));
      return CHC_CLI_USAGE;
    }
  if (!open_target (cli, "schedule", district_name, NULL, NULL, &t))
    return CHC_CLI_USAGE;
  database = t.database;
  district = t.district;
  schedules = chc_database_list_schedules (database, chc_district_get_id (district), &error);
  if (schedules == NULL)
    {
      chc_cli_print_error (error);
      return CHC_CLI_USAGE;
    }

  if (dataset != NULL)
    {
      ChcReportSchedule *schedule = NULL;

      for (guint i = 0; i < schedules->len && schedule == NULL; i++)
        if (g_str_equal (((ChcReportSchedule *) g_ptr_array_index (schedules, i))->dataset, dataset))
          schedule = g_ptr_array_index (schedules, i);
      if (schedule == NULL)
        {
          g_printerr (_("chc-cli schedule: no data set “%s” is reported (chc-cli schedule --district %s lists them).\n"),
                      dataset, district_name);
          return CHC_CLI_USAGE;
        }
      if (due_day != 0)
        schedule->due_day = due_day;
      if (due_months >= 0)
        schedule->due_months = due_months;
      if (reporters != NULL)
        {
          g_strfreev (schedule->reported_by);
          schedule->reported_by = g_strsplit (reporters, ",", -1);
        }
      if (active != NULL)
        schedule->active = g_ascii_strcasecmp (active, "no") != 0 && g_strcmp0 (active, "否") != 0;
      if (!chc_database_set_schedule (database, chc_district_get_id (district), schedule, &error))
        return failed (error);
    }

  chc_cli_print_row (G_N_ELEMENTS (header), header);
  for (guint i = 0; i < schedules->len; i++)
    {
      ChcReportSchedule *schedule = g_ptr_array_index (schedules, i);
      g_autofree char *day = g_strdup_printf ("%d", schedule->due_day);
      g_autofree char *months = g_strdup_printf ("%d", schedule->due_months);
      g_autofree char *types = g_strjoinv (",", schedule->reported_by);
      const char *row[G_N_ELEMENTS (header)] = {
        schedule->dataset, schedule->label, chc_period_type_to_nick (schedule->period_type), day, months, types,
        schedule->active ? "yes" : "no",
      };

      chc_cli_print_row (G_N_ELEMENTS (row), row);
    }
  return chc_cli_listing_finish (CHC_CLI_OK);
}
