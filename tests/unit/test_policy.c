// SPDX-License-Identifier: GPL-2.0-or-later
/* The decision table of doc/routeserver.md, cell by cell, knob off and on. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "routeserver/policy.h"

#define ER RS_ROLE_EXPRESSROUTE_GW
#define VPN RS_ROLE_VPN_GW
#define NVA RS_ROLE_NVA

struct cell {
	enum rs_role source, dest;
	bool off_allow, on_allow;
	enum rs_reason off_reason, on_reason;
};

static const struct cell table[] = {
	{NVA, NVA, true, true, RS_REASON_NVA_TO_NVA, RS_REASON_NVA_TO_NVA},
	{NVA, ER, false, true, RS_REASON_B2B_OFF, RS_REASON_B2B_ON},
	{NVA, VPN, false, true, RS_REASON_B2B_OFF, RS_REASON_B2B_ON},
	{ER, NVA, false, true, RS_REASON_B2B_OFF, RS_REASON_B2B_ON},
	{ER, ER, false, false, RS_REASON_SAME_GATEWAY, RS_REASON_SAME_GATEWAY},
	{ER, VPN, false, true, RS_REASON_B2B_OFF, RS_REASON_B2B_ON},
	{VPN, NVA, false, true, RS_REASON_B2B_OFF, RS_REASON_B2B_ON},
	{VPN, ER, false, true, RS_REASON_B2B_OFF, RS_REASON_B2B_ON},
	{VPN, VPN, false, false, RS_REASON_SAME_GATEWAY,
	 RS_REASON_SAME_GATEWAY},
};

static void test_every_cell_both_knob_values(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct cell *c = &table[i];
		struct rs_verdict off = rs_policy_decide(
			RS_SOURCE_PEER, c->source, c->dest, false);
		struct rs_verdict on = rs_policy_decide(
			RS_SOURCE_PEER, c->source, c->dest, true);

		assert_int_equal(off.allow, c->off_allow);
		assert_int_equal(off.reason, c->off_reason);
		assert_int_equal(on.allow, c->on_allow);
		assert_int_equal(on.reason, c->on_reason);
	}
}

static void test_local_routes_go_to_everyone(void **state)
{
	(void)state;
	for (int dest = ER; dest <= NVA; dest++)
		for (int knob = 0; knob <= 1; knob++) {
			struct rs_verdict v = rs_policy_decide(
				RS_SOURCE_LOCAL, RS_ROLE_NONE, dest, knob);

			assert_true(v.allow);
			assert_int_equal(v.reason, RS_REASON_LOCAL);
		}
}

static void test_peers_without_role_untouched(void **state)
{
	(void)state;
	for (int role = RS_ROLE_NONE; role < RS_ROLE_COUNT; role++)
		for (int knob = 0; knob <= 1; knob++) {
			/* from a peer without a role, to any role */
			struct rs_verdict from = rs_policy_decide(
				RS_SOURCE_PEER, RS_ROLE_NONE, role, knob);
			/* to a peer without a role, from anything */
			struct rs_verdict to = rs_policy_decide(
				RS_SOURCE_PEER, role, RS_ROLE_NONE, knob);
			struct rs_verdict local =
				rs_policy_decide(RS_SOURCE_LOCAL, RS_ROLE_NONE,
						 RS_ROLE_NONE, knob);

			assert_true(from.allow);
			assert_true(to.allow);
			assert_int_equal(to.reason, RS_REASON_NO_ROLE);
			assert_true(local.allow);
		}
}

static void test_reasons_have_words_and_keys(void **state)
{
	(void)state;
	for (int r = 0; r < RS_REASON_COUNT; r++) {
		assert_non_null(rs_reason_text(r));
		assert_string_not_equal(rs_reason_text(r), "invalid");
		assert_string_not_equal(rs_reason_key(r), "invalid");
		/* JSON keys are camelCase: no separators */
		assert_null(strpbrk(rs_reason_key(r), " -_"));
	}
	assert_string_equal(rs_reason_text(RS_REASON_B2B_OFF),
			    "branch-to-branch is off");
	assert_string_equal(rs_reason_key(RS_REASON_COUNT), "invalid");
}

