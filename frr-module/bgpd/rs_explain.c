// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * "show bgp [vrf NAME] route-server explain PREFIX [json]": for one prefix,
 * the best path's source and its role, and for every role peer the module's
 * verdict on it with its reason, the path the peer's role gets (rs_alt.c:
 * the best path or the best allowed alternative), next to what bgpd really
 * advertises to the peer (its adjacency-out, after the operator's policy
 * too).
 */
#include <zebra.h>

#include "command.h"
#include "json.h"
#include "linklist.h"
#include "prefix.h"
#include "vty.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_aspath.h"
#include "bgpd/bgp_attr.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_table.h"
#include "bgpd/bgp_vty.h"

#include "rs_adjout.h"
#include "rs_alt.h"
#include "rs_erlimit.h"
#include "rs_explain.h"
#include "rs_instance.h"
#include "rs_rmap.h"
#include "rs_show.h"

#ifndef VTYSH_EXTRACT_PL
#include "frr-module/bgpd/rs_explain_clippy.c"
#endif

/*
 * The candidate paths bgpd chose from, with what the routing preference
 * and Azure compare: weight, then AS-path length. JSON NULL: text.
 */
/*
 * Where PI comes from: its source peer's address, else "local" or
 * "unknown"; *KIND and *ROLE as rs_path_source() tells them.
 */
static const char *explain_source(const struct bgp_path_info *pi,
				  enum rs_source_kind *kind, enum rs_role *role)
{
	const struct peer *origin;

	*kind = rs_path_source(pi, role, &origin);
	return origin ? origin->host : rs_source_name(*kind, *role);
}

static void explain_paths(struct vty *vty, struct bgp_dest *dest,
			  json_object *json)
{
	json_object *paths = json ? json_object_new_array() : NULL;
	struct bgp_path_info *pi;

	if (!json)
		vty_out(vty, "%-25s %-21s %6s %7s\n", "Path from", "Role",
			"Weight", "AS path");
	for (pi = bgp_dest_get_bgp_path_info(dest); pi; pi = pi->next) {
		enum rs_role role;
		enum rs_source_kind kind;
		const char *from = explain_source(pi, &kind, &role);
		bool best = CHECK_FLAG(pi->flags, BGP_PATH_SELECTED);
		unsigned int hops = aspath_count_hops(pi->attr->aspath);
		json_object *jp;

		if (!CHECK_FLAG(pi->flags, BGP_PATH_VALID))
			continue;
		if (!json) {
			vty_out(vty, "%-25s %-21s %6u %7u%s\n", from,
				rs_source_name(kind, role), pi->attr->weight,
				hops, best ? "  best" : "");
			continue;
		}
		jp = json_object_new_object();
		json_object_string_add(jp, "sourcePeer", from);
		json_object_string_add(jp, "sourceRole",
				       rs_source_name(kind, role));
		json_object_int_add(jp, "weight", pi->attr->weight);
		json_object_int_add(jp, "asPathLength", hops);
		json_object_boolean_add(jp, "best", best);
		json_object_array_add(paths, jp);
	}
	if (json)
		json_object_object_add(json, "paths", paths);
	else
		vty_out(vty, "\n");
}

/* "10.0.0.12 (alternative)": where PATH, a role peer's path, comes from. */
static void explain_path_from(const struct bgp_path_info *path, char *buf,
			      size_t size)
{
	enum rs_role role;
	enum rs_source_kind kind;

	if (!path) {
		snprintf(buf, size, "-");
		return;
	}
	snprintf(buf, size, "%s%s", explain_source(path, &kind, &role),
		 CHECK_FLAG(path->flags, BGP_PATH_SELECTED) ? ""
							    : " (alternative)");
}

/* "path": the source of the path a role peer gets, or null. */
static void explain_path_json(json_object *jp, const struct bgp_path_info *path)
{
	enum rs_role role;
	enum rs_source_kind kind;
	json_object *jpath;

	if (!path) {
		json_object_object_add(jp, "path", NULL);
		return;
	}
	jpath = json_object_new_object();
	json_object_string_add(jpath, "sourcePeer",
			       explain_source(path, &kind, &role));
	json_object_string_add(jpath, "sourceRole", rs_source_name(kind, role));
	json_object_boolean_add(jpath, "best",
				CHECK_FLAG(path->flags, BGP_PATH_SELECTED));
	json_object_object_add(jp, "path", jpath);
}

