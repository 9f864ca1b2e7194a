/* chc-date-entry.c
 *
 * ::commit (const char *date) is emitted when the user confirms a date:
 * Enter in the entry, leaving it with a changed date, or a day picked in
 * the calendar; @date is the ISO form, or NULL when the entry was emptied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "core/chc-date.h"
#include "model/chc-util.h"
#include "chc-date-entry.h"

struct _ChcDateEntry
{
  GtkWidget    parent_instance;

  GtkWidget   *entry;
  GtkWidget   *button;
  GtkWidget   *popover;
  GtkWidget   *calendar;
  char        *date;      /* ISO, or NULL */
  gboolean     syncing;
};

enum {
  PROP_0,
  PROP_DATE,
  N_PROPS
};

enum {
  SIGNAL_COMMIT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChcDateEntry, chc_date_entry, GTK_TYPE_WIDGET)

static void
set_date_internal (ChcDateEntry *self,
                   const char   *iso)
{
  if (chc_set_str (&self->date, iso))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

static void
on_entry_activate_cb (ChcDateEntry *self)
{
  chc_date_entry_commit (self);
}

static void
on_entry_changed_cb (ChcDateEntry *self)
{
  if (!self->syncing)
    chc_date_entry_set_error (self, NULL);
}

/* Leaving the entry with a changed date confirms it, as Enter does. */
static void
on_focus_leave_cb (ChcDateEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (g_strcmp0 (text, self->date != NULL ? self->date : "") != 0)
    chc_date_entry_commit (self);
}

static void
on_popover_show_cb (ChcDateEntry *self)
{
  GDate date;

  /* Open the calendar at the date typed, else today. */
  if (chc_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->entry)), &date, NULL))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&date),
                                                       g_date_get_month (&date),
                                                       g_date_get_day (&date), 0, 0, 0);
      self->syncing = TRUE;
      gtk_calendar_select_day (GTK_CALENDAR (self->calendar), dt);
      self->syncing = FALSE;
    }
}

static void
on_day_selected_cb (ChcDateEntry *self)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = NULL;

  if (self->syncing)
    return;

  dt = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));
  iso = g_date_time_format (dt, "%Y-%m-%d");
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), iso);
  self->syncing = FALSE;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  chc_date_entry_commit (self);
}

static void
chc_date_entry_dispose (GObject *object)
{
  ChcDateEntry *self = (ChcDateEntry *) object;

  g_clear_pointer (&self->entry, gtk_widget_unparent);
  g_clear_pointer (&self->button, gtk_widget_unparent);

  G_OBJECT_CLASS (chc_date_entry_parent_class)->dispose (object);
}

static void
chc_date_entry_finalize (GObject *object)
{
  ChcDateEntry *self = (ChcDateEntry *) object;

  g_clear_pointer (&self->date, g_free);

  G_OBJECT_CLASS (chc_date_entry_parent_class)->finalize (object);
}

static void
chc_date_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ChcDateEntry *self = CHC_DATE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_date_entry_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ChcDateEntry *self = CHC_DATE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_DATE:
      chc_date_entry_set_date (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
chc_date_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (CHC_DATE_ENTRY (widget)->entry);
}

static void
chc_date_entry_class_init (ChcDateEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_date_entry_dispose;
  object_class->finalize = chc_date_entry_finalize;
  object_class->get_property = chc_date_entry_get_property;
  object_class->set_property = chc_date_entry_set_property;
  widget_class->grab_focus = chc_date_entry_grab_focus;

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_COMMIT] =
    g_signal_new ("commit",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chc-date-entry");
}

static void
chc_date_entry_init (ChcDateEntry *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "linked");

  self->entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 11);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _("YYYY-MM-DD"));
  gtk_widget_set_tooltip_text (self->entry, _("Type 2024-03-15 or 2024年3月15日 and press Enter, or pick a day"));
  gtk_widget_set_hexpand (self->entry, TRUE);
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (on_entry_activate_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (on_entry_changed_cb),
                           self, G_CONNECT_SWAPPED);

  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave_cb),
                             self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (self->entry, focus);
  }

  self->calendar = gtk_calendar_new ();
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (on_day_selected_cb),
                           self, G_CONNECT_SWAPPED);
  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), self->calendar);
  g_signal_connect_object (self->popover, "show", G_CALLBACK (on_popover_show_cb),
                           self, G_CONNECT_SWAPPED);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), self->popover);
  gtk_widget_set_tooltip_text (self->button, _("Pick a day"));
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
}

GtkWidget *
chc_date_entry_new (void)
{
  return g_object_new (CHC_TYPE_DATE_ENTRY, NULL);
}

const char *
chc_date_entry_get_date (ChcDateEntry *self)
{
  g_return_val_if_fail (CHC_IS_DATE_ENTRY (self), NULL);
  return self->date;
}

void
chc_date_entry_set_date (ChcDateEntry *self,
                         const char   *date)
{
  g_autofree char *iso = NULL;

  g_return_if_fail (CHC_IS_DATE_ENTRY (self));

  if (date != NULL && *date != '\0')
    iso = chc_date_normalize (date, NULL);

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), iso != NULL ? iso : (date != NULL ? date : ""));
  self->syncing = FALSE;
  chc_date_entry_set_error (self, NULL);
  set_date_internal (self, iso);
}

const char *
chc_date_entry_get_text (ChcDateEntry *self)
{
  g_return_val_if_fail (CHC_IS_DATE_ENTRY (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
chc_date_entry_set_text (ChcDateEntry *self,
                         const char   *text)
{
  g_return_if_fail (CHC_IS_DATE_ENTRY (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
}

gboolean
chc_date_entry_commit (ChcDateEntry *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CHC_IS_DATE_ENTRY (self), FALSE);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  if (*text != '\0')
    {
      iso = chc_date_normalize (text, &error);
      if (iso == NULL)
        {
          chc_date_entry_set_error (self, error->message);
          return FALSE;
        }
    }

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), iso != NULL ? iso : "");
  self->syncing = FALSE;
  chc_date_entry_set_error (self, NULL);
  set_date_internal (self, iso);
  g_signal_emit (self, signals[SIGNAL_COMMIT], 0, iso);
  return TRUE;
}

void
chc_date_entry_set_error (ChcDateEntry *self,
                          const char   *message)
{
  g_return_if_fail (CHC_IS_DATE_ENTRY (self));

  if (message != NULL)
    {
      gtk_widget_add_css_class (self->entry, "error");
      gtk_widget_set_tooltip_text (self->entry, message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (self->entry, "error");
      gtk_widget_set_tooltip_text (self->entry, _("Type 2024-03-15 or 2024年3月15日 and press Enter, or pick a day"));
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
}
