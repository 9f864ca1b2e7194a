/* chc-tcm.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "model/chc-town.h"
#include "chc-tcm.h"
#include "chc-validate.h"

G_DEFINE_BOXED_TYPE (ChcTcmTownRow, chc_tcm_town_row, chc_tcm_town_row_copy, chc_tcm_town_row_free)
G_DEFINE_BOXED_TYPE (ChcTcmTarget, chc_tcm_target, chc_tcm_target_copy, chc_tcm_target_free)

/* ---- dates -------------------------------------------------------------- */

char *
chc_tcm_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

char *
chc_tcm_year_end (int year)
{
  return g_strdup_printf ("%04d-12-31", year);
}

static gboolean
all_digits (const char *text,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
chc_tcm_date_is_valid (const char *date)
{
  int year, month, day;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-' ||
      !all_digits (date, 4) || !all_digits (date + 5, 2) || !all_digits (date + 8, 2))
    return FALSE;

  year = atoi (date);
  month = atoi (date + 5);
  day = atoi (date + 8);
  return year >= 1 && month >= 1 && month <= 12 &&
         g_date_valid_dmy (day, month, year);
}

gboolean
chc_tcm_period_is_valid (const char *period)
{
  int month;

  if (period == NULL || strlen (period) != 7 || period[4] != '-' ||
      !all_digits (period, 4) || !all_digits (period + 5, 2))
    return FALSE;
  month = atoi (period + 5);
  return atoi (period) >= 1 && month >= 1 && month <= 12;
}

static int
year_of (const char *date)
{
  return date != NULL ? atoi (date) : 0;
}

/* ---- state at a date ---------------------------------------------------- */

ChcTcmSiteState
chc_tcm_site_state_at (GPtrArray        *events,
                       const char       *date,
                       ChcTcmSiteEvent **event_out)
{
  ChcTcmSiteEvent *latest = NULL;

  g_return_val_if_fail (date != NULL, CHC_TCM_STATE_NONE);

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      ChcTcmSiteEvent *event = g_ptr_array_index (events, i);
      const char *when = chc_tcm_site_event_get_date (event);

      if (when == NULL || strcmp (when, date) > 0)
        continue;
      if (latest == NULL || strcmp (when, chc_tcm_site_event_get_date (latest)) > 0)
        latest = event;
    }

  if (event_out != NULL)
    *event_out = latest;
  return latest != NULL ? chc_tcm_site_event_get_state (latest) : CHC_TCM_STATE_NONE;
}

gboolean
chc_tcm_clinic_is_open_at (ChcSpecialtyClinic *clinic,
                           const char         *date)
{
  const char *opened;
  const char *closed;

  g_return_val_if_fail (CHC_IS_SPECIALTY_CLINIC (clinic), FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  opened = chc_specialty_clinic_get_opened (clinic);
  closed = chc_specialty_clinic_get_closed (clinic);
  return opened != NULL && strcmp (opened, date) <= 0 &&
         (closed == NULL || strcmp (closed, date) > 0);
}

static int
compare_clinics (gconstpointer a,
                 gconstpointer b)
{
  ChcSpecialtyClinic *x = *(ChcSpecialtyClinic **) a;
  ChcSpecialtyClinic *y = *(ChcSpecialtyClinic **) b;
  int c = g_strcmp0 (chc_specialty_clinic_get_opened (x), chc_specialty_clinic_get_opened (y));

  return c != 0 ? c : g_strcmp0 (chc_specialty_clinic_get_name (x), chc_specialty_clinic_get_name (y));
}

GStrv
chc_tcm_open_clinic_names (GPtrArray  *clinics,
                           const char *date)
{
  g_autoptr(GPtrArray) open = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; clinics != NULL && i < clinics->len; i++)
    if (chc_tcm_clinic_is_open_at (g_ptr_array_index (clinics, i), date))
      g_ptr_array_add (open, g_ptr_array_index (clinics, i));
  g_ptr_array_sort (open, compare_clinics);
  for (guint i = 0; i < open->len; i++)
    g_strv_builder_add (builder, chc_specialty_clinic_get_name (g_ptr_array_index (open, i)));
  return g_strv_builder_end (builder);
}

/* ---- shares ------------------------------------------------------------- */

