/* chc-report-form.c — the blank monthly entry form of a centre: the paper
 * fallback for clinics without a PC.  Every signing and TCM figure of the
 * month with a ruled box to write in, remarks, signature and date lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-report"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-report-sections.h"
#include "core/chc-element.h"
#include "store/chc-database-values.h"

/* The value box of a figure: empty for a number, tick boxes for yes/no. */
static char *
value_box (const ChcElement *element)
{
  if (element->value_type == CHC_VALUE_TYPE_YES_NO)
    return g_strdup_printf ("□\u00a0%s\u2003□\u00a0%s", _("yes"), _("no"));
  return g_strdup ("");
}

/* The unit column of a figure: its declared unit, "%" for a percent. */
static const char *
unit_text (const ChcElement *element)
{
  if (element->value_type == CHC_VALUE_TYPE_PERCENT)
    return "%";
  return element->unit != NULL ? element->unit : "";
}

/* The monthly figures a centre reports on the form beside its family's:
 * the elements of the commission's data (built-in and its own) reported
 * by a centre each month and stored in the generic value tables. */
static GPtrArray *
list_centre_monthly_elements (ChcDatabase  *database,
                              GError      **error)
{
  g_autoptr(GPtrArray) elements = chc_database_list_elements (database, error);
  GPtrArray *monthly;

  if (elements == NULL)
    return NULL;
  monthly = g_ptr_array_new_with_free_func ((GDestroyNotify) chc_element_unref);
  for (guint i = 0; i < elements->len; i++)
    {
      ChcElement *element = g_ptr_array_index (elements, i);

      if (element->family == NULL && element->period_type == CHC_PERIOD_TYPE_MONTH &&
          element->level == CHC_ELEMENT_LEVEL_CENTRE && element->value_type != CHC_VALUE_TYPE_DATE)
        g_ptr_array_add (monthly, chc_element_ref (element));
    }
  return monthly;
}

static gboolean
parse_period (const char *period,
              int        *year,
              int        *month)
{
  char *end = NULL;
  gint64 y, m;

  if (period == NULL || strlen (period) != 7 || period[4] != '-')
    return FALSE;
  y = g_ascii_strtoll (period, &end, 10);
  if (end != period + 4)
    return FALSE;
  m = g_ascii_strtoll (period + 5, &end, 10);
  if (*end != '\0' || m < 1 || m > 12 || y < 1900 || y > 2200)
    return FALSE;
  *year = (int) y;
  *month = (int) m;
  return TRUE;
}

