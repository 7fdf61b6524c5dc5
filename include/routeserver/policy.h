// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The route-server decision: may a path whose best source is SRC be
 * advertised to a peer of role DST? One function, the decision table of
 * doc/routeserver.md ("Decision table"). Plain C, no FRR dependency.
 */
#ifndef ROUTESERVER_POLICY_H
#define ROUTESERVER_POLICY_H

#include <stdbool.h>

#include "routeserver/role.h"

/* Where the advertised path came from. */
enum rs_source_kind {
	RS_SOURCE_LOCAL, /* originated here: network, redistribute, aggregate */
	RS_SOURCE_PEER,	 /* learned from a peer (role may be RS_ROLE_NONE) */
	RS_SOURCE_UNKNOWN, /* cannot be told (a leak without its origin) */
};

enum rs_reason {
	RS_REASON_NO_ROLE,	  /* source or destination has no role */
	RS_REASON_LOCAL,	  /* virtual-network prefix: to everyone */
	RS_REASON_NVA_TO_NVA,	  /* NVAs always learn each other's routes */
	RS_REASON_B2B_ON,	  /* branch-to-branch on: exchanged */
	RS_REASON_B2B_OFF,	  /* branch-to-branch off: suppressed */
	RS_REASON_SAME_GATEWAY,	  /* never back to a gateway of the same kind */
	RS_REASON_UNKNOWN_SOURCE, /* the source cannot be told: fail closed */
	RS_REASON_ER_LIMIT,	  /* ExpressRoute advertised-route limit */
	RS_REASON_NO_ADVERTISE,	  /* the route carries NO_ADVERTISE */
	RS_REASON_NO_EXPORT,	  /* NO_EXPORT: never to an nva (eBGP) */
	RS_REASON_COUNT,
};

struct rs_verdict {
	bool allow;
	enum rs_reason reason;
};

/* Suppression when the route's source cannot be told (fail closed). */
struct rs_verdict rs_policy_unknown_source(void);

struct rs_verdict rs_policy_decide(enum rs_source_kind kind,
				   enum rs_role source, enum rs_role dest,
				   bool branch_to_branch);

/*
 * The well-known communities on top of a verdict V towards DEST: a route
 * with NO_ADVERTISE goes to no role peer, one with NO_EXPORT to no nva (an
 * nva is always eBGP). bgpd honours them itself, except between
 * route-server-client peers ("transparent"), where the role still does.
 */
struct rs_verdict rs_policy_well_known(struct rs_verdict v, enum rs_role dest,
				       bool no_advertise, bool no_export);

/*
 * Calls FN for every (source, destination) pair of roles, local source
 * included (source RS_ROLE_NONE with kind RS_SOURCE_LOCAL), whose verdict
 * differs between the two knob values; returns how many.
 */
unsigned int rs_policy_knob_changes(
	bool from, bool to,
	void (*fn)(enum rs_source_kind kind, enum rs_role source,
		   enum rs_role dest, struct rs_verdict now, void *arg),
	void *arg);

/* How a source is named in logs and explanations: "local", "unknown" or
 * its role.
 */
const char *rs_source_name(enum rs_source_kind kind, enum rs_role role);

/* Short operator-facing words for a reason, e.g. "branch-to-branch is off". */
const char *rs_reason_text(enum rs_reason reason);

/* camelCase key for JSON, e.g. "branchToBranchOff". */
const char *rs_reason_key(enum rs_reason reason);

#endif /* ROUTESERVER_POLICY_H */
