/* chc-reports-view.c — ChcReportsView: period and sections of a bulletin,
 * a page preview drawn by the report's own renderer, Print… through
 * GtkPrintOperation and Export PDF… through GtkFileChooserNative.
 *
 * A bulletin is built in a GTask thread with its own ChcDatabase
 * connection (the view's stays on the main thread); the progress bar
 * pulses meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-reports-view"

#include <glib/gi18n.h>

#include "chc-bulletin-register.h"
#include "chc-keymap.h"
#include "chc-reports-view.h"
#include "chc-ui-util.h"
#include "store/chc-database-bulletins.h"

struct _ChcReportsView
{
  GtkWidget       parent_instance;

  ChcDatabase    *database;
  ChcDistrict    *district;
  int             year;

  ChcReport      *report;
  int             page;
  GCancellable   *cancellable;
  guint           pulse_id;
  char           *error;

  GtkWidget      *box;
  GtkDropDown    *month_dropdown;
  GtkDropDown    *edition_dropdown;
  GArray         *edition_ids;  /* gint64: 0 (the district), then each centre */
  GtkCheckButton *indicators_check;
  GtkCheckButton *signing_check;
  GtkCheckButton *chart_check;
  GtkCheckButton *tcm_check;
  GtkCheckButton *construction_check;
  GtkCheckButton *remarks_check;
  GtkEntry       *issuer_entry;
  GtkEntry       *mark_entry;
  GtkEntry       *prefix_entry;
  GtkEntry       *date_entry;
  GtkEntry       *copy_to_entry;
  GtkEntry       *printer_entry;
  /* The written sections, drafted from the figures when empty. */
  GtkTextView    *lead_view;
  GtkTextView    *basic_view;
  GtkTextView    *indicators_view;
  GtkTextView    *problems_view;
  GtkTextView    *requirements_view;
  GtkTextView    *remarks_view;
  GtkProgressBar *progress;
  GtkLabel       *status_label;
  GtkLabel       *page_label;
  GtkDrawingArea *preview;

  /* Text the user wrote, kept per district, year and month (key "ID/YEAR/
   * MONTH" → GStrv of the sections) when another one is shown, so that
   * nothing typed is lost by looking elsewhere; forgotten once issued. */
  GHashTable     *kept;
  gboolean        edited;       /* the sections shown were typed in */
  gboolean        filling;      /* the view itself is writing them */
  gboolean        filling_editions;
  char           *shown_key;    /* the key of the sections shown */
  GtkWidget      *dialog;       /* asking whether to discard */
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_DISTRICT,
  PROP_YEAR,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcReportsView, chc_reports_view, GTK_TYPE_WIDGET)

/* What the worker thread needs: plain copies, no widgets. */
typedef struct
{
  char             *db_path;
  ChcReportOptions  options;
  char             *issuer;
  char             *remarks;
  char             *pdf_path;   /* also write the PDF, or NULL */
  char             *mark;
  char             *prefix;
  char             *date;
  char             *copy_to;
  char             *printer;
  ChcReportText    *text;       /* the sections written in the view */
} BuildJob;

static void
build_job_free (BuildJob *job)
{
  g_free (job->db_path);
  g_free (job->issuer);
  g_free (job->remarks);
  g_free (job->pdf_path);
  g_free (job->mark);
  g_free (job->prefix);
  g_free (job->date);
  g_free (job->copy_to);
  g_free (job->printer);
  chc_report_text_free (job->text);
  g_free (job);
}

/* ---- helpers ---------------------------------------------------------- */

static GtkTextView *
section_view (ChcReportsView       *self,
              ChcReportTextSection  section)
{
  switch (section)
    {
    case CHC_REPORT_TEXT_LEAD: return self->lead_view;
    case CHC_REPORT_TEXT_BASIC: return self->basic_view;
    case CHC_REPORT_TEXT_INDICATORS: return self->indicators_view;
    case CHC_REPORT_TEXT_PROBLEMS: return self->problems_view;
    case CHC_REPORT_TEXT_REQUIREMENTS:
    case CHC_REPORT_TEXT_N:
    default: return self->requirements_view;
    }
}

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The entry's text without spaces at the ends; NULL when empty. */
static char *
entry_text (GtkEntry *entry)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* The drafted text goes into the sections still empty. */
static void
fill_empty_sections (ChcReportsView      *self,
                     const ChcReportText *text)
{
  if (text == NULL)
    return;
  self->filling = TRUE;
  for (int i = 0; i < CHC_REPORT_TEXT_N; i++)
    {
      GtkTextView *view = section_view (self, i);
      g_autofree char *current = view_text (view);

      if (*g_strstrip (current) == '\0' && text->sections[i] != NULL)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text->sections[i], -1);
    }
  self->filling = FALSE;
}

