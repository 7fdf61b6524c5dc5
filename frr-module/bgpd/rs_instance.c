// SPDX-License-Identifier: GPL-2.0-or-later
/* Per-"router bgp" route-server state. */
#include <zebra.h>

#include "linklist.h"
#include "memory.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_fsm.h"

#include "rs_instance.h"
#include "rs_bind.h"

DEFINE_MTYPE_STATIC(BGPD, RS_INSTANCE, "Route-server instance");
DEFINE_MTYPE_STATIC(BGPD, RS_ROLE, "Route-server neighbor role");
DEFINE_MTYPE_STATIC(BGPD, RS_NAME, "Route-server neighbor name");

static struct list *instances;

struct list *rs_instances(void)
{
	if (!instances)
		instances = list_new();
	return instances;
}

struct rs_instance *rs_instance_find(const struct bgp *bgp)
{
	struct listnode *node;
	struct rs_instance *rsi;

	for (ALL_LIST_ELEMENTS_RO(rs_instances(), node, rsi))
		if (rsi->bgp == bgp)
			return rsi;
	return NULL;
}

struct rs_instance *rs_instance_get(struct bgp *bgp)
{
	struct rs_instance *rsi = rs_instance_find(bgp);

	if (rsi)
		return rsi;
	rsi = XCALLOC(MTYPE_RS_INSTANCE, sizeof(*rsi));
	rsi->bgp = bgp;
	rsi->roles = list_new();
	listnode_add(rs_instances(), rsi);
	return rsi;
}

static void role_entry_free(struct rs_role_entry *entry)
{
	XFREE(MTYPE_RS_NAME, entry->name);
	XFREE(MTYPE_RS_ROLE, entry);
}

static void instance_free(struct rs_instance *rsi)
{
	struct listnode *node, *nnode;
	struct rs_role_entry *entry;

	for (ALL_LIST_ELEMENTS(rsi->roles, node, nnode, entry))
		role_entry_free(entry);
	list_delete(&rsi->roles);
	XFREE(MTYPE_RS_INSTANCE, rsi);
}

void rs_instance_delete(struct bgp *bgp)
{
	struct rs_instance *rsi = rs_instance_find(bgp);

	if (!rsi)
		return;
	listnode_delete(rs_instances(), rsi);
	instance_free(rsi);
}

void rs_instance_fini(void)
{
	struct listnode *node, *nnode;
	struct rs_instance *rsi;

	if (!instances)
		return;
	for (ALL_LIST_ELEMENTS(instances, node, nnode, rsi))
		instance_free(rsi);
	list_delete(&instances);
}

struct rs_role_entry *rs_role_entry_find(struct rs_instance *rsi,
					 const struct peer *conf)
{
	struct listnode *node;
	struct rs_role_entry *entry;

	for (ALL_LIST_ELEMENTS_RO(rsi->roles, node, entry))
		if (entry->conf == conf)
			return entry;
	return NULL;
}

void rs_role_set(struct rs_instance *rsi, struct peer *conf, bool is_group,
		 const char *name, enum rs_role role)
{
	struct rs_role_entry *entry = rs_role_entry_find(rsi, conf);

	if (!entry) {
		entry = XCALLOC(MTYPE_RS_ROLE, sizeof(*entry));
		entry->conf = conf;
		entry->is_group = is_group;
		entry->name = XSTRDUP(MTYPE_RS_NAME, name);
		listnode_add(rsi->roles, entry);
	}
	entry->role = role;
}

void rs_role_unset(struct rs_instance *rsi, const struct peer *conf)
{
	struct rs_role_entry *entry = rs_role_entry_find(rsi, conf);

	if (!entry)
		return;
	listnode_delete(rsi->roles, entry);
	role_entry_free(entry);
}

enum rs_role rs_peer_role(const struct rs_instance *rsi,
			  const struct peer *peer)
{
	struct listnode *node;
	struct rs_role_entry *entry;
	enum rs_role group_role = RS_ROLE_NONE;
	const struct peer *group_conf = peer->group ? peer->group->conf : NULL;

	if (!rsi)
		return RS_ROLE_NONE;
	for (ALL_LIST_ELEMENTS_RO(rsi->roles, node, entry)) {
		if (entry->conf == peer)
			return entry->role;
		if (group_conf && entry->conf == group_conf)
			group_role = entry->role;
	}
	return group_role;
}

enum rs_role rs_configured_role(const struct rs_instance *rsi,
				const struct peer *peer)
{
	if (!CHECK_FLAG(peer->flags, PEER_FLAG_CONFIG_NODE))
		return RS_ROLE_NONE;
	return rs_peer_role(rsi, peer);
}

unsigned int rs_role_peer_count(const struct rs_instance *rsi,
				enum rs_role role)
{
	struct listnode *node;
	struct peer *peer;
	unsigned int count = 0;

	for (ALL_LIST_ELEMENTS_RO(rsi->bgp->peer, node, peer))
		if (rs_configured_role(rsi, peer) == role)
			count++;
	return count;
}

int rs_instance_peer_status_changed(struct peer *peer)
{
	struct rs_instance *rsi;

	if (!peer->bgp)
		return 0;
	rsi = rs_instance_find(peer->bgp);
	if (!rsi)
		return 0;
	if (peer->status == Deleted) {
		/* "no neighbor X" or "no neighbor GROUP peer-group" */
		rs_role_unset(rsi, peer);
		return 0;
	}
	/*
	 * Joining or leaving a peer-group resets the session: the binding
	 * follows the peer's role as it is now (a no-op when unchanged).
	 */
	rs_bind_peer(rsi, peer);
	return 0;
}
