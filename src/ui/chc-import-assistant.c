/* chc-import-assistant.c — importing a CSV file step by step:
 *
 *   file      what the file holds, and the file (GtkFileChooserNative)
 *   preview   its first rows as they will be read, with the detected
 *             encoding and delimiter and the mapping of its columns, each
 *             changeable; the mapping chosen for a set of headers is
 *             remembered (GSettings "csv-mappings")
 *   working   the check, then the import, in a worker thread
 *             (chc_csv_import_async) with progress and Cancel
 *   check     the problems (sortable, copyable) and nothing written; or
 *             what the import will do, its warnings to accept
 *   summary   inserted / updated / unchanged
 *
 * The store and the rules are the import's (io/chc-csv-import.c): the
 * assistant only collects the options and shows the reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-import"

#include <glib/gi18n-lib.h>

#include "chc-import-assistant.h"
#include "chc-ui-util.h"

#define PREVIEW_ROWS 20

/* ---- one problem of a report, for the column view ----------------------- */

#define CHC_TYPE_IMPORT_PROBLEM (chc_import_problem_get_type ())
G_DECLARE_FINAL_TYPE (ChcImportProblem, chc_import_problem, CHC, IMPORT_PROBLEM, GObject)

struct _ChcImportProblem
{
  GObject  parent_instance;
  guint    line;
  guint    column;
  char    *severity;
  char    *message;
};

enum { PROBLEM_PROP_0, PROBLEM_PROP_LINE, PROBLEM_PROP_COLUMN, PROBLEM_PROP_SEVERITY,
       PROBLEM_PROP_MESSAGE, N_PROBLEM_PROPS };
static GParamSpec *problem_props[N_PROBLEM_PROPS];

G_DEFINE_FINAL_TYPE (ChcImportProblem, chc_import_problem, G_TYPE_OBJECT)

static void
chc_import_problem_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ChcImportProblem *self = CHC_IMPORT_PROBLEM (object);

  switch (prop_id)
    {
    case PROBLEM_PROP_LINE:     g_value_set_uint (value, self->line); break;
    case PROBLEM_PROP_COLUMN:   g_value_set_uint (value, self->column); break;
    case PROBLEM_PROP_SEVERITY: g_value_set_string (value, self->severity); break;
    case PROBLEM_PROP_MESSAGE:  g_value_set_string (value, self->message); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_import_problem_finalize (GObject *object)
{
  ChcImportProblem *self = CHC_IMPORT_PROBLEM (object);

  g_free (self->severity);
  g_free (self->message);
  G_OBJECT_CLASS (chc_import_problem_parent_class)->finalize (object);
}

static void
chc_import_problem_class_init (ChcImportProblemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = chc_import_problem_get_property;
  object_class->finalize = chc_import_problem_finalize;
  problem_props[PROBLEM_PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, flags);
  problem_props[PROBLEM_PROP_COLUMN] = g_param_spec_uint ("column", NULL, NULL, 0, G_MAXUINT, 0, flags);
  problem_props[PROBLEM_PROP_SEVERITY] = g_param_spec_string ("severity", NULL, NULL, NULL, flags);
  problem_props[PROBLEM_PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROBLEM_PROPS, problem_props);
}

static void
chc_import_problem_init (ChcImportProblem *self)
{
}

/* ---- the assistant -------------------------------------------------------- */

struct _ChcImportAssistant
{
  GtkWindow       parent_instance;

  ChcDatabase    *database;
  ChcCsvKind      kind;
  GFile          *file;
  ChcCsvPreview  *preview;
  ChcCsvMapping  *mapping;
  ChcCsvReport   *report;
  GCancellable   *cancellable;
  GSettings      *settings;
  GListStore     *problems;
  gboolean        importing;   /* the running task writes (else: a check) */
  char           *error;
  char           *sheet;       /* an Excel workbook: the sheet chosen (NULL: the first) */
  GtkWidget      *sheet_label;     /* made here, beside the delimiter */
  GtkDropDown    *sheet_dropdown;
  gboolean        filling_sheets;

  /* template children */
  GtkWidget      *back_button;
  GtkWidget      *next_button;
  GtkLabel       *error_label;
  GtkStack       *stack;
  GtkDropDown    *kind_dropdown;
  GtkStringList  *kinds;
  GtkLabel       *file_label;
  GtkDropDown    *encoding_dropdown;
  GtkDropDown    *delimiter_dropdown;
  GtkLabel       *detected_label;
  GtkGrid        *preview_grid;
  GtkLabel       *mapping_label;
  GtkLabel       *working_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *check_label;
  GtkWidget      *problems_window;
  GtkColumnView  *problems_view;
  GtkColumnViewColumn *line_column;
  GtkColumnViewColumn *column_column;
  GtkColumnViewColumn *severity_column;
  GtkColumnViewColumn *message_column;
  GtkCheckButton *accept_check;
  GtkWidget      *copy_button;
  GtkLabel       *summary_label;
};

G_DEFINE_FINAL_TYPE (ChcImportAssistant, chc_import_assistant, GTK_TYPE_WINDOW)

static void update_buttons (ChcImportAssistant *self);

static void
set_error (ChcImportAssistant *self,
           const char         *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
show_page (ChcImportAssistant *self,
           const char         *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
  update_buttons (self);
}

static gboolean
is_page (ChcImportAssistant *self,
         const char         *page)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), page) == 0;
}

