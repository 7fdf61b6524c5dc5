// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Per-"router bgp" route-server state: the branch-to-branch knob and the
 * roles given to neighbors and peer-groups, in FRR's typesafe hashes so that
 * the per-route lookups are O(1).
 */
#ifndef RS_INSTANCE_H
#define RS_INSTANCE_H

#include <stdbool.h>

#include "jhash.h"
#include "typesafe.h"

#include "routeserver/role.h"

struct bgp;
struct peer;
struct vty;

/* Compare and hash for the module's hashes, all keyed by a pointer. */
static inline int rs_ptr_cmp(const void *a, const void *b)
{
	return a < b ? -1 : a > b;
}

static inline uint32_t rs_ptr_hash(const void *p)
{
	return jhash(&p, sizeof(p), 0x52535253);
}

PREDECL_HASH(rs_roles);

/* A role given to one neighbor (address or interface) or one peer-group. */
struct rs_role_entry {
	struct rs_roles_item item;
	struct peer *conf; /* the peer, or the group's conf peer: the key */
	enum rs_role role;
};

PREDECL_HASH(rs_instances);

struct rs_instance {
	struct rs_instances_item item;
	struct bgp *bgp; /* the key */
	bool branch_to_branch;
	struct rs_roles_head roles;
	/* the warnings logged and still current, by hash of their text */
#define RS_WARN_LOGGED 64
	uint32_t warned[RS_WARN_LOGGED];
	unsigned int warned_count;
};

/* NULL when the instance has no route-server state yet. */
struct rs_instance *rs_instance_find(const struct bgp *bgp);
/* Creates the state on first use. */
struct rs_instance *rs_instance_get(struct bgp *bgp);
void rs_instance_delete(struct bgp *bgp);
void rs_instance_fini(void);

/* Calls FN for every instance that has route-server state. */
void rs_instance_foreach(void (*fn)(struct rs_instance *rsi));

/* The role given to exactly CONF (a neighbor or a group's conf peer). */
struct rs_role_entry *rs_role_entry_find(const struct rs_instance *rsi,
					 const struct peer *conf);
void rs_role_set(struct rs_instance *rsi, struct peer *conf, enum rs_role role);
void rs_role_unset(struct rs_instance *rsi, const struct peer *conf);

/* The peer's own role, else its peer-group's, else RS_ROLE_NONE. */
enum rs_role rs_peer_role(const struct rs_instance *rsi,
			  const struct peer *peer);

/*
 * rs_peer_role() for a neighbor bgpd holds a session with: a configured one,
 * or a dynamic (listen-range) one, which has its peer-group's role and is
 * under the policy like any member. RS_ROLE_NONE for a not-yet-transferred
 * incoming connection (doppelganger), which is not listed or counted.
 */
enum rs_role rs_listed_role(const struct rs_instance *rsi,
			    const struct peer *peer);

/* Number of listed neighbors (not groups) whose role is ROLE. */
unsigned int rs_role_peer_count(const struct rs_instance *rsi,
				enum rs_role role);

/* The name under which bgpd writes a neighbor or group in its config. */
const char *rs_conf_name(const struct peer *conf);

#endif /* RS_INSTANCE_H */