static void
on_section_changed (ChcReportsView *self)
{
  if (!self->filling)
    self->edited = TRUE;
}

/* The centre the edition is addressed to, or 0 for the district's. */
static gint64
edition_centre (ChcReportsView *self)
{
  guint position = gtk_drop_down_get_selected (self->edition_dropdown);

  if (self->edition_ids == NULL || position == GTK_INVALID_LIST_POSITION ||
      position >= self->edition_ids->len)
    return 0;
  return g_array_index (self->edition_ids, gint64, position);
}

/* The editions: the district's, then one per operating centre. */
static void
fill_editions (ChcReportsView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) centres = NULL;
  gint64 district_edition = 0;

  g_array_set_size (self->edition_ids, 0);
  gtk_string_list_append (names, _("District edition (to every centre)"));
  g_array_append_val (self->edition_ids, district_edition);
  if (self->database != NULL && self->district != NULL)
    centres = chc_report_list_centres (self->database, chc_district_get_id (self->district), NULL);
  for (guint i = 0; centres != NULL && i < centres->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (centres, i);
      gint64 id = chc_facility_get_id (f);
      g_autofree char *label = NULL;
      /* Translators: an edition of the bulletin addressed to one centre. */
      label = g_strdup_printf (_("Edition for %s"), chc_facility_get_name (f));
      gtk_string_list_append (names, label);
      g_array_append_val (self->edition_ids, id);
    }
  self->filling_editions = TRUE;
  gtk_drop_down_set_model (self->edition_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->edition_dropdown, 0);
  self->filling_editions = FALSE;
}

static char *
sections_key (ChcReportsView *self)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%d/%u/%" G_GINT64_FORMAT,
                          self->district != NULL ? chc_district_get_id (self->district) : (gint64) 0,
                          self->year, gtk_drop_down_get_selected (self->month_dropdown),
                          edition_centre (self));
}

/* The text belongs to a district and period: before another is shown, the
 * text typed for this one is kept; the other's kept text comes back, or a
 * new one is drafted. */
static void
switch_sections (ChcReportsView *self)
{
  g_autofree char *key = sections_key (self);
  GStrv kept;

  if (self->edited && self->shown_key != NULL)
    {
      GStrv texts = g_new0 (char *, CHC_REPORT_TEXT_N + 1);

      for (int i = 0; i < CHC_REPORT_TEXT_N; i++)
        texts[i] = view_text (section_view (self, i));
      g_hash_table_replace (self->kept, g_strdup (self->shown_key), texts);
    }
  kept = g_hash_table_lookup (self->kept, key);
  self->filling = TRUE;
  for (int i = 0; i < CHC_REPORT_TEXT_N; i++)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (section_view (self, i)),
                              kept != NULL ? kept[i] : "", -1);
  self->filling = FALSE;
  self->edited = kept != NULL;
  g_free (self->shown_key);
  self->shown_key = g_steal_pointer (&key);
}

/* Draft Again, or the text issued: the typed text is no longer kept. */
static void
forget_sections (ChcReportsView *self,
                 gboolean        clear)
{
  if (self->shown_key != NULL)
    g_hash_table_remove (self->kept, self->shown_key);
  self->edited = FALSE;
  if (!clear)
    return;
  self->filling = TRUE;
  for (int i = 0; i < CHC_REPORT_TEXT_N; i++)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (section_view (self, i)), "", -1);
  self->filling = FALSE;
}

/* The district's remembered 发文机关标志 and prefix; the defaults as
 * placeholders. */
