/* chc-window.c — the main window.
 *
 * The header chooses a district and a plan year; the sidebar chooses one of
 * the views, the pages of the GtkStack in chc-window.ui:
 *
 *   dashboard  facilities  projects  signing  tcm  values  reporting  reports
 *   audit
 *
 * The view contract
 * -----------------
 * A view is any GtkWidget with these three properties, which the window
 * binds (sync-create) from its own properties in chc-window.ui:
 *
 *   "database"  ChcDatabase*  the open database; NULL at first, may change
 *   "district"  ChcDistrict*  the district of the header (NULL at first);
 *                             compare districts by id, not by pointer
 *   "year"      int           the plan year of the header (2023, 2024, …)
 *
 * A view knows nothing of ChcWindow: it can be created on its own (a test
 * does so) and reads everything it shows through these properties.  Its
 * commands are actions installed on its class under its own prefix
 * ("facilities.add", "signing.save", …; gtk_widget_class_install_action),
 * with their shortcuts (gtk_widget_class_add_binding_action), so a test can
 * fire them with gtk_widget_activate_action().  A view that can take the
 * keyboard focus overrides GtkWidget.grab_focus: the window calls
 * gtk_widget_grab_focus() on the view it switches to.  Views that list the
 * facility registry share one model per database: chc_ui_dup_registry().
 *
 * Each page of the stack in chc-window.ui is one view object (keep the id,
 * the page and the three bindings when adding one); its type is listed in
 * ensure_view_types() below so that GtkBuilder finds it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-window"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "chc-help.h"
#include "chc-keymap.h"
#include "chc-window.h"
#include "chc-facilities-view.h"
#include "chc-dashboard-view.h"
#include "chc-projects-view.h"
#include "chc-signing-view.h"
#include "chc-tcm-view.h"
#include "chc-values-view.h"
#include "chc-reporting-view.h"
#include "chc-reports-view.h"
#include "chc-audit-view.h"
#include "chc-import-assistant.h"
#include "chc-merge-dialog.h"
#include "chc-package-export-dialog.h"
#include "chc-elements-dialog.h"
#include "io/chc-csv-export.h"
#include "store/chc-database-sync.h"
#include "chc-ui-util.h"
#include "model/chc-indicator.h"

struct _ChcWindow
{
  GtkApplicationWindow  parent_instance;

  ChcDatabase          *database;
  ChcRegistry          *registry;
  GListStore           *districts;   /* a stable copy of the registry's list */
  ChcDistrict          *district;
  int                   year;
  GSettings            *settings;
  gboolean              syncing;     /* selectors being set from code */

  /* template children */
  GtkDropDown          *district_dropdown;
  GtkDropDown          *year_dropdown;
  GtkStringList        *years;
  GtkLabel             *subtitle_label;
  GtkWidget            *demo_badge;
  GtkStack             *stack;
  GtkRevealer          *message_revealer;
  GtkWidget            *message_box;
  GtkLabel             *message_label;
  ChcCsvKind            export_kind;  /* of the Export CSV… under way */
  GtkWidget            *read_only_badge;
  GtkWidget            *sidebar;
  guint                 poll_id;      /* looks for other programs' changes */
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_DISTRICT,
  PROP_YEAR,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcWindow, chc_window, GTK_TYPE_APPLICATION_WINDOW)

/* ---- helpers ---------------------------------------------------------- */

static void
ensure_view_types (void)
{
  g_type_ensure (CHC_TYPE_DASHBOARD_VIEW);
  g_type_ensure (CHC_TYPE_FACILITIES_VIEW);
  g_type_ensure (CHC_TYPE_PROJECTS_VIEW);
  g_type_ensure (CHC_TYPE_SIGNING_VIEW);
  g_type_ensure (CHC_TYPE_TCM_VIEW);
  g_type_ensure (CHC_TYPE_VALUES_VIEW);
  g_type_ensure (CHC_TYPE_REPORTING_VIEW);
  g_type_ensure (CHC_TYPE_REPORTS_VIEW);
  g_type_ensure (CHC_TYPE_AUDIT_VIEW);
}


static gboolean
find_district (ChcWindow *self,
               gint64     id,
               guint     *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->districts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChcDistrict) d = g_list_model_get_item (G_LIST_MODEL (self->districts), i);
      if (chc_district_get_id (d) == id)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
apply_district (ChcWindow   *self,
                ChcDistrict *district)
{
  if (!g_set_object (&self->district, district))
    return;
  if (self->settings != NULL && district != NULL)
    g_settings_set_string (self->settings, "last-district", chc_district_get_name (district));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT]);
}

