// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The bgpd settings a role implies (route-reflector-client for iBGP
 * gateways, attribute-unchanged next-hop for eBGP role peers): set by the
 * module in the peer's own flags, remembered as the module's, removed with
 * the role, and never written to running-config (the role line re-derives
 * them at load).
 */
#ifndef RS_IMPLIED_H
#define RS_IMPLIED_H

#include <stdbool.h>
#include <stddef.h>

#include "routeserver/role.h"

struct bgp;
struct peer;

/*
 * Makes PEER's flags in slot SLOT (an index of rs_slots) carry SETTINGS,
 * and drops what the module set there that SETTINGS no longer implies.
 * A flag the operator configured is never changed. True when a flag changed.
 */
bool rs_implied_apply(struct peer *peer, size_t slot,
		      struct rs_role_settings settings);

/* Forgets a peer bgpd is deleting. */
void rs_implied_forget(const struct peer *peer);
/* Frees the records of BGP's peers (NULL: all), which are going away. */
void rs_implied_fini(const struct bgp *bgp);

/* Wraps bgpd's "router bgp" config writer so it leaves implied flags out. */
void rs_implied_init(void);

#endif /* RS_IMPLIED_H */