static void
load_settings (ChcReportsView *self)
{
  g_autofree char *mark = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *mark_default = NULL;

  if (self->database == NULL || self->district == NULL)
    return;
  mark = chc_database_get_bulletin_setting (self->database, chc_district_get_id (self->district),
                                            CHC_BULLETIN_ISSUING_MARK);
  prefix = chc_database_get_bulletin_setting (self->database, chc_district_get_id (self->district),
                                              CHC_BULLETIN_DOC_PREFIX);
  mark_default = g_strdup_printf ("上海市%s卫生健康委员会文件", chc_district_get_name (self->district));
  gtk_editable_set_text (GTK_EDITABLE (self->mark_entry), mark ? mark : "");
  gtk_entry_set_placeholder_text (self->mark_entry, mark_default);
  gtk_editable_set_text (GTK_EDITABLE (self->prefix_entry), prefix ? prefix : "");
  {
    gint64 id = chc_district_get_id (self->district);
    g_autofree char *copy_to = chc_database_get_bulletin_setting (self->database, id, CHC_BULLETIN_COPY_TO);
    g_autofree char *printer = chc_database_get_bulletin_setting (self->database, id, CHC_BULLETIN_PRINTER);
    g_autofree char *printer_default = g_strdup_printf ("%s卫生健康委员会办公室",
                                                        chc_district_get_name (self->district));

    gtk_editable_set_text (GTK_EDITABLE (self->copy_to_entry), copy_to ? copy_to : chc_report_default_copy_to ());
    gtk_editable_set_text (GTK_EDITABLE (self->printer_entry), printer ? printer : "");
    gtk_entry_set_placeholder_text (self->printer_entry, printer_default);
  }
  {
    ChcReportOptions options = { 0 };
    g_autofree char *prefix_default = NULL;

    options.district_id = chc_district_get_id (self->district);
    options.year = self->year > 0 ? self->year : 2000;
    prefix_default = chc_report_dup_doc_prefix (self->database, &options, NULL);
    gtk_entry_set_placeholder_text (self->prefix_entry, prefix_default);
  }
}

/* The proposed 成文日期 of the period shown, as the date's placeholder. */
static void
update_date_placeholder (ChcReportsView *self)
{
  g_autofree char *date = NULL;

  if (self->year <= 0)
    return;
  date = chc_report_dup_proposed_date (self->year, (int) gtk_drop_down_get_selected (self->month_dropdown));
  gtk_entry_set_placeholder_text (self->date_entry, date);
}

/* Issuing remembers the mark, the prefix and the requirements for the
 * district's next bulletin. */
static void
remember_settings (ChcReportsView *self,
                   BuildJob       *job)
{
  gint64 id = chc_district_get_id (self->district);
  g_autoptr(GError) error = NULL;
  const char *requirements = job->text ? job->text->sections[CHC_REPORT_TEXT_REQUIREMENTS] : NULL;

  if ((job->mark != NULL &&
       !chc_database_set_bulletin_setting (self->database, id, CHC_BULLETIN_ISSUING_MARK, job->mark, &error)) ||
      (job->prefix != NULL &&
       !chc_database_set_bulletin_setting (self->database, id, CHC_BULLETIN_DOC_PREFIX, job->prefix, &error)) ||
      !chc_database_set_bulletin_setting (self->database, id, CHC_BULLETIN_COPY_TO,
                                          job->copy_to ? job->copy_to : "", &error) ||
      (job->printer != NULL &&
       !chc_database_set_bulletin_setting (self->database, id, CHC_BULLETIN_PRINTER, job->printer, &error)) ||
      (requirements != NULL &&
       !chc_database_set_bulletin_setting (self->database, id, CHC_BULLETIN_REQUIREMENTS, requirements, &error)))
    g_warning ("Cannot remember the bulletin settings: %s", error->message);
}

static void
update_page_label (ChcReportsView *self)
{
  int n = self->report ? chc_report_get_n_pages (self->report, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT) : 0;
  g_autofree char *text = NULL;

  if (n == 0)
    {
      gtk_label_set_text (self->page_label, "");
      return;
    }
  text = g_strdup_printf (_("Page %d of %d"), self->page + 1, n);
  gtk_label_set_text (self->page_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.previous-page", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.next-page", self->page + 1 < n);
}

static void
update_actions (ChcReportsView *self)
{
  gboolean ready = self->database != NULL && self->district != NULL && self->year > 0;
  gboolean busy = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.refresh", ready && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", ready && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-to", ready && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", self->report != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-tables", self->report != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-tables-to", self->report != NULL && !busy);
}

static void
set_error (ChcReportsView *self,
           const char     *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->status_label, message ? message : "");
}

