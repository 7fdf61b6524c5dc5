// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guards on bgpd's own commands.
 *
 * bgpd's command elements are static, but libfrr keeps every node's
 * elements in cmdvec. Each guard names what a command does: the nodes it is
 * installed in and its words (rs_cmd_matches(): "neighbor * interface
 * peer-group *"), so that FRR 8.4's and 10.3's strings, with their different
 * AS tokens, are found alike. Every element of bgpd's nodes that matches is
 * replaced, in every node it is installed in, with a copy whose handler
 * first checks the route-server roles and then calls bgpd's handler. The
 * command graph, and so what an operator can type, does not change; the
 * guard runs for every way a command reaches bgpd (vty, vtysh,
 * configuration file). A guard not found where bgpd 8.4 and 10.3 install it
 * is logged, and then roles are refused (rs_cmdguard_missing()): never a
 * role without its guards.
 */
#include <zebra.h>

#include "command.h"
#include "memory.h"
#include "sockunion.h"
#include "vector.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_vty.h"

#include "routeserver/validate.h"

#include "rs_bind.h"
#include "rs_cmdguard.h"
#include "rs_compat.h"
#include "rs_errors.h"
#include "rs_held.h"
#include "rs_instance.h"
#include "rs_vty.h"

DEFINE_MTYPE_STATIC(BGPD, RS_CMDGUARD, "Route-server command guard");

/* An error message for the command, or NULL to let bgpd run it. */
typedef const char *(*rs_guard_check)(struct vty *vty, struct bgp *bgp,
				      int argc, struct cmd_token *argv[],
				      char *buf, size_t len);

struct rs_guard {
	struct cmd_element el; /* bgpd's, with rs_guard_run as handler */
	const struct cmd_element *orig;
	rs_guard_check check;
	struct rs_guard *next;
};

/* Every element wrapped; the command graph holds them until bgpd exits. */
static struct rs_guard *guards;

/* The neighbor or peer-group a "neighbor WORD ..." command names, or NULL. */
static struct peer *named_conf(struct bgp *bgp, int argc,
			       struct cmd_token *argv[], const char **name)
{
	union sockunion su;
	struct peer_group *group;
	struct peer *peer;
	int idx = 0;

	if (!argv_find(argv, argc, "neighbor", &idx) || idx + 1 >= argc)
		return NULL;
	*name = argv[idx + 1]->arg;
	if (str2sockunion(*name, &su) == 0)
		return peer_lookup(bgp, &su);
	peer = peer_lookup_by_conf_if(bgp, *name);
	if (peer)
		return peer;
	group = peer_group_lookup(bgp, *name);
	return group ? group->conf : NULL;
}

/* The role that makes CONF (or, for a group, one of its members) protected. */
static enum rs_role protected_role(const struct rs_instance *rsi,
				   const struct peer *conf)
{
	enum rs_role role = rs_peer_role(rsi, conf);
	struct listnode *node;
	struct peer *member;

	if (role != RS_ROLE_NONE ||
	    !CHECK_FLAG(conf->sflags, PEER_STATUS_GROUP))
		return role;
	for (ALL_LIST_ELEMENTS_RO(conf->group->peer, node, member)) {
		role = rs_peer_role(rsi, member);
		if (role != RS_ROLE_NONE)
			return role;
	}
	return RS_ROLE_NONE;
}

/* The module binds its policy in these families (rs_slots), no other. */
static bool family_bound(afi_t afi, safi_t safi)
{
	for (size_t i = 0; i < RS_SLOT_COUNT; i++)
		if (rs_slots[i].afi == afi && rs_slots[i].safi == safi)
			return true;
	return false;
}

/* The first family PEER is activated in that the module does not bind. */
static bool unbound_family(const struct peer *peer, afi_t *afi_out,
			   safi_t *safi_out)
{
	afi_t afi;
	safi_t safi;

	FOREACH_AFI_SAFI (afi, safi) {
		if (peer->afc[afi][safi] && !family_bound(afi, safi)) {
			*afi_out = afi;
			*safi_out = safi;
			return true;
		}
	}
	return false;
}

const struct peer *rs_unbound_family_peer(const struct peer *conf, afi_t *afi,
					  safi_t *safi)
{
	struct listnode *node;
	struct peer *member;

	if (unbound_family(conf, afi, safi))
		return conf;
	if (!CHECK_FLAG(conf->sflags, PEER_STATUS_GROUP))
		return NULL;
	for (ALL_LIST_ELEMENTS_RO(conf->group->peer, node, member))
		if (unbound_family(member, afi, safi))
			return member;
	return NULL;
}

/* protected_role() of the neighbor or group the command names, if any. */
static enum rs_role named_role(struct bgp *bgp, int argc,
			       struct cmd_token *argv[], const char **name)
{
	struct peer *conf = named_conf(bgp, argc, argv, name);

	return conf ? protected_role(rs_instance_find(bgp), conf)
		    : RS_ROLE_NONE;
}

/* CONF, or a member of the group CONF, is held back (rs_held.h). */
static bool held_any(const struct peer *conf)
{
	struct listnode *node;
	struct peer *member;

	if (rs_held(conf))
		return true;
	if (CHECK_FLAG(conf->sflags, PEER_STATUS_GROUP))
		for (ALL_LIST_ELEMENTS_RO(conf->group->peer, node, member))
			if (rs_held(member))
				return true;
	return false;
}

/*
 * "[no] neighbor X advertise-map ...": never on role peers, nor on held
 * ones, whose slot is the module's too (bgpd's "no" form would count a
 * condition off that it never counted on, and stop its scanner for others).
 */
static const char *check_advertise_map(struct vty *vty, struct bgp *bgp,
				       int argc, struct cmd_token *argv[],
				       char *buf, size_t len)
{
	const char *name = NULL;
	struct peer *conf = named_conf(bgp, argc, argv, &name);
	enum rs_role role;

	if (!conf)
		return NULL;
	if (held_any(conf)) {
		snprintf(
			buf, len,
			"%s is held back (itself or a member: its route-server role was refused): advertise-map is not supported on it",
			name);
		return buf;
	}
	role = protected_role(rs_instance_find(bgp), conf);
	if (role == RS_ROLE_NONE)
		return NULL;
	snprintf(
		buf, len,
		"%s has route-server role %s (itself or a member): advertise-map is not supported on route-server role peers",
		name, rs_role_name(role));
	return buf;
}

/*
 * "neighbor X activate" in an address family the module does not bind (VPN,
 * EVPN, flowspec): never for a role peer, nor a group with a role or a
 * member with one.
 */
static const char *check_activate(struct vty *vty, struct bgp *bgp, int argc,
				  struct cmd_token *argv[], char *buf,
				  size_t len)
{
	afi_t afi = bgp_node_afi(vty);
	safi_t safi = bgp_node_safi(vty);
	const char *name = NULL;
	enum rs_role role;

	if (family_bound(afi, safi))
		return NULL;
	role = named_role(bgp, argc, argv, &name);
	if (role == RS_ROLE_NONE)
		return NULL;
	snprintf(
		buf, len,
		"%s has route-server role %s (itself or a member): it cannot be activated in %s: " RS_UNBOUND_FAMILY_ERR,
		name, rs_role_name(role), get_afi_safi_str(afi, safi, false));
	return buf;
}

/*
 * "neighbor X [interface [v6only]] peer-group G": the role the neighbor has
 * in G (its own, else G's) must stay valid with the AS it ends up with (a
 * neighbor with its own remote-as keeps internal or external, and takes G's
 * number only), no role peer is activated in a family the module does not
 * bind or inherits an advertise-map, and a new role peer must fit in the
 * instance's role-peer limit.
 */
static const char *check_peer_group_join(struct vty *vty, struct bgp *bgp,
					 int argc, struct cmd_token *argv[],
					 char *buf, size_t len)
{
	struct rs_instance *rsi = rs_instance_find(bgp);
	struct rs_neighbor_facts member = {}, gfacts, after;
	const struct rs_role_entry *own, *grp;
	const char *name = NULL, *err;
	struct peer_group *group;
	struct peer *peer;
	enum rs_role role;
	char as[32];
	afi_t afi;
	safi_t safi;
	int idx = 0;

	if (!rsi || !argv_find(argv, argc, "peer-group", &idx) ||
	    idx + 1 >= argc)
		return NULL;
	group = peer_group_lookup(bgp, argv[idx + 1]->arg);
	peer = named_conf(bgp, argc, argv, &name);
	/* a group named as the neighbor, a neighbor in another group (bgpd
	 * refuses both) or already in G (nothing changes): bgpd's to answer
	 */
	if (!group || (peer && (CHECK_FLAG(peer->sflags, PEER_STATUS_GROUP) ||
				peer->group)))
		return NULL;
	own = peer ? rs_role_entry_find(rsi, peer) : NULL;
	grp = rs_role_entry_find(rsi, group->conf);
	role = own && own->role != RS_ROLE_NONE ? own->role
	       : grp				? grp->role
						: RS_ROLE_NONE;
	if (role == RS_ROLE_NONE)
		return NULL;

	/* a neighbor the join creates has no remote-as of its own */
	if (peer)
		rs_neighbor_facts_get(bgp, peer, &member);
	rs_neighbor_facts_get(bgp, group->conf, &gfacts);
	after = rs_facts_after_join(&member, &gfacts, bgp->as);
	err = rs_role_check(role, &after);
	if (err) {
		snprintf(
			buf, len,
			"%s would have route-server role %s in peer-group %s (%s): %s",
			name, rs_role_name(role), group->name,
			rs_facts_as_text(&after, as, sizeof(as)), err);
		return buf;
	}
	/* bgpd activates the member in the group's families, and only those */
	if (unbound_family(group->conf, &afi, &safi)) {
		snprintf(
			buf, len,
			"%s would have route-server role %s in peer-group %s, which is activated in %s: " RS_UNBOUND_FAMILY_ERR,
			name, rs_role_name(role), group->name,
			get_afi_safi_str(afi, safi, false));
		return buf;
	}
	if ((!peer || rs_listed_role(rsi, peer) == RS_ROLE_NONE) &&
	    !rs_limits_role_peers_fit(&rsi->limits, rs_role_peers_total(rsi),
				      1)) {
		snprintf(
			buf, len,
			"%s would have route-server role %s in peer-group %s: the instance has %u role peers, its limit (route-server maximum-role-peers)",
			name, rs_role_name(role), group->name,
			rsi->limits.role_peers);
		return buf;
	}
	if (!rs_bind_blocked(group->conf) && !(peer && rs_bind_blocked(peer)))
		return NULL;
	snprintf(
		buf, len,
		"%s would have route-server role %s in peer-group %s, and one of them has an advertise-map: not supported on route-server role peers",
		name, rs_role_name(role), group->name);
	return buf;
}

/*
 * The facts of a neighbor or group after "remote-as AS" (the command's last
 * word); false when it is not one bgpd takes (bgpd answers it).
 */
static bool remote_as_facts(struct bgp *bgp, const char *as_str,
			    struct rs_neighbor_facts *facts)
{
	enum rs_as_kind kind = RS_AS_NUMBER;
	as_t as = 0;

	if (strcmp(as_str, "internal") == 0)
		kind = RS_AS_INTERNAL;
	else if (strcmp(as_str, "external") == 0)
		kind = RS_AS_EXTERNAL;
	else if (strcmp(as_str, "auto") == 0)
		kind = RS_AS_AUTO;
	else if (!rs_str2asn(as_str, &as))
		return false;
	*facts = rs_facts_make(false, kind, as, bgp->as);
	return true;
}

/*
 * "neighbor X [interface [v6only]] remote-as AS": a role stays valid. bgpd
 * gives a group's AS to every member, so a group's members' own roles are
 * checked too.
 */
static const char *check_remote_as(struct vty *vty, struct bgp *bgp, int argc,
				   struct cmd_token *argv[], char *buf,
				   size_t len)
{
	struct rs_instance *rsi = rs_instance_find(bgp);
	const char *name = NULL, *err = NULL;
	struct peer *conf = named_conf(bgp, argc, argv, &name);
	struct rs_neighbor_facts facts = {};
	struct peer *bad = NULL, *member;
	struct listnode *node;
	enum rs_role role;
	char as[32];

	if (!rsi || !conf || !remote_as_facts(bgp, argv[argc - 1]->arg, &facts))
		return NULL;
	role = rs_peer_role(rsi, conf);
	if (role != RS_ROLE_NONE)
		err = rs_role_check(role, &facts);
	if (!err && CHECK_FLAG(conf->sflags, PEER_STATUS_GROUP)) {
		for (ALL_LIST_ELEMENTS_RO(conf->group->peer, node, member)) {
			role = rs_peer_role(rsi, member);
			if (role == RS_ROLE_NONE)
				continue;
			err = rs_role_check(role, &facts);
			if (err) {
				bad = member;
				break;
			}
		}
	}
	if (!err)
		return NULL;
	rs_facts_as_text(&facts, as, sizeof(as));
	if (bad)
		snprintf(buf, len,
			 "%s (%s): member %s has route-server role %s: %s",
			 name, as, bad->host, rs_role_name(role), err);
	else
		snprintf(buf, len, "%s has route-server role %s (%s): %s", name,
			 rs_role_name(role), as, err);
	return buf;
}

static int rs_guard_run(const struct cmd_element *self, struct vty *vty,
			int argc, struct cmd_token *argv[])
{
	const struct rs_guard *guard = container_of(self, struct rs_guard, el);
	struct bgp *bgp = VTY_GET_CONTEXT(bgp);
	char buf[512];
	const char *err = NULL;
	int ret;

	if (bgp)
		err = guard->check(vty, bgp, argc, argv, buf, sizeof(buf));
	if (err) {
		vty_out(vty, "%% %s\n", err);
		return CMD_WARNING_CONFIG_FAILED;
	}
	ret = guard->orig->func(guard->orig, vty, argc, argv);
	/*
	 * Whatever bgpd did to its peers (a join copies the group's slot and
	 * flags), the binding follows before bgpd sends anything (its
	 * announcements wait for a timer).
	 */
	rs_instance_foreach(rs_bind_recheck);
	return ret;
}

/* Where bgpd 8.4 and 10.3 install a guarded command; it must be found. */
struct rs_guard_node {
	enum node_type node;
	const char *name; /* for the log and the missing guard's text */
};

static const struct rs_guard_node in_bgp[] = {
	{BGP_NODE, "router bgp"},
};

/* the families the module binds, where advertise-map applies */
static const struct rs_guard_node in_bound_families[] = {
	{BGP_IPV4_NODE, "address-family ipv4 unicast"},
	{BGP_IPV4M_NODE, "address-family ipv4 multicast"},
	{BGP_IPV4L_NODE, "address-family ipv4 labeled-unicast"},
	{BGP_IPV6_NODE, "address-family ipv6 unicast"},
	{BGP_IPV6M_NODE, "address-family ipv6 multicast"},
	{BGP_IPV6L_NODE, "address-family ipv6 labeled-unicast"},
};

/* the families it does not bind */
static const struct rs_guard_node in_unbound_families[] = {
	{BGP_VPNV4_NODE, "address-family ipv4 vpn"},
	{BGP_VPNV6_NODE, "address-family ipv6 vpn"},
	{BGP_EVPN_NODE, "address-family l2vpn evpn"},
	{BGP_FLOWSPECV4_NODE, "address-family ipv4 flowspec"},
	{BGP_FLOWSPECV6_NODE, "address-family ipv6 flowspec"},
};

static const struct rs_guard_spec {
	const char *id;	     /* RS_CMDGUARD_SKIP_ENV's name for it */
	const char *command; /* as an operator types it */
	const char *pattern; /* rs_cmd_matches() */
	rs_guard_check check;
	const struct rs_guard_node *need;
	size_t need_count;
} specs[] = {
#define NEED(a) a, array_size(a)
	{"advertise-map", "neighbor PEER advertise-map",
	 "neighbor * advertise-map *", check_advertise_map,
	 NEED(in_bound_families)},
	{"peer-group", "neighbor PEER peer-group GROUP",
	 "neighbor * peer-group *", check_peer_group_join, NEED(in_bgp)},
	{"interface-peer-group", "neighbor IF interface peer-group GROUP",
	 "neighbor * interface peer-group *", check_peer_group_join,
	 NEED(in_bgp)},
	{"interface-v6only-peer-group",
	 "neighbor IF interface v6only peer-group GROUP",
	 "neighbor * interface v6only peer-group *", check_peer_group_join,
	 NEED(in_bgp)},
	{"remote-as", "neighbor PEER remote-as AS", "neighbor * remote-as *",
	 check_remote_as, NEED(in_bgp)},
	{"interface-remote-as", "neighbor IF interface remote-as AS",
	 "neighbor * interface remote-as *", check_remote_as, NEED(in_bgp)},
	{"interface-v6only-remote-as",
	 "neighbor IF interface v6only remote-as AS",
	 "neighbor * interface v6only remote-as *", check_remote_as,
	 NEED(in_bgp)},
	{"activate", "neighbor PEER activate", "neighbor * activate",
	 check_activate, NEED(in_unbound_families)},
#undef NEED
};

/* The first guard not found, as rs_cmdguard_missing() gives it. */
static char missing[160];

const char *rs_cmdguard_missing(void)
{
	return missing[0] ? missing : NULL;
}

/* BGP_NODE, or a node under it (the address families). */
static bool bgp_node(const struct cmd_node *node)
{
	enum node_type type = node->node;

	/* a few levels at most (router bgp, address-family, vni) */
	for (int depth = 0; depth < 4; depth++) {
		const struct cmd_node *cnode;

		if (type == BGP_NODE)
			return true;
		cnode = type < vector_active(cmdvec) ? vector_slot(cmdvec, type)
						     : NULL;
		if (!cnode || cnode->parent_node == type)
			return false;
		type = cnode->parent_node;
	}
	return false;
}

static bool node_has(const struct cmd_node *node, const struct cmd_element *el)
{
	for (unsigned int i = 0; i < vector_active(node->cmd_vector); i++)
		if (vector_slot(node->cmd_vector, i) == el)
			return true;
	return false;
}

/* Replaces ORIG in every node it is installed in. */
static void guard_element(const struct cmd_element *orig, rs_guard_check check)
{
	struct rs_guard *guard = XCALLOC(MTYPE_RS_CMDGUARD, sizeof(*guard));

	guard->el = *orig;
	guard->el.func = rs_guard_run;
	guard->orig = orig;
	guard->check = check;
	guard->next = guards;
	guards = guard;
	for (unsigned int n = 0; n < vector_active(cmdvec); n++) {
		struct cmd_node *node = vector_slot(cmdvec, n);

		if (!node || !node_has(node, orig))
			continue;
		uninstall_element(node->node, orig);
		_install_element(node->node, &guard->el);
	}
}

/* Whether ELEMENTS[0..COUNT) holds EL. */
static bool holds(const struct cmd_element **elements, size_t count,
		  const struct cmd_element *el)
{
	for (size_t i = 0; i < count; i++)
		if (elements[i] == el)
			return true;
	return false;
}

/*
 * Guards every element of bgpd's nodes that SPEC matches; false when it is
 * not found in one of the nodes SPEC needs (the first one in *LACKS).
 */
static bool guard_spec(const struct rs_guard_spec *spec,
		       const struct rs_guard_node **lacks)
{
	const struct cmd_element **found = NULL;
	size_t count = 0, room = 0;
	bool in_need[8] = {};

	assert(spec->need_count <= array_size(in_need));
	for (unsigned int n = 0; n < vector_active(cmdvec); n++) {
		struct cmd_node *node = vector_slot(cmdvec, n);

		if (!node || !bgp_node(node))
			continue;
		for (unsigned int i = 0; i < vector_active(node->cmd_vector);
		     i++) {
			const struct cmd_element *el =
				vector_slot(node->cmd_vector, i);

			if (!el || el->func == rs_guard_run ||
			    !rs_cmd_matches(el->string, spec->pattern))
				continue;
			for (size_t k = 0; k < spec->need_count; k++)
				in_need[k] |= spec->need[k].node == node->node;
			if (holds(found, count, el))
				continue;
			if (count == room) {
				room = room ? 2 * room : 8;
				found = XREALLOC(MTYPE_RS_CMDGUARD, found,
						 room * sizeof(*found));
			}
			found[count++] = el;
		}
	}
	for (size_t k = 0; k < count; k++)
		guard_element(found[k], spec->check);
	XFREE(MTYPE_RS_CMDGUARD, found);
	for (size_t k = 0; k < spec->need_count; k++) {
		if (!in_need[k]) {
			*lacks = &spec->need[k];
			return false;
		}
	}
	return true;
}

void rs_cmdguard_init(void)
{
	const char *skip = getenv(RS_CMDGUARD_SKIP_ENV);

	for (size_t i = 0; i < array_size(specs); i++) {
		const struct rs_guard_node *lacks = NULL;

		if (skip && strcmp(skip, specs[i].id) == 0) {
			/* the test hook: as if bgpd had no such command */
			zlog_warn(
				"route-server: %s=%s: guard %s left out (a test hook)",
				RS_CMDGUARD_SKIP_ENV, skip, specs[i].id);
			lacks = &specs[i].need[0];
		} else if (guard_spec(&specs[i], &lacks)) {
			continue;
		}
		flog_err(
			EC_RS_CMD_GUARD,
			"route-server: bgpd command \"%s\" not found in %s: it cannot be guarded, and route-server roles are refused",
			specs[i].command, lacks->name);
		if (!missing[0])
			snprintf(missing, sizeof(missing), "\"%s\" in %s",
				 specs[i].command, lacks->name);
	}
}
