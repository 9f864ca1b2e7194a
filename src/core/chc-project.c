/* chc-project.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-date.h"
#include "chc-project.h"
#include "chc-text.h"
#include "chc-validate.h"

/*
 * Which milestones apply to which project
 * ---------------------------------------
 *
 *                    approved  site      started  topped   completed  opened
 *                              selected           out
 * new build             ✓        ✓         ✓        ✓*        ✓         ✓
 * relocation            ✓        ✓         ✓        ✓*        ✓         ✓
 * renovation-expansion  ✓        –         ✓        ✓*        ✓         –
 * standardization       ✓        ✓*        ✓        ✓*        ✓         –
 * opening               ✓        ✓         ✓        –         ✓         ✓
 *
 * ✓* applies to centres and branch centres only: a station or a village
 * clinic occupies rooms of an existing building, so it is never "topped
 * out", and its standardization is a renovation in place (no site to
 * select).  A renovation-expansion stays on its site.  An opening fits out
 * and opens a building that exists (its "started" is the fit-out).
 *
 * A project is finished at "opened" when it brings a facility (back) into
 * service — new build, relocation, opening — and at "completed" (the
 * acceptance) when the facility operates throughout — renovation-expansion,
 * standardization.
 *
 * A milestone that applies but has neither date is simply not tracked
 * (e.g. a new branch centre fitted out in a rented building has no topping
 * out): it never makes the project late.
 */

static gboolean
is_small_facility (ChcFacilityType type)
{
  return type == CHC_FACILITY_STATION || type == CHC_FACILITY_VILLAGE_CLINIC;
}

gboolean
chc_project_milestone_applies (ChcProjectKind   kind,
                               ChcFacilityType  facility_type,
                               ChcMilestoneKind milestone)
{
  gboolean small = is_small_facility (facility_type);

  switch (milestone)
    {
    case CHC_MILESTONE_APPROVED:
    case CHC_MILESTONE_STARTED:
    case CHC_MILESTONE_COMPLETED:
      return TRUE;
    case CHC_MILESTONE_SITE_SELECTED:
      return kind == CHC_PROJECT_NEW_BUILD || kind == CHC_PROJECT_RELOCATION ||
             kind == CHC_PROJECT_OPENING ||
             (kind == CHC_PROJECT_STANDARDIZATION && !small);
    case CHC_MILESTONE_TOPPED_OUT:
      /* a study and an itinerant station build nothing to top out */
      return kind != CHC_PROJECT_OPENING && kind != CHC_PROJECT_FEASIBILITY_STUDY &&
             kind != CHC_PROJECT_TCM_ITINERANT && !small;
    case CHC_MILESTONE_OPENED:
      return kind == CHC_PROJECT_NEW_BUILD || kind == CHC_PROJECT_RELOCATION ||
             kind == CHC_PROJECT_OPENING;
    default:
      return FALSE;
    }
}

guint
chc_project_list_milestones (ChcProjectKind   kind,
                             ChcFacilityType  facility_type,
                             ChcMilestoneKind out[CHC_N_MILESTONES])
{
  guint n = 0;

  for (guint m = 0; m < CHC_N_MILESTONES; m++)
    if (chc_project_milestone_applies (kind, facility_type, m))
      out[n++] = m;
  return n;
}

ChcMilestoneKind
chc_project_final_milestone (ChcProjectKind  kind,
                             ChcFacilityType facility_type)
{
  return chc_project_milestone_applies (kind, facility_type, CHC_MILESTONE_OPENED)
         ? CHC_MILESTONE_OPENED : CHC_MILESTONE_COMPLETED;
}

static guint32
resolve_as_of (guint32 as_of)
{
  GDate today;

  if (as_of != 0)
    return as_of;
  chc_date_today (&today);
  return g_date_get_julian (&today);
}

/* Reached as of @as_of: an actual date on or before it. */
static gboolean
reached (ChcProject       *project,
         ChcMilestoneKind  milestone,
         guint32           as_of)
{
  guint32 actual = chc_date_julian (chc_project_get_actual (project, milestone));

  return actual != 0 && actual <= as_of;
}

guint
chc_project_milestone_days_late (ChcProject       *project,
                                 ChcMilestoneKind  milestone,
                                 guint32           as_of)
{
  guint32 planned;

  g_return_val_if_fail (CHC_IS_PROJECT (project), 0);

  as_of = resolve_as_of (as_of);
  if (!chc_project_milestone_applies (chc_project_get_kind (project),
                                      chc_project_get_facility_type (project), milestone))
    return 0;
  planned = chc_date_julian (chc_project_get_planned (project, milestone));
  if (planned == 0 || planned >= as_of || reached (project, milestone, as_of))
    return 0;
  return as_of - planned;
}

