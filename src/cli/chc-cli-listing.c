/* chc-cli-listing.c — the listings of chc-cli (TSV on standard output)
 * written to a file instead: `--output FILE.xlsx` or `--output FILE.csv`
 * (`--format csv|xlsx`).  The same rows and columns as the TSV, with
 * Chinese headers, a title row (what, district, period, demo data) and,
 * in Excel, numbers as numbers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-cli"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "chc-cli.h"
#include "core/chc-text.h"
#include "io/chc-csv-columns.h"
#include "io/chc-export-format.h"
#include "io/chc-xlsx-writer.h"

/* The headers of the files are Chinese whatever the language, like the
 * CSV export's (the file is for the commission's staff; scripts read the
 * TSV).  Columns that CSV export has take its header. */
static const struct {
  const char      *command;   /* NULL: any */
  const char      *key;       /* the TSV header */
  const char      *header;
  ChcXlsxCellType  type;
} columns[] = {
  { "elements", "code", "数据项编码", CHC_XLSX_CELL_TEXT },
  { "elements", "name", "数据项名称", CHC_XLSX_CELL_TEXT },
  { "elements", "unit", "单位", CHC_XLSX_CELL_TEXT },
  { "elements", "value_type", "值类型", CHC_XLSX_CELL_TEXT },
  { "elements", "level", "填报层级", CHC_XLSX_CELL_TEXT },
  { "elements", "period_type", "期间类型", CHC_XLSX_CELL_TEXT },
  { "elements", "aggregation", "汇总方式", CHC_XLSX_CELL_TEXT },
  { "elements", "origin", "来源", CHC_XLSX_CELL_TEXT },
  { "values", "element", "数据项", CHC_XLSX_CELL_TEXT },
  { "values", "period", "统计期间", CHC_XLSX_CELL_TEXT },
  { "values", "value", "数值", CHC_XLSX_CELL_NUMBER },
  { "indicators", "code", "指标编码", CHC_XLSX_CELL_TEXT },
  { "indicators", "name", "指标名称", CHC_XLSX_CELL_TEXT },
  { "indicators", "unit", "单位", CHC_XLSX_CELL_TEXT },
  { "indicators", "value", "实际值", CHC_XLSX_CELL_TEXT },
  { "indicators", "target", "目标值", CHC_XLSX_CELL_TEXT },
  { "indicators", "status", "达成情况", CHC_XLSX_CELL_TEXT },
  { "facilities", "floor_area", "业务用房面积（平方米）", CHC_XLSX_CELL_NUMBER },
  { "facilities", "standardized_year", "标准化年份", CHC_XLSX_CELL_YEAR },
  { "towns", "district_code", "行政区划代码", CHC_XLSX_CELL_TEXT },
  { "towns", "town", "街镇", CHC_XLSX_CELL_TEXT },
  { "towns", "town_code", "乡镇级代码", CHC_XLSX_CELL_TEXT },
  { NULL, "resident_population", NULL, CHC_XLSX_CELL_COUNT },
  { NULL, "signed_residents", NULL, CHC_XLSX_CELL_COUNT },
  { NULL, "key_population", NULL, CHC_XLSX_CELL_COUNT },
  { NULL, "key_population_signed", NULL, CHC_XLSX_CELL_COUNT },
  { NULL, "online_signed", NULL, CHC_XLSX_CELL_COUNT },
  { NULL, "signed_visits_total", NULL, CHC_XLSX_CELL_COUNT },
  { NULL, "signed_visits_in_community", NULL, CHC_XLSX_CELL_COUNT },
  { NULL, "tcm_visits", NULL, CHC_XLSX_CELL_COUNT },
  { NULL, "all_visits", NULL, CHC_XLSX_CELL_COUNT },
  { NULL, "coverage", "签约覆盖率", CHC_XLSX_CELL_PERCENT },
  { NULL, "key_coverage", "重点人群签约覆盖率", CHC_XLSX_CELL_PERCENT },
  { NULL, "compliance", "签约居民社区就诊率", CHC_XLSX_CELL_PERCENT },
  { NULL, "tcm_site_state", "中医馆状态", CHC_XLSX_CELL_TEXT },
  { NULL, "specialty_clinics", "特色专病门诊", CHC_XLSX_CELL_TEXT },
  { NULL, "demo_status", "示范单位状态", CHC_XLSX_CELL_TEXT },
  { NULL, "demo_year", "示范年份", CHC_XLSX_CELL_YEAR },
  { NULL, "tcm_share", "中医诊疗占比", CHC_XLSX_CELL_PERCENT },
  { NULL, "project_id", "项目编号", CHC_XLSX_CELL_TEXT },
  { NULL, "plan_year", NULL, CHC_XLSX_CELL_YEAR },
  { NULL, "stage", "当前阶段", CHC_XLSX_CELL_TEXT },
  { NULL, "late", "是否滞后", CHC_XLSX_CELL_TEXT },
  { NULL, "days_late", "滞后天数", CHC_XLSX_CELL_COUNT },
  { NULL, "next_milestone", "下一节点", CHC_XLSX_CELL_TEXT },
  { NULL, "next_planned_date", "下一节点计划日期", CHC_XLSX_CELL_DATE },
  { NULL, "at", "时间", CHC_XLSX_CELL_TEXT },
  { NULL, "user", "操作人", CHC_XLSX_CELL_TEXT },
  { NULL, "installation", "安装标识", CHC_XLSX_CELL_TEXT },
  { NULL, "origin", "来源", CHC_XLSX_CELL_TEXT },
  { NULL, "table", "数据表", CHC_XLSX_CELL_TEXT },
  { NULL, "row", "记录", CHC_XLSX_CELL_TEXT },
  { NULL, "field", "字段", CHC_XLSX_CELL_TEXT },
  { NULL, "old", "原值", CHC_XLSX_CELL_TEXT },
  { NULL, "new", "新值", CHC_XLSX_CELL_TEXT },
  { NULL, "centre", "中心编码", CHC_XLSX_CELL_TEXT },
  { NULL, "centre_name", "中心名称", CHC_XLSX_CELL_TEXT },
  { NULL, "fingerprint", "密钥指纹", CHC_XLSX_CELL_TEXT },
  { NULL, "pinned_at", "登记时间", CHC_XLSX_CELL_TEXT },
  { NULL, "pinned_by", "登记人", CHC_XLSX_CELL_TEXT },
};

