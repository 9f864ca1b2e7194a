/* chc-keymap.c — the window's keyboard map.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-ui"

#include <glib/gi18n-lib.h>

#include "chc-keymap.h"

#define CTRL GDK_CONTROL_MASK
#define SHIFT GDK_SHIFT_MASK

static const ChcKeyBinding bindings[] = {
  { "window", GDK_KEY_1, CTRL, "win.show-view", "dashboard", N_("Dashboard") },
  { "window", GDK_KEY_2, CTRL, "win.show-view", "facilities", N_("Facilities") },
  { "window", GDK_KEY_3, CTRL, "win.show-view", "projects", N_("Construction projects") },
  { "window", GDK_KEY_4, CTRL, "win.show-view", "signing", N_("Family-doctor signing") },
  { "window", GDK_KEY_5, CTRL, "win.show-view", "tcm", N_("TCM rollout") },
  { "window", GDK_KEY_6, CTRL, "win.show-view", "reports", N_("Reports") },
  { "window", GDK_KEY_7, CTRL, "win.show-view", "audit", N_("Audit log") },
  { "window", GDK_KEY_8, CTRL, "win.show-view", "values", N_("Data entry") },
  { "window", GDK_KEY_9, CTRL, "win.show-view", "reporting", N_("Reporting calendar") },
  /* Not Ctrl+Shift+I: GTK keeps that for its Inspector. */
  { "window", GDK_KEY_i, CTRL, "win.import-csv", "", N_("Import a CSV file") },
  { "window", GDK_KEY_h, CTRL, "win.history", NULL, N_("History of the selected record") },
  { "window", GDK_KEY_F5, 0, "win.refresh", NULL, N_("Read the database again") },
  { "window", GDK_KEY_F1, 0, "win.help", NULL, N_("Manual (at the page of the view)") },
  { "window", GDK_KEY_question, CTRL, "win.show-help-overlay", NULL, N_("Keyboard shortcuts") },
  { "window", GDK_KEY_Tab, 0, NULL, NULL, N_("Next region (sidebar, view, header)") },
  { "app", GDK_KEY_q, CTRL, "app.quit", NULL, N_("Quit") },

  { "dashboard", GDK_KEY_F5, 0, "dashboard.refresh", NULL, N_("Compute the indicators again") },

  { "facilities", GDK_KEY_n, CTRL, "facilities.add", NULL, N_("Add a facility") },
  { "facilities", GDK_KEY_Return, 0, NULL, NULL, N_("Edit the selected facility") },
  { "facilities", GDK_KEY_b, CTRL, "facilities.capabilities", NULL, N_("Service capabilities of the selected facility") },
  { "facilities", GDK_KEY_Delete, 0, "facilities.delete", NULL, N_("Delete the selected facility") },
  { "facilities", GDK_KEY_KP_Delete, 0, "facilities.delete", NULL, NULL },
  { "facilities", GDK_KEY_z, CTRL, "facilities.undo", NULL, N_("Undo the deletion") },
  { "facilities", GDK_KEY_f, CTRL, "facilities.find", NULL, N_("Search") },

  { "projects", GDK_KEY_n, CTRL, "projects.new", NULL, N_("New project") },
  { "projects", GDK_KEY_b, CTRL, "projects.batch", NULL, N_("Standardization batch") },
  { "projects", GDK_KEY_s, CTRL, "projects.save", NULL, N_("Save the project’s fields") },
  { "projects", GDK_KEY_l, CTRL, "projects.late-only", NULL, N_("Late projects only") },
  { "projects", GDK_KEY_f, CTRL, "projects.find", NULL, N_("Search a facility’s projects") },
  { "projects", GDK_KEY_z, CTRL, "projects.undo", NULL, N_("Undo the last milestone date") },

  { "signing", GDK_KEY_s, CTRL, "signing.save", NULL, N_("Save the month’s figures") },
  { "signing", GDK_KEY_z, CTRL, "signing.undo", NULL, N_("Undo") },
  { "signing", GDK_KEY_f, CTRL, "signing.find", NULL, N_("Find a facility") },
  { "signing", GDK_KEY_Return, 0, NULL, NULL, N_("Next cell") },

  { "tcm", GDK_KEY_Return, CTRL, "tcm.record-site-change", NULL, N_("Record the change of state") },
  { "tcm", GDK_KEY_n, CTRL | SHIFT, "tcm.add-clinic", NULL, N_("Add a specialty clinic") },
  { "tcm", GDK_KEY_f, CTRL, "tcm.find", NULL, N_("Find a facility or town") },
  { "tcm", GDK_KEY_z, CTRL, "tcm.undo", NULL, N_("Undo the last change") },

  { "values", GDK_KEY_s, CTRL, "values.save", NULL, N_("Save the changed values") },
  { "values", GDK_KEY_z, CTRL, "values.undo", NULL, N_("Undo the last value typed") },
  { "values", GDK_KEY_f, CTRL, "values.find", NULL, N_("Find a facility to enter") },
  { "values", GDK_KEY_Return, 0, NULL, NULL, N_("Next value") },

  { "audit", GDK_KEY_f, CTRL, "audit.find", NULL, N_("Filter the changes") },

  { "elements", GDK_KEY_n, CTRL, "elements.show-form", NULL, N_("Add a data element of your own") },
  { "elements", GDK_KEY_f, CTRL, "elements.find", NULL, N_("Find a data element") },
  { "elements", GDK_KEY_Delete, 0, "elements.remove", NULL, N_("Remove the selected data element") },
  { "elements", GDK_KEY_KP_Delete, 0, "elements.remove", NULL, NULL },

  { "reports", GDK_KEY_p, CTRL, "reports.print", NULL, N_("Print") },
  { "reports", GDK_KEY_e, CTRL, "reports.export-pdf", NULL, N_("Export PDF") },
  { "reports", GDK_KEY_e, CTRL | SHIFT, "reports.export-tables", NULL, N_("Export the tables as an Excel workbook") },
  { "reports", GDK_KEY_Page_Down, 0, "reports.next-page", NULL, N_("Next page") },
  { "reports", GDK_KEY_Page_Up, 0, "reports.previous-page", NULL, N_("Previous page") },
};