static void
count_error (gboolean    warning,
             guint       column,
             const char *message,
             gpointer    user_data)
{
  if (!warning)
    (*(guint *) user_data)++;
}

/* No required column missing, none given twice (unknown ones are fine). */
static gboolean
mapping_ok (ChcImportAssistant *self)
{
  guint n_errors = 0;

  if (self->mapping == NULL)
    return FALSE;
  chc_csv_mapping_check (self->mapping, count_error, &n_errors);
  return n_errors == 0;
}

static gboolean
report_can_import (ChcImportAssistant *self)
{
  return self->report != NULL && self->report->n_errors == 0 &&
         self->report->inserted + self->report->updated > 0 &&
         (self->report->n_warnings == 0 || gtk_check_button_get_active (self->accept_check));
}

static void
update_buttons (ChcImportAssistant *self)
{
  const char *next_label = _("_Next");
  gboolean next = FALSE;
  gboolean back = FALSE;

  if (is_page (self, "file"))
    next = self->preview != NULL;
  else if (is_page (self, "preview"))
    {
      next_label = _("_Check");
      next = mapping_ok (self);
      back = TRUE;
    }
  else if (is_page (self, "check"))
    {
      next_label = _("_Import");
      next = report_can_import (self);
      back = TRUE;
    }
  else if (is_page (self, "summary"))
    {
      next_label = _("_Done");
      next = TRUE;
    }

  gtk_button_set_label (GTK_BUTTON (self->next_button), next_label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.next", next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.back", back);
  gtk_widget_set_visible (self->back_button, back);
  gtk_widget_set_visible (self->next_button, !is_page (self, "working"));
  if (next)
    gtk_window_set_default_widget (GTK_WINDOW (self), self->next_button);
}

static void
on_page_changed_cb (ChcImportAssistant *self)
{
  update_buttons (self);
}

/* ---- preview ---------------------------------------------------------- */

static ChcCsvEncoding
chosen_encoding (ChcImportAssistant *self)
{
  switch (gtk_drop_down_get_selected (self->encoding_dropdown))
    {
    case 1: return CHC_CSV_ENCODING_UTF8;
    case 2: return CHC_CSV_ENCODING_GB18030;
    default: return CHC_CSV_ENCODING_AUTO;
    }
}

static char
chosen_delimiter (ChcImportAssistant *self)
{
  static const char delimiters[] = { 0, ',', '\t', ';' };
  guint i = gtk_drop_down_get_selected (self->delimiter_dropdown);

  return i < G_N_ELEMENTS (delimiters) ? delimiters[i] : 0;
}

static const char *
delimiter_label (char delimiter)
{
  switch (delimiter)
    {
    case '\t': return _("tab-separated");
    case ';':  return _("semicolon-separated");
    default:   return _("comma-separated");
    }
}

static void
collect_mapping_problem (gboolean    warning,
                         guint       column,
                         const char *message,
                         gpointer    user_data)
{
  GString *text = user_data;

  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, warning ? "⚠ " : "✖ ");
  g_string_append (text, message);
}

static void
update_mapping_label (ChcImportAssistant *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->mapping != NULL)
    chc_csv_mapping_check (self->mapping, collect_mapping_problem, text);
  gtk_label_set_text (self->mapping_label, text->str);
  gtk_widget_remove_css_class (GTK_WIDGET (self->mapping_label), "error");
  if (!mapping_ok (self))
    gtk_widget_add_css_class (GTK_WIDGET (self->mapping_label), "error");
  update_buttons (self);
}