/* Selects the district at @position (GTK_INVALID_LIST_POSITION: none). */
static void
select_district_at (ChcWindow *self,
                    guint      position)
{
  g_autoptr(ChcDistrict) district = NULL;

  if (position != GTK_INVALID_LIST_POSITION)
    district = g_list_model_get_item (G_LIST_MODEL (self->districts), position);

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->district_dropdown, position);
  self->syncing = FALSE;
  apply_district (self, district);
}

static gboolean
same_districts (GListModel *a,
                GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChcDistrict) x = g_list_model_get_item (a, i);
      g_autoptr(ChcDistrict) y = g_list_model_get_item (b, i);

      if (chc_district_get_id (x) != chc_district_get_id (y) ||
          g_strcmp0 (chc_district_get_name (x), chc_district_get_name (y)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Copies the registry's districts into our own list when they really
 * changed, so that a reload of the registry does not reset the selector. */
static void
sync_districts (ChcWindow *self)
{
  GListModel *source = chc_registry_get_districts (self->registry);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *remembered = NULL;
  gint64 wanted = 0;
  guint position = GTK_INVALID_LIST_POSITION;
  guint n;

  if (same_districts (source, G_LIST_MODEL (self->districts)))
    return;

  if (self->district != NULL)
    wanted = chc_district_get_id (self->district);
  else if (self->settings != NULL)
    remembered = g_settings_get_string (self->settings, "last-district");

  n = g_list_model_get_n_items (source);
  for (guint i = 0; i < n; i++)
    {
      ChcDistrict *d = g_list_model_get_item (source, i);

      g_ptr_array_add (items, d);
      if ((wanted != 0 && chc_district_get_id (d) == wanted) ||
          (remembered != NULL && chc_district_matches (d, remembered)))
        position = i;
    }
  if (position == GTK_INVALID_LIST_POSITION && n > 0)
    position = 0;

  self->syncing = TRUE;
  g_list_store_splice (self->districts, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->districts)),
                       items->pdata, items->len);
  self->syncing = FALSE;
  select_district_at (self, position);
}

static void
restore_state (ChcWindow *self)
{
  int year = CHC_UI_DEFAULT_YEAR;

  if (self->settings != NULL)
    {
      int last = g_settings_get_int (self->settings, "last-year");

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      if (last >= chc_ui_first_year () && last <= chc_ui_last_year ())
        year = last;
    }
  chc_window_set_year (self, year);
}

static void
save_size (ChcWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

/* ---- callbacks -------------------------------------------------------- */

static void
on_district_selected_cb (ChcWindow   *self,
                         GParamSpec  *pspec,
                         GtkDropDown *dropdown)
{
  if (self->syncing)
    return;
  apply_district (self, gtk_drop_down_get_selected_item (dropdown));
}

static void
on_year_selected_cb (ChcWindow   *self,
                     GParamSpec  *pspec,
                     GtkDropDown *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || position == GTK_INVALID_LIST_POSITION)
    return;
  chc_window_set_year (self, chc_ui_first_year () + (int) position);
}

static void
on_registry_districts_changed_cb (ChcWindow  *self,
                                  guint       position,
                                  guint       removed,
                                  guint       added,
                                  GListModel *model)
{
  sync_districts (self);
}

static char *
district_label_cb (ChcDistrict *district)
{
  if (district == NULL)
    return g_strdup ("");
  return chc_ui_district_label (district);
}

/* Gives @view the window's database, district and year — only the view
 * shown (or asked for) gets them, when it is shown: a view not opened
 * loads nothing at start, and a change of district or year reloads the
 * view on screen, not all seven (the others catch up when shown). */
static GtkWidget *
bind_view (ChcWindow *self,
           GtkWidget *view)
{
  if (view == NULL)
    return NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (view), "database") != NULL)
    {
      g_autoptr(ChcDatabase) database = NULL;

      g_object_get (view, "database", &database, NULL);
      if (database != self->database)
        g_object_set (view, "database", self->database, NULL);
    }
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (view), "district") != NULL)
    {
      g_autoptr(ChcDistrict) district = NULL;

      g_object_get (view, "district", &district, NULL);
      if (district != self->district)
        g_object_set (view, "district", self->district, NULL);
    }
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (view), "year") != NULL)
    {
      int year = 0;

      g_object_get (view, "year", &year, NULL);
      if (year != self->year)
        g_object_set (view, "year", self->year, NULL);
    }
  return view;
}

/* The window's district or year changed: the view on screen follows. */
static void
on_scope_changed_cb (ChcWindow *self)
{
  bind_view (self, gtk_stack_get_visible_child (self->stack));
}