/* The commands whose output is a listing (a header row, then rows). */
static const char *const listing_commands[] = {
  "facilities", "signing", "tcm", "projects", "indicators", "audit", "keys list", "towns",
  "elements", "values",
};

static struct {
  const char      *command;
  char            *output;       /* --output */
  char            *format_name;  /* --format */
  ChcExportFormat  format;
  gboolean         demo;
  char            *district;
  char            *period;
  ChcXlsxCellType *types;
  guint            n_columns;
  ChcXlsxWriter   *xlsx;
  GString         *csv;
  gboolean         failed;
} listing;

static const GOptionEntry listing_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &listing.output,
    N_("Write the listing to FILE (.xlsx for Excel and WPS, .csv) instead of standard output"), N_("FILE") },
  { "format", 0, 0, G_OPTION_ARG_STRING, &listing.format_name,
    N_("The format of --output: csv or xlsx (default: from the file's suffix)"), N_("FORMAT") },
  { NULL }
};

gboolean
chc_cli_listing_add_options (const char     *command,
                             GOptionContext *context)
{
  GOptionGroup *group;

  for (guint i = 0; i < G_N_ELEMENTS (listing_commands); i++)
    if (g_str_equal (command, listing_commands[i]))
      {
        listing.command = listing_commands[i];
        group = g_option_group_new ("listing", _("Writing the listing to a file:"),
                                    _("Show the options of writing the listing to a file"), NULL, NULL);
        g_option_group_add_entries (group, listing_entries);
        g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
        g_option_context_add_group (context, group);
        return TRUE;
      }
  return FALSE;
}

gboolean
chc_cli_listing_check_options (void)
{
  g_autoptr(GError) error = NULL;

  if (listing.format_name != NULL && listing.output == NULL)
    {
      g_printerr (_("chc-cli %s: --format needs --output FILE.\n"), listing.command);
      return FALSE;
    }
  if (listing.output == NULL)
    return TRUE;
  if (!chc_export_format_resolve (listing.format_name, listing.output, &listing.format, &error))
    {
      g_printerr ("chc-cli %s: %s\n", listing.command, error->message);
      return FALSE;
    }
  return TRUE;
}

void
chc_cli_listing_set_database (ChcDatabase *database)
{
  listing.demo = chc_database_get_demo (database);
}

void
chc_cli_listing_set_district (const char *name)
{
  g_free (listing.district);
  listing.district = g_strdup (name);
}

void
chc_cli_listing_set_period (const char *period)
{
  g_free (listing.period);
  listing.period = g_strdup (period);
}

static const char *
column_header (const char      *key,
               ChcXlsxCellType *type)
{
  static char *csv_headers[64];
  static guint n_csv_headers;

  *type = CHC_XLSX_CELL_TEXT;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if ((columns[i].command == NULL || g_str_equal (columns[i].command, listing.command)) &&
        g_str_equal (columns[i].key, key))
      {
        *type = columns[i].type;
        if (columns[i].header != NULL)
          return columns[i].header;
        break;
      }
  /* the CSV export's header of the column of that name */
  for (guint k = 0; k < CHC_CSV_N_KINDS; k++)
    {
      guint n;
      const ChcCsvColumn *c = chc_csv_kind_get_columns (k, &n);

      for (guint i = 0; i < n; i++)
        if (g_str_equal (c[i].name, key))
          {
            const char *bar = strchr (c[i].aliases, '|');
            char *header = bar != NULL ? g_strndup (c[i].aliases, bar - c[i].aliases) : g_strdup (c[i].aliases);

            if (n_csv_headers < G_N_ELEMENTS (csv_headers))
              return csv_headers[n_csv_headers++] = header;
            g_free (header);
            return key;
          }
    }
  return key;
}

