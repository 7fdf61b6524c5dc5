// SPDX-License-Identifier: GPL-2.0-or-later
/* "show bgp [vrf NAME] route-server [json]". */
#include <zebra.h>

#include "command.h"
#include "json.h"
#include "linklist.h"
#include "termtable.h"
#include "vty.h"
#include "lib/version.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_debug.h"
#include "bgpd/bgp_fsm.h"
#include "bgpd/bgp_updgrp.h"
#include "bgpd/bgp_vty.h"

#include "rs_adjout.h"
#include "rs_audit.h"
#include "rs_audit_vty.h"
#include "rs_compat.h"
#include "rs_implied.h"
#include "rs_instance.h"
#include "rs_show.h"
#include "rs_warn.h"

#ifndef VTYSH_EXTRACT_PL
#include "frr-module/bgpd/rs_show_clippy.c"
#endif

static const char *peer_state(const struct peer *peer)
{
	return lookup_msg(bgp_status_msg, rs_peer_status(peer), NULL);
}

/* The remote AS, also for "remote-as internal" before the session is up. */
static as_t rs_remote_as(const struct peer *peer)
{
	if (!peer->as && peer->as_type == AS_INTERNAL)
		return peer->bgp->as;
	return peer->as;
}

/* Azure's per-peer metrics: routes learned from and advertised to it. */
static void route_counts(struct peer *peer, uint32_t *learned,
			 uint32_t *advertised)
{
	afi_t afi;

	*learned = *advertised = 0;
	for (afi = AFI_IP; afi <= AFI_IP6; afi++) {
		struct update_subgroup *subgrp = rs_peer_subgroup(peer, afi);

		*learned += peer->pcount[afi][SAFI_UNICAST];
		if (subgrp)
			*advertised += subgrp->scount;
	}
}

/* The received-route limit bgpd enforces on PEER (IPv4 unicast). */
struct peer_limit {
	uint32_t max;  /* 0: none */
	bool own;      /* the operator's "neighbor X maximum-prefix" */
	bool exceeded; /* closed for it, waiting for the restart timer */
};

static struct peer_limit peer_limit(const struct peer *peer)
{
	struct peer_limit l = {};

	if (!CHECK_FLAG(peer->af_flags[AFI_IP][SAFI_UNICAST],
			PEER_FLAG_MAX_PREFIX))
		return l;
	l.max = peer->pmax[AFI_IP][SAFI_UNICAST];
	/* slot 0 of rs_slots is IPv4 unicast */
	l.own = !rs_implied_owns(peer, 0, PEER_FLAG_MAX_PREFIX);
	l.exceeded = CHECK_FLAG(peer->sflags, PEER_STATUS_PREFIX_OVERFLOW);
	return l;
}

static void warn_json(const char *text, void *arg)
{
	json_object_array_add(arg, json_object_new_string(text));
}

static void warn_text(const char *text, void *arg)
{
	vty_out(arg, "  %s\n", text);
}

/* One role peer: an element of PEERS, or without them a row of TT. */
static void show_peer(struct ttable *tt, json_object *peers,
		      const struct rs_instance *rsi, struct peer *peer,
		      enum rs_role role)
{
	const char *name = peer->conf_if ? peer->conf_if : peer->host;
	struct peer_limit lim = peer_limit(peer);
	uint32_t learned, advertised;
	json_object *jp;

	route_counts(peer, &learned, &advertised);
	if (!peers) {
		char limit[32] = "-";

		if (lim.max)
			snprintf(limit, sizeof(limit), "%u%s%s", lim.max,
				 lim.own ? " (own)" : "",
				 lim.exceeded ? " EXCEEDED" : "");
		ttable_add_row(tt, "%s|%s|%u|%s|%u|%u|%s", name,
			       rs_role_name(role), rs_remote_as(peer),
			       peer_state(peer), learned, advertised, limit);
		return;
	}
	jp = json_object_new_object();
	json_object_string_add(jp, "neighbor", name);
	json_object_string_add(jp, "role", rs_role_name(role));
	json_object_int_add(jp, "remoteAs", rs_remote_as(peer));
	json_object_string_add(jp, "state", peer_state(peer));
	json_object_int_add(jp, "routesLearned", learned);
	json_object_int_add(jp, "routesAdvertised", advertised);
	json_object_int_add(jp, "weight", peer->weight[AFI_IP][SAFI_UNICAST]);
	if (lim.max) {
		json_object_int_add(jp, "receivedRouteLimit", lim.max);
		json_object_string_add(jp, "receivedRouteLimitBy",
				       lim.own ? "neighborMaximumPrefix"
					       : "routeServer");
		json_object_boolean_add(jp, "receivedRouteLimitExceeded",
					lim.exceeded);
	}
	if (role == RS_ROLE_EXPRESSROUTE_GW) {
		json_object_int_add(jp, "advertisedRouteLimit",
				    rsi->limits.er_advertised);
		json_object_boolean_add(jp, "advertisedRouteLimitReached",
					rsi->er_withheld);
	}
	if (peer->group)
		json_object_string_add(jp, "peerGroup", peer->group->name);
	if (CHECK_FLAG(peer->flags, PEER_FLAG_DYNAMIC_NEIGHBOR))
		json_object_boolean_true_add(jp, "dynamic");
	json_object_array_add(peers, jp);
}
/* The instance's settings and role peers: text, or JSON when JSON is set. */
static void show_instance(struct vty *vty, struct bgp *bgp,
			  struct rs_instance *rsi, json_object *json)
{
	const struct rs_limits *l = &rsi->limits;
	json_object *peers = NULL, *warnings = NULL;
	struct ttable *tt = NULL;
	struct listnode *node;
	struct peer *peer;
	unsigned int warned;

