// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The limit on routes advertised to the ExpressRoute gateway (Azure: at
 * most 1,000 with branch-to-branch on, virtual network included). Azure's
 * gateway drops the session above it; here the route server stops adding
 * routes instead: the virtual-network prefixes always go, a route already
 * advertised stays (updates never turn into withdrawals), any other route
 * is withheld while the gateway's adjacency-out (bgpd's own count) is at
 * the limit. Withheld routes are added when room frees up, checked every
 * RS_ERLIMIT_RECHECK_MS. Logged once when the limit is reached and once
 * when nothing is withheld any more.
 */
#ifndef RS_ERLIMIT_H
#define RS_ERLIMIT_H

#include <stdbool.h>

#include "routeserver/policy.h"

struct bgp;
struct bgp_dest;
struct peer;
struct rs_instance;

#define RS_ERLIMIT_RECHECK_MS 5000

/*
 * May the route at DEST, from a source of KIND, go to the ExpressRoute
 * gateways whose update group REP represents? Records a refusal.
 */
bool rs_erlimit_admit(struct bgp *bgp, struct peer *rep, struct bgp_dest *dest,
		      enum rs_source_kind kind);

/*
 * While ON, rs_erlimit_admit admits every route and records nothing: the
 * audit asks bgpd whether it would send a route, the limit aside.
 */
void rs_erlimit_probe(bool on);

/* The routes bgpd holds in PEER's adjacency-out (its update subgroup). */
unsigned int rs_erlimit_advertised(struct peer *peer);

/* The limit changed: forget the refusals and re-announce to the gateways. */
void rs_erlimit_reset(struct rs_instance *rsi);

/* Cancels the re-check (bgpd is stopping). */
void rs_erlimit_fini(void);

#endif /* RS_ERLIMIT_H */
