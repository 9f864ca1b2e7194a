/* chc-milestone-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <glib/gi18n-lib.h>

#include "core/chc-date.h"
#include "core/chc-project.h"
#include "chc-milestone-timeline.h"

#define LANE_HEIGHT   28
#define AXIS_HEIGHT   24
#define FOOTER_HEIGHT 26
#define MARKER        6.0

struct _ChcMilestoneTimeline
{
  GtkWidget   parent_instance;

  ChcProject *project;
  guint       as_of;
};

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_AS_OF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChcMilestoneTimeline, chc_milestone_timeline, GTK_TYPE_WIDGET)

static guint32
resolve_as_of (ChcMilestoneTimeline *self)
{
  GDate today;

  if (self->as_of != 0)
    return self->as_of;
  chc_date_today (&today);
  return g_date_get_julian (&today);
}

static char *
julian_to_iso (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return chc_date_to_iso (&date);
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *rgba,
            double         alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
}

/* Draws @text with its left edge at @x (or its right edge, when
 * @align_right), vertically centred on @y. */
static void
draw_text (ChcMilestoneTimeline *self,
           cairo_t              *cr,
           const char           *text,
           double                x,
           double                y,
           gboolean              align_right,
           gboolean              bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int w, h;

  if (bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, align_right ? x - w : x, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static int
text_width (ChcMilestoneTimeline *self,
            const char           *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int w;

  pango_layout_get_pixel_size (layout, &w, NULL);
  g_object_unref (layout);
  return w;
}

static void
draw_diamond (cairo_t *cr,
              double   x,
              double   y,
              double   r)
{
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r, y);
  cairo_line_to (cr, x, y + r);
  cairo_line_to (cr, x - r, y);
  cairo_close_path (cr);
}

static void
draw_timeline (ChcMilestoneTimeline *self,
               cairo_t              *cr,
               int                   width,
               int                   height)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  G_GNUC_END_IGNORE_DEPRECATIONS
  GdkRGBA fg;
  const GdkRGBA red = { 0.80, 0.10, 0.10, 1.0 };
  const GdkRGBA green = { 0.15, 0.55, 0.25, 1.0 };
  const GdkRGBA amber = { 0.80, 0.47, 0.00, 1.0 };
  const GdkRGBA blue = { 0.11, 0.42, 0.85, 1.0 };
  ChcMilestoneKind list[CHC_N_MILESTONES];
  guint32 as_of = resolve_as_of (self);
  guint32 lo = as_of, hi = as_of;
  double label_w = 0, left, right, span;
  g_autofree char *as_of_text = NULL;
  g_autofree char *as_of_iso = NULL;
  GDate today;
  guint n;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (style, &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (self->project == NULL)
    {
      set_source (cr, &fg, 0.55);
      draw_text (self, cr, _("Choose a project to see its milestones."), 8, height / 2.0, FALSE, FALSE);
      return;
    }

  n = chc_project_list_milestones (chc_project_get_kind (self->project),
                                   chc_project_get_facility_type (self->project), list);

  for (guint i = 0; i < n; i++)
    {
      guint32 p = chc_date_julian (chc_project_get_planned (self->project, list[i]));
      guint32 a = chc_date_julian (chc_project_get_actual (self->project, list[i]));

      if (p != 0)
        lo = MIN (lo, p), hi = MAX (hi, p);
      if (a != 0)
        lo = MIN (lo, a), hi = MAX (hi, a);
      label_w = MAX (label_w, text_width (self, chc_milestone_kind_to_label (list[i])));
    }
  /* A margin of a month each side, at least a year shown. */
  lo = lo > 31 ? lo - 31 : 1;
  hi += 31;
  if (hi - lo < 365)
    {
      guint32 extra = (365 - (hi - lo)) / 2;
      lo = lo > extra ? lo - extra : 1;
      hi = lo + 365;
    }

  left = label_w + 20;
  right = width - 16;

  /* Room right of the "as of" line for the widest "N days late". */
  {
    double late_w = 0;

    for (guint i = 0; i < n; i++)
      {
        guint days = chc_project_milestone_days_late (self->project, list[i], as_of);

        if (days > 0)
          {
            g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day late",
                                                                   "%u days late", days), days);
            late_w = MAX (late_w, text_width (self, label));
          }
      }
    if (late_w > 0 && as_of > lo)
      {
        double limit = (width - 12 - late_w - left) * (double) (hi - lo) / (double) (as_of - lo);

        if (limit > 40)
          right = MIN (right, left + limit);
      }
  }
  span = MAX (right - left, 40);