/* The view named @name, up to date (see bind_view). */
static GtkWidget *
view_named (ChcWindow  *self,
            const char *name)
{
  return bind_view (self, gtk_stack_get_child_by_name (self->stack, name));
}

static void
on_visible_view_cb (ChcWindow *self)
{
  bind_view (self, gtk_stack_get_visible_child (self->stack));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ChcWindow *self = CHC_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  GtkWidget *child = view_named (self, name);

  if (child == NULL)
    {
      g_warning ("No view named “%s”", name);
      return;
    }
  gtk_stack_set_visible_child (self->stack, child);
  /* Into the view: its first control, not the view itself (which takes no
   * focus, leaving it in the header). */
  if (!gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (child);
}

/* ---- the manual ----------------------------------------------------------- */

char *
chc_window_dup_help_uri (ChcWindow *self)
{
  g_return_val_if_fail (CHC_IS_WINDOW (self), NULL);

  return chc_help_dup_uri (gtk_stack_get_visible_child_name (self->stack), CHC_HELP_VIEWER_AUTO);
}

/* F1: the manual, at the page of the view shown. */
static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChcWindow *self = CHC_WINDOW (widget);

  chc_help_show (GTK_WINDOW (self), gtk_stack_get_visible_child_name (self->stack));
}

/* A view's help button: its page of the manual. */
static void
help_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  chc_help_show (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* F5: every view reads the database again. */
static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChcWindow *self = CHC_WINDOW (widget);

  if (self->database != NULL)
    chc_database_refresh (self->database);
}

/* Tab in the sidebar goes on to the view shown, Shift+Tab back to the
 * header — instead of walking the sidebar's rows, which switched view at
 * each step. */
static gboolean
on_sidebar_key_pressed_cb (GtkEventControllerKey *controller,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           ChcWindow             *self)
{
  GtkWidget *view;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((state & GDK_SHIFT_MASK) != 0 || keyval == GDK_KEY_ISO_Left_Tab)
    {
      GtkWidget *header = gtk_window_get_titlebar (GTK_WINDOW (self));

      return header != NULL && gtk_widget_child_focus (header, GTK_DIR_TAB_FORWARD);
    }
  view = gtk_stack_get_visible_child (self->stack);
  return view != NULL && gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD);
}

/* ---- messages ------------------------------------------------------------ */

/* A line above the views saying what an action did (or why it failed). */
void
chc_window_show_message (ChcWindow  *self,
                         const char *message,
                         gboolean    is_error)
{
  g_return_if_fail (CHC_IS_WINDOW (self));

  gtk_label_set_text (self->message_label, message);
  if (is_error)
    gtk_widget_add_css_class (self->message_box, "error");
  else
    gtk_widget_remove_css_class (self->message_box, "error");
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
}

const char *
chc_window_get_message (ChcWindow *self)
{
  g_return_val_if_fail (CHC_IS_WINDOW (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->message_revealer))
    return NULL;
  return gtk_label_get_text (self->message_label);
}

static void
hide_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (CHC_WINDOW (widget)->message_revealer, FALSE);
}

/* ---- CSV import and export -------------------------------------------- */

/* The kind named by an action's parameter, or the current view's. */
static ChcCsvKind
csv_kind (ChcWindow *self,
          GVariant  *parameter)
{
  const char *nick = parameter != NULL ? g_variant_get_string (parameter, NULL) : "";
  const char *view = gtk_stack_get_visible_child_name (self->stack);
  ChcCsvKind kind = CHC_CSV_KIND_SIGNING;

  if (chc_csv_kind_from_nick (nick, &kind))
    return kind;
  if (g_strcmp0 (view, "projects") == 0)
    return CHC_CSV_KIND_PROJECTS;
  if (!chc_csv_kind_from_nick (view, &kind))
    kind = CHC_CSV_KIND_SIGNING;
  return kind;
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ChcWindow *self = CHC_WINDOW (widget);
  ChcImportAssistant *assistant = chc_import_assistant_new (self->database, csv_kind (self, parameter));

  gtk_window_set_transient_for (GTK_WINDOW (assistant), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (assistant));
}

typedef void (*ChosenFileFunc) (ChcWindow *self, GFile *file);

static void
chosen_file_cb (GtkNativeDialog *dialog,
                int              response,
                ChcWindow       *self)
{
  ChosenFileFunc func = g_object_get_data (G_OBJECT (dialog), "func");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      func (self, file);
    }
  g_object_unref (dialog);
}

/* A file chooser calling @func with the file chosen; @filters are pairs
 * of a pattern and its name, NULL-terminated (may be NULL). */
