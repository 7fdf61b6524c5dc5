// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Binding the policy to role peers: the per-role route-map in each peer's
 * advertise-map slot, and the bgpd settings the role implies (rs_implied.h),
 * re-checked after every configuration change.
 */
#ifndef RS_BIND_H
#define RS_BIND_H

#include <stdbool.h>

#include "bgpd/bgpd.h"

struct peer;
struct rs_instance;

/* Every address family and SAFI in which bgpd announces unicast prefixes. */
struct rs_slot {
	afi_t afi;
	safi_t safi;
};
#define RS_SLOT_COUNT 6
extern const struct rs_slot rs_slots[RS_SLOT_COUNT];

/* Makes PEER (or a group's conf peer) carry its role's map and settings. */
void rs_bind_peer(struct rs_instance *rsi, struct peer *peer);

/*
 * rs_bind_peer, then bgpd regroups PEER and decides all its advertisements
 * again, as for a policy change (the audit found it out of the policy).
 */
void rs_bind_peer_refresh(struct rs_instance *rsi, struct peer *peer);

/* rs_bind_peer for every neighbor and peer-group of the instance. */
void rs_bind_all(struct rs_instance *rsi);

/*
 * rs_bind_all, then a new warning is logged and the periodic audit armed:
 * after a configuration file was read, a command that can change a peer's
 * binding (rs_cmdguard.c), at every periodic audit and every second.
 */
void rs_bind_recheck(struct rs_instance *rsi);

/* The re-check every second (rs_bind_recheck for every instance). */
void rs_bind_init(void);
void rs_bind_fini(void);

/* peer_status_changed hook: rebinds, or forgets a deleted peer. */
int rs_bind_peer_status_changed(struct peer *peer);

/* Re-runs outbound policy towards every role peer (after a knob change). */
void rs_reannounce_role_peers(struct rs_instance *rsi);


/* True when PEER has an operator's advertise-map (in any family). */
bool rs_bind_blocked(const struct peer *peer);

/*
 * The condition map of the module's slots: a name no route-map can have (it
 * has a space), so bgpd's conditional-advertisement scanner skips the slot.
 */
#define RS_CONDITION_NONE "rs unconditional"

/* Takes the module's slots out of (HIDE) or back into what bgpd's config
 * writer sees.
 */
void rs_bind_config_hide(bool hide);

#endif /* RS_BIND_H */
