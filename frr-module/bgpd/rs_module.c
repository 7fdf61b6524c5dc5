// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * frr-routeserver: an Azure-Route-Server-style route server inside bgpd.
 * Module entry: hook registration, init and fini; nothing else.
 */
#include <zebra.h>

#include "hook.h"
#include "libfrr.h"
#include "module.h"
#include "version.h"

#include "bgpd/bgpd.h"

#include "rs_explain.h"
#include "rs_instance.h"
#include "rs_jsonguard.h"
#include "rs_log.h"
#include "rs_rmap.h"
#include "rs_routes.h"
#include "rs_show.h"
#include "rs_vty.h"

static int rs_late_init(struct thread_master *master)
{
	rs_rmap_init();
	rs_vty_init();
	rs_show_init();
	rs_routes_init();
	rs_explain_init();
	return 0;
}

static int rs_bgp_delete(struct bgp *bgp)
{
	rs_instance_delete(bgp);
	return 0;
}

static int rs_fini(void)
{
	rs_instance_fini();
	return 0;
}

static int rs_module_init(void)
{
	rs_jsonguard_init();
	rs_log_init();
	hook_register(frr_late_init, rs_late_init);
	hook_register(frr_fini, rs_fini);
	hook_register(bgp_inst_config_write, rs_config_write);
	hook_register(bgp_inst_delete, rs_bgp_delete);
	hook_register(peer_status_changed, rs_instance_peer_status_changed);
	return 0;
}

FRR_MODULE_SETUP(.name = "bgpd_routeserver", .version = RS_VERSION,
		 .description = "Azure-Route-Server-style route server",
		 .init = rs_module_init);
