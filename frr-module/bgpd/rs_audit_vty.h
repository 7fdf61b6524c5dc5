// SPDX-License-Identifier: GPL-2.0-or-later
/* The audit's commands (rs_audit_vty.c). */
#ifndef RS_AUDIT_VTY_H
#define RS_AUDIT_VTY_H

#include "json.h"

struct bgp;
struct vty;

/*
 * The periodic audit of BGP's instance: its interval and last result, into
 * JSON (auditInterval, lastPeriodicAudit) when it is set, else a line of
 * text.
 */
void rs_audit_show_periodic(struct vty *vty, const struct bgp *bgp,
			    json_object *json);

void rs_audit_vty_init(void);

#endif /* RS_AUDIT_VTY_H */
