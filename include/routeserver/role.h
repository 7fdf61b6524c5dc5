// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Route-server peer roles: names as typed in vtysh and shown in JSON.
 * Plain C, no FRR dependency.
 */
#ifndef ROUTESERVER_ROLE_H
#define ROUTESERVER_ROLE_H

#include <stdbool.h>

enum rs_role {
	RS_ROLE_NONE = 0, /* not a role peer: plain bgpd behaviour */
	RS_ROLE_EXPRESSROUTE_GW,
	RS_ROLE_VPN_GW,
	RS_ROLE_NVA,
	RS_ROLE_COUNT,
};

/* "expressroute-gateway", "vpn-gateway", "nva"; "none" for RS_ROLE_NONE. */
const char *rs_role_name(enum rs_role role);

/* Parses a role name; false (and *role untouched) on anything else. */
bool rs_role_parse(const char *name, enum rs_role *role);

/* The two gateway kinds are iBGP in Azure; an NVA is always eBGP. */
bool rs_role_is_gateway(enum rs_role role);

/*
 * The bgpd per-neighbor settings a role implies, so that the role alone
 * gives Azure Route Server's behaviour (doc/routeserver.md, "What a role
 * sets"): an iBGP gateway is a route-reflector client (iBGP gateways learn
 * each other's routes), and an eBGP role peer gets learned routes with their
 * original next hop (a route server is not in the data path, RFC 7947).
 */
struct rs_role_settings {
	bool reflector_client;
	bool nexthop_unchanged;
};

struct rs_role_settings rs_role_settings(enum rs_role role, bool ibgp);

#endif /* ROUTESERVER_ROLE_H */
