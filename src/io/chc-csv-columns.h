/* chc-csv-columns.h — the kinds of CSV file, their columns (English names
 * and Chinese aliases) and the matching of a file's header to them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CHC_CSV_KIND_FACILITIES,
  CHC_CSV_KIND_SIGNING,
  CHC_CSV_KIND_TCM,
  CHC_CSV_KIND_PROJECTS,
  CHC_CSV_KIND_VALUES,     /* data elements, one value a row (issue 13) */
} ChcCsvKind;

#define CHC_CSV_N_KINDS 5

typedef enum
{
  CHC_CSV_VALUE_TEXT,
  CHC_CSV_VALUE_COUNT,            /* whole number ≥ 0, thousands separators allowed */
  CHC_CSV_VALUE_NUMBER,           /* number ≥ 0 with an optional fraction */
  CHC_CSV_VALUE_PERIOD,           /* month */
  CHC_CSV_VALUE_DATE,
  CHC_CSV_VALUE_YEAR,
  CHC_CSV_VALUE_BOOLEAN,
  CHC_CSV_VALUE_FACILITY_TYPE,
  CHC_CSV_VALUE_FACILITY_STATUS,
  CHC_CSV_VALUE_PROJECT_KIND,
} ChcCsvValueType;

typedef enum
{
  CHC_CSV_COLUMN_REQUIRED = 1 << 0,  /* the file must have it */
  CHC_CSV_COLUMN_ONE_OF   = 1 << 1,  /* the file must have one of the ONE_OF columns */
} ChcCsvColumnFlags;

typedef struct
{
  const char        *name;         /* "signed_residents": written by export --english-headers */
  const char        *aliases;      /* "签约人数|签约居民数": the first is the header export writes */
  ChcCsvValueType    type;
  ChcCsvColumnFlags  flags;
  const char        *description;  /* N_() */
} ChcCsvColumn;

/* Column indexes of each kind (the order of chc_csv_kind_get_columns()).
 * The kinds whose rows belong to a facility begin with the same three. */
enum
{
  CHC_CSV_FACILITY_CODE,
  CHC_CSV_FACILITY_NAME,
  CHC_CSV_FACILITY_TYPE,
  CHC_CSV_FACILITY_DISTRICT,
  CHC_CSV_FACILITY_TOWN,
  CHC_CSV_FACILITY_PARENT,
  CHC_CSV_FACILITY_FLOOR_AREA,
  CHC_CSV_FACILITY_STANDARDIZED,
  CHC_CSV_FACILITY_STANDARDIZED_YEAR,
  CHC_CSV_FACILITY_STATUS,
  CHC_CSV_FACILITY_CREDIT_CODE,       /* schema 5: new columns go at the end */
  CHC_CSV_FACILITY_LICENSE_NO,
  CHC_CSV_FACILITY_OPENED_ON,         /* schema 8 (issue 14) */
  CHC_CSV_FACILITY_CLOSED_ON,
  CHC_CSV_FACILITY_N_COLUMNS
};

enum
{
  CHC_CSV_OF_FACILITY_CODE,       /* facility_code */
  CHC_CSV_OF_FACILITY_NAME,       /* facility_name */
  CHC_CSV_OF_DISTRICT,            /* district */
};

enum
{
  CHC_CSV_SIGNING_PERIOD = CHC_CSV_OF_DISTRICT + 1,
  CHC_CSV_SIGNING_RESIDENT_POPULATION,
  CHC_CSV_SIGNING_SIGNED_RESIDENTS,
  CHC_CSV_SIGNING_KEY_POPULATION,
  CHC_CSV_SIGNING_KEY_POPULATION_SIGNED,
  CHC_CSV_SIGNING_ONLINE_SIGNED,
  CHC_CSV_SIGNING_SIGNED_VISITS_TOTAL,
  CHC_CSV_SIGNING_SIGNED_VISITS_IN_COMMUNITY,
  CHC_CSV_SIGNING_N_COLUMNS
};

enum
{
  CHC_CSV_TCM_PERIOD = CHC_CSV_OF_DISTRICT + 1,
  CHC_CSV_TCM_TCM_VISITS,
  CHC_CSV_TCM_ALL_VISITS,
  CHC_CSV_TCM_N_COLUMNS
};

enum
{
  CHC_CSV_PROJECT_KIND = CHC_CSV_OF_DISTRICT + 1,
  CHC_CSV_PROJECT_PLAN_YEAR,
  CHC_CSV_PROJECT_BUDGET,
  CHC_CSV_PROJECT_AREA_BEFORE,
  CHC_CSV_PROJECT_AREA_AFTER,
  CHC_CSV_PROJECT_UNITS,
  CHC_CSV_PROJECT_NOTES,
  /* then planned and actual date of each milestone, in ChcMilestoneKind
   * order: CHC_CSV_PROJECT_PLANNED (m) and CHC_CSV_PROJECT_ACTUAL (m) */
  CHC_CSV_PROJECT_FIRST_MILESTONE,
  CHC_CSV_PROJECT_N_COLUMNS = CHC_CSV_PROJECT_FIRST_MILESTONE + 2 * 6
};

