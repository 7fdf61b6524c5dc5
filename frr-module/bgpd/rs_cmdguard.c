// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guards on bgpd's own commands.
 *
 * bgpd's command elements are static, but libfrr keeps every node's
 * elements in cmdvec. For each guarded command string the module replaces
 * bgpd's element, in every node it is installed in, with a copy whose
 * handler first checks the route-server roles and then calls bgpd's
 * handler. The command graph, and so what an operator can type, does not
 * change; the guard runs for every way a command reaches bgpd (vty, vtysh,
 * configuration file). The strings are bgpd's (bgpd/bgp_vty.c of the FRR
 * version the module is built against); one that is not found is logged.
 */
#include <zebra.h>

#include "command.h"
#include "sockunion.h"
#include "vector.h"

#include "bgpd/bgpd.h"

#include "routeserver/validate.h"

#include "rs_bind.h"
#include "rs_cmdguard.h"
#include "rs_compat.h"
#include "rs_errors.h"
#include "rs_instance.h"
#include "rs_vty.h"

/* An error message for the command, or NULL to let bgpd run it. */
typedef const char *(*rs_guard_check)(struct bgp *bgp, int argc,
				      struct cmd_token *argv[], char *buf,
				      size_t len);

struct rs_guard {
	struct cmd_element el; /* bgpd's, with rs_guard_run as handler */
	const struct cmd_element *orig;
	rs_guard_check check;
};

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

/* A group's own remote-as, which its members take. */
static bool group_has_as(const struct peer *conf)
{
	return conf->as_type == AS_SPECIFIED || conf->as_type == AS_INTERNAL ||
	       conf->as_type == AS_EXTERNAL;
}