void
chc_project_evaluate (ChcProject       *project,
                      guint32           as_of,
                      ChcProjectStatus *status)
{
  ChcMilestoneKind list[CHC_N_MILESTONES];
  ChcMilestoneKind final;
  guint n;
  int last_reached = -1;   /* index into list */

  g_return_if_fail (CHC_IS_PROJECT (project));
  g_return_if_fail (status != NULL);

  as_of = resolve_as_of (as_of);
  memset (status, 0, sizeof *status);

  n = chc_project_list_milestones (chc_project_get_kind (project),
                                   chc_project_get_facility_type (project), list);
  final = chc_project_final_milestone (chc_project_get_kind (project),
                                       chc_project_get_facility_type (project));

  for (guint i = 0; i < n; i++)
    {
      guint days = chc_project_milestone_days_late (project, list[i], as_of);

      if (reached (project, list[i], as_of))
        last_reached = i;
      if (days > status->days_late)
        {
          status->days_late = days;
          status->most_overdue = list[i];
        }
    }

  status->late = status->days_late > 0;
  status->stage = last_reached >= 0 ? CHC_PROJECT_STAGE_FOR (list[last_reached])
                                    : CHC_PROJECT_STAGE_PROPOSED;
  status->finished = reached (project, final, as_of);

  /* The next milestone: the first after the stage not yet reached that is
   * tracked (has a planned date); failing that, the first not reached. */
  if (!status->finished)
    {
      for (guint i = last_reached + 1; i < n; i++)
        if (!reached (project, list[i], as_of) &&
            chc_date_julian (chc_project_get_planned (project, list[i])) != 0)
          {
            status->has_next = TRUE;
            status->next = list[i];
            status->next_planned = chc_date_julian (chc_project_get_planned (project, list[i]));
            break;
          }
      for (guint i = last_reached + 1; i < n && !status->has_next; i++)
        if (!reached (project, list[i], as_of))
          {
            status->has_next = TRUE;
            status->next = list[i];
          }
    }
}

ChcProjectStage
chc_project_compute_stage (ChcProject *project,
                           guint32     as_of)
{
  ChcProjectStatus status;

  chc_project_evaluate (project, as_of, &status);
  return status.stage;
}

int
chc_project_compare_lateness (gconstpointer a,
                              gconstpointer b,
                              gpointer      as_of_ptr)
{
  ChcProject *pa = CHC_PROJECT ((gpointer) a);
  ChcProject *pb = CHC_PROJECT ((gpointer) b);
  guint32 as_of = resolve_as_of (as_of_ptr != NULL ? *(guint32 *) as_of_ptr : 0);
  ChcProjectStatus sa, sb;
  int cmp;

  chc_project_evaluate (pa, as_of, &sa);
  chc_project_evaluate (pb, as_of, &sb);

  if (sa.days_late != sb.days_late)
    return sa.days_late > sb.days_late ? -1 : 1;
  /* On time: the unfinished before the finished, the nearest next date first. */
  if (sa.finished != sb.finished)
    return sa.finished ? 1 : -1;
  if (sa.next_planned != sb.next_planned)
    {
      if (sa.next_planned == 0 || sb.next_planned == 0)
        return sa.next_planned == 0 ? 1 : -1;
      return sa.next_planned < sb.next_planned ? -1 : 1;
    }
  if (chc_project_get_plan_year (pa) != chc_project_get_plan_year (pb))
    return chc_project_get_plan_year (pa) < chc_project_get_plan_year (pb) ? -1 : 1;
  cmp = g_strcmp0 (chc_project_get_facility_name (pa), chc_project_get_facility_name (pb));
  if (cmp != 0)
    return cmp;
  return chc_project_get_id (pa) < chc_project_get_id (pb) ? -1
         : chc_project_get_id (pa) > chc_project_get_id (pb);
}

static void
check_figure (GPtrArray  *violations,
              const char *field,
              const char *label,
              double      value)
{
  if (isnan (value))
    return;
  if (!isfinite (value) || value < 0)
    chc_violations_add (violations, field, _("%s: must be 0 or more."), label);
}

/* Checks one date field; returns its Julian day (0 when empty or bad). */
static guint32
check_date (GPtrArray        *violations,
            ChcMilestoneKind  milestone,
            gboolean          actual,
            const char       *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;
  GDate date;

  if (text == NULL || *text == '\0')
    return 0;
  if (chc_date_parse (text, &date, &error))
    return g_date_get_julian (&date);

  field = g_strdup_printf ("%s.%s", chc_milestone_kind_to_nick (milestone),
                           actual ? "actual" : "planned");
  chc_violations_add (violations, field,
                      actual ? _("%s, actual date: %s") : _("%s, planned date: %s"),
                      chc_milestone_kind_to_label (milestone), error->message);
  return 0;
}

