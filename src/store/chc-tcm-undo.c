/* chc-tcm-undo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-store"

#include <glib/gi18n-lib.h>

#include "chc-tcm-undo.h"

/* How many edits can be undone. */
#define MAX_EDITS 50

typedef enum {
  UNDO_SITE_STATE,       /* put back @state at @date, or no change if !@had */
  UNDO_CLINIC_REMOVE,    /* remove the clinic @clinic_id */
  UNDO_CLINIC_CLOSED,    /* set the clinic's closing date back to @date */
  UNDO_CLINIC_ADD,       /* add @clinic again (it was removed) */
  UNDO_DEMO,             /* set the demonstration back to @demo, @year */
} UndoKind;

typedef struct {
  UndoKind            kind;
  char               *description;   /* what the edit did */
  gint64              facility_id;
  ChcTcmSiteKind      site_kind;
  gboolean            had;
  ChcTcmSiteState     state;
  char               *date;
  gint64              clinic_id;
  ChcSpecialtyClinic *clinic;
  ChcTcmDemoStatus    demo;
  int                 year;
} Edit;

struct _ChcTcmUndo
{
  GQueue edits;   /* of Edit *, the last first */
};

static void
edit_free (Edit *edit)
{
  g_free (edit->description);
  g_free (edit->date);
  g_clear_object (&edit->clinic);
  g_free (edit);
}

ChcTcmUndo *
chc_tcm_undo_new (void)
{
  ChcTcmUndo *undo = g_new0 (ChcTcmUndo, 1);

  g_queue_init (&undo->edits);
  return undo;
}

void
chc_tcm_undo_clear (ChcTcmUndo *undo)
{
  g_return_if_fail (undo != NULL);
  g_queue_clear_full (&undo->edits, (GDestroyNotify) edit_free);
}

void
chc_tcm_undo_free (ChcTcmUndo *undo)
{
  if (undo == NULL)
    return;
  chc_tcm_undo_clear (undo);
  g_free (undo);
}

gboolean
chc_tcm_undo_can_undo (ChcTcmUndo *undo)
{
  g_return_val_if_fail (undo != NULL, FALSE);
  return !g_queue_is_empty (&undo->edits);
}

const char *
chc_tcm_undo_peek_description (ChcTcmUndo *undo)
{
  Edit *edit;

  g_return_val_if_fail (undo != NULL, NULL);
  edit = g_queue_peek_head (&undo->edits);
  return edit != NULL ? edit->description : NULL;
}

static Edit *
push (ChcTcmUndo  *undo,
      UndoKind     kind,
      ChcFacility *facility,
      char        *description)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->kind = kind;
  edit->facility_id = chc_facility_get_id (facility);
  edit->description = description;
  g_queue_push_head (&undo->edits, edit);
  while (g_queue_get_length (&undo->edits) > MAX_EDITS)
    edit_free (g_queue_pop_tail (&undo->edits));
  return edit;
}

/* A clinic re-added by an undo has a new id: the older edits that name
 * the old one follow it. */
static void
rename_clinic (ChcTcmUndo *undo,
               gint64      old_id,
               gint64      new_id)
{
  for (GList *l = undo->edits.head; l != NULL; l = l->next)
    {
      Edit *edit = l->data;

      if (edit->clinic_id == old_id)
        edit->clinic_id = new_id;
      if (edit->clinic != NULL && chc_specialty_clinic_get_id (edit->clinic) == old_id)
        chc_specialty_clinic_set_id (edit->clinic, new_id);
    }
}

static ChcSpecialtyClinic *
find_clinic (ChcDatabase  *database,
             gint64        facility_id,
             gint64        clinic_id,
             GError      **error)
{
  g_autoptr(GPtrArray) clinics = chc_database_list_specialty_clinics (database, facility_id, error);

  if (clinics == NULL)
    return NULL;
  for (guint i = 0; i < clinics->len; i++)
    if (chc_specialty_clinic_get_id (g_ptr_array_index (clinics, i)) == clinic_id)
      return g_object_ref (g_ptr_array_index (clinics, i));
  g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
               _("The specialty clinic is no longer in the database."));
  return NULL;
}

gboolean
chc_tcm_undo_set_site_state (ChcTcmUndo       *undo,
                             ChcDatabase      *database,
                             ChcFacility      *facility,
                             ChcTcmSiteKind    kind,
                             const char       *date,
                             ChcTcmSiteState   state,
                             GError          **error)
{
  g_autoptr(ChcFacility) hold = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gboolean had = FALSE;
  ChcTcmSiteState before = CHC_TCM_STATE_NONE;
  Edit *edit;

  g_return_val_if_fail (undo != NULL && CHC_IS_FACILITY (facility), FALSE);
  /* The write reloads the lists that may hold the only reference. */
  hold = g_object_ref (facility);

  events = chc_database_list_tcm_site_events (database, chc_facility_get_id (facility), error);
  if (events == NULL)
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    if (g_strcmp0 (chc_tcm_site_event_get_date (g_ptr_array_index (events, i)), date) == 0)
      {
        had = TRUE;
        before = chc_tcm_site_event_get_state (g_ptr_array_index (events, i));
      }
  if (!chc_database_add_tcm_site_event (database, chc_facility_get_id (facility), kind, date, state, error))
    return FALSE;

  edit = push (undo, UNDO_SITE_STATE, facility,
               /* Translators: "白鹤社区卫生服务中心: TCM hall “Up to standard” from 2024-05-01". */
               g_strdup_printf (_("%s: %s “%s” from %s"), chc_facility_get_name (facility),
                                chc_tcm_site_kind_to_label (kind), chc_tcm_site_state_to_label (state), date));
  edit->site_kind = kind;
  edit->had = had;
  edit->state = before;
  edit->date = g_strdup (date);
  return TRUE;
}

