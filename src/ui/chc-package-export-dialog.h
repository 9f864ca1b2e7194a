/* chc-package-export-dialog.h — exporting an exchange package.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_PACKAGE_EXPORT_DIALOG (chc_package_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChcPackageExportDialog, chc_package_export_dialog, CHC, PACKAGE_EXPORT_DIALOG, GtkWindow)

/* Offers the whole database or one centre of @district (may be NULL). */
ChcPackageExportDialog *chc_package_export_dialog_new       (ChcDatabase            *database,
                                                             ChcDistrict            *district);
/* Writes the package to @path with the dialog's choices (what Export…
 * does after its file chooser); FALSE with @error, shown in the dialog too. */
gboolean                chc_package_export_dialog_export_to (ChcPackageExportDialog *self,
                                                             const char             *path,
                                                             GError                **error);
/* Chooses the centre to export by its code (NULL: everything). */
gboolean                chc_package_export_dialog_set_centre (ChcPackageExportDialog *self,
                                                             const char             *code);
const char             *chc_package_export_dialog_get_result (ChcPackageExportDialog *self);

G_END_DECLS