#define X(j) (left + ((double) (j) - lo) / (double) (hi - lo) * span)

  /* Year ticks along the top. */
  cairo_set_line_width (cr, 1);
  {
    GDate d;
    g_date_clear (&d, 1);
    g_date_set_julian (&d, lo);
    for (int year = g_date_get_year (&d) + 1; ; year++)
      {
        guint32 j = chc_date_year_end (year - 1) + 1;
        g_autofree char *label = NULL;

        if (j > hi)
          break;
        set_source (cr, &fg, 0.15);
        cairo_move_to (cr, floor (X (j)) + 0.5, AXIS_HEIGHT - 4);
        cairo_line_to (cr, floor (X (j)) + 0.5, AXIS_HEIGHT + n * LANE_HEIGHT);
        cairo_stroke (cr);
        set_source (cr, &fg, 0.6);
        label = g_strdup_printf ("%d", year);
        draw_text (self, cr, label, X (j) + 3, AXIS_HEIGHT / 2.0, FALSE, FALSE);
      }
  }

  /* The "as of" line. */
  chc_date_today (&today);
  as_of_iso = julian_to_iso (as_of);
  if (as_of == g_date_get_julian (&today))
    as_of_text = g_strdup_printf (_("Today %s"), as_of_iso);
  else
    as_of_text = g_strdup_printf (_("As of %s"), as_of_iso);
  {
    double dashes[] = { 4, 3 };
    double x = floor (X (as_of)) + 0.5;

    set_source (cr, &blue, 1);
    cairo_set_line_width (cr, 1.5);
    cairo_set_dash (cr, dashes, 2, 0);
    cairo_move_to (cr, x, AXIS_HEIGHT - 2);
    cairo_line_to (cr, x, AXIS_HEIGHT + n * LANE_HEIGHT + 4);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
    draw_text (self, cr, as_of_text,
               MIN (x + 4, width - text_width (self, as_of_text) - 4),
               AXIS_HEIGHT + n * LANE_HEIGHT + FOOTER_HEIGHT / 2.0, FALSE, FALSE);
  }

  /* One lane per milestone. */
  for (guint i = 0; i < n; i++)
    {
      ChcMilestoneKind m = list[i];
      double y = AXIS_HEIGHT + i * LANE_HEIGHT + LANE_HEIGHT / 2.0;
      guint32 p = chc_date_julian (chc_project_get_planned (self->project, m));
      guint32 a = chc_date_julian (chc_project_get_actual (self->project, m));
      guint days_late = chc_project_milestone_days_late (self->project, m, as_of);
      gboolean reached = a != 0 && a <= as_of;

      if (i % 2 == 0)
        {
          set_source (cr, &fg, 0.04);
          cairo_rectangle (cr, 0, y - LANE_HEIGHT / 2.0, width, LANE_HEIGHT);
          cairo_fill (cr);
        }

      set_source (cr, days_late > 0 ? &red : &fg, days_late > 0 ? 1 : 0.85);
      draw_text (self, cr, chc_milestone_kind_to_label (m), left - 12, y, TRUE, days_late > 0);

      if (p == 0 && a == 0)
        {
          set_source (cr, &fg, 0.4);
          draw_text (self, cr, _("not scheduled"), left + 4, y, FALSE, FALSE);
          continue;
        }

      /* Planned to actual. */
      if (p != 0 && reached)
        {
          set_source (cr, &fg, 0.35);
          cairo_set_line_width (cr, 2);
          cairo_move_to (cr, X (p), y);
          cairo_line_to (cr, X (a), y);
          cairo_stroke (cr);
        }

      /* Overdue: red from the planned date to the "as of" line, with the
       * days written out (never colour alone). */
      if (days_late > 0)
        {
          g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day late",
                                                                 "%u days late", days_late),
                                                    days_late);
          double lw = text_width (self, label);
          double lx = X (as_of) + 8;

          set_source (cr, &red, 1);
          cairo_set_line_width (cr, 4);
          cairo_move_to (cr, X (p), y);
          cairo_line_to (cr, X (as_of), y);
          cairo_stroke (cr);
          if (lx + lw > width - 2)
            lx = X (p) - 10 - lw;
          draw_text (self, cr, label, MAX (lx, left), y, FALSE, TRUE);
        }

      if (p != 0)
        {
          const GdkRGBA white = { 1, 1, 1, 1 };

          draw_diamond (cr, X (p), y, MARKER + 1);
          set_source (cr, &white, 1);
          cairo_fill_preserve (cr);
          set_source (cr, days_late > 0 ? &red : &fg, 0.9);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }

      if (reached)
        {
          cairo_arc (cr, X (a), y, MARKER, 0, 2 * G_PI);
          set_source (cr, (p != 0 && a > p) ? &amber : &green, 1);
          cairo_fill (cr);
        }
    }

  /* Legend. */
  {
    double y = AXIS_HEIGHT + n * LANE_HEIGHT + FOOTER_HEIGHT / 2.0;
    double x = 8;

    draw_diamond (cr, x + MARKER, y, MARKER);
    set_source (cr, &fg, 0.9);
    cairo_set_line_width (cr, 1.5);
    cairo_stroke (cr);
    x += 2 * MARKER + 4;
    draw_text (self, cr, _("Planned"), x, y, FALSE, FALSE);
    x += text_width (self, _("Planned")) + 14;

    cairo_arc (cr, x + MARKER, y, MARKER, 0, 2 * G_PI);
    set_source (cr, &green, 1);
    cairo_fill (cr);
    x += 2 * MARKER + 4;
    set_source (cr, &fg, 0.9);
    draw_text (self, cr, _("Reached on time"), x, y, FALSE, FALSE);
    x += text_width (self, _("Reached on time")) + 14;

    cairo_arc (cr, x + MARKER, y, MARKER, 0, 2 * G_PI);
    set_source (cr, &amber, 1);
    cairo_fill (cr);
    x += 2 * MARKER + 4;
    set_source (cr, &fg, 0.9);
    draw_text (self, cr, _("Reached late"), x, y, FALSE, FALSE);
  }
