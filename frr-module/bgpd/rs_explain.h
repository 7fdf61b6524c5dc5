// SPDX-License-Identifier: GPL-2.0-or-later
/* "show bgp [vrf NAME] route-server explain PREFIX [json]". */
#ifndef RS_EXPLAIN_H
#define RS_EXPLAIN_H

void rs_explain_init(void);

#endif /* RS_EXPLAIN_H */
