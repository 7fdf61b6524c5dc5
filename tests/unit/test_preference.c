// SPDX-License-Identifier: GPL-2.0-or-later
/* Routing preference: names, and which roles' routes bgpd should prefer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "routeserver/preference.h"

static void test_names_round_trip(void **state)
{
	(void)state;
	for (int p = 0; p < RS_PREFERENCE_COUNT; p++) {
		enum rs_preference parsed = RS_PREFERENCE_COUNT;

		assert_true(
			rs_preference_parse(rs_preference_name(p), &parsed));
		assert_int_equal(parsed, p);
	}
	assert_string_equal(rs_preference_name(RS_PREFERENCE_EXPRESSROUTE),
			    "expressroute");
	assert_string_equal(rs_preference_name(RS_PREFERENCE_VPN_GATEWAY),
			    "vpn-gateway");
	assert_string_equal(rs_preference_name(RS_PREFERENCE_AS_PATH),
			    "as-path");
	assert_string_equal(rs_preference_name(RS_PREFERENCE_COUNT), "invalid");
}

static void test_bad_names_rejected_and_untouched(void **state)
{
	static const char *const bad[] = {"ExpressRoute", "vpn", "aspath", "",
					  "expressroute "};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum rs_preference pref = RS_PREFERENCE_AS_PATH;

		assert_false(rs_preference_parse(bad[i], &pref));
		assert_int_equal(pref, RS_PREFERENCE_AS_PATH);
	}
	assert_false(rs_preference_parse(NULL, &(enum rs_preference){0}));
}

/* Azure: ExpressRoute over VPN/NVA, or VPN/NVA over ExpressRoute (VPN and
 * NVA equal, the AS path decides), or nobody (the AS path decides). */
static void test_weights(void **state)
{
	static const struct {
		enum rs_preference pref;
		uint16_t er, vpn, nva, none;
	} want[] = {
		{RS_PREFERENCE_EXPRESSROUTE, 1, 0, 0, 0},
		{RS_PREFERENCE_VPN_GATEWAY, 0, 1, 1, 0},
		{RS_PREFERENCE_AS_PATH, 0, 0, 0, 0},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		enum rs_preference p = want[i].pref;

		assert_int_equal(
			rs_preference_weight(p, RS_ROLE_EXPRESSROUTE_GW),
			want[i].er);
		assert_int_equal(rs_preference_weight(p, RS_ROLE_VPN_GW),
				 want[i].vpn);
		assert_int_equal(rs_preference_weight(p, RS_ROLE_NVA),
				 want[i].nva);
		assert_int_equal(rs_preference_weight(p, RS_ROLE_NONE),
				 want[i].none);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_bad_names_rejected_and_untouched),
		cmocka_unit_test(test_weights),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
