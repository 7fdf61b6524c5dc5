// SPDX-License-Identifier: GPL-2.0-or-later
/* Configuration problems that the route server accepts but reports. */
#include <zebra.h>

#include "jhash.h"
#include "linklist.h"
#include "printfrr.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_addpath.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_table.h"
#include "bgpd/bgp_updgrp.h"
#include "bgpd/bgp_vty.h"
#include "bgpd/bgp_zebra.h"

#include "routeserver/validate.h"

#include "rs_alt.h"
#include "rs_bind.h"
#include "rs_cmdguard.h"
#include "rs_compat.h"
#include "rs_held.h"
#include "rs_instance.h"
#include "rs_warn.h"

#define RS_WARN_MAX 320

static void vpn_warning(struct rs_instance *rsi, char *buf, size_t len)
{
	unsigned int n = rs_role_peer_count(rsi, RS_ROLE_VPN_GW);

	buf[0] = '\0';
	if (rs_vpn_gateway_not_active_active(n))
		snprintf(
			buf, len,
			"vpn-gateway has %u neighbor: Azure's VPN gateway is active-active (%u sessions expected)",
			n, RS_VPN_GATEWAY_MIN_PEERS);
}

struct warn_sink {
	void (*emit)(const char *text, void *arg);
	void *arg;
	unsigned int count;
};

