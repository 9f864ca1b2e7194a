/* chc-date.h — calendar dates as the users type them (pure, no GTK).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CHC_DATE_ERROR (chc_date_error_quark ())

typedef enum
{
  CHC_DATE_ERROR_INVALID,   /* not a date at all */
  CHC_DATE_ERROR_NO_SUCH_DAY, /* looks like a date, but the day does not exist */
  CHC_DATE_ERROR_OUT_OF_RANGE, /* a real day, outside the years 1900–2100 */
} ChcDateError;

GQuark    chc_date_error_quark (void);

/* Parses a date as written in the commissions' files and forms:
 * "2024-03-15", "2024-3-5", "2024/3/15", "2024.3.15", "20240315",
 * "2024年3月15日" (日 or 号 optional, spaces allowed), full-width digits,
 * and a trailing midnight as spreadsheets write date cells ("2024-03-15
 * 00:00:00", "2024-03-15T00:00"); another time of day ("2024-12-31T10:00")
 * is a moment, not a date, and is refused.  Years 1900–2100 (a real day
 * outside them: CHC_DATE_ERROR_OUT_OF_RANGE).  Sets @date on success; on failure
 * returns FALSE with a translated CHC_DATE_ERROR that quotes @text. */
gboolean  chc_date_parse       (const char  *text,
                                GDate       *date,
                                GError     **error);
/* Like chc_date_parse(), but returns the ISO 8601 form "2024-03-15"
 * (newly allocated), or NULL with @error. */
char     *chc_date_normalize   (const char  *text,
                                GError     **error);
/* "2024-03-15" for a valid @date. */
char     *chc_date_to_iso      (const GDate *date);
/* The Julian day of @text (any form chc_date_parse() accepts), or 0 when
 * @text is NULL, empty or not a date. */
guint32   chc_date_julian      (const char  *text);
/* The year of @text, or 0. */
int       chc_date_year        (const char  *text);
/* Today's date in local time. */
void      chc_date_today       (GDate       *date);
/* The Julian day of 31 December of @year. */
guint32   chc_date_year_end    (int          year);

G_END_DECLS