/* values: facility (code or exact name; a district for a district's
 * element), element (code or exact name), period, value */
enum
{
  CHC_CSV_VALUES_FACILITY,
  CHC_CSV_VALUES_ELEMENT,
  CHC_CSV_VALUES_PERIOD,
  CHC_CSV_VALUES_VALUE,
  CHC_CSV_VALUES_N_COLUMNS
};

#define CHC_CSV_PROJECT_PLANNED(m) (CHC_CSV_PROJECT_FIRST_MILESTONE + 2 * (m))
#define CHC_CSV_PROJECT_ACTUAL(m)  (CHC_CSV_PROJECT_FIRST_MILESTONE + 2 * (m) + 1)

/* "facilities", "signing", "tcm", "projects" */
const char          *chc_csv_kind_to_nick       (ChcCsvKind   kind);
gboolean             chc_csv_kind_from_nick     (const char  *nick,
                                                 ChcCsvKind  *kind);
/* A translated one-line description of the kind. */
const char          *chc_csv_kind_describe      (ChcCsvKind   kind);
const ChcCsvColumn  *chc_csv_kind_get_columns   (ChcCsvKind   kind,
                                                 guint       *n_columns);
/* The column of @kind whose name or alias @header is (see
 * chc_csv_header_fold()), or -1. */
int                  chc_csv_kind_find_column   (ChcCsvKind   kind,
                                                 const char  *header);
/* The form headers are compared in: NFKC (full-width → half-width), case
 * folded, without white space, '_' and '-'. */
char                *chc_csv_header_fold        (const char  *header);
/* The documentation of every kind's columns (for --help and
 * docs/csv-columns.md): Markdown when @markdown, else plain text. */
char                *chc_csv_describe_columns   (gboolean     markdown);

/* ---- mapping of a file's columns to a kind's columns ------------------- */

typedef struct _ChcCsvMapping ChcCsvMapping;

/* Matches @headers (the file's first row) against @kind's columns. */
ChcCsvMapping       *chc_csv_mapping_new        (ChcCsvKind          kind,
                                                 const char *const  *headers,
                                                 guint               n_headers);
ChcCsvMapping       *chc_csv_mapping_copy       (const ChcCsvMapping *mapping);
void                 chc_csv_mapping_free       (ChcCsvMapping      *mapping);
ChcCsvKind           chc_csv_mapping_get_kind   (const ChcCsvMapping *mapping);
guint                chc_csv_mapping_get_n_file_columns (const ChcCsvMapping *mapping);
const char          *chc_csv_mapping_get_header (const ChcCsvMapping *mapping,
                                                 guint               file_column);
/* The kind's column read from file column @file_column (0-based), or -1. */
int                  chc_csv_mapping_get_column (const ChcCsvMapping *mapping,
                                                 guint               file_column);
/* The file column (0-based) holding the kind's @column, or -1. */
int                  chc_csv_mapping_get_file_column (const ChcCsvMapping *mapping,
                                                 guint               column);
/* Changes the mapping (the import assistant): file column @file_column
 * holds the kind's @column, or nothing when @column is -1. */
void                 chc_csv_mapping_set        (ChcCsvMapping      *mapping,
                                                 guint               file_column,
                                                 int                 column);

/* Problems of a mapping, for its header line: a missing required column,
 * a column given twice (errors); an unknown column (a warning).  Calls
 * @func once per problem with the 1-based column (1 when the problem is
 * a missing column). */
typedef void (*ChcCsvMappingProblemFunc) (gboolean    warning,
                                          guint       column,
                                          const char *message,
                                          gpointer    user_data);
guint                chc_csv_mapping_check      (const ChcCsvMapping     *mapping,
                                                 ChcCsvMappingProblemFunc func,
                                                 gpointer                 user_data);
/* Remembering the mapping chosen for a file's header (the import
 * assistant): the key of the header set (the kind and the folded headers),
 * and the mapping as text ("facility_code,,period,…": the kind's column
 * of each file column, empty for none).  Applying a text of another number
 * of columns, or naming an unknown column, changes nothing and returns
 * FALSE. */
char                *chc_csv_mapping_dup_key    (const ChcCsvMapping *mapping);
char                *chc_csv_mapping_to_string  (const ChcCsvMapping *mapping);
gboolean             chc_csv_mapping_apply_string (ChcCsvMapping     *mapping,
                                                 const char          *text);

/* "period (统计月份, 月份)" for messages. */
char                *chc_csv_column_display     (ChcCsvKind          kind,
                                                 guint               column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcCsvMapping, chc_csv_mapping_free)

G_END_DECLS