PRINTFRR(2, 3)
static void warnf(struct warn_sink *sink, const char *fmt, ...)
{
	char buf[RS_WARN_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintfrr(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	sink->emit(buf, sink->arg);
	sink->count++;
}

/*
 * bgpd's RFC 8212 check (ebgp-requires-policy) would block PEER in one of
 * the address families it is activated in.
 */
static bool policy_required(const struct bgp *bgp, struct peer *peer)
{
	if (peer->sort != BGP_PEER_EBGP ||
	    !CHECK_FLAG(bgp->flags, BGP_FLAG_EBGP_REQUIRES_POLICY))
		return false;
	for (size_t i = 0; i < RS_SLOT_COUNT; i++) {
		afi_t afi = rs_slots[i].afi;
		safi_t safi = rs_slots[i].safi;
		struct bgp_filter *filter = &peer->filter[afi][safi];

		if (peer->afc[afi][safi] &&
		    (!bgp_inbound_policy_exists(peer, filter) ||
		     !bgp_outbound_policy_exists(peer, filter)))
			return true;
	}
	return false;
}

/* the neighbor's address (FRR 9.1 moved it to the connection) */
static const union sockunion *peer_address(const struct peer *peer)
{
#if RS_FRR_VERSION >= 1003
	return &peer->connection->su;
#else
	return &peer->su;
#endif
}

/*
 * bgpd opens an eBGP session only once the neighbor's address resolves
 * through a connected route, unless its TTL allows more than one hop
 * (ebgp-multihop, or ttl-security, which sets it to 255) or the check is
 * off (disable-connected-check, bgp disable-ebgp-connected-route-check):
 * the condition of bgp_peer_reg_with_nht(). It waits only while it has
 * zebra (bgp_start(); bgpd -Z neither waits nor knows connected networks).
 * True when PEER meets that condition and no connected network bgpd has
 * from zebra holds its address: its session never comes up as configured.
 */
static bool multihop_missing(struct bgp *bgp, struct peer *peer)
{
	struct prefix p;
	struct bgp_table *connected;
	struct bgp_dest *dest;

	if (peer->sort != BGP_PEER_EBGP || peer->ttl != BGP_DEFAULT_TTL ||
	    CHECK_FLAG(peer->flags, PEER_FLAG_DISABLE_CONNECTED_CHECK) ||
	    CHECK_FLAG(bgp->flags, BGP_FLAG_DISABLE_NH_CONNECTED_CHK) ||
	    peer->conf_if || !bgp_zebra_num_connects())
		return false;
	if (!sockunion2hostprefix(peer_address(peer), &p) ||
	    (p.family != AF_INET && p.family != AF_INET6))
		return false;
	/* an IPv6 link-local neighbor is on its link by definition */
	if (p.family == AF_INET6 && IN6_IS_ADDR_LINKLOCAL(&p.u.prefix6))
		return false;
	connected = bgp->connected_table[family2afi(p.family)];
	if (!connected)
		return false;
	dest = bgp_node_match(connected, &p);
	if (!dest)
		return true;
	bgp_dest_unlock_node(dest);
	return false;
}

/*
 * Add-path transmit configured towards an established PEER that did not
 * negotiate it: bgpd keys its entries by path, yet sends one (rs_alt.c
 * leaves such a peer to bgpd's best path).
 */
static bool addpath_unused(struct peer *peer, afi_t afi)
{
	return rs_peer_established(peer) && peer->afc_nego[afi][SAFI_UNICAST] &&
	       !rs_alt_single_path(peer, afi) &&
	       !bgp_addpath_encode_tx(peer, afi, SAFI_UNICAST);
}

unsigned int rs_warnings(struct rs_instance *rsi,
			 void (*emit)(const char *text, void *arg), void *arg)
{
	struct warn_sink sink = {.emit = emit, .arg = arg};
	char buf[RS_WARN_MAX];
	struct listnode *node;
	struct peer *peer;
	afi_t afi;
	safi_t safi;

	if (rs_cmdguard_missing())
		warnf(&sink,
		      "route-server roles are refused: bgpd's command %s could not be guarded (not found in this bgpd)",
		      rs_cmdguard_missing());
	vpn_warning(rsi, buf, sizeof(buf));
	if (buf[0])
		warnf(&sink, "%s", buf);

	for (ALL_LIST_ELEMENTS_RO(rsi->bgp->peer, node, peer)) {
		enum rs_role role = rs_listed_role(rsi, peer);

		if (role == RS_ROLE_NONE)
			continue;
		if (policy_required(rsi->bgp, peer))
			warnf(&sink,
			      "neighbor %s (%s) is eBGP and 'bgp ebgp-requires-policy' is on: bgpd exchanges no routes with it without a route-map in and out (or 'no bgp ebgp-requires-policy')",
			      peer->host, rs_role_name(role));
		/* e.g. a dynamic neighbor with "bgp default ipv4-vpn" */
		if (rs_unbound_family_peer(peer, &afi, &safi) == peer)
			warnf(&sink,
			      "neighbor %s (%s) is activated in %s, where role peers are refused: the role's map decides there too; deactivate it ('no neighbor %s activate' there)",
			      peer->host, rs_role_name(role),
			      get_afi_safi_str(afi, safi, false),
			      rs_conf_name(peer));
		for (afi = AFI_IP; afi <= AFI_IP6; afi++)
			if (addpath_unused(peer, afi))
				warnf(&sink,
				      "neighbor %s (%s) has add-path transmit set in %s but did not negotiate it: it gets bgpd's best path or nothing, no alternative path; remove the addpath-tx line or have it receive add-path",
				      peer->host, rs_role_name(role),
				      get_afi_safi_str(afi, SAFI_UNICAST,
						       false));
		/* (a dynamic neighbor's line is its listen group's) */
		if (multihop_missing(rsi->bgp, peer))
			warnf(&sink,
			      "neighbor %s (%s) is eBGP and on no connected network: bgpd does not connect to it (it waits for a connected route) and sends with TTL 1; add 'neighbor %s ebgp-multihop 2' (2 hops: one router between them; or ttl-security hops N)",
			      peer->host, rs_role_name(role),
			      peer_dynamic_neighbor(peer) ? peer->group->name
							  : rs_conf_name(peer));
	}
	sink.count += rs_held_warnings(rsi, emit, arg);
	return sink.count;
}

struct log_state {
	struct rs_instance *rsi;
	uint32_t now[RS_WARN_LOGGED];
	unsigned int count;
};

static bool logged_before(const struct rs_instance *rsi, uint32_t key)
{
	for (unsigned int i = 0; i < rsi->warned_count; i++)
		if (rsi->warned[i] == key)
			return true;
	return false;
}

static void warn_log_one(const char *text, void *arg)
{
	struct log_state *st = arg;
	uint32_t key = jhash(text, strlen(text), 0x5741524e);

	if (!logged_before(st->rsi, key))
		zlog_warn("route-server: %s: %s", st->rsi->bgp->name_pretty,
			  text);
	if (st->count < RS_WARN_LOGGED)
		st->now[st->count++] = key;
}

void rs_warn_log(struct rs_instance *rsi)
{
	struct log_state st = {.rsi = rsi};

	rs_warnings(rsi, warn_log_one, &st);
	memcpy(rsi->warned, st.now, sizeof(st.now));
	rsi->warned_count = st.count;
}
