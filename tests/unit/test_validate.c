// SPDX-License-Identifier: GPL-2.0-or-later
/* Role-assignment checks as Azure Route Server applies them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <inttypes.h>
#include <cmocka.h>

#include "routeserver/validate.h"

/*
 * A failure that names its case: a TAP comment on stdout, ahead of cmocka's
 * "not ok" (cmocka 1.1.5's fail_msg() writes to stderr, outside TAP).
 */
#define fail_case(fmt, ...)                                                    \
	do {                                                                   \
		print_message("# " fmt "\n", __VA_ARGS__);                     \
		fail();                                                        \
	} while (0)

static void test_refused_nva_asns(void **state)
{
	static const uint32_t refused[] = {8074,  8075,	 12076, 23456, 64496,
					   64500, 64511, 65515, 65517, 65518,
					   65520, 65535, 65540, 65551};
	static const uint32_t allowed[] = {
		1,     8073,  8076,  12075, 12077, 64495, 64512,
		65001, 65514, 65516, 65521, 65534, 65552, 4200000000u};
	(void)state;
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		if (!rs_nva_asn_refused(refused[i]))
			fail_case("refused[%zu]: AS %" PRIu32 " allowed", i,
				  refused[i]);
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (rs_nva_asn_refused(allowed[i]))
			fail_case("allowed[%zu]: AS %" PRIu32 " refused", i,
				  allowed[i]);
}

static void test_nva_must_be_ebgp_with_allowed_asn(void **state)
{
	struct rs_neighbor_facts ebgp =
		rs_facts_make(false, RS_AS_NUMBER, 65001, 65515);
	struct rs_neighbor_facts ibgp =
		rs_facts_make(false, RS_AS_NUMBER, 65515, 65515);
	struct rs_neighbor_facts internal =
		rs_facts_make(false, RS_AS_INTERNAL, 0, 65515);
	struct rs_neighbor_facts azure =
		rs_facts_make(false, RS_AS_NUMBER, 12076, 65515);
	struct rs_neighbor_facts unknown_group =
		rs_facts_make(true, RS_AS_UNSET, 0, 65515);

	(void)state;
	assert_null(rs_role_check(RS_ROLE_NVA, &ebgp));
	assert_non_null(rs_role_check(RS_ROLE_NVA, &ibgp));
	assert_non_null(rs_role_check(RS_ROLE_NVA, &internal));
	assert_non_null(rs_role_check(RS_ROLE_NVA, &azure));
	/* a peer-group without remote-as: its members are checked instead */
	assert_null(rs_role_check(RS_ROLE_NVA, &unknown_group));
}

static void test_gateways_may_be_ibgp_or_ebgp(void **state)
{
	struct rs_neighbor_facts ibgp =
		rs_facts_make(false, RS_AS_INTERNAL, 0, 65515);
	struct rs_neighbor_facts ebgp =
		rs_facts_make(false, RS_AS_NUMBER, 12076, 65515);

	(void)state;
	assert_true(ibgp.ibgp);
	assert_int_equal(ibgp.remote_as, 65515);
	assert_null(rs_role_check(RS_ROLE_EXPRESSROUTE_GW, &ibgp));
	assert_null(rs_role_check(RS_ROLE_VPN_GW, &ibgp));
	assert_null(rs_role_check(RS_ROLE_EXPRESSROUTE_GW, &ebgp));
	assert_null(rs_role_check(RS_ROLE_VPN_GW, &ebgp));
	assert_non_null(rs_role_check(RS_ROLE_NONE, &ibgp));
	assert_non_null(rs_role_check(RS_ROLE_COUNT, &ibgp));
}

static void test_vpn_active_active(void **state)
{
	(void)state;
	assert_false(rs_vpn_gateway_not_active_active(0));
	assert_true(rs_vpn_gateway_not_active_active(1));
	assert_false(rs_vpn_gateway_not_active_active(2));
	assert_false(rs_vpn_gateway_not_active_active(3));
}

