/* chc-tcm-undo.h — the TCM edits of the window, each remembered with its
 * inverse so that it can be undone.
 *
 * Every edit of the TCM view saves at once (one transaction of
 * chc-database-tcm.c); these functions make the edit and, when it
 * succeeded, push on @undo what brings the rows back: the state a site had
 * on that date (or no change at all), the clinic that was removed, the
 * date a clinic was closed, the demonstration status it had.  Each entry
 * carries a sentence that says what was done, for the toast that offers
 * Undo and for the one that says it was undone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chc-database-tcm.h"

G_BEGIN_DECLS

typedef struct _ChcTcmUndo ChcTcmUndo;

ChcTcmUndo *chc_tcm_undo_new              (void);
void        chc_tcm_undo_free             (ChcTcmUndo       *undo);
/* Forgets every edit (another database, or the rows changed under us). */
void        chc_tcm_undo_clear            (ChcTcmUndo       *undo);
gboolean    chc_tcm_undo_can_undo         (ChcTcmUndo       *undo);
/* What the last edit did, in a sentence, or NULL. */
const char *chc_tcm_undo_peek_description (ChcTcmUndo       *undo);

/* Undoes the last edit; on success *@description (if given) says what
 * was undone.  On failure the edit stays on the stack. */
gboolean    chc_tcm_undo_undo             (ChcTcmUndo       *undo,
                                           ChcDatabase      *database,
                                           char            **description,
                                           GError          **error);

/* The edits.  @facility is the facility edited (for its name and id). */
gboolean    chc_tcm_undo_set_site_state   (ChcTcmUndo       *undo,
                                           ChcDatabase      *database,
                                           ChcFacility      *facility,
                                           ChcTcmSiteKind    kind,
                                           const char       *date,
                                           ChcTcmSiteState   state,
                                           GError          **error);
gboolean    chc_tcm_undo_remove_site_change (ChcTcmUndo     *undo,
                                           ChcDatabase      *database,
                                           ChcFacility      *facility,
                                           const char       *date,
                                           GError          **error);
gboolean    chc_tcm_undo_add_clinic       (ChcTcmUndo       *undo,
                                           ChcDatabase      *database,
                                           ChcFacility      *facility,
                                           const char       *name,
                                           const char       *opened,
                                           GError          **error);
/* Closes the clinic at @closed, or reopens it when @closed is NULL. */
gboolean    chc_tcm_undo_close_clinic     (ChcTcmUndo       *undo,
                                           ChcDatabase      *database,
                                           ChcFacility      *facility,
                                           gint64            clinic_id,
                                           const char       *closed,
                                           GError          **error);
gboolean    chc_tcm_undo_remove_clinic    (ChcTcmUndo       *undo,
                                           ChcDatabase      *database,
                                           ChcFacility      *facility,
                                           gint64            clinic_id,
                                           GError          **error);
gboolean    chc_tcm_undo_set_demo         (ChcTcmUndo       *undo,
                                           ChcDatabase      *database,
                                           ChcFacility      *facility,
                                           ChcTcmDemoStatus  status,
                                           int               year,
                                           GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcTcmUndo, chc_tcm_undo_free)

G_END_DECLS
