/* chc-dhis2.h — the monthly counts as DHIS2 imports them (dataValueSets
 * JSON, DHIS2 CSV, ADX XML) and dataValueSets JSON read back.
 *
 * The data elements are the counts of the monthly kinds (never rates):
 * the family-doctor signing figures and the TCM visits of a facility and
 * month.  Over a quarter or a year a count of people (resident
 * population, signed residents, …) is the one of the period's last
 * reported month; a count of visits is the sum of the months.
 *
 * A mapping file (a key file, see chc_dhis2_mapping_load()) gives each
 * element its DHIS2 data element (UID or code) and optionally a category
 * option combo (JSON, CSV) or an ADX disaggregation, and each facility
 * its org unit; without it our own codes are used: the data element
 * CHC_SIGNING_RESIDENT_POPULATION, the facility code as org unit (import
 * in DHIS2 with idScheme=CODE).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

typedef enum
{
  CHC_DHIS2_FORMAT_JSON,   /* dataValueSets JSON */
  CHC_DHIS2_FORMAT_CSV,    /* dataelement,period,orgunit,catoptcombo,attroptcombo,value,… */
  CHC_DHIS2_FORMAT_ADX,    /* urn:ihe:qrph:adx:2015 */
} ChcDhis2Format;

gboolean     chc_dhis2_format_from_nick   (const char      *nick,
                                           ChcDhis2Format  *format);

/* A month, a quarter or a year. */
typedef struct
{
  int year;
  int first_month;   /* 1–12 */
  int n_months;      /* 1, 3 or 12 */
} ChcDhis2Period;

/* Reads "2024-12", "202412", "2024Q4" or "2024". */
gboolean     chc_dhis2_period_parse       (const char      *text,
                                           ChcDhis2Period  *period,
                                           GError         **error);
/* As DHIS2 writes it: "202412", "2024Q4", "2024". */
char        *chc_dhis2_period_to_id       (const ChcDhis2Period *period);
/* As ADX writes it (ISO 8601): "2024-12-01/P1M", "2024-10-01/P3M", "2024-01-01/P1Y". */
char        *chc_dhis2_period_to_iso      (const ChcDhis2Period *period);

typedef struct _ChcDhis2Mapping ChcDhis2Mapping;

/* Our own codes. */
ChcDhis2Mapping *chc_dhis2_mapping_new    (void);
/* A key file:
 *
 *   [dhis2]
 *   dataSet = CHC_MONTHLY            (ADX groups and JSON; default CHC_MONTHLY)
 *   attributeOptionCombo = …         (default: none, DHIS2's default)
 *   [dataElements]
 *   signing.signed_residents = fbfJHSPpUQD
 *   [categoryOptionCombos]
 *   signing.key_population_signed = …
 *   [adx]
 *   signing.key_population_signed = POPULATION=KEY
 *   [orgUnits]
 *   310118C01 = DiszpKrYNg8
 *   12310118425028519C = OrgBaihe001  (by 统一社会信用代码; a facility
 *                                      code line comes first)
 *
 * Unknown elements are an error; elements not named keep their default. */
ChcDhis2Mapping *chc_dhis2_mapping_load   (const char      *path,
                                           GError         **error);
void         chc_dhis2_mapping_free       (ChcDhis2Mapping *mapping);

/* The element keys ("signing.resident_population", …), NULL-terminated. */
const char *const *chc_dhis2_element_keys (void);

/* Writes the values of the facilities of @district_id (0: all) for
 * @period to @file (replaced atomically).  @n_values (optional) receives
 * how many were written. */
gboolean     chc_dhis2_export             (ChcDatabase           *database,
                                           gint64                 district_id,
                                           const ChcDhis2Period  *period,
                                           const ChcDhis2Mapping *mapping,
                                           ChcDhis2Format         format,
                                           GFile                 *file,
                                           guint                 *n_values,
                                           GError               **error);

typedef struct
{
  guint      n_values;    /* data values read */
  guint64    inserted;
  guint64    updated;
  guint64    unchanged;
  GPtrArray *problems;    /* (element-type utf8): "FILE: orgUnit X, period P: …" */
  gboolean   written;
} ChcDhis2ImportReport;

void         chc_dhis2_import_report_free (ChcDhis2ImportReport *report);

/* Reads a dataValueSets JSON file (monthly periods) and imports its
 * values through the CSV import's checks: all or nothing (nothing is
 * written when any value has a problem, or with @check_only).  Returns
 * NULL with @error when the file cannot be read or is no dataValueSets
 * JSON. */
ChcDhis2ImportReport *chc_dhis2_import    (ChcDatabase           *database,
                                           GFile                 *file,
                                           const ChcDhis2Mapping *mapping,
                                           gboolean               check_only,
                                           GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcDhis2Mapping, chc_dhis2_mapping_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcDhis2ImportReport, chc_dhis2_import_report_free)

G_END_DECLS
