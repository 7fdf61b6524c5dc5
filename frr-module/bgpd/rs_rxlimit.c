// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The received-route limit (bgpd's maximum-prefix, set by rs_implied.c)
 * closes the session when a role peer's accepted routes go over it.
 *
 * bgpd 8.4 runs its check in bgp_update() before it counts the route being
 * added: the route that goes over the limit is accepted, and the session is
 * closed only at the peer's next update, which may never come. FRR 10 checks
 * after counting. On 8.4 the module therefore runs bgpd's own check once
 * more when a new path has been counted (the bgp_process hook, which
 * bgp_update() calls then), for the limits it set: bgpd closes the session
 * exactly as it would (Cease NOTIFICATION, restart timer, logs).
 */
#include <zebra.h>

#include "hook.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_table.h"

#include "rs_bind.h"
#include "rs_implied.h"
#include "rs_rxlimit.h"

#if RS_FRR_VERSION < 1000
static bool module_limit(const struct peer *peer, afi_t afi, safi_t safi)
{
	for (size_t i = 0; i < RS_SLOT_COUNT; i++)
		if (rs_slots[i].afi == afi && rs_slots[i].safi == safi)
			return rs_implied_owns(peer, i, PEER_FLAG_MAX_PREFIX);
	return false;
}

static int rs_rxlimit_counted(struct bgp *bgp, afi_t afi, safi_t safi,
			      struct bgp_dest *dest, struct peer *peer,
			      bool withdraw)
{
	if (withdraw || !peer ||
	    !CHECK_FLAG(peer->af_flags[afi][safi], PEER_FLAG_MAX_PREFIX) ||
	    peer->pcount[afi][safi] <= peer->pmax[afi][safi] ||
	    !module_limit(peer, afi, safi))
		return 0;
	bgp_maximum_prefix_overflow(peer, afi, safi, 0);
	return 0;
}
#endif

void rs_rxlimit_init(void)
{
#if RS_FRR_VERSION < 1000
	hook_register(bgp_process, rs_rxlimit_counted);
#endif
}