/* external and auto leave the AS to the session: no role can be checked */
static void test_role_needs_number_or_internal(void **state)
{
	static const enum rs_role roles[] = {RS_ROLE_EXPRESSROUTE_GW,
					     RS_ROLE_VPN_GW, RS_ROLE_NVA};
	static const enum rs_as_kind refused[] = {RS_AS_EXTERNAL, RS_AS_AUTO};
	struct rs_neighbor_facts none = rs_facts_make(false, RS_AS_UNSET, 0, 1);
	char buf[32];

	(void)state;
	for (size_t r = 0; r < sizeof(roles) / sizeof(roles[0]); r++) {
		for (size_t k = 0; k < 2; k++) {
			struct rs_neighbor_facts neighbor =
				rs_facts_make(false, refused[k], 0, 65515);
			struct rs_neighbor_facts group =
				rs_facts_make(true, refused[k], 0, 65515);

			if (!rs_role_check(roles[r], &neighbor) ||
			    !rs_role_check(roles[r], &group))
				fail_case("role %zu, remote-as %s: accepted", r,
					  rs_as_kind_name(refused[k]));
		}
	}
	/* a neighbor without any remote-as has no AS to check */
	assert_non_null(rs_role_check(RS_ROLE_VPN_GW, &none));
	assert_string_equal(rs_as_kind_name(RS_AS_AUTO), "auto");
	assert_string_equal(rs_as_kind_name(RS_AS_UNSET), "none");
	assert_string_equal(rs_facts_as_text(&none, buf, sizeof(buf)),
			    "no remote-as");
	none = rs_facts_make(false, RS_AS_NUMBER, 65001, 1);
	assert_string_equal(rs_facts_as_text(&none, buf, sizeof(buf)),
			    "remote AS 65001");
	none = rs_facts_make(false, RS_AS_AUTO, 0, 1);
	assert_string_equal(rs_facts_as_text(&none, buf, sizeof(buf)),
			    "remote-as auto");
}

/* bgpd's peer_group_bind(): what a member ends up with */
static void test_facts_after_join(void **state)
{
	const uint32_t local = 65515;
	struct rs_neighbor_facts none =
		rs_facts_make(false, RS_AS_UNSET, 0, local);
	struct rs_neighbor_facts own =
		rs_facts_make(false, RS_AS_NUMBER, 65001, local);
	struct rs_neighbor_facts internal =
		rs_facts_make(false, RS_AS_INTERNAL, 0, local);
	struct rs_neighbor_facts external =
		rs_facts_make(false, RS_AS_EXTERNAL, 0, local);
	struct rs_neighbor_facts g_as =
		rs_facts_make(true, RS_AS_NUMBER, 65002, local);
	struct rs_neighbor_facts g_none =
		rs_facts_make(true, RS_AS_UNSET, 0, local);
	struct rs_neighbor_facts g_int =
		rs_facts_make(true, RS_AS_INTERNAL, 0, local);
	struct rs_neighbor_facts f;

	(void)state;
	/* a new neighbor, or one without remote-as: the group's */
	f = rs_facts_after_join(&none, &g_as, local);
	assert_int_equal(f.as_kind, RS_AS_NUMBER);
	assert_int_equal(f.remote_as, 65002);
	assert_false(f.is_peer_group);
	f = rs_facts_after_join(&none, &g_int, local);
	assert_int_equal(f.as_kind, RS_AS_INTERNAL);
	assert_true(f.ibgp);
	/* its own number: the group's number replaces it */
	f = rs_facts_after_join(&own, &g_as, local);
	assert_int_equal(f.remote_as, 65002);
	f = rs_facts_after_join(&own, &g_none, local);
	assert_int_equal(f.remote_as, 65001);
	/* internal and external stay, whatever number the group has */
	f = rs_facts_after_join(&internal, &g_as, local);
	assert_int_equal(f.as_kind, RS_AS_INTERNAL);
	assert_true(f.ibgp);
	assert_non_null(rs_role_check(RS_ROLE_NVA, &f));
	f = rs_facts_after_join(&external, &g_as, local);
	assert_int_equal(f.as_kind, RS_AS_EXTERNAL);
	assert_non_null(rs_role_check(RS_ROLE_NVA, &f));
	/* no AS on either side: unknown */
	f = rs_facts_after_join(&none, &g_none, local);
	assert_non_null(rs_role_check(RS_ROLE_NVA, &f));
}

