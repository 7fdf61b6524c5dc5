// SPDX-License-Identifier: GPL-2.0-or-later
/* The audit's commands (rs_audit_vty.c). */
#ifndef RS_AUDIT_VTY_H
#define RS_AUDIT_VTY_H

void rs_audit_vty_init(void);

#endif /* RS_AUDIT_VTY_H */
