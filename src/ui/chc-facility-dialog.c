/* chc-facility-dialog.c
 *
 * The dialog edits a copy of the facility (chc_facility_copy()).  Every
 * change of a field goes into the copy, which the store checks at once
 * (chc_database_check_facility()); each broken rule is shown under its
 * field, and Save stays insensitive while any is left.  The rules
 * themselves live in src/core/chc-validate.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-facility-dialog"

#include <glib/gi18n-lib.h>

#include "chc-facility-dialog.h"
#include "chc-capabilities-dialog.h"
#include "chc-ui-util.h"
#include "core/chc-codes.h"
#include "core/chc-validate.h"

typedef enum
{
  FIELD_CODE,
  FIELD_NAME,
  FIELD_DISTRICT,
  FIELD_TOWN,
  FIELD_PARENT,
  FIELD_FLOOR_AREA,
  FIELD_STANDARDIZED_YEAR,
  FIELD_CREDIT_CODE,
  FIELD_LICENSE_NO,
  FIELD_OPENED_ON,
  FIELD_CLOSED_ON,
  N_FIELDS
} Field;

struct _ChcFacilityDialog
{
  GtkWindow       parent_instance;

  ChcRegistry    *registry;
  ChcDatabase    *database;
  ChcFacility    *facility;       /* the copy being edited */
  gboolean        is_new;
  GListStore     *districts;
  GArray         *town_ids;       /* gint64, by position in town_dropdown */
  GArray         *parent_ids;     /* gint64, by position in parent_dropdown */
  guint           touched;        /* bit per Field: errors are shown */
  gboolean        filling;        /* widgets being set from the copy */
  GPtrArray      *violations;

  /* template children */
  GtkLabel       *message_label;
  GtkEntry       *code_entry;
  GtkEntry       *name_entry;
  GtkDropDown    *type_dropdown;
  GtkDropDown    *district_dropdown;
  GtkDropDown    *town_dropdown;
  GtkDropDown    *parent_dropdown;
  GtkSpinButton  *floor_area_spin;
  GtkCheckButton *standardized_check;
  GtkSpinButton  *year_spin;
  GtkDropDown    *status_dropdown;
  GtkEntry       *credit_code_entry;
  GtkEntry       *license_no_entry;
  GtkEntry       *opened_on_entry;
  GtkEntry       *closed_on_entry;
  GtkLabel       *code_error;
  GtkLabel       *name_error;
  GtkLabel       *district_error;
  GtkLabel       *town_error;
  GtkLabel       *parent_error;
  GtkLabel       *floor_area_error;
  GtkLabel       *standardized_year_error;
  GtkLabel       *credit_code_error;
  GtkLabel       *license_no_error;
  GtkLabel       *opened_on_error;
  GtkLabel       *closed_on_error;
  GtkWidget      *save_button;
  GtkWidget      *capabilities_button;
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChcFacilityDialog, chc_facility_dialog, GTK_TYPE_WINDOW)