static void explain(struct vty *vty, struct bgp *bgp, struct bgp_dest *dest,
		    afi_t afi, bool uj)
{
	struct rs_instance *rsi = rs_instance_find(bgp);
	struct bgp_path_info *best = rs_announced_path(dest);
	json_object *json = NULL, *peers = NULL;
	enum rs_source_kind kind;
	enum rs_role src_role;
	struct listnode *node;
	struct peer *peer;
	const char *src_peer, *selected;
	enum rs_preference pref;

	if (!best) {
		if (uj)
			rs_show_json_warning(vty, "No best path");
		else
			vty_out(vty, "%% No best path for %pFX\n",
				bgp_dest_get_prefix(dest));
		return;
	}
	src_peer = explain_source(best, &kind, &src_role);
	/* the criterion that decided (the routing preference: "Weight") */
	selected = bgp_path_selection_reason2str(dest->reason);
	pref = rsi ? rsi->preference : RS_PREFERENCE_EXPRESSROUTE;

	if (uj) {
		json = json_object_new_object();
		peers = json_object_new_array();
		json_object_string_addf(json, "prefix", "%pFX",
					bgp_dest_get_prefix(dest));
		json_object_string_add(json, "sourcePeer", src_peer);
		json_object_string_add(json, "sourceRole",
				       rs_source_name(kind, src_role));
		json_object_boolean_add(json, "allowBranchToBranch",
					rsi && rsi->branch_to_branch);
		json_object_string_add(json, "selectionReason", selected);
		json_object_string_add(json, "routingPreference",
				       rs_preference_name(pref));
		explain_paths(vty, dest, json);
	} else {
		char from[128];

		if (kind == RS_SOURCE_PEER)
			snprintf(from, sizeof(from), "from %s (%s)", src_peer,
				 rs_source_name(kind, src_role));
		else
			snprintf(from, sizeof(from), "%s",
				 kind == RS_SOURCE_LOCAL
					 ? "originated here (local)"
					 : "of unknown source");
		vty_out(vty, "%pFX: best path %s, branch-to-branch %s\n",
			bgp_dest_get_prefix(dest), from,
			rsi && rsi->branch_to_branch ? "on" : "off");
		vty_out(vty,
			"Chosen by bgpd's best-path selection (last criterion: %s), routing preference %s\n\n",
			selected, rs_preference_name(pref));
		explain_paths(vty, dest, NULL);
		vty_out(vty, "%-25s %-21s %-10s %-10s %-25s %s\n", "Neighbor",
			"Role", "Verdict", "Advertised", "Gets the path from",
			"Reason (bgpd's best path)");
	}

	for (ALL_LIST_ELEMENTS_RO(bgp->peer, node, peer)) {
		enum rs_role role = rs_listed_role(rsi, peer);
		struct bgp_path_info *path;
		struct rs_verdict v;
		char reason[128], from[64];
		bool sent;

		if (role == RS_ROLE_NONE)
			continue;
		v = rs_verdict_for(bgp, best, role, NULL);
		/* the path the peer's role may have (rs_alt.c); its own: none
		 */
		path = rs_alt_choose(bgp, dest, role);
		if (path && path->peer == peer)
			path = NULL;
		explain_path_from(path, from, sizeof(from));
		sent = rs_adj_out_attr(rs_peer_subgroup(peer, afi), dest);
		if (v.allow && role == RS_ROLE_EXPRESSROUTE_GW &&
		    afi == AFI_IP &&
		    !rs_limits_er_admit(&rsi->limits,
					rs_erlimit_advertised(peer), sent,
					kind)) {
			v.allow = false;
			v.reason = RS_REASON_ER_LIMIT;
		}
		snprintf(reason, sizeof(reason), "%s: %s -> %s",
			 rs_reason_text(v.reason),
			 rs_source_name(kind, src_role), rs_role_name(role));
		if (uj) {
			json_object *jp = json_object_new_object();

			json_object_string_add(jp, "neighbor", peer->host);
			json_object_string_add(jp, "role", rs_role_name(role));
			json_object_string_add(jp, "verdict",
					       v.allow ? "advertise"
						       : "suppress");
			json_object_string_add(jp, "reason", reason);
			json_object_string_add(jp, "reasonCode",
					       rs_reason_key(v.reason));
			json_object_boolean_add(jp, "advertised", sent);
			json_object_boolean_add(jp, "isSource",
						peer == best->peer);
			explain_path_json(jp, path);
			json_object_array_add(peers, jp);
		} else {
			vty_out(vty, "%-25s %-21s %-10s %-10s %-25s %s%s\n",
				peer->host, rs_role_name(role),
				v.allow ? "advertise" : "suppress",
				sent ? "yes" : "no", from, reason,
				peer == best->peer ? " (the source itself)"
						   : "");
		}
	}
	if (uj) {
		json_object_object_add(json, "peers", peers);
		vty_json(vty, json);
	}
}

DEFPY(show_rs_explain, show_rs_explain_cmd,
      "show bgp [vrf NAME$vrf_name] route-server explain <A.B.C.D/M|X:X::X:X/M>$prefix [json$uj]",
      SHOW_STR BGP_STR VRF_CMD_HELP_STR RS_SHOW_STR
      "Why a prefix is advertised to or suppressed for each role peer\n"
      "IPv4 prefix\n"
      "IPv6 prefix\n" JSON_STR)
{
	struct bgp *bgp = rs_show_bgp(vty, vrf_name, !!uj);
	afi_t afi = family2afi(prefix->family);
	struct bgp_dest *dest;

	if (!bgp)
		return CMD_WARNING;
	dest = bgp_node_lookup(bgp->rib[afi][SAFI_UNICAST], prefix);
	if (!dest) {
		if (uj)
			rs_show_json_warning(vty,
					     "Prefix not in the BGP table");
		else
			vty_out(vty, "%% %s is not in the BGP table\n",
				prefix_str);
		return CMD_WARNING;
	}
	explain(vty, bgp, dest, afi, !!uj);
	bgp_dest_unlock_node(dest);
	return CMD_SUCCESS;
}

void rs_explain_init(void)
{
	install_element(VIEW_NODE, &show_rs_explain_cmd);
}
