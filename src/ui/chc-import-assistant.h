/* chc-import-assistant.h — importing a CSV file step by step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "io/chc-csv-import.h"
#include "store/chc-database.h"

G_BEGIN_DECLS

#define CHC_TYPE_IMPORT_ASSISTANT (chc_import_assistant_get_type ())
G_DECLARE_FINAL_TYPE (ChcImportAssistant, chc_import_assistant, CHC, IMPORT_ASSISTANT, GtkWindow)

ChcImportAssistant  *chc_import_assistant_new          (ChcDatabase        *database,
                                                        ChcCsvKind          kind);
/* Reads @file as the file to import (what "Choose File…" does) and shows
 * its preview. */
void                 chc_import_assistant_set_file     (ChcImportAssistant *self,
                                                        GFile              *file);
/* "file", "preview", "working", "check" or "summary". */
const char          *chc_import_assistant_get_page     (ChcImportAssistant *self);
gboolean             chc_import_assistant_get_busy     (ChcImportAssistant *self);
/* The error shown, or NULL. */
const char          *chc_import_assistant_get_error    (ChcImportAssistant *self);
/* The last check's or import's report, or NULL. */
const ChcCsvReport  *chc_import_assistant_get_report   (ChcImportAssistant *self);
/* The file's encoding and delimiter as the preview read them. */
ChcCsvEncoding       chc_import_assistant_get_encoding (ChcImportAssistant *self);
char                 chc_import_assistant_get_delimiter (ChcImportAssistant *self);
/* The mapping of the file's columns as shown (and as it will be used). */
ChcCsvMapping       *chc_import_assistant_get_mapping  (ChcImportAssistant *self);
/* Chooses, in the preview, the kind's @column (-1: ignore) for the file's
 * column @file_column, as the dropdown above it does. */
void                 chc_import_assistant_map_column   (ChcImportAssistant *self,
                                                        guint               file_column,
                                                        int                 column);
/* Ticks "Accept the warnings and import" on the check page. */
void                 chc_import_assistant_accept_warnings (ChcImportAssistant *self);
/* The problems listed on the check page, as copied to the clipboard. */
char                *chc_import_assistant_dup_problems_text (ChcImportAssistant *self);

/* An Excel workbook: read the sheet @sheet (NULL: the first); the sheet
 * previewed (NULL for a CSV file). */
void                chc_import_assistant_set_sheet    (ChcImportAssistant *self,
                                                       const char         *sheet);
const char         *chc_import_assistant_get_sheet    (ChcImportAssistant *self);

G_END_DECLS
