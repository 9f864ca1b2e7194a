/* chc-capabilities-editor.c
 *
 * One row per declared capability kind (data/elements.ini, family
 * capability: chc_capability_list_kinds ()) in the template's grid: a check button
 * (the capability's name) and a spin button (the year reached, sensitive
 * while ticked).  Ticking writes the capability with the spin button's
 * year, unticking clears it, changing the year writes it again.  A refusal
 * of the store shows under the grid and the row goes back to the stored
 * state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-capabilities-editor"

#include <glib/gi18n-lib.h>

#include "chc-capabilities-editor.h"
#include "core/chc-element.h"
#include "store/chc-database-plans.h"

struct _ChcCapabilitiesEditor
{
  GtkWidget       parent_instance;

  ChcDatabase    *database;
  ChcFacility    *facility;
  int             default_year;
  gboolean        loading;      /* widgets set from the store: do not write */

  GtkCheckButton **checks;      /* one per declared kind, in declaration order */
  GtkSpinButton  **years;

  /* template children */
  GtkGrid        *grid;
  GtkLabel       *error_label;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_FACILITY,
  PROP_DEFAULT_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcCapabilitiesEditor, chc_capabilities_editor, GTK_TYPE_WIDGET)

/* ---- helpers ------------------------------------------------------------ */

static void
show_error (ChcCapabilitiesEditor *self,
            const char            *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Sets every row from the store. */
static void
reload (ChcCapabilitiesEditor *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gboolean usable = self->database != NULL && self->facility != NULL &&
                    chc_facility_get_id (self->facility) > 0;

  if (usable)
    {
      list = chc_database_list_capabilities (self->database, chc_facility_get_id (self->facility), &error);
      if (list == NULL)
        {
          show_error (self, error->message);
          usable = FALSE;
        }
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->grid), usable);

  self->loading = TRUE;
  for (guint k = 0; k < chc_capability_list_kinds ()->len; k++)
    {
      const char *code = ((ChcElement *) g_ptr_array_index (chc_capability_list_kinds (), k))->code;
      int year = 0;

      for (guint i = 0; list != NULL && i < list->len; i++)
        if (g_strcmp0 (chc_capability_get_kind (g_ptr_array_index (list, i)), code) == 0)
          year = chc_capability_get_year (g_ptr_array_index (list, i));

      gtk_check_button_set_active (self->checks[k], year > 0);
      gtk_spin_button_set_value (self->years[k], year > 0 ? year : self->default_year);
      gtk_widget_set_sensitive (GTK_WIDGET (self->years[k]), year > 0);
    }
  self->loading = FALSE;
}

static void
write_row (ChcCapabilitiesEditor *self,
           guint                  kind)
{
  const char *code = ((ChcElement *) g_ptr_array_index (chc_capability_list_kinds (), kind))->code;
  g_autoptr(GError) error = NULL;
  gint64 id;
  gboolean ok;

  if (self->loading || self->database == NULL || self->facility == NULL)
    return;
  id = chc_facility_get_id (self->facility);

  if (gtk_check_button_get_active (self->checks[kind]))
    ok = chc_database_set_capability_kind (self->database, id, code,
                                           gtk_spin_button_get_value_as_int (self->years[kind]), &error);
  else
    ok = chc_database_clear_capability_kind (self->database, id, code, &error);

  show_error (self, ok ? NULL : error->message);
  if (!ok)
    reload (self);
}

/* ---- callbacks ------------------------------------------------------------ */

static void
on_check_toggled_cb (GtkCheckButton        *check,
                     ChcCapabilitiesEditor *self)
{
  guint kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "kind"));

  gtk_widget_set_sensitive (GTK_WIDGET (self->years[kind]), gtk_check_button_get_active (check));
  write_row (self, kind);
}

static void
on_year_changed_cb (GtkSpinButton         *spin,
                    ChcCapabilitiesEditor *self)
{
  guint kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "kind"));

  if (gtk_check_button_get_active (self->checks[kind]))
    write_row (self, kind);
}

static void
on_database_changed_cb (ChcCapabilitiesEditor *self,
                        const char            *table)
{
  if (g_strcmp0 (table, "capability") == 0 || g_strcmp0 (table, "facility") == 0)
    reload (self);
}

/* ---- GObject -------------------------------------------------------------- */

