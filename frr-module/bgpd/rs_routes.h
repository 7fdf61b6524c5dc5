// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Per-peer route lists with Azure's field names (network, nextHop, asPath,
 * origin, sourcePeer, localAddress, weight).
 */
#ifndef RS_ROUTES_H
#define RS_ROUTES_H

void rs_routes_init(void);

#endif /* RS_ROUTES_H */
