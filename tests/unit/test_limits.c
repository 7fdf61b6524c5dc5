// SPDX-License-Identifier: GPL-2.0-or-later
/* Azure's limits: defaults, per-neighbor override, admission rules. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "routeserver/limits.h"

static void test_defaults_are_azures(void **state)
{
	struct rs_limits l = rs_limits_default();

	(void)state;
	assert_int_equal(l.received, 4000);
	assert_int_equal(l.er_advertised, 1000);
	assert_int_equal(l.role_peers, 8);
	assert_int_equal(l.restart, 1);
}

static void test_received_limit(void **state)
{
	struct rs_limits l = rs_limits_default();

	(void)state;
	assert_int_equal(rs_limits_received_for(&l, RS_ROLE_NVA, 0), 4000);
	assert_int_equal(rs_limits_received_for(&l, RS_ROLE_NVA, 7), 7);
	assert_int_equal(rs_limits_received_for(&l, RS_ROLE_EXPRESSROUTE_GW, 0),
			 4000);
	/* no role: plain bgpd, no limit of the module's */
	assert_int_equal(rs_limits_received_for(&l, RS_ROLE_NONE, 7), 0);
	l.received = 10;
	assert_int_equal(rs_limits_received_for(&l, RS_ROLE_VPN_GW, 0), 10);
}

static void test_er_admission(void **state)
{
	struct rs_limits l = rs_limits_default();

	(void)state;
	l.er_advertised = 3;
	assert_true(rs_limits_er_admit(&l, 2, false, RS_SOURCE_PEER));
	assert_false(rs_limits_er_admit(&l, 3, false, RS_SOURCE_PEER));
	assert_false(rs_limits_er_admit(&l, 4, false, RS_SOURCE_PEER));
	assert_false(rs_limits_er_admit(&l, 3, false, RS_SOURCE_UNKNOWN));
	/* the virtual network always; an update never becomes a withdrawal */
	assert_true(rs_limits_er_admit(&l, 3, false, RS_SOURCE_LOCAL));
	assert_true(rs_limits_er_admit(&l, 9, true, RS_SOURCE_PEER));
}

static void test_role_peers_fit(void **state)
{
	struct rs_limits l = rs_limits_default();

	(void)state;
	assert_true(rs_limits_role_peers_fit(&l, 7, 1));
	assert_false(rs_limits_role_peers_fit(&l, 8, 1));
	assert_false(rs_limits_role_peers_fit(&l, 6, 3));
	/* nothing added (a role change) always fits, also above a lowered
	 * limit */
	assert_true(rs_limits_role_peers_fit(&l, 9, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_are_azures),
		cmocka_unit_test(test_received_limit),
		cmocka_unit_test(test_er_admission),
		cmocka_unit_test(test_role_peers_fit),
	};

	return cmocka_run_group_tests_name("limits", tests, NULL, NULL);
}
