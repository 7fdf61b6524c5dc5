// SPDX-License-Identifier: GPL-2.0-or-later
/* Route-server configuration commands and their running-config lines. */
#ifndef RS_VTY_H
#define RS_VTY_H

struct bgp;
struct vty;

void rs_vty_init(void);
int rs_config_write(struct bgp *bgp, struct vty *vty);

#endif /* RS_VTY_H */
