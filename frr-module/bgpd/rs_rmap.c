// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The route-server decision as a route-map match rule.
 *
 * bgpd 8.4 has no hook in its outbound path, so the verdict rides on a
 * route-map. One map per destination role ("rs-suppress-to-<role>") holds a
 * single "permit 10" entry whose only clause is this rule, with the role as
 * its argument: the map is applied in the advertise-map "withdraw" slot (see
 * rs_bind.c), where a PERMIT result means "do not advertise". The rule
 * therefore matches when the core says suppress.
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
#include "bgpd/bgp_table.h"
#include "bgpd/bgp_route.h"

#include "rs_instance.h"
#include "rs_log.h"
#include "rs_rmap.h"

DEFINE_MTYPE_STATIC(BGPD, RS_RULE, "Route-server route-map rule");

#define RS_RULE_NAME "route-server-suppress-to"

static const char *const map_names[RS_ROLE_COUNT] = {
	[RS_ROLE_EXPRESSROUTE_GW] = "rs-suppress-to-expressroute-gateway",
	[RS_ROLE_VPN_GW] = "rs-suppress-to-vpn-gateway",
	[RS_ROLE_NVA] = "rs-suppress-to-nva",
};

const char *rs_rmap_name(enum rs_role dest)
{
	if (dest <= RS_ROLE_NONE || dest >= RS_ROLE_COUNT)
		return NULL;
	return map_names[dest];
}

bool rs_rmap_is_ours(const char *name)
{
	for (unsigned int r = RS_ROLE_NONE + 1; r < RS_ROLE_COUNT; r++)
		if (name && strcmp(name, map_names[r]) == 0)
			return true;
	return false;
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

enum rs_source_kind rs_path_source(struct bgp *bgp,
				   const struct bgp_path_info *path,
				   enum rs_role *role)
{
	*role = RS_ROLE_NONE;
	if (!path->peer || path->peer == bgp->peer_self ||
	    path->type != ZEBRA_ROUTE_BGP || path->sub_type != BGP_ROUTE_NORMAL)
		return RS_SOURCE_LOCAL;
	*role = rs_peer_role(rs_instance_find(bgp), path->peer);
	return RS_SOURCE_PEER;
}

struct rs_verdict rs_verdict_for(struct bgp *bgp,
				 const struct bgp_path_info *path,
				 enum rs_role dest)
{
	const struct rs_instance *rsi = rs_instance_find(bgp);
	enum rs_role source;
	enum rs_source_kind kind = rs_path_source(bgp, path, &source);

	return rs_policy_decide(kind, source, dest,
				rsi ? rsi->branch_to_branch : false);
}

static enum route_map_cmd_result_t
rs_match(void *rule, const struct prefix *prefix, void *object)
{
	const enum rs_role *dest = rule;
	struct bgp_path_info *tmp = object;
	struct bgp_path_info *best;
	struct bgp_table *table;
	struct rs_verdict v;

	if (!tmp->net)
		return RMAP_NOMATCH;
	table = bgp_dest_table(tmp->net);
	best = rs_announced_path(tmp->net);
	if (!table || !table->bgp || !best)
		return RMAP_NOMATCH;

	v = rs_verdict_for(table->bgp, best, *dest);
	if (!v.allow)
		rs_log_suppressed(prefix, best->peer, *dest, v.reason);
	return v.allow ? RMAP_NOMATCH : RMAP_MATCH;
}

static void *rs_match_compile(const char *arg)
{
	enum rs_role role, *rule;

	if (!rs_role_parse(arg, &role))
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

void rs_rmap_init(void)
{
	route_map_install_match(&rs_match_cmd);

	for (unsigned int r = RS_ROLE_NONE + 1; r < RS_ROLE_COUNT; r++) {
		struct route_map *map = route_map_get(map_names[r]);
		struct route_map_index *index;

		index = route_map_index_get(map, RMAP_PERMIT, 10);
		if (route_map_add_match(index, RS_RULE_NAME, rs_role_name(r),
					RMAP_EVENT_MATCH_ADDED) !=
		    RMAP_COMPILE_SUCCESS)
			zlog_err("route-server: cannot install route-map %s",
				 map_names[r]);
	}
}
