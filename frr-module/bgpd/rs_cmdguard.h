// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bgpd commands that would take a role peer out of the route-server policy
 * (advertise-map, a peer-group join, a remote-as, activate in an address
 * family the module does not bind) are refused with a "%" error before bgpd
 * runs them: on the CLI, through vtysh and in configuration files alike.
 * When one of them is not found in bgpd at start, roles are refused.
 */
#ifndef RS_CMDGUARD_H
#define RS_CMDGUARD_H

#include "bgpd/bgpd.h"

/*
 * Test hook: the environment variable names one guard (its id: peer-group,
 * interface-peer-group, interface-v6only-peer-group, advertise-map,
 * remote-as, interface-remote-as, interface-v6only-remote-as, activate)
 * that rs_cmdguard_init() leaves out, as if bgpd had no such command.
 */
#define RS_CMDGUARD_SKIP_ENV "RS_TEST_GUARD_SKIP"

/* Why no role peer is activated in VPN, EVPN, flowspec, ... */
#define RS_UNBOUND_FAMILY_ERR                                                  \
	"the route-server policy covers IPv4 and IPv6 unicast, multicast and labeled-unicast only, and a role peer activated in another address family would exchange routes no role decides"

void rs_cmdguard_init(void);

/*
 * NULL when every guard is in place; else the command (and where) that
 * could not be guarded, and roles are refused.
 */
const char *rs_cmdguard_missing(void);

/*
 * CONF (a neighbor, or a peer-group or one of its members) when it is
 * activated in an address family the module does not bind (VPN, EVPN,
 * flowspec, ...), with that family in AFI and SAFI; else NULL.
 */
const struct peer *rs_unbound_family_peer(const struct peer *conf, afi_t *afi,
					  safi_t *safi);

#endif /* RS_CMDGUARD_H */
