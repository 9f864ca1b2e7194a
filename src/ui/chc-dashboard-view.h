/* chc-dashboard-view.h — the Dashboard: every indicator of the district's
 * plan for the year against its target, grouped by area, with its trend.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_DASHBOARD_VIEW (chc_dashboard_view_get_type ())
G_DECLARE_FINAL_TYPE (ChcDashboardView, chc_dashboard_view, CHC, DASHBOARD_VIEW, GtkWidget)

/* The view contract of chc-window.c: properties "database" (ChcDatabase),
 * "district" (ChcDistrict) and "year" (int).
 *
 * Signals:
 *   ::show-data (const char *view, const char *filter) — a row was
 *     activated: open @view ("facilities", "projects", "signing" or "tcm",
 *     the page names of the window's stack) filtered by @filter, a list of
 *     key=value pairs separated by ';':
 *       district=<id>;year=<year>;indicator=<code>;scope=<types>;condition=<name>
 *     (scope: comma-separated facility types; condition: the indicator's
 *     condition or numerator/denominator figures).
 *   ::updated — new results are shown (after each computation).
 *
 * Properties (read-only): "busy" — a computation runs (in a worker thread,
 * with its own connection to the same database file). */
GtkWidget  *chc_dashboard_view_new         (void);
/* The results shown, grouped by area (element type ChcIndicatorResult,
 * each with its trend). */
GListModel *chc_dashboard_view_get_results (ChcDashboardView *self);
gboolean    chc_dashboard_view_get_busy    (ChcDashboardView *self);
/* Computes again now (the "dashboard.refresh" action, F5). */
void        chc_dashboard_view_refresh     (ChcDashboardView *self);

G_END_DECLS
