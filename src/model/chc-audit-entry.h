/* chc-audit-entry.h — one recorded change of one field of one row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CHC_TYPE_AUDIT_ENTRY (chc_audit_entry_get_type ())
G_DECLARE_FINAL_TYPE (ChcAuditEntry, chc_audit_entry, CHC, AUDIT_ENTRY, GObject)

/* @field is "*" for a whole row inserted (@new_value: the row as JSON) or
 * deleted (@old_value: the row as JSON); values are NULL when empty. */
ChcAuditEntry *chc_audit_entry_new              (gint64       id,
                                                 const char  *at,
                                                 const char  *user,
                                                 const char  *installation,
                                                 const char  *origin,
                                                 const char  *table,
                                                 const char  *row_key,
                                                 const char  *field,
                                                 const char  *old_value,
                                                 const char  *new_value);

gint64         chc_audit_entry_get_id           (ChcAuditEntry *self);
const char    *chc_audit_entry_get_at           (ChcAuditEntry *self);   /* "YYYY-MM-DD HH:MM:SS" local */
const char    *chc_audit_entry_get_user         (ChcAuditEntry *self);
const char    *chc_audit_entry_get_installation (ChcAuditEntry *self);
const char    *chc_audit_entry_get_origin       (ChcAuditEntry *self);
const char    *chc_audit_entry_get_table        (ChcAuditEntry *self);
const char    *chc_audit_entry_get_row_key      (ChcAuditEntry *self);
const char    *chc_audit_entry_get_field        (ChcAuditEntry *self);
const char    *chc_audit_entry_get_old_value    (ChcAuditEntry *self);
const char    *chc_audit_entry_get_new_value    (ChcAuditEntry *self);

G_END_DECLS
