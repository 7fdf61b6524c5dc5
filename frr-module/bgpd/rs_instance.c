// SPDX-License-Identifier: GPL-2.0-or-later
/* Per-"router bgp" route-server state. */
#include <zebra.h>

#include "memory.h"

#include "bgpd/bgpd.h"

#include "rs_instance.h"

DEFINE_MTYPE_STATIC(BGPD, RS_INSTANCE, "Route-server instance");
DEFINE_MTYPE_STATIC(BGPD, RS_ROLE, "Route-server neighbor role");

RS_DECLARE_PTR_HASH(rs_roles, struct rs_role_entry, item, conf);

RS_DECLARE_PTR_HASH(rs_instances, struct rs_instance, item, bgp);

static struct rs_instances_head instances = INIT_HASH(instances);

struct rs_instance *rs_instance_find(const struct bgp *bgp)
{
	struct rs_instance key = {.bgp = (struct bgp *)bgp};

	return rs_instances_find(&instances, &key);
}

struct rs_instance *rs_instance_get(struct bgp *bgp)
{
	struct rs_instance *rsi = rs_instance_find(bgp);

	if (rsi)
		return rsi;
	rsi = XCALLOC(MTYPE_RS_INSTANCE, sizeof(*rsi));
	rsi->bgp = bgp;
	rsi->limits = rs_limits_default();
	rsi->audit_interval = RS_AUDIT_INTERVAL_DEFAULT;
	rs_roles_init(&rsi->roles);
	rs_instances_add(&instances, rsi);
	return rsi;
}

static void instance_free(struct rs_instance *rsi)
{
	struct rs_role_entry *entry;

	while ((entry = rs_roles_pop(&rsi->roles)))
		XFREE(MTYPE_RS_ROLE, entry);
	rs_roles_fini(&rsi->roles);
	XFREE(MTYPE_RS_INSTANCE, rsi);
}

void rs_instance_delete(struct bgp *bgp)
{
	struct rs_instance *rsi = rs_instance_find(bgp);

	if (!rsi)
		return;
	rs_instances_del(&instances, rsi);
	instance_free(rsi);
}

void rs_instance_fini(void)
{
	struct rs_instance *rsi;

	while ((rsi = rs_instances_pop(&instances)))
		instance_free(rsi);
	rs_instances_fini(&instances);
}

void rs_instance_foreach(void (*fn)(struct rs_instance *rsi))
{
	struct rs_instance *rsi;

	frr_each_safe (rs_instances, &instances, rsi)
		fn(rsi);
}

struct rs_role_entry *rs_role_entry_find(const struct rs_instance *rsi,
					 const struct peer *conf)
{
	struct rs_role_entry key = {.conf = (struct peer *)conf};

	if (!rsi)
		return NULL;
	/* the entry is the module's, not the caller's const object */
	return (struct rs_role_entry *)rs_roles_const_find(&rsi->roles, &key);
}

static struct rs_role_entry *entry_get(struct rs_instance *rsi,
				       struct peer *conf)
{
	struct rs_role_entry *entry = rs_role_entry_find(rsi, conf);

	if (!entry) {
		entry = XCALLOC(MTYPE_RS_ROLE, sizeof(*entry));
		entry->conf = conf;
		rs_roles_add(&rsi->roles, entry);
	}
	return entry;
}

/* Frees the entry once nothing is given to its neighbor any more. */
static void entry_release(struct rs_instance *rsi, struct rs_role_entry *entry)
{
	if (entry->role != RS_ROLE_NONE || entry->max_routes)
		return;
	rs_roles_del(&rsi->roles, entry);
	XFREE(MTYPE_RS_ROLE, entry);
}

void rs_role_set(struct rs_instance *rsi, struct peer *conf, enum rs_role role)
{
	entry_get(rsi, conf)->role = role;
}

