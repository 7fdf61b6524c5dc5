// SPDX-License-Identifier: GPL-2.0-or-later
/* "debug bgp route-server": rate-limited verdict logging. */
#include <zebra.h>

#include "debug.h"
#include "hook.h"
#include "log.h"
#include "northbound.h"
#include "prefix.h"
#include "vty.h"

#include "bgpd/bgpd.h"

#include "rs_compat.h"
#include "rs_log.h"

#define RS_DEBUG_CONF "debug bgp route-server"

static struct debug rs_dbg = {
#if RS_FRR_VERSION >= 1003
	.conf = RS_DEBUG_CONF,
#endif
	.desc = "BGP route-server",
};

bool rs_debugging(void)
{
	return DEBUG_MODE_CHECK(&rs_dbg, DEBUG_MODE_ALL);
}

void rs_debug_set(uint32_t mode, bool on)
{
	DEBUG_MODE_SET(&rs_dbg, mode, on);
}

#if RS_FRR_VERSION >= 1003
/* libfrr writes the debug section and runs "[no] debug all" for us */
void rs_log_init(void)
{
	debug_install(&rs_dbg);
}
#else
/*
 * bgpd's own debug lines are written by a function of bgpd that no module
 * can extend; FRR's client-debug hooks put this one in the same top-level
 * debug section of running-config, and let "[no] debug all" reach it.
 */
static int rs_debug_config_write(struct vty *vty)
{
	if (DEBUG_MODE_CHECK(&rs_dbg, DEBUG_MODE_CONF))
		vty_out(vty, RS_DEBUG_CONF "\n");
	return 0;
}

static int rs_debug_set_all(uint32_t flags, bool set)
{
	DEBUG_FLAGS_SET(&rs_dbg, flags, set);
	return 0;
}

void rs_log_init(void)
{
	hook_register(nb_client_debug_config_write, rs_debug_config_write);
	hook_register(nb_client_debug_set_all, rs_debug_set_all);
}
#endif

static time_t window;	       /* the second being counted */
static unsigned int in_window; /* lines logged in it */
static unsigned long dropped;  /* lines not logged since the last summary */
static rs_timer_t *t_summary;  /* sums up the dropped lines */

static void rs_log_summary(rs_timer_t *t)
{
	if (!dropped)
		return;
	zlog_debug(
		"route-server: %lu more suppressions not logged (rate limit %u/s)",
		dropped, RS_LOG_BURST);
	dropped = 0;
}

/*
 * True when one more line may be logged now. Windows are the seconds of the
 * log's own timestamps: CLOCK_REALTIME, as zlog reads it (time() is the
 * coarse clock and lags it by a tick). A clock step starts a new window.
 */
static bool rs_log_allowed(void)
{
	struct timespec ts;
	time_t now;

	clock_gettime(CLOCK_REALTIME, &ts);
	now = ts.tv_sec;

	if (now != window) {
		RS_TIMER_OFF(t_summary);
		rs_log_summary(NULL);
		window = now;
		in_window = 0;
	}
	if (in_window >= RS_LOG_BURST) {
		/* summed up when the second is over, even if nothing follows */
		if (!dropped++)
			rs_timer_add_msec(rs_log_summary,
					  1000 - ts.tv_nsec / 1000000,
					  &t_summary);
		return false;
	}
	in_window++;
	return true;
}

void rs_log_suppressed(const struct prefix *prefix, const struct peer *source,
		       enum rs_role dest, enum rs_reason reason)
{
	if (!rs_debugging() || !rs_log_allowed())
		return;
	zlog_debug("route-server: %pFX from %s suppressed towards %s: %s",
		   prefix, source ? source->host : "local", rs_role_name(dest),
		   rs_reason_text(reason));
}

void rs_log_fini(void)
{
	RS_TIMER_OFF(t_summary);
}