static void
on_column_mapped_cb (GtkDropDown        *dropdown,
                     GParamSpec         *pspec,
                     ChcImportAssistant *self)
{
  guint file_column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "file-column"));

  if (self->mapping == NULL)
    return;
  chc_csv_mapping_set (self->mapping, file_column, (int) gtk_drop_down_get_selected (dropdown) - 1);
  update_mapping_label (self);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

/* Row 0: a dropdown per file column choosing the kind's column; row 1: the
 * file's headers; then its first rows. */
static void
fill_grid (ChcImportAssistant *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  guint n_columns = 0;

  clear_grid (self->preview_grid);
  if (self->preview == NULL || self->preview->rows->len == 0)
    return;

  gtk_string_list_append (choices, _("Ignore"));
  chc_csv_kind_get_columns (self->kind, &n_columns);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *display = chc_csv_column_display (self->kind, c);
      gtk_string_list_append (choices, display);
    }

  for (guint i = 0; i < chc_csv_mapping_get_n_file_columns (self->mapping); i++)
    {
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)), NULL);
      g_autofree char *tooltip = g_strdup_printf (_("Column %u of the file"), i + 1);

      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                  (guint) (chc_csv_mapping_get_column (self->mapping, i) + 1));
      gtk_widget_set_tooltip_text (dropdown, tooltip);
      g_object_set_data (G_OBJECT (dropdown), "file-column", GUINT_TO_POINTER (i));
      g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_column_mapped_cb), self, 0);
      gtk_grid_attach (self->preview_grid, dropdown, (int) i, 0, 1, 1);
    }

  for (guint r = 0; r < self->preview->rows->len; r++)
    {
      char **cells = g_ptr_array_index (self->preview->rows, r);

      for (guint i = 0; cells[i] != NULL; i++)
        {
          GtkWidget *label = gtk_label_new (cells[i]);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
          if (r == 0)
            gtk_widget_add_css_class (label, "heading");
          gtk_grid_attach (self->preview_grid, label, (int) i, (int) r + 1, 1, 1);
        }
    }
}

static void
apply_remembered_mapping (ChcImportAssistant *self)
{
  g_autoptr(GVariant) remembered = NULL;
  g_autofree char *key = NULL;
  const char *text = NULL;

  if (self->settings == NULL || self->mapping == NULL)
    return;
  key = chc_csv_mapping_dup_key (self->mapping);
  remembered = g_settings_get_value (self->settings, "csv-mappings");
  if (g_variant_lookup (remembered, key, "&s", &text))
    chc_csv_mapping_apply_string (self->mapping, text);
}

static void
remember_mapping (ChcImportAssistant *self)
{
  g_autoptr(GVariant) old = NULL;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *k, *v;

  if (self->settings == NULL || self->mapping == NULL)
    return;
  key = chc_csv_mapping_dup_key (self->mapping);
  text = chc_csv_mapping_to_string (self->mapping);
  old = g_settings_get_value (self->settings, "csv-mappings");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s&s}", &k, &v))
    if (!g_str_equal (k, key))
      g_variant_builder_add (&builder, "{ss}", k, v);
  g_variant_builder_add (&builder, "{ss}", key, text);
  g_settings_set_value (self->settings, "csv-mappings", g_variant_builder_end (&builder));
}

/* An Excel workbook: the sheet dropdown lists its sheets (encoding and
 * delimiter are for CSV files). */
static void
update_sheets (ChcImportAssistant *self)
{
  gboolean workbook = self->preview != NULL && self->preview->sheet_names != NULL;

  gtk_widget_set_visible (self->sheet_label, workbook);
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_dropdown), workbook);
  gtk_widget_set_sensitive (GTK_WIDGET (self->encoding_dropdown), !workbook);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delimiter_dropdown), !workbook);
  if (workbook)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new ((const char *const *) self->preview->sheet_names);
      guint selected = 0;

      for (guint i = 0; self->preview->sheet_names[i] != NULL; i++)
        if (g_str_equal (self->preview->sheet_names[i], self->preview->sheet))
          selected = i;
      self->filling_sheets = TRUE;
      gtk_drop_down_set_model (self->sheet_dropdown, G_LIST_MODEL (names));
      gtk_drop_down_set_selected (self->sheet_dropdown, selected);
      self->filling_sheets = FALSE;
    }
}

