// SPDX-License-Identifier: GPL-2.0-or-later
/* Routing preference: names, and which roles' routes bgpd should prefer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "routeserver/preference.h"

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
	for (int p = 0; p < RS_PREFERENCE_COUNT; p++) {
		enum rs_preference parsed = RS_PREFERENCE_COUNT;

		if (!rs_preference_parse(rs_preference_name(p), &parsed) ||
		    (int)parsed != p)
			fail_case("preference %d \"%s\": parsed as %s", p,
				  rs_preference_name(p),
				  rs_preference_name(parsed));
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
		bool parsed = rs_preference_parse(bad[i], &pref);

		if (parsed || pref != RS_PREFERENCE_AS_PATH)
			fail_case("bad[%zu] \"%s\": %s, preference now %s", i,
				  bad[i], parsed ? "accepted" : "refused",
				  rs_preference_name(pref));
	}
	assert_false(rs_preference_parse(NULL, &(enum rs_preference){0}));
}

static void check_weight(size_t row, enum rs_preference pref, enum rs_role role,
			 uint16_t want)
{
	uint16_t got = rs_preference_weight(pref, role);

	if (got != want)
		fail_case(
			"want[%zu]: preference %s, role %s: expected weight %u, got %u",
			row, rs_preference_name(pref), rs_role_name(role), want,
			got);
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

		check_weight(i, p, RS_ROLE_EXPRESSROUTE_GW, want[i].er);
		check_weight(i, p, RS_ROLE_VPN_GW, want[i].vpn);
		check_weight(i, p, RS_ROLE_NVA, want[i].nva);
		check_weight(i, p, RS_ROLE_NONE, want[i].none);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_bad_names_rejected_and_untouched),
		cmocka_unit_test(test_weights),
	};

	return cmocka_run_group_tests_name("preference", tests, NULL, NULL);
}