gboolean
chc_tcm_undo_remove_site_change (ChcTcmUndo   *undo,
                                 ChcDatabase  *database,
                                 ChcFacility  *facility,
                                 const char   *date,
                                 GError      **error)
{
  g_autoptr(ChcFacility) hold = NULL;
  g_autoptr(GPtrArray) events = NULL;
  ChcTcmSiteEvent *removed = NULL;
  Edit *edit;

  g_return_val_if_fail (undo != NULL && CHC_IS_FACILITY (facility), FALSE);
  /* The write reloads the lists that may hold the only reference. */
  hold = g_object_ref (facility);

  events = chc_database_list_tcm_site_events (database, chc_facility_get_id (facility), error);
  if (events == NULL)
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    if (g_strcmp0 (chc_tcm_site_event_get_date (g_ptr_array_index (events, i)), date) == 0)
      removed = g_ptr_array_index (events, i);
  if (!chc_database_remove_tcm_site_event (database, chc_facility_get_id (facility), date, error))
    return FALSE;
  if (removed == NULL)
    return TRUE;

  edit = push (undo, UNDO_SITE_STATE, facility,
               /* Translators: "白鹤社区卫生服务中心: the change of 2024-05-01 removed". */
               g_strdup_printf (_("%s: the change of %s removed"), chc_facility_get_name (facility), date));
  edit->site_kind = chc_tcm_site_event_get_kind (removed);
  edit->had = TRUE;
  edit->state = chc_tcm_site_event_get_state (removed);
  edit->date = g_strdup (date);
  return TRUE;
}

gboolean
chc_tcm_undo_add_clinic (ChcTcmUndo   *undo,
                         ChcDatabase  *database,
                         ChcFacility  *facility,
                         const char   *name,
                         const char   *opened,
                         GError      **error)
{
  g_autoptr(ChcFacility) hold = NULL;
  g_autoptr(ChcSpecialtyClinic) clinic = NULL;
  Edit *edit;

  g_return_val_if_fail (undo != NULL && CHC_IS_FACILITY (facility), FALSE);
  /* The write reloads the lists that may hold the only reference. */
  hold = g_object_ref (facility);

  clinic = chc_specialty_clinic_new (0, chc_facility_get_id (facility), name, opened, NULL);
  if (!chc_database_add_specialty_clinic (database, clinic, error))
    return FALSE;
  edit = push (undo, UNDO_CLINIC_REMOVE, facility,
               /* Translators: "白鹤社区卫生服务中心: specialty clinic “针灸” added". */
               g_strdup_printf (_("%s: specialty clinic “%s” added"), chc_facility_get_name (facility),
                                chc_specialty_clinic_get_name (clinic)));
  edit->clinic_id = chc_specialty_clinic_get_id (clinic);
  return TRUE;
}

gboolean
chc_tcm_undo_close_clinic (ChcTcmUndo   *undo,
                           ChcDatabase  *database,
                           ChcFacility  *facility,
                           gint64        clinic_id,
                           const char   *closed,
                           GError      **error)
{
  g_autoptr(ChcFacility) hold = NULL;
  g_autoptr(ChcSpecialtyClinic) clinic = NULL;
  Edit *edit;

  g_return_val_if_fail (undo != NULL && CHC_IS_FACILITY (facility), FALSE);
  /* The write reloads the lists that may hold the only reference. */
  hold = g_object_ref (facility);

  clinic = find_clinic (database, chc_facility_get_id (facility), clinic_id, error);
  if (clinic == NULL ||
      !chc_database_close_specialty_clinic (database, clinic_id, closed, error))
    return FALSE;
  edit = push (undo, UNDO_CLINIC_CLOSED, facility,
               closed != NULL
               /* Translators: "白鹤社区卫生服务中心: specialty clinic “针灸” closed on 2024-05-01". */
               ? g_strdup_printf (_("%s: specialty clinic “%s” closed on %s"), chc_facility_get_name (facility),
                                  chc_specialty_clinic_get_name (clinic), closed)
               /* Translators: "白鹤社区卫生服务中心: specialty clinic “针灸” reopened". */
               : g_strdup_printf (_("%s: specialty clinic “%s” reopened"), chc_facility_get_name (facility),
                                  chc_specialty_clinic_get_name (clinic)));
  edit->clinic_id = clinic_id;
  edit->date = g_strdup (chc_specialty_clinic_get_closed (clinic));
  return TRUE;
}

