// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * No path hiding (RFC 7947, 2.3): a role peer whose role may not have
 * bgpd's best path for a prefix gets the best path it may have. See
 * rs_alt.c and doc/routeserver.md, "Path hiding".
 */
#ifndef RS_ALT_H
#define RS_ALT_H

#include <stdbool.h>

#include "bgpd/bgpd.h"

#include "routeserver/role.h"

struct attr;
struct bgp;
struct bgp_dest;
struct bgp_path_info;
struct update_subgroup;

/*
 * The path of DEST a peer of role ROLE gets: bgpd's best path when the
 * decision table allows it, else the best of the allowed paths by bgpd's
 * own comparison; NULL when no path is allowed.
 */
struct bgp_path_info *rs_alt_choose(struct bgp *bgp, struct bgp_dest *dest,
				    enum rs_role role);

/*
 * The rule suppressed DEST's best path for a role: the module decides the
 * role peers' paths for DEST once bgpd has finished with it.
 */
void rs_alt_mark(struct bgp *bgp, struct bgp_dest *dest);

/*
 * True when SENT (an adjacency-out entry's attributes) are those bgpd
 * announces PATH with to SUBGRP (the audit's check of the module's choice);
 * SENT NULL: when bgpd would announce PATH to SUBGRP at all.
 */
bool rs_alt_sent(struct bgp_dest *dest, struct update_subgroup *subgrp,
		 struct bgp_path_info *path, const struct attr *sent);

/*
 * True when bgpd keeps one path per prefix for PEER in AFI unicast (no
 * add-path configured): the peers whose paths the module chooses.
 */
bool rs_alt_single_path(const struct peer *peer, afi_t afi);

/* The path the module is announcing right now (the rule's object), or NULL. */
const struct bgp_path_info *rs_alt_announcing(void);

/* True while DEST waits for the module's decision (the audit: pending). */
bool rs_alt_pending(const struct bgp_dest *dest);

void rs_alt_init(void);
/* Forgets the prefixes of BGP (NULL: of every instance). */
void rs_alt_fini(const struct bgp *bgp);

#endif /* RS_ALT_H */