static void test_source_names(void **state)
{
	(void)state;
	assert_string_equal(rs_source_name(RS_SOURCE_LOCAL, RS_ROLE_NONE),
			    "local");
	assert_string_equal(rs_source_name(RS_SOURCE_PEER, NVA), "nva");
	assert_string_equal(
		rs_source_name(RS_SOURCE_PEER, RS_ROLE_EXPRESSROUTE_GW),
		"expressroute-gateway");
}

static void test_unknown_source_fails_closed(void **state)
{
	struct rs_verdict v = rs_policy_unknown_source();

	(void)state;
	assert_false(v.allow);
	assert_int_equal(v.reason, RS_REASON_UNKNOWN_SOURCE);
	assert_string_equal(rs_reason_key(v.reason), "unknownSource");
	/* a source that cannot be told reaches no role peer, whatever the knob
	 */
	for (int dest = RS_ROLE_NONE + 1; dest < RS_ROLE_COUNT; dest++)
		for (int knob = 0; knob <= 1; knob++) {
			v = rs_policy_decide(RS_SOURCE_UNKNOWN, RS_ROLE_NONE,
					     dest, knob);
			assert_false(v.allow);
			assert_int_equal(v.reason, RS_REASON_UNKNOWN_SOURCE);
		}
	/* and peers without a role stay plain bgpd */
	assert_true(rs_policy_decide(RS_SOURCE_UNKNOWN, RS_ROLE_NONE,
				     RS_ROLE_NONE, false)
			    .allow);
	assert_string_equal(rs_source_name(RS_SOURCE_UNKNOWN, RS_ROLE_NONE),
			    "unknown");
}

struct seen {
	unsigned int count;
	bool local_seen, same_gateway_seen, nva_pair_seen;
	bool all_now_allowed, all_now_suppressed;
};

static void record_change(enum rs_source_kind kind, enum rs_role source,
			  enum rs_role dest, struct rs_verdict now, void *arg)
{
	struct seen *seen = arg;

	seen->count++;
	seen->local_seen |= kind == RS_SOURCE_LOCAL;
	seen->same_gateway_seen |= source == dest && source != NVA;
	seen->nva_pair_seen |= source == NVA && dest == NVA;
	seen->all_now_allowed &= now.allow;
	seen->all_now_suppressed &= !now.allow;
}

static void test_knob_changes_are_the_branch_to_branch_cells(void **state)
{
	struct seen on = {.all_now_allowed = true, .all_now_suppressed = true};
	struct seen off = on;

	(void)state;
	/* nva<->er, nva<->vpn, er<->vpn: six cells, both ways */
	assert_int_equal(
		rs_policy_knob_changes(false, true, record_change, &on), 6);
	assert_int_equal(on.count, 6);
	assert_true(on.all_now_allowed);
	assert_false(on.local_seen || on.same_gateway_seen || on.nva_pair_seen);
	assert_int_equal(
		rs_policy_knob_changes(true, false, record_change, &off), 6);
	assert_true(off.all_now_suppressed);
	assert_int_equal(rs_policy_knob_changes(true, true, NULL, NULL), 0);
	assert_int_equal(rs_policy_knob_changes(false, false, NULL, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_cell_both_knob_values),
		cmocka_unit_test(test_local_routes_go_to_everyone),
		cmocka_unit_test(test_peers_without_role_untouched),
		cmocka_unit_test(test_reasons_have_words_and_keys),
		cmocka_unit_test(test_source_names),
		cmocka_unit_test(test_unknown_source_fails_closed),
		cmocka_unit_test(
			test_knob_changes_are_the_branch_to_branch_cells),
	};

	return cmocka_run_group_tests_name("policy", tests, NULL, NULL);
}
