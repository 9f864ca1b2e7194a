/* chc-merge-plan.c — the changes a package merge would make.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "chc-enums.h"
#include "chc-merge-plan.h"

CHC_DEFINE_ENUM_TYPE (chc_merge_action_get_type, "ChcMergeAction",
                      { CHC_MERGE_INSERT, "CHC_MERGE_INSERT", "insert" },
                      { CHC_MERGE_UPDATE, "CHC_MERGE_UPDATE", "update" },
                      { CHC_MERGE_DELETE, "CHC_MERGE_DELETE", "delete" },
                      { CHC_MERGE_CONFLICT, "CHC_MERGE_CONFLICT", "conflict" })

CHC_DEFINE_ENUM_TYPE (chc_merge_choice_get_type, "ChcMergeChoice",
                      { CHC_MERGE_CHOICE_NONE, "CHC_MERGE_CHOICE_NONE", "none" },
                      { CHC_MERGE_CHOICE_OURS, "CHC_MERGE_CHOICE_OURS", "ours" },
                      { CHC_MERGE_CHOICE_THEIRS, "CHC_MERGE_CHOICE_THEIRS", "theirs" })

const char *
chc_merge_action_to_label (ChcMergeAction action)
{
  switch (action)
    {
    case CHC_MERGE_INSERT:   return _("Add");
    case CHC_MERGE_UPDATE:   return _("Take");
    case CHC_MERGE_DELETE:   return _("Delete");
    case CHC_MERGE_CONFLICT: return _("Conflict");
    default:                 return "";
    }
}

/* ---- ChcMergeChange --------------------------------------------------- */

struct _ChcMergeChange
{
  GObject         parent_instance;
  ChcMergeAction  action;
  ChcMergeChoice  choice;
  char           *table;
  char           *row_key;
  char           *field;
  char           *ours;
  char           *theirs;
  char           *description;
  gboolean        locked;     /* a locked figure: only "keep ours" */
};

G_DEFINE_FINAL_TYPE (ChcMergeChange, chc_merge_change, G_TYPE_OBJECT)

enum {
  CHANGE_PROP_0,
  CHANGE_PROP_ACTION,
  CHANGE_PROP_CHOICE,
  CHANGE_PROP_TABLE,
  CHANGE_PROP_ROW_KEY,
  CHANGE_PROP_FIELD,
  CHANGE_PROP_OURS,
  CHANGE_PROP_THEIRS,
  CHANGE_PROP_DESCRIPTION,
  N_CHANGE_PROPS
};

static GParamSpec *change_props[N_CHANGE_PROPS];

