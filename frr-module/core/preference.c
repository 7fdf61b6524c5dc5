// SPDX-License-Identifier: GPL-2.0-or-later
/* Routing preference: names and the weight each role's routes get. */
#include <string.h>

#include "routeserver/preference.h"

static const char *const pref_names[RS_PREFERENCE_COUNT] = {
	[RS_PREFERENCE_EXPRESSROUTE] = "expressroute",
	[RS_PREFERENCE_VPN_GATEWAY] = "vpn-gateway",
	[RS_PREFERENCE_AS_PATH] = "as-path",
};

const char *rs_preference_name(enum rs_preference pref)
{
	if ((unsigned int)pref >= RS_PREFERENCE_COUNT)
		return "invalid";
	return pref_names[pref];
}

bool rs_preference_parse(const char *name, enum rs_preference *pref)
{
	if (!name)
		return false;
	for (unsigned int p = 0; p < RS_PREFERENCE_COUNT; p++) {
		if (strcmp(name, pref_names[p]) == 0) {
			*pref = (enum rs_preference)p;
			return true;
		}
	}
	return false;
}

uint16_t rs_preference_weight(enum rs_preference pref, enum rs_role role)
{
	bool preferred;

	switch (pref) {
	case RS_PREFERENCE_EXPRESSROUTE:
		preferred = role == RS_ROLE_EXPRESSROUTE_GW;
		break;
	case RS_PREFERENCE_VPN_GATEWAY:
		/* VPN and NVA routes alike: the shorter AS path among them */
		preferred = role == RS_ROLE_VPN_GW || role == RS_ROLE_NVA;
		break;
	default:
		preferred = false;
		break;
	}
	return preferred ? RS_PREFERENCE_WEIGHT : 0;
}
