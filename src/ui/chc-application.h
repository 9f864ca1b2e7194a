/* chc-application.h — the GtkApplication: options, first run, app actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_APPLICATION (chc_application_get_type ())
G_DECLARE_FINAL_TYPE (ChcApplication, chc_application, CHC, APPLICATION, GtkApplication)

typedef enum
{
  CHC_OPEN_EXISTING,   /* open; a missing file starts the first-run dialog */
  CHC_OPEN_DEMO,       /* open; a missing file is created with the demo data */
  CHC_OPEN_EMPTY,      /* open; a missing file is created with the districts only */
} ChcOpenMode;

ChcApplication *chc_application_new            (void);
/* The demo database: <user data dir>/chc-monitor/demo.db. */
char           *chc_application_demo_path      (void);
/* Opens @path and presents a window on it.  A file that does not exist is
 * created according to @mode (CHC_OPEN_EXISTING asks the user first); a
 * refused file shows its error in a dialog.  Returns: (transfer none)
 * (nullable): the window, or NULL when none was opened (yet). */
GtkWindow      *chc_application_open           (ChcApplication *self,
                                                const char     *path,
                                                ChcOpenMode     mode);

G_END_DECLS