static void load_preview (ChcImportAssistant *self);

static void
on_sheet_selected_cb (ChcImportAssistant *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->sheet_dropdown);

  if (self->filling_sheets || item == NULL)
    return;
  g_free (self->sheet);
  self->sheet = g_strdup (gtk_string_object_get_string (item));
  load_preview (self);
}

static void
load_preview (ChcImportAssistant *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detected = NULL;
  char **header;

  g_clear_pointer (&self->preview, chc_csv_preview_free);
  g_clear_pointer (&self->mapping, chc_csv_mapping_free);
  set_error (self, NULL);
  if (self->file == NULL)
    return;

  self->preview = chc_csv_preview_read_sheet (self->file, chosen_encoding (self), chosen_delimiter (self),
                                              self->sheet, PREVIEW_ROWS, &error);
  update_sheets (self);
  if (self->preview == NULL || self->preview->rows->len == 0)
    {
      g_autofree char *name = g_file_get_parse_name (self->file);
      g_autofree char *message = g_strdup_printf (_("%s cannot be read: %s"), name,
                                                  error != NULL ? error->message : _("the file is empty."));
      g_clear_pointer (&self->preview, chc_csv_preview_free);
      set_error (self, message);
      clear_grid (self->preview_grid);
      update_buttons (self);
      return;
    }

  header = g_ptr_array_index (self->preview->rows, 0);
  self->mapping = chc_csv_mapping_new (self->kind, (const char * const *) header, g_strv_length (header));
  apply_remembered_mapping (self);

  if (self->preview->sheet_names != NULL)
    detected = g_strdup_printf (_("Read as an Excel workbook, sheet “%s”."), self->preview->sheet);
  else
    detected = g_strdup_printf (_("Read as %s, %s."),
                                self->preview->encoding == CHC_CSV_ENCODING_GB18030 ? "GB18030" :
                                self->preview->encoding == CHC_CSV_ENCODING_UTF8 ? "UTF-8" :
                                chc_csv_encoding_to_nick (self->preview->encoding),
                                delimiter_label (self->preview->delimiter));
  gtk_label_set_text (self->detected_label, detected);
  fill_grid (self);
  update_mapping_label (self);
}

static void
on_format_changed_cb (ChcImportAssistant *self)
{
  if (self->file != NULL && is_page (self, "preview"))
    load_preview (self);
}

static void
on_kind_selected_cb (ChcImportAssistant *self)
{
  self->kind = (ChcCsvKind) gtk_drop_down_get_selected (self->kind_dropdown);
  if (self->file != NULL)
    load_preview (self);
}

/* ---- check and import ------------------------------------------------- */

static void
fill_problems (ChcImportAssistant *self)
{
  g_list_store_remove_all (self->problems);
  for (guint i = 0; self->report != NULL && i < self->report->problems->len; i++)
    {
      ChcCsvProblem *p = g_ptr_array_index (self->report->problems, i);
      ChcImportProblem *item = g_object_new (CHC_TYPE_IMPORT_PROBLEM, NULL);

      item->line = p->line;
      item->column = p->column;
      item->severity = g_strdup (p->warning ? _("Warning") : _("Error"));
      item->message = g_strdup (p->message);
      g_list_store_append (self->problems, item);
      g_object_unref (item);
    }
}

static void
show_check (ChcImportAssistant *self)
{
  const ChcCsvReport *r = self->report;
  g_autofree char *text = NULL;
  gboolean has_problems = r->problems->len > 0;

  if (r->n_errors > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u error in the file: nothing was imported. Correct the file (or the column mapping) and check again.",
                                         "%u errors in the file: nothing was imported. Correct the file (or the column mapping) and check again.",
                                         r->n_errors),
                            r->n_errors);
  else if (r->inserted + r->updated == 0)
    text = g_strdup_printf (_("The file is in order, and the database already holds all of its %llu rows: there is nothing to import."),
                            (unsigned long long) r->unchanged);
  else
    {
      g_autofree char *counts = g_strdup_printf (_("The file is in order. Importing it adds %llu rows, changes %llu and leaves %llu as they are."),
                                                 (unsigned long long) r->inserted,
                                                 (unsigned long long) r->updated,
                                                 (unsigned long long) r->unchanged);
      if (r->n_warnings > 0)
        text = g_strdup_printf ("%s %s", counts,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "Look at the warning below before importing.",
                                             "Look at the warnings below before importing.",
                                             r->n_warnings));
      else
        text = g_steal_pointer (&counts);
    }

  gtk_label_set_text (self->check_label, text);
  fill_problems (self);
  gtk_widget_set_visible (self->problems_window, has_problems);
  gtk_widget_set_visible (self->copy_button, has_problems);
  gtk_check_button_set_active (self->accept_check, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->accept_check),
                          r->n_errors == 0 && r->n_warnings > 0 && r->inserted + r->updated > 0);
  show_page (self, "check");
}

