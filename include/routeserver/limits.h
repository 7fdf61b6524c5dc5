// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Azure Route Server's limits (doc/routeserver.md, "Limits"): routes
 * accepted per role peer, routes advertised to the ExpressRoute gateway,
 * role peers per instance. Plain C, no FRR dependency.
 */
#ifndef ROUTESERVER_LIMITS_H
#define ROUTESERVER_LIMITS_H

#include <stdbool.h>
#include <stdint.h>

#include "routeserver/policy.h"
#include "routeserver/role.h"

#define RS_LIMIT_RECEIVED_DEFAULT 4000
#define RS_LIMIT_RESTART_DEFAULT 1 /* minutes, as bgpd's maximum-prefix */
#define RS_LIMIT_ER_ADVERTISED_DEFAULT 1000
#define RS_LIMIT_ROLE_PEERS_DEFAULT 8

struct rs_limits {
	uint32_t received;	/* routes accepted from one role peer */
	uint16_t restart;	/* minutes before a closed session may return */
	uint32_t er_advertised; /* routes advertised to an ER gateway */
	uint32_t role_peers;	/* role peers in one instance */
};

struct rs_limits rs_limits_default(void);

/*
 * The received-route limit of a peer of ROLE: its own (NEIGHBOR, 0 when
 * unset), else the instance's; 0 (none) for a peer without a role.
 */
uint32_t rs_limits_received_for(const struct rs_limits *limits,
				enum rs_role role, uint32_t neighbor);

/*
 * May one more route go to an ExpressRoute gateway whose adjacency-out
 * holds ADVERTISED routes? Virtual-network (local) routes always, a route
 * already advertised always (an update must not become a withdrawal), any
 * other only while ADVERTISED is below LIMIT.
 */
bool rs_limits_er_admit(const struct rs_limits *limits, uint32_t advertised,
			bool already_advertised, enum rs_source_kind kind);

/* May ADDING role peers join CURRENT ones? */
bool rs_limits_role_peers_fit(const struct rs_limits *limits,
			      unsigned int current, unsigned int adding);

#endif /* ROUTESERVER_LIMITS_H */
