// SPDX-License-Identifier: GPL-2.0-or-later
/* What bgpd really advertises to a peer: its subgroup's adjacency-out. */
#include <zebra.h>

#include "bgpd/bgpd.h"
#include "bgpd/bgp_advertise.h"
#include "bgpd/bgp_table.h"
#include "bgpd/bgp_updgrp.h"

#include "rs_adjout.h"

struct update_subgroup *rs_peer_subgroup(struct peer *peer, afi_t afi)
{
	struct peer_af *paf = peer_af_find(peer, afi, SAFI_UNICAST);

	return paf ? PAF_SUBGRP(paf) : NULL;
}

/* SUBGRP's first entry for DEST; with SENT, the first with attributes. */
static struct bgp_adj_out *adj_find(const struct update_subgroup *subgrp,
				    struct bgp_dest *dest, bool sent)
{
	struct bgp_adj_out *adj;

	if (!subgrp)
		return NULL;
	RB_FOREACH (adj, bgp_adj_out_rb, &dest->adj_out)
		if (adj->subgroup == subgrp && (!sent || adj->attr))
			return adj;
	return NULL;
}

struct bgp_adj_out *rs_adj_out_find(const struct update_subgroup *subgrp,
				    struct bgp_dest *dest)
{
	return adj_find(subgrp, dest, false);
}

struct attr *rs_adj_out_attr(const struct update_subgroup *subgrp,
			     struct bgp_dest *dest)
{
	struct bgp_adj_out *adj = adj_find(subgrp, dest, true);

	return adj ? adj->attr : NULL;
}
