/* chc-report-text.c — the written text of a bulletin (导语, 基本情况,
 * 主要指标完成情况, 存在问题, 下一步工作要求), drafted from the same rows as
 * the tables of its attachments, and its plain-text form for editing.
 *
 * The text is Chinese whatever the interface language: it goes to the
 * communities as an official document.  It names figures only when the
 * data has them and never invents any.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-report"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-report-private.h"
#include "core/chc-date.h"

static const char *const section_titles[CHC_REPORT_TEXT_N] = {
  "导语", "基本情况", "主要指标完成情况", "存在问题", "下一步工作要求",
};

/* The requirements when the district has not written its own. */
static const char default_requirements[] =
  "（一）对标对表，补齐短板。各社区卫生服务中心要对照年度目标，逐项分析未达标指标的原因，"
  "制定整改措施，明确责任人和完成时限，确保年度目标如期完成。\n"
  "（二）加快推进项目建设。进度滞后的项目要倒排工期、挂图作战，"
  "每月向区卫生健康委报告进展，确保按期完成建设任务。\n"
  "（三）按时准确报送数据。各中心要在每月5日前完成上月数据报送，"
  "做到数据真实、准确、完整，未报、迟报的要说明原因。\n"
  "（四）加强中医药服务能力建设。尚有缺项的街镇要加快补齐中医药服务项目，"
  "持续提升基层中医药服务水平。";

ChcReportText *
chc_report_text_new (void)
{
  return g_new0 (ChcReportText, 1);
}

void
chc_report_text_free (ChcReportText *text)
{
  if (text == NULL)
    return;
  for (int i = 0; i < CHC_REPORT_TEXT_N; i++)
    g_free (text->sections[i]);
  g_free (text);
}

const char *
chc_report_text_section_title (ChcReportTextSection section)
{
  g_return_val_if_fail (section < CHC_REPORT_TEXT_N, NULL);
  return section_titles[section];
}

char *
chc_report_text_to_string (const ChcReportText *text)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  for (int i = 0; i < CHC_REPORT_TEXT_N; i++)
    {
      if (text->sections[i] == NULL)
        continue;
      g_string_append_printf (s, "%s【%s】\n%s\n", s->len > 0 ? "\n" : "",
                              section_titles[i], text->sections[i]);
    }
  return g_string_free (s, FALSE);
}

/* Trims empty lines at both ends of a section. */
static char *
trim_lines (GString *s)
{
  char *text = g_strdup (s->str);

  return g_strstrip (text);
}

ChcReportText *
chc_report_text_parse (const char  *contents,
                       GError     **error)
{
  g_autoptr(ChcReportText) text = chc_report_text_new ();
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) current = g_string_new (NULL);
  int section = -1;

  g_return_val_if_fail (contents != NULL, NULL);

  if (!g_utf8_validate (contents, -1, NULL))
    {
      g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_TEXT,
                   _("The text of the bulletin is not UTF-8 text"));
      return NULL;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint n = 0; lines[n] != NULL; n++)
    {
      char *line = lines[n];
      gsize len = strlen (line);

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if (g_str_has_prefix (line, "【") && g_str_has_suffix (line, "】"))
        {
          g_autofree char *name = g_strndup (line + strlen ("【"), len - 2 * strlen ("【"));
          int found = -1;

          for (int i = 0; i < CHC_REPORT_TEXT_N; i++)
            if (g_str_equal (g_strstrip (name), section_titles[i]))
              found = i;
          if (found < 0)
            {
              g_set_error (error, CHC_REPORT_ERROR, CHC_REPORT_ERROR_TEXT,
                           _("Line %u: “%s” is not a section of the bulletin (导语, 基本情况, "
                             "主要指标完成情况, 存在问题 or 下一步工作要求)"), n + 1, line);
              return NULL;
            }
          if (section >= 0)
            {
              g_free (text->sections[section]);
              text->sections[section] = trim_lines (current);
            }
          g_string_truncate (current, 0);
          section = found;
          continue;
        }
      if (section < 0 || line[0] == '#')
        continue;
      g_string_append (current, line);
      g_string_append_c (current, '\n');
    }
  if (section >= 0)
    {
      g_free (text->sections[section]);
      text->sections[section] = trim_lines (current);
    }
  return g_steal_pointer (&text);
}

