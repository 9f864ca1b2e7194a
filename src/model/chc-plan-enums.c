/* chc-plan-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <glib/gi18n-lib.h>

#include "chc-enums.h"
#include "chc-plan-enums.h"

CHC_DEFINE_ENUM_TYPE (chc_indicator_area_get_type, "ChcIndicatorArea",
  { CHC_AREA_CONSTRUCTION, "CHC_AREA_CONSTRUCTION", "construction" },
  { CHC_AREA_SIGNING, "CHC_AREA_SIGNING", "signing" },
  { CHC_AREA_TCM, "CHC_AREA_TCM", "tcm" },
  { CHC_AREA_CAPABILITY, "CHC_AREA_CAPABILITY", "capability" },
  { CHC_AREA_REPORTING, "CHC_AREA_REPORTING", "reporting" },
  { CHC_AREA_REFERRAL, "CHC_AREA_REFERRAL", "referral" },
  { CHC_AREA_WORKFORCE, "CHC_AREA_WORKFORCE", "workforce" },
  { CHC_AREA_OUTCOME, "CHC_AREA_OUTCOME", "outcome" })

CHC_DEFINE_ENUM_TYPE (chc_indicator_unit_get_type, "ChcIndicatorUnit",
  { CHC_UNIT_PERCENT, "CHC_UNIT_PERCENT", "percent" },
  { CHC_UNIT_COUNT, "CHC_UNIT_COUNT", "count" },
  { CHC_UNIT_NUMBER, "CHC_UNIT_NUMBER", "number" })

CHC_DEFINE_ENUM_TYPE (chc_indicator_method_get_type, "ChcIndicatorMethod",
  { CHC_METHOD_NONE, "CHC_METHOD_NONE", "none" },
  { CHC_METHOD_SHARE, "CHC_METHOD_SHARE", "share" },
  { CHC_METHOD_COUNT, "CHC_METHOD_COUNT", "count" },
  { CHC_METHOD_TOWN_SHARE, "CHC_METHOD_TOWN_SHARE", "town_share" },
  { CHC_METHOD_RATIO, "CHC_METHOD_RATIO", "ratio" })

CHC_DEFINE_ENUM_TYPE (chc_indicator_status_get_type, "ChcIndicatorStatus",
  { CHC_STATUS_MET, "CHC_STATUS_MET", "met" },
  { CHC_STATUS_BEHIND, "CHC_STATUS_BEHIND", "behind" },
  { CHC_STATUS_NO_DATA, "CHC_STATUS_NO_DATA", "no-data" },
  { CHC_STATUS_NO_TARGET, "CHC_STATUS_NO_TARGET", "no-target" })

CHC_DEFINE_ENUM_TYPE (chc_target_op_get_type, "ChcTargetOp",
  { CHC_TARGET_AT_LEAST, "CHC_TARGET_AT_LEAST", "at-least" },
  { CHC_TARGET_AT_MOST, "CHC_TARGET_AT_MOST", "at-most" },
  { CHC_TARGET_MORE_THAN, "CHC_TARGET_MORE_THAN", "more-than" },
  { CHC_TARGET_LESS_THAN, "CHC_TARGET_LESS_THAN", "less-than" })

CHC_DEFINE_ENUM_TYPE (chc_capability_kind_get_type, "ChcCapabilityKind",
  { CHC_CAPABILITY_REHAB_STANDARD, "CHC_CAPABILITY_REHAB_STANDARD", "rehab_standard" },
  { CHC_CAPABILITY_REHAB_DEMO, "CHC_CAPABILITY_REHAB_DEMO", "rehab_demo" },
  { CHC_CAPABILITY_NURSING, "CHC_CAPABILITY_NURSING", "nursing" },
  { CHC_CAPABILITY_HEALTH_MANAGEMENT, "CHC_CAPABILITY_HEALTH_MANAGEMENT", "health_management" },
  { CHC_CAPABILITY_CHRONIC_SUPPORT, "CHC_CAPABILITY_CHRONIC_SUPPORT", "chronic_support" },
  { CHC_CAPABILITY_FEVER_SENTINEL, "CHC_CAPABILITY_FEVER_SENTINEL", "fever_sentinel" },
  { CHC_CAPABILITY_DENTAL, "CHC_CAPABILITY_DENTAL", "dental" },
  { CHC_CAPABILITY_MINOR_SURGERY, "CHC_CAPABILITY_MINOR_SURGERY", "minor_surgery" },
  { CHC_CAPABILITY_CT, "CHC_CAPABILITY_CT", "ct" })


static gboolean
from_nick (GType       type,
           const char *nick,
           int        *value)
{
  int v;

  if (!chc_enum_from_nick (type, nick, &v))
    return FALSE;
  *value = v;
  return TRUE;
}

const char *
chc_indicator_area_to_nick (ChcIndicatorArea area)
{
  return chc_enum_to_nick (CHC_TYPE_INDICATOR_AREA, area);
}

gboolean
chc_indicator_area_from_nick (const char       *nick,
                              ChcIndicatorArea *area)
{
  return from_nick (CHC_TYPE_INDICATOR_AREA, nick, (int *) area);
}

const char *
chc_indicator_area_to_label (ChcIndicatorArea area)
{
  switch (area)
    {
    case CHC_AREA_CONSTRUCTION:
      return _("Construction and standardization");
    case CHC_AREA_SIGNING:
      return _("Family-doctor signing");
    case CHC_AREA_TCM:
      return _("TCM");
    case CHC_AREA_CAPABILITY:
      return _("Other capabilities");
    case CHC_AREA_REPORTING:
      return _("Reporting");
    case CHC_AREA_REFERRAL:
      return _("Referral and hospital support");
    case CHC_AREA_WORKFORCE:
      return _("People and funding");
    case CHC_AREA_OUTCOME:
      return _("Outcomes");
    default:
      return "";
    }
}

const char *
chc_indicator_unit_to_nick (ChcIndicatorUnit unit)
{
  return chc_enum_to_nick (CHC_TYPE_INDICATOR_UNIT, unit);
}

gboolean
chc_indicator_unit_from_nick (const char       *nick,
                              ChcIndicatorUnit *unit)
{
  return from_nick (CHC_TYPE_INDICATOR_UNIT, nick, (int *) unit);
}

const char *
chc_indicator_method_to_nick (ChcIndicatorMethod method)
{
  return chc_enum_to_nick (CHC_TYPE_INDICATOR_METHOD, method);
}

gboolean
chc_indicator_method_from_nick (const char         *nick,
                                ChcIndicatorMethod *method)
{
  return from_nick (CHC_TYPE_INDICATOR_METHOD, nick, (int *) method);
}

const char *
chc_indicator_status_to_nick (ChcIndicatorStatus status)
{
  return chc_enum_to_nick (CHC_TYPE_INDICATOR_STATUS, status);
}

const char *
chc_indicator_status_to_label (ChcIndicatorStatus status)
{
  switch (status)
    {
    case CHC_STATUS_MET:
      return _("Met");
    case CHC_STATUS_BEHIND:
      return _("Behind");
    case CHC_STATUS_NO_DATA:
      return _("No data");
    case CHC_STATUS_NO_TARGET:
      return _("No target");
    default:
      return "";
    }
}

/* How each comparison is stored and written, and shown to people. */
static const struct
{
  ChcTargetOp  op;
  const char  *text;
  const char  *symbol;
} target_ops[] = {
  { CHC_TARGET_AT_LEAST, ">=", "≥" },
  { CHC_TARGET_AT_MOST, "<=", "≤" },
  { CHC_TARGET_MORE_THAN, ">", ">" },
  { CHC_TARGET_LESS_THAN, "<", "<" },
};