static ChcReportSections
chosen_sections (ChcReportsView *self)
{
  ChcReportSections sections = 0;

  if (gtk_check_button_get_active (self->indicators_check))
    sections |= CHC_REPORT_SECTION_INDICATORS;
  if (gtk_check_button_get_active (self->signing_check))
    sections |= CHC_REPORT_SECTION_SIGNING;
  if (gtk_check_button_get_active (self->chart_check))
    sections |= CHC_REPORT_SECTION_SIGNING_CHART;
  if (gtk_check_button_get_active (self->tcm_check))
    sections |= CHC_REPORT_SECTION_TCM;
  if (gtk_check_button_get_active (self->construction_check))
    sections |= CHC_REPORT_SECTION_CONSTRUCTION;
  if (gtk_check_button_get_active (self->remarks_check))
    sections |= CHC_REPORT_SECTION_REMARKS;
  return sections;
}

/* ---- building in a thread ------------------------------------------------ */

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildJob *job = task_data;
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(ChcReport) report = NULL;
  GError *error = NULL;

  /* Its own connection: SQLite handles are not shared across threads. */
  database = chc_database_open_worker (job->db_path, &error);
  if (database == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A PDF is the issued bulletin: it takes the register's next number. */
  if (job->pdf_path != NULL)
    report = chc_report_issue (database, &job->options, job->pdf_path, NULL, &error);
  else
    report = chc_report_build (database, &job->options, cancellable, &error);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  chc_report_layout (report, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT);
  g_task_return_pointer (task, g_steal_pointer (&report), g_object_unref);
}

static gboolean
pulse_cb (gpointer data)
{
  ChcReportsView *self = data;

  gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

static void
build_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  /* The view is held by the callback's data, not by the task: the task's
   * last reference may go in the worker thread, and a widget must never
   * be finalized there. */
  g_autoptr(ChcReportsView) self = data;
  BuildJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcReport) report = g_task_propagate_pointer (G_TASK (result), &error);

  /* A build replaced by a newer one (its own end will come), or one that
   * ends after the view was taken down: nothing to show. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable || self->progress == NULL)
    return;

  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);

  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, error->message);
    }
  else
    {
      g_set_object (&self->report, report);
      self->page = 0;
      fill_empty_sections (self, chc_report_get_text (report));
      if (job->pdf_path != NULL)
        {
          /* Issued: the text went out with it. */
          forget_sections (self, FALSE);
          g_autofree char *display = g_filename_display_name (job->pdf_path);
          g_autofree char *text = g_strdup_printf (_("Saved %s."), display);
          set_error (self, NULL);
          gtk_label_set_text (self->status_label, text);
        }
      else
        set_error (self, NULL);
    }
  update_page_label (self);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
