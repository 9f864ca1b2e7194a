/* chc-audit-entry.c — one recorded change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "chc-audit-entry.h"

enum {
  F_AT, F_USER, F_INSTALLATION, F_ORIGIN, F_TABLE, F_ROW_KEY, F_FIELD,
  F_OLD_VALUE, F_NEW_VALUE, N_FIELDS
};

struct _ChcAuditEntry
{
  GObject  parent_instance;
  gint64   id;
  char    *text[N_FIELDS];
};

G_DEFINE_FINAL_TYPE (ChcAuditEntry, chc_audit_entry, G_TYPE_OBJECT)

/* Property n + 1 is text[n]. */
static GParamSpec *properties[N_FIELDS + 1];
static const char *const property_names[N_FIELDS] = {
  "at", "user", "installation", "origin", "table", "row-key", "field",
  "old-value", "new-value",
};

static void
chc_audit_entry_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ChcAuditEntry *self = CHC_AUDIT_ENTRY (object);

  if (prop_id >= 1 && prop_id <= N_FIELDS)
    g_value_set_string (value, self->text[prop_id - 1]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
chc_audit_entry_finalize (GObject *object)
{
  ChcAuditEntry *self = CHC_AUDIT_ENTRY (object);

  for (guint i = 0; i < N_FIELDS; i++)
    g_free (self->text[i]);
  G_OBJECT_CLASS (chc_audit_entry_parent_class)->finalize (object);
}

static void
chc_audit_entry_class_init (ChcAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = chc_audit_entry_get_property;
  object_class->finalize = chc_audit_entry_finalize;

  for (guint i = 0; i < N_FIELDS; i++)
    properties[i + 1] = g_param_spec_string (property_names[i], NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_FIELDS + 1, properties);
}

static void
chc_audit_entry_init (ChcAuditEntry *self)
{
}

ChcAuditEntry *
chc_audit_entry_new (gint64      id,
                     const char *at,
                     const char *user,
                     const char *installation,
                     const char *origin,
                     const char *table,
                     const char *row_key,
                     const char *field,
                     const char *old_value,
                     const char *new_value)
{
  ChcAuditEntry *self = g_object_new (CHC_TYPE_AUDIT_ENTRY, NULL);
  const char *values[N_FIELDS] = {
    at, user, installation, origin, table, row_key, field, old_value, new_value,
  };

  self->id = id;
  for (guint i = 0; i < N_FIELDS; i++)
    self->text[i] = g_strdup (values[i]);
  return self;
}

gint64 chc_audit_entry_get_id (ChcAuditEntry *self) { return self->id; }
const char *chc_audit_entry_get_at (ChcAuditEntry *self) { return self->text[F_AT]; }
const char *chc_audit_entry_get_user (ChcAuditEntry *self) { return self->text[F_USER]; }
const char *chc_audit_entry_get_installation (ChcAuditEntry *self) { return self->text[F_INSTALLATION]; }
const char *chc_audit_entry_get_origin (ChcAuditEntry *self) { return self->text[F_ORIGIN]; }
const char *chc_audit_entry_get_table (ChcAuditEntry *self) { return self->text[F_TABLE]; }
const char *chc_audit_entry_get_row_key (ChcAuditEntry *self) { return self->text[F_ROW_KEY]; }
const char *chc_audit_entry_get_field (ChcAuditEntry *self) { return self->text[F_FIELD]; }
const char *chc_audit_entry_get_old_value (ChcAuditEntry *self) { return self->text[F_OLD_VALUE]; }
const char *chc_audit_entry_get_new_value (ChcAuditEntry *self) { return self->text[F_NEW_VALUE]; }
