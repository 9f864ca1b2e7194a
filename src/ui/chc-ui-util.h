/* chc-ui-util.h — small helpers shared by the widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-registry.h"

G_BEGIN_DECLS

/* The registry of @database shared by every widget showing it (one list
 * model per open database, so a write through one view updates the
 * others without a reload).  Returns: (transfer full). */
ChcRegistry *chc_ui_dup_registry      (ChcDatabase  *database);

/* How a district is named in a selector: "青浦区" when the interface is
 * Chinese, "Qingpu (青浦区)" otherwise.  Returns: (transfer full). */
char        *chc_ui_district_label    (ChcDistrict  *district);

/* The plan years offered by the year selectors: 2023, 2024, 2025 and every
 * later year up to the current one. */
int          chc_ui_first_year        (void);
int          chc_ui_last_year         (void);
#define CHC_UI_DEFAULT_YEAR 2025

/* A column of a GtkColumnView that shows a label per item: the text
 * @func returns (g_free()d), or the value of the item's @property (a
 * string or a number) with a sorter for it.  @numeric: right-aligned. */
typedef char *(*ChcUiTextFunc) (gpointer item,
                                gpointer user_data);
void         chc_ui_column_set_text     (GtkColumnViewColumn *column,
                                         ChcUiTextFunc        func,
                                         gpointer             user_data,
                                         gboolean             numeric);
void         chc_ui_column_set_property (GtkColumnViewColumn *column,
                                         GType                item_type,
                                         const char          *property,
                                         gboolean             numeric);

/* For items with "table" and "field" properties (audit entries, merge
 * changes): the table's and the field's names in the user's words. */
char        *chc_ui_table_text          (gpointer             item,
                                         gpointer             user_data);
char        *chc_ui_field_text          (gpointer             item,
                                         gpointer             user_data);

/* A stored value as the user reads it: "8200.0" → "8200". */
char        *chc_ui_display_value       (const char          *value);
/* A stored value of @table's @field as the user reads it: an enum's label
 * ("branch" → "分中心"), yes or no, a whole number without ".0". */
char        *chc_ui_display_field_value (const char          *table,
                                         const char          *field,
                                         const char          *value);
/* A whole row stored as JSON (the audit log's inserted and deleted rows)
 * as "名称：…；类型：分中心；…" (empty fields left out). */
char        *chc_ui_display_row         (const char          *table,
                                         const char          *json);
/* What to look for in the stored origins when the user typed @text in the
 * words they read ("录入" → "entry", "导入 a.csv" → "import a.csv"). */
char        *chc_ui_origin_search       (const char          *text);
/* An audit origin as the user reads it: "import a.csv" → "导入 a.csv". */
char        *chc_ui_display_origin      (const char          *origin);

/* The buttons of a question: Cancel, then @discard_label (may be NULL; a
 * destructive GTK_RESPONSE_REJECT), then @accept_label (GTK_RESPONSE_ACCEPT,
 * the default; destructive or suggested as @accept_destructive says). */
void         chc_ui_dialog_add_choices  (GtkDialog           *dialog,
                                         const char          *discard_label,
                                         const char          *accept_label,
                                         gboolean             accept_destructive);

/* The application's settings, or NULL (with a message) when the schema is
 * not installed: callers then remember nothing. */
GSettings   *chc_ui_settings_new      (void);

/* @widget's tooltip (NULL: none), kept and shown when asked for
 * (query-tooltip): in GTK 4.8 gtk_widget_set_tooltip_text() costs far
 * more (it updates the accessible description), which a grid or list of
 * hundreds of cells feels on every reload. */
void         chc_ui_set_tooltip          (GtkWidget           *widget,
                                          const char          *text);
/* What the user typed in a search box, as chc_ui_search_matches() wants
 * it: trimmed and case-folded, or NULL when there is nothing to find. */
char        *chc_ui_search_key           (const char          *typed);
/* @text (may be NULL) contains the @key of chc_ui_search_key(); any
 * text matches a NULL key. */
gboolean     chc_ui_search_matches       (const char          *text,
                                          const char          *key);
/* The tooltip text of @widget, whether set by chc_ui_set_tooltip() or
 * by GTK's own. */
const char  *chc_ui_get_tooltip          (GtkWidget           *widget);
/* A list cell's label shows its whole text as a tooltip when it is cut
 * (ellipsized), asked for when the pointer rests on it: nothing is set
 * when rows are bound. */
void         chc_ui_label_tooltip_when_cut (GtkLabel          *label);

/* Adds or removes the CSS class @name of @widget. */
void         chc_ui_set_css_class          (GtkWidget         *widget,
                                            const char        *name,
                                            gboolean           on);
/* A canonical period ("2024-12", "2024Q4", "2024") as the user reads it:
 * "2024年12月" in Chinese, as it is otherwise. */
char        *chc_ui_period_label           (const char        *period);

G_END_DECLS