static void
set_database (ChcCapabilitiesEditor *self,
              ChcDatabase           *database)
{
  if (self->database == database)
    return;
  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  g_set_object (&self->database, database);
  if (database != NULL)
    g_signal_connect_object (database, "changed", G_CALLBACK (on_database_changed_cb),
                             self, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
  reload (self);
}

static void
chc_capabilities_editor_dispose (GObject *object)
{
  ChcCapabilitiesEditor *self = CHC_CAPABILITIES_EDITOR (object);

  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_CAPABILITIES_EDITOR);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->database);
  g_clear_object (&self->facility);
  g_clear_pointer (&self->checks, g_free);
  g_clear_pointer (&self->years, g_free);

  G_OBJECT_CLASS (chc_capabilities_editor_parent_class)->dispose (object);
}

static void
chc_capabilities_editor_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ChcCapabilitiesEditor *self = CHC_CAPABILITIES_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_FACILITY:
      g_value_set_object (value, self->facility);
      break;
    case PROP_DEFAULT_YEAR:
      g_value_set_int (value, self->default_year);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_capabilities_editor_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ChcCapabilitiesEditor *self = CHC_CAPABILITIES_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      set_database (self, g_value_get_object (value));
      break;
    case PROP_FACILITY:
      chc_capabilities_editor_set_facility (self, g_value_get_object (value));
      break;
    case PROP_DEFAULT_YEAR:
      if (self->default_year != g_value_get_int (value))
        {
          self->default_year = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
          reload (self);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_capabilities_editor_class_init (ChcCapabilitiesEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_capabilities_editor_dispose;
  object_class->get_property = chc_capabilities_editor_get_property;
  object_class->set_property = chc_capabilities_editor_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CHC_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FACILITY] =
    g_param_spec_object ("facility", NULL, NULL, CHC_TYPE_FACILITY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFAULT_YEAR] =
    g_param_spec_int ("default-year", NULL, NULL, 1990, 2100, 2025,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-capabilities-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcCapabilitiesEditor, grid);
  gtk_widget_class_bind_template_child (widget_class, ChcCapabilitiesEditor, error_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
chc_capabilities_editor_init (ChcCapabilitiesEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->default_year = CLAMP (g_date_time_get_year (now), 1990, 2100);

  self->checks = g_new0 (GtkCheckButton *, chc_capability_list_kinds ()->len);
  self->years = g_new0 (GtkSpinButton *, chc_capability_list_kinds ()->len);
  for (guint k = 0; k < chc_capability_list_kinds ()->len; k++)
    {
      ChcElement *kind = g_ptr_array_index (chc_capability_list_kinds (), k);
      GtkWidget *check = gtk_check_button_new_with_label (chc_element_get_label (kind));
      GtkWidget *spin = gtk_spin_button_new_with_range (1990, 2100, 1);
      g_autofree char *name = g_strdup_printf ("year-%s", kind->code);

      gtk_widget_set_name (check, kind->code);
      gtk_widget_set_name (spin, name);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      {
        /* TRANSLATORS: the accessible name of a year field, e.g. "Year reached: CT scanner" */
        g_autofree char *label = g_strdup_printf (_("Year reached: %s"), chc_element_get_label (kind));
        gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      }
      g_object_set_data (G_OBJECT (check), "kind", GUINT_TO_POINTER (k));
      g_object_set_data (G_OBJECT (spin), "kind", GUINT_TO_POINTER (k));
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_year_changed_cb), self);
      gtk_grid_attach (self->grid, check, 0, k + 1, 1, 1);
      gtk_grid_attach (self->grid, spin, 1, k + 1, 1, 1);
      self->checks[k] = GTK_CHECK_BUTTON (check);
      self->years[k] = GTK_SPIN_BUTTON (spin);
    }
  reload (self);
}

/* ---- public API -------------------------------------------------------------- */

GtkWidget *
chc_capabilities_editor_new (void)
{
  return g_object_new (CHC_TYPE_CAPABILITIES_EDITOR, NULL);
}

ChcFacility *
chc_capabilities_editor_get_facility (ChcCapabilitiesEditor *self)
{
  g_return_val_if_fail (CHC_IS_CAPABILITIES_EDITOR (self), NULL);
  return self->facility;
}

void
chc_capabilities_editor_set_facility (ChcCapabilitiesEditor *self,
                                      ChcFacility           *facility)
{
  g_return_if_fail (CHC_IS_CAPABILITIES_EDITOR (self));
  g_return_if_fail (facility == NULL || CHC_IS_FACILITY (facility));

  if (!g_set_object (&self->facility, facility))
    return;
  show_error (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACILITY]);
  reload (self);
}
