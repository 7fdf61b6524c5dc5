// SPDX-License-Identifier: GPL-2.0-or-later
/* "debug bgp route-server": rate-limited verdict logging. */
#ifndef RS_LOG_H
#define RS_LOG_H

#include <stdbool.h>

#include "routeserver/policy.h"

struct prefix;
struct peer;

extern bool rs_debug;

/* At most RS_LOG_BURST lines a second; the rest are counted, then summed up. */
#define RS_LOG_BURST 100

void rs_log_suppressed(const struct prefix *prefix, const struct peer *source,
		       enum rs_role dest, enum rs_reason reason);

#endif /* RS_LOG_H */
