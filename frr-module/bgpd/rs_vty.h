// SPDX-License-Identifier: GPL-2.0-or-later
/* Route-server configuration commands and their running-config lines. */
#ifndef RS_VTY_H
#define RS_VTY_H

struct bgp;
struct peer;
struct rs_neighbor_facts;
struct vty;

/* What the core's role checks (rs_role_check) need to know about CONF. */
void rs_neighbor_facts_get(struct bgp *bgp, const struct peer *conf,
			   struct rs_neighbor_facts *facts);

void rs_vty_init(void);
int rs_config_write(struct bgp *bgp, struct vty *vty);

#endif /* RS_VTY_H */
