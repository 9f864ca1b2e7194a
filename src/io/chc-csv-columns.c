/* chc-csv-columns.c — the column sets of the CSV kinds, table-driven.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-csv"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "model/chc-indicator.h"
#include "chc-csv-columns.h"
#include "core/chc-element.h"
#include "chc-csv-values.h"

#define REQ CHC_CSV_COLUMN_REQUIRED
#define ONE CHC_CSV_COLUMN_ONE_OF

/* The three columns that find the facility a row belongs to. */
#define FACILITY_LOOKUP_COLUMNS \
  { "facility_code", "机构编码|机构代码", CHC_CSV_VALUE_TEXT, ONE, \
    N_("Facility code; or give facility_name") }, \
  { "facility_name", "机构名称", CHC_CSV_VALUE_TEXT, ONE, \
    N_("Facility name, exactly as in the registry (spaces around ignored); or give facility_code") }, \
  { "district", "区|所属区", CHC_CSV_VALUE_TEXT, 0, \
    N_("District (青浦区, 青浦 or Qingpu): tells same-named facilities apart") }

static const ChcCsvColumn facility_columns[] = {
  { "code", "机构编码|机构代码", CHC_CSV_VALUE_TEXT, REQ,
    N_("Facility code, unique: identifies the facility (an existing code updates it)") },
  { "name", "机构名称", CHC_CSV_VALUE_TEXT, REQ, N_("Name") },
  { "type", "机构类型", CHC_CSV_VALUE_FACILITY_TYPE, REQ,
    N_("centre, branch, station, village_clinic, hospital, or 社区卫生服务中心, 分中心, 社区卫生服务站, 村卫生室, 医院") },
  { "district", "区|所属区", CHC_CSV_VALUE_TEXT, REQ, N_("District (青浦区, 青浦 or Qingpu)") },
  { "town", "街镇|街道|镇|所属街镇", CHC_CSV_VALUE_TEXT, 0,
    N_("Town (sub-district or town) of the district; empty for none") },
  { "parent", "上级中心|所属中心", CHC_CSV_VALUE_TEXT, 0,
    N_("Parent centre (code or name; may be a centre of the same file); empty for a centre") },
  { "floor_area", "业务用房面积", CHC_CSV_VALUE_NUMBER, 0, N_("Service floor area in m² (1,234.5)") },
  { "standardized", "是否标准化|标准化", CHC_CSV_VALUE_BOOLEAN, 0, N_("Standardized: 是/否, yes/no, 1/0") },
  { "standardized_year", "标准化年份", CHC_CSV_VALUE_YEAR, 0,
    N_("Year of standardization (only for a standardized facility)") },
  { "status", "状态|运行状态", CHC_CSV_VALUE_FACILITY_STATUS, 0,
    N_("operating, planned, closed, or 运行, 筹建, 关闭") },
  { "credit_code", "统一社会信用代码|社会信用代码|信用代码", CHC_CSV_VALUE_TEXT, 0,
    N_("Unified social credit code (18 characters, with its check character); empty for none") },
  { "license_no", "医疗机构执业许可证登记号|执业许可证登记号|许可证登记号", CHC_CSV_VALUE_TEXT, 0,
    N_("Medical institution licence number (22 or 23 digits and letters, as issued); empty for none") },
  { "opened_on", "开业日期|启用日期", CHC_CSV_VALUE_DATE, 0,
    N_("Date it opened (2024-03-15); empty: in service since before the records. Past periods count it from then on") },
  { "closed_on", "停业日期|关闭日期", CHC_CSV_VALUE_DATE, 0,
    N_("Date it closed (only for a closed facility); empty: not closed, or closed today when the status says closed") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (facility_columns) == CHC_CSV_FACILITY_N_COLUMNS);

/* The monthly kinds: the key columns, then one column per data element of
 * the family (data/elements.ini: its code, its aliases — the first is the
 * header export writes —, required or not, its name), in declaration
 * order, which is the order of the CHC_CSV_SIGNING_* / CHC_CSV_TCM_*
 * indexes (tests/test-elements.c checks the signing family's). */
static const ChcCsvColumn monthly_key_columns[] = {
  FACILITY_LOOKUP_COLUMNS,
  { "period", "统计月份|月份", CHC_CSV_VALUE_PERIOD, REQ,
    N_("Month: 2024-03, 202403, 2024/03, 2024年3月") },
};

static const ChcCsvColumn *
family_columns (const char *family,
                guint       n_expected)
{
  g_autoptr(GPtrArray) elements = chc_elements_list_family (family);
  guint n_key = G_N_ELEMENTS (monthly_key_columns);
  ChcCsvColumn *columns = g_new0 (ChcCsvColumn, n_key + elements->len);

  memcpy (columns, monthly_key_columns, sizeof monthly_key_columns);
  for (guint i = 0; i < elements->len; i++)
    {
      ChcElement *element = g_ptr_array_index (elements, i);
      ChcCsvColumn *column = &columns[n_key + i];

      column->name = g_strdup (element->column);
      column->aliases = element->aliases[0] != NULL ? g_strjoinv ("|", element->aliases)
                                                    : g_strdup (element->name_zh);
      column->type = CHC_CSV_VALUE_COUNT;
      column->flags = element->required ? REQ : 0;
      column->description = g_strdup (chc_element_get_label (element));
    }
  g_assert (n_key + elements->len == n_expected);
  return columns;
}

static const ChcCsvColumn project_columns[] = {
  FACILITY_LOOKUP_COLUMNS,
  { "kind", "项目类型|建设类型", CHC_CSV_VALUE_PROJECT_KIND, REQ,
    N_("new_build, relocation, renovation, standardization, opening, or 新建, 迁建, 改扩建, 标准化建设, 开办") },
  { "plan_year", "计划年度|年度", CHC_CSV_VALUE_YEAR, REQ,
    N_("Plan year; with the facility and the kind it identifies the project") },
  { "budget", "投资额|预算|投资估算", CHC_CSV_VALUE_NUMBER, 0, N_("Budget in 10,000 yuan (万元)") },
  { "area_before", "原业务用房面积|原面积", CHC_CSV_VALUE_NUMBER, 0, N_("Floor area before, m²") },
  { "area_after", "建成后业务用房面积|建成后面积", CHC_CSV_VALUE_NUMBER, 0, N_("Floor area after, m²") },
  { "units", "责任单位", CHC_CSV_VALUE_TEXT, 0, N_("Responsible units") },
  { "notes", "备注", CHC_CSV_VALUE_TEXT, 0, N_("Notes") },
  { "approved_planned", "计划立项日期", CHC_CSV_VALUE_DATE, 0, N_("Approval, planned date") },
  { "approved_actual", "实际立项日期|立项日期", CHC_CSV_VALUE_DATE, 0, N_("Approval, actual date") },
  { "site_selected_planned", "计划选址日期", CHC_CSV_VALUE_DATE, 0, N_("Site selection, planned date") },
  { "site_selected_actual", "实际选址日期|选址日期", CHC_CSV_VALUE_DATE, 0, N_("Site selection, actual date") },
  { "started_planned", "计划开工日期", CHC_CSV_VALUE_DATE, 0, N_("Construction start, planned date") },
  { "started_actual", "实际开工日期|开工日期", CHC_CSV_VALUE_DATE, 0, N_("Construction start, actual date") },
  { "topped_out_planned", "计划结构封顶日期|计划封顶日期", CHC_CSV_VALUE_DATE, 0, N_("Topping out, planned date") },
  { "topped_out_actual", "实际结构封顶日期|结构封顶日期|封顶日期", CHC_CSV_VALUE_DATE, 0, N_("Topping out, actual date") },
  { "completed_planned", "计划竣工日期", CHC_CSV_VALUE_DATE, 0, N_("Completion, planned date") },
  { "completed_actual", "实际竣工日期|竣工日期", CHC_CSV_VALUE_DATE, 0, N_("Completion, actual date") },
  { "opened_planned", "计划开办日期|计划开业日期", CHC_CSV_VALUE_DATE, 0, N_("Opening, planned date") },
  { "opened_actual", "实际开办日期|开办日期|开业日期", CHC_CSV_VALUE_DATE, 0, N_("Opening, actual date") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (project_columns) == CHC_CSV_PROJECT_N_COLUMNS);

static const ChcCsvColumn values_columns[] = {
  { "facility", "机构|机构编码|机构名称|单位", CHC_CSV_VALUE_TEXT, REQ,
    N_("Facility code or exact name; for a district's figure, the district") },
  { "element", "数据项|数据项编码|指标项", CHC_CSV_VALUE_TEXT, REQ,
    N_("Data element: its code or exact name (chc-cli elements lists them)") },
  { "period", "统计期间|期间|报告期", CHC_CSV_VALUE_TEXT, REQ,
    N_("Period: a month (2024-12, 2024年12月), a quarter (2024Q4) or a year (2024)") },
  { "value", "数值|值", CHC_CSV_VALUE_TEXT, REQ,
    /* xgettext:no-c-format */
    N_("Value: a number (1,234 and 45% accepted), 是/否 for yes/no; a figure not reported has no row") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (values_columns) == CHC_CSV_VALUES_N_COLUMNS);

static const struct
{
  const char         *nick;
  const char         *description;
  const ChcCsvColumn *columns;
  guint               n_columns;
} kinds[] = {
  { "facilities", N_("The facility registry: one row per facility, identified by its code"),
    facility_columns, G_N_ELEMENTS (facility_columns) },
  { "signing", N_("Family-doctor signing: one row per facility and month"),
    NULL, CHC_CSV_SIGNING_N_COLUMNS },
  { "tcm", N_("TCM visits: one row per facility and month"),
    NULL, CHC_CSV_TCM_N_COLUMNS },
  { "projects", N_("Construction projects: one row per project, identified by facility, kind and plan year; a planned and an actual date per milestone"),
    project_columns, G_N_ELEMENTS (project_columns) },
  { "values", N_("Values of data elements: one value a row (facility, element, period, value)"),
    values_columns, G_N_ELEMENTS (values_columns) },
};
G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == CHC_CSV_N_KINDS);

const char *
chc_csv_kind_to_nick (ChcCsvKind kind)
{
  g_return_val_if_fail ((guint) kind < CHC_CSV_N_KINDS, NULL);
  return kinds[kind].nick;
}

gboolean
chc_csv_kind_from_nick (const char *nick,
                        ChcCsvKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (nick == NULL)
    return FALSE;
  for (guint i = 0; i < CHC_CSV_N_KINDS; i++)
    if (g_ascii_strcasecmp (nick, kinds[i].nick) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
chc_csv_kind_describe (ChcCsvKind kind)
{
  g_return_val_if_fail ((guint) kind < CHC_CSV_N_KINDS, NULL);
  return _(kinds[kind].description);
}

const ChcCsvColumn *
chc_csv_kind_get_columns (ChcCsvKind  kind,
                          guint      *n_columns)
{
  static const ChcCsvColumn *signing_columns, *tcm_columns;

  g_return_val_if_fail ((guint) kind < CHC_CSV_N_KINDS, NULL);
  if (n_columns != NULL)
    *n_columns = kinds[kind].n_columns;
  if (kind == CHC_CSV_KIND_SIGNING)
    {
      if (g_once_init_enter (&signing_columns))
        g_once_init_leave (&signing_columns, family_columns ("signing", CHC_CSV_SIGNING_N_COLUMNS));
      return signing_columns;
    }
  if (kind == CHC_CSV_KIND_TCM)
    {
      if (g_once_init_enter (&tcm_columns))
        g_once_init_leave (&tcm_columns, family_columns ("tcm_visits", CHC_CSV_TCM_N_COLUMNS));
      return tcm_columns;
    }
  return kinds[kind].columns;
}

char *
chc_csv_header_fold (const char *header)
{
  g_autofree char *folded = chc_csv_fold (header);
  char *out = folded;

  for (const char *p = folded; *p != '\0'; p++)
    if (*p != ' ' && *p != '_' && *p != '-' && *p != '\t')
      *out++ = *p;
  *out = '\0';
  return g_steal_pointer (&folded);
}

static gboolean
column_matches (const ChcCsvColumn *column,
                const char         *folded)
{
  g_autofree char *name = chc_csv_header_fold (column->name);
  g_auto(GStrv) aliases = NULL;

  if (g_str_equal (name, folded))
    return TRUE;
  aliases = g_strsplit (column->aliases, "|", -1);
  for (guint i = 0; aliases[i] != NULL; i++)
    {
      g_autofree char *alias = chc_csv_header_fold (aliases[i]);
      if (g_str_equal (alias, folded))
        return TRUE;
    }
  return FALSE;
}

int
chc_csv_kind_find_column (ChcCsvKind  kind,
                          const char *header)
{
  g_autofree char *folded = NULL;
  const ChcCsvColumn *columns;
  guint n_columns;
  char *paren;

  g_return_val_if_fail ((guint) kind < CHC_CSV_N_KINDS, -1);

  if (header == NULL || strlen (header) > 256)
    return -1;

  columns = chc_csv_kind_get_columns (kind, &n_columns);
  folded = chc_csv_header_fold (header);
  if (*folded == '\0')
    return -1;
  for (guint i = 0; i < n_columns; i++)
    if (column_matches (&columns[i], folded))
      return i;

  /* "业务用房面积(m²)", "投资额（万元）": a unit in parentheses at the end */
  paren = strrchr (folded, '(');
  if (paren != NULL && paren > folded && g_str_has_suffix (folded, ")"))
    {
      *paren = '\0';
      for (guint i = 0; i < n_columns; i++)
        if (column_matches (&columns[i], folded))
          return i;
    }
  return -1;
}

char *
chc_csv_column_display (ChcCsvKind kind,
                        guint      column)
{
  const ChcCsvColumn *columns;
  guint n_columns;
  g_autofree char *aliases = NULL;

  columns = chc_csv_kind_get_columns (kind, &n_columns);
  g_return_val_if_fail (column < n_columns, NULL);

  {
    g_auto(GStrv) parts = g_strsplit (columns[column].aliases, "|", -1);

    /* A Chinese interface names the column by its Chinese header only
     * (not "facility_name (机构名称)"). */
    if (chc_locale_prefers_chinese ())
      return g_strdup (parts[0]);
    aliases = g_strjoinv (", ", parts);
  }
  return g_strdup_printf ("%s (%s)", columns[column].name, aliases);
}

static const char *
value_type_describe (ChcCsvValueType type)
{
  switch (type)
    {
    case CHC_CSV_VALUE_COUNT:
      return _("whole number");
    case CHC_CSV_VALUE_NUMBER:
      return _("number");
    case CHC_CSV_VALUE_PERIOD:
      return _("month");
    case CHC_CSV_VALUE_DATE:
      return _("date");
    case CHC_CSV_VALUE_YEAR:
      return _("year");
    case CHC_CSV_VALUE_BOOLEAN:
      return _("yes/no");
    case CHC_CSV_VALUE_TEXT:
    case CHC_CSV_VALUE_FACILITY_TYPE:
    case CHC_CSV_VALUE_FACILITY_STATUS:
    case CHC_CSV_VALUE_PROJECT_KIND:
    default:
      return _("text");
    }
}

char *
chc_csv_describe_columns (gboolean markdown)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint k = 0; k < CHC_CSV_N_KINDS; k++)
    {
      if (markdown)
        g_string_append_printf (text, "## `%s`\n\n%s.\n\n| column | Chinese headers | value | description |\n|---|---|---|---|\n",
                                kinds[k].nick, _(kinds[k].description));
      else
        g_string_append_printf (text, "%s — %s:\n", kinds[k].nick, _(kinds[k].description));

      for (guint i = 0; i < kinds[k].n_columns; i++)
        {
          const ChcCsvColumn *column = &chc_csv_kind_get_columns (k, NULL)[i];
          g_auto(GStrv) aliases = g_strsplit (column->aliases, "|", -1);
          g_autofree char *joined = g_strjoinv (markdown ? ", " : ", ", aliases);
          const char *need = (column->flags & CHC_CSV_COLUMN_REQUIRED) ? _("required")
                             : (column->flags & CHC_CSV_COLUMN_ONE_OF) ? _("required (one of)")
                             : _("optional");

          if (markdown)
            g_string_append_printf (text, "| `%s` | %s | %s, %s | %s |\n", column->name, joined,
                                    value_type_describe (column->type), need, _(column->description));
          else
            g_string_append_printf (text, "  %-28s %s\n  %-28s %s; %s. %s\n",
                                    column->name, joined, "",
                                    value_type_describe (column->type), need, _(column->description));
        }
      g_string_append_c (text, '\n');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- mapping ------------------------------------------------------------ */

struct _ChcCsvMapping
{
  ChcCsvKind  kind;
  guint       n_file_columns;
  char      **headers;          /* as in the file */
  int        *file_to_column;   /* -1: not a column of the kind */
};

ChcCsvMapping *
chc_csv_mapping_new (ChcCsvKind         kind,
                     const char *const *headers,
                     guint              n_headers)
{
  ChcCsvMapping *mapping;

  g_return_val_if_fail ((guint) kind < CHC_CSV_N_KINDS, NULL);
  g_return_val_if_fail (headers != NULL || n_headers == 0, NULL);

  mapping = g_new0 (ChcCsvMapping, 1);
  mapping->kind = kind;
  mapping->n_file_columns = n_headers;
  mapping->headers = g_new0 (char *, n_headers + 1);
  mapping->file_to_column = g_new (int, n_headers + 1);
  for (guint i = 0; i < n_headers; i++)
    {
      mapping->headers[i] = g_strdup (headers[i]);
      mapping->file_to_column[i] = chc_csv_kind_find_column (kind, headers[i]);
    }
  return mapping;
}

ChcCsvMapping *
chc_csv_mapping_copy (const ChcCsvMapping *mapping)
{
  ChcCsvMapping *copy;

  g_return_val_if_fail (mapping != NULL, NULL);

  copy = g_new0 (ChcCsvMapping, 1);
  copy->kind = mapping->kind;
  copy->n_file_columns = mapping->n_file_columns;
  copy->headers = g_strdupv (mapping->headers);
  copy->file_to_column = g_memdup2 (mapping->file_to_column,
                                    sizeof (int) * (mapping->n_file_columns + 1));
  return copy;
}

void
chc_csv_mapping_free (ChcCsvMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_strfreev (mapping->headers);
  g_free (mapping->file_to_column);
  g_free (mapping);
}

ChcCsvKind
chc_csv_mapping_get_kind (const ChcCsvMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, 0);
  return mapping->kind;
}

guint
chc_csv_mapping_get_n_file_columns (const ChcCsvMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, 0);
  return mapping->n_file_columns;
}

const char *
chc_csv_mapping_get_header (const ChcCsvMapping *mapping,
                            guint                file_column)
{
  g_return_val_if_fail (mapping != NULL, NULL);
  g_return_val_if_fail (file_column < mapping->n_file_columns, NULL);
  return mapping->headers[file_column];
}

int
chc_csv_mapping_get_column (const ChcCsvMapping *mapping,
                            guint                file_column)
{
  g_return_val_if_fail (mapping != NULL, -1);
  if (file_column >= mapping->n_file_columns)
    return -1;
  return mapping->file_to_column[file_column];
}

int
chc_csv_mapping_get_file_column (const ChcCsvMapping *mapping,
                                 guint                column)
{
  g_return_val_if_fail (mapping != NULL, -1);
  for (guint i = 0; i < mapping->n_file_columns; i++)
    if (mapping->file_to_column[i] == (int) column)
      return i;
  return -1;
}

void
chc_csv_mapping_set (ChcCsvMapping *mapping,
                     guint          file_column,
                     int            column)
{
  guint n_columns;

  g_return_if_fail (mapping != NULL);
  g_return_if_fail (file_column < mapping->n_file_columns);
  chc_csv_kind_get_columns (mapping->kind, &n_columns);
  g_return_if_fail (column >= -1 && column < (int) n_columns);

  mapping->file_to_column[file_column] = column;
}

guint
chc_csv_mapping_check (const ChcCsvMapping      *mapping,
                       ChcCsvMappingProblemFunc  func,
                       gpointer                  user_data)
{
  const ChcCsvColumn *columns;
  guint n_columns;
  guint n_problems = 0;
  gboolean has_one_of = FALSE;
  gboolean needs_one_of = FALSE;

  g_return_val_if_fail (mapping != NULL, 0);
  g_return_val_if_fail (func != NULL, 0);

  columns = chc_csv_kind_get_columns (mapping->kind, &n_columns);

  for (guint i = 0; i < mapping->n_file_columns; i++)
    {
      int column = mapping->file_to_column[i];

      if (column < 0)
        {
          g_autofree char *quoted = NULL;

          if (chc_csv_is_blank (mapping->headers[i]))
            continue;   /* unnamed: its cells are checked by the importer */
          quoted = chc_csv_quote_value (mapping->headers[i]);
          {
            g_autofree char *message =
              g_strdup_printf (_("unknown column %s; it is ignored (see “chc-cli import --help” for the columns of %s)."),
                               quoted, kinds[mapping->kind].nick);
            func (TRUE, i + 1, message, user_data);
          }
          n_problems++;
          continue;
        }

      for (guint j = 0; j < i; j++)
        if (mapping->file_to_column[j] == column)
          {
            g_autofree char *display = chc_csv_column_display (mapping->kind, column);
            g_autofree char *message =
              g_strdup_printf (_("the column %s is given twice (also in column %u)."),
                               display, j + 1);
            func (FALSE, i + 1, message, user_data);
            n_problems++;
            break;
          }
    }

  for (guint c = 0; c < n_columns; c++)
    {
      gboolean present = chc_csv_mapping_get_file_column (mapping, c) >= 0;

      if (columns[c].flags & CHC_CSV_COLUMN_ONE_OF)
        {
          needs_one_of = TRUE;
          has_one_of |= present;
        }
      else if ((columns[c].flags & CHC_CSV_COLUMN_REQUIRED) && !present)
        {
          g_autofree char *display = chc_csv_column_display (mapping->kind, c);
          g_autofree char *message = g_strdup_printf (_("the required column %s is missing."), display);
          func (FALSE, 1, message, user_data);
          n_problems++;
        }
    }

  if (needs_one_of && !has_one_of)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint c = 0; c < n_columns; c++)
        if (columns[c].flags & CHC_CSV_COLUMN_ONE_OF)
          {
            g_autofree char *display = chc_csv_column_display (mapping->kind, c);
            if (names->len > 0)
              g_string_append (names, _(" or "));
            g_string_append (names, display);
          }
      {
        g_autofree char *message = g_strdup_printf (_("a column %s is required."), names->str);
        func (FALSE, 1, message, user_data);
      }
      n_problems++;
    }

  return n_problems;
}