/* The ChcViolation.field keys, with the widget and the label of each. */
static const struct {
  const char *key;
  glong       widget_offset;
  glong       label_offset;
} fields[N_FIELDS] = {
  [FIELD_CODE] = { "code", G_STRUCT_OFFSET (ChcFacilityDialog, code_entry),
                   G_STRUCT_OFFSET (ChcFacilityDialog, code_error) },
  [FIELD_NAME] = { "name", G_STRUCT_OFFSET (ChcFacilityDialog, name_entry),
                   G_STRUCT_OFFSET (ChcFacilityDialog, name_error) },
  [FIELD_DISTRICT] = { "district", G_STRUCT_OFFSET (ChcFacilityDialog, district_dropdown),
                       G_STRUCT_OFFSET (ChcFacilityDialog, district_error) },
  [FIELD_TOWN] = { "town", G_STRUCT_OFFSET (ChcFacilityDialog, town_dropdown),
                   G_STRUCT_OFFSET (ChcFacilityDialog, town_error) },
  [FIELD_PARENT] = { "parent", G_STRUCT_OFFSET (ChcFacilityDialog, parent_dropdown),
                     G_STRUCT_OFFSET (ChcFacilityDialog, parent_error) },
  [FIELD_FLOOR_AREA] = { "floor_area", G_STRUCT_OFFSET (ChcFacilityDialog, floor_area_spin),
                         G_STRUCT_OFFSET (ChcFacilityDialog, floor_area_error) },
  [FIELD_STANDARDIZED_YEAR] = { "standardized_year", G_STRUCT_OFFSET (ChcFacilityDialog, year_spin),
                                G_STRUCT_OFFSET (ChcFacilityDialog, standardized_year_error) },
  [FIELD_CREDIT_CODE] = { "credit_code", G_STRUCT_OFFSET (ChcFacilityDialog, credit_code_entry),
                          G_STRUCT_OFFSET (ChcFacilityDialog, credit_code_error) },
  [FIELD_LICENSE_NO] = { "license_no", G_STRUCT_OFFSET (ChcFacilityDialog, license_no_entry),
                         G_STRUCT_OFFSET (ChcFacilityDialog, license_no_error) },
  [FIELD_OPENED_ON] = { "opened_on", G_STRUCT_OFFSET (ChcFacilityDialog, opened_on_entry),
                        G_STRUCT_OFFSET (ChcFacilityDialog, opened_on_error) },
  [FIELD_CLOSED_ON] = { "closed_on", G_STRUCT_OFFSET (ChcFacilityDialog, closed_on_entry),
                        G_STRUCT_OFFSET (ChcFacilityDialog, closed_on_error) },
};

#define FIELD_WIDGET(self, i) (G_STRUCT_MEMBER (GtkWidget *, (self), fields[i].widget_offset))
#define FIELD_LABEL(self, i)  (G_STRUCT_MEMBER (GtkLabel *, (self), fields[i].label_offset))
#define ALL_FIELDS ((1u << N_FIELDS) - 1)

/* ---- helpers ---------------------------------------------------------- */

static void
validate (ChcFacilityDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) other = g_string_new (NULL);

  g_clear_pointer (&self->violations, g_ptr_array_unref);
  self->violations = chc_database_check_facility (self->database, self->facility, &error);
  if (self->violations == NULL)
    {
      gtk_label_set_label (self->message_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      gtk_widget_set_sensitive (self->save_button, FALSE);
      self->violations = chc_violations_new ();
      return;
    }

  for (guint i = 0; i < N_FIELDS; i++)
    {
      const ChcViolation *v = chc_violations_find (self->violations, fields[i].key);
      gboolean show = v != NULL && (self->touched & (1u << i)) != 0;
      GtkLabel *label = FIELD_LABEL (self, i);

      gtk_label_set_label (label, show ? v->message : "");
      gtk_widget_set_visible (GTK_WIDGET (label), show);
      if (show)
        gtk_widget_add_css_class (FIELD_WIDGET (self, i), "error");
      else
        gtk_widget_remove_css_class (FIELD_WIDGET (self, i), "error");
    }

  /* A rule on no field of the form (none today) still must be seen. */
  for (guint j = 0; j < self->violations->len; j++)
    {
      const ChcViolation *v = g_ptr_array_index (self->violations, j);
      gboolean known = FALSE;

      for (guint i = 0; i < N_FIELDS && !known; i++)
        known = g_strcmp0 (v->field, fields[i].key) == 0;
      if (!known && self->touched != 0)
        g_string_append_printf (other, "%s%s", other->len ? "\n" : "", v->message);
    }
  if (other->len > 0)
    {
      gtk_label_set_label (self->message_label, other->str);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
    }

  gtk_widget_set_sensitive (self->save_button, self->violations->len == 0);
}

