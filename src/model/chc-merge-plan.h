/* chc-merge-plan.h — what merging an exchange package would change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  CHC_MERGE_INSERT,     /* a row only the package has: added */
  CHC_MERGE_UPDATE,     /* a field only the package side changed: taken */
  CHC_MERGE_DELETE,     /* deleted on the package side only: deleted here */
  CHC_MERGE_CONFLICT,   /* changed on both sides: the user chooses */
} ChcMergeAction;

typedef enum
{
  CHC_MERGE_CHOICE_NONE,
  CHC_MERGE_CHOICE_OURS,     /* keep ours */
  CHC_MERGE_CHOICE_THEIRS,   /* take theirs */
} ChcMergeChoice;

#define CHC_TYPE_MERGE_ACTION (chc_merge_action_get_type ())
#define CHC_TYPE_MERGE_CHOICE (chc_merge_choice_get_type ())
GType chc_merge_action_get_type (void) G_GNUC_CONST;
GType chc_merge_choice_get_type (void) G_GNUC_CONST;
const char *chc_merge_action_to_label (ChcMergeAction action);

/* ---- one change ------------------------------------------------------ */

#define CHC_TYPE_MERGE_CHANGE (chc_merge_change_get_type ())
G_DECLARE_FINAL_TYPE (ChcMergeChange, chc_merge_change, CHC, MERGE_CHANGE, GObject)

/* @field NULL: the whole row (insert, delete, or a conflict between a
 * deletion and a change). */
ChcMergeChange *chc_merge_change_new            (ChcMergeAction  action,
                                                 const char     *table,
                                                 const char     *row_key,
                                                 const char     *field,
                                                 const char     *ours,
                                                 const char     *theirs,
                                                 const char     *description);

ChcMergeAction  chc_merge_change_get_action      (ChcMergeChange *self);
const char     *chc_merge_change_get_table       (ChcMergeChange *self);
const char     *chc_merge_change_get_row_key     (ChcMergeChange *self);
const char     *chc_merge_change_get_field       (ChcMergeChange *self);
const char     *chc_merge_change_get_ours        (ChcMergeChange *self);   /* NULL: none */
const char     *chc_merge_change_get_theirs      (ChcMergeChange *self);   /* NULL: none */
/* A readable name of the record, e.g. "徐泾镇社区卫生服务中心 2025-03". */
const char     *chc_merge_change_get_description (ChcMergeChange *self);
ChcMergeChoice  chc_merge_change_get_choice      (ChcMergeChange *self);
/* Only for conflicts; notifies "choice". */
/* A conflict on a figure that is locked here (an approved report or a
 * locked period, issue 15): it can only keep ours; set_choice (THEIRS)
 * is ignored. */
gboolean        chc_merge_change_get_locked      (ChcMergeChange *self);
void            chc_merge_change_set_locked      (ChcMergeChange *self,
                                                  gboolean        locked);
void            chc_merge_change_set_choice      (ChcMergeChange *self,
                                                  ChcMergeChoice  choice);

/* ---- the plan -------------------------------------------------------- */

#define CHC_TYPE_MERGE_PLAN (chc_merge_plan_get_type ())
G_DECLARE_FINAL_TYPE (ChcMergePlan, chc_merge_plan, CHC, MERGE_PLAN, GObject)

ChcMergePlan   *chc_merge_plan_new               (const char     *package_path,
                                                  const char     *source_installation,
                                                  const char     *sha256);
const char     *chc_merge_plan_get_package_path  (ChcMergePlan   *self);
const char     *chc_merge_plan_get_source_installation (ChcMergePlan *self);
const char     *chc_merge_plan_get_sha256        (ChcMergePlan   *self);
/* The changes, a GListModel of ChcMergeChange in apply order. */
GListModel     *chc_merge_plan_get_changes       (ChcMergePlan   *self);
void            chc_merge_plan_add               (ChcMergePlan   *self,
                                                  ChcMergeChange *change);
/* A change counted but not listed (a large package's preview lists every
 * conflict and the first changes only). */
void            chc_merge_plan_add_unlisted      (ChcMergePlan   *self,
                                                  ChcMergeAction  action);
/* Every change, listed or not. */
guint           chc_merge_plan_get_n_changes     (ChcMergePlan   *self);
guint           chc_merge_plan_get_n_unlisted    (ChcMergePlan   *self);
/* The state of the database the plan was worked out on (opaque, set by
 * the store) and the number of rows it would write then: applying on the
 * same state need not work the plan out twice. */
void            chc_merge_plan_set_basis         (ChcMergePlan   *self,
                                                  const char     *basis,
                                                  guint           n_actions);
const char     *chc_merge_plan_get_basis         (ChcMergePlan   *self);
guint           chc_merge_plan_get_n_actions     (ChcMergePlan   *self);
guint           chc_merge_plan_get_n_conflicts   (ChcMergePlan   *self);
/* Conflicts whose choice is still NONE. */
guint           chc_merge_plan_get_n_unresolved  (ChcMergePlan   *self);
/* Sets the choice of every conflict. */
void            chc_merge_plan_resolve_all       (ChcMergePlan   *self,
                                                  ChcMergeChoice  choice);

/* Who signed the package (issue 18): the sender as the package names it,
 * its key's fingerprint, and whether that key is pinned here yet.  A new
 * sender's package is merged only once the user compared the fingerprint
 * and trusted it (the key is then pinned). */
void            chc_merge_plan_set_signer        (ChcMergePlan   *self,
                                                  const char     *sender,
                                                  const char     *fingerprint,
                                                  gboolean        is_new);
const char     *chc_merge_plan_get_signer        (ChcMergePlan   *self);
const char     *chc_merge_plan_get_signer_fingerprint (ChcMergePlan *self);
gboolean        chc_merge_plan_get_signer_is_new (ChcMergePlan   *self);
void            chc_merge_plan_set_signer_trusted (ChcMergePlan  *self,
                                                   gboolean       trusted);
gboolean        chc_merge_plan_get_signer_trusted (ChcMergePlan  *self);

G_END_DECLS