#undef X
}

static void
chc_milestone_timeline_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  ChcMilestoneTimeline *self = CHC_MILESTONE_TIMELINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_timeline (self, cr, width, height);
  cairo_destroy (cr);
}

static void
chc_milestone_timeline_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  ChcMilestoneTimeline *self = CHC_MILESTONE_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 360;
      *natural = 560;
    }
  else
    {
      ChcMilestoneKind list[CHC_N_MILESTONES];
      guint n = self->project != NULL
                ? chc_project_list_milestones (chc_project_get_kind (self->project),
                                               chc_project_get_facility_type (self->project), list)
                : 2;
      *minimum = *natural = AXIS_HEIGHT + n * LANE_HEIGHT + FOOTER_HEIGHT;
    }
}

static void
update_description (ChcMilestoneTimeline *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  ChcProjectStatus status;

  if (self->project != NULL)
    {
      chc_project_evaluate (self->project, resolve_as_of (self), &status);
      g_string_append (text, chc_project_stage_to_label (status.stage));
      if (status.late)
        {
          g_string_append (text, "; ");
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u day late",
                                                     "%u days late", status.days_late),
                                  status.days_late);
        }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

static void
on_project_notify_cb (ChcMilestoneTimeline *self)
{
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
chc_milestone_timeline_dispose (GObject *object)
{
  ChcMilestoneTimeline *self = (ChcMilestoneTimeline *) object;

  g_clear_object (&self->project);

  G_OBJECT_CLASS (chc_milestone_timeline_parent_class)->dispose (object);
}

static void
chc_milestone_timeline_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ChcMilestoneTimeline *self = CHC_MILESTONE_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_AS_OF:
      g_value_set_uint (value, self->as_of);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_milestone_timeline_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ChcMilestoneTimeline *self = CHC_MILESTONE_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      chc_milestone_timeline_set_project (self, g_value_get_object (value));
      break;
    case PROP_AS_OF:
      chc_milestone_timeline_set_as_of (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_milestone_timeline_class_init (ChcMilestoneTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = chc_milestone_timeline_dispose;
  object_class->get_property = chc_milestone_timeline_get_property;
  object_class->set_property = chc_milestone_timeline_set_property;
  widget_class->snapshot = chc_milestone_timeline_snapshot;
  widget_class->measure = chc_milestone_timeline_measure;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, CHC_TYPE_PROJECT, flags);
  properties[PROP_AS_OF] =
    g_param_spec_uint ("as-of", NULL, NULL, 0, G_MAXUINT32, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chc-milestone-timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
chc_milestone_timeline_init (ChcMilestoneTimeline *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Milestone timeline"), -1);
}

GtkWidget *
chc_milestone_timeline_new (void)
{
  return g_object_new (CHC_TYPE_MILESTONE_TIMELINE, NULL);
}

ChcProject *
chc_milestone_timeline_get_project (ChcMilestoneTimeline *self)
{
  g_return_val_if_fail (CHC_IS_MILESTONE_TIMELINE (self), NULL);
  return self->project;
}

void
chc_milestone_timeline_set_project (ChcMilestoneTimeline *self,
                                    ChcProject           *project)
{
  g_return_if_fail (CHC_IS_MILESTONE_TIMELINE (self));
  g_return_if_fail (project == NULL || CHC_IS_PROJECT (project));

  if (self->project == project)
    return;
  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->project, on_project_notify_cb, self);
      for (guint m = 0; m < CHC_N_MILESTONES; m++)
        g_signal_handlers_disconnect_by_func (chc_project_get_milestone (self->project, m),
                                              on_project_notify_cb, self);
    }
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "notify", G_CALLBACK (on_project_notify_cb),
                             self, G_CONNECT_SWAPPED);
  for (guint m = 0; project != NULL && m < CHC_N_MILESTONES; m++)
    g_signal_connect_object (chc_project_get_milestone (project, m), "notify",
                             G_CALLBACK (on_project_notify_cb), self, G_CONNECT_SWAPPED);
  on_project_notify_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

guint
chc_milestone_timeline_get_as_of (ChcMilestoneTimeline *self)
{
  g_return_val_if_fail (CHC_IS_MILESTONE_TIMELINE (self), 0);
  return self->as_of;
}

void
chc_milestone_timeline_set_as_of (ChcMilestoneTimeline *self,
                                  guint                 as_of)
{
  g_return_if_fail (CHC_IS_MILESTONE_TIMELINE (self));

  if (self->as_of == as_of)
    return;
  self->as_of = as_of;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}
