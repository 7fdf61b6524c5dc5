// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Configuration checks for role assignments, as Azure Route Server applies
 * them. Plain C, no FRR dependency.
 */
#ifndef ROUTESERVER_VALIDATE_H
#define ROUTESERVER_VALIDATE_H

#include <stdbool.h>
#include <stdint.h>

#include "routeserver/role.h"

/* Azure refuses these ASNs for NVAs (reserved by Azure or by IANA). */
bool rs_nva_asn_refused(uint32_t asn);

/* What is known about the neighbor a role is assigned to. */
struct rs_neighbor_facts {
	bool is_peer_group; /* a peer-group (members inherit its role) */
	bool as_known;	    /* false: peer-group without remote-as */
	bool ibgp;	    /* remote AS equals the local AS */
	uint32_t remote_as;
};

/*
 * NULL when ROLE may be given to the neighbor, else the reason it may not
 * (a sentence without the leading "% ", suitable for vty and JSON).
 */
const char *rs_role_check(enum rs_role role,
			  const struct rs_neighbor_facts *facts);

/* Azure's VPN gateway is active-active: at least two sessions. */
#define RS_VPN_GATEWAY_MIN_PEERS 2

/* True when COUNT vpn-gateway peers fall short of active-active. */
bool rs_vpn_gateway_not_active_active(unsigned int count);

#endif /* ROUTESERVER_VALIDATE_H */
