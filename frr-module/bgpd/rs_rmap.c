// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The route-server decision as a route-map match rule.
 *
 * bgpd 8.4 has no hook in its outbound path, so the verdict rides on a
 * route-map. One map per destination role ("rs to-nva", "rs to-er", "rs
 * to-vpn") holds a single "permit 10" entry whose only clause is this rule,
 * with the role as its argument: the map is applied in the advertise-map
 * "withdraw" slot (see rs_bind.c), where a PERMIT result means "do not
 * advertise". The rule therefore matches when the core says suppress.
 *
 * The maps' names contain a space: no vtysh command can name them, so an
 * operator can neither edit, delete nor shadow them ("route-map NAME" takes
 * one word). bgpd looks them up by name for every announcement.
 *
 * The object is a temporary path whose ->peer is the update group's
 * representative, not the real destination; the destination's role comes
 * from the rule's argument instead, which also keeps the rule correct for
 * every peer in the group (groups are split by map name, i.e. by role).
 */
#include <zebra.h>

#include "memory.h"
#include "prefix.h"
#include "routemap.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_attr.h"
#include "bgpd/bgp_community.h"
#include "bgpd/bgp_mpath.h"
#include "bgpd/bgp_table.h"
#include "bgpd/bgp_route.h"

#include "rs_alt.h"
#include "rs_compat.h"
#include "rs_erlimit.h"
#include "rs_held.h"
#include "rs_errors.h"
#include "rs_instance.h"
#include "rs_log.h"
#include "rs_rmap.h"

DEFINE_MTYPE_STATIC(BGPD, RS_RULE, "Route-server route-map rule");

#define RS_RULE_NAME "route-server suppress-to"

/*
 * Short names: bgpd looks the map up by name twice for every announcement
 * to a role peer (subgroup_announce_check: a copy, a string hash and a
 * compare of the whole name each time). With the names of 0.4.0
 * ("route-server suppress-to-expressroute-gateway", ...) the lookups took
 * 6.9 % of the route server's CPU while it learned 500,000 routes, with
 * these 4.6 % (bench/README.md).
 */
static const char *const map_names[RS_ROLE_COUNT] = {
	[RS_ROLE_EXPRESSROUTE_GW] = "rs to-er",
	[RS_ROLE_VPN_GW] = "rs to-vpn",
	[RS_ROLE_NVA] = "rs to-nva",
};

/* The map of held neighbors (rs_held.h): its rule's argument is "held". */
#define RS_HELD_MAP "rs held"
#define RS_HELD_ARG "held"

const char *rs_rmap_name(enum rs_role dest)
{
	if (dest <= RS_ROLE_NONE || dest >= RS_ROLE_COUNT)
		return NULL;
	return map_names[dest];
}

const char *rs_rmap_held_name(void)
{
	return RS_HELD_MAP;
}

bool rs_rmap_is_ours(const char *name)
{
	if (!name)
		return false;
	for (unsigned int r = RS_ROLE_NONE + 1; r < RS_ROLE_COUNT; r++)
		if (strcmp(name, map_names[r]) == 0)
			return true;
	return strcmp(name, RS_HELD_MAP) == 0;
}

struct bgp_path_info *rs_announced_path(struct bgp_dest *dest)
{
	struct bgp_path_info *pi;

	/*
	 * Without add-path bgpd announces exactly the selected path; the
	 * route-map object is a copy that does not say which one it was.
	 */
	for (pi = bgp_dest_get_bgp_path_info(dest); pi; pi = pi->next)
		if (CHECK_FLAG(pi->flags, BGP_PATH_SELECTED))
			return pi;
	return NULL;
}

/* How many leaks a route can have gone through (VRF -> VPN -> VRF). */
#define RS_LEAK_DEPTH 8

enum rs_source_kind rs_path_source(const struct bgp_path_info *path,
				   enum rs_role *role,
				   const struct peer **origin)
{
	const struct peer *peer;

	/*
	 * A route leaked from another VRF (or through the VPN table) is
	 * decided by the path it was leaked from: that path's peer, with its
	 * role in its own instance.
	 */
	for (int i = 0;
	     i < RS_LEAK_DEPTH && path->sub_type == BGP_ROUTE_IMPORTED &&
	     rs_path_leak_parent(path);
	     i++)
		path = rs_path_leak_parent(path);

	*role = RS_ROLE_NONE;
	*origin = NULL;
	if (path->sub_type == BGP_ROUTE_IMPORTED)
		return RS_SOURCE_UNKNOWN;
	peer = path->peer;
	if (!peer || !peer->bgp || peer == peer->bgp->peer_self ||
	    path->type != ZEBRA_ROUTE_BGP || path->sub_type != BGP_ROUTE_NORMAL)
		return RS_SOURCE_LOCAL;
	/*
	 * "no neighbor X": the role went with the neighbor, its routes are
	 * still there until bgpd's clearing queue gets to them; till then
	 * their source is unknown (fail closed), not a peer without a role.
	 */
	if (rs_peer_status(peer) == Deleted || rs_held(peer))
		return RS_SOURCE_UNKNOWN;
	*role = rs_peer_role(rs_instance_find(peer->bgp), peer);
	*origin = peer;
	return RS_SOURCE_PEER;
}

/* The decision table's verdict for PATH's source. */
static struct rs_verdict source_verdict(struct bgp *bgp,
					const struct bgp_path_info *path,
					enum rs_role dest,
					const struct peer **origin)
{
	const struct rs_instance *rsi = rs_instance_find(bgp);
	const struct peer *peer;
	enum rs_role source;
	enum rs_source_kind kind = rs_path_source(path, &source, &peer);

	if (origin)
		*origin = peer;
	return rs_policy_decide(kind, source, dest,
				rsi ? rsi->branch_to_branch : false);
}

struct rs_verdict rs_verdict_for(struct bgp *bgp,
				 const struct bgp_path_info *path,
				 enum rs_role dest, const struct peer **origin)
{
	struct bgp_path_info *best = (struct bgp_path_info *)path;
	struct rs_verdict v = source_verdict(bgp, path, dest, origin);
	struct attr *attr = bgp_path_info_mpath_attr(best);
	struct community *comm;

	/*
	 * With "bgp bestpath as-path multipath-relax as-set" bgpd announces
	 * the best path with the AS paths and communities of all its
	 * multipaths merged (bgp_mpath.c): each of them must be allowed.
	 */
	if (attr)
		for (struct bgp_path_info *mp = bgp_path_info_mpath_next(best);
		     mp && v.allow; mp = bgp_path_info_mpath_next(mp))
			v = source_verdict(bgp, mp, dest, NULL);
	comm = bgp_attr_get_community(attr ? attr : path->attr);
	return rs_policy_well_known(
		v, dest,
		comm && community_include(comm, COMMUNITY_NO_ADVERTISE),
		comm && community_include(comm, COMMUNITY_NO_EXPORT));
}

/*
 * The paths of DEST that the temporary copy TMP can stand for: bgpd copies
 * flags, type and sub-type, and the attributes before it touches the next
 * hop. With add-path a non-best path is announced too; it is found among
 * the non-best paths by those fields.
 */
static bool rs_same_path(const struct bgp_path_info *tmp,
			 const struct bgp_path_info *pi, const struct prefix *p)
{
	if (pi->type != tmp->type || pi->sub_type != tmp->sub_type ||
	    CHECK_FLAG(pi->flags, BGP_PATH_SELECTED) ||
	    !CHECK_FLAG(pi->flags, BGP_PATH_VALID) ||
	    CHECK_FLAG(pi->flags, BGP_PATH_HISTORY | BGP_PATH_REMOVED))
		return false;
	if (p->family == AF_INET6)
		return IPV6_ADDR_SAME(&pi->attr->mp_nexthop_global,
				      &tmp->attr->mp_nexthop_global);
	return IPV4_ADDR_SAME(&pi->attr->nexthop, &tmp->attr->nexthop);
}

/*
 * The verdict for the path TMP stands for towards DEST. A non-best path is
 * decided by its own source; when several non-best paths fit the copy, it
 * is advertised only if every one of them may be (fail closed).
 */
static struct rs_verdict rs_tmp_verdict(struct bgp *bgp,
					const struct bgp_path_info *tmp,
					const struct prefix *p,
					enum rs_role dest,
					const struct peer **source)
{
	struct bgp_path_info *pi;
	struct rs_verdict v = rs_policy_unknown_source(); /* no path fits */

	/* the module's own choice for a role (rs_alt.c): known exactly */
	if (rs_alt_announcing() && rs_alt_announcing()->net == tmp->net)
		return rs_verdict_for(bgp, rs_alt_announcing(), dest, source);
	if (CHECK_FLAG(tmp->flags, BGP_PATH_SELECTED)) {
		pi = rs_announced_path(tmp->net);
		return pi ? rs_verdict_for(bgp, pi, dest, source) : v;
	}
	for (pi = bgp_dest_get_bgp_path_info(tmp->net); pi; pi = pi->next) {
		if (!rs_same_path(tmp, pi, p))
			continue;
		v = rs_verdict_for(bgp, pi, dest, source);
		if (!v.allow)
			break;
	}
	return v;
}

static enum route_map_cmd_result_t
rs_match(void *rule, const struct prefix *prefix, void *object)
{
	const enum rs_role *dest = rule;
	struct bgp_path_info *tmp = object;
	const struct peer *source = NULL;
	struct bgp_table *table;
	struct rs_verdict v;

	if (*dest == RS_ROLE_NONE)
		return RMAP_MATCH; /* a held neighbor: nothing */
	table = tmp->net ? bgp_dest_table(tmp->net) : NULL;
	if (table && table->bgp)
		v = rs_tmp_verdict(table->bgp, tmp, prefix, *dest, &source);
	else
		v = rs_policy_unknown_source();
	/* tmp->peer: the ExpressRoute gateways' update group (Azure: IPv4) */
	if (v.allow && *dest == RS_ROLE_EXPRESSROUTE_GW &&
	    prefix->family == AF_INET && table->safi == SAFI_UNICAST &&
	    !rs_erlimit_admit(table->bgp, tmp->peer, tmp->net,
			      v.reason == RS_REASON_LOCAL ? RS_SOURCE_LOCAL
							  : RS_SOURCE_PEER)) {
		v.allow = false;
		v.reason = RS_REASON_ER_LIMIT;
	}
	if (!v.allow)
		rs_log_suppressed(prefix, source, *dest, v.reason);
	/* the role may get another path (rs_alt.c); not past Azure's limit */
	if (!v.allow && v.reason != RS_REASON_ER_LIMIT && table &&
	    table->safi == SAFI_UNICAST &&
	    CHECK_FLAG(tmp->flags, BGP_PATH_SELECTED))
		rs_alt_mark(table->bgp, tmp->net);
	return v.allow ? RMAP_NOMATCH : RMAP_MATCH;
}

static void *rs_match_compile(const char *arg)
{
	enum rs_role role, *rule;

	if (strcmp(arg, RS_HELD_ARG) == 0)
		role = RS_ROLE_NONE;
	else if (!rs_role_parse(arg, &role))
		return NULL;
	rule = XMALLOC(MTYPE_RS_RULE, sizeof(*rule));
	*rule = role;
	return rule;
}

static void rs_match_free(void *rule)
{
	XFREE(MTYPE_RS_RULE, rule);
}

static const struct route_map_rule_cmd rs_match_cmd = {
	RS_RULE_NAME,
	rs_match,
	rs_match_compile,
	rs_match_free,
};

static void rmap_create(const char *name, const char *arg)
{
	struct route_map *map = route_map_get(name);
	struct route_map_index *index;

	index = route_map_index_get(map, RMAP_PERMIT, 10);
	if (route_map_add_match(index, RS_RULE_NAME, arg,
				RMAP_EVENT_MATCH_ADDED) != RMAP_COMPILE_SUCCESS)
		flog_err(EC_RS_ROUTE_MAP,
			 "route-server: cannot install route-map %s", name);
}

void rs_rmap_init(void)
{
	route_map_install_match(&rs_match_cmd);

	for (unsigned int r = RS_ROLE_NONE + 1; r < RS_ROLE_COUNT; r++)
		rmap_create(map_names[r], rs_role_name(r));
	rmap_create(RS_HELD_MAP, RS_HELD_ARG);
}
