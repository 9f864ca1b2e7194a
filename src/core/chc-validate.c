/* chc-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <glib/gi18n-lib.h>

#include "chc-validate.h"
#include "chc-codes.h"
#include "chc-date.h"
#include "chc-text.h"

G_DEFINE_QUARK (chc-validate-error-quark, chc_validate_error)
G_DEFINE_BOXED_TYPE (ChcViolation, chc_violation, chc_violation_copy, chc_violation_free)

ChcViolation *
chc_violation_new (const char *field,
                   const char *message)
{
  ChcViolation *v = g_new0 (ChcViolation, 1);

  v->field = g_strdup (field);
  v->message = g_strdup (message);
  return v;
}

ChcViolation *
chc_violation_copy (ChcViolation *violation)
{
  return chc_violation_new (violation->field, violation->message);
}

void
chc_violation_free (ChcViolation *violation)
{
  if (violation == NULL)
    return;
  g_free (violation->field);
  g_free (violation->message);
  g_free (violation);
}

GPtrArray *
chc_violations_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) chc_violation_free);
}

void
chc_violations_add (GPtrArray  *violations,
                    const char *field,
                    const char *format,
                    ...)
{
  va_list args;
  ChcViolation *v = g_new0 (ChcViolation, 1);

  va_start (args, format);
  v->field = g_strdup (field);
  v->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (violations, v);
}

const ChcViolation *
chc_violations_find (GPtrArray  *violations,
                     const char *field)
{
  for (guint i = 0; i < violations->len; i++)
    {
      const ChcViolation *v = g_ptr_array_index (violations, i);
      if (g_strcmp0 (v->field, field) == 0)
        return v;
    }
  return NULL;
}

gboolean
chc_violations_to_error (GPtrArray  *violations,
                         GError    **error)
{
  g_autoptr(GString) text = NULL;

  if (violations == NULL || violations->len == 0)
    return TRUE;

  text = g_string_new (NULL);
  for (guint i = 0; i < violations->len; i++)
    {
      const ChcViolation *v = g_ptr_array_index (violations, i);
      if (i > 0)
        g_string_append (text, "\n");
      g_string_append (text, v->message);
    }
  g_set_error_literal (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID,
                       text->str);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/**
 * chc_validate_facility:
 * @facility: the facility as it would be stored
 * @context: what the rules need to know of the registry
 * @violations: (element-type ChcViolation): where broken rules are added
 *
 * The registry's rules: a name and a unique code; a district; a town of the
 * same district; a floor area ≥ 0; a branch centre, station or village
 * clinic has a parent centre in the same district, a centre has none; a
 * standardization year only for a standardized facility; a unified social
 * credit code and a licence number, when given, of their form
 * (core/chc-codes.h).
 */