static void
on_progress (guint64  rows,
             guint64  bytes_read,
             guint64  bytes_total,
             gpointer user_data)
{
  ChcImportAssistant *self = user_data;
  g_autofree char *text = g_strdup_printf (_("%llu rows read"), (unsigned long long) rows);

  if (bytes_total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) bytes_read / bytes_total));
  else
    gtk_progress_bar_pulse (self->progress_bar);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
on_waiting (guint    waited_s,
            gpointer user_data)
{
  ChcImportAssistant *self = user_data;
  g_autofree char *text = g_strdup_printf (_("Waiting for another program to finish writing to the database… %u s"),
                                           waited_s);

  gtk_progress_bar_pulse (self->progress_bar);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ChcImportAssistant) self = user_data;
  g_autoptr(GError) error = NULL;
  ChcCsvReport *report;

  report = chc_csv_import_finish (CHC_DATABASE (source), result, &error);
  g_clear_object (&self->cancellable);

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, self->importing
                         ? _("The import was cancelled: nothing was written.")
                         : _("The check was cancelled."));
      else
        set_error (self, error->message);
      show_page (self, self->report != NULL ? "check" : "preview");
      return;
    }

  g_clear_pointer (&self->report, chc_csv_report_free);
  self->report = report;
  if (self->importing && report->written)
    {
      g_autofree char *text = g_strdup_printf (_("Imported. %llu rows added, %llu changed, %llu unchanged."),
                                               (unsigned long long) report->inserted,
                                               (unsigned long long) report->updated,
                                               (unsigned long long) report->unchanged);
      gtk_label_set_text (self->summary_label, text);
      show_page (self, "summary");
      return;
    }
  show_check (self);
}

