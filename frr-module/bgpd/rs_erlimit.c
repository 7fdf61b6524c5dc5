// SPDX-License-Identifier: GPL-2.0-or-later
/* The advertised-route limit towards ExpressRoute gateways (rs_erlimit.h). */
#include <zebra.h>

#include "log.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_table.h"
#include "bgpd/bgp_updgrp.h"

#include "rs_adjout.h"
#include "rs_compat.h"
#include "rs_erlimit.h"
#include "rs_instance.h"

static rs_timer_t *t_recheck;
static bool probing;

void rs_erlimit_probe(bool on)
{
	probing = on;
}

/* bgpd's count of the subgroup's adjacency-out, also during a re-announce
 * (subgroup_announce_table counts it up from 0 as it goes).
 */
static uint32_t subgroup_count(const struct update_subgroup *subgrp)
{
	return subgrp->pscount;
}

unsigned int rs_erlimit_advertised(struct peer *peer)
{
	struct update_subgroup *subgrp = rs_peer_subgroup(peer, AFI_IP);

	return subgrp ? subgroup_count(subgrp) : 0;
}

/*
 * Calls FN for every established ExpressRoute gateway of the instance: the
 * role entries, not bgpd's peer list, so a route costs at most the role
 * peers (rs_limits: 8 by default).
 */
struct gateway_call {
	bool (*fn)(struct rs_instance *rsi, struct peer *peer, const void *arg);
	const void *arg;
};

static bool if_up(struct rs_instance *rsi, struct peer *peer, const void *arg)
{
	const struct gateway_call *call = arg;

	return rs_peer_established(peer) &&
	       peer->afc_nego[AFI_IP][SAFI_UNICAST] &&
	       call->fn(rsi, peer, call->arg);
}

static bool each_gateway(struct rs_instance *rsi,
			 bool (*fn)(struct rs_instance *rsi, struct peer *peer,
				    const void *arg),
			 const void *arg)
{
	struct gateway_call call = {.fn = fn, .arg = arg};

	return rs_role_peers_each(rsi, RS_ROLE_EXPRESSROUTE_GW, if_up, &call);
}

static bool announce_to(struct rs_instance *rsi, struct peer *peer,
			const void *arg)
{
	bgp_announce_route(peer, AFI_IP, SAFI_UNICAST, false);
	return false;
}

static bool has_room(struct rs_instance *rsi, struct peer *peer,
		     const void *arg)
{
	return rs_erlimit_advertised(peer) < rsi->limits.er_advertised;
}

/* in_group's question: whose subgroup has the update group of REP? */
struct group_probe {
	const struct peer *rep;
	struct update_subgroup *found;
};

static bool in_group(struct rs_instance *rsi, struct peer *peer,
		     const void *arg)
{
	struct group_probe *probe = (struct group_probe *)arg;
	struct update_subgroup *subgrp = rs_peer_subgroup(peer, AFI_IP);

	if (!subgrp || subgrp->update_group->conf != probe->rep)
		return false;
	probe->found = subgrp;
	return true;
}

static void rs_erlimit_recheck(rs_timer_t *t);

static void arm(void)
{
	if (!t_recheck)
		rs_timer_add_msec(rs_erlimit_recheck, RS_ERLIMIT_RECHECK_MS,
				  &t_recheck);
}

static bool any_pending;

/*
 * Routes withheld and room again: re-announce (bgpd does it a moment later,
 * deciding afresh in table order). Nothing withheld since the last check:
 * say so once.
 */
static void recheck(struct rs_instance *rsi)
{
	if (rsi->er_withheld) {
		if (each_gateway(rsi, has_room, NULL)) {
			rsi->er_withheld = false;
			each_gateway(rsi, announce_to, NULL);
		}
	} else if (rsi->er_logged) {
		zlog_info(
			"route-server: %s: expressroute gateways: below the advertised-route limit %u again, no route withheld",
			rsi->bgp->name_pretty, rsi->limits.er_advertised);
		rsi->er_logged = 0;
	}
	any_pending |= rsi->er_withheld || rsi->er_logged;
}

static void rs_erlimit_recheck(rs_timer_t *t)
{
	any_pending = false;
	rs_instance_foreach(recheck);
	if (any_pending)
		arm();
}

bool rs_erlimit_admit(struct bgp *bgp, struct peer *rep, struct bgp_dest *dest,
		      enum rs_source_kind kind)
{
	struct rs_instance *rsi = rs_instance_find(bgp);
	struct group_probe probe = {.rep = rep};
	struct update_subgroup *subgrp;

	/*
	 * REP is the update group's copy of a peer, which has no subgroup:
	 * the gateway whose group it is has.
	 */
	if (probing || !rsi || !each_gateway(rsi, in_group, &probe))
		return true;
	subgrp = probe.found;
	/*
	 * A full re-announce decides afresh, in table order; between two, a
	 * route already advertised stays.
	 */
	if (rs_limits_er_admit(&rsi->limits, subgroup_count(subgrp),
			       !CHECK_FLAG(subgrp->sflags,
					   SUBGRP_STATUS_TABLE_REPARSING) &&
				       rs_adj_out_attr(subgrp, dest),
			       kind))
		return true;
	rsi->er_withheld = true;
	if (rsi->er_logged != rsi->limits.er_advertised) {
		zlog_warn(
			"route-server: %s: expressroute gateways: advertised-route limit %u reached; further learned routes are withheld from them (route-server expressroute-advertise-limit)",
			bgp->name_pretty, rsi->limits.er_advertised);
		rsi->er_logged = rsi->limits.er_advertised;
	}
	arm();
	return false;
}

void rs_erlimit_reset(struct rs_instance *rsi)
{
	rsi->er_withheld = false;
	each_gateway(rsi, announce_to, NULL);
	if (rsi->er_logged)
		arm();
}

void rs_erlimit_fini(void)
{
	RS_TIMER_OFF(t_recheck);
}
