// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bgpd commands that would take a role peer out of the route-server policy
 * (advertise-map, joining a peer-group that has one) are refused with a "%"
 * error before bgpd runs them: on the CLI, through vtysh and in
 * configuration files alike.
 */
#ifndef RS_CMDGUARD_H
#define RS_CMDGUARD_H

void rs_cmdguard_init(void);

#endif /* RS_CMDGUARD_H */