static void
choose_file (ChcWindow            *self,
             GtkFileChooserAction  action,
             const char           *title,
             const char           *accept,
             const char *const    *filters,
             const char           *current_name,
             ChosenFileFunc        func)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  for (guint i = 0; filters != NULL && filters[i] != NULL && filters[i + 1] != NULL; i += 2)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, filters[i + 1]);
      gtk_file_filter_add_pattern (filter, filters[i]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), current_name);
  g_object_set_data (G_OBJECT (dialog), "func", func);
  g_signal_connect_object (dialog, "response", G_CALLBACK (chosen_file_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The "id"s of the items a view lists (facilities, projects). */
static GHashTable *
listed_ids (GListModel *listed)
{
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (listed); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (listed, i);
      gint64 id = 0;

      g_object_get (item, "id", &id, NULL);
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  return ids;
}

static void
export_csv_chosen (ChcWindow *self,
                   GFile     *file)
{
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view = gtk_stack_get_visible_child (self->stack);
  ChcCsvKind kind = self->export_kind;
  ChcCsvExportOptions options;
  guint64 n_rows = 0;

  chc_csv_export_options_init (&options);
  if (self->district != NULL)
    options.district_id = chc_district_get_id (self->district);

  /* The view's own filters: what it lists, or its year. */
  if (kind == CHC_CSV_KIND_FACILITIES && CHC_IS_FACILITIES_VIEW (view))
    options.facility_ids = ids = listed_ids (chc_facilities_view_get_model (CHC_FACILITIES_VIEW (view)));
  else if (kind == CHC_CSV_KIND_PROJECTS && CHC_IS_PROJECTS_VIEW (view))
    options.project_ids = ids = listed_ids (chc_projects_view_get_model (CHC_PROJECTS_VIEW (view)));
  else if (kind == CHC_CSV_KIND_SIGNING || kind == CHC_CSV_KIND_TCM)
    options.year = self->year;

  {
    /* a name ending in .xlsx gets an Excel workbook (issue 17) */
    g_autofree char *basename = g_file_get_basename (file);

    if (!chc_export_format_resolve (NULL, basename, &options.format, &error))
      {
        chc_window_show_message (self, error->message, TRUE);
        return;
      }
  }
  if (chc_csv_export (self->database, kind, file, &options, NULL, &n_rows, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *text = g_strdup_printf (_("Exported %llu rows to %s."),
                                               (unsigned long long) n_rows, name);
      chc_window_show_message (self, text, FALSE);
    }
  else
    chc_window_show_message (self, error->message, TRUE);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ChcWindow *self = CHC_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *district = self->district != NULL ? chc_ui_district_label (self->district) : g_strdup (_("all"));
  g_autofree char *name = NULL;

  self->export_kind = csv_kind (self, parameter);
  name = g_strdup_printf ("%s-%s-%s.csv", chc_csv_kind_to_nick (self->export_kind), district, day);
  /* The name's suffix says the format: .csv, or .xlsx for Excel/WPS. */
  choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("Export CSV"), _("_Export"),
               (const char *[]) { "*.csv", _("CSV files"), "*.xlsx", _("Excel workbooks (name ending in .xlsx)"), NULL },
               name, export_csv_chosen);
}

/* ---- exchange packages, backups, history -------------------------------- */

static void
export_package_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ChcWindow *self = CHC_WINDOW (widget);
  ChcPackageExportDialog *dialog = chc_package_export_dialog_new (self->database, self->district);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
elements_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ChcWindow *self = CHC_WINDOW (widget);
  GtkWidget *dialog = chc_elements_dialog_new (GTK_WINDOW (self), self->database);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opens the merge preview of the package at @path (or says why not). */
GtkWindow *
chc_window_merge_package (ChcWindow  *self,
                          const char *path)
{
  g_autoptr(GError) error = NULL;
  ChcMergeDialog *dialog;

  g_return_val_if_fail (CHC_IS_WINDOW (self), NULL);

  dialog = chc_merge_dialog_new (self->database);
  if (!chc_merge_dialog_load (dialog, path, &error))
    {
      chc_window_show_message (self, error->message, TRUE);
      gtk_window_destroy (GTK_WINDOW (dialog));
      return NULL;
    }
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
merge_chosen (ChcWindow *self,
              GFile     *file)
{
  g_autofree char *path = g_file_get_path (file);

  chc_window_merge_package (self, path);
}

static void
merge_package_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_file (CHC_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Merge Exchange Package"),
               _("_Open"), (const char *[]) { "*.chcpkg", _("Exchange packages"), NULL }, NULL, merge_chosen);
}

static void
backup_chosen (ChcWindow *self,
               GFile     *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  if (chc_database_backup_to (self->database, path, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Backed up the database to %s."), path);
      chc_window_show_message (self, text, FALSE);
    }
  else
    chc_window_show_message (self, error->message, TRUE);
}

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "chc-monitor-%Y-%m-%d.db");

  choose_file (CHC_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("Back Up Database"),
               _("_Save"), NULL, name, backup_chosen);
}

static void
restore_unverified_response_cb (GtkDialog *dialog,
                                int        response,
                                ChcWindow *self);

/* Restores @path into the window's database (after a backup of it);
 * @flags: CHC_RESTORE_ALLOW_UNVERIFIED once the user agreed to restore a
 * file without checksum. */
static gboolean
restore_with_flags (ChcWindow       *self,
                    const char      *path,
                    ChcRestoreFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *backups = NULL;
  gboolean verified = FALSE;

  if (!chc_database_restore_from_full (self->database, path, flags, &verified, &error))
    {
      if (g_error_matches (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_UNVERIFIED))
        {
          /* A copy made by hand: only if the user says so, and only if it
           * passes the full integrity check. */
          GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                                      GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                                      GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                                      "%s", error->message);

          gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                                    _("Restore it anyway? It is restored only if it passes the full integrity check; the current content is backed up first."));
          chc_ui_dialog_add_choices (GTK_DIALOG (dialog), NULL, _("Restore _Anyway"), TRUE);
          g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
          g_signal_connect_object (dialog, "response", G_CALLBACK (restore_unverified_response_cb), self, 0);
          gtk_window_present (GTK_WINDOW (dialog));
          return FALSE;
        }
      chc_window_show_message (self, error->message, TRUE);
      return FALSE;
    }
  backups = chc_database_get_backup_dir (self->database);
  if (verified)
    text = g_strdup_printf (_("Restored the database from %s. The content before was backed up in %s."),
                            path, backups);
  else
    text = g_strdup_printf (_("Restored the database from %s (it had no checksum, but passed the full integrity check). The content before was backed up in %s."),
                            path, backups);
  chc_window_show_message (self, text, FALSE);
  return TRUE;
}

