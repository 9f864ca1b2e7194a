/* chc-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-application"

#include <glib/gi18n-lib.h>

#include <string.h>
#include <epoxy/gl.h>

#include "chc-application.h"
#include "io/chc-demo.h"
#include "io/chc-plan-loader.h"
#include "core/chc-manpage.h"
#include "store/chc-package.h"
#include "ui/chc-window.h"
#include "ui/chc-keymap.h"
#include "ui/chc-start-dialog.h"

struct _ChcApplication
{
  GtkApplication  parent_instance;

  GtkCssProvider *css;
};

G_DEFINE_FINAL_TYPE (ChcApplication, chc_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open FILE instead of the default database"), N_("FILE") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the demo database (created on first use)"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { "man", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the manual page (roff) and exit"), NULL },
  { NULL }
};

/* ---- helpers ---------------------------------------------------------- */

/* A window already showing @path, if any. */
static GtkWindow *
find_window (ChcApplication *self,
             const char     *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      ChcDatabase *database;

      if (!CHC_IS_WINDOW (l->data))
        continue;
      database = chc_window_get_database (l->data);
      if (database != NULL && g_strcmp0 (chc_database_get_path (database), path) == 0)
        return l->data;
    }
  return NULL;
}

static void
show_error (ChcApplication *self,
            const char     *primary,
            const GError   *error)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;

  g_message ("%s: %s", primary, error->message);

  dialog = gtk_message_dialog_new (parent,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   "%s", primary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  gtk_window_set_title (GTK_WINDOW (dialog), _("CHC Monitor"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opens (creating when needed) and fills a new file: the demo data or the
 * districts of the plans only. */
static ChcDatabase *
open_database (const char   *path,
               ChcOpenMode   mode,
               GError      **error)
{
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GPtrArray) towns = NULL;
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);

  database = chc_database_open (path, error);
  if (database == NULL)
    return NULL;

  /* the indicators of a newer version's built-in plans */
  if (!chc_plan_loader_sync_builtin (database, error))
    return NULL;
  if (existed && mode == CHC_OPEN_EXISTING)
    return g_steal_pointer (&database);

  /* A database without towns is new (schema 5 gives every database the
   * districts of Shanghai, but towns come with the demo's districts). */
  towns = chc_database_list_towns (database, 0, error);
  if (towns == NULL)
    return NULL;
  if (towns->len > 0)
    return g_steal_pointer (&database);

  if (mode == CHC_OPEN_DEMO ? !chc_demo_populate (database, error)
                            : !chc_demo_add_districts (database, error))
    return NULL;
  return g_steal_pointer (&database);
}

static GtkWindow *
open_and_present (ChcApplication *self,
                  const char     *path,
                  ChcOpenMode     mode)
{
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  database = open_database (path, mode, &error);
  if (database == NULL)
    {
      show_error (self, _("The database cannot be opened"), error);
      return NULL;
    }

  window = GTK_WINDOW (chc_window_new (self, database));
  gtk_window_present (window);

  /* A database without facilities offers a district's registry. */
  if (chc_start_dialog_wanted (database))
    gtk_window_present (GTK_WINDOW (chc_start_dialog_new (CHC_WINDOW (window))));
  return window;
}

/* ---- callbacks -------------------------------------------------------- */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ChcApplication *self = user_data;

  /* Asks each window to close, as its × does: a window with unsaved
   * figures asks first (save, discard or stay) and may stay open.  The
   * application ends when its last window is gone. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; )
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ChcApplication *self = user_data;
  static const char *developers[] = { "The CHC Monitor team", NULL };
  /* TRANSLATORS: the About dialog's version line */
  g_autofree char *version = g_strdup_printf (_("%s (database schema %d, packages format %d)"),
                                              PACKAGE_VERSION, CHC_DATABASE_SCHEMA_VERSION,
                                              CHC_PACKAGE_FORMAT_VERSION);

  gtk_show_about_dialog (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "program-name", _("CHC Monitor"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", version,
                         "comments", _("Monitoring of the 2023–2025 plans for community health service capability: facilities, construction, family-doctor signing and TCM."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         /* Translators: your name(s), one per line. */
                         "translator-credits", _("translator-credits"),
                         "modal", TRUE,
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL },
  { "about", about_activated, NULL, NULL, NULL },
};

/* ---- GApplication ----------------------------------------------------- */

static int
chc_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  if (g_variant_dict_contains (options, "man"))
    {
      g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (ChcManItem));
      g_autofree char *page = NULL;

      /* From the same table as --help. */
      for (guint i = 0; option_entries[i].long_name != NULL; i++)
        {
          g_autofree char *name = g_strconcat ("--", option_entries[i].long_name, NULL);
          ChcManItem item = { g_intern_string (name),
                              option_entries[i].arg_description ? _(option_entries[i].arg_description) : NULL,
                              _(option_entries[i].description) };
          g_array_append_val (items, item);
        }
      page = chc_manpage_render ("chc-monitor",
                                 _("monitor the plans to raise community health service capability"),
                                 _("chc-monitor [--db FILE] [--demo]"),
                                 _("The window of CHC Monitor: the facility registry, construction projects, family-doctor signing and TCM rollout of a district against its plan's targets, the bulletins (通报), CSV import and export, exchange packages, the audit log and backups. F1 opens the manual at the page of the view shown (in yelp as help:chc-monitor, or in the browser), Ctrl+? lists the keyboard shortcuts. chc-cli(1) does the same from the command line."),
                                 (const ChcManItem *) items->data, items->len, NULL, 0);
      g_print ("%s", page);
      return 0;
    }
  if (g_variant_dict_contains (options, "version"))
    {
      g_autofree char *version = chc_database_describe_version ("chc-monitor");

      g_print ("%s\n", version);
      return 0;
    }
  return -1;
}