static void
chc_merge_change_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChcMergeChange *self = CHC_MERGE_CHANGE (object);

  switch (prop_id)
    {
    case CHANGE_PROP_ACTION:      g_value_set_enum (value, self->action); break;
    case CHANGE_PROP_CHOICE:      g_value_set_enum (value, self->choice); break;
    case CHANGE_PROP_TABLE:       g_value_set_string (value, self->table); break;
    case CHANGE_PROP_ROW_KEY:     g_value_set_string (value, self->row_key); break;
    case CHANGE_PROP_FIELD:       g_value_set_string (value, self->field); break;
    case CHANGE_PROP_OURS:        g_value_set_string (value, self->ours); break;
    case CHANGE_PROP_THEIRS:      g_value_set_string (value, self->theirs); break;
    case CHANGE_PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_merge_change_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ChcMergeChange *self = CHC_MERGE_CHANGE (object);

  switch (prop_id)
    {
    case CHANGE_PROP_CHOICE:
      chc_merge_change_set_choice (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chc_merge_change_finalize (GObject *object)
{
  ChcMergeChange *self = CHC_MERGE_CHANGE (object);

  g_free (self->table);
  g_free (self->row_key);
  g_free (self->field);
  g_free (self->ours);
  g_free (self->theirs);
  g_free (self->description);
  G_OBJECT_CLASS (chc_merge_change_parent_class)->finalize (object);
}

static void
chc_merge_change_class_init (ChcMergeChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = chc_merge_change_get_property;
  object_class->set_property = chc_merge_change_set_property;
  object_class->finalize = chc_merge_change_finalize;

  change_props[CHANGE_PROP_ACTION] =
    g_param_spec_enum ("action", NULL, NULL, CHC_TYPE_MERGE_ACTION, CHC_MERGE_INSERT, ro);
  change_props[CHANGE_PROP_CHOICE] =
    g_param_spec_enum ("choice", NULL, NULL, CHC_TYPE_MERGE_CHOICE, CHC_MERGE_CHOICE_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  change_props[CHANGE_PROP_TABLE] = g_param_spec_string ("table", NULL, NULL, NULL, ro);
  change_props[CHANGE_PROP_ROW_KEY] = g_param_spec_string ("row-key", NULL, NULL, NULL, ro);
  change_props[CHANGE_PROP_FIELD] = g_param_spec_string ("field", NULL, NULL, NULL, ro);
  change_props[CHANGE_PROP_OURS] = g_param_spec_string ("ours", NULL, NULL, NULL, ro);
  change_props[CHANGE_PROP_THEIRS] = g_param_spec_string ("theirs", NULL, NULL, NULL, ro);
  change_props[CHANGE_PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_CHANGE_PROPS, change_props);
}

static void
chc_merge_change_init (ChcMergeChange *self)
{
}

ChcMergeChange *
chc_merge_change_new (ChcMergeAction  action,
                      const char     *table,
                      const char     *row_key,
                      const char     *field,
                      const char     *ours,
                      const char     *theirs,
                      const char     *description)
{
  ChcMergeChange *self = g_object_new (CHC_TYPE_MERGE_CHANGE, NULL);

  self->action = action;
  self->table = g_strdup (table);
  self->row_key = g_strdup (row_key);
  self->field = g_strdup (field);
  self->ours = g_strdup (ours);
  self->theirs = g_strdup (theirs);
  self->description = g_strdup (description);
  return self;
}

ChcMergeAction chc_merge_change_get_action (ChcMergeChange *self) { return self->action; }
const char *chc_merge_change_get_table (ChcMergeChange *self) { return self->table; }
const char *chc_merge_change_get_row_key (ChcMergeChange *self) { return self->row_key; }
const char *chc_merge_change_get_field (ChcMergeChange *self) { return self->field; }
const char *chc_merge_change_get_ours (ChcMergeChange *self) { return self->ours; }
const char *chc_merge_change_get_theirs (ChcMergeChange *self) { return self->theirs; }
const char *chc_merge_change_get_description (ChcMergeChange *self) { return self->description; }
ChcMergeChoice chc_merge_change_get_choice (ChcMergeChange *self) { return self->choice; }

void
chc_merge_change_set_choice (ChcMergeChange *self,
                             ChcMergeChoice  choice)
{
  g_return_if_fail (CHC_IS_MERGE_CHANGE (self));

  if (self->action != CHC_MERGE_CONFLICT || self->choice == choice ||
      (self->locked && choice == CHC_MERGE_CHOICE_THEIRS))
    return;
  self->choice = choice;
  g_object_notify_by_pspec (G_OBJECT (self), change_props[CHANGE_PROP_CHOICE]);
}

gboolean
chc_merge_change_get_locked (ChcMergeChange *self)
{
  g_return_val_if_fail (CHC_IS_MERGE_CHANGE (self), FALSE);
  return self->locked;
}

void
chc_merge_change_set_locked (ChcMergeChange *self,
                             gboolean        locked)
{
  g_return_if_fail (CHC_IS_MERGE_CHANGE (self));
  self->locked = locked;
  if (locked && self->action == CHC_MERGE_CONFLICT && self->choice != CHC_MERGE_CHOICE_OURS)
    {
      self->choice = CHC_MERGE_CHOICE_OURS;
      g_object_notify_by_pspec (G_OBJECT (self), change_props[CHANGE_PROP_CHOICE]);
    }
}

/* ---- ChcMergePlan ----------------------------------------------------- */

struct _ChcMergePlan
{
  GObject     parent_instance;
  char       *package_path;
  char       *source_installation;
  char       *sha256;
  GListStore *changes;
  char       *signer;
  char       *signer_fingerprint;
  gboolean    signer_is_new;
  gboolean    signer_trusted;
  guint       n_unlisted;   /* changes counted, not listed */
  char       *basis;        /* the database's state it was worked out on */
  guint       n_actions;    /* rows it writes, then */
};

G_DEFINE_FINAL_TYPE (ChcMergePlan, chc_merge_plan, G_TYPE_OBJECT)

static void
chc_merge_plan_finalize (GObject *object)
{
  ChcMergePlan *self = CHC_MERGE_PLAN (object);

  g_free (self->package_path);
  g_free (self->source_installation);
  g_free (self->sha256);
  g_free (self->signer);
  g_free (self->signer_fingerprint);
  g_free (self->basis);
  g_clear_object (&self->changes);
  G_OBJECT_CLASS (chc_merge_plan_parent_class)->finalize (object);
}

static void
chc_merge_plan_class_init (ChcMergePlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chc_merge_plan_finalize;
}

static void
chc_merge_plan_init (ChcMergePlan *self)
{
  self->changes = g_list_store_new (CHC_TYPE_MERGE_CHANGE);
}

ChcMergePlan *
chc_merge_plan_new (const char *package_path,
                    const char *source_installation,
                    const char *sha256)
{
  ChcMergePlan *self = g_object_new (CHC_TYPE_MERGE_PLAN, NULL);

  self->package_path = g_strdup (package_path);
  self->source_installation = g_strdup (source_installation);
  self->sha256 = g_strdup (sha256);
  return self;
}

const char *chc_merge_plan_get_package_path (ChcMergePlan *self) { return self->package_path; }
const char *chc_merge_plan_get_source_installation (ChcMergePlan *self) { return self->source_installation; }
const char *chc_merge_plan_get_sha256 (ChcMergePlan *self) { return self->sha256; }
GListModel *chc_merge_plan_get_changes (ChcMergePlan *self) { return G_LIST_MODEL (self->changes); }

void
chc_merge_plan_add (ChcMergePlan   *self,
                    ChcMergeChange *change)
{
  g_list_store_append (self->changes, change);
}

void
chc_merge_plan_add_unlisted (ChcMergePlan   *self,
                             ChcMergeAction  action)
{
  g_return_if_fail (action != CHC_MERGE_CONFLICT);

  self->n_unlisted++;
}

guint
chc_merge_plan_get_n_changes (ChcMergePlan *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->changes)) + self->n_unlisted;
}

guint
chc_merge_plan_get_n_unlisted (ChcMergePlan *self)
{
  return self->n_unlisted;
}

void
chc_merge_plan_set_basis (ChcMergePlan *self,
                          const char   *basis,
                          guint         n_actions)
{
  g_free (self->basis);
  self->basis = g_strdup (basis);
  self->n_actions = n_actions;
}

const char *
chc_merge_plan_get_basis (ChcMergePlan *self)
{
  return self->basis;
}

guint
chc_merge_plan_get_n_actions (ChcMergePlan *self)
{
  return self->n_actions;
}

static guint
count_conflicts (ChcMergePlan *self,
                 gboolean      unresolved_only)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->changes)); i++)
    {
      g_autoptr(ChcMergeChange) c = g_list_model_get_item (G_LIST_MODEL (self->changes), i);

      if (c->action == CHC_MERGE_CONFLICT &&
          (!unresolved_only || c->choice == CHC_MERGE_CHOICE_NONE))
        n++;
    }
  return n;
}