char *
chc_report_date_zh (const char *iso)
{
  int y, m, d;

  if (iso != NULL && sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
    return g_strdup_printf ("%d年%d月%d日", y, m, d);
  return g_strdup (iso ? iso : "");
}

/* ---- drafting --------------------------------------------------------- */

/* "45.0%" */
static char *
pct (double value)
{
  return g_strdup_printf ("%.1f%%", value);
}

/* A change in percentage points (the layout never breaks a line inside
 * "1.2个百分点"). */
static char *
points (double change)
{
  return g_strdup_printf ("%s%.1f个百分点", change >= 0 ? "提高" : "下降", fabs (change));
}

static void
append_list (GString   *s,
             GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append (s, "、");
      g_string_append (s, g_ptr_array_index (items, i));
    }
}

/* "≥ 46%" as "≥46%". */
static char *
compact (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p; p++)
    if (*p != ' ')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

/* Centres that reported, with figures, best first: a centre that has
 * not reported (未报) and a branch on its own line are never ranked. */
static GPtrArray *
ranked_signing (ReportData *data)
{
  GPtrArray *ranked = g_ptr_array_new ();

  if (data->signing != NULL)
    for (guint i = 0; i < data->signing->len; i++)
      {
        ChcReportSigningRow *row = g_ptr_array_index (data->signing, i);
        if (chc_report_signing_row_ranked (row))
          g_ptr_array_add (ranked, row);
      }
  g_ptr_array_sort (ranked, chc_report_compare_signing);
  return ranked;
}

/* Equal coverage, equal rank (as in the table). */
static int
rank_of (GPtrArray *ranked,
         gint64     facility_id)
{
  int rank = 0;
  double last = -2;

  for (guint i = 0; i < ranked->len; i++)
    {
      ChcReportSigningRow *row = g_ptr_array_index (ranked, i);

      if (row->coverage != last)
        rank = (int) i + 1;
      last = row->coverage;
      if (row->facility_id == facility_id)
        return rank;
    }
  return 0;
}

static ChcReportSigningRow *
signing_of (ReportData *data,
            gint64      facility_id)
{
  if (data->signing != NULL)
    for (guint i = 0; i < data->signing->len; i++)
      {
        ChcReportSigningRow *row = g_ptr_array_index (data->signing, i);
        if (row->facility_id == facility_id && row->parent_id <= 0)
          return row;
      }
  return NULL;
}

static const char *
indicator_name (ChcReportIndicatorRow *row)
{
  return row->name_zh != NULL ? row->name_zh : row->name;
}

static const char *
town_of (ReportData *data,
         gint64      facility_id)
{
  for (guint i = 0; i < data->centres->len; i++)
    {
      ChcFacility *centre = g_ptr_array_index (data->centres, i);
      if (chc_facility_get_id (centre) == facility_id)
        return chc_facility_get_town_name (centre);
    }
  return NULL;
}

/* Items still missing in a town's row ("a; b; c"). */
static guint
n_missing (ChcReportTownRow *town)
{
  g_auto(GStrv) items = NULL;

  if (town->missing == NULL || *town->missing == '\0')
    return 0;
  items = g_strsplit (town->missing, "; ", -1);
  return g_strv_length (items);
}

static char *
draft_lead (ReportData  *data,
            ChcFacility *centre)
{
  if (centre != NULL)
    return g_strdup_printf ("为推动社区卫生服务能力持续提升，根据区社区卫生服务能力提升工作监测安排，"
                            "现将%s你中心社区卫生服务能力提升工作情况通报如下：", data->period_zh);
  return g_strdup_printf ("为推动社区卫生服务能力持续提升，根据区社区卫生服务能力提升工作监测安排，"
                          "区卫生健康委对%s全区社区卫生服务中心有关工作进行了监测。现将有关情况通报如下：",
                          data->period_zh);
}

