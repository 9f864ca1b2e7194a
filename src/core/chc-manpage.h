/* chc-manpage.h — manual pages written from the tables that --help shows,
 * so that the two never disagree (`chc-cli --man`, `chc-monitor --man`).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;         /* "--db", or a command's name */
  const char *argument;     /* "FILE", or NULL */
  const char *description;  /* already translated */
} ChcManItem;

/* A man(7) page of section 1 for @program: its one-line @summary, the
 * @synopsis, a @description paragraph, the @options and (may be empty)
 * the @commands.  Every text is escaped for roff. */
char *chc_manpage_render (const char       *program,
                          const char       *summary,
                          const char       *synopsis,
                          const char       *description,
                          const ChcManItem *options,
                          guint             n_options,
                          const ChcManItem *commands,
                          guint             n_commands);

G_END_DECLS