start_build (ChcReportsView *self,
             const char     *pdf_path)
{
  g_autoptr(GTask) task = NULL;
  BuildJob *job;
  GtkTextIter start, end;
  GtkTextBuffer *buffer;
  const char *issuer;

  if (self->database == NULL || self->district == NULL || self->year <= 0)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* The issuing body is remembered in the database. */
  issuer = gtk_editable_get_text (GTK_EDITABLE (self->issuer_entry));
  if (issuer != NULL && *issuer)
    {
      g_autofree char *stored = chc_database_get_meta (self->database, "report.issuer");
      g_autoptr(GError) error = NULL;

      if (g_strcmp0 (stored, issuer) != 0 &&
          !chc_database_set_meta (self->database, "report.issuer", issuer, &error))
        g_warning ("Cannot remember the issuing body: %s", error->message);
    }

  job = g_new0 (BuildJob, 1);
  job->db_path = g_strdup (chc_database_get_path (self->database));
  job->issuer = g_strdup (issuer);
  buffer = gtk_text_view_get_buffer (self->remarks_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  job->remarks = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  job->pdf_path = g_strdup (pdf_path);
  job->options.district_id = chc_district_get_id (self->district);
  job->options.year = self->year;
  job->options.month = (int) gtk_drop_down_get_selected (self->month_dropdown);
  job->options.centre_id = edition_centre (self);
  job->options.sections = chosen_sections (self);
  job->options.issuer = job->issuer && *job->issuer ? job->issuer : NULL;
  job->options.remarks = job->remarks;
  if (job->options.sections == 0)
    job->options.sections = CHC_REPORT_SECTION_REMARKS;
  job->mark = entry_text (self->mark_entry);
  job->prefix = entry_text (self->prefix_entry);
  job->date = entry_text (self->date_entry);
  job->copy_to = entry_text (self->copy_to_entry);
  job->printer = entry_text (self->printer_entry);
  job->options.copy_to = job->copy_to ? job->copy_to : "";
  job->options.printer = job->printer;
  job->options.issuing_mark = job->mark;
  job->options.doc_prefix = job->prefix;
  job->options.issue_date = job->date;
  job->text = chc_report_text_new ();
  for (int i = 0; i < CHC_REPORT_TEXT_N; i++)
    {
      char *text = view_text (section_view (self, i));

      if (*g_strstrip (text) != '\0')
        job->text->sections[i] = text;
      else
        g_free (text);
    }
  job->options.text = job->text;
  if (pdf_path != NULL)
    remember_settings (self, job);

  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_text (self->progress, pdf_path ? _("Writing the PDF…") : _("Building the bulletin…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress), TRUE);
  if (self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse_cb, self);

  task = g_task_new (NULL, self->cancellable, build_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_build);
  g_task_set_task_data (task, job, (GDestroyNotify) build_job_free);
  g_task_run_in_thread (task, build_thread);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ---- preview ------------------------------------------------------------- */

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        data)
{
  ChcReportsView *self = data;
  double scale, x, y, pw, ph;

  if (self->report == NULL)
    return;
  scale = MIN ((width - 16) / CHC_REPORT_A4_WIDTH, (height - 16) / CHC_REPORT_A4_HEIGHT);
  if (scale <= 0)
    return;
  pw = CHC_REPORT_A4_WIDTH * scale;
  ph = CHC_REPORT_A4_HEIGHT * scale;
  x = (width - pw) / 2;
  y = (height - ph) / 2;

  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_rectangle (cr, x + 3, y + 3, pw, ph);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, pw, ph);
  cairo_fill (cr);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  chc_report_draw_page (self->report, cr, self->page, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT);
  cairo_restore (cr);
}

/* ---- printing -------------------------------------------------------------- */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           data)
{
  ChcReportsView *self = data;
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);

  gtk_print_operation_set_n_pages (operation,
                                   chc_report_get_n_pages (self->report,
                                                           gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS),
                                                           gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS)));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           data)
{
  ChcReportsView *self = data;
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);

  /* Full page, unit points: the same coordinates as the PDF. */
  chc_report_draw_page (self->report, gtk_print_context_get_cairo_context (context), page_nr,
                        gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS),
                        gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS));
}

static void
print_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  ChcReportsView *self = CHC_REPORTS_VIEW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->report == NULL)
    return;
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, chc_report_get_title (self->report));
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_cb), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    set_error (self, error->message);
}

/* ---- export ---------------------------------------------------------------- */

/* The local path chosen in a save dialog, or NULL (cancelled, or no
 * local file). */
static char *
chosen_path (GtkNativeDialog *dialog,
             int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  return file != NULL ? g_file_get_path (file) : NULL;
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         data)
{
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL)
    start_build (CHC_REPORTS_VIEW (data), path);
  g_object_unref (dialog);
}

/* Asks where to write: a save dialog for files of @suffix, named after
 * the district and year; @response gets the dialog. */
static void
ask_export_file (ChcReportsView *self,
                 const char     *title,
                 const char     *filter_name,
                 const char     *mime_type,
                 const char     *suffix,
                 GCallback       response)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strconcat ("*.", suffix, NULL);
  g_autofree char *name = NULL;

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  name = g_strdup_printf ("%s-%d.%s", chc_district_get_name (self->district), self->year, suffix);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", response, self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_pdf_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ask_export_file (CHC_REPORTS_VIEW (widget), _("Export Bulletin as PDF"), _("PDF documents"),
                   "application/pdf", "pdf", G_CALLBACK (export_response_cb));
}

/* The tables of the bulletin shown, as a workbook (it issues nothing). */
static void
write_tables (ChcReportsView *self,
              const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *text = NULL;

  if (self->report == NULL)
    return;
  if (!chc_report_write_tables_xlsx (self->report, NULL, path, &error))
    {
      set_error (self, error->message);
      return;
    }
  set_error (self, NULL);
  text = g_strdup_printf (_("Saved %s."), display);
  gtk_label_set_text (self->status_label, text);
}