ChcReport *
chc_report_build_form (ChcDatabase  *database,
                       gint64        centre_id,
                       const char   *period,
                       GError      **error)
{
  g_autoptr(ChcFacility) centre = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GPtrArray) own = g_ptr_array_new ();
  g_autoptr(GPtrArray) signing = chc_elements_list_family ("signing");
  g_autoptr(GPtrArray) tcm = chc_elements_list_family ("tcm_visits");
  g_autoptr(GPtrArray) monthly = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *period_label = NULL;
  g_autoptr(GError) local_error = NULL;
  ChcReport *report;
  ChcReportTable *table;
  int year, month;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);

  if (!parse_period (period, &year, &month))
    {
      g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_PERIOD,
                   _("Not a month (YYYY-MM): %s"), period ? period : "");
      return NULL;
    }
  centre = chc_database_get_facility (database, centre_id, &local_error);
  if (centre == NULL)
    {
      g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_NO_DISTRICT,
                   _("No such centre: %s"), local_error->message);
      return NULL;
    }
  facilities = chc_database_list_facilities (database, chc_facility_get_district_id (centre), error);
  if (facilities == NULL)
    return NULL;
  monthly = list_centre_monthly_elements (database, error);
  if (monthly == NULL)
    return NULL;
  for (guint i = 0; i < facilities->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (facilities, i);

      if (chc_facility_get_status (f) == CHC_FACILITY_CLOSED)
        continue;
      if (chc_facility_get_id (f) == centre_id || chc_facility_get_parent_id (f) == centre_id)
        g_ptr_array_add (own, f);
    }

  period_label = g_strdup_printf (_("%d-%02d"), year, month);
  /* Translators: title of the paper form, "%s月度数据填报表". */
  title = g_strdup_printf (_("%s Monthly Data Entry Form"), chc_facility_get_name (centre));
  subtitle = g_strdup_printf ("%s\n%s", chc_facility_get_district_name (centre), period_label);

  report = chc_report_new (title);
  chc_report_add_title (report, title, subtitle);
  chc_report_add_key_value (report, _("Centre"), chc_facility_get_name (centre));
  chc_report_add_key_value (report, _("Code"), chc_facility_get_code (centre));
  chc_report_add_key_value (report, _("Town"), chc_facility_get_town_name (centre));
  chc_report_add_key_value (report, _("Month"), period_label);
  chc_report_add_paragraph (report, _("Write the figures of the month in the boxes (counts as whole "
                                      "numbers), tick yes or no where asked; leave a box empty when the "
                                      "figure is not known: an empty box is “not reported”, never 0. "
                                      "Return the signed form to the district health commission."));

  /* The centre's monthly figures: one box per figure (the signing family,
   * then the other monthly elements of a centre), for the centre and each
   * branch centre. */
  for (guint i = 0; i < own->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (own, i);
      ChcFacilityType type = chc_facility_get_facility_type (f);
      g_autofree char *heading = NULL;

      if (type != CHC_FACILITY_CENTRE && type != CHC_FACILITY_BRANCH)
        continue;
      /* TRANSLATORS: heading of the form's boxes: facility name */
      heading = g_strdup_printf (_("Monthly figures: %s"), chc_facility_get_name (f));
      chc_report_add_heading (report, heading);
      table = chc_report_table_new (4);
      chc_report_table_set_column (table, 0, _("No."), 0.5, CHC_REPORT_ALIGN_END);
      chc_report_table_set_column (table, 1, _("Figure"), 4.5, CHC_REPORT_ALIGN_START);
      chc_report_table_set_column (table, 2, _("Unit"), 0.8, CHC_REPORT_ALIGN_CENTER);
      chc_report_table_set_column (table, 3, _("Value"), 2.2, CHC_REPORT_ALIGN_END);
      chc_report_table_set_min_row_height (table, 22);
      for (guint k = 0; k < signing->len + monthly->len; k++)
        {
          const ChcElement *element = k < signing->len ? g_ptr_array_index (signing, k)
                                                       : g_ptr_array_index (monthly, k - signing->len);
          g_autofree char *number = g_strdup_printf ("%u", k + 1);
          g_autofree char *box = value_box (element);

          chc_report_table_append (table, (const char *[]) {
                                     number, chc_element_get_label (element), unit_text (element), box });
        }
      chc_report_add_table (report, table);
    }

  /* TCM: one row per facility of the centre. */
  chc_report_add_heading (report, _("Traditional Chinese medicine"));
  table = chc_report_table_new (4 + tcm->len);
  chc_report_table_set_column (table, 0, _("Facility"), 2.0, CHC_REPORT_ALIGN_START);
  chc_report_table_set_column (table, 1, _("TCM hall / corner (tick one)"), 2.0, CHC_REPORT_ALIGN_START);
  chc_report_table_set_column (table, 2, _("Demonstration (tick one)"), 1.5, CHC_REPORT_ALIGN_START);
  /* The TCM visit figures, as declared (data/elements.ini). */
  for (guint k = 0; k < tcm->len; k++)
    chc_report_table_set_column (table, 3 + k, chc_element_get_label (g_ptr_array_index (tcm, k)), 1.0,
                                 CHC_REPORT_ALIGN_END);
  chc_report_table_set_column (table, 3 + tcm->len, _("Specialty clinics opened or closed"), 1.6,
                               CHC_REPORT_ALIGN_START);
  chc_report_table_set_min_row_height (table, 30);
  for (guint i = 0; i < own->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (own, i);
      g_autofree char *site = g_strdup_printf ("□\u00a0%s\n□\u00a0%s\n□\u00a0%s\n□\u00a0%s", _("none"), _("building"),
                                               _("in service"), _("up to standard"));
      g_autofree char *demo = g_strdup_printf ("□\u00a0%s\n□\u00a0%s\n□\u00a0%s", _("none"), _("applying"),
                                               _("awarded"));

      g_autofree const char **cells = g_new0 (const char *, 4 + tcm->len + 1);

      cells[0] = chc_facility_get_name (f);
      cells[1] = site;
      cells[2] = demo;
      chc_report_table_append (table, cells);
    }
  chc_report_add_table (report, table);

  chc_report_add_heading (report, _("Remarks"));
  chc_report_add_remarks (report, "", 80);
  chc_report_add_signature (report, (const char *[]) { _("Filled in by:"), _("Telephone:"), NULL });
  chc_report_add_signature (report, (const char *[]) { _("Head of centre (seal):"), _("Date:"), NULL });
  return report;
}
