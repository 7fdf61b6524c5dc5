// SPDX-License-Identifier: GPL-2.0-or-later
/* "debug bgp route-server": rate-limited verdict logging. */
#include <zebra.h>

#include "log.h"
#include "monotime.h"
#include "prefix.h"

#include "bgpd/bgpd.h"

#include "rs_log.h"

bool rs_debug;

static time_t window;		/* the second being counted */
static unsigned int in_window;	/* lines logged in it */
static unsigned long dropped;	/* lines not logged since the last summary */

/* True when one more line may be logged now. */
static bool rs_log_allowed(void)
{
	time_t now = monotime(NULL);

	if (now != window) {
		if (dropped)
			zlog_debug("route-server: %lu more suppressions not logged (rate limit %u/s)",
				   dropped, RS_LOG_BURST);
		window = now;
		in_window = 0;
		dropped = 0;
	}
	if (in_window >= RS_LOG_BURST) {
		dropped++;
		return false;
	}
	in_window++;
	return true;
}

void rs_log_suppressed(const struct prefix *prefix, const struct peer *source,
		       enum rs_role dest, enum rs_reason reason)
{
	if (!rs_debug || !rs_log_allowed())
		return;
	zlog_debug("route-server: %pFX from %s suppressed towards %s: %s",
		   prefix, source ? source->host : "local", rs_role_name(dest),
		   rs_reason_text(reason));
}