double
chc_tcm_share (gint64 tcm,
               gint64 all)
{
  if (all <= 0)
    return -1;
  return 100.0 * (double) tcm / (double) all;
}

double
chc_tcm_district_share (GPtrArray *statuses,
                        gint64    *tcm_sum,
                        gint64    *all_sum)
{
  gint64 tcm = 0;
  gint64 all = 0;

  for (guint i = 0; statuses != NULL && i < statuses->len; i++)
    {
      ChcTcmStatus *status = g_ptr_array_index (statuses, i);

      tcm += chc_tcm_status_get_tcm_visits (status);
      all += chc_tcm_status_get_all_visits (status);
    }
  if (tcm_sum != NULL)
    *tcm_sum = tcm;
  if (all_sum != NULL)
    *all_sum = all;
  return chc_tcm_share (tcm, all);
}

/* ---- conditions, coverage, town matrix --------------------------------- */

const char *
chc_tcm_condition_to_name (ChcTcmCondition condition)
{
  static const char *const names[] = {
    "tcm_specialty",
    "tcm_hall_up_to_standard",
    "tcm_hall_in_service",
    "tcm_corner",
    "tcm_demo_awarded",
  };

  g_return_val_if_fail ((guint) condition < G_N_ELEMENTS (names), NULL);
  return names[condition];
}

gboolean
chc_tcm_status_satisfies (ChcTcmStatus    *status,
                          ChcTcmCondition  condition)
{
  ChcTcmSiteKind kind;
  ChcTcmSiteState state;
  int year;

  g_return_val_if_fail (CHC_IS_TCM_STATUS (status), FALSE);

  kind = chc_tcm_status_get_site_kind (status);
  state = chc_tcm_status_get_site_state (status);

  switch (condition)
    {
    case CHC_TCM_CONDITION_SPECIALTY:
      return chc_tcm_status_get_n_clinics (status) > 0;
    case CHC_TCM_CONDITION_HALL_UP_TO_STANDARD:
      return kind == CHC_TCM_SITE_HALL && state == CHC_TCM_STATE_UP_TO_STANDARD;
    case CHC_TCM_CONDITION_HALL_IN_SERVICE:
      return kind == CHC_TCM_SITE_HALL && state >= CHC_TCM_STATE_IN_SERVICE;
    case CHC_TCM_CONDITION_CORNER:
      return kind == CHC_TCM_SITE_CORNER && state >= CHC_TCM_STATE_IN_SERVICE;
    case CHC_TCM_CONDITION_DEMO_AWARDED:
      year = chc_tcm_status_get_demo_year (status);
      return chc_tcm_status_get_demo_status (status) == CHC_TCM_DEMO_AWARDED &&
             year > 0 && year <= chc_tcm_status_get_year (status);
    default:
      g_return_val_if_reached (FALSE);
    }
}

ChcTcmCondition
chc_tcm_measure_condition (ChcTcmMeasure measure)
{
  switch (measure)
    {
    case CHC_TCM_MEASURE_HALL:
      return CHC_TCM_CONDITION_HALL_UP_TO_STANDARD;
    case CHC_TCM_MEASURE_CORNER:
      return CHC_TCM_CONDITION_CORNER;
    case CHC_TCM_MEASURE_SPECIALTY:
      return CHC_TCM_CONDITION_SPECIALTY;
    case CHC_TCM_MEASURE_DEMO:
      return CHC_TCM_CONDITION_DEMO_AWARDED;
    default:
      g_return_val_if_reached (CHC_TCM_CONDITION_SPECIALTY);
    }
}

static gboolean
counts (ChcTcmStatus *status)
{
  return chc_facility_get_status (chc_tcm_status_get_facility (status)) == CHC_FACILITY_OPERATING;
}

double
chc_tcm_coverage (GPtrArray       *statuses,
                  guint            type_mask,
                  ChcTcmCondition  condition,
                  guint           *numerator,
                  guint           *denominator)
{
  guint num = 0;
  guint den = 0;

  for (guint i = 0; statuses != NULL && i < statuses->len; i++)
    {
      ChcTcmStatus *status = g_ptr_array_index (statuses, i);
      ChcFacilityType type = chc_facility_get_facility_type (chc_tcm_status_get_facility (status));

      if (!counts (status) || !(type_mask & CHC_TCM_TYPE_BIT (type)))
        continue;
      den++;
      if (chc_tcm_status_satisfies (status, condition))
        num++;
    }

  if (numerator != NULL)
    *numerator = num;
  if (denominator != NULL)
    *denominator = den;
  return den > 0 ? 100.0 * num / den : -1;
}

