/* chc-merge.h — deciding a merge from versions (no SQL, no GTK).
 *
 * A version vector maps installation ids to the highest tick of that
 * installation a row includes.  A stamp says which installation changed a
 * field last, at which tick.  A side "knows" a stamp when its vector
 * includes that tick.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *installation;   /* "" or NULL: unknown */
  gint64      tick;
} ChcStamp;

typedef enum
{
  CHC_FIELD_SAME,         /* equal values */
  CHC_FIELD_KEEP_OURS,    /* only we changed it (or we already saw theirs) */
  CHC_FIELD_TAKE_THEIRS,  /* only they changed it since they saw ours */
  CHC_FIELD_CONFLICT,     /* both changed it, neither saw the other's */
} ChcFieldDecision;

/* A version vector: installation id (owned) → tick. */
GHashTable       *chc_vv_new            (void);
gint64            chc_vv_get            (GHashTable     *vv,
                                         const char     *installation);
void              chc_vv_set            (GHashTable     *vv,
                                         const char     *installation,
                                         gint64          tick);
/* TRUE when every entry of @a is at most the same entry of @b. */
gboolean          chc_vv_leq            (GHashTable     *a,
                                         GHashTable     *b);
/* @dest = max (@dest, @src), entry by entry; TRUE if @dest changed. */
gboolean          chc_vv_merge          (GHashTable     *dest,
                                         GHashTable     *src);
/* {"id":tick,…} with the ids sorted. */
char             *chc_vv_to_json        (GHashTable     *vv);
gboolean          chc_stamp_known       (const ChcStamp *stamp,
                                         GHashTable     *vv);

ChcFieldDecision  chc_merge_decide_field (gboolean        values_equal,
                                          const ChcStamp *ours,
                                          GHashTable     *vv_ours,
                                          const ChcStamp *theirs,
                                          GHashTable     *vv_theirs);

G_END_DECLS
