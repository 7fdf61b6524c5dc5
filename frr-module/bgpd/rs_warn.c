// SPDX-License-Identifier: GPL-2.0-or-later
/* Configuration problems that the route server accepts but reports. */
#include <zebra.h>

#include "linklist.h"
#include "printfrr.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_addpath_types.h"

#include "routeserver/validate.h"

#include "rs_bind.h"
#include "rs_instance.h"
#include "rs_warn.h"

#define RS_WARN_MAX 256

static void vpn_warning(struct rs_instance *rsi, char *buf, size_t len)
{
	unsigned int n = rs_role_peer_count(rsi, RS_ROLE_VPN_GW);

	buf[0] = '\0';
	if (rs_vpn_gateway_not_active_active(n))
		snprintf(
			buf, len,
			"vpn-gateway has %u neighbor: Azure's VPN gateway is active-active (%u sessions expected)",
			n, RS_VPN_GATEWAY_MIN_PEERS);
}

struct warn_sink {
	void (*emit)(const char *text, void *arg);
	void *arg;
	unsigned int count;
};

PRINTFRR(2, 3)
static void warnf(struct warn_sink *sink, const char *fmt, ...)
{
	char buf[RS_WARN_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintfrr(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	sink->emit(buf, sink->arg);
	sink->count++;
}

unsigned int rs_warnings(struct rs_instance *rsi,
			 void (*emit)(const char *text, void *arg), void *arg)
{
	struct warn_sink sink = {.emit = emit, .arg = arg};
	char buf[RS_WARN_MAX];
	struct listnode *node;
	struct peer *peer;

	vpn_warning(rsi, buf, sizeof(buf));
	if (buf[0])
		warnf(&sink, "%s", buf);

	for (ALL_LIST_ELEMENTS_RO(rsi->bgp->peer, node, peer)) {
		enum rs_role role = rs_configured_role(rsi, peer);
		uint64_t af_flags = peer->af_flags[AFI_IP][SAFI_UNICAST];

		if (role == RS_ROLE_NONE)
			continue;
		if (rs_bind_blocked(peer))
			warnf(&sink,
			      "neighbor %s (%s) has its own advertise-map: route-server policy is not applied to it",
			      peer->host, rs_role_name(role));
		if (rs_role_is_gateway(role) && peer->sort == BGP_PEER_IBGP &&
		    !CHECK_FLAG(af_flags, PEER_FLAG_REFLECTOR_CLIENT))
			warnf(&sink,
			      "neighbor %s (%s) is iBGP but not a route-reflector-client: routes from other iBGP peers cannot reach it",
			      peer->host, rs_role_name(role));
		if (peer->addpath_type[AFI_IP][SAFI_UNICAST] !=
		    BGP_ADDPATH_NONE)
			warnf(&sink,
			      "neighbor %s (%s) sends add-path: the route-server verdict follows the best path only",
			      peer->host, rs_role_name(role));
		if (role == RS_ROLE_NVA &&
		    !CHECK_FLAG(af_flags, PEER_FLAG_NEXTHOP_UNCHANGED))
			warnf(&sink,
			      "neighbor %s (nva) lacks 'attribute-unchanged next-hop': learned routes reach it with the route server as next hop",
			      peer->host);
	}
	return sink.count;
}

void rs_warn_log(struct rs_instance *rsi)
{
	char buf[RS_WARN_MAX];

	vpn_warning(rsi, buf, sizeof(buf));
	if (!buf[0]) {
		rsi->vpn_warned = false;
		return;
	}
	if (rsi->vpn_warned)
		return;
	rsi->vpn_warned = true;
	zlog_warn("route-server: %s: %s", rsi->bgp->name_pretty, buf);
}
