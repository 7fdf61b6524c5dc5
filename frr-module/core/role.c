// SPDX-License-Identifier: GPL-2.0-or-later
/* Route-server role names. */
#include <string.h>

#include "routeserver/role.h"

static const char *const role_names[RS_ROLE_COUNT] = {
	[RS_ROLE_NONE] = "none",
	[RS_ROLE_EXPRESSROUTE_GW] = "expressroute-gateway",
	[RS_ROLE_VPN_GW] = "vpn-gateway",
	[RS_ROLE_NVA] = "nva",
};

const char *rs_role_name(enum rs_role role)
{
	if ((unsigned int)role >= RS_ROLE_COUNT)
		return "invalid";
	return role_names[role];
}

bool rs_role_parse(const char *name, enum rs_role *role)
{
	if (!name)
		return false;
	/* "none" is not a role one can assign: it is the absence of one. */
	for (unsigned int r = RS_ROLE_NONE + 1; r < RS_ROLE_COUNT; r++) {
		if (strcmp(name, role_names[r]) == 0) {
			*role = (enum rs_role)r;
			return true;
		}
	}
	return false;
}

bool rs_role_is_gateway(enum rs_role role)
{
	return role == RS_ROLE_EXPRESSROUTE_GW || role == RS_ROLE_VPN_GW;
}

struct rs_role_settings rs_role_settings(enum rs_role role, bool ibgp)
{
	struct rs_role_settings s = {
		.reflector_client = ibgp && rs_role_is_gateway(role),
		.nexthop_unchanged = !ibgp && role != RS_ROLE_NONE,
	};

	return s;
}
