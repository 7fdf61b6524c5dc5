// SPDX-License-Identifier: GPL-2.0-or-later
/* Role-assignment checks, as Azure Route Server applies them. */
#include <stddef.h>

#include "routeserver/validate.h"

/* Azure Route Server FAQ: ASNs an NVA may not use. */
static const struct {
	uint32_t first, last;
} refused_nva_asns[] = {
	{8074, 8075},	/* Microsoft */
	{12076, 12076}, /* Microsoft (ExpressRoute) */
	{23456, 23456}, /* AS_TRANS */
	{64496, 64511}, /* documentation */
	{65515, 65515}, /* Azure Route Server / gateways */
	{65517, 65520}, /* reserved by Azure */
	{65535, 65551}, /* reserved, documentation */
};

bool rs_nva_asn_refused(uint32_t asn)
{
	for (size_t i = 0;
	     i < sizeof(refused_nva_asns) / sizeof(refused_nva_asns[0]); i++)
		if (asn >= refused_nva_asns[i].first &&
		    asn <= refused_nva_asns[i].last)
			return true;
	return false;
}

const char *rs_role_check(enum rs_role role,
			  const struct rs_neighbor_facts *facts)
{
	if (role <= RS_ROLE_NONE || role >= RS_ROLE_COUNT)
		return "unknown route-server role";
	if (role != RS_ROLE_NVA || !facts->as_known)
		return NULL;
	if (facts->ibgp)
		return "role nva needs an eBGP neighbor (remote AS different from the local AS)";
	if (rs_nva_asn_refused(facts->remote_as))
		return "this AS number is refused for NVAs by Azure Route Server";
	return NULL;
}

bool rs_vpn_gateway_not_active_active(unsigned int count)
{
	return count > 0 && count < RS_VPN_GATEWAY_MIN_PEERS;
}