gboolean
chc_tcm_undo_remove_clinic (ChcTcmUndo   *undo,
                            ChcDatabase  *database,
                            ChcFacility  *facility,
                            gint64        clinic_id,
                            GError      **error)
{
  g_autoptr(ChcFacility) hold = NULL;
  g_autoptr(ChcSpecialtyClinic) clinic = NULL;
  Edit *edit;

  g_return_val_if_fail (undo != NULL && CHC_IS_FACILITY (facility), FALSE);
  /* The write reloads the lists that may hold the only reference. */
  hold = g_object_ref (facility);

  clinic = find_clinic (database, chc_facility_get_id (facility), clinic_id, error);
  if (clinic == NULL ||
      !chc_database_remove_specialty_clinic (database, clinic_id, error))
    return FALSE;
  edit = push (undo, UNDO_CLINIC_ADD, facility,
               /* Translators: "白鹤社区卫生服务中心: specialty clinic “针灸” removed". */
               g_strdup_printf (_("%s: specialty clinic “%s” removed"), chc_facility_get_name (facility),
                                chc_specialty_clinic_get_name (clinic)));
  edit->clinic_id = clinic_id;
  edit->clinic = g_steal_pointer (&clinic);
  return TRUE;
}

gboolean
chc_tcm_undo_set_demo (ChcTcmUndo        *undo,
                       ChcDatabase       *database,
                       ChcFacility       *facility,
                       ChcTcmDemoStatus   status,
                       int                year,
                       GError           **error)
{
  g_autoptr(ChcFacility) hold = NULL;
  g_autoptr(ChcTcmStatus) before = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  Edit *edit;

  g_return_val_if_fail (undo != NULL && CHC_IS_FACILITY (facility), FALSE);
  /* The write reloads the lists that may hold the only reference. */
  hold = g_object_ref (facility);

  before = chc_database_get_tcm_status (database, chc_facility_get_id (facility),
                                        g_date_time_get_year (now), error);
  if (before == NULL ||
      !chc_database_set_tcm_demo (database, chc_facility_get_id (facility), status, year, error))
    return FALSE;
  edit = push (undo, UNDO_DEMO, facility,
               /* Translators: "白鹤社区卫生服务中心: demonstration status “Awarded”". */
               g_strdup_printf (_("%s: demonstration status “%s”"), chc_facility_get_name (facility),
                                chc_tcm_demo_status_to_label (status)));
  edit->demo = chc_tcm_status_get_demo_status (before);
  edit->year = chc_tcm_status_get_demo_year (before);
  return TRUE;
}

static gboolean
apply_inverse (ChcTcmUndo   *undo,
               ChcDatabase  *database,
               Edit         *edit,
               GError      **error)
{
  switch (edit->kind)
    {
    case UNDO_SITE_STATE:
      if (edit->had)
        return chc_database_add_tcm_site_event (database, edit->facility_id, edit->site_kind,
                                                edit->date, edit->state, error);
      return chc_database_remove_tcm_site_event (database, edit->facility_id, edit->date, error);

    case UNDO_CLINIC_REMOVE:
      return chc_database_remove_specialty_clinic (database, edit->clinic_id, error);

    case UNDO_CLINIC_CLOSED:
      return chc_database_close_specialty_clinic (database, edit->clinic_id, edit->date, error);

    case UNDO_CLINIC_ADD:
      {
        g_autoptr(ChcSpecialtyClinic) again = chc_specialty_clinic_copy (edit->clinic);
        const char *closed = chc_specialty_clinic_get_closed (edit->clinic);

        chc_specialty_clinic_set_id (again, 0);
        chc_specialty_clinic_set_closed (again, NULL);
        if (!chc_database_begin (database, error))
          return FALSE;
        if (!chc_database_add_specialty_clinic (database, again, error) ||
            (closed != NULL &&
             !chc_database_close_specialty_clinic (database, chc_specialty_clinic_get_id (again),
                                                   closed, error)) ||
            !chc_database_commit (database, error))
          {
            chc_database_rollback (database);
            return FALSE;
          }
        rename_clinic (undo, edit->clinic_id, chc_specialty_clinic_get_id (again));
        return TRUE;
      }

    case UNDO_DEMO:
      return chc_database_set_tcm_demo (database, edit->facility_id, edit->demo, edit->year, error);

    default:
      g_assert_not_reached ();
    }
}

gboolean
chc_tcm_undo_undo (ChcTcmUndo   *undo,
                   ChcDatabase  *database,
                   char        **description,
                   GError      **error)
{
  Edit *edit;

  g_return_val_if_fail (undo != NULL, FALSE);
  g_return_val_if_fail (CHC_IS_DATABASE (database), FALSE);

  edit = g_queue_peek_head (&undo->edits);
  if (edit == NULL)
    {
      g_set_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_NOT_FOUND,
                   _("There is nothing to undo."));
      return FALSE;
    }
  if (!apply_inverse (undo, database, edit, error))
    return FALSE;
  g_queue_pop_head (&undo->edits);
  if (description != NULL)
    *description = g_steal_pointer (&edit->description);
  edit_free (edit);
  return TRUE;
}