static void
touch (ChcFacilityDialog *self,
       Field              field)
{
  self->touched |= 1u << field;
  validate (self);
}

static guint
find_id (GArray *ids,
         gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return 0;
}

static void
fill_towns (ChcFacilityDialog *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) towns = NULL;
  g_autoptr(GError) error = NULL;
  gint64 none = 0;

  g_array_set_size (self->town_ids, 0);
  gtk_string_list_append (list, _("(none)"));
  g_array_append_val (self->town_ids, none);

  if (chc_facility_get_district_id (self->facility) > 0)
    {
      towns = chc_database_list_towns (self->database,
                                       chc_facility_get_district_id (self->facility), &error);
      if (towns == NULL)
        g_warning ("Cannot list the towns: %s", error->message);
    }
  for (guint i = 0; towns != NULL && i < towns->len; i++)
    {
      ChcTown *town = g_ptr_array_index (towns, i);
      gint64 id = chc_town_get_id (town);

      gtk_string_list_append (list, chc_town_get_name (town));
      g_array_append_val (self->town_ids, id);
    }

  gtk_drop_down_set_model (self->town_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->town_dropdown,
                              find_id (self->town_ids, chc_facility_get_town_id (self->facility)));
}

/* The centres of the facility's district (never the facility itself). */
static void
fill_parents (ChcFacilityDialog *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GListModel *facilities = chc_registry_get_facilities (self->registry);
  gint64 district = chc_facility_get_district_id (self->facility);
  gint64 parent = chc_facility_get_parent_id (self->facility);
  gboolean parent_listed = parent <= 0;
  guint n = g_list_model_get_n_items (facilities);
  gint64 none = 0;

  g_array_set_size (self->parent_ids, 0);
  gtk_string_list_append (list, _("(none)"));
  g_array_append_val (self->parent_ids, none);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChcFacility) f = g_list_model_get_item (facilities, i);
      gint64 id = chc_facility_get_id (f);

      if (chc_facility_get_facility_type (f) != CHC_FACILITY_CENTRE ||
          chc_facility_get_district_id (f) != district ||
          id == chc_facility_get_id (self->facility))
        continue;
      gtk_string_list_append (list, chc_facility_get_name (f));
      g_array_append_val (self->parent_ids, id);
      parent_listed |= id == parent;
    }
  /* A stored parent that breaks a rule stays visible, with its error. */
  if (!parent_listed)
    {
      gtk_string_list_append (list, chc_facility_get_parent_name (self->facility));
      g_array_append_val (self->parent_ids, parent);
    }

  gtk_drop_down_set_model (self->parent_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->parent_dropdown, find_id (self->parent_ids, parent));
  gtk_widget_set_sensitive (GTK_WIDGET (self->parent_dropdown),
                            chc_facility_get_facility_type (self->facility) != CHC_FACILITY_CENTRE ||
                            parent > 0);
}

/* Sets every widget from the copy. */
static void
fill_widgets (ChcFacilityDialog *self)
{
  ChcFacility *f = self->facility;
  guint district = GTK_INVALID_LIST_POSITION;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->districts));
  int year = chc_facility_get_standardized_year (f);

  self->filling = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), chc_facility_get_code (f) ? chc_facility_get_code (f) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), chc_facility_get_name (f) ? chc_facility_get_name (f) : "");
  gtk_drop_down_set_selected (self->type_dropdown, chc_facility_get_facility_type (f));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChcDistrict) d = g_list_model_get_item (G_LIST_MODEL (self->districts), i);
      if (chc_district_get_id (d) == chc_facility_get_district_id (f))
        district = i;
    }
  gtk_drop_down_set_selected (self->district_dropdown, district);
  fill_towns (self);
  fill_parents (self);
  gtk_spin_button_set_value (self->floor_area_spin, chc_facility_get_floor_area (f));
  gtk_check_button_set_active (self->standardized_check, chc_facility_get_standardized (f));
  gtk_spin_button_set_value (self->year_spin, year > 0 ? year : CHC_UI_DEFAULT_YEAR);
  gtk_widget_set_sensitive (GTK_WIDGET (self->year_spin), chc_facility_get_standardized (f));
  gtk_drop_down_set_selected (self->status_dropdown, chc_facility_get_status (f));
  gtk_editable_set_text (GTK_EDITABLE (self->credit_code_entry),
                         chc_facility_get_credit_code (f) ? chc_facility_get_credit_code (f) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->license_no_entry),
                         chc_facility_get_license_no (f) ? chc_facility_get_license_no (f) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->opened_on_entry),
                         chc_facility_get_opened_on (f) ? chc_facility_get_opened_on (f) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->closed_on_entry),
                         chc_facility_get_closed_on (f) ? chc_facility_get_closed_on (f) : "");

  self->filling = FALSE;
}

