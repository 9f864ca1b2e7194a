/* chc-date-entry.h — a date typed (2024-03-15, 2024年3月15日, …) or picked
 * from a calendar in a popover.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CHC_TYPE_DATE_ENTRY (chc_date_entry_get_type ())
G_DECLARE_FINAL_TYPE (ChcDateEntry, chc_date_entry, CHC, DATE_ENTRY, GtkWidget)

GtkWidget  *chc_date_entry_new        (void);
/* The date shown, as "2024-03-15", or NULL when empty. */
const char *chc_date_entry_get_date   (ChcDateEntry *self);
/* Shows @date (any form chc_date_parse() reads; NULL clears) without
 * emitting ::commit. */
void        chc_date_entry_set_date   (ChcDateEntry *self,
                                       const char   *date);
/* The text as typed. */
const char *chc_date_entry_get_text   (ChcDateEntry *self);
void        chc_date_entry_set_text   (ChcDateEntry *self,
                                       const char   *text);
/* Parses what was typed, as Enter does: on success shows the ISO form and
 * emits ::commit; on failure marks the entry with the error and returns
 * FALSE. */
gboolean    chc_date_entry_commit     (ChcDateEntry *self);
/* Marks the entry as refused (the message as its tooltip), or clears the
 * mark with NULL. */
void        chc_date_entry_set_error  (ChcDateEntry *self,
                                       const char   *message);

G_END_DECLS
