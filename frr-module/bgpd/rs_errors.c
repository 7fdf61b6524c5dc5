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
		.title = "Route-server could not guard a bgpd command",
		.description = "A bgpd command that would bypass the route-server policy (for example advertise-map) was not found in this bgpd, so role peers are not protected from it",
		.suggestion = "Use the module only with the FRR version it was built for",
	},
	{
		.code = EC_RS_UNBOUND,
		.title = "Route-server policy not applied to a role peer",
		.description = "A neighbor has a route-server role but something else occupies the slot the policy needs; 'show bgp route-server' lists it under warnings",
		.suggestion = "Remove the neighbor's advertise-map",
	},
	{
		.code = EC_RS_CONFIG,
		.title = "Route-server configuration line refused",
		.description = "A route-server line of the configuration could not be applied",
		.suggestion = "Correct the line as the error message says",
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