guint chc_merge_plan_get_n_conflicts (ChcMergePlan *self) { return count_conflicts (self, FALSE); }
guint chc_merge_plan_get_n_unresolved (ChcMergePlan *self) { return count_conflicts (self, TRUE); }

void
chc_merge_plan_resolve_all (ChcMergePlan   *self,
                            ChcMergeChoice  choice)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->changes)); i++)
    {
      g_autoptr(ChcMergeChange) c = g_list_model_get_item (G_LIST_MODEL (self->changes), i);
      chc_merge_change_set_choice (c, choice);
    }
}

void
chc_merge_plan_set_signer (ChcMergePlan *self,
                           const char   *sender,
                           const char   *fingerprint,
                           gboolean      is_new)
{
  g_return_if_fail (CHC_IS_MERGE_PLAN (self));

  g_free (self->signer);
  self->signer = g_strdup (sender);
  g_free (self->signer_fingerprint);
  self->signer_fingerprint = g_strdup (fingerprint);
  self->signer_is_new = is_new;
}

const char *
chc_merge_plan_get_signer (ChcMergePlan *self)
{
  g_return_val_if_fail (CHC_IS_MERGE_PLAN (self), NULL);
  return self->signer;
}

const char *
chc_merge_plan_get_signer_fingerprint (ChcMergePlan *self)
{
  g_return_val_if_fail (CHC_IS_MERGE_PLAN (self), NULL);
  return self->signer_fingerprint;
}

gboolean
chc_merge_plan_get_signer_is_new (ChcMergePlan *self)
{
  g_return_val_if_fail (CHC_IS_MERGE_PLAN (self), FALSE);
  return self->signer_is_new;
}

void
chc_merge_plan_set_signer_trusted (ChcMergePlan *self,
                                   gboolean      trusted)
{
  g_return_if_fail (CHC_IS_MERGE_PLAN (self));
  self->signer_trusted = trusted;
}

gboolean
chc_merge_plan_get_signer_trusted (ChcMergePlan *self)
{
  g_return_val_if_fail (CHC_IS_MERGE_PLAN (self), FALSE);
  return self->signer_trusted;
}
