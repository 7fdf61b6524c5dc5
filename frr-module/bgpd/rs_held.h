// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Neighbors held back: a route-server role was asked for and refused while
 * the neighbor had no role and no session (a new neighbor, as frr-reload or
 * a configuration file adds it). Without it such a neighbor would run as
 * plain bgpd and get every route; held, nothing is advertised to it and its
 * routes go to no role peer, until it gets a role or the operator says
 * "no neighbor PEER route-server role".
 */
#ifndef RS_HELD_H
#define RS_HELD_H

#include <stdbool.h>

#include "routeserver/role.h"

struct bgp;
struct peer;
struct rs_instance;

/* Holds PEER back after ROLE was refused to it, when it is new (see above);
 * true if it is held.
 */
bool rs_held_refused(struct peer *peer, enum rs_role role);
/* Lets PEER go (it got a role, or "no ... role"); true if it was held. */
bool rs_held_release(const struct peer *peer);
/* PEER is held back. */
bool rs_held(const struct peer *peer);

/* Calls EMIT for each held neighbor of the instance; returns how many. */
unsigned int rs_held_warnings(const struct rs_instance *rsi,
			      void (*emit)(const char *text, void *arg),
			      void *arg);

/* bgpd deletes BGP's instance (NULL: all). */
void rs_held_fini(const struct bgp *bgp);

#endif /* RS_HELD_H */