static void
restore_unverified_response_cb (GtkDialog *dialog,
                                int        response,
                                ChcWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");

  if (response == GTK_RESPONSE_ACCEPT)
    restore_with_flags (self, path, CHC_RESTORE_ALLOW_UNVERIFIED);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Restores @path into the window's database (after a backup of it).  A
 * file without checksum asks first (and returns FALSE). */
gboolean
chc_window_restore (ChcWindow  *self,
                    const char *path)
{
  g_return_val_if_fail (CHC_IS_WINDOW (self), FALSE);

  return restore_with_flags (self, path, CHC_RESTORE_DEFAULT);
}

static void
restore_response_cb (GtkDialog *dialog,
                     int        response,
                     ChcWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");

  if (response == GTK_RESPONSE_ACCEPT)
    chc_window_restore (self, path);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
restore_chosen (ChcWindow *self,
                GFile     *file)
{
  GtkWidget *dialog;
  g_autofree char *name = g_file_get_parse_name (file);

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                   _("Replace all data by the backup %s?"), name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("The current content is backed up first, so this can be undone by restoring that backup."));
  chc_ui_dialog_add_choices (GTK_DIALOG (dialog), NULL, _("_Restore"), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_file_get_path (file), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  choose_file (CHC_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Restore from Backup"),
               _("_Open"), NULL, NULL, restore_chosen);
}

/* The history of the record selected in the current view. */
static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChcWindow *self = CHC_WINDOW (widget);
  GtkWidget *view = gtk_stack_get_visible_child (self->stack);
  g_autofree char *key = NULL;
  const char *table = NULL;
  const char *title = NULL;

  if (CHC_IS_FACILITIES_VIEW (view) && chc_facilities_view_get_selected (CHC_FACILITIES_VIEW (view)) != NULL)
    {
      ChcFacility *facility = chc_facilities_view_get_selected (CHC_FACILITIES_VIEW (view));

      table = "facility";
      key = chc_database_facility_row_key (self->database, chc_facility_get_id (facility));
      title = chc_facility_get_name (facility);
    }
  else if (CHC_IS_PROJECTS_VIEW (view) && chc_projects_view_get_selected (CHC_PROJECTS_VIEW (view)) != NULL)
    {
      ChcProject *project = chc_projects_view_get_selected (CHC_PROJECTS_VIEW (view));

      table = "project";
      key = chc_database_project_row_key (self->database, chc_project_get_id (project));
      title = chc_project_get_facility_name (project);
    }

  if (key == NULL)
    {
      chc_window_show_message (self, _("Select a facility or a project first: its history is shown."), TRUE);
      return;
    }
  chc_audit_view_show_history (GTK_WINDOW (self), self->database, table, key, title);
}

/* The Dashboard asks for the data behind an indicator: open that view. */
static void
on_dashboard_show_data_cb (ChcWindow  *self,
                           const char *view,
                           const char *filter)
{
  g_auto(GStrv) pairs = g_strsplit (filter != NULL ? filter : "", ";", -1);
  const char *scope = NULL;
  int year = 0;

  if (gtk_stack_get_child_by_name (self->stack, view) == NULL)
    return;

  /* "district=…;year=…;indicator=…;scope=…;condition=…": the year, and
   * for the registry the one facility type the indicator counts. */
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      if (g_str_has_prefix (pairs[i], "year="))
        year = atoi (pairs[i] + strlen ("year="));
      else if (g_str_has_prefix (pairs[i], "scope="))
        scope = pairs[i] + strlen ("scope=");
    }
  if (year > 0)
    chc_window_set_year (self, year);
  if (g_str_equal (view, "facilities"))
    {
      ChcFacilityType type;
      gboolean one = scope != NULL && strchr (scope, ',') == NULL &&
                     chc_facility_type_from_nick (scope, &type);

      chc_facilities_view_show_type (CHC_FACILITIES_VIEW (view_named (self, view)),
                                     one ? (int) type : -1);
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-view", "s", view);
}

/* Enter on a cell of the reporting calendar: the entry form of that
 * facility and period — the signing grid, the TCM view (its facility), or
 * the 数据填报 grid of the data set — in the period's year. */
static void
on_reporting_open_report_cb (ChcWindow  *self,
                             gint64      facility_id,
                             const char *dataset,
                             const char *period,
                             GtkWidget  *reporting)
{
  const char *name = "values";
  int year = period != NULL ? atoi (period) : 0;
  GtkWidget *view;

  if (g_strcmp0 (dataset, "signing") == 0)
    name = "signing";
  else if (g_strcmp0 (dataset, "tcm_visits") == 0)
    name = "tcm";
  if (year > 0 && year != self->year)
    chc_window_set_year (self, year);
  view = view_named (self, name);
  if (view == NULL)
    return;
  if (CHC_IS_VALUES_VIEW (view))
    {
      chc_values_view_set_data_set (CHC_VALUES_VIEW (view), dataset);
      chc_values_view_set_period (CHC_VALUES_VIEW (view), period);
    }
  else if (CHC_IS_SIGNING_VIEW (view))
    chc_signing_view_set_period (CHC_SIGNING_VIEW (view), period);
  else if (CHC_IS_TCM_VIEW (view))
    chc_tcm_view_select_facility (CHC_TCM_VIEW (view), facility_id);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-view", "s", name);
  if (CHC_IS_VALUES_VIEW (view))
    chc_values_view_focus_facility (CHC_VALUES_VIEW (view), facility_id);
  else if (CHC_IS_SIGNING_VIEW (view))
    chc_signing_view_focus_facility (CHC_SIGNING_VIEW (view), facility_id);
}

/* The views whose edits need saving, and how to ask before they are
 * dropped (closing the window, quitting). */
typedef struct
{
  const char *view;
  GType     (*get_type)       (void);
  gboolean  (*has_unsaved)    (gpointer view);
  void      (*confirm_async)  (gpointer view, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data);
  gboolean  (*confirm_finish) (gpointer view, GAsyncResult *result, GError **error);
} Editor;

static const Editor editors[] = {
  { "signing", chc_signing_view_get_type,
    (gpointer) chc_signing_view_has_unsaved_changes,
    (gpointer) chc_signing_view_confirm_leave_async,
    (gpointer) chc_signing_view_confirm_leave_finish },
  { "values", chc_values_view_get_type,
    (gpointer) chc_values_view_has_unsaved_changes,
    (gpointer) chc_values_view_confirm_leave_async,
    (gpointer) chc_values_view_confirm_leave_finish },
  { "projects", chc_projects_view_get_type,
    (gpointer) chc_projects_view_has_unsaved_changes,
    (gpointer) chc_projects_view_confirm_leave_async,
    (gpointer) chc_projects_view_confirm_leave_finish },
  { "reports", chc_reports_view_get_type,
    (gpointer) chc_reports_view_has_unsaved_changes,
    (gpointer) chc_reports_view_confirm_leave_async,
    (gpointer) chc_reports_view_confirm_leave_finish },
};

/* The first editor with unsaved changes, and its view. */
static const Editor *
unsaved_editor (ChcWindow  *self,
                GtkWidget **view)
{
  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    {
      GtkWidget *child = gtk_stack_get_child_by_name (self->stack, editors[i].view);

      if (child != NULL && G_TYPE_CHECK_INSTANCE_TYPE (child, editors[i].get_type ()) &&
          editors[i].has_unsaved (child))
        {
          *view = child;
          return &editors[i];
        }
    }
  return NULL;
}

static void
on_confirm_close_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ChcWindow) self = user_data;
  const Editor *editor = g_object_get_data (source, "chc-editor");

  /* Saved or discarded: try again (another view may have changes). */
  if (editor->confirm_finish (source, result, NULL))
    gtk_window_close (GTK_WINDOW (self));
}

