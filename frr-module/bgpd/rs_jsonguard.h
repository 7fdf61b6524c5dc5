// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Keeps bgpd's "show bgp neighbors ... json" safe for role peers.
 * See rs_jsonguard.c.
 */
#ifndef RS_JSONGUARD_H
#define RS_JSONGUARD_H

/* The condition-map name shown while a JSON command runs. */
#define RS_JSONGUARD_CONDITION "route-server policy"

void rs_jsonguard_init(void);

#endif /* RS_JSONGUARD_H */
