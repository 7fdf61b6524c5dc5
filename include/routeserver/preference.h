// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Azure's hub routing preference: which kind of source wins when a prefix
 * is learned from several kinds of peer. It rides on bgpd's best-path
 * selection as a per-neighbor weight (the first criterion bgpd compares):
 * the preferred kinds get RS_PREFERENCE_WEIGHT, the others 0, so bgpd's own
 * criteria (AS-path length first) decide among equals. Plain C, no FRR.
 */
#ifndef ROUTESERVER_PREFERENCE_H
#define ROUTESERVER_PREFERENCE_H

#include <stdbool.h>
#include <stdint.h>

#include "routeserver/role.h"

enum rs_preference {
	RS_PREFERENCE_EXPRESSROUTE = 0, /* Azure's default */
	RS_PREFERENCE_VPN_GATEWAY,	/* VPN gateways and NVAs first */
	RS_PREFERENCE_AS_PATH,		/* shortest AS path, any source */
	RS_PREFERENCE_COUNT,
};

/* The weight of a preferred source: the smallest that decides. */
#define RS_PREFERENCE_WEIGHT 1

/* "expressroute", "vpn-gateway", "as-path". */
const char *rs_preference_name(enum rs_preference pref);
/* Parses a name; false (and *pref untouched) on anything else. */
bool rs_preference_parse(const char *name, enum rs_preference *pref);

/* The weight routes learned from a peer of ROLE get under PREF. */
uint16_t rs_preference_weight(enum rs_preference pref, enum rs_role role);

#endif /* ROUTESERVER_PREFERENCE_H */
