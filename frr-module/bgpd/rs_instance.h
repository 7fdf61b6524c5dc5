// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Per-"router bgp" route-server state: the branch-to-branch knob and the
 * roles given to neighbors and peer-groups, in FRR's typesafe hashes so that
 * the per-route lookups are O(1).
 */
#ifndef RS_INSTANCE_H
#define RS_INSTANCE_H

#include <stdbool.h>

#include "typesafe.h"

#include "routeserver/limits.h"
#include "routeserver/preference.h"
#include "routeserver/role.h"

struct bgp;
struct peer;
struct vty;

/* Compare and hash for the module's hashes, all keyed by a pointer. */
static inline int rs_ptr_cmp(const void *a, const void *b)
{
	return a < b ? -1 : a > b;
}

/*
 * Fibonacci hashing: the typesafe hash takes the top bits, which the
 * multiplication mixes from all of the pointer's. A lookup runs per route
 * and role (the rule, the marks): jhash() cost it five times as much.
 */
static inline uint32_t rs_ptr_hash(const void *p)
{
	return (uint32_t)(((uintptr_t)p * UINT64_C(0x9e3779b97f4a7c15)) >> 32);
}

/*
 * A typesafe hash (FRR's DECLARE_HASH) of TYPE keyed by its pointer field
 * KEY, with its compare and hash functions.
 */
#define RS_DECLARE_PTR_HASH(prefix, type, field, key)                          \
	static int prefix##_cmp(const type *a, const type *b)                  \
	{                                                                      \
		return rs_ptr_cmp(a->key, b->key);                             \
	}                                                                      \
	static uint32_t prefix##_hash(const type *x)                           \
	{                                                                      \
		return rs_ptr_hash(x->key);                                    \
	}                                                                      \
	DECLARE_HASH(prefix, type, field, prefix##_cmp, prefix##_hash)

PREDECL_HASH(rs_roles);

/*
 * What one neighbor (address or interface) or one peer-group was given: a
 * role, and its own received-route limit. The entry lives while either is
 * set.
 */
struct rs_role_entry {
	struct rs_roles_item item;
	struct peer *conf;   /* the peer, or the group's conf peer: the key */
	enum rs_role role;   /* RS_ROLE_NONE: only a limit is set */
	uint32_t max_routes; /* 0: the instance's */
};

PREDECL_HASH(rs_instances);

struct rs_instance {
	struct rs_instances_item item;
	struct bgp *bgp; /* the key */
	bool branch_to_branch;
	enum rs_preference preference;
	struct rs_limits limits;
	struct rs_roles_head roles;
	/* seconds between periodic audits (rs_audit.c); 0: none */
#define RS_AUDIT_INTERVAL_DEFAULT 300
	unsigned int audit_interval;
	/* routes withheld from the ExpressRoute gateways (rs_erlimit.c) */
	bool er_withheld;
	uint32_t er_logged; /* the limit logged as reached; 0: none */
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
/* The neighbor's or group's own received-route limit; 0 removes it. */
void rs_role_max_routes_set(struct rs_instance *rsi, struct peer *conf,
			    uint32_t max);
/* Forgets everything given to CONF (bgpd deletes it). */
void rs_role_forget(struct rs_instance *rsi, const struct peer *conf);

/* The peer's own role, else its peer-group's, else RS_ROLE_NONE. */
enum rs_role rs_peer_role(const struct rs_instance *rsi,
			  const struct peer *peer);

/* The received-route limit of PEER (own, group's, instance's); 0: none. */
uint32_t rs_peer_max_routes(const struct rs_instance *rsi,
			    const struct peer *peer);

/*
 * rs_peer_role() for a neighbor bgpd holds a session with: a configured one,
 * or a dynamic (listen-range) one, which has its peer-group's role and is
 * under the policy like any member. RS_ROLE_NONE for a not-yet-transferred
 * incoming connection (doppelganger), which is not listed or counted.
 */
enum rs_role rs_listed_role(const struct rs_instance *rsi,
			    const struct peer *peer);

/*
 * Calls FN for every neighbor whose role is ROLE, from the role entries (a
 * group's: its members), so the cost is bounded by the role peers, not by
 * bgpd's peer list; stops at the first FN that returns true, and says so.
 */
bool rs_role_peers_each(struct rs_instance *rsi, enum rs_role role,
			bool (*fn)(struct rs_instance *rsi, struct peer *peer,
				   const void *arg),
			const void *arg);

/* Number of listed neighbors (not groups) whose role is ROLE. */
unsigned int rs_role_peer_count(const struct rs_instance *rsi,
				enum rs_role role);
/* True when a neighbor or group has a role or a limit (O(1)). */
bool rs_instance_has_roles(const struct rs_instance *rsi);
/* Number of listed neighbors that have any role. */
unsigned int rs_role_peers_total(const struct rs_instance *rsi);

/* The name under which bgpd writes a neighbor or group in its config. */
const char *rs_conf_name(const struct peer *conf);

#endif /* RS_INSTANCE_H */
