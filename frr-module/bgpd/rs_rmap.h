// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The module's route-map rule and the per-destination-role route-maps that
 * carry it. See rs_bind.h for how they are attached to peers.
 */
#ifndef RS_RMAP_H
#define RS_RMAP_H

#include <stdbool.h>

#include "routeserver/policy.h"

struct bgp;
struct bgp_dest;
struct bgp_path_info;
struct peer;

/* "rs to-nva" etc.: reserved names, created by the module. */
const char *rs_rmap_name(enum rs_role dest);
/* "rs held": nothing passes (rs_held.h). */
const char *rs_rmap_held_name(void);
/* True when NAME is one of the module's route-maps. */
bool rs_rmap_is_ours(const char *name);

/* The path bgpd announces for DEST (its best path), or NULL. */
struct bgp_path_info *rs_announced_path(struct bgp_dest *dest);

/*
 * The verdict for PATH (a path of the rib) towards a peer of role DEST;
 * *ORIGIN (if not NULL) is set to the source peer, NULL for a local route.
 */
struct rs_verdict rs_verdict_for(struct bgp *bgp,
				 const struct bgp_path_info *path,
				 enum rs_role dest, const struct peer **origin);

/*
 * Where PATH came from, as the core sees it: *ROLE and *ORIGIN are the
 * source peer's role and the peer itself (NULL unless RS_SOURCE_PEER).
 */
enum rs_source_kind rs_path_source(const struct bgp_path_info *path,
				   enum rs_role *role,
				   const struct peer **origin);

void rs_rmap_init(void);

#endif /* RS_RMAP_H */
