/* chc-audit-view.c — the audit log: every change typed, imported or
 * merged, newest first, filtered by table, days, origin and user; or, with
 * chc_audit_view_set_record(), the history of one record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-audit"

#include <glib/gi18n-lib.h>

#include "chc-audit-view.h"
#include "chc-keymap.h"
#include "chc-ui-util.h"
#include "core/chc-element.h"
#include "store/chc-database-sync.h"

/* The newest entries shown; the count line says when there are more. */
#define AUDIT_LIMIT 5000

struct _ChcAuditView
{
  GtkWidget            parent_instance;

  ChcDatabase         *database;
  ChcDistrict         *district;
  int                  year;
  char                *record_table;   /* history mode: the record */
  char                *record_key;
  GListStore          *entries;
  GHashTable          *names;          /* facility code → name */
  gulong               changed_id;

  /* template children */
  GtkWidget           *root;
  GtkWidget           *filter_bar;
  GtkDropDown         *table_dropdown;
  GtkStringList       *tables;
  GtkEditable         *since_entry;
  GtkEditable         *until_entry;
  GtkEditable         *origin_entry;
  GtkEditable         *user_entry;
  GtkColumnView       *entries_view;
  GtkColumnViewColumn *at_column;
  GtkColumnViewColumn *user_column;
  GtkColumnViewColumn *origin_column;
  GtkColumnViewColumn *table_column;
  GtkColumnViewColumn *record_column;
  GtkColumnViewColumn *field_column;
  GtkColumnViewColumn *old_column;
  GtkColumnViewColumn *new_column;
  GtkLabel            *count_label;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_DISTRICT,
  PROP_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcAuditView, chc_audit_view, GTK_TYPE_WIDGET)

static gboolean
is_day (const char *text)
{
  return text != NULL && g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text, 0, 0);
}

static const char *
entry_text_or_null (GtkEditable *editable)
{
  const char *text = gtk_editable_get_text (editable);

  return (text != NULL && *text != '\0') ? text : NULL;
}

static void load_names (ChcAuditView *self);
static char *record_text (gpointer item, gpointer user_data);

static void
reload (ChcAuditView *self)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  ChcAuditFilter filter = { 0 };
  const char * const *tables = chc_database_tracked_tables ();
  guint table = gtk_drop_down_get_selected (self->table_dropdown);

  if (self->entries == NULL)
    return;   /* still being built */
  if (self->database == NULL)
    {
      g_list_store_remove_all (self->entries);
      return;
    }
  load_names (self);

  if (self->record_table != NULL)
    found = chc_database_list_history (self->database, self->record_table, self->record_key, &error);
  else
    {
      g_autofree char *origin = NULL;
      const char *since = entry_text_or_null (self->since_entry);
      const char *until = entry_text_or_null (self->until_entry);

      if (table > 0 && table <= g_strv_length ((char **) tables))
        filter.table = tables[table - 1];
      /* A day half typed filters nothing yet. */
      filter.since = is_day (since) ? since : NULL;
      filter.until = is_day (until) ? until : NULL;
      origin = chc_ui_origin_search (entry_text_or_null (self->origin_entry));
      filter.origin = origin;
      filter.user = entry_text_or_null (self->user_entry);
      filter.limit = AUDIT_LIMIT + 1;
      filter.newest_first = TRUE;
      found = chc_database_list_audit (self->database, &filter, &error);
    }

  if (found == NULL)
    {
      g_list_store_remove_all (self->entries);
      gtk_label_set_text (self->count_label, error->message);
      return;
    }
  /* One change of the list, not one per entry (5,000 of them). */
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       found->pdata, MIN (found->len, AUDIT_LIMIT));

  if (found->len > AUDIT_LIMIT)
    count = g_strdup_printf (_("The newest %u changes are shown; narrow the filters to see older ones."),
                             AUDIT_LIMIT);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", found->len),
                             found->len);
  gtk_label_set_text (self->count_label, count);
}

static void
on_filter_changed_cb (ChcAuditView *self)
{
  reload (self);
}

/* Enter or a double click on a change: the history of its record. */
static void
on_entry_activated_cb (ChcAuditView *self,
                       guint         position)
{
  g_autoptr(ChcAuditEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), position);
  g_autofree char *title = NULL;
  GtkRoot *root;

  if (entry == NULL || self->record_table != NULL ||
      g_strcmp0 (chc_audit_entry_get_row_key (entry), "*") == 0)
    return;
  title = record_text (entry, self);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  chc_audit_view_show_history (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->database,
                               chc_audit_entry_get_table (entry),
                               chc_audit_entry_get_row_key (entry), title);
}

static void
on_database_changed_cb (ChcAuditView *self,
                        const char   *table)
{
  reload (self);
}

/* ---- columns ------------------------------------------------------------ */

