/* chc-merge.c — deciding a merge from versions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "chc-merge.h"

GHashTable *
chc_vv_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

gint64
chc_vv_get (GHashTable *vv,
            const char *installation)
{
  gint64 *tick;

  if (vv == NULL || installation == NULL)
    return 0;
  tick = g_hash_table_lookup (vv, installation);
  return tick != NULL ? *tick : 0;
}

void
chc_vv_set (GHashTable *vv,
            const char *installation,
            gint64      tick)
{
  g_hash_table_insert (vv, g_strdup (installation), g_memdup2 (&tick, sizeof tick));
}

gboolean
chc_vv_leq (GHashTable *a,
            GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (a == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(gint64 *) value > chc_vv_get (b, key))
      return FALSE;
  return TRUE;
}

gboolean
chc_vv_merge (GHashTable *dest,
              GHashTable *src)
{
  GHashTableIter iter;
  gpointer key, value;
  gboolean changed = FALSE;

  if (src == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, src);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(gint64 *) value > chc_vv_get (dest, key))
      {
        chc_vv_set (dest, key, *(gint64 *) value);
        changed = TRUE;
      }
  return changed;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

char *
chc_vv_to_json (GHashTable *vv)
{
  g_autoptr(GString) out = g_string_new ("{");
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  keys = g_hash_table_get_keys_as_array (vv, &n);
  g_qsort_with_data (keys, n, sizeof (gpointer), compare_ids, NULL);
  for (guint i = 0; i < n; i++)
    {
      const char *id = keys[i];

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '"');
      /* Installation ids are UUIDs; anything else is escaped anyway. */
      for (const char *p = id; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_printf (out, "\":%" G_GINT64_FORMAT, chc_vv_get (vv, id));
    }
  g_string_append_c (out, '}');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
chc_stamp_known (const ChcStamp *stamp,
                 GHashTable     *vv)
{
  if (stamp->installation == NULL || *stamp->installation == '\0')
    return FALSE;
  return chc_vv_get (vv, stamp->installation) >= stamp->tick;
}

/* Equal values need no decision.  Otherwise: when we have seen their
 * change, ours is the newer (or the same) one; when they have seen ours,
 * theirs replaced it; when neither saw the other's, both changed it. */
ChcFieldDecision
chc_merge_decide_field (gboolean        values_equal,
                        const ChcStamp *ours,
                        GHashTable     *vv_ours,
                        const ChcStamp *theirs,
                        GHashTable     *vv_theirs)
{
  if (values_equal)
    return CHC_FIELD_SAME;
  if (chc_stamp_known (theirs, vv_ours))
    return CHC_FIELD_KEEP_OURS;
  if (chc_stamp_known (ours, vv_theirs))
    return CHC_FIELD_TAKE_THEIRS;
  return CHC_FIELD_CONFLICT;
}
