/* chc-placeholder-view.c
 *
 * Shows only the title of a view and one line saying what it will hold.
 * It takes the view contract's properties (see chc-window.c) and ignores
 * them, so that the real view replaces it by a change of class in
 * chc-window.ui.  Its text follows the name of its GtkStack page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-placeholder-view"

#include <glib/gi18n-lib.h>

#include "chc-placeholder-view.h"
#include "store/chc-database.h"

struct _ChcPlaceholderView
{
  GtkWidget    parent_instance;

  ChcDatabase *database;
  ChcDistrict *district;
  int          year;

  GtkLabel    *title_label;
  GtkLabel    *description_label;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_DISTRICT,
  PROP_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcPlaceholderView, chc_placeholder_view, GTK_TYPE_WIDGET)

static const struct {
  const char *page;
  const char *description;
} descriptions[] = {
  { "dashboard", N_("Each plan indicator of the district and year: value, target, status and trend. Arrives with the plans issue.") },
  { "projects", N_("New builds, relocations, renovations and standardization, with their milestones. Arrives with the construction issue.") },
  { "signing", N_("Family-doctor signing figures per centre and month, and coverage against the plan target. Arrives with the signing issue.") },
  { "tcm", N_("TCM halls and corners, specialty clinics and the TCM share of visits, per facility and town. Arrives with the TCM issue.") },
  { "reports", N_("The bulletin for a district and period: preview, print and export to PDF. Arrives with the reports issue.") },
};

static void
update_text (ChcPlaceholderView *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkStackPage *page;
  const char *name;

  if (!GTK_IS_STACK (parent))
    return;
  page = gtk_stack_get_page (GTK_STACK (parent), GTK_WIDGET (self));
  name = gtk_stack_page_get_name (page);

  gtk_label_set_label (self->title_label, gtk_stack_page_get_title (page));
  for (guint i = 0; i < G_N_ELEMENTS (descriptions); i++)
    if (g_strcmp0 (descriptions[i].page, name) == 0)
      gtk_label_set_label (self->description_label, _(descriptions[i].description));
}

static void
chc_placeholder_view_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (chc_placeholder_view_parent_class)->root (widget);
  update_text (CHC_PLACEHOLDER_VIEW (widget));
}

static void
chc_placeholder_view_dispose (GObject *object)
{
  ChcPlaceholderView *self = CHC_PLACEHOLDER_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHC_TYPE_PLACEHOLDER_VIEW);
  /* The template's unnamed top box is no bound child: drop it too. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->database);
  g_clear_object (&self->district);

  G_OBJECT_CLASS (chc_placeholder_view_parent_class)->dispose (object);
}

static void
chc_placeholder_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ChcPlaceholderView *self = CHC_PLACEHOLDER_VIEW (object);

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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_placeholder_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ChcPlaceholderView *self = CHC_PLACEHOLDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      if (g_set_object (&self->database, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_DISTRICT:
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

static void
chc_placeholder_view_class_init (ChcPlaceholderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chc_placeholder_view_dispose;
  object_class->get_property = chc_placeholder_view_get_property;
  object_class->set_property = chc_placeholder_view_set_property;
  widget_class->root = chc_placeholder_view_root;

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
                                               "/io/github/chcmonitor/ChcMonitor/ui/chc-placeholder-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ChcPlaceholderView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChcPlaceholderView, description_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
chc_placeholder_view_init (ChcPlaceholderView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
chc_placeholder_view_get_title (ChcPlaceholderView *self)
{
  g_return_val_if_fail (CHC_IS_PLACEHOLDER_VIEW (self), NULL);
  return gtk_label_get_label (self->title_label);
}

const char *
chc_placeholder_view_get_description (ChcPlaceholderView *self)
{
  g_return_val_if_fail (CHC_IS_PLACEHOLDER_VIEW (self), NULL);
  return gtk_label_get_label (self->description_label);
}
