/* chc-text.h — the rules every text the application takes in or writes
 * out obeys, whatever the way (entry, CSV or Excel import, packages):
 * no control characters, and spreadsheet formulas kept inert.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Checks that @text has no control character: C0 (but tab, line feed and
 * CR LF when @multiline), DEL, C1 (ANSI escapes) and the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that
 * make text read other than it is.  On failure returns FALSE and a
 * translated reason naming the character (without the field's name) in
 * @reason (may be NULL). */
gboolean  chc_text_check_controls (const char  *text,
                                   gboolean     multiline,
                                   char       **reason);

/* TRUE when a spreadsheet would read @text as a formula: it begins with
 * '=', '+', '-', '@', a tab or a carriage return, or their full-width
 * forms (＝＋－＠), or it is such a text guarded already (a "'" before
 * it), so that guarding stays reversible. */
gboolean  chc_text_needs_guard    (const char  *text);
/* @text with a "'" before it when it needs one (a new string). */
char     *chc_text_guard          (const char  *text);
/* The text a guarded cell stands for: without the "'" that
 * chc_text_guard() added; any other text unchanged (a new string). */
char     *chc_text_unguard        (const char  *text);

G_END_DECLS