/* ---- callbacks -------------------------------------------------------- */

static void
on_code_changed_cb (ChcFacilityDialog *self)
{
  if (self->filling)
    return;
  chc_facility_set_code (self->facility, gtk_editable_get_text (GTK_EDITABLE (self->code_entry)));
  touch (self, FIELD_CODE);
}

/* The codes as stored: spaces around dropped, the credit code's letters in
 * capitals (the rules then check the form). */
static void
on_credit_code_changed_cb (ChcFacilityDialog *self)
{
  g_autofree char *code = NULL;

  if (self->filling)
    return;
  code = chc_code_normalize (gtk_editable_get_text (GTK_EDITABLE (self->credit_code_entry)));
  chc_facility_set_credit_code (self->facility, code);
  touch (self, FIELD_CREDIT_CODE);
}

static void
on_license_no_changed_cb (ChcFacilityDialog *self)
{
  g_autofree char *number = NULL;

  if (self->filling)
    return;
  number = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->license_no_entry))));
  chc_facility_set_license_no (self->facility, number);
  touch (self, FIELD_LICENSE_NO);
}

/* The history's dates (issue 14): as typed, in any form the store reads
 * (2024-03-15, 2024/3/15); empty is none.  Closing a facility without a
 * date closes it today. */
static void
on_dates_changed_cb (ChcFacilityDialog *self)
{
  g_autofree char *opened = NULL;
  g_autofree char *closed = NULL;

  if (self->filling)
    return;
  opened = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->opened_on_entry))));
  closed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->closed_on_entry))));
  chc_facility_set_opened_on (self->facility, opened);
  chc_facility_set_closed_on (self->facility, closed);
  touch (self, FIELD_OPENED_ON);
  touch (self, FIELD_CLOSED_ON);
}

/* An existing facility's service capabilities (saved at once, apart from
 * this dialog's fields). */