/* bgpd's command strings, FRR 8.4 (Debian 12) and 10.3 (Debian 13) */
#define ADDR "<A.B.C.D|X:X::X:X|WORD>"
#define AS_84 "<(1-4294967295)|internal|external>"
#define AS_103 "<ASNUM|internal|external|auto>"

static const struct {
	const char *cmd, *pattern;
	bool match;
} cmd_cases[] = {
	/* what the guards must find */
	{"neighbor " ADDR " peer-group PGNAME", "neighbor * peer-group *", 1},
	{"neighbor WORD interface [peer-group PGNAME]",
	 "neighbor * interface peer-group *", 1},
	{"neighbor WORD interface v6only [peer-group PGNAME]",
	 "neighbor * interface v6only peer-group *", 1},
	{"[no$no] neighbor " ADDR
	 "$neighbor advertise-map RMAP_NAME$advertise_str "
	 "<exist-map|non-exist-map>$exist RMAP_NAME$condition_str",
	 "neighbor * advertise-map *", 1},
	{"neighbor " ADDR " remote-as " AS_84, "neighbor * remote-as *", 1},
	{"neighbor " ADDR " remote-as " AS_103, "neighbor * remote-as *", 1},
	{"neighbor WORD interface remote-as " AS_84,
	 "neighbor * interface remote-as *", 1},
	{"neighbor WORD interface v6only remote-as " AS_103,
	 "neighbor * interface v6only remote-as *", 1},
	{"neighbor " ADDR " activate", "neighbor * activate", 1},
	/* a bracketed pattern word may be missing or present */
	{"neighbor WORD interface [peer-group PGNAME]",
	 "neighbor * [interface] [v6only] peer-group *", 1},
	{"neighbor " ADDR " peer-group PGNAME",
	 "neighbor * [interface] [v6only] peer-group *", 1},
	{"neighbor WORD interface v6only [peer-group PGNAME]",
	 "neighbor * [interface] [v6only] peer-group *", 1},
	/* what they must not: the "no" forms, other commands, other forms */
	{"no neighbor " ADDR " peer-group PGNAME", "neighbor * peer-group *",
	 0},
	{"no neighbor WORD interface [v6only] [peer-group PGNAME] [remote-as " AS_84
	 "]",
	 "neighbor * interface peer-group *", 0},
	{"neighbor <WORD> peer-group", "neighbor * peer-group *", 0},
	{"neighbor WORD peer-group", "neighbor * peer-group *", 0},
	{"neighbor WORD interface [peer-group PGNAME]",
	 "neighbor * peer-group *", 0},
	{"neighbor WORD interface v6only [peer-group PGNAME]",
	 "neighbor * interface peer-group *", 0},
	{"neighbor WORD interface remote-as " AS_84, "neighbor * remote-as *",
	 0},
	{"no neighbor " ADDR " activate", "neighbor * activate", 0},
	{"neighbor " ADDR " activate", "neighbor * advertise-map *", 0},
	{"neighbor " ADDR
	 " route-server role <expressroute-gateway|vpn-gateway|nva>$role",
	 "neighbor * activate", 0},
	{"bgp listen range <A.B.C.D/M|X:X::X:X/M> peer-group PGNAME",
	 "neighbor * peer-group *", 0},
	{"", "neighbor * activate", 0},
	/* an empty pattern is any command's start */
	{"neighbor " ADDR " activate", "", 1},
};

static void test_cmd_matches(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cmd_cases) / sizeof(cmd_cases[0]); i++)
		if (rs_cmd_matches(cmd_cases[i].cmd, cmd_cases[i].pattern) !=
		    cmd_cases[i].match)
			fail_case("cmd_cases[%zu]: \"%s\" %s \"%s\"", i,
				  cmd_cases[i].cmd,
				  cmd_cases[i].match ? "does not match"
						     : "matches",
				  cmd_cases[i].pattern);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refused_nva_asns),
		cmocka_unit_test(test_nva_must_be_ebgp_with_allowed_asn),
		cmocka_unit_test(test_gateways_may_be_ibgp_or_ebgp),
		cmocka_unit_test(test_vpn_active_active),
		cmocka_unit_test(test_role_needs_number_or_internal),
		cmocka_unit_test(test_facts_after_join),
		cmocka_unit_test(test_cmd_matches),
	};

	return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