static char *
draft_basic (ReportData  *data,
             ChcFacility *centre,
             GPtrArray   *ranked)
{
  GString *s = g_string_new (NULL);
  guint n = data->centres->len;
  guint reported = 0;
  g_autofree char *month = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GPtrArray) own_line = g_ptr_array_new ();

  if (data->signing != NULL)
    for (guint i = 0; i < data->signing->len; i++)
      {
        ChcReportSigningRow *row = g_ptr_array_index (data->signing, i);

        if (row->parent_id > 0)
          g_ptr_array_add (own_line, row->centre);
        else if (row->reported)
          reported++;
        else
          g_ptr_array_add (missing, row->centre);
      }

  if (data->signing_period != NULL)
    {
      int y = 0, m = 0;

      if (sscanf (data->signing_period, "%d-%d", &y, &m) == 2)
        month = g_strdup_printf ("%d年%d月", y, m);
    }

  if (centre == NULL)
    {
      g_string_append_printf (s, "本次监测期间为%s，监测对象为全区%u家社区卫生服务中心（含分中心数据），"
                              "监测内容包括年度规划指标、家庭医生签约服务、中医药服务和基础设施建设项目。",
                              data->period_zh, n);
      if (data->signing != NULL && month != NULL)
        {
          if (reported == n)
            g_string_append_printf (s, "%s家庭医生签约数据%u家中心已全部报送。", month, n);
          else
            {
              g_string_append_printf (s, "%s家庭医生签约数据%u家中心中已报送%u家，未报：", month, n, reported);
              append_list (s, missing);
              g_string_append (s, "；未报的中心不参与排名。");
              if (own_line->len > 0)
                {
                  append_list (s, own_line);
                  g_string_append (s, "已报送，因所属中心未报，在附件中单独列示，不计入所属中心。");
                }
            }
        }
      else if (data->signing != NULL || data->indicators != NULL)
        g_string_append (s, "本期各中心均未报送家庭医生签约数据。");
      if (data->projects != NULL && data->projects->len > 0)
        {
          guint late = 0;

          for (guint i = 0; i < data->projects->len; i++)
            if (((ChcReportProjectRow *) g_ptr_array_index (data->projects, i))->late_days > 0)
              late++;
          g_string_append_printf (s, "全区在建及本年度完成的建设项目共%u个，其中进度滞后%u个。",
                                  data->projects->len, late);
        }
      return g_string_free (s, FALSE);
    }

  {
    gint64 id = chc_facility_get_id (centre);
    ChcReportSigningRow *row = signing_of (data, id);

    g_string_append_printf (s, "本次监测期间为%s。你中心", data->period_zh);
    if (row != NULL && row->n_branches > 0)
      g_string_append (s, "（含分中心）");
    if (row != NULL && row->reported && row->coverage >= 0 && month != NULL)
      {
        g_autofree char *coverage = pct (row->coverage);

        g_string_append_printf (s, "%s家庭医生签约覆盖率为%s，在全区%u家报送数据的中心中排名第%d位",
                                month, coverage, reported, rank_of (ranked, id));
        if (data->signing_target >= 0)
          {
            g_autofree char *target = pct (data->signing_target);
            g_string_append_printf (s, "，%s年度目标%s", row->coverage >= data->signing_target
                                    ? "已达到" : "尚未达到", target);
          }
        g_string_append (s, "。");
      }
    else if (month != NULL)
      g_string_append_printf (s, "未报送%s家庭医生签约数据。", month);
    else
      g_string_append (s, "本期无家庭医生签约数据。");
  }
  return g_string_free (s, FALSE);
}