void
chc_validate_project (ChcProject              *project,
                      const ChcProjectContext *context,
                      GPtrArray               *violations)
{
  ChcMilestoneKind list[CHC_N_MILESTONES];
  ChcProjectKind kind;
  ChcFacilityType type;
  guint32 today;
  guint32 previous_actual = 0;
  ChcMilestoneKind previous_milestone = CHC_MILESTONE_APPROVED;
  int year;
  guint n;

  g_return_if_fail (CHC_IS_PROJECT (project));
  g_return_if_fail (context != NULL);
  g_return_if_fail (violations != NULL);

  kind = chc_project_get_kind (project);
  type = chc_project_get_facility_type (project);
  today = resolve_as_of (context->today);

  if (chc_project_get_facility_id (project) <= 0 || context->facility_missing)
    chc_violations_add (violations, "facility", _("Facility: choose the facility of the project."));
  {
    g_autofree char *reason = NULL;

    if (!chc_text_check_controls (chc_project_get_notes (project), TRUE, &reason))
      chc_violations_add (violations, "notes", _("Notes: %s"), reason);
    g_clear_pointer (&reason, g_free);
    if (!chc_text_check_controls (chc_project_get_units (project), FALSE, &reason))
      chc_violations_add (violations, "units", _("Units: %s"), reason);
  }

  year = chc_project_get_plan_year (project);
  if (year < 2000 || year > 2100)
    chc_violations_add (violations, "plan_year",
                        _("Plan year: %d is not a plausible year."), year);

  check_figure (violations, "budget", _("Budget"), chc_project_get_budget (project));
  check_figure (violations, "area_before", _("Floor area before"),
                chc_project_get_area_before (project));
  check_figure (violations, "area_after", _("Floor area after"),
                chc_project_get_area_after (project));

  n = chc_project_list_milestones (kind, type, list);
  for (guint i = 0; i < n; i++)
    {
      ChcMilestoneKind m = list[i];
      guint32 actual;

      check_date (violations, m, FALSE, chc_project_get_planned (project, m));
      actual = check_date (violations, m, TRUE, chc_project_get_actual (project, m));
      if (actual == 0)
        continue;

      if (actual > today)
        {
          g_autofree char *field = g_strdup_printf ("%s.actual", chc_milestone_kind_to_nick (m));
          chc_violations_add (violations, field,
                              _("%s, actual date: %s is in the future; record a milestone once it is reached."),
                              chc_milestone_kind_to_label (m), chc_project_get_actual (project, m));
        }

      if (previous_actual != 0 && actual < previous_actual)
        {
          g_autofree char *field = g_strdup_printf ("%s.actual", chc_milestone_kind_to_nick (m));
          chc_violations_add (violations, field,
                              _("%s, actual date: it is before the actual date of “%s” (%s); milestones are reached in order."),
                              chc_milestone_kind_to_label (m),
                              chc_milestone_kind_to_label (previous_milestone),
                              chc_project_get_actual (project, previous_milestone));
        }
      else
        {
          previous_actual = actual;
          previous_milestone = m;
        }
    }

  if ((kind == CHC_PROJECT_NEW_BUILD || kind == CHC_PROJECT_OPENING) &&
      context->check_opening && !context->facility_missing &&
      context->facility_status == CHC_FACILITY_OPERATING &&
      chc_project_get_actual (project, CHC_MILESTONE_OPENED) == NULL)
    chc_violations_add (violations, "kind",
                        _("Kind: “%s” already operates; a %s project is for a planned facility."),
                        chc_project_get_facility_name (project) != NULL
                        ? chc_project_get_facility_name (project) : "",
                        chc_project_kind_to_label (kind));
}

int
chc_project_finished_year (ChcProject *project)
{
  ChcMilestoneKind final;

  g_return_val_if_fail (CHC_IS_PROJECT (project), 0);

  final = chc_project_final_milestone (chc_project_get_kind (project),
                                       chc_project_get_facility_type (project));
  return chc_date_year (chc_project_get_actual (project, final));
}

ChcProjectEffects
chc_project_effects_due (ChcProject *project)
{
  ChcProjectEffects effects = CHC_PROJECT_EFFECT_NONE;
  ChcProjectKind kind;
  gboolean finished;

  g_return_val_if_fail (CHC_IS_PROJECT (project), CHC_PROJECT_EFFECT_NONE);

  kind = chc_project_get_kind (project);
  finished = chc_project_finished_year (project) != 0;

  if (finished && kind == CHC_PROJECT_STANDARDIZATION)
    effects |= CHC_PROJECT_EFFECT_STANDARDIZED;
  if ((kind == CHC_PROJECT_NEW_BUILD || kind == CHC_PROJECT_OPENING) &&
      chc_date_julian (chc_project_get_actual (project, CHC_MILESTONE_OPENED)) != 0)
    effects |= CHC_PROJECT_EFFECT_OPERATING;
  if (finished && isfinite (chc_project_get_area_after (project)) &&
      chc_project_get_area_after (project) >= 0)
    effects |= CHC_PROJECT_EFFECT_FLOOR_AREA;
  return effects;
}
