// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * frr-routeserver: an Azure-Route-Server-style route server inside bgpd.
 * Module entry: hook registration, init and fini; nothing else.
 */
#include <zebra.h>

#include "hook.h"
#include "libfrr.h"
#include "module.h"
#include "lib/version.h"

#include "bgpd/bgpd.h"

#include "rs_alt.h"
#include "rs_audit.h"
#include "rs_audit_vty.h"
#include "rs_bind.h"
#include "rs_cmdguard.h"
#include "rs_compat.h"
#include "rs_erlimit.h"
#include "rs_errors.h"
#include "rs_explain.h"
#include "rs_held.h"
#include "rs_implied.h"
#include "rs_instance.h"
#include "rs_log.h"
#include "rs_rmap.h"
#include "rs_routes.h"
#include "rs_rxlimit.h"
#include "rs_show.h"
#include "rs_vty.h"
#include "rs_warn.h"

static int rs_late_init(rs_loop_t *master)
{
	/* libfrr's error-code table, bgpd's commands and config writer exist
	 * from here on
	 */
	rs_errors_init();
	rs_log_init(); /* FRR 10: libfrr's debug list exists from here on */
	rs_cmdguard_init();
	rs_implied_init();
	rs_rmap_init();
	rs_vty_init();
	rs_show_init();
	rs_routes_init();
	rs_explain_init();
	rs_bind_init();
	rs_audit_vty_init();
	return 0;
}

static int rs_bgp_delete(struct bgp *bgp)
{
	rs_alt_fini(bgp);
	rs_audit_fini(bgp);
	rs_held_fini(bgp);
	rs_implied_fini(bgp);
	rs_instance_delete(bgp);
	return 0;
}

/* After a configuration file was read, the binding follows. */
static int rs_config_end(struct bgp *bgp)
{
	struct rs_instance *rsi = rs_instance_find(bgp);

	if (rsi)
		rs_bind_recheck(rsi);
	return 0;
}

static int rs_fini(void)
{
	rs_bind_fini();
	rs_alt_fini(NULL);
	rs_log_fini();
	rs_erlimit_fini();
	rs_audit_fini(NULL);
	rs_held_fini(NULL);
	rs_implied_fini(NULL);
	rs_instance_fini();
	return 0;
}

static int rs_module_init(void)
{
	rs_rxlimit_init();
	rs_alt_init();
	hook_register(frr_late_init, rs_late_init);
	hook_register(frr_fini, rs_fini);
	hook_register(bgp_inst_config_write, rs_config_write);
	hook_register(bgp_inst_delete, rs_bgp_delete);
	hook_register(peer_status_changed, rs_bind_peer_status_changed);
	hook_register(bgp_config_end, rs_config_end);
	return 0;
}

FRR_MODULE_SETUP(.name = "bgpd_routeserver", .version = RS_VERSION,
		 .description = "Azure-Route-Server-style route server",
		 .init = rs_module_init);