/* "[no] neighbor X advertise-map ...": never on role peers. */
static const char *check_advertise_map(struct bgp *bgp, int argc,
				       struct cmd_token *argv[], char *buf,
				       size_t len)
{
	const char *name = NULL;
	struct peer *conf = named_conf(bgp, argc, argv, &name);
	enum rs_role role;

	if (!conf)
		return NULL;
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
 * "neighbor X peer-group G": no role peer inherits an advertise-map, a
 * neighbor that gets G's role must fit in the instance's role-peer limit,
 * and may have it (an nva in a refused AS or over iBGP may not).
 */
static const char *check_peer_group_join(struct bgp *bgp, int argc,
					 struct cmd_token *argv[], char *buf,
					 size_t len)
{
	struct rs_instance *rsi = rs_instance_find(bgp);
	const char *name = NULL;
	struct peer *peer = named_conf(bgp, argc, argv, &name);
	struct peer_group *group = peer_group_lookup(bgp, argv[argc - 1]->arg);
	const struct rs_role_entry *own = rs_role_entry_find(rsi, peer);
	const struct rs_role_entry *grp =
		group ? rs_role_entry_find(rsi, group->conf) : NULL;
	const struct rs_role_entry *role =
		own && own->role != RS_ROLE_NONE ? own : grp;
	bool adds = !peer || rs_listed_role(rsi, peer) == RS_ROLE_NONE;

	if (!group || !role || role->role == RS_ROLE_NONE)
		return NULL;
	if (peer && role == grp && !group_has_as(group->conf)) {
		struct rs_neighbor_facts facts;
		const char *err;

		/* the member keeps its own AS in a group without one */
		rs_neighbor_facts_get(bgp, peer, &facts);
		err = rs_role_check(role->role, &facts);
		if (err) {
			snprintf(
				buf, len,
				"%s would have route-server role %s in peer-group %s (remote AS %u): %s",
				name, rs_role_name(role->role), group->name,
				facts.remote_as, err);
			return buf;
		}
	}
	if (adds && !rs_limits_role_peers_fit(&rsi->limits,
					      rs_role_peers_total(rsi), 1)) {
		snprintf(
			buf, len,
			"%s would have route-server role %s in peer-group %s: the instance has %u role peers, its limit (route-server maximum-role-peers)",
			name, rs_role_name(role->role), group->name,
			rsi->limits.role_peers);
		return buf;
	}
	if (!rs_bind_blocked(group->conf) && !(peer && rs_bind_blocked(peer)))
		return NULL;
	snprintf(
		buf, len,
		"%s would have route-server role %s in peer-group %s, and one of them has an advertise-map: not supported on route-server role peers",
		name, rs_role_name(role->role), group->name);
	return buf;
}

/*
 * The facts of a neighbor or group after "remote-as AS" (the command's last
 * word); false when they are not known from it ("auto" on 10.3).
 */
static bool remote_as_facts(struct bgp *bgp, const char *as_str,
			    struct rs_neighbor_facts *facts)
{
	as_t as;

	facts->as_known = true;
	if (strcmp(as_str, "internal") == 0) {
		facts->ibgp = true;
		facts->remote_as = bgp->as;
		return true;
	}
	if (strcmp(as_str, "external") == 0) {
		facts->ibgp = false;
		facts->remote_as = 0;
		return true;
	}
	if (!rs_str2asn(as_str, &as))
		return false;
	facts->ibgp = as == bgp->as;
	facts->remote_as = as;
	return true;
}

/*
 * "neighbor X [interface [v6only]] remote-as AS": a role stays valid. bgpd
 * gives a group's AS to every member, so a group's members' own roles are
 * checked too.
 */
static const char *check_remote_as(struct bgp *bgp, int argc,
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
	if (bad)
		snprintf(buf, len, "%s: member %s has route-server role %s: %s",
			 name, bad->host, rs_role_name(role), err);
	else
		snprintf(buf, len, "%s has route-server role %s: %s", name,
			 rs_role_name(role), err);
	return buf;
}

static int rs_guard_run(const struct cmd_element *self, struct vty *vty,
			int argc, struct cmd_token *argv[])
{
	const struct rs_guard *guard = container_of(self, struct rs_guard, el);
	struct bgp *bgp = VTY_GET_CONTEXT(bgp);
	char buf[256];
	const char *err;

	err = bgp ? guard->check(bgp, argc, argv, buf, sizeof(buf)) : NULL;
	if (err) {
		vty_out(vty, "%% %s\n", err);
		return CMD_WARNING_CONFIG_FAILED;
	}
	return guard->orig->func(guard->orig, vty, argc, argv);
}

static const struct {
	const char *string;
	rs_guard_check check;
} guarded[] = {
	{"[no$no] neighbor <A.B.C.D|X:X::X:X|WORD>$neighbor advertise-map RMAP_NAME$advertise_str <exist-map|non-exist-map>$exist RMAP_NAME$condition_str",
	 check_advertise_map},
	{"neighbor <A.B.C.D|X:X::X:X|WORD> peer-group PGNAME",
	 check_peer_group_join},
	{"neighbor <A.B.C.D|X:X::X:X|WORD> remote-as " RS_REMOTE_AS_TOKEN,
	 check_remote_as},
	{"neighbor WORD interface remote-as " RS_REMOTE_AS_TOKEN,
	 check_remote_as},
	{"neighbor WORD interface v6only remote-as " RS_REMOTE_AS_TOKEN,
	 check_remote_as},
};

/* Every element wrapped: bgpd has a few per string (aliases per node). */
static struct rs_guard guards[16];
static unsigned int guard_count;

static bool node_has(const struct cmd_node *node, const struct cmd_element *el)
{
	for (unsigned int i = 0; i < vector_active(node->cmd_vector); i++)
		if (vector_slot(node->cmd_vector, i) == el)
			return true;
	return false;
}

/* Replaces ORIG in every node it is installed in; false if it is in none. */
static bool guard_element(const struct cmd_element *orig, rs_guard_check check)
{
	struct rs_guard *guard = &guards[guard_count];
	bool installed = false;

	if (guard_count >= array_size(guards))
		return false;
	guard->el = *orig;
	guard->el.func = rs_guard_run;
	guard->orig = orig;
	guard->check = check;
	for (unsigned int n = 0; n < vector_active(cmdvec); n++) {
		struct cmd_node *node = vector_slot(cmdvec, n);

		if (!node || !node_has(node, orig))
			continue;
		uninstall_element(node->node, orig);
		_install_element(node->node, &guard->el);
		installed = true;
	}
	if (installed)
		guard_count++;
	return installed;
}

/* Every distinct element of bgpd whose string is STRING. */
static unsigned int guard_string(const char *string, rs_guard_check check)
{
	const struct cmd_element *found[8];
	unsigned int count = 0, guarded_count = 0;

	for (unsigned int n = 0; n < vector_active(cmdvec); n++) {
		struct cmd_node *node = vector_slot(cmdvec, n);

		if (!node)
			continue;
		for (unsigned int i = 0; i < vector_active(node->cmd_vector);
		     i++) {
			const struct cmd_element *el =
				vector_slot(node->cmd_vector, i);
			bool seen = false;

			if (!el || strcmp(el->string, string) != 0)
				continue;
			for (unsigned int k = 0; k < count; k++)
				seen |= found[k] == el;
			if (!seen && count < array_size(found))
				found[count++] = el;
		}
	}
	for (unsigned int k = 0; k < count; k++)
		guarded_count += guard_element(found[k], check);
	return guarded_count;
}

void rs_cmdguard_init(void)
{
	for (size_t i = 0; i < array_size(guarded); i++)
		if (!guard_string(guarded[i].string, guarded[i].check))
			flog_err(
				EC_RS_CMD_GUARD,
				"route-server: bgpd command \"%s\" not found: it is not guarded for role peers",
				guarded[i].string);
}