static void
on_capabilities_clicked_cb (ChcFacilityDialog *self)
{
  ChcCapabilitiesDialog *dialog;

  if (self->is_new)
    return;
  dialog = chc_capabilities_dialog_new (GTK_WINDOW (self), self->database, self->facility);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_name_changed_cb (ChcFacilityDialog *self)
{
  if (self->filling)
    return;
  chc_facility_set_name (self->facility, gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  touch (self, FIELD_NAME);
}

static void
on_type_selected_cb (ChcFacilityDialog *self)
{
  guint type = gtk_drop_down_get_selected (self->type_dropdown);

  if (self->filling || type == GTK_INVALID_LIST_POSITION)
    return;
  chc_facility_set_facility_type (self->facility, type);
  /* A centre has no parent: clear it rather than report it. */
  if (type == CHC_FACILITY_CENTRE)
    chc_facility_set_parent_id (self->facility, 0);
  self->filling = TRUE;
  fill_parents (self);
  self->filling = FALSE;
  touch (self, FIELD_PARENT);
}

static void
on_district_selected_cb (ChcFacilityDialog *self)
{
  ChcDistrict *district = gtk_drop_down_get_selected_item (self->district_dropdown);
  gint64 id = district != NULL ? chc_district_get_id (district) : 0;

  if (self->filling || id == chc_facility_get_district_id (self->facility))
    return;
  chc_facility_set_district_id (self->facility, id);
  chc_facility_set_district_name (self->facility, district != NULL ? chc_district_get_name (district) : NULL);
  /* Towns and centres belong to a district: choose them again. */
  chc_facility_set_town_id (self->facility, 0);
  chc_facility_set_parent_id (self->facility, 0);
  self->filling = TRUE;
  fill_towns (self);
  fill_parents (self);
  self->filling = FALSE;
  touch (self, FIELD_DISTRICT);
}

static void
on_town_selected_cb (ChcFacilityDialog *self)
{
  guint position = gtk_drop_down_get_selected (self->town_dropdown);

  if (self->filling || position >= self->town_ids->len)
    return;
  chc_facility_set_town_id (self->facility, g_array_index (self->town_ids, gint64, position));
  touch (self, FIELD_TOWN);
}

static void
on_parent_selected_cb (ChcFacilityDialog *self)
{
  guint position = gtk_drop_down_get_selected (self->parent_dropdown);

  if (self->filling || position >= self->parent_ids->len)
    return;
  chc_facility_set_parent_id (self->facility, g_array_index (self->parent_ids, gint64, position));
  touch (self, FIELD_PARENT);
}

static void
on_floor_area_changed_cb (ChcFacilityDialog *self)
{
  if (self->filling)
    return;
  chc_facility_set_floor_area (self->facility, gtk_spin_button_get_value (self->floor_area_spin));
  touch (self, FIELD_FLOOR_AREA);
}

static void
on_standardized_changed_cb (ChcFacilityDialog *self)
{
  gboolean active = gtk_check_button_get_active (self->standardized_check);

  gtk_widget_set_sensitive (GTK_WIDGET (self->year_spin), active);
  if (self->filling)
    return;
  chc_facility_set_standardized (self->facility, active);
  chc_facility_set_standardized_year (self->facility,
                                      active ? gtk_spin_button_get_value_as_int (self->year_spin) : 0);
  touch (self, FIELD_STANDARDIZED_YEAR);
}

static void
on_status_selected_cb (ChcFacilityDialog *self)
{
  guint status = gtk_drop_down_get_selected (self->status_dropdown);

  if (self->filling || status == GTK_INVALID_LIST_POSITION)
    return;
  chc_facility_set_status (self->facility, status);
  validate (self);
}

static void
on_save_clicked_cb (ChcFacilityDialog *self)
{
  chc_facility_dialog_save (self);
}

static char *
district_label_cb (ChcDistrict *district)
{
  return district != NULL ? chc_ui_district_label (district) : g_strdup ("");
}

/* ---- GObject ---------------------------------------------------------- */

static void
chc_facility_dialog_dispose (GObject *object)
{
  ChcFacilityDialog *self = CHC_FACILITY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_FACILITY_DIALOG);
  g_clear_object (&self->registry);
  g_clear_object (&self->database);
  g_clear_object (&self->facility);
  g_clear_object (&self->districts);
  g_clear_pointer (&self->town_ids, g_array_unref);
  g_clear_pointer (&self->parent_ids, g_array_unref);
  g_clear_pointer (&self->violations, g_ptr_array_unref);

  G_OBJECT_CLASS (chc_facility_dialog_parent_class)->dispose (object);
}

static void
chc_facility_dialog_class_init (ChcFacilityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_facility_dialog_dispose;

  /**
   * ChcFacilityDialog::saved:
   * @facility: the facility as stored (with its id)
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CHC_TYPE_FACILITY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-facility-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, code_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, district_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, town_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, parent_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, floor_area_spin);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, standardized_check);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, credit_code_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, license_no_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, opened_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, closed_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, credit_code_error);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, license_no_error);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, opened_on_error);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, closed_on_error);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, code_error);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, name_error);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, district_error);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, town_error);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, parent_error);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, floor_area_error);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, standardized_year_error);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_type_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_district_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_town_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_parent_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_floor_area_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_standardized_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_credit_code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_license_no_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dates_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_capabilities_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, ChcFacilityDialog, capabilities_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chc_facility_dialog_init (ChcFacilityDialog *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) label = NULL;

  self->town_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->parent_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->districts = g_list_store_new (CHC_TYPE_DISTRICT);
  self->filling = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (int t = CHC_FACILITY_CENTRE; t < CHC_N_FACILITY_TYPES; t++)
    gtk_string_list_append (types, chc_facility_type_to_label (t));
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (types));
  for (int s = CHC_FACILITY_OPERATING; s <= CHC_FACILITY_CLOSED; s++)
    gtk_string_list_append (statuses, chc_facility_status_to_label (s));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));

  label = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                       G_CALLBACK (district_label_cb), NULL, NULL);
  gtk_drop_down_set_expression (self->district_dropdown, label);
  gtk_drop_down_set_model (self->district_dropdown, G_LIST_MODEL (self->districts));

  self->filling = FALSE;
}

/* ---- public API ------------------------------------------------------- */

ChcFacilityDialog *
chc_facility_dialog_new (GtkWindow   *parent,
                         ChcRegistry *registry,
                         ChcFacility *facility,
                         gint64       district_id)
{
  ChcFacilityDialog *self;
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CHC_IS_REGISTRY (registry), NULL);
  g_return_val_if_fail (facility == NULL || CHC_IS_FACILITY (facility), NULL);

  self = g_object_new (CHC_TYPE_FACILITY_DIALOG,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->registry = g_object_ref (registry);
  self->database = g_object_ref (chc_registry_get_database (registry));
  self->is_new = facility == NULL;
  if (facility != NULL)
    self->facility = chc_facility_copy (facility);
  else
    {
      self->facility = chc_facility_new ();
      chc_facility_set_district_id (self->facility, district_id);
    }

  gtk_window_set_title (GTK_WINDOW (self),
                        self->is_new ? _("New Facility") : _("Edit Facility"));
  gtk_widget_set_visible (self->capabilities_button, !self->is_new);

  districts = chc_database_list_districts (self->database, &error);
  if (districts == NULL)
    g_warning ("Cannot list the districts: %s", error->message);
  else
    g_list_store_splice (self->districts, 0, 0, districts->pdata, districts->len);

  fill_widgets (self);
  /* An existing facility shows every problem it has; a new one, only
   * those of the fields the user has changed. */
  self->touched = self->is_new ? 0 : ALL_FIELDS;
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->is_new ? self->code_entry : self->name_entry));
  return self;
}

ChcFacility *
chc_facility_dialog_get_facility (ChcFacilityDialog *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY_DIALOG (self), NULL);
  return self->facility;
}

GPtrArray *
chc_facility_dialog_get_violations (ChcFacilityDialog *self)
{
  g_return_val_if_fail (CHC_IS_FACILITY_DIALOG (self), NULL);
  return self->violations;
}

gboolean
chc_facility_dialog_save (ChcFacilityDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcFacility) saved = NULL;
  gboolean ok;

  g_return_val_if_fail (CHC_IS_FACILITY_DIALOG (self), FALSE);

  self->touched = ALL_FIELDS;
  validate (self);
  if (self->violations->len > 0)
    return FALSE;

  if (self->is_new)
    ok = chc_registry_add_facility (self->registry, self->facility, &error);
  else
    ok = chc_registry_update_facility (self->registry, self->facility, &error);

  if (!ok)
    {
      /* Nothing is lost: the dialog stays open with every field. */
      gtk_label_set_label (self->message_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      validate (self);
      return FALSE;
    }

  saved = g_object_ref (self->facility);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, saved);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