static void
export_tables_response_cb (GtkNativeDialog *dialog,
                           int              response,
                           gpointer         data)
{
  g_autofree char *path = chosen_path (dialog, response);

  /* Named for what it holds. */
  if (path != NULL && !g_str_has_suffix (path, ".xlsx"))
    {
      char *named = g_strconcat (path, ".xlsx", NULL);

      g_free (path);
      path = named;
    }
  if (path != NULL)
    write_tables (CHC_REPORTS_VIEW (data), path);
  g_object_unref (dialog);
}

static void
export_tables_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  if (parameter != NULL)
    {
      write_tables (CHC_REPORTS_VIEW (widget), g_variant_get_string (parameter, NULL));
      return;
    }
  ask_export_file (CHC_REPORTS_VIEW (widget), _("Export the Bulletin’s Tables"), _("Excel workbooks"),
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
                   G_CALLBACK (export_tables_response_cb));
}

static void
export_to_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start_build (CHC_REPORTS_VIEW (widget), g_variant_get_string (parameter, NULL));
}

/* The preview follows what is shown: built when the view appears and when
 * its district or year changes while it is on screen. */
static void
preview_if_shown (ChcReportsView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_build (self, NULL);
}

static void
chc_reports_view_map (GtkWidget *widget)
{
  ChcReportsView *self = CHC_REPORTS_VIEW (widget);

  GTK_WIDGET_CLASS (chc_reports_view_parent_class)->map (widget);
  if (self->report == NULL && self->cancellable == NULL)
    start_build (self, NULL);
}

static void
draft_text_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChcReportsView *self = CHC_REPORTS_VIEW (widget);

  forget_sections (self, TRUE);
  start_build (self, NULL);
}

/* Another edition: its own text (kept, or drafted again) and preview. */
static void
edition_changed_cb (ChcReportsView *self)
{
  if (self->filling_editions)
    return;
  switch_sections (self);
  preview_if_shown (self);
}

static void
month_changed_cb (ChcReportsView *self)
{
  switch_sections (self);
  update_date_placeholder (self);
}

/* The register of issued bulletins of the district, with Reprint…. */
static void
register_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChcReportsView *self = CHC_REPORTS_VIEW (widget);
  ChcBulletinRegister *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->database == NULL || self->district == NULL)
    return;
  dialog = chc_bulletin_register_new (self->database, self->district);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  start_build (CHC_REPORTS_VIEW (widget), NULL);
}

static void
turn_page_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ChcReportsView *self = CHC_REPORTS_VIEW (widget);
  int n;

  if (self->report == NULL)
    return;
  n = chc_report_get_n_pages (self->report, CHC_REPORT_A4_WIDTH, CHC_REPORT_A4_HEIGHT);
  self->page = CLAMP (self->page + (g_str_equal (action_name, "reports.next-page") ? 1 : -1), 0, MAX (n - 1, 0));
  update_page_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
}

/* ---- GObject ----------------------------------------------------------------- */

static void
chc_reports_view_dispose (GObject *object)
{
  ChcReportsView *self = CHC_REPORTS_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_REPORTS_VIEW);
  g_clear_object (&self->database);
  g_clear_object (&self->district);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (chc_reports_view_parent_class)->dispose (object);
}

static void
chc_reports_view_finalize (GObject *object)
{
  ChcReportsView *self = CHC_REPORTS_VIEW (object);

  g_free (self->error);
  g_free (self->shown_key);
  g_clear_pointer (&self->kept, g_hash_table_unref);
  g_clear_pointer (&self->edition_ids, g_array_unref);
  G_OBJECT_CLASS (chc_reports_view_parent_class)->finalize (object);
}

