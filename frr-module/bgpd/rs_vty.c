// SPDX-License-Identifier: GPL-2.0-or-later
/* Route-server configuration commands and their running-config lines. */
#include <zebra.h>

#include "command.h"
#include "debug.h"
#include "linklist.h"
#include "vty.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_vty.h"

#include "routeserver/policy.h"
#include "routeserver/validate.h"

#include "rs_bind.h"
#include "rs_cmdguard.h"
#include "rs_erlimit.h"
#include "rs_held.h"
#include "rs_instance.h"
#include "rs_log.h"
#include "rs_vty.h"
#include "rs_warn.h"

#define RS_STR "Route server (Azure Route Server style)\n"
#define RS_ROLE_HELP                                                           \
	"Route-server role of this neighbor\n"                                 \
	"ExpressRoute gateway (iBGP in AS 65515 on Azure)\n"                   \
	"VPN gateway instance (iBGP in AS 65515; active-active: two)\n"        \
	"Network virtual appliance (eBGP)\n"

#ifndef VTYSH_EXTRACT_PL
#include "frr-module/bgpd/rs_vty_clippy.c"
#endif

/* Re-evaluates everything a role change can affect. */
static void rs_apply(struct rs_instance *rsi)
{
	rs_bind_all(rsi);
	/* in every instance: routes leaked from RSI's (import vrf, VPN) are
	 * decided by the role of the peer in RSI they came from
	 */
	rs_instance_foreach(rs_reannounce_role_peers);
	rs_warn_log(rsi);
}

static void log_verdict_change(enum rs_source_kind kind, enum rs_role source,
			       enum rs_role dest, struct rs_verdict now,
			       void *arg)
{
	struct bgp *bgp = arg;

	zlog_debug("route-server: %s: verdict %s -> %s is now %s (%s)",
		   bgp->name_pretty, rs_source_name(kind, source),
		   rs_role_name(dest), now.allow ? "advertise" : "suppress",
		   rs_reason_text(now.reason));
}

DEFPY(rs_b2b, rs_b2b_cmd, "[no$no] route-server allow-branch-to-branch",
      NO_STR RS_STR
      "Exchange routes between NVAs and gateways, and between ExpressRoute and VPN gateways\n")
{
	VTY_DECLVAR_CONTEXT(bgp, bgp);
	struct rs_instance *rsi = rs_instance_get(bgp);
	bool on = !no;

	if (rsi->branch_to_branch == on)
		return CMD_SUCCESS;
	rsi->branch_to_branch = on;
	if (rs_debugging()) {
		zlog_debug("route-server: %s: branch-to-branch %s",
			   bgp->name_pretty, on ? "on" : "off");
		rs_policy_knob_changes(!on, on, log_verdict_change, bgp);
	}
	rs_reannounce_role_peers(rsi);
	return CMD_SUCCESS;
}

/* Facts the core's validation needs about a neighbor or peer-group. */
void rs_neighbor_facts_get(struct bgp *bgp, const struct peer *conf,
			   struct rs_neighbor_facts *facts)
{
	enum rs_as_kind kind = RS_AS_UNSET;

	/* (an if chain: 8.4's as_type is an int, 10.3's an enum of flags) */
	if (conf->as_type == AS_SPECIFIED)
		kind = RS_AS_NUMBER;
	else if (conf->as_type == AS_INTERNAL)
		kind = RS_AS_INTERNAL;
	else if (conf->as_type == AS_EXTERNAL)
		kind = RS_AS_EXTERNAL;
#if RS_FRR_VERSION >= 1003
	/* auto: bgpd adds internal or external once the peer's OPEN came */
	if (CHECK_FLAG(conf->as_type, AS_AUTO))
		kind = RS_AS_AUTO;
#endif
	*facts = rs_facts_make(CHECK_FLAG(conf->sflags, PEER_STATUS_GROUP),
			       kind, conf->as, bgp->as);
}

#define RS_ADVMAP_ERR                                                          \
	"has an advertise-map, which route-server role peers cannot have"

/* Members that their group's role would make invalid. */
static const char *group_member_check(struct bgp *bgp, struct peer *conf,
				      enum rs_role role, struct peer **bad)
{
	struct listnode *node;
	struct peer *member;
	struct rs_neighbor_facts facts;
	const char *err;

