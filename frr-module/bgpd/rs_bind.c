// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Attaching the policy to role peers.
 *
 * The per-role map goes into the peer's advertise-map slot: bgpd applies a
 * slot in "withdraw" mode on every outbound path (bgp_route.c,
 * subgroup_announce_check), before and independently of the operator's
 * "neighbor X route-map NAME out", and its map name is part of the
 * update-group key, so peers of different roles never share a group.
 *
 * The module owns the whole slot, in every address family: on every bind
 * it holds exactly the role's map, the condition map RS_CONDITION_NONE and
 * withdraw mode, whatever bgpd or the operator left there (bgpd's "no
 * neighbor X advertise-map" on a group member keeps the old condition map,
 * and its conditional-advertisement scanner would turn a slot with a
 * condition to "advertise", where bgpd no longer applies the map). The
 * condition's name has a space, so no route-map can ever have it: the
 * scanner skips the slot (no condition map found), and bgpd's show
 * commands, which print the condition's name whenever there is a map, have
 * one. The config writer leaves the slot out of running-config
 * (rs_bind_config_hide). The operator cannot put an advertise-map on a role
 * peer (rs_cmdguard.c); one found there anyway is replaced, and logged.
 * bgpd's count of conditional filters (condition_filter_count) is left as
 * bgpd keeps it: a slot taken over was counted by bgpd when it got its
 * condition, and a wrong decrement would stop the scanner for other peers.
 *
 * Binding is idempotent and cheap (a few compares per slot), so it runs
 * after every command that can change a slot (rs_cmdguard.c), after the
 * module's own commands, at the end of reading a configuration file, on
 * every session state change and every second: whatever bgpd did to a peer
 * (peer-group join, activate, clear), the binding follows before bgpd
 * sends anything (its announcements wait for a timer).
 */
#include <zebra.h>

#include "memory.h"
#include "routemap.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_fsm.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_updgrp.h"
#include "bgpd/bgp_vty.h"

#include "rs_audit.h"
#include "rs_bind.h"
#include "rs_compat.h"
#include "rs_errors.h"
#include "rs_held.h"
#include "rs_implied.h"
#include "rs_instance.h"
#include "rs_rmap.h"
#include "rs_warn.h"

const struct rs_slot rs_slots[RS_SLOT_COUNT] = {
	{AFI_IP, SAFI_UNICAST},		{AFI_IP6, SAFI_UNICAST},
	{AFI_IP, SAFI_MULTICAST},	{AFI_IP6, SAFI_MULTICAST},
	{AFI_IP, SAFI_LABELED_UNICAST}, {AFI_IP6, SAFI_LABELED_UNICAST},
};

/* AFI/SAFI's index in rs_slots, or -1. */
static int slot_index(afi_t afi, safi_t safi)
{
	for (size_t i = 0; i < RS_SLOT_COUNT; i++)
		if (rs_slots[i].afi == afi && rs_slots[i].safi == safi)
			return i;
	return -1;
}

static bool slot_foreign(const struct bgp_filter *filter)
{
	return filter->advmap.aname && !rs_rmap_is_ours(filter->advmap.aname);
}

bool rs_bind_blocked(const struct peer *peer)
{
	afi_t afi;
	safi_t safi;

	FOREACH_AFI_SAFI (afi, safi)
		if (slot_foreign(&peer->filter[afi][safi]))
			return true;
	return false;
}

/* The slot holds exactly the module's state for the map WANT. */
static bool slot_is(const struct bgp_filter *filter, const char *want)
{
	const char *aname = filter->advmap.aname, *cname = filter->advmap.cname;

	return aname && strcmp(aname, want) == 0 && cname &&
	       strcmp(cname, RS_CONDITION_NONE) == 0 && !filter->advmap.cmap &&
	       filter->advmap.amap == route_map_lookup_by_name(want) &&
	       filter->advmap.update_type == UPDATE_TYPE_WITHDRAW;
}

static void slot_clear(struct bgp_filter *filter)
{
	/* bgpd frees these names with its own MTYPE: peer_free() */
	XFREE(MTYPE_BGP_FILTER_NAME, filter->advmap.aname);
	XFREE(MTYPE_BGP_FILTER_NAME, filter->advmap.cname);
	memset(&filter->advmap, 0, sizeof(filter->advmap));
}

