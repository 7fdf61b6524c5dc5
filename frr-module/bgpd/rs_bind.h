// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Attaching the per-role route-maps to role peers and re-running outbound
 * policy when the configuration changes.
 */
#ifndef RS_BIND_H
#define RS_BIND_H

#include <stdbool.h>

struct peer;
struct rs_instance;

/* Makes PEER (or a group's conf peer) carry its role's map; re-announces. */
void rs_bind_peer(struct rs_instance *rsi, struct peer *peer);

/* rs_bind_peer for every neighbor and peer-group of the instance. */
void rs_bind_all(struct rs_instance *rsi);

/* Re-runs outbound policy towards every role peer (after a knob change). */
void rs_reannounce_role_peers(struct rs_instance *rsi);

/* True when an operator's advertise-map on PEER keeps the module out. */
bool rs_bind_blocked(const struct peer *peer);

#endif /* RS_BIND_H */
