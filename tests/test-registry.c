/* test-registry.c — the facility registry: rules, list model, demo data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "chc-test-util.h"
#include "core/chc-validate.h"
#include "store/chc-registry.h"
#include "io/chc-demo.h"

typedef struct
{
  ChcDatabase *db;
  gint64       qingpu;
  gint64       changning;
  gint64       qingpu_town;
  gint64       changning_town;
  ChcFacility *centre;        /* a Qingpu centre */
  ChcFacility *cn_centre;     /* a Changning centre */
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDistrict) qp = NULL;
  g_autoptr(ChcDistrict) cn = NULL;
  g_autoptr(GPtrArray) towns = NULL;

  fx->db = chc_test_new_database (TRUE);
  qp = chc_database_find_district (fx->db, "青浦", &error);
  cn = chc_database_find_district (fx->db, "长宁", &error);
  g_assert_no_error (error);
  fx->qingpu = chc_district_get_id (qp);
  fx->changning = chc_district_get_id (cn);
  towns = chc_database_list_towns (fx->db, fx->qingpu, &error);
  fx->qingpu_town = chc_town_get_id (g_ptr_array_index (towns, 0));
  g_clear_pointer (&towns, g_ptr_array_unref);
  towns = chc_database_list_towns (fx->db, fx->changning, &error);
  fx->changning_town = chc_town_get_id (g_ptr_array_index (towns, 0));

  fx->centre = chc_test_add_centre (fx->db, fx->qingpu, "QP-C1", "测试社区卫生服务中心");
  fx->cn_centre = chc_test_add_centre (fx->db, fx->changning, "CN-C1", "长宁测试社区卫生服务中心");
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->centre);
  g_clear_object (&fx->cn_centre);
  g_clear_object (&fx->db);
}

static ChcFacility *
new_station (Fixture    *fx,
             const char *code)
{
  ChcFacility *f = chc_facility_new ();

  chc_facility_set_code (f, code);
  chc_facility_set_name (f, "测试社区卫生服务站");
  chc_facility_set_facility_type (f, CHC_FACILITY_STATION);
  chc_facility_set_district_id (f, fx->qingpu);
  chc_facility_set_town_id (f, fx->qingpu_town);
  chc_facility_set_parent_id (f, chc_facility_get_id (fx->centre));
  chc_facility_set_floor_area (f, 200);
  return f;
}

/* Adding @f must fail with exactly one violation on @field. */
static void
assert_rule (Fixture     *fx,
             ChcFacility *f,
             const char  *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) violations = chc_database_check_facility (fx->db, f, &error);
  g_autoptr(GPtrArray) all = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (violations->len, ==, 1);
  g_assert_cmpstr (((ChcViolation *) g_ptr_array_index (violations, 0))->field, ==, field);

  g_assert_false (chc_database_add_facility (fx->db, f, &error));
  g_assert_error (error, CHC_VALIDATE_ERROR, CHC_VALIDATE_ERROR_INVALID);
  g_assert_cmpint (chc_facility_get_id (f), ==, 0);

  /* nothing was stored */
  g_clear_error (&error);
  all = chc_database_list_facilities (fx->db, 0, &error);
  g_assert_cmpuint (all->len, ==, 2);
}