ChcTcmTownRow *
chc_tcm_town_row_copy (ChcTcmTownRow *row)
{
  ChcTcmTownRow *copy = g_new (ChcTcmTownRow, 1);

  *copy = *row;
  copy->town_name = g_strdup (row->town_name);
  return copy;
}

void
chc_tcm_town_row_free (ChcTcmTownRow *row)
{
  if (row == NULL)
    return;
  g_free (row->town_name);
  g_free (row);
}

gboolean
chc_tcm_town_row_has (const ChcTcmTownRow *row,
                      ChcTcmMeasure        measure)
{
  g_return_val_if_fail (row != NULL, FALSE);
  g_return_val_if_fail ((guint) measure < CHC_TCM_N_MEASURES, FALSE);
  return row->count[measure] > 0;
}

GPtrArray *
chc_tcm_town_matrix (GPtrArray *towns,
                     GPtrArray *statuses)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_tcm_town_row_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; towns != NULL && i < towns->len; i++)
    {
      ChcTown *town = g_ptr_array_index (towns, i);
      ChcTcmTownRow *row = g_new0 (ChcTcmTownRow, 1);

      row->town_id = chc_town_get_id (town);
      row->town_name = g_strdup (chc_town_get_name (town));
      g_ptr_array_add (rows, row);
      g_hash_table_insert (by_id, &row->town_id, row);
    }

  for (guint i = 0; statuses != NULL && i < statuses->len; i++)
    {
      ChcTcmStatus *status = g_ptr_array_index (statuses, i);
      gint64 town_id = chc_facility_get_town_id (chc_tcm_status_get_facility (status));
      ChcTcmTownRow *row = g_hash_table_lookup (by_id, &town_id);

      if (row == NULL || !counts (status))
        continue;
      row->n_facilities++;
      for (guint m = 0; m < CHC_TCM_N_MEASURES; m++)
        if (chc_tcm_status_satisfies (status, chc_tcm_measure_condition (m)))
          row->count[m]++;
    }

  return rows;
}

guint
chc_tcm_town_matrix_count (GPtrArray     *rows,
                           ChcTcmMeasure  measure)
{
  guint n = 0;

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (chc_tcm_town_row_has (g_ptr_array_index (rows, i), measure))
      n++;
  return n;
}

/* ---- targets and coverage bars ------------------------------------------ */

gboolean
chc_tcm_condition_from_name (const char      *name,
                             ChcTcmCondition *condition)
{
  for (guint c = 0; name != NULL && c < CHC_TCM_N_CONDITIONS; c++)
    if (g_str_equal (name, chc_tcm_condition_to_name (c)))
      {
        if (condition != NULL)
          *condition = c;
        return TRUE;
      }
  return FALSE;
}

guint
chc_tcm_type_mask_from_scope (const char *scope)
{
  g_auto(GStrv) words = NULL;
  guint mask = 0;

  if (scope == NULL)
    return 0;
  words = g_strsplit_set (scope, ",; ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      ChcFacilityType type;

      if (chc_facility_type_from_nick (words[i], &type))
        mask |= CHC_TCM_TYPE_BIT (type);
    }
  return mask;
}

ChcTcmTarget *
chc_tcm_target_new (const char *code)
{
  ChcTcmTarget *target = g_new0 (ChcTcmTarget, 1);

  target->code = g_strdup (code);
  target->percent = TRUE;
  return target;
}

ChcTcmTarget *
chc_tcm_target_copy (ChcTcmTarget *target)
{
  ChcTcmTarget *copy = g_new (ChcTcmTarget, 1);

  *copy = *target;
  copy->code = g_strdup (target->code);
  return copy;
}

void
chc_tcm_target_free (ChcTcmTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->code);
  g_free (target);
}