static void
run (ChcImportAssistant *self,
     gboolean            import)
{
  g_autofree char *name = g_file_get_basename (self->file);
  ChcCsvImportOptions options;

  chc_csv_import_options_init (&options);
  options.encoding = chosen_encoding (self);
  options.delimiter = chosen_delimiter (self);
  options.mapping = self->mapping;
  options.file_name = name;
  options.sheet = self->preview != NULL ? self->preview->sheet : NULL;
  options.check_only = !import;
  options.accept_warnings = import && gtk_check_button_get_active (self->accept_check);
  options.waiting = on_waiting;

  self->importing = import;
  self->cancellable = g_cancellable_new ();
  set_error (self, NULL);
  gtk_label_set_text (self->working_label, import ? _("Importing…") : _("Checking the file…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  show_page (self, "working");

  chc_csv_import_async (self->database, self->kind, self->file, &options, self->cancellable,
                        on_progress, on_import_done, g_object_ref (self));
}

/* ---- actions ---------------------------------------------------------- */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChcImportAssistant *self = CHC_IMPORT_ASSISTANT (widget);

  if (is_page (self, "file") && self->preview != NULL)
    show_page (self, "preview");
  else if (is_page (self, "preview") && mapping_ok (self))
    {
      remember_mapping (self);
      run (self, FALSE);
    }
  else if (is_page (self, "check") && report_can_import (self))
    run (self, TRUE);
  else if (is_page (self, "summary"))
    gtk_window_close (GTK_WINDOW (self));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChcImportAssistant *self = CHC_IMPORT_ASSISTANT (widget);

  set_error (self, NULL);
  if (is_page (self, "preview"))
    show_page (self, "file");
  else if (is_page (self, "check"))
    show_page (self, "preview");
}

/* Escape and Cancel: stop the running work, else close. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChcImportAssistant *self = CHC_IMPORT_ASSISTANT (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
choose_response_cb (GtkNativeDialog    *dialog,
                    int                 response,
                    ChcImportAssistant *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      chc_import_assistant_set_file (self, file);
    }
  g_object_unref (dialog);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ChcImportAssistant *self = CHC_IMPORT_ASSISTANT (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Choose a CSV File"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV, Excel and text files"));
  gtk_file_filter_add_pattern (csv, "*.xlsx");
  gtk_file_filter_add_pattern (csv, "*.XLSX");
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_pattern (csv, "*.txt");
  gtk_file_filter_add_pattern (csv, "*.tsv");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  g_signal_connect_object (dialog, "response", G_CALLBACK (choose_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
copy_problems_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChcImportAssistant *self = CHC_IMPORT_ASSISTANT (widget);
  g_autofree char *text = chc_import_assistant_dup_problems_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
on_accept_toggled_cb (ChcImportAssistant *self)
{
  update_buttons (self);
}

/* ---- GObject ---------------------------------------------------------- */

static void
chc_import_assistant_dispose (GObject *object)
{
  ChcImportAssistant *self = CHC_IMPORT_ASSISTANT (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_IMPORT_ASSISTANT);
  G_OBJECT_CLASS (chc_import_assistant_parent_class)->dispose (object);
}

static void
chc_import_assistant_finalize (GObject *object)
{
  ChcImportAssistant *self = CHC_IMPORT_ASSISTANT (object);

  g_clear_object (&self->database);
  g_clear_object (&self->file);
  g_free (self->sheet);
  g_clear_object (&self->settings);
  g_clear_object (&self->problems);
  g_clear_pointer (&self->preview, chc_csv_preview_free);
  g_clear_pointer (&self->mapping, chc_csv_mapping_free);
  g_clear_pointer (&self->report, chc_csv_report_free);
  g_free (self->error);
  G_OBJECT_CLASS (chc_import_assistant_parent_class)->finalize (object);
}

static void
chc_import_assistant_class_init (ChcImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_import_assistant_dispose;
  object_class->finalize = chc_import_assistant_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, error_label);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, kinds);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, file_label);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, encoding_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, delimiter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, detected_label);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, mapping_label);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, working_label);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, check_label);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, problems_window);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, problems_view);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, line_column);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, column_column);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, severity_column);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, message_column);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, accept_check);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, copy_button);
  gtk_widget_class_bind_template_child (widget_class, ChcImportAssistant, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_accept_toggled_cb);

  gtk_widget_class_install_action (widget_class, "assistant.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "assistant.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "assistant.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "assistant.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "assistant.copy-problems", NULL, copy_problems_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "assistant.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "assistant.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "assistant.choose-file", NULL);
}

static void
chc_import_assistant_init (ChcImportAssistant *self)
{
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint k = 0; k < CHC_CSV_N_KINDS; k++)
    gtk_string_list_append (self->kinds, chc_csv_kind_describe ((ChcCsvKind) k));

  /* the sheet of an Excel workbook, beside the CSV file's delimiter */
  {
    GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (self->delimiter_dropdown));

    self->sheet_label = gtk_label_new_with_mnemonic (_("_Sheet"));
    gtk_widget_set_margin_start (self->sheet_label, 12);
    self->sheet_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
    gtk_label_set_mnemonic_widget (GTK_LABEL (self->sheet_label), GTK_WIDGET (self->sheet_dropdown));
    gtk_widget_set_visible (self->sheet_label, FALSE);
    gtk_widget_set_visible (GTK_WIDGET (self->sheet_dropdown), FALSE);
    if (GTK_IS_BOX (box))
      {
        gtk_box_append (GTK_BOX (box), self->sheet_label);
        gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sheet_dropdown));
      }
    g_signal_connect_object (self->sheet_dropdown, "notify::selected",
                             G_CALLBACK (on_sheet_selected_cb), self, G_CONNECT_SWAPPED);
  }

  self->settings = chc_ui_settings_new ();
  self->problems = g_list_store_new (CHC_TYPE_IMPORT_PROBLEM);
  chc_ui_column_set_property (self->line_column, CHC_TYPE_IMPORT_PROBLEM, "line", TRUE);
  chc_ui_column_set_property (self->column_column, CHC_TYPE_IMPORT_PROBLEM, "column", TRUE);
  chc_ui_column_set_property (self->severity_column, CHC_TYPE_IMPORT_PROBLEM, "severity", FALSE);
  chc_ui_column_set_property (self->message_column, CHC_TYPE_IMPORT_PROBLEM, "message", FALSE);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->problems)),
                                    g_object_ref (gtk_column_view_get_sorter (self->problems_view)));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&sorted)));
  gtk_column_view_set_model (self->problems_view, GTK_SELECTION_MODEL (selection));
  update_buttons (self);
}