static void
test_valid_station (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(ChcFacility) f = new_station (fx, "QP-S1");
  g_autoptr(ChcFacility) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (chc_database_add_facility (fx->db, f, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chc_facility_get_id (f), >, 0);
  stored = chc_database_get_facility (fx->db, chc_facility_get_id (f), &error);
  g_assert_cmpstr (chc_facility_get_parent_name (stored), ==, "测试社区卫生服务中心");
  g_assert_cmpstr (chc_facility_get_district_name (stored), ==, "青浦区");
  g_assert_cmpfloat (chc_facility_get_floor_area (stored), ==, 200);
  g_assert_true (chc_facility_equal (f, stored));
}

static void
test_rule_name (Fixture *fx, gconstpointer data)
{
  g_autoptr(ChcFacility) f = new_station (fx, "QP-S1");
  chc_facility_set_name (f, "   ");
  assert_rule (fx, f, "name");
}

static void
test_rule_code_empty (Fixture *fx, gconstpointer data)
{
  g_autoptr(ChcFacility) f = new_station (fx, "");
  assert_rule (fx, f, "code");
}

static void
test_rule_code_unique (Fixture *fx, gconstpointer data)
{
  g_autoptr(ChcFacility) f = new_station (fx, "QP-C1");
  assert_rule (fx, f, "code");
}

static void
test_rule_floor_area (Fixture *fx, gconstpointer data)
{
  g_autoptr(ChcFacility) f = new_station (fx, "QP-S1");
  chc_facility_set_floor_area (f, -1);
  assert_rule (fx, f, "floor_area");
}

static void
test_rule_parent_required (Fixture *fx, gconstpointer data)
{
  g_autoptr(ChcFacility) f = new_station (fx, "QP-S1");
  chc_facility_set_parent_id (f, 0);
  assert_rule (fx, f, "parent");
}

static void
test_rule_parent_same_district (Fixture *fx, gconstpointer data)
{
  g_autoptr(ChcFacility) f = new_station (fx, "QP-S1");
  chc_facility_set_parent_id (f, chc_facility_get_id (fx->cn_centre));
  assert_rule (fx, f, "parent");
}

static void
test_rule_parent_is_centre (Fixture *fx, gconstpointer data)
{
  g_autoptr(ChcFacility) station = new_station (fx, "QP-S1");
  g_autoptr(ChcFacility) clinic = new_station (fx, "QP-V1");
  g_autoptr(GError) error = NULL;

  g_assert_true (chc_database_add_facility (fx->db, station, &error));
  chc_facility_set_facility_type (clinic, CHC_FACILITY_VILLAGE_CLINIC);
  chc_facility_set_parent_id (clinic, chc_facility_get_id (station));
  {
    g_autoptr(GPtrArray) v = chc_database_check_facility (fx->db, clinic, &error);
    g_assert_cmpuint (v->len, ==, 1);
    g_assert_cmpstr (((ChcViolation *) g_ptr_array_index (v, 0))->field, ==, "parent");
  }
}

static void
test_rule_centre_has_no_parent (Fixture *fx, gconstpointer data)
{
  g_autoptr(ChcFacility) f = new_station (fx, "QP-C2");
  chc_facility_set_facility_type (f, CHC_FACILITY_CENTRE);
  assert_rule (fx, f, "parent");
}

static void
test_rule_town_district (Fixture *fx, gconstpointer data)
{
  g_autoptr(ChcFacility) f = new_station (fx, "QP-S1");
  chc_facility_set_town_id (f, fx->changning_town);
  assert_rule (fx, f, "town");
}

static void
test_rule_standardized_year (Fixture *fx, gconstpointer data)
{
  g_autoptr(ChcFacility) f = new_station (fx, "QP-S1");
  chc_facility_set_standardized_year (f, 2024);
  assert_rule (fx, f, "standardized_year");
}

static void
test_delete_refused_with_children (Fixture *fx, gconstpointer data)
{
  g_autoptr(ChcFacility) f = new_station (fx, "QP-S1");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcFacility) still = NULL;

  g_assert_true (chc_database_add_facility (fx->db, f, &error));
  g_assert_false (chc_database_delete_facility (fx->db, chc_facility_get_id (fx->centre), &error));
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IN_USE);
  g_clear_error (&error);
  still = chc_database_get_facility (fx->db, chc_facility_get_id (fx->centre), &error);
  g_assert_no_error (error);

  g_assert_true (chc_database_delete_facility (fx->db, chc_facility_get_id (f), &error));
  g_assert_true (chc_database_delete_facility (fx->db, chc_facility_get_id (fx->centre), &error));
  g_assert_no_error (error);
}

typedef struct
{
  guint emissions;
  guint last_position;
  guint last_removed;
  guint last_added;
} ItemsChanged;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  ItemsChanged *ic = user_data;

  ic->emissions++;
  ic->last_position = position;
  ic->last_removed = removed;
  ic->last_added = added;
}