const char *
chc_tcm_bar_code (ChcFacilityType type,
                  ChcTcmBarKind   kind)
{
  if (kind == CHC_TCM_BAR_SPECIALTY)
    return "tcm.specialty_coverage";
  switch (type)
    {
    case CHC_FACILITY_CENTRE:
    case CHC_FACILITY_BRANCH:
      return "tcm.hall_coverage";
    case CHC_FACILITY_STATION:
      return "tcm.corner_coverage_stations";
    case CHC_FACILITY_VILLAGE_CLINIC:
      return "tcm.corner_coverage_villages";
    default:
      return NULL;
    }
}

static const ChcTcmTarget *
find_target (GPtrArray  *targets,
             const char *code)
{
  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      const ChcTcmTarget *target = g_ptr_array_index (targets, i);

      if (g_strcmp0 (target->code, code) == 0)
        return target;
    }
  return NULL;
}

GArray *
chc_tcm_coverage_bars (GPtrArray *statuses,
                       GPtrArray *targets)
{
  GArray *bars = g_array_new (FALSE, TRUE, sizeof (ChcTcmBar));

  /* hospitals have no TCM hall or corner of the plans */
  for (guint type = 0; type <= CHC_FACILITY_VILLAGE_CLINIC; type++)
    for (guint kind = CHC_TCM_BAR_SITE; kind <= CHC_TCM_BAR_SPECIALTY; kind++)
      {
        const char *code = chc_tcm_bar_code (type, kind);
        const ChcTcmTarget *target = find_target (targets, code);
        ChcTcmBar bar = { 0 };

        bar.type = type;
        bar.kind = kind;
        if (kind == CHC_TCM_BAR_SPECIALTY)
          bar.condition = CHC_TCM_CONDITION_SPECIALTY;
        else if (chc_tcm_site_kind_for_facility_type (type) == CHC_TCM_SITE_HALL)
          bar.condition = CHC_TCM_CONDITION_HALL_IN_SERVICE;
        else
          bar.condition = CHC_TCM_CONDITION_CORNER;
        bar.target = -1;

        /* The plan's indicator, if it covers this type. */
        if (target != NULL &&
            (target->type_mask == 0 || (target->type_mask & CHC_TCM_TYPE_BIT (type))))
          {
            if (target->has_condition)
              bar.condition = target->condition;
            if (target->percent && target->has_target)
              {
                bar.target = target->min_value;
                bar.code = code;
              }
          }

        bar.value = chc_tcm_coverage (statuses, CHC_TCM_TYPE_BIT (type), bar.condition,
                                      &bar.numerator, &bar.denominator);
        if (bar.denominator > 0)
          g_array_append_val (bars, bar);
      }

  return bars;
}

/* ---- rules -------------------------------------------------------------- */