void rs_role_unset(struct rs_instance *rsi, const struct peer *conf)
{
	struct rs_role_entry *entry = rs_role_entry_find(rsi, conf);

	if (!entry)
		return;
	entry->role = RS_ROLE_NONE;
	entry_release(rsi, entry);
}

void rs_role_max_routes_set(struct rs_instance *rsi, struct peer *conf,
			    uint32_t max)
{
	struct rs_role_entry *entry = entry_get(rsi, conf);

	entry->max_routes = max;
	entry_release(rsi, entry);
}

void rs_role_forget(struct rs_instance *rsi, const struct peer *conf)
{
	struct rs_role_entry *entry = rs_role_entry_find(rsi, conf);

	if (!entry)
		return;
	rs_roles_del(&rsi->roles, entry);
	XFREE(MTYPE_RS_ROLE, entry);
}

enum rs_role rs_peer_role(const struct rs_instance *rsi,
			  const struct peer *peer)
{
	const struct rs_role_entry *entry = rs_role_entry_find(rsi, peer);

	if ((!entry || entry->role == RS_ROLE_NONE) && peer->group)
		entry = rs_role_entry_find(rsi, peer->group->conf);
	return entry ? entry->role : RS_ROLE_NONE;
}

uint32_t rs_peer_max_routes(const struct rs_instance *rsi,
			    const struct peer *peer)
{
	const struct rs_role_entry *entry = rs_role_entry_find(rsi, peer);
	uint32_t own = entry ? entry->max_routes : 0;

	if (!own && peer->group) {
		entry = rs_role_entry_find(rsi, peer->group->conf);
		own = entry ? entry->max_routes : 0;
	}
	return rs_limits_received_for(&rsi->limits, rs_peer_role(rsi, peer),
				      own);
}

enum rs_role rs_listed_role(const struct rs_instance *rsi,
			    const struct peer *peer)
{
	if (!CHECK_FLAG(peer->flags, PEER_FLAG_CONFIG_NODE))
		return RS_ROLE_NONE;
	return rs_peer_role(rsi, peer);
}

bool rs_role_peers_each(struct rs_instance *rsi, enum rs_role role,
			bool (*fn)(struct rs_instance *rsi, struct peer *peer,
				   const void *arg),
			const void *arg)
{
	const struct rs_role_entry *own;
	struct rs_role_entry *entry;
	struct listnode *node;
	struct peer *member;

	frr_each (rs_roles, &rsi->roles, entry) {
		if (entry->role != role)
			continue;
		if (!CHECK_FLAG(entry->conf->sflags, PEER_STATUS_GROUP)) {
			if (fn(rsi, entry->conf, arg))
				return true;
			continue;
		}
		for (ALL_LIST_ELEMENTS_RO(entry->conf->group->peer, node,
					  member)) {
			own = rs_role_entry_find(rsi, member);
			/* a member's own role is visited as its own entry */
			if ((!own || own->role == RS_ROLE_NONE) &&
			    fn(rsi, member, arg))
				return true;
		}
	}
	return false;
}

unsigned int rs_role_peer_count(const struct rs_instance *rsi,
				enum rs_role role)
{
	struct listnode *node;
	struct peer *peer;
	unsigned int count = 0;

	for (ALL_LIST_ELEMENTS_RO(rsi->bgp->peer, node, peer))
		if (rs_listed_role(rsi, peer) == role)
			count++;
	return count;
}

bool rs_instance_has_roles(const struct rs_instance *rsi)
{
	return rs_roles_count(&rsi->roles) != 0;
}

unsigned int rs_role_peers_total(const struct rs_instance *rsi)
{
	unsigned int count = 0;

	for (unsigned int r = RS_ROLE_NONE + 1; r < RS_ROLE_COUNT; r++)
		count += rs_role_peer_count(rsi, r);
	return count;
}

const char *rs_conf_name(const struct peer *conf)
{
	if (CHECK_FLAG(conf->sflags, PEER_STATUS_GROUP))
		return conf->group->name;
	return conf->conf_if ? conf->conf_if : conf->host;
}