/* ---- GObject ---------------------------------------------------------- */

static gboolean
chc_window_close_request (GtkWindow *window)
{
  ChcWindow *self = CHC_WINDOW (window);
  GtkWidget *view = NULL;
  const Editor *editor = unsaved_editor (self, &view);

  /* Unsaved changes: show them and ask (save, discard or stay) first. */
  if (editor != NULL)
    {
      gtk_stack_set_visible_child (self->stack, view);
      g_object_set_data (G_OBJECT (view), "chc-editor", (gpointer) editor);
      editor->confirm_async (view, NULL, on_confirm_close_cb, g_object_ref (self));
      return TRUE;
    }

  save_size (self);
  return GTK_WINDOW_CLASS (chc_window_parent_class)->close_request (window);
}

static void
chc_window_constructed (GObject *object)
{
  ChcWindow *self = CHC_WINDOW (object);

  G_OBJECT_CLASS (chc_window_parent_class)->constructed (object);
  restore_state (self);
  /* The view shown first (restore_state may have changed it). */
  on_visible_view_cb (self);
}

static void
chc_window_dispose (GObject *object)
{
  ChcWindow *self = CHC_WINDOW (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_WINDOW);
  g_clear_object (&self->registry);
  g_clear_object (&self->districts);
  g_clear_object (&self->district);
  g_clear_object (&self->settings);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (chc_window_parent_class)->dispose (object);
}