static const char *
what (void)
{
  const char *what = listing.command;

  if (g_str_equal (listing.command, "indicators"))
    what = _("Plan indicators");
  else if (g_str_equal (listing.command, "audit"))
    what = _("Audit log");
  else if (g_str_equal (listing.command, "keys list"))
    what = _("Senders' keys");
  else if (g_str_equal (listing.command, "projects"))
    what = _("Construction projects");
  else if (g_str_equal (listing.command, "facilities"))
    what = _("Facility registry");
  else if (g_str_equal (listing.command, "towns"))
    what = _("Districts and towns");
  else if (g_str_equal (listing.command, "signing"))
    what = _("Family-doctor signing");
  else if (g_str_equal (listing.command, "tcm"))
    what = _("TCM rollout");
  else if (g_str_equal (listing.command, "elements"))
    what = _("Data elements");
  else if (g_str_equal (listing.command, "values"))
    what = _("Values of data elements");
  return what;
}

static char *
title (void)
{
  g_autoptr(GString) text = g_string_new (what ());

  /* the audit log and the keys belong to no district */
  if (listing.district != NULL ||
      (!g_str_equal (listing.command, "audit") && !g_str_equal (listing.command, "keys list")))
    {
      g_string_append (text, _("  ·  "));
      g_string_append (text, listing.district != NULL ? listing.district : _("All districts"));
    }
  if (listing.period != NULL)
    {
      g_string_append (text, _("  ·  "));
      g_string_append (text, listing.period);
    }
  if (listing.demo)
    {
      g_string_append (text, _("  ·  "));
      g_string_append (text, _("Demo data"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
csv_cell (guint       column,
          const char *text)
{
  g_autofree char *guarded = NULL;

  if (column > 0)
    g_string_append_c (listing.csv, ',');
  if (text == NULL || *text == '\0')
    return;
  if (listing.types[column] == CHC_XLSX_CELL_TEXT && chc_text_needs_guard (text))
    text = guarded = chc_text_guard (text);
  if (strpbrk (text, ",\"\r\n;\t") == NULL && !g_ascii_isspace (text[0]))
    {
      g_string_append (listing.csv, text);
      return;
    }
  g_string_append_c (listing.csv, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (listing.csv, '"');
      g_string_append_c (listing.csv, *p);
    }
  g_string_append_c (listing.csv, '"');
}

gboolean
chc_cli_listing_row (guint              n_fields,
                     const char *const *fields)
{
  g_autoptr(GError) error = NULL;

  if (listing.output == NULL)
    return FALSE;
  if (listing.failed)
    return TRUE;

  if (listing.types == NULL)
    {
      /* the header row */
      g_autofree const char **headers = g_new0 (const char *, n_fields + 1);
      g_autofree char *text = title ();

      listing.n_columns = n_fields;
      listing.types = g_new0 (ChcXlsxCellType, n_fields);
      for (guint i = 0; i < n_fields; i++)
        headers[i] = column_header (fields[i], &listing.types[i]);

      if (listing.format == CHC_EXPORT_FORMAT_XLSX)
        {
          listing.xlsx = chc_xlsx_writer_new (listing.output, &error);
          if (listing.xlsx == NULL ||
              !chc_xlsx_writer_add_sheet (listing.xlsx, what (), text, n_fields, headers, &error))
            goto failed;
        }
      else
        {
          listing.csv = g_string_new ("\xEF\xBB\xBF");
          for (guint i = 0; i < n_fields; i++)
            csv_cell (i, headers[i]);
          g_string_append (listing.csv, "\r\n");
        }
      return TRUE;
    }

  for (guint i = 0; i < n_fields; i++)
    {
      ChcXlsxCellType type = i < listing.n_columns ? listing.types[i] : CHC_XLSX_CELL_TEXT;

      if (listing.xlsx != NULL)
        chc_xlsx_writer_typed_text (listing.xlsx, fields[i], type);
      else
        csv_cell (MIN (i, listing.n_columns - 1), fields[i]);
    }
  if (listing.xlsx != NULL)
    {
      if (!chc_xlsx_writer_end_row (listing.xlsx, &error))
        goto failed;
    }
  else
    g_string_append (listing.csv, "\r\n");
  return TRUE;

failed:
  g_printerr ("chc-cli %s: %s\n", listing.command, error->message);
  listing.failed = TRUE;
  return TRUE;
}

int
chc_cli_listing_finish (int status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcXlsxWriter) xlsx = g_steal_pointer (&listing.xlsx);
  g_autoptr(GString) csv = g_steal_pointer (&listing.csv);

  if (listing.output == NULL || status != CHC_CLI_OK)
    return status;
  if (listing.failed)
    return CHC_CLI_USAGE;
  if (xlsx != NULL)
    {
      if (!chc_xlsx_writer_close (xlsx, &error))
        goto failed;
    }
  else if (csv != NULL)
    {
      if (!g_file_set_contents (listing.output, csv->str, csv->len, &error))
        goto failed;
    }
  return status;

failed:
  g_printerr ("chc-cli %s: %s\n", listing.command, error->message);
  return CHC_CLI_USAGE;
}
