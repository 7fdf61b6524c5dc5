// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Attaching the per-role route-maps to role peers.
 *
 * The map goes into the peer's advertise-map slot with no condition map:
 * bgpd applies such a map on every outbound path with the "withdraw"
 * meaning (bgp_route.c, subgroup_announce_check), before and independently
 * of the operator's "neighbor X route-map NAME out", and it is part of the
 * update-group key, so peers of different roles never share a group. With
 * no condition map, bgpd neither writes it to the configuration nor runs
 * its conditional-advertisement scanner on it. An operator's own
 * advertise-map (which has a condition map) is never touched.
 */
#include <zebra.h>

#include "memory.h"
#include "routemap.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_updgrp.h"

#include "rs_bind.h"
#include "rs_instance.h"
#include "rs_rmap.h"

static const struct {
	afi_t afi;
	safi_t safi;
} rs_afs[] = {{AFI_IP, SAFI_UNICAST}, {AFI_IP6, SAFI_UNICAST}};

bool rs_bind_blocked(const struct peer *peer)
{
	for (size_t i = 0; i < array_size(rs_afs); i++) {
		const struct bgp_filter *filter =
			&peer->filter[rs_afs[i].afi][rs_afs[i].safi];

		if (filter->advmap.aname &&
		    !rs_rmap_is_ours(filter->advmap.aname))
			return true;
	}
	return false;
}

/* True when the filter's advertise-map slot changed. */
static bool bind_filter(struct bgp_filter *filter, const char *want)
{
	const char *have = filter->advmap.aname;

	if (have && !rs_rmap_is_ours(have))
		return false; /* the operator's conditional advertisement */
	if ((!have && !want) || (have && want && strcmp(have, want) == 0))
		return false;

	/* bgpd frees these names with its own MTYPE: peer_free() */
	XFREE(MTYPE_BGP_FILTER_NAME, filter->advmap.aname);
	filter->advmap.amap = NULL;
	if (want) {
		filter->advmap.aname = XSTRDUP(MTYPE_BGP_FILTER_NAME, want);
		filter->advmap.amap = route_map_lookup_by_name(want);
	}
	filter->advmap.update_type = UPDATE_TYPE_WITHDRAW;
	return true;
}

void rs_bind_peer(struct rs_instance *rsi, struct peer *peer)
{
	const char *want = rs_rmap_name(rs_peer_role(rsi, peer));

	for (size_t i = 0; i < array_size(rs_afs); i++) {
		afi_t afi = rs_afs[i].afi;
		safi_t safi = rs_afs[i].safi;

		if (!bind_filter(&peer->filter[afi][safi], want))
			continue;
		if (CHECK_FLAG(peer->sflags, PEER_STATUS_GROUP))
			continue; /* members are bound one by one */
		/* as peer_on_policy_change() does: regroup, re-announce */
		update_group_adjust_peer(peer_af_find(peer, afi, safi));
		if (peer_established(peer))
			bgp_announce_route(peer, afi, safi, false);
	}
}

void rs_bind_all(struct rs_instance *rsi)
{
	struct listnode *node, *nnode;
	struct peer_group *group;
	struct peer *peer;

	for (ALL_LIST_ELEMENTS(rsi->bgp->group, node, nnode, group))
		rs_bind_peer(rsi, group->conf);
	for (ALL_LIST_ELEMENTS(rsi->bgp->peer, node, nnode, peer))
		rs_bind_peer(rsi, peer);
}

void rs_reannounce_role_peers(struct rs_instance *rsi)
{
	struct listnode *node, *nnode;
	struct peer *peer;

	for (ALL_LIST_ELEMENTS(rsi->bgp->peer, node, nnode, peer)) {
		if (rs_peer_role(rsi, peer) == RS_ROLE_NONE ||
		    !peer_established(peer))
			continue;
		for (size_t i = 0; i < array_size(rs_afs); i++)
			bgp_announce_route(peer, rs_afs[i].afi, rs_afs[i].safi,
					   false);
	}
}