static void
chc_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ChcWindow *self = CHC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_DISTRICT:
      g_value_set_object (value, self->district);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, self->database != NULL && chc_database_get_demo (self->database));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Another program (chc-cli, another window) or this one's worker wrote to
 * the file: the store announces every table and the views refresh (they
 * keep what is being typed). */
static gboolean
poll_external_change_cb (gpointer user_data)
{
  ChcWindow *self = user_data;

  if (chc_database_poll_external_change (self->database))
    gtk_widget_set_visible (self->demo_badge, chc_database_get_demo (self->database));
  return G_SOURCE_CONTINUE;
}

static void
set_database (ChcWindow   *self,
              ChcDatabase *database)
{
  g_autofree char *display = NULL;

  g_assert (self->database == NULL);
  if (database == NULL)
    return;

  self->database = g_object_ref (database);
  self->registry = chc_ui_dup_registry (database);
  g_signal_connect_object (chc_registry_get_districts (self->registry), "items-changed",
                           G_CALLBACK (on_registry_districts_changed_cb), self,
                           G_CONNECT_SWAPPED);
  sync_districts (self);

  display = g_filename_display_basename (chc_database_get_path (database));
  gtk_label_set_label (self->subtitle_label, display);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), chc_database_get_path (database));
  gtk_widget_set_visible (self->demo_badge, chc_database_get_demo (database));
  gtk_widget_set_visible (self->read_only_badge, chc_database_get_read_only (database));
  if (chc_database_get_read_only (database))
    chc_window_show_message (self, _("This database is open read-only: its file or folder cannot be written. Figures can be viewed, printed and exported, but changes cannot be saved. Copy the file to a folder you can write to in order to change it."),
                             TRUE);
  self->poll_id = g_timeout_add_seconds (2, poll_external_change_cb, self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

static void
chc_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  ChcWindow *self = CHC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      set_database (self, g_value_get_object (value));
      break;
    case PROP_DISTRICT:
      chc_window_set_district (self, g_value_get_object (value));
      break;
    case PROP_YEAR:
      chc_window_set_year (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_window_class_init (ChcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  object_class->constructed = chc_window_constructed;
  object_class->dispose = chc_window_dispose;
  object_class->get_property = chc_window_get_property;
  object_class->set_property = chc_window_set_property;
  window_class->close_request = chc_window_close_request;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CHC_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTRICT] =
    g_param_spec_object ("district", NULL, NULL, CHC_TYPE_DISTRICT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, CHC_UI_DEFAULT_YEAR,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  ensure_view_types ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcWindow, district_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcWindow, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcWindow, years);
  gtk_widget_class_bind_template_child (widget_class, ChcWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ChcWindow, demo_badge);
  gtk_widget_class_bind_template_child (widget_class, ChcWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ChcWindow, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChcWindow, read_only_badge);
  gtk_widget_class_bind_template_child (widget_class, ChcWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ChcWindow, message_box);
  gtk_widget_class_bind_template_child (widget_class, ChcWindow, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_dashboard_show_data_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reporting_open_report_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_district_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_year_selected_cb);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.hide-message", NULL, hide_message_action);
  gtk_widget_class_install_action (widget_class, "win.import-csv", "s", import_csv_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", "s", export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.export-package", NULL, export_package_action);
  gtk_widget_class_install_action (widget_class, "win.merge-package", NULL, merge_package_action);
  gtk_widget_class_install_action (widget_class, "win.elements", NULL, elements_action);
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, help_action);
  gtk_widget_class_install_action (widget_class, "win.help-page", "s", help_page_action);
  chc_keymap_install (widget_class, "window");
}