/* GTK 4.8's GL renderer drops strokes of Chinese glyphs when OpenGL is
 * rendered in software (llvmpipe and the like: office PCs without GPU
 * drivers, virtual machines, Xvfb); GTK itself stopped using GL there in
 * 4.14.  So: GTK's own choice on real hardware, the cairo renderer on a
 * software OpenGL — unless GSK_RENDERER says otherwise.  Before the first
 * window is realized. */
static void
choose_renderer (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *renderer = NULL;
  gboolean software;

  if (g_getenv ("GSK_RENDERER") != NULL || display == NULL)
    return;
  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      /* No OpenGL at all: GTK falls back to cairo by itself. */
      g_debug ("No OpenGL: %s", error != NULL ? error->message : "");
      return;
    }
  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  software = renderer == NULL ||
             strstr (renderer, "llvmpipe") != NULL || strstr (renderer, "softpipe") != NULL ||
             strstr (renderer, "Software Rasterizer") != NULL || strstr (renderer, "SWR") != NULL;
  g_debug ("OpenGL renderer: %s", renderer != NULL ? renderer : "(none)");
  gdk_gl_context_clear_current ();
  if (software)
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
}

static void
chc_application_startup (GApplication *app)
{
  ChcApplication *self = CHC_APPLICATION (app);

  G_APPLICATION_CLASS (chc_application_parent_class)->startup (app);
  choose_renderer ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  chc_keymap_set_application_accels (GTK_APPLICATION (self));

  self->css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (self->css, "/io/github/chcmonitor/ChcMonitor/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static void
chc_application_activate (GApplication *app)
{
  ChcApplication *self = CHC_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    gtk_window_present (window);
  else
    chc_application_open (self, NULL, CHC_OPEN_EXISTING);
}

static int
chc_application_command_line (GApplication            *app,
                              GApplicationCommandLine *command_line)
{
  ChcApplication *self = CHC_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *path = NULL;
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db) && db != NULL && *db)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, db);
      path = g_file_get_path (file);
    }

  /* --demo: the demo database (its own file, or the one --db names),
   * created with the demo data when new — never the first-run question. */
  if (g_variant_dict_contains (options, "demo"))
    {
      if (path == NULL)
        path = chc_application_demo_path ();
      chc_application_open (self, path, CHC_OPEN_DEMO);
    }
  else
    chc_application_open (self, path, CHC_OPEN_EXISTING);
  return 0;
}

static void
chc_application_dispose (GObject *object)
{
  ChcApplication *self = CHC_APPLICATION (object);

  g_clear_object (&self->css);
  G_OBJECT_CLASS (chc_application_parent_class)->dispose (object);
}

static void
chc_application_class_init (ChcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = chc_application_dispose;
  app_class->handle_local_options = chc_application_handle_local_options;
  app_class->startup = chc_application_startup;
  app_class->activate = chc_application_activate;
  app_class->command_line = chc_application_command_line;
}

static void
chc_application_init (ChcApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
    _("Monitor community health service plans: facilities, construction, family-doctor signing and TCM."));
}

/* ---- public API ------------------------------------------------------- */

ChcApplication *
chc_application_new (void)
{
  return g_object_new (CHC_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/chcmonitor/ChcMonitor",
                       NULL);
}

char *
chc_application_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "chc-monitor", "demo.db", NULL);
}

GtkWindow *
chc_application_open (ChcApplication *self,
                      const char     *path,
                      ChcOpenMode     mode)
{
  g_autofree char *default_path = NULL;
  GtkWindow *window;

  g_return_val_if_fail (CHC_IS_APPLICATION (self), NULL);

  if (path == NULL)
    path = default_path = chc_database_default_path ();

  window = find_window (self, path);
  if (window != NULL)
    {
      gtk_window_present (window);
      return window;
    }

  /* No database yet: a new one, and the start dialog's one question (the
   * district's registry, the demo database, or blank; ChcStartDialog). */
  if (mode == CHC_OPEN_EXISTING && !g_file_test (path, G_FILE_TEST_EXISTS))
    mode = CHC_OPEN_EMPTY;

  return open_and_present (self, path, mode);
}