/* "白鹤社区卫生服务中心 2025-03" for "310118C01|2025-03". */
static char *
record_text (gpointer item,
             gpointer user_data)
{
  ChcAuditView *self = user_data;
  const char *key = chc_audit_entry_get_row_key (item);
  const char *bar = strchr (key, '|');
  g_autofree char *code = bar != NULL ? g_strndup (key, bar - key) : g_strdup (key);
  const char *name = self->names != NULL ? g_hash_table_lookup (self->names, code) : NULL;

  /* The rows a CSV import added, counted in one entry. */
  if (g_strcmp0 (key, "*") == 0)
    return g_strdup (_("(rows added by the import)"));
  g_auto(GStrv) parts = NULL;

  if (name == NULL)
    return g_strdup (key);
  if (bar == NULL)
    return g_strdup (name);
  /* the rest of the key: a data element's or data set's name for its code */
  parts = g_strsplit (bar + 1, "|", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *label = chc_element_code_get_label (parts[i]);

      if (label != NULL)
        {
          g_free (parts[i]);
          parts[i] = g_strdup (label);
        }
    }
  {
    g_autofree char *rest = g_strjoinv (" ", parts);

    return g_strdup_printf ("%s %s", name, rest);
  }
}

static char *
origin_text (gpointer item,
             gpointer user_data)
{
  return chc_ui_display_origin (chc_audit_entry_get_origin (item));
}

/* Values as the user reads them: a whole row as its fields' names and
 * values, an enum by its label. */
static char *
value_text (gpointer item,
            gpointer user_data)
{
  const char *value = GPOINTER_TO_INT (user_data) ? chc_audit_entry_get_new_value (item)
                                                  : chc_audit_entry_get_old_value (item);
  const char *table = chc_audit_entry_get_table (item);
  const char *field = chc_audit_entry_get_field (item);

  if (value == NULL)
    return g_strdup ("");
  if (g_strcmp0 (field, "*") == 0 && value[0] == '{')
    return chc_ui_display_row (table, value);
  return chc_ui_display_field_value (table, field, value);
}

static void
load_names (ChcAuditView *self)
{
  g_autoptr(GPtrArray) facilities = NULL;

  g_clear_pointer (&self->names, g_hash_table_unref);
  if (self->database == NULL)
    return;
  facilities = chc_database_list_facilities (self->database, 0, NULL);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; facilities != NULL && i < facilities->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (facilities, i);
      g_hash_table_insert (self->names, g_strdup (chc_facility_get_code (f)),
                           g_strdup (chc_facility_get_name (f)));
    }
}

/* ---- properties ---------------------------------------------------------- */

static void
set_database (ChcAuditView *self,
              ChcDatabase  *database)
{
  if (self->database == database)
    return;
  if (self->database != NULL)
    g_clear_signal_handler (&self->changed_id, self->database);
  g_set_object (&self->database, database);
  if (database != NULL)
    self->changed_id = g_signal_connect_object (database, "changed",
                                                G_CALLBACK (on_database_changed_cb),
                                                self, G_CONNECT_SWAPPED);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

static void
chc_audit_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ChcAuditView *self = CHC_AUDIT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE: g_value_set_object (value, self->database); break;
    case PROP_DISTRICT: g_value_set_object (value, self->district); break;
    case PROP_YEAR:     g_value_set_int (value, self->year); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_audit_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ChcAuditView *self = CHC_AUDIT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      set_database (self, g_value_get_object (value));
      break;
    case PROP_DISTRICT:
      /* The log is the whole database's: the district does not filter it. */
      if (g_set_object (&self->district, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_YEAR:
      if (self->year != g_value_get_int (value))
        {
          self->year = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
chc_audit_view_grab_focus (GtkWidget *widget)
{
  ChcAuditView *self = CHC_AUDIT_VIEW (widget);

  if (gtk_widget_get_visible (self->filter_bar))
    return gtk_widget_grab_focus (GTK_WIDGET (self->origin_entry));
  return gtk_widget_grab_focus (GTK_WIDGET (self->entries_view));
}

/* Ctrl+F: to the filters (the origin first). */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChcAuditView *self = CHC_AUDIT_VIEW (widget);

  if (gtk_widget_get_visible (self->filter_bar))
    gtk_widget_grab_focus (GTK_WIDGET (self->origin_entry));
}

static void
chc_audit_view_dispose (GObject *object)
{
  ChcAuditView *self = CHC_AUDIT_VIEW (object);

  if (self->database != NULL)
    g_clear_signal_handler (&self->changed_id, self->database);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_AUDIT_VIEW);
  g_clear_object (&self->database);
  g_clear_object (&self->district);
  G_OBJECT_CLASS (chc_audit_view_parent_class)->dispose (object);
}

static void
chc_audit_view_finalize (GObject *object)
{
  ChcAuditView *self = CHC_AUDIT_VIEW (object);

  g_clear_object (&self->entries);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_free (self->record_table);
  g_free (self->record_key);
  G_OBJECT_CLASS (chc_audit_view_parent_class)->finalize (object);
}

static void
chc_audit_view_class_init (ChcAuditViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = chc_audit_view_get_property;
  object_class->set_property = chc_audit_view_set_property;
  object_class->dispose = chc_audit_view_dispose;
  object_class->finalize = chc_audit_view_finalize;
  gtk_widget_class_install_action (widget_class, "audit.find", NULL, find_action);
  chc_keymap_install (widget_class, "audit");
  widget_class->grab_focus = chc_audit_view_grab_focus;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CHC_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTRICT] =
    g_param_spec_object ("district", NULL, NULL, CHC_TYPE_DISTRICT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-audit-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, root);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, table_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, tables);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, since_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, until_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, origin_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, user_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, entries_view);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, at_column);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, user_column);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, origin_column);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, table_column);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, record_column);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, field_column);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, old_column);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, new_column);
  gtk_widget_class_bind_template_child (widget_class, ChcAuditView, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
}