static void
chc_window_init (ChcWindow *self)
{
  g_autoptr(GtkExpression) label = NULL;

  self->year = CHC_UI_DEFAULT_YEAR;
  self->districts = g_list_store_new (CHC_TYPE_DISTRICT);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = chc_ui_settings_new ();

  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    g_autoptr(GtkShortcutsWindow) overlay = chc_keymap_new_shortcuts_window ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_sidebar_key_pressed_cb), self);
    gtk_widget_add_controller (self->sidebar, keys);
    g_signal_connect_object (self->stack, "notify::visible-child",
                             G_CALLBACK (on_visible_view_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect (self, "notify::database", G_CALLBACK (on_scope_changed_cb), NULL);
    g_signal_connect (self, "notify::district", G_CALLBACK (on_scope_changed_cb), NULL);
    g_signal_connect (self, "notify::year", G_CALLBACK (on_scope_changed_cb), NULL);
    gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), overlay);
  }

  label = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                       G_CALLBACK (district_label_cb), NULL, NULL);
  self->syncing = TRUE;
  gtk_drop_down_set_expression (self->district_dropdown, label);
  gtk_drop_down_set_model (self->district_dropdown, G_LIST_MODEL (self->districts));

  for (int year = chc_ui_first_year (); year <= chc_ui_last_year (); year++)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%d", year);
      gtk_string_list_append (self->years, text);
    }
  self->syncing = FALSE;
}

/* ---- public API ------------------------------------------------------- */

ChcWindow *
chc_window_new (ChcApplication *application,
                ChcDatabase    *database)
{
  g_return_val_if_fail (application == NULL || CHC_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);

  return g_object_new (CHC_TYPE_WINDOW,
                       "application", application,
                       "database", database,
                       NULL);
}

ChcDatabase *
chc_window_get_database (ChcWindow *self)
{
  g_return_val_if_fail (CHC_IS_WINDOW (self), NULL);
  return self->database;
}

ChcDistrict *
chc_window_get_district (ChcWindow *self)
{
  g_return_val_if_fail (CHC_IS_WINDOW (self), NULL);
  return self->district;
}

void
chc_window_set_district (ChcWindow   *self,
                         ChcDistrict *district)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (CHC_IS_WINDOW (self));
  g_return_if_fail (district == NULL || CHC_IS_DISTRICT (district));

  if (district != NULL && !find_district (self, chc_district_get_id (district), &position))
    {
      g_warning ("No district with id %" G_GINT64_FORMAT " in this database",
                 chc_district_get_id (district));
      return;
    }
  select_district_at (self, position);
}

int
chc_window_get_year (ChcWindow *self)
{
  g_return_val_if_fail (CHC_IS_WINDOW (self), 0);
  return self->year;
}

void
chc_window_set_year (ChcWindow *self,
                     int        year)
{
  g_return_if_fail (CHC_IS_WINDOW (self));

  year = CLAMP (year, chc_ui_first_year (), chc_ui_last_year ());

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->year_dropdown, (guint) (year - chc_ui_first_year ()));
  self->syncing = FALSE;

  if (self->year == year)
    return;
  self->year = year;
  if (self->settings != NULL)
    g_settings_set_int (self->settings, "last-year", year);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

const char *
chc_window_get_view_name (ChcWindow *self)
{
  g_return_val_if_fail (CHC_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
chc_window_get_view (ChcWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (CHC_IS_WINDOW (self), NULL);
  return view_named (self, name);
}
