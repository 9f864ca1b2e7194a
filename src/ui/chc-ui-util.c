/* chc-ui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-ui-util.h"
#include "store/chc-database-sync.h"
#include "core/chc-element.h"
#include "core/chc-json.h"
#include "core/chc-reporting.h"
#include "model/chc-facility.h"
#include "model/chc-capability.h"
#include "model/chc-project-enums.h"
#include "model/chc-tcm-enums.h"

#define REGISTRY_KEY "chc-ui-registry"

static void
free_weak_ref (gpointer data)
{
  GWeakRef *ref = data;

  g_weak_ref_clear (ref);
  g_free (ref);
}

ChcRegistry *
chc_ui_dup_registry (ChcDatabase *database)
{
  GWeakRef *ref;
  ChcRegistry *registry;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);

  /* A weak reference: the registry holds the database, so a strong one
   * here would keep both alive for ever. */
  ref = g_object_get_data (G_OBJECT (database), REGISTRY_KEY);
  if (ref != NULL && (registry = g_weak_ref_get (ref)) != NULL)
    return registry;

  registry = chc_registry_new (database);
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, registry);
  g_object_set_data_full (G_OBJECT (database), REGISTRY_KEY, ref, free_weak_ref);
  return registry;
}

/* Whether the interface speaks Chinese (then district names need no
 * English gloss). */
static gboolean
ui_is_chinese (void)
{
  const char * const *languages = g_get_language_names ();

  return languages[0] != NULL && g_str_has_prefix (languages[0], "zh");
}

char *
chc_ui_district_label (ChcDistrict *district)
{
  const char *name;
  const char *name_en;

  g_return_val_if_fail (CHC_IS_DISTRICT (district), NULL);

  name = chc_district_get_name (district);
  name_en = chc_district_get_name_en (district);
  if (ui_is_chinese () || name_en == NULL || *name_en == '\0')
    return g_strdup (name);

  /* Translators: a district in the district selector, outside Chinese
   * locales: its English name, then its Chinese name. */
  return g_strdup_printf (_("%s (%s)"), name_en, name);
}

int
chc_ui_first_year (void)
{
  return 2023;
}

int
chc_ui_last_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return MAX (CHC_UI_DEFAULT_YEAR, g_date_time_get_year (now));
}

GSettings *
chc_ui_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("The GSettings schema %s is not installed: settings (window size, "
                 "district, year, CSV column mappings) are not remembered.", APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/* ---- label columns ------------------------------------------------------- */

typedef struct
{
  ChcUiTextFunc  func;
  gpointer       user_data;
  const char    *property;
  gboolean       numeric;
} LabelColumn;

static void
label_column_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       LabelColumn              *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* One line each; the whole text in the tooltip. */
  gtk_label_set_xalign (GTK_LABEL (label), column->numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  chc_ui_label_tooltip_when_cut (GTK_LABEL (label));
  gtk_list_item_set_child (item, label);
}

static char *
property_text (gpointer    item,
               const char *property)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), property);
  GValue value = G_VALUE_INIT;
  char *text;

  g_return_val_if_fail (pspec != NULL, NULL);
  g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_object_get_property (G_OBJECT (item), property, &value);
  if (G_VALUE_HOLDS_STRING (&value))
    text = g_value_dup_string (&value);
  else if (G_VALUE_HOLDS_UINT (&value))
    text = g_strdup_printf ("%u", g_value_get_uint (&value));
  else if (G_VALUE_HOLDS_INT (&value))
    text = g_strdup_printf ("%d", g_value_get_int (&value));
  else
    text = g_strdup_value_contents (&value);
  g_value_unset (&value);
  return text;
}

static void
label_column_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      LabelColumn              *column)
{
  gpointer object = gtk_list_item_get_item (item);
  g_autofree char *text = column->func != NULL ? column->func (object, column->user_data)
                                               : property_text (object, column->property);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "");
}

static void
set_label_factory (GtkColumnViewColumn *view_column,
                   LabelColumn         *column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_data (factory, "setup", G_CALLBACK (label_column_setup_cb),
                         column, (GClosureNotify) (void (*) (void)) g_free, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (label_column_bind_cb), column);
  gtk_column_view_column_set_factory (view_column, factory);
}

void
chc_ui_column_set_text (GtkColumnViewColumn *view_column,
                        ChcUiTextFunc        func,
                        gpointer             user_data,
                        gboolean             numeric)
{
  LabelColumn *column = g_new0 (LabelColumn, 1);

  column->func = func;
  column->user_data = user_data;
  column->numeric = numeric;
  set_label_factory (view_column, column);
}

void
chc_ui_column_set_property (GtkColumnViewColumn *view_column,
                            GType                item_type,
                            const char          *property,
                            gboolean             numeric)
{
  LabelColumn *column = g_new0 (LabelColumn, 1);
  GtkExpression *expression = gtk_property_expression_new (item_type, NULL, property);
  g_autoptr(GtkSorter) sorter = NULL;

  column->property = g_intern_string (property);
  column->numeric = numeric;
  set_label_factory (view_column, column);

  if (numeric)
    sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
  else
    sorter = GTK_SORTER (gtk_string_sorter_new (expression));
  gtk_column_view_column_set_sorter (view_column, sorter);
}

