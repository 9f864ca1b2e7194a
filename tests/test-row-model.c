/* test-row-model.c — ChcRowModel: the rows over a changing list keep their
 * identity, take their new items in place and report only the rows added
 * or removed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>

#include "model/chc-row-model.h"

typedef struct {
  guint position, removed, added, calls;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->calls++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static GObject *
new_named (const char *name)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data_full (object, "name", g_strdup (name), g_free);
  return object;
}

/* The names the rows show, joined by spaces. */
static char *
shown (GListModel *rows)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ChcRow) row = g_list_model_get_item (rows, i);

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "",
                              (char *) g_object_get_data (chc_row_get_item (row), "name"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
splice (GListStore  *store,
        guint        position,
        guint        n_removals,
        const char  *names)
{
  g_auto(GStrv) split = g_strsplit (names, " ", -1);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; split[i] != NULL && *names != '\0'; i++)
    g_ptr_array_add (items, new_named (split[i]));
  g_list_store_splice (store, position, n_removals, items->pdata, items->len);
}

static void
test_rows_reused (void)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(ChcRowModel) model = NULL;
  g_autoptr(ChcRow) first = NULL;
  g_autoptr(ChcRow) again = NULL;
  Changes changes = { 0 };
  guint notified = 0;
  char *text;

  splice (store, 0, 0, "a b c");
  model = chc_row_model_new (G_LIST_MODEL (store));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == CHC_TYPE_ROW);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  text = shown (G_LIST_MODEL (model));
  g_assert_cmpstr (text, ==, "a b c");
  g_free (text);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_signal_connect (first, "notify::item", G_CALLBACK (count_notify), &notified);

  /* The whole list replaced by as many: the same rows, nothing reported. */
  splice (store, 0, 3, "x y z");
  g_assert_cmpuint (changes.calls, ==, 0);
  g_assert_cmpuint (notified, ==, 1);
  again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (again == first);
  text = shown (G_LIST_MODEL (model));
  g_assert_cmpstr (text, ==, "x y z");
  g_free (text);

  /* Longer: only the two added rows are reported, at the end. */
  splice (store, 0, 3, "p q r s t");
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.position, ==, 3);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 2);
  text = shown (G_LIST_MODEL (model));
  g_assert_cmpstr (text, ==, "p q r s t");
  g_free (text);

  /* Shorter, in the middle: the rows after the change keep their items. */
  splice (store, 1, 3, "m");
  g_assert_cmpuint (changes.calls, ==, 2);
  g_assert_cmpuint (changes.position, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 2);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  text = shown (G_LIST_MODEL (model));
  g_assert_cmpstr (text, ==, "p m t");
  g_free (text);

  /* Emptied, and out of range. */
  splice (store, 0, 3, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));
  g_assert_true (chc_row_model_get_source (model) == G_LIST_MODEL (store));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/row-model/rows-reused", test_rows_reused);
  return g_test_run ();
}
