// SPDX-License-Identifier: GPL-2.0-or-later
/* Azure Route Server's limits. */
#include "routeserver/limits.h"

struct rs_limits rs_limits_default(void)
{
	struct rs_limits l = {
		.received = RS_LIMIT_RECEIVED_DEFAULT,
		.restart = RS_LIMIT_RESTART_DEFAULT,
		.er_advertised = RS_LIMIT_ER_ADVERTISED_DEFAULT,
		.role_peers = RS_LIMIT_ROLE_PEERS_DEFAULT,
	};

	return l;
}

uint32_t rs_limits_received_for(const struct rs_limits *limits,
				enum rs_role role, uint32_t neighbor)
{
	if (role == RS_ROLE_NONE)
		return 0;
	return neighbor ? neighbor : limits->received;
}

bool rs_limits_er_admit(const struct rs_limits *limits, uint32_t advertised,
			bool already_advertised, enum rs_source_kind kind)
{
	if (kind == RS_SOURCE_LOCAL || already_advertised)
		return true;
	return advertised < limits->er_advertised;
}

bool rs_limits_role_peers_fit(const struct rs_limits *limits,
			      unsigned int current, unsigned int adding)
{
	return adding == 0 || current + adding <= limits->role_peers;
}