/* True when PEER's slot in AFI/SAFI changed. */
static bool bind_filter(struct peer *peer, afi_t afi, safi_t safi,
			const char *want)
{
	struct bgp_filter *filter = &peer->filter[afi][safi];

	if (!want) {
		/* only the module's own map is the module's to take away */
		if (!filter->advmap.aname || slot_foreign(filter))
			return false;
		slot_clear(filter);
		return true;
	}
	if (slot_is(filter, want))
		return false;
	if (slot_foreign(filter)) {
		flog_err(
			EC_RS_CMD_GUARD,
			"route-server: %s: neighbor %s had advertise-map %s in %s: replaced by the route-server policy of its role",
			peer->bgp->name_pretty, peer->host,
			filter->advmap.aname,
			get_afi_safi_str(afi, safi, false));
		route_map_counter_decrement(filter->advmap.amap);
	}
	slot_clear(filter);
	filter->advmap.aname = XSTRDUP(MTYPE_BGP_FILTER_NAME, want);
	filter->advmap.amap = route_map_lookup_by_name(want);
	filter->advmap.cname =
		XSTRDUP(MTYPE_BGP_FILTER_NAME, RS_CONDITION_NONE);
	filter->advmap.condition = CONDITION_NON_EXIST;
	filter->advmap.update_type = UPDATE_TYPE_WITHDRAW;
	return true;
}

/*
 * bgpd writes a slot that has a condition; while it writes its
 * configuration, the module's slots have none.
 */
static void hide_condition(struct bgp_filter *filter, bool hide)
{
	if (!filter->advmap.aname || slot_foreign(filter))
		return;
	if (hide)
		XFREE(MTYPE_BGP_FILTER_NAME, filter->advmap.cname);
	else if (!filter->advmap.cname)
		filter->advmap.cname =
			XSTRDUP(MTYPE_BGP_FILTER_NAME, RS_CONDITION_NONE);
}

void rs_bind_config_hide(bool hide)
{
	struct listnode *node;
	struct bgp *bgp;
	afi_t afi;
	safi_t safi;

	for (ALL_LIST_ELEMENTS_RO(bm->bgp, node, bgp)) {
		struct listnode *pnode;
		struct peer *peer;
		struct peer_group *group;

		for (ALL_LIST_ELEMENTS_RO(bgp->group, pnode, group))
			FOREACH_AFI_SAFI (afi, safi)
				hide_condition(&group->conf->filter[afi][safi],
					       hide);
		for (ALL_LIST_ELEMENTS_RO(bgp->peer, pnode, peer))
			FOREACH_AFI_SAFI (afi, safi)
				hide_condition(&peer->filter[afi][safi], hide);
	}
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
	const char *want_map = role != RS_ROLE_NONE ? rs_rmap_name(role)
			       : rs_held(peer)	    ? rs_rmap_held_name()
						    : NULL;
	bool group = CHECK_FLAG(peer->sflags, PEER_STATUS_GROUP);
	/* a group's members carry the settings one by one */
	enum rs_role own = group ? RS_ROLE_NONE : role;
	struct rs_implied_want want = {
		.role = rs_role_settings(own, peer->sort == BGP_PEER_IBGP),
		.weight = rs_preference_weight(rsi->preference, own),
		.max_routes = group ? 0 : rs_peer_max_routes(rsi, peer),
		.restart = rsi->limits.restart,
	};
	afi_t afi;
	safi_t safi;

	/* a held neighbor with a role now (a group's) is held no more */
	if (role != RS_ROLE_NONE)
		rs_held_release(peer);
	/* every family: one a role peer is not refused in is under the policy
	 */
	FOREACH_AFI_SAFI (afi, safi) {
		int slot = slot_index(afi, safi);
		unsigned int changed =
			slot < 0 ? 0 : rs_implied_apply(peer, slot, &want);

		if (bind_filter(peer, afi, safi, want_map))
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
	FOREACH_AFI_SAFI (afi, safi)
		bind_changed(peer, afi, safi, RS_IMPLIED_OUT);
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

void rs_bind_recheck(struct rs_instance *rsi)
{
	rs_bind_all(rsi);
	rs_warn_log(rsi);
	rs_audit_schedule(rsi);
}

static rs_timer_t *t_recheck;

/*
 * Every second, every instance: what an operator's command did to a role
 * peer's implied settings (no neighbor X weight) and new warnings follow
 * within a second. The slot does not wait for it: the commands that can
 * change it re-check at once (rs_cmdguard.c), and so do session changes.
 */
static void bind_recheck_timer(rs_timer_t *t)
{
	rs_instance_foreach(rs_bind_recheck);
	rs_timer_add_sec(bind_recheck_timer, NULL, 1, &t_recheck);
}

void rs_bind_init(void)
{
	rs_timer_add_sec(bind_recheck_timer, NULL, 1, &t_recheck);
}

void rs_bind_fini(void)
{
	RS_TIMER_OFF(t_recheck);
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
		rs_held_release(peer);
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
