// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The audit: what bgpd really queued or sent to each role peer (its update
 * subgroup's adjacency-out), judged again by the decision table. It does not
 * trust the binding (rs_bind.c): it finds what the policy forbids however it
 * got there.
 */
#ifndef RS_AUDIT_H
#define RS_AUDIT_H

#include <stdint.h>

#include "bgpd/bgpd.h"

#include "routeserver/policy.h"

struct bgp_dest;
struct rs_instance;

/* A route in a role peer's adjacency-out that the policy forbids. */
struct rs_audit_violation {
	struct peer *peer; /* the role peer it was queued or sent to */
	enum rs_role role;
	afi_t afi;
	safi_t safi;
	const struct bgp_dest *dest;
	const struct bgp_path_info *path; /* the path it stands for */
	struct rs_verdict verdict;
};

struct rs_audit_totals {
	uint64_t checked;    /* routes (per role peer) queued or sent */
	uint64_t violations; /* of those, forbidden by the policy */
	uint64_t pending;    /* bgpd has yet to decide them (again) */
	uint64_t unmatched;  /* sent, but no path in the table fits */
	uint64_t hidden;     /* not sent, though the role may have a path */
	uint64_t withheld;   /* not sent to an ExpressRoute gateway (each):
			      * its advertised-route limit
			      */
	unsigned int peers;  /* role peers with an adjacency-out */
};

typedef void (*rs_audit_fn)(const struct rs_audit_violation *v, void *arg);

/*
 * Walks the instance's role peers' adjacency-out; FN for each violation.
 * With HEAL, a prefix hidden from a role peer is handed to rs_alt.c again.
 */
void rs_audit_run(struct rs_instance *rsi, rs_audit_fn fn, void *arg, bool heal,
		  struct rs_audit_totals *totals);

/* The periodic audit: (re)armed after every configuration change. */
void rs_audit_schedule(struct rs_instance *rsi);

/* Calls EMIT for each role peer the last periodic audit found violations
 * for; returns how many.
 */
unsigned int rs_audit_warnings(const struct rs_instance *rsi,
			       void (*emit)(const char *text, void *arg),
			       void *arg);

/* The last periodic audit: false when none ran yet. */
bool rs_audit_last(const struct bgp *bgp, struct rs_audit_totals *totals,
		   time_t *when);

/* bgpd deletes PEER, or the instance BGP (NULL: every instance). */
void rs_audit_forget(const struct peer *peer);
void rs_audit_fini(const struct bgp *bgp);

#endif /* RS_AUDIT_H */
