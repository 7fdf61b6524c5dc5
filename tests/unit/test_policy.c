// SPDX-License-Identifier: GPL-2.0-or-later
/* The decision table of doc/routeserver.md, cell by cell, knob off and on. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "routeserver/policy.h"

/*
 * A failure that names its case: a TAP comment on stdout, ahead of cmocka's
 * "not ok" (cmocka 1.1.5's fail_msg() writes to stderr, outside TAP).
 */
#define fail_case(fmt, ...)                                                    \
	do {                                                                   \
		print_message("# " fmt "\n", __VA_ARGS__);                     \
		fail();                                                        \
	} while (0)

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

static const char *allow_word(bool allow)
{
	return allow ? "allow" : "suppress";
}

/*
 * One decision, or a failure that names the case (WHAT: the table row or the
 * loop) with both verdicts: cmocka's own message would say only "0x1 != 0".
 */
static void check_verdict(const char *what, enum rs_source_kind kind,
			  enum rs_role source, enum rs_role dest, bool knob,
			  bool allow, enum rs_reason reason)
{
	struct rs_verdict got = rs_policy_decide(kind, source, dest, knob);

	if (got.allow == allow && got.reason == reason)
		return;
	fail_case(
		"%s: source %s, destination %s, knob %s: expected %s (%s), got %s (%s)",
		what, rs_source_name(kind, source), rs_role_name(dest),
		knob ? "on" : "off", allow_word(allow), rs_reason_key(reason),
		allow_word(got.allow), rs_reason_key(got.reason));
}

static void test_every_cell_both_knob_values(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct cell *c = &table[i];
		char row[32];

		snprintf(row, sizeof(row), "table[%zu]", i);
		check_verdict(row, RS_SOURCE_PEER, c->source, c->dest, false,
			      c->off_allow, c->off_reason);
		check_verdict(row, RS_SOURCE_PEER, c->source, c->dest, true,
			      c->on_allow, c->on_reason);
	}
}

static void test_local_routes_go_to_everyone(void **state)
{
	(void)state;
	for (int dest = ER; dest <= NVA; dest++)
		for (int knob = 0; knob <= 1; knob++)
			check_verdict("local route", RS_SOURCE_LOCAL,
				      RS_ROLE_NONE, dest, knob, true,
				      RS_REASON_LOCAL);
}

static void test_peers_without_role_untouched(void **state)
{
	(void)state;
	for (int role = RS_ROLE_NONE; role < RS_ROLE_COUNT; role++)
		for (int knob = 0; knob <= 1; knob++) {
			/* from a peer without a role, to any role */
			check_verdict("from no role", RS_SOURCE_PEER,
				      RS_ROLE_NONE, role, knob, true,
				      RS_REASON_NO_ROLE);
			/* to a peer without a role, from anything */
			check_verdict("to no role", RS_SOURCE_PEER, role,
				      RS_ROLE_NONE, knob, true,
				      RS_REASON_NO_ROLE);
			check_verdict("local to no role", RS_SOURCE_LOCAL,
				      RS_ROLE_NONE, RS_ROLE_NONE, knob, true,
				      RS_REASON_NO_ROLE);
		}
}

static void test_reasons_have_words_and_keys(void **state)
{
	(void)state;
	for (int r = 0; r < RS_REASON_COUNT; r++) {
		const char *text = rs_reason_text(r), *key = rs_reason_key(r);

		/* JSON keys are camelCase: no separators */
		if (!text || !strcmp(text, "invalid") || !key ||
		    !strcmp(key, "invalid") || strpbrk(key, " -_"))
			fail_case("reason %d: text \"%s\", key \"%s\"", r,
				  text ? text : "(null)", key ? key : "(null)");
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
		for (int knob = 0; knob <= 1; knob++)
			check_verdict("unknown source", RS_SOURCE_UNKNOWN,
				      RS_ROLE_NONE, dest, knob, false,
				      RS_REASON_UNKNOWN_SOURCE);
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

/* NO_ADVERTISE: to no role; NO_EXPORT: to no nva; a refusal stays one. */
static void test_well_known_communities(void **state)
{
	struct rs_verdict allow = {.allow = true, .reason = RS_REASON_B2B_ON};
	struct rs_verdict deny = {.allow = false, .reason = RS_REASON_B2B_OFF};
	enum rs_role roles[] = {ER, VPN, NVA};

	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		struct rs_verdict v;

		v = rs_policy_well_known(allow, roles[i], true, false);
		assert_false(v.allow);
		assert_int_equal(v.reason, RS_REASON_NO_ADVERTISE);
		v = rs_policy_well_known(allow, roles[i], false, true);
		assert_int_equal(v.allow, roles[i] != NVA);
		assert_int_equal(v.reason, roles[i] == NVA ? RS_REASON_NO_EXPORT
							   : RS_REASON_B2B_ON);
		v = rs_policy_well_known(allow, roles[i], false, false);
		assert_true(v.allow);
		v = rs_policy_well_known(deny, roles[i], true, true);
		assert_false(v.allow);
		assert_int_equal(v.reason, RS_REASON_B2B_OFF);
	}
}

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
		cmocka_unit_test(test_well_known_communities),
		cmocka_unit_test(
			test_knob_changes_are_the_branch_to_branch_cells),
	};

	return cmocka_run_group_tests_name("policy", tests, NULL, NULL);
}