/* ---- public API ------------------------------------------------------- */

ChcImportAssistant *
chc_import_assistant_new (ChcDatabase *database,
                          ChcCsvKind   kind)
{
  ChcImportAssistant *self;

  g_return_val_if_fail (CHC_IS_DATABASE (database), NULL);

  self = g_object_new (CHC_TYPE_IMPORT_ASSISTANT, NULL);
  self->database = g_object_ref (database);
  gtk_drop_down_set_selected (self->kind_dropdown, kind);
  self->kind = kind;
  return self;
}

void
chc_import_assistant_set_file (ChcImportAssistant *self,
                               GFile              *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (CHC_IS_IMPORT_ASSISTANT (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  g_clear_pointer (&self->sheet, g_free);
  g_clear_pointer (&self->report, chc_csv_report_free);
  name = g_file_get_parse_name (file);
  gtk_label_set_text (self->file_label, name);
  load_preview (self);
  show_page (self, self->preview != NULL ? "preview" : "file");
}

const char *
chc_import_assistant_get_page (ChcImportAssistant *self)
{
  g_return_val_if_fail (CHC_IS_IMPORT_ASSISTANT (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
chc_import_assistant_get_busy (ChcImportAssistant *self)
{
  g_return_val_if_fail (CHC_IS_IMPORT_ASSISTANT (self), FALSE);
  return self->cancellable != NULL;
}

const char *
chc_import_assistant_get_error (ChcImportAssistant *self)
{
  g_return_val_if_fail (CHC_IS_IMPORT_ASSISTANT (self), NULL);
  return self->error;
}

const ChcCsvReport *
chc_import_assistant_get_report (ChcImportAssistant *self)
{
  g_return_val_if_fail (CHC_IS_IMPORT_ASSISTANT (self), NULL);
  return self->report;
}

ChcCsvEncoding
chc_import_assistant_get_encoding (ChcImportAssistant *self)
{
  g_return_val_if_fail (CHC_IS_IMPORT_ASSISTANT (self), CHC_CSV_ENCODING_AUTO);
  return self->preview != NULL ? self->preview->encoding : CHC_CSV_ENCODING_AUTO;
}

char
chc_import_assistant_get_delimiter (ChcImportAssistant *self)
{
  g_return_val_if_fail (CHC_IS_IMPORT_ASSISTANT (self), 0);
  return self->preview != NULL ? self->preview->delimiter : 0;
}

ChcCsvMapping *
chc_import_assistant_get_mapping (ChcImportAssistant *self)
{
  g_return_val_if_fail (CHC_IS_IMPORT_ASSISTANT (self), NULL);
  return self->mapping;
}

void
chc_import_assistant_map_column (ChcImportAssistant *self,
                                 guint               file_column,
                                 int                 column)
{
  GtkWidget *dropdown;

  g_return_if_fail (CHC_IS_IMPORT_ASSISTANT (self));

  dropdown = gtk_grid_get_child_at (self->preview_grid, (int) file_column, 0);
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), (guint) (column + 1));
}

char *
chc_import_assistant_dup_problems_text (ChcImportAssistant *self)
{
  g_return_val_if_fail (CHC_IS_IMPORT_ASSISTANT (self), NULL);

  if (self->report == NULL)
    return g_strdup ("");
  return chc_csv_report_format_problems (self->report);
}

void
chc_import_assistant_accept_warnings (ChcImportAssistant *self)
{
  g_return_if_fail (CHC_IS_IMPORT_ASSISTANT (self));
  gtk_check_button_set_active (self->accept_check, TRUE);
}

void
chc_import_assistant_set_sheet (ChcImportAssistant *self,
                                const char         *sheet)
{
  g_return_if_fail (CHC_IS_IMPORT_ASSISTANT (self));

  g_free (self->sheet);
  self->sheet = g_strdup (sheet);
  if (self->file != NULL)
    load_preview (self);
}

const char *
chc_import_assistant_get_sheet (ChcImportAssistant *self)
{
  g_return_val_if_fail (CHC_IS_IMPORT_ASSISTANT (self), NULL);
  return self->preview != NULL ? self->preview->sheet : NULL;
}