static void
test_list_model (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(ChcRegistry) registry = chc_registry_new (fx->db);
  GListModel *list = chc_registry_get_facilities (registry);
  g_autoptr(ChcFacility) f = new_station (fx, "QP-S1");
  g_autoptr(ChcFacility) bad = new_station (fx, "QP-C1");
  g_autoptr(ChcFacility) edited = NULL;
  g_autoptr(GError) error = NULL;
  ItemsChanged ic = { 0 };

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (chc_registry_get_districts (registry)), ==, 16);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &ic);

  g_assert_true (chc_registry_add_facility (registry, f, &error));
  g_assert_cmpuint (ic.emissions, ==, 1);
  g_assert_cmpuint (ic.last_position, ==, 2);
  g_assert_cmpuint (ic.last_added, ==, 1);
  g_assert_cmpuint (ic.last_removed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);

  /* A refused facility changes nothing. */
  g_assert_false (chc_registry_add_facility (registry, bad, &error));
  g_clear_error (&error);
  g_assert_cmpuint (ic.emissions, ==, 1);

  edited = chc_facility_copy (f);
  chc_facility_set_name (edited, "改名社区卫生服务站");
  g_assert_true (chc_registry_update_facility (registry, edited, &error));
  g_assert_cmpuint (ic.emissions, ==, 2);
  g_assert_cmpstr (chc_facility_get_name (chc_registry_lookup (registry, chc_facility_get_id (f))),
                   ==, "改名社区卫生服务站");

  g_assert_true (chc_registry_remove_facility (registry, chc_facility_get_id (f), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ic.emissions, ==, 3);
  g_assert_cmpuint (ic.last_removed, ==, 1);
  g_assert_cmpuint (ic.last_added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  /* A write by someone else (an import, chc-cli) reloads in one emission. */
  {
    g_autoptr(ChcFacility) other = new_station (fx, "QP-S9");
    g_assert_true (chc_database_add_facility (fx->db, other, &error));
    g_assert_cmpuint (ic.emissions, ==, 4);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  }
}

static const char *const qingpu_centres[] = {
  "白鹤", "金泽", "徐泾", "华新", "赵巷", "重固", "香花桥", "练塘", "朱家角",
  "盈浦", "夏阳", "徐泾北",
};
static const char *const changning_centres[] = {
  "新华", "江苏", "华阳", "周家桥", "天山", "仙霞", "虹桥", "程家桥", "北新泾", "新泾",
};

static void
assert_centres (ChcDatabase       *db,
                const char        *district,
                const char *const *names,
                guint              n_names)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChcDistrict) d = chc_database_find_district (db, district, &error);
  g_autoptr(GPtrArray) all = chc_database_list_facilities (db, chc_district_get_id (d), &error);
  guint n_operating_centres = 0;

  for (guint i = 0; i < all->len; i++)
    {
      ChcFacility *f = g_ptr_array_index (all, i);
      if (chc_facility_get_facility_type (f) == CHC_FACILITY_CENTRE &&
          chc_facility_get_status (f) == CHC_FACILITY_OPERATING)
        n_operating_centres++;
    }
  g_assert_cmpuint (n_operating_centres, ==, n_names);

  for (guint i = 0; i < n_names; i++)
    {
      g_autofree char *name = g_strconcat (names[i], "社区卫生服务中心", NULL);
      g_autoptr(ChcFacility) f = chc_database_find_facility (db, name, chc_district_get_id (d), &error);
      g_assert_no_error (error);
      g_assert_cmpint (chc_facility_get_facility_type (f), ==, CHC_FACILITY_CENTRE);
    }
}

static void
test_demo (void)
{
  g_autoptr(ChcDatabase) db = chc_test_new_demo ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(ChcFacility) branch = NULL;

  g_assert_true (chc_database_get_demo (db));
  assert_centres (db, "青浦区", qingpu_centres, G_N_ELEMENTS (qingpu_centres));
  assert_centres (db, "长宁区", changning_centres, G_N_ELEMENTS (changning_centres));

  branch = chc_database_find_facility (db, "金泽社区卫生服务中心商榻分中心", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chc_facility_get_parent_name (branch), ==, "金泽社区卫生服务中心");

  problems = chc_database_check (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* A second demo load is refused. */
  g_assert_false (chc_demo_populate (db, &error));
  g_assert_error (error, CHC_DATABASE_ERROR, CHC_DATABASE_ERROR_IN_USE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/registry/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("valid-station", test_valid_station);
  ADD ("rule/name", test_rule_name);
  ADD ("rule/code-empty", test_rule_code_empty);
  ADD ("rule/code-unique", test_rule_code_unique);
  ADD ("rule/floor-area", test_rule_floor_area);
  ADD ("rule/parent-required", test_rule_parent_required);
  ADD ("rule/parent-same-district", test_rule_parent_same_district);
  ADD ("rule/parent-is-centre", test_rule_parent_is_centre);
  ADD ("rule/centre-has-no-parent", test_rule_centre_has_no_parent);
  ADD ("rule/town-district", test_rule_town_district);
  ADD ("rule/standardized-year", test_rule_standardized_year);
  ADD ("delete-refused-with-children", test_delete_refused_with_children);
  ADD ("list-model", test_list_model);
#undef ADD
  g_test_add_func ("/registry/demo", test_demo);

  return g_test_run ();
}
