/* test-json.c — reading the flat JSON objects of whole rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "core/chc-json.h"

static void
test_members (void)
{
  g_autoptr(GPtrArray) m = chc_json_parse_flat_object (
    " {\"code\":\"310118B03\", \"name\":\"赵屯\\u5206\\u4e2d\\u5fc3 \\\"新\\\"\\n\",\"parent\":null,"
    "\"area\":2200.5,\"n\":-3,\"ok\":true,\"emoji\":\"\\ud83d\\ude00\"} ");
  ChcJsonMember *member;

  g_assert_nonnull (m);
  g_assert_cmpuint (m->len, ==, 7);
  member = g_ptr_array_index (m, 1);
  g_assert_cmpstr (member->key, ==, "name");
  g_assert_cmpstr (member->value, ==, "赵屯分中心 \"新\"\n");
  member = g_ptr_array_index (m, 2);
  g_assert_null (member->value);
  member = g_ptr_array_index (m, 3);
  g_assert_cmpstr (member->value, ==, "2200.5");
  member = g_ptr_array_index (m, 4);
  g_assert_cmpstr (member->value, ==, "-3");
  member = g_ptr_array_index (m, 5);
  g_assert_cmpstr (member->value, ==, "true");
  member = g_ptr_array_index (m, 6);
  g_assert_cmpstr (member->value, ==, "😀");
}

static void
test_refused (void)
{
  static const char *bad[] = {
    "", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":[1]}", "{\"a\":{}}",
    "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\\u0041\"}", "{\"a\":1} x",
    "{\"a\":\"tab\there\"}", "{a:1}", "{\"a\":\"open}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) m = chc_json_parse_flat_object (bad[i]);

      if (m != NULL)
        g_error ("accepted: %s", bad[i]);
    }
  {
    g_autoptr(GPtrArray) empty = chc_json_parse_flat_object ("{ }");

    g_assert_nonnull (empty);
    g_assert_cmpuint (empty->len, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/members", test_members);
  g_test_add_func ("/json/refused", test_refused);

  return g_test_run ();
}