	for (ALL_LIST_ELEMENTS_RO(conf->group->peer, node, member)) {
		rs_neighbor_facts_get(bgp, member, &facts);
		err = rs_role_check(role, &facts);
		if (!err && rs_bind_blocked(member))
			err = RS_ADVMAP_ERR;
		if (err) {
			*bad = member;
			return err;
		}
	}
	return NULL;
}

/* How many listed neighbors a role on CONF would make role peers. */
static unsigned int role_peers_added(const struct rs_instance *rsi,
				     struct peer *conf)
{
	struct listnode *node;
	struct peer *member;
	unsigned int added = 0;

	if (!CHECK_FLAG(conf->sflags, PEER_STATUS_GROUP))
		return CHECK_FLAG(conf->flags, PEER_FLAG_CONFIG_NODE) &&
		       rs_listed_role(rsi, conf) == RS_ROLE_NONE;
	for (ALL_LIST_ELEMENTS_RO(conf->group->peer, node, member))
		if (CHECK_FLAG(member->flags, PEER_FLAG_CONFIG_NODE) &&
		    rs_listed_role(rsi, member) == RS_ROLE_NONE)
			added++;
	return added;
}

/*
 * Whether ROLE (R) is refused to CONF, the neighbor or group NEIGHBOR; the
 * "%" answer says why.
 */
static bool role_refused(struct vty *vty, struct bgp *bgp, struct peer *conf,
			 enum rs_role r, const char *neighbor, const char *role)
{
	struct rs_neighbor_facts facts;
	struct rs_instance *rsi;
	struct peer *bad = NULL;
	const char *err;
	char as[32];
	afi_t afi;
	safi_t safi;

	/* fail closed: no role without every guard on bgpd's commands */
	if (rs_cmdguard_missing()) {
		vty_out(vty,
			"%% Cannot give %s role %s: route-server roles are refused, bgpd's command %s could not be guarded (not found in this bgpd)\n",
			neighbor, role, rs_cmdguard_missing());
		return true;
	}
	rs_neighbor_facts_get(bgp, conf, &facts);
	err = rs_role_check(r, &facts);
	if (!err && facts.is_peer_group)
		err = group_member_check(bgp, conf, r, &bad);
	if (err) {
		if (bad)
			vty_out(vty,
				"%% Cannot give peer-group %s role %s: member %s: %s\n",
				neighbor, role, bad->host, err);
		else
			vty_out(vty, "%% Cannot give %s role %s (%s): %s\n",
				neighbor, role,
				rs_facts_as_text(&facts, as, sizeof(as)), err);
		return true;
	}
	/* VPN, EVPN, flowspec...: bgpd's "bgp default" knobs activate new
	 * neighbors and peer-groups in them
	 */
	bad = (struct peer *)rs_unbound_family_peer(conf, &afi, &safi);
	if (bad) {
		vty_out(vty,
			"%% Cannot give %s role %s: %s%s is activated in %s%s: " RS_UNBOUND_FAMILY_ERR
			"\n",
			neighbor, role, bad == conf ? "" : "member ",
			bad == conf ? "it" : bad->host,
			get_afi_safi_str(afi, safi, false),
			bgp->default_af[afi][safi]
				? " (bgp default activates new neighbors in it)"
				: "");
		return true;
	}
	if (rs_bind_blocked(conf)) {
		vty_out(vty, "%% %s " RS_ADVMAP_ERR "; remove it first\n",
			neighbor);
		return true;
	}
	rsi = rs_instance_find(bgp);
	if (rsi &&
	    !rs_limits_role_peers_fit(&rsi->limits, rs_role_peers_total(rsi),
				      role_peers_added(rsi, conf))) {
		vty_out(vty,
			"%% Cannot give %s role %s: the instance has %u role peers, its limit (route-server maximum-role-peers)\n",
			neighbor, role, rsi->limits.role_peers);
		return true;
	}

	return false;
}

