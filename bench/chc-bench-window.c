/* chc-bench-window.c — how long the window takes, from a user's action to
 * the next frame drawn: switching views and changing the district, on a
 * database (the city-scale one of chc-bench-gen for issue 19's goal of
 * under 100 ms).  Needs a display (xvfb-run).
 *
 *   chc-bench-window [--runs N] DB
 *
 * Each measure: the action, then the main loop until the window's frame
 * clock has painted a frame; monotonic clock; median, min and max of N
 * (default 11) after one untimed warm-up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <gtk/gtk.h>

#include "ui/chc-window.h"

static gboolean painted;
static gint64 layout_start, layout_end, paint_start, paint_end;

static void
phase_cb (GdkFrameClock *clock,
          gint64        *stamp)
{
  *stamp = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

/* Runs the main loop until the next frame is painted; its time in ms. */
static double
until_painted (gint64 start)
{
  painted = FALSE;
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A second of the main loop, sleeping when there is nothing to do. */
static void
settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (1000, done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The column view on screen (the view shown has one). */
static GtkWidget *
find_mapped_column_view (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped_column_view (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *times)
{
  g_array_sort (times, compare_doubles);
  g_print ("%-44s median %7.1f ms   min %7.1f   max %7.1f   (%u runs)\n", what,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, 0),
           g_array_index (times, double, times->len - 1), times->len);
}

int
main (int   argc,
      char *argv[])
{
  static const char *views[] = { "dashboard", "facilities", "projects", "signing", "tcm", "reports", "audit" };
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDatabase) database = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  ChcWindow *window;
  GdkFrameClock *clock;
  int runs = 11;
  int arg = 1;

  if (argc > 2 && g_str_equal (argv[1], "--runs"))
    {
      runs = MAX (1, atoi (argv[2]));
      arg = 3;
    }
  if (arg >= argc)
    {
      g_printerr ("usage: chc-bench-window [--runs N] DB\n");
      return 2;
    }
  gtk_init ();

  database = chc_database_open (argv[arg], &error);
  if (database == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  districts = chc_database_list_districts (database, &error);
  window = chc_window_new (NULL, database);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 740);
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  /* With CHC_BENCH_SPLIT: how long the frame's layout and paint took. */
  g_signal_connect (clock, "layout", G_CALLBACK (phase_cb), &layout_start);
  g_signal_connect_after (clock, "layout", G_CALLBACK (phase_cb), &layout_end);
  g_signal_connect (clock, "paint", G_CALLBACK (phase_cb), &paint_start);
  g_signal_connect_after (clock, "paint", G_CALLBACK (phase_cb), &paint_end);

  /* Every view once (each binds its data when first shown), then timed. */
  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autofree char *what = g_strdup_printf ("first show of %s", views[v]);
      gint64 start = g_get_monotonic_time ();

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", views[v]);
      g_print ("%-44s %7.1f ms\n", what, until_painted (start));
      settle ();
    }
  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *what = g_strdup_printf ("switch to %s", views[v]);

      for (int r = 0; r <= runs; r++)
        {
          gint64 start;
          double ms;

          gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                                      v == 0 ? "audit" : "dashboard");
          until_painted (g_get_monotonic_time ());
          start = g_get_monotonic_time ();
          gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", views[v]);
          ms = until_painted (start);
          if (r > 0)
            g_array_append_val (times, ms);
        }
      report (what, times);
    }

  /* The district, on each view (every view bound now). */
  for (guint v = 0; districts != NULL && districts->len > 1 && v < G_N_ELEMENTS (views); v++)
    if (g_getenv ("CHC_BENCH_VIEW") == NULL || g_str_equal (g_getenv ("CHC_BENCH_VIEW"), views[v]))
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *what = g_strdup_printf ("change the district on %s", views[v]);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", views[v]);
      settle ();
      for (int r = 0; r <= runs; r++)
        {
          gint64 start = g_get_monotonic_time ();
          double ms;

          chc_window_set_district (window, g_ptr_array_index (districts, r % 2));
          /* The first run may pick the district shown already: a frame
           * must come all the same. */
          gtk_widget_queue_draw (GTK_WIDGET (window));
          if (g_getenv ("CHC_BENCH_SPLIT") != NULL)
            g_print ("  (the call itself: %.1f ms)\n", (g_get_monotonic_time () - start) / 1000.0);
          ms = until_painted (start);
          if (g_getenv ("CHC_BENCH_SPLIT") != NULL)
            g_print ("  (layout %.1f ms, paint %.1f ms)\n", (layout_end - layout_start) / 1000.0,
                     (paint_end - paint_start) / 1000.0);
          if (r > 0)
            g_array_append_val (times, ms);
        }
      report (what, times);
    }

  /* Scrolling the audit log a page at a time, then to the end and back. */
  {
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
    GtkWidget *list;
    GtkAdjustment *adj;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "audit");
    settle ();
    list = find_mapped_column_view (GTK_WIDGET (window));
    adj = list != NULL ? gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list)) : NULL;
    for (int r = 0; adj != NULL && r <= 2 * runs; r++)
      {
        gint64 start = g_get_monotonic_time ();
        double ms;

        if (r == runs)
          gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
        else if (r == runs + 1)
          gtk_adjustment_set_value (adj, 0);
        else
          gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj));
        ms = until_painted (start);
        if (r > 0)
          g_array_append_val (times, ms);
      }
    if (adj != NULL)
      {
        g_print ("audit log: a list %.0f px high, a page of %.0f px\n", gtk_adjustment_get_upper (adj),
                 gtk_adjustment_get_page_size (adj));
        report ("scroll the audit log (pages, end, top)", times);
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
