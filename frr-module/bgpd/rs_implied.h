// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The bgpd settings a role implies (route-reflector-client for iBGP
 * gateways, attribute-unchanged next-hop for eBGP role peers, the routing
 * preference's weight, the received-route limit): set by the
 * module in the peer's own flags, remembered as the module's, removed with
 * the role, and never written to running-config (the role line re-derives
 * them at load).
 */
#ifndef RS_IMPLIED_H
#define RS_IMPLIED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "routeserver/role.h"

struct bgp;
struct peer;

/* What a role implies for one peer in one address family. */
struct rs_implied_want {
	struct rs_role_settings role;
	uint16_t weight;     /* the routing preference's; 0: none */
	uint32_t max_routes; /* received-route limit; 0: none */
	uint16_t restart;    /* minutes before a closed session returns */
};

/* What a change needs bgpd to do (rs_implied_apply's result). */
#define RS_IMPLIED_OUT (1U << 0)     /* regroup, re-announce */
#define RS_IMPLIED_WEIGHT (1U << 1)  /* re-read the peer's routes */
#define RS_IMPLIED_LIMIT (1U << 2)   /* re-check the received count */
#define RS_IMPLIED_REFLECT (1U << 3) /* the peer's routes reflected or not */

/*
 * Makes PEER's settings in slot SLOT (an index of rs_slots) what WANT
 * says, and drops what the module set there that WANT no longer implies.
 * A setting the operator configured is never changed. Returns the
 * RS_IMPLIED_* bits of what changed.
 */
unsigned int rs_implied_apply(struct peer *peer, size_t slot,
			      const struct rs_implied_want *want);

/* True when the module, not the operator, set FLAG on PEER in SLOT. */
bool rs_implied_owns(const struct peer *peer, size_t slot, uint64_t flag);

/* Forgets a peer bgpd is deleting. */
void rs_implied_forget(const struct peer *peer);
/* Frees the records of BGP's peers (NULL: all), which are going away. */
void rs_implied_fini(const struct bgp *bgp);

/* Wraps bgpd's "router bgp" config writer so it leaves implied flags out. */
void rs_implied_init(void);

#endif /* RS_IMPLIED_H */
