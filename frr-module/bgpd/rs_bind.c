// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Attaching the policy to role peers.
 *
 * The per-role map goes into the peer's advertise-map slot with no condition
 * map: bgpd applies such a map on every outbound path with the "withdraw"
 * meaning (bgp_route.c, subgroup_announce_check), before and independently
 * of the operator's "neighbor X route-map NAME out", and it is part of the
 * update-group key, so peers of different roles never share a group. With
 * no condition map, bgpd neither writes it to the configuration nor runs
 * its conditional-advertisement scanner on it. The operator cannot put an
 * advertise-map on a role peer (rs_cmdguard.c), so the slot is the module's.
 *
 * Binding is idempotent and cheap (a few pointer compares per peer), so it
 * runs after every configuration command, at the end of reading a
 * configuration file and on every session state change: whatever bgpd did
 * to a peer (peer-group join, activate, clear), the binding follows.
 */
#include <zebra.h>

#include "memory.h"
#include "routemap.h"

#include "bgpd/bgp_fsm.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_updgrp.h"
#include "bgpd/bgpd.h"

#include "rs_audit.h"
#include "rs_bind.h"
#include "rs_compat.h"
#include "rs_implied.h"
#include "rs_instance.h"
#include "rs_rmap.h"

const struct rs_slot rs_slots[RS_SLOT_COUNT] = {
	{AFI_IP, SAFI_UNICAST},		{AFI_IP6, SAFI_UNICAST},
	{AFI_IP, SAFI_MULTICAST},	{AFI_IP6, SAFI_MULTICAST},
	{AFI_IP, SAFI_LABELED_UNICAST}, {AFI_IP6, SAFI_LABELED_UNICAST},
};

static bool slot_foreign(const struct bgp_filter *filter)
{
	return filter->advmap.aname && !rs_rmap_is_ours(filter->advmap.aname);
}

bool rs_bind_blocked(const struct peer *peer)
{
	for (size_t i = 0; i < RS_SLOT_COUNT; i++)
		if (slot_foreign(
			    &peer->filter[rs_slots[i].afi][rs_slots[i].safi]))
			return true;
	return false;
}

/* True when the filter's advertise-map slot changed. */
static bool bind_filter(struct bgp_filter *filter, const char *want)
{
	const char *have = filter->advmap.aname;

	if (slot_foreign(filter))
		return false; /* refused by rs_cmdguard; warned by rs_warn */
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

/*
 * A reflector client's routes go to the non-client iBGP peers, a
 * non-client's do not. bgpd resets the session when the operator changes
 * route-reflector-client, so the routes arrive again; the module keeps the
 * session and has those peers' advertisements decided again instead.
 */
static void bind_reflection_changed(struct peer *changed, afi_t afi,
				    safi_t safi)
{
	struct listnode *node, *nnode;
	struct peer *peer;

	for (ALL_LIST_ELEMENTS(changed->bgp->peer, node, nnode, peer)) {
		if (peer == changed || peer->sort != BGP_PEER_IBGP ||
		    CHECK_FLAG(peer->af_flags[afi][safi],
			       PEER_FLAG_REFLECTOR_CLIENT) ||
		    !rs_peer_established(peer) || !peer->afc_nego[afi][safi])
			continue;
		bgp_announce_route(peer, afi, safi, false);
	}
}

/* What bgpd does when the operator changes the same settings. */
static void bind_changed(struct peer *peer, afi_t afi, safi_t safi,
			 unsigned int changed)
{
	bool up = rs_peer_established(peer);

	if (changed & RS_IMPLIED_OUT) {
		/* as peer_on_policy_change() does: regroup, re-announce */
		update_group_adjust_peer(peer_af_find(peer, afi, safi));
		if (up && peer->afc_nego[afi][safi])
			bgp_announce_route(peer, afi, safi, false);
	}
	if (changed & RS_IMPLIED_REFLECT)
		bind_reflection_changed(peer, afi, safi);
	/* the weight is given as routes arrive: have them sent again */
	if ((changed & RS_IMPLIED_WEIGHT) && up && peer->afc_nego[afi][safi])
		peer_clear_soft(peer, afi, safi, BGP_CLEAR_SOFT_IN);
	/* as peer_maximum_prefix_set() does: a lower limit acts now */
	if ((changed & RS_IMPLIED_LIMIT) && up && peer->afc[afi][safi])
		bgp_maximum_prefix_overflow(peer, afi, safi, 1);
}

void rs_bind_peer(struct rs_instance *rsi, struct peer *peer)
{
	enum rs_role role = rs_peer_role(rsi, peer);
	const char *want_map = rs_rmap_name(role);
	bool group = CHECK_FLAG(peer->sflags, PEER_STATUS_GROUP);
	/* a group's members carry the settings one by one */
	enum rs_role own = group ? RS_ROLE_NONE : role;
	struct rs_implied_want want = {
		.role = rs_role_settings(own, peer->sort == BGP_PEER_IBGP),
		.weight = rs_preference_weight(rsi->preference, own),
		.max_routes = group ? 0 : rs_peer_max_routes(rsi, peer),
		.restart = rsi->limits.restart,
	};

	for (size_t i = 0; i < RS_SLOT_COUNT; i++) {
		afi_t afi = rs_slots[i].afi;
		safi_t safi = rs_slots[i].safi;
		unsigned int changed = rs_implied_apply(peer, i, &want);

		if (bind_filter(&peer->filter[afi][safi], want_map))
			changed |= RS_IMPLIED_OUT;
		if (changed && !group)
			bind_changed(peer, afi, safi, changed);
	}
}

void rs_bind_peer_refresh(struct rs_instance *rsi, struct peer *peer)
{
	afi_t afi;
	safi_t safi;

	rs_bind_peer(rsi, peer);
	FOREACH_AFI_SAFI (afi, safi) {
		struct peer_af *paf = peer_af_find(peer, afi, safi);

		if (!paf)
			continue;
		update_group_adjust_peer(paf);
		if (rs_peer_established(peer) && peer->afc_nego[afi][safi])
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

int rs_bind_peer_status_changed(struct peer *peer)
{
	struct rs_instance *rsi;

	if (!peer->bgp)
		return 0;
	rsi = rs_instance_find(peer->bgp);
	if (!rsi)
		return 0;
	if (rs_peer_status(peer) == Deleted) {
		/* "no neighbor X" or "no neighbor GROUP peer-group" */
		rs_role_forget(rsi, peer);
		rs_implied_forget(peer);
		rs_audit_forget(peer);
		return 0;
	}
	/* e.g. a peer-group join reset the session and the peer's flags */
	rs_bind_peer(rsi, peer);
	return 0;
}

void rs_reannounce_role_peers(struct rs_instance *rsi)
{
	struct listnode *node, *nnode;
	struct peer *peer;

	for (ALL_LIST_ELEMENTS(rsi->bgp->peer, node, nnode, peer)) {
		if (rs_peer_role(rsi, peer) == RS_ROLE_NONE ||
		    !rs_peer_established(peer))
			continue;
		for (size_t i = 0; i < RS_SLOT_COUNT; i++)
			if (peer->afc_nego[rs_slots[i].afi][rs_slots[i].safi])
				bgp_announce_route(peer, rs_slots[i].afi,
						   rs_slots[i].safi, false);
	}
}
