// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What bgpd really advertises to a peer: its update subgroup's
 * adjacency-out, after every outbound policy.
 */
#ifndef RS_ADJOUT_H
#define RS_ADJOUT_H

#include "bgpd/bgpd.h"

struct attr;
struct bgp_adj_out;
struct bgp_dest;
struct update_subgroup;

/* The peer's update subgroup for AFI unicast, NULL when it has none. */
struct update_subgroup *rs_peer_subgroup(struct peer *peer, afi_t afi);

/* SUBGRP's entry for DEST (without add-path: its only one), or NULL. */
struct bgp_adj_out *rs_adj_out_find(const struct update_subgroup *subgrp,
				    struct bgp_dest *dest);

/* The attributes SUBGRP advertises DEST with, NULL when not advertised. */
struct attr *rs_adj_out_attr(const struct update_subgroup *subgrp,
			     struct bgp_dest *dest);

#endif /* RS_ADJOUT_H */