static char *
draft_indicators (ReportData  *data,
                  ChcFacility *centre,
                  GPtrArray   *ranked)
{
  GString *s = g_string_new (NULL);
  static const char *const numbers[] = { "一", "二", "三", "四", "五", "六" };
  int n = 0;

  if (data->indicators != NULL && data->indicators->len > 0)
    {
      static const struct { ChcReportTargetStatus status; const char *words; } groups[] = {
        { CHC_REPORT_STATUS_MET, "已达到目标的有" },
        { CHC_REPORT_STATUS_CLOSE, "接近目标的有" },
        { CHC_REPORT_STATUS_BEHIND, "尚未达到目标的有" },
      };
      guint counts[5] = { 0 };
      guint with_target = 0;

      for (guint i = 0; i < data->indicators->len; i++)
        {
          ChcReportIndicatorRow *row = g_ptr_array_index (data->indicators, i);
          counts[row->status]++;
        }
      with_target = counts[CHC_REPORT_STATUS_MET] + counts[CHC_REPORT_STATUS_CLOSE] +
                    counts[CHC_REPORT_STATUS_BEHIND];
      g_string_append_printf (s, "（%s）年度规划指标。全区纳入年度规划监测的指标共%u项",
                              numbers[n++], data->indicators->len);
      if (with_target > 0)
        {
          static const char *const words[] = { "项已达到目标", "项接近目标", "项尚未达到目标" };
          const ChcReportTargetStatus order[] = { CHC_REPORT_STATUS_MET, CHC_REPORT_STATUS_CLOSE,
                                            CHC_REPORT_STATUS_BEHIND };
          gboolean first = TRUE;

          g_string_append_printf (s, "，设定目标且有数据的%u项中，", with_target);
          for (guint k = 0; k < G_N_ELEMENTS (order); k++)
            if (counts[order[k]] > 0)
              {
                g_string_append_printf (s, "%s%u%s", first ? "" : "，", counts[order[k]], words[k]);
                first = FALSE;
              }
          if (counts[CHC_REPORT_STATUS_MET] == with_target)
            g_string_append (s, "，全部达标");
        }
      if (counts[CHC_REPORT_STATUS_NO_DATA] > 0)
        g_string_append_printf (s, "；另有%u项暂无数据", counts[CHC_REPORT_STATUS_NO_DATA]);
      g_string_append (s, "。");
      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        {
          gboolean first = TRUE;

          if (counts[groups[g].status] == 0)
            continue;
          g_string_append (s, groups[g].words);
          g_string_append (s, "：");
          for (guint i = 0; i < data->indicators->len; i++)
            {
              ChcReportIndicatorRow *row = g_ptr_array_index (data->indicators, i);
              g_autofree char *target = NULL;

              if (row->status != groups[g].status)
                continue;
              target = compact (row->target);
              g_string_append_printf (s, "%s%s%s（目标%s）", first ? "" : "、", indicator_name (row),
                                      row->value ? row->value : "", target);
              first = FALSE;
            }
          g_string_append (s, "。");
        }
      g_string_append_c (s, '\n');
    }

  if (ranked->len > 0)
    {
      ChcReportSigningRow *best = g_ptr_array_index (ranked, 0);
      ChcReportSigningRow *worst = g_ptr_array_index (ranked, ranked->len - 1);
      ChcReportSigningRow *rise = NULL;
      g_autofree char *high = pct (best->coverage);
      g_autofree char *low = pct (worst->coverage);
      guint below = 0;

      for (guint i = 0; i < ranked->len; i++)
        {
          ChcReportSigningRow *row = g_ptr_array_index (ranked, i);

          if (data->signing_target >= 0 && row->coverage < data->signing_target)
            below++;
          if (!isnan (row->change) && (rise == NULL || row->change > rise->change))
            rise = row;
        }
      g_string_append_printf (s, "（%s）家庭医生签约服务。", numbers[n++]);
      if (centre != NULL)
        {
          ChcReportSigningRow *own = signing_of (data, chc_facility_get_id (centre));

          if (own != NULL && own->coverage >= 0)
            {
              g_autofree char *coverage = pct (own->coverage);
              g_autofree char *key = own->key_coverage >= 0 ? pct (own->key_coverage) : NULL;
              g_autofree char *compliance = own->compliance >= 0 ? pct (own->compliance) : NULL;

              g_string_append_printf (s, "你中心签约覆盖率为%s", coverage);
              if (!isnan (own->change))
                {
                  g_autofree char *change = points (own->change);
                  g_string_append_printf (s, "，较上期%s", change);
                }
              if (key != NULL)
                g_string_append_printf (s, "，重点人群签约覆盖率为%s", key);
              if (compliance != NULL)
                g_string_append_printf (s, "，签约居民社区就诊依从性为%s", compliance);
              g_string_append (s, "。");
            }
        }
      g_string_append_printf (s, "全区已报送的%u家中心签约覆盖率在%s至%s之间，最高为%s，最低为%s",
                              ranked->len, low, high, best->centre, worst->centre);
      {
        guint not_reported = 0;

        for (guint i = 0; i < data->signing->len; i++)
          {
            ChcReportSigningRow *row = g_ptr_array_index (data->signing, i);
            if (row->parent_id <= 0 && !row->reported)
              not_reported++;
          }
        if (not_reported > 0)
          g_string_append_printf (s, "（另有%u家中心未报，不参与比较）", not_reported);
      }
      g_string_append (s, "。");
      if (data->signing_target >= 0)
        {
          g_autofree char *target = pct (data->signing_target);

          if (below == 0)
            g_string_append_printf (s, "全部%u家中心均达到%s的年度目标。", ranked->len, target);
          else
            g_string_append_printf (s, "%u家中心达到%s的年度目标，%u家低于目标。",
                                    ranked->len - below, target, below);
        }
      if (rise != NULL && rise->change > 0)
        {
          g_autofree char *change = points (rise->change);
          g_string_append_printf (s, "较上期提高最多的是%s（%s）。", rise->centre, change);
        }
      g_string_append_c (s, '\n');
    }

  if (data->tcm != NULL && data->tcm->len > 0 && centre == NULL)
    {
      guint clinics = 0, complete = 0;

      for (guint i = 0; i < data->tcm->len; i++)
        {
          ChcReportTcmRow *row = g_ptr_array_index (data->tcm, i);
          if (row->specialty != NULL && *row->specialty)
            clinics++;
        }
      for (guint i = 0; data->towns != NULL && i < data->towns->len; i++)
        if (n_missing (g_ptr_array_index (data->towns, i)) == 0)
          complete++;
      g_string_append_printf (s, "（%s）中医药服务。全区%u家中心中，%u家开设了中医专病（专科）门诊",
                              numbers[n++], data->tcm->len, clinics);
      if (data->towns != NULL && data->towns->len > 0)
        g_string_append_printf (s, "；%u个街镇中，%u个已完成全部中医药服务项目，%u个尚有缺项",
                                data->towns->len, complete, data->towns->len - complete);
      g_string_append (s, "。\n");
    }

  if (data->projects != NULL && data->projects->len > 0)
    {
      guint total = 0, late = 0;
      gint64 id = centre ? chc_facility_get_id (centre) : 0;

      for (guint i = 0; i < data->projects->len; i++)
        {
          ChcReportProjectRow *row = g_ptr_array_index (data->projects, i);
          if (centre != NULL && row->facility_id != id)
            continue;
          total++;
          if (row->late_days > 0)
            late++;
        }
      if (total > 0)
        {
          g_autofree char *as_of = chc_report_date_zh (data->as_of_date);

          g_string_append_printf (s, "（%s）基础设施建设。截至%s，%s建设项目共%u个，", numbers[n++], as_of,
                                  centre ? "你中心" : "全区", total);
          if (late == 0)
            g_string_append (s, total > 1 ? "均按计划推进。\n" : "按计划推进。\n");
          else
            g_string_append_printf (s, "按计划推进%u个，进度滞后%u个。\n", total - late, late);
        }
    }

  if (s->len == 0)
    g_string_append (s, "本期无可通报的指标数据。");
  if (s->len > 0 && s->str[s->len - 1] == '\n')
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

static char *
draft_problems (ReportData  *data,
                ChcFacility *centre,
                GPtrArray   *ranked)
{
  GString *s = g_string_new (NULL);
  static const char *const numbers[] = { "一", "二", "三", "四", "五", "六" };
  gint64 id = centre ? chc_facility_get_id (centre) : 0;
  int n = 0;

  /* Centres below the signing target, lowest first. */
  if (data->signing_target >= 0 && ranked->len > 0)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *target = pct (data->signing_target);

      for (guint i = ranked->len; i-- > 0; )
        {
          ChcReportSigningRow *row = g_ptr_array_index (ranked, i);
          g_autofree char *coverage = NULL;

          if (row->coverage >= data->signing_target || (centre != NULL && row->facility_id != id))
            continue;
          coverage = pct (row->coverage);
          g_ptr_array_add (names, centre ? g_strdup_printf ("你中心签约覆盖率为%s", coverage)
                                         : g_strdup_printf ("%s（%s）", row->centre, coverage));
        }
      if (names->len > 0)
        {
          g_string_append_printf (s, "（%s）%s签约覆盖率低于目标。", numbers[n++],
                                  centre ? "" : "部分中心");
          append_list (s, names);
          g_string_append_printf (s, "%s低于%s的年度目标。\n", centre ? "，" : "签约覆盖率", target);
        }
    }

  /* Late projects, latest first, as of the printed date. */
  if (data->projects != NULL)
    {
      g_autoptr(GPtrArray) late = g_ptr_array_new ();
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < data->projects->len; i++)
        {
          ChcReportProjectRow *row = g_ptr_array_index (data->projects, i);
          if (row->late_days > 0 && (centre == NULL || row->facility_id == id))
            g_ptr_array_add (late, row);
        }
      for (guint i = 0; i < late->len; i++)
        for (guint k = i + 1; k < late->len; k++)
          if (((ChcReportProjectRow *) late->pdata[k])->late_days >
              ((ChcReportProjectRow *) late->pdata[i])->late_days)
            {
              gpointer t = late->pdata[i];
              late->pdata[i] = late->pdata[k];
              late->pdata[k] = t;
            }
      for (guint i = 0; i < late->len; i++)
        {
          ChcReportProjectRow *row = g_ptr_array_index (late, i);
          g_ptr_array_add (names, g_strdup_printf ("%s滞后%d天", row->project, row->late_days));
        }
      if (names->len > 0)
        {
          g_autofree char *as_of = chc_report_date_zh (data->as_of_date);

          g_string_append_printf (s, "（%s）部分建设项目进度滞后。截至%s，", numbers[n++], as_of);
          append_list (s, names);
          g_string_append (s, "。\n");
        }
    }

  /* Towns still missing TCM items. */
  if (data->towns != NULL)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *own_town = centre ? town_of (data, id) : NULL;

      for (guint i = 0; i < data->towns->len; i++)
        {
          ChcReportTownRow *town = g_ptr_array_index (data->towns, i);
          guint missing = n_missing (town);

          if (missing == 0 || (centre != NULL && g_strcmp0 (town->town, own_town) != 0))
            continue;
          g_ptr_array_add (names, g_strdup_printf ("%s尚缺%u项", town->town, missing));
        }
      if (names->len > 0)
        {
          g_string_append_printf (s, "（%s）中医药服务项目尚未配齐。", numbers[n++]);
          append_list (s, names);
          g_string_append (s, "（详见附件）。\n");
        }
    }

  /* Centres that did not report. */
  if (data->signing != NULL && data->signing_period != NULL)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (guint i = 0; i < data->signing->len; i++)
        {
          ChcReportSigningRow *row = g_ptr_array_index (data->signing, i);
          if (!row->reported && row->parent_id <= 0 && (centre == NULL || row->facility_id == id))
            g_ptr_array_add (names, row->centre);
        }
      if (names->len > 0)
        {
          int y = 0, m = 0;

          sscanf (data->signing_period, "%d-%d", &y, &m);
          g_string_append_printf (s, "（%s）部分中心未按时报送数据。", numbers[n++]);
          if (centre != NULL)
            g_string_append (s, "你中心");
          else
            append_list (s, names);
          g_string_append_printf (s, "未报送%d年%d月家庭医生签约数据。\n", y, m);
        }
    }

  if (s->len == 0)
    g_string_append (s, centre ? "本期你中心各项监测指标未发现突出问题。" : "本期未发现突出问题。");
  if (s->str[s->len - 1] == '\n')
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

ChcReportText *
chc_report_draft (ReportData  *data,
                  ChcFacility *centre)
{
  ChcReportText *text = chc_report_text_new ();
  g_autoptr(GPtrArray) ranked = ranked_signing (data);

  text->sections[CHC_REPORT_TEXT_LEAD] = draft_lead (data, centre);
  text->sections[CHC_REPORT_TEXT_BASIC] = draft_basic (data, centre, ranked);
  text->sections[CHC_REPORT_TEXT_INDICATORS] = draft_indicators (data, centre, ranked);
  text->sections[CHC_REPORT_TEXT_PROBLEMS] = draft_problems (data, centre, ranked);
  text->sections[CHC_REPORT_TEXT_REQUIREMENTS] =
    g_strdup (data->requirements != NULL && *data->requirements ? data->requirements : default_requirements);
  return text;
}