DEFPY(rs_neighbor_role, rs_neighbor_role_cmd,
      "neighbor <A.B.C.D|X:X::X:X|WORD>$neighbor route-server role <expressroute-gateway|vpn-gateway|nva>$role",
      NEIGHBOR_STR NEIGHBOR_ADDR_STR2 RS_STR RS_ROLE_HELP)
{
	VTY_DECLVAR_CONTEXT(bgp, bgp);
	struct rs_instance *rsi;
	struct peer *conf;
	enum rs_role r;

	if (!rs_role_parse(role, &r)) {
		vty_out(vty, "%% Unknown route-server role %s\n", role);
		return CMD_WARNING_CONFIG_FAILED;
	}
	conf = peer_and_group_lookup_vty(vty, neighbor);
	if (!conf)
		return CMD_WARNING_CONFIG_FAILED;
	if (role_refused(vty, bgp, conf, r, neighbor, role)) {
		/* a new neighbor is not left to plain bgpd: fail closed */
		if (rs_held_refused(conf, r)) {
			vty_out(vty,
				"%% %s is held back: nothing is advertised to it and its routes go to no role peer, until it gets a role or 'no neighbor %s route-server role'\n",
				neighbor, neighbor);
			rs_apply(rs_instance_get(bgp));
		}
		return CMD_WARNING_CONFIG_FAILED;
	}

	rsi = rs_instance_get(bgp);
	rs_role_set(rsi, conf, r); /* rs_apply's binding lets a held one go */
	if (rs_debugging())
		zlog_debug("route-server: %s: neighbor %s role %s",
			   bgp->name_pretty, neighbor, role);
	rs_apply(rsi);
	return CMD_SUCCESS;
}

DEFPY(no_rs_neighbor_role, no_rs_neighbor_role_cmd,
      "no neighbor <A.B.C.D|X:X::X:X|WORD>$neighbor route-server role [<expressroute-gateway|vpn-gateway|nva>$role]",
      NO_STR NEIGHBOR_STR NEIGHBOR_ADDR_STR2 RS_STR RS_ROLE_HELP)
{
	VTY_DECLVAR_CONTEXT(bgp, bgp);
	struct rs_instance *rsi = rs_instance_find(bgp);
	struct rs_role_entry *entry;
	struct peer *conf;
	enum rs_role r;

	conf = peer_and_group_lookup_vty(vty, neighbor);
	if (!conf)
		return CMD_WARNING_CONFIG_FAILED;
	if (rs_held_release(conf)) {
		rs_apply(rs_instance_get(bgp));
		return CMD_SUCCESS;
	}
	entry = rsi ? rs_role_entry_find(rsi, conf) : NULL;
	if (!entry || entry->role == RS_ROLE_NONE) {
		enum rs_role inherited =
			rsi ? rs_peer_role(rsi, conf) : RS_ROLE_NONE;

		/* like bgpd's own "no" forms: no role, nothing to do */
		if (inherited == RS_ROLE_NONE)
			return CMD_SUCCESS;
		/* the group's role: this command would change nothing */
		vty_out(vty,
			"%% %s has route-server role %s through peer-group %s: remove it from the group, or give the neighbor its own role\n",
			neighbor, rs_role_name(inherited), conf->group->name);
		return CMD_WARNING_CONFIG_FAILED;
	}
	if (role && rs_role_parse(role, &r) && r != entry->role) {
		vty_out(vty, "%% %s has route-server role %s, not %s\n",
			neighbor, rs_role_name(entry->role), role);
		return CMD_WARNING_CONFIG_FAILED;
	}
	if (rs_debugging())
		zlog_debug("route-server: %s: neighbor %s role %s removed",
			   bgp->name_pretty, neighbor,
			   rs_role_name(entry->role));
	rs_role_unset(rsi, conf);
	rs_apply(rsi);
	return CMD_SUCCESS;
}

DEFPY(rs_preference, rs_preference_cmd,
      "route-server routing-preference <expressroute|vpn-gateway|as-path>$pref",
      RS_STR
      "Which kind of source wins for a prefix learned from several (Azure's hub routing preference)\n"
      "ExpressRoute gateway routes first (default)\n"
      "VPN gateway and NVA routes first\n"
      "Shortest AS path, whatever the source\n")
{
	VTY_DECLVAR_CONTEXT(bgp, bgp);
	struct rs_instance *rsi = rs_instance_get(bgp);
	enum rs_preference p;

	if (!rs_preference_parse(pref, &p)) {
		vty_out(vty, "%% Unknown routing preference %s\n", pref);
		return CMD_WARNING_CONFIG_FAILED;
	}
	if (rsi->preference == p)
		return CMD_SUCCESS;
	rsi->preference = p;
	if (rs_debugging())
		zlog_debug("route-server: %s: routing preference %s",
			   bgp->name_pretty, pref);
	rs_bind_all(rsi); /* new weights; bgpd re-reads the routes */
	return CMD_SUCCESS;
}

