// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Per-"router bgp" route-server state: the branch-to-branch knob and the
 * roles given to neighbors and peer-groups.
 */
#ifndef RS_INSTANCE_H
#define RS_INSTANCE_H

#include <stdbool.h>

#include "routeserver/role.h"

struct bgp;
struct peer;
struct vty;

/* A role given to one neighbor (address or interface) or one peer-group. */
struct rs_role_entry {
	char *name; /* as bgpd prints it: peer->host, conf_if or group */
	bool is_group;
	struct peer *conf; /* the peer, or the group's conf peer */
	enum rs_role role;
};

struct rs_instance {
	struct bgp *bgp;
	bool branch_to_branch;
	struct list *roles; /* of struct rs_role_entry */
	bool vpn_warned;    /* the not-active-active warning was logged */
};

/* NULL when the instance has no route-server state yet. */
struct rs_instance *rs_instance_find(const struct bgp *bgp);
/* Creates the state on first use. */
struct rs_instance *rs_instance_get(struct bgp *bgp);
void rs_instance_delete(struct bgp *bgp);
void rs_instance_fini(void);

/* Iterates all instances (for config-wide operations such as debug). */
struct list *rs_instances(void);

struct rs_role_entry *rs_role_entry_find(struct rs_instance *rsi,
					 const struct peer *conf);
void rs_role_set(struct rs_instance *rsi, struct peer *conf, bool is_group,
		 const char *name, enum rs_role role);
void rs_role_unset(struct rs_instance *rsi, const struct peer *conf);

/* The peer's own role, else its peer-group's, else RS_ROLE_NONE. */
enum rs_role rs_peer_role(const struct rs_instance *rsi,
			  const struct peer *peer);

/*
 * rs_peer_role() for a configured neighbor; RS_ROLE_NONE for dynamic and
 * not-yet-transferred incoming (doppelganger) peers, which are not listed.
 */
enum rs_role rs_configured_role(const struct rs_instance *rsi,
				const struct peer *peer);

/* Number of configured neighbors (not groups) whose role is ROLE. */
unsigned int rs_role_peer_count(const struct rs_instance *rsi,
				enum rs_role role);

/* Forgets the role of a neighbor or peer-group that bgpd deleted. */
int rs_instance_peer_status_changed(struct peer *peer);

#endif /* RS_INSTANCE_H */
