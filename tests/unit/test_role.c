// SPDX-License-Identifier: GPL-2.0-or-later
/* Role names as typed in vtysh and shown in JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "routeserver/role.h"

/*
 * A failure that names its case: a TAP comment on stdout, ahead of cmocka's
 * "not ok" (cmocka 1.1.5's fail_msg() writes to stderr, outside TAP).
 */
#define fail_case(fmt, ...)                                                    \
	do {                                                                   \
		print_message("# " fmt "\n", __VA_ARGS__);                     \
		fail();                                                        \
	} while (0)

static void test_names_round_trip(void **state)
{
	(void)state;
	for (int r = RS_ROLE_NONE + 1; r < RS_ROLE_COUNT; r++) {
		enum rs_role parsed = RS_ROLE_NONE;

		if (!rs_role_parse(rs_role_name(r), &parsed) ||
		    (int)parsed != r)
			fail_case("role %d \"%s\": parsed as %s", r,
				  rs_role_name(r), rs_role_name(parsed));
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
		bool parsed = rs_role_parse(bad[i], &role);

		if (parsed || role != RS_ROLE_VPN_GW)
			fail_case("bad[%zu] \"%s\": %s, role now %s", i, bad[i],
				  parsed ? "accepted" : "refused",
				  rs_role_name(role));
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

static void test_settings_implied_by_role(void **state)
{
	struct rs_role_settings s;

	(void)state;
	/* iBGP gateways reflect; their next hops are never touched by iBGP */
	s = rs_role_settings(RS_ROLE_EXPRESSROUTE_GW, true);
	assert_true(s.reflector_client);
	assert_false(s.nexthop_unchanged);
	s = rs_role_settings(RS_ROLE_VPN_GW, true);
	assert_true(s.reflector_client);
	assert_false(s.nexthop_unchanged);
	/* eBGP role peers keep the original next hop; no reflection in eBGP */
	s = rs_role_settings(RS_ROLE_NVA, false);
	assert_false(s.reflector_client);
	assert_true(s.nexthop_unchanged);
	s = rs_role_settings(RS_ROLE_EXPRESSROUTE_GW, false);
	assert_false(s.reflector_client);
	assert_true(s.nexthop_unchanged);
	/* no role: plain bgpd, nothing implied */
	s = rs_role_settings(RS_ROLE_NONE, true);
	assert_false(s.reflector_client || s.nexthop_unchanged);
	s = rs_role_settings(RS_ROLE_NONE, false);
	assert_false(s.reflector_client || s.nexthop_unchanged);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_bad_names_rejected_and_untouched),
		cmocka_unit_test(test_gateway_kinds),
		cmocka_unit_test(test_settings_implied_by_role),
	};

	return cmocka_run_group_tests_name("role", tests, NULL, NULL);
}
