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
	struct rs_neighbor_facts ebgp = {.as_known = true, .remote_as = 65001};
	struct rs_neighbor_facts ibgp = {
		.as_known = true, .ibgp = true, .remote_as = 65515};
	struct rs_neighbor_facts azure = {.as_known = true, .remote_as = 12076};
	struct rs_neighbor_facts unknown_group = {.is_peer_group = true};

	(void)state;
	assert_null(rs_role_check(RS_ROLE_NVA, &ebgp));
	assert_non_null(rs_role_check(RS_ROLE_NVA, &ibgp));
	assert_non_null(rs_role_check(RS_ROLE_NVA, &azure));
	/* a peer-group without remote-as: its members are checked instead */
	assert_null(rs_role_check(RS_ROLE_NVA, &unknown_group));
}

static void test_gateways_may_be_ibgp_or_ebgp(void **state)
{
	struct rs_neighbor_facts ibgp = {
		.as_known = true, .ibgp = true, .remote_as = 65515};
	struct rs_neighbor_facts ebgp = {.as_known = true, .remote_as = 12076};

	(void)state;
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refused_nva_asns),
		cmocka_unit_test(test_nva_must_be_ebgp_with_allowed_asn),
		cmocka_unit_test(test_gateways_may_be_ibgp_or_ebgp),
		cmocka_unit_test(test_vpn_active_active),
	};

	return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