char *
chc_tcm_trim (const char *text)
{
  const char *start;
  const char *end;

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    return g_strstrip (g_strdup (text));

  start = text;
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

char *
chc_tcm_clinic_name_key (const char *name)
{
  g_autofree char *trimmed = chc_tcm_trim (name);
  g_autofree char *normal = NULL;

  if (!g_utf8_validate (trimmed, -1, NULL))
    return g_steal_pointer (&trimmed);
  normal = g_utf8_normalize (trimmed, -1, G_NORMALIZE_NFKC);
  return g_utf8_casefold (normal != NULL ? normal : trimmed, -1);
}

static gboolean
has_opened (ChcFacility *facility)
{
  return chc_facility_get_status (facility) != CHC_FACILITY_PLANNED;
}

/* Adds the violations of one date field: valid, not after @today, not
 * before CHC_TCM_EARLIEST_DATE.  Returns TRUE when the date is usable. */
static gboolean
check_date (const char *field,
            const char *label,
            const char *date,
            const char *today,
            GPtrArray  *violations)
{
  if (!chc_tcm_date_is_valid (date))
    {
      chc_violations_add (violations, field,
                          _("%s: “%s” is not a date (write YYYY-MM-DD)."),
                          label, date != NULL ? date : "");
      return FALSE;
    }
  if (today != NULL && strcmp (date, today) > 0)
    {
      chc_violations_add (violations, field,
                          _("%s: %s is in the future (today is %s)."), label, date, today);
      return FALSE;
    }
  if (strcmp (date, CHC_TCM_EARLIEST_DATE) < 0)
    {
      chc_violations_add (violations, field,
                          _("%s: %s is before the facility existed (the registry holds no opening dates; dates before %s are refused)."),
                          label, date, CHC_TCM_EARLIEST_DATE);
      return FALSE;
    }
  return TRUE;
}

void
chc_tcm_validate_site_event (ChcFacility     *facility,
                             ChcTcmSiteEvent *event,
                             const char      *today,
                             GPtrArray       *violations)
{
  ChcFacilityType type;
  ChcTcmSiteKind kind;
  ChcTcmSiteState state;

  g_return_if_fail (CHC_IS_FACILITY (facility));
  g_return_if_fail (CHC_IS_TCM_SITE_EVENT (event));
  g_return_if_fail (violations != NULL);

  type = chc_facility_get_facility_type (facility);
  kind = chc_tcm_site_event_get_kind (event);
  state = chc_tcm_site_event_get_state (event);

  if (kind != chc_tcm_site_kind_for_facility_type (type))
    {
      if (kind == CHC_TCM_SITE_HALL)
        chc_violations_add (violations, "kind",
                            _("Site: a TCM hall belongs to a community health centre or branch centre, and “%s” is a %s; record a TCM corner instead."),
                            chc_facility_get_name (facility), chc_facility_type_to_label (type));
      else
        chc_violations_add (violations, "kind",
                            _("Site: a TCM corner belongs to a health station or village clinic, and “%s” is a %s; record a TCM hall instead."),
                            chc_facility_get_name (facility), chc_facility_type_to_label (type));
    }

  check_date ("date", _("Date of the change"), chc_tcm_site_event_get_date (event), today, violations);

  if (!has_opened (facility) && state >= CHC_TCM_STATE_IN_SERVICE)
    chc_violations_add (violations, "state",
                        _("State: “%s” has not opened yet, so its %s cannot be in service."),
                        chc_facility_get_name (facility), chc_tcm_site_kind_to_label (kind));
}

void
chc_tcm_validate_specialty_clinic (ChcFacility        *facility,
                                   ChcSpecialtyClinic *clinic,
                                   GPtrArray          *others,
                                   const char         *today,
                                   GPtrArray          *violations)
{
  g_autofree char *key = NULL;
  const char *opened;
  const char *closed;
  gboolean opened_ok;

  g_return_if_fail (CHC_IS_FACILITY (facility));
  g_return_if_fail (CHC_IS_SPECIALTY_CLINIC (clinic));
  g_return_if_fail (violations != NULL);

  key = chc_tcm_clinic_name_key (chc_specialty_clinic_get_name (clinic));
  if (*key == '\0')
    chc_violations_add (violations, "name", _("Specialty clinic name: must not be empty."));
  else
    {
      for (guint i = 0; others != NULL && i < others->len; i++)
        {
          ChcSpecialtyClinic *other = g_ptr_array_index (others, i);
          g_autofree char *other_key = NULL;

          if (other == clinic ||
              (chc_specialty_clinic_get_id (clinic) > 0 &&
               chc_specialty_clinic_get_id (other) == chc_specialty_clinic_get_id (clinic)))
            continue;
          other_key = chc_tcm_clinic_name_key (chc_specialty_clinic_get_name (other));
          if (g_str_equal (key, other_key))
            {
              g_autofree char *shown = chc_tcm_trim (chc_specialty_clinic_get_name (clinic));

              chc_violations_add (violations, "name",
                                  _("Specialty clinic name: “%s” already has a specialty clinic named “%s”."),
                                  chc_facility_get_name (facility), shown);
              break;
            }
        }
    }

  opened = chc_specialty_clinic_get_opened (clinic);
  closed = chc_specialty_clinic_get_closed (clinic);
  opened_ok = check_date ("opened", _("Opening date"), opened, today, violations);

  if (closed != NULL && check_date ("closed", _("Closing date"), closed, today, violations) &&
      opened_ok && strcmp (closed, opened) < 0)
    chc_violations_add (violations, "closed",
                        _("Closing date: %s is before the opening date %s."), closed, opened);

  if (!has_opened (facility))
    chc_violations_add (violations, "facility",
                        _("Facility: “%s” has not opened yet, so it cannot run a specialty clinic."),
                        chc_facility_get_name (facility));
}

void
chc_tcm_validate_demo (ChcFacility      *facility,
                       ChcTcmDemoStatus  status,
                       int               year,
                       const char       *today,
                       GPtrArray        *violations)
{
  ChcFacilityType type;
  int this_year = year_of (today);

  g_return_if_fail (CHC_IS_FACILITY (facility));
  g_return_if_fail (violations != NULL);

  type = chc_facility_get_facility_type (facility);

  if (status != CHC_TCM_DEMO_NONE &&
      type != CHC_FACILITY_STATION && type != CHC_FACILITY_VILLAGE_CLINIC)
    chc_violations_add (violations, "status",
                        _("Demonstration status: only a health station or village clinic can be a municipal TCM demonstration station, and “%s” is a %s."),
                        chc_facility_get_name (facility), chc_facility_type_to_label (type));
  else if (status == CHC_TCM_DEMO_AWARDED && !has_opened (facility))
    chc_violations_add (violations, "status",
                        _("Demonstration status: “%s” has not opened yet, so it cannot have been awarded."),
                        chc_facility_get_name (facility));

  if (status == CHC_TCM_DEMO_NONE)
    {
      if (year != 0)
        chc_violations_add (violations, "year",
                            _("Demonstration year: a facility that is not a demonstration station has no year."));
    }
  else if (status == CHC_TCM_DEMO_AWARDED && year == 0)
    chc_violations_add (violations, "year",
                        _("Demonstration year: give the year it was awarded."));
  else if (year != 0 && (year < CHC_TCM_EARLIEST_YEAR || (this_year > 0 && year > this_year)))
    chc_violations_add (violations, "year",
                        _("Demonstration year: %d is not between %d and this year (%d)."),
                        year, CHC_TCM_EARLIEST_YEAR, this_year);
}

void
chc_tcm_validate_visits (ChcFacility *facility,
                         const char  *period,
                         gint64       tcm_visits,
                         gint64       all_visits,
                         const char  *today,
                         GPtrArray   *violations)
{
  g_return_if_fail (CHC_IS_FACILITY (facility));
  g_return_if_fail (violations != NULL);

  if (!chc_tcm_period_is_valid (period))
    chc_violations_add (violations, "period",
                        _("Month: “%s” is not a month (write YYYY-MM)."),
                        period != NULL ? period : "");
  else if (today != NULL && strncmp (period, today, 7) > 0)
    chc_violations_add (violations, "period",
                        _("Month: %s has not begun yet (today is %s)."), period, today);
  else if (year_of (period) < CHC_TCM_EARLIEST_YEAR)
    chc_violations_add (violations, "period",
                        _("Month: %s is before the facility existed (months before %d are refused)."),
                        period, CHC_TCM_EARLIEST_YEAR);

  if (tcm_visits < 0)
    chc_violations_add (violations, "tcm_visits",
                        _("TCM visits: must be 0 or more."));
  if (all_visits < 0)
    chc_violations_add (violations, "all_visits",
                        _("All visits: must be 0 or more."));
  if (tcm_visits >= 0 && all_visits >= 0 && tcm_visits > all_visits)
    chc_violations_add (violations, "tcm_visits",
                        _("TCM visits: %lld is more than all visits (%lld)."),
                        (long long) tcm_visits, (long long) all_visits);

  if (!has_opened (facility) && (tcm_visits > 0 || all_visits > 0))
    chc_violations_add (violations, "facility",
                        _("Facility: “%s” has not opened yet, so it has no visits."),
                        chc_facility_get_name (facility));
}

void
chc_tcm_validate_training (ChcFacility *facility,
                           int          year,
                           gint64       trained,
                           const char  *today,
                           GPtrArray   *violations)
{
  int this_year = year_of (today);

  g_return_if_fail (CHC_IS_FACILITY (facility));
  g_return_if_fail (violations != NULL);

  if (year < CHC_TCM_EARLIEST_YEAR || (this_year > 0 && year > this_year))
    chc_violations_add (violations, "year",
                        _("Training year: %d is not between %d and this year (%d)."),
                        year, CHC_TCM_EARLIEST_YEAR, this_year);
  if (trained < 0)
    chc_violations_add (violations, "trained",
                        _("Staff trained in TCM techniques: must be 0 or more."));
}
