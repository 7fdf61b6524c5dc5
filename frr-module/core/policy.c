// SPDX-License-Identifier: GPL-2.0-or-later
/* The route-server decision table (doc/routeserver.md). */
#include "routeserver/policy.h"

static struct rs_verdict verdict(bool allow, enum rs_reason reason)
{
	struct rs_verdict v = {.allow = allow, .reason = reason};

	return v;
}

struct rs_verdict rs_policy_unknown_source(void)
{
	return verdict(false, RS_REASON_UNKNOWN_SOURCE);
}

struct rs_verdict rs_policy_decide(enum rs_source_kind kind,
				   enum rs_role source, enum rs_role dest,
				   bool branch_to_branch)
{
	/* A peer without a role is left to plain bgpd, in both directions. */
	if (dest == RS_ROLE_NONE)
		return verdict(true, RS_REASON_NO_ROLE);
	if (kind == RS_SOURCE_UNKNOWN)
		return rs_policy_unknown_source();
	if (kind == RS_SOURCE_LOCAL)
		return verdict(true, RS_REASON_LOCAL);
	if (source == RS_ROLE_NONE)
		return verdict(true, RS_REASON_NO_ROLE);

	if (source == RS_ROLE_NVA && dest == RS_ROLE_NVA)
		return verdict(true, RS_REASON_NVA_TO_NVA);
	/*
	 * Both gateways: one gateway's routes never go back to a gateway of
	 * the same kind (no ExpressRoute circuit-to-circuit transit; the two
	 * VPN gateway instances carry the same on-premises routes).
	 */
	if (source == dest)
		return verdict(false, RS_REASON_SAME_GATEWAY);

	/* NVA <-> gateway and ExpressRoute <-> VPN: the knob decides. */
	return branch_to_branch ? verdict(true, RS_REASON_B2B_ON)
				: verdict(false, RS_REASON_B2B_OFF);
}

unsigned int rs_policy_knob_changes(
	bool from, bool to,
	void (*fn)(enum rs_source_kind kind, enum rs_role source,
		   enum rs_role dest, struct rs_verdict now, void *arg),
	void *arg)
{
	unsigned int changes = 0;

	for (int s = RS_ROLE_NONE; s < RS_ROLE_COUNT; s++) {
		/* RS_ROLE_NONE as a source stands for the local routes */
		enum rs_source_kind kind =
			s == RS_ROLE_NONE ? RS_SOURCE_LOCAL : RS_SOURCE_PEER;

		for (int d = RS_ROLE_NONE + 1; d < RS_ROLE_COUNT; d++) {
			struct rs_verdict before =
				rs_policy_decide(kind, s, d, from);
			struct rs_verdict now =
				rs_policy_decide(kind, s, d, to);

			if (before.allow == now.allow)
				continue;
			changes++;
			if (fn)
				fn(kind, s, d, now, arg);
		}
	}
	return changes;
}

struct rs_verdict rs_policy_well_known(struct rs_verdict v, enum rs_role dest,
				       bool no_advertise, bool no_export)
{
	if (!v.allow)
		return v;
	if (no_advertise)
		return verdict(false, RS_REASON_NO_ADVERTISE);
	if (no_export && dest == RS_ROLE_NVA)
		return verdict(false, RS_REASON_NO_EXPORT);
	return v;
}

static const struct {
	const char *text;
	const char *key;
} reasons[RS_REASON_COUNT] = {
	[RS_REASON_NO_ROLE] = {"no role: plain bgpd behaviour", "noRole"},
	[RS_REASON_LOCAL] = {"virtual-network prefix: advertised to every peer",
			     "local"},
	[RS_REASON_NVA_TO_NVA] = {"nva -> nva: always exchanged", "nvaToNva"},
	[RS_REASON_B2B_ON] = {"branch-to-branch is on", "branchToBranchOn"},
	[RS_REASON_B2B_OFF] = {"branch-to-branch is off", "branchToBranchOff"},
	[RS_REASON_SAME_GATEWAY] = {"never back to a gateway of the same kind",
				    "sameGatewayKind"},
	[RS_REASON_UNKNOWN_SOURCE] =
		{"source unknown: suppressed (fail closed)", "unknownSource"},
	[RS_REASON_ER_LIMIT] = {"expressroute advertised-route limit reached",
				"expressrouteAdvertisedLimit"},
	[RS_REASON_NO_ADVERTISE] = {"the route carries NO_ADVERTISE",
				    "noAdvertise"},
	[RS_REASON_NO_EXPORT] = {"the route carries NO_EXPORT: not to an nva",
				 "noExport"},
};

const char *rs_source_name(enum rs_source_kind kind, enum rs_role role)
{
	if (kind == RS_SOURCE_UNKNOWN)
		return "unknown";
	return kind == RS_SOURCE_LOCAL ? "local" : rs_role_name(role);
}

const char *rs_reason_text(enum rs_reason reason)
{
	if ((unsigned int)reason >= RS_REASON_COUNT)
		return "invalid";
	return reasons[reason].text;
}

const char *rs_reason_key(enum rs_reason reason)
{
	if ((unsigned int)reason >= RS_REASON_COUNT)
		return "invalid";
	return reasons[reason].key;
}