char *
chc_ui_display_value (const char *value)
{
  gsize length;

  if (value == NULL)
    return NULL;
  length = strlen (value);
  /* A whole number stored as a real. */
  if (length > 2 && g_str_has_suffix (value, ".0") &&
      strspn (value, "-0123456789") == length - 2)
    return g_strndup (value, length - 2);
  return g_strdup (value);
}

/* The label of an enum's nick, or NULL. */
typedef const char *(*NickLabelFunc) (const char *nick);

#define NICK_LABEL(func, Type, from_nick, to_label) \
  static const char *                                \
  func (const char *nick)                            \
  {                                                  \
    Type value;                                      \
    return from_nick (nick, &value) ? to_label (value) : NULL; \
  }

NICK_LABEL (facility_type_label, ChcFacilityType, chc_facility_type_from_nick, chc_facility_type_to_label)
NICK_LABEL (facility_status_label, ChcFacilityStatus, chc_facility_status_from_nick, chc_facility_status_to_label)
NICK_LABEL (project_kind_label, ChcProjectKind, chc_project_kind_from_nick, chc_project_kind_to_label)
NICK_LABEL (milestone_label, ChcMilestoneKind, chc_milestone_kind_from_nick, chc_milestone_kind_to_label)
NICK_LABEL (site_kind_label, ChcTcmSiteKind, chc_tcm_site_kind_from_nick, chc_tcm_site_kind_to_label)
NICK_LABEL (site_state_label, ChcTcmSiteState, chc_tcm_site_state_from_nick, chc_tcm_site_state_to_label)
NICK_LABEL (demo_status_label, ChcTcmDemoStatus, chc_tcm_demo_status_from_nick, chc_tcm_demo_status_to_label)
NICK_LABEL (report_state_label, ChcReportState, chc_report_state_from_nick, chc_report_state_get_label)

/* A declared capability kind's name (issue 14: not only ChcCapabilityKind's). */
static const char *
capability_kind_label (const char *code)
{
  return chc_capability_code_get_label (code);
}

/* The stored fields that hold an enum's nick (NULL func: yes or no). */
static const struct {
  const char    *table;
  const char    *field;
  NickLabelFunc  func;
} coded_fields[] = {
  { "facility", "type", facility_type_label },
  { "facility", "status", facility_status_label },
  { "facility", "standardized", NULL },
  { "capability", "kind", capability_kind_label },
  { "project", "kind", project_kind_label },
  { "project", "prev_status", facility_status_label },
  { "project", "prev_standardized", NULL },
  { "project", "created_facility", NULL },
  { "milestone", "milestone", milestone_label },
  { "tcm_site_event", "kind", site_kind_label },
  { "tcm_site_event", "state", site_state_label },
  { "tcm_demo", "status", demo_status_label },
  { "report_state", "state", report_state_label },
  { "report_state", "dataset", chc_element_code_get_label },
  { "element_value", "element", chc_element_code_get_label },
  { "district_value", "element", chc_element_code_get_label },
};

char *
chc_ui_display_field_value (const char *table,
                            const char *field,
                            const char *value)
{
  if (value == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (coded_fields); i++)
    {
      if (g_strcmp0 (coded_fields[i].table, table) != 0 ||
          g_strcmp0 (coded_fields[i].field, field) != 0)
        continue;
      if (coded_fields[i].func != NULL)
        {
          const char *label = coded_fields[i].func (value);

          if (label != NULL)
            return g_strdup (label);
        }
      else if (g_str_equal (value, "1") || g_str_equal (value, "true"))
        return g_strdup (_("yes"));
      else if (g_str_equal (value, "0") || g_str_equal (value, "false"))
        return g_strdup (_("no"));
      break;
    }
  return chc_ui_display_value (value);
}

