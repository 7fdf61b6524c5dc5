// SPDX-License-Identifier: GPL-2.0-or-later
/* "debug bgp route-server": rate-limited verdict logging. */
#ifndef RS_LOG_H
#define RS_LOG_H

#include <stdbool.h>
#include <stdint.h>

#include "routeserver/policy.h"

struct prefix;
struct peer;

/* "debug bgp route-server" is on (terminal or configuration). */
bool rs_debugging(void);

/*
 * Sets it for MODE (DEBUG_MODE_TERM from enable, DEBUG_MODE_ALL from
 * configure, as FRR's DEBUG_NODE2MODE says).
 */
void rs_debug_set(uint32_t mode, bool on);

/* Registers the debug with FRR's "debug all" and its config writer. */
void rs_log_init(void);
/* Cancels a pending summary (bgpd is stopping). */
void rs_log_fini(void);

/* At most RS_LOG_BURST lines a second; the rest are counted, then summed up. */
#define RS_LOG_BURST 100

void rs_log_suppressed(const struct prefix *prefix, const struct peer *source,
		       enum rs_role dest, enum rs_reason reason);

#endif /* RS_LOG_H */
