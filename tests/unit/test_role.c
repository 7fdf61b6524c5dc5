// SPDX-License-Identifier: GPL-2.0-or-later
/* Role names as typed in vtysh and shown in JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "routeserver/role.h"

static void test_names_round_trip(void **state)
{
	(void)state;
	for (int r = RS_ROLE_NONE + 1; r < RS_ROLE_COUNT; r++) {
		enum rs_role parsed = RS_ROLE_NONE;

		assert_true(rs_role_parse(rs_role_name(r), &parsed));
		assert_int_equal(parsed, r);
	}
	assert_string_equal(rs_role_name(RS_ROLE_EXPRESSROUTE_GW),
			    "expressroute-gateway");
	assert_string_equal(rs_role_name(RS_ROLE_VPN_GW), "vpn-gateway");
	assert_string_equal(rs_role_name(RS_ROLE_NVA), "nva");
}

static void test_bad_names_rejected_and_untouched(void **state)
{
	static const char *const bad[] = {"none", "NVA",	  "nva ",   "",
					  "vpn",  "expressroute", "gateway"};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum rs_role role = RS_ROLE_VPN_GW;

		assert_false(rs_role_parse(bad[i], &role));
		assert_int_equal(role, RS_ROLE_VPN_GW);
	}
	assert_false(rs_role_parse(NULL, &(enum rs_role){0}));
	assert_string_equal(rs_role_name(RS_ROLE_COUNT), "invalid");
	assert_string_equal(rs_role_name(RS_ROLE_NONE), "none");
}

static void test_gateway_kinds(void **state)
{
	(void)state;
	assert_true(rs_role_is_gateway(RS_ROLE_EXPRESSROUTE_GW));
	assert_true(rs_role_is_gateway(RS_ROLE_VPN_GW));
	assert_false(rs_role_is_gateway(RS_ROLE_NVA));
	assert_false(rs_role_is_gateway(RS_ROLE_NONE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_bad_names_rejected_and_untouched),
		cmocka_unit_test(test_gateway_kinds),
	};

	return cmocka_run_group_tests_name("role", tests, NULL, NULL);
}
