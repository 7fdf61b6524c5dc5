// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The bgpd settings a role implies.
 *
 * bgpd decides iBGP reflection and the next hop from the peer's own flags
 * (subgroup_announce_check, bpacket_reformat_for_peer) and offers no other
 * seam, so the module sets PEER_FLAG_REFLECTOR_CLIENT and
 * PEER_FLAG_NEXTHOP_UNCHANGED itself, without bgpd's session reset, and
 * regroups and re-announces as bgpd does for a policy change. The same way
 * it gives role peers the routing preference's weight (PEER_FLAG_WEIGHT,
 * bgpd's "neighbor X weight") and the received-route limit
 * (PEER_FLAG_MAX_PREFIX, bgpd's "neighbor X maximum-prefix N restart M",
 * which closes the session with a Cease NOTIFICATION). It records
 * which flags it set (the "owned" bits): those, and only those, it removes
 * again, and only while the operator has not configured the same setting
 * (bgpd's override bit, a peer-group's own flag, or route-server-client,
 * which implies next-hop unchanged).
 *
 * bgpd writes a peer's flags to running-config, so while bgpd writes the
 * "router bgp" node the owned bits are taken out and put back after: the
 * role line alone is written, and re-derives them when it is read back. The
 * module's advertise-map slots are hidden the same way (rs_bind.c).
 */
#include <zebra.h>

#include "command.h"
#include "memory.h"

#include "bgpd/bgpd.h"

#include "rs_bind.h"
#include "rs_errors.h"
#include "rs_implied.h"
#include "rs_instance.h"

DEFINE_MTYPE_STATIC(BGPD, RS_OWNED, "Route-server implied peer flags");

PREDECL_HASH(rs_owned);

struct rs_owned_peer {
	struct rs_owned_item item;
	struct peer *peer; /* the key */
	uint64_t bits[RS_SLOT_COUNT];
	uint64_t hidden[RS_SLOT_COUNT]; /* taken out while config is written */
};

RS_DECLARE_PTR_HASH(rs_owned, struct rs_owned_peer, item, peer);

/* One table for all instances: keyed by peer, which is unique. */
static struct rs_owned_head owned = INIT_HASH(owned);

static struct rs_owned_peer *owned_find(const struct peer *peer)
{
	struct rs_owned_peer key = {.peer = (struct peer *)peer};

	return rs_owned_find(&owned, &key);
}

static void owned_free(struct rs_owned_peer *o)
{
	rs_owned_del(&owned, o);
	XFREE(MTYPE_RS_OWNED, o);
}

static bool owned_any(const struct rs_owned_peer *o)
{
	for (size_t i = 0; i < RS_SLOT_COUNT; i++)
		if (o->bits[i])
			return true;
	return false;
}

/* The operator configured FLAG on PEER in AFI/SAFI (directly or inherited). */
static bool operator_has(const struct peer *peer, afi_t afi, safi_t safi,
			 uint64_t flag)
{
	if (CHECK_FLAG(peer->af_flags_override[afi][safi], flag))
		return true;
	if (peer->group &&
	    CHECK_FLAG(peer->group->conf->af_flags[afi][safi], flag))
		return true;
	return flag == PEER_FLAG_NEXTHOP_UNCHANGED &&
	       CHECK_FLAG(peer->af_flags[afi][safi], PEER_FLAG_RSERVER_CLIENT);
}

static bool want_reflector(const struct rs_implied_want *w)
{
	return w->role.reflector_client;
}

static bool want_nexthop(const struct rs_implied_want *w)
{
	return w->role.nexthop_unchanged;
}

static bool want_weight(const struct rs_implied_want *w)
{
	return w->weight != 0;
}

static bool want_limit(const struct rs_implied_want *w)
{
	return w->max_routes != 0;
}

/* A valued setting's fields, W's values or (W NULL) bgpd's unset ones. */
static bool put_weight(struct peer *peer, afi_t afi, safi_t safi,
		       const struct rs_implied_want *w)
{
	unsigned long weight = w ? w->weight : 0;

	if (peer->weight[afi][safi] == weight)
		return false;
	peer->weight[afi][safi] = weight;
	return true;
}

static bool put_limit(struct peer *peer, afi_t afi, safi_t safi,
		      const struct rs_implied_want *w)
{
	uint32_t max = w ? w->max_routes : 0;
	uint16_t restart = w ? w->restart : 0;
	uint8_t threshold = w ? MAXIMUM_PREFIX_THRESHOLD_DEFAULT : 0;

	if (peer->pmax[afi][safi] == max &&
	    peer->pmax_restart[afi][safi] == restart &&
	    peer->pmax_threshold[afi][safi] == threshold)
		return false;
	peer->pmax[afi][safi] = max;
	peer->pmax_restart[afi][safi] = restart;
	peer->pmax_threshold[afi][safi] = threshold;
	return true;
}