void
chc_validate_facility (ChcFacility              *facility,
                       const ChcFacilityContext *context,
                       GPtrArray                *violations)
{
  g_autofree char *reason = NULL;
  ChcFacilityType type;
  double area;
  int year;

  g_return_if_fail (CHC_IS_FACILITY (facility));
  g_return_if_fail (context != NULL);
  g_return_if_fail (violations != NULL);

  if (is_blank (chc_facility_get_code (facility)))
    chc_violations_add (violations, "code", _("Code: must not be empty."));
  else if (context->code_taken)
    chc_violations_add (violations, "code",
                        _("Code: “%s” is already used by another facility."),
                        chc_facility_get_code (facility));

  if (is_blank (chc_facility_get_name (facility)))
    chc_violations_add (violations, "name", _("Name: must not be empty."));
  else if (!chc_text_check_controls (chc_facility_get_name (facility), FALSE, &reason))
    chc_violations_add (violations, "name", _("Name: %s"), reason);
  g_clear_pointer (&reason, g_free);
  if (!chc_text_check_controls (chc_facility_get_code (facility), FALSE, &reason))
    chc_violations_add (violations, "code", _("Code: %s"), reason);
  g_clear_pointer (&reason, g_free);

  if (chc_facility_get_district_id (facility) <= 0)
    chc_violations_add (violations, "district", _("District: choose a district."));

  /* The national codes are optional; given, they have their form. */
  if (chc_facility_get_credit_code (facility) != NULL &&
      !chc_credit_code_check (chc_facility_get_credit_code (facility), &reason))
    chc_violations_add (violations, "credit_code",
                        _("Unified social credit code: %s"), reason);
  g_clear_pointer (&reason, g_free);
  if (chc_facility_get_license_no (facility) != NULL &&
      !chc_license_no_check (chc_facility_get_license_no (facility), &reason))
    chc_violations_add (violations, "license_no",
                        _("Medical institution licence number: %s"), reason);
  g_clear_pointer (&reason, g_free);

  if (context->town_district_id > 0 &&
      context->town_district_id != chc_facility_get_district_id (facility))
    chc_violations_add (violations, "town",
                        _("Town: the town is not in the facility’s district."));

  area = chc_facility_get_floor_area (facility);
  if (!isfinite (area) || area < 0)
    chc_violations_add (violations, "floor_area",
                        _("Service floor area: must be 0 m² or more."));

  type = chc_facility_get_facility_type (facility);
  if (type == CHC_FACILITY_CENTRE || type == CHC_FACILITY_HOSPITAL)
    {
      if (chc_facility_get_parent_id (facility) > 0)
        chc_violations_add (violations, "parent",
                            type == CHC_FACILITY_CENTRE
                            ? _("Parent centre: a community health centre has no parent centre.")
                            : _("Parent centre: a hospital belongs to no community health centre."));
    }
  else if (chc_facility_get_parent_id (facility) <= 0 || context->parent_missing)
    {
      chc_violations_add (violations, "parent",
                          _("Parent centre: a %s must belong to a community health centre."),
                          chc_facility_type_to_label (type));
    }
  else if (context->parent != NULL)
    {
      if (chc_facility_get_facility_type (context->parent) != CHC_FACILITY_CENTRE)
        chc_violations_add (violations, "parent",
                            _("Parent centre: “%s” is not a community health centre."),
                            chc_facility_get_name (context->parent));
      else if (chc_facility_get_district_id (context->parent) !=
               chc_facility_get_district_id (facility))
        chc_violations_add (violations, "parent",
                            _("Parent centre: “%s” is in another district."),
                            chc_facility_get_name (context->parent));
      else if (chc_facility_get_id (context->parent) == chc_facility_get_id (facility))
        chc_violations_add (violations, "parent",
                            _("Parent centre: a facility cannot be its own parent."));
    }

  year = chc_facility_get_standardized_year (facility);
  if (year != 0)
    {
      if (!chc_facility_get_standardized (facility))
        chc_violations_add (violations, "standardized_year",
                            _("Standardization year: only a standardized facility has one."));
      else if (year < 1990 || year > 2100)
        chc_violations_add (violations, "standardized_year",
                            _("Standardization year: %d is not a plausible year."), year);
    }

  /* its history (issue 14) */
  {
    const char *opened = chc_facility_get_opened_on (facility);
    const char *closed = chc_facility_get_closed_on (facility);
    guint32 opened_day = chc_date_julian (opened);
    guint32 closed_day = chc_date_julian (closed);

    if (opened != NULL && opened_day == 0)
      chc_violations_add (violations, "opened_on",
                          _("Opened on: “%s” is not a date (write 2024-03-15)."), opened);
    if (closed != NULL && closed_day == 0)
      chc_violations_add (violations, "closed_on",
                          _("Closed on: “%s” is not a date (write 2024-03-15)."), closed);
    if (opened_day != 0 && closed_day != 0 && closed_day < opened_day)
      chc_violations_add (violations, "closed_on",
                          _("Closed on: %s is before the day it opened (%s)."), closed, opened);
    if (closed != NULL && chc_facility_get_status (facility) != CHC_FACILITY_CLOSED)
      chc_violations_add (violations, "closed_on",
                          _("Closed on: only a closed facility has a closing date."));
  }
}
