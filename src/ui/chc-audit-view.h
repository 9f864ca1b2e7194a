/* chc-audit-view.h — the audit log, and the history of one record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_AUDIT_VIEW (chc_audit_view_get_type ())
G_DECLARE_FINAL_TYPE (ChcAuditView, chc_audit_view, CHC, AUDIT_VIEW, GtkWidget)

GtkWidget  *chc_audit_view_new          (ChcDatabase  *database);
/* The history of one record (its table and row key, as the audit log
 * names them) instead of the filterable log; NULL: the log again. */
void        chc_audit_view_set_record   (ChcAuditView *self,
                                         const char   *table,
                                         const char   *row_key);
/* Sets the filters as the user would (NULL: none). */
void        chc_audit_view_set_filter   (ChcAuditView *self,
                                         const char   *table,
                                         const char   *since,
                                         const char   *origin);
/* What Enter or a double click on the entry at @position does: the
 * history of its record, in a window of its own. */
void        chc_audit_view_activate     (ChcAuditView *self,
                                         guint         position);
/* The entries shown (ChcAuditEntry), newest first. */
GListModel *chc_audit_view_get_model    (ChcAuditView *self);
/* A window with the history of one record; @title names it. */
GtkWindow  *chc_audit_view_show_history (GtkWindow    *parent,
                                         ChcDatabase  *database,
                                         const char   *table,
                                         const char   *row_key,
                                         const char   *title);

G_END_DECLS
