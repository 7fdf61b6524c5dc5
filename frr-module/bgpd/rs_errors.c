// SPDX-License-Identifier: GPL-2.0-or-later
/* The module's error codes: "show error NUMBER" explains them. */
#include <zebra.h>

#include "ferr.h"

#include "rs_errors.h"

/* clang-format off */
static struct log_ref rs_log_refs[] = {
	{
		.code = EC_RS_ROUTE_MAP,
		.title = "Route-server route-map could not be installed",
		.description = "The module could not create its internal route-map for a destination role; peers of that role get no routes (fail closed)",
		.suggestion = "Report it with the log; bgpd and the module may not match",
	},
	{
		.code = EC_RS_CMD_GUARD,
		.title = "Route-server could not hook into bgpd",
		.description = "A bgpd command that would bypass the route-server policy (for example advertise-map), or bgpd's configuration writer, was not found in this bgpd: role peers are not protected from that command, or implied neighbor settings are written to running-config",
		.suggestion = "Use the module only with the FRR version it was built for",
	},
	{
		.code = EC_RS_AUDIT,
		.title = "Route-server audit found routes the policy forbids",
		.description = "The periodic audit found routes that bgpd queued or sent to a role peer (its adjacency-out) although the route-server policy forbids them: something took the peer out of the policy. The module re-binds the peer, which has bgpd withdraw them",
		.suggestion = "Run \"show bgp route-server audit\" and report it with the log and the configuration",
	},
	{
		.code = END_FERR,
	}
};
/* clang-format on */

void rs_errors_init(void)
{
	log_ref_add(rs_log_refs);
}