/* ---- remembering a mapping ---------------------------------------------- */

char *
chc_csv_mapping_dup_key (const ChcCsvMapping *mapping)
{
  g_autoptr(GString) key = g_string_new (chc_csv_kind_to_nick (mapping->kind));

  for (guint i = 0; i < mapping->n_file_columns; i++)
    {
      g_autofree char *folded = chc_csv_header_fold (mapping->headers[i]);

      g_string_append_c (key, '\x1f');
      g_string_append (key, folded);
    }
  return g_string_free (g_steal_pointer (&key), FALSE);
}

char *
chc_csv_mapping_to_string (const ChcCsvMapping *mapping)
{
  const ChcCsvColumn *columns;
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_columns;

  columns = chc_csv_kind_get_columns (mapping->kind, &n_columns);
  for (guint i = 0; i < mapping->n_file_columns; i++)
    {
      int column = mapping->file_to_column[i];

      if (i > 0)
        g_string_append_c (text, ',');
      if (column >= 0 && (guint) column < n_columns)
        g_string_append (text, columns[column].name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
chc_csv_mapping_apply_string (ChcCsvMapping *mapping,
                              const char    *text)
{
  g_auto(GStrv) names = NULL;
  const ChcCsvColumn *columns;
  g_autofree int *chosen = NULL;
  guint n_columns;

  g_return_val_if_fail (mapping != NULL && text != NULL, FALSE);

  names = g_strsplit (text, ",", -1);
  if (g_strv_length (names) != mapping->n_file_columns)
    return FALSE;

  /* All or nothing: a name this version does not know refuses it. */
  columns = chc_csv_kind_get_columns (mapping->kind, &n_columns);
  chosen = g_new (int, mapping->n_file_columns + 1);
  for (guint i = 0; i < mapping->n_file_columns; i++)
    {
      chosen[i] = -1;
      if (*names[i] == '\0')
        continue;
      for (guint c = 0; c < n_columns; c++)
        if (g_str_equal (columns[c].name, names[i]))
          chosen[i] = (int) c;
      if (chosen[i] < 0)
        return FALSE;
    }
  for (guint i = 0; i < mapping->n_file_columns; i++)
    mapping->file_to_column[i] = chosen[i];
  return TRUE;
}