DEFPY(no_rs_preference, no_rs_preference_cmd,
      "no route-server routing-preference [<expressroute|vpn-gateway|as-path>]",
      NO_STR RS_STR
      "Which kind of source wins for a prefix learned from several (Azure's hub routing preference)\n"
      "ExpressRoute gateway routes first (default)\n"
      "VPN gateway and NVA routes first\n"
      "Shortest AS path, whatever the source\n")
{
	VTY_DECLVAR_CONTEXT(bgp, bgp);
	struct rs_instance *rsi = rs_instance_find(bgp);

	if (!rsi || rsi->preference == RS_PREFERENCE_EXPRESSROUTE)
		return CMD_SUCCESS;
	rsi->preference = RS_PREFERENCE_EXPRESSROUTE;
	rs_bind_all(rsi);
	return CMD_SUCCESS;
}

DEFPY(rs_max_prefix, rs_max_prefix_cmd,
      "[no$no] route-server maximum-prefix ![(1-4294967295)$max [restart (1-65535)$restart]]",
      NO_STR RS_STR
      "Routes accepted from each role peer; above it the session is closed (Cease, maximum number of prefixes reached)\n"
      "Routes (default 4000, Azure's)\n"
      "Minutes before the closed session may come back\n"
      "Minutes (default 1)\n")
{
	VTY_DECLVAR_CONTEXT(bgp, bgp);
	struct rs_instance *rsi;
	struct rs_limits def = rs_limits_default();

	rsi = rs_instance_get(bgp);
	rsi->limits.received = no ? def.received : max;
	rsi->limits.restart = no || !restart_str ? def.restart : restart;
	rs_bind_all(rsi);
	return CMD_SUCCESS;
}

DEFPY(rs_neighbor_max_prefix, rs_neighbor_max_prefix_cmd,
      "[no$no] neighbor <A.B.C.D|X:X::X:X|WORD>$neighbor route-server maximum-prefix ![(1-4294967295)$max]",
      NO_STR NEIGHBOR_STR NEIGHBOR_ADDR_STR2 RS_STR
      "This neighbor's (or peer-group's) limit on routes accepted, instead of the instance's\n"
      "Routes\n")
{
	VTY_DECLVAR_CONTEXT(bgp, bgp);
	struct peer *conf;

	conf = peer_and_group_lookup_vty(vty, neighbor);
	if (!conf)
		return CMD_WARNING_CONFIG_FAILED;
	if (no && !rs_instance_find(bgp))
		return CMD_SUCCESS;
	rs_role_max_routes_set(rs_instance_get(bgp), conf, no ? 0 : max);
	rs_bind_all(rs_instance_get(bgp));
	return CMD_SUCCESS;
}

DEFPY(rs_er_limit, rs_er_limit_cmd,
      "[no$no] route-server expressroute-advertise-limit ![(1-4294967295)$max]",
      NO_STR RS_STR
      "Routes advertised to each ExpressRoute gateway; learned routes above it are withheld\n"
      "Routes (default 1000, Azure's)\n")
{
	VTY_DECLVAR_CONTEXT(bgp, bgp);
	struct rs_instance *rsi;

	rsi = rs_instance_get(bgp);
	rsi->limits.er_advertised =
		no ? rs_limits_default().er_advertised : max;
	rs_erlimit_reset(rsi);
	return CMD_SUCCESS;
}