static const struct implied_setting {
	uint64_t flag;
	bool (*wanted)(const struct rs_implied_want *w);
	/* the setting's value fields; NULL for a plain flag */
	bool (*put)(struct peer *peer, afi_t afi, safi_t safi,
		    const struct rs_implied_want *w);
	unsigned int change;
} implied[] = {
	{PEER_FLAG_REFLECTOR_CLIENT, want_reflector, NULL,
	 RS_IMPLIED_OUT | RS_IMPLIED_REFLECT},
	{PEER_FLAG_NEXTHOP_UNCHANGED, want_nexthop, NULL, RS_IMPLIED_OUT},
	{PEER_FLAG_WEIGHT, want_weight, put_weight, RS_IMPLIED_WEIGHT},
	{PEER_FLAG_MAX_PREFIX, want_limit, put_limit, RS_IMPLIED_LIMIT},
};

unsigned int rs_implied_apply(struct peer *peer, size_t slot,
			      const struct rs_implied_want *want)
{
	afi_t afi = rs_slots[slot].afi;
	safi_t safi = rs_slots[slot].safi;
	uint64_t *flags = &peer->af_flags[afi][safi];
	struct rs_owned_peer *o = owned_find(peer);
	uint64_t mine = o ? o->bits[slot] : 0;
	unsigned int changed = 0;

	for (size_t i = 0; i < array_size(implied); i++) {
		const struct implied_setting *s = &implied[i];
		uint64_t f = s->flag;

		if (operator_has(peer, afi, safi, f)) {
			mine &= ~f; /* the operator's now: never touched */
		} else if (s->wanted(want)) {
			/* the value first: bgpd acts on the flag */
			if (s->put && s->put(peer, afi, safi, want))
				changed |= s->change;
			if (!(*flags & f))
				changed |= s->change;
			*flags |= f;
			mine |= f;
		} else if (mine & f) {
			*flags &= ~f;
			mine &= ~f;
			if (s->put)
				s->put(peer, afi, safi, NULL);
			changed |= s->change;
		}
	}

	if (mine && !o) {
		o = XCALLOC(MTYPE_RS_OWNED, sizeof(*o));
		o->peer = peer;
		rs_owned_add(&owned, o);
	}
	if (o) {
		o->bits[slot] = mine;
		if (!owned_any(o))
			owned_free(o);
	}
	return changed;
}

bool rs_implied_owns(const struct peer *peer, size_t slot, uint64_t flag)
{
	const struct rs_owned_peer *o = owned_find(peer);

	return o && (o->bits[slot] & flag);
}

void rs_implied_forget(const struct peer *peer)
{
	struct rs_owned_peer *o = owned_find(peer);

	if (o)
		owned_free(o);
}

void rs_implied_fini(const struct bgp *bgp)
{
	struct rs_owned_peer *o;

	frr_each_safe (rs_owned, &owned, o)
		if (!bgp || o->peer->bgp == bgp)
			owned_free(o);
}

/* Takes the owned bits out of (or puts them back into) every peer's flags. */
static void owned_toggle(bool out)
{
	struct rs_owned_peer *o;

	frr_each (rs_owned, &owned, o)
		for (size_t i = 0; i < RS_SLOT_COUNT; i++) {
			uint64_t *flags = &o->peer->af_flags[rs_slots[i].afi]
							    [rs_slots[i].safi];

			if (out) {
				o->hidden[i] = *flags & o->bits[i];
				*flags &= ~o->hidden[i];
			} else {
				*flags |= o->hidden[i];
				o->hidden[i] = 0;
			}
		}
}

static int (*bgpd_config_write)(struct vty *vty);

static int rs_implied_config_write(struct vty *vty)
{
	int ret;

	owned_toggle(true);
	rs_bind_config_hide(true);
	ret = bgpd_config_write(vty);
	rs_bind_config_hide(false);
	owned_toggle(false);
	return ret;
}

void rs_implied_init(void)
{
	struct cmd_node *node = vector_lookup(cmdvec, BGP_NODE);

	if (!node || !node->config_write) {
		flog_err(
			EC_RS_CMD_GUARD,
			"route-server: no \"router bgp\" config writer: implied neighbor settings would be written to running-config");
		return;
	}
	bgpd_config_write = node->config_write;
	node->config_write = rs_implied_config_write;
}
