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

#endif /* ROUTESERVER_ROLE_H */