	if (json) {
		/* the FRR tree's: configure checked it matches bgpd */
		json_object_string_add(json, "frrVersion", FRR_VERSION);
		json_object_string_add(json, "vrfName", bgp->name_pretty);
		json_object_int_add(json, "localAs", bgp->as);
		json_object_string_addf(json, "routerId", "%pI4",
					&bgp->router_id);
		json_object_boolean_add(json, "allowBranchToBranch",
					rsi->branch_to_branch);
		json_object_string_add(json, "routingPreference",
				       rs_preference_name(rsi->preference));
		json_object_int_add(json, "receivedRouteLimit", l->received);
		json_object_int_add(json, "receivedRouteRestartMinutes",
				    l->restart);
		json_object_int_add(json, "expressrouteAdvertisedLimit",
				    l->er_advertised);
		json_object_int_add(json, "maximumRolePeers", l->role_peers);
		json_object_int_add(json, "rolePeers",
				    rs_role_peers_total(rsi));
		rs_audit_show_periodic(vty, bgp, json);
		peers = json_object_new_array();
		warnings = json_object_new_array();
	} else {
		vty_out(vty,
			"Route server, %s: local AS %u, router-id %pI4 (FRR %s)\n",
			bgp->name_pretty, bgp->as, &bgp->router_id,
			FRR_VERSION);
		vty_out(vty, "Branch-to-branch: %s; routing preference: %s\n",
			rsi->branch_to_branch ? "allowed" : "not allowed",
			rs_preference_name(rsi->preference));
		vty_out(vty,
			"Limits: %u routes received per role peer (restart after %u min), "
			"%u advertised to expressroute gateways, %u of %u role peers\n\n",
			l->received, l->restart, l->er_advertised,
			rs_role_peers_total(rsi), l->role_peers);
		tt = ttable_new(&ttable_styles[TTSTYLE_BLANK]);
		/* flush left, two spaces between columns */
		tt->style.indent = 0;
		tt->style.cell.rpad = 2;
		ttable_restyle(tt);
		ttable_add_row(
			tt, "Neighbor|Role|AS|State|Learned|Advertised|Limit");
	}

	for (ALL_LIST_ELEMENTS_RO(bgp->peer, node, peer)) {
		enum rs_role role = rs_listed_role(rsi, peer);

		if (role != RS_ROLE_NONE)
			show_peer(tt, peers, rsi, peer, role);
	}

	if (json) {
		json_object_object_add(json, "peers", peers);
		rs_warnings(rsi, warn_json, warnings);
		rs_audit_warnings(rsi, warn_json, warnings);
		json_object_object_add(json, "warnings", warnings);
		vty_json(vty, json);
		return;
	}
	if (tt->nrows > 1) {
		char *out = ttable_dump(tt, "\n");

		vty_out(vty, "%s", out);
		XFREE(RS_MTYPE_TTABLE_DUMP, out);
	} else {
		vty_out(vty, "No role peers\n");
	}
	ttable_del(tt);
	if (rsi->er_withheld)
		vty_out(vty,
			"\nExpressRoute gateways: advertised-route limit %u reached, "
			"learned routes withheld\n",
			l->er_advertised);
	vty_out(vty, "\n");
	rs_audit_show_periodic(vty, bgp, NULL);
	vty_out(vty, "\nWarnings:\n");
	warned = rs_warnings(rsi, warn_text, vty);
	warned += rs_audit_warnings(rsi, warn_text, vty);
	if (!warned)
		vty_out(vty, "  none\n");
}

void rs_show_json_warning(struct vty *vty, const char *warning)
{
	json_object *json = json_object_new_object();

	json_object_string_add(json, "warning", warning);
	vty_json(vty, json);
}

struct bgp *rs_show_bgp(struct vty *vty, const char *vrf_name, bool uj)
{
	struct bgp *bgp;

	if (vrf_name && strcmp(vrf_name, VRF_DEFAULT_NAME) != 0)
		bgp = bgp_lookup_by_name(vrf_name);
	else
		bgp = bgp_get_default();
	if (!bgp && uj)
		rs_show_json_warning(vty, "No such BGP instance");
	else if (!bgp)
		vty_out(vty, "%% No BGP instance %s\n",
			vrf_name ? vrf_name : "(default)");
	return bgp;
}

DEFPY(show_rs, show_rs_cmd,
      "show bgp [vrf NAME$vrf_name] route-server [json$uj]",
      SHOW_STR BGP_STR VRF_CMD_HELP_STR RS_SHOW_STR JSON_STR)
{
	struct bgp *bgp = rs_show_bgp(vty, vrf_name, !!uj);

	if (!bgp)
		return CMD_WARNING;
	/* an instance without route-server settings shows the defaults */
	show_instance(vty, bgp, rs_instance_get(bgp),
		      uj ? json_object_new_object() : NULL);
	return CMD_SUCCESS;
}

void rs_show_init(void)
{
	install_element(VIEW_NODE, &show_rs_cmd);
}