static void
chc_reports_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChcReportsView *self = CHC_REPORTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE: g_value_set_object (value, self->database); break;
    case PROP_DISTRICT: g_value_set_object (value, self->district); break;
    case PROP_YEAR: g_value_set_int (value, self->year); break;
    case PROP_BUSY: g_value_set_boolean (value, self->cancellable != NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_reports_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ChcReportsView *self = CHC_REPORTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE: chc_reports_view_set_database (self, g_value_get_object (value)); break;
    case PROP_DISTRICT: chc_reports_view_set_district (self, g_value_get_object (value)); break;
    case PROP_YEAR: chc_reports_view_set_year (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_reports_view_class_init (ChcReportsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->map = chc_reports_view_map;

  object_class->dispose = chc_reports_view_dispose;
  object_class->finalize = chc_reports_view_finalize;
  object_class->get_property = chc_reports_view_get_property;
  object_class->set_property = chc_reports_view_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CHC_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTRICT] =
    g_param_spec_object ("district", NULL, NULL, CHC_TYPE_DISTRICT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chcmonitor/ChcMonitor/ui/chc-reports-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, box);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, month_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, edition_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, indicators_check);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, signing_check);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, chart_check);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, tcm_check);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, construction_check);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, remarks_check);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, issuer_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, remarks_view);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, mark_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, prefix_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, date_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, copy_to_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, printer_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, lead_view);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, basic_view);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, indicators_view);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, problems_view);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, requirements_view);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, progress);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, status_label);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, page_label);
  gtk_widget_class_bind_template_child (widget_class, ChcReportsView, preview);

  gtk_widget_class_install_action (widget_class, "reports.refresh", NULL, refresh_cb);
  gtk_widget_class_install_action (widget_class, "reports.register", NULL, register_cb);
  gtk_widget_class_install_action (widget_class, "reports.draft-text", NULL, draft_text_cb);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_cb);
  gtk_widget_class_install_action (widget_class, "reports.export-pdf", NULL, export_pdf_cb);
  gtk_widget_class_install_action (widget_class, "reports.export-to", "s", export_to_cb);
  gtk_widget_class_install_action (widget_class, "reports.export-tables", NULL, export_tables_cb);
  gtk_widget_class_install_action (widget_class, "reports.export-tables-to", "s", export_tables_cb);
  gtk_widget_class_install_action (widget_class, "reports.previous-page", NULL, turn_page_cb);
  gtk_widget_class_install_action (widget_class, "reports.next-page", NULL, turn_page_cb);
  chc_keymap_install (widget_class, "reports");
}

static void
chc_reports_view_init (ChcReportsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->preview, draw_preview, self, NULL);
  gtk_drawing_area_set_content_width (self->preview, 300);
  gtk_drawing_area_set_content_height (self->preview, 420);
  g_signal_connect_swapped (self->month_dropdown, "notify::selected", G_CALLBACK (month_changed_cb), self);
  self->edition_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  fill_editions (self);
  g_signal_connect_swapped (self->edition_dropdown, "notify::selected", G_CALLBACK (edition_changed_cb), self);
  self->kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  for (int i = 0; i < CHC_REPORT_TEXT_N; i++)
    g_signal_connect_swapped (gtk_text_view_get_buffer (section_view (self, i)), "changed",
                              G_CALLBACK (on_section_changed), self);
  self->shown_key = sections_key (self);
  update_actions (self);
  update_page_label (self);
}

/* ---- public API ------------------------------------------------------------------ */

GtkWidget *
chc_reports_view_new (ChcDatabase *database)
{
  return g_object_new (CHC_TYPE_REPORTS_VIEW, "database", database, NULL);
}

ChcDatabase *
chc_reports_view_get_database (ChcReportsView *self)
{
  g_return_val_if_fail (CHC_IS_REPORTS_VIEW (self), NULL);
  return self->database;
}

void
chc_reports_view_set_database (ChcReportsView *self,
                               ChcDatabase    *database)
{
  g_return_if_fail (CHC_IS_REPORTS_VIEW (self));
  g_return_if_fail (database == NULL || CHC_IS_DATABASE (database));

  if (!g_set_object (&self->database, database))
    return;
  if (database != NULL)
    {
      g_autofree char *issuer = chc_database_get_meta (database, "report.issuer");
      gtk_editable_set_text (GTK_EDITABLE (self->issuer_entry), issuer ? issuer : "");
      load_settings (self);
    }
  fill_editions (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

ChcDistrict *
chc_reports_view_get_district (ChcReportsView *self)
{
  g_return_val_if_fail (CHC_IS_REPORTS_VIEW (self), NULL);
  return self->district;
}

void
chc_reports_view_set_district (ChcReportsView *self,
                               ChcDistrict    *district)
{
  g_return_if_fail (CHC_IS_REPORTS_VIEW (self));
  g_return_if_fail (district == NULL || CHC_IS_DISTRICT (district));

  if (!g_set_object (&self->district, district))
    return;
  /* The district's edition first: switch_sections keys the text by it. */
  fill_editions (self);
  switch_sections (self);
  load_settings (self);
  update_actions (self);
  preview_if_shown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT]);
}

