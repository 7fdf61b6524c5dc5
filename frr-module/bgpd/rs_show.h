// SPDX-License-Identifier: GPL-2.0-or-later
/* Route-server show commands. */
#ifndef RS_SHOW_H
#define RS_SHOW_H

#include <stdbool.h>

struct bgp;
struct vty;

#define RS_SHOW_STR "Route server (Azure Route Server style)\n"

/*
 * A show command's error in JSON: {"warning": WARNING}, as bgpd's own JSON
 * show commands report theirs. WARNING is the module's text, never the
 * operator's (which need not be UTF-8).
 */
void rs_show_json_warning(struct vty *vty, const char *warning);

/*
 * The instance named by "vrf NAME" (the default one if NULL). None: a %
 * error, or for JSON (UJ) the warning "No such BGP instance".
 */
struct bgp *rs_show_bgp(struct vty *vty, const char *vrf_name, bool uj);

void rs_show_init(void);

#endif /* RS_SHOW_H */
