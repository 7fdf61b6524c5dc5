// SPDX-License-Identifier: GPL-2.0-or-later
/* Route-server show commands. */
#ifndef RS_SHOW_H
#define RS_SHOW_H

#include <stdbool.h>

struct bgp;
struct vty;

#define RS_SHOW_STR "Route server (Azure Route Server style)\n"

/*
 * The instance named by "vrf NAME" (the default one if NULL). None: a %
 * error, or for JSON (UJ) an empty object.
 */
struct bgp *rs_show_bgp(struct vty *vty, const char *vrf_name, bool uj);

void rs_show_init(void);

#endif /* RS_SHOW_H */