const char *
chc_target_op_to_string (ChcTargetOp op)
{
  for (guint i = 0; i < G_N_ELEMENTS (target_ops); i++)
    if (target_ops[i].op == op)
      return target_ops[i].text;
  return ">=";
}

const char *
chc_target_op_to_symbol (ChcTargetOp op)
{
  for (guint i = 0; i < G_N_ELEMENTS (target_ops); i++)
    if (target_ops[i].op == op)
      return target_ops[i].symbol;
  return "≥";
}

gboolean
chc_target_op_from_string (const char  *text,
                           ChcTargetOp *op)
{
  for (guint i = 0; i < G_N_ELEMENTS (target_ops); i++)
    if (g_strcmp0 (text, target_ops[i].text) == 0 || g_strcmp0 (text, target_ops[i].symbol) == 0)
      {
        *op = target_ops[i].op;
        return TRUE;
      }
  return FALSE;
}

gboolean
chc_target_op_is_upper (ChcTargetOp op)
{
  return op == CHC_TARGET_AT_MOST || op == CHC_TARGET_LESS_THAN;
}

const char *
chc_capability_kind_to_nick (ChcCapabilityKind kind)
{
  return chc_enum_to_nick (CHC_TYPE_CAPABILITY_KIND, kind);
}

gboolean
chc_capability_kind_from_nick (const char        *nick,
                               ChcCapabilityKind *kind)
{
  return from_nick (CHC_TYPE_CAPABILITY_KIND, nick, (int *) kind);
}

gboolean
chc_scope_from_string (const char *text,
                       guint      *mask)
{
  g_auto(GStrv) parts = NULL;
  guint result = 0;

  g_return_val_if_fail (mask != NULL, FALSE);

  if (text == NULL)
    {
      *mask = 0;
      return TRUE;
    }

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      ChcFacilityType type;
      char *part = g_strstrip (parts[i]);

      if (*part == '\0')
        continue;
      if (!chc_facility_type_from_nick (part, &type))
        return FALSE;
      result |= 1u << type;
    }
  *mask = result;
  return TRUE;
}

char *
chc_scope_to_string (guint mask)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int type = 0; type < CHC_N_FACILITY_TYPES; type++)
    if (mask & (1u << type))
      {
        if (text->len > 0)
          g_string_append_c (text, ',');
        g_string_append (text, chc_facility_type_to_nick (type));
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- values ------------------------------------------------------------ */

double
chc_round_value (ChcIndicatorUnit unit,
                 double           value)
{
  switch (unit)
    {
    case CHC_UNIT_PERCENT:
      return round (value * 10.0) / 10.0;
    case CHC_UNIT_COUNT:
      return round (value);
    case CHC_UNIT_NUMBER:
    default:
      return round (value * 100.0) / 100.0;
    }
}

char *
chc_format_value (ChcIndicatorUnit unit,
                  double           value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *format;

  switch (unit)
    {
    case CHC_UNIT_PERCENT:
      format = "%.1f";
      break;
    case CHC_UNIT_COUNT:
      format = "%.0f";
      break;
    case CHC_UNIT_NUMBER:
    default:
      format = "%.2f";
      break;
    }
  /* Never print "-0.0". */
  value = chc_round_value (unit, value);
  if (value == 0)
    value = 0;
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
}