/* The groups of the shortcuts window, in this order. */
static const struct {
  const char *scope;
  const char *title;
} groups[] = {
  { "window", N_("General") },
  { "app", NULL },            /* with "General" */
  { "dashboard", N_("Dashboard") },
  { "facilities", N_("Facilities") },
  { "projects", N_("Construction projects") },
  { "signing", N_("Family-doctor signing") },
  { "tcm", N_("TCM rollout") },
  { "values", N_("Data entry") },
  { "reports", N_("Reports") },
  { "audit", N_("Audit log") },
  { "elements", N_("Data elements") },
};

const ChcKeyBinding *
chc_keymap_get_bindings (guint *n_bindings)
{
  *n_bindings = G_N_ELEMENTS (bindings);
  return bindings;
}

void
chc_keymap_install (GtkWidgetClass *widget_class,
                    const char     *scope)
{
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    {
      const ChcKeyBinding *b = &bindings[i];

      if (!g_str_equal (b->scope, scope) || b->action == NULL)
        continue;
      if (b->target != NULL)
        gtk_widget_class_add_binding_action (widget_class, b->keyval, b->modifiers,
                                             b->action, "s", b->target);
      else
        gtk_widget_class_add_binding_action (widget_class, b->keyval, b->modifiers,
                                             b->action, NULL);
    }
}

void
chc_keymap_set_application_accels (GtkApplication *application)
{
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    {
      const ChcKeyBinding *b = &bindings[i];
      g_autofree char *accel = NULL;
      const char *accels[2] = { NULL, NULL };

      if (!g_str_equal (b->scope, "app") || b->action == NULL)
        continue;
      accel = gtk_accelerator_name (b->keyval, b->modifiers);
      accels[0] = accel;
      gtk_application_set_accels_for_action (application, b->action, accels);
    }
}

/* <property name="NAME">TEXT</property>, TEXT escaped. */
static void
append_property (GString    *xml,
                 const char *name,
                 const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (xml, "<property name=\"%s\">%s</property>", name, escaped);
}

GtkShortcutsWindow *
chc_keymap_new_shortcuts_window (void)
{
  g_autoptr(GString) xml = g_string_new ("<interface><object class=\"GtkShortcutsWindow\" id=\"window\">"
                                         "<property name=\"modal\">true</property>"
                                         "<child><object class=\"GtkShortcutsSection\">"
                                         "<property name=\"section-name\">shortcuts</property>"
                                         "<property name=\"max-height\">12</property>");
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  GObject *window;

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      if (groups[g].title != NULL)
        {
          if (g > 0)
            g_string_append (xml, "</object></child>");
          g_string_append (xml, "<child><object class=\"GtkShortcutsGroup\">");
          append_property (xml, "title", _(groups[g].title));
        }
      for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
        {
          const ChcKeyBinding *b = &bindings[i];
          g_autofree char *accel = NULL;

          if (!g_str_equal (b->scope, groups[g].scope) || b->title == NULL)
            continue;
          accel = gtk_accelerator_name (b->keyval, b->modifiers);
          g_string_append (xml, "<child><object class=\"GtkShortcutsShortcut\">");
          append_property (xml, "title", _(b->title));
          append_property (xml, "accelerator", accel);
          g_string_append (xml, "</object></child>");
        }
    }
  g_string_append (xml, "</object></child></object></child></object></interface>");

  builder = gtk_builder_new ();
  if (!gtk_builder_add_from_string (builder, xml->str, -1, &error))
    g_error ("The shortcuts window cannot be built: %s", error->message);
  window = gtk_builder_get_object (builder, "window");
  return GTK_SHORTCUTS_WINDOW (g_object_ref_sink (window));
}
