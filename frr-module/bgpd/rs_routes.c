// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * "show bgp [vrf NAME] route-server neighbor PEER learned-routes|
 * advertised-routes [json]": the equivalents of Azure's
 * Get-AzRouteServerPeerLearnedRoute / Get-AzRouteServerPeerAdvertisedRoute.
 *
 * Learned routes are the peer's paths in the RIB (after inbound policy).
 * Advertised routes are read from bgpd's adjacency-out of the peer's update
 * subgroup, i.e. after every outbound policy (the module's and the
 * operator's); the AS prepend and the "next hop self" that bgpd applies when
 * it encodes the UPDATE for an eBGP peer are applied here the same way.
 */
#include <zebra.h>

#include "command.h"
#include "json.h"
#include "memory.h"
#include "prefix.h"
#include "printfrr.h"
#include "sockunion.h"
#include "vty.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_aspath.h"
#include "bgpd/bgp_attr.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_table.h"
#include "bgpd/bgp_vty.h"

#include "rs_adjout.h"
#include "rs_compat.h"
#include "rs_routes.h"
#include "rs_rmap.h"
#include "rs_show.h"

#ifndef VTYSH_EXTRACT_PL
#include "frr-module/bgpd/rs_routes_clippy.c"
#endif

DEFINE_MTYPE_STATIC(BGPD, RS_AS_PATH, "Route-server AS path text");

/* One row, in Azure's terms. */
struct rs_route {
	const struct prefix *network;
	char next_hop[INET6_ADDRSTRLEN];
	char *as_path; /* as long as the path is */
	const char *origin;
	const char *source_peer; /* NULL for advertised routes */
	const char *local_address;
	uint32_t weight;
};

/* Azure's "origin": how the route server got the route. */
static const char *azure_origin(const struct bgp_path_info *pi)
{
	const struct peer *origin;
	enum rs_role role;

	if (rs_path_source(pi, &role, &origin) != RS_SOURCE_PEER)
		return "Network";
	return origin->sort == BGP_PEER_IBGP ? "IBgp" : "EBgp";
}

/* Azure joins AS numbers with hyphens: "65515-65001". Free with XFREE. */
static char *azure_as_path(as_t prepend, const struct aspath *aspath)
{
	const char *path = aspath ? aspath_print((struct aspath *)aspath) : "";
	char *buf, *c;

	if (prepend)
		buf = asprintfrr(MTYPE_RS_AS_PATH, "%u%s%s", prepend,
				 path[0] ? " " : "", path);
	else
		buf = XSTRDUP(MTYPE_RS_AS_PATH, path);
	for (c = buf; *c; c++)
		if (*c == ' ')
			*c = '-';
	return buf;
}

static void local_address(const struct peer *peer, char *buf, size_t len)
{
	buf[0] = '\0';
	if (rs_peer_su_local(peer))
		sockunion2str(rs_peer_su_local(peer), buf, len);
}

static void next_hop(const struct attr *attr, const struct prefix *p, char *buf,
		     size_t len)
{
	if (p->family == AF_INET6)
		inet_ntop(AF_INET6, &attr->mp_nexthop_global, buf, len);
	else
		inet_ntop(AF_INET, &attr->nexthop, buf, len);
}

/*
 * The next hop bgpd encodes for PEER: an unset one becomes the session's
 * own address (bpacket_reformat_for_peer), IPv4-mapped for IPv6 when the
 * session has no IPv6 address.
 */
static void advertised_next_hop(const struct peer *peer,
				const struct attr *attr, const struct prefix *p,
				char *buf, size_t len)
{
	struct in6_addr v6;

	if (p->family == AF_INET6) {
		v6 = attr->mp_nexthop_global;
		if (IN6_IS_ADDR_UNSPECIFIED(&v6))
			v6 = peer->nexthop.v6_global;
		if (IN6_IS_ADDR_UNSPECIFIED(&v6) &&
		    peer->nexthop.v4.s_addr != INADDR_ANY)
			ipv4_to_ipv4_mapped_ipv6(&v6, peer->nexthop.v4);
		inet_ntop(AF_INET6, &v6, buf, len);
	} else if (attr->nexthop.s_addr == INADDR_ANY) {
		inet_ntop(AF_INET, &peer->nexthop.v4, buf, len);
	} else {
		next_hop(attr, p, buf, len);
	}
}

static void route_json(json_object *routes, const struct rs_route *r)
{
	json_object *jr = json_object_new_object();

	json_object_string_addf(jr, "network", "%pFX", r->network);
	json_object_string_add(jr, "nextHop", r->next_hop);
	json_object_string_add(jr, "asPath", r->as_path);
	json_object_string_add(jr, "origin", r->origin);
	if (r->source_peer)
		json_object_string_add(jr, "sourcePeer", r->source_peer);
	json_object_string_add(jr, "localAddress", r->local_address);
	json_object_int_add(jr, "weight", r->weight);
	json_object_array_add(routes, jr);
}

static void route_text(struct vty *vty, const struct rs_route *r)
{
	vty_out(vty, "%-20pFX %-16s %-8s %-16s %6u %s\n", r->network,
		r->next_hop, r->origin, r->source_peer ? r->source_peer : "-",
		r->weight, r->as_path);
}

struct rs_sink {
	struct vty *vty;
	json_object *routes;	   /* NULL: text */
	const char *local_address; /* of the session, for every row */
	unsigned int count;
};

static void emit(struct rs_sink *sink, const struct rs_route *r)
{
	if (sink->routes)
		route_json(sink->routes, r);
	else
		route_text(sink->vty, r);
	sink->count++;
}

static void learned(struct bgp *bgp, struct peer *peer, afi_t afi,
		    struct rs_sink *sink)
{
	struct bgp_table *table = bgp->rib[afi][SAFI_UNICAST];
	struct bgp_dest *dest;
	struct bgp_path_info *pi;

	for (dest = bgp_table_top(table); dest; dest = bgp_route_next(dest)) {
		for (pi = bgp_dest_get_bgp_path_info(dest); pi; pi = pi->next) {
			struct rs_route r = {.network =
						     bgp_dest_get_prefix(dest)};

			if (pi->peer != peer ||
			    CHECK_FLAG(pi->flags, BGP_PATH_REMOVED))
				continue;
			next_hop(pi->attr, r.network, r.next_hop,
				 sizeof(r.next_hop));
			r.as_path = azure_as_path(0, pi->attr->aspath);
			r.origin = azure_origin(pi);
			r.source_peer = peer->host;
			r.local_address = sink->local_address;
			r.weight = pi->attr->weight;
			emit(sink, &r);
			XFREE(MTYPE_RS_AS_PATH, r.as_path);
		}
	}
}

static void advertised(struct bgp *bgp, struct peer *peer, afi_t afi,
		       struct rs_sink *sink)
{
	struct update_subgroup *subgrp = rs_peer_subgroup(peer, afi);
	struct bgp_table *table = bgp->rib[afi][SAFI_UNICAST];
	as_t prepend = peer->sort == BGP_PEER_EBGP ? peer->local_as : 0;
	struct bgp_dest *dest;

	if (!subgrp)
		return;
	for (dest = bgp_table_top(table); dest; dest = bgp_route_next(dest)) {
		struct attr *attr = rs_adj_out_attr(subgrp, dest);
		struct bgp_path_info *best;
		struct rs_route r = {.network = bgp_dest_get_prefix(dest)};

		if (!attr)
			continue;
		best = rs_announced_path(dest);
		advertised_next_hop(peer, attr, r.network, r.next_hop,
				    sizeof(r.next_hop));
		r.local_address = sink->local_address;
		r.as_path = azure_as_path(prepend, attr->aspath);
		r.origin = best ? azure_origin(best) : "Network";
		r.weight = best ? best->attr->weight : 0;
		emit(sink, &r);
		XFREE(MTYPE_RS_AS_PATH, r.as_path);
	}
}

static struct peer *rs_show_peer(struct vty *vty, struct bgp *bgp,
				 const char *name, bool uj)
{
	union sockunion su;
	struct peer *peer;

	if (str2sockunion(name, &su) == 0)
		peer = peer_lookup(bgp, &su);
	else
		peer = peer_lookup_by_conf_if(bgp, name);
	if (!peer && uj)
		rs_show_json_warning(vty, "No such neighbor");
	else if (!peer)
		vty_out(vty, "%% No such neighbor %s in %s\n", name,
			bgp->name_pretty);
	return peer;
}

DEFPY(show_rs_routes, show_rs_routes_cmd,
      "show bgp [vrf NAME$vrf_name] route-server neighbor <A.B.C.D|X:X::X:X|WORD>$neighbor <learned-routes$lrn|advertised-routes> [json$uj]",
      SHOW_STR BGP_STR VRF_CMD_HELP_STR RS_SHOW_STR
      "A route-server neighbor\n"
      "Neighbor address\n"
      "Neighbor address\n"
      "Neighbor on an interface\n"
      "Routes the route server learned from it\n"
      "Routes the route server advertises to it (after all policy)\n" JSON_STR)
{
	struct bgp *bgp = rs_show_bgp(vty, vrf_name, !!uj);
	char local[INET6_ADDRSTRLEN];
	struct rs_sink sink = {.vty = vty, .local_address = local};
	json_object *json = NULL;
	struct peer *peer;
	afi_t afi;

	peer = bgp ? rs_show_peer(vty, bgp, neighbor, !!uj) : NULL;
	if (!peer)
		return CMD_WARNING;
	local_address(peer, local, sizeof(local));
	if (uj) {
		json = json_object_new_object();
		sink.routes = json_object_new_array();
		json_object_string_add(json, "neighbor", neighbor);
		json_object_string_add(json, "localAddress", local);
	} else {
		vty_out(vty, "Routes %s neighbor %s (local address %s)\n\n",
			lrn ? "learned from" : "advertised to", neighbor,
			local[0] ? local : "none");
		vty_out(vty, "%-20s %-16s %-8s %-16s %6s %s\n", "Network",
			"NextHop", "Origin", "SourcePeer", "Weight", "AsPath");
	}
	for (afi = AFI_IP; afi <= AFI_IP6; afi++) {
		if (lrn)
			learned(bgp, peer, afi, &sink);
		else
			advertised(bgp, peer, afi, &sink);
	}
	if (uj) {
		json_object_object_add(json, "routes", sink.routes);
		json_object_int_add(json, "count", sink.count);
		vty_json(vty, json);
	} else {
		vty_out(vty, "\nTotal: %u route%s\n", sink.count,
			sink.count == 1 ? "" : "s");
	}
	return CMD_SUCCESS;
}

void rs_routes_init(void)
{
	install_element(VIEW_NODE, &show_rs_routes_cmd);
}