int
chc_reports_view_get_year (ChcReportsView *self)
{
  g_return_val_if_fail (CHC_IS_REPORTS_VIEW (self), 0);
  return self->year;
}

void
chc_reports_view_set_year (ChcReportsView *self,
                           int             year)
{
  g_return_if_fail (CHC_IS_REPORTS_VIEW (self));

  if (self->year == year)
    return;
  self->year = year;
  switch_sections (self);
  update_date_placeholder (self);
  update_actions (self);
  preview_if_shown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

gboolean
chc_reports_view_get_busy (ChcReportsView *self)
{
  g_return_val_if_fail (CHC_IS_REPORTS_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

ChcReport *
chc_reports_view_get_report (ChcReportsView *self)
{
  g_return_val_if_fail (CHC_IS_REPORTS_VIEW (self), NULL);
  return self->report;
}

const char *
chc_reports_view_get_error (ChcReportsView *self)
{
  g_return_val_if_fail (CHC_IS_REPORTS_VIEW (self), NULL);
  return self->error;
}

char *
chc_reports_view_dup_section_text (ChcReportsView       *self,
                                   ChcReportTextSection  section)
{
  g_return_val_if_fail (CHC_IS_REPORTS_VIEW (self), NULL);
  g_return_val_if_fail (section < CHC_REPORT_TEXT_N, NULL);
  return view_text (section_view (self, section));
}

void
chc_reports_view_set_section_text (ChcReportsView       *self,
                                   ChcReportTextSection  section,
                                   const char           *text)
{
  g_return_if_fail (CHC_IS_REPORTS_VIEW (self));
  g_return_if_fail (section < CHC_REPORT_TEXT_N);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (section_view (self, section)), text ? text : "", -1);
}

gboolean
chc_reports_view_has_unsaved_changes (ChcReportsView *self)
{
  g_return_val_if_fail (CHC_IS_REPORTS_VIEW (self), FALSE);
  return self->edited || g_hash_table_size (self->kept) > 0;
}

static void
on_leave_response (GtkDialog *dialog,
                   int        response,
                   gpointer   user_data)
{
  g_autoptr(GTask) task = user_data;
  ChcReportsView *self = g_task_get_source_object (task);
  gboolean leave = response == GTK_RESPONSE_ACCEPT;

  if (leave)
    {
      g_hash_table_remove_all (self->kept);
      self->edited = FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_task_return_boolean (task, leave);
}

void
chc_reports_view_confirm_leave_async (ChcReportsView      *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_return_if_fail (CHC_IS_REPORTS_VIEW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chc_reports_view_confirm_leave_async);
  if (!chc_reports_view_has_unsaved_changes (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->dialog != NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                   "%s", _("Discard the bulletin text you wrote?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("The text of a bulletin was edited but the bulletin was not issued (Export PDF). If you leave now, the text is lost."));
  chc_ui_dialog_add_choices (GTK_DIALOG (dialog), NULL, _("_Discard"), TRUE);
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_leave_response), g_steal_pointer (&task));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
chc_reports_view_confirm_leave_finish (ChcReportsView  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

GtkWidget *
chc_reports_view_get_dialog (ChcReportsView *self)
{
  g_return_val_if_fail (CHC_IS_REPORTS_VIEW (self), NULL);
  return self->dialog;
}

/**
 * chc_reports_view_set_edition:
 * @centre_id: an operating centre of the district, or 0 for the district
 *   edition
 *
 * Returns: FALSE when @centre_id is no edition of the district.
 */
gboolean
chc_reports_view_set_edition (ChcReportsView *self,
                              gint64          centre_id)
{
  g_return_val_if_fail (CHC_IS_REPORTS_VIEW (self), FALSE);

  for (guint i = 0; i < self->edition_ids->len; i++)
    if (g_array_index (self->edition_ids, gint64, i) == centre_id)
      {
        gtk_drop_down_set_selected (self->edition_dropdown, i);
        return TRUE;
      }
  return FALSE;
}