char *
chc_ui_display_row (const char *table,
                    const char *json)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GString) text = NULL;

  if (json == NULL)
    return NULL;
  members = chc_json_parse_flat_object (json);
  if (members == NULL)
    return g_strdup (json);

  text = g_string_new (NULL);
  for (guint i = 0; i < members->len; i++)
    {
      ChcJsonMember *member = g_ptr_array_index (members, i);
      g_autofree char *value = chc_ui_display_field_value (table, member->key, member->value);

      if (value == NULL || *value == '\0')
        continue;
      if (text->len > 0)
        /* TRANSLATORS: between the fields of a record ("名称：…；类型：…") */
        g_string_append (text, _("; "));
      /* TRANSLATORS: a field of a record and its value */
      g_string_append_printf (text, _("%s: %s"),
                              chc_database_field_label (table, member->key), value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The first word of an audit origin, and how the user reads it. */
static const struct { const char *word; const char *label; } origin_words[] = {
  { "entry", N_("entry") },
  { "demo", N_("demo data") },
  { "import", N_("import") },
  { "merge", N_("merge") },
};

char *
chc_ui_origin_search (const char *text)
{
  if (text == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (origin_words); i++)
    {
      const char *label = _(origin_words[i].label);

      /* "录入", "导入 a.csv", or the start of a label ("导"). */
      if (g_str_has_prefix (text, label))
        return g_strconcat (origin_words[i].word, text + strlen (label), NULL);
      if (*text != '\0' && g_str_has_prefix (label, text) && g_strcmp0 (label, origin_words[i].label) != 0)
        return g_strdup (origin_words[i].word);
    }
  return g_strdup (text);
}

char *
chc_ui_display_origin (const char *origin)
{
  const char *space;
  gsize word_length;

  if (origin == NULL)
    return NULL;
  space = strchr (origin, ' ');
  word_length = space != NULL ? (gsize) (space - origin) : strlen (origin);
  for (guint i = 0; i < G_N_ELEMENTS (origin_words); i++)
    if (strlen (origin_words[i].word) == word_length && strncmp (origin, origin_words[i].word, word_length) == 0)
      return g_strconcat (_(origin_words[i].label), space != NULL ? space : "", NULL);
  return g_strdup (origin);
}

char *
chc_ui_table_text (gpointer item,
                   gpointer user_data)
{
  g_autofree char *table = NULL;

  g_object_get (item, "table", &table, NULL);
  return g_strdup (chc_database_table_label (table));
}

char *
chc_ui_field_text (gpointer item,
                   gpointer user_data)
{
  g_autofree char *table = NULL;
  g_autofree char *field = NULL;

  g_object_get (item, "table", &table, "field", &field, NULL);
  return g_strdup (chc_database_field_label (table, field));
}

void
chc_ui_dialog_add_choices (GtkDialog  *dialog,
                           const char *discard_label,
                           const char *accept_label,
                           gboolean    accept_destructive)
{
  gtk_dialog_add_button (dialog, _("_Cancel"), GTK_RESPONSE_CANCEL);
  if (discard_label != NULL)
    gtk_widget_add_css_class (gtk_dialog_add_button (dialog, discard_label, GTK_RESPONSE_REJECT),
                              "destructive-action");
  gtk_widget_add_css_class (gtk_dialog_add_button (dialog, accept_label, GTK_RESPONSE_ACCEPT),
                            accept_destructive ? "destructive-action" : "suggested-action");
  gtk_dialog_set_default_response (dialog, accept_destructive ? GTK_RESPONSE_CANCEL : GTK_RESPONSE_ACCEPT);
}

static gboolean
query_kept_tooltip_cb (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "chc-tooltip");

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
chc_ui_set_tooltip (GtkWidget  *widget,
                    const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_object_get_data (G_OBJECT (widget), "chc-tooltip-query") == NULL)
    {
      g_object_set_data (G_OBJECT (widget), "chc-tooltip-query", GINT_TO_POINTER (1));
      gtk_widget_set_has_tooltip (widget, TRUE);
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_kept_tooltip_cb), NULL);
    }
  g_object_set_data_full (G_OBJECT (widget), "chc-tooltip", g_strdup (text), g_free);
}

static gboolean
query_cut_tooltip_cb (GtkWidget  *widget,
                      int         x,
                      int         y,
                      gboolean    keyboard,
                      GtkTooltip *tooltip,
                      gpointer    user_data)
{
  GtkLabel *label = GTK_LABEL (widget);
  const char *text = gtk_label_get_text (label);

  if (text == NULL || *text == '\0' || !pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
chc_ui_label_tooltip_when_cut (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_widget_set_has_tooltip (GTK_WIDGET (label), TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_cut_tooltip_cb), NULL);
}

const char *
chc_ui_get_tooltip (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  if (g_object_get_data (G_OBJECT (widget), "chc-tooltip-query") != NULL)
    return g_object_get_data (G_OBJECT (widget), "chc-tooltip");
  return gtk_widget_get_tooltip_text (widget);
}

char *
chc_ui_search_key (const char *typed)
{
  g_autofree char *stripped = g_strstrip (g_strdup (typed != NULL ? typed : ""));

  return *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
}

gboolean
chc_ui_search_matches (const char *text,
                       const char *key)
{
  g_autofree char *folded = NULL;

  if (key == NULL)
    return TRUE;
  folded = g_utf8_casefold (text != NULL ? text : "", -1);
  return strstr (folded, key) != NULL;
}

void
chc_ui_set_css_class (GtkWidget  *widget,
                      const char *name,
                      gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, name);
  else
    gtk_widget_remove_css_class (widget, name);
}

char *
chc_ui_period_label (const char *period)
{
  if (period == NULL)
    return g_strdup ("");
  if (ui_is_chinese ())
    {
      char *chinese = chc_period_to_chinese (period);

      if (chinese != NULL)
        return chinese;
    }
  return g_strdup (period);
}
