// SPDX-License-Identifier: GPL-2.0-or-later
/* "show bgp [vrf NAME] route-server [json]". */
#include <zebra.h>

#include "command.h"
#include "json.h"
#include "linklist.h"
#include "vty.h"
#include "lib/version.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_debug.h"
#include "bgpd/bgp_fsm.h"
#include "bgpd/bgp_updgrp.h"
#include "bgpd/bgp_vty.h"

#include "rs_adjout.h"
#include "rs_compat.h"
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

static void warn_json(const char *text, void *arg)
{
	json_object_array_add(arg, json_object_new_string(text));
}

static void warn_text(const char *text, void *arg)
{
	vty_out(arg, "  %s\n", text);
}

static void show_json(struct vty *vty, struct bgp *bgp, struct rs_instance *rsi)
{
	json_object *json = json_object_new_object();
	json_object *peers = json_object_new_array();
	json_object *warnings = json_object_new_array();
	struct listnode *node;
	struct peer *peer;

	/* the FRR tree's: configure checked it matches the installed bgpd */
	json_object_string_add(json, "frrVersion", FRR_VERSION);
	json_object_string_add(json, "vrfName", bgp->name_pretty);
	json_object_int_add(json, "localAs", bgp->as);
	json_object_string_addf(json, "routerId", "%pI4", &bgp->router_id);
	json_object_boolean_add(json, "allowBranchToBranch",
				rsi && rsi->branch_to_branch);
	for (ALL_LIST_ELEMENTS_RO(bgp->peer, node, peer)) {
		enum rs_role role = rs_listed_role(rsi, peer);
		uint32_t learned, advertised;
		json_object *jp;

		if (role == RS_ROLE_NONE)
			continue;
		route_counts(peer, &learned, &advertised);
		jp = json_object_new_object();
		json_object_string_add(jp, "neighbor",
				       peer->conf_if ? peer->conf_if
						     : peer->host);
		json_object_string_add(jp, "role", rs_role_name(role));
		json_object_int_add(jp, "remoteAs", rs_remote_as(peer));
		json_object_string_add(jp, "state", peer_state(peer));
		json_object_int_add(jp, "routesLearned", learned);
		json_object_int_add(jp, "routesAdvertised", advertised);
		if (peer->group)
			json_object_string_add(jp, "peerGroup",
					       peer->group->name);
		if (CHECK_FLAG(peer->flags, PEER_FLAG_DYNAMIC_NEIGHBOR))
			json_object_boolean_true_add(jp, "dynamic");
		json_object_array_add(peers, jp);
	}
	json_object_object_add(json, "peers", peers);
	if (rsi)
		rs_warnings(rsi, warn_json, warnings);
	json_object_object_add(json, "warnings", warnings);
	vty_json(vty, json);
}

static void show_text(struct vty *vty, struct bgp *bgp, struct rs_instance *rsi)
{
	struct listnode *node;
	struct peer *peer;

	vty_out(vty, "Route server, %s: local AS %u, router-id %pI4 (FRR %s)\n",
		bgp->name_pretty, bgp->as, &bgp->router_id, FRR_VERSION);
	vty_out(vty, "Branch-to-branch: %s\n\n",
		rsi && rsi->branch_to_branch ? "allowed" : "not allowed");
	vty_out(vty, "%-25s %-21s %10s %-12s %8s %10s\n", "Neighbor", "Role",
		"AS", "State", "Learned", "Advertised");
	for (ALL_LIST_ELEMENTS_RO(bgp->peer, node, peer)) {
		enum rs_role role = rs_listed_role(rsi, peer);
		uint32_t learned, advertised;

		if (role == RS_ROLE_NONE)
			continue;
		route_counts(peer, &learned, &advertised);
		vty_out(vty, "%-25s %-21s %10u %-12s %8u %10u\n",
			peer->conf_if ? peer->conf_if : peer->host,
			rs_role_name(role), rs_remote_as(peer),
			peer_state(peer), learned, advertised);
	}
	if (rsi) {
		vty_out(vty, "\nWarnings:\n");
		if (!rs_warnings(rsi, warn_text, vty))
			vty_out(vty, "  none\n");
	}
}

struct bgp *rs_show_bgp(struct vty *vty, const char *vrf_name, bool uj)
{
	struct bgp *bgp;

	if (vrf_name && strcmp(vrf_name, VRF_DEFAULT_NAME) != 0)
		bgp = bgp_lookup_by_name(vrf_name);
	else
		bgp = bgp_get_default();
	if (!bgp && uj)
		vty_out(vty, "{}\n");
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
	if (uj)
		show_json(vty, bgp, rs_instance_find(bgp));
	else
		show_text(vty, bgp, rs_instance_find(bgp));
	return CMD_SUCCESS;
}

void rs_show_init(void)
{
	install_element(VIEW_NODE, &show_rs_cmd);
}
