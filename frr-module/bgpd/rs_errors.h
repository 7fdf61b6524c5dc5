// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The module's error codes for flog_err(), in a sub-range of bgpd's that
 * bgpd itself does not use (its codes count up from BGP_FERR_START).
 */
#ifndef RS_ERRORS_H
#define RS_ERRORS_H

#include "ferr.h"

enum rs_log_refs {
	EC_RS_ROUTE_MAP = BGP_FERR_END - 0xFFFE, /* 0x02FF0001 */
	EC_RS_CMD_GUARD,
	EC_RS_AUDIT,
};

void rs_errors_init(void);

#endif /* RS_ERRORS_H */