DEFPY(rs_max_role_peers, rs_max_role_peers_cmd,
      "[no$no] route-server maximum-role-peers ![(1-4294967295)$max]",
      NO_STR RS_STR
      "Role peers the instance accepts (configured neighbors)\n"
      "Peers (default 8, Azure's)\n")
{
	VTY_DECLVAR_CONTEXT(bgp, bgp);
	struct rs_instance *rsi;
	uint32_t want = no ? rs_limits_default().role_peers : max;
	unsigned int have;

	rsi = rs_instance_get(bgp);
	have = rs_role_peers_total(rsi);
	if (have > want) {
		vty_out(vty,
			"%% The instance has %u role peers, more than %u: remove roles first\n",
			have, want);
		return CMD_WARNING_CONFIG_FAILED;
	}
	rsi->limits.role_peers = want;
	return CMD_SUCCESS;
}

DEFPY(rs_debug_cmd, rs_debug_cmd_cmd, "[no$no] debug bgp route-server",
      NO_STR DEBUG_STR BGP_STR RS_STR)
{
	rs_debug_set(DEBUG_NODE2MODE(vty->node), !no);
	return CMD_SUCCESS;
}

static void config_write_role(struct vty *vty, struct rs_instance *rsi,
			      struct peer *conf)
{
	const struct rs_role_entry *entry = rs_role_entry_find(rsi, conf);

	if (entry && entry->role != RS_ROLE_NONE)
		vty_out(vty, " neighbor %s route-server role %s\n",
			rs_conf_name(conf), rs_role_name(entry->role));
	if (entry && entry->max_routes)
		vty_out(vty, " neighbor %s route-server maximum-prefix %u\n",
			rs_conf_name(conf), entry->max_routes);
}

/* The instance's settings that differ from Azure's defaults. */
static void config_write_limits(struct vty *vty, const struct rs_instance *rsi)
{
	struct rs_limits def = rs_limits_default();
	const struct rs_limits *l = &rsi->limits;

	if (rsi->preference != RS_PREFERENCE_EXPRESSROUTE)
		vty_out(vty, " route-server routing-preference %s\n",
			rs_preference_name(rsi->preference));
	if (l->received != def.received || l->restart != def.restart) {
		vty_out(vty, " route-server maximum-prefix %u", l->received);
		if (l->restart != def.restart)
			vty_out(vty, " restart %u", l->restart);
		vty_out(vty, "\n");
	}
	if (l->er_advertised != def.er_advertised)
		vty_out(vty, " route-server expressroute-advertise-limit %u\n",
			l->er_advertised);
	if (rsi->audit_interval != RS_AUDIT_INTERVAL_DEFAULT)
		vty_out(vty, " route-server audit-interval %u\n",
			rsi->audit_interval);
}

int rs_config_write(struct bgp *bgp, struct vty *vty)
{
	struct rs_instance *rsi = rs_instance_find(bgp);
	struct peer_group *group;
	struct listnode *node;
	struct peer *peer;

	if (!rsi)
		return 0;
	/* before the roles, which it may admit */
	if (rsi->limits.role_peers != rs_limits_default().role_peers)
		vty_out(vty, " route-server maximum-role-peers %u\n",
			rsi->limits.role_peers);
	if (rsi->branch_to_branch)
		vty_out(vty, " route-server allow-branch-to-branch\n");
	config_write_limits(vty, rsi);
	/* in bgpd's own order: groups first, as bgpd writes them */
	for (ALL_LIST_ELEMENTS_RO(bgp->group, node, group))
		config_write_role(vty, rsi, group->conf);
	for (ALL_LIST_ELEMENTS_RO(bgp->peer, node, peer))
		config_write_role(vty, rsi, peer);
	return 0;
}

void rs_vty_init(void)
{
	install_element(BGP_NODE, &rs_b2b_cmd);
	install_element(BGP_NODE, &rs_neighbor_role_cmd);
	install_element(BGP_NODE, &no_rs_neighbor_role_cmd);
	install_element(BGP_NODE, &rs_preference_cmd);
	install_element(BGP_NODE, &no_rs_preference_cmd);
	install_element(BGP_NODE, &rs_max_prefix_cmd);
	install_element(BGP_NODE, &rs_neighbor_max_prefix_cmd);
	install_element(BGP_NODE, &rs_er_limit_cmd);
	install_element(BGP_NODE, &rs_max_role_peers_cmd);
	install_element(CONFIG_NODE, &rs_debug_cmd_cmd);
	install_element(ENABLE_NODE, &rs_debug_cmd_cmd);
}
