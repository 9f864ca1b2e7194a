/* chc-bulletin-register.h — the register of issued bulletins (发文登记) in
 * the window: what was issued, whether its figures changed since, and the
 * reprint of one from the figures it was issued with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_BULLETIN_REGISTER (chc_bulletin_register_get_type ())
G_DECLARE_FINAL_TYPE (ChcBulletinRegister, chc_bulletin_register, CHC, BULLETIN_REGISTER, GtkWindow)

/* The register of @district; the figures are compared in a thread. */
ChcBulletinRegister *chc_bulletin_register_new        (ChcDatabase         *database,
                                                       ChcDistrict         *district);
/* Whether the listing (with the comparison) is still being made. */
gboolean             chc_bulletin_register_get_busy   (ChcBulletinRegister *self);
guint                chc_bulletin_register_get_n_issued (ChcBulletinRegister *self);
/* The line shown for bulletin @i (number, period, date, issuing body,
 * issued at, changed or not). */
char                *chc_bulletin_register_dup_line   (ChcBulletinRegister *self,
                                                       guint                i);
void                 chc_bulletin_register_select     (ChcBulletinRegister *self,
                                                       guint                i);
/* Reprints the selected bulletin into @path (a PDF; a folder for the
 * per-centre editions), as Reprint… does after its file chooser; FALSE
 * with @error, shown in the window too. */
gboolean             chc_bulletin_register_reprint_to (ChcBulletinRegister *self,
                                                       const char          *path,
                                                       GError             **error);

G_END_DECLS