static void
chc_audit_view_init (ChcAuditView *self)
{
  const char * const *tables = chc_database_tracked_tables ();
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (self->tables, _("All tables"));
  for (guint i = 0; tables[i] != NULL; i++)
    gtk_string_list_append (self->tables, chc_database_table_label (tables[i]));

  chc_ui_column_set_property (self->at_column, CHC_TYPE_AUDIT_ENTRY, "at", FALSE);
  chc_ui_column_set_property (self->user_column, CHC_TYPE_AUDIT_ENTRY, "user", FALSE);
  chc_ui_column_set_text (self->origin_column, origin_text, NULL, FALSE);
  chc_ui_column_set_text (self->table_column, chc_ui_table_text, NULL, FALSE);
  chc_ui_column_set_text (self->record_column, record_text, self, FALSE);
  chc_ui_column_set_text (self->field_column, chc_ui_field_text, NULL, FALSE);
  chc_ui_column_set_text (self->old_column, value_text, GINT_TO_POINTER (FALSE), FALSE);
  chc_ui_column_set_text (self->new_column, value_text, GINT_TO_POINTER (TRUE), FALSE);

  self->entries = g_list_store_new (CHC_TYPE_AUDIT_ENTRY);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->entries)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->entries_view, GTK_SELECTION_MODEL (selection));
}

/* ---- public API ---------------------------------------------------------- */

GtkWidget *
chc_audit_view_new (ChcDatabase *database)
{
  return g_object_new (CHC_TYPE_AUDIT_VIEW, "database", database, NULL);
}

void
chc_audit_view_set_record (ChcAuditView *self,
                           const char   *table,
                           const char   *row_key)
{
  g_return_if_fail (CHC_IS_AUDIT_VIEW (self));

  g_free (self->record_table);
  g_free (self->record_key);
  self->record_table = g_strdup (table);
  self->record_key = g_strdup (row_key);
  gtk_widget_set_visible (self->filter_bar, table == NULL);
  gtk_column_view_column_set_visible (self->table_column, table == NULL);
  gtk_column_view_column_set_visible (self->record_column, table == NULL);
  reload (self);
}

void
chc_audit_view_activate (ChcAuditView *self,
                         guint         position)
{
  g_return_if_fail (CHC_IS_AUDIT_VIEW (self));
  g_signal_emit_by_name (self->entries_view, "activate", position);
}

GListModel *
chc_audit_view_get_model (ChcAuditView *self)
{
  g_return_val_if_fail (CHC_IS_AUDIT_VIEW (self), NULL);
  return G_LIST_MODEL (self->entries);
}

void
chc_audit_view_set_filter (ChcAuditView *self,
                           const char   *table,
                           const char   *since,
                           const char   *origin)
{
  const char * const *tables = chc_database_tracked_tables ();
  guint selected = 0;

  g_return_if_fail (CHC_IS_AUDIT_VIEW (self));

  for (guint i = 0; table != NULL && tables[i] != NULL; i++)
    if (g_str_equal (tables[i], table))
      selected = i + 1;
  gtk_drop_down_set_selected (self->table_dropdown, selected);
  gtk_editable_set_text (self->since_entry, since != NULL ? since : "");
  gtk_editable_set_text (self->origin_entry, origin != NULL ? origin : "");
  reload (self);
}

GtkWindow *
chc_audit_view_show_history (GtkWindow   *parent,
                             ChcDatabase *database,
                             const char  *table,
                             const char  *row_key,
                             const char  *title)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *view = chc_audit_view_new (database);
  g_autofree char *heading = g_strdup_printf (_("History of %s"), title);

  chc_audit_view_set_record (CHC_AUDIT_VIEW (view), table, row_key);
  gtk_window_set_title (window, heading);
  gtk_window_set_transient_for (window, parent);
  gtk_window_set_modal (window, TRUE);
  gtk_window_set_default_size (window, 900, 480);
  gtk_window_set_child (window, view);
  /* Escape closes it, as the other dialogs. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (GTK_WIDGET (window), keys);
  }
  gtk_window_present (window);
  return window;
}
