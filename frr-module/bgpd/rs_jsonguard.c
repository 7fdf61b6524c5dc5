// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bgpd's "show bgp neighbors ... json" prints an advertise-map's
 * condition-map name unconditionally (bgp_show_peer_afi; still so in 10.3,
 * and json-c takes the NULL to strlen()), and the module's
 * binding (rs_bind.c) has none on purpose: a condition map would make bgpd
 * write the binding into running-config. So, only while a command with a
 * "json" word runs, bound filters carry a placeholder condition-map name.
 * It contains a space, so no route-map can ever have it: bgpd never resolves
 * it, and its conditional-advertisement scanner skips the filter.
 */
#include <zebra.h>

#include "command.h"
#include "hook.h"
#include "linklist.h"
#include "memory.h"

#include "bgpd/bgpd.h"

#include "routeserver/cmdline.h"

#include "rs_cmdhooks.h"
#include "rs_instance.h"
#include "rs_jsonguard.h"
#include "rs_rmap.h"

static void guard_filter(struct bgp_filter *filter, bool on)
{
	if (!filter->advmap.aname || !rs_rmap_is_ours(filter->advmap.aname))
		return;
	if (on && !filter->advmap.cname)
		filter->advmap.cname =
			XSTRDUP(MTYPE_BGP_FILTER_NAME, RS_JSONGUARD_CONDITION);
	else if (!on && filter->advmap.cname &&
		 strcmp(filter->advmap.cname, RS_JSONGUARD_CONDITION) == 0)
		XFREE(MTYPE_BGP_FILTER_NAME, filter->advmap.cname);
}

static bool guard_on;

static void guard_instance(struct rs_instance *rsi)
{
	struct listnode *node;
	struct peer *peer;
	afi_t afi;
	safi_t safi;

	for (ALL_LIST_ELEMENTS_RO(rsi->bgp->peer, node, peer))
		FOREACH_AFI_SAFI (afi, safi)
			guard_filter(&peer->filter[afi][safi], guard_on);
}

static void guard_all(bool on)
{
	guard_on = on;
	rs_instance_foreach(guard_instance);
}

static bool guarded;

static int rs_cmd_start(struct vty *vty, const char *cmd_in, char **cmd_out)
{
	if (rs_cmdline_has_json(cmd_in)) {
		guard_all(true);
		guarded = true;
	}
	return 0;
}

static int rs_cmd_done(struct vty *vty, const char *cmd_exec)
{
	if (guarded) {
		guard_all(false);
		guarded = false;
	}
	return 0;
}

void rs_jsonguard_init(void)
{
	hook_register(cmd_execute, rs_cmd_start);
	hook_register(cmd_execute_done, rs_cmd_done);
}
